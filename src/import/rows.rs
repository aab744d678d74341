//! One CSV row to one answer sheet: the respondent, role, organization, date and units, then every
//! mapped question. Each problem is reported at the row's line and the column's number, with the
//! column's header and what to change in the mapping or the CSV.

use std::collections::HashMap;

use super::answers::{self, Cell};
use super::columns::{Bound, Cells, Read, unit_name};
use super::dates;
use super::mapping::Mapping;
use super::table::{Row, Table};
use super::words::{same, short};
use crate::answer::Answer;
use crate::date::Date;
use crate::error::{Diagnostic, Severity};
use crate::index::{OptionIx, QuestionIx, UnitIx};
use crate::questionnaire::Questionnaire;
use crate::sheet::{Respondent, Sheet, UnitAnswers};

/// What one row gives: its sheet, the warnings about it, the texts of "Other" boxes to keep as
/// comments (`question: text`), and when it was answered, to keep a respondent's latest row.
pub struct RowSheet {
    pub sheet: Sheet,
    pub warnings: Vec<Diagnostic>,
    pub comments: Vec<String>,
    pub stamp: Option<Stamp>,
}

/// When a row was answered: its day, and the seconds into that day (0 when not given).
pub type Stamp = (Date, u32);

/// A row's sheet, or every problem with the row.
pub fn sheet_of(
    q: &Questionnaire,
    mapping: &Mapping,
    bound: &Bound,
    table: &Table,
    row: &Row,
) -> Result<RowSheet, Vec<Diagnostic>> {
    let mut r = RowReport {
        table,
        row,
        diagnostics: Vec::new(),
    };
    r.check_width();
    let mut sheet = Sheet::blank(q);
    sheet.organization = r.text(bound.organization.as_ref());
    sheet.respondent = Respondent {
        name: r.text(bound.respondent.as_ref()),
        role: role(&mut r, q, mapping, bound),
    };
    let stamp = date(&mut r, mapping, bound);
    sheet.date = stamp.map(|(day, _)| day);
    let listed = bound.units.map(|c| (c, listed_units(mapping, row.cell(c))));
    let mut found = answers_of(&mut r, q, mapping, bound, listed.as_ref());
    for (i, a, _) in &found.top {
        sheet.answers[*i] = Some(a.clone());
    }
    sheet.units = units(&mut r, mapping, listed.as_ref(), &mut found);
    let comments = found
        .others
        .iter()
        .map(|(i, unit, text)| match unit {
            None => format!("{}, \"Other\": {text}", q.questions[*i].id),
            Some(u) => format!("{} ({u}), \"Other\": {text}", q.questions[*i].id),
        })
        .collect();
    let unit_columns = place_unit_answers(&mut sheet, found.units);
    if r.diagnostics.iter().any(|d| d.severity == Severity::Error) {
        return Err(r.diagnostics);
    }
    drop_hidden(&mut r, q, mapping, bound, &mut sheet, &unit_columns);
    Ok(RowSheet {
        sheet,
        warnings: r.diagnostics,
        comments,
        stamp,
    })
}

/// Every mapped question's answer in the row; per-unit answers name their unit, which
/// [`units`] checks against the row's units.
fn answers_of(
    r: &mut RowReport,
    q: &Questionnaire,
    mapping: &Mapping,
    bound: &Bound,
    listed: Option<&(usize, Vec<String>)>,
) -> Found {
    let row = r.row;
    let mut found = Found::default();
    for (m, cells) in mapping.questions.iter().zip(&bound.questions) {
        let question = &q.questions[m.question];
        let separator = m.separator.as_deref().unwrap_or(&mapping.separator);
        let read = |r: &mut RowReport, c: usize| -> Option<Cell> {
            match answers::read(question, m, separator, row.cell(c)) {
                Ok(cell) => {
                    for note in &cell.left_out {
                        r.push(Severity::Warning, c, format!("{note}, so it is left out"));
                    }
                    Some(cell)
                }
                Err(message) => r.error(c, message),
            }
        };
        match cells {
            Cells::One(c) => {
                if let Some(cell) = read(r, *c) {
                    found.add(m.question, None, cell, *c);
                }
            }
            Cells::PerOption(list) => {
                if let Some((a, c)) = ticked_options(row, list) {
                    found.top.push((m.question, a, c));
                }
            }
            Cells::PerUnit(list) => {
                for (unit, c) in list {
                    if let Some(cell) = read(r, *c) {
                        found.add(m.question, Some(unit.clone()), cell, *c);
                    }
                }
            }
            Cells::RowUnit(c) => {
                if let Some(cell) = read(r, *c).filter(|cell| cell.answer.is_some()) {
                    match listed.map(|(_, units)| units.as_slice()) {
                        Some([unit]) => found.add(m.question, Some(unit.clone()), cell, *c),
                        _ => r.one_unit_needed(*c, &question.id, listed),
                    }
                }
            }
        }
    }
    found
}

