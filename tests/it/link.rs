//! Alignment (`link`), queries across sources and vocabularies (`infer`), the fused view
//! (`export --canonical`) and the conflict report.

use crate::*;
use newsgraph::{
    find_conflicts, infer, inferred_graph, link, links_graph, merge_file, Fusion, LinkMethod, LinkOptions, LinkRules,
    MergeOptions, Minter, NewsStore,
};
use oxigraph::model::{GraphName, GraphNameRef, NamedNode, Quad, Term};
use oxigraph::sparql::QueryResults;
use std::collections::BTreeSet;
use std::io::Read;
use std::path::Path;

const WD: &str = "http://www.wikidata.org/entity/";
const ENTITY: &str = "https://w3id.org/newsgraph/data/entity/";
const FACT: &str = "https://w3id.org/newsgraph/data/fact/";
const GRAPH: &str = "https://w3id.org/newsgraph/data/graph/";
const SKOS_EXACT: &str = "http://www.w3.org/2004/02/skos/core#exactMatch";
const OWL_SAME: &str = "http://www.w3.org/2002/07/owl#sameAs";

fn graph_quads(store: &NewsStore, graph: &NamedNode) -> Vec<Quad> {
    let mut quads: Vec<Quad> = store.quads(Some(GraphNameRef::NamedNode(graph.as_ref()))).map(|q| q.unwrap()).collect();
    quads.sort_by_key(|q| q.to_string());
    quads
}

/// Rows of a SELECT as strings (IRIs without brackets, literals' values), in the query's order.
fn select(store: &NewsStore, query: &str) -> Vec<Vec<String>> {
    let QueryResults::Solutions(solutions) = store.query(query, "test").unwrap() else { panic!("not a SELECT") };
    let variables = solutions.variables().to_vec();
    solutions
        .map(|s| {
            let s = s.unwrap();
            variables
                .iter()
                .map(|v| match s.get(v) {
                    Some(Term::NamedNode(n)) => n.as_str().to_owned(),
                    Some(Term::Literal(l)) => l.value().to_owned(),
                    Some(other) => other.to_string(),
                    None => String::new(),
                })
                .collect()
        })
        .collect()
}

fn cross_source_query(name: &str) -> String {
    std::fs::read_to_string(root().join("examples/queries/cross-source").join(name)).unwrap()
}

/// The objects of `subject predicate ?o` in a gzipped N-Triples file, read without newsgraph.
fn objects_in_ntriples_gz(path: &Path, subject: &str, predicate: &str) -> BTreeSet<String> {
    let mut text = String::new();
    flate2::read::MultiGzDecoder::new(std::fs::File::open(path).unwrap()).read_to_string(&mut text).unwrap();
    let prefix = format!("<{subject}> <{predicate}> <");
    text.lines().filter_map(|l| l.strip_prefix(&prefix)).map(|rest| rest.split('>').next().unwrap().to_owned()).collect()
}

