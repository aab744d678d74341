//! One sheet per respondent: when a respondent (the organization and name, compared without case
//! and extra spaces) submitted the form more than once, the latest row by its timestamp is kept and
//! the others are left out with a warning naming their line. Two rows of one respondent that no
//! timestamp tells apart are an error naming both lines: which one counts is the user's call.

use std::collections::HashMap;

use super::rows::{RowSheet, Stamp};
use super::words::key;
use crate::error::{Diagnostic, Severity};

/// A row's sheet with the CSV line it starts on.
pub type Lined = (RowSheet, usize);

/// Keeps each respondent's latest row, in CSV order; returns the warnings about the rows left
/// out, or the errors about rows that cannot be told apart.
pub fn keep_latest(
    csv_name: &str,
    rows: Vec<Lined>,
) -> Result<(Vec<Lined>, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut latest: HashMap<(String, String), usize> = HashMap::new();
    let mut dropped = vec![false; rows.len()];
    let mut warnings = Vec::new();
    let mut errors = Vec::new();
    for (k, (row, line)) in rows.iter().enumerate() {
        let name = &row.sheet.respondent.name;
        if name.trim().is_empty() {
            continue;
        }
        let who = (key(&row.sheet.organization), key(name));
        let Some(&before) = latest.get(&who) else {
            latest.insert(who, k);
            continue;
        };
        let (earlier, earlier_line) = (&rows[before].0, rows[before].1);
        match (earlier.stamp, row.stamp) {
            (Some(a), Some(b)) if a != b => {
                let (old, new) = if a < b { (before, k) } else { (k, before) };
                dropped[old] = true;
                latest.insert(who, new);
                warnings.push(left_out(csv_name, &rows[old], &rows[new]));
            }
            (a, b) => {
                let how = match (a, b) {
                    (Some(t), Some(_)) => format!("the same timestamp ({})", shown(t)),
                    _ => "no timestamp that tells which is later".to_string(),
                };
                errors.push(Diagnostic::error(
                    csv_name,
                    Some((*line, 1)),
                    format!(
                        "lines {earlier_line} and {line} are both answers from {}, with {how}; delete the one that should not count from the CSV{}",
                        who_text(row),
                        if a.is_none() || b.is_none() {
                            ", or map the form's timestamp column under `date:`"
                        } else {
                            ""
                        }
                    ),
                ));
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let kept = rows
        .into_iter()
        .zip(dropped)
        .filter(|(_, d)| !d)
        .map(|(r, _)| r)
        .collect();
    Ok((kept, warnings))
}

fn left_out(csv_name: &str, old: &Lined, new: &Lined) -> Diagnostic {
    let stamp = |r: &Lined| r.0.stamp.map(shown).unwrap_or_default();
    Diagnostic::new(
        Severity::Warning,
        csv_name,
        Some((old.1, 1)),
        format!(
            "line {} is an earlier answer from {} ({}) than line {} ({}), so it is left out; delete it from the CSV to keep this from being said again",
            old.1,
            who_text(&old.0),
            stamp(old),
            new.1,
            stamp(new)
        ),
    )
}

fn who_text(row: &RowSheet) -> String {
    let s = &row.sheet;
    if s.organization.trim().is_empty() {
        format!("`{}`", s.respondent.name.trim())
    } else {
        format!(
            "`{}` of `{}`",
            s.respondent.name.trim(),
            s.organization.trim()
        )
    }
}

fn shown((day, secs): Stamp) -> String {
    format!(
        "{day} {:02}:{:02}:{:02}",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}
