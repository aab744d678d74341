//! The quick reader of plain block YAML agrees with the full parser: whenever it reads a document,
//! the full parser reads the same value, over generated documents, documents with a character
//! slipped in, and every sheet leapcheck writes; and it does read the sheets leapcheck writes and
//! the examples, so workshops take the quick path.

use std::sync::OnceLock;

use proptest::prelude::*;
use serde_yaml::Value;

use leapcheck::block_yaml;
use leapcheck::builtin;
use leapcheck::index::OptionIx;
use leapcheck::interview::{set_answer, steps, without_hidden};
use leapcheck::questionnaire::{self, Kind, Question, Questionnaire};
use leapcheck::sheet::{self, Answer, Sheet, UnitAnswers};
use leapcheck::source::Source;

use crate::support::root;

/// Whatever the quick reader returns, the full parser returns too.
fn agrees(doc: &str) -> Result<(), TestCaseError> {
    if let Some(quick) = block_yaml::parse(doc) {
        let full = serde_yaml::from_str::<Value>(doc);
        prop_assert!(
            full.as_ref().is_ok_and(|f| *f == quick),
            "document {doc:?}\nquick: {quick:?}\nfull: {full:?}"
        );
    }
    Ok(())
}

/// Scalars as written after a key or a dash: the forms the subset reads and many it must leave.
fn scalar() -> impl Strategy<Value = String> {
    let tricky = [
        "~",
        "null",
        "Null",
        "NULL",
        "true",
        "True",
        "FALSE",
        "yes",
        "no",
        "on",
        "n/a",
        "0",
        "007",
        "-0",
        "-01",
        "-12",
        "12",
        "1.5",
        "00.5",
        "-0.25",
        "1.",
        ".5",
        "1e3",
        "1_000",
        "0x1F",
        "0o7",
        "0b1",
        "+1",
        ".inf",
        "-.inf",
        ".nan",
        "2026-07-07",
        "2026-7-7",
        "2026-13-45",
        "inf",
        "nan",
        "NaN",
        "-",
        "- x",
        "a: b",
        "a #b",
        "C#",
        "'q'",
        "\"q\"",
        "'it''s'",
        "'a'b",
        "\"a\\nb\"",
        "a:b",
        "a:",
        "http://x.y/z",
        "&a",
        "*a",
        "!t x",
        "|",
        ">-",
        "%x",
        "@x",
        "`x",
        "?x",
        ":x",
        "[a, b]",
        "{k: v}",
        "{ k: v, l: 2 }",
        "[]",
        "{}",
        "[a,]",
        "[,]",
        "[[a]]",
        "{k: [a]}",
        "[a, 'b']",
        "{k: v, k: w}",
        "[a: b]",
        "18446744073709551615",
        "18446744073709551616",
        "-9223372036854775808",
        "-9223372036854775809",
        "99999999999999999999.5",
        "é",
        "Ünï code",
        "(x)",
        "_x",
        "<<",
        "=",
        "x y",
        "x  y",
        "'' ",
        "\"\"",
        "' x '",
        "#",
        "x # c",
        "x #c # d",
        "[a] # c",
        "[a]x",
        "{a: b}c",
        "- 1",
        "-1",
        "--1",
        "1-2",
        "12:30",
        "1:2:3",
        "0.",
        "+.5",
    ];
    prop_oneof![
        1 => prop::sample::select(tricky.to_vec()).prop_map(str::to_string),
        1 => "[a-zA-Z0-9 _.:#'\"\\\\+~!&*%@,/\\[\\]{}()é<>=|`?-]{0,10}",
        12 => usual(),
    ]
}

/// Scalars as sheets usually hold them.
fn usual() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z_]{1,10}",
        "[A-Z][a-z]{1,6}( [a-zé]{1,6}){0,3}",
        "-?[0-9]{1,5}(\\.[0-9]{1,3})?",
        "20[0-9]{2}-[01][0-9]-[0-3][0-9]",
        "'[a-z :#]{0,8}'",
        "\"[a-z :#']{0,8}\"",
        "\\[([a-z_]{1,6}(, [a-z_0-9]{1,6}){0,3})?\\]",
        "\\{ ?([a-z]{1,4}: [a-z0-9]{1,4}(, [a-z]{1,4}: [a-z0-9]{1,4}){0,2})? ?\\}",
        prop::sample::select(vec!["~", "n/a", "true", "false", "yes", "no", "null"])
            .prop_map(str::to_string),
    ]
}

/// Keys: mostly identifiers and names, sometimes anything a scalar can be.
fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => "[a-z_]{1,8}",
        2 => "[A-Z][a-z]{1,5} [a-z&]{1,6}",
        1 => scalar(),
    ]
}

