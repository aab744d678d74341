//! A quick reader for the plain subset of YAML that answer sheets are written in.
//!
//! A workshop can hold thousands of sheets, and the general YAML parser was most of the time
//! spent loading them. Sheets written by `leapcheck interview`, `import` and most hands use only
//! block mappings and sequences of simple scalars, one per line, with comments; this reads that
//! subset line by line into the same [`Value`] the full parser gives. Anything outside it (block
//! scalars, anchors, tags, escapes, multi-line scalars, nested flow collections, duplicate keys,
//! numbers in unusual notations) makes [`parse`] return `None`, and the caller falls back to the
//! full parser, which also reports every error with its position. The reader never decides
//! anything the full parser would decide differently: a property test checks that whenever it
//! returns a value, the full parser returns the same one.

use serde_yaml::{Mapping, Value};

/// The document, when it is a mapping written in the subset; `None` otherwise.
pub fn parse(text: &str) -> Option<Value> {
    let lines = lines(text)?;
    let mut reader = Reader { lines, pos: 0 };
    let first = reader.lines.first()?;
    if first.indent != 0 {
        return None;
    }
    let map = reader.mapping(0, 1)?;
    (reader.pos == reader.lines.len()).then_some(Value::Mapping(map))
}

/// How far (in bytes) a key's colon may be from the key's start: a YAML parser looks no further
/// than 1024 characters for the colon of a key on one line.
const MAX_KEY: usize = 1000;

/// How deep collections may nest: the full parser refuses more than 128 levels.
const MAX_DEPTH: usize = 100;

#[derive(Clone, Copy)]
struct Line<'a> {
    indent: usize,
    /// The line after its indentation, without trailing spaces.
    body: &'a str,
}

/// The content lines of `text` (blank lines and whole-line comments dropped); `None` when the text
/// holds a character or a document marker the subset leaves to the full parser.
fn lines(text: &str) -> Option<Vec<Line<'_>>> {
    // Byte by byte for ASCII, the usual case; character by character only when it is not.
    let ascii = text
        .bytes()
        .all(|b| matches!(b, b' '..=b'~' | b'\n' | b'\r'));
    if !ascii && !text.chars().all(printable) {
        return None;
    }
    let mut out = Vec::new();
    for raw in text.split('\n') {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.contains('\r') {
            return None;
        }
        let body = line.trim_start_matches(' ');
        let body = body.trim_end_matches(' ');
        if body.is_empty() || body.starts_with('#') {
            continue;
        }
        let indent = line.len() - line.trim_start_matches(' ').len();
        if indent == 0 && (body.starts_with("---") || body.starts_with("...")) {
            return None;
        }
        out.push(Line { indent, body });
    }
    Some(out)
}

/// YAML's printable characters, less tabs and the characters some readers take as line breaks
/// or byte-order marks.
fn printable(c: char) -> bool {
    matches!(c, '\n' | '\r' | ' '..='~' | '\u{A0}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
        && !matches!(c, '\u{2028}' | '\u{2029}' | '\u{FEFF}')
}

struct Reader<'a> {
    lines: Vec<Line<'a>>,
    pos: usize,
}

