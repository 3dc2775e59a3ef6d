//! Bad input: a clear error naming file, line and column, exit code 2, and the store unchanged.

use crate::*;

/// Ingests `bad` (written to a file) into a store that holds the examples, and checks the
/// error and that the store's content did not change.
fn refuse(name: &str, bad: &str, expect_in_error: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let store_arg = store.to_str().unwrap();
    assert_exit(&newsgraph(&["--store", store_arg, "ingest", "examples/facts"]), 0);
    let before = stdout(&newsgraph(&["--store", store_arg, "export", "--format", "nquads"]));
    let file = dir.path().join(name);
    std::fs::write(&file, bad).unwrap();
    let good = root().join("examples/facts/asean-summit-signings.json");
    // The good file comes first in the batch: it must not be written either.
    let out = newsgraph(&["--store", store_arg, "ingest", good.to_str().unwrap(), file.to_str().unwrap()]);
    assert_exit(&out, 2);
    for needle in expect_in_error {
        assert!(stderr(&out).contains(needle), "error should mention {needle:?}:\n{}", stderr(&out));
    }
    let after = stdout(&newsgraph(&["--store", store_arg, "export", "--format", "nquads"]));
    assert!(before == after, "the store changed after a refused ingest");
}

fn seed_with(field_edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let text = std::fs::read_to_string(root().join("examples/facts/putin-pyongyang-visit.json")).unwrap();
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    value["article"]["id"] = "other-article".into();
    field_edit(&mut value);
    serde_json::to_string_pretty(&value).unwrap()
}

#[test]
fn issue_2_malformed_json_names_line_and_column() {
    refuse("bad.json", "{\n  \"article\": {\"id\": \"x\",\n  oops\n}", &["bad.json:3:3", "invalid facts document"]);
}

#[test]
fn issue_2_unknown_entity_reference() {
    let bad = seed_with(|v| v["events"][0]["visitor"] = "nobody".into());
    refuse("unknown.json", &bad, &["unknown.json:1:1", "other-article", "events[0]", "visitor", "unknown entity id \"nobody\""]);
}

#[test]
fn issue_2_invalid_iri() {
    let bad = seed_with(|v| v["article"]["url"] = "not a url".into());
    refuse("iri.json", &bad, &["article.url", "invalid IRI \"not a url\""]);
}

#[test]
fn issue_2_invalid_date() {
    let bad = seed_with(|v| v["events"][0]["start"] = "2024-02-30".into());
    refuse("date.json", &bad, &["events[0]", ".start", "invalid date \"2024-02-30\""]);
}

#[test]
fn issue_2_unknown_field_is_refused() {
    let bad = seed_with(|v| v["events"][0]["vistor"] = "putin".into());
    refuse("typo.json", &bad, &["unknown field `vistor`"]);
}

#[test]
fn issue_2_evidence_text_must_match_the_article() {
    let bad = seed_with(|v| v["events"][0]["evidence"]["text"] = "something else".into());
    refuse("span.json", &bad, &["does not match the article text"]);
}

#[test]
fn issue_2_duplicate_article_in_one_batch() {
    let line: serde_json::Value = serde_json::from_str(&seed_with(|_| {})).unwrap();
    let jsonl = format!("{}\n{}\n", line, line);
    refuse("twice.jsonl", &jsonl, &["twice.jsonl:2:1", "duplicate id"]);
}

#[test]
fn issue_2_sparql_syntax_error_names_the_position() {
    let out = newsgraph(&["--memory", "query", "SELECT ?x WHERE {\n  ?x ?y \n"]);
    assert_exit(&out, 2);
    assert!(stderr(&out).contains("<argument>:"), "{}", stderr(&out));
}

#[test]
fn issue_2_rdf_syntax_error_names_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.ttl");
    std::fs::write(&file, "@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:d ex:e \"unterminated .\n").unwrap();
    let out = newsgraph(&["--memory", "load", file.to_str().unwrap()]);
    assert_exit(&out, 2);
    assert!(stderr(&out).contains("bad.ttl:3:"), "{}", stderr(&out));
}

#[test]
fn issue_4_failed_load_leaves_the_store_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let store_arg = store.to_str().unwrap();
    assert_exit(&newsgraph(&["--store", store_arg, "ingest", "examples/facts"]), 0);
    let before = stdout(&newsgraph(&["--store", store_arg, "export", "--format", "nquads"]));
    let file = dir.path().join("half.nt");
    std::fs::write(&file, "<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n<http://example.org/a> <http://example.org/b> \"open .\n").unwrap();
    let out = newsgraph(&["--store", store_arg, "load", file.to_str().unwrap()]);
    assert_exit(&out, 2);
    assert!(stderr(&out).contains("half.nt:2:"), "{}", stderr(&out));
    let after = stdout(&newsgraph(&["--store", store_arg, "export", "--format", "nquads"]));
    assert!(before == after, "the store changed after a refused load");
}

#[test]
fn issue_4_load_resolves_relative_iris_against_base_into_a_graph() {
    let out = newsgraph_in(
        &root(),
        &["--memory", "load", "-", "--format", "turtle", "--base", "http://example.org/kb/", "--graph", "http://example.org/g"],
        Some("<a> <b> <c> ."),
    );
    assert_exit(&out, 0);
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    let s = store.to_str().unwrap();
    let out = newsgraph_in(&root(), &["--store", s, "load", "-", "--format", "turtle", "--base", "http://example.org/kb/", "--graph", "http://example.org/g"], Some("<a> <b> <c> ."));
    assert_exit(&out, 0);
    let out = newsgraph(&["--store", s, "export", "--format", "nquads"]);
    assert_eq!(stdout(&out).trim(), "<http://example.org/kb/a> <http://example.org/kb/b> <http://example.org/kb/c> <http://example.org/g> .");
}

/// Found while building the crash test (issue #8): JSON Lines facts counted the lines before
/// each document from the start of the file, so reading N documents took O(N²) time: 3,000
/// small documents took two minutes in the debug build. 20,000 now take well under a second.
#[test]
fn issue_8_reading_many_json_lines_documents_is_linear() {
    let text = generated_facts(0..20_000, false);
    let started = std::time::Instant::now();
    let documents = newsgraph::read_facts(text.as_bytes(), "many.jsonl").unwrap();
    let elapsed = started.elapsed();
    assert_eq!(documents.len(), 20_000);
    assert_eq!(documents[19_999].location.to_string(), "many.jsonl:20000:1", "line numbers are still right");
    assert_eq!(documents[1].location.to_string(), "many.jsonl:2:1");
    // The quadratic version needs minutes here; the linear one, a fraction of a second.
    assert!(elapsed < std::time::Duration::from_secs(20), "reading 20,000 documents took {elapsed:?}");
}
