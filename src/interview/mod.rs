//! The interview: walks a person through a questionnaire and fills in an answer sheet.
//!
//! The flow lives here and talks to the person only through the small [`Asker`] trait, so it runs
//! the same against a real terminal ([`terminal::Terminal`], dialoguer) and a scripted asker in
//! tests. After every answer the caller's `save` runs, so an interrupted interview loses nothing.

pub mod terminal;

use crate::questionnaire::{Kind, Questionnaire};
use crate::score::Visibility;
use crate::sheet::{Answer, Sheet, UnitAnswers};
use crate::view::number_text;

/// What typed into a text or number prompt goes back to the previous question.
pub const BACK: &str = "<";
/// What typed into a text or number prompt shows the question's help.
pub const HELP: &str = "?";

/// One question to ask: a question, for one unit when it is asked per unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step {
    pub question: usize,
    pub unit: Option<usize>,
}

/// The primitive prompts the interview needs. `None` from a prompt means "go back".
pub trait Asker {
    /// Shows a line of information (a header, help, a notice).
    fn say(&mut self, text: &str) -> anyhow::Result<()>;
    /// Picks one item.
    fn select(
        &mut self,
        prompt: &str,
        items: &[String],
        default: usize,
    ) -> anyhow::Result<Option<usize>>;
    /// Picks any number of items.
    fn multi(
        &mut self,
        prompt: &str,
        items: &[String],
        checked: &[bool],
    ) -> anyhow::Result<Option<Vec<usize>>>;
    /// Yes or no.
    fn confirm(&mut self, prompt: &str, default: Option<bool>) -> anyhow::Result<Option<bool>>;
    /// A line of text; `check` returns an error message for input to refuse.
    fn input(
        &mut self,
        prompt: &str,
        default: &str,
        check: &dyn Fn(&str) -> Result<(), String>,
    ) -> anyhow::Result<String>;
}

