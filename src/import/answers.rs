//! One cell to one answer. A cell matches, ignoring case and spacing: the labels under the
//! question's `values:` in the mapping first, then the questionnaire's own option labels and
//! values (choice, multi), the scale's labels or its numbers (scale), yes/no/true/false/y/n
//! (yes_no) or a number (number); text is taken as written. An empty cell is unanswered, and
//! `n/a` or `Not applicable` is n/a where the question allows it. A multi-select cell is split at
//! the separator, rejoining pieces that only together make a label with the separator in it.

use super::mapping::{Mapped, QuestionMap};
use super::words::{NO, NOT_APPLICABLE, YES, is_one_of, key, label_text, short};
use crate::error::did_you_mean;
use crate::questionnaire::{Kind, Question};
use crate::sheet::Answer;

/// Reads one cell for `question`: `Ok(None)` when empty, else the answer or what to fix.
pub fn read(
    question: &Question,
    map: &QuestionMap,
    separator: &str,
    cell: &str,
) -> Result<Option<Answer>, String> {
    let cell = cell.trim();
    if cell.is_empty() {
        return Ok(None);
    }
    let words = Words::of(question, map);
    if let Some(Mapped::NotApplicable) = words.find(cell) {
        return not_applicable(question).map(Some);
    }
    match &question.kind {
        Kind::Text => Ok(Some(Answer::Text(cell.to_string()))),
        Kind::Multi { .. } => multi(question, map, separator, &words, cell).map(Some),
        Kind::Number { min, max, .. } => match words.find(cell).or_else(|| number(cell)) {
            Some(Mapped::Number(x)) => in_range(question, x, *min, *max).map(Some),
            _ => Err(format!(
                "`{cell}` is not a number, which `{}` takes; write digits only, or add the label under `values:` of `{}` in the mapping, e.g. `\"{cell}\": 5`",
                question.id, question.id
            )),
        },
        Kind::Scale { points, .. } => {
            let (lo, hi) = (points[0].value, points[points.len() - 1].value);
            match words.find(cell).or_else(|| number(cell)) {
                Some(Mapped::Number(x)) if (lo..=hi).contains(&x) => Ok(Some(Answer::Number(x))),
                Some(Mapped::Number(x)) => Err(format!(
                    "{x} is outside the scale of `{}` ({lo} to {hi}); if the survey used another scale, map each of its numbers under `values:` of `{}` in the mapping, e.g. `\"{x}\": {hi}`",
                    question.id, question.id
                )),
                _ => Err(unknown(question, &words, cell, None)),
            }
        }
        Kind::Choice { .. } | Kind::YesNo => match words.find(cell) {
            Some(Mapped::Option(o)) => Ok(Some(Answer::Choice(o))),
            Some(Mapped::Bool(b)) => Ok(Some(Answer::Bool(b))),
            _ => Err(unknown(question, &words, cell, None)),
        },
    }
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

pub fn not_applicable(question: &Question) -> Result<Answer, String> {
    if question.allow_na {
        Ok(Answer::NotApplicable)
    } else {
        Err(format!(
            "`{}` does not allow n/a; give an answer or leave the cell empty",
            question.id
        ))
    }
}

/// The texts a cell may hold for one question, in the order they are tried.
struct Words {
    entries: Vec<(String, String, Mapped)>,
}

impl Words {
    fn of(question: &Question, map: &QuestionMap) -> Words {
        let mut entries: Vec<(String, String, Mapped)> = map
            .labels
            .iter()
            .map(|(label, m)| (key(label), label.clone(), m.clone()))
            .collect();
        let mut add = |text: &str, m: Mapped| entries.push((key(text), text.to_string(), m));
        match &question.kind {
            Kind::Choice { options } | Kind::Multi { options, .. } => {
                for (o, option) in options.iter().enumerate() {
                    add(&option.label, Mapped::Option(o));
                }
                for (o, option) in options.iter().enumerate() {
                    add(&option.value, Mapped::Option(o));
                }
            }
            Kind::Scale { points, .. } => {
                for p in points {
                    add(&p.label, Mapped::Number(p.value));
                }
            }
            Kind::YesNo => {
                for w in YES {
                    add(w, Mapped::Bool(true));
                }
                for w in NO {
                    add(w, Mapped::Bool(false));
                }
            }
            Kind::Number { .. } | Kind::Text => {}
        }
        for w in NOT_APPLICABLE {
            add(w, Mapped::NotApplicable);
        }
        Words { entries }
    }

    fn find(&self, text: &str) -> Option<Mapped> {
        let k = key(text);
        self.entries
            .iter()
            .find(|(w, ..)| *w == k)
            .map(|(.., m)| m.clone())
    }
}

fn number(cell: &str) -> Option<Mapped> {
    let x: f64 = cell.trim().parse().ok()?;
    x.is_finite().then_some(Mapped::Number(x))
}

fn in_range(
    question: &Question,
    x: f64,
    min: Option<f64>,
    max: Option<f64>,
) -> Result<Answer, String> {
    if min.is_some_and(|m| x < m) || max.is_some_and(|m| x > m) {
        let range = match (min, max) {
            (Some(a), Some(b)) => format!("from {a} to {b}"),
            (Some(a), None) => format!("of at least {a}"),
            (None, Some(b)) => format!("of at most {b}"),
            (None, None) => String::new(),
        };
        return Err(format!(
            "{x} is out of range for `{}`; it takes a number {range}",
            question.id
        ));
    }
    Ok(Answer::Number(x))
}

fn multi(
    question: &Question,
    map: &QuestionMap,
    separator: &str,
    words: &Words,
    cell: &str,
) -> Result<Answer, String> {
    let pieces = split(cell, separator);
    let mut chosen = Vec::new();
    let mut i = 0;
    while i < pieces.len() {
        // The longest run of pieces that together make a known answer.
        let found = (i..pieces.len()).rev().find_map(|j| {
            let text = cell[pieces[i].0..pieces[j].1].trim();
            match words.find(text) {
                Some(Mapped::Option(o)) => Some((j, o)),
                _ => None,
            }
        });
        match found {
            Some((j, o)) => {
                chosen.push(o);
                i = j + 1;
            }
            None => {
                let piece = cell[pieces[i].0..pieces[i].1].trim();
                let note = separator_note(map, separator, piece);
                return Err(unknown(question, words, piece, note.as_deref()));
            }
        }
    }
    chosen.sort_unstable();
    chosen.dedup();
    Ok(Answer::Multi(chosen))
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

/// A hint when a piece looks like several answers joined by another separator.
fn separator_note(map: &QuestionMap, separator: &str, piece: &str) -> Option<String> {
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

/// What to say about a cell that matches no answer.
fn unknown(question: &Question, words: &Words, text: &str, note: Option<&str>) -> String {
    let id = &question.id;
    let answers = match &question.kind {
        Kind::Choice { options } | Kind::Multi { options, .. } => options
            .iter()
            .map(|o| format!("`{}` ({})", o.value, short(&o.label, 40)))
            .collect::<Vec<_>>()
            .join(", "),
        Kind::Scale { points, .. } => points
            .iter()
            .map(|p| format!("{} = {}", p.value, label_text(&p.label)))
            .collect::<Vec<_>>()
            .join(", "),
        Kind::YesNo => "yes, no, true, false, y, n".to_string(),
        Kind::Number { .. } | Kind::Text => String::new(),
    };
    let example = match &question.kind {
        Kind::Choice { options } | Kind::Multi { options, .. } => {
            options.last().map_or(String::new(), |o| o.value.clone())
        }
        Kind::Scale { points, .. } => points[points.len() - 1].value.to_string(),
        _ => "yes".into(),
    };
    let labels: Vec<&str> = words.entries.iter().map(|(_, l, _)| l.as_str()).collect();
    let mut message = format!("`{}` is not an answer to `{id}`", short(text, 60));
    if let Some(best) = did_you_mean(text, labels) {
        message.push_str(&format!(" (did you mean `{}`?)", short(best, 60)));
    }
    message.push_str(&format!("; use one of {answers}"));
    if question.allow_na {
        message.push_str(" (or n/a)");
    }
    if let Some(note) = note {
        message.push_str(&format!("; {note}"));
    }
    message.push_str(&format!(
        "; or add it under `values:` of `{id}` in the mapping, e.g. `\"{}\": {example}`",
        short(text, 40).replace('"', "\\\"")
    ));
    message
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::questionnaire::ChoiceOption;

    fn multi_question() -> Question {
        let option = |v: &str, l: &str| ChoiceOption {
            value: v.into(),
            label: l.into(),
            points: 1.0,
        };
        Question {
            id: "tools".into(),
            text: "Which tools?".into(),
            help: None,
            dimension: 0,
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
            allow_na: true,
            option_values: vec!["alerts".into(), "dash".into()],
        }
    }

    fn map() -> QuestionMap {
        QuestionMap {
            question: 0,
            columns: super::super::mapping::Columns::PerOption(Vec::new()),
            separator: None,
            labels: vec![("Boards".into(), Mapped::Option(1))],
        }
    }

    #[test]
    fn splits_multi_cells_keeping_labels_with_the_separator() {
        let q = multi_question();
        let read = |cell: &str, sep: &str| read(&q, &map(), sep, cell);
        assert_eq!(
            read("Alerts, checked daily, Dashboards", ", "),
            Ok(Some(Answer::Multi(vec![0, 1])))
        );
        assert_eq!(
            read("dashboards;boards;", ";"),
            Ok(Some(Answer::Multi(vec![1])))
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
