//! The mapper proper: walks one validated facts document and emits its quads.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use oxigraph::model::vocab::{rdf, rdfs, xsd};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedNodeRef, Quad, Term};

use super::{
    EntityDescription, MapCounts, MapError, MapOptions, MappedArticle, article_iri, dedup,
    entities_graph, facts_graph, iso_week,
};
use crate::facts::{Entity, Extractor, Fact, FactsDocument, Span, TimeExpression, is_iso_date};
use crate::iri::{fnv64_hex, pct_encode, slug, wikidata_qid};
use crate::ontology::{Ontology, PropertyKind};
use crate::vocab::{nk, other, prov};

/// Maps a document that passed validation.
pub(super) fn map(
    doc: &FactsDocument,
    ontology: &Ontology,
    options: &MapOptions,
) -> Result<MappedArticle, MapError> {
    Mapper {
        doc,
        ontology,
        options,
        quads: Vec::new(),
        shared: Vec::new(),
        facts: Vec::new(),
        graph: article_iri(&options.base, &doc.article.id)?,
        entities_graph: entities_graph(&options.base)?,
        facts_graph: facts_graph(&options.base)?,
    }
    .run()
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
    facts_graph: NamedNode,
    quads: Vec<Quad>,
    shared: Vec<Quad>,
    /// The asserted fact triples, in the facts graph.
    facts: Vec<Quad>,
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
            if let Some(week) = iso_week(date) {
                self.add(
                    graph.clone(),
                    nk::PUBLISHED_WEEK,
                    Literal::new_simple_literal(week),
                );
            }
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
            self.facts.push(Quad::new(
                subject.clone(),
                predicate.clone(),
                object.clone(),
                GraphName::NamedNode(self.facts_graph.clone()),
            ));
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
        let mut fact_quads = self.facts;
        dedup(&mut fact_quads);
        let facts = fact_keys.values().sum();
        Ok(MappedArticle {
            id: article.id.clone(),
            graph,
            entities_graph: self.entities_graph,
            facts_graph: self.facts_graph,
            shared_quads: self.shared,
            article_quads: quads,
            fact_quads,
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
