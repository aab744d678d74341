//! `leapcheck interview`: the terminal, the sheet file and Ctrl-C around the interview's flow.

mod end;
mod sheets;

use crate::output::note;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::Settings;
use crate::cli::InterviewArgs;
use crate::error::{Error, Result, Usage};
use crate::interview::{self, Asker, Stop, terminal::Terminal};
use crate::output::write_atomic;
use crate::questionnaire::Questionnaire;
use crate::sheet::{self, Sheet};
use crate::source::Source;
use crate::{builtin, input};

/// Where the answers are and how to continue, once a sheet is being written: what a Ctrl-C says.
static SAVING_TO: Mutex<Option<String>> = Mutex::new(None);

/// "every answer … is saved in FILE; continue with `leapcheck interview --resume FILE`".
fn saved_in(path: &Path, args: &InterviewArgs) -> String {
    format!(
        "every answer given so far is saved in {}; continue with `leapcheck interview --resume {}{}`",
        path.display(),
        end::shell_word(path),
        resume_hint(args)
    )
}

/// Whether the way back in has been said: a Ctrl-C reaches both the signal handler and the
/// prompt that was interrupted, and only the first of them may say it.
static STOP_SAID: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// True for the first caller only.
fn first_to_say_stop() -> bool {
    !STOP_SAID.swap(true, std::sync::atomic::Ordering::SeqCst)
}

/// The Ctrl-C handler got there first: it is saying how to resume and then ends the process
/// (exit 130), so this thread waits rather than end the run before the handler has spoken.
fn handler_ends_the_run() -> ! {
    loop {
        std::thread::park();
    }
}

pub fn run(args: &InterviewArgs, settings: &Settings) -> Result<()> {
    // The sheet may replace the one being resumed, never the questionnaire.
    if let Some(o) = &args.output {
        let q = super::settings::questionnaire_files([args.questionnaire.questionnaire.as_deref()]);
        crate::output::Output::File(o.clone()).check_not_input(&q)?;
    }
    if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
        return Err(Error::NoTerminal);
    }
    let reader = &settings.reader;
    let (q, mut sheet) = match &args.resume {
        Some(path) => sheets::resumed(
            args.questionnaire.questionnaire.as_deref(),
            path,
            reader,
            settings.limits,
        )?,
        None => {
            let q = match &args.questionnaire.questionnaire {
                Some(name) => input::load_questionnaire(&reader.questionnaire_source(name)?)?,
                None => input::load_questionnaire(&Source::new(
                    format!("built-in {}", builtin::DEFAULT.file),
                    builtin::DEFAULT.text,
                ))?,
            };
            let sheet = Sheet::blank(&q);
            (q, sheet)
        }
    };
    apply_flags(args, &q, &mut sheet)?;
    if sheet.date.is_none() {
        sheet.date = Some(crate::date::today());
    }
    let mut asker = Terminal::new(settings.color_stderr);
    let stopped = |e: Stop, path: Option<&Path>| {
        let saved = match path {
            Some(p) => saved_in(p, args),
            None => "nothing was saved yet".into(),
        };
        match e {
            Stop::Interrupted if !first_to_say_stop() => handler_ends_the_run(),
            Stop::Interrupted => Error::Interrupted { saved },
            e => Error::InterviewFailed {
                reason: e.to_string(),
                saved,
            },
        }
    };
    install_ctrl_c();
    let mut chosen = None;
    let mut asked = || -> interview::Asked<()> {
        asker.say(&end::opening(&q, &sheet, args.resume.as_deref()))?;
        interview::identify(&mut asker, &mut sheet)?;
        let mut known = Vec::new();
        if let (Some(room), None) = (&args.workshop, &args.resume) {
            chosen = sheets::same_person(&mut asker, &q, &mut sheet, room, settings)?;
            known = sheets::room_units(room, reader);
        }
        interview::describe(&mut asker, &q, &mut sheet, &known)
    };
    asked().map_err(|e| stopped(e, None))?;
    let path = match chosen {
        Some(path) => path,
        None => output_path(args, &sheet, &mut asker)?,
    };
    *SAVING_TO.lock().unwrap_or_else(|e| e.into_inner()) = Some(saved_in(&path, args));
    let comment = format!(
        "Answers to {} ({}), written by `leapcheck interview`.\nContinue with `leapcheck interview --resume {file}{hint}`; report with `leapcheck report {file}{hint}`.",
        q.title,
        q.reference(),
        file = end::shell_word(&path),
        hint = resume_hint(args)
    );
    let mut save = |s: &Sheet| -> interview::Asked<()> {
        write_atomic(&path, sheet::write::to_yaml(&q, s, &comment).as_bytes())?;
        Ok(())
    };
    save(&interview::without_hidden(&q, &sheet)).map_err(|e| stopped(e, None))?;
    let start = interview::first_unanswered(&q, &sheet);
    interview::questions(&mut asker, &q, &mut sheet, start, &mut save)
        .map_err(|e| stopped(e, Some(&path)))?;
    let end = end::summary(
        &q,
        &interview::without_hidden(&q, &sheet),
        &path,
        &resume_hint(args),
    );
    for line in end.lines() {
        // Commands stay on one line, to be copied whole.
        if line.trim_start().starts_with("leapcheck ") {
            note!("{line}");
        } else {
            asker.say(line).map_err(|e| stopped(e, Some(&path)))?;
        }
    }
    Ok(())
}

