//! One reader of answers: the same values given in a hand-written sheet, in a cell of a survey
//! export and at the interview's prompts come out as the same answers, or as the same problem in
//! the same words.

use leapcheck::answer::Answer;
use leapcheck::import::answers;
use leapcheck::import::mapping::{Columns, QuestionMap};
use leapcheck::index::OptionIx;
use leapcheck::interview::{self, Asker, Reply, Step};
use leapcheck::questionnaire::{self, Questionnaire};
use leapcheck::sheet;
use leapcheck::source::Source;

use crate::support::fixture;

fn questionnaire() -> Questionnaire {
    let text = std::fs::read_to_string(fixture("interview.yaml")).unwrap();
    questionnaire::load(&Source::new("interview.yaml", text))
        .0
        .expect("the fixture loads")
}

/// A sheet answering `id` with `yaml` (and `has_team: yes`, which shows `team_size`): its answer,
/// or its first error's message.
fn through_sheet(q: &Questionnaire, id: &str, yaml: &str) -> Result<Option<Answer>, String> {
    let mut answers = format!("  {id}: {yaml}\n");
    if id != "has_team" && q.question_index("has_team").is_some() {
        answers.push_str("  has_team: yes\n");
    }
    let text = format!(
        "format: leapcheck/answers@1\nquestionnaire: {}\nanswers:\n{answers}",
        q.reference()
    );
    let (loaded, diagnostics) = sheet::load(&Source::new("s.yaml", text), q);
    match loaded {
        Some(s) => Ok(s.answers[q.question_index(id).unwrap()].clone()),
        None => Err(diagnostics[0].message.clone()),
    }
}

fn through_import(q: &Questionnaire, id: &str, cell: &str) -> Result<Option<Answer>, String> {
    let i = q.question_index(id).unwrap();
    let map = QuestionMap {
        question: i,
        columns: Columns::PerOption(Vec::new()),
        separator: None,
        labels: Vec::new(),
        other: None,
    };
    answers::read(&q.questions[i], &map, ";", cell).map(|c| c.answer)
}

/// Answers every prompt from a script: items are picked by label, lines are typed, and what the
/// prompt's check says of a typed line is kept.
struct Script {
    labels: Vec<String>,
    line: String,
    refused: Option<String>,
}

impl Asker for Script {
    fn say(&mut self, _: &str) -> interview::Asked<()> {
        Ok(())
    }
    fn select(&mut self, _: &str, items: &[String], _: usize) -> interview::Asked<Option<usize>> {
        // "yes" and "no" are offered as "Yes" and "No".
        Ok(items
            .iter()
            .position(|i| i.eq_ignore_ascii_case(&self.labels[0])))
    }
    fn multi(
        &mut self,
        _: &str,
        items: &[String],
        _: &[bool],
    ) -> interview::Asked<Option<Vec<usize>>> {
        let picked = self
            .labels
            .iter()
            .filter_map(|l| items.iter().position(|i| i == l));
        Ok(Some(picked.collect()))
    }
    fn confirm(&mut self, _: &str, _: Option<bool>) -> interview::Asked<Option<bool>> {
        Ok(Some(self.labels[0] == "yes"))
    }
    fn input(
        &mut self,
        _: &str,
        _: &str,
        check: &dyn Fn(&str) -> Result<(), String>,
    ) -> interview::Asked<String> {
        self.refused = check(&self.line).err();
        Ok(if self.refused.is_some() {
            String::new()
        } else {
            self.line.clone()
        })
    }
}

fn through_interview(
    q: &Questionnaire,
    id: &str,
    labels: &[&str],
    line: &str,
) -> Result<Option<Answer>, String> {
    let mut script = Script {
        labels: labels.iter().map(|l| l.to_string()).collect(),
        line: line.to_string(),
        refused: None,
    };
    let step = Step {
        question: q.question_index(id).unwrap(),
        unit: None,
    };
    let reply = interview::ask(&mut script, q, "Your answer", step, None).unwrap();
    match (script.refused, reply) {
        (Some(problem), _) => Err(problem),
        (None, Reply::Answer(a)) => Ok(a),
        (None, Reply::Back) => panic!("went back"),
    }
}

