//! Replays the fuzz targets' seed corpora (`fuzz/corpus/<target>/`) and the inputs fuzzing once
//! crashed on (`tests/fixtures/fuzz/<target>/`) through the same code as the targets, so that
//! `cargo test` keeps them fixed without a fuzzer. See `fuzz/README.md`.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use leapcheck::condition;
use leapcheck::import::Csv;
use leapcheck::questionnaire;
use leapcheck::sheet;
use leapcheck::source::Source;

use crate::support::{fixture, root};

#[path = "../fuzz/src/lib.rs"]
mod harness;

const TARGETS: [&str; 4] = ["questionnaire", "sheet", "condition", "import"];

/// The files of a directory, sorted; none when it does not exist.
fn files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

fn seeds(target: &str) -> Vec<PathBuf> {
    files(&root().join("fuzz/corpus").join(target))
}

/// Every input of a target, seeds and crash fixtures alike, with its text (`None` when it is
/// not UTF-8, which the targets skip too).
fn inputs(target: &str) -> Vec<(PathBuf, Option<String>)> {
    let mut all = seeds(target);
    all.extend(files(&fixture("fuzz").join(target)));
    all.into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).expect("read input");
            let text = String::from_utf8(bytes).ok();
            (p, text)
        })
        .collect()
}

/// Runs every input of `target` through `run` and reports all that panic at once.
fn replay(target: &str, run: fn(&str)) {
    let inputs = inputs(target);
    assert!(!inputs.is_empty(), "no inputs for the {target} target");
    let failed: Vec<String> = inputs
        .iter()
        .filter_map(|(path, text)| {
            let text = text.as_deref()?;
            catch_unwind(AssertUnwindSafe(|| run(text)))
                .is_err()
                .then(|| path.display().to_string())
        })
        .collect();
    assert!(failed.is_empty(), "{target} panics on: {failed:#?}");
}

#[test]
fn questionnaire_inputs_do_not_panic() {
    replay("questionnaire", harness::questionnaire);
}

#[test]
fn sheet_inputs_do_not_panic() {
    replay("sheet", harness::sheet);
}

#[test]
fn condition_inputs_do_not_panic() {
    replay("condition", harness::condition);
}

#[test]
fn import_inputs_do_not_panic() {
    replay("import", harness::import);
}

#[test]
fn crash_fixtures_are_filed_under_a_target() {
    for dir in std::fs::read_dir(fixture("fuzz")).into_iter().flatten() {
        let path = dir.expect("directory entry").path();
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        assert!(
            path.is_dir() && TARGETS.contains(&name.as_ref()),
            "{}: crash inputs go in tests/fixtures/fuzz/<target>/, one of {TARGETS:?}",
            path.display()
        );
    }
}

/// The seeds are valid inputs, so that fuzzing starts from the deep code paths and not only
/// from the loaders' error messages. When the formats change, refresh the seeds.
#[test]
fn seeds_are_valid_inputs() {
    let text = |p: &Path| std::fs::read_to_string(p).expect("seeds are UTF-8");
    for p in seeds("questionnaire") {
        let (q, d) = questionnaire::load(&Source::new(p.display().to_string(), text(&p)));
        assert!(q.is_some(), "{}: {d:?}", p.display());
    }
    let q = harness::builtin();
    for p in seeds("sheet") {
        let (s, d) = sheet::load(&Source::new(p.display().to_string(), text(&p)), q);
        assert!(s.is_some(), "{}: {d:?}", p.display());
    }
    for p in seeds("condition") {
        let node = condition::parse(&text(&p)).unwrap_or_else(|e| panic!("{}: {e:?}", p.display()));
        let checks = harness::SCOPES.map(|scope| condition::check(&node, q, scope));
        assert!(
            checks.iter().any(Result::is_ok),
            "{}: checks in no scope: {checks:?}",
            p.display()
        );
    }
    let mapping = Source::new("survey-mapping.yaml", harness::MAPPING);
    for p in seeds("import") {
        let csv = text(&p);
        let name = p.display().to_string();
        let imported = leapcheck::import::import(
            harness::mapping_questionnaire(),
            &mapping,
            &Csv {
                name: &name,
                text: &csv,
            },
        );
        assert!(imported.is_ok(), "{name}: {:?}", imported.err());
    }
}
