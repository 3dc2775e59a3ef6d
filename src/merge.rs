//! Merging other knowledge bases: any RDF file (also `.gz`, `.bz2`, `.zst`) into its own named
//! graph, with a record of the source in a catalog graph.
//!
//! - The default graph of a source goes into `BASE source/FILE-NAME` (or `--graph`); named graphs
//!   a source has (TriG, N-Quads, a colleague's newsgraph export) keep their names, so merging
//!   newsgraph exports is a plain union.
//! - Blank nodes are skolemized per source, in order of first appearance:
//!   `SOURCE-GRAPH/.well-known/genid/N`. Two sources never share a blank node, and merging the
//!   same file again gives the same IRIs.
//! - The catalog graph `BASE catalog` records each source (file name, format, size, triple
//!   count, SHA-256, time) with VoID, DCAT, Dublin Core and PROV terms. A file whose hash is
//!   already recorded for that graph is not merged again, so re-merging is idempotent.
//! - By default an invalid statement refuses the whole file and the store stays as it was;
//!   `lenient` skips invalid statements, counts them and reports the first few with their lines.

use crate::error::{Error, Result};
use crate::export::ExportFormat;
use crate::mint::{encode_key, Minter};
use crate::store::NewsStore;
use oxigraph::io::{RdfParseError, RdfParser};
use oxigraph::model::vocab::xsd;
use oxigraph::model::{BlankNode, GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::Path;

const VOID: &str = "http://rdfs.org/ns/void#";
const DCTERMS: &str = "http://purl.org/dc/terms/";
const DCAT: &str = "http://www.w3.org/ns/dcat#";
const PROV: &str = "http://www.w3.org/ns/prov#";
const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const RDFS_COMMENT: &str = "http://www.w3.org/2000/01/rdf-schema#comment";

/// How to merge.
#[derive(Debug, Clone, Default)]
pub struct MergeOptions {
    /// The graph for the source's default graph; default: derived from the file name.
    pub graph: Option<NamedNode>,
    /// The format; default: from the file name (looking through `.gz`, `.bz2`, `.zst`).
    pub format: Option<ExportFormat>,
    /// Skip invalid statements instead of refusing the file.
    pub lenient: bool,
    /// Told the number of statements read so far.
    pub progress: crate::Progress,
}

/// What merging one source did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceReport {
    /// The graph the source's default graph went into.
    pub graph: NamedNode,
    /// The file name.
    pub name: String,
    /// The RDF format.
    pub format: ExportFormat,
    /// Size of the file as stored (compressed), in bytes.
    pub bytes: u64,
    /// Statements merged.
    pub triples: usize,
    /// Invalid statements skipped (lenient mode).
    pub skipped: usize,
    /// The first skipped statements' errors, with their lines.
    pub first_errors: Vec<String>,
    /// Hex SHA-256 of the file as stored.
    pub sha256: String,
    /// True when the same file was already merged into this graph: nothing was written.
    pub unchanged: bool,
}

/// Files at least this large (as stored) are merged with the bulk loader, when the store is on
/// disk; smaller ones in one transaction.
pub const BULK_LOAD_BYTES: u64 = 1 << 20;

/// How often (in statements) progress is reported.
const PROGRESS_EVERY: u64 = 1 << 16;

/// The catalog graph's IRI.
pub fn catalog_graph(minter: &Minter) -> NamedNode {
    NamedNode::new_unchecked(format!("{}catalog", minter.base()))
}

/// The graph a file merges into by default.
pub fn source_graph(minter: &Minter, file_name: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{}source/{}", minter.base(), encode_key(file_name)))
}

/// Hashes a whole file (to decide whether it was merged already).
fn file_sha256(path: &Path) -> Result<String> {
    let mut file = std::fs::File::open(path).map_err(|source| Error::Io { path: path.to_path_buf(), source })?;
    let mut hasher = Sha256::new();
    std::io::copy(&mut file, &mut hasher).map_err(|source| Error::Io { path: path.to_path_buf(), source })?;
    Ok(format!("{:x}", hasher.finalize()))
}

