//! Property tests (proptest): for arbitrary facts and arbitrary text, no panic, every minted IRI
//! valid (iri-string), every literal escaped (lossless N-Quads / TriG round trip), and the Turtle
//! export of the store re-parses (sophia) to the same graph as the mapping.

use newskg::extract::Extractor as TextExtractor;
use newskg::facts::{
    Article, Entity, Evidence, Extractor, Fact, FactsDocument, Link, Modality, Span, TimeExpression,
};
use newskg::map::{MapOptions, map_document};
use newskg::{NewsStore, Ontology};
use proptest::prelude::*;
use sophia::api::prelude::*;
use sophia::inmem::graph::FastGraph;

/// Strings made to break things: arbitrary Unicode, and mixes of the dangerous characters.
fn nasty() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-zA-Z ]{1,12}",
        "[<>\"{}\\\\\n\r\t\0'%#?/ .:^`|\u{202e}\u{200f}\u{200b}\u{feff}a-zé北🚀]{0,24}",
        Just("http://evil/> <x> <y".to_owned()),
        Just("\"\"\" . <s> <p> <o> .".to_owned()),
    ]
}

fn date() -> impl Strategy<Value = String> {
    prop_oneof![
        (1u32..=9999, 1u32..=12, 1u32..=31).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
        nasty(),
    ]
}

fn span(len: usize) -> impl Strategy<Value = Span> {
    (0..len + 3, 0..8usize).prop_map(|(start, n)| Span {
        start,
        end: start + n,
    })
}

prop_compose! {
    fn entity(classes: Vec<String>, len: usize)(
        class in proptest::sample::select(classes),
        name in nasty(),
        aliases in proptest::collection::vec(nasty(), 0..3),
        mentions in proptest::collection::vec(span(len), 0..3),
        links in proptest::collection::vec(
            (prop_oneof![
                (1u32..100_000).prop_map(|q| format!("http://www.wikidata.org/entity/Q{q}")),
                nasty().prop_map(|s| format!("https://kb.example/{s}")),
                nasty(),
            ], 0.0f64..=1.0, proptest::option::of(nasty())),
            0..2,
        ),
    ) -> (String, String, Vec<String>, Vec<Span>, Vec<Link>) {
        let links = links
            .into_iter()
            .map(|(iri, confidence, method)| Link { iri, confidence, method })
            .collect();
        (class, name, aliases, mentions, links)
    }
}

fn document() -> impl Strategy<Value = FactsDocument> {
    let ontology = Ontology::builtin().expect("built-in ontology");
    let classes: Vec<String> = ontology.classes().map(|c| c.name.clone()).collect();
    let properties: Vec<String> = ontology.properties().map(|p| p.name.clone()).collect();
    (nasty(), proptest::option::of(nasty()), "[ -~é\n]{0,40}")
        .prop_flat_map(move |(id, title, text)| {
            let len = text.chars().count();
            (
                Just((id, title, text)),
                proptest::option::of(date()),
                proptest::option::of(nasty()),
                proptest::option::of(nasty()),
                proptest::option::of((nasty(), nasty())),
                proptest::collection::vec(entity(classes.clone(), len), 0..6),
                proptest::collection::vec(
                    (
                        0..8usize,
                        proptest::sample::select(properties.clone()),
                        0..8usize,
                        proptest::option::of(nasty()),
                        proptest::option::of((nasty(), proptest::option::of(date()))),
                        0..5usize,
                        0.0f64..=1.0,
                        proptest::option::of((span(len), proptest::option::of(span(len)))),
                    ),
                    0..6,
                ),
            )
        })
        .prop_map(
            |((id, title, text), date, dateline, publisher, extractor, entities, facts)| {
                let mut doc = FactsDocument::new(Article {
                    id,
                    title,
                    text: Some(text),
                    date,
                    dateline,
                    publisher,
                    ..Article::default()
                });
                doc.extractor = extractor.map(|(name, version)| Extractor { name, version });
                for (i, (kind, name, aliases, mentions, links)) in entities.into_iter().enumerate()
                {
                    doc.entities.push(Entity {
                        id: format!("e{i}"),
                        kind,
                        name,
                        aliases,
                        mentions,
                        links,
                    });
                }
                let n = doc.entities.len().max(1);
                for (s, predicate, o, value, time, modality, confidence, evidence) in facts {
                    doc.facts.push(Fact {
                        subject: format!("e{}", s % n),
                        predicate,
                        object: value.is_none().then(|| format!("e{}", o % n)),
                        value,
                        time: time.map(|(text, start)| TimeExpression {
                            text,
                            start,
                            end: None,
                        }),
                        modality: Modality::ALL[modality],
                        confidence,
                        evidence: evidence.map(|(sentence, span)| Evidence { sentence, span }),
                        extractor: None,
                    });
                }
                doc
            },
        )
}

