//! The embedded Oxigraph store on disk: the only module that opens an Oxigraph [`Store`].
//!
//! A newskg store is a folder holding a RocksDB database and `newskg.json` (format version and
//! base IRI). The library API that other modules and teams code against:
//!
//! - [`NewsStore::open`] (read-write, creates the store if missing, brings the ontology graph up to
//!   date; a second writer gets [`StoreError::InUse`] at once), [`NewsStore::open_with_base`], [`NewsStore::open_read_only`];
//! - [`NewsStore::load_articles`] (new articles through the bulk loader, known ones replaced in
//!   transactions), [`NewsStore::replace_article`], [`NewsStore::remove_article`];
//! - [`NewsStore::query`] (predeclared prefixes, default graph = union of all graphs),
//!   [`NewsStore::list_articles`], [`NewsStore::stats`], [`NewsStore::dump`];
//! - [`NewsStore::oxigraph`] for raw access (the SPARQL server).
//!
//! Guarantees (see `docs/rdf-model.md`): an article graph is replaced or removed in one
//! transaction; a batch of new articles is committed by one atomic bulk-loader commit (RocksDB
//! ingests all its files at once or none), so an article is never half loaded. Entity descriptions
//! in the shared entities graph are merged: exactly one `rdfs:label` per entity, the
//! [`preferred_label`] of every canonical name seen.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::vocab::{rdf, rdfs};
use oxigraph::model::{
    GraphName, GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, QuadRef,
    Term,
};
use oxigraph::sparql::{QueryEvaluationError, QueryResults, SparqlEvaluator, SparqlSyntaxError};
use oxigraph::store::{StorageError, Store, Transaction};

use crate::iri::{Base, IriError};
use crate::map::{self, EntityDescription, MappedArticle, preferred_label};
use crate::ontology::Ontology;
use crate::vocab::{self, nk, other};

/// Default store folder.
pub const DEFAULT_STORE_DIR: &str = "newskg-store";
/// Name of the file recording the store format and base IRI.
pub const META_FILE: &str = "newskg.json";
/// The store format this version of newskg reads and writes.
pub const STORE_FORMAT: &str = "newskg-store/1";

