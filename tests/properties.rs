//! Properties over generated questionnaires and sheets: loading never panics, scores stay in
//! 0..100, a better answer never lowers a score, n/a and unanswered stay in their dimension,
//! aggregation ignores the order of sheets, and the plan keeps every action after its `after`.

use proptest::prelude::*;

use leapcheck::index::{ActionIx, DimensionIx, LevelIx, OptionIx};
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
            let head =
                format!("      - id: {id}\n        text: Q {id}\n        weight: {weight}\n");
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

/// An answer for each question, as YAML text, from a seed per question: some unanswered, some
/// n/a, the rest a valid answer of the kind.
fn answer_text(kind: &Gen, seed: u8) -> Option<String> {
    match seed % 8 {
        0 => return None,
        1 => return Some("n/a".into()),
        _ => {}
    }
    let s = usize::from(seed);
    Some(match kind {
        Gen::Choice(p) => format!("o{}", s % p.len()),
        Gen::Multi(p) => {
            let chosen: Vec<String> = (0..p.len())
                .filter(|o| (s >> o) & 1 == 1)
                .map(|o| format!("o{o}"))
                .collect();
            format!("[{}]", chosen.join(", "))
        }
        Gen::Scale(n) => format!("{}", s % usize::from(*n)),
        Gen::YesNo => if s % 2 == 0 { "true" } else { "false" }.into(),
        Gen::Number(_) => format!("{}", s % 50),
    })
}

fn sheet_yaml(g: &GenQ, seeds: &[u8], name: &str, role: &str) -> String {
    let mut out = format!(
        "format: leapcheck/answers@1\nquestionnaire: gen@1.0.0\norganization: Gen Co\nrespondent: {{ name: {name}, role: {role} }}\nanswers:\n"
    );
    let mut k = 0;
    for (d, (_, questions)) in g.dimensions.iter().enumerate() {
        for (i, (kind, _)) in questions.iter().enumerate() {
            if let Some(a) = answer_text(kind, seeds[k % seeds.len()]) {
                out.push_str(&format!("  q{d}_{i}: {a}\n"));
            }
            k += 1;
        }
    }
    out
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
    fn every_score_is_within_0_to_100(g in gen_questionnaire(), seeds in prop::collection::vec(any::<u8>(), 1..20)) {
        let q = load(&g);
        let s = load_sheet(&q, &sheet_yaml(&g, &seeds, "Ann", "lead"));
        let a = score::assess(&q, &s);
        prop_assert!(in_range(a.overall));
        for d in &a.dimensions {
            prop_assert!(in_range(d.score));
            prop_assert!((0.0..=1.0).contains(&d.coverage));
        }
    }

    /// Raising one answer's points never lowers its dimension's score or the overall score.
    #[test]
    fn a_better_answer_never_lowers_a_score(
        g in gen_questionnaire(),
        seeds in prop::collection::vec(2u8..=255, 1..20),
        pick in any::<prop::sample::Index>(),
    ) {
        let q = load(&g);
        let s = load_sheet(&q, &sheet_yaml(&g, &seeds, "Ann", "lead"));
        let i = pick.index(q.questions.len());
        let kind = &q.questions[i].kind;
        let Some(current) = s.answers[i].clone() else { return Ok(()) };
        let Some(before_q) = score::question_score(kind, &current) else { return Ok(()) };
        // Every answer of the kind that scores higher.
        let candidates: Vec<sheet::Answer> = match kind {
            questionnaire::Kind::Choice { options } => OptionIx::all(options.len()).map(sheet::Answer::Choice).collect(),
            questionnaire::Kind::Multi { options, .. } => (0..1usize << options.len())
                .map(|m| sheet::Answer::Multi(OptionIx::all(options.len()).filter(|o| (m >> o.get()) & 1 == 1).collect()))
                .collect(),
            questionnaire::Kind::Scale { points, .. } => points.iter().map(|p| sheet::Answer::Number(p.value)).collect(),
            questionnaire::Kind::YesNo => vec![sheet::Answer::Bool(true), sheet::Answer::Bool(false)],
            questionnaire::Kind::Number { .. } => (0..60).map(|x| sheet::Answer::Number(f64::from(x))).collect(),
            questionnaire::Kind::Text => vec![],
        };
        let a = score::assess(&q, &s);
        let d = q.questions[i].dimension;
        for better in candidates {
            if score::question_score(kind, &better).is_none_or(|x| x <= before_q) {
                continue;
            }
            let mut t = s.clone();
            t.answers[i] = Some(better.clone());
            let b = score::assess(&q, &t);
            prop_assert!(b.dimensions[d].score.unwrap() >= a.dimensions[d].score.unwrap() - 1e-9, "{better:?}");
            if let (Some(x), Some(y)) = (a.overall, b.overall) {
                prop_assert!(y >= x - 1e-9, "overall {x} → {y} with {better:?}");
            }
        }
    }

    /// Making an answer n/a, or removing it, never changes another dimension's score.
    #[test]
    fn na_and_unanswered_stay_in_their_dimension(
        g in gen_questionnaire(),
        seeds in prop::collection::vec(any::<u8>(), 1..20),
        pick in any::<prop::sample::Index>(),
    ) {
        let q = load(&g);
        let s = load_sheet(&q, &sheet_yaml(&g, &seeds, "Ann", "lead"));
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
        g in gen_questionnaire(),
        people in prop::collection::vec(prop::collection::vec(any::<u8>(), 1..12), 2..6),
        shuffle in any::<u64>(),
    ) {
        let q = load(&g);
        let sheets: Vec<sheet::Sheet> = people
            .iter()
            .enumerate()
            .map(|(k, seeds)| load_sheet(&q, &sheet_yaml(&g, seeds, &format!("P{}", k % 3), if k % 2 == 0 { "lead" } else { "staff" })))
            .collect();
        let render = |order: &[usize]| {
            let w = aggregate::workshop(&q, order.iter().map(|&k| sheets[k].clone()).collect());
            let p = plan::plan(&q, &w.assessment, None);
            serde_json::to_string(&view::workshop_report(&q, &w, &p, false)).unwrap()
        };
        let straight: Vec<usize> = (0..sheets.len()).collect();
        let mut shuffled = straight.clone();
        // A Fisher–Yates shuffle driven by the generated seed.
        let mut state = shuffle;
        for k in (1..shuffled.len()).rev() {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            shuffled.swap(k, (state >> 33) as usize % (k + 1));
        }
        prop_assert_eq!(render(&straight), render(&shuffled));
    }

    /// No action comes before one in its `after` list, in order or in phase.
    #[test]
    fn the_plan_keeps_every_action_after_its_prerequisites(
        g in gen_questionnaire(),
        seeds in prop::collection::vec(any::<u8>(), 1..20),
    ) {
        let q = load(&g);
        let s = load_sheet(&q, &sheet_yaml(&g, &seeds, "Ann", "lead"));
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
