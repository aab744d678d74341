//! No id of a questionnaire reaches a reader. The built-in questionnaire is rewritten so that every
//! id it has (questionnaire, levels, dimensions, questions, gates, patterns, actions) starts with
//! `zq_`, and the examples with it; then every document, in every format a person reads, is
//! searched for `zq_`. HTML is read as Chromium parsed it (text only: tags, attributes and the
//! style sheet are not what a reader sees).

use std::collections::BTreeSet;
use std::path::Path;

use serde_yaml::{Mapping, Value};

use super::harness::Browser;
use crate::support::{Test, root};

const MARK: &str = "zq_";

/// The example sheets, by the name each is written under.
const SHEETS: [(&str, &str); 3] = [
    ("bank.yaml", "bank-planned-not-aligned.yaml"),
    ("retailer.yaml", "retailer-leapt-without-looking.yaml"),
    ("brand.yaml", "consumer-brand-broadcasting.yaml"),
];

fn marked(id: &str) -> String {
    format!("{MARK}{id}")
}

/// A condition with every question and dimension id in `ids` marked; quoted strings (option
/// values) are left as they are.
fn mark_condition(text: &str, ids: &BTreeSet<String>) -> String {
    let (mut out, mut word, mut quote) = (String::new(), String::new(), None);
    let flush = |word: &mut String, out: &mut String| {
        if ids.contains(word.as_str()) {
            out.push_str(MARK);
        }
        out.push_str(word);
        word.clear();
    };
    for c in text.chars() {
        match quote {
            Some(q) => {
                out.push(c);
                if c == q {
                    quote = None;
                }
            }
            None if c.is_ascii_alphanumeric() || c == '_' => word.push(c),
            None => {
                flush(&mut word, &mut out);
                if c == '"' || c == '\'' {
                    quote = Some(c);
                }
                out.push(c);
            }
        }
    }
    flush(&mut word, &mut out);
    out
}

fn get<'a>(v: &'a mut Value, key: &str) -> Option<&'a mut Value> {
    v.as_mapping_mut()?.get_mut(key)
}

/// Marks the string at `key` of `v`, through `f`.
fn rewrite(v: &mut Value, key: &str, f: &dyn Fn(&str) -> String) {
    if let Some(Value::String(s)) = get(v, key) {
        *s = f(s);
    }
}

/// Marks every string in the list at `key` of `v`.
fn rewrite_list(v: &mut Value, key: &str) {
    if let Some(Value::Sequence(list)) = get(v, key) {
        for item in list {
            if let Value::String(s) = item {
                *s = marked(s);
            }
        }
    }
}

/// Marks every key of the mapping at `key` of `v` (an action's `raises`: question ids).
fn rewrite_keys(v: &mut Value, key: &str) {
    if let Some(Value::Mapping(map)) = get(v, key) {
        let marked_map: serde_yaml::Mapping = std::mem::take(map)
            .into_iter()
            .map(|(k, val)| (Value::String(marked(k.as_str().unwrap_or_default())), val))
            .collect();
        *map = marked_map;
    }
}

fn items<'a>(v: &'a mut Value, key: &str) -> Vec<&'a mut Value> {
    match get(v, key) {
        Some(Value::Sequence(list)) => list.iter_mut().collect(),
        _ => Vec::new(),
    }
}

/// The built-in questionnaire with every id marked, and the set of its question ids.
fn marked_questionnaire() -> (String, BTreeSet<String>) {
    let text = std::fs::read_to_string(root().join("questionnaires/social-media-readiness.yaml"))
        .expect("the built-in questionnaire");
    let mut q: Value = serde_yaml::from_str(&text).expect("YAML");
    let mut ids = BTreeSet::new();
    let mut questions = BTreeSet::new();
    for d in items(&mut q, "dimensions") {
        ids.extend(d["id"].as_str().map(String::from));
        for question in items(d, "questions") {
            let id = question["id"].as_str().unwrap().to_string();
            questions.insert(id.clone());
            ids.insert(id);
        }
    }
    let condition = |s: &str| mark_condition(s, &ids);
    rewrite(&mut q, "id", &|s| marked(s));
    for l in items(&mut q, "levels") {
        rewrite(l, "id", &|s| marked(s));
    }
    for d in items(&mut q, "dimensions") {
        rewrite(d, "id", &|s| marked(s));
        for question in items(d, "questions") {
            rewrite(question, "id", &|s| marked(s));
            rewrite(question, "show_if", &condition);
        }
    }
    for g in items(&mut q, "gates") {
        rewrite(g, "id", &|s| marked(s));
        rewrite(g, "max_level", &|s| marked(s));
        rewrite(g, "when", &condition);
    }
    for p in items(&mut q, "patterns") {
        rewrite(p, "id", &|s| marked(s));
        rewrite(p, "when", &condition);
        rewrite_list(p, "actions");
    }
    for a in items(&mut q, "actions") {
        for key in ["id", "dimension"] {
            rewrite(a, key, &|s| marked(s));
        }
        rewrite(a, "when", &condition);
        rewrite_list(a, "after");
        rewrite_list(a, "clears");
        rewrite_keys(a, "raises");
    }
    (serde_yaml::to_string(&q).unwrap(), questions)
}

