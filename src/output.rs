//! Writing results: stdout, or a file replaced atomically (temp file in the same directory, then
//! rename), never one of the inputs.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result, Usage};

/// Where a command's output goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Output {
    Stdout,
    File(PathBuf),
}

impl Output {
    /// `None` or `-` is stdout.
    pub fn from_arg(arg: Option<&Path>) -> Output {
        match arg {
            None => Output::Stdout,
            Some(p) if p.as_os_str() == "-" => Output::Stdout,
            Some(p) => Output::File(p.to_path_buf()),
        }
    }

    /// Refuses to write over any of `inputs`.
    pub fn check_not_input(&self, inputs: &[PathBuf]) -> Result<()> {
        let Output::File(out) = self else {
            return Ok(());
        };
        let Ok(out_abs) = out.canonicalize() else {
            return Ok(());
        };
        // Only a file of the output's size and age can be the output; the rest are passed over
        // without resolving their paths (a workshop directory can hold thousands), on every core.
        let stamp = |m: std::fs::Metadata| (m.len(), m.modified().ok());
        let Ok(out_stamp) = out.metadata().map(stamp) else {
            return Ok(());
        };
        let same = crate::parallel::map(inputs, |input| {
            let maybe = input.metadata().map(stamp).is_ok_and(|s| s == out_stamp);
            maybe && input.canonicalize().is_ok_and(|i| i == out_abs)
        });
        if same.contains(&true) {
            return Err(Usage::OutputIsInput(out.clone()).into());
        }
        Ok(())
    }

    pub fn write(&self, contents: &[u8]) -> Result<()> {
        match self {
            Output::Stdout => {
                let mut stdout = std::io::stdout().lock();
                match stdout.write_all(contents).and_then(|_| stdout.flush()) {
                    Ok(()) => Ok(()),
                    // A closed pipe (`| head`) is not an error of ours.
                    Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                    Err(source) => Err(Error::Write {
                        path: "<stdout>".into(),
                        source,
                    }),
                }
            }
            // A report can be made again from its sheets: replaced atomically, but not waited
            // on to reach the disk (which costs a small run a good part of its time).
            Output::File(path) => replace(path, contents, false),
        }
    }
}

/// Writes `contents` to `path` through a temporary file in the same directory and a rename, so a
/// reader never sees a half-written file and a failure leaves the old file intact; the new file
/// is on disk before it replaces the old one (answer sheets are typed by hand).
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    replace(path, contents, true)
}

fn replace(path: &Path, contents: &[u8], sync: bool) -> Result<()> {
    let tmp = staged(path, contents, sync)?;
    tmp.persist(path).map_err(|e| Error::Write {
        path: path.to_path_buf(),
        source: e.error,
    })?;
    Ok(())
}

/// Writes `contents` to a temporary file beside `path`, synced to disk, ready to be renamed
/// into place (dropping it removes it).
pub fn stage(path: &Path, contents: &[u8]) -> Result<tempfile::NamedTempFile> {
    staged(path, contents, true)
}

fn staged(path: &Path, contents: &[u8], sync: bool) -> Result<tempfile::NamedTempFile> {
    let err = |source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".leapcheck-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(err)?;
    tmp.write_all(contents).map_err(err)?;
    if sync {
        tmp.as_file().sync_all().map_err(err)?;
    }
    Ok(tmp)
}
