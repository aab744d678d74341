//! The command line's contract: help, version, exit codes, colour, completions, man page.

use crate::support::*;

#[test]
fn help_shows_examples_for_every_subcommand() {
    for sub in [
        "report",
        "plan",
        "interview",
        "validate",
        "init",
        "questionnaires",
        "completions",
        "man",
    ] {
        Test::new()
            .args(&[sub, "--help"])
            .run()
            .success()
            .stdout_has("Examples:");
    }
    Test::new()
        .arg("--help")
        .run()
        .success()
        .stdout_has("Examples:");
}

#[test]
fn version_prints_the_crate_version() {
    Test::new()
        .arg("--version")
        .run()
        .success()
        .stdout_has(env!("CARGO_PKG_VERSION"));
}

#[test]
fn usage_errors_exit_2() {
    Test::new().arg("no-such-command").run().code(2);
    Test::new().args(&["report"]).run().code(2);
    Test::new()
        .args(&["report", "x.yaml", "-f", "pdfx"])
        .run()
        .code(2);
}

#[test]
fn completions_and_man_page() {
    Test::new()
        .args(&["completions", "bash"])
        .run()
        .success()
        .stdout_has("leapcheck");
    Test::new()
        .args(&["completions", "zsh"])
        .run()
        .success()
        .stdout_has("#compdef leapcheck");
    Test::new()
        .arg("man")
        .run()
        .success()
        .stdout_has(".TH leapcheck");
}

const KITCHEN_SHEET: &str = "format: leapcheck/answers@1\nquestionnaire: kitchen_hygiene@0.3.0\norganization: Chez Test\nanswers:\n  schedule: written\n  deep_clean: 1\n";

#[test]
fn colour_follows_the_flag_and_no_color() {
    let run = |extra: &[&str], no_color: bool| {
        let mut t = Test::new()
            .file("s.yaml", KITCHEN_SHEET)
            .args(&["report", "s.yaml", "-q"])
            .arg(fixture("kitchen-hygiene.yaml"))
            .args(extra);
        if no_color {
            t = t.env("NO_COLOR", "1");
        }
        t.run().success().stdout
    };
    assert!(run(&["--color", "always"], false).contains("\x1b["));
    assert!(!run(&["--color", "never"], false).contains("\x1b["));
    assert!(
        !run(&[], false).contains("\x1b["),
        "no colour when stdout is not a terminal"
    );
    assert!(!run(&["--color", "auto"], true).contains("\x1b["));
}

#[test]
fn a_sheet_can_come_from_stdin() {
    Test::new()
        .stdin(KITCHEN_SHEET)
        .args(&["report", "-", "-f", "json", "-q"])
        .arg(fixture("kitchen-hygiene.yaml"))
        .run()
        .success()
        .stdout_has("\"organization\": \"Chez Test\"");
}

#[test]
fn output_files_take_their_format_from_the_extension_and_never_replace_an_input() {
    let t = Test::new().file("s.yaml", KITCHEN_SHEET);
    let out = t.path("report.json");
    let run = t
        .args(&["report", "s.yaml", "-o", "report.json", "-q"])
        .arg(fixture("kitchen-hygiene.yaml"))
        .run()
        .success();
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("\"schema_version\": 1"), "{text}");
    assert!(run.stdout.is_empty());
    Test::new()
        .file("s.yaml", KITCHEN_SHEET)
        .args(&["report", "s.yaml", "-o", "s.yaml", "-f", "json", "-q"])
        .arg(fixture("kitchen-hygiene.yaml"))
        .run()
        .code(2)
        .stderr_has("is also an input");
}

