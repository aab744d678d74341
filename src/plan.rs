//! The leap plan: which triggered actions to take, in what order and phase.
//!
//! Priority = impact · dimension weight · (100 − D)/100 / effort. Actions that clear a gate holding
//! the level down come first. Each action sits in its own phase (or, with none given, `prepare`
//! when it clears a holding gate, else by effort); an action is moved to a later phase rather than
//! come before anything in its `after` list, and within a phase it follows them.

use crate::index::{ActionIx, DimensionIx, GateIx, LevelIx, QuestionIx};
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
                phase: action
                    .phase
                    .unwrap_or_else(|| default_phase(!clears.is_empty(), action.effort)),
                priority,
                clears,
                evidence,
                addresses_target,
            }
        })
        .collect();
    // An action never comes before one it must follow: move it to that one's phase or later.
    // `after` is acyclic (checked at load), so this settles within as many rounds as actions.
    for _ in 0..planned.len() {
        let mut changed = false;
        for k in 0..planned.len() {
            let latest = q.actions[planned[k].action]
                .after
                .iter()
                .filter_map(|dep| planned.iter().find(|p| p.action == *dep).map(|p| p.phase))
                .max();
            if let Some(phase) = latest
                && phase > planned[k].phase
            {
                planned[k].phase = phase;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    planned.sort_by(|x, y| {
        (x.phase, x.clears.is_empty())
            .cmp(&(y.phase, y.clears.is_empty()))
            .then(y.priority.total_cmp(&x.priority))
            .then(x.action.cmp(&y.action))
    });
    // Within the order, pull each action's prerequisites in front of it (a stable topological order).
    let mut ordered: Vec<PlannedAction> = Vec::with_capacity(planned.len());
    while !planned.is_empty() {
        let ready = planned
            .iter()
            .position(|p| {
                q.actions[p.action]
                    .after
                    .iter()
                    .all(|dep| !planned.iter().any(|other| other.action == *dep))
            })
            .unwrap_or(0);
        ordered.push(planned.remove(ready));
    }
    Plan {
        actions: ordered,
        target: gap,
    }
}
