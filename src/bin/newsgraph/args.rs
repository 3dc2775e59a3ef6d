//! Command-line arguments (clap). Validation into a usable configuration happens in `config.rs`.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Turn news articles into an RDF knowledge graph you can query, export and merge.
#[derive(Debug, Parser)]
#[command(name = "newsgraph", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes.
#[derive(Debug, Args)]
pub struct Global {
    /// The store directory (an embedded on-disk Oxigraph store).
    #[arg(long, global = true, default_value = "newsgraph.db", env = "NEWSGRAPH_STORE")]
    pub store: PathBuf,
    /// Use a throw-away in-memory store instead of `--store`.
    #[arg(long, global = true)]
    pub memory: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read articles (.txt, JSON Lines) or facts documents (JSON / JSON Lines) and write each
    /// article into its own named graph.
    Ingest(IngestArgs),
    /// Extract facts from articles with the built-in extractor and print them (JSON).
    Extract(ExtractArgs),
    /// Score the built-in extractor against gold facts.
    Eval(EvalArgs),
    /// Run a SPARQL query.
    Query(QueryArgs),
    /// Run a SPARQL update.
    Update(UpdateArgs),
    /// Write the store (or one graph, or a CONSTRUCT result) as RDF.
    Export(ExportArgs),
    /// Load an RDF file (any format) into the store.
    Load(LoadArgs),
    /// Convert an RDF file to another format, streaming, without a store.
    Convert(ConvertArgs),
    /// Count articles, entities, facts by kind, quads and graphs.
    Stats(StatsArgs),
    /// Check the store (or an RDF file) against the SHACL shapes.
    Validate(ValidateArgs),
    /// Print the JSON Schema of the facts format.
    Schema,
    /// Merge other knowledge bases (any RDF file, also .gz/.bz2/.zst), each into its own graph.
    Merge(MergeArgs),
    /// Show the triples added and removed between two RDF files or two graphs of the store;
    /// exit 1 when they differ.
    Diff(DiffArgs),
    /// Serve the store over HTTP: a SPARQL 1.1 endpoint (/sparql), Graph Store reads (/store)
    /// and a query page (/). Read-only and bound to loopback unless told otherwise.
    Serve(ServeArgs),
    /// Send the store (or some graphs) to a remote SPARQL engine (Virtuoso, Fuseki, Oxigraph
    /// server) and check the triple count of every graph there; exit 1 when one differs.
    Push(PushArgs),
    /// Find correspondences between our entities (and events across articles) and the merged
    /// sources, with scores and evidence, and write them to the graph BASE links.
    Link(LinkArgs),
    /// Materialize what the ontology's alignments entail (schema.org, SEM, PROV, Wikidata
    /// classes and properties) into the graph BASE inferred.
    Infer(InferArgs),
    /// Report where sources disagree on a single-valued property, through the links;
    /// exit 1 when some do.
    Conflicts(ConflictsArgs),
}

#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Article files (.txt, .jsonl), facts files (.json, .jsonl), directories (read
    /// recursively) or `-` for standard input.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// How many articles to extract at once, each on its own thread (0: one per core). The
    /// graph is the same for any number.
    #[arg(long, short = 'j', default_value_t = 0, env = "NEWSGRAPH_THREADS", value_name = "N")]
    pub threads: usize,
    /// Base IRI under which article, fact and entity IRIs are minted.
    #[arg(long, default_value = newsgraph::DEFAULT_BASE)]
    pub base: String,
    /// Link entities to Wikidata with owl:sameAs rather than skos:exactMatch.
    #[arg(long)]
    pub same_as: bool,
    /// After ingesting, run these SPARQL queries (`.rq` files or directories of them) and print
    /// their answers.
    #[arg(long = "queries", value_name = "FILE|DIR")]
    pub queries: Vec<PathBuf>,
    /// After ingesting, export the whole store to this file (format from its extension).
    #[arg(long, value_name = "FILE")]
    pub export: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ResultsFormat {
    /// An aligned table with prefixed names (SELECT / ASK), Turtle for graphs.
    Table,
    Csv,
    Tsv,
    Json,
    Xml,
}

