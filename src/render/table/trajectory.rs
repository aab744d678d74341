//! The plan's trajectory in the terminal: a row per phase, then whether the target is reached and
//! the shortest way to it.

use comfy_table::{Cell, CellAlignment};

use super::{Table, score_text};
use crate::view::plan::{BlockedView, ShortestView, TrajectoryView};

impl Table {
    /// The trajectory's section; empty without one.
    pub(super) fn trajectory(
        &self,
        t: Option<&TrajectoryView>,
        shortest: Option<&ShortestView>,
    ) -> String {
        let Some(t) = t else {
            return String::new();
        };
        let mut out = self.heading("Trajectory");
        out.push('\n');
        let mut table = self.new_table();
        table.set_header(vec!["", "Overall", "Level", "Actions done"]);
        for s in &t.steps {
            table.add_row(vec![
                Cell::new(s.name),
                right(score_text(s.overall)),
                Cell::new(&s.level.name),
                right(s.actions_done.to_string()),
            ]);
        }
        out.push_str(&format!("{table}\n{}\n", self.dimension_steps(t)));
        if t.actions_with_raises == 0 {
            out.push_str(&self.fit("No action of this plan says which answers it brings about (`raises` in the questionnaire), so the projection stays at today's scores.\n"));
        }
        out.push_str(&verdict(t));
        if let Some(s) = shortest {
            out.push_str(&shortest_text(s));
        }
        out.push('\n');
        out
    }
}

impl Table {
    /// The dimensions' projected scores: a row per dimension, a column per step, so that many
    /// dimensions fit a terminal's width.
    fn dimension_steps(&self, t: &TrajectoryView) -> comfy_table::Table {
        let mut table = self.new_table();
        let mut header = vec!["Dimension"];
        header.extend(t.steps.iter().map(|s| s.name));
        table.set_header(header);
        for (k, d) in t.steps[0].dimensions.iter().enumerate() {
            let mut row = vec![Cell::new(&d.name)];
            row.extend((t.steps.iter()).map(|s| right(score_text(s.dimensions[k].score))));
            table.add_row(row);
        }
        table
    }
}

fn right(text: String) -> Cell {
    Cell::new(text).set_alignment(CellAlignment::Right)
}

fn verdict(t: &TrajectoryView) -> String {
    match (&t.target, t.reached_in_name, &t.blocked_by) {
        (None, ..) => String::new(),
        (Some(l), Some("Today"), _) => format!("Target {}: reached today.\n", l.name),
        (Some(l), Some(step), _) => {
            format!("Target {}: reached {}.\n", l.name, step.to_lowercase())
        }
        (Some(l), None, Some(b)) => format!(
            "Target {}: not reached by the end of embed. Still in the way:\n{}",
            l.name,
            blocked_text(b)
        ),
        (Some(l), None, None) => format!("Target {}: not reached.\n", l.name),
    }
}

fn shortest_text(s: &ShortestView) -> String {
    let stopped = if s.proven {
        ""
    } else {
        " (the least found before the search stopped at its limit)"
    };
    if !s.reachable {
        let blocked = s.blocked_by.as_ref().map(blocked_text).unwrap_or_default();
        return format!(
            "No set of these actions reaches {}{stopped}. With every one done, still short:\n{blocked}",
            s.target.name
        );
    }
    let actions: Vec<String> = (s.actions.iter())
        .map(|r| format!("{}. {}", r.number, r.title))
        .collect();
    format!(
        "Least effort to {} (effort {}){stopped}: {}.\n",
        s.target.name,
        s.effort,
        actions.join(" · ")
    )
}

fn blocked_text(b: &BlockedView) -> String {
    let mut out = String::new();
    for g in &b.gates {
        out.push_str(&format!("  {}\n", g.title));
    }
    if b.overall_shortfall > 0.0 {
        out.push_str(&format!(
            "  overall score: {:.1} points short\n",
            b.overall_shortfall
        ));
    }
    for d in &b.dimensions {
        out.push_str(&format!(
            "  {}: {}, {:.1} points short\n",
            d.name,
            score_text(d.score),
            d.shortfall
        ));
    }
    out
}
