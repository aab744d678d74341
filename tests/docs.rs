//! docs/templates.md documents every field of the template context.
//!
//! The context of a template is the document's JSON view, so the fields are read from
//! `leapcheck report|plan SHEET -f json` on every example sheet, written as paths in the docs'
//! notation (`dimensions[].questions[].status`), and looked up among the code spans of the
//! reference section of docs/templates.md.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::OnceLock;

use serde_json::Value;

use crate::support::{Test, root};

/// The heading the field reference starts at.
const REFERENCE: &str = "## Context reference";

/// The two documents, as the subcommands that write them.
const DOCUMENTS: [&str; 2] = ["report", "plan"];

/// Field path → whether some example gives it a value (not null, not an empty array).
type Fields = BTreeMap<String, bool>;

/// Every example sheet and workshop: together they fill the optional fields and arrays.
fn example_sheets() -> Vec<PathBuf> {
    let mut sheets = crate::support::example_sheets();
    assert!(sheets.len() >= 3, "expected the example sheets: {sheets:?}");
    sheets.extend(crate::support::example_workshops());
    // The second edition offers n/a nowhere; a first-edition sheet still fills that list.
    sheets.push(crate::support::fixture("first-edition-bank.yaml"));
    sheets
}

/// Records the fields of `value`, found at `path`, and of everything inside it.
fn walk(value: &Value, path: &str, fields: &mut Fields) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                let p = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                let filled = !(v.is_null() || v.as_array().is_some_and(Vec::is_empty));
                *fields.entry(p.clone()).or_insert(false) |= filled;
                walk(v, &p, fields);
            }
        }
        Value::Array(items) => {
            for item in items {
                walk(item, &format!("{path}[]"), fields);
            }
        }
        _ => {}
    }
}

/// The trajectory fixture with `--target`: its actions declare `raises`, so the trajectory and
/// the shortest way are filled, reached (sheet `one`) and not (sheets `two` and `three`).
fn target_runs(document: &str) -> Vec<Value> {
    let dir = crate::support::fixture("trajectory");
    let q = dir.join("questionnaire.yaml");
    ["one.yaml", "two.yaml", "three.yaml"]
        .iter()
        .map(|sheet| {
            Test::new()
                .args(&[document])
                .arg(dir.join(sheet))
                .args(&["-q"])
                .arg(&q)
                .args(&["--target", "high", "-f", "json"])
                .run()
                .success()
                .json()
        })
        .collect()
}

/// `document` of the bank example against the example peers, and against the same peers as if
/// of another version (which fills the benchmark's notes), as JSON.
fn with_peers(document: &str) -> Vec<Value> {
    let peers = std::fs::read_to_string(root().join("examples/peers/peers.json")).unwrap();
    let older = peers.replacen("\"version\": \"", "\"version\": \"0.", 1);
    [peers, older]
        .iter()
        .map(|text| {
            Test::new()
                .file("peers.json", text)
                .args(&[document])
                .arg(root().join("examples/bank-planned-not-aligned.yaml"))
                .args(&["--benchmark", "peers.json", "-f", "json"])
                .run()
                .success()
                .json()
        })
        .collect()
}

/// Each document with its fields over all example sheets (the binary runs once per pair).
fn context() -> &'static [(&'static str, Fields)] {
    static CONTEXT: OnceLock<Vec<(&'static str, Fields)>> = OnceLock::new();
    CONTEXT.get_or_init(|| {
        let sheets = example_sheets();
        DOCUMENTS
            .iter()
            .map(|&document| {
                let mut fields = Fields::new();
                for sheet in &sheets {
                    let json = Test::new()
                        .args(&[document])
                        .arg(sheet)
                        .args(&["-f", "json"])
                        .run()
                        .success()
                        .json();
                    assert_eq!(json["document"], document, "{}", sheet.display());
                    walk(&json, "", &mut fields);
                }
                for json in target_runs(document)
                    .into_iter()
                    .chain(with_peers(document))
                {
                    walk(&json, "", &mut fields);
                }
                (document, fields)
            })
            .collect()
    })
}

/// The code spans of the reference section of docs/templates.md (fenced blocks skipped).
fn documented() -> BTreeSet<String> {
    let text =
        std::fs::read_to_string(root().join("docs/templates.md")).expect("docs/templates.md");
    let start = text
        .find(REFERENCE)
        .unwrap_or_else(|| panic!("docs/templates.md has no `{REFERENCE}` heading"));
    let mut spans = BTreeSet::new();
    let mut fenced = false;
    for line in text[start..].lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if !fenced {
            spans.extend(line.split('`').skip(1).step_by(2).map(str::to_string));
        }
    }
    spans
}

