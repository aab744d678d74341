//! The shortest way to a target level: the least-effort set of the plan's actions whose raises,
//! once done, bring the level to the target.
//!
//! A set is closed under `after` (an action's prerequisites among the plan's actions come with
//! it), and costs the sum of its actions' `effort`. Projected scores are not monotone in general
//! (an answer given where there was none may lower a mean; a gate may read `score(d) > x`), so
//! the search is exhaustive, made small by three exact cuts:
//! - only *movers* are chosen, actions whose raises change an answer today; the rest change
//!   nothing, and enter a set only as some mover's prerequisite;
//! - a set that reaches the target is not extended: every extension costs more;
//! - a set that costs as much as the best found so far is not evaluated or extended;
//! - a mover none of whose raises would hold in a set is not added to it (nor to any larger one);
//! - sets with the same *effect* (which raise holds for each question) are scored once;
//! - a gate that caps below the target, holds today and reads only answers keeps holding until
//!   some action of the set changes an answer it reads (or one that shows or hides such a
//!   question): a set that cannot touch every such gate, even with all the movers still to
//!   come, is not extended, and one that has not touched them all is not scored. Touching means
//!   declaring a raise that lifts the gate in some combination of the raises to its questions
//!   (each tried, where they are few); a gate no combination lifts makes the target unreachable.
//!
//! Sets are visited depth first, cheapest movers first. The search stops after
//! [`MAX_EVALUATIONS`] projections or [`MAX_VISITS`] sets and says so; the result is then the
//! least found, not proven least.

use std::collections::HashMap;

use super::project::{Subject, raises_of};
use super::{TargetGap, target_gap};
use crate::index::{ActionIx, GateIx, LevelIx, QuestionIx};
use crate::questionnaire::Questionnaire;
use crate::score::question_score;

/// Projections a search may score before it stops (each one scores the sheet, or the room,
/// again).
pub const MAX_EVALUATIONS: usize = 20_000;

/// Sets a search may look at before it stops (looking costs little next to scoring).
pub const MAX_VISITS: usize = 2_000_000;

/// What a set of actions does to any sheet: for each question raised, the raise that holds
/// (candidate position, raise position). Sets with one effect project every sheet alike.
type Effect = Vec<(usize, usize, usize)>;

/// The most candidate actions searched (one bit each).
const MAX_CANDIDATES: usize = 128;

#[derive(Clone, Debug, PartialEq)]
pub struct Shortest {
    pub target: LevelIx,
    /// The least-effort set in the order of `candidates`; `None` when no set reaches the target.
    pub actions: Option<Vec<ActionIx>>,
    /// The set's total effort (0 when none is found).
    pub effort: u32,
    /// Every set that could be cheaper was looked at.
    pub proven: bool,
    /// When no set reaches the target: what still blocks it with every candidate done.
    pub blocked_by: Option<TargetGap>,
    /// Then also the dimension scores with every candidate done (else empty).
    pub blocked_scores: Vec<Option<f64>>,
}

/// The search's fixed data: each candidate's closure and effort, and the movers in search order.
struct Search<'a> {
    q: &'a Questionnaire,
    subject: &'a Subject<'a>,
    candidates: &'a [ActionIx],
    target: LevelIx,
    closure: Vec<u128>,
    effort: Vec<u32>,
    movers: Vec<usize>,
    /// Whether each effect reaches the target, by [`Search::effect`].
    memo: HashMap<Effect, bool>,
    /// For each gate that must stop holding: the candidates whose raises can change it.
    touchers: Vec<u128>,
    /// The union of the closures of `movers[j..]`, for each `j` (one more, empty, at the end).
    suffix: Vec<u128>,
    /// Sets looked at, evaluated or not.
    visits: usize,
    best: Option<(u32, u128)>,
    stopped: bool,
}

/// The least-effort closed subset of `candidates` (the plan's actions) reaching `target`.
pub fn least_effort(
    q: &Questionnaire,
    subject: &Subject<'_>,
    candidates: &[ActionIx],
    target: LevelIx,
) -> Shortest {
    let truncated = candidates.len() > MAX_CANDIDATES;
    let candidates = &candidates[..candidates.len().min(MAX_CANDIDATES)];
    let mut s = Search::new(q, subject, candidates, target);
    if s.reaches(0, Vec::new()) {
        s.best = Some((0, 0));
    } else if s.can_touch(0, 0) {
        s.visit(0, 0, &Vec::new());
    }
    let proven = !s.stopped && !truncated;
    let all = s
        .best
        .is_none()
        .then(|| subject.assess_with(q, &raises_of(q, candidates)));
    let blocked_by = all.as_ref().map(|all| target_gap(q, all, target));
    let blocked_scores = all.map_or_else(Vec::new, |all| {
        all.dimensions.iter().map(|d| d.score).collect()
    });
    Shortest {
        target,
        actions: s.best.map(|(_, mask)| s.members(mask)),
        effort: s.best.map_or(0, |(cost, _)| cost),
        proven,
        blocked_by,
        blocked_scores,
    }
}

