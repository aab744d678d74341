//! The interview, driven through a pseudo-terminal like a person at the keyboard: every question
//! type, n/a, a `show_if` branch, two units, going back, a killed process and `--resume`.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use expectrl::Expect;
use expectrl::session::OsSession as Session;

use crate::support::*;

const DOWN: &str = "\x1b[B";
const ENTER: &str = "\r";
const ESC: &str = "\x1b";

fn spawn(dir: &Path, args: &[&str]) -> Session {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin!("leapcheck"));
    cmd.current_dir(dir)
        .args(["--color", "never", "interview", "-q"])
        .arg(fixture("interview.yaml"))
        .args(args)
        .env("TERM", "xterm")
        .env_remove("NO_COLOR");
    let mut s = Session::spawn(cmd).expect("spawn leapcheck in a pty");
    // How long to wait for a prompt before calling it a hang: prompts come within milliseconds.
    s.set_expect_timeout(Some(Duration::from_secs(15)));
    s
}

/// Waits for `text`, then types `keys` one key at a time.
fn step(s: &mut Session, text: &str, keys: &[&str]) {
    s.expect(text)
        .unwrap_or_else(|e| panic!("waiting for {text:?}: {e}"));
    for k in keys {
        s.send(k).expect("type");
        // An Esc alone must not merge with the next key into an escape sequence.
        std::thread::sleep(Duration::from_millis(if *k == ESC { 150 } else { 20 }));
    }
}

fn report_json(dir: &Path, sheet: &str) -> serde_json::Value {
    Test::new()
        .arg("report")
        .arg(dir.join(sheet))
        .arg("-q")
        .arg(fixture("interview.yaml"))
        .args(&["-f", "json"])
        .run()
        .success()
        .json()
}

fn answers(v: &serde_json::Value) -> Vec<(String, Option<String>, String)> {
    v["dimensions"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["questions"].as_array().unwrap())
        .map(|q| {
            (
                q["id"].as_str().unwrap().to_string(),
                q["unit"].as_str().map(str::to_string),
                q["answer"]
                    .as_str()
                    .unwrap_or(q["status"].as_str().unwrap())
                    .to_string(),
            )
        })
        .collect()
}

#[test]
fn a_full_interview_writes_a_sheet_that_scores_as_answered() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = spawn(
        dir.path(),
        &["--organization", "Test Co", "-o", "sheet.yaml"],
    );
    step(&mut s, "Your name", &["Ana Lima", ENTER]);
    step(&mut s, "Your role", &[DOWN, ENTER]);
    step(&mut s, "talk to customers", &[" ", ENTER]);
    step(&mut s, "Other units", &["Web shop", ENTER]);
    // choice, with the organization's name filled in: Social media
    step(&mut s, "question 1 of about 10", &[]);
    step(&mut s, "matters most to Test Co", &[DOWN, ENTER]);
    // multi: a monitoring tool and a CRM
    step(
        &mut s,
        "question 2 of about 10",
        &[" ", DOWN, DOWN, " ", ENTER],
    );
    // scale; Esc goes back to the multi, which keeps its answer
    step(&mut s, "question 3 of about 10", &[ESC]);
    step(&mut s, "back to the previous question", &[]);
    step(&mut s, "question 2 of about 10", &[ENTER]);
    step(&mut s, "question 3 of about 10", &[DOWN, DOWN, ENTER]);
    // yes_no without n/a is a confirm; "yes" shows the team-size question (10 questions now)
    step(&mut s, "Is there a team for it?", &["y"]);
    step(&mut s, "question 5 of 10", &["7", ENTER]);
    // text: `<` goes back to the number, which offers 7 to edit
    step(&mut s, "question 6 of 10", &["<", ENTER]);
    step(&mut s, "question 5 of 10", &["\x7f", "4", ENTER]);
    step(
        &mut s,
        "question 6 of 10",
        &["It started with {{ x }}", ENTER],
    );
    // per unit: Sales not applicable, then its skill 1; Web shop no, skill 0
    step(&mut s, "Is Sales active", &[DOWN, DOWN, ENTER]);
    step(&mut s, "Sales has the skills", &[DOWN, ENTER]);
    step(&mut s, "Is Web shop active", &[DOWN, ENTER]);
    step(&mut s, "Web shop has the skills", &[ENTER]);
    step(&mut s, "Score 62.5 / 100 · level High", &[]);
    step(&mut s, "leapcheck report sheet.yaml", &[]);
    step(&mut s, "leapcheck plan sheet.yaml", &[]);
    let status = s.get_process().wait().expect("wait");
    assert!(
        format!("{status:?}").contains("Exited(") && format!("{status:?}").ends_with(", 0)"),
        "{status:?}"
    );

    let v = report_json(dir.path(), "sheet.yaml");
    assert_eq!(v["organization"], "Test Co");
    assert_eq!(v["respondents"][0]["name"], "Ana Lima");
    assert_eq!(v["respondents"][0]["role"], "staff");
    assert_eq!(v["units"], serde_json::json!(["Sales", "Web shop"]));
    let got = answers(&v);
    let want = [
        ("channel", None, "Social media"),
        ("tools", None, "A monitoring tool, A CRM"),
        ("confidence", None, "2 (Fully)"),
        ("has_team", None, "yes"),
        ("team_size", None, "4"),
        ("story", None, "It started with {{ x }}"),
        ("unit_active", Some("Sales"), "n/a"),
        ("unit_skill", Some("Sales"), "1 (Partly)"),
        ("unit_active", Some("Web shop"), "no"),
        ("unit_skill", Some("Web shop"), "0 (Not at all)"),
    ];
    let want: Vec<(String, Option<String>, String)> = want
        .iter()
        .map(|(q, u, a)| (q.to_string(), u.map(str::to_string), a.to_string()))
        .collect();
    assert_eq!(got, want);
    // basics 100; units: Sales 50 (n/a left out), Web shop 0 → 25; overall 62.5 → high.
    assert_eq!(v["overall"], 62.5);
    assert_eq!(v["level"]["id"], "high");
    Test::new()
        .arg("validate")
        .arg("-q")
        .arg(fixture("interview.yaml"))
        .arg(dir.path().join("sheet.yaml"))
        .run()
        .success();
}

