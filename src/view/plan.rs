//! The leap plan's view: phases of ordered actions with their evidence, and the target gap.

mod trajectory;

use serde::Serialize;

pub use trajectory::{BlockedView, ShortestView, StepView, TrajectoryView, chart_y};

use super::{Header, LevelView, answer_text, level_view, round1};
use crate::index::{GateIx, UnitIx};
use crate::plan::{Plan, TargetGap};
use crate::questionnaire::{Phase, Questionnaire};
use crate::score::Assessment;
use crate::sheet::Sheet;

/// How many actions the report's plan summary lists.
const SUMMARY_ACTIONS: usize = 3;

#[derive(Debug, Serialize)]
pub struct PlanView {
    #[serde(flatten)]
    pub header: Header,
    /// What stands between today and the target level (`--target`, else the next level up);
    /// `null` at the top of the ladder with no `--target`.
    pub target: Option<TargetView>,
    /// The three phases in order, each with its actions in the order to take them.
    pub phases: Vec<PhaseView>,
    /// Every action of the plan, numbered 1.. in order.
    pub action_count: usize,
    /// The projected scores and level today and after each phase, with every action of the
    /// phases so far done (their `raises` applied).
    pub trajectory: Option<TrajectoryView>,
    /// With `--target`: the least-effort set of actions that reaches it; else `null`.
    pub shortest: Option<ShortestView>,
}

/// The report's closing summary of the plan.
#[derive(Debug, Serialize)]
pub struct PlanSummaryView {
    pub target: Option<TargetView>,
    pub action_count: usize,
    /// Each phase with how many actions it holds.
    pub phases: Vec<PhaseCount>,
    /// The first actions of the plan.
    pub first_actions: Vec<ActionView>,
}

#[derive(Debug, Serialize)]
pub struct PhaseCount {
    pub id: &'static str,
    pub name: &'static str,
    pub window: &'static str,
    pub count: usize,
}

