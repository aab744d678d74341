//! `leapcheck import`: a survey tool's CSV export and a mapping become answer sheets, one per row,
//! all or nothing; and `leapcheck init mapping` writes a mapping that works as it is.

use std::path::{Path, PathBuf};

use serde_yaml::Value;

use crate::support::*;

fn import_fixture(name: &str) -> String {
    std::fs::read_to_string(fixture(&format!("import/{name}"))).expect("fixture")
}

/// The Google Forms export as it came, with one bad answer (`Maybe`, on line 5).
fn responses() -> String {
    import_fixture("responses.csv")
}

/// A run of `import` with the pulse questionnaire, the CSV as `responses.csv` and `mapping` as
/// `mapping.yaml`, into `out/`.
fn import_pulse(csv: &str, mapping: &str) -> Run {
    Test::new()
        .file("pulse.yaml", &import_fixture("pulse.yaml"))
        .file("responses.csv", csv)
        .file("mapping.yaml", mapping)
        .args(&[
            "import",
            "responses.csv",
            "--mapping",
            "mapping.yaml",
            "-q",
            "pulse.yaml",
            "-o",
            "out",
        ])
        .run()
}

fn sheets_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(entries) => entries.map(|e| e.unwrap().path()).collect(),
        Err(_) => Vec::new(),
    };
    files.sort();
    files
}

fn sheet(dir: &Path, name: &str) -> Value {
    let text = std::fs::read_to_string(dir.join(name))
        .unwrap_or_else(|e| panic!("{name}: {e}; found {:?}", sheets_in(dir)));
    serde_yaml::from_str(&text).expect("YAML")
}

fn yaml(text: &str) -> Value {
    serde_yaml::from_str(text).expect("YAML")
}

#[test]
fn a_bad_answer_is_reported_at_its_row_and_column_and_nothing_is_written() {
    let run = import_pulse(&responses(), &import_fixture("pulse-mapping.yaml"))
        .code(1)
        // Line 5: the first response spans lines 2 and 3 (a quoted line break), line 4 is empty.
        .stderr_has("responses.csv:5:7: error: column 7 (`How does Łódź Savings Bank follow what customers s…`): `Maybe` is not an option of `monitoring`")
        .stderr_has("use one of `none` (We don't), `alerts` (Alerts, checked daily), `tool` (A listening tool)")
        .stderr_has("add it under `values:` of `monitoring` in the mapping");
    assert!(
        !run.dir.join("out").exists(),
        "{:?}",
        sheets_in(&run.dir.join("out"))
    );
    assert!(!run.stderr.contains("wrote"), "{}", run.stderr);
}

#[test]
fn the_export_fixed_gives_one_sheet_per_respondent_with_the_right_answers() {
    // The fix: the typographic apostrophe of the form still matches `We don't`.
    let csv = responses().replace(",Maybe,", ",We don’t,");
    let run = import_pulse(&csv, &import_fixture("pulse-mapping.yaml"))
        .success()
        .stderr_has("skipped 1 empty row")
        .stderr_has("wrote out/łódź-savings-bank-zoë-ångström.yaml (line 2 of responses.csv)")
        .stderr_has("next: leapcheck report out")
        // Małgorzata answered a question that her own answer hides.
        .stderr_has("responses.csv:5:9: warning: column 9 (`Does the sponsor post personally?`): `sponsor_posts` is hidden");
    let out = run.dir.join("out");
    assert_eq!(sheets_in(&out).len(), 3, "{:?}", sheets_in(&out));

    let zoe = sheet(&out, "łódź-savings-bank-zoë-ångström.yaml");
    assert_eq!(
        zoe,
        yaml(
            r#"
format: leapcheck/answers@1
questionnaire: branch_pulse@0.1.0
organization: Łódź Savings Bank
respondent: { name: Zoë Ångström, role: executive }
date: 2026-03-12
units: [Branches, Contact center]
answers:
  monitoring: alerts
  channels: [facebook, x, linkedin]
  leaders_listen: 3
  has_sponsor: true
  sponsor_posts: false
  staff: 12
  worry: "Regulators, mostly, and\nthe weekend backlog"
units_answers:
  Branches: { unit_goals: 2, unit_champion: true }
  Contact center: { unit_goals: 1, unit_champion: false }
"#
        )
    );
    let malgorzata = sheet(&out, "łódź-savings-bank-małgorzata-wiśniewska.yaml");
    assert_eq!(malgorzata["respondent"]["role"], "teller");
    assert_eq!(malgorzata["answers"]["monitoring"], "none");
    assert_eq!(malgorzata["answers"]["channels"], yaml("[facebook]"));
    assert_eq!(malgorzata["answers"]["sponsor_posts"], Value::Null);
    assert_eq!(malgorzata["units"], yaml("[Branches]"));
    let jan = sheet(&out, "łódź-savings-bank-jan-nowak.yaml");
    assert_eq!(jan["date"], "2026-03-13");
    assert_eq!(jan["answers"]["channels"], "n/a");
    assert_eq!(jan["answers"]["leaders_listen"], 2);
    assert_eq!(
        jan["answers"]["worry"],
        "We answer on Facebook, but nobody reads \"X\" at night"
    );
    assert_eq!(
        jan["units_answers"],
        yaml("{ Contact center: { unit_goals: 3, unit_champion: true } }")
    );

    // The sheets load as they are and score.
    Test::new()
        .args(&["validate", "-q"])
        .arg(fixture("import/pulse.yaml"))
        .arg(&out)
        .run()
        .success()
        .stdout_has("łódź-savings-bank-jan-nowak.yaml: ok, answer sheet");
    let report = Test::new()
        .args(&["report", "-f", "json", "-q"])
        .arg(fixture("import/pulse.yaml"))
        .arg(out.join("łódź-savings-bank-zoë-ångström.yaml"))
        .run()
        .success()
        .json();
    assert_eq!(report["organization"], "Łódź Savings Bank", "{report:#}");
}

