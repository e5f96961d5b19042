//! The `steward` binary: parse the command line and hand over to the library.

use clap::Parser;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = steward::cli::Cli::parse();
    match steward::cli::execute(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // One line, on stderr, for a person to read.
            writeln!(std::io::stderr(), "steward: {e:#}").ok();
            ExitCode::FAILURE
        }
    }
}
