//! `newsgraph serve`: a SPARQL 1.1 Protocol endpoint, the read side of the SPARQL 1.1 Graph
//! Store HTTP Protocol, and a query page, over one [`NewsStore`].
//!
//! | path | what |
//! | --- | --- |
//! | `/` | the query page (embedded HTML/JS/CSS; nothing is read from disk) |
//! | `/sparql` | queries: `GET ?query=`, `POST` form (`query=`) or `application/sparql-query` |
//! | `/update` | updates (also `POST /sparql` with `update=`): only with `allow_update` and a bearer token |
//! | `/store` | Graph Store reads: `?graph=IRI`, `?default`, or the whole dataset |
//! | `/resource?iri=` | an HTML page describing one resource, its triples grouped by graph and predicate |
//!
//! Safe by default: read-only, loopback, `SERVICE` off, a query timeout (cancelled through
//! Oxigraph's [`CancellationToken`]), a cap on result rows and on request bodies, no CORS, and
//! requests for a foreign `Host` refused while bound to loopback (against DNS rebinding).

use crate::error::{Error, Result};
use crate::export::{ExportFormat, Exporter, KNOWN_PREFIXES};
use crate::mint::{Minter, KINDS};
use crate::store::NewsStore;
use axum::body::{Body, Bytes};
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use oxigraph::model::{GraphName, GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{CancellationToken, QueryEvaluationError, QueryResults, SparqlEvaluator};
use spargebra::Query;
use std::collections::BTreeMap;
use std::io::Write;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The query page and its assets, embedded at build time.
const INDEX_HTML: &str = include_str!("../assets/index.html");
const APP_JS: &str = include_str!("../assets/app.js");
const STYLE_CSS: &str = include_str!("../assets/style.css");
const RESOURCE_HTML: &str = include_str!("../assets/resource.html");

/// The competency questions (`examples/queries/*.rq`), embedded at build time for the query
/// page. A unit test checks this list against the directory.
pub const EXAMPLE_QUERIES: &[(&str, &str)] = &[
    ("01-who-visited-pyongyang", include_str!("../examples/queries/01-who-visited-pyongyang.rq")),
    ("02-russia-dprk-agreements", include_str!("../examples/queries/02-russia-dprk-agreements.rq")),
    ("03-ecnu-affiliations", include_str!("../examples/queries/03-ecnu-affiliations.rq")),
    ("04-global-times-statements", include_str!("../examples/queries/04-global-times-statements.rq")),
    ("05-visit-date-evidence", include_str!("../examples/queries/05-visit-date-evidence.rq")),
    ("06-wikidata-entities", include_str!("../examples/queries/06-wikidata-entities.rq")),
    ("07-summit-signings", include_str!("../examples/queries/07-summit-signings.rq")),
    ("08-planned-or-denied", include_str!("../examples/queries/08-planned-or-denied.rq")),
    ("09-analyst-quotes", include_str!("../examples/queries/09-analyst-quotes.rq")),
];

/// How the server behaves. The defaults are the safe ones.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Cancel a query or update that runs longer (`None`: never).
    pub timeout: Option<Duration>,
    /// At most this many result rows (SELECT) or triples (CONSTRUCT/DESCRIBE) per response;
    /// longer results are cut there and the response says so (`X-SPARQL-MaxRows`).
    pub max_results: usize,
    /// Largest request body (and query string) accepted, in bytes.
    pub max_body: usize,
    /// Accept SPARQL updates (they also need `token`).
    pub allow_update: bool,
    /// The bearer token updates must carry.
    pub token: Option<String>,
    /// Let queries call remote endpoints with `SERVICE`.
    pub allow_service: bool,
    /// Answer cross-origin requests (`Access-Control-Allow-Origin: *`).
    pub cors: bool,
    /// Queries without `FROM` see the union of all graphs as their default graph.
    pub union_default_graph: bool,
    /// How many queries run at once; more wait (within their timeout).
    pub max_concurrent: usize,
    /// The base the data was minted under (for prefixes in the page and in Turtle output).
    pub minter: Minter,
    /// Print one line per request on standard error.
    pub log: bool,
}

impl Default for ServeOptions {
    fn default() -> Self {
        Self {
            timeout: Some(Duration::from_secs(30)),
            max_results: 10_000,
            max_body: 1024 * 1024,
            allow_update: false,
            token: None,
            allow_service: false,
            cors: false,
            union_default_graph: false,
            max_concurrent: 4,
            minter: Minter::default(),
            log: false,
        }
    }
}

/// A bound, not yet running, server: `Server::bind(…)?.run()`.
pub struct Server {
    runtime: tokio::runtime::Runtime,
    listener: tokio::net::TcpListener,
    app: Router,
    address: SocketAddr,
    signals: Signals,
}

/// SIGINT and SIGTERM handlers, installed when the server binds: a signal that arrives after
/// the address is announced but before serving starts must stop the server cleanly, not kill
/// it (the default action).
#[cfg(unix)]
type Signals = Option<(tokio::signal::unix::Signal, tokio::signal::unix::Signal)>;
#[cfg(not(unix))]
type Signals = ();

impl Server {
    /// Binds `address` (`HOST:PORT`; port 0 picks a free one) for `store`.
    pub fn bind(address: &str, store: NewsStore, options: ServeOptions) -> Result<Self> {
        if options.allow_update && options.token.as_deref().is_none_or(str::is_empty) {
            return Err(Error::Serve("updates need a token (--token or NEWSGRAPH_TOKEN)".into()));
        }
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .max_blocking_threads(options.max_concurrent.max(1) + 16)
            .enable_all()
            .build()
            .map_err(|e| Error::Serve(format!("cannot start the runtime: {e}")))?;
        let listener = runtime
            .block_on(tokio::net::TcpListener::bind(address))
            .map_err(|e| Error::Serve(format!("cannot listen on {address}: {e}")))?;
        let address = listener.local_addr().map_err(|e| Error::Serve(e.to_string()))?;
        let app = router(store, options, address.ip().is_loopback());
        #[cfg(unix)]
        let signals = {
            use tokio::signal::unix::{signal, SignalKind};
            let _guard = runtime.enter();
            signal(SignalKind::interrupt()).ok().zip(signal(SignalKind::terminate()).ok())
        };
        #[cfg(not(unix))]
        let signals = ();
        Ok(Self { runtime, listener, app, address, signals })
    }

    /// The address actually bound.
    pub fn local_addr(&self) -> SocketAddr {
        self.address
    }

    /// Serves until Ctrl-C (or SIGTERM), then finishes the requests in flight.
    pub fn run(mut self) -> Result<()> {
        let signals = std::mem::take(&mut self.signals);
        self.run_until(shutdown_signal(signals))
    }

