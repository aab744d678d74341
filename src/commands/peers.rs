//! `--benchmark PEERS.json` of `report`, `plan` and `compare`: the peers file read, checked and
//! matched with the sheets' questionnaire (docs/design.md, "Benchmarks", B6 and B7).

use std::path::Path;

use super::settings::Settings;
use crate::benchmark::{self, Peers};
use crate::error::{Error, Result};
use crate::questionnaire::Questionnaire;

/// The peers of `--benchmark`, when given.
pub fn peers(arg: Option<&Path>, settings: &Settings) -> Result<Option<Peers>> {
    arg.map(|p| read_peers(p, settings)).transpose()
}

/// Reads a peers file given to `--benchmark`; a malformed one fails with located problems.
pub fn read_peers(path: &Path, settings: &Settings) -> Result<Peers> {
    let input = settings.reader.read(path)?;
    benchmark::parse(&input.source.name, &input.source.text).map_err(Error::Invalid)
}

/// Checks the peers answered the same questionnaire (by id) as the sheets.
pub fn check_peers(path: &Path, peers: &Peers, q: &Questionnaire) -> Result<()> {
    let p = &peers.questionnaire;
    if p.id == q.id {
        return Ok(());
    }
    Err(Error::PeersOfAnotherQuestionnaire {
        file: path.display().to_string(),
        peers: format!("{}@{}", p.id, p.version),
        ours: q.reference(),
    })
}