#[derive(Debug, Args)]
pub struct QueryArgs {
    /// The query text (or use `--file`).
    #[arg(conflicts_with = "file", required_unless_present = "file")]
    pub query: Option<String>,
    /// Read the query from this file (`-` for standard input).
    #[arg(long, short)]
    pub file: Option<PathBuf>,
    /// Format of SELECT / ASK results.
    #[arg(long, value_enum, default_value_t = ResultsFormat::Table)]
    pub format: ResultsFormat,
    /// Format of CONSTRUCT / DESCRIBE results.
    #[arg(long, default_value = "turtle")]
    pub graph_format: String,
    /// Query an in-memory copy of the store with fresh inferences (see `newsgraph infer`);
    /// the store itself is not changed.
    #[arg(long)]
    pub infer: bool,
}

#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// The update text (or use `--file`).
    #[arg(conflicts_with = "file", required_unless_present = "file")]
    pub update: Option<String>,
    /// Read the update from this file (`-` for standard input).
    #[arg(long, short)]
    pub file: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Only this named graph.
    #[arg(long, value_name = "IRI")]
    pub graph: Option<String>,
    /// Output format (turtle, trig, nquads, ntriples, rdfxml, jsonld); default: from the output
    /// file's extension, else turtle.
    #[arg(long)]
    pub format: Option<String>,
    /// Output file; standard output when absent or `-`.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// The base IRI the data was minted under (for its prefixes and views).
    #[arg(long, default_value = newsgraph::DEFAULT_BASE)]
    pub base: String,
    /// Facts only: leave out evidence, confidence, extraction records and graph provenance.
    #[arg(long, conflicts_with = "wikidata")]
    pub no_provenance: bool,
    /// Write entities linked to Wikidata with their Wikidata IRI instead of ours.
    #[arg(long)]
    pub wikidata: bool,
    /// One IRI per cluster of linked IRIs (see `newsgraph link`): the Wikidata IRI when the
    /// cluster has one, else the smallest newsgraph IRI, else the smallest IRI. Graph names
    /// are kept; the links graph is written as it is.
    #[arg(long, conflicts_with = "wikidata")]
    pub canonical: bool,
    /// Merge all graphs into one (also for TriG, N-Quads and JSON-LD).
    #[arg(long)]
    pub union: bool,
    /// Export the result of this SPARQL CONSTRUCT (or DESCRIBE) query instead of the store.
    #[arg(long, value_name = "QUERY", conflicts_with_all = ["graph", "construct_file"])]
    pub construct: Option<String>,
    /// Like `--construct`, reading the query from a file.
    #[arg(long, value_name = "FILE", conflicts_with = "graph")]
    pub construct_file: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct LoadArgs {
    /// The RDF file, or `-` for standard input (then `--format` is required).
    pub input: PathBuf,
    /// Put the default graph's triples into this named graph.
    #[arg(long, value_name = "IRI")]
    pub graph: Option<String>,
    /// Resolve relative IRIs against this base.
    #[arg(long, value_name = "IRI")]
    pub base: Option<String>,
    /// Input format; default: from the file extension.
    #[arg(long)]
    pub format: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatsFormat {
    Table,
    Json,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = StatsFormat::Table)]
    pub format: StatsFormat,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Validate this RDF file instead of the store.
    pub file: Option<PathBuf>,
    /// Use these SHACL shapes (Turtle) instead of the bundled ones.
    #[arg(long)]
    pub shapes: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Article files (.txt, .jsonl of articles), directories, or `-` for standard input.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Instead of JSON, show for each fact the sentence and the rule that produced it.
    #[arg(long)]
    pub explain: bool,
    /// Write one facts document per line (JSON Lines) instead of pretty JSON.
    #[arg(long)]
    pub jsonl: bool,
    /// How many articles to extract at once, each on its own thread (0: one per core). The
    /// output is the same, in the same order, for any number.
    #[arg(long, short = 'j', default_value_t = 0, env = "NEWSGRAPH_THREADS", value_name = "N")]
    pub threads: usize,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Gold facts: a .json file or a directory of them.
    #[arg(long, required = true)]
    pub gold: PathBuf,
    /// Where the articles are (`STEM.txt` for gold `STEM.json`); default: the gold's
    /// `article.text`, else `../articles/` beside the gold directory.
    #[arg(long)]
    pub articles: Option<PathBuf>,
    /// List every miss and false hit.
    #[arg(long, short)]
    pub verbose: bool,
}

