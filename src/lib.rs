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
//! - [`server`]: the SPARQL endpoint and pages for people (`newskg serve`);
//! - [`push`]: send the graphs to another triple store (Graph Store Protocol or SPARQL Update);
//! - [`ontology`]: the news ontology read from `ontology/*.ttl`, the single source of truth.
#![deny(missing_docs)]

pub mod extract;
pub mod facts;
pub mod ontology;
pub mod push;
pub mod server;

pub use facts::FactsDocument;
pub use ontology::Ontology;
