//! The shape of the code, checked: dependencies between modules point one way (no two modules
//! import each other, directly or round a loop), and no function in `src/` is longer than can be
//! read at once.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::support::root;

/// The longest a function in `src/` may be, in lines from its `fn` to its closing brace.
const MAX_FUNCTION_LINES: usize = 120;

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of a Rust file with comments, string and character literals blanked out (line breaks
/// kept), so that braces and paths can be counted in what is left.
fn code_only(text: &str) -> String {
    let b: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < b.len() && b[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            loop {
                if b[i] == '/' && b.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if b[i] == '*' && b.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(b[i]));
                    i += 1;
                }
            }
        } else if c == 'r'
            && (next == Some('#') || next == Some('"'))
            && !ident(b.get(i.wrapping_sub(1)))
        {
            // A raw string: r"…", r#"…"#.
            let mut j = i + 1;
            while b.get(j) == Some(&'#') {
                j += 1;
            }
            if b.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            let hashes = j - i - 1;
            j += 1;
            loop {
                if b[j] == '"' && (0..hashes).all(|k| b.get(j + 1 + k) == Some(&'#')) {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            out.extend(b[i..j].iter().map(|&c| blank(c)));
            i = j;
        } else if c == '"' {
            out.push(' ');
            i += 1;
            while b[i] != '"' {
                let step = if b[i] == '\\' { 2 } else { 1 };
                out.extend(b[i..i + step].iter().map(|&c| blank(c)));
                i += step;
            }
            out.push(' ');
            i += 1;
        } else if c == '\'' {
            // A character literal ('x', '\n', '\u{1b}'), not a lifetime ('a).
            let end = if next == Some('\\') {
                (i + 2..b.len()).find(|&j| b[j] == '\'')
            } else if b.get(i + 2) == Some(&'\'') {
                Some(i + 2)
            } else {
                None
            };
            match end {
                Some(end) => {
                    out.extend(std::iter::repeat_n(' ', end + 1 - i));
                    i = end + 1;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn ident(c: Option<&char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || *c == '_')
}

/// The first segments of every path that starts with `prefix` (`crate::`, `super::`), including
/// each name in a `prefix{a, b::c}` group.
fn path_heads(code: &str, prefix: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (at, _) in code.match_indices(prefix) {
        if ident(code[..at].chars().last().as_ref()) {
            continue;
        }
        let rest = code[at + prefix.len()..].trim_start();
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 1;
            let mut word = String::new();
            let mut expect_head = true;
            for c in group.chars() {
                if ident(Some(&c)) {
                    word.push(c);
                    continue;
                }
                if depth == 1 && expect_head && !word.is_empty() {
                    out.insert(word.clone());
                    expect_head = false;
                }
                word.clear();
                match c {
                    '{' => depth += 1,
                    '}' if depth == 1 => break,
                    '}' => depth -= 1,
                    ',' if depth == 1 => expect_head = true,
                    _ => {}
                }
            }
        } else {
            let name: String = rest.chars().take_while(|c| ident(Some(c))).collect();
            out.insert(name);
        }
    }
    out
}

/// A loop in `graph`, if there is one, as the list of nodes round it.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(node.to_string(), 1);
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            match state.get(next.as_str()).copied().unwrap_or(0) {
                1 => {
                    let start = path.iter().position(|n| n == next).unwrap();
                    let mut cycle = path[start..].to_vec();
                    cycle.push(next.clone());
                    return Some(cycle);
                }
                0 => {
                    if let Some(c) = visit(next, graph, state, path) {
                        return Some(c);
                    }
                }
                _ => {}
            }
        }
        path.pop();
        state.insert(node.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for node in graph.keys() {
        if state.get(node.as_str()).copied().unwrap_or(0) == 0
            && let Some(c) = visit(node, graph, &mut state, &mut Vec::new())
        {
            return Some(c);
        }
    }
    None
}

/// The module graph of `src/`: each top-level module with the top-level modules it names, and
/// each file of a module directory with the sibling files it names.
fn module_graphs(src: &Path) -> Vec<(String, BTreeMap<String, BTreeSet<String>>)> {
    let mut files = Vec::new();
    sources(src, &mut files);
    let tops: BTreeSet<String> = files
        .iter()
        .map(|f| top_module(src, f))
        .filter(|m| !["lib", "main", "build"].contains(&m.as_str()))
        .collect();
    let mut top_graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut sibling_graphs: BTreeMap<PathBuf, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for file in &files {
        let top = top_module(src, file);
        if !tops.contains(&top) {
            continue;
        }
        let code = code_only(&std::fs::read_to_string(file).unwrap());
        let named = path_heads(&code, "crate::");
        top_graph.entry(top.clone()).or_default().extend(
            named
                .iter()
                .filter(|m| tops.contains(*m) && **m != top)
                .cloned(),
        );
        let dir = file.parent().unwrap().to_path_buf();
        let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
        if dir == src || stem == "mod" {
            continue;
        }
        let siblings: BTreeSet<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "rs") || p.is_dir())
            .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
            .filter(|s| *s != "mod" && *s != stem)
            .collect();
        let uses = path_heads(&code, "super::");
        sibling_graphs
            .entry(dir)
            .or_default()
            .entry(stem)
            .or_default()
            .extend(uses.into_iter().filter(|u| siblings.contains(u)));
    }
    let mut out = vec![("src/".to_string(), top_graph)];
    out.extend(
        sibling_graphs
            .into_iter()
            .map(|(dir, g)| (dir.display().to_string(), g)),
    );
    out
}

