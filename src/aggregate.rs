//! A workshop: many respondents' sheets of one questionnaire, scored alone and then together
//! (DESIGN.md, "Many respondents").
//!
//! The workshop's dimension score is the mean of the respondents' scores where each has enough
//! evidence; the spread is their population standard deviation. Conditions read a consensus sheet
//! (the most common answer to each question; a tie goes to the lower-scoring answer) and the
//! workshop's scores. Nothing here depends on the order of the sheets: respondents are sorted, and
//! every sum runs over sorted values so that even the last bit of a mean is the same.

use std::cmp::Ordering;
use std::collections::BTreeSet;

use crate::questionnaire::Questionnaire;
use crate::score::{self, Assessment, DimensionScore, Scored, SheetFacts, Visibility};
use crate::sheet::{Answer, Respondent, Sheet};

/// A respondent's sheet with its own assessment.
#[derive(Clone, Debug)]
pub struct Scoresheet {
    pub sheet: Sheet,
    pub assessment: Assessment,
}

/// Spread and group means of one dimension across the room.
#[derive(Clone, Debug, PartialEq)]
pub struct DimensionSpread {
    /// Respondents with enough evidence in this dimension.
    pub counted: usize,
    /// Population standard deviation of their scores (`None` with fewer than two).
    pub spread: Option<f64>,
    /// Mean of the `leadership` group's scores, and of the `frontline` group's.
    pub leadership: Option<f64>,
    pub frontline: Option<f64>,
}

impl DimensionSpread {
    /// Leadership minus front line, when both groups scored the dimension.
    pub fn gap(&self) -> Option<f64> {
        Some(self.leadership? - self.frontline?)
    }
}

/// One question (for one unit, when asked per unit) across the room.
#[derive(Clone, Debug, PartialEq)]
pub struct QuestionSpread {
    pub question: usize,
    /// Index into the workshop's units.
    pub unit: Option<usize>,
    /// Population standard deviation of the answers' scores, in points (0..100).
    pub spread: f64,
    /// Who answered: (respondent, the unit's index in their own sheet). The answers themselves
    /// stay in the sheets; [`QuestionSpread::given`] reads them.
    pub answered: Vec<(usize, Option<usize>)>,
}

impl QuestionSpread {
    /// Each respondent's answer: (respondent, answer).
    pub fn given<'w>(&'w self, w: &'w Workshop) -> impl Iterator<Item = (usize, &'w Answer)> {
        self.answered.iter().filter_map(move |&(k, own)| {
            Some((k, w.respondents[k].sheet.answer(self.question, own)?))
        })
    }
}

#[derive(Clone, Debug)]
pub struct Workshop {
    /// Sorted by name, role, organization, date, then answers.
    pub respondents: Vec<Scoresheet>,
    /// The consensus sheet: organization, units (every unit anyone named, sorted) and answers.
    pub consensus: Sheet,
    /// The workshop's assessment: mean scores, and gates, patterns and actions over the consensus.
    pub assessment: Assessment,
    pub dimensions: Vec<DimensionSpread>,
    /// Every question answered (and scored) by two or more respondents, in questionnaire order.
    pub questions: Vec<QuestionSpread>,
    /// Per workshop unit: how many respondents answered at least one question for it.
    pub unit_respondents: Vec<usize>,
}

/// The values sorted, so that sums over them have the same bits whatever order they came in.
fn sorted(values: &[f64]) -> Vec<f64> {
    let mut v = values.to_vec();
    v.sort_unstable_by(f64::total_cmp);
    v
}

pub fn mean(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    Some(sorted(values).iter().sum::<f64>() / values.len() as f64)
}

/// Population standard deviation (one sort: the squared deviations are summed in the sorted
/// values' order, which is itself fixed).
pub fn spread(values: &[f64]) -> Option<f64> {
    if values.len() < 2 {
        return None;
    }
    let v = sorted(values);
    let n = v.len() as f64;
    let m = v.iter().sum::<f64>() / n;
    Some((v.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / n).sqrt())
}

