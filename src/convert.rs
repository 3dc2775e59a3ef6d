//! Streaming conversion between RDF formats, file to file, without a store.
//!
//! One thread parses and hands batches of quads to the thread that serializes, so the two
//! halves of the work overlap on two cores, and memory stays constant whatever the file size
//! (a batch at a time). The output keeps the input's statement order, its blank node labels and
//! the prefixes the input declared before its first statement (plus any given), because a
//! streaming writer must declare prefixes before it knows which ones the data will use.

use crate::error::{Error, Location, Result};
use crate::export::ExportFormat;
use oxigraph::io::{RdfParser, RdfSerializer};
use oxigraph::model::{GraphName, Quad};
use std::io::{Read, Write};
use std::sync::mpsc;

/// Quads per batch handed from the parser to the writer: large enough that the channel costs
/// nothing, small enough that memory stays flat.
const BATCH: usize = 4096;

/// Converts RDF: `Converter::new(from, to).with_prefixes(..).convert(reader, writer, "in.nt")`.
#[derive(Debug, Clone)]
pub struct Converter {
    from: ExportFormat,
    to: ExportFormat,
    base: Option<String>,
    prefixes: Vec<(String, String)>,
    union: bool,
}

/// What a conversion did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ConvertReport {
    /// Statements written.
    pub quads: u64,
}

impl Converter {
    /// A converter from `from` to `to`.
    pub fn new(from: ExportFormat, to: ExportFormat) -> Self {
        Self { from, to, base: None, prefixes: Vec::new(), union: false }
    }

    /// Resolves relative IRIs in the input against `base`.
    pub fn with_base(mut self, base: Option<&str>) -> Result<Self> {
        if let Some(base) = base {
            oxigraph::model::NamedNode::new(base).map_err(|e| Error::InvalidIri { value: base.to_owned(), reason: e.to_string() })?;
        }
        self.base = base.map(str::to_owned);
        Ok(self)
    }

    /// Declares these prefixes in the output (Turtle, TriG, RDF/XML, JSON-LD), after the
    /// input's own.
    pub fn with_prefixes<'a>(mut self, prefixes: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<Self> {
        for (name, iri) in prefixes {
            oxigraph::model::NamedNode::new(iri).map_err(|e| Error::InvalidIri { value: iri.to_owned(), reason: e.to_string() })?;
            self.prefixes.push((name.to_owned(), iri.to_owned()));
        }
        Ok(self)
    }

    /// Writes the statements of named graphs into the default graph when the output format has
    /// no named graphs. Without it, such a statement is an error rather than a silent loss.
    pub fn with_union(mut self, union: bool) -> Self {
        self.union = union;
        self
    }

    /// Reads all of `reader` and writes it to `writer`, returning the writer (flushed) and a
    /// report. `source` names the input in errors. On error the output is incomplete: write to
    /// a temporary file and rename on success.
    pub fn convert<R: Read + Send, W: Write>(&self, reader: R, writer: W, source: &str) -> Result<(W, ConvertReport)> {
        let mut parser = RdfParser::from_format(self.from.rdf_format());
        if let Some(base) = &self.base {
            parser = parser.with_base_iri(base.as_str()).map_err(|e| Error::InvalidIri { value: base.clone(), reason: e.to_string() })?;
        }
        let to_dataset = self.to.supports_datasets();
        let union = self.union;
        std::thread::scope(|scope| {
            let (sender, receiver) = mpsc::sync_channel::<Result<Parsed>>(4);
            let parsing = scope.spawn(move || {
                let mut quads = parser.for_reader(reader);
                let mut batch = Vec::with_capacity(BATCH);
                let mut first = true;
                loop {
                    let next = quads.next();
                    let done = next.is_none();
                    match next {
                        Some(Ok(mut quad)) => {
                            if !to_dataset && quad.graph_name != GraphName::DefaultGraph {
                                if !union {
                                    let _ = sender.send(Err(Error::RdfSyntax {
                                        location: Location::new(source),
                                        message: format!(
                                            "a statement in graph {} cannot be written in a format without named graphs; \
                                             use --union to merge the graphs, or TriG, N-Quads or JSON-LD",
                                            quad.graph_name
                                        ),
                                    }));
                                    return;
                                }
                                quad.graph_name = GraphName::DefaultGraph;
                            }
                            batch.push(quad);
                        }
                        Some(Err(error)) => {
                            let _ = sender.send(Err(crate::load::rdf_parse_error(source, error)));
                            return;
                        }
                        None => {}
                    }
                    if batch.len() >= BATCH || done {
                        let prefixes = if first {
                            first = false;
                            {
                            let mut prefixes: Vec<_> = quads.prefixes().map(|(p, i)| (p.to_owned(), i.to_owned())).collect();
                            prefixes.sort();
                            prefixes
                        }
                        } else {
                            Vec::new()
                        };
                        let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                        if sender.send(Ok(Parsed { prefixes, quads: full })).is_err() || done {
                            return;
                        }
                    }
                }
            });
            let written = self.write(receiver, writer);
            // The writer stops reading on its own error; the parser then stops at its next send.
            parsing.join().expect("the parsing thread does not panic");
            written
        })
    }

    fn write<W: Write>(&self, receiver: mpsc::Receiver<Result<Parsed>>, writer: W) -> Result<(W, ConvertReport)> {
        let io = Error::Write;
        let mut report = ConvertReport::default();
        let mut serializer = None;
        let mut writer = Some(writer);
        for parsed in receiver {
            let parsed = parsed?;
            let serializer = match &mut serializer {
                Some(serializer) => serializer,
                None => {
                    let mut format = RdfSerializer::from_format(self.to.rdf_format());
                    let mut declared = std::collections::HashSet::new();
                    for (name, iri) in parsed.prefixes.iter().chain(&self.prefixes) {
                        if declared.insert(name.clone()) {
                            format = format.with_prefix(name.as_str(), iri.as_str()).map_err(|e| Error::InvalidIri { value: iri.clone(), reason: e.to_string() })?;
                        }
                    }
                    serializer.insert(format.for_writer(writer.take().expect("one serializer")))
                }
            };
            for quad in &parsed.quads {
                serializer.serialize_quad(quad).map_err(io)?;
            }
            report.quads += parsed.quads.len() as u64;
        }
        let mut writer = serializer.expect("the parser sends at least one batch").finish().map_err(io)?;
        writer.flush().map_err(io)?;
        Ok((writer, report))
    }
}

/// A batch from the parser; the first one carries the input's prefixes.
struct Parsed {
    prefixes: Vec<(String, String)>,
    quads: Vec<Quad>,
}
