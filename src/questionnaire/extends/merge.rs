//! Merges a variant's document into its base's, item by item, at the level of YAML values.
//!
//! The result is an ordinary questionnaire document (validated as any other) and the map of
//! where each of its parts came from ([`Origins`]): the variant (file 0) or the base (file 1).
//! Dimensions, questions, gates, patterns and actions are matched by `id`: one the base has is
//! replaced in place (a dimension field by field, its questions one by one), a new one is added
//! at the end. Any other top-level field the variant gives replaces the base's. `remove` takes
//! items out of the base first.

use std::collections::HashMap;

use serde_yaml::{Mapping, Value};

use crate::source::{Report, index_path, key_path};

/// The variant, in [`crate::source::Origins::files`].
pub const VARIANT: usize = 0;
/// The base.
pub const BASE: usize = 1;

/// Where a part came from: the file and the path there.
type From = (usize, String);

/// The kinds of item `remove` takes, in the order they are listed in messages.
pub const KINDS: [&str; 5] = ["dimensions", "questions", "gates", "patterns", "actions"];

/// The lists merged by id, besides the dimensions.
const LISTS: [&str; 3] = ["gates", "patterns", "actions"];

/// An item of the merged document and where it came from.
struct Part {
    value: Value,
    from: From,
}

/// A dimension of the merged document: its fields (questions aside), which of them the variant
/// gave, and its questions.
struct Dim {
    part: Part,
    fields: Vec<(String, From)>,
    questions: Vec<Part>,
    questions_from: From,
}

/// An id the variant removed: its kind (`questions`), the id, and where `remove` names it.
#[derive(Debug, Clone)]
pub struct Removed {
    pub kind: &'static str,
    pub id: String,
    pub path: String,
}

/// The merged document, where its parts came from, and what was removed.
pub struct Merged {
    pub value: Value,
    pub parts: HashMap<String, (usize, String)>,
    pub removed: Vec<Removed>,
}

fn id_of(v: &Value) -> Option<&str> {
    v.get("id").and_then(Value::as_str)
}

fn seq(v: Option<&Value>) -> &[Value] {
    v.and_then(Value::as_sequence).map_or(&[], Vec::as_slice)
}

/// Merges `variant` (its `extends` and `remove` dropped) into `base`; errors in the variant are
/// reported to `r`, which reads the variant's file.
pub fn merge(r: &mut Report, variant: &Mapping, base: &Mapping) -> Merged {
    let mut dims = base_dimensions(base);
    let mut lists: Vec<Vec<Part>> = LISTS.iter().map(|k| base_parts(base.get(*k), k)).collect();
    let removed = remove(r, variant.get("remove"), &mut dims, &mut lists);
    let removed_ids = |kind: &str| -> Vec<&str> {
        removed
            .iter()
            .filter(|x| x.kind == kind)
            .map(|x| x.id.as_str())
            .collect()
    };
    if let Some(given) = variant.get("dimensions") {
        merge_dimensions(r, given, &mut dims, &removed_ids("questions"));
    }
    for (list, kind) in lists.iter_mut().zip(LISTS) {
        if let Some(given) = variant.get(kind) {
            merge_list(r, given, kind, list, &removed_ids(kind));
        }
    }
    let mut out = Merged {
        value: Value::Null,
        parts: HashMap::from([(String::new(), (VARIANT, String::new()))]),
        removed: Vec::new(),
    };
    out.value = Value::Mapping(top(variant, base, dims, lists, &mut out.parts));
    out.removed = removed;
    out
}

/// The base's dimensions as parts.
fn base_dimensions(base: &Mapping) -> Vec<Dim> {
    seq(base.get("dimensions"))
        .iter()
        .enumerate()
        .map(|(d, v)| {
            let path = index_path("dimensions", d);
            let questions_path = key_path(&path, "questions");
            let mut value = v.clone();
            let questions = match value.as_mapping_mut().and_then(|m| m.remove("questions")) {
                Some(q) => base_parts(Some(&q), &questions_path),
                None => Vec::new(),
            };
            Dim {
                part: Part {
                    value,
                    from: (BASE, path),
                },
                fields: Vec::new(),
                questions,
                questions_from: (BASE, questions_path),
            }
        })
        .collect()
}

