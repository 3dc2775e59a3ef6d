//! The command line: every command on a real on-disk store.

use crate::*;

fn store_args(dir: &Path) -> Vec<String> {
    vec!["--store".into(), dir.join("store").display().to_string()]
}

fn run(dir: &Path, args: &[&str]) -> std::process::Output {
    let mut all = store_args(dir);
    all.extend(args.iter().map(|s| (*s).to_owned()));
    let all: Vec<&str> = all.iter().map(String::as_str).collect();
    newsgraph_in(&root(), &all, None)
}

#[test]
fn ingest_query_export_stats_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["ingest", "examples/facts"]);
    assert_exit(&out, 0);
    assert!(stderr(&out).contains("ingested 3 article(s)"), "{}", stderr(&out));

    let out = run(dir.path(), &["query", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?v a <https://w3id.org/newsgraph/ns#Visit> } }"]);
    assert_exit(&out, 0);
    assert!(stdout(&out).lines().next().unwrap().trim() == "n", "{}", stdout(&out));

    let out = run(dir.path(), &["query", "--format", "csv", "--file", "examples/queries/01-who-visited-pyongyang.rq"]);
    assert_exit(&out, 0);
    assert!(stdout(&out).contains("Vladimir Putin,2024-06-18,2024-06-19"), "{}", stdout(&out));

    for format in ["json", "xml", "tsv", "table"] {
        let out = run(dir.path(), &["query", "--format", format, "ASK { ?s ?p ?o }"]);
        assert_exit(&out, 0);
    }

    let out = run(dir.path(), &["query", "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s a <https://w3id.org/newsgraph/ns#Treaty>; ?p ?o } }"]);
    assert_exit(&out, 0);
    assert!(stdout(&out).contains("a ng:Treaty"), "{}", stdout(&out));

    let out = run(dir.path(), &["stats", "--format", "json"]);
    assert_exit(&out, 0);
    let stats: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(stats["articles"], 3);
    assert_eq!(stats["graphs"], 3);
    assert!(stats["facts"]["Visit"].as_u64().unwrap() >= 2);

    let ttl = dir.path().join("out.ttl");
    let out = run(dir.path(), &["export", "-o", ttl.to_str().unwrap()]);
    assert_exit(&out, 0);
    assert!(std::fs::read_to_string(&ttl).unwrap().contains("@prefix ng:"));

    let out = run(dir.path(), &["export", "--format", "nquads", "--graph", "https://w3id.org/newsgraph/data/graph/putin-pyongyang-visit"]);
    assert_exit(&out, 0);
    assert!(stdout(&out).lines().all(|l| l.ends_with("<https://w3id.org/newsgraph/data/graph/putin-pyongyang-visit> .")));

    let out = run(dir.path(), &["validate"]);
    assert_exit(&out, 0);

    let out = run(dir.path(), &["update", "DELETE WHERE { GRAPH ?g { ?s <https://w3id.org/newsgraph/ns#confidence> ?c } }"]);
    assert_exit(&out, 0);
    let out = run(dir.path(), &["validate"]);
    assert_exit(&out, 1);
    assert!(stdout(&out).contains("confidence"), "{}", stdout(&out));
}

#[test]
fn ingest_runs_queries_and_exports_in_one_go_in_memory() {
    let dir = tempfile::tempdir().unwrap();
    let ttl = dir.path().join("graph.ttl");
    let out = newsgraph(&["--memory", "ingest", "examples/facts", "--queries", "examples/queries", "--export", ttl.to_str().unwrap()]);
    assert_exit(&out, 0);
    assert!(stdout(&out).contains("Who visited Pyongyang"), "{}", stdout(&out));
    assert!(stdout(&out).contains("Vladimir Putin"), "{}", stdout(&out));
    assert!(ttl.exists());
}

#[test]
fn ingest_reads_stdin_and_reports_skipped_files() {
    let text = std::fs::read_to_string(root().join("examples/facts/putin-pyongyang-visit.json")).unwrap();
    let out = newsgraph_in(&root(), &["--memory", "ingest", "-"], Some(&text));
    assert_exit(&out, 0);
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(root().join("examples/facts/putin-pyongyang-visit.json"), dir.path().join("a.json")).unwrap();
    std::fs::write(dir.path().join("notes.csv"), "a,b\n").unwrap();
    let out = newsgraph(&["--memory", "ingest", dir.path().to_str().unwrap()]);
    assert_exit(&out, 0);
    assert!(stderr(&out).contains("skipped") && stderr(&out).contains("notes.csv"), "{}", stderr(&out));
}

#[test]
fn load_then_export_round_trips_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["ingest", "examples/facts"]);
    assert_exit(&out, 0);
    let trig = dir.path().join("all.trig");
    assert_exit(&run(dir.path(), &["export", "-o", trig.to_str().unwrap()]), 0);
    let other = tempfile::tempdir().unwrap();
    assert_exit(&run(other.path(), &["load", trig.to_str().unwrap()]), 0);
    let a = newsgraph::NewsStore::open(dir.path().join("store")).unwrap();
    let b = newsgraph::NewsStore::open(other.path().join("store")).unwrap();
    assert_isomorphic(all_quads(&a), all_quads(&b));
}

