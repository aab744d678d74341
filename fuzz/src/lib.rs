//! What the fuzz targets run, one function per target. `tests/fuzz_corpus.rs` includes this file
//! as a module, so `cargo test` replays the committed corpora and crash fixtures through exactly
//! the same calls.
//!
//! Each function takes any text and must return without panicking. Besides the loaders' own
//! checks, a few promises the code makes are asserted, so that breaking one counts as a crash:
//! a questionnaire that loads has no error, and its blank sheet and starting mapping load as
//! they are; a sheet that loads writes back to YAML that loads to the same sheet; and whatever the
//! quick sheet reader reads, the full YAML parser reads the same.

use std::sync::OnceLock;

use leapcheck::condition::{self, Scope};
use leapcheck::error::Severity;
use leapcheck::import::{self, Csv};
use leapcheck::index::UnitIx;
use leapcheck::questionnaire::{self, Questionnaire};
use leapcheck::render::{Document, Json, Renderer, Style, Table};
use leapcheck::score::{self, Assessment, SheetFacts};
use leapcheck::sheet::{self, Sheet};
use leapcheck::source::Source;

/// The mapping the `import` target reads its CSV with.
pub const MAPPING: &str = include_str!("../../examples/survey-mapping.yaml");

/// Answer sheets of the built-in questionnaire that the `condition` target evaluates against.
const SAMPLE_SHEETS: [(&str, &str); 3] = [
    (
        "bank-planned-not-aligned.yaml",
        include_str!("../../examples/bank-planned-not-aligned.yaml"),
    ),
    (
        "consumer-brand-broadcasting.yaml",
        include_str!("../../examples/consumer-brand-broadcasting.yaml"),
    ),
    (
        "retailer-leapt-without-looking.yaml",
        include_str!("../../examples/retailer-leapt-without-looking.yaml"),
    ),
];

/// The four places a condition can be used.
pub const SCOPES: [Scope; 4] = [
    Scope {
        scores: false,
        unit: false,
    },
    Scope {
        scores: false,
        unit: true,
    },
    Scope {
        scores: true,
        unit: false,
    },
    Scope {
        scores: true,
        unit: true,
    },
];

/// The built-in questionnaire, loaded once.
pub fn builtin() -> &'static Questionnaire {
    static Q: OnceLock<Questionnaire> = OnceLock::new();
    Q.get_or_init(|| {
        let b = leapcheck::builtin::DEFAULT;
        let (q, d) = questionnaire::load(&Source::new(b.file, b.text));
        q.unwrap_or_else(|| panic!("the built-in questionnaire does not load: {d:?}"))
    })
}

/// The built-in edition the example mapping names (the survey was run with the first edition).
pub fn mapping_questionnaire() -> &'static Questionnaire {
    static Q: OnceLock<Questionnaire> = OnceLock::new();
    Q.get_or_init(|| {
        let named = leapcheck::sheet::questionnaire_reference(MAPPING).unwrap_or_default();
        let b = leapcheck::builtin::find(&named).unwrap_or(leapcheck::builtin::DEFAULT);
        let (q, d) = questionnaire::load(&Source::new(b.file, b.text));
        q.unwrap_or_else(|| panic!("{} does not load: {d:?}", b.file))
    })
}

fn mapping_source() -> &'static Source {
    static S: OnceLock<Source> = OnceLock::new();
    S.get_or_init(|| Source::new("survey-mapping.yaml", MAPPING))
}

/// A scored sheet and the dimension scores its conditions see.
struct Sample {
    sheet: Sheet,
    assessment: Assessment,
    scores: Vec<Option<f64>>,
}

fn samples() -> &'static [Sample] {
    static S: OnceLock<Vec<Sample>> = OnceLock::new();
    S.get_or_init(|| {
        let q = builtin();
        let mut sheets = vec![Sheet::blank(q)];
        for (name, text) in SAMPLE_SHEETS {
            let (s, d) = sheet::load(&Source::new(name, text), q);
            sheets.push(s.unwrap_or_else(|| panic!("{name} does not load: {d:?}")));
        }
        sheets
            .into_iter()
            .map(|sheet| {
                let assessment = score::assess(q, &sheet);
                let scores = assessment
                    .dimensions
                    .iter()
                    .map(|d| d.score.filter(|_| d.sufficient))
                    .collect();
                Sample {
                    sheet,
                    assessment,
                    scores,
                }
            })
            .collect()
    })
}

