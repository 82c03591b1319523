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

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use oxhttp::model::{Method, StatusCode};
use oxigraph::model::{GraphNameRef, NamedNode, NamedOrBlankNode, Triple};
use oxigraph::store::Store;
use sha2::{Digest as _, Sha256};

pub mod digest;
mod http;

pub use http::Auth;

/// The graph the ontology is pushed to (built in, when the store does not hold it itself).
pub use crate::vocab::ONTOLOGY_GRAPH;

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

/// Sends graphs to one remote store.
pub struct Remote {
    client: http::Client,
    target: Target,
    batch: usize,
    use_graph_store: bool,
}

/// One graph's content, ready to send: sorted N-Triples lines and their hash.
pub struct GraphContent {
    lines: Vec<String>,
    hash: String,
}

impl GraphContent {
    /// Canonical content of a set of triples (newskg writes no blank nodes, so sorted
    /// N-Triples lines are canonical).
    pub fn new(triples: impl IntoIterator<Item = Triple>) -> Self {
        let mut lines: Vec<String> = triples.into_iter().map(|t| format!("{t} .\n")).collect();
        lines.sort_unstable();
        lines.dedup();
        let mut hasher = Sha256::new();
        for line in &lines {
            hasher.update(line.as_bytes());
        }
        let hash = hasher
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        Self { lines, hash }
    }

    /// Number of triples.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// Whether the graph is empty.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// SHA-256 of the canonical N-Triples.
    pub fn hash(&self) -> &str {
        &self.hash
    }
}

fn check(url: &str, reply: http::Reply) -> Result<(), PushError> {
    if reply.status.is_success() {
        Ok(())
    } else {
        Err(PushError::Status {
            url: url.to_owned(),
            status: reply.status.as_u16(),
            body: reply.body.trim().to_owned(),
        })
    }
}

impl Remote {
    /// A remote store.
    pub fn new(options: &PushOptions) -> Result<Self, PushError> {
        if options.target.graph_store.is_none() && options.target.update.is_none() {
            return Err(PushError::NoEndpoint);
        }
        Ok(Self {
            client: http::Client::new(
                options.auth.clone(),
                options.timeout,
                options.retries,
                options.backoff,
            ),
            use_graph_store: options.target.graph_store.is_some(),
            target: options.target.clone(),
            batch: options.batch_triples.max(1),
        })
    }

    /// Whether graphs go through the Graph Store Protocol (else SPARQL Update).
    pub fn uses_graph_store(&self) -> bool {
        self.use_graph_store
    }

    fn graph_url(&self, graph: &NamedNode) -> Option<String> {
        let base = self.target.graph_store.as_deref()?;
        let sep = if base.contains('?') { '&' } else { '?' };
        let encoded: String = form_urlencoded::byte_serialize(graph.as_str().as_bytes()).collect();
        Some(format!("{base}{sep}graph={encoded}"))
    }

    /// Sends a Graph Store request; `Ok(None)` means the store has no usable Graph Store
    /// endpoint and an update endpoint is there to fall back to.
    fn graph_store_request(
        &mut self,
        method: Method,
        graph: &NamedNode,
        body: &[u8],
    ) -> Result<Option<()>, PushError> {
        let Some(url) = self.graph_url(graph) else {
            return Ok(None);
        };
        let content_type = (!body.is_empty() || method != Method::DELETE).then_some("text/turtle");
        let reply = self.client.send(method.clone(), &url, content_type, body)?;
        let unsupported = matches!(
            reply.status,
            StatusCode::NOT_FOUND | StatusCode::METHOD_NOT_ALLOWED | StatusCode::NOT_IMPLEMENTED
        );
        if unsupported
            && !(method == Method::DELETE && reply.status == StatusCode::NOT_FOUND)
            && self.target.update.is_some()
        {
            self.use_graph_store = false;
            return Ok(None);
        }
        if method == Method::DELETE && reply.status == StatusCode::NOT_FOUND {
            return Ok(Some(())); // already absent
        }
        check(&url, reply).map(Some)
    }

    fn update(&self, operation: &str) -> Result<(), PushError> {
        let url = self.target.update.as_deref().ok_or(PushError::NoEndpoint)?;
        let body: String = form_urlencoded::Serializer::new(String::new())
            .append_pair("update", operation)
            .finish();
        let reply = self.client.send(
            Method::POST,
            url,
            Some("application/x-www-form-urlencoded"),
            body.as_bytes(),
        )?;
        check(url, reply)
    }

    /// Replaces `graph` on the remote store with `content`; returns the bytes sent.
    pub fn replace_graph(
        &mut self,
        graph: &NamedNode,
        content: &GraphContent,
    ) -> Result<u64, PushError> {
        self.send_graph(graph, content, true)
    }

