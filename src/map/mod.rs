//! Facts → RDF quads under the news ontology, with deterministic IRIs and provenance.
//!
//! One [`FactsDocument`] becomes one [`MappedArticle`]:
//! - the **article graph** (named by the article IRI `{base}article/{id}`): the article's metadata,
//!   `nk:mentions` of its entities, article-scoped nodes (events, quotations), every fact triple
//!   `s p o` and, for each, a fact node `{article}/fact/{hash}` (an `nk:Fact`, i.e. an
//!   `rdf:Statement`) with its evidence sentence, offsets, modality, confidence and extractor;
//! - **entity descriptions** for the shared entities graph `{base}graph/entities`: type, candidate
//!   labels, aliases and `owl:sameAs` links. The store merges them with what other articles say
//!   (see [`EntityDescription`] and `docs/rdf-model.md`).
//!
//! No blank nodes; no clock reading (a generation time is written only when the caller passes one
//! in [`MapOptions::timestamps`]). The same document and options always give the same quads.

use std::collections::BTreeSet;

use oxigraph::model::vocab::{rdf, rdfs};
use oxigraph::model::{GraphName, Literal, NamedNode, Quad};

use crate::facts::{FactsDocument, FactsError, is_iso_date};
use crate::iri::{Base, IriError, pct_encode};
use crate::ontology::Ontology;
use crate::vocab::other;

mod mapper;
#[cfg(test)]
mod tests;

/// Options of the mapping.
#[derive(Debug, Clone, Default)]
pub struct MapOptions {
    /// Base IRI of instance data (default `https://w3id.org/newskg/id/`).
    pub base: Base,
    /// When set, an `xsd:dateTime` lexical form (`2026-01-31T12:00:00Z`) written as
    /// `prov:generatedAtTime` of every fact node. Off by default, so that the same input gives the
    /// same quads.
    pub timestamps: Option<String>,
}

/// Why a document could not be mapped.
#[derive(Debug, thiserror::Error)]
pub enum MapError {
    /// The document failed validation; every problem, each with its JSON path.
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Invalid(Vec<FactsError>),
    /// An IRI could not be minted (e.g. a bad base).
    #[error(transparent)]
    Iri(#[from] IriError),
    /// A timestamp is not a valid `xsd:dateTime`.
    #[error("invalid timestamp {0:?}")]
    Timestamp(String),
}

/// What the article says about one shared entity, to be merged into the entities graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityDescription {
    /// The entity IRI.
    pub iri: NamedNode,
    /// Its classes (`nk:Person`...).
    pub types: BTreeSet<NamedNode>,
    /// Canonical names this article gives it (usually one). The entities graph keeps exactly one
    /// `rdfs:label` per entity, the [`preferred_label`] of all canonical names seen; the others
    /// become `skos:altLabel`.
    pub names: BTreeSet<String>,
    /// Other names (`skos:altLabel`).
    pub aliases: BTreeSet<String>,
    /// External IRIs of the same thing (`owl:sameAs`).
    pub same_as: BTreeSet<NamedNode>,
}

impl EntityDescription {
    /// The quads of this description alone (label = preferred of its own names), in `graph`.
    pub fn quads(&self, graph: &NamedNode) -> Vec<Quad> {
        let label = preferred_label(self.names.iter().map(String::as_str));
        let g = GraphName::NamedNode(graph.clone());
        let mut quads = Vec::new();
        for ty in &self.types {
            quads.push(Quad::new(
                self.iri.clone(),
                rdf::TYPE,
                ty.clone(),
                g.clone(),
            ));
        }
        if let Some(label) = label {
            quads.push(Quad::new(
                self.iri.clone(),
                rdfs::LABEL,
                Literal::new_simple_literal(label),
                g.clone(),
            ));
        }
        for alias in self.names.iter().chain(&self.aliases) {
            if Some(alias.as_str()) != label {
                quads.push(Quad::new(
                    self.iri.clone(),
                    other::SKOS_ALT_LABEL,
                    Literal::new_simple_literal(alias),
                    g.clone(),
                ));
            }
        }
        for same in &self.same_as {
            quads.push(Quad::new(
                self.iri.clone(),
                other::OWL_SAME_AS,
                same.clone(),
                g.clone(),
            ));
        }
        dedup(&mut quads);
        quads
    }
}