#[test]
fn fail_below_exits_3_but_still_writes_the_report() {
    let base = || {
        Test::new()
            .file("s.yaml", KITCHEN_SHEET)
            .args(&["report", "s.yaml", "-q"])
            .arg(fixture("kitchen-hygiene.yaml"))
    };
    // cleaning (1 + 0.5)/2 = 75 with the other dimensions unanswered → overall 75 → `clean`.
    base().args(&["--fail-below", "clean"]).run().success();
    let run = base().args(&["--fail-below", "nope"]).run().code(2);
    assert!(
        run.stderr
            .contains("expected one of `closed_down`, `warning`, `clean`"),
        "{}",
        run.stderr
    );
    let low = "format: leapcheck/answers@1\nquestionnaire: kitchen_hygiene@0.3.0\nanswers:\n  schedule: none\n  deep_clean: 0\n";
    Test::new()
        .file("s.yaml", low)
        .args(&["report", "s.yaml", "--fail-below", "warning", "-q"])
        .arg(fixture("kitchen-hygiene.yaml"))
        .run()
        .code(3)
        .stdout_has("Cleaning")
        .stderr_has("below the required level `warning`");
}

#[test]
fn init_sheet_validates_once_filled_in_and_never_overwrites() {
    let run = Test::new()
        .args(&["init", "sheet", "-q"])
        .arg(fixture("kitchen-hygiene.yaml"))
        .run()
        .success();
    assert!(
        run.stdout.contains("# Fridges are checked below 5 °C"),
        "{}",
        run.stdout
    );
    let filled = run
        .stdout
        .replace("organization: \"\"", "organization: \"Filled In\"")
        .replace("fridge_temp: ~", "fridge_temp: 4")
        .replace("labels: ~", "labels: [date]")
        .replace("schedule: ~", "schedule: written")
        .replace("boards_separate: ~", "boards_separate: yes")
        .replace("role: ~", "role: cook");
    let v = Test::new()
        .file("filled.yaml", &filled)
        .args(&["report", "filled.yaml", "-f", "json", "-q"])
        .arg(fixture("kitchen-hygiene.yaml"))
        .run()
        .success()
        .json();
    assert_eq!(v["organization"], "Filled In");
    assert_eq!(v["respondents"][0]["role"], "cook");
    Test::new()
        .file("exists.yaml", "x")
        .args(&["init", "sheet", "exists.yaml"])
        .run()
        .code(2)
        .stderr_has("already exists");
}

#[test]
fn write_errors_are_clear_and_exit_1() {
    let sheet = root().join("examples/bank-planned-not-aligned.yaml");
    Test::new()
        .arg("report")
        .arg(&sheet)
        .args(&["-o", "no/such/dir/report.md"])
        .run()
        .code(1)
        .stderr_has("cannot write `no/such/dir/report.md`")
        .stderr_has("check that the directory exists and is writable");
    // A full disk: stdout on /dev/full.
    if let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") {
        let out = std::process::Command::new(assert_cmd::cargo::cargo_bin!("leapcheck"))
            .arg("report")
            .arg(&sheet)
            .stdout(full)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("cannot write `<stdout>`"), "{stderr}");
    }
}

/// Directory members are found from their directory entries; links are followed to what they
/// name (a linked sheet is read, a linked directory is not a sheet), and an output that is one of
/// the members, even through a link, is refused.
#[cfg(unix)]
#[test]
fn directories_follow_links_to_sheets_and_never_overwrite_a_member() {
    let room = || {
        let t = Test::new()
            .file("elsewhere/real.yaml", KITCHEN_SHEET)
            .file("room/a.yaml", KITCHEN_SHEET);
        let link = |target: &str, name: &str| {
            std::os::unix::fs::symlink(t.path(target), t.path(name)).unwrap()
        };
        link("elsewhere/real.yaml", "room/b.yaml");
        link("elsewhere", "room/c.yaml");
        link("room/a.yaml", "out.yaml");
        t
    };
    let q = fixture("kitchen-hygiene.yaml");
    let report = room()
        .args(&["report", "room", "-f", "json", "-q"])
        .arg(&q)
        .run()
        .success()
        .json();
    assert_eq!(report["workshop"]["respondent_count"], 2);
    room()
        .args(&["report", "room", "-o", "out.yaml", "-f", "json", "-q"])
        .arg(&q)
        .run()
        .code(2)
        .stderr_has("is also an input");
}
