//! The conflict report: where sources disagree on a property that can have only one value.
//!
//! Why: once articles and knowledge bases are merged and linked, one thing can get two birth
//! dates, one visit two start dates. Neither is silently right; a reader wants both values, the
//! graph (source) each came from, and the article text behind it, to decide.
//!
//! Which properties: every `owl:FunctionalProperty` of the ontology (when the rules say so) and
//! the rules' `conflicts.single_valued` groups — properties of one group (`schema:birthDate`,
//! `wdt:P569`, `dbo:birthDate`) count as one — minus `conflicts.ignore` (`ng:confidence` by
//! default: two extractors' confidences do not disagree about the world).
//!
//! Subjects are compared through the links ([`Fusion`]): our entity and its linked Wikidata item
//! are one subject, two linked visit facts of two articles are one visit. Values too (an IRI
//! value is replaced by its canonical IRI). Two values conflict unless they are equal or, for
//! dates, one contains the other (`2024-06` does not contradict `2024-06-18`); a subject is
//! reported when two of its values conflict, with all its values. Derived graphs (links,
//! inferred, catalog) are not sources. Output is sorted.

use crate::error::{Error, Result};
use crate::infer::{is_derived_graph, Ontology};
use crate::link::{date_interval, is_date_datatype, Fusion, LinkRules};
use crate::mint::Minter;
use crate::store::NewsStore;
use crate::vocab::ng;
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode, Quad, Term};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

/// Everything the report found.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ConflictReport {
    /// The conflicts, sorted by subject and property.
    pub conflicts: Vec<Conflict>,
}

/// One subject with conflicting values of one single-valued property (group).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Conflict {
    /// The subject's canonical IRI (or blank node).
    pub subject: String,
    /// The IRIs fused into it that carry a value, sorted.
    pub members: Vec<String>,
    /// The property group, as configured.
    pub properties: Vec<String>,
    /// The values, sorted by their N-Triples form.
    pub values: Vec<ConflictValue>,
}

/// One value and where it comes from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConflictValue {
    /// The lexical form (a literal's value, an IRI).
    pub value: String,
    /// The N-Triples form.
    pub term: String,
    /// The statements that give it.
    pub sources: Vec<ConflictSource>,
}

/// A statement that gives a value.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct ConflictSource {
    /// The graph (the source); empty for the default graph.
    pub graph: String,
    /// The subject as that graph names it.
    pub node: String,
    /// The property it uses.
    pub property: String,
    /// The evidence spans that graph gives for the node (`ng:evidence`), with their text.
    pub evidence: Vec<EvidenceText>,
}

/// An evidence span.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct EvidenceText {
    /// The evidence IRI.
    pub iri: String,
    /// Its `ng:exactText`, when given.
    pub text: Option<String>,
}

impl ConflictReport {
    /// True when nothing conflicts.
    pub fn is_empty(&self) -> bool {
        self.conflicts.is_empty()
    }

    /// One CSV row (RFC 4180) per value and source: `subject,property,value,term,graph,node,
    /// node_property,evidence_text` (several evidence texts joined by ` | `).
    pub fn write_csv<W: Write>(&self, mut out: W) -> Result<W> {
        let field = |s: &str| -> String {
            if s.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", s.replace('"', "\"\""))
            } else {
                s.to_owned()
            }
        };
        let mut write = |cells: &[&str]| -> Result<()> {
            let line: Vec<String> = cells.iter().map(|c| field(c)).collect();
            out.write_all(format!("{}\r\n", line.join(",")).as_bytes()).map_err(Error::Write)
        };
        write(&["subject", "property", "value", "term", "graph", "node", "node_property", "evidence_text"])?;
        for conflict in &self.conflicts {
            for value in &conflict.values {
                for source in &value.sources {
                    let texts: Vec<&str> = source.evidence.iter().filter_map(|e| e.text.as_deref()).collect();
                    write(&[
                        &conflict.subject,
                        &conflict.properties.join(" "),
                        &value.value,
                        &value.term,
                        &source.graph,
                        &source.node,
                        &source.property,
                        &texts.join(" | "),
                    ])?;
                }
            }
        }
        Ok(out)
    }
}

