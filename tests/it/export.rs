//! Export: Turtle re-parses to the same graph, only used prefixes, every format round-trips,
//! and peer tools (rdflib, rapper) read our Turtle.

use crate::*;
use newsgraph::{ExportFormat, Exporter, Minter, RdfReader};
use oxigraph::model::{GraphName, Quad};

fn union(quads: Vec<Quad>) -> Vec<Quad> {
    let mut triples: Vec<Quad> =
        quads.into_iter().map(|q| Quad::new(q.subject, q.predicate, q.object, GraphName::DefaultGraph)).collect();
    triples.sort_by_key(|q| q.to_string());
    triples.dedup();
    triples
}

fn export(store: &newsgraph::NewsStore, format: ExportFormat) -> Vec<u8> {
    Exporter::new(format).with_data_prefixes(&Minter::default()).write_to(store.quads(None), Vec::new()).unwrap()
}

#[test]
fn turtle_export_reparses_to_the_store_graph() {
    let store = examples_store();
    let turtle = export(&store, ExportFormat::Turtle);
    let parsed = RdfReader::new(ExportFormat::Turtle).read(turtle.as_slice(), "export.ttl").unwrap();
    assert_isomorphic(union(all_quads(&store)), parsed);
}

#[test]
fn every_format_round_trips() {
    let store = examples_store();
    for format in ExportFormat::ALL {
        let bytes = export(&store, format);
        let parsed = RdfReader::new(format).read(bytes.as_slice(), format.name()).unwrap();
        let expected = if format.supports_datasets() { all_quads(&store) } else { union(all_quads(&store)) };
        assert_isomorphic(expected, parsed);
    }
}

#[test]
fn turtle_declares_only_the_prefixes_it_uses() {
    let store = examples_store();
    let turtle = String::from_utf8(export(&store, ExportFormat::Turtle)).unwrap();
    let (declarations, body): (Vec<&str>, Vec<&str>) = turtle.lines().partition(|l| l.starts_with("@prefix"));
    let body = body.join("\n");
    assert!(!declarations.is_empty());
    for declaration in declarations {
        let name = declaration.trim_start_matches("@prefix ").split(':').next().unwrap();
        assert!(body.contains(&format!("{name}:")), "prefix {name} is declared but unused");
    }
    assert!(body.contains(" a ng:Visit"), "rdf:type is written `a`");
}

#[test]
fn turtle_is_byte_identical_whatever_the_insertion_order() {
    let forward = examples_store();
    let backward = newsgraph::NewsStore::in_memory().unwrap();
    let mut quads = all_quads(&forward);
    quads.reverse();
    backward.insert_quads(&quads).unwrap();
    assert_eq!(export(&forward, ExportFormat::Turtle), export(&backward, ExportFormat::Turtle));
    assert_eq!(export(&forward, ExportFormat::TriG), export(&backward, ExportFormat::TriG));
}

#[test]
fn peers_read_our_turtle() {
    let store = examples_store();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("examples.ttl");
    std::fs::write(&path, export(&store, ExportFormat::Turtle)).unwrap();
    let expected = union(all_quads(&store)).len();
    if let Some(python) = python_with("rdflib") {
        let script = "import sys, rdflib\ng = rdflib.Graph(); g.parse(sys.argv[1], format='turtle'); print(len(g))";
        let out = std::process::Command::new(python).args(["-c", script]).arg(&path).output().unwrap();
        assert!(out.status.success(), "rdflib failed: {}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), expected.to_string(), "rdflib triple count");
    }
    if let Some(rapper) = tool("rapper") {
        let out = std::process::Command::new(rapper).args(["-i", "turtle", "-c"]).arg(&path).output().unwrap();
        assert!(out.status.success(), "rapper failed: {}", String::from_utf8_lossy(&out.stderr));
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(said.contains(&format!("returned {expected} triples")), "rapper: {said}");
    }
}