/// A sheet's answers under their marked question ids, naming the marked questionnaire.
fn marked_sheet(text: &str, questions: &BTreeSet<String>) -> String {
    let mut s: Value = serde_yaml::from_str(text).expect("an example sheet");
    rewrite(&mut s, "questionnaire", &|r| marked(r));
    let mark_keys = |m: &mut Value| {
        if let Value::Mapping(map) = m {
            let old = std::mem::take(map);
            *map = old
                .into_iter()
                .map(|(k, v)| match k.as_str() {
                    Some(id) if questions.contains(id) => (Value::String(marked(id)), v),
                    _ => (k, v),
                })
                .collect::<Mapping>();
        }
    };
    if let Some(answers) = get(&mut s, "answers") {
        mark_keys(answers);
    }
    if let Some(Value::Mapping(units)) = get(&mut s, "units_answers") {
        units.values_mut().for_each(mark_keys);
    }
    serde_yaml::to_string(&s).unwrap()
}

/// What a reader sees of a document: for HTML, the text Chromium parsed, between tags, without
/// the style sheet.
fn visible(doc: &str, browser: Option<&Browser>, dir: &Path) -> String {
    if !doc.trim_start().starts_with("<!DOCTYPE") {
        return doc.to_string();
    }
    let dom = match browser {
        Some(b) => {
            let page = dir.join("page.html");
            std::fs::write(&page, doc).unwrap();
            b.load(&page).dom
        }
        None => doc.to_string(),
    };
    let body = dom.split("</style>").last().unwrap_or(&dom);
    let (mut out, mut in_tag) = (String::new(), false);
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[test]
fn no_id_of_a_questionnaire_reaches_a_reader() {
    let (questionnaire, questions) = marked_questionnaire();
    let work = tempfile::tempdir().unwrap();
    let dir = work.path();
    std::fs::create_dir(dir.join("room")).unwrap();
    std::fs::write(dir.join("q.yaml"), &questionnaire).unwrap();
    let examples = root().join("examples");
    // Each example sheet, as `bank.yaml`, `retailer.yaml` and `brand.yaml`: between them they
    // trip most gates and traps.
    for (name, example) in SHEETS {
        let text = std::fs::read_to_string(examples.join(example)).unwrap();
        std::fs::write(dir.join(name), marked_sheet(&text, &questions)).unwrap();
    }
    let mut room = Vec::new();
    for entry in std::fs::read_dir(examples.join("bank-workshop")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(
            dir.join("room").join(&name),
            marked_sheet(&text, &questions),
        )
        .unwrap();
        room.push(name);
    }
    assert!(room.len() >= 6, "{room:?}");
    let browser = Browser::find();
    let at = |name: &str| dir.join(name).display().to_string();
    let run = |args: &[&str]| {
        let mut all: Vec<String> = vec!["--color".into(), "never".into()];
        for a in args {
            // Files by their place in the work directory; flags and values as they are.
            let file = *a == "room" || SHEETS.iter().any(|(name, _)| name == a);
            all.push(if file { at(a) } else { a.to_string() });
        }
        all.extend(["-q".into(), at("q.yaml")]);
        let all: Vec<&str> = all.iter().map(String::as_str).collect();
        Test::new()
            .args(&all)
            .env("COLUMNS", "100")
            .run()
            .success()
            .stdout
    };
    // The data does carry the marked ids: the documents leave them out.
    let json = run(&["report", "bank.yaml", "-f", "json"]);
    assert!(json.matches(MARK).count() > 100, "{json}");
    let mut checked = 0;
    for format in ["table", "markdown", "html"] {
        let mut docs = Vec::new();
        for doc in ["report", "plan"] {
            for input in SHEETS.iter().map(|(name, _)| *name).chain(["room"]) {
                docs.push((format!("{doc} {input}"), run(&[doc, input, "-f", format])));
            }
        }
        docs.push((
            "compare".into(),
            run(&["compare", "bank.yaml", "room", "-f", format]),
        ));
        let model = Test::new()
            .args(&[
                "--color",
                "never",
                "questionnaires",
                &at("q.yaml"),
                "-f",
                format,
            ])
            .run()
            .success()
            .stdout;
        docs.push(("model".into(), model));
        for (what, doc) in docs {
            let shown = visible(&doc, browser.as_ref(), dir);
            assert!(shown.len() > 1000, "{what} {format}: {shown}");
            if let Some(at) = shown.find(MARK) {
                let from = shown[..at]
                    .char_indices()
                    .rev()
                    .nth(80)
                    .map_or(0, |(i, _)| i);
                let context: String = shown[from..].chars().take(200).collect();
                panic!("{what} ({format}) shows an id: …{context}…");
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 3 * (2 * (SHEETS.len() + 1) + 2));
}

#[test]
fn the_marking_marks_ids_and_leaves_option_values() {
    let ids: BTreeSet<String> = ["sponsor", "listening"].map(String::from).into();
    assert_eq!(
        mark_condition("sponsor == \"sponsor\" and score(listening) < 40", &ids),
        "zq_sponsor == \"sponsor\" and score(zq_listening) < 40"
    );
}
