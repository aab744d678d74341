//! What each subcommand does, given parsed arguments. The only module (with `output` and
//! `input`) that touches files and the terminal.

mod import;
mod interview;

use std::io::IsTerminal;

use clap::CommandFactory;

use crate::cli::{
    Cli, Command, CompareArgs, InitArgs, InitKind, RenderArgs, ReportArgs, ValidateArgs,
};
use crate::error::{Diagnostic, Error, Result, Severity};
use crate::input::{self, Input};
use crate::output::Output;
use crate::questionnaire::{self, Questionnaire};
use crate::render::{self, Document, Format, Style, template};
use crate::{aggregate, builtin, init, plan, score, sheet, view};

pub fn execute(cli: Cli) -> Result<()> {
    input::set_max_input(cli.max_input_size);
    let color = cli.color.enabled(std::io::stdout().is_terminal());
    match cli.command {
        Command::Report(args) => document(&args, Doc::Report, Style { color }),
        Command::Plan(args) => document(&args, Doc::Plan, Style { color }),
        Command::Import(args) => import::run(&args),
        Command::Compare(args) => compare(&args, Style { color }),
        Command::Interview(args) => {
            let color = cli.color.enabled(std::io::stderr().is_terminal());
            interview::run(&args, color)
        }
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

/// Which of the two documents a `report` or `plan` run writes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Doc {
    Report,
    Plan,
}

/// The format asked for: `-f`, else the `-o` extension, else a table.
fn chosen_format(args: &RenderArgs, output: &Output) -> Result<Format> {
    Ok(match (args.format, output) {
        (Some(f), _) => f,
        (None, Output::File(p)) => match p.extension().and_then(|e| e.to_str()) {
            Some(ext) if ext.eq_ignore_ascii_case("pdf") => {
                return Err(Error::Usage(format!(
                    "leapcheck does not write PDF itself: write HTML (-o {}) and print it to PDF from a browser, or run `chromium --headless --no-pdf-header-footer --print-to-pdf=FILE.pdf FILE.html`",
                    p.with_extension("html").display()
                )));
            }
            Some(ext) => Format::from_extension(ext).ok_or_else(|| {
                Error::Usage(format!(
                    "cannot tell the format from `.{ext}`; add -f table, markdown, html or json"
                ))
            })?,
            None => Format::Table,
        },
        (None, Output::Stdout) => Format::Table,
    })
}

/// The renderer the arguments ask for, templates loaded (and checked) up front.
fn choose_renderer(
    args: &RenderArgs,
    output: &Output,
    style: Style,
) -> Result<Box<dyn render::Renderer>> {
    if let Some(file) = &args.template {
        if let Some(f @ (Format::Table | Format::Json)) = args.format {
            return Err(Error::Usage(format!(
                "--template renders a template; -f {} does not use one: drop one of them",
                format!("{f:?}").to_lowercase()
            )));
        }
        let templates =
            template::Templates::load(&template::Source::File(input::template_file(file)?), "")?;
        return Ok(Box::new(render::Templated {
            templates,
            extension: "",
        }));
    }
    let format = chosen_format(args, output)?;
    let style = if *output == Output::Stdout {
        style
    } else {
        Style::default()
    };
    match (format.template_extension(), &args.templates) {
        (Some(extension), dir) => {
            let source = match dir {
                Some(d) => template::Source::Dir(input::template_dir(d)?),
                None => template::Source::BuiltIn,
            };
            Ok(Box::new(render::Templated {
                templates: template::Templates::load(&source, extension)?,
                extension,
            }))
        }
        (None, Some(_)) => Err(Error::Usage(format!(
            "--templates applies to markdown and html; the {} format has no templates",
            format!("{format:?}").to_lowercase()
        ))),
        (None, None) => Ok(match format {
            Format::Json => Box::new(render::Json),
            _ => Box::new(render::Table { style }),
        }),
    }
}

/// A level id given to `flag`, as an index into the questionnaire's levels.
fn level_arg(q: &Questionnaire, flag: &str, id: Option<&str>) -> Result<Option<usize>> {
    let Some(id) = id else { return Ok(None) };
    q.level_index(id).map(Some).ok_or_else(|| {
        let ids: Vec<&str> = q.levels.iter().map(|l| l.id.as_str()).collect();
        let mut message = format!("{flag}: `{id}` is not a level of {}", q.reference());
        if let Some(s) = crate::error::did_you_mean(id, ids.iter().copied()) {
            message.push_str(&format!("; did you mean `{s}`?"));
        }
        message.push_str(&format!("; levels: {}", ids.join(", ")));
        Error::Usage(message)
    })
}

/// The answer sheets of a run, loaded against one questionnaire.
struct Loaded {
    q: Questionnaire,
    sheets: Vec<sheet::Sheet>,
}

/// Reads every sheet, checks they name one questionnaire and version, and loads them all,
/// reporting every problem of every file at once.
fn load_sheets(paths: &[std::path::PathBuf], questionnaire: Option<&str>) -> Result<Loaded> {
    // The first sheet settles the questionnaire; then every sheet is read and loaded in one pass
    // over the cores, each text dropped as soon as its sheet is loaded, so a room of thousands
    // never holds all its texts at once. Problems are reported in the order they always were:
    // unreadable files, sheets naming different questionnaires, then the questionnaire itself.
    let first = input::read(&paths[0]);
    let q = match &first {
        Ok(first) => Some(input::questionnaire_for(questionnaire, &first.source.text)),
        Err(_) => None,
    };
    let compare = paths.len() > 1 && questionnaire.is_none();
    let load = |input: Input| {
        let reference = if compare {
            sheet::questionnaire_reference(&input.source.text).unwrap_or_default()
        } else {
            String::new()
        };
        let loaded = match &q {
            Some(Ok(q)) => Some(sheet::load(&input.source, q)),
            _ => None,
        };
        (input.source.name, reference, loaded)
    };
    let rest = crate::parallel::map(&paths[1..], |p| input::read(p).map(load));
    let mut all = Vec::with_capacity(paths.len());
    all.push(first.map(load)?);
    for r in rest {
        all.push(r?);
    }
    if compare && all.iter().any(|(_, r, _)| *r != all[0].1) {
        let list: Vec<String> = all
            .iter()
            .map(|(f, r, _)| {
                let r = if r.is_empty() { "no questionnaire" } else { r };
                format!("  {f}: {r}")
            })
            .collect();
        return Err(Error::Other(format!(
            "the sheets name different questionnaires or versions; a workshop is scored against one. Report them separately, or move the odd ones out:\n{}",
            list.join("\n")
        )));
    }
    let q = q.expect("the first sheet was read")?;
    let mut sheets = Vec::with_capacity(all.len());
    let mut diagnostics = Vec::new();
    for (s, d) in all.into_iter().filter_map(|(_, _, loaded)| loaded) {
        let failed = d.iter().any(|d| d.severity == Severity::Error);
        diagnostics.extend(d);
        if let Some(s) = s.filter(|_| !failed) {
            sheets.push(s);
        }
    }
    if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        return Err(Error::Invalid(diagnostics));
    }
    for d in &diagnostics {
        eprintln!("{d}");
    }
    Ok(Loaded { q, sheets })
}

