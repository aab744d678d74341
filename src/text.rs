//! Prose for the terminal: wrapping to a width between words, with hanging indents.

/// `text` wrapped to `width` columns, continuation lines indented by `indent` spaces, or under the
/// text of an indented line or a bullet ("  • ", "- ") where that is further in. Words longer than
/// the width are the only ones cut.
pub fn wrap(text: &str, width: usize, indent: usize) -> String {
    text.lines()
        .map(|line| {
            let lead = line.len() - line.trim_start_matches(' ').len();
            let rest = &line[lead..];
            let bullet = ["• ", "- ", "* "]
                .iter()
                .find(|b| rest.starts_with(**b))
                .map_or(0, |b| b.chars().count());
            let pad = " ".repeat(indent.max(lead + bullet));
            let options = textwrap::Options::new(width.max(pad.len() + 10)).subsequent_indent(&pad);
            textwrap::fill(line, &options)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The width of `text` in terminal columns.
pub fn columns(text: &str) -> usize {
    textwrap::core::display_width(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_wrap_between_words_under_their_indent() {
        let text = "the person who answers a complaint can resolve it";
        let wrapped = wrap(text, 20, 2);
        assert!(wrapped.lines().all(|l| columns(l) <= 20), "{wrapped}");
        assert!(wrapped.contains("person") && wrapped.contains("who"));
        assert!(wrapped.lines().skip(1).all(|l| l.starts_with("  ")));
        let bullet = wrap("  • the person who answers a complaint", 20, 0);
        let under = |l: &&str| l.starts_with("    ") && !l.starts_with("     ");
        assert!(bullet.lines().skip(1).all(|l| under(&l)), "{bullet}");
    }
}
