//! `leapcheck import`: reads the CSV and the mapping, writes one sheet per row into a directory.
//! All or nothing: when a row fails or a sheet's file exists already, nothing is written.

use std::path::{Path, PathBuf};

use crate::cli::ImportArgs;
use crate::error::{Diagnostic, Error, Result, Severity};
use crate::import::{self, Csv, Imported};
use crate::input;

pub fn run(args: &ImportArgs) -> Result<()> {
    let mapping = input::read(&args.mapping)?.source;
    let csv_name = args.csv.display().to_string();
    let csv_text = read_csv(&args.csv)?;
    let q = input::questionnaire_for(args.questionnaire.questionnaire.as_deref(), &mapping.text)?;
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
    refuse_existing(&dir, &done.sheets, shown)?;
    for w in &done.warnings {
        eprintln!("{w}");
    }
    write_all(&dir, &done.sheets)?;
    for sheet in &done.sheets {
        eprintln!(
            "wrote {} (line {} of {csv_name})",
            shown(&sheet.file_name),
            sheet.line
        );
    }
    if done.empty_rows > 0 {
        let s = if done.empty_rows == 1 { "" } else { "s" };
        eprintln!("skipped {} empty row{s}", done.empty_rows);
    }
    let target = args
        .output
        .as_ref()
        .map_or_else(|| ".".to_string(), |d| d.display().to_string());
    eprintln!(
        "imported {} sheet{}; next: leapcheck report {target}",
        done.sheets.len(),
        if done.sheets.len() == 1 { "" } else { "s" }
    );
    Ok(())
}

/// The CSV as text: UTF-8 (a byte-order mark is fine), or `-` for stdin.
fn read_csv(path: &Path) -> Result<String> {
    let (_, bytes) = input::read_bytes(path)?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let col = String::from_utf8_lossy(&valid[start..]).chars().count() + 1;
        Error::Invalid(vec![Diagnostic {
            severity: Severity::Error,
            file: path.display().to_string(),
            position: Some((line, col)),
            path: String::new(),
            message: "the file is not UTF-8 text; export it again as UTF-8 (in Excel: Save As → CSV UTF-8)".into(),
        }])
    })
}

/// Fails, listing them, when any of the sheets' files exists already.
fn refuse_existing(dir: &Path, sheets: &[Imported], shown: impl Fn(&str) -> String) -> Result<()> {
    if dir.exists() && !dir.is_dir() {
        return Err(Error::Usage(format!(
            "`{}` is a file, not a directory; give -o a directory to write the sheets into",
            dir.display()
        )));
    }
    let existing: Vec<String> = sheets
        .iter()
        .filter(|s| dir.join(&s.file_name).exists())
        .map(|s| shown(&s.file_name))
        .collect();
    if existing.is_empty() {
        return Ok(());
    }
    Err(Error::Other(format!(
        "{} already exist{}: {}; nothing was written. Import into another directory with -o DIR, or move {} away first",
        if existing.len() == 1 {
            "a sheet's file".to_string()
        } else {
            format!("{} sheets' files", existing.len())
        },
        if existing.len() == 1 { "s" } else { "" },
        existing.join(", "),
        if existing.len() == 1 { "it" } else { "them" }
    )))
}

/// Writes every sheet, or none: all are written to temporary files first, then renamed into
/// place without replacing anything; on a failure the sheets already in place are removed.
fn write_all(dir: &Path, sheets: &[Imported]) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|source| Error::Write {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut staged = Vec::new();
    for sheet in sheets {
        let path = dir.join(&sheet.file_name);
        staged.push((crate::output::stage(&path, sheet.text.as_bytes())?, path));
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