#[test]
fn a_killed_interview_keeps_every_answer_and_resume_continues_there() {
    let dir = tempfile::tempdir().unwrap();
    let who = [
        "--organization",
        "Kill Co",
        "--respondent",
        "Bo",
        "--role",
        "lead",
    ];
    let mut args = who.to_vec();
    args.extend(["-o", "k.yaml"]);
    let mut s = spawn(dir.path(), &args);
    step(&mut s, "talk to customers", &[ENTER]);
    step(&mut s, "Other units", &["Depot", ENTER]);
    step(&mut s, "question 1 of", &[ENTER]);
    step(&mut s, "question 2 of", &[DOWN, " ", ENTER]);
    // The next prompt is on screen, so the last answer has been saved: kill without warning.
    step(&mut s, "question 3 of", &[]);
    s.get_process_mut()
        .kill(expectrl::process::unix::Signal::SIGKILL)
        .expect("kill");
    let _ = s.get_process().wait();
    let text = std::fs::read_to_string(dir.path().join("k.yaml")).expect("sheet on disk");
    let v = report_json(dir.path(), "k.yaml");
    let got = answers(&v);
    assert_eq!(got[0].2, "Email", "{text}");
    assert_eq!(got[1].2, "A shared inbox", "{text}");
    assert_eq!(got[2].2, "unanswered", "{text}");
    assert_eq!(v["units"], serde_json::json!(["Depot"]));

    // --resume starts at the first unanswered question and keeps writing the same file.
    let mut s = spawn(dir.path(), &["--resume", "k.yaml"]);
    step(&mut s, "Continuing k.yaml", &[]);
    step(&mut s, "question 3 of", &[]);
    step(&mut s, "We answer customers well.", &[DOWN, ENTER]);
    step(&mut s, "Is there a team for it?", &["n"]);
    // Ctrl-C at a prompt: exit 130 with the way back in, the answers kept.
    step(&mut s, "Tell us how it started", &["\x03"]);
    step(&mut s, "--resume k.yaml", &[]);
    let status = s.get_process().wait().expect("wait");
    assert!(format!("{status:?}").ends_with(", 130)"), "{status:?}");
    let got = answers(&report_json(dir.path(), "k.yaml"));
    assert_eq!(got[2].2, "1 (Partly)");
    assert_eq!(got[3].2, "no");
    assert_eq!(got[4].2, "hidden", "team_size is hidden after `no`");
}

