//! `newsgraph merge`: other knowledge bases into their own graphs.

use crate::args::MergeArgs;
use crate::cmd::BadInput;
use anyhow::Result;
use newsgraph::{merge_file, ExportFormat, MergeOptions, Minter, NewsStore};

pub fn run(store: &NewsStore, args: MergeArgs) -> Result<u8> {
    let minter = Minter::new(&args.base)?;
    if args.graph.is_some() && args.files.len() > 1 {
        return Err(BadInput("--graph names one graph: merge one file at a time with it".into()).into());
    }
    let options = MergeOptions {
        graph: args
            .graph
            .as_deref()
            .map(crate::cmd::iri)
            .transpose()?,
        format: args.format.as_deref().map(ExportFormat::from_name).transpose()?,
        lenient: args.lenient,
        progress: newsgraph::Progress::default(),
    };
    for file in &args.files {
        let bar = crate::progress::counter(&format!("merging {}", file.display()), "statements", None);
        let options = MergeOptions { progress: crate::progress::reporting_to(&bar), ..options.clone() };
        let report = merge_file(store, &minter, file, &options);
        bar.finish_and_clear();
        let report = report?;
        if report.unchanged {
            eprintln!("{}: already merged into {} (same SHA-256), nothing to do", report.name, report.graph);
            continue;
        }
        eprintln!("{}: {} statements into {} ({})", report.name, report.triples, report.graph, report.format.name());
        if report.skipped > 0 {
            eprintln!("  skipped {} invalid statement(s); the first:", report.skipped);
            for error in &report.first_errors {
                eprintln!("  - {error}");
            }
        }
    }
    store.flush()?;
    Ok(0)
}
