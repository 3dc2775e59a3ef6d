//! The facts parser and mapper (`src/input.rs`, `src/facts.rs`, `src/map.rs`): any bytes as a
//! facts document (JSON or JSON Lines), mapped and ingested into an in-memory store.
#![no_main]

#[path = "../../tests/it/pipelines.rs"]
#[allow(dead_code)]
mod pipelines;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Err(problem) = pipelines::facts_pipeline(data) {
        panic!("{problem}");
    }
});
