//! Querying across vocabularies: RDFS entailment from the ontology's alignment axioms,
//! materialized into one derived graph, `BASE inferred`.
//!
//! Why: our graphs say `ng:Visit` and `ng:visitor`; someone who knows schema.org or Wikidata
//! asks for `schema:Event` or `wdt:P710`. The ontology already states how the terms relate;
//! materializing what follows lets plain SPARQL (any graph, any engine) see it, without mixing
//! derived statements into the asserted graphs: they live in their own graph, replaced on each
//! run, so dropping it undoes the inference.
//!
//! What is entailed (from the bundled ontology, `ontology/newsgraph.ttl`, applied to every graph
//! except `BASE inferred` itself):
//!
//! - `rdfs:subClassOf` and `rdfs:subPropertyOf`, transitively (rdfs9, rdfs7, rdfs11, rdfs5);
//!   `owl:equivalentClass` / `owl:equivalentProperty` count as sub-class / sub-property both ways;
//! - policy: `skos:exactMatch` and `skos:closeMatch` from an `ng:` property to a Wikidata
//!   direct property (`wdt:`) count as `rdfs:subPropertyOf` (so `ng:visitor` → `ng:participant`
//!   → `wdt:P710`). A close match is weaker than equivalence, but every closeMatch the ontology
//!   states to a `wdt:` property is one whose values are a subset of the Wikidata property's
//!   (e.g. `ng:startDate` ≈ `wdt:P580` start time);
//! - policy: `skos:exactMatch` (not closeMatch) from an `ng:` class to a Wikidata item gives its
//!   instances `wdt:P31` (instance of) that item (`ng:Person` = `wd:Q5`).
//!
//! Not entailed: `rdfs:domain` / `rdfs:range` (rdfs2, rdfs3). The ontology's domains say what a
//! property is meant for, and the data does not always keep to it: `ng:host` has the domain
//! `ng:Visit`, yet a summit can have a host, and rdfs2 would make the summit a visit (which the
//! shapes then reject for lacking a visitor). Nor the axiomatic triples (`rdfs:Resource`, …).
//!
//! Statements already asserted in some other graph are not repeated. The result is sorted and
//! deterministic.

use crate::error::Result;
use crate::export::ExportFormat;
use crate::load::RdfReader;
use crate::merge::catalog_graph;
use crate::mint::Minter;
use crate::store::NewsStore;
use crate::vocab::{rdf, WIKIDATA_ENTITY};
use oxigraph::model::{GraphName, GraphNameRef, NamedNode, NamedOrBlankNode, Quad, Term, Triple};
use std::collections::{BTreeMap, BTreeSet, HashSet};

const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
const OWL: &str = "http://www.w3.org/2002/07/owl#";
const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
/// Wikidata direct properties: `wdt:P710`.
pub const WIKIDATA_DIRECT: &str = "http://www.wikidata.org/prop/direct/";
const INSTANCE_OF: &str = "http://www.wikidata.org/prop/direct/P31";

/// The graph that holds materialized entailments.
pub fn inferred_graph(minter: &Minter) -> NamedNode {
    NamedNode::new_unchecked(format!("{}inferred", minter.base()))
}

/// The ontology's axioms, as the inference and the linker use them.
#[derive(Debug, Clone, Default)]
pub(crate) struct Ontology {
    /// Class → its direct super-classes (equivalences both ways).
    super_classes: BTreeMap<NamedNode, BTreeSet<NamedNode>>,
    /// Property → its direct super-properties (equivalences both ways, wdt: matches included).
    super_properties: BTreeMap<NamedNode, BTreeSet<NamedNode>>,
    /// Class → the Wikidata items it exactly matches.
    class_items: BTreeMap<NamedNode, BTreeSet<NamedNode>>,
    /// Class → the Wikidata items it exactly or closely matches (for type compatibility).
    class_matches: BTreeMap<NamedNode, BTreeSet<NamedNode>>,
    /// Terms typed `owl:FunctionalProperty`.
    pub(crate) functional: BTreeSet<NamedNode>,
}

impl Ontology {
    /// The bundled ontology's axioms.
    pub(crate) fn bundled() -> Result<Self> {
        let quads = RdfReader::new(ExportFormat::Turtle).read(crate::ONTOLOGY.as_bytes(), "ontology/newsgraph.ttl")?;
        Ok(Self::from_quads(&quads))
    }

