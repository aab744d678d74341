//! Questionnaires that extend another (`extends: social_media_readiness@2.0.0`, or a path): the
//! base is found, merged with the variant ([`merge`]) into one document, and that document is
//! validated like any questionnaire. Errors are placed in the file each part came from.
//!
//! Finding a built-in base is pure; reading a file base is left to the caller, who passes a
//! [`Bases`] that can read files (the commands) or cannot (the plain [`load`]).

mod merge;
mod removed;
mod starter;

pub use starter::starter;

use std::path::{Component, Path, PathBuf};

use serde_yaml::Value;

use super::Questionnaire;
use crate::builtin::{self, Builtin};
use crate::error::{Diagnostic, Severity};
use crate::source::{Origins, Report, Source};

/// How many files a chain of variants may pass through before it is refused.
pub const MAX_CHAIN: usize = 8;

/// Where bases are looked for: the built-ins, and a reader of files (by a path already joined
/// onto the directory of the file that names it). The reader returns the file's source, or why
/// it could not be read.
pub struct Bases<'a> {
    pub builtins: &'a [Builtin],
    pub read: &'a dyn Fn(&Path) -> Result<Source, String>,
}

impl Bases<'_> {
    /// The built-ins, and no files.
    pub fn builtin_only() -> Bases<'static> {
        Bases {
            builtins: builtin::QUESTIONNAIRES,
            read: &|_| Err("only a built-in can be extended here".to_string()),
        }
    }
}

/// Loads and validates a questionnaire whose bases, if it extends one, are built-ins.
pub fn load(src: &Source) -> (Option<Questionnaire>, Vec<Diagnostic>) {
    load_with(src, &Bases::builtin_only())
}

/// Loads and validates a questionnaire, merging it with its base when it extends one. Returns it
/// only when there is no error; the diagnostics (warnings included) come back either way.
pub fn load_with(src: &Source, bases: &Bases) -> (Option<Questionnaire>, Vec<Diagnostic>) {
    let value = match document(src) {
        Ok(v) => v,
        Err(d) => return (None, d),
    };
    if value.get("extends").is_none() {
        return super::validate::load_value(src, value);
    }
    let own = Source::new(src.name.clone(), src.text.clone());
    let mut chain = vec![key_of(src, bases.builtins)];
    let (merged, value, uses) = match resolve(own, value, bases, &mut chain) {
        Ok(m) => m,
        Err(d) => return (None, d),
    };
    let (q, found) = super::validate::load_value(&merged, value);
    // A use of something removed is also unknown to the validator: one error says both. The
    // validator's is the one on the same line that names the same id.
    let at = |d: &Diagnostic| (d.file.clone(), d.position.map(|p| p.0));
    let placed: Vec<_> = uses
        .iter()
        .map(|u| {
            (
                at(u),
                u.message.split('`').nth(1).map(|id| format!("`{id}`")),
            )
        })
        .collect();
    let said = |d: &Diagnostic| {
        placed
            .iter()
            .any(|(p, id)| *p == at(d) && id.as_ref().is_some_and(|id| d.message.contains(id)))
    };
    let mut diagnostics = uses;
    diagnostics.extend(found.into_iter().filter(|d| !said(d)));
    // Those in the variant itself first: it is the file being worked on.
    diagnostics.sort_by_key(|d| d.file != src.name);
    let ok = !diagnostics.iter().any(|d| d.severity == Severity::Error);
    (q.filter(|_| ok), diagnostics)
}

/// The document of a file: a built-in's from its JSON, any other parsed from its text.
fn document(src: &Source) -> Result<Value, Vec<Diagnostic>> {
    if let Some(v) = builtin::parsed(&src.text) {
        return Ok(v);
    }
    if let Some(d) = src.depth_error() {
        return Err(vec![d]);
    }
    let mut r = Report::new(src);
    r.deserialize::<Value>().ok_or(r.diagnostics)
}

/// A name for a file in a chain of variants, to tell when the chain comes back to it.
fn key_of(src: &Source, builtins: &[Builtin]) -> String {
    match builtins.iter().find(|b| b.text == src.text) {
        Some(b) => format!("built-in {}", b.id),
        None => normal(Path::new(&src.name)).display().to_string(),
    }
}

/// A path with its `.` and `dir/..` steps taken out, without asking the file system.
fn normal(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir if out.file_name().is_some() => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    out
}

