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

use std::collections::{BTreeMap, BTreeSet, HashMap};

use oxigraph::model::vocab::{rdf, rdfs, xsd};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedNodeRef, Quad, Term};

use crate::facts::{
    Entity, Extractor, Fact, FactsDocument, FactsError, Span, TimeExpression, is_iso_date,
};
use crate::iri::{Base, IriError, fnv64_hex, pct_encode, slug, wikidata_qid};
use crate::ontology::{Ontology, PropertyKind};
use crate::vocab::{nk, other, prov};

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
    Mapper {
        doc,
        ontology,
        options,
        quads: Vec::new(),
        shared: Vec::new(),
        graph: article_iri(&options.base, &doc.article.id)?,
        entities_graph: entities_graph(&options.base)?,
    }
    .run()
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

/// The kind of node an entity becomes, from its class.
enum Scope {
    /// Shared across articles: `{base}{group}/{slug}`, described in the entities graph.
    Shared(&'static str),
    /// Scoped to the article: `{article}/{segment}/{slug or hash}`, described in the article graph.
    Article(&'static str),
}

fn scope_of(ontology: &Ontology, kind: &str) -> Scope {
    let is = |ancestor| ontology.is_subclass_of(kind, ancestor);
    if is("Person") {
        Scope::Shared("person")
    } else if is("Organization") {
        Scope::Shared("organization")
    } else if is("Place") {
        Scope::Shared("place")
    } else if is("Position") {
        Scope::Shared("position")
    } else if is("Event") {
        Scope::Article("event")
    } else if is("Quotation") {
        Scope::Article("quote")
    } else {
        Scope::Shared("entity")
    }
}

struct Mapper<'a> {
    doc: &'a FactsDocument,
    ontology: &'a Ontology,
    options: &'a MapOptions,
    graph: NamedNode,
    entities_graph: NamedNode,
    quads: Vec<Quad>,
    shared: Vec<Quad>,
}

impl Mapper<'_> {
    fn add(&mut self, s: impl Into<NamedNode>, p: NamedNodeRef<'_>, o: impl Into<Term>) {
        self.quads.push(Quad::new(
            s.into(),
            p,
            o,
            GraphName::NamedNode(self.graph.clone()),
        ));
    }

