//! Projection: the answers as they will be once some actions are done, scored again.
//!
//! An action's `raises` are the answers that hold once it is done. Applied to a sheet they give a
//! new sheet (the sheet itself is never changed): a per-unit question is raised for every unit of
//! the sheet, and a raise is applied only where it lifts the question's score (rule 1) above the
//! answer given, or where there is no answer; an answer declared `n/a` stays, since the question
//! does not apply. Where several actions raise one question the highest-scoring raise holds.
//!
//! A room is projected sheet by sheet: every counted respondent's answers are lifted and the room
//! is aggregated again (W-rules), so the projected room is the room its people would describe.

use crate::aggregate;
use crate::answer::Answer;
use crate::index::{ActionIx, QuestionIx};
use crate::questionnaire::Questionnaire;
use crate::score::{self, Assessment, question_score};
use crate::sheet::Sheet;

/// Whose answers a plan projects: one sheet, or the counted sheets of a room.
#[derive(Clone, Debug)]
pub enum Subject<'a> {
    Sheet(&'a Sheet),
    Room(Vec<&'a Sheet>),
}

/// One raise: a question and the answer that holds once an action is done.
type Raise = (QuestionIx, Answer);

/// The raises of `actions`, in the order given.
pub fn raises_of<'q>(q: &'q Questionnaire, actions: &[ActionIx]) -> Vec<&'q Raise> {
    actions
        .iter()
        .flat_map(|&a| q.actions[a].raises.iter())
        .collect()
}

impl Subject<'_> {
    /// The assessment once `raises` hold.
    pub fn assess_with(&self, q: &Questionnaire, raises: &[&Raise]) -> Assessment {
        match self {
            Subject::Sheet(sheet) => score::assess(q, &raised(q, sheet, raises)),
            Subject::Room(sheets) => {
                let lifted = crate::parallel::map(sheets, |s| raised(q, s, raises));
                aggregate::workshop(q, lifted).assessment
            }
        }
    }

    /// Whether `raises` change any answer of any sheet.
    pub fn changed_by(&self, q: &Questionnaire, raises: &[&Raise]) -> bool {
        let changes = |s: &Sheet| raised(q, s, raises) != *s;
        match self {
            Subject::Sheet(sheet) => changes(sheet),
            Subject::Room(sheets) => sheets.iter().any(|s| changes(s)),
        }
    }
}

/// A new sheet: `sheet` with `raises` applied where they lift an answer.
pub fn raised(q: &Questionnaire, sheet: &Sheet, raises: &[&Raise]) -> Sheet {
    let mut out = sheet.clone();
    for &(i, answer) in raises {
        if q.questions[*i].per_unit {
            for unit in &mut out.unit_answers {
                lift(q, *i, &mut unit[*i], answer);
            }
        } else if let Some(slot) = out.answers.get_mut(i.get()) {
            lift(q, *i, slot, answer);
        }
    }
    out
}

/// Puts `answer` in `slot` when it scores above what is there, or nothing is.
fn lift(q: &Questionnaire, i: QuestionIx, slot: &mut Option<Answer>, answer: &Answer) {
    let kind = &q.questions[i].kind;
    let better = match slot {
        None => true,
        Some(Answer::NotApplicable) => false,
        Some(given) => {
            let today = question_score(kind, given).unwrap_or(0.0);
            question_score(kind, answer).is_some_and(|s| s > today)
        }
    };
    if better {
        *slot = Some(answer.clone());
    }
}
