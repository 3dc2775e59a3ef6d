//! `newsgraph serve`: the SPARQL protocol, Graph Store reads, the security defaults, the query
//! page (also in headless Chromium). Each test starts its own server on a free loopback port
//! and kills it at the end; every request has a timeout.

use crate::{assert_exit, newsgraph_in, root, tool};
use reqwest::blocking::{Client, Response};
use reqwest::StatusCode;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

pub const PUTIN: &str = "https://w3id.org/newsgraph/data/entity/Vladimir_Putin";

/// A store directory holding the examples (ingested with the CLI).
pub fn examples_store_dir(dir: &Path) -> PathBuf {
    let store = dir.join("store");
    let facts = root().join("examples/facts");
    let output = newsgraph_in(dir, &["--store", store.to_str().unwrap(), "ingest", facts.to_str().unwrap()], None);
    assert_exit(&output, 0);
    store
}

/// A running `newsgraph serve`, killed when dropped.
pub struct Served {
    pub child: Child,
    /// `http://127.0.0.1:PORT`
    pub base: String,
    stderr: Option<std::thread::JoinHandle<String>>,
}

impl Served {
    /// Starts `newsgraph --store STORE serve --bind 127.0.0.1:0 ARGS…` and waits (at most 30 s)
    /// for the line that gives its address.
    pub fn start(store: &Path, args: &[&str], env: &[(&str, &str)]) -> Served {
        let mut command = Command::new(env!("CARGO_BIN_EXE_newsgraph"));
        command
            .args(["--store", store.to_str().unwrap(), "serve", "--bind", "127.0.0.1:0"])
            .args(args)
            .env_remove("NEWSGRAPH_STORE")
            .env_remove("NEWSGRAPH_TOKEN")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (key, value) in env {
            command.env(key, value);
        }
        let mut child = command.spawn().unwrap();
        let stdout = child.stdout.take().unwrap();
        let mut stderr = child.stderr.take().unwrap();
        let stderr = std::thread::spawn(move || {
            let mut text = String::new();
            let _ = stderr.read_to_string(&mut text);
            text
        });
        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            let mut line = String::new();
            let _ = reader.read_line(&mut line);
            let _ = sender.send(line);
            // Keep draining so the server never blocks on a full pipe.
            let _ = std::io::copy(&mut reader, &mut std::io::sink());
        });
        let mut served = Served { child, base: String::new(), stderr: Some(stderr) };
        let line = match receiver.recv_timeout(Duration::from_secs(30)) {
            Ok(line) => line,
            Err(_) => panic!("the server printed no address within 30 s; stderr:\n{}", served.stop()),
        };
        let Some(url) = line.split_whitespace().find(|w| w.starts_with("http://")) else {
            panic!("no URL in {line:?}; stderr:\n{}", served.stop());
        };
        served.base = url.trim_end_matches('/').to_owned();
        served
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Kills the server and returns what it wrote on standard error.
    pub fn stop(&mut self) -> String {
        let _ = self.child.kill();
        let _ = self.child.wait();
        self.stderr.take().map(|h| h.join().unwrap_or_default()).unwrap_or_default()
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        self.stop();
    }
}

