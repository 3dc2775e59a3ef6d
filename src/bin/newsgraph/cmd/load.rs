//! `newsgraph load`: an RDF file (also `.gz`, `.bz2`, `.zst`) into the store, atomically: a
//! syntax error anywhere leaves the store as it was.
//!
//! Small inputs go in one transaction; large files into an on-disk store go through the bulk
//! loader, which stages sorted files and adds them at once when the whole input has been read.

use crate::args::LoadArgs;
use crate::cmd::BadInput;
use anyhow::Result;
use newsgraph::{NewsStore, RdfReader, BULK_LOAD_BYTES};
use std::path::Path;

pub fn run(store: &NewsStore, args: LoadArgs) -> Result<u8> {
    let stdin = args.input == Path::new("-");
    let (format, compression) = crate::cmd::input_format(&args.input, args.format.as_deref(), "--format")?;
    let graph = args
        .graph
        .as_deref()
        .map(crate::cmd::iri)
        .transpose()?;
    let reader = RdfReader::new(format).with_base(args.base.as_deref())?.into_graph(graph);
    if stdin {
        let quads = reader.read(std::io::stdin().lock(), "<stdin>")?;
        return insert(store, &quads);
    }
    let source = args.input.display().to_string();
    let file = std::fs::File::open(&args.input).map_err(|e| BadInput(format!("{source}: {e}")))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let bar = crate::progress::bytes(&format!("loading {source}"), Some(size));
    let input = newsgraph::decompress(bar.wrap_read(file), compression, &source)?;
    if store.prefers_bulk_load() && size >= BULK_LOAD_BYTES {
        let staged = store.stage_bulk_load(reader.quads(input, &source)?, |_| ());
        bar.finish_and_clear();
        let staged = staged?;
        let quads = staged.quads();
        staged.commit()?;
        store.flush()?;
        eprintln!("loaded {quads} quads (bulk loader)");
        Ok(0)
    } else {
        let quads = reader.read(input, &source);
        bar.finish_and_clear();
        insert(store, &quads?)
    }
}

fn insert(store: &NewsStore, quads: &[oxigraph::model::Quad]) -> Result<u8> {
    let added = store.insert_quads(quads)?;
    store.flush()?;
    eprintln!("loaded {} quads ({} new)", quads.len(), added);
    Ok(0)
}
