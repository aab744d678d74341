//! Turns a raw questionnaire into the validated model, reporting every problem at once.

use std::collections::{HashMap, HashSet};

use super::checks::{check_id, finite, is_id, items, suggest_id};
use super::questions::{ShowIf, dimensions};
use super::raw::{RawAction, RawQuestionnaire};
use super::*;
use crate::condition::{self, Condition, Expr, Scope};
use crate::error::{Diagnostic, hint};
use crate::source::{Report, Source, index_path, key_path};

/// Validates a questionnaire's document, read from `src` (or merged, with `src` placing its
/// parts). Returns it only when there is no error; the diagnostics (warnings included) come back
/// either way.
pub(super) fn load_value(
    src: &Source,
    value: serde_yaml::Value,
) -> (Option<Questionnaire>, Vec<Diagnostic>) {
    let mut r = Report::new(src);
    let q = build(&mut r, value);
    let ok = !r.has_errors();
    (q.filter(|_| ok), r.diagnostics)
}

/// A condition as quoted in a message: whole when short, else its start.
fn excerpt(text: &str) -> String {
    const MAX: usize = 80;
    match text.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

fn build(r: &mut Report, value: serde_yaml::Value) -> Option<Questionnaire> {
    let format = value
        .get("format")
        .and_then(|f| f.as_str())
        .unwrap_or_default()
        .to_string();
    if format != FORMAT {
        let hint = match format.as_str() {
            "" => format!("add `format: {FORMAT}` as the first line"),
            f if f.starts_with("leapcheck/answers") => {
                "this is an answer sheet, not a questionnaire".to_string()
            }
            _ => format!("write `format: {FORMAT}`"),
        };
        r.error(
            "format",
            format!("not a leapcheck questionnaire (format `{format}`); {hint}"),
        );
        return None;
    }
    let content_hash = super::content_hash(&value);
    let raw = raw(r, value)?;
    let mut q = Questionnaire {
        id: raw.id.clone(),
        version: raw.version.clone(),
        title: raw.title.clone(),
        description: raw.description.clone(),
        disagreement_threshold: raw.disagreement_threshold.unwrap_or(15.0),
        max_per_phase: raw
            .plan
            .max_per_phase
            .map_or(DEFAULT_MAX_PER_PHASE, |n| n.clamp(1, 1000) as usize),
        effort_labels: (raw.plan.effort.clone()).and_then(|e| <[String; 3]>::try_from(e).ok()),
        content_hash,
        roles: Vec::new(),
        suggested_units: raw.units.suggested.clone(),
        levels: Vec::new(),
        dimensions: Vec::new(),
        questions: Vec::new(),
        gates: Vec::new(),
        patterns: Vec::new(),
        actions: Vec::new(),
        references: (raw.references.iter())
            .map(|r| (r.key.clone(), r.cite.clone()))
            .collect(),
        question_ids: Default::default(),
        show_if_order: Vec::new(),
    };
    for (name, value) in [
        ("id", &raw.id),
        ("version", &raw.version),
        ("title", &raw.title),
    ] {
        if value.trim().is_empty() {
            r.error_key(name, format!("missing field `{name}`; add `{name}: …`"));
        }
    }
    if !raw.id.is_empty() && !is_id(&raw.id) {
        r.error("id", format!("questionnaire id `{}` is not valid; use lowercase letters, digits and `_` (e.g. `{}`)", raw.id, suggest_id(&raw.id)));
    }
    if raw.version.contains(['@', ' ']) {
        r.error(
            "version",
            format!(
                "version `{}` is not valid; write a version such as `1.0.0`",
                raw.version
            ),
        );
    }
    if q.disagreement_threshold <= 0.0 || !q.disagreement_threshold.is_finite() {
        r.error(
            "disagreement_threshold",
            "disagreement_threshold must be a positive number of points, such as 15",
        );
    }
    if let Some(n) = raw.plan.max_per_phase.filter(|n| !(1..=1000).contains(n)) {
        let at = key_path("plan", "max_per_phase");
        r.error(
            &at,
            format!("`max_per_phase` is a whole number from 1 to 1000, not {n}"),
        );
    }
    if let Some(e) = raw.plan.effort.as_ref().filter(|e| e.len() != 3) {
        r.error(
            &key_path("plan", "effort"),
            format!(
                "`effort` names what efforts 1, 2 and 3 mean: three labels, not {}",
                e.len()
            ),
        );
    }
    roles(r, &raw, &mut q);
    levels(r, &raw, &mut q);
    let scales = scales(r, &raw);
    let pending = dimensions(r, &raw, &scales, &mut q);
    question_roles(r, &raw, &q);
    for (i, question) in QuestionIx::enumerate(&q.questions) {
        q.question_ids.entry(question.id.clone()).or_insert(i);
    }
    show_ifs(r, pending, &mut q);
    q.show_if_order = super::show_if_order(&q);
    gates_and_patterns(r, &raw, &mut q);
    actions(r, &raw, &mut q);
    Some(q)
}

/// The document as the file's structs. From the value already parsed; the text is parsed again
/// only to place an error (a merged document has no text of its own: its error is placed by the
/// path of what failed).
fn raw(r: &mut Report, value: serde_yaml::Value) -> Option<RawQuestionnaire> {
    if r.src.is_merged() {
        serde_path_to_error::deserialize(value)
            .map_err(|e| {
                let path = e.path().to_string();
                let message = e.into_inner().to_string();
                // An unknown field is looked for below the mapping that holds it.
                let path = match path.rsplit_once('.') {
                    _ if path == "." => String::new(),
                    Some((up, _)) if message.contains("unknown field") => up.to_string(),
                    None if message.contains("unknown field") => String::new(),
                    _ => path,
                };
                let field = String::new();
                r.item_error(
                    &path,
                    &crate::source::ItemError {
                        field,
                        message,
                        id: None,
                    },
                );
            })
            .ok()
    } else {
        match serde_yaml::from_value(value) {
            Ok(raw) => Some(raw),
            Err(_) => r.deserialize(),
        }
    }
}

fn roles(r: &mut Report, raw: &RawQuestionnaire, q: &mut Questionnaire) {
    let mut seen = HashMap::new();
    for (path, role) in items(r, "roles", &raw.roles) {
        check_id(r, &key_path(&path, "id"), &role.id, "role", &mut seen);
        q.roles.push(Role {
            id: role.id.clone(),
            name: role.name.clone(),
            group: role.group.clone(),
        });
    }
}

/// Reports each role a question names that the questionnaire does not define.
fn question_roles(r: &mut Report, raw: &RawQuestionnaire, q: &Questionnaire) {
    // Broken items were reported when the dimensions were read.
    for (d, dim) in raw.dimensions.iter().enumerate() {
        let Ok(dim) = &dim.0 else { continue };
        let at = key_path(&index_path("dimensions", d), "questions");
        for (k, question) in dim.questions.iter().enumerate() {
            let Ok(question) = &question.0 else { continue };
            for (i, role) in question.roles.iter().enumerate() {
                if q.role(role).is_none() {
                    let hint = r.hint(role, q.roles.iter().map(|x| x.id.as_str()));
                    let path = index_path(&key_path(&index_path(&at, k), "roles"), i);
                    r.error(
                        &path,
                        format!("`{role}` is not a role of this questionnaire{hint}"),
                    );
                }
            }
        }
    }
}

/// The most actions a phase holds unless the questionnaire says otherwise (a client can start on
/// five things, not eleven).
const DEFAULT_MAX_PER_PHASE: usize = 5;

fn levels(r: &mut Report, raw: &RawQuestionnaire, q: &mut Questionnaire) {
    let mut seen = HashMap::new();
    if raw.levels.is_empty() {
        r.error(
            "levels",
            "the questionnaire has no levels; add at least one, the first with `min_score: 0`",
        );
    }
    for (i, (path, level)) in items(r, "levels", &raw.levels).into_iter().enumerate() {
        check_id(r, &key_path(&path, "id"), &level.id, "level", &mut seen);
        let min = level.min_score;
        if i == 0 && min != 0.0 {
            r.error(&key_path(&path, "min_score"), format!("the first level must start at `min_score: 0`, not {min}, so every score has a level"));
        }
        if !(0.0..=100.0).contains(&min) {
            r.error(
                &key_path(&path, "min_score"),
                format!("min_score {min} is outside 0..100; scores run from 0 to 100"),
            );
        }
        if let Some(prev) = q.levels.last()
            && min <= prev.min_score
        {
            r.error(
                &key_path(&path, "min_score"),
                format!("levels must ascend: min_score {min} is not above the previous level's {}; list levels from lowest to highest", prev.min_score),
            );
        }
        q.levels.push(Level {
            id: level.id.clone(),
            name: level.name.clone(),
            min_score: min,
            summary: level.summary.clone(),
            source: level.source.clone(),
        });
    }
}

fn scales(r: &mut Report, raw: &RawQuestionnaire) -> HashMap<String, Vec<ScalePoint>> {
    let mut out = HashMap::new();
    for (name, points) in &raw.scales {
        let path = key_path("scales", name);
        let mut list: Vec<ScalePoint> = Vec::new();
        for (p, point) in items(r, &path, points) {
            if let Some(prev) = list.last()
                && point.value <= prev.value
            {
                r.error(
                    &key_path(&p, "value"),
                    format!(
                        "scale values must ascend: {} is not above {}",
                        point.value, prev.value
                    ),
                );
            }
            finite(r, &key_path(&p, "value"), point.value);
            list.push(ScalePoint {
                value: point.value,
                label: point.label.clone(),
            });
        }
        if points.len() == 1 {
            r.error(
                &path,
                format!("scale `{name}` needs at least two points (its lowest and highest value)"),
            );
        }
        if points.is_empty() {
            r.error(
                &path,
                format!("scale `{name}` has no points; add `- {{ value: 0, label: … }}` entries"),
            );
        }
        out.insert(name.clone(), list);
    }
    out
}

/// Parses and checks one condition, reporting problems at their column.
fn condition(
    r: &mut Report,
    q: &Questionnaire,
    path: &str,
    text: &str,
    scope: Scope,
) -> Option<Condition> {
    let checked = condition::parse(text).and_then(|node| condition::check(&node, q, scope));
    match checked {
        Ok(expr) => Some(Condition {
            text: text.to_string(),
            expr,
        }),
        // A question that failed to load was reported already; don't report its uses too.
        Err(e)
            if e.unknown_question
                .as_ref()
                .is_some_and(|id| r.broken_ids.contains(id)) =>
        {
            None
        }
        Err(e) => {
            // A checker names the nearest question only among a few (see `Checker::short_hint`).
            let hint = match &e.unknown_question {
                Some(id) if q.questions.len() > crate::error::SHORT_LIST => {
                    r.hint(id, q.questions.iter().map(|q| q.id.as_str()))
                }
                _ => String::new(),
            };
            r.error_in_string(
                path,
                text,
                e.offset,
                format!("in condition `{}`: {}{hint}", excerpt(text), e.message),
            );
            None
        }
    }
}

/// Checks every question's `show_if` now that all questions are known, and that they depend on
/// one another without a cycle.
fn show_ifs(r: &mut Report, pending: Vec<ShowIf>, q: &mut Questionnaire) {
    let mut deps: Vec<Vec<usize>> = vec![Vec::new(); q.questions.len()];
    let mut paths: HashMap<QuestionIx, String> = HashMap::new();
    for ShowIf {
        question: i,
        path,
        text,
    } in pending
    {
        let id = q.questions[i].id.clone();
        let scope = Scope {
            scores: false,
            unit: q.questions[i].per_unit,
        };
        let cond = condition(r, q, &path, &text, scope);
        paths.insert(i, path.clone());
        if let Some(cond) = cond {
            let mut refs = Vec::new();
            cond.expr.questions(&mut refs);
            if refs.contains(&i) {
                r.error(&path, format!("question `{id}` is shown only if it is answered itself; its show_if must depend on other questions"));
            } else {
                deps[i.get()] = refs.iter().map(|dep| dep.get()).collect();
                q.questions[i].show_if = Some(cond);
            }
        }
    }
    // Cycles among show_if dependencies (self references are reported above).
    for cycle in cycles(&deps) {
        let names: Vec<&str> = cycle.iter().map(|&i| q.questions[i].id.as_str()).collect();
        let path = paths
            .get(&QuestionIx::new(cycle[0]))
            .cloned()
            .unwrap_or_default();
        r.error(
            &path,
            format!(
                "show_if conditions form a cycle: {} → {}; one of them must not depend on the others",
                names.join(" → "),
                names[0]
            ),
        );
    }
}

/// Every distinct cycle in a dependency graph (`deps[i]` lists what `i` depends on), each once.
/// Iterative, so a chain of any length cannot overflow the stack.
fn cycles(deps: &[Vec<usize>]) -> Vec<Vec<usize>> {
    let mut state = vec![0u8; deps.len()]; // 0 new, 1 on the path, 2 done
    let mut found: Vec<Vec<usize>> = Vec::new();
    for start in 0..deps.len() {
        if state[start] != 0 {
            continue;
        }
        state[start] = 1;
        let mut path: Vec<(usize, usize)> = vec![(start, 0)];
        while let Some(&mut (node, ref mut next)) = path.last_mut() {
            if let Some(&dep) = deps[node].get(*next) {
                *next += 1;
                match state[dep] {
                    0 => {
                        state[dep] = 1;
                        path.push((dep, 0));
                    }
                    1 => {
                        let pos = path.iter().position(|&(n, _)| n == dep).unwrap_or(0);
                        found.push(path[pos..].iter().map(|&(n, _)| n).collect());
                    }
                    _ => {}
                }
            } else {
                state[node] = 2;
                path.pop();
            }
        }
    }
    let mut seen = HashSet::new();
    found.retain(|c| {
        let mut key = c.clone();
        key.sort_unstable();
        seen.insert(key)
    });
    found
}

fn when_scope() -> Scope {
    Scope {
        scores: true,
        unit: false,
    }
}

fn gates_and_patterns(r: &mut Report, raw: &RawQuestionnaire, q: &mut Questionnaire) {
    let mut seen = HashMap::new();
    let mut gates = Vec::new();
    for (path, g) in items(r, "gates", &raw.gates) {
        check_id(r, &key_path(&path, "id"), &g.id, "gate", &mut seen);
        let when = condition(r, q, &key_path(&path, "when"), &g.when, when_scope());
        let level = q.level_index(&g.max_level);
        if level.is_none() {
            let ids: Vec<&str> = q.levels.iter().map(|l| l.id.as_str()).collect();
            r.error(
                &key_path(&path, "max_level"),
                format!(
                    "`{}` is not a level{}",
                    g.max_level,
                    hint(&g.max_level, ids)
                ),
            );
        }
        // A broken gate is kept (the load fails anyway) so that `clears` still resolves.
        let (when, max_level) = (when.unwrap_or_else(always), level.unwrap_or_default());
        gates.push(Gate {
            id: g.id.clone(),
            title: gate_title(g),
            when,
            max_level,
            reason: g.reason.clone(),
            source: g.source.clone(),
        });
    }
    let mut seen = HashMap::new();
    let mut patterns = Vec::new();
    for (path, p) in items(r, "patterns", &raw.patterns) {
        check_id(r, &key_path(&path, "id"), &p.id, "pattern", &mut seen);
        if let Some(when) = condition(r, q, &key_path(&path, "when"), &p.when, when_scope()) {
            patterns.push(Pattern {
                id: p.id.clone(),
                name: p.name.clone(),
                when,
                description: p.description.clone(),
                actions: Vec::new(),
                source: p.source.clone(),
            });
        }
    }
    q.gates = gates;
    q.patterns = patterns;
}

fn actions(r: &mut Report, raw: &RawQuestionnaire, q: &mut Questionnaire) {
    let mut seen = HashMap::new();
    let listed = items(r, "actions", &raw.actions);
    let ids: Vec<&str> = listed.iter().map(|(_, a)| a.id.as_str()).collect();
    let mut index: HashMap<&str, ActionIx> = HashMap::new();
    for (i, id) in ActionIx::enumerate(&ids) {
        index.entry(id).or_insert(i);
    }
    let mut out = Vec::new();
    for (path, a) in &listed {
        check_id(r, &key_path(path, "id"), &a.id, "action", &mut seen);
        out.push(action(r, q, path, a, (&ids, &index)));
    }
    // `after` cycles (indices are only meaningful when every action deserialized).
    if listed.len() == raw.actions.len() {
        let deps: Vec<Vec<usize>> = out
            .iter()
            .map(|a| a.after.iter().map(|dep| dep.get()).collect())
            .collect();
        for cycle in cycles(&deps) {
            let names: Vec<&str> = cycle.iter().map(|&i| out[i].id.as_str()).collect();
            r.error(
                &key_path(&listed[cycle[0]].0, "after"),
                format!(
                    "`after` lists form a cycle: {} → {}; remove one of these dependencies",
                    names.join(" → "),
                    names[0]
                ),
            );
        }
    }
    q.actions = out;
    pattern_actions(r, raw, q);
}

/// Resolves each pattern's `actions` to the questionnaire's actions.
fn pattern_actions(r: &mut Report, raw: &RawQuestionnaire, q: &mut Questionnaire) {
    // Broken items were reported when the patterns were read.
    for (n, item) in raw.patterns.iter().enumerate() {
        let (Ok(p), path) = (&item.0, index_path("patterns", n)) else {
            continue;
        };
        let Some(k) = q.patterns.iter().position(|x| x.id == p.id) else {
            continue;
        };
        for (i, id) in p.actions.iter().enumerate() {
            match ActionIx::position(&q.actions, |a| &a.id == id) {
                Some(a) => q.patterns[k].actions.push(a),
                None => {
                    let hint = r.hint(id, q.actions.iter().map(|a| a.id.as_str()));
                    let at = index_path(&key_path(&path, "actions"), i);
                    r.error(&at, format!("`{id}` is not an action{hint}"));
                }
            }
        }
    }
}

/// Validates one action. A broken action is still returned (the load fails anyway) so that
/// indices in `after` stay aligned.
fn action(
    r: &mut Report,
    q: &Questionnaire,
    path: &str,
    a: &RawAction,
    (ids, index): (&[&str], &HashMap<&str, ActionIx>),
) -> Action {
    let field = |name: &str| key_path(path, name);
    let dimension = DimensionIx::position(&q.dimensions, |d| d.id == a.dimension);
    if dimension.is_none() {
        r.error(
            &field("dimension"),
            format!(
                "`{}` is not a dimension{}",
                a.dimension,
                hint(&a.dimension, q.dimensions.iter().map(|d| d.id.as_str()))
            ),
        );
    }
    for (name, value) in [("impact", a.impact), ("effort", a.effort)] {
        if !(1..=3).contains(&value) {
            r.error(
                &field(name),
                format!("`{name}` is a whole number from 1 to 3, not {value}"),
            );
        }
    }
    let phase = match &a.phase {
        None => None,
        Some(p) => match Phase::ALL.iter().find(|(id, _)| id == p) {
            Some((_, phase)) => Some(*phase),
            None => {
                r.error(
                    &field("phase"),
                    format!(
                        "`{p}` is not a phase{}",
                        hint(p, Phase::ALL.map(|(id, _)| id))
                    ),
                );
                None
            }
        },
    };
    let mut after = Vec::new();
    for (i, dep) in a.after.iter().enumerate() {
        let p = index_path(&field("after"), i);
        match index.get(dep.as_str()).copied() {
            Some(_) if dep == &a.id => r.error(
                &p,
                format!("action `{dep}` cannot come after itself; remove it from `after`"),
            ),
            Some(j) => after.push(j),
            None => {
                let hint = r.hint(dep, ids.iter().copied());
                r.error(&p, format!("`{dep}` is not an action{hint}"));
            }
        }
    }
    let mut clears = Vec::new();
    for (i, gate) in a.clears.iter().enumerate() {
        match GateIx::position(&q.gates, |g| &g.id == gate) {
            Some(g) => clears.push(g),
            None => {
                let hint = r.hint(gate, q.gates.iter().map(|g| g.id.as_str()));
                r.error(
                    &index_path(&field("clears"), i),
                    format!("`{gate}` is not a gate{hint}"),
                );
            }
        }
    }
    let when = a
        .when
        .as_ref()
        .and_then(|text| condition(r, q, &field("when"), text, when_scope()));
    Action {
        id: a.id.clone(),
        title: a.title.clone(),
        dimension: dimension.unwrap_or_default(),
        when,
        impact: a.impact.clamp(1, 3) as u8,
        effort: a.effort.clamp(1, 3) as u8,
        phase,
        after,
        clears,
        owner: a.owner.clone(),
        steps: a.steps.clone(),
        measure: a.measure.clone(),
        why: a.why.clone(),
        source: a.source.clone(),
        raises: super::raises::raises(r, q, &field("raises"), &a.raises),
    }
}

/// The always-true condition, standing in for one that failed to load.
fn always() -> Condition {
    Condition {
        text: "true".into(),
        expr: Expr::Const(true),
    }
}

/// A gate's title for readers: its `title`, else the first sentence of its reason, else its
/// id in words.
fn gate_title(g: &super::raw::RawGate) -> String {
    if let Some(t) = g.title.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        return t.to_string();
    }
    let reason = g.reason.trim();
    let first = reason.find(". ").map_or(reason, |end| &reason[..end]);
    let first = first.trim_end_matches('.');
    if first.is_empty() {
        g.id.replace('_', " ")
    } else {
        first.to_string()
    }
}