impl<'a> Search<'a> {
    fn new(
        q: &'a Questionnaire,
        subject: &'a Subject<'a>,
        candidates: &'a [ActionIx],
        target: LevelIx,
    ) -> Search<'a> {
        let closure = closures(q, candidates);
        let effort: Vec<u32> = (candidates.iter())
            .map(|&a| u32::from(q.actions[a].effort))
            .collect();
        let mut s = Search {
            q,
            subject,
            candidates,
            target,
            closure,
            effort,
            movers: Vec::new(),
            memo: HashMap::new(),
            touchers: Vec::new(),
            suffix: Vec::new(),
            visits: 0,
            best: None,
            stopped: false,
        };
        let mut movers: Vec<usize> = (0..candidates.len())
            .filter(|&k| subject.changed_by(q, &raises_of(q, &[candidates[k]])))
            .collect();
        movers.sort_by_key(|&k| (s.cost(s.closure[k]), k));
        s.touchers = (touched_gates(q, subject, target).iter())
            .map(|(g, reads)| {
                let lifting = lifting_raises(q, subject, candidates, *g, reads);
                (movers.iter().copied())
                    .filter(|&k| raises_any(q, candidates[k], &lifting))
                    .fold(0, |m, k| m | (1 << k))
            })
            .collect();
        s.suffix = vec![0; movers.len() + 1];
        for j in (0..movers.len()).rev() {
            s.suffix[j] = s.suffix[j + 1] | s.closure[movers[j]];
        }
        s.movers = movers;
        s
    }

    /// Whether `mask`, with the movers from position `from` on, can touch every gate that must
    /// stop holding.
    fn can_touch(&self, mask: u128, from: usize) -> bool {
        let reach = mask | self.suffix[from];
        self.touchers.iter().all(|&t| reach & t != 0)
    }

    /// Whether `mask` touches every gate that must stop holding (else it cannot reach).
    fn touches_all(&self, mask: u128) -> bool {
        self.touchers.iter().all(|&t| mask & t != 0)
    }

    fn cost(&self, mask: u128) -> u32 {
        (0..self.candidates.len())
            .filter(|&k| mask & (1 << k) != 0)
            .map(|k| self.effort[k])
            .sum()
    }

    fn members(&self, mask: u128) -> Vec<ActionIx> {
        (0..self.candidates.len())
            .filter(|&k| mask & (1 << k) != 0)
            .map(|k| self.candidates[k])
            .collect()
    }

    /// The raise that holds for each question once the actions of `mask` are done, whatever the
    /// sheet: raises apply in order, each only above the answer there (see `project::raised`), so
    /// the first of the highest-scoring raises holds, unless today's answer is as good (which
    /// does not depend on the set).
    fn effect(&self, mask: u128) -> Effect {
        let mut holds: std::collections::BTreeMap<usize, (f64, usize, usize)> = Default::default();
        for k in (0..self.candidates.len()).filter(|&k| mask & (1 << k) != 0) {
            for (r, (i, answer)) in self.q.actions[self.candidates[k]].raises.iter().enumerate() {
                let kind = &self.q.questions[*i].kind;
                let score = question_score(kind, answer).unwrap_or(0.0);
                let held = holds.get(&i.get()).map(|h| h.0);
                if held.is_none_or(|h| score > h) {
                    holds.insert(i.get(), (score, k, r));
                }
            }
        }
        holds.into_iter().map(|(i, (_, k, r))| (i, k, r)).collect()
    }

    /// Whether `effect`, the effect of `mask`, brings the level to the target.
    fn reaches(&mut self, mask: u128, effect: Effect) -> bool {
        if let Some(&known) = self.memo.get(&effect) {
            return known;
        }
        let done = self.members(mask);
        let level = (self.subject)
            .assess_with(self.q, &raises_of(self.q, &done))
            .level;
        let reached = level >= self.target;
        self.memo.insert(effect, reached);
        reached
    }

    /// Extends the closed set `mask` (with effect `effect`) by movers from position `from` on.
    /// A mover that changes nothing of the effect is passed over: none of its raises can hold in
    /// any set that contains `mask`, so every set with it costs more and does the same.
    fn visit(&mut self, from: usize, mask: u128, effect: &Effect) {
        for j in from..self.movers.len() {
            let next = mask | self.closure[self.movers[j]];
            let cost = self.cost(next);
            if next == mask || self.best.is_some_and(|(best, _)| cost >= best) {
                continue;
            }
            let next_effect = self.effect(next);
            if next_effect == *effect {
                continue;
            }
            if !self.can_touch(next, j + 1) {
                continue;
            }
            self.visits += 1;
            if self.memo.len() >= MAX_EVALUATIONS || self.visits >= MAX_VISITS {
                self.stopped = true;
                return;
            }
            if self.touches_all(next) && self.reaches(next, next_effect.clone()) {
                self.best = Some((cost, next));
            } else {
                self.visit(j + 1, next, &next_effect);
            }
        }
    }
}