#[derive(Clone, Debug)]
enum Node {
    Scalar(String),
    /// Items, and whether the dashes sit at the key's own indentation.
    Seq(Vec<String>, bool),
    /// Entries, and how much deeper they are indented than the key.
    Map(Vec<(String, Node)>, usize),
    /// Nothing after the colon.
    Empty,
}

fn node() -> impl Strategy<Value = Node> {
    let leaf = prop_oneof![
        4 => scalar().prop_map(Node::Scalar),
        1 => Just(Node::Empty),
        2 => (prop::collection::vec(scalar(), 1..4), any::<bool>())
            .prop_map(|(items, flush)| Node::Seq(items, flush)),
    ];
    leaf.prop_recursive(3, 24, 5, |inner| {
        (prop::collection::vec((key(), inner), 1..5), 1usize..4)
            .prop_map(|(entries, extra)| Node::Map(entries, extra))
    })
}

/// The lines of a mapping's entries at `indent`, with comments and blank lines scattered by
/// `noise`.
fn write(
    entries: &[(String, Node)],
    indent: usize,
    noise: &mut impl Iterator<Item = u8>,
) -> String {
    let pad = " ".repeat(indent);
    let mut out = String::new();
    for (key, value) in entries {
        match noise.next().unwrap_or(0) % 8 {
            0 => out.push_str(&format!("{pad}# note\n")),
            1 => out.push('\n'),
            2 => out.push_str("   \n"),
            _ => {}
        }
        let tail = if noise.next().unwrap_or(0).is_multiple_of(5) {
            " # why"
        } else {
            ""
        };
        match value {
            Node::Scalar(s) => out.push_str(&format!("{pad}{key}: {s}{tail}\n")),
            Node::Empty => out.push_str(&format!("{pad}{key}:{tail}\n")),
            Node::Seq(items, flush) => {
                out.push_str(&format!("{pad}{key}:{tail}\n"));
                let dash = if *flush {
                    pad.clone()
                } else {
                    format!("{pad}  ")
                };
                for item in items {
                    out.push_str(&format!("{dash}- {item}\n"));
                }
            }
            Node::Map(inner, extra) => {
                out.push_str(&format!("{pad}{key}:{tail}\n"));
                out.push_str(&write(inner, indent + extra, noise));
            }
        }
    }
    out
}

fn document() -> impl Strategy<Value = String> {
    (
        prop::collection::vec((key(), node()), 1..6),
        prop::collection::vec(any::<u8>(), 64),
        any::<bool>(),
    )
        .prop_map(|(entries, noise, crlf)| {
            let text = write(&entries, 0, &mut noise.into_iter().cycle());
            if crlf {
                text.replace('\n', "\r\n")
            } else {
                text
            }
        })
}

/// The generated documents are not all left to the full parser, or the properties above would
/// hold of nothing.
#[test]
fn many_generated_documents_take_the_quick_path() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = document();
    let total = 1000;
    let read = (0..total)
        .filter(|_| {
            let doc = strategy.new_tree(&mut runner).unwrap().current();
            let ok = block_yaml::parse(&doc).is_some();
            if !ok && std::env::var("SHOW").is_ok() {
                eprintln!("----\n{doc}");
            }
            ok
        })
        .count();
    eprintln!("{read} of {total} generated documents read quickly");
    assert!(read * 4 >= total, "{read} of {total}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn whatever_the_quick_reader_reads_the_full_parser_reads_the_same(doc in document()) {
        agrees(&doc)?;
    }

    #[test]
    fn every_scalar_reads_as_the_full_parser_reads_it(s in scalar(), k in key()) {
        agrees(&format!("{k}: {s}\n"))?;
        agrees(&format!("{k}:\n- {s}\n"))?;
        agrees(&format!("{k}: [{s}]\n"))?;
        agrees(&format!("{k}: {{ x: {s} }}\n"))?;
    }

    #[test]
    fn a_character_slipped_in_changes_nothing_in_that_agreement(
        doc in document(),
        at in any::<prop::sample::Index>(),
        c in prop::sample::select(vec![' ', '\n', ':', '-', '#', '\'', '"', '[', '{', ',', '\t', '&', '\r', 'x', '0', '\u{85}', '\u{feff}']),
    ) {
        let mut chars: Vec<char> = doc.chars().collect();
        chars.insert(at.index(chars.len() + 1), c);
        agrees(&chars.into_iter().collect::<String>())?;
    }
}

fn builtin_questionnaire() -> &'static Questionnaire {
    static Q: OnceLock<Questionnaire> = OnceLock::new();
    Q.get_or_init(|| {
        let b = builtin::DEFAULT;
        questionnaire::load(&Source::new(b.file, b.text)).0.unwrap()
    })
}

