//! The only module that touches Oxigraph's store: open, transactional ingest, query, update,
//! iteration.

use crate::error::{Error, Location, Result};
use crate::map::MappedArticle;
use oxigraph::model::{GraphNameRef, NamedNodeRef, Quad, QuadRef};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use std::path::{Path, PathBuf};

/// The bulk loader's working memory, in megabytes: enough for batches of a few hundred thousand
/// quads, so that memory does not grow with the size of a load.
const BULK_MEMORY_MB: usize = 256;

/// A newsgraph store: an Oxigraph store, on disk or in memory.
#[derive(Clone)]
pub struct NewsStore {
    inner: oxigraph::store::Store,
    path: Option<PathBuf>,
    read_only: bool,
}

/// What an ingest changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct IngestReport {
    /// Articles written (each replacing its previous graph, if any).
    pub articles: usize,
    /// Quads in those articles' graphs after the ingest.
    pub quads: usize,
    /// Articles whose graph was already exactly as ingested.
    pub unchanged: usize,
}

impl NewsStore {
    /// Opens (or creates) an on-disk store in `path`, for reading and writing. Only one process
    /// can hold a store this way: while another does, this fails with [`Error::StoreLocked`].
    #[cfg(feature = "rocksdb")]
    pub fn open(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref().to_path_buf();
        let inner = oxigraph::store::Store::open(&path).map_err(|e| open_error(&path, e))?;
        Ok(Self { inner, path: Some(path), read_only: false })
    }

