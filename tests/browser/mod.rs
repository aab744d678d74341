//! The HTML report in headless Chromium.
//!
//! Each page is loaded once, in a fresh profile, and that one launch yields everything the tests
//! look at: the DOM after load (`--dump-dom`), the console (`--enable-logging=stderr`), every
//! network request (`--log-net-log`) and, when asked, a screenshot and a PDF print. The last
//! tests run the same harness on deliberately bad pages, to show that each detector catches what
//! it looks for.
//!
//! Without Chromium (`/usr/bin/chromium` or `chromium` on `PATH`) the browser tests note that and
//! pass, unless `CI` is set: `.ci/run` installs Chromium, so there a missing browser is a failure.

mod board;
mod harness;
mod ids;
mod peers;

use std::collections::BTreeSet;

use harness::*;

use crate::support::Test;

#[test]
fn report_renders_radar_offline_and_prints() {
    let Some(browser) = Browser::find() else {
        return;
    };
    let sheet = example(BANK);
    let json = Test::new()
        .file("sheet.yaml", &sheet)
        .args(&["report", "sheet.yaml", "-f", "json"])
        .run()
        .success()
        .json();
    let dimensions: BTreeSet<&str> = json["dimensions"]
        .as_array()
        .expect("JSON dimensions")
        .iter()
        .map(|d| d["id"].as_str().expect("dimension id"))
        .collect();
    assert!(!dimensions.is_empty(), "no dimensions in the JSON report");

    let run = render_html("report", &sheet);
    let (loaded, prints) = browser.load_and_print(&run.dir.join("out.html"));

    loaded.assert_quiet();
    prints.assert_painted();
    prints.assert_printed();
    assert!(
        inner(&loaded.dom, "h1").contains("Fairhaven Savings Bank"),
        "title: {}",
        inner(&loaded.dom, "h1")
    );
    let radar = loaded
        .dom
        .split("<svg ")
        .find(|svg| svg.starts_with("class=\"radar\""))
        .and_then(|svg| svg.split("</svg>").next())
        .expect("a <svg class=\"radar\"> in the DOM");
    let points: BTreeSet<&str> = radar
        .split("<circle ")
        .skip(1)
        .filter(|circle| circle.contains("class=\"dim-point\""))
        .filter_map(|circle| circle.split("data-dimension=\"").nth(1))
        .filter_map(|rest| rest.split('"').next())
        .collect();
    assert_eq!(
        radar.matches("class=\"dim-point\"").count(),
        dimensions.len(),
        "one dim-point per dimension"
    );
    assert_eq!(points, dimensions, "radar points name the dimensions");
}

#[test]
fn plan_renders_offline_and_prints() {
    let Some(browser) = Browser::find() else {
        return;
    };
    let run = render_html("plan", &example(BANK));
    let (loaded, prints) = browser.load_and_print(&run.dir.join("out.html"));

    loaded.assert_quiet();
    prints.assert_painted();
    prints.assert_printed();
    assert!(
        inner(&loaded.dom, "h1").contains("Fairhaven Savings Bank"),
        "title: {}",
        inner(&loaded.dom, "h1")
    );
}

// ---------------------------------------------------------------------------------------------
// Hostile strings in an answer sheet stay text.

const HOSTILE: &str = r#"format: leapcheck/answers@1
questionnaire: social_media_readiness@1.0.0
organization: '<script>alert(1)</script> & "Co"'
respondent: { name: 'Eve <img src=x onerror=alert(2)>', role: executive }
date: 2026-05-04
units: ['<b>Ops</b> {{ unit }}']
answers:
  sponsor: senior_leader
  entry_story: 'We wrote {{ x }} and {% if true %}tag{% endif %} then <img src=x onerror=alert(3)>'
  biggest_worry: '<script>console.error("xss-4")</script></td></table><img src=x onerror=console.error(5)>'
units_answers:
  '<b>Ops</b> {{ unit }}':
    unit_objectives_agreed: 3
    unit_role: listening
"#;

/// The hostile strings as the DOM serializes their text: `<`, `>` and `&` escaped, `"` not.
const ORGANIZATION: &str = r#"&lt;script&gt;alert(1)&lt;/script&gt; &amp; "Co""#;
const RESPONDENT: &str = "Eve &lt;img src=x onerror=alert(2)&gt;";
const STORY: &str =
    "We wrote {{ x }} and {% if true %}tag{% endif %} then &lt;img src=x onerror=alert(3)&gt;";
