//! `leapcheck benchmark build`: past assessments turned into a peers file that keeps only score
//! distributions (docs/design.md, "Benchmarks"). `--benchmark` reads one back in [`super::peers`].

use std::collections::HashMap;
use std::path::PathBuf;

use super::document::{Assessed, Loaded, load_sheets, who_counts};
use super::settings::{Settings, questionnaire_files};
use crate::benchmark::{self, Organization, Years};
use crate::cli::BenchmarkBuildArgs;
use crate::error::{Error, Result};
use crate::input;
use crate::output::{Output, note};
use crate::room::{self, Entry, SetAside};
use crate::sheet::Sheet;

/// The sheets of one organization: one or more sources naming it.
#[derive(Default)]
struct Group {
    entries: Vec<Entry>,
    not_sheets: Vec<SetAside>,
}

/// `leapcheck benchmark build SOURCES… -o PEERS.json`.
pub fn build(args: &BenchmarkBuildArgs, settings: &Settings) -> Result<()> {
    let output = Output::from_arg(Some(&args.output));
    let mut paths = Vec::new();
    let mut source_of: HashMap<String, usize> = HashMap::new();
    for (k, source) in args.sources.iter().enumerate() {
        for (p, in_dir) in input::expand_marked(std::slice::from_ref(source))? {
            source_of.insert(p.display().to_string(), k);
            paths.push((p, in_dir));
        }
    }
    let mut inputs: Vec<PathBuf> = paths.iter().map(|(p, _)| p.clone()).collect();
    let questionnaire = args.questionnaire.questionnaire.as_deref();
    inputs.extend(questionnaire_files([questionnaire]));
    output.check_not_input(&inputs)?;
    let Loaded {
        q,
        entries,
        not_sheets,
    } = load_sheets(&paths, questionnaire, settings)?;
    let groups = group(&args.sources, &source_of, entries, not_sheets);
    let mut orgs = Vec::with_capacity(groups.len());
    for g in groups {
        let (sheets, _) = who_counts(&q, g.entries, g.not_sheets, args.strict)?;
        let years = sheets.iter().fold(None, |y, s| benchmark::span(y, year(s)));
        let assessed = Assessed::of(&q, sheets);
        orgs.push(Organization::of(assessed.assessment(), years));
    }
    let peers =
        benchmark::build(&q, &orgs, args.segment.clone(), args.note.clone()).map_err(|count| {
            Error::TooFewPeers {
                count,
                min: benchmark::MIN_ORGANIZATIONS,
            }
        })?;
    let mut text = serde_json::to_string_pretty(&peers)?;
    text.push('\n');
    output.write(text.as_bytes())?;
    note!(
        "{} organizations in the benchmark ({} with an overall score)",
        peers.organizations,
        peers.overall.count
    );
    Ok(())
}

/// The year of a sheet's date, as a one-year span.
fn year(s: &Sheet) -> Option<Years> {
    let y = s.date?.year();
    Some(Years { from: y, to: y })
}

/// The sheets grouped into organizations: each source is one, and sources naming the same
/// organization (without case and extra spaces; a directory by its most common name) are one.
/// Groups keep the order of their first source.
fn group(
    sources: &[PathBuf],
    source_of: &HashMap<String, usize>,
    entries: Vec<Entry>,
    not_sheets: Vec<SetAside>,
) -> Vec<Group> {
    let mut by_source: Vec<Group> = sources.iter().map(|_| Group::default()).collect();
    let of = |file: &str| source_of.get(file).copied().unwrap_or(0);
    for e in entries {
        by_source[of(&e.file)].entries.push(e);
    }
    for s in not_sheets {
        by_source[of(&s.file)].not_sheets.push(s);
    }
    let mut groups: Vec<Group> = Vec::new();
    let mut by_name: HashMap<String, usize> = HashMap::new();
    for g in by_source {
        let name = most_common_organization(&g.entries);
        let k = match name.filter(|n| !n.is_empty()) {
            Some(n) => *by_name.entry(n).or_insert(groups.len()),
            None => groups.len(),
        };
        if k == groups.len() {
            groups.push(Group::default());
        }
        groups[k].entries.extend(g.entries);
        groups[k].not_sheets.extend(g.not_sheets);
    }
    for g in groups.iter().filter(|g| g.entries.is_empty()) {
        for s in &g.not_sheets {
            note!("{}: warning: set aside: not an answer sheet", s.file);
        }
    }
    groups.retain(|g| !g.entries.is_empty());
    groups
}

/// The organization most of `entries` name, folded; on a tie the first in order.
fn most_common_organization(entries: &[Entry]) -> Option<String> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for e in entries {
        let name = room::fold(&e.sheet.organization);
        match counts.iter_mut().find(|(n, _)| *n == name) {
            Some((_, c)) => *c += 1,
            None => counts.push((name, 1)),
        }
    }
    let best = counts.iter().map(|(_, c)| *c).max()?;
    counts.into_iter().find(|(_, c)| *c == best).map(|(n, _)| n)
}
