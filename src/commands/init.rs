//! `init` (starting files: a blank sheet, a questionnaire, the templates, an import mapping) and
//! `questionnaires` (the built-ins, listed or printed).

use super::Settings;
use crate::builtin;
use crate::cli::{InitArgs, InitKind};
use crate::error::{Error, Result, Usage};
use crate::input;
use crate::output::Output;
use crate::output::note;
use crate::render::template;

pub fn init(args: &InitArgs, settings: &Settings) -> Result<()> {
    if args.what == InitKind::Templates {
        return init_templates(args.path.as_deref());
    }
    let src = match &args.questionnaire.questionnaire {
        Some(name) => settings.reader.questionnaire_source(name)?,
        None => crate::source::Source::new(
            format!("built-in {}", builtin::DEFAULT.file),
            builtin::DEFAULT.text,
        ),
    };
    let text = match args.what {
        InitKind::Sheet => crate::init::blank_sheet(&input::load_questionnaire(&src)?),
        InitKind::Questionnaire => src.text.clone(),
        InitKind::Mapping => crate::import::starting_mapping(&input::load_questionnaire(&src)?),
        InitKind::Templates => unreachable!("handled above"),
    };
    match Output::from_arg(args.path.as_deref()) {
        Output::Stdout => Output::Stdout.write(text.as_bytes()),
        // Never replaces anything, whatever appears at the path meanwhile.
        Output::File(p) => {
            crate::output::create_new(&p, text.as_bytes())?;
            note!("wrote {}", p.display());
            Ok(())
        }
    }
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

pub fn questionnaires(id: Option<&str>) -> Result<()> {
    match id {
        Some(id) => {
            let b = builtin::find(id).ok_or_else(|| Usage::NotBuiltIn {
                id: id.to_string(),
                builtins: builtin::QUESTIONNAIRES.iter().map(|b| b.id).collect(),
            })?;
            Output::Stdout.write(b.text.as_bytes())
        }
        None => {
            let mut out = String::new();
            for b in builtin::QUESTIONNAIRES {
                let q = input::load_questionnaire(&crate::source::Source::new(b.file, b.text))?;
                out.push_str(&format!(
                    "{}  {}  ({} dimensions, {} questions)\n",
                    q.reference(),
                    q.title,
                    q.dimensions.len(),
                    q.questions.len()
                ));
            }
            Output::Stdout.write(out.as_bytes())
        }
    }
}
