//! Issue 7: the paths that make large inputs fast — streaming conversion, the bulk loader for
//! load, merge and ingest — give exactly what the small, transactional paths give, and keep
//! their all-or-nothing promise.

use crate::*;
use newsgraph::{Converter, ExportFormat, Minter};
#[cfg(feature = "rocksdb")]
use newsgraph::{Extractor, Mapper, NewsStore, Progress};
use oxigraph::model::Quad;
use std::io::Write;

fn quads_of(text: &[u8], format: ExportFormat) -> Vec<Quad> {
    newsgraph::RdfReader::new(format).read(text, "test").unwrap()
}

fn golden() -> Vec<u8> {
    std::fs::read(root().join("tests/golden/putin-pyongyang-visit.ttl")).unwrap()
}

#[test]
fn issue_7_convert_round_trips_through_every_format() {
    let original = quads_of(&golden(), ExportFormat::Turtle);
    for format in ExportFormat::ALL {
        let (written, report) = Converter::new(ExportFormat::Turtle, format).convert(&golden()[..], Vec::new(), "golden.ttl").unwrap();
        assert_eq!(report.quads as usize, original.len(), "{format:?}");
        let back = quads_of(&written, format);
        assert_isomorphic(original.clone(), back);
    }
}

#[test]
fn issue_7_convert_keeps_the_input_prefixes_and_is_deterministic() {
    let run = || Converter::new(ExportFormat::Turtle, ExportFormat::Turtle).convert(&golden()[..], Vec::new(), "golden.ttl").unwrap().0;
    let first = String::from_utf8(run()).unwrap();
    assert!(first.contains("@prefix entity: <https://w3id.org/newsgraph/data/entity/>"), "{first}");
    assert!(first.contains("entity:Vladimir_Putin"), "prefixed names are used");
    for _ in 0..3 {
        assert_eq!(first, String::from_utf8(run()).unwrap());
    }
}

#[test]
fn issue_7_convert_refuses_named_graphs_in_a_triples_format_unless_told_to_merge_them() {
    let dir = tempfile::tempdir().unwrap();
    let trig = dir.path().join("in.trig");
    std::fs::write(&trig, "<http://e/g> { <http://e/s> <http://e/p> <http://e/o> . }\n").unwrap();
    let out = dir.path().join("out.ttl");
    let output = newsgraph(&["convert", trig.to_str().unwrap(), out.to_str().unwrap()]);
    assert_exit(&output, 2);
    assert!(stderr(&output).contains("--union"), "{}", stderr(&output));
    assert!(!out.exists() && !dir.path().join("out.ttl.partial").exists(), "a failed conversion leaves no file");
    let output = newsgraph(&["convert", "--union", trig.to_str().unwrap(), out.to_str().unwrap()]);
    assert_exit(&output, 0);
    assert_eq!(quads_of(&std::fs::read(&out).unwrap(), ExportFormat::Turtle).len(), 1);
}

#[test]
fn issue_7_convert_names_the_line_of_a_syntax_error_and_reads_compressed_input() {
    let dir = tempfile::tempdir().unwrap();
    let gz = dir.path().join("in.nt.gz");
    let mut encoder = flate2::write::GzEncoder::new(std::fs::File::create(&gz).unwrap(), flate2::Compression::fast());
    encoder.write_all(b"<http://e/s> <http://e/p> \"ok\" .\n<http://e/s> <http://e/p> \"broken .\n").unwrap();
    encoder.finish().unwrap();
    let output = newsgraph(&["convert", gz.to_str().unwrap(), dir.path().join("out.nq").to_str().unwrap()]);
    assert_exit(&output, 2);
    assert!(stderr(&output).contains("in.nt.gz:2:"), "{}", stderr(&output));
}

/// An N-Quads file above the bulk-loading threshold: `articles` small graphs of news-like
/// statements, with escapes, language tags and non-ASCII text.
#[cfg(feature = "rocksdb")]
fn large_nquads(articles: usize) -> String {
    let mut text = String::new();
    for a in 0..articles {
        let g = format!("<https://w3id.org/newsgraph/data/graph/bulk-{a}>");
        for s in 0..8 {
            let subject = format!("<https://w3id.org/newsgraph/data/entity/E{a}_{s}>");
            text.push_str(&format!("{subject} <http://www.w3.org/2000/01/rdf-schema#label> \"Entité \\\"{a}\\\" n°{s}\"@fr {g} .\n"));
            text.push_str(&format!("{subject} <http://schema.org/mentions> <https://w3id.org/newsgraph/data/entity/E{}_0> {g} .\n", (a + 1) % articles));
            text.push_str(&format!("{subject} <http://schema.org/position> \"{s}\"^^<http://www.w3.org/2001/XMLSchema#integer> {g} .\n"));
        }
    }
    text
}

