//! `newsgraph stats`.

use crate::args::{StatsArgs, StatsFormat};
use anyhow::Result;
use newsgraph::{NewsStore, Stats};
use std::io::Write;

pub fn run(store: &NewsStore, args: StatsArgs) -> Result<u8> {
    let stats = Stats::of(store)?;
    let mut out = crate::output::stdout();
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
            writeln!(out, "{}", serde_json::to_string_pretty(&value)?)?;
        }
        StatsFormat::Table => {
            writeln!(out, "articles  {}", stats.articles)?;
            writeln!(out, "entities  {}", stats.entities)?;
            writeln!(out, "facts     {}", stats.total_facts())?;
            for (kind, n) in &stats.facts {
                writeln!(out, "  {kind:<12}{n}")?;
            }
            writeln!(out, "quads     {}", stats.quads)?;
            writeln!(out, "graphs    {}", stats.graphs)?;
        }
    }
    Ok(0)
}