/// Documents that pass validation (so the properties are checked on output, not only on rejection).
fn valid_document() -> impl Strategy<Value = FactsDocument> {
    let ontology = Ontology::builtin().expect("built-in ontology");
    document().prop_filter("rejected by validation", move |d| {
        d.validate(&ontology).is_ok()
    })
}

/// News-like text: words, names, punctuation, quotes and hostile characters.
fn news_text() -> impl Strategy<Value = String> {
    let words = proptest::sample::select(vec![
        "Secretary",
        "of",
        "State",
        "John",
        "Kerry",
        "will",
        "travel",
        "to",
        "Moscow",
        "next",
        "week",
        "said",
        "spokesman",
        "U.S.",
        "Mr.",
        "the",
        "United",
        "Nations",
        "envoy",
        "brokers",
        "talks",
        "between",
        "\u{201c}",
        "\u{201d}",
        "\"",
        ",",
        ".",
        "\n\n",
        " \u{2014} ",
        "(UPI)",
        "WASHINGTON,",
        "March",
        "16",
        "Tuesday",
        "met",
        "with",
        "President",
        "Putin",
        "<",
        ">",
        "{",
        "\\",
        "\0",
        "\u{202e}",
        "\u{200b}",
        "\u{a0}",
        "é",
        "北京",
        "🚀",
        "'s",
        "Sen.",
    ]);
    prop_oneof![
        proptest::collection::vec(words, 0..80).prop_map(|w| w.join(" ")),
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, max_global_rejects: 100_000, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_facts_map_to_valid_rdf_or_are_rejected(doc in document()) {
        super::check::map_and_check(&doc);
    }

    #[test]
    fn valid_facts_map_to_valid_rdf(doc in valid_document()) {
        super::check::map_and_check(&doc);
    }

    #[test]
    fn arbitrary_text_extracts_to_valid_facts(text in news_text(), dated in any::<bool>()) {
        let ontology = Ontology::builtin().expect("ontology");
        let extractor = TextExtractor::new(&ontology).expect("extractor");
        let article = Article {
            id: "prop".into(),
            text: Some(text),
            date: dated.then(|| "2016-03-16".to_owned()),
            ..Article::default()
        };
        if let Ok(doc) = extractor.extract(article) {
            if let Err(errors) = doc.validate(&ontology) {
                panic!("the extractor produced invalid facts: {errors:?}");
            }
            super::check::map_and_check(&doc);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, max_global_rejects: 100_000, ..ProptestConfig::default() })]

    /// Through a real store: the Turtle export is the mapping's graph, plus the ontology graph and
    /// the weekly mention counts the store derives from it (checked on their own in
    /// `tests/it/summary.rs`).
    #[test]
    fn turtle_export_reparses_to_the_mapped_graph(doc in valid_document()) {
        let ontology = Ontology::builtin().expect("ontology");
        let mapped = map_document(&doc, &ontology, &MapOptions::default()).expect("valid document");
        let dir = tempfile::tempdir().expect("tempdir");
        let store = NewsStore::open(&dir.path().join("store")).expect("store");
        store.load_articles(std::slice::from_ref(&mapped)).expect("load");
        let turtle = newskg::export(&store, newskg::ExportFormat::Turtle, None, Vec::new())
            .expect("export");
        let turtle = String::from_utf8(turtle).expect("UTF-8");
        let exported: FastGraph = sophia::turtle::parser::turtle::parse_str(&turtle)
            .collect_triples()
            .expect("the Turtle export re-parses");
        let mut expected = oxigraph::io::RdfSerializer::from_format(oxigraph::io::RdfFormat::NTriples)
            .for_writer(Vec::new());
        for quad in mapped.quads() {
            expected.serialize_triple(quad.as_ref()).expect("serialise");
        }
        for triple in newskg::store::builtin_news_ontology().expect("ontology").triples() {
            expected.serialize_triple(triple.as_ref()).expect("serialise");
        }
        let summary = newskg::store::summary_graph(store.base()).expect("summary graph");
        for quad in store.oxigraph().quads_for_pattern(None, None, None, Some(summary.as_ref().into())) {
            expected.serialize_triple(quad.expect("summary quad").as_ref()).expect("serialise");
        }
        let expected = String::from_utf8(expected.finish().expect("finish")).expect("UTF-8");
        let expected: FastGraph = sophia::turtle::parser::nt::parse_str(&expected)
            .collect_triples()
            .expect("N-Triples");
        prop_assert!(sophia::isomorphism::isomorphic_graphs(&exported, &expected).expect("iso"));
    }
}
