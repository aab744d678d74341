//! Renderers: turn a document's view into text. Each format is one small type behind
//! [`Renderer`]; Markdown and HTML are Tera templates (see [`template`]).

mod json;
mod table;
pub mod template;
pub mod xlsx;

pub use json::Json;
pub use table::Table;

use crate::error::Result;
use crate::view::{PlanView, ReportView};

/// An output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A table for the terminal.
    Table,
    /// GitHub-flavoured Markdown.
    Markdown,
    /// One self-contained HTML file (print it to PDF from a browser).
    Html,
    /// The HTML printed to PDF (A4) by an installed Chromium, Chrome or Edge; needs -o.
    Pdf,
    /// The view as JSON, with `schema_version`: every variable a template sees.
    Json,
    /// An Excel workbook (report only; needs -o): summary, dimensions, respondents, every
    /// answer, discussion points and the plan.
    Xlsx,
}

impl Format {
    /// The format an output file's extension implies.
    pub fn from_extension(ext: &str) -> Option<Format> {
        match ext.to_ascii_lowercase().as_str() {
            "json" => Some(Format::Json),
            "txt" => Some(Format::Table),
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" => Some(Format::Html),
            "xlsx" => Some(Format::Xlsx),
            "pdf" => Some(Format::Pdf),
            _ => None,
        }
    }

    /// The format's name on the command line (`-f NAME`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Json => "json",
            Format::Xlsx => "xlsx",
            Format::Pdf => "pdf",
        }
    }

    /// The extension of the built-in template for this format, if it has one.
    pub fn template_extension(self) -> Option<&'static str> {
        match self {
            Format::Markdown => Some("md"),
            // A PDF is the HTML document, printed.
            Format::Html | Format::Pdf => Some("html"),
            Format::Table | Format::Json | Format::Xlsx => None,
        }
    }
}

/// One of the two documents leapcheck writes.
#[derive(Clone, Copy, Debug)]
pub enum Document<'a> {
    Report(&'a ReportView),
    Plan(&'a PlanView),
    Compare(&'a crate::view::compare::CompareView),
    /// The questionnaire itself, for a pre-read.
    Model(&'a crate::view::model::ModelView),
}

impl Document<'_> {
    /// `report`, `plan` or `compare`: the built-in template's stem.
    pub fn name(&self) -> &'static str {
        match self {
            Document::Report(_) => "report",
            Document::Plan(_) => "plan",
            Document::Compare(_) => "compare",
            Document::Model(_) => "model",
        }
    }
}

impl serde::Serialize for Document<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            Document::Report(v) => v.serialize(s),
            Document::Plan(v) => v.serialize(s),
            Document::Compare(v) => v.serialize(s),
            Document::Model(v) => v.serialize(s),
        }
    }
}

/// Options every renderer may honour.
#[derive(Clone, Copy, Debug, Default)]
pub struct Style {
    /// Emit ANSI colours.
    pub color: bool,
    /// The columns to fit: the terminal's, or `COLUMNS` when the output is not a terminal.
    pub width: usize,
}

/// Renders a document to text.
pub trait Renderer {
    fn render(&self, doc: Document<'_>) -> Result<String>;
}

/// Renders a document through a template: the built-in `<document>.<ext>` of the chosen set, or
/// the one file `--template` named.
pub struct Templated {
    pub templates: template::Templates,
    pub extension: &'static str,
}

impl Renderer for Templated {
    fn render(&self, doc: Document<'_>) -> Result<String> {
        let name = match self.templates.single() {
            Some(name) => name.to_string(),
            None => format!("{}.{}", doc.name(), self.extension),
        };
        let mut text = self.templates.render(&name, &doc)?;
        // Tera drops a template's final newline; a text file ends with one.
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        Ok(text)
    }
}