fn document(args: &ReportArgs, doc: Doc, style: Style) -> Result<()> {
    let paths = input::expand(&args.sheets)?;
    let output = Output::from_arg(args.render.output.as_deref());
    output.check_not_input(&paths)?;
    let renderer = choose_renderer(&args.render, &output, style)?;
    let Loaded { q, mut sheets } =
        load_sheets(&paths, args.questionnaire.questionnaire.as_deref())?;
    let required = level_arg(&q, "--fail-below", args.fail_below.as_deref())?;
    let target = level_arg(&q, "--target", args.target.as_deref())?;
    let requested = target.is_some();
    let next = |level: usize| target.or_else(|| (level + 1 < q.levels.len()).then_some(level + 1));
    let (text, level) = if sheets.len() == 1 {
        let s = sheets.remove(0);
        let assessment = score::assess(&q, &s);
        let leap_plan = plan::plan(&q, &assessment, next(assessment.level));
        let text = match doc {
            Doc::Report => renderer.render(Document::Report(&view::report(
                &q,
                &s,
                &assessment,
                &leap_plan,
                requested,
            )))?,
            Doc::Plan => renderer.render(Document::Plan(&view::plan::plan(
                &q,
                &s,
                &assessment,
                &leap_plan,
                requested,
            )))?,
        };
        (text, assessment.level)
    } else {
        let w = aggregate::workshop(&q, sheets);
        let leap_plan = plan::plan(&q, &w.assessment, next(w.assessment.level));
        let text = match doc {
            Doc::Report => renderer.render(Document::Report(&view::workshop_report(
                &q, &w, &leap_plan, requested,
            )))?,
            Doc::Plan => renderer.render(Document::Plan(&view::workshop_plan(
                &q, &w, &leap_plan, requested,
            )))?,
        };
        (text, w.assessment.level)
    };
    output.write(text.as_bytes())?;
    if let Some(req) = required
        && level < req
    {
        return Err(Error::BelowLevel {
            actual: q.levels[level].id.clone(),
            required: q.levels[req].id.clone(),
        });
    }
    Ok(())
}

