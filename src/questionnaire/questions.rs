//! Validation of dimensions and their questions: types, options, scales, bands and weights.

use std::collections::HashMap;

use super::checks::{check_id, finite, items};
use super::raw::{RawBand, RawDimension, RawQuestion, RawQuestionnaire};
use super::*;
use crate::error::hint;
use crate::source::{Report, index_path, key_path};

/// A question's `show_if` as written, where it stands in the file: conditions are checked once
/// every question is known.
pub(super) struct ShowIf {
    pub question: QuestionIx,
    /// The YAML path of the `show_if:` field.
    pub path: String,
    pub text: String,
}

/// Builds the dimensions and their questions into `q`; returns the questions' `show_if`s, still
/// to be checked.
pub(super) fn dimensions(
    r: &mut Report,
    raw: &RawQuestionnaire,
    scales: &HashMap<String, Vec<ScalePoint>>,
    q: &mut Questionnaire,
) -> Vec<ShowIf> {
    let mut show_ifs = Vec::new();
    let mut dim_ids = HashMap::new();
    let mut question_ids = HashMap::new();
    if raw.dimensions.is_empty() {
        r.error(
            "dimensions",
            "the questionnaire has no dimensions; add at least one with questions",
        );
    }
    for (path, dim) in items(r, "dimensions", &raw.dimensions) {
        check_id(
            r,
            &key_path(&path, "id"),
            &dim.id,
            "dimension",
            &mut dim_ids,
        );
        let weight = weight(
            r,
            &path,
            dim.weight,
            "dimension",
            "; drop the dimension instead of weighting it 0",
        );
        let d = DimensionIx::new(q.dimensions.len());
        let mut indices: Vec<QuestionIx> = Vec::new();
        for (qpath, raw_q) in items(r, &key_path(&path, "questions"), &dim.questions) {
            check_id(
                r,
                &key_path(&qpath, "id"),
                &raw_q.id,
                "question",
                &mut question_ids,
            );
            match question(r, &qpath, raw_q, dim, d, scales) {
                Some(question) => {
                    let ix = QuestionIx::new(q.questions.len());
                    indices.push(ix);
                    q.questions.push(question);
                    show_ifs.extend(raw_q.show_if.clone().map(|text| ShowIf {
                        question: ix,
                        path: key_path(&qpath, "show_if"),
                        text,
                    }));
                }
                // Reported already; its uses in conditions are not reported again.
                None => {
                    r.broken_ids.insert(raw_q.id.clone());
                }
            }
        }
        if dim.questions.is_empty() {
            r.error(
                &path,
                format!(
                    "dimension `{}` has no questions; add some under `questions:`",
                    dim.id
                ),
            );
        } else if !indices.is_empty() && indices.iter().all(|&i| !q.questions[i].scored()) {
            r.warning(
                &path,
                format!(
                    "dimension `{}` has only text or context questions, so it will never have a score",
                    dim.id
                ),
            );
        }
        q.dimensions.push(Dimension {
            id: dim.id.clone(),
            name: dim.name.clone(),
            weight,
            description: dim.description.clone(),
            per_unit: dim.per_unit,
            source: dim.source.clone(),
            questions: indices,
        });
    }
    show_ifs
}

/// Weights are relative; a cap keeps weighted sums finite.
const MAX_WEIGHT: f64 = 1000.0;

/// A dimension's or question's weight (1 when not given), reporting one that is not above 0 or is
/// over [`MAX_WEIGHT`]. `what` names the owner; `if_not_positive` ends the message for a weight
/// not above 0.
fn weight(
    r: &mut Report,
    path: &str,
    weight: Option<f64>,
    what: &str,
    if_not_positive: &str,
) -> f64 {
    let weight = weight.unwrap_or(1.0);
    if weight.is_nan() || weight <= 0.0 {
        r.error(
            &key_path(path, "weight"),
            format!("{what} weight must be above 0, not {weight}{if_not_positive}"),
        );
    } else if weight > MAX_WEIGHT {
        r.error(&key_path(path, "weight"), format!("{what} weight must be at most {MAX_WEIGHT}, not {weight:e}; weights are relative, so small numbers do"));
    }
    weight
}

const TYPES: [&str; 6] = ["choice", "multi", "scale", "yes_no", "number", "text"];