/// A question, its value in a sheet, in a cell, the items picked or the line typed at the prompt,
/// and the answer all three must give.
type Given<'a> = (&'a str, &'a str, &'a str, &'a [&'a str], &'a str, Answer);

#[test]
fn sheet_import_and_interview_read_values_alike() {
    let q = questionnaire();
    // (question, in a sheet, in a cell, picked or typed at the prompt, the answer)
    let answered: &[Given] = &[
        (
            "channel",
            "social",
            "Social media",
            &["Social media"],
            "",
            Answer::Choice(OptionIx::new(1)),
        ),
        (
            "channel",
            "n/a",
            "N/A",
            &["Not applicable"],
            "",
            Answer::NotApplicable,
        ),
        (
            "tools",
            "[crm, monitor]",
            "A CRM;monitor",
            &["A monitoring tool", "A CRM"],
            "",
            Answer::Multi(vec![OptionIx::new(0), OptionIx::new(2)]),
        ),
        (
            "confidence",
            "2",
            "Fully",
            &["2 — Fully"],
            "",
            Answer::Number(2.0),
        ),
        ("has_team", "yes", "y", &["yes"], "", Answer::Bool(true)),
        ("has_team", "n", "No", &["no"], "", Answer::Bool(false)),
        ("team_size", "12", "12", &[], "12", Answer::Number(12.0)),
        ("team_size", "n/a", "n/a", &[], "n/a", Answer::NotApplicable),
        (
            "story",
            "Began in 2019",
            "Began in 2019",
            &[],
            "Began in 2019",
            Answer::Text("Began in 2019".into()),
        ),
    ];
    for (id, yaml, cell, labels, line, answer) in answered {
        let want = Ok(Some(answer.clone()));
        assert_eq!(through_sheet(&q, id, yaml), want, "sheet, {id}: {yaml}");
        assert_eq!(through_import(&q, id, cell), want, "import, {id}: {cell}");
        assert_eq!(
            through_interview(&q, id, labels, line),
            want,
            "interview, {id}"
        );
    }
    // (question, the same wrong value everywhere, whether a prompt can be given it, the problem)
    let refused: &[(&str, &str, bool, &str)] = &[
        (
            "channel",
            "fax",
            false,
            "`fax` is not an option of `channel`; use one of `email` (Email), `social` (Social media), `phone` (Phone)",
        ),
        (
            "tools",
            "monitr",
            false,
            "`monitr` is not an option of `tools`; did you mean `monitor`?",
        ),
        (
            "confidence",
            "7",
            false,
            "7 is outside the `agree` scale of `confidence` (0 to 2); give a value from 0 to 2",
        ),
        (
            "has_team",
            "maybe",
            false,
            "`has_team` is a yes/no question; answer `yes` or `no`, not `maybe`",
        ),
        (
            "has_team",
            "n/a",
            false,
            "`has_team` does not allow `n/a`; give an answer or leave it empty",
        ),
        (
            "team_size",
            "900",
            true,
            "900 is out of range for `team_size`; give a number from 0 to 500",
        ),
        (
            "team_size",
            "lots",
            true,
            "`team_size` takes a number, not `lots`",
        ),
    ];
    for (id, value, typed, problem) in refused {
        let yaml = if *id == "tools" {
            format!("[{value}]")
        } else {
            value.to_string()
        };
        assert_eq!(
            through_sheet(&q, id, &yaml),
            Err(problem.to_string()),
            "sheet, {id}"
        );
        let import = through_import(&q, id, value).unwrap_err();
        assert!(import.starts_with(problem), "import, {id}: {import}");
        if *typed {
            let interview = through_interview(&q, id, &[], value);
            assert_eq!(interview, Err(problem.to_string()), "interview, {id}");
        }
    }
}

