//! `report`, `plan` and `compare`: answer sheets read and assessed (one sheet, or a room of
//! several), then written as a document.

use crate::output::note;
use std::path::{Path, PathBuf};

use super::settings::{Levels, Rendering, Settings, questionnaire_files};
use crate::aggregate::{self, Workshop};
use crate::cli::{CompareArgs, ReportArgs};
use crate::error::{Error, Result, Severity};
use crate::input::{self, Input};
use crate::questionnaire::Questionnaire;
use crate::render::Document;
use crate::score::{self, Assessment};
use crate::sheet::{self, Sheet};
use crate::view::{self, compare};
use crate::{plan, view::plan as plan_view};

/// Which of the two documents a `report` or `plan` run writes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Doc {
    Report,
    Plan,
}

/// The answer sheets of a run, loaded against one questionnaire.
struct Loaded {
    q: Questionnaire,
    sheets: Vec<Sheet>,
}

/// Reads every sheet, checks they name one questionnaire and version, and loads them all,
/// reporting every problem of every file at once.
fn load_sheets(
    paths: &[PathBuf],
    questionnaire: Option<&str>,
    settings: &Settings,
) -> Result<Loaded> {
    let reader = &settings.reader;
    // The first sheet settles the questionnaire; then every sheet is read and loaded in one pass
    // over the cores, each text dropped as soon as its sheet is loaded, so a room of thousands
    // never holds all its texts at once. Problems are reported in the order they always were:
    // unreadable files, sheets naming different questionnaires, then the questionnaire itself.
    let first = reader.read(&paths[0]);
    let q = match &first {
        Ok(first) => Some(reader.questionnaire_for(questionnaire, &first.source.text)),
        Err(_) => None,
    };
    let compare = paths.len() > 1 && questionnaire.is_none();
    let load = |input: Input| {
        let reference = if compare {
            sheet::questionnaire_reference(&input.source.text).unwrap_or_default()
        } else {
            String::new()
        };
        let loaded = match &q {
            Some(Ok(q)) => Some(sheet::load_within(&input.source, q, settings.limits)),
            _ => None,
        };
        (input.source.name, reference, loaded)
    };
    let rest = crate::parallel::map(&paths[1..], |p| reader.read(p).map(load));
    let mut all = Vec::with_capacity(paths.len());
    all.push(first.map(load)?);
    for r in rest {
        all.push(r?);
    }
    if compare && all.iter().any(|(_, r, _)| *r != all[0].1) {
        let list = all.into_iter().map(|(f, r, _)| (f, r)).collect();
        return Err(Error::MixedQuestionnaires(list));
    }
    let q = q.expect("the first sheet was read")?;
    let mut sheets = Vec::with_capacity(all.len());
    let mut diagnostics = Vec::new();
    for (s, d) in all.into_iter().filter_map(|(_, _, loaded)| loaded) {
        let failed = d.iter().any(|d| d.severity == Severity::Error);
        diagnostics.extend(d);
        if let Some(s) = s.filter(|_| !failed) {
            sheets.push(s);
        }
    }
    if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        return Err(Error::Invalid(diagnostics));
    }
    for d in &diagnostics {
        note!("{d}");
    }
    Ok(Loaded { q, sheets })
}

/// The answers of a run, assessed: one sheet alone, or a room of several.
enum Assessed {
    One(Box<Sheet>, Assessment),
    Room(Box<Workshop>),
}

impl Assessed {
    fn of(q: &Questionnaire, mut sheets: Vec<Sheet>) -> Assessed {
        if sheets.len() == 1 {
            let sheet = sheets.remove(0);
            let assessment = score::assess(q, &sheet);
            Assessed::One(Box::new(sheet), assessment)
        } else {
            Assessed::Room(Box::new(aggregate::workshop(q, sheets)))
        }
    }

    fn assessment(&self) -> &Assessment {
        match self {
            Assessed::One(_, a) => a,
            Assessed::Room(w) => &w.assessment,
        }
    }

