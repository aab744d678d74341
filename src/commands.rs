//! What each subcommand does, given parsed arguments. The only module (with `output` and
//! `input`) that touches files and the terminal.

use std::io::IsTerminal;

use clap::CommandFactory;

use crate::cli::{Cli, Command, InitArgs, InitKind, ReportArgs, ValidateArgs};
use crate::error::{Diagnostic, Error, Result, Severity};
use crate::input::{self, Input};
use crate::output::Output;
use crate::questionnaire::{self, Questionnaire};
use crate::render::{self, Format, Style};
use crate::{builtin, init, score, sheet, view};

pub fn execute(cli: Cli) -> Result<()> {
    let color = cli.color.enabled(std::io::stdout().is_terminal());
    match cli.command {
        Command::Report(args) => report(&args, Style { color }),
        Command::Validate(args) => validate(&args),
        Command::Init(args) => init(&args),
        Command::Questionnaires { id } => questionnaires(id.as_deref()),
        Command::Completions { shell } => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "leapcheck", &mut out);
            Output::Stdout.write(&out)
        }
        Command::Man => {
            let mut out = Vec::new();
            clap_mangen::Man::new(Cli::command())
                .render(&mut out)
                .map_err(|e| Error::Other(format!("cannot render the man page: {e}")))?;
            Output::Stdout.write(&out)
        }
    }
}

fn report(args: &ReportArgs, style: Style) -> Result<()> {
    let paths = input::expand(&args.sheets)?;
    if paths.len() > 1 {
        return Err(Error::Usage(format!(
            "{} sheets given; this version reports one respondent at a time: pass a single sheet",
            paths.len()
        )));
    }
    let output = Output::from_arg(args.output.as_deref());
    output.check_not_input(&paths)?;
    let format = match (args.format, &output) {
        (Some(f), _) => f,
        (None, Output::File(p)) => match p.extension().and_then(|e| e.to_str()) {
            Some(ext) => Format::from_extension(ext).ok_or_else(|| {
                Error::Usage(format!(
                    "cannot tell the format from `.{ext}`; add -f table or -f json"
                ))
            })?,
            None => Format::Table,
        },
        (None, Output::Stdout) => Format::Table,
    };
    let sheet_input = input::read(&paths[0])?;
    let q = input::questionnaire_for(
        args.questionnaire.questionnaire.as_deref(),
        &sheet_input.source.text,
    )?;
    let required = match &args.fail_below {
        Some(id) => Some(q.level_index(id).ok_or_else(|| {
            let ids: Vec<&str> = q.levels.iter().map(|l| l.id.as_str()).collect();
            Error::Usage(format!(
                "--fail-below: `{id}` is not a level of {}; levels: {}",
                q.reference(),
                ids.join(", ")
            ))
        })?),
        None => None,
    };
    let (s, diagnostics) = sheet::load(&sheet_input.source, &q);
    let s = input::finish(s, diagnostics)?;
    let assessment = score::assess(&q, &s);
    let v = view::report(&q, &s, &assessment);
    let text = render::renderer(
        format,
        if output == Output::Stdout {
            style
        } else {
            Style::default()
        },
    )
    .render(&v)?;
    output.write(text.as_bytes())?;
    if let Some(req) = required
        && assessment.level < req
    {
        return Err(Error::BelowLevel {
            actual: q.levels[assessment.level].id.clone(),
            required: q.levels[req].id.clone(),
        });
    }
    Ok(())
}

enum Kind {
    Questionnaire,
    Sheet,
}

fn kind_of(input: &Input) -> std::result::Result<Kind, String> {
    let value: serde_yaml::Value = match serde_yaml::from_str(&input.source.text) {
        Ok(v) => v,
        // Let the loader report the syntax error with its position.
        Err(_) => return Ok(Kind::Questionnaire),
    };
    match value.get("format").and_then(|f| f.as_str()) {
        Some(f) if f.starts_with("leapcheck/questionnaire") => Ok(Kind::Questionnaire),
        Some(f) if f.starts_with("leapcheck/answers") => Ok(Kind::Sheet),
        Some(f) => Err(format!(
            "unknown format `{f}`; write `format: {}` or `format: {}`",
            questionnaire::FORMAT,
            sheet::FORMAT
        )),
        None => Err(format!(
            "no `format:` line, so this is neither a questionnaire nor an answer sheet; add `format: {}` or `format: {}`",
            questionnaire::FORMAT,
            sheet::FORMAT
        )),
    }
}

