//! Helpers of the relation tests (`extract_relations`, `extract_relations_parties`): extraction
//! of a short invented article and the facts it yields, by name.
#![allow(dead_code, reason = "each test binary uses a different subset")]

use std::error::Error;

use newskg::Ontology;
use newskg::extract::Extractor;
use newskg::facts::{Article, Fact, FactsDocument};

/// Boxed error for tests returning `Result`.
pub type TestResult = Result<(), Box<dyn Error>>;

/// The facts of `text` (dated `date`), validated against the ontology.
pub fn extract(text: &str, date: &str) -> Result<(FactsDocument, Ontology), Box<dyn Error>> {
    let ontology = Ontology::builtin()?;
    let extractor = Extractor::new(&ontology)?;
    let article = Article {
        id: "test".into(),
        text: Some(text.into()),
        date: Some(date.into()),
        ..Article::default()
    };
    let doc = extractor.extract(article)?;
    if let Err(errors) = doc.validate(&ontology) {
        return Err(format!("invalid facts: {errors:?}").into());
    }
    Ok((doc, ontology))
}

/// The date of the test articles: Wednesday 8 June 2016 (relative times resolve against it).
pub const DATE: &str = "2016-06-08";

/// The facts of `text`, dated [`DATE`] and validated against the ontology.
pub fn extracted(text: &str) -> Result<FactsDocument, Box<dyn Error>> {
    Ok(extract(text, DATE)?.0)
}

/// The one fact `subject predicate object` (names containing the given words); an error listing
/// the document's facts when there is none or more than one.
pub fn the_fact<'a>(
    doc: &'a FactsDocument,
    subject: &str,
    predicate: &str,
    object: &str,
) -> Result<&'a Fact, String> {
    match facts(doc, subject, predicate, object)[..] {
        [f] => Ok(f),
        ref found => Err(format!(
            "{subject} {predicate} {object}: {} facts, not one:\n{}",
            found.len(),
            describe(doc)
        )),
    }
}

/// The name of the entity `id`.
pub fn name<'a>(doc: &'a FactsDocument, id: &str) -> &'a str {
    doc.entity(id).map_or("", |e| e.name.as_str())
}

/// Facts `subject predicate object` where the names contain the given words.
pub fn facts<'a>(
    doc: &'a FactsDocument,
    subject: &str,
    predicate: &str,
    object: &str,
) -> Vec<&'a Fact> {
    doc.facts
        .iter()
        .filter(|f| f.predicate == predicate && name(doc, &f.subject).contains(subject))
        .filter(|f| {
            f.object
                .as_deref()
                .is_some_and(|o| name(doc, o).contains(object))
        })
        .collect()
}

/// The facts as lines `subject predicate object [modality]`.
pub fn describe(doc: &FactsDocument) -> String {
    doc.facts
        .iter()
        .map(|f| {
            let object = f.object.as_deref().map_or_else(
                || f.value.clone().unwrap_or_default(),
                |o| name(doc, o).to_owned(),
            );
            format!(
                "{} {} {} [{:?}]",
                name(doc, &f.subject),
                f.predicate,
                object,
                f.modality
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Facts of one predicate as (subject, object) names.
pub fn pairs(doc: &FactsDocument, predicate: &str) -> Vec<(String, String)> {
    doc.facts
        .iter()
        .filter(|f| f.predicate == predicate)
        .map(|f| {
            (
                name(doc, &f.subject).to_owned(),
                f.object
                    .as_deref()
                    .map(|o| name(doc, o).to_owned())
                    .unwrap_or_default(),
            )
        })
        .collect()
}

/// Fails, listing the document's facts, unless `a` and `b` are linked by `predicate`.
pub fn assert_linked(doc: &FactsDocument, predicate: &str, a: &str, b: &str) {
    assert!(
        linked(doc, predicate, a, b),
        "{a} {predicate} {b}: {}",
        describe(doc)
    );
}

/// Fails, listing the document's facts, when `a` and `b` are linked by `predicate`.
pub fn assert_not_linked(doc: &FactsDocument, predicate: &str, a: &str, b: &str) {
    assert!(
        !linked(doc, predicate, a, b),
        "{a} {predicate} {b}: {}",
        describe(doc)
    );
}

/// Whether `a` and `b` (name fragments) are related by `predicate`, in either direction.
pub fn linked(doc: &FactsDocument, predicate: &str, a: &str, b: &str) -> bool {
    pairs(doc, predicate)
        .iter()
        .any(|(s, o)| (s.contains(a) && o.contains(b)) || (s.contains(b) && o.contains(a)))
}
