//! `newsgraph validate`: SHACL over the store or a file; exit 1 on violations.

use crate::args::{ValidateArgs};
use crate::args::Global;
use crate::cmd::{open_store_for_reading, BadInput};
use anyhow::Result;
use newsgraph::{validate, ExportFormat, RdfReader, Shapes};
use std::io::Write;

pub fn run(global: &Global, args: ValidateArgs) -> Result<u8> {
    let shapes = match &args.shapes {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| BadInput(format!("{}: {e}", path.display())))?;
            Shapes::from_turtle(&text, &path.display().to_string())?
        }
        None => Shapes::bundled()?,
    };
    let (report, what) = match &args.file {
        Some(path) => {
            let format = ExportFormat::from_path(path)?;
            let file = std::fs::File::open(path).map_err(|e| BadInput(format!("{}: {e}", path.display())))?;
            let quads = RdfReader::new(format).read(std::io::BufReader::new(file), &path.display().to_string())?;
            (validate(&shapes, quads.into_iter().map(Ok))?, path.display().to_string())
        }
        None => {
            let store = open_store_for_reading(global)?;
            (validate(&shapes, store.quads(None))?, "the store".to_owned())
        }
    };
    let mut out = crate::output::stdout();
    if report.conforms() {
        writeln!(out, "{what} conforms to the shapes")?;
        return Ok(0);
    }
    writeln!(out, "{what} does not conform: {} violation(s)", report.violations.len())?;
    for v in &report.violations {
        writeln!(out, "- {}: {}", v.focus, v.message)?;
        if let Some(path) = &v.path {
            writeln!(out, "    path:  {path}")?;
        }
        if let Some(value) = &v.value {
            writeln!(out, "    value: {value}")?;
        }
    }
    Ok(1)
}