/// One side of a comparison, assessed: one sheet or a workshop.
struct Assessed {
    q: Questionnaire,
    assessment: score::Assessment,
    organization: String,
    date: Option<String>,
    respondents: usize,
}

impl Assessed {
    fn side(&self) -> crate::view::compare::Side<'_> {
        crate::view::compare::Side {
            q: &self.q,
            assessment: &self.assessment,
            organization: self.organization.clone(),
            date: self.date.clone(),
            respondents: self.respondents,
        }
    }
}

fn assessed(path: &std::path::Path, questionnaire: Option<&str>) -> Result<Assessed> {
    let paths = input::expand(&[path.to_path_buf()])?;
    let Loaded { q, mut sheets } = load_sheets(&paths, questionnaire)?;
    if sheets.len() == 1 {
        let s = sheets.remove(0);
        let assessment = score::assess(&q, &s);
        Ok(Assessed {
            q,
            assessment,
            organization: s.organization,
            date: s.date,
            respondents: 1,
        })
    } else {
        let n = sheets.len();
        let w = aggregate::workshop(&q, sheets);
        Ok(Assessed {
            q,
            organization: w.consensus.organization.clone(),
            date: w.consensus.date.clone(),
            assessment: w.assessment,
            respondents: n,
        })
    }
}

fn compare(args: &CompareArgs, style: Style) -> Result<()> {
    let output = Output::from_arg(args.render.output.as_deref());
    let mut inputs = input::expand(std::slice::from_ref(&args.before))?;
    inputs.extend(input::expand(std::slice::from_ref(&args.after))?);
    output.check_not_input(&inputs)?;
    let renderer = choose_renderer(&args.render, &output, style)?;
    let after_q = args.questionnaire.questionnaire.as_deref();
    let before = assessed(
        &args.before,
        args.before_questionnaire.as_deref().or(after_q),
    )?;
    let after = assessed(&args.after, after_q)?;
    let view = crate::view::compare::compare(&before.side(), &after.side());
    let text = renderer.render(Document::Compare(&view))?;
    output.write(text.as_bytes())
}

enum Kind {
    Questionnaire,
    Sheet,
    Mapping,
}

