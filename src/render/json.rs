//! `--format json`: the view itself, pretty-printed, with a trailing newline.

use super::{Document, Renderer};
use crate::error::{Error, Result};

pub struct Json;

impl Renderer for Json {
    fn render(&self, view: Document<'_>) -> Result<String> {
        let mut out = serde_json::to_string_pretty(&view).map_err(Error::Json)?;
        out.push('\n');
        Ok(out)
    }
}
