//! The one reader of answers. Whatever a value came from (a sheet's YAML, a cell of a survey
//! export, a prompt of the interview), [`Question::accept`] checks it against the question and
//! makes it an [`Answer`], or says what is wrong in the questionnaire's own terms. Each medium only
//! turns what it holds into a YAML value first.

use std::fmt;

use serde_yaml::Value;

use super::{Kind, Question};
use crate::answer::{Answer, number_text};
use crate::error::{did_you_mean, is_control, visible};
use crate::index::OptionIx;

/// Spellings of yes and of no, compared without case, wherever a yes/no answer is read.
pub const YES: [&str; 3] = ["yes", "y", "true"];
pub const NO: [&str; 3] = ["no", "n", "false"];

/// What `n/a` is spelled as in a sheet or a prompt (any case).
pub const NOT_APPLICABLE: &str = "n/a";

/// Why a value is not an answer to a question.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    /// The question's id.
    pub question: String,
    /// Which item of a list answer is wrong, when only one item is.
    pub item: Option<usize>,
    pub kind: ProblemKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ProblemKind {
    /// `n/a` for a question that does not allow it.
    NotApplicable,
    /// A value that is not one of the options; `suggestion` is the closest option value.
    UnknownOption {
        given: String,
        suggestion: Option<String>,
        options: String,
    },
    /// An option listed twice in a multi-select answer.
    RepeatedOption {
        given: String,
    },
    /// A list for a one-choice question.
    ListForChoice,
    /// A single value for a multi-select question.
    NotAList {
        given: String,
    },
    /// A number outside the question's scale.
    OffScale {
        value: f64,
        scale: String,
        low: f64,
        high: f64,
    },
    /// Something that is not a number, for a scale question.
    NotOnScale {
        given: String,
        scale: String,
        points: String,
    },
    /// A number within the scale's range that is none of its points (2.5 on a 0..4 scale).
    BetweenPoints {
        value: f64,
        scale: String,
        points: String,
    },
    NotFinite,
    /// A fraction for a question that counts (`integer: true`).
    NotWhole {
        value: f64,
    },
    /// An option that stands alone, chosen with others.
    NotAlone {
        given: String,
    },
    /// A number outside the question's `min`/`max`; `range` says which numbers are allowed.
    OutOfRange {
        value: f64,
        range: String,
    },
    NotANumber {
        given: String,
    },
    NotYesNo {
        given: String,
    },
    NotText,
    /// Text holding a control character (other than a line break or a tab).
    Control {
        given: String,
    },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let id = &self.question;
        match &self.kind {
            ProblemKind::NotApplicable => write!(
                f,
                "`{id}` does not allow `n/a`; give an answer or leave it empty"
            ),
            ProblemKind::UnknownOption {
                given,
                suggestion: Some(best),
                ..
            } => write!(
                f,
                "`{given}` is not an option of `{id}`; did you mean `{best}`?"
            ),
            ProblemKind::UnknownOption { given, options, .. } => {
                write!(
                    f,
                    "`{given}` is not an option of `{id}`; use one of {options}"
                )
            }
            ProblemKind::RepeatedOption { given } => {
                write!(f, "`{given}` is chosen twice; list each option once")
            }
            ProblemKind::ListForChoice => write!(
                f,
                "`{id}` takes one choice, not a list; keep one of the values"
            ),
            ProblemKind::NotAList { given } => {
                write!(f, "`{id}` takes a list of options; write `[{given}]`")
            }
            ProblemKind::OffScale {
                value,
                scale,
                low,
                high,
            } => write!(
                f,
                "{value} is outside the `{scale}` scale of `{id}` ({low} to {high}); give a value from {low} to {high}"
            ),
            ProblemKind::NotOnScale {
                given,
                scale,
                points,
            } => write!(
                f,
                "`{id}` takes a number on the `{scale}` scale, not `{given}`; use {points}"
            ),
            ProblemKind::BetweenPoints {
                value,
                scale,
                points,
            } => write!(
                f,
                "{value} is not a point of the `{scale}` scale of `{id}`; use one of {points}"
            ),
            ProblemKind::NotFinite => write!(f, "`{id}` needs a finite number"),
            ProblemKind::NotWhole { value } => {
                write!(
                    f,
                    "{value} is not a whole number, which `{id}` counts in; give one such as {}",
                    value.round()
                )
            }
            ProblemKind::NotAlone { given } => write!(
                f,
                "`{given}` stands alone in `{id}`; choose it or the others, not both"
            ),
            ProblemKind::OutOfRange { value, range } => {
                write!(
                    f,
                    "{value} is out of range for `{id}`; give a number {range}"
                )
            }
            ProblemKind::NotANumber { given } => {
                write!(f, "`{id}` takes a number, not `{given}`")
            }
            ProblemKind::NotYesNo { given } => write!(
                f,
                "`{id}` is a yes/no question; answer `yes` or `no`, not `{given}`"
            ),
            ProblemKind::Control { given } => write!(
                f,
                "`{id}` holds a control character (`{given}`), which would reach a reader's terminal or document raw; remove it"
            ),
            ProblemKind::NotText => {
                write!(f, "`{id}` takes free text; write it as a quoted string")
            }
        }
    }
}