/// A code span that reads as a field path: `a`, `a.b`, `a[].b`, `a[]`.
fn path_like(span: &str) -> bool {
    !span.is_empty()
        && span.split('.').all(|segment| {
            let name = segment.strip_suffix("[]").unwrap_or(segment);
            name.starts_with(|c: char| c.is_ascii_lowercase())
                && name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        })
}

#[test]
fn every_field_of_both_contexts_is_documented() {
    let documented = documented();
    // Path → the documents that have it; a path both share needs documenting once.
    let mut missing: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (document, fields) in context() {
        for path in fields.keys() {
            if !documented.contains(path) {
                missing.entry(path).or_default().push(document);
            }
        }
    }
    let list: Vec<String> = missing
        .iter()
        .map(|(path, documents)| format!("`{path}` ({})", documents.join(", ")))
        .collect();
    assert!(
        list.is_empty(),
        "docs/templates.md does not document {} template field(s); add each under `{REFERENCE}`, \
         in backticks with its full path, its type and its meaning:\n  {}",
        list.len(),
        list.join("\n  ")
    );
}

#[test]
fn every_documented_field_exists() {
    let (mut known, mut roots) = (BTreeSet::new(), BTreeSet::new());
    let (compare, model) = (compare_fields(), model_fields());
    for fields in context().iter().map(|(_, f)| f).chain([&compare, &model]) {
        for path in fields.keys() {
            known.insert(path.as_str());
            roots.insert(path.split(['.', '[']).next().unwrap_or(path));
        }
    }
    // A span is taken for a field when it starts with a top-level field; `x[]` means x's elements.
    let stale: Vec<String> = documented()
        .into_iter()
        .filter(|span| path_like(span))
        .filter(|span| roots.contains(span.split(['.', '[']).next().unwrap_or(span)))
        .filter(|span| !known.contains(span.strip_suffix("[]").unwrap_or(span)))
        .collect();
    assert!(
        stale.is_empty(),
        "docs/templates.md documents field(s) that none of `leapcheck report`, `plan`, \
         `compare` or `questionnaires ID -f json` has in its JSON; rename or remove them:\n  {}",
        stale.join("\n  ")
    );
}

/// Fields inside an array that is empty, or an object that is null, in every example would go
/// unchecked, so each field must be filled by at least one example sheet.
#[test]
fn the_examples_fill_every_field() {
    let mut unfilled = Vec::new();
    for (document, fields) in context() {
        for (path, filled) in fields {
            if !filled {
                unfilled.push(format!("`{path}` ({document})"));
            }
        }
    }
    assert!(
        unfilled.is_empty(),
        "these fields are null or empty in every example sheet, so the fields inside them are not \
         checked against docs/templates.md; make an example under examples/ fill them:\n  {}",
        unfilled.join("\n  ")
    );
}

/// The compare document's fields, from the room fixtures' before/after pair and from the bank
/// example against its workshop, are documented too.
#[test]
fn every_field_of_the_compare_context_is_documented() {
    let documented = documented();
    let fields = compare_fields();
    let missing: Vec<&String> = fields.keys().filter(|p| !documented.contains(*p)).collect();
    assert!(
        missing.is_empty(),
        "docs/templates.md does not document: {missing:?}"
    );
}

/// The model document's fields, from the built-in questionnaire, are documented too.
#[test]
fn every_field_of_the_model_context_is_documented() {
    let documented = documented();
    let fields = model_fields();
    let missing: Vec<&String> = fields.keys().filter(|p| !documented.contains(*p)).collect();
    assert!(
        missing.is_empty(),
        "docs/templates.md does not document: {missing:?}"
    );
}

fn model_fields() -> Fields {
    let mut fields = Fields::new();
    let run = Test::new()
        .args(&["questionnaires", "social_media_readiness", "-f", "json"])
        .run();
    walk(&run.success().json(), "", &mut fields);
    fields
}

fn compare_fields() -> Fields {
    let mut fields = Fields::new();
    let runs = [
        Test::new()
            .file("before.yaml", crate::compare::BEFORE)
            .file("after.yaml", crate::compare::AFTER)
            .args(&["compare", "before.yaml", "after.yaml", "-f", "json", "-q"])
            .arg(crate::support::fixture("room.yaml"))
            .run(),
        Test::new()
            .args(&["compare"])
            .arg(root().join("examples/bank-planned-not-aligned.yaml"))
            .arg(root().join("examples/bank-workshop"))
            .arg("--benchmark")
            .arg(root().join("examples/peers/peers.json"))
            .args(&["-f", "json"])
            .run(),
    ];
    for run in runs {
        walk(&run.success().json(), "", &mut fields);
    }
    fields
}
