//! The one integration-test binary. Helpers here; one module per area.

mod cli;
mod concurrency;
mod crash;
mod export;
mod hostile;
mod link;
mod merge;
mod ontology;
mod pipeline;
mod parallel;
mod pipelines;
mod props;
mod push;
mod regressions;
mod robustness;
mod scale;
mod serve;
mod shapes;
mod w3c;

use newsgraph::{map_documents, read_facts_file, Mapper, Minter, NewsStore};
use oxigraph::model::Quad;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The project root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared` beside the clone, or `None` after printing one line naming the missing path.
pub fn shared(sub: &str) -> Option<PathBuf> {
    let path = root().join("..").join("shared").join(sub);
    if path.exists() {
        Some(path)
    } else {
        println!("skipped: {} is absent", path.display());
        None
    }
}

/// The example facts files, sorted.
pub fn example_facts() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("examples/facts"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

/// An in-memory store holding the example facts.
pub fn examples_store() -> NewsStore {
    let store = NewsStore::in_memory().unwrap();
    ingest_files(&store, &example_facts());
    store
}

pub fn ingest_files(store: &NewsStore, files: &[PathBuf]) {
    let mapper = Mapper::new(Minter::default());
    let mut documents = Vec::new();
    for file in files {
        documents.extend(read_facts_file(file).unwrap_or_else(|e| panic!("{}: {e}", file.display())));
    }
    store.ingest(&map_documents(&mapper, &documents).unwrap()).unwrap();
}

pub fn all_quads(store: &NewsStore) -> Vec<Quad> {
    store.quads(None).collect::<Result<Vec<_>, _>>().unwrap()
}

/// Asserts two datasets are isomorphic, printing both (canonical N-Quads) when not.
pub fn assert_isomorphic(expected: Vec<Quad>, got: Vec<Quad>) {
    if !newsgraph::isomorphic(expected.clone(), got.clone()).unwrap() {
        let e = newsgraph::canonical_nquads(expected).unwrap();
        let g = newsgraph::canonical_nquads(got).unwrap();
        let missing: Vec<&str> = e.lines().filter(|l| !g.contains(l)).take(20).collect();
        let extra: Vec<&str> = g.lines().filter(|l| !e.contains(l)).take(20).collect();
        panic!("datasets differ\nexpected but missing:\n{}\ngot but not expected:\n{}", missing.join("\n"), extra.join("\n"));
    }
}

/// Runs the `newsgraph` binary.
pub fn newsgraph(args: &[&str]) -> Output {
    newsgraph_in(&root(), args, None)
}

pub fn newsgraph_in(dir: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    use std::io::Write;
    let mut command = Command::new(env!("CARGO_BIN_EXE_newsgraph"));
    command.current_dir(dir).args(args).env_remove("NEWSGRAPH_STORE").env_remove("NEWSGRAPH_THREADS");
    command.stdin(std::process::Stdio::piped()).stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped());
    let mut child = command.spawn().unwrap();
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.unwrap_or_default().as_bytes()).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Asserts the exit code, showing the output when it differs.
pub fn assert_exit(output: &Output, code: i32) {
    assert_eq!(
        output.status.code(),
        Some(code),
        "expected exit {code}\n--- stdout\n{}\n--- stderr\n{}",
        stdout(output),
        stderr(output)
    );
}

/// A Python interpreter that has `module`, from the project's venv (`.ci/run` makes it) or the
/// system. `None` (after a line saying so) when there is none; under CI that is a failure.
pub fn python_with(module: &str) -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("NEWSGRAPH_PYTHON").map(PathBuf::from),
        Some(PathBuf::from("/var/tmp/newsgraph-venv/bin/python")),
        Some(PathBuf::from("python3")),
    ];
    for python in candidates.into_iter().flatten() {
        let ok = Command::new(&python).args(["-c", &format!("import {module}")]).output().is_ok_and(|o| o.status.success());
        if ok {
            return Some(python);
        }
    }
    require_in_ci(&format!("python module {module}"));
    None
}

/// A command on PATH, or `None` (after a line saying so); under CI that is a failure.
pub fn tool(name: &str) -> Option<PathBuf> {
    let found = std::env::var_os("PATH")
        .and_then(|paths| std::env::split_paths(&paths).map(|p| p.join(name)).find(|p| p.is_file()));
    if found.is_none() {
        require_in_ci(name);
    }
    found
}

fn require_in_ci(what: &str) {
    if std::env::var_os("CI").is_some() {
        panic!("{what} is required under CI (.ci/run installs it)");
    }
    println!("skipped: {what} is not installed (.ci/run installs it)");
}

/// Generated facts documents (JSON Lines) for `articles` small articles `gen-00000`…: an envoy
/// visits a city and meets a leader (40 quads each). With `revised`, every even article has
/// another title, extractor version and confidence, so ingesting it replaces those graphs.
pub fn generated_facts(articles: std::ops::Range<usize>, revised: bool) -> String {
    let mut out = String::new();
    for i in articles {
        let rev = revised && i % 2 == 0;
        let text = format!("Envoy {i} visited City {} on June 18 and met Leader {}.", i % 50, i % 30);
        let end = text.chars().count() - 1;
        let doc = serde_json::json!({
            "article": {"id": format!("gen-{i:05}"), "title": format!("Envoy {i} visits{}", if rev { " (revised)" } else { "" }),
                        "date": "2024-06-20", "publisher": "Wire", "text": text},
            "extraction": {"extractor": "generated", "version": if rev { "2" } else { "1" }, "time": "2024-06-21T08:00:00Z"},
            "entities": [
                {"id": "e", "name": format!("Envoy {i}"), "type": "Person"},
                {"id": "c", "name": format!("City {}", i % 50), "type": "City"},
                {"id": "l", "name": format!("Leader {}", i % 30), "type": "Person"}
            ],
            "events": [
                {"id": "visit", "kind": "Visit", "visitor": "e", "destination": ["c"], "start": "2024-06-18",
                 "evidence": {"start": 0, "end": end}, "confidence": if rev { 0.9 } else { 0.8 }},
                {"id": "talks", "kind": "Meeting", "participants": ["e", "l"], "evidence": {"start": 0, "end": end}, "confidence": 0.7}
            ]
        });
        out.push_str(&doc.to_string());
        out.push('\n');
    }
    out
}

/// The store's N-Quads export, its lines sorted (our graphs have no blank nodes, so this is a
/// canonical form), via the CLI.
pub fn sorted_export(store: &Path) -> Vec<String> {
    let out = newsgraph(&["--store", store.to_str().unwrap(), "export", "--format", "nquads"]);
    assert_exit(&out, 0);
    let mut lines: Vec<String> = stdout(&out).lines().map(str::to_owned).collect();
    lines.sort();
    lines
}

/// Copies a directory tree (a closed store).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Cases per property test: `default`, or `PROPTEST_CASES` to search longer.
pub fn proptest_cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(default)
}

/// Asserts that a Turtle or TriG text declares prefixes and uses every prefix it declares, and
/// returns its body (the lines after the declarations), for more checks.
pub fn assert_only_used_prefixes(text: &str, what: &str) -> String {
    let (declarations, body): (Vec<&str>, Vec<&str>) = text.lines().partition(|l| l.starts_with("@prefix"));
    let body = body.join("\n");
    assert!(!declarations.is_empty(), "{what}: no prefix declared");
    for declaration in declarations {
        let name = declaration.trim_start_matches("@prefix ").split(':').next().unwrap();
        assert!(body.contains(&format!("{name}:")), "{what}: prefix {name} is declared but not used");
    }
    body
}