/// A value as a person would read it in a message: strings bare, lists and mappings by name.
pub fn value_text(v: &Value) -> std::borrow::Cow<'_, str> {
    match v {
        Value::String(s) => s.into(),
        Value::Number(n) => n.to_string().into(),
        Value::Bool(b) => b.to_string().into(),
        Value::Null => "null".into(),
        Value::Sequence(_) => "a list".into(),
        Value::Mapping(_) => "a mapping".into(),
        Value::Tagged(t) => value_text(&t.value),
    }
}

/// Whether `v` spells `n/a`.
pub fn is_not_applicable(v: &Value) -> bool {
    matches!(v, Value::String(s) if s.eq_ignore_ascii_case(NOT_APPLICABLE))
}

impl Question {
    /// Reads `value` as an answer to this question: `Ok(None)` when it is empty (null), the answer
    /// when it is valid, else every problem with it (a list answer may have several).
    pub fn accept(&self, value: &Value) -> Result<Option<Answer>, Vec<Problem>> {
        if value.is_null() {
            return Ok(None);
        }
        if is_not_applicable(value) {
            return if self.allow_na {
                Ok(Some(Answer::NotApplicable))
            } else {
                Err(vec![self.problem(ProblemKind::NotApplicable)])
            };
        }
        let one = |kind| Err(vec![self.problem(kind)]);
        match &self.kind {
            Kind::Choice { .. } => match value {
                Value::Sequence(_) => one(ProblemKind::ListForChoice),
                v => self
                    .option(v)
                    .map(|o| Some(Answer::Choice(o)))
                    .map_err(|p| vec![p]),
            },
            Kind::Multi { .. } => match value {
                Value::Sequence(list) => self.options(list).map(|o| Some(Answer::Multi(o))),
                v => one(ProblemKind::NotAList {
                    given: value_text(v).into(),
                }),
            },
            Kind::Scale { name, points } => {
                let (low, high) = (points[0].value, points[points.len() - 1].value);
                match value.as_f64() {
                    Some(x) if points.iter().any(|p| p.value == x) => Ok(Some(Answer::Number(x))),
                    Some(x) if (low..=high).contains(&x) => one(ProblemKind::BetweenPoints {
                        value: x,
                        scale: name.clone(),
                        points: points_text(points),
                    }),
                    Some(x) => one(ProblemKind::OffScale {
                        value: x,
                        scale: name.clone(),
                        low,
                        high,
                    }),
                    None => one(ProblemKind::NotOnScale {
                        given: value_text(value).into(),
                        scale: name.clone(),
                        points: points_text(points),
                    }),
                }
            }
            Kind::Number {
                min, max, integer, ..
            } => match value.as_f64() {
                Some(x) if !x.is_finite() => one(ProblemKind::NotFinite),
                Some(x) if *integer && x.fract() != 0.0 => one(ProblemKind::NotWhole { value: x }),
                Some(x) if min.is_some_and(|m| x < m) || max.is_some_and(|m| x > m) => {
                    one(ProblemKind::OutOfRange {
                        value: x,
                        range: range_text(*min, *max),
                    })
                }
                Some(x) => Ok(Some(Answer::Number(x))),
                None => one(ProblemKind::NotANumber {
                    given: value_text(value).into(),
                }),
            },
            Kind::YesNo => match value {
                Value::Bool(b) => Ok(Some(Answer::Bool(*b))),
                Value::String(s) if is_one_of(s, &YES) => Ok(Some(Answer::Bool(true))),
                Value::String(s) if is_one_of(s, &NO) => Ok(Some(Answer::Bool(false))),
                other => one(ProblemKind::NotYesNo {
                    given: value_text(other).into(),
                }),
            },
            Kind::Text => match value {
                Value::String(s) if s.chars().any(is_control) => one(ProblemKind::Control {
                    given: visible(s).into_owned(),
                }),
                Value::String(s) => Ok(Some(Answer::Text(s.clone()))),
                Value::Number(_) | Value::Bool(_) => {
                    Ok(Some(Answer::Text(value_text(value).into())))
                }
                _ => one(ProblemKind::NotText),
            },
        }
    }

