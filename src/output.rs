//! Writing results: stdout, or a file replaced atomically (temp file in the same directory, then
//! rename), never one of the inputs.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result, Usage};

/// Writes a line to stderr as `eprintln!` does, except that a closed stderr (`2>&1 | head`) is
/// no reason to stop: the line is dropped and the work goes on.
macro_rules! note {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}
pub(crate) use note;

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

    /// Refuses to write over any of `inputs` (`-` stands for what stdin reads from), however
    /// either path is spelled: relative, absolute, through a link or a hard link. Files are the
    /// same when they are the same file on the same device.
    pub fn check_not_input(&self, inputs: &[PathBuf]) -> Result<()> {
        let Output::File(out) = self else {
            return Ok(());
        };
        let Some(out_id) = file_id(out) else {
            return Ok(());
        };
        // Thousands of sheets in a room: their files are looked at on every core.
        let same = crate::parallel::map(inputs, |input| {
            let input = if input.as_os_str() == "-" {
                Path::new("/dev/stdin")
            } else {
                input
            };
            file_id(input) == Some(out_id)
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

/// Writes `contents` to `path` only if nothing is there yet: not a file, a directory, nor a link
/// (even one to nothing). The check and the creation are one step, so a file that appears in
/// between is never lost.
pub fn create_new(path: &Path, contents: &[u8]) -> Result<()> {
    let tmp = staged(path, contents, true, None)?;
    tmp.persist_noclobber(path)
        .map_err(|e| match e.error.kind() {
            std::io::ErrorKind::AlreadyExists => Usage::Exists(path.to_path_buf()).into(),
            _ => Error::Write {
                path: path.to_path_buf(),
                source: e.error,
            },
        })?;
    Ok(())
}

/// The device and inode of the regular file at `path` (through links), which name it however its
/// path is spelled; `None` for anything else (a terminal both read and written is not a file to
/// protect).
#[cfg(unix)]
fn file_id(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::metadata(path).ok().filter(|m| m.is_file())?;
    Some((m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn file_id(path: &Path) -> Option<PathBuf> {
    path.canonicalize().ok()
}

/// Whether anything is at `path`: a file, a directory, or a link (even one to nothing).
pub fn occupied(path: &Path) -> bool {
    path.symlink_metadata().is_ok()
}

/// Where a write to `path` lands: through any symbolic links to the file they name, so that the
/// links stay and the file they point to is what changes.
fn destination(path: &Path) -> PathBuf {
    let mut p = path.to_path_buf();
    // As many links as the system itself follows before giving up.
    for _ in 0..40 {
        match std::fs::read_link(&p) {
            Ok(target) => p = p.parent().map_or(target.clone(), |dir| dir.join(&target)),
            Err(_) => break,
        }
    }
    p
}

/// Replaces the file at `path` (through links) with `contents`; a device, a FIFO or anything
/// else that is not a regular file is written into instead, and never replaced.
fn replace(path: &Path, contents: &[u8], sync: bool) -> Result<()> {
    let err = |source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    let system = path.starts_with("/dev") || path.starts_with("/proc");
    let dest = destination(path);
    let mode = match std::fs::metadata(&dest) {
        Ok(m) if m.is_dir() => {
            return Err(err(std::io::Error::from(std::io::ErrorKind::IsADirectory)));
        }
        Ok(m) if !m.is_file() || system => return write_into(&dest, contents).map_err(err),
        // A replaced file keeps its permissions.
        Ok(m) => Some(m.permissions()),
        Err(_) if system => return write_into(&dest, contents).map_err(err),
        Err(_) => None,
    };
    let tmp = staged(&dest, contents, sync, mode)?;
    tmp.persist(&dest).map_err(|e| err(e.error))?;
    Ok(())
}

/// Writes into what is already at `path` (a device, a FIFO, a terminal), as a shell's `>` does.
fn write_into(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let mut file = std::fs::OpenOptions::new().write(true).open(path)?;
    file.write_all(contents)?;
    file.flush()
}

/// Writes `contents` to a temporary file beside `path`, synced to disk, ready to be renamed
/// into place (dropping it removes it).
pub fn stage(path: &Path, contents: &[u8]) -> Result<tempfile::NamedTempFile> {
    staged(path, contents, true, None)
}

/// A temporary file beside `path` holding `contents`: with `mode`, or else with the permissions a
/// new file gets (read and write for all, less the umask).
fn staged(
    path: &Path,
    contents: &[u8],
    sync: bool,
    mode: Option<std::fs::Permissions>,
) -> Result<tempfile::NamedTempFile> {
    // The error names the file asked for; the temporary file's own name means nothing to anyone.
    let err = |source: std::io::Error| Error::Write {
        path: path.to_path_buf(),
        source: without_temporary_name(source),
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".leapcheck-").suffix(".tmp");
    // Created with 0666, which the system narrows by the umask, as for any new file (the
    // temporary file's own default, 0600, would lock colleagues out of a shared report).
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut tmp = builder.tempfile_in(dir).map_err(err)?;
    if let Some(mode) = mode {
        tmp.as_file().set_permissions(mode).map_err(err)?;
    }
    tmp.write_all(contents).map_err(err)?;
    if sync {
        tmp.as_file().sync_all().map_err(err)?;
    }
    Ok(tmp)
}

/// The system's error without the temporary file's name that `tempfile` adds to it (` at path
/// "…/.leapcheck-….tmp"`), which means nothing to the person who asked for another file.
fn without_temporary_name(e: std::io::Error) -> std::io::Error {
    let text = e.to_string();
    match text.split_once(" at path \"") {
        Some((reason, _)) if e.get_ref().is_some() => std::io::Error::new(e.kind(), reason),
        _ => e,
    }
}
