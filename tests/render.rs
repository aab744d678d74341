//! Rendering: Markdown and HTML templates, custom templates, determinism, committed example reports.

use std::path::{Path, PathBuf};

use crate::support::*;

fn bank() -> PathBuf {
    root().join("examples/bank-planned-not-aligned.yaml")
}

fn run_doc(doc: &str, sheet: &Path, extra: &[&str]) -> Run {
    Test::new().args(&[doc]).arg(sheet).args(extra).run()
}

#[test]
fn output_extension_picks_markdown_and_html() {
    let t = Test::new();
    let md = t.path("r.md");
    let html = t.path("p.html");
    let run = t
        .args(&["report"])
        .arg(bank())
        .arg("-o")
        .arg(&md)
        .run()
        .success();
    assert!(run.stdout.is_empty());
    let text = std::fs::read_to_string(&md).unwrap();
    assert!(
        text.starts_with("# Social media readiness: Fairhaven Savings Bank"),
        "{text}"
    );
    assert!(text.contains("| Dimension | Score |"), "{text}");
    // The report ends with the plan's summary.
    let plan_at = text.find("## Leap plan").expect("plan summary");
    assert!(text[plan_at..].contains("1. **"), "{text}");
    Test::new()
        .args(&["plan"])
        .arg(bank())
        .arg("-o")
        .arg(&html)
        .run()
        .success();
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"), "{page}");
    assert!(page.contains("Content-Security-Policy"), "{page}");
    assert!(!page.contains("<script"), "{page}");
}

#[test]
fn the_markdown_plan_is_a_checklist_in_phases_with_evidence() {
    let run = run_doc("plan", &bank(), &["-f", "markdown"]).success();
    let out = &run.stdout;
    let prepare = out.find("## Prepare (first 30 days)").expect("prepare");
    let leap = out.find("## Leap (days 30–90)").expect("leap");
    let embed = out.find("## Embed (days 90–180)").expect("embed");
    assert!(prepare < leap && leap < embed, "{out}");
    assert!(out.contains("- [ ] **1. "), "{out}");
    assert!(out.contains("*Because:*"), "{out}");
    // The default target is the next level up, with what stands in the way.
    assert!(
        out.contains("**Target: Engaging in conversation**"),
        "{out}"
    );
    assert!(
        out.contains("- **Not yet taking part in conversations**: "),
        "{out}"
    );
}

#[test]
fn a_target_at_or_below_today_says_so_and_an_unknown_one_is_a_usage_error() {
    let run = run_doc(
        "plan",
        &bank(),
        &["-f", "markdown", "--target", "cliff_edge"],
    )
    .success();
    assert!(run.stdout.contains("Already reached"), "{}", run.stdout);
    assert!(!run.stdout.contains('★'), "{}", run.stdout);
    let run = run_doc("plan", &bank(), &["-f", "json", "--target", "formalized"]).success();
    let v = run.json();
    assert_eq!(v["target"]["level"]["id"], "formalized");
    assert_eq!(v["target"]["requested"], true);
    run_doc("plan", &bank(), &["--target", "engagin"])
        .code(2)
        .stderr_has("did you mean `engaging`?");
}

#[test]
fn the_table_plan_lists_phases_and_evidence() {
    let run = run_doc("plan", &bank(), &["-f", "table"]).success();
    for needle in [
        "Prepare (first 30 days)",
        "Leap (days 30–90)",
        "Target Engaging",
        "— Nobody is assigned",
    ] {
        assert!(run.stdout.contains(needle), "{needle}:\n{}", run.stdout);
    }
}

#[test]
fn rendering_twice_gives_identical_bytes() {
    for doc in ["report", "plan"] {
        for format in ["markdown", "html", "json", "table"] {
            let a = run_doc(doc, &bank(), &["-f", format]).success().stdout;
            let b = run_doc(doc, &bank(), &["-f", format]).success().stdout;
            assert_eq!(a, b, "{doc} {format}");
        }
    }
}