pub fn client() -> Client {
    Client::builder().timeout(Duration::from_secs(30)).redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

fn get(served: &Served, path: &str, accept: Option<&str>) -> Response {
    let mut request = client().get(served.url(path));
    if let Some(accept) = accept {
        request = request.header("Accept", accept);
    }
    request.send().unwrap()
}

fn query_url(served: &Served, query: &str) -> String {
    format!("{}/sparql?query={}", served.base, url::form_urlencoded::byte_serialize(query.as_bytes()).collect::<String>())
}

fn content_type(response: &Response) -> String {
    response.headers().get("content-type").map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default()
}

const VISITED: &str = include_str!("../../examples/queries/01-who-visited-pyongyang.rq");

#[test]
fn protocol_get_and_post() {
    let dir = tempfile::tempdir().unwrap();
    let served = Served::start(&examples_store_dir(dir.path()), &[], &[]);
    let client = client();

    // GET ?query=
    let response = client.get(query_url(&served, VISITED)).send().unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(content_type(&response).starts_with("application/sparql-results+json"));
    let json: serde_json::Value = response.json().unwrap();
    assert_eq!(json["results"]["bindings"][0]["visitor"]["value"], "Vladimir Putin", "{json}");

    // POST form
    let response = client.post(served.url("/sparql")).form(&[("query", VISITED)]).send().unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.text().unwrap().contains("Vladimir Putin"));

    // POST application/sparql-query
    let response = client
        .post(served.url("/sparql"))
        .header("Content-Type", "application/sparql-query")
        .body("ASK { GRAPH ?g { ?s ?p ?o } }")
        .send()
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.json::<serde_json::Value>().unwrap()["boolean"], true);

    // Protocol dataset parameters: the default graph as one named graph.
    let graph = client
        .get(query_url(&served, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s a <https://w3id.org/newsgraph/ns#Visit> } } LIMIT 1"))
        .send()
        .unwrap()
        .json::<serde_json::Value>()
        .unwrap()["results"]["bindings"][0]["g"]["value"]
        .as_str()
        .unwrap()
        .to_owned();
    let response = client
        .get(served.url("/sparql"))
        .query(&[("query", "ASK { ?s a <https://w3id.org/newsgraph/ns#Visit> }"), ("default-graph-uri", &graph)])
        .send()
        .unwrap();
    assert_eq!(response.json::<serde_json::Value>().unwrap()["boolean"], true);
    let response = client.get(served.url("/sparql")).query(&[("query", "ASK { ?s ?p ?o }")]).send().unwrap();
    assert_eq!(response.json::<serde_json::Value>().unwrap()["boolean"], false, "the default graph is empty");

    // Mistakes get 4xx with a message.
    let response = client.get(query_url(&served, "SELEKT * WHERE {}")).send().unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert!(response.text().unwrap().contains("invalid SPARQL"));
    let response = client.get(served.url("/sparql")).send().unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let response = client.post(served.url("/sparql")).header("Content-Type", "text/plain").body("ASK {}").send().unwrap();
    assert_eq!(response.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let response = client.get(served.url("/sparql")).query(&[("query", "ASK {}"), ("query", "ASK {}")]).send().unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
}

#[test]
fn content_negotiation() {
    let dir = tempfile::tempdir().unwrap();
    let served = Served::start(&examples_store_dir(dir.path()), &[], &[]);
    let select = query_url(&served, VISITED);
    let fetch = |url: &str, accept: Option<&str>| {
        let mut request = client().get(url);
        if let Some(accept) = accept {
            request = request.header("Accept", accept);
        }
        let response = request.send().unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{url} {accept:?}");
        let content_type = content_type(&response);
        (content_type, response.text().unwrap())
    };
    let (ct, body) = fetch(&select, None);
    assert!(ct.starts_with("application/sparql-results+json"), "{ct}");
    assert!(serde_json::from_str::<serde_json::Value>(&body).is_ok());
    let (ct, body) = fetch(&select, Some("application/sparql-results+xml"));
    assert!(ct.starts_with("application/sparql-results+xml"), "{ct}");
    assert!(body.contains("<literal>Vladimir Putin</literal>"), "{body}");
    let (ct, body) = fetch(&select, Some("text/csv"));
    assert!(ct.starts_with("text/csv"), "{ct}");
    assert!(body.starts_with("visitor,start,end\r\n") && body.contains("Vladimir Putin,2024-06-18,2024-06-19"), "{body}");
    let (ct, body) = fetch(&select, Some("text/tab-separated-values"));
    assert!(ct.starts_with("text/tab-separated-values"), "{ct}");
    assert!(body.starts_with("?visitor\t?start\t?end\n") && body.contains("\"Vladimir Putin\""), "{body}");
    let (ct, _) = fetch(&select, Some("text/csv;q=0.5, application/sparql-results+xml;q=0.9"));
    assert!(ct.starts_with("application/sparql-results+xml"), "{ct}");
    let (ct, _) = fetch(&format!("{select}&format=tsv"), Some("text/csv"));
    assert!(ct.starts_with("text/tab-separated-values"), "format= wins over Accept: {ct}");

    let construct = query_url(
        &served,
        &format!("CONSTRUCT {{ <{PUTIN}> ?p ?o }} WHERE {{ GRAPH ?g {{ <{PUTIN}> ?p ?o }} }}"),
    );
    let (ct, body) = fetch(&construct, None);
    assert!(ct.starts_with("text/turtle"), "{ct}");
    assert!(body.contains("entity:Vladimir_Putin") && body.contains("\"Vladimir Putin\""), "{body}");
    let (ct, body) = fetch(&construct, Some("application/n-triples"));
    assert!(ct.starts_with("application/n-triples"), "{ct}");
    assert!(body.lines().all(|l| l.starts_with(&format!("<{PUTIN}>"))), "{body}");
    let (ct, body) = fetch(&construct, Some("application/ld+json"));
    assert!(ct.starts_with("application/ld+json"), "{ct}");
    assert!(serde_json::from_str::<serde_json::Value>(&body).is_ok(), "{body}");

    let response = get(&served, &select.replacen(&served.base, "", 1), Some("image/png"));
    assert_eq!(response.status(), StatusCode::NOT_ACCEPTABLE);
    assert!(response.text().unwrap().contains("application/sparql-results+json"));
}

#[test]
fn graph_store_reads() {
    let dir = tempfile::tempdir().unwrap();
    let store_dir = examples_store_dir(dir.path());
    let expected = crate::examples_store();
    let served = Served::start(&store_dir, &[], &[]);
    let parse = |body: &str, format: oxigraph::io::RdfFormat| -> Vec<oxigraph::model::Quad> {
        oxigraph::io::RdfParser::from_format(format).for_slice(body.as_bytes()).collect::<Result<Vec<_>, _>>().unwrap()
    };

    // The whole dataset: TriG by default, N-Quads on request.
    let response = get(&served, "/store", None);
    assert_eq!(response.status(), StatusCode::OK);
    assert!(content_type(&response).starts_with("application/trig"));
    crate::assert_isomorphic(crate::all_quads(&expected), parse(&response.text().unwrap(), oxigraph::io::RdfFormat::TriG));
    let response = get(&served, "/store", Some("application/n-quads"));
    assert!(content_type(&response).starts_with("application/n-quads"));
    crate::assert_isomorphic(crate::all_quads(&expected), parse(&response.text().unwrap(), oxigraph::io::RdfFormat::NQuads));
    assert_eq!(get(&served, "/store", Some("text/turtle")).status(), StatusCode::NOT_ACCEPTABLE);

    // One graph: Turtle by default.
    let graph = expected.graphs().unwrap().into_iter().next().unwrap();
    let iri = graph.trim_start_matches('<').trim_end_matches('>');
    let path = format!("/store?graph={}", url::form_urlencoded::byte_serialize(iri.as_bytes()).collect::<String>());
    let response = get(&served, &path, None);
    assert_eq!(response.status(), StatusCode::OK);
    assert!(content_type(&response).starts_with("text/turtle"));
    let got: Vec<_> = parse(&response.text().unwrap(), oxigraph::io::RdfFormat::Turtle)
        .into_iter()
        .map(|q| oxigraph::model::Quad::new(q.subject, q.predicate, q.object, oxigraph::model::NamedNode::new(iri).unwrap()))
        .collect();
    let wanted = expected
        .quads(Some(oxigraph::model::NamedNodeRef::new(iri).unwrap().into()))
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    crate::assert_isomorphic(wanted, got);
    let response = get(&served, &path, Some("application/n-triples"));
    assert!(content_type(&response).starts_with("application/n-triples"));

    // The default graph is empty; unknown graphs are 404; writes are refused.
    let response = get(&served, "/store?default", None);
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.text().unwrap().trim(), "");
    assert_eq!(get(&served, "/store?graph=http%3A%2F%2Fexample.com%2Fnothing", None).status(), StatusCode::NOT_FOUND);
    assert_eq!(get(&served, "/store?graph=not%20an%20iri", None).status(), StatusCode::BAD_REQUEST);
    let response = client()
        .put(served.url(&path))
        .header("Content-Type", "application/n-triples")
        .body("<http://a> <http://b> <http://c> .\n")
        .send()
        .unwrap();
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert!(response.text().unwrap().contains("read-only"));
}

#[test]
fn read_only_by_default() {
    let dir = tempfile::tempdir().unwrap();
    let served = Served::start(&examples_store_dir(dir.path()), &[], &[]);
    let insert = "INSERT DATA { GRAPH <http://example.com/g> { <http://example.com/s> <http://example.com/p> 1 } }";
    let response = client()
        .post(served.url("/update"))
        .header("Content-Type", "application/sparql-update")
        .header("Authorization", "Bearer anything")
        .body(insert)
        .send()
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert!(response.text().unwrap().contains("read-only"));
    let response = client().post(served.url("/sparql")).form(&[("update", insert)]).send().unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(get(&served, "/update", None).status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(get(&served, "/sparql?update=CLEAR%20ALL", None).status(), StatusCode::METHOD_NOT_ALLOWED);
    let response = client().get(query_url(&served, "ASK { GRAPH <http://example.com/g> { ?s ?p ?o } }")).send().unwrap();
    assert_eq!(response.json::<serde_json::Value>().unwrap()["boolean"], false);
}

#[test]
fn updates_need_the_token() {
    let dir = tempfile::tempdir().unwrap();
    let store = examples_store_dir(dir.path());

    // --allow-update without a token does not start.
    let output = newsgraph_in(dir.path(), &["--store", store.to_str().unwrap(), "serve", "--bind", "127.0.0.1:0", "--allow-update"], None);
    assert_exit(&output, 2);
    assert!(crate::stderr(&output).contains("token"));

    let token = "s3cret-token-for-the-test";
    let served = Served::start(&store, &["--allow-update"], &[("NEWSGRAPH_TOKEN", token)]);
    let insert = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        INSERT DATA { GRAPH <http://example.com/g> { <http://example.com/s> rdfs:label \"<b>bold</b> & more\" } }";
    let send = |authorization: Option<&str>| {
        let mut request = client().post(served.url("/update")).header("Content-Type", "application/sparql-update").body(insert);
        if let Some(value) = authorization {
            request = request.header("Authorization", value);
        }
        request.send().unwrap()
    };
    let response = send(None);
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert!(response.headers().get("www-authenticate").unwrap().to_str().unwrap().starts_with("Bearer"));
    assert_eq!(send(Some("Bearer wrong")).status(), StatusCode::UNAUTHORIZED);
    assert_eq!(send(Some(&format!("Bearer {token}x"))).status(), StatusCode::UNAUTHORIZED);
    assert_eq!(send(Some(&format!("Basic {token}"))).status(), StatusCode::UNAUTHORIZED);
    let ask = query_url(&served, "ASK { GRAPH <http://example.com/g> { ?s ?p ?o } }");
    assert_eq!(client().get(&ask).send().unwrap().json::<serde_json::Value>().unwrap()["boolean"], false);

    assert_eq!(send(Some(&format!("Bearer {token}"))).status(), StatusCode::NO_CONTENT);
    assert_eq!(client().get(&ask).send().unwrap().json::<serde_json::Value>().unwrap()["boolean"], true);
    // Also as a form on /sparql.
    let response = client()
        .post(served.url("/sparql"))
        .bearer_auth(token)
        .form(&[("update", "DELETE DATA { GRAPH <http://example.com/g> { <http://example.com/s> <http://example.com/p> 1 } }")])
        .send()
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);

    // The resource page escapes what the data holds.
    let response = get(&served, "/resource?iri=http%3A%2F%2Fexample.com%2Fs", None);
    assert_eq!(response.status(), StatusCode::OK);
    let page = response.text().unwrap();
    assert!(page.contains("&lt;b&gt;bold&lt;/b&gt; &amp; more") && !page.contains("<b>bold"), "{page}");

    // LOAD would fetch from the network: refused without --allow-service.
    let response = client()
        .post(served.url("/update"))
        .bearer_auth(token)
        .header("Content-Type", "application/sparql-update")
        .body("LOAD <http://127.0.0.1:1/data.ttl>")
        .send()
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
}

#[test]
fn long_queries_time_out() {
    let dir = tempfile::tempdir().unwrap();
    let served = Served::start(&examples_store_dir(dir.path()), &["--timeout", "1"], &[]);
    let cross_join = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?a { ?s1 ?p1 ?o1 } GRAPH ?b { ?s2 ?p2 ?o2 } GRAPH ?c { ?s3 ?p3 ?o3 } GRAPH ?d { ?s4 ?p4 ?o4 } }";
    let started = Instant::now();
    let response = client().get(query_url(&served, cross_join)).send().unwrap();
    let elapsed = started.elapsed();
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(response.text().unwrap().contains("time limit"));
    assert!(elapsed < Duration::from_secs(10), "answered after {elapsed:?}");
    // The server still answers.
    let response = client().get(query_url(&served, "ASK {}")).send().unwrap();
    assert_eq!(response.status(), StatusCode::OK);
}

#[test]
fn results_are_cut_at_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let served = Served::start(&examples_store_dir(dir.path()), &["--max-results", "3"], &[]);
    let response = client().get(query_url(&served, "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }")).send().unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers().get("x-sparql-maxrows").unwrap(), "3");
    let json: serde_json::Value = response.json().unwrap();
    assert_eq!(json["results"]["bindings"].as_array().unwrap().len(), 3);
    let response = client()
        .get(query_url(&served, "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"))
        .header("Accept", "application/n-triples")
        .send()
        .unwrap();
    assert_eq!(response.headers().get("x-sparql-maxrows").unwrap(), "3");
    assert_eq!(response.text().unwrap().lines().count(), 3);
    // Small results are not marked.
    let response = client().get(query_url(&served, "SELECT * WHERE { VALUES ?x { 1 2 3 } }")).send().unwrap();
    assert!(response.headers().get("x-sparql-maxrows").is_none());
}

