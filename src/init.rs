//! Starting files: a blank, commented answer sheet for a questionnaire, named for its respondent
//! when `init sheet` is told who that is.

use crate::index::QuestionIx;
use crate::questionnaire::{Kind, Questionnaire};

/// YAML double-quoted string (JSON strings are valid YAML).
fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// One line of comment text: newlines folded, trimmed.
fn comment(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn describe(kind: &Kind, allow_na: bool) -> String {
    let mut s = match kind {
        Kind::Choice { options } => {
            let list: Vec<String> = options
                .iter()
                .map(|o| format!("{} ({})", o.value, comment(&o.label)))
                .collect();
            format!("one of: {}", list.join(" | "))
        }
        Kind::Multi { options, .. } => {
            let list: Vec<String> = options
                .iter()
                .map(|o| format!("{} ({})", o.value, comment(&o.label)))
                .collect();
            format!(
                "a list, e.g. [{}], of: {}",
                options.first().map_or("", |o| o.value.as_str()),
                list.join(" | ")
            )
        }
        Kind::Scale { points, .. } => {
            let list: Vec<String> = points
                .iter()
                .map(|p| format!("{} = {}", p.value, comment(&p.label)))
                .collect();
            format!("a number: {}", list.join(", "))
        }
        Kind::YesNo => "yes or no".into(),
        Kind::Number { min, max, .. } => match (min, max) {
            (Some(a), Some(b)) => format!("a number from {a} to {b}"),
            (Some(a), None) => format!("a number, at least {a}"),
            (None, Some(b)) => format!("a number, at most {b}"),
            (None, None) => "a number".into(),
        },
        Kind::Text => "free text in quotes (not scored)".into(),
    };
    if allow_na {
        s.push_str("; or n/a");
    }
    s
}

fn question_block(q: &Questionnaire, i: QuestionIx, indent: &str, unit: Option<&str>) -> String {
    let question = &q.questions[i];
    let mut text = question.text.replace("{organization}", "your organization");
    if let Some(u) = unit {
        text = text.replace("{unit}", u);
    }
    let mut out = format!("{indent}# {}\n", comment(&text));
    if let Some(help) = &question.help {
        out.push_str(&format!("{indent}#   {}\n", comment(help)));
    }
    out.push_str(&format!(
        "{indent}#   answer: {}\n",
        describe(&question.kind, question.allow_na)
    ));
    if let Some(cond) = &question.show_if {
        out.push_str(&format!(
            "{indent}#   asked only if: {}\n",
            comment(&cond.text)
        ));
    }
    out.push_str(&format!("{indent}{}: ~\n", question.id));
    out
}

/// Who a blank sheet is for; empty fields are left for the respondent to fill in.
#[derive(Debug, Default)]
pub struct Who {
    pub organization: String,
    pub respondent: String,
    /// A role id of the questionnaire.
    pub role: Option<String>,
    pub units: Vec<String>,
}

/// A blank answer sheet: every question present with `~` (unanswered) and commented with its text,
/// help and allowed answers, and `who` filled in. It validates as it is and once filled in.
pub fn blank_sheet(q: &Questionnaire, who: &Who) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "# Answer sheet for \"{}\" ({}).\n",
        comment(&q.title),
        q.reference()
    ));
    out.push_str("# Replace each `~` with an answer; leave `~` for questions you skip.\n");
    out.push_str("# Check it with `leapcheck validate FILE`, then run `leapcheck report FILE`.\n");
    out.push_str(&format!("format: {}\n", crate::sheet::FORMAT));
    out.push_str(&format!("questionnaire: {}\n", q.reference()));
    out.push_str(&format!("organization: {}\n", quoted(&who.organization)));
    let roles: Vec<&str> = q.roles.iter().map(|r| r.id.as_str()).collect();
    let name = quoted(&who.respondent);
    if roles.is_empty() {
        out.push_str(&format!("respondent: {{ name: {name} }}\n"));
    } else {
        out.push_str(&format!("# role: one of {}\n", roles.join(", ")));
        let role = who.role.as_deref().unwrap_or("~");
        out.push_str(&format!("respondent: {{ name: {name}, role: {role} }}\n"));
    }
    out.push_str("date: ~  # YYYY-MM-DD\n");
    let names: Vec<&str> = if who.units.is_empty() {
        q.suggested_units
            .iter()
            .take(1)
            .map(String::as_str)
            .collect()
    } else {
        who.units.iter().map(String::as_str).collect()
    };
    let units: Vec<String> = names.iter().map(|u| quoted(u)).collect();
    if q.has_units() || !who.units.is_empty() {
        out.push_str("# The business units that talk to customers");
        if !q.suggested_units.is_empty() {
            out.push_str(&format!(", e.g. {}", q.suggested_units.join(", ")));
        }
        out.push_str(".\n# Each unit listed here is answered under `units_answers`.\n");
        out.push_str(&format!("units: [{}]\n", units.join(", ")));
    }
    out.push_str("answers:\n");
    for d in &q.dimensions {
        if d.per_unit {
            continue;
        }
        out.push_str(&format!("\n  # ── {} ──\n", comment(&d.name)));
        for &i in &d.questions {
            out.push_str(&question_block(q, i, "  ", None));
        }
    }
    if q.has_units() {
        out.push_str("units_answers:\n");
        for name in names {
            out.push_str(&format!("  {}:\n", quoted(name)));
            for d in q.dimensions.iter().filter(|d| d.per_unit) {
                out.push_str(&format!("\n    # ── {} ──\n", comment(&d.name)));
                for &i in &d.questions {
                    out.push_str(&question_block(q, i, "    ", Some(name)));
                }
            }
        }
    }
    out
}
