//! Questionnaires that extend another (`extends:`): a variant adds, replaces and removes items of
//! its base by id, loads and scores like any questionnaire, and its errors name the file that
//! caused them. Fixtures in tests/fixtures/extends/.

use serde_json::Value;

use crate::support::*;

fn extends(name: &str) -> std::path::PathBuf {
    fixture("extends").join(name)
}

fn ids(list: &Value) -> Vec<&str> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|x| x["id"].as_str().unwrap())
        .collect()
}

fn text(name: &str) -> String {
    std::fs::read_to_string(extends(name)).unwrap()
}

/// The 1-based line of the first line of `name` that contains `needle`.
fn line_of(name: &str, needle: &str) -> usize {
    text(name).lines().position(|l| l.contains(needle)).unwrap() + 1
}

#[test]
fn extends_variant_adds_replaces_and_removes_items_and_scores() {
    let run = Test::new()
        .args(&["report", "-f", "json", "-q"])
        .arg(extends("bakery.yaml"))
        .arg(extends("bakery-sheet.yaml"))
        .run()
        .success();
    let v = run.json();
    assert_eq!(v["questionnaire"]["id"], "tiny_bakery");
    assert_eq!(v["questionnaire"]["title"], "Tiny bakery");
    // Kept from the base.
    assert_eq!(
        v["questionnaire"]["description"],
        "A small kitchen self-check."
    );
    let dims = v["dimensions"].as_array().unwrap();
    // `labels` removed; `schedule` replaced in place (now a choice); `flour` added at the end.
    assert_eq!(ids(&dims[0]["questions"]), ["fridge", "pests"]);
    assert_eq!(ids(&dims[1]["questions"]), ["schedule", "notes", "flour"]);
    assert_eq!(dims[1]["questions"][0]["answer"], "Written and signed");
    // storage 0 (weight 1); cleaning (4/4 + 0) / 2 = 50 at the variant's weight 3 → 37.5.
    assert_eq!(dims[1]["weight"], 3.0);
    assert_eq!(v["overall"], 37.5);
    // `no_pests` removed, `no_fridge` replaced (now caps at `low`), `dusty` added.
    assert_eq!(ids(&v["gates"]), ["no_fridge", "dusty"]);
    assert_eq!(v["gates"][0]["max_level"]["id"], "low");
    assert_eq!(ids(&v["patterns"]), ["floury"]);

    let plan = Test::new()
        .args(&["plan", "-f", "json", "-q"])
        .arg(extends("bakery.yaml"))
        .arg(extends("bakery-sheet.yaml"))
        .run()
        .success()
        .json();
    let actions: Vec<&str> = plan["phases"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| ids(&p["actions"]))
        .collect();
    assert!(actions.contains(&"sweep_flour") && actions.contains(&"check_fridge"));
    assert!(!actions.contains(&"sign_pests"), "{actions:?}");
}

#[test]
fn extends_variant_validates_and_sheets_name_it() {
    Test::new()
        .arg("validate")
        .arg(extends("bakery.yaml"))
        .arg(extends("pastry.yaml"))
        .arg(extends("bakery-sheet.yaml"))
        .run()
        .success()
        .stdout_has("ok, questionnaire tiny_bakery@1.0.0 (5 questions)")
        // A variant of a variant.
        .stdout_has("ok, questionnaire tiny_pastry@1.0.0 (6 questions)")
        .stdout_has("ok, answer sheet for tiny_bakery@1.0.0");
    Test::new()
        .args(&["init", "sheet", "-q"])
        .arg(extends("bakery.yaml"))
        .run()
        .success()
        .stdout_has("questionnaire: tiny_bakery@1.0.0")
        .stdout_has("flour");
}

