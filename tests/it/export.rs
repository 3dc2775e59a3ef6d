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
    let body = crate::assert_only_used_prefixes(&turtle, "Turtle");
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

/// rdflib reads `path` in `format` and the test compares the canonical N-Quads it writes back.
const RDFLIB_SCRIPT: &str = "import sys, rdflib
rdflib.NORMALIZE_LITERALS = False
d = rdflib.Dataset(default_union=False)
d.parse(sys.argv[1], format=sys.argv[2])
sys.stdout.write(d.serialize(format='nquads'))";

#[test]
fn peers_read_our_turtle_trig_and_nquads() {
    let store = examples_store();
    let dir = tempfile::tempdir().unwrap();
    let triples = union(all_quads(&store));
    let quads = all_quads(&store);
    for (format, extension, rdflib_format, rapper_format, serdi_format) in [
        (ExportFormat::Turtle, "ttl", "turtle", Some("turtle"), Some("turtle")),
        (ExportFormat::TriG, "trig", "trig", None, None),
        (ExportFormat::NQuads, "nq", "nquads", Some("nquads"), Some("nquads")),
    ] {
        let path = dir.path().join(format!("examples.{extension}"));
        std::fs::write(&path, export(&store, format)).unwrap();
        let expected = if format.supports_datasets() { &quads } else { &triples };
        if let Some(python) = python_with("rdflib") {
            let out = std::process::Command::new(python).args(["-c", RDFLIB_SCRIPT]).arg(&path).arg(rdflib_format).output().unwrap();
            assert!(out.status.success(), "rdflib cannot read our {extension}: {}", String::from_utf8_lossy(&out.stderr));
            let read_back = RdfReader::new(ExportFormat::NQuads).read(out.stdout.as_slice(), "rdflib output").unwrap();
            // rdflib puts default-graph triples into its own default graph IRI: compare triples
            // for Turtle, quads for the dataset formats.
            let read_back = if format.supports_datasets() { read_back } else { union(read_back) };
            assert_isomorphic(expected.clone(), read_back);
        }
        if let Some(rapper_format) = rapper_format {
            if let Some(rapper) = tool("rapper") {
                let out = std::process::Command::new(rapper).args(["-i", rapper_format, "-c"]).arg(&path).output().unwrap();
                let said = String::from_utf8_lossy(&out.stderr);
                assert!(out.status.success(), "rapper cannot read our {extension}: {said}");
                assert!(said.contains(&format!("returned {} triples", expected.len())), "rapper on {extension}: {said}");
            }
        }
        if let Some(serdi_format) = serdi_format {
            if let Some(serdi) = tool("serdi") {
                let out = std::process::Command::new(serdi).args(["-i", serdi_format, "-o", "nquads"]).arg(&path).output().unwrap();
                assert!(out.status.success(), "serdi cannot read our {extension}: {}", String::from_utf8_lossy(&out.stderr));
                let read_back = RdfReader::new(ExportFormat::NQuads).read(out.stdout.as_slice(), "serdi output").unwrap();
                assert_isomorphic(expected.clone(), read_back);
            }
        }
    }
}

#[test]
fn golden_turtle_of_the_seed_example() {
    let store = newsgraph::NewsStore::in_memory().unwrap();
    ingest_files(&store, &[root().join("examples/facts/putin-pyongyang-visit.json")]);
    let got = String::from_utf8(export(&store, ExportFormat::Turtle)).unwrap();
    let golden = root().join("tests/golden/putin-pyongyang-visit.ttl");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&golden, &got).unwrap();
    }
    let expected = std::fs::read_to_string(&golden).expect("run with UPDATE_GOLDEN=1 once to create the golden file");
    if expected != got {
        let line = expected.lines().zip(got.lines()).position(|(a, b)| a != b).unwrap_or(expected.lines().count().min(got.lines().count()));
        panic!(
            "the Turtle layout changed at line {} (UPDATE_GOLDEN=1 accepts the change)\nexpected: {:?}\ngot:      {:?}",
            line + 1,
            expected.lines().nth(line),
            got.lines().nth(line)
        );
    }
}

#[test]
fn views_leave_out_provenance_or_use_wikidata_iris() {
    let store = examples_store();
    let facts_only = Exporter::new(ExportFormat::NQuads).with_view(newsgraph::View::NoProvenance).write_to(store.quads(None), Vec::new()).unwrap();
    let facts_only = String::from_utf8(facts_only).unwrap();
    assert!(!facts_only.contains("#confidence>") && !facts_only.contains("/evidence/") && !facts_only.contains("prov#"));
    assert!(facts_only.contains("#Visit>"));
    let wikidata = Exporter::new(ExportFormat::NQuads).with_view(newsgraph::View::Wikidata).write_to(store.quads(None), Vec::new()).unwrap();
    let wikidata = String::from_utf8(wikidata).unwrap();
    assert!(wikidata.contains("<http://www.wikidata.org/entity/Q7747> <https://w3id.org/newsgraph/ns#") || wikidata.contains("<https://w3id.org/newsgraph/ns#visitor> <http://www.wikidata.org/entity/Q7747>"));
    assert!(!wikidata.contains("/entity/Vladimir_Putin>"), "linked entities keep no newsgraph IRI");
    assert!(!wikidata.contains("exactMatch"));
}

#[test]
fn json_ld_uses_a_context_for_short_keys() {
    let store = examples_store();
    let json = String::from_utf8(export(&store, ExportFormat::JsonLd)).unwrap();
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(value["@context"]["ng"].is_string(), "{}", &json[..300.min(json.len())]);
    assert!(json.contains("\"ng:visitor\""));
}
