//! One module per command; each takes its arguments and the store and returns an exit code.

mod conflicts;
mod convert;
mod diff;
mod eval;
mod export;
mod extract;
mod infer;
mod ingest;
mod link;
mod load;
mod merge;
mod push;
mod query;
mod serve;
mod stats;
mod validate;

use crate::args::{Cli, Command, Global};
use anyhow::{Context, Result};
use newsgraph::NewsStore;
use std::io::{Read, Write};
use std::path::Path;

/// An input problem found by the command layer (not the library): exit code 2.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct BadInput(pub String);

pub fn run(cli: Cli) -> Result<u8> {
    // Commands with a count to show (ingest, load, merge, convert, export, extract) draw their
    // own bars; push and serve report as they go.
    let spinner = match &cli.command {
        Command::Query(_) => Some("querying"),
        Command::Update(_) => Some("updating"),
        Command::Stats(_) => Some("counting"),
        Command::Validate(_) => Some("validating"),
        Command::Diff(_) => Some("comparing"),
        Command::Link(_) => Some("linking"),
        Command::Infer(_) => Some("inferring"),
        Command::Conflicts(_) => Some("looking for conflicts"),
        Command::Eval(_) => Some("evaluating"),
        _ => None,
    };
    if let Some(message) = spinner {
        crate::progress::spin_until_output(message);
    }
    let result = run_command(cli);
    crate::progress::stop_spinner();
    result
}

fn run_command(cli: Cli) -> Result<u8> {
    match cli.command {
        Command::Ingest(args) => ingest::run(&open_store(&cli.global)?, args),
        Command::Extract(args) => extract::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Query(args) if args.infer => {
            let copy = newsgraph::with_inferences(&open_store_for_reading(&cli.global)?, &newsgraph::Minter::default())?;
            query::run(&copy, args)
        }
        Command::Query(args) => query::run(&open_store_for_reading(&cli.global)?, args),
        Command::Update(args) => query::run_update(&open_store(&cli.global)?, args),
        Command::Export(args) => export::run(&open_store_for_reading(&cli.global)?, args),
        Command::Load(args) => load::run(&open_store(&cli.global)?, args),
        Command::Convert(args) => convert::run(args),
        Command::Stats(args) => stats::run(&open_store_for_reading(&cli.global)?, args),
        Command::Validate(args) => validate::run(&cli.global, args),
        Command::Merge(args) => merge::run(&open_store(&cli.global)?, args),
        Command::Diff(args) => diff::run(&cli.global, args),
        Command::Serve(args) if args.allow_update => serve::run(&open_store(&cli.global)?, args),
        Command::Serve(args) => serve::run(&open_store_for_reading(&cli.global)?, args),
        Command::Push(args) => push::run(&open_store(&cli.global)?, args),
        Command::Link(args) => link::run(&open_store(&cli.global)?, args),
        Command::Infer(args) => infer::run(&open_store(&cli.global)?, args),
        Command::Conflicts(args) => conflicts::run(&open_store_for_reading(&cli.global)?, args),
        Command::Schema => {
            writeln!(crate::output::stdout(), "{}", serde_json::to_string_pretty(&newsgraph::facts_schema())?)?;
            Ok(0)
        }
    }
}

pub fn open_store(global: &Global) -> Result<NewsStore> {
    if global.memory {
        Ok(NewsStore::in_memory()?)
    } else {
        NewsStore::open(&global.store).with_context(|| format!("cannot open the store {}", global.store.display()))
    }
}

/// Opens the store for a command that only reads. When another process holds the store (an
/// ingest running), it is opened read-only instead: a snapshot of what was committed at that
/// moment, said on standard error.
pub fn open_store_for_reading(global: &Global) -> Result<NewsStore> {
    if global.memory {
        return Ok(NewsStore::in_memory()?);
    }
    let (store, read_only) = NewsStore::open_for_reading(&global.store)
        .with_context(|| format!("cannot open the store {}", global.store.display()))?;
    if read_only {
        eprintln!(
            "note: the store {} is locked by another process; reading it read-only, as it was when opened (later writes are not seen)",
            global.store.display()
        );
    }
    Ok(store)
}

/// The RDF format of an input file and its compression: `named` (from `flag`) if given, else the
/// file's extension under any `.gz`, `.bz2`, `.zst`. Standard input (`-`) needs the flag.
pub fn input_format(input: &Path, named: Option<&str>, flag: &str) -> Result<(newsgraph::ExportFormat, Option<newsgraph::Compression>)> {
    let name = input.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let (inner_name, compression) = newsgraph::split_compression(name);
    let format = match (named, input == Path::new("-")) {
        (Some(name), _) => newsgraph::ExportFormat::from_name(name)?,
        (None, false) => newsgraph::ExportFormat::from_path(Path::new(inner_name))?,
        (None, true) => return Err(BadInput(format!("reading standard input needs {flag}")).into()),
    };
    Ok((format, compression))
}

/// The text of an inline argument, a file, or `-` (standard input).
pub fn text_argument(inline: Option<String>, file: Option<&Path>) -> Result<(String, String)> {
    match (inline, file) {
        (Some(text), _) => Ok((text, "<argument>".to_owned())),
        (None, Some(path)) if path == Path::new("-") => {
            let mut text = String::new();
            std::io::stdin().read_to_string(&mut text).context("cannot read standard input")?;
            Ok((text, "<stdin>".to_owned()))
        }
        (None, Some(path)) => {
            let text = std::fs::read_to_string(path).map_err(|e| BadInput(format!("{}: {e}", path.display())))?;
            Ok((text, path.display().to_string()))
        }
        (None, None) => Err(BadInput("nothing to run: give the text or --file".into()).into()),
    }
}

/// An IRI given on the command line (a graph name, a base), checked.
pub fn iri(value: &str) -> Result<oxigraph::model::NamedNode> {
    oxigraph::model::NamedNode::new(value)
        .map_err(|e| newsgraph::Error::InvalidIri { value: value.to_owned(), reason: e.to_string() }.into())
}

/// The files of `dir` with this extension, sorted by path.
pub fn files_with_extension(dir: &Path, extension: &str) -> Result<Vec<std::path::PathBuf>> {
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot list {}", dir.display()))?
        .map(|e| e.map(|e| e.path()))
        .collect::<std::io::Result<Vec<_>>>()?
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == extension))
        .collect();
    files.sort();
    Ok(files)
}