/// Answers that `show_if` hides are dropped by the one filter, wherever the sheet came from.
#[test]
fn hidden_answers_are_dropped_alike() {
    let q = questionnaire();
    let text = format!(
        "format: leapcheck/answers@1\nquestionnaire: {}\nanswers:\n  has_team: no\n  team_size: 4\n",
        q.reference()
    );
    let (loaded, diagnostics) = sheet::load(&Source::new("s.yaml", text), &q);
    let loaded = loaded.unwrap();
    let size = q.question_index("team_size").unwrap();
    assert_eq!(loaded.answers[size], None);
    assert!(diagnostics[0].message.contains("hidden"), "{diagnostics:?}");
    let mut typed = loaded.clone();
    typed.answers[size] = Some(Answer::Number(4.0));
    assert_eq!(interview::without_hidden(&q, &typed), loaded);
    let dropped = sheet::visibility::drop_hidden(&q, &mut typed);
    assert_eq!(
        dropped,
        [Step {
            question: size,
            unit: None
        }]
    );
}

/// The interview refuses at its prompt a name that the sheet loader would refuse on reading the
/// saved sheet back, in the same words.
#[test]
fn the_interview_takes_no_name_its_own_sheet_could_not_be_read_back_with() {
    let q = questionnaire();
    let long = "O".repeat(300);
    let mut script = Script {
        labels: vec!["Team lead".into()],
        line: long.clone(),
        refused: None,
    };
    let mut sheet = leapcheck::sheet::Sheet::blank(&q);
    interview::start(&mut script, &q, &mut sheet).unwrap();
    let refused = script.refused.expect("a 300-character name is refused");
    let text = format!(
        "format: leapcheck/answers@1\nquestionnaire: {}\norganization: {long}\n",
        q.reference()
    );
    let (_, diagnostics) = sheet::load(&Source::new("s.yaml", text), &q);
    assert_eq!(diagnostics[0].message, refused);
}

/// A questionnaire with an option that stands alone and a question that counts.
fn counting() -> Questionnaire {
    let text = "format: leapcheck/questionnaire@1\nid: counting\nversion: 1.0.0\ntitle: Counting\nlevels:\n  - { id: low, name: Low, min_score: 0 }\ndimensions:\n  - id: d\n    name: D\n    questions:\n      - id: tools\n        text: Which tools?\n        help: Tick every tool in use.\n        type: multi\n        options:\n          - { value: monitor, label: A monitoring tool, points: 1 }\n          - { value: inbox, label: A shared inbox, points: 1 }\n          - { value: none, label: None yet, points: 0, exclusive: true }\n      - { id: staff, text: How many people?, type: number, integer: true, bands: [{ min: 0, points: 0 }, { min: 3, points: 1 }] }\n";
    questionnaire::load(&Source::new("counting.yaml", text))
        .0
        .expect("loads")
}

/// An option that stands alone, and a count, are read alike everywhere.
#[test]
fn exclusive_options_and_whole_numbers_are_read_alike() {
    let q = counting();
    let alone = "`none` stands alone in `tools`; choose it or the others, not both";
    assert_eq!(
        through_sheet(&q, "tools", "[monitor, none]"),
        Err(alone.into())
    );
    let import = through_import(&q, "tools", "A monitoring tool;None yet").unwrap_err();
    assert!(import.starts_with(alone), "{import}");
    assert_eq!(
        through_sheet(&q, "tools", "[none]"),
        Ok(Some(Answer::Multi(vec![OptionIx::new(2)])))
    );
    let whole = "5.5 is not a whole number, which `staff` counts in; give one such as 6";
    assert_eq!(through_sheet(&q, "staff", "5.5"), Err(whole.into()));
    assert!(
        through_import(&q, "staff", "5.5")
            .unwrap_err()
            .starts_with(whole)
    );
    assert_eq!(
        through_interview(&q, "staff", &[], "5.5"),
        Err(whole.into())
    );
    assert_eq!(
        through_interview(&q, "staff", &[], "6"),
        Ok(Some(Answer::Number(6.0)))
    );
}

/// Ticks a multi-select from a list of rounds (labels to tick), recording what each round showed
/// as ticked and what was said between rounds.
struct Rounds {
    rounds: Vec<Vec<&'static str>>,
    shown: Vec<Vec<String>>,
    said: Vec<String>,
}

