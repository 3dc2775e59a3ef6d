//! `newsgraph eval`: extractor scores against gold facts.

use crate::args::EvalArgs;
use crate::cmd::BadInput;
use anyhow::{Context, Result};
use newsgraph::{read_article_file, read_facts_file, score, Article, Extractor, Scores};
use std::io::Write;
use std::path::{Path, PathBuf};

pub fn run(args: EvalArgs) -> Result<u8> {
    let gold_files: Vec<PathBuf> = if args.gold.is_dir() {
        crate::cmd::files_with_extension(&args.gold, "json")?
    } else {
        vec![args.gold.clone()]
    };
    if gold_files.is_empty() {
        return Err(BadInput(format!("no gold .json files in {}", args.gold.display())).into());
    }
    let extractor = Extractor::new();
    let mut out = crate::output::stdout();
    let mut total = Scores::default();
    for gold_file in &gold_files {
        for gold in read_facts_file(gold_file)? {
            let article = find_article(gold_file, &gold.value, args.articles.as_deref())?;
            let predicted = extractor.extract_facts(&article);
            let scores = score(&gold.value, &predicted);
            let facts = scores.facts_total();
            writeln!(
                out,
                "{:<44} facts P {:.2} R {:.2} F1 {:.2}",
                gold.value.article.id,
                facts.precision(),
                facts.recall(),
                facts.f1()
            )?;
            total.add(&scores);
        }
    }
    writeln!(out, "\n{:<14} {:>5} {:>5} {:>5} {:>6} {:>6} {:>6}", "kind", "gold", "pred", "hits", "P", "R", "F1")?;
    let mut rows: Vec<(String, newsgraph::KindScore)> = total.kinds.clone().into_iter().collect();
    rows.push(("facts (all)".into(), total.facts_total()));
    for (kind, s) in &rows {
        writeln!(out, "{kind:<14} {:>5} {:>5} {:>5} {:>6.2} {:>6.2} {:>6.2}", s.gold, s.predicted, s.hits, s.precision(), s.recall(), s.f1())?;
    }
    if args.verbose {
        for (kind, s) in &total.kinds {
            for miss in &s.misses {
                writeln!(out, "miss      {kind:<12} {miss}")?;
            }
            for false_hit in &s.false_hits {
                writeln!(out, "false hit {kind:<12} {false_hit}")?;
            }
        }
    }
    Ok(0)
}

/// The article a gold document describes: `STEM.txt` in the articles folder (by default
/// `../articles/` beside the gold folder), else the gold's own `article.text`.
fn find_article(gold_file: &Path, gold: &newsgraph::ArticleFacts, articles: Option<&Path>) -> Result<Article> {
    let stem = gold_file.file_stem().unwrap_or_default().to_string_lossy().into_owned();
    let folder = match articles {
        Some(folder) => folder.to_path_buf(),
        None => gold_file.parent().and_then(Path::parent).unwrap_or(Path::new(".")).join("articles"),
    };
    let path = folder.join(format!("{stem}.txt"));
    if path.exists() || gold.article.text.is_none() {
        return read_article_file(&path).with_context(|| format!("the article of {}", gold_file.display()));
    }
    Ok(Article { meta: gold.article.clone() })
}
