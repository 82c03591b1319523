//! (Re)linking the entities already in a store, and migrating linked nodes to their KB-derived IRI.
//!
//! [`plan`] reads the entity descriptions of the shared entities graph (class, `rdfs:label`,
//! `skos:altLabel`), groups entities by the articles that mention them (`nk:mentions`) so that
//! each article's other entities (and the title and evidence sentences the store kept of it)
//! serve as context, and links the entities that have no KB link yet. [`apply`] then moves every
//! newly linked node to its `{base}wikidata/Q…` IRI in one transaction: every quad that uses the
//! old IRI as subject or object, in every graph, is rewritten, the link (`owl:sameAs` with
//! provenance) is added, and if the node merges with one that already exists, the labels are
//! reconciled so that the node keeps exactly one `rdfs:label` (chosen as the mapper chooses it)
//! and the other names become `skos:altLabel`s.
//!
//! Everything goes through quad patterns and model types: no SPARQL text is built from names.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use oxigraph::model::{
    GraphName, GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term,
};
use oxigraph::store::{StorageError, Store};

use super::{LinkRequest, Linker, WIKIDATA_ENTITY};
use crate::facts::Link;
use crate::map::preferred_label;
use crate::ontology::NK;
use crate::vocab::{nk, other, prov};
use oxigraph::model::vocab::{rdf, xsd};

const RDF_TYPE: NamedNodeRef<'_> =
    NamedNodeRef::new_unchecked("http://www.w3.org/1999/02/22-rdf-syntax-ns#type");
const RDFS_LABEL: NamedNodeRef<'_> =
    NamedNodeRef::new_unchecked("http://www.w3.org/2000/01/rdf-schema#label");
const SKOS_ALT_LABEL: NamedNodeRef<'_> =
    NamedNodeRef::new_unchecked("http://www.w3.org/2004/02/skos/core#altLabel");
const OWL_SAME_AS: NamedNodeRef<'_> =
    NamedNodeRef::new_unchecked("http://www.w3.org/2002/07/owl#sameAs");

/// One entity node to move to its KB-derived IRI.
#[derive(Debug, Clone, PartialEq)]
pub struct Migration {
    /// The node's current IRI (type + normalised name).
    pub old: NamedNode,
    /// Its new IRI, `{base}wikidata/Q…`.
    pub new: NamedNode,
    /// The link found.
    pub link: Link,
    /// The article graphs that mention the node (where link provenance goes).
    pub articles: Vec<NamedNode>,
}

/// Counts of a relinking run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RelinkStats {
    /// Entities of a linkable class in the store.
    pub entities: usize,
    /// Of those, already linked before the run.
    pub already_linked: usize,
    /// Newly linked by this run.
    pub newly_linked: usize,
    /// Quads rewritten to new IRIs.
    pub quads_rewritten: usize,
}

/// The IRI a linked entity gets: `{base}wikidata/Q…` for a Wikidata IRI.
pub fn linked_iri(base: &str, kb_iri: &str) -> Option<String> {
    let id = kb_iri.strip_prefix(WIKIDATA_ENTITY)?;
    (!id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric()))
        .then(|| format!("{base}wikidata/{id}"))
}

fn literal_value(term: &Term) -> Option<&str> {
    match term {
        Term::Literal(l) => Some(l.value()),
        _ => None,
    }
}

