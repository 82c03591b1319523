//! SHACL shapes (pySHACL) and the JSON Schema (python-jsonschema) against newskg's own output and
//! deliberately broken input.

use newskg::export::{ExportFormat, export};

use crate::common::*;

const SHACL: &str = r#"
import sys
from pyshacl import validate
from rdflib import Graph
data = Graph().parse(sys.argv[1], format="turtle")
shapes = Graph().parse(sys.argv[2], format="turtle")
conforms, _, text = validate(data, shacl_graph=shapes, inference="none", allow_warnings=True)
print(text)
sys.exit(0 if conforms else 1)
"#;

const SCHEMA: &str = r#"
import json, sys
from jsonschema import Draft202012Validator
schema = json.load(open(sys.argv[1]))
Draft202012Validator.check_schema(schema)
errors = list(Draft202012Validator(schema).iter_errors(json.load(open(sys.argv[2]))))
for e in errors:
    print("/".join(map(str, e.absolute_path)), e.message)
sys.exit(1 if errors else 0)
"#;

#[test]
fn shacl_accepts_newskg_output() -> TestResult {
    let Some(python) = python() else {
        return Ok(());
    };
    let dir = tempfile::tempdir()?;
    let store = example_store(dir.path())?;
    let data = dir.path().join("kg.ttl");
    std::fs::write(
        &data,
        export(&store, ExportFormat::Turtle, None, Vec::new())?,
    )?;
    let shapes = root().join("ontology/shapes.ttl");
    let (ok, report) = run_python(&python, SHACL, &[&data, &shapes])?;
    assert!(ok, "SHACL rejected newskg's output:\n{report}");
    Ok(())
}

#[test]
fn shacl_rejects_a_broken_graph() -> TestResult {
    let Some(python) = python() else {
        return Ok(());
    };
    let dir = tempfile::tempdir()?;
    let shapes = root().join("ontology/shapes.ttl");
    let cases = [
        (
            "two labels",
            r#"<http://x/p> a nk:Person ; rdfs:label "A", "B" ."#,
        ),
        (
            "position without title",
            r#"<http://x/pos> a nk:Position ; rdfs:label "Minister" ."#,
        ),
        (
            "fact without modality",
            r#"<http://x/a> a nk:Article . <http://x/f> a nk:Fact ; rdf:subject <http://x/s> ; rdf:predicate nk:travelsTo ;
               rdf:object <http://x/o> ; nk:confidence 0.5 ; prov:wasDerivedFrom <http://x/a> ."#,
        ),
        (
            "sentence with reversed offsets",
            r#"<http://x/a> a nk:Article . <http://x/s> a nk:Sentence ; nk:text "x" ; nk:startOffset 9 ; nk:endOffset 3 ; nk:partOf <http://x/a> ."#,
        ),
        (
            "confidence above 1",
            r#"<http://x/a> a nk:Article . <http://x/f> a nk:Fact ; rdf:subject <http://x/s> ; rdf:predicate nk:travelsTo ;
               rdf:object <http://x/o> ; nk:confidence 1.5 ; nk:modality nk:Asserted ; prov:wasDerivedFrom <http://x/a> ."#,
        ),
    ];
    let prefixes = "@prefix nk: <https://w3id.org/newskg/ontology#> . @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix prov: <http://www.w3.org/ns/prov#> .\n";
    for (name, turtle) in cases {
        let data = dir.path().join("broken.ttl");
        std::fs::write(&data, format!("{prefixes}{turtle}\n"))?;
        let (ok, report) = run_python(&python, SHACL, &[&data, &shapes])?;
        assert!(!ok, "SHACL accepted a broken graph ({name}):\n{report}");
        assert!(report.contains("Constraint Violation"), "{name}: {report}");
    }
    Ok(())
}

#[test]
fn json_schema_accepts_the_examples_and_rejects_broken_documents() -> TestResult {
    let Some(python) = python() else {
        return Ok(());
    };
    let schema = root().join("schema/facts.schema.json");
    for example in example_facts() {
        let (ok, report) = run_python(&python, SCHEMA, &[&schema, &example])?;
        assert!(ok, "the schema rejects {}: {report}", example.display());
    }
    let dir = tempfile::tempdir()?;
    let broken = [
        ("no article id", r#"{"article": {"title": "x"}}"#),
        (
            "confidence as text",
            r#"{"article": {"id": "a"}, "facts": [{"subject": "e1", "predicate": "travelsTo", "object": "e2", "confidence": "high"}]}"#,
        ),
        (
            "object and value",
            r#"{"article": {"id": "a"}, "facts": [{"subject": "e1", "predicate": "travelsTo", "object": "e2", "value": "x"}]}"#,
        ),
        (
            "unknown field",
            r#"{"article": {"id": "a", "author": "me"}}"#,
        ),
        (
            "bad modality",
            r#"{"article": {"id": "a"}, "facts": [{"subject": "e1", "predicate": "p", "object": "e2", "modality": "maybe"}]}"#,
        ),
        (
            "bad date",
            r#"{"article": {"id": "a", "date": "16/03/2016"}}"#,
        ),
    ];
    for (name, json) in broken {
        let path = dir.path().join("broken.json");
        std::fs::write(&path, json)?;
        let (ok, report) = run_python(&python, SCHEMA, &[&schema, &path])?;
        assert!(
            !ok,
            "the schema accepts a broken document ({name}): {report}"
        );
    }
    Ok(())
}

#[test]
fn the_rust_reader_agrees_with_the_schema_on_the_examples() -> TestResult {
    let ontology = newskg::Ontology::builtin()?;
    for example in example_facts() {
        for doc in newskg::read::read_facts_file(&example)? {
            if let Err(errors) = doc.validate(&ontology) {
                return Err(format!("{}: {errors:?}", example.display()).into());
            }
        }
    }
    Ok(())
}
