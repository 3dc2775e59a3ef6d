//! Writing RDF: every format Oxigraph writes, and a readable layout for Turtle and TriG.
//!
//! Oxigraph's serializers do the syntax and escaping; this module decides what they are fed:
//! for Turtle and TriG the quads are sorted (graphs by IRI; subjects by kind — article,
//! provenance, facts, entities, evidence — then by type and IRI; `rdf:type` first, then
//! `rdfs:label`, then predicates by IRI; objects by their N-Triples form) so the serializer
//! groups them with `;` and `,`, and only the prefixes that some IRI in the output actually uses
//! are declared. The same content gives the same bytes, whatever order it was inserted in.

use crate::error::{Error, Result};
use crate::mint::{Minter, KINDS};
use crate::vocab::{ng, rdf, rdfs};
use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer};
use oxigraph::model::{GraphName, NamedNodeRef, NamedOrBlankNode, Quad, Term, TermRef, Triple};
use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Write;
use std::path::Path;

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    /// Turtle (triples: graphs are merged).
    Turtle,
    /// TriG (keeps named graphs).
    TriG,
    /// N-Triples (triples: graphs are merged).
    NTriples,
    /// N-Quads (keeps named graphs).
    NQuads,
    /// RDF/XML (triples: graphs are merged).
    RdfXml,
    /// JSON-LD (keeps named graphs).
    JsonLd,
}

impl ExportFormat {
    /// Every format, in the order help texts list them.
    pub const ALL: [ExportFormat; 6] = [Self::Turtle, Self::TriG, Self::NTriples, Self::NQuads, Self::RdfXml, Self::JsonLd];

    /// The format with this name (`turtle`, `ttl`, `trig`, `nt`, `ntriples`, `nq`, `nquads`,
    /// `rdfxml`, `rdf`, `xml`, `jsonld`, `json-ld`), case-insensitive.
    pub fn from_name(name: &str) -> Result<Self> {
        Ok(match name.to_ascii_lowercase().as_str() {
            "turtle" | "ttl" => Self::Turtle,
            "trig" => Self::TriG,
            "ntriples" | "n-triples" | "nt" => Self::NTriples,
            "nquads" | "n-quads" | "nq" => Self::NQuads,
            "rdfxml" | "rdf/xml" | "rdf-xml" | "rdf" | "xml" | "owl" => Self::RdfXml,
            "jsonld" | "json-ld" => Self::JsonLd,
            _ => return Err(Error::UnknownFormat(name.to_owned())),
        })
    }

    /// The format a file name's extension implies (a trailing `.gz` etc. is not looked through).
    pub fn from_path(path: &Path) -> Result<Self> {
        let extension = path.extension().and_then(|e| e.to_str()).unwrap_or_default();
        Self::from_name(extension).map_err(|_| Error::UnknownFormat(path.display().to_string()))
    }

    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Self::Turtle => "turtle",
            Self::TriG => "trig",
            Self::NTriples => "ntriples",
            Self::NQuads => "nquads",
            Self::RdfXml => "rdfxml",
            Self::JsonLd => "jsonld",
        }
    }

    /// Oxigraph's format.
    pub fn rdf_format(self) -> RdfFormat {
        match self {
            Self::Turtle => RdfFormat::Turtle,
            Self::TriG => RdfFormat::TriG,
            Self::NTriples => RdfFormat::NTriples,
            Self::NQuads => RdfFormat::NQuads,
            Self::RdfXml => RdfFormat::RdfXml,
            Self::JsonLd => RdfFormat::JsonLd { profile: JsonLdProfileSet::empty() },
        }
    }

    /// Whether the format keeps named graphs.
    pub fn supports_datasets(self) -> bool {
        matches!(self, Self::TriG | Self::NQuads | Self::JsonLd)
    }
}

/// The largest dataset exported in the sorted layout; larger ones stream (see
/// [`Exporter::write_to`]).
pub const SORTED_EXPORT_LIMIT: usize = 250_000;