/// The merged document of a variant: its source (placing every part in its file), its value,
/// and the errors for uses of what it removed. A document that extends nothing is returned as
/// it is.
fn resolve(
    src: Source,
    value: Value,
    bases: &Bases,
    chain: &mut Vec<String>,
) -> Result<(Source, Value, Vec<Diagnostic>), Vec<Diagnostic>> {
    let Some(target) = value.get("extends") else {
        return Ok((src, value, Vec::new()));
    };
    let mut r = Report::new(&src);
    let Some(base) = find_base(&mut r, target, bases, chain) else {
        return Err(r.diagnostics);
    };
    let base_value = document(&base)?;
    if base_value.get("format").and_then(Value::as_str) != Some(super::FORMAT) {
        r.error(
            "extends",
            format!(
                "`{}` is not a leapcheck questionnaire (no `format: {}`); extend a questionnaire",
                base.name,
                super::FORMAT
            ),
        );
        return Err(r.diagnostics);
    }
    let (base, base_value, _) = resolve(base, base_value, bases, chain)?;
    check_names(&mut r, &value, &base_value);
    let (Some(variant_map), Some(base_map)) = (value.as_mapping(), base_value.as_mapping()) else {
        r.error("", "a questionnaire is a mapping of `key: value` entries");
        return Err(r.diagnostics);
    };
    let merged = merge::merge(&mut r, variant_map, base_map);
    if r.has_errors() {
        return Err(r.diagnostics);
    }
    let name = src.name.clone();
    let origins = Origins {
        files: vec![src, base],
        parts: merged.parts,
    };
    let merged_src = Source::merged(name, origins);
    let uses = {
        let variant = merged_src.origin("").0;
        removed::uses(&merged_src, &merged.value, variant, &merged.removed)
    };
    Ok((merged_src, merged.value, uses))
}

/// A variant names itself: its own `id` and `version`, not its base's.
fn check_names(r: &mut Report, variant: &Value, base: &Value) {
    for key in ["id", "version"] {
        if variant.get(key).is_none() {
            r.error_key(
                "extends",
                format!("a variant names itself: add `{key}: …` (its own, so that answer sheets tell it from its base)"),
            );
        }
    }
    let name = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
    if name(variant, "id").is_some()
        && name(variant, "id") == name(base, "id")
        && name(variant, "version") == name(base, "version")
    {
        r.error(
            "id",
            "a variant has the same id and version as its base, so answer sheets could not tell them apart; give it an id of its own (such as `<base>_financial`)",
        );
    }
}

/// The source of the base `target` names (`id@version` of a built-in, or a path relative to the
/// variant's file), added to `chain`; reported and `None` when there is none.
fn find_base(
    r: &mut Report,
    target: &Value,
    bases: &Bases,
    chain: &mut Vec<String>,
) -> Option<Source> {
    let Some(target) = target.as_str().map(str::trim) else {
        r.error("extends", "`extends` names a built-in questionnaire as `id@version` (such as `social_media_readiness@2.0.0`) or a file such as `./base.yaml`");
        return None;
    };
    let is_path =
        target.contains(['/', '\\']) || target.ends_with(".yaml") || target.ends_with(".yml");
    let base = if is_path {
        find_file(r, target, bases)?
    } else {
        find_builtin(r, target, bases.builtins)?
    };
    let key = key_of(&base, bases.builtins);
    if let Some(k) = chain.iter().position(|c| *c == key) {
        let round = chain[k..].join(" → ");
        r.error("extends", format!("the questionnaires extend each other in a circle ({round} → {key}); one of them must stand on its own"));
        return None;
    }
    if chain.len() >= MAX_CHAIN {
        r.error("extends", format!("a chain of more than {MAX_CHAIN} variants ({}); extend a questionnaire nearer the start", chain.join(" → ")));
        return None;
    }
    chain.push(key);
    Some(base)
}