#[cfg(feature = "rocksdb")]
#[test]
fn issue_7_bulk_load_gives_what_a_transaction_gives_and_a_bad_line_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let text = large_nquads(2000);
    assert!(text.len() as u64 >= newsgraph::BULK_LOAD_BYTES, "the file must take the bulk path");
    let file = dir.path().join("big.nq");
    std::fs::write(&file, &text).unwrap();
    let store = dir.path().join("store");
    let output = newsgraph(&["--store", store.to_str().unwrap(), "load", file.to_str().unwrap()]);
    assert_exit(&output, 0);
    assert!(stderr(&output).contains("bulk loader"), "{}", stderr(&output));
    let expected = quads_of(text.as_bytes(), ExportFormat::NQuads);
    let bulk = NewsStore::open(&store).unwrap();
    assert_isomorphic(expected, all_quads(&bulk));
    let before = all_quads(&bulk);
    drop(bulk);

    // The same file with a bad last line: refused, with its line, and nothing of it is kept.
    let lines = text.lines().count();
    let bad = dir.path().join("bad.nq");
    std::fs::write(&bad, text.replace("bulk-", "other-") + "<http://e/s> <http://e/p> \"unterminated .\n").unwrap();
    let output = newsgraph(&["--store", store.to_str().unwrap(), "load", bad.to_str().unwrap()]);
    assert_exit(&output, 2);
    assert!(stderr(&output).contains(&format!("bad.nq:{}:", lines + 1)), "{}", stderr(&output));
    assert_eq!(before, all_quads(&NewsStore::open(&store).unwrap()), "a refused bulk load leaves the store as it was");
}

#[cfg(feature = "rocksdb")]
#[test]
fn issue_7_bulk_merge_gives_what_a_transactional_merge_gives() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kb.nq.gz");
    let mut encoder = flate2::write::GzEncoder::new(std::fs::File::create(&file).unwrap(), flate2::Compression::none());
    encoder.write_all(large_nquads(2500).as_bytes()).unwrap();
    encoder.write_all(b"_:b1 <http://e/p> _:b2 .\n_:b2 <http://e/p> \"blank\" .\n").unwrap();
    encoder.finish().unwrap();
    assert!(std::fs::metadata(&file).unwrap().len() >= newsgraph::BULK_LOAD_BYTES);
    let minter = Minter::default();
    let options = newsgraph::MergeOptions::default();
    let on_disk = NewsStore::open(dir.path().join("store")).unwrap();
    assert!(on_disk.prefers_bulk_load());
    let bulk = newsgraph::merge_file(&on_disk, &minter, &file, &options).unwrap();
    let memory = NewsStore::in_memory().unwrap();
    let transactional = newsgraph::merge_file(&memory, &minter, &file, &options).unwrap();
    assert_eq!(bulk.triples, transactional.triples);
    // Same statements (the catalog's merge time aside), same skolem IRIs.
    let without_time = |quads: Vec<Quad>| -> Vec<Quad> {
        quads.into_iter().filter(|q| !q.predicate.as_str().ends_with("generatedAtTime")).collect()
    };
    assert_isomorphic(without_time(all_quads(&memory)), without_time(all_quads(&on_disk)));
    // Merging it again is a no-op; a changed file with the same name replaces the graph.
    assert!(newsgraph::merge_file(&on_disk, &minter, &file, &options).unwrap().unchanged);
}

/// Articles as JSON Lines: the bundled articles, each several times under its own id.
#[cfg(feature = "rocksdb")]
fn jsonl_articles(copies: usize) -> String {
    let mut out = String::new();
    let mut dir: Vec<_> = std::fs::read_dir(root().join("examples/articles")).unwrap().map(|e| e.unwrap().path()).collect();
    dir.sort();
    for copy in 0..copies {
        for path in &dir {
            let article = newsgraph::read_article_file(path).unwrap();
            let line = serde_json::json!({
                "id": format!("{}-{copy}", article.meta.id),
                "title": article.meta.title,
                "date": article.meta.date,
                "publisher": article.meta.publisher,
                "text": article.text(),
            });
            out.push_str(&line.to_string());
            out.push('\n');
        }
    }
    out
}

