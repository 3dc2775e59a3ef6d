//! Extraction throughput on one core, as a ratio to a plain scan of the same bytes.
//!
//! `cargo bench --no-default-features --bench extract` (no RocksDB needed; release profile).
//! The corpus is every bundled article (examples and gold) repeated until it reaches the target
//! size, each copy under its own id; nothing is downloaded. The baseline, in the same run, counts
//! the lines of the same texts: it shows how close extraction comes to memory speed. The
//! extraction rows make the facts as `ingest` does ([`Extractor::extract_facts`]); a second row
//! adds the explanations of `extract --explain` ([`Extractor::extract`]). A last row extracts
//! the facts of the same corpus on every core, one article per thread at a time.
//!
//! `NEWSGRAPH_BENCH_BYTES` sets the corpus size (default 20 MB). `NEWSGRAPH_BENCH_CORPUS=FILE`
//! takes the articles from a JSON Lines file instead of the bundled ones (e.g. one written by
//! `scripts/bench-gen.py articles`, or a user's own news), repeated the same way: a second corpus
//! to check a figure against, and the training input of a profile-guided build (BENCHMARKS.md).
//! `NEWSGRAPH_BENCH_THREADS` sets the threads of the last row (default: one per core).

use newsgraph::{read_article_file, Article, Extractor};
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

/// The allocator the `newsgraph` binary uses, so that the figures are the command's.
#[global_allocator]
static ALLOCATOR: newsgraph::Allocator = newsgraph::Allocator;

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
    let base = match std::env::var_os("NEWSGRAPH_BENCH_CORPUS") {
        Some(file) => {
            let content = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.to_string_lossy()));
            newsgraph::read_jsonl_articles(&content, &file.to_string_lossy()).unwrap_or_else(|e| panic!("{e}"))
        }
        None => {
            let mut base = articles(&root.join("examples/articles"));
            base.extend(articles(&root.join("examples/gold/articles")));
            base
        }
    };
    assert!(base.iter().any(|a| !a.text().is_empty()), "the corpus has no text");
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
    let extract = best_of(3, || corpus.iter().map(|a| extractor.extract_facts(a).events.len()).sum::<usize>());
    // With the explanations `extract --explain` prints (each copies its fact's sentence).
    let explained = best_of(3, || corpus.iter().map(|a| extractor.extract(a).explanations.len()).sum::<usize>());
    // All cores, each thread taking the next article (what `extract` and `ingest` do with
    // `--threads`, without reading or writing files).
    let threads = std::env::var("NEWSGRAPH_BENCH_THREADS").ok().and_then(|v| v.parse().ok()).unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let parallel = best_of(3, || {
        next.store(0, std::sync::atomic::Ordering::Relaxed);
        std::thread::scope(|scope| {
            let workers: Vec<_> = (0..threads)
                .map(|_| {
                    scope.spawn(|| {
                        let mut events = 0;
                        while let Some(a) = corpus.get(next.fetch_add(1, std::sync::atomic::Ordering::Relaxed)) {
                            events += extractor.extract_facts(a).events.len();
                        }
                        events
                    })
                })
                .collect();
            workers.into_iter().map(|w| w.join().unwrap()).sum::<usize>()
        })
    });
    let facts: usize = corpus.iter().take(base.len()).map(|a| {
        let f = extractor.extract(a).facts;
        f.events.len() + f.agreements.len() + f.statements.len() + f.affiliations.len()
    }).sum();
    println!("corpus: {} articles, {:.1} MB ({} facts per {} distinct articles)", corpus.len(), megabytes, facts, base.len());
    println!("{:<28} {:>10} {:>12} {:>10}", "measure", "seconds", "MB/s", "ratio");
    println!("{:<28} {:>10.3} {:>12.1} {:>10}", "baseline: count lines", scan.as_secs_f64(), megabytes / scan.as_secs_f64(), "1.0");
    // A measure's row: its time, its throughput and its ratio to the line count.
    let row = |measure: &str, time: Duration| {
        println!("{:<28} {:>10.3} {:>12.1} {:>9.0}x", measure, time.as_secs_f64(), megabytes / time.as_secs_f64(), time.as_secs_f64() / scan.as_secs_f64());
    };
    row("extract (one core)", extract);
    row("explained (one core)", explained);
    row(&format!("extract ({threads} threads)"), parallel);
}