#[test]
fn wikidata_dbpedia_and_chain_links_and_the_cross_source_queries() {
    let Some(kb) = shared("data/kb") else { return };
    let store = examples_store();
    let minter = Minter::default();
    let codex_file = kb.join("wikidata-codex/codex-m.nt.gz");
    let codex = merge_file(&store, &minter, &codex_file, &MergeOptions::default()).unwrap();
    let bbc = merge_file(&store, &minter, &kb.join("dbpedia-links/dbpedia.org_www.bbc.co.uk.things_bbc-things_links.nt"), &MergeOptions::default()).unwrap();
    let nyt = merge_file(&store, &minter, &kb.join("dbpedia-links/nytimes_links.nt.bz2"), &MergeOptions::default()).unwrap();

    // Without links, the cross-source query finds nothing: the article says entity:Vladimir_Putin,
    // CoDEx says wd:Q7747, and nothing joins them but the links graph.
    assert!(select(&store, &cross_source_query("01-pyongyang-visitors-citizenship.rq")).is_empty());

    let rules = LinkRules::bundled().unwrap();
    let report = link(&store, &minter, &rules, LinkOptions::default()).unwrap();
    let links = links_graph(&minter);
    assert_eq!(report.graph, links);
    let putin = format!("{ENTITY}Vladimir_Putin");
    let bbc_putin = "http://www.bbc.co.uk/things/7fd6ee44-38a3-4fe3-a40f-7b4f8f72c67f#id";
    let nyt_putin = "http://data.nytimes.com/18610825221847473503";
    let of_putin: Vec<_> = report.correspondences.iter().filter(|c| c.subject.as_str() == putin).collect();
    let find = |object: &str| of_putin.iter().find(|c| c.object.as_str() == object).unwrap_or_else(|| panic!("no link to {object}: {of_putin:#?}"));
    // (1) the shared Wikidata id, found in the CoDEx graph;
    let wikidata = find(&format!("{WD}Q7747"));
    assert_eq!((wikidata.method, wikidata.score, wikidata.matched_on.as_str()), (LinkMethod::WikidataId, 1.0, "Q7747"));
    assert_eq!(wikidata.graphs, vec![codex.graph.clone()]);
    // (2) the DBpedia resource the gazetteer's Wikipedia title names, used by the BBC and NYT link sets;
    let dbpedia = find("http://dbpedia.org/resource/Vladimir_Putin");
    assert_eq!((dbpedia.method, dbpedia.score, dbpedia.matched_on.as_str()), (LinkMethod::DbpediaTitle, 0.95, "Vladimir_Putin"));
    assert_eq!(dbpedia.graphs, {
        let mut g = vec![bbc.graph.clone(), nyt.graph.clone()];
        g.sort();
        g
    });
    // (3) what owl:sameAs reaches from it, in either direction, with a lower score.
    for (object, graph) in [(bbc_putin, &bbc.graph), (nyt_putin, &nyt.graph)] {
        let chained = find(object);
        assert_eq!((chained.method, chained.score), (LinkMethod::SameAsChain, 0.9));
        assert_eq!(chained.matched_on, "http://dbpedia.org/resource/Vladimir_Putin");
        assert_eq!(&chained.graphs, &vec![graph.clone()]);
    }
    // A chain never runs on into a second DBpedia resource (the NYT set links one of its IRIs
    // to both dbr:India and dbr:Ocean_Grove,_New_Jersey).
    assert!(
        !report.correspondences.iter().any(|c| c.method == LinkMethod::SameAsChain && c.object.as_str().starts_with("http://dbpedia.org/resource/")),
        "{:#?}",
        report.correspondences.iter().filter(|c| c.object.as_str().starts_with("http://dbpedia.org/resource/")).collect::<Vec<_>>()
    );

    // The links graph: one skos:exactMatch per pair, and the n-ary records with their evidence.
    let written = graph_quads(&store, &links);
    assert_eq!(written.len(), report.quads);
    let has = |s: &str, p: &str, o: &str| written.iter().any(|q| q.subject.to_string() == format!("<{s}>") && q.predicate.as_str() == p && q.object.to_string() == o);
    assert!(has(&putin, SKOS_EXACT, &format!("<{WD}Q7747>")));
    assert!(has(&putin, SKOS_EXACT, &format!("<{bbc_putin}>")));
    let record = select(
        &store,
        &format!(
            "PREFIX ng: <https://w3id.org/newsgraph/ns#>
             SELECT ?score ?method ?matched ?graph WHERE {{ GRAPH <{links}> {{
               ?r a ng:Correspondence ; ng:subject <{putin}> ; ng:object <{WD}Q7747> ;
                  ng:score ?score ; ng:method ?method ; ng:matchedOn ?matched ; ng:sourceGraph ?graph }} }}",
            links = links.as_str()
        ),
    );
    assert_eq!(record, vec![vec!["1".to_owned(), "wikidata-id".to_owned(), "Q7747".to_owned(), codex.graph.as_str().to_owned()]]);

    // Idempotent: the same graph again; with owl:sameAs on request instead.
    link(&store, &minter, &rules, LinkOptions::default()).unwrap();
    assert_eq!(graph_quads(&store, &links), written);
    link(&store, &minter, &rules, LinkOptions { same_as: true }).unwrap();
    let same_as = graph_quads(&store, &links);
    assert!(same_as.iter().any(|q| q.predicate.as_str() == OWL_SAME) && !same_as.iter().any(|q| q.predicate.as_str() == SKOS_EXACT));
    assert_eq!(same_as.len(), written.len());

    // The cross-source queries, after `link` (with sameAs links: they accept either).
    let expected_citizenship = objects_in_ntriples_gz(&codex_file, &format!("{WD}Q7747"), "http://www.wikidata.org/prop/direct/P27");
    assert_eq!(expected_citizenship, [format!("{WD}Q15180"), format!("{WD}Q159")].into_iter().collect());
    let rows = select(&store, &cross_source_query("01-pyongyang-visitors-citizenship.rq"));
    let expected: Vec<Vec<String>> = expected_citizenship
        .iter()
        .map(|c| vec!["Vladimir Putin".into(), format!("{WD}Q7747"), c.clone(), "1".into(), codex.graph.as_str().to_owned()])
        .collect();
    assert_eq!(rows, expected);
    let expected_occupations = objects_in_ntriples_gz(&codex_file, &format!("{WD}Q7747"), "http://www.wikidata.org/prop/direct/P106");
    assert!(expected_occupations.contains(&format!("{WD}Q82955")), "politician: {expected_occupations:?}");
    let rows = select(&store, &cross_source_query("02-pyongyang-visitors-occupation.rq"));
    assert!(rows.iter().all(|r| r[0] == "Vladimir Putin"), "{rows:?}");
    assert_eq!(rows.iter().map(|r| r[1].clone()).collect::<BTreeSet<_>>(), expected_occupations);
    let rows = select(&store, &cross_source_query("03-what-sources-call-our-entities.rq"));
    assert!(rows.iter().any(|r| r[0] == putin && r[1] == bbc_putin && r[2] == "0.9" && r[3] == "same-as-chain"), "{rows:?}");
}

