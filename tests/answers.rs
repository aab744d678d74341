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
    if id != "has_team" {
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
    };
    answers::read(&q.questions[i], &map, ";", cell)
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
        Ok(items.iter().position(|i| *i == self.labels[0]))
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