    /// Opens an existing on-disk store read-only, also while another process writes to it.
    ///
    /// RocksDB gives a read-only instance a static view: what was committed when it opened
    /// (its write-ahead log is replayed; a transaction being written at that moment is not
    /// seen, as RocksDB keeps only whole write batches). Nothing committed afterwards is seen.
    /// Oxigraph documents a concurrent writer as unsupported for read-only stores: the writer
    /// may flush or compact away files the reader has not opened yet. At open time this is
    /// retried; later, a read fails with an I/O error rather than giving a wrong answer. Keep
    /// such readers short-lived.
    #[cfg(feature = "rocksdb")]
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref().to_path_buf();
        if !path.join("CURRENT").is_file() {
            return Err(Error::Store { path: Some(path), message: "no store here to open read-only".into() });
        }
        // A writer's flush or compaction can delete a table file between the moment the reader
        // reads the manifest and the moment it opens the file ("Corruption: … No such file"):
        // the store is fine, the reader just has to read the new manifest. Seen in
        // `tests/it/concurrency.rs`; retried a few times.
        let mut attempt = 0;
        loop {
            match oxigraph::store::Store::open_read_only(&path) {
                Ok(inner) => return Ok(Self { inner, path: Some(path), read_only: true }),
                Err(e) if attempt < 10 && e.to_string().contains("No such file") => {
                    attempt += 1;
                    std::thread::sleep(std::time::Duration::from_millis(20 * attempt));
                }
                Err(e) => return Err(open_error(&path, e)),
            }
        }
    }

    /// Opens an on-disk store for a command that only reads: read-write as [`NewsStore::open`]
    /// does, or, when another process holds the store, [read-only](NewsStore::open_read_only).
    /// The flag says whether it fell back to read-only.
    #[cfg(feature = "rocksdb")]
    pub fn open_for_reading(path: impl AsRef<Path>) -> Result<(Self, bool)> {
        match Self::open(&path) {
            Err(Error::StoreLocked { .. }) => Ok((Self::open_read_only(path)?, true)),
            other => other.map(|store| (store, false)),
        }
    }

    /// Opens an on-disk store for reading: not available in this build.
    #[cfg(not(feature = "rocksdb"))]
    pub fn open_for_reading(path: impl AsRef<Path>) -> Result<(Self, bool)> {
        Self::open(path).map(|store| (store, false))
    }

    /// Opens an on-disk store read-only: not available in this build.
    #[cfg(not(feature = "rocksdb"))]
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Self> {
        Self::open(path)
    }

    /// Whether the store was opened read-only.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Opens an on-disk store: not available in this build.
    #[cfg(not(feature = "rocksdb"))]
    pub fn open(path: impl AsRef<Path>) -> Result<Self> {
        Err(Error::Store {
            path: Some(path.as_ref().to_path_buf()),
            message: "this build has no on-disk store (the `rocksdb` feature is off); use an in-memory store".into(),
        })
    }

    /// A new, empty in-memory store.
    pub fn in_memory() -> Result<Self> {
        let inner = oxigraph::store::Store::new().map_err(|e| Error::Store { path: None, message: e.to_string() })?;
        Ok(Self { inner, path: None, read_only: false })
    }

    /// The underlying Oxigraph store, for what this API does not cover.
    pub fn oxigraph(&self) -> &oxigraph::store::Store {
        &self.inner
    }

    /// The store directory, `None` in memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    fn storage_error(&self, e: impl ToString) -> Error {
        Error::Store { path: self.path.clone(), message: e.to_string() }
    }

    /// Writes articles, each replacing its named graph, in one transaction: either every article
    /// is written or, on error, the store is left exactly as it was.
    pub fn ingest(&self, articles: &[MappedArticle]) -> Result<IngestReport> {
        let mut report = IngestReport::default();
        let mut transaction = self.inner.start_transaction().map_err(|e| self.storage_error(e))?;
        for article in articles {
            let graph = GraphNameRef::NamedNode(article.graph.as_ref());
            let existing = transaction.quads_for_pattern(None, None, None, Some(graph));
            let same = holds_exactly(article, existing, |q| transaction.contains(q), |e| self.storage_error(e))?;
            if same {
                report.unchanged += 1;
            } else {
                transaction.clear_graph(graph).map_err(|e| self.storage_error(e))?;
                transaction.extend(article.quads.iter());
            }
            report.articles += 1;
            report.quads += article.quads.len();
        }
        transaction.commit().map_err(|e| self.storage_error(e))?;
        Ok(report)
    }

    /// Whether `article`'s graph holds exactly its quads (re-ingesting it would change nothing).
    pub fn graph_holds_exactly(&self, article: &MappedArticle) -> Result<bool> {
        let existing = self.inner.quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(article.graph.as_ref())));
        holds_exactly(article, existing, |q| self.inner.contains(q), |e| self.storage_error(e))
    }

    /// Empties these graphs, in one transaction.
    pub fn clear_graphs(&self, graphs: &[oxigraph::model::NamedNode]) -> Result<()> {
        if graphs.is_empty() {
            return Ok(());
        }
        let mut transaction = self.inner.start_transaction().map_err(|e| self.storage_error(e))?;
        for graph in graphs {
            transaction.clear_graph(GraphNameRef::NamedNode(graph.as_ref())).map_err(|e| self.storage_error(e))?;
        }
        transaction.commit().map_err(|e| self.storage_error(e))
    }

    /// Inserts quads in one transaction; returns how many were new.
    pub fn insert_quads(&self, quads: &[Quad]) -> Result<usize> {
        let before = self.len()?;
        let mut transaction = self.inner.start_transaction().map_err(|e| self.storage_error(e))?;
        transaction.extend(quads.iter());
        transaction.commit().map_err(|e| self.storage_error(e))?;
        Ok(self.len()? - before)
    }

    /// Whether large writes should go through Oxigraph's bulk loader rather than a transaction:
    /// on disk only. In memory the bulk loader is a transaction held open, which would block the
    /// other transactions a bulk write needs around it.
    pub fn prefers_bulk_load(&self) -> bool {
        self.path.is_some()
    }

    /// Stages `quads` with Oxigraph's bulk loader (sorted files written beside the store, several
    /// times faster than a transaction for millions of quads). Nothing is visible until
    /// [`StagedLoad::commit`]; an error from `quads`, or dropping the stage, leaves the store as
    /// it was. `on_progress` gets the number of quads staged so far, from time to time.
    pub fn stage_bulk_load(
        &self,
        quads: impl IntoIterator<Item = Result<Quad>>,
        on_progress: impl Fn(u64) + Send + Sync + 'static,
    ) -> Result<StagedLoad<'_>> {
        // A bounded batch size keeps memory flat; 2 GB per thread is Oxigraph's default.
        let mut loader = self.inner.bulk_loader().with_max_memory_size_in_megabytes(BULK_MEMORY_MB).on_progress(on_progress);
        let mut count = 0u64;
        let counted = quads.into_iter().inspect(|q| {
            if q.is_ok() {
                count += 1;
            }
        });
        loader.load_ok_quads::<Error, Error>(counted)?;
        Ok(StagedLoad { loader, store: self, quads: count })
    }

    /// In one transaction: empties `graph`, removes what `catalog` says about `subject`, then
    /// inserts `quads` and `records`. Used to (re)place a merged source and its catalog entry.
    pub fn replace_graph_with(
        &self,
        graph: &oxigraph::model::NamedNode,
        quads: &[Quad],
        catalog: &oxigraph::model::NamedNode,
        subject: &oxigraph::model::NamedNode,
        records: &[Quad],
    ) -> Result<()> {
        let mut transaction = self.inner.start_transaction().map_err(|e| self.storage_error(e))?;
        transaction.clear_graph(GraphNameRef::NamedNode(graph.as_ref())).map_err(|e| self.storage_error(e))?;
        let stale: Vec<Quad> = transaction
            .quads_for_pattern(Some(subject.as_ref().into()), None, None, Some(GraphNameRef::NamedNode(catalog.as_ref())))
            .collect::<std::result::Result<_, _>>()
            .map_err(|e| self.storage_error(e))?;
        for quad in &stale {
            transaction.remove(quad);
        }
        transaction.extend(quads.iter());
        transaction.extend(records.iter());
        transaction.commit().map_err(|e| self.storage_error(e))
    }

    /// Runs a SPARQL query. `source` names the query's origin for error messages.
    pub fn query(&self, sparql: &str, source: &str) -> Result<QueryResults<'static>> {
        let prepared = SparqlEvaluator::new()
            .parse_query(sparql)
            .map_err(|e| sparql_syntax_error(source, sparql, &e))?;
        prepared.on_store(&self.inner).execute().map_err(|e| Error::QueryEvaluation(e.to_string()))
    }

    /// Runs a SPARQL update, atomically.
    pub fn update(&self, sparql: &str, source: &str) -> Result<()> {
        let prepared = SparqlEvaluator::new()
            .parse_update(sparql)
            .map_err(|e| sparql_syntax_error(source, sparql, &e))?;
        prepared.on_store(&self.inner).execute().map_err(|e| Error::QueryEvaluation(e.to_string()))
    }

    /// Every quad, optionally only those of one graph, in the store's order.
    pub fn quads<'a>(&self, graph: Option<GraphNameRef<'a>>) -> impl Iterator<Item = Result<Quad>> + 'static {
        let path = self.path.clone();
        self.inner
            .quads_for_pattern(None, None, None, graph)
            .map(move |q| q.map_err(|e| Error::Store { path: path.clone(), message: e.to_string() }))
    }

    /// Whether the store holds this quad.
    pub fn contains(&self, quad: QuadRef<'_>) -> Result<bool> {
        self.inner.contains(quad).map_err(|e| self.storage_error(e))
    }

    /// Number of quads.
    pub fn len(&self) -> Result<usize> {
        self.inner.len().map_err(|e| self.storage_error(e))
    }

    /// True when the store holds no quad.
    pub fn is_empty(&self) -> Result<bool> {
        self.inner.is_empty().map_err(|e| self.storage_error(e))
    }

    /// Whether a named graph exists.
    pub fn contains_graph(&self, graph: NamedNodeRef<'_>) -> Result<bool> {
        self.inner.contains_named_graph(graph).map_err(|e| self.storage_error(e))
    }

    /// The named graphs, sorted by IRI.
    pub fn graphs(&self) -> Result<Vec<String>> {
        let mut graphs = self
            .inner
            .named_graphs()
            .map(|g| g.map(|g| g.to_string()).map_err(|e| self.storage_error(e)))
            .collect::<Result<Vec<_>>>()?;
        graphs.sort();
        Ok(graphs)
    }

    /// Flushes pending writes to disk (a no-op in memory).
    pub fn flush(&self) -> Result<()> {
        if self.path.is_some() && !self.read_only {
            #[cfg(feature = "rocksdb")]
            self.inner.flush().map_err(|e| self.storage_error(e))?;
        }
        Ok(())
    }
}

