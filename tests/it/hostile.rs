//! The hostile corpus (`tests/hostile/`, plus large inputs generated here): every bad input
//! gets a clear message naming the file (and line and column where they exist), exit code 2,
//! and leaves the store exactly as it was.

use crate::*;

/// (file, command, expected exit code, what the error must say)
const CASES: &[(&str, &str, i32, &[&str])] = &[
    ("truncated-utf8.txt", "ingest", 2, &["truncated-utf8.txt", "not UTF-8"]),
    ("invalid-utf8.txt", "ingest", 2, &["invalid-utf8.txt:3:7", "not UTF-8", "offset 16"]),
    ("binary.txt", "ingest", 2, &["binary.txt", "binary file"]),
    ("empty.txt", "ingest", 2, &["empty.txt", "empty article"]),
    ("whitespace-only.txt", "ingest", 2, &["whitespace-only.txt", "empty article"]),
    ("nul-in-json.json", "ingest", 2, &["nul-in-json.json:1:", "control character"]),
    // The typed reader refuses the first misplaced bracket, so depth never grows.
    ("deeply-nested.json", "ingest", 2, &["deeply-nested.json:1:39", "invalid facts document"]),
    ("unknown-entity.json", "ingest", 2, &["unknown-entity.json:1:1", "unknown entity id \"nobody\""]),
    ("duplicate-entity-id.json", "ingest", 2, &["duplicate-entity-id.json", "duplicate id"]),
    ("february-30.json", "ingest", 2, &["february-30.json", "invalid date \"2024-02-30\""]),
    ("invalid-url.json", "ingest", 2, &["invalid-url.json", "article.url", "invalid IRI"]),
    ("invalid-language.json", "ingest", 2, &["invalid-language.json", "invalid language tag \"english!\""]),
    ("invalid-wikidata.json", "ingest", 2, &["invalid-wikidata.json", "invalid Wikidata id \"Q12x\""]),
    ("confidence-above-one.json", "ingest", 2, &["confidence 1.5 is not between 0 and 1"]),
    ("span-past-the-text.json", "ingest", 2, &["evidence span 10..999999 is invalid"]),
    ("unknown-field.json", "ingest", 2, &["unknown-field.json:", "unknown field `vistor`"]),
    ("json-in-a-ttl.ttl", "load", 2, &["json-in-a-ttl.ttl:1:1", "invalid RDF"]),
    ("turtle-error-line-3.ttl", "load", 2, &["turtle-error-line-3.ttl:3:"]),
    ("iri-with-space.nt", "load", 2, &["iri-with-space.nt:1:", "invalid RDF"]),
    ("bad-language-tag.nt", "load", 2, &["bad-language-tag.nt:1:", "invalid RDF"]),
    ("sparql-syntax-error.rq", "query", 2, &["sparql-syntax-error.rq:3:", "invalid SPARQL"]),
];

struct Fixture {
    _dir: tempfile::TempDir,
    store: String,
}

impl Fixture {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("store").display().to_string();
        assert_exit(&newsgraph(&["--store", &store, "ingest", "examples/facts"]), 0);
        Fixture { _dir: dir, store }
    }

    fn run(&self, args: &[&str]) -> std::process::Output {
        let mut all = vec!["--store", &self.store];
        all.extend_from_slice(args);
        newsgraph(&all)
    }

    fn dump(&self) -> String {
        stdout(&self.run(&["export", "--format", "nquads"]))
    }
}

#[test]
fn issue_8_every_hostile_input_is_refused_clearly_and_changes_nothing() {
    let fixture = Fixture::new();
    let before = fixture.dump();
    let corpus = root().join("tests/hostile");
    for (file, command, code, needles) in CASES {
        let path = corpus.join(file).display().to_string();
        let out = match *command {
            "query" => fixture.run(&["query", "--file", &path]),
            other => fixture.run(&[other, &path]),
        };
        assert_eq!(out.status.code(), Some(*code), "{file}: exit code\n{}", stderr(&out));
        for needle in *needles {
            assert!(stderr(&out).contains(needle), "{file}: the error should say {needle:?}:\n{}", stderr(&out));
        }
        assert!(fixture.dump() == before, "{file}: the store changed");
    }
}

#[test]
fn issue_8_hostile_entity_names_are_percent_encoded_and_never_break_the_output() {
    let fixture = Fixture::new();
    let path = root().join("tests/hostile/hostile-entity-name.json").display().to_string();
    assert_exit(&fixture.run(&["ingest", &path]), 0);
    let store = newsgraph::NewsStore::open(&fixture.store).unwrap();
    for format in newsgraph::ExportFormat::ALL {
        let bytes = newsgraph::Exporter::new(format).write_to(store.quads(None), Vec::new()).unwrap();
        let back = newsgraph::RdfReader::new(format).read(bytes.as_slice(), format.name()).unwrap();
        assert!(!back.is_empty(), "{}", format.name());
    }
    let turtle = String::from_utf8(newsgraph::Exporter::new(newsgraph::ExportFormat::NTriples).write_to(store.quads(None), Vec::new()).unwrap()).unwrap();
    assert!(turtle.contains("entity/A_%22quoted%22_%3Cname%3E_with_spaces%2Fslashes_%26_%5C_backslash>"), "the name is encoded in the IRI");
}

#[test]
fn issue_8_a_200_mb_article_is_refused_before_it_is_read() {
    let fixture = Fixture::new();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.txt");
    std::fs::File::create(&path).unwrap().set_len(200 * 1024 * 1024).unwrap();
    let out = fixture.run(&["ingest", path.to_str().unwrap()]);
    assert_exit(&out, 2);
    assert!(stderr(&out).contains("huge.txt") && stderr(&out).contains("byte limit"), "{}", stderr(&out));
}

#[test]
fn issue_8_a_10_mb_line_is_read() {
    let fixture = Fixture::new();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.jsonl");
    let text = "word ".repeat(2 * 1024 * 1024);
    let line = serde_json::json!({"article": {"id": "long-line", "text": text}, "entities": [{"id": "p", "name": "Somebody", "type": "Person", "mentions": [{"start": 0, "end": 4}]}]});
    std::fs::write(&path, format!("{line}\n")).unwrap();
    assert!(std::fs::metadata(&path).unwrap().len() > 10_000_000);
    assert_exit(&fixture.run(&["ingest", path.to_str().unwrap()]), 0);
}

#[test]
fn issue_8_an_unreadable_file_in_a_directory_is_skipped_and_reported() {
    let fixture = Fixture::new();
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(root().join("examples/articles/putin-pyongyang-visit.txt"), dir.path().join("good.txt")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("gone.txt"), dir.path().join("dangling.txt")).unwrap();
    let out = fixture.run(&["ingest", dir.path().to_str().unwrap()]);
    assert_exit(&out, 2);
    assert!(stderr(&out).contains("dangling.txt"), "{}", stderr(&out));
    assert!(stderr(&out).contains("ingested 1 article"), "the rest of the batch goes on: {}", stderr(&out));
}
