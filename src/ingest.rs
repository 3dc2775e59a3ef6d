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
        error: Box::new(error),
    })
}

fn duplicate_id(document: &Located<ArticleFacts>, first: &crate::Location) -> Error {
    let id = &document.value.article.id;
    Error::Fact {
        location: document.location.clone(),
        article: id.clone(),
        error: Box::new(crate::error::FactError {
            path: "article.id".into(),
            problem: crate::error::FactProblem::DuplicateId(format!("{id} (first at {first})")),
        }),
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
        Self::each(inputs, extractor, false, &mut |document, _| sink(document))
    }

    /// Like [`Batch::for_each`], and with each extracted document its explanations (`None` for
    /// a facts document read as it is): `extract --explain` needs them, and extracting again
    /// to get them doubled its time.
    ///
    /// Articles are extracted on [`Extractor::threads`](crate::Extractor::threads) threads
    /// while this one reads the input and runs `sink`; `sink` still sees the documents in
    /// input order, so the output is the same whatever the number of threads.
    pub fn for_each_explained(
        inputs: &[std::path::PathBuf],
        extractor: &crate::extract::Extractor,
        mut sink: impl FnMut(Located<ArticleFacts>, Option<Vec<crate::extract::Explanation>>) -> Result<()>,
    ) -> Result<Batch> {
        Self::each(inputs, extractor, true, &mut sink)
    }

    /// [`Batch::for_each_explained`], with explanations only when `explain` (they are `None`
    /// otherwise).
    fn each(inputs: &[std::path::PathBuf], extractor: &crate::extract::Extractor, explain: bool, sink: Sink<'_>) -> Result<Batch> {
        let threads = extractor.threads();
        if threads <= 1 {
            let mut pipeline = Pipeline::new(extractor, explain, sink, None);
            return Self::read_inputs(inputs, &mut pipeline);
        }
        let (work, queue) = mpsc::channel::<Job>();
        let queue = std::sync::Mutex::new(queue);
        std::thread::scope(|scope| {
            let (done_sender, done) = mpsc::channel::<(u64, usize, Outcome)>();
            for _ in 0..threads {
                let (queue, done_sender) = (&queue, done_sender.clone());
                scope.spawn(move || loop {
                    // The lock is held only while waiting for the next job.
                    let job = match queue.lock() {
                        Ok(queue) => queue.recv(),
                        Err(_) => break,
                    };
                    let Ok((seq, article, source)) = job else { break };
                    // A panic goes to the reading thread, which raises it again: were this
                    // thread to end, the reader would wait for its document for ever.
                    let bytes = article.text().len();
                    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| extracted_document(extractor, &article, &source, explain)));
                    if done_sender.send((seq, bytes, outcome)).is_err() {
                        break;
                    }
                });
            }
            drop(done_sender);
            let parallel = Parallel { work, done, limit: threads * 4 };
            let mut pipeline = Pipeline::new(extractor, explain, sink, Some(parallel));
            Self::read_inputs(inputs, &mut pipeline)
            // The pipeline is dropped here: its work queue closes and the threads end.
        })
    }

    /// Reads `inputs`, handing articles and facts documents to `pipeline`.
    fn read_inputs(inputs: &[std::path::PathBuf], pipeline: &mut Pipeline<'_>) -> Result<Batch> {
        use crate::input::{discover, jsonl_holds_facts, Discovery, InputKind};
        let mut batch = Batch::default();
        let mut discovery = Discovery::default();
        for input in inputs {
            if input.as_os_str() == "-" {
                let mut text = String::new();
                std::io::Read::read_to_string(&mut std::io::stdin().lock(), &mut text).map_err(|e| Error::ArticleInput {
                    location: crate::Location::new("<stdin>"),
                    message: format!("cannot read as UTF-8 text: {e}"),
                })?;
                let trimmed = text.trim_start();
                if trimmed.starts_with('[') || (trimmed.starts_with('{') && jsonl_holds_facts(trimmed)) {
                    crate::input::read_facts_each(text.as_bytes(), "<stdin>", |document| pipeline.document(document))?;
                } else if trimmed.starts_with('{') {
                    crate::article::read_jsonl_articles(&text, "<stdin>")?.into_iter().try_for_each(|article| pipeline.article(article, "<stdin>"))?;
                } else {
                    let article = crate::article::read_text_article(&text, "stdin", "<stdin>")?;
                    pipeline.article(article, "<stdin>")?;
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
                    crate::input::read_facts_each(file, &source, |document| pipeline.document(document))?
                }
                // Read line by line, never whole: memory stays flat however long the file.
                InputKind::JsonLines => {
                    let open = || std::fs::File::open(&path).map_err(|source| Error::Io { path: path.clone(), source });
                    if crate::input::jsonl_file_holds_facts(&path) {
                        crate::input::read_facts_each(open()?, &source, |document| pipeline.document(document))?;
                        continue;
                    }
                    // A bad line makes the whole file unreadable, as for a `.txt` article: a
                    // first pass checks every line before any article goes to `sink`.
                    let checked = open().and_then(|file| crate::article::read_jsonl_articles_each(file, &source, |_| Ok(())));
                    if let Err(e) = checked {
                        batch.failures.push(e);
                        continue;
                    }
                    crate::article::read_jsonl_articles_each(open()?, &source, |article| pipeline.article(article, &source))?;
                }
                InputKind::Text => match crate::article::read_article_file(&path) {
                    Ok(article) => pipeline.article(article, &source)?,
                    Err(e) => batch.failures.push(e),
                },
            }
        }
        pipeline.finish()?;
        Ok(batch)
    }
}