/// A template directory with one override: the plan's Markdown.
#[test]
fn a_template_directory_overrides_one_built_in_and_keeps_the_others() {
    let t = Test::new()
        .file(
            "tpl/plan.md",
            "Custom plan for {{ organization }}: {{ action_count }} actions\n",
        )
        .file("tpl/_note.md", "(a partial of our own)")
        .file(
            "tpl/report.md",
            "{% include \"_note.md\" %} {% set target = plan.target %}{% include \"_target.md\" %}\n",
        );
    let dir = t.path("tpl");
    let run = t
        .args(&["plan"])
        .arg(bank())
        .args(&["-f", "markdown", "--templates"])
        .arg(&dir)
        .run();
    let run = run.success();
    let count = run_doc("plan", &bank(), &["-f", "json"]).success().json()["action_count"].clone();
    assert_eq!(
        run.stdout,
        format!("Custom plan for Fairhaven Savings Bank: {count} actions\n")
    );
    // report.md includes our partial and a built-in one.
    let run = Test::new()
        .args(&["report"])
        .arg(bank())
        .args(&["-f", "markdown", "--templates"])
        .arg(&dir)
        .run()
        .success();
    assert!(
        run.stdout
            .starts_with("(a partial of our own) **Target: Engaging"),
        "{}",
        run.stdout
    );
    // The HTML built-ins are untouched by the directory.
    let run = Test::new()
        .args(&["plan"])
        .arg(bank())
        .args(&["-f", "html", "--templates"])
        .arg(&dir)
        .run()
        .success();
    assert!(run.stdout.starts_with("<!DOCTYPE html>"), "{}", run.stdout);
}

#[test]
fn a_single_template_file_renders_the_document_with_html_escaping_by_name() {
    let t = Test::new()
        .file("one.html", "<p>{{ organization }}</p>{{ level.name }}\n")
        .file("s.yaml", &hostile_sheet());
    let path = t.path("one.html");
    let run = t
        .args(&["report", "s.yaml", "--template"])
        .arg(&path)
        .run()
        .success();
    assert!(
        run.stdout
            .starts_with("<p>&lt;b&gt;Bold &amp; Co&lt;&#x2F;b&gt;</p>")
            || run
                .stdout
                .starts_with("<p>&lt;b&gt;Bold &amp; Co&lt;/b&gt;</p>"),
        "{}",
        run.stdout
    );
    Test::new()
        .file("one.html", "x")
        .args(&["report"])
        .arg(bank())
        .args(&["--template", "one.html", "-f", "json"])
        .run()
        .code(2)
        .stderr_has("--template");
}

fn hostile_sheet() -> String {
    std::fs::read_to_string(bank()).unwrap().replace(
        "organization: Fairhaven Savings Bank",
        "organization: \"<b>Bold & Co</b>\"",
    )
}

#[test]
fn a_broken_template_gives_a_located_error_exit_1_and_writes_nothing() {
    let cases = [
        // (template, file line:col, words in the message)
        ("line one\n{{ organisation }}\n", ":2:", "organisation"),
        ("{{ organization | shout }}\n", ":1:", "shout"),
        ("{% for x in %}\n", ":1:", ""),
        ("{% include \"../secret.md\" %}\n", ":1:", "../secret.md"),
    ];
    for (template, place, word) in cases {
        let t = Test::new()
            .file("tpl/report.md", template)
            .file("secret.md", "top secret")
            .file("out.md", "old contents");
        let dir = t.path("tpl");
        let out = t.path("out.md");
        let run = t
            .args(&["report"])
            .arg(bank())
            .arg("--templates")
            .arg(&dir)
            .arg("-o")
            .arg(&out)
            .run()
            .code(1);
        let file = dir.join("report.md").display().to_string();
        assert!(
            run.stderr.contains(&format!("{file}{place}")),
            "{template:?}:\n{}",
            run.stderr
        );
        assert!(run.stderr.contains(word), "{template:?}:\n{}", run.stderr);
        assert!(!run.stderr.contains("top secret"), "{}", run.stderr);
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "old contents");
        let leftovers: Vec<_> = std::fs::read_dir(&run.dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }
}