    /// This side of a comparison.
    fn side<'a>(&'a self, q: &'a Questionnaire) -> compare::Side<'a> {
        let (organization, date, respondents) = match self {
            Assessed::One(s, _) => (&s.organization, &s.date, 1),
            Assessed::Room(w) => (
                &w.consensus.organization,
                &w.consensus.date,
                w.respondents.len(),
            ),
        };
        compare::Side {
            q,
            assessment: self.assessment(),
            organization: organization.clone(),
            date: date.map(|d| d.to_string()),
            respondents,
        }
    }
}

/// `leapcheck report` and `leapcheck plan`.
pub fn document(args: &ReportArgs, doc: Doc, settings: &Settings) -> Result<()> {
    let paths = input::expand(&args.sheets)?;
    let mut inputs = paths.clone();
    inputs.extend(questionnaire_files([args
        .questionnaire
        .questionnaire
        .as_deref()]));
    let rendering = Rendering::new(&args.render, settings, &inputs)?;
    let questionnaire = args.questionnaire.questionnaire.as_deref();
    let Loaded { q, sheets } = load_sheets(&paths, questionnaire, settings)?;
    let levels = Levels::new(&q, args.target.as_deref(), args.fail_below.as_deref())?;
    let assessed = Assessed::of(&q, sheets);
    let level = assessed.assessment().level;
    let next = levels.target.or_else(|| q.level_above(level));
    let leap = plan::plan(&q, assessed.assessment(), next);
    let requested = levels.target.is_some();
    let render = |d: Document| rendering.renderer.render(d);
    let text = match (&assessed, doc) {
        (Assessed::One(s, a), Doc::Report) => {
            render(Document::Report(&view::report(&q, s, a, &leap, requested)))
        }
        (Assessed::One(s, a), Doc::Plan) => {
            render(Document::Plan(&plan_view::plan(&q, s, a, &leap, requested)))
        }
        (Assessed::Room(w), Doc::Report) => render(Document::Report(&view::workshop_report(
            &q, w, &leap, requested,
        ))),
        (Assessed::Room(w), Doc::Plan) => render(Document::Plan(&view::workshop_plan(
            &q, w, &leap, requested,
        ))),
    }?;
    rendering.output.write(text.as_bytes())?;
    match levels.required {
        Some(required) if level < required => Err(Error::BelowLevel {
            actual: q.levels[level].id.clone(),
            required: q.levels[required].id.clone(),
        }),
        _ => Ok(()),
    }
}

/// One side of `leapcheck compare`, loaded against its own questionnaire.
fn side(
    path: &Path,
    questionnaire: Option<&str>,
    settings: &Settings,
) -> Result<(Questionnaire, Assessed)> {
    let paths = input::expand(&[path.to_path_buf()])?;
    let Loaded { q, sheets } = load_sheets(&paths, questionnaire, settings)?;
    let assessed = Assessed::of(&q, sheets);
    Ok((q, assessed))
}

/// `leapcheck compare`.
pub fn compare(args: &CompareArgs, settings: &Settings) -> Result<()> {
    let mut inputs = input::expand(std::slice::from_ref(&args.before))?;
    inputs.extend(input::expand(std::slice::from_ref(&args.after))?);
    inputs.extend(questionnaire_files([
        args.questionnaire.questionnaire.as_deref(),
        args.before_questionnaire.as_deref(),
    ]));
    let rendering = Rendering::new(&args.render, settings, &inputs)?;
    let after_q = args.questionnaire.questionnaire.as_deref();
    let before_q = args.before_questionnaire.as_deref().or(after_q);
    let (qb, before) = side(&args.before, before_q, settings)?;
    let (qa, after) = side(&args.after, after_q, settings)?;
    let view = compare::compare(&before.side(&qb), &after.side(&qa));
    let text = rendering.renderer.render(Document::Compare(&view))?;
    rendering.output.write(text.as_bytes())
}
