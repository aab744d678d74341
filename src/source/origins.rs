//! Documents merged from several files (a questionnaire that `extends` another): the map from
//! each part of the merged document to the file and path it came from, through which every
//! position and file name of a [`Source`] is looked up.

use std::collections::HashMap;

use super::{Source, parent};

/// Where the parts of a merged document came from: the files, and for each path of the merged
/// document that starts a part, the file and the path there. A path not listed belongs to the
/// part of its nearest listed ancestor (the part's own path continuing below it).
#[derive(Debug, Default)]
pub struct Origins {
    pub files: Vec<Source>,
    pub parts: HashMap<String, (usize, String)>,
}

impl Source {
    /// A merged document, named `name` (the file that asked for the merge), whose parts are
    /// placed in their own files by `origins`.
    pub fn merged(name: impl Into<String>, origins: Origins) -> Source {
        Source {
            origins: Some(Box::new(origins)),
            ..Source::new(name, String::new())
        }
    }

    /// Whether this is a document merged from several files (it has no text of its own).
    pub fn is_merged(&self) -> bool {
        self.origins.is_some()
    }

    /// The file that holds `path` of this document, and the path there: the source itself unless
    /// it is merged, else the file the part came from (followed through merges of merges).
    pub fn origin(&self, path: &str) -> (&Source, String) {
        let Some(origins) = &self.origins else {
            return (self, path.to_string());
        };
        let mut p = path;
        loop {
            if let Some((file, there)) = origins.parts.get(p) {
                let below = &path[p.len()..];
                let there = match (there.is_empty(), below.strip_prefix('.')) {
                    (true, Some(rest)) => rest.to_string(),
                    _ => format!("{there}{below}"),
                };
                return origins.files[*file].origin(&there);
            }
            match parent(p) {
                Some(up) => p = up,
                None => return (self, path.to_string()),
            }
        }
    }
}
