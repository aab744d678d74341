//! What each subcommand does, given settings resolved once from the command line. With
//! [`crate::input`] and [`crate::output`], the only place that touches files and the terminal.

mod benchmark;
mod document;
mod import;
mod init;
mod interview;
mod model;
mod pdf;
mod peers;
mod settings;
mod validate;

use clap::CommandFactory;

pub use settings::Settings;

use crate::cli::{BenchmarkCommand, Cli, Command};
use crate::error::{Error, Result};
use crate::output::Output;
use document::Doc;

pub fn execute(cli: Cli) -> Result<()> {
    let settings = Settings::new(&cli);
    match cli.command {
        Command::Report(args) => document::document(&args, Doc::Report, &settings),
        Command::Plan(args) => document::document(&args, Doc::Plan, &settings),
        Command::Import(args) => import::run(&args, &settings.reader),
        Command::Compare(args) => document::compare(&args, &settings),
        Command::Benchmark(BenchmarkCommand::Build(args)) => benchmark::build(&args, &settings),
        Command::Interview(args) => interview::run(&args, &settings),
        Command::Validate(args) => validate::validate(&args, &settings),
        Command::Init(args) => init::init(&args, &settings),
        Command::Questionnaires(args) => model::questionnaires(&args, &settings),
        Command::Completions { shell } => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "leapcheck", &mut out);
            Output::Stdout.write(&out)
        }
        Command::Man => {
            let mut out = Vec::new();
            clap_mangen::Man::new(Cli::command())
                .render(&mut out)
                .map_err(Error::ManPage)?;
            Output::Stdout.write(&out)
        }
    }
}
