//! # newskg
//!
//! Turns news articles into a linked, queryable RDF knowledge graph.
//!
//! One straight pipeline, one module per stage:
//!
//! ```text
//! text ──extract──▶ facts ──map──▶ quads ──store──▶ query / export / serve / push
//! ```
//!
//! - [`extract`]: English news text → [`facts::FactsDocument`] (rule-based, offline);
//! - [`facts`]: the interchange format (plain serde types) and its validation;
//! - [`map`]: facts → RDF quads under the news ontology, with deterministic IRIs and provenance;
//! - [`store`]: the embedded Oxigraph store on disk: load, replace, remove, query, dump;
//! - [`link`]: entity linking into a knowledge base (Wikidata), between extract and map;
//! - [`ontology`]: the news ontology read from `ontology/*.ttl`, the single source of truth;
//! - [`server`]: the SPARQL endpoint and pages for people (`newskg serve`);
//! - [`push`]: send the graphs to another triple store (Graph Store Protocol or SPARQL Update);
//! - [`read`]: reading facts files (`.json`, `.jsonl`, `.gz`) and folders;
//! - [`export`](mod@export): the export formats;
//! - [`iri`] and [`vocab`]: IRI minting and the vocabulary constants.
#![deny(missing_docs)]

pub mod export;
pub mod extract;
pub mod facts;
pub mod iri;
pub mod link;
pub mod map;
pub mod ontology;
pub mod push;
pub mod read;
pub mod server;
pub mod store;
pub mod vocab;

pub use export::{ExportFormat, export};
pub use facts::FactsDocument;
pub use iri::Base;
pub use map::{MapError, MapOptions, MappedArticle, map_document};
pub use ontology::Ontology;
pub use read::{InputKind, ReadError};
pub use store::{NewsStore, StoreError};
