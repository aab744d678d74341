//! Writing an answer sheet back out as YAML, in the same format the loader reads, so a sheet
//! written by the interview loads again to the same answers.

use serde_yaml::{Mapping, Value};

use super::{FORMAT, Sheet};
use crate::answer::Answer;
use crate::index::{QuestionIx, UnitIx};
use crate::questionnaire::Questionnaire;

fn answers_map<'a>(
    q: &Questionnaire,
    answers: impl Iterator<Item = (QuestionIx, &'a Option<Answer>)>,
) -> Mapping {
    let mut map = Mapping::new();
    for (i, a) in answers {
        if let Some(a) = a {
            map.insert(
                Value::String(q.questions[i].id.clone()),
                q.questions[i].value_of(a),
            );
        }
    }
    map
}

/// The sheet as YAML text, with a comment line on top.
pub fn to_yaml(q: &Questionnaire, sheet: &Sheet, comment: &str) -> String {
    let s = |x: &str| Value::String(x.to_string());
    let mut doc = Mapping::new();
    doc.insert(s("format"), s(FORMAT));
    doc.insert(s("questionnaire"), s(&q.reference()));
    doc.insert(s("organization"), s(&sheet.organization));
    let mut respondent = Mapping::new();
    respondent.insert(s("name"), s(&sheet.respondent.name));
    if let Some(role) = &sheet.respondent.role {
        respondent.insert(s("role"), s(role));
    }
    doc.insert(s("respondent"), Value::Mapping(respondent));
    if let Some(date) = &sheet.date {
        doc.insert(s("date"), s(&date.to_string()));
    }
    if !sheet.units.is_empty() {
        doc.insert(
            s("units"),
            Value::Sequence(sheet.units.iter().map(|u| s(u)).collect()),
        );
    }
    let per_unit = |i: QuestionIx| q.questions[i].per_unit;
    doc.insert(
        s("answers"),
        Value::Mapping(answers_map(
            q,
            QuestionIx::enumerate(&sheet.answers).filter(|(i, _)| !per_unit(*i)),
        )),
    );
    let mut units = Mapping::new();
    for (u, answers) in UnitIx::enumerate(&sheet.unit_answers) {
        let map = answers_map(q, answers.iter().filter(|(i, _)| per_unit(*i)));
        if !map.is_empty() {
            units.insert(s(&sheet.units[u]), Value::Mapping(map));
        }
    }
    if !units.is_empty() {
        doc.insert(s("units_answers"), Value::Mapping(units));
    }
    let mut out = String::new();
    for line in comment.lines() {
        out.push_str("# ");
        out.push_str(line);
        out.push('\n');
    }
    // Serializing a mapping of strings, numbers and lists cannot fail.
    out.push_str(&serde_yaml::to_string(&Value::Mapping(doc)).unwrap_or_default());
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