#[test]
fn schema_is_generated_from_the_types() {
    let out = newsgraph(&["schema"]);
    assert_exit(&out, 0);
    let schema: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(schema["title"], "ArticleFacts");
    assert!(schema["properties"]["events"].is_object());
    assert!(stdout(&out).contains("visit_types"));
}

#[test]
fn validate_reports_the_shape_message_for_a_file() {
    let out = newsgraph(&["--memory", "validate", "ontology/examples/visit-invalid.ttl"]);
    assert_exit(&out, 1);
    assert!(stdout(&out).contains("A visit needs at least one ng:destination"), "{}", stdout(&out));
    let out = newsgraph(&["--memory", "validate", "ontology/examples/visit-valid.ttl"]);
    assert_exit(&out, 0);
}

#[test]
fn the_readme_facts_example_ingests() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let json = readme.split("```json\n").nth(1).and_then(|rest| rest.split("```").next()).expect("a ```json block");
    let out = newsgraph_in(&root(), &["--memory", "ingest", "-", "--queries", "examples/queries/01-who-visited-pyongyang.rq"], Some(json));
    assert_exit(&out, 0);
    assert!(stdout(&out).contains("Vladimir Putin | 2024-06-18 | 2024-06-19"), "{}", stdout(&out));
}

/// Runs the binary with standard output a pipe whose reader is closed before it starts, so that
/// its first write fails (EPIPE), as when `newsgraph … | head -1` has read its line and gone.
fn with_closed_stdout(dir: &Path, args: &[&str]) -> std::process::Output {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_newsgraph"));
    command.current_dir(root()).args(store_args(dir)).args(args).env_remove("NEWSGRAPH_STORE");
    command.stdin(std::process::Stdio::null()).stdout(writer).stderr(std::process::Stdio::piped());
    command.output().unwrap()
}

#[test]
fn every_command_exits_141_quietly_when_its_reader_has_gone() {
    let dir = tempfile::tempdir().unwrap();
    assert_exit(&run(dir.path(), &["ingest", "examples/facts"]), 0);
    let extracted = dir.path().join("extracted.nt");
    assert_exit(&run(dir.path(), &["export", "--format", "ntriples", "-o", extracted.to_str().unwrap()]), 0);
    let ask = "ASK { ?s ?p ?o }";
    let select = "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }";
    let construct = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }";
    let file = extracted.to_str().unwrap();
    let commands: &[&[&str]] = &[
        &["stats"],
        &["stats", "--format", "json"],
        &["schema"],
        &["export"],
        &["export", "--format", "nquads"],
        &["export", "--format", "jsonld"],
        &["query", ask],
        &["query", "--format", "csv", select],
        &["query", select],
        &["query", construct],
        &["validate"],
        &["conflicts"],
        &["link", "--list"],
        &["extract", "examples/articles/putin-pyongyang-visit.txt"],
        &["convert", file, "-", "--to", "turtle"],
        &["diff", file, "graph:https://w3id.org/newsgraph/data/graph/putin-pyongyang-visit"],
        &["eval", "--gold", "examples/gold/facts/01-wire-lula-new-delhi.json"],
    ];
    for args in commands {
        let out = with_closed_stdout(dir.path(), args);
        let err = stderr(&out);
        assert!(!err.contains("panicked") && !err.contains("error:") && !err.contains("Broken pipe"), "{args:?}: {err}");
        assert_eq!(out.status.code(), Some(141), "{args:?}: {err}");
    }
}