#[test]
fn service_is_refused_unless_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let store = examples_store_dir(dir.path());
    let served = Served::start(&store, &[], &[]);
    let federated = |target: &str| format!("SELECT * WHERE {{ SERVICE <{target}/sparql> {{ ?s ?p ?o }} }} LIMIT 1");
    let response = client().get(query_url(&served, &federated(&served.base))).send().unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert!(response.text().unwrap().contains("--allow-service"));
    drop(served);

    // Allowed: the server may call itself (loopback only).
    let served = Served::start(&store, &["--allow-service", "--union-default-graph"], &[]);
    let response = client().get(query_url(&served, &federated(&served.base))).send().unwrap();
    assert_eq!(response.status(), StatusCode::OK, "{}", response.text().unwrap_or_default());
    let json: serde_json::Value = response.json().unwrap();
    assert_eq!(json["results"]["bindings"].as_array().unwrap().len(), 1, "{json}");
}

#[test]
fn request_bodies_are_limited() {
    let dir = tempfile::tempdir().unwrap();
    let served = Served::start(&examples_store_dir(dir.path()), &["--max-body", "2000"], &[]);
    let big = format!("ASK {{}} # {}", "x".repeat(5000));
    let response = client().post(served.url("/sparql")).header("Content-Type", "application/sparql-query").body(big.clone()).send().unwrap();
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert!(response.text().unwrap().contains("2000 bytes"));
    let response = client().post(served.url("/sparql")).form(&[("query", big.as_str())]).send().unwrap();
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let response = client().get(query_url(&served, &big)).send().unwrap();
    assert_eq!(response.status(), StatusCode::URI_TOO_LONG);
    let response = client().post(served.url("/sparql")).header("Content-Type", "application/sparql-query").body("ASK {}").send().unwrap();
    assert_eq!(response.status(), StatusCode::OK);
}

