//! Runs every file in `tests/broken/`: each is a questionnaire or answer sheet with a known
//! mistake, and a header saying what `leapcheck validate` must print about it.
//!
//! The header is the file's leading comment lines:
//!
//! ```yaml
//! # expect: did you mean `fridge_temp`?          (one or more; substrings of stderr)
//! # line: 9                                      (the line the first error points at)
//! # errors: 3                                    (optional; at least this many errors)
//! # args: -q tests/fixtures/kitchen-hygiene.yaml (optional; paths relative to the repo root)
//! ```
//!
//! Every failing file is collected and reported together, so one run shows the whole picture.

use std::path::{Path, PathBuf};

use crate::support::*;

/// The corpus must not shrink by accident.
const MIN_FILES: usize = 25;

/// What a broken file's header asks of the run.
struct Case {
    path: PathBuf,
    name: String,
    expect: Vec<String>,
    line: Option<usize>,
    errors: Option<usize>,
    args: Vec<String>,
    is_sheet: bool,
}

/// Every `*.yaml` / `*.yml` file in `tests/broken/`, sorted by name.
fn corpus() -> Vec<PathBuf> {
    let dir = root().join("tests/broken");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|p| {
            p.is_file() && matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"))
        })
        .collect();
    files.sort();
    files
}

/// An argument from `# args:`, with repository paths made absolute (the run's current directory
/// is a temporary one).
fn resolve_arg(arg: &str) -> String {
    if arg.starts_with("tests/")
        || arg.starts_with("questionnaires/")
        || arg.starts_with("examples/")
    {
        root().join(arg).display().to_string()
    } else {
        arg.to_string()
    }
}

/// Reads a file's header; `Err` says what is wrong with the header itself.
fn parse(path: &Path) -> Result<Case, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read: {e}"))?;
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or("file name is not UTF-8")?
        .to_string();
    let mut case = Case {
        path: path.to_path_buf(),
        name,
        expect: Vec::new(),
        line: None,
        errors: None,
        args: Vec::new(),
        is_sheet: text
            .lines()
            .any(|l| l.trim_start().starts_with("format: leapcheck/answers")),
    };
    for line in text.lines().take_while(|l| l.starts_with('#')) {
        let line = line.trim_start_matches('#').trim();
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        match key.trim() {
            "expect" if !value.is_empty() => case.expect.push(value.to_string()),
            "line" => {
                case.line = Some(
                    value
                        .parse()
                        .map_err(|_| format!("`# line: {value}` is not a line number"))?,
                )
            }
            "errors" => {
                case.errors = Some(
                    value
                        .parse()
                        .map_err(|_| format!("`# errors: {value}` is not a number"))?,
                )
            }
            "args" => case.args = value.split_whitespace().map(resolve_arg).collect(),
            _ => {}
        }
    }
    if case.expect.is_empty() {
        return Err("header has no `# expect:` line".into());
    }
    if case.line.is_none() {
        return Err("header has no `# line:` line".into());
    }
    Ok(case)
}

/// Runs `leapcheck COMMAND [args] FILE`.
fn run(command: &str, case: &Case) -> Run {
    let mut args = vec![command.to_string()];
    args.extend(case.args.iter().cloned());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    Test::new().args(&args).arg(&case.path).run()
}

/// Everything wrong with one validate run, or nothing.
fn check_validate(case: &Case, run: &Run) -> Vec<String> {
    let mut problems = Vec::new();
    if run.code != 1 {
        problems.push(format!("exit code {}, expected 1", run.code));
    }
    if run.stderr.contains("panicked") {
        problems.push("panicked".into());
    }
    let error_lines: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains(": error: "))
        .collect();
    if let Some(line) = case.line {
        let want = format!("{}:{line}:", case.name);
        match error_lines.first() {
            Some(first) if first.contains(&want) => {}
            Some(first) => problems.push(format!("first error is not at `{want}`: {first}")),
            None => problems.push(format!("no error line at all (wanted `{want}`)")),
        }
    }
    for needle in &case.expect {
        if !run.stderr.contains(needle.as_str()) {
            problems.push(format!("stderr lacks {needle:?}"));
        }
    }
    if let Some(n) = case.errors
        && error_lines.len() < n
    {
        problems.push(format!(
            "{} error(s) reported, expected at least {n}",
            error_lines.len()
        ));
    }
    problems
}

fn failure(name: &str, problems: &[String], run: Option<&Run>) -> String {
    let mut out = format!("{name}:\n");
    for p in problems {
        out.push_str(&format!("    - {p}\n"));
    }
    if let Some(run) = run {
        for l in run.stderr.lines() {
            out.push_str(&format!("    | {l}\n"));
        }
    }
    out
}

#[test]
fn every_broken_file_fails_validation_as_its_header_says() {
    let files = corpus();
    assert!(
        files.len() >= MIN_FILES,
        "tests/broken/ holds {} files, expected at least {MIN_FILES}",
        files.len()
    );
    let mut failures = Vec::new();
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let case = match parse(path) {
            Ok(case) => case,
            Err(e) => {
                failures.push(failure(&name, &[e], None));
                continue;
            }
        };
        let run = run("validate", &case);
        let problems = check_validate(&case, &run);
        if !problems.is_empty() {
            failures.push(failure(&case.name, &problems, Some(&run)));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} broken files did not fail as expected:\n\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}

#[test]
fn report_refuses_every_broken_sheet() {
    let mut sheets = 0;
    let mut failures = Vec::new();
    for path in corpus() {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let case = match parse(&path) {
            Ok(case) => case,
            Err(e) => {
                failures.push(failure(&name, &[e], None));
                continue;
            }
        };
        if !case.is_sheet {
            continue;
        }
        sheets += 1;
        let run = run("report", &case);
        let mut problems = Vec::new();
        if run.code != 1 {
            problems.push(format!("exit code {}, expected 1", run.code));
        }
        if run.stderr.contains("panicked") {
            problems.push("panicked".into());
        }
        if !run.stdout.is_empty() {
            problems.push("wrote a report for invalid input".into());
        }
        if !problems.is_empty() {
            failures.push(failure(&case.name, &problems, Some(&run)));
        }
    }
    assert!(sheets > 0, "tests/broken/ holds no answer sheets");
    assert!(
        failures.is_empty(),
        "`leapcheck report` did not refuse {} broken sheet(s):\n\n{}",
        failures.len(),
        failures.join("\n")
    );
}