    fn run(mut self) -> Result<MappedArticle, MapError> {
        let (doc, ontology, options) = (self.doc, self.ontology, self.options);
        let base = &options.base;
        let graph = self.graph.clone();
        let article = &doc.article;
        let chars = article.text.as_deref().map(CharIndex::new);

        // Article metadata.
        self.add(graph.clone(), rdf::TYPE, nk::ARTICLE);
        if let Some(title) = &article.title {
            self.add(graph.clone(), nk::TITLE, Literal::new_simple_literal(title));
        }
        if let Some(date) = &article.date {
            self.add(
                graph.clone(),
                nk::DATE_PUBLISHED,
                Literal::new_typed_literal(date, xsd::DATE),
            );
        }
        if let Some(dateline) = &article.dateline {
            self.add(
                graph.clone(),
                nk::DATELINE,
                Literal::new_simple_literal(dateline),
            );
        }
        if let Some(url) = &article.url {
            self.add(
                graph.clone(),
                nk::URL,
                Literal::new_typed_literal(url, xsd::ANY_URI),
            );
        }
        let mut shared: BTreeMap<NamedNode, EntityDescription> = BTreeMap::new();
        if let Some(publisher) = &article.publisher {
            let iri =
                NamedNode::new_unchecked(base.join(&format!("organization/{}", slug(publisher)))?);
            self.add(graph.clone(), nk::PUBLISHER, iri.clone());
            describe(
                &mut shared,
                &iri,
                nk::ORGANIZATION.into_owned(),
                publisher,
                &[],
                &[],
            );
        }

        // Entities.
        let mut iris: HashMap<&str, NamedNode> = HashMap::new();
        let mut scoped_used: HashMap<NamedNode, &str> = HashMap::new();
        let mut scoped = BTreeSet::new();
        for entity in &doc.entities {
            let class = ontology
                .class(&entity.kind)
                .map(|c| NamedNode::new_unchecked(c.iri.clone()));
            let Some(class) = class else { continue }; // rejected by validation
            let iri = match scope_of(ontology, &entity.kind) {
                Scope::Shared(group) => {
                    let iri = match wikidata_link(entity) {
                        Some(qid) => base.join(&format!("wikidata/{qid}"))?,
                        None => base.join(&format!("{group}/{}", slug(&entity.name)))?,
                    };
                    let iri = NamedNode::new_unchecked(iri);
                    let links: Vec<NamedNode> = entity
                        .links
                        .iter()
                        .map(|l| NamedNode::new_unchecked(l.iri.clone()))
                        .collect();
                    describe(
                        &mut shared,
                        &iri,
                        class,
                        &entity.name,
                        &entity.aliases,
                        &links,
                    );
                    iri
                }
                Scope::Article(segment) => {
                    let key = match segment {
                        "quote" => fnv64_hex(&[entity.name.as_bytes()]),
                        _ => slug(&entity.name),
                    };
                    let mut iri = NamedNode::new_unchecked(crate::iri::checked(format!(
                        "{graph}/{segment}/{key}",
                        graph = graph.as_str()
                    ))?);
                    let mut n = 1;
                    while scoped_used.get(&iri).is_some_and(|id| *id != entity.id) {
                        n += 1;
                        iri = NamedNode::new_unchecked(crate::iri::checked(format!(
                            "{}/{segment}/{key}-{n}",
                            graph.as_str()
                        ))?);
                    }
                    scoped_used.insert(iri.clone(), &entity.id);
                    self.add(iri.clone(), rdf::TYPE, class);
                    if scoped.insert(iri.clone()) {
                        self.add(
                            iri.clone(),
                            rdfs::LABEL,
                            Literal::new_simple_literal(&entity.name),
                        );
                    } else {
                        self.add(
                            iri.clone(),
                            other::SKOS_ALT_LABEL,
                            Literal::new_simple_literal(&entity.name),
                        );
                    }
                    for alias in &entity.aliases {
                        self.add(
                            iri.clone(),
                            other::SKOS_ALT_LABEL,
                            Literal::new_simple_literal(alias),
                        );
                    }
                    for link in &entity.links {
                        self.add(
                            iri.clone(),
                            other::OWL_SAME_AS,
                            NamedNode::new_unchecked(link.iri.clone()),
                        );
                    }
                    iri
                }
            };
            self.add(graph.clone(), nk::MENTIONS, iri.clone());
            self.link_provenance(&iri, entity)?;
            iris.insert(entity.id.as_str(), iri);
        }

        // Facts.
        let mut fact_keys: HashMap<String, usize> = HashMap::new();
        let mut sentences = BTreeSet::new();
        let mut extractors = BTreeSet::new();
        for fact in &doc.facts {
            let Some((subject, predicate, object)) = self.fact_triple(fact, &iris) else {
                continue;
            };
            self.add(subject.clone(), predicate.as_ref(), object.clone());
            let key = fnv64_hex(&[
                article.id.as_bytes(),
                subject.as_str().as_bytes(),
                predicate.as_str().as_bytes(),
                object.to_string().as_bytes(),
            ]);
            let seen = fact_keys.entry(key.clone()).or_insert(0);
            *seen += 1;
            let node_path = if *seen == 1 {
                format!("{}/fact/{key}", graph.as_str())
            } else {
                format!("{}/fact/{key}-{seen}", graph.as_str())
            };
            let node = NamedNode::new_unchecked(crate::iri::checked(node_path)?);
            self.add(node.clone(), rdf::TYPE, nk::FACT);
            self.add(node.clone(), rdf::SUBJECT, subject);
            self.add(node.clone(), rdf::PREDICATE, predicate);
            self.add(node.clone(), rdf::OBJECT, object);
            let modality = modality_iri(fact);
            self.add(node.clone(), nk::MODALITY, modality);
            self.add(node.clone(), nk::CONFIDENCE, decimal(fact.confidence));
            self.add(node.clone(), prov::WAS_DERIVED_FROM, graph.clone());
            if let Some(evidence) = &fact.evidence {
                let sentence = self.sentence(&evidence.sentence, chars.as_ref(), &mut sentences)?;
                self.add(node.clone(), nk::EVIDENCE, sentence);
                if let Some(span) = &evidence.span {
                    self.add(
                        node.clone(),
                        nk::TRIGGER_START,
                        Literal::from(span.start as i64),
                    );
                    self.add(
                        node.clone(),
                        nk::TRIGGER_END,
                        Literal::from(span.end as i64),
                    );
                    if let Some(text) = chars.as_ref().map(|c| c.slice(span)) {
                        self.add(
                            node.clone(),
                            nk::TRIGGER_TEXT,
                            Literal::new_simple_literal(text),
                        );
                    }
                }
            }
            if let Some(time) = &fact.time {
                self.time(&node, time);
            }
            if let Some(extractor) = fact.extractor.as_ref().or(doc.extractor.as_ref()) {
                let (agent, activity) = self.extractor(extractor, &mut extractors)?;
                self.add(node.clone(), prov::WAS_ATTRIBUTED_TO, agent);
                self.add(node.clone(), prov::WAS_GENERATED_BY, activity);
            }
            if let Some(ts) = &options.timestamps {
                self.add(
                    node,
                    prov::GENERATED_AT_TIME,
                    Literal::new_typed_literal(ts.as_str(), xsd::DATE_TIME),
                );
            }
        }

        let mut quads = self.quads;
        dedup(&mut quads);
        let facts = fact_keys.values().sum();
        Ok(MappedArticle {
            id: article.id.clone(),
            graph,
            entities_graph: self.entities_graph,
            shared_quads: self.shared,
            article_quads: quads,
            counts: MapCounts {
                entities: shared.len() + scoped.len(),
                facts,
            },
            entities: shared.into_values().collect(),
        })
    }

