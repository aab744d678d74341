//! A document's benchmark against peers (`--benchmark peers.json`): each score's percentile
//! among the peers with their quartiles, rounded once here, and what could not be compared.

use serde::Serialize;

use super::round1;
use crate::benchmark::{self, Peers, Placed, Standing};
use crate::index::DimensionIx;
use crate::questionnaire::Questionnaire;
use crate::score::Assessment;

/// The peers and where the organization stands among them.
#[derive(Debug, Serialize)]
pub struct BenchmarkView {
    /// What the peers have in common, as the benchmark's builder named it.
    pub segment: Option<String>,
    /// The builder's note (for example, that some peers are synthetic).
    pub note: Option<String>,
    /// How many organizations the benchmark holds.
    pub organizations: usize,
    /// The years of the peers' assessments, `2025` or `2024–2026`; `null` when undated.
    pub years: Option<String>,
    /// The peers answered the same questionnaire content (version and content hash).
    pub same_questionnaire: bool,
    /// Plain statements of what could not be compared.
    pub notes: Vec<String>,
    /// The overall score among the peers' overall scores; `null` when the questionnaire differs.
    pub overall: Option<PeerScoreView>,
    /// Each dimension the peers share, in the questionnaire's order.
    pub dimensions: Vec<PeerDimensionView>,
}

/// One score among the peers' scores of the same thing.
#[derive(Clone, Debug, Serialize)]
pub struct PeerScoreView {
    /// This organization's score, `null` without enough evidence.
    pub score: Option<f64>,
    /// Peers with enough evidence for this score.
    pub count: usize,
    /// Share of those peers scoring below, plus half of those scoring the same, in percent;
    /// `null` without a score or with too few peers.
    pub percentile: Option<f64>,
    /// The peers' quartiles (linear interpolation between order statistics); `null` with fewer
    /// than 5 peers.
    pub q1: Option<f64>,
    pub median: Option<f64>,
    pub q3: Option<f64>,
}

#[derive(Debug, Serialize)]
pub struct PeerDimensionView {
    pub id: String,
    pub name: String,
    #[serde(flatten)]
    pub peers: PeerScoreView,
}

fn score_view(s: &Standing) -> PeerScoreView {
    PeerScoreView {
        score: s.score,
        count: s.count,
        percentile: s.percentile.map(round1),
        q1: s.q1.map(round1),
        median: s.median.map(round1),
        q3: s.q3.map(round1),
    }
}

/// `2026`, or `2024–2026`.
fn years_text(y: benchmark::Years) -> String {
    if y.from == y.to {
        y.from.to_string()
    } else {
        format!("{}–{}", y.from, y.to)
    }
}

/// The benchmark of assessment `a` (against `q`) among `peers`, of the same questionnaire id.
pub fn view(q: &Questionnaire, a: &Assessment, peers: &Peers) -> BenchmarkView {
    let placed = benchmark::place(q, a, peers);
    BenchmarkView {
        segment: peers.segment.clone(),
        note: peers.note.clone(),
        organizations: peers.organizations,
        years: peers.years.map(years_text),
        same_questionnaire: placed.same_questionnaire,
        notes: notes(q, peers, &placed),
        overall: placed.overall.as_ref().map(score_view),
        dimensions: DimensionIx::enumerate(&q.dimensions)
            .filter_map(|(d, dim)| {
                let s = placed.dimensions[d.get()].as_ref()?;
                Some(PeerDimensionView {
                    id: dim.id.clone(),
                    name: dim.name.clone(),
                    peers: score_view(s),
                })
            })
            .collect(),
    }
}

/// What a reader must know to read the comparison: another version of the questionnaire,
/// dimensions the peers lack, scores with too few peers.
fn notes(q: &Questionnaire, peers: &Peers, placed: &Placed) -> Vec<String> {
    let mut notes = Vec::new();
    let p = &peers.questionnaire;
    if !placed.same_questionnaire {
        let which = if p.version == q.version {
            format!(
                "another content of version {} (content hash {}, this report {})",
                p.version, p.content_hash, q.content_hash
            )
        } else {
            format!("version {} (this report: version {})", p.version, q.version)
        };
        notes.push(format!(
            "The peers answered {which} of the questionnaire: only the dimensions both share are compared, and the overall score is not."
        ));
    }
    let missing: Vec<&str> = DimensionIx::enumerate(&q.dimensions)
        .filter(|(d, _)| placed.dimensions[d.get()].is_none())
        .map(|(_, dim)| dim.name.as_str())
        .collect();
    if !missing.is_empty() {
        notes.push(format!(
            "Not compared, as the peers' questionnaire has no such dimension: {}.",
            missing.join(", ")
        ));
    }
    let few: Vec<String> = DimensionIx::enumerate(&q.dimensions)
        .filter_map(|(d, dim)| {
            let s = placed.dimensions[d.get()].as_ref()?;
            (s.kept == 0).then(|| format!("{} ({})", dim.name, s.count))
        })
        .collect();
    if !few.is_empty() {
        notes.push(format!(
            "Too few peers with enough evidence to compare (fewer than {}): {}.",
            benchmark::MIN_ORGANIZATIONS,
            few.join(", ")
        ));
    }
    notes
}

/// Adds the benchmark to a report: the summary in its header, each dimension's standing beside
/// its score.
pub fn attach_report(v: &mut super::ReportView, q: &Questionnaire, a: &Assessment, peers: &Peers) {
    let b = view(q, a, peers);
    for d in &mut v.dimensions {
        d.peers = b
            .dimensions
            .iter()
            .find(|x| x.id == d.id)
            .map(|x| x.peers.clone());
    }
    v.header.benchmark = Some(b);
}