/// The items of a base list at `path`, as parts.
fn base_parts(list: Option<&Value>, path: &str) -> Vec<Part> {
    seq(list)
        .iter()
        .enumerate()
        .map(|(i, v)| Part {
            value: v.clone(),
            from: (BASE, index_path(path, i)),
        })
        .collect()
}

/// Applies `remove`, reporting what it names that the base does not have.
fn remove(
    r: &mut Report,
    given: Option<&Value>,
    dims: &mut Vec<Dim>,
    lists: &mut [Vec<Part>],
) -> Vec<Removed> {
    let Some(given) = given else {
        return Vec::new();
    };
    let Some(map) = given.as_mapping() else {
        r.error("remove", format!("`remove` is a mapping of lists of ids, such as `remove: {{questions: [some_question]}}`; it may name {}", KINDS.join(", ")));
        return Vec::new();
    };
    let mut removed = Vec::new();
    for (key, ids) in map {
        let name = key.as_str().unwrap_or_default();
        let Some(kind) = KINDS.iter().find(|k| **k == name) else {
            let hint = crate::error::hint(name, KINDS);
            r.error_key(
                &key_path("remove", name),
                format!("`remove` cannot take `{name}`{hint}"),
            );
            continue;
        };
        let at = key_path("remove", kind);
        let Some(ids) = ids.as_sequence() else {
            r.error(
                &at,
                format!(
                    "`remove.{kind}` is a list of ids, such as `[{}]`",
                    example(kind)
                ),
            );
            continue;
        };
        for (i, id) in ids.iter().enumerate() {
            let path = index_path(&at, i);
            let Some(id) = id.as_str() else {
                r.error(&path, "an id to remove is a word such as `easy_to_buy`");
                continue;
            };
            if take(r, kind, id, &path, dims, lists) {
                removed.push(Removed {
                    kind,
                    id: id.to_string(),
                    path,
                });
            }
        }
    }
    removed
}

fn example(kind: &str) -> &'static str {
    match kind {
        "dimensions" => "governance",
        "questions" => "easy_to_buy",
        "gates" => "no_owner",
        "patterns" => "broadcast_only",
        _ => "name_an_owner",
    }
}

/// Takes the item `id` of `kind` out of the base; reports and returns false when there is none.
fn take(
    r: &mut Report,
    kind: &str,
    id: &str,
    path: &str,
    dims: &mut Vec<Dim>,
    lists: &mut [Vec<Part>],
) -> bool {
    let found = match kind {
        "dimensions" => dims
            .iter()
            .position(|d| id_of(&d.part.value) == Some(id))
            .map(|k| drop(dims.remove(k))),
        "questions" => dims.iter_mut().find_map(|d| {
            let k = d
                .questions
                .iter()
                .position(|q| id_of(&q.value) == Some(id))?;
            d.questions.remove(k);
            Some(())
        }),
        _ => {
            let list = &mut lists[LISTS.iter().position(|k| *k == kind).unwrap_or(0)];
            list.iter()
                .position(|x| id_of(&x.value) == Some(id))
                .map(|k| drop(list.remove(k)))
        }
    };
    if found.is_none() {
        let known: Vec<String> = match kind {
            "dimensions" => dims
                .iter()
                .filter_map(|d| id_of(&d.part.value))
                .map(str::to_string)
                .collect(),
            "questions" => dims
                .iter()
                .flat_map(|d| d.questions.iter().filter_map(|q| id_of(&q.value)))
                .map(str::to_string)
                .collect(),
            _ => lists[LISTS.iter().position(|k| *k == kind).unwrap_or(0)]
                .iter()
                .filter_map(|x| id_of(&x.value))
                .map(str::to_string)
                .collect(),
        };
        let hint = r.hint(id, known.iter().map(String::as_str));
        let what = kind.trim_end_matches('s');
        r.error(
            path,
            format!("the base has no {what} `{id}` to remove{hint}"),
        );
    }
    found.is_some()
}

/// Reports an item the variant both removes and gives.
fn removed_and_given(r: &mut Report, path: &str, id: &str, removed: &[&str]) -> bool {
    let clash = removed.contains(&id);
    if clash {
        r.error(
            &key_path(path, "id"),
            format!("`{id}` is both removed (under `remove`) and given here; to change it, give it here and drop it from `remove`"),
        );
    }
    clash
}

