//! The questionnaire: the validated model the engine works with, and its loader.
//!
//! [`raw`] is the file as written; `validate` turns it into a [`Questionnaire`] with ids resolved
//! to indices and conditions type-checked, or reports every problem it finds. A questionnaire
//! that `extends` another is first merged with it ([`extends`]), then validated the same way.

pub mod accept;
pub(crate) mod checks;
mod extends;
mod questions;
mod raises;
pub mod raw;
mod validate;

pub use accept::{Problem, ProblemKind};
pub use extends::{Bases, MAX_CHAIN, load, load_with, starter as starter_variant};

use crate::condition::{Catalog, Condition, QType};
use crate::index::{
    ActionIx, DimensionIx, GateIx, LevelIx, OptionIx, PatternIx, QuestionIx, indexed_by,
};

/// The format tag a questionnaire file must carry.
pub const FORMAT: &str = "leapcheck/questionnaire@1";

#[derive(Debug, Clone)]
pub struct Questionnaire {
    pub id: String,
    pub version: String,
    pub title: String,
    pub description: String,
    pub disagreement_threshold: f64,
    /// The most actions one phase of a plan holds (`plan.max_per_phase`, default 5).
    pub max_per_phase: usize,
    /// What effort 1, 2 and 3 mean (`plan.effort`), when the questionnaire says.
    pub effort_labels: Option<[String; 3]>,
    /// A fingerprint of the questionnaire's content (its YAML data, not comments or layout):
    /// reports record it so that comparisons can tell when the questionnaire changed.
    pub content_hash: String,
    pub roles: Vec<Role>,
    pub suggested_units: Vec<String>,
    pub levels: Vec<Level>,
    pub dimensions: Vec<Dimension>,
    /// Every question, in file order; dimensions refer to them by index.
    pub questions: Vec<Question>,
    pub gates: Vec<Gate>,
    pub patterns: Vec<Pattern>,
    pub actions: Vec<Action>,
    /// The works its sources cite, as (key, full citation), in file order.
    pub references: Vec<(String, String)>,
    /// Question id → index, so lookups stay fast with thousands of questions.
    pub(crate) question_ids: std::collections::HashMap<String, QuestionIx>,
    /// Question indices with every show_if dependency before its dependents, worked out once
    /// for all the sheets to be scored.
    pub(crate) show_if_order: Vec<QuestionIx>,
}

indexed_by!(DimensionIx => Dimension);
indexed_by!(QuestionIx => Question);
indexed_by!(OptionIx => ChoiceOption);
indexed_by!(LevelIx => Level);
indexed_by!(GateIx => Gate);
indexed_by!(PatternIx => Pattern);
indexed_by!(ActionIx => Action);