/// Finds the entities of `entities_graph` that can be linked and are not yet, and links them.
pub fn plan(
    store: &Store,
    linker: &Linker,
    base: &str,
    entities_graph: NamedNodeRef<'_>,
) -> Result<(Vec<Migration>, RelinkStats), StorageError> {
    let graph = GraphNameRef::NamedNode(entities_graph);
    let mut stats = RelinkStats::default();
    let mut requests: BTreeMap<NamedNode, LinkRequest> = BTreeMap::new();
    for quad in store.quads_for_pattern(None, Some(RDF_TYPE), None, Some(graph)) {
        let quad = quad?;
        let (NamedOrBlankNode::NamedNode(node), Term::NamedNode(class)) =
            (&quad.subject, &quad.object)
        else {
            continue;
        };
        let Some(kind) = class.as_str().strip_prefix(NK) else {
            continue;
        };
        if !linker.is_linkable(kind) || requests.contains_key(node) {
            continue;
        }
        stats.entities += 1;
        let linked = node.as_str().starts_with(&format!("{base}wikidata/"))
            || store
                .quads_for_pattern(Some(node.into()), Some(OWL_SAME_AS), None, Some(graph))
                .filter_map(Result::ok)
                .any(|q| matches!(&q.object, Term::NamedNode(n) if n.as_str().starts_with(WIKIDATA_ENTITY)));
        if linked {
            stats.already_linked += 1;
            continue;
        }
        let mut name = None;
        let mut aliases = Vec::new();
        for q in store.quads_for_pattern(Some(node.into()), Some(RDFS_LABEL), None, Some(graph)) {
            if let Some(v) = literal_value(&q?.object) {
                name.get_or_insert_with(|| v.to_owned());
            }
        }
        for q in store.quads_for_pattern(Some(node.into()), Some(SKOS_ALT_LABEL), None, Some(graph))
        {
            if let Some(v) = literal_value(&q?.object) {
                aliases.push(v.to_owned());
            }
        }
        let Some(name) = name else { continue };
        requests.insert(
            node.clone(),
            LinkRequest {
                kind: kind.to_owned(),
                name,
                aliases,
                first_mention: None,
            },
        );
    }
    // Group by the articles that mention them: each article's entities are each other's context,
    // and so are the words the store kept of it (see `article_text`).
    let mut groups: BTreeMap<NamedNode, Vec<NamedNode>> = BTreeMap::new();
    let mut mentioned_in: HashMap<NamedNode, Vec<NamedNode>> = HashMap::new();
    let mut grouped: HashSet<NamedNode> = HashSet::new();
    for quad in store.quads_for_pattern(None, Some(nk::MENTIONS), None, None) {
        let quad = quad?;
        let (NamedOrBlankNode::NamedNode(article), Term::NamedNode(entity)) =
            (&quad.subject, &quad.object)
        else {
            continue;
        };
        if requests.contains_key(entity) {
            if let GraphName::NamedNode(g) = &quad.graph_name {
                let graphs = mentioned_in.entry(entity.clone()).or_default();
                if !graphs.contains(g) {
                    graphs.push(g.clone());
                }
            }
            let members = groups.entry(article.clone()).or_default();
            if !members.contains(entity) {
                members.push(entity.clone());
            }
            grouped.insert(entity.clone());
        }
    }
    let singles = requests
        .keys()
        .filter(|n| !grouped.contains(*n))
        .map(|n| (None, vec![n.clone()]));
    let mut best: HashMap<NamedNode, Link> = HashMap::new();
    let grouped_articles = groups.into_iter().map(|(a, m)| (Some(a), m));
    for (article, members) in grouped_articles.chain(singles) {
        let group: Vec<LinkRequest> = members
            .iter()
            .filter_map(|m| requests.get(m).cloned())
            .collect();
        let text = match &article {
            Some(article) => article_text(store, article.as_ref())?,
            None => None,
        };
        for (node, link) in members
            .iter()
            .zip(linker.link_group_in(&group, text.as_deref()))
        {
            let Some(link) = link else { continue };
            let better = best
                .get(node)
                .is_none_or(|old| link.confidence > old.confidence);
            if better {
                best.insert(node.clone(), link);
            }
        }
    }
    let mut migrations = Vec::new();
    for (old, link) in best {
        let Some(new) = linked_iri(base, &link.iri).and_then(|iri| NamedNode::new(iri).ok()) else {
            continue;
        };
        let mut articles = mentioned_in.remove(&old).unwrap_or_default();
        articles.sort();
        migrations.push(Migration {
            old,
            new,
            link,
            articles,
        });
    }
    migrations.sort_by(|a, b| a.old.cmp(&b.old));
    stats.newly_linked = migrations.len();
    Ok((migrations, stats))
}

/// What the store kept of an article's words, as context for linking its entities: the title and
/// the evidence sentences of its facts in text order (the article text itself is not stored).
/// `None` when the article graph holds neither.
fn article_text(store: &Store, article: NamedNodeRef<'_>) -> Result<Option<String>, StorageError> {
    let graph = GraphNameRef::NamedNode(article);
    let mut text = String::new();
    for quad in store.quads_for_pattern(Some(article.into()), Some(nk::TITLE), None, Some(graph)) {
        if let Some(title) = literal_value(&quad?.object) {
            text.push_str(title);
            text.push_str("\n\n");
        }
    }
    let mut sentences = Vec::new();
    for quad in store.quads_for_pattern(None, Some(nk::TEXT), None, Some(graph)) {
        let quad = quad?;
        let Some(words) = literal_value(&quad.object) else {
            continue;
        };
        let mut start = None;
        for q in store.quads_for_pattern(
            Some(quad.subject.as_ref()),
            Some(nk::START_OFFSET),
            None,
            Some(graph),
        ) {
            start = literal_value(&q?.object).and_then(|v| v.parse::<u64>().ok());
        }
        sentences.push((start.unwrap_or(u64::MAX), words.to_owned()));
    }
    sentences.sort();
    sentences.dedup();
    for (_, words) in sentences {
        text.push_str(&words);
        text.push(' ');
    }
    Ok((!text.is_empty()).then_some(text))
}

