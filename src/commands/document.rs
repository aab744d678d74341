//! `report`, `plan` and `compare`: answer sheets read and assessed (one sheet, or a room of
//! several), then written as a document.

use crate::output::note;
use std::path::{Path, PathBuf};

use super::settings::{Levels, Rendering, Settings, questionnaire_files};
use crate::aggregate::{self, Workshop};
use crate::cli::{CompareArgs, ReportArgs, RoomArgs};
use crate::error::{Diagnostic, Error, Result, Severity, Usage};
use crate::input::{self, Input};
use crate::questionnaire::Questionnaire;
use crate::render::{self, Document};
use crate::room::{self, Entry, Reason, Roll, SetAside};
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

/// The answer sheets of a run, loaded against one questionnaire, each with its file's name.
pub(super) struct Loaded {
    pub q: Questionnaire,
    pub entries: Vec<Entry>,
    /// Files of a room directory that are no answer sheet, skipped.
    pub not_sheets: Vec<SetAside>,
}

/// One file of a run, read: a sheet, with the questionnaire it names and, once the questionnaire
/// is known, what loading it gave; or a file of a directory skipped as no sheet.
enum Read {
    Sheet {
        name: String,
        reference: String,
        loaded: Option<(Option<Sheet>, Vec<Diagnostic>)>,
    },
    Skipped(SetAside),
}

/// A file of a room directory that is no answer sheet, set aside with what it is.
fn skipped(input: &Input, in_dir: bool) -> Option<SetAside> {
    let what = room::not_a_sheet(&input.source.text).filter(|_| in_dir)?;
    Some(SetAside {
        file: input.source.name.clone(),
        reason: Reason::NotASheet { what },
    })
}

/// Reads every sheet, checks they name one questionnaire and version, and loads them all,
/// reporting every problem of every file at once. Files of a directory that are no answer sheet
/// (a mapping, a questionnaire) are skipped.
pub(super) fn load_sheets(
    paths: &[(PathBuf, bool)],
    questionnaire: Option<&str>,
    settings: &Settings,
) -> Result<Loaded> {
    let reader = &settings.reader;
    // The first sheet settles the questionnaire; then every sheet is read and loaded in one pass
    // over the cores, each text dropped as soon as its sheet is loaded, so a room of thousands
    // never holds all its texts at once. Problems are reported in the order they always were:
    // unreadable files, sheets naming different questionnaires, then the questionnaire itself.
    let mut not_sheets = Vec::new();
    let mut next = 0;
    let first = loop {
        let Some((path, in_dir)) = paths.get(next) else {
            let files = not_sheets.iter().map(|s: &SetAside| s.file.clone());
            return Err(Usage::NoSheets(files.collect()).into());
        };
        next += 1;
        let input = reader.read(path)?;
        match skipped(&input, *in_dir) {
            Some(s) => not_sheets.push(s),
            None => break input,
        }
    };
    let q = reader.questionnaire_for(questionnaire, &first.source.text);
    let compare = paths.len() > 1 && questionnaire.is_none();
    let load = |input: Input, in_dir: bool| {
        if let Some(s) = skipped(&input, in_dir) {
            return Read::Skipped(s);
        }
        let reference = if compare {
            sheet::questionnaire_reference(&input.source.text).unwrap_or_default()
        } else {
            String::new()
        };
        let loaded = match &q {
            Ok(q) => Some(sheet::load_within(&input.source, q, settings.limits)),
            _ => None,
        };
        Read::Sheet {
            name: input.source.name,
            reference,
            loaded,
        }
    };
    let rest = crate::parallel::map(&paths[next..], |(p, d)| reader.read(p).map(|i| load(i, *d)));
    let mut all = vec![load(first, false)];
    for r in rest {
        match r? {
            Read::Skipped(s) => not_sheets.push(s),
            sheet => all.push(sheet),
        }
    }
    let all: Vec<_> = all
        .into_iter()
        .filter_map(|r| match r {
            Read::Sheet {
                name,
                reference,
                loaded,
            } => Some((name, reference, loaded)),
            Read::Skipped(_) => None,
        })
        .collect();
    if compare && all.iter().any(|(_, r, _)| *r != all[0].1) {
        let list = all.into_iter().map(|(f, r, _)| (f, r)).collect();
        return Err(Error::MixedQuestionnaires(list));
    }
    let q = q?;
    let entries = checked(all.into_iter().filter_map(|(name, _, l)| Some((name, l?))))?;
    Ok(Loaded {
        q,
        entries,
        not_sheets,
    })
}

