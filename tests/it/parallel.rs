//! Extraction across threads (`--threads`, issue 7): the same documents, in the same order, as
//! one thread gives, and the same first error.

use crate::{assert_exit, newsgraph_in, root, stderr, stdout};
use newsgraph::{read_article_file, Batch, Extractor};
use std::path::{Path, PathBuf};

/// A directory mixing what a batch can hold: text articles, a JSON Lines file of 40 articles,
/// and facts documents read as they are, so that facts documents wait for the articles read
/// before them.
fn mixed_inputs(dir: &Path) -> Vec<PathBuf> {
    let articles: Vec<PathBuf> = ["examples/articles", "examples/gold/articles"]
        .iter()
        .flat_map(|d| std::fs::read_dir(root().join(d)).unwrap().map(|e| e.unwrap().path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    let mut lines = String::new();
    for (n, path) in articles.iter().cycle().take(40).enumerate() {
        let article = read_article_file(path).unwrap();
        let line = serde_json::json!({
            "id": format!("copy-{n}"),
            "title": article.meta.title,
            "date": article.meta.date,
            "publisher": article.meta.publisher,
            "text": article.text(),
        });
        lines.push_str(&line.to_string());
        lines.push('\n');
    }
    std::fs::write(dir.join("copies.jsonl"), lines).unwrap();
    let mut inputs = vec![root().join("examples/articles"), dir.join("copies.jsonl"), root().join("examples/facts/putin-pyongyang-visit.json")];
    inputs.push(root().join("examples/gold/articles"));
    inputs
}

fn run(inputs: &[PathBuf], threads: &str, extra: &[&str]) -> std::process::Output {
    let mut args: Vec<String> = vec!["extract".into(), "--threads".into(), threads.into()];
    args.extend(extra.iter().map(|s| s.to_string()));
    args.extend(inputs.iter().map(|p| p.display().to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    newsgraph_in(&root(), &args, None)
}

#[test]
fn issue_7_extract_on_several_threads_prints_what_one_thread_prints() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = mixed_inputs(dir.path());
    for extra in [&["--jsonl"][..], &["--explain"][..]] {
        let one = run(&inputs, "1", extra);
        assert_exit(&one, 0);
        assert!(stdout(&one).lines().count() > 55, "too little output for {extra:?}:\n{}", stdout(&one));
        for threads in ["2", "5"] {
            let many = run(&inputs, threads, extra);
            assert_exit(&many, 0);
            if one.stdout != many.stdout {
                let (a, b) = (stdout(&one), stdout(&many));
                let at = a.lines().zip(b.lines()).position(|(x, y)| x != y).unwrap_or(0);
                panic!("{extra:?} with {threads} threads differs from 1 thread at line {}:\n  1 thread: {:?}\n  {threads}: {:?}", at + 1, a.lines().nth(at), b.lines().nth(at));
            }
        }
    }
}

/// The documents the sink saw, by id, and the error that stopped the batch.
fn until_failure(inputs: &[PathBuf], threads: usize, fail_at: usize) -> (Vec<String>, String) {
    let extractor = Extractor::new().with_threads(threads);
    let mut seen = Vec::new();
    let outcome = Batch::for_each(inputs, &extractor, |document| {
        if seen.len() == fail_at {
            return Err(newsgraph::Error::ArticleInput { location: document.location.clone(), message: format!("refused {}", document.value.article.id) });
        }
        seen.push(document.value.article.id);
        Ok(())
    });
    (seen, outcome.expect_err("the sink refused a document").to_string())
}

#[test]
fn issue_7_a_sink_error_stops_a_parallel_batch_at_the_same_document() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = mixed_inputs(dir.path());
    for fail_at in [0, 2, 7, 44] {
        let expected = until_failure(&inputs, 1, fail_at);
        assert_eq!(expected.0.len(), fail_at);
        for threads in [2, 4] {
            let got = until_failure(&inputs, threads, fail_at);
            assert_eq!(expected, got, "refusing document {fail_at} with {threads} threads\nexpected: {expected:?}\n     got: {got:?}");
        }
    }
}

#[test]
fn issue_7_ingest_on_several_threads_reports_the_first_duplicate_like_one_thread() {
    let dir = tempfile::tempdir().unwrap();
    let mut inputs = mixed_inputs(dir.path());
    // The facts document repeats an example article's id (the first duplicate), and the same
    // JSON Lines twice brings 40 more.
    std::fs::copy(dir.path().join("copies.jsonl"), dir.path().join("again.jsonl")).unwrap();
    inputs.push(dir.path().join("again.jsonl"));
    let ingest = |threads: &str| {
        let mut args: Vec<String> = vec!["--memory".into(), "ingest".into(), "--threads".into(), threads.into()];
        args.extend(inputs.iter().map(|p| p.display().to_string()));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        newsgraph_in(&root(), &args, None)
    };
    let one = ingest("1");
    let many = ingest("3");
    assert_exit(&one, 2);
    assert_exit(&many, 2);
    assert!(stderr(&one).contains("duplicate id \"putin-pyongyang-visit"), "the error names the first duplicate:\n{}", stderr(&one));
    assert_eq!(stderr(&one), stderr(&many));
}