    fn from_quads(quads: &[Quad]) -> Self {
        let mut ontology = Self::default();
        let iri = |local: &str, ns: &str| format!("{ns}{local}");
        for quad in quads {
            let (NamedOrBlankNode::NamedNode(s), Term::NamedNode(o)) = (&quad.subject, &quad.object) else { continue };
            let p = quad.predicate.as_str();
            let add = |map: &mut BTreeMap<NamedNode, BTreeSet<NamedNode>>, a: &NamedNode, b: &NamedNode| {
                map.entry(a.clone()).or_default().insert(b.clone());
            };
            if p == iri("subClassOf", RDFS) {
                add(&mut ontology.super_classes, s, o);
            } else if p == iri("equivalentClass", OWL) {
                add(&mut ontology.super_classes, s, o);
                add(&mut ontology.super_classes, o, s);
            } else if p == iri("subPropertyOf", RDFS) {
                add(&mut ontology.super_properties, s, o);
            } else if p == iri("equivalentProperty", OWL) {
                add(&mut ontology.super_properties, s, o);
                add(&mut ontology.super_properties, o, s);
            } else if p == rdf::TYPE.as_str() && o.as_str() == iri("FunctionalProperty", OWL) {
                ontology.functional.insert(s.clone());
            } else if p == iri("exactMatch", SKOS) || p == iri("closeMatch", SKOS) {
                if o.as_str().starts_with(WIKIDATA_DIRECT) {
                    add(&mut ontology.super_properties, s, o);
                } else if o.as_str().starts_with(WIKIDATA_ENTITY) {
                    add(&mut ontology.class_matches, s, o);
                    if p == iri("exactMatch", SKOS) {
                        add(&mut ontology.class_items, s, o);
                    }
                }
            }
        }
        ontology
    }

    /// Every class above `class` (not itself, unless in a cycle).
    pub(crate) fn ancestors_of_class(&self, class: &NamedNode) -> BTreeSet<NamedNode> {
        ancestors(&self.super_classes, class)
    }

    fn ancestors_of_property(&self, property: &NamedNode) -> BTreeSet<NamedNode> {
        ancestors(&self.super_properties, property)
    }

    /// `class`, its ancestors and the Wikidata items any of them matches: the classes a thing
    /// of this class may also be typed with elsewhere.
    pub(crate) fn compatible_classes(&self, class: &NamedNode) -> BTreeSet<NamedNode> {
        let mut classes = self.ancestors_of_class(class);
        classes.insert(class.clone());
        let matches: Vec<NamedNode> =
            classes.iter().flat_map(|c| self.class_matches.get(c).into_iter().flatten().cloned()).collect();
        classes.extend(matches);
        classes
    }
}

fn ancestors(edges: &BTreeMap<NamedNode, BTreeSet<NamedNode>>, start: &NamedNode) -> BTreeSet<NamedNode> {
    let mut seen = BTreeSet::new();
    let mut stack: Vec<&NamedNode> = edges.get(start).into_iter().flatten().collect();
    while let Some(next) = stack.pop() {
        if seen.insert(next.clone()) {
            stack.extend(edges.get(next).into_iter().flatten());
        }
    }
    seen
}

/// What an inference run wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InferReport {
    /// The graph written (`BASE inferred`).
    pub graph: NamedNode,
    /// Statements in it.
    pub quads: usize,
}

/// Computes the entailments of the store's graphs (see the module documentation) and replaces
/// the `BASE inferred` graph with them, in one transaction.
pub fn infer(store: &NewsStore, minter: &Minter) -> Result<InferReport> {
    let ontology = Ontology::bundled()?;
    let graph = inferred_graph(minter);
    let triples = entailments(store, &ontology, &graph)?;
    let quads: Vec<Quad> = triples.into_iter().map(|t| t.in_graph(GraphName::NamedNode(graph.clone()))).collect();
    store.replace_graph_with(&graph, &quads, &catalog_graph(minter), &graph, &[])?;
    Ok(InferReport { graph, quads: quads.len() })
}

/// An in-memory copy of `store` with a fresh `BASE inferred` graph: for querying with
/// inferences without changing the store (`newsgraph query --infer`).
pub fn with_inferences(store: &NewsStore, minter: &Minter) -> Result<NewsStore> {
    let graph = inferred_graph(minter);
    let copy = NewsStore::in_memory()?;
    let mut batch = Vec::with_capacity(100_000);
    for quad in store.quads(None) {
        let quad = quad?;
        if matches!(&quad.graph_name, GraphName::NamedNode(g) if *g == graph) {
            continue;
        }
        batch.push(quad);
        if batch.len() == batch.capacity() {
            copy.insert_quads(&batch)?;
            batch.clear();
        }
    }
    copy.insert_quads(&batch)?;
    infer(&copy, minter)?;
    Ok(copy)
}

