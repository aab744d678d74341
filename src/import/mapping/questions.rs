//! The `questions:` of a mapping: for each question, where its answers are (`column:`,
//! `option_columns:` or `unit_columns:`), its separator, and the labels under `values:`, each
//! checked against the question's type.

use serde::Deserialize;
use serde_yaml::{Mapping as YamlMap, Value};

use super::{Columns, Mapping, Other, QuestionMap, column, labels_of, scalar_text, separator};
use crate::error::hint;
use crate::index::OptionIx;
use crate::questionnaire::accept::is_not_applicable;
use crate::questionnaire::raw::Item;
use crate::questionnaire::{Kind, Question, Questionnaire};
use crate::source::{Report, key_path};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestionMap {
    column: Option<String>,
    separator: Option<String>,
    values: Option<YamlMap>,
    option_columns: Option<YamlMap>,
    unit_columns: Option<YamlMap>,
    other: Option<String>,
}

pub(super) fn question_map(
    r: &mut Report,
    q: &Questionnaire,
    mapping: &Mapping,
    key: &Value,
    value: &Value,
) -> Option<QuestionMap> {
    let id = scalar_text(key);
    let path = key_path("questions", &id);
    let Some(i) = q.question_index(&id) else {
        let hint = r.hint(&id, q.questions.iter().map(|q| q.id.as_str()));
        let message = format!("`{id}` is not a question of {}{hint}", q.reference());
        r.error_key(&path, message);
        return None;
    };
    let question = &q.questions[i];
    let raw: RawQuestionMap = match serde_yaml::from_value::<Item<RawQuestionMap>>(value.clone()) {
        Ok(Item(Ok(raw))) => raw,
        Ok(Item(Err(e))) => {
            r.item_error(&path, &e);
            return None;
        }
        Err(e) => {
            r.error(&path, e.to_string());
            return None;
        }
    };
    let separator = separator(r, &key_path(&path, "separator"), raw.separator.as_deref());
    if separator.is_some() && !matches!(question.kind, Kind::Multi { .. }) {
        r.error_key(
            &key_path(&path, "separator"),
            format!(
                "`{id}` is a {} question, which takes one answer per cell; remove `separator:`",
                question.kind.name()
            ),
        );
    }
    let columns = columns(r, mapping, question, &path, &raw)?;
    let mut labels = Vec::new();
    for (label, value, vpath) in labels_of(r, &key_path(&path, "values"), raw.values.as_ref()) {
        if let Some(m) = mapped(r, &vpath, question, &value) {
            labels.push((label, m));
        }
    }
    let other = raw
        .other
        .as_deref()
        .and_then(|o| other(r, question, &key_path(&path, "other"), o));
    Some(QuestionMap {
        question: i,
        columns,
        separator,
        labels,
        other,
    })
}

/// `other: ignore` or `other: comment`, for a multi-select question.
fn other(r: &mut Report, question: &Question, path: &str, raw: &str) -> Option<Other> {
    if !matches!(question.kind, Kind::Multi { .. }) {
        r.error_key(
            path,
            format!(
                "`other:` says what a multi-select's \"Other: …\" text means; `{}` is a {} question, so remove it",
                question.id,
                question.kind.name()
            ),
        );
        return None;
    }
    match raw {
        "ignore" => Some(Other::Ignore),
        "comment" => Some(Other::Comment),
        _ => {
            r.error(
                path,
                format!(
                    "`{raw}` is not a way to read \"Other: …\" answers; write `ignore` (keep the ticked options, drop the text) or `comment` (keep the text as a comment in the sheet)"
                ),
            );
            None
        }
    }
}

