//! Sending graphs to one remote store: canonical graph content ([`GraphContent`]) and the
//! [`Remote`] that replaces, adds to or deletes a graph with the Graph Store Protocol, falling
//! back to SPARQL Update when the store has no Graph Store endpoint. Large graphs go in batches.

use oxhttp::model::{Method, StatusCode};
use oxigraph::model::{NamedNode, Triple};
use sha2::{Digest as _, Sha256};

use super::{PushError, PushOptions, Target, http};

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
        let hash = super::hex(&hasher.finalize());
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

/// Sends graphs to one remote store.
pub struct Remote {
    client: http::Client,
    target: Target,
    batch: usize,
    use_graph_store: bool,
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
}