impl<'a> Reader<'a> {
    fn peek(&self) -> Option<Line<'a>> {
        self.lines.get(self.pos).copied()
    }

    /// A block mapping whose keys are indented by `indent`, `depth` collections deep.
    fn mapping(&mut self, indent: usize, depth: usize) -> Option<Mapping> {
        if depth > MAX_DEPTH {
            return None;
        }
        let mut map = Mapping::new();
        while let Some(line) = self.peek() {
            if line.indent < indent {
                break;
            }
            if line.indent > indent || is_item(line.body) {
                return None;
            }
            let (key, rest) = split_key(line.body)?;
            self.pos += 1;
            let value = if rest.is_empty() {
                match self.peek() {
                    Some(next) if next.indent > indent && is_item(next.body) => {
                        Value::Sequence(self.sequence(next.indent, depth + 1)?)
                    }
                    Some(next) if next.indent > indent => {
                        Value::Mapping(self.mapping(next.indent, depth + 1)?)
                    }
                    // A sequence may sit at its key's own indentation.
                    Some(next) if next.indent == indent && is_item(next.body) => {
                        Value::Sequence(self.sequence(indent, depth + 1)?)
                    }
                    _ => Value::Null,
                }
            } else {
                let value = value(rest, depth + 1)?;
                if self.peek().is_some_and(|next| next.indent > indent) {
                    return None;
                }
                value
            };
            // A repeated key is the full parser's to report.
            if map.insert(key, value).is_some() {
                return None;
            }
        }
        Some(map)
    }

    /// A block sequence of scalars whose dashes are indented by `indent`.
    fn sequence(&mut self, indent: usize, depth: usize) -> Option<Vec<Value>> {
        if depth > MAX_DEPTH {
            return None;
        }
        let mut items = Vec::new();
        while let Some(line) = self.peek() {
            if line.indent != indent || !is_item(line.body) {
                break;
            }
            let item = line.body[1..].trim_start_matches(' ');
            if item.is_empty() || is_item(item) || split_key(item).is_some() {
                return None;
            }
            items.push(value(item, depth + 1)?);
            self.pos += 1;
        }
        if self.peek().is_some_and(|next| next.indent > indent) {
            return None;
        }
        Some(items)
    }
}

/// A sequence entry: a dash followed by a space or nothing.
fn is_item(body: &str) -> bool {
    body == "-" || body.starts_with("- ")
}

/// `key: rest` split at its colon, the key read as a string; `rest` is empty when the value is on
/// the next lines (a trailing comment dropped). `None` when the line is not such a pair.
fn split_key(body: &str) -> Option<(Value, &str)> {
    let (key, after) = if body.starts_with(['\'', '"']) {
        let (text, len) = quoted(body)?;
        if len > MAX_KEY {
            return None;
        }
        (Value::String(text), &body[len..])
    } else {
        let colon = body
            .match_indices(':')
            .map(|(i, _)| i)
            .find(|&i| body[i + 1..].is_empty() || body[i + 1..].starts_with(' '))?;
        let text = body[..colon].trim_end_matches(' ');
        if colon > MAX_KEY || text.contains(['#', '[', ']', '{', '}']) || starts_badly(text) {
            return None;
        }
        match plain(text)? {
            Value::String(s) => (Value::String(s), &body[colon..]),
            _ => return None,
        }
    };
    let rest = after.strip_prefix(':')?;
    if !(rest.is_empty() || rest.starts_with(' ')) {
        return None;
    }
    let rest = rest.trim_start_matches(' ');
    Some((key, if rest.starts_with('#') { "" } else { rest }))
}

/// A value written on its key's or dash's line: a quoted or plain scalar, or a flow sequence or
/// mapping of plain scalars.
fn value(text: &str, depth: usize) -> Option<Value> {
    if text.starts_with(['[', '{']) && depth > MAX_DEPTH {
        return None;
    }
    if text.starts_with(['\'', '"']) {
        let (s, len) = quoted(text)?;
        return end_of_line(&text[len..]).then_some(Value::String(s));
    }
    if let Some(inner) = text.strip_prefix('[') {
        let (inner, rest) = inner.split_once(']')?;
        if !end_of_line(rest) {
            return None;
        }
        return flow_items(inner)?
            .into_iter()
            .map(flow_scalar)
            .collect::<Option<Vec<Value>>>()
            .map(Value::Sequence);
    }
    if let Some(inner) = text.strip_prefix('{') {
        let (inner, rest) = inner.split_once('}')?;
        if !end_of_line(rest) {
            return None;
        }
        let mut map = Mapping::new();
        for entry in flow_items(inner)? {
            let (key, value) = entry.split_once(": ")?;
            if key.len() > MAX_KEY {
                return None;
            }
            let key = flow_scalar(key.trim_end_matches(' '))?;
            if !key.is_string() || map.contains_key(&key) {
                return None;
            }
            map.insert(key, flow_scalar(value.trim_start_matches(' '))?);
        }
        return Some(Value::Mapping(map));
    }
    // A comment starts at a `#` after a space.
    let text = match text.find(" #") {
        Some(cut) => text[..cut].trim_end_matches(' '),
        None => text,
    };
    if text == "~" {
        return Some(Value::Null);
    }
    if starts_badly(text)
        || text.ends_with(':')
        || text.contains(": ")
        || text.contains(['[', ']', '{', '}'])
    {
        return None;
    }
    plain(text)
}