/// A document for the sink, with its explanations when it was extracted and they were asked for.
type Document = (Located<ArticleFacts>, Option<Vec<crate::extract::Explanation>>);

/// Where [`Batch::for_each_explained`] hands documents.
type Sink<'a> = &'a mut dyn FnMut(Located<ArticleFacts>, Option<Vec<crate::extract::Explanation>>) -> Result<()>;

/// The document `extractor` makes of `article`, read from `source`, explained if `explain`.
fn extracted_document(extractor: &crate::extract::Extractor, article: &crate::article::Article, source: &str, explain: bool) -> Document {
    let location = crate::Location::new(source);
    if explain {
        let extracted = extractor.extract(article);
        (Located { location, value: extracted.facts }, Some(extracted.explanations))
    } else {
        (Located { location, value: extractor.extract_facts(article) }, None)
    }
}

/// What an extraction thread sends back: the document, or the panic of the extractor.
type Outcome = std::thread::Result<Document>;

/// An article to extract: its place in the input, the article, and the source it came from.
type Job = (u64, crate::article::Article, String);

/// The extraction threads: where jobs go, where documents come back (with the size of their
/// article's text), and how many may be out at once.
struct Parallel {
    work: mpsc::Sender<Job>,
    done: mpsc::Receiver<(u64, usize, Outcome)>,
    limit: usize,
}

/// How many bytes of article text may be out at once, beyond the first article: with the
/// count of [`Parallel::limit`], what bounds memory when articles are large.
const BYTES_OUT: usize = 64 << 20;

/// Articles in, documents out to the sink in input order: extracted here, or on the threads
/// of [`Parallel`] with the early ones held back until those before them are done.
struct Pipeline<'a> {
    extractor: &'a crate::extract::Extractor,
    /// Whether extracted documents go to the sink with their explanations.
    explain: bool,
    sink: Sink<'a>,
    parallel: Option<Parallel>,
    /// The place of the next document read, and of the next one due at the sink.
    next_in: u64,
    next_out: u64,
    /// Documents done before their turn.
    waiting: std::collections::BTreeMap<u64, Document>,
    in_flight: usize,
    /// The bytes of text of the articles out.
    bytes_out: usize,
}

impl<'a> Pipeline<'a> {
    fn new(extractor: &'a crate::extract::Extractor, explain: bool, sink: Sink<'a>, parallel: Option<Parallel>) -> Self {
        Self { extractor, explain, sink, parallel, next_in: 0, next_out: 0, waiting: Default::default(), in_flight: 0, bytes_out: 0 }
    }

    fn article(&mut self, article: crate::article::Article, source: &str) -> Result<()> {
        let Some(limit) = self.parallel.as_ref().map(|p| p.limit) else {
            let (document, explanations) = extracted_document(self.extractor, &article, source, self.explain);
            return (self.sink)(document, explanations);
        };
        let bytes = article.text().len();
        while self.in_flight >= limit || (self.in_flight > 0 && self.bytes_out + bytes > BYTES_OUT) {
            self.receive()?;
        }
        let parallel = self.parallel.as_ref().expect("parallel");
        parallel.work.send((self.next_in, article, source.to_owned())).expect("the extraction threads wait for work until the pipeline is dropped");
        self.next_in += 1;
        self.in_flight += 1;
        self.bytes_out += bytes;
        Ok(())
    }

    /// A facts document read as it is: it takes its turn after the articles before it.
    fn document(&mut self, document: Located<ArticleFacts>) -> Result<()> {
        if self.next_out == self.next_in {
            return (self.sink)(document, None);
        }
        self.waiting.insert(self.next_in, (document, None));
        self.next_in += 1;
        self.deliver()
    }

    /// Waits for one extracted document, then hands on every document whose turn has come.
    fn receive(&mut self) -> Result<()> {
        let parallel = self.parallel.as_ref().expect("only the parallel pipeline has documents out");
        let (seq, bytes, outcome) = parallel.done.recv().expect("the extraction threads run while the pipeline has work out");
        self.in_flight -= 1;
        self.bytes_out -= bytes;
        let document = outcome.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        self.waiting.insert(seq, document);
        self.deliver()
    }

    fn deliver(&mut self) -> Result<()> {
        while let Some((document, explanations)) = self.waiting.remove(&self.next_out) {
            self.next_out += 1;
            (self.sink)(document, explanations)?;
        }
        Ok(())
    }

    /// Waits for every document out and hands them on.
    fn finish(&mut self) -> Result<()> {
        while self.in_flight > 0 {
            self.receive()?;
        }
        self.deliver()
    }
}
