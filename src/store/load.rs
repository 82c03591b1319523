//! Loading, replacing and removing articles: the write paths of the store.

use std::collections::{BTreeMap, BTreeSet};

use std::collections::{HashMap, HashSet};

use oxigraph::model::vocab::{rdf, rdfs};
use oxigraph::model::{
    GraphName, GraphNameRef, Literal, NamedNode, NamedOrBlankNode, Quad, QuadRef, Term,
};
use oxigraph::store::{BulkLoader, StorageError, Transaction};

use super::summary::{Counted, Delta};
use super::{LoadSummary, NewsStore, StoreError};
use crate::map::{self, EntityDescription, MappedArticle, preferred_label};
use crate::vocab::{nk, other};

/// A mapped article given to [`NewsStore::load_articles`], owned or borrowed.
pub trait ArticleSource {
    /// The owned article (a copy when borrowed).
    fn into_article(self) -> MappedArticle;
}

impl ArticleSource for MappedArticle {
    fn into_article(self) -> MappedArticle {
        self
    }
}

impl ArticleSource for &MappedArticle {
    fn into_article(self) -> MappedArticle {
        self.clone()
    }
}

impl NewsStore {
    /// Whether the store holds the graph of this article.
    pub fn contains_article(&self, graph: &NamedNode) -> Result<bool, StoreError> {
        Ok(self.store.contains_named_graph(graph)?)
    }

    /// Loads mapped articles: articles not yet in the store go through Oxigraph's bulk loader in
    /// one atomic commit; articles already in the store are replaced one transaction each. When an
    /// id occurs twice, the last one wins. Takes owned articles (their quads move into the loader
    /// without copies) or borrowed ones (`&vec`, `&[..]`: copied). A stream of batches is better
    /// given to one [`ArticleLoader`] ([`NewsStore::article_loader`]).
    pub fn load_articles<I>(&self, articles: I) -> Result<LoadSummary, StoreError>
    where
        I: IntoIterator,
        I::Item: ArticleSource,
    {
        self.repair_summary()?;
        let mut loader = self.article_loader();
        loader.add(articles)?;
        loader.commit()
    }