/// Orders answers for a tie: a scored answer before n/a, the lower score first, then a fixed
/// textual order.
fn tie_order(q: &Questionnaire, question: usize, a: &Answer, b: &Answer) -> Ordering {
    let kind = &q.questions[question].kind;
    let (sa, sb) = (
        score::question_score(kind, a),
        score::question_score(kind, b),
    );
    match (sa, sb) {
        (Some(x), Some(y)) => x.total_cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
    .then_with(|| format!("{a:?}").cmp(&format!("{b:?}")))
}

/// The most common answer; a tie goes to the lower-scoring one. Few distinct answers (the usual
/// case) are counted in a short list; past that, by their canonical text in a map, so a room of
/// thousands with as many different free-text answers stays linear.
fn consensus(q: &Questionnaire, question: usize, answers: &[&Answer]) -> Option<Answer> {
    const SHORT: usize = 32;
    let mut counts: Vec<(&Answer, usize)> = Vec::new();
    let mut many: Option<std::collections::HashMap<String, (&Answer, usize)>> = None;
    for a in answers {
        if let Some(map) = &mut many {
            map.entry(format!("{a:?}")).or_insert((a, 0)).1 += 1;
            continue;
        }
        match counts.iter().position(|(x, _)| x == a) {
            Some(k) => counts[k].1 += 1,
            None if counts.len() < SHORT => counts.push((a, 1)),
            None => {
                let mut map: std::collections::HashMap<String, (&Answer, usize)> = counts
                    .drain(..)
                    .map(|(x, n)| (format!("{x:?}"), (x, n)))
                    .collect();
                map.entry(format!("{a:?}")).or_insert((a, 0)).1 += 1;
                many = Some(map);
            }
        }
    }
    let all: Vec<(&Answer, usize)> = match many {
        Some(map) => map.into_values().collect(),
        None => counts,
    };
    all.into_iter()
        .min_by(|(a, n), (b, m)| m.cmp(n).then_with(|| tie_order(q, question, a, b)))
        .map(|(a, _)| a.clone())
}

fn respondent_order(x: &Scoresheet, y: &Scoresheet) -> Ordering {
    fn key(s: &Sheet) -> (&String, &Option<String>, &String, &Option<String>) {
        (
            &s.respondent.name,
            &s.respondent.role,
            &s.organization,
            &s.date,
        )
    }
    key(&x.sheet)
        .cmp(&key(&y.sheet))
        .then_with(|| format!("{:?}", x.sheet).cmp(&format!("{:?}", y.sheet)))
}

/// The most common value; a tie goes to the first in sorted order.
fn most_common<'a>(values: impl Iterator<Item = &'a str>) -> String {
    let mut all: Vec<&str> = values.filter(|v| !v.is_empty()).collect();
    all.sort_unstable();
    let mut best: Option<(&str, usize)> = None;
    let mut k = 0;
    while k < all.len() {
        let n = all[k..].iter().take_while(|v| **v == all[k]).count();
        if best.is_none_or(|(_, m)| n > m) {
            best = Some((all[k], n));
        }
        k += n;
    }
    best.map(|(v, _)| v.to_string()).unwrap_or_default()
}

