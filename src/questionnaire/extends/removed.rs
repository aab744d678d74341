//! Finds where a merged questionnaire still uses something its variant removed, so that the
//! error names both places: the use, and the line of `remove` that took it away.

use serde_yaml::Value;

use super::merge::Removed;
use crate::error::{Diagnostic, Severity};
use crate::source::{Source, index_path, key_path};

/// An error at every use, in `merged`, of an id in `removed`. `variant` is the file whose
/// `remove` names them.
pub fn uses(
    merged: &Source,
    value: &Value,
    variant: &Source,
    removed: &[Removed],
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (path, kinds, text) in references(value) {
        let words: Vec<&str> = if kinds.len() > 1 {
            condition_words(text)
        } else {
            vec![text]
        };
        for gone in removed.iter().filter(|x| kinds.contains(&x.kind)) {
            if words.contains(&gone.id.as_str()) {
                let at = match variant.locate(&gone.path) {
                    Some(l) => format!("{}:{}:{}", variant.name, l.line, l.col),
                    None => variant.name.clone(),
                };
                let what = gone.kind.trim_end_matches('s');
                let message = format!(
                    "this uses the {what} `{}`, which `{}` removes ({at}); give this item in the variant without it, or keep the {what}",
                    gone.id, gone.path
                );
                out.push(merged.diagnostic(Severity::Error, &path, false, message));
            }
        }
    }
    out
}

/// Every place in a questionnaire document that names another item: its path, the kinds of item
/// it may name, and its text (a condition, which may name questions and dimensions, or one id).
fn references(doc: &Value) -> Vec<(String, &'static [&'static str], &str)> {
    const CONDITION: &[&str] = &["questions", "dimensions"];
    let mut out = Vec::new();
    let list = |key: &str| {
        doc.get(key)
            .and_then(Value::as_sequence)
            .map_or(&[][..], Vec::as_slice)
    };
    for (d, dim) in list("dimensions").iter().enumerate() {
        let at = key_path(&index_path("dimensions", d), "questions");
        let questions = dim.get("questions").and_then(Value::as_sequence);
        for (k, q) in questions.into_iter().flatten().enumerate() {
            if let Some(text) = q.get("show_if").and_then(Value::as_str) {
                out.push((key_path(&index_path(&at, k), "show_if"), CONDITION, text));
            }
        }
    }
    for key in ["gates", "patterns", "actions"] {
        for (i, item) in list(key).iter().enumerate() {
            let path = index_path(key, i);
            if let Some(text) = item.get("when").and_then(Value::as_str) {
                out.push((key_path(&path, "when"), CONDITION, text));
            }
            let ids: [(&str, &'static [&'static str]); 3] = [
                ("actions", &["actions"]),
                ("after", &["actions"]),
                ("clears", &["gates"]),
            ];
            for (field, kinds) in ids {
                let names = item.get(field).and_then(Value::as_sequence);
                for (n, name) in names.into_iter().flatten().enumerate() {
                    if let Some(name) = name.as_str() {
                        out.push((index_path(&key_path(&path, field), n), kinds, name));
                    }
                }
            }
            if let Some(dim) = item.get("dimension").and_then(Value::as_str) {
                out.push((key_path(&path, "dimension"), &["dimensions"], dim));
            }
        }
    }
    out
}

/// The names in a condition outside its quoted strings: question and dimension ids, and the
/// language's own words.
fn condition_words(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut quote = None;
    let mut start = None;
    for (i, c) in text.char_indices() {
        let word = c.is_ascii_alphanumeric() || c == '_';
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if word => {
                start.get_or_insert(i);
            }
            None => {
                if let Some(s) = start.take() {
                    out.push(&text[s..i]);
                }
                if c == '"' || c == '\'' {
                    quote = Some(c);
                }
            }
        }
    }
    if let (Some(s), None) = (start, quote) {
        out.push(&text[s..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::condition_words;

    #[test]
    fn words_outside_quotes() {
        assert_eq!(
            condition_words("a == \"b c\" and score(dim_1) < 3 or not x_y"),
            ["a", "and", "score", "dim_1", "3", "or", "not", "x_y"]
        );
    }
}
