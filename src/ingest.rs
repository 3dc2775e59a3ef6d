//! Facts documents → mapped articles ready for one transactional write.

use crate::error::{Error, Result};
use crate::facts::ArticleFacts;
use crate::input::Located;
use crate::map::{MappedArticle, Mapper};
use crate::store::{IngestReport, NewsStore};
use oxigraph::model::Quad;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::mpsc;

/// Maps every document, or fails on the first unusable one naming its file and line. The same
/// article id twice in one batch is an error: one would silently replace the other.
pub fn map_documents(mapper: &Mapper, documents: &[Located<ArticleFacts>]) -> Result<Vec<MappedArticle>> {
    let mut seen: HashMap<&str, &Located<ArticleFacts>> = HashMap::new();
    let mut mapped = Vec::with_capacity(documents.len());
    for document in documents {
        let id = document.value.article.id.as_str();
        if let Some(first) = seen.insert(id, document) {
            return Err(duplicate_id(document, &first.location));
        }
        mapped.push(map_located(mapper, document)?);
    }
    Ok(mapped)
}

/// Maps one document; a refusal names its file, line and article.
fn map_located(mapper: &Mapper, document: &Located<ArticleFacts>) -> Result<MappedArticle> {
    mapper.map(&document.value).map_err(|error| Error::Fact {
        location: document.location.clone(),
        article: document.value.article.id.clone(),
        error,
    })
}

fn duplicate_id(document: &Located<ArticleFacts>, first: &crate::Location) -> Error {
    let id = &document.value.article.id;
    Error::Fact {
        location: document.location.clone(),
        article: id.clone(),
        error: crate::error::FactError {
            path: "article.id".into(),
            problem: crate::error::FactProblem::DuplicateId(format!("{id} (first at {first})")),
        },
    }
}

/// Inputs at least this large (in bytes of files) are ingested through [`ingest_streaming`]
/// when the store is on disk. Lower than for RDF files: a kilobyte of article text becomes a few
/// hundred quads, and a transaction holds all of them in memory.
pub const BULK_INGEST_BYTES: u64 = 256 << 10;

/// The total size of the files `inputs` name (directories walked as [`Batch::read`] does;
/// standard input counts as 0): what decides between a transaction and the bulk loader.
pub fn input_bytes(inputs: &[PathBuf]) -> Result<u64> {
    let mut discovery = crate::input::Discovery::default();
    for input in inputs.iter().filter(|i| i.as_os_str() != "-") {
        crate::input::discover(input, &mut discovery)?;
    }
    Ok(discovery.files.iter().map(|(path, _)| std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)).sum())
}

/// Reads, extracts, maps and writes `inputs` as a stream, through the bulk loader: memory stays
/// flat however large the input, and the whole ingest is still all or nothing for bad input —
/// the quads are staged and only added once every document has been read and mapped; then the
/// graphs of re-ingested articles are emptied and the staged quads added. Articles already
/// stored exactly as ingested are not written again. `progress` is told the number of articles
/// done. Returns the report and the batch's failures and skipped files (no documents).
pub fn ingest_streaming(
    store: &NewsStore,
    mapper: &Mapper,
    inputs: &[PathBuf],
    extractor: &crate::extract::Extractor,
    progress: &crate::Progress,
) -> Result<(IngestReport, Batch)> {
    std::thread::scope(|scope| {
        let (sender, receiver) = mpsc::sync_channel::<Vec<Quad>>(256);
        let producer = scope.spawn(move || {
            let mut seen: HashMap<String, crate::Location> = HashMap::new();
            let mut report = IngestReport::default();
            let mut replaced = Vec::new();
            let batch = Batch::for_each(inputs, extractor, |document| {
                if let Some(first) = seen.get(&document.value.article.id) {
                    return Err(duplicate_id(&document, first));
                }
                let article = map_located(mapper, &document)?;
                seen.insert(document.value.article.id.clone(), document.location);
                report.articles += 1;
                report.quads += article.quads.len();
                progress.report(report.articles as u64);
                if store.contains_graph(article.graph.as_ref())? {
                    if store.graph_holds_exactly(&article)? {
                        report.unchanged += 1;
                        return Ok(());
                    }
                    replaced.push(article.graph.clone());
                }
                // The loader has stopped (a storage error, reported by the other side).
                sender.send(article.quads).map_err(|_| Error::Store { path: store.path().map(Into::into), message: "the bulk loader stopped".into() })
            });
            drop(sender);
            batch.map(|batch| (batch, report, replaced))
        });
        let staged = store.stage_bulk_load(receiver.into_iter().flatten().map(Ok), |_| ());
        let produced = producer.join().expect("the reading thread does not panic");
        // A reading error explains a loader error (the stream ended early), so it comes first.
        let (batch, report, replaced) = produced?;
        let staged = staged?;
        store.clear_graphs(&replaced)?;
        staged.commit()?;
        Ok((report, batch))
    })
}

/// Everything read from a set of inputs, before mapping.
#[derive(Debug, Default)]
pub struct Batch {
    /// Facts documents, read or extracted, in input order.
    pub documents: Vec<Located<ArticleFacts>>,
    /// Article files that could not be read (empty, binary, not UTF-8…), with the reason. The
    /// rest of the batch goes on without them.
    pub failures: Vec<Error>,
    /// Files in directories that newsgraph does not read.
    pub skipped: Vec<std::path::PathBuf>,
}