#[derive(Debug, Serialize)]
pub struct PhaseView {
    pub id: &'static str,
    pub name: &'static str,
    /// When the phase runs, e.g. `days 30–90`.
    pub window: &'static str,
    pub actions: Vec<ActionView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActionView {
    /// Position in the whole plan, from 1.
    pub number: usize,
    pub id: String,
    pub title: String,
    pub dimension: DimensionBrief,
    pub phase: &'static str,
    /// impact · dimension weight · (100 − D)/100 / effort, to one decimal.
    pub priority: f64,
    pub impact: u8,
    pub effort: u8,
    /// What the effort means (`plan.effort` of the questionnaire), e.g. "up to 5 person-days".
    pub effort_label: Option<String>,
    pub owner: Option<String>,
    pub why: Option<String>,
    pub steps: Vec<String>,
    pub measure: Option<String>,
    pub source: Option<String>,
    /// Ids of the actions that must come first.
    pub after: Vec<String>,
    /// Those of them in this plan, by number and title: what readers see. Absent when none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub after_in_plan: Vec<ActionRef>,
    /// Gates holding the level down that this action lifts.
    pub clears: Vec<GateBrief>,
    /// The names of the traps this sheet is in that the action answers.
    pub answers_traps: Vec<String>,
    /// The answers that triggered the action.
    pub evidence: Vec<EvidenceView>,
    /// It addresses a gate or a dimension shortfall between today and the target.
    pub addresses_target: bool,
    /// It belongs to the least-effort set that reaches the target (`--target`).
    pub in_shortest: bool,
}

/// An action of this plan, as a reader finds it: its number and title.
#[derive(Debug, Clone, Serialize)]
pub struct ActionRef {
    pub number: usize,
    pub title: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct DimensionBrief {
    pub id: String,
    pub name: String,
    pub score: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GateBrief {
    pub id: String,
    pub title: String,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct EvidenceView {
    pub question: String,
    pub text: String,
    pub unit: Option<String>,
    /// The answer as text, or `unanswered`.
    pub answer: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TargetView {
    pub level: LevelView,
    /// Today's level is at or above the target already.
    pub reached: bool,
    /// Chosen with `--target` (else the next level up).
    pub requested: bool,
    /// Gates that hold the level below the target.
    pub gates: Vec<GateBrief>,
    /// Points the overall score lacks to reach the target's threshold (0 when it does).
    pub overall_shortfall: f64,
    /// Dimensions scoring below the target's threshold.
    pub dimensions: Vec<ShortfallView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ShortfallView {
    pub id: String,
    pub name: String,
    pub score: Option<f64>,
    pub shortfall: f64,
}

fn phase_names(p: Phase) -> (&'static str, &'static str) {
    match p {
        Phase::Prepare => ("Prepare", "first 30 days"),
        Phase::Leap => ("Leap", "days 30–90"),
        Phase::Embed => ("Embed", "days 90–180"),
        Phase::Later => ("Later", "once the phases above are done"),
    }
}

fn target_view(q: &Questionnaire, a: &Assessment, gap: &TargetGap, requested: bool) -> TargetView {
    TargetView {
        level: level_view(q, gap.target),
        reached: gap.reached,
        requested,
        gates: gap.gates.iter().map(|&g| gate_brief(q, g)).collect(),
        overall_shortfall: round1(gap.overall_shortfall),
        dimensions: gap
            .dimensions
            .iter()
            .map(|&(d, short)| ShortfallView {
                id: q.dimensions[d].id.clone(),
                name: q.dimensions[d].name.clone(),
                score: a.dimensions[d].score.map(round1),
                shortfall: round1(short),
            })
            .collect(),
    }
}

pub(crate) fn gate_brief(q: &Questionnaire, g: GateIx) -> GateBrief {
    GateBrief {
        id: q.gates[g].id.clone(),
        title: q.gates[g].title.clone(),
        reason: q.gates[g].reason.clone(),
    }
}

fn action_view(
    q: &Questionnaire,
    sheet: &Sheet,
    a: &Assessment,
    plan: &Plan,
    number: usize,
) -> ActionView {
    let p = &plan.actions[number - 1];
    let action = &q.actions[p.action];
    let dim = &q.dimensions[action.dimension];
    let mut evidence = Vec::new();
    for &i in &p.evidence {
        let question = &q.questions[i];
        let units: Vec<Option<UnitIx>> = if q.dimensions[question.dimension].per_unit {
            UnitIx::all(sheet.units.len()).map(Some).collect()
        } else {
            vec![None]
        };
        for u in units {
            if !a.visibility.shown(i, u) {
                continue;
            }
            let unit = u.map(|u| sheet.units[u].clone());
            let text = question.text_for(&sheet.organization, unit.as_deref());
            evidence.push(EvidenceView {
                question: question.id.clone(),
                text,
                unit,
                answer: sheet.answer(i, u).map_or_else(
                    || "unanswered".into(),
                    |ans| answer_text(&question.kind, ans),
                ),
            });
        }
    }
    ActionView {
        number,
        id: action.id.clone(),
        title: action.title.clone(),
        dimension: DimensionBrief {
            id: dim.id.clone(),
            name: dim.name.clone(),
            score: a.dimensions[action.dimension].score.map(round1),
        },
        phase: p.phase.id(),
        priority: round1(p.priority),
        impact: action.impact,
        effort: action.effort,
        effort_label: (q.effort_labels.as_ref())
            .and_then(|e| e.get(usize::from(action.effort).saturating_sub(1)).cloned()),
        owner: action.owner.clone(),
        why: action.why.clone(),
        steps: action.steps.clone(),
        measure: action.measure.clone(),
        source: action.source.clone(),
        after: action
            .after
            .iter()
            .map(|&k| q.actions[k].id.clone())
            .collect(),
        after_in_plan: action
            .after
            .iter()
            .filter_map(|&k| {
                let at = plan.actions.iter().position(|x| x.action == k)?;
                Some(ActionRef {
                    number: at + 1,
                    title: q.actions[k].title.clone(),
                })
            })
            .collect(),
        clears: p.clears.iter().map(|&g| gate_brief(q, g)).collect(),
        answers_traps: p
            .answers
            .iter()
            .map(|&t| q.patterns[t].name.clone())
            .collect(),
        evidence,
        addresses_target: p.addresses_target,
        in_shortest: (plan.shortest.as_ref())
            .and_then(|s| s.actions.as_ref())
            .is_some_and(|set| set.contains(&p.action)),
    }
}

/// The parts of a plan both documents show.
struct Parts {
    target: Option<TargetView>,
    phases: Vec<PhaseView>,
    count: usize,
}

fn parts(q: &Questionnaire, sheet: &Sheet, a: &Assessment, plan: &Plan, requested: bool) -> Parts {
    let target = plan
        .target
        .as_ref()
        .map(|gap| target_view(q, a, gap, requested));
    // The three phases always; "later" only when the phases could not hold every action.
    let later = plan.actions.iter().any(|p| p.phase == Phase::Later);
    let phases = Phase::PLANNED
        .iter()
        .filter(|&&phase| phase != Phase::Later || later)
        .map(|&phase| {
            let (name, window) = phase_names(phase);
            PhaseView {
                id: phase.id(),
                name,
                window,
                actions: plan
                    .actions
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| p.phase == phase)
                    .map(|(n, _)| action_view(q, sheet, a, plan, n + 1))
                    .collect(),
            }
        })
        .collect();
    Parts {
        target,
        phases,
        count: plan.actions.len(),
    }
}

/// Builds the leap plan document's view. `requested` says the target came from `--target`.
pub fn plan(
    q: &Questionnaire,
    sheet: &Sheet,
    a: &Assessment,
    plan: &Plan,
    requested: bool,
) -> PlanView {
    let Parts {
        target,
        phases,
        count,
    } = parts(q, sheet, a, plan, requested);
    PlanView {
        header: Header::new(q, sheet, a, "plan"),
        target,
        phases,
        action_count: count,
        trajectory: (plan.trajectory.as_ref()).map(|t| trajectory::trajectory_view(q, plan, t)),
        shortest: (plan.shortest.as_ref()).map(|s| trajectory::shortest_view(q, plan, s)),
    }
}

/// The plan's summary for the end of the maturity report.
pub fn summary(
    q: &Questionnaire,
    sheet: &Sheet,
    a: &Assessment,
    plan: &Plan,
    requested: bool,
) -> PlanSummaryView {
    let Parts {
        target,
        phases,
        count,
    } = parts(q, sheet, a, plan, requested);
    PlanSummaryView {
        target,
        action_count: count,
        phases: phases
            .iter()
            .map(|p| PhaseCount {
                id: p.id,
                name: p.name,
                window: p.window,
                count: p.actions.len(),
            })
            .collect(),
        first_actions: phases
            .into_iter()
            .flat_map(|p| p.actions)
            .take(SUMMARY_ACTIONS)
            .collect(),
    }
}
