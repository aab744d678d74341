//! The workshop's part of the report: agreement, discussion points, the leadership gap, units
//! across the room and each respondent's own result.

use serde::Serialize;

use super::{answer_text, round1};
use crate::aggregate::{QuestionSpread, Workshop};
use crate::index::{DimensionIx, QuestionIx, UnitIx};
use crate::questionnaire::{Question, Questionnaire};

/// Gaps of this many points or more between leadership and front line are called out.
pub const CREDIBILITY_GAP: f64 = 15.0;

/// Up to this many respondents, discussion points list each one's answer; a bigger room gets the
/// answers grouped, with counts by role.
pub const LISTED: usize = 40;

/// The body of a report lists this many discussion questions, the widest; the rest go to an
/// appendix.
pub const IN_BODY: usize = 5;

#[derive(Debug, Serialize)]
pub struct WorkshopView {
    pub respondent_count: usize,
    /// Spread (points) from which a dimension or question is a discussion point.
    pub disagreement_threshold: f64,
    /// Leadership − front line gap (points) from which it is called the credibility gap.
    pub credibility_gap_threshold: f64,
    pub dimensions: Vec<WorkshopDimensionView>,
    /// Dimensions, then questions, whose spread reaches the threshold, each widest first.
    pub discussion: Vec<DiscussionView>,
    /// How many of `discussion` are dimensions.
    pub discussion_dimensions: usize,
    /// How many of `discussion` are questions in the body (at most `IN_BODY`).
    pub discussion_in_body: usize,
    /// How many of `discussion` are questions left to the appendix.
    pub discussion_in_appendix: usize,
    /// Dimensions where leadership scores at least `credibility_gap_threshold` above the front line.
    pub credibility_gaps: Vec<GapView>,
    /// Each respondent's own overall score and level.
    pub respondents: Vec<RespondentResultView>,
    /// The room by role: how many answered in each and their mean overall score.
    pub roles: Vec<RoleSummaryView>,
    /// Whether discussion points list every respondent (a room of at most `LISTED`) or only the
    /// grouped answers.
    pub answers_listed: bool,
    /// The per-unit questions, the columns of `units[].answers`.
    pub unit_questions: Vec<UnitQuestionView>,
    /// Every unit anyone named, with what the room answered for it.
    pub units: Vec<WorkshopUnitView>,
    /// Units named but answered for by nobody.
    pub units_unanswered: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct WorkshopDimensionView {
    pub id: String,
    pub name: String,
    /// Mean of the respondents' scores (those with enough evidence).
    pub score: Option<f64>,
    /// Population standard deviation of those scores.
    pub spread: Option<f64>,
    /// How many respondents' scores count.
    pub counted: usize,
    /// Their scores, lowest first.
    pub scores: Vec<f64>,
    /// The same scores as the spread chart draws them, each with its respondent's role group;
    /// empty in a room of more than `LISTED` respondents.
    pub points: Vec<PointView>,
    /// How many points share the most common score: the chart's rows of stacked dots.
    pub stack_rows: usize,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub leadership: Option<f64>,
    pub frontline: Option<f64>,
    /// Leadership minus front line.
    pub gap: Option<f64>,
    pub credibility_gap: bool,
    pub discussion: bool,
}

#[derive(Debug, Serialize)]
pub struct PointView {
    pub score: f64,
    /// `leadership`, `frontline` or `other` (any other group, or none).
    pub group: &'static str,
    /// How many points before this one share its score: 0 for the first, which sits on the
    /// track; the chart draws the others beneath it.
    pub stack: usize,
}

#[derive(Debug, Serialize)]
pub struct DiscussionView {
    /// `dimension` or `question`.
    pub kind: &'static str,
    pub id: String,
    /// The dimension's name, or the question's text.
    pub text: String,
    /// The dimension the question belongs to (its own name for a dimension).
    pub dimension: String,
    pub unit: Option<String>,
    pub spread: f64,
    /// Who answered what (for a dimension: each respondent's score); empty in a room of more
    /// than `LISTED` respondents, where `groups` says it.
    pub answers: Vec<GivenAnswerView>,
    /// The answers given, most common first, each with how many gave it and their roles (for a
    /// dimension: score bands of ten points).
    pub groups: Vec<AnswerGroupView>,
    /// `groups` on one line: `yes: 4 (Executive 2, Marketing 2) · no: 2 (Service agent 2)`.
    pub line: String,
    /// A question's rank among the questions, widest first, from 1; `null` for a dimension.
    pub number: Option<usize>,
    /// A question beyond the widest `IN_BODY`: the documents list it in an appendix. Never set
    /// for a dimension.
    pub appendix: bool,
}

#[derive(Debug, Serialize)]
pub struct AnswerGroupView {
    pub answer: String,
    pub count: usize,
    /// Roles that gave it, with counts, most first.
    pub roles: Vec<RoleCountView>,
}

#[derive(Debug, Serialize)]
pub struct RoleCountView {
    /// The role's name without a closing explanation in brackets, or `no role`.
    pub role_name: String,
    pub count: usize,
}

#[derive(Debug, Serialize)]
pub struct RoleSummaryView {
    /// The role's name, or `no role`.
    pub role_name: String,
    pub group: Option<String>,
    pub count: usize,
    /// Mean of their own overall scores.
    pub overall: Option<f64>,
}

#[derive(Debug, Serialize)]
pub struct GivenAnswerView {
    pub respondent: String,
    pub role_name: Option<String>,
    pub group: Option<String>,
    pub answer: String,
    pub score: Option<f64>,
}

#[derive(Debug, Serialize)]
pub struct GapView {
    pub id: String,
    pub name: String,
    pub leadership: f64,
    pub frontline: f64,
    pub gap: f64,
}

#[derive(Debug, Serialize)]
pub struct RespondentResultView {
    pub name: String,
    pub role_name: Option<String>,
    pub group: Option<String>,
    pub overall: Option<f64>,
    pub level: String,
}

#[derive(Debug, Serialize)]
pub struct UnitQuestionView {
    pub id: String,
    pub text: String,
    /// The column header: the question's `short`, else its text.
    pub label: String,
}

#[derive(Debug, Serialize)]
pub struct WorkshopUnitView {
    pub name: String,
    /// Respondents who answered at least one question for this unit.
    pub respondents: usize,
    /// The consensus answer to each per-unit question, in `unit_questions` order (`null` where
    /// nobody answered).
    pub answers: Vec<Option<String>>,
}

/// A respondent's role name and group, as the questionnaire names them.
type RoleOf<'q> = (Option<&'q str>, Option<&'q str>);

/// Groups given answers by their text, most common first (ties in answer order), with role
/// counts; each item is an answer's text, a role name and how many in that role gave it.
fn groups<'q>(
    given: impl Iterator<Item = (String, Option<&'q str>, usize)>,
) -> Vec<AnswerGroupView> {
    // Free-text answers can all differ: index groups by answer so a big room stays linear.
    // (answer, count, (role name, count) in order of first appearance)
    type Group<'q> = (String, usize, Vec<(&'q str, usize)>);
    let mut out: Vec<Group> = Vec::new();
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (answer, role, n) in given {
        let role = role.unwrap_or("no role");
        let k = match index.get(&answer) {
            Some(&k) => k,
            None => {
                out.push((answer.clone(), 0, Vec::new()));
                index.insert(answer, out.len() - 1);
                out.len() - 1
            }
        };
        let (_, count, roles) = &mut out[k];
        *count += n;
        match roles.iter_mut().find(|(name, _)| *name == role) {
            Some((_, m)) => *m += n,
            None => roles.push((role, n)),
        }
    }
    let mut out: Vec<AnswerGroupView> = out
        .into_iter()
        .map(|(answer, count, mut roles)| {
            roles.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            AnswerGroupView {
                answer,
                count,
                roles: roles
                    .into_iter()
                    .map(|(role_name, count)| RoleCountView {
                        role_name: short_role(role_name).to_string(),
                        count,
                    })
                    .collect(),
            }
        })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then(a.answer.cmp(&b.answer)));
    out
}

