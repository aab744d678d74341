//! Reading input files: expanding directories, reading stdin, and loading the questionnaire a
//! command works with.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::builtin;
use crate::error::{Diagnostic, Error, Result, Severity};
use crate::questionnaire::{self, Questionnaire};
use crate::source::Source;

/// One input file, read (stdin is named `<stdin>`).
#[derive(Debug)]
pub struct Input {
    pub source: Source,
}

/// Expands directories into their `*.yaml`/`*.yml` files, sorted by name.
pub fn expand(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let entries = std::fs::read_dir(p).map_err(|source| Error::Read {
                path: p.clone(),
                source,
            })?;
            let mut files: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| f.is_file() && f.extension().is_some_and(|x| x == "yaml" || x == "yml"))
                .collect();
            files.sort();
            if files.is_empty() {
                return Err(Error::Usage(format!(
                    "the directory `{}` holds no *.yaml or *.yml files",
                    p.display()
                )));
            }
            out.extend(files);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

/// Reads a file, or stdin for `-`.
pub fn read(path: &Path) -> Result<Input> {
    if path.as_os_str() == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|source| Error::Read {
                path: "<stdin>".into(),
                source,
            })?;
        return Ok(Input {
            source: Source::new("<stdin>", text),
        });
    }
    let bytes = std::fs::read(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        Error::Invalid(vec![Diagnostic {
            severity: Severity::Error,
            file: path.display().to_string(),
            position: None,
            path: String::new(),
            message: format!(
                "the file is not UTF-8 text (invalid byte at offset {}); save it as UTF-8",
                e.utf8_error().valid_up_to()
            ),
        }])
    })?;
    Ok(Input {
        source: Source::new(path.display().to_string(), text),
    })
}

/// The source of a questionnaire named on the command line: a file if one exists by that name,
/// else a built-in id.
pub fn questionnaire_source(name: &str) -> Result<Source> {
    let path = Path::new(name);
    if path.exists() {
        return Ok(read(path)?.source);
    }
    match builtin::find(name) {
        Some(b) => Ok(Source::new(format!("built-in {}", b.file), b.text)),
        None => {
            let ids: Vec<&str> = builtin::QUESTIONNAIRES.iter().map(|b| b.id).collect();
            Err(Error::Usage(format!(
                "`{name}` is neither a file nor a built-in questionnaire (built-ins: {}); check the path",
                ids.join(", ")
            )))
        }
    }
}

/// Loads a questionnaire, printing its warnings; errors fail.
pub fn load_questionnaire(src: &Source) -> Result<Questionnaire> {
    let (q, diagnostics) = questionnaire::load(src);
    finish(q, diagnostics)
}

/// Prints warnings; returns the value, or every diagnostic as an error.
pub fn finish<T>(value: Option<T>, diagnostics: Vec<Diagnostic>) -> Result<T> {
    match value {
        Some(v) => {
            for d in &diagnostics {
                eprintln!("{d}");
            }
            Ok(v)
        }
        None => Err(Error::Invalid(diagnostics)),
    }
}

/// The questionnaire for a sheet: `-q` if given, else the built-in the sheet names, else the
/// default built-in.
pub fn questionnaire_for(arg: Option<&str>, sheet_text: &str) -> Result<Questionnaire> {
    let src = match arg {
        Some(name) => questionnaire_source(name)?,
        None => {
            let named = crate::sheet::questionnaire_reference(sheet_text);
            let b = named
                .as_deref()
                .and_then(builtin::find)
                .unwrap_or(builtin::DEFAULT);
            Source::new(format!("built-in {}", b.file), b.text)
        }
    };
    load_questionnaire(&src)
}
