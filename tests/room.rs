//! Who counts in a room, and candor (docs/design.md, "Many respondents", W10–W11): duplicates,
//! blank sheets, strangers, unit spellings and files that are no sheet give the same numbers as
//! the clean room, each with a warning naming its file; `--anonymous` names nobody.

use crate::support::*;

fn fixture_text(name: &str) -> String {
    std::fs::read_to_string(fixture("room").join(name)).expect("fixture sheet")
}

/// The fixture room with one of each trap: an older sheet of Ada (her organization spelled with
/// other case and spaces), a blank sheet, Cai naming another organization, Ben spelling `North`
/// `north`, and an import mapping among the sheets.
fn trap_room() -> Test {
    let old_ada = fixture_text("a.yaml")
        .replace("organization: Room Co", "organization: \"  room   CO \"")
        .replace("date: 2026-01-10", "date: 2026-01-01")
        .replace(
            "{ c1: true, c2: 4, t1: all }",
            "{ c1: false, c2: 0, t1: none }",
        );
    let ben = fixture_text("b.yaml").replace("North", "north");
    let cai = fixture_text("c.yaml").replace("Room Co", "Other Co");
    Test::new()
        .file("room/a.yaml", &fixture_text("a.yaml"))
        .file("room/a-old.yaml", &old_ada)
        .file("room/b.yaml", &ben)
        .file("room/c.yaml", &cai)
        .file("room/d.yaml", &fixture_text("d.yaml"))
        .file(
            "room/eve.yaml",
            "format: leapcheck/answers@1\nquestionnaire: room@1.0.0\norganization: Room Co\nrespondent: { name: Eve, role: agent }\ndate: 2026-01-12\n",
        )
        .file(
            "room/mapping.yaml",
            "format: leapcheck/mapping@1\nquestionnaire: room@1.0.0\n",
        )
        .arg("report")
        .arg("room")
        .arg("-q")
        .arg(fixture("room.yaml"))
}

/// The numbers a room report stands on: overall, level, each dimension's score and spread, the
/// respondent count and the units.
fn numbers(v: &serde_json::Value) -> serde_json::Value {
    let dims: Vec<serde_json::Value> = v["workshop"]["dimensions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| serde_json::json!([d["id"], d["score"], d["spread"], d["gap"], d["counted"]]))
        .collect();
    serde_json::json!({
        "overall": v["overall"],
        "level": v["level"]["id"],
        "dimensions": dims,
        "respondents": v["workshop"]["respondent_count"],
        "units": v["units"],
        "organization": v["organization"],
    })
}

#[test]
fn a_room_with_traps_counts_as_the_clean_room() {
    let clean = Test::new()
        .arg("report")
        .arg(fixture("room"))
        .arg("-q")
        .arg(fixture("room.yaml"))
        .args(&["-f", "json"])
        .run()
        .success()
        .json();
    let run = trap_room().args(&["-f", "json"]).run().success();
    let trapped = run.json();
    assert_eq!(numbers(&trapped), numbers(&clean));
    assert_eq!(
        trapped["units"],
        serde_json::json!(["North", "South", "West"])
    );

    // One warning per trap, each naming its file.
    let warnings: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains("warning"))
        .collect();
    assert_eq!(warnings.len(), 5, "{}", run.stderr);
    for (file, says) in [
        ("a-old.yaml", "a.yaml"),
        ("eve.yaml", "no scored answer"),
        ("c.yaml", "Other Co"),
        ("b.yaml", "`north` is counted as `North`"),
        ("mapping.yaml", "import mapping"),
    ] {
        assert!(
            warnings
                .iter()
                .any(|w| w.contains(file) && w.contains(says)),
            "no warning naming {file} that says {says:?}:\n{}",
            run.stderr
        );
    }

    // The roll, structured.
    let sheets = &trapped["sheets"];
    assert_eq!(sheets["read"], 7);
    assert_eq!(sheets["counted"], 4);
    let aside: Vec<(String, String)> = sheets["set_aside"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let file = s["file"].as_str().unwrap();
            let name = std::path::Path::new(file).file_name().unwrap();
            (
                name.to_string_lossy().into(),
                s["reason"].as_str().unwrap().into(),
            )
        })
        .collect();
    let mut aside = aside;
    aside.sort();
    assert_eq!(
        aside,
        [
            ("a-old.yaml".into(), "older".into()),
            ("eve.yaml".into(), "blank".into()),
            ("mapping.yaml".into(), "not_a_sheet".into()),
        ]
    );
    assert_eq!(sheets["strangers"][0]["organization"], "Other Co");
}

#[test]
fn strict_turns_the_room_warnings_into_errors() {
    let run = trap_room().arg("--strict").run().code(1);
    for file in ["a-old.yaml", "eve.yaml", "c.yaml", "b.yaml", "mapping.yaml"] {
        assert!(
            run.stderr
                .lines()
                .any(|l| l.contains(file) && l.contains("error")),
            "no error naming {file}:\n{}",
            run.stderr
        );
    }
    assert!(run.stdout.is_empty());
}