/// A question of dimension `d`, checked; `None` when it cannot be built (what is wrong is
/// reported).
fn question(
    r: &mut Report,
    path: &str,
    raw: &RawQuestion,
    dim: &RawDimension,
    d: DimensionIx,
    scales: &HashMap<String, Vec<ScalePoint>>,
) -> Option<Question> {
    misplaced_fields(r, path, raw);
    let weight = weight(r, path, raw.weight, "question", "");
    if raw.text.contains("{unit}") && !dim.per_unit {
        r.error(&key_path(path, "text"), format!("`{{unit}}` only works in per-unit dimensions; `{}` is not one (set `per_unit: true` or remove it)", dim.id));
    }
    let kind = kind(r, path, raw, scales)?;
    let option_values = kind.options().iter().map(|o| o.value.clone()).collect();
    Some(Question {
        id: raw.id.clone(),
        text: raw.text.clone(),
        short: raw.short.clone(),
        roles: raw.roles.clone(),
        help: raw.help.clone(),
        dimension: d,
        per_unit: dim.per_unit,
        kind,
        weight,
        show_if: None,
        // n/a is opted into question by question: a default of "may not apply" let weak answers
        // hide as n/a and lift scores.
        allow_na: raw.allow_na.unwrap_or(false),
        context: raw.context.unwrap_or(false),
        source: raw.source.clone(),
        option_values,
    })
}

/// Reports the fields that only other types of question take (for a question of a known type).
fn misplaced_fields(r: &mut Report, path: &str, raw: &RawQuestion) {
    let ty = raw.kind.as_str();
    if !TYPES.contains(&ty) {
        return;
    }
    let misplaced: [(&str, bool, &str); 6] = [
        ("options", raw.options.is_some(), "choice|multi"),
        ("scale", raw.scale.is_some(), "scale"),
        ("bands", raw.bands.is_some(), "number"),
        ("max_points", raw.max_points.is_some(), "multi"),
        ("min", raw.min.is_some() || raw.max.is_some(), "number"),
        ("integer", raw.integer.is_some(), "number"),
    ];
    for (name, present, types) in misplaced {
        if present && !types.split('|').any(|t| t == ty) {
            let name = if name == "min" && raw.min.is_none() {
                "max"
            } else {
                name
            };
            r.error_key(
                &key_path(path, name),
                format!(
                    "`{name}` does not apply to a {ty} question (only to {}); remove it",
                    types.replace('|', " and ")
                ),
            );
        }
    }
}

/// The question's type with what it takes (options, scale, bands), reporting what is missing or
/// wrong; `None` when the question cannot be built.
fn kind(
    r: &mut Report,
    path: &str,
    raw: &RawQuestion,
    scales: &HashMap<String, Vec<ScalePoint>>,
) -> Option<Kind> {
    match raw.kind.as_str() {
        "choice" => Some(Kind::Choice {
            options: options(r, path, raw),
        }),
        "multi" => Some(multi(r, path, raw)),
        "scale" => scale(r, path, raw, scales),
        "yes_no" => Some(Kind::YesNo),
        "number" => number(r, path, raw),
        "text" => Some(Kind::Text),
        other => {
            r.error(
                &key_path(path, "type"),
                format!("`{other}` is not a question type{}", hint(other, TYPES)),
            );
            None
        }
    }
}

/// A choice or multi question's options, reporting a missing, empty or single-option list,
/// reserved or repeated values, and a list where no option scores.
fn options(r: &mut Report, path: &str, raw: &RawQuestion) -> Vec<ChoiceOption> {
    let ty = raw.kind.as_str();
    let field = key_path(path, "options");
    let Some(options) = &raw.options else {
        r.error_key(
            path,
            format!("a {ty} question needs `options:`, a list of `{{ value, label, points }}`"),
        );
        return Vec::new();
    };
    if options.is_empty() {
        r.error(&field, "the option list is empty; add at least two options");
    } else if options.len() == 1 && ty == "choice" {
        r.error(
            &field,
            "a choice with one option cannot tell answers apart; add another option or make it a yes_no question",
        );
    }
    let mut seen = HashMap::new();
    let mut out = Vec::new();
    for (i, o) in options.iter().enumerate() {
        let opath = key_path(&index_path(&field, i), "value");
        check_id(r, &opath, &o.value, "option", &mut seen);
        if o.value == "n_a" || o.value == "na" {
            r.error(&opath, "option value reserved for \"not applicable\"; use `allow_na: true` instead of an option");
        }
        finite(r, &key_path(&index_path(&field, i), "points"), o.points);
        if o.exclusive && ty != "multi" {
            r.error(
                &key_path(&index_path(&field, i), "exclusive"),
                "`exclusive` applies to the options of a multi question (a choice takes one option anyway); remove it",
            );
        }
        if o.scored.is_some() && ty != "choice" {
            r.error(
                &key_path(&index_path(&field, i), "scored"),
                "`scored` applies to the options of a choice question; remove it",
            );
        }
        out.push(ChoiceOption {
            value: o.value.clone(),
            label: o.label.clone().unwrap_or_else(|| o.value.clone()),
            points: o.points,
            exclusive: o.exclusive,
            scored: o.scored.unwrap_or(true),
        });
    }
    let scoring = out.iter().filter(|o| o.scored);
    if !options.is_empty() && raw.context != Some(true) && scoring.clone().all(|o| o.points <= 0.0)
    {
        r.error(&field, "every option has 0 points or fewer, so this question cannot score; give the best option positive `points`, or mark it `context: true` if it only describes the organization");
    }
    out
}

