//! Typed errors: each names what went wrong, the offending value, and where (file, line, column).

use std::fmt;
use std::path::PathBuf;

/// Where in an input something went wrong. Lines and columns count from 1.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Location {
    /// The file name, or `-` for standard input, or a description of the source.
    pub source: String,
    /// 1-based line, when known.
    pub line: Option<u64>,
    /// 1-based column, when known.
    pub column: Option<u64>,
}

impl Location {
    /// A location naming only the source.
    pub fn new(source: impl Into<String>) -> Self {
        Self { source: source.into(), line: None, column: None }
    }

    /// The same source at a line and column.
    pub fn at(&self, line: u64, column: u64) -> Self {
        Self { source: self.source.clone(), line: Some(line), column: Some(column) }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        Ok(())
    }
}

/// A problem in a facts document that makes it unusable: a dangling reference, an invalid
/// value. `path` says which fact and field, e.g. `events[0] "visit-1" .visitor`.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{path}: {problem}")]
pub struct FactError {
    /// The fact and field.
    pub path: String,
    /// What is wrong with it.
    pub problem: FactProblem,
}

/// What is wrong with a value in a facts document.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FactProblem {
    /// A reference to an entity or fact id that the document does not define.
    #[error("refers to unknown {kind} id {id:?}")]
    UnknownReference {
        /// `entity` or `event`.
        kind: &'static str,
        /// The id that was referenced.
        id: String,
    },
    /// Two entities or two facts with the same id.
    #[error("duplicate id {0:?}")]
    DuplicateId(String),
    /// A date that is not `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, or not a real date.
    #[error("invalid date {value:?}: {reason}")]
    InvalidDate {
        /// The value given.
        value: String,
        /// Why it is invalid.
        reason: String,
    },
    /// A value that must be an absolute IRI and is not.
    #[error("invalid IRI {value:?}: {reason}")]
    InvalidIri {
        /// The value given.
        value: String,
        /// Why it is invalid.
        reason: String,
    },
    /// A Wikidata id that is not `Q` followed by digits.
    #[error("invalid Wikidata id {0:?} (expected Q followed by digits, e.g. Q7747)")]
    InvalidWikidataId(String),
    /// A language tag that is not BCP 47.
    #[error("invalid language tag {0:?}")]
    InvalidLanguageTag(String),
    /// A confidence outside `[0, 1]`.
    #[error("confidence {0} is not between 0 and 1")]
    InvalidConfidence(f64),
    /// A date-time that is not `xsd:dateTime`.
    #[error("invalid date-time {0:?} (expected e.g. 2024-06-21T08:00:00Z)")]
    InvalidDateTime(String),
    /// An evidence span that is empty, reversed or past the end of the text.
    #[error("evidence span {start}..{end} is invalid: {reason}")]
    InvalidSpan {
        /// Start offset.
        start: usize,
        /// End offset.
        end: usize,
        /// Why.
        reason: String,
    },
    /// An evidence text that does not match the article text at its span.
    #[error("evidence text {given:?} does not match the article text {actual:?} at {start}..{end}")]
    SpanTextMismatch {
        /// Start offset.
        start: usize,
        /// End offset.
        end: usize,
        /// The evidence text given.
        given: String,
        /// The article text at that span.
        actual: String,
    },
    /// A field the ontology's shapes require for this kind of fact is absent.
    #[error("is required for {0}")]
    Missing(&'static str),
    /// An empty identifier or name.
    #[error("must not be empty")]
    Empty,
}

