//! One cell to one answer. A cell matches, ignoring case and spacing: the labels under the
//! question's `values:` in the mapping first, then the questionnaire's own option labels and
//! values (choice, multi), the scale's labels or its numbers (scale), yes/no/true/false/y/n
//! (yes_no) or a number (number); text is taken as written. An empty cell is unanswered, and
//! `n/a` or `Not applicable` is n/a where the question allows it. A multi-select cell is split at
//! the separator, rejoining pieces that only together make a label with the separator in it.

use serde_yaml::Value;

use super::mapping::{Other, QuestionMap};
use super::words::{NO, NOT_APPLICABLE, YES, is_one_of, key, short};
use crate::answer::Answer;
use crate::error::did_you_mean;
use crate::questionnaire::accept::{NOT_APPLICABLE as NA, is_not_applicable};
use crate::questionnaire::{Kind, Problem, ProblemKind, Question};

/// What one cell holds: its answer (none when empty), the text typed into a form's "Other: …"
/// box when the mapping keeps it (`other: comment`), and what was left out, for warnings.
#[derive(Debug, Default, PartialEq)]
pub struct Cell {
    pub answer: Option<Answer>,
    pub other: Option<String>,
    pub left_out: Vec<String>,
}

/// Reads one cell for `question`, or says what to fix. The cell is turned into the value it
/// stands for, which the question's own reader then checks, as it checks a sheet's answers.
pub fn read(
    question: &Question,
    map: &QuestionMap,
    separator: &str,
    cell: &str,
) -> Result<Cell, String> {
    let cell = cell.trim();
    let mut out = Cell::default();
    if cell.is_empty() {
        return Ok(out);
    }
    let words = Words::of(question, map);
    let value = match (words.find(cell), &question.kind) {
        (Some(v), _) if is_not_applicable(&v) => Value::String(NA.into()),
        (_, Kind::Text) => Value::String(cell.to_string()),
        (_, Kind::Multi { .. }) => ticked_value(question, map, &words, separator, cell, &mut out)?,
        (Some(v), _) => v,
        (None, Kind::Number { .. } | Kind::Scale { .. }) => number(cell),
        (None, _) => Value::String(cell.to_string()),
    };
    out.answer = question.accept(&value).map_err(|problems| {
        let note = match &value {
            Value::Sequence(_) => separator_note(map, separator, cell, &problems[0]),
            _ => None,
        };
        advice(question, &words, &problems[0], note.as_deref())
    })?;
    Ok(out)
}

/// A multi-select cell as the list of the option values it ticks. A piece the mapping maps to
/// `n/a` says nothing beside ticked options and is left out (alone, the cell is `n/a`); the text of
/// a form's "Other: …" box is dropped or kept as the question's `other:` says, and without
/// `other:` it is an error that points there.
fn ticked_value(
    question: &Question,
    map: &QuestionMap,
    words: &Words,
    separator: &str,
    cell: &str,
    out: &mut Cell,
) -> Result<Value, String> {
    let (na, pieces): (Vec<_>, Vec<_>) = split_options(words, separator, cell)
        .into_iter()
        .partition(|(_, v)| is_not_applicable(v));
    if pieces.is_empty() && !na.is_empty() {
        return Ok(Value::String(NA.into()));
    }
    out.left_out.extend(na.iter().map(|(text, _)| {
        format!(
            "`{}` is mapped to n/a, which says nothing beside the ticked options",
            short(text, 40)
        )
    }));
    let (other, values) = other_text(words, separator, pieces);
    if let Some((written, text)) = other {
        match map.other {
            None => return Err(other_unmapped(question, &written)),
            Some(Other::Ignore) => {}
            Some(Other::Comment) => out.other = Some(text).filter(|t| !t.is_empty()),
        }
    }
    Ok(Value::Sequence(values))
}

/// Splits the pieces of a multi-select cell into the text of its "Other: …" box (as written, and
/// what was typed), and the values of the rest. The typed text runs on over the pieces after it
/// that are no answer, since it may hold the separator itself.
fn other_text(
    words: &Words,
    separator: &str,
    pieces: Vec<(String, Value)>,
) -> (Option<(String, String)>, Vec<Value>) {
    let mut other: Option<(String, String)> = None;
    let mut values = Vec::new();
    for (text, value) in pieces {
        let known = words.find(&text).is_some();
        match (&mut other, known) {
            (None, false) if other_box(&text).is_some() => {
                let typed = other_box(&text).unwrap_or_default().to_string();
                other = Some((text, typed));
            }
            (Some((written, typed)), false) => {
                for s in [written, typed] {
                    s.push_str(separator);
                    s.push_str(&text);
                }
            }
            _ => values.push(value),
        }
    }
    (other, values)
}

