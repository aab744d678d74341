//! Answer sheets: one respondent's answers, checked against their questionnaire.

pub mod visibility;
pub mod write;

use std::collections::HashSet;

use serde::Deserialize;
use serde_yaml::{Mapping, Value};

pub use crate::answer::Answer;
use crate::date::Date;
use crate::error::{Diagnostic, hint};
use crate::index::{QuestionIx, UnitIx, indexed_by};
use crate::questionnaire::accept::value_text;
use crate::questionnaire::{Question, Questionnaire};
use crate::source::{Report, Source, key_path};

/// Organization, respondent and unit names are refused beyond this many characters.
pub const MAX_NAME_CHARS: usize = 200;

/// A sheet may list this many business units unless `--max-units` says otherwise: far more than
/// one person speaks for, and few enough that a report stays readable and its cost bounded.
pub const DEFAULT_MAX_UNITS: usize = 100;

/// What a sheet may hold at most.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    pub max_units: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_units: DEFAULT_MAX_UNITS,
        }
    }
}

/// The format tag an answer sheet must carry.
pub const FORMAT: &str = "leapcheck/answers@1";

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Respondent {
    pub name: String,
    pub role: Option<String>,
}

/// A validated answer sheet. Answers are indexed by question; per-unit questions are answered in
/// `unit_answers[unit][question]` and never in `answers`.
#[derive(Clone, Debug, PartialEq)]
pub struct Sheet {
    pub organization: String,
    pub respondent: Respondent,
    pub date: Option<Date>,
    pub units: Vec<String>,
    pub answers: Vec<Option<Answer>>,
    pub unit_answers: Vec<UnitAnswers>,
}

/// One unit's answers, indexed by question like `Sheet::answers` but holding only the questions
/// answered for the unit: a unit is asked a handful of the questions, and a room of thousands of
/// sheets with several units each would otherwise hold mostly empty rows.
#[derive(Clone, Default)]
pub struct UnitAnswers(Vec<(QuestionIx, Option<Answer>)>);

static UNANSWERED: Option<Answer> = None;

indexed_by!(QuestionIx => Option<Answer>);
indexed_by!(UnitIx => UnitAnswers);

impl UnitAnswers {
    /// The answered questions, in question order.
    pub fn iter(&self) -> impl Iterator<Item = (QuestionIx, &Option<Answer>)> {
        self.0
            .iter()
            .map(|(i, a)| (*i, a))
            .filter(|(_, a)| a.is_some())
    }
}

impl std::ops::Index<QuestionIx> for UnitAnswers {
    type Output = Option<Answer>;

    fn index(&self, question: QuestionIx) -> &Option<Answer> {
        match self.0.binary_search_by_key(&question, |(i, _)| *i) {
            Ok(k) => &self.0[k].1,
            Err(_) => &UNANSWERED,
        }
    }
}

impl std::ops::IndexMut<QuestionIx> for UnitAnswers {
    fn index_mut(&mut self, question: QuestionIx) -> &mut Option<Answer> {
        let k = match self.0.binary_search_by_key(&question, |(i, _)| *i) {
            Ok(k) => k,
            Err(k) => {
                self.0.insert(k, (question, None));
                k
            }
        };
        &mut self.0[k].1
    }
}

/// Equal when the same questions are answered alike, however they came to be stored.
impl PartialEq for UnitAnswers {
    fn eq(&self, other: &Self) -> bool {
        self.iter().eq(other.iter())
    }
}

impl std::fmt::Debug for UnitAnswers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map()
            .entries(self.iter().map(|(i, a)| (i, a.as_ref())))
            .finish()
    }
}

impl Sheet {
    /// An empty sheet for `q`.
    pub fn blank(q: &Questionnaire) -> Sheet {
        Sheet {
            organization: String::new(),
            respondent: Respondent::default(),
            date: None,
            units: Vec::new(),
            answers: vec![None; q.questions.len()],
            unit_answers: Vec::new(),
        }
    }

