//! Benchmarks of the pipeline's stages on the built-in questionnaire and synthetic workshops:
//! `cargo bench`. Whole-process figures are in README's Performance section.

mod synth;

use divan::{Bencher, black_box};
use leapcheck::index::LevelIx;
use leapcheck::render::{Document, Renderer, Templated, template};
use leapcheck::source::Source;
use leapcheck::{aggregate, builtin, plan, questionnaire, score, sheet, view};

fn main() {
    divan::main();
}

fn builtin_q() -> questionnaire::Questionnaire {
    let b = builtin::DEFAULT;
    questionnaire::load(&Source::new(b.file, b.text))
        .0
        .expect("built-in loads")
}

#[divan::bench]
fn load_and_validate_the_builtin_questionnaire() -> Option<questionnaire::Questionnaire> {
    let b = builtin::DEFAULT;
    questionnaire::load(&Source::new(b.file, black_box(b.text))).0
}

/// A hand-written sheet (flow collections, folded text), read by the full YAML parser.
#[divan::bench]
fn load_one_sheet(bencher: Bencher) {
    let q = builtin_q();
    let text = std::fs::read_to_string("examples/bank-planned-not-aligned.yaml").expect("example");
    bencher.bench(|| sheet::load(&Source::new("s.yaml", black_box(text.as_str())), &q).0);
}

/// A sheet as leapcheck writes it (interview, import, the generator): plain block YAML, which
/// takes the quick reader instead of the full parser.
#[divan::bench]
fn load_one_written_sheet(bencher: Bencher) {
    let q = builtin_q();
    let s = synth::sheets(&q, 1, 7).remove(0);
    let text = sheet::write::to_yaml(&q, &s, "written");
    bencher.bench(|| sheet::load(&Source::new("s.yaml", black_box(text.as_str())), &q).0);
}

#[divan::bench]
fn score_one_sheet(bencher: Bencher) {
    let q = builtin_q();
    let s = synth::sheets(&q, 1, 7).remove(0);
    bencher.bench(|| score::assess(&q, black_box(&s)));
}

#[divan::bench(args = [1_000, 10_000], sample_count = 10)]
fn aggregate_sheets(bencher: Bencher, n: usize) {
    let q = builtin_q();
    let sheets = synth::sheets(&q, n, 7);
    bencher.bench(|| aggregate::workshop(&q, black_box(sheets.clone())));
}

#[divan::bench]
fn plan_one_sheet(bencher: Bencher) {
    let q = builtin_q();
    let s = synth::sheets(&q, 1, 7).remove(0);
    let a = score::assess(&q, &s);
    bencher.bench(|| plan::plan(&q, black_box(&a), LevelIx::all(q.levels.len()).last()));
}

fn renderer(extension: &'static str) -> Templated {
    Templated {
        templates: template::Templates::load(&template::Source::BuiltIn, "").expect("built-ins"),
        extension,
    }
}

#[divan::bench(args = ["md", "html"])]
fn render_one_sheet(bencher: Bencher, extension: &'static str) {
    let q = builtin_q();
    let s = synth::sheets(&q, 1, 7).remove(0);
    let a = score::assess(&q, &s);
    let p = plan::plan(&q, &a, None);
    let v = view::report(&q, &s, &a, &p, false);
    let r = renderer(extension);
    bencher.bench(|| r.render(Document::Report(black_box(&v))));
}

#[divan::bench(args = ["md", "html"], sample_count = 10)]
fn render_ten_thousand_sheets(bencher: Bencher, extension: &'static str) {
    let q = builtin_q();
    let w = aggregate::workshop(&q, synth::sheets(&q, 10_000, 7));
    let p = plan::plan(&q, &w.assessment, None);
    let v = view::workshop_report(&q, &w, &p, false);
    let r = renderer(extension);
    bencher.bench(|| r.render(Document::Report(black_box(&v))));
}
