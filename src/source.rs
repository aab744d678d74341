//! A YAML input file with a map from YAML paths to line and column.
//!
//! serde tells where a *syntax* or *type* error is, but once a file is deserialized the positions
//! are gone. To locate semantic problems (an unknown id inside a `when`, a duplicate id) we read
//! the same text once more as a stream of marked events and remember where every key and value
//! starts, keyed by its path: `dimensions[0].questions[2].show_if`.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use crate::error::{Diagnostic, Severity};

mod origins;
pub use origins::Origins;

/// Why a list item did not deserialize.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemError {
    /// The path of the failing field inside the item (`when`, `options[2].points`); empty when
    /// the item itself is wrong.
    pub field: String,
    /// What serde said.
    pub message: String,
    /// The item's `id`, when it has one, so that references to it are not reported a second
    /// time.
    pub id: Option<String>,
}

/// Where a node starts. `inline_offset` is the column shift from the node's start to the first
/// character of its content (1 for a quoted scalar), present only for single-line scalars, so a
/// byte offset inside a condition can be turned into an exact column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Loc {
    pub line: usize,
    pub col: usize,
    pub inline_offset: Option<usize>,
}

/// A loaded input file: its display name, text and position index.
///
/// The index is built on first use: a valid file is read by serde alone, and positions are only
/// worked out when there is something to report.
#[derive(Debug)]
pub struct Source {
    pub name: String,
    pub text: String,
    index: std::sync::OnceLock<Index>,
    /// For a document merged from several files (a questionnaire that `extends` another): where
    /// each part of it came from. Positions and file names are then looked up there.
    origins: Option<Box<Origins>>,
}

#[derive(Debug, Default)]
struct Index {
    values: HashMap<String, Loc>,
    keys: HashMap<String, Loc>,
    /// Keys that repeat in their mapping: the key and where the repeat is.
    duplicates: Vec<(String, Loc)>,
    /// Where the nesting first went deeper than any loader accepts.
    too_deep: Option<Loc>,
}

/// Whether flow brackets (`[`, `{`) nest deeper than `max` outside quotes and comments: a quick
/// scan that lets ordinary files skip the full index. A quote opens only where a YAML scalar can
/// start, and quotes and comments end with their line, so an apostrophe in a word changes nothing.
fn flow_deeper_than(text: &str, max: usize) -> bool {
    // Most files are in block style and hold no bracket at all; this is checked in 64-byte
    // chunks that the compiler turns into vector instructions.
    let bracket = |chunk: &[u8]| {
        chunk
            .iter()
            .fold(false, |any, &b| any | (b == b'[') | (b == b'{'))
    };
    if !text.as_bytes().chunks(64).any(bracket) {
        return false;
    }
    let mut depth = 0usize;
    for line in text.lines() {
        let mut quote: Option<char> = None;
        let mut prev = ' ';
        for c in line.chars() {
            match quote {
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None => match c {
                    '#' if prev.is_whitespace() => break,
                    '\'' | '"' if prev.is_whitespace() || "[{,:".contains(prev) => quote = Some(c),
                    '[' | '{' => {
                        depth += 1;
                        if depth > max {
                            return true;
                        }
                    }
                    ']' | '}' => depth = depth.saturating_sub(1),
                    _ => {}
                },
            }
            prev = c;
        }
    }
    false
}

impl Source {
    /// An error when the text nests deeper than a questionnaire or sheet ever needs. Checked
    /// before any serde parsing, whose scanner slows down sharply on deep flow nesting.
    pub fn depth_error(&self) -> Option<Diagnostic> {
        if !flow_deeper_than(&self.text, MAX_INDEX_DEPTH)
            && self.index.get().is_none_or(|i| i.too_deep.is_none())
        {
            return None;
        }
        self.index().too_deep.map(|loc| {
            self.diagnostic_at(
                Severity::Error,
                "",
                Some((loc.line, loc.col)),
                format!(
                    "the file nests lists or mappings more than {MAX_INDEX_DEPTH} levels deep, more than a questionnaire or an answer sheet ever needs; flatten it"
                ),
            )
        })
    }

    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Source {
        Source {
            name: name.into(),
            text: text.into(),
            index: std::sync::OnceLock::new(),
            origins: None,
        }
    }

