//! Benchmarks against peers (docs/design.md, "Benchmarks"): a peers file keeps, from past
//! assessments of other organizations, only the sorted distributions of their overall and
//! dimension scores, and a report places an organization's scores within them.
//!
//! Pure: it builds a [`Peers`] from scores already computed, reads one from JSON text (every
//! problem located), and computes percentiles and quartiles. Reading files is the commands' job.

use serde::{Deserialize, Serialize};

use crate::error::Diagnostic;
use crate::index::DimensionIx;
use crate::questionnaire::Questionnaire;
use crate::score::Assessment;

/// The `format` of a peers file.
pub const FORMAT: &str = "leapcheck/peers@1";
/// A benchmark holds at least this many organizations, and a distribution of fewer scores than
/// this keeps its count but not its scores: no peer can be singled out.
pub const MIN_ORGANIZATIONS: usize = 5;

/// A peers file: what `leapcheck benchmark build` writes and `--benchmark` reads.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Peers {
    pub format: String,
    pub questionnaire: PeersQuestionnaire,
    /// What the peers have in common (`--segment`), as the builder wrote it.
    pub segment: Option<String>,
    /// A note from the builder (`--note`), e.g. that some organizations are synthetic.
    pub note: Option<String>,
    /// The first and last year of the sources' dates; `null` when no source has a date.
    pub years: Option<Years>,
    pub organizations: usize,
    pub overall: Distribution,
    /// One per dimension of the questionnaire, in its order.
    pub dimensions: Vec<DimensionDistribution>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeersQuestionnaire {
    pub id: String,
    pub version: String,
    pub content_hash: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Years {
    pub from: i16,
    pub to: i16,
}

/// The scores of the organizations with enough evidence, ascending, one decimal. Fewer than
/// [`MIN_ORGANIZATIONS`] are not kept: `count` says how many there were.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Distribution {
    pub count: usize,
    pub scores: Vec<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DimensionDistribution {
    pub id: String,
    #[serde(flatten)]
    pub scores: Distribution,
}

/// One organization's scores, as a source gives them: the overall and each dimension's score
/// (in questionnaire order) where it rests on enough evidence, and the years of its sheets.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Organization {
    pub overall: Option<f64>,
    pub dimensions: Vec<Option<f64>>,
    pub years: Option<Years>,
}

impl Organization {
    /// The scores of an assessment that rest on enough evidence (rule 4).
    pub fn of(a: &Assessment, years: Option<Years>) -> Organization {
        Organization {
            overall: a.overall,
            dimensions: (a.dimensions.iter())
                .map(|d| d.score.filter(|_| d.sufficient))
                .collect(),
            years,
        }
    }
}

/// Rounds to one decimal (rule 6), as every document shows scores.
fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// The years spanning `a` and `b`.
pub fn span(a: Option<Years>, b: Option<Years>) -> Option<Years> {
    match (a, b) {
        (Some(x), Some(y)) => Some(Years {
            from: x.from.min(y.from),
            to: x.to.max(y.to),
        }),
        (x, y) => x.or(y),
    }
}

/// A distribution of `scores` (each rounded to one decimal, then sorted); emptied below the
/// minimum.
fn distribution(scores: impl Iterator<Item = f64>) -> Distribution {
    let mut scores: Vec<f64> = scores.map(round1).collect();
    scores.sort_by(f64::total_cmp);
    let count = scores.len();
    if count < MIN_ORGANIZATIONS {
        scores.clear();
    }
    Distribution { count, scores }
}

/// The peers file of `orgs`, or the number of organizations when there are too few.
pub fn build(
    q: &Questionnaire,
    orgs: &[Organization],
    segment: Option<String>,
    note: Option<String>,
) -> Result<Peers, usize> {
    if orgs.len() < MIN_ORGANIZATIONS {
        return Err(orgs.len());
    }
    let dimensions = DimensionIx::enumerate(&q.dimensions)
        .map(|(d, dim)| DimensionDistribution {
            id: dim.id.clone(),
            scores: distribution(orgs.iter().filter_map(|o| o.dimensions[d.get()])),
        })
        .collect();
    Ok(Peers {
        format: FORMAT.into(),
        questionnaire: PeersQuestionnaire {
            id: q.id.clone(),
            version: q.version.clone(),
            content_hash: q.content_hash.clone(),
        },
        segment,
        note,
        years: orgs.iter().fold(None, |y, o| span(y, o.years)),
        organizations: orgs.len(),
        overall: distribution(orgs.iter().filter_map(|o| o.overall)),
        dimensions,
    })
}