/// Which columns hold the question's answers: `column:`, `option_columns:` (multi) or
/// `unit_columns:` (per unit), one of them.
fn columns(
    r: &mut Report,
    mapping: &Mapping,
    question: &Question,
    path: &str,
    raw: &RawQuestionMap,
) -> Option<Columns> {
    let id = &question.id;
    let given = [
        ("column", raw.column.is_some()),
        ("option_columns", raw.option_columns.is_some()),
        ("unit_columns", raw.unit_columns.is_some()),
    ];
    let named: Vec<&str> = given.iter().filter(|g| g.1).map(|g| g.0).collect();
    if named.len() > 1 {
        r.error_key(
            &key_path(path, named[1]),
            format!(
                "`{id}` takes one of `column:`, `option_columns:` and `unit_columns:`; keep `{}` or `{}`",
                named[0], named[1]
            ),
        );
        return None;
    }
    if let Some(header) = &raw.column {
        let c = column(r, &key_path(path, "column"), header)?;
        if question.per_unit && !header.contains("{unit}") && mapping.units.is_none() {
            r.error(
                &c.path,
                format!(
                    "`{id}` is asked per business unit: put `{{unit}}` in the header where the unit's name stands, list the columns under `unit_columns:`, or map `units:` so each row names its one unit"
                ),
            );
            return None;
        }
        if !question.per_unit && header.contains("{unit}") {
            r.error(
                &c.path,
                format!("`{id}` is not asked per unit, so its header cannot hold `{{unit}}`"),
            );
            return None;
        }
        return Some(Columns::One(c));
    }
    if let Some(map) = &raw.option_columns {
        return option_columns(r, question, &key_path(path, "option_columns"), map);
    }
    if let Some(map) = &raw.unit_columns {
        return unit_columns(r, question, &key_path(path, "unit_columns"), map);
    }
    r.error_key(
        path,
        format!(
            "`{id}` names no column; add `column: HEADER` (the header text in the CSV), or remove `{id}` if the survey did not ask it"
        ),
    );
    None
}

fn option_columns(
    r: &mut Report,
    question: &Question,
    path: &str,
    map: &YamlMap,
) -> Option<Columns> {
    let id = &question.id;
    if !matches!(question.kind, Kind::Multi { .. }) {
        r.error_key(
            path,
            format!(
                "`option_columns:` is for multi questions; `{id}` is a {} question, so name its one column with `column:`",
                question.kind.name()
            ),
        );
        return None;
    }
    if question.per_unit {
        r.error_key(path, format!("`{id}` is asked per unit; one column per option is not supported there, so use `unit_columns:` with one cell per unit"));
        return None;
    }
    let mut out = Vec::new();
    for (key, value) in map {
        let option = scalar_text(key);
        let opath = key_path(path, &option);
        let Some(o) = OptionIx::position(&question.option_values, |v| *v == option) else {
            r.error_key(
                &opath,
                format!(
                    "`{option}` is not an option of `{id}`{}",
                    hint(&option, question.option_values.iter().map(String::as_str))
                ),
            );
            continue;
        };
        if let Some(c) = column(r, &opath, &scalar_text(value)) {
            out.push((o, c));
        }
    }
    Some(Columns::PerOption(out))
}

fn unit_columns(r: &mut Report, question: &Question, path: &str, map: &YamlMap) -> Option<Columns> {
    if !question.per_unit {
        r.error_key(
            path,
            format!(
                "`{}` is not asked per unit; name its one column with `column:`",
                question.id
            ),
        );
        return None;
    }
    let mut out = Vec::new();
    for (key, value) in map {
        let unit = scalar_text(key);
        if let Some(c) = column(r, &key_path(path, &unit), &scalar_text(value)) {
            out.push((unit.trim().to_string(), c));
        }
    }
    Some(Columns::PerUnit(out))
}

/// Checks one `values:` entry against the question with the question's own reader (one option
/// for a multi-select): an option value, a number on the scale, yes or no, or `n/a`.
fn mapped(r: &mut Report, path: &str, question: &Question, value: &Value) -> Option<Value> {
    let id = &question.id;
    let na = is_not_applicable(value);
    if matches!(question.kind, Kind::Text) && !na {
        r.error(
            path,
            format!(
                "`{id}` takes free text, which is imported as written; only `n/a` can be mapped"
            ),
        );
        return None;
    }
    let answer = match question.kind {
        Kind::Multi { .. } if !na => Value::Sequence(vec![value.clone()]),
        _ => value.clone(),
    };
    match question.accept(&answer) {
        Ok(Some(_)) => Some(value.clone()),
        Ok(None) => {
            r.error(
                path,
                format!("map the label to an answer to `{id}`, not to nothing"),
            );
            None
        }
        Err(problems) => {
            r.error(path, problems[0].to_string());
            None
        }
    }
}