    pub fn answer(&self, question: QuestionIx, unit: Option<UnitIx>) -> Option<&Answer> {
        match unit {
            None => self.answers.get(question.get())?.as_ref(),
            Some(u) => self.unit_answers.get(u.get())?[question].as_ref(),
        }
    }
}

#[derive(Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct RawSheet {
    #[allow(dead_code)]
    format: String,
    questionnaire: String,
    #[serde(default)]
    organization: Option<String>,
    #[serde(default)]
    respondent: Option<RawRespondent>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    units: Option<Vec<String>>,
    #[serde(default)]
    answers: Option<Mapping>,
    #[serde(default)]
    units_answers: Option<Mapping>,
}

#[derive(Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct RawRespondent {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    role: Option<String>,
}

/// The sheet's fields moved straight out of a mapping of the expected shape, which is what serde
/// would make of it, without rebuilding every mapping inside; the value comes back untouched when
/// anything is off, for serde to read and report.
fn fields(value: Value) -> Result<RawSheet, Value> {
    let text = |v: &Value| matches!(v, Value::String(_));
    let text_or_null = |v: &Value| matches!(v, Value::String(_) | Value::Null);
    let Value::Mapping(map) = &value else {
        return Err(value);
    };
    let shaped = map.iter().all(|(key, v)| match key.as_str() {
        Some("format" | "questionnaire") => text(v),
        Some("organization" | "date") => text_or_null(v),
        Some("respondent") => match v {
            Value::Mapping(m) => m
                .iter()
                .all(|(k, v)| matches!(k.as_str(), Some("name" | "role")) && text_or_null(v)),
            other => other.is_null(),
        },
        Some("units") => match v {
            Value::Sequence(list) => list.iter().all(text),
            other => other.is_null(),
        },
        Some("answers" | "units_answers") => matches!(v, Value::Mapping(_) | Value::Null),
        _ => false,
    });
    if !shaped || !map.contains_key("format") || !map.contains_key("questionnaire") {
        return Err(value);
    }
    let Value::Mapping(map) = value else {
        return Err(value);
    };
    let string = |v: Value| match v {
        Value::String(s) => Some(s),
        _ => None,
    };
    let mapping = |v: Value| match v {
        Value::Mapping(m) => Some(m),
        _ => None,
    };
    let mut raw = RawSheet::default();
    for (key, v) in map {
        match key.as_str().unwrap_or_default() {
            "format" => raw.format = string(v).unwrap_or_default(),
            "questionnaire" => raw.questionnaire = string(v).unwrap_or_default(),
            "organization" => raw.organization = string(v),
            "date" => raw.date = string(v),
            "respondent" => {
                raw.respondent = mapping(v).map(|m| {
                    let mut who = RawRespondent::default();
                    for (k, v) in m {
                        match k.as_str() {
                            Some("name") => who.name = string(v),
                            _ => who.role = string(v),
                        }
                    }
                    who
                })
            }
            "units" => {
                raw.units = match v {
                    Value::Sequence(list) => Some(list.into_iter().filter_map(string).collect()),
                    _ => None,
                }
            }
            "answers" => raw.answers = mapping(v),
            _ => raw.units_answers = mapping(v),
        }
    }
    Ok(raw)
}

/// The `questionnaire:` reference (`id@version`) of a sheet, without validating the rest.
pub fn questionnaire_reference(text: &str) -> Option<String> {
    // The usual `questionnaire: id@version` line, read without parsing the whole file (a
    // workshop of thousands of sheets reads every reference before loading anything).
    let plain = text.lines().find_map(|line| {
        let rest = line.strip_prefix("questionnaire:")?;
        let value = rest.split(" #").next()?.trim();
        let value = value.trim_matches(|c| c == '"' || c == '\'');
        (!value.is_empty()
            && value
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "_@.-+".contains(c)))
        .then(|| value.to_string())
    });
    plain.or_else(|| {
        let value: Value = serde_yaml::from_str(text).ok()?;
        value.get("questionnaire")?.as_str().map(str::to_string)
    })
}

