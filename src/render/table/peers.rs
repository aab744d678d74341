//! The benchmark against peers in the terminal: the report's two extra columns, and a section of
//! its own for the plan and the comparison.

use comfy_table::Cell;

use super::Table;
use crate::view::peers::{BenchmarkView, PeerScoreView};

fn n(x: Option<f64>) -> String {
    x.map_or_else(|| "–".into(), |x| format!("{x:.1}"))
}

/// The "peers (median)" and "percentile" cells of a dimension's row.
pub fn cells(p: Option<&PeerScoreView>) -> [Cell; 2] {
    [
        Cell::new(n(p.and_then(|p| p.median))),
        Cell::new(n(p.and_then(|p| p.percentile))),
    ]
}

/// Who the peers are and where the overall score stands; the notes after.
pub fn summary(b: &BenchmarkView) -> String {
    let mut out = format!("\nAmong peers: {} organizations", b.organizations);
    if let Some(s) = &b.segment {
        out.push_str(&format!(" ({s})"));
    }
    if let Some(y) = &b.years {
        out.push_str(&format!(", assessed {y}"));
    }
    out.push('.');
    if let Some(note) = &b.note {
        out.push_str(&format!(" {note}"));
    }
    if let Some(o) = b.overall.as_ref().filter(|o| o.percentile.is_some()) {
        out.push_str(&format!(
            " The overall score {} is at percentile {}; the peers' median is {}, their middle half {}–{}.",
            n(o.score),
            n(o.percentile),
            n(o.median),
            n(o.q1),
            n(o.q3)
        ));
    }
    out.push_str(
        " A percentile is the share of peers scoring below, plus half of those scoring the same.\n",
    );
    for note in &b.notes {
        out.push_str(&format!("Note: {note}\n"));
    }
    out
}

impl Table {
    /// The benchmark as a section: the summary, then every score among the peers.
    pub(super) fn peers(&self, b: &BenchmarkView) -> String {
        let mut out = String::from("\n");
        out.push_str(&self.heading("Among peers"));
        out.push_str(&summary(b));
        let mut t = self.new_table();
        t.set_header(vec![
            "",
            "Score",
            "peers (median)",
            "peers' middle half",
            "percentile",
        ]);
        let rows = (b.overall.iter().map(|o| ("Overall", o)))
            .chain(b.dimensions.iter().map(|d| (d.name.as_str(), &d.peers)));
        for (name, p) in rows {
            let half = match (p.q1, p.q3) {
                (Some(a), Some(z)) => format!("{a:.1}–{z:.1}"),
                _ => "–".into(),
            };
            t.add_row(vec![
                Cell::new(name),
                Cell::new(n(p.score)),
                Cell::new(n(p.median)),
                Cell::new(half),
                Cell::new(n(p.percentile)),
            ]);
        }
        out.push_str(&t.to_string());
        out.push('\n');
        out
    }
}
