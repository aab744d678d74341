//! The built-in questionnaire meets the bar the product sets for it.

use leapcheck::builtin;
use leapcheck::questionnaire::{self, Kind};
use leapcheck::source::Source;

#[test]
fn the_built_in_questionnaire_is_complete() {
    let b = builtin::DEFAULT;
    let (q, diagnostics) = questionnaire::load(&Source::new(b.file, b.text));
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let q = q.expect("loads");
    assert!(q.questions.len() >= 30, "{} questions", q.questions.len());
    for required in [
        "sponsorship",
        "ownership",
        "resourcing",
        "listening",
        "unit_objectives",
    ] {
        assert!(
            q.dimensions.iter().any(|d| d.id == required),
            "no dimension {required}"
        );
    }
    assert!(
        q.dimensions
            .iter()
            .find(|d| d.id == "unit_objectives")
            .unwrap()
            .per_unit
    );
    for d in &q.dimensions {
        assert!(
            d.questions.len() >= 4,
            "{} has {} questions",
            d.id,
            d.questions.len()
        );
        assert!(
            d.source.as_deref().is_some_and(|s| !s.is_empty()),
            "{} names no source",
            d.id
        );
    }
    for question in &q.questions {
        assert!(
            question
                .help
                .as_deref()
                .is_some_and(|h| !h.trim().is_empty()),
            "{} has no help",
            question.id
        );
    }
    for question in &q.questions {
        assert!(
            question.source.as_deref().is_some_and(|s| !s.is_empty()),
            "{} names no source",
            question.id
        );
    }
    for ty in ["choice", "multi", "scale", "yes_no", "text"] {
        assert!(
            q.questions.iter().any(|x| x.kind.name() == ty),
            "no {ty} question"
        );
    }
    assert!(
        q.questions
            .iter()
            .any(|x| matches!(x.kind, Kind::Multi { .. }))
    );
    assert_eq!(q.levels.len(), 5);
    assert!(!q.gates.is_empty());
    assert!(
        q.gates.iter().any(|g| g.id.contains("sponsor")),
        "a missing sponsor caps the level"
    );
    for p in [
        "leapt_without_looking",
        "planned_not_aligned",
        "broadcasting_only",
        "marketing_owns_social",
        "voice_outsourced",
        "reactive_entry",
    ] {
        assert!(q.patterns.iter().any(|x| x.id == p), "no pattern {p}");
    }
    assert!(q.actions.len() >= 15);
    for a in &q.actions {
        assert!(
            !a.steps.is_empty() && a.owner.is_some() && a.measure.is_some(),
            "{} lacks steps, owner or measure",
            a.id
        );
    }
}

/// The JSON the build writes for each built-in reads to the same document as its YAML (so the
/// content hash and every field are the same whichever is read), and only the built-ins' own
/// texts are read from JSON.
#[test]
fn built_ins_read_from_json_as_from_yaml() {
    for b in builtin::QUESTIONNAIRES {
        let from_yaml: serde_yaml::Value = serde_yaml::from_str(b.text).unwrap();
        assert_eq!(builtin::parsed(b.text), Some(from_yaml), "{}", b.file);
        let edited = b.text.replacen("format:", "# edited\nformat:", 1);
        assert_eq!(builtin::parsed(&edited), None, "{}", b.file);
    }
}