#[test]
fn every_bad_row_is_reported_in_one_run() {
    let header = "Name,Role,When,Channels,Staff,Units,Goals [Branches]";
    let csv = format!(
        "{header}\nAnn,Executive,2026-03-12,Facebook,2,Branches,Agree\nBo,Janitor,3/4/2026,Facebook;Insta,lots,Branches,\nCy,teller,2026-02-30,,,Branches,\nDi,agent,,,,Branches,Strongly agree\nEd,agent,,,,,\n"
    );
    let mapping = r#"format: leapcheck/mapping@1
questionnaire: branch_pulse@0.1.0
respondent: { column: Name }
role: { column: Role }
date: { column: When }
units: { column: Units }
questions:
  channels: { column: Channels }
  staff: { column: Staff }
  unit_goals: { column: "Goals [{unit}]" }
"#;
    let run = import_pulse(&csv, mapping).code(1);
    for needle in [
        "responses.csv:3:2: error: column 2 (`Role`): `Janitor` is not a role of branch_pulse@0.1.0; roles: `executive` (Executive), `teller` (Branch teller), `agent` (Service agent); add it under `values:` of `role:`",
        "responses.csv:3:3: error: column 3 (`When`): `3/4/2026` could be 3 April or 4 March; add `order: day_first` (3 April) or `order: month_first` (4 March) under `date:`",
        "responses.csv:3:4: error: column 4 (`Channels`): `Insta` is not an option of `channels`",
        "responses.csv:3:5: error: column 5 (`Staff`): `staff` takes a number, not `lots`",
        "responses.csv:4:3: error: column 3 (`When`): `2026-02-30` is not a day of the calendar",
    ] {
        assert!(run.stderr.contains(needle), "{needle}\n---\n{}", run.stderr);
    }
    assert!(run.stderr.contains("5 errors"), "{}", run.stderr);
    assert!(!run.dir.join("out").exists());
}

#[test]
fn one_column_per_option_with_two_header_rows_as_surveymonkey_exports() {
    // SurveyMonkey: the questions on the first row, the options of a checkbox question on the
    // second; a ticked box holds the option's label, an unticked one nothing. Semicolons separate
    // the fields (a European spreadsheet) and the file starts with a byte-order mark.
    let csv = "\u{feff}Respondent ID;Your name;Which channels do you use?;;;;Organization\n\
               ;Response;Facebook;X;LinkedIn;Reviews;Response\n\
               101;Ann;Facebook;;LinkedIn;;Acme Bank\n\
               102;Bo;;;;;Acme Bank\n\
               103;Cy;;X;;No;Acme Bank\n";
    let mapping = r#"format: leapcheck/mapping@1
questionnaire: branch_pulse@0.1.0
csv: { delimiter: ";", header_rows: 2 }
organization: { column: Organization }
respondent: { column: Your name }
questions:
  channels:
    option_columns:
      facebook: "Which channels do you use? [Facebook]"
      x: "Which channels do you use? [X]"
      linkedin: "Which channels do you use? [LinkedIn]"
      reviews: "Which channels do you use? [Reviews]"
"#;
    let run = import_pulse(csv, mapping).success();
    let out = run.dir.join("out");
    let channels = |name: &str| sheet(&out, name)["answers"]["channels"].clone();
    assert_eq!(channels("acme-bank-ann.yaml"), yaml("[facebook, linkedin]"));
    // Nothing ticked and nothing said: unanswered.
    assert_eq!(channels("acme-bank-bo.yaml"), Value::Null);
    assert_eq!(channels("acme-bank-cy.yaml"), yaml("[x]"));
}

#[test]
fn a_microsoft_forms_export_with_crlf_lines_and_a_trailing_separator() {
    // Microsoft Forms: Windows line ends, ticked answers as `A;B;`, day-first dates.
    let csv = "\u{feff}ID,Completion time,Name,Which channels does Acme use?,Monitoring\r\n\
               1,12/03/2026 10:15:00,Ann,Facebook;LinkedIn;,A listening tool\r\n\
               \r\n\
               2,13/03/2026 11:00:00,Bo,Forums and review sites;,We don't\r\n";
    let mapping = r#"format: leapcheck/mapping@1
questionnaire: branch_pulse@0.1.0
organization: { value: Acme }
respondent: { column: Name }
date: { column: Completion time, order: day_first }
questions:
  channels: { column: "Which channels does {organization} use?" }
  monitoring: { column: Monitoring }
"#;
    let run = import_pulse(csv, mapping).success();
    let out = run.dir.join("out");
    let ann = sheet(&out, "acme-ann.yaml");
    assert_eq!(ann["date"], "2026-03-12");
    assert_eq!(ann["answers"]["channels"], yaml("[facebook, linkedin]"));
    assert_eq!(
        sheet(&out, "acme-bo.yaml")["answers"]["channels"],
        yaml("[reviews]")
    );
    // Lines are counted right across CRLF line ends and the blank line.
    import_pulse(&csv.replace("We don't", "Sometimes"), mapping)
        .code(1)
        .stderr_has(
            "responses.csv:4:5: error: column 5 (`Monitoring`): `Sometimes` is not an option",
        );
}