/// Puts per-unit answers under the sheet's units; returns the column of each (unit, question).
fn place_unit_answers(
    sheet: &mut Sheet,
    found: Vec<(String, QuestionIx, Answer, usize)>,
) -> HashMap<(UnitIx, QuestionIx), usize> {
    sheet.unit_answers = vec![UnitAnswers::default(); sheet.units.len()];
    let mut columns = HashMap::new();
    for (unit, i, a, c) in found {
        if let Some(u) = UnitIx::position(&sheet.units, |n| same(n, &unit)) {
            sheet.unit_answers[u][i] = Some(a);
            columns.insert((u, i), c);
        }
    }
    columns
}

/// Answers found in a row, before the units are settled.
#[derive(Default)]
struct Found {
    /// (question, answer, column)
    top: Vec<(QuestionIx, Answer, usize)>,
    /// (unit, question, answer, column)
    units: Vec<(String, QuestionIx, Answer, usize)>,
    /// (question, unit, text typed into the "Other" box) to keep as comments
    others: Vec<(QuestionIx, Option<String>, String)>,
}

impl Found {
    fn add(&mut self, i: QuestionIx, unit: Option<String>, cell: Cell, c: usize) {
        if let Some(text) = cell.other {
            self.others.push((i, unit.clone(), text));
        }
        let Some(a) = cell.answer else { return };
        match unit {
            None => self.top.push((i, a, c)),
            Some(u) => self.units.push((u, i, a, c)),
        }
    }
}

/// Collects the problems of one row.
struct RowReport<'a> {
    table: &'a Table,
    row: &'a Row,
    diagnostics: Vec<Diagnostic>,
}

impl RowReport<'_> {
    fn push(&mut self, severity: Severity, c: usize, message: String) {
        let header = self.table.headers.get(c).map_or("", String::as_str);
        self.diagnostics.push(Diagnostic::new(
            severity,
            self.table.name.clone(),
            Some((self.row.line, c + 1)),
            format!("column {} (`{}`): {message}", c + 1, short(header, 50)),
        ));
    }

    /// Reports an error at column `c`; returns `None` so a failed read can end in it.
    fn error<T>(&mut self, c: usize, message: String) -> Option<T> {
        self.push(Severity::Error, c, message);
        None
    }

    fn text(&self, read: Option<&Read>) -> String {
        match read {
            Some(Read::Column(c)) => self.row.cell(*c).trim().to_string(),
            Some(Read::Value(v)) => v.clone(),
            None => String::new(),
        }
    }

    /// A row with values past the last header was most likely split by a stray delimiter.
    fn check_width(&mut self) {
        let width = self.table.headers.len();
        if let Some(extra) = (width..self.row.cells.len()).find(|&c| !self.row.cell(c).is_empty()) {
            let message = format!(
                "this row has {} cells but the header has {width}, and `{}` is past the last column; check the quoting of the row in the CSV (a value with the delimiter in it must be in double quotes)",
                self.row.cells.len(),
                short(self.row.cell(extra), 40)
            );
            self.diagnostics.push(Diagnostic::error(
                self.table.name.clone(),
                Some((self.row.line, extra + 1)),
                message,
            ));
        }
    }

    fn one_unit_needed(&mut self, c: usize, id: &str, listed: Option<&(usize, Vec<String>)>) {
        let Some((units_column, units)) = listed else {
            return;
        };
        let units_header = short(
            self.table
                .headers
                .get(*units_column)
                .map_or("", String::as_str),
            40,
        );
        let message = if units.is_empty() {
            format!(
                "`{id}` is answered for the row's business unit, but column {} (`{units_header}`) names none; fill it in, or clear this cell",
                units_column + 1
            )
        } else {
            format!(
                "`{id}` is answered for the row's one business unit, but column {} (`{units_header}`) names {} ({}); list the columns per unit with `unit_columns:` or `{{unit}}` in the mapping",
                units_column + 1,
                units.len(),
                units.join(", ")
            )
        };
        self.push(Severity::Error, c, message);
    }
}

