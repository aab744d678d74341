//! Finds the columns a mapping names among the CSV's headers, by header text, never by position.
//! Headers compare ignoring case, spacing and quote style. In a header, `{organization}` stands
//! for any text (a form often names the organization in its questions) and, in a per-unit
//! question, `{unit}` for a business unit's name: `Objectives agreed [{unit}]` finds one column per
//! unit. A header the CSV lacks is reported where the mapping names it, with the closest header.

use super::mapping::{Column, Columns, Field, Mapping};
use super::words::{fold, same, short};
use crate::error::{Diagnostic, Severity, did_you_mean};
use crate::index::OptionIx;
use crate::questionnaire::Questionnaire;
use crate::source::Source;

/// Where a sheet field comes from, resolved against the headers.
#[derive(Debug, Clone)]
pub enum Read {
    Column(usize),
    Value(String),
}

/// Where one question's answers are, as column indices (0-based).
#[derive(Debug, Clone)]
pub enum Cells {
    One(usize),
    /// Multi: option index → column.
    PerOption(Vec<(OptionIx, usize)>),
    /// Per unit: unit name → column.
    PerUnit(Vec<(String, usize)>),
    /// Per unit, one column for the one unit the row names.
    RowUnit(usize),
}

/// The mapping resolved against one CSV's headers; `questions` parallels `Mapping::questions`.
#[derive(Debug)]
pub struct Bound {
    pub organization: Option<Read>,
    pub respondent: Option<Read>,
    pub role: Option<Read>,
    pub date: Option<Read>,
    pub units: Option<usize>,
    pub questions: Vec<Cells>,
}

/// Resolves every column of `mapping` in `headers`, or reports each one that is missing or
/// ambiguous, located in the mapping file.
pub fn bind(
    q: &Questionnaire,
    mapping: &Mapping,
    mapping_src: &Source,
    csv_name: &str,
    headers: &[String],
) -> Result<Bound, Vec<Diagnostic>> {
    let mut b = Binder {
        src: mapping_src,
        csv_name,
        headers,
        folded: headers.iter().map(|h| fold(h).chars().collect()).collect(),
        diagnostics: Vec::new(),
    };
    let mut field = |f: &Option<Field>| -> Option<Read> {
        match f.as_ref()? {
            Field::Value(v) => Some(Read::Value(v.clone())),
            Field::Column(c) => b.one(c).map(Read::Column),
        }
    };
    let organization = field(&mapping.organization);
    let respondent = field(&mapping.respondent);
    let role = field(&mapping.role.as_ref().map(|r| r.field.clone()));
    let date = field(&mapping.date.as_ref().map(|d| d.field.clone()));
    let units = mapping.units.as_ref().and_then(|u| b.one(&u.column));
    let questions: Vec<Cells> = mapping
        .questions
        .iter()
        .map(|m| {
            let per_unit = q.questions[m.question].per_unit;
            b.cells(mapping, &m.columns, per_unit)
                .unwrap_or(Cells::PerUnit(Vec::new()))
        })
        .collect();
    if !b.diagnostics.is_empty() {
        return Err(b.diagnostics);
    }
    Ok(Bound {
        organization,
        respondent,
        role,
        date,
        units,
        questions,
    })
}

struct Binder<'a> {
    src: &'a Source,
    csv_name: &'a str,
    headers: &'a [String],
    /// The headers folded once, as every mapped column is matched against every header.
    folded: Vec<Vec<char>>,
    diagnostics: Vec<Diagnostic>,
}

