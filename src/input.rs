//! Reading input files: expanding directories, reading stdin, and loading the questionnaire a
//! command works with.

use crate::output::note;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::builtin;
use crate::error::{Diagnostic, Error, Result, Usage};
use crate::questionnaire::{self, Questionnaire};
use crate::render::template::UserTemplate;
use crate::source::Source;

/// Input files larger than this are refused unread (`--max-input-size`).
pub const DEFAULT_MAX_INPUT: u64 = 10 * 1024 * 1024;

/// Parses `10MiB`, `10M`, `512k`, `2GB`, `1048576`: K/M/G and KiB/MiB/GiB are binary, KB/MB/GB
/// decimal.
pub fn parse_size(text: &str) -> std::result::Result<u64, String> {
    let t = text.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (digits, unit) = t.split_at(split);
    let n: u64 = digits
        .parse()
        .map_err(|_| format!("`{text}` is not a size; write e.g. 10MiB, 512KiB or 1048576"))?;
    let factor: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kib" => 1 << 10,
        "m" | "mib" => 1 << 20,
        "g" | "gib" => 1 << 30,
        "kb" => 1_000,
        "mb" => 1_000_000,
        "gb" => 1_000_000_000,
        other => return Err(format!("unknown size unit `{other}`; use KiB, MiB or GiB")),
    };
    n.checked_mul(factor)
        .filter(|&b| b > 0)
        .ok_or_else(|| format!("`{text}` is not a usable size"))
}

/// Reads input files, refusing unread anything over the size limit (`--max-input-size`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reader {
    pub limit: u64,
}

impl Default for Reader {
    fn default() -> Reader {
        Reader {
            limit: DEFAULT_MAX_INPUT,
        }
    }
}

impl Reader {
    /// Reads at most the limit from `reader`; more is an error.
    fn read_limited(&self, name: &str, reader: impl Read, size_hint: u64) -> Result<Vec<u8>> {
        // Room for the whole file and the read that finds its end, so a file takes one
        // allocation.
        let mut bytes = Vec::with_capacity(size_hint.min(self.limit).saturating_add(1) as usize);
        reader
            .take(self.limit.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|source| Error::Read {
                path: name.into(),
                source,
            })?;
        if bytes.len() as u64 > self.limit {
            return Err(Error::TooBig {
                name: name.to_string(),
                size: None,
                limit: self.limit,
            });
        }
        Ok(bytes)
    }

    /// The bytes of a file, or of stdin for `-`, with the name to show for it; anything over the
    /// input size limit is refused unread.
    pub fn read_bytes(&self, path: &Path) -> Result<(String, Vec<u8>)> {
        if path.as_os_str() == "-" {
            let name = "<stdin>".to_string();
            let bytes = self.read_limited(&name, std::io::stdin().lock(), 0)?;
            return Ok((name, bytes));
        }
        let name = path.display().to_string();
        let err = |source| Error::Read {
            path: path.to_path_buf(),
            source,
        };
        let file = std::fs::File::open(path).map_err(err)?;
        let size = file.metadata().map_err(err)?.len();
        if size > self.limit {
            return Err(Error::TooBig {
                name,
                size: Some(size),
                limit: self.limit,
            });
        }
        let bytes = self.read_limited(&name, file, size)?;
        Ok((name, bytes))
    }

    /// Reads a file, or stdin for `-`, as UTF-8 text indexed for error positions.
    pub fn read(&self, path: &Path) -> Result<Input> {
        let (name, bytes) = self.read_bytes(path)?;
        let text = String::from_utf8(bytes).map_err(|e| {
            let at = e.utf8_error().valid_up_to();
            let d = Diagnostic::not_utf8(&name, e.as_bytes(), at, "save it as UTF-8");
            Error::Invalid(vec![d])
        })?;
        let source = Source::new(name, text);
        // Refused before anything else parses it (see `Source::depth_error`).
        if let Some(d) = source.depth_error() {
            return Err(Error::Invalid(vec![d]));
        }
        Ok(Input { source })
    }

