//! Issue #8, concurrency: one writer per on-disk store, and reads while it writes.
//!
//! A writer is held open deterministically with `ingest -`: the command opens (and locks) the
//! store, then waits for standard input.

use crate::serve::{client, Served};
use crate::*;
use std::io::Write;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// `newsgraph --store STORE ingest -`, holding the store until its standard input is closed.
struct Writer {
    child: Child,
}

impl Writer {
    fn spawn(store: &Path) -> Child {
        Command::new(env!("CARGO_BIN_EXE_newsgraph"))
            .args(["--store", store.to_str().unwrap(), "ingest", "-"])
            .env_remove("NEWSGRAPH_STORE")
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    }

    fn start(store: &Path) -> Writer {
        let mut child = Self::spawn(store);
        // Wait until it holds the lock: a reader then falls back to read-only and says so. A
        // reader opens a free store read-write, so the probe itself can take the lock just as
        // the writer opens; the writer then fails as locked (exit 3) and is started again.
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let out = newsgraph(&["--store", store.to_str().unwrap(), "stats", "--format", "json"]);
            assert_exit(&out, 0);
            if stderr(&out).contains("is locked by another process") {
                return Writer { child };
            }
            if let Some(status) = child.try_wait().unwrap() {
                let mut message = String::new();
                std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut message).unwrap();
                assert_eq!(status.code(), Some(3), "the writer failed: {message}");
                assert!(message.contains("locked by another process"), "{message}");
                child = Self::spawn(store);
            }
            assert!(Instant::now() < deadline, "the writer never took the store's lock");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Sends `input` and closes standard input; the ingest then runs and exits.
    fn finish_with(mut self, input: &str) -> Child {
        let mut stdin = self.child.stdin.take().unwrap();
        stdin.write_all(input.as_bytes()).unwrap();
        drop(stdin);
        self.child
    }
}

fn store_with_examples(dir: &Path) -> PathBuf {
    let store = dir.join("store");
    assert_exit(&newsgraph(&["--store", store.to_str().unwrap(), "ingest", "examples/facts"]), 0);
    store
}

fn count_articles(store: &Path) -> (u64, String) {
    let out = newsgraph(&[
        "--store",
        store.to_str().unwrap(),
        "query",
        "--format",
        "csv",
        "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { GRAPH ?g { ?a a <https://w3id.org/newsgraph/ns#Article> } }",
    ]);
    assert_exit(&out, 0);
    let n = stdout(&out).lines().nth(1).unwrap().trim().parse().unwrap();
    (n, stderr(&out))
}

#[test]
fn issue_8_a_second_writer_gets_a_clear_locked_error_exit_3_and_nothing_is_corrupted() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_with_examples(dir.path());
    let s = store.to_str().unwrap();
    let writer = Writer::start(&store);

    let facts = root().join("examples/facts/putin-pyongyang-visit.json");
    let update = "INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }";
    for args in [
        vec!["--store", s, "ingest", facts.to_str().unwrap()],
        vec!["--store", s, "update", update],
        vec!["--store", s, "load", facts.to_str().unwrap()],
        vec!["--store", s, "merge", facts.to_str().unwrap()],
        vec!["--store", s, "link"],
        vec!["--store", s, "infer"],
    ] {
        let out = newsgraph(&args);
        assert_exit(&out, 3);
        assert!(stderr(&out).contains("locked by another process"), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(s), "{args:?}: the error names the store: {}", stderr(&out));
    }

    // The first writer finishes its ingest normally, and the store holds exactly what a store
    // that never saw the refused writers holds.
    let generated = generated_facts(0..50, false);
    let output = writer.finish_with(&generated).wait_with_output().unwrap();
    assert_exit(&output, 0);
    let reference = dir.path().join("reference");
    let file = dir.path().join("generated.jsonl");
    std::fs::write(&file, &generated).unwrap();
    assert_exit(&newsgraph(&["--store", reference.to_str().unwrap(), "ingest", "examples/facts", file.to_str().unwrap()]), 0);
    assert!(sorted_export(&store) == sorted_export(&reference), "the store differs from one that saw no second writer");
    // And it is writable again.
    assert_exit(&newsgraph(&["--store", s, "update", update]), 0);
}

