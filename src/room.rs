//! Who counts in a room (docs/design.md, "Many respondents", W10): one sheet per respondent, no
//! blank sheets, strangers named, units spelled one way. Pure: it reads loaded sheets with the
//! names of their files and says which count, which are set aside and why, with a warning naming
//! the file for each.

use std::collections::BTreeMap;

use crate::error::{Diagnostic, Severity};
use crate::index::QuestionIx;
use crate::questionnaire::Questionnaire;
use crate::score;
use crate::sheet::Sheet;

/// A loaded sheet and the name of its file.
#[derive(Clone, Debug)]
pub struct Entry {
    pub file: String,
    pub sheet: Sheet,
}

/// Why a file of the room does not count.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// The same respondent has a later sheet, in `kept`, which counts.
    Older { kept: String },
    /// The sheet has no scored answer.
    Blank,
    /// The file is no answer sheet: `what` it is instead.
    NotASheet { what: String },
}

/// A file read but not counted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SetAside {
    pub file: String,
    pub reason: Reason,
}

/// A counted sheet that names another organization than the room's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stranger {
    pub file: String,
    pub organization: String,
}

/// How many files a run read, how many count, and what became of the others.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Roll {
    pub read: usize,
    pub counted: usize,
    pub set_aside: Vec<SetAside>,
    pub strangers: Vec<Stranger>,
}

impl Roll {
    /// One sheet read and counted.
    pub fn single() -> Roll {
        Roll {
            read: 1,
            counted: 1,
            set_aside: Vec::new(),
            strangers: Vec::new(),
        }
    }
}

/// The sheets that count, the roll, and one warning per trap met.
pub struct Admitted {
    pub sheets: Vec<Sheet>,
    pub roll: Roll,
    pub warnings: Vec<Diagnostic>,
}

/// A name compared without case and extra spaces: trimmed, inner runs of white space as one
/// space, lower case.
pub fn fold(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Whether the sheet holds at least one answer with a question score (rule 1).
pub fn has_scored_answer(q: &Questionnaire, sheet: &Sheet) -> bool {
    let scored = |i: QuestionIx, a: &Option<crate::answer::Answer>| {
        q.questions[i].scored()
            && a.as_ref()
                .is_some_and(|a| score::question_score(&q.questions[i].kind, a).is_some())
    };
    QuestionIx::enumerate(&sheet.answers).any(|(i, a)| scored(i, a))
        || sheet
            .unit_answers
            .iter()
            .any(|u| u.iter().any(|(i, a)| scored(i, a)))
}

/// What a sheet leaves out of who, when and what: `organization`, `respondent name`, `date`,
/// `answers`.
pub fn missing(sheet: &Sheet) -> Vec<&'static str> {
    let answered = sheet.answers.iter().any(Option::is_some)
        || sheet.unit_answers.iter().any(|u| u.iter().next().is_some());
    [
        (sheet.organization.trim().is_empty(), "organization"),
        (sheet.respondent.name.trim().is_empty(), "respondent name"),
        (sheet.date.is_none(), "date"),
        (!answered, "answers"),
    ]
    .into_iter()
    .filter_map(|(gone, what)| gone.then_some(what))
    .collect()
}

/// What a file in a room directory is when it is no answer sheet: an import mapping, a
/// questionnaire, or another YAML mapping without `format: leapcheck/answers@…`. `None` for a
/// sheet, and for text that does not parse (the sheet loader reports that with its position).
pub fn not_a_sheet(text: &str) -> Option<String> {
    let line = text.lines().find_map(|l| {
        let v = l.strip_prefix("format:")?.split(" #").next()?.trim();
        Some(v.trim_matches(|c| c == '"' || c == '\'').to_string())
    });
    let format = match line {
        Some(f) => Some(f),
        None => {
            let v: serde_yaml::Value = serde_yaml::from_str(text).ok()?;
            if !v.is_mapping() {
                return None;
            }
            v.get("format").and_then(|f| f.as_str()).map(str::to_string)
        }
    };
    match format.as_deref() {
        Some(f) if f.starts_with("leapcheck/answers") => None,
        Some(f) if f.starts_with("leapcheck/mapping") => Some(format!("an import mapping (`{f}`)")),
        Some(f) if f.starts_with("leapcheck/questionnaire") => {
            Some(format!("a questionnaire (`{f}`)"))
        }
        Some(f) => Some(format!("a YAML file of format `{f}`")),
        None => Some("a YAML file without `format: leapcheck/answers@1`".into()),
    }
}

