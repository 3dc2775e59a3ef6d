//! `newsgraph validate`: SHACL over the store or a file; exit 1 on violations.

use crate::args::{ValidateArgs};
use crate::args::Global;
use crate::cmd::{open_store_for_reading, BadInput};
use anyhow::Result;
use newsgraph::{validate, ExportFormat, RdfReader, Shapes};

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
    if report.conforms() {
        println!("{what} conforms to the shapes");
        return Ok(0);
    }
    println!("{what} does not conform: {} violation(s)", report.violations.len());
    for v in &report.violations {
        println!("- {}: {}", v.focus, v.message);
        if let Some(path) = &v.path {
            println!("    path:  {path}");
        }
        if let Some(value) = &v.value {
            println!("    value: {value}");
        }
    }
    Ok(1)
}
