//! `questionnaires`: the built-ins listed with the time each takes, one printed as YAML, or one
//! described as a document for a client's pre-read (`-f markdown|html|json|table`, `-o FILE`).

use std::path::Path;

use super::Settings;
use crate::builtin;
use crate::cli::QuestionnairesArgs;
use crate::error::{Result, Usage};
use crate::output::Output;
use crate::render::{self, Document, Format, Renderer, Style, template};
use crate::source::Source;
use crate::{input, interview, view};

pub fn questionnaires(args: &QuestionnairesArgs, settings: &Settings) -> Result<()> {
    let output = args.output.clone().map_or(Output::Stdout, Output::File);
    let format = match (args.format, &args.output) {
        (Some(f), _) => Some(f),
        (None, Some(path)) => Some(format_of(path)?),
        (None, None) => None,
    };
    match (args.id.as_deref(), format) {
        (None, None) => Output::Stdout.write(list()?.as_bytes()),
        (None, Some(_)) => Err(Usage::ModelWithoutId.into()),
        (Some(id), None) => {
            let b = builtin::find(id).ok_or_else(|| Usage::NotBuiltIn {
                id: id.to_string(),
                builtins: builtin::references(),
            })?;
            Output::Stdout.write(b.text.as_bytes())
        }
        (Some(_), Some(Format::Pdf)) if args.output.is_none() => Err(Usage::PdfToStdout.into()),
        (Some(id), Some(format)) => {
            if Path::new(id).exists() {
                output.check_not_input(&[Path::new(id).to_path_buf()])?;
            }
            let q = input::load_questionnaire(&settings.reader.questionnaire_source(id)?)?;
            let model = view::model::model(&q);
            let text = renderer(format, &output, settings)?.render(Document::Model(&model))?;
            match format {
                // Printed by a browser from the HTML, as the report is.
                Format::Pdf => output.write(&super::pdf::print(&super::pdf::find(None)?, &text)?),
                _ => output.write(text.as_bytes()),
            }
        }
    }
}

/// The format an output file's extension asks for.
fn format_of(path: &Path) -> Result<Format> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    Format::from_extension(ext).ok_or_else(|| Usage::UnknownExtension(ext.to_string()).into())
}

fn renderer(format: Format, output: &Output, settings: &Settings) -> Result<Box<dyn Renderer>> {
    Ok(match format {
        Format::Json => Box::new(render::Json),
        Format::Xlsx => return Err(Usage::XlsxNotFor("questionnaires").into()),
        Format::Table => Box::new(render::Table {
            style: Style {
                color: settings.color && *output == Output::Stdout,
                width: super::settings::table_width(output),
            },
        }),
        Format::Markdown | Format::Html | Format::Pdf => {
            let extension = format.template_extension().unwrap_or("html");
            Box::new(render::Templated {
                templates: template::Templates::load(&template::Source::BuiltIn, extension)?,
                extension,
            })
        }
    })
}

/// Each built-in with its size and the time it takes with three business units.
fn list() -> Result<String> {
    let mut out = String::new();
    for b in builtin::QUESTIONNAIRES {
        let q = input::load_questionnaire(&Source::new(b.file, b.text))?;
        let (count, minutes) = interview::length(&q, 3, None);
        let units = if q.dimensions.iter().any(|d| d.per_unit) {
            " with three business units"
        } else {
            ""
        };
        let newer = builtin::find(b.id).filter(|n| n.version != b.version);
        let note = newer.map_or(String::new(), |n| {
            format!(
                "; an earlier edition, kept for the sheets written with it (newest: {})",
                n.reference()
            )
        });
        out.push_str(&format!(
            "{}  {}  ({} dimensions; {count} questions, {}{units}{note})\n",
            q.reference(),
            q.title,
            q.dimensions.len(),
            interview::about_minutes(minutes)
        ));
    }
    Ok(out)
}