/// Merges the variant's dimensions: fields of a base dimension replaced one by one, its
/// questions by id; a new dimension added at the end.
fn merge_dimensions(r: &mut Report, given: &Value, dims: &mut Vec<Dim>, removed: &[&str]) {
    let Some(given) = given.as_sequence() else {
        r.error(
            "dimensions",
            "`dimensions` is a list of dimensions, each with an `id`",
        );
        return;
    };
    for (j, v) in given.iter().enumerate() {
        let path = index_path("dimensions", j);
        let k = match id_of(v)
            .and_then(|id| dims.iter().position(|d| id_of(&d.part.value) == Some(id)))
        {
            Some(k) => k,
            None => {
                dims.push(Dim {
                    part: Part {
                        value: Value::Mapping(Mapping::new()),
                        from: (VARIANT, path.clone()),
                    },
                    fields: Vec::new(),
                    questions: Vec::new(),
                    questions_from: (VARIANT, key_path(&path, "questions")),
                });
                dims.len() - 1
            }
        };
        let Some(fields) = v.as_mapping() else {
            dims[k].part.value = v.clone();
            continue;
        };
        for (key, value) in fields {
            let name = key.as_str().unwrap_or_default();
            if name == "questions" {
                continue;
            }
            if let Some(m) = dims[k].part.value.as_mapping_mut() {
                m.insert(key.clone(), value.clone());
            }
            dims[k]
                .fields
                .push((name.to_string(), (VARIANT, key_path(&path, name))));
        }
        if let Some(questions) = fields.get("questions") {
            merge_questions(r, questions, &path, k, dims, removed);
        }
    }
}

/// Merges the questions the variant gives under its dimension at `path` (merged dimension `k`):
/// a question of that dimension is replaced in place, one of another dimension moved here, a new
/// one added at the end.
fn merge_questions(
    r: &mut Report,
    given: &Value,
    path: &str,
    k: usize,
    dims: &mut [Dim],
    removed: &[&str],
) {
    let at = key_path(path, "questions");
    let Some(given) = given.as_sequence() else {
        r.error(&at, "`questions` is a list of questions, each with an `id`");
        return;
    };
    if dims[k].questions.is_empty() {
        dims[k].questions_from = (VARIANT, at.clone());
    }
    for (i, v) in given.iter().enumerate() {
        let mut part = Part {
            value: v.clone(),
            from: (VARIANT, index_path(&at, i)),
        };
        let after = part.value.as_mapping_mut().and_then(|m| m.remove("after"));
        let id = id_of(v);
        if id.is_some_and(|id| removed_and_given(r, &part.from.1, id, removed)) {
            continue;
        }
        place_question(part, k, dims);
        if let Some(after) = after {
            let at = key_path(&index_path(&at, i), "after");
            move_after(r, &at, &after, id, &mut dims[k].questions);
        }
    }
}

/// Places a question the variant gives in merged dimension `k`: in place of the base's question
/// of that id, else at the end (taken out of any other dimension of the base).
fn place_question(part: Part, k: usize, dims: &mut [Dim]) {
    let id = id_of(&part.value).map(str::to_string);
    let id = id.as_deref();
    let here = id.and_then(|id| {
        dims[k]
            .questions
            .iter()
            .position(|q| id_of(&q.value) == Some(id))
    });
    if let Some(n) = here.filter(|&n| dims[k].questions[n].from.0 == BASE) {
        dims[k].questions[n] = part;
        return;
    }
    for (d, dim) in dims.iter_mut().enumerate() {
        if d != k {
            dim.questions
                .retain(|q| q.from.0 != BASE || id.is_none() || id_of(&q.value) != id);
        }
    }
    dims[k].questions.push(part);
}