#[test]
fn without_a_terminal_it_exits_at_once_and_says_what_to_do() {
    let started = Instant::now();
    Test::new()
        .args(&["interview"])
        .stdin("")
        .run()
        .code(1)
        .stderr_has("needs a terminal")
        .stderr_has("leapcheck init sheet");
    // It must not wait for input that never comes. Measured on a two-core machine, debug build:
    // 5–8 ms idle, up to 19 ms under load (three busy processes besides the tests).
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn an_existing_sheet_of_someone_else_is_never_replaced_silently() {
    let dir = tempfile::tempdir().unwrap();
    let other = "format: leapcheck/answers@1\nquestionnaire: interview_check@1.0.0\norganization: Acme\nrespondent: { name: Someone Else }\nanswers: { channel: email }\n";
    std::fs::write(dir.path().join("acme-ana.yaml"), other).unwrap();
    let mut s = spawn(
        dir.path(),
        &[
            "--organization",
            "Acme",
            "--respondent",
            "Ana",
            "--role",
            "lead",
        ],
    );
    step(&mut s, "talk to customers", &[ENTER]);
    step(&mut s, "Other units", &[ENTER]);
    step(&mut s, "writing to acme-ana-2.yaml instead", &[]);
    step(&mut s, "question 1 of", &[ENTER]);
    step(&mut s, "question 2 of", &["\x03"]);
    let _ = s.get_process().wait();
    assert_eq!(
        std::fs::read_to_string(dir.path().join("acme-ana.yaml")).unwrap(),
        other
    );
    let mine = std::fs::read_to_string(dir.path().join("acme-ana-2.yaml")).unwrap();
    assert!(
        mine.contains("channel: email") && mine.contains("name: Ana\n"),
        "{mine}"
    );
}

#[test]
fn a_workshop_directory_gets_one_sheet_per_respondent() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["Ana", "Bo"] {
        let mut s = spawn(
            dir.path(),
            &[
                "--workshop",
                "room",
                "--organization",
                "Acme",
                "--respondent",
                name,
                "--role",
                "staff",
            ],
        );
        step(&mut s, "talk to customers", &[ENTER]);
        step(&mut s, "Other units", &[ENTER]);
        step(&mut s, "question 1 of", &[ENTER]);
        step(&mut s, "question 2 of", &["\x03"]);
        let _ = s.get_process().wait();
    }
    let mut files: Vec<String> = std::fs::read_dir(dir.path().join("room"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files, ["acme-ana.yaml", "acme-bo.yaml"]);
    Test::new()
        .arg("validate")
        .arg("-q")
        .arg(fixture("interview.yaml"))
        .arg(dir.path().join("room"))
        .run()
        .success();
}

#[test]
fn an_explicit_output_that_exists_is_replaced_only_when_the_person_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let other = "format: leapcheck/answers@1\nquestionnaire: interview_check@1.0.0\norganization: Acme\nrespondent: { name: Cy }\nanswers: {}\n";
    std::fs::write(dir.path().join("mine.yaml"), other).unwrap();
    let who = [
        "--organization",
        "Acme",
        "--respondent",
        "Ana",
        "--role",
        "lead",
    ];
    let mut args = who.to_vec();
    args.extend(["-o", "mine.yaml"]);
    let mut s = spawn(dir.path(), &args);
    step(&mut s, "talk to customers", &[ENTER]);
    step(&mut s, "Other units", &[ENTER]);
    step(
        &mut s,
        "mine.yaml exists (answers of Cy). Replace it?",
        &["n"],
    );
    step(&mut s, "writing to mine-2.yaml instead", &[]);
    step(&mut s, "question 1 of", &["\x03"]);
    let _ = s.get_process().wait();
    assert_eq!(
        std::fs::read_to_string(dir.path().join("mine.yaml")).unwrap(),
        other
    );
    assert!(dir.path().join("mine-2.yaml").is_file());

    let mut s = spawn(dir.path(), &args);
    step(&mut s, "talk to customers", &[ENTER]);
    step(&mut s, "Other units", &[ENTER]);
    step(&mut s, "Replace it?", &["y"]);
    step(&mut s, "question 1 of", &["\x03"]);
    let _ = s.get_process().wait();
    let replaced = std::fs::read_to_string(dir.path().join("mine.yaml")).unwrap();
    assert!(replaced.contains("name: Ana"), "{replaced}");
}

