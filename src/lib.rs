//! newsgraph turns news articles into an RDF knowledge graph you can query, export and merge.
//!
//! Data flows one way: article → [facts](ArticleFacts) → [quads](Mapper) →
//! [store](NewsStore) → [query](NewsStore::query) / [export](Exporter).
//!
//! ```
//! use newsgraph::{read_facts, map_documents, Exporter, ExportFormat, Mapper, Minter, NewsStore};
//!
//! let facts = r#"{"article": {"id": "a1", "title": "Leaders meet", "date": "2024-06-20"},
//!   "entities": [{"id": "p", "name": "Vladimir Putin", "type": "Person", "wikidata": "Q7747"},
//!                {"id": "c", "name": "Pyongyang", "type": "City"}],
//!   "events": [{"id": "v", "kind": "Visit", "visitor": "p", "destination": ["c"], "start": "2024-06-18",
//!               "evidence": {"start": 0, "end": 10}, "confidence": 0.9}]}"#;
//! let documents = read_facts(facts.as_bytes(), "example.json")?;
//! let mapper = Mapper::new(Minter::default());
//! let store = NewsStore::in_memory()?;
//! store.ingest(&map_documents(&mapper, &documents)?)?;
//!
//! let results = store.query("ASK { GRAPH ?g { ?v <https://w3id.org/newsgraph/ns#visitor> ?p } }", "example")?;
//! assert!(matches!(results, oxigraph::sparql::QueryResults::Boolean(true)));
//!
//! let turtle = Exporter::new(ExportFormat::Turtle)
//!     .with_data_prefixes(mapper.minter())
//!     .write_to(store.quads(None), Vec::new())?;
//! assert!(String::from_utf8(turtle).unwrap().contains("entity:Vladimir_Putin"));
//! # Ok::<(), newsgraph::Error>(())
//! ```

mod allocator;
mod article;
mod canon;
mod compress;
mod conflicts;
mod convert;
mod error;
mod eval;
mod extract;
mod export;
mod facts;
mod infer;
mod ingest;
mod input;
mod link;
mod load;
mod map;
mod merge;
mod mint;
mod progress;
mod push;
mod serve;
mod shacl;
mod stats;
mod store;
pub mod vocab;

pub use allocator::Allocator;
pub use article::{month_number, parse_dateline, read_article_file, read_jsonl_articles, read_jsonl_articles_each, read_text_article, Article, Dateline};
pub use canon::{canonical_nquads, isomorphic};
pub use compress::{decompress, open_decompressed, split_compression, Compression};
pub use conflicts::{find_conflicts, Conflict, ConflictReport, ConflictSource, ConflictValue, EvidenceText};
pub use convert::{ConvertReport, Converter};
pub use error::{Error, FactError, FactProblem, Location, Result};
pub use eval::{score, KindScore, Scores};
pub use extract::{Explanation, Extracted, Extractor};
pub use export::{ExportFormat, Exporter, View, KNOWN_PREFIXES, SORTED_EXPORT_LIMIT};
pub use facts::*;
/// The string type of the facts' texts (inline up to 24 bytes; reads as `&str`): re-exported so
/// that users need not depend on `compact_str`.
pub use compact_str::CompactString;
pub use infer::{infer, inferred_graph, with_inferences, InferReport};
pub use ingest::{ingest_streaming, input_bytes, map_documents, Batch, BULK_INGEST_BYTES};
pub use input::{discover, jsonl_file_holds_facts, jsonl_holds_facts, read_facts, read_facts_each, read_facts_file, Discovery, InputKind, Located, FACTS_CHUNK_BYTES};
pub use link::{
    date_interval, link, links_graph, normalize_label, ChainRule, ConflictRule, Correspondence, EventKindRule, EventRule, Fusion,
    LabelRule, LinkMethod, LinkOptions, LinkReport, LinkRules, MethodRule, RoleMatch, BULK_LINK_QUADS, BUNDLED_RULES,
};
pub use load::RdfReader;
pub use map::{date_literal, MappedArticle, Mapper};
pub use merge::{catalog_graph, merge_file, source_graph, MergeOptions, SourceReport, BULK_LOAD_BYTES};
pub use mint::{encode_key, normalize_name, Minter, DEFAULT_BASE};
pub use progress::Progress;
pub use push::{push, Auth, GraphPush, PushOptions, PushReport};
pub use serve::{ServeOptions, Server, EXAMPLE_QUERIES};
pub use shacl::{validate, Report as ShaclReport, Shapes, Violation, BUNDLED_SHAPES};
pub use stats::Stats;
pub use store::{IngestReport, NewsStore, StagedLoad};

/// The ontology (`ontology/newsgraph.ttl`), bundled.
pub const ONTOLOGY: &str = include_str!("../ontology/newsgraph.ttl");

/// The JSON Schema of the facts format, generated from the Rust types.
pub fn facts_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(ArticleFacts)).expect("a schema serializes")
}

/// The README's Rust examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
