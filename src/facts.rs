//! The facts interchange format: what an extractor produces and the mapper consumes.
//!
//! One [`FactsDocument`] describes one article: its metadata, the entities it mentions (with
//! character offsets) and the facts it states (subject, predicate, object or literal value, with
//! modality, confidence and evidence). These are plain serde types; the JSON Schema in
//! `schema/facts.schema.json` documents the same shape for other tools.
//!
//! All offsets are **character offsets** (Unicode scalar values, as Python and JavaScript count
//! them) into [`Article::text`], end exclusive.
//!
//! [`FactsDocument::validate`] checks a document against the ontology (known classes and
//! predicates), against itself (entity ids defined once, facts refer to defined entities) and
//! against its text (offsets inside the text, well-formed dates). Errors carry a JSON path such as
//! `facts[3].object`.

use serde::{Deserialize, Serialize};

use crate::ontology::{Ontology, PropertyKind};

/// The current version of the facts format, written in [`FactsDocument::format`].
pub const FORMAT_VERSION: &str = "newskg-facts/1";

/// One article with the entities and facts extracted from it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactsDocument {
    /// Format tag, [`FORMAT_VERSION`] (optional on input).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// The article the facts come from.
    pub article: Article,
    /// The program that produced the facts, unless a fact names its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extractor: Option<Extractor>,
    /// Entities mentioned in the article (people, organisations, places, positions, events...).
    #[serde(default)]
    pub entities: Vec<Entity>,
    /// Facts stated by the article.
    #[serde(default)]
    pub facts: Vec<Fact>,
}

/// Article metadata and text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Article {
    /// Stable identifier of the article, unique in a store (e.g. a file stem or a wire id).
    pub id: String,
    /// Headline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Full text; offsets of mentions and evidence point into it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Publication date, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Place named in the dateline ("WASHINGTON").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dateline: Option<String>,
    /// Publisher or wire service ("United Press International").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// Where the article was published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The file the article was read from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// The program (and its version) that produced facts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Extractor {
    /// Name, e.g. `newskg-rules`.
    pub name: String,
    /// Version, e.g. `0.1.0`.
    pub version: String,
}

/// Something the article talks about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entity {
    /// Local id, unique within the document (e.g. `e1`); facts refer to entities by it.
    pub id: String,
    /// Local name of an ontology class: `Person`, `Organization`, `Place`, `Country`, `City`,
    /// `Position`, or an `Event` subclass such as `Talks`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Canonical full name ("John Kerry"); becomes the entity's one `rdfs:label`.
    pub name: String,
    /// Other names used for it ("Kerry"); become `skos:altLabel`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Where the article mentions it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mentions: Vec<Span>,
    /// IRIs of the same thing in external knowledge bases (e.g. Wikidata), with how they were found.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
}

/// A link from an entity to the same thing in an external knowledge base.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    /// The external IRI, e.g. `http://www.wikidata.org/entity/Q22316`.
    pub iri: String,
    /// Confidence of the link, 0 to 1.
    pub confidence: f64,
    /// How the link was found (e.g. `label`, `alias+context`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
}

/// A character span into the article text, end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Span {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
}

/// One statement of the article: `subject predicate object` (or `subject predicate "value"`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    /// Local id of the subject entity.
    pub subject: String,
    /// Local name of an ontology property, e.g. `travelsTo`.
    pub predicate: String,
    /// Local id of the object entity (for object properties).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object: Option<String>,
    /// Literal value (for datatype properties), e.g. a position title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// When it happens or happened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<TimeExpression>,
    /// Whether the article asserts it, plans it, reports someone saying it...
    #[serde(default)]
    pub modality: Modality,
    /// Confidence of the extractor, 0 to 1.
    #[serde(default = "default_confidence")]
    pub confidence: f64,
    /// The text that supports the fact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
    /// The program that produced this fact, when it differs from the document's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extractor: Option<Extractor>,
}

fn default_confidence() -> f64 {
    1.0
}

/// How the article presents a fact.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    /// Stated as true by the article.
    #[default]
    Asserted,
    /// Announced or expected to happen ("will travel").
    Planned,
    /// Reported speech: someone said it ("said he'd begin to withdraw").
    Reported,
    /// Stated as not true or not happening.
    Negated,
    /// Possible or conditional ("may", "could").
    Hypothetical,
}

