//! The plan's trajectory and the shortest way to a target, on a questionnaire small enough to
//! work out by hand (`tests/fixtures/trajectory/questionnaire.yaml`), and the search against
//! brute force on generated ones.
//!
//! The questionnaire: levels Low 0, Mid 40, High 70. Reach (weight 1): `posts` yes/no (w 1),
//! `cadence` on a 0–4 scale (w 3). Care (weight 1): `training` none 0 / some 1 / full 2 (w 1),
//! `owner` yes/no (w 1). Gate: `owner == false` caps at Low. Actions (phase, effort, raises):
//! 1. A "Name an inbox owner" (prepare, 1, owner: yes; when owner is no; clears the gate)
//! 2. B "Post every week" (leap, 2, posts: yes, cadence: 3; when posts is no)
//! 3. C "Train the team" (embed, 3, training: full; after A)
//! 4. D "Post every day" (embed, 2, cadence: 4; when cadence ≥ 1)
//!
//! Sheet `one`: posts no, cadence 1, training none, owner no; every action is triggered.
//! - today: Reach 100·(0 + 3·¼)/4 = 18.75, Care 0, overall 9.375 → 9.4, Low
//! - after prepare (A): Care 100·(0 + 1)/2 = 50, overall (18.75 + 50)/2 = 34.375 → 34.4, Low
//! - after leap (A, B): Reach 100·(1 + 3·¾)/4 = 81.25, overall 65.625 → 65.6, Mid (gate lifted)
//! - after embed (all): Reach 100, Care 100, overall 100, High: target High reached in embed.
//!
//! Least effort to High: A is needed (the gate caps at Low). A+B (3) 65.6, A+D (3)
//! (75 + 50)/2 = 62.5, A+C (4) (18.75 + 100)/2 = 59.4 fall short; A+B+D (5) (100 + 50)/2 = 75
//! reaches; A+B+C and A+C+D cost 6. So {1, 2, 4}, effort 5.
//!
//! Sheet `two`: posts yes, cadence 0, training none, owner no; B and D are not triggered.
//! - today: Reach 100·1/4 = 25, Care 0, overall 12.5, Low
//! - prepare (A): Care 50, overall 37.5, Low; leap: nothing more, 37.5, Low
//! - embed (A, C): Care 100, overall 62.5, Mid.
//!
//! High is never reached: with everything done the overall is 7.5 short of 70, and Reach (25) is
//! 45 short, which no triggered action raises. Mid: A alone gives 37.5; A with C (C needs A)
//! gives 62.5, effort 1 + 3 = 4.
//!
//! Sheet `three` is `one` with `notes: nothing`, a free-text answer (never scored) on which the
//! gate "Nothing is written down" caps the level at Mid. No action raises it: the scores run as
//! for `one`, but after embed the level is Mid, and no set reaches High, blocked by that gate.
//!
//! The room of `one` and `two` (ties go to the lower answer: posts no, cadence 0, so D is not
//! triggered): today Reach (18.75 + 25)/2 = 21.875, Care 0, overall 10.9. Raises lift every
//! respondent's answers: prepare Care 50, overall 35.9; leap both sheets' Reach 81.25, overall
//! 65.6, Mid; embed Care 100, overall 90.6, High. Least effort to High: A+B (3) 65.6 and A+C (4)
//! (21.875 + 100)/2 = 60.9 fall short, so A+B+C, effort 6.

use serde_json::Value;

use crate::support::*;