#[derive(Debug, Clone)]
pub struct Role {
    pub id: String,
    pub name: String,
    pub group: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Level {
    pub id: String,
    pub name: String,
    pub min_score: f64,
    pub summary: String,
    pub source: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Dimension {
    pub id: String,
    pub name: String,
    pub weight: f64,
    pub description: String,
    pub per_unit: bool,
    pub source: Option<String>,
    pub questions: Vec<QuestionIx>,
}

#[derive(Debug, Clone)]
pub struct Question {
    pub id: String,
    pub text: String,
    /// A few words for a column header (`short`), else the text.
    pub short: Option<String>,
    /// The role ids asked this question; empty for everyone.
    pub roles: Vec<String>,
    pub help: Option<String>,
    pub dimension: DimensionIx,
    pub per_unit: bool,
    pub kind: Kind,
    pub weight: f64,
    pub show_if: Option<Condition>,
    pub allow_na: bool,
    /// Describes the organization for conditions to read; never scored.
    pub context: bool,
    pub source: Option<String>,
    /// Option values of a choice or multi question, in order (empty otherwise).
    pub option_values: Vec<String>,
}

impl Question {
    /// Whether its answer counts towards a score: not text, not context.
    pub fn scored(&self) -> bool {
        self.kind.scored() && !self.context
    }

    /// Whether a respondent of `role` is asked this question (`None`: a role not given).
    pub fn asks(&self, role: Option<&str>) -> bool {
        self.roles.is_empty() || role.is_none_or(|r| self.roles.iter().any(|x| x == r))
    }

    /// Why an answer to this question is not read, for `whose` ("", " for `Sales`"): its roles
    /// leave out `role`, or its show_if hides it.
    pub fn why_hidden(&self, role: Option<&str>, whose: &str) -> String {
        if !self.asks(role) {
            return format!(
                "`{}` is asked only of the roles {}, not of `{}`",
                self.id,
                self.roles.join(", "),
                role.unwrap_or_default()
            );
        }
        let cond = self.show_if.as_ref().map_or("", |c| c.text.as_str());
        format!("`{}` is hidden{whose} by its show_if (`{cond}`)", self.id)
    }

    /// The question's text with `{organization}` and, for a unit, `{unit}` filled in.
    pub fn text_for(&self, organization: &str, unit: Option<&str>) -> String {
        let text = self.text.replace("{organization}", organization);
        match unit {
            Some(name) => text.replace("{unit}", name),
            None => text,
        }
    }
}

#[derive(Debug, Clone)]
pub struct ChoiceOption {
    pub value: String,
    pub label: String,
    pub points: f64,
    /// In a multi-select, no other option may be chosen with this one ("None yet").
    pub exclusive: bool,
    /// False: the answer is counted as given but left out of the score (a choice's option).
    pub scored: bool,
}

#[derive(Debug, Clone)]
pub struct ScalePoint {
    pub value: f64,
    pub label: String,
}

#[derive(Debug, Clone)]
pub struct Band {
    pub min: f64,
    pub points: f64,
}

/// A question's type and what scoring needs of it.
#[derive(Debug, Clone)]
pub enum Kind {
    Choice {
        options: Vec<ChoiceOption>,
    },
    Multi {
        options: Vec<ChoiceOption>,
        max_points: f64,
    },
    Scale {
        name: String,
        points: Vec<ScalePoint>,
    },
    YesNo,
    Number {
        bands: Vec<Band>,
        min: Option<f64>,
        max: Option<f64>,
        /// Only whole numbers are answers.
        integer: bool,
    },
    Text,
}

impl Kind {
    pub fn name(&self) -> &'static str {
        match self {
            Kind::Choice { .. } => "choice",
            Kind::Multi { .. } => "multi",
            Kind::Scale { .. } => "scale",
            Kind::YesNo => "yes_no",
            Kind::Number { .. } => "number",
            Kind::Text => "text",
        }
    }

    pub fn options(&self) -> &[ChoiceOption] {
        match self {
            Kind::Choice { options } | Kind::Multi { options, .. } => options,
            _ => &[],
        }
    }

    /// Whether answers to this question are scored (text never is).
    pub fn scored(&self) -> bool {
        !matches!(self, Kind::Text)
    }
}

#[derive(Debug, Clone)]
pub struct Gate {
    pub id: String,
    /// What readers see: the gate's `title`, else the first sentence of its reason.
    pub title: String,
    pub when: Condition,
    pub max_level: LevelIx,
    pub reason: String,
    pub source: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Pattern {
    pub id: String,
    pub name: String,
    pub when: Condition,
    pub description: String,
    /// Actions that answer this trap (resolved once the actions are read).
    pub actions: Vec<ActionIx>,
    pub source: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Phase {
    Prepare,
    Leap,
    Embed,
    /// What does not fit in the three phases (`plan.max_per_phase`): a list for later, never
    /// named by a questionnaire.
    Later,
}

impl Phase {
    /// The phases a questionnaire's action may name.
    pub const ALL: [(&'static str, Phase); 3] = [
        ("prepare", Phase::Prepare),
        ("leap", Phase::Leap),
        ("embed", Phase::Embed),
    ];

    /// Every phase a plan may hold, in order.
    pub const PLANNED: [Phase; 4] = [Phase::Prepare, Phase::Leap, Phase::Embed, Phase::Later];

    pub fn id(self) -> &'static str {
        match self {
            Phase::Prepare => "prepare",
            Phase::Leap => "leap",
            Phase::Embed => "embed",
            Phase::Later => "later",
        }
    }

    /// The phase after this one.
    pub fn next(self) -> Phase {
        match self {
            Phase::Prepare => Phase::Leap,
            Phase::Leap => Phase::Embed,
            Phase::Embed | Phase::Later => Phase::Later,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Action {
    pub id: String,
    pub title: String,
    pub dimension: DimensionIx,
    pub when: Option<Condition>,
    pub impact: u8,
    pub effort: u8,
    pub phase: Option<Phase>,
    pub after: Vec<ActionIx>,
    pub clears: Vec<GateIx>,
    pub owner: Option<String>,
    pub steps: Vec<String>,
    pub measure: Option<String>,
    pub why: Option<String>,
    pub source: Option<String>,
    /// The answers that hold once the action is done, in the order written: what the trajectory
    /// applies (a per-unit question for every unit; never below an answer given).
    pub raises: Vec<(QuestionIx, crate::answer::Answer)>,
}

/// FNV-1a (64 bit) over the YAML data (not its comments or layout), as 16 hex digits. A change
/// detector, not a security measure.
pub fn content_hash(value: &serde_yaml::Value) -> String {
    fn feed(h: &mut u64, bytes: &[u8]) {
        for &b in bytes {
            *h ^= u64::from(b);
            *h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn walk(h: &mut u64, v: &serde_yaml::Value) {
        use serde_yaml::Value;
        match v {
            Value::Null => feed(h, b"~"),
            Value::Bool(b) => feed(h, if *b { b"t" } else { b"f" }),
            Value::Number(n) => {
                feed(h, b"n");
                feed(h, n.to_string().as_bytes());
            }
            Value::String(s) => {
                feed(h, b"s");
                feed(h, &(s.len() as u64).to_le_bytes());
                feed(h, s.as_bytes());
            }
            Value::Sequence(items) => {
                feed(h, b"[");
                items.iter().for_each(|x| walk(h, x));
                feed(h, b"]");
            }
            Value::Mapping(map) => {
                feed(h, b"{");
                for (k, x) in map {
                    walk(h, k);
                    walk(h, x);
                }
                feed(h, b"}");
            }
            Value::Tagged(t) => {
                feed(h, t.tag.to_string().as_bytes());
                walk(h, &t.value);
            }
        }
    }
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    walk(&mut h, value);
    format!("{h:016x}")
}

impl Questionnaire {
    /// `id@version`, the name answer sheets use.
    pub fn reference(&self) -> String {
        format!("{}@{}", self.id, self.version)
    }

    pub fn question_index(&self, id: &str) -> Option<QuestionIx> {
        self.question_ids.get(id).copied()
    }

    pub fn level_index(&self, id: &str) -> Option<LevelIx> {
        LevelIx::position(&self.levels, |l| l.id == id)
    }

    /// The level above `level`, unless it is the top one.
    pub fn level_above(&self, level: LevelIx) -> Option<LevelIx> {
        Some(level.next()).filter(|l| l.get() < self.levels.len())
    }

    pub fn role(&self, id: &str) -> Option<&Role> {
        self.roles.iter().find(|r| r.id == id)
    }

    /// Whether any dimension is asked per business unit.
    pub fn has_units(&self) -> bool {
        self.dimensions.iter().any(|d| d.per_unit)
    }
}

impl Catalog for Questionnaire {
    fn question(&self, id: &str) -> Option<(QuestionIx, QType<'_>, bool)> {
        let i = self.question_index(id)?;
        let q = &self.questions[i];
        let ty = match q.kind {
            Kind::Choice { .. } => QType::Choice(&q.option_values),
            Kind::Multi { .. } => QType::Multi(&q.option_values),
            Kind::Scale { .. } | Kind::Number { .. } => QType::Number,
            Kind::YesNo => QType::Bool,
            Kind::Text => QType::Text,
        };
        Some((i, ty, q.per_unit))
    }

    fn question_ids(&self) -> Vec<&str> {
        self.questions.iter().map(|q| q.id.as_str()).collect()
    }

    fn dimension(&self, id: &str) -> Option<DimensionIx> {
        DimensionIx::position(&self.dimensions, |d| d.id == id)
    }

    fn dimension_ids(&self) -> Vec<&str> {
        self.dimensions.iter().map(|d| d.id.as_str()).collect()
    }
}
/// Questions in an order where every show_if dependency comes first (a depth-first post-order,
/// iterative so that long show_if chains cannot overflow the stack).
pub(crate) fn show_if_order(q: &Questionnaire) -> Vec<QuestionIx> {
    let deps: Vec<Vec<QuestionIx>> = q
        .questions
        .iter()
        .map(|question| {
            let mut refs = Vec::new();
            if let Some(cond) = &question.show_if {
                cond.expr.questions(&mut refs);
            }
            refs
        })
        .collect();
    let mut seen = vec![false; deps.len()];
    let mut out = Vec::with_capacity(deps.len());
    for start in QuestionIx::all(deps.len()) {
        if seen[start] {
            continue;
        }
        seen[start] = true;
        let mut stack: Vec<(QuestionIx, usize)> = vec![(start, 0)];
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            if let Some(&dep) = deps[node].get(*next) {
                *next += 1;
                if !seen[dep] {
                    seen[dep] = true;
                    stack.push((dep, 0));
                }
            } else {
                out.push(node);
                stack.pop();
            }
        }
    }
    out
}