/// An answer to one question as the interview or an import would record it: one in twenty
/// unanswered, one in twenty n/a where allowed, the rest a valid answer of the kind.
fn recorded_answer(question: &Question) -> BoxedStrategy<Option<Answer>> {
    let valid = match &question.kind {
        Kind::Choice { options } => (0..options.len())
            .prop_map(|o| Answer::Choice(OptionIx::new(o)))
            .boxed(),
        Kind::Multi { options, .. } => prop::collection::vec(any::<bool>(), options.len())
            .prop_map(|mask| {
                let chosen = OptionIx::enumerate(&mask).filter(|(_, ticked)| **ticked);
                Answer::Multi(chosen.map(|(o, _)| o).collect())
            })
            .boxed(),
        Kind::Scale { points, .. } => {
            prop::sample::select(points.iter().map(|p| p.value).collect::<Vec<f64>>())
                .prop_map(Answer::Number)
                .boxed()
        }
        Kind::YesNo => any::<bool>().prop_map(Answer::Bool).boxed(),
        Kind::Number { min, max, .. } => {
            let lo = min.unwrap_or(0.0);
            let hi = max.unwrap_or(lo + 40.0);
            let (first, last) = (lo.ceil() as i64, hi.floor() as i64);
            (first..=last.max(first))
                .prop_map(|x| Answer::Number(x as f64))
                .boxed()
        }
        Kind::Text => (0..1000u32)
            .prop_map(|n| Answer::Text(format!("Free text {n}")))
            .boxed(),
    };
    let na = if question.allow_na { 1 } else { 0 };
    prop_oneof![
        1 => Just(None),
        na => Just(Some(Answer::NotApplicable)),
        18 => valid.prop_map(Some),
    ]
    .boxed()
}

/// A sheet of the built-in questionnaire as the interview leaves it: a respondent with a role, a
/// date, one to three units, an answer to every question, hidden ones dropped.
fn recorded_sheet() -> impl Strategy<Value = Sheet> {
    let q = builtin_questionnaire();
    assert!(q.has_units() && !q.roles.is_empty());
    let pool = if q.suggested_units.is_empty() {
        vec!["Unit A".to_string(), "Unit B".into(), "Unit C".into()]
    } else {
        q.suggested_units.clone()
    };
    let units = prop::sample::subsequence(pool.clone(), 1..=3.min(pool.len())).prop_shuffle();
    let role = prop::sample::select(q.roles.iter().map(|r| r.id.clone()).collect::<Vec<_>>());
    (0..1000usize, role, 1i8..=12, 1i8..=28, units).prop_flat_map(
        move |(k, role, month, day, units)| {
            let mut s = Sheet::blank(q);
            s.organization = "Synthetic Savings".into();
            s.respondent.name = format!("Respondent {k}");
            s.respondent.role = Some(role);
            s.date = leapcheck::date::day(2026, month, day);
            s.unit_answers = vec![UnitAnswers::default(); units.len()];
            s.units = units;
            let steps = steps(q, &s);
            let answers: Vec<_> = steps
                .iter()
                .map(|step| recorded_answer(&q.questions[step.question]))
                .collect();
            (Just(s), Just(steps), answers).prop_map(|(mut s, steps, answers)| {
                for (step, a) in steps.into_iter().zip(answers) {
                    set_answer(&mut s, step, a);
                }
                without_hidden(q, &s)
            })
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn sheets_leapcheck_writes_take_the_quick_path(s in recorded_sheet()) {
        let q = builtin_questionnaire();
        let text = sheet::write::to_yaml(q, &s, "written");
        let quick = block_yaml::parse(&text);
        prop_assert!(quick.is_some(), "sheet left to the full parser:\n{}", text);
        prop_assert_eq!(quick, serde_yaml::from_str(&text).ok(), "sheet:\n{}", text);
    }
}

#[test]
fn the_examples_take_the_quick_path_where_they_are_plain() {
    let mut read = 0;
    let mut files = vec![];
    for dir in ["examples", "examples/bank-workshop", "tests/fixtures/room"] {
        for entry in std::fs::read_dir(root().join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|x| x == "yaml") {
                files.push(path);
            }
        }
    }
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        if let Some(quick) = block_yaml::parse(&text) {
            read += 1;
            assert_eq!(
                Some(quick),
                serde_yaml::from_str(&text).ok(),
                "{}",
                path.display()
            );
        }
    }
    // Hand-written sheets with folded text answers (`>-`) are left to the full parser; the
    // fixtures of the large-room test, in flow style, are not.
    assert!(read >= 4, "{read} of {}", files.len());
    for name in ["a", "b", "c", "d"] {
        let text = std::fs::read_to_string(root().join(format!("tests/fixtures/room/{name}.yaml")))
            .unwrap();
        assert!(block_yaml::parse(&text).is_some(), "room/{name}.yaml");
    }
}
