//! A workshop: many respondents' sheets of one questionnaire, scored alone and then together
//! (docs/design.md, "Many respondents").
//!
//! The workshop's dimension score is the mean of the respondents' scores where each has enough
//! evidence; the spread is their population standard deviation. Conditions read a consensus sheet
//! (the most common answer to each question; a tie goes to the lower-scoring answer) and the
//! workshop's scores. Nothing here depends on the order of the sheets: respondents are sorted, and
//! every sum runs over sorted values so that even the last bit of a mean is the same.

use std::cmp::Ordering;
use std::collections::BTreeSet;

use crate::answer::Answer;
use crate::index::{DimensionIx, QuestionIx, UnitIx, indexed_by};
use crate::questionnaire::{Kind, Questionnaire};
use crate::score::{self, Assessment, DimensionScore, Scored, SheetFacts, Visibility};
use crate::sheet::{Respondent, Sheet, UnitAnswers};

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
    pub question: QuestionIx,
    /// Index into the workshop's units.
    pub unit: Option<UnitIx>,
    /// Population standard deviation of the answers' scores, in points (0..100).
    pub spread: f64,
    /// The answers given, each distinct one once with who gave it.
    pub answers: Vec<Tally>,
}

/// One distinct answer to a question and the respondents who gave it, in respondent order.
#[derive(Clone, Debug, PartialEq)]
pub struct Tally {
    pub answer: Answer,
    pub respondents: Vec<usize>,
}

/// An answer as a map key: equal exactly when the answers are (`0.0` and `-0.0` alike).
struct Key<'a>(&'a Answer);

impl PartialEq for Key<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}

impl Eq for Key<'_> {}

impl std::hash::Hash for Key<'_> {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        std::mem::discriminant(self.0).hash(h);
        match self.0 {
            Answer::NotApplicable => {}
            Answer::Choice(o) => o.hash(h),
            Answer::Multi(list) => list.hash(h),
            // Answers are finite; adding zero makes -0.0 hash as 0.0, to which it is equal.
            Answer::Number(x) => (x + 0.0).to_bits().hash(h),
            Answer::Bool(b) => b.hash(h),
            Answer::Text(t) => t.hash(h),
        }
    }
}

/// Counts answers as they come: few distinct ones (the usual case) in a short list, past that
/// through a map, so that a room of thousands with as many different free-text answers stays
/// linear.
#[derive(Default)]
struct Tallies<'a> {
    list: Vec<(&'a Answer, Vec<usize>)>,
    index: Option<std::collections::HashMap<Key<'a>, usize>>,
}

impl<'a> Tallies<'a> {
    const SHORT: usize = 32;