fn apply_flags(args: &InterviewArgs, q: &Questionnaire, sheet: &mut Sheet) -> Result<()> {
    if let Some(o) = &args.who.organization {
        sheet.organization = o.clone();
    }
    if let Some(r) = &args.who.respondent {
        sheet.respondent.name = r.clone();
    }
    if let Some(role) = &args.who.role {
        if q.role(role).is_none() {
            return Err(Usage::UnknownRole {
                role: role.clone(),
                questionnaire: q.reference(),
                hint: crate::error::hint(role, q.roles.iter().map(|r| r.id.as_str())),
            }
            .into());
        }
        sheet.respondent.role = Some(role.clone());
    }
    Ok(())
}

/// Where the sheet goes. An existing file that is not the one being resumed is replaced only
/// when the person says so; otherwise the next free name is taken.
fn output_path(args: &InterviewArgs, sheet: &Sheet, asker: &mut Terminal) -> Result<PathBuf> {
    if let (Some(resume), None) = (&args.resume, &args.output) {
        return Ok(resume.clone());
    }
    let wanted = match (&args.output, &args.workshop) {
        (Some(o), _) => o.clone(),
        (None, Some(dir)) => {
            std::fs::create_dir_all(dir).map_err(|source| Error::Write {
                path: dir.clone(),
                source,
            })?;
            dir.join(crate::sheet::write::default_file_name(sheet))
        }
        (None, None) => PathBuf::from(crate::sheet::write::default_file_name(sheet)),
    };
    if !wanted.exists() {
        return Ok(wanted);
    }
    if args.output.is_some() {
        let owner = sheets::existing_respondent(&wanted);
        let prompt = format!(
            "{} exists{}. Replace it?",
            wanted.display(),
            owner
                .map(|o| format!(" (answers of {o})"))
                .unwrap_or_default()
        );
        let replace = asker
            .confirm(&prompt, Some(false))
            .map_err(|e| Error::InterviewFailed {
                reason: e.to_string(),
                saved: "nothing was saved yet".into(),
            })?;
        if replace == Some(true) {
            return Ok(wanted);
        }
    }
    let free = sheets::next_free(&wanted);
    note!(
        "{} exists; writing to {} instead.",
        wanted.display(),
        free.display()
    );
    Ok(free)
}

/// ` -q FILE` when the questionnaire came from -q, for the commands we suggest.
fn resume_hint(args: &InterviewArgs) -> String {
    match &args.questionnaire.questionnaire {
        Some(q) => format!(" -q {}", end::shell_word(Path::new(q))),
        None => String::new(),
    }
}

/// On Ctrl-C: show the cursor again, say where the answers are, exit 130.
fn install_ctrl_c() {
    let _ = ctrlc::set_handler(|| {
        let saved = SAVING_TO
            .lock()
            .map(|p| p.clone())
            .unwrap_or_else(|e| e.into_inner().clone());
        let message = match saved {
            Some(saved) => format!("\nStopped: {saved}"),
            None => "\nStopped before the first question; nothing was saved.".into(),
        };
        // When the interrupted prompt got there first, it says so and ends the run itself.
        if first_to_say_stop() {
            note!("\x1b[?25h{}", interview::terminal::fit(&message));
            std::process::exit(130);
        }
    });
}
