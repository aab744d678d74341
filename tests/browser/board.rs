//! The documents a consultant hands to a board: the verdict on the first screen, nothing that
//! scrolls sideways on a phone, a compact print, and PDF written directly.

use super::harness::*;
use crate::support::Test;

const ROOM: &str = "examples/bank-workshop";

/// Each document, for one sheet and for a room, with the most A4 pages it may print on.
const DOCUMENTS: [(&str, &str, usize); 4] = [
    ("report", BANK, 6),
    ("plan", BANK, 6),
    ("report", ROOM, 10),
    ("plan", ROOM, 6),
];

/// A figure as the documents show it: one decimal.
fn shown(x: &serde_json::Value) -> String {
    let x = x.as_f64().expect("a number");
    format!("{:.1}", (x * 10.0).round() / 10.0)
}

/// Text as the serialized DOM holds it.
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// What the first screen must name: the level, the score, the title of each gate in the way,
/// and the first action. For the report the gates are those that hold (each caps the level);
/// for the plan those between today and the target.
fn first_screen_facts(subcommand: &str, json: &serde_json::Value) -> Vec<String> {
    let mut facts = vec![
        json["level"]["name"]
            .as_str()
            .expect("level name")
            .to_string(),
        shown(&json["overall"]),
    ];
    let (gates, first) = if subcommand == "report" {
        (&json["gates"], &json["plan"]["first_actions"][0])
    } else {
        let first = json["phases"]
            .as_array()
            .expect("phases")
            .iter()
            .flat_map(|p| p["actions"].as_array().expect("actions"))
            .next()
            .expect("an action");
        (&json["target"]["gates"], first)
    };
    // The gates that hold the level down (a holding gate above today's level caps nothing).
    for gate in gates.as_array().expect("gates") {
        if gate.get("capping").is_none_or(|c| c == true) {
            facts.push(gate["title"].as_str().expect("gate title").to_string());
        }
    }
    facts.push(first["title"].as_str().expect("action title").to_string());
    facts
}

/// The verdict section of the serialized DOM, without the plan's roadmap table.
fn verdict(dom: &str) -> String {
    let start = dom
        .find("<section class=\"verdict\"")
        .expect("a <section class=\"verdict\">");
    let end = start + dom[start..].find("</section>").expect("verdict closed");
    let section = &dom[start..end];
    match section.find("<table class=\"roadmap\"") {
        Some(at) => section[..at].to_string(),
        None => section.to_string(),
    }
}

/// The verdict comes first: the level, the score, the gates in the way and the first action are
/// in the document's first section (`verdict`, before the roadmap table of the plan), and that
/// section ends within the first 900 pixels of a 1280-pixel-wide window.
///
/// Without JavaScript the page cannot report where its elements are, so the position is read from
/// pixels: a copy of the page hides (with `visibility: hidden`, which keeps the layout) everything
/// after those facts, the rest of `main`, the roadmap and the footer; the last row the
/// screenshot still paints is where the facts end.
#[test]
fn the_first_screen_is_the_verdict() {
    let Some(browser) = Browser::find() else {
        return;
    };
    for (subcommand, example, _) in DOCUMENTS {
        let run = render_example(subcommand, example);
        let json = example_json(subcommand, example);
        let facts = first_screen_facts(subcommand, &json);
        if example == BANK {
            assert!(facts.len() > 3, "no gate in the way of the bank: {facts:?}");
        }
        let page = run.dir.join("out.html");
        let loaded = browser.load(&page);
        loaded.assert_quiet();
        let first = verdict(&loaded.dom);
        for fact in &facts {
            assert!(
                first.contains(&escaped(fact)),
                "{subcommand} of {example}: the verdict does not name {fact:?}:\n{first}"
            );
        }
        let (_dir, cut) = restyled(
            &page,
            "main > .verdict ~ *, footer, .verdict .roadmap, .verdict .roadmap ~ * \
             { visibility: hidden !important; }",
        );
        let shot = browser.screenshot(&cut, (1280, 1400));
        let bottom = shot
            .last_painted_row(shot.corner())
            .expect("the verdict paints");
        assert!(
            (300..900).contains(&bottom),
            "{subcommand} of {example}: the verdict ends at {bottom} px, not within 900"
        );
    }
}

/// At 390 pixels nothing reaches past the right edge. A page that is wider than the window
/// scrolls sideways; a screenshot shows only the window, so a copy of the page is shifted left by
/// the window's width (`transform` moves what is painted and leaves the layout, and so the media
/// queries, as they are): whatever then shows in the window lay beyond its right edge, and there
/// must be nothing. A long page is looked at one window's height after another (shifted up as
/// well), until an unshifted-sideways view shows where it ends.
#[test]
fn nothing_scrolls_sideways_on_a_phone() {
    let Some(browser) = Browser::find() else {
        return;
    };
    const PHONE: (u32, u32) = (390, 12000);
    for (subcommand, example, _) in DOCUMENTS {
        let run = render_example(subcommand, example);
        let page = run.dir.join("out.html");
        for window in 0.. {
            let up = window * PHONE.1;
            let (_dir, view) = restyled(
                &page,
                &format!("html {{ transform: translateY(-{up}px); }}"),
            );
            let shot = browser.screenshot(&view, PHONE);
            let bottom = shot.last_painted_row(shot.corner());
            assert!(
                window > 0 || bottom.is_some(),
                "{subcommand} of {example} paints nothing"
            );
            let (_dir, beyond) = restyled(
                &page,
                &format!("html {{ transform: translate(-{}px, -{up}px); }}", PHONE.0),
            );
            let shot = browser.screenshot(&beyond, PHONE);
            let painted = shot.painted(shot.corner());
            assert_eq!(
                painted, 0,
                "{subcommand} of {example}: {painted} pixels drawn right of {} px (rows from {up})",
                PHONE.0
            );
            if bottom.is_none_or(|b| b < PHONE.1 - 100) {
                break;
            }
            assert!(window < 5, "{subcommand} of {example} never ends");
        }
    }
}

