//! Hostile and oversized input: refused quickly, with a clear message and little memory.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::support::*;

/// Runs leapcheck under GNU time: (exit code, stderr without time's line, seconds, peak KiB).
fn measured(dir: &Path, args: &[&str]) -> (i32, String, f64, u64) {
    let started = Instant::now();
    let out = Command::new("/usr/bin/time")
        .args(["-f", "peak-kib=%M"])
        .arg(assert_cmd::cargo::cargo_bin!("leapcheck"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("/usr/bin/time runs (Debian package `time`, installed by .ci/run)");
    let seconds = started.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let peak = stderr
        .lines()
        .find_map(|l| l.strip_prefix("peak-kib="))
        .and_then(|k| k.trim().parse().ok())
        .expect("time reports the peak");
    let stderr = stderr
        .lines()
        .filter(|l| !l.starts_with("peak-kib=") && !l.starts_with("Command exited"))
        .collect::<Vec<_>>()
        .join("\n");
    (out.status.code().unwrap_or(-1), stderr, seconds, peak)
}

/// Bounds that a debug build keeps on a slow, loaded two-core machine, while expanding the aliases
/// (gigabytes), reading a 50 MiB file whole, or work quadratic in a 5 MiB name would break them.
///
/// Measured on a two-core machine, debug build, per run of `report` or `validate`: the aliases,
/// the nesting and the oversized file take 0.01–0.08 s idle and up to 0.56 s under load (three
/// busy processes besides the tests); the 5 MiB name takes 1.0–1.5 s idle and 2.4–6.2 s under
/// load (it failed the earlier bound of 5 s). The peak is 11–46 MiB, whatever the load.
const QUICK: f64 = 30.0;
const SMALL_KIB: u64 = 256 * 1024;

/// Checks that both commands refuse the file with the message; returns the higher peak in KiB.
#[track_caller]
fn refused(file: &str, text: &str, needle: &str) -> u64 {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(file), text).unwrap();
    let mut highest = 0;
    for command in ["report", "validate"] {
        let (code, stderr, seconds, peak) = measured(dir.path(), &[command, file]);
        assert_eq!(code, 1, "{command} {file}: {stderr}");
        assert!(stderr.contains(needle), "{command} {file}: {stderr}");
        assert!(stderr.contains(file), "names the file: {stderr}");
        assert!(seconds < QUICK, "{command} {file} took {seconds:.2} s");
        assert!(peak < SMALL_KIB, "{command} {file} peaked at {peak} KiB");
        highest = highest.max(peak);
    }
    highest
}

#[test]
fn a_billion_laughs_is_refused() {
    let mut text = String::from(
        "format: leapcheck/answers@1\nquestionnaire: social_media_readiness@1.0.0\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"];
    for w in names.windows(2) {
        let refs = vec![format!("*{}", w[0]); 9].join(",");
        text.push_str(&format!("{}: &{} [{refs}]\n", w[1], w[1]));
    }
    refused("laughs.yaml", &text, "aliases");
}

#[test]
fn a_file_over_the_size_limit_is_refused_unread() {
    let mut text = String::from("format: leapcheck/answers@1\n# ");
    text.push_str(&"x".repeat(50 * 1024 * 1024));
    let peak = refused(
        "big.yaml",
        &text,
        "the file is 50 MiB, over the input limit of 10 MiB",
    );
    // Unread: the whole run takes less memory than the file (measured: 11 MiB).
    assert!(
        peak < 50 * 1024,
        "peaked at {peak} KiB, as if the file were read"
    );
    // The limit can be raised, and lowered.
    let t = Test::new().file(
        "s.yaml",
        "format: leapcheck/answers@1\nquestionnaire: social_media_readiness@1.0.0\nanswers: {}\n",
    );
    t.args(&["--max-input-size", "10B", "report", "s.yaml"])
        .run()
        .code(1)
        .stderr_has("over the input limit of 10 B");
    Test::new()
        .args(&["--max-input-size", "lots", "report", "x.yaml"])
        .run()
        .code(2)
        .stderr_has("is not a size");
}

#[test]
fn ten_thousand_levels_of_nesting_are_refused() {
    let flow = format!(
        "format: leapcheck/answers@1\nanswers: {}{}\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    refused(
        "flow.yaml",
        &flow,
        "nests lists or mappings more than 128 levels deep",
    );
    let maps = format!(
        "format: leapcheck/answers@1\nanswers: {}1{}\n",
        "{a: ".repeat(10_000),
        "}".repeat(10_000)
    );
    refused("maps.yaml", &maps, "more than 128 levels deep");
}

#[test]
fn a_name_of_megabytes_is_refused() {
    let text = format!(
        "format: leapcheck/answers@1\nquestionnaire: social_media_readiness@1.0.0\norganization: \"{}\"\nanswers: {{}}\n",
        "y".repeat(5 * 1024 * 1024)
    );
    refused("long.yaml", &text, "characters long, over the limit of 200");
}

#[test]
fn a_questionnaire_with_thousands_of_questions_still_works() {
    let n = 3000;
    let mut q = String::from(
        "format: leapcheck/questionnaire@1\nid: huge\nversion: 1.0.0\ntitle: Huge\nlevels:\n  - { id: low, name: Low, min_score: 0 }\n  - { id: high, name: High, min_score: 50 }\ndimensions:\n",
    );
    let mut answers = String::new();
    for d in 0..30 {
        q.push_str(&format!("  - id: d{d}\n    name: D{d}\n    questions:\n"));
        for k in 0..n / 30 {
            let id = format!("q{d}_{k}");
            let show = if k > 0 {
                format!(", show_if: 'q{d}_{} == true'", k - 1)
            } else {
                String::new()
            };
            q.push_str(&format!(
                "      - {{ id: {id}, text: Question {id}, type: yes_no{show} }}\n"
            ));
            answers.push_str(&format!(
                "  {id}: {}\n",
                if k % 50 == 49 { "false" } else { "true" }
            ));
        }
    }
    let sheet =
        format!("format: leapcheck/answers@1\nquestionnaire: huge@1.0.0\nanswers:\n{answers}");
    let t = Test::new().file("q.yaml", &q).file("s.yaml", &sheet);
    let started = Instant::now();
    let run = t
        .args(&["report", "s.yaml", "-q", "q.yaml", "-f", "json"])
        .run()
        .code(0);
    // A guard against work quadratic (or worse) in the number of questions and conditions, not
    // a benchmark. Measured on a two-core machine, debug build: 0.27–0.29 s idle, 0.4–1.2 s under
    // load (three busy processes besides the tests).
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
    let v = run.json();
    // Each dimension: 49 yes, then a `no` that hides the other 50: 49/50 answered visible = 98.
    assert_eq!(v["dimensions"][0]["score"], 98.0);
    assert_eq!(v["dimensions"].as_array().unwrap().len(), 30);
}

#[cfg(unix)]
#[test]
fn a_template_directory_cannot_reach_outside_itself() {
    let t = Test::new()
        .file("secret.txt", "top secret")
        .file("tpl/report.md", "{% include \"_leak.md\" %}");
    let dir = t.path("tpl");
    std::os::unix::fs::symlink(t.path("secret.txt"), dir.join("_leak.md")).unwrap();
    let run = t
        .args(&["report"])
        .arg(root().join("examples/bank-planned-not-aligned.yaml"))
        .args(&["-f", "markdown", "--templates"])
        .arg(&dir)
        .run()
        .code(1)
        .stderr_has("links outside the template directory");
    assert!(!run.stdout.contains("top secret") && !run.stderr.contains("top secret"));
}

/// A template run from `dir` with `args`, stopped if it has not ended within a minute.
fn templated(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    assert_cmd::Command::new(assert_cmd::cargo::cargo_bin!("leapcheck"))
        .current_dir(dir)
        .arg("report")
        .arg(root().join("examples/bank-planned-not-aligned.yaml"))
        .args(args)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .expect("run leapcheck")
}

#[test]
fn templates_are_bounded_loops_devices_fifos_and_runaway_output() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // A directory that links back to itself is listed once.
    std::fs::create_dir(d.join("tpl")).unwrap();
    std::fs::write(d.join("tpl/report.md"), "{{ organization }}\n").unwrap();
    symlink(".", d.join("tpl/again")).unwrap();
    let out = templated(d, &["--templates", "tpl", "-f", "markdown"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A FIFO (and a device, where root may make one) is refused at once, not read.
    std::process::Command::new("mkfifo")
        .arg(d.join("fifo.md"))
        .status()
        .unwrap();
    let out = templated(d, &["--template", "fifo.md"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("must be a file"));
    let zero = std::process::Command::new("mknod")
        .arg(d.join("zero.md"))
        .args(["c", "1", "5"])
        .status();
    if zero.is_ok_and(|s| s.success()) {
        let out = templated(d, &["--template", "zero.md"]);
        assert_eq!(out.status.code(), Some(1));
    }
    // A loop that would write gigabytes stops at the output limit, naming the template.
    let runaway = "{% for i in range(end=100000) %}{% for j in range(end=100000) %}0123456789{% endfor %}{% endfor %}";
    std::fs::write(d.join("runaway.md"), runaway).unwrap();
    let out = templated(d, &["--template", "runaway.md"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("runaway.md") && stderr.contains("over 64 MiB"),
        "{stderr}"
    );
    // A component that calls itself stops at Tera's depth limit, naming the template.
    let recursive = "{% component f() %}x{{ <f/> }}{{ <f/> }}{% endcomponent %}{{ <f/> }}";
    std::fs::write(d.join("self.md"), recursive).unwrap();
    let out = templated(d, &["--template", "self.md"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.starts_with("self.md: error:") && stderr.contains("recursion"),
        "{stderr}"
    );
}

#[test]
fn control_characters_never_reach_the_terminal_raw() {
    let sheet = "format: leapcheck/answers@1\nquestionnaire: kitchen_hygiene@0.3.0\norganization: \"Evil\\e]0;PWNED\\a\\e[2J\"\nanswers:\n  schedule: written\n";
    for command in ["validate", "report"] {
        let run = Test::new()
            .file("s.yaml", sheet)
            .args(&[command, "s.yaml", "-q"])
            .arg(fixture("kitchen-hygiene.yaml"))
            .run()
            .code(1);
        assert!(
            !run.stderr.contains('\u{1b}') && !run.stderr.contains('\u{7}'),
            "{:?}",
            run.stderr
        );
        let shown = "holds a control character (`Evil\\u{1b}]0;PWNED\\u{7}\\u{1b}[2J`)";
        assert!(run.stderr.contains(shown), "{}", run.stderr);
    }
    // A text answer is read by the one answer reader, which refuses them too.
    let text = "format: leapcheck/answers@1\nquestionnaire: kitchen_hygiene@0.3.0\nanswers:\n  notes: \"a\\u0000b\"\n";
    let run = validate_kitchen(text).code(1);
    assert!(
        run.stderr
            .contains("`notes` holds a control character (`a\\u{0}b`)"),
        "{}",
        run.stderr
    );
}

/// A plan of thousands of actions, each to follow the one before, is ordered in linear time (it
/// was cubic: 164 s for 8,000).
#[test]
fn four_thousand_chained_actions_are_planned_quickly() {
    let n = 4000;
    let mut q = String::from(
        "format: leapcheck/questionnaire@1\nid: chain\nversion: 1.0.0\ntitle: Chain\nlevels:\n  - { id: low, name: Low, min_score: 0 }\ndimensions:\n  - id: d\n    name: D\n    questions:\n      - { id: q, text: Q, type: yes_no }\nactions:\n",
    );
    // Listed last first, so that every action must be pulled in front of the ones listed before it.
    for k in (0..n).rev() {
        let after = if k > 0 {
            format!("[a{}]", k - 1)
        } else {
            "[]".into()
        };
        let phase = ["embed", "leap", "prepare"][k % 3];
        q.push_str(&format!(
            "  - {{ id: a{k}, title: A{k}, dimension: d, impact: {}, effort: 1, phase: {phase}, after: {after}, owner: O, steps: [s], measure: m, why: w }}\n",
            1 + k % 3
        ));
    }
    let sheet = "format: leapcheck/answers@1\nquestionnaire: chain@1.0.0\nanswers:\n  q: false\n";
    let started = Instant::now();
    let run = Test::new()
        .file("q.yaml", &q)
        .file("s.yaml", sheet)
        .args(&["plan", "s.yaml", "-q", "q.yaml", "-f", "json"])
        .run()
        .success();
    // About 0.3 s here (debug build); the cubic ordering took minutes for this many.
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "{:?}",
        started.elapsed()
    );
    let plan = run.json();
    let ids: Vec<&str> = plan["phases"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|phase| phase["actions"].as_array().unwrap())
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), n);
    let expected: Vec<String> = (0..n).map(|k| format!("a{k}")).collect();
    assert_eq!(ids, expected, "each action after the one it follows");
}

/// Ten thousand unknown names, each close to one of ten thousand ids, are all reported, in time
/// linear in their number: past a budget per file, a message says what is unknown without
/// searching every id for the nearest (that search made 20,000 of them take minutes).
#[test]
fn ten_thousand_unknown_references_are_reported_quickly() {
    let n = 10_000;
    let mut q = String::from(
        "format: leapcheck/questionnaire@1\nid: many\nversion: 1.0.0\ntitle: Many\nlevels:\n  - { id: low, name: Low, min_score: 0 }\ndimensions:\n  - id: d\n    name: D\n    questions:\n",
    );
    let mut answers = String::new();
    for k in 0..n {
        q.push_str(&format!(
            "      - {{ id: question_{k}, text: Q, type: yes_no }}\n"
        ));
        answers.push_str(&format!("  qeustion_{k}: yes\n"));
    }
    let sheet =
        format!("format: leapcheck/answers@1\nquestionnaire: many@1.0.0\nanswers:\n{answers}");
    let started = Instant::now();
    let run = Test::new()
        .file("q.yaml", &q)
        .file("s.yaml", &sheet)
        .args(&["validate", "q.yaml", "s.yaml"])
        .run()
        .code(1);
    let elapsed = started.elapsed();
    assert_eq!(
        run.stderr
            .matches("is not a question of many@1.0.0")
            .count(),
        n
    );
    // The first ones still get their suggestion.
    assert!(
        run.stderr
            .contains("`qeustion_0` is not a question of many@1.0.0; did you mean `question_0`?")
    );
    // About 2.5 s here (debug build); searching every id for each took 55 s.
    assert!(elapsed < Duration::from_secs(20), "{elapsed:?}");
}

/// The same for unknown questions named in conditions.
#[test]
fn ten_thousand_unknown_questions_in_conditions_are_reported_quickly() {
    let n = 10_000;
    let mut q = String::from(
        "format: leapcheck/questionnaire@1\nid: many\nversion: 1.0.0\ntitle: Many\nlevels:\n  - { id: low, name: Low, min_score: 0 }\ndimensions:\n  - id: d\n    name: D\n    questions:\n",
    );
    for k in 0..n {
        q.push_str(&format!(
            "      - {{ id: question_{k}, text: Q, type: yes_no }}\n"
        ));
    }
    q.push_str("patterns:\n");
    for k in 0..n {
        q.push_str(&format!(
            "  - {{ id: p{k}, name: P, when: 'qeustion_{k} == true', description: D }}\n"
        ));
    }
    let started = Instant::now();
    let run = Test::new()
        .file("q.yaml", &q)
        .args(&["validate", "q.yaml"])
        .run()
        .code(1);
    let elapsed = started.elapsed();
    assert_eq!(
        run.stderr
            .matches("is not a question of this questionnaire")
            .count(),
        n
    );
    assert!(
        run.stderr.contains(
            "`qeustion_0` is not a question of this questionnaire; did you mean `question_0`?"
        ),
        "{}",
        &run.stderr[..400]
    );
    // About 2.5 s here (debug build); searching every id for each took about a minute.
    assert!(elapsed < Duration::from_secs(20), "{elapsed:?}");
}

/// A sheet of a million units is refused at once, saying how to raise the limit, instead of
/// taking minutes and gigabytes to report on every unit.
#[test]
fn a_sheet_of_too_many_units_is_refused_quickly() {
    let sheet = kitchen_sheet_with_units;
    let started = Instant::now();
    let run = Test::new()
        .file("s.yaml", &sheet(500_000))
        .args(&["report", "s.yaml", "-f", "json", "-q"])
        .arg(fixture("kitchen-hygiene.yaml"))
        .run()
        .code(1);
    assert!(
        run.stderr
            .contains("the sheet lists 500000 units, over the limit of 100")
            && run.stderr.contains("--max-units"),
        "{}",
        run.stderr
    );
    // About 0.5 s here (reading 5 MiB); the million-unit sheet once took 30 s and 5.9 GB.
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
    validate_kitchen(&sheet(101)).code(1);
    Test::new()
        .file("s.yaml", &sheet(101))
        .args(&["validate", "s.yaml", "--max-units", "200", "-q"])
        .arg(fixture("kitchen-hygiene.yaml"))
        .run()
        .success();
}

/// Two problems Tera and the YAML parser report without a place get one.
#[test]
fn an_include_loop_and_a_second_document_are_placed() {
    let run = Test::new()
        .file("t/report.md", "# Report\n{% include \"b.md\" %}\n")
        .file("t/b.md", "{% include \"report.md\" %}\n")
        .arg("report")
        .arg(root().join("examples/bank-planned-not-aligned.yaml"))
        .args(&["--templates", "t", "-f", "markdown"])
        .run()
        .code(1);
    assert!(
        run.stderr.contains("t/report.md:2:1: error: templates include each other in a loop: b.md → report.md → b.md"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("Include chain"), "{}", run.stderr);
    let sheet =
        "format: leapcheck/answers@1\nquestionnaire: kitchen_hygiene@0.3.0\n---\nanswers: {}\n";
    let run = validate_kitchen(sheet).code(1);
    assert!(
        run.stderr
            .contains("s.yaml:3:1: error: a second YAML document starts here"),
        "{}",
        run.stderr
    );
}

/// `leapcheck validate` of one sheet against the kitchen fixture.
fn validate_kitchen(sheet: &str) -> Run {
    Test::new()
        .file("s.yaml", sheet)
        .args(&["validate", "s.yaml", "-q"])
        .arg(fixture("kitchen-hygiene.yaml"))
        .run()
}

/// The report of a sheet grows with the answers given, not with the units named: a unit nobody
/// answered for is listed once, with its score, not once per per-unit question.
#[test]
fn the_view_grows_with_answers_not_with_units_named() {
    let report = |n: usize| {
        Test::new()
            .file("s.yaml", &kitchen_sheet_with_units(n))
            .args(&[
                "report",
                "s.yaml",
                "-f",
                "json",
                "--max-units",
                "1000",
                "-q",
            ])
            .arg(fixture("kitchen-hygiene.yaml"))
            .run()
            .success()
    };
    let (ten, thousand) = (report(10), report(1000));
    let (small, large) = (ten.stdout.len(), thousand.stdout.len());
    // Each unit adds its name and score (about 150 bytes), no row per question.
    assert!(large - small < 990 * 400, "{small} → {large} bytes");
    let per_unit_questions = thousand.json()["dimensions"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["questions"].as_array().unwrap())
        .filter(|q| !q["unit"].is_null())
        .count();
    assert_eq!(per_unit_questions, 0);
}

/// A kitchen sheet that lists `n` units and answers one question.
fn kitchen_sheet_with_units(n: usize) -> String {
    let units: Vec<String> = (0..n).map(|k| format!("U{k}")).collect();
    format!(
        "format: leapcheck/answers@1\nquestionnaire: kitchen_hygiene@0.3.0\nunits: [{}]\nanswers:\n  schedule: written\n",
        units.join(", ")
    )
}

/// Bytes that are not UTF-8 are placed at their line and column, not at a byte offset.
#[test]
fn bytes_that_are_not_utf8_are_placed_at_their_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes =
        b"format: leapcheck/answers@1\nquestionnaire: kitchen_hygiene@0.3.0\norganization: Caf"
            .to_vec();
    bytes.extend([0xe9, b'\n']);
    std::fs::write(dir.path().join("s.yaml"), bytes).unwrap();
    let out = Command::new(assert_cmd::cargo::cargo_bin!("leapcheck"))
        .current_dir(dir.path())
        .args(["validate", "s.yaml"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("s.yaml:3:18: error: the file is not UTF-8 text"),
        "{stderr}"
    );
    assert!(!stderr.contains("offset"), "{stderr}");
}
