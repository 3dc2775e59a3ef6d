//! Reading RDF files in any format Oxigraph parses, with errors that name file, line and column.

use crate::error::{Error, Location, Result};
use crate::export::ExportFormat;
use oxigraph::io::{RdfParseError, RdfParser};
use oxigraph::model::{GraphName, NamedNode, Quad};
use std::io::Read;

/// Reads RDF: `RdfReader::new(format).with_base(..).into_graph(..).read(reader, "file.ttl")`.
#[derive(Debug, Clone)]
pub struct RdfReader {
    format: ExportFormat,
    base: Option<String>,
    graph: Option<NamedNode>,
}

impl RdfReader {
    /// A reader for `format`.
    pub fn new(format: ExportFormat) -> Self {
        Self { format, base: None, graph: None }
    }

    /// Resolves relative IRIs against `base`.
    pub fn with_base(mut self, base: Option<&str>) -> Result<Self> {
        if let Some(base) = base {
            NamedNode::new(base).map_err(|e| Error::InvalidIri { value: base.to_owned(), reason: e.to_string() })?;
        }
        self.base = base.map(str::to_owned);
        Ok(self)
    }

    /// Puts the default graph's triples into `graph` instead.
    pub fn into_graph(mut self, graph: Option<NamedNode>) -> Self {
        self.graph = graph;
        self
    }

    fn parser(&self) -> Result<RdfParser> {
        let mut parser = RdfParser::from_format(self.format.rdf_format()).rename_blank_nodes();
        if let Some(base) = &self.base {
            parser = parser
                .with_base_iri(base.as_str())
                .map_err(|e| Error::InvalidIri { value: base.clone(), reason: e.to_string() })?;
        }
        if let Some(graph) = &self.graph {
            parser = parser.with_default_graph(GraphName::NamedNode(graph.clone()));
        }
        Ok(parser)
    }

    /// Parses everything `reader` holds; the first syntax error stops the read.
    pub fn read(&self, reader: impl Read, source: &str) -> Result<Vec<Quad>> {
        self.quads(reader, source)?.collect()
    }

    /// The quads `reader` holds, as they are parsed (constant memory); the first syntax error
    /// ends the iteration.
    pub fn quads<'a>(&self, reader: impl Read + 'a, source: &'a str) -> Result<impl Iterator<Item = Result<Quad>> + 'a> {
        Ok(self.parser()?.for_reader(reader).map(move |q| q.map_err(|e| rdf_parse_error(source, e))))
    }
}

/// An RDF parse error located in `source` (positions shown 1-based).
pub(crate) fn rdf_parse_error(source: &str, error: RdfParseError) -> Error {
    match error {
        RdfParseError::Io(e) => Error::RdfSyntax { location: Location::new(source), message: e.to_string() },
        RdfParseError::Syntax(e) => {
            let location = match e.location() {
                Some(range) => Location::new(source).at(range.start.line + 1, range.start.column + 1),
                None => Location::new(source),
            };
            Error::RdfSyntax { location, message: e.to_string() }
        }
    }
}