/// Reads one HTTP/1.1 response (status, lower-cased head, body) from a kept-alive connection.
fn read_response(stream: &mut std::net::TcpStream) -> (u16, String, String) {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        match stream.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            other => panic!("the connection ended inside a response head ({other:?}) after {:?}", String::from_utf8_lossy(&head)),
        }
    }
    let head = String::from_utf8(head).unwrap().to_ascii_lowercase();
    let status = head.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let length: usize = head
        .lines()
        .find_map(|line| line.strip_prefix("content-length:"))
        .map_or(0, |n| n.trim().parse().unwrap());
    let mut body = vec![0; length];
    stream.read_exact(&mut body).unwrap();
    (status, head, String::from_utf8_lossy(&body).into_owned())
}

/// Issue 6 (the CI flake of `push_into_newsgraph_serve`): a write refused by the read-only
/// `/store` used to be answered before its body arrived, and hyper closed the connection: the
/// client, still sending or reusing the pooled connection, got "connection closed before
/// message completed". The refusal now reads the body, so the connection carries the next
/// request; a body over `--max-body` is refused with `Connection: close`.
#[test]
fn issue_6_a_refused_write_reads_its_body_and_keeps_the_connection() {
    let dir = tempfile::tempdir().unwrap();
    let served = Served::start(&examples_store_dir(dir.path()), &["--max-body", "100000"], &[]);
    let address = served.base.trim_start_matches("http://").to_owned();
    let body = "<http://example.org/s> <http://example.org/p> \"o\" .\n".repeat(1000);
    for path in ["/store?default", "/sparql", "/update", "/no-such-path"] {
        let mut stream = std::net::TcpStream::connect(&address).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let method = if path == "/update" { "PUT" } else { "DELETE" };
        let method = if path.starts_with("/store") { "PUT" } else { method };
        write!(stream, "{method} {path} HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/n-triples\r\nContent-Length: {}\r\n\r\n", body.len())
            .unwrap();
        // Half the body, a pause (the old server answered and closed here), then the rest.
        stream.write_all(&body.as_bytes()[..body.len() / 2]).unwrap();
        std::thread::sleep(Duration::from_millis(300));
        stream.write_all(&body.as_bytes()[body.len() / 2..]).unwrap();
        let (status, head, _) = read_response(&mut stream);
        assert!(status == 405 || status == 404, "{method} {path}: {status}\n{head}");
        assert!(!head.contains("connection: close"), "{method} {path}: {head}");
        // The same connection answers the next request.
        write!(stream, "GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: {address}\r\nAccept: application/sparql-results+json\r\n\r\n").unwrap();
        let (status, _, answer) = read_response(&mut stream);
        assert_eq!(status, 200, "after {method} {path}: {answer}");
        assert!(answer.contains("true"), "{answer}");
    }
    // Declared over the limit: refused before any of it is read, and the server says it closes.
    let mut stream = std::net::TcpStream::connect(&address).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(stream, "PUT /store?default HTTP/1.1\r\nHost: {address}\r\nContent-Length: 300000\r\n\r\n").unwrap();
    let (status, head, _) = read_response(&mut stream);
    assert_eq!(status, 405, "{head}");
    assert!(head.contains("connection: close"), "{head}");
}