#[test]
fn extends_content_hash_covers_the_merged_questionnaire() {
    let hash = |base: &str| {
        Test::new()
            .file("base.yaml", base)
            .file("bakery.yaml", &text("bakery.yaml"))
            .file("sheet.yaml", &text("bakery-sheet.yaml"))
            .args(&["report", "-f", "json", "-q", "bakery.yaml", "sheet.yaml"])
            .run()
            .success()
            .json()["questionnaire"]["content_hash"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let base = text("base.yaml");
    let before = hash(&base);
    assert_eq!(before, hash(&base));
    let changed = base.replace("Is the fridge checked every day?", "Is the fridge checked?");
    assert_ne!(before, hash(&changed));
}

#[test]
fn extends_error_in_the_variant_names_the_variant() {
    let variant = text("bakery.yaml").replace("type: yes_no }", "type: yes_nope }");
    let line = variant
        .lines()
        .position(|l| l.contains("yes_nope"))
        .unwrap()
        + 1;
    Test::new()
        .file("base.yaml", &text("base.yaml"))
        .file("variant.yaml", &variant)
        .args(&["validate", "variant.yaml"])
        .run()
        .code(1)
        .stderr_has(&format!("variant.yaml:{line}:"))
        .stderr_has("`yes_nope` is not a question type");
}

#[test]
fn extends_error_in_the_base_names_the_base() {
    let base = text("base.yaml").replace(
        "'fridge == false', max_level",
        "'fridg == false', max_level",
    );
    let line = base.lines().position(|l| l.contains("'fridg ==")).unwrap() + 1;
    // The variant replaces `no_fridge` in bakery.yaml; pastry's own base is untouched here, so
    // take a variant that leaves the gate alone.
    let variant =
        "format: leapcheck/questionnaire@1\nid: tiny_variant\nversion: 1.0.0\nextends: base.yaml\n";
    Test::new()
        .file("base.yaml", &base)
        .file("variant.yaml", variant)
        .args(&["validate", "variant.yaml"])
        .run()
        .code(1)
        .stderr_has(&format!("base.yaml:{line}:"))
        .stderr_has("`fridg` is not a question");
}

#[test]
fn extends_removing_a_question_still_used_names_both_places() {
    let variant = "format: leapcheck/questionnaire@1\nid: tiny_variant\nversion: 1.0.0\nextends: base.yaml\nremove:\n  questions: [labels]\n";
    let used = line_of("base.yaml", "id: paper_tiger");
    let run = Test::new()
        .file("base.yaml", &text("base.yaml"))
        .file("variant.yaml", variant)
        .args(&["validate", "variant.yaml"])
        .run()
        .code(1)
        .stderr_has(&format!("base.yaml:{used}:"))
        .stderr_has("`labels`, which `remove.questions[0]` removes (variant.yaml:6:15)");
    // One error for the one use, not a second one saying the question is unknown.
    assert_eq!(run.stderr.matches("labels").count(), 1, "{}", run.stderr);
}

#[test]
fn extends_unknown_remove_id_suggests_the_nearest() {
    let variant = "format: leapcheck/questionnaire@1\nid: tiny_variant\nversion: 1.0.0\nextends: base.yaml\nremove:\n  questions: [lables]\n";
    Test::new()
        .file("base.yaml", &text("base.yaml"))
        .file("variant.yaml", variant)
        .args(&["validate", "variant.yaml"])
        .run()
        .code(1)
        .stderr_has("variant.yaml:6:15")
        .stderr_has("the base has no question `lables` to remove; did you mean `labels`?");
}

#[test]
fn extends_unknown_target_is_a_located_error_with_a_fix() {
    let head = "format: leapcheck/questionnaire@1\nid: tiny_variant\nversion: 1.0.0\n";
    let run = |target: &str| {
        Test::new()
            .file("v.yaml", &format!("{head}extends: {target}\n"))
            .args(&["validate", "v.yaml"])
            .run()
            .code(1)
    };
    run("social_media_readines@1.0.0")
        .stderr_has("v.yaml:4:10")
        .stderr_has("there is no built-in questionnaire `social_media_readines`; did you mean `social_media_readiness`?");
    run("social_media_readiness@0.0.1")
        .stderr_has("v.yaml:4:10")
        .stderr_has("names version 0.0.1 of `social_media_readiness`, but the built-in is version")
        .stderr_has("write `extends: social_media_readiness@");
    run("./missing.yaml")
        .stderr_has("v.yaml:4:10")
        .stderr_has("the base: cannot read `missing.yaml`");
}

#[test]
fn extends_cycle_is_refused() {
    let head = |id: &str| format!("format: leapcheck/questionnaire@1\nid: {id}\nversion: 1.0.0\n");
    Test::new()
        .file("a.yaml", &format!("{}extends: b.yaml\n", head("a")))
        .file("b.yaml", &format!("{}extends: ./a.yaml\n", head("b")))
        .args(&["validate", "a.yaml"])
        .run()
        .code(1)
        .stderr_has("b.yaml:4:10")
        .stderr_has("extend each other in a circle (a.yaml → b.yaml → a.yaml)");
}

#[test]
fn extends_both_removing_and_giving_an_item_is_an_error() {
    let variant = "format: leapcheck/questionnaire@1\nid: tiny_variant\nversion: 1.0.0\nextends: base.yaml\nremove:\n  gates: [no_pests]\ngates:\n  - { id: no_pests, when: 'pests == false', max_level: low, reason: No. }\n";
    Test::new()
        .file("base.yaml", &text("base.yaml"))
        .file("variant.yaml", variant)
        .args(&["validate", "variant.yaml"])
        .run()
        .code(1)
        .stderr_has("variant.yaml:8:")
        .stderr_has("`no_pests` is both removed");
}

#[test]
fn extends_init_writes_a_starting_variant_that_validates() {
    let run = Test::new()
        .args(&[
            "init",
            "questionnaire",
            "--extends",
            "social_media_readiness",
            "v.yaml",
        ])
        .run()
        .success();
    let text = std::fs::read_to_string(run.dir.join("v.yaml")).unwrap();
    assert!(text.contains("extends: social_media_readiness@"), "{text}");
    assert!(text.contains("# The base's ids:"), "{text}");
    Test::new()
        .file("v.yaml", &text)
        .args(&["validate", "v.yaml"])
        .run()
        .success()
        .stdout_has("ok, questionnaire social_media_readiness_variant@1.0.0");
    // A file base is named by the path given.
    let run = Test::new()
        .file("base.yaml", &text_of_base())
        .args(&["init", "questionnaire", "--extends", "base.yaml"])
        .run()
        .success()
        .stdout_has("extends: base.yaml")
        .stdout_has("dimension storage: fridge, labels, pests");
    Test::new()
        .file("base.yaml", &text_of_base())
        .file("v.yaml", &run.stdout)
        .args(&["validate", "v.yaml"])
        .run()
        .success();
}

fn text_of_base() -> String {
    text("base.yaml")
}

#[test]
fn extends_a_variant_of_a_variant_places_a_question_after_another() {
    let run = Test::new()
        .args(&["init", "sheet", "-q"])
        .arg(extends("pastry.yaml"))
        .run()
        .success()
        .stdout_has("questionnaire: tiny_pastry@1.0.0");
    let at = |id: &str| {
        run.stdout
            .find(&format!("{id}:"))
            .unwrap_or_else(|| panic!("{id}"))
    };
    // `cream` after `fridge` and before `pests`; bakery's `flour` kept, its `labels` gone.
    assert!(
        at("fridge") < at("cream") && at("cream") < at("pests"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("flour:") && !run.stdout.contains("labels:"));
    let variant = text("pastry.yaml").replace("after: fridge", "after: fridgee");
    Test::new()
        .file("base.yaml", &text("base.yaml"))
        .file("bakery.yaml", &text("bakery.yaml"))
        .file("pastry.yaml", &variant)
        .args(&["validate", "pastry.yaml"])
        .run()
        .code(1)
        .stderr_has("pastry.yaml:11:")
        .stderr_has("this dimension has no question `fridgee`; did you mean `fridge`?");
}

#[test]
fn extends_errors_in_a_chain_point_into_each_file() {
    // An error in the middle file of a chain points there.
    let bakery = text("bakery.yaml").replace("type: yes_no }", "type: yes_nope }");
    let line = bakery.lines().position(|l| l.contains("yes_nope")).unwrap() + 1;
    Test::new()
        .file("base.yaml", &text("base.yaml"))
        .file("bakery.yaml", &bakery)
        .file("pastry.yaml", &text("pastry.yaml"))
        .args(&["validate", "pastry.yaml"])
        .run()
        .code(1)
        .stderr_has(&format!("bakery.yaml:{line}:"));
}

#[test]
fn extends_unknown_top_level_field_of_the_variant_is_placed_on_its_key() {
    let variant = "format: leapcheck/questionnaire@1\nid: tiny_variant\nversion: 1.0.0\nextends: base.yaml\nplan:\n  max_per_phas: 3\n";
    Test::new()
        .file("base.yaml", &text("base.yaml"))
        .file("variant.yaml", variant)
        .args(&["validate", "variant.yaml"])
        .run()
        .code(1)
        .stderr_has(
            "variant.yaml:6:3: error: unknown field `max_per_phas`; did you mean `max_per_phase`?",
        );
}
