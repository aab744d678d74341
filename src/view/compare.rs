//! Two runs side by side: what changed in level, scores, gates, patterns and triggered actions.
//!
//! Each side is assessed against its own questionnaire. Things are matched by id, so when the
//! questionnaire changed between the runs only what both share is compared, and the differences
//! are stated plainly.

use serde::Serialize;

use super::{QuestionnaireView, round1};
use crate::index::DimensionIx;
use crate::plan::Plan;
use crate::questionnaire::Questionnaire;
use crate::score::Assessment;

/// One assessed side of a comparison.
pub struct Side<'a> {
    pub q: &'a Questionnaire,
    pub assessment: &'a Assessment,
    pub organization: String,
    pub date: Option<String>,
    pub respondents: usize,
    /// The leap plan on this side's answers, when there is one: open actions are named by their
    /// number in it.
    pub plan: Option<&'a Plan>,
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
    /// Both sides name the same organization (compared without case and extra spaces).
    pub same_organization: bool,
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
    /// With `--benchmark`: where the later run's scores stand among the peers; else `null`.
    pub benchmark: Option<super::peers::BenchmarkView>,
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
    /// The next level up this side's ladder and how far the overall score is from it; `null` at
    /// the top.
    pub next_level: Option<NextLevelView>,
}

#[derive(Debug, Serialize)]
pub struct NextLevelView {
    pub id: String,
    pub name: String,
    pub min_score: f64,
    /// Points from the overall score as shown to the level's `min_score` (all of them without an
    /// overall score).
    pub distance: f64,
}

#[derive(Debug, Serialize)]
pub struct DimensionChange {
    pub id: String,
    pub name: String,
    pub before: Option<f64>,
    pub after: Option<f64>,
    /// After − before as shown, when both sides scored it.
    pub change: Option<f64>,
    /// `up`, `down` or `same` when both sides scored it, else `null`.
    pub direction: Option<&'static str>,
    /// `both`, `only_before` or `only_after`.
    pub present: &'static str,
    /// Its questions differ between the two questionnaires.
    pub questions_changed: bool,
}

#[derive(Debug, Serialize)]
pub struct Named {
    pub id: String,
    pub name: String,
    /// For actions triggered after: its number in the leap plan on the later answers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<usize>,
}

/// After − before, computed from the numbers as shown (each rounded to one decimal first), so
/// that a reader who subtracts the printed figures gets the printed difference.
pub fn difference(before: f64, after: f64) -> f64 {
    round1(round1(after) - round1(before))
}

/// `up`, `down` or `same` for a difference as shown.
fn direction(change: f64) -> &'static str {
    if change > 0.0 {
        "up"
    } else if change < 0.0 {
        "down"
    } else {
        "same"
    }
}

/// An organization's name as compared: without case and extra spaces.
fn organization_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
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
        level_index: s.assessment.level.get(),
        next_level: s.q.level_above(s.assessment.level).map(|l| {
            let level = &s.q.levels[l];
            let shown = s.assessment.overall.map_or(0.0, round1);
            NextLevelView {
                id: level.id.clone(),
                name: level.name.clone(),
                min_score: level.min_score,
                distance: round1((level.min_score - shown).max(0.0)),
            }
        }),
    }
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

/// What changed between two runs, matched by id.
pub fn compare(before: &Side, after: &Side) -> CompareView {
    let (qb, qa) = (before.q, after.q);
    let same = qb.id == qa.id && qb.version == qa.version && qb.content_hash == qa.content_hash;
    let same_organization =
        organization_key(&before.organization) == organization_key(&after.organization);
    let mut notes: Vec<String> = Vec::new();
    if !same_organization {
        notes.push(format!(
            "The two runs are of different organizations ({} before, {} after): the changes compare two organizations, not one organization over time.",
            or_unnamed(&before.organization),
            or_unnamed(&after.organization)
        ));
    }
    notes.extend(questionnaire_note(qb, qa, same));
    let level_change = level_change(before, after, &mut notes);
    let dimensions = dimension_changes(before, after);
    notes.extend(changed_questions_note(&dimensions));
    let (gates_lifted, gates_new, gates_holding) =
        listed_changes(Listed::Gates, before, after, &mut notes);
    let (patterns_gone, patterns_new, patterns_still) =
        listed_changes(Listed::Patterns, before, after, &mut notes);
    let (actions_done, actions_new, actions_open) =
        listed_changes(Listed::Actions, before, after, &mut notes);
    CompareView {
        schema_version: crate::view::SCHEMA_VERSION,
        document: "compare",
        before: side_view(before),
        after: side_view(after),
        same_questionnaire: same,
        same_organization,
        notes,
        overall_change: before
            .assessment
            .overall
            .zip(after.assessment.overall)
            .map(|(x, y)| difference(x, y)),
        level_change,
        dimensions,
        gates_lifted,
        gates_new,
        gates_holding,
        patterns_gone,
        patterns_new,
        patterns_still,
        actions_done,
        actions_new,
        actions_open,
        benchmark: None,
    }
}