/// Why the store could not do something.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Another process has the store open.
    #[error("store {} is in use by another newskg process (only one process can open a store; stop `newskg serve` or the other build first)", .0.display())]
    InUse(PathBuf),
    /// The store was made by another version of newskg.
    #[error("store {} has format {found:?}, this newskg reads {STORE_FORMAT:?}: rebuild it from your facts files (e.g. into a new --store folder)", path.display())]
    Version {
        /// The store folder.
        path: PathBuf,
        /// The format found.
        found: String,
    },
    /// There is no store at this path.
    #[error("no newskg store at {} (run `newskg build` first, or give --store / NEWSKG_STORE)", .0.display())]
    Missing(PathBuf),
    /// The folder is not a newskg store.
    #[error("{} is not a newskg store (no {META_FILE}); choose an empty or new folder", .0.display())]
    NotAStore(PathBuf),
    /// The store was built with another base IRI.
    #[error("store uses base IRI <{store}>, not <{given}>: use the same --base or another store")]
    BaseMismatch {
        /// Base recorded in the store.
        store: String,
        /// Base asked for.
        given: String,
    },
    /// `newskg.json` is unreadable.
    #[error("{}: {message}", path.display())]
    Meta {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// A file operation failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The database failed.
    #[error("storage: {0}")]
    Storage(#[from] StorageError),
    /// The query is not valid SPARQL (the message says where).
    #[error("SPARQL syntax error: {0}")]
    Syntax(#[from] SparqlSyntaxError),
    /// The query failed while running.
    #[error("query failed: {0}")]
    Query(#[from] QueryEvaluationError),
    /// Writing a serialisation failed.
    #[error("writing RDF: {0}")]
    Write(#[from] std::io::Error),
    /// An IRI could not be made.
    #[error(transparent)]
    Iri(#[from] IriError),
    /// The built-in ontology could not be read.
    #[error("ontology: {0}")]
    Ontology(#[from] crate::ontology::OntologyError),
    /// The format cannot hold what was asked (e.g. named graphs in Turtle).
    #[error("{0}")]
    Format(String),
}

/// One article of the store, as listed by [`NewsStore::list_articles`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleInfo {
    /// The article id.
    pub id: String,
    /// Its IRI (and graph name).
    pub iri: String,
    /// Headline, if any.
    pub title: Option<String>,
    /// Publication date, if any.
    pub date: Option<String>,
    /// Fact nodes in its graph.
    pub facts: usize,
    /// Entities it mentions.
    pub entities: usize,
    /// Quads in its graph.
    pub quads: usize,
}

/// Counts over the whole store.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Article graphs.
    pub articles: usize,
    /// Entities described in the entities graph.
    pub entities: usize,
    /// Fact nodes.
    pub facts: usize,
    /// Quads in all graphs (the ontology graph included).
    pub quads: usize,
    /// Named graphs.
    pub graphs: usize,
}

/// What [`NewsStore::load_articles`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LoadSummary {
    /// Articles added through the bulk loader.
    pub added: usize,
    /// Articles that were already in the store and were replaced.
    pub replaced: usize,
    /// Quads written (article graphs and entity descriptions, before deduplication by the store).
    pub quads: usize,
}

/// The newskg store: an Oxigraph store plus the base IRI its data was minted with.
#[derive(Clone)]
pub struct NewsStore {
    store: Store,
    path: PathBuf,
    base: Base,
    entities_graph: NamedNode,
}

impl std::fmt::Debug for NewsStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewsStore")
            .field("path", &self.path)
            .field("base", &self.base)
            .finish_non_exhaustive()
    }
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Meta {
    format: String,
    base: String,
}

impl NewsStore {
    /// Opens the store read-write, creating it (with the default base IRI) if missing.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        Self::open_with_base(path, None)
    }

    /// Opens the store read-write, creating it with `base` (or the default) if missing. An
    /// existing store built with another base is refused.
    pub fn open_with_base(path: &Path, base: Option<&Base>) -> Result<Self, StoreError> {
        let recorded = Self::check_meta(path)?;
        let base = match (recorded, base) {
            (Some(recorded), Some(given)) if recorded != *given => {
                return Err(StoreError::BaseMismatch {
                    store: recorded.as_str().to_owned(),
                    given: given.as_str().to_owned(),
                });
            }
            (Some(recorded), _) => recorded,
            (None, given) => {
                let base = given.cloned().unwrap_or_default();
                Self::write_meta(path, &base)?;
                base
            }
        };
        let store = Store::open(path).map_err(|e| in_use_or(e, path))?;
        remove_bulk_leftovers(path)?;
        let entities_graph = map::entities_graph(&base)?;
        let store = Self {
            store,
            path: path.to_owned(),
            base,
            entities_graph,
        };
        store.install_ontology(&builtin_news_ontology()?)?;
        Ok(store)
    }

    /// Opens an existing store read-write; [`StoreError::Missing`] when there is none.
    pub fn open_existing(path: &Path) -> Result<Self, StoreError> {
        if Self::check_meta(path)?.is_none() {
            return Err(StoreError::Missing(path.to_owned()));
        }
        Self::open_with_base(path, None)
    }

    /// Opens an existing store read-only. Only safe when no other process writes to it (RocksDB
    /// does not support a reader beside a writer in another process); the CLI therefore always uses
    /// [`NewsStore::open`], whose lock refuses a second process.
    pub fn open_read_only(path: &Path) -> Result<Self, StoreError> {
        let base = Self::check_meta(path)?.ok_or_else(|| StoreError::NotAStore(path.to_owned()))?;
        let store = Store::open_read_only(path).map_err(|e| in_use_or(e, path))?;
        let entities_graph = map::entities_graph(&base)?;
        Ok(Self {
            store,
            path: path.to_owned(),
            base,
            entities_graph,
        })
    }

    /// Reads `newskg.json`: `Some(base)` for a newskg store, `None` for a new (missing or empty)
    /// folder, an error otherwise.
    fn check_meta(path: &Path) -> Result<Option<Base>, StoreError> {
        let meta_path = path.join(META_FILE);
        match std::fs::read_to_string(&meta_path) {
            Ok(text) => {
                let bad = |message: String| StoreError::Meta {
                    path: meta_path.clone(),
                    message,
                };
                let meta: Meta = serde_json::from_str(&text).map_err(|e| bad(e.to_string()))?;
                if meta.format != STORE_FORMAT {
                    return Err(StoreError::Version {
                        path: path.to_owned(),
                        found: meta.format,
                    });
                }
                Ok(Some(Base::new(&meta.base).map_err(|e| bad(e.to_string()))?))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => match std::fs::read_dir(path) {
                Ok(entries) => {
                    // A folder holding only the temporary metadata of a creation that was
                    // interrupted is still a new store.
                    let tmp = format!("{META_FILE}.tmp");
                    if entries
                        .filter_map(Result::ok)
                        .any(|e| e.file_name().to_string_lossy() != tmp)
                    {
                        Err(StoreError::NotAStore(path.to_owned()))
                    } else {
                        Ok(None)
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(source) => Err(StoreError::Io {
                    path: path.to_owned(),
                    source,
                }),
            },
            Err(source) => Err(StoreError::Io {
                path: meta_path,
                source,
            }),
        }
    }

    /// Writes `newskg.json` (before RocksDB creates anything, so that a folder holding a database
    /// always says which format it has).
    fn write_meta(path: &Path, base: &Base) -> Result<(), StoreError> {
        let io = |p: &Path| {
            let p = p.to_owned();
            move |source| StoreError::Io { path: p, source }
        };
        std::fs::create_dir_all(path).map_err(io(path))?;
        let meta = Meta {
            format: STORE_FORMAT.to_owned(),
            base: base.as_str().to_owned(),
        };
        let text = serde_json::to_string_pretty(&meta).map_err(|e| StoreError::Meta {
            path: path.join(META_FILE),
            message: e.to_string(),
        })?;
        let tmp = path.join(format!("{META_FILE}.tmp"));
        std::fs::write(&tmp, text + "\n").map_err(io(&tmp))?;
        std::fs::rename(&tmp, path.join(META_FILE)).map_err(io(path))?;
        Ok(())
    }

    /// The underlying Oxigraph store (for the SPARQL protocol server and other raw uses).
    pub fn oxigraph(&self) -> &Store {
        &self.store
    }

    /// The store folder.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The base IRI of the store's instance data.
    pub fn base(&self) -> &Base {
        &self.base
    }

    /// The IRI of the shared entities graph.
    pub fn entities_graph(&self) -> &NamedNode {
        &self.entities_graph
    }

    /// Replaces the ontology graph `<https://w3id.org/newskg/ontology>` with the triples of the
    /// ontology (in one transaction; nothing is written when it is already up to date).
    pub fn install_ontology(&self, ontology: &Ontology) -> Result<(), StoreError> {
        let graph = NamedNode::new_unchecked(vocab::ONTOLOGY_GRAPH);
        let wanted: HashSet<Quad> = ontology
            .triples()
            .iter()
            .map(|t| t.clone().in_graph(graph.clone()))
            .collect();
        let present: HashSet<Quad> = self
            .store
            .quads_for_pattern(None, None, None, Some(graph.as_ref().into()))
            .collect::<Result<_, _>>()?;
        if wanted == present {
            return Ok(());
        }
        let mut txn = self.store.start_transaction()?;
        txn.clear_graph(graph.as_ref())?;
        txn.extend(&wanted);
        txn.commit()?;
        Ok(())
    }

    /// Whether the store holds the graph of this article.
    pub fn contains_article(&self, graph: &NamedNode) -> Result<bool, StoreError> {
        Ok(self.store.contains_named_graph(graph)?)
    }

    /// Loads mapped articles: articles not yet in the store go through Oxigraph's bulk loader in
    /// one atomic commit; articles already in the store are replaced one transaction each. When an
    /// id occurs twice, the last one wins.
    pub fn load_articles(&self, articles: &[MappedArticle]) -> Result<LoadSummary, StoreError> {
        let mut last: BTreeMap<&NamedNode, &MappedArticle> = BTreeMap::new();
        for article in articles {
            last.insert(&article.graph, article);
        }
        let mut summary = LoadSummary::default();
        let mut new = Vec::new();
        for article in last.into_values() {
            if self.contains_article(&article.graph)? {
                self.replace_article(article)?;
                summary.replaced += 1;
                summary.quads += article.article_quads.len();
            } else {
                new.push(article);
            }
        }
        if !new.is_empty() {
            summary.quads += self.bulk_add(&new)?;
            summary.added = new.len();
        }
        Ok(summary)
    }

    /// Adds new articles through the bulk loader. Label merges that must delete an existing label
    /// run first in a transaction (a crash between the two leaves a consistent store that a re-run
    /// completes); then every quad of the batch goes into one atomic bulk commit.
    fn bulk_add(&self, articles: &[&MappedArticle]) -> Result<usize, StoreError> {
        let mut merged: BTreeMap<NamedNode, EntityDescription> = BTreeMap::new();
        for article in articles {
            for description in &article.entities {
                merge_description(&mut merged, description);
            }
        }
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
        for article in articles {
            quads.extend(article.article_quads.iter().cloned());
            quads.extend(article.shared_quads.iter().cloned());
        }
        let count = quads.len();
        let mut loader = self.store.bulk_loader();
        loader.load_quads(quads)?;
        loader.commit()?;
        Ok(count)
    }

    /// Replaces (or adds) one article in a single transaction: its graph is cleared and rewritten,
    /// its entity descriptions merged into the entities graph, and entities that only the old
    /// version of the article mentioned are removed from the entities graph.
    pub fn replace_article(&self, mapped: &MappedArticle) -> Result<(), StoreError> {
        let mut txn = self.store.start_transaction()?;
        let before = mentioned(&txn, &mapped.graph)?;
        txn.clear_graph(mapped.graph.as_ref())?;
        txn.extend(&mapped.article_quads);
        txn.extend(&mapped.shared_quads);
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
        let mut txn = self.store.start_transaction()?;
        let before = mentioned(&txn, &graph)?;
        txn.remove_named_graph(graph.as_ref())?;
        self.collect_unreferenced(&mut txn, &before)?;
        txn.commit()?;
        Ok(true)
    }

    /// Deletes the entities-graph description of each candidate that no quad of another graph
    /// (other than the entities graph) mentions as subject or object.
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

    /// Runs a SPARQL query with the prefixes nk rdf rdfs owl xsd schema skos prov wd (and dcterms,
    /// sem) predeclared and the union of all graphs as default graph (unless the query has `FROM`).
    pub fn query(&self, sparql: &str) -> Result<QueryResults<'static>, StoreError> {
        let mut evaluator = SparqlEvaluator::new();
        for (prefix, iri) in vocab::PREFIXES {
            evaluator = evaluator
                .with_prefix(prefix, iri)
                .map_err(|e| StoreError::Format(format!("bad prefix {prefix}: {e}")))?;
        }
        let mut prepared = evaluator.parse_query(sparql)?;
        if prepared.dataset().is_default_dataset() {
            prepared.dataset_mut().set_default_graph_as_union();
        }
        Ok(prepared.on_store(&self.store).execute()?)
    }

    /// The articles in the store, sorted by id, with their counts.
    pub fn list_articles(&self) -> Result<Vec<ArticleInfo>, StoreError> {
        let prefix = self.base.join("article/")?;
        let mut articles = Vec::new();
        for graph in self.store.named_graphs() {
            let NamedOrBlankNode::NamedNode(graph) = graph? else {
                continue;
            };
            let Some(encoded) = graph.as_str().strip_prefix(&prefix) else {
                continue;
            };
            if !self
                .store
                .contains(QuadRef::new(&graph, rdf::TYPE, nk::ARTICLE, &graph))?
            {
                continue;
            }
            let g = GraphNameRef::NamedNode(graph.as_ref());
            let literal = |p: NamedNodeRef<'_>| -> Result<Option<String>, StoreError> {
                Ok(self
                    .store
                    .quads_for_pattern(Some(graph.as_ref().into()), Some(p), None, Some(g))
                    .next()
                    .transpose()?
                    .and_then(|q| match q.object {
                        Term::Literal(l) => Some(l.value().to_owned()),
                        _ => None,
                    }))
            };
            let count = |s: Option<NamedNodeRef<'_>>,
                         p: Option<NamedNodeRef<'_>>,
                         o: Option<NamedNodeRef<'_>>| {
                self.store
                    .quads_for_pattern(s.map(Into::into), p, o.map(Into::into), Some(g))
                    .count()
            };
            articles.push(ArticleInfo {
                id: crate::iri::pct_decode(encoded),
                iri: graph.as_str().to_owned(),
                title: literal(nk::TITLE)?,
                date: literal(nk::DATE_PUBLISHED)?,
                facts: count(None, Some(rdf::TYPE), Some(nk::FACT)),
                entities: count(Some(graph.as_ref()), Some(nk::MENTIONS), None),
                quads: count(None, None, None),
            });
        }
        articles.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(articles)
    }

    /// Counts over the whole store.
    pub fn stats(&self) -> Result<Stats, StoreError> {
        let eg = GraphNameRef::NamedNode(self.entities_graph.as_ref());
        let mut entities = HashSet::new();
        for quad in self
            .store
            .quads_for_pattern(None, Some(rdf::TYPE), None, Some(eg))
        {
            entities.insert(quad?.subject);
        }
        Ok(Stats {
            articles: self
                .store
                .quads_for_pattern(None, Some(rdf::TYPE), Some(nk::ARTICLE.into()), None)
                .count(),
            entities: entities.len(),
            facts: self
                .store
                .quads_for_pattern(None, Some(rdf::TYPE), Some(nk::FACT.into()), None)
                .count(),
            quads: self.store.len()?,
            graphs: self.store.named_graphs().count(),
        })
    }

    /// Writes the store (or one graph) in `format` to `writer`. Dataset formats (N-Quads, TriG,
    /// JSON-LD) keep graph names; graph formats (Turtle, N-Triples, RDF/XML) get the union of the
    /// graphs, written graph by graph (subjects grouped within each graph, a triple stated in two
    /// graphs written twice). `prefixes` are declared where the format supports them.
    pub fn dump<W: Write>(
        &self,
        format: RdfFormat,
        graph: Option<&NamedNode>,
        prefixes: &[(String, String)],
        writer: W,
    ) -> Result<W, StoreError> {
        let mut serializer = RdfSerializer::from_format(format);
        for (prefix, iri) in prefixes {
            serializer = serializer
                .with_prefix(prefix.as_str(), iri.as_str())
                .map_err(|e| StoreError::Format(format!("bad prefix {prefix}: {e}")))?;
        }
        let mut out = serializer.for_writer(writer);
        let datasets = format.supports_datasets();
        let graphs: Vec<GraphName> = match graph {
            Some(g) => {
                if !self.store.contains_named_graph(g)? {
                    return Err(StoreError::Format(format!(
                        "no graph <{}> in the store",
                        g.as_str()
                    )));
                }
                vec![GraphName::NamedNode(g.clone())]
            }
            None => {
                let mut all = vec![GraphName::DefaultGraph];
                for g in self.store.named_graphs() {
                    all.push(g?.into());
                }
                all
            }
        };
        for g in &graphs {
            for quad in self
                .store
                .quads_for_pattern(None, None, None, Some(g.as_ref()))
            {
                let quad = quad?;
                if datasets {
                    out.serialize_quad(&quad)?;
                } else {
                    out.serialize_triple(quad.as_ref())?;
                }
            }
        }
        Ok(out.finish()?)
    }

    /// Flushes and compacts the database (optional; makes the folder smaller).
    pub fn optimize(&self) -> Result<(), StoreError> {
        self.store.optimize()?;
        Ok(())
    }
}

/// The news ontology alone (`ontology/news.ttl`, without the extractor's lexicon), as compiled
/// into the binary: what goes into the ontology graph.
pub fn builtin_news_ontology() -> Result<Ontology, crate::ontology::OntologyError> {
    Ontology::from_sources(
        crate::ontology::BUILTIN_FILES
            .iter()
            .filter(|(name, _)| *name == "news.ttl")
            .map(|(name, text)| ((*name).to_owned(), (*text).to_owned())),
    )
}

/// Deletes the temporary SST files of a bulk load that was interrupted (killed process, full
/// disk): `bulk-*.sst` in the store folder, which Oxigraph's bulk loader writes before RocksDB
/// ingests them (RocksDB links ingested files under its own names, so it never refers to these).
/// Only called with the store's lock held and before this process starts a bulk load, so every
/// such file is garbage that would otherwise stay in the folder for ever.
fn remove_bulk_leftovers(path: &Path) -> Result<(), StoreError> {
    let io = |source| StoreError::Io {
        path: path.to_owned(),
        source,
    };
    for entry in std::fs::read_dir(path).map_err(io)? {
        let entry = entry.map_err(io)?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with("bulk-") && name.ends_with(".sst") {
            match std::fs::remove_file(entry.path()) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(io(e)),
                _ => {}
            }
        }
    }
    Ok(())
}

/// Maps a RocksDB lock failure to [`StoreError::InUse`].
fn in_use_or(error: StorageError, path: &Path) -> StoreError {
    let message = error.to_string();
    if message.contains("lock") || message.contains("LOCK") {
        StoreError::InUse(path.to_owned())
    } else {
        StoreError::Storage(error)
    }
}

/// Entities an article graph mentions.
fn mentioned(txn: &Transaction<'_>, graph: &NamedNode) -> Result<Vec<NamedNode>, StoreError> {
    let mut out = Vec::new();
    for quad in txn.quads_for_pattern(
        Some(graph.as_ref().into()),
        Some(nk::MENTIONS),
        None,
        Some(graph.as_ref().into()),
    ) {
        if let Term::NamedNode(n) = quad?.object {
            out.push(n);
        }
    }
    for quad in txn.quads_for_pattern(
        Some(graph.as_ref().into()),
        Some(nk::PUBLISHER),
        None,
        Some(graph.as_ref().into()),
    ) {
        if let Term::NamedNode(n) = quad?.object {
            out.push(n);
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