fn find_builtin(r: &mut Report, target: &str, builtins: &[Builtin]) -> Option<Source> {
    let (id, version) = target.split_once('@').unwrap_or((target, ""));
    // The edition named, else the newest of that id, whose version then does not match.
    let named = builtins.iter().find(|b| b.id == id && b.version == version);
    let Some(b) = named.or_else(|| builtins.iter().find(|b| b.id == id)) else {
        let hint = crate::error::hint(id, builtins.iter().map(|b| b.id));
        r.error("extends", format!("there is no built-in questionnaire `{id}`{hint} (a file is named by its path, such as `./base.yaml`)"));
        return None;
    };
    let actual = b
        .value()
        .and_then(|v| v.get("version").and_then(Value::as_str).map(str::to_string))
        .unwrap_or_default();
    if version != actual {
        let given = if version.is_empty() {
            "no version".to_string()
        } else {
            format!("version {version}")
        };
        r.error("extends", format!("`extends` names {given} of `{id}`, but the built-in is version {actual}; write `extends: {id}@{actual}` (and check that what this variant replaces and removes is still there)"));
        return None;
    }
    Some(b.source())
}

fn find_file(r: &mut Report, target: &str, bases: &Bases) -> Option<Source> {
    if bases.builtins.iter().any(|b| b.text == r.src.text) {
        r.error(
            "extends",
            "a built-in extends built-ins only, by `id@version`",
        );
        return None;
    }
    let dir = Path::new(&r.src.name).parent().unwrap_or(Path::new(""));
    let path = if r.src.name == "<stdin>" {
        PathBuf::from(target)
    } else {
        normal(&dir.join(target))
    };
    match (bases.read)(&path) {
        Ok(src) => Some(src),
        Err(why) => {
            r.error(
                "extends",
                format!("the base: {why} (a path in `extends` is relative to this file)"),
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = include_str!("../../../tests/fixtures/extends/base.yaml");
    const CAFE: &str = include_str!("../../../tests/fixtures/extends/builtin-variant.yaml");

    /// A list of built-ins holding a base and a variant of it, as the shipped list may.
    fn registry() -> [Builtin; 2] {
        [
            Builtin::from_yaml("tiny_kitchen", "tiny-kitchen.yaml", BASE),
            Builtin::from_yaml("tiny_kitchen_cafe", "tiny-kitchen-cafe.yaml", CAFE),
        ]
    }

    fn load_builtin(list: &[Builtin], id: &str) -> (Option<Questionnaire>, Vec<Diagnostic>) {
        let bases = Bases {
            builtins: list,
            read: &|_| Err("no files here".into()),
        };
        let b = list.iter().find(|b| b.id == id).unwrap();
        load_with(&b.source(), &bases)
    }

    #[test]
    fn a_builtin_variant_extends_a_builtin() {
        let (q, d) = load_builtin(&registry(), "tiny_kitchen_cafe");
        let q = q.unwrap_or_else(|| panic!("{d:?}"));
        assert_eq!(q.reference(), "tiny_kitchen_cafe@1.0.0");
        let ids: Vec<&str> = q.questions.iter().map(|x| x.id.as_str()).collect();
        assert_eq!(ids, ["fridge", "labels", "pests", "milk", "schedule"]);
    }

    #[test]
    fn a_builtin_variant_error_names_its_builtin_file() {
        let broken = CAFE.replace("type: yes_no }", "type: yes_nope }");
        let text: &'static str = Box::leak(broken.into_boxed_str());
        let list = [
            registry()[0],
            Builtin::from_yaml("tiny_kitchen_cafe", "tiny-kitchen-cafe.yaml", text),
        ];
        let (q, d) = load_builtin(&list, "tiny_kitchen_cafe");
        assert!(q.is_none());
        assert_eq!(d[0].file, "built-in tiny-kitchen-cafe.yaml", "{d:?}");
        assert_eq!(d[0].position.map(|p| p.0), Some(13), "{d:?}");
    }

    #[test]
    fn a_builtin_extends_no_file() {
        let text = CAFE.replace("tiny_kitchen@1.0.0", "./base.yaml");
        let text: &'static str = Box::leak(text.into_boxed_str());
        let list = [registry()[0], Builtin::from_yaml("cafe", "cafe.yaml", text)];
        let (q, d) = load_builtin(&list, "cafe");
        assert!(q.is_none());
        assert!(
            d[0].message.contains("a built-in extends built-ins only"),
            "{d:?}"
        );
    }

    #[test]
    fn paths_are_made_normal_without_the_file_system() {
        assert_eq!(normal(Path::new("a/./b/../c.yaml")), Path::new("a/c.yaml"));
        assert_eq!(normal(Path::new("../x.yaml")), Path::new("../x.yaml"));
    }
}
