//! The `newsgraph` command. `main` owns exit codes and prints the error chain:
//! 0 success, 1 violations or differences found, 2 bad input or usage, 3 any other failure,
//! 141 when standard output was closed by its reader (`newsgraph export | head`): what a shell
//! reports for a program ended by SIGPIPE, with nothing on standard error, whatever the command
//! had done or failed at by then.

mod args;
mod cmd;
mod output;
mod progress;

use clap::Parser;
use std::process::ExitCode;

/// mimalloc rather than glibc's malloc: extraction and mapping make many small, short-lived
/// allocations (glibc's malloc and free took about a sixth of extraction time). The
/// `override` feature makes mimalloc the process's `malloc` and `free` as well, which is
/// required: Oxigraph frees the error strings RocksDB allocates with `malloc` through Rust's
/// allocator (`CString::from_raw`), and two different heaps crashed on a locked store.
/// [`newsgraph::Allocator`] says why it is not `mimalloc::MiMalloc`.
#[global_allocator]
static ALLOCATOR: newsgraph::Allocator = newsgraph::Allocator;

/// The exit code when standard output was closed by its reader.
const STDOUT_CLOSED: u8 = 128 + 13;

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    let result = cmd::run(cli);
    if output::stdout_closed() {
        return ExitCode::from(STDOUT_CLOSED);
    }
    match result {
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
