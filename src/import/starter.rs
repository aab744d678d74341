//! The starting mapping `leapcheck init mapping` writes: every question with its column set to
//! the question's text (what most survey tools use as the header) and its labels mapped to the
//! option values, so that a user edits only what their form did differently. It loads as is.

use super::mapping::{DEFAULT_SEPARATOR, FORMAT};
use super::words::{label_text, same};
use crate::questionnaire::{Dimension, Kind, Question, Questionnaire};

/// A YAML double-quoted string (JSON strings are valid YAML).
fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// A starting mapping for `q`, written by `leapcheck init mapping`.
pub fn starting_mapping(q: &Questionnaire) -> String {
    let mut out = preamble(q);
    out.push_str(&people(q));
    out.push_str("\nquestions:\n");
    for dimension in &q.dimensions {
        out.push_str(&dimension_block(q, dimension));
    }
    out
}

fn preamble(q: &Questionnaire) -> String {
    format!(
        "\
# A mapping for `leapcheck import`: how the columns of a survey tool's CSV export (Google Forms,
# Microsoft Forms, Typeform, SurveyMonkey) become answer sheets, one per row, for
# {reference} ({title}):
#
#   leapcheck import responses.csv --mapping mapping.yaml -o sheets/
#
# Columns are found by their header text, never by their position; case, spacing and quote style
# do not matter. In a header, {{organization}} stands for any text (forms often name the
# organization in their questions) and, in a per-unit question, {{unit}} for a business unit's name.
# Every question's `column:` below is its text in the questionnaire: change it where your form
# words the question differently, and delete the questions your form did not ask.
#
# A cell matches the labels under `values:` first (add the labels your form used), then the
# questionnaire's own labels and values, ignoring case. An empty cell is unanswered; `n/a` or
# `Not applicable` means not applicable, where the question allows it.
format: {FORMAT}
questionnaire: {reference}

csv:
  delimiter: \",\"   # \";\" in many European spreadsheet exports, \"tab\" for tab-separated files
  header_rows: 1   # 2 for SurveyMonkey: the questions, then a row of answer options

# Between ticked answers in one cell: \";\" for Microsoft Forms, \", \" for Google Forms. A question
# can set its own `separator:`.
separator: {separator}
",
        reference = q.reference(),
        title = label_text(&q.title),
        separator = quoted(DEFAULT_SEPARATOR),
    )
}

/// The organization, respondent, role, date and units.
fn people(q: &Questionnaire) -> String {
    let mut out = String::from(
        "
# Each of these takes `column: HEADER` (read from every row) or `value: TEXT` (the same for all).
organization: { column: \"Organization\" }   # or { value: \"Acme Bank\" }
respondent: { column: \"Your name\" }
",
    );
    if !q.roles.is_empty() {
        out.push_str("role:\n  column: \"Your role\"\n  values:   # the labels of your form → role ids; ids and the names below match anyway\n");
        for role in &q.roles {
            out.push_str(&format!(
                "    {}: {}\n",
                quoted(&label_text(&role.name)),
                role.id
            ));
        }
    }
    out.push_str(
        "date:   # dates and timestamps such as 2026-03-12, 2026/03/12 10:15:00 GMT+1, 3/12/2026 10:15
  column: \"Timestamp\"   # Microsoft Forms: \"Completion time\"
  order: month_first    # how to read 3/12/2026: month_first (12 March) or day_first (3 December)
",
    );
    if q.has_units() {
        out.push_str(&format!(
            "units:   # the business units each row answers for; per-unit questions are answered for them
  column: \"Which business units talk to customers?\"
  separator: {}
  # values: {{ \"CS\": \"Customer service\" }}   # labels of your form → unit names
",
            quoted(DEFAULT_SEPARATOR)
        ));
    }
    out
}

fn dimension_block(q: &Questionnaire, dimension: &Dimension) -> String {
    let mut out = format!("\n  # {}", label_text(&dimension.name));
    if dimension.per_unit {
        out.push_str(
            " (asked per business unit)
  # {unit} in a header stands for a unit's name, as in a grid's `Question [Customer service]`
  # columns; or list the columns by unit: `unit_columns: { \"Customer service\": \"HEADER\" }`.
  # A header without {unit} is answered for the one unit the row's `units:` column names.",
        );
    }
    out.push('\n');
    for &i in &dimension.questions {
        out.push_str(&question_block(&q.questions[i]));
    }
    out
}

fn question_block(question: &Question) -> String {
    let mut header = label_text(&question.text);
    if question.per_unit && !header.contains("{unit}") {
        header.push_str(" [{unit}]");
    }
    let mut out = format!("  {}:   # {}\n", question.id, describe(question));
    out.push_str(&format!("    column: {}\n", quoted(&header)));
    let values = values(&question.kind);
    if !values.is_empty() {
        out.push_str("    values:\n");
        for (label, value) in values {
            out.push_str(&format!("      {}: {value}\n", quoted(&label)));
        }
    }
    out
}

/// A comment saying what the question takes.
fn describe(question: &Question) -> String {
    let mut s = match &question.kind {
        Kind::Choice { .. } => "choice: one of the labels below".to_string(),
        Kind::Multi { options, .. } => format!(
            "multi: the ticked labels in one cell; or one column per option with `option_columns: {{ {}: \"HEADER\", … }}`; for a form's \"Other: …\" box add `other: ignore` or `other: comment`",
            options.first().map_or("", |o| o.value.as_str())
        ),
        Kind::Scale { name, .. } => format!("scale `{name}`: a label below or its number"),
        Kind::YesNo => "yes_no: yes, no, true, false, y or n".to_string(),
        Kind::Number { min, max, .. } => match (min, max) {
            (Some(a), Some(b)) => format!("number from {a} to {b}"),
            (Some(a), None) => format!("number, at least {a}"),
            (None, Some(b)) => format!("number, at most {b}"),
            (None, None) => "number".to_string(),
        },
        Kind::Text => "text, imported as written (not scored)".to_string(),
    };
    if !question.allow_na {
        s.push_str("; n/a not allowed");
    }
    if let Some(condition) = &question.show_if {
        s.push_str(&format!("; asked only if {}", label_text(&condition.text)));
    }
    s
}

/// An option value as YAML: bare, unless YAML would read it as something other than text.
fn plain_or_quoted(value: &str) -> String {
    const SPECIAL: [&str; 9] = ["true", "false", "null", "yes", "no", "on", "off", "y", "n"];
    if SPECIAL.contains(&value) {
        quoted(value)
    } else {
        value.to_string()
    }
}

/// The question's labels and what each stands for, each label once.
fn values(kind: &Kind) -> Vec<(String, String)> {
    let all: Vec<(String, String)> = match kind {
        Kind::Choice { options } | Kind::Multi { options, .. } => options
            .iter()
            .map(|o| (label_text(&o.label), plain_or_quoted(&o.value)))
            .collect(),
        Kind::Scale { points, .. } => points
            .iter()
            .map(|p| (label_text(&p.label), p.value.to_string()))
            .collect(),
        _ => Vec::new(),
    };
    let mut out: Vec<(String, String)> = Vec::new();
    for (label, value) in all {
        if !out.iter().any(|(l, _)| same(l, &label)) {
            out.push((label, value));
        }
    }
    out
}
