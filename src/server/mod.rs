//! The SPARQL endpoint: `newskg serve`.
//!
//! A small synchronous HTTP/1.1 server (OxHTTP, the server Oxigraph itself uses) in front of the
//! store:
//!
//! - `/query` and `/sparql`: the SPARQL 1.1 Protocol (GET, POST form-encoded, POST
//!   `application/sparql-query`) with content negotiation (`sparql.rs`, `negotiate.rs`);
//! - `/update`: SPARQL 1.1 Update, only when updates are allowed and the bearer token matches
//!   (`auth.rs`);
//! - `/store`: the SPARQL 1.1 Graph Store HTTP Protocol (`?default`, `?graph=IRI`;
//!   `graph_store.rs`, streaming its dumps through `serialize.rs`);
//! - `/health`: a probe for monitors;
//! - `/`, `/entity`, `/article`: pages for people (`pages/`) with a picture of an article's graph
//!   drawn by [`graph_svg`].
//!
//! This file holds the configuration, the start-up and the routing; `http.rs` the request and
//! response plumbing every handler shares; `watchdog.rs` the query timeouts.
//!
//! Defences: bounded connection threads, read/write timeouts on every socket, a request-size
//! limit, a query timeout (cancellation token checked by the evaluator), a result-size limit, and
//! SERVICE disabled unless [`ServerConfig::allow_service`] is set (otherwise any client could make
//! the server fetch arbitrary URLs). The default graph of every query is the union of all graphs,
//! as in `newskg query`.

use std::fmt;
use std::net::{SocketAddr, TcpListener};
use std::sync::Arc;
use std::time::{Duration, Instant};

use oxhttp::model::{Body, HeaderValue, Method, Request, Response, StatusCode, header};
use oxigraph::model::NamedNodeRef;
use oxigraph::store::Store;

pub use crate::vocab::PREFIXES;

mod auth;
mod graph_store;
pub mod graph_svg;
mod http;
mod negotiate;
mod pages;
mod serialize;
mod sparql;
mod watchdog;

use http::{Failure, Handled, fail, method_not_allowed, respond, text};

/// How the server runs: address, permissions and limits.
#[derive(Clone, Debug)]
pub struct ServerConfig {
    /// Address to listen on (port 0 picks a free port; see [`RunningServer::addr`]).
    pub bind: SocketAddr,
    /// Accept SPARQL Update and Graph Store writes (needs [`ServerConfig::token`]).
    pub allow_update: bool,
    /// The bearer token that write requests must present.
    pub token: Option<String>,
    /// Let queries call remote endpoints with SERVICE.
    pub allow_service: bool,
    /// Longest time a query or update may run.
    pub query_timeout: Duration,
    /// Most solutions (or triples) a query may return.
    pub max_results: usize,
    /// Largest request body accepted, in bytes (queries, updates, uploaded graphs).
    pub max_request_bytes: u64,
    /// Read and write timeout of each client socket.
    pub io_timeout: Duration,
    /// Most connections served at once (each has a thread); others wait in the accept queue.
    pub max_connections: usize,
    /// Most queries evaluated at once (each in a worker thread); others wait up to the query
    /// timeout for a slot, then get 503.
    pub max_running_queries: usize,
}

impl Default for ServerConfig {
    fn default() -> Self {
        Self {
            bind: SocketAddr::from(([127, 0, 0, 1], 7878)),
            allow_update: false,
            token: None,
            allow_service: false,
            query_timeout: Duration::from_secs(30),
            max_results: 100_000,
            max_request_bytes: 16 * 1024 * 1024,
            io_timeout: Duration::from_secs(30),
            max_connections: 64,
            max_running_queries: 4,
        }
    }
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// Updates were allowed without a token to check.
    #[error("updates need a bearer token (--token or NEWSKG_TOKEN)")]
    UpdateWithoutToken,
    /// The token is empty or cannot appear in an HTTP header.
    #[error("the bearer token must be non-empty visible ASCII")]
    BadToken,
    /// A limit is zero.
    #[error("{0} must be greater than zero")]
    ZeroLimit(&'static str),
    /// The address could not be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// The socket error.
        source: std::io::Error,
    },
}