    /// The source of a questionnaire named on the command line: a file if one exists by that name,
    /// else a built-in id.
    pub fn questionnaire_source(&self, name: &str) -> Result<Source> {
        let path = Path::new(name);
        if path.exists() {
            return Ok(self.read(path)?.source);
        }
        match builtin::find(name) {
            Some(b) => Ok(b.source()),
            None => Err(Usage::NoQuestionnaire {
                name: name.to_string(),
                builtins: builtin::references(),
            }
            .into()),
        }
    }

    /// The questionnaire for a sheet: `-q` if given, else the built-in the sheet names, else the
    /// default built-in.
    pub fn questionnaire_for(&self, arg: Option<&str>, sheet_text: &str) -> Result<Questionnaire> {
        let src = match arg {
            Some(name) => self.questionnaire_source(name)?,
            None => {
                let named = crate::sheet::questionnaire_reference(sheet_text);
                let b = named
                    .as_deref()
                    .and_then(builtin::find)
                    .unwrap_or(builtin::DEFAULT);
                b.source()
            }
        };
        self.load_questionnaire(&src)
    }
}

/// One input file, read (stdin is named `<stdin>`).
#[derive(Debug)]
pub struct Input {
    pub source: Source,
}

/// Expands directories into their `*.yaml`/`*.yml` files, sorted by name.
pub fn expand(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    Ok(expand_marked(paths)?.into_iter().map(|(p, _)| p).collect())
}

/// [`expand`], each file marked with whether it came from a directory (where files that are no
/// answer sheet may sit beside the sheets) rather than being named on the command line.
pub fn expand_marked(paths: &[PathBuf]) -> Result<Vec<(PathBuf, bool)>> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let entries = std::fs::read_dir(p).map_err(|source| Error::Read {
                path: p.clone(),
                source,
            })?;
            // The entry's own type costs no system call; only links are followed to their target.
            let is_file = |e: &std::fs::DirEntry| match e.file_type() {
                Ok(t) if t.is_symlink() => e.path().is_file(),
                Ok(t) => t.is_file(),
                Err(_) => false,
            };
            let mut files: Vec<PathBuf> = entries
                .filter_map(|e| {
                    let e = e.ok()?;
                    let path = e.path();
                    let yaml = path.extension().is_some_and(|x| x == "yaml" || x == "yml");
                    (yaml && is_file(&e)).then_some(path)
                })
                .collect();
            // All in one directory, so their whole paths sort as their names do; comparing the
            // bytes is much quicker than comparing paths component by component.
            files.sort_unstable_by(|a, b| a.as_os_str().cmp(b.as_os_str()));
            if files.is_empty() {
                return Err(Usage::EmptyDirectory(p.clone()).into());
            }
            out.extend(files.into_iter().map(|f| (f, true)));
        } else {
            out.push((p.clone(), false));
        }
    }
    Ok(out)
}

/// Loads a questionnaire, printing its warnings; errors fail. A base it extends by path is read
/// with the default size limit.
pub fn load_questionnaire(src: &Source) -> Result<Questionnaire> {
    Reader::default().load_questionnaire(src)
}

impl Reader {
    /// Loads a questionnaire, reading any file it extends with this reader; warnings printed,
    /// errors fail.
    pub fn load_questionnaire(&self, src: &Source) -> Result<Questionnaire> {
        let (q, diagnostics) = self.load_questionnaire_quietly(src);
        finish(q, diagnostics)
    }

    /// Loads a questionnaire, reading any file it extends with this reader.
    pub fn load_questionnaire_quietly(
        &self,
        src: &Source,
    ) -> (Option<Questionnaire>, Vec<Diagnostic>) {
        let read = |path: &Path| self.read(path).map(|i| i.source).map_err(|e| e.to_string());
        let bases = questionnaire::Bases {
            builtins: builtin::QUESTIONNAIRES,
            read: &read,
        };
        questionnaire::load_with(src, &bases)
    }
}

/// Prints warnings; returns the value, or every diagnostic as an error.
pub fn finish<T>(value: Option<T>, diagnostics: Vec<Diagnostic>) -> Result<T> {
    match value {
        Some(v) => {
            for d in &diagnostics {
                note!("{d}");
            }
            Ok(v)
        }
        None => Err(Error::Invalid(diagnostics)),
    }
}