fn kind_of(input: &Input) -> std::result::Result<Kind, String> {
    // The usual `format: …` line, else the parsed document's `format` field.
    let line = input.source.text.lines().find_map(|l| {
        let v = l.strip_prefix("format:")?.split(" #").next()?.trim();
        v.starts_with("leapcheck/").then(|| v.to_string())
    });
    let format = match line {
        Some(f) => Some(f),
        None => match serde_yaml::from_str::<serde_yaml::Value>(&input.source.text) {
            Ok(v) => v.get("format").and_then(|f| f.as_str()).map(str::to_string),
            // Let the loader report the syntax error with its position.
            Err(_) => return Ok(Kind::Questionnaire),
        },
    };
    match format.as_deref() {
        Some(f) if f.starts_with("leapcheck/questionnaire") => Ok(Kind::Questionnaire),
        Some(f) if f.starts_with("leapcheck/answers") => Ok(Kind::Sheet),
        Some(f) if f.starts_with("leapcheck/mapping") => Ok(Kind::Mapping),
        Some(f) => Err(format!(
            "unknown format `{f}`; write `format: {}`, `format: {}` or `format: {}`",
            questionnaire::FORMAT,
            sheet::FORMAT,
            crate::import::mapping::FORMAT
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
            Ok(Kind::Sheet) => sheets.push((i, Kind::Sheet)),
            Ok(Kind::Mapping) => sheets.push((i, Kind::Mapping)),
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
    let mut builtins: Vec<(&str, Questionnaire)> = Vec::new();
    for (i, kind) in sheets {
        let named = sheet::questionnaire_reference(&i.source.text).unwrap_or_default();
        let builtin = (named.is_empty() || builtin::find(&named).is_some())
            .then(|| builtin::find(&named).unwrap_or(builtin::DEFAULT));
        // Each built-in is loaded once, however many sheets name it.
        if forced.is_none()
            && !questionnaires.iter().any(|q| q.reference() == named)
            && let Some(b) = builtin
            && !builtins.iter().any(|(file, _)| *file == b.file)
        {
            let src = crate::source::Source::new(format!("built-in {}", b.file), b.text);
            match questionnaire::load(&src) {
                (Some(q), _) => builtins.push((b.file, q)),
                (None, d) => {
                    diagnostics.extend(d);
                    continue;
                }
            }
        }
        let q = if let Some(q) = &forced {
            q
        } else if let Some(q) = questionnaires.iter().find(|q| q.reference() == named) {
            q
        } else if let Some((_, q)) =
            builtin.and_then(|b| builtins.iter().find(|(file, _)| *file == b.file))
        {
            // The sheet loader reports a missing `questionnaire:` or a version mismatch.
            q
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
        let (loaded, d, what) = match kind {
            Kind::Mapping => {
                let (m, d) = crate::import::mapping::load(&i.source, q);
                (m.is_some(), d, "import mapping")
            }
            _ => {
                let (s, d) = sheet::load(&i.source, q);
                (s.is_some(), d, "answer sheet")
            }
        };
        diagnostics.extend(d);
        if loaded {
            ok.push(format!(
                "{}: ok, {what} for {}",
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
    if args.what == InitKind::Templates {
        return init_templates(args.path.as_deref());
    }
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
        InitKind::Mapping => crate::import::starting_mapping(&input::load_questionnaire(&src)?),
        InitKind::Templates => unreachable!("handled above"),
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

/// Copies the built-in templates into `dir` (created if missing), replacing none.
fn init_templates(dir: Option<&std::path::Path>) -> Result<()> {
    let Some(dir) = dir.filter(|d| d.as_os_str() != "-") else {
        return Err(Error::Usage(
            "init templates needs a directory: leapcheck init templates my-templates/".into(),
        ));
    };
    let existing: Vec<String> = template::BUILTIN
        .iter()
        .map(|(name, _)| dir.join(name))
        .filter(|p| p.exists())
        .map(|p| p.display().to_string())
        .collect();
    if !existing.is_empty() {
        return Err(Error::Usage(format!(
            "{} already exist(s); choose another directory or remove them first",
            existing.join(", ")
        )));
    }
    std::fs::create_dir_all(dir).map_err(|source| Error::Write {
        path: dir.to_path_buf(),
        source,
    })?;
    for (name, text) in template::BUILTIN {
        crate::output::write_atomic(&dir.join(name), text.as_bytes())?;
    }
    eprintln!(
        "wrote {} templates to {}; use them with --templates {}",
        template::BUILTIN.len(),
        dir.display(),
        dir.display()
    );
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