impl Batch {
    /// Reads `inputs` (files, directories, `-` for stdin): facts documents as they are, articles
    /// through `extractor`. A malformed facts document is an error for the whole batch; an
    /// unreadable article is recorded in `failures` and skipped.
    pub fn read(inputs: &[std::path::PathBuf], extractor: &crate::extract::Extractor) -> Result<Batch> {
        let mut documents = Vec::new();
        let mut batch = Self::for_each(inputs, extractor, |document| {
            documents.push(document);
            Ok(())
        })?;
        batch.documents = documents;
        Ok(batch)
    }

    /// Like [`Batch::read`], but hands each document to `sink` as soon as it is read or
    /// extracted instead of keeping it, so memory does not grow with the input. The returned
    /// batch has the failures and skipped files, and no documents. An error from `sink` stops
    /// the reading and is returned.
    pub fn for_each(
        inputs: &[std::path::PathBuf],
        extractor: &crate::extract::Extractor,
        mut sink: impl FnMut(Located<ArticleFacts>) -> Result<()>,
    ) -> Result<Batch> {
        Self::for_each_explained(inputs, extractor, |document, _| sink(document))
    }

    /// Like [`Batch::for_each`], and with each extracted document its explanations (`None` for
    /// a facts document read as it is): `extract --explain` needs them, and extracting again
    /// to get them doubled its time.
    pub fn for_each_explained(
        inputs: &[std::path::PathBuf],
        extractor: &crate::extract::Extractor,
        mut sink: impl FnMut(Located<ArticleFacts>, Option<Vec<crate::extract::Explanation>>) -> Result<()>,
    ) -> Result<Batch> {
        use crate::input::{discover, jsonl_holds_facts, Discovery, InputKind};
        let mut batch = Batch::default();
        let mut discovery = Discovery::default();
        let sink = &mut sink;
        let extract_one = |article: &crate::article::Article, source: &str, sink: &mut dyn FnMut(Located<ArticleFacts>, Option<Vec<crate::extract::Explanation>>) -> Result<()>| {
            let extracted = extractor.extract(article);
            sink(Located { location: crate::Location::new(source), value: extracted.facts }, Some(extracted.explanations))
        };
        let extract_all = |articles: Vec<crate::article::Article>, source: &str, sink: &mut dyn FnMut(Located<ArticleFacts>, Option<Vec<crate::extract::Explanation>>) -> Result<()>| {
            articles.iter().try_for_each(|article| extract_one(article, source, sink))
        };
        for input in inputs {
            if input.as_os_str() == "-" {
                let mut text = String::new();
                std::io::Read::read_to_string(&mut std::io::stdin().lock(), &mut text).map_err(|e| Error::ArticleInput {
                    location: crate::Location::new("<stdin>"),
                    message: format!("cannot read as UTF-8 text: {e}"),
                })?;
                let trimmed = text.trim_start();
                if trimmed.starts_with('[') || (trimmed.starts_with('{') && jsonl_holds_facts(trimmed)) {
                    crate::input::read_facts_each(text.as_bytes(), "<stdin>", |document| sink(document, None))?;
                } else if trimmed.starts_with('{') {
                    extract_all(crate::article::read_jsonl_articles(&text, "<stdin>")?, "<stdin>", sink)?;
                } else {
                    let article = crate::article::read_text_article(&text, "stdin", "<stdin>")?;
                    extract_all(vec![article], "<stdin>", sink)?;
                }
            } else {
                discover(input, &mut discovery)?;
            }
        }
        batch.skipped = discovery.skipped;
        for (path, kind) in discovery.files {
            let source = path.display().to_string();
            match kind {
                InputKind::Facts => {
                    let file = std::fs::File::open(&path).map_err(|source| Error::Io { path: path.clone(), source })?;
                    crate::input::read_facts_each(file, &source, |document| sink(document, None))?
                }
                // Read line by line, never whole: memory stays flat however long the file.
                InputKind::JsonLines => {
                    let open = || std::fs::File::open(&path).map_err(|source| Error::Io { path: path.clone(), source });
                    if crate::input::jsonl_file_holds_facts(&path) {
                        crate::input::read_facts_each(open()?, &source, |document| sink(document, None))?;
                        continue;
                    }
                    // A bad line makes the whole file unreadable, as for a `.txt` article: a
                    // first pass checks every line before any article goes to `sink`.
                    let checked = open().and_then(|file| crate::article::read_jsonl_articles_each(file, &source, |_| Ok(())));
                    if let Err(e) = checked {
                        batch.failures.push(e);
                        continue;
                    }
                    crate::article::read_jsonl_articles_each(open()?, &source, |article| extract_one(&article, &source, sink))?;
                }
                InputKind::Text => match crate::article::read_article_file(&path) {
                    Ok(article) => extract_all(vec![article], &source, sink)?,
                    Err(e) => batch.failures.push(e),
                },
            }
        }
        Ok(batch)
    }
}
