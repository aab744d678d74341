//! `leapcheck import`: reads the CSV and the mapping, writes one sheet per row.

use crate::cli::ImportArgs;
use crate::error::{Error, Result};

pub fn run(_args: &ImportArgs) -> Result<()> {
    Err(Error::Other("import is not implemented yet".into()))
}