    /// Adds `content` to `graph` on the remote store (Graph Store POST or INSERT DATA).
    pub fn add_to_graph(
        &mut self,
        graph: &NamedNode,
        content: &GraphContent,
    ) -> Result<u64, PushError> {
        self.send_graph(graph, content, false)
    }

    fn send_graph(
        &mut self,
        graph: &NamedNode,
        content: &GraphContent,
        replace: bool,
    ) -> Result<u64, PushError> {
        let mut sent = 0u64;
        let mut chunks: Vec<&[String]> = content.lines.chunks(self.batch).collect();
        if chunks.is_empty() {
            chunks.push(&[]);
        }
        for (i, chunk) in chunks.iter().enumerate() {
            let body = chunk.concat();
            sent += body.len() as u64;
            let method = if replace && i == 0 {
                Method::PUT
            } else {
                Method::POST
            };
            if self.use_graph_store
                && self
                    .graph_store_request(method, graph, body.as_bytes())?
                    .is_some()
            {
                continue;
            }
            let mut operation = String::new();
            if replace && i == 0 {
                operation.push_str(&format!("DROP SILENT GRAPH {graph} ;\n"));
            }
            if !chunk.is_empty() {
                operation.push_str(&format!("INSERT DATA {{ GRAPH {graph} {{\n{body}}} }}"));
            } else if operation.is_empty() {
                continue;
            }
            self.update(&operation)?;
        }
        Ok(sent)
    }

    /// Deletes `graph` on the remote store (absent is fine).
    pub fn delete_graph(&mut self, graph: &NamedNode) -> Result<(), PushError> {
        if self.use_graph_store
            && self
                .graph_store_request(Method::DELETE, graph, &[])?
                .is_some()
        {
            return Ok(());
        }
        self.update(&format!("DROP SILENT GRAPH {graph}"))
    }
}

/// Sends one article to a served store (`newskg build --server`): its graph replaces the remote
/// one, and its entity descriptions are added to the shared entities graph (never replacing
/// what other articles said about those entities).
pub fn send_article(
    remote: &mut Remote,
    article_graph: &NamedNode,
    article_triples: impl IntoIterator<Item = Triple>,
    entities_graph: &NamedNode,
    entity_triples: impl IntoIterator<Item = Triple>,
) -> Result<u64, PushError> {
    let sent = remote.replace_graph(article_graph, &GraphContent::new(article_triples))?;
    let entities = GraphContent::new(entity_triples);
    if entities.is_empty() {
        return Ok(sent);
    }
    Ok(sent + remote.add_to_graph(entities_graph, &entities)?)
}

/// What [`send_mapped`] sent.
#[derive(Debug, Default, Clone, Copy)]
pub struct SendSummary {
    /// Articles whose graph was replaced on the server.
    pub articles: usize,
    /// Bytes of N-Triples sent.
    pub bytes: u64,
}

/// The options of `newskg build --server URL --token T`: Graph Store at `URL/store`, updates at
/// `URL/update` (the layout of `newskg serve`), bearer authentication.
pub fn server_options(url: &str, token: &str) -> PushOptions {
    let url = url.trim_end_matches('/');
    PushOptions {
        target: Target {
            graph_store: Some(format!("{url}/store")),
            update: Some(format!("{url}/update")),
        },
        auth: Auth::Bearer(token.to_owned()),
        ..PushOptions::default()
    }
}

/// Sends mapped articles to a served store (`newskg build --server`): each article graph
/// replaces the server's (Graph Store `PUT`), then the entity descriptions and shared quads of
/// all of them are added to the entities graph, and their fact triples to the facts graph, in one
/// `POST` per shared graph.
///
/// Unlike a local build, the server does not reconcile entity names: an entity that different
/// articles name differently may end up with one `rdfs:label` per name.
pub fn send_mapped(
    remote: &mut Remote,
    articles: &[crate::map::MappedArticle],
) -> Result<SendSummary, PushError> {
    let mut summary = SendSummary::default();
    let mut entities: BTreeMap<NamedNode, Vec<Triple>> = BTreeMap::new();
    for article in articles {
        let content = GraphContent::new(article.article_quads.iter().cloned().map(Triple::from));
        summary.bytes += remote.replace_graph(&article.graph, &content)?;
        summary.articles += 1;
        let triples = entities.entry(article.entities_graph.clone()).or_default();
        for entity in &article.entities {
            triples.extend(
                entity
                    .quads(&article.entities_graph)
                    .into_iter()
                    .map(Triple::from),
            );
        }
        triples.extend(article.shared_quads.iter().cloned().map(Triple::from));
        entities
            .entry(article.facts_graph.clone())
            .or_default()
            .extend(article.fact_quads.iter().cloned().map(Triple::from));
    }
    for (graph, triples) in entities {
        let content = GraphContent::new(triples);
        if !content.is_empty() {
            summary.bytes += remote.add_to_graph(&graph, &content)?;
        }
    }
    Ok(summary)
}

