//! The built-in extractor (`src/extract`): an article read, extracted, and its facts mapped.
#![no_main]

#[path = "../../tests/it/pipelines.rs"]
#[allow(dead_code)]
mod pipelines;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Err(problem) = pipelines::article_pipeline(text) {
            panic!("{problem}");
        }
    }
});