impl Modality {
    /// All modalities, in declaration order.
    pub const ALL: [Modality; 5] = [
        Modality::Asserted,
        Modality::Planned,
        Modality::Reported,
        Modality::Negated,
        Modality::Hypothetical,
    ];

    /// The lowercase name used in JSON and, capitalised, as the ontology individual.
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Planned => "planned",
            Modality::Reported => "reported",
            Modality::Negated => "negated",
            Modality::Hypothetical => "hypothetical",
        }
    }
}

/// A time expression, with its resolution against the article date where possible.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimeExpression {
    /// The words of the article ("next week").
    pub text: String,
    /// First day, `YYYY-MM-DD`, when resolved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    /// Last day (inclusive), `YYYY-MM-DD`, when the expression is an interval.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
}

/// The text supporting a fact: the sentence (and optionally a tighter span inside it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// The sentence, as character offsets into the article text.
    pub sentence: Span,
    /// The words that triggered the fact, when narrower than the sentence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

/// Why a facts document is not valid; `path` is a JSON path into the document.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {message}")]
pub struct FactsError {
    /// Where in the document, e.g. `facts[2].predicate`.
    pub path: String,
    /// What is wrong.
    pub message: String,
}

impl FactsError {
    fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            message: message.into(),
        }
    }
}

impl FactsDocument {
    /// A document with no entities or facts, for the given article.
    pub fn new(article: Article) -> Self {
        Self {
            format: Some(FORMAT_VERSION.to_owned()),
            article,
            extractor: None,
            entities: Vec::new(),
            facts: Vec::new(),
        }
    }

