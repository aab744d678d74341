//! The leap plan: which triggered actions to take, in what order and phase.
//!
//! Priority = impact · dimension weight · (100 − D)/100 / effort. Actions that clear a gate holding
//! the level down come first, then those that answer a trap the sheet is in (`patterns[].actions`).
//! Each action sits in its own phase (or, with none given, `prepare` when it clears a holding gate
//! or answers a trap, else by effort); an action is moved to a later phase rather than
//! come before anything in its `after` list, and within a phase it follows them.
//!
//! [`project`] applies actions' `raises` to the answers; [`trajectory`] scores the plan after
//! each phase; [`shortest`] finds the least-effort set of actions that reaches a target level.

pub mod project;
pub mod shortest;
pub mod trajectory;

pub use project::Subject;
pub use shortest::Shortest;
pub use trajectory::Trajectory;

use crate::index::{ActionIx, DimensionIx, GateIx, LevelIx, PatternIx, QuestionIx};
use crate::questionnaire::{Phase, Questionnaire};
use crate::score::Assessment;

#[derive(Clone, Debug, PartialEq)]
pub struct PlannedAction {
    /// Index into the questionnaire's actions.
    pub action: ActionIx,
    pub phase: Phase,
    pub priority: f64,
    /// Holding gates this action lifts.
    pub clears: Vec<GateIx>,
    /// Traps the sheet is in that this action answers.
    pub answers: Vec<PatternIx>,
    /// The questions its `when` reads: the evidence that triggered it.
    pub evidence: Vec<QuestionIx>,
    /// It addresses a gap between today and `--target` (a gate or a dimension below the target).
    pub addresses_target: bool,
}

/// What stands between today's level and a target level.
#[derive(Clone, Debug, PartialEq)]
pub struct TargetGap {
    pub target: LevelIx,
    /// Today is at or above the target already.
    pub reached: bool,
    /// Gates that hold and cap the level below the target.
    pub gates: Vec<GateIx>,
    /// Points the overall score needs to reach the target's `min_score` (0 when it does).
    pub overall_shortfall: f64,
    /// Dimensions scoring below the target's `min_score`, with their shortfall in points.
    pub dimensions: Vec<(DimensionIx, f64)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    pub actions: Vec<PlannedAction>,
    pub target: Option<TargetGap>,
    /// The projected scores and level after each phase ([`with_trajectory`]).
    pub trajectory: Option<Trajectory>,
    /// With `--target`: the least-effort set of actions that reaches it.
    pub shortest: Option<Shortest>,
}

/// `plan` with its trajectory from `today` (the assessment of `subject`) and, when a target was
/// asked for, the shortest way to it.
pub fn with_trajectory(
    q: &Questionnaire,
    subject: &Subject<'_>,
    today: &Assessment,
    mut plan: Plan,
    requested: Option<LevelIx>,
) -> Plan {
    plan.trajectory = Some(trajectory::trajectory(q, subject, today, &plan));
    plan.shortest = requested.map(|target| {
        let candidates: Vec<ActionIx> = plan.actions.iter().map(|p| p.action).collect();
        shortest::least_effort(q, subject, &candidates, target)
    });
    plan
}

fn default_phase(clears_holding: bool, effort: u8) -> Phase {
    match (clears_holding, effort) {
        (true, _) | (false, 1) => Phase::Prepare,
        (false, 2) => Phase::Leap,
        _ => Phase::Embed,
    }
}

/// What stands between `a` and level `target`.
pub fn target_gap(q: &Questionnaire, a: &Assessment, target: LevelIx) -> TargetGap {
    let min = q.levels[target].min_score;
    let dimensions = DimensionIx::enumerate(&a.dimensions)
        .filter_map(|(d, s)| match s.score {
            Some(score) if score < min => Some((d, min - score)),
            None => Some((d, min)),
            _ => None,
        })
        .collect();
    TargetGap {
        target,
        reached: a.level >= target,
        gates: a
            .gates
            .iter()
            .copied()
            .filter(|&g| q.gates[g].max_level < target)
            .collect(),
        overall_shortfall: (min - a.overall.unwrap_or(0.0)).max(0.0),
        dimensions,
    }
}