/// Loads a sheet and checks it against `q`. Returns it only when there is no error; the
/// diagnostics (warnings included) come back either way.
pub fn load(src: &Source, q: &Questionnaire) -> (Option<Sheet>, Vec<Diagnostic>) {
    load_within(src, q, Limits::default())
}

/// [`load`], refusing a sheet over `limits`.
pub fn load_within(
    src: &Source,
    q: &Questionnaire,
    limits: Limits,
) -> (Option<Sheet>, Vec<Diagnostic>) {
    if let Some(d) = src.depth_error() {
        return (None, vec![d]);
    }
    let mut r = Report::new(src);
    let sheet = build(&mut r, q, limits);
    let ok = !r.has_errors();
    (sheet.filter(|_| ok), r.diagnostics)
}

fn build(r: &mut Report, q: &Questionnaire, limits: Limits) -> Option<Sheet> {
    let raw = raw_sheet(r)?;
    let listed = raw.units.as_ref().map_or(0, Vec::len);
    if listed > limits.max_units {
        r.error(
            "units",
            format!(
                "the sheet lists {listed} units, over the limit of {}; a sheet answers for the units one person speaks for, so split them across sheets (or raise the limit with --max-units)",
                limits.max_units
            ),
        );
        return None;
    }
    if raw.questionnaire != q.reference() {
        wrong_questionnaire(r, q, &raw.questionnaire);
        return None;
    }
    let respondent = respondent(r, q, raw.respondent);
    let date = raw.date.as_deref().and_then(|text| {
        let date = crate::date::parse(text);
        if date.is_none() {
            r.error(
                "date",
                format!("`{text}` is not a date; write it as YYYY-MM-DD, e.g. 2026-11-20"),
            );
        }
        date
    });
    let units = raw.units.unwrap_or_default();
    let organization = raw.organization.unwrap_or_default();
    check_names(r, &organization, &respondent.name, &units);
    check_units(r, &units);
    let mut sheet = Sheet::blank(q);
    sheet.organization = organization;
    sheet.respondent = respondent;
    sheet.date = date;
    sheet.unit_answers = vec![UnitAnswers::default(); units.len()];
    sheet.units = units;
    top_answers(r, q, &raw.answers.unwrap_or_default(), &mut sheet);
    unit_answers(r, q, &raw.units_answers.unwrap_or_default(), &mut sheet);
    warn_hidden(r, q, &mut sheet);
    Some(sheet)
}

/// The sheet's fields, once the text parses and says it is an answer sheet.
fn raw_sheet(r: &mut Report) -> Option<RawSheet> {
    // Most sheets are plain block YAML, read quickly; the full parser takes the rest.
    let value: Value = match crate::block_yaml::parse(&r.src.text) {
        Some(value) => value,
        None => r.deserialize()?,
    };
    let format = value
        .get("format")
        .and_then(Value::as_str)
        .unwrap_or_default();
    if format != FORMAT {
        let fix = match format {
            "" => format!("add `format: {FORMAT}` as the first line"),
            f if f.starts_with("leapcheck/questionnaire") => {
                "this is a questionnaire, not an answer sheet".into()
            }
            _ => format!("write `format: {FORMAT}`"),
        };
        r.error(
            "format",
            format!("not a leapcheck answer sheet (format `{format}`); {fix}"),
        );
        return None;
    }
    // From the value already parsed; only when that fails is the text parsed again, for the
    // error's position.
    match fields(value).or_else(serde_yaml::from_value) {
        Ok(raw) => Some(raw),
        Err(_) => r.deserialize(),
    }
}