fn role(r: &mut RowReport, q: &Questionnaire, mapping: &Mapping, bound: &Bound) -> Option<String> {
    let c = match bound.role.as_ref()? {
        Read::Value(id) => return Some(id.clone()),
        Read::Column(c) => *c,
    };
    let cell = r.row.cell(c).trim();
    if cell.is_empty() {
        return None;
    }
    let labels = mapping
        .role
        .as_ref()
        .map_or(&[][..], |f| f.labels.as_slice());
    let found = labels
        .iter()
        .find(|(label, _)| same(label, cell))
        .map(|(_, id)| id.as_str())
        .or_else(|| {
            q.roles
                .iter()
                .find(|role| same(&role.id, cell) || same(&role.name, cell))
                .map(|role| role.id.as_str())
        });
    if found.is_none() {
        let roles: Vec<String> = q
            .roles
            .iter()
            .map(|role| format!("`{}` ({})", role.id, short(&role.name, 30)))
            .collect();
        let example = q.roles.first().map_or("", |role| role.id.as_str());
        return r.error(
            c,
            format!(
                "`{}` is not a role of {}; roles: {}; add it under `values:` of `role:` in the mapping, e.g. `\"{}\": {example}`",
                short(cell, 40),
                q.reference(),
                roles.join(", "),
                short(cell, 40)
            ),
        );
    }
    found.map(str::to_string)
}

fn date(r: &mut RowReport, mapping: &Mapping, bound: &Bound) -> Option<Stamp> {
    let c = match bound.date.as_ref()? {
        // The mapping checked it is a date.
        Read::Value(v) => return crate::date::parse(v).map(|day| (day, 0)),
        Read::Column(c) => *c,
    };
    let cell = r.row.cell(c).trim();
    if cell.is_empty() {
        return None;
    }
    let order = mapping.date.as_ref().and_then(|d| d.order);
    match dates::parse(cell, order) {
        Ok(day) => Some((day, dates::seconds(cell))),
        Err(message) => r.error(c, message),
    }
}

/// The units a cell lists, through `units.values:`, each once.
fn listed_units(mapping: &Mapping, cell: &str) -> Vec<String> {
    let separator = mapping.units.as_ref().map_or(";", |u| u.separator.as_str());
    let mut out: Vec<String> = Vec::new();
    for piece in cell.split(separator) {
        let piece = piece.trim();
        if piece.is_empty() {
            continue;
        }
        let unit = unit_name(mapping, piece);
        if !out.iter().any(|u| same(u, &unit)) {
            out.push(unit);
        }
    }
    out
}

