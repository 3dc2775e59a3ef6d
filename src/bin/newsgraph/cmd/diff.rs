//! `newsgraph diff A B`: added and removed statements, compared in canonical form.

use crate::args::{DiffArgs, Global};
use crate::cmd::{open_store_for_reading, BadInput};
use anyhow::Result;
use newsgraph::{canonical_nquads, ExportFormat, RdfReader};
use oxigraph::model::{GraphName, GraphNameRef, Quad};
use std::collections::BTreeSet;
use std::io::Write;

fn side(global: &Global, spec: &str) -> Result<Vec<Quad>> {
    if let Some(iri) = spec.strip_prefix("graph:") {
        let graph = crate::cmd::iri(iri)?;
        let store = open_store_for_reading(global)?;
        if !store.contains_graph(graph.as_ref())? {
            return Err(BadInput(format!("the store has no graph {graph}")).into());
        }
        // Compare the graph's triples, not its name.
        return Ok(store
            .quads(Some(GraphNameRef::NamedNode(graph.as_ref())))
            .map(|q| q.map(|q| Quad::new(q.subject, q.predicate, q.object, GraphName::DefaultGraph)))
            .collect::<newsgraph::Result<_>>()?);
    }
    let path = std::path::Path::new(spec);
    let format = ExportFormat::from_path(path)?;
    let file = std::fs::File::open(path).map_err(|e| BadInput(format!("{spec}: {e}")))?;
    Ok(RdfReader::new(format).read(std::io::BufReader::new(file), spec)?)
}

pub fn run(global: &Global, args: DiffArgs) -> Result<u8> {
    let a = canonical_nquads(side(global, &args.a)?)?;
    let b = canonical_nquads(side(global, &args.b)?)?;
    let a: BTreeSet<&str> = a.lines().collect();
    let b: BTreeSet<&str> = b.lines().collect();
    let mut out = crate::output::stdout();
    for removed in a.difference(&b) {
        writeln!(out, "- {removed}")?;
    }
    for added in b.difference(&a) {
        writeln!(out, "+ {added}")?;
    }
    let differ = a != b;
    crate::progress::stop_spinner();
    eprintln!("{} removed, {} added", a.difference(&b).count(), b.difference(&a).count());
    Ok(if differ { 1 } else { 0 })
}
