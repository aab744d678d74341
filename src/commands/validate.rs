//! `leapcheck validate`: questionnaires, answer sheets and import mappings, told apart by their
//! `format:` line, each checked against its questionnaire, every problem of every file listed in
//! one run.

use super::Settings;
use crate::cli::ValidateArgs;
use crate::error::{Diagnostic, Error, Result, Severity};
use crate::input::{self, Input};
use crate::output::Output;
use crate::output::note;
use crate::questionnaire::{self, Questionnaire};
use crate::source::Source;
use crate::{builtin, sheet};

/// What a file to validate is, by its `format:` line.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Questionnaire,
    Sheet,
    Mapping,
}

/// What a run has found so far.
#[derive(Default)]
struct Findings {
    diagnostics: Vec<Diagnostic>,
    /// One line per file that passed.
    ok: Vec<String>,
    /// The questionnaires among the files that loaded.
    questionnaires: Vec<Questionnaire>,
    /// `id@version` of questionnaires among the files that failed to load.
    broken: Vec<String>,
    /// Built-in questionnaires loaded so far, by file: each is loaded once, however many sheets
    /// name it.
    builtins: Vec<(&'static str, Questionnaire)>,
}

pub fn validate(args: &ValidateArgs, settings: &Settings) -> Result<()> {
    let (reader, limits) = (&settings.reader, settings.limits);
    let paths = input::expand(&args.files)?;
    let mut found = Findings::default();
    let mut inputs = Vec::new();
    for p in &paths {
        match reader.read(p) {
            Ok(i) => inputs.push(i),
            Err(Error::Invalid(d)) => found.diagnostics.extend(d),
            Err(e) => found.diagnostics.push(Diagnostic::error(
                p.display().to_string(),
                None,
                e.to_string(),
            )),
        }
    }
    let forced = match &args.questionnaire.questionnaire {
        Some(name) => Some(reader.load_questionnaire(&reader.questionnaire_source(name)?)?),
        None => None,
    };
    let mut answers = Vec::new();
    for i in &inputs {
        match kind_of(i) {
            Err(message) => found.diagnostics.push(i.source.diagnostic(
                Severity::Error,
                "format",
                false,
                message,
            )),
            Ok(Kind::Questionnaire) => found.questionnaire(i, reader),
            Ok(kind) => answers.push((i, kind)),
        }
    }
    for (i, kind) in answers {
        if let Some(q) = found.questionnaire_of(i, forced.as_ref()) {
            let (loaded, d, what) = match kind {
                Kind::Mapping => {
                    let (m, d) = crate::import::mapping::load(&i.source, q);
                    (m.is_some(), d, "import mapping")
                }
                _ => {
                    let (s, mut d) = sheet::load_within(&i.source, q, limits);
                    d.extend(s.as_ref().and_then(|s| incomplete(&i.source.name, s)));
                    (s.is_some(), d, "answer sheet")
                }
            };
            let line = format!("{}: ok, {what} for {}", i.source.name, q.reference());
            found.diagnostics.extend(d);
            found.ok.extend(loaded.then_some(line));
        }
    }
    if args.strict {
        for d in &mut found.diagnostics {
            d.severity = Severity::Error;
        }
    }
    found.finish()
}

/// A warning for a sheet that leaves out who answered, when, or every answer: in a room it would
/// count as nobody, or be set aside.
fn incomplete(file: &str, s: &sheet::Sheet) -> Option<Diagnostic> {
    let missing = crate::room::missing(s);
    if missing.is_empty() {
        return None;
    }
    Some(Diagnostic::new(
        Severity::Warning,
        file,
        None,
        format!(
            "the sheet has no {}; fill {} in before the sheet joins a room (--strict makes this an error)",
            missing.join(", no "),
            if missing.len() == 1 { "it" } else { "them" }
        ),
    ))
}

impl Findings {
    /// Loads a questionnaire among the files.
    fn questionnaire(&mut self, i: &Input, reader: &input::Reader) {
        let (q, d) = reader.load_questionnaire_quietly(&i.source);
        self.diagnostics.extend(d);
        match q {
            Some(q) => {
                self.ok.push(format!(
                    "{}: ok, questionnaire {} ({} questions)",
                    i.source.name,
                    q.reference(),
                    q.questions.len()
                ));
                self.questionnaires.push(q);
            }
            None => self.broken.extend(declared_reference(&i.source.text)),
        }
    }