    /// A loader for a stream of batches of mapped articles (what `newskg build` uses): the new
    /// articles of every batch go into one bulk load, committed atomically by
    /// [`ArticleLoader::commit`]; articles already in the store are replaced at once, one
    /// transaction each.
    pub fn article_loader(&self) -> ArticleLoader<'_> {
        ArticleLoader {
            store: self,
            bulk: None,
            buffer: Vec::new(),
            pending: HashSet::new(),
            entities: BTreeMap::new(),
            pending_quads: 0,
            counts: Delta::default(),
            summary: LoadSummary::default(),
        }
    }

    /// The quads of the merged entity descriptions of a bulk load. Label merges that must delete
    /// a label already in the store run first, in a transaction (a crash between it and the bulk
    /// commit leaves a consistent store that a re-run completes).
    fn bulk_descriptions(
        &self,
        merged: &BTreeMap<NamedNode, EntityDescription>,
    ) -> Result<Vec<Quad>, StoreError> {
        let eg = GraphNameRef::NamedNode(self.entities_graph.as_ref());
        let mut demote = Vec::new();
        let mut quads: Vec<Quad> = Vec::new();
        for description in merged.values() {
            let existing = labels(self.store.quads_for_pattern(
                Some(description.iri.as_ref().into()),
                Some(rdfs::LABEL),
                None,
                Some(eg),
            ))?;
            let (label, old) = choose_label(&existing, description);
            if !old.is_empty() {
                demote.push((description.iri.clone(), label.clone(), old));
            }
            quads.extend(self.description_quads(description, &label));
        }
        if !demote.is_empty() {
            let mut txn = self.store.start_transaction()?;
            for (iri, label, old) in &demote {
                self.set_label(&mut txn, iri, label, old);
            }
            txn.commit()?;
        }
        Ok(quads)
    }

    /// Replaces (or adds) one article in a single transaction: its graph is cleared and rewritten,
    /// its fact triples and entity descriptions merged into the shared graphs, and the fact
    /// triples and entities that only the old version of the article stated or mentioned are
    /// removed from them.
    pub fn replace_article(&self, mapped: &MappedArticle) -> Result<(), StoreError> {
        self.repair_summary()?;
        let mut txn = self.store.start_transaction()?;
        let counted_before = Self::counted_in(&txn, &mapped.graph)?;
        let before = mentioned(&txn, &mapped.graph)?;
        let stated_before = stated(&txn, &mapped.graph, &self.facts_graph)?;
        txn.clear_graph(mapped.graph.as_ref())?;
        txn.extend(&mapped.article_quads);
        txn.extend(&mapped.fact_quads);
        txn.extend(&mapped.shared_quads);
        let stated_now: HashSet<&Quad> = mapped.fact_quads.iter().collect();
        let gone: Vec<Quad> = stated_before
            .into_iter()
            .filter(|q| !stated_now.contains(q))
            .collect();
        collect_unstated(&mut txn, &gone)?;
        let eg = GraphNameRef::NamedNode(self.entities_graph.as_ref());
        for description in &mapped.entities {
            let existing = labels(txn.quads_for_pattern(
                Some(description.iri.as_ref().into()),
                Some(rdfs::LABEL),
                None,
                Some(eg),
            ))?;
            let (label, old) = choose_label(&existing, description);
            self.set_label(&mut txn, &description.iri, &label, &old);
            txn.extend(&self.description_quads(description, &label));
        }
        let now: BTreeSet<NamedNode> = mapped.entities.iter().map(|d| d.iri.clone()).collect();
        let gone: Vec<NamedNode> = before.into_iter().filter(|e| !now.contains(e)).collect();
        self.collect_unreferenced(&mut txn, &gone)?;
        let counted_now =
            Counted::from_quads(&mapped.graph, mapped.article_quads.iter().map(Quad::as_ref));
        self.change_summary(&mut txn, &counted_before, Some(&counted_now))?;
        txn.commit()?;
        Ok(())
    }

    /// Removes an article (by id) in one transaction: its graph, and the descriptions of the
    /// entities it mentioned that no other graph refers to any more. Returns whether it existed.
    pub fn remove_article(&self, id: &str) -> Result<bool, StoreError> {
        let graph = map::article_iri(&self.base, id)?;
        if !self.contains_article(&graph)? {
            return Ok(false);
        }
        self.repair_summary()?;
        let mut txn = self.store.start_transaction()?;
        let counted_before = Self::counted_in(&txn, &graph)?;
        let before = mentioned(&txn, &graph)?;
        let stated_before = stated(&txn, &graph, &self.facts_graph)?;
        txn.remove_named_graph(graph.as_ref())?;
        self.change_summary(&mut txn, &counted_before, None)?;
        collect_unstated(&mut txn, &stated_before)?;
        self.collect_unreferenced(&mut txn, &before)?;
        txn.commit()?;
        Ok(true)
    }

    /// Deletes the entities-graph description of each candidate that no quad of another graph
    /// (other than the entities graph) mentions as subject or object. Runs after
    /// [`collect_unstated`], so a fact triple that no article states any more does not keep an
    /// entity alive.
    fn collect_unreferenced(
        &self,
        txn: &mut Transaction<'_>,
        candidates: &[NamedNode],
    ) -> Result<(), StoreError> {
        let eg = GraphName::NamedNode(self.entities_graph.clone());
        for entity in candidates {
            let referenced_as_object = txn
                .quads_for_pattern(None, None, Some(entity.as_ref().into()), None)
                .filter_map(Result::ok)
                .any(|q| q.graph_name != eg);
            let referenced_as_subject = txn
                .quads_for_pattern(Some(entity.as_ref().into()), None, None, None)
                .filter_map(Result::ok)
                .any(|q| q.graph_name != eg);
            if !referenced_as_object && !referenced_as_subject {
                let description: Vec<Quad> = txn
                    .quads_for_pattern(Some(entity.as_ref().into()), None, None, Some(eg.as_ref()))
                    .collect::<Result<_, _>>()?;
                for quad in &description {
                    txn.remove(quad);
                }
            }
        }
        Ok(())
    }

    /// Makes `label` the one `rdfs:label` of `iri`, demoting the `old` labels to `skos:altLabel`.
    fn set_label(&self, txn: &mut Transaction<'_>, iri: &NamedNode, label: &str, old: &[String]) {
        let eg = GraphNameRef::NamedNode(self.entities_graph.as_ref());
        for previous in old {
            let literal = Literal::new_simple_literal(previous);
            txn.remove(QuadRef::new(iri, rdfs::LABEL, &literal, eg));
            txn.insert(QuadRef::new(iri, other::SKOS_ALT_LABEL, &literal, eg));
        }
        txn.insert(QuadRef::new(
            iri,
            rdfs::LABEL,
            &Literal::new_simple_literal(label),
            eg,
        ));
    }

    /// Quads describing an entity in the entities graph, with the given label.
    fn description_quads(&self, description: &EntityDescription, label: &str) -> Vec<Quad> {
        let mut with_label = description.clone();
        with_label.names = BTreeSet::from([label.to_owned()]);
        with_label
            .aliases
            .extend(description.names.iter().filter(|n| *n != label).cloned());
        with_label.quads(&self.entities_graph)
    }
}

