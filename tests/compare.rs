//! `leapcheck compare`: a hand-built before/after pair of the room questionnaire, and a
//! questionnaire that changed between the two runs.

use crate::support::*;

pub const BEFORE: &str = "format: leapcheck/answers@1\nquestionnaire: room@1.0.0\norganization: Room Co\nrespondent: { name: Cai, role: agent }\ndate: 2026-01-12\nanswers: { c1: false, c2: 1, t1: none }\n";
// c1 yes, c2 3, t1 some: culture 87.5 (was 12.5), tools 50 (was 0); the gate and the pattern go,
// `get_tools` and `listen` are done, `spread_ideas` stays open.
pub const AFTER: &str = "format: leapcheck/answers@1\nquestionnaire: room@1.0.0\norganization: Room Co\nrespondent: { name: Cai, role: agent }\ndate: 2026-04-12\nanswers: { c1: true, c2: 3, t1: some }\n";

fn names(v: &serde_json::Value, key: &str) -> Vec<String> {
    v[key]
        .as_array()
        .unwrap_or_else(|| panic!("{key}: {v}"))
        .iter()
        .map(|x| x["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_before_after_pair_shows_deltas_lifted_gates_and_done_actions() {
    let run = Test::new()
        .file("q1.yaml", BEFORE)
        .file("q2.yaml", AFTER)
        .args(&["compare", "q1.yaml", "q2.yaml", "-f", "json", "-q"])
        .arg(fixture("room.yaml"))
        .run()
        .success();
    let v = run.json();
    assert_eq!(v["document"], "compare");
    assert_eq!(v["same_questionnaire"], true);
    assert!(v["notes"].as_array().unwrap().is_empty(), "{}", v["notes"]);
    // overall: before (12.5 + 0) / 2 = 6.25 (units unanswered); after (87.5 + 50) / 2 = 68.75
    assert_eq!(v["before"]["overall"], 6.3);
    assert_eq!(v["after"]["overall"], 68.8);
    assert_eq!(v["overall_change"], 62.5);
    assert_eq!(v["before"]["level_id"], "low");
    assert_eq!(v["after"]["level_id"], "mid");
    assert_eq!(v["level_change"], "up");
    let dims: Vec<(String, serde_json::Value)> = v["dimensions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["id"].as_str().unwrap().to_string(), d["change"].clone()))
        .collect();
    assert_eq!(dims[0], ("culture".into(), serde_json::json!(75.0)));
    assert_eq!(dims[1], ("tools".into(), serde_json::json!(50.0)));
    assert_eq!(dims[2], ("units".into(), serde_json::Value::Null));
    assert_eq!(names(&v, "gates_lifted"), ["no_tools"]);
    assert!(names(&v, "gates_new").is_empty());
    assert_eq!(names(&v, "patterns_gone"), ["not_listening"]);
    assert_eq!(names(&v, "actions_done"), ["get_tools", "listen"]);
    assert_eq!(names(&v, "actions_open"), ["spread_ideas"]);
    // The other formats say the same.
    for (format, needle) in [
        ("markdown", "**Lifted:** Nobody has the tools"),
        ("markdown", "- [x] Give every team the tools"),
        ("html", "Gates lifted</th><td>Nobody has the tools"),
        (
            "table",
            "Actions done: Give every team the tools; Start listening",
        ),
    ] {
        let run = Test::new()
            .file("q1.yaml", BEFORE)
            .file("q2.yaml", AFTER)
            .args(&["compare", "q1.yaml", "q2.yaml", "-f", format, "-q"])
            .arg(fixture("room.yaml"))
            .run()
            .success();
        assert!(
            run.stdout.contains(needle),
            "{format} lacks {needle:?}:\n{}",
            run.stdout
        );
    }
}

#[test]
fn a_changed_questionnaire_is_reported_and_only_shared_parts_compared() {
    let q1 = std::fs::read_to_string(fixture("room.yaml")).unwrap();
    // Version 1.1.0 asks one more culture question, drops the pattern and adds a gate.
    let q2 = q1
        .replace("version: 1.0.0", "version: 1.1.0")
        .replace(
            "      - { id: c2, text: Customers' ideas change what we do., type: scale, scale: agree, allow_na: true }",
            "      - { id: c2, text: Customers' ideas change what we do., type: scale, scale: agree, allow_na: true }\n      - { id: c3, text: We thank customers., type: yes_no }",
        )
        .replace(
            "patterns:\n  - { id: not_listening, name: Not listening, when: 'c1 == false', description: The room does not agree that it listens. }\n",
            "patterns: []\n",
        )
        .replace(
            "gates:\n",
            "gates:\n  - { id: no_thanks, when: 'c3 == false', max_level: mid, reason: Nobody thanks customers. }\n",
        );
    assert_ne!(q1, q2);
    let after = AFTER
        .replace("room@1.0.0", "room@1.1.0")
        .replace("t1: some }", "t1: some, c3: false }");
    let run = Test::new()
        .file("q2.yaml", &q2)
        .file("before.yaml", BEFORE)
        .file("after.yaml", &after)
        .args(&[
            "compare",
            "before.yaml",
            "after.yaml",
            "-f",
            "json",
            "-q",
            "q2.yaml",
            "--before-questionnaire",
        ])
        .arg(fixture("room.yaml"))
        .run()
        .success();
    let v = run.json();
    assert_eq!(v["same_questionnaire"], false);
    assert_ne!(
        v["before"]["questionnaire"]["content_hash"],
        v["after"]["questionnaire"]["content_hash"]
    );
    let notes = v["notes"].to_string();
    assert!(
        notes.contains("The questionnaire changed between the runs"),
        "{notes}"
    );
    assert!(notes.contains("Culture"), "{notes}");
    // Named as readers know them, never by id.
    assert!(
        notes.contains("Nobody thanks customers") && notes.contains("Not listening"),
        "{notes}"
    );
    assert!(
        !notes.contains("no_thanks") && !notes.contains("not_listening"),
        "{notes}"
    );
    let changed = |id: &str| {
        v["dimensions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["id"] == id)
            .unwrap()["questions_changed"]
            .clone()
    };
    assert_eq!(changed("culture"), true);
    assert_eq!(changed("tools"), false);
    // Not counted as lifted or new: only one questionnaire has them.
    assert!(names(&v, "gates_new").is_empty());
    assert!(names(&v, "patterns_gone").is_empty());
    assert_eq!(names(&v, "gates_lifted"), ["no_tools"]);
    let md = Test::new()
        .file("q2.yaml", &q2)
        .file("before.yaml", BEFORE)
        .file("after.yaml", &after)
        .args(&[
            "compare",
            "before.yaml",
            "after.yaml",
            "-f",
            "markdown",
            "-q",
            "q2.yaml",
            "--before-questionnaire",
        ])
        .arg(fixture("room.yaml"))
        .run()
        .success();
    assert!(
        md.stdout.contains("> **Note:** The questionnaire changed"),
        "{}",
        md.stdout
    );
}

#[test]
fn a_workshop_directory_compares_with_a_single_sheet() {
    let run = Test::new()
        .file("after.yaml", AFTER)
        .args(&["compare"])
        .arg(fixture("room"))
        .args(&["after.yaml", "-f", "json", "-q"])
        .arg(fixture("room.yaml"))
        .run()
        .success();
    let v = run.json();
    assert_eq!(v["before"]["respondent_count"], 4);
    assert_eq!(v["before"]["overall"], 47.9);
    assert_eq!(v["after"]["respondent_count"], 1);
}

/// The numbers with one decimal in `line`, in order (`-1.4`, `+5.7`, `62.5`).
fn decimals(line: &str) -> Vec<f64> {
    let mut out = Vec::new();
    let chars: Vec<char> = line.chars().collect();
    let mut k = 0;
    while k < chars.len() {
        let starts = chars[k].is_ascii_digit()
            || (matches!(chars[k], '-' | '+')
                && chars.get(k + 1).is_some_and(char::is_ascii_digit)
                && (k == 0 || !chars[k - 1].is_ascii_alphanumeric()));
        if !starts || (k > 0 && (chars[k - 1].is_ascii_digit() || chars[k - 1] == '.')) {
            k += 1;
            continue;
        }
        let mut end = k + 1;
        while end < chars.len() && (chars[end].is_ascii_digit() || chars[end] == '.') {
            end += 1;
        }
        let text: String = chars[k..end].iter().collect();
        if let Some((_, frac)) = text.split_once('.')
            && frac.len() == 1
        {
            out.push(text.parse().unwrap());
        }
        k = end;
    }
    out
}

/// `compare BEFORE AFTER -f FORMAT`.
fn compare_out(before: &std::path::Path, after: &std::path::Path, format: &str) -> String {
    Test::new()
        .arg("compare")
        .arg(before)
        .arg(after)
        .args(&["-f", format])
        .env("COLUMNS", "10000")
        .run()
        .success()
        .stdout
}

/// Every change a document prints equals after minus before as it prints them: rows that show a
/// change (▲, ▼ or =) end in before, after and the change.
#[test]
fn every_printed_difference_is_after_minus_before_as_printed() {
    let bank = root().join("examples/bank-planned-not-aligned.yaml");
    let room = root().join("examples/bank-workshop");
    let retailer = root().join("examples/retailer-leapt-without-looking.yaml");
    let brand = root().join("examples/consumer-brand-broadcasting.yaml");
    let pairs = [
        (&bank, &room),
        (&room, &bank),
        (&retailer, &brand),
        (&brand, &bank),
    ];
    for (before, after) in pairs {
        let v = Test::new()
            .arg("compare")
            .arg(before)
            .arg(after)
            .args(&["-f", "json"])
            .run()
            .success()
            .json();
        let shown = |x: &serde_json::Value| x.as_f64().map(|x| (x * 10.0).round() as i64);
        let check = |b: &serde_json::Value, a: &serde_json::Value, c: &serde_json::Value| {
            if let (Some(b), Some(a), Some(c)) = (shown(b), shown(a), shown(c)) {
                assert_eq!(a - b, c, "json: {b} → {a} printed as {c} (tenths)");
            }
        };
        check(
            &v["before"]["overall"],
            &v["after"]["overall"],
            &v["overall_change"],
        );
        let mut rows = 0;
        for d in v["dimensions"].as_array().unwrap() {
            check(&d["before"], &d["after"], &d["change"]);
            rows += usize::from(!d["change"].is_null());
        }
        for format in ["table", "markdown", "html"] {
            let out = compare_out(before, after, format);
            let mut seen = 0;
            for line in out.lines().filter(|l| {
                (l.contains('▲') || l.contains('▼') || l.contains("= 0.0"))
                    && decimals(l).len() >= 3
            }) {
                let n = decimals(line);
                let (b, a, c) = (n[n.len() - 3], n[n.len() - 2], n[n.len() - 1]);
                let tenths = |x: f64| (x * 10.0).round() as i64;
                assert_eq!(
                    tenths(a) - tenths(b),
                    tenths(c),
                    "{format}: {line:?} does not add up"
                );
                seen += 1;
            }
            assert_eq!(seen, rows, "{format}: one row per scored dimension\n{out}");
        }
    }
}

/// A constructed room whose unrounded difference rounds another way than the printed one: the
/// room scores 47.92 (shown 47.9), the sheet 68.75 (shown 68.8); 20.83 would round to 20.8, yet
/// a reader subtracts 68.8 − 47.9 = 20.9.
#[test]
fn a_difference_is_taken_between_the_numbers_as_shown() {
    let run = Test::new()
        .file("after.yaml", AFTER)
        .args(&["compare"])
        .arg(fixture("room"))
        .args(&["after.yaml", "-f", "json", "-q"])
        .arg(fixture("room.yaml"))
        .run()
        .success();
    let v = run.json();
    assert_eq!(v["before"]["overall"], 47.9);
    assert_eq!(v["after"]["overall"], 68.8);
    assert_eq!(v["overall_change"], 20.9);
}

#[test]
fn comparing_two_organizations_says_so_in_every_format() {
    let other = AFTER.replace("organization: Room Co", "organization: Other Co");
    let respaced = AFTER.replace("organization: Room Co", "organization: '  room   co'");
    let run = |after: &str, format: &str| {
        Test::new()
            .file("q1.yaml", BEFORE)
            .file("q2.yaml", after)
            .args(&["compare", "q1.yaml", "q2.yaml", "-f", format, "-q"])
            .arg(fixture("room.yaml"))
            .run()
            .success()
    };
    let v = run(&other, "json").json();
    assert_eq!(v["same_organization"], false);
    assert!(
        v["notes"].to_string().contains("different organizations"),
        "{}",
        v["notes"]
    );
    for format in ["table", "markdown", "html"] {
        let out = run(&other, format).stdout;
        assert!(
            out.contains("different organizations (Room Co before, Other Co after)"),
            "{format} does not say so:\n{out}"
        );
    }
    // The same organization spelled with other case and spaces is the same.
    let v = run(&respaced, "json").json();
    assert_eq!(v["same_organization"], true);
    assert!(v["notes"].as_array().unwrap().is_empty(), "{}", v["notes"]);
}

#[test]
fn changes_are_sorted_signed_and_open_actions_named_by_number() {
    let bank = root().join("examples/bank-planned-not-aligned.yaml");
    let room = root().join("examples/bank-workshop");
    let v = Test::new()
        .arg("compare")
        .arg(&bank)
        .arg(&room)
        .args(&["-f", "json"])
        .run()
        .success()
        .json();
    let changes: Vec<f64> = v["dimensions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["change"].as_f64())
        .collect();
    assert!(changes.windows(2).all(|w| w[0] >= w[1]), "{changes:?}");
    assert!(changes.iter().any(|c| *c > 0.0) && changes.iter().any(|c| *c < 0.0));
    for d in v["dimensions"].as_array().unwrap() {
        let expect = match d["change"].as_f64() {
            Some(c) if c > 0.0 => "up",
            Some(c) if c < 0.0 => "down",
            Some(_) => "same",
            None => continue,
        };
        assert_eq!(d["direction"], expect, "{d}");
    }
    // The distance to the next level after, from the numbers as shown.
    let next = &v["after"]["next_level"];
    let shown = v["after"]["overall"].as_f64().unwrap();
    let distance = ((next["min_score"].as_f64().unwrap() - shown) * 10.0).round() / 10.0;
    assert_eq!(next["distance"].as_f64().unwrap(), distance.max(0.0));
    // Open actions by their number in the later plan, in that order.
    let plan = Test::new()
        .arg("plan")
        .arg(&room)
        .args(&["-f", "json"])
        .run()
        .success()
        .json();
    let numbered: Vec<(u64, String)> = plan["phases"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["actions"].as_array().unwrap())
        .map(|a| {
            (
                a["number"].as_u64().unwrap(),
                a["title"].as_str().unwrap().into(),
            )
        })
        .collect();
    let open: Vec<(u64, String)> = v["actions_open"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["number"].as_u64().unwrap(),
                a["name"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert!(!open.is_empty());
    assert!(open.windows(2).all(|w| w[0].0 < w[1].0), "{open:?}");
    for action in &open {
        assert!(
            numbered.contains(action),
            "{action:?} is not so in the plan"
        );
    }
    for format in ["table", "markdown", "html"] {
        let out = compare_out(&bank, &room, format);
        assert!(!out.contains("respondent(s)"), "{format}: respondent(s)");
        if format != "markdown" {
            // Markdown gives the counts in a table row of their own.
            assert!(
                out.contains("1 respondent,") || out.contains("1 respondent:"),
                "{format}"
            );
            assert!(out.contains("6 respondents"), "{format}");
        }
        assert!(out.contains('▲') && out.contains('▼'), "{format}: no ▲/▼");
        assert!(
            out.contains(next["name"].as_str().unwrap()),
            "{format}: next level"
        );
        // The distance from the numbers as shown, or, at 0, that gates hold the level.
        if distance > 0.0 {
            assert!(
                out.contains(&format!("{distance:.1} points away")),
                "{format}: distance"
            );
        } else {
            assert!(
                out.contains("gates hold the level"),
                "{format}: held by gates"
            );
        }
        for (number, title) in &open {
            let title = match format {
                "html" => title.replace('\'', "&#39;"),
                _ => title.clone(),
            };
            assert!(
                out.contains(&format!("{number}. {title}")),
                "{format} lacks open action {number}. {title}"
            );
        }
    }
    // The chart: one before and one after mark per dimension scored on both sides, with a text
    // alternative that names each.
    let html = compare_out(&bank, &room, "html");
    let svg = &html[html
        .find("<svg class=\"changes\"")
        .expect("a before/after chart")..];
    let svg = &svg[..svg.find("</svg>").unwrap()];
    assert!(svg.contains("role=\"img\"") && svg.contains("<title"));
    let both = v["dimensions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| !d["before"].is_null() && !d["after"].is_null())
        .count();
    assert_eq!(svg.matches("class=\"before\"").count(), both);
    assert_eq!(svg.matches("class=\"after\"").count(), both);
    for d in v["dimensions"].as_array().unwrap() {
        assert!(svg.contains(d["name"].as_str().unwrap()), "{d}");
    }
}