fn has_error(diagnostics: &[leapcheck::error::Diagnostic]) -> bool {
    diagnostics.iter().any(|d| d.severity == Severity::Error)
}

/// Scores a sheet, plans the leap and builds and renders the report, as `leapcheck report` does.
fn report(q: &Questionnaire, sheet: &Sheet) {
    let assessment = score::assess(q, sheet);
    let plan = leapcheck::plan::plan(q, &assessment, None);
    let view = leapcheck::view::report(q, sheet, &assessment, &plan, false);
    let _ = Json.render(Document::Report(&view));
    let _ = Table {
        style: Style::default(),
    }
    .render(Document::Report(&view));
}

/// Target `questionnaire`: loads any text as a questionnaire.
pub fn questionnaire(text: &str) {
    let (q, diagnostics) = questionnaire::load(&Source::new("fuzz.yaml", text));
    let Some(q) = q else {
        return;
    };
    assert!(
        !has_error(&diagnostics),
        "a questionnaire loaded despite errors: {diagnostics:?}"
    );
    // `leapcheck init sheet`: "it validates as it is".
    let blank = leapcheck::init::blank_sheet(&q, &Default::default());
    let (sheet, d) = sheet::load(&Source::new("blank.yaml", blank.as_str()), &q);
    let sheet = sheet.unwrap_or_else(|| panic!("the blank sheet does not load: {d:?}\n{blank}"));
    report(&q, &sheet);
    // `leapcheck init mapping`: "it loads as is".
    let mapping = import::starting_mapping(&q);
    let (m, d) = import::mapping::load(&Source::new("mapping.yaml", mapping.as_str()), &q);
    assert!(
        m.is_some(),
        "the starting mapping does not load: {d:?}\n{mapping}"
    );
}

/// Target `sheet`: loads any text as an answer sheet of the built-in questionnaire and, when it
/// loads, scores it, plans the leap and builds the report.
pub fn sheet(text: &str) {
    if let Some(quick) = leapcheck::block_yaml::parse(text) {
        let full = serde_yaml::from_str::<serde_yaml::Value>(text);
        assert!(
            full.as_ref().is_ok_and(|f| *f == quick),
            "the quick reader read {quick:?}, the full parser {full:?}"
        );
    }
    let q = builtin();
    let (s, diagnostics) = sheet::load(&Source::new("fuzz.yaml", text), q);
    let Some(s) = s else {
        return;
    };
    assert!(
        !has_error(&diagnostics),
        "a sheet loaded despite errors: {diagnostics:?}"
    );
    report(q, &s);
    // sheet::write: "a sheet written by the interview loads again to the same answers".
    let written = sheet::write::to_yaml(q, &s, "fuzz");
    let (again, d) = sheet::load(&Source::new("written.yaml", written.as_str()), q);
    let again =
        again.unwrap_or_else(|| panic!("the written sheet does not load: {d:?}\n{written}"));
    assert_eq!(again, s, "the written sheet loads differently:\n{written}");
}

/// Target `condition`: parses any text as a condition, checks it against the built-in
/// questionnaire in every scope and evaluates what checks against a few scored sheets.
pub fn condition(text: &str) {
    let Ok(node) = condition::parse(text) else {
        return;
    };
    let q = builtin();
    for scope in SCOPES {
        let Ok(expr) = condition::check(&node, q, scope) else {
            continue;
        };
        let mut read = Vec::new();
        expr.questions(&mut read);
        assert!(
            read.iter().all(|&i| i.get() < q.questions.len()),
            "{text}: reads a question out of range: {read:?}"
        );
        for sample in samples() {
            let facts = SheetFacts {
                q,
                sheet: &sample.sheet,
                visibility: &sample.assessment.visibility,
                scores: &sample.scores,
                overall: sample.assessment.overall,
            };
            if scope.unit {
                for unit in UnitIx::all(sample.sheet.units.len()) {
                    expr.eval(&facts, Some(unit));
                }
            } else {
                expr.eval(&facts, None);
            }
        }
    }
}

/// Target `import`: imports any text as a CSV export with `examples/survey-mapping.yaml` and the
/// built-in questionnaire.
pub fn import(text: &str) {
    let csv = Csv {
        name: "fuzz.csv",
        text,
    };
    let _ = import::import(mapping_questionnaire(), mapping_source(), &csv);
}