    fn fact_triple(
        &self,
        fact: &Fact,
        iris: &HashMap<&str, NamedNode>,
    ) -> Option<(NamedNode, NamedNode, Term)> {
        let subject = iris.get(fact.subject.as_str())?.clone();
        let property = self.ontology.property(&fact.predicate)?;
        let predicate = NamedNode::new_unchecked(property.iri.clone());
        let object: Term = match (property.kind, &fact.object, &fact.value) {
            (PropertyKind::Object, Some(object), _) => iris.get(object.as_str())?.clone().into(),
            (PropertyKind::Datatype, _, Some(value)) => {
                typed_value(value, property.range.as_deref()).into()
            }
            _ => return None,
        };
        Some((subject, predicate, object))
    }

    fn sentence(
        &mut self,
        span: &Span,
        chars: Option<&CharIndex<'_>>,
        seen: &mut BTreeSet<Span>,
    ) -> Result<NamedNode, MapError> {
        let node = NamedNode::new_unchecked(crate::iri::checked(format!(
            "{}/sentence/{}-{}",
            self.graph.as_str(),
            span.start,
            span.end
        ))?);
        if seen.insert(*span) {
            self.add(node.clone(), rdf::TYPE, nk::SENTENCE);
            self.add(node.clone(), nk::PART_OF, self.graph.clone());
            self.add(
                node.clone(),
                nk::START_OFFSET,
                Literal::from(span.start as i64),
            );
            self.add(node.clone(), nk::END_OFFSET, Literal::from(span.end as i64));
            if let Some(text) = chars.map(|c| c.slice(span)) {
                self.add(node.clone(), nk::TEXT, Literal::new_simple_literal(text));
            }
        }
        Ok(node)
    }

