//! Invariants every mapped article must satisfy, whatever the input: valid IRIs, no blank nodes,
//! every quad in a named graph, and a lossless round trip through N-Quads and TriG (so no name,
//! label or link can break out of its term and inject a triple).

use std::collections::HashSet;
use std::sync::OnceLock;

use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::{GraphName, NamedOrBlankNode, Quad, Term};

use crate::facts::FactsDocument;
use crate::map::{MapError, MapOptions, MappedArticle, map_document};
use crate::ontology::Ontology;

/// The built-in ontology, read once.
pub fn ontology() -> &'static Ontology {
    static ONTOLOGY: OnceLock<Ontology> = OnceLock::new();
    ONTOLOGY.get_or_init(|| match Ontology::builtin() {
        Ok(o) => o,
        Err(e) => panic!("built-in ontology: {e}"),
    })
}

/// Maps `doc`; when it is accepted, checks every invariant (panics, for libFuzzer, on a violation).
/// Rejection is fine; a rejection that is not a validation error is not.
pub fn map_and_check(doc: &FactsDocument) {
    match map_document(doc, ontology(), &MapOptions::default()) {
        Ok(mapped) => check_mapped(doc, &mapped),
        Err(MapError::Invalid(errors)) => assert!(!errors.is_empty(), "empty error list"),
        Err(e) => panic!("valid-looking document failed to map: {e}"),
    }
}

/// The invariants of one mapped article.
pub fn check_mapped(doc: &FactsDocument, mapped: &MappedArticle) {
    let quads: Vec<Quad> = mapped.quads().collect();
    for quad in &quads {
        check_quad(quad);
    }
    round_trip(&quads, RdfFormat::NQuads);
    round_trip(&quads, RdfFormat::TriG);
    // Labels are faithful: every entity name is a literal of the output, byte for byte.
    let literals: HashSet<&str> = quads
        .iter()
        .filter_map(|q| match &q.object {
            Term::Literal(l) => Some(l.value()),
            _ => None,
        })
        .collect();
    for entity in &doc.entities {
        assert!(
            literals.contains(entity.name.as_str()),
            "label of {:?} lost",
            entity.name
        );
    }
    if let Some(title) = &doc.article.title {
        assert!(literals.contains(title.as_str()), "title lost");
    }
}

fn check_quad(quad: &Quad) {
    let iri_ok = |iri: &str| {
        assert!(
            iri_string::types::IriStr::new(iri).is_ok(),
            "invalid IRI minted: {iri:?}"
        )
    };
    match &quad.subject {
        NamedOrBlankNode::NamedNode(n) => iri_ok(n.as_str()),
        NamedOrBlankNode::BlankNode(b) => panic!("blank node subject {b}"),
    }
    iri_ok(quad.predicate.as_str());
    match &quad.object {
        Term::NamedNode(n) => iri_ok(n.as_str()),
        Term::BlankNode(b) => panic!("blank node object {b}"),
        Term::Literal(l) => iri_ok(l.datatype().as_str()),
        #[allow(unreachable_patterns)]
        _ => panic!("triple term in the output"),
    }
    match &quad.graph_name {
        GraphName::NamedNode(n) => iri_ok(n.as_str()),
        other => panic!("quad outside a named graph: {other}"),
    }
}

/// Serialises the quads and parses them back: the same set of quads must come out.
fn round_trip(quads: &[Quad], format: RdfFormat) {
    let mut writer = RdfSerializer::from_format(format).for_writer(Vec::new());
    for quad in quads {
        if let Err(e) = writer.serialize_quad(quad) {
            panic!("cannot serialise {quad}: {e}");
        }
    }
    let bytes = match writer.finish() {
        Ok(bytes) => bytes,
        Err(e) => panic!("cannot finish {format}: {e}"),
    };
    let parsed: HashSet<Quad> = match RdfParser::from_format(format)
        .for_slice(&bytes)
        .collect::<Result<_, _>>()
    {
        Ok(parsed) => parsed,
        Err(e) => panic!(
            "{format} output does not re-parse: {e}\n{}",
            String::from_utf8_lossy(&bytes)
        ),
    };
    let original: HashSet<Quad> = quads.iter().cloned().collect();
    assert_eq!(parsed, original, "{format} round trip changed the quads");
}