const WORRY: &str = "&lt;script&gt;console.error(\"xss-4\")&lt;/script&gt;&lt;/td&gt;&lt;/table&gt;\
                     &lt;img src=x onerror=console.error(5)&gt;";
const UNIT: &str = "&lt;b&gt;Ops&lt;/b&gt; {{ unit }}";

#[track_caller]
fn assert_inert(loaded: &Loaded) {
    loaded.assert_quiet();
    for tag in ["script", "img"] {
        assert_eq!(
            count_elements(&loaded.dom, tag),
            0,
            "<{tag}> elements in the DOM:\n{}",
            loaded.dom
        );
    }
    for (tag, text) in [("title", ORGANIZATION), ("h1", ORGANIZATION)] {
        assert!(
            inner(&loaded.dom, tag).contains(text),
            "<{tag}> lacks {text:?}: {}",
            inner(&loaded.dom, tag)
        );
    }
    assert!(
        loaded.dom.contains(RESPONDENT),
        "respondent not shown as text"
    );
}

#[test]
fn hostile_strings_stay_text_in_the_report() {
    let Some(browser) = Browser::find() else {
        return;
    };
    let run = render_html("report", HOSTILE);
    let loaded = browser.load(&run.dir.join("out.html"));

    assert_inert(&loaded);
    for text in [STORY, WORRY, UNIT] {
        assert!(loaded.dom.contains(text), "DOM lacks {text:?}");
    }
    assert!(!loaded.dom.contains("<b>Ops"), "unit name became markup");
}

#[test]
fn hostile_strings_stay_text_in_the_plan() {
    let Some(browser) = Browser::find() else {
        return;
    };
    let run = render_html("plan", HOSTILE);
    let loaded = browser.load(&run.dir.join("out.html"));

    assert_inert(&loaded);
}