/// A multi question: its options, and the points that make a full score (by default, the sum of
/// the positive options' points).
fn multi(r: &mut Report, path: &str, raw: &RawQuestion) -> Kind {
    let options = options(r, path, raw);
    let positive: f64 = options.iter().map(|o| o.points.max(0.0)).sum();
    let max_points = raw.max_points.unwrap_or(positive);
    finite(r, &key_path(path, "max_points"), max_points);
    if max_points <= 0.0 && raw.max_points.is_some() {
        r.error(
            &key_path(path, "max_points"),
            format!("max_points must be above 0, not {max_points}"),
        );
    }
    Kind::Multi {
        options,
        max_points,
    }
}

/// A scale question, on one of the questionnaire's scales (one too short to use was reported
/// with the scales).
fn scale(
    r: &mut Report,
    path: &str,
    raw: &RawQuestion,
    scales: &HashMap<String, Vec<ScalePoint>>,
) -> Option<Kind> {
    let Some(name) = &raw.scale else {
        r.error_key(
            path,
            "a scale question needs `scale: NAME`, naming one of the questionnaire's `scales`",
        );
        return None;
    };
    match scales.get(name) {
        Some(points) if points.len() >= 2 => Some(Kind::Scale {
            name: name.clone(),
            points: points.clone(),
        }),
        Some(_) => None,
        None => {
            // In name order: the message is the same from run to run.
            let mut names: Vec<&str> = scales.keys().map(String::as_str).collect();
            names.sort_unstable();
            r.error(
                &key_path(path, "scale"),
                format!(
                    "`{name}` is not a scale of this questionnaire{}",
                    hint(name, names)
                ),
            );
            None
        }
    }
}

/// A number question: its bands, and the range an answer must fall in, if any.
fn number(r: &mut Report, path: &str, raw: &RawQuestion) -> Option<Kind> {
    let Some(raw_bands) = &raw.bands else {
        r.error_key(path, "a number question needs `bands:`, e.g. `[{ min: 0, points: 0 }, { min: 3, points: 2 }]`");
        return None;
    };
    let bands = bands(r, path, raw_bands);
    if let (Some(lo), Some(hi)) = (raw.min, raw.max)
        && lo >= hi
    {
        r.error(
            &key_path(path, "max"),
            format!("`max` ({hi}) must be above `min` ({lo})"),
        );
    }
    Some(Kind::Number {
        bands,
        min: raw.min,
        max: raw.max,
        integer: raw.integer.unwrap_or(false),
    })
}

/// A number question's bands, reporting bands out of ascending order, numbers that are not
/// finite, an empty list and a list where no band scores.
fn bands(r: &mut Report, path: &str, raw_bands: &[RawBand]) -> Vec<Band> {
    let field = key_path(path, "bands");
    let mut bands: Vec<Band> = Vec::new();
    for (i, b) in raw_bands.iter().enumerate() {
        if let Some(prev) = bands.last()
            && b.min <= prev.min
        {
            r.error(
                &key_path(&index_path(&field, i), "min"),
                format!(
                    "bands must ascend by `min`: {} is not above {}",
                    b.min, prev.min
                ),
            );
        }
        let bpath = index_path(&field, i);
        finite(r, &key_path(&bpath, "min"), b.min);
        finite(r, &key_path(&bpath, "points"), b.points);
        bands.push(Band {
            min: b.min,
            points: b.points,
        });
    }
    if bands.is_empty() {
        r.error(
            &field,
            "the band list is empty; add bands such as `{ min: 0, points: 0 }`",
        );
    } else if bands.iter().all(|b| b.points <= 0.0) {
        r.error(&field, "every band has 0 points or fewer, so this question cannot score; give the best band positive `points`");
    }
    bands
}