/// A role's name without a closing explanation in brackets: `Executive (CEO, COO or …)` →
/// `Executive`.
fn short_role(name: &str) -> &str {
    match name.find(" (") {
        Some(at) if at > 0 && name.ends_with(')') => &name[..at],
        _ => name,
    }
}

/// Answer groups on one line: `yes: 4 (Executive 2, Marketing 2) · no: 2 (Service agent 2)`.
fn groups_line(groups: &[AnswerGroupView]) -> String {
    groups
        .iter()
        .map(|g| {
            let roles: Vec<String> = g
                .roles
                .iter()
                .map(|r| format!("{} {}", r.role_name, r.count))
                .collect();
            format!("{}: {} ({})", g.answer, g.count, roles.join(", "))
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// A dimension score's band for grouping: `40–50`.
fn band(score: f64) -> String {
    let low = ((score / 10.0).floor() * 10.0).clamp(0.0, 90.0);
    format!("{}–{}", low, low + 10.0)
}

/// The workshop's part of the report.
pub fn view(q: &Questionnaire, w: &Workshop) -> WorkshopView {
    view_for(q, w, false)
}

/// The workshop's part of an anonymous report: answers are grouped by role only where a role has
/// at least [`MIN_ROLE`](super::anonymous::MIN_ROLE) respondents, else by role group, as the
/// respondents themselves are named.
pub fn anonymous_view(q: &Questionnaire, w: &Workshop) -> WorkshopView {
    view_for(q, w, true)
}

fn view_for(q: &Questionnaire, w: &Workshop, anonymous: bool) -> WorkshopView {
    let room = Room::new(q, w, anonymous);
    let dimensions: Vec<WorkshopDimensionView> = DimensionIx::all(q.dimensions.len())
        .map(|d| dimension_view(&room, d))
        .collect();
    let mut discussion: Vec<(f64, usize, DiscussionView)> = DimensionIx::all(q.dimensions.len())
        .filter_map(|d| dimension_discussion(&room, d))
        .collect();
    discussion.extend(
        w.questions
            .iter()
            .filter(|qs| room.disputed(qs.spread))
            .map(|qs| question_discussion(&room, qs)),
    );
    // Dimensions apart from questions, first (a dimension's place is below the questions'); each
    // kind widest first, then in questionnaire order.
    let dims = q.dimensions.len();
    discussion.sort_by(|a, b| {
        (a.1 >= dims)
            .cmp(&(b.1 >= dims))
            .then(b.0.total_cmp(&a.0))
            .then(a.1.cmp(&b.1))
    });
    let mut questions = 0;
    for (_, _, p) in discussion
        .iter_mut()
        .filter(|(_, _, p)| p.kind == "question")
    {
        questions += 1;
        p.number = Some(questions);
        p.appendix = questions > IN_BODY;
    }
    let unit_questions: Vec<QuestionIx> = QuestionIx::enumerate(&q.questions)
        .filter(|(_, x)| x.per_unit)
        .map(|(i, _)| i)
        .collect();
    WorkshopView {
        respondent_count: w.respondents.len(),
        disagreement_threshold: q.disagreement_threshold,
        credibility_gap_threshold: CREDIBILITY_GAP,
        credibility_gaps: credibility_gaps(&dimensions),
        dimensions,
        discussion_dimensions: discussion.len() - questions,
        discussion_in_body: questions.min(IN_BODY),
        discussion_in_appendix: questions.saturating_sub(IN_BODY),
        discussion: discussion.into_iter().map(|(_, _, v)| v).collect(),
        answers_listed: room.listed,
        roles: role_summary(q, w),
        respondents: respondent_results(&room),
        unit_questions: unit_questions
            .iter()
            .map(|&i| UnitQuestionView {
                id: q.questions[i].id.clone(),
                text: q.questions[i].text.clone(),
                label: q.questions[i]
                    .short
                    .clone()
                    .unwrap_or_else(|| q.questions[i].text.clone()),
            })
            .collect(),
        units_unanswered: w
            .consensus
            .units
            .iter()
            .zip(&w.unit_respondents)
            .filter(|(_, answered)| **answered == 0)
            .map(|(n, _)| n.clone())
            .collect(),
        units: unit_views(q, w, &unit_questions),
    }
}

/// The room as the view reads it: each respondent's role, looked up once, and whether the room
/// is small enough to list who answered what.
struct Room<'a> {
    q: &'a Questionnaire,
    w: &'a Workshop,
    roles: Vec<RoleOf<'a>>,
    /// What each respondent's answers are grouped under: their role's short name, or in an
    /// anonymous report their group where their role is too small to hide in.
    grouped: Vec<String>,
    listed: bool,
}

impl<'a> Room<'a> {
    fn new(q: &'a Questionnaire, w: &'a Workshop, anonymous: bool) -> Room<'a> {
        let roles = w
            .respondents
            .iter()
            .map(|r| {
                let role = r.sheet.respondent.role.as_deref().and_then(|id| q.role(id));
                (
                    role.map(|r| r.name.as_str()),
                    role.and_then(|r| r.group.as_deref()),
                )
            })
            .collect::<Vec<RoleOf>>();
        let ids: Vec<Option<&str>> = w
            .respondents
            .iter()
            .map(|r| r.sheet.respondent.role.as_deref())
            .collect();
        let mut in_role: std::collections::HashMap<Option<&str>, usize> =
            std::collections::HashMap::new();
        for id in &ids {
            *in_role.entry(*id).or_default() += 1;
        }
        let grouped = roles
            .iter()
            .zip(&ids)
            .map(|(&(name, group), id)| match (name, group) {
                (Some(name), _) if !anonymous || in_role[id] >= super::anonymous::MIN_ROLE => {
                    short_role(name).to_string()
                }
                (_, Some(group)) if anonymous => super::anonymous::group_label(group),
                (None, _) if !anonymous => "no role".to_string(),
                _ => "Respondent".to_string(),
            })
            .collect();
        Room {
            q,
            w,
            roles,
            grouped,
            listed: w.respondents.len() <= LISTED,
        }
    }

    /// Whether a spread (points) makes a dimension or question a discussion point.
    fn disputed(&self, spread: f64) -> bool {
        spread >= self.q.disagreement_threshold
    }

    /// The respondents whose score in dimension `d` counts (they have enough evidence), each with
    /// that score, in respondent order.
    fn counted(&self, d: DimensionIx) -> Vec<(usize, f64)> {
        self.w
            .respondents
            .iter()
            .enumerate()
            .filter(|(_, r)| r.assessment.dimensions[d].sufficient)
            .filter_map(|(k, r)| Some((k, r.assessment.dimensions[d].score?)))
            .collect()
    }

    /// Respondent `k`'s answer, with who they are.
    fn given(&self, k: usize, answer: String, score: Option<f64>) -> GivenAnswerView {
        GivenAnswerView {
            respondent: self.w.respondents[k].sheet.respondent.name.clone(),
            role_name: self.roles[k].0.map(str::to_string),
            group: self.roles[k].1.map(str::to_string),
            answer,
            score: score.map(round1),
        }
    }
}

/// Dimension `d` across the room: the workshop's score, the respondents' scores and their spread,
/// and the leadership gap.
fn dimension_view(room: &Room, d: DimensionIx) -> WorkshopDimensionView {
    let dim = &room.q.dimensions[d];
    let s = &room.w.dimensions[d];
    let counted = room.counted(d);
    let mut scores: Vec<f64> = counted.iter().map(|&(_, x)| x).collect();
    scores.sort_by(f64::total_cmp);
    let points = if room.listed {
        points(room, &counted)
    } else {
        Vec::new()
    };
    let gap = s.gap();
    WorkshopDimensionView {
        id: dim.id.clone(),
        name: dim.name.clone(),
        score: room.w.assessment.dimensions[d].score.map(round1),
        spread: s.spread.map(round1),
        counted: s.counted,
        min: scores.first().copied().map(round1),
        max: scores.last().copied().map(round1),
        scores: scores.into_iter().map(round1).collect(),
        stack_rows: points.iter().map(|p| p.stack + 1).max().unwrap_or(1),
        points,
        leadership: s.leadership.map(round1),
        frontline: s.frontline.map(round1),
        gap: gap.map(round1),
        credibility_gap: gap.is_some_and(|g| g >= CREDIBILITY_GAP),
        discussion: s.spread.is_some_and(|x| room.disputed(x)),
    }
}

/// The chart's points: each counted score as shown, with its respondent's group, lowest first
/// (leadership before the front line on a shared score), and stacked where scores are equal.
fn points(room: &Room, counted: &[(usize, f64)]) -> Vec<PointView> {
    let group_of = |k: usize| match room.roles[k].1 {
        Some("leadership") => "leadership",
        Some("frontline") => "frontline",
        _ => "other",
    };
    let rank = |g: &str| match g {
        "leadership" => 0,
        "frontline" => 1,
        _ => 2,
    };
    let mut out: Vec<PointView> = counted
        .iter()
        .map(|&(k, score)| PointView {
            score: round1(score),
            group: group_of(k),
            stack: 0,
        })
        .collect();
    out.sort_by(|a, b| {
        a.score
            .total_cmp(&b.score)
            .then(rank(a.group).cmp(&rank(b.group)))
    });
    for k in 1..out.len() {
        if out[k].score == out[k - 1].score {
            out[k].stack = out[k - 1].stack + 1;
        }
    }
    out
}

/// Dimension `d` as a discussion point, when its scores spread enough: each respondent's score,
/// grouped in bands of ten points. With its spread and place, for sorting.
fn dimension_discussion(room: &Room, d: DimensionIx) -> Option<(f64, usize, DiscussionView)> {
    let dim = &room.q.dimensions[d];
    let spread = room.w.dimensions[d].spread.filter(|&x| room.disputed(x))?;
    let counted = room.counted(d);
    let groups = groups(
        counted
            .iter()
            .map(|&(k, score)| (band(round1(score)), Some(room.grouped[k].as_str()), 1)),
    );
    let answers = if room.listed {
        counted
            .iter()
            .map(|&(k, score)| room.given(k, format!("{:.1}", round1(score)), Some(score)))
            .collect()
    } else {
        Vec::new()
    };
    let view = DiscussionView {
        kind: "dimension",
        id: dim.id.clone(),
        text: dim.name.clone(),
        dimension: dim.name.clone(),
        unit: None,
        spread: round1(spread),
        answers,
        line: groups_line(&groups),
        groups,
        number: None,
        appendix: false,
    };
    Some((spread, d.get(), view))
}

/// A question (for one unit, when asked per unit) as a discussion point. With its spread and
/// place, for sorting.
fn question_discussion(room: &Room, qs: &QuestionSpread) -> (f64, usize, DiscussionView) {
    let question = &room.q.questions[qs.question];
    let organization = &room.w.consensus.organization;
    let unit = qs.unit.map(|u| room.w.consensus.units[u].clone());
    let text = match &unit {
        Some(u) if !question.text.contains("{unit}") => {
            format!("{u}: {}", question.text_for(organization, None))
        }
        _ => question.text_for(organization, unit.as_deref()),
    };
    let groups = question_groups(room, question, qs);
    let view = DiscussionView {
        kind: "question",
        id: question.id.clone(),
        text,
        dimension: room.q.dimensions[question.dimension].name.clone(),
        unit,
        spread: round1(qs.spread),
        answers: question_answers(room, question, qs),
        line: groups_line(&groups),
        groups,
        number: None,
        appendix: false,
    };
    (qs.spread, room.q.dimensions.len() + qs.question.get(), view)
}

/// A question's answers grouped: each distinct answer spelled out once, with its respondents
/// counted by role.
fn question_groups(room: &Room, question: &Question, qs: &QuestionSpread) -> Vec<AnswerGroupView> {
    groups(qs.answers.iter().flat_map(|t| {
        let text = answer_text(&question.kind, &t.answer);
        let mut by_role: Vec<(Option<&str>, usize)> = Vec::new();
        for &k in &t.respondents {
            match by_role
                .iter_mut()
                .find(|(role, _)| *role == Some(room.grouped[k].as_str()))
            {
                Some((_, n)) => *n += 1,
                None => by_role.push((Some(room.grouped[k].as_str()), 1)),
            }
        }
        by_role
            .into_iter()
            .map(move |(role, n)| (text.clone(), role, n))
    }))
}

/// Who answered a question what, in respondent order; only in a room small enough to list.
fn question_answers(room: &Room, question: &Question, qs: &QuestionSpread) -> Vec<GivenAnswerView> {
    if !room.listed {
        return Vec::new();
    }
    let mut each: Vec<(usize, &crate::answer::Answer)> = qs
        .answers
        .iter()
        .flat_map(|t| t.respondents.iter().map(move |&k| (k, &t.answer)))
        .collect();
    each.sort_by_key(|(k, _)| *k);
    each.into_iter()
        .map(|(k, a)| {
            let score = crate::score::question_score(&question.kind, a).map(|s| 100.0 * s);
            room.given(k, answer_text(&question.kind, a), score)
        })
        .collect()
}

/// The dimensions where leadership scores at least [`CREDIBILITY_GAP`] above the front line.
fn credibility_gaps(dimensions: &[WorkshopDimensionView]) -> Vec<GapView> {
    dimensions
        .iter()
        .filter(|d| d.credibility_gap)
        .filter_map(|d| {
            Some(GapView {
                id: d.id.clone(),
                name: d.name.clone(),
                leadership: d.leadership?,
                frontline: d.frontline?,
                gap: d.gap?,
            })
        })
        .collect()
}

/// Each respondent's own overall score and level, in respondent order.
fn respondent_results(room: &Room) -> Vec<RespondentResultView> {
    (0..room.w.respondents.len())
        .map(|k| {
            let (role_name, group) = room.roles[k];
            let a = &room.w.respondents[k].assessment;
            RespondentResultView {
                name: room.w.respondents[k].sheet.respondent.name.clone(),
                role_name: role_name.map(str::to_string),
                group: group.map(str::to_string),
                overall: a.overall.map(round1),
                level: room.q.levels[a.level].name.clone(),
            }
        })
        .collect()
}

/// Every workshop unit with how many answered for it and the consensus answer to each of the
/// `unit_questions`.
fn unit_views(
    q: &Questionnaire,
    w: &Workshop,
    unit_questions: &[QuestionIx],
) -> Vec<WorkshopUnitView> {
    UnitIx::enumerate(&w.consensus.units)
        .zip(&w.unit_respondents)
        .map(|((u, name), &respondents)| WorkshopUnitView {
            name: name.clone(),
            respondents,
            answers: unit_questions
                .iter()
                .map(|&i| {
                    w.consensus
                        .answer(i, Some(u))
                        .map(|a| answer_text(&q.questions[i].kind, a))
                })
                .collect(),
        })
        .collect()
}

/// How many respondents answered in each role, with their mean overall score, in the
/// questionnaire's role order (no role last).
fn role_summary(q: &Questionnaire, w: &Workshop) -> Vec<RoleSummaryView> {
    let mut out = Vec::new();
    let ids: Vec<Option<&str>> = q
        .roles
        .iter()
        .map(|r| Some(r.id.as_str()))
        .chain([None])
        .collect();
    for id in ids {
        let members: Vec<&crate::aggregate::Scoresheet> = w
            .respondents
            .iter()
            .filter(|r| match id {
                Some(id) => r.sheet.respondent.role.as_deref() == Some(id),
                None => r
                    .sheet
                    .respondent
                    .role
                    .as_deref()
                    .is_none_or(|x| q.role(x).is_none()),
            })
            .collect();
        if members.is_empty() {
            continue;
        }
        let role = id.and_then(|id| q.role(id));
        let overall: Vec<f64> = members
            .iter()
            .filter_map(|r| r.assessment.overall)
            .collect();
        out.push(RoleSummaryView {
            role_name: role.map_or_else(|| "no role".into(), |r| r.name.clone()),
            group: role.and_then(|r| r.group.clone()),
            count: members.len(),
            overall: crate::aggregate::mean(&overall).map(round1),
        });
    }
    out
}
