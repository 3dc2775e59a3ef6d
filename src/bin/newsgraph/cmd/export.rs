//! `newsgraph export`.

use crate::args::ExportArgs;
use anyhow::{Context, Result};
use newsgraph::{ExportFormat, Exporter, Minter, NewsStore};
use oxigraph::model::{GraphNameRef, NamedNode};
use std::io::Write;
use std::path::Path;

pub fn run(store: &NewsStore, args: ExportArgs) -> Result<u8> {
    let minter = Minter::new(&args.base)?;
    let graph = args
        .graph
        .as_deref()
        .map(|g| NamedNode::new(g).map_err(|e| newsgraph::Error::InvalidIri { value: g.to_owned(), reason: e.to_string() }))
        .transpose()?;
    if let Some(graph) = &graph {
        if !store.contains_graph(graph.as_ref())? {
            return Err(crate::cmd::BadInput(format!("the store has no graph {graph}")).into());
        }
    }
    let format = args.format.as_deref().map(ExportFormat::from_name).transpose()?;
    match args.output.as_deref().filter(|p| *p != Path::new("-")) {
        Some(path) => export_to_file(store, path, format, graph.as_ref(), &minter),
        None => {
            let exporter = Exporter::new(format.unwrap_or(ExportFormat::Turtle)).with_data_prefixes(&minter);
            let stdout = std::io::stdout().lock();
            let quads = store.quads(graph.as_ref().map(|g| GraphNameRef::NamedNode(g.as_ref())));
            exporter.write_to(quads, std::io::BufWriter::new(stdout))?.flush()?;
            Ok(0)
        }
    }
}

/// Writes the store (or one graph) to `path`, in `format` or the one its extension names. The
/// file is written beside the target and renamed, so a failed export leaves no half file.
pub fn export_to_file(
    store: &NewsStore,
    path: &Path,
    format: Option<ExportFormat>,
    graph: Option<&NamedNode>,
    minter: &Minter,
) -> Result<u8> {
    let format = match format {
        Some(format) => format,
        None => ExportFormat::from_path(path)?,
    };
    let exporter = Exporter::new(format).with_data_prefixes(minter);
    let temporary = path.with_extension("partial");
    let file = std::fs::File::create(&temporary).with_context(|| format!("cannot create {}", temporary.display()))?;
    let quads = store.quads(graph.map(|g| GraphNameRef::NamedNode(g.as_ref())));
    exporter.write_to(quads, std::io::BufWriter::new(file))?.flush()?;
    std::fs::rename(&temporary, path).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(0)
}