    fn add(&mut self, respondent: usize, answer: &'a Answer) {
        let found = match &self.index {
            Some(index) => index.get(&Key(answer)).copied(),
            None => self.list.iter().position(|(a, _)| *a == answer),
        };
        match found {
            Some(t) => self.list[t].1.push(respondent),
            None => {
                self.list.push((answer, vec![respondent]));
                if let Some(index) = &mut self.index {
                    index.insert(Key(answer), self.list.len() - 1);
                } else if self.list.len() > Self::SHORT {
                    let index = self.list.iter().enumerate().map(|(t, (a, _))| (Key(a), t));
                    self.index = Some(index.collect());
                }
            }
        }
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

/// Orders answers for a tie: a scored answer before n/a, the lower score first, then the fixed
/// order of [`answer_order`].
fn tie_order(q: &Questionnaire, question: QuestionIx, a: &Answer, b: &Answer) -> Ordering {
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
    .then_with(|| answer_order(a, b))
}

/// A fixed order of answers, for breaking ties: by kind, the kinds sorted by name (`Bool`,
/// `Choice`, `Multi`, `NotApplicable`, `Number`, `Text`), then by value (option indices, numbers
/// and texts ascending, lists element by element).
fn answer_order(a: &Answer, b: &Answer) -> Ordering {
    fn kind(a: &Answer) -> u8 {
        match a {
            Answer::Bool(_) => 0,
            Answer::Choice(_) => 1,
            Answer::Multi(_) => 2,
            Answer::NotApplicable => 3,
            Answer::Number(_) => 4,
            Answer::Text(_) => 5,
        }
    }
    match (a, b) {
        (Answer::Bool(x), Answer::Bool(y)) => x.cmp(y),
        (Answer::Choice(x), Answer::Choice(y)) => x.cmp(y),
        (Answer::Multi(x), Answer::Multi(y)) => x.cmp(y),
        (Answer::Number(x), Answer::Number(y)) => x.total_cmp(y),
        (Answer::Text(x), Answer::Text(y)) => x.cmp(y),
        _ => kind(a).cmp(&kind(b)),
    }
}

/// Two answer slots in the order of [`answer_order`], an unanswered one first.
fn slot_order(a: Option<&Answer>, b: Option<&Answer>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => answer_order(a, b),
        _ => a.is_some().cmp(&b.is_some()),
    }
}

/// Two sequences in the order of their first difference under `order`, a sequence before any
/// longer one it begins.
fn sequence_order<T>(
    a: impl IntoIterator<Item = T>,
    b: impl IntoIterator<Item = T>,
    order: impl Fn(T, T) -> Ordering,
) -> Ordering {
    let (mut a, mut b) = (a.into_iter(), b.into_iter());
    loop {
        match (a.next(), b.next()) {
            (Some(x), Some(y)) => match order(x, y) {
                Ordering::Equal => {}
                different => return different,
            },
            (x, y) => return x.is_some().cmp(&y.is_some()),
        }
    }
}

/// The most common answer; a tie goes to the lower-scoring one.
fn consensus(q: &Questionnaire, question: QuestionIx, tallies: &[Tally]) -> Option<Answer> {
    tallies
        .iter()
        .min_by(|a, b| {
            (b.respondents.len().cmp(&a.respondents.len()))
                .then_with(|| tie_order(q, question, &a.answer, &b.answer))
        })
        .map(|t| t.answer.clone())
}

/// Orders respondents by their sheets (see [`sheet_order`]).
fn respondent_order(x: &Scoresheet, y: &Scoresheet) -> Ordering {
    sheet_order(&x.sheet, &y.sheet)
}

/// Orders sheets by name, role, organization and date; sheets alike in all four by their units,
/// then their answers, then their units' answers, so that only identical sheets tie.
pub fn sheet_order(x: &Sheet, y: &Sheet) -> Ordering {
    fn key(
        s: &Sheet,
    ) -> (
        &String,
        &Option<String>,
        &String,
        &Option<crate::date::Date>,
    ) {
        (
            &s.respondent.name,
            &s.respondent.role,
            &s.organization,
            &s.date,
        )
    }
    key(x)
        .cmp(&key(y))
        .then_with(|| x.units.cmp(&y.units))
        .then_with(|| {
            sequence_order(&x.answers, &y.answers, |a, b| {
                slot_order(a.as_ref(), b.as_ref())
            })
        })
        .then_with(|| sequence_order(&x.unit_answers, &y.unit_answers, unit_answers_order))
}

/// One unit's answers in question order, each compared by question, then by [`slot_order`].
fn unit_answers_order(a: &UnitAnswers, b: &UnitAnswers) -> Ordering {
    sequence_order(a.iter(), b.iter(), |(i, x), (j, y)| {
        i.cmp(&j).then_with(|| slot_order(x.as_ref(), y.as_ref()))
    })
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
    let respondents = scoresheets(q, sheets);
    let units = named_units(&respondents);
    let positions = unit_positions(&respondents, &units);
    let tallies = tally(q, &respondents, &positions, units.len());
    let mut consensus_sheet = consensus_frame(q, &respondents, &units);
    let (questions, unit_respondents) = agree(q, tallies, &mut consensus_sheet, respondents.len());

    let groups = role_groups(q, &respondents);
    let (spreads, dimensions): (Vec<DimensionSpread>, Vec<DimensionScore>) =
        DimensionIx::all(q.dimensions.len())
            .map(|d| dimension(q, d, &respondents, &groups, &positions, units.len()))
            .unzip();
    let assessment = room_assessment(q, dimensions, &consensus_sheet);
    Workshop {
        respondents,
        consensus: consensus_sheet,
        assessment,
        dimensions: spreads,
        questions,
        unit_respondents,
    }
}

/// Each sheet with its own assessment (scored on every core), in respondent order.
fn scoresheets(q: &Questionnaire, sheets: Vec<Sheet>) -> Vec<Scoresheet> {
    let assessments = crate::parallel::map(&sheets, |sheet| score::assess(q, sheet));
    let mut respondents: Vec<Scoresheet> = sheets
        .into_iter()
        .zip(assessments)
        .map(|(sheet, assessment)| Scoresheet { sheet, assessment })
        .collect();
    respondents.sort_by(respondent_order);
    respondents
}

/// The workshop's units: every unit anyone named, sorted.
fn named_units(respondents: &[Scoresheet]) -> Vec<String> {
    respondents
        .iter()
        .flat_map(|r| r.sheet.units.iter().cloned())
        .collect::<BTreeSet<String>>()
        .into_iter()
        .collect()
}

indexed_by!(DimensionIx => DimensionSpread);

/// Where each workshop unit sits in each respondent's sheet (`[respondent][unit]`), looked up
/// once.
fn unit_positions(respondents: &[Scoresheet], units: &[String]) -> Vec<Vec<Option<UnitIx>>> {
    respondents
        .iter()
        .map(|r| {
            let mut at = vec![None; units.len()];
            for (own, name) in UnitIx::enumerate(&r.sheet.units) {
                if let Ok(u) = units.binary_search(name) {
                    at[u] = Some(own);
                }
            }
            at
        })
        .collect()
}

/// Where a question's tallies sit among all of them: each question has one place for the
/// sheet-wide answers, then one per workshop unit.
fn scope(units: usize, question: QuestionIx, unit: Option<UnitIx>) -> usize {
    question.get() * (units + 1) + unit.map_or(0, |u| u.get() + 1)
}

/// The visible answers, tallied per question (and workshop unit, for a per-unit question) and
/// placed by [`scope`], one sheet at a time so that each sheet is read once, in order.
fn tally<'a>(
    q: &Questionnaire,
    respondents: &'a [Scoresheet],
    positions: &[Vec<Option<UnitIx>>],
    units: usize,
) -> Vec<Tallies<'a>> {
    let mut tallies: Vec<Tallies> = (0..q.questions.len() * (units + 1))
        .map(|_| Tallies::default())
        .collect();
    for (k, r) in respondents.iter().enumerate() {
        let shown = &r.assessment.visibility;
        for (i, question) in QuestionIx::enumerate(&q.questions) {
            if question.per_unit {
                for (u, own) in UnitIx::enumerate(&positions[k]) {
                    if let Some(own) = *own
                        && shown.shown(i, Some(own))
                        && let Some(a) = r.sheet.answer(i, Some(own))
                    {
                        tallies[scope(units, i, Some(u))].add(k, a);
                    }
                }
            } else if shown.shown(i, None)
                && let Some(a) = r.sheet.answer(i, None)
            {
                tallies[scope(units, i, None)].add(k, a);
            }
        }
    }
    tallies
}

