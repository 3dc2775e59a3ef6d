//! SHACL shapes: each valid example conforms, each invalid one fails with its message, and
//! pyshacl reaches the same verdicts as the Rust engine.

use crate::*;
use newsgraph::{validate, ExportFormat, RdfReader, Shapes};
use std::collections::BTreeMap;

fn examples() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("ontology/examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ttl"))
        .collect();
    files.sort();
    files
}

/// The Rust engine's verdict and messages for each example.
fn rust_verdicts() -> BTreeMap<String, (bool, Vec<String>)> {
    let shapes = Shapes::bundled().unwrap();
    examples()
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            let quads = RdfReader::new(ExportFormat::Turtle).read(text.as_bytes(), &path.display().to_string()).unwrap();
            let report = validate(&shapes, quads.into_iter().map(Ok)).unwrap();
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            (name, (report.conforms(), report.violations.into_iter().map(|v| v.message).collect()))
        })
        .collect()
}

#[test]
fn each_shape_has_a_valid_and_an_invalid_example() {
    let names: Vec<String> = examples().iter().map(|p| p.file_stem().unwrap().to_string_lossy().into_owned()).collect();
    assert!(names.len() >= 10);
    for name in &names {
        let (shape, kind) = name.rsplit_once('-').unwrap();
        let twin = format!("{shape}-{}", if kind == "valid" { "invalid" } else { "valid" });
        assert!(names.contains(&twin), "{name} has no {twin}");
    }
}

#[test]
fn valid_examples_conform_and_invalid_ones_fail_with_their_message() {
    for (name, (conforms, messages)) in rust_verdicts() {
        if name.ends_with("-invalid") {
            let text = std::fs::read_to_string(root().join(format!("ontology/examples/{name}.ttl"))).unwrap();
            let expected = text.lines().next().and_then(|l| l.strip_prefix("# violates:")).map(str::trim).unwrap();
            assert!(!conforms, "{name} conforms but should violate: {expected}");
            assert!(messages.iter().any(|m| m == expected), "{name}: expected message {expected:?}, got {messages:?}");
        } else {
            assert!(conforms, "{name} should conform, got {messages:?}");
        }
    }
}

#[test]
fn pyshacl_reaches_the_same_verdicts() {
    let Some(python) = python_with("pyshacl") else { return };
    let out = std::process::Command::new(python).arg(root().join("ontology/check_pyshacl.py")).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "pyshacl's verdicts are not the expected ones:\n{text}\n{}", String::from_utf8_lossy(&out.stderr));
    for (name, (conforms, _)) in rust_verdicts() {
        let verdict = if conforms { "conforms" } else { "violates" };
        assert!(text.lines().any(|l| l == format!("{name}: {verdict}")), "pyshacl disagrees on {name} (Rust: {verdict}):\n{text}");
    }
}

#[test]
fn the_examples_store_conforms() {
    let store = examples_store();
    let report = validate(&Shapes::bundled().unwrap(), store.quads(None)).unwrap();
    assert!(report.conforms(), "{:#?}", report.violations);
}