    fn time(&mut self, node: &NamedNode, time: &TimeExpression) {
        self.add(
            node.clone(),
            nk::TIME_TEXT,
            Literal::new_simple_literal(&time.text),
        );
        if let Some(start) = &time.start {
            self.add(
                node.clone(),
                nk::TIME_START,
                Literal::new_typed_literal(start, xsd::DATE),
            );
        }
        if let Some(end) = &time.end {
            self.add(
                node.clone(),
                nk::TIME_END,
                Literal::new_typed_literal(end, xsd::DATE),
            );
        }
    }

    /// The extractor agent and the extraction activity of this article, described once.
    fn extractor(
        &mut self,
        extractor: &Extractor,
        seen: &mut BTreeSet<(String, String)>,
    ) -> Result<(NamedNode, NamedNode), MapError> {
        let path = format!(
            "{}/{}",
            pct_encode(&extractor.name),
            pct_encode(&extractor.version)
        );
        let agent = NamedNode::new_unchecked(self.options.base.join(&format!("extractor/{path}"))?);
        let activity = NamedNode::new_unchecked(crate::iri::checked(format!(
            "{}/extraction/{path}",
            self.graph.as_str()
        ))?);
        if seen.insert((extractor.name.clone(), extractor.version.clone())) {
            let eg = GraphName::NamedNode(self.entities_graph.clone());
            let label = format!("{} {}", extractor.name, extractor.version);
            self.shared.extend([
                Quad::new(agent.clone(), rdf::TYPE, nk::EXTRACTOR, eg.clone()),
                Quad::new(
                    agent.clone(),
                    rdfs::LABEL,
                    Literal::new_simple_literal(label),
                    eg.clone(),
                ),
                Quad::new(
                    agent.clone(),
                    other::SCHEMA_NAME,
                    Literal::new_simple_literal(&extractor.name),
                    eg.clone(),
                ),
                Quad::new(
                    agent.clone(),
                    other::SCHEMA_SOFTWARE_VERSION,
                    Literal::new_simple_literal(&extractor.version),
                    eg,
                ),
            ]);
            self.add(activity.clone(), rdf::TYPE, nk::EXTRACTION);
            self.add(activity.clone(), prov::WAS_ASSOCIATED_WITH, agent.clone());
            self.add(activity.clone(), prov::USED, self.graph.clone());
        }
        Ok((agent, activity))
    }

    /// A link node `{article}/link/{hash}` for each external link of an entity, in the article graph.
    fn link_provenance(&mut self, iri: &NamedNode, entity: &Entity) -> Result<(), MapError> {
        for link in &entity.links {
            let target = NamedNode::new_unchecked(link.iri.clone());
            let key = fnv64_hex(&[
                self.doc.article.id.as_bytes(),
                iri.as_str().as_bytes(),
                link.iri.as_bytes(),
            ]);
            let node = NamedNode::new_unchecked(crate::iri::checked(format!(
                "{}/link/{key}",
                self.graph.as_str()
            ))?);
            self.add(node.clone(), rdf::TYPE, nk::LINK);
            self.add(node.clone(), rdf::SUBJECT, iri.clone());
            self.add(node.clone(), rdf::PREDICATE, other::OWL_SAME_AS);
            self.add(node.clone(), rdf::OBJECT, target);
            self.add(node.clone(), nk::CONFIDENCE, decimal(link.confidence));
            if let Some(method) = &link.method {
                self.add(
                    node.clone(),
                    nk::LINK_METHOD,
                    Literal::new_simple_literal(method),
                );
            }
            self.add(node, prov::WAS_DERIVED_FROM, self.graph.clone());
        }
        Ok(())
    }
}

/// Removes repeated quads, keeping the first of each (the order stays deterministic).
fn dedup(quads: &mut Vec<Quad>) {
    let mut seen = std::collections::HashSet::with_capacity(quads.len());
    quads.retain(|q| seen.insert(q.clone()));
}

