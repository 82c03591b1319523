//! Sending freshly mapped articles to a running `newskg serve` (`newskg build --server`): each
//! article graph replaces the server's, entity descriptions are added to the shared entities
//! graph and fact triples to the shared facts graph.

use std::collections::BTreeMap;

use oxigraph::model::{NamedNode, Triple};

use super::{Auth, GraphContent, PushError, PushOptions, Remote, Target};

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
