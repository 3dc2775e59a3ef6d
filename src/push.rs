//! `newsgraph push`: sends the store, graph by graph, to a remote SPARQL engine (Virtuoso,
//! Fuseki, an Oxigraph server, another `newsgraph serve`), then checks the remote triple count
//! of every graph.
//!
//! Each graph goes over the SPARQL 1.1 Graph Store HTTP Protocol: the first batch is `PUT`
//! (replacing the remote graph, so pushing twice leaves the same data), the next ones are
//! `POST`ed; bodies are N-Triples (never Turtle with escapes some engines misread), in batches
//! of about 100,000 triples (large single requests are unreliable on Virtuoso), each with a
//! timeout and retried with backoff. A blank node's triples always travel in one batch, since
//! each request is a document of its own. When the Graph Store fails (or none is given), the
//! graph is sent again as SPARQL Update (`DROP SILENT GRAPH` then `INSERT DATA` batches).
//!
//! Authentication: a bearer token, or a user and password answered with HTTP Digest (Virtuoso)
//! or Basic, as the server's challenge asks.

use crate::error::{Error, Result};
use crate::store::NewsStore;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphNameRef, NamedNode, NamedOrBlankNode, Term, Triple};
use reqwest::blocking::{Client, Response};
use reqwest::header::{HeaderMap, HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_TYPE, WWW_AUTHENTICATE};
use reqwest::{Method, StatusCode};
use std::collections::HashMap;
use std::time::Duration;
use url::Url;

/// How to authenticate to the remote engine.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Auth {
    /// No credentials.
    #[default]
    None,
    /// A user and password: HTTP Digest or Basic, whichever the server's challenge asks for.
    Password {
        /// The user.
        user: String,
        /// The password.
        password: String,
    },
    /// `Authorization: Bearer TOKEN`.
    Bearer(String),
}

/// What to push where.
#[derive(Debug, Clone)]
pub struct PushOptions {
    /// The SPARQL endpoint: counts are checked there, and updates go there unless
    /// `update_endpoint` is given.
    pub endpoint: String,
    /// Where SPARQL updates go (the fallback), if not `endpoint`.
    pub update_endpoint: Option<String>,
    /// The Graph Store Protocol URL (`?graph=IRI` is appended); `None`: SPARQL Update only.
    pub graph_store: Option<String>,
    /// Only these named graphs; empty: every named graph (and the default graph, if not empty).
    pub graphs: Vec<String>,
    /// Credentials.
    pub auth: Auth,
    /// Triples per Graph Store request.
    pub batch: usize,
    /// Triples per `INSERT DATA` request (updates are parsed as text: keep them smaller).
    pub update_batch: usize,
    /// Timeout of each request.
    pub timeout: Duration,
    /// Retries of a failed request (with backoff 1 s, 2 s, 4 s, …).
    pub retries: u32,
    /// Check the remote triple count of every graph.
    pub verify: bool,
}

impl PushOptions {
    /// Options with the defaults for `endpoint`.
    pub fn new(endpoint: impl Into<String>) -> Self {
        Self {
            endpoint: endpoint.into(),
            update_endpoint: None,
            graph_store: None,
            graphs: Vec::new(),
            auth: Auth::None,
            batch: 100_000,
            update_batch: 10_000,
            timeout: Duration::from_secs(300),
            retries: 3,
            verify: true,
        }
    }
}

/// What happened to one graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GraphPush {
    /// The graph IRI, or `None` for the default graph.
    pub graph: Option<String>,
    /// Triples in the local graph.
    pub local: usize,
    /// Triples in the remote graph after the push (`None`: not checked).
    pub remote: Option<usize>,
    /// `graph store` or `update`.
    pub via: &'static str,
    /// Requests that carried data.
    pub requests: usize,
}

impl GraphPush {
    /// Whether the remote count was checked and differs.
    pub fn mismatch(&self) -> bool {
        self.remote.is_some_and(|remote| remote != self.local)
    }
}

