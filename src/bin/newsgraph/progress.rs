//! Progress bars on standard error with throughput. indicatif draws nothing when standard error
//! is not a terminal, so pipes, logs and tests see only the final summary lines.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::sync::OnceLock;
use std::time::Duration;

/// The spinner of a command that cannot count its work (see [`spin_until_output`]).
static SPINNER: OnceLock<ProgressBar> = OnceLock::new();

/// Shows a spinner with the time elapsed, for a command whose work has no count to show
/// (`link`, `validate`, a long query…), until the command writes its output ([`stop_spinner`];
/// `output::stdout` calls it), so the spinner and the output never share a line.
pub fn spin_until_output(message: &str) {
    let bar = styled(None, "{spinner} {msg} ({elapsed})", message);
    let _ = SPINNER.set(bar);
}

/// Clears the spinner, if one is turning.
pub fn stop_spinner() {
    if let Some(bar) = SPINNER.get() {
        if !bar.is_finished() {
            bar.finish_and_clear();
        }
    }
}

/// A bar counting `unit`s (e.g. "quads"), out of `total` when it is known, with a rate.
pub fn counter(message: &str, unit: &str, total: Option<u64>) -> ProgressBar {
    let template = match total {
        Some(_) => format!("{{msg}} [{{bar:30}}] {{human_pos}}/{{human_len}} {unit} ({{per_sec}}, {{eta}} left)"),
        None => format!("{{spinner}} {{msg}} {{human_pos}} {unit} ({{per_sec}}, {{elapsed}})"),
    };
    styled(total, &template, message)
}

/// A bar counting bytes of an input of `total` bytes.
pub fn bytes(message: &str, total: Option<u64>) -> ProgressBar {
    let template = match total {
        Some(_) => "{msg} [{bar:30}] {bytes}/{total_bytes} ({bytes_per_sec}, {eta} left)",
        None => "{spinner} {msg} {bytes} ({bytes_per_sec}, {elapsed})",
    };
    styled(total, template, message)
}

fn styled(total: Option<u64>, template: &str, message: &str) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(total, ProgressDrawTarget::stderr_with_hz(4));
    bar.set_style(ProgressStyle::with_template(template).expect("a valid template").progress_chars("=> "));
    bar.set_message(message.to_owned());
    bar.enable_steady_tick(Duration::from_millis(250));
    bar
}

/// Hides `bar` when the command writes its output to a terminal: a bar redrawn between the
/// lines of the output would garble both.
pub fn unless_output_is_terminal(bar: ProgressBar, writes_to_stdout: bool) -> ProgressBar {
    use std::io::IsTerminal;
    if writes_to_stdout && std::io::stdout().is_terminal() {
        bar.set_draw_target(ProgressDrawTarget::hidden());
    }
    bar
}

/// Reports a library operation's progress on `bar`.
pub fn reporting_to(bar: &ProgressBar) -> newsgraph::Progress {
    let bar = bar.clone();
    newsgraph::Progress::new(move |done| bar.set_position(done))
}
