//! Scoring, exactly as the numbered rules of docs/design.md say: question scores, coverage, dimension scores
//! (per unit where asked per unit), the overall score, the level and the gates that cap it, and the
//! patterns that hold.

use crate::answer::Answer;
use crate::condition::Facts;
use crate::index::{ActionIx, DimensionIx, GateIx, LevelIx, PatternIx, UnitIx, indexed_by};
use crate::questionnaire::{Kind, Questionnaire};
use crate::sheet::Sheet;
pub use crate::sheet::visibility::{SheetFacts, Visibility};

/// Dimensions need at least this coverage to count towards the overall score (rule 4).
pub const MIN_COVERAGE: f64 = 0.5;

/// The score of one answer in [0, 1] (rule 1); `None` for n/a and text.
pub fn question_score(kind: &Kind, answer: &Answer) -> Option<f64> {
    let q = match (kind, answer) {
        (Kind::Choice { options }, Answer::Choice(o)) => {
            if !options[*o].scored {
                return None;
            }
            let max = (options.iter().filter(|o| o.scored))
                .map(|o| o.points)
                .fold(f64::MIN, f64::max);
            options[*o].points / max
        }
        (
            Kind::Multi {
                options,
                max_points,
            },
            Answer::Multi(chosen),
        ) => {
            let sum: f64 = chosen.iter().map(|&o| options[o].points).sum();
            sum.min(*max_points) / max_points
        }
        (Kind::Scale { points, .. }, Answer::Number(x)) => {
            let (lo, hi) = (points[0].value, points[points.len() - 1].value);
            (x - lo) / (hi - lo)
        }
        (Kind::YesNo, Answer::Bool(b)) => f64::from(u8::from(*b)),
        (Kind::Number { bands, .. }, Answer::Number(x)) => {
            let max = bands.iter().map(|b| b.points).fold(f64::MIN, f64::max);
            let points = bands
                .iter()
                .rev()
                .find(|b| b.min <= *x)
                .map_or(0.0, |b| b.points);
            points / max
        }
        _ => return None,
    };
    // A context question's options may all be worth 0: it has no score.
    q.is_finite().then(|| q.clamp(0.0, 1.0))
}

indexed_by!(UnitIx => Scored);
indexed_by!(DimensionIx => DimensionScore);