    /// The value that [`Question::accept`] reads back as `answer`: how a sheet writes it.
    pub fn value_of(&self, answer: &Answer) -> Value {
        let option = |o: OptionIx| Value::String(self.option_values[o].clone());
        match answer {
            Answer::NotApplicable => Value::String(NOT_APPLICABLE.into()),
            Answer::Choice(o) => option(*o),
            Answer::Multi(list) => Value::Sequence(list.iter().map(|&o| option(o)).collect()),
            Answer::Number(x) if x.fract() == 0.0 && x.abs() < 1e15 => {
                Value::Number((*x as i64).into())
            }
            Answer::Number(x) => Value::Number((*x).into()),
            Answer::Bool(b) => Value::Bool(*b),
            Answer::Text(t) => Value::String(t.clone()),
        }
    }

    fn problem(&self, kind: ProblemKind) -> Problem {
        Problem {
            question: self.id.clone(),
            item: None,
            kind,
        }
    }

    /// The option `v` names, by its value.
    fn option(&self, v: &Value) -> Result<OptionIx, Problem> {
        let text = value_text(v);
        OptionIx::position(&self.option_values, |o| **o == *text).ok_or_else(|| {
            self.problem(ProblemKind::UnknownOption {
                suggestion: did_you_mean(&text, self.option_values.iter().map(String::as_str))
                    .map(str::to_string),
                options: self
                    .kind
                    .options()
                    .iter()
                    .map(|o| format!("`{}` ({})", o.value, o.label))
                    .collect::<Vec<_>>()
                    .join(", "),
                given: text.into_owned(),
            })
        })
    }

    /// The options a multi-select list names, in option order, each once.
    fn options(&self, list: &[Value]) -> Result<Vec<OptionIx>, Vec<Problem>> {
        let mut chosen = Vec::new();
        let mut problems = Vec::new();
        for (i, v) in list.iter().enumerate() {
            let at = |mut p: Problem| {
                p.item = Some(i);
                p
            };
            match self.option(v) {
                Ok(o) if chosen.contains(&o) => {
                    problems.push(at(self.problem(ProblemKind::RepeatedOption {
                        given: value_text(v).into(),
                    })))
                }
                Ok(o) => chosen.push(o),
                Err(p) => problems.push(at(p)),
            }
        }
        let options = self.kind.options();
        if chosen.len() > 1
            && let Some(&alone) = chosen.iter().find(|&&o| options[o].exclusive)
        {
            problems.push(self.problem(ProblemKind::NotAlone {
                given: options[alone].value.clone(),
            }));
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        chosen.sort_unstable();
        Ok(chosen)
    }
}

fn is_one_of(s: &str, words: &[&str]) -> bool {
    words.iter().any(|w| s.trim().eq_ignore_ascii_case(w))
}

/// "0 = Not at all, 1 = Partly, …": a scale's points as a person picks them.
fn points_text(points: &[super::ScalePoint]) -> String {
    points
        .iter()
        .map(|p| format!("{} = {}", p.value, p.label))
        .collect::<Vec<_>>()
        .join(", ")
}

/// "from 0 to 10", "of at least 0", "of at most 10".
fn range_text(min: Option<f64>, max: Option<f64>) -> String {
    match (min, max) {
        (Some(a), Some(b)) => format!("from {} to {}", number_text(a), number_text(b)),
        (Some(a), None) => format!("of at least {}", number_text(a)),
        (None, Some(b)) => format!("of at most {}", number_text(b)),
        (None, None) => String::new(),
    }
}

/// The answer as text: option labels, numbers with their scale label, yes/no.
pub fn answer_text(kind: &Kind, answer: &Answer) -> String {
    match (kind, answer) {
        (_, Answer::NotApplicable) => "n/a".into(),
        (Kind::Choice { options }, Answer::Choice(o)) => options[*o].label.clone(),
        (Kind::Multi { options, .. }, Answer::Multi(list)) => {
            if list.is_empty() {
                "none".into()
            } else {
                list.iter()
                    .map(|&o| options[o].label.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        }
        (Kind::Scale { points, .. }, Answer::Number(x)) => {
            match points.iter().find(|p| p.value == *x) {
                Some(p) => format!("{} ({})", number_text(*x), p.label),
                None => number_text(*x),
            }
        }
        (_, Answer::Number(x)) => number_text(*x),
        (_, Answer::Bool(b)) => if *b { "yes" } else { "no" }.into(),
        (_, Answer::Text(t)) => t.clone(),
        _ => String::new(),
    }
}