/// The worst answer to every question gives the lowest level, and the best answer to every
/// question the highest, for every built-in questionnaire.
#[test]
fn the_worst_answers_give_the_lowest_level_and_the_best_the_highest() {
    use leapcheck::answer::Answer;
    use leapcheck::index::{LevelIx, OptionIx, QuestionIx};
    use leapcheck::questionnaire::Question;
    use leapcheck::sheet::{Sheet, UnitAnswers};
    let pick = |question: &Question, best: bool| -> Option<Answer> {
        let by_points = |points: Vec<f64>| {
            let target = if best {
                points.iter().copied().fold(f64::MIN, f64::max)
            } else {
                points.iter().copied().fold(f64::MAX, f64::min)
            };
            OptionIx::new(points.iter().position(|&p| p == target).unwrap())
        };
        match &question.kind {
            Kind::Choice { options } => Some(Answer::Choice(by_points(
                options.iter().map(|o| o.points).collect(),
            ))),
            Kind::Multi { options, .. } => Some(Answer::Multi(
                (0..options.len())
                    .filter(|&k| best == (options[k].points > 0.0 && !options[k].exclusive))
                    .filter(|&k| best || options[k].exclusive)
                    .map(OptionIx::new)
                    .collect(),
            )),
            Kind::Scale { points, .. } => {
                let p = if best { points.last() } else { points.first() };
                Some(Answer::Number(p.unwrap().value))
            }
            Kind::YesNo => Some(Answer::Bool(best)),
            Kind::Number { bands, .. } => {
                let band = if best { bands.last() } else { bands.first() };
                Some(Answer::Number(band.unwrap().min))
            }
            Kind::Text => None,
        }
    };
    for b in builtin::current() {
        let q = load(b);
        for best in [false, true] {
            let mut sheet = Sheet::blank(&q);
            sheet.units = vec!["Sales".into(), "Service".into()];
            sheet.unit_answers = vec![UnitAnswers::default(); 2];
            for (i, question) in QuestionIx::enumerate(&q.questions) {
                let step = |unit| leapcheck::interview::Step { question: i, unit };
                if question.per_unit {
                    for u in leapcheck::index::UnitIx::all(2) {
                        leapcheck::interview::set_answer(
                            &mut sheet,
                            step(Some(u)),
                            pick(question, best),
                        );
                    }
                } else {
                    leapcheck::interview::set_answer(&mut sheet, step(None), pick(question, best));
                }
            }
            let sheet = leapcheck::interview::without_hidden(&q, &sheet);
            let a = leapcheck::score::assess(&q, &sheet);
            let want = if best {
                LevelIx::new(q.levels.len() - 1)
            } else {
                LevelIx::new(0)
            };
            assert_eq!(
                a.level,
                want,
                "{}: the {} answers give {} (overall {:?})",
                q.id,
                if best { "best" } else { "worst" },
                q.levels[a.level].name,
                a.overall
            );
        }
    }
}

/// A built-in, loaded (every one must load).
fn load(b: &builtin::Builtin) -> questionnaire::Questionnaire {
    questionnaire::load(&Source::new(b.file, b.text))
        .0
        .unwrap_or_else(|| panic!("{} loads", b.file))
}

/// A sheet of a built-in with an answer to every question shown, picked by `picks` (one number per
/// question and unit, reduced to the question's answers), hidden answers dropped. With `good`,
/// two picks in three take the best answer, so that few gates hold and a change can show.
fn generated_sheet(
    q: &leapcheck::questionnaire::Questionnaire,
    picks: &[u16],
    good: bool,
) -> leapcheck::sheet::Sheet {
    use leapcheck::answer::Answer;
    use leapcheck::index::{OptionIx, QuestionIx, UnitIx};
    use leapcheck::sheet::{Sheet, UnitAnswers};
    let mut sheet = Sheet::blank(q);
    sheet.units = vec!["Sales".into(), "Service".into(), "Marketing".into()];
    sheet.unit_answers = vec![UnitAnswers::default(); 3];
    let mut next = picks.iter().cycle().copied();
    let mut answer = |kind: &Kind| -> Option<Answer> {
        let raw = usize::from(next.next().unwrap_or(0));
        let best = good && raw % 3 != 0;
        let n = if good { raw / 3 } else { raw };
        let top = |points: Vec<f64>| {
            let max = points.iter().copied().fold(f64::MIN, f64::max);
            points.iter().position(|&p| p == max).unwrap()
        };
        match kind {
            Kind::Choice { options } => Some(Answer::Choice(OptionIx::new(if best {
                top(options.iter().map(|o| o.points).collect())
            } else {
                n % options.len()
            }))),
            Kind::Multi { options, .. } => Some(Answer::Multi(
                (0..options.len())
                    .filter(|&k| !options[k].exclusive)
                    .filter(|&k| {
                        if best {
                            options[k].points > 0.0
                        } else {
                            (n >> k) & 1 == 1
                        }
                    })
                    .map(OptionIx::new)
                    .collect(),
            )),
            Kind::Scale { points, .. } => Some(Answer::Number(if best {
                points[points.len() - 1].value
            } else {
                points[n % points.len()].value
            })),
            Kind::YesNo => Some(Answer::Bool(best || n % 2 == 1)),
            Kind::Number { bands, .. } => Some(Answer::Number(if best {
                bands[bands.len() - 1].min
            } else {
                bands[n % bands.len()].min
            })),
            Kind::Text => None,
        }
    };
    for (i, question) in QuestionIx::enumerate(&q.questions) {
        let units: Vec<Option<UnitIx>> = if question.per_unit {
            UnitIx::all(3).map(Some).collect()
        } else {
            vec![None]
        };
        for unit in units {
            let step = leapcheck::interview::Step { question: i, unit };
            leapcheck::interview::set_answer(&mut sheet, step, answer(&question.kind));
        }
    }
    leapcheck::interview::without_hidden(q, &sheet)
}