fn describe(
    shared: &mut BTreeMap<NamedNode, EntityDescription>,
    iri: &NamedNode,
    class: NamedNode,
    name: &str,
    aliases: &[String],
    links: &[NamedNode],
) {
    let description = shared
        .entry(iri.clone())
        .or_insert_with(|| EntityDescription {
            iri: iri.clone(),
            types: BTreeSet::new(),
            names: BTreeSet::new(),
            aliases: BTreeSet::new(),
            same_as: BTreeSet::new(),
        });
    description.types.insert(class);
    description.names.insert(name.to_owned());
    description
        .aliases
        .extend(aliases.iter().filter(|a| !a.trim().is_empty()).cloned());
    description.same_as.extend(links.iter().cloned());
}

/// The Wikidata id an entity's IRI derives from: its Wikidata link with the highest confidence
/// (ties: the smallest id).
fn wikidata_link(entity: &Entity) -> Option<&str> {
    entity
        .links
        .iter()
        .filter_map(|l| wikidata_qid(&l.iri).map(|q| (l.confidence, q)))
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, q)| q)
}

fn modality_iri(fact: &Fact) -> NamedNode {
    let name = fact.modality.as_str();
    let mut individual = String::with_capacity(crate::ontology::NK.len() + name.len());
    individual.push_str(crate::ontology::NK);
    let mut chars = name.chars();
    if let Some(first) = chars.next() {
        individual.extend(first.to_uppercase());
        individual.push_str(chars.as_str());
    }
    NamedNode::new_unchecked(individual)
}

/// An `xsd:decimal` literal of a number in 0..=1 (Rust's `Display` of `f64` never uses exponents).
fn decimal(value: f64) -> Literal {
    Literal::new_typed_literal(format!("{value}"), xsd::DECIMAL)
}

/// A literal for a datatype property value, typed from the property's range.
fn typed_value(value: &str, range: Option<&str>) -> Literal {
    match range {
        Some("http://www.w3.org/2001/XMLSchema#date") if is_iso_date(value) => {
            Literal::new_typed_literal(value, xsd::DATE)
        }
        None if is_iso_date(value) => Literal::new_typed_literal(value, xsd::DATE),
        _ => Literal::new_simple_literal(value),
    }
}

/// Character offsets → byte offsets of a text.
struct CharIndex<'a> {
    text: &'a str,
    /// Byte offset of each character, plus the text length at the end.
    bytes: Vec<usize>,
}

impl<'a> CharIndex<'a> {
    fn new(text: &'a str) -> Self {
        let mut bytes: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        bytes.push(text.len());
        Self { text, bytes }
    }

    /// The text of a span (validated to be inside the text; clamped defensively).
    fn slice(&self, span: &Span) -> &'a str {
        let last = self.bytes.len() - 1;
        let start = self.bytes[span.start.min(last)];
        let end = self.bytes[span.end.min(last)];
        self.text.get(start..end.max(start)).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::{Article, Evidence, Link, Modality};

    fn doc() -> FactsDocument {
        let text = "Secretary of State Jane Doe will travel to Oslo. She met Kerry.";
        let mut doc = FactsDocument::new(Article {
            id: "a 1/é".into(),
            text: Some(text.into()),
            date: Some("2016-03-16".into()),
            ..Article::default()
        });
        let entity = |id: &str, kind: &str, name: &str| Entity {
            id: id.into(),
            kind: kind.into(),
            name: name.into(),
            aliases: vec![],
            mentions: vec![],
            links: vec![],
        };
        doc.entities.push(entity("e1", "Person", "Jane Doe"));
        doc.entities.push(entity("e2", "City", "Oslo"));
        let mut kerry = entity("e3", "Person", "John Kerry");
        kerry.links.push(Link {
            iri: "http://www.wikidata.org/entity/Q22316".into(),
            confidence: 0.9,
            method: Some("label".into()),
        });
        doc.entities.push(kerry);
        doc.facts.push(Fact {
            subject: "e1".into(),
            predicate: "travelsTo".into(),
            object: Some("e2".into()),
            value: None,
            time: None,
            modality: Modality::Planned,
            confidence: 0.8,
            evidence: Some(Evidence {
                sentence: Span { start: 0, end: 48 },
                span: Some(Span { start: 33, end: 42 }),
            }),
            extractor: Some(Extractor {
                name: "test".into(),
                version: "1".into(),
            }),
        });
        doc
    }

