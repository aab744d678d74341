//! The questionnaires compiled into the binary, so leapcheck works with no files at all.

/// A built-in questionnaire: its file name under `questionnaires/` and its text.
pub struct Builtin {
    pub id: &'static str,
    pub file: &'static str,
    pub text: &'static str,
}

pub const QUESTIONNAIRES: &[Builtin] = &[Builtin {
    id: "social_media_readiness",
    file: "social-media-readiness.yaml",
    text: include_str!("../questionnaires/social-media-readiness.yaml"),
}];

/// The questionnaire used when none is named.
pub const DEFAULT: &Builtin = &QUESTIONNAIRES[0];

/// A built-in by id (`social_media_readiness`) or `id@version`.
pub fn find(name: &str) -> Option<&'static Builtin> {
    let id = name.split('@').next().unwrap_or(name);
    QUESTIONNAIRES.iter().find(|b| b.id == id)
}