/// The content hashes of the graphs last pushed to one target.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Record {
    /// The target's key ([`Target::key`]).
    pub target: String,
    /// Graph IRI → SHA-256 of its canonical N-Triples.
    pub graphs: BTreeMap<String, String>,
}

impl Record {
    /// Where the record of pushes to `target` lives, inside the store folder.
    pub fn path(store_dir: &Path, target: &Target) -> PathBuf {
        let digest = Sha256::digest(target.key().as_bytes());
        let name: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
        store_dir.join("newskg-push").join(format!("{name}.json"))
    }

    /// Reads a record; a missing file is an empty record.
    pub fn load(path: &Path, target: &Target) -> Result<Self, PushError> {
        match fs::read(path) {
            Ok(bytes) => serde_json::from_slice::<Self>(&bytes)
                .map_err(|e| PushError::Record {
                    path: path.to_owned(),
                    source: io::Error::new(io::ErrorKind::InvalidData, e),
                })
                .map(|r| {
                    if r.target == target.key() {
                        r
                    } else {
                        Self::empty(target)
                    }
                }),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Self::empty(target)),
            Err(source) => Err(PushError::Record {
                path: path.to_owned(),
                source,
            }),
        }
    }

    fn empty(target: &Target) -> Self {
        Self {
            target: target.key(),
            graphs: BTreeMap::new(),
        }
    }

    /// Writes the record atomically (temporary file, then rename).
    pub fn save(&self, path: &Path) -> Result<(), PushError> {
        let fail = |source| PushError::Record {
            path: path.to_owned(),
            source,
        };
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(fail)?;
        }
        let tmp = path.with_extension("json.tmp");
        let json = serde_json::to_vec_pretty(self).map_err(|e| fail(io::Error::other(e)))?;
        fs::write(&tmp, json).map_err(fail)?;
        fs::rename(&tmp, path).map_err(fail)
    }
}

/// What happened to one graph.
#[derive(Debug)]
pub enum Outcome {
    /// Sent: triples and bytes.
    Sent {
        /// Triples in the graph.
        triples: usize,
        /// Bytes of N-Triples sent.
        bytes: u64,
    },
    /// Unchanged since the last push: not sent.
    Unchanged,
    /// Gone locally: deleted remotely.
    Deleted,
    /// Failed (the push goes on with the other graphs).
    Failed(PushError),
}

/// Totals of a push.
#[derive(Debug, Default)]
pub struct Summary {
    /// Graphs sent.
    pub sent: usize,
    /// Graphs unchanged, not sent.
    pub unchanged: usize,
    /// Graphs deleted remotely.
    pub deleted: usize,
    /// Graphs that failed, with the error.
    pub failed: Vec<(String, String)>,
    /// Triples sent.
    pub triples: usize,
    /// Bytes sent.
    pub bytes: u64,
    /// Whether the Graph Store Protocol was used to the end (else SPARQL Update).
    pub graph_store: bool,
}

/// The graphs a push sends: every named graph of the store, plus the ontology graph when the
/// store does not hold one.
pub fn graphs_of(store: &Store) -> Result<Vec<NamedNode>, PushError> {
    let mut graphs = Vec::new();
    for graph in store.named_graphs() {
        if let NamedOrBlankNode::NamedNode(node) =
            graph.map_err(|e| PushError::Store(e.to_string()))?
        {
            graphs.push(node);
        }
    }
    let ontology = NamedNode::new_unchecked(ONTOLOGY_GRAPH);
    if !graphs.contains(&ontology) {
        graphs.push(ontology);
    }
    graphs.sort();
    Ok(graphs)
}

fn content_of(store: &Store, graph: &NamedNode) -> Result<GraphContent, PushError> {
    if graph.as_str() == ONTOLOGY_GRAPH
        && !store
            .contains_named_graph(graph)
            .map_err(|e| PushError::Store(e.to_string()))?
    {
        let (_, turtle) = crate::ontology::BUILTIN_FILES[0];
        let triples = oxttl::TurtleParser::new()
            .for_slice(turtle.as_bytes())
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| PushError::Store(format!("built-in ontology: {e}")))?;
        return Ok(GraphContent::new(triples));
    }
    let triples = store
        .quads_for_pattern(
            None,
            None,
            None,
            Some(GraphNameRef::NamedNode(graph.as_ref())),
        )
        .map(|q| q.map(Triple::from))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| PushError::Store(e.to_string()))?;
    Ok(GraphContent::new(triples))
}

