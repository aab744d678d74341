//! The mapping file (`format: leapcheck/mapping@1`): which CSV column holds which question, who
//! answered, their role, the organization, the date and the business units, and how the labels a
//! survey tool exports become option values. [`load`] checks it against the questionnaire and
//! reports every problem at its line and column; whether the named columns exist is checked later,
//! against the CSV's headers (see `columns`).

mod questions;

use serde::Deserialize;
use serde_yaml::{Mapping as YamlMap, Value};

use super::words::same;
use crate::error::{Diagnostic, hint};
use crate::index::{OptionIx, QuestionIx};
use crate::questionnaire::Questionnaire;
use crate::source::{Report, Source, key_path};

/// The format tag a mapping file must carry.
pub const FORMAT: &str = "leapcheck/mapping@1";

/// Separator between ticked answers in one cell, unless the mapping says otherwise.
pub const DEFAULT_SEPARATOR: &str = ";";

/// A validated mapping.
#[derive(Debug, Clone)]
pub struct Mapping {
    pub delimiter: u8,
    /// 1, or 2 for exports with a second header row (SurveyMonkey).
    pub header_rows: usize,
    /// Separator of multi-select cells, unless a question sets its own.
    pub separator: String,
    pub organization: Option<Field>,
    pub respondent: Option<Field>,
    pub role: Option<RoleField>,
    pub date: Option<DateField>,
    pub units: Option<UnitsField>,
    pub questions: Vec<QuestionMap>,
}

/// A column of the CSV, named by its header text. `path` is where the header is written in the
/// mapping, so a header the CSV lacks is reported there.
#[derive(Debug, Clone)]
pub struct Column {
    pub header: String,
    pub path: String,
}

/// A value read from a column, or the same for every row.
#[derive(Debug, Clone)]
pub enum Field {
    Column(Column),
    Value(String),
}

#[derive(Debug, Clone)]
pub struct RoleField {
    pub field: Field,
    /// Label in the CSV → role id.
    pub labels: Vec<(String, String)>,
}

/// How to read a date such as `3/12/2026`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayMonth {
    DayFirst,
    MonthFirst,
}

#[derive(Debug, Clone)]
pub struct DateField {
    pub field: Field,
    pub order: Option<DayMonth>,
}

#[derive(Debug, Clone)]
pub struct UnitsField {
    pub column: Column,
    pub separator: String,
    /// Label in the CSV → unit name in the sheet.
    pub labels: Vec<(String, String)>,
}

/// Where one question's answers are.
#[derive(Debug, Clone)]
pub struct QuestionMap {
    pub question: QuestionIx,
    pub columns: Columns,
    pub separator: Option<String>,
    /// Label in the CSV → the answer value it stands for (one option of a multi-select), as a
    /// sheet would write it; tried before the questionnaire's own labels.
    pub labels: Vec<(String, serde_yaml::Value)>,
    /// What the text of a form's "Other: …" box means in a multi-select cell (`other:`).
    pub other: Option<Other>,
}

/// What to do with the text a respondent typed into a form's "Other" box of a multi-select.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Other {
    /// Drop the text, keep the ticked options.
    Ignore,
    /// Keep the ticked options, and the text as a comment in the sheet's file.
    Comment,
}