#[test]
fn issue_8_reads_keep_answering_during_an_ingest_and_see_the_before_or_after_state() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_with_examples(dir.path());
    let s = store.to_str().unwrap();
    let before_export = sorted_export(&store);
    let writer = Writer::start(&store);

    // While the writer holds the store: query, export, stats, diff and validate read a
    // read-only snapshot, and say so.
    let (n, note) = count_articles(&store);
    assert_eq!(n, 3);
    assert!(note.contains("note: the store") && note.contains("read-only"), "{note}");
    assert!(sorted_export(&store) == before_export, "a read-only export shows the committed state");
    let stats = newsgraph(&["--store", s, "stats", "--format", "json"]);
    assert_exit(&stats, 0);
    assert!(stdout(&stats).contains("\"articles\": 3"), "{}", stdout(&stats));
    let graph = "graph:https://w3id.org/newsgraph/data/graph/putin-pyongyang-visit";
    assert_exit(&newsgraph(&["--store", s, "diff", graph, graph]), 0);
    assert_exit(&newsgraph(&["--store", s, "validate"]), 0);

    // The writer ingests 600 articles; meanwhile, queries keep answering, each with the state
    // before (3 articles) or after (603) the ingest's one transaction, never in between.
    let generated = generated_facts(0..600, false);
    let mut child = writer.finish_with(&generated);
    let mut answers = Vec::new();
    let mut while_running = 0;
    loop {
        let running = child.try_wait().unwrap().is_none();
        let (n, _) = count_articles(&store);
        answers.push(n);
        while_running += usize::from(running);
        if !running {
            break;
        }
    }
    assert_exit(&child.wait_with_output().unwrap(), 0);
    assert!(answers.iter().all(|n| *n == 3 || *n == 603), "a reader saw a partial ingest: {answers:?}");
    assert!(while_running >= 1, "no query ran during the ingest");
    // Once the writer is gone, a reader opens the store normally and sees everything.
    let (n, note) = count_articles(&store);
    assert_eq!(n, 603);
    assert!(!note.contains("read-only"), "{note}");
}

#[test]
fn issue_8_a_read_only_store_sees_what_was_committed_when_it_opened_and_nothing_later() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let writer = newsgraph::NewsStore::open(&path).unwrap();
    assert!(matches!(newsgraph::NewsStore::open(&path), Err(newsgraph::Error::StoreLocked { .. })));
    ingest_files(&writer, &example_facts()[..1]);
    // Committed but not flushed: it is in the write-ahead log, which a read-only open replays.
    let early = newsgraph::NewsStore::open_read_only(&path).unwrap();
    assert!(early.is_read_only());
    let committed = early.len().unwrap();
    assert_eq!(committed, writer.len().unwrap());
    assert!(committed > 0);
    // The same from another process, through the CLI's fallback.
    let out = newsgraph(&["--store", path.to_str().unwrap(), "stats", "--format", "json"]);
    assert_exit(&out, 0);
    assert!(stdout(&out).contains("\"articles\": 1"), "{}", stdout(&out));

    ingest_files(&writer, &example_facts()[1..]);
    writer.flush().unwrap();
    assert_eq!(early.len().unwrap(), committed, "a read-only store is a static view");
    assert!(early.update("INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }", "test").is_err(), "it cannot write");
    let late = newsgraph::NewsStore::open_read_only(&path).unwrap();
    assert_eq!(late.len().unwrap(), writer.len().unwrap(), "a new read-only open sees the later commits");
}

#[test]
fn issue_8_serve_answers_from_a_read_only_snapshot_while_an_ingest_holds_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_with_examples(dir.path());
    let writer = Writer::start(&store);
    let served = Served::start(&store, &["--quiet"], &[]);
    let query = "ASK { GRAPH ?g { ?a a <https://w3id.org/newsgraph/ns#Article> } }";
    let response = client()
        .get(format!("{}/sparql", served.base))
        .query(&[("query", query)])
        .header("Accept", "application/sparql-results+json")
        .send()
        .unwrap();
    assert!(response.status().is_success(), "{}", response.status());
    assert!(response.text().unwrap().contains("true"));
    drop(served);
    // With updates allowed, serve needs the store for itself: refused with the locked error.
    let out = newsgraph(&["--store", store.to_str().unwrap(), "serve", "--allow-update", "--token", "t", "--bind", "127.0.0.1:0"]);
    assert_exit(&out, 3);
    assert!(stderr(&out).contains("locked by another process"), "{}", stderr(&out));
    assert_exit(&writer.finish_with("").wait_with_output().unwrap(), 2);
}
