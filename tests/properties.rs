//! Properties over generated questionnaires and sheets: loading never panics, scores stay in
//! 0..100, a better answer raises its dimension's score and never lowers the overall, n/a and
//! unanswered stay in their dimension, aggregation ignores the order of sheets, and the plan keeps
//! every action after its `after`.

use proptest::prelude::*;

use leapcheck::index::{ActionIx, DimensionIx, LevelIx};
use leapcheck::source::Source;
use leapcheck::{aggregate, plan, questionnaire, score, sheet, view};

/// A generated question: its kind and, for choice-like kinds, the points of its options.
#[derive(Clone, Debug)]
enum Gen {
    Choice(Vec<u8>),
    Multi(Vec<u8>),
    Scale(u8),
    YesNo,
    Number(Vec<u8>),
}

#[derive(Clone, Debug)]
struct GenQ {
    dimensions: Vec<(u8, Vec<(Gen, u8)>)>,
    /// For each action: its dimension, phase (0 none), and the earlier actions it comes after.
    actions: Vec<(usize, u8, Vec<usize>)>,
}

fn gen_question() -> impl Strategy<Value = (Gen, u8)> {
    let kind = prop_oneof![
        prop::collection::vec(0u8..5, 2..5).prop_map(Gen::Choice),
        prop::collection::vec(0u8..4, 2..5).prop_map(Gen::Multi),
        (2u8..6).prop_map(Gen::Scale),
        Just(Gen::YesNo),
        prop::collection::vec(0u8..5, 1..4).prop_map(Gen::Number),
    ];
    (kind, 1u8..4)
}

fn gen_questionnaire() -> impl Strategy<Value = GenQ> {
    prop::collection::vec((1u8..5, prop::collection::vec(gen_question(), 1..5)), 1..4)
        .prop_flat_map(|dimensions| {
            let n = dimensions.len();
            let actions = prop::collection::vec(
                (
                    0..n,
                    0u8..4,
                    prop::collection::vec(any::<prop::sample::Index>(), 0..3),
                ),
                0..6,
            );
            (Just(dimensions), actions)
        })
        .prop_map(|(dimensions, raw)| GenQ {
            dimensions,
            actions: raw
                .into_iter()
                .enumerate()
                .map(|(k, (d, phase, after))| {
                    let mut deps: Vec<usize> = if k == 0 {
                        vec![]
                    } else {
                        after.iter().map(|i| i.index(k)).collect()
                    };
                    deps.sort();
                    deps.dedup();
                    (d, phase, deps)
                })
                .collect(),
        })
}