#[test]
fn a_written_sheet_loads_back_to_the_same_answers() {
    use leapcheck::source::Source;
    use leapcheck::{questionnaire, sheet};
    let b = leapcheck::builtin::DEFAULT;
    let q = questionnaire::load(&Source::new(b.file, b.text))
        .0
        .expect("built-in");
    for name in [
        "bank-planned-not-aligned",
        "retailer-leapt-without-looking",
        "consumer-brand-broadcasting",
    ] {
        let text = std::fs::read_to_string(root().join(format!("examples/{name}.yaml"))).unwrap();
        let (s, d) = sheet::load(&Source::new(name, text), &q);
        let s = s.unwrap_or_else(|| panic!("{d:?}"));
        let written = sheet::write::to_yaml(&q, &s, "round trip");
        let (again, d) = sheet::load(&Source::new("written", written.clone()), &q);
        let again = again.unwrap_or_else(|| panic!("{d:?}\n{written}"));
        assert_eq!(again, s, "{written}");
    }
}

/// A saved sheet says, above each answer, the question as it was asked and the answer as it was
/// chosen; awkward names and texts still load back to the same answers.
#[test]
fn a_written_sheet_shows_each_question_and_the_chosen_label() {
    use leapcheck::source::Source;
    use leapcheck::{questionnaire, sheet};
    let text = std::fs::read_to_string(fixture("interview.yaml")).unwrap();
    let q = questionnaire::load(&Source::new("interview.yaml", text))
        .0
        .unwrap();
    let hand = format!(
        "format: leapcheck/answers@1\nquestionnaire: {}\norganization: 'Acme: \"the\" shop #1'\nrespondent: {{ name: '- Zoë', role: lead }}\nunits: ['Sales: north', 'yes']\nanswers:\n  channel: social\n  tools: [monitor, crm]\n  confidence: 1\n  has_team: yes\n  team_size: 4\n  story: \"yes\"\nunits_answers:\n  'Sales: north': {{ unit_active: n/a, unit_skill: 2 }}\n  'yes': {{ unit_active: no }}\n",
        q.reference()
    );
    let (s, d) = sheet::load(&Source::new("hand.yaml", hand), &q);
    let s = s.unwrap_or_else(|| panic!("{d:?}"));
    for story in [
        "yes",
        "a: b # c",
        "two\nlines",
        "'quoted'",
        "- dash",
        "\"",
        "[x]",
    ] {
        let mut s = s.clone();
        s.answers[q.question_index("story").unwrap()] =
            Some(leapcheck::answer::Answer::Text(story.into()));
        let written = sheet::write::to_yaml(&q, &s, "round trip");
        let (again, d) = sheet::load(&Source::new("written", written.clone()), &q);
        assert_eq!(again, Some(s), "{d:?}\n{written}");
    }
    let written = sheet::write::to_yaml(&q, &s, "round trip");
    for lines in [
        "  # Which channel matters most to Acme: \"the\" shop #1?\n  #   answered: Social media\n  channel: social\n",
        "  #   answered: A monitoring tool, A CRM\n  tools: [monitor, crm]\n",
        "  # We answer customers well.\n  #   answered: 1 (Partly)\n  confidence: 1\n",
        "    # Is Sales: north active on social channels?\n    #   answered: n/a\n    unit_active: n/a\n",
        "    # Sales: north has the skills it needs.\n    #   answered: 2 (Fully)\n",
    ] {
        assert!(written.contains(lines), "{lines:?} in\n{written}");
    }
}