const LABELS_SOURCE: &str = r#"
@prefix ex:   <http://example.org/kb/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix dbo:  <http://dbpedia.org/ontology/> .
ex:putin        rdfs:label "vladimir putin"@en ; a dbo:Person .
ex:putin-city   rdfs:label "Vladimir Putin"@en ; a dbo:City .
ex:putin-short  foaf:name "Putin" ; a foaf:Person .
ex:kim          rdfs:label "Kím Jóng-ún" ; a foaf:Person .
ex:pyongyang    skos:prefLabel "Pyongyang"@en ; a dbo:City .
ex:global-times rdfs:label "the Global Times" .
ex:tass         rdfs:label "The TASS" .
ex:russia-de    rdfs:label "Russia"@de ; a dbo:Country .
"#;

#[test]
fn labels_match_exactly_or_normalized_with_compatible_types() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("labels.ttl");
    std::fs::write(&file, LABELS_SOURCE).unwrap();
    let store = examples_store();
    let minter = Minter::default();
    merge_file(&store, &minter, &file, &MergeOptions::default()).unwrap();
    let run = |rules: &LinkRules| -> Vec<(String, String, &'static str, f64, String)> {
        let mut found: Vec<_> = link(&store, &minter, rules, LinkOptions::default())
            .unwrap()
            .correspondences
            .into_iter()
            .filter(|c| c.object.as_str().starts_with("http://example.org/"))
            .map(|c| {
                let subject = c.subject.as_str().strip_prefix(ENTITY).unwrap().to_owned();
                let object = c.object.as_str().strip_prefix("http://example.org/kb/").unwrap().to_owned();
                (subject, object, c.method.name(), (c.score * 1000.0).round() / 1000.0, c.matched_on)
            })
            .collect();
        found.sort_by(|a, b| a.partial_cmp(b).unwrap());
        found
    };
    let found = run(&LinkRules::bundled().unwrap());
    let expected = vec![
        // one of our aliases (× 0.9), untyped (× 0.8)
        ("Global_Times".to_owned(), "global-times".to_owned(), "exact-label", 0.612, "alias: the Global Times".to_owned()),
        // diacritics, hyphens and case folded
        ("Kim_Jong_Un".to_owned(), "kim".to_owned(), "normalized-label", 0.75, "Kím Jóng-ún".to_owned()),
        ("Pyongyang".to_owned(), "pyongyang".to_owned(), "exact-label", 0.85, "Pyongyang".to_owned()),
        // "the" is a stop word; untyped: normalized 0.75 × 0.8
        ("TASS".to_owned(), "tass".to_owned(), "normalized-label", 0.6, "The TASS".to_owned()),
        ("Vladimir_Putin".to_owned(), "putin".to_owned(), "normalized-label", 0.75, "vladimir putin".to_owned()),
        // one of our aliases: × 0.9
        ("Vladimir_Putin".to_owned(), "putin-short".to_owned(), "exact-label", 0.765, "alias: Putin".to_owned()),
    ];
    // ex:putin-city (a dbo:City) and ex:russia-de (German label) are not linked; "Pyongyang" is
    // also an alias of North Korea in the examples, but the label of the city wins.
    assert_eq!(found, expected);
    // Rules from a file replace the bundled ones field by field.
    let stricter = LinkRules::from_json(r#"{"min_score": 0.7}"#, "stricter.json").unwrap();
    assert_eq!(run(&stricter).len(), 4, "the untyped matches (0.612, 0.6) fall below 0.7");
    let no_labels = LinkRules::from_json(r#"{"labels": {"enabled": false}}"#, "off.json").unwrap();
    assert!(run(&no_labels).is_empty());
}

/// A facts document: one article reporting Putin's visit to Pyongyang.
fn visit_facts(article: &str, start: &str, end: Option<&str>, evidence: &str, confidence: f64) -> String {
    let end = end.map(|e| format!(r#""end": "{e}","#)).unwrap_or_default();
    format!(
        r#"{{"article": {{"id": "{article}", "title": "Putin in Pyongyang", "date": "2024-06-21", "publisher": "Wire"}},
  "entities": [{{"id": "putin", "name": "Vladimir Putin", "type": "Person", "wikidata": "Q7747"}},
               {{"id": "pyongyang", "name": "Pyongyang", "type": "City", "wikidata": "Q18808"}}],
  "events": [{{"id": "visit", "kind": "Visit", "visitor": "putin", "destination": ["pyongyang"], "start": "{start}", {end}
              "evidence": {{"start": 0, "end": {len}, "text": "{evidence}"}}, "confidence": {confidence}}}]}}"#,
        len = evidence.chars().count()
    )
}

/// Three articles: two report the same visit with different start dates, one a visit of 2000.
fn write_visits(dir: &Path) -> Vec<std::path::PathBuf> {
    let docs = [
        ("wire-a", visit_facts("wire-a", "2024-06-18", Some("2024-06-19"), "Putin arrived in Pyongyang on June 18", 0.9)),
        ("wire-b", visit_facts("wire-b", "2024-06-19", None, "Putin visited Pyongyang on June 19", 0.8)),
        ("wire-c", visit_facts("wire-c", "2000-07", None, "Putin first visited Pyongyang in July 2000", 1.0)),
    ];
    docs.iter()
        .map(|(name, json)| {
            let path = dir.join(format!("{name}.json"));
            std::fs::write(&path, json).unwrap();
            path
        })
        .collect()
}

#[test]
fn two_articles_on_one_visit_are_linked_and_their_dates_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let files = write_visits(dir.path());
    let store_dir = dir.path().join("store");
    let store = store_dir.to_str().unwrap();
    let cli = |args: &[&str]| newsgraph_in(&root(), &[&["--store", store][..], args].concat(), None);
    let out = cli(&["ingest", files[0].to_str().unwrap(), files[1].to_str().unwrap(), files[2].to_str().unwrap()]);
    assert_exit(&out, 0);

    // Before linking, two facts are two facts: nothing disagrees.
    let out = cli(&["conflicts", "--format", "json"]);
    assert_exit(&out, 0);
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(report["conflicts"], serde_json::json!([]));

    let out = cli(&["link", "--list"]);
    assert_exit(&out, 0);
    let listed = stdout(&out);
    let events: Vec<&str> = listed.lines().filter(|l| l.contains("event-roles")).collect();
    assert_eq!(events.len(), 1, "{listed}");
    let columns: Vec<&str> = events[0].split('\t').collect();
    assert_eq!(&columns[..4], &["0.8500", "event-roles", &format!("{FACT}wire-a.visit"), &format!("{FACT}wire-b.visit")]);
    assert!(columns[4].contains("overlapping dates") && columns[4].contains("Q7747"), "{}", columns[4]);

    // One conflict: the start date, with both values, their graphs and their evidence.
    let out = cli(&["conflicts", "--format", "json"]);
    assert_exit(&out, 1);
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let conflicts = report["conflicts"].as_array().unwrap();
    assert_eq!(conflicts.len(), 1, "{report:#}");
    let conflict = &conflicts[0];
    assert_eq!(conflict["subject"], format!("{FACT}wire-a.visit"));
    assert_eq!(conflict["properties"], serde_json::json!(["https://w3id.org/newsgraph/ns#startDate"]));
    assert_eq!(conflict["members"], serde_json::json!([format!("{FACT}wire-a.visit"), format!("{FACT}wire-b.visit")]));
    let values: Vec<(String, String, String, String)> = conflict["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            let source = &v["sources"][0];
            (
                v["value"].as_str().unwrap().to_owned(),
                source["graph"].as_str().unwrap().to_owned(),
                source["node"].as_str().unwrap().to_owned(),
                source["evidence"][0]["text"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        values,
        vec![
            ("2024-06-18".into(), format!("{GRAPH}wire-a"), format!("{FACT}wire-a.visit"), "Putin arrived in Pyongyang on June 18".into()),
            ("2024-06-19".into(), format!("{GRAPH}wire-b"), format!("{FACT}wire-b.visit"), "Putin visited Pyongyang on June 19".into()),
        ]
    );

    // The same as CSV (one row per value and source) and as a table.
    let out = cli(&["conflicts", "--format", "csv"]);
    assert_exit(&out, 1);
    let csv = stdout(&out);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 3, "{csv}");
    assert!(lines[0].starts_with("subject,property,value,"));
    assert!(lines[1].contains("2024-06-18") && lines[1].contains("Putin arrived in Pyongyang on June 18"), "{csv}");
    assert!(lines[2].contains("2024-06-19") && lines[2].contains("graph/wire-b"), "{csv}");
    let out = cli(&["conflicts"]);
    assert_exit(&out, 1);
    let table = stdout(&out);
    assert!(table.contains("fact:wire-a.visit — ng:startDate") && table.contains("\"2024-06-19\"") && table.contains("(1 conflict)"), "{table}");
    assert!(table.contains("evidence \"Putin visited Pyongyang on June 19\""), "{table}");

    // Bad rules are bad input.
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, r#"{"min_scor": 0.5}"#).unwrap();
    let out = cli(&["link", "--rules", bad.to_str().unwrap()]);
    assert_exit(&out, 2);
    assert!(stderr(&out).contains("min_scor"), "{}", stderr(&out));
    let out = cli(&["conflicts", "--rules", dir.path().join("missing.json").to_str().unwrap()]);
    assert_exit(&out, 2);
}

#[test]
fn an_entity_and_its_linked_wikidata_item_conflict_through_the_links() {
    // A colleague's graph gives our entity a birth date, a Wikidata extract another one for
    // wd:Q7747; the article's skos:exactMatch makes them one subject, and the rules' group
    // makes schema:birthDate and wdt:P569 one property.
    let dir = tempfile::tempdir().unwrap();
    let ours = dir.path().join("ours.ttl");
    let wikidata = dir.path().join("wikidata.nt");
    std::fs::write(&ours, format!("<{ENTITY}Vladimir_Putin> <http://schema.org/birthDate> \"1952-10-08\"^^<http://www.w3.org/2001/XMLSchema#date> .")).unwrap();
    std::fs::write(
        &wikidata,
        format!("<{WD}Q7747> <http://www.wikidata.org/prop/direct/P569> \"1952-10-07\"^^<http://www.w3.org/2001/XMLSchema#date> .\n<{WD}Q7747> <http://www.wikidata.org/prop/direct/P569> \"1952\"^^<http://www.w3.org/2001/XMLSchema#gYear> .\n"),
    )
    .unwrap();
    let store = examples_store();
    let minter = Minter::default();
    merge_file(&store, &minter, &ours, &MergeOptions::default()).unwrap();
    merge_file(&store, &minter, &wikidata, &MergeOptions::default()).unwrap();
    let report = find_conflicts(&store, &minter, &LinkRules::bundled().unwrap()).unwrap();
    assert_eq!(report.conflicts.len(), 1, "{report:#?}");
    let conflict = &report.conflicts[0];
    assert_eq!(conflict.subject, format!("{WD}Q7747"));
    assert_eq!(conflict.members, vec![format!("{WD}Q7747"), format!("{ENTITY}Vladimir_Putin")]);
    let values: Vec<&str> = conflict.values.iter().map(|v| v.value.as_str()).collect();
    // The year does not contradict either day; it is listed with the values all the same.
    assert_eq!(values, vec!["1952", "1952-10-07", "1952-10-08"]);
    assert_eq!(conflict.values[2].sources[0].property, "http://schema.org/birthDate");
}

#[test]
fn infer_materializes_alignments_into_its_own_graph() {
    let store = examples_store();
    let minter = Minter::default();
    let events = "PREFIX schema: <http://schema.org/> SELECT DISTINCT ?e WHERE { GRAPH ?g { ?e a schema:Event } } ORDER BY ?e";
    let visits = "PREFIX ng: <https://w3id.org/newsgraph/ns#> SELECT DISTINCT ?e WHERE { GRAPH ?g { ?e a ng:Visit } } ORDER BY ?e";
    assert!(select(&store, events).is_empty());
    let asserted = all_quads(&store);

    let report = infer(&store, &minter).unwrap();
    assert_eq!(report.graph, inferred_graph(&minter));
    assert!(report.quads > 0);
    // Every visit is a schema:Event now (with meetings, signings…), and only through the inferred graph.
    let as_events: BTreeSet<Vec<String>> = select(&store, events).into_iter().collect();
    let all_visits = select(&store, visits);
    assert!(!all_visits.is_empty() && all_visits.iter().all(|v| as_events.contains(v)), "{all_visits:?} ⊄ {as_events:?}");
    // ng:visitor ⊑ ng:participant, which the ontology matches to wdt:P710.
    let participants = select(
        &store,
        &format!("PREFIX wdt: <http://www.wikidata.org/prop/direct/> SELECT ?p WHERE {{ GRAPH ?g {{ <{FACT}putin-pyongyang-visit.visit> wdt:P710 ?p }} }} ORDER BY ?p"),
    );
    assert!(participants.contains(&vec![format!("{ENTITY}Vladimir_Putin")]), "{participants:?}");
    // ng:Person = wd:Q5 (exactMatch) gives wdt:P31; ng:City ≈ wd:Q515 (closeMatch) does not.
    let instance_of = |entity: &str| select(&store, &format!("SELECT ?c WHERE {{ GRAPH ?g {{ <{ENTITY}{entity}> <http://www.wikidata.org/prop/direct/P31> ?c }} }}"));
    assert_eq!(instance_of("Vladimir_Putin"), vec![vec![format!("{WD}Q5")]]);
    assert!(instance_of("Pyongyang").is_empty());
    // Asserted graphs are untouched; everything new is in BASE inferred; a second run is the same.
    let inferred = graph_quads(&store, &report.graph);
    assert_eq!(inferred.len(), report.quads);
    let mut now: Vec<Quad> = all_quads(&store).into_iter().filter(|q| q.graph_name != GraphName::NamedNode(report.graph.clone())).collect();
    let mut before = asserted;
    now.sort_by_key(|q| q.to_string());
    before.sort_by_key(|q| q.to_string());
    assert_eq!(now, before);
    infer(&store, &minter).unwrap();
    assert_eq!(graph_quads(&store, &report.graph), inferred);
    // Derived statements never repeat asserted ones: a visit is asserted ng:Visit, so that is not in it.
    assert!(!inferred.iter().any(|q| q.object.to_string() == "<https://w3id.org/newsgraph/ns#Visit>"));
}

#[test]
fn query_infer_uses_a_copy_and_leaves_the_store_alone() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let store = store.to_str().unwrap();
    assert_exit(&newsgraph(&["--store", store, "ingest", "examples/facts"]), 0);
    let query = "examples/queries/cross-source/04-events-as-schema-and-wikidata.rq";
    let out = newsgraph(&["--store", store, "query", "--format", "csv", "--file", query]);
    assert_exit(&out, 0);
    assert_eq!(stdout(&out).trim(), "event,participant", "no inferences yet");
    let out = newsgraph(&["--store", store, "query", "--infer", "--format", "csv", "--file", query]);
    assert_exit(&out, 0);
    assert!(stdout(&out).contains(&format!("{FACT}putin-pyongyang-visit.visit,{ENTITY}Vladimir_Putin")), "{}", stdout(&out));
    let graphs = newsgraph(&["--store", store, "query", "--format", "csv", "SELECT DISTINCT ?g WHERE { GRAPH ?g {} }"]);
    assert!(!stdout(&graphs).contains("/inferred"), "{}", stdout(&graphs));
    // `infer` writes it for good; then the plain query sees it.
    assert_exit(&newsgraph(&["--store", store, "infer"]), 0);
    let out = newsgraph(&["--store", store, "query", "--format", "csv", "--file", query]);
    assert!(stdout(&out).contains(&format!("{FACT}putin-pyongyang-visit.visit,{ENTITY}Vladimir_Putin")), "{}", stdout(&out));
}

