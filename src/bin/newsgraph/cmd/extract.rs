//! `newsgraph extract`: articles → facts JSON, or `--explain`ed facts.

use crate::args::ExtractArgs;
use crate::cmd::BadInput;
use anyhow::Result;
use newsgraph::{Batch, Extractor};
use std::io::Write;

pub fn run(args: ExtractArgs) -> Result<u8> {
    let extractor = Extractor::new().with_threads(args.threads);
    let bar = crate::progress::unless_output_is_terminal(crate::progress::counter("extracting", "articles", None), true);
    let mut out = std::io::BufWriter::new(crate::output::stdout());
    // Each document is written as soon as it is extracted: memory does not grow with the input.
    let mut write = |document: newsgraph::Located<newsgraph::ArticleFacts>, explanations: Option<Vec<newsgraph::Explanation>>| {
        write_document(&mut out, &extractor, &document, explanations, args.explain, args.jsonl).map_err(|e| newsgraph::Error::Io {
            path: "<stdout>".into(),
            source: e,
        })?;
        bar.inc(1);
        Ok(())
    };
    // Explanations are made only for `--explain`.
    let batch = if args.explain {
        Batch::for_each_explained(&args.inputs, &extractor, &mut write)
    } else {
        Batch::for_each(&args.inputs, &extractor, |document| write(document, None))
    };
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
    explanations: Option<Vec<newsgraph::Explanation>>,
    explain: bool,
    jsonl: bool,
) -> std::io::Result<()> {
    let facts = &document.value;
    if explain {
        // A facts document read as it is has none: extract its article's text to explain it.
        let explanations = explanations.unwrap_or_else(|| extractor.extract(&newsgraph::Article { meta: facts.article.clone() }).explanations);
        writeln!(out, "# {} ({})", facts.article.id, document.location)?;
        for e in &explanations {
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
