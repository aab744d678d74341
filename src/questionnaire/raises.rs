//! An action's `raises`: the answers that hold once it is done. Each is read like any answer to
//! its question (by [`Question::accept`]), so a value the question cannot take is a load error at
//! its line, with the fix.

use serde_yaml::{Mapping, Value};

use super::{Kind, Questionnaire};
use crate::answer::Answer;
use crate::index::QuestionIx;
use crate::source::{Report, key_path};

/// Validates the `raises` mapping of the action at `path` (the path of its `raises` field).
pub(super) fn raises(
    r: &mut Report,
    q: &Questionnaire,
    path: &str,
    raw: &Mapping,
) -> Vec<(QuestionIx, Answer)> {
    let mut out = Vec::new();
    for (key, value) in raw {
        let Some(id) = key.as_str() else {
            r.error(
                path,
                "a key of `raises` is not a question id; write `question_id: answer`",
            );
            continue;
        };
        let at = key_path(path, id);
        if let Some(raised) = one(r, q, &at, id, value) {
            out.push(raised);
        }
    }
    out
}

/// One `question: value` entry, or `None` after reporting what is wrong with it.
fn one(
    r: &mut Report,
    q: &Questionnaire,
    at: &str,
    id: &str,
    value: &Value,
) -> Option<(QuestionIx, Answer)> {
    let Some(i) = q.question_index(id) else {
        if !r.broken_ids.contains(id) {
            let hint = r.hint(id, q.questions.iter().map(|x| x.id.as_str()));
            r.error_key(at, format!("`{id}` in `raises` is not a question{hint}"));
        }
        return None;
    };
    let question = &q.questions[i];
    if matches!(question.kind, Kind::Text) {
        r.error_key(
            at,
            format!("`{id}` is a free-text question, never scored, so no action raises it; remove it from `raises`"),
        );
        return None;
    }
    match question.accept(value) {
        Ok(Some(Answer::NotApplicable)) => r.error(
            at,
            format!("`raises` sets `{id}` to `n/a`; write the answer that holds once the action is done"),
        ),
        Ok(Some(answer)) => return Some((i, answer)),
        Ok(None) => r.error(
            at,
            format!("`raises` gives `{id}` no answer; write the answer that holds once the action is done"),
        ),
        Err(problems) => {
            for p in problems {
                r.error(at, format!("in `raises`: {p}"));
            }
        }
    }
    None
}