/// Every error the newsgraph library returns.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading or writing a file failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// A facts document is not valid JSON or does not follow the facts format.
    #[error("{location}: invalid facts document: {message}")]
    FactsSyntax {
        /// Where.
        location: Location,
        /// The parser's message.
        message: String,
    },
    /// A facts document is well-formed but one of its facts is not usable.
    #[error("{location}: article {article:?}: {error}")]
    Fact {
        /// Where (the file and, for JSON Lines, the line).
        location: Location,
        /// The article's id.
        article: String,
        /// What is wrong (part of this error's message, so not repeated as its source). Boxed:
        /// it is the largest payload, and every `Result` of the crate is as large as its error.
        error: Box<FactError>,
    },
    /// An article file cannot be read as an article (empty, binary, not UTF-8, bad header).
    #[error("{location}: {message}")]
    ArticleInput {
        /// Where.
        location: Location,
        /// What is wrong.
        message: String,
    },
    /// An RDF document could not be parsed.
    #[error("{location}: invalid RDF: {message}")]
    RdfSyntax {
        /// Where.
        location: Location,
        /// The parser's message.
        message: String,
    },
    /// A SPARQL query or update could not be parsed.
    #[error("{location}: invalid SPARQL: {message}")]
    SparqlSyntax {
        /// Where.
        location: Location,
        /// The parser's message.
        message: String,
    },
    /// A SPARQL query or update failed while running.
    #[error("query evaluation failed: {0}")]
    QueryEvaluation(String),
    /// The base IRI given for minting is not usable.
    #[error("invalid base IRI {value:?}: {reason}")]
    InvalidBase {
        /// The value given.
        value: String,
        /// Why.
        reason: String,
    },
    /// A value that must be an IRI (e.g. a graph name) is not one.
    #[error("invalid IRI {value:?}: {reason}")]
    InvalidIri {
        /// The value given.
        value: String,
        /// Why.
        reason: String,
    },
    /// An RDF format name or file extension that newsgraph does not know.
    #[error("unknown RDF format {0:?} (expected turtle, trig, nquads, ntriples, rdfxml or jsonld)")]
    UnknownFormat(String),
    /// The storage layer failed.
    #[error("store {}: {message}", path.as_ref().map_or("(in memory)".to_owned(), |p| p.display().to_string()))]
    Store {
        /// The store directory, if on disk.
        path: Option<PathBuf>,
        /// The cause.
        message: String,
    },
    /// The on-disk store is held by another process (RocksDB allows one writer per store).
    /// Not bad input: exit code 3. Read-only commands fall back to a read-only open instead.
    #[error("store {}: locked by another process (another newsgraph writing to it?); wait for it to finish. Read-only commands (query, export, stats, diff, validate, conflicts, serve) still work: they read a snapshot", path.display())]
    StoreLocked {
        /// The store directory.
        path: PathBuf,
        /// RocksDB's message.
        message: String,
    },
    /// The data cannot be written in the chosen format.
    #[error("cannot write {format}: {reason}")]
    Unrepresentable {
        /// The format.
        format: &'static str,
        /// Why.
        reason: String,
    },
    /// Serializing RDF or results failed.
    #[error("writing output failed: {0}")]
    Write(#[source] std::io::Error),
    /// Comparing or canonicalizing datasets failed (e.g. a graph too complex to canonicalize).
    #[error("canonicalization: {0}")]
    Canonicalization(String),
    /// SHACL shapes could not be loaded or validation could not run.
    #[error("SHACL: {0}")]
    Shacl(String),
    /// The SPARQL endpoint could not start or run (`serve`).
    #[error("serve: {0}")]
    Serve(String),
    /// Sending the store to a remote engine failed (`push`).
    #[error("push: {0}")]
    Push(String),
    /// Link rules (`data/link-rules.json` or a `--rules` file) that cannot be used.
    #[error("{location}: invalid link rules: {message}")]
    Rules {
        /// Where (the rules file).
        location: Location,
        /// What is wrong.
        message: String,
    },
}

impl Error {
    /// True when the error is the user's input (exit code 2) rather than the environment.
    pub fn is_bad_input(&self) -> bool {
        matches!(
            self,
            Error::FactsSyntax { .. }
                | Error::ArticleInput { .. }
                | Error::Io { .. }
                | Error::Fact { .. }
                | Error::RdfSyntax { .. }
                | Error::SparqlSyntax { .. }
                | Error::InvalidBase { .. }
                | Error::InvalidIri { .. }
                | Error::UnknownFormat(_)
                | Error::Rules { .. }
        )
    }
}

/// Shorthand for results of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