/// Every answered step of `sheet` whose answer scores below full marks.
fn weak_steps(
    q: &leapcheck::questionnaire::Questionnaire,
    sheet: &leapcheck::sheet::Sheet,
) -> Vec<leapcheck::interview::Step> {
    leapcheck::interview::steps(q, sheet)
        .into_iter()
        .filter(|s| {
            let question = &q.questions[s.question];
            question.scored()
                && sheet
                    .answer(s.question, s.unit)
                    .and_then(|a| leapcheck::score::question_score(&question.kind, a))
                    .is_some_and(|x| x < 1.0)
        })
        .collect()
}

/// `after` keeps every gate of `before` and does not reach a higher level; with `scores_too`, no
/// score rises either. ("Don't know" may hide a follow-up question, which can move a score a
/// little either way; n/a may not move one up at all.)
fn no_lift(
    q: &leapcheck::questionnaire::Questionnaire,
    before: &leapcheck::score::Assessment,
    after: &leapcheck::score::Assessment,
    how: &str,
    scores_too: bool,
) -> Result<(), proptest::test_runner::TestCaseError> {
    for g in &before.gates {
        proptest::prop_assert!(
            after.gates.contains(g),
            "{}: {how} lifted the gate `{}`",
            q.id,
            q.gates[*g].id
        );
    }
    proptest::prop_assert!(
        after.level <= before.level,
        "{}: {how} raised the level from {} to {}",
        q.id,
        q.levels[before.level].id,
        q.levels[after.level].id
    );
    if !scores_too {
        return Ok(());
    }
    // Stronger than the level: no score rises, so no sheet near a threshold could gain one.
    let rose =
        |x: Option<f64>, y: Option<f64>| matches!((x, y), (Some(x), Some(y)) if y > x + 1e-9);
    proptest::prop_assert!(
        !rose(before.overall, after.overall),
        "{}: {how} raised the overall",
        q.id
    );
    for (d, (b, a)) in before.dimensions.iter().zip(&after.dimensions).enumerate() {
        proptest::prop_assert!(
            !rose(b.score, a.score),
            "{}: {how} raised the score of `{}`",
            q.id,
            q.dimensions[d].id
        );
    }
    Ok(())
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config::with_cases(96))]

    /// For every built-in, turning weak answers into `n/a` (where a question allows it, else the
    /// sheet is refused) or into "Don't know" never lifts a gate and never raises the level, and
    /// leaving them unanswered never lifts a gate: only evidence lifts a gate.
    #[test]
    fn weak_answers_turned_into_na_dont_know_or_blank_never_lift_a_gate(
        picks in proptest::collection::vec(0u16..u16::MAX, 1..160),
        mask in proptest::collection::vec(proptest::bool::ANY, 1..64),
        good in proptest::bool::ANY,
    ) {
        use leapcheck::answer::Answer;
        for b in builtin::current() {
            let q = load(b);
            let sheet = generated_sheet(&q, &picks, good);
            let before = leapcheck::score::assess(&q, &sheet);
            let chosen: Vec<_> = weak_steps(&q, &sheet)
                .into_iter()
                .enumerate()
                .filter(|(k, _)| mask[k % mask.len()])
                .map(|(_, s)| s)
                .collect();
            let (mut na, mut dont_know, mut blank) = (sheet.clone(), sheet.clone(), sheet.clone());
            for &step in &chosen {
                let question = &q.questions[step.question];
                let refused = question.accept(&serde_yaml::Value::from("n/a")).is_err();
                proptest::prop_assert_eq!(refused, !question.allow_na, "{}", question.id);
                if question.allow_na {
                    leapcheck::interview::set_answer(&mut na, step, Some(Answer::NotApplicable));
                }
                if let Some(k) = question.option_values.iter().position(|v| v == "dont_know") {
                    let dk = Answer::Choice(leapcheck::index::OptionIx::new(k));
                    leapcheck::interview::set_answer(&mut dont_know, step, Some(dk));
                }
                leapcheck::interview::set_answer(&mut blank, step, None);
            }
            let assess = |s: &leapcheck::sheet::Sheet| {
                leapcheck::score::assess(&q, &leapcheck::interview::without_hidden(&q, s))
            };
            no_lift(&q, &before, &assess(&na), "n/a", true)?;
            no_lift(&q, &before, &assess(&dont_know), "\"Don't know\"", false)?;
            let blank = assess(&blank);
            for g in &before.gates {
                proptest::prop_assert!(
                    blank.gates.contains(g),
                    "{}: leaving weak answers blank lifted the gate `{}`",
                    q.id,
                    q.gates[*g].id
                );
            }
        }
    }
}