fn wrong_questionnaire(r: &mut Report, q: &Questionnaire, named: &str) {
    let (id, version) = named.split_once('@').unwrap_or((named, ""));
    let fix = if id == q.id {
        format!(
            "this sheet answers version {version} but the questionnaire is version {}; use the matching questionnaire with -q, or update the sheet",
            q.version
        )
    } else {
        format!(
            "pass the questionnaire it was written for with -q, or write `questionnaire: {}`",
            q.reference()
        )
    };
    r.error(
        "questionnaire",
        format!(
            "the sheet names questionnaire `{named}`, not `{}`; {fix}",
            q.reference()
        ),
    );
}

fn respondent(r: &mut Report, q: &Questionnaire, raw: Option<RawRespondent>) -> Respondent {
    let respondent = raw
        .map(|rr| Respondent {
            name: rr.name.unwrap_or_default(),
            role: rr.role,
        })
        .unwrap_or_default();
    if let Some(role) = &respondent.role
        && !q.roles.is_empty()
        && q.role(role).is_none()
    {
        r.error(
            "respondent.role",
            format!(
                "`{role}` is not a role of {}{}",
                q.reference(),
                hint(role, q.roles.iter().map(|r| r.id.as_str()))
            ),
        );
    }
    respondent
}

/// Names are repeated in every question text and heading of a report: a name of a thousand
/// characters is a pasted paragraph, not a name, and would bloat every report.
fn check_names(r: &mut Report, organization: &str, respondent: &str, units: &[String]) {
    let mut names: Vec<(String, &str)> = vec![
        ("organization".into(), organization),
        ("respondent.name".into(), respondent),
    ];
    names.extend(
        units
            .iter()
            .enumerate()
            .map(|(i, u)| (format!("units[{i}]"), u.as_str())),
    );
    for (path, name) in names {
        if let Some(problem) = name_problem(name) {
            r.error(&path, problem);
        }
    }
}

/// What is wrong with a name (organization, respondent, unit), if anything: the same rule for a
/// sheet read from a file and for a name typed at the interview, so that what is saved can be
/// read back.
pub fn name_problem(name: &str) -> Option<String> {
    if name.chars().any(crate::error::is_control) {
        return Some(format!(
            "this name holds a control character (`{}`), which would reach a reader's terminal or document raw; remove it",
            crate::error::visible(name)
        ));
    }
    let length = name.chars().count();
    (length > MAX_NAME_CHARS).then(|| format!(
        "this name is {length} characters long, over the limit of {MAX_NAME_CHARS}; shorten it (long explanations belong in a text answer)"
    ))
}

fn check_units(r: &mut Report, units: &[String]) {
    let mut seen = HashSet::new();
    for (i, unit) in units.iter().enumerate() {
        if unit.trim().is_empty() {
            r.error(
                &format!("units[{i}]"),
                "a unit name is empty; name the business unit or remove the entry",
            );
        } else if !seen.insert(unit.as_str()) {
            r.error(
                &format!("units[{i}]"),
                format!("unit `{unit}` is listed twice; list each unit once"),
            );
        }
    }
}

/// The answers under `answers:`. Paths are only spelled out for a diagnostic: a workshop loads
/// millions of valid answers.
fn top_answers(r: &mut Report, q: &Questionnaire, answers: &Mapping, sheet: &mut Sheet) {
    for (key, value) in answers {
        let Some(id) = key_text(r, "answers", key) else {
            continue;
        };
        let path = || key_path("answers", id);
        let Some(i) = known_question(r, q, &path, id) else {
            continue;
        };
        let question = &q.questions[i];
        if question.per_unit {
            r.error_key(&path(), format!("`{id}` is asked per business unit; move it under `units_answers: {{ <unit>: {{ {id}: … }} }}`"));
            continue;
        }
        sheet.answers[i] = answer(r, &path, question, value);
    }
}

