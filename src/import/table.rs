//! The CSV export as a table: its headers and its rows, each row with the line it starts on. A
//! byte-order mark is dropped; quoted fields may hold the delimiter and line breaks. With two
//! header rows (SurveyMonkey), a column's header is the first row's text, carried to the right
//! over blank cells, followed by the second row's text in brackets: `Question [Option]`, the same
//! form Google Forms uses for grid and checkbox-grid columns.

use crate::error::Diagnostic;

#[derive(Debug)]
pub struct Table {
    /// The CSV file's name, for messages.
    pub name: String,
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
}

#[derive(Debug)]
pub struct Row {
    /// The line the row starts on (1-based).
    pub line: usize,
    pub cells: Vec<String>,
}

impl Row {
    /// The cell in column `c` (0-based), empty when the row is short.
    pub fn cell(&self, c: usize) -> &str {
        self.cells.get(c).map_or("", String::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.cells.iter().all(|c| c.trim().is_empty())
    }
}

/// Second-row texts SurveyMonkey writes under single-answer questions; they add nothing.
const PLAIN_ANSWER: [&str; 2] = ["response", "open-ended response"];

/// Reads the CSV text. An error is one diagnostic in the CSV file.
pub fn parse(
    name: &str,
    text: &str,
    delimiter: u8,
    header_rows: usize,
) -> Result<Table, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // The csv reader takes an unclosed quote to the end of the file, which would make one cell of
    // every row after it.
    if let Some(line) = unclosed_quote(text, delimiter) {
        return Err(error(
            name,
            Some(line),
            "a quoted cell opens on this line and is never closed, so every line after it would be read into that one cell; close the quote (a quote inside a quoted cell is written twice: \"\")",
        ));
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut records = Vec::new();
    let mut lines = Lines::new(text);
    for record in reader.records() {
        let record = record.map_err(|e| csv_error(name, &e))?;
        let line = record
            .position()
            .map_or(0, |p| lines.line_at(p.byte() as usize));
        records.push(Row {
            line,
            cells: record.iter().map(str::to_string).collect(),
        });
    }
    if records.len() < header_rows {
        return Err(error(
            name,
            None,
            "the file has no header row; export the responses with the questions as the first row",
        ));
    }
    let rows = records.split_off(header_rows);
    let headers = match records.as_slice() {
        [one] => one.cells.iter().map(|h| h.trim().to_string()).collect(),
        [first, second] => combined_headers(&first.cells, &second.cells),
        _ => Vec::new(),
    };
    Ok(Table {
        name: name.to_string(),
        headers,
        rows,
    })
}

/// The line on which a quoted cell opens that no quote closes, if there is one. A quote opens a
/// quoted cell only at the start of a cell; inside one, a doubled quote is a quote.
fn unclosed_quote(text: &str, delimiter: u8) -> Option<usize> {
    let bytes = text.as_bytes();
    let (mut line, mut opened_on) = (1, None);
    let mut cell_start = true;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match opened_on {
            Some(_) if b == b'"' && bytes.get(i + 1) == Some(&b'"') => i += 1,
            Some(_) if b == b'"' => opened_on = None,
            None if b == b'"' && cell_start => opened_on = Some(line),
            _ => {}
        }
        if b == b'\n' {
            line += 1;
        }
        cell_start = opened_on.is_none() && (b == delimiter || b == b'\n' || b == b'\r');
        i += 1;
    }
    opened_on
}

/// Line numbers from byte offsets. The csv crate's own line count is off after blank lines and
/// with CRLF line ends (rust-csv issues 208 and 395), so lines are counted here.
struct Lines<'t> {
    text: &'t str,
    counted_to: usize,
    line: usize,
}

impl<'t> Lines<'t> {
    fn new(text: &'t str) -> Lines<'t> {
        Lines {
            text,
            counted_to: 0,
            line: 1,
        }
    }

    /// The line of the record starting at `byte` (offsets only grow). A record never starts with
    /// a line break, so the ones at `byte` belong to the line before.
    fn line_at(&mut self, byte: usize) -> usize {
        let bytes = self.text.as_bytes();
        let mut start = byte.min(bytes.len());
        while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
            start += 1;
        }
        if start >= self.counted_to {
            self.line += bytes[self.counted_to..start]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            self.counted_to = start;
        }
        self.line
    }
}

fn combined_headers(first: &[String], second: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let mut carried = String::new();
    for c in 0..first.len().max(second.len()) {
        let top = first.get(c).map_or("", |s| s.trim());
        if !top.is_empty() {
            carried = top.to_string();
        }
        let sub = second.get(c).map_or("", |s| s.trim());
        out.push(
            if sub.is_empty() || PLAIN_ANSWER.contains(&sub.to_lowercase().as_str()) {
                carried.clone()
            } else if carried.is_empty() {
                sub.to_string()
            } else {
                format!("{carried} [{sub}]")
            },
        );
    }
    out
}

fn csv_error(name: &str, e: &csv::Error) -> Diagnostic {
    let line = e.position().map(|p| p.line() as usize);
    error(
        name,
        line,
        &format!("the CSV does not parse ({e}); export it again as comma-separated values"),
    )
}

fn error(name: &str, line: Option<usize>, message: &str) -> Diagnostic {
    Diagnostic::error(name, line.map(|l| (l, 1)), message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_quotes_line_breaks_and_a_bom() {
        let t = parse(
            "x.csv",
            "\u{feff}Name,Comment\n\"Łódź, PL\",\"two\nlines\"\nZoë,ok\n",
            b',',
            1,
        )
        .unwrap();
        assert_eq!(t.headers, ["Name", "Comment"]);
        assert_eq!(t.rows[0].cells, ["Łódź, PL", "two\nlines"]);
        assert_eq!((t.rows[0].line, t.rows[1].line), (2, 4));
    }

    #[test]
    fn counts_lines_across_blank_lines_and_crlf() {
        let t = parse("x.csv", "A\r\n1\r\n\r\n2\r\n\"3\r\nx\"\r\n4\r\n", b',', 1).unwrap();
        let lines: Vec<usize> = t.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 4, 5, 7]);
        let t = parse("x.csv", "A\n1\n\n\n2\n", b',', 1).unwrap();
        assert_eq!(t.rows[1].line, 5);
    }

    #[test]
    fn combines_two_header_rows() {
        let t = parse(
            "x.csv",
            "ID,Which tools?,,Your name\n,Alerts,Dashboards,Response\n1,Alerts,,Ann\n",
            b',',
            2,
        )
        .unwrap();
        assert_eq!(
            t.headers,
            [
                "ID",
                "Which tools? [Alerts]",
                "Which tools? [Dashboards]",
                "Your name"
            ]
        );
        assert_eq!(t.rows[0].line, 3);
    }

    #[test]
    fn an_unclosed_quote_is_an_error_on_its_line() {
        let text = "Name,Role\nAcme,\"Bob,Yes\nAcme,C,Yes\nZed,D\n";
        let e = parse("r.csv", text, b',', 1).unwrap_err();
        assert_eq!(e.position, Some((2, 1)));
        assert!(e.message.contains("never closed"), "{}", e.message);
        // Closed quotes, doubled quotes and line breaks inside quotes are fine.
        let fine = "Name,Note\nAnn,\"said \"\"hi\"\"\"\nBob,\"two\nlines\"\nCy,5\" tall\n";
        let table = parse("r.csv", fine, b',', 1).unwrap();
        assert_eq!(table.rows.len(), 3);
        assert_eq!(table.rows[0].cell(1), "said \"hi\"");
        assert_eq!(unclosed_quote("a;\"b;c\n", b';'), Some(1));
    }
}