/// The entailed triples not asserted in any graph but `inferred`, sorted.
fn entailments(store: &NewsStore, ontology: &Ontology, inferred: &NamedNode) -> Result<Vec<Triple>> {
    let oxigraph = store.oxigraph();
    let storage = |e: oxigraph::store::StorageError| crate::Error::Store { path: store.path().map(Into::into), message: e.to_string() };
    let outside = |q: &Quad| !matches!(&q.graph_name, GraphName::NamedNode(g) if g == inferred);
    let rdf_type = rdf::TYPE.into_owned();
    let instance_of = NamedNode::new_unchecked(INSTANCE_OF);
    let mut out: HashSet<Triple> = HashSet::new();
    let add_type = |out: &mut HashSet<Triple>, subject: &NamedOrBlankNode, class: &NamedNode| {
        let classes = ontology.ancestors_of_class(class);
        let mut with_self = classes.clone();
        with_self.insert(class.clone());
        for c in &classes {
            out.insert(Triple::new(subject.clone(), rdf_type.clone(), c.clone()));
        }
        for c in &with_self {
            for item in ontology.class_items.get(c).into_iter().flatten() {
                out.insert(Triple::new(subject.clone(), instance_of.clone(), item.clone()));
            }
        }
    };

    // Properties: super-properties.
    for property in ontology.super_properties.keys() {
        let supers = ontology.ancestors_of_property(property);
        for quad in oxigraph.quads_for_pattern(None, Some(property.as_ref()), None, None) {
            let quad = quad.map_err(storage)?;
            if !outside(&quad) {
                continue;
            }
            for sup in &supers {
                out.insert(Triple::new(quad.subject.clone(), sup.clone(), quad.object.clone()));
            }
        }
    }

    // Classes: super-classes and Wikidata items.
    let classes: BTreeSet<&NamedNode> = ontology.super_classes.keys().chain(ontology.class_items.keys()).collect();
    for class in classes {
        for quad in oxigraph.quads_for_pattern(None, Some(rdf::TYPE), Some(class.as_ref().into()), None) {
            let quad = quad.map_err(storage)?;
            if outside(&quad) {
                add_type(&mut out, &quad.subject, class);
            }
        }
    }

    // Leave out what some other graph already asserts.
    let mut triples = Vec::with_capacity(out.len());
    for triple in out {
        let mut asserted = false;
        for quad in oxigraph.quads_for_pattern(
            Some(triple.subject.as_ref()),
            Some(triple.predicate.as_ref()),
            Some(triple.object.as_ref()),
            None,
        ) {
            if outside(&quad.map_err(storage)?) {
                asserted = true;
                break;
            }
        }
        if !asserted {
            triples.push(triple);
        }
    }
    triples.sort_by_cached_key(|t| t.to_string());
    Ok(triples)
}

/// Whether `graph` is one newsgraph derives (links, inferred, catalog) rather than asserts.
pub(crate) fn is_derived_graph(graph: GraphNameRef<'_>, minter: &Minter) -> bool {
    match graph {
        GraphNameRef::NamedNode(g) => {
            let rest = g.as_str().strip_prefix(minter.base());
            matches!(rest, Some("links" | "inferred" | "catalog"))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_ontology_gives_visits_their_external_classes_and_properties() {
        let ontology = Ontology::bundled().unwrap();
        let n = |s: &str| NamedNode::new_unchecked(s);
        let visit = n("https://w3id.org/newsgraph/ns#Visit");
        let classes = ontology.ancestors_of_class(&visit);
        assert!(classes.contains(&n("http://schema.org/Event")), "{classes:?}");
        assert!(classes.contains(&n("https://w3id.org/newsgraph/ns#Fact")));
        let visitor = ontology.ancestors_of_property(&n("https://w3id.org/newsgraph/ns#visitor"));
        assert!(visitor.contains(&n("http://www.wikidata.org/prop/direct/P710")), "{visitor:?}");
        assert!(ontology.functional.contains(&n("https://w3id.org/newsgraph/ns#startDate")));
        let person = ontology.compatible_classes(&n("https://w3id.org/newsgraph/ns#Person"));
        assert!(person.contains(&n("http://www.wikidata.org/entity/Q5")) && person.contains(&n("http://schema.org/Person")));
    }

    #[test]
    fn equivalences_work_both_ways_and_cycles_end() {
        let quads = RdfReader::new(ExportFormat::Turtle)
            .read(
                "@prefix owl: <http://www.w3.org/2002/07/owl#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
                 <http://e/A> owl:equivalentClass <http://e/B> . <http://e/B> rdfs:subClassOf <http://e/C> ."
                    .as_bytes(),
                "test",
            )
            .unwrap();
        let ontology = Ontology::from_quads(&quads);
        let a = ontology.ancestors_of_class(&NamedNode::new_unchecked("http://e/A"));
        assert!(a.contains(&NamedNode::new_unchecked("http://e/B")) && a.contains(&NamedNode::new_unchecked("http://e/C")));
    }
}
