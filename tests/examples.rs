//! Every questionnaire and example in the repository validates and reports, and the three example
//! organizations land where their `# expected:` line says.

use std::path::PathBuf;

use crate::support::*;

fn files(dir: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    out.sort();
    out
}

#[test]
fn every_questionnaire_validates_and_gives_a_blank_sheet_that_validates() {
    let all = files("questionnaires");
    assert!(!all.is_empty());
    for q in all {
        Test::new()
            .args(&["validate"])
            .arg(&q)
            .run()
            .success()
            .stdout_has("ok, questionnaire");
        let run = Test::new()
            .args(&["init", "sheet", "blank.yaml", "-q"])
            .arg(&q)
            .run()
            .success();
        let blank = run.dir.join("blank.yaml");
        Test::new()
            .args(&["validate", "-q"])
            .arg(&q)
            .arg(&blank)
            .run()
            .success()
            .stdout_has("ok, answer sheet");
    }
}

#[test]
fn every_example_validates_and_reports_in_every_format() {
    let mut all = example_sheets();
    assert!(all.len() >= 3);
    all.extend(example_workshops());
    for sheet in all {
        Test::new().args(&["validate"]).arg(&sheet).run().success();
        for format in ["table", "markdown", "html", "json"] {
            Test::new()
                .args(&["report", "-f", format])
                .arg(&sheet)
                .run()
                .success();
        }
    }
}

#[test]
fn the_organizations_land_on_their_levels_with_their_traps() {
    let mut levels = Vec::new();
    for name in [
        "retailer-leapt-without-looking",
        "bank-planned-not-aligned",
        "consumer-brand-broadcasting",
        "credit-union-regulated-and-engaged",
    ] {
        let path = root().join(format!("examples/{name}.yaml"));
        let text = std::fs::read_to_string(&path).unwrap();
        let expected = text
            .lines()
            .find_map(|l| l.strip_prefix("# expected: level "))
            .expect("# expected: line");
        let (level, patterns) = expected.split_once("; patterns ").expect("level; patterns");
        let v = Test::new()
            .args(&["report", "-f", "json"])
            .arg(&path)
            .run()
            .success()
            .json();
        assert_eq!(v["level"]["id"], level.trim(), "{name}");
        let found: Vec<&str> = v["patterns"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].as_str().unwrap())
            .collect();
        for p in patterns
            .split([',', ' '])
            .filter(|p| !p.is_empty() && *p != "none")
        {
            assert!(
                found.contains(&p),
                "{name}: pattern {p} not found in {found:?}"
            );
        }
        if patterns.trim() == "none" {
            assert!(
                found.is_empty(),
                "{name}: no trap expected, found {found:?}"
            );
        }
        levels.push(level.trim().to_string());
    }
    levels.sort();
    levels.dedup();
    // The bank that only observes and the brand that only broadcasts both listen and do not
    // converse; the retailer has not looked, and the credit union is a social business.
    assert_eq!(
        levels.len(),
        3,
        "the examples must land on three different levels"
    );
    // And the traps the issue names, by example.
    let has = |name: &str, pattern: &str| {
        let v = Test::new()
            .args(&["report", "-f", "json"])
            .arg(root().join(format!("examples/{name}.yaml")))
            .run()
            .json();
        v["patterns"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["id"] == pattern)
    };
    assert!(has(
        "retailer-leapt-without-looking",
        "leapt_without_looking"
    ));
    assert!(has("bank-planned-not-aligned", "planned_not_aligned"));
    assert!(has("consumer-brand-broadcasting", "broadcasting_only"));
}

#[test]
fn the_bank_workshop_shows_the_credibility_gap_and_disagreement() {
    let v = Test::new()
        .args(&["report", "-f", "json"])
        .arg(root().join("examples/bank-workshop"))
        .run()
        .success()
        .json();
    let w = &v["workshop"];
    assert_eq!(w["respondent_count"], 6);
    let gaps: Vec<&str> = w["credibility_gaps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["id"].as_str().unwrap())
        .collect();
    assert!(gaps.contains(&"sponsorship"), "{gaps:?}");
    assert!(!w["discussion"].as_array().unwrap().is_empty());
    assert_eq!(v["organization"], "Fairhaven Savings Bank");
}
