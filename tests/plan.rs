//! The leap plan engine on a hand-built questionnaire: priority, gate-clearing first, `after`
//! across phases, evidence, and target gaps.

use leapcheck::index::{GateIx, LevelIx};
use leapcheck::plan::{self, Plan};
use leapcheck::questionnaire::{self, Phase, Questionnaire};
use leapcheck::source::Source;
use leapcheck::{score, sheet};

const Q: &str = r#"
format: leapcheck/questionnaire@1
id: plan_test
version: 1.0.0
title: Plan test
levels:
  - { id: low, name: Low, min_score: 0 }
  - { id: mid, name: Mid, min_score: 40 }
  - { id: high, name: High, min_score: 80 }
dimensions:
  - id: heavy
    name: Heavy
    weight: 3
    questions:
      - { id: a, text: A, type: yes_no }
      - { id: b, text: B, type: yes_no }
  - id: light
    name: Light
    weight: 1
    questions:
      - { id: c, text: C, type: yes_no }
gates:
  - { id: no_c, when: 'c == false', max_level: low }
actions:
  # priority = impact · weight · (100 − D)/100 / effort; heavy D = 50, light D = 0
  - { id: big, title: Big, dimension: heavy, when: 'a == false', impact: 3, effort: 1 }        # 3·3·0.5/1 = 4.5
  - { id: small, title: Small, dimension: heavy, when: 'b == true', impact: 1, effort: 1 }     # 1·3·0.5/1 = 1.5
  - { id: lift, title: Lift, dimension: light, when: 'c == false', impact: 1, effort: 1, clears: [no_c] }  # 1·1·1/1 = 1
  - { id: late, title: Late, dimension: light, impact: 3, effort: 3, phase: embed }            # 1
  - { id: follow, title: Follow, dimension: heavy, impact: 3, effort: 1, phase: prepare, after: [late] }
  - { id: never, title: Never, dimension: light, when: 'c == true', impact: 3, effort: 1 }
"#;

fn load() -> Questionnaire {
    let (q, d) = questionnaire::load(&Source::new("plan.yaml", Q));
    q.unwrap_or_else(|| panic!("{d:?}"))
}

fn plan_for(q: &Questionnaire, target: Option<&str>) -> Plan {
    let text = "format: leapcheck/answers@1\nquestionnaire: plan_test@1.0.0\nanswers: { a: false, b: true, c: false }\n";
    let (s, d) = sheet::load(&Source::new("s.yaml", text), q);
    let s = s.unwrap_or_else(|| panic!("{d:?}"));
    let a = score::assess(q, &s);
    plan::plan(q, &a, target.map(|t| q.level_index(t).unwrap()))
}

fn ids<'a>(q: &'a Questionnaire, p: &Plan) -> Vec<&'a str> {
    p.actions
        .iter()
        .map(|a| q.actions[a.action].id.as_str())
        .collect()
}

/// The gates with these ids, as indices.
fn gates(q: &Questionnaire, ids: &[&str]) -> Vec<GateIx> {
    ids.iter()
        .map(|id| GateIx::position(&q.gates, |g| g.id == *id).unwrap())
        .collect()
}

#[test]
fn gate_clearing_first_then_priority_and_after_across_phases() {
    let q = load();
    let p = plan_for(&q, None);
    // heavy 50, light 0 → overall (3·50 + 0)/4 = 37.5 → low; the gate holds but the score is
    // already at `low`, so it caps nothing and `lift` is ordered by priority alone.
    assert_eq!(ids(&q, &p), ["big", "small", "lift", "late", "follow"]);
    let phase = |id: &str| {
        p.actions
            .iter()
            .find(|a| q.actions[a.action].id == id)
            .unwrap()
            .phase
    };
    assert_eq!(
        phase("follow"),
        Phase::Embed,
        "moved after `late`, which is in embed"
    );
    assert!((p.actions[0].priority - 4.5).abs() < 1e-9);
    assert!((p.actions[1].priority - 1.5).abs() < 1e-9);
    assert!(
        !ids(&q, &p).contains(&"never"),
        "untriggered actions are not planned"
    );
}

#[test]
fn an_action_clearing_a_holding_gate_comes_first() {
    // With a and b good, the score reaches `mid`, and `no_c` holds it at `low`.
    let q = load();
    let text = "format: leapcheck/answers@1\nquestionnaire: plan_test@1.0.0\nanswers: { a: true, b: true, c: false }\n";
    let s = sheet::load(&Source::new("s.yaml", text), &q).0.unwrap();
    let a = score::assess(&q, &s);
    // heavy 100, light 0 → overall 75 → `mid`, held at `low` by `no_c`.
    let level = |l: LevelIx| q.levels[l].id.as_str();
    assert_eq!((level(a.score_level), level(a.level)), ("mid", "low"));
    let p = plan::plan(&q, &a, None);
    assert_eq!(ids(&q, &p)[0], "lift");
    assert_eq!(p.actions[0].clears, gates(&q, &["no_c"]));
    assert_eq!(p.actions[0].phase, Phase::Prepare);
}

#[test]
fn evidence_cites_the_questions_that_triggered_an_action() {
    let q = load();
    let p = plan_for(&q, None);
    let big = p
        .actions
        .iter()
        .find(|a| q.actions[a.action].id == "big")
        .unwrap();
    assert_eq!(big.evidence, vec![q.question_index("a").unwrap()]);
    let late = p
        .actions
        .iter()
        .find(|a| q.actions[a.action].id == "late")
        .unwrap();
    assert!(late.evidence.is_empty());
}

