//! Helpers shared by the server, push and client tests: a store loaded with a small fixture in
//! the shape newskg writes, a server on a free loopback port, a tiny HTTP client, graph
//! comparison with sophia (an independent parser), and the policy for tests that need an
//! external service. The helpers of every test binary (`tests/support/`) come along.
#![allow(dead_code, reason = "each test binary uses a different subset")]

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use newskg::server::{self, RequestLog, ServerConfig};
use oxhttp::model::{Body, Method, Request};
use oxigraph::io::RdfFormat;
use oxigraph::store::Store;
use sophia::api::prelude::*;
use sophia::api::term::SimpleTerm;

#[path = "../support/mod.rs"]
mod support;
pub use support::*;

/// The fixture: an entities graph and two article graphs.
pub const FIXTURE: &str = include_str!("news.trig");
pub const ID: &str = "https://w3id.org/newskg/id/";
pub const ENTITIES: &str = "https://w3id.org/newskg/id/graph/entities";
pub const ARTICLE: &str = "https://w3id.org/newskg/id/article/baltic-visit";
pub const ARTICLE2: &str = "https://w3id.org/newskg/id/article/harbour-dispute";
/// The named graphs of the fixture.
pub const FIXTURE_GRAPHS: [&str; 3] = [ENTITIES, ARTICLE, ARTICLE2];

/// An in-memory store holding the fixture.
pub fn fixture_store() -> TestResult<Store> {
    let store = Store::new()?;
    store.load_from_slice(RdfFormat::TriG, FIXTURE.as_bytes())?;
    Ok(store)
}

/// A running in-process server and the requests it logged.
pub struct TestServer {
    pub url: String,
    pub logs: Arc<Mutex<Vec<RequestLog>>>,
}

impl TestServer {
    /// The URL of `GET /query` asking `query`.
    pub fn query_url(&self, query: &str) -> String {
        format!("{}/query?query={}", self.url, enc(query))
    }
}

/// Serves `store` on a free loopback port.
pub fn serve(store: Store, config: ServerConfig) -> TestResult<TestServer> {
    let logs = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&logs);
    let config = ServerConfig {
        bind: "127.0.0.1:0".parse()?,
        ..config
    };
    let running = server::start(store, config, move |log| {
        if let Ok(mut logs) = sink.lock() {
            logs.push(log.clone());
        }
    })?;
    let url = format!("http://{}", running.addr());
    // The server threads live until the test process ends.
    std::mem::forget(running);
    Ok(TestServer { url, logs })
}

/// A response: status, headers (lower-case names), body.
pub struct Reply {
    pub status: u16,
    pub headers: BTreeMap<String, String>,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> &str {
        self.headers.get(name).map_or("", String::as_str)
    }
}

/// One HTTP request.
pub fn request(
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> TestResult<Reply> {
    let client = oxhttp::Client::new().with_global_timeout(Duration::from_secs(60));
    let mut builder = Request::builder()
        .method(Method::from_bytes(method.as_bytes())?)
        .uri(url);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    let response = client.request(builder.body(Body::from(body.to_vec()))?)?;
    let status = response.status().as_u16();
    let headers = response
        .headers()
        .iter()
        .map(|(k, v)| (k.as_str().to_owned(), v.to_str().unwrap_or("").to_owned()))
        .collect();
    let mut text = String::new();
    response.into_body().read_to_string(&mut text)?;
    Ok(Reply {
        status,
        headers,
        body: text,
    })
}

/// A GET that does not follow redirects (the client of [`request`] refuses them): status and
/// `Location`.
pub fn get_no_redirect(url: &str) -> TestResult<(u16, String)> {
    use std::io::Write;
    let rest = url.strip_prefix("http://").ok_or("http URL expected")?;
    let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let mut stream = std::net::TcpStream::connect(host)?;
    stream.set_read_timeout(Some(Duration::from_secs(60)))?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )?;
    let mut response = String::new();
    stream.read_to_string(&mut response)?;
    let status = response
        .split_whitespace()
        .nth(1)
        .ok_or("no status")?
        .parse()?;
    let location = response
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .starts_with("location:")
                .then(|| l[9..].trim().to_owned())
        })
        .unwrap_or_default();
    Ok((status, location))
}

pub fn get(url: &str, accept: &str) -> TestResult<Reply> {
    request("GET", url, &[("Accept", accept)], b"")
}