    /// Serves until `shutdown` completes.
    pub fn run_until(self, shutdown: impl std::future::Future<Output = ()> + Send + 'static) -> Result<()> {
        let Self { runtime, listener, app, .. } = self;
        let result = runtime.block_on(async move { axum::serve(listener, app).with_graceful_shutdown(shutdown).await });
        // Queries still running in blocking threads are cancelled by their tokens; don't wait long.
        runtime.shutdown_timeout(Duration::from_secs(2));
        result.map_err(|e| Error::Serve(e.to_string()))
    }
}

#[cfg(unix)]
async fn shutdown_signal(signals: Signals) {
    match signals {
        Some((mut interrupt, mut terminate)) => {
            tokio::select! {
                _ = interrupt.recv() => {},
                _ = terminate.recv() => {},
            }
        }
        None => {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}

#[cfg(not(unix))]
async fn shutdown_signal(_: Signals) {
    let _ = tokio::signal::ctrl_c().await;
}

struct AppState {
    store: NewsStore,
    options: ServeOptions,
    token_hash: Option<[u8; 32]>,
    permits: Arc<tokio::sync::Semaphore>,
    prefixes: Vec<(String, String)>,
    loopback: bool,
}

type Shared = Arc<AppState>;

fn router(store: NewsStore, options: ServeOptions, loopback: bool) -> Router {
    use sha2::Digest;
    let token_hash = options.token.as_ref().map(|t| sha2::Sha256::digest(t.as_bytes()).into());
    let mut prefixes: Vec<(String, String)> =
        KINDS.iter().map(|(name, segment)| ((*name).to_owned(), format!("{}{segment}", options.minter.base()))).collect();
    prefixes.extend(KNOWN_PREFIXES.iter().map(|(p, i)| ((*p).to_owned(), (*i).to_owned())));
    let state = Arc::new(AppState {
        store,
        permits: Arc::new(tokio::sync::Semaphore::new(options.max_concurrent.max(1))),
        token_hash,
        prefixes,
        loopback,
        options,
    });
    let mut app = Router::new()
        .route("/", get(index))
        .route("/assets/app.js", get(|| async { asset("text/javascript; charset=utf-8", APP_JS) }))
        .route("/assets/style.css", get(|| async { asset("text/css; charset=utf-8", STYLE_CSS) }))
        .route("/assets/config.json", get(config))
        .route("/sparql", get(sparql_get).post(sparql_post).fallback(method_not_allowed))
        .route("/update", axum::routing::post(update_post).fallback(method_not_allowed))
        .route("/store", get(store_get).fallback(store_write))
        .route("/resource", get(resource))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(state.options.max_body))
        .layer(middleware::from_fn_with_state(state.clone(), guard));
    if state.options.cors {
        use tower_http::cors::{Any, CorsLayer};
        app = app.layer(
            CorsLayer::new()
                .allow_origin(Any)
                .allow_methods([Method::GET, Method::POST, Method::HEAD])
                .allow_headers([header::ACCEPT, header::CONTENT_TYPE, header::AUTHORIZATION])
                .expose_headers([header::HeaderName::from_static("x-sparql-maxrows")]),
        );
    }
    app.with_state(state)
}

/// A plain-text error response.
fn error(status: StatusCode, message: impl Into<String>) -> Response {
    let mut message = message.into();
    message.push('\n');
    (status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], message).into_response()
}

/// Every request: refuse foreign `Host`s on loopback (DNS rebinding), cap the query string, add
/// the security headers, log.
async fn guard(State(state): State<Shared>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let refusal = if state.loopback && !host_is_loopback(request.headers()) {
        Some(error(StatusCode::MISDIRECTED_REQUEST, "this server answers only requests for localhost (it is bound to loopback)"))
    } else if request.uri().query().is_some_and(|q| q.len() > state.options.max_body) {
        Some(error(StatusCode::URI_TOO_LONG, format!("the query string exceeds the limit of {} bytes", state.options.max_body)))
    } else {
        None
    };
    let mut response = match refusal {
        Some(refusal) => refuse_unread(&state, request.into_body(), refusal).await,
        None => next.run(request).await,
    };
    let headers = response.headers_mut();
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if state.options.log {
        eprintln!("{method} {path} {} {} ms", response.status().as_u16(), started.elapsed().as_millis());
    }
    response
}

fn host_is_loopback(headers: &HeaderMap) -> bool {
    let Some(host) = headers.get(header::HOST) else { return true };
    let Ok(host) = host.to_str() else { return false };
    let Ok(authority) = host.parse::<axum::http::uri::Authority>() else { return false };
    let name = authority.host().trim_start_matches('[').trim_end_matches(']');
    name.eq_ignore_ascii_case("localhost")
        || name.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, content_type), (header::CACHE_CONTROL, "no-cache")], body).into_response()
}

const PAGE_CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                        frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

fn html(status: StatusCode, body: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8"), (header::CONTENT_SECURITY_POLICY, PAGE_CSP)],
        body,
    )
        .into_response()
}

async fn index() -> Response {
    html(StatusCode::OK, INDEX_HTML.to_owned())
}

async fn config(State(state): State<Shared>) -> Response {
    let examples: Vec<serde_json::Value> = EXAMPLE_QUERIES
        .iter()
        .map(|(name, text)| {
            let title = text.lines().find_map(|l| l.strip_prefix('#')).map(str::trim).unwrap_or(name);
            serde_json::json!({ "name": name, "title": title, "query": text })
        })
        .collect();
    let body = serde_json::json!({
        "prefixes": state.prefixes,
        "examples": examples,
        "maxResults": state.options.max_results,
        "timeoutSeconds": state.options.timeout.map(|t| t.as_secs_f64()),
        "allowUpdate": state.options.allow_update,
    });
    ([(header::CONTENT_TYPE, "application/json")], body.to_string()).into_response()
}