/// The properties checked: the rules' groups, then each remaining functional property of the
/// ontology on its own; ignored properties removed.
fn property_groups(rules: &LinkRules) -> Result<Vec<Vec<NamedNode>>> {
    let ignore = &rules.conflicts.ignore;
    let mut groups: Vec<Vec<NamedNode>> = Vec::new();
    let mut seen = BTreeSet::new();
    for group in &rules.conflicts.single_valued {
        let group: Vec<NamedNode> = group.iter().filter(|p| !ignore.contains(*p) && seen.insert((*p).clone())).cloned().collect();
        if !group.is_empty() {
            groups.push(group);
        }
    }
    if rules.conflicts.from_ontology {
        for property in Ontology::bundled()?.functional {
            if !ignore.contains(&property) && seen.insert(property.clone()) {
                groups.push(vec![property]);
            }
        }
    }
    Ok(groups)
}

/// Where a value was stated: graph, subject as the graph names it, property.
type Statement = (String, String, String);

/// Whether two values can both be true of one subject.
fn compatible(a: &Term, b: &Term) -> bool {
    if a == b {
        return true;
    }
    match (a, b) {
        (Term::Literal(x), Term::Literal(y)) if is_date_datatype(x.datatype()) && is_date_datatype(y.datatype()) => {
            match (date_interval(x.value()), date_interval(y.value())) {
                (Some(x), Some(y)) => (x.0 <= y.0 && y.1 <= x.1) || (y.0 <= x.0 && x.1 <= y.1),
                _ => false,
            }
        }
        _ => false,
    }
}

/// Finds conflicts in `store` (see the module documentation).
pub fn find_conflicts(store: &NewsStore, minter: &Minter, rules: &LinkRules) -> Result<ConflictReport> {
    let fusion = Fusion::from_store(store, minter)?;
    let storage = |e: oxigraph::store::StorageError| Error::Store { path: store.path().map(Into::into), message: e.to_string() };
    let mut conflicts = Vec::new();
    for group in property_groups(rules)? {
        // Canonical subject → value (N-Triples) → (value, its sources).
        let mut by_subject: BTreeMap<String, BTreeMap<String, (Term, BTreeSet<Statement>)>> = BTreeMap::new();
        let mut nodes: BTreeMap<(String, String), NamedOrBlankNode> = BTreeMap::new();
        for property in &group {
            for quad in store.oxigraph().quads_for_pattern(None, Some(property.as_ref()), None, None) {
                let quad = quad.map_err(storage)?;
                if is_derived_graph(quad.graph_name.as_ref(), minter) {
                    continue;
                }
                let subject = match &quad.subject {
                    NamedOrBlankNode::NamedNode(n) => fusion.canonical(n).to_string(),
                    other => other.to_string(),
                };
                let value = match &quad.object {
                    Term::NamedNode(n) => Term::NamedNode(fusion.canonical(n).clone()),
                    other => other.clone(),
                };
                let graph = match &quad.graph_name {
                    GraphName::NamedNode(g) => g.as_str().to_owned(),
                    GraphName::BlankNode(b) => b.to_string(),
                    GraphName::DefaultGraph => String::new(),
                };
                let node = match &quad.subject {
                    NamedOrBlankNode::NamedNode(n) => n.as_str().to_owned(),
                    other => other.to_string(),
                };
                nodes.insert((graph.clone(), node.clone()), quad.subject.clone());
                by_subject
                    .entry(subject)
                    .or_default()
                    .entry(value.to_string())
                    .or_insert_with(|| (value.clone(), BTreeSet::new()))
                    .1
                    .insert((graph, node, quad.predicate.as_str().to_owned()));
            }
        }
        for (subject, values) in by_subject {
            let terms: Vec<&Term> = values.values().map(|(t, _)| t).collect();
            let disagree = terms.iter().enumerate().any(|(i, a)| terms[i + 1..].iter().any(|b| !compatible(a, b)));
            if !disagree {
                continue;
            }
            let mut members = BTreeSet::new();
            let mut report_values = Vec::new();
            for (term_string, (term, sources)) in values {
                let mut report_sources = Vec::new();
                for (graph, node, property) in sources {
                    members.insert(node.clone());
                    let evidence = evidence_of(store, &nodes[&(graph.clone(), node.clone())], &graph)?;
                    report_sources.push(ConflictSource { graph, node, property, evidence });
                }
                let value = match &term {
                    Term::Literal(l) => l.value().to_owned(),
                    Term::NamedNode(n) => n.as_str().to_owned(),
                    other => other.to_string(),
                };
                report_values.push(ConflictValue { value, term: term_string, sources: report_sources });
            }
            conflicts.push(Conflict {
                subject: subject.strip_prefix('<').and_then(|s| s.strip_suffix('>')).unwrap_or(&subject).to_owned(),
                members: members.into_iter().collect(),
                properties: group.iter().map(|p| p.as_str().to_owned()).collect(),
                values: report_values,
            });
        }
    }
    conflicts.sort_by(|a, b| (&a.subject, &a.properties).cmp(&(&b.subject, &b.properties)));
    Ok(ConflictReport { conflicts })
}