/// The outcome of a push.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PushReport {
    /// One entry per graph, in the order pushed.
    pub graphs: Vec<GraphPush>,
}

impl PushReport {
    /// True when every checked graph has as many triples remotely as locally.
    pub fn counts_match(&self) -> bool {
        !self.graphs.iter().any(GraphPush::mismatch)
    }

    /// Triples pushed.
    pub fn triples(&self) -> usize {
        self.graphs.iter().map(|g| g.local).sum()
    }
}

/// Pushes `store` as `options` say; `progress` receives one line per step (for standard error).
/// Returns an error when a graph could be sent neither way; a count that differs afterwards is
/// reported in the [`PushReport`] (see [`PushReport::counts_match`]).
pub fn push(store: &NewsStore, options: &PushOptions, progress: &mut dyn FnMut(&str)) -> Result<PushReport> {
    let endpoint = parse_url("--endpoint", &options.endpoint)?;
    let update_endpoint = match &options.update_endpoint {
        Some(url) => parse_url("--update-endpoint", url)?,
        None => endpoint.clone(),
    };
    let mut graph_store = options.graph_store.as_deref().map(|url| parse_url("--graph-store", url)).transpose()?;
    if options.batch == 0 || options.update_batch == 0 {
        return Err(Error::Push("the batch size must be at least 1".into()));
    }
    let targets = targets(store, &options.graphs)?;
    let mut remote = Remote::new(options)?;

    // Reach the endpoint first (and learn its authentication challenge on a small request).
    remote
        .query(&endpoint, "ASK {}")
        .map_err(|e| Error::Push(format!("the endpoint {endpoint} does not answer: {e}")))?;

    let mut report = PushReport::default();
    for (index, graph) in targets.iter().enumerate() {
        let name = graph.as_ref().map_or_else(|| "the default graph".to_owned(), |g| format!("<{}>", g.as_str()));
        let local = store.quads(Some(graph_ref(graph))).count();
        progress(&format!("[{}/{}] {name}: {local} triples", index + 1, targets.len()));
        let mut pushed = None;
        if let Some(store_url) = &graph_store {
            match push_graph_store(store, &mut remote, store_url, graph, options.batch, progress, &name) {
                Ok(requests) => pushed = Some(("graph store", requests)),
                Err(e) => {
                    // A Graph Store that failed once (read-only, wrong path, down) is not asked
                    // again for every graph: each attempt costs a request, or retries with backoff.
                    let rest = if index + 1 < targets.len() { " (and the graphs after it)" } else { "" };
                    progress(&format!("{name}: the Graph Store failed ({e}); sending it{rest} as SPARQL Update instead"));
                    graph_store = None;
                }
            }
        }
        let (via, requests) = match pushed {
            Some(done) => done,
            None => {
                let requests = push_update(store, &mut remote, &update_endpoint, graph, options.update_batch, progress, &name)
                    .map_err(|e| Error::Push(format!("{name}: {e}")))?;
                ("update", requests)
            }
        };
        let remote_count = match graph {
            Some(iri) if options.verify => {
                let count = remote.count(&endpoint, iri).map_err(|e| Error::Push(format!("{name}: cannot count the remote triples: {e}")))?;
                if count == local {
                    progress(&format!("{name}: {count} triples on the remote, as here"));
                } else {
                    progress(&format!("{name}: {count} triples on the remote, but {local} here"));
                }
                Some(count)
            }
            _ => None,
        };
        report.graphs.push(GraphPush { graph: graph.as_ref().map(|g| g.as_str().to_owned()), local, remote: remote_count, via, requests });
    }
    Ok(report)
}

fn parse_url(flag: &str, url: &str) -> Result<Url> {
    let parsed = Url::parse(url).map_err(|e| Error::InvalidIri { value: url.to_owned(), reason: format!("{flag}: {e}") })?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(Error::InvalidIri { value: url.to_owned(), reason: format!("{flag}: not an http(s) URL") });
    }
    Ok(parsed)
}