/// Answers a request whose body no handler reads, after reading (and dropping) that body.
///
/// Answering before the client has sent its whole body makes the connection unusable: hyper
/// closes it, and a client that is still sending, or that reuses the pooled connection at
/// once, sees "connection closed before message completed" instead of the answer (issue 6's
/// flaky push test: a 405 to `PUT /store`, then the next request on the same connection). So
/// the body is read first, up to `--max-body`; past that the answer says `Connection: close`.
async fn refuse_unread(state: &AppState, body: Body, mut refusal: Response) -> Response {
    use axum::body::HttpBody;
    let declared_too_long = body.size_hint().lower() > state.options.max_body as u64;
    if declared_too_long || axum::body::to_bytes(body, state.options.max_body).await.is_err() {
        refusal.headers_mut().insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    refusal
}

async fn not_found(State(state): State<Shared>, uri: Uri, body: Body) -> Response {
    let refusal = error(StatusCode::NOT_FOUND, format!("nothing at {}; try / (the query page), /sparql, /store or /resource", uri.path()));
    refuse_unread(&state, body, refusal).await
}

async fn method_not_allowed(State(state): State<Shared>, method: Method, uri: Uri, body: Body) -> Response {
    let allow = if uri.path() == "/update" { "POST" } else { "GET, HEAD, POST" };
    let mut response = error(StatusCode::METHOD_NOT_ALLOWED, format!("{method} is not allowed on {}", uri.path()));
    response.headers_mut().insert(header::ALLOW, HeaderValue::from_static(allow));
    refuse_unread(&state, body, response).await
}

async fn store_write(State(state): State<Shared>, method: Method, body: Body) -> Response {
    let mut response = error(
        StatusCode::METHOD_NOT_ALLOWED,
        format!("{method}: /store is read-only (the Graph Store Protocol is served for reading); change data with SPARQL Update on /update"),
    );
    response.headers_mut().insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
    refuse_unread(&state, body, response).await
}

fn form_pairs(text: &str) -> Vec<(String, String)> {
    url::form_urlencoded::parse(text.as_bytes()).into_owned().collect()
}

/// The parameters of a protocol request, whatever carried them.
#[derive(Default)]
struct Params {
    pairs: Vec<(String, String)>,
}

impl Params {
    fn all(&self, key: &str) -> Vec<&str> {
        self.pairs.iter().filter(|(k, _)| k == key).map(|(_, v)| v.as_str()).collect()
    }

    #[allow(clippy::result_large_err, reason = "a handler step refuses with the HTTP response itself, as axum handlers do; it is built once per request")]
    fn one(&self, key: &str) -> std::result::Result<Option<&str>, Response> {
        match self.all(key).as_slice() {
            [] => Ok(None),
            [one] => Ok(Some(one)),
            _ => Err(error(StatusCode::BAD_REQUEST, format!("the parameter {key} is given more than once"))),
        }
    }

    fn has(&self, key: &str) -> bool {
        self.pairs.iter().any(|(k, _)| k == key)
    }
}

async fn sparql_get(State(state): State<Shared>, uri: Uri, headers: HeaderMap) -> Response {
    let params = Params { pairs: form_pairs(uri.query().unwrap_or_default()) };
    if params.has("update") {
        return error(StatusCode::METHOD_NOT_ALLOWED, "SPARQL updates must be sent with POST (to /update)");
    }
    match params.one("query") {
        Err(response) => response,
        Ok(Some(query)) => run_query(&state, query.to_owned(), &params, &headers).await,
        Ok(None) if accepts_html(&headers) && params.pairs.is_empty() => {
            (StatusCode::SEE_OTHER, [(header::LOCATION, "/")]).into_response()
        }
        Ok(None) => error(StatusCode::BAD_REQUEST, "missing the query parameter (GET /sparql?query=…)"),
    }
}

fn accepts_html(headers: &HeaderMap) -> bool {
    headers.get(header::ACCEPT).and_then(|a| a.to_str().ok()).is_some_and(|a| a.contains("text/html"))
}

/// The body of a POST as protocol parameters: a form, or a bare query or update.
#[allow(clippy::result_large_err, reason = "a handler step refuses with the HTTP response itself, as axum handlers do; it is built once per request")]
fn post_params(
    state: &AppState,
    uri: &Uri,
    headers: &HeaderMap,
    body: std::result::Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> std::result::Result<Params, Response> {
    let body = body.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            // The rest of the body is never read: the connection cannot carry another request.
            let mut response =
                error(StatusCode::PAYLOAD_TOO_LARGE, format!("the request body exceeds the limit of {} bytes", state.options.max_body));
            response.headers_mut().insert(header::CONNECTION, HeaderValue::from_static("close"));
            response
        } else {
            error(rejection.status(), rejection.body_text())
        }
    })?;
    let text = String::from_utf8(body.to_vec()).map_err(|_| error(StatusCode::BAD_REQUEST, "the request body is not UTF-8"))?;
    let mut params = Params { pairs: form_pairs(uri.query().unwrap_or_default()) };
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|c| c.to_str().ok())
        .and_then(|c| c.split(';').next())
        .map(|c| c.trim().to_ascii_lowercase())
        .unwrap_or_default();
    match content_type.as_str() {
        "application/x-www-form-urlencoded" => params.pairs.extend(form_pairs(&text)),
        "application/sparql-query" => params.pairs.push(("query".into(), text)),
        "application/sparql-update" => params.pairs.push(("update".into(), text)),
        other => {
            return Err(error(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                format!(
                    "unsupported content type {other:?}: send application/x-www-form-urlencoded, application/sparql-query or application/sparql-update"
                ),
            ))
        }
    }
    Ok(params)
}

async fn sparql_post(
    State(state): State<Shared>,
    uri: Uri,
    headers: HeaderMap,
    body: std::result::Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> Response {
    let params = match post_params(&state, &uri, &headers, body) {
        Ok(params) => params,
        Err(response) => return response,
    };
    let (query, update) = match (params.one("query"), params.one("update")) {
        (Ok(q), Ok(u)) => (q.map(str::to_owned), u.map(str::to_owned)),
        (Err(response), _) | (_, Err(response)) => return response,
    };
    match (query, update) {
        (Some(_), Some(_)) => error(StatusCode::BAD_REQUEST, "give either query or update, not both"),
        (Some(query), None) => run_query(&state, query, &params, &headers).await,
        (None, Some(update)) => run_update(&state, update, &params, &headers).await,
        (None, None) => error(StatusCode::BAD_REQUEST, "missing the query (or update) parameter"),
    }
}

async fn update_post(
    State(state): State<Shared>,
    uri: Uri,
    headers: HeaderMap,
    body: std::result::Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> Response {
    // Refuse before reading anything else: a read-only server says so whatever was sent.
    if let Some(refusal) = update_refusal(&state, &headers) {
        return refusal;
    }
    let params = match post_params(&state, &uri, &headers, body) {
        Ok(params) => params,
        Err(response) => return response,
    };
    if params.has("query") {
        return error(StatusCode::BAD_REQUEST, "/update takes updates; send queries to /sparql");
    }
    match params.one("update") {
        Err(response) => response,
        Ok(Some(update)) => run_update(&state, update.to_owned(), &params, &headers).await,
        Ok(None) => error(StatusCode::BAD_REQUEST, "missing the update parameter"),
    }
}

/// Why an update is refused, if it is: read-only server, or missing or wrong token.
fn update_refusal(state: &AppState, headers: &HeaderMap) -> Option<Response> {
    use subtle::ConstantTimeEq;
    if !state.options.allow_update {
        return Some(error(
            StatusCode::FORBIDDEN,
            "this endpoint is read-only: start it with `newsgraph serve --allow-update --token …` to accept SPARQL updates",
        ));
    }
    let expected = state.token_hash.as_ref()?;
    let challenge = |message: &str, error_code: &str| {
        let mut response = error(StatusCode::UNAUTHORIZED, message);
        let value = format!("Bearer realm=\"newsgraph\"{error_code}");
        if let Ok(value) = HeaderValue::from_str(&value) {
            response.headers_mut().insert(header::WWW_AUTHENTICATE, value);
        }
        response
    };
    let given = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok());
    let Some(given) = given else {
        return Some(challenge("updates need the header Authorization: Bearer TOKEN", ""));
    };
    let token = given.strip_prefix("Bearer ").or_else(|| given.strip_prefix("bearer ")).map(str::trim);
    let valid = token.is_some_and(|token| {
        use sha2::Digest;
        let hash: [u8; 32] = sha2::Sha256::digest(token.as_bytes()).into();
        bool::from(hash.ct_eq(expected))
    });
    if valid {
        None
    } else {
        Some(challenge("the bearer token is wrong", ", error=\"invalid_token\""))
    }
}

fn evaluator(state: &AppState, cancel: &CancellationToken) -> SparqlEvaluator {
    let evaluator = SparqlEvaluator::new().with_cancellation_token(cancel.clone());
    if state.options.allow_service {
        match state.options.timeout {
            Some(timeout) => evaluator.with_http_timeout(timeout),
            None => evaluator,
        }
    } else {
        evaluator.without_default_http_service_handler()
    }
}

/// Result formats the endpoint writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Results(QueryResultsFormat),
    Rdf(ExportFormat),
}

