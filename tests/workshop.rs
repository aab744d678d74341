//! Workshops: four respondents of tests/fixtures/room.yaml (two leaders, two front-line), their
//! numbers worked out by hand, and the same result whatever order the sheets come in.

use leapcheck::index::LevelIx;
use leapcheck::source::Source;
use leapcheck::{aggregate, plan, questionnaire, sheet, view};

use crate::support::*;

fn room_json(extra: &[&str]) -> serde_json::Value {
    Test::new()
        .arg("report")
        .arg(fixture("room"))
        .arg("-q")
        .arg(fixture("room.yaml"))
        .args(&["-f", "json"])
        .args(extra)
        .run()
        .success()
        .json()
}

/// Hand-worked (docs/design.md, "Many respondents"):
/// culture  Ada 100 (yes, 4/4), Ben 87.5 (yes, 3/4), Cai 12.5 (no, 1/4), Dee 25 (no, 2/4)
///          mean 56.25; deviations ±43.75, ±31.25 → variance 1445.3125 → spread 38.02
///          leadership (Ada, Ben) 93.75, front line (Cai, Dee) 18.75, gap 75
/// tools    Ada 100 (all), Ben 50 (some), Cai 0, Dee 0 → mean 37.5, variance 1718.75 → 41.46
/// units    Ada 100 (North yes), Ben 50 (North yes, South no), Cai 0 (South no), Dee none
///          (West, unanswered: no evidence) → mean of three 50, variance 1666.7 → 40.82
/// overall  (56.25 + 37.5 + 50) / 3 = 47.92 → low (mid starts at 50)
/// consensus c1: yes 2, no 2 → tie → the lower-scoring `no`; c2: 4, 3, 1, 2 once each → 1;
///          t1: none twice → none, so the gate `no_tools` holds.
/// questions c1 [100, 100, 0, 0] → 50; t1 [100, 50, 0, 0] → 41.46 (ties with the tools dimension;
///          the dimension comes first); c2 [100, 75, 25, 50] → 27.95; u1 per unit → 0.
#[test]
fn four_respondents_match_the_hand_worked_numbers() {
    let v = room_json(&[]);
    assert_eq!(v["overall"], 47.9);
    assert_eq!(v["level"]["id"], "low");
    let w = &v["workshop"];
    assert_eq!(w["respondent_count"], 4);
    let dims: Vec<(String, f64, f64, f64, f64, f64)> = w["dimensions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let f = |k: &str| d[k].as_f64().unwrap();
            (
                d["id"].as_str().unwrap().into(),
                f("score"),
                f("spread"),
                f("leadership"),
                f("frontline"),
                f("gap"),
            )
        })
        .collect();
    assert_eq!(
        dims,
        [
            ("culture".into(), 56.3, 38.0, 93.8, 18.8, 75.0),
            ("tools".into(), 37.5, 41.5, 75.0, 0.0, 75.0),
            ("units".into(), 50.0, 40.8, 75.0, 0.0, 75.0),
        ]
    );
    assert_eq!(
        w["dimensions"][2]["counted"], 3,
        "Dee has no evidence in units"
    );
    let gaps: Vec<&str> = w["credibility_gaps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["id"].as_str().unwrap())
        .collect();
    assert_eq!(gaps, ["culture", "tools", "units"]);

    let points: Vec<(&str, &str, f64)> = w["discussion"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["kind"].as_str().unwrap(),
                p["id"].as_str().unwrap(),
                p["spread"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        points,
        [
            // Dimensions apart from questions, each kind widest first.
            ("dimension", "tools", 41.5),
            ("dimension", "units", 40.8),
            ("dimension", "culture", 38.0),
            ("question", "c1", 50.0),
            ("question", "t1", 41.5),
            ("question", "c2", 28.0),
        ]
    );
    // Who answered what, with roles.
    let c1 = &w["discussion"][3]["answers"];
    assert_eq!(c1[0]["respondent"], "Ada");
    assert_eq!(c1[0]["role_name"], "Boss");
    assert_eq!(c1[0]["answer"], "yes");
    assert_eq!(c1[3]["respondent"], "Dee");
    assert_eq!(c1[3]["answer"], "no");

    // Consensus answers drive gates and patterns; ties go to the lower-scoring answer.
    let answers: Vec<(String, Option<String>)> = v["dimensions"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["questions"].as_array().unwrap())
        .map(|q| {
            (
                format!(
                    "{}{}",
                    q["id"].as_str().unwrap(),
                    q["unit"]
                        .as_str()
                        .map(|u| format!("@{u}"))
                        .unwrap_or_default()
                ),
                q["answer"].as_str().map(str::to_string),
            )
        })
        .collect();
    let expect = |id: &str, a: Option<&str>| (id.to_string(), a.map(str::to_string));
    assert_eq!(
        answers,
        [
            expect("c1", Some("no")),
            expect("c2", Some("1 (A little)")),
            expect("t1", Some("Nobody")),
            expect("u1@North", Some("yes")),
            expect("u1@South", Some("no")),
            // West was named but answered for by nobody: it is listed with its (missing) score,
            // not question by question, so a view grows with the answers, not the units named.
        ]
    );
    let ids = |k: &str| -> Vec<String> {
        v[k].as_array()
            .unwrap()
            .iter()
            .map(|x| x["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids("gates"), ["no_tools"]);
    assert_eq!(ids("patterns"), ["not_listening"]);

    // Units across the room, and the unit nobody answered for.
    let units: Vec<(&str, u64)> = w["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                u["name"].as_str().unwrap(),
                u["respondents"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(units, [("North", 2), ("South", 2), ("West", 0)]);
    assert_eq!(w["units_unanswered"], serde_json::json!(["West"]));
    let per_unit: Vec<serde_json::Value> = v["dimensions"][2]["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["score"].clone())
        .collect();
    assert_eq!(
        per_unit,
        [
            serde_json::json!(100.0),
            serde_json::json!(0.0),
            serde_json::Value::Null
        ]
    );
    assert_eq!(v["respondents"].as_array().unwrap().len(), 4);
    assert_eq!(v["date"], "2026-01-12", "the latest sheet's date");
}

#[test]
fn one_respondent_has_no_workshop_section() {
    let v = Test::new()
        .arg("report")
        .arg(fixture("room/a.yaml"))
        .arg("-q")
        .arg(fixture("room.yaml"))
        .args(&["-f", "json"])
        .run()
        .success()
        .json();
    assert!(v["workshop"].is_null());
    assert_eq!(v["overall"], 100.0);
}

#[test]
fn the_reports_show_the_room() {
    for (format, needles) in [
        (
            "markdown",
            &[
                "## The room: 4 respondents",
                "### The credibility gap",
                "### Discussion points",
                "Nobody answered for: West.",
            ][..],
        ),
        (
            "html",
            &[
                "The room: 4 respondents",
                "The credibility gap",
                "class=\"dots\"",
                "Nobody answered for: West.",
            ][..],
        ),
        (
            "table",
            &[
                "The room: 4 respondents",
                "Credibility gap in Culture",
                "Discussion points (spread 15+)",
            ][..],
        ),
    ] {
        let run = Test::new()
            .arg("report")
            .arg(fixture("room"))
            .arg("-q")
            .arg(fixture("room.yaml"))
            .args(&["-f", format])
            .run()
            .success();
        for n in needles {
            assert!(
                run.stdout.contains(n),
                "{format} lacks {n:?}:\n{}",
                run.stdout
            );
        }
    }
}

/// Every order of the sheets gives the same report, to the last byte of its JSON.
#[test]
fn aggregation_does_not_depend_on_the_order_of_sheets() {
    let qtext = std::fs::read_to_string(fixture("room.yaml")).unwrap();
    let q = questionnaire::load(&Source::new("room.yaml", qtext))
        .0
        .unwrap();
    let sheets: Vec<sheet::Sheet> = ["a", "b", "c", "d"]
        .iter()
        .map(|n| {
            let text = std::fs::read_to_string(fixture(&format!("room/{n}.yaml"))).unwrap();
            sheet::load(&Source::new(*n, text), &q).0.unwrap()
        })
        .collect();
    let render = |order: &[usize]| {
        let w = aggregate::workshop(&q, order.iter().map(|&k| sheets[k].clone()).collect());
        let p = plan::plan(&q, &w.assessment, Some(LevelIx::new(1)));
        serde_json::to_string(&view::workshop_report(&q, &w, &p, false)).unwrap()
    };
    let first = render(&[0, 1, 2, 3]);
    let mut order = vec![0, 1, 2, 3];
    let mut seen = 0;
    // Heap's algorithm: all 24 orders.
    fn permute(k: usize, order: &mut Vec<usize>, each: &mut dyn FnMut(&[usize])) {
        if k == 1 {
            each(order);
            return;
        }
        for i in 0..k {
            permute(k - 1, order, each);
            let j = if k.is_multiple_of(2) { i } else { 0 };
            order.swap(j, k - 1);
        }
    }
    permute(4, &mut order, &mut |o| {
        seen += 1;
        assert_eq!(render(o), first, "order {o:?}");
    });
    assert_eq!(seen, 24);
}

#[test]
fn sheets_of_another_questionnaire_or_version_are_refused_by_name() {
    let a = std::fs::read_to_string(fixture("room/a.yaml")).unwrap();
    let other = a.replace("room@1.0.0", "room@2.0.0");
    let run = Test::new()
        .file("room/a.yaml", &a)
        .file("room/z.yaml", &other)
        .args(&["report", "room", "-q"])
        .arg(fixture("room.yaml"))
        .run();
    // With -q the sheet's version is checked against the questionnaire, file by file.
    run.code(1).stderr_has("z.yaml");
    let run = Test::new()
        .file("room/a.yaml", &a)
        .file("room/z.yaml", &other)
        .args(&["report", "room"])
        .run()
        .code(1);
    assert!(
        run.stderr.contains("room@1.0.0") && run.stderr.contains("room@2.0.0"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("a.yaml") && run.stderr.contains("z.yaml"),
        "{}",
        run.stderr
    );
}

/// 2,000 sheets, 500 copies of each of the four: means and spreads are the four's (the
/// population standard deviation does not change when every value is repeated), consensus and
/// gates the same, answers grouped with counts ×500 instead of listed. Not timed: it keeps the
/// path taken by large rooms right.
#[test]
fn a_room_of_two_thousand_reports_like_its_four_kinds_of_respondent() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["a", "b", "c", "d"] {
        let text = std::fs::read_to_string(fixture(&format!("room/{name}.yaml"))).unwrap();
        for k in 0..500 {
            let copy = text.replacen("name: ", &format!("name: P{k} "), 1);
            std::fs::write(dir.path().join(format!("{name}{k:03}.yaml")), copy).unwrap();
        }
    }
    let big = Test::new()
        .arg("report")
        .arg(dir.path())
        .arg("-q")
        .arg(fixture("room.yaml"))
        .args(&["-f", "json"])
        .run()
        .success()
        .json();
    let small = room_json(&[]);
    assert_eq!(big["workshop"]["respondent_count"], 2000);
    assert_eq!(big["workshop"]["answers_listed"], false);
    for key in ["overall", "level", "gates", "patterns"] {
        assert_eq!(big[key], small[key], "{key}");
    }
    for (b, s) in big["workshop"]["dimensions"]
        .as_array()
        .unwrap()
        .iter()
        .zip(small["workshop"]["dimensions"].as_array().unwrap())
    {
        for key in [
            "score",
            "spread",
            "leadership",
            "frontline",
            "gap",
            "min",
            "max",
        ] {
            assert_eq!(b[key], s[key], "{} {key}", s["id"]);
        }
    }
    let ids = |v: &serde_json::Value| -> Vec<String> {
        v["workshop"]["discussion"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids(&big), ids(&small));
    let c1 = &big["workshop"]["discussion"][0];
    assert!(c1["answers"].as_array().unwrap().is_empty());
    assert_eq!(c1["groups"][0]["count"], 1000);
    assert_eq!(c1["groups"][0]["roles"][0]["count"], 1000);
    let roles: Vec<(String, u64)> = big["workshop"]["roles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["role_name"].as_str().unwrap().to_string(),
                r["count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        roles,
        [("Boss".to_string(), 1000), ("Agent".to_string(), 1000)]
    );
    // The HTML stays a document, not a directory listing.
    let html = Test::new()
        .arg("report")
        .arg(dir.path())
        .arg("-q")
        .arg(fixture("room.yaml"))
        .args(&["-f", "html"])
        .run()
        .success();
    assert!(html.stdout.len() < 200_000, "{} bytes", html.stdout.len());
    assert!(html.stdout.contains("2000 respondents"));
}

/// The bank's room: sixteen questions reach the threshold; the body keeps the widest five.
fn bank_room(format: &str) -> String {
    Test::new()
        .arg("report")
        .arg(root().join("examples/bank-workshop"))
        .args(&["-f", format])
        // The terminal's lines unwrapped, so each question reads as one string.
        .env("COLUMNS", "10000")
        .run()
        .success()
        .stdout
}

#[test]
fn discussion_points_group_answers_on_one_line_widest_five_in_the_body() {
    let v = room_json(&[]);
    let w = &v["workshop"];
    let c1 = w["discussion"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "c1")
        .unwrap();
    assert_eq!(c1["line"], "no: 2 (Agent 2) · yes: 2 (Boss 2)");
    for format in ["markdown", "html", "table"] {
        let out = Test::new()
            .arg("report")
            .arg(fixture("room"))
            .arg("-q")
            .arg(fixture("room.yaml"))
            .args(&["-f", format])
            .env("COLUMNS", "10000")
            .run()
            .success()
            .stdout;
        assert!(
            out.contains("no: 2 (Agent 2) · yes: 2 (Boss 2)"),
            "{format} lacks the grouped answers:\n{out}"
        );
    }

    let v: serde_json::Value = serde_json::from_str(&bank_room("json")).unwrap();
    let w = &v["workshop"];
    let points = w["discussion"].as_array().unwrap();
    let questions: Vec<&serde_json::Value> =
        points.iter().filter(|p| p["kind"] == "question").collect();
    assert!(questions.len() > 5, "the bank's room has more than five");
    let body: Vec<&str> = questions
        .iter()
        .filter(|p| p["appendix"] == false)
        .map(|p| p["text"].as_str().unwrap())
        .collect();
    let appendix: Vec<&str> = questions
        .iter()
        .filter(|p| p["appendix"] == true)
        .map(|p| p["text"].as_str().unwrap())
        .collect();
    assert_eq!(body.len(), 5);
    assert_eq!(w["discussion_in_body"], 5);
    assert_eq!(w["discussion_in_appendix"], appendix.len());
    let spreads: Vec<f64> = questions
        .iter()
        .map(|p| p["spread"].as_f64().unwrap())
        .collect();
    assert!(spreads.windows(2).all(|s| s[0] >= s[1]), "{spreads:?}");
    // Dimensions come apart from the questions, before them.
    let kinds: Vec<&str> = points.iter().map(|p| p["kind"].as_str().unwrap()).collect();
    let first_question = kinds.iter().position(|k| *k == "question").unwrap();
    assert!(kinds[first_question..].iter().all(|k| *k == "question"));
    assert!(
        points
            .iter()
            .all(|p| p["kind"] == "question" || p["appendix"] == false)
    );

    for format in ["markdown", "html", "table"] {
        let out = bank_room(format);
        let appendix_at = out
            .find("Appendix: further discussion points")
            .unwrap_or_else(|| panic!("{format} has no appendix:\n{out}"));
        // Where a text first appears, as written or as HTML escapes it.
        let find =
            |hay: &str, text: &str| hay.find(text).or_else(|| hay.find(&*html_escaped(text)));
        for text in &body {
            let at = find(&out, text).unwrap_or_else(|| panic!("{format} lacks {text:?}"));
            assert!(at < appendix_at, "{format}: {text:?} is not in the body");
        }
        for text in &appendix {
            assert!(
                find(&out[appendix_at..], text).is_some(),
                "{format}: {text:?} is not in the appendix"
            );
            assert!(
                find(&out[..appendix_at], text).is_none(),
                "{format}: {text:?} is in the body too"
            );
        }
        // No six-row table of who answered what in the body.
        assert!(
            !out.contains("| Respondent | Role | Answer |"),
            "{format} still tables each answer"
        );
    }
}

#[test]
fn a_room_gives_no_consensus_for_free_text() {
    let v: serde_json::Value = serde_json::from_str(&bank_room("json")).unwrap();
    let texts: Vec<&serde_json::Value> = v["dimensions"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["questions"].as_array().unwrap())
        .filter(|q| q["id"] == "entry_story" || q["id"] == "biggest_worry")
        .collect();
    assert_eq!(texts.len(), 2);
    for q in texts {
        assert_eq!(q["answer"], "no consensus", "{q}");
    }
    let md = bank_room("markdown");
    assert!(
        !md.contains("Giving advice in public that a regulator reads"),
        "one person's worry stands as the room's"
    );
    // One sheet alone keeps its own words.
    let one = Test::new()
        .arg("report")
        .arg(root().join("examples/bank-workshop/helena-brandt.yaml"))
        .args(&["-f", "json"])
        .run()
        .success()
        .json();
    let answers: Vec<&serde_json::Value> = one["dimensions"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["questions"].as_array().unwrap())
        .filter(|q| q["id"] == "biggest_worry")
        .map(|q| &q["answer"])
        .collect();
    assert_ne!(answers, [&serde_json::json!("no consensus")]);
}

/// `text` as the HTML templates escape it.
fn html_escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// The SVG of the first `<svg class="dots"` after `after` in `html`.
fn dots_after<'a>(html: &'a str, after: &str) -> &'a str {
    let from = html.find(after).unwrap_or_else(|| panic!("no {after:?}"));
    let svg = &html[from..];
    let start = svg.find("<svg class=\"dots\"").expect("a spread chart");
    let end = svg[start..].find("</svg>").expect("closed");
    &svg[start..start + end]
}

#[test]
fn the_spread_chart_marks_groups_stacks_equal_scores_and_has_ticks() {
    let html = bank_room("html");
    assert!(html.contains("class=\"legend spread-legend\""), "no legend");
    for (group, name) in [("leadership", "Leadership"), ("frontline", "Front line")] {
        let legend = &html[html.find("class=\"legend spread-legend\"").unwrap()..];
        let legend = &legend[..legend.find("</p>").unwrap()];
        assert!(
            legend.contains(&format!("dot {group}")) && legend.contains(name),
            "legend lacks {group}"
        );
    }
    let v: serde_json::Value = serde_json::from_str(&bank_room("json")).unwrap();
    for d in v["workshop"]["dimensions"].as_array().unwrap() {
        let name = d["name"].as_str().unwrap();
        let svg = dots_after(
            &html,
            &format!("<th scope=\"row\">{}</th>", html_escaped(name)),
        );
        assert!(svg.contains("viewBox="), "{name}: no viewBox");
        assert_eq!(svg.matches("class=\"tick\"").count(), 3, "{name}: ticks");
        for t in [">0</text>", ">50</text>", ">100</text>"] {
            assert!(svg.contains(t), "{name}: no tick label {t}");
        }
        let points = d["points"].as_array().unwrap();
        assert_eq!(points.len(), d["counted"].as_u64().unwrap() as usize);
        for group in ["leadership", "frontline"] {
            let expected = points.iter().filter(|p| p["group"] == group).count();
            assert_eq!(
                svg.matches(&format!("class=\"dot {group}\"")).count(),
                expected,
                "{name}: {group} marks"
            );
        }
        // Leadership and the front line are drawn differently: triangles and circles.
        assert!(!svg.contains("<circle class=\"dot leadership\""));
        assert!(!svg.contains("<path class=\"dot frontline\""));
        // Equal scores are stacked, never drawn on one spot.
        let mut spots: Vec<(String, String)> = Vec::new();
        for p in points {
            let spot = (p["score"].to_string(), p["stack"].to_string());
            assert!(!spots.contains(&spot), "{name}: two points on {spot:?}");
            spots.push(spot);
        }
    }
    // A dimension where scores are shared: six people score social customer service 0.0, and
    // they are stacked 0 to 5.
    let service = &v["workshop"]["dimensions"][7];
    assert_eq!(service["name"], "Social customer service");
    let mut stacks: Vec<u64> = service["points"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["score"] == 0.0)
        .map(|p| p["stack"].as_u64().unwrap())
        .collect();
    stacks.sort();
    assert_eq!(stacks, [0, 1, 2, 3, 4, 5]);
}

/// `--anonymous`: a role of one or two people would name them, so their answers are grouped
/// under their role group, as they are named themselves.
#[test]
fn anonymous_grouped_answers_name_groups_where_roles_are_small() {
    let out = Test::new()
        .arg("report")
        .arg(root().join("examples/bank-workshop"))
        .args(&["-f", "json", "--anonymous"])
        .run()
        .success()
        .json();
    let lines: Vec<&str> = out["workshop"]["discussion"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["line"].as_str().unwrap())
        .collect();
    assert!(lines.iter().any(|l| l.contains("Leadership")), "{lines:?}");
    for line in &lines {
        for role in [
            "Executive",
            "Customer service agent",
            "Store or branch staff",
        ] {
            assert!(!line.contains(role), "{role} (one person) in {line:?}");
        }
    }
    // Named, the same room groups by role.
    let named = bank_room("json");
    assert!(named.contains("Customer service agent 1)"));
}

/// The relative luminance of `#rrggbb` (WCAG 2).
fn luminance(hex: &str) -> f64 {
    let hex = hex.trim_start_matches('#');
    let channel = |k: usize| {
        let c = f64::from(u8::from_str_radix(&hex[k..k + 2], 16).unwrap()) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
}

fn contrast(a: &str, b: &str) -> f64 {
    let (x, y) = (luminance(a), luminance(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

/// WCAG 1.4.11: the spread chart's range band stands out 3:1 from the page and from the track it
/// lies on. The colours are read from the report's own stylesheet, the last rule winning.
#[test]
fn the_spread_band_has_three_to_one_contrast() {
    let html = bank_room("html");
    let css = &html[html.find("<style>").unwrap()..html.find("</style>").unwrap()];
    let variable = |name: &str| {
        let at = css
            .find(&format!("{name}:"))
            .unwrap_or_else(|| panic!("no {name}"));
        let value = css[at + name.len() + 1..].trim_start();
        value[..7].to_string()
    };
    // The value of the first of `properties` that the last rule for `selector` sets.
    let last = |selector: &str, properties: &[&str]| {
        let at = css
            .rfind(&format!("{selector} {{"))
            .unwrap_or_else(|| panic!("no {selector}"));
        let rule = &css[at..at + css[at..].find('}').unwrap()];
        let (start, property) = properties
            .iter()
            .find_map(|p| rule.find(&format!("{p}:")).map(|k| (k, *p)))
            .unwrap_or_else(|| panic!("{selector} sets none of {properties:?}"));
        let value = rule[start + property.len() + 1..]
            .trim_start()
            .split([';', ' ', '}'])
            .next()
            .unwrap()
            .to_string();
        match value.strip_prefix("var(") {
            Some(name) => variable(name.trim_end_matches(')')),
            None => value,
        }
    };
    // A filled band shows its fill; a drawn line, its stroke.
    let band = last("svg.dots .range", &["fill", "stroke"]);
    let track = last("svg.dots .track", &["stroke"]);
    let paper = variable("--paper");
    assert!(contrast(&band, &paper) >= 3.0, "band {band} on {paper}");
    assert!(
        contrast(&band, &track) >= 3.0,
        "band {band} on track {track}"
    );
    assert!(
        html.contains("<rect class=\"range\""),
        "the band is a filled shape"
    );
}
