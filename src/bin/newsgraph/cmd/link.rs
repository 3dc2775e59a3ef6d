//! `newsgraph link`: correspondences between our entities and events and the merged sources,
//! written to the graph BASE links (replaced on each run).

use crate::args::LinkArgs;
use anyhow::Result;
use newsgraph::{link, LinkOptions, LinkRules, Minter, NewsStore};
use std::io::Write;

pub fn run(store: &NewsStore, args: LinkArgs) -> Result<u8> {
    let minter = Minter::new(&args.base)?;
    let rules = match &args.rules {
        Some(path) => LinkRules::from_file(path)?,
        None => LinkRules::bundled()?,
    };
    let report = link(store, &minter, &rules, LinkOptions { same_as: args.same_as })?;
    store.flush()?;
    if args.list {
        let mut out = std::io::BufWriter::new(crate::output::stdout());
        writeln!(out, "score\tmethod\tsubject\tobject\tmatched_on")?;
        for c in &report.correspondences {
            writeln!(out, "{:.4}\t{}\t{}\t{}\t{}", c.score, c.method.name(), c.subject.as_str(), c.object.as_str(), c.matched_on)?;
        }
        out.flush()?;
    }
    let methods: Vec<String> = report.by_method().iter().map(|(m, n)| format!("{m} {n}")).collect();
    crate::progress::stop_spinner();
    eprintln!(
        "{} correspondence(s), {} linked pair(s), {} statements into {}{}",
        report.correspondences.len(),
        report.pairs,
        report.quads,
        report.graph,
        if methods.is_empty() { String::new() } else { format!(" ({})", methods.join(", ")) }
    );
    Ok(0)
}