/// A Ctrl-C reaches both the signal handler and the prompt it interrupts; the way back in is
/// said exactly once, however the two race.
#[test]
fn every_ctrl_c_says_how_to_resume_exactly_once() {
    let dir = tempfile::tempdir().unwrap();
    for k in 0..20 {
        let out = format!("k{k}.yaml");
        let mut s = spawn(
            dir.path(),
            &[
                "--organization",
                "Kill Co",
                "--respondent",
                "Bo",
                "--role",
                "lead",
                "-o",
                &out,
            ],
        );
        step(&mut s, "talk to customers", &[ENTER]);
        step(&mut s, "Other units", &[ENTER]);
        step(&mut s, "question 1 of", &["\x03"]);
        let rest = s.expect(expectrl::Eof).expect("the end of the run");
        let seen: Vec<u8> = [rest.before(), rest.get(0).unwrap_or_default()].concat();
        let text = String::from_utf8_lossy(&seen).to_string();
        assert_eq!(text.matches("Stopped").count(), 1, "run {k}: {text:?}");
        assert!(
            text.contains(&format!("--resume {out}")),
            "run {k}: {text:?}"
        );
    }
}

/// Everything the program printed up to and including `text` (escape sequences and all).
fn upto(s: &mut Session, text: &str) -> String {
    let m = s
        .expect(text)
        .unwrap_or_else(|e| panic!("waiting for {text:?}: {e}"));
    let seen = [m.before(), m.get(0).unwrap_or_default()].concat();
    String::from_utf8_lossy(&seen).into_owned()
}

/// Types `keys` one key at a time.
fn keys(s: &mut Session, keys: &[&str]) {
    for k in keys {
        s.send(k).expect("type");
        std::thread::sleep(Duration::from_millis(if *k == ESC { 150 } else { 20 }));
    }
}

/// The text of terminal output: escape sequences dropped, lines split.
fn screen_lines(raw: &str) -> Vec<String> {
    let mut out = String::new();
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            // CSI: ESC [ parameters… final letter; other escapes are two characters.
            if chars.next_if_eq(&'[').is_some() {
                while chars
                    .next()
                    .is_some_and(|c| !c.is_ascii_alphabetic() && c != '~')
                {}
            } else {
                chars.next();
            }
        } else if c != '\r' {
            out.push(c);
        }
    }
    out.lines().map(str::to_string).collect()
}

#[test]
fn the_first_screen_says_what_this_is_how_long_it_takes_and_the_keys() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = spawn(dir.path(), &["-o", "sheet.yaml"]);
    let first = screen_lines(&upto(&mut s, "Organization")).join(" ");
    assert!(first.contains("Interview check"), "{first}");
    assert!(
        first.contains("About 6 questions, and 2 more for each business unit you name: about 3 minutes with one unit, 5 with three."),
        "{first}"
    );
    assert!(
        first.contains(
            "Keys: ↑↓ move · space tick · enter next · esc back · ? help · ctrl-c save and stop"
        ),
        "{first}"
    );
    step(&mut s, "", &["Acme", ENTER]);
    step(&mut s, "Your name", &["Ana", ENTER]);
    step(&mut s, "Your role", &[ENTER]);
    step(&mut s, "talk to customers", &[" ", DOWN, " ", ENTER]);
    step(&mut s, "Other units", &[ENTER]);
    step(
        &mut s,
        "With 2 units: about 10 questions, about 4 minutes.",
        &[],
    );
    // Under a list, its keys; a numbered list takes digits: "2" picks "2 — Fully" at once.
    let list = upto(&mut s, "question 1 of");
    assert!(!list.contains("0–"), "{list}");
    step(
        &mut s,
        "enter choose · esc back · ctrl-c save and stop",
        &[ENTER],
    );
    step(&mut s, "space tick · enter next", &[ENTER]);
    step(&mut s, "0–2 pick", &["2"]);
    step(&mut s, "Is there a team for it?", &["\x03"]);
    let _ = s.get_process().wait();
    let saved = std::fs::read_to_string(dir.path().join("sheet.yaml")).unwrap();
    assert!(
        saved.contains("  #   answered: 2 (Fully)\n  confidence: 2\n"),
        "{saved}"
    );
}

