//! `init`: starting files (a blank sheet, a questionnaire, the templates, an import mapping).

use super::Settings;
use crate::builtin;
use crate::cli::{InitArgs, InitKind};
use crate::error::{Error, Result, Usage};
use crate::init::Who;
use crate::input;
use crate::output::Output;
use crate::output::note;
use crate::questionnaire::Questionnaire;
use crate::render::template;
use crate::sheet;

pub fn init(args: &InitArgs, settings: &Settings) -> Result<()> {
    let sheet_flags: Vec<&str> = [
        ("--organization", args.who.organization.is_some()),
        ("--respondent", args.who.respondent.is_some()),
        ("--role", args.who.role.is_some()),
        ("--units", args.units.is_some()),
    ]
    .into_iter()
    .filter_map(|(flag, given)| given.then_some(flag))
    .collect();
    if args.what != InitKind::Sheet && !sheet_flags.is_empty() {
        return Err(Usage::NotASheet(sheet_flags.join(", ")).into());
    }
    if args.extends.is_some() && args.what != InitKind::Questionnaire {
        return Err(Usage::BadName {
            flag: "--extends",
            problem: "starts a questionnaire, so it goes with `init questionnaire` only".into(),
        }
        .into());
    }
    if args.what == InitKind::Templates {
        return init_templates(args.path.as_deref());
    }
    let src = match args
        .extends
        .as_ref()
        .or(args.questionnaire.questionnaire.as_ref())
    {
        Some(name) => settings.reader.questionnaire_source(name)?,
        None => crate::source::Source::new(
            format!("built-in {}", builtin::DEFAULT.file),
            builtin::DEFAULT.text,
        ),
    };
    let text = match args.what {
        InitKind::Sheet => {
            let q = input::load_questionnaire(&src)?;
            crate::init::blank_sheet(&q, &who(args, &q, settings.limits.max_units)?)
        }
        InitKind::Questionnaire => match &args.extends {
            Some(name) => variant(&settings.reader.load_questionnaire(&src)?, name),
            None => src.text.clone(),
        },
        InitKind::Mapping => crate::import::starting_mapping(&input::load_questionnaire(&src)?),
        InitKind::Templates => unreachable!("handled above"),
    };
    match Output::from_arg(args.path.as_deref()) {
        Output::Stdout => Output::Stdout.write(text.as_bytes()),
        // Never replaces anything, whatever appears at the path meanwhile.
        Output::File(p) => {
            // A consultant prepares a folder of sheets: the folder is made when missing.
            if let Some(dir) = p
                .parent()
                .filter(|d| args.what == InitKind::Sheet && !d.as_os_str().is_empty())
            {
                std::fs::create_dir_all(dir).map_err(|source| Error::Write {
                    path: dir.to_path_buf(),
                    source,
                })?;
            }
            crate::output::create_new(&p, text.as_bytes())?;
            note!("wrote {}", p.display());
            Ok(())
        }
    }
}

/// Who `init sheet` names in the sheet, each name checked as a sheet checks it.
fn who(args: &InitArgs, q: &Questionnaire, max_units: usize) -> Result<Who> {
    let name = |flag: &'static str, value: &Option<String>| -> Result<String> {
        let value = value.as_deref().unwrap_or_default().trim().to_string();
        match sheet::name_problem(&value) {
            Some(problem) => Err(Usage::BadName { flag, problem }.into()),
            None => Ok(value),
        }
    };
    let organization = name("--organization", &args.who.organization)?;
    let respondent = name("--respondent", &args.who.respondent)?;
    if let Some(role) = &args.who.role
        && q.role(role).is_none()
    {
        return Err(Usage::UnknownRole {
            role: role.clone(),
            questionnaire: q.reference(),
            hint: crate::error::hint(role, q.roles.iter().map(|r| r.id.as_str())),
        }
        .into());
    }
    let mut units: Vec<String> = Vec::new();
    for unit in args.units.iter().flat_map(|u| u.split(',')) {
        let unit = name("--units", &Some(unit.to_string()))?;
        let problem = if unit.is_empty() {
            Some("a unit name is empty; separate the units with single commas: --units \"Sales,Marketing\"".to_string())
        } else if units.contains(&unit) {
            Some(format!(
                "unit `{unit}` is listed twice; list each unit once"
            ))
        } else {
            None
        };
        if let Some(problem) = problem {
            return Err(Usage::BadName {
                flag: "--units",
                problem,
            }
            .into());
        }
        units.push(unit);
    }
    if units.len() > max_units {
        let problem = format!(
            "{} units are more than the {max_units} a sheet may list; name fewer, or raise --max-units",
            units.len()
        );
        return Err(Usage::BadName {
            flag: "--units",
            problem,
        }
        .into());
    }
    Ok(Who {
        organization,
        respondent,
        role: args.who.role.clone(),
        units,
    })
}

/// Copies the built-in templates into `dir` (created if missing), replacing none.
fn init_templates(dir: Option<&std::path::Path>) -> Result<()> {
    let Some(dir) = dir.filter(|d| d.as_os_str() != "-") else {
        return Err(Usage::TemplatesNeedADirectory.into());
    };
    let existing: Vec<String> = template::BUILTIN
        .iter()
        .map(|(name, _)| dir.join(name))
        .filter(|p| crate::output::occupied(p))
        .map(|p| p.display().to_string())
        .collect();
    if !existing.is_empty() {
        return Err(Usage::AllExist(existing).into());
    }
    std::fs::create_dir_all(dir).map_err(|source| Error::Write {
        path: dir.to_path_buf(),
        source,
    })?;
    for (name, text) in template::BUILTIN {
        crate::output::create_new(&dir.join(name), text.as_bytes())?;
    }
    note!(
        "wrote {} templates to {}; use them with --templates {}",
        template::BUILTIN.len(),
        dir.display(),
        dir.display()
    );
    Ok(())
}

/// A starting variant of `base`, named on the command line as `name`: a built-in by its
/// `id@version`, a file by the path given (which the variant reads relative to itself).
fn variant(base: &Questionnaire, name: &str) -> String {
    let extends = match builtin::find(name) {
        Some(b) if !std::path::Path::new(name).exists() => format!("{}@{}", b.id, base.version),
        _ => name.to_string(),
    };
    crate::questionnaire::starter_variant(base, &extends)
}
