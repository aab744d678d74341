//! Tera templates: the built-ins embedded from `report-templates/`, a user's directory merged over
//! them by file name, or one user file; and template errors turned into located diagnostics.
//!
//! Templates are loaded from strings under their file names only, so an `include` can name
//! nothing but another loaded template: never a path outside the template directory.

use std::path::Path;

use tera::{Context, Kwargs, State, Tera, Value};

use crate::error::{Diagnostic, Error, Result};

/// Embeds the named files of `report-templates/` as `(name, text)` pairs.
macro_rules! embed {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../report-templates/", $name)))),*]
    };
}

/// The built-in templates, by file name (a test checks every file of `report-templates/` is here).
pub const BUILTIN: &[(&str, &str)] = embed![
    "report.md",
    "plan.md",
    "report.html",
    "plan.html",
    "compare.md",
    "compare.html",
    "model.md",
    "model.html",
    "_byline.md",
    "_target.md",
    "_workshop.md",
    "_plan_actions.md",
    "_trajectory.md",
    "_peers.md",
    "_peers_summary.md",
    "_head.html",
    "_style.html",
    "_byline.html",
    "_ladder.html",
    "_radar.html",
    "_target.html",
    "_action.html",
    "_priority.html",
    "_workshop.html",
    "_trajectory.html",
    "_peers.html",
    "_peers_summary.html",
    "_peerbar.html",
];

/// The most a rendered document may hold: far more than any report, far less than a runaway
/// loop would take.
pub const MAX_OUTPUT_BYTES: usize = 64 * 1024 * 1024;

/// What a render writes into: refuses to grow past `limit`, and says it did.
struct Capped {
    bytes: Vec<u8>,
    limit: usize,
    over: bool,
}

impl std::io::Write for Capped {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len() + buf.len() > self.limit {
            self.over = true;
            return Err(std::io::Error::other("the document is over its size limit"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A user's template, as the caller read it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserTemplate {
    /// Its name among the templates: its path inside the template directory, or its file name.
    pub name: String,
    /// The file to name in errors.
    pub origin: String,
    pub text: String,
}

/// Where templates come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    BuiltIn,
    /// A directory's templates, which override the built-ins of the same name.
    Dir(Vec<UserTemplate>),
    /// One template that renders the document (it may include built-in partials).
    File(UserTemplate),
}

/// A loaded set of templates, ready to render.
pub struct Templates {
    tera: Tera,
    /// Template name → the file to name in errors, and its text (to place what Tera reports
    /// without a position).
    origins: Vec<(String, String, String)>,
    /// The template a `--template FILE` names.
    single: Option<String>,
}

impl Templates {
    /// Loads the templates of `source`. With the built-ins alone, only those of `extension`
    /// (`md`, `html`; empty for all) are compiled: a document includes partials of its own kind,
    /// and compiling the rest would cost a one-sheet report a good part of its time. A user's
    /// templates may include any built-in, so with them every built-in is loaded.
    pub fn load(source: &Source, extension: &str) -> Result<Templates> {
        let wanted = |name: &str| {
            *source != Source::BuiltIn
                || extension.is_empty()
                || Path::new(name).extension().is_some_and(|x| x == extension)
        };
        let mut files: Vec<(String, String, String)> = BUILTIN
            .iter()
            .filter(|(name, _)| wanted(name))
            .map(|(name, text)| {
                (
                    name.to_string(),
                    format!("built-in report-templates/{name}"),
                    text.to_string(),
                )
            })
            .collect();
        let mut single = None;
        let mut user = |t: &UserTemplate| {
            files.retain(|(n, _, _)| *n != t.name);
            files.push((t.name.clone(), t.origin.clone(), t.text.clone()));
        };
        match source {
            Source::BuiltIn => {}
            Source::Dir(list) => list.iter().for_each(&mut user),
            Source::File(t) => {
                user(t);
                single = Some(t.name.clone());
            }
        }
        let mut tera = Tera::new();
        register(&mut tera);
        let result = tera.add_raw_templates(files.iter().map(|(n, _, t)| (n.as_str(), t.as_str())));
        let templates = Templates {
            tera,
            origins: files,
            single,
        };
        result.map_err(|e| templates.error(&e))?;
        Ok(templates)
    }

