//! What the robustness tests (`robustness.rs`) and the fuzz targets (`fuzz/fuzz_targets/`,
//! which include this file) check on one input. Each returns `Err` with a description when the
//! input broke a rule; a panic is a failure too.

use newsgraph::{map_documents, read_facts, read_jsonl_articles, read_text_article, Extractor, Located, Mapper, Minter, NewsStore};
use std::sync::OnceLock;

pub fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(Extractor::new)
}

/// Reads an article from `text` the way `ingest` does, extracts its facts, and maps them: the
/// extractor's output must always be accepted by the mapper (spans inside the text, ids
/// resolved, dates valid).
pub fn article_pipeline(text: &str) -> Result<(), String> {
    let article = match read_text_article(text, "fuzz", "fuzz.txt") {
        Ok(article) => article,
        Err(e) if e.is_bad_input() => return Ok(()),
        Err(e) => return Err(format!("reading failed with a non-input error: {e}")),
    };
    let extracted = extractor().extract(&article);
    let document = Located { location: newsgraph::Location::new("fuzz.txt"), value: extracted.facts };
    map_documents(&Mapper::new(Minter::default()), &[document]).map_err(|e| format!("the extractor wrote facts the mapper refuses: {e}"))?;
    Ok(())
}

/// JSON Lines articles, the same way.
pub fn jsonl_pipeline(text: &str) -> Result<(), String> {
    let articles = match read_jsonl_articles(text, "fuzz.jsonl") {
        Ok(articles) => articles,
        Err(e) if e.is_bad_input() => return Ok(()),
        Err(e) => return Err(format!("reading failed with a non-input error: {e}")),
    };
    for article in articles {
        let extracted = extractor().extract(&article);
        let document = Located { location: newsgraph::Location::new("fuzz.jsonl"), value: extracted.facts };
        map_documents(&Mapper::new(Minter::default()), &[document]).map_err(|e| format!("the extractor wrote facts the mapper refuses: {e}"))?;
    }
    Ok(())
}

/// A facts document: parsed, mapped, ingested into a fresh in-memory store.
pub fn facts_pipeline(bytes: &[u8]) -> Result<(), String> {
    let documents = match read_facts(bytes, "fuzz.json") {
        Ok(documents) => documents,
        Err(e) if e.is_bad_input() => return Ok(()),
        Err(e) => return Err(format!("reading failed with a non-input error: {e}")),
    };
    let articles = match map_documents(&Mapper::new(Minter::default()), &documents) {
        Ok(articles) => articles,
        Err(e) if e.is_bad_input() => return Ok(()),
        Err(e) => return Err(format!("mapping failed with a non-input error: {e}")),
    };
    let store = NewsStore::in_memory().unwrap();
    store.ingest(&articles).map_err(|e| format!("a mapped article could not be stored: {e}"))?;
    Ok(())
}

/// A SPARQL query on `store`: a syntax error is bad input naming its source; a valid query
/// runs (an evaluation error is allowed, a panic is not), and its results are consumed.
pub fn query_pipeline(store: &NewsStore, query: &str) -> Result<(), String> {
    match store.query(query, "fuzz.rq") {
        Ok(oxigraph::sparql::QueryResults::Solutions(solutions)) => solutions.take(1000).for_each(drop),
        Ok(oxigraph::sparql::QueryResults::Graph(triples)) => triples.take(1000).for_each(drop),
        Ok(_) => {}
        Err(e @ newsgraph::Error::SparqlSyntax { .. }) => {
            if !e.to_string().starts_with("fuzz.rq") {
                return Err(format!("a syntax error that does not name its source: {e}"));
            }
        }
        Err(newsgraph::Error::QueryEvaluation(_)) => {}
        Err(e) => return Err(format!("unexpected error kind: {e}")),
    }
    Ok(())
}


/// The article readers alone (plain text with its header and dateline rules, and JSON Lines):
/// an error is of the bad-input kind; an article read has its text set, and not empty. The
/// `article` fuzz target runs it; the test binary does not.
#[allow(dead_code)]
pub fn reader_pipeline(text: &str) -> Result<(), String> {
    for result in [read_text_article(text, "fuzz", "fuzz.txt").map(|a| vec![a]), read_jsonl_articles(text, "fuzz.jsonl")] {
        match result {
            Ok(articles) => {
                for article in articles {
                    if article.meta.text.is_none() {
                        return Err(format!("an article without text: {article:?}"));
                    }
                }
            }
            Err(e) if e.is_bad_input() => {}
            Err(e) => return Err(format!("reading failed with a non-input error: {e}")),
        }
    }
    Ok(())
}