/// The `p`-quantile (0..1) of ascending `sorted` values by linear interpolation between order
/// statistics: h = (n − 1)·p, then x⌊h⌋ + (h − ⌊h⌋)·(x⌊h⌋+1 − x⌊h⌋) (Hyndman and Fan's type 7,
/// as in spreadsheets' PERCENTILE.INC).
pub fn quantile(sorted: &[f64], p: f64) -> Option<f64> {
    let last = sorted.len().checked_sub(1)?;
    let h = last as f64 * p;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(last);
    Some(sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo]))
}

/// The percentile of `x` among `sorted`: the share of values below it plus half the share equal
/// to it, in percent.
pub fn percentile(sorted: &[f64], x: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let below = sorted.iter().filter(|&&s| s < x).count() as f64;
    let equal = sorted.iter().filter(|&&s| s == x).count() as f64;
    Some(100.0 * (below + equal / 2.0) / sorted.len() as f64)
}

/// Where one score stands among its peers.
#[derive(Clone, Debug, PartialEq)]
pub struct Standing {
    /// The organization's score as shown (one decimal); `None` without enough evidence.
    pub score: Option<f64>,
    /// How many peers have this score, and how many of them are kept.
    pub count: usize,
    pub kept: usize,
    pub percentile: Option<f64>,
    pub q1: Option<f64>,
    pub median: Option<f64>,
    pub q3: Option<f64>,
}

/// Where `score` stands in `d`.
pub fn standing(d: &Distribution, score: Option<f64>) -> Standing {
    let score = score.map(round1);
    let s = &d.scores;
    Standing {
        score,
        count: d.count,
        kept: s.len(),
        percentile: score.and_then(|x| percentile(s, x)),
        q1: quantile(s, 0.25),
        median: quantile(s, 0.5),
        q3: quantile(s, 0.75),
    }
}

/// An assessment placed among its peers: the overall (only when both answered the same
/// questionnaire content) and each dimension the peers share, by id.
#[derive(Clone, Debug, PartialEq)]
pub struct Placed {
    /// Id, version and content hash are the peers'.
    pub same_questionnaire: bool,
    pub overall: Option<Standing>,
    /// Per dimension of the questionnaire, in its order: `None` where the peers lack it.
    pub dimensions: Vec<Option<Standing>>,
}

/// Places `a` (assessed against `q`) among `peers`, which must be of the same questionnaire id.
pub fn place(q: &Questionnaire, a: &Assessment, peers: &Peers) -> Placed {
    let p = &peers.questionnaire;
    let same = p.id == q.id && p.version == q.version && p.content_hash == q.content_hash;
    let sufficient = |d: DimensionIx| {
        let ds = &a.dimensions[d];
        ds.score.filter(|_| ds.sufficient)
    };
    let dimensions = DimensionIx::enumerate(&q.dimensions)
        .map(|(d, dim)| {
            let peer = peers.dimensions.iter().find(|x| x.id == dim.id)?;
            Some(standing(&peer.scores, sufficient(d)))
        })
        .collect();
    Placed {
        same_questionnaire: same,
        overall: same.then(|| standing(&peers.overall, a.overall)),
        dimensions,
    }
}

