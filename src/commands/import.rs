//! `leapcheck import`: reads the CSV and the mapping, writes one sheet per row into a directory.
//! All or nothing: when a row fails or a sheet's file exists already, nothing is written. With
//! `--update`, a row whose sheet's file exists already was imported before: that file is left as
//! it is, and the other rows' sheets are written.

use crate::output::note;
use std::path::{Path, PathBuf};

use crate::cli::ImportArgs;
use crate::error::{Diagnostic, Error, Result, Usage};
use crate::import::{self, Csv, Imported};
use crate::input::Reader;

pub fn run(args: &ImportArgs, reader: &Reader) -> Result<()> {
    let mapping = reader.read(&args.mapping)?.source;
    let csv_name = args.csv.display().to_string();
    let csv_text = read_csv(&args.csv, reader)?;
    let q = reader.questionnaire_for(args.questionnaire.questionnaire.as_deref(), &mapping.text)?;
    let csv = Csv {
        name: &csv_name,
        text: &csv_text,
    };
    let done = import::import(&q, &mapping, &csv).map_err(Error::Invalid)?;
    let dir = args.output.clone().unwrap_or_else(|| PathBuf::from("."));
    let shown = |name: &str| match &args.output {
        Some(d) => d.join(name).display().to_string(),
        None => name.to_string(),
    };
    if dir.exists() && !dir.is_dir() {
        return Err(Usage::NotADirectory(dir.to_path_buf()).into());
    }
    let (new, existing): (Vec<&Imported>, Vec<&Imported>) = done
        .sheets
        .iter()
        .partition(|s| !crate::output::occupied(&dir.join(&s.file_name)));
    if !args.update && !existing.is_empty() {
        return Err(Error::SheetsExist(
            existing.iter().map(|s| shown(&s.file_name)).collect(),
        ));
    }
    for w in &done.warnings {
        note!("{w}");
    }
    for sheet in &existing {
        if !same_answers(&dir.join(&sheet.file_name), &sheet.text) {
            note!(
                "{}: warning: imported before, so it is left as it is, though line {} of {csv_name} now answers differently; to take the new answers, move the file away and run the import again",
                shown(&sheet.file_name),
                sheet.line
            );
        }
    }
    write_all(&dir, &new)?;
    for sheet in &new {
        note!(
            "wrote {} (line {} of {csv_name})",
            shown(&sheet.file_name),
            sheet.line
        );
    }
    if args.update {
        note!(
            "--update: wrote {} new sheet{}, left {} as {} (imported before)",
            new.len(),
            if new.len() == 1 { "" } else { "s" },
            existing.len(),
            if existing.len() == 1 {
                "it was"
            } else {
                "they were"
            }
        );
    }
    if done.empty_rows > 0 {
        let s = if done.empty_rows == 1 { "" } else { "s" };
        note!("skipped {} empty row{s}", done.empty_rows);
    }
    let target = args
        .output
        .as_ref()
        .map_or_else(|| ".".to_string(), |d| d.display().to_string());
    note!(
        "imported {} sheet{}; next: leapcheck report {target}",
        new.len(),
        if new.len() == 1 { "" } else { "s" }
    );
    Ok(())
}

/// The CSV as text: UTF-8 (a byte-order mark is fine), or `-` for stdin.
fn read_csv(path: &Path, reader: &Reader) -> Result<String> {
    let (name, bytes) = reader.read_bytes(path)?;
    String::from_utf8(bytes).map_err(|e| {
        let fix = "export it again as UTF-8 (in Excel: Save As → CSV UTF-8)";
        let at = e.utf8_error().valid_up_to();
        Error::Invalid(vec![Diagnostic::not_utf8(name, e.as_bytes(), at, fix)])
    })
}

/// Whether the sheet at `path` holds what `text` holds, comments aside.
fn same_answers(path: &Path, text: &str) -> bool {
    let read = |t: &str| serde_yaml::from_str::<serde_yaml::Value>(t).ok();
    let on_disk = std::fs::read_to_string(path).ok();
    on_disk
        .as_deref()
        .and_then(read)
        .is_some_and(|v| Some(v) == read(text))
}

/// Writes every sheet, or none: all are written to temporary files first, then renamed into
/// place without replacing anything; on a failure the sheets already in place are removed.
fn write_all(dir: &Path, sheets: &[&Imported]) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|source| Error::Write {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut staged = Vec::new();
    for sheet in sheets {
        let path = dir.join(&sheet.file_name);
        // Closed once written: a thousand rows must not hold a thousand open files.
        let tmp = crate::output::stage(&path, sheet.text.as_bytes())?.into_temp_path();
        staged.push((tmp, path));
    }
    let mut placed: Vec<PathBuf> = Vec::new();
    for (tmp, path) in staged {
        if let Err(e) = tmp.persist_noclobber(&path) {
            for p in &placed {
                let _ = std::fs::remove_file(p);
            }
            return Err(Error::Write {
                path,
                source: e.error,
            });
        }
        placed.push(path);
    }
    Ok(())
}
