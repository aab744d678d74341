//! The condition language's semantics, evaluated against real sheets of the kitchen fixture.

use leapcheck::condition::{self, Scope};
use leapcheck::questionnaire::{self, Questionnaire};
use leapcheck::score::{self, SheetFacts};
use leapcheck::sheet;
use leapcheck::source::Source;

use crate::support::fixture;

fn kitchen() -> Questionnaire {
    let path = fixture("kitchen-hygiene.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    questionnaire::load(&Source::new("kitchen-hygiene.yaml", text))
        .0
        .expect("fixture loads")
}

fn check(q: &Questionnaire, text: &str) -> Result<condition::Expr, String> {
    condition::parse(text)
        .and_then(|n| {
            condition::check(
                &n,
                q,
                Scope {
                    scores: true,
                    unit: false,
                },
            )
        })
        .map_err(|e| e.message)
}

/// Whether `cond` holds for a sheet with `body` (YAML after the header).
fn holds(cond: &str, body: &str) -> bool {
    let q = kitchen();
    let expr = check(&q, cond).unwrap_or_else(|e| panic!("{cond}: {e}"));
    let text = format!("format: leapcheck/answers@1\nquestionnaire: kitchen_hygiene@0.3.0\n{body}");
    let (s, d) = sheet::load(&Source::new("s.yaml", text), &q);
    let s = s.unwrap_or_else(|| panic!("{d:?}"));
    let a = score::assess(&q, &s);
    let scores: Vec<Option<f64>> = a
        .dimensions
        .iter()
        .map(|d| d.score.filter(|_| d.sufficient))
        .collect();
    let facts = SheetFacts {
        q: &q,
        sheet: &s,
        visibility: &a.visibility,
        scores: &scores,
        overall: a.overall,
    };
    expr.eval(&facts, None)
}

#[test]
fn unanswered_and_na_make_every_comparison_false() {
    assert!(!holds("schedule == \"written\"", "answers: {}"));
    assert!(!holds("schedule != \"written\"", "answers: {}"));
    assert!(holds("not (schedule == \"written\")", "answers: {}"));
    assert!(!holds("fridge_temp >= 0", "answers: { fridge_temp: n/a }"));
    assert!(!holds("fridge_temp < 100", "answers: { fridge_temp: n/a }"));
    assert!(!holds("answered(schedule)", "answers: { schedule: n/a }"));
    assert!(holds("answered(schedule)", "answers: { schedule: none }"));
}

#[test]
fn comparisons_of_each_type() {
    let cases = [
        ("schedule == \"written\"", "answers: { schedule: written }"),
        ("schedule != \"written\"", "answers: { schedule: none }"),
        (
            "\"date\" in labels and not (\"owner\" in labels)",
            "answers: { labels: [date] }",
        ),
        (
            "fridge_temp >= 3 and 3 <= fridge_temp and fridge_temp != 4",
            "answers: { fridge_temp: 3 }",
        ),
        ("pest_contract", "answers: { pest_contract: yes }"),
        ("pest_contract == false", "answers: { pest_contract: no }"),
        ("pest_contract != true", "answers: { pest_contract: no }"),
        ("notes == \"ok\"", "answers: { notes: ok }"),
        (
            "(schedule == \"none\" or schedule == \"written\") and deep_clean > 1",
            "answers: { schedule: none, deep_clean: 2 }",
        ),
    ];
    for (cond, body) in cases {
        assert!(holds(cond, body), "`{cond}` should hold for {body}");
    }
}

#[test]
fn hidden_questions_read_as_unanswered() {
    // pest_visits is shown only when pest_contract is yes.
    assert!(!holds(
        "pest_visits >= 0",
        "answers: { pest_contract: no, pest_visits: 5 }"
    ));
    assert!(holds(
        "pest_visits >= 5",
        "answers: { pest_contract: yes, pest_visits: 5 }"
    ));
}

#[test]
fn scores_and_overall() {
    // cleaning: written = 1, deep clean 4 = 1 → 100; storage unanswered → no score.
    let body = "answers: { schedule: written, deep_clean: 4 }";
    assert!(holds("score(cleaning) >= 100 and overall >= 100", body));
    assert!(
        !holds("score(storage) < 101", body),
        "no evidence: comparisons are false"
    );
}

#[test]
fn units() {
    let two = "units: [A, B]\nunits_answers:\n  A: { boards_separate: true }\n  B: { boards_separate: false }\n";
    assert!(holds("any_unit(boards_separate == false)", two));
    assert!(!holds("all_units(boards_separate == true)", two));
    assert!(holds("all_units(answered(boards_separate))", two));
    assert!(holds(
        "any_unit(boards_separate and schedule == \"written\")",
        &format!("{two}answers: {{ schedule: written }}\n")
    ));
    assert!(
        !holds("all_units(boards_separate == true)", "units: []"),
        "all_units is false with no units"
    );
}

#[test]
fn type_errors_are_caught_at_load() {
    let q = kitchen();
    let cases = [
        ("schedule == 3", "compare it with one of its option values"),
        ("schedule == \"writen\"", "did you mean `written`"),
        ("\"date\" in schedule", "is a single choice"),
        ("labels == \"date\"", "\"option\" in labels"),
        ("boards_separate == true", "wrap it in `any_unit"),
        ("fridge_temp == \"high\"", "compare it with a number"),
        ("score(storag) < 3", "did you mean `storage`"),
        ("shedule == \"none\"", "did you mean `schedule`"),
        ("any_unit(any_unit(boards_separate))", "already in scope"),
        ("schedule", "cannot stand alone"),
        ("3 < 4", "two fixed values"),
        ("pest_contract > true", "only with == or !="),
    ];
    for (text, want) in cases {
        let err = check(&q, text)
            .err()
            .unwrap_or_else(|| panic!("`{text}` should not check"));
        assert!(err.contains(want), "`{text}`: {err}");
    }
    let show_if = condition::parse("score(storage) < 3").unwrap();
    let err = condition::check(
        &show_if,
        &q,
        Scope {
            scores: false,
            unit: false,
        },
    )
    .unwrap_err();
    assert!(
        err.message.contains("cannot be used in `show_if`"),
        "{}",
        err.message
    );
}