#[test]
fn init_templates_copies_the_built_ins_which_render_the_same() {
    let t = Test::new();
    let dir = t.path("mine");
    // Keep the run: it owns the temporary directory.
    let _kept = t
        .args(&["init", "templates"])
        .arg(&dir)
        .run()
        .success()
        .stderr_has("--templates");
    for name in [
        "report.md",
        "report.html",
        "plan.md",
        "plan.html",
        "_head.html",
    ] {
        assert!(dir.join(name).is_file(), "{name}");
    }
    for (doc, format) in [("report", "html"), ("plan", "markdown")] {
        let ours = run_doc(
            doc,
            &bank(),
            &["-f", format, "--templates", &dir.display().to_string()],
        )
        .success();
        let builtin = run_doc(doc, &bank(), &["-f", format]).success();
        assert_eq!(ours.stdout, builtin.stdout, "{doc} {format}");
    }
    Test::new()
        .args(&["init", "templates"])
        .arg(&dir)
        .run()
        .code(2)
        .stderr_has("already exist");
    Test::new()
        .args(&["init", "templates"])
        .run()
        .code(2)
        .stderr_has("needs a directory");
}

#[test]
fn templates_apply_only_to_markdown_and_html() {
    Test::new()
        .file("tpl/report.md", "x")
        .args(&["report"])
        .arg(bank())
        .args(&["-f", "json", "--templates", "tpl"])
        .run()
        .code(2)
        .stderr_has("markdown and html");
}

/// The rendered documents of each example, as committed under `examples/reports/`.
fn example_outputs() -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let mut sheets = example_sheets();
    sheets.extend(example_workshops());
    for sheet in sheets {
        let stem = sheet.file_stem().unwrap().to_string_lossy().into_owned();
        for doc in ["report", "plan"] {
            for (format, ext) in [("markdown", "md"), ("html", "html")] {
                let text = run_doc(doc, &sheet, &["-f", format]).success().stdout;
                out.push((
                    root().join(format!("examples/reports/{stem}.{doc}.{ext}")),
                    text,
                ));
            }
        }
    }
    out
}

/// `LEAPCHECK_BLESS=1 cargo test examples_reports` rewrites them after a deliberate change.
/// Otherwise a report that differs fails the test with a diff of the committed file against what
/// leapcheck renders now.
#[test]
fn examples_reports_are_current() {
    const DIFFS_SHOWN: usize = 4;
    const DIFF_LINES: usize = 60;
    let bless = std::env::var_os("LEAPCHECK_BLESS").is_some();
    let mut stale: Vec<(String, String)> = Vec::new();
    for (path, text) in example_outputs() {
        let committed = std::fs::read_to_string(&path).ok();
        if committed.as_deref() == Some(text.as_str()) {
            continue;
        }
        let name = path
            .strip_prefix(root())
            .unwrap_or(&path)
            .display()
            .to_string();
        if bless {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &text).unwrap();
            eprintln!("rewrote {name}");
            continue;
        }
        let detail = match committed {
            None => format!("{name} is missing"),
            Some(old) => line_diff(&name, &old, &text, DIFF_LINES),
        };
        stale.push((name, detail));
    }
    if stale.is_empty() {
        return;
    }
    let mut message = format!(
        "{} example report(s) differ from what leapcheck renders now:\n\n",
        stale.len()
    );
    for (_, detail) in stale.iter().take(DIFFS_SHOWN) {
        message.push_str(detail);
        message.push_str("\n\n");
    }
    if stale.len() > DIFFS_SHOWN {
        let rest: Vec<&str> = stale[DIFFS_SHOWN..]
            .iter()
            .map(|(n, _)| n.as_str())
            .collect();
        message.push_str(&format!("and also: {}\n\n", rest.join(", ")));
    }
    message.push_str("regenerate with: LEAPCHECK_BLESS=1 cargo test examples_reports");
    panic!("{message}");
}

/// Without a browser to print with, `-o FILE.pdf` exits 1 naming what to install, and writes
/// nothing.
#[test]
fn a_pdf_without_a_browser_says_what_to_install() {
    let given = run_doc(
        "report",
        &bank(),
        &["-o", "board.pdf", "--browser", "/nonexistent"],
    )
    .code(1)
    .stderr_has("`/nonexistent` is not a file")
    .stderr_has("install Chromium");
    assert!(!given.dir.join("board.pdf").exists());
    let none = Test::new()
        .args(&["plan"])
        .arg(bank())
        .args(&["-f", "pdf", "-o", "plan.pdf"])
        .env("PATH", "")
        .run()
        .code(1)
        .stderr_has("none of chromium, chromium-browser, google-chrome")
        .stderr_has("--browser PATH");
    assert!(!none.dir.join("plan.pdf").exists());
    run_doc("report", &bank(), &["-f", "pdf"])
        .code(2)
        .stderr_has("-o FILE.pdf");
}