impl Binder<'_> {
    fn cells(&mut self, mapping: &Mapping, columns: &Columns, per_unit: bool) -> Option<Cells> {
        match columns {
            Columns::One(c) if c.header.contains("{unit}") => {
                let found = self.per_unit(mapping, c)?;
                Some(Cells::PerUnit(found))
            }
            Columns::One(c) if per_unit => self.one(c).map(Cells::RowUnit),
            Columns::One(c) => self.one(c).map(Cells::One),
            Columns::PerOption(list) => {
                let found: Vec<(OptionIx, usize)> = list
                    .iter()
                    .filter_map(|(o, c)| self.one(c).map(|col| (*o, col)))
                    .collect();
                (found.len() == list.len()).then_some(Cells::PerOption(found))
            }
            Columns::PerUnit(list) => {
                let found: Vec<(String, usize)> = list
                    .iter()
                    .filter_map(|(u, c)| self.one(c).map(|col| (u.clone(), col)))
                    .collect();
                (found.len() == list.len()).then_some(Cells::PerUnit(found))
            }
        }
    }

    /// The one column whose header matches `c`.
    fn one(&mut self, c: &Column) -> Option<usize> {
        let pattern = Pattern::new(&c.header);
        let found: Vec<usize> = (0..self.headers.len())
            .filter(|&i| pattern.matches_folded(&self.folded[i]).is_some())
            .collect();
        match found.as_slice() {
            [one] => Some(*one),
            [] => {
                self.missing(c);
                None
            }
            many => {
                let list: Vec<String> = many
                    .iter()
                    .map(|&i| format!("{} (`{}`)", i + 1, short(&self.headers[i], 50)))
                    .collect();
                self.error(
                    c,
                    format!(
                        "`{}` matches {} columns of {}: {}; write the header in full, or rename the columns in the CSV so each is unique",
                        short(&c.header, 60),
                        many.len(),
                        self.csv_name,
                        list.join(", ")
                    ),
                );
                None
            }
        }
    }

    /// Every column that matches a header holding `{unit}`, with the unit each one is for.
    fn per_unit(&mut self, mapping: &Mapping, c: &Column) -> Option<Vec<(String, usize)>> {
        let pattern = Pattern::new(&c.header);
        let mut found: Vec<(String, usize)> = Vec::new();
        for i in 0..self.headers.len() {
            let Some(captured) = pattern.matches_folded(&self.folded[i]) else {
                continue;
            };
            let unit = unit_name(mapping, captured.as_deref().unwrap_or_default());
            if let Some((_, first)) = found.iter().find(|(u, _)| same(u, &unit)) {
                self.error(
                    c,
                    format!(
                        "columns {} and {} of {} are both for unit `{unit}`; rename one in the CSV",
                        first + 1,
                        i + 1,
                        self.csv_name
                    ),
                );
                return None;
            }
            found.push((unit, i));
        }
        if found.is_empty() {
            self.missing(c);
            return None;
        }
        Some(found)
    }

    fn missing(&mut self, c: &Column) {
        let mut message = format!("{} has no column `{}`", self.csv_name, short(&c.header, 80));
        match did_you_mean(&c.header, self.headers.iter().map(String::as_str)) {
            Some(best) => message.push_str(&format!("; did you mean `{best}`?")),
            None => {
                let shown: Vec<String> = self
                    .headers
                    .iter()
                    .take(8)
                    .map(|h| format!("`{}`", short(h, 40)))
                    .collect();
                let more = if self.headers.len() > 8 { ", …" } else { "" };
                message.push_str(&format!(
                    "; write the header exactly as in the CSV (its columns: {}{more})",
                    shown.join(", ")
                ));
            }
        }
        self.error(c, message);
    }

    fn error(&mut self, c: &Column, message: String) {
        let d = self
            .src
            .diagnostic(Severity::Error, &c.path, false, message);
        self.diagnostics.push(d);
    }
}

/// The unit a header or cell names: through `units.values:` when listed there, else as written.
pub fn unit_name(mapping: &Mapping, label: &str) -> String {
    mapping
        .units
        .as_ref()
        .and_then(|u| u.labels.iter().find(|(l, _)| same(l, label)))
        .map_or_else(|| fold(label), |(_, name)| name.clone())
}

/// A header with `{organization}` and `{unit}` standing for any text.
struct Pattern {
    parts: Vec<Part>,
}

enum Part {
    Text(Vec<char>),
    Organization,
    Unit,
}

impl Pattern {
    fn new(header: &str) -> Pattern {
        let mut parts = Vec::new();
        let mut rest = fold(header);
        loop {
            let next = ["{organization}", "{unit}"]
                .iter()
                .filter_map(|p| rest.find(p).map(|i| (i, *p)))
                .min();
            let Some((i, placeholder)) = next else { break };
            if i > 0 {
                parts.push(Part::Text(rest[..i].chars().collect()));
            }
            parts.push(if placeholder == "{unit}" {
                Part::Unit
            } else {
                Part::Organization
            });
            rest = rest[i + placeholder.len()..].to_string();
        }
        if !rest.is_empty() {
            parts.push(Part::Text(rest.chars().collect()));
        }
        Pattern { parts }
    }

    /// `None` when `header` does not match; else the text `{unit}` stood for, if any.
    #[cfg(test)]
    fn matches(&self, header: &str) -> Option<Option<String>> {
        let text: Vec<char> = fold(header).chars().collect();
        self.matches_folded(&text)
    }

    /// [`Pattern::matches`] for a header already folded into characters.
    fn matches_folded(&self, text: &[char]) -> Option<Option<String>> {
        let mut unit = None;
        match_parts(&self.parts, text, &mut unit).then_some(unit)
    }
}

fn match_parts(parts: &[Part], text: &[char], unit: &mut Option<String>) -> bool {
    let Some((first, rest)) = parts.split_first() else {
        return text.is_empty();
    };
    match first {
        Part::Text(lit) => {
            text.len() >= lit.len()
                && lit.iter().zip(text).all(|(a, b)| same_char(*a, *b))
                && match_parts(rest, &text[lit.len()..], unit)
        }
        Part::Organization | Part::Unit => (1..=text.len()).any(|n| {
            let ok = match_parts(rest, &text[n..], unit);
            if ok && matches!(first, Part::Unit) {
                *unit = Some(text[..n].iter().collect::<String>().trim().to_string());
            }
            ok
        }),
    }
}

fn same_char(a: char, b: char) -> bool {
    a == b || a.to_lowercase().eq(b.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_match_any_text() {
        let p = Pattern::new("How does {organization} listen?");
        assert_eq!(p.matches("how does  Łódź Bank listen?"), Some(None));
        assert_eq!(p.matches("How does listen?"), None);
        let u = Pattern::new("Objectives agreed [{unit}]");
        assert_eq!(
            u.matches("Objectives agreed [Customer service]"),
            Some(Some("Customer service".into()))
        );
        assert_eq!(Pattern::new("Plain").matches("plain"), Some(None));
    }
}