/// The answers under `units_answers:`, unit by unit.
fn unit_answers(r: &mut Report, q: &Questionnaire, by_unit: &Mapping, sheet: &mut Sheet) {
    for (key, value) in by_unit {
        let Some(unit) = key_text(r, "units_answers", key) else {
            continue;
        };
        let upath = key_path("units_answers", unit);
        let Some(u) = UnitIx::position(&sheet.units, |n| n == unit) else {
            r.error_key(
                &upath,
                format!(
                    "unit `{unit}` is not listed in `units`{}",
                    match crate::error::did_you_mean(unit, sheet.units.iter().map(String::as_str)) {
                        Some(best) => format!("; did you mean `{best}`?"),
                        None => format!("; add it to `units: [{unit}]`"),
                    }
                ),
            );
            continue;
        };
        let Some(map) = value.as_mapping() else {
            if !value.is_null() {
                r.error(
                    &upath,
                    format!(
                        "the answers for `{unit}` must be a mapping of question ids to answers"
                    ),
                );
            }
            continue;
        };
        for (key, value) in map {
            let Some(id) = key_text(r, &upath, key) else {
                continue;
            };
            let path = || key_path(&upath, id);
            let Some(i) = known_question(r, q, &path, id) else {
                continue;
            };
            let question = &q.questions[i];
            if !question.per_unit {
                r.error_key(
                    &path(),
                    format!("`{id}` is not asked per unit; move it under `answers:`"),
                );
                continue;
            }
            sheet.unit_answers[u][i] = answer(r, &path, question, value);
        }
    }
}

/// Answers to questions hidden by show_if are ignored, with a warning.
fn warn_hidden(r: &mut Report, q: &Questionnaire, sheet: &mut Sheet) {
    for step in visibility::drop_hidden(q, sheet) {
        let question = &q.questions[step.question];
        let (path, whose) = match step.unit {
            None => (key_path("answers", &question.id), String::new()),
            Some(u) => {
                let unit = &sheet.units[u];
                let path = key_path(&key_path("units_answers", unit), &question.id);
                (path, format!(" for `{unit}`"))
            }
        };
        let role = sheet.respondent.role.as_deref();
        let why = question.why_hidden(role, &whose);
        r.warning(&path, format!("{why}, so this answer is ignored"));
    }
}

fn key_text<'v>(r: &mut Report, path: &str, key: &'v Value) -> Option<&'v str> {
    match key {
        Value::String(s) => Some(s),
        other => {
            r.error(
                path,
                format!(
                    "keys here must be question ids or unit names, not `{}`",
                    value_text(other)
                ),
            );
            None
        }
    }
}

/// A path into the sheet, spelled out only when a diagnostic needs it.
type Path<'a> = &'a dyn Fn() -> String;

fn known_question(r: &mut Report, q: &Questionnaire, path: Path, id: &str) -> Option<QuestionIx> {
    let i = q.question_index(id);
    if i.is_none() {
        let hint = r.hint(id, q.questions.iter().map(|q| q.id.as_str()));
        let message = format!("`{id}` is not a question of {}{hint}", q.reference());
        r.error_key(&path(), message);
    }
    i
}

/// Reads one answer value for `question`; `None` when unanswered or invalid (reported).
fn answer(r: &mut Report, path: Path, question: &Question, value: &Value) -> Option<Answer> {
    question.accept(value).unwrap_or_else(|problems| {
        for p in problems {
            match p.item {
                Some(i) => r.error(&format!("{}[{i}]", path()), p.to_string()),
                None => r.error(&path(), p.to_string()),
            }
        }
        None
    })
}

#[cfg(test)]
mod tests {
    use super::{Answer, RawSheet, UnitAnswers, fields};
    use crate::index::{OptionIx, QuestionIx};