    /// The entity with the given local id.
    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.entities.iter().find(|e| e.id == id)
    }

    /// Checks the document against the ontology, itself and its text; returns every problem found.
    pub fn validate(&self, ontology: &Ontology) -> Result<(), Vec<FactsError>> {
        let mut errors = Vec::new();
        if let Some(format) = &self.format {
            if format != FORMAT_VERSION {
                errors.push(FactsError::new(
                    "format",
                    format!("unsupported format {format:?}, expected {FORMAT_VERSION:?}"),
                ));
            }
        }
        self.validate_article(&mut errors);
        let text_len = self.article.text.as_ref().map(|t| t.chars().count());
        let mut ids = std::collections::HashMap::new();
        for (i, entity) in self.entities.iter().enumerate() {
            let path = format!("entities[{i}]");
            if entity.id.trim().is_empty() {
                errors.push(FactsError::new(format!("{path}.id"), "empty entity id"));
            } else if let Some(first) = ids.insert(entity.id.as_str(), i) {
                errors.push(FactsError::new(
                    format!("{path}.id"),
                    format!(
                        "entity id {:?} already defined at entities[{first}]",
                        entity.id
                    ),
                ));
            }
            if ontology.class(&entity.kind).is_none() {
                errors.push(FactsError::new(
                    format!("{path}.type"),
                    format!(
                        "unknown entity type {:?} (not a class of the ontology)",
                        entity.kind
                    ),
                ));
            }
            if entity.name.trim().is_empty() {
                errors.push(FactsError::new(format!("{path}.name"), "empty name"));
            }
            for (j, span) in entity.mentions.iter().enumerate() {
                check_span(
                    span,
                    text_len,
                    &format!("{path}.mentions[{j}]"),
                    &mut errors,
                );
            }
            for (j, link) in entity.links.iter().enumerate() {
                if iri_string::types::IriStr::new(&link.iri).is_err() {
                    errors.push(FactsError::new(
                        format!("{path}.links[{j}].iri"),
                        format!("not a valid absolute IRI: {:?}", link.iri),
                    ));
                }
                check_confidence(
                    link.confidence,
                    &format!("{path}.links[{j}].confidence"),
                    &mut errors,
                );
            }
        }
        for (i, fact) in self.facts.iter().enumerate() {
            let path = format!("facts[{i}]");
            if !ids.contains_key(fact.subject.as_str()) {
                errors.push(FactsError::new(
                    format!("{path}.subject"),
                    format!("undefined entity {:?}", fact.subject),
                ));
            }
            match ontology.property(&fact.predicate) {
                None => errors.push(FactsError::new(
                    format!("{path}.predicate"),
                    format!(
                        "unknown predicate {:?} (not a property of the ontology)",
                        fact.predicate
                    ),
                )),
                Some(property) => match (property.kind, &fact.object, &fact.value) {
                    (PropertyKind::Object, Some(object), None) => {
                        if !ids.contains_key(object.as_str()) {
                            errors.push(FactsError::new(
                                format!("{path}.object"),
                                format!("undefined entity {object:?}"),
                            ));
                        }
                    }
                    (PropertyKind::Datatype, None, Some(_)) => {}
                    (PropertyKind::Object, _, _) => errors.push(FactsError::new(
                        path.clone(),
                        format!(
                            "{:?} links two entities: give `object` (an entity id) and no `value`",
                            fact.predicate
                        ),
                    )),
                    (PropertyKind::Datatype, _, _) => errors.push(FactsError::new(
                        path.clone(),
                        format!(
                            "{:?} takes a literal: give `value` and no `object`",
                            fact.predicate
                        ),
                    )),
                },
            }
            check_confidence(fact.confidence, &format!("{path}.confidence"), &mut errors);
            if let Some(time) = &fact.time {
                for (field, date) in [("start", &time.start), ("end", &time.end)] {
                    if let Some(date) = date {
                        if !is_iso_date(date) {
                            errors.push(FactsError::new(
                                format!("{path}.time.{field}"),
                                format!("bad date {date:?}, expected YYYY-MM-DD"),
                            ));
                        }
                    }
                }
            }
            if let Some(evidence) = &fact.evidence {
                check_span(
                    &evidence.sentence,
                    text_len,
                    &format!("{path}.evidence.sentence"),
                    &mut errors,
                );
                if let Some(span) = &evidence.span {
                    check_span(
                        span,
                        text_len,
                        &format!("{path}.evidence.span"),
                        &mut errors,
                    );
                }
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    fn validate_article(&self, errors: &mut Vec<FactsError>) {
        let article = &self.article;
        if article.id.trim().is_empty() {
            errors.push(FactsError::new("article.id", "empty article id"));
        }
        if let Some(date) = &article.date {
            if !is_iso_date(date) {
                errors.push(FactsError::new(
                    "article.date",
                    format!("bad date {date:?}, expected YYYY-MM-DD"),
                ));
            }
        }
        if let Some(url) = &article.url {
            if iri_string::types::IriStr::new(url).is_err() {
                errors.push(FactsError::new(
                    "article.url",
                    format!("not a valid absolute IRI: {url:?}"),
                ));
            }
        }
    }
}

fn check_span(span: &Span, text_len: Option<usize>, path: &str, errors: &mut Vec<FactsError>) {
    if span.start >= span.end {
        errors.push(FactsError::new(
            path,
            format!("empty or reversed span {}..{}", span.start, span.end),
        ));
    }
    match text_len {
        Some(len) if span.end > len => errors.push(FactsError::new(
            path,
            format!(
                "span {}..{} is outside the text ({len} characters)",
                span.start, span.end
            ),
        )),
        None => errors.push(FactsError::new(
            path,
            "offsets given but the article has no text",
        )),
        _ => {}
    }
}

fn check_confidence(confidence: f64, path: &str, errors: &mut Vec<FactsError>) {
    if !(0.0..=1.0).contains(&confidence) {
        errors.push(FactsError::new(
            path,
            format!("confidence {confidence} is not between 0 and 1"),
        ));
    }
}

/// Whether `s` is a valid calendar date `YYYY-MM-DD` (proleptic Gregorian, year 0001–9999).
pub fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = &s[r];
        if part.bytes().all(|c| c.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    let (Some(year), Some(month), Some(day)) = (num(0..4), num(5..7), num(8..10)) else {
        return false;
    };
    year >= 1 && (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year as i32, month)
}

/// Number of days in a month of the proleptic Gregorian calendar.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert!(is_iso_date("2016-03-16"));
        assert!(is_iso_date("2016-02-29"));
        assert!(!is_iso_date("2015-02-29"));
        assert!(!is_iso_date("2016-13-01"));
        assert!(!is_iso_date("16-03-2016"));
        assert!(!is_iso_date("2016-3-16"));
        assert!(!is_iso_date("２016-03-16"));
    }
}
