//! The SPARQL query path (`NewsStore::query`) on an in-memory store holding the examples.
#![no_main]

#[path = "../../tests/it/pipelines.rs"]
#[allow(dead_code)]
mod pipelines;

use newsgraph::{map_documents, read_facts, Mapper, Minter, NewsStore};
use std::sync::OnceLock;

fn store() -> &'static NewsStore {
    static STORE: OnceLock<NewsStore> = OnceLock::new();
    STORE.get_or_init(|| {
        let store = NewsStore::in_memory().unwrap();
        let mut documents = Vec::new();
        for text in [
            include_str!("../../examples/facts/putin-pyongyang-visit.json"),
            include_str!("../../examples/facts/asean-summit-signings.json"),
            include_str!("../../examples/facts/analysts-interview.json"),
        ] {
            documents.extend(read_facts(text.as_bytes(), "example.json").unwrap());
        }
        store.ingest(&map_documents(&Mapper::new(Minter::default()), &documents).unwrap()).unwrap();
        store
    })
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(query) = std::str::from_utf8(data) {
        if let Err(problem) = pipelines::query_pipeline(store(), query) {
            panic!("{problem}");
        }
    }
});