/// `leapcheck plan SHEET -q Q -f json …`
fn json_plan(sheet: &str, extra: &[&str]) -> Value {
    let dir = fixture("trajectory");
    let mut args: Vec<String> = vec!["plan".into()];
    args.push(dir.join(sheet).display().to_string());
    args.push("-q".into());
    args.push(dir.join("questionnaire.yaml").display().to_string());
    args.extend(["-f".into(), "json".into()]);
    args.extend(extra.iter().map(|s| s.to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    Test::new().args(&args).run().success().json()
}

/// Each step as (phase, overall, level id, dimension scores).
fn steps(v: &Value) -> Vec<(String, f64, String, Vec<f64>)> {
    v["trajectory"]["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .map(|s| {
            (
                s["phase"].as_str().unwrap().to_string(),
                s["overall"].as_f64().unwrap(),
                s["level"]["id"].as_str().unwrap().to_string(),
                s["dimensions"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|d| d["score"].as_f64().unwrap())
                    .collect(),
            )
        })
        .collect()
}

fn step(phase: &str, overall: f64, level: &str, dims: &[f64]) -> (String, f64, String, Vec<f64>) {
    (phase.into(), overall, level.into(), dims.to_vec())
}

fn shortest_numbers(v: &Value) -> Vec<u64> {
    v["shortest"]["actions"]
        .as_array()
        .expect("shortest actions")
        .iter()
        .map(|a| a["number"].as_u64().unwrap())
        .collect()
}

#[test]
fn one_sheet_projects_each_phase_as_worked_by_hand() {
    let v = json_plan("one.yaml", &["--target", "high"]);
    assert_eq!(
        steps(&v),
        [
            step("today", 9.4, "low", &[18.8, 0.0]),
            step("prepare", 34.4, "low", &[18.8, 50.0]),
            step("leap", 65.6, "mid", &[81.3, 50.0]),
            step("embed", 100.0, "high", &[100.0, 100.0]),
        ]
    );
    let t = &v["trajectory"];
    assert_eq!(t["reached"], true);
    assert_eq!(t["reached_in"], "embed");
    assert!(t["blocked_by"].is_null());
}

#[test]
fn the_least_effort_set_to_the_target_is_marked() {
    let v = json_plan("one.yaml", &["--target", "high"]);
    assert_eq!(v["shortest"]["reachable"], true);
    assert_eq!(v["shortest"]["proven"], true);
    assert_eq!(v["shortest"]["effort"], 5);
    assert_eq!(shortest_numbers(&v), [1, 2, 4]);
    let marked: Vec<u64> = (v["phases"].as_array().unwrap().iter())
        .flat_map(|p| p["actions"].as_array().unwrap().iter())
        .filter(|a| a["in_shortest"] == true)
        .map(|a| a["number"].as_u64().unwrap())
        .collect();
    assert_eq!(marked, [1, 2, 4]);
    // Without --target there is no search.
    assert!(json_plan("one.yaml", &[])["shortest"].is_null());
}

#[test]
fn a_set_brings_its_prerequisites_along() {
    // Mid for sheet two: Train the team needs Name an inbox owner first.
    let v = json_plan("two.yaml", &["--target", "mid"]);
    assert_eq!(v["shortest"]["effort"], 4);
    assert_eq!(shortest_numbers(&v), [1, 2]);
    assert_eq!(v["trajectory"]["reached_in"], "embed");
}

#[test]
fn an_unreachable_target_says_what_no_action_addresses() {
    let v = json_plan("two.yaml", &["--target", "high"]);
    assert_eq!(
        steps(&v),
        [
            step("today", 12.5, "low", &[25.0, 0.0]),
            step("prepare", 37.5, "low", &[25.0, 50.0]),
            step("leap", 37.5, "low", &[25.0, 50.0]),
            step("embed", 62.5, "mid", &[25.0, 100.0]),
        ]
    );
    let blocked = &v["trajectory"]["blocked_by"];
    assert_eq!(v["trajectory"]["reached"], false);
    assert_eq!(blocked["overall_shortfall"], 7.5);
    assert_eq!(blocked["dimensions"][0]["name"], "Reach");
    assert_eq!(blocked["dimensions"][0]["shortfall"], 45.0);
    let s = &v["shortest"];
    assert_eq!(s["reachable"], false);
    assert_eq!(s["actions"].as_array().unwrap().len(), 0);
    assert_eq!(s["blocked_by"]["dimensions"][0]["name"], "Reach");
}

#[test]
fn a_gate_no_action_addresses_is_named() {
    let v = json_plan("three.yaml", &["--target", "high"]);
    let last = &v["trajectory"]["steps"][3];
    assert_eq!(last["overall"], 100.0);
    assert_eq!(last["level"]["id"], "mid");
    assert_eq!(last["capped_by"][0]["title"], "Nothing is written down");
    let blocked = &v["shortest"]["blocked_by"];
    assert_eq!(v["shortest"]["reachable"], false);
    assert_eq!(blocked["gates"][0]["title"], "Nothing is written down");
    assert_eq!(blocked["overall_shortfall"], 0.0);
}

#[test]
fn a_room_is_projected_by_lifting_every_respondent() {
    let v = json_plan("room", &["--target", "high"]);
    assert_eq!(
        steps(&v),
        [
            step("today", 10.9, "low", &[21.9, 0.0]),
            step("prepare", 35.9, "low", &[21.9, 50.0]),
            step("leap", 65.6, "mid", &[81.3, 50.0]),
            step("embed", 90.6, "high", &[81.3, 100.0]),
        ]
    );
    assert_eq!(v["shortest"]["effort"], 6);
    assert_eq!(shortest_numbers(&v), [1, 2, 3]);
}

#[test]
fn every_format_shows_the_trajectory() {
    let dir = fixture("trajectory");
    let run = |format: &str| {
        let sheet = dir.join("one.yaml").display().to_string();
        let q = dir.join("questionnaire.yaml").display().to_string();
        let args = ["plan", &sheet, "-q", &q, "--target", "high", "-f", format];
        Test::new()
            .args(&args)
            .env("COLUMNS", "100")
            .run()
            .success()
            .stdout
    };
    let md = run("markdown");
    for row in [
        "| Today | 9.4 | Low |",
        "| After prepare | 34.4 | Low |",
        "| After leap | 65.6 | Mid |",
        "| After embed | 100.0 | High |",
    ] {
        assert!(md.contains(row), "markdown lacks {row:?}:\n{md}");
    }
    assert!(md.contains("reached after embed"), "{md}");
    assert!(md.contains("Least effort to High: 5"), "{md}");
    let table = run("table");
    for needle in [
        "After prepare",
        "34.4",
        "After embed",
        "reached after embed",
        "Least effort",
    ] {
        assert!(table.contains(needle), "table lacks {needle:?}:\n{table}");
    }
    let html = run("html");
    assert!(html.contains("class=\"trajectory\""), "no chart");
    for label in ["Mid (40.0)", "High (70.0)", "After embed", "65.6"] {
        assert!(html.contains(label), "chart lacks {label:?}");
    }
    assert!(!html.contains("name_owner") && !html.contains("trajectory_test"));
}

#[test]
fn an_unreachable_target_is_said_in_words() {
    let dir = fixture("trajectory");
    let sheet = dir.join("two.yaml").display().to_string();
    let q = dir.join("questionnaire.yaml").display().to_string();
    let md = Test::new()
        .args(&[
            "plan", &sheet, "-q", &q, "--target", "high", "-f", "markdown",
        ])
        .run()
        .success()
        .stdout;
    assert!(md.contains("High is not reached"), "{md}");
    assert!(md.contains("Reach: 25.0"), "{md}");
    assert!(md.contains("No set of these actions reaches High"), "{md}");
}

mod library {
    //! The projection itself: raises lift, never lower, and build a new sheet.

    use leapcheck::answer::Answer;
    use leapcheck::plan::project::raised;
    use leapcheck::source::Source;
    use leapcheck::{questionnaire, sheet};

    use crate::support::fixture;

    #[test]
    fn a_raise_lifts_and_never_lowers_and_the_sheet_stays_as_it_was() {
        let text = std::fs::read_to_string(fixture("trajectory/questionnaire.yaml")).unwrap();
        let (q, d) = questionnaire::load(&Source::new("q.yaml", &text));
        let q = q.unwrap_or_else(|| panic!("{d:?}"));
        let s = "format: leapcheck/answers@1\nquestionnaire: trajectory_test@1.0.0\nanswers: { posts: no, cadence: 4 }\n";
        let (s, d) = sheet::load(&Source::new("s.yaml", s), &q);
        let s = s.unwrap_or_else(|| panic!("{d:?}"));
        let before = s.clone();
        // "Post every week" raises posts to yes and cadence to 3: cadence is 4 already.
        let weekly = &q.actions[q
            .actions
            .iter()
            .position(|a| a.id == "post_weekly")
            .unwrap()];
        let raises: Vec<_> = weekly.raises.iter().collect();
        let after = raised(&q, &s, &raises);
        let at = |id: &str| q.question_index(id).unwrap();
        assert_eq!(after.answer(at("posts"), None), Some(&Answer::Bool(true)));
        assert_eq!(
            after.answer(at("cadence"), None),
            Some(&Answer::Number(4.0))
        );
        // An unanswered question takes the raise.
        let train = &q.actions[q.actions.iter().position(|a| a.id == "train_team").unwrap()];
        let after = raised(&q, &s, &train.raises.iter().collect::<Vec<_>>());
        assert!(after.answer(at("training"), None).is_some());
        assert_eq!(s, before, "the sheet itself is never changed");
    }
}

mod search {
    //! The search against brute force: on small generated questionnaires, the least effort it
    //! finds is the least over every subset of the plan's actions closed under `after`.

    use proptest::prelude::*;

    use leapcheck::index::{ActionIx, LevelIx};
    use leapcheck::plan::project::raises_of;
    use leapcheck::plan::{self, Subject, shortest::least_effort};
    use leapcheck::source::Source;
    use leapcheck::{questionnaire, score, sheet};

    /// An action's effort, the earlier actions it follows, and its raises (question, option).
    type GenAction = (u8, Vec<usize>, Vec<(usize, usize)>);

    /// A generated case: per question its option points (the first option scores 0), per action
    /// its effort, the earlier actions it follows, and its raises (question, option); the sheet's
    /// answers (an option, or none); a gate on question 0's first option; the target level.
    #[derive(Clone, Debug)]
    struct Case {
        points: Vec<Vec<u8>>,
        actions: Vec<GenAction>,
        answers: Vec<Option<usize>>,
        gate: bool,
        target: usize,
    }

    fn case() -> impl Strategy<Value = Case> {
        let questions = prop::collection::vec(prop::collection::vec(1u8..5, 1..4), 2..5);
        questions.prop_flat_map(|extra| {
            let points: Vec<Vec<u8>> = extra
                .iter()
                .map(|e| std::iter::once(0).chain(e.iter().copied()).collect())
                .collect();
            let n = points.len();
            let raise = (0..n).prop_flat_map(move |k| (Just(k), 0usize..4));
            let action = (
                1u8..4,
                prop::collection::vec(any::<prop::sample::Index>(), 0..2),
                prop::collection::vec(raise, 0..3),
            );
            (
                Just(points),
                prop::collection::vec(action, 1..8),
                prop::collection::vec(prop::option::of(0usize..4), n),
                any::<bool>(),
                1usize..3,
            )
                .prop_map(|(points, raw, answers, gate, target)| {
                    let actions = raw
                        .into_iter()
                        .enumerate()
                        .map(|(k, (effort, after, raises))| {
                            let mut deps: Vec<usize> = if k == 0 {
                                Vec::new()
                            } else {
                                after.iter().map(|i| i.index(k)).collect()
                            };
                            deps.sort();
                            deps.dedup();
                            (effort, deps, raises)
                        })
                        .collect();
                    Case {
                        points,
                        actions,
                        answers,
                        gate,
                        target,
                    }
                })
        })
    }

    /// The option of question `k` that `o` names (wrapped into its options).
    fn option(c: &Case, k: usize, o: usize) -> usize {
        o % c.points[k].len()
    }

    fn questionnaire_yaml(c: &Case) -> String {
        let mut out = String::from(
            "format: leapcheck/questionnaire@1\nid: gen\nversion: 1.0.0\ntitle: Generated\nlevels:\n  - { id: l0, name: L0, min_score: 0 }\n  - { id: l1, name: L1, min_score: 35 }\n  - { id: l2, name: L2, min_score: 70 }\ndimensions:\n",
        );
        // Two dimensions (there are at least two questions): even questions in the first, odd
        // in the second.
        for k in 0..2 {
            out.push_str(&format!(
                "  - id: d{k}\n    name: D{k}\n    weight: {}\n    questions:\n",
                k + 1
            ));
            for (j, p) in c.points.iter().enumerate().filter(|(j, _)| j % 2 == k) {
                out.push_str(&format!("      - id: q{j}\n        text: Q{j}\n        type: choice\n        weight: {}\n        options:\n", j + 1));
                for (o, points) in p.iter().enumerate() {
                    out.push_str(&format!(
                        "          - {{ value: o{o}, points: {points} }}\n"
                    ));
                }
            }
        }
        if c.gate {
            out.push_str("gates:\n  - { id: g, when: 'q0 == \"o0\"', max_level: l0 }\n");
        }
        out.push_str("actions:\n");
        for (a, (effort, after, raises)) in c.actions.iter().enumerate() {
            let after: Vec<String> = after.iter().map(|d| format!("a{d}")).collect();
            let mut seen = std::collections::BTreeMap::new();
            for &(k, o) in raises {
                seen.insert(k, option(c, k, o));
            }
            let raises: Vec<String> = seen.iter().map(|(k, o)| format!("q{k}: o{o}")).collect();
            out.push_str(&format!(
                "  - {{ id: a{a}, title: A{a}, dimension: d0, impact: 1, effort: {effort}, after: [{}], raises: {{ {} }} }}\n",
                after.join(", "),
                raises.join(", ")
            ));
        }
        out
    }

    fn sheet_yaml(c: &Case) -> String {
        let answers: Vec<String> = (c.answers.iter().enumerate())
            .filter_map(|(k, a)| a.map(|o| format!("q{k}: o{}", option(c, k, o))))
            .collect();
        format!(
            "format: leapcheck/answers@1\nquestionnaire: gen@1.0.0\nanswers: {{ {} }}\n",
            answers.join(", ")
        )
    }

    /// The least effort over every closed subset of `cands` that reaches `target`.
    fn brute_force(
        q: &questionnaire::Questionnaire,
        subject: &Subject<'_>,
        cands: &[ActionIx],
        target: LevelIx,
    ) -> Option<u32> {
        let mut best: Option<u32> = None;
        for mask in 0u32..(1 << cands.len()) {
            let set: Vec<ActionIx> = (0..cands.len())
                .filter(|k| mask & (1 << k) != 0)
                .map(|k| cands[k])
                .collect();
            let closed = set.iter().all(|&a| {
                q.actions[a]
                    .after
                    .iter()
                    .all(|d| !cands.contains(d) || set.contains(d))
            });
            if !closed {
                continue;
            }
            let cost: u32 = set.iter().map(|&a| u32::from(q.actions[a].effort)).sum();
            let level = subject.assess_with(q, &raises_of(q, &set)).level;
            if level >= target && best.is_none_or(|b| cost < b) {
                best = Some(cost);
            }
        }
        best
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn the_search_finds_the_least_effort_that_brute_force_finds(c in case()) {
            let (q, d) = questionnaire::load(&Source::new("q.yaml", questionnaire_yaml(&c)));
            let q = q.unwrap_or_else(|| panic!("{d:?}\n{}", questionnaire_yaml(&c)));
            let (s, d) = sheet::load(&Source::new("s.yaml", sheet_yaml(&c)), &q);
            let s = s.unwrap_or_else(|| panic!("{d:?}"));
            let a = score::assess(&q, &s);
            let target = LevelIx::new(c.target);
            let p = plan::plan(&q, &a, Some(target));
            let cands: Vec<ActionIx> = p.actions.iter().map(|x| x.action).collect();
            let subject = Subject::Sheet(&s);
            let found = least_effort(&q, &subject, &cands, target);
            prop_assert!(found.proven);
            let expected = brute_force(&q, &subject, &cands, target);
            match (&found.actions, expected) {
                (None, None) => {}
                (Some(set), Some(cost)) => {
                    prop_assert_eq!(found.effort, cost);
                    let level = subject.assess_with(&q, &raises_of(&q, set)).level;
                    prop_assert!(level >= target);
                    for &x in set {
                        for dep in &q.actions[x].after {
                            prop_assert!(!cands.contains(dep) || set.contains(dep));
                        }
                    }
                }
                (got, want) => prop_assert!(false, "search {:?}, brute force {:?}", got, want),
            }
        }
    }
}

/// A gate that no action's raises can lift makes the target unreachable, and the search says so
/// at once, proven, naming the gate; without the gate cut it would look through the subsets of
/// 24 actions until its limit and give up unproven.
#[test]
fn a_gate_no_action_lifts_ends_the_search_proven() {
    let mut q = String::from(
        "format: leapcheck/questionnaire@1\nid: locks\nversion: 1.0.0\ntitle: Locks\nlevels:\n  - { id: low, name: Low, min_score: 0 }\n  - { id: high, name: High, min_score: 50 }\ndimensions:\n  - id: doors\n    name: Doors\n    questions:\n      - { id: locked, text: Is the vault locked?, type: yes_no }\n",
    );
    let mut sheet = String::from(
        "format: leapcheck/answers@1\nquestionnaire: locks@1.0.0\norganization: Acme\nrespondent: { name: Ann }\ndate: 2026-11-20\nanswers:\n  locked: no\n",
    );
    let mut actions = String::from(
        "gates:\n  - { id: open_vault, title: The vault is open, when: 'not (locked == true)', max_level: low, reason: Open. }\nactions:\n",
    );
    for k in 0..24 {
        q.push_str(&format!(
            "      - {{ id: door{k}, text: Is door {k} shut?, type: yes_no }}\n"
        ));
        sheet.push_str(&format!("  door{k}: no\n"));
        actions.push_str(&format!("  - {{ id: shut{k}, title: Shut door {k}, dimension: doors, when: 'door{k} == false', impact: 1, effort: 1, raises: {{ door{k}: true }} }}\n"));
    }
    q.push_str(&actions);
    let v = Test::new()
        .file("q.yaml", &q)
        .file("s.yaml", &sheet)
        .args(&[
            "plan", "s.yaml", "-q", "q.yaml", "-f", "json", "--target", "high",
        ])
        .run()
        .success()
        .json();
    let s = &v["shortest"];
    assert_eq!(s["reachable"], false, "{s}");
    assert_eq!(s["proven"], true, "{s}");
    assert_eq!(
        s["blocked_by"]["gates"][0]["title"], "The vault is open",
        "{s}"
    );
}
