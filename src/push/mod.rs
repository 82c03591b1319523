//! Push the graph to another triple store: `newskg push`, and `newskg build --server`.
//!
//! Each named graph of the store (every article graph, the entities graph, and the ontology graph)
//! is sent with the SPARQL 1.1 Graph Store HTTP Protocol: `PUT …?graph=IRI` replaces the graph, so
//! pushing twice leaves the same data. Where a store has no Graph Store endpoint, the same is done
//! with SPARQL 1.1 Update (`DROP SILENT GRAPH` + `INSERT DATA`). Large graphs go in batches
//! (the first replaces, the next ones add). Requests are retried with exponential back-off
//! ([`http`]) and authenticated with Basic, Digest (RFC 7616, [`digest`]) or a bearer token.
//!
//! A push [`Record`] keeps, per endpoint, the content hash of every graph sent: a second push
//! sends only the graphs whose content changed, and deletes remotely the graphs that no longer
//! exist locally.
//!
//! The parts: `remote` sends one graph (Graph Store or Update, in batches) and `http` one request;
//! `mirror` pushes a whole store ([`push_store`]) and `record` remembers what was sent
//! ([`Record`]); `served` sends freshly mapped articles to a running `newskg serve`
//! ([`send_mapped`]).

use std::io;
use std::path::PathBuf;
use std::time::Duration;

pub mod digest;
mod http;
mod mirror;
mod record;
mod remote;
mod served;

pub use http::Auth;
pub use mirror::{Outcome, Summary, graphs_of, push_store};
pub use record::Record;
pub use remote::{GraphContent, Remote};
pub use served::{SendSummary, send_mapped, server_options};

/// The graph the ontology is pushed to (built in, when the store does not hold it itself).
pub use crate::vocab::ONTOLOGY_GRAPH;

/// Lower-case hexadecimal of bytes (hashes, nonces).
fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What went wrong while pushing.
#[derive(Debug, thiserror::Error)]
pub enum PushError {
    /// A URL is malformed.
    #[error("bad URL {0}")]
    Url(String),
    /// The connection failed (after retries).
    #[error("request to {url} failed: {source}")]
    Http {
        /// The URL.
        url: String,
        /// The I/O error.
        source: io::Error,
    },
    /// The remote store answered with an error status.
    #[error("{url} answered {status}: {body}")]
    Status {
        /// The URL.
        url: String,
        /// The HTTP status.
        status: u16,
        /// The start of the response body.
        body: String,
    },
    /// The local store could not be read.
    #[error("cannot read the local store: {0}")]
    Store(String),
    /// The push record could not be read or written.
    #[error("push record {path}: {source}")]
    Record {
        /// The record file.
        path: PathBuf,
        /// The cause.
        source: io::Error,
    },
    /// Neither a Graph Store nor an update endpoint was given.
    #[error("give a Graph Store URL or a SPARQL Update endpoint")]
    NoEndpoint,
}

/// Where to send graphs.
#[derive(Clone, Debug, Default)]
pub struct Target {
    /// Graph Store Protocol URL (e.g. `http://host:8890/sparql-graph-crud-auth`).
    pub graph_store: Option<String>,
    /// SPARQL Update endpoint, used when there is no Graph Store URL or it is not supported.
    pub update: Option<String>,
}

impl Target {
    /// The key under which pushes to this target are recorded.
    pub fn key(&self) -> String {
        format!(
            "gsp={} update={}",
            self.graph_store.as_deref().unwrap_or("-"),
            self.update.as_deref().unwrap_or("-")
        )
    }
}

/// How to push.
#[derive(Clone, Debug)]
pub struct PushOptions {
    /// Where.
    pub target: Target,
    /// Credentials.
    pub auth: Auth,
    /// Most triples per request.
    pub batch_triples: usize,
    /// Extra attempts after a failed request.
    pub retries: u32,
    /// First back-off delay (doubled after each failure).
    pub backoff: Duration,
    /// Timeout of each request.
    pub timeout: Duration,
    /// Send every graph even if unchanged since the last push.
    pub force: bool,
}

impl Default for PushOptions {
    fn default() -> Self {
        Self {
            target: Target::default(),
            auth: Auth::None,
            batch_triples: 50_000,
            retries: 4,
            backoff: Duration::from_millis(500),
            timeout: Duration::from_secs(300),
            force: false,
        }
    }
}