/// The consensus sheet before its answers: the most common organization, no respondent, the
/// latest date and the workshop's units.
fn consensus_frame(q: &Questionnaire, respondents: &[Scoresheet], units: &[String]) -> Sheet {
    let mut sheet = Sheet::blank(q);
    sheet.organization = most_common(respondents.iter().map(|r| r.sheet.organization.as_str()));
    sheet.respondent = Respondent::default();
    sheet.date = respondents.iter().filter_map(|r| r.sheet.date).max();
    sheet.units = units.to_vec();
    sheet.unit_answers = vec![UnitAnswers::default(); units.len()];
    sheet
}

/// Settles each question (per workshop unit, for a per-unit question) from its tallies: the
/// consensus answer goes into the `agreed` sheet, and a question whose scored answers spread joins
/// the list returned. Also returns, per workshop unit, how many respondents answered at least one
/// question for it.
fn agree(
    q: &Questionnaire,
    mut tallies: Vec<Tallies>,
    agreed: &mut Sheet,
    respondents: usize,
) -> (Vec<QuestionSpread>, Vec<usize>) {
    let units = agreed.units.len();
    let mut questions = Vec::new();
    let mut unit_respondents = vec![vec![false; respondents]; units];
    for (i, question) in QuestionIx::enumerate(&q.questions) {
        let unit_scopes: Vec<Option<UnitIx>> = if question.per_unit {
            UnitIx::all(units).map(Some).collect()
        } else {
            vec![None]
        };
        for unit in unit_scopes {
            let given: Vec<Tally> = std::mem::take(&mut tallies[scope(units, i, unit)].list)
                .into_iter()
                .map(|(answer, respondents)| Tally {
                    answer: answer.clone(),
                    respondents,
                })
                .collect();
            if let Some(u) = unit {
                for k in given.iter().flat_map(|t| &t.respondents) {
                    unit_respondents[u][*k] = true;
                }
            }
            let answer = consensus(q, i, &given);
            match unit {
                Some(u) => agreed.unit_answers[u][i] = answer,
                None => agreed.answers[i] = answer,
            }
            if let Some(s) = spread(&answer_scores(&question.kind, &given)) {
                questions.push(QuestionSpread {
                    question: i,
                    unit,
                    spread: s,
                    answers: given,
                });
            }
        }
    }
    let unit_respondents = unit_respondents
        .iter()
        .map(|answered| answered.iter().filter(|a| **a).count())
        .collect();
    (questions, unit_respondents)
}

