//! Facts → RDF quads under the news ontology, with deterministic IRIs and provenance.
//!
//! One [`FactsDocument`] becomes one [`MappedArticle`]:
//! - the **article graph** (named by the article IRI `{base}article/{id}`): the article's metadata
//!   (with its ISO week, `nk:publishedWeek`), `nk:mentions` of its entities, article-scoped nodes
//!   (events, quotations) and, for each fact, a fact node `{article}/fact/{hash}` (an `nk:Fact`,
//!   i.e. an `rdf:Statement`) with its evidence sentence, offsets, modality, confidence and
//!   extractor;
//! - the **fact triples** `s p o` themselves, in the shared facts graph `{base}graph/facts`, where
//!   a triple that several articles state is one quad (so the union of all graphs holds every
//!   triple once);
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
    /// The IRI of the shared facts graph.
    pub facts_graph: NamedNode,
    /// Quads of the article graph (all in [`Self::graph`]), in a deterministic order, without duplicates.
    pub article_quads: Vec<Quad>,
    /// The asserted fact triples `s p o` (all in [`Self::facts_graph`]), without duplicates. Other
    /// articles may state the same triples; the store keeps each once and removes it when no
    /// article states it any more.
    pub fact_quads: Vec<Quad>,
    /// Descriptions of shared entities, sorted by IRI.
    pub entities: Vec<EntityDescription>,
    /// Other quads of the entities graph that need no merging: the description of the extractors
    /// (`{base}extractor/{name}/{version}`), shared by all articles they processed.
    pub shared_quads: Vec<Quad>,
    /// Counts.
    pub counts: MapCounts,
}

impl MappedArticle {
    /// Every quad: the article graph, the fact triples in the facts graph, then the entity
    /// descriptions in the entities graph (each as if it were the only description of its entity;
    /// the store merges labels across articles).
    pub fn quads(&self) -> impl Iterator<Item = Quad> + '_ {
        self.article_quads
            .iter()
            .cloned()
            .chain(self.fact_quads.iter().cloned())
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
            + self.fact_quads.len()
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

/// The IRI of the shared facts graph: `{base}graph/facts`.
pub fn facts_graph(base: &Base) -> Result<NamedNode, IriError> {
    Ok(NamedNode::new_unchecked(base.join("graph/facts")?))
}

/// The ISO 8601 week of a date `YYYY-MM-DD`, as `YYYY-Www` (`2026-12-21` → `2026-W52`,
/// `2027-01-01` → `2026-W53`); `None` when `date` is not a valid date.
pub fn iso_week(date: &str) -> Option<String> {
    if !is_iso_date(date) {
        return None;
    }
    let year: i64 = date.get(0..4)?.parse().ok()?;
    let month: i64 = date.get(5..7)?.parse().ok()?;
    let day: i64 = date.get(8..10)?.parse().ok()?;
    let ordinal = day_of_year(year, month, day);
    let weekday = weekday(year, month, day); // 1 = Monday … 7 = Sunday
    let week = (ordinal - weekday + 10) / 7;
    let (year, week) = if week < 1 {
        (year - 1, weeks_in_year(year - 1))
    } else if week > weeks_in_year(year) {
        (year + 1, 1)
    } else {
        (year, week)
    };
    Some(format!("{year:04}-W{week:02}"))
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn day_of_year(year: i64, month: i64, day: i64) -> i64 {
    const CUMULATIVE: [i64; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    let before = CUMULATIVE[usize::try_from(month - 1).unwrap_or(0).min(11)];
    before + day + i64::from(month > 2 && is_leap(year))
}

/// ISO weekday (1 = Monday … 7 = Sunday), from the days since 1970-01-01 (a Thursday).
fn weekday(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    (days + 3).rem_euclid(7) + 1
}

/// 53 when the year starts on a Thursday, or is a leap year starting on a Wednesday; else 52.
fn weeks_in_year(year: i64) -> i64 {
    let jan1 = weekday(year, 1, 1);
    if jan1 == 4 || (jan1 == 3 && is_leap(year)) {
        53
    } else {
        52
    }
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
