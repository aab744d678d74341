//! The one error type of leapcheck, its exit codes, and located diagnostics.
//!
//! Every problem found in a user's file is a [`Diagnostic`] naming the file, the line and column
//! (or the YAML path where no line exists), what is wrong and how to fix it. Loaders collect all of
//! them before failing, so one run of `leapcheck validate` lists every problem.

use std::fmt;
use std::path::PathBuf;

/// How serious a diagnostic is. Warnings never change the exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// One problem in one file, located as precisely as the input allows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: String,
    /// 1-based line and column, when known.
    pub position: Option<(usize, usize)>,
    /// The YAML path (`dimensions[0].questions[2].show_if`), used when no line is known.
    pub path: String,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        match self.position {
            Some((line, col)) => write!(
                f,
                "{}:{line}:{col}: {severity}: {}",
                self.file, self.message
            ),
            None if self.path.is_empty() => {
                write!(f, "{}: {severity}: {}", self.file, self.message)
            }
            None => write!(
                f,
                "{}: {}: {severity}: {}",
                self.file, self.path, self.message
            ),
        }
    }
}

/// Everything that can go wrong in a run, each mapped to an exit code by [`Error::code`].
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Input files with errors; every diagnostic is printed.
    #[error("{}", render_diagnostics(.0))]
    Invalid(Vec<Diagnostic>),
    #[error("cannot read `{path}`: {source}; check the path and that the file is readable")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write `{path}`: {source}; check that the directory exists and is writable")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A command line that parses but asks for something impossible.
    #[error("{0}")]
    Usage(String),
    /// A runtime problem that is not about one input file.
    #[error("{0}")]
    Other(String),
    /// `--fail-below LEVEL` was not met; the report was still written.
    #[error("the assessed level `{actual}` is below the required level `{required}`")]
    BelowLevel { actual: String, required: String },
    /// The person stopped an interview with Ctrl-C; what they answered is saved.
    #[error("{0}")]
    Interrupted(String),
}

fn render_diagnostics(diagnostics: &[Diagnostic]) -> String {
    let mut out: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    if errors > 1 {
        out.push(format!("{errors} errors"));
    }
    out.join("\n")
}

impl Error {
    /// The process exit code: 1 invalid input or runtime error, 2 usage, 3 level not met.
    pub fn code(&self) -> i32 {
        match self {
            Error::Usage(_) => 2,
            Error::BelowLevel { .. } => 3,
            Error::Interrupted(_) => 130,
            _ => 1,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Suggests the closest of `candidates` to `wrong`, for "did you mean" hints.
pub fn did_you_mean<'a, I>(wrong: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(wrong, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

/// `; did you mean `x`?` or, failing that, a list of what is allowed.
pub fn hint<'a, I>(wrong: &str, candidates: I) -> String
where
    I: IntoIterator<Item = &'a str>,
{
    let all: Vec<&str> = candidates.into_iter().collect();
    if let Some(best) = did_you_mean(wrong, all.iter().copied()) {
        return format!("; did you mean `{best}`?");
    }
    if all.is_empty() {
        return String::new();
    }
    let shown: Vec<String> = all.iter().take(12).map(|c| format!("`{c}`")).collect();
    let more = if all.len() > 12 { ", …" } else { "" };
    format!("; expected one of {}{more}", shown.join(", "))
}
