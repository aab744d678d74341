//! Survey imports: a survey tool's CSV export (Google Forms, Microsoft Forms, Typeform,
//! SurveyMonkey) and a mapping file become answer sheets, one per row.
//!
//! Pure: [`import`] takes the texts and returns the sheets' file names and YAML, or every problem
//! at once, so that nothing is written when any row fails; `commands::import` reads and writes the
//! files. The steps: [`mapping`] loads the mapping and checks it against the questionnaire,
//! `table` reads the CSV, `columns` finds the mapped headers, `rows` turns each row into a
//! sheet (cells through `answers` and `dates`), `duplicates` keeps each respondent's latest row,
//! and each sheet is written with
//! [`crate::sheet::write`] and loaded back as a last check. `starter` writes the commented
//! mapping `leapcheck init mapping` starts from.

pub mod answers;
mod columns;
mod dates;
mod duplicates;
pub mod mapping;
mod rows;
mod starter;
mod table;
mod words;

pub use starter::starting_mapping;

use crate::error::Diagnostic;
use crate::questionnaire::Questionnaire;
use crate::sheet;
use crate::source::Source;

/// One sheet to write.
#[derive(Debug)]
pub struct Imported {
    /// `org-respondent.yaml`, made unique within the import with `-2`, `-3`.
    pub file_name: String,
    /// The sheet as YAML.
    pub text: String,
    /// The CSV line the row starts on.
    pub line: usize,
}

/// What an import produced.
#[derive(Debug)]
pub struct Import {
    pub sheets: Vec<Imported>,
    /// Rows with every cell empty, skipped.
    pub empty_rows: usize,
    /// Problems that did not stop the import (answers hidden by `show_if`).
    pub warnings: Vec<Diagnostic>,
}

/// The CSV export to import: its name for messages, and its text.
pub struct Csv<'a> {
    pub name: &'a str,
    pub text: &'a str,
}

/// Turns every row of `csv` into a sheet of `q` as `mapping_src` says. On any error, returns
/// every diagnostic found (warnings included) and no sheet.
pub fn import(
    q: &Questionnaire,
    mapping_src: &Source,
    csv: &Csv,
) -> Result<Import, Vec<Diagnostic>> {
    let (mapping, mut diagnostics) = mapping::load(mapping_src, q);
    let Some(mapping) = mapping else {
        return Err(diagnostics);
    };
    let table = table::parse(csv.name, csv.text, mapping.delimiter, mapping.header_rows)
        .map_err(|d| vec![d])?;
    let bound = columns::bind(q, &mapping, mapping_src, csv.name, &table.headers)?;
    let mut sheets: Vec<duplicates::Lined> = Vec::new();
    let mut failed = false;
    let mut empty_rows = 0;
    for row in &table.rows {
        if row.is_empty() {
            empty_rows += 1;
            continue;
        }
        match rows::sheet_of(q, &mapping, &bound, &table, row) {
            Ok(mut read) => {
                diagnostics.append(&mut read.warnings);
                sheets.push((read, row.line));
            }
            Err(problems) => {
                failed = true;
                diagnostics.extend(problems);
            }
        }
    }
    if sheets.is_empty() && !failed {
        diagnostics.push(csv_error(
            csv.name,
            "the CSV holds no responses, only its header; export it again once people have answered",
        ));
        return Err(diagnostics);
    }
    if failed {
        return Err(diagnostics);
    }
    let sheets = match duplicates::keep_latest(csv.name, sheets) {
        Ok((kept, warnings)) => {
            diagnostics.extend(warnings);
            kept
        }
        Err(errors) => {
            diagnostics.extend(errors);
            return Err(diagnostics);
        }
    };
    let written = write_sheets(q, csv.name, &sheets)?;
    Ok(Import {
        sheets: written,
        empty_rows,
        warnings: diagnostics,
    })
}

/// The sheets as YAML under unique names, each loaded back to make sure it is a valid sheet.
fn write_sheets(
    q: &Questionnaire,
    csv_name: &str,
    sheets: &[duplicates::Lined],
) -> Result<Vec<Imported>, Vec<Diagnostic>> {
    let mut out: Vec<Imported> = Vec::new();
    let mut problems = Vec::new();
    let mut names = Names::default();
    for (read, line) in sheets {
        let sheet = &read.sheet;
        let file_name = names.unique(&crate::sheet::write::default_file_name(sheet));
        let mut comment = format!("Imported by `leapcheck import` from {csv_name}, line {line}.");
        for text in &read.comments {
            comment.push('\n');
            comment.push_str(&crate::error::visible(text));
        }
        let text = sheet::write::to_yaml(q, sheet, &comment);
        let (loaded, diagnostics) = sheet::load(&Source::new(file_name.clone(), text.clone()), q);
        if loaded.is_none() {
            for d in diagnostics {
                problems.push(Diagnostic {
                    position: Some((*line, 1)),
                    file: csv_name.to_string(),
                    message: format!(
                        "the sheet made from this row does not load ({}); please report this with the row",
                        d.message
                    ),
                    ..d
                });
            }
            continue;
        }
        out.push(Imported {
            file_name,
            text,
            line: *line,
        });
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// The file names given so far, and for each wanted name the number to try next, so that a
/// thousand rows of one name are named in a thousand steps, not a million.
#[derive(Default)]
struct Names {
    taken: std::collections::HashSet<String>,
    next: std::collections::HashMap<String, usize>,
}

impl Names {
    /// `name`, or `name-2`, `name-3`… before the extension, whichever is not taken yet.
    fn unique(&mut self, name: &str) -> String {
        let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
        let dot = if ext.is_empty() { "" } else { "." };
        let n = self.next.entry(name.to_string()).or_insert(1);
        let mut candidate = name.to_string();
        while self.taken.contains(&candidate) {
            *n += 1;
            candidate = format!("{stem}-{n}{dot}{ext}");
        }
        self.taken.insert(candidate.clone());
        candidate
    }
}

fn csv_error(name: &str, message: &str) -> Diagnostic {
    Diagnostic::error(name, None, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_made_unique_within_the_import() {
        let mut names = Names::default();
        assert_eq!(names.unique("a-b.yaml"), "a-b.yaml");
        assert_eq!(names.unique("a-b-2.yaml"), "a-b-2.yaml");
        assert_eq!(names.unique("a-b.yaml"), "a-b-3.yaml");
        assert_eq!(names.unique("c.yaml"), "c.yaml");
        assert_eq!(names.unique("a-b.yaml"), "a-b-4.yaml");
        assert_eq!(names.unique("x"), "x");
        assert_eq!(names.unique("x"), "x-2");
    }

    /// Thousands of rows of one name are named in linear time (the names were once searched
    /// from the start for every row).
    #[test]
    fn many_rows_of_one_name_are_named_quickly() {
        let mut names = Names::default();
        let start = std::time::Instant::now();
        for _ in 0..50_000 {
            names.unique("acme-jane-doe.yaml");
        }
        assert_eq!(
            names.unique("acme-jane-doe.yaml"),
            "acme-jane-doe-50001.yaml"
        );
        // About 30 ms here; the quadratic search took minutes for this many.
        assert!(start.elapsed() < std::time::Duration::from_secs(10));
    }
}