/// The questionnaire as YAML, and each question's id with its generated kind.
fn yaml(g: &GenQ) -> String {
    let mut out = String::from(
        "format: leapcheck/questionnaire@1\nid: gen\nversion: 1.0.0\ntitle: Generated\nroles:\n  - { id: lead, name: Lead, group: leadership }\n  - { id: staff, name: Staff, group: frontline }\nlevels:\n  - { id: l0, name: L0, min_score: 0 }\n  - { id: l1, name: L1, min_score: 40 }\n  - { id: l2, name: L2, min_score: 70 }\ndimensions:\n",
    );
    for (d, (weight, questions)) in g.dimensions.iter().enumerate() {
        out.push_str(&format!(
            "  - id: d{d}\n    name: D{d}\n    weight: {weight}\n    questions:\n"
        ));
        for (k, (kind, weight)) in questions.iter().enumerate() {
            let id = format!("q{d}_{k}");
            // Every generated question may be answered n/a: the properties cover n/a too.
            let head = format!(
                "      - id: {id}\n        text: Q {id}\n        weight: {weight}\n        allow_na: true\n"
            );
            out.push_str(&head);
            match kind {
                Gen::Choice(points) | Gen::Multi(points) => {
                    let multi = matches!(kind, Gen::Multi(_));
                    out.push_str(if multi {
                        "        type: multi\n"
                    } else {
                        "        type: choice\n"
                    });
                    if multi {
                        // max_points must be positive.
                        let max: u32 = points.iter().map(|&p| u32::from(p)).sum::<u32>().max(1);
                        out.push_str(&format!("        max_points: {max}\n"));
                    }
                    out.push_str("        options:\n");
                    for (o, p) in points.iter().enumerate() {
                        // The best option scores at least 1, so the maximum is positive.
                        let p = if o == 0 && points.iter().all(|&x| x == 0) {
                            1
                        } else {
                            *p
                        };
                        out.push_str(&format!(
                            "          - {{ value: o{o}, label: O{o}, points: {p} }}\n"
                        ));
                    }
                }
                Gen::Scale(n) => {
                    out.push_str("        type: scale\n        scale: s");
                    out.push_str(&format!("{n}\n"));
                }
                Gen::YesNo => out.push_str("        type: yes_no\n"),
                Gen::Number(bands) => {
                    out.push_str("        type: number\n        bands:\n");
                    let best = bands.iter().copied().max().unwrap_or(0).max(1);
                    for (b, p) in bands.iter().enumerate() {
                        let p = if b == bands.len() - 1 { best } else { *p };
                        out.push_str(&format!("          - {{ min: {}, points: {p} }}\n", b * 10));
                    }
                }
            }
        }
    }
    out.push_str("scales:\n");
    for n in 2..6 {
        out.push_str(&format!("  s{n}:\n"));
        for v in 0..n {
            out.push_str(&format!("    - {{ value: {v}, label: V{v} }}\n"));
        }
    }
    out.push_str("actions:\n");
    if g.actions.is_empty() {
        out.push_str("  []\n");
    }
    for (k, (d, phase, after)) in g.actions.iter().enumerate() {
        let phase = match phase {
            1 => ", phase: prepare",
            2 => ", phase: leap",
            3 => ", phase: embed",
            _ => "",
        };
        let after: Vec<String> = after.iter().map(|a| format!("a{a}")).collect();
        out.push_str(&format!(
            "  - {{ id: a{k}, title: A{k}, dimension: d{d}, impact: {}, effort: {}{phase}, after: [{}] }}\n",
            1 + k % 3,
            1 + (k / 3) % 3,
            after.join(", ")
        ));
    }
    out
}

fn load(g: &GenQ) -> questionnaire::Questionnaire {
    let text = yaml(g);
    let (q, d) = questionnaire::load(&Source::new("gen.yaml", text.clone()));
    q.unwrap_or_else(|| panic!("generated questionnaire does not load: {d:?}\n{text}"))
}

/// A generated answer to one question.
#[derive(Clone, Debug)]
enum Ans {
    Unanswered,
    NotApplicable,
    Choice(usize),
    Multi(Vec<usize>),
    Scale(u8),
    Bool(bool),
    Number(u8),
}

impl Ans {
    /// The answer as YAML text; `None` leaves the question out of the sheet.
    fn text(&self) -> Option<String> {
        Some(match self {
            Ans::Unanswered => return None,
            Ans::NotApplicable => "n/a".into(),
            Ans::Choice(o) => format!("o{o}"),
            Ans::Multi(chosen) => {
                let chosen: Vec<String> = chosen.iter().map(|o| format!("o{o}")).collect();
                format!("[{}]", chosen.join(", "))
            }
            Ans::Scale(v) | Ans::Number(v) => v.to_string(),
            Ans::Bool(b) => b.to_string(),
        })
    }
}

/// A valid answer of the kind.
fn valid_answer(kind: &Gen) -> BoxedStrategy<Ans> {
    match kind {
        Gen::Choice(p) => (0..p.len()).prop_map(Ans::Choice).boxed(),
        Gen::Multi(p) => prop::collection::vec(any::<bool>(), p.len())
            .prop_map(|mask| Ans::Multi(chosen(&mask)))
            .boxed(),
        Gen::Scale(n) => (0..*n).prop_map(Ans::Scale).boxed(),
        Gen::YesNo => any::<bool>().prop_map(Ans::Bool).boxed(),
        Gen::Number(_) => (0u8..50).prop_map(Ans::Number).boxed(),
    }
}

/// The options a mask picks, in option order.
fn chosen(mask: &[bool]) -> Vec<usize> {
    (0..mask.len()).filter(|&o| mask[o]).collect()
}