/// No browser needed: Markdown escapes `<` so renderers show the strings instead of running them.
#[test]
fn hostile_strings_stay_text_in_markdown() {
    for subcommand in ["report", "plan"] {
        let out = Test::new()
            .file("sheet.yaml", HOSTILE)
            .args(&[subcommand, "sheet.yaml", "-f", "markdown"])
            .run()
            .success()
            .stdout;
        let lower = out.to_ascii_lowercase();
        for raw in ["<script", "<img", "<b>ops"] {
            assert!(
                !lower.contains(raw),
                "{subcommand} Markdown has {raw}:\n{out}"
            );
        }
        for text in [
            "&lt;script&gt;alert(1)&lt;/script&gt;",
            "Eve &lt;img src=x onerror=alert(2)&gt;",
        ] {
            assert!(out.contains(text), "{subcommand} Markdown lacks {text:?}");
        }
        if subcommand == "report" {
            assert!(
                out.contains("We wrote {{ x }} and"),
                "{{{{ x }}}} not literal"
            );
            assert!(out.contains(UNIT), "unit name not escaped");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The detectors catch bad pages.

#[test]
fn harness_detects_scripts_console_and_requests() {
    let Some(browser) = Browser::find() else {
        return;
    };
    let (_dir, path) = page(
        r#"<!DOCTYPE html><html><head><title>bad</title>
<link rel="preconnect" href="https://preconnect.invalid"></head>
<body><p>bad page</p><img src="http://example.invalid/a.png">
<script>console.error("boom"); document.body.insertAdjacentHTML("beforeend", "<p id=ran>ran</p>")</script>
</body></html>"#,
    );
    let loaded = browser.load(&path);

    assert!(
        loaded.console.iter().any(|m| m.contains("boom")),
        "console.error not seen: {:?}",
        loaded.console
    );
    assert!(loaded.dom.contains(r#"<p id="ran">"#), "script did not run");
    assert_eq!(count_elements(&loaded.dom, "script"), 1);
    assert_eq!(count_elements(&loaded.dom, "img"), 1);
    for request in ["http://example.invalid/a.png", "https://preconnect.invalid"] {
        assert!(
            loaded.requests.iter().any(|r| r == request),
            "{request} not seen in {:?}",
            loaded.requests
        );
    }
}

/// Under the report's Content-Security-Policy nothing runs or loads, but the browser reports the
/// attempts on the console: so injected markup fails `assert_quiet` even where CSP stops it.
#[test]
fn harness_detects_csp_violations() {
    let Some(browser) = Browser::find() else {
        return;
    };
    let (_dir, path) = page(
        r#"<!DOCTYPE html><html><head>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
<title>blocked</title></head>
<body><p>blocked page</p><img src="http://example.invalid/a.png">
<script>console.error("boom")</script></body></html>"#,
    );
    let loaded = browser.load(&path);

    assert!(
        !loaded.console.iter().any(|m| m.contains("\"boom\"")),
        "script ran despite CSP"
    );
    for blocked in ["example.invalid/a.png", "inline script"] {
        assert!(
            loaded.console.iter().any(|m| m.contains(blocked)),
            "no CSP report for {blocked} in {:?}",
            loaded.console
        );
    }
    assert!(
        loaded.requests.is_empty(),
        "CSP let requests through: {:?}",
        loaded.requests
    );
}

#[test]
fn harness_detects_a_blank_page() {
    let Some(browser) = Browser::find() else {
        return;
    };
    let (_dir, path) = page(
        "<!DOCTYPE html><html><head><title>blank</title><style>html { background: #f3f5f8 } \
         body { background: #fff; max-width: 60rem; min-height: 100vh; margin: 0 auto }\
         </style></head><body></body></html>",
    );
    let (loaded, prints) = browser.load_and_print(&path);

    loaded.assert_quiet();
    let share = prints.screenshot.content_share();
    assert!(share < 0.001, "blank page seen as content: {share}");
    assert!(prints.pdf.starts_with(b"%PDF-"), "print is not a PDF");
    assert_eq!(pdf_pages(&prints.pdf), 1, "blank page prints to one page");
    assert!(
        prints.pdf.len() < 20_000,
        "blank PDF: {} bytes",
        prints.pdf.len()
    );
}

// ---------------------------------------------------------------------------------------------
// A phone: the workshop report and compare never scroll sideways at 390 pixels.

/// The width of a common phone, in CSS pixels.
const PHONE: u32 = 390;

/// Renders `args` to `out.html` and screenshots it 390 pixels wide; fails naming the rows whose
/// right edge holds content. Chromium on a desktop does not scroll a page that is too wide, it
/// cuts it at the window's edge: what would scroll shows as drawing in the rightmost columns,
/// which the page's padding keeps as blank as the leftmost ones.
#[track_caller]
fn assert_fits_a_phone(browser: &Browser, args: &[&str]) {
    let run = Test::new()
        .file("room/report.html", ROOM_ONLY)
        .args(args)
        .args(&["-o", "out.html"])
        .run()
        .success();
    let shot = browser.screenshot(&run.dir.join("out.html"), (PHONE, 9000));
    assert_eq!(shot.width, PHONE, "screenshot width");
    let rows = shot.rows_overflowing_right(6);
    assert!(
        rows.is_empty(),
        "{args:?}: content reaches the right edge at {PHONE} px in {} rows, first at y = {}",
        rows.len(),
        rows[0]
    );
}

/// The room's section of the report alone, with the built-in head and partial: the rest of the
/// report is another section's business.
const ROOM_ONLY: &str = "{% set page_title = \"room\" -%}\n{% include \"_head.html\" %}\n<body><main>\n{% include \"_workshop.html\" %}\n</main></body></html>\n";

#[test]
fn workshop_report_and_compare_fit_a_phone() {
    let Some(browser) = Browser::find() else {
        return;
    };
    let room = crate::support::root().join("examples/bank-workshop");
    let room = room.to_str().expect("a UTF-8 path");
    let bank = crate::support::root().join(BANK);
    let bank = bank.to_str().expect("a UTF-8 path");
    assert_fits_a_phone(&browser, &["report", room, "--templates", "room"]);
    assert_fits_a_phone(&browser, &["compare", bank, room]);
}

/// The detector itself: a table wider than the phone is caught.
#[test]
fn a_page_too_wide_for_a_phone_is_caught() {
    let Some(browser) = Browser::find() else {
        return;
    };
    let (_dir, path) = page(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head>\
         <body style=\"margin:0;padding:16px\"><table style=\"width:900px;border:1px solid #000\">\
         <tr><td>wide</td></tr></table></body></html>",
    );
    let shot = browser.screenshot(&path, (PHONE, 400));
    assert!(!shot.rows_overflowing_right(6).is_empty());
}