#[test]
fn per_unit_questions_by_grid_column_by_unit_column_and_for_the_row_unit() {
    let csv = "Timestamp,Name,Unit,Goals [Branches],Goals [Contact center],Champion in branches,Champion in the contact center,Does your unit have a champion?\n\
               12/3/2026 10:15,Ann,Branches,Agree,,Yes,,\n\
               13/3/2026 09:00,Bo,Contact center,,3,,No,\n\
               14/3/2026 09:00,Cy,Contact center,,,,,Yes\n";
    let grid = r#"format: leapcheck/mapping@1
questionnaire: branch_pulse@0.1.0
organization: { value: Acme Bank }
respondent: { column: Name }
date: { column: Timestamp, order: day_first }
units: { column: Unit }
questions:
  unit_goals: { column: "Goals [{unit}]" }
  unit_champion:
    unit_columns:
      Branches: Champion in branches
      Contact center: Champion in the contact center
"#;
    let run = import_pulse(csv, grid).success();
    let out = run.dir.join("out");
    let ann = sheet(&out, "acme-bank-ann.yaml");
    assert_eq!(ann["date"], "2026-03-12");
    assert_eq!(
        ann["units_answers"],
        yaml("{ Branches: { unit_goals: 2, unit_champion: true } }")
    );
    let bo = sheet(&out, "acme-bank-bo.yaml");
    assert_eq!(
        bo["units_answers"],
        yaml("{ Contact center: { unit_goals: 3, unit_champion: false } }")
    );

    // One column for "your unit": answered for the one unit the row names.
    let own_unit = grid.replace(
        "  unit_champion:\n    unit_columns:\n      Branches: Champion in branches\n      Contact center: Champion in the contact center\n",
        "  unit_champion: { column: \"Does your unit have a champion?\" }\n",
    );
    let run = import_pulse(csv, &own_unit).success();
    let cy = sheet(&run.dir.join("out"), "acme-bank-cy.yaml");
    assert_eq!(
        cy["units_answers"],
        yaml("{ Contact center: { unit_champion: true } }")
    );

    // A row answering for a unit it does not list: that cell is left out, with a warning.
    let wrong = csv.replace("Ann,Branches,Agree,,Yes", "Ann,Branches,Agree,2,Yes");
    let run = import_pulse(&wrong, grid)
        .success()
        .stderr_has("responses.csv:2:5: warning: column 5 (`Goals [Contact center]`): `Contact center` is not ticked in column 3 (`Unit`), so this answer for it is left out");
    let ann = sheet(&run.dir.join("out"), "acme-bank-ann.yaml");
    assert_eq!(ann["units"], yaml("[Branches]"));
    assert_eq!(
        ann["units_answers"],
        yaml("{ Branches: { unit_goals: 2, unit_champion: true } }")
    );
}

#[test]
fn a_header_missing_from_the_csv_is_reported_at_its_line_in_the_mapping() {
    let mapping = import_fixture("pulse-mapping.yaml")
        .replace("\"Your name\"", "\"Your nmae\"")
        .replace(
            "\"Our leaders read what customers write.\"",
            "\"Leaders read\"",
        );
    let run = import_pulse(&responses(), &mapping)
        .code(1)
        .stderr_has("mapping.yaml:6:23: error: responses.csv has no column `Your nmae`; did you mean `Your name`?")
        .stderr_has("mapping.yaml:18:13: error: responses.csv has no column `Leaders read`; write the header exactly as in the CSV (its columns: `Timestamp`, `Email Address`, `Your name`");
    // The mapping is checked before any row.
    assert!(!run.stderr.contains("Maybe"), "{}", run.stderr);
    assert!(!run.dir.join("out").exists());
}

#[test]
fn a_broken_mapping_is_reported_at_its_lines() {
    let mapping = r#"format: leapcheck/mapping@1
questionnaire: branch_pulse@0.1.0
role: { column: Your role, values: { Boss: exec } }
questions:
  monitorin: { column: x }
  leaders_listen: { column: Our leaders read what customers write., values: { Top: 9 } }
  channels: { column: Which channels, separator: "" }
"#;
    import_pulse(&responses(), mapping)
        .code(1)
        .stderr_has("mapping.yaml:3:44: error: `exec` is not a role id of branch_pulse@0.1.0; did you mean `executive`?")
        .stderr_has("mapping.yaml:5:3: error: `monitorin` is not a question of branch_pulse@0.1.0; did you mean `monitoring`?")
        .stderr_has("mapping.yaml:6:84: error: 9 is outside the `agreement` scale of `leaders_listen` (0 to 3); give a value from 0 to 3")
        .stderr_has("mapping.yaml:7:50: error: the separator is empty");
}