/// One served request, handed to the logger given to [`start`].
#[derive(Clone, Debug)]
pub struct RequestLog {
    /// HTTP method.
    pub method: String,
    /// Request path (without the query string, which may hold secrets or huge queries).
    pub path: String,
    /// Response status.
    pub status: u16,
    /// Time spent building the response.
    pub elapsed: Duration,
}

impl fmt::Display for RequestLog {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} {} {}ms",
            self.method,
            self.path,
            self.status,
            self.elapsed.as_millis()
        )
    }
}

/// A started server; [`RunningServer::join`] blocks while it serves.
pub struct RunningServer {
    addr: SocketAddr,
    inner: oxhttp::ListeningServer,
}

impl RunningServer {
    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Blocks while the server runs.
    pub fn join(self) -> std::io::Result<()> {
        self.inner.join()
    }
}

impl App {
    /// Tells the write hook, if any, of a write.
    fn wrote(&self, write: Write<'_>) -> Result<(), Failure> {
        match &self.on_write {
            Some(hook) => hook(write).map_err(|e| http::internal(e).into()),
            None => Ok(()),
        }
    }
}

/// Shared state of the request handlers (cheap to clone: a worker thread gets its own).
#[derive(Clone)]
struct App {
    store: Store,
    on_write: Option<WriteHook>,
    config: ServerConfig,
    watchdog: watchdog::Watchdog,
    slots: Arc<watchdog::Slots>,
}