/// An answer to one question: one in eight unanswered, one in eight n/a, the rest valid.
fn answer(kind: &Gen) -> BoxedStrategy<Ans> {
    prop_oneof![
        1 => Just(Ans::Unanswered),
        1 => Just(Ans::NotApplicable),
        6 => valid_answer(kind),
    ]
    .boxed()
}

/// One answer for each question of the questionnaire, in questionnaire order.
fn answers(g: &GenQ) -> Vec<BoxedStrategy<Ans>> {
    g.dimensions
        .iter()
        .flat_map(|(_, questions)| questions)
        .map(|(kind, _)| answer(kind))
        .collect()
}

/// A questionnaire with one sheet's answers.
fn questionnaire_and_answers() -> impl Strategy<Value = (GenQ, Vec<Ans>)> {
    gen_questionnaire().prop_flat_map(|g| {
        let a = answers(&g);
        (Just(g), a)
    })
}

fn sheet_yaml(g: &GenQ, answers: &[Ans], name: &str, role: &str) -> String {
    let mut out = format!(
        "format: leapcheck/answers@1\nquestionnaire: gen@1.0.0\norganization: Gen Co\nrespondent: {{ name: {name}, role: {role} }}\nanswers:\n"
    );
    let ids = g
        .dimensions
        .iter()
        .enumerate()
        .flat_map(|(d, (_, questions))| (0..questions.len()).map(move |k| format!("q{d}_{k}")));
    for (id, a) in ids.zip(answers) {
        if let Some(a) = a.text() {
            out.push_str(&format!("  {id}: {a}\n"));
        }
    }
    out
}

/// A question together with two valid answers to it, the second strictly better than the first:
/// (kind, weight, worse, better). Built so, never filtered, so every case has such a pair.
fn improvable_question() -> impl Strategy<Value = (Gen, u8, Ans, Ans)> {
    use prop::sample::Index;
    let kind_and_pair = prop_oneof![
        // Two different options, the second worth more points.
        (prop::collection::vec(0u8..5, 2..5), any::<(Index, Index)>()).prop_map(
            |(mut p, (a, b))| {
                let n = p.len();
                let a = a.index(n);
                let b = (a + 1 + b.index(n - 1)) % n;
                p[b] = p[b].max(p[a] + 1);
                (Gen::Choice(p), Ans::Choice(a), Ans::Choice(b))
            }
        ),
        // Any choice of options, then one more that is worth points.
        (
            prop::collection::vec((0u8..4, any::<bool>()), 2..5),
            any::<Index>()
        )
            .prop_map(|(options, j)| {
                let (mut p, mut mask): (Vec<u8>, Vec<bool>) = options.into_iter().unzip();
                let j = j.index(p.len());
                p[j] = p[j].max(1);
                mask[j] = false;
                let worse = chosen(&mask);
                mask[j] = true;
                (Gen::Multi(p), Ans::Multi(worse), Ans::Multi(chosen(&mask)))
            }),
        // A lower and a higher point of the scale.
        (2u8..6, any::<(Index, Index)>()).prop_map(|(n, (a, b))| {
            let a = a.index(usize::from(n) - 1);
            let b = a + 1 + b.index(usize::from(n) - 1 - a);
            (Gen::Scale(n), Ans::Scale(a as u8), Ans::Scale(b as u8))
        }),
        Just((Gen::YesNo, Ans::Bool(false), Ans::Bool(true))),
        // A number in a lower band, then one in the last band, which is worth the most.
        (
            prop::collection::vec(0u8..5, 2..4),
            any::<Index>(),
            0u8..10,
            0u8..10
        )
            .prop_map(|(mut bands, a, x, y)| {
                let last = bands.len() - 1;
                bands[last] = bands[..last].iter().copied().max().unwrap_or(0) + 1;
                let a = a.index(last) as u8;
                let (worse, better) = (10 * a + x, 10 * last as u8 + y);
                (Gen::Number(bands), Ans::Number(worse), Ans::Number(better))
            }),
    ];
    (kind_and_pair, 1u8..4)
        .prop_map(|((kind, worse, better), weight)| (kind, weight, worse, better))
}

