//! `newsgraph ingest`: articles and facts files → one named graph per article, in one
//! transaction.

use crate::args::IngestArgs;
use crate::cmd::{query, BadInput};
use anyhow::Result;
use newsgraph::{map_documents, Batch, Extractor, Mapper, Minter, NewsStore};

pub fn run(store: &NewsStore, args: IngestArgs) -> Result<u8> {
    let mapper = Mapper::new(Minter::new(&args.base)?).with_same_as(args.same_as);
    let batch = Batch::read(&args.inputs, &Extractor::new())?;
    for skipped in &batch.skipped {
        eprintln!("skipped {} (not a supported input)", skipped.display());
    }
    for failure in &batch.failures {
        eprintln!("skipped {failure}");
    }
    let articles = map_documents(&mapper, &batch.documents)?;
    let report = store.ingest(&articles)?;
    store.flush()?;
    eprintln!(
        "ingested {} article(s), {} quads ({} unchanged); {} unreadable file(s) skipped, {} unsupported file(s) skipped",
        report.articles,
        report.quads,
        report.unchanged,
        batch.failures.len(),
        batch.skipped.len()
    );
    for queries in &args.queries {
        query::run_query_files(store, queries)?;
    }
    if let Some(path) = &args.export {
        crate::cmd::export::export_to_file(store, path, None, mapper.minter())?;
        eprintln!("wrote {}", path.display());
    }
    if !batch.failures.is_empty() {
        return Err(BadInput(format!("{} input file(s) could not be read (listed above)", batch.failures.len())).into());
    }
    Ok(0)
}