fn warning(file: &str, message: String) -> Diagnostic {
    Diagnostic::new(Severity::Warning, file, None, message)
}

/// Decides who counts among the sheets of a room (several files), given in file order, with the
/// files already set aside as no sheet at all. Fails, with an error naming both files, when one
/// respondent has two sheets of the same date.
pub fn admit(
    q: &Questionnaire,
    entries: Vec<Entry>,
    not_sheets: Vec<SetAside>,
) -> Result<Admitted, Vec<Diagnostic>> {
    let read = entries.len() + not_sheets.len();
    let mut warnings: Vec<Diagnostic> = not_sheets
        .iter()
        .map(|s| {
            let Reason::NotASheet { what } = &s.reason else {
                unreachable!("only files that are no sheet come in set aside")
            };
            warning(
                &s.file,
                format!("skipped: {what}, not an answer sheet; move it out of the room directory to silence this"),
            )
        })
        .collect();
    let mut set_aside = not_sheets;
    let (scored, blank): (Vec<Entry>, Vec<Entry>) = entries
        .into_iter()
        .partition(|e| has_scored_answer(q, &e.sheet));
    for e in blank {
        warnings.push(warning(
            &e.file,
            "set aside: the sheet has no scored answer, so it would count as a respondent at the lowest level; answer it, or remove it from the room".into(),
        ));
        set_aside.push(SetAside {
            file: e.file,
            reason: Reason::Blank,
        });
    }
    let mut kept = latest(scored, &mut set_aside, &mut warnings)?;
    let strangers = one_organization(&mut kept, &mut warnings);
    one_spelling_of_units(&mut kept, &mut warnings);
    Ok(Admitted {
        roll: Roll {
            read,
            counted: kept.len(),
            set_aside,
            strangers,
        },
        sheets: kept.into_iter().map(|e| e.sheet).collect(),
        warnings,
    })
}

