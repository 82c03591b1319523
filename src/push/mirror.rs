//! Mirroring a whole local store to a remote one (`newskg push`): every named graph is sent
//! unless the [`Record`] shows it unchanged, graphs gone locally are deleted remotely, and each
//! graph's [`Outcome`] is reported as it happens.

use std::path::Path;

use oxigraph::model::{GraphNameRef, NamedNode, NamedOrBlankNode, Triple};
use oxigraph::store::Store;

use super::{GraphContent, ONTOLOGY_GRAPH, PushError, PushOptions, Record, Remote};

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
