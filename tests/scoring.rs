//! Hand-worked scores on the kitchen fixture (a questionnaire with nothing about social media),
//! checked against the numbered rules of docs/design.md to 0.1.

use serde_json::Value;

use crate::support::*;

const HEAD: &str = "format: leapcheck/answers@1\nquestionnaire: kitchen_hygiene@0.3.0\norganization: Chez Test\nrespondent: { name: Ann, role: owner }\ndate: 2026-11-20\n";

fn report(body: &str) -> (Value, String) {
    let run = Test::new()
        .file("sheet.yaml", &format!("{HEAD}{body}"))
        .args(&["report", "sheet.yaml", "-f", "json", "-q"])
        .arg(fixture("kitchen-hygiene.yaml"))
        .run()
        .success();
    (run.json(), run.stderr)
}

fn dim<'a>(v: &'a Value, id: &str) -> &'a Value {
    v["dimensions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == id)
        .unwrap_or_else(|| panic!("no dimension {id}"))
}

#[track_caller]
fn close(actual: &Value, expected: f64) {
    let a = actual
        .as_f64()
        .unwrap_or_else(|| panic!("not a number: {actual}"));
    assert!(
        (a - expected).abs() < 0.05 + 1e-9,
        "expected {expected}, got {a}"
    );
}