/// The sheets that loaded, with their files; any error in any file fails them all, warnings are
/// printed.
fn checked(
    loaded: impl Iterator<Item = (String, (Option<Sheet>, Vec<Diagnostic>))>,
) -> Result<Vec<Entry>> {
    let mut entries = Vec::new();
    let mut diagnostics = Vec::new();
    for (file, (s, d)) in loaded {
        let failed = d.iter().any(|d| d.severity == Severity::Error);
        diagnostics.extend(d);
        if let Some(sheet) = s.filter(|_| !failed) {
            entries.push(Entry { file, sheet });
        }
    }
    if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        return Err(Error::Invalid(diagnostics));
    }
    for d in &diagnostics {
        note!("{d}");
    }
    Ok(entries)
}

/// Who counts: one file alone counts as it is; in a room (several files) the rules of
/// [`room::admit`] apply, their warnings printed, or failing the run under `--strict`.
pub(super) fn who_counts(
    q: &Questionnaire,
    mut entries: Vec<Entry>,
    not_sheets: Vec<SetAside>,
    strict: bool,
) -> Result<(Vec<Sheet>, Roll)> {
    if entries.len() == 1 && not_sheets.is_empty() {
        return Ok((vec![entries.remove(0).sheet], Roll::single()));
    }
    let admitted = room::admit(q, entries, not_sheets).map_err(Error::Invalid)?;
    if strict && !admitted.warnings.is_empty() {
        let errors = admitted.warnings.into_iter().map(|mut d| {
            d.severity = Severity::Error;
            d
        });
        return Err(Error::Invalid(errors.collect()));
    }
    for d in &admitted.warnings {
        note!("{d}");
    }
    if admitted.sheets.is_empty() {
        return Err(Error::NobodyCounts);
    }
    Ok((admitted.sheets, admitted.roll))
}

/// The answers of a run, assessed: one sheet alone, or a room of several.
pub(super) enum Assessed {
    One(Box<Sheet>, Assessment),
    Room(Box<Workshop>),
}

impl Assessed {
    pub(super) fn of(q: &Questionnaire, mut sheets: Vec<Sheet>) -> Assessed {
        if sheets.len() == 1 {
            let sheet = sheets.remove(0);
            let assessment = score::assess(q, &sheet);
            Assessed::One(Box::new(sheet), assessment)
        } else {
            Assessed::Room(Box::new(aggregate::workshop(q, sheets)))
        }
    }

    /// Whose answers the plan projects.
    fn subject(&self) -> plan::Subject<'_> {
        match self {
            Assessed::One(s, _) => plan::Subject::Sheet(s),
            Assessed::Room(w) => {
                plan::Subject::Room(w.respondents.iter().map(|r| &r.sheet).collect())
            }
        }
    }

    pub(super) fn assessment(&self) -> &Assessment {
        match self {
            Assessed::One(_, a) => a,
            Assessed::Room(w) => &w.assessment,
        }
    }

    /// Each respondent's sheet and own assessment, in respondent order.
    fn respondents(&self) -> Vec<view::workbook::Answered<'_>> {
        match self {
            Assessed::One(s, a) => vec![(&**s, a)],
            Assessed::Room(w) => w
                .respondents
                .iter()
                .map(|r| (&r.sheet, &r.assessment))
                .collect(),
        }
    }

    /// The maturity report's view.
    fn report(
        &self,
        q: &Questionnaire,
        leap: &plan::Plan,
        requested: bool,
        anonymous: bool,
    ) -> view::ReportView {
        match self {
            Assessed::One(s, a) => view::report(q, s, a, leap, requested),
            Assessed::Room(w) if anonymous => {
                view::anonymous_workshop_report(q, w, leap, requested)
            }
            Assessed::Room(w) => view::workshop_report(q, w, leap, requested),
        }
    }

    /// The leap plan's view.
    fn plan(&self, q: &Questionnaire, leap: &plan::Plan, requested: bool) -> view::PlanView {
        match self {
            Assessed::One(s, a) => plan_view::plan(q, s, a, leap, requested),
            Assessed::Room(w) => view::workshop_plan(q, w, leap, requested),
        }
    }

    /// This side of a comparison.
    fn side<'a>(&'a self, q: &'a Questionnaire, leap: Option<&'a plan::Plan>) -> compare::Side<'a> {
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
            plan: leap,
        }
    }
}