/// The label chosen among candidate canonical names: the longest (in characters), ties broken by
/// the smallest in code point order. Independent of the order in which names are seen, so a store
/// built from the same articles in any order has the same labels.
pub fn preferred_label<'a>(names: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    names.into_iter().min_by(|a, b| {
        b.chars()
            .count()
            .cmp(&a.chars().count())
            .then_with(|| a.cmp(b))
    })
}

/// Counts of what one article maps to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MapCounts {
    /// Distinct entity nodes (shared and article-scoped).
    pub entities: usize,
    /// Fact nodes.
    pub facts: usize,
}

/// One article mapped to RDF: its named graph and the entity descriptions for the shared graph.
#[derive(Debug, Clone)]
pub struct MappedArticle {
    /// The article id.
    pub id: String,
    /// The article IRI, also the name of its graph.
    pub graph: NamedNode,
    /// The IRI of the shared entities graph.
    pub entities_graph: NamedNode,
    /// Quads of the article graph (all in [`Self::graph`]), in a deterministic order, without duplicates.
    pub article_quads: Vec<Quad>,
    /// Descriptions of shared entities, sorted by IRI.
    pub entities: Vec<EntityDescription>,
    /// Other quads of the entities graph that need no merging: the description of the extractors
    /// (`{base}extractor/{name}/{version}`), shared by all articles they processed.
    pub shared_quads: Vec<Quad>,
    /// Counts.
    pub counts: MapCounts,
}

impl MappedArticle {
    /// Every quad: the article graph, then the entity descriptions in the entities graph (each as
    /// if it were the only description of its entity; the store merges labels across articles).
    pub fn quads(&self) -> impl Iterator<Item = Quad> + '_ {
        self.article_quads
            .iter()
            .cloned()
            .chain(
                self.entities
                    .iter()
                    .flat_map(|e| e.quads(&self.entities_graph)),
            )
            .chain(self.shared_quads.iter().cloned())
    }

    /// Number of quads of [`Self::quads`].
    pub fn len(&self) -> usize {
        self.article_quads.len()
            + self
                .entities
                .iter()
                .map(|e| e.quads(&self.entities_graph).len())
                .sum::<usize>()
            + self.shared_quads.len()
    }

    /// Whether the mapping has no quad (never: an article always has its type).
    pub fn is_empty(&self) -> bool {
        self.article_quads.is_empty() && self.entities.is_empty()
    }
}

/// The IRI of an article: `{base}article/{percent-encoded id}`.
pub fn article_iri(base: &Base, id: &str) -> Result<NamedNode, IriError> {
    Ok(NamedNode::new_unchecked(
        base.join(&format!("article/{}", pct_encode(id)))?,
    ))
}

/// The IRI of the shared entities graph: `{base}graph/entities`.
pub fn entities_graph(base: &Base) -> Result<NamedNode, IriError> {
    Ok(NamedNode::new_unchecked(base.join("graph/entities")?))
}

/// Validates `doc` against `ontology`, then maps it.
pub fn map_document(
    doc: &FactsDocument,
    ontology: &Ontology,
    options: &MapOptions,
) -> Result<MappedArticle, MapError> {
    doc.validate(ontology).map_err(MapError::Invalid)?;
    if let Some(ts) = &options.timestamps {
        if !is_date_time(ts) {
            return Err(MapError::Timestamp(ts.clone()));
        }
    }
    mapper::map(doc, ontology, options)
}

/// `YYYY-MM-DDThh:mm:ss(.s+)?(Z|±hh:mm)?`, checked loosely on shape and the date part.
fn is_date_time(s: &str) -> bool {
    let Some((date, time)) = s.split_once('T') else {
        return false;
    };
    is_iso_date(date)
        && time.len() >= 8
        && time.as_bytes()[2] == b':'
        && time.as_bytes()[5] == b':'
        && time
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b':' | b'.' | b'Z' | b'+' | b'-'))
}
/// Removes repeated quads, keeping the first of each (the order stays deterministic).
pub(crate) fn dedup(quads: &mut Vec<Quad>) {
    let keep: Vec<bool> = {
        let mut seen = std::collections::HashSet::with_capacity(quads.len());
        quads.iter().map(|q| seen.insert(q)).collect()
    };
    let mut flags = keep.into_iter();
    quads.retain(|_| flags.next().unwrap_or(true));
}
