//! The report's view: a plain serializable struct built from the domain types.
//!
//! Renderers and templates see only this, never the domain model; `--format json` prints it as is,
//! so the JSON output documents every variable a template can use. Numbers are rounded to one
//! decimal here, once, so every format shows the same figures.

pub mod anonymous;
pub mod compare;
pub mod model;
pub mod peers;
pub mod plan;
pub mod workbook;
pub mod workshop;

use serde::Serialize;

use crate::answer::Answer;
use crate::index::{DimensionIx, LevelIx, QuestionIx, UnitIx};
use crate::plan::Plan;
use crate::questionnaire::Questionnaire;
use crate::score::Assessment;
use crate::sheet::Sheet;

pub use plan::PlanView;

/// Bumped whenever a field changes meaning or disappears.
pub const SCHEMA_VERSION: u32 = 1;

fn respondent_view(q: &Questionnaire, sheet: &Sheet) -> RespondentView {
    let role = sheet.respondent.role.as_ref().and_then(|r| q.role(r));
    RespondentView {
        name: sheet.respondent.name.clone(),
        role: sheet.respondent.role.clone(),
        role_name: role.map(|r| r.name.clone()),
        group: role.and_then(|r| r.group.clone()),
        date: sheet.date.map(|d| d.to_string()),
    }
}

/// What both documents open with.
#[derive(Debug, Serialize)]
pub struct Header {
    pub schema_version: u32,
    /// `report` or `plan`.
    pub document: &'static str,
    pub questionnaire: QuestionnaireView,
    pub organization: String,
    pub respondents: Vec<RespondentView>,
    pub date: Option<String>,
    /// The overall score, `null` when no dimension has enough evidence.
    pub overall: Option<f64>,
    pub level: LevelView,
    /// The next level up the ladder, `null` at the top.
    pub next_level: Option<LevelView>,
    /// Points the overall score, as shown, lacks to reach `next_level` (0 when only gates hold
    /// the level down); `null` at the top of the ladder or without an overall score.
    pub to_next_level: Option<f64>,
    /// How many sheets the run read and counted, and which were set aside and why.
    pub sheets: SheetsView,
    /// With `--benchmark`: the peers and where each score stands among them; else `null`.
    pub benchmark: Option<peers::BenchmarkView>,
}

/// The files a run read: how many count, which were set aside and why, and the counted sheets
/// that name another organization.
#[derive(Debug, Serialize)]
pub struct SheetsView {
    pub read: usize,
    pub counted: usize,
    pub set_aside: Vec<SetAsideView>,
    pub strangers: Vec<StrangerView>,
}

#[derive(Debug, Serialize)]
pub struct SetAsideView {
    /// The file's name, `null` in an anonymous report (a file name may name its respondent).
    pub file: Option<String>,
    /// `older` (the same respondent's later sheet counts), `blank` (no scored answer) or
    /// `not_a_sheet`.
    pub reason: &'static str,
    /// The reason in words.
    pub why: String,
}

#[derive(Debug, Serialize)]
pub struct StrangerView {
    /// The file's name, `null` in an anonymous report.
    pub file: Option<String>,
    /// The organization the sheet names.
    pub organization: String,
}

/// The roll of a run's files as the documents show it; `anonymous` leaves file names out.
pub fn sheets(roll: &crate::room::Roll, anonymous: bool) -> SheetsView {
    use crate::room::Reason;
    // A document names a file by its name in the room (the path is the reader's own business,
    // and would make the same room's report differ from one machine to the next).
    let file = |f: &String| {
        let name = std::path::Path::new(f).file_name();
        let name = name.map_or_else(|| f.clone(), |n| n.to_string_lossy().into_owned());
        (!anonymous).then_some(name)
    };
    SheetsView {
        read: roll.read,
        counted: roll.counted,
        set_aside: roll
            .set_aside
            .iter()
            .map(|s| {
                let (reason, why) = match &s.reason {
                    Reason::Older { .. } if anonymous => (
                        "older",
                        "the same respondent's later sheet counts".to_string(),
                    ),
                    Reason::Older { kept } => (
                        "older",
                        format!(
                            "the same respondent's later sheet {} counts",
                            file(kept).unwrap_or_default()
                        ),
                    ),
                    Reason::Blank => ("blank", "no scored answer".to_string()),
                    Reason::NotASheet { what } => {
                        ("not_a_sheet", format!("not an answer sheet: {what}"))
                    }
                };
                SetAsideView {
                    file: file(&s.file),
                    reason,
                    why,
                }
            })
            .collect(),
        strangers: roll
            .strangers
            .iter()
            .map(|s| StrangerView {
                file: file(&s.file),
                organization: s.organization.clone(),
            })
            .collect(),
    }
}

