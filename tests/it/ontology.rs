//! The ontology is a tested artifact: the Rust constants and the `.ttl` agree, every term is
//! documented, and the ontology parses.

use newsgraph::vocab::ng;
use newsgraph::{ExportFormat, RdfReader, ONTOLOGY};
use oxigraph::model::{NamedNodeRef, NamedOrBlankNode, Term};
use std::collections::BTreeSet;

fn ontology() -> Vec<oxigraph::model::Quad> {
    RdfReader::new(ExportFormat::Turtle).read(ONTOLOGY.as_bytes(), "ontology/newsgraph.ttl").unwrap()
}

#[test]
fn rust_constants_and_ttl_define_the_same_terms() {
    let defined: BTreeSet<String> = ontology()
        .iter()
        .filter_map(|q| match &q.subject {
            NamedOrBlankNode::NamedNode(n) if q.predicate.as_str() == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type" => {
                n.as_str().strip_prefix(ng::NAMESPACE).map(str::to_owned)
            }
            _ => None,
        })
        .filter(|local| !local.is_empty())
        .collect();
    let constants: BTreeSet<String> = ng::ALL.iter().map(|(local, _)| (*local).to_owned()).collect();
    let only_ttl: Vec<_> = defined.difference(&constants).collect();
    let only_rust: Vec<_> = constants.difference(&defined).collect();
    assert!(only_ttl.is_empty() && only_rust.is_empty(), "only in the .ttl: {only_ttl:?}\nonly in vocab.rs: {only_rust:?}");
}

#[test]
fn every_term_has_a_label_a_definition_and_is_defined_by() {
    let quads = ontology();
    let has = |term: NamedNodeRef<'_>, predicate: &str| {
        quads.iter().any(|q| q.subject == NamedOrBlankNode::NamedNode(term.into_owned()) && q.predicate.as_str() == predicate)
    };
    for (local, term) in ng::ALL {
        assert!(has(*term, "http://www.w3.org/2000/01/rdf-schema#label"), "ng:{local} has no rdfs:label");
        assert!(has(*term, "http://www.w3.org/2004/02/skos/core#definition"), "ng:{local} has no skos:definition");
        let defined_by = quads.iter().any(|q| {
            q.subject == NamedOrBlankNode::NamedNode(term.into_owned())
                && q.predicate.as_str() == "http://www.w3.org/2000/01/rdf-schema#isDefinedBy"
                && q.object == Term::NamedNode(oxigraph::model::NamedNode::new_unchecked("https://w3id.org/newsgraph/ns"))
        });
        assert!(defined_by, "ng:{local} has no rdfs:isDefinedBy <https://w3id.org/newsgraph/ns>");
    }
}

#[test]
fn every_term_is_aligned_to_an_external_vocabulary_or_is_newsgraph_specific() {
    // Classes and properties outside provenance bookkeeping align to schema.org, SEM, ORG,
    // PROV-O or Wikidata; this keeps alignment from silently rotting as terms are added.
    let quads = ontology();
    let alignment = [
        "http://www.w3.org/2000/01/rdf-schema#subClassOf",
        "http://www.w3.org/2000/01/rdf-schema#subPropertyOf",
        "http://www.w3.org/2004/02/skos/core#exactMatch",
        "http://www.w3.org/2004/02/skos/core#closeMatch",
        "http://www.w3.org/2002/07/owl#equivalentClass",
        "http://www.w3.org/2002/07/owl#equivalentProperty",
    ];
    let aligned = quads.iter().filter(|q| alignment.contains(&q.predicate.as_str()));
    let external = aligned.filter(|q| !q.object.to_string().contains(ng::NAMESPACE)).count();
    assert!(external >= 30, "only {external} alignment axioms to external vocabularies");
}