/// Every `column:` of a mapping, with the placeholders filled in as a form would.
fn headers_of(mapping: &str) -> Vec<String> {
    let v = yaml(mapping);
    let mut out = vec![
        "Organization".to_string(),
        "Your name".into(),
        "Your role".into(),
        "Timestamp".into(),
    ];
    if let Some(units) = v.get("units") {
        out.push(units["column"].as_str().unwrap().to_string());
    }
    for (_, q) in v["questions"].as_mapping().unwrap() {
        let column = q["column"].as_str().unwrap();
        out.push(
            column
                .replace("{organization}", "Fairhaven Savings Bank")
                .replace("{unit}", "Customer service"),
        );
    }
    out
}

fn csv_line(cells: &[String]) -> String {
    let quoted: Vec<String> = cells
        .iter()
        .map(|c| format!("\"{}\"", c.replace('"', "\"\"")))
        .collect();
    quoted.join(",")
}

#[test]
fn init_mapping_works_unedited_for_a_csv_headed_with_the_question_texts() {
    let run = Test::new()
        .args(&["init", "mapping", "mapping.yaml"])
        .run()
        .success();
    let mapping = std::fs::read_to_string(run.dir.join("mapping.yaml")).unwrap();
    assert!(mapping.starts_with("# A mapping for `leapcheck import`"));
    assert!(
        mapping
            .contains("format: leapcheck/mapping@1\nquestionnaire: social_media_readiness@2.0.0\n")
    );
    assert!(mapping.contains("\"A member of the executive team\": executive"));

    let headers = headers_of(&mapping);
    let mut row = vec![String::new(); headers.len()];
    let mut answer = |header_start: &str, value: &str| {
        let i = headers
            .iter()
            .position(|h| h.starts_with(header_start))
            .unwrap_or_else(|| panic!("no header {header_start}"));
        row[i] = value.to_string();
    };
    answer("Organization", "Fairhaven Savings Bank");
    answer("Your name", "Thomas Lindqvist");
    answer(
        "Your role",
        "Executive (CEO, COO or another member of the executive team)",
    );
    answer("Timestamp", "3/12/2026 10:15:00");
    answer("Which business units", "Customer service");
    answer("Who sponsors", "A member of the executive team");
    answer(
        "Inside Fairhaven Savings Bank, our leaders say",
        "True in most cases",
    );
    answer(
        "Which of these controls",
        "Guidelines for employees who speak for the organization;An escalation path: who is called, and when, for a complaint that could spread",
    );
    answer(
        "Has Customer service agreed",
        "Roughly agreed, not written down",
    );
    let csv = format!("{}\n{}\n", csv_line(&headers), csv_line(&row));
    let run = Test::new()
        .file("mapping.yaml", &mapping)
        .file("responses.csv", &csv)
        .args(&["import", "responses.csv", "--mapping", "mapping.yaml"])
        .run()
        .success()
        .stderr_has("wrote fairhaven-savings-bank-thomas-lindqvist.yaml")
        .stderr_has("next: leapcheck report .");
    let s = sheet(&run.dir, "fairhaven-savings-bank-thomas-lindqvist.yaml");
    assert_eq!(s["respondent"]["role"], "executive");
    assert_eq!(s["date"], "2026-03-12");
    assert_eq!(s["answers"]["sponsor"], "executive");
    assert_eq!(s["answers"]["leaders_advocate"], 3);
    assert_eq!(s["answers"]["controls"], yaml("[guidelines, escalation]"));
    assert_eq!(
        s["units_answers"]["Customer service"]["unit_objectives_agreed"],
        "informal"
    );
}

#[test]
fn init_mapping_for_another_questionnaire_names_its_questions() {
    let run = Test::new()
        .args(&["init", "mapping", "-q"])
        .arg(fixture("import/pulse.yaml"))
        .run()
        .success();
    for needle in [
        "questionnaire: branch_pulse@0.1.0",
        "  monitoring:",
        "    column: \"How does {organization} follow what customers say?\"",
        "      \"X, formerly Twitter\": x",
        "      \"Strongly agree\": 3",
        "    column: \"{unit} has agreed goals for social media.\"",
        "    column: \"Has {unit} named a champion?\"",
        "for a form's \"Other: …\" box add `other: ignore` or `other: comment`",
    ] {
        assert!(run.stdout.contains(needle), "{needle}\n---\n{}", run.stdout);
    }
}

#[test]
fn existing_sheets_are_never_overwritten_and_duplicates_are_numbered() {
    // Two respondents whose names make the same file name.
    let csv = "Name,Monitoring\nAnn Lee,We don't\nAnn-Lee,A listening tool\nBo,We don't\n";
    let mapping = r#"format: leapcheck/mapping@1
questionnaire: branch_pulse@0.1.0
organization: { value: Acme }
respondent: { column: Name }
questions:
  monitoring: { column: Monitoring }
"#;
    let run = import_pulse(csv, mapping).success();
    let out = run.dir.join("out");
    let names: Vec<String> = sheets_in(&out)
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        ["acme-ann-lee-2.yaml", "acme-ann-lee.yaml", "acme-bo.yaml"]
    );
    assert_eq!(
        sheet(&out, "acme-ann-lee-2.yaml")["answers"]["monitoring"],
        "tool"
    );

    // The same import again, into a directory holding two of the three files.
    let run = Test::new()
        .file("pulse.yaml", &import_fixture("pulse.yaml"))
        .file("responses.csv", csv)
        .file("mapping.yaml", mapping)
        .file("out/acme-ann-lee.yaml", "mine\n")
        .file("out/acme-bo.yaml", "mine too\n")
        .args(&[
            "import",
            "responses.csv",
            "--mapping",
            "mapping.yaml",
            "-q",
            "pulse.yaml",
            "-o",
            "out",
        ])
        .run()
        .code(1)
        .stderr_has("out/acme-ann-lee.yaml, out/acme-bo.yaml; nothing was written")
        .stderr_has("run the import again with --update");
    let out = run.dir.join("out");
    assert_eq!(sheets_in(&out).len(), 2);
    assert_eq!(
        std::fs::read_to_string(out.join("acme-ann-lee.yaml")).unwrap(),
        "mine\n"
    );
}

