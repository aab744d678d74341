//! The questionnaires compiled into the binary, so leapcheck works with no files at all.
//!
//! [`QUESTIONNAIRES`] is a plain list: a new built-in is one more entry. A built-in may be a
//! variant of another (its YAML says `extends: other_id@version`); it is registered the same way,
//! and its base is found among the built-ins when it loads.

use crate::source::Source;

/// A built-in questionnaire: its file name under `questionnaires/` and its text.
#[derive(Clone, Copy, Debug)]
pub struct Builtin {
    pub id: &'static str,
    /// Its `version:` (a test checks they agree).
    pub version: &'static str,
    pub file: &'static str,
    pub text: &'static str,
    /// The same document as JSON, written at build time (src/build.rs): quicker to read.
    json: &'static str,
}

/// The built-ins, newest edition of each first. An older edition stays so that the sheets
/// written with it still load.
pub const QUESTIONNAIRES: &[Builtin] = &[
    Builtin {
        id: "social_media_readiness",
        version: "2.0.0",
        file: "social-media-readiness.yaml",
        text: include_str!("../questionnaires/social-media-readiness.yaml"),
        json: include_str!(concat!(env!("OUT_DIR"), "/social-media-readiness.json")),
    },
    Builtin {
        id: "social_media_pulse",
        version: "1.0.0",
        file: "social-media-pulse.yaml",
        text: include_str!("../questionnaires/social-media-pulse.yaml"),
        json: include_str!(concat!(env!("OUT_DIR"), "/social-media-pulse.json")),
    },
    Builtin {
        id: "social_media_readiness_financial",
        version: "2.0.0",
        file: "social-media-readiness-financial.yaml",
        text: include_str!("../questionnaires/social-media-readiness-financial.yaml"),
        json: include_str!(concat!(
            env!("OUT_DIR"),
            "/social-media-readiness-financial.json"
        )),
    },
    Builtin {
        id: "social_media_readiness",
        version: "1.0.0",
        file: "social-media-readiness-1.0.0.yaml",
        text: include_str!("../questionnaires/social-media-readiness-1.0.0.yaml"),
        json: include_str!(concat!(
            env!("OUT_DIR"),
            "/social-media-readiness-1.0.0.json"
        )),
    },
];

impl Builtin {
    /// A built-in with no JSON beside its YAML (read from the YAML), for tests of lists of
    /// built-ins other than the shipped one.
    #[cfg(test)]
    pub const fn from_yaml(id: &'static str, file: &'static str, text: &'static str) -> Builtin {
        Builtin {
            id,
            version: "1.0.0",
            file,
            text,
            json: "null",
        }
    }

    /// The built-in's document: read from its JSON, else (when the build could not write one)
    /// from its YAML; `None` when neither reads.
    pub fn value(&self) -> Option<serde_yaml::Value> {
        serde_json::from_str::<serde_yaml::Value>(self.json)
            .ok()
            .filter(|v| !v.is_null())
            .or_else(|| serde_yaml::from_str(self.text).ok())
    }

    /// The built-in as a source, named as errors name it (`built-in <file>`).
    pub fn source(&self) -> Source {
        Source::new(format!("built-in {}", self.file), self.text)
    }
}

/// The document of a built-in whose text `text` is, read from its JSON; `None` for any other
/// text, which is read as YAML.
pub fn parsed(text: &str) -> Option<serde_yaml::Value> {
    let b = QUESTIONNAIRES.iter().find(|b| b.text == text)?;
    serde_json::from_str::<serde_yaml::Value>(b.json)
        .ok()
        .filter(|v| !v.is_null())
}

/// The questionnaire used when none is named.
pub const DEFAULT: &Builtin = &QUESTIONNAIRES[0];

/// A built-in by id (`social_media_readiness`: its newest edition) or `id@version` (that
/// edition, else the newest, whose version the caller then finds does not match).
pub fn find(name: &str) -> Option<&'static Builtin> {
    let (id, version) = name.split_once('@').unwrap_or((name, ""));
    QUESTIONNAIRES
        .iter()
        .find(|b| b.id == id && b.version == version)
        .or_else(|| QUESTIONNAIRES.iter().find(|b| b.id == id))
}

impl Builtin {
    /// Its reference, `id@version`.
    pub fn reference(&self) -> String {
        format!("{}@{}", self.id, self.version)
    }
}

/// The newest edition of each built-in: what new assessments use.
pub fn current() -> impl Iterator<Item = &'static Builtin> {
    QUESTIONNAIRES
        .iter()
        .filter(|b| find(b.id).is_some_and(|n| n.version == b.version))
}

/// Every built-in's reference, for messages that list them.
pub fn references() -> Vec<String> {
    QUESTIONNAIRES.iter().map(Builtin::reference).collect()
}