/// Moves the question `id`, just placed, to right after the question `after` names in the same
/// dimension (`after: other_question`).
fn move_after(
    r: &mut Report,
    at: &str,
    after: &Value,
    id: Option<&str>,
    questions: &mut Vec<Part>,
) {
    let Some(target) = after.as_str() else {
        r.error(
            at,
            "`after` names one question of this dimension, such as `after: fridge`",
        );
        return;
    };
    let from = questions
        .iter()
        .rposition(|q| q.from.0 == VARIANT && id_of(&q.value) == id);
    let to = questions
        .iter()
        .position(|q| id_of(&q.value) == Some(target));
    match (from, to) {
        (Some(f), Some(t)) if f != t => {
            let q = questions.remove(f);
            let t = if t > f { t } else { t + 1 };
            questions.insert(t, q);
        }
        (Some(_), Some(_)) => r.error(at, "a question cannot come after itself"),
        _ => {
            let known: Vec<&str> = questions.iter().filter_map(|q| id_of(&q.value)).collect();
            let hint = crate::error::hint(target, known);
            r.error(
                at,
                format!("`after`: this dimension has no question `{target}`{hint}"),
            );
        }
    }
}

/// Merges a list of gates, patterns or actions by id.
fn merge_list(r: &mut Report, given: &Value, kind: &str, list: &mut Vec<Part>, removed: &[&str]) {
    let Some(given) = given.as_sequence() else {
        r.error(kind, format!("`{kind}` is a list, each item with an `id`"));
        return;
    };
    for (i, v) in given.iter().enumerate() {
        let part = Part {
            value: v.clone(),
            from: (VARIANT, index_path(kind, i)),
        };
        let id = id_of(v);
        if id.is_some_and(|id| removed_and_given(r, &part.from.1, id, removed)) {
            continue;
        }
        let base = id.and_then(|id| {
            list.iter()
                .position(|x| x.from.0 == BASE && id_of(&x.value) == Some(id))
        });
        match base {
            Some(n) => list[n] = part,
            None => list.push(part),
        }
    }
}

/// The merged top-level mapping: the base's fields in their order, each replaced by the
/// variant's when it gives one, then the variant's new fields; the lists merged.
fn top(
    variant: &Mapping,
    base: &Mapping,
    dims: Vec<Dim>,
    lists: Vec<Vec<Part>>,
    parts: &mut HashMap<String, (usize, String)>,
) -> Mapping {
    let mut out = Mapping::new();
    let keys = base
        .keys()
        .chain(variant.keys().filter(|k| !base.contains_key(*k)));
    let mut lists: HashMap<&str, Vec<Part>> = LISTS.into_iter().zip(lists).collect();
    let mut dims = Some(dims);
    for key in keys.cloned().collect::<Vec<_>>() {
        let name = key.as_str().unwrap_or_default().to_string();
        if name == "extends" || name == "remove" {
            continue;
        }
        let file = if variant.contains_key(&key) {
            VARIANT
        } else {
            BASE
        };
        parts.insert(name.clone(), (file, name.clone()));
        let value = if name == "dimensions" {
            emit_dimensions(dims.take().unwrap_or_default(), parts)
        } else if let Some(list) = lists.remove(name.as_str()) {
            Value::Sequence(emit(list, &name, parts))
        } else {
            let from = if file == VARIANT { variant } else { base };
            from.get(&key).cloned().unwrap_or(Value::Null)
        };
        out.insert(key, value);
    }
    out
}

/// A list of parts as values, each placed in `parts` under `path[i]`.
fn emit(list: Vec<Part>, path: &str, parts: &mut HashMap<String, (usize, String)>) -> Vec<Value> {
    list.into_iter()
        .enumerate()
        .map(|(i, p)| {
            parts.insert(index_path(path, i), p.from);
            p.value
        })
        .collect()
}

fn emit_dimensions(dims: Vec<Dim>, parts: &mut HashMap<String, (usize, String)>) -> Value {
    let mut out = Vec::new();
    for (d, dim) in dims.into_iter().enumerate() {
        let path = index_path("dimensions", d);
        parts.insert(path.clone(), dim.part.from);
        for (name, from) in dim.fields {
            parts.insert(key_path(&path, &name), from);
        }
        let at = key_path(&path, "questions");
        parts.insert(at.clone(), dim.questions_from);
        let questions = Value::Sequence(emit(dim.questions, &at, parts));
        let mut value = dim.part.value;
        if let Some(m) = value.as_mapping_mut() {
            m.insert("questions".into(), questions);
        }
        out.push(value);
    }
    Value::Sequence(out)
}