/// Sends one raw HTTP/1.1 request (paths exactly as written, not normalized by a client).
fn raw_get(served: &Served, path: &str, host: &str) -> (u16, String) {
    let address = served.base.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").unwrap();
    let mut response = String::new();
    let _ = stream.read_to_string(&mut response);
    let status = response.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, response)
}

#[test]
fn no_directory_traversal() {
    let dir = tempfile::tempdir().unwrap();
    let served = Served::start(&examples_store_dir(dir.path()), &[], &[]);
    let host = served.base.trim_start_matches("http://").to_owned();
    for path in [
        "/../Cargo.toml",
        "/assets/../Cargo.toml",
        "/assets/..%2f..%2fCargo.toml",
        "/assets/%2e%2e/%2e%2e/Cargo.toml",
        "/assets/..\\..\\Cargo.toml",
        "/Cargo.toml",
        "/src/serve.rs",
        "/assets/index.html/../../Cargo.toml",
        "/resource/../Cargo.toml",
    ] {
        let (status, response) = raw_get(&served, path, &host);
        assert!(status == 404 || status == 400, "{path}: {status}\n{response}");
        assert!(!response.contains("[package]") && !response.contains("fn "), "{path} leaked a file:\n{response}");
    }
    let (status, response) = raw_get(&served, "/assets/app.js", &host);
    assert_eq!(status, 200);
    assert!(response.contains("text/javascript"));
}

