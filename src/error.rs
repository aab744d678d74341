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

impl Diagnostic {
    /// A problem in `file` at `position`, or at no place more precise when that is `None`.
    pub fn new(
        severity: Severity,
        file: impl Into<String>,
        position: Option<(usize, usize)>,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            severity,
            file: file.into(),
            position,
            path: String::new(),
            message: message.into(),
        }
    }

    /// An error in `file` at `position`.
    pub fn error(
        file: impl Into<String>,
        position: Option<(usize, usize)>,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::new(Severity::Error, file, position, message)
    }

    /// A file whose bytes are not UTF-8, placed at the line and column of the first bad byte;
    /// `fix` says how to save it as UTF-8.
    pub fn not_utf8(
        file: impl Into<String>,
        bytes: &[u8],
        valid_up_to: usize,
        fix: &str,
    ) -> Diagnostic {
        let valid = &bytes[..valid_up_to];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let col = String::from_utf8_lossy(&valid[start..]).chars().count() + 1;
        Diagnostic::error(
            file,
            Some((line, col)),
            format!("the file is not UTF-8 text; {fix}"),
        )
    }
}

/// Everything that can go wrong in a run, each mapped to an exit code by [`Error::code`]. Each
/// says what is wrong and what to do about it.
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
    /// A command line that parses but asks for something impossible (exit 2).
    #[error("{0}")]
    Usage(#[from] Usage),
    /// An input too large to be what it claims to be.
    #[error(
        "{name}: {}; questionnaires and answer sheets are far smaller, so check it is the right file (or raise the limit with --max-input-size)",
        too_big(*.size, *.limit)
    )]
    TooBig {
        name: String,
        size: Option<u64>,
        limit: u64,
    },
    #[error(
        "{path}: template is {size} bytes, over the {limit} byte limit; a template is a page, not data"
    )]
    TemplateTooBig {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    #[error(
        "{path}: a template must be a file, and this is a device, a FIFO or a socket; give the path of a template file"
    )]
    TemplateNotAFile { path: PathBuf },
    #[error("{template}: the document it renders is over {} MiB, so rendering was stopped; look for a loop that runs away (a `range` inside a `range`, a component that calls itself)", .limit / (1024 * 1024))]
    RenderTooBig { template: String, limit: usize },
    #[error("{path}: template is not UTF-8 text; save it as UTF-8")]
    TemplateNotUtf8 { path: PathBuf },
    #[error("{path}: links outside the template directory `{dir}`; copy the file in instead")]
    LinkOutside { path: PathBuf, dir: PathBuf },
    #[error(
        "the sheets name different questionnaires or versions; a workshop is scored against one. Report them separately, or move the odd ones out:\n{}",
        sheets_and_questionnaires(.0)
    )]
    MixedQuestionnaires(Vec<(String, String)>),
    /// PDF output without a browser to print it.
    #[error("{}", no_browser(.given.as_deref(), .looked_for))]
    NoBrowser {
        given: Option<PathBuf>,
        /// The programs looked for on `PATH`.
        looked_for: &'static [&'static str],
    },
    /// The browser ran but wrote no PDF.
    #[error(
        "cannot print the PDF with `{}`: {why}; write HTML instead (-o FILE.html) and print it from a browser (Print → Save as PDF)",
        .browser.display()
    )]
    Pdf { browser: PathBuf, why: String },
    #[error("cannot build the workbook: {0}")]
    Xlsx(String),
    #[error("cannot write JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("cannot render the man page: {0}")]
    ManPage(std::io::Error),
    #[error("{}; nothing was written. To add only the responses not imported before, run the import again with --update (existing sheets are left as they are); or import into another directory with -o DIR, or move {} away first",
        sheets_exist(.0), if .0.len() == 1 { "it" } else { "them" })]
    SheetsExist(Vec<String>),
    /// Every sheet of a room was set aside.
    #[error(
        "no sheet of the room counts: each was set aside (see the warnings above); answer at least one sheet"
    )]
    NobodyCounts,
    /// `benchmark build` with too few organizations to hide any one of them.
    #[error(
        "the sources are {count} organization{}; a benchmark needs at least {min}, so that no peer can be singled out: add sources (sheets naming the same organization count once)",
        if *.count == 1 { "" } else { "s" }
    )]
    TooFewPeers { count: usize, min: usize },
    /// `--benchmark` with peers of another questionnaire.
    #[error(
        "{file}: the peers answered the questionnaire {peers}, and these sheets {ours}: a benchmark compares answers to one questionnaire; build one from sheets of {ours}, or report against {peers} with -q"
    )]
    PeersOfAnotherQuestionnaire {
        file: String,
        peers: String,
        ours: String,
    },
    /// `--fail-below LEVEL` was not met; the report was still written.
    #[error("the assessed level `{actual}` is below the required level `{required}`")]
    BelowLevel { actual: String, required: String },
    /// The person stopped an interview with Ctrl-C; what they answered is saved.
    #[error("\nStopped: {saved}")]
    Interrupted { saved: String },
    /// `interview` without a terminal to ask on.
    #[error(
        "leapcheck interview needs a terminal to ask its questions, and this is not one. To answer without a terminal, write a sheet: `leapcheck init sheet answers.yaml`, fill it in, check it with `leapcheck validate answers.yaml`, then run `leapcheck report answers.yaml`"
    )]
    NoTerminal,
    /// The interview's terminal failed.
    #[error("the interview stopped ({reason}): {saved}")]
    InterviewFailed { reason: String, saved: String },
}