/// An organization's name for a note; a side may name none.
fn or_unnamed(name: &str) -> &str {
    if name.trim().is_empty() {
        "no name"
    } else {
        name
    }
}

/// What to say when the two runs did not answer the same questionnaire content: a different
/// questionnaire, or another version or content of the same one.
fn questionnaire_note(qb: &Questionnaire, qa: &Questionnaire, same: bool) -> Option<String> {
    if qb.id != qa.id {
        Some(format!(
            "The two runs answered different questionnaires ({} before, {} after): only dimensions, gates, patterns and actions with the same id are compared.",
            qb.reference(),
            qa.reference()
        ))
    } else if !same {
        Some(format!(
            "The questionnaire changed between the runs ({} {} before, {} {} after): scores of changed dimensions are not strictly comparable, and only what both versions share is compared.",
            qb.reference(),
            qb.content_hash,
            qa.reference(),
            qa.content_hash
        ))
    } else {
        None
    }
}

/// `up`, `down` or `same`; `different ladders`, with a note, when the maturity ladder changed.
fn level_change(before: &Side, after: &Side, notes: &mut Vec<String>) -> &'static str {
    let ladder = |q: &Questionnaire| q.levels.iter().map(|l| l.id.clone()).collect::<Vec<_>>();
    if ladder(before.q) != ladder(after.q) {
        notes.push("The maturity ladder changed between the runs, so the levels are shown side by side but not ranked.".into());
        return "different ladders";
    }
    match after.assessment.level.cmp(&before.assessment.level) {
        std::cmp::Ordering::Greater => "up",
        std::cmp::Ordering::Less => "down",
        std::cmp::Ordering::Equal => "same",
    }
}

/// A dimension's score on one side, when it rests on enough evidence.
fn dim_score(s: &Side, d: DimensionIx) -> Option<f64> {
    let ds = &s.assessment.dimensions[d];
    ds.score.filter(|_| ds.sufficient)
}

/// The ids of a dimension's questions, in order.
fn question_ids(q: &Questionnaire, d: DimensionIx) -> Vec<&str> {
    q.dimensions[d]
        .questions
        .iter()
        .map(|&i| q.questions[i].id.as_str())
        .collect()
}

/// Every dimension's scores side by side, matched by id: the after side's dimensions in its
/// order, then those only the before side has.
fn dimension_changes(before: &Side, after: &Side) -> Vec<DimensionChange> {
    let (qb, qa) = (before.q, after.q);
    let mut dimensions = Vec::new();
    for (d, dim) in DimensionIx::enumerate(&qa.dimensions) {
        let b = DimensionIx::position(&qb.dimensions, |x| x.id == dim.id);
        let before_score = b.and_then(|b| dim_score(before, b));
        let after_score = dim_score(after, d);
        let change = before_score.zip(after_score).map(|(x, y)| difference(x, y));
        dimensions.push(DimensionChange {
            id: dim.id.clone(),
            name: dim.name.clone(),
            before: before_score.map(round1),
            after: after_score.map(round1),
            change,
            direction: change.map(direction),
            present: if b.is_some() { "both" } else { "only_after" },
            questions_changed: b.is_some_and(|b| question_ids(qb, b) != question_ids(qa, d)),
        });
    }
    for (b, dim) in DimensionIx::enumerate(&qb.dimensions) {
        if !qa.dimensions.iter().any(|x| x.id == dim.id) {
            dimensions.push(DimensionChange {
                id: dim.id.clone(),
                name: dim.name.clone(),
                before: dim_score(before, b).map(round1),
                after: None,
                change: None,
                direction: None,
                present: "only_before",
                questions_changed: false,
            });
        }
    }
    // The largest rise first, then smaller ones, then the falls, the largest last; dimensions
    // without a change keep their order after them.
    dimensions.sort_by(|x, y| match (x.change, y.change) {
        (Some(a), Some(b)) => b.total_cmp(&a),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    dimensions
}

/// Names the dimensions whose questions differ between the two questionnaires, if any do.
fn changed_questions_note(dimensions: &[DimensionChange]) -> Option<String> {
    let changed: Vec<&str> = dimensions
        .iter()
        .filter(|d| d.questions_changed)
        .map(|d| d.name.as_str())
        .collect();
    if changed.is_empty() {
        return None;
    }
    Some(format!(
        "These dimensions ask different questions now: {}.",
        changed.join(", ")
    ))
}

/// Gates, patterns or actions: what an assessment lists by index into its questionnaire.
#[derive(Clone, Copy)]
enum Listed {
    Gates,
    Patterns,
    Actions,
}

impl Listed {
    /// What a note calls them.
    fn plural(self) -> &'static str {
        match self {
            Listed::Gates => "gates",
            Listed::Patterns => "patterns",
            Listed::Actions => "actions",
        }
    }

    /// The id and name of each one `q` defines, in its order (a gate is named by its title, an
    /// action by its title).
    fn defined(self, q: &Questionnaire) -> Vec<(&str, &str)> {
        match self {
            Listed::Gates => q
                .gates
                .iter()
                .map(|g| (g.id.as_str(), g.title.as_str()))
                .collect(),
            Listed::Patterns => q
                .patterns
                .iter()
                .map(|p| (p.id.as_str(), p.name.as_str()))
                .collect(),
            Listed::Actions => q
                .actions
                .iter()
                .map(|a| (a.id.as_str(), a.title.as_str()))
                .collect(),
        }
    }

    /// The ids of those that hold on side `s` (for actions: are triggered), in its order.
    fn held<'q>(self, s: &Side<'q>) -> Vec<&'q str> {
        let (a, q) = (&s.assessment, s.q);
        match self {
            Listed::Gates => a.gates.iter().map(|&g| q.gates[g].id.as_str()).collect(),
            Listed::Patterns => a
                .patterns
                .iter()
                .map(|&p| q.patterns[p].id.as_str())
                .collect(),
            Listed::Actions => a
                .actions
                .iter()
                .map(|&k| q.actions[k].id.as_str())
                .collect(),
        }
    }
}