/// Quads handed to Oxigraph's bulk loader at a time: its default batch size, so that every batch
/// is a full one (one set of SST files) whatever the size of the batches given to
/// [`ArticleLoader::add`].
const BULK_BATCH: usize = 1_000_000;

/// New articles in one bulk commit at most: bounds the work a crash can lose and the memory of
/// the pending ids. A build of up to this many new articles is one bulk load.
const MAX_PENDING_ARTICLES: usize = 100_000;

/// Merged entity descriptions held until the bulk commit at most (they are written last, with the
/// label chosen across every article of the load).
const MAX_PENDING_ENTITIES: usize = 1_000_000;

/// Streams batches of mapped articles into the store (see [`NewsStore::article_loader`]).
///
/// New articles go into one Oxigraph bulk load that spans all the batches: their quads are
/// written to SST files as they come, and [`ArticleLoader::commit`] makes RocksDB ingest all the
/// files in one atomic step, so an article is never half loaded and one ingestion replaces the
/// many small ones (and the compactions between them) of a commit per batch. The entity
/// descriptions of the new articles are merged in memory across the whole load and written at
/// the commit, with the label chosen from every name seen and the labels already in the store.
/// Articles already in the store are replaced at once, one transaction each. An article id seen
/// again while its first version is still pending, or more than [`MAX_PENDING_ARTICLES`] new
/// articles, commit the pending load first. Dropping the loader without committing discards the
/// pending articles and deletes their files.
pub struct ArticleLoader<'a> {
    store: &'a NewsStore,
    bulk: Option<BulkLoader<'a>>,
    /// Quads not yet handed to the bulk loader (fewer than [`BULK_BATCH`]).
    buffer: Vec<Quad>,
    /// Graphs of the new articles in the pending bulk load.
    pending: HashSet<NamedNode>,
    /// Merged entity descriptions of the pending articles.
    entities: BTreeMap<NamedNode, EntityDescription>,
    /// Quads of the pending articles.
    pending_quads: usize,
    /// What the pending articles add to the summaries.
    counts: Delta,
    /// What was committed or replaced so far.
    summary: LoadSummary,
}

impl std::fmt::Debug for ArticleLoader<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ArticleLoader")
            .field("pending", &self.pending.len())
            .field("summary", &self.summary)
            .finish_non_exhaustive()
    }
}