    /// The template `--template FILE` named, if any.
    pub fn single(&self) -> Option<&str> {
        self.single.as_deref()
    }

    /// Renders template `name` with `context` (a serializable view).
    /// Renders template `name` with `context` (a serializable view). A document that grows past
    /// [`MAX_OUTPUT_BYTES`] (a runaway loop) is stopped there.
    pub fn render(&self, name: &str, context: &impl serde::Serialize) -> Result<String> {
        let context = Context::from_serialize(context).map_err(|e| self.error(&e))?;
        let mut out = Capped {
            bytes: Vec::new(),
            limit: MAX_OUTPUT_BYTES,
            over: false,
        };
        match self.tera.render_to(name, &context, &mut out) {
            Err(_) if out.over => Err(Error::RenderTooBig {
                template: self.origin(name),
                limit: MAX_OUTPUT_BYTES,
            }),
            // What Tera reports without a template (a component that calls itself past Tera's
            // depth limit) belongs to the one being rendered.
            Err(e) => Err(match self.error(&e) {
                Error::Invalid(mut diagnostics) => {
                    for d in diagnostics.iter_mut().filter(|d| d.file == "template") {
                        d.file = self.origin(self.single.as_deref().unwrap_or(name));
                    }
                    Error::Invalid(diagnostics)
                }
                other => other,
            }),
            Ok(()) => String::from_utf8(out.bytes).map_err(|e| {
                Error::Invalid(vec![Diagnostic::error(
                    self.origin(name),
                    None,
                    format!("the template wrote bytes that are not UTF-8 text ({e})"),
                )])
            }),
        }
    }

    fn origin(&self, name: &str) -> String {
        self.origins
            .iter()
            .find(|(n, _, _)| n == name)
            .map_or_else(|| name.to_string(), |(_, o, _)| o.clone())
    }

    /// Tera's report of templates that include each other in a loop (``Include chain:
    /// `["a.md", "b.md", "a.md"]` ``), placed at the include that closes the loop.
    fn include_loop(&self, text: &str) -> Option<Diagnostic> {
        let list = text.split_once("Include chain: `[")?.1.split_once("]`")?.0;
        let names: Vec<&str> = list.split(", ").map(|n| n.trim_matches('"')).collect();
        let [.., from, to] = names.as_slice() else {
            return None;
        };
        let source = self.origins.iter().find(|(n, _, _)| n == from);
        let line = source.and_then(|(_, _, text)| {
            let (k, _) = text.lines().enumerate().find(|(_, l)| {
                l.contains("include")
                    && (l.contains(&format!("\"{to}\"")) || l.contains(&format!("'{to}'")))
            })?;
            Some((k + 1, 1))
        });
        Some(Diagnostic::error(
            self.origin(from),
            line,
            format!(
                "templates include each other in a loop: {}; remove one of these includes",
                names.join(" → ")
            ),
        ))
    }

    /// Turns a Tera error into diagnostics naming the template file, line and column.
    fn error(&self, e: &tera::Error) -> Error {
        let mut diagnostics = Vec::new();
        match e.kind() {
            tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
                let mut message = r.message().to_string();
                if let Some(cause) = std::error::Error::source(e) {
                    message = format!("{message}: {cause}");
                }
                diagnostics.push(self.diagnostic(
                    r.filename(),
                    Some((r.span().start_line, r.span().start_col + 1)),
                    message,
                ));
            }
            _ => {
                let text = chain(e);
                diagnostics.extend(self.include_loop(&text));
                diagnostics.extend(self.parse_reports(&text));
                if diagnostics.is_empty() {
                    diagnostics.push(Diagnostic::error("template", None, text));
                }
            }
        }
        for d in &mut diagnostics {
            d.message = explain(&d.message);
        }
        Error::Invalid(diagnostics)
    }