/// Whether only spaces and perhaps a comment follow.
fn end_of_line(rest: &str) -> bool {
    rest.is_empty() || (rest.starts_with(' ') && rest.trim_start_matches(' ').starts_with('#'))
}

/// The comma-separated entries between flow brackets, each trimmed; `None` when an entry is
/// empty (a trailing comma, say), which the full parser judges.
fn flow_items(inner: &str) -> Option<Vec<&str>> {
    if inner.trim_matches(' ').is_empty() {
        return Some(Vec::new());
    }
    inner
        .split(',')
        .map(|item| Some(item.trim_matches(' ')).filter(|i| !i.is_empty()))
        .collect()
}

/// A plain scalar inside flow brackets.
fn flow_scalar(text: &str) -> Option<Value> {
    if starts_badly(text) || text.contains([':', '#', '[', ']', '{', '}', ',', '\'', '"']) {
        return None;
    }
    plain(text)
}

/// Whether a plain scalar starts with a YAML indicator (or a dash and a space), which the subset
/// leaves to the full parser.
fn starts_badly(text: &str) -> bool {
    let mut chars = text.chars();
    match chars.next() {
        None => true,
        Some('-') => !chars.next().is_some_and(|c| c.is_ascii_digit()),
        Some(c) => "?:,[]{}#&*!|>'\"%@`+.~<=".contains(c),
    }
}

/// A single-line quoted scalar at the start of `text`: its content and the length it takes. `None`
/// for a double-quoted scalar with escapes, or one that goes on past the line.
fn quoted(text: &str) -> Option<(String, usize)> {
    let quote = text.chars().next()?;
    let body = &text[1..];
    if quote == '"' {
        let end = body.find(['"', '\\'])?;
        return (body.as_bytes()[end] == b'"').then(|| (body[..end].to_string(), end + 2));
    }
    let mut out = String::new();
    let mut rest = body;
    loop {
        let end = rest.find('\'')?;
        out.push_str(&rest[..end]);
        if rest[end + 1..].starts_with('\'') {
            out.push('\'');
            rest = &rest[end + 2..];
        } else {
            return Some((out, text.len() - rest.len() + end + 1));
        }
    }
}