#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// The input file (also .gz, .bz2, .zst), or `-` for standard input (then `--from`).
    pub input: PathBuf,
    /// The output file, or `-` for standard output (then `--to`, default turtle). A file is
    /// written beside its name and renamed at the end, so a failed conversion leaves none.
    pub output: PathBuf,
    /// Input format; default: from the input's extension.
    #[arg(long)]
    pub from: Option<String>,
    /// Output format; default: from the output's extension.
    #[arg(long)]
    pub to: Option<String>,
    /// Resolve relative IRIs in the input against this base.
    #[arg(long, value_name = "IRI")]
    pub base: Option<String>,
    /// Declare a prefix in the output, besides those the input declares (repeatable).
    #[arg(long, value_name = "NAME=IRI")]
    pub prefix: Vec<String>,
    /// Write named graphs' statements into a format without graphs (Turtle, N-Triples,
    /// RDF/XML) instead of refusing them.
    #[arg(long)]
    pub union: bool,
}

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// RDF files (Turtle, TriG, N-Triples, N-Quads, RDF/XML, JSON-LD; also compressed).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// The graph for the (single) file's default graph; default: `BASE/source/FILE-NAME`.
    #[arg(long, value_name = "IRI")]
    pub graph: Option<String>,
    /// The format of the files; default: from each file name.
    #[arg(long)]
    pub format: Option<String>,
    /// Skip and count invalid statements instead of refusing the file.
    #[arg(long)]
    pub lenient: bool,
    /// The store's base IRI (for the source and catalog graph names).
    #[arg(long, default_value = newsgraph::DEFAULT_BASE)]
    pub base: String,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// An RDF file, or a graph of the store as `graph:IRI`.
    pub a: String,
    /// An RDF file, or a graph of the store as `graph:IRI`.
    pub b: String,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on: HOST:PORT, or only a PORT (on 127.0.0.1); port 0 picks a free one.
    #[arg(long, default_value = "127.0.0.1:7878", value_name = "ADDR")]
    pub bind: String,
    /// Cancel queries and updates that run longer than this (0: no limit).
    #[arg(long, default_value_t = 30.0, value_name = "SECONDS")]
    pub timeout: f64,
    /// Cut results after this many rows (SELECT) or triples (CONSTRUCT/DESCRIBE); the response
    /// then carries `X-SPARQL-MaxRows`.
    #[arg(long, default_value_t = 10_000, value_name = "N")]
    pub max_results: usize,
    /// Refuse request bodies (and query strings) larger than this.
    #[arg(long, default_value_t = 1024 * 1024, value_name = "BYTES")]
    pub max_body: usize,
    /// Accept SPARQL updates on /update (needs --token).
    #[arg(long)]
    pub allow_update: bool,
    /// The bearer token updates must carry (`Authorization: Bearer TOKEN`).
    #[arg(long, env = "NEWSGRAPH_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// Let queries call other endpoints with SERVICE (off: SERVICE is refused).
    #[arg(long)]
    pub allow_service: bool,
    /// Answer cross-origin requests from any web page (Access-Control-Allow-Origin: *).
    #[arg(long)]
    pub cors: bool,
    /// Queries without FROM see the union of all graphs as their default graph.
    #[arg(long)]
    pub union_default_graph: bool,
    /// Queries that run at once; more wait their turn (within their timeout).
    #[arg(long, default_value_t = 4, value_name = "N")]
    pub max_concurrent: usize,
    /// The base IRI the data was minted under (for prefixes).
    #[arg(long, default_value = newsgraph::DEFAULT_BASE)]
    pub base: String,
    /// Do not log requests on standard error.
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct PushArgs {
    /// The remote SPARQL endpoint (counts are checked there; updates go there too unless
    /// --update-endpoint), e.g. http://127.0.0.1:8890/sparql-auth for Virtuoso.
    #[arg(long, value_name = "URL")]
    pub endpoint: String,
    /// The remote Graph Store Protocol URL, e.g. http://127.0.0.1:8890/sparql-graph-crud-auth;
    /// without it, graphs are sent as SPARQL Update.
    #[arg(long, value_name = "URL")]
    pub graph_store: Option<String>,
    /// Where SPARQL updates go, if not --endpoint (Fuseki: /DATASET/update).
    #[arg(long, value_name = "URL")]
    pub update_endpoint: Option<String>,
    /// Push only this named graph (repeatable); default: every graph.
    #[arg(long, value_name = "IRI")]
    pub graph: Vec<String>,
    /// User for HTTP Digest or Basic authentication (as the server asks).
    #[arg(long, requires = "password", conflicts_with = "token")]
    pub user: Option<String>,
    /// Password for --user.
    #[arg(long, env = "NEWSGRAPH_PUSH_PASSWORD", hide_env_values = true, requires = "user")]
    pub password: Option<String>,
    /// Bearer token (e.g. for another `newsgraph serve --allow-update`).
    #[arg(long, env = "NEWSGRAPH_PUSH_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// Triples per Graph Store request.
    #[arg(long, default_value_t = 100_000, value_name = "N")]
    pub batch: usize,
    /// Triples per SPARQL Update request (the fallback).
    #[arg(long, default_value_t = 10_000, value_name = "N")]
    pub update_batch: usize,
    /// Timeout of each request.
    #[arg(long, default_value_t = 300.0, value_name = "SECONDS")]
    pub timeout: f64,
    /// Retries of a failed request, with backoff.
    #[arg(long, default_value_t = 3, value_name = "N")]
    pub retries: u32,
    /// Do not check the remote triple counts.
    #[arg(long)]
    pub no_verify: bool,
}