#[test]
fn the_example_export_imports_and_its_sheets_validate() {
    let run = Test::new()
        .args(&["import"])
        .arg(root().join("examples/survey-export.csv"))
        .arg("--mapping")
        .arg(root().join("examples/survey-mapping.yaml"))
        .args(&["-o", "workshop"])
        .run()
        .success()
        .stderr_has("next: leapcheck report workshop");
    let out = run.dir.join("workshop");
    let sheets = sheets_in(&out);
    assert!(sheets.len() >= 5, "{sheets:?}");
    let validated = Test::new().args(&["validate"]).arg(&out).run().success();
    assert_eq!(
        validated.stdout.matches("ok, answer sheet").count(),
        sheets.len(),
        "{}",
        validated.stdout
    );
    for s in &sheets {
        let v: Value = serde_yaml::from_str(&std::fs::read_to_string(s).unwrap()).unwrap();
        assert_eq!(
            v["organization"],
            "Fairhaven Savings Bank",
            "{}",
            s.display()
        );
        assert!(v["respondent"]["role"].is_string(), "{}", s.display());
        Test::new()
            .args(&["report", "-f", "json"])
            .arg(s)
            .run()
            .success();
    }
}

#[test]
fn validate_checks_a_mapping_against_its_questionnaire() {
    Test::new()
        .arg("validate")
        .arg(root().join("examples/survey-mapping.yaml"))
        .run()
        .success()
        .stdout_has("ok, import mapping for social_media_readiness@1.0.0");
    let broken = std::fs::read_to_string(root().join("examples/survey-mapping.yaml"))
        .unwrap()
        .replacen(
            "questions:\n",
            "questions:\n  no_such_question: { column: X }\n",
            1,
        );
    Test::new()
        .file("m.yaml", &broken)
        .args(&["validate", "m.yaml"])
        .run()
        .code(1)
        .stderr_has("m.yaml:")
        .stderr_has("no_such_question");
}

/// A mapping of the pulse questionnaire with a timestamp, ticked units and a grid.
const STAMPED: &str = r#"format: leapcheck/mapping@1
questionnaire: branch_pulse@0.1.0
separator: ", "
organization: { column: Bank }
respondent: { column: Name }
date: { column: Timestamp }
units: { column: Units, separator: ", " }
questions:
  monitoring: { column: Monitoring }
  channels: { column: Channels }
  unit_goals: { column: "Goals [{unit}]" }
"#;

const STAMPED_HEADER: &str =
    "Timestamp,Bank,Name,Units,Monitoring,Channels,Goals [Branches],Goals [Contact center]";

#[test]
fn a_respondent_who_submitted_twice_counts_once_with_the_latest_row() {
    // Ann (spelled two ways) answered at 9:41 and again at 14:05; Bo once.
    let csv = format!(
        "{STAMPED_HEADER}\n\
         2026/03/12 2:05:00 PM GMT+1,Acme,Ann  Lee,Branches,A listening tool,,Agree,\n\
         2026/03/12 9:41:07 AM GMT+1,Acme,ann lee,Branches,We don't,,Disagree,\n\
         2026/03/12 9:50:00 AM GMT+1,ACME ,Bo,Branches,We don't,,,\n"
    );
    let run = import_pulse(&csv, STAMPED)
        .success()
        .stderr_has("responses.csv:3:1: warning: line 3 is an earlier answer from `ann lee` of `Acme` (2026-03-12 09:41:07) than line 2 (2026-03-12 14:05:00), so it is left out");
    let out = run.dir.join("out");
    assert_eq!(sheets_in(&out).len(), 2, "{:?}", sheets_in(&out));
    let ann = sheet(&out, "acme-ann-lee.yaml");
    assert_eq!(ann["answers"]["monitoring"], "tool");
    assert_eq!(ann["units_answers"]["Branches"]["unit_goals"], 2);

    // The same moment twice: which row counts is the user's call.
    let tie = csv.replace("9:41:07 AM", "2:05:00 PM");
    let run = import_pulse(&tie, STAMPED)
        .code(1)
        .stderr_has("responses.csv:3:1: error: lines 2 and 3 are both answers from `ann lee` of `Acme`, with the same timestamp (2026-03-12 14:05:00); delete the one that should not count from the CSV");
    assert!(!run.dir.join("out").exists());
}

