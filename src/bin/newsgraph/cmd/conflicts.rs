//! `newsgraph conflicts`: where sources disagree on a single-valued property.
//!
//! Exit code 1 when conflicts were found, 0 when none, like `diff` and `validate`: the report
//! is on standard output either way, and scripts can test for disagreement without parsing it.

use crate::args::{ConflictsArgs, ConflictsFormat};
use anyhow::Result;
use newsgraph::{find_conflicts, ConflictReport, LinkRules, Minter, NewsStore, DEFAULT_BASE, KNOWN_PREFIXES};
use std::io::Write;

pub fn run(store: &NewsStore, args: ConflictsArgs) -> Result<u8> {
    let minter = Minter::new(&args.base)?;
    let rules = match &args.rules {
        Some(path) => LinkRules::from_file(path)?,
        None => LinkRules::bundled()?,
    };
    let report = find_conflicts(store, &minter, &rules)?;
    let mut out = std::io::BufWriter::new(crate::output::stdout());
    match args.format {
        ConflictsFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &report)?;
            writeln!(out)?;
        }
        ConflictsFormat::Csv => {
            out = report.write_csv(out)?;
        }
        ConflictsFormat::Table => write_table(&mut out, &report, minter.base())?,
    }
    out.flush()?;
    crate::progress::stop_spinner();
    eprintln!("{} conflict(s)", report.conflicts.len());
    Ok(if report.is_empty() { 0 } else { 1 })
}

/// A prefixed name when a known prefix fits.
fn compact(iri: &str, base: &str) -> String {
    let data = ["entity/", "fact/", "graph/", "article/", "evidence/", "source/"];
    for base in [base, DEFAULT_BASE] {
        for segment in data {
            if let Some(local) = iri.strip_prefix(base).and_then(|r| r.strip_prefix(segment)) {
                return format!("{}:{local}", segment.trim_end_matches('/'));
            }
        }
    }
    for (name, namespace) in KNOWN_PREFIXES {
        if let Some(local) = iri.strip_prefix(namespace) {
            if !local.contains(['/', '#']) {
                return format!("{name}:{local}");
            }
        }
    }
    if iri.contains("://") {
        format!("<{iri}>")
    } else {
        iri.to_owned()
    }
}

fn write_table(out: &mut impl Write, report: &ConflictReport, base: &str) -> std::io::Result<()> {
    for (i, conflict) in report.conflicts.iter().enumerate() {
        let properties: Vec<String> = conflict.properties.iter().map(|p| compact(p, base)).collect();
        writeln!(out, "conflict {}: {} — {}", i + 1, compact(&conflict.subject, base), properties.join(" = "))?;
        let members: Vec<String> = conflict.members.iter().map(|m| compact(m, base)).collect();
        if members.len() > 1 || members.first().map(String::as_str) != Some(compact(&conflict.subject, base).as_str()) {
            writeln!(out, "  linked: {}", members.join(", "))?;
        }
        for value in &conflict.values {
            let shown = if value.term.starts_with('<') { compact(&value.value, base) } else { format!("{:?}", value.value) };
            writeln!(out, "  {shown}")?;
            for source in &value.sources {
                let graph = if source.graph.is_empty() { "default graph".to_owned() } else { compact(&source.graph, base) };
                writeln!(out, "    in {graph}: {} {}", compact(&source.node, base), compact(&source.property, base))?;
                for evidence in &source.evidence {
                    match &evidence.text {
                        Some(text) => writeln!(out, "      evidence {:?}", text.replace('\n', " "))?,
                        None => writeln!(out, "      evidence {}", compact(&evidence.iri, base))?,
                    }
                }
            }
        }
    }
    writeln!(out, "({} conflict{})", report.conflicts.len(), if report.conflicts.len() == 1 { "" } else { "s" })
}
