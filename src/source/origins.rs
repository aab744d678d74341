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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_of_a_merged_document_come_from_its_files() {
        let variant = Source::new("v.yaml", "id: v\ngates:\n  - id: g\n    when: x\n");
        let base = Source::new(
            "b.yaml",
            "id: b\ntitle: B\ngates:\n  - id: h\n    when: y\n",
        );
        let parts = HashMap::from([
            (String::new(), (0, String::new())),
            ("title".to_string(), (1, "title".to_string())),
            ("gates[0]".to_string(), (1, "gates[0]".to_string())),
            ("gates[1]".to_string(), (0, "gates[0]".to_string())),
        ]);
        let merged = Source::merged(
            "v.yaml",
            Origins {
                files: vec![variant, base],
                parts,
            },
        );
        let at = |path: &str| {
            let d = merged.diagnostic(crate::error::Severity::Error, path, false, String::new());
            (d.file, d.position)
        };
        assert_eq!(at("title"), ("b.yaml".into(), Some((2, 8))));
        assert_eq!(at("gates[0].when"), ("b.yaml".into(), Some((5, 11))));
        assert_eq!(at("gates[1].when"), ("v.yaml".into(), Some((4, 11))));
        assert_eq!(at("id"), ("v.yaml".into(), Some((1, 5))));
        assert!(merged.is_merged());
    }
}
