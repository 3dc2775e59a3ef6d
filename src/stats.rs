//! What a store holds: articles, entities, facts by kind, quads, graphs.

use crate::error::{Error, Result};
use crate::store::NewsStore;
use crate::vocab::ng;
use oxigraph::model::Term;
use oxigraph::sparql::QueryResults;
use std::collections::BTreeMap;

/// Counts of what a store holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    /// Articles (`ng:Article`).
    pub articles: u64,
    /// Distinct entities (people, organizations, places).
    pub entities: u64,
    /// Facts by ontology class local name (`Visit`, `Treaty`, `Quote`, …).
    pub facts: BTreeMap<String, u64>,
    /// All quads.
    pub quads: u64,
    /// Named graphs.
    pub graphs: u64,
}

const ENTITY_CLASSES: &[&str] = &[
    "Person", "Organization", "NewsOutlet", "University", "ResearchCenter", "Government", "PoliticalParty",
    "InternationalOrganization", "Place", "Country", "City", "River", "Region",
];
const FACT_CLASSES: &[&str] = &[
    "Visit", "Meeting", "Signing", "Invitation", "Event", "Agreement", "Treaty", "Memorandum", "Statement",
    "Quote", "Affiliation",
];

/// Only article graphs count (they state their provenance): not the `inferred`, `links` or
/// merged sources' graphs, where the same facts may appear again under other classes.
const ARTICLE_GRAPH: &str = "GRAPH ?g { ?g <http://www.w3.org/ns/prov#wasDerivedFrom> ?source }";

fn values(classes: &[&str]) -> String {
    classes.iter().map(|c| format!("<{}{c}>", ng::NAMESPACE)).collect::<Vec<_>>().join(" ")
}

fn count(term: Option<&Term>) -> u64 {
    match term {
        Some(Term::Literal(l)) => l.value().parse().unwrap_or(0),
        _ => 0,
    }
}

impl Stats {
    /// Counts what `store` holds.
    pub fn of(store: &NewsStore) -> Result<Self> {
        let mut stats = Stats { quads: store.len()? as u64, graphs: store.graphs()?.len() as u64, ..Stats::default() };
        let query = format!(
            "SELECT (COUNT(DISTINCT ?a) AS ?articles) (COUNT(DISTINCT ?e) AS ?entities) WHERE {{
               {{ GRAPH ?g {{ ?a a <{ns}Article> }} }} UNION {{ GRAPH ?g {{ VALUES ?c {{ {entities} }} ?e a ?c }} }}
               {article_graph}
             }}",
            ns = ng::NAMESPACE,
            entities = values(ENTITY_CLASSES),
            article_graph = ARTICLE_GRAPH,
        );
        if let QueryResults::Solutions(solutions) = store.query(&query, "stats")? {
            for solution in solutions {
                let solution = solution.map_err(|e| Error::QueryEvaluation(e.to_string()))?;
                stats.articles = count(solution.get("articles"));
                stats.entities = count(solution.get("entities"));
            }
        }
        let query = format!(
            "SELECT ?c (COUNT(DISTINCT ?f) AS ?n) WHERE {{ GRAPH ?g {{ VALUES ?c {{ {facts} }} ?f a ?c }} {article_graph} }} GROUP BY ?c",
            facts = values(FACT_CLASSES),
            article_graph = ARTICLE_GRAPH,
        );
        if let QueryResults::Solutions(solutions) = store.query(&query, "stats")? {
            for solution in solutions {
                let solution = solution.map_err(|e| Error::QueryEvaluation(e.to_string()))?;
                if let Some(Term::NamedNode(class)) = solution.get("c") {
                    let local = class.as_str().trim_start_matches(ng::NAMESPACE).to_owned();
                    stats.facts.insert(local, count(solution.get("n")));
                }
            }
        }
        Ok(stats)
    }

    /// Total number of facts of every kind.
    pub fn total_facts(&self) -> u64 {
        self.facts.values().sum()
    }
}
