//! The command line's arguments turned, once and at the edge, into the settings the commands
//! work with: how inputs are read, whether to colour, where a document goes and which renderer
//! writes it, and the levels a run asks for. Every check of an argument happens here, before any
//! sheet is read.

use std::io::IsTerminal;
use std::path::PathBuf;

use crate::cli::{Cli, RenderArgs};
use crate::error::{Result, Usage, hint};
use crate::index::LevelIx;
use crate::input::Reader;
use crate::output::Output;
use crate::questionnaire::Questionnaire;
use crate::render::{self, Format, Renderer, Style, template};

/// What every command needs, from the global flags.
#[derive(Clone, Copy, Debug)]
pub struct Settings {
    /// Reads inputs within `--max-input-size`.
    pub reader: Reader,
    /// What a sheet may hold (`--max-units`).
    pub limits: crate::sheet::Limits,
    /// Colour in what goes to stdout (documents).
    pub color: bool,
    /// Colour in what goes to stderr (the interview).
    pub color_stderr: bool,
}

impl Settings {
    pub fn new(cli: &Cli) -> Settings {
        Settings {
            reader: Reader {
                limit: cli.max_input_size,
            },
            limits: crate::sheet::Limits {
                max_units: cli.max_units,
            },
            color: cli.color.enabled(std::io::stdout().is_terminal()),
            color_stderr: cli.color.enabled(std::io::stderr().is_terminal()),
        }
    }
}

/// Where a document goes and what writes it; its templates are loaded and checked up front.
pub struct Rendering {
    pub output: Output,
    pub renderer: Box<dyn Renderer>,
    /// `-f xlsx` (or an `.xlsx` output): the report goes out as a workbook, not as text.
    pub workbook: bool,
    /// `-f pdf` (or a `.pdf` output): the browser that prints the HTML document.
    pub pdf: Option<PathBuf>,
}

impl Rendering {
    /// The output and renderer `args` ask for. The output may be none of the inputs: `inputs`
    /// (the sheets, and the questionnaires named by path) and the templates.
    pub fn new(args: &RenderArgs, settings: &Settings, inputs: &[PathBuf]) -> Result<Rendering> {
        let output = Output::from_arg(args.output.as_deref());
        output.check_not_input(inputs)?;
        let (renderer, templates) = renderer(args, &output, settings)?;
        output.check_not_input(&templates)?;
        let format = format(args, &output)?;
        let workbook = args.template.is_none() && format == Format::Xlsx;
        if workbook && args.output.is_none() {
            return Err(Usage::XlsxToStdout.into());
        }
        let pdf = if format == Format::Pdf {
            if args.output.is_none() {
                return Err(Usage::PdfToStdout.into());
            }
            // Found before any sheet is read: a run that cannot print stops at once.
            Some(super::pdf::find(args.browser.as_deref())?)
        } else {
            None
        };
        Ok(Rendering {
            output,
            renderer,
            workbook,
            pdf,
        })
    }

    /// Writes a rendered document: as it is, or printed to PDF.
    pub fn write(&self, text: &str) -> Result<()> {
        match &self.pdf {
            Some(browser) => self.output.write(&super::pdf::print(browser, text)?),
            None => self.output.write(text.as_bytes()),
        }
    }
}

/// The format asked for: `-f`, else the `-o` extension, else a table.
fn format(args: &RenderArgs, output: &Output) -> Result<Format> {
    let (None, Output::File(p)) = (args.format, output) else {
        return Ok(args.format.unwrap_or(Format::Table));
    };
    match p.extension().and_then(|e| e.to_str()) {
        Some(ext) => Format::from_extension(ext)
            .ok_or_else(|| Usage::UnknownExtension(ext.to_string()).into()),
        None => Ok(Format::Table),
    }
}

