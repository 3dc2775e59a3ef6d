//! `newsgraph query` and `newsgraph update`.

use crate::args::{QueryArgs, ResultsFormat, UpdateArgs};
use crate::cmd::{text_argument, BadInput};
use crate::output;
use anyhow::Result;
use newsgraph::{ExportFormat, Exporter, Minter, NewsStore};
use oxigraph::model::{GraphName, Quad};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::QueryResults;
use std::io::Write;
use std::path::{Path, PathBuf};

pub fn run(store: &NewsStore, args: QueryArgs) -> Result<u8> {
    let (text, source) = text_argument(args.query, args.file.as_deref())?;
    let graph_format = ExportFormat::from_name(&args.graph_format)?;
    let results = store.query(&text, &source)?;
    let stdout = crate::output::stdout();
    write_results(results, args.format, graph_format, std::io::BufWriter::new(stdout))?.flush()?;
    Ok(0)
}

pub fn run_update(store: &NewsStore, args: UpdateArgs) -> Result<u8> {
    let (text, source) = text_argument(args.update, args.file.as_deref())?;
    let before = store.len()?;
    store.update(&text, &source)?;
    store.flush()?;
    let after = store.len()?;
    crate::progress::stop_spinner();
    eprintln!("update done: {before} → {after} quads");
    Ok(0)
}

fn write_results<W: Write>(results: QueryResults<'static>, format: ResultsFormat, graph_format: ExportFormat, mut out: W) -> Result<W> {
    let sparql_format = match format {
        ResultsFormat::Table => None,
        ResultsFormat::Csv => Some(QueryResultsFormat::Csv),
        ResultsFormat::Tsv => Some(QueryResultsFormat::Tsv),
        ResultsFormat::Json => Some(QueryResultsFormat::Json),
        ResultsFormat::Xml => Some(QueryResultsFormat::Xml),
    };
    match results {
        QueryResults::Boolean(value) => match sparql_format {
            None => {
                writeln!(out, "{value}")?;
                Ok(out)
            }
            Some(f) => Ok(QueryResultsSerializer::from_format(f).serialize_boolean_to_writer(out, value)?),
        },
        QueryResults::Solutions(solutions) => {
            let variables = solutions.variables().to_vec();
            match sparql_format {
                None => {
                    let rows = solutions
                        .map(|s| s.map(|s| variables.iter().map(|v| s.get(v).cloned()).collect::<Vec<_>>()))
                        .collect::<Result<Vec<_>, _>>()?;
                    output::write_table(&mut out, &variables, &rows)?;
                    Ok(out)
                }
                Some(f) => {
                    let mut serializer = QueryResultsSerializer::from_format(f).serialize_solutions_to_writer(out, variables)?;
                    for solution in solutions {
                        serializer.serialize(&solution?)?;
                    }
                    Ok(serializer.finish()?)
                }
            }
        }
        QueryResults::Graph(triples) => {
            let quads = triples.map(|t| {
                t.map(|t| Quad::new(t.subject, t.predicate, t.object, GraphName::DefaultGraph))
                    .map_err(|e| newsgraph::Error::QueryEvaluation(e.to_string()))
            });
            Ok(Exporter::new(graph_format).with_data_prefixes(&Minter::default()).write_to(quads, out)?)
        }
        #[allow(unreachable_patterns)]
        _ => Err(BadInput("this kind of query result is not supported".into()).into()),
    }
}

/// Runs every `.rq` file of `path` (a file or a directory, sorted) and prints each question
/// (the file's first `#` comment) and its answers as a table.
pub fn run_query_files(store: &NewsStore, path: &Path) -> Result<()> {
    let files: Vec<PathBuf> = if path.is_dir() {
        crate::cmd::files_with_extension(path, "rq")?
    } else {
        vec![path.to_path_buf()]
    };
    let mut out = crate::output::stdout();
    for file in files {
        let (text, source) = text_argument(None, Some(&file))?;
        let question = text.lines().find_map(|l| l.strip_prefix('#')).map(str::trim).unwrap_or_default().to_owned();
        writeln!(out, "\n== {} — {question}", file.file_name().unwrap_or_default().to_string_lossy())?;
        let results = store.query(&text, &source)?;
        out = write_results(results, ResultsFormat::Table, ExportFormat::Turtle, out)?;
    }
    Ok(())
}
