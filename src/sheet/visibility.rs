//! Which questions a sheet's answers show or hide (`show_if`), what conditions see of a sheet,
//! and dropping the answers that `show_if` hides: one rule for sheets, imports and interviews.

use crate::answer::Answer;
use crate::condition::Facts;
use crate::index::{DimensionIx, QuestionIx, UnitIx};
use crate::questionnaire::Questionnaire;

use super::Sheet;

/// Which questions are shown, for the sheet's answers: `top[q]` and `units[u][q]`.
#[derive(Clone, Debug, PartialEq)]
pub struct Visibility {
    pub top: Vec<bool>,
    pub units: Vec<Vec<bool>>,
}

impl Visibility {
    /// Evaluates every `show_if`. A hidden question's answer counts as unanswered for the
    /// conditions of others; show_if graphs are acyclic (checked at load), so a question's
    /// dependencies are settled before it.
    pub fn of(q: &Questionnaire, sheet: &Sheet) -> Visibility {
        // A question for some roles only is not shown to the others (a sheet naming no role is
        // asked everything).
        let role = sheet.respondent.role.as_deref();
        let asked: Vec<bool> = q.questions.iter().map(|x| x.asks(role)).collect();
        let mut vis = Visibility {
            top: asked.clone(),
            units: vec![asked.clone(); sheet.units.len()],
        };
        for &i in &q.show_if_order {
            let question = &q.questions[i];
            let Some(cond) = &question.show_if else {
                continue;
            };
            let units: Vec<Option<UnitIx>> = if question.per_unit {
                UnitIx::all(sheet.units.len()).map(Some).collect()
            } else {
                vec![None]
            };
            for unit in units {
                let facts = SheetFacts {
                    q,
                    sheet,
                    visibility: &vis,
                    scores: &[],
                    overall: None,
                };
                let shown = asked[i.get()] && cond.expr.eval(&facts, unit);
                match unit {
                    Some(u) => vis.units[u][i] = shown,
                    None => vis.top[i] = shown,
                }
            }
        }
        vis
    }

    pub fn shown(&self, question: QuestionIx, unit: Option<UnitIx>) -> bool {
        match unit {
            None => self.top[question],
            Some(u) => self.units[u][question],
        }
    }
}

/// What conditions see of one sheet: its visible answers and, once scored, its scores.
pub struct SheetFacts<'a> {
    pub q: &'a Questionnaire,
    pub sheet: &'a Sheet,
    pub visibility: &'a Visibility,
    /// Dimension scores, `None` where the evidence is insufficient (empty while computing
    /// visibility: show_if cannot read scores).
    pub scores: &'a [Option<f64>],
    pub overall: Option<f64>,
}

impl Facts for SheetFacts<'_> {
    fn answer(&self, question: QuestionIx, unit: Option<UnitIx>) -> Option<&Answer> {
        // Per-unit questions are read for the unit in scope; others from the top level.
        let unit = unit.filter(|_| self.q.questions[question].per_unit);
        self.sheet
            .answer(question, unit)
            .filter(|_| self.visibility.shown(question, unit))
    }
    fn score(&self, dimension: DimensionIx) -> Option<f64> {
        self.scores.get(dimension.get()).copied().flatten()
    }
    fn overall(&self) -> Option<f64> {
        self.overall
    }
    fn unit_count(&self) -> usize {
        self.sheet.units.len()
    }
}

/// One place an answer can stand: a question, for one unit when it is asked per unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step {
    pub question: QuestionIx,
    pub unit: Option<UnitIx>,
}

/// Clears every answer that `show_if` hides for this sheet and returns where they stood, question
/// by question (the top-level answer first, then each unit's). Hidden answers already count as
/// unanswered for the conditions of others, so clearing them changes no other question's fate.
pub fn drop_hidden(q: &Questionnaire, sheet: &mut Sheet) -> Vec<Step> {
    let visible = Visibility::of(q, sheet);
    let mut dropped = Vec::new();
    for question in QuestionIx::all(q.questions.len()) {
        if !visible.top[question] && sheet.answers[question].take().is_some() {
            dropped.push(Step {
                question,
                unit: None,
            });
        }
        for (u, shown) in UnitIx::enumerate(&visible.units) {
            let Some(row) = sheet.unit_answers.get_mut(u.get()) else {
                continue;
            };
            if !shown[question] && row[question].is_some() {
                row[question] = None;
                dropped.push(Step {
                    question,
                    unit: Some(u),
                });
            }
        }
    }
    dropped
}