/// Merges one file into `store` (see the module documentation).
pub fn merge_file(store: &NewsStore, minter: &Minter, path: &Path, options: &MergeOptions) -> Result<SourceReport> {
    let source = path.display().to_string();
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("source").to_owned();
    let (inner_name, _) = crate::compress::split_compression(&name);
    let format = match options.format {
        Some(format) => format,
        None => ExportFormat::from_path(Path::new(inner_name))?,
    };
    let graph = options.graph.clone().unwrap_or_else(|| source_graph(minter, &name));
    let sha256 = file_sha256(path)?;
    let catalog = catalog_graph(minter);
    let identifier = Literal::new_simple_literal(format!("sha256:{sha256}"));
    let already = store.contains(
        oxigraph::model::QuadRef::new(
            graph.as_ref(),
            oxigraph::model::NamedNodeRef::new_unchecked(&format!("{DCTERMS}identifier")),
            identifier.as_ref(),
            catalog.as_ref(),
        ),
    )?;
    let bytes_on_disk = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if already {
        return Ok(SourceReport {
            graph,
            name,
            format,
            bytes: bytes_on_disk,
            triples: 0,
            skipped: 0,
            first_errors: Vec::new(),
            sha256,
            unchanged: true,
        });
    }

    let reader = crate::compress::open_decompressed(path)?;
    let parser = RdfParser::from_format(format.rdf_format()).with_default_graph(GraphName::NamedNode(graph.clone()));
    let genid = format!("{}/.well-known/genid/", graph.as_str());
    let mut skolem: HashMap<BlankNode, NamedNode> = HashMap::new();
    let mut skolemize = move |b: &BlankNode| -> NamedNode {
        let next = skolem.len() + 1;
        skolem.entry(b.clone()).or_insert_with(|| NamedNode::new_unchecked(format!("{genid}{next}"))).clone()
    };
    let skipped = std::cell::Cell::new(0usize);
    let mut first_errors = Vec::new();
    let mut read = 0u64;
    let quads = parser.for_reader(reader).filter_map(|result| match result {
        Ok(mut quad) => {
            if let NamedOrBlankNode::BlankNode(b) = &quad.subject {
                quad.subject = skolemize(b).into();
            }
            if let Term::BlankNode(b) = &quad.object {
                quad.object = skolemize(b).into();
            }
            if let GraphName::BlankNode(b) = &quad.graph_name {
                quad.graph_name = skolemize(b).into();
            }
            read += 1;
            if read.is_multiple_of(PROGRESS_EVERY) {
                options.progress.report(read);
            }
            Some(Ok(quad))
        }
        Err(RdfParseError::Io(e)) => Some(Err(crate::compress::decompress_error(&source, e))),
        Err(error) => {
            let located = crate::load::rdf_parse_error(&source, error);
            if !options.lenient {
                return Some(Err(located));
            }
            skipped.set(skipped.get() + 1);
            if first_errors.len() < 5 {
                first_errors.push(located.to_string());
            }
            None
        }
    });
    // Large files on disk go through the bulk loader: staged first, so a bad statement (strict
    // mode) leaves the store as it was; then the old graph and catalog entry go, the staged
    // quads arrive, and the new catalog entry is written last. A crash in between leaves no
    // catalog entry, so merging the file again redoes it.
    let bulk = store.prefers_bulk_load() && bytes_on_disk >= BULK_LOAD_BYTES;
    let (staged, quads) =
        if bulk { (Some(store.stage_bulk_load(quads, |_| ())?), Vec::new()) } else { (None, quads.collect::<Result<Vec<_>>>()?) };
    let triples = staged.as_ref().map_or(quads.len(), |s| s.quads() as usize);
    let skipped = skipped.get();
    let time = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let catalog_name = GraphName::NamedNode(catalog.clone());
    let record = |p: String, o: Term| Quad::new(graph.clone(), NamedNode::new_unchecked(p), o, catalog_name.clone());
    let mut records = vec![
        record(RDF_TYPE.into(), NamedNode::new_unchecked(format!("{VOID}Dataset")).into()),
        record(RDF_TYPE.into(), NamedNode::new_unchecked(format!("{PROV}Entity")).into()),
        record(format!("{DCTERMS}title"), Literal::new_simple_literal(&name).into()),
        record(format!("{DCTERMS}format"), Literal::new_simple_literal(format.rdf_format().media_type()).into()),
        record(format!("{DCTERMS}identifier"), identifier.into()),
        record(format!("{DCAT}byteSize"), Literal::new_typed_literal(bytes_on_disk.to_string(), xsd::INTEGER).into()),
        record(format!("{VOID}triples"), Literal::new_typed_literal(triples.to_string(), xsd::INTEGER).into()),
        record(format!("{PROV}generatedAtTime"), Literal::new_typed_literal(time, xsd::DATE_TIME).into()),
    ];
    if skipped > 0 {
        records.push(record(RDFS_COMMENT.into(), Literal::new_simple_literal(format!("{skipped} invalid statements skipped (lenient merge)")).into()));
    }
    match staged {
        Some(staged) => {
            store.replace_graph_with(&graph, &[], &catalog, &graph, &[])?;
            staged.commit()?;
            store.insert_quads(&records)?;
        }
        None => store.replace_graph_with(&graph, &quads, &catalog, &graph, &records)?,
    }
    Ok(SourceReport { graph, name, format, bytes: bytes_on_disk, triples, skipped, first_errors, sha256, unchanged: false })
}
