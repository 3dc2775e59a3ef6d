//! The `newsgraph` command. `main` owns exit codes and prints the error chain:
//! 0 success, 1 violations or differences found, 2 bad input or usage, 3 any other failure.

mod args;
mod cmd;
mod output;
mod progress;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    match cmd::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            let mut message = format!("error: {error}");
            for cause in error.chain().skip(1) {
                message.push_str(&format!("\n  caused by: {cause}"));
            }
            eprintln!("{message}");
            let bad_input = error.chain().any(|cause| {
                cause.downcast_ref::<newsgraph::Error>().is_some_and(newsgraph::Error::is_bad_input)
                    || cause.downcast_ref::<cmd::BadInput>().is_some()
            });
            ExitCode::from(if bad_input { 2 } else { 3 })
        }
    }
}