#[test]
fn update_writes_the_new_responses_and_leaves_the_sheets_imported_before() {
    let first = format!(
        "{STAMPED_HEADER}\n\
         2026/03/12 9:41:07 AM GMT+1,Acme,Ann,Branches,We don't,,Agree,\n\
         2026/03/12 9:50:00 AM GMT+1,Acme,Bo,Branches,We don't,,,\n"
    );
    let later = format!(
        "{first}2026/03/13 9:00:00 AM GMT+1,Acme,Cy,Branches,A listening tool,,,\n\
         2026/03/13 9:10:00 AM GMT+1,Acme,Di,Branches,A listening tool,,,\n"
    );
    let run = import_pulse(&first, STAMPED).success();
    let out = run.dir.join("out");
    // Someone has since edited Ann's sheet by hand.
    let edited = std::fs::read_to_string(out.join("acme-ann.yaml")).unwrap() + "# checked\n";
    let bo = std::fs::read_to_string(out.join("acme-bo.yaml")).unwrap();
    std::fs::write(out.join("acme-ann.yaml"), &edited).unwrap();

    let again = |args: &[&str]| {
        let mut t = Test::new()
            .file("pulse.yaml", &import_fixture("pulse.yaml"))
            .file("responses.csv", &later)
            .file("mapping.yaml", STAMPED)
            .file("out/acme-ann.yaml", &edited)
            .file("out/acme-bo.yaml", &bo)
            .args(&["import", "responses.csv", "--mapping", "mapping.yaml"])
            .args(&["-q", "pulse.yaml", "-o", "out"]);
        t = t.args(args);
        t.run()
    };
    // Without --update the import is refused, and says how to add the new ones.
    again(&[])
        .code(1)
        .stderr_has("2 sheets' files already exist: out/acme-ann.yaml, out/acme-bo.yaml; nothing was written. To add only the responses not imported before, run the import again with --update");
    let run = again(&["--update"])
        .success()
        .stderr_has("wrote out/acme-cy.yaml (line 4 of responses.csv)")
        .stderr_has("wrote out/acme-di.yaml (line 5 of responses.csv)")
        .stderr_has("--update: wrote 2 new sheets, left 2 as they were (imported before)");
    let out = run.dir.join("out");
    assert_eq!(sheets_in(&out).len(), 4, "{:?}", sheets_in(&out));
    assert_eq!(
        std::fs::read_to_string(out.join("acme-ann.yaml")).unwrap(),
        edited
    );
    assert_eq!(
        std::fs::read_to_string(out.join("acme-bo.yaml")).unwrap(),
        bo
    );
    assert_eq!(sheet(&out, "acme-cy.yaml")["answers"]["monitoring"], "tool");
    assert!(
        !run.stderr.contains("answers differently"),
        "{}",
        run.stderr
    );

    // A row whose answers changed since is left too, with a warning that says so.
    let changed = later.replace("Ann,Branches,We don't", "Ann,Branches,A listening tool");
    Test::new()
        .file("pulse.yaml", &import_fixture("pulse.yaml"))
        .file("responses.csv", &changed)
        .file("mapping.yaml", STAMPED)
        .file("out/acme-ann.yaml", &edited)
        .args(&["import", "responses.csv", "--mapping", "mapping.yaml"])
        .args(&["-q", "pulse.yaml", "-o", "out", "--update"])
        .run()
        .success()
        .stderr_has("out/acme-ann.yaml: warning: imported before, so it is left as it is, though line 2 of responses.csv now answers differently")
        .stderr_has("--update: wrote 3 new sheets, left 1 as it was");
}

const CHANNELS_CSV: &str = "Name,Channels\n\
                            Ann,\"Facebook, Other: our own forum, and a newsletter\"\n\
                            Bo,\"Other: TikTok\"\n\
                            Cy,LinkedIn\n";

fn channels_mapping(other: &str) -> String {
    format!(
        "format: leapcheck/mapping@1
questionnaire: branch_pulse@0.1.0
separator: \", \"
organization: {{ value: Acme }}
respondent: {{ column: Name }}
questions:
  channels:
    column: Channels
{other}"
    )
}

#[test]
fn other_answers_in_a_checkbox_question_are_read_as_the_mapping_says() {
    // Without `other:`, the error points to it, and suggests no option for the text.
    let run = import_pulse(CHANNELS_CSV, &channels_mapping(""))
        .code(1)
        .stderr_has("responses.csv:2:2: error: column 2 (`Channels`): `Other: our own forum, and a newsletter` is what a respondent typed into the form's \"Other\" box, not an option of `channels`; say what such text means with `other: ignore` (keep the ticked options, drop the text) or `other: comment`");
    assert!(
        !run.stderr.contains("\"Other: TikTok\": "),
        "{}",
        run.stderr
    );

    let run = import_pulse(CHANNELS_CSV, &channels_mapping("    other: ignore\n")).success();
    let out = run.dir.join("out");
    assert_eq!(
        sheet(&out, "acme-ann.yaml")["answers"]["channels"],
        yaml("[facebook]")
    );
    // Only "Other" ticked: none of the questionnaire's options.
    assert_eq!(
        sheet(&out, "acme-bo.yaml")["answers"]["channels"],
        yaml("[]")
    );
    let text = std::fs::read_to_string(out.join("acme-ann.yaml")).unwrap();
    assert!(!text.contains("newsletter"), "{text}");

    // `comment`: the same answers, and the text kept in the sheet's file.
    let run = import_pulse(CHANNELS_CSV, &channels_mapping("    other: comment\n")).success();
    let out = run.dir.join("out");
    let text = std::fs::read_to_string(out.join("acme-ann.yaml")).unwrap();
    assert!(
        text.contains("# channels, \"Other\": our own forum, and a newsletter\n"),
        "{text}"
    );
    assert_eq!(yaml(&text)["answers"]["channels"], yaml("[facebook]"));
    let cy = std::fs::read_to_string(out.join("acme-cy.yaml")).unwrap();
    assert!(!cy.contains("Other"), "{cy}");

    // `other:` is for multi-select questions, and takes one of two words.
    let mapping = "format: leapcheck/mapping@1\nquestionnaire: branch_pulse@0.1.0\nquestions:\n  monitoring: { column: M, other: ignore }\n  channels: { column: C, other: keep }\n";
    import_pulse(CHANNELS_CSV, mapping)
        .code(1)
        .stderr_has("mapping.yaml:4:28: error: `other:` says what a multi-select's \"Other: …\" text means; `monitoring` is a choice question")
        .stderr_has("mapping.yaml:5:33: error: `keep` is not a way to read \"Other: …\" answers; write `ignore`");
}