#[derive(Debug, Args)]
pub struct LinkArgs {
    /// Write owl:sameAs instead of skos:exactMatch.
    #[arg(long)]
    pub same_as: bool,
    /// JSON rules overriding the bundled ones (data/link-rules.json) field by field.
    #[arg(long, value_name = "FILE")]
    pub rules: Option<PathBuf>,
    /// Print every correspondence (tab-separated: score, method, subject, object, matched on).
    #[arg(long)]
    pub list: bool,
    /// The store's base IRI.
    #[arg(long, default_value = newsgraph::DEFAULT_BASE)]
    pub base: String,
}

#[derive(Debug, Args)]
pub struct InferArgs {
    /// The store's base IRI.
    #[arg(long, default_value = newsgraph::DEFAULT_BASE)]
    pub base: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ConflictsFormat {
    /// A readable report.
    Table,
    Json,
    Csv,
}

#[derive(Debug, Args)]
pub struct ConflictsArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ConflictsFormat::Table)]
    pub format: ConflictsFormat,
    /// JSON rules overriding the bundled ones (data/link-rules.json) field by field.
    #[arg(long, value_name = "FILE")]
    pub rules: Option<PathBuf>,
    /// The store's base IRI.
    #[arg(long, default_value = newsgraph::DEFAULT_BASE)]
    pub base: String,
}
