//! `newsgraph load`: an RDF file into the store, in one transaction.

use crate::args::LoadArgs;
use crate::cmd::BadInput;
use anyhow::Result;
use newsgraph::{ExportFormat, NewsStore, RdfReader};
use std::path::Path;

pub fn run(store: &NewsStore, args: LoadArgs) -> Result<u8> {
    let stdin = args.input == Path::new("-");
    let format = match (&args.format, stdin) {
        (Some(name), _) => ExportFormat::from_name(name)?,
        (None, false) => ExportFormat::from_path(&args.input)?,
        (None, true) => return Err(BadInput("reading standard input needs --format".into()).into()),
    };
    let graph = args
        .graph
        .as_deref()
        .map(crate::cmd::iri)
        .transpose()?;
    let reader = RdfReader::new(format).with_base(args.base.as_deref())?.into_graph(graph);
    let quads = if stdin {
        reader.read(std::io::stdin().lock(), "<stdin>")?
    } else {
        let file = std::fs::File::open(&args.input).map_err(|e| BadInput(format!("{}: {e}", args.input.display())))?;
        reader.read(std::io::BufReader::new(file), &args.input.display().to_string())?
    };
    let added = store.insert_quads(&quads)?;
    store.flush()?;
    eprintln!("loaded {} quads ({} new)", quads.len(), added);
    Ok(0)
}
