//! README.md opens with the two commands a newcomer needs; they must keep working as written.

use crate::support::*;

fn opening_commands() -> Vec<String> {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    let block = readme
        .split("```sh\n")
        .nth(1)
        .expect("a ```sh block")
        .split("```")
        .next()
        .unwrap();
    block.lines().map(str::to_string).collect()
}

#[test]
fn readme_opens_with_the_main_job_and_the_tests() {
    let commands = opening_commands();
    assert_eq!(commands.len(), 2, "{commands:?}");
    assert_eq!(commands[1], "cargo test");
    // The test command is the one CI runs.
    let ci = std::fs::read_to_string(root().join(".ci/run")).expect(".ci/run");
    assert!(
        ci.lines().any(|l| l.trim() == commands[1]),
        ".ci/run does not run `{}`",
        commands[1]
    );
}

#[test]
fn readme_main_command_runs_literally_through_cargo() {
    // Exactly as a newcomer types it, from the repository root.
    let commands = opening_commands();
    let words: Vec<&str> = commands[0].split_whitespace().collect();
    assert_eq!(words[0], "cargo");
    let out = std::process::Command::new(env!("CARGO"))
        .args(&words[1..])
        .current_dir(root())
        .output()
        .expect("cargo runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}\n{}",
        stdout,
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("Level:") && stdout.contains("Executive sponsorship"),
        "{stdout}"
    );
}

#[test]
fn readme_shows_how_to_get_html_markdown_and_pdf_with_a_picture() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    for needle in [
        "-o report.html",
        "-o report.md",
        "-o report.pdf",
        "--browser PATH",
        "--print-to-pdf",
        "Save as PDF",
        "prefers-color-scheme",
    ] {
        assert!(readme.contains(needle), "README lacks {needle:?}");
    }
    let picture = "docs/report.png";
    assert!(readme.contains(&format!("]({picture})")));
    assert!(root().join(picture).is_file(), "{picture} is missing");
}

#[test]
fn readme_shows_an_interview_session() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    for needle in [
        "$ leapcheck interview",
        "question 1 of",
        "Your answer:",
        "--resume FILE",
    ] {
        assert!(readme.contains(needle), "README lacks {needle:?}");
    }
}
