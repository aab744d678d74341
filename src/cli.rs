//! The command line: clap definitions, turned once into validated settings at the edge.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::render::Format;

const EXAMPLES: &str = "\
Examples:
  leapcheck report examples/retailer-leapt-without-looking.yaml
  leapcheck report sheet.yaml -o report.html
  leapcheck plan sheet.yaml --target engaging -o plan.md
  leapcheck validate my-questionnaire.yaml sheet.yaml
  leapcheck init sheet my-answers.yaml
  leapcheck questionnaires";

/// Assess how ready an organization is to engage its customers through social media, and plan the
/// leap.
#[derive(Debug, Parser)]
#[command(name = "leapcheck", version, about, after_help = EXAMPLES, propagate_version = true)]
pub struct Cli {
    /// When to use colour: auto (a terminal, unless NO_COLOR is set), always or never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,
    /// Refuse input files larger than this (e.g. 10MiB, 512KiB).
    #[arg(long, value_name = "SIZE", default_value = "10MiB", value_parser = crate::input::parse_size, global = true)]
    pub max_input_size: u64,
    /// Refuse answer sheets that list more business units than this.
    #[arg(long, value_name = "N", default_value_t = crate::sheet::DEFAULT_MAX_UNITS, global = true)]
    pub max_units: usize,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Score an answer sheet and print the maturity report.
    #[command(after_help = "\
Examples:
  leapcheck report examples/bank-planned-not-aligned.yaml
  leapcheck report sheet.yaml -q my-questionnaire.yaml
  leapcheck report sheet.yaml -o report.json          (format from the extension)
  cat sheet.yaml | leapcheck report - -f json
  leapcheck report sheet.yaml -o report.html         (self-contained; print it to PDF)
  leapcheck report sheet.yaml -o report.pdf          (printed by Chromium, Chrome or Edge)
  leapcheck report sheet.yaml -o report.md --target engaging
  leapcheck report sheet.yaml --templates my-templates/ -o report.html
  leapcheck report sheet.yaml --fail-below listening  (exit 3 below that level)
  leapcheck report room/ -o room.xlsx                 (a workshop as a workbook)
  leapcheck report room/ --anonymous -o report.html   (respondents by role, never by name)
  leapcheck report room/ --strict                     (fail on duplicates, blanks, strangers)")]
    Report(ReportArgs),
    /// Score an answer sheet and print the leap plan: ordered, phased actions.
    #[command(after_help = "\
Examples:
  leapcheck plan examples/bank-planned-not-aligned.yaml
  leapcheck plan sheet.yaml --target engaging -o plan.md
  leapcheck plan sheet.yaml -o plan.html
  leapcheck plan sheet.yaml -o plan.pdf --browser /opt/google/chrome/chrome
  leapcheck plan sheet.yaml --template my-plan.html -o plan.html")]
    Plan(ReportArgs),
    /// Compare two runs: level, scores, gates, patterns and actions, before and after.
    #[command(after_help = "\
BEFORE and AFTER are each a sheet or a directory of sheets. When the questionnaire changed between
them (its content hash differs), the comparison says so and compares only what both share.

Examples:
  leapcheck compare answers/2026-q1/ answers/2026-q2/
  leapcheck compare before.yaml after.yaml -o progress.md
  leapcheck compare q1/ q2/ --before-questionnaire old-questionnaire.yaml -q questionnaire.yaml")]
    Compare(CompareArgs),
    /// Build a benchmark of peers from past assessments: only score distributions, no names.
    #[command(subcommand)]
    Benchmark(BenchmarkCommand),
    /// Answer a questionnaire in the terminal; every answer is saved at once.
    #[command(after_help = "\
Keys: arrows and Enter pick; Esc (or q in a list) goes back to the previous question; in a text or
number prompt type < to go back, ? for help, Enter to skip. Ctrl-C stops: the answers so far are
already saved, and --resume FILE continues where you stopped.

Examples:
  leapcheck interview                               (asks who you are, then every question)
  leapcheck interview --organization \"Acme\" --respondent \"Jane Doe\" --role executive
  leapcheck interview --workshop room/              (one sheet per person; then: report room/)
  leapcheck interview --resume acme-jane-doe.yaml")]
    Interview(InterviewArgs),
    /// Turn a survey tool's CSV export into answer sheets, one per row.
    #[command(after_help = "\
The mapping file names the columns (by header text) for each question, the respondent, role,
organization, date and units, and how answer labels map to option values. `leapcheck init mapping`
writes a starting mapping for a questionnaire. Every row is checked before anything is written.

Examples:
  leapcheck init mapping mapping.yaml
  leapcheck import responses.csv --mapping mapping.yaml -o room/
  leapcheck import responses.csv --mapping mapping.yaml -o room/ --update   (new responses only)
  leapcheck report room/")]
    Import(ImportArgs),
    /// Check questionnaires and answer sheets, listing every problem at once.
    #[command(after_help = "\
Files are told apart by their `format:` line. A sheet is checked against -q, else against a
questionnaire among FILES with the id@version it names, else against the built-in.

Examples:
  leapcheck validate questionnaires/social-media-readiness.yaml
  leapcheck validate answers/                      (every *.yaml in the directory)
  leapcheck validate my-questionnaire.yaml sheet.yaml")]
    Validate(ValidateArgs),
    /// Write a starting file: a blank answer sheet, a questionnaire, the templates or an import
    /// mapping to adapt.
    #[command(after_help = "\
Examples:
  leapcheck init sheet                 (a blank sheet on stdout)
  leapcheck init sheet answers.yaml
  leapcheck init sheet -q my-questionnaire.yaml answers.yaml
  leapcheck init sheet room/dana.yaml --organization \"Acme\" --respondent \"Dana Cho\" --role executive --units \"Sales,Marketing\"
  leapcheck init questionnaire my-questionnaire.yaml
  leapcheck init questionnaire --extends social_media_readiness my-variant.yaml
  leapcheck init templates my-templates/   (then: report --templates my-templates/)
  leapcheck init mapping mapping.yaml      (then: import responses.csv --mapping mapping.yaml)")]
    Init(InitArgs),
    /// List the built-in questionnaires, print one, or describe one as a document.
    #[command(after_help = "\
Examples:
  leapcheck questionnaires
  leapcheck questionnaires social_media_readiness > mine.yaml
  leapcheck questionnaires social_media_readiness -o model.html   (the model, for a pre-read)")]
    Questionnaires(QuestionnairesArgs),
    /// Print a shell completion script.
    #[command(after_help = "\
Examples:
  leapcheck completions bash > ~/.local/share/bash-completion/completions/leapcheck
  leapcheck completions zsh > ~/.zfunc/_leapcheck")]
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff).
    #[command(after_help = "\