/// Applies migrations in one transaction; `link_quads` gives the quads that state a migration's
/// link (the `owl:sameAs` and its provenance), see [`link_quads`]. Returns the number of quads
/// rewritten.
pub fn apply(
    store: &Store,
    migrations: &[Migration],
    entities_graph: NamedNodeRef<'_>,
    link_quads: impl Fn(&Migration) -> Vec<Quad>,
) -> Result<usize, StorageError> {
    if migrations.is_empty() {
        return Ok(0);
    }
    let renames: HashMap<&NamedNode, &NamedNode> =
        migrations.iter().map(|m| (&m.old, &m.new)).collect();
    let rename = |n: &NamedNode| -> NamedNode {
        renames.get(n).map_or_else(|| n.clone(), |&new| new.clone())
    };
    let mut tx = store.start_transaction()?;
    let mut touched: Vec<Quad> = Vec::new();
    for m in migrations {
        let node = m.old.as_ref();
        touched.extend(
            tx.quads_for_pattern(Some(node.into()), None, None, None)
                .collect::<Result<Vec<_>, _>>()?,
        );
        touched.extend(
            tx.quads_for_pattern(None, None, Some(node.into()), None)
                .collect::<Result<Vec<_>, _>>()?,
        );
        touched.extend(
            tx.quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(node)))
                .collect::<Result<Vec<_>, _>>()?,
        );
    }
    let mut seen = HashSet::new();
    touched.retain(|q| seen.insert(q.clone()));
    let mut rewritten = 0;
    for quad in &touched {
        let subject = match &quad.subject {
            NamedOrBlankNode::NamedNode(n) => NamedOrBlankNode::NamedNode(rename(n)),
            other => other.clone(),
        };
        let object = match &quad.object {
            Term::NamedNode(n) => Term::NamedNode(rename(n)),
            other => other.clone(),
        };
        let graph_name = match &quad.graph_name {
            GraphName::NamedNode(n) => GraphName::NamedNode(rename(n)),
            other => other.clone(),
        };
        tx.remove(quad);
        tx.insert(&Quad::new(
            subject,
            quad.predicate.clone(),
            object,
            graph_name,
        ));
        rewritten += 1;
    }
    let graph = GraphNameRef::NamedNode(entities_graph);
    let mut new_nodes: BTreeSet<&NamedNode> = BTreeSet::new();
    for m in migrations {
        for quad in link_quads(m) {
            tx.insert(&quad);
        }
        new_nodes.insert(&m.new);
    }
    // One rdfs:label per node, chosen as the mapper does; the others become altLabels.
    for node in new_nodes {
        let labels: Vec<Quad> = tx
            .quads_for_pattern(Some(node.into()), Some(RDFS_LABEL), None, Some(graph))
            .collect::<Result<_, _>>()?;
        if labels.len() < 2 {
            continue;
        }
        let names: Vec<&str> = labels
            .iter()
            .filter_map(|q| literal_value(&q.object))
            .collect();
        let preferred = preferred_label(names.iter().copied())
            .unwrap_or_default()
            .to_owned();
        let keep = labels
            .iter()
            .position(|q| literal_value(&q.object) == Some(preferred.as_str()))
            .unwrap_or(0);
        for (i, quad) in labels.iter().enumerate() {
            if i == keep {
                continue;
            }
            tx.remove(quad);
            if let Term::Literal(l) = &quad.object {
                let alt = l.clone();
                tx.insert(&Quad::new(
                    node.clone(),
                    SKOS_ALT_LABEL,
                    alt,
                    entities_graph,
                ));
            }
        }
    }
    tx.commit()?;
    Ok(rewritten)
}

/// The quads that state a migration's link, as the mapper writes a link found at build time:
/// `owl:sameAs` in the entities graph, and in each article graph that mentions the entity an
/// `nk:Link` node `{article}/link/{hash}` with subject, object, confidence, method and source.
pub fn link_quads(base: &str, entities_graph: NamedNodeRef<'_>, m: &Migration) -> Vec<Quad> {
    let target = NamedNode::new_unchecked(m.link.iri.clone());
    let mut quads = vec![Quad::new(
        m.new.clone(),
        other::OWL_SAME_AS,
        target.clone(),
        entities_graph,
    )];
    let articles = format!("{base}article/");
    for graph in &m.articles {
        let id = crate::iri::pct_decode(
            graph
                .as_str()
                .strip_prefix(&articles)
                .unwrap_or(graph.as_str()),
        );
        let key = crate::iri::fnv64_hex(&[
            id.as_bytes(),
            m.new.as_str().as_bytes(),
            m.link.iri.as_bytes(),
        ]);
        let Ok(node) = NamedNode::new(format!("{}/link/{key}", graph.as_str())) else {
            continue;
        };
        let confidence = Literal::new_typed_literal(format!("{}", m.link.confidence), xsd::DECIMAL);
        let mut add =
            |p: NamedNodeRef<'_>, o: Term| quads.push(Quad::new(node.clone(), p, o, graph.clone()));
        add(rdf::TYPE, nk::LINK.into_owned().into());
        add(rdf::SUBJECT, m.new.clone().into());
        add(rdf::PREDICATE, other::OWL_SAME_AS.into_owned().into());
        add(rdf::OBJECT, target.clone().into());
        add(nk::CONFIDENCE, confidence.into());
        if let Some(method) = &m.link.method {
            add(nk::LINK_METHOD, Literal::new_simple_literal(method).into());
        }
        add(prov::WAS_DERIVED_FROM, graph.clone().into());
    }
    quads
}
