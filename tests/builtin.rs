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
    for ty in ["choice", "multi", "scale", "yes_no", "number", "text"] {
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
    for b in builtin::QUESTIONNAIRES {
        let q = questionnaire::load(&Source::new(b.file, b.text))
            .0
            .expect("loads");
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