/// Prefixes newsgraph knows, for the vocabularies its graphs use. Data IRIs get one prefix per
/// kind (see [`crate::mint`]) from [`Exporter::with_data_prefixes`].
pub const KNOWN_PREFIXES: &[(&str, &str)] = &[
    ("ng", ng::NAMESPACE),
    ("schema", "http://schema.org/"),
    ("prov", "http://www.w3.org/ns/prov#"),
    ("org", "http://www.w3.org/ns/org#"),
    ("sem", "http://semanticweb.cs.vu.nl/2009/11/sem/"),
    ("skos", "http://www.w3.org/2004/02/skos/core#"),
    ("owl", "http://www.w3.org/2002/07/owl#"),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ("sh", "http://www.w3.org/ns/shacl#"),
    ("dcterms", "http://purl.org/dc/terms/"),
    ("wd", "http://www.wikidata.org/entity/"),
    ("wdt", "http://www.wikidata.org/prop/direct/"),
    ("dbr", "http://dbpedia.org/resource/"),
    ("dbo", "http://dbpedia.org/ontology/"),
    ("foaf", "http://xmlns.com/foaf/0.1/"),
    ("void", "http://rdfs.org/ns/void#"),
];

/// What part of the graph an export shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum View {
    /// Everything.
    #[default]
    Full,
    /// Facts only: no evidence, confidence, extraction records or graph provenance.
    NoProvenance,
    /// Entities linked to Wikidata are written with their Wikidata IRI (and the link itself is
    /// left out), so the file merges into Wikidata-shaped data without sameAs reasoning.
    Wikidata,
}

/// Writes quads in one format: `Exporter::new(format).with_data_prefixes(&minter).write_to(quads, w)`.
#[derive(Debug, Clone)]
pub struct Exporter {
    format: ExportFormat,
    prefixes: Vec<(String, String)>,
    minter: Minter,
    view: View,
    union: bool,
    sorted_limit: usize,
}

impl Exporter {
    /// An exporter for `format` knowing the [`KNOWN_PREFIXES`].
    pub fn new(format: ExportFormat) -> Self {
        let prefixes = KNOWN_PREFIXES.iter().map(|(p, i)| ((*p).to_owned(), (*i).to_owned())).collect();
        Self { format, prefixes, minter: Minter::default(), view: View::Full, union: false, sorted_limit: SORTED_EXPORT_LIMIT }
    }

    /// Shows only part of the graph (see [`View`]).
    pub fn with_view(mut self, view: View) -> Self {
        self.view = view;
        self
    }

    /// Exports datasets of more than `limit` quads in the streaming layout (default
    /// [`SORTED_EXPORT_LIMIT`]): less memory, store order instead of sorted subjects.
    pub fn with_sorted_limit(mut self, limit: usize) -> Self {
        self.sorted_limit = limit;
        self
    }

    /// Merges all graphs into the default graph, also for formats that keep graphs.
    pub fn with_union(mut self, union: bool) -> Self {
        self.union = union;
        self
    }