/// Questionnaire text reaches the page too: dimension names in the radar's SVG text and
/// aria-label, level names, question texts, unit names in attributes. All of it is escaped.
#[test]
fn hostile_questionnaire_and_unit_strings_are_escaped_in_html_text_attributes_and_svg() {
    let evil = r#"D\"><script>alert(1)</script><svg onload=alert(2)>"#;
    let q = std::fs::read_to_string(fixture("room.yaml"))
        .unwrap()
        .replace("name: Culture", &format!("name: \"{evil}\""))
        .replace("name: Top", "name: \"<img src=x onerror=alert(3)>\"")
        .replace(
            "text: We listen to customers.",
            "text: \"'\\\"><iframe src=javascript:alert(4)>\"",
        );
    let a = std::fs::read_to_string(fixture("room/a.yaml"))
        .unwrap()
        .replace("North", "\"N\\\"><b onmouseover=alert(5)>\"");
    let b = std::fs::read_to_string(fixture("room/b.yaml")).unwrap();
    let t = Test::new()
        .file("q.yaml", &q)
        .file("room/a.yaml", &a)
        .file("room/b.yaml", &b);
    let run = t
        .args(&["report", "room", "-q", "q.yaml", "-f", "html"])
        .run()
        .success();
    let page = &run.stdout;
    for raw in [
        "<script",
        "<svg onload",
        "<img",
        "<iframe",
        "<b onmouseover",
    ] {
        assert!(!page.contains(raw), "raw {raw:?} in the page");
    }
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;")
            || page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "the dimension name is shown escaped"
    );
    assert!(
        page.contains("aria-label=\"D&quot;&gt;&lt;script&gt;"),
        "escaped inside the SVG attribute"
    );
}

/// The terminal's documents fit `COLUMNS` when piped: no line wider, and prose wrapped between
/// words (every word of the level's summary is still whole).
#[test]
fn terminal_documents_fit_columns_when_piped() {
    let mut sources = example_sheets();
    sources.extend(example_workshops());
    let mut runs = Vec::new();
    for sheet in &sources {
        for doc in ["report", "plan"] {
            let run = Test::new()
                .arg(doc)
                .arg(sheet)
                .args(&["--color", "never"])
                .env("COLUMNS", "80")
                .run()
                .success();
            runs.push((format!("{doc} {}", sheet.display()), run.stdout));
        }
    }
    let compare = Test::new()
        .arg("compare")
        .arg(bank())
        .arg(&example_workshops()[0])
        .args(&["--color", "never"])
        .env("COLUMNS", "80")
        .run()
        .success();
    runs.push(("compare".into(), compare.stdout));
    for (what, out) in &runs {
        for line in out.lines() {
            assert!(
                line.chars().count() <= 80,
                "{what}: {} columns: {line}",
                line.chars().count()
            );
        }
    }
    let report = Test::new()
        .arg("report")
        .arg(bank())
        .args(&["-f", "json"])
        .run()
        .json();
    let summary = report["level"]["summary"].as_str().unwrap();
    let words: Vec<&str> = runs[0].1.split_whitespace().collect();
    for w in summary.split_whitespace() {
        assert!(words.contains(&w), "{w:?} cut in:\n{}", runs[0].1);
    }
}

/// Rendered by a CommonMark renderer, each action's "Done when" and its evidence stay in the
/// action's own item, not in the last of its steps (lazy continuation would swallow them).
#[test]
fn markdown_plan_keeps_done_when_and_evidence_out_of_the_steps() {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let run = run_doc("plan", &bank(), &["-f", "markdown"]).success();
    let (mut depth, mut seen) = (0usize, Vec::new());
    for event in Parser::new(&run.stdout) {
        match event {
            Event::Start(Tag::List(_)) => depth += 1,
            Event::End(TagEnd::List(_)) => depth -= 1,
            Event::Text(t) if t.starts_with("Done when:") || t.starts_with("Because:") => {
                seen.push((t.to_string(), depth));
            }
            _ => {}
        }
    }
    assert!(seen.len() >= 4, "{seen:?}\n{}", run.stdout);
    for (text, depth) in &seen {
        assert_eq!(*depth, 1, "{text:?} sits in a nested list:\n{}", run.stdout);
    }
}