impl Header {
    fn new(q: &Questionnaire, sheet: &Sheet, a: &Assessment, document: &'static str) -> Header {
        Header {
            schema_version: SCHEMA_VERSION,
            document,
            questionnaire: questionnaire_view(q),
            organization: sheet.organization.clone(),
            respondents: vec![respondent_view(q, sheet)],
            date: sheet.date.map(|d| d.to_string()),
            overall: a.overall.map(round1),
            level: level_view(q, a.level),
            next_level: q.level_above(a.level).map(|l| level_view(q, l)),
            to_next_level: q
                .level_above(a.level)
                .zip(a.overall)
                .map(|(l, o)| round1((q.levels[l].min_score - round1(o)).max(0.0))),
            sheets: sheets(&crate::room::Roll::single(), false),
            benchmark: None,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct ReportView {
    #[serde(flatten)]
    pub header: Header,
    /// The level the score alone reaches, before gates.
    pub score_level: LevelView,
    /// Whether gates hold the level below `score_level`.
    pub capped: bool,
    pub levels: Vec<LadderStep>,
    pub dimensions: Vec<DimensionView>,
    pub gates: Vec<GateView>,
    pub patterns: Vec<PatternView>,
    pub strengths: Vec<DimensionRef>,
    pub gaps: Vec<DimensionRef>,
    pub units: Vec<String>,
    /// Every question answered "not applicable", as declared: n/a leaves a question out of its
    /// score, so the reader sees what was left out.
    pub not_applicable: Vec<NotApplicableView>,
    /// The leap plan in brief: its target, actions per phase and the first actions.
    pub plan: plan::PlanSummaryView,
    /// With more than one respondent: agreement, discussion points, the leadership gap; `null`
    /// for one respondent.
    pub workshop: Option<workshop::WorkshopView>,
    /// For a room, the dimension where leadership and the front line differ most (either way);
    /// `null` for one respondent or when no dimension has both groups.
    pub widest_gap: Option<WidestGapView>,
}

/// The dimension with the largest |leadership − front line| in a room.
#[derive(Debug, Serialize)]
pub struct WidestGapView {
    pub id: String,
    pub name: String,
    pub leadership: f64,
    pub frontline: f64,
    /// Leadership minus front line, from the two means as shown: negative when the front line
    /// sees more than leadership.
    pub gap: f64,
}

/// The widest leadership gap of a room; on a tie the first dimension in questionnaire order.
fn widest_gap(w: &workshop::WorkshopView) -> Option<WidestGapView> {
    let mut widest: Option<WidestGapView> = None;
    for d in &w.dimensions {
        let (Some(leadership), Some(frontline)) = (d.leadership, d.frontline) else {
            continue;
        };
        let gap = round1(leadership - frontline);
        if widest.as_ref().is_none_or(|x| gap.abs() > x.gap.abs()) {
            widest = Some(WidestGapView {
                id: d.id.clone(),
                name: d.name.clone(),
                leadership,
                frontline,
                gap,
            });
        }
    }
    widest
}

#[derive(Debug, Serialize)]
pub struct QuestionnaireView {
    pub id: String,
    pub version: String,
    /// Fingerprint of the questionnaire's content; differs when anything in it changed.
    pub content_hash: String,
    pub title: String,
    pub description: String,
}

#[derive(Debug, Serialize)]
pub struct RespondentView {
    pub name: String,
    pub role: Option<String>,
    pub role_name: Option<String>,
    pub group: Option<String>,
    pub date: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LevelView {
    pub id: String,
    pub name: String,
    pub index: usize,
    pub min_score: f64,
    pub summary: String,
}

#[derive(Debug, Serialize)]
pub struct LadderStep {
    #[serde(flatten)]
    pub level: LevelView,
    pub current: bool,
    /// The overall score reaches this level's threshold.
    pub reached: bool,
}

#[derive(Debug, Serialize)]
pub struct DimensionView {
    pub id: String,
    pub name: String,
    pub description: String,
    pub weight: f64,
    pub per_unit: bool,
    pub score: Option<f64>,
    /// Percent, 0..100.
    pub coverage: f64,
    /// Counts towards the overall score (coverage ≥ 50 % and a score).
    pub sufficient: bool,
    pub units: Vec<UnitScoreView>,
    pub questions: Vec<QuestionView>,
    /// With `--benchmark`, where the score stands among the peers; else `null`.
    pub peers: Option<peers::PeerScoreView>,
}

#[derive(Debug, Serialize)]
pub struct UnitScoreView {
    pub name: String,
    pub score: Option<f64>,
    pub coverage: f64,
}

#[derive(Debug, Serialize)]
pub struct QuestionView {
    pub id: String,
    pub text: String,
    pub unit: Option<String>,
    /// `answered`, `not_applicable`, `unanswered` or `hidden`.
    pub status: &'static str,
    /// The answer as the respondent saw it (option labels), when answered.
    pub answer: Option<String>,
    /// 0..100, when answered and scored.
    pub score: Option<f64>,
}

#[derive(Debug, Serialize)]
pub struct NotApplicableView {
    /// The dimension's name.
    pub dimension: String,
    pub text: String,
    pub unit: Option<String>,
}

/// The questions of `dimensions` answered "not applicable", in order.
fn declared_not_applicable(dimensions: &[DimensionView]) -> Vec<NotApplicableView> {
    dimensions
        .iter()
        .flat_map(|d| {
            (d.questions.iter())
                .filter(|q| q.status == "not_applicable")
                .map(|q| NotApplicableView {
                    dimension: d.name.clone(),
                    text: q.text.clone(),
                    unit: q.unit.clone(),
                })
        })
        .collect()
}

#[derive(Debug, Serialize)]
pub struct GateView {
    pub id: String,
    pub title: String,
    pub reason: String,
    pub max_level: LevelView,
    /// This gate holds the level below what the score reached.
    pub capping: bool,
}

#[derive(Debug, Serialize)]
pub struct PatternView {
    pub id: String,
    pub name: String,
    pub description: String,
}

#[derive(Debug, Serialize)]
pub struct DimensionRef {
    pub id: String,
    pub name: String,
    pub score: Option<f64>,
}

/// Rounds to one decimal (rule 6).
pub fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

pub(crate) fn questionnaire_view(q: &Questionnaire) -> QuestionnaireView {
    QuestionnaireView {
        id: q.id.clone(),
        version: q.version.clone(),
        content_hash: q.content_hash.clone(),
        title: q.title.clone(),
        description: q.description.clone(),
    }
}

pub(crate) fn level_view(q: &Questionnaire, i: LevelIx) -> LevelView {
    let l = &q.levels[i];
    LevelView {
        id: l.id.clone(),
        name: l.name.clone(),
        index: i.get(),
        min_score: l.min_score,
        summary: l.summary.clone(),
    }
}

pub use crate::questionnaire::accept::answer_text;

fn question_view(
    q: &Questionnaire,
    sheet: &Sheet,
    a: &Assessment,
    i: QuestionIx,
    unit: Option<UnitIx>,
) -> QuestionView {
    let question = &q.questions[i];
    let answer = sheet.answer(i, unit);
    let status = match answer {
        _ if !a.visibility.shown(i, unit) => "hidden",
        None => "unanswered",
        Some(Answer::NotApplicable) => "not_applicable",
        Some(_) => "answered",
    };
    let shown = status != "hidden";
    let unit_name = unit.map(|u| sheet.units[u].clone());
    let text = question.text_for(&sheet.organization, unit_name.as_deref());
    QuestionView {
        id: question.id.clone(),
        text,
        unit: unit_name,
        status,
        answer: answer
            .filter(|_| shown)
            .map(|ans| answer_text(&question.kind, ans)),
        score: answer
            .filter(|_| shown && question.scored())
            .and_then(|ans| crate::score::question_score(&question.kind, ans))
            .map(|s| round1(100.0 * s)),
    }
}

/// Builds the maturity report's view of one assessed sheet. `requested` says the plan's target
/// came from `--target`.
pub fn report(
    q: &Questionnaire,
    sheet: &Sheet,
    a: &Assessment,
    leap_plan: &Plan,
    requested: bool,
) -> ReportView {
    let dimensions: Vec<DimensionView> = DimensionIx::enumerate(&q.dimensions)
        .map(|(d, dim)| {
            let ds = &a.dimensions[d];
            // A unit nobody answered for is listed with its score, not question by question: the
            // view grows with the answers given, not with the units named.
            let answered = |u: &UnitIx| {
                sheet
                    .unit_answers
                    .get(u.get())
                    .is_some_and(|a| a.iter().next().is_some())
            };
            let questions = if dim.per_unit {
                UnitIx::all(sheet.units.len())
                    .filter(answered)
                    .flat_map(|u| dim.questions.iter().map(move |&i| (i, Some(u))))
                    .collect::<Vec<_>>()
            } else {
                dim.questions.iter().map(|&i| (i, None)).collect()
            };
            DimensionView {
                id: dim.id.clone(),
                name: dim.name.clone(),
                description: dim.description.clone(),
                weight: dim.weight,
                per_unit: dim.per_unit,
                score: ds.score.map(round1),
                coverage: round1(100.0 * ds.coverage),
                sufficient: ds.sufficient,
                units: UnitIx::enumerate(&ds.units)
                    .map(|(u, s)| UnitScoreView {
                        name: sheet.units[u].clone(),
                        score: s.score.map(round1),
                        coverage: round1(100.0 * s.coverage),
                    })
                    .collect(),
                questions: questions
                    .into_iter()
                    .map(|(i, u)| question_view(q, sheet, a, i, u))
                    .collect(),
                peers: None,
            }
        })
        .collect();
    let mut ranked: Vec<&DimensionView> = dimensions.iter().filter(|d| d.sufficient).collect();
    ranked.sort_by(|x, y| y.score.unwrap_or(0.0).total_cmp(&x.score.unwrap_or(0.0)));
    let n_strengths = ranked.len().div_ceil(2).min(2);
    let to_ref = |d: &&DimensionView| DimensionRef {
        id: d.id.clone(),
        name: d.name.clone(),
        score: d.score,
    };
    let strengths: Vec<DimensionRef> = ranked.iter().take(n_strengths).map(to_ref).collect();
    let gaps: Vec<DimensionRef> = ranked
        .iter()
        .skip(n_strengths)
        .rev()
        .take(2)
        .map(to_ref)
        .collect();
    let not_applicable = declared_not_applicable(&dimensions);
    ReportView {
        header: Header::new(q, sheet, a, "report"),
        score_level: level_view(q, a.score_level),
        capped: a.level < a.score_level,
        levels: LevelIx::all(q.levels.len())
            .map(|i| LadderStep {
                level: level_view(q, i),
                current: i == a.level,
                reached: a.overall.is_some_and(|o| o >= q.levels[i].min_score),
            })
            .collect(),
        dimensions,
        gates: a
            .gates
            .iter()
            .map(|&g| {
                let gate = &q.gates[g];
                GateView {
                    id: gate.id.clone(),
                    title: gate.title.clone(),
                    reason: gate.reason.clone(),
                    max_level: level_view(q, gate.max_level),
                    capping: gate.max_level < a.score_level,
                }
            })
            .collect(),
        patterns: a
            .patterns
            .iter()
            .map(|&p| {
                let pat = &q.patterns[p];
                PatternView {
                    id: pat.id.clone(),
                    name: pat.name.clone(),
                    description: pat.description.clone(),
                }
            })
            .collect(),
        strengths,
        gaps,
        units: sheet.units.clone(),
        not_applicable,
        plan: plan::summary(q, sheet, a, leap_plan, requested),
        workshop: None,
        widest_gap: None,
    }
}

/// What a room's report gives as the answer to a free-text question.
pub const NO_CONSENSUS: &str = "no consensus";

/// The workshop's respondents, for the header.
fn respondents(q: &Questionnaire, w: &crate::aggregate::Workshop) -> Vec<RespondentView> {
    w.respondents
        .iter()
        .map(|r| respondent_view(q, &r.sheet))
        .collect()
}

/// The maturity report of a workshop: scores are the room's means, answers the consensus.
pub fn workshop_report(
    q: &Questionnaire,
    w: &crate::aggregate::Workshop,
    leap_plan: &Plan,
    requested: bool,
) -> ReportView {
    room_report(q, w, leap_plan, requested, false)
}

/// The maturity report of a workshop run with `--anonymous`: the room's answers are grouped as
/// its respondents are named (see [`workshop::anonymous_view`]).
pub fn anonymous_workshop_report(
    q: &Questionnaire,
    w: &crate::aggregate::Workshop,
    leap_plan: &Plan,
    requested: bool,
) -> ReportView {
    room_report(q, w, leap_plan, requested, true)
}

fn room_report(
    q: &Questionnaire,
    w: &crate::aggregate::Workshop,
    leap_plan: &Plan,
    requested: bool,
    anonymous: bool,
) -> ReportView {
    let mut v = report(q, &w.consensus, &w.assessment, leap_plan, requested);
    v.header.respondents = respondents(q, w);
    // Free text is one person's words: a room has no consensus on it.
    let free_text: std::collections::HashSet<&str> = q
        .questions
        .iter()
        .filter(|x| matches!(x.kind, crate::questionnaire::Kind::Text))
        .map(|x| x.id.as_str())
        .collect();
    for qv in v.dimensions.iter_mut().flat_map(|d| d.questions.iter_mut()) {
        if free_text.contains(qv.id.as_str()) && qv.answer.is_some() {
            qv.answer = Some(NO_CONSENSUS.into());
        }
    }
    let room = if anonymous {
        workshop::anonymous_view(q, w)
    } else {
        workshop::view(q, w)
    };
    v.widest_gap = widest_gap(&room);
    v.workshop = Some(room);
    v
}

/// The leap plan of a workshop.
pub fn workshop_plan(
    q: &Questionnaire,
    w: &crate::aggregate::Workshop,
    leap_plan: &Plan,
    requested: bool,
) -> PlanView {
    let mut v = plan::plan(q, &w.consensus, &w.assessment, leap_plan, requested);
    v.header.respondents = respondents(q, w);
    v
}