/// The graphs to push: the chosen ones (which must exist), or all named graphs and the default
/// graph when it holds anything.
fn targets(store: &NewsStore, chosen: &[String]) -> Result<Vec<Option<NamedNode>>> {
    if chosen.is_empty() {
        let mut all: Vec<Option<NamedNode>> = Vec::new();
        if store.quads(Some(GraphNameRef::DefaultGraph)).next().is_some() {
            all.push(None);
        }
        for graph in store.graphs()? {
            let iri = graph.trim_start_matches('<').trim_end_matches('>');
            all.push(Some(NamedNode::new(iri).map_err(|e| Error::InvalidIri { value: graph.clone(), reason: e.to_string() })?));
        }
        return Ok(all);
    }
    chosen
        .iter()
        .map(|iri| {
            let node = NamedNode::new(iri).map_err(|e| Error::InvalidIri { value: iri.clone(), reason: e.to_string() })?;
            if store.contains_graph(node.as_ref())? {
                Ok(Some(node))
            } else {
                Err(Error::InvalidIri { value: iri.clone(), reason: "no such graph in the store".into() })
            }
        })
        .collect()
}

fn graph_ref(graph: &Option<NamedNode>) -> GraphNameRef<'_> {
    match graph {
        Some(g) => GraphNameRef::NamedNode(g.as_ref()),
        None => GraphNameRef::DefaultGraph,
    }
}

/// Splits a graph's triples into batches of about `size`, keeping the triples that share blank
/// nodes together. Triples without blank nodes stream through; those with blank nodes are held
/// until the end and grouped.
struct Batches {
    size: usize,
    ready: Vec<Triple>,
    with_blank_nodes: Vec<Triple>,
}

impl Batches {
    fn new(size: usize) -> Self {
        Self { size, ready: Vec::new(), with_blank_nodes: Vec::new() }
    }

    /// Adds a triple; returns a full batch when there is one.
    fn add(&mut self, triple: Triple) -> Option<Vec<Triple>> {
        if matches!(triple.subject, NamedOrBlankNode::BlankNode(_)) || matches!(triple.object, Term::BlankNode(_)) {
            self.with_blank_nodes.push(triple);
            return None;
        }
        self.ready.push(triple);
        (self.ready.len() >= self.size).then(|| std::mem::take(&mut self.ready))
    }

    /// The remaining batches (at least one, possibly empty, so that an empty graph is still sent).
    fn finish(mut self) -> Vec<Vec<Triple>> {
        let mut batches = Vec::new();
        for molecule in molecules(std::mem::take(&mut self.with_blank_nodes)) {
            if !self.ready.is_empty() && self.ready.len() + molecule.len() > self.size {
                batches.push(std::mem::take(&mut self.ready));
            }
            self.ready.extend(molecule);
        }
        if !self.ready.is_empty() || batches.is_empty() {
            batches.push(self.ready);
        }
        batches
    }
}

