//! Two runs side by side: what changed in level, scores, gates, patterns and triggered actions.
//!
//! Each side is assessed against its own questionnaire. Things are matched by id, so when the
//! questionnaire changed between the runs only what both share is compared, and the differences
//! are stated plainly.

use serde::Serialize;

use super::{QuestionnaireView, round1};
use crate::questionnaire::Questionnaire;
use crate::score::Assessment;

/// One assessed side of a comparison.
pub struct Side<'a> {
    pub q: &'a Questionnaire,
    pub assessment: &'a Assessment,
    pub organization: String,
    pub date: Option<String>,
    pub respondents: usize,
}

#[derive(Debug, Serialize)]
pub struct CompareView {
    pub schema_version: u32,
    /// `compare`.
    pub document: &'static str,
    pub before: SideView,
    pub after: SideView,
    /// Both sides used the same questionnaire content (id, version and content hash).
    pub same_questionnaire: bool,
    /// Plain statements about what could not be compared, or compared with care.
    pub notes: Vec<String>,
    /// After − before, when both have an overall score.
    pub overall_change: Option<f64>,
    /// `up`, `down` or `same`; `different ladders` when the levels changed.
    pub level_change: &'static str,
    pub dimensions: Vec<DimensionChange>,
    /// Gates that held before and no longer do.
    pub gates_lifted: Vec<Named>,
    /// Gates that hold now and did not before.
    pub gates_new: Vec<Named>,
    /// Gates that hold on both sides.
    pub gates_holding: Vec<Named>,
    pub patterns_gone: Vec<Named>,
    pub patterns_new: Vec<Named>,
    pub patterns_still: Vec<Named>,
    /// Actions triggered before and no longer triggered: done.
    pub actions_done: Vec<Named>,
    /// Actions triggered now and not before.
    pub actions_new: Vec<Named>,
    /// Actions triggered on both sides.
    pub actions_open: Vec<Named>,
}

#[derive(Debug, Serialize)]
pub struct SideView {
    pub questionnaire: QuestionnaireView,
    pub organization: String,
    /// The latest date among the side's sheets.
    pub date: Option<String>,
    pub respondent_count: usize,
    pub overall: Option<f64>,
    pub level_id: String,
    pub level_name: String,
    pub level_index: usize,
}

#[derive(Debug, Serialize)]
pub struct DimensionChange {
    pub id: String,
    pub name: String,
    pub before: Option<f64>,
    pub after: Option<f64>,
    /// After − before, when both sides scored it.
    pub change: Option<f64>,
    /// `both`, `only_before` or `only_after`.
    pub present: &'static str,
    /// Its questions differ between the two questionnaires.
    pub questions_changed: bool,
}

#[derive(Debug, Serialize)]
pub struct Named {
    pub id: String,
    pub name: String,
}

fn side_view(s: &Side) -> SideView {
    let level = &s.q.levels[s.assessment.level];
    SideView {
        questionnaire: QuestionnaireView {
            id: s.q.id.clone(),
            version: s.q.version.clone(),
            content_hash: s.q.content_hash.clone(),
            title: s.q.title.clone(),
            description: s.q.description.clone(),
        },
        organization: s.organization.clone(),
        date: s.date.clone(),
        respondent_count: s.respondents,
        overall: s.assessment.overall.map(round1),
        level_id: level.id.clone(),
        level_name: level.name.clone(),
        level_index: s.assessment.level,
    }
}

fn as_refs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

/// Splits two id lists into (only before, only after, both), each in its side's order.
fn split<'a>(before: &[&'a str], after: &[&'a str]) -> (Vec<&'a str>, Vec<&'a str>, Vec<&'a str>) {
    (
        before
            .iter()
            .filter(|x| !after.contains(x))
            .copied()
            .collect(),
        after
            .iter()
            .filter(|x| !before.contains(x))
            .copied()
            .collect(),
        after
            .iter()
            .filter(|x| before.contains(x))
            .copied()
            .collect(),
    )
}

