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
fn readme_main_command_runs_as_written() {
    let commands = opening_commands();
    let args = commands[0]
        .strip_prefix("cargo run -q -- ")
        .expect("`cargo run -q -- …`");
    let mut test = Test::new();
    for a in args.split_whitespace() {
        // Paths in README are relative to the repository root.
        let p = root().join(a);
        test = if p.exists() {
            test.arg(p)
        } else {
            test.args(&[a])
        };
    }
    test.run()
        .success()
        .stdout_has("Level:")
        .stdout_has("Executive sponsorship");
}