impl Format {
    fn content_type(self) -> &'static str {
        match self {
            Format::Results(QueryResultsFormat::Json) => "application/sparql-results+json",
            Format::Results(QueryResultsFormat::Xml) => "application/sparql-results+xml",
            Format::Results(QueryResultsFormat::Csv) => "text/csv; charset=utf-8",
            Format::Results(QueryResultsFormat::Tsv) => "text/tab-separated-values; charset=utf-8",
            Format::Rdf(ExportFormat::Turtle) => "text/turtle",
            Format::Rdf(ExportFormat::TriG) => "application/trig",
            Format::Rdf(ExportFormat::NTriples) => "application/n-triples",
            Format::Rdf(ExportFormat::NQuads) => "application/n-quads",
            Format::Rdf(ExportFormat::RdfXml) => "application/rdf+xml",
            Format::Rdf(ExportFormat::JsonLd) => "application/ld+json",
            #[allow(unreachable_patterns)]
            Format::Results(_) => "application/octet-stream",
        }
    }
}

const RESULTS_OFFERS: &[(&str, Format)] = &[
    ("application/sparql-results+json", Format::Results(QueryResultsFormat::Json)),
    ("application/json", Format::Results(QueryResultsFormat::Json)),
    ("application/sparql-results+xml", Format::Results(QueryResultsFormat::Xml)),
    ("application/xml", Format::Results(QueryResultsFormat::Xml)),
    ("text/xml", Format::Results(QueryResultsFormat::Xml)),
    ("text/csv", Format::Results(QueryResultsFormat::Csv)),
    ("text/tab-separated-values", Format::Results(QueryResultsFormat::Tsv)),
];

const GRAPH_OFFERS: &[(&str, Format)] = &[
    ("text/turtle", Format::Rdf(ExportFormat::Turtle)),
    ("application/n-triples", Format::Rdf(ExportFormat::NTriples)),
    ("application/ld+json", Format::Rdf(ExportFormat::JsonLd)),
    ("application/rdf+xml", Format::Rdf(ExportFormat::RdfXml)),
    ("text/plain", Format::Rdf(ExportFormat::NTriples)),
];

const DATASET_OFFERS: &[(&str, Format)] = &[
    ("application/trig", Format::Rdf(ExportFormat::TriG)),
    ("application/n-quads", Format::Rdf(ExportFormat::NQuads)),
    ("application/ld+json", Format::Rdf(ExportFormat::JsonLd)),
];

/// Picks the offer the `Accept` header prefers (highest q, then most specific match, then the
/// first offer); the first offer when there is no `Accept`. `format=` (a short name or a media
/// type) overrides the header, as many endpoints allow for links.
#[allow(clippy::result_large_err, reason = "a handler step refuses with the HTTP response itself, as axum handlers do; it is built once per request")]
fn negotiate(headers: &HeaderMap, format: Option<&str>, offers: &[(&str, Format)]) -> std::result::Result<Format, Response> {
    if let Some(name) = format {
        let name = name.trim().to_ascii_lowercase();
        let media = match name.as_str() {
            "json" | "srj" => "application/sparql-results+json",
            "xml" | "srx" => "application/sparql-results+xml",
            "csv" => "text/csv",
            "tsv" => "text/tab-separated-values",
            "turtle" | "ttl" => "text/turtle",
            "ntriples" | "nt" | "n-triples" => "application/n-triples",
            "jsonld" | "json-ld" => "application/ld+json",
            "rdfxml" | "rdf" => "application/rdf+xml",
            "trig" => "application/trig",
            "nquads" | "nq" | "n-quads" => "application/n-quads",
            other => other,
        };
        return offers
            .iter()
            .find(|(m, _)| *m == media)
            .map(|(_, f)| *f)
            .ok_or_else(|| not_acceptable(&format!("format={name}"), offers));
    }
    let Some(accept) = headers.get(header::ACCEPT).and_then(|a| a.to_str().ok()).filter(|a| !a.trim().is_empty()) else {
        return Ok(offers[0].1);
    };
    let mut best: Option<((u32, u8), usize)> = None;
    for range in accept.split(',') {
        let mut parts = range.split(';');
        let media = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
        let mut q = 1000u32;
        for param in parts {
            if let Some((key, value)) = param.split_once('=') {
                if key.trim().eq_ignore_ascii_case("q") {
                    q = value.trim().parse::<f32>().map_or(0, |v| (v.clamp(0.0, 1.0) * 1000.0) as u32);
                }
            }
        }
        if q == 0 {
            continue;
        }
        let (main, _) = media.split_once('/').unwrap_or((media.as_str(), ""));
        for (index, (offer, _)) in offers.iter().enumerate() {
            let specificity = if media == *offer {
                2
            } else if media == "*/*" || media == "*" {
                0
            } else if media.ends_with("/*") && offer.starts_with(&format!("{main}/")) {
                1
            } else {
                continue;
            };
            let score = (q, specificity);
            if best.is_none_or(|(s, i)| score > s || (score == s && index < i)) {
                best = Some((score, index));
            }
        }
    }
    best.map(|(_, index)| offers[index].1).ok_or_else(|| not_acceptable(accept, offers))
}