#[test]
fn bound_to_loopback_by_default() {
    // The default address is loopback…
    let output = crate::newsgraph(&["serve", "--help"]);
    assert!(crate::stdout(&output).contains("[default: 127.0.0.1:7878]"), "{}", crate::stdout(&output));
    // …and so is a bare port.
    let dir = tempfile::tempdir().unwrap();
    let store = examples_store_dir(dir.path());
    let mut command = Command::new(env!("CARGO_BIN_EXE_newsgraph"));
    command
        .args(["--store", store.to_str().unwrap(), "serve", "--bind", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    let mut child = command.spawn().unwrap();
    let mut line = String::new();
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = reader.read_line(&mut line);
        let _ = sender.send(line);
    });
    let line = receiver.recv_timeout(Duration::from_secs(30)).unwrap_or_default();
    let _ = child.kill();
    let _ = child.wait();
    assert!(line.contains("http://127.0.0.1:"), "{line}");

    // Requests naming another host are refused (DNS rebinding).
    let served = Served::start(&store, &[], &[]);
    let (status, _) = raw_get(&served, "/sparql?query=ASK%7B%7D", "evil.example:80");
    assert_eq!(status, 421);
    let (status, _) = raw_get(&served, "/sparql?query=ASK%7B%7D", "localhost");
    assert_eq!(status, 200);
}

