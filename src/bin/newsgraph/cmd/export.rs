//! `newsgraph export`.

use crate::args::ExportArgs;
use crate::cmd::{text_argument, BadInput};
use anyhow::{Context, Result};
use newsgraph::{ExportFormat, Exporter, Minter, NewsStore, View};
use oxigraph::model::{GraphName, GraphNameRef, Quad};
use oxigraph::sparql::QueryResults;
use std::io::Write;
use std::path::Path;

pub fn run(store: &NewsStore, args: ExportArgs) -> Result<u8> {
    let minter = Minter::new(&args.base)?;
    let graph = args
        .graph
        .as_deref()
        .map(crate::cmd::iri)
        .transpose()?;
    if let Some(graph) = &graph {
        if !store.contains_graph(graph.as_ref())? {
            return Err(BadInput(format!("the store has no graph {graph}")).into());
        }
    }
    let output = args.output.as_deref().filter(|p| *p != Path::new("-"));
    let format = match (&args.format, output) {
        (Some(name), _) => ExportFormat::from_name(name)?,
        (None, Some(path)) => ExportFormat::from_path(path)?,
        (None, None) => ExportFormat::Turtle,
    };
    let view = if args.no_provenance {
        View::NoProvenance
    } else if args.wikidata {
        View::Wikidata
    } else {
        View::Full
    };
    let exporter = Exporter::new(format).with_data_prefixes(&minter).with_view(view).with_union(args.union);
    let construct = match (args.construct, args.construct_file.as_deref()) {
        (None, None) => None,
        (text, file) => Some(text_argument(text, file)?),
    };
    let quads: Box<dyn Iterator<Item = newsgraph::Result<Quad>>> = match construct {
        Some((query, source)) => match store.query(&query, &source)? {
            QueryResults::Graph(triples) => Box::new(triples.map(|t| {
                t.map(|t| Quad::new(t.subject, t.predicate, t.object, GraphName::DefaultGraph))
                    .map_err(|e| newsgraph::Error::QueryEvaluation(e.to_string()))
            })),
            _ => return Err(BadInput(format!("{source}: --construct needs a CONSTRUCT or DESCRIBE query")).into()),
        },
        None => Box::new(store.quads(graph.as_ref().map(|g| GraphNameRef::NamedNode(g.as_ref())))),
    };
    // The fused view: every statement on its cluster's canonical IRI (see `newsgraph link`).
    let quads: Box<dyn Iterator<Item = newsgraph::Result<Quad>>> =
        if args.canonical { Box::new(newsgraph::Fusion::from_store(store, &minter)?.rewrite_all(quads)) } else { quads };
    let bar = crate::progress::unless_output_is_terminal(crate::progress::counter("exporting", "quads", None), output.is_none());
    let mut read = 0u64;
    let quads = quads.inspect(|_| {
        read += 1;
        if read.is_multiple_of(4096) {
            bar.set_position(read);
        }
    });
    let written = match output {
        Some(path) => write_atomically(path, |file| Ok(exporter.write_to(quads, file)?)),
        None => exporter.write_to(quads, std::io::BufWriter::new(crate::output::stdout())).map_err(Into::into).and_then(|mut w| Ok(w.flush()?)).map(|()| 0),
    };
    bar.finish_and_clear();
    written
}

/// Writes the whole store to `path`, in `format` or the one its extension names.
pub fn export_to_file(store: &NewsStore, path: &Path, format: Option<ExportFormat>, minter: &Minter) -> Result<u8> {
    let format = match format {
        Some(format) => format,
        None => ExportFormat::from_path(path)?,
    };
    let exporter = Exporter::new(format).with_data_prefixes(minter);
    write_atomically(path, |file| Ok(exporter.write_to(store.quads(None), file)?))
}

/// Writes beside `path` and renames, so a failed export leaves no half-written file.
pub fn write_atomically(
    path: &Path,
    write: impl FnOnce(std::io::BufWriter<std::fs::File>) -> Result<std::io::BufWriter<std::fs::File>>,
) -> Result<u8> {
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(".partial");
    let temporary = std::path::PathBuf::from(temporary);
    let file = std::fs::File::create(&temporary).with_context(|| format!("cannot create {}", temporary.display()))?;
    let result = write(std::io::BufWriter::with_capacity(1 << 20, file)).and_then(|mut w| Ok(w.flush()?));
    if let Err(error) = result {
        let _ = std::fs::remove_file(&temporary);
        return Err(error);
    }
    std::fs::rename(&temporary, path).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(0)
}
