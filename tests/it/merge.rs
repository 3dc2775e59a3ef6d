//! Merging other knowledge bases: own graphs, catalog, idempotence, blank nodes, lenient mode.

use crate::*;
use newsgraph::{catalog_graph, merge_file, MergeOptions, Minter, NewsStore};
use oxigraph::model::GraphNameRef;

fn count_in(store: &NewsStore, graph: &oxigraph::model::NamedNode) -> usize {
    store.quads(Some(GraphNameRef::NamedNode(graph.as_ref()))).count()
}

#[test]
fn compressed_wikidata_and_dbpedia_land_in_their_own_graphs_with_a_catalog() {
    let Some(kb) = shared("data/kb") else { return };
    let store = examples_store();
    let minter = Minter::default();
    let codex = merge_file(&store, &minter, &kb.join("wikidata-codex/codex-l-valid-test.nt.gz"), &MergeOptions::default()).unwrap();
    assert_eq!(codex.triples, 61_244);
    assert_eq!(count_in(&store, &codex.graph), 61_244);
    let dbpedia = merge_file(&store, &minter, &kb.join("dbpedia-2015-10-sample/labels_en.ttl.bz2"), &MergeOptions::default()).unwrap();
    assert!(dbpedia.triples > 0);
    let catalog = catalog_graph(&minter);
    let catalog_text: String = store.quads(Some(GraphNameRef::NamedNode(catalog.as_ref()))).map(|q| q.unwrap().to_string() + "\n").collect();
    assert!(catalog_text.contains("codex-l-valid-test.nt.gz") && catalog_text.contains("\"61244\""), "{catalog_text}");
    assert!(catalog_text.contains(&format!("sha256:{}", codex.sha256)));
    // Merging the same file again changes nothing.
    let before = all_quads(&store);
    let again = merge_file(&store, &minter, &kb.join("wikidata-codex/codex-l-valid-test.nt.gz"), &MergeOptions::default()).unwrap();
    assert!(again.unchanged);
    assert_eq!(before.len(), all_quads(&store).len());
}

#[test]
fn invalid_lines_refuse_the_file_or_are_skipped_when_lenient() {
    let Some(kb) = shared("data/kb/dbpedia-links") else { return };
    let file = kb.join("dbpedia.org_dati.camera.it_ocd_links.nt");
    let store = examples_store();
    let before = all_quads(&store);
    let error = merge_file(&store, &Minter::default(), &file, &MergeOptions::default()).unwrap_err();
    assert!(error.to_string().contains("ocd_links.nt:518:"), "{error}");
    assert_eq!(before, all_quads(&store), "a refused merge leaves the store as it was");
    let lenient = MergeOptions { lenient: true, ..MergeOptions::default() };
    let report = merge_file(&store, &Minter::default(), &file, &lenient).unwrap();
    assert!(report.skipped >= 1 && report.triples > 1000);
    assert!(report.first_errors[0].contains(":518:"), "{:?}", report.first_errors);
    // The backtick in gutenberg_links.nt.bz2, line 1, is refused too.
    let gutenberg = kb.join("gutenberg_links.nt.bz2");
    let error = merge_file(&store, &Minter::default(), &gutenberg, &MergeOptions::default()).unwrap_err();
    assert!(error.to_string().contains("gutenberg_links.nt.bz2:1:"), "{error}");
}

#[test]
fn blank_nodes_of_different_sources_never_collide_and_remerging_is_stable() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.ttl");
    let b = dir.path().join("b.ttl");
    std::fs::write(&a, "_:x <http://example.org/p> \"a\" . [] <http://example.org/q> _:x .").unwrap();
    std::fs::write(&b, "_:x <http://example.org/p> \"b\" .").unwrap();
    let store = NewsStore::in_memory().unwrap();
    let minter = Minter::default();
    merge_file(&store, &minter, &a, &MergeOptions::default()).unwrap();
    merge_file(&store, &minter, &b, &MergeOptions::default()).unwrap();
    let subjects: std::collections::BTreeSet<String> = all_quads(&store)
        .into_iter()
        .filter(|q| q.predicate.as_str() == "http://example.org/p")
        .map(|q| q.subject.to_string())
        .collect();
    assert_eq!(subjects.len(), 2, "{subjects:?}");
    assert!(subjects.iter().all(|s| s.contains("/.well-known/genid/")));
    // A second store built the same way holds exactly the same quads (no random labels).
    let other = NewsStore::in_memory().unwrap();
    merge_file(&other, &minter, &a, &MergeOptions::default()).unwrap();
    merge_file(&other, &minter, &b, &MergeOptions::default()).unwrap();
    let data = |s: &NewsStore| -> Vec<String> {
        let mut v: Vec<String> = all_quads(s).into_iter().filter(|q| !q.to_string().contains("generatedAtTime")).map(|q| q.to_string()).collect();
        v.sort();
        v
    };
    assert_eq!(data(&store), data(&other));
}

