//! One validated answer, and how a number in an answer is written. The bottom of the pipeline:
//! conditions read answers, sheets hold them, scoring and views show them; this module depends on
//! nothing in the crate but the typed indices.

use crate::index::OptionIx;

/// One validated answer.
#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    NotApplicable,
    /// Index of the chosen option.
    Choice(OptionIx),
    /// Indices of the chosen options, in option order.
    Multi(Vec<OptionIx>),
    /// A scale or number answer.
    Number(f64),
    Bool(bool),
    Text(String),
}

/// A number as a person writes it: `3` rather than `3.0`, `2.5` as is.
pub fn number_text(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}
