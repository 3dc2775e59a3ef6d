//! `newsgraph ingest`: articles and facts files → one named graph per article, in one
//! transaction.

use crate::args::IngestArgs;
use crate::cmd::{query, BadInput};
use anyhow::Result;
use newsgraph::{ingest_streaming, input_bytes, map_documents, Batch, Extractor, Mapper, Minter, NewsStore, BULK_INGEST_BYTES};

pub fn run(store: &NewsStore, args: IngestArgs) -> Result<u8> {
    let mapper = Mapper::new(Minter::new(&args.base)?).with_same_as(args.same_as);
    let extractor = Extractor::new().with_threads(args.threads);
    // Large inputs into an on-disk store stream through the bulk loader (flat memory); small
    // ones are read whole and written in one transaction.
    let (report, batch) = if store.prefers_bulk_load() && input_bytes(&args.inputs)? >= BULK_INGEST_BYTES {
        let bar = crate::progress::counter("ingesting", "articles", None);
        let result = ingest_streaming(store, &mapper, &args.inputs, &extractor, &crate::progress::reporting_to(&bar));
        bar.finish_and_clear();
        result?
    } else {
        let batch = Batch::read(&args.inputs, &extractor)?;
        let articles = map_documents(&mapper, &batch.documents)?;
        (store.ingest(&articles)?, batch)
    };
    for skipped in &batch.skipped {
        eprintln!("skipped {} (not a supported input)", skipped.display());
    }
    for failure in &batch.failures {
        eprintln!("skipped {failure}");
    }
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