/// A plain scalar resolved as the full parser resolves it: null, a boolean, a whole or decimal
/// number, or a string. `None` for the numeric notations the subset leaves to the full parser.
fn plain(text: &str) -> Option<Value> {
    match text {
        "~" | "null" | "Null" | "NULL" => return Some(Value::Null),
        "true" | "True" | "TRUE" => return Some(Value::Bool(true)),
        "false" | "False" | "FALSE" => return Some(Value::Bool(false)),
        _ => {}
    }
    let first = text.as_bytes()[0];
    if !(first.is_ascii_digit() || first == b'-') {
        // No number starts with a letter: Rust's float parser takes `inf` and `nan`, which the
        // full parser then refuses as numbers.
        return Some(Value::String(text.to_string()));
    }
    // Numbers are written with digits, signs, points, exponents and radix prefixes alone.
    if !text
        .bytes()
        .all(|b| b.is_ascii_hexdigit() || b".+-xXoObB".contains(&b))
    {
        return Some(Value::String(text.to_string()));
    }
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let date_shaped = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    if date_shaped {
        return Some(Value::String(text.to_string()));
    }
    if digits(unsigned) {
        // A leading zero makes a string of digits a string (YAML 1.2).
        if unsigned.len() > 1 && unsigned.starts_with('0') {
            return Some(Value::String(text.to_string()));
        }
        return if text.starts_with('-') {
            text.parse::<i64>().ok().map(|n| Value::Number(n.into()))
        } else {
            text.parse::<u64>().ok().map(|n| Value::Number(n.into()))
        };
    }
    let decimal = unsigned
        .split_once('.')
        .is_some_and(|(whole, part)| digits(whole) && digits(part));
    if decimal {
        return text
            .parse::<f64>()
            .ok()
            .filter(|f| f.is_finite())
            .map(|f| Value::Number(f.into()));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::parse;
    use serde_yaml::Value;

    fn full(text: &str) -> Value {
        serde_yaml::from_str(text).expect("valid YAML")
    }

    #[test]
    fn reads_what_the_full_parser_reads() {
        let text = "# a sheet\r\nformat: leapcheck/answers@1\r\nrespondent:\n  name: Ann O'Neil\n  role: 'it''s'\ndate: 2026-07-07\nunits:\n- Sales & marketing\n-   \"Care: EMEA\"\nanswers:\n    a: 3 # three\n    b: -12\n    c: 0.5\n    d: 007\n    e:\n      - x\n    f: [a, b]\n    g: { k: v, l: 2 }\n    h: n/a\n    i: ~\n    j:\n    k: yes\n    l: C# rules\n    m: true\n    n: []\n";
        assert_eq!(parse(text), Some(full(text)));
    }

    #[test]
    fn leaves_the_rest_to_the_full_parser() {
        for text in [
            "a: |\n  x\n",
            "a: &x 1\nb: *x\n",
            "a: !tag 1\n",
            "a: \"x\\ny\"\n",
            "a: b\n  c\n",
            "a: 1\na: 2\n",
            "a: 0x1F\n",
            "a: 1e3\n",
            "a: +1\n",
            "a: .inf\n",
            "a: [[1]]\n",
            "a: [1,]\n",
            "- a\n",
            "---\na: 1\n",
            "a:\tb\n",
            "a: 'open\n  quote'\n",
            "a: 99999999999999999999\n",
            "a: - b\n",
            "a:b\n",
            "",
        ] {
            assert_eq!(parse(text), None, "{text:?}");
        }
    }

    /// Past these limits the full parser refuses what the lines alone would allow: a key whose
    /// colon is 1024 characters or more from its start, and more than 128 nested collections.
    #[test]
    fn leaves_long_keys_and_deep_nesting_to_the_full_parser() {
        let long = "a".repeat(1023);
        let deep = |n: usize, last: &str| -> String {
            let mut text: String = (0..n).map(|i| format!("{}a:\n", " ".repeat(i))).collect();
            text.push_str(&format!("{}{last}\n", " ".repeat(n)));
            text
        };
        for text in [
            format!("\"{long}\": b\n"),
            format!("'{long}': b\n"),
            format!("x:\n  \"{long}\": b\n"),
            format!("{}{}: b\n", "a".repeat(1000), " ".repeat(25)),
            format!("x: {{{long}aa: b}}\n"),
            format!("x:\n- {{{long}aa: b}}\n"),
            deep(129, "b: 1"),
            deep(128, "- x"),
            deep(127, "b: [x]"),
        ] {
            assert!(
                serde_yaml::from_str::<Value>(&text).is_err(),
                "{}",
                &text[..40.min(text.len())]
            );
            assert_eq!(parse(&text), None, "{} bytes", text.len());
        }
        let fine = format!("{}: b\n", "a".repeat(900));
        assert_eq!(parse(&fine), Some(full(&fine)));
        let deep_enough = deep(60, "b: [x]");
        assert_eq!(parse(&deep_enough), Some(full(&deep_enough)));
    }
}