    #[test]
    fn maps_deterministically_without_blank_nodes() -> Result<(), Box<dyn std::error::Error>> {
        let ontology = Ontology::builtin()?;
        let a = map_document(&doc(), &ontology, &MapOptions::default())?;
        let b = map_document(&doc(), &ontology, &MapOptions::default())?;
        let qa: Vec<Quad> = a.quads().collect();
        assert_eq!(qa, b.quads().collect::<Vec<_>>());
        assert!(
            qa.iter()
                .all(|q| matches!(q.subject, oxigraph::model::NamedOrBlankNode::NamedNode(_)))
        );
        assert!(qa.iter().all(|q| !matches!(q.object, Term::BlankNode(_))));
        assert_eq!(
            a.graph.as_str(),
            "https://w3id.org/newskg/id/article/a%201%2F%C3%A9"
        );
        assert_eq!(a.counts.facts, 1);
        let text = |p: NamedNodeRef<'_>| {
            qa.iter()
                .find(|q| q.predicate == p)
                .map(|q| q.object.to_string())
                .unwrap_or_default()
        };
        assert_eq!(
            text(nk::TEXT),
            "\"Secretary of State Jane Doe will travel to Oslo.\""
        );
        assert_eq!(text(nk::TRIGGER_TEXT), "\"travel to\"");
        assert_eq!(
            text(nk::MODALITY),
            format!("<{}Planned>", crate::ontology::NK)
        );
        Ok(())
    }

    #[test]
    fn wikidata_links_set_the_iri() -> Result<(), Box<dyn std::error::Error>> {
        let ontology = Ontology::builtin()?;
        let mapped = map_document(&doc(), &ontology, &MapOptions::default())?;
        let kerry = mapped
            .entities
            .iter()
            .find(|e| e.names.contains("John Kerry"))
            .ok_or("no Kerry")?;
        assert_eq!(
            kerry.iri.as_str(),
            "https://w3id.org/newskg/id/wikidata/Q22316"
        );
        assert!(
            kerry
                .same_as
                .iter()
                .any(|s| s.as_str() == "http://www.wikidata.org/entity/Q22316")
        );
        let oslo = mapped
            .entities
            .iter()
            .find(|e| e.names.contains("Oslo"))
            .ok_or("no Oslo")?;
        assert_eq!(oslo.iri.as_str(), "https://w3id.org/newskg/id/place/oslo");
        Ok(())
    }

    #[test]
    fn invalid_documents_are_rejected() -> Result<(), Box<dyn std::error::Error>> {
        let ontology = Ontology::builtin()?;
        let mut bad = doc();
        bad.facts[0].predicate = "flysTo".into();
        let Err(MapError::Invalid(errors)) = map_document(&bad, &ontology, &MapOptions::default())
        else {
            return Err("accepted an unknown predicate".into());
        };
        assert_eq!(errors[0].path, "facts[0].predicate");
        Ok(())
    }

    #[test]
    fn label_preference_is_order_independent() {
        assert_eq!(preferred_label(["Kerry", "John Kerry"]), Some("John Kerry"));
        assert_eq!(preferred_label(["John Kerry", "Kerry"]), Some("John Kerry"));
        assert_eq!(preferred_label(["Abc", "Abd"]), Some("Abc"));
        assert_eq!(preferred_label(["Abd", "Abc"]), Some("Abc"));
        assert_eq!(preferred_label([]), None);
    }
}