#[test]
fn a_label_mapped_to_na_is_read_alike_by_validate_and_import() {
    let mapping = r#"format: leapcheck/mapping@1
questionnaire: branch_pulse@0.1.0
separator: ", "
organization: { value: Acme }
respondent: { column: Name }
questions:
  channels: { column: Channels, values: { "None of these": n/a, "Not sure": N/A } }
  leaders_listen: { column: Leaders, values: { "Can't say": N/A } }
"#;
    let csv = "Name,Channels,Leaders\n\
               Ann,None of these,Can't say\n\
               Bo,\"Facebook, Not sure\",Agree\n";
    let validate = Test::new()
        .file("pulse.yaml", &import_fixture("pulse.yaml"))
        .file("mapping.yaml", mapping)
        .args(&["validate", "-q", "pulse.yaml", "mapping.yaml"])
        .run();
    let import = import_pulse(csv, mapping);
    assert_eq!(
        (validate.code, import.code),
        (0, 0),
        "validate:\n{}\nimport:\n{}",
        validate.stderr,
        import.stderr
    );
    let import = import.stderr_has("responses.csv:3:2: warning: column 2 (`Channels`): `Not sure` is mapped to n/a, which says nothing beside the ticked options, so it is left out");
    let out = import.dir.join("out");
    let ann = sheet(&out, "acme-ann.yaml");
    assert_eq!(ann["answers"]["channels"], "n/a");
    assert_eq!(ann["answers"]["leaders_listen"], "n/a");
    assert_eq!(
        sheet(&out, "acme-bo.yaml")["answers"]["channels"],
        yaml("[facebook]")
    );
}

#[test]
fn units_split_by_another_separator_than_the_mappings_are_named_once_per_row() {
    let mapping = STAMPED.replace(
        "units: { column: Units, separator: \", \" }",
        "units: { column: Units }",
    );
    let csv = format!(
        "{STAMPED_HEADER}\n\
         2026/03/12 9:41:07 AM GMT+1,Acme,Ann,\"Branches, Contact center\",We don't,,Agree,Somewhat\n"
    );
    let run = import_pulse(&csv, &mapping)
        .code(1)
        .stderr_has("responses.csv:2:4: error: column 4 (`Units`): `Branches, Contact center` is read as one unit: the cells are separated by `,` but the mapping's `separator` under `units:` is `;`; write `separator: \", \"` under `units:`");
    // One error for the row, not one per grid cell.
    assert_eq!(run.stderr.matches("error:").count(), 1, "{}", run.stderr);
}

#[test]
fn a_quoted_cell_left_open_is_an_error_at_the_line_it_opens() {
    let csv = "Name,Monitoring\nAcme,\"Bob,Yes\nCy,We don't\nDi,We don't\n";
    let mapping = "format: leapcheck/mapping@1\nquestionnaire: branch_pulse@0.1.0\nrespondent: { column: Name }\nquestions:\n  monitoring: { column: Monitoring }\n";
    let run = import_pulse(csv, mapping).code(1).stderr_has(
        "responses.csv:2:1: error: a quoted cell opens on this line and is never closed",
    );
    assert!(!run.dir.join("out").exists());
}