    fn index(&self) -> &Index {
        self.index.get_or_init(|| {
            let mut indexer = Indexer::default();
            // A text that does not parse gets what was indexed before the error; serde reports
            // the syntax error itself.
            if let Err(e) = Parser::new_from_str(&self.text).load(&mut indexer, false)
                && e.info().contains("recursion limit")
            {
                indexer.too_deep.get_or_insert(Loc {
                    line: e.marker().line(),
                    col: e.marker().col() + 1,
                    inline_offset: None,
                });
            }
            // The document as a whole is placed at its first key, where a reader starts looking.
            if let Some(first) = indexer.keys.values().min_by_key(|l| (l.line, l.col)) {
                indexer.values.insert(String::new(), *first);
            }
            Index {
                values: indexer.values,
                keys: indexer.keys,
                duplicates: indexer.duplicates,
                too_deep: indexer.too_deep,
            }
        })
    }

    /// Where the value at `path` starts, or the nearest ancestor that has a position.
    pub fn locate(&self, path: &str) -> Option<Loc> {
        let (file, path) = self.origin(path);
        file.locate_here(&path)
    }

    fn locate_here(&self, path: &str) -> Option<Loc> {
        let mut p = path;
        loop {
            if let Some(loc) = self.index().values.get(p) {
                return Some(*loc);
            }
            p = parent(p)?;
        }
    }

    /// Where the key of the mapping entry at `path` starts (falls back to [`Source::locate`]).
    pub fn locate_key(&self, path: &str) -> Option<Loc> {
        let (file, path) = self.origin(path);
        file.index()
            .keys
            .get(&path)
            .copied()
            .or_else(|| file.locate_here(&path))
    }

    /// Finds a key named `key` at or below `prefix`, for serde errors that name a field but not
    /// where it is. The first in document order wins.
    pub fn find_key_below(&self, prefix: &str, key: &str) -> Option<Loc> {
        let (file, prefix) = self.origin(prefix);
        let prefix = prefix.as_str();
        file.index()
            .keys
            .iter()
            .filter(|(p, _)| {
                (p.as_str() == key && prefix.is_empty())
                    || (p.starts_with(prefix) && p.ends_with(&format!(".{key}")))
            })
            .map(|(_, loc)| *loc)
            .min_by_key(|loc| (loc.line, loc.col))
    }

    pub fn diagnostic(
        &self,
        severity: Severity,
        path: &str,
        key: bool,
        message: String,
    ) -> Diagnostic {
        let loc = if key {
            self.locate_key(path)
        } else {
            self.locate(path)
        };
        self.diagnostic_at(severity, path, loc.map(|l| (l.line, l.col)), message)
    }

    pub fn diagnostic_at(
        &self,
        severity: Severity,
        path: &str,
        position: Option<(usize, usize)>,
        message: String,
    ) -> Diagnostic {
        let (file, path) = self.origin(path);
        Diagnostic {
            severity,
            file: file.name.clone(),
            position,
            path,
            message,
        }
    }
}

/// The parent of a YAML path: `a.b[2]` → `a.b`, `a.b` → `a`, `a` → ``.
fn parent(path: &str) -> Option<&str> {
    if path.is_empty() {
        return None;
    }
    let cut = path.rfind(['.', '[']).unwrap_or(0);
    Some(&path[..cut])
}