/// Every question the interview may ask of `sheet`, in order: dimension by dimension, a per-unit
/// dimension once for each unit.
pub fn steps(q: &Questionnaire, sheet: &Sheet) -> Vec<Step> {
    let mut out = Vec::new();
    for dim in &q.dimensions {
        if dim.per_unit {
            for u in 0..sheet.units.len() {
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
            if sheet.unit_answers.len() <= u {
                sheet.unit_answers.resize(u + 1, UnitAnswers::default());
            }
            sheet.unit_answers[u][step.question] = answer;
        }
    }
}

/// The sheet without answers to questions its other answers hide: what gets saved.
pub fn without_hidden(q: &Questionnaire, sheet: &Sheet) -> Sheet {
    let vis = Visibility::of(q, sheet);
    let mut out = sheet.clone();
    for step in steps(q, sheet) {
        if !vis.shown(step.question, step.unit) {
            set_answer(&mut out, step, None);
        }
    }
    out
}

/// The first visible question without an answer, where `--resume` continues.
pub fn first_unanswered(q: &Questionnaire, sheet: &Sheet) -> usize {
    let vis = Visibility::of(q, sheet);
    let all = steps(q, sheet);
    all.iter()
        .position(|s| vis.shown(s.question, s.unit) && sheet.answer(s.question, s.unit).is_none())
        .unwrap_or(all.len())
}

/// "Dimension — unit · question n of m · p % done".
fn header(q: &Questionnaire, sheet: &Sheet, all: &[Step], vis: &Visibility, at: usize) -> String {
    let visible: Vec<usize> = (0..all.len())
        .filter(|&k| vis.shown(all[k].question, all[k].unit))
        .collect();
    let n = visible.iter().filter(|&&k| k <= at).count();
    let answered = visible
        .iter()
        .filter(|&&k| sheet.answer(all[k].question, all[k].unit).is_some())
        .count();
    let step = all[at];
    let dim = &q.dimensions[q.questions[step.question].dimension];
    let unit = step
        .unit
        .map(|u| format!(" — {}", sheet.units[u]))
        .unwrap_or_default();
    format!(
        "{}{unit} · question {n} of {} · {} % done",
        dim.name,
        visible.len(),
        (100 * answered) / visible.len().max(1)
    )
}

/// The question's text for `step`: `{organization}` and `{unit}` filled in; a per-unit question
/// without `{unit}` is prefixed with the unit's name.
pub fn question_text(q: &Questionnaire, sheet: &Sheet, step: Step) -> String {
    let question = &q.questions[step.question];
    let unit = step.unit.map(|u| sheet.units[u].as_str());
    let text = crate::view::question_text(&question.text, &sheet.organization, unit);
    match unit {
        Some(name) if !question.text.contains("{unit}") => format!("[{name}] {text}"),
        _ => text,
    }
}

/// What the person did at a question.
enum Reply {
    Answer(Option<Answer>),
    Back,
}

const NA: &str = "Not applicable";
const SKIP: &str = "Skip for now (leave unanswered)";
const SHOW_HELP: &str = "? Show help";

/// Asks one question until it gets an answer, a skip or "back".
fn ask(
    asker: &mut dyn Asker,
    q: &Questionnaire,
    prompt: &str,
    step: Step,
    current: Option<&Answer>,
) -> anyhow::Result<Reply> {
    let question = &q.questions[step.question];
    let help = question.help.as_deref().filter(|h| !h.trim().is_empty());
    let na = question.allow_na;
    loop {
        // Choice-like questions: the options, then n/a, skip and help as extra items.
        let list = |labels: Vec<String>, selected: Option<usize>| {
            let mut items = labels;
            let first_extra = items.len();
            if na {
                items.push(NA.into());
            }
            items.push(SKIP.into());
            if help.is_some() {
                items.push(SHOW_HELP.into());
            }
            let default = match current {
                Some(Answer::NotApplicable) if na => first_extra,
                _ => selected.unwrap_or(0),
            };
            (items, first_extra, default)
        };
        match &question.kind {
            Kind::Choice { options } => {
                let labels = options.iter().map(|o| o.label.clone()).collect();
                let selected = match current {
                    Some(Answer::Choice(o)) => Some(*o),
                    _ => None,
                };
                let (items, first_extra, default) = list(labels, selected);
                match asker.select(prompt, &items, default)? {
                    None => return Ok(Reply::Back),
                    Some(k) if k < first_extra => {
                        return Ok(Reply::Answer(Some(Answer::Choice(k))));
                    }
                    Some(k) => match items[k].as_str() {
                        NA => return Ok(Reply::Answer(Some(Answer::NotApplicable))),
                        SKIP => return Ok(Reply::Answer(None)),
                        _ => asker.say(help.unwrap_or_default())?,
                    },
                }
            }
            Kind::Scale { points, .. } => {
                let labels = points
                    .iter()
                    .map(|p| format!("{} — {}", number_text(p.value), p.label))
                    .collect();
                let selected = match current {
                    Some(Answer::Number(x)) => points.iter().position(|p| p.value == *x),
                    _ => None,
                };
                let (items, first_extra, default) = list(labels, selected);
                match asker.select(prompt, &items, default)? {
                    None => return Ok(Reply::Back),
                    Some(k) if k < first_extra => {
                        return Ok(Reply::Answer(Some(Answer::Number(points[k].value))));
                    }
                    Some(k) => match items[k].as_str() {
                        NA => return Ok(Reply::Answer(Some(Answer::NotApplicable))),
                        SKIP => return Ok(Reply::Answer(None)),
                        _ => asker.say(help.unwrap_or_default())?,
                    },
                }
            }
            Kind::YesNo if !na => {
                if let Some(h) = help {
                    asker.say(h)?;
                }
                let default = match current {
                    Some(Answer::Bool(b)) => Some(*b),
                    _ => None,
                };
                return Ok(match asker.confirm(prompt, default)? {
                    None => Reply::Back,
                    Some(b) => Reply::Answer(Some(Answer::Bool(b))),
                });
            }
            Kind::YesNo => {
                let selected = match current {
                    Some(Answer::Bool(true)) => Some(0),
                    Some(Answer::Bool(false)) => Some(1),
                    _ => None,
                };
                let (items, first_extra, default) = list(vec!["Yes".into(), "No".into()], selected);
                match asker.select(prompt, &items, default)? {
                    None => return Ok(Reply::Back),
                    Some(k) if k < first_extra => {
                        return Ok(Reply::Answer(Some(Answer::Bool(k == 0))));
                    }
                    Some(k) => match items[k].as_str() {
                        NA => return Ok(Reply::Answer(Some(Answer::NotApplicable))),
                        SKIP => return Ok(Reply::Answer(None)),
                        _ => asker.say(help.unwrap_or_default())?,
                    },
                }
            }
            Kind::Multi { options, .. } => {
                let mut items: Vec<String> = options.iter().map(|o| o.label.clone()).collect();
                let mut checked = vec![false; items.len()];
                if let Some(Answer::Multi(list)) = current {
                    for &o in list {
                        checked[o] = true;
                    }
                }
                if na {
                    items.push(NA.into());
                    checked.push(matches!(current, Some(Answer::NotApplicable)));
                }
                if help.is_some() {
                    items.push(SHOW_HELP.into());
                    checked.push(false);
                }
                let Some(chosen) = asker.multi(prompt, &items, &checked)? else {
                    return Ok(Reply::Back);
                };
                if chosen.iter().any(|&k| items[k] == SHOW_HELP) {
                    asker.say(help.unwrap_or_default())?;
                    continue;
                }
                if chosen.iter().any(|&k| items[k] == NA) {
                    return Ok(Reply::Answer(Some(Answer::NotApplicable)));
                }
                let picked: Vec<usize> =
                    chosen.into_iter().filter(|&k| k < options.len()).collect();
                return Ok(Reply::Answer(Some(Answer::Multi(picked))));
            }
            Kind::Number { min, max, .. } => {
                let (min, max) = (*min, *max);
                let default = match current {
                    Some(Answer::Number(x)) => number_text(*x),
                    Some(Answer::NotApplicable) => "n/a".into(),
                    _ => String::new(),
                };
                let check = move |s: &str| -> Result<(), String> {
                    let s = s.trim();
                    if s.is_empty()
                        || s == BACK
                        || s == HELP
                        || (na && s.eq_ignore_ascii_case("n/a"))
                    {
                        return Ok(());
                    }
                    let x: f64 = s.parse().map_err(|_| format!("`{s}` is not a number"))?;
                    if !x.is_finite() {
                        return Err("give a finite number".into());
                    }
                    if let Some(m) = min.filter(|m| x < *m) {
                        return Err(format!("the smallest answer is {}", number_text(m)));
                    }
                    if let Some(m) = max.filter(|m| x > *m) {
                        return Err(format!("the largest answer is {}", number_text(m)));
                    }
                    Ok(())
                };
                let hint = input_hint(na, help.is_some());
                let text = asker.input(&format!("{prompt}{hint}"), &default, &check)?;
                match text.trim() {
                    "" => return Ok(Reply::Answer(None)),
                    BACK => return Ok(Reply::Back),
                    HELP => asker.say(help.unwrap_or("No help for this question."))?,
                    s if s.eq_ignore_ascii_case("n/a") => {
                        return Ok(Reply::Answer(Some(Answer::NotApplicable)));
                    }
                    s => return Ok(Reply::Answer(Some(Answer::Number(s.parse()?)))),
                }
            }
            Kind::Text => {
                let default = match current {
                    Some(Answer::Text(t)) => t.clone(),
                    _ => String::new(),
                };
                let hint = input_hint(na, help.is_some());
                let text = asker.input(&format!("{prompt}{hint}"), &default, &|_| Ok(()))?;
                match text.trim() {
                    "" => return Ok(Reply::Answer(None)),
                    BACK => return Ok(Reply::Back),
                    HELP => asker.say(help.unwrap_or("No help for this question."))?,
                    s if na && s.eq_ignore_ascii_case("n/a") => {
                        return Ok(Reply::Answer(Some(Answer::NotApplicable)));
                    }
                    s => return Ok(Reply::Answer(Some(Answer::Text(s.to_string())))),
                }
            }
        }
    }
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
    save: &mut dyn FnMut(&Sheet) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let all = steps(q, sheet);
    let mut at = start;
    loop {
        let vis = Visibility::of(q, sheet);
        let Some(k) = (at..all.len()).find(|&k| vis.shown(all[k].question, all[k].unit)) else {
            return Ok(());
        };
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
                    at = j;
                }
                None => {
                    asker.say("This is the first question.")?;
                    at = k;
                }
            },
        }
    }
}