#[test]
fn init_sheet_names_the_respondent_a_consultant_prepares_it_for() {
    let run = Test::new()
        .file("pulse.yaml", &import_fixture("pulse.yaml"))
        .args(&["init", "sheet", "room/ann.yaml", "-q", "pulse.yaml"])
        .args(&["--organization", "Acme Bank", "--respondent", "Ann Lee"])
        .args(&["--role", "teller", "--units", "Branches, Contact center"])
        .run()
        .success();
    let text = std::fs::read_to_string(run.dir.join("room/ann.yaml")).unwrap();
    let v = yaml(&text);
    assert_eq!(v["organization"], "Acme Bank");
    assert_eq!(v["respondent"], yaml("{ name: Ann Lee, role: teller }"));
    assert_eq!(v["units"], yaml("[Branches, Contact center]"));
    assert!(text.contains("  \"Contact center\":\n"), "{text}");
    Test::new()
        .file("pulse.yaml", &import_fixture("pulse.yaml"))
        .file("room/ann.yaml", &text)
        .args(&["validate", "-q", "pulse.yaml", "room/ann.yaml"])
        .run()
        .success();

    // Bad values are refused as a sheet would refuse them, and nothing is written.
    let refused = |args: &[&str], needle: &str| {
        let run = Test::new()
            .file("pulse.yaml", &import_fixture("pulse.yaml"))
            .args(&["init", "sheet", "s.yaml", "-q", "pulse.yaml"])
            .args(args)
            .run()
            .code(2)
            .stderr_has(needle);
        assert!(!run.dir.join("s.yaml").exists());
    };
    refused(
        &["--respondent", "Ann\u{1b}[2J"],
        "--respondent: this name holds a control character",
    );
    refused(
        &["--organization", &"x".repeat(201)],
        "--organization: this name is 201 characters long, over the limit of 200",
    );
    refused(
        &["--role", "boss"],
        "--role: `boss` is not a role of branch_pulse@0.1.0",
    );
    refused(
        &["--units", "Branches,,Sales"],
        "--units: a unit name is empty",
    );
    refused(
        &["--units", "Sales,Sales"],
        "--units: unit `Sales` is listed twice",
    );
}

#[test]
fn a_google_forms_export_imports_and_a_later_export_adds_its_two_new_rows() {
    let first = import_fixture("google-export.csv");
    // The fixture is as Google exports it: a byte-order mark and Windows line ends.
    assert!(first.starts_with('\u{feff}') && first.contains("\r\n"));
    let later = import_fixture("google-export-later.csv");
    let import = |csv: &str, extra: &[&str], files: &[(String, String)]| {
        let mut t = Test::new()
            .file("pulse.yaml", &import_fixture("pulse.yaml"))
            .file("export.csv", csv)
            .file("mapping.yaml", &import_fixture("google-mapping.yaml"));
        for (name, text) in files {
            t = t.file(name, text);
        }
        t.args(&["import", "export.csv", "--mapping", "mapping.yaml"])
            .args(&["-q", "pulse.yaml", "-o", "room"])
            .args(extra)
            .run()
    };
    let run = import(&first, &[], &[])
        .success()
        // Cy answered the grid for a unit they did not tick.
        .stderr_has("export.csv:4:9: warning: column 9 (`Has each unit agreed goals for social media? [Bran…`): `Branches` is not ticked in column 5")
        // Bo submitted twice.
        .stderr_has("export.csv:3:1: warning: line 3 is an earlier answer from `Bo Kim` of `Acme Bank` (2026-03-12 10:02:15) than line 5 (2026-03-12 14:12:45), so it is left out")
        .stderr_has("imported 3 sheets");
    let room = run.dir.join("room");
    let names: Vec<String> = sheets_in(&room)
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            "acme-bank-ann-lee.yaml",
            "acme-bank-bo-kim.yaml",
            "acme-bank-cy-diaz.yaml"
        ]
    );
    let ann_text = std::fs::read_to_string(room.join("acme-bank-ann-lee.yaml")).unwrap();
    assert!(
        ann_text.contains("# channels, \"Other\": our own customer forum\n"),
        "{ann_text}"
    );
    let ann = yaml(&ann_text);
    assert_eq!(ann["date"], "2026-03-12");
    assert_eq!(ann["respondent"]["role"], "executive");
    assert_eq!(ann["answers"]["channels"], yaml("[facebook, linkedin]"));
    assert_eq!(
        ann["units_answers"],
        yaml("{ Branches: { unit_goals: 2 }, Contact center: { unit_goals: 1 } }")
    );
    let bo = sheet(&room, "acme-bank-bo-kim.yaml");
    assert_eq!(bo["answers"]["channels"], yaml("[facebook, x]"));
    let cy = sheet(&room, "acme-bank-cy-diaz.yaml");
    assert_eq!(cy["answers"]["channels"], yaml("[x, reviews]"));
    assert_eq!(
        cy["units_answers"],
        yaml("{ Contact center: { unit_goals: 3 } }")
    );

    // The later export holds the same rows and two new ones.
    let before: Vec<(String, String)> = sheets_in(&room)
        .iter()
        .map(|p| {
            let name = format!("room/{}", p.file_name().unwrap().to_string_lossy());
            (name, std::fs::read_to_string(p).unwrap())
        })
        .collect();
    let run = import(&later, &["--update"], &before)
        .success()
        .stderr_has("wrote room/acme-bank-di-evans.yaml (line 6 of export.csv)")
        .stderr_has("wrote room/acme-bank-ed-fox.yaml (line 7 of export.csv)")
        .stderr_has("--update: wrote 2 new sheets, left 3 as they were (imported before)");
    let room = run.dir.join("room");
    assert_eq!(sheets_in(&room).len(), 5, "{:?}", sheets_in(&room));
    for (name, text) in &before {
        assert_eq!(
            &std::fs::read_to_string(run.dir.join(name)).unwrap(),
            text,
            "{name}"
        );
    }
    let ed = std::fs::read_to_string(room.join("acme-bank-ed-fox.yaml")).unwrap();
    assert!(
        ed.contains("# channels, \"Other\": TikTok, for younger customers\n"),
        "{ed}"
    );
    Test::new()
        .args(&["validate", "-q"])
        .arg(fixture("import/pulse.yaml"))
        .arg(&room)
        .run()
        .success();
}