/// The gates, patterns or actions that hold before only, after only and on both sides, each by
/// id in its side's order with the name from the side that has it. Only what both questionnaires
/// define is compared; the rest is noted.
fn listed_changes(
    kind: Listed,
    before: &Side,
    after: &Side,
    notes: &mut Vec<String>,
) -> (Vec<Named>, Vec<Named>, Vec<Named>) {
    let (defined_before, defined_after) = (kind.defined(before.q), kind.defined(after.q));
    let in_before = |id: &str| defined_before.iter().any(|(x, _)| *x == id);
    let in_after = |id: &str| defined_after.iter().any(|(x, _)| *x == id);
    let (mut before_ids, mut after_ids) = (kind.held(before), kind.held(after));
    let mut skipped: Vec<&str> = before_ids
        .iter()
        .filter(|id| !in_after(id))
        .chain(after_ids.iter().filter(|id| !in_before(id)))
        .copied()
        .collect();
    skipped.dedup();
    if !skipped.is_empty() {
        // Named as readers know them (a gate's title, a trap's name, an action's title).
        let names: Vec<&str> = (skipped.iter())
            .map(|&id| {
                (defined_before.iter().chain(&defined_after))
                    .find(|(x, _)| *x == id)
                    .map_or(id, |&(_, name)| name)
            })
            .collect();
        notes.push(format!(
            "Not compared, as only one questionnaire has them: {} {}.",
            kind.plural(),
            names.join("; ")
        ));
    }
    let shared = |id: &&str| in_before(id) && in_after(id);
    before_ids.retain(shared);
    after_ids.retain(shared);
    let (only_before, only_after, both) = split(&before_ids, &after_ids);
    let named = |ids: Vec<&str>, numbered: bool| -> Vec<Named> {
        let mut out: Vec<Named> = ids
            .into_iter()
            .map(|id| Named {
                id: id.to_string(),
                name: defined_after
                    .iter()
                    .chain(&defined_before)
                    .find(|(x, _)| *x == id)
                    .map(|(_, name)| name.to_string())
                    .unwrap_or_default(),
                number: numbered.then(|| plan_number(after, id)).flatten(),
            })
            .collect();
        // Actions as the later plan orders them; any it does not hold keep their order after.
        out.sort_by_key(|n| n.number.unwrap_or(usize::MAX));
        out
    };
    let numbered = matches!(kind, Listed::Actions);
    (
        named(only_before, false),
        named(only_after, numbered),
        named(both, numbered),
    )
}

/// Action `id`'s number in the leap plan of side `s` (from 1), when its plan holds it.
fn plan_number(s: &Side, id: &str) -> Option<usize> {
    let plan = s.plan?;
    plan.actions
        .iter()
        .position(|p| s.q.actions[p.action].id == id)
        .map(|k| k + 1)
}