/// The error for a store that cannot be opened: [`Error::StoreLocked`] when another process
/// holds RocksDB's lock file.
#[cfg(feature = "rocksdb")]
fn open_error(path: &Path, error: oxigraph::store::StorageError) -> Error {
    let message = error.to_string();
    // RocksDB: "IO error: While lock file: DIR/LOCK: Resource temporarily unavailable".
    if message.contains("lock file") || message.contains("LOCK:") {
        Error::StoreLocked { path: path.to_path_buf(), message }
    } else {
        Error::Store { path: Some(path.to_path_buf()), message }
    }
}

/// A SPARQL syntax error with the line and column the parser reports, when it does.
pub(crate) fn sparql_syntax_error(source: &str, _text: &str, error: &oxigraph::sparql::SparqlSyntaxError) -> Error {
    let mut location = Location::new(source);
    let message = error.to_string();
    // spargebra reports "error at LINE:COLUMN: …"; lift the position into the location.
    if let Some(rest) = message.split("error at ").nth(1) {
        let mut parts = rest.splitn(2, ':');
        let line = parts.next().and_then(|l| l.trim().parse::<u64>().ok());
        let column = parts.next().and_then(|c| c.split(|ch: char| !ch.is_ascii_digit()).next()?.parse::<u64>().ok());
        if let (Some(line), Some(column)) = (line, column) {
            location = location.at(line, column);
        }
    }
    Error::SparqlSyntax { location, message }
}