pub fn compare(before: &Side, after: &Side) -> CompareView {
    let (qb, qa) = (before.q, after.q);
    let same = qb.id == qa.id && qb.version == qa.version && qb.content_hash == qa.content_hash;
    let mut notes = Vec::new();
    if qb.id != qa.id {
        notes.push(format!(
            "The two runs answered different questionnaires ({} before, {} after): only dimensions, gates, patterns and actions with the same id are compared.",
            qb.reference(),
            qa.reference()
        ));
    } else if !same {
        notes.push(format!(
            "The questionnaire changed between the runs ({} {} before, {} {} after): scores of changed dimensions are not strictly comparable, and only what both versions share is compared.",
            qb.reference(),
            qb.content_hash,
            qa.reference(),
            qa.content_hash
        ));
    }
    let ladder = |q: &Questionnaire| q.levels.iter().map(|l| l.id.clone()).collect::<Vec<_>>();
    let level_change = if ladder(qb) != ladder(qa) {
        notes.push("The maturity ladder changed between the runs, so the levels are shown side by side but not ranked.".into());
        "different ladders"
    } else {
        match after.assessment.level.cmp(&before.assessment.level) {
            std::cmp::Ordering::Greater => "up",
            std::cmp::Ordering::Less => "down",
            std::cmp::Ordering::Equal => "same",
        }
    };

    let dim_score = |s: &Side, d: usize| {
        let ds = &s.assessment.dimensions[d];
        ds.score.filter(|_| ds.sufficient)
    };
    let questions_of = |q: &Questionnaire, d: usize| {
        q.dimensions[d]
            .questions
            .iter()
            .map(|&i| q.questions[i].id.clone())
            .collect::<Vec<_>>()
    };
    let mut dimensions = Vec::new();
    for (d, dim) in qa.dimensions.iter().enumerate() {
        let b = qb.dimensions.iter().position(|x| x.id == dim.id);
        let before_score = b.and_then(|b| dim_score(before, b));
        let after_score = dim_score(after, d);
        dimensions.push(DimensionChange {
            id: dim.id.clone(),
            name: dim.name.clone(),
            before: before_score.map(round1),
            after: after_score.map(round1),
            change: before_score.zip(after_score).map(|(x, y)| round1(y - x)),
            present: if b.is_some() { "both" } else { "only_after" },
            questions_changed: b.is_some_and(|b| questions_of(qb, b) != questions_of(qa, d)),
        });
    }
    for (b, dim) in qb.dimensions.iter().enumerate() {
        if !qa.dimensions.iter().any(|x| x.id == dim.id) {
            dimensions.push(DimensionChange {
                id: dim.id.clone(),
                name: dim.name.clone(),
                before: dim_score(before, b).map(round1),
                after: None,
                change: None,
                present: "only_before",
                questions_changed: false,
            });
        }
    }
    let changed: Vec<&str> = dimensions
        .iter()
        .filter(|d| d.questions_changed)
        .map(|d| d.name.as_str())
        .collect();
    if !changed.is_empty() {
        notes.push(format!(
            "These dimensions ask different questions now: {}.",
            changed.join(", ")
        ));
    }

    // Gates, patterns and actions by id, with the name from the side that has it.
    let named = |ids: Vec<&str>, lookup: &dyn Fn(&str) -> Option<String>| -> Vec<Named> {
        ids.into_iter()
            .map(|id| Named {
                id: id.to_string(),
                name: lookup(id).unwrap_or_default(),
            })
            .collect()
    };
    let gate_ids = |s: &Side| -> Vec<String> {
        s.assessment
            .gates
            .iter()
            .map(|&g| s.q.gates[g].id.clone())
            .collect()
    };
    let pattern_ids = |s: &Side| -> Vec<String> {
        s.assessment
            .patterns
            .iter()
            .map(|&p| s.q.patterns[p].id.clone())
            .collect()
    };
    let action_ids = |s: &Side| -> Vec<String> {
        s.assessment
            .actions
            .iter()
            .map(|&a| s.q.actions[a].id.clone())
            .collect()
    };
    let gate_name = |id: &str| {
        qa.gates
            .iter()
            .chain(&qb.gates)
            .find(|g| g.id == id)
            .map(|g| g.reason.clone())
    };
    let pattern_name = |id: &str| {
        qa.patterns
            .iter()
            .chain(&qb.patterns)
            .find(|p| p.id == id)
            .map(|p| p.name.clone())
    };
    let action_name = |id: &str| {
        qa.actions
            .iter()
            .chain(&qb.actions)
            .find(|a| a.id == id)
            .map(|a| a.title.clone())
    };
    // Only what both questionnaires define can be lifted, new or done; the rest is noted.
    let mut shared = |kind: &str,
                      before_ids: Vec<String>,
                      after_ids: Vec<String>,
                      in_before: &dyn Fn(&str) -> bool,
                      in_after: &dyn Fn(&str) -> bool| {
        let mut skipped: Vec<String> = before_ids
            .iter()
            .filter(|id| !in_after(id))
            .chain(after_ids.iter().filter(|id| !in_before(id)))
            .cloned()
            .collect();
        skipped.dedup();
        if !skipped.is_empty() {
            notes.push(format!(
                "Not compared, as only one questionnaire has them: {kind} {}.",
                skipped.join(", ")
            ));
        }
        let keep = |ids: Vec<String>| -> Vec<String> {
            ids.into_iter()
                .filter(|id| in_before(id) && in_after(id))
                .collect()
        };
        (keep(before_ids), keep(after_ids))
    };
    let has_gate = |q: &Questionnaire, id: &str| q.gates.iter().any(|g| g.id == id);
    let has_pattern = |q: &Questionnaire, id: &str| q.patterns.iter().any(|p| p.id == id);
    let has_action = |q: &Questionnaire, id: &str| q.actions.iter().any(|a| a.id == id);
    let (gb, ga) = shared(
        "gates",
        gate_ids(before),
        gate_ids(after),
        &|id| has_gate(qb, id),
        &|id| has_gate(qa, id),
    );
    let (pb, pa) = shared(
        "patterns",
        pattern_ids(before),
        pattern_ids(after),
        &|id| has_pattern(qb, id),
        &|id| has_pattern(qa, id),
    );
    let (ab, aa) = shared(
        "actions",
        action_ids(before),
        action_ids(after),
        &|id| has_action(qb, id),
        &|id| has_action(qa, id),
    );
    let (g_lifted, g_new, g_both) = split(&as_refs(&gb), &as_refs(&ga));
    let (p_gone, p_new, p_both) = split(&as_refs(&pb), &as_refs(&pa));
    let (a_done, a_new, a_both) = split(&as_refs(&ab), &as_refs(&aa));
    CompareView {
        schema_version: crate::view::SCHEMA_VERSION,
        document: "compare",
        before: side_view(before),
        after: side_view(after),
        same_questionnaire: same,
        notes,
        overall_change: before
            .assessment
            .overall
            .zip(after.assessment.overall)
            .map(|(x, y)| round1(y - x)),
        level_change,
        dimensions,
        gates_lifted: named(g_lifted, &gate_name),
        gates_new: named(g_new, &gate_name),
        gates_holding: named(g_both, &gate_name),
        patterns_gone: named(p_gone, &pattern_name),
        patterns_new: named(p_new, &pattern_name),
        patterns_still: named(p_both, &pattern_name),
        actions_done: named(a_done, &action_name),
        actions_new: named(a_new, &action_name),
        actions_open: named(a_both, &action_name),
    }
}