    /// Adds candidate prefixes; only those the output uses are declared.
    pub fn with_prefixes<'a>(mut self, prefixes: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        for (name, iri) in prefixes {
            self.prefixes.retain(|(n, _)| n != name);
            self.prefixes.push((name.to_owned(), iri.to_owned()));
        }
        self
    }

    /// Adds one prefix per kind of minted IRI under the minter's base (`entity:`, `fact:`, …).
    pub fn with_data_prefixes(mut self, minter: &Minter) -> Self {
        self.minter = minter.clone();
        let owned: Vec<(String, String)> =
            KINDS.iter().map(|(name, segment)| ((*name).to_owned(), format!("{}{segment}", minter.base()))).collect();
        self.with_prefixes(owned.iter().map(|(n, i)| (n.as_str(), i.as_str())))
    }

    /// The format.
    pub fn format(&self) -> ExportFormat {
        self.format
    }

    /// Writes `quads` to `writer` and returns the writer. Formats without named graphs get the
    /// union of all graphs, without duplicates. N-Triples and N-Quads are streamed; the others
    /// are sorted first so their layout is deterministic — up to [`Exporter::with_sorted_limit`]
    /// quads; larger datasets keep the store's order (graph, subject: still deterministic) and
    /// stream. Turtle then may repeat a statement that several graphs hold.
    pub fn write_to<W: Write>(&self, quads: impl IntoIterator<Item = Result<Quad>>, writer: W) -> Result<W> {
        let union = self.union || !self.format.supports_datasets();
        let quads = quads.into_iter().map(move |q| {
            q.map(|mut q| {
                if union {
                    q.graph_name = GraphName::DefaultGraph;
                }
                q
            })
        });
        match self.view {
            View::Full => self.write_quads(quads, writer),
            View::NoProvenance => {
                let hidden: Vec<String> = ["evidence/", "extraction/", "graph/"]
                    .iter()
                    .map(|segment| format!("{}{segment}", self.minter.base()))
                    .collect();
                let keep = move |q: &Quad| {
                    let provenance_predicate = [ng::EVIDENCE_PROP, ng::CONFIDENCE, ng::EXTRACTOR, ng::EXTRACTOR_VERSION]
                        .contains(&q.predicate.as_ref())
                        || q.predicate.as_str().starts_with("http://www.w3.org/ns/prov#");
                    let provenance_subject = match &q.subject {
                        NamedOrBlankNode::NamedNode(s) => hidden.iter().any(|h| s.as_str().starts_with(h.as_str())),
                        _ => false,
                    };
                    !provenance_predicate && !provenance_subject
                };
                self.write_quads(quads.filter(move |q| q.as_ref().map_or(true, &keep)), writer)
            }
            View::Wikidata => {
                let quads = quads.collect::<Result<Vec<_>>>()?;
                self.write_quads(wikidata_view(quads).into_iter().map(Ok), writer)
            }
        }
    }

    fn write_quads<W: Write>(&self, quads: impl Iterator<Item = Result<Quad>>, writer: W) -> Result<W> {
        match self.format {
            ExportFormat::NQuads => {
                let mut serializer = RdfSerializer::from_format(RdfFormat::NQuads).for_writer(writer);
                for quad in quads {
                    serializer.serialize_quad(&quad?).map_err(Error::Write)?;
                }
                serializer.finish().map_err(Error::Write)
            }
            ExportFormat::NTriples => {
                let mut serializer = RdfSerializer::from_format(RdfFormat::NTriples).for_writer(writer);
                let mut seen = HashSet::new();
                for quad in quads {
                    let triple = Triple::from(quad?);
                    if !seen.contains(&triple) {
                        serializer.serialize_triple(&triple).map_err(Error::Write)?;
                        seen.insert(triple);
                    }
                }
                serializer.finish().map_err(Error::Write)
            }
            _ => {
                // Up to SORTED_EXPORT_LIMIT quads the layout is sorted; beyond, the store's own
                // order is kept (graph, then subject) and only each subject's statements are
                // sorted, so large exports stream instead of sorting gigabytes in memory.
                let mut quads = quads;
                let mut buffer = Vec::new();
                for quad in quads.by_ref() {
                    buffer.push(quad?);
                    if buffer.len() > self.sorted_limit {
                        return self.write_streaming(buffer.into_iter().map(Ok).chain(quads), writer);
                    }
                }
                self.write_sorted_layout(buffer, writer)
            }
        }
    }

    /// The sorted, compact layout of a dataset that fits in memory.
    fn write_sorted_layout<W: Write>(&self, quads: Vec<Quad>, writer: W) -> Result<W> {
        match self.format {
            ExportFormat::JsonLd => {
                let quads = sort_for_reading(quads);
                let prefixes = self.used_prefixes(&quads);
                let mut serializer = oxjsonld::JsonLdSerializer::new();
                for (name, iri) in &prefixes {
                    serializer = serializer
                        .with_prefix(*name, *iri)
                        .map_err(|e| Error::InvalidIri { value: (*iri).to_owned(), reason: e.to_string() })?;
                }
                let mut serializer = serializer.for_writer(Vec::new());
                for quad in &quads {
                    serializer.serialize_quad(quad).map_err(Error::Write)?;
                }
                let expanded = serializer.finish().map_err(Error::Write)?;
                // oxjsonld writes the context but full IRIs; shorten them with the context's
                // prefixes (a compaction restricted to compact IRIs and `@type`).
                let mut document: serde_json::Value =
                    serde_json::from_slice(&expanded).map_err(|e| Error::Write(std::io::Error::other(e)))?;
                compact_json_ld(&mut document, &prefixes);
                let mut writer = writer;
                serde_json::to_writer_pretty(&mut writer, &document).map_err(|e| Error::Write(std::io::Error::other(e)))?;
                writer.write_all(b"\n").map_err(Error::Write)?;
                Ok(writer)
            }
            _ => {
                let quads = sort_for_reading(quads);
                if self.format == ExportFormat::RdfXml {
                    check_xml_literals(&quads)?;
                    return self.write_sorted(&quads, CrEscaping(writer)).map(|w| w.0);
                }
                self.write_sorted(&quads, writer)
            }
        }
    }

    /// Writes a dataset too large to sort: statements are grouped by graph and subject as the
    /// store's index gives them, each subject's statements sorted (`rdf:type` first). Turtle and
    /// TriG still declare only the prefixes used: the body goes to a temporary file while the
    /// used prefixes are noted, then the declarations and the body are written out. JSON-LD and
    /// RDF/XML declare every known prefix (their serializers need them before the first
    /// statement) and JSON-LD is not compacted.
    fn write_streaming<W: Write>(&self, quads: impl Iterator<Item = Result<Quad>>, mut writer: W) -> Result<W> {
        let prefixes: Vec<(&str, &str)> = self.prefixes.iter().map(|(n, i)| (n.as_str(), i.as_str())).collect();
        let mut serializer = RdfSerializer::from_format(self.format.rdf_format());
        for (name, iri) in &prefixes {
            serializer =
                serializer.with_prefix(*name, *iri).map_err(|e| Error::InvalidIri { value: (*iri).to_owned(), reason: e.to_string() })?;
        }
        let turtle_like = matches!(self.format, ExportFormat::Turtle | ExportFormat::TriG);
        let xml = self.format == ExportFormat::RdfXml;
        let body = if turtle_like { Some(tempfile::tempfile().map_err(Error::Write)?) } else { None };
        let sink: Box<dyn Write + '_> = match &body {
            // The serializer writes one `@prefix` line per prefix first: they are replaced by
            // the used ones at the end.
            Some(file) => Box::new(SkipLines { lines: prefixes.len(), inner: std::io::BufWriter::with_capacity(1 << 16, file) }),
            None if xml => Box::new(CrEscaping(&mut writer)),
            None => Box::new(&mut writer),
        };
        let mut serializer = serializer.for_writer(sink);
        let mut used = PrefixUse::new(&prefixes, self.format);
        let mut group: Vec<Quad> = Vec::new();
        let mut flush_group = |group: &mut Vec<Quad>, serializer: &mut oxigraph::io::WriterQuadSerializer<Box<dyn Write + '_>>| -> Result<()> {
            group.sort_by(predicate_order);
            group.dedup();
            if xml {
                check_xml_literals(group)?;
            }
            for quad in group.drain(..) {
                used.mark_quad(&quad);
                serializer.serialize_quad(&quad).map_err(Error::Write)?;
            }
            Ok(())
        };
        for quad in quads {
            let quad = quad?;
            if group.first().is_some_and(|first| first.subject != quad.subject || first.graph_name != quad.graph_name) {
                flush_group(&mut group, &mut serializer)?;
            }
            group.push(quad);
        }
        flush_group(&mut group, &mut serializer)?;
        let mut sink = serializer.finish().map_err(Error::Write)?;
        sink.flush().map_err(Error::Write)?;
        drop(sink);
        if let Some(mut body) = body {
            for (name, iri) in used.used() {
                writeln!(writer, "@prefix {name}: <{iri}> .").map_err(Error::Write)?;
            }
            std::io::Seek::seek(&mut body, std::io::SeekFrom::Start(0)).map_err(Error::Write)?;
            std::io::copy(&mut std::io::BufReader::with_capacity(1 << 16, body), &mut writer).map_err(Error::Write)?;
        }
        Ok(writer)
    }

    /// Writes already sorted quads with the Turtle/TriG/RDF-XML serializers.
    fn write_sorted<W: Write>(&self, quads: &[Quad], writer: W) -> Result<W> {
        let mut serializer = RdfSerializer::from_format(self.format.rdf_format());
        for (name, iri) in self.used_prefixes(quads) {
            serializer = serializer
                .with_prefix(name, iri)
                .map_err(|e| Error::InvalidIri { value: iri.to_owned(), reason: e.to_string() })?;
        }
        let mut serializer = serializer.for_writer(writer);
        for quad in quads {
            serializer.serialize_quad(quad).map_err(Error::Write)?;
        }
        serializer.finish().map_err(Error::Write)
    }

    /// The prefixes under which at least one IRI of `quads` is written as a prefixed name.
    fn used_prefixes(&self, quads: &[Quad]) -> Vec<(&str, &str)> {
        let prefixes: Vec<(&str, &str)> = self.prefixes.iter().map(|(n, i)| (n.as_str(), i.as_str())).collect();
        let mut used = PrefixUse::new(&prefixes, self.format);
        for quad in quads {
            used.mark_quad(quad);
        }
        used.used()
    }
}