/// A command line that parses but asks for something impossible.
#[derive(Debug, thiserror::Error)]
pub enum Usage {
    #[error("the output `{0}` is also an input; choose another output file")]
    OutputIsInput(PathBuf),
    #[error(
        "a PDF is binary and cannot go to the terminal: add -o FILE.pdf (or redirect with -o - > FILE.pdf)"
    )]
    PdfToStdout,
    #[error("cannot tell the format from `.{0}`; add -f table, markdown, html or json")]
    UnknownExtension(String),
    #[error("--template renders a template; -f {0} does not use one: drop one of them")]
    TemplateWithFormat(&'static str),
    #[error("--templates applies to markdown and html; the {0} format has no templates")]
    TemplatesWithFormat(&'static str),
    #[error(
        "--templates takes a directory; `{0}` is a file (use --template FILE for one template)"
    )]
    TemplatesNotADirectory(PathBuf),
    #[error("init templates needs a directory: leapcheck init templates my-templates/")]
    TemplatesNeedADirectory,
    #[error("{flag}: `{id}` is not a level of {questionnaire}{hint}")]
    UnknownLevel {
        flag: &'static str,
        id: String,
        questionnaire: String,
        hint: String,
    },
    #[error("--role: `{role}` is not a role of {questionnaire}{hint}")]
    UnknownRole {
        role: String,
        questionnaire: String,
        hint: String,
    },
    #[error("`{0}` already exists; choose another path or remove it first")]
    Exists(PathBuf),
    #[error("{flag}: {problem}")]
    BadName { flag: &'static str, problem: String },
    #[error("{0} fill in a sheet, so they go with `init sheet` only; drop them")]
    NotASheet(String),
    #[error("{} already exist(s); choose another directory or remove them first", .0.join(", "))]
    AllExist(Vec<String>),
    #[error("`{id}` is not a built-in questionnaire; built-ins: {}", .builtins.join(", "))]
    NotBuiltIn { id: String, builtins: Vec<String> },
    #[error("`{name}` is neither a file nor a built-in questionnaire (built-ins: {}); check the path", .builtins.join(", "))]
    NoQuestionnaire { name: String, builtins: Vec<String> },
    #[error("none of the files is an answer sheet: {}; give the sheets (`format: leapcheck/answers@1`)", .0.join(", "))]
    NoSheets(Vec<String>),
    #[error(
        "a workbook is binary and cannot go to the terminal: add -o FILE.xlsx (or redirect with -o - > FILE.xlsx)"
    )]
    XlsxToStdout,
    #[error(
        "-f xlsx writes the report as a workbook; {0} has no workbook: use report, or another format"
    )]
    XlsxNotFor(&'static str),
    #[error(
        "the model is a document: give a questionnaire's id, e.g. `leapcheck questionnaires social_media_readiness -o model.html`"
    )]
    ModelWithoutId,
    #[error("the directory `{0}` holds no *.yaml or *.yml files")]
    EmptyDirectory(PathBuf),
    #[error("`{0}` is a file, not a directory; give -o a directory to write the sheets into")]
    NotADirectory(PathBuf),
}

fn no_browser(given: Option<&std::path::Path>, looked_for: &[&str]) -> String {
    let what = match given {
        Some(path) => format!("--browser: `{}` is not a file", path.display()),
        None => format!(
            "no browser to print the PDF with: none of {} is on PATH",
            looked_for.join(", ")
        ),
    };
    format!(
        "{what}. A PDF is printed by Chromium, Google Chrome or Microsoft Edge: install Chromium (apt-get install chromium, brew install --cask chromium) or Chrome, or give the browser's program with --browser PATH; or write HTML (-o report.html) and print it from any browser (Print → Save as PDF)"
    )
}

fn too_big(size: Option<u64>, limit: u64) -> String {
    let limit = human_size(limit);
    match size {
        Some(s) => format!(
            "the file is {}, over the input limit of {limit}",
            human_size(s)
        ),
        None => format!("the input is over the limit of {limit}"),
    }
}

fn sheets_exist(files: &[String]) -> String {
    match files {
        [one] => format!("a sheet's file already exists: {one}"),
        _ => format!(
            "{} sheets' files already exist: {}",
            files.len(),
            files.join(", ")
        ),
    }
}

fn sheets_and_questionnaires(list: &[(String, String)]) -> String {
    list.iter()
        .map(|(file, named)| {
            let named = if named.is_empty() {
                "no questionnaire"
            } else {
                named
            };
            format!("  {file}: {named}")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Bytes as a person reads them: `10 MiB`, `512 KiB`, `900 B`.
pub fn human_size(bytes: u64) -> String {
    const KIB: f64 = 1024.0;
    let b = bytes as f64;
    let (value, unit) = if b >= KIB * KIB {
        (b / (KIB * KIB), "MiB")
    } else if b >= KIB {
        (b / KIB, "KiB")
    } else {
        return format!("{bytes} B");
    };
    let text = format!("{value:.1}");
    format!("{} {unit}", text.strip_suffix(".0").unwrap_or(&text))
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
            Error::Interrupted { .. } => 130,
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

/// Lists this short are searched for a "did you mean" whenever asked; longer ones only while a
/// file's budget of searches lasts (`source::Report::hint`).
pub const SHORT_LIST: usize = 50;

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

/// Whether `c` is a control character that must not reach a terminal or a document raw: any but
/// the line break and the tab.
pub fn is_control(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

/// `s` with its control characters written out (`\u{1b}`), so that text from a file cannot move
/// the cursor, retitle the window or clear the screen of whoever reads a message.
pub fn visible(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(is_control) {
        return s.into();
    }
    s.chars()
        .map(|c| {
            if is_control(c) {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect::<String>()
        .into()
}