/// Percent-encodes a query-string value.
pub fn enc(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

pub type SGraph = Vec<[SimpleTerm<'static>; 3]>;

/// Parses a graph with sophia (turtle, ntriples or jsonld).
pub fn sophia_graph(text: &str, format: &str) -> TestResult<SGraph> {
    Ok(match format {
        "turtle" => sophia::turtle::parser::turtle::parse_str(text).collect_triples()?,
        "ntriples" => sophia::turtle::parser::nt::parse_str(text).collect_triples()?,
        "jsonld" => {
            let quads: Vec<sophia::api::quad::Spog<SimpleTerm<'static>>> =
                sophia::jsonld::JsonLdParser::new()
                    .parse_str(text)
                    .collect_quads()?;
            quads.into_iter().map(|(spo, _)| spo).collect()
        }
        other => return Err(format!("unknown format {other}").into()),
    })
}

/// The triples of one graph of an Oxigraph store, as a sophia graph.
pub fn store_graph(store: &Store, graph: &str) -> TestResult<SGraph> {
    let node = oxigraph::model::NamedNode::new(graph)?;
    let mut nt = String::new();
    for quad in store.quads_for_pattern(None, None, None, Some(node.as_ref().into())) {
        let quad = quad?;
        nt.push_str(&format!(
            "{} {} {} .\n",
            quad.subject, quad.predicate, quad.object
        ));
    }
    sophia_graph(&nt, "ntriples")
}

pub fn isomorphic(a: &SGraph, b: &SGraph) -> TestResult<bool> {
    Ok(sophia::isomorphism::isomorphic_graphs(a, b)?)
}

/// The value of `var`, or a skip/fail decision: a test needing an external service fails when
/// the service is missing and CI=true, and is skipped with a printed note otherwise.
pub fn service(var: &str, what: &str) -> TestResult<Option<String>> {
    match std::env::var(var) {
        Ok(value) if !value.is_empty() => Ok(Some(value)),
        _ if std::env::var("CI").is_ok_and(|v| v == "true") => Err(format!(
            "{what} is missing ({var} unset): run `eval \"$(bash .ci/services.sh)\"` first"
        )
        .into()),
        _ => {
            eprintln!("note: skipping, {what} is not available ({var} unset; see .ci/services.sh)");
            Ok(None)
        }
    }
}

/// A newskg store folder holding the fixture (closed again, for a subprocess to open).
pub fn fixture_store_dir() -> TestResult<tempfile::TempDir> {
    let dir = tempfile::tempdir()?;
    {
        let store = newskg::store::NewsStore::open(dir.path())?;
        assert_eq!(store.entities_graph().as_str(), ENTITIES);
        store
            .oxigraph()
            .load_from_slice(RdfFormat::TriG, FIXTURE.as_bytes())?;
        store.oxigraph().flush()?;
    }
    Ok(dir)
}

/// A free loopback port (the OS picks it; there is a small window before the caller binds it).
pub fn free_port() -> TestResult<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

/// `newskg serve` as a subprocess, killed on drop.
pub struct ServeProcess {
    pub url: String,
    child: std::process::Child,
}

impl Drop for ServeProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `newskg serve` with `args` on a free port and waits until `/health` answers.
pub fn serve_process(store: &std::path::Path, args: &[&str]) -> TestResult<ServeProcess> {
    let port = free_port()?;
    let bind = format!("127.0.0.1:{port}");
    let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("newskg"))
        .arg("serve")
        .arg("--store")
        .arg(store)
        .args(["--bind", &bind])
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()?;
    let process = ServeProcess {
        url: format!("http://{bind}"),
        child,
    };
    for _ in 0..200 {
        if get(&format!("{}/health", process.url), "*/*").is_ok_and(|r| r.status == 200) {
            return Ok(process);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Err("newskg serve did not come up".into())
}

/// Runs `newskg` with `args`; returns (success, stderr).
pub fn newskg(args: &[&str]) -> TestResult<(bool, String, String)> {
    let output = std::process::Command::new(assert_cmd::cargo::cargo_bin("newskg"))
        .args(args)
        .output()?;
    Ok((
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    ))
}

/// A graph as a remote store returns it through `CONSTRUCT` on its SPARQL endpoint.
pub fn remote_graph(sparql: &str, graph: &str) -> TestResult<SGraph> {
    let query = format!("CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}");
    let reply = get(&format!("{sparql}?query={}", enc(&query)), "text/turtle")?;
    if reply.status != 200 {
        return Err(format!("{sparql} answered {}: {}", reply.status, reply.body).into());
    }
    sophia_graph(&reply.body, "turtle")
}

/// Runs `newskg push --store STORE ARGS…`; returns (success, stderr).
pub fn push(store: &Path, args: &[&str]) -> TestResult<(bool, String)> {
    let store = store.to_str().ok_or("the store path is not UTF-8")?;
    let mut all = vec!["push", "--store", store];
    all.extend_from_slice(args);
    let (ok, _, err) = newskg(&all)?;
    Ok((ok, err))
}

/// Asserts that a push (the `(success, stderr)` of [`push`]) succeeded and that its report
/// says each of `expected`.
pub fn assert_pushed((ok, err): (bool, String), expected: &[&str]) {
    assert!(ok, "{err}");
    for text in expected {
        assert!(err.contains(text), "{text:?} missing in: {err}");
    }
}

/// Checks that the remote store behind the SPARQL endpoint `sparql` holds the same
/// [`FIXTURE_GRAPHS`] as the newskg store folder `dir`, and the ontology graph.
pub fn assert_mirrored(sparql: &str, dir: &Path) -> TestResult {
    let store = newskg::store::NewsStore::open(dir)?;
    for graph in FIXTURE_GRAPHS {
        let local = store_graph(store.oxigraph(), graph)?;
        let remote = remote_graph(sparql, graph)?;
        assert_eq!(remote.len(), local.len(), "{graph}: triple counts");
        assert!(isomorphic(&remote, &local)?, "{graph} differs at {sparql}");
    }
    let ontology = remote_graph(sparql, newskg::push::ONTOLOGY_GRAPH)?;
    assert!(
        ontology.len() > 100,
        "the ontology graph was pushed to {sparql}"
    );
    Ok(())
}
