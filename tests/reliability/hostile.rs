//! Names that try to break out of IRIs and literals: they give valid (percent-encoded) IRIs,
//! faithful labels, and not one quad more or less than the mapping says, through the store and
//! through every export.

use std::collections::BTreeSet;

use newskg::facts::{Article, Entity, Extractor, Fact, FactsDocument, Link, Modality};
use newskg::map::{MapOptions, map_document};
use newskg::{NewsStore, Ontology};
use sophia::api::prelude::*;
use sophia::inmem::dataset::FastDataset;
use sophia::inmem::graph::FastGraph;

use super::common::{TestResult, canonical, newskg, run, write_jsonl};

const EVIL: &str = "http://evil/> <x> <y";

fn hostile_names() -> Vec<String> {
    let mut names: Vec<String> = [
        EVIL,
        "Robert \"Bobby\" Tables'); DROP GRAPH <x> ; --",
        "{Acme} \\ Holdings\n\0 Ltd",
        "\u{202e}nodnoL\u{200b} \u{200f}RTL",
        "\u{200b}\u{200d}\u{feff}",
        "\"\"\" . <a> <b> <c> . \"\"\"",
        "x\"^^<http://www.w3.org/2001/XMLSchema#integer> . <s> <p> \"o",
        "<script>alert(1)</script> & ] ]] > %41 %zz",
        "Tab\there\r\nCRLF \u{7f} \u{1}",
        "Ωμέγα Ünïcødé 北京 🚀",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    // A 1 MB name, hostile pieces repeated.
    let mut big = String::with_capacity(1 << 20);
    while big.len() < 1 << 20 {
        big.push_str("Name> \"with\" {all}\\ the\n\u{202e}pieces\u{200b} ");
    }
    names.push(big);
    names
}

fn hostile_doc() -> FactsDocument {
    let names = hostile_names();
    let mut doc = FactsDocument::new(Article {
        id: format!("{EVIL} ../../etc?q=1#frag \"\n"),
        title: Some(names[1].clone()),
        text: Some("A short text.".into()),
        dateline: Some(names[2].clone()),
        publisher: Some(names[5].clone()),
        ..Article::default()
    });
    doc.extractor = Some(Extractor {
        name: "evil/> <x>".into(),
        version: "1\n\"2\"".into(),
    });
    let kinds = [
        "Person",
        "Organization",
        "City",
        "Country",
        "Talks",
        "Quotation",
    ];
    for (i, name) in names.iter().enumerate() {
        doc.entities.push(Entity {
            id: format!("e{i}"),
            kind: kinds[i % kinds.len()].into(),
            name: name.clone(),
            aliases: vec![names[(i + 1) % names.len()].clone()],
            mentions: vec![],
            links: if i == 0 {
                vec![Link {
                    iri: "http://www.wikidata.org/entity/Q42".into(),
                    confidence: 0.5,
                    method: Some(names[6].clone()),
                }]
            } else {
                vec![]
            },
        });
    }
    for (i, value) in names.iter().enumerate().take(4) {
        doc.facts.push(Fact {
            subject: format!("e{}", 5),
            predicate: "quotedText".into(),
            object: None,
            value: Some(value.clone()),
            time: None,
            modality: Modality::Reported,
            confidence: 1.0,
            evidence: None,
            extractor: None,
        });
        doc.facts.push(Fact {
            subject: format!("e{i}"),
            predicate: "travelsTo".into(),
            object: Some("e2".into()),
            value: None,
            time: None,
            modality: Modality::Asserted,
            confidence: 0.25,
            evidence: None,
            extractor: None,
        });
    }
    doc
}

#[test]
fn hostile_names_map_to_valid_iris_and_faithful_labels() -> TestResult {
    // The shared invariants (also checked by the fuzz targets).
    super::check::map_and_check(&hostile_doc());
    Ok(())
}

#[test]
fn hostile_names_survive_the_store_and_every_export() -> TestResult {
    let dir = tempfile::tempdir()?;
    let store_dir = dir.path().join("store");
    let good = dir.path().join("hostile.jsonl");
    let doc = hostile_doc();
    write_jsonl(&good, std::slice::from_ref(&doc))?;

    // IRIs that try to break out are rejected with their JSON path; the hostile article loads.
    let mut evil_link = hostile_doc();
    evil_link.article.id = "evil-link".into();
    evil_link.entities[1].links.push(Link {
        iri: EVIL.into(),
        confidence: 0.9,
        method: None,
    });
    let mut evil_url = hostile_doc();
    evil_url.article.id = "evil-url".into();
    evil_url.article.url = Some(EVIL.into());
    let bad = dir.path().join("evil-iris.jsonl");
    write_jsonl(&bad, &[evil_link, evil_url])?;
    let out = run(newskg(&store_dir)
        .args(["build", "--quiet"])
        .arg(&good)
        .arg(&bad))?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("evil-iris.jsonl:1") && stderr.contains("entities[1].links[0].iri"),
        "{stderr}"
    );
    assert!(
        stderr.contains("evil-iris.jsonl:2") && stderr.contains("article.url"),
        "{stderr}"
    );

    // The store holds exactly the mapped quads: nothing injected, nothing lost (besides the
    // ontology and the summaries the store derives).
    let ontology = Ontology::builtin()?;
    let mapped = map_document(&doc, &ontology, &MapOptions::default())?;
    let expected: BTreeSet<String> = mapped.quads().map(|q| q.to_string()).collect();
    let store = NewsStore::open(&store_dir)?;
    let derived = [
        format!("<{}>", newskg::vocab::ONTOLOGY_GRAPH),
        format!("<{}>", store.summary_graph().as_str()),
    ];
    let found: BTreeSet<String> = canonical(&store)?
        .into_iter()
        .filter(|(g, _)| !derived.contains(g))
        .flat_map(|(_, quads)| quads)
        .collect();
    assert!(found == expected, "the store differs from the mapping");
    drop(store);

    // Every export re-parses (sophia) to the store's content.
    let export = |format: &str| -> TestResult<String> {
        let out = run(newskg(&store_dir).args(["export", "--format", format]))?;
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        Ok(String::from_utf8(out.stdout)?)
    };
    let nquads: FastDataset =
        sophia::turtle::parser::nq::parse_str(&export("nquads")?).collect_quads()?;
    let trig: FastDataset =
        sophia::turtle::parser::trig::parse_str(&export("trig")?).collect_quads()?;
    assert!(sophia::isomorphism::isomorphic_datasets(&nquads, &trig)?);
    let ntriples: FastGraph =
        sophia::turtle::parser::nt::parse_str(&export("ntriples")?).collect_triples()?;
    let turtle: FastGraph =
        sophia::turtle::parser::turtle::parse_str(&export("turtle")?).collect_triples()?;
    assert!(sophia::isomorphism::isomorphic_graphs(&ntriples, &turtle)?);
    let union: BTreeSet<(String, String, String)> =
        oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::NQuads)
            .for_slice(export("nquads")?.as_bytes())
            .map(|q| {
                q.map(|q| {
                    (
                        q.subject.to_string(),
                        q.predicate.to_string(),
                        q.object.to_string(),
                    )
                })
            })
            .collect::<Result<_, _>>()?;
    assert_eq!(turtle.triples().count(), union.len());

    // Labels are the names, byte for byte (one rdfs:label each, read back from Turtle).
    let labels: BTreeSet<String> =
        oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::Turtle)
            .for_slice(export("turtle")?.as_bytes())
            .filter_map(|q| q.ok())
            .filter(|q| q.predicate == oxigraph::model::vocab::rdfs::LABEL)
            .filter_map(|q| match q.object {
                oxigraph::model::Term::Literal(l) => Some(l.value().to_owned()),
                _ => None,
            })
            .collect();
    for name in hostile_names() {
        assert!(labels.contains(&name), "label lost: {:.60?}", name);
    }
    Ok(())
}
