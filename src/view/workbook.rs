//! The room as a workbook (`-f xlsx`): the same view the other formats print, laid out as tables
//! a consultant sorts and filters: summary, dimensions, respondents, every answer by its label,
//! discussion points and the plan.

use serde::Serialize;

use super::{PlanView, ReportView, answer_text, round1};
use crate::index::{DimensionIx, QuestionIx};
use crate::questionnaire::Questionnaire;
use crate::score::Assessment;
use crate::sheet::Sheet;

/// One cell: numbers stay numbers.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Cell {
    Text(String),
    Number(f64),
    Empty,
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::Text(s)
    }
}

impl From<Option<f64>> for Cell {
    fn from(x: Option<f64>) -> Cell {
        x.map_or(Cell::Empty, Cell::Number)
    }
}

impl From<Option<String>> for Cell {
    fn from(s: Option<String>) -> Cell {
        s.map_or(Cell::Empty, Cell::Text)
    }
}

/// One worksheet: a header row, then rows of cells.
#[derive(Debug, Serialize)]
pub struct Table {
    pub name: &'static str,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

#[derive(Debug, Serialize)]
pub struct WorkbookView {
    pub tables: Vec<Table>,
}

/// A respondent's sheet and its own assessment, names as the documents show them.
pub type Answered<'a> = (&'a Sheet, &'a Assessment);

/// The workbook of a report: built from the report's and the plan's views, and from each
/// respondent's sheet and assessment for the rows the documents do not list one by one.
pub fn workbook(
    q: &Questionnaire,
    report: &ReportView,
    plan: &PlanView,
    respondents: &[Answered],
) -> WorkbookView {
    WorkbookView {
        tables: vec![
            summary(report),
            dimensions(report),
            respondent_rows(q, respondents),
            answers(q, report, respondents),
            discussion(report),
            plan_rows(plan),
        ],
    }
}

fn header(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| s.to_string()).collect()
}

fn summary(r: &ReportView) -> Table {
    let h = &r.header;
    let rows = vec![
        vec!["Organization".into(), h.organization.clone().into()],
        vec!["Date".into(), h.date.clone().into()],
        vec!["Respondents".into(), Cell::Number(h.sheets.counted as f64)],
        vec!["Sheets read".into(), Cell::Number(h.sheets.read as f64)],
        vec![
            "Sheets set aside".into(),
            Cell::Number(h.sheets.set_aside.len() as f64),
        ],
        vec!["Level".into(), h.level.name.clone().into()],
        vec!["Overall".into(), h.overall.into()],
    ];
    Table {
        name: "Summary",
        header: header(&["Item", "Value"]),
        rows,
    }
}

fn dimensions(r: &ReportView) -> Table {
    let room = r.workshop.as_ref();
    let rows = r
        .dimensions
        .iter()
        .enumerate()
        .map(|(k, d)| {
            let w = room.map(|w| &w.dimensions[k]);
            vec![
                d.name.clone().into(),
                d.score.into(),
                Cell::Number(d.coverage),
                w.and_then(|w| w.spread).into(),
                w.and_then(|w| w.leadership).into(),
                w.and_then(|w| w.frontline).into(),
                w.and_then(|w| w.gap).into(),
            ]
        })
        .collect();
    Table {
        name: "Dimensions",
        header: header(&[
            "Dimension",
            if room.is_some() { "Room mean" } else { "Score" },
            "Coverage %",
            "Spread",
            "Leadership",
            "Front line",
            "Gap",
        ]),
        rows,
    }
}

fn respondent_rows(q: &Questionnaire, respondents: &[Answered]) -> Table {
    let mut head = header(&["Respondent", "Role", "Date", "Overall", "Level"]);
    head.extend(q.dimensions.iter().map(|d| d.name.clone()));
    let rows = respondents
        .iter()
        .map(|(s, a)| {
            let role = s.respondent.role.as_deref();
            let role = role.map(|id| q.role(id).map_or(id, |r| r.name.as_str()));
            let mut row: Vec<Cell> = vec![
                s.respondent.name.clone().into(),
                role.map(str::to_string).into(),
                s.date.map(|d| d.to_string()).into(),
                a.overall.map(round1).into(),
                q.levels[a.level].name.clone().into(),
            ];
            row.extend(
                DimensionIx::all(q.dimensions.len())
                    .map(|d| Cell::from(a.dimensions[d].score.map(round1))),
            );
            row
        })
        .collect();
    Table {
        name: "Respondents",
        header: head,
        rows,
    }
}

/// A column per question, and per room unit × per-unit question; a row per respondent, each
/// answer by its label.
fn answers(q: &Questionnaire, r: &ReportView, respondents: &[Answered]) -> Table {
    let mut columns: Vec<(QuestionIx, Option<&str>)> = QuestionIx::enumerate(&q.questions)
        .filter(|(_, x)| !x.per_unit)
        .map(|(i, _)| (i, None))
        .collect();
    for unit in &r.units {
        columns.extend(
            QuestionIx::enumerate(&q.questions)
                .filter(|(_, x)| x.per_unit)
                .map(|(i, _)| (i, Some(unit.as_str()))),
        );
    }
    let mut head = header(&["Respondent"]);
    head.extend(columns.iter().map(|(i, unit)| match unit {
        Some(u) => format!("{u}: {}", q.questions[*i].id),
        None => q.questions[*i].id.clone(),
    }));
    let rows = respondents
        .iter()
        .map(|(s, _)| {
            let mut row = vec![Cell::from(s.respondent.name.clone())];
            row.extend(columns.iter().map(|&(i, unit)| {
                let at = match unit {
                    Some(u) => match s.units.iter().position(|x| x == u) {
                        Some(k) => Some(crate::index::UnitIx::new(k)),
                        None => return Cell::Empty,
                    },
                    None => None,
                };
                s.answer(i, at)
                    .map(|a| answer_text(&q.questions[i].kind, a))
                    .into()
            }));
            row
        })
        .collect();
    Table {
        name: "Answers",
        header: head,
        rows,
    }
}

fn discussion(r: &ReportView) -> Table {
    let points = r.workshop.iter().flat_map(|w| &w.discussion);
    let rows = points
        .map(|p| {
            let answers: Vec<String> = p
                .groups
                .iter()
                .map(|g| format!("{} ×{}", g.answer, g.count))
                .collect();
            vec![
                p.kind.into(),
                p.text.clone().into(),
                p.dimension.clone().into(),
                p.unit.clone().into(),
                Cell::Number(p.spread),
                answers.join("; ").into(),
            ]
        })
        .collect();
    Table {
        name: "Discussion",
        header: header(&["Kind", "Point", "Dimension", "Unit", "Spread", "Answers"]),
        rows,
    }
}

fn plan_rows(p: &PlanView) -> Table {
    let rows = p
        .phases
        .iter()
        .flat_map(|phase| phase.actions.iter().map(move |a| (phase.name, a)))
        .map(|(phase, a)| {
            vec![
                Cell::Number(a.number as f64),
                phase.into(),
                a.title.clone().into(),
                a.owner.clone().into(),
                a.dimension.name.clone().into(),
                Cell::Number(a.priority),
                Cell::Number(f64::from(a.impact)),
                Cell::Number(f64::from(a.effort)),
                a.measure.clone().into(),
            ]
        })
        .collect();
    Table {
        name: "Plan",
        header: header(&[
            "Number",
            "Phase",
            "Title",
            "Owner",
            "Dimension",
            "Priority",
            "Impact",
            "Effort",
            "Measure",
        ]),
        rows,
    }
}
