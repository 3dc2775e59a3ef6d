//! `newsgraph extract`: articles → facts JSON, or `--explain`ed facts.

use crate::args::ExtractArgs;
use crate::cmd::BadInput;
use anyhow::Result;
use newsgraph::{Batch, Extractor};
use std::io::Write;

pub fn run(args: ExtractArgs) -> Result<u8> {
    let extractor = Extractor::new();
    let batch = Batch::read(&args.inputs, &extractor)?;
    let mut out = std::io::BufWriter::new(crate::output::stdout());
    for document in &batch.documents {
        let facts = &document.value;
        if args.explain {
            // Re-run to get the explanations of this article (extraction is deterministic).
            let article = newsgraph::Article { meta: facts.article.clone() };
            let extracted = extractor.extract(&article);
            writeln!(out, "# {} ({})", facts.article.id, document.location)?;
            for e in &extracted.explanations {
                writeln!(out, "{:<28} {:<12} rule {:<28} chars {}..{}", e.fact_id, e.kind, e.rule, e.span.0, e.span.1)?;
                writeln!(out, "    {}", e.sentence.replace('\n', " "))?;
            }
        } else if args.jsonl {
            writeln!(out, "{}", serde_json::to_string(facts)?)?;
        } else {
            writeln!(out, "{}", serde_json::to_string_pretty(facts)?)?;
        }
    }
    out.flush()?;
    for failure in &batch.failures {
        eprintln!("skipped {failure}");
    }
    if !batch.failures.is_empty() {
        return Err(BadInput(format!("{} input file(s) could not be read (listed above)", batch.failures.len())).into());
    }
    Ok(0)
}
