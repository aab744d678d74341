//! What the interview says at its start and at its end.

use std::path::Path;

use crate::interview::{self, Step};
use crate::questionnaire::Questionnaire;
use crate::sheet::Sheet;
use crate::{plan, score, view};

/// A path as one shell word: as it is when that is safe, in single quotes otherwise.
pub fn shell_word(path: &Path) -> String {
    let text = path.display().to_string();
    let safe = |c: char| c.is_ascii_alphanumeric() || "._-/+@%:=,".contains(c);
    if !text.is_empty() && text.chars().all(safe) {
        text
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

/// The first screen; for a resumed sheet, how much is left.
pub fn opening(q: &Questionnaire, sheet: &Sheet, resume: Option<&Path>) -> String {
    let Some(path) = resume else {
        return interview::welcome(q, sheet);
    };
    let gaps = interview::gaps(q, sheet);
    if gaps.is_empty() {
        return format!(
            "Every question shown in {} is answered; esc goes back through them.",
            path.display()
        );
    }
    format!(
        "{}\nContinuing {}: {} unanswered question{}, {}. Only those are asked; esc goes back.",
        q.title,
        path.display(),
        gaps.len(),
        if gaps.len() == 1 { "" } else { "s" },
        interview::about_minutes(interview::minutes(q, &gaps))
    )
}

/// The most skipped questions listed by name at the end; the rest are counted.
const SKIPPED_LISTED: usize = 10;

/// The end of an interview: the score and level and what the level means, what holds it down,
/// the first three actions, the questions skipped, and the commands to go on with.
pub fn summary(q: &Questionnaire, sheet: &Sheet, path: &Path, q_arg: &str) -> String {
    let a = score::assess(q, sheet);
    let p = plan::plan(q, &a, None);
    let v = view::report(q, sheet, &a, &p, false);
    let file = shell_word(path);
    let mut out = format!("\nSaved {}.\n", path.display());
    match v.header.overall {
        Some(o) => out.push_str(&format!(
            "Score {o:.1} / 100 · level {}\n",
            v.header.level.name
        )),
        None => out.push_str("Not enough answers yet for a score.\n"),
    }
    if !v.header.level.summary.trim().is_empty() {
        out.push_str(&format!("  {}\n", v.header.level.summary.trim()));
    }
    out.push_str(&holding(&v));
    if !v.plan.first_actions.is_empty() {
        out.push_str("First actions:\n");
        for action in v.plan.first_actions.iter().take(3) {
            let owner = action
                .owner
                .as_deref()
                .map(|o| format!(" ({o})"))
                .unwrap_or_default();
            out.push_str(&format!("  {}. {}{owner}\n", action.number, action.title));
        }
    }
    out.push_str(&skipped(q, sheet, &interview::gaps(q, sheet), &file, q_arg));
    out.push_str(&format!(
        "The full report, to read or share:\n  leapcheck report {file}{q_arg} -o report.html\nThe leap plan, step by step:\n  leapcheck plan {file}{q_arg}"
    ));
    out
}

/// What holds the level down: the gates that cap it, and the distance to the next level.
fn holding(v: &view::ReportView) -> String {
    let mut lines: Vec<String> = v
        .gates
        .iter()
        .filter(|g| g.capping)
        .map(|g| g.reason.trim().to_string())
        .collect();
    if let (Some(next), Some(overall)) = (&v.header.next_level, v.header.overall) {
        let short = next.min_score - overall;
        if short > 0.0 {
            let weakest: Vec<String> = v
                .gaps
                .iter()
                .filter_map(|g| g.score.map(|s| format!("{} ({s:.1})", g.name)))
                .collect();
            let weakest = match weakest.is_empty() {
                true => String::new(),
                false => format!("; the weakest: {}", weakest.join(", ")),
            };
            lines.push(format!("{short:.1} points short of {}{weakest}", next.name));
        }
    }
    if lines.is_empty() {
        return String::new();
    }
    let mut out = "What holds the level down:\n".to_string();
    for line in lines {
        out.push_str(&format!("  • {line}\n"));
    }
    out
}

/// The questions left unanswered, and how to answer them.
fn skipped(q: &Questionnaire, sheet: &Sheet, gaps: &[Step], file: &str, q_arg: &str) -> String {
    if gaps.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "Skipped ({}), counted as unanswered in the report:\n",
        gaps.len()
    );
    for &step in gaps.iter().take(SKIPPED_LISTED) {
        out.push_str(&format!(
            "  • {}\n",
            interview::question_text(q, sheet, step)
        ));
    }
    if gaps.len() > SKIPPED_LISTED {
        out.push_str(&format!("  and {} more\n", gaps.len() - SKIPPED_LISTED));
    }
    out.push_str(&format!(
        "Answer them later:\n  leapcheck interview --resume {file}{q_arg}\n"
    ));
    out
}