#[test]
fn a_target_lists_gates_and_shortfalls_and_marks_actions() {
    let q = load();
    let p = plan_for(&q, Some("high"));
    let gap = p.target.as_ref().unwrap();
    assert!(!gap.reached);
    assert_eq!(gap.gates, gates(&q, &["no_c"]));
    assert!((gap.overall_shortfall - 42.5).abs() < 1e-9);
    assert_eq!(
        gap.dimensions.len(),
        2,
        "heavy 50 and light 0 are both below 80"
    );
    assert!(p.actions.iter().all(|a| a.addresses_target));
    let reached = plan_for(&q, Some("low"));
    assert!(reached.target.as_ref().unwrap().reached);
    assert!(reached.actions.iter().all(|a| !a.addresses_target));
}

#[test]
fn the_plan_document_cites_answers_and_keeps_the_order() {
    let sheet = "format: leapcheck/answers@1\nquestionnaire: plan_test@1.0.0\nanswers: { a: false, b: true, c: false }\n";
    let run = crate::support::Test::new()
        .file("q.yaml", Q)
        .file("s.yaml", sheet)
        .args(&[
            "plan", "s.yaml", "-q", "q.yaml", "-f", "json", "--target", "high",
        ])
        .run()
        .success();
    let v = run.json();
    assert_eq!(v["document"], "plan");
    let actions: Vec<&serde_json::Value> = v["phases"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["actions"].as_array().unwrap())
        .collect();
    let ids: Vec<&str> = actions.iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["big", "small", "lift", "late", "follow"]);
    let numbers: Vec<u64> = actions
        .iter()
        .map(|a| a["number"].as_u64().unwrap())
        .collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5]);
    let big = actions[0];
    assert_eq!(big["priority"], 4.5);
    assert_eq!(big["evidence"][0]["question"], "a");
    assert_eq!(big["evidence"][0]["answer"], "no");
    assert_eq!(actions[4]["after"][0], "late");
    assert_eq!(actions[4]["phase"], "embed");
    assert_eq!(v["target"]["level"]["id"], "high");
    assert_eq!(v["target"]["gates"][0]["id"], "no_c");
    assert_eq!(v["target"]["overall_shortfall"], 42.5);
    assert_eq!(v["action_count"], 5);
}

/// A trap the sheet is in brings forward the actions that answer it (`patterns[].actions`):
/// right after gate-lifting ones, before higher priorities, in `prepare` unless they say
/// otherwise; a trap that does not hold changes nothing.
#[test]
fn actions_answering_a_holding_trap_come_right_after_gate_lifting_ones() {
    let with_trap = Q.replace(
        "actions:\n",
        "patterns:\n  - { id: trap, name: The trap, when: 'b == true', actions: [small, late] }\n  - { id: other, name: Other, when: 'c == true', actions: [big] }\nactions:\n",
    );
    let (q, d) = questionnaire::load(&Source::new("plan.yaml", with_trap));
    let q = q.unwrap_or_else(|| panic!("{d:?}"));
    let p = plan_for(&q, None);
    assert_eq!(ids(&q, &p), ["small", "big", "lift", "late", "follow"]);
    let small = &p.actions[0];
    assert_eq!(small.phase, Phase::Prepare);
    assert_eq!(small.answers.len(), 1);
    assert_eq!(q.patterns[small.answers[0]].name, "The trap");
    // `late` says embed: the trap does not move it, but it leads its phase.
    assert_eq!(p.actions[3].phase, Phase::Embed);
    // An unknown action is a load error at its place.
    let broken = Q.replace(
        "actions:\n",
        "patterns:\n  - { id: trap, name: T, when: 'b == true', actions: [smal] }\nactions:\n",
    );
    let (q, d) = questionnaire::load(&Source::new("plan.yaml", broken));
    assert!(q.is_none());
    let text = format!("{d:?}");
    assert!(
        text.contains("`smal` is not an action") && text.contains("did you mean `small`"),
        "{text}"
    );
}

/// No phase holds more than `plan.max_per_phase` actions: the last of a full phase move on, and
/// from embed to a "later" list, each still after what it must follow.
#[test]
fn a_full_phase_passes_its_last_actions_on_and_embed_to_later() {
    let one = Q.replace("levels:\n", "plan: { max_per_phase: 1 }\nlevels:\n");
    let (q, d) = questionnaire::load(&Source::new("plan.yaml", one));
    let q = q.unwrap_or_else(|| panic!("{d:?}"));
    let p = plan_for(&q, None);
    let phases: Vec<(&str, Phase)> = p
        .actions
        .iter()
        .map(|a| (q.actions[a.action].id.as_str(), a.phase))
        .collect();
    assert_eq!(
        phases,
        [
            ("big", Phase::Prepare),
            ("small", Phase::Leap),
            ("lift", Phase::Embed),
            ("late", Phase::Later),
            ("follow", Phase::Later),
        ]
    );
    // The default is five: this plan of five fits in its phases as before.
    assert!(load().max_per_phase == 5);
    for bad in ["0", "-3", "5000"] {
        let text = Q.replace(
            "levels:\n",
            &format!("plan: {{ max_per_phase: {bad} }}\nlevels:\n"),
        );
        let (q, d) = questionnaire::load(&Source::new("plan.yaml", text));
        assert!(q.is_none(), "{bad}");
        assert!(format!("{d:?}").contains("`max_per_phase` is a whole number from 1 to 1000"));
    }
}
