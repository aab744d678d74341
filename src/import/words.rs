//! How cell texts and headers are compared: trimmed, runs of spaces as one, typographic quotes as
//! plain ones, and case ignored, since survey tools and spreadsheets change all of these.

/// The words that mean "not applicable" in a cell.
pub const NOT_APPLICABLE: [&str; 4] = ["n/a", "na", "not applicable", "n.a."];
pub const YES: [&str; 4] = ["yes", "y", "true", "1"];
pub const NO: [&str; 4] = ["no", "n", "false", "0"];

/// Trimmed, runs of whitespace as one space, typographic quotes as plain ones; case kept.
pub fn fold(s: &str) -> String {
    let plain: String = s
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{201b}' | '\u{2032}' | '`' => '\'',
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{2033}' => '"',
            '\u{2013}' | '\u{2014}' => '-',
            c => c,
        })
        .collect();
    plain.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The form of `s` that lookups compare: folded and lower-cased.
pub fn key(s: &str) -> String {
    fold(s).to_lowercase()
}

/// Whether two texts are the same answer or header, ignoring case, spacing and quote style.
pub fn same(a: &str, b: &str) -> bool {
    key(a) == key(b)
}

/// Whether `s` is one of `words` (which are lower case).
pub fn is_one_of(s: &str, words: &[&str]) -> bool {
    let k = key(s);
    words.contains(&k.as_str())
}

/// A label on one line, for messages and comments.
pub fn label_text(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `s` on one line, cut to `max` characters with an ellipsis.
pub fn short(s: &str, max: usize) -> String {
    let s = label_text(s);
    match s.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", s[..cut].trim_end()),
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compares_ignoring_case_spaces_and_quote_style() {
        assert!(same(
            "  What is {organization}\u{2019}s  plan? ",
            "what is {organization}'s plan?"
        ));
        assert!(!same("Sales", "Sale"));
        assert!(is_one_of(" N/A ", &NOT_APPLICABLE));
        assert_eq!(short("a b c d e", 3), "a b…");
    }
}
