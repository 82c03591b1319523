//! Unit tests of the mapping.

use oxigraph::model::{NamedNodeRef, Term};

use super::*;
use crate::facts::{Article, Entity, Evidence, Extractor, Fact, Link, Modality, Span};
use crate::vocab::nk;

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

#[test]
fn iso_weeks_follow_iso_8601() {
    for (date, week) in [
        ("2026-12-21", "2026-W52"),
        ("2027-01-01", "2026-W53"),
        ("2021-01-03", "2020-W53"),
        ("2024-12-30", "2025-W01"),
        ("2026-01-01", "2026-W01"),
        ("2020-02-29", "2020-W09"),
        ("2000-12-31", "2000-W52"),
        ("1999-01-01", "1998-W53"),
    ] {
        assert_eq!(super::iso_week(date).as_deref(), Some(week), "{date}");
    }
    assert_eq!(super::iso_week("2026-02-30"), None);
    assert_eq!(super::iso_week("next week"), None);
}
