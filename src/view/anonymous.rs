//! `--anonymous`: respondents shown by role and a number, never by name (docs/design.md, "Many
//! respondents").

use crate::questionnaire::Questionnaire;
use crate::sheet::Sheet;

/// A role with fewer respondents than this shows as its role group: a role of one or two people
/// names them as surely as their names would.
pub const MIN_ROLE: usize = 3;

/// A role group as a reader reads it: `leadership` → `Leadership`, `frontline` → `Front line`,
/// any other with its first letter raised and `_` as a space.
pub(crate) fn group_label(group: &str) -> String {
    match group {
        "leadership" => "Leadership".into(),
        "frontline" => "Front line".into(),
        other => {
            let spaced = other.replace('_', " ");
            let mut chars = spaced.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_else(|| "Respondent".into())
        }
    }
}

/// What each sheet's respondent is called instead of their name, in the sheets' order: their
/// role's name and a number ("Service agent 2"); for a role with fewer than [`MIN_ROLE`]
/// respondents, their role group and a number ("Leadership 1"); without a group, or without a
/// role, "Respondent" and a number. Numbers count up per label in the sheets' order.
pub fn pseudonyms(q: &Questionnaire, sheets: &[&Sheet]) -> Vec<String> {
    let roles: Vec<Option<&crate::questionnaire::Role>> = sheets
        .iter()
        .map(|s| s.respondent.role.as_deref().and_then(|id| q.role(id)))
        .collect();
    let in_role = |id: &str| {
        roles
            .iter()
            .filter(|r| r.is_some_and(|r| r.id == id))
            .count()
    };
    let mut numbers: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    roles
        .iter()
        .map(|role| {
            let label = match role {
                Some(r) if in_role(&r.id) >= MIN_ROLE => r.name.clone(),
                Some(r) => r
                    .group
                    .as_deref()
                    .map_or_else(|| "Respondent".into(), group_label),
                None => "Respondent".into(),
            };
            let n = numbers.entry(label.clone()).or_default();
            *n += 1;
            format!("{label} {n}")
        })
        .collect()
}

/// Replaces each sheet's respondent name with its pseudonym (see [`pseudonyms`]), before the
/// room is assessed. The numbers follow the sheets ordered with every name blank (by role,
/// organization, date, then answers): numbered in the order of their names, "Leadership 1" would
/// be whichever of the two leaders comes first in the alphabet.
pub fn anonymize(q: &Questionnaire, sheets: &mut [Sheet]) {
    for s in sheets.iter_mut() {
        s.respondent.name.clear();
    }
    let mut order: Vec<usize> = (0..sheets.len()).collect();
    order.sort_by(|&a, &b| crate::aggregate::sheet_order(&sheets[a], &sheets[b]));
    let ordered: Vec<&Sheet> = order.iter().map(|&k| &sheets[k]).collect();
    let names = pseudonyms(q, &ordered);
    for (k, name) in order.into_iter().zip(names) {
        sheets[k].respondent.name = name;
    }
}