/// The model as a document for a pre-read: every level, dimension, question, gate and trap of
/// the questionnaire, by name, in Markdown and in HTML written with -o; the list of built-ins
/// says how long each takes.
#[test]
fn the_model_is_a_document_with_every_part_by_name() {
    use leapcheck::source::Source;
    let b = leapcheck::builtin::DEFAULT;
    let q = leapcheck::questionnaire::load(&Source::new(b.file, b.text))
        .0
        .unwrap();
    let run = Test::new()
        .args(&["questionnaires", q.id.as_str(), "-o", "model.html"])
        .run()
        .success();
    let html = std::fs::read_to_string(run.dir.join("model.html")).unwrap();
    let markdown = Test::new()
        .args(&["questionnaires", q.id.as_str(), "-f", "markdown"])
        .run()
        .success()
        .stdout;
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('\'', "&#x27;")
            .replace('"', "&quot;")
    };
    for (what, doc) in [("html", html.clone()), ("markdown", markdown.clone())] {
        let names = (q.levels.iter().map(|l| l.name.as_str()))
            .chain(q.dimensions.iter().map(|d| d.name.as_str()))
            .chain(q.gates.iter().map(|g| g.title.as_str()))
            .chain(q.patterns.iter().map(|p| p.name.as_str()));
        for name in names {
            let name = if what == "html" {
                escape(name)
            } else {
                name.to_string()
            };
            assert!(doc.contains(&name), "{what} lacks {name:?}");
        }
    }
    let questions = markdown.matches("*Answer:*").count();
    assert_eq!(questions, q.questions.len(), "{markdown}");
    // The sources: each cited work in full, where each level comes from, each question's idea,
    // and the note on a context question, in both formats.
    assert!(!q.references.is_empty());
    for (key, cite) in &q.references {
        assert!(
            markdown.contains(&format!("- **{key}**: {cite}")),
            "{markdown}"
        );
        let escaped = escape(cite);
        assert!(
            html.contains(&escaped) || html.contains(&escaped.replace("&#x27;", "&#39;")),
            "html lacks {cite:?}"
        );
    }
    assert!(
        markdown.contains("Where the levels come from:"),
        "{markdown}"
    );
    let sourced = q.questions.iter().filter(|x| x.source.is_some()).count();
    assert!(
        markdown.matches("*Source:*").count() >= sourced,
        "{markdown}"
    );
    for doc in [&markdown, &html] {
        assert!(doc.contains("Not scored: it describes the organization"));
    }
    let list = Test::new().arg("questionnaires").run().success().stdout;
    assert!(
        list.contains("73 questions, about 25 minutes with three business units"),
        "{list}"
    );
    Test::new()
        .args(&["questionnaires", "-f", "markdown"])
        .run()
        .code(2)
        .stderr_has("give a questionnaire's id");
    Test::new()
        .args(&["questionnaires", q.id.as_str(), "-o", "m.xlsx"])
        .run()
        .code(2);
}

/// Each action says what its effort means (the questionnaire's effort labels), and the actions
/// left for later are listed in brief: a line each, no steps.
#[test]
fn plans_say_what_effort_means_and_list_later_actions_in_brief() {
    let retailer = root().join("examples/retailer-leapt-without-looking.yaml");
    let md = run_doc("plan", &retailer, &["-f", "markdown"])
        .success()
        .stdout;
    assert!(md.contains("effort 1/3 (up to 5 person-days)"), "{md}");
    assert!(md.contains("effort 2/3 (2 to 6 person-weeks)"), "{md}");
    let later = &md[md.find("## Later").expect("a later list")..];
    assert!(later.contains("In brief;"), "{later}");
    assert!(!later.contains("*Done when:*"), "{later}");
    let html = run_doc("plan", &retailer, &["-f", "html"]).success().stdout;
    assert!(html.contains("(up to 5 person-days)"));
    assert!(html.contains("<ul class=\"later\">"));
}

