//! Writing an answer sheet back out as YAML, in the same format the loader reads, so a sheet
//! written by the interview loads again to the same answers.

use serde_yaml::Value;

use super::{FORMAT, Sheet};
use crate::answer::Answer;
use crate::index::{QuestionIx, UnitIx};
use crate::questionnaire::Questionnaire;

/// A string as YAML: plain where the YAML writer leaves it plain and it stays on one line,
/// double-quoted (JSON, which YAML reads) otherwise.
fn scalar(s: &str) -> String {
    let plain = serde_yaml::to_string(&Value::String(s.to_string())).unwrap_or_default();
    let plain = plain.strip_suffix('\n').unwrap_or(&plain);
    if !plain.is_empty() && !plain.contains('\n') && !plain.starts_with(['|', '>', '\'', '"']) {
        plain.to_string()
    } else {
        quoted(s)
    }
}

/// YAML double-quoted string (JSON strings are valid YAML).
fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// A string as an item of a flow list (`[a, b]`), where commas and brackets would end it.
fn flow_item(s: &str) -> String {
    let plain = scalar(s);
    if plain.contains([',', '[', ']', '{', '}']) && !plain.starts_with('"') {
        quoted(s)
    } else {
        plain
    }
}

/// A list of strings on one line, in flow style.
fn flow_list(items: impl Iterator<Item = String>) -> String {
    format!("[{}]", items.collect::<Vec<_>>().join(", "))
}

/// An answer's value on one line; a list in flow style.
fn value_text(v: &Value) -> String {
    match v {
        Value::String(s) => scalar(s),
        Value::Sequence(items) => flow_list(items.iter().map(|i| match i {
            Value::String(s) => flow_item(s),
            other => value_text(other),
        })),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        _ => "~".into(),
    }
}

/// One line of comment text: runs of white space (newlines too) folded into one space.
fn comment(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The answers of one place (the sheet, or one unit), each under its question's text and the
/// answer as the person saw it, so a reader of the file knows what was answered.
fn answers_block<'a>(
    q: &Questionnaire,
    sheet: &Sheet,
    unit: Option<UnitIx>,
    indent: &str,
    answers: impl Iterator<Item = (QuestionIx, &'a Option<Answer>)>,
) -> String {
    let mut out = String::new();
    let unit_name = unit.map(|u| sheet.units[u].as_str());
    for (i, a) in answers {
        let Some(a) = a else { continue };
        let question = &q.questions[i];
        let text = question.text_for(&sheet.organization, unit_name);
        out.push_str(&format!("{indent}# {}\n", comment(&text)));
        let shown = crate::questionnaire::accept::answer_text(&question.kind, a);
        out.push_str(&format!("{indent}#   answered: {}\n", comment(&shown)));
        let value = value_text(&question.value_of(a));
        out.push_str(&format!("{indent}{}: {value}\n", question.id));
    }
    out
}

/// The sheet as YAML text, with `comment` on top and every answer under its question's text.
pub fn to_yaml(q: &Questionnaire, sheet: &Sheet, comment_text: &str) -> String {
    let mut out = String::new();
    for line in comment_text.lines() {
        out.push_str(&format!("# {line}\n"));
    }
    out.push_str(&format!(
        "format: {FORMAT}\nquestionnaire: {}\n",
        q.reference()
    ));
    out.push_str(&format!("organization: {}\n", scalar(&sheet.organization)));
    out.push_str(&format!(
        "respondent:\n  name: {}\n",
        scalar(&sheet.respondent.name)
    ));
    if let Some(role) = &sheet.respondent.role {
        out.push_str(&format!("  role: {}\n", scalar(role)));
    }
    if let Some(date) = &sheet.date {
        out.push_str(&format!("date: {date}\n"));
    }
    if !sheet.units.is_empty() {
        let units = flow_list(sheet.units.iter().map(|u| flow_item(u)));
        out.push_str(&format!("units: {units}\n"));
    }
    let per_unit = |i: QuestionIx| q.questions[i].per_unit;
    let top = QuestionIx::enumerate(&sheet.answers).filter(|(i, _)| !per_unit(*i));
    let block = answers_block(q, sheet, None, "  ", top);
    out.push_str(if block.is_empty() {
        "answers: {}\n"
    } else {
        "answers:\n"
    });
    out.push_str(&block);
    let mut units = String::new();
    for (u, answers) in UnitIx::enumerate(&sheet.unit_answers) {
        let own = answers.iter().filter(|(i, _)| per_unit(*i));
        let block = answers_block(q, sheet, Some(u), "    ", own);
        if !block.is_empty() {
            units.push_str(&format!("  {}:\n{block}", scalar(&sheet.units[u])));
        }
    }
    if !units.is_empty() {
        out.push_str("units_answers:\n");
        out.push_str(&units);
    }
    out
}

/// The longest a sheet's file name may be before its number and extension, in bytes.
const MAX_SLUG_BYTES: usize = 200;

/// A file name for a sheet from the organization and respondent: `acme-jane-doe.yaml`.
pub fn default_file_name(sheet: &Sheet) -> String {
    let mut slug = String::new();
    for c in format!("{} {}", sheet.organization, sheet.respondent.name).chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    // File names are limited in bytes (255 on most systems), and a numbered copy (`-1000`) and
    // the extension must still fit: at most 200 bytes, cut between characters.
    let mut cut = 0;
    for (i, c) in slug.char_indices() {
        if i + c.len_utf8() > MAX_SLUG_BYTES {
            break;
        }
        cut = i + c.len_utf8();
    }
    let slug = slug[..cut].trim_end_matches('-');
    if slug.is_empty() {
        "answers.yaml".into()
    } else {
        format!("{slug}.yaml")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_fit_in_bytes_whatever_the_characters() {
        let mut sheet = Sheet {
            organization: "\u{1d504}".repeat(150),
            respondent: Default::default(),
            date: None,
            units: Vec::new(),
            answers: Vec::new(),
            unit_answers: Vec::new(),
        };
        let name = default_file_name(&sheet);
        assert!(
            name.len() <= MAX_SLUG_BYTES + ".yaml".len(),
            "{} bytes",
            name.len()
        );
        assert!(name.starts_with("\u{1d504}") && name.ends_with(".yaml"));
        sheet.organization = "Acme".into();
        sheet.respondent.name = "Jane Doe".into();
        assert_eq!(default_file_name(&sheet), "acme-jane-doe.yaml");
    }
}