/// For each gate that caps the level below `target`, holds today and reads answers only: the
/// questions whose answers it depends on, with those that decide whether they are shown.
fn touched_gates(
    q: &Questionnaire,
    subject: &Subject<'_>,
    target: LevelIx,
) -> Vec<(GateIx, Vec<QuestionIx>)> {
    let today = subject.assess_with(q, &[]);
    (today.gates.iter().copied())
        .filter(|&g| q.gates[g].max_level < target && !q.gates[g].when.expr.reads_scores())
        .map(|gi| {
            let g = &q.gates[gi];
            let mut reads = Vec::new();
            g.when.expr.questions(&mut reads);
            let mut k = 0;
            while k < reads.len() {
                if let Some(c) = &q.questions[reads[k]].show_if {
                    let mut more = Vec::new();
                    c.expr.questions(&mut more);
                    reads.extend(
                        more.into_iter()
                            .filter(|m| !reads.contains(m))
                            .collect::<Vec<_>>(),
                    );
                }
                k += 1;
            }
            (gi, reads)
        })
        .collect()
}

/// The most combinations of raised answers tried for one gate; beyond it every raise of the
/// gate's questions counts as able to lift it (which only weakens the cut).
const MAX_COMBINATIONS: usize = 4096;

/// The raises (question, answer) of `candidates` to gate `g`'s questions that take part in some
/// combination lifting the gate: each question of `reads` keeps today's answer or takes one of
/// the raises to it, and the gate is checked on every combination. Empty: no set lifts it.
fn lifting_raises<'q>(
    q: &'q Questionnaire,
    subject: &Subject<'_>,
    candidates: &[ActionIx],
    g: GateIx,
    reads: &[QuestionIx],
) -> Vec<&'q (QuestionIx, crate::answer::Answer)> {
    let mut options: Vec<Vec<&(QuestionIx, crate::answer::Answer)>> = Vec::new();
    for &i in reads {
        let mut raises: Vec<_> = raises_of(q, candidates)
            .into_iter()
            .filter(|r| r.0 == i)
            .collect();
        raises.dedup_by(|a, b| a.1 == b.1);
        if !raises.is_empty() {
            options.push(raises);
        }
    }
    let combinations = options
        .iter()
        .try_fold(1usize, |n, o| n.checked_mul(o.len() + 1))
        .filter(|&n| n <= MAX_COMBINATIONS);
    let Some(combinations) = combinations else {
        return options.into_iter().flatten().collect();
    };
    let mut lifting = Vec::new();
    for mut c in 0..combinations {
        let mut chosen = Vec::new();
        for o in &options {
            let pick = c % (o.len() + 1);
            c /= o.len() + 1;
            if pick > 0 {
                chosen.push(o[pick - 1]);
            }
        }
        if !subject.assess_with(q, &chosen).gates.contains(&g) {
            for r in chosen {
                if !lifting.contains(&r) {
                    lifting.push(r);
                }
            }
        }
    }
    lifting
}

/// Whether action `a` declares any of `raises`.
fn raises_any(
    q: &Questionnaire,
    a: ActionIx,
    raises: &[&(QuestionIx, crate::answer::Answer)],
) -> bool {
    q.actions[a].raises.iter().any(|r| raises.contains(&r))
}

/// Each candidate with the candidates it must follow, directly or not, as a bit set.
fn closures(q: &Questionnaire, candidates: &[ActionIx]) -> Vec<u128> {
    let position = |a: ActionIx| candidates.iter().position(|&c| c == a);
    let mut closure: Vec<u128> = (0..candidates.len()).map(|k| 1 << k).collect();
    // `after` is acyclic, so widening until nothing changes ends within `candidates.len()` rounds.
    loop {
        let mut changed = false;
        for k in 0..candidates.len() {
            let mut wider = closure[k];
            for &dep in &q.actions[candidates[k]].after {
                if let Some(d) = position(dep) {
                    wider |= closure[d];
                }
            }
            changed |= wider != closure[k];
            closure[k] = wider;
        }
        if !changed {
            return closure;
        }
    }
}
