//! SHACL validation with rudof's engine, reported with the shapes' own `sh:message`s.
//!
//! The engine reports generic texts ("MinCount(1) not satisfied"); a user wants the message the
//! shape's author wrote. Each result is traced back to its property shape (by the shape's IRI, or
//! by its path and the constraint's parameter) and that shape's `sh:message` is reported.

use crate::error::{Error, Result};
use crate::export::{ExportFormat, Exporter};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{Graph, NamedNodeRef, Quad, TermRef};
use shacl_validation::shacl_processor::{GraphValidation, ShaclProcessor, ShaclValidationMode};
use shacl_validation::store::{Graph as ShaclGraph, ShaclDataManager};

/// The shapes shipped with newsgraph (`ontology/shapes.ttl`).
pub const BUNDLED_SHAPES: &str = include_str!("../ontology/shapes.ttl");

const SH: &str = "http://www.w3.org/ns/shacl#";

/// A shapes graph, parsed twice: by the engine, and by Oxigraph for looking up messages.
pub struct Shapes {
    text: String,
    source: String,
    graph: Graph,
}

impl Shapes {
    /// The bundled shapes.
    pub fn bundled() -> Result<Self> {
        Self::from_turtle(BUNDLED_SHAPES, "ontology/shapes.ttl")
    }

    /// Shapes from Turtle text; `source` names it in errors.
    pub fn from_turtle(text: &str, source: &str) -> Result<Self> {
        let mut graph = Graph::new();
        for triple in RdfParser::from_format(RdfFormat::Turtle).for_slice(text.as_bytes()) {
            let quad = triple.map_err(|e| crate::load::rdf_parse_error(source, e.into()))?;
            graph.insert(quad.as_ref());
        }
        Ok(Self { text: text.to_owned(), source: source.to_owned(), graph })
    }

    /// The `sh:message` of a property shape identified by IRI.
    fn message_of_shape(&self, shape: &str) -> Option<String> {
        let shape = NamedNodeRef::new(shape).ok()?;
        self.literal(shape.into(), "message")
    }

    fn literal(&self, subject: oxigraph::model::NamedOrBlankNodeRef<'_>, local: &str) -> Option<String> {
        let predicate = oxigraph::model::NamedNode::new_unchecked(format!("{SH}{local}"));
        self.graph.objects_for_subject_predicate(subject, &predicate).find_map(|o| match o {
            TermRef::Literal(l) => Some(l.value().to_owned()),
            _ => None,
        })
    }

    /// The `sh:message` of a property shape with this path that uses the constraint's parameter.
    fn message_by_path(&self, path: &str, component: &str) -> Option<String> {
        let parameter = component_parameter(component)?;
        let sh_path = oxigraph::model::NamedNode::new_unchecked(format!("{SH}path"));
        let sh_parameter = oxigraph::model::NamedNode::new_unchecked(format!("{SH}{parameter}"));
        let path = NamedNodeRef::new(path).ok()?;
        let mut candidates: Vec<String> = self
            .graph
            .subjects_for_predicate_object(&sh_path, path)
            .filter(|shape| self.graph.objects_for_subject_predicate(*shape, &sh_parameter).next().is_some())
            .filter_map(|shape| self.literal(shape, "message"))
            .collect();
        candidates.sort();
        candidates.into_iter().next()
    }
}

/// `…#MinCountConstraintComponent` → `minCount`.
fn component_parameter(component: &str) -> Option<String> {
    let local = component.rsplit('#').next()?.strip_suffix("ConstraintComponent")?;
    let mut chars = local.chars();
    let first = chars.next()?;
    Some(first.to_ascii_lowercase().to_string() + chars.as_str())
}

/// One violated constraint.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Violation {
    /// The node that violates the shape.
    pub focus: String,
    /// The property path, if the constraint is on a property.
    pub path: Option<String>,
    /// The shape's message (or the engine's, when the shape has none).
    pub message: String,
    /// The offending value, if any.
    pub value: Option<String>,
    /// `Violation`, `Warning` or `Info`.
    pub severity: String,
    /// The constraint component.
    pub component: String,
}

/// The outcome of validating a graph.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Every violation, sorted.
    pub violations: Vec<Violation>,
}

impl Report {
    /// True when nothing violates the shapes.
    pub fn conforms(&self) -> bool {
        self.violations.is_empty()
    }
}

fn strip_angles(s: String) -> String {
    s.strip_prefix('<').and_then(|s| s.strip_suffix('>')).map(str::to_owned).unwrap_or(s)
}

/// Validates the union of `quads`' graphs against `shapes`.
pub fn validate(shapes: &Shapes, quads: impl IntoIterator<Item = Result<Quad>>) -> Result<Report> {
    let data = Exporter::new(ExportFormat::NTriples).write_to(quads, Vec::new())?;
    let data = String::from_utf8(data).map_err(|e| Error::Shacl(e.to_string()))?;
    let schema = ShaclDataManager::load(
        &mut shapes.text.as_bytes(),
        &shapes.source,
        rudof_rdf::rdf_core::RDFFormat::Turtle,
        None,
    )
    .map_err(|e| Error::Shacl(format!("{}: {e}", shapes.source)))?;
    let graph = rudof_rdf::rdf_impl::InMemoryGraph::from_str(
        &data,
        &rudof_rdf::rdf_core::RDFFormat::NTriples,
        None,
        &rudof_rdf::rdf_impl::ReaderMode::Strict,
    )
    .map_err(|e| Error::Shacl(format!("data: {e}")))?;
    let graph = ShaclGraph::from_graph(graph).map_err(|e| Error::Shacl(e.to_string()))?;
    let report = GraphValidation::from_graph(graph, ShaclValidationMode::Native)
        .validate(&schema)
        .map_err(|e| Error::Shacl(e.to_string()))?;
    let mut violations: Vec<Violation> = report
        .results()
        .iter()
        .map(|result| {
            let component = strip_angles(result.component().to_string());
            let path = result.path().map(|p| strip_angles(p.to_string()));
            let by_shape = result.source().and_then(|s| shapes.message_of_shape(&strip_angles(s.to_string())));
            let by_path = || path.as_deref().and_then(|p| shapes.message_by_path(p, &component));
            // For sh:or, rudof 0.2 reports the property shape itself as the focus node.
            let focus = strip_angles(result.focus_node().to_string());
            let by_focus_shape = || shapes.message_of_shape(&focus);
            let message = by_shape
                .or_else(by_path)
                .or_else(by_focus_shape)
                .or_else(|| result.message().map(str::to_owned))
                .unwrap_or_else(|| component.clone());
            Violation {
                focus,
                path,
                message,
                value: result.value().map(|v| v.to_string()),
                severity: format!("{:?}", result.severity()),
                component,
            }
        })
        .collect();
    violations.sort();
    violations.dedup();
    Ok(Report { violations })
}
