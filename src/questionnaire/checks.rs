//! Checks shared by the validation of every part of a questionnaire: ids, numbers, and list
//! items that did not parse.

use std::collections::HashMap;

use super::raw::Item;
use crate::source::{Report, index_path};

/// Reports NaN and infinities, which YAML allows (`.nan`, `.inf`) but no score can use.
pub(super) fn finite(r: &mut Report, path: &str, x: f64) -> bool {
    let field = path.rsplit('.').next().unwrap_or(path);
    if !x.is_finite() {
        r.error(
            path,
            format!("`{field}` is {x}, not a usable number; write an ordinary number such as 2"),
        );
    } else if x.abs() > MAX_NUMBER {
        // Sums and differences of such numbers overflow into infinities, and scores into NaN.
        r.error(
            path,
            format!("`{field}` is {x:e}, beyond ±{MAX_NUMBER:e}; points and scale values are small numbers such as 0 to 4"),
        );
    }
    x.is_finite() && x.abs() <= MAX_NUMBER
}

/// The largest points, scale value or band a questionnaire may give.
pub(super) const MAX_NUMBER: f64 = 1e9;

/// `[a-z][a-z0-9_]*`
pub fn is_id(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some('a'..='z'))
        && chars.all(|c| matches!(c, 'a'..='z' | '0'..='9' | '_'))
}

pub(super) fn check_id(
    r: &mut Report,
    path: &str,
    id: &str,
    kind: &str,
    seen: &mut HashMap<String, String>,
) {
    if !is_id(id) {
        r.error(
            path,
            format!("{kind} id `{id}` is not valid; use lowercase letters, digits and `_`, starting with a letter (e.g. `{}`)", suggest_id(id)),
        );
    }
    if let Some(first) = seen.get(id) {
        r.error(
            path,
            format!(
                "duplicate {kind} id `{id}` (first used at {first}); give each {kind} its own id"
            ),
        );
    } else {
        seen.insert(id.to_string(), path.to_string());
    }
}

pub(super) fn suggest_id(s: &str) -> String {
    let mut out: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    if !out.starts_with(|c: char| c.is_ascii_lowercase()) {
        out.insert(0, 'x');
    }
    out
}

/// Unwraps list items, reporting the broken ones.
pub(super) fn items<'i, T>(
    r: &mut Report,
    path: &str,
    list: &'i [Item<T>],
) -> Vec<(String, &'i T)> {
    let mut out = Vec::new();
    for (i, item) in list.iter().enumerate() {
        let p = index_path(path, i);
        match &item.0 {
            Ok(v) => out.push((p, v)),
            Err(e) => {
                r.item_error(&p, e);
                r.broken_ids.extend(e.id.clone());
            }
        }
    }
    out
}