impl Asker for Rounds {
    fn say(&mut self, text: &str) -> interview::Asked<()> {
        self.said.push(text.to_string());
        Ok(())
    }
    fn select(&mut self, _: &str, _: &[String], _: usize) -> interview::Asked<Option<usize>> {
        unreachable!("only multi-selects here")
    }
    fn multi(
        &mut self,
        _: &str,
        items: &[String],
        checked: &[bool],
    ) -> interview::Asked<Option<Vec<usize>>> {
        let ticked = items.iter().zip(checked).filter(|(_, c)| **c);
        self.shown.push(ticked.map(|(i, _)| i.clone()).collect());
        let round = self.rounds.remove(0);
        let picks = round
            .iter()
            .map(|l| items.iter().position(|i| i == l).unwrap());
        Ok(Some(picks.collect()))
    }
    fn confirm(&mut self, _: &str, _: Option<bool>) -> interview::Asked<Option<bool>> {
        unreachable!("only multi-selects here")
    }
    fn input(
        &mut self,
        _: &str,
        _: &str,
        _: &dyn Fn(&str) -> Result<(), String>,
    ) -> interview::Asked<String> {
        unreachable!("only multi-selects here")
    }
}

fn tick_rounds(q: &Questionnaire, rounds: Vec<Vec<&'static str>>) -> (Reply, Rounds) {
    let mut asker = Rounds {
        rounds,
        shown: Vec::new(),
        said: Vec::new(),
    };
    let step = Step {
        question: q.question_index("tools").unwrap(),
        unit: None,
    };
    let reply = interview::ask(&mut asker, q, "Your answer", step, None).unwrap();
    (reply, asker)
}

#[test]
fn a_multi_select_keeps_its_ticks_through_help_offers_skip_and_keeps_none_alone() {
    let q = counting();
    // Help shows, and the list comes back with the ticks as they were left.
    let (reply, asker) = tick_rounds(
        &q,
        vec![
            vec!["A monitoring tool", "A shared inbox", "? Show help"],
            vec!["A monitoring tool", "A shared inbox"],
        ],
    );
    assert_eq!(asker.said, ["Tick every tool in use."]);
    assert_eq!(asker.shown[1], ["A monitoring tool", "A shared inbox"]);
    let both = Answer::Multi(vec![OptionIx::new(0), OptionIx::new(1)]);
    assert_eq!(reply, Reply::Answer(Some(both)));
    // Skip leaves the question unanswered (not an empty list worth 0 points).
    let (reply, _) = tick_rounds(&q, vec![vec!["Skip for now (leave unanswered)"]]);
    assert_eq!(reply, Reply::Answer(None));
    // "None yet" with a tool is refused, said why, and asked again with the ticks kept.
    let (reply, asker) = tick_rounds(
        &q,
        vec![vec!["A monitoring tool", "None yet"], vec!["None yet"]],
    );
    assert!(asker.said[0].contains("stands alone"), "{:?}", asker.said);
    assert_eq!(asker.shown[1], ["A monitoring tool", "None yet"]);
    assert_eq!(
        reply,
        Reply::Answer(Some(Answer::Multi(vec![OptionIx::new(2)])))
    );
}

/// Counts the prompts of an interview and answers each with the first choice, "yes", or a line.
struct Counter {
    asked: Vec<String>,
    last_said: String,
}

impl Asker for Counter {
    fn say(&mut self, text: &str) -> interview::Asked<()> {
        self.last_said = text.to_string();
        Ok(())
    }
    fn select(&mut self, _: &str, _: &[String], _: usize) -> interview::Asked<Option<usize>> {
        self.asked.push(self.last_said.clone());
        Ok(Some(0))
    }
    fn multi(&mut self, _: &str, _: &[String], _: &[bool]) -> interview::Asked<Option<Vec<usize>>> {
        self.asked.push(self.last_said.clone());
        Ok(Some(vec![0]))
    }
    fn confirm(&mut self, _: &str, _: Option<bool>) -> interview::Asked<Option<bool>> {
        self.asked.push(self.last_said.clone());
        Ok(Some(true))
    }
    fn input(
        &mut self,
        _: &str,
        _: &str,
        _: &dyn Fn(&str) -> Result<(), String>,
    ) -> interview::Asked<String> {
        self.asked.push(self.last_said.clone());
        Ok("3".into())
    }
}

