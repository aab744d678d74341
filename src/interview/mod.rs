//! The interview: walks a person through a questionnaire and fills in an answer sheet.
//!
//! The flow lives here and talks to the person only through the small [`Asker`] trait, so it runs
//! the same against a real terminal ([`terminal::Terminal`], dialoguer) and a scripted asker in
//! tests. After every answer the caller's `save` runs, so an interrupted interview loses nothing.

pub mod terminal;

use serde_yaml::Value;

use crate::answer::{Answer, number_text};
use crate::index::{OptionIx, UnitIx};
use crate::questionnaire::accept::{NOT_APPLICABLE, value_text};
use crate::questionnaire::{Kind, Question, Questionnaire};
use crate::sheet::visibility::Visibility;
use crate::sheet::{Sheet, UnitAnswers};

/// What typed into a text or number prompt goes back to the previous question.
pub const BACK: &str = "<";
/// What typed into a text or number prompt shows the question's help.
pub const HELP: &str = "?";

/// One question to ask: a question, for one unit when it is asked per unit.
pub use crate::sheet::visibility::Step;

/// Why an interview stopped before its end.
#[derive(Debug, thiserror::Error)]
pub enum Stop {
    /// The person pressed Ctrl-C at a prompt.
    #[error("interrupted")]
    Interrupted,
    /// The terminal failed.
    #[error("{0}")]
    Terminal(#[from] std::io::Error),
    /// The sheet could not be saved.
    #[error("{0}")]
    Save(#[from] crate::error::Error),
}

/// What a prompt gives: its answer, or why the interview stopped.
pub type Asked<T> = Result<T, Stop>;

/// The primitive prompts the interview needs. `None` from a prompt means "go back".
pub trait Asker {
    /// Shows a line of information (a header, help, a notice).
    fn say(&mut self, text: &str) -> Asked<()>;
    /// Picks one item.
    fn select(&mut self, prompt: &str, items: &[String], default: usize) -> Asked<Option<usize>>;
    /// Picks any number of items.
    fn multi(
        &mut self,
        prompt: &str,
        items: &[String],
        checked: &[bool],
    ) -> Asked<Option<Vec<usize>>>;
    /// Yes or no.
    fn confirm(&mut self, prompt: &str, default: Option<bool>) -> Asked<Option<bool>>;
    /// A line of text; `check` returns an error message for input to refuse.
    fn input(
        &mut self,
        prompt: &str,
        default: &str,
        check: &dyn Fn(&str) -> Result<(), String>,
    ) -> Asked<String>;
}

/// Every question the interview may ask of `sheet`, in order: dimension by dimension, a per-unit
/// dimension once for each unit.
pub fn steps(q: &Questionnaire, sheet: &Sheet) -> Vec<Step> {
    let mut out = Vec::new();
    for dim in &q.dimensions {
        if dim.per_unit {
            for u in UnitIx::all(sheet.units.len()) {
                out.extend(dim.questions.iter().map(|&question| Step {
                    question,
                    unit: Some(u),
                }));
            }
        } else {
            out.extend(dim.questions.iter().map(|&question| Step {
                question,
                unit: None,
            }));
        }
    }
    out
}

/// Sets (or with `None` clears) the answer of `step`.
pub fn set_answer(sheet: &mut Sheet, step: Step, answer: Option<Answer>) {
    match step.unit {
        None => sheet.answers[step.question] = answer,
        Some(u) => {
            if sheet.unit_answers.len() <= u.get() {
                sheet
                    .unit_answers
                    .resize(u.get() + 1, UnitAnswers::default());
            }
            sheet.unit_answers[u][step.question] = answer;
        }
    }
}

/// The sheet without answers to questions its other answers hide: what gets saved.
pub fn without_hidden(q: &Questionnaire, sheet: &Sheet) -> Sheet {
    let mut out = sheet.clone();
    crate::sheet::visibility::drop_hidden(q, &mut out);
    out
}

/// The visible questions without an answer, in the order they are asked: what `--resume`
/// asks, and what the end of an interview lists as skipped.
pub fn gaps(q: &Questionnaire, sheet: &Sheet) -> Vec<Step> {
    let vis = Visibility::of(q, sheet);
    steps(q, sheet)
        .into_iter()
        .filter(|s| vis.shown(s.question, s.unit) && sheet.answer(s.question, s.unit).is_none())
        .collect()
}

/// The first visible question without an answer, where `--resume` continues.
pub fn first_unanswered(q: &Questionnaire, sheet: &Sheet) -> usize {
    let all = steps(q, sheet);
    let first = gaps(q, sheet).first().copied();
    first
        .and_then(|gap| all.iter().position(|&s| s == gap))
        .unwrap_or(all.len())
}

/// Where an interview stands at one question.
#[derive(Debug, PartialEq)]
pub struct Progress {
    /// The question's place among the questions shown, from 1.
    pub position: usize,
    /// The questions shown, and those that answers still to come may show.
    pub total: usize,
    /// No answer still to come can change the total.
    pub known: bool,
    /// Questions shown before this one and left unanswered.
    pub skipped: usize,
}

/// Whether a question hidden now may still be shown: its `show_if` reads a question that is
/// shown and not answered yet.
fn may_show(q: &Questionnaire, sheet: &Sheet, vis: &Visibility, step: Step) -> bool {
    let Some(cond) = &q.questions[step.question].show_if else {
        return false;
    };
    let mut read = Vec::new();
    cond.expr.questions(&mut read);
    read.iter().any(|&r| {
        let unit = step.unit.filter(|_| q.questions[r].per_unit);
        vis.shown(r, unit) && sheet.answer(r, unit).is_none()
    })
}

/// Where the interview stands at `all[at]`: a place that only moves forward as answers come,
/// and a total that says "about" while answers may still show or hide questions.
pub fn progress(
    q: &Questionnaire,
    sheet: &Sheet,
    all: &[Step],
    vis: &Visibility,
    at: usize,
) -> Progress {
    let shown = |k: usize| vis.shown(all[k].question, all[k].unit);
    let open = (0..all.len())
        .filter(|&k| !shown(k) && may_show(q, sheet, vis, all[k]))
        .count();
    Progress {
        position: (0..=at).filter(|&k| shown(k)).count(),
        total: (0..all.len()).filter(|&k| shown(k)).count() + open,
        known: open == 0,
        skipped: (0..at)
            .filter(|&k| shown(k) && sheet.answer(all[k].question, all[k].unit).is_none())
            .count(),
    }
}

/// "Dimension — unit · question n of about m · k skipped".
fn header(q: &Questionnaire, sheet: &Sheet, all: &[Step], vis: &Visibility, at: usize) -> String {
    let p = progress(q, sheet, all, vis, at);
    let step = all[at];
    let dim = &q.dimensions[q.questions[step.question].dimension];
    let unit = step
        .unit
        .map(|u| format!(" — {}", sheet.units[u]))
        .unwrap_or_default();
    let about = if p.known { "" } else { "about " };
    let skipped = match p.skipped {
        0 => String::new(),
        k => format!(" · {k} skipped"),
    };
    format!(
        "{}{unit} · question {} of {about}{}{skipped}",
        dim.name, p.position, p.total
    )
}

/// Seconds a question takes to answer, by kind: read, think, pick. Calibrated on a timed run
/// of the built-in questionnaire: 57 questions (three units) in 18–20 minutes (README, "The
/// interview").
fn seconds(kind: &Kind) -> u32 {
    match kind {
        Kind::Choice { .. } | Kind::Scale { .. } | Kind::YesNo | Kind::Number { .. } => 18,
        Kind::Multi { .. } => 30,
        Kind::Text => 60,
    }
}

/// The minutes `steps` take to answer, to the nearest minute (at least one).
pub fn minutes(q: &Questionnaire, steps: &[Step]) -> u32 {
    let secs: u32 = steps
        .iter()
        .map(|s| seconds(&q.questions[s.question].kind))
        .sum();
    ((secs + 30) / 60).max(1)
}

/// "about 1 minute", "about 19 minutes".
pub fn about_minutes(m: u32) -> String {
    format!("about {m} minute{}", if m == 1 { "" } else { "s" })
}

/// How long the interview takes with `units` units for a person of `role`: the questions it
/// may ask (every question that answers may show counted) and the minutes they take.
pub fn length(q: &Questionnaire, units: usize, role: Option<&str>) -> (usize, u32) {
    let mut all = Vec::new();
    for dim in &q.dimensions {
        let times = if dim.per_unit { units } else { 1 };
        let asked = dim.questions.iter().filter(|&&i| q.questions[i].asks(role));
        for _ in 0..times {
            all.extend(asked.clone().map(|&question| Step {
                question,
                unit: None,
            }));
        }
    }
    (all.len(), minutes(q, &all))
}

/// The first screen: what this is, how long it takes and which keys do what.
pub fn welcome(q: &Questionnaire, sheet: &Sheet) -> String {
    let (base, minutes) = length(q, sheet.units.len(), sheet.respondent.role.as_deref());
    let mut out = format!("{}\n", q.title);
    let length = if q.has_units() && sheet.units.is_empty() {
        let (with_one, one) = length(q, 1, sheet.respondent.role.as_deref());
        let (_, three) = length(q, 3, sheet.respondent.role.as_deref());
        format!(
            "About {base} questions, and {} more for each business unit you name: about {one} minutes with one unit, {three} with three.",
            with_one - base
        )
    } else {
        format!("About {base} questions, {}.", about_minutes(minutes))
    };
    out.push_str(&length);
    out.push_str(
        "\nEvery answer is saved as you go: stop at any time with ctrl-c and continue later.\nKeys: ↑↓ move · space tick · enter next · esc back · ? help · ctrl-c save and stop\n",
    );
    out
}

/// The question's text for `step`: `{organization}` and `{unit}` filled in; a per-unit question
/// without `{unit}` is prefixed with the unit's name.
pub fn question_text(q: &Questionnaire, sheet: &Sheet, step: Step) -> String {
    let question = &q.questions[step.question];
    let unit = step.unit.map(|u| sheet.units[u].as_str());
    let text = question.text_for(&sheet.organization, unit);
    match unit {
        Some(name) if !question.text.contains("{unit}") => format!("[{name}] {text}"),
        _ => text,
    }
}

/// What the person did at a question.
#[derive(Debug, PartialEq)]
pub enum Reply {
    Answer(Option<Answer>),
    Back,
}

/// What one prompt gave: a value for the question to read, a request for help, or "back".
enum Given {
    Value(Value),
    /// Show the help, then ask again with these ticks (a multi-select) or as before.
    Help(Option<Value>),
    Back,
}

const NA: &str = "Not applicable";
const SKIP: &str = "Skip for now (leave unanswered)";
pub const SHOW_HELP: &str = "? Show help";

/// Asks one question until it gets an answer, a skip or "back". Every value given is read by
/// the question's own reader ([`Question::accept`]), as a sheet's or a survey export's would be.
pub fn ask(
    asker: &mut dyn Asker,
    q: &Questionnaire,
    prompt: &str,
    step: Step,
    current: Option<&Answer>,
) -> Asked<Reply> {
    let question = &q.questions[step.question];
    let help = question.help.as_deref().filter(|h| !h.trim().is_empty());
    // What the prompt shows as given: the answer so far, then what the person last ticked.
    let mut current = current.map(|a| question.value_of(a));
    loop {
        let given = match &question.kind {
            // Yes/no is a list too, so that it can be skipped (y and n pick at once).
            Kind::Choice { .. } | Kind::Scale { .. } | Kind::YesNo => {
                pick(asker, question, prompt, current.as_ref(), help.is_some())?
            }
            Kind::Multi { options, .. } => {
                let labels: Vec<String> = options.iter().map(|o| o.label.clone()).collect();
                tick(
                    asker,
                    question,
                    prompt,
                    &labels,
                    current.as_ref(),
                    help.is_some(),
                )?
            }
            Kind::Number { .. } | Kind::Text => {
                typed(asker, question, prompt, current.as_ref(), help.is_some())?
            }
        };
        match given {
            Given::Back => return Ok(Reply::Back),
            Given::Help(ticked) => {
                asker.say(help.unwrap_or("No help for this question."))?;
                // Help comes back to the list as it was left, ticks and all.
                current = ticked.or(current);
            }
            // Typed lines are checked as they are typed; a list can still hold what the reader
            // refuses (an option that stands alone, ticked with others): say so, ask again.
            Given::Value(v) => match question.accept(&v) {
                Ok(answer) => return Ok(Reply::Answer(answer)),
                Err(problems) => {
                    asker.say(&problems[0].to_string())?;
                    current = Some(v);
                }
            },
        }
    }
}

/// The answers a one-choice prompt lists, with the value each gives.
fn choices(question: &Question) -> Vec<(String, Answer)> {
    match &question.kind {
        Kind::Choice { options } => OptionIx::enumerate(options)
            .map(|(o, option)| (option.label.clone(), Answer::Choice(o)))
            .collect(),
        Kind::Scale { points, .. } => points
            .iter()
            .map(|p| {
                let label = format!("{} — {}", number_text(p.value), p.label);
                (label, Answer::Number(p.value))
            })
            .collect(),
        _ => vec![
            ("Yes".into(), Answer::Bool(true)),
            ("No".into(), Answer::Bool(false)),
        ],
    }
}

/// The items a list prompt adds after the question's own answers: n/a where the question allows
/// it, skip, and help where there is some.
fn extras(question: &Question, help: bool, skip: bool) -> Vec<(&'static str, Given)> {
    let mut out = Vec::new();
    if question.allow_na {
        out.push((NA, Given::Value(Value::String(NOT_APPLICABLE.into()))));
    }
    if skip {
        out.push((SKIP, Given::Value(Value::Null)));
    }
    if help {
        out.push((SHOW_HELP, Given::Help(None)));
    }
    out
}

/// One answer picked from a list (choice, scale, yes/no with n/a).
fn pick(
    asker: &mut dyn Asker,
    question: &Question,
    prompt: &str,
    current: Option<&Value>,
    help: bool,
) -> Asked<Given> {
    let mut items: Vec<(String, Given)> = choices(question)
        .into_iter()
        .map(|(label, a)| (label, Given::Value(question.value_of(&a))))
        .collect();
    items.extend(
        extras(question, help, true)
            .into_iter()
            .map(|(label, g)| (label.to_string(), g)),
    );
    let default = items
        .iter()
        .position(|(_, g)| matches!(g, Given::Value(v) if Some(v) == current && !v.is_null()))
        .unwrap_or(0);
    let labels: Vec<String> = items.iter().map(|(label, _)| label.clone()).collect();
    Ok(match asker.select(prompt, &labels, default)? {
        None => Given::Back,
        Some(k) => items.swap_remove(k).1,
    })
}

/// Options ticked in a multi-select list; n/a when that is ticked.
fn tick(
    asker: &mut dyn Asker,
    question: &Question,
    prompt: &str,
    labels: &[String],
    current: Option<&Value>,
    help: bool,
) -> Asked<Given> {
    let extras = extras(question, help, true);
    let ticked = |o: OptionIx| match current {
        Some(Value::Sequence(list)) => list.contains(&question.value_of(&Answer::Choice(o))),
        _ => false,
    };
    let mut items = labels.to_vec();
    let mut checked: Vec<bool> = OptionIx::all(labels.len()).map(ticked).collect();
    for (label, given) in &extras {
        items.push(label.to_string());
        checked.push(matches!(given, Given::Value(v) if Some(v) == current));
    }
    let Some(chosen) = asker.multi(prompt, &items, &checked)? else {
        return Ok(Given::Back);
    };
    let extra = |wanted: fn(&Given) -> bool| {
        chosen
            .iter()
            .any(|&k| k >= labels.len() && wanted(&extras[k - labels.len()].1))
    };
    let picked = chosen
        .iter()
        .filter(|&&k| k < labels.len())
        .map(|&k| question.value_of(&Answer::Choice(OptionIx::new(k))))
        .collect();
    if extra(|g| matches!(g, Given::Help(_))) {
        return Ok(Given::Help(Some(Value::Sequence(picked))));
    }
    if extra(|g| matches!(g, Given::Value(v) if !v.is_null())) {
        return Ok(Given::Value(Value::String(NOT_APPLICABLE.into())));
    }
    if extra(|g| matches!(g, Given::Value(v) if v.is_null())) {
        return Ok(Given::Value(Value::Null));
    }
    Ok(Given::Value(Value::Sequence(picked)))
}

/// What a typed line means for `question`: empty is a skip, `<` back, `?` help; a number
/// question reads digits as a number, anything else as text for the reader to refuse.
fn typed_value(question: &Question, line: &str) -> Given {
    match line.trim() {
        "" => Given::Value(Value::Null),
        BACK => Given::Back,
        HELP => Given::Help(None),
        // Digits for a number question; `n/a`, text, or words for the reader to refuse.
        s => match s.parse::<f64>() {
            Ok(x) if matches!(question.kind, Kind::Number { .. }) => {
                Given::Value(Value::Number(x.into()))
            }
            _ => Given::Value(Value::String(s.into())),
        },
    }
}

/// A number or free text typed at a prompt, checked by the question's reader as it is typed.
fn typed(
    asker: &mut dyn Asker,
    question: &Question,
    prompt: &str,
    current: Option<&Value>,
    help: bool,
) -> Asked<Given> {
    let default = current.map_or(String::new(), |v| value_text(v).into_owned());
    let check = |line: &str| match typed_value(question, line) {
        Given::Value(v) => question
            .accept(&v)
            .map(|_| ())
            .map_err(|problems| problems[0].to_string()),
        _ => Ok(()),
    };
    let hint = input_hint(question.allow_na, help);
    let line = asker.input(&format!("{prompt}{hint}"), &default, &check)?;
    Ok(typed_value(question, &line))
}

fn input_hint(na: bool, help: bool) -> String {
    let mut parts = vec!["Enter: skip", "<: back"];
    if na {
        parts.push("n/a");
    }
    if help {
        parts.push("?: help");
    }
    format!(" ({})", parts.join(", "))
}

/// Asks every visible question from step `start` on, saving after each answer. Returns when the
/// last question is answered.
pub fn questions(
    asker: &mut dyn Asker,
    q: &Questionnaire,
    sheet: &mut Sheet,
    start: usize,
    save: &mut dyn FnMut(&Sheet) -> Asked<()>,
) -> Asked<()> {
    let all = steps(q, sheet);
    let mut at = start;
    // Going forward asks only what is still unanswered (a resumed sheet is not walked through
    // again); going back asks the question before, answered or not.
    let mut back = false;
    loop {
        let vis = Visibility::of(q, sheet);
        let due = |k: usize| {
            let step = all[k];
            vis.shown(step.question, step.unit)
                && (back || sheet.answer(step.question, step.unit).is_none())
        };
        let Some(k) = (at..all.len()).find(|&k| due(k)) else {
            return Ok(());
        };
        back = false;
        let step = all[k];
        asker.say(&format!("\n{}", header(q, sheet, &all, &vis, k)))?;
        // The question on its own line(s), a short prompt under it: long questions wrap badly
        // inside a prompt that redraws itself.
        asker.say(&question_text(q, sheet, step))?;
        let current = sheet.answer(step.question, step.unit).cloned();
        match ask(asker, q, "Your answer", step, current.as_ref())? {
            Reply::Answer(answer) => {
                set_answer(sheet, step, answer);
                save(&without_hidden(q, sheet))?;
                at = k + 1;
            }
            Reply::Back => match (0..k)
                .rev()
                .find(|&j| vis.shown(all[j].question, all[j].unit))
            {
                Some(j) => {
                    asker.say("↩ back to the previous question")?;
                    (at, back) = (j, true);
                }
                None => {
                    asker.say("This is the first question.")?;
                    (at, back) = (k, true);
                }
            },
        }
    }
}

/// The first screen, then who is answering, for which organization and which units, where
/// flags have not said so.
pub fn start(asker: &mut dyn Asker, q: &Questionnaire, sheet: &mut Sheet) -> Asked<()> {
    asker.say(&welcome(q, sheet))?;
    identify(asker, sheet)?;
    describe(asker, q, sheet, &[])
}

/// A name typed at a prompt: not empty, and one a sheet can be read back with.
fn name_check(s: &str) -> Result<(), String> {
    if s.trim().is_empty() {
        return Err("please give a name".to_string());
    }
    crate::sheet::name_problem(s.trim()).map_or(Ok(()), Err)
}

/// Asks the organization and the person's name, where flags have not given them.
pub fn identify(asker: &mut dyn Asker, sheet: &mut Sheet) -> Asked<()> {
    if sheet.organization.is_empty() {
        sheet.organization = asker
            .input("Organization", "", &name_check)?
            .trim()
            .to_string();
    }
    if sheet.respondent.name.is_empty() {
        sheet.respondent.name = asker
            .input("Your name", "", &name_check)?
            .trim()
            .to_string();
    }
    Ok(())
}

/// Two unit names that mean the same unit: equal but for case and runs of spaces.
pub fn same_name(a: &str, b: &str) -> bool {
    let words = |s: &str| {
        s.split_whitespace()
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
    };
    words(a) == words(b)
}

/// Asks the person's role and the units, where flags or a resumed sheet have not given them.
/// `known` are units others in the room have named: offered first, and a typed name that
/// matches one takes its spelling.
pub fn describe(
    asker: &mut dyn Asker,
    q: &Questionnaire,
    sheet: &mut Sheet,
    known: &[String],
) -> Asked<()> {
    if sheet.respondent.role.is_none() && !q.roles.is_empty() {
        let mut items: Vec<String> = q.roles.iter().map(|r| r.name.clone()).collect();
        items.push("Skip".into());
        if let Some(k) = asker.select("Your role", &items, 0)?
            && k < q.roles.len()
        {
            sheet.respondent.role = Some(q.roles[k].id.clone());
        }
    }
    if !q.has_units() || !sheet.units.is_empty() {
        return Ok(());
    }
    let mut offered: Vec<String> = Vec::new();
    for u in known.iter().chain(&q.suggested_units) {
        if !offered.iter().any(|x| same_name(x, u)) {
            offered.push(u.clone());
        }
    }
    let mut units: Vec<String> = Vec::new();
    if !offered.is_empty() {
        let checked = vec![false; offered.len()];
        let chosen = asker
            .multi(
                "Which business units talk to customers?",
                &offered,
                &checked,
            )?
            .unwrap_or_default();
        units.extend(chosen.into_iter().map(|k| offered[k].clone()));
    }
    let others = asker.input("Other units, comma-separated (Enter: none)", "", &|line| {
        let mut names = line.split(',').map(str::trim).filter(|u| !u.is_empty());
        names
            .find_map(crate::sheet::name_problem)
            .map_or(Ok(()), Err)
    })?;
    for u in others.split(',').map(str::trim).filter(|u| !u.is_empty()) {
        let spelled = offered
            .iter()
            .find(|x| same_name(x, u))
            .map_or(u, |x| x.as_str());
        if !units.iter().any(|x| same_name(x, spelled)) {
            units.push(spelled.to_string());
        }
    }
    sheet.units = units;
    sheet.unit_answers = vec![UnitAnswers::default(); sheet.units.len()];
    let (count, minutes) = length(q, sheet.units.len(), sheet.respondent.role.as_deref());
    asker.say(&format!(
        "With {} unit{}: about {count} questions, {}.",
        sheet.units.len(),
        if sheet.units.len() == 1 { "" } else { "s" },
        about_minutes(minutes)
    ))
}