/// One sheet per respondent (organization and name, folded; a nameless sheet is nobody's
/// duplicate): the latest date counts, the others are set aside. The same date twice is an error
/// naming both files.
fn latest(
    entries: Vec<Entry>,
    set_aside: &mut Vec<SetAside>,
    warnings: &mut Vec<Diagnostic>,
) -> Result<Vec<Entry>, Vec<Diagnostic>> {
    let mut groups: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
    for (k, e) in entries.iter().enumerate() {
        let name = fold(&e.sheet.respondent.name);
        if !name.is_empty() {
            let key = (fold(&e.sheet.organization), name);
            groups.entry(key).or_default().push(k);
        }
    }
    let mut dropped = vec![false; entries.len()];
    let mut errors = Vec::new();
    for members in groups.values().filter(|m| m.len() > 1) {
        let best = *members
            .iter()
            .max_by_key(|&&k| entries[k].sheet.date)
            .expect("a group has members");
        let date = entries[best].sheet.date;
        for &k in members.iter().filter(|&&k| k != best) {
            let (e, kept) = (&entries[k], &entries[best]);
            if e.sheet.date == date {
                errors.push(Diagnostic::error(&e.file, None, same_date(e, kept)));
                continue;
            }
            dropped[k] = true;
            warnings.push(warning(
                &e.file,
                format!(
                    "set aside: an older sheet of {}, whose later sheet {} ({}) counts; remove the older one from the room to silence this",
                    e.sheet.respondent.name,
                    kept.file,
                    date_text(kept)
                ),
            ));
            set_aside.push(SetAside {
                file: e.file.clone(),
                reason: Reason::Older {
                    kept: kept.file.clone(),
                },
            });
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(entries
        .into_iter()
        .zip(dropped)
        .filter_map(|(e, d)| (!d).then_some(e))
        .collect())
}

fn date_text(e: &Entry) -> String {
    e.sheet
        .date
        .map_or_else(|| "no date".into(), |d| d.to_string())
}

fn same_date(e: &Entry, other: &Entry) -> String {
    format!(
        "{} ({}) has two sheets of the same date, {}: this file and {}; a respondent counts once, so remove one of them or correct its date",
        e.sheet.respondent.name,
        if e.sheet.organization.is_empty() {
            "no organization"
        } else {
            &e.sheet.organization
        },
        date_text(e),
        other.file
    )
}

/// The most common spelling of each folded name among `names`, a tie going to the first seen.
fn spellings<'a>(names: impl Iterator<Item = &'a str>) -> BTreeMap<String, String> {
    // Per folded name: each spelling with its count, in order of first appearance.
    let mut seen: BTreeMap<String, Vec<(&str, usize)>> = BTreeMap::new();
    for name in names.filter(|n| !n.trim().is_empty()) {
        let list = seen.entry(fold(name)).or_default();
        match list.iter_mut().find(|(s, _)| *s == name) {
            Some((_, n)) => *n += 1,
            None => list.push((name, 1)),
        }
    }
    seen.into_iter()
        .map(|(key, list)| {
            let top = list.iter().map(|(_, n)| *n).max().unwrap_or(0);
            let best = list.iter().find(|(_, n)| *n == top).map(|(s, _)| *s);
            (key, best.unwrap_or_default().to_string())
        })
        .collect()
}

/// The room's organization is the most common one (folded; a tie goes to the alphabetically
/// first), spelled as most sheets spell it; the sheets naming it are respelled so, and the
/// others, still counted, are returned as strangers and warned about.
fn one_organization(kept: &mut [Entry], warnings: &mut Vec<Diagnostic>) -> Vec<Stranger> {
    let spelled = spellings(kept.iter().map(|e| e.sheet.organization.as_str()));
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for e in kept.iter() {
        let key = fold(&e.sheet.organization);
        if let Some((k, _)) = spelled.get_key_value(&key) {
            *counts.entry(k.as_str()).or_default() += 1;
        }
    }
    let top = counts.values().copied().max().unwrap_or(0);
    let Some(room) = counts.iter().find(|(_, n)| **n == top).map(|(k, _)| *k) else {
        return Vec::new();
    };
    let spelling = spelled[room].clone();
    let mut strangers = Vec::new();
    for e in kept.iter_mut() {
        let key = fold(&e.sheet.organization);
        if key == room {
            e.sheet.organization = spelling.clone();
        } else if !key.is_empty() {
            warnings.push(warning(
                &e.file,
                format!(
                    "counted, but the sheet names the organization `{}` where the room's is `{spelling}`; correct `organization:` if it belongs to this room, or remove the sheet from it",
                    e.sheet.organization
                ),
            ));
            strangers.push(Stranger {
                file: e.file.clone(),
                organization: e.sheet.organization.clone(),
            });
        }
    }
    strangers
}

/// Units that differ only in case or spacing are one unit, spelled as most sheets spell it (a tie
/// goes to the first seen); each sheet spelling it otherwise is respelled, with a warning.
fn one_spelling_of_units(kept: &mut [Entry], warnings: &mut Vec<Diagnostic>) {
    let spelled = spellings(
        kept.iter()
            .flat_map(|e| e.sheet.units.iter().map(String::as_str)),
    );
    for e in kept.iter_mut() {
        let folded: Vec<String> = e.sheet.units.iter().map(|u| fold(u)).collect();
        for (k, key) in folded.iter().enumerate() {
            let Some(room) = spelled.get(key) else {
                continue;
            };
            // A sheet that itself lists two spellings keeps them apart.
            if e.sheet.units[k] == *room || folded.iter().filter(|f| *f == key).count() > 1 {
                continue;
            }
            warnings.push(warning(
                &e.file,
                format!(
                    "unit `{}` is counted as `{room}`, as the room spells it; spell it `{room}` in this sheet to silence this",
                    e.sheet.units[k]
                ),
            ));
            e.sheet.units[k] = room.clone();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{fold, spellings};

    #[test]
    fn names_fold_without_case_and_extra_spaces() {
        assert_eq!(fold("  Operations \t Control "), "operations control");
        assert_eq!(fold("Operations control"), fold("operations  CONTROL"));
    }

    #[test]
    fn the_most_common_spelling_wins_and_a_tie_goes_to_the_first_seen() {
        let s = spellings(["Ops", "ops", "OPS", "ops", "Sales", "sales"].into_iter());
        assert_eq!(s["ops"], "ops");
        assert_eq!(s["sales"], "Sales");
    }
}
