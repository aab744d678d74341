//! The trajectory: the projected scores and level after each phase of a plan.
//!
//! After prepare, leap and embed the raises of every action planned up to the end of that phase
//! hold (see [`super::project`]), and the sheet or room is scored again, gates and patterns
//! included. The trajectory says in which phase the target level is first reached, and what
//! still blocks it after embed when it is not.

use super::project::{Subject, raises_of};
use super::{Plan, TargetGap, target_gap};
use crate::index::{ActionIx, LevelIx};
use crate::questionnaire::{Phase, Questionnaire};
use crate::score::Assessment;

/// The phases a trajectory steps through; actions left for later are not in it.
pub const PHASES: [Phase; 3] = [Phase::Prepare, Phase::Leap, Phase::Embed];

/// One point of the trajectory.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    /// `None` for today; else the phase at whose end this is.
    pub phase: Option<Phase>,
    /// How many of the plan's actions are done by then.
    pub done: usize,
    pub assessment: Assessment,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Trajectory {
    /// Today, then after prepare, leap and embed.
    pub steps: Vec<Step>,
    /// The level the plan aims at, if any.
    pub target: Option<LevelIx>,
    /// The first step whose level reaches the target (0 is today).
    pub reached_at: Option<usize>,
    /// What still stands between the end of embed and the target, when it is not reached.
    pub blocked_by: Option<TargetGap>,
}

/// The trajectory of `plan` from `today`, the assessment of `subject` as it stands.
pub fn trajectory(
    q: &Questionnaire,
    subject: &Subject<'_>,
    today: &Assessment,
    plan: &Plan,
) -> Trajectory {
    let mut steps = vec![Step {
        phase: None,
        done: 0,
        assessment: today.clone(),
    }];
    let done: Vec<Vec<ActionIx>> = (PHASES.iter())
        .map(|&phase| {
            (plan.actions.iter())
                .filter(|p| p.phase <= phase)
                .map(|p| p.action)
                .collect()
        })
        .collect();
    // The three projections are independent: a large room scores them side by side.
    let assessments: Vec<Assessment> = std::thread::scope(|scope| {
        let handles: Vec<_> = (done.iter())
            .map(|d| scope.spawn(move || subject.assess_with(q, &raises_of(q, d))))
            .collect();
        (handles.into_iter())
            .map(|h| {
                h.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    for ((phase, d), assessment) in PHASES.into_iter().zip(&done).zip(assessments) {
        steps.push(Step {
            phase: Some(phase),
            done: d.len(),
            assessment,
        });
    }
    let target = plan.target.as_ref().map(|t| t.target);
    let reached_at = target.and_then(|t| steps.iter().position(|s| s.assessment.level >= t));
    let last = &steps[steps.len() - 1].assessment;
    let blocked_by = target
        .filter(|_| reached_at.is_none())
        .map(|t| target_gap(q, last, t));
    Trajectory {
        steps,
        target,
        reached_at,
        blocked_by,
    }
}