/// Resuming a sheet with gaps asks exactly the gaps, in order, and no answered question.
#[test]
fn a_resume_asks_exactly_the_gaps() {
    let q = questionnaire();
    let text = format!(
        "format: leapcheck/answers@1\nquestionnaire: {}\norganization: Gap Co\nrespondent: {{ name: Bo, role: lead }}\nunits: [Sales]\nanswers:\n  channel: email\n  tools: [crm]\n  has_team: yes\n  team_size: 4\nunits_answers:\n  Sales: {{ unit_active: yes }}\n",
        q.reference()
    );
    let (loaded, _) = sheet::load(&Source::new("gap.yaml", text), &q);
    let mut sheet = loaded.unwrap();
    let mut asker = Counter {
        asked: Vec::new(),
        last_said: String::new(),
    };
    let start = interview::first_unanswered(&q, &sheet);
    interview::questions(&mut asker, &q, &mut sheet, start, &mut |_| Ok(())).unwrap();
    assert_eq!(
        asker.asked,
        [
            "We answer customers well.",
            "Tell us how it started.",
            "Sales has the skills it needs."
        ]
    );
}

/// A question may name the roles asked it: the others are not asked it, an answer they give is
/// set aside with a warning that says why, and it does not count in their scores; a sheet with
/// no role is asked everything. An unknown role is a load error at its place.
#[test]
fn a_question_for_some_roles_is_asked_and_counted_only_for_them() {
    let text = std::fs::read_to_string(fixture("interview.yaml")).unwrap();
    let for_leads = text.replace(
        "      - id: confidence\n",
        "      - id: confidence\n        roles: [lead]\n",
    );
    let (q, d) = questionnaire::load(&Source::new("roles.yaml", for_leads.clone()));
    let q = q.unwrap_or_else(|| panic!("{d:?}"));
    let sheet_of = |role: &str| {
        format!(
            "format: leapcheck/answers@1\nquestionnaire: {}\norganization: Co\nrespondent: {{ name: Bo{role} }}\nanswers:\n  channel: email\n  confidence: 0\n",
            q.reference()
        )
    };
    let (staff, d) = sheet::load(&Source::new("staff.yaml", sheet_of(", role: staff")), &q);
    let mut staff = staff.unwrap();
    let warning = format!("{d:?}");
    assert!(
        warning.contains("`confidence` is asked only of the roles lead, not of `staff`, so this answer is ignored"),
        "{warning}"
    );
    let confidence = q.question_index("confidence").unwrap();
    assert_eq!(staff.answers[confidence], None);
    let (lead, _) = sheet::load(&Source::new("lead.yaml", sheet_of(", role: lead")), &q);
    assert!(lead.unwrap().answers[confidence].is_some());
    let (anyone, _) = sheet::load(&Source::new("anyone.yaml", sheet_of("")), &q);
    assert!(anyone.unwrap().answers[confidence].is_some());
    // Not counted: the staff sheet's basics score is the channel's alone (email, 1 of 2 points).
    let a = leapcheck::score::assess(&q, &staff);
    assert_eq!(
        a.dimensions[leapcheck::index::DimensionIx::new(0)].score,
        Some(50.0)
    );
    // Not asked: the interview goes from the channel to the tools, past the confidence scale.
    staff.answers[confidence] = None;
    let mut asker = Counter {
        asked: Vec::new(),
        last_said: String::new(),
    };
    let start = interview::first_unanswered(&q, &staff);
    interview::questions(&mut asker, &q, &mut staff, start, &mut |_| Ok(())).unwrap();
    assert!(
        !asker
            .asked
            .iter()
            .any(|t| t.contains("We answer customers well")),
        "{:?}",
        asker.asked
    );
    assert!(asker.asked.iter().any(|t| t.contains("Which tools")));
    let unknown = for_leads.replace("roles: [lead]", "roles: [laed]");
    let (q, d) = questionnaire::load(&Source::new("roles.yaml", unknown));
    assert!(q.is_none());
    let text = format!("{d:?}");
    assert!(
        text.contains("`laed` is not a role of this questionnaire") && text.contains("`lead`"),
        "{text}"
    );
}