/// Template files larger than this are refused (a template is a page, not a data file).
const MAX_TEMPLATE_BYTES: u64 = 1024 * 1024;

/// The templates of `--templates DIR`, each named by its path inside the directory.
pub fn template_dir(dir: &Path) -> Result<Vec<UserTemplate>> {
    list_dir(dir)?
        .into_iter()
        .map(|(name, path)| {
            Ok(UserTemplate {
                name,
                origin: path.display().to_string(),
                text: read_template(&path)?,
            })
        })
        .collect()
}

/// The template of `--template FILE`, named by its file name.
pub fn template_file(path: &Path) -> Result<UserTemplate> {
    Ok(UserTemplate {
        name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "template".into()),
        origin: path.display().to_string(),
        text: read_template(path)?,
    })
}

fn read_template(path: &Path) -> Result<String> {
    let err = |source| Error::Read {
        path: path.to_path_buf(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(err)?;
    // A device or a FIFO has no size to check and may never end (`/dev/zero`) or never begin.
    if !meta.is_file() {
        return Err(Error::TemplateNotAFile {
            path: path.to_path_buf(),
        });
    }
    let too_big = |size| Error::TemplateTooBig {
        path: path.to_path_buf(),
        size,
        limit: MAX_TEMPLATE_BYTES,
    };
    if meta.len() > MAX_TEMPLATE_BYTES {
        return Err(too_big(meta.len()));
    }
    // The size is checked again as it is read: a file may grow in between.
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_TEMPLATE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(err)?;
    if bytes.len() as u64 > MAX_TEMPLATE_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    String::from_utf8(bytes).map_err(|_| Error::TemplateNotUtf8 {
        path: path.to_path_buf(),
    })
}

/// The files of a template directory (and its subdirectories), named by their path inside it
/// with `/`; hidden files are skipped. Symbolic links are not followed out of the directory.
fn list_dir(dir: &Path) -> Result<Vec<(String, PathBuf)>> {
    let meta = std::fs::metadata(dir).map_err(|source| Error::Read {
        path: dir.to_path_buf(),
        source,
    })?;
    if !meta.is_dir() {
        return Err(Usage::TemplatesNotADirectory(dir.to_path_buf()).into());
    }
    let root = dir.canonicalize().map_err(|source| Error::Read {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut out = Vec::new();
    let mut stack = vec![(root.clone(), String::new())];
    // Each directory is listed once: a link back to a directory above is not a way round again.
    let mut seen = std::collections::HashSet::from([root.clone()]);
    while let Some((path, prefix)) = stack.pop() {
        let entries = std::fs::read_dir(&path).map_err(|source| Error::Read {
            path: path.clone(),
            source,
        })?;
        for entry in entries {
            let entry = entry.map_err(|source| Error::Read {
                path: path.clone(),
                source,
            })?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            let full = entry.path();
            let Ok(real) = full.canonicalize() else {
                continue;
            };
            if !real.starts_with(&root) {
                return Err(Error::LinkOutside {
                    path: full,
                    dir: dir.to_path_buf(),
                });
            }
            let rel = format!("{prefix}{name}");
            if real.is_dir() {
                if seen.insert(real.clone()) {
                    stack.push((real, format!("{rel}/")));
                }
            } else {
                out.push((rel, dir.join(format!("{prefix}{name}"))));
            }
        }
    }
    out.sort();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_and_print() {
        assert_eq!(parse_size("10MiB"), Ok(10 << 20));
        assert_eq!(parse_size("512k"), Ok(512 << 10));
        assert_eq!(parse_size("2 MB"), Ok(2_000_000));
        assert_eq!(parse_size("1048576"), Ok(1 << 20));
        assert!(
            parse_size("ten").is_err()
                && parse_size("5 parsecs").is_err()
                && parse_size("0").is_err()
        );
        use crate::error::human_size;
        assert_eq!(human_size(10 << 20), "10 MiB");
        assert_eq!(human_size(52_428_800), "50 MiB");
        assert_eq!(human_size(1536), "1.5 KiB");
        assert_eq!(human_size(900), "900 B");
    }
}
