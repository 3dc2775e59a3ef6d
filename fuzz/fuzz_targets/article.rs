//! The article readers (`src/article.rs`): plain text with header and dateline, and JSON Lines.
#![no_main]

#[path = "../../tests/it/pipelines.rs"]
#[allow(dead_code)]
mod pipelines;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Err(problem) = pipelines::reader_pipeline(text) {
            panic!("{problem}");
        }
    }
});