#[test]
fn canonical_export_puts_each_cluster_on_one_iri_and_keeps_the_graphs() {
    let dir = tempfile::tempdir().unwrap();
    let files = write_visits(dir.path());
    let store_dir = dir.path().join("store");
    let store = store_dir.to_str().unwrap();
    let cli = |args: &[&str]| newsgraph_in(&root(), &[&["--store", store][..], args].concat(), None);
    assert_exit(&cli(&["ingest", files[0].to_str().unwrap(), files[1].to_str().unwrap(), files[2].to_str().unwrap()]), 0);
    assert_exit(&cli(&["link"]), 0);
    let out = cli(&["export", "--canonical", "--format", "nquads"]);
    assert_exit(&out, 0);
    let quads = newsgraph::RdfReader::new(newsgraph::ExportFormat::NQuads).read(out.stdout.as_slice(), "export").unwrap();
    let links = format!("<{}links>", newsgraph::DEFAULT_BASE);
    let (in_links, rest): (Vec<&Quad>, Vec<&Quad>) = quads.iter().partition(|q| q.graph_name.to_string() == links);
    // Our entity and the Wikidata item are one IRI, the Wikidata one; wire-b's visit is wire-a's.
    let text: String = rest.iter().map(|q| q.to_string() + "\n").collect();
    assert!(!text.contains(&format!("{ENTITY}Vladimir_Putin")) && !text.contains(&format!("{FACT}wire-b.visit")), "{text}");
    for article in ["wire-a", "wire-b"] {
        let visitor = format!("<{FACT}wire-a.visit> <https://w3id.org/newsgraph/ns#visitor> <{WD}Q7747> <{GRAPH}{article}>");
        assert!(text.contains(&visitor), "{visitor} missing in\n{text}");
    }
    // Each article's own start date stays in its own graph: provenance per graph.
    assert!(text.contains(&format!("<{FACT}wire-a.visit> <https://w3id.org/newsgraph/ns#startDate> \"2024-06-19\"^^<http://www.w3.org/2001/XMLSchema#date> <{GRAPH}wire-b>")));
    // wire-c's visit of 2000 was not linked and keeps its IRI; no reflexive links are left.
    assert!(text.contains(&format!("<{FACT}wire-c.visit>")));
    assert!(!rest.iter().any(|q| [SKOS_EXACT, OWL_SAME].contains(&q.predicate.as_str()) && q.subject.to_string() == q.object.to_string()));
    // The links graph is exported as it is: the record of what was fused.
    assert!(in_links.iter().any(|q| q.subject.to_string() == format!("<{FACT}wire-a.visit>") && q.object.to_string() == format!("<{FACT}wire-b.visit>")));

    // The library view agrees.
    let store = NewsStore::in_memory().unwrap();
    ingest_files(&store, &files);
    let minter = Minter::default();
    link(&store, &minter, &LinkRules::bundled().unwrap(), LinkOptions::default()).unwrap();
    let fusion = Fusion::from_store(&store, &minter).unwrap();
    assert_eq!(fusion.canonical(&minter.entity("Vladimir Putin")).as_str(), format!("{WD}Q7747"));
    assert_eq!(fusion.canonical(&minter.fact("wire-b", "visit")), &minter.fact("wire-a", "visit"));
    assert_eq!(fusion.members(&minter.fact("wire-b", "visit")), vec![minter.fact("wire-a", "visit"), minter.fact("wire-b", "visit")]);

    // --canonical and --wikidata are two answers to one question.
    let out = newsgraph(&["--memory", "export", "--canonical", "--wikidata"]);
    assert_exit(&out, 2);
}