/// Orders the triggered actions of an assessment into a plan.
pub fn plan(q: &Questionnaire, a: &Assessment, target: Option<LevelIx>) -> Plan {
    let holding: Vec<GateIx> = a.capping_gates(q).collect();
    let gap = target.map(|t| target_gap(q, a, t));
    let mut planned: Vec<PlannedAction> = a
        .actions
        .iter()
        .map(|&i| {
            let action = &q.actions[i];
            let d = action.dimension;
            let score = a.dimensions[d].score.unwrap_or(0.0);
            let priority = f64::from(action.impact) * q.dimensions[d].weight * (100.0 - score)
                / 100.0
                / f64::from(action.effort);
            let clears: Vec<GateIx> = action
                .clears
                .iter()
                .copied()
                .filter(|g| holding.contains(g))
                .collect();
            let answers: Vec<PatternIx> = a
                .patterns
                .iter()
                .copied()
                .filter(|&p| q.patterns[p].actions.contains(&i))
                .collect();
            let mut evidence = Vec::new();
            if let Some(c) = &action.when {
                c.expr.questions(&mut evidence);
            }
            let mut seen = std::collections::HashSet::new();
            evidence.retain(|q| seen.insert(*q));
            let addresses_target = gap.as_ref().is_some_and(|g| {
                !g.reached
                    && (action.clears.iter().any(|c| g.gates.contains(c))
                        || g.dimensions.iter().any(|(dim, _)| *dim == d))
            });
            PlannedAction {
                action: i,
                phase: action.phase.unwrap_or_else(|| {
                    default_phase(!clears.is_empty() || !answers.is_empty(), action.effort)
                }),
                priority,
                clears,
                answers,
                evidence,
                addresses_target,
            }
        })
        .collect();
    // An action never comes before one it must follow: move it to that one's phase or later,
    // settling each after all it follows.
    let deps = prerequisites(q, &planned);
    for k in dependency_order(&deps) {
        let latest = deps[k].iter().map(|&j| planned[j].phase).max();
        if let Some(phase) = latest.filter(|&phase| phase > planned[k].phase) {
            planned[k].phase = phase;
        }
    }
    let mut ordered = order(q, planned);
    // No phase holds more than the questionnaire allows: the last of a full phase move on to the
    // next, and from embed to the "later" list. Prerequisites come first in the order, so what
    // stays never waits on what moved.
    for phase in [Phase::Prepare, Phase::Leap, Phase::Embed] {
        let surplus: Vec<usize> = (ordered.iter().enumerate())
            .filter(|(_, p)| p.phase == phase)
            .map(|(k, _)| k)
            .skip(q.max_per_phase)
            .collect();
        if !surplus.is_empty() {
            surplus
                .iter()
                .for_each(|&k| ordered[k].phase = phase.next());
            ordered = order(q, ordered);
        }
    }
    Plan {
        actions: ordered,
        target: gap,
        trajectory: None,
        shortest: None,
    }
}

/// The actions in plan order: by phase, gate-lifting first, then those answering a trap, then by
/// priority; and each after the actions it must follow.
fn order(q: &Questionnaire, mut planned: Vec<PlannedAction>) -> Vec<PlannedAction> {
    planned.sort_by(|x, y| {
        (x.phase, x.clears.is_empty(), x.answers.is_empty())
            .cmp(&(y.phase, y.clears.is_empty(), y.answers.is_empty()))
            .then(y.priority.total_cmp(&x.priority))
            .then(x.action.cmp(&y.action))
    });
    // Within the order, pull each action's prerequisites in front of it (a stable topological
    // order: whatever is ready, the earliest in the sorted order first).
    let order = dependency_order(&prerequisites(q, &planned));
    let mut slots: Vec<Option<PlannedAction>> = planned.into_iter().map(Some).collect();
    order.into_iter().filter_map(|k| slots[k].take()).collect()
}

/// For each planned action, the positions of the planned actions it must follow.
fn prerequisites(q: &Questionnaire, planned: &[PlannedAction]) -> Vec<Vec<usize>> {
    let at: std::collections::HashMap<ActionIx, usize> = planned
        .iter()
        .enumerate()
        .map(|(k, p)| (p.action, k))
        .collect();
    planned
        .iter()
        .map(|p| {
            let mut deps: Vec<usize> = q.actions[p.action]
                .after
                .iter()
                .filter_map(|dep| at.get(dep).copied())
                .collect();
            deps.sort_unstable();
            deps.dedup();
            deps
        })
        .collect()
}

/// The positions `0..deps.len()` in an order where each comes after those it depends on
/// (`deps[k]`), and among those ready the lowest position first, so that a sorted list keeps its
/// order wherever its dependencies allow. Linear in positions and dependencies, bar the heap.
fn dependency_order(deps: &[Vec<usize>]) -> Vec<usize> {
    use std::cmp::Reverse;
    let n = deps.len();
    let mut waiting: Vec<usize> = deps.iter().map(Vec::len).collect();
    let mut dependents = vec![Vec::new(); n];
    for (k, ds) in deps.iter().enumerate() {
        for &d in ds {
            dependents[d].push(k);
        }
    }
    let mut ready: std::collections::BinaryHeap<Reverse<usize>> =
        (0..n).filter(|&k| waiting[k] == 0).map(Reverse).collect();
    let mut out = Vec::with_capacity(n);
    while let Some(Reverse(k)) = ready.pop() {
        out.push(k);
        for &j in &dependents[k] {
            waiting[j] -= 1;
            if waiting[j] == 0 {
                ready.push(Reverse(j));
            }
        }
    }
    // `after` is acyclic (checked at load); were it not, the rest would follow in their order.
    if out.len() < n {
        let mut placed = vec![false; n];
        out.iter().for_each(|&k| placed[k] = true);
        out.extend((0..n).filter(|&k| !placed[k]));
    }
    out
}
