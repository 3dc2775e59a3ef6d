//! `newsgraph stats`.

use crate::args::{StatsArgs, StatsFormat};
use anyhow::Result;
use newsgraph::{NewsStore, Stats};

pub fn run(store: &NewsStore, args: StatsArgs) -> Result<u8> {
    let stats = Stats::of(store)?;
    match args.format {
        StatsFormat::Json => {
            let value = serde_json::json!({
                "articles": stats.articles,
                "entities": stats.entities,
                "facts": stats.facts,
                "total_facts": stats.total_facts(),
                "quads": stats.quads,
                "graphs": stats.graphs,
            });
            println!("{}", serde_json::to_string_pretty(&value)?);
        }
        StatsFormat::Table => {
            println!("articles  {}", stats.articles);
            println!("entities  {}", stats.entities);
            println!("facts     {}", stats.total_facts());
            for (kind, n) in &stats.facts {
                println!("  {kind:<12}{n}");
            }
            println!("quads     {}", stats.quads);
            println!("graphs    {}", stats.graphs);
        }
    }
    Ok(0)
}
