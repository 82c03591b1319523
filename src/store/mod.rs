//! The embedded Oxigraph store on disk: the only module that opens an Oxigraph [`Store`].
//!
//! A newskg store is a folder holding a RocksDB database and `newskg.json` (format version and
//! base IRI). The library API that other modules and teams code against:
//!
//! - [`NewsStore::open`] (read-write, creates the store if missing, brings the ontology graph up to
//!   date; a second writer gets [`StoreError::InUse`] at once), [`NewsStore::open_with_base`], [`NewsStore::open_read_only`];
//! - [`NewsStore::load_articles`] (new articles through the bulk loader, known ones replaced in
//!   transactions), [`NewsStore::article_loader`] (the same for a stream of batches, with one bulk
//!   commit for all of them), [`NewsStore::replace_article`], [`NewsStore::remove_article`];
//! - [`NewsStore::repair_summary`], [`NewsStore::recount_summary`],
//!   [`NewsStore::mark_summary_stale`] and [`NewsStore::mark_entities_stale`]: the summary graph
//!   (per-week mention counts, per-trip travel summaries), which the write paths keep up to date
//!   (module `summary`);
//! - [`NewsStore::query`] (predeclared prefixes, default graph = union of all graphs),
//!   [`NewsStore::list_articles`], [`NewsStore::stats`], [`NewsStore::dump`];
//! - [`NewsStore::oxigraph`] for raw access (the SPARQL server).
//!
//! Guarantees (see `docs/rdf-model.md`): an article graph is replaced or removed in one
//! transaction; a batch of new articles is committed by one atomic bulk-loader commit (RocksDB
//! ingests all its files at once or none), so an article is never half loaded. Entity descriptions
//! in the shared entities graph are merged: exactly one `rdfs:label` per entity, the
//! [`preferred_label`] of every canonical name seen.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::vocab::rdf;
use oxigraph::model::{
    GraphName, GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, QuadRef, Term,
};
use oxigraph::sparql::{QueryEvaluationError, QueryResults, SparqlEvaluator, SparqlSyntaxError};
use oxigraph::store::{StorageError, Store};

use crate::iri::{Base, IriError};
use crate::map;
use crate::ontology::Ontology;
use crate::vocab::{self, nk};

mod load;
mod summary;

pub use load::{ArticleLoader, ArticleSource};
pub use summary::{TOP, summary_graph};

/// Default store folder.
pub const DEFAULT_STORE_DIR: &str = "newskg-store";
/// Name of the file recording the store format and base IRI.
pub const META_FILE: &str = "newskg.json";
/// The store format this version of newskg reads and writes.
pub const STORE_FORMAT: &str = "newskg-store/2";

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
    /// Entities described in the shared entities graph (people, organisations, places,
    /// positions; not the article-scoped events and quotations, nor the extractors).
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
    facts_graph: NamedNode,
    summary_graph: NamedNode,
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
        let facts_graph = map::facts_graph(&base)?;
        let summary_graph = summary_graph(&base)?;
        let store = Self {
            store,
            path: path.to_owned(),
            base,
            entities_graph,
            facts_graph,
            summary_graph,
        };
        store.install_ontology(&builtin_news_ontology()?)?;
        store.repair_summary()?;
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
        let facts_graph = map::facts_graph(&base)?;
        let summary_graph = summary_graph(&base)?;
        Ok(Self {
            store,
            path: path.to_owned(),
            base,
            entities_graph,
            facts_graph,
            summary_graph,
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

    /// The IRI of the shared facts graph (every asserted fact triple, once).
    pub fn facts_graph(&self) -> &NamedNode {
        &self.facts_graph
    }

    /// The IRI of the summary graph (per-week mention counts, see `docs/rdf-model.md`).
    pub fn summary_graph(&self) -> &NamedNode {
        &self.summary_graph
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

    /// Number of articles in the store (cheap: one index scan).
    pub fn article_count(&self) -> Result<usize, StoreError> {
        let mut n = 0;
        for quad in
            self.store
                .quads_for_pattern(None, Some(rdf::TYPE), Some(nk::ARTICLE.into()), None)
        {
            quad?;
            n += 1;
        }
        Ok(n)
    }

    /// Counts over the whole store (scans it: seconds on a large store).
    pub fn stats(&self) -> Result<Stats, StoreError> {
        let eg = GraphNameRef::NamedNode(self.entities_graph.as_ref());
        let mut entities = HashSet::new();
        let mut extractors = HashSet::new();
        for quad in self
            .store
            .quads_for_pattern(None, Some(rdf::TYPE), None, Some(eg))
        {
            let quad = quad?;
            if quad.object == Term::NamedNode(nk::EXTRACTOR.into_owned()) {
                extractors.insert(quad.subject);
            } else {
                entities.insert(quad.subject);
            }
        }
        entities.retain(|e| !extractors.contains(e));
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
