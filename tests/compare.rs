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
    assert!(
        notes.contains("no_thanks") && notes.contains("not_listening"),
        "{notes}"
    );
    assert_eq!(v["dimensions"][0]["questions_changed"], true);
    assert_eq!(v["dimensions"][1]["questions_changed"], false);
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