/// Scores each sheet (on every core), then the room.
pub fn workshop(q: &Questionnaire, sheets: Vec<Sheet>) -> Workshop {
    let assessments = crate::parallel::map(&sheets, |sheet| score::assess(q, sheet));
    let mut respondents: Vec<Scoresheet> = sheets
        .into_iter()
        .zip(assessments)
        .map(|(sheet, assessment)| Scoresheet { sheet, assessment })
        .collect();
    respondents.sort_by(respondent_order);

    let units: Vec<String> = respondents
        .iter()
        .flat_map(|r| r.sheet.units.iter().cloned())
        .collect::<BTreeSet<String>>()
        .into_iter()
        .collect();
    // Where each workshop unit sits in each respondent's sheet, looked up once.
    let positions: Vec<Vec<Option<usize>>> = respondents
        .iter()
        .map(|r| {
            let mut at = vec![None; units.len()];
            for (own, name) in r.sheet.units.iter().enumerate() {
                if let Ok(u) = units.binary_search(name) {
                    at[u] = Some(own);
                }
            }
            at
        })
        .collect();
    let unit_in = |k: usize, u: usize| positions[k][u];

    // Visible answers of every respondent, per question and unit: (respondent, own unit, answer).
    let answers_to =
        |question: usize, unit: Option<usize>| -> Vec<(usize, Option<usize>, &Answer)> {
            respondents
                .iter()
                .enumerate()
                .filter_map(|(k, r)| {
                    let own = match unit {
                        Some(u) => Some(unit_in(k, u)?),
                        None => None,
                    };
                    if !r.assessment.visibility.shown(question, own) {
                        return None;
                    }
                    r.sheet.answer(question, own).map(|a| (k, own, a))
                })
                .collect()
        };

    let mut consensus_sheet = Sheet::blank(q);
    consensus_sheet.organization =
        most_common(respondents.iter().map(|r| r.sheet.organization.as_str()));
    consensus_sheet.respondent = Respondent::default();
    consensus_sheet.date = respondents
        .iter()
        .filter_map(|r| r.sheet.date.clone())
        .max();
    consensus_sheet.units = units.clone();
    consensus_sheet.unit_answers = vec![vec![None; q.questions.len()]; units.len()];
    let mut questions = Vec::new();
    let mut unit_respondents = vec![vec![false; respondents.len()]; units.len()];
    for (i, question) in q.questions.iter().enumerate() {
        let scopes: Vec<Option<usize>> = if question.per_unit {
            (0..units.len()).map(Some).collect()
        } else {
            vec![None]
        };
        for unit in scopes {
            let given = answers_to(i, unit);
            if let Some(u) = unit {
                for (k, _, _) in &given {
                    unit_respondents[u][*k] = true;
                }
            }
            let list: Vec<&Answer> = given.iter().map(|(_, _, a)| *a).collect();
            let agreed = consensus(q, i, &list);
            match unit {
                Some(u) => consensus_sheet.unit_answers[u][i] = agreed,
                None => consensus_sheet.answers[i] = agreed,
            }
            let scores: Vec<f64> = list
                .iter()
                .filter_map(|a| score::question_score(&question.kind, a))
                .map(|s| 100.0 * s)
                .collect();
            if let Some(s) = spread(&scores) {
                questions.push(QuestionSpread {
                    question: i,
                    unit,
                    spread: s,
                    answered: given.into_iter().map(|(k, own, _)| (k, own)).collect(),
                });
            }
        }
    }

    let group_of = |r: &Scoresheet| {
        r.sheet
            .respondent
            .role
            .as_deref()
            .and_then(|id| q.role(id))
            .and_then(|role| role.group.clone())
    };
    let mut dimensions = Vec::new();
    let mut spreads = Vec::new();
    for (d, dim) in q.dimensions.iter().enumerate() {
        let counted: Vec<(f64, Option<String>)> = respondents
            .iter()
            .filter(|r| r.assessment.dimensions[d].sufficient)
            .filter_map(|r| Some((r.assessment.dimensions[d].score?, group_of(r))))
            .collect();
        let scores: Vec<f64> = counted.iter().map(|(s, _)| *s).collect();
        let group_mean = |g: &str| {
            mean(
                &counted
                    .iter()
                    .filter(|(_, group)| group.as_deref() == Some(g))
                    .map(|(s, _)| *s)
                    .collect::<Vec<_>>(),
            )
        };
        spreads.push(DimensionSpread {
            counted: scores.len(),
            spread: spread(&scores),
            leadership: group_mean("leadership"),
            frontline: group_mean("frontline"),
        });
        let coverages: Vec<f64> = respondents
            .iter()
            .map(|r| r.assessment.dimensions[d].coverage)
            .collect();
        let unit_scores: Vec<Scored> = if dim.per_unit {
            (0..units.len())
                .map(|u| {
                    let of_unit: Vec<&Scored> = respondents
                        .iter()
                        .enumerate()
                        .filter_map(|(k, r)| r.assessment.dimensions[d].units.get(unit_in(k, u)?))
                        .collect();
                    let s: Vec<f64> = of_unit.iter().filter_map(|x| x.score).collect();
                    let c: Vec<f64> = of_unit.iter().map(|x| x.coverage).collect();
                    Scored {
                        score: mean(&s),
                        coverage: mean(&c).unwrap_or(0.0),
                    }
                })
                .collect()
        } else {
            Vec::new()
        };
        let score = mean(&scores);
        dimensions.push(DimensionScore {
            score,
            coverage: mean(&coverages).unwrap_or(0.0),
            sufficient: score.is_some(),
            units: unit_scores,
        });
    }
    let scores: Vec<Option<f64>> = dimensions.iter().map(|d| d.score).collect();
    let overall = score::overall(q, &scores);
    let visibility = Visibility::of(q, &consensus_sheet);
    let facts = SheetFacts {
        q,
        sheet: &consensus_sheet,
        visibility: &visibility,
        scores: &scores,
        overall,
    };
    let assessment = score::finish(q, dimensions, overall, &facts, visibility.clone());
    Workshop {
        respondents,
        consensus: consensus_sheet,
        assessment,
        dimensions: spreads,
        questions,
        unit_respondents: unit_respondents
            .iter()
            .map(|answered| answered.iter().filter(|a| **a).count())
            .collect(),
    }
}
