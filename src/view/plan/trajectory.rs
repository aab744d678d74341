//! The trajectory's view: the projected scores and level today and after each phase, whether
//! and when the target is reached, what still blocks it, and the shortest way to it.

use serde::Serialize;

use super::{ActionRef, GateBrief, ShortfallView, gate_brief};
use crate::index::LevelIx;
use crate::plan::{Plan, Shortest, TargetGap, Trajectory};
use crate::questionnaire::Questionnaire;
use crate::view::{LevelView, level_view, round1};

#[derive(Debug, Serialize)]
pub struct TrajectoryView {
    /// Today, then after prepare, leap and embed.
    pub steps: Vec<StepView>,
    /// The level the plan aims at (`--target`, else the next level up); `null` without one.
    pub target: Option<LevelView>,
    /// The target is reached today or by the end of embed.
    pub reached: bool,
    /// The step that first reaches the target: `today`, `prepare`, `leap` or `embed`.
    pub reached_in: Option<&'static str>,
    /// That step's name ("after prepare").
    pub reached_in_name: Option<&'static str>,
    /// When the target is not reached after embed: what still stands in its way.
    pub blocked_by: Option<BlockedView>,
    /// Every level with its threshold, for the chart's lines.
    pub levels: Vec<LevelView>,
    /// How many of the plan's actions say what answers they bring about (`raises`); with none,
    /// the projection stays at today's scores.
    pub actions_with_raises: usize,
}

#[derive(Debug, Serialize)]
pub struct StepView {
    /// `today`, `prepare`, `leap` or `embed`.
    pub phase: &'static str,
    /// `Today`, `After prepare`, …
    pub name: &'static str,
    /// How many of the plan's actions are done by then.
    pub actions_done: usize,
    /// The projected overall score; `null` without enough evidence.
    pub overall: Option<f64>,
    pub level: LevelView,
    pub dimensions: Vec<StepDimension>,
    /// Gates that hold the projected level below what its score reaches.
    pub capped_by: Vec<GateBrief>,
    /// The projected level reaches the target.
    pub reaches_target: bool,
    /// For the HTML chart: the height of the overall score, in the chart's units (220 at 0,
    /// 20 at 100).
    pub chart_y: f64,
}

#[derive(Debug, Serialize)]
pub struct StepDimension {
    pub id: String,
    pub name: String,
    pub score: Option<f64>,
}

#[derive(Debug, Serialize)]
pub struct BlockedView {
    /// Gates that still hold the level below the target.
    pub gates: Vec<GateBrief>,
    /// Points the overall score still lacks.
    pub overall_shortfall: f64,
    /// Dimensions still below the target's threshold.
    pub dimensions: Vec<ShortfallView>,
}

/// The least-effort set of actions that reaches the target (`--target`).
#[derive(Debug, Serialize)]
pub struct ShortestView {
    pub target: LevelView,
    /// Some set of the plan's actions reaches the target.
    pub reachable: bool,
    /// The search looked at every set that could cost less (false: it stopped at its limit, and
    /// the set is the least it found).
    pub proven: bool,
    /// The set's total effort.
    pub effort: u32,
    /// The set, in plan order, by number and title.
    pub actions: Vec<ActionRef>,
    /// When no set reaches the target: what still blocks it with every action done.
    pub blocked_by: Option<BlockedView>,
}

/// The chart's height for a score: 0 at 220, 100 at 20.
pub fn chart_y(score: f64) -> f64 {
    round1(220.0 - 2.0 * score.clamp(0.0, 100.0))
}

fn step_name(phase: Option<crate::questionnaire::Phase>) -> (&'static str, &'static str) {
    use crate::questionnaire::Phase;
    match phase {
        None => ("today", "Today"),
        Some(Phase::Prepare) => ("prepare", "After prepare"),
        Some(Phase::Leap) => ("leap", "After leap"),
        Some(_) => ("embed", "After embed"),
    }
}

fn blocked_view(q: &Questionnaire, gap: &TargetGap, scores: &[Option<f64>]) -> BlockedView {
    BlockedView {
        gates: gap.gates.iter().map(|&g| gate_brief(q, g)).collect(),
        overall_shortfall: round1(gap.overall_shortfall),
        dimensions: gap
            .dimensions
            .iter()
            .map(|&(d, short)| ShortfallView {
                id: q.dimensions[d].id.clone(),
                name: q.dimensions[d].name.clone(),
                score: scores[d.get()].map(round1),
                shortfall: round1(short),
            })
            .collect(),
    }
}

/// The trajectory as readers see it.
pub fn trajectory_view(q: &Questionnaire, plan: &Plan, t: &Trajectory) -> TrajectoryView {
    let reaches = |l: LevelIx| t.target.is_some_and(|target| l >= target);
    let steps: Vec<StepView> = t
        .steps
        .iter()
        .map(|s| {
            let a = &s.assessment;
            let (phase, name) = step_name(s.phase);
            let overall = a.overall.map(round1);
            StepView {
                phase,
                name,
                actions_done: s.done,
                overall,
                level: level_view(q, a.level),
                dimensions: (q.dimensions.iter().zip(&a.dimensions))
                    .map(|(d, ds)| StepDimension {
                        id: d.id.clone(),
                        name: d.name.clone(),
                        score: ds.score.map(round1),
                    })
                    .collect(),
                capped_by: a.capping_gates(q).map(|g| gate_brief(q, g)).collect(),
                reaches_target: reaches(a.level),
                chart_y: chart_y(overall.unwrap_or(0.0)),
            }
        })
        .collect();
    let reached_at = t.reached_at.map(|k| step_name(t.steps[k].phase));
    let last = &t.steps[t.steps.len() - 1].assessment;
    let scores: Vec<Option<f64>> = last.dimensions.iter().map(|d| d.score).collect();
    TrajectoryView {
        steps,
        target: t.target.map(|l| level_view(q, l)),
        reached: t.reached_at.is_some(),
        reached_in: reached_at.map(|(id, _)| id),
        reached_in_name: reached_at.map(|(_, name)| name),
        blocked_by: t.blocked_by.as_ref().map(|g| blocked_view(q, g, &scores)),
        levels: LevelIx::all(q.levels.len())
            .map(|l| level_view(q, l))
            .collect(),
        actions_with_raises: (plan.actions.iter())
            .filter(|p| !q.actions[p.action].raises.is_empty())
            .count(),
    }
}

/// The shortest way as readers see it; `plan` numbers its actions.
pub fn shortest_view(q: &Questionnaire, plan: &Plan, s: &Shortest) -> ShortestView {
    let number = |a| plan.actions.iter().position(|p| p.action == a);
    let mut actions: Vec<ActionRef> = (s.actions.iter().flatten())
        .filter_map(|&a| {
            Some(ActionRef {
                number: number(a)? + 1,
                title: q.actions[a].title.clone(),
            })
        })
        .collect();
    actions.sort_by_key(|r| r.number);
    ShortestView {
        target: level_view(q, s.target),
        reachable: s.actions.is_some(),
        proven: s.proven,
        effort: s.effort,
        actions,
        blocked_by: s
            .blocked_by
            .as_ref()
            .map(|g| blocked_view(q, g, &s.blocked_scores)),
    }
}
