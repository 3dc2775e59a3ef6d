//! Issue #8, robustness: the inputs the fuzz targets in `fuzz/` take (article text, JSON Lines
//! articles, facts documents, SPARQL queries), here driven by proptest so that `cargo test`
//! runs them too. Nothing may panic; bad input is an error of the bad-input kind; what the
//! extractor writes, the mapper accepts. Crashers the fuzzers found are kept at the bottom,
//! each named for what it found.

use crate::pipelines::{article_pipeline, facts_pipeline, jsonl_pipeline};
use newsgraph::NewsStore;
use proptest::prelude::*;
use std::sync::OnceLock;

fn examples_store() -> &'static NewsStore {
    static STORE: OnceLock<NewsStore> = OnceLock::new();
    STORE.get_or_init(crate::examples_store)
}

fn query_pipeline(query: &str) -> Result<(), String> {
    crate::pipelines::query_pipeline(examples_store(), query)
}

/// Text made of pieces of news prose, datelines, headers and noise.
fn newsy_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "BEIJING, June 20. /TASS/. ",
        "NEW DELHI, Feb 14 (Reuters) - ",
        "title: Leaders meet\n",
        "date: 2024-06-20\n",
        "date: 2024-02-30\n",
        "---\n",
        "\n\n",
        "Vladimir Putin ",
        "paid a state visit to ",
        "Pyongyang ",
        "on June 18 and 19. ",
        "from November 8 to 10 ",
        "last month ",
        "Kim Jong Un ",
        "met ",
        "signed a treaty on comprehensive strategic partnership with ",
        "invited ",
        "\"We will win,\" he said. ",
        "the Russian president ",
        "Cui Heng, a research fellow at the Center for Russian Studies of East China Normal University, ",
        "told the Global Times ",
        "did not visit ",
        "may visit ",
        "Ministry of Foreign Affairs ",
        "ASEAN ",
        "2024 ",
        "Monday ",
        "“",
        "”",
        "—",
        "é",
        "😀",
        " ",
        ".",
        ",",
        "\t",
        "\r\n",
    ]);
    prop::collection::vec(prop_oneof![4 => pieces.prop_map(str::to_owned), 1 => any::<char>().prop_map(String::from)], 0..60)
        .prop_map(|parts| parts.concat())
}

fn json_value(depth: u32) -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        prop::sample::select(vec![-1.0, 0.0, 0.5, 1.0, 1.5, 1e300]).prop_map(serde_json::Value::from),
        prop::sample::select(vec![0i64, 3, 5, 10, 999_999, -1]).prop_map(serde_json::Value::from),
        prop::sample::select(vec![
            "", "a", "p", "putin", "Visit", "Meeting", "Signing", "Invitation", "Event", "Treaty", "Agreement", "Memorandum",
            "Statement", "Quote", "Person", "City", "Country", "NewsOutlet", "2024-06-18", "2024-02-30", "2024", "2024-13",
            "Q7747", "Q", "en", "english!", "state", "planned", "negated", "https://example.org/x", "not a url",
            "2024-06-21T08:00:00Z", "Vladimir Putin", "a>b \"c\"", "é😀",
        ])
        .prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(depth, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::from),
            prop::collection::btree_map(
                prop::sample::select(vec![
                    "id", "kind", "name", "type", "text", "start", "end", "visitor", "destination", "participants", "host", "location",
                    "evidence", "confidence", "wikidata", "mentions", "aliases", "topic", "parties", "speaker", "person", "role",
                    "organization", "modality", "date", "url", "language", "publisher", "dateline", "title", "part_of",
                ])
                .prop_map(str::to_owned),
                inner,
                0..6
            )
            .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A facts document with fuzzed parts: mostly well-formed, so the mapper's checks are reached.
fn facts_document() -> impl Strategy<Value = String> {
    (json_value(3), json_value(3), json_value(3), json_value(2), newsy_text()).prop_map(|(entity, event, agreement, statement, text)| {
        let mut entity = entity;
        if let serde_json::Value::Object(map) = &mut entity {
            map.entry("id").or_insert("p".into());
            map.entry("name").or_insert("Vladimir Putin".into());
            map.entry("type").or_insert("Person".into());
        }
        serde_json::json!({
            "article": {"id": "fuzz", "text": text, "date": "2024-06-20"},
            "entities": [entity, {"id": "c", "name": "Pyongyang", "type": "City"}],
            "events": [event],
            "agreements": [agreement],
            "statements": [statement],
        })
        .to_string()
    })
}

