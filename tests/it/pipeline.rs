//! Facts → store → SPARQL: the competency questions, idempotence, transactional failure.

use crate::*;
use oxigraph::model::Term;
use oxigraph::sparql::QueryResults;
use std::collections::BTreeSet;

/// Parses a SPARQL CSV results file into a header and a set of rows.
fn read_csv(text: &str) -> (Vec<String>, BTreeSet<Vec<String>>) {
    let mut lines = Vec::new();
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(std::mem::take(&mut field)),
            ('\r', false) => {}
            ('\n', false) => {
                fields.push(std::mem::take(&mut field));
                lines.push(std::mem::take(&mut fields));
            }
            (c, _) => field.push(c),
        }
    }
    if !field.is_empty() || !fields.is_empty() {
        fields.push(field);
        lines.push(fields);
    }
    let header = lines.remove(0);
    (header, lines.into_iter().collect())
}

fn solutions_as_rows(store: &newsgraph::NewsStore, query: &str, source: &str) -> (Vec<String>, BTreeSet<Vec<String>>) {
    let QueryResults::Solutions(solutions) = store.query(query, source).unwrap() else { panic!("{source} is not a SELECT") };
    let header: Vec<String> = solutions.variables().iter().map(|v| v.as_str().to_owned()).collect();
    let rows = solutions
        .map(|s| {
            let s = s.unwrap();
            header
                .iter()
                .map(|v| match s.get(v.as_str()) {
                    None => String::new(),
                    Some(Term::Literal(l)) => l.value().to_owned(),
                    Some(Term::NamedNode(n)) => n.as_str().to_owned(),
                    Some(other) => other.to_string(),
                })
                .collect()
        })
        .collect();
    (header, rows)
}