#[test]
fn cors_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let store = examples_store_dir(dir.path());
    let served = Served::start(&store, &[], &[]);
    let response = client().get(query_url(&served, "ASK {}")).header("Origin", "http://localhost:9999").send().unwrap();
    assert!(response.headers().get("access-control-allow-origin").is_none());
    drop(served);
    let served = Served::start(&store, &["--cors"], &[]);
    let response = client().get(query_url(&served, "ASK {}")).header("Origin", "http://localhost:9999").send().unwrap();
    assert_eq!(response.headers().get("access-control-allow-origin").unwrap(), "*");
    let response = client()
        .request(reqwest::Method::OPTIONS, served.url("/sparql"))
        .header("Origin", "http://localhost:9999")
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "content-type")
        .send()
        .unwrap();
    assert!(response.status().is_success());
    assert_eq!(response.headers().get("access-control-allow-origin").unwrap(), "*");
}

#[test]
fn query_page_and_resource_page() {
    let dir = tempfile::tempdir().unwrap();
    let served = Served::start(&examples_store_dir(dir.path()), &[], &[]);
    let response = get(&served, "/", Some("text/html"));
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers().get("content-security-policy").is_some());
    assert!(response.text().unwrap().contains("<textarea id=\"query\""));
    let config: serde_json::Value = get(&served, "/assets/config.json", None).json().unwrap();
    let examples = config["examples"].as_array().unwrap();
    assert_eq!(examples.len(), newsgraph::EXAMPLE_QUERIES.len());
    assert_eq!(examples[0]["title"], "Who visited Pyongyang, and when?");
    assert!(config["prefixes"].as_array().unwrap().iter().any(|p| p[0] == "entity"));
    assert!(content_type(&get(&served, "/assets/style.css", None)).starts_with("text/css"));
    // A browser asking /sparql without a query lands on the page.
    assert_eq!(get(&served, "/sparql", Some("text/html")).status(), StatusCode::SEE_OTHER);

    let response = get(&served, &format!("/resource?iri={}", url::form_urlencoded::byte_serialize(PUTIN.as_bytes()).collect::<String>()), None);
    assert_eq!(response.status(), StatusCode::OK);
    let page = response.text().unwrap();
    assert!(page.contains("<title>Vladimir Putin — newsgraph</title>"), "{page}");
    assert!(page.contains("graph <a href=\"/resource?iri="), "triples are grouped by graph: {page}");
    assert!(page.contains("Referred to by"), "{page}");
    assert!(page.contains("http://www.wikidata.org/entity/Q7747"), "{page}");
    assert_eq!(get(&served, "/resource?iri=http%3A%2F%2Fexample.com%2Fnothing", None).status(), StatusCode::NOT_FOUND);
    assert_eq!(get(&served, "/resource?iri=%3Cnot%20an%20iri%3E", None).status(), StatusCode::BAD_REQUEST);
}