fn not_acceptable(asked: &str, offers: &[(&str, Format)]) -> Response {
    let available: Vec<&str> = offers.iter().map(|(m, _)| *m).collect();
    error(StatusCode::NOT_ACCEPTABLE, format!("cannot answer {asked}; available: {}", available.join(", ")))
}

/// Why a query or update produced no response body.
enum Failure {
    Syntax(String),
    Cancelled,
    ServiceRefused(String),
    Evaluation(String),
}

impl Failure {
    fn from_evaluation(error: QueryEvaluationError) -> Self {
        match error {
            QueryEvaluationError::Cancelled => Failure::Cancelled,
            QueryEvaluationError::UnsupportedService(name) => Failure::ServiceRefused(name.to_string()),
            other => Failure::Evaluation(other.to_string()),
        }
    }

    fn into_response(self, timeout: Option<Duration>) -> Response {
        match self {
            Failure::Syntax(message) => error(StatusCode::BAD_REQUEST, format!("invalid SPARQL: {message}")),
            Failure::Cancelled => timed_out(timeout),
            Failure::ServiceRefused(name) => error(
                StatusCode::FORBIDDEN,
                format!("SERVICE {name}: federated queries are disabled on this endpoint (start it with --allow-service)"),
            ),
            Failure::Evaluation(message) => error(StatusCode::INTERNAL_SERVER_ERROR, format!("query evaluation failed: {message}")),
        }
    }
}

fn timed_out(timeout: Option<Duration>) -> Response {
    let seconds = timeout.map_or(0.0, |t| t.as_secs_f64());
    error(StatusCode::SERVICE_UNAVAILABLE, format!("the query was cancelled after the time limit of {seconds} s (--timeout)"))
}

/// A finished, serialized answer.
struct Answer {
    body: Vec<u8>,
    format: Format,
    truncated: bool,
}

/// Runs `work` on a blocking thread, within the concurrency limit and the timeout; on timeout
/// the token cancels the evaluation and the client gets 503 at once.
///
/// Oxigraph checks the token whenever the evaluation reads the store; an evaluation that
/// computes in memory for long (an aggregate over a huge cross join) notices only when it next
/// reads. Such a runaway keeps its slot of `max_concurrent` until it ends, so at most that many
/// run at once, and is reported on standard error.
async fn bounded<T: Send + 'static>(
    state: &Shared,
    cancel: CancellationToken,
    work: impl FnOnce() -> std::result::Result<T, Failure> + Send + 'static,
) -> std::result::Result<T, Response> {
    let timeout = state.options.timeout;
    let deadline = timeout.map(|limit| tokio::time::Instant::now() + limit);
    let slots = state.options.max_concurrent;
    let acquire = state.permits.clone().acquire_owned();
    let permit = match deadline {
        Some(deadline) => match tokio::time::timeout_at(deadline, acquire).await {
            Ok(permit) => permit,
            Err(_) => {
                return Err(error(
                    StatusCode::SERVICE_UNAVAILABLE,
                    format!("the server is busy: its {slots} query slot(s) stayed taken for the whole time limit; try again later"),
                ))
            }
        },
        None => acquire.await,
    };
    let Ok(permit) = permit else {
        return Err(error(StatusCode::SERVICE_UNAVAILABLE, "the server is shutting down"));
    };
    let mut handle = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        work()
    });
    let joined = match deadline {
        Some(deadline) => match tokio::time::timeout_at(deadline, &mut handle).await {
            Ok(joined) => joined,
            Err(_) => {
                cancel.cancel();
                let grace = timeout.unwrap_or_default().max(Duration::from_secs(10));
                tokio::spawn(async move {
                    if tokio::time::timeout(grace, handle).await.is_err() {
                        eprintln!(
                            "warning: a cancelled query is still computing {} s after its time limit (Oxigraph notices \
                             cancellation only when it reads the store); it holds one of the {slots} query slot(s) until it ends",
                            grace.as_secs()
                        );
                    }
                });
                return Err(timed_out(timeout));
            }
        },
        None => handle.await,
    };
    joined
        .map_err(|e| Failure::Evaluation(format!("the query thread failed: {e}")))
        .and_then(|outcome| outcome)
        .map_err(|failure| failure.into_response(timeout))
}

#[allow(clippy::result_large_err, reason = "a handler step refuses with the HTTP response itself, as axum handlers do; it is built once per request")]
async fn run_query(state: &Shared, text: String, params: &Params, headers: &HeaderMap) -> Response {
    let query = match spargebra::SparqlParser::new().parse_query(&text) {
        Ok(query) => query,
        Err(e) => return Failure::Syntax(e.to_string()).into_response(None),
    };
    let offers = match query {
        Query::Select { .. } | Query::Ask { .. } => RESULTS_OFFERS,
        Query::Construct { .. } | Query::Describe { .. } => GRAPH_OFFERS,
    };
    let format = match params.one("format").and_then(|f| negotiate(headers, f, offers)) {
        Ok(format) => format,
        Err(response) => return response,
    };
    let mut default_graphs = Vec::new();
    for iri in params.all("default-graph-uri") {
        match NamedNode::new(iri) {
            Ok(graph) => default_graphs.push(GraphName::NamedNode(graph)),
            Err(e) => return error(StatusCode::BAD_REQUEST, format!("default-graph-uri {iri:?}: {e}")),
        }
    }
    let mut named_graphs = Vec::new();
    for iri in params.all("named-graph-uri") {
        match NamedNode::new(iri) {
            Ok(graph) => named_graphs.push(NamedOrBlankNode::NamedNode(graph)),
            Err(e) => return error(StatusCode::BAD_REQUEST, format!("named-graph-uri {iri:?}: {e}")),
        }
    }
    let has_from = query.dataset().is_some();
    let cancel = CancellationToken::new();
    let mut prepared = evaluator(state, &cancel).for_query(query);
    if !default_graphs.is_empty() || !named_graphs.is_empty() {
        if !default_graphs.is_empty() {
            prepared.dataset_mut().set_default_graph(default_graphs);
        }
        if !named_graphs.is_empty() {
            prepared.dataset_mut().set_available_named_graphs(named_graphs);
        }
    } else if state.options.union_default_graph && !has_from {
        prepared.dataset_mut().set_default_graph_as_union();
    }
    let store = state.store.clone();
    let max = state.options.max_results;
    let minter = state.options.minter.clone();
    let answer = bounded(state, cancel, move || {
        let results = prepared.on_store(store.oxigraph()).execute().map_err(Failure::from_evaluation)?;
        serialize(results, format, max, &minter)
    })
    .await;
    match answer {
        Err(response) => response,
        Ok(answer) => {
            let mut response =
                ([(header::CONTENT_TYPE, answer.format.content_type())], answer.body).into_response();
            if answer.truncated {
                let headers = response.headers_mut();
                headers.insert("x-sparql-maxrows", HeaderValue::from(max));
                headers.insert("x-newsgraph-truncated", HeaderValue::from_static("true"));
            }
            response
        }
    }
}