#[derive(Debug, Clone)]
pub enum Columns {
    /// One column; for a per-unit question the header may hold `{unit}`, one column per unit.
    One(Column),
    /// A multi question exported one column per option: option index → column.
    PerOption(Vec<(OptionIx, Column)>),
    /// A per-unit question: unit name → column.
    PerUnit(Vec<(String, Column)>),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMapping {
    #[allow(dead_code)]
    format: String,
    #[serde(default)]
    questionnaire: String,
    csv: Option<RawCsv>,
    separator: Option<String>,
    organization: Option<RawText>,
    respondent: Option<RawText>,
    role: Option<RawRole>,
    date: Option<RawDate>,
    units: Option<RawUnits>,
    questions: Option<YamlMap>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCsv {
    delimiter: Option<String>,
    header_rows: Option<usize>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawText {
    column: Option<String>,
    value: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRole {
    column: Option<String>,
    value: Option<String>,
    values: Option<YamlMap>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDate {
    column: Option<String>,
    value: Option<String>,
    order: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawUnits {
    column: String,
    separator: Option<String>,
    values: Option<YamlMap>,
}

/// Loads a mapping and checks it against `q`. Returns it only when there is no error; the
/// diagnostics (warnings included) come back either way.
pub fn load(src: &Source, q: &Questionnaire) -> (Option<Mapping>, Vec<Diagnostic>) {
    let mut r = Report::new(src);
    let mapping = build(&mut r, q);
    let ok = !r.has_errors();
    (mapping.filter(|_| ok), r.diagnostics)
}

fn build(r: &mut Report, q: &Questionnaire) -> Option<Mapping> {
    let value: Value = r.deserialize()?;
    if !right_format(r, &value) {
        return None;
    }
    let raw: RawMapping = r.deserialize()?;
    if !right_questionnaire(r, q, &raw.questionnaire) {
        return None;
    }
    let (delimiter, header_rows) = csv_settings(r, raw.csv.as_ref());
    let separator = separator(r, "separator", raw.separator.as_deref())
        .unwrap_or_else(|| DEFAULT_SEPARATOR.to_string());
    let mut mapping = Mapping {
        delimiter,
        header_rows,
        separator,
        organization: raw
            .organization
            .as_ref()
            .and_then(|t| text_field(r, "organization", t.column.as_ref(), t.value.as_ref())),
        respondent: raw
            .respondent
            .as_ref()
            .and_then(|t| text_field(r, "respondent", t.column.as_ref(), t.value.as_ref())),
        role: raw.role.as_ref().and_then(|raw| role(r, q, raw)),
        date: raw.date.as_ref().and_then(|raw| date(r, raw)),
        units: raw.units.as_ref().map(|raw| units(r, raw)),
        questions: Vec::new(),
    };
    for (key, value) in raw.questions.iter().flatten() {
        if let Some(m) = questions::question_map(r, q, &mapping, key, value) {
            mapping.questions.push(m);
        }
    }
    Some(mapping)
}

fn right_format(r: &mut Report, value: &Value) -> bool {
    let format = value
        .get("format")
        .and_then(Value::as_str)
        .unwrap_or_default();
    if format == FORMAT {
        return true;
    }
    let fix = match format {
        "" => format!("add `format: {FORMAT}` as the first line"),
        f if f.starts_with("leapcheck/") => {
            format!("this is a `{f}` file, not a mapping; pass the mapping with --mapping")
        }
        _ => format!("write `format: {FORMAT}`"),
    };
    r.error(
        "format",
        format!("not a leapcheck mapping (format `{format}`); {fix}"),
    );
    false
}

fn right_questionnaire(r: &mut Report, q: &Questionnaire, named: &str) -> bool {
    if named == q.reference() {
        return true;
    }
    let message = if named.is_empty() {
        format!(
            "the mapping does not say which questionnaire it is for; add `questionnaire: {}`",
            q.reference()
        )
    } else {
        format!(
            "the mapping is for questionnaire `{named}`, not `{}`; pass the questionnaire it was written for with -q, or write `questionnaire: {}`",
            q.reference(),
            q.reference()
        )
    };
    r.error("questionnaire", message);
    false
}

fn csv_settings(r: &mut Report, raw: Option<&RawCsv>) -> (u8, usize) {
    let Some(raw) = raw else { return (b',', 1) };
    let delimiter = match raw.delimiter.as_deref() {
        None => b',',
        Some("\\t" | "tab") => b'\t',
        Some(d) if d.len() == 1 => d.as_bytes()[0],
        Some(d) => {
            r.error(
                "csv.delimiter",
                format!("`{d}` is not a one-character delimiter; write \",\", \";\" or \"tab\""),
            );
            b','
        }
    };
    let header_rows = match raw.header_rows {
        None => 1,
        Some(n @ (1 | 2)) => n,
        Some(n) => {
            r.error(
                "csv.header_rows",
                format!(
                    "`header_rows: {n}` is not supported; write 1, or 2 for exports with a second header row (SurveyMonkey)"
                ),
            );
            1
        }
    };
    (delimiter, header_rows)
}

pub(super) fn separator(r: &mut Report, path: &str, raw: Option<&str>) -> Option<String> {
    let s = raw?;
    if s.is_empty() {
        r.error(
            path,
            "the separator is empty; write the text between ticked answers, e.g. \";\" or \", \"",
        );
        return None;
    }
    Some(s.to_string())
}

/// A column that is present and not blank.
pub(super) fn column(r: &mut Report, path: &str, header: &str) -> Option<Column> {
    if header.trim().is_empty() {
        r.error(
            path,
            "the column header is empty; write the header text as it appears in the CSV",
        );
        return None;
    }
    Some(Column {
        header: header.to_string(),
        path: path.to_string(),
    })
}

/// `{ column: … }` or `{ value: … }`, exactly one of them.
fn text_field(
    r: &mut Report,
    path: &str,
    column_header: Option<&String>,
    value: Option<&String>,
) -> Option<Field> {
    match (column_header, value) {
        (Some(c), None) => column(r, &key_path(path, "column"), c).map(Field::Column),
        (None, Some(v)) => Some(Field::Value(v.clone())),
        (Some(_), Some(_)) => {
            r.error_key(
                &key_path(path, "value"),
                format!("`{path}` takes either `column:` or `value:`, not both; keep one"),
            );
            None
        }
        (None, None) => {
            r.error(
                path,
                format!(
                    "`{path}` needs `column: HEADER` (read from the CSV) or `value: TEXT` (the same for every row)"
                ),
            );
            None
        }
    }
}

fn role(r: &mut Report, q: &Questionnaire, raw: &RawRole) -> Option<RoleField> {
    let field = text_field(r, "role", raw.column.as_ref(), raw.value.as_ref())?;
    let ids = || q.roles.iter().map(|role| role.id.as_str());
    if let Field::Value(v) = &field
        && q.role(v).is_none()
    {
        r.error(
            "role.value",
            format!("`{v}` is not a role of {}{}", q.reference(), hint(v, ids())),
        );
    }
    let mut labels = Vec::new();
    for (label, value, path) in labels_of(r, "role.values", raw.values.as_ref()) {
        match value.as_str() {
            Some(id) if q.role(id).is_some() => labels.push((label, id.to_string())),
            _ => {
                let id = scalar_text(&value);
                r.error(
                    &path,
                    format!(
                        "`{id}` is not a role id of {}{}",
                        q.reference(),
                        hint(&id, ids())
                    ),
                );
            }
        }
    }
    Some(RoleField { field, labels })
}

fn date(r: &mut Report, raw: &RawDate) -> Option<DateField> {
    let field = text_field(r, "date", raw.column.as_ref(), raw.value.as_ref())?;
    if let Field::Value(v) = &field
        && super::dates::iso(v).is_none()
    {
        r.error(
            "date.value",
            format!("`{v}` is not a date; write it as YYYY-MM-DD, e.g. 2026-03-12"),
        );
    }
    let order = match raw.order.as_deref() {
        None => None,
        Some("day_first") => Some(DayMonth::DayFirst),
        Some("month_first") => Some(DayMonth::MonthFirst),
        Some(other) => {
            r.error(
                "date.order",
                format!(
                    "`{other}` is not a date order; write `day_first` (12/3/2026 is 12 March) or `month_first` (3/12/2026 is 12 March)"
                ),
            );
            None
        }
    };
    Some(DateField { field, order })
}

fn units(r: &mut Report, raw: &RawUnits) -> UnitsField {
    let column = column(r, "units.column", &raw.column).unwrap_or(Column {
        header: String::new(),
        path: "units.column".into(),
    });
    let separator = separator(r, "units.separator", raw.separator.as_deref())
        .unwrap_or_else(|| DEFAULT_SEPARATOR.to_string());
    let mut labels = Vec::new();
    for (label, value, path) in labels_of(r, "units.values", raw.values.as_ref()) {
        match value.as_str() {
            Some(name) if !name.trim().is_empty() => {
                labels.push((label, name.trim().to_string()));
            }
            _ => r.error(
                &path,
                "a unit name must be text; write the business unit's name",
            ),
        }
    }
    UnitsField {
        column,
        separator,
        labels,
    }
}

/// The entries of a `values:` mapping as (label, value, path), labels as text. Labels that differ
/// only in case or spacing are reported, since the CSV is read ignoring both.
pub(super) fn labels_of(
    r: &mut Report,
    path: &str,
    map: Option<&YamlMap>,
) -> Vec<(String, Value, String)> {
    let mut out: Vec<(String, Value, String)> = Vec::new();
    for (key, value) in map.into_iter().flatten() {
        let label = scalar_text(key);
        let entry = key_path(path, &label);
        if let Some((first, ..)) = out.iter().find(|(l, ..)| same(l, &label)) {
            r.error_key(
                &entry,
                format!("`{label}` is listed already as `{first}` (case and spaces are ignored); keep one"),
            );
            continue;
        }
        out.push((label, value.clone(), entry));
    }
    out
}

pub(super) fn scalar_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Null => String::new(),
        Value::Tagged(t) => scalar_text(&t.value),
        Value::Sequence(_) | Value::Mapping(_) => "(a list or mapping)".into(),
    }
}