#[test]
fn every_format_says_how_many_sheets_were_read_counted_and_set_aside() {
    for format in ["table", "markdown", "html"] {
        let run = trap_room().args(&["-f", format]).run().success();
        for needle in [
            "7 read",
            "4 counted",
            "3 set aside",
            "eve.yaml",
            "no scored answer",
        ] {
            assert!(
                run.stdout.contains(needle),
                "{format} lacks {needle:?}:\n{}",
                run.stdout
            );
        }
    }
}

#[test]
fn one_respondent_with_two_sheets_of_one_date_is_refused_naming_both_files() {
    let twin = fixture_text("a.yaml").replace("name: Ada", "name: \" ADA \"");
    let run = Test::new()
        .file("room/a.yaml", &fixture_text("a.yaml"))
        .file("room/a-again.yaml", &twin)
        .file("room/b.yaml", &fixture_text("b.yaml"))
        .arg("report")
        .arg("room")
        .arg("-q")
        .arg(fixture("room.yaml"))
        .run()
        .code(1);
    let line = run
        .stderr
        .lines()
        .find(|l| l.contains("error"))
        .unwrap_or_else(|| panic!("no error:\n{}", run.stderr));
    assert!(
        line.contains("a-again.yaml") && line.contains("a.yaml") && line.contains("2026-01-10"),
        "{line}"
    );
}

#[test]
fn validate_warns_about_a_sheet_without_who_when_or_answers() {
    let blank = "format: leapcheck/answers@1\nquestionnaire: room@1.0.0\n";
    let run = Test::new()
        .file("blank.yaml", blank)
        .arg("validate")
        .arg("blank.yaml")
        .arg("-q")
        .arg(fixture("room.yaml"))
        .run()
        .success()
        .stderr_has("blank.yaml: warning:");
    for what in ["organization", "respondent name", "date", "answers"] {
        assert!(run.stderr.contains(what), "{what}: {}", run.stderr);
    }
    Test::new()
        .file("blank.yaml", blank)
        .args(&["validate", "blank.yaml", "--strict", "-q"])
        .arg(fixture("room.yaml"))
        .run()
        .code(1)
        .stderr_has("blank.yaml: error:");
}

/// Every word of `text`, split at anything not a letter or digit.
fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect()
}

fn names_in(dir: &std::path::Path) -> Vec<String> {
    let mut names = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
        let line = text.lines().find(|l| l.starts_with("respondent:")).unwrap();
        let name = line
            .split("name:")
            .nth(1)
            .unwrap()
            .split(',')
            .next()
            .unwrap();
        names.push(name.trim().to_string());
    }
    names
}

