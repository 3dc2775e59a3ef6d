//! `newsgraph convert IN OUT`: RDF from one format to another, streaming, no store.

use crate::args::ConvertArgs;
use crate::cmd::BadInput;
use anyhow::Result;
use newsgraph::{Converter, ExportFormat};
use std::io::Write;
use std::path::Path;

pub fn run(args: ConvertArgs) -> Result<u8> {
    let stdin = args.input == Path::new("-");
    let stdout = args.output == Path::new("-");
    let (from, compression) = crate::cmd::input_format(&args.input, args.from.as_deref(), "--from")?;
    let to = match (&args.to, stdout) {
        (Some(name), _) => ExportFormat::from_name(name)?,
        (None, false) => ExportFormat::from_path(&args.output)?,
        (None, true) => ExportFormat::Turtle,
    };
    let prefixes = args
        .prefix
        .iter()
        .map(|p| p.split_once('=').ok_or_else(|| BadInput(format!("--prefix {p:?}: expected NAME=IRI"))))
        .collect::<Result<Vec<_>, _>>()?;
    let converter = Converter::new(from, to).with_base(args.base.as_deref())?.with_prefixes(prefixes)?.with_union(args.union);
    let source = if stdin { "<stdin>".to_owned() } else { args.input.display().to_string() };
    let (input, bar): (Box<dyn std::io::Read + Send>, _) = if stdin {
        (newsgraph::decompress(std::io::stdin(), compression, &source)?, None)
    } else {
        let file = std::fs::File::open(&args.input).map_err(|e| BadInput(format!("{source}: {e}")))?;
        let bar = crate::progress::bytes(&format!("converting {source}"), file.metadata().ok().map(|m| m.len()));
        (newsgraph::decompress(bar.wrap_read(file), compression, &source)?, Some(bar))
    };
    let mut quads = 0;
    let result = if stdout {
        let (mut writer, report) = converter.convert(input, std::io::BufWriter::with_capacity(1 << 16, crate::output::stdout()), &source)?;
        writer.flush()?;
        quads = report.quads;
        Ok(0)
    } else {
        crate::cmd::export::write_atomically(&args.output, |file| {
            let (file, report) = converter.convert(input, file, &source)?;
            quads = report.quads;
            Ok(file)
        })
    };
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let code = result?;
    if !stdout {
        eprintln!("wrote {quads} statements to {}", args.output.display());
    }
    Ok(code)
}