/// The newest edition of each built-in is checked against today's bar (the first edition, kept
/// for old sheets, is not): the full questionnaire, the pulse and the financial variant.
#[test]
fn the_current_built_ins_are_the_full_questionnaire_the_pulse_and_the_variant() {
    let ids: Vec<_> = builtin::current().map(|b| b.reference()).collect();
    assert_eq!(
        ids,
        [
            "social_media_readiness@2.0.0",
            "social_media_pulse@1.0.0",
            "social_media_readiness_financial@2.0.0"
        ]
    );
}

/// Every item of every built-in names its source, and at least half of the actions' measures
/// carry a number (a target, a count or a share).
#[test]
fn built_ins_cite_sources_and_measures_carry_numbers() {
    for b in builtin::current() {
        let q = load(b);
        let cited = |what: &str, id: &str, source: &Option<String>| {
            assert!(
                source.as_deref().is_some_and(|s| !s.trim().is_empty()),
                "{}: {what} {id} names no source",
                q.id
            );
        };
        q.levels
            .iter()
            .for_each(|x| cited("level", &x.id, &x.source));
        q.questions
            .iter()
            .for_each(|x| cited("question", &x.id, &x.source));
        q.gates.iter().for_each(|x| cited("gate", &x.id, &x.source));
        q.patterns
            .iter()
            .for_each(|x| cited("pattern", &x.id, &x.source));
        q.actions
            .iter()
            .for_each(|x| cited("action", &x.id, &x.source));
        let with_number = q
            .actions
            .iter()
            .filter(|a| {
                a.measure
                    .as_deref()
                    .is_some_and(|m| m.chars().any(|c| c.is_ascii_digit()))
            })
            .count();
        assert!(
            2 * with_number >= q.actions.len(),
            "{}: only {with_number} of {} measures carry a number",
            q.id,
            q.actions.len()
        );
    }
}

/// The full questionnaire takes at most 25 minutes with three units, even for a respondent with
/// no role (who is asked every question); a pulse at most 15 scored questions and 10 minutes.
#[test]
fn built_ins_fit_their_time() {
    for b in builtin::current() {
        let q = load(b);
        let (_, minutes) = leapcheck::interview::length(&q, 3, None);
        let limit = if q.id.contains("pulse") { 10 } else { 25 };
        assert!(minutes <= limit, "{}: {minutes} minutes", q.id);
        for d in q.dimensions.iter().filter(|d| d.per_unit) {
            assert!(
                d.questions.len() <= 4,
                "{}: {} per-unit questions",
                q.id,
                d.id
            );
        }
        if q.id.contains("pulse") {
            let scored = q.questions.iter().filter(|x| x.scored()).count();
            assert!(scored <= 15, "{}: {scored} scored questions", q.id);
        }
    }
}