/// JSON Lines of `count` articles `{prefix}-i`, each reporting an undated meeting of Putin
/// (Q7747) with `partner(i)`.
fn meetings(prefix: &str, count: usize, partner: impl Fn(usize) -> (String, Option<&'static str>)) -> String {
    let mut out = String::new();
    for i in 0..count {
        let (name, wikidata) = partner(i);
        let text = format!("Vladimir Putin held talks with {name}.");
        let end = text.chars().count();
        let mut other = serde_json::json!({"id": "other", "name": name, "type": "Person"});
        if let Some(q) = wikidata {
            other["wikidata"] = q.into();
        }
        let doc = serde_json::json!({
            "article": {"id": format!("{prefix}-{i:03}"), "title": "Talks", "date": "2024-06-20", "publisher": "Wire", "text": text},
            "entities": [{"id": "putin", "name": "Vladimir Putin", "type": "Person", "wikidata": "Q7747"}, other],
            "events": [{"id": "talks", "kind": "Meeting", "participants": ["putin", "other"],
                        "evidence": {"start": 0, "end": end}, "confidence": 0.8}]
        });
        out.push_str(&doc.to_string());
        out.push('\n');
    }
    out
}

#[test]
fn event_alignment_compares_only_facts_with_the_same_equal_roles_and_large_links_graphs_are_bulk_loaded() {
    // 200 articles on Putin meeting 200 different people, 70 on Putin meeting Kim Jong Un.
    // Meetings match on `ng:participant` (equal): only the 70 can be one event. Blocking on one
    // participant compared every pair of the 270 (36,315 pairs, growing with the square of the
    // store); grouping by the whole set compares the C(70, 2) = 2,415 pairs that are linked.
    let (busy, kim) = (200, 70);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("meetings.jsonl");
    let mut text = meetings("other", busy, |i| (format!("Leader {i}"), None));
    text.push_str(&meetings("kim", kim, |_| ("Kim Jong Un".to_owned(), Some("Q56226"))));
    std::fs::write(&file, text).unwrap();
    let minter = Minter::default();
    let rules = LinkRules::bundled().unwrap();

    // In memory: one transaction.
    let memory = NewsStore::in_memory().unwrap();
    ingest_files(&memory, std::slice::from_ref(&file));
    let report = link(&memory, &minter, &rules, LinkOptions::default()).unwrap();
    let linked = kim * (kim - 1) / 2;
    assert_eq!(report.event_pairs_compared, linked);
    assert_eq!(report.by_method().get("event-roles"), Some(&linked), "{:?}", report.by_method());
    assert!(report.correspondences.iter().all(|c| c.subject.as_str().contains("/kim-") && c.object.as_str().contains("/kim-")));
    assert!(report.quads >= newsgraph::BULK_LINK_QUADS, "{} statements: too few for the bulk path", report.quads);
    let expected = graph_quads(&memory, &report.graph);
    assert_eq!(expected.len(), report.quads);

    // On disk the same graph goes through the bulk loader, and replacing it on a second run
    // leaves the same graph (not two runs' worth, not an empty one).
    let store = NewsStore::open(dir.path().join("store")).unwrap();
    ingest_files(&store, std::slice::from_ref(&file));
    for _ in 0..2 {
        let again = link(&store, &minter, &rules, LinkOptions::default()).unwrap();
        assert_eq!(again.correspondences, report.correspondences);
        assert_eq!(graph_quads(&store, &report.graph), expected);
    }
    // A smaller result afterwards (a stricter threshold: no event links) replaces it whole.
    let stricter = LinkRules::from_json(r#"{"min_score": 0.75}"#, "stricter.json").unwrap();
    let few = link(&store, &minter, &stricter, LinkOptions::default()).unwrap();
    assert_eq!(few.by_method().get("event-roles"), None);
    assert_eq!(graph_quads(&store, &report.graph).len(), few.quads);
}

/// Issue 7: undated reports of the same two people used to be one event with every other report
/// of them ("dates missing" agreed with any date): wrong links, and n(n-1)/2 of them. An undated
/// fact now counts as having happened in the week up to its article's publication.
#[test]
fn issue_7_an_undated_event_is_placed_in_the_week_before_its_article() {
    let doc = |id: &str, published: &str, dates: Option<(&str, &str)>| {
        let text = "Vladimir Putin held talks with Kim Jong Un.";
        let mut event = serde_json::json!({"id": "talks", "kind": "Meeting", "participants": ["putin", "kim"],
            "evidence": {"start": 0, "end": text.chars().count()}, "confidence": 0.8});
        if let Some((start, end)) = dates {
            event["start"] = start.into();
            event["end"] = end.into();
        }
        serde_json::json!({
            "article": {"id": id, "title": "Talks", "date": published, "publisher": "Wire", "text": text},
            "entities": [{"id": "putin", "name": "Vladimir Putin", "type": "Person", "wikidata": "Q7747"},
                         {"id": "kim", "name": "Kim Jong Un", "type": "Person", "wikidata": "Q56226"}],
            "events": [event]
        })
        .to_string()
    };
    let lines = [
        doc("june-dated", "2024-06-21", Some(("2024-06-19", "2024-06-19"))),
        doc("june-undated", "2024-06-22", None),   // the week up to June 22 holds June 19
        doc("june-later", "2024-06-25", None),     // June 18-25: overlaps June 19 and the 22nd's week
        doc("september", "2024-09-13", None),      // another meeting
        doc("old-news", "2024-06-24", Some(("2023-09-13", "2023-09-13"))),
    ];
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("meetings.jsonl");
    std::fs::write(&file, lines.join("\n") + "\n").unwrap();
    let store = NewsStore::in_memory().unwrap();
    ingest_files(&store, std::slice::from_ref(&file));
    let report = link(&store, &Minter::default(), &LinkRules::bundled().unwrap(), LinkOptions::default()).unwrap();
    let pairs: BTreeSet<(String, String)> = report
        .correspondences
        .iter()
        .filter(|c| c.method.name() == "event-roles")
        .map(|c| {
            let short = |iri: &str| iri.trim_start_matches(FACT).trim_end_matches(".talks").to_owned();
            (short(c.subject.as_str()), short(c.object.as_str()))
        })
        .collect();
    let expected: BTreeSet<(String, String)> = [("june-dated", "june-later"), ("june-dated", "june-undated"), ("june-later", "june-undated")]
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect();
    assert_eq!(pairs, expected);
}