    /// A unit's answers read like a dense row: unanswered questions are `None`, answers come back
    /// in question order whatever order they were set in, and clearing one leaves the row equal
    /// to one where it was never set.
    #[test]
    fn unit_answers_read_like_a_dense_row() {
        let q = QuestionIx::new;
        let mut row = UnitAnswers::default();
        row[q(7)] = Some(Answer::Bool(true));
        row[q(2)] = Some(Answer::Choice(OptionIx::new(1)));
        row[q(4)] = Some(Answer::Number(3.0));
        row[q(4)] = None;
        assert_eq!(row[q(2)], Some(Answer::Choice(OptionIx::new(1))));
        assert_eq!(row[q(3)], None);
        assert_eq!(row[q(4)], None);
        let answered: Vec<QuestionIx> = row.iter().map(|(i, _)| i).collect();
        assert_eq!(answered, [q(2), q(7)]);
        let mut same = UnitAnswers::default();
        same[q(2)] = Some(Answer::Choice(OptionIx::new(1)));
        same[q(7)] = Some(Answer::Bool(true));
        assert_eq!(row, same);
        assert_eq!(format!("{row:?}"), format!("{same:?}"));
        same[q(7)] = Some(Answer::Bool(false));
        assert_ne!(row, same);
    }
    use serde_yaml::Value;

    /// Over every mix of present, missing, null and wrongly typed fields (and a stray one),
    /// `fields` reads a sheet exactly when serde does, to the same result, and otherwise hands
    /// the value back untouched.
    #[test]
    fn fields_read_what_serde_reads() {
        let choices: [(&str, &[&str]); 9] = [
            ("format", &["", "format: f", "format: ~", "format: 1"]),
            (
                "questionnaire",
                &["", "questionnaire: q@1", "questionnaire: [q]"],
            ),
            (
                "organization",
                &[
                    "",
                    "organization: Org",
                    "organization: ~",
                    "organization: 2",
                ],
            ),
            ("date", &["", "date: 2026-01-02", "date: ~", "date: {d: 1}"]),
            (
                "respondent",
                &[
                    "",
                    "respondent: ~",
                    "respondent: {name: Ann, role: lead}",
                    "respondent: {name: ~}",
                    "respondent: {role: 3}",
                    "respondent: {name: A, age: 3}",
                    "respondent: x",
                ],
            ),
            (
                "units",
                &[
                    "",
                    "units: ~",
                    "units: [A, B]",
                    "units: []",
                    "units: [A, 1]",
                    "units: A",
                ],
            ),
            (
                "answers",
                &[
                    "",
                    "answers: ~",
                    "answers: {a: 1}",
                    "answers: {}",
                    "answers: [a]",
                ],
            ),
            (
                "units_answers",
                &["", "units_answers: {A: {u: 1}}", "units_answers: 3"],
            ),
            ("stray", &["", "", "", "other: 1"]),
        ];
        // Which spelling of each field: any mix, shrunk to the simplest on a failure.
        let picks: Vec<std::ops::Range<usize>> = choices
            .iter()
            .map(|(_, options)| 0..options.len())
            .collect();
        let config = proptest::test_runner::Config::with_cases(3000);
        let mut runner = proptest::test_runner::TestRunner::new(config);
        let outcome = runner.run(&picks, |picked| {
            let lines: Vec<&str> = choices
                .iter()
                .zip(&picked)
                .map(|((_, options), &k)| options[k])
                .filter(|line| !line.is_empty())
                .collect();
            let text = lines.join("\n");
            let value: Value = serde_yaml::from_str(&text).unwrap();
            let by_serde = serde_yaml::from_value::<RawSheet>(value.clone()).ok();
            match fields(value.clone()) {
                Ok(raw) => proptest::prop_assert_eq!(Some(raw), by_serde, "{}", text),
                Err(back) => proptest::prop_assert_eq!(back, value, "{}", text),
            }
            Ok(())
        });
        if let Err(e) = outcome {
            panic!("{e}");
        }
        let full =
            "format: f\nquestionnaire: q@1\nrespondent: {name: A}\nunits: [A]\nanswers: {a: 1}";
        assert!(fields(serde_yaml::from_str(full).unwrap()).is_ok());
    }
}