/// Asks who is answering, for which organization and which units, where flags have not said so.
pub fn start(asker: &mut dyn Asker, q: &Questionnaire, sheet: &mut Sheet) -> anyhow::Result<()> {
    let required = |s: &str| {
        if s.trim().is_empty() {
            Err("please give a name".to_string())
        } else {
            Ok(())
        }
    };
    if sheet.organization.is_empty() {
        sheet.organization = asker
            .input("Organization", "", &required)?
            .trim()
            .to_string();
    }
    if sheet.respondent.name.is_empty() {
        sheet.respondent.name = asker.input("Your name", "", &required)?.trim().to_string();
    }
    if sheet.respondent.role.is_none() && !q.roles.is_empty() {
        let mut items: Vec<String> = q.roles.iter().map(|r| r.name.clone()).collect();
        items.push("Skip".into());
        if let Some(k) = asker.select("Your role", &items, 0)?
            && k < q.roles.len()
        {
            sheet.respondent.role = Some(q.roles[k].id.clone());
        }
    }
    if q.has_units() && sheet.units.is_empty() {
        let mut units: Vec<String> = Vec::new();
        if !q.suggested_units.is_empty() {
            let checked = vec![false; q.suggested_units.len()];
            let chosen = asker
                .multi(
                    "Which business units talk to customers?",
                    &q.suggested_units,
                    &checked,
                )?
                .unwrap_or_default();
            units.extend(chosen.into_iter().map(|k| q.suggested_units[k].clone()));
        }
        let others = asker.input(
            "Other units, separated by commas (Enter: none)",
            "",
            &|_| Ok(()),
        )?;
        for u in others.split(',').map(str::trim).filter(|u| !u.is_empty()) {
            if !units.iter().any(|x| x.eq_ignore_ascii_case(u)) {
                units.push(u.to_string());
            }
        }
        sheet.units = units;
        sheet.unit_answers = vec![UnitAnswers::default(); sheet.units.len()];
    }
    Ok(())
}

/// A file name for a sheet from the organization and respondent: `acme-jane-doe.yaml`.
pub fn default_file_name(sheet: &Sheet) -> String {
    let mut slug = String::new();
    for c in format!("{} {}", sheet.organization, sheet.respondent.name).chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    let slug: String = slug.chars().take(80).collect();
    if slug.is_empty() {
        "answers.yaml".into()
    } else {
        format!("{slug}.yaml")
    }
}
