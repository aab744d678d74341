//! The model as a document: what a questionnaire asks and how it scores, for a client's pre-read
//! (`leapcheck questionnaires ID -f markdown|html|json`). Nothing here reads a sheet.

use serde::Serialize;

use super::{LevelView, QuestionnaireView, SCHEMA_VERSION, level_view, round1};
use crate::answer::number_text;
use crate::index::LevelIx;
use crate::questionnaire::{Kind, Question, Questionnaire};

#[derive(Debug, Serialize)]
pub struct ModelView {
    pub schema_version: u32,
    /// Always `model`.
    pub document: &'static str,
    pub questionnaire: QuestionnaireView,
    /// Questions asked once, and once more per business unit.
    pub questions_once: usize,
    pub questions_per_unit: usize,
    pub roles: Vec<RoleView>,
    /// The ladder, lowest first.
    pub levels: Vec<LevelView>,
    /// Where each level comes from, lowest first (levels that name a source).
    pub ladder_sources: Vec<LadderSourceView>,
    pub dimensions: Vec<ModelDimensionView>,
    pub gates: Vec<ModelGateView>,
    pub patterns: Vec<ModelPatternView>,
    /// The works the sources cite: `key` as the sources write it, `cite` in full.
    pub references: Vec<ReferenceView>,
    /// How many actions the plan may draw on.
    pub action_count: usize,
    /// The most actions one phase of a plan holds.
    pub max_per_phase: usize,
    /// The points of spread at which a room's answers become a discussion point.
    pub disagreement_threshold: f64,
}

#[derive(Debug, Serialize)]
pub struct ReferenceView {
    pub key: String,
    pub cite: String,
}

#[derive(Debug, Serialize)]
pub struct LadderSourceView {
    /// The level's name.
    pub level: String,
    pub source: String,
}

#[derive(Debug, Serialize)]
pub struct RoleView {
    pub name: String,
    /// `leadership`, `frontline` or none.
    pub group: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ModelDimensionView {
    pub name: String,
    pub description: String,
    pub weight: f64,
    /// Its share of the overall score, in percent, when every dimension has enough answers.
    pub share: f64,
    pub per_unit: bool,
    pub source: Option<String>,
    pub questions: Vec<ModelQuestionView>,
}

#[derive(Debug, Serialize)]
pub struct ModelQuestionView {
    /// The text as asked, `{organization}` as "your organization" and `{unit}` as "the unit".
    pub text: String,
    pub help: Option<String>,
    /// What kind of answer it takes, in words.
    pub answer_kind: String,
    /// The answers it offers with their points, where it offers a list.
    pub options: Vec<String>,
    pub weight: f64,
    pub scored: bool,
    /// Asked only when earlier answers call for it.
    pub conditional: bool,
    pub not_applicable_allowed: bool,
    /// The names of the roles asked it; empty for everyone.
    pub roles: Vec<String>,
    /// It describes the organization (its sector, the rules it works under) for the plan to
    /// read, and is never scored.
    pub context: bool,
    pub source: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ModelGateView {
    pub title: String,
    pub reason: String,
    /// The name of the highest level the organization can reach while the gate holds.
    pub caps_at: String,
    pub source: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ModelPatternView {
    pub name: String,
    pub description: String,
    pub source: Option<String>,
}

/// The answer a question takes, in words, and the choices it lists with their points.
fn answer_of(question: &Question) -> (String, Vec<String>) {
    let points = |label: &str, p: f64| {
        let unit = if p == 1.0 { "point" } else { "points" };
        format!("{label} ({} {unit})", number_text(p))
    };
    match &question.kind {
        Kind::Choice { options } => (
            "one of".into(),
            (options.iter())
                .map(|o| match o.scored {
                    true => points(&o.label, o.points),
                    false => format!("{} (left out of the score)", o.label),
                })
                .collect(),
        ),
        Kind::Multi { options, .. } => (
            "any of".into(),
            options.iter().map(|o| points(&o.label, o.points)).collect(),
        ),
        Kind::Scale { points: scale, .. } => (
            "a point on the scale".into(),
            scale
                .iter()
                .map(|p| format!("{} — {}", number_text(p.value), p.label))
                .collect(),
        ),
        Kind::YesNo => ("yes or no".into(), Vec::new()),
        Kind::Number { min, max, .. } => {
            let range = match (min, max) {
                (Some(a), Some(b)) => format!(" from {} to {}", number_text(*a), number_text(*b)),
                _ => String::new(),
            };
            (format!("a number{range}"), Vec::new())
        }
        Kind::Text => ("free text, not scored".into(), Vec::new()),
    }
}

fn question_view(q: &Questionnaire, question: &Question) -> ModelQuestionView {
    let (answer, options) = answer_of(question);
    let text = question
        .text
        .replace("{organization}", "your organization")
        .replace("{unit}", "the unit");
    ModelQuestionView {
        text,
        help: question.help.clone(),
        answer_kind: answer,
        options,
        weight: question.weight,
        scored: question.scored(),
        conditional: question.show_if.is_some(),
        not_applicable_allowed: question.allow_na,
        roles: (question.roles.iter())
            .filter_map(|r| q.role(r).map(|role| role.name.clone()))
            .collect(),
        context: question.context,
        source: question.source.clone(),
    }
}

/// The model document's view of `q`.
pub fn model(q: &Questionnaire) -> ModelView {
    let total: f64 = q.dimensions.iter().map(|d| d.weight).sum();
    let count = |per_unit: bool| {
        (q.dimensions.iter())
            .filter(|d| d.per_unit == per_unit)
            .map(|d| d.questions.len())
            .sum()
    };
    ModelView {
        schema_version: SCHEMA_VERSION,
        document: "model",
        questionnaire: QuestionnaireView {
            description: q.description.replace("{organization}", "your organization"),
            ..super::questionnaire_view(q)
        },
        questions_once: count(false),
        questions_per_unit: count(true),
        roles: (q.roles.iter())
            .map(|r| RoleView {
                name: r.name.clone(),
                group: r.group.clone(),
            })
            .collect(),
        levels: LevelIx::all(q.levels.len())
            .map(|l| level_view(q, l))
            .collect(),
        ladder_sources: (q.levels.iter())
            .filter_map(|l| {
                Some(LadderSourceView {
                    level: l.name.clone(),
                    source: l.source.clone()?,
                })
            })
            .collect(),
        dimensions: (q.dimensions.iter())
            .map(|d| ModelDimensionView {
                name: d.name.clone(),
                description: d.description.clone(),
                weight: d.weight,
                share: round1(100.0 * d.weight / total.max(f64::MIN_POSITIVE)),
                per_unit: d.per_unit,
                source: d.source.clone(),
                questions: (d.questions.iter())
                    .map(|&i| question_view(q, &q.questions[i]))
                    .collect(),
            })
            .collect(),
        gates: (q.gates.iter())
            .map(|g| ModelGateView {
                title: g.title.clone(),
                reason: g.reason.clone(),
                caps_at: q.levels[g.max_level].name.clone(),
                source: g.source.clone(),
            })
            .collect(),
        patterns: (q.patterns.iter())
            .map(|p| ModelPatternView {
                name: p.name.clone(),
                description: p.description.clone(),
                source: p.source.clone(),
            })
            .collect(),
        references: (q.references.iter())
            .map(|(key, cite)| ReferenceView {
                key: key.clone(),
                cite: cite.clone(),
            })
            .collect(),
        action_count: q.actions.len(),
        max_per_phase: q.max_per_phase,
        disagreement_threshold: q.disagreement_threshold,
    }
}
