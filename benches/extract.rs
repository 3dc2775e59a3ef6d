//! Extraction throughput on one core, as a ratio to a plain scan of the same bytes.
//!
//! `cargo bench --no-default-features --bench extract` (no RocksDB needed; release profile).
//! The corpus is every bundled article (examples and gold) repeated until it reaches the target
//! size, each copy under its own id; nothing is downloaded. The baseline, in the same run, counts
//! the lines of the same texts: it shows how close extraction comes to memory speed.

use newsgraph::{read_article_file, Article, Extractor};
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

/// The allocator the `newsgraph` binary uses, so that the figures are the command's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn articles(dir: &Path) -> Vec<Article> {
    let mut paths: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "txt")).collect();
    paths.sort();
    paths.iter().map(|p| read_article_file(p).unwrap()).collect()
}

fn best_of<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            black_box(f());
            start.elapsed()
        })
        .min()
        .unwrap()
}

fn main() {
    let target_bytes: usize = std::env::var("NEWSGRAPH_BENCH_BYTES").ok().and_then(|v| v.parse().ok()).unwrap_or(20_000_000);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut base = articles(&root.join("examples/articles"));
    base.extend(articles(&root.join("examples/gold/articles")));
    let mut corpus = Vec::new();
    let mut bytes = 0;
    while bytes < target_bytes {
        for article in &base {
            let mut copy = article.clone();
            copy.meta.id = format!("{}-{}", article.meta.id, corpus.len());
            bytes += copy.text().len();
            corpus.push(copy);
        }
    }
    let extractor = Extractor::new();
    let megabytes = bytes as f64 / 1e6;
    let scan = best_of(5, || corpus.iter().map(|a| a.text().bytes().filter(|&b| b == b'\n').count()).sum::<usize>());
    let extract = best_of(3, || corpus.iter().map(|a| extractor.extract(a).facts.events.len()).sum::<usize>());
    let facts: usize = corpus.iter().take(base.len()).map(|a| {
        let f = extractor.extract(a).facts;
        f.events.len() + f.agreements.len() + f.statements.len() + f.affiliations.len()
    }).sum();
    println!("corpus: {} articles, {:.1} MB ({} facts per {} distinct articles)", corpus.len(), megabytes, facts, base.len());
    println!("{:<28} {:>10} {:>12} {:>10}", "measure", "seconds", "MB/s", "ratio");
    println!("{:<28} {:>10.3} {:>12.1} {:>10}", "baseline: count lines", scan.as_secs_f64(), megabytes / scan.as_secs_f64(), "1.0");
    println!(
        "{:<28} {:>10.3} {:>12.1} {:>9.0}x",
        "extract (one core)",
        extract.as_secs_f64(),
        megabytes / extract.as_secs_f64(),
        extract.as_secs_f64() / scan.as_secs_f64()
    );
}