/// Quads staged by [`NewsStore::stage_bulk_load`], not yet in the store.
#[must_use = "a staged load is dropped, not written, unless committed"]
pub struct StagedLoad<'a> {
    loader: oxigraph::store::BulkLoader<'a>,
    store: &'a NewsStore,
    quads: u64,
}

impl StagedLoad<'_> {
    /// How many quads were staged (duplicates included).
    pub fn quads(&self) -> u64 {
        self.quads
    }

    /// Makes the staged quads part of the store, at once.
    pub fn commit(self) -> Result<()> {
        let store = self.store;
        self.loader.commit().map_err(|e| store.storage_error(e))
    }
}

impl From<oxigraph::store::StorageError> for Error {
    fn from(error: oxigraph::store::StorageError) -> Self {
        Error::Store { path: None, message: error.to_string() }
    }
}

/// Whether a graph whose quads are `existing` holds exactly `article`'s quads, looking each of
/// them up with `contains`: the one test of "re-ingesting changes nothing", for the store and
/// for a transaction. Stops reading `existing` as soon as it holds more quads than the article.
fn holds_exactly<E>(
    article: &MappedArticle,
    existing: impl Iterator<Item = std::result::Result<Quad, E>>,
    mut contains: impl FnMut(QuadRef<'_>) -> std::result::Result<bool, E>,
    error: impl Fn(E) -> Error,
) -> Result<bool> {
    let mut count = 0;
    for quad in existing {
        quad.map_err(&error)?;
        count += 1;
        if count > article.quads.len() {
            return Ok(false);
        }
    }
    if count != article.quads.len() {
        return Ok(false);
    }
    for quad in &article.quads {
        if !contains(quad.as_ref()).map_err(&error)? {
            return Ok(false);
        }
    }
    Ok(true)
}