fn sparql_query() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "SELECT ", "ASK ", "CONSTRUCT ", "DESCRIBE ", "* ", "?s ", "?p ", "?o ", "?g ", "WHERE ", "{ ", "} ", "GRAPH ", ". ", "; ", ", ",
        "FILTER ", "( ", ") ", "REGEX(", "STR(", "LANG(", "\"x\" ", "\"é\"@en ", "1 ", "1.5e9 ", "<https://w3id.org/newsgraph/ns#Visit> ",
        "a ", "OPTIONAL ", "UNION ", "MINUS ", "BIND(", "AS ", "VALUES ", "UNDEF ", "ORDER BY ", "LIMIT 5 ", "OFFSET 2 ", "GROUP BY ",
        "COUNT(*) ", "DISTINCT ", "PREFIX ng: <https://w3id.org/newsgraph/ns#> ", "ng:visitor ", "?s ng:visitor ?o ", "* ", "+ ",
        "/ ", "| ", "^ ", "! ", "SERVICE ", "<http://example.org/> ", "SUBSTR(\"abc\", 0, 1000000) ", "STRLEN(", "xsd:integer(",
        "NOW() ", "RAND() ", "IRI(", "BNODE() ", "COALESCE(", "IF(", "&& ", "|| ", "= ", "!= ", "< ", "\n", "#", "'", "\\",
    ]);
    prop_oneof![
        prop::collection::vec(pieces, 0..30).prop_map(|p| p.concat()),
        prop::sample::select(vec![
            "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 10",
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
            "ASK { GRAPH ?g { ?s a <https://w3id.org/newsgraph/ns#Visit> } }",
            "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 5",
            "DESCRIBE <https://w3id.org/newsgraph/data/entity/Vladimir_Putin>",
        ])
        .prop_map(str::to_owned),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: crate::proptest_cases(256), ..ProptestConfig::default() })]

    #[test]
    fn articles_never_panic_and_extracted_facts_always_map(text in newsy_text()) {
        prop_assert!(article_pipeline(&text).is_ok(), "{:?}: {}", text, article_pipeline(&text).unwrap_err());
    }

    #[test]
    fn jsonl_articles_never_panic(lines in prop::collection::vec((newsy_text(), json_value(1)), 0..3)) {
        let text: String = lines
            .into_iter()
            .map(|(text, extra)| format!("{}\n", serde_json::json!({"id": "a", "title": extra, "date": "2024-06-20", "text": text})))
            .collect();
        prop_assert!(jsonl_pipeline(&text).is_ok(), "{:?}: {}", text, jsonl_pipeline(&text).unwrap_err());
    }

    #[test]
    fn facts_documents_never_panic(document in facts_document()) {
        prop_assert!(facts_pipeline(document.as_bytes()).is_ok(), "{}: {}", document, facts_pipeline(document.as_bytes()).unwrap_err());
    }

    #[test]
    fn arbitrary_bytes_as_facts_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        prop_assert!(facts_pipeline(&bytes).is_ok());
    }

    #[test]
    fn sparql_queries_never_panic(query in sparql_query()) {
        prop_assert!(query_pipeline(&query).is_ok(), "{:?}: {}", query, query_pipeline(&query).unwrap_err());
    }
}

// Crashers found by the fuzz targets (`tests/fuzz-crashers/`), each named for what it found.

/// `extract` target, after 470 runs: an article header `url:` that is not an IRI
/// (`https://example.org/tassn the views…`) was read, copied by the extractor, and then refused
/// by the mapper, failing the whole ingest batch. The same for a `date: 2024-06` header (a
/// publication date must be a full date) and for JSON Lines fields. Such an article is now
/// unreadable: reported, skipped, and the rest of the batch goes on (exit code 2).
#[test]
fn issue_8_fuzz_extract_an_invalid_url_in_an_article_header_makes_the_article_unreadable_not_the_batch() {
    let crasher = std::fs::read_to_string(crate::root().join("tests/fuzz-crashers/extract-invalid-url-in-header.txt")).unwrap();
    assert_eq!(article_pipeline(&crasher), Ok(()));
    let error = newsgraph::read_text_article(&crasher, "a", "a.txt").unwrap_err();
    assert!(error.is_bad_input() && error.to_string().contains("article.url") && error.to_string().contains("invalid IRI"), "{error}");
    for header in ["url: https://example.org/a b", "date: 2024-06", "language: english!"] {
        let text = format!("title: Leaders meet\n{header}\n\nVladimir Putin visited Pyongyang on June 18.\n");
        assert_eq!(article_pipeline(&text), Ok(()), "{header}");
        assert!(newsgraph::read_text_article(&text, "a", "a.txt").is_err(), "{header}");
        let line = serde_json::json!({"id": "a", "url": "https://example.org/a b", "text": "Putin visited Pyongyang."}).to_string();
        assert!(newsgraph::read_jsonl_articles(&line, "a.jsonl").unwrap_err().to_string().starts_with("a.jsonl:1:"));
    }
    // Through the CLI: the bad article is skipped and named, the good one is ingested.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bad.txt"), &crasher).unwrap();
    std::fs::copy(crate::root().join("examples/articles/putin-pyongyang-visit.txt"), dir.path().join("good.txt")).unwrap();
    let out = crate::newsgraph(&["--memory", "ingest", dir.path().to_str().unwrap()]);
    crate::assert_exit(&out, 2);
    assert!(crate::stderr(&out).contains("bad.txt") && crate::stderr(&out).contains("ingested 1 article"), "{}", crate::stderr(&out));
}

/// `extract` target, with overflow checks on (`cargo fuzz run -a`), after about 300,000 runs: an
/// article whose text holds the characters that mark placeholders in masked sentences (U+E000,
/// U+E001, here "\u{E000}P2\u{E001}" inside a quote's attribution) made the speech stage read a
/// slot number the sentence does not have and panic (index out of bounds). The masker now
/// replaces such characters with U+FFFD.
#[test]
fn issue_3_fuzz_extract_placeholder_marks_in_the_article_text_are_not_slots() {
    let crasher = std::fs::read_to_string(crate::root().join("tests/fuzz-crashers/extract-placeholder-marks-in-text.txt")).unwrap();
    assert!(crasher.contains('\u{E000}'));
    assert_eq!(article_pipeline(&crasher), Ok(()));
    let text = "title: A quote\ndate: 2026-05-18\n\n\"We will not give up on this,\" Sol said \u{E000}N2\u{E001} told the paper.\n";
    assert_eq!(article_pipeline(text), Ok(()));
}