fn load_sheet(q: &questionnaire::Questionnaire, text: &str) -> sheet::Sheet {
    let (s, d) = sheet::load(&Source::new("s.yaml", text.to_string()), q);
    s.unwrap_or_else(|| panic!("generated sheet does not load: {d:?}\n{text}"))
}

fn in_range(x: Option<f64>) -> bool {
    x.is_none_or(|x| (0.0..=100.0).contains(&x))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Any text, and any mangling of a valid file, loads or fails without panicking.
    #[test]
    fn loading_never_panics(text in "\\PC{0,300}", cut in 0usize..2000, junk in "\\PC{0,20}") {
        let b = leapcheck::builtin::DEFAULT;
        let q = questionnaire::load(&Source::new(b.file, b.text)).0.unwrap();
        let _ = questionnaire::load(&Source::new("any.yaml", text.clone()));
        let _ = sheet::load(&Source::new("any.yaml", text), &q);
        let example = include_str!("../examples/bank-planned-not-aligned.yaml");
        let mut at = cut.min(example.len());
        while !example.is_char_boundary(at) {
            at -= 1;
        }
        let mangled = format!("{}{junk}{}", &example[..at], &example[at..]);
        if let (Some(s), _) = sheet::load(&Source::new("m.yaml", mangled), &q) {
            let a = score::assess(&q, &s);
            prop_assert!(in_range(a.overall));
        }
        let qtext = format!("{}{junk}{}", &b.text[..cut.min(b.text.len())], &b.text[cut.min(b.text.len())..]);
        let _ = questionnaire::load(&Source::new("mq.yaml", qtext));
    }

    /// Every dimension, unit and overall score lies in 0..100.
    #[test]
    fn every_score_is_within_0_to_100((g, answers) in questionnaire_and_answers()) {
        let q = load(&g);
        let s = load_sheet(&q, &sheet_yaml(&g, &answers, "Ann", "lead"));
        let a = score::assess(&q, &s);
        prop_assert!(in_range(a.overall));
        for d in &a.dimensions {
            prop_assert!(in_range(d.score));
            prop_assert!((0.0..=1.0).contains(&d.coverage));
        }
    }

    /// A strictly better answer to one question raises its dimension's score and leaves every
    /// other dimension alone; the overall score rises with it when the dimension counts towards
    /// it (enough coverage), and stays put otherwise. Every case has such a pair of answers: the
    /// question is generated with them, and inserted anywhere in a generated questionnaire. In
    /// one case in four the question's dimension is otherwise left unanswered, so that it often
    /// lacks the coverage to count towards the overall.
    #[test]
    fn a_better_answer_raises_its_dimension_and_never_lowers_the_overall(
        ((g, answers), (kind, weight, worse, better), at, sparse) in (
            questionnaire_and_answers(),
            improvable_question(),
            any::<(prop::sample::Index, prop::sample::Index)>(),
            prop::bool::weighted(0.25),
        ),
    ) {
        // The improvable question goes into a dimension of the generated questionnaire, at any
        // place among its questions; its answer goes in at the same place in questionnaire order.
        let mut g = g;
        let mut answers = answers;
        let d = at.0.index(g.dimensions.len());
        let k = at.1.index(g.dimensions[d].1.len() + 1);
        g.dimensions[d].1.insert(k, (kind, weight));
        let first = g.dimensions[..d].iter().map(|(_, qs)| qs.len()).sum::<usize>();
        let i = first + k;
        answers.insert(i, worse);
        if sparse {
            for j in (first..first + g.dimensions[d].1.len()).filter(|&j| j != i) {
                answers[j] = Ans::Unanswered;
            }
        }
        let q = load(&g);
        prop_assert_eq!(&q.questions[i].id, &format!("q{d}_{k}"));
        prop_assert_eq!(q.questions[i].dimension, DimensionIx::new(d));
        let before = load_sheet(&q, &sheet_yaml(&g, &answers, "Ann", "lead"));
        answers[i] = better;
        let after = load_sheet(&q, &sheet_yaml(&g, &answers, "Ann", "lead"));

        let points = |s: &sheet::Sheet| {
            s.answers[i].as_ref().and_then(|a| score::question_score(&q.questions[i].kind, a))
        };
        let (worse_points, better_points) = (points(&before), points(&after));
        prop_assert!(
            worse_points.is_some() && better_points > worse_points,
            "the better answer scores {better_points:?}, the worse {worse_points:?}"
        );

        let (a, b) = (score::assess(&q, &before), score::assess(&q, &after));
        let (x, y) = (a.dimensions[d].score, b.dimensions[d].score);
        prop_assert!(x.is_some() && y > x, "dimension d{d}: {x:?} → {y:?}");
        prop_assert_eq!(a.dimensions[d].coverage, b.dimensions[d].coverage);
        for (e, (x, y)) in a.dimensions.iter().zip(&b.dimensions).enumerate() {
            if e != d {
                prop_assert_eq!(x, y, "dimension d{} changed", e);
            }
        }
        if a.dimensions[d].sufficient {
            prop_assert!(
                a.overall.is_some() && b.overall > a.overall,
                "overall {:?} → {:?}", a.overall, b.overall
            );
        } else {
            prop_assert_eq!(a.overall, b.overall);
        }
    }

    /// Making an answer n/a, or removing it, never changes another dimension's score.
    #[test]
    fn na_and_unanswered_stay_in_their_dimension(
        (g, answers) in questionnaire_and_answers(),
        pick in any::<prop::sample::Index>(),
    ) {
        let q = load(&g);
        let s = load_sheet(&q, &sheet_yaml(&g, &answers, "Ann", "lead"));
        let i = pick.index(q.questions.len());
        let a = score::assess(&q, &s);
        for replacement in [Some(sheet::Answer::NotApplicable), None] {
            let mut t = s.clone();
            t.answers[i] = replacement;
            let b = score::assess(&q, &t);
            for ((d, x), y) in DimensionIx::enumerate(&a.dimensions).zip(&b.dimensions) {
                if d != q.questions[i].dimension {
                    prop_assert_eq!(x, y);
                }
            }
        }
    }

    /// Any order of the same sheets gives the same workshop report, to the byte.
    #[test]
    fn aggregation_is_order_independent(
        (g, people, shuffled) in gen_questionnaire().prop_flat_map(|g| {
            let people = prop::collection::vec(answers(&g), 2..6);
            (Just(g), people)
        }).prop_flat_map(|(g, people)| {
            let order = Just((0..people.len()).collect::<Vec<usize>>()).prop_shuffle();
            (Just(g), Just(people), order)
        }),
    ) {
        let q = load(&g);
        let sheets: Vec<sheet::Sheet> = people
            .iter()
            .enumerate()
            .map(|(k, answers)| load_sheet(&q, &sheet_yaml(&g, answers, &format!("P{}", k % 3), if k % 2 == 0 { "lead" } else { "staff" })))
            .collect();
        let render = |order: &[usize]| {
            let w = aggregate::workshop(&q, order.iter().map(|&k| sheets[k].clone()).collect());
            let p = plan::plan(&q, &w.assessment, None);
            serde_json::to_string(&view::workshop_report(&q, &w, &p, false)).unwrap()
        };
        let straight: Vec<usize> = (0..sheets.len()).collect();
        prop_assert_eq!(render(&straight), render(&shuffled));
    }

    /// No action comes before one in its `after` list, in order or in phase.
    #[test]
    fn the_plan_keeps_every_action_after_its_prerequisites(
        (g, answers) in questionnaire_and_answers(),
    ) {
        let q = load(&g);
        let s = load_sheet(&q, &sheet_yaml(&g, &answers, "Ann", "lead"));
        let a = score::assess(&q, &s);
        let p = plan::plan(&q, &a, LevelIx::all(q.levels.len()).last());
        let position = |action: ActionIx| p.actions.iter().position(|x| x.action == action);
        for (k, planned) in p.actions.iter().enumerate() {
            for &dep in &q.actions[planned.action].after {
                if let Some(j) = position(dep) {
                    prop_assert!(j < k, "{} before its prerequisite {}", q.actions[planned.action].id, q.actions[dep].id);
                    prop_assert!(p.actions[j].phase <= planned.phase);
                }
            }
        }
    }
}