/// Reads a peers file's text, checking its shape; every problem is located in `name`.
pub fn parse(name: &str, text: &str) -> Result<Peers, Vec<Diagnostic>> {
    let de = &mut serde_json::Deserializer::from_str(text);
    let peers: Peers = serde_path_to_error::deserialize(de).map_err(|e| {
        let inner = e.inner();
        let (line, column) = (inner.line(), inner.column());
        let at = e.path().to_string();
        let message = format!(
            "{}{}; a peers file is written by `leapcheck benchmark build`: build it again rather than edit it",
            if at == "." { String::new() } else { format!("{at}: ") },
            strip_position(&inner.to_string())
        );
        vec![Diagnostic::error(name, Some((line, column.max(1))), message)]
    })?;
    let problems = check(&peers);
    if problems.is_empty() {
        Ok(peers)
    } else {
        Err(problems
            .into_iter()
            .map(|(path, m)| {
                let mut d = Diagnostic::error(name, None, m);
                d.path = path;
                d
            })
            .collect())
    }
}

/// serde_json's message without its own " at line L column C", which the diagnostic gives.
fn strip_position(message: &str) -> &str {
    message
        .rfind(" at line ")
        .map_or(message, |k| &message[..k])
}

/// What a well-formed peers file must also hold, as (path, problem) pairs.
fn check(p: &Peers) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if p.format != FORMAT {
        out.push((
            "format".into(),
            format!(
                "`{}` is not a peers file's format; expected `{FORMAT}`",
                p.format
            ),
        ));
    }
    if p.organizations < MIN_ORGANIZATIONS {
        out.push((
            "organizations".into(),
            format!(
                "a benchmark holds at least {MIN_ORGANIZATIONS} organizations, this one {}; build it from more sources",
                p.organizations
            ),
        ));
    }
    let all = std::iter::once(("overall".to_string(), &p.overall)).chain(
        (p.dimensions.iter().enumerate()).map(|(k, d)| (format!("dimensions[{k}]"), &d.scores)),
    );
    for (path, d) in all {
        out.extend(check_distribution(d, p.organizations).map(|m| (path.clone(), m)));
    }
    out
}

/// The problem with one distribution, if any.
fn check_distribution(d: &Distribution, organizations: usize) -> Option<String> {
    let n = d.scores.len();
    if d.count > organizations {
        Some(format!(
            "counts {} organizations of {organizations}; build the file again",
            d.count
        ))
    } else if n != d.count && !(n == 0 && d.count < MIN_ORGANIZATIONS) {
        Some(format!(
            "holds {n} scores for a count of {}; build the file again",
            d.count
        ))
    } else if d.scores.iter().any(|s| !(0.0..=100.0).contains(s)) {
        Some("a score is outside 0..100; build the file again".into())
    } else if d.scores.windows(2).any(|w| w[0] > w[1]) {
        Some("the scores are not in ascending order; build the file again".into())
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quartiles_interpolate_between_order_statistics() {
        // h = 5p: Q1 at 1.25 → 50, the median at 2.5 → 55, Q3 at 3.75 → 60 + 0.75·10.
        let x = [30.0, 50.0, 50.0, 60.0, 70.0, 90.0];
        assert_eq!(quantile(&x, 0.25), Some(50.0));
        assert_eq!(quantile(&x, 0.5), Some(55.0));
        assert_eq!(quantile(&x, 0.75), Some(67.5));
        assert_eq!(quantile(&[42.0], 0.75), Some(42.0));
        assert_eq!(quantile(&[], 0.5), None);
    }

    #[test]
    fn percentile_counts_half_the_ties() {
        let x = [20.0, 40.0, 40.0, 50.0, 70.0, 80.0, 100.0];
        assert_eq!(percentile(&x, 40.0), Some(100.0 * 2.0 / 7.0));
        assert_eq!(percentile(&x, 0.0), Some(0.0));
        assert_eq!(percentile(&x, 100.0), Some(100.0 * 6.5 / 7.0));
        assert_eq!(percentile(&[], 10.0), None);
    }

    #[test]
    fn fewer_than_five_scores_keep_only_their_count() {
        let d = distribution([10.04, 20.0, 30.0, 40.0].into_iter());
        assert_eq!((d.count, d.scores.len()), (4, 0));
        let d = distribution([50.0, 10.04, 30.0, 20.0, 40.0].into_iter());
        assert_eq!(d.scores, [10.0, 20.0, 30.0, 40.0, 50.0]);
    }
}