#[test]
fn competency_questions_answer_as_expected() {
    let store = examples_store();
    let mut queries: Vec<_> = std::fs::read_dir(root().join("examples/queries"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rq"))
        .collect();
    queries.sort();
    assert!(queries.len() >= 6, "the six competency questions of EXPECTED.md at least");
    for query in queries {
        let expected = std::fs::read_to_string(query.with_extension("csv")).unwrap();
        let (expected_header, expected_rows) = read_csv(&expected);
        let (header, rows) = solutions_as_rows(&store, &std::fs::read_to_string(&query).unwrap(), &query.display().to_string());
        assert_eq!(header, expected_header, "{}: variables", query.display());
        assert_eq!(
            rows,
            expected_rows,
            "{}\nexpected rows: {expected_rows:#?}\ngot rows: {rows:#?}",
            query.display()
        );
    }
}

#[test]
fn ingesting_twice_changes_nothing() {
    let store = examples_store();
    let first = all_quads(&store);
    ingest_files(&store, &example_facts());
    let second = all_quads(&store);
    assert_eq!(first.len(), second.len());
    assert_eq!(newsgraph::canonical_nquads(first).unwrap(), newsgraph::canonical_nquads(second).unwrap());
}

#[test]
fn ingest_order_does_not_matter() {
    let forward = examples_store();
    let backward = newsgraph::NewsStore::in_memory().unwrap();
    let mut files = example_facts();
    files.reverse();
    for file in &files {
        ingest_files(&backward, std::slice::from_ref(file));
    }
    assert_isomorphic(all_quads(&forward), all_quads(&backward));
}

#[test]
fn the_graph_has_no_blank_nodes_and_one_graph_per_article() {
    let store = examples_store();
    for quad in all_quads(&store) {
        assert!(!quad.to_string().contains("_:"), "blank node in {quad}");
        assert!(!quad.graph_name.is_default_graph(), "triple outside an article graph: {quad}");
    }
    assert_eq!(store.graphs().unwrap().len(), example_facts().len());
}

#[test]
fn seed_facts_cover_expected_md() {
    // The facts of ../shared/seed/EXPECTED.md, each as an ASK over the seed article's graph.
    let store = examples_store();
    let prefixes = "PREFIX ng: <https://w3id.org/newsgraph/ns#>
        PREFIX e: <https://w3id.org/newsgraph/data/entity/>
        PREFIX wd: <http://www.wikidata.org/entity/>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>";
    let g = "<https://w3id.org/newsgraph/data/graph/putin-pyongyang-visit>";
    let facts = [
        ("visit", "?v a ng:Visit; ng:visitor e:Vladimir_Putin; ng:destination e:Pyongyang, e:North_Korea; ng:startDate \"2024-06-18\"^^xsd:date; ng:endDate \"2024-06-19\"^^xsd:date; ng:visitType ng:StateVisit, ng:ReturnVisit; ng:occasionedBy ?i"),
        ("earlier visit", "?v a ng:Visit; ng:visitor e:Kim_Jong_Un; ng:destination e:Russia; ng:startDate \"2023-09\"^^xsd:gYearMonth"),
        ("invitation", "?i a ng:Invitation; ng:inviter e:Kim_Jong_Un; ng:invitee e:Vladimir_Putin; ng:partOfEvent ?v. ?v ng:visitor e:Kim_Jong_Un"),
        ("talks", "?t a ng:Meeting; ng:participant e:Vladimir_Putin, e:Kim_Jong_Un; ng:resultedIn ?a"),
        ("treaty", "?t ng:resultedIn ?a. ?a a ng:Treaty; ng:party e:Russia, e:North_Korea; ng:topic ?topic FILTER(CONTAINS(LCASE(?topic), \"comprehensive strategic partnership\"))"),
        ("medicine agreement", "?t ng:resultedIn ?a. ?a a ng:Agreement; ng:party e:Russia, e:North_Korea; ng:area \"medicine\", \"medical education\", \"science\""),
        ("bridge agreement", "?a a ng:Agreement; ng:party e:Russia, e:North_Korea; ng:topic ?topic FILTER(CONTAINS(LCASE(?topic), \"bridge\"))"),
        ("statement", "?s a ng:Statement; ng:speaker ?gt; ng:reportedBy ?tass. ?gt skos:altLabel|<http://www.w3.org/2000/01/rdf-schema#label> ?l FILTER(CONTAINS(?l, \"Global Times\"))"),
        ("expert quote", "?q a ng:Quote; ng:speaker ?x; ng:quotedIn ?gt; ng:text ?text. ?x a ng:Person FILTER(CONTAINS(?text, \"Pyongyang\"))"),
        ("Cui Heng quote", "?q a ng:Quote; ng:speaker e:Cui_Heng; ng:quotedIn ?gt"),
        ("affiliation", "?f a ng:Affiliation; ng:member e:Cui_Heng; ng:role \"research fellow\"; ng:organization e:Center_for_Russian_Studies. e:Center_for_Russian_Studies ng:subOrganizationOf e:East_China_Normal_University"),
        ("cooperation areas", "?q ng:speaker e:Cui_Heng; ng:topic \"natural resources\", \"transport\", \"healthcare\", \"space industry\""),
        ("wikidata", "e:Vladimir_Putin skos:exactMatch wd:Q7747. e:Kim_Jong_Un skos:exactMatch wd:Q56226. e:Russia skos:exactMatch wd:Q159. e:North_Korea skos:exactMatch wd:Q423. e:Pyongyang skos:exactMatch wd:Q18808"),
    ];
    for (name, pattern) in facts {
        let query = format!("{prefixes} ASK {{ GRAPH {g} {{ {pattern} }} }}");
        let result = store.query(&query, name).unwrap();
        assert!(matches!(result, QueryResults::Boolean(true)), "EXPECTED.md fact missing: {name}\n{query}");
    }
}

#[test]
fn issue_3_raw_articles_answer_the_competency_questions() {
    // The README's main command: the built-in extractor on the raw articles, no hand-made facts.
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let out = newsgraph(&["--store", store.to_str().unwrap(), "ingest", "examples/articles"]);
    assert_exit(&out, 0);
    let store = newsgraph::NewsStore::open(&store).unwrap();
    // Questions whose answers do not depend on how a topic is worded.
    for name in ["01-who-visited-pyongyang", "03-ecnu-affiliations", "05-visit-date-evidence"] {
        let query = root().join(format!("examples/queries/{name}.rq"));
        let (expected_header, expected_rows) = read_csv(&std::fs::read_to_string(query.with_extension("csv")).unwrap());
        let (header, rows) = solutions_as_rows(&store, &std::fs::read_to_string(&query).unwrap(), name);
        assert_eq!(header, expected_header, "{name}");
        assert_eq!(rows, expected_rows, "{name} from the raw articles");
    }
    // The three Russia–North Korea agreements are found, whatever their wording.
    let (_, rows) = solutions_as_rows(&store, &std::fs::read_to_string(root().join("examples/queries/02-russia-dprk-agreements.rq")).unwrap(), "02");
    assert_eq!(rows.len(), 3, "{rows:?}");
}