/// Groups triples into sets connected through shared blank nodes (union-find).
fn molecules(triples: Vec<Triple>) -> Vec<Vec<Triple>> {
    fn find(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let mut ids: HashMap<String, usize> = HashMap::new();
    let mut parent: Vec<usize> = Vec::new();
    let mut id = |label: &str, parent: &mut Vec<usize>| -> usize {
        *ids.entry(label.to_owned()).or_insert_with(|| {
            parent.push(parent.len());
            parent.len() - 1
        })
    };
    let mut roots_of_triples = Vec::with_capacity(triples.len());
    for triple in &triples {
        let mut nodes = Vec::new();
        if let NamedOrBlankNode::BlankNode(b) = &triple.subject {
            nodes.push(id(b.as_str(), &mut parent));
        }
        if let Term::BlankNode(b) = &triple.object {
            nodes.push(id(b.as_str(), &mut parent));
        }
        if let [a, b] = nodes[..] {
            let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
            if ra != rb {
                parent[ra] = rb;
            }
        }
        roots_of_triples.push(nodes[0]);
    }
    let mut groups: Vec<Vec<Triple>> = Vec::new();
    let mut group_of_root: HashMap<usize, usize> = HashMap::new();
    for (triple, node) in triples.into_iter().zip(roots_of_triples) {
        let root = find(&mut parent, node);
        let index = *group_of_root.entry(root).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[index].push(triple);
    }
    groups
}

fn ntriples(triples: &[Triple]) -> Result<Vec<u8>> {
    let mut serializer = RdfSerializer::from_format(RdfFormat::NTriples).for_writer(Vec::new());
    for triple in triples {
        serializer.serialize_triple(triple).map_err(Error::Write)?;
    }
    serializer.finish().map_err(Error::Write)
}

/// All batches of a graph, in order (streamed from the store).
fn for_each_batch(
    store: &NewsStore,
    graph: &Option<NamedNode>,
    size: usize,
    mut send: impl FnMut(usize, &[Triple]) -> std::result::Result<(), String>,
) -> std::result::Result<usize, String> {
    let mut batches = Batches::new(size);
    let mut index = 0;
    for quad in store.quads(Some(graph_ref(graph))) {
        let quad = quad.map_err(|e| e.to_string())?;
        if let Some(batch) = batches.add(Triple::from(quad)) {
            send(index, &batch)?;
            index += 1;
        }
    }
    for batch in batches.finish() {
        send(index, &batch)?;
        index += 1;
    }
    Ok(index)
}

fn push_graph_store(
    store: &NewsStore,
    remote: &mut Remote,
    graph_store: &Url,
    graph: &Option<NamedNode>,
    size: usize,
    progress: &mut dyn FnMut(&str),
    name: &str,
) -> std::result::Result<usize, String> {
    let mut url = graph_store.clone();
    match graph {
        Some(iri) => url.query_pairs_mut().append_pair("graph", iri.as_str()),
        None => url.query_pairs_mut().append_key_only("default"),
    };
    let mut sent = 0;
    for_each_batch(store, graph, size, |index, batch| {
        let body = ntriples(batch).map_err(|e| e.to_string())?;
        // PUT replaces the remote graph; the next batches are added to it.
        let method = if index == 0 { Method::PUT } else { Method::POST };
        remote.send_data(method, &url, "application/n-triples", body)?;
        sent += batch.len();
        progress(&format!("{name}: {sent} triples sent ({} request{}, graph store)", index + 1, if index == 0 { "" } else { "s" }));
        Ok(())
    })
}

fn push_update(
    store: &NewsStore,
    remote: &mut Remote,
    endpoint: &Url,
    graph: &Option<NamedNode>,
    size: usize,
    progress: &mut dyn FnMut(&str),
    name: &str,
) -> std::result::Result<usize, String> {
    let mut sent = 0;
    for_each_batch(store, graph, size, |index, batch| {
        let body = String::from_utf8(ntriples(batch).map_err(|e| e.to_string())?).map_err(|e| e.to_string())?;
        let mut update = String::new();
        if index == 0 {
            if let Some(iri) = graph {
                // Replace, as PUT does, so that pushing twice leaves the same data.
                update.push_str(&format!("DROP SILENT GRAPH <{}> ;\n", iri.as_str()));
            }
        }
        if !batch.is_empty() {
            match graph {
                Some(iri) => update.push_str(&format!("INSERT DATA {{ GRAPH <{}> {{\n{body}}} }}", iri.as_str())),
                None => update.push_str(&format!("INSERT DATA {{\n{body}}}")),
            }
        }
        if update.is_empty() {
            return Ok(());
        }
        remote.update(endpoint, &update)?;
        sent += batch.len();
        progress(&format!("{name}: {sent} triples sent ({} request{}, SPARQL update)", index + 1, if index == 0 { "" } else { "s" }));
        Ok(())
    })
}

/// An HTTP client that authenticates as the server asks and retries with backoff.
struct Remote {
    client: Client,
    auth: Auth,
    digest: Option<digest_auth::WwwAuthenticateHeader>,
    basic: bool,
    retries: u32,
}

impl Remote {
    fn new(options: &PushOptions) -> Result<Self> {
        let client = Client::builder()
            .timeout(options.timeout)
            .connect_timeout(Duration::from_secs(10))
            .user_agent(concat!("newsgraph/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| Error::Push(format!("cannot make an HTTP client: {e}")))?;
        Ok(Self { client, auth: options.auth.clone(), digest: None, basic: false, retries: options.retries })
    }

    /// Sends a request, answering an authentication challenge once; no retry.
    fn send_once(&mut self, method: &Method, url: &Url, headers: &HeaderMap, body: &[u8]) -> std::result::Result<Response, String> {
        let mut answered_challenge = false;
        loop {
            let mut request = self.client.request(method.clone(), url.clone()).headers(headers.clone());
            if !body.is_empty() || *method != Method::GET {
                request = request.body(body.to_vec());
            }
            match &self.auth {
                Auth::None => {}
                Auth::Bearer(token) => request = request.bearer_auth(token),
                Auth::Password { user, password } => {
                    if let Some(prompt) = &mut self.digest {
                        let mut uri = url.path().to_owned();
                        if let Some(query) = url.query() {
                            uri.push('?');
                            uri.push_str(query);
                        }
                        let method_name = digest_auth::HttpMethod(method.as_str().to_owned().into());
                        let context = digest_auth::AuthContext::new_with_method(
                            user.as_str(),
                            password.as_str(),
                            uri,
                            Some(body),
                            method_name,
                        );
                        let answer = prompt.respond(&context).map_err(|e| format!("HTTP Digest: {e}"))?;
                        request = request.header(AUTHORIZATION, answer.to_header_string());
                    } else if self.basic {
                        request = request.basic_auth(user, Some(password));
                    }
                }
            }
            let response = request.send().map_err(|e| describe_transport(&e))?;
            if response.status() != StatusCode::UNAUTHORIZED || answered_challenge || !matches!(self.auth, Auth::Password { .. }) {
                return Ok(response);
            }
            // Learn the challenge and answer it once.
            let challenges: Vec<String> =
                response.headers().get_all(WWW_AUTHENTICATE).iter().filter_map(|v| v.to_str().ok()).map(str::to_owned).collect();
            if let Some(digest) = challenges.iter().find(|c| c.trim_start().to_ascii_lowercase().starts_with("digest")) {
                self.digest = Some(digest_auth::parse(digest).map_err(|e| format!("cannot read the Digest challenge: {e}"))?);
                self.basic = false;
            } else if challenges.iter().any(|c| c.trim_start().to_ascii_lowercase().starts_with("basic")) {
                self.digest = None;
                self.basic = true;
            } else {
                return Ok(response);
            }
            answered_challenge = true;
        }
    }

    /// Sends with retries (transport errors, 408, 429, 5xx) and backoff; returns the body of a
    /// 2xx response, or why it failed.
    fn send(&mut self, method: Method, url: &Url, headers: HeaderMap, body: &[u8]) -> std::result::Result<Vec<u8>, String> {
        let mut last = String::new();
        for attempt in 0..=self.retries {
            if attempt > 0 {
                std::thread::sleep(Duration::from_secs(1 << (attempt - 1).min(5)));
            }
            match self.send_once(&method, url, &headers, body) {
                Err(e) => last = e,
                Ok(response) => {
                    let status = response.status();
                    let text = response.bytes().map_err(|e| describe_transport(&e));
                    if status.is_success() {
                        match text {
                            Ok(bytes) => return Ok(bytes.to_vec()),
                            Err(e) => last = e,
                        }
                    } else {
                        let body = text.map(|b| String::from_utf8_lossy(&b).trim().chars().take(300).collect::<String>()).unwrap_or_default();
                        last = format!("{method} {url}: HTTP {status}{}{body}", if body.is_empty() { "" } else { ": " });
                        let transient = status.is_server_error() || status == StatusCode::REQUEST_TIMEOUT || status == StatusCode::TOO_MANY_REQUESTS;
                        if !transient {
                            return Err(last);
                        }
                    }
                }
            }
        }
        Err(format!("{last} (after {} tries)", self.retries + 1))
    }

    fn send_data(&mut self, method: Method, url: &Url, content_type: &'static str, body: Vec<u8>) -> std::result::Result<(), String> {
        let mut headers = HeaderMap::new();
        headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
        self.send(method, url, headers, &body).map(|_| ())
    }

    fn update(&mut self, endpoint: &Url, update: &str) -> std::result::Result<(), String> {
        let body: String = url::form_urlencoded::Serializer::new(String::new()).append_pair("update", update).finish();
        let mut headers = HeaderMap::new();
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/x-www-form-urlencoded"));
        self.send(Method::POST, endpoint, headers, body.as_bytes()).map(|_| ())
    }

    /// Runs a query (POSTed as a form) and returns its JSON results.
    fn query(&mut self, endpoint: &Url, query: &str) -> std::result::Result<serde_json::Value, String> {
        let body: String = url::form_urlencoded::Serializer::new(String::new()).append_pair("query", query).finish();
        let mut headers = HeaderMap::new();
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/x-www-form-urlencoded"));
        headers.insert(ACCEPT, HeaderValue::from_static("application/sparql-results+json"));
        let bytes = self.send(Method::POST, endpoint, headers, body.as_bytes())?;
        serde_json::from_slice(&bytes).map_err(|e| format!("the endpoint's answer is not SPARQL JSON results: {e}"))
    }

    fn count(&mut self, endpoint: &Url, graph: &NamedNode) -> std::result::Result<usize, String> {
        let query = format!("SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{}> {{ ?s ?p ?o }} }}", graph.as_str());
        let results = self.query(endpoint, &query)?;
        let value = results["results"]["bindings"][0]["n"]["value"]
            .as_str()
            .ok_or_else(|| format!("no count in the answer: {results}"))?;
        value.trim().parse::<usize>().map_err(|e| format!("the count {value:?} is not a number: {e}"))
    }
}

fn describe_transport(error: &reqwest::Error) -> String {
    use std::error::Error as _;
    let mut message = if error.is_timeout() { "timed out".to_owned() } else { error.to_string() };
    let mut source = error.source();
    while let Some(cause) = source {
        message.push_str(&format!(": {cause}"));
        source = cause.source();
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{BlankNode, Literal};

    fn iri(s: &str) -> NamedNode {
        NamedNode::new(format!("http://example.com/{s}")).unwrap()
    }

    #[test]
    fn batches_keep_blank_nodes_together() {
        let mut batches = Batches::new(2);
        let mut full = Vec::new();
        let b1 = BlankNode::new("b1").unwrap();
        let b2 = BlankNode::new("b2").unwrap();
        let triples = vec![
            Triple::new(iri("a"), iri("p"), b1.clone()),
            Triple::new(iri("a"), iri("p"), Literal::from(1)),
            Triple::new(b1.clone(), iri("q"), b2.clone()),
            Triple::new(iri("c"), iri("p"), Literal::from(2)),
            Triple::new(b2.clone(), iri("r"), Literal::from(3)),
            Triple::new(iri("d"), iri("p"), Literal::from(4)),
        ];
        for t in triples {
            if let Some(b) = batches.add(t) {
                full.push(b);
            }
        }
        full.extend(batches.finish());
        assert_eq!(full.iter().map(Vec::len).sum::<usize>(), 6);
        let holding_b1: Vec<usize> = full
            .iter()
            .enumerate()
            .filter(|(_, batch)| batch.iter().any(|t| t.to_string().contains("_:b1") || t.to_string().contains("_:b2")))
            .map(|(i, _)| i)
            .collect();
        assert_eq!(holding_b1.len(), 1, "the three triples linked by blank nodes travel together: {full:?}");
    }

    #[test]
    fn an_empty_graph_is_still_one_batch() {
        assert_eq!(Batches::new(10).finish(), vec![Vec::<Triple>::new()]);
    }
}