/// The scores (0..100) of the scored answers given, one per respondent who gave each.
fn answer_scores(kind: &Kind, given: &[Tally]) -> Vec<f64> {
    given
        .iter()
        .filter_map(|t| {
            let s = score::question_score(kind, &t.answer)?;
            Some(std::iter::repeat_n(100.0 * s, t.respondents.len()))
        })
        .flatten()
        .collect()
}

/// Each respondent's role group, looked up once.
fn role_groups<'q>(q: &'q Questionnaire, respondents: &[Scoresheet]) -> Vec<Option<&'q str>> {
    respondents
        .iter()
        .map(|r| {
            let role = r.sheet.respondent.role.as_deref();
            role.and_then(|id| q.role(id))?.group.as_deref()
        })
        .collect()
}

/// Dimension `d` across the room: its spread and group means, and the workshop's score (the mean
/// of the respondents' scores where each has enough evidence).
fn dimension(
    q: &Questionnaire,
    d: DimensionIx,
    respondents: &[Scoresheet],
    groups: &[Option<&str>],
    positions: &[Vec<Option<UnitIx>>],
    units: usize,
) -> (DimensionSpread, DimensionScore) {
    let counted: Vec<(f64, Option<&str>)> = respondents
        .iter()
        .zip(groups)
        .filter(|(r, _)| r.assessment.dimensions[d].sufficient)
        .filter_map(|(r, g)| Some((r.assessment.dimensions[d].score?, *g)))
        .collect();
    let scores: Vec<f64> = counted.iter().map(|(s, _)| *s).collect();
    let group_mean = |g: &str| {
        mean(
            &counted
                .iter()
                .filter(|(_, group)| *group == Some(g))
                .map(|(s, _)| *s)
                .collect::<Vec<_>>(),
        )
    };
    let dimension_spread = DimensionSpread {
        counted: scores.len(),
        spread: spread(&scores),
        leadership: group_mean("leadership"),
        frontline: group_mean("frontline"),
    };
    let coverages: Vec<f64> = respondents
        .iter()
        .map(|r| r.assessment.dimensions[d].coverage)
        .collect();
    let unit_scores = if q.dimensions[d].per_unit {
        unit_scores(d, respondents, positions, units)
    } else {
        Vec::new()
    };
    let score = mean(&scores);
    let dimension_score = DimensionScore {
        score,
        coverage: mean(&coverages).unwrap_or(0.0),
        sufficient: score.is_some(),
        units: unit_scores,
    };
    (dimension_spread, dimension_score)
}