/// No phase of a plan holds more than five actions, for every example and for the worst answers
/// to every built-in.
#[test]
fn no_phase_holds_more_than_five_actions() {
    use leapcheck::questionnaire::Phase;
    let count = |plan: &leapcheck::plan::Plan, phase: Phase| {
        plan.actions.iter().filter(|a| a.phase == phase).count()
    };
    for b in builtin::current() {
        let q = load(b);
        // Pick 0 everywhere: the first option, the lowest scale point, `no`.
        let sheet = generated_sheet(&q, &[0], false);
        let a = leapcheck::score::assess(&q, &sheet);
        let plan = leapcheck::plan::plan(&q, &a, None);
        for phase in [Phase::Prepare, Phase::Leap, Phase::Embed] {
            assert!(count(&plan, phase) <= 5, "{}: {phase:?}", q.id);
        }
        assert!(
            count(&plan, Phase::Prepare) > 0,
            "{}: an empty first phase",
            q.id
        );
    }
    let mut sources = crate::support::example_sheets();
    sources.extend(crate::support::example_workshops());
    for path in sources {
        let v = crate::support::Test::new()
            .args(&["plan", "-f", "json"])
            .arg(&path)
            .run()
            .success()
            .json();
        for phase in v["phases"].as_array().unwrap() {
            if phase["id"] != "later" {
                let n = phase["actions"].as_array().unwrap().len();
                assert!(n <= 5, "{}: {n} actions in {}", path.display(), phase["id"]);
            }
        }
    }
}

/// The financial-services variant is the full questionnaire tailored in one file: the question
/// asking which rules apply is gone (they do), four controls are added where they belong, and the
/// credit union that meets them is a social business; without its complaints logged as
/// complaints, the variant's own gate holds it at engaging.
#[test]
fn the_financial_variant_tailors_the_full_questionnaire() {
    let load = |id: &str| {
        let b = builtin::find(id).expect("built in");
        questionnaire::load(&Source::new(b.file, b.text))
            .0
            .expect("loads")
    };
    let (full, financial) = (
        load("social_media_readiness"),
        load("social_media_readiness_financial"),
    );
    let ids = |q: &questionnaire::Questionnaire| -> Vec<String> {
        q.questions.iter().map(|x| x.id.clone()).collect()
    };
    let (base, variant) = (ids(&full), ids(&financial));
    assert!(!variant.contains(&"rules".to_string()));
    for added in [
        "promotion_approval",
        "third_party_content",
        "complaints_logged",
        "vulnerable_customers",
    ] {
        assert!(
            variant.contains(&added.to_string()) && !base.contains(&added.to_string()),
            "{added}"
        );
    }
    let kept = base.iter().filter(|id| variant.contains(id)).count();
    assert_eq!(
        kept,
        base.len() - 1,
        "every other question of the base is kept"
    );
    let at = |id: &str| variant.iter().position(|x| x == id).unwrap();
    assert_eq!(
        at("promotion_approval"),
        at("supervision") + 1,
        "placed after supervision"
    );
    let dims = |q: &questionnaire::Questionnaire| -> Vec<String> {
        q.dimensions.iter().map(|d| d.id.clone()).collect()
    };
    assert_eq!(dims(&full), dims(&financial));

    let sheet = crate::support::root().join("examples/credit-union-regulated-and-engaged.yaml");
    let text = std::fs::read_to_string(&sheet).unwrap();
    assert!(text.contains("questionnaire: social_media_readiness_financial@2.0.0"));
    let level = |text: &str| {
        let v = crate::support::Test::new()
            .file("sheet.yaml", text)
            .args(&["report", "-f", "json", "sheet.yaml"])
            .run()
            .success()
            .json();
        v["level"]["id"].as_str().unwrap().to_string()
    };
    assert_eq!(level(&text), "social_business");
    let unlogged = text.replace("complaints_logged: true", "complaints_logged: false");
    assert_eq!(level(&unlogged), "engaging");
}

/// Every action of every current built-in declares what holds once it is done (`raises`), so the
/// plan's trajectory moves with every action in it.
#[test]
fn every_action_declares_its_raises() {
    for b in builtin::current() {
        let q = load(b);
        for a in &q.actions {
            assert!(!a.raises.is_empty(), "{}: {} raises nothing", q.id, a.id);
        }
    }
}