#[test]
fn anonymous_names_nobody_in_any_format_of_report_plan_and_compare() {
    let rooms = [
        (fixture("room"), Some(fixture("room.yaml"))),
        (root().join("examples/bank-workshop"), None),
    ];
    for (room, q) in rooms {
        let names = names_in(&room);
        assert!(names.len() >= 4);
        for format in ["table", "markdown", "html", "json"] {
            for command in ["report", "plan", "compare"] {
                let mut t = Test::new().arg(command).arg(&room);
                if command == "compare" {
                    t = t.arg(&room);
                }
                if let Some(q) = &q {
                    t = t.arg("-q").arg(q);
                }
                let run = t.args(&["--anonymous", "-f", format]).run().success();
                let said = words(&run.stdout);
                for name in &names {
                    for part in words(name) {
                        assert!(
                            !said.contains(&part),
                            "{command} -f {format} of {} names {part}",
                            room.display()
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn anonymous_respondents_appear_by_role_or_group() {
    let v = Test::new()
        .arg("report")
        .arg(fixture("room"))
        .arg("-q")
        .arg(fixture("room.yaml"))
        .args(&["--anonymous", "-f", "json"])
        .run()
        .success()
        .json();
    let mut shown: Vec<&str> = v["workshop"]["respondents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    shown.sort();
    // Two bosses and two agents: each role is under three, so each shows as its group.
    assert_eq!(
        shown,
        [
            "Front line 1",
            "Front line 2",
            "Leadership 1",
            "Leadership 2"
        ]
    );
    // Three agents make a role big enough to show.
    let agent = fixture_text("d.yaml");
    let v = Test::new()
        .file("room/a.yaml", &fixture_text("a.yaml"))
        .file("room/c.yaml", &fixture_text("c.yaml"))
        .file("room/d.yaml", &agent)
        .file("room/e.yaml", &agent.replace("Dee", "Eve"))
        .arg("report")
        .arg("room")
        .arg("-q")
        .arg(fixture("room.yaml"))
        .args(&["--anonymous", "-f", "json"])
        .run()
        .success()
        .json();
    let mut shown: Vec<&str> = v["respondents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    shown.sort();
    assert_eq!(shown, ["Agent 1", "Agent 2", "Agent 3", "Leadership 1"]);
}

/// Pseudonyms are numbered without looking at names: had they followed the alphabet, "Leadership 1"
/// would be whichever of the two leaders' names sorts first, so renaming Ada to Zoe would swap them.
#[test]
fn anonymous_numbers_do_not_follow_the_names() {
    let run = |ada: &str| {
        Test::new()
            .file("room/a.yaml", &fixture_text("a.yaml").replace("Ada", ada))
            .file("room/b.yaml", &fixture_text("b.yaml"))
            .file("room/c.yaml", &fixture_text("c.yaml"))
            .arg("report")
            .arg("room")
            .arg("-q")
            .arg(fixture("room.yaml"))
            .args(&["--anonymous", "-f", "json"])
            .run()
            .success()
            .stdout
    };
    let (ada, zoe) = (run("Ada"), run("Zoe"));
    assert!(ada.contains("Leadership 2"), "{ada}");
    assert_eq!(ada, zoe);
}

/// A worksheet of the workbook at `path`, as rows of cells.
fn worksheet(path: &std::path::Path, name: &str) -> Vec<Vec<calamine::Data>> {
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(path).expect("an xlsx workbook");
    let range = book.worksheet_range(name).expect("the worksheet");
    range.rows().map(|r| r.to_vec()).collect()
}

fn text(cell: &calamine::Data) -> String {
    match cell {
        calamine::Data::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[test]
fn the_room_as_a_workbook_holds_the_means_as_numbers_every_respondent_and_the_answers_by_label() {
    // The fixture room, with Dee's c2 declared not applicable.
    let room = || {
        Test::new()
            .file("room/a.yaml", &fixture_text("a.yaml"))
            .file("room/b.yaml", &fixture_text("b.yaml"))
            .file("room/c.yaml", &fixture_text("c.yaml"))
            .file(
                "room/d.yaml",
                &fixture_text("d.yaml").replace("c2: 2", "c2: n/a"),
            )
            .arg("report")
            .arg("room")
            .arg("-q")
            .arg(fixture("room.yaml"))
    };
    let json = room().args(&["-f", "json"]).run().success().json();
    let run = room().args(&["-o", "room.xlsx"]).run().success();
    let path = run.dir.join("room.xlsx");

    // Dimension means, as numbers, equal to the report's.
    let dims = worksheet(&path, "Dimensions");
    assert_eq!(text(&dims[0][0]), "Dimension");
    for (k, d) in json["dimensions"].as_array().unwrap().iter().enumerate() {
        assert_eq!(text(&dims[k + 1][0]), d["name"].as_str().unwrap());
        assert_eq!(
            dims[k + 1][1],
            calamine::Data::Float(d["score"].as_f64().unwrap()),
            "{}",
            d["name"]
        );
    }
    let summary = worksheet(&path, "Summary");
    assert!(summary.iter().any(|r| text(&r[0]) == "Overall"
        && r[1] == calamine::Data::Float(json["overall"].as_f64().unwrap())));

    // Every respondent, one row each.
    let people = worksheet(&path, "Respondents");
    let mut names: Vec<String> = people[1..].iter().map(|r| text(&r[0])).collect();
    names.sort();
    assert_eq!(names, ["Ada", "Ben", "Cai", "Dee"]);

    // Answers by their labels: Ada chose `all` (labelled Everyone), Cai `none` (Nobody); units
    // per column.
    let answers = worksheet(&path, "Answers");
    let col = |name: &str| {
        answers[0]
            .iter()
            .position(|c| text(c) == name)
            .unwrap_or_else(|| panic!("no column {name}: {:?}", answers[0]))
    };
    let row = |who: &str| answers.iter().find(|r| text(&r[0]) == who).unwrap();
    assert_eq!(text(&row("Ada")[col("t1")]), "Everyone");
    assert_eq!(text(&row("Cai")[col("t1")]), "Nobody");
    assert_eq!(text(&row("Ben")[col("South: u1")]), "no");
    assert_eq!(text(&row("Ada")[col("c2")]), "4 (Fully)");
    assert_eq!(text(&row("Dee")[col("c2")]), "n/a");

    let plan = worksheet(&path, "Plan");
    assert_eq!(text(&plan[0][0]), "Number");
    assert_eq!(plan[1][0], calamine::Data::Float(1.0));
}

#[test]
fn a_workbook_is_not_written_to_the_terminal() {
    Test::new()
        .arg("report")
        .arg(fixture("room"))
        .arg("-q")
        .arg(fixture("room.yaml"))
        .args(&["-f", "xlsx"])
        .run()
        .code(2)
        .stderr_has("-o FILE.xlsx");
}

#[test]
fn an_anonymous_workbook_names_nobody() {
    let run = Test::new()
        .arg("report")
        .arg(fixture("room"))
        .arg("-q")
        .arg(fixture("room.yaml"))
        .args(&["--anonymous", "-o", "room.xlsx"])
        .run()
        .success();
    let path = run.dir.join("room.xlsx");
    for name in [
        "Summary",
        "Dimensions",
        "Respondents",
        "Answers",
        "Discussion",
        "Plan",
    ] {
        for row in worksheet(&path, name) {
            for cell in row {
                let said = text(&cell);
                let words = words(&said);
                for who in ["Ada", "Ben", "Cai", "Dee"] {
                    assert!(!words.contains(&who), "{name} names {who}: {said}");
                }
            }
        }
    }
}