/// A per-unit dimension's score for each workshop unit: the mean of the respondents' scores and
/// coverages for that unit.
fn unit_scores(
    d: DimensionIx,
    respondents: &[Scoresheet],
    positions: &[Vec<Option<UnitIx>>],
    units: usize,
) -> Vec<Scored> {
    UnitIx::all(units)
        .map(|u| {
            let of_unit: Vec<&Scored> = respondents
                .iter()
                .zip(positions)
                .filter_map(|(r, at)| r.assessment.dimensions[d].units.get(at[u]?.get()))
                .collect();
            let s: Vec<f64> = of_unit.iter().filter_map(|x| x.score).collect();
            let c: Vec<f64> = of_unit.iter().map(|x| x.coverage).collect();
            Scored {
                score: mean(&s),
                coverage: mean(&c).unwrap_or(0.0),
            }
        })
        .collect()
}

/// The workshop's assessment: the mean dimension scores, with gates, patterns and actions read
/// from the consensus sheet.
fn room_assessment(
    q: &Questionnaire,
    dimensions: Vec<DimensionScore>,
    consensus: &Sheet,
) -> Assessment {
    let scores: Vec<Option<f64>> = dimensions.iter().map(|d| d.score).collect();
    let overall = score::overall(q, &scores);
    let visibility = Visibility::of(q, consensus);
    let facts = SheetFacts {
        q,
        sheet: consensus,
        visibility: &visibility,
        scores: &scores,
        overall,
    };
    score::finish(q, dimensions, overall, &facts, visibility.clone())
}

#[cfg(test)]
mod tests {
    use super::{Answer, Ordering, Tallies, answer_order, slot_order};
    use crate::index::OptionIx;

    fn options(list: &[usize]) -> Answer {
        Answer::Multi(list.iter().map(|&o| OptionIx::new(o)).collect())
    }

    /// Ties are broken on the answers' values, not on how they print: numbers by size, lists
    /// element by element with a list before its extensions, kinds by name.
    #[test]
    fn answers_tie_in_a_fixed_order_of_their_values() {
        let ordered = [
            Answer::Bool(false),
            Answer::Bool(true),
            Answer::Choice(OptionIx::new(2)),
            Answer::Choice(OptionIx::new(10)),
            options(&[0]),
            options(&[0, 1]),
            options(&[1]),
            Answer::NotApplicable,
            Answer::Number(-2.0),
            Answer::Number(2.0),
            Answer::Number(18.0),
            Answer::Text("B".into()),
            Answer::Text("a".into()),
        ];
        for (i, a) in ordered.iter().enumerate() {
            for (j, b) in ordered.iter().enumerate() {
                assert_eq!(answer_order(a, b), i.cmp(&j), "{a:?} against {b:?}");
            }
        }
        assert_eq!(
            slot_order(None, Some(&Answer::NotApplicable)),
            Ordering::Less
        );
    }

    /// Counted in a list or, past `SHORT` distinct answers, through a map: the same tallies in
    /// order of first appearance either way, with equal numbers (`0.0`, `-0.0`) counted together.
    #[test]
    fn tallies_are_the_same_through_the_list_and_the_map() {
        let texts: Vec<Answer> = (0..100)
            .map(|k| Answer::Text(format!("t{}", k % 50)))
            .collect();
        let numbers = [Answer::Number(0.0), Answer::Number(-0.0), options(&[1, 2])];
        let all: Vec<&Answer> = texts.iter().chain(&numbers).collect();
        let mut tallies = Tallies::default();
        for (k, a) in all.iter().enumerate() {
            tallies.add(k, a);
        }
        assert!(tallies.index.is_some());
        let mut expected: Vec<(&Answer, Vec<usize>)> = Vec::new();
        for (k, a) in all.iter().enumerate() {
            match expected.iter_mut().find(|(x, _)| *x == *a) {
                Some((_, who)) => who.push(k),
                None => expected.push((a, vec![k])),
            }
        }
        assert_eq!(tallies.list, expected);
        assert_eq!(tallies.list.len(), 52);
        assert_eq!(tallies.list[50].1, vec![100, 101]);
    }
}