/// A score with the coverage it rests on.
#[derive(Clone, Debug, PartialEq)]
pub struct Scored {
    /// 0..100, `None` when no scored question was answered.
    pub score: Option<f64>,
    /// 0..1: weight of answered-or-n/a visible scored questions over all visible scored ones.
    pub coverage: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct DimensionScore {
    pub score: Option<f64>,
    pub coverage: f64,
    /// Coverage reaches [`MIN_COVERAGE`] and there is a score: it counts towards the overall.
    pub sufficient: bool,
    /// For per-unit dimensions: one entry per unit of the sheet, in the sheet's order.
    pub units: Vec<Scored>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Assessment {
    pub dimensions: Vec<DimensionScore>,
    pub overall: Option<f64>,
    /// The level the overall score reaches before gates.
    pub score_level: LevelIx,
    /// The level after gates.
    pub level: LevelIx,
    /// Gates whose `when` holds, in questionnaire order.
    pub gates: Vec<GateIx>,
    /// Patterns whose `when` holds.
    pub patterns: Vec<PatternIx>,
    /// Actions whose `when` holds (or that have none): the leap plan's candidates.
    pub actions: Vec<ActionIx>,
    pub visibility: Visibility,
}

impl Assessment {
    /// Gates that hold and lower the level below what the score reached.
    pub fn capping_gates<'a>(&'a self, q: &'a Questionnaire) -> impl Iterator<Item = GateIx> + 'a {
        self.gates
            .iter()
            .copied()
            .filter(move |&g| q.gates[g].max_level < self.score_level)
    }
}

/// Rules 2–3 over one set of answers (the sheet's, or one unit's).
fn score_questions(
    q: &Questionnaire,
    dim: DimensionIx,
    sheet: &Sheet,
    vis: &Visibility,
    unit: Option<UnitIx>,
) -> Scored {
    let (mut visible_w, mut covered_w, mut sum, mut answered_w) = (0.0, 0.0, 0.0, 0.0);
    for &i in &q.dimensions[dim].questions {
        let question = &q.questions[i];
        if !question.scored() || !vis.shown(i, unit) {
            continue;
        }
        visible_w += question.weight;
        let Some(answer) = sheet.answer(i, unit) else {
            continue;
        };
        covered_w += question.weight;
        if let Some(s) = question_score(&question.kind, answer) {
            sum += question.weight * s;
            answered_w += question.weight;
        }
    }
    Scored {
        score: (answered_w > 0.0).then(|| 100.0 * sum / answered_w),
        coverage: if visible_w > 0.0 {
            covered_w / visible_w
        } else {
            0.0
        },
    }
}

/// Scores one sheet.
pub fn assess(q: &Questionnaire, sheet: &Sheet) -> Assessment {
    let visibility = Visibility::of(q, sheet);
    let dimensions: Vec<DimensionScore> = DimensionIx::all(q.dimensions.len())
        .map(|d| {
            if q.dimensions[d].per_unit {
                let units: Vec<Scored> = UnitIx::all(sheet.units.len())
                    .map(|u| score_questions(q, d, sheet, &visibility, Some(u)))
                    .collect();
                let scored: Vec<f64> = units.iter().filter_map(|u| u.score).collect();
                let score =
                    (!scored.is_empty()).then(|| scored.iter().sum::<f64>() / scored.len() as f64);
                let coverage = if units.is_empty() {
                    0.0
                } else {
                    units.iter().map(|u| u.coverage).sum::<f64>() / units.len() as f64
                };
                DimensionScore {
                    score,
                    coverage,
                    sufficient: score.is_some() && coverage >= MIN_COVERAGE,
                    units,
                }
            } else {
                let s = score_questions(q, d, sheet, &visibility, None);
                DimensionScore {
                    score: s.score,
                    coverage: s.coverage,
                    sufficient: s.score.is_some() && s.coverage >= MIN_COVERAGE,
                    units: Vec::new(),
                }
            }
        })
        .collect();
    let scores: Vec<Option<f64>> = dimensions
        .iter()
        .map(|d| d.score.filter(|_| d.sufficient))
        .collect();
    let overall = overall(q, &scores);
    let facts = SheetFacts {
        q,
        sheet,
        visibility: &visibility,
        scores: &scores,
        overall,
    };
    finish(q, dimensions, overall, &facts, visibility.clone())
}

/// Rule 4: the weighted mean of the dimensions with enough evidence.
pub fn overall(q: &Questionnaire, sufficient_scores: &[Option<f64>]) -> Option<f64> {
    let (mut sum, mut weight) = (0.0, 0.0);
    for (d, score) in DimensionIx::enumerate(sufficient_scores) {
        if let Some(s) = score {
            sum += q.dimensions[d].weight * s;
            weight += q.dimensions[d].weight;
        }
    }
    (weight > 0.0).then(|| sum / weight)
}

/// Rule 5 and patterns: the level from the score, lowered by every gate that holds.
pub fn finish(
    q: &Questionnaire,
    dimensions: Vec<DimensionScore>,
    overall: Option<f64>,
    facts: &dyn Facts,
    visibility: Visibility,
) -> Assessment {
    let score_level = overall
        .and_then(|o| {
            LevelIx::all(q.levels.len())
                .rev()
                .find(|&l| q.levels[l].min_score <= o)
        })
        .unwrap_or_default();
    let gates: Vec<GateIx> = GateIx::all(q.gates.len())
        .filter(|&g| q.gates[g].when.expr.eval(facts, None))
        .collect();
    let level = gates
        .iter()
        .map(|&g| q.gates[g].max_level)
        .fold(score_level, LevelIx::min);
    let patterns = PatternIx::all(q.patterns.len())
        .filter(|&p| q.patterns[p].when.expr.eval(facts, None))
        .collect();
    let actions = ActionIx::all(q.actions.len())
        .filter(|&a| {
            q.actions[a]
                .when
                .as_ref()
                .is_none_or(|c| c.expr.eval(facts, None))
        })
        .collect();
    Assessment {
        dimensions,
        overall,
        score_level,
        level,
        gates,
        patterns,
        actions,
        visibility,
    }
}