/// A write the server makes to the store, through the Graph Store protocol or SPARQL Update.
#[derive(Debug, Clone, Copy)]
pub enum Write<'a> {
    /// A named graph is about to be replaced, added to or deleted.
    BeforeGraph(NamedNodeRef<'a>),
    /// It was.
    AfterGraph(NamedNodeRef<'a>),
    /// A SPARQL Update ran (it may have changed any graph).
    AfterUpdate,
}

/// Called around every write the server makes, so that what the store derives from its graphs
/// (the weekly mention counts of the summary graph) follows them; an error becomes a 500 answer.
pub type WriteHook = Arc<dyn Fn(Write<'_>) -> Result<(), String> + Send + Sync>;

/// Starts serving `store` in background threads.
///
/// `log` is called once per request (the CLI prints it on stderr).
pub fn start(
    store: Store,
    config: ServerConfig,
    log: impl Fn(&RequestLog) + Send + Sync + 'static,
) -> Result<RunningServer, ServerError> {
    start_with_hook(store, config, None, log)
}

/// [`start`], with `on_write` called around every write (see [`WriteHook`]).
pub fn start_with_hook(
    store: Store,
    config: ServerConfig,
    on_write: Option<WriteHook>,
    log: impl Fn(&RequestLog) + Send + Sync + 'static,
) -> Result<RunningServer, ServerError> {
    validate(&config)?;
    let addr = resolve_port(config.bind)?;
    let app = App {
        store,
        on_write,
        watchdog: watchdog::Watchdog::start(),
        slots: watchdog::Slots::new(config.max_running_queries),
        config: config.clone(),
    };
    let server = oxhttp::Server::new(move |request| {
        let started = Instant::now();
        let mut response = app.handle(request);
        response.headers_mut().insert(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        );
        log(&RequestLog {
            method: request.method().to_string(),
            path: request.uri().path().to_owned(),
            status: response.status().as_u16(),
            elapsed: started.elapsed(),
        });
        response
    })
    .bind(addr)
    .with_global_timeout(config.io_timeout)
    .with_max_concurrent_connections(config.max_connections);
    let server = server
        .with_server_name(concat!("newskg/", env!("CARGO_PKG_VERSION")))
        .map_err(|_| ServerError::BadToken)?;
    let inner = server
        .spawn()
        .map_err(|source| ServerError::Bind { addr, source })?;
    Ok(RunningServer { addr, inner })
}

fn validate(config: &ServerConfig) -> Result<(), ServerError> {
    if config.allow_update {
        let token = config
            .token
            .as_deref()
            .ok_or(ServerError::UpdateWithoutToken)?;
        if token.is_empty() || !token.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(ServerError::BadToken);
        }
    }
    if config.max_results == 0 {
        return Err(ServerError::ZeroLimit("max results"));
    }
    if config.max_request_bytes == 0 {
        return Err(ServerError::ZeroLimit("max request bytes"));
    }
    if config.max_connections == 0 {
        return Err(ServerError::ZeroLimit("max connections"));
    }
    if config.max_running_queries == 0 {
        return Err(ServerError::ZeroLimit("max running queries"));
    }
    if config.query_timeout.is_zero() || config.io_timeout.is_zero() {
        return Err(ServerError::ZeroLimit("timeouts"));
    }
    Ok(())
}

/// OxHTTP binds by itself and does not report the port it got, so port 0 is resolved here by
/// asking the OS for a free port first.
fn resolve_port(addr: SocketAddr) -> Result<SocketAddr, ServerError> {
    if addr.port() != 0 {
        return Ok(addr);
    }
    let listener = TcpListener::bind(addr).map_err(|source| ServerError::Bind { addr, source })?;
    listener
        .local_addr()
        .map_err(|source| ServerError::Bind { addr, source })
}

impl App {
    fn handle(&self, request: &mut Request<Body>) -> Response<Body> {
        let path = request.uri().path().to_owned();
        let handled = match path.as_str() {
            "/query" | "/sparql" => sparql::query(self, request),
            "/update" => sparql::update(self, request),
            "/store" => graph_store::graph_store(self, request),
            "/health" => only_get(request, || Ok(text(StatusCode::OK, "ok\n"))),
            "/" => only_get(request, || Ok(pages::index())),
            "/assets/app.js" => only_get(request, || {
                asset(pages::APP_JS, "text/javascript; charset=utf-8")
            }),
            "/assets/style.css" => only_get(request, || {
                asset(pages::STYLE_CSS, "text/css; charset=utf-8")
            }),
            "/assets/questions.json" => only_get(request, || Ok(pages::questions_json())),
            "/entity" => only_get(request, || pages::entity(self, request)),
            "/article" => only_get(request, || pages::article(self, request)),
            _ => Err(fail(StatusCode::NOT_FOUND, "not found\n")),
        };
        handled.unwrap_or_else(Failure::into_response)
    }
}

/// Runs `handler` for GET and HEAD requests; other methods get 405.
fn only_get(request: &Request<Body>, handler: impl FnOnce() -> Handled) -> Handled {
    if request.method() == Method::GET || request.method() == Method::HEAD {
        handler()
    } else {
        Err(method_not_allowed("GET, HEAD").into())
    }
}

fn asset(content: &'static str, content_type: &'static str) -> Handled {
    Ok(respond(
        StatusCode::OK,
        content_type,
        content.as_bytes().to_vec(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn updates_need_a_token() {
        let config = ServerConfig {
            allow_update: true,
            ..ServerConfig::default()
        };
        assert!(matches!(
            validate(&config),
            Err(ServerError::UpdateWithoutToken)
        ));
        let config = ServerConfig {
            allow_update: true,
            token: Some("with space".into()),
            ..ServerConfig::default()
        };
        assert!(matches!(validate(&config), Err(ServerError::BadToken)));
    }

    #[test]
    fn log_line_names_method_path_status_and_time() {
        let line = RequestLog {
            method: "GET".into(),
            path: "/query".into(),
            status: 200,
            elapsed: Duration::from_millis(12),
        }
        .to_string();
        assert_eq!(line, "GET /query 200 12ms");
    }
}