/// `leapcheck report` and `leapcheck plan`.
pub fn document(args: &ReportArgs, doc: Doc, settings: &Settings) -> Result<()> {
    let paths = input::expand_marked(&args.sheets)?;
    let mut inputs: Vec<PathBuf> = paths.iter().map(|(p, _)| p.clone()).collect();
    inputs.extend(questionnaire_files([args
        .questionnaire
        .questionnaire
        .as_deref()]));
    inputs.extend(args.benchmark.benchmark.clone());
    let rendering = Rendering::new(&args.render, settings, &inputs)?;
    let peers_file = args.benchmark.benchmark.as_deref();
    let peers = super::peers::peers(peers_file, settings)?;
    let questionnaire = args.questionnaire.questionnaire.as_deref();
    let Loaded {
        q,
        entries,
        not_sheets,
    } = load_sheets(&paths, questionnaire, settings)?;
    if let (Some(file), Some(p)) = (peers_file, &peers) {
        super::peers::check_peers(file, p, &q)?;
    }
    let (mut sheets, roll) = who_counts(&q, entries, not_sheets, args.room.strict)?;
    if args.room.anonymous {
        view::anonymous::anonymize(&q, &mut sheets);
    }
    let levels = Levels::new(&q, args.target.as_deref(), args.fail_below.as_deref())?;
    let assessed = Assessed::of(&q, sheets);
    let level = assessed.assessment().level;
    let next = levels.target.or_else(|| q.level_above(level));
    let leap = plan::plan(&q, assessed.assessment(), next);
    let today = assessed.assessment();
    // Only the plan shows where its phases lead: the report is spared three more scorings.
    let leap = match doc {
        Doc::Plan => plan::with_trajectory(&q, &assessed.subject(), today, leap, levels.target),
        _ => leap,
    };
    let requested = levels.target.is_some();
    let sheets = view::sheets(&roll, args.room.anonymous);
    if rendering.workbook {
        if doc == Doc::Plan {
            return Err(Usage::XlsxNotFor("plan").into());
        }
        let mut report = assessed.report(&q, &leap, requested, args.room.anonymous);
        report.header.sheets = sheets;
        if let Some(p) = &peers {
            view::peers::attach_report(&mut report, &q, assessed.assessment(), p);
        }
        let plan = assessed.plan(&q, &leap, requested);
        let book = view::workbook::workbook(&q, &report, &plan, &assessed.respondents());
        rendering.output.write(&render::xlsx::workbook(&book)?)?;
        return levels.check(&q, level);
    }
    let text = match doc {
        Doc::Report => {
            let mut v = assessed.report(&q, &leap, requested, args.room.anonymous);
            v.header.sheets = sheets;
            if let Some(p) = &peers {
                view::peers::attach_report(&mut v, &q, assessed.assessment(), p);
            }
            rendering.renderer.render(Document::Report(&v))
        }
        Doc::Plan => {
            let mut v = assessed.plan(&q, &leap, requested);
            v.header.sheets = sheets;
            v.header.benchmark =
                (peers.as_ref()).map(|p| view::peers::view(&q, assessed.assessment(), p));
            rendering.renderer.render(Document::Plan(&v))
        }
    }?;
    rendering.write(&text)?;
    levels.check(&q, level)
}

/// One side of `leapcheck compare`, loaded against its own questionnaire.
fn side(
    path: &Path,
    questionnaire: Option<&str>,
    room: &RoomArgs,
    settings: &Settings,
) -> Result<(Questionnaire, Assessed)> {
    let paths = input::expand_marked(&[path.to_path_buf()])?;
    let Loaded {
        q,
        entries,
        not_sheets,
    } = load_sheets(&paths, questionnaire, settings)?;
    let (mut sheets, _) = who_counts(&q, entries, not_sheets, room.strict)?;
    if room.anonymous {
        view::anonymous::anonymize(&q, &mut sheets);
    }
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
    inputs.extend(args.benchmark.benchmark.clone());
    let rendering = Rendering::new(&args.render, settings, &inputs)?;
    if rendering.workbook {
        return Err(Usage::XlsxNotFor("compare").into());
    }
    let peers_file = args.benchmark.benchmark.as_deref();
    let peers = super::peers::peers(peers_file, settings)?;
    let after_q = args.questionnaire.questionnaire.as_deref();
    let before_q = args.before_questionnaire.as_deref().or(after_q);
    let (qb, before) = side(&args.before, before_q, &args.room, settings)?;
    let (qa, after) = side(&args.after, after_q, &args.room, settings)?;
    // The later side's open actions are named by their number in its leap plan.
    let level = after.assessment().level;
    let leap = plan::plan(&qa, after.assessment(), qa.level_above(level));
    let mut view = compare::compare(&before.side(&qb, None), &after.side(&qa, Some(&leap)));
    if let (Some(file), Some(p)) = (peers_file, &peers) {
        super::peers::check_peers(file, p, &qa)?;
        view.benchmark = Some(view::peers::view(&qa, after.assessment(), p));
    }
    let text = rendering.renderer.render(Document::Compare(&view))?;
    rendering.write(&text)
}
