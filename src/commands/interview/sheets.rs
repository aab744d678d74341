//! The files around an interview: the sheet being resumed, the sheets already in a workshop's
//! room (the same person again, the units others named), and free file names.

use std::path::{Path, PathBuf};

use serde_yaml::Value;

use super::super::Settings;
use crate::error::Result;
use crate::input::{self, Reader};
use crate::interview::{self, Asked, Asker, same_name};
use crate::questionnaire::Questionnaire;
use crate::sheet::{self, Sheet};

/// The questionnaire (from `-q`, or the one the sheet names) and the sheet of `--resume FILE`.
pub fn resumed(
    questionnaire: Option<&str>,
    path: &Path,
    reader: &Reader,
    limits: sheet::Limits,
) -> Result<(Questionnaire, Sheet)> {
    let file = reader.read(path)?;
    let q = reader.questionnaire_for(questionnaire, &file.source.text)?;
    let s = load(&q, path, reader, limits)?;
    Ok((q, s))
}

/// The sheet at `path`, read for `q` and ready to be asked further.
fn load(q: &Questionnaire, path: &Path, reader: &Reader, limits: sheet::Limits) -> Result<Sheet> {
    let file = reader.read(path)?;
    let (s, diagnostics) = sheet::load_within(&file.source, q, limits);
    let mut s = input::finish(s, diagnostics)?;
    if s.unit_answers.len() < s.units.len() {
        s.unit_answers
            .resize(s.units.len(), sheet::UnitAnswers::default());
    }
    Ok(s)
}

/// The sheets in a room directory, as YAML values: the files that read as a mapping.
fn room_sheets(room: &Path, reader: &Reader) -> Vec<(PathBuf, Value)> {
    let Ok(entries) = std::fs::read_dir(room) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .filter_map(|p| {
            let text = reader.read(&p).ok()?.source.text;
            let v: Value = serde_yaml::from_str(&text).ok()?;
            v.is_mapping().then_some((p, v))
        })
        .collect()
}

/// The units the room's sheets name, each once, in its most common spelling (the first seen on
/// a tie), in the order first named.
pub fn room_units(room: &Path, reader: &Reader) -> Vec<String> {
    let mut seen: Vec<Vec<(String, usize)>> = Vec::new();
    for (_, v) in room_sheets(room, reader) {
        let Some(units) = v.get("units").and_then(Value::as_sequence) else {
            continue;
        };
        for u in units.iter().filter_map(Value::as_str).map(str::trim) {
            match seen.iter_mut().find(|s| same_name(&s[0].0, u)) {
                Some(spellings) => match spellings.iter_mut().find(|(x, _)| x == u) {
                    Some((_, n)) => *n += 1,
                    None => spellings.push((u.to_string(), 1)),
                },
                None if !u.is_empty() => seen.push(vec![(u.to_string(), 1)]),
                None => {}
            }
        }
    }
    seen.into_iter()
        .filter_map(|s| {
            let most = s.iter().map(|(_, n)| *n).max()?;
            s.into_iter().find(|(_, n)| *n == most).map(|(u, _)| u)
        })
        .collect()
}

/// The sheet in the room that holds this person's answers: same organization and name, but for
/// case and spaces.
fn sheet_of(room: &Path, reader: &Reader, who: &Sheet) -> Option<(PathBuf, usize)> {
    let text = |v: &Value, key: &str| v.get(key).and_then(Value::as_str).map(str::to_string);
    room_sheets(room, reader).into_iter().find_map(|(p, v)| {
        let name = v.get("respondent").and_then(|r| text(r, "name"))?;
        let org = text(&v, "organization")?;
        let count = |m: &Value| {
            m.as_mapping()
                .map_or(0, |m| m.values().filter(|a| !a.is_null()).count())
        };
        let units = v.get("units_answers").and_then(Value::as_mapping);
        let answered =
            v.get("answers").map_or(0, count) + units.map_or(0, |u| u.values().map(count).sum());
        (same_name(&org, &who.organization) && same_name(&name, &who.respondent.name))
            .then_some((p, answered))
    })
}

const CONTINUE: &str = "Continue those answers";
const AGAIN: &str = "Start again (the earlier answers are replaced)";
const OTHER: &str = "Use another name";

/// In a workshop's room, right after the name: when a sheet there already holds this person's
/// answers, offers to continue it (it becomes the sheet), to start again (replacing it, once
/// confirmed) or to give another name. Returns the file to write, when it is that sheet.
pub fn same_person(
    asker: &mut dyn Asker,
    q: &Questionnaire,
    sheet: &mut Sheet,
    room: &Path,
    settings: &Settings,
) -> Asked<Option<PathBuf>> {
    let reader = &settings.reader;
    while let Some((path, answered)) = sheet_of(room, reader, sheet) {
        let prompt = format!(
            "{} already holds answers from {} ({answered} answered). What now?",
            path.display(),
            sheet.respondent.name
        );
        let items = [CONTINUE, AGAIN, OTHER].map(String::from);
        match asker.select(&prompt, &items, 0)? {
            Some(0) => {
                let mut earlier = load(q, &path, reader, settings.limits)?;
                if earlier.date.is_none() {
                    earlier.date = sheet.date;
                }
                *sheet = earlier;
                return Ok(Some(path));
            }
            Some(1) => {
                let sure = format!("Replace {}? Its answers are lost.", path.display());
                if asker.confirm(&sure, Some(false))? == Some(true) {
                    return Ok(Some(path));
                }
            }
            _ => {
                sheet.respondent.name.clear();
                interview::identify(asker, sheet)?;
            }
        }
    }
    Ok(None)
}

/// The respondent named in an existing sheet file, if it is one.
pub fn existing_respondent(path: &Path) -> Option<String> {
    let text = std::fs::read_to_string(path).ok()?;
    let v: Value = serde_yaml::from_str(&text).ok()?;
    v.get("respondent")?
        .get("name")?
        .as_str()
        .map(str::to_string)
}

/// `name-2.yaml`, `name-3.yaml`, … : the first that does not exist.
pub fn next_free(path: &Path) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "answers".into());
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().into_owned())
        .unwrap_or_else(|| "yaml".into());
    (2..)
        .map(|n| path.with_file_name(format!("{stem}-{n}.{ext}")))
        .find(|p| !p.exists())
        .unwrap_or_else(|| path.to_path_buf())
}