/// A question answered "not applicable" is listed as declared in every format of the report:
/// n/a leaves it out of its score, so the reader sees what was left out.
#[test]
fn answers_declared_not_applicable_are_listed() {
    // The second edition offers n/a nowhere: the first edition's bank sheet still answers it.
    let bank = || crate::support::fixture("first-edition-bank.yaml");
    let json = run_doc("report", &bank(), &["-f", "json"]).success().json();
    let listed = json["not_applicable"].as_array().unwrap();
    assert_eq!(listed.len(), 2, "{listed:?}");
    let text = listed[0]["text"].as_str().unwrap();
    assert!(text.starts_with("How quickly does a customer"), "{text}");
    let markdown = run_doc("report", &bank(), &["-f", "markdown"])
        .success()
        .stdout;
    assert!(
        markdown.contains("## Declared not applicable"),
        "{markdown}"
    );
    assert!(markdown.contains(&format!("- {text}")), "{markdown}");
    let table = run_doc("report", &bank(), &["-f", "table", "--color", "never"]).success();
    assert!(
        table
            .stdout
            .contains("Declared not applicable: How quickly"),
        "{}",
        table.stdout
    );
    let html = run_doc("report", &bank(), &["-f", "html"]).success().stdout;
    assert!(html.contains("Declared not applicable"), "{html}");
    assert!(html.contains("How quickly does a customer"), "{html}");
}

/// An action that answers a trap the organization is in says so in every format of the plan.
#[test]
fn actions_answering_a_trap_say_so_in_every_format() {
    let html = run_doc("plan", &bank(), &["-f", "html"]).success().stdout;
    assert!(
        html.contains("answers the trap: Planned but not aligned"),
        "{html}"
    );
    assert!(html.contains("(answers a trap)"), "{html}");
    let markdown = run_doc("plan", &bank(), &["-f", "markdown"])
        .success()
        .stdout;
    assert!(
        markdown.contains("Answers the trap: Planned but not aligned."),
        "{markdown}"
    );
    let table = run_doc("plan", &bank(), &["-f", "table", "--color", "never"]).success();
    assert!(
        table.stdout.contains("answers the trap: Planned"),
        "{}",
        table.stdout
    );
}

/// Every jump link of the HTML documents (the contents, the first actions, the roadmap, `after`)
/// lands on an element of the page.
#[test]
fn html_jump_links_land_on_the_page() {
    let room = root().join("examples/bank-workshop");
    for doc in ["report", "plan"] {
        for input in [bank(), room.clone()] {
            let html = run_doc(doc, &input, &["-f", "html"]).success().stdout;
            let links: Vec<&str> = html
                .split("href=\"#")
                .skip(1)
                .filter_map(|rest| rest.split('"').next())
                .collect();
            assert!(links.len() > 3, "{doc}: hardly any jump links");
            for link in links {
                assert!(
                    html.contains(&format!("id=\"{link}\"")),
                    "{doc} of {}: #{link} leads nowhere",
                    input.display()
                );
            }
        }
    }
}

/// The verdict's figures: the points to the next level from the overall score as shown, and the
/// room's widest leadership gap, which is the largest either way.
#[test]
fn the_verdict_figures_follow_the_shown_numbers() {
    let one = run_doc("report", &bank(), &["-f", "json"]).success().json();
    let next = one["next_level"]["min_score"].as_f64().unwrap();
    let overall = one["overall"].as_f64().unwrap();
    let expected = ((next - overall) * 10.0).round() / 10.0;
    assert_eq!(one["to_next_level"].as_f64(), Some(expected.max(0.0)));
    assert!(one["widest_gap"].is_null(), "one respondent has no room");

    let room = run_doc(
        "report",
        &root().join("examples/bank-workshop"),
        &["-f", "json"],
    )
    .success()
    .json();
    let gap = &room["widest_gap"];
    let widest = room["workshop"]["dimensions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| Some((d["leadership"].as_f64()? - d["frontline"].as_f64()?).abs()))
        .fold(0.0, f64::max);
    let shown = gap["gap"].as_f64().unwrap();
    assert!((shown.abs() - widest).abs() < 0.051, "{shown} vs {widest}");
    let difference = gap["leadership"].as_f64().unwrap() - gap["frontline"].as_f64().unwrap();
    assert_eq!(shown, (difference * 10.0).round() / 10.0);
}
