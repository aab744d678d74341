//! leapcheck: how ready is an organization to engage its customers through social media, and
//! what should it do next?
//!
//! The flow is one-way, and so are the modules' dependencies (docs/design.md, "Pipeline and
//! layering"; a test fails on any loop): a questionnaire and answer sheets are loaded and
//! validated ([`questionnaire`], [`sheet`], with conditions in [`condition`]; every answer, from a
//! sheet, a survey export or the interview, is read by [`questionnaire::Question::accept`] into an
//! [`answer::Answer`]; sheets in plain block YAML are read by the quick [`block_yaml`] reader),
//! scored ([`score`]), aggregated over a room ([`aggregate`]), planned ([`plan`]), turned into a
//! serializable view ([`view`], comparisons included) and rendered ([`render`]). Only `commands`
//! (which resolves the command line into settings once), [`input`] and [`output`] touch files
//! and the terminal; the [`interview`] asks through a trait that only its terminal front end
//! implements on a real terminal.

pub mod aggregate;
pub mod answer;
pub mod benchmark;
pub mod block_yaml;
pub mod builtin;
pub mod cli;
mod commands;
pub mod condition;
pub mod date;
pub mod error;
pub mod import;
pub mod index;
pub mod init;
pub mod input;
pub mod interview;
pub mod output;
pub mod parallel;
pub mod plan;
pub mod questionnaire;
pub mod render;
pub mod room;
pub mod score;
pub mod sheet;
pub mod source;
pub mod text;
pub mod view;

use clap::Parser;
use output::note;

/// Runs the command line and returns the process exit code.
pub fn run() -> i32 {
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return e.exit_code();
        }
    };
    match commands::execute(cli) {
        Ok(()) => 0,
        Err(e) => {
            match &e {
                error::Error::Invalid(_) => note!("{}", error::visible(&e.to_string())),
                // Said at the interview's terminal, to its width.
                error::Error::Interrupted { .. } => {
                    note!(
                        "{}",
                        interview::terminal::fit(&error::visible(&e.to_string()))
                    )
                }
                _ => note!("error: {}", error::visible(&e.to_string())),
            }
            e.code()
        }
    }
}
