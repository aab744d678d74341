//! The command line's contract: help, version, exit codes, colour, completions, man page.

use crate::support::*;

#[test]
fn help_shows_examples_for_every_subcommand() {
    for sub in [
        "report",
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