    fn diagnostic(
        &self,
        name: &str,
        position: Option<(usize, usize)>,
        message: String,
    ) -> Diagnostic {
        Diagnostic::error(self.origin(name), position, message)
    }

    /// Reads Tera's pre-formatted reports (`error: MSG` then `--> NAME:LINE:COL`), which it
    /// produces for unknown filters, functions and templates.
    fn parse_reports(&self, text: &str) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let mut message: Option<&str> = None;
        for line in text.lines() {
            let line = line.trim();
            if let Some(m) = line.strip_prefix("error: ") {
                message = Some(m);
            } else if let Some(place) = line.strip_prefix("--> ")
                && let Some(m) = message.take()
            {
                let mut parts = place.rsplitn(3, ':');
                let col = parts.next().and_then(|c| c.parse().ok());
                let row = parts.next().and_then(|c| c.parse().ok());
                let name = parts.next().unwrap_or(place);
                let position = row.zip(col);
                out.push(self.diagnostic(name, position, m.to_string()));
            }
        }
        out
    }
}

/// An error and its causes on one line.
fn chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        text.push_str(": ");
        text.push_str(&c.to_string());
        cause = c.source();
    }
    text
}

/// Adds the fix to Tera's messages.
fn explain(message: &str) -> String {
    let hint = if message.starts_with("Variable") || message.starts_with("Field") {
        "; `leapcheck report SHEET -f json` prints every variable a template can use (docs/templates.md lists them)"
    } else if message.starts_with("Unknown filter") || message.starts_with("Unknown function") {
        "; see docs/templates.md for Tera's filters and functions and the ones leapcheck adds"
    } else if message.starts_with("Unknown template") {
        "; templates can include only files in the same template directory, or the built-ins (`leapcheck init templates DIR` copies them out)"
    } else {
        ""
    };
    format!("{message}{hint}")
}

/// The filters and functions leapcheck adds to Tera's.
fn register(tera: &mut Tera) {
    // Text safe for a Markdown table cell or line: no pipes, no raw HTML, no line breaks.
    tera.register_filter("md", |s: &str, _: Kwargs, _: &State| md(s));
    // A text bar for a 0..100 score, as the terminal table draws it.
    tera.register_function("bar", |kwargs: Kwargs, _: &State| {
        Ok::<String, tera::Error>(super::table::bar(kwargs.must_get::<f64>("value")?))
    });
    // A point on a radar chart: axis `i` of `n` (the first points up, then clockwise), at
    // `value` (0..100) of `radius` around (`cx`, `cy`); returns "x,y" to one decimal.
    tera.register_function("polar", |kwargs: Kwargs, _: &State| {
        let get = |k: &str| kwargs.must_get::<f64>(k);
        let (i, n) = (get("i")?, get("n")?);
        // A dimension without a score sits at the centre.
        let value = kwargs.must_get::<Value>("value")?.as_f64().unwrap_or(0.0);
        let (radius, cx, cy) = (get("radius")?, get("cx")?, get("cy")?);
        let (x, y) = polar(i, n, value.clamp(0.0, 100.0) / 100.0 * radius);
        Ok::<String, tera::Error>(format!("{},{}", num(cx + x), num(cy + y)))
    });
    // The `text-anchor` for a label on axis `i` of `n`: labels on the left end at their point.
    tera.register_function("anchor", |kwargs: Kwargs, _: &State| {
        let (i, n) = (kwargs.must_get::<f64>("i")?, kwargs.must_get::<f64>("n")?);
        let (x, _) = polar(i, n, 1.0);
        Ok::<&str, tera::Error>(if x > 0.2 {
            "start"
        } else if x < -0.2 {
            "end"
        } else {
            "middle"
        })
    });
    // A CSS string literal, for text printed in a page's margin (`@page` boxes): every character
    // but ASCII letters, digits and spaces as a CSS escape, so nothing can end the string or the
    // style sheet, and Tera's HTML escaping (wrong inside CSS) is not applied to it.
    tera.register_filter("css_string", |s: &str, _: Kwargs, _: &State| {
        Value::safe_string(&css_string(s))
    });
    // A number to one decimal, without a trailing `.0`; `none` shows as a dash.
    tera.register_filter("num", |v: Value, _: Kwargs, _: &State| match v.as_f64() {
        Some(x) => num(x),
        None => "–".to_string(),
    });
}