impl ArticleLoader<'_> {
    /// Adds a batch of mapped articles. When an id occurs twice, the last one wins.
    pub fn add<I>(&mut self, articles: I) -> Result<(), StoreError>
    where
        I: IntoIterator,
        I::Item: ArticleSource,
    {
        let mut last: BTreeMap<NamedNode, MappedArticle> = BTreeMap::new();
        for article in articles {
            let article = article.into_article();
            last.insert(article.graph.clone(), article);
        }
        for article in last.into_values() {
            if self.pending.contains(&article.graph)
                || self.pending.len() >= MAX_PENDING_ARTICLES
                || self.entities.len() >= MAX_PENDING_ENTITIES
            {
                self.flush()?;
            }
            if self.store.contains_article(&article.graph)? {
                self.store.replace_article(&article)?;
                self.summary.replaced += 1;
                self.summary.quads += article.article_quads.len();
            } else {
                self.push(article)?;
            }
        }
        Ok(())
    }

    /// Articles added or replaced so far (the added ones are in the store once committed).
    pub fn articles(&self) -> usize {
        self.summary.added + self.summary.replaced + self.pending.len()
    }

    /// Commits the pending bulk load and returns what the loader did.
    pub fn commit(mut self) -> Result<LoadSummary, StoreError> {
        self.flush()?;
        Ok(self.summary)
    }

    /// Puts a new article into the pending bulk load.
    fn push(&mut self, article: MappedArticle) -> Result<(), StoreError> {
        for description in &article.entities {
            merge_description(&mut self.entities, description);
        }
        self.pending_quads +=
            article.article_quads.len() + article.fact_quads.len() + article.shared_quads.len();
        // What it adds to the summaries, kept until the commit (see `summary`).
        self.counts.add(&Counted::from_quads(
            &article.graph,
            article.article_quads.iter().map(Quad::as_ref),
        ));
        self.pending.insert(article.graph);
        // Fact triples that other articles (pending or in the store) already state are written
        // again: the store is a set, so they stay one quad.
        for quads in [
            article.article_quads,
            article.fact_quads,
            article.shared_quads,
        ] {
            for quad in quads {
                if self.buffer.capacity() == 0 {
                    self.buffer.reserve_exact(BULK_BATCH);
                }
                self.buffer.push(quad);
                if self.buffer.len() >= BULK_BATCH {
                    self.hand_over()?;
                }
            }
        }
        Ok(())
    }

    /// Hands the buffered quads to the bulk loader (which writes them to SST files in the
    /// background; nothing is visible before the commit).
    fn hand_over(&mut self) -> Result<(), StoreError> {
        let quads = std::mem::take(&mut self.buffer);
        let store = self.store;
        self.bulk
            .get_or_insert_with(|| store.store.bulk_loader())
            .load_quads(quads)?;
        Ok(())
    }

    /// Writes the merged entity descriptions and commits the pending bulk load.
    fn flush(&mut self) -> Result<(), StoreError> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let entities = std::mem::take(&mut self.entities);
        let descriptions = self.store.bulk_descriptions(&entities)?;
        drop(entities);
        self.pending_quads += descriptions.len();
        self.buffer.extend(descriptions);
        // The summaries: new rows are loaded with the articles, the others raised after the
        // commit (see `summary`).
        let mut counts = self.store.begin_summary(std::mem::take(&mut self.counts))?;
        let new_counts = counts.take_new_quads();
        self.pending_quads += new_counts.len();
        self.buffer.extend(new_counts);
        self.hand_over()?;
        if let Some(bulk) = self.bulk.take() {
            bulk.commit()?;
        }
        self.store.finish_summary(counts)?;
        self.summary.added += self.pending.len();
        self.summary.quads += self.pending_quads;
        self.pending.clear();
        self.pending_quads = 0;
        Ok(())
    }
}