/// Serializes results, stopping after `max` rows or triples.
fn serialize(results: QueryResults<'static>, format: Format, max: usize, minter: &Minter) -> std::result::Result<Answer, Failure> {
    let write_error = |e: std::io::Error| Failure::Evaluation(format!("cannot write the results: {e}"));
    let mut truncated = false;
    let body = match (results, format) {
        (QueryResults::Boolean(value), Format::Results(f)) => {
            QueryResultsSerializer::from_format(f).serialize_boolean_to_writer(Vec::new(), value).map_err(write_error)?
        }
        (QueryResults::Solutions(solutions), Format::Results(f)) => {
            let variables = solutions.variables().to_vec();
            let mut serializer =
                QueryResultsSerializer::from_format(f).serialize_solutions_to_writer(Vec::new(), variables).map_err(write_error)?;
            for (rows, solution) in solutions.enumerate() {
                let solution = solution.map_err(Failure::from_evaluation)?;
                if rows == max {
                    truncated = true;
                    break;
                }
                serializer.serialize(&solution).map_err(write_error)?;
            }
            serializer.finish().map_err(write_error)?
        }
        (QueryResults::Graph(triples), Format::Rdf(f)) => {
            let mut quads = Vec::new();
            for triple in triples {
                let triple = triple.map_err(Failure::from_evaluation)?;
                if quads.len() == max {
                    truncated = true;
                    break;
                }
                quads.push(Ok(Quad::new(triple.subject, triple.predicate, triple.object, GraphName::DefaultGraph)));
            }
            Exporter::new(f)
                .with_data_prefixes(minter)
                .write_to(quads, Vec::new())
                .map_err(|e| Failure::Evaluation(e.to_string()))?
        }
        _ => return Err(Failure::Evaluation("this kind of query result cannot be written in the negotiated format".into())),
    };
    Ok(Answer { body, format, truncated })
}

async fn run_update(state: &Shared, text: String, params: &Params, headers: &HeaderMap) -> Response {
    if let Some(refusal) = update_refusal(state, headers) {
        return refusal;
    }
    if params.has("using-graph-uri") || params.has("using-named-graph-uri") {
        return error(StatusCode::BAD_REQUEST, "using-graph-uri and using-named-graph-uri are not supported; write USING in the update");
    }
    let update = match spargebra::SparqlParser::new().parse_update(&text) {
        Ok(update) => update,
        Err(e) => return Failure::Syntax(e.to_string()).into_response(None),
    };
    let loads = update.operations.iter().any(|o| matches!(o, spargebra::GraphUpdateOperation::Load { .. }));
    if loads && !state.options.allow_service {
        return error(StatusCode::FORBIDDEN, "LOAD fetches from the network: it is disabled on this endpoint (start it with --allow-service)");
    }
    let cancel = CancellationToken::new();
    let prepared = evaluator(state, &cancel).for_update(update);
    let store = state.store.clone();
    let cancelled = cancel.clone();
    let done = bounded(state, cancel, move || {
        prepared.on_store(store.oxigraph()).execute().map_err(|e| match e {
            oxigraph::sparql::UpdateEvaluationError::UnsupportedService(name) => Failure::ServiceRefused(name.to_string()),
            _ if cancelled.is_cancelled() => Failure::Cancelled,
            other => Failure::Evaluation(other.to_string()),
        })
    })
    .await;
    match done {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(response) => response,
    }
}

/// Writes into a channel, in chunks, for a streamed response body.
struct ChannelWriter {
    sender: tokio::sync::mpsc::Sender<std::io::Result<Bytes>>,
    buffer: Vec<u8>,
}

impl ChannelWriter {
    const CHUNK: usize = 64 * 1024;

    fn send(&mut self) -> std::io::Result<()> {
        if !self.buffer.is_empty() {
            let chunk = Bytes::from(std::mem::take(&mut self.buffer));
            self.sender
                .blocking_send(Ok(chunk))
                .map_err(|_| std::io::Error::new(std::io::ErrorKind::BrokenPipe, "the client went away"))?;
        }
        Ok(())
    }
}

impl Write for ChannelWriter {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.buffer.extend_from_slice(data);
        if self.buffer.len() >= Self::CHUNK {
            self.send()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.send()
    }
}

