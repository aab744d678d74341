//! Renderers: turn a report view into text. Each format is one small type behind [`Renderer`].

mod json;
mod table;

pub use json::Json;
pub use table::Table;

use crate::error::Result;
use crate::view::ReportView;

/// An output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A table for the terminal.
    Table,
    /// The view as JSON, with `schema_version`.
    Json,
}

impl Format {
    /// The format an output file's extension implies.
    pub fn from_extension(ext: &str) -> Option<Format> {
        match ext.to_ascii_lowercase().as_str() {
            "json" => Some(Format::Json),
            "txt" => Some(Format::Table),
            _ => None,
        }
    }
}

/// Options every renderer may honour.
#[derive(Clone, Copy, Debug, Default)]
pub struct Style {
    /// Emit ANSI colours.
    pub color: bool,
}

/// Renders a report view to text.
pub trait Renderer {
    fn render(&self, view: &ReportView) -> Result<String>;
}

/// The renderer for `format`.
pub fn renderer(format: Format, style: Style) -> Box<dyn Renderer> {
    match format {
        Format::Table => Box::new(Table { style }),
        Format::Json => Box::new(Json),
    }
}