/// Pushes every graph of `store` (see [`graphs_of`]) to the target of `options`.
///
/// `record` is read and updated (saved every 100 graphs and at the end) when given.
/// `on_graph` is called once per graph with its position, total, name and outcome.
pub fn push_store(
    store: &Store,
    options: &PushOptions,
    record_path: Option<&Path>,
    mut on_graph: impl FnMut(usize, usize, &NamedNode, &Outcome),
) -> Result<Summary, PushError> {
    let mut remote = Remote::new(options)?;
    let mut record = match record_path {
        Some(path) => Record::load(path, &options.target)?,
        None => Record::empty(&options.target),
    };
    let graphs = graphs_of(store)?;
    let gone: Vec<NamedNode> = record
        .graphs
        .keys()
        .filter(|g| {
            graphs
                .binary_search_by(|n| n.as_str().cmp(g.as_str()))
                .is_err()
        })
        .filter_map(|g| NamedNode::new(g.as_str()).ok())
        .collect();
    let total = graphs.len() + gone.len();
    let mut summary = Summary::default();
    for (i, graph) in graphs.iter().enumerate() {
        let outcome = match content_of(store, graph) {
            Err(e) => Outcome::Failed(e),
            Ok(content) => {
                if !options.force
                    && record.graphs.get(graph.as_str()).map(String::as_str) == Some(content.hash())
                {
                    Outcome::Unchanged
                } else {
                    match remote.replace_graph(graph, &content) {
                        Ok(bytes) => {
                            record
                                .graphs
                                .insert(graph.as_str().to_owned(), content.hash().to_owned());
                            Outcome::Sent {
                                triples: content.len(),
                                bytes,
                            }
                        }
                        Err(e) => Outcome::Failed(e),
                    }
                }
            }
        };
        tally(&mut summary, graph, &outcome);
        on_graph(i + 1, total, graph, &outcome);
        if let (Some(path), true) = (record_path, (i + 1) % 100 == 0) {
            record.save(path)?;
        }
    }
    for (j, graph) in gone.iter().enumerate() {
        let outcome = match remote.delete_graph(graph) {
            Ok(()) => {
                record.graphs.remove(graph.as_str());
                Outcome::Deleted
            }
            Err(e) => Outcome::Failed(e),
        };
        tally(&mut summary, graph, &outcome);
        on_graph(graphs.len() + j + 1, total, graph, &outcome);
    }
    if let Some(path) = record_path {
        record.save(path)?;
    }
    summary.graph_store = remote.uses_graph_store();
    Ok(summary)
}

fn tally(summary: &mut Summary, graph: &NamedNode, outcome: &Outcome) {
    match outcome {
        Outcome::Sent { triples, bytes } => {
            summary.sent += 1;
            summary.triples += triples;
            summary.bytes += bytes;
        }
        Outcome::Unchanged => summary.unchanged += 1,
        Outcome::Deleted => summary.deleted += 1,
        Outcome::Failed(e) => summary
            .failed
            .push((graph.as_str().to_owned(), e.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::Literal;

    fn triple(s: &str, o: &str) -> Triple {
        Triple::new(
            NamedNode::new_unchecked(s),
            NamedNode::new_unchecked("http://example.org/p"),
            Literal::new_simple_literal(o),
        )
    }

    #[test]
    fn content_hash_ignores_order_and_sees_changes() {
        let a = GraphContent::new([triple("http://e/a", "1"), triple("http://e/b", "2")]);
        let b = GraphContent::new([triple("http://e/b", "2"), triple("http://e/a", "1")]);
        let c = GraphContent::new([triple("http://e/b", "2"), triple("http://e/a", "1\"")]);
        assert_eq!(a.hash(), b.hash());
        assert_ne!(a.hash(), c.hash());
        assert_eq!(a.len(), 2);
    }

    #[test]
    fn record_round_trips_and_belongs_to_its_target() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let target = Target {
            graph_store: Some("http://127.0.0.1:1/store".into()),
            update: None,
        };
        let path = Record::path(dir.path(), &target);
        let mut record = Record::load(&path, &target)?;
        assert!(record.graphs.is_empty());
        record.graphs.insert("http://g".into(), "h".into());
        record.save(&path)?;
        assert_eq!(Record::load(&path, &target)?.graphs.len(), 1);
        let other = Target {
            graph_store: Some("http://127.0.0.1:2/store".into()),
            update: None,
        };
        assert_ne!(Record::path(dir.path(), &other), path);
        Ok(())
    }
}
