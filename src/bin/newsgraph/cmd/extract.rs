//! `newsgraph extract`: articles → facts JSON, or `--explain`ed facts.

use crate::args::ExtractArgs;
use crate::cmd::BadInput;
use anyhow::Result;
use newsgraph::{Batch, Extractor};
use std::io::Write;

pub fn run(args: ExtractArgs) -> Result<u8> {
    let extractor = Extractor::new();
    let bar = crate::progress::unless_output_is_terminal(crate::progress::counter("extracting", "articles", None), true);
    let mut out = std::io::BufWriter::new(crate::output::stdout());
    // Each document is written as soon as it is extracted: memory does not grow with the input.
    let batch = Batch::for_each(&args.inputs, &extractor, |document| {
        write_document(&mut out, &extractor, &document, args.explain, args.jsonl).map_err(|e| newsgraph::Error::Io {
            path: "<stdout>".into(),
            source: e,
        })?;
        bar.inc(1);
        Ok(())
    });
    bar.finish_and_clear();
    let batch = batch?;
    out.flush()?;
    for failure in &batch.failures {
        eprintln!("skipped {failure}");
    }
    if !batch.failures.is_empty() {
        return Err(BadInput(format!("{} input file(s) could not be read (listed above)", batch.failures.len())).into());
    }
    Ok(0)
}

fn write_document(
    out: &mut impl Write,
    extractor: &Extractor,
    document: &newsgraph::Located<newsgraph::ArticleFacts>,
    explain: bool,
    jsonl: bool,
) -> std::io::Result<()> {
    let facts = &document.value;
    if explain {
        // Re-run to get the explanations of this article (extraction is deterministic).
        let article = newsgraph::Article { meta: facts.article.clone() };
        let extracted = extractor.extract(&article);
        writeln!(out, "# {} ({})", facts.article.id, document.location)?;
        for e in &extracted.explanations {
            writeln!(out, "{:<28} {:<12} rule {:<28} chars {}..{}", e.fact_id, e.kind, e.rule, e.span.0, e.span.1)?;
            writeln!(out, "    {}", e.sentence.replace('\n', " "))?;
        }
        Ok(())
    } else if jsonl {
        writeln!(out, "{}", serde_json::to_string(facts)?)
    } else {
        writeln!(out, "{}", serde_json::to_string_pretty(facts)?)
    }
}