/// The renderer the arguments ask for, templates read and compiled, with the files of the user's
/// templates it read.
fn renderer(
    args: &RenderArgs,
    output: &Output,
    settings: &Settings,
) -> Result<(Box<dyn Renderer>, Vec<PathBuf>)> {
    let templated = |source: template::Source, extension| -> Result<Box<dyn Renderer>> {
        Ok(Box::new(render::Templated {
            templates: template::Templates::load(&source, extension)?,
            extension,
        }))
    };
    if let Some(file) = &args.template {
        if let Some(f @ (Format::Table | Format::Json | Format::Xlsx)) = args.format {
            return Err(Usage::TemplateWithFormat(f.name()).into());
        }
        let source = template::Source::File(crate::input::template_file(file)?);
        return Ok((templated(source, "")?, vec![file.clone()]));
    }
    let format = format(args, output)?;
    match (format.template_extension(), &args.templates) {
        (Some(extension), Some(dir)) => {
            let list = crate::input::template_dir(dir)?;
            let files = list.iter().map(|t| PathBuf::from(&t.origin)).collect();
            Ok((templated(template::Source::Dir(list), extension)?, files))
        }
        (Some(extension), None) => Ok((templated(template::Source::BuiltIn, extension)?, vec![])),
        (None, Some(_)) => Err(Usage::TemplatesWithFormat(format.name()).into()),
        // A workbook is written from its own view (`render::xlsx`); the JSON renderer stands by
        // unused.
        (None, None) if matches!(format, Format::Json | Format::Xlsx) => {
            Ok((Box::new(render::Json), vec![]))
        }
        (None, None) => {
            // Colour only where a person reads it: a file gets none.
            let color = settings.color && *output == Output::Stdout;
            let table = render::Table {
                style: Style {
                    color,
                    width: table_width(output),
                },
            };
            Ok((Box::new(table), vec![]))
        }
    }
}

/// The width a table is fitted to: the terminal's when it writes to one, else `COLUMNS` when set
/// (as shells set it for scripts that ask), else 120 so that lines stay readable in a file.
pub(super) fn table_width(output: &Output) -> usize {
    let terminal = match output {
        Output::Stdout => dialoguer::console::Term::stdout().size_checked(),
        _ => None,
    };
    let columns = || std::env::var("COLUMNS").ok()?.trim().parse::<usize>().ok();
    match terminal {
        Some((_, cols)) => usize::from(cols),
        None => columns().filter(|&c| c >= 20).unwrap_or(120),
    }
}

/// The questionnaires named on the command line that are files (not built-in ids): inputs too.
pub fn questionnaire_files<'a>(names: impl IntoIterator<Item = Option<&'a str>>) -> Vec<PathBuf> {
    names
        .into_iter()
        .flatten()
        .map(PathBuf::from)
        .filter(|p| p.exists())
        .collect()
}

/// The levels a run asks for, as indices into the questionnaire's levels.
#[derive(Clone, Copy, Debug, Default)]
pub struct Levels {
    /// `--target`: the level to plan towards.
    pub target: Option<LevelIx>,
    /// `--fail-below`: the level the assessment must reach.
    pub required: Option<LevelIx>,
}

impl Levels {
    pub fn new(
        q: &Questionnaire,
        target: Option<&str>,
        fail_below: Option<&str>,
    ) -> Result<Levels> {
        Ok(Levels {
            target: level(q, "--target", target)?,
            required: level(q, "--fail-below", fail_below)?,
        })
    }
}

impl Levels {
    /// Fails with exit 3 when `level` is below `--fail-below` (after the document is written).
    pub fn check(&self, q: &Questionnaire, level: LevelIx) -> Result<()> {
        match self.required {
            Some(required) if level < required => Err(crate::error::Error::BelowLevel {
                actual: q.levels[level].id.clone(),
                required: q.levels[required].id.clone(),
            }),
            _ => Ok(()),
        }
    }
}

/// A level id given to `flag`, as an index into the questionnaire's levels.
fn level(q: &Questionnaire, flag: &'static str, id: Option<&str>) -> Result<Option<LevelIx>> {
    let Some(id) = id else { return Ok(None) };
    match q.level_index(id) {
        Some(i) => Ok(Some(i)),
        None => Err(Usage::UnknownLevel {
            flag,
            id: id.to_string(),
            questionnaire: q.reference(),
            hint: hint(id, q.levels.iter().map(|l| l.id.as_str())),
        }
        .into()),
    }
}