/// The fact triples an article graph states (`s p o` of its `nk:Fact` nodes), as quads of the
/// facts graph.
fn stated(
    txn: &Transaction<'_>,
    graph: &NamedNode,
    facts_graph: &NamedNode,
) -> Result<Vec<Quad>, StoreError> {
    let g = GraphNameRef::NamedNode(graph.as_ref());
    let mut parts: HashMap<NamedOrBlankNode, [Option<Term>; 3]> = HashMap::new();
    for (slot, predicate) in [rdf::SUBJECT, rdf::PREDICATE, rdf::OBJECT]
        .iter()
        .enumerate()
    {
        for quad in txn.quads_for_pattern(None, Some(*predicate), None, Some(g)) {
            let quad = quad?;
            parts.entry(quad.subject).or_default()[slot] = Some(quad.object);
        }
    }
    let mut out = Vec::new();
    for (node, [s, p, o]) in parts {
        let (Some(Term::NamedNode(s)), Some(Term::NamedNode(p)), Some(o)) = (s, p, o) else {
            continue;
        };
        if !txn.contains(QuadRef::new(&node, rdf::TYPE, nk::FACT, g))? {
            continue; // link provenance (nk:Link) is not a fact
        }
        out.push(Quad::new(s, p, o, facts_graph.clone()));
    }
    let mut seen = HashSet::new();
    out.retain(|q| seen.insert(q.clone()));
    Ok(out)
}

/// Removes from the facts graph each of `candidates` that no fact node of any graph states any
/// more (looked up from the fact nodes whose `rdf:subject` is the triple's subject).
fn collect_unstated(txn: &mut Transaction<'_>, candidates: &[Quad]) -> Result<(), StoreError> {
    for quad in candidates {
        let subject: Term = quad.subject.clone().into();
        let mut still_stated = false;
        for node in txn.quads_for_pattern(None, Some(rdf::SUBJECT), Some(subject.as_ref()), None) {
            let node = node?;
            let g = node.graph_name.as_ref();
            if txn.contains(QuadRef::new(
                &node.subject,
                rdf::PREDICATE,
                &quad.predicate,
                g,
            ))? && txn.contains(QuadRef::new(&node.subject, rdf::OBJECT, &quad.object, g))?
                && txn.contains(QuadRef::new(&node.subject, rdf::TYPE, nk::FACT, g))?
            {
                still_stated = true;
                break;
            }
        }
        if !still_stated {
            txn.remove(quad);
        }
    }
    Ok(())
}

/// Entities an article graph mentions (and its publisher).
fn mentioned(txn: &Transaction<'_>, graph: &NamedNode) -> Result<Vec<NamedNode>, StoreError> {
    let mut out = Vec::new();
    for predicate in [nk::MENTIONS, nk::PUBLISHER] {
        for quad in txn.quads_for_pattern(
            Some(graph.as_ref().into()),
            Some(predicate),
            None,
            Some(graph.as_ref().into()),
        ) {
            if let Term::NamedNode(n) = quad?.object {
                out.push(n);
            }
        }
    }
    Ok(out)
}

fn labels(
    quads: impl Iterator<Item = Result<Quad, StorageError>>,
) -> Result<Vec<String>, StoreError> {
    let mut out = Vec::new();
    for quad in quads {
        if let Term::Literal(l) = quad?.object {
            out.push(l.value().to_owned());
        }
    }
    Ok(out)
}

/// The label to keep among the existing labels and the description's names, and the existing
/// labels that must become `skos:altLabel`.
fn choose_label(existing: &[String], description: &EntityDescription) -> (String, Vec<String>) {
    let label = preferred_label(
        existing
            .iter()
            .chain(&description.names)
            .map(String::as_str),
    )
    .unwrap_or_default()
    .to_owned();
    let old = existing.iter().filter(|l| **l != label).cloned().collect();
    (label, old)
}

fn merge_description(
    merged: &mut BTreeMap<NamedNode, EntityDescription>,
    description: &EntityDescription,
) {
    match merged.get_mut(&description.iri) {
        Some(m) => {
            m.types.extend(description.types.iter().cloned());
            m.names.extend(description.names.iter().cloned());
            m.aliases.extend(description.aliases.iter().cloned());
            m.same_as.extend(description.same_as.iter().cloned());
        }
        None => {
            merged.insert(description.iri.clone(), description.clone());
        }
    }
}