#[cfg(feature = "rocksdb")]
#[test]
fn issue_7_streaming_ingest_gives_what_a_transactional_ingest_gives() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus.jsonl");
    std::fs::write(&corpus, jsonl_articles(3)).unwrap();
    let inputs = vec![corpus.clone()];
    let mapper = Mapper::new(Minter::default());
    let extractor = Extractor::new();

    let memory = NewsStore::in_memory().unwrap();
    let batch = newsgraph::Batch::read(&inputs, &extractor).unwrap();
    memory.ingest(&newsgraph::map_documents(&mapper, &batch.documents).unwrap()).unwrap();

    let on_disk = NewsStore::open(dir.path().join("store")).unwrap();
    let seen = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    let counter = seen.clone();
    let progress = Progress::new(move |n| counter.store(n, std::sync::atomic::Ordering::Relaxed));
    let (report, _) = newsgraph::ingest_streaming(&on_disk, &mapper, &inputs, &extractor, &progress).unwrap();
    assert_eq!(report.articles, batch.documents.len());
    assert_eq!(seen.load(std::sync::atomic::Ordering::Relaxed), report.articles as u64, "progress counts articles");
    assert_isomorphic(all_quads(&memory), all_quads(&on_disk));

    // Again: every article is unchanged and nothing moves.
    let (again, _) = newsgraph::ingest_streaming(&on_disk, &mapper, &inputs, &extractor, &Progress::default()).unwrap();
    assert_eq!(again.unchanged, again.articles);
    assert_isomorphic(all_quads(&memory), all_quads(&on_disk));

    // A later input with a duplicate id refuses the whole ingest: nothing of it is kept.
    let before = all_quads(&on_disk);
    let more = dir.path().join("more.jsonl");
    std::fs::write(&more, jsonl_articles(1).replace("-0\"", "-new\"") + &jsonl_articles(1).replace("-0\"", "-new\"")).unwrap();
    let error = newsgraph::ingest_streaming(&on_disk, &mapper, &[more], &extractor, &Progress::default()).unwrap_err();
    assert!(error.to_string().contains("duplicate id"), "{error}");
    assert_eq!(before, all_quads(&on_disk), "a refused streaming ingest leaves the store as it was");

    // Files are read line by line, not whole; still, a bad line (here the last) makes its whole
    // file unreadable: none of its articles is ingested, and the other inputs go on.
    let broken = dir.path().join("broken.jsonl");
    std::fs::write(&broken, jsonl_articles(1).replace("-0\"", "-broken\"") + "{\"id\": \"late\", \"text\": 5}\n").unwrap();
    let fresh = dir.path().join("fresh.jsonl");
    std::fs::write(&fresh, jsonl_articles(1).replace("-0\"", "-fresh\"")).unwrap();
    let (report, batch) = newsgraph::ingest_streaming(&on_disk, &mapper, &[broken, fresh], &extractor, &Progress::default()).unwrap();
    assert_eq!(report.articles, 3, "the three articles of fresh.jsonl");
    assert_eq!(batch.failures.len(), 1, "{:?}", batch.failures);
    assert!(batch.failures[0].to_string().contains("broken.jsonl:4:"), "{}", batch.failures[0]);
    let graphs = on_disk.graphs().unwrap();
    assert!(graphs.iter().any(|g| g.contains("-fresh")) && !graphs.iter().any(|g| g.contains("-broken")), "{graphs:?}");
}

#[test]
fn issue_7_large_exports_stream_and_still_read_back_with_only_used_prefixes() {
    let store = examples_store();
    let expected = all_quads(&store);
    for format in ExportFormat::ALL {
        let export = |limit| {
            newsgraph::Exporter::new(format)
                .with_data_prefixes(&Minter::default())
                .with_sorted_limit(limit)
                .write_to(store.quads(None), Vec::new())
                .unwrap()
        };
        let streamed = export(10);
        assert_eq!(streamed, export(10), "{format:?}: the streaming layout is deterministic");
        let back = quads_of(&streamed, format);
        let sorted = quads_of(&export(usize::MAX), format);
        assert_isomorphic(sorted, back.clone());
        if format.supports_datasets() {
            assert_isomorphic(expected.clone(), back);
        }
        if matches!(format, ExportFormat::Turtle | ExportFormat::TriG) {
            let text = String::from_utf8(streamed).unwrap();
            crate::assert_only_used_prefixes(&text, &format!("{format:?}"));
            let first = text.lines().find(|l| !l.starts_with("@prefix")).unwrap();
            assert!(!first.is_empty(), "the body follows the declarations");
        }
    }
}
