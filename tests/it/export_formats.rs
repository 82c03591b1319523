//! Every export format parses with an independent parser; TriG re-imports to the same dataset.

use newskg::export::{ExportFormat, export};
use sophia::api::prelude::*;
use sophia::inmem::dataset::FastDataset;

use crate::common::*;

#[test]
fn trig_export_reimports_to_an_isomorphic_dataset() -> TestResult {
    let dir = tempfile::tempdir()?;
    let store = example_store(dir.path())?;
    let trig = String::from_utf8(export(&store, ExportFormat::TriG, None, Vec::new())?)?;
    assert!(trig.contains("@prefix nk:"), "TriG without prefixes");
    let reimported = parse_trig(&trig)?;
    let dumped = parse_nquads(&nquads(&store)?)?;
    assert_eq!(reimported.quads().count(), store.oxigraph().len()?);
    assert!(isomorphic(&reimported, &dumped)?);
    Ok(())
}

#[test]
fn jsonld_export_parses_with_sophia_to_the_same_dataset() -> TestResult {
    let dir = tempfile::tempdir()?;
    let store = example_store(dir.path())?;
    let jsonld = String::from_utf8(export(&store, ExportFormat::JsonLd, None, Vec::new())?)?;
    let parsed: FastDataset = sophia::jsonld::JsonLdParser::new()
        .parse_str(&jsonld)
        .collect_quads()?;
    assert!(isomorphic(&parsed, &parse_nquads(&nquads(&store)?)?)?);
    Ok(())
}

#[test]
fn turtle_export_is_readable_and_holds_the_union() -> TestResult {
    let dir = tempfile::tempdir()?;
    let store = example_store(dir.path())?;
    let turtle = String::from_utf8(export(&store, ExportFormat::Turtle, None, Vec::new())?)?;
    assert!(turtle.contains("@prefix nk: <https://w3id.org/newskg/ontology#>"));
    assert!(
        turtle.contains("person:margaret-ellison"),
        "instance prefixes not used"
    );
    let graph: sophia::inmem::graph::FastGraph =
        sophia::turtle::parser::turtle::parse_str(&turtle).collect_triples()?;
    // The union of the graphs: every distinct triple of the store, once.
    let mut triples = std::collections::BTreeSet::new();
    for quad in store.oxigraph().iter() {
        let quad = quad?;
        triples.insert((
            quad.subject.to_string(),
            quad.predicate.to_string(),
            quad.object.to_string(),
        ));
    }
    assert_eq!(graph.triples().count(), triples.len());
    Ok(())
}

#[test]
fn one_graph_can_be_exported() -> TestResult {
    let dir = tempfile::tempdir()?;
    let store = example_store(dir.path())?;
    let graph = newskg::map::article_iri(store.base(), "harbour-strike")?;
    let nq = String::from_utf8(export(
        &store,
        ExportFormat::NQuads,
        Some(&graph),
        Vec::new(),
    )?)?;
    let parsed = parse_nquads(&nq)?;
    assert!(parsed.quads().count() > 10);
    assert!(
        nq.lines()
            .all(|l| l.ends_with(&format!("<{}> .", graph.as_str())))
    );
    let missing = newskg::map::article_iri(store.base(), "nope")?;
    assert!(export(&store, ExportFormat::Turtle, Some(&missing), Vec::new()).is_err());
    Ok(())
}

#[test]
fn every_format_parses_with_rapper() -> TestResult {
    let Some(rapper) = rapper() else {
        return Ok(());
    };
    let dir = tempfile::tempdir()?;
    let store = example_store(dir.path())?;
    let quads = store.oxigraph().len()?;
    for (format, name) in [
        (ExportFormat::Turtle, "turtle"),
        (ExportFormat::NTriples, "ntriples"),
        (ExportFormat::NQuads, "nquads"),
        (ExportFormat::TriG, "trig"),
        (ExportFormat::RdfXml, "rdfxml"),
    ] {
        let path = dir.path().join(format!("kg.{}", format.extension()));
        std::fs::write(&path, export(&store, format, None, Vec::new())?)?;
        let output = std::process::Command::new(&rapper)
            .args(["-q", "-c", "-i", name])
            .arg(&path)
            .output()?;
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            output.status.success(),
            "rapper rejected the {name} export: {stderr}"
        );
        assert!(
            !stderr.contains("Error") && !stderr.contains("Warning"),
            "rapper complained about {name}: {stderr}"
        );
        if matches!(format, ExportFormat::NQuads | ExportFormat::TriG) {
            let count = std::process::Command::new(&rapper)
                .args(["-c", "-i", name])
                .arg(&path)
                .output()?;
            let text = String::from_utf8_lossy(&count.stderr);
            assert!(
                text.contains(&format!("returned {quads} ")),
                "rapper counted {text} for {quads} quads"
            );
        }
    }
    Ok(())
}
