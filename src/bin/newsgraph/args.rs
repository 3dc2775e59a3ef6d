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
}

#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Article files (.txt, .jsonl), facts files (.json, .jsonl), directories (read
    /// recursively) or `-` for standard input.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
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