/// The evidence `graph` gives for `node`, with the texts.
fn evidence_of(store: &NewsStore, node: &NamedOrBlankNode, graph: &str) -> Result<Vec<EvidenceText>> {
    let Ok(graph) = NamedNode::new(graph) else { return Ok(Vec::new()) };
    let graph = GraphName::NamedNode(graph);
    let storage = |e: oxigraph::store::StorageError| Error::Store { path: store.path().map(Into::into), message: e.to_string() };
    let mut out = Vec::new();
    let quads: Vec<Quad> = store
        .oxigraph()
        .quads_for_pattern(Some(node.as_ref()), Some(ng::EVIDENCE_PROP), None, Some(graph.as_ref()))
        .collect::<std::result::Result<_, _>>()
        .map_err(storage)?;
    for quad in quads {
        let Term::NamedNode(evidence) = &quad.object else { continue };
        let text = store
            .oxigraph()
            .quads_for_pattern(Some(evidence.as_ref().into()), Some(ng::EXACT_TEXT), None, Some(graph.as_ref()))
            .next()
            .transpose()
            .map_err(storage)?
            .and_then(|q| match q.object {
                Term::Literal(l) => Some(l.value().to_owned()),
                _ => None,
            });
        out.push(EvidenceText { iri: evidence.as_str().to_owned(), text });
    }
    out.sort();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::vocab::xsd;
    use oxigraph::model::Literal;

    #[test]
    fn a_less_precise_date_does_not_contradict_a_more_precise_one() {
        let date = |v: &str, t| Term::Literal(Literal::new_typed_literal(v, t));
        assert!(compatible(&date("2024-06", xsd::G_YEAR_MONTH), &date("2024-06-18", xsd::DATE)));
        assert!(!compatible(&date("2024-06-18", xsd::DATE), &date("2024-06-19", xsd::DATE)));
        assert!(!compatible(&date("2024-05", xsd::G_YEAR_MONTH), &date("2024-06-18", xsd::DATE)));
        assert!(!compatible(&Term::Literal(Literal::new_simple_literal("a")), &Term::Literal(Literal::new_simple_literal("b"))));
    }

    #[test]
    fn bundled_groups_include_functional_terms_but_not_confidence() {
        let groups = property_groups(&LinkRules::bundled().unwrap()).unwrap();
        let all: Vec<&str> = groups.iter().flatten().map(|p| p.as_str()).collect();
        assert!(all.contains(&ng::START_DATE.as_str()));
        assert!(all.contains(&"http://www.wikidata.org/prop/direct/P569"));
        assert!(!all.contains(&ng::CONFIDENCE.as_str()));
    }
}