#[test]
fn newsgraph_exports_merge_as_a_plain_union() {
    // Two stores from different article sets, exported as TriG, merged in either order into a
    // third store: the same dataset as one store built from all articles.
    let files = example_facts();
    let dir = tempfile::tempdir().unwrap();
    let mut exports = Vec::new();
    for (i, part) in [&files[..1], &files[1..]].iter().enumerate() {
        let store = NewsStore::in_memory().unwrap();
        ingest_files(&store, part);
        let path = dir.path().join(format!("part{i}.trig"));
        let trig = newsgraph::Exporter::new(newsgraph::ExportFormat::TriG).write_to(store.quads(None), Vec::new()).unwrap();
        std::fs::write(&path, trig).unwrap();
        exports.push(path);
    }
    let whole = examples_store();
    for order in [[0, 1], [1, 0]] {
        let merged = NewsStore::in_memory().unwrap();
        for i in order {
            merge_file(&merged, &Minter::default(), &exports[i], &MergeOptions::default()).unwrap();
        }
        let articles: Vec<_> = all_quads(&merged).into_iter().filter(|q| q.graph_name.to_string().contains("/graph/")).collect();
        assert_isomorphic(all_quads(&whole), articles);
    }
}

#[test]
fn diff_reports_added_and_removed_statements() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.ttl");
    let b = dir.path().join("b.nt");
    std::fs::write(&a, "@prefix ex: <http://example.org/> . ex:s ex:p ex:o1 . [] ex:q \"same\" .").unwrap();
    std::fs::write(&b, "<http://example.org/s> <http://example.org/p> <http://example.org/o2> .\n_:z <http://example.org/q> \"same\" .\n").unwrap();
    let out = newsgraph(&["--memory", "diff", a.to_str().unwrap(), b.to_str().unwrap()]);
    assert_exit(&out, 1);
    assert!(stdout(&out).contains("- <http://example.org/s> <http://example.org/p> <http://example.org/o1>"), "{}", stdout(&out));
    assert!(stdout(&out).contains("+ <http://example.org/s> <http://example.org/p> <http://example.org/o2>"), "{}", stdout(&out));
    assert!(!stdout(&out).contains("same"), "blank nodes are compared canonically: {}", stdout(&out));
    let out = newsgraph(&["--memory", "diff", a.to_str().unwrap(), a.to_str().unwrap()]);
    assert_exit(&out, 0);
}

#[test]
fn gzip_and_zstd_sources_are_read_directly() {
    let dir = tempfile::tempdir().unwrap();
    let nt = b"<http://example.org/a> <http://example.org/p> \"x\" .\n<http://example.org/b> <http://example.org/p> \"y\" .\n";
    let zst = dir.path().join("small.nt.zst");
    std::fs::write(&zst, ruzstd::encoding::compress_to_vec(&nt[..], ruzstd::encoding::CompressionLevel::Fastest)).unwrap();
    let gz = dir.path().join("small.nq.gz");
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    std::io::Write::write_all(&mut encoder, nt).unwrap();
    std::fs::write(&gz, encoder.finish().unwrap()).unwrap();
    let store = NewsStore::in_memory().unwrap();
    for file in [&zst, &gz] {
        let report = merge_file(&store, &Minter::default(), file, &MergeOptions::default()).unwrap();
        assert_eq!(report.triples, 2, "{}", file.display());
        assert_eq!(count_in(&store, &report.graph), 2);
    }
}