Examples:
  leapcheck man > leapcheck.1 && man ./leapcheck.1")]
    Man,
}

#[derive(Debug, Args)]
pub struct QuestionnaireArg {
    /// The questionnaire: a file, or a built-in id. Default: the one the sheet names, else the
    /// built-in social_media_readiness.
    #[arg(short, long, value_name = "QUESTIONNAIRE")]
    pub questionnaire: Option<String>,
}

/// How a document is written: format, file and templates.
#[derive(Debug, Args)]
pub struct RenderArgs {
    /// Output format. Default: from the -o extension (.md, .html, .json, .xlsx, .txt), else
    /// table. xlsx (a workbook, report only) needs -o.
    #[arg(short, long, value_enum)]
    pub format: Option<Format>,
    /// Write to this file (atomically) instead of stdout; `-` is stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Render with this one Tera template instead of the built-in (it may include built-in
    /// partials); an `.html` name turns HTML escaping on.
    #[arg(long, value_name = "FILE", conflicts_with = "templates")]
    pub template: Option<PathBuf>,
    /// A directory of Tera templates that override the built-ins by file name
    /// (`leapcheck init templates DIR` copies the built-ins out to start from).
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// For PDF (-o FILE.pdf or -f pdf): the Chromium, Chrome or Edge program that prints it.
    /// Default: the first of chromium, chromium-browser, google-chrome, google-chrome-stable,
    /// microsoft-edge, msedge on PATH.
    #[arg(long, value_name = "PATH")]
    pub browser: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// The earlier answers: a sheet or a directory of sheets (a workshop).
    #[arg(value_name = "BEFORE")]
    pub before: PathBuf,
    /// The later answers: a sheet or a directory of sheets.
    #[arg(value_name = "AFTER")]
    pub after: PathBuf,
    #[command(flatten)]
    pub questionnaire: QuestionnaireArg,
    /// The questionnaire of BEFORE when it differs from the one for AFTER (a file or built-in id).
    #[arg(long, value_name = "QUESTIONNAIRE")]
    pub before_questionnaire: Option<String>,
    #[command(flatten)]
    pub render: RenderArgs,
    #[command(flatten)]
    pub room: RoomArgs,
    #[command(flatten)]
    pub benchmark: BenchmarkArg,
}

