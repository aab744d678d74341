//! `--format table`: the maturity report and the leap plan as terminal tables (comfy-table).

use comfy_table::{Attribute, Cell, CellAlignment, Color, ContentArrangement, presets};

mod trajectory;

use super::{Document, Renderer, Style};
use crate::error::Result;
use crate::view::compare::CompareView;
use crate::view::plan::{PlanSummaryView, TargetView};
use crate::view::workshop::WorkshopView;
use crate::view::{DimensionView, Header, PlanView, ReportView};

mod peers;

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
    /// The prose between the tables wrapped to the width; the tables are fitted by comfy-table.
    fn fit(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        for line in text.split_inclusive('\n') {
            let body = line.trim_end_matches('\n');
            let table = body.starts_with(['┌', '│', '╞', '├', '└', '╭', '╰']);
            if table || crate::text::columns(body) <= self.style.width {
                out.push_str(line);
            } else {
                out.push_str(&crate::text::wrap(body, self.style.width, 0));
                out.push_str(&line[body.len()..]);
            }
        }
        out
    }

    fn new_table(&self) -> comfy_table::Table {
        let mut t = comfy_table::Table::new();
        t.load_style(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic);
        if self.style.color {
            t.enforce_styling();
        } else {
            t.force_no_tty();
        }
        t.set_width(u16::try_from(self.style.width).unwrap_or(u16::MAX));
        t
    }

    fn colored(&self, cell: Cell, score: Option<f64>) -> Cell {
        match (self.style.color, score) {
            // The darker ANSI colours read on light and dark themes alike; the bright ones
            // vanish on a light background.
            (true, Some(s)) if s >= 66.0 => cell.fg(Color::DarkGreen),
            (true, Some(s)) if s >= 33.0 => cell.fg(Color::DarkYellow),
            (true, Some(_)) => cell.fg(Color::DarkRed),
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

    /// A dimension's row and its units' rows; with `peers`, the benchmark's two columns too.
    fn dimension_rows(&self, t: &mut comfy_table::Table, d: &DimensionView, peers: bool) {
        let status = if d.sufficient {
            format!("{:.0}%", d.coverage)
        } else {
            format!("{:.0}% (insufficient evidence)", d.coverage)
        };
        let bar_cell = match d.score {
            Some(s) => self.colored(Cell::new(bar(s)), Some(s)),
            None => Cell::new(""),
        };
        let mut row = vec![
            Cell::new(&d.name),
            self.colored(Cell::new(score_text(d.score)), d.score)
                .set_alignment(CellAlignment::Right),
            bar_cell,
            Cell::new(status),
        ];
        if peers {
            row.extend(peers::cells(d.peers.as_ref()));
        }
        t.add_row(row);
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
    fn render(&self, doc: Document<'_>) -> Result<String> {
        let text = match doc {
            Document::Report(v) => self.report(v),
            Document::Plan(p) => self.plan(p),
            Document::Compare(c) => self.compare(c),
            Document::Model(m) => self.model(m),
        };
        Ok(self.fit(&text))
    }
}

impl Table {
    /// Title, respondents, date, overall score and level.
    fn header(&self, v: &Header, levels: Option<usize>, capped_from: Option<&str>) -> String {
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
            if who.len() > 1 {
                out.push_str(&format!("Respondents: {}\n", who.len()));
            } else {
                out.push_str(&format!("Respondent: {}\n", who.join("; ")));
            }
        }
        out.push_str(&sheets_text(&v.sheets));
        if let Some(date) = &v.date {
            out.push_str(&format!("Date: {date}\n"));
        }
        let overall = v.overall.map_or_else(
            || "insufficient evidence".into(),
            |o| format!("{o:.1} / 100"),
        );
        out.push_str(&format!("Overall: {overall}\n"));
        let mut level = match levels {
            Some(n) => format!("Level: {} ({}/{n})", v.level.name, v.level.index + 1),
            None => format!("Level: {}", v.level.name),
        };
        if let Some(from) = capped_from {
            level.push_str(&format!(", held down from {from} by gates"));
        }
        out.push_str(&self.heading(&level));
        out.push('\n');
        if !v.level.summary.is_empty() {
            out.push_str(&format!("{}\n", v.level.summary.trim()));
        }
        out.push('\n');
        out
    }

    fn report(&self, v: &ReportView) -> String {
        let capped = v.capped.then_some(v.score_level.name.as_str());
        let mut out = self.header(&v.header, Some(v.levels.len()), capped);

        let mut t = self.new_table();
        let benchmark = v.header.benchmark.as_ref();
        let mut head = vec!["Dimension", "Score", "", "Coverage"];
        if benchmark.is_some() {
            head.extend(["peers (median)", "percentile"]);
        }
        t.set_header(
            head.into_iter()
                .map(|h| Cell::new(h).add_attribute(Attribute::Bold)),
        );
        for d in &v.dimensions {
            self.dimension_rows(&mut t, d, benchmark.is_some());
        }
        out.push_str(&t.to_string());
        out.push('\n');
        out.push_str(&benchmark.map(peers::summary).unwrap_or_default());

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
                    Cell::new(&g.title),
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
        for n in &v.not_applicable {
            let unit = n
                .unit
                .as_ref()
                .map(|u| format!(" ({u})"))
                .unwrap_or_default();
            out.push_str(&format!("Declared not applicable: {}{unit}\n", n.text));
        }
        if let Some(w) = &v.workshop {
            out.push_str(&self.workshop(w));
        }
        out.push_str(&self.plan_summary(&v.plan));
        out
    }

    /// The room: agreement per dimension, the credibility gap, the widest discussion points.
    fn workshop(&self, w: &WorkshopView) -> String {
        let mut out = String::from("\n");
        out.push_str(&self.heading(&format!("The room: {} respondents", w.respondent_count)));
        out.push('\n');
        let mut t = self.new_table();
        t.set_header(vec![
            "Dimension",
            "Mean",
            "Spread",
            "Range",
            "Leadership",
            "Front line",
        ]);
        let n = |x: Option<f64>| x.map_or_else(|| "–".to_string(), |x| format!("{x:.1}"));
        for d in &w.dimensions {
            let mut spread = n(d.spread);
            if d.discussion {
                spread.push_str(" !");
            }
            let mut front = n(d.frontline);
            if d.credibility_gap {
                front.push_str(" !");
            }
            let range = match (d.min, d.max) {
                (Some(a), Some(b)) => format!("{a:.1}–{b:.1}"),
                _ => String::new(),
            };
            t.add_row(vec![
                Cell::new(&d.name),
                Cell::new(n(d.score)),
                Cell::new(spread),
                Cell::new(range),
                Cell::new(n(d.leadership)),
                Cell::new(front),
            ]);
        }
        out.push_str(&t.to_string());
        out.push('\n');
        for g in &w.credibility_gaps {
            out.push_str(&format!(
                "Credibility gap in {}: leadership {:.1}, front line {:.1}.\n",
                g.name, g.leadership, g.frontline
            ));
        }
        out.push_str(&discussion_text(w));
        if !w.units_unanswered.is_empty() {
            out.push_str(&format!(
                "Nobody answered for: {}.\n",
                w.units_unanswered.join(", ")
            ));
        }
        out.push_str(&discussion_appendix(w));
        out
    }

    fn plan_summary(&self, s: &PlanSummaryView) -> String {
        let mut out = String::from("\n");
        out.push_str(&self.heading("Leap plan"));
        out.push('\n');
        if let Some(t) = &s.target {
            out.push_str(&target_text(t));
        }
        let phases: Vec<String> = s
            .phases
            .iter()
            .map(|p| format!("{} {}", p.count, p.name.to_lowercase()))
            .collect();
        out.push_str(&format!(
            "{} actions: {}.\n",
            s.action_count,
            phases.join(", ")
        ));
        for a in &s.first_actions {
            out.push_str(&format!("  {}. {} ({})\n", a.number, a.title, a.phase));
        }
        if s.action_count > 0 {
            out.push_str("The whole plan: leapcheck plan SHEET\n");
        }
        out
    }

    fn plan(&self, p: &PlanView) -> String {
        let mut out = self.header(&p.header, None, None);
        if let Some(t) = &p.target {
            out.push_str(&target_text(t));
            out.push('\n');
        }
        out.push_str(&self.trajectory(p.trajectory.as_ref(), p.shortest.as_ref()));
        if let Some(b) = &p.header.benchmark {
            out.push_str(&self.peers(b));
            out.push('\n');
        }
        for phase in &p.phases {
            out.push_str(&self.heading(&format!("{} ({})", phase.name, phase.window)));
            out.push('\n');
            if phase.actions.is_empty() {
                out.push_str("No actions.\n\n");
                continue;
            }
            let mut t = self.new_table();
            t.set_header(vec!["#", "Action", "Dimension", "Priority", "Because"]);
            for a in &phase.actions {
                let mut title = a.title.clone();
                if a.addresses_target {
                    title.push_str(" *");
                }
                if a.in_shortest {
                    title.push_str(" ◆");
                }
                for g in &a.clears {
                    title.push_str(&format!("\nlifts: {}", g.title));
                }
                for t in &a.answers_traps {
                    title.push_str(&format!("\nanswers the trap: {t}"));
                }
                let because: Vec<String> = a
                    .evidence
                    .iter()
                    .map(|e| match &e.unit {
                        // Readers see the question as it was asked, never its id.
                        Some(u) if !e.text.contains(u.as_str()) => {
                            format!("[{u}] {} — {}", e.text, e.answer)
                        }
                        _ => format!("{} — {}", e.text, e.answer),
                    })
                    .collect();
                t.add_row(vec![
                    Cell::new(a.number),
                    Cell::new(title),
                    Cell::new(&a.dimension.name),
                    Cell::new(format!("{:.1}", a.priority)),
                    Cell::new(because.join("\n")),
                ]);
            }
            out.push_str(&t.to_string());
            out.push_str("\n\n");
        }
        if p.phases
            .iter()
            .flat_map(|ph| &ph.actions)
            .any(|a| a.addresses_target)
        {
            out.push_str("* addresses the target\n");
        }
        if p.phases
            .iter()
            .flat_map(|ph| &ph.actions)
            .any(|a| a.in_shortest)
        {
            out.push_str("◆ one of the least-effort set to the target\n");
        }
        out
    }
}

impl Table {
    fn compare(&self, c: &CompareView) -> String {
        use crate::view::compare::{Named, SideView};
        let n = |x: Option<f64>| x.map_or_else(|| "–".to_string(), |x| format!("{x:.1}"));
        let mut out = self.heading(&format!(
            "{}: before and after",
            if c.after.organization.is_empty() {
                &c.after.questionnaire.title
            } else {
                &c.after.organization
            }
        ));
        out.push('\n');
        for note in &c.notes {
            out.push_str(&format!("Note: {note}\n"));
        }
        let side = |s: &SideView| {
            format!(
                "{}{}: {} ({} / 100)",
                s.date
                    .as_deref()
                    .map(|d| format!("{d}, "))
                    .unwrap_or_default(),
                respondents_text(s.respondent_count),
                s.level_name,
                n(s.overall)
            )
        };
        out.push_str(&format!(
            "Before: {}\nAfter:  {}\n",
            side(&c.before),
            side(&c.after)
        ));
        out.push_str(&format!(
            "Level: {}; overall {}\n",
            c.level_change,
            c.overall_change.map_or_else(String::new, change_text)
        ));
        if let Some(next) = &c.after.next_level {
            out.push_str(&format!(
                "Next level after: {}, {}\n",
                next.name,
                distance_text(next)
            ));
        }
        out.push('\n');
        let mut t = self.new_table();
        t.set_header(vec!["Dimension", "Before", "After", "Change"]);
        for d in &c.dimensions {
            let mut name = d.name.clone();
            if d.questions_changed {
                name.push_str(" (questions changed)");
            }
            let change = Cell::new(d.change.map_or_else(String::new, change_text));
            let change = match (self.style.color, d.direction) {
                (true, Some("up")) => change.fg(Color::DarkGreen),
                (true, Some("down")) => change.fg(Color::DarkRed),
                _ => change,
            };
            t.add_row(vec![
                Cell::new(name),
                Cell::new(n(d.before)),
                Cell::new(n(d.after)),
                change.set_alignment(CellAlignment::Right),
            ]);
        }
        out.push_str(&t.to_string());
        out.push('\n');
        let list = |label: &str, items: &[Named]| {
            if items.is_empty() {
                String::new()
            } else {
                let names: Vec<String> = items.iter().map(named_action).collect();
                format!("{label}: {}\n", names.join("; "))
            }
        };
        out.push_str(&list("Gates lifted", &c.gates_lifted));
        out.push_str(&list("Gates newly holding", &c.gates_new));
        out.push_str(&list("Gates still holding", &c.gates_holding));
        out.push_str(&list("Patterns gone", &c.patterns_gone));
        out.push_str(&list("Patterns new", &c.patterns_new));
        out.push_str(&list("Actions done", &c.actions_done));
        out.push_str(&list("Actions new", &c.actions_new));
        out.push_str(&list("Actions still open", &c.actions_open));
        if let Some(b) = &c.benchmark {
            out.push_str(&self.peers(b));
        }
        out
    }
}

/// The room's discussion points: the dimensions far apart on one line, then the widest questions
/// with their grouped answers.
fn discussion_text(w: &WorkshopView) -> String {
    if w.discussion.is_empty() {
        return "No discussion points: the room broadly agrees.\n".into();
    }
    let mut out = String::new();
    let dims: Vec<String> = w
        .discussion
        .iter()
        .filter(|p| p.kind == "dimension")
        .map(|p| format!("{} (spread {:.1})", p.text, p.spread))
        .collect();
    if !dims.is_empty() {
        out.push_str(&format!(
            "Dimensions the room scores far apart: {}.\n",
            dims.join("; ")
        ));
    }
    if w.discussion_in_body > 0 {
        out.push_str(&format!(
            "Discussion points (spread {:.0}+), widest first:\n",
            w.disagreement_threshold
        ));
        out.push_str(&points_text(w, false));
    }
    if w.discussion_in_appendix > 0 {
        out.push_str(&format!(
            "  {} more in the appendix below.\n",
            w.discussion_in_appendix
        ));
    }
    out
}

/// The discussion questions in the body (`appendix` false) or in the appendix, each with its
/// grouped answers on the next line.
fn points_text(w: &WorkshopView, appendix: bool) -> String {
    let mut out = String::new();
    for p in w
        .discussion
        .iter()
        .filter(|p| p.kind == "question" && p.appendix == appendix)
    {
        out.push_str(&format!(
            "  {}. {} ({}, spread {:.1})\n     {}\n",
            p.number.unwrap_or_default(),
            p.text,
            p.dimension,
            p.spread,
            p.line
        ));
    }
    out
}

/// The discussion questions beyond the widest few, at the end of the room's section.
fn discussion_appendix(w: &WorkshopView) -> String {
    if w.discussion_in_appendix == 0 {
        return String::new();
    }
    format!(
        "\nAppendix: further discussion points\n{}",
        points_text(w, true)
    )
}

/// How far the later side is from its next level, in words.
fn distance_text(next: &crate::view::compare::NextLevelView) -> String {
    if next.distance > 0.0 {
        format!(
            "{:.1} points away (from {:.1})",
            next.distance, next.min_score
        )
    } else {
        "the score reaches it; gates hold the level below it".into()
    }
}

/// `1 respondent`, `6 respondents`.
fn respondents_text(n: usize) -> String {
    if n == 1 {
        "1 respondent".into()
    } else {
        format!("{n} respondents")
    }
}

/// A change as shown: `▲ +5.7`, `▼ -1.4`, `= 0.0`; the sign is the cue, colour only adds to it.
pub fn change_text(change: f64) -> String {
    if change > 0.0 {
        format!("▲ +{change:.1}")
    } else if change < 0.0 {
        format!("▼ {change:.1}")
    } else {
        "= 0.0".into()
    }
}

/// A gate, pattern or action by name; an action of the later plan with its number: `3. Title`.
fn named_action(item: &crate::view::compare::Named) -> String {
    match item.number {
        Some(k) => format!("{k}. {}", item.name),
        None => item.name.clone(),
    }
}

/// What stands between today and the target, as lines of text.
impl Table {
    /// The model in brief: the ladder, the dimensions with their weights, the gates.
    fn model(&self, m: &crate::view::model::ModelView) -> String {
        let mut out = format!("{}\n", self.heading(&m.questionnaire.title));
        out.push_str(&format!("{}\n\n", m.questionnaire.description.trim()));
        let mut t = self.new_table();
        t.set_header(vec!["Level", "From score", "What it means"]);
        for l in m.levels.iter().rev() {
            let from = format!("{:.1}", l.min_score);
            t.add_row(vec![l.name.as_str(), &from, l.summary.trim()]);
        }
        out.push_str(&format!("{t}\n\n"));
        let mut t = self.new_table();
        t.set_header(vec!["Dimension", "Share", "Questions"]);
        for d in &m.dimensions {
            let each = if d.per_unit { " per unit" } else { "" };
            let share = format!("{:.1} %", d.share);
            let count = format!("{}{each}", d.questions.len());
            t.add_row(vec![d.name.as_str(), &share, &count]);
        }
        out.push_str(&format!("{t}\n\n"));
        let mut t = self.new_table();
        t.set_header(vec!["Gate", "Caps the level at", "Why"]);
        for g in &m.gates {
            t.add_row(vec![g.title.as_str(), &g.caps_at, g.reason.trim()]);
        }
        out.push_str(&format!("{t}\n"));
        out
    }
}

fn target_text(t: &TargetView) -> String {
    if t.reached {
        return format!(
            "Target {}: already reached; the plan consolidates.\n",
            t.level.name
        );
    }
    let mut out = format!(
        "Target {} (score {:.0}+):\n",
        t.level.name, t.level.min_score
    );
    for g in &t.gates {
        out.push_str(&format!("  {}: {}\n", g.title, g.reason.trim()));
    }
    if t.overall_shortfall > 0.0 {
        out.push_str(&format!(
            "  overall score: {:.1} points short\n",
            t.overall_shortfall
        ));
    }
    for d in &t.dimensions {
        out.push_str(&format!("  {}: {:.1} points short\n", d.name, d.shortfall));
    }
    out
}

/// The files a room read, counted and set aside, with why; nothing for one sheet alone.
fn sheets_text(s: &crate::view::SheetsView) -> String {
    if s.read < 2 {
        return String::new();
    }
    let mut out = format!(
        "Sheets: {} read, {} counted, {} set aside\n",
        s.read,
        s.counted,
        s.set_aside.len()
    );
    let file = |f: &Option<String>| f.clone().unwrap_or_else(|| "a sheet".into());
    for a in &s.set_aside {
        out.push_str(&format!("  set aside: {}: {}\n", file(&a.file), a.why));
    }
    for x in &s.strangers {
        out.push_str(&format!(
            "  counted, of another organization: {} ({})\n",
            file(&x.file),
            x.organization
        ));
    }
    out
}