/// Which of a list of prefixes the serializer will use, noted statement by statement.
struct PrefixUse<'p, 'a> {
    prefixes: &'p [(&'a str, &'a str)],
    used: Vec<bool>,
    format: ExportFormat,
}

impl<'p, 'a> PrefixUse<'p, 'a> {
    fn new(prefixes: &'p [(&'a str, &'a str)], format: ExportFormat) -> Self {
        let mut used = vec![false; prefixes.len()];
        if matches!(format, ExportFormat::RdfXml) {
            // RDF/XML writes `rdf:` element names whatever the data.
            if let Some(i) = prefixes.iter().position(|(n, _)| *n == "rdf") {
                used[i] = true;
            }
        }
        Self { prefixes, used, format }
    }

    fn mark(&mut self, iri: &str) {
        // The serializer tries the longest namespace first, as this does.
        let best = self
            .prefixes
            .iter()
            .enumerate()
            .filter(|(_, (_, ns))| iri.strip_prefix(*ns).is_some_and(is_writable_local_name))
            .max_by_key(|(_, (_, ns))| ns.len());
        if let Some((i, _)) = best {
            self.used[i] = true;
        }
    }

    fn mark_quad(&mut self, quad: &Quad) {
        if let NamedOrBlankNode::NamedNode(s) = &quad.subject {
            self.mark(s.as_str());
        }
        // Turtle and TriG write rdf:type as `a`.
        if !(quad.predicate.as_ref() == rdf::TYPE && matches!(self.format, ExportFormat::Turtle | ExportFormat::TriG)) {
            self.mark(quad.predicate.as_str());
        }
        match &quad.object {
            Term::NamedNode(o) => self.mark(o.as_str()),
            Term::Literal(l) if !is_inline_literal(l.as_ref()) => self.mark(l.datatype().as_str()),
            _ => {}
        }
        if let GraphName::NamedNode(g) = &quad.graph_name {
            self.mark(g.as_str());
        }
    }