#[allow(clippy::result_large_err, reason = "a handler step refuses with the HTTP response itself, as axum handlers do; it is built once per request")]
async fn store_get(State(state): State<Shared>, uri: Uri, headers: HeaderMap) -> Response {
    let params = Params { pairs: form_pairs(uri.query().unwrap_or_default()) };
    let graph = match params.one("graph") {
        Ok(graph) => graph,
        Err(response) => return response,
    };
    let (target, offers) = match (graph, params.has("default")) {
        (Some(_), true) => return error(StatusCode::BAD_REQUEST, "give either graph=IRI or default, not both"),
        (Some(iri), false) => match NamedNode::new(iri) {
            Err(e) => return error(StatusCode::BAD_REQUEST, format!("graph {iri:?} is not an IRI: {e}")),
            Ok(graph) => match state.store.contains_graph(graph.as_ref()) {
                Ok(true) => (Some(GraphName::NamedNode(graph)), GRAPH_OFFERS),
                Ok(false) => return error(StatusCode::NOT_FOUND, format!("no graph <{graph}> in this store")),
                Err(e) => return error(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
            },
        },
        (None, true) => (Some(GraphName::DefaultGraph), GRAPH_OFFERS),
        (None, false) => (None, DATASET_OFFERS),
    };
    let format = match params.one("format").and_then(|f| negotiate(&headers, f, offers)) {
        Ok(Format::Rdf(format)) => format,
        Ok(Format::Results(_)) => return error(StatusCode::INTERNAL_SERVER_ERROR, "unexpected format"),
        Err(response) if target.is_none() && negotiate(&headers, None, GRAPH_OFFERS).is_ok() => {
            let _ = response;
            return error(
                StatusCode::NOT_ACCEPTABLE,
                "the whole dataset has named graphs: ask for application/trig, application/n-quads or application/ld+json, or pick one graph with ?graph=IRI",
            );
        }
        Err(response) => return response,
    };
    let (sender, mut receiver) = tokio::sync::mpsc::channel::<std::io::Result<Bytes>>(4);
    let store = state.store.clone();
    let minter = state.options.minter.clone();
    tokio::task::spawn_blocking(move || {
        let graph_ref: Option<GraphNameRef<'_>> = target.as_ref().map(GraphName::as_ref);
        let mut writer = ChannelWriter { sender: sender.clone(), buffer: Vec::new() };
        let written = Exporter::new(format).with_data_prefixes(&minter).write_to(store.quads(graph_ref), &mut writer);
        let finished = written.map_err(|e| std::io::Error::other(e.to_string())).and_then(|w| w.flush());
        if let Err(e) = finished {
            let _ = sender.blocking_send(Err(e));
        }
    });
    let stream = futures_util::stream::poll_fn(move |cx| receiver.poll_recv(cx));
    (
        [(header::CONTENT_TYPE, Format::Rdf(format).content_type())],
        Body::from_stream(stream),
    )
        .into_response()
}

/// `/resource?iri=…`: the resource's triples grouped by graph and predicate, what points at it,
/// with `rdfs:label`s for names.
async fn resource(State(state): State<Shared>, uri: Uri) -> Response {
    let params = Params { pairs: form_pairs(uri.query().unwrap_or_default()) };
    let iri = match params.one("iri") {
        Ok(Some(iri)) => iri.to_owned(),
        Ok(None) => return html(StatusCode::BAD_REQUEST, page(&state, "No resource", "<p>Give one: <code>/resource?iri=…</code></p>")),
        Err(response) => return response,
    };
    let node = match NamedNode::new(&iri) {
        Ok(node) => node,
        Err(e) => {
            let body = format!("<p class=\"error\">Not an IRI: <code>{}</code> ({})</p>", escape(&iri), escape(&e.to_string()));
            return html(StatusCode::BAD_REQUEST, page(&state, "Not an IRI", &body));
        }
    };
    let cancel = CancellationToken::new();
    let shared = state.clone();
    let rendered = bounded(&state, cancel, move || describe(&shared, node.as_ref()).map_err(|e| Failure::Evaluation(e.to_string()))).await;
    match rendered {
        Ok((status, title, body)) => html(status, page(&state, &title, &body)),
        Err(response) => response,
    }
}

fn page(_state: &AppState, title: &str, body: &str) -> String {
    RESOURCE_HTML.replace("{{title}}", &escape(title)).replace("{{body}}", body)
}

/// The HTML of a resource description: (status, title, body).
fn describe(state: &AppState, node: NamedNodeRef<'_>) -> Result<(StatusCode, String, String)> {
    let max = state.options.max_results;
    let store = state.store.oxigraph();
    let storage = |e: oxigraph::store::StorageError| Error::Store { path: state.store.path().map(Into::into), message: e.to_string() };
    let mut labels = Labels::new(state);
    let mut outgoing: BTreeMap<String, BTreeMap<String, Vec<Term>>> = BTreeMap::new();
    let mut shown = 0;
    let mut truncated = false;
    for quad in store.quads_for_pattern(Some(node.into()), None, None, None) {
        let quad = quad.map_err(storage)?;
        if shown == max {
            truncated = true;
            break;
        }
        shown += 1;
        let objects = outgoing.entry(quad.graph_name.to_string()).or_default().entry(quad.predicate.as_str().to_owned()).or_default();
        objects.push(quad.object);
    }
    let mut incoming: BTreeMap<String, BTreeMap<String, Vec<NamedOrBlankNode>>> = BTreeMap::new();
    for quad in store.quads_for_pattern(None, None, Some(node.into()), None) {
        let quad = quad.map_err(storage)?;
        if shown == max {
            truncated = true;
            break;
        }
        shown += 1;
        incoming.entry(quad.graph_name.to_string()).or_default().entry(quad.predicate.as_str().to_owned()).or_default().push(quad.subject);
    }
    let title = labels.get(node).unwrap_or_else(|| labels.compact(node.as_str()));
    let mut body = String::new();
    body.push_str(&format!("<p class=\"iri\"><code>{}</code>", escape(node.as_str())));
    if node.as_str().starts_with("http://") || node.as_str().starts_with("https://") {
        body.push_str(&format!(
            " <a class=\"external\" href=\"{}\" rel=\"noopener noreferrer nofollow\" title=\"open the IRI itself\">↗</a>",
            escape(node.as_str())
        ));
    }
    body.push_str("</p>\n");
    if outgoing.is_empty() && incoming.is_empty() {
        body.push_str("<p class=\"empty\">This store holds no triple about this resource.</p>\n");
        return Ok((StatusCode::NOT_FOUND, title, body));
    }
    for (graph, predicates) in &outgoing {
        body.push_str(&format!("<section class=\"graph\"><h2>{}</h2>\n<table class=\"triples\">\n", graph_heading(&mut labels, graph)));
        for (predicate, objects) in reading_order(predicates) {
            let predicate = NamedNodeRef::new_unchecked(predicate);
            let mut cells: Vec<String> = objects.iter().map(|o| term_html(&mut labels, o)).collect();
            cells.sort();
            body.push_str(&format!(
                "<tr><th>{}</th><td>{}</td></tr>\n",
                named_html(&mut labels, predicate),
                cells.join("<br>")
            ));
        }
        body.push_str("</table></section>\n");
    }
    if !incoming.is_empty() {
        body.push_str("<h2 class=\"incoming\">Referred to by</h2>\n");
        for (graph, predicates) in &incoming {
            body.push_str(&format!("<section class=\"graph\"><h3>{}</h3>\n<table class=\"triples\">\n", graph_heading(&mut labels, graph)));
            for (predicate, subjects) in reading_order(predicates) {
                let predicate = NamedNodeRef::new_unchecked(predicate);
                let mut cells: Vec<String> = subjects.iter().map(|s| term_html(&mut labels, &Term::from(s.clone()))).collect();
                cells.sort();
                body.push_str(&format!(
                    "<tr><td>{}</td><th>{}</th></tr>\n",
                    cells.join("<br>"),
                    named_html(&mut labels, predicate)
                ));
            }
            body.push_str("</table></section>\n");
        }
    }
    if truncated {
        body.push_str(&format!("<p class=\"truncated\">Only the first {max} triples are shown (--max-results).</p>\n"));
    }
    Ok((StatusCode::OK, title, body))
}

/// Predicates with `rdf:type` first, then `rdfs:label`, then by IRI.
fn reading_order<T>(predicates: &BTreeMap<String, T>) -> Vec<(&String, &T)> {
    let rank = |p: &str| match p {
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#type" => 0,
        "http://www.w3.org/2000/01/rdf-schema#label" => 1,
        _ => 2,
    };
    let mut ordered: Vec<(&String, &T)> = predicates.iter().collect();
    ordered.sort_by_key(|(p, _)| rank(p));
    ordered
}

fn graph_heading(labels: &mut Labels<'_>, graph: &str) -> String {
    if graph == "DEFAULT" || graph.is_empty() {
        return "default graph".into();
    }
    let iri = graph.trim_start_matches('<').trim_end_matches('>');
    format!("graph {}", named_html(labels, NamedNodeRef::new_unchecked(iri)))
}

/// Looks up (and remembers) `rdfs:label`s, preferring English or untagged ones.
struct Labels<'a> {
    state: &'a AppState,
    cache: std::collections::HashMap<String, Option<String>>,
}