/// What follows `Other:` (or `Other (please specify):`) in a piece of a multi-select cell.
fn other_box(text: &str) -> Option<&str> {
    let (head, rest) = text.split_once(':')?;
    let head = key(head);
    (head == "other" || (head.starts_with("other (") && head.ends_with(')'))).then(|| rest.trim())
}

fn other_unmapped(question: &Question, written: &str) -> String {
    format!(
        "`{}` is what a respondent typed into the form's \"Other\" box, not an option of `{id}`; say what such text means with `other: ignore` (keep the ticked options, drop the text) or `other: comment` (keep the ticked options, and the text as a comment in the sheet) under `{id}` in the mapping",
        short(written, 60),
        id = question.id
    )
}

/// A cell of a one-column-per-option export: `None` when empty, `Some(false)` for an explicit
/// no, `Some(true)` for anything else (a tick, `Yes`, the option's label).
pub fn ticked(cell: &str) -> Option<bool> {
    let cell = cell.trim();
    if cell.is_empty() {
        None
    } else {
        Some(!is_one_of(cell, &NO))
    }
}

/// The texts a cell may hold for one question, in the order they are tried, with the value each
/// stands for.
struct Words {
    entries: Vec<(String, String, Value)>,
}

impl Words {
    fn of(question: &Question, map: &QuestionMap) -> Words {
        let mut entries: Vec<(String, String, Value)> = map
            .labels
            .iter()
            .map(|(label, v)| (key(label), label.clone(), v.clone()))
            .collect();
        let mut add = |text: &str, v: Value| entries.push((key(text), text.to_string(), v));
        match &question.kind {
            Kind::Choice { options } | Kind::Multi { options, .. } => {
                for option in options {
                    add(&option.label, Value::String(option.value.clone()));
                }
                for option in options {
                    add(&option.value, Value::String(option.value.clone()));
                }
            }
            Kind::Scale { points, .. } => {
                for p in points {
                    add(&p.label, Value::Number(p.value.into()));
                }
            }
            Kind::YesNo => {
                for w in YES {
                    add(w, Value::Bool(true));
                }
                for w in NO {
                    add(w, Value::Bool(false));
                }
            }
            Kind::Number { .. } | Kind::Text => {}
        }
        for w in NOT_APPLICABLE {
            add(w, Value::String(NA.into()));
        }
        Words { entries }
    }

    fn find(&self, text: &str) -> Option<Value> {
        let k = key(text);
        self.entries
            .iter()
            .find(|(w, ..)| *w == k)
            .map(|(.., v)| v.clone())
    }
}

/// Digits as a number; anything else as text, for the reader to refuse.
fn number(cell: &str) -> Value {
    match cell.parse::<f64>() {
        Ok(x) if x.is_finite() => Value::Number(x.into()),
        _ => Value::String(cell.to_string()),
    }
}

/// The answers of a multi-select cell, each with its text: runs of pieces between separators,
/// the longest run that makes a known answer first (labels may hold the separator); a piece that
/// makes none is kept as written, for the reader to refuse.
fn split_options(words: &Words, separator: &str, cell: &str) -> Vec<(String, Value)> {
    let pieces = split(cell, separator);
    let mut out = Vec::new();
    let mut i = 0;
    while i < pieces.len() {
        let found = (i..pieces.len()).rev().find_map(|j| {
            let text = cell[pieces[i].0..pieces[j].1].trim();
            words
                .find(text)
                .filter(Value::is_string)
                .map(|v| (j, text, v))
        });
        let (j, text, value) = found.unwrap_or_else(|| {
            let text = cell[pieces[i].0..pieces[i].1].trim();
            (i, text, Value::String(text.to_string()))
        });
        if !out.iter().any(|(_, v)| *v == value) {
            out.push((text.to_string(), value));
        }
        i = j + 1;
    }
    out
}

/// Byte spans of the non-blank pieces of `cell` between separators (Microsoft Forms ends the
/// list with one, `A;B;`).
fn split(cell: &str, separator: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (at, _) in cell.match_indices(separator) {
        out.push((start, at));
        start = at + separator.len();
    }
    out.push((start, cell.len()));
    out.retain(|&(a, b)| !cell[a..b].trim().is_empty());
    out
}