    fn used(&self) -> Vec<(&'a str, &'a str)> {
        self.prefixes.iter().zip(&self.used).filter(|(_, u)| **u).map(|(p, _)| *p).collect()
    }
}

/// The order of one subject's statements: `rdf:type` first, then `rdfs:label`, then by
/// predicate IRI, then by object.
fn predicate_order(a: &Quad, b: &Quad) -> Ordering {
    let rank = |p: NamedNodeRef<'_>| -> u8 {
        if p == rdf::TYPE {
            0
        } else if p == rdfs::LABEL {
            1
        } else {
            2
        }
    };
    (rank(a.predicate.as_ref()), a.predicate.as_str())
        .cmp(&(rank(b.predicate.as_ref()), b.predicate.as_str()))
        .then_with(|| term_key(a.object.as_ref()).cmp(&term_key(b.object.as_ref())))
}

/// Drops the first `lines` lines written, then passes everything through.
struct SkipLines<W: Write> {
    lines: usize,
    inner: W,
}

impl<W: Write> Write for SkipLines<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut rest = buf;
        while self.lines > 0 && !rest.is_empty() {
            match rest.iter().position(|&b| b == b'\n') {
                Some(end) => {
                    self.lines -= 1;
                    rest = &rest[end + 1..];
                }
                None => rest = &[],
            }
        }
        self.inner.write_all(rest)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// XML 1.0 cannot carry the C0 control characters other than tab, line feed and carriage