#[test]
fn help_keeps_the_ticks_and_skip_leaves_a_multi_select_unanswered() {
    let dir = tempfile::tempdir().unwrap();
    let who = [
        "--organization",
        "Acme",
        "--respondent",
        "Ana",
        "--role",
        "lead",
    ];
    let mut args = who.to_vec();
    args.extend(["-o", "ticks.yaml"]);
    let mut s = spawn(dir.path(), &args);
    step(&mut s, "talk to customers", &[ENTER]);
    step(&mut s, "Other units", &[ENTER]);
    step(&mut s, "question 1 of", &[ENTER]);
    // Tick two tools, then tick "? Show help" (the last item) and press Enter.
    step(
        &mut s,
        "question 2 of",
        &[" ", DOWN, " ", "\x1b[A", "\x1b[A", " ", ENTER],
    );
    let again = upto(&mut s, "Tick every tool in use.");
    assert!(!again.contains("? Show help\r\n\r\n"), "{again}");
    let list = upto(&mut s, "? Show help");
    let lines = screen_lines(&list);
    assert!(
        lines.iter().any(|l| l.ends_with("[x] A monitoring tool")),
        "{lines:?}"
    );
    assert!(
        lines.iter().any(|l| l.ends_with("[x] A shared inbox")),
        "{lines:?}"
    );
    assert!(lines.iter().any(|l| l.ends_with("[ ] A CRM")), "{lines:?}");
    step(&mut s, "save and stop", &[ENTER]);
    step(&mut s, "question 3 of", &["\x03"]);
    let _ = s.get_process().wait();
    let saved = std::fs::read_to_string(dir.path().join("ticks.yaml")).unwrap();
    assert!(saved.contains("tools: [monitor, inbox]"), "{saved}");

    let mut args = who.to_vec();
    args.extend(["-o", "skip.yaml"]);
    let mut s = spawn(dir.path(), &args);
    step(&mut s, "talk to customers", &[ENTER]);
    step(&mut s, "Other units", &[ENTER]);
    step(&mut s, "question 1 of", &[ENTER]);
    // Skip is the item before help: up twice from the first, tick it, Enter.
    step(&mut s, "question 2 of", &["\x1b[A", "\x1b[A", " ", ENTER]);
    let third = upto(&mut s, "We answer");
    assert!(
        third.contains("question 3 of about 6 · 1 skipped"),
        "{third:?}"
    );
    keys(&mut s, &["\x03"]);
    let _ = s.get_process().wait();
    let saved = std::fs::read_to_string(dir.path().join("skip.yaml")).unwrap();
    assert!(
        saved.contains("channel: email") && !saved.contains("tools"),
        "{saved}"
    );
}

#[test]
fn a_resume_asks_exactly_the_gaps_and_the_end_names_what_was_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let gaps = "format: leapcheck/answers@1\nquestionnaire: interview_check@1.0.0\norganization: Gap Co\nrespondent: { name: Bo, role: lead }\nunits: [Sales]\nanswers:\n  channel: email\n  tools: [crm]\n  has_team: yes\n  team_size: 4\nunits_answers:\n  Sales: { unit_active: yes }\n";
    std::fs::write(dir.path().join("gap sheet.yaml"), gaps).unwrap();
    let mut s = spawn(dir.path(), &["--resume", "gap sheet.yaml"]);
    let opening = upto(&mut s, "3 unanswered questions");
    assert!(opening.contains("Continuing gap sheet.yaml"), "{opening}");
    let mut seen = upto(&mut s, "We answer customers well.");
    keys(&mut s, &["1"]);
    seen += &upto(&mut s, "Tell us how it started.");
    keys(&mut s, &[ENTER]);
    seen += &upto(&mut s, "Sales has the skills it needs.");
    // Up from the first item reaches "Skip for now".
    keys(&mut s, &["\x1b[A", ENTER]);
    let end = upto(&mut s, "leapcheck plan 'gap sheet.yaml'");
    let rest = s.expect(expectrl::Eof).expect("the end of the run");
    let end = end + &String::from_utf8_lossy(rest.before());
    seen += &end;
    for answered in [
        "matters most",
        "Which tools",
        "Is there a team",
        "How many people",
        "Is Sales active",
    ] {
        assert!(!seen.contains(answered), "asked again: {answered}\n{seen}");
    }
    let lines = screen_lines(&end);
    let at = |text: &str| {
        lines
            .iter()
            .position(|l| l.contains(text))
            .unwrap_or_else(|| panic!("{text:?} in {lines:#?}"))
    };
    let skipped = at("Skipped (2), counted as unanswered in the report:");
    assert_eq!(lines[skipped + 1], "  • Tell us how it started.");
    assert_eq!(lines[skipped + 2], "  • Sales has the skills it needs.");
    at("Score ");
    assert!(at("leapcheck interview --resume 'gap sheet.yaml' -q ") > skipped);
    at("leapcheck report 'gap sheet.yaml' -q ");
    at("-o report.html");
    let saved = std::fs::read_to_string(dir.path().join("gap sheet.yaml")).unwrap();
    assert!(
        saved.contains("confidence: 1") && !saved.contains("story"),
        "{saved}"
    );
}