/// `s` as a quoted CSS string, escaped as `css_string` says; control characters are dropped.
pub fn css_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        if c.is_ascii_alphanumeric() || c == ' ' {
            out.push(c);
        } else if !c.is_control() {
            // The space ends the escape; CSS takes it as part of the escape, not as text.
            out.push_str(&format!("\\{:x} ", u32::from(c)));
        }
    }
    out.push('"');
    out
}

/// `x` to one decimal, as every score is shown (`-0.0` as `0.0`).
fn num(x: f64) -> String {
    let r = crate::view::round1(x) + 0.0;
    format!("{r:.1}")
}

/// Offset from the centre of axis `i` of `n` at distance `r`; axis 0 points up.
fn polar(i: f64, n: f64, r: f64) -> (f64, f64) {
    let angle = std::f64::consts::TAU * i / n.max(1.0) - std::f64::consts::FRAC_PI_2;
    let (x, y) = (r * angle.cos(), r * angle.sin());
    // No `-0` in the output.
    (x + 0.0, y + 0.0)
}

/// Escapes text for Markdown: `|` (tables), `<` and `>` (raw HTML), `[` and `]` (links and images),
/// line breaks, and control characters (dropped).
pub fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' => out.push_str("\\|"),
            // No link or image can form, so text cannot load a remote picture or carry a
            // `javascript:` link into a report.
            '[' => out.push_str("\\["),
            ']' => out.push_str("\\]"),
            '\t' => out.push(' '),
            c if c.is_control() && c != '\n' && c != '\r' => {}
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => {}
            '\n' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_in_report_templates_is_built_in() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/report-templates");
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        let mut built_in: Vec<String> = BUILTIN.iter().map(|(n, _)| n.to_string()).collect();
        files.sort();
        built_in.sort();
        assert_eq!(files, built_in);
    }

    #[test]
    fn markdown_text_carries_no_link_image_or_control_character() {
        let text = md("![t](http://host/x.png) [x](javascript:alert(1))\u{0}\u{1b}[2J | <b>");
        assert_eq!(
            text,
            "!\\[t\\](http://host/x.png) \\[x\\](javascript:alert(1))\\[2J \\| &lt;b&gt;"
        );
    }

    #[test]
    fn polar_points_up_then_clockwise() {
        let (x, y) = polar(0.0, 4.0, 10.0);
        assert!(x.abs() < 1e-9 && (y + 10.0).abs() < 1e-9);
        let (x, y) = polar(1.0, 4.0, 10.0);
        assert!((x - 10.0).abs() < 1e-9 && y.abs() < 1e-9);
    }

    #[test]
    fn md_keeps_tables_and_html_intact() {
        assert_eq!(md("a|b <i> & c\nd"), "a\\|b &lt;i&gt; & c d");
    }

    #[test]
    fn css_string_escapes_everything_that_could_end_it() {
        assert_eq!(
            css_string("A&B \"x\" </style>\n"),
            r#""A\26 B \22 x\22  \3c \2f style\3e ""#
        );
    }

    #[test]
    fn num_shows_one_decimal() {
        assert_eq!(
            (num(62.5), num(100.0), num(-0.04), num(33.333)),
            ("62.5".into(), "100.0".into(), "0.0".into(), "33.3".into())
        );
    }
}
