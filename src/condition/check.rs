//! Type-checking: resolves ids against the questionnaire and turns a syntax tree into an [`Expr`].

use super::parse::{CmpOp, Node, Span};
use super::{ConditionError, Expr, Num};
use crate::error::hint;
use crate::index::{DimensionIx, OptionIx, QuestionIx};

/// The type of a question's answer, as conditions see it.
#[derive(Clone, Copy, Debug)]
pub enum QType<'a> {
    Choice(&'a [String]),
    Multi(&'a [String]),
    Number,
    Bool,
    Text,
}

/// The ids a condition may name.
pub trait Catalog {
    /// A question by id: its index, answer type and whether it is asked per unit.
    fn question(&self, id: &str) -> Option<(QuestionIx, QType<'_>, bool)>;
    fn question_ids(&self) -> Vec<&str>;
    fn dimension(&self, id: &str) -> Option<DimensionIx>;
    fn dimension_ids(&self) -> Vec<&str>;
}

/// Where a condition is used, which decides what it may read.
#[derive(Clone, Copy, Debug)]
pub struct Scope {
    /// `score()` and `overall` are allowed (not in `show_if`: scores depend on what is shown).
    pub scores: bool,
    /// A unit is in scope, so per-unit questions may be named bare.
    pub unit: bool,
}

/// Checks a parsed condition and returns its typed form.
pub fn check(node: &Node, catalog: &dyn Catalog, scope: Scope) -> Result<Expr, ConditionError> {
    Checker { catalog }.boolean(node, scope)
}

struct Checker<'a> {
    catalog: &'a dyn Catalog,
}

enum Operand<'a> {
    Question(QuestionIx, QType<'a>, String),
    Num(Num),
    Str(String),
    Bool(bool),
}

fn err<T>(span: Span, message: impl Into<String>) -> Result<T, ConditionError> {
    Err(ConditionError::new(span.0, message))
}

impl<'a> Checker<'a> {
    /// "Did you mean" for an unknown question when the questionnaire has few; for one with many,
    /// the loader adds it while its budget of searches lasts.
    fn short_hint(&self, name: &str) -> String {
        let ids = self.catalog.question_ids();
        if ids.len() <= crate::error::SHORT_LIST {
            hint(name, ids)
        } else {
            String::new()
        }
    }

    fn boolean(&self, node: &Node, scope: Scope) -> Result<Expr, ConditionError> {
        match node {
            Node::Or(a, b) => Ok(Expr::Or(
                Box::new(self.boolean(a, scope)?),
                Box::new(self.boolean(b, scope)?),
            )),
            Node::And(a, b) => Ok(Expr::And(
                Box::new(self.boolean(a, scope)?),
                Box::new(self.boolean(b, scope)?),
            )),
            Node::Not(a, _) => Ok(Expr::Not(Box::new(self.boolean(a, scope)?))),
            Node::Bool(b, _) => Ok(Expr::Const(*b)),
            Node::Compare(l, op, r, span) => self.compare(l, *op, r, *span, scope),
            Node::In(l, r, span) => self.contains(l, r, *span, scope),
            Node::Call(name, arg, span) => match name.as_str() {
                "any_unit" | "all_units" => {
                    if scope.unit {
                        return err(
                            *span,
                            format!("`{name}(…)` cannot be used here: a unit is already in scope"),
                        );
                    }
                    let inner = self.boolean(
                        arg,
                        Scope {
                            unit: true,
                            ..scope
                        },
                    )?;
                    Ok(if name == "any_unit" {
                        Expr::AnyUnit(Box::new(inner))
                    } else {
                        Expr::AllUnits(Box::new(inner))
                    })
                }
                "answered" => match self.operand(arg, scope)? {
                    Operand::Question(q, ..) => Ok(Expr::Answered(q)),
                    _ => err(
                        arg.span(),
                        "`answered(…)` takes a question id, such as `answered(sponsor)`",
                    ),
                },
                "score" => err(
                    *span,
                    "`score(…)` is a number; compare it, such as `score(listening) < 40`",
                ),
                _ => err(
                    *span,
                    format!(
                        "`{name}` is not a function; use score, answered, any_unit or all_units"
                    ),
                ),
            },
            Node::Name(..) => match self.operand(node, scope)? {
                Operand::Question(q, QType::Bool, _) => Ok(Expr::BoolIs {
                    question: q,
                    value: true,
                }),
                Operand::Question(_, _, id) => err(
                    node.span(),
                    format!(
                        "`{id}` is not a yes/no question, so it cannot stand alone; compare it, such as `{id} == …`"
                    ),
                ),
                _ => err(
                    node.span(),
                    "a number cannot stand alone as a condition; compare it, such as `overall >= 60`",
                ),
            },
            Node::Number(..) | Node::Str(..) => err(
                node.span(),
                "a value cannot stand alone as a condition; compare it with a question",
            ),
        }
    }

    fn operand(&self, node: &Node, scope: Scope) -> Result<Operand<'a>, ConditionError> {
        match node {
            Node::Number(n, _) => Ok(Operand::Num(Num::Lit(*n))),
            Node::Str(s, _) => Ok(Operand::Str(s.clone())),
            Node::Bool(b, _) => Ok(Operand::Bool(*b)),
            Node::Name(name, span) => {
                if name == "overall" {
                    if !scope.scores {
                        return err(
                            *span,
                            "`overall` cannot be used in `show_if`: scores depend on which questions are shown",
                        );
                    }
                    return Ok(Operand::Num(Num::Overall));
                }
                match self.catalog.question(name) {
                    Some((q, ty, per_unit)) => {
                        if per_unit && !scope.unit {
                            return err(
                                *span,
                                format!(
                                    "`{name}` is asked per unit; wrap it in `any_unit(…)` or `all_units(…)`"
                                ),
                            );
                        }
                        Ok(Operand::Question(q, ty, name.clone()))
                    }
                    // Among many questions, the caller adds a "did you mean" while its file's
                    // budget of searches lasts.
                    None => Err(ConditionError {
                        unknown_question: Some(name.clone()),
                        ..ConditionError::new(
                            span.0,
                            format!(
                                "`{name}` is not a question of this questionnaire{}",
                                self.short_hint(name)
                            ),
                        )
                    }),
                }
            }
            Node::Call(name, arg, span) if name == "score" => {
                if !scope.scores {
                    return err(
                        *span,
                        "`score(…)` cannot be used in `show_if`: scores depend on which questions are shown",
                    );
                }
                match arg.as_ref() {
                    Node::Name(dim, dspan) => match self.catalog.dimension(dim) {
                        Some(d) => Ok(Operand::Num(Num::Score(d))),
                        None => err(
                            *dspan,
                            format!(
                                "`{dim}` is not a dimension{}",
                                hint(dim, self.catalog.dimension_ids())
                            ),
                        ),
                    },
                    other => err(
                        other.span(),
                        "`score(…)` takes a dimension id, such as `score(listening)`",
                    ),
                }
            }
            other => err(
                other.span(),
                "expected a question id, a number, a \"string\", true or false here",
            ),
        }
    }

    fn option_index(
        &self,
        id: &str,
        options: &[String],
        value: &str,
        span: Span,
    ) -> Result<OptionIx, ConditionError> {
        OptionIx::position(options, |o| o == value).ok_or_else(|| {
            ConditionError::new(
                span.0,
                format!(
                    "\"{value}\" is not an option of `{id}`{}",
                    hint(value, options.iter().map(String::as_str))
                ),
            )
        })
    }

    fn compare(
        &self,
        l: &Node,
        op: CmpOp,
        r: &Node,
        span: Span,
        scope: Scope,
    ) -> Result<Expr, ConditionError> {
        let left = self.operand(l, scope)?;
        let right = self.operand(r, scope)?;
        // Put the question (or number) on the left.
        let (left, op, right, rnode) = match (&left, &right) {
            (
                Operand::Str(_) | Operand::Bool(_) | Operand::Num(Num::Lit(_)),
                Operand::Question(..),
            ) => (right, op.flipped(), left, l),
            _ => (left, op, right, r),
        };
        let equality = matches!(op, CmpOp::Eq | CmpOp::Ne);
        match (left, right) {
            (Operand::Question(q, QType::Choice(options), id), Operand::Str(value)) => {
                if !equality {
                    return err(
                        span,
                        format!("`{id}` is a choice; compare it only with == or !="),
                    );
                }
                let option = self.option_index(&id, options, &value, rnode.span())?;
                Ok(Expr::ChoiceIs {
                    question: q,
                    option,
                    eq: op == CmpOp::Eq,
                })
            }
            (Operand::Question(q, QType::Text, id), Operand::Str(value)) => {
                if !equality {
                    return err(
                        span,
                        format!("`{id}` is free text; compare it only with == or !="),
                    );
                }
                Ok(Expr::TextIs {
                    question: q,
                    value,
                    eq: op == CmpOp::Eq,
                })
            }
            (Operand::Question(q, QType::Bool, id), Operand::Bool(value)) => {
                if !equality {
                    return err(
                        span,
                        format!("`{id}` is a yes/no question; compare it only with == or !="),
                    );
                }
                Ok(Expr::BoolIs {
                    question: q,
                    value: value == (op == CmpOp::Eq),
                })
            }
            (Operand::Question(q, QType::Number, _), Operand::Num(n)) => {
                Ok(Expr::Compare(Num::Answer(q), op, n))
            }
            (Operand::Num(n), Operand::Question(q, QType::Number, _)) => {
                Ok(Expr::Compare(n, op, Num::Answer(q)))
            }
            (Operand::Question(a, QType::Number, _), Operand::Question(b, QType::Number, _)) => {
                Ok(Expr::Compare(Num::Answer(a), op, Num::Answer(b)))
            }
            (Operand::Num(a), Operand::Num(b))
                if !matches!((&a, &b), (Num::Lit(_), Num::Lit(_))) =>
            {
                Ok(Expr::Compare(a, op, b))
            }
            (Operand::Question(_, QType::Multi(_), id), _) => err(
                span,
                format!("`{id}` is a multiple choice; test it with `\"option\" in {id}`"),
            ),
            (Operand::Question(_, ty, id), other) => err(
                rnode.span(),
                format!(
                    "`{id}` is {} but is compared with {}; compare it with {}",
                    describe(ty),
                    describe_operand(&other),
                    expected(ty)
                ),
            ),
            _ => err(
                span,
                "this compares two fixed values; compare a question, score(…) or overall with a value",
            ),
        }
    }

    fn contains(
        &self,
        l: &Node,
        r: &Node,
        span: Span,
        scope: Scope,
    ) -> Result<Expr, ConditionError> {
        let Node::Str(value, vspan) = l else {
            return err(
                l.span(),
                "write `\"option\" in question`, with the option value in quotes on the left",
            );
        };
        match self.operand(r, scope)? {
            Operand::Question(q, QType::Multi(options), id) => {
                let option = self.option_index(&id, options, value, *vspan)?;
                Ok(Expr::Contains {
                    question: q,
                    option,
                })
            }
            Operand::Question(_, QType::Choice(_), id) => err(
                span,
                format!("`{id}` is a single choice; write `{id} == \"{value}\"`"),
            ),
            _ => err(
                r.span(),
                "`in` needs a multiple-choice question on its right",
            ),
        }
    }
}

fn describe(ty: QType<'_>) -> &'static str {
    match ty {
        QType::Choice(_) => "a choice",
        QType::Multi(_) => "a multiple choice",
        QType::Number => "a number",
        QType::Bool => "a yes/no question",
        QType::Text => "free text",
    }
}

fn expected(ty: QType<'_>) -> &'static str {
    match ty {
        QType::Choice(_) => "one of its option values in quotes",
        QType::Multi(_) => "`\"option\" in …`",
        QType::Number => "a number",
        QType::Bool => "true or false",
        QType::Text => "a \"string\"",
    }
}

fn describe_operand(op: &Operand<'_>) -> &'static str {
    match op {
        Operand::Question(_, ty, _) => describe(*ty),
        Operand::Num(_) => "a number",
        Operand::Str(_) => "a string",
        Operand::Bool(_) => "true/false",
    }
}