#[test]
fn the_same_name_in_a_workshop_offers_to_continue_and_units_keep_one_spelling() {
    let dir = tempfile::tempdir().unwrap();
    let room = |name: &'static str| {
        vec![
            "--workshop",
            "room",
            "--organization",
            "Acme",
            "--respondent",
            name,
            "--role",
            "staff",
        ]
    };
    let mut s = spawn(dir.path(), &room("Ana Lima"));
    step(&mut s, "talk to customers", &[ENTER]);
    step(&mut s, "Other units", &["Patient Services", ENTER]);
    step(&mut s, "question 1 of", &[DOWN, ENTER]);
    step(&mut s, "question 2 of", &["\x03"]);
    let _ = s.get_process().wait();

    // The same person, typed differently: offered to continue, and continuing asks the gaps.
    let mut s = spawn(dir.path(), &room(" ana  LIMA"));
    step(&mut s, "already holds answers from", &[]);
    step(&mut s, "Use another name", &[ENTER]);
    step(&mut s, "question 2 of", &["\x03"]);
    let _ = s.get_process().wait();
    let files: Vec<String> = std::fs::read_dir(dir.path().join("room"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(files, ["acme-ana-lima.yaml"]);
    let ana = std::fs::read_to_string(dir.path().join("room/acme-ana-lima.yaml")).unwrap();
    assert!(
        ana.contains("name: Ana Lima\n") && ana.contains("channel: social"),
        "{ana}"
    );

    // Someone else: the unit Ana named is offered, and typing it another way keeps her spelling.
    let mut s = spawn(dir.path(), &room("Bo"));
    let units = screen_lines(&upto(&mut s, "save and stop"));
    let offered = ["[ ] Patient Services", "[ ] Sales", "[ ] Service"];
    for (line, want) in units[units.len() - 4..].iter().zip(offered) {
        assert!(line.ends_with(want), "{want} in {units:#?}");
    }
    keys(&mut s, &[ENTER]);
    step(
        &mut s,
        "Other units",
        &["patient  services, Web shop", ENTER],
    );
    step(&mut s, "question 1 of", &["\x03"]);
    let _ = s.get_process().wait();
    let bo = std::fs::read_to_string(dir.path().join("room/acme-bo.yaml")).unwrap();
    assert!(bo.contains("units: [Patient Services, Web shop]"), "{bo}");
}

#[test]
fn questions_and_lists_wrap_between_words_to_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let org = "The Northern Regional Health and Care Partnership";
    let mut s = spawn(
        dir.path(),
        &[
            "--organization",
            org,
            "--respondent",
            "Ana",
            "--role",
            "lead",
            "-o",
            "w.yaml",
        ],
    );
    s.get_process_mut().set_window_size(40, 30).unwrap();
    step(&mut s, "[ ] Service", &[ENTER]);
    step(&mut s, "Other units", &[ENTER]);
    let shown = upto(&mut s, "ctrl-c save and stop");
    keys(&mut s, &["\x03"]);
    let _ = s.get_process().wait();
    let lines = screen_lines(&shown);
    let question: Vec<&String> = lines
        .iter()
        .skip_while(|l| !l.starts_with("Basics"))
        .collect();
    assert!(question.len() > 4, "{lines:#?}");
    for l in &question {
        assert!(
            l.chars().count() <= 40,
            "{l:?} is wider than 40 columns:\n{lines:#?}"
        );
    }
    let words: Vec<&str> = question.iter().flat_map(|l| l.split_whitespace()).collect();
    for w in ["Partnership?", "Regional", "Which"] {
        assert!(words.contains(&w), "{w} cut:\n{lines:#?}");
    }
}
