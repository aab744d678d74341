//! The condition language of `show_if` and of gates', patterns' and actions' `when`.
//!
//! A condition is parsed ([`parse`]) and type-checked against the questionnaire ([`check`]) when the
//! questionnaire loads, so evaluation ([`Expr::eval`]) cannot fail: an unanswered or `n/a` question
//! simply makes every comparison with it false.

mod check;
mod parse;

pub use check::{Catalog, QType, Scope, check};
pub use parse::{CmpOp, Node, parse};

use crate::answer::Answer;
use crate::index::{DimensionIx, OptionIx, QuestionIx, UnitIx};

/// A problem in a condition, at a byte offset into its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConditionError {
    pub offset: usize,
    pub message: String,
    /// The id, when the problem is a question id the questionnaire does not have. A loader that
    /// already reported that question as broken can skip this follow-on error.
    pub unknown_question: Option<String>,
}

impl ConditionError {
    pub fn new(offset: usize, message: impl Into<String>) -> ConditionError {
        ConditionError {
            offset,
            message: message.into(),
            unknown_question: None,
        }
    }
}

/// A numeric operand.
#[derive(Clone, Debug, PartialEq)]
pub enum Num {
    Answer(QuestionIx),
    Score(DimensionIx),
    Overall,
    Lit(f64),
}

/// A type-checked condition. Question and dimension references are indices into the questionnaire.
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    Const(bool),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    /// `choice == "value"` (eq) or `!=`; the option is an index into the question's options.
    ChoiceIs {
        question: QuestionIx,
        option: OptionIx,
        eq: bool,
    },
    /// `text == "value"` or `!=`.
    TextIs {
        question: QuestionIx,
        value: String,
        eq: bool,
    },
    /// `yes_no == true`, or a bare yes/no question.
    BoolIs {
        question: QuestionIx,
        value: bool,
    },
    /// `"value" in multi`.
    Contains {
        question: QuestionIx,
        option: OptionIx,
    },
    Compare(Num, CmpOp, Num),
    Answered(QuestionIx),
    AnyUnit(Box<Expr>),
    AllUnits(Box<Expr>),
}

/// A checked condition together with its source text.
#[derive(Clone, Debug, PartialEq)]
pub struct Condition {
    pub text: String,
    pub expr: Expr,
}

/// What a condition can ask about while it is evaluated.
pub trait Facts {
    /// The answer to question `question` (for `unit` when the question is per unit), or `None`
    /// when it is unanswered or hidden.
    fn answer(&self, question: QuestionIx, unit: Option<UnitIx>) -> Option<&Answer>;
    /// A dimension's score, `None` when there is not enough evidence.
    fn score(&self, dimension: DimensionIx) -> Option<f64>;
    fn overall(&self) -> Option<f64>;
    fn unit_count(&self) -> usize;
}

impl Expr {
    /// Evaluates the condition. `unit` is the unit in scope (inside `any_unit`, or for a per-unit
    /// question's `show_if`).
    pub fn eval(&self, facts: &dyn Facts, unit: Option<UnitIx>) -> bool {
        let answer = |q: QuestionIx| match facts.answer(q, unit) {
            Some(Answer::NotApplicable) | None => None,
            Some(a) => Some(a),
        };
        match self {
            Expr::Const(b) => *b,
            Expr::And(a, b) => a.eval(facts, unit) && b.eval(facts, unit),
            Expr::Or(a, b) => a.eval(facts, unit) || b.eval(facts, unit),
            Expr::Not(a) => !a.eval(facts, unit),
            Expr::ChoiceIs {
                question,
                option,
                eq,
            } => match answer(*question) {
                Some(Answer::Choice(o)) => (o == option) == *eq,
                _ => false,
            },
            Expr::TextIs {
                question,
                value,
                eq,
            } => match answer(*question) {
                Some(Answer::Text(t)) => (t == value) == *eq,
                _ => false,
            },
            Expr::BoolIs { question, value } => {
                matches!(answer(*question), Some(Answer::Bool(b)) if b == value)
            }
            Expr::Contains { question, option } => {
                matches!(answer(*question), Some(Answer::Multi(list)) if list.contains(option))
            }
            Expr::Compare(a, op, b) => {
                let num = |n: &Num| match n {
                    Num::Lit(x) => Some(*x),
                    Num::Overall => facts.overall(),
                    Num::Score(d) => facts.score(*d),
                    Num::Answer(q) => match answer(*q) {
                        Some(Answer::Number(x)) => Some(*x),
                        _ => None,
                    },
                };
                match (num(a), num(b)) {
                    (Some(x), Some(y)) => op.holds(x, y),
                    _ => false,
                }
            }
            Expr::Answered(q) => answer(*q).is_some(),
            Expr::AnyUnit(inner) => {
                UnitIx::all(facts.unit_count()).any(|u| inner.eval(facts, Some(u)))
            }
            Expr::AllUnits(inner) => {
                let n = facts.unit_count();
                n > 0 && UnitIx::all(n).all(|u| inner.eval(facts, Some(u)))
            }
        }
    }

    /// Whether the condition reads a score (`score(d)` or `overall`), not only answers.
    pub fn reads_scores(&self) -> bool {
        match self {
            Expr::Const(_) => false,
            Expr::And(a, b) | Expr::Or(a, b) => a.reads_scores() || b.reads_scores(),
            Expr::Not(a) | Expr::AnyUnit(a) | Expr::AllUnits(a) => a.reads_scores(),
            Expr::Compare(a, _, b) => [a, b]
                .iter()
                .any(|n| matches!(n, Num::Score(_) | Num::Overall)),
            _ => false,
        }
    }

    /// Every question the condition reads, for dependency checks and evidence.
    pub fn questions(&self, out: &mut Vec<QuestionIx>) {
        match self {
            Expr::Const(_) => {}
            Expr::And(a, b) | Expr::Or(a, b) => {
                a.questions(out);
                b.questions(out);
            }
            Expr::Not(a) | Expr::AnyUnit(a) | Expr::AllUnits(a) => a.questions(out),
            Expr::ChoiceIs { question, .. }
            | Expr::TextIs { question, .. }
            | Expr::BoolIs { question, .. }
            | Expr::Contains { question, .. }
            | Expr::Answered(question) => out.push(*question),
            Expr::Compare(a, _, b) => {
                for n in [a, b] {
                    if let Num::Answer(q) = n {
                        out.push(*q);
                    }
                }
            }
        }
    }
}
