//! Build a graph from an article's facts, ask it a question, and print it as Turtle.
//!
//! `cargo run --example quickstart`

use newsgraph::{map_documents, read_facts_file, ExportFormat, Exporter, Mapper, Minter, NewsStore};
use oxigraph::sparql::QueryResults;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // 1. Facts about one article (as any extractor — ours, an LLM, spaCy — would write them).
    let documents = read_facts_file("examples/facts/putin-pyongyang-visit.json".as_ref())?;

    // 2. Map them to quads under the newsgraph ontology and write them to an in-memory store.
    let mapper = Mapper::new(Minter::default());
    let store = NewsStore::in_memory()?;
    let report = store.ingest(&map_documents(&mapper, &documents)?)?;
    println!("# {} article, {} quads", report.articles, report.quads);

    // 3. Ask: who visited Pyongyang, and when?
    let query = r#"
        PREFIX ng: <https://w3id.org/newsgraph/ns#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?name ?start ?end WHERE { GRAPH ?g {
            ?visit a ng:Visit ; ng:visitor ?who ; ng:destination ?place ; ng:startDate ?start ; ng:endDate ?end .
            ?who rdfs:label ?name . ?place rdfs:label "Pyongyang" } }"#;
    if let QueryResults::Solutions(solutions) = store.query(query, "quickstart")? {
        for solution in solutions {
            let solution = solution?;
            let value = |name: &str| match &solution[name] {
                oxigraph::model::Term::Literal(literal) => literal.value().to_owned(),
                other => other.to_string(),
            };
            println!("# {} visited Pyongyang from {} to {}", value("name"), value("start"), value("end"));
        }
    }

    // 4. The graph as readable Turtle.
    let turtle = Exporter::new(ExportFormat::Turtle).with_data_prefixes(mapper.minter()).write_to(store.quads(None), Vec::new())?;
    print!("{}", String::from_utf8(turtle)?);
    Ok(())
}