    /// The questionnaire to check a sheet or mapping against: `-q`, else one among the files
    /// with the `id@version` it names, else the built-in it names (or the default built-in when
    /// it names none). `None`, reported, when there is none.
    fn questionnaire_of<'a>(
        &'a mut self,
        i: &Input,
        forced: Option<&'a Questionnaire>,
    ) -> Option<&'a Questionnaire> {
        if let Some(q) = forced {
            return Some(q);
        }
        let named = sheet::questionnaire_reference(&i.source.text).unwrap_or_default();
        if let Some(k) = self
            .questionnaires
            .iter()
            .position(|q| q.reference() == named)
        {
            return Some(&self.questionnaires[k]);
        }
        let builtin = if named.is_empty() {
            Some(builtin::DEFAULT)
        } else {
            builtin::find(&named)
        };
        match builtin {
            // The sheet loader reports a missing `questionnaire:` or a version mismatch.
            Some(b) => self.builtin(b),
            None => {
                let message = if self.broken.contains(&named) {
                    format!(
                        "the questionnaire `{named}` among FILES has errors (listed above); fix them, then validate again"
                    )
                } else {
                    format!(
                        "no questionnaire `{named}` found, neither among FILES nor built in; list its file among FILES or pass it with -q"
                    )
                };
                let d = i
                    .source
                    .diagnostic(Severity::Error, "questionnaire", false, message);
                self.diagnostics.push(d);
                None
            }
        }
    }

    /// A built-in questionnaire, loaded the first time it is asked for.
    fn builtin(&mut self, b: &'static builtin::Builtin) -> Option<&Questionnaire> {
        if !self.builtins.iter().any(|(file, _)| *file == b.file) {
            let src = Source::new(format!("built-in {}", b.file), b.text);
            match questionnaire::load(&src) {
                (Some(q), _) => self.builtins.push((b.file, q)),
                (None, d) => {
                    self.diagnostics.extend(d);
                    return None;
                }
            }
        }
        self.builtins
            .iter()
            .find(|(file, _)| *file == b.file)
            .map(|(_, q)| q)
    }

    /// Fails with every error, or prints the warnings and one line per file that passed.
    fn finish(self) -> Result<()> {
        let errors = self
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error);
        if errors {
            return Err(Error::Invalid(self.diagnostics));
        }
        for d in &self.diagnostics {
            note!("{d}");
        }
        let mut text = self.ok.join("\n");
        text.push('\n');
        Output::Stdout.write(text.as_bytes())
    }
}

fn kind_of(input: &Input) -> std::result::Result<Kind, String> {
    // The usual `format: …` line, else the parsed document's `format` field.
    let line = input.source.text.lines().find_map(|l| {
        let v = l.strip_prefix("format:")?.split(" #").next()?.trim();
        v.starts_with("leapcheck/").then(|| v.to_string())
    });
    let format = match line {
        Some(f) => Some(f),
        None => match serde_yaml::from_str::<serde_yaml::Value>(&input.source.text) {
            Ok(v) => v.get("format").and_then(|f| f.as_str()).map(str::to_string),
            // Let the loader report the syntax error with its position.
            Err(_) => return Ok(Kind::Questionnaire),
        },
    };
    match format.as_deref() {
        Some(f) if f.starts_with("leapcheck/questionnaire") => Ok(Kind::Questionnaire),
        Some(f) if f.starts_with("leapcheck/answers") => Ok(Kind::Sheet),
        Some(f) if f.starts_with("leapcheck/mapping") => Ok(Kind::Mapping),
        Some(f) => Err(format!(
            "unknown format `{f}`; write `format: {}`, `format: {}` or `format: {}`",
            questionnaire::FORMAT,
            sheet::FORMAT,
            crate::import::mapping::FORMAT
        )),
        None => Err(format!(
            "no `format:` line, so this is neither a questionnaire nor an answer sheet; add `format: {}` or `format: {}`",
            questionnaire::FORMAT,
            sheet::FORMAT
        )),
    }
}

/// The `id@version` a questionnaire file declares, read without validating it.
fn declared_reference(text: &str) -> Option<String> {
    let v: serde_yaml::Value = serde_yaml::from_str(text).ok()?;
    let field = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
    Some(format!("{}@{}", field("id")?, field("version")?))
}
