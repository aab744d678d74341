//! `--format table`: the maturity report as terminal tables (comfy-table).

use comfy_table::{Attribute, Cell, CellAlignment, Color, ContentArrangement, presets};

use super::{Renderer, Style};
use crate::error::Result;
use crate::view::{DimensionView, ReportView};

pub struct Table {
    pub style: Style,
}

const BAR_WIDTH: usize = 20;

/// A bar of `BAR_WIDTH` cells for a 0..100 score.
pub fn bar(score: f64) -> String {
    let filled = ((score.clamp(0.0, 100.0) / 100.0) * BAR_WIDTH as f64).round() as usize;
    format!("{}{}", "█".repeat(filled), "░".repeat(BAR_WIDTH - filled))
}

fn score_text(score: Option<f64>) -> String {
    score.map_or_else(|| "–".into(), |s| format!("{s:.1}"))
}

impl Table {
    fn new_table(&self) -> comfy_table::Table {
        let mut t = comfy_table::Table::new();
        t.load_style(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic);
        if self.style.color {
            t.enforce_styling();
        } else {
            t.force_no_tty();
        }
        // Without a terminal there is no width to fit; keep lines readable anyway.
        if t.width().is_none() {
            t.set_width(120);
        }
        t
    }

    fn colored(&self, cell: Cell, score: Option<f64>) -> Cell {
        match (self.style.color, score) {
            (true, Some(s)) if s >= 66.0 => cell.fg(Color::Green),
            (true, Some(s)) if s >= 33.0 => cell.fg(Color::Yellow),
            (true, Some(_)) => cell.fg(Color::Red),
            _ => cell,
        }
    }

    fn heading(&self, text: &str) -> String {
        if self.style.color {
            format!("\x1b[1m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    fn dimension_rows(&self, t: &mut comfy_table::Table, d: &DimensionView) {
        let status = if d.sufficient {
            format!("{:.0}%", d.coverage)
        } else {
            format!("{:.0}% (insufficient evidence)", d.coverage)
        };
        let bar_cell = match d.score {
            Some(s) => self.colored(Cell::new(bar(s)), Some(s)),
            None => Cell::new(""),
        };
        t.add_row(vec![
            Cell::new(&d.name),
            self.colored(Cell::new(score_text(d.score)), d.score)
                .set_alignment(CellAlignment::Right),
            bar_cell,
            Cell::new(status),
        ]);
        for u in &d.units {
            t.add_row(vec![
                Cell::new(format!("  · {}", u.name)),
                Cell::new(score_text(u.score)).set_alignment(CellAlignment::Right),
                u.score.map_or_else(|| Cell::new(""), |s| Cell::new(bar(s))),
                Cell::new(format!("{:.0}%", u.coverage)),
            ]);
        }
    }
}

impl Renderer for Table {
    fn render(&self, v: &ReportView) -> Result<String> {
        let mut out = String::new();
        let who: Vec<String> = v
            .respondents
            .iter()
            .map(|r| {
                let mut parts = vec![r.name.clone()];
                parts.extend(r.role_name.clone().or_else(|| r.role.clone()));
                parts.retain(|p| !p.is_empty());
                parts.join(", ")
            })
            .filter(|s| !s.is_empty())
            .collect();
        let org = if v.organization.is_empty() {
            String::new()
        } else {
            format!(" — {}", v.organization)
        };
        out.push_str(&self.heading(&format!("{}{org}", v.questionnaire.title)));
        out.push('\n');
        if !who.is_empty() {
            out.push_str(&format!("Respondent: {}\n", who.join("; ")));
        }
        if let Some(date) = &v.date {
            out.push_str(&format!("Date: {date}\n"));
        }
        let overall = v.overall.map_or_else(
            || "insufficient evidence".into(),
            |o| format!("{o:.1} / 100"),
        );
        out.push_str(&format!("Overall: {overall}\n"));
        let mut level = format!(
            "Level: {} ({}/{})",
            v.level.name,
            v.level.index + 1,
            v.levels.len()
        );
        if v.capped {
            level.push_str(&format!(", held down from {} by gates", v.score_level.name));
        }
        out.push_str(&self.heading(&level));
        out.push('\n');
        if !v.level.summary.is_empty() {
            out.push_str(&format!("{}\n", v.level.summary.trim()));
        }
        out.push('\n');

        let mut t = self.new_table();
        t.set_header(vec![
            Cell::new("Dimension").add_attribute(Attribute::Bold),
            Cell::new("Score").add_attribute(Attribute::Bold),
            Cell::new(""),
            Cell::new("Coverage").add_attribute(Attribute::Bold),
        ]);
        for d in &v.dimensions {
            self.dimension_rows(&mut t, d);
        }
        out.push_str(&t.to_string());
        out.push('\n');

        if !v.gates.is_empty() {
            out.push('\n');
            let mut t = self.new_table();
            t.set_header(vec!["Gate", "Caps the level at", "Why"]);
            for g in &v.gates {
                let effect = if g.capping {
                    format!("{} (holding it down)", g.max_level.name)
                } else {
                    g.max_level.name.clone()
                };
                t.add_row(vec![
                    Cell::new(&g.id),
                    Cell::new(effect),
                    Cell::new(g.reason.trim()),
                ]);
            }
            out.push_str(&t.to_string());
            out.push('\n');
        }
        if !v.patterns.is_empty() {
            out.push('\n');
            let mut t = self.new_table();
            t.set_header(vec!["Pattern", "What it means"]);
            for p in &v.patterns {
                t.add_row(vec![Cell::new(&p.name), Cell::new(p.description.trim())]);
            }
            out.push_str(&t.to_string());
            out.push('\n');
        }
        let list = |refs: &[crate::view::DimensionRef]| {
            refs.iter()
                .map(|d| format!("{} ({})", d.name, score_text(d.score)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if !v.strengths.is_empty() {
            out.push_str(&format!("\nStrengths: {}\n", list(&v.strengths)));
        }
        if !v.gaps.is_empty() {
            out.push_str(&format!("Gaps: {}\n", list(&v.gaps)));
        }
        Ok(out)
    }
}