/// return, not even as character references: refuse rather than write a broken file.
fn check_xml_literals(quads: &[Quad]) -> Result<()> {
    for quad in quads {
        if let Term::Literal(literal) = &quad.object {
            if let Some(c) = literal.value().chars().find(|c| (*c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r')) {
                return Err(Error::Unrepresentable {
                    format: "RDF/XML",
                    reason: format!("the literal {literal} holds the control character U+{:04X}, which XML 1.0 cannot express", c as u32),
                });
            }
        }
    }
    Ok(())
}

/// Writes a raw carriage return as `&#xD;`: XML parsers turn a raw one into a line feed. In the
/// RDF/XML Oxigraph writes, a carriage return can only come from a literal or an IRI.
struct CrEscaping<W: Write>(W);

impl<W: Write> Write for CrEscaping<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        for (i, part) in buf.split(|&b| b == b'\r').enumerate() {
            if i > 0 {
                self.0.write_all(b"&#xD;")?;
            }
            self.0.write_all(part)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

/// Replaces absolute IRIs in keys, `@id` and `@type` values by compact IRIs `prefix:local`,
/// and `rdf:type` properties by `@type`. Everything else stays as oxjsonld wrote it.
fn compact_json_ld(value: &mut serde_json::Value, prefixes: &[(&str, &str)]) {
    use serde_json::Value;
    let compact = |iri: &str| -> String {
        prefixes
            .iter()
            // A suffix starting with `//` would make `prefix://…` read as an absolute IRI
            // (JSON-LD 1.1, IRI expansion): such IRIs stay absolute.
            .filter(|(_, ns)| iri.len() > ns.len() && iri.starts_with(ns) && !iri[ns.len()..].starts_with("//"))
            .max_by_key(|(_, ns)| ns.len())
            .map(|(name, ns)| format!("{name}:{}", &iri[ns.len()..]))
            .unwrap_or_else(|| iri.to_owned())
    };
    match value {
        Value::Array(items) => items.iter_mut().for_each(|v| compact_json_ld(v, prefixes)),
        Value::Object(map) => {
            let entries = std::mem::take(map);
            for (key, mut inner) in entries {
                if key == "@context" {
                    map.insert(key, inner);
                    continue;
                }
                if key == rdf::TYPE.as_str() {
                    if let Value::Array(types) = &inner {
                        let ids: Option<Vec<Value>> = types
                            .iter()
                            .map(|t| t.get("@id").and_then(Value::as_str).map(|id| Value::String(compact(id))))
                            .collect();
                        if let Some(ids) = ids {
                            map.insert("@type".to_owned(), Value::Array(ids));
                            continue;
                        }
                    }
                }
                match (key.as_str(), &mut inner) {
                    ("@id" | "@type", Value::String(iri)) => *iri = compact(iri),
                    _ => compact_json_ld(&mut inner, prefixes),
                }
                let key = if key.starts_with('@') { key } else { compact(&key) };
                map.insert(key, inner);
            }
        }
        _ => {}
    }
}

/// Rewrites entities linked to Wikidata (`skos:exactMatch` / `owl:sameAs` a `wd:` IRI) onto
/// their Wikidata IRI and drops the links themselves.
fn wikidata_view(quads: Vec<Quad>) -> Vec<Quad> {
    use crate::vocab::{owl, skos, WIKIDATA_ENTITY};
    use oxigraph::model::NamedNode;
    let mut to_wikidata: HashMap<NamedNode, NamedNode> = HashMap::new();
    for q in &quads {
        if [skos::EXACT_MATCH, owl::SAME_AS].contains(&q.predicate.as_ref()) {
            if let (NamedOrBlankNode::NamedNode(s), Term::NamedNode(o)) = (&q.subject, &q.object) {
                if o.as_str().starts_with(WIKIDATA_ENTITY) {
                    to_wikidata.insert(s.clone(), o.clone());
                }
            }
        }
    }
    quads
        .into_iter()
        .filter(|q| {
            let is_link = [skos::EXACT_MATCH, owl::SAME_AS].contains(&q.predicate.as_ref())
                && matches!(&q.subject, NamedOrBlankNode::NamedNode(s) if to_wikidata.contains_key(s));
            !is_link
        })
        .map(|mut q| {
            if let NamedOrBlankNode::NamedNode(s) = &q.subject {
                if let Some(wd) = to_wikidata.get(s) {
                    q.subject = wd.clone().into();
                }
            }
            if let Term::NamedNode(o) = &q.object {
                if let Some(wd) = to_wikidata.get(o) {
                    q.object = wd.clone().into();
                }
            }
            q
        })
        .collect()
}

/// Whether the Turtle serializer writes this literal without a datatype IRI.
fn is_inline_literal(literal: oxigraph::model::LiteralRef<'_>) -> bool {
    use oxigraph::model::vocab::xsd;
    let value = literal.value();
    let unsigned = value.strip_prefix(['+', '-']).unwrap_or(value);
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    match literal.datatype() {
        d if d == xsd::STRING || d == oxigraph::model::vocab::rdf::LANG_STRING => true,
        d if d == xsd::BOOLEAN => matches!(value, "true" | "false"),
        d if d == xsd::INTEGER => digits(unsigned),
        d if d == xsd::DECIMAL => unsigned.split_once('.').is_some_and(|(a, b)| (a.is_empty() || digits(a)) && digits(b)),
        // Doubles are rare in our graphs; declaring xsd for them is harmless.
        _ => false,
    }
}

/// Whether `local` can follow a prefix in Turtle (with the escapes the serializer knows).
fn is_writable_local_name(local: &str) -> bool {
    let mut chars = local.chars().peekable();
    let Some(first) = chars.next() else { return true };
    if !(is_pn_chars_u(first) || first == ':' || first.is_ascii_digit() || is_escapable(first)) {
        return false;
    }
    while let Some(c) = chars.next() {
        let last = chars.peek().is_none();
        if !(is_pn_chars(c) || c == ':' || (c == '.' && !last) || is_escapable(c)) {
            return false;
        }
    }
    true
}

fn is_pn_chars_base(c: char) -> bool {
    matches!(c,
        'A'..='Z' | 'a'..='z' | '\u{00C0}'..='\u{00D6}' | '\u{00D8}'..='\u{00F6}' | '\u{00F8}'..='\u{02FF}'
        | '\u{0370}'..='\u{037D}' | '\u{037F}'..='\u{1FFF}' | '\u{200C}'..='\u{200D}' | '\u{2070}'..='\u{218F}'
        | '\u{2C00}'..='\u{2FEF}' | '\u{3001}'..='\u{D7FF}' | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}'
        | '\u{10000}'..='\u{EFFFF}')
}

fn is_pn_chars_u(c: char) -> bool {
    is_pn_chars_base(c) || c == '_'
}

fn is_pn_chars(c: char) -> bool {
    is_pn_chars_u(c)
        || matches!(c, '-' | '0'..='9' | '\u{00B7}' | '\u{0300}'..='\u{036F}' | '\u{203F}'..='\u{2040}')
}

fn is_escapable(c: char) -> bool {
    matches!(c, '_' | '~' | '.' | '-' | '!' | '$' | '&' | '\'' | '(' | ')' | '*' | '+' | ',' | ';' | '=' | '/' | '?' | '#' | '@' | '%')
}

/// Rank of a subject by its most telling type, so that a reader meets the article first, then
/// its provenance, the facts, the entities and the evidence last.
fn kind_rank(types: &[&str]) -> u8 {
    let rank_of = |t: &str| -> u8 {
        let Some(local) = t.strip_prefix(ng::NAMESPACE) else {
            return if t == "http://www.w3.org/ns/prov#Entity" { 1 } else { 7 };
        };
        match local {
            "Article" => 0,
            "Extraction" => 2,
            "Visit" | "Meeting" | "Signing" | "Invitation" | "Event" => 3,
            "Agreement" | "Treaty" | "Memorandum" | "Statement" | "Quote" | "Affiliation" => 4,
            "Evidence" => 8,
            _ => 5,
        }
    };
    types.iter().map(|t| rank_of(t)).min().unwrap_or(9)
}

fn term_key(term: TermRef<'_>) -> String {
    term.to_string()
}

/// A quad's place in the reading order: graph, subject kind, subject, predicate rank,
/// predicate, object.
type ReadingKey = (String, (u8, String), String, u8, String, String);

/// Sorts quads into the reading order described in the module documentation.
fn sort_for_reading(mut quads: Vec<Quad>) -> Vec<Quad> {
    quads.sort_by_cached_key(|q| q.to_string());
    quads.dedup();
    // The type-based key of each subject within each graph.
    let mut types: HashMap<(String, String), Vec<&str>> = HashMap::new();
    for quad in &quads {
        if quad.predicate.as_ref() == rdf::TYPE {
            if let Term::NamedNode(t) = &quad.object {
                types.entry((quad.graph_name.to_string(), quad.subject.to_string())).or_default().push(t.as_str());
            }
        }
    }
    let subject_key: BTreeMap<(String, String), (u8, String)> = types
        .iter()
        .map(|(k, ts)| {
            let first_type = ts.iter().min().map(|t| (*t).to_owned()).unwrap_or_default();
            (k.clone(), (kind_rank(ts), first_type))
        })
        .collect();
    let predicate_rank = |p: NamedNodeRef<'_>| -> u8 {
        if p == rdf::TYPE {
            0
        } else if p == rdfs::LABEL {
            1
        } else {
            2
        }
    };
    let mut keyed: Vec<(ReadingKey, Quad)> = quads
        .into_iter()
        .map(|q| {
            let graph = q.graph_name.to_string();
            let subject = q.subject.to_string();
            let kind = subject_key.get(&(graph.clone(), subject.clone())).cloned().unwrap_or((9, String::new()));
            let key = (
                graph,
                kind,
                subject,
                predicate_rank(q.predicate.as_ref()),
                q.predicate.to_string(),
                term_key(q.object.as_ref()),
            );
            (key, q)
        })
        .collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0).then(Ordering::Equal));
    keyed.into_iter().map(|(_, q)| q).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_names_the_serializer_can_write() {
        assert!(is_writable_local_name("Vladimir_Putin"));
        assert!(is_writable_local_name("tass-2024.visit-1"));
        assert!(is_writable_local_name("a.")); // the serializer escapes a final dot
        assert!(!is_writable_local_name("a b"));
    }

    #[test]
    fn formats_by_name_and_extension() {
        assert_eq!(ExportFormat::from_name("TTL").unwrap(), ExportFormat::Turtle);
        assert_eq!(ExportFormat::from_path(Path::new("out/x.nq")).unwrap(), ExportFormat::NQuads);
        assert!(ExportFormat::from_name("csv").is_err());
    }
}