/// The sheet's units: those the units column lists, or else every unit the row answers for, in
/// column order. An answer for a unit the column does not list is left out with a warning, unless
/// the column seems to separate its units with another separator than the mapping's, which is an
/// error at the units column.
fn units(
    r: &mut RowReport,
    mapping: &Mapping,
    listed: Option<&(usize, Vec<String>)>,
    found: &mut Found,
) -> Vec<String> {
    let Some((units_column, units)) = listed else {
        let mut out: Vec<String> = Vec::new();
        let mut by_column: Vec<&(String, QuestionIx, Answer, usize)> = found.units.iter().collect();
        by_column.sort_by_key(|(.., c)| *c);
        for (unit, ..) in by_column {
            if !out.iter().any(|u| same(u, unit)) {
                out.push(unit.clone());
            }
        }
        return out;
    };
    let is_listed = |unit: &str| units.iter().any(|u| same(u, unit));
    if found.units.iter().all(|(unit, ..)| is_listed(unit)) {
        return units.clone();
    }
    let header = short(
        r.table
            .headers
            .get(*units_column)
            .map_or("", String::as_str),
        40,
    );
    let separator = mapping.units.as_ref().map_or(";", |u| u.separator.as_str());
    let answered: Vec<&str> = found.units.iter().map(|(u, ..)| u.as_str()).collect();
    let cell = r.row.cell(*units_column).trim();
    if let Some(other) = other_separator(mapping, cell, separator, &answered) {
        let suggested = if cell.contains(&format!("{other} ")) {
            format!("{other} ")
        } else {
            other.to_string()
        };
        let message = format!(
            "`{}` is read as one unit: the cells are separated by `{other}` but the mapping's `separator` under `units:` is `{}`; write `separator: \"{suggested}\"` under `units:`",
            short(cell, 60),
            separator.escape_debug()
        );
        r.push(Severity::Error, *units_column, message);
        return units.clone();
    }
    for (unit, _, _, c) in found.units.iter().filter(|(unit, ..)| !is_listed(unit)) {
        let message = format!(
            "`{unit}` is not ticked in column {} (`{header}`), so this answer for it is left out; tick it there to keep the answer",
            units_column + 1
        );
        r.push(Severity::Warning, *c, message);
    }
    found.units.retain(|(unit, ..)| is_listed(unit));
    found
        .others
        .retain(|(_, unit, _)| unit.as_deref().is_none_or(is_listed));
    units.clone()
}

/// Another common separator that a units cell seems to use instead of `separator`: one that,
/// splitting the cell, names a unit the row answers for.
fn other_separator(
    mapping: &Mapping,
    cell: &str,
    separator: &str,
    answered: &[&str],
) -> Option<&'static str> {
    [",", ";", "|"]
        .into_iter()
        .filter(|s| *s != separator.trim())
        .find(|s| {
            cell.contains(s)
                && cell.split(s).any(|piece| {
                    let unit = unit_name(mapping, piece.trim());
                    answered.iter().any(|a| same(a, &unit))
                })
        })
}

/// A multi question exported one column per option: the ticked options, or `None` when every
/// cell is empty.
fn ticked_options(row: &Row, list: &[(OptionIx, usize)]) -> Option<(Answer, usize)> {
    let mut any = false;
    let mut chosen = Vec::new();
    for &(o, c) in list {
        match answers::ticked(row.cell(c)) {
            None => {}
            Some(t) => {
                any = true;
                if t {
                    chosen.push(o);
                }
            }
        }
    }
    chosen.sort_unstable();
    chosen.dedup();
    let first = list.iter().map(|(_, c)| *c).min()?;
    any.then_some((Answer::Multi(chosen), first))
}

/// Answers to questions that `show_if` hides for this sheet are left out, with a warning, as
/// the sheet loader would.
fn drop_hidden(
    r: &mut RowReport,
    q: &Questionnaire,
    mapping: &Mapping,
    bound: &Bound,
    sheet: &mut Sheet,
    unit_columns: &HashMap<(UnitIx, QuestionIx), usize>,
) {
    let column_of = |i: QuestionIx| {
        mapping
            .questions
            .iter()
            .zip(&bound.questions)
            .find(|(m, _)| m.question == i)
            .and_then(|(_, cells)| match cells {
                Cells::One(c) | Cells::RowUnit(c) => Some(*c),
                Cells::PerOption(list) => list.iter().map(|(_, c)| *c).min(),
                Cells::PerUnit(_) => None,
            })
            .unwrap_or(0)
    };
    for step in crate::sheet::visibility::drop_hidden(q, sheet) {
        let i = step.question;
        let (whose, column) = match step.unit {
            None => ("this respondent".to_string(), column_of(i)),
            Some(u) => (
                format!("`{}`", sheet.units[u]),
                unit_columns.get(&(u, i)).copied().unwrap_or(0),
            ),
        };
        let role = sheet.respondent.role.as_deref();
        let why = q.questions[i].why_hidden(role, &format!(" for {whose}"));
        let message = format!("{why}, so this answer is left out");
        r.push(Severity::Warning, column, message);
    }
}
