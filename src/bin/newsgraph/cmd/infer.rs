//! `newsgraph infer`: the ontology's alignment entailments into the graph BASE inferred.

use crate::args::InferArgs;
use anyhow::Result;
use newsgraph::{infer, Minter, NewsStore};

pub fn run(store: &NewsStore, args: InferArgs) -> Result<u8> {
    let minter = Minter::new(&args.base)?;
    let report = infer(store, &minter)?;
    store.flush()?;
    crate::progress::stop_spinner();
    eprintln!("{} entailed statements into {} (replaced)", report.quads, report.graph);
    Ok(0)
}
