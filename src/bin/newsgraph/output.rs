//! Standard output for every command, and human-readable output: aligned tables with prefixed
//! names.

use newsgraph::{DEFAULT_BASE, KNOWN_PREFIXES};
use oxigraph::model::Term;
use oxigraph::sparql::Variable;
use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);

/// Standard output, locked. Commands write through this (never `println!`, which panics when
/// the reader has gone): a write that fails because the reader closed the pipe
/// (`newsgraph stats | head -1`) is remembered, and `main` then exits quietly (see
/// [`stdout_closed`]).
pub fn stdout() -> Stdout {
    crate::progress::stop_spinner();
    Stdout(io::stdout().lock())
}

/// Whether a write to [`stdout`] failed because its reader closed it.
pub fn stdout_closed() -> bool {
    STDOUT_CLOSED.load(Ordering::Relaxed)
}

pub struct Stdout(io::StdoutLock<'static>);

impl Stdout {
    fn note<T>(result: io::Result<T>) -> io::Result<T> {
        if let Err(e) = &result {
            if e.kind() == io::ErrorKind::BrokenPipe {
                STDOUT_CLOSED.store(true, Ordering::Relaxed);
            }
        }
        result
    }
}

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        Self::note(self.0.write(buf))
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        Self::note(self.0.write_all(buf))
    }

    fn flush(&mut self) -> io::Result<()> {
        Self::note(self.0.flush())
    }
}

/// The IRI as a prefixed name when a known prefix (or a data prefix) fits.
fn compact(iri: &str) -> String {
    let data = [("entity", "entity/"), ("fact", "fact/"), ("article", "article/"), ("graph", "graph/"), ("evidence", "evidence/")];
    for (name, segment) in data {
        if let Some(local) = iri.strip_prefix(DEFAULT_BASE).and_then(|r| r.strip_prefix(segment)) {
            return format!("{name}:{local}");
        }
    }
    for (name, namespace) in KNOWN_PREFIXES {
        if let Some(local) = iri.strip_prefix(namespace) {
            if !local.contains(['/', '#']) {
                return format!("{name}:{local}");
            }
        }
    }
    format!("<{iri}>")
}

fn cell(term: Option<&Term>) -> String {
    match term {
        None => String::new(),
        Some(Term::NamedNode(n)) => compact(n.as_str()),
        Some(Term::BlankNode(b)) => b.to_string(),
        Some(Term::Literal(l)) => match l.language() {
            Some(lang) => format!("{}@{lang}", l.value()),
            None => l.value().to_owned(),
        },
        #[allow(unreachable_patterns)]
        Some(other) => other.to_string(),
    }
}

/// Writes solutions as a table: a header, a rule, one line per row, and a row count.
pub fn write_table(out: &mut impl Write, variables: &[Variable], rows: &[Vec<Option<Term>>]) -> io::Result<()> {
    let cells: Vec<Vec<String>> =
        rows.iter().map(|r| r.iter().map(|t| cell(t.as_ref()).replace('\n', " ")).collect()).collect();
    let mut widths: Vec<usize> = variables.iter().map(|v| v.as_str().chars().count()).collect();
    for row in &cells {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.chars().count()).min(80);
        }
    }
    let line = |values: Vec<&str>| -> String {
        values
            .iter()
            .zip(&widths)
            .map(|(v, w)| {
                let v: String = if v.chars().count() > *w { v.chars().take(w - 1).chain(['…']).collect() } else { (*v).to_owned() };
                format!("{v:<w$}")
            })
            .collect::<Vec<_>>()
            .join(" | ")
            .trim_end()
            .to_owned()
    };
    writeln!(out, "{}", line(variables.iter().map(|v| v.as_str()).collect()))?;
    writeln!(out, "{}", widths.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>().join("-+-"))?;
    for row in &cells {
        writeln!(out, "{}", line(row.iter().map(String::as_str).collect()))?;
    }
    writeln!(out, "({} row{})", cells.len(), if cells.len() == 1 { "" } else { "s" })
}