/// `--benchmark`: peers to compare with.
#[derive(Debug, Args)]
pub struct BenchmarkArg {
    /// Show each score's percentile among these peers, with their median and quartiles (a file
    /// written by `leapcheck benchmark build`).
    #[arg(long, value_name = "PEERS.json")]
    pub benchmark: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum BenchmarkCommand {
    /// Build a peers file from past assessments: each source counts as one organization.
    #[command(after_help = "\
A SOURCE is a sheet file or a directory of sheets (a room). Each counts as one organization, with
its room's mean scores; sources naming the same organization (without case and extra spaces) are
one organization, their sheets one room. The file keeps the questionnaire's id, version and content
hash, the segment, the number of organizations, the years of the sheets' dates and the sorted
overall and dimension scores: no names, no answers. At least 5 organizations are needed.

Examples:
  leapcheck benchmark build clients/*/ -o peers.json --segment \"retail banking\"
  leapcheck report sheet.yaml --benchmark peers.json -o report.html")]
    Build(BenchmarkBuildArgs),
}

#[derive(Debug, Args)]
pub struct BenchmarkBuildArgs {
    /// Past assessments: sheet files, or directories of sheets (one room each).
    #[arg(value_name = "SOURCE", required = true)]
    pub sources: Vec<PathBuf>,
    #[command(flatten)]
    pub questionnaire: QuestionnaireArg,
    /// Write the peers file here (atomically; never over an input).
    #[arg(short, long, value_name = "PEERS.json")]
    pub output: PathBuf,
    /// What the peers have in common, e.g. "retail banking"; shown in reports.
    #[arg(long, value_name = "NAME")]
    pub segment: Option<String>,
    /// A note kept in the file and shown in reports, e.g. that some peers are synthetic. Name no
    /// one in it.
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// Fail (exit 1) instead of warning when a room holds a duplicate or blank sheet, a sheet of
    /// another organization, a unit spelled two ways or a file that is no sheet.
    #[arg(long)]
    pub strict: bool,
}

/// Who counts in a room of several sheets, and whether respondents are named.
#[derive(Debug, Args)]
pub struct RoomArgs {
    /// Fail (exit 1) instead of warning when a room holds a duplicate or blank sheet, a sheet of
    /// another organization, a unit spelled two ways or a file that is no sheet.
    #[arg(long)]
    pub strict: bool,
    /// Name no respondent in the output: each appears by role and a number ("Service agent 2"),
    /// or by role group where a role has fewer than 3 respondents.
    #[arg(long)]
    pub anonymous: bool,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Answer sheet: a file, a directory of *.yaml/*.yml files, or `-` for stdin.
    #[arg(value_name = "SHEET", required = true)]
    pub sheets: Vec<PathBuf>,
    #[command(flatten)]
    pub questionnaire: QuestionnaireArg,
    #[command(flatten)]
    pub render: RenderArgs,
    /// Plan towards this level (a level id): list the gates and shortfalls in the way and mark
    /// the actions that address them. Default: the next level up.
    #[arg(long, value_name = "LEVEL")]
    pub target: Option<String>,
    /// Exit with code 3 when the assessed level is below LEVEL (a level id).
    #[arg(long, value_name = "LEVEL")]
    pub fail_below: Option<String>,
    #[command(flatten)]
    pub room: RoomArgs,
    #[command(flatten)]
    pub benchmark: BenchmarkArg,
}

#[derive(Debug, Args)]
pub struct InterviewArgs {
    #[command(flatten)]
    pub questionnaire: QuestionnaireArg,
    /// The sheet to write (after every answer, atomically). Default: named after the
    /// organization and respondent, in the current directory or the --workshop directory.
    #[arg(short, long, value_name = "FILE", conflicts_with = "workshop")]
    pub output: Option<PathBuf>,
    /// Continue this sheet at its first unanswered question (and save back to it).
    #[arg(long, value_name = "FILE")]
    pub resume: Option<PathBuf>,
    /// Write the sheet into this directory (created if needed), one file per respondent, so that
    /// `leapcheck report DIR` covers the whole room.
    #[arg(long, value_name = "DIR")]
    pub workshop: Option<PathBuf>,
    #[command(flatten)]
    pub who: WhoArgs,
}

/// Who a sheet is from: given on the command line instead of asked (interview) or left blank
/// (init sheet).
#[derive(Debug, Args)]
pub struct WhoArgs {
    /// The organization the sheet is for.
    #[arg(long, value_name = "NAME")]
    pub organization: Option<String>,
    /// The respondent's name.
    #[arg(long, value_name = "NAME")]
    pub respondent: Option<String>,
    /// The respondent's role (a role id of the questionnaire).
    #[arg(long, value_name = "ROLE")]
    pub role: Option<String>,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The CSV export (UTF-8, with a header row).
    #[arg(value_name = "FILE.csv")]
    pub csv: PathBuf,
    /// The mapping from CSV columns to questions (see `leapcheck init mapping`).
    #[arg(long, value_name = "MAP.yaml")]
    pub mapping: PathBuf,
    /// The directory to write the sheets into (created if needed). Default: the current one.
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Add the responses not imported before: write the sheets whose files do not exist yet in
    /// DIR, and leave the existing ones as they are.
    #[arg(long)]
    pub update: bool,
    #[command(flatten)]
    pub questionnaire: QuestionnaireArg,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Questionnaires and answer sheets (files or directories).
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub questionnaire: QuestionnaireArg,
    /// Treat warnings as errors (exit 1): a sheet missing its organization, respondent, date or
    /// answers, an answer hidden by `show_if`.
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, Args)]
pub struct QuestionnairesArgs {
    /// A built-in questionnaire's id, or a questionnaire file (with -f or -o).
    pub id: Option<String>,
    /// Describe the questionnaire as a document (the ladder, the dimensions and their
    /// questions, the gates and traps, how scores are made) in this format, instead of printing
    /// its YAML.
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<Format>,
    /// Write the document here (its extension picks the format).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// What to write.
    #[arg(value_enum)]
    pub what: InitKind,
    /// Where to write it; default stdout (`templates` needs a directory). An existing file is
    /// never replaced.
    pub path: Option<PathBuf>,
    #[command(flatten)]
    pub questionnaire: QuestionnaireArg,
    /// `init sheet`: who the sheet is for.
    #[command(flatten)]
    pub who: WhoArgs,
    /// `init sheet`: the business units the respondent answers for, separated by commas.
    #[arg(long, value_name = "UNIT,UNIT")]
    pub units: Option<String>,
    /// `init questionnaire`: a one-page variant of this questionnaire (a built-in id or a file)
    /// instead of a copy.
    #[arg(long, value_name = "ID|FILE", conflicts_with = "questionnaire")]
    pub extends: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum InitKind {
    /// A blank, commented answer sheet for the questionnaire.
    Sheet,
    /// A copy of the questionnaire to adapt.
    Questionnaire,
    /// The built-in report and plan templates, into a directory, to adapt.
    Templates,
    /// A starting mapping for `leapcheck import`, from the questionnaire.
    Mapping,
}

impl ColorChoice {
    /// Resolves `auto` against NO_COLOR and whether stdout is a terminal.
    pub fn enabled(self, stdout_is_terminal: bool) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                stdout_is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        }
    }
}