#[test]
fn documents_print_on_few_pages() {
    let Some(browser) = Browser::find() else {
        return;
    };
    for (subcommand, example, most) in DOCUMENTS {
        let run = render_example(subcommand, example);
        let pdf = browser.print(&run.dir.join("out.html"));
        let pages = pdf_pages(&pdf);
        assert!(
            (1..=most).contains(&pages),
            "{subcommand} of {example} prints on {pages} pages, more than {most}"
        );
    }
}

/// `-o report.pdf` prints through the browser given with `--browser`, or found on `PATH`.
#[test]
fn pdf_output_is_printed_by_the_browser() {
    let Some(browser) = Browser::find() else {
        return;
    };
    let given = Test::new()
        .arg("report")
        .arg(crate::support::root().join(BANK))
        .args(&["-o", "report.pdf", "--browser"])
        .arg(&browser.exe)
        .run()
        .success();
    let pdf = read_bytes(&given.dir.join("report.pdf"));
    assert!(pdf.starts_with(b"%PDF"), "not a PDF");
    assert!(
        (2..=6).contains(&pdf_pages(&pdf)),
        "{} pages",
        pdf_pages(&pdf)
    );

    let bin = tempfile::tempdir().expect("temp dir");
    std::os::unix::fs::symlink(&browser.exe, bin.path().join("chromium")).expect("link");
    let found = Test::new()
        .arg("plan")
        .arg(crate::support::root().join(BANK))
        .args(&["-f", "pdf", "-o", "plan.out"])
        .env("PATH", &bin.path().display().to_string())
        .run()
        .success();
    let pdf = read_bytes(&found.dir.join("plan.out"));
    assert!(pdf.starts_with(b"%PDF"), "not a PDF");
}

/// The text of each page of a PDF, read by `pdftotext` (poppler-utils); `None`, after a note,
/// where it is not installed, unless `CI` is set (`.ci/run` installs it).
fn pdf_page_texts(pdf: &[u8]) -> Option<Vec<String>> {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("doc.pdf");
    std::fs::write(&file, pdf).expect("write the PDF");
    let out = match std::process::Command::new("pdftotext")
        .arg(&file)
        .arg("-")
        .output()
    {
        Ok(out) => out,
        Err(_) if std::env::var_os("CI").is_some() => {
            panic!("pdftotext not found and CI is set; .ci/run installs poppler-utils")
        }
        Err(_) => {
            eprintln!("note: skipping a print check: pdftotext not found (poppler-utils)");
            return None;
        }
    };
    assert!(out.status.success(), "pdftotext failed");
    // pdftotext ends each page with a form feed.
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    pages.pop();
    Some(pages)
}

/// Every printed page names the organization, the document and its date at the top, and says
/// "Page n of N" at the bottom.
#[test]
fn printed_pages_carry_a_running_header_and_numbers() {
    let Some(browser) = Browser::find() else {
        return;
    };
    for (subcommand, example, _) in DOCUMENTS {
        let json = example_json(subcommand, example);
        let organization = json["organization"].as_str().expect("organization");
        let date = json["date"].as_str().expect("date");
        let run = render_example(subcommand, example);
        let pdf = browser.print(&run.dir.join("out.html"));
        let Some(pages) = pdf_page_texts(&pdf) else {
            return;
        };
        assert_eq!(pages.len(), pdf_pages(&pdf), "one text per page");
        let document = if subcommand == "report" {
            "Maturity report"
        } else {
            "Leap plan"
        };
        for (n, text) in pages.iter().enumerate() {
            for needle in [
                organization.to_string(),
                format!("{document} · {date}"),
                format!("Page {} of {}", n + 1, pages.len()),
            ] {
                assert!(
                    text.contains(&needle),
                    "{subcommand} of {example}, page {}: no {needle:?}",
                    n + 1
                );
            }
        }
    }
}

/// With the reader's system set to dark, the page is dark and its text still stands out.
#[test]
fn dark_mode_follows_the_reader() {
    let Some(browser) = Browser::find() else {
        return;
    };
    let run = render_example("report", BANK);
    let work = browser.run(
        &run.dir.join("out.html"),
        &[
            "--blink-settings=preferredColorScheme=0".to_string(),
            "--screenshot={work}/shot.png".to_string(),
            "--window-size=1280,900".to_string(),
        ],
    );
    let shot = Image::decode(&read_bytes(&work.path().join("shot.png")));
    let luminance = |p: [u8; 3]| (u32::from(p[0]) + u32::from(p[1]) + u32::from(p[2])) / 3;
    // The page's middle column, under the title: the body's own background.
    let body = shot.pixels[(shot.width / 2 + 5) as usize];
    assert!(luminance(body) < 60, "not dark: {body:?}");
    assert!(
        shot.content_share() > 0.02,
        "dark page without visible text: {:.3}",
        shot.content_share()
    );
}