fn ids(v: &Value, key: &str) -> Vec<String> {
    v[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn hidden_questions_multi_cap_units_and_text() {
    // storage: fridge 3 on 1..4 = 2/3 (w2); labels 2+2=4 capped at max_points 3 = 1; pest_contract
    //   no = 0; pest_visits hidden (pest_contract is false) → (2·2/3 + 1 + 0) / 4 = 58.33
    // cleaning: informal 1/4; deep_clean 2 → band 1 (2 of 4 points) = 0.5; notes is text → 37.5
    // stations per unit: Hot kitchen (1 + 1)/2 = 100; Pastry 0, coverage 0.5 → mean 50.0,
    //   coverage (1 + 0.5)/2 = 75 %
    // overall (2·58.33 + 37.5 + 50) / 4 = 51.04 → `warning`; the gate holds but does not cap.
    let (v, stderr) = report(
        "units: [Hot kitchen, Pastry]\nanswers:\n  fridge_temp: 3\n  labels: [date, allergens]\n  pest_contract: no\n  pest_visits: 4\n  schedule: informal\n  deep_clean: 2\n  notes: \"Fine\"\nunits_answers:\n  Hot kitchen: { boards_separate: true, handwash: 4 }\n  Pastry: { boards_separate: false }\n",
    );
    close(&dim(&v, "storage")["score"], 58.3);
    close(&dim(&v, "storage")["coverage"], 100.0);
    close(&dim(&v, "cleaning")["score"], 37.5);
    let stations = dim(&v, "stations");
    close(&stations["score"], 50.0);
    close(&stations["coverage"], 75.0);
    close(&stations["units"][0]["score"], 100.0);
    close(&stations["units"][1]["score"], 0.0);
    close(&stations["units"][1]["coverage"], 50.0);
    close(&v["overall"], 51.0);
    assert_eq!(v["level"]["id"], "warning");
    assert_eq!(v["capped"], false);
    assert_eq!(ids(&v, "gates"), ["no_pest_control"]);
    assert_eq!(v["gates"][0]["capping"], false);
    assert_eq!(ids(&v, "patterns"), ["mixed_boards"]);
    assert!(
        stderr.contains("sheet.yaml:") && stderr.contains("`pest_visits` is hidden"),
        "{stderr}"
    );
    let visits = dim(&v, "storage")["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["id"] == "pest_visits")
        .unwrap();
    assert_eq!(visits["status"], "hidden");
}

#[test]
fn a_gate_caps_the_level_and_is_named() {
    // storage (2·1 + 1 + 0)/4 = 75 (labels 5 points capped at 3); cleaning 100; stations 100
    // overall (2·75 + 100 + 100)/4 = 87.5 → `clean`, held down to `warning` by no_pest_control.
    let (v, _) = report(
        "units: [Hot kitchen]\nanswers:\n  fridge_temp: 4\n  labels: [date, allergens, owner]\n  pest_contract: false\n  schedule: written\n  deep_clean: 4\nunits_answers:\n  Hot kitchen: { boards_separate: yes, handwash: 4 }\n",
    );
    close(&dim(&v, "storage")["score"], 75.0);
    close(&v["overall"], 87.5);
    assert_eq!(v["score_level"]["id"], "clean");
    assert_eq!(v["level"]["id"], "warning");
    assert_eq!(v["capped"], true);
    assert_eq!(v["gates"][0]["id"], "no_pest_control");
    assert_eq!(v["gates"][0]["capping"], true);
    assert!(ids(&v, "patterns").is_empty());
}

#[test]
fn na_partial_coverage_bands_and_insufficient_evidence() {
    // storage: fridge n/a (w2, counts for coverage only), labels unanswered, contract yes = 1,
    //   visits 3 → band min 2 = 1 of 3 points → (1 + 1/3)/2 = 66.67; coverage (2+1+1)/5 = 80 %
    // cleaning: none = 0, deep_clean unanswered → 0.0 with coverage 50 % (still sufficient)
    // stations: no units → coverage 0, insufficient evidence, left out of the overall
    // overall (2·66.67 + 0) / 3 = 44.44 → `warning`
    let (v, _) = report(
        "answers:\n  fridge_temp: n/a\n  pest_contract: true\n  pest_visits: 3\n  schedule: none\n",
    );
    close(&dim(&v, "storage")["score"], 66.7);
    close(&dim(&v, "storage")["coverage"], 80.0);
    close(&dim(&v, "cleaning")["score"], 0.0);
    close(&dim(&v, "cleaning")["coverage"], 50.0);
    assert_eq!(dim(&v, "cleaning")["sufficient"], true);
    assert_eq!(dim(&v, "stations")["sufficient"], false);
    assert_eq!(dim(&v, "stations")["score"], Value::Null);
    close(&v["overall"], 44.4);
    assert_eq!(v["level"]["id"], "warning");
    assert!(ids(&v, "gates").is_empty());
}

#[test]
fn a_unit_without_answers_is_left_out_of_the_mean_but_not_the_coverage() {
    // stations: A (0 + (3-1)/3)/2 = 33.33; B unanswered → D = 33.33, coverage (1 + 0)/2 = 50 %
    // storage: labels [owner] = 1/3 of max_points 3 → 33.33, coverage 1/4 → insufficient
    // overall: stations only (cleaning unanswered) → 33.33 → `closed_down`
    let (v, _) = report(
        "units: [A, B]\nanswers:\n  labels: [owner]\nunits_answers:\n  A: { boards_separate: false, handwash: 3 }\n",
    );
    let stations = dim(&v, "stations");
    close(&stations["score"], 33.3);
    close(&stations["coverage"], 50.0);
    assert_eq!(stations["units"][1]["score"], Value::Null);
    close(&dim(&v, "storage")["score"], 33.3);
    assert_eq!(dim(&v, "storage")["sufficient"], false);
    close(&v["overall"], 33.3);
    assert_eq!(v["level"]["id"], "closed_down");
    assert_eq!(ids(&v, "patterns"), ["mixed_boards"]);
}

#[test]
fn no_evidence_at_all_gives_the_lowest_level() {
    let (v, _) = report("answers: {}\n");
    assert_eq!(v["overall"], Value::Null);
    assert_eq!(v["level"]["id"], "closed_down");
    assert_eq!(v["schema_version"], 1);
}

#[test]
fn a_questionnaire_about_something_else_reports_as_a_table() {
    Test::new()
        .file(
            "sheet.yaml",
            &format!("{HEAD}answers:\n  schedule: written\n  deep_clean: 1\n"),
        )
        .args(&["report", "sheet.yaml", "-f", "table", "-q"])
        .arg(fixture("kitchen-hygiene.yaml"))
        .run()
        .success()
        .stdout_has("Restaurant kitchen hygiene — Chez Test")
        .stdout_has("Cleaning")
        .stdout_has("75.0")
        .stdout_has("insufficient evidence");
}

const BAKERY: &str = r#"format: leapcheck/questionnaire@1
id: bakery
version: 1.0.0
title: Bakery
levels:
  - { id: low, name: Low, min_score: 0 }
  - { id: high, name: High, min_score: 50 }
dimensions:
  - id: ovens
    name: Ovens
    questions:
      - { id: sector, text: Which sector?, type: choice, context: true, options: [{ value: retail }, { value: wholesale }] }
      - { id: cleaned, text: Cleaned daily?, type: yes_no }
  - id: stations
    name: Stations
    per_unit: true
    questions:
      - id: used
        text: Does {unit} bake?
        type: choice
        options:
          - { value: "no", points: 0 }
          - { value: "yes", points: 2 }
          - { value: not_ours, points: 0, scored: false }
      - { id: scrubbed, text: Scrubbed?, type: yes_no, show_if: 'used != "not_ours"' }
gates:
  - { id: wholesale_rules, when: 'sector == "wholesale" and cleaned == false', max_level: low, reason: Wholesale needs daily cleaning. }
"#;

fn bakery(answers: &str) -> Value {
    Test::new()
        .file("bakery.yaml", BAKERY)
        .file(
            "sheet.yaml",
            &format!("format: leapcheck/answers@1\nquestionnaire: bakery@1.0.0\norganization: Crumb\nrespondent: {{ name: Ann }}\ndate: 2026-11-20\nunits: [A, B, C]\n{answers}"),
        )
        .args(&["report", "sheet.yaml", "-f", "json", "-q", "bakery.yaml"])
        .run()
        .success()
        .json()
}

/// A context question (its options all worth 0) is asked and read by a gate, never scored; a
/// choice option with `scored: false` covers its question but leaves the unit out of the mean.
#[test]
fn context_questions_and_unscored_options_stay_out_of_the_score() {
    // ovens: sector is context, so only cleaned (yes) counts → 100.
    // stations: A (yes 1 + no 0)/2 = 50; B answered not_ours: no score, left out of the mean
    //   (with 0 points it would have been (50 + 0 + 0)/3 = 16.7); C (0 + 0)/2 = 0 → 25.0; every
    //   unit is covered (B by its answer; scrubbed is hidden there) → coverage 100 %.
    // overall (100 + 25)/2 = 62.5 → high; the gate reads the context answer but does not hold.
    let v = bakery(
        "answers: { sector: wholesale, cleaned: yes }\nunits_answers:\n  A: { used: \"yes\", scrubbed: no }\n  B: { used: not_ours }\n  C: { used: \"no\", scrubbed: no }\n",
    );
    close(&dim(&v, "ovens")["score"], 100.0);
    close(&dim(&v, "stations")["score"], 25.0);
    close(&dim(&v, "stations")["coverage"], 100.0);
    close(&v["overall"], 62.5);
    assert_eq!(v["level"]["id"], "high");
    let sector = &dim(&v, "ovens")["questions"][0];
    assert_eq!(sector["status"], "answered");
    assert!(sector["score"].is_null(), "{sector}");
    // The same context answer holds the gate once the oven is not cleaned.
    let v = bakery(
        "answers: { sector: wholesale, cleaned: no }\nunits_answers:\n  A: { used: \"yes\", scrubbed: yes }\n",
    );
    assert_eq!(ids(&v, "gates"), ["wholesale_rules"]);
    assert_eq!(v["level"]["id"], "low");
}