/// A hint when the piece a multi-select cell could not read looks like several answers joined
/// by another separator.
fn separator_note(map: &QuestionMap, separator: &str, cell: &str, p: &Problem) -> Option<String> {
    let ProblemKind::UnknownOption { given, .. } = &p.kind else {
        return None;
    };
    let piece = if given.is_empty() { cell } else { given };
    let other = [";", ",", "|", "\n"]
        .into_iter()
        .find(|s| *s != separator.trim() && piece.contains(s))?;
    let shown = if other == "\n" { "\\n" } else { other };
    let place = if map.separator.is_some() {
        "the question's `separator:`".to_string()
    } else {
        "`separator:` (for all questions, or under this one)".to_string()
    };
    Some(format!(
        "the ticked answers are read as separated by `{}`; if this cell separates them with `{shown}`, set {place} in the mapping",
        separator.escape_debug()
    ))
}

/// What the reader said about a cell, with what a survey export can do about it: a label the
/// cell nearly matches, and how to map a label of the survey's own.
fn advice(question: &Question, words: &Words, p: &Problem, note: Option<&str>) -> String {
    let id = &question.id;
    let mut message = p.to_string();
    let given = match &p.kind {
        ProblemKind::UnknownOption { given, .. }
        | ProblemKind::NotOnScale { given, .. }
        | ProblemKind::NotANumber { given }
        | ProblemKind::NotYesNo { given } => given.as_str(),
        _ => return message,
    };
    let labels = words.entries.iter().map(|(_, l, _)| l.as_str());
    if let Some(best) = did_you_mean(given, labels).filter(|b| !message.contains(*b)) {
        message.push_str(&format!(" (or the label `{}`?)", short(best, 60)));
    }
    if let Some(note) = note {
        message.push_str(&format!("; {note}"));
    }
    let example = match &question.kind {
        Kind::Choice { options } | Kind::Multi { options, .. } => {
            options.last().map_or(String::new(), |o| o.value.clone())
        }
        Kind::Scale { points, .. } => points[points.len() - 1].value.to_string(),
        Kind::Number { .. } => "5".into(),
        _ => "yes".into(),
    };
    message.push_str(&format!(
        "; or add it under `values:` of `{id}` in the mapping, e.g. `\"{}\": {example}`",
        short(given, 40).replace('"', "\\\"")
    ));
    message
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::{DimensionIx, OptionIx, QuestionIx};
    use crate::questionnaire::ChoiceOption;

    fn multi_question() -> Question {
        let option = |v: &str, l: &str| ChoiceOption {
            value: v.into(),
            label: l.into(),
            points: 1.0,
            exclusive: false,
            scored: true,
        };
        Question {
            id: "tools".into(),
            text: "Which tools?".into(),
            short: None,
            roles: Vec::new(),
            help: None,
            dimension: DimensionIx::new(0),
            per_unit: false,
            kind: Kind::Multi {
                options: vec![
                    option("alerts", "Alerts, checked daily"),
                    option("dash", "Dashboards"),
                ],
                max_points: 2.0,
            },
            weight: 1.0,
            show_if: None,
            context: false,
            source: None,
            allow_na: true,
            option_values: vec!["alerts".into(), "dash".into()],
        }
    }

    fn map() -> QuestionMap {
        QuestionMap {
            question: QuestionIx::new(0),
            columns: super::super::mapping::Columns::PerOption(Vec::new()),
            separator: None,
            labels: vec![("Boards".into(), Value::String("dash".into()))],
            other: None,
        }
    }

    #[test]
    fn splits_multi_cells_keeping_labels_with_the_separator() {
        let q = multi_question();
        let read = |cell: &str, sep: &str| read(&q, &map(), sep, cell).map(|c| c.answer);
        assert_eq!(
            read("Alerts, checked daily, Dashboards", ", "),
            Ok(Some(Answer::Multi(vec![
                OptionIx::new(0),
                OptionIx::new(1)
            ])))
        );
        assert_eq!(
            read("dashboards;boards;", ";"),
            Ok(Some(Answer::Multi(vec![OptionIx::new(1)])))
        );
        assert_eq!(read("N/A", ";"), Ok(Some(Answer::NotApplicable)));
        assert_eq!(read("  ", ";"), Ok(None));
        let err = read("Alerts, checked daily, Dashboards", ";").unwrap_err();
        assert!(err.contains("separator"), "{err}");
        assert!(
            read("Nope", ";")
                .unwrap_err()
                .contains("under `values:` of `tools`")
        );
    }
}