fn top_module(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap();
    let first = rel
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_string_lossy();
    first.trim_end_matches(".rs").to_string()
}

#[test]
fn no_two_modules_import_each_other() {
    for (place, graph) in module_graphs(&root().join("src")) {
        if let Some(cycle) = find_cycle(&graph) {
            panic!(
                "modules in {place} import each other in a loop: {}; move what they share into a module below both",
                cycle.join(" → ")
            );
        }
    }
}

#[test]
fn the_cycle_check_finds_loops() {
    let graph = |edges: &[(&str, &str)]| {
        let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (a, b) in edges {
            g.entry(a.to_string()).or_default().insert(b.to_string());
        }
        g
    };
    assert_eq!(
        find_cycle(&graph(&[("a", "b"), ("b", "c"), ("c", "a")])),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
    assert_eq!(
        find_cycle(&graph(&[("a", "b"), ("b", "c"), ("a", "c")])),
        None
    );
    let code = code_only(
        "use crate::{answer::Answer, sheet::{self, Sheet}};\n// crate::view\nlet s = \"crate::render\";\nfn f(x: &crate::score::A) {}",
    );
    let heads: Vec<String> = path_heads(&code, "crate::").into_iter().collect();
    assert_eq!(heads, ["answer", "score", "sheet"]);
}

/// Every function in `text` longer than the limit, as (name, first line, lines).
fn long_functions(text: &str) -> Vec<(String, usize, usize)> {
    let code = code_only(text);
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(at) = code[i..].find("fn ").map(|k| k + i) {
        i = at + 3;
        if ident(code[..at].chars().last().as_ref()) {
            continue;
        }
        let name: String = code[i..].chars().take_while(|c| ident(Some(c))).collect();
        // The body starts at the first `{` before any `;` (a declaration without a body).
        let Some(open) = code[i..].find(['{', ';']).map(|k| k + i) else {
            break;
        };
        if code.as_bytes()[open] == b';' {
            continue;
        }
        let mut depth = 0;
        let mut close = open;
        for (k, c) in code[open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        close = open + k;
                        break;
                    }
                }
                _ => {}
            }
        }
        let start = code[..at].matches('\n').count() + 1;
        let lines = code[..close].matches('\n').count() + 1 - start + 1;
        if lines > MAX_FUNCTION_LINES {
            out.push((name, start, lines));
        }
    }
    out
}

#[test]
fn no_function_is_longer_than_can_be_read_at_once() {
    let mut files = Vec::new();
    sources(&root().join("src"), &mut files);
    files.sort();
    let mut long = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for (name, line, lines) in long_functions(&text) {
            let file = file.strip_prefix(root()).unwrap().display().to_string();
            long.push(format!("{file}:{line}: `{name}` is {lines} lines"));
        }
    }
    assert!(
        long.is_empty(),
        "functions over {MAX_FUNCTION_LINES} lines; split them into steps that each do one thing:\n{}",
        long.join("\n")
    );
}

#[test]
fn the_length_check_counts_lines_of_code() {
    let body = "    let x = '{';\n    let s = \"}}}\";\n".repeat(70);
    let text = format!("fn long() {{\n{body}}}\nfn short() {{ {{}} }}\nfn decl();\n");
    assert_eq!(long_functions(&text), [("long".to_string(), 1, 142)]);
}

/// The documents a text cites: `docs/….md` paths and upper-case names such as `README.md`.
fn cited_documents(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (at, _) in text.match_indices(".md") {
        let start = text[..at]
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || "_-/".contains(c)))
            .map_or(0, |k| {
                k + text[k..].chars().next().map_or(1, char::len_utf8)
            });
        let name = &text[start..at];
        // Upper-case names are documents (README.md), except the placeholders of usage lines.
        let upper = !name.is_empty()
            && name.chars().all(|c| c.is_ascii_uppercase() || c == '_')
            && !["FILE", "DIR", "PATH", "NAME", "OUT"].contains(&name);
        if name.starts_with("docs/") || upper {
            out.insert(format!("{name}.md"));
        }
    }
    out
}

#[test]
fn every_document_the_code_cites_is_in_the_repository() {
    let mut files = Vec::new();
    for dir in ["src", "tests", "benches", "docs"] {
        sources(&root().join(dir), &mut files);
    }
    files.extend(["README.md", "docs/design.md", "docs/templates.md"].map(|f| root().join(f)));
    let mut missing = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        for cited in cited_documents(&text) {
            if !root().join(&cited).exists() {
                let file = file.strip_prefix(root()).unwrap().display().to_string();
                missing.push(format!("{file} cites {cited}"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "cited but not in the repository:\n{}",
        missing.join("\n")
    );
    let notes = format!("{}.md", "NOTES");
    let cited = cited_documents(&format!(
        "see {notes}, docs/design.md, `-o plan.md`, FILE.md"
    ));
    let design = format!("docs/{}.md", "design");
    assert_eq!(cited.into_iter().collect::<Vec<_>>(), [notes, design]);
}