#[test]
fn stops_cleanly_on_interrupt() {
    let dir = tempfile::tempdir().unwrap();
    let mut served = Served::start(&examples_store_dir(dir.path()), &[], &[]);
    let pid = served.child.id().to_string();
    assert!(Command::new("kill").args(["-INT", &pid]).status().unwrap().success());
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = served.child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "the server did not stop within 20 s of SIGINT");
        std::thread::sleep(Duration::from_millis(100));
    };
    assert_eq!(status.code(), Some(0));
    assert!(served.stop().contains("stopped"));
}

/// The query page in headless Chromium: it runs a query given in the URL and shows the table.
#[test]
fn query_page_in_chromium() {
    let Some(chromium) = tool("chromium") else { return };
    let dir = tempfile::tempdir().unwrap();
    let served = Served::start(&examples_store_dir(dir.path()), &[], &[]);
    let profile = dir.path().join("chromium-profile");
    let url = format!(
        "{}/?query={}&run=1",
        served.base,
        url::form_urlencoded::byte_serialize(VISITED.as_bytes()).collect::<String>()
    );
    let dom = chromium_dump_dom(&chromium, &profile, &url);
    let table_start = dom.find("<table id=\"results-table\"").unwrap_or_else(|| panic!("no results table in:\n{dom}"));
    let table = &dom[table_start..];
    assert!(table.contains("Vladimir Putin"), "{table}");
    assert!(table.contains("2024-06-18"), "{table}");
    assert!(dom.contains("Who visited Pyongyang, and when?"), "the example list is shown");
    assert!(dom.contains("1 row in"), "{dom}");

    // IRIs in results link to the resource page.
    let url = format!(
        "{}/?query={}&run=1",
        served.base,
        url::form_urlencoded::byte_serialize(format!("SELECT ?who WHERE {{ VALUES ?who {{ <{PUTIN}> }} }}").as_bytes()).collect::<String>()
    );
    let dom = chromium_dump_dom(&chromium, &profile, &url);
    assert!(dom.contains("href=\"/resource?iri=https%3A%2F%2Fw3id.org%2Fnewsgraph%2Fdata%2Fentity%2FVladimir_Putin\""), "{dom}");
    assert!(dom.contains(">entity:Vladimir_Putin<"), "{dom}");
}

/// Loads `url` in headless Chromium and returns the DOM once the page settled (at most 60 s).
fn chromium_dump_dom(chromium: &Path, profile: &Path, url: &str) -> String {
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--disable-default-apps",
            "--no-first-run",
            "--no-default-browser-check",
            "--metrics-recording-only",
            "--virtual-time-budget=15000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--dump-dom")
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stdout.read_to_string(&mut text);
        text
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish within 60 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    reader.join().unwrap()
}