/// Joins a key onto a path.
pub fn key_path(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

/// Joins a sequence index onto a path.
pub fn index_path(parent: &str, index: usize) -> String {
    format!("{parent}[{index}]")
}

enum Frame {
    Map { path: String, key: Option<String> },
    Seq { path: String, next: usize },
}

#[derive(Default)]
struct Indexer {
    stack: Vec<Frame>,
    /// Nesting below [`MAX_INDEX_DEPTH`], where positions stop being recorded.
    skipped_depth: usize,
    too_deep: Option<Loc>,
    values: HashMap<String, Loc>,
    keys: HashMap<String, Loc>,
    /// Keys that repeat in their mapping: the key and where the repeat is.
    duplicates: Vec<(String, Loc)>,
}

impl Indexer {
    /// The path of the node about to start, or `None` when it is a mapping key.
    fn next_value_path(&mut self) -> Option<String> {
        match self.stack.last_mut() {
            None => Some(String::new()),
            Some(Frame::Seq { path, next }) => {
                let p = index_path(path, *next);
                *next += 1;
                Some(p)
            }
            Some(Frame::Map { path, key }) => key.take().map(|k| key_path(path, &k)),
        }
    }

    fn record(&mut self, path: &str, mark: Marker, inline_offset: Option<usize>) {
        let loc = Loc {
            line: mark.line(),
            col: mark.col() + 1,
            inline_offset,
        };
        self.values.entry(path.to_string()).or_insert(loc);
    }
}

/// Nesting deeper than this is refused (serde's own limit is 128); positions are not recorded
/// below it, where indexing would cost time quadratic in the depth.
pub const MAX_INDEX_DEPTH: usize = 128;

impl MarkedEventReceiver for Indexer {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        if self.skipped_depth > 0 || self.stack.len() >= MAX_INDEX_DEPTH {
            match ev {
                Event::SequenceStart(..) | Event::MappingStart(..) => {
                    self.skipped_depth += 1;
                    self.too_deep.get_or_insert(Loc {
                        line: mark.line(),
                        col: mark.col() + 1,
                        inline_offset: None,
                    });
                }
                Event::SequenceEnd | Event::MappingEnd if self.skipped_depth > 0 => {
                    self.skipped_depth -= 1;
                }
                Event::SequenceEnd | Event::MappingEnd => {
                    self.stack.pop();
                }
                _ => {}
            }
            return;
        }
        match ev {
            Event::Scalar(value, style, ..) => match self.next_value_path() {
                Some(path) => {
                    let offset = match style {
                        _ if value.contains('\n') => None,
                        TScalarStyle::Plain => Some(0),
                        TScalarStyle::SingleQuoted | TScalarStyle::DoubleQuoted => Some(1),
                        _ => None,
                    };
                    self.record(&path, mark, offset);
                }
                None => {
                    if let Some(Frame::Map { path, key }) = self.stack.last_mut() {
                        let p = key_path(path, &value);
                        let loc = Loc {
                            line: mark.line(),
                            col: mark.col() + 1,
                            inline_offset: None,
                        };
                        match self.keys.entry(p) {
                            std::collections::hash_map::Entry::Occupied(_) => {
                                self.duplicates.push((value.clone(), loc));
                            }
                            std::collections::hash_map::Entry::Vacant(slot) => {
                                slot.insert(loc);
                            }
                        }
                        *key = Some(value);
                    }
                }
            },
            Event::Alias(_) => {
                if let Some(path) = self.next_value_path() {
                    self.record(&path, mark, None);
                }
            }
            Event::SequenceStart(..) => {
                let path = self.next_value_path().unwrap_or_default();
                self.record(&path, mark, None);
                self.stack.push(Frame::Seq { path, next: 0 });
            }
            Event::MappingStart(..) => {
                let path = self.next_value_path().unwrap_or_default();
                self.record(&path, mark, None);
                self.stack.push(Frame::Map { path, key: None });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

/// Collects the diagnostics of one file.
pub struct Report<'a> {
    pub src: &'a Source,
    pub diagnostics: Vec<Diagnostic>,
    /// Ids of items already reported as broken, so their uses elsewhere are not reported again.
    pub broken_ids: std::collections::HashSet<String>,
    /// How many more "did you mean" searches this file may have: each compares a name with
    /// every id of its kind, and tens of thousands of unknown names against tens of thousands of
    /// ids would take minutes. Past the budget, messages simply say what is unknown.
    suggestions_left: usize,
}

/// "Did you mean" searches over long lists allowed per file (see `Report::hint`).
pub const SUGGESTIONS_PER_FILE: usize = 200;

impl<'a> Report<'a> {
    pub fn new(src: &'a Source) -> Report<'a> {
        Report {
            src,
            diagnostics: Vec::new(),
            broken_ids: Default::default(),
            suggestions_left: SUGGESTIONS_PER_FILE,
        }
    }

    /// `error::hint` for `wrong` among `candidates`, while this file's budget of searches lasts
    /// (a short list costs nothing from it); empty once it is spent.
    pub fn hint<'c>(
        &mut self,
        wrong: &str,
        candidates: impl IntoIterator<Item = &'c str>,
    ) -> String {
        let candidates: Vec<&str> = candidates.into_iter().collect();
        if candidates.len() > crate::error::SHORT_LIST {
            if self.suggestions_left == 0 {
                return String::new();
            }
            self.suggestions_left -= 1;
        }
        crate::error::hint(wrong, candidates)
    }

    /// An error at the value of `path`.
    pub fn error(&mut self, path: &str, message: impl Into<String>) {
        let d = self
            .src
            .diagnostic(Severity::Error, path, false, message.into());
        self.diagnostics.push(d);
    }

    /// An error at the key of `path` (for unknown or misplaced fields).
    pub fn error_key(&mut self, path: &str, message: impl Into<String>) {
        let d = self
            .src
            .diagnostic(Severity::Error, path, true, message.into());
        self.diagnostics.push(d);
    }

    pub fn warning(&mut self, path: &str, message: impl Into<String>) {
        let d = self
            .src
            .diagnostic(Severity::Warning, path, false, message.into());
        self.diagnostics.push(d);
    }

    /// An error at a byte offset inside the string value at `path` (a condition), placed at the
    /// exact column when the string sits on one line.
    pub fn error_in_string(
        &mut self,
        path: &str,
        text: &str,
        offset: usize,
        message: impl Into<String>,
    ) {
        let loc = self.src.locate(path);
        let position = loc.map(|l| match l.inline_offset {
            Some(shift) => {
                let chars = text
                    .get(..offset.min(text.len()))
                    .map_or(0, |s| s.chars().count());
                (l.line, l.col + shift + chars)
            }
            None => (l.line, l.col),
        });
        let d = self
            .src
            .diagnostic_at(Severity::Error, path, position, message.into());
        self.diagnostics.push(d);
    }

    /// Reports a list item that failed to deserialize (see `questionnaire::raw::Item`), placing
    /// "unknown field" errors on the field itself.
    pub fn item_error(&mut self, path: &str, e: &ItemError) {
        let (inner, serde_message) = (e.field.as_str(), e.message.as_str());
        let path = &if inner.is_empty() {
            path.to_string()
        } else {
            format!("{path}.{inner}").replace(".[", "[")
        };
        let field = between(serde_message, "unknown field `", "`");
        let mut message = explain_serde(serde_message);
        if field.is_none() && !inner.is_empty() {
            message = format!("`{inner}`: {message}");
        }
        match field.and_then(|f| self.src.find_key_below(path, f)) {
            Some(loc) => {
                let d = self.src.diagnostic_at(
                    Severity::Error,
                    path,
                    Some((loc.line, loc.col)),
                    message,
                );
                self.diagnostics.push(d);
            }
            None => self.error(path, message),
        }
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }

    /// Deserializes the whole file, reporting a syntax or structure error with its position.
    pub fn deserialize<T: serde::de::DeserializeOwned>(&mut self) -> Option<T> {
        match serde_yaml::from_str::<T>(&self.src.text) {
            Ok(v) => Some(v),
            Err(e) => {
                let mut position = e.location().map(|l| (l.line(), l.column()));
                if let Some(key) = between(&e.to_string(), "duplicate entry with key \"", "\"") {
                    if let Some((_, loc)) =
                        self.src.index().duplicates.iter().find(|(k, _)| k == key)
                    {
                        position = Some((loc.line, loc.col));
                    }
                    let message =
                        format!("`{key}` appears twice in the same mapping; keep one of them");
                    let d = self
                        .src
                        .diagnostic_at(Severity::Error, "", position, message);
                    self.diagnostics.push(d);
                    return None;
                }
                let raw = e.to_string();
                if raw.contains("more than one document") {
                    let message = "a second YAML document starts here; a file holds one questionnaire or one answer sheet, so remove this `---` and what follows (or move it to a file of its own)";
                    let at = second_document(&self.src.text).map(|line| (line, 1));
                    let d = self
                        .src
                        .diagnostic_at(Severity::Error, "", at, message.into());
                    self.diagnostics.push(d);
                    return None;
                }
                let raw = match raw.rfind(" at line ") {
                    Some(cut) if position.is_some() => raw[..cut].to_string(),
                    _ => raw,
                };
                let d = self
                    .src
                    .diagnostic_at(Severity::Error, "", position, explain_serde(&raw));
                self.diagnostics.push(d);
                None
            }
        }
    }
}

/// The line (1-based) of the `---` that starts a second YAML document, if one does: the first
/// `---` after some content, or the second `---` of all.
fn second_document(text: &str) -> Option<usize> {
    let mut content = false;
    for (i, line) in text.lines().enumerate() {
        let marker = line == "---" || line.starts_with("--- ");
        if marker && content {
            return Some(i + 1);
        }
        let blank = line.trim().is_empty() || line.trim_start().starts_with('#');
        content |= marker || !blank;
    }
    None
}

fn between<'s>(s: &'s str, start: &str, end: &str) -> Option<&'s str> {
    let from = s.find(start)? + start.len();
    let len = s[from..].find(end)?;
    Some(&s[from..from + len])
}

/// The `path: ` serde puts before `marker` in nested errors, or nothing.
fn path_prefix(message: &str, marker: &str) -> String {
    let prefix = message
        .split(marker)
        .next()
        .unwrap_or("")
        .trim_end_matches([':', ' ']);
    if prefix.is_empty() {
        String::new()
    } else {
        format!("{prefix}: ")
    }
}

/// serde names our raw structs in "expected struct RawRespondent"; say what is meant.
fn tidy_expected(message: &str) -> String {
    let message = match message.find("expected struct Raw") {
        Some(i) => format!(
            "{}expected a mapping of `key: value` entries",
            &message[..i]
        ),
        None => message.to_string(),
    };
    // Rust's names for number types mean nothing to the author of a questionnaire.
    const WORDS: [(&str, &str); 9] = [
        (" as u128", ""),
        (" as i128", ""),
        ("expected u8", "expected a whole number from 0 to 255"),
        ("expected u32", "expected a whole number of 0 or more"),
        ("expected u64", "expected a whole number of 0 or more"),
        ("expected usize", "expected a whole number of 0 or more"),
        ("expected i64", "expected a whole number"),
        ("expected f64", "expected a number"),
        ("expected f32", "expected a number"),
    ];
    WORDS
        .iter()
        .fold(message, |m, (rust, words)| m.replace(rust, words))
}

/// Adds the fix to serde's terse messages.
fn explain_serde(message: &str) -> String {
    let message = &tidy_expected(message);
    if let Some(field) = between(message, "unknown field `", "`") {
        let expected = message
            .split_once(", expected ")
            .map(|(_, e)| e)
            .unwrap_or("");
        let fields: Vec<&str> = expected
            .split([',', ' '])
            .filter_map(|s| s.strip_prefix('`').and_then(|s| s.strip_suffix('`')))
            .collect();
        let prefix = path_prefix(message, "unknown field");
        return match crate::error::did_you_mean(field, fields.iter().copied()) {
            Some(b) => format!("{prefix}unknown field `{field}`; did you mean `{b}`?"),
            None => format!(
                "{prefix}unknown field `{field}`; remove it (allowed here: {})",
                fields.join(", ")
            ),
        };
    }
    if let Some(field) = between(message, "missing field `", "`") {
        let prefix = path_prefix(message, "missing field");
        return format!("{prefix}missing field `{field}`; add `{field}: …`");
    }
    if message.contains("recursion limit exceeded") {
        return "the file nests lists or mappings too deeply to be a questionnaire or an answer sheet (more than 128 levels); flatten it".to_string();
    }
    if message.contains("repetition limit exceeded") {
        return "the file repeats YAML aliases too often to be a questionnaire or an answer sheet (an alias bomb?); write the values out instead of using anchors".to_string();
    }
    if message.starts_with("invalid type") || message.contains(": invalid type") {
        return format!(
            "{message}; check the value's type (quote text, write numbers bare, lists as [a, b])"
        );
    }
    const DATA_ERRORS: [&str; 5] = [
        "invalid value",
        "duplicate",
        "unknown variant",
        "invalid length",
        "recursion",
    ];
    if DATA_ERRORS.iter().any(|e| message.contains(e)) {
        return message.to_string();
    }
    format!(
        "the YAML does not parse: {message}; check the indentation, quotes and brackets here and on the line before"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexes_keys_and_values() {
        let src = Source::new("t.yaml", "a: 1\nb:\n  - x: 'hi'\n    y: [1, 2]\n");
        assert_eq!(src.locate("a").map(|l| (l.line, l.col)), Some((1, 4)));
        assert_eq!(
            src.locate_key("b[0].x").map(|l| (l.line, l.col)),
            Some((3, 5))
        );
        let x = src.locate("b[0].x").unwrap();
        assert_eq!((x.line, x.col, x.inline_offset), (3, 8, Some(1)));
        assert_eq!(src.locate("b[0].y[1]").map(|l| l.line), Some(4));
        assert_eq!(src.locate("b[0].nope").map(|l| l.line), Some(3));
    }
}