fn validate(args: &ValidateArgs) -> Result<()> {
    let paths = input::expand(&args.files)?;
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    let mut inputs = Vec::new();
    for p in &paths {
        match input::read(p) {
            Ok(i) => inputs.push(i),
            Err(Error::Invalid(d)) => diagnostics.extend(d),
            Err(e) => diagnostics.push(file_error(&p.display().to_string(), e.to_string())),
        }
    }
    let forced = match &args.questionnaire.questionnaire {
        Some(name) => Some(input::load_questionnaire(&input::questionnaire_source(
            name,
        )?)?),
        None => None,
    };
    let mut questionnaires: Vec<Questionnaire> = Vec::new();
    // `id@version` of questionnaires among FILES that failed to load.
    let mut broken: Vec<String> = Vec::new();
    let mut sheets = Vec::new();
    let mut ok = Vec::new();
    for i in &inputs {
        match kind_of(i) {
            Err(message) => {
                diagnostics.push(
                    i.source
                        .diagnostic(Severity::Error, "format", false, message),
                )
            }
            Ok(Kind::Sheet) => sheets.push(i),
            Ok(Kind::Questionnaire) => {
                let (q, d) = questionnaire::load(&i.source);
                diagnostics.extend(d);
                if q.is_none() {
                    broken.extend(declared_reference(&i.source.text));
                }
                if let Some(q) = q {
                    ok.push(format!(
                        "{}: ok, questionnaire {} ({} questions)",
                        i.source.name,
                        q.reference(),
                        q.questions.len()
                    ));
                    questionnaires.push(q);
                }
            }
        }
    }
    for i in sheets {
        let named = sheet::questionnaire_reference(&i.source.text).unwrap_or_default();
        let builtin_q;
        let q = if let Some(q) = &forced {
            q
        } else if let Some(q) = questionnaires.iter().find(|q| q.reference() == named) {
            q
        } else if named.is_empty() || builtin::find(&named).is_some() {
            // The sheet loader reports a missing `questionnaire:` or a version mismatch.
            let b = builtin::find(&named).unwrap_or(builtin::DEFAULT);
            let src = crate::source::Source::new(format!("built-in {}", b.file), b.text);
            match questionnaire::load(&src) {
                (Some(q), _) => {
                    builtin_q = q;
                    &builtin_q
                }
                (None, d) => {
                    diagnostics.extend(d);
                    continue;
                }
            }
        } else {
            let message = if broken.contains(&named) {
                format!(
                    "the questionnaire `{named}` among FILES has errors (listed above); fix them, then validate again"
                )
            } else {
                format!(
                    "no questionnaire `{named}` found, neither among FILES nor built in; list its file among FILES or pass it with -q"
                )
            };
            diagnostics.push(
                i.source
                    .diagnostic(Severity::Error, "questionnaire", false, message),
            );
            continue;
        };
        let (s, d) = sheet::load(&i.source, q);
        diagnostics.extend(d);
        if s.is_some() {
            ok.push(format!(
                "{}: ok, answer sheet for {}",
                i.source.name,
                q.reference()
            ));
        }
    }
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    if errors > 0 {
        return Err(Error::Invalid(diagnostics));
    }
    for d in &diagnostics {
        eprintln!("{d}");
    }
    let mut text = ok.join("\n");
    text.push('\n');
    Output::Stdout.write(text.as_bytes())
}

/// The `id@version` a questionnaire file declares, read without validating it.
fn declared_reference(text: &str) -> Option<String> {
    let v: serde_yaml::Value = serde_yaml::from_str(text).ok()?;
    let field = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
    Some(format!("{}@{}", field("id")?, field("version")?))
}

fn file_error(file: &str, message: String) -> Diagnostic {
    Diagnostic {
        severity: Severity::Error,
        file: file.to_string(),
        position: None,
        path: String::new(),
        message,
    }
}

fn init(args: &InitArgs) -> Result<()> {
    let src = match &args.questionnaire.questionnaire {
        Some(name) => input::questionnaire_source(name)?,
        None => crate::source::Source::new(
            format!("built-in {}", builtin::DEFAULT.file),
            builtin::DEFAULT.text,
        ),
    };
    let text = match args.what {
        InitKind::Sheet => init::blank_sheet(&input::load_questionnaire(&src)?),
        InitKind::Questionnaire => src.text.clone(),
    };
    let output = Output::from_arg(args.path.as_deref());
    if let Output::File(p) = &output
        && p.exists()
    {
        return Err(Error::Usage(format!(
            "`{}` already exists; choose another path or remove it first",
            p.display()
        )));
    }
    output.write(text.as_bytes())?;
    if let Output::File(p) = &output {
        eprintln!("wrote {}", p.display());
    }
    Ok(())
}

fn questionnaires(id: Option<&str>) -> Result<()> {
    match id {
        Some(id) => {
            let b = builtin::find(id).ok_or_else(|| {
                let ids: Vec<&str> = builtin::QUESTIONNAIRES.iter().map(|b| b.id).collect();
                Error::Usage(format!(
                    "`{id}` is not a built-in questionnaire; built-ins: {}",
                    ids.join(", ")
                ))
            })?;
            Output::Stdout.write(b.text.as_bytes())
        }
        None => {
            let mut out = String::new();
            for b in builtin::QUESTIONNAIRES {
                let q = input::load_questionnaire(&crate::source::Source::new(b.file, b.text))?;
                out.push_str(&format!(
                    "{}  {}  ({} dimensions, {} questions)\n",
                    q.reference(),
                    q.title,
                    q.dimensions.len(),
                    q.questions.len()
                ));
            }
            Output::Stdout.write(out.as_bytes())
        }
    }
}