impl<'a> Labels<'a> {
    fn new(state: &'a AppState) -> Self {
        Self { state, cache: std::collections::HashMap::new() }
    }

    fn get(&mut self, node: NamedNodeRef<'_>) -> Option<String> {
        if let Some(label) = self.cache.get(node.as_str()) {
            return label.clone();
        }
        let rdfs_label = NamedNodeRef::new_unchecked("http://www.w3.org/2000/01/rdf-schema#label");
        let mut best: Option<(u8, String)> = None;
        for quad in self.state.store.oxigraph().quads_for_pattern(Some(node.into()), Some(rdfs_label), None, None).take(20).flatten() {
            if let Term::Literal(literal) = &quad.object {
                let rank = match literal.language() {
                    None => 0,
                    Some(l) if l.starts_with("en") => 1,
                    Some(_) => 2,
                };
                if best.as_ref().is_none_or(|(r, v)| (rank, literal.value()) < (*r, v.as_str())) {
                    best = Some((rank, literal.value().to_owned()));
                }
            }
        }
        let label = best.map(|(_, v)| v);
        self.cache.insert(node.as_str().to_owned(), label.clone());
        label
    }

    fn compact(&self, iri: &str) -> String {
        self.state
            .prefixes
            .iter()
            .filter_map(|(name, namespace)| iri.strip_prefix(namespace.as_str()).map(|local| (namespace.len(), name, local)))
            .filter(|(_, _, local)| !local.is_empty() && !local.contains(['/', '#']))
            .max_by_key(|(len, _, _)| *len)
            .map_or_else(|| format!("<{iri}>"), |(_, name, local)| format!("{name}:{local}"))
    }
}

fn resource_link(iri: &str) -> String {
    format!("/resource?iri={}", url::form_urlencoded::byte_serialize(iri.as_bytes()).collect::<String>())
}

fn named_html(labels: &mut Labels<'_>, node: NamedNodeRef<'_>) -> String {
    let compact = labels.compact(node.as_str());
    match labels.get(node) {
        Some(label) => format!(
            "<a href=\"{}\" title=\"{}\">{}</a> <span class=\"compact\">{}</span>",
            escape(&resource_link(node.as_str())),
            escape(node.as_str()),
            escape(&label),
            escape(&compact)
        ),
        None => format!("<a href=\"{}\" title=\"{}\">{}</a>", escape(&resource_link(node.as_str())), escape(node.as_str()), escape(&compact)),
    }
}

fn term_html(labels: &mut Labels<'_>, term: &Term) -> String {
    match term {
        Term::NamedNode(node) => named_html(labels, node.as_ref()),
        Term::BlankNode(node) => format!("<span class=\"bnode\">{}</span>", escape(&node.to_string())),
        Term::Literal(literal) => {
            let mut out = format!("<span class=\"literal\">{}</span>", escape(literal.value()));
            if let Some(language) = literal.language() {
                out.push_str(&format!("<span class=\"lang\">@{}</span>", escape(language)));
            } else if literal.datatype().as_str() != "http://www.w3.org/2001/XMLSchema#string" {
                out.push_str(&format!("<span class=\"datatype\">^^{}</span>", escape(&labels.compact(literal.datatype().as_str()))));
            }
            out
        }
        #[allow(unreachable_patterns)]
        other => escape(&other.to_string()),
    }
}

/// Escapes text for HTML element content and quoted attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accept(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT, HeaderValue::from_str(value).unwrap());
        headers
    }

    fn pick(value: &str, offers: &[(&str, Format)]) -> Option<Format> {
        negotiate(&accept(value), None, offers).ok()
    }

    #[test]
    fn content_negotiation() {
        let json = Format::Results(QueryResultsFormat::Json);
        let csv = Format::Results(QueryResultsFormat::Csv);
        let xml = Format::Results(QueryResultsFormat::Xml);
        assert_eq!(negotiate(&HeaderMap::new(), None, RESULTS_OFFERS).ok(), Some(json));
        assert_eq!(pick("*/*", RESULTS_OFFERS), Some(json));
        assert_eq!(pick("text/csv", RESULTS_OFFERS), Some(csv));
        assert_eq!(pick("text/csv, */*", RESULTS_OFFERS), Some(csv));
        assert_eq!(pick("text/csv;q=0.5, application/sparql-results+xml", RESULTS_OFFERS), Some(xml));
        assert_eq!(pick("text/*", RESULTS_OFFERS), Some(Format::Results(QueryResultsFormat::Xml)));
        assert_eq!(pick("image/png", RESULTS_OFFERS), None);
        assert_eq!(pick("text/csv;q=0", RESULTS_OFFERS), None);
        assert_eq!(
            pick("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", GRAPH_OFFERS),
            Some(Format::Rdf(ExportFormat::Turtle)),
            "a browser gets Turtle, which it shows as text"
        );
        assert_eq!(negotiate(&HeaderMap::new(), Some("csv"), RESULTS_OFFERS).ok(), Some(csv));
        assert!(negotiate(&HeaderMap::new(), Some("turtle"), RESULTS_OFFERS).is_err());
    }

    #[test]
    fn hosts_on_loopback() {
        let host = |value: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::HOST, HeaderValue::from_str(value).unwrap());
            host_is_loopback(&headers)
        };
        assert!(host("localhost:7878"));
        assert!(host("127.0.0.1:7878"));
        assert!(host("[::1]:7878"));
        assert!(host("LOCALHOST"));
        assert!(!host("evil.example:7878"));
        assert!(!host("10.0.0.1"));
        assert!(host_is_loopback(&HeaderMap::new()));
    }

    #[test]
    fn html_escaping() {
        assert_eq!(escape("<a href=\"x\">'&'</a>"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    }

    #[test]
    fn every_example_query_is_embedded() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/queries");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "rq"))
            .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
            .collect();
        on_disk.sort();
        let embedded: Vec<String> = EXAMPLE_QUERIES.iter().map(|(n, _)| (*n).to_owned()).collect();
        assert_eq!(embedded, on_disk, "update EXAMPLE_QUERIES in src/serve.rs to match examples/queries/");
    }
}
