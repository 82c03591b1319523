//! The `newskg` binary: build, query, export, list, remove, stats, ontology.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

use crate::common::*;

fn newskg(store: &Path) -> TestResult<Command> {
    let mut cmd = Command::cargo_bin("newskg")?;
    cmd.env("NEWSKG_STORE", store)
        .env_remove("CI_NEWSKG_UNUSED");
    Ok(cmd)
}

fn build_examples(store: &Path) -> TestResult {
    newskg(store)?
        .arg("build")
        .args(example_facts())
        .assert()
        .success()
        .stdout(predicate::str::contains("the store holds 2 articles"));
    Ok(())
}

#[test]
fn a_bad_facts_file_among_good_ones() -> TestResult {
    let dir = tempfile::tempdir()?;
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs)?;
    for example in example_facts() {
        std::fs::copy(&example, inputs.join(example.file_name().ok_or("name")?))?;
    }
    let good = std::fs::read_to_string(&example_facts()[1])?;
    let bad_predicate = good.replacen("\"spokespersonOf\"", "\"speaksFor\"", 1);
    std::fs::write(inputs.join("bad-predicate.json"), bad_predicate)?;
    let mut lines = serde_json::to_string(&serde_json::from_str::<serde_json::Value>(&good)?)?;
    lines = lines.replacen("\"id\":\"harbour-strike\"", "\"id\":\"harbour-copy\"", 1);
    std::fs::write(
        inputs.join("mixed.jsonl"),
        format!("{lines}\n{{\"article\": {{\"id\": 3}}}}\n\nnot json\n"),
    )?;
    let store = dir.path().join("store");
    newskg(&store)?
        .args(["build", "--quiet"])
        .arg(&inputs)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("bad-predicate.json"))
        .stderr(predicate::str::contains("facts[0].predicate"))
        .stderr(predicate::str::contains("unknown predicate \"speaksFor\""))
        .stderr(predicate::str::contains("mixed.jsonl:2: article.id"))
        .stderr(predicate::str::contains("mixed.jsonl:4"))
        .stdout(predicate::str::contains("3 input(s) failed"))
        .stdout(predicate::str::contains("the store holds 3 articles"));
    // The store still opens and answers.
    newskg(&store)?
        .args(["query", "ASK { ?p nk:spokespersonOf ?o }"])
        .assert()
        .success()
        .stdout("true\n");
    newskg(&store)?.arg("list").assert().success().stdout(
        predicate::str::contains("ellison-nairobi").and(predicate::str::contains("harbour-copy")),
    );
    Ok(())
}

#[test]
fn query_formats_and_sources() -> TestResult {
    let dir = tempfile::tempdir()?;
    let store = dir.path().join("store");
    build_examples(&store)?;
    let select = "SELECT ?name WHERE { ?p nk:spokespersonOf ?o ; rdfs:label ?name } ORDER BY ?name";
    newskg(&store)?
        .args(["query", "--format", "csv", select])
        .assert()
        .success()
        .stdout("name\r\nAnouk de Vries\r\nDavid Okafor\r\n");
    newskg(&store)?
        .args(["query", "--format", "json", select])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"value\":\"David Okafor\""));
    newskg(&store)?
        .args(["query", "--format", "table", select])
        .assert()
        .success()
        .stdout(
            predicate::str::starts_with("name\n-----------")
                .and(predicate::str::contains("\nDavid Okafor\n")),
        );
    newskg(&store)?
        .args(["query", "-"])
        .write_stdin(select)
        .assert()
        .success()
        .stdout(predicate::str::contains("\"David Okafor\""));
    let file = dir.path().join("q.rq");
    std::fs::write(&file, select)?;
    newskg(&store)?
        .args(["query", &format!("@{}", file.display())])
        .assert()
        .success();
    newskg(&store)?
        .args(["query", "ASK { ?x nk:brokers ?y . ?y a nk:Meeting }"])
        .assert()
        .success()
        .stdout("false\n");
    let turtle = newskg(&store)?
        .args([
            "query",
            "CONSTRUCT { ?p nk:travelsTo ?o } WHERE { ?p nk:travelsTo ?o }",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let turtle = String::from_utf8(turtle)?;
    assert!(turtle.contains("nk:travelsTo"), "{turtle}");
    Ok(())
}

/// The demo's path: the text articles, where one trip to Nairobi (the headline's) has no date and
/// the other has; the traveller's latest date is still the dated one.
#[test]
fn travellers_to_a_city_from_the_text_articles() -> TestResult {
    let dir = tempfile::tempdir()?;
    let store = dir.path().join("store");
    newskg(&store)?
        .arg("build")
        .arg(root().join("examples/articles"))
        .assert()
        .success();
    let query = root().join("examples/queries/travellers-to-a-city.rq");
    newskg(&store)?
        .args(["query", "--format", "tsv", &format!("@{}", query.display())])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "\"Margaret Ellison\"\t\"2026-04-13\"",
        ));
    Ok(())
}

#[test]
fn the_example_queries_run() -> TestResult {
    let dir = tempfile::tempdir()?;
    let store = dir.path().join("store");
    build_examples(&store)?;
    let expect = [
        ("who-travels-where.rq", "Nairobi"),
        ("who-holds-which-position.rq", "Secretary of State"),
        (
            "quotes-with-speakers.rq",
            "Nobody should mistake patience for weakness",
        ),
        ("evidence-of-facts.rq", "Ingrid Halvorsen brokers talks"),
        (
            "evidence-of-a-fact.rq",
            "Margaret Ellison will travel to Nairobi next week",
        ),
        ("travellers-to-a-city.rq", "2026-04-13"),
        ("most-mentioned-this-week.rq", "Margaret Ellison"),
    ];
    for (file, needle) in expect {
        let path = root().join("examples/queries").join(file);
        newskg(&store)?
            .args(["query", "--format", "tsv", &format!("@{}", path.display())])
            .assert()
            .success()
            .stdout(predicate::str::contains(needle));
    }
    Ok(())
}

#[test]
fn syntax_errors_show_where() -> TestResult {
    let dir = tempfile::tempdir()?;
    let store = dir.path().join("store");
    build_examples(&store)?;
    newskg(&store)?
        .args(["query", "SELECT ?x WHERE {\n  ?x nk:travelsTo \n}"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("SPARQL syntax error").and(predicate::str::contains("3:")),
        );
    Ok(())
}

#[test]
fn export_to_a_file_and_remove_and_stats() -> TestResult {
    let dir = tempfile::tempdir()?;
    let store = dir.path().join("store");
    build_examples(&store)?;
    let out = dir.path().join("kg.nq");
    newskg(&store)?
        .args(["export", "-o"])
        .arg(&out)
        .assert()
        .success();
    let dataset = parse_nquads(&std::fs::read_to_string(&out)?)?;
    assert!(isomorphic(
        &dataset,
        &parse_nquads(&std::fs::read_to_string(&out)?)?
    )?);
    newskg(&store)?
        .args(["export", "--format", "yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown --format"));
    newskg(&store)?
        .args(["remove", "harbour-strike", "nope"])
        .assert()
        .code(1)
        .stdout("removed harbour-strike\n")
        .stderr(predicate::str::contains("no article \"nope\""));
    newskg(&store)?
        .arg("stats")
        .assert()
        .success()
        .stdout(predicate::str::contains("articles: 1\n"));
    Ok(())
}

#[test]
fn a_store_in_use_is_refused_with_a_clear_message() -> TestResult {
    let dir = tempfile::tempdir()?;
    let store = dir.path().join("store");
    build_examples(&store)?;
    let _held = newskg::NewsStore::open(&store)?;
    newskg(&store)?
        .arg("stats")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "is in use by another newskg process",
        ));
    Ok(())
}

#[test]
fn missing_store_and_bad_options_are_clear_errors() -> TestResult {
    let dir = tempfile::tempdir()?;
    let store = dir.path().join("nothing");
    newskg(&store)?
        .arg("stats")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no newskg store"));
    assert!(!store.exists(), "a read command created a store");
    newskg(&store)?
        .args(["build", "--base", "not an iri"])
        .args(example_facts())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid base IRI"));
    newskg(&store)?
        .args(["build", "--date", "2016-02-30"])
        .args(example_facts())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--date"));
    Ok(())
}

#[test]
fn gzip_inputs_are_read() -> TestResult {
    use std::io::Write;
    let dir = tempfile::tempdir()?;
    let gz = dir.path().join("facts.jsonl.gz");
    let mut encoder =
        flate2::write::GzEncoder::new(std::fs::File::create(&gz)?, flate2::Compression::fast());
    for example in example_facts() {
        let value: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(example)?)?;
        writeln!(encoder, "{}", serde_json::to_string(&value)?)?;
    }
    encoder.finish()?;
    let store = dir.path().join("store");
    newskg(&store)?
        .arg("build")
        .arg(&gz)
        .assert()
        .success()
        .stdout(predicate::str::contains("the store holds 2 articles"));
    Ok(())
}

#[test]
fn the_ontology_prints() -> TestResult {
    let dir = tempfile::tempdir()?;
    newskg(dir.path())?
        .arg("ontology")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "nk:travelsTo a owl:ObjectProperty",
        ));
    newskg(dir.path())?
        .args(["ontology", "--shapes"])
        .assert()
        .success()
        .stdout(predicate::str::contains("sh:NodeShape"));
    newskg(dir.path())?
        .args(["ontology", "--list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("nk:brokers"));
    Ok(())
}

#[test]
fn timestamps_only_on_request() -> TestResult {
    let dir = tempfile::tempdir()?;
    let plain = dir.path().join("plain");
    build_examples(&plain)?;
    let ask = "ASK { ?f a nk:Fact ; prov:generatedAtTime ?t . FILTER(DATATYPE(?t) = xsd:dateTime && YEAR(?t) >= 2024) }";
    newskg(&plain)?
        .args(["query", ask])
        .assert()
        .success()
        .stdout("false\n");
    let stamped = dir.path().join("stamped");
    newskg(&stamped)?
        .args(["build", "--timestamps"])
        .args(example_facts())
        .assert()
        .success();
    newskg(&stamped)?
        .args(["query", ask])
        .assert()
        .success()
        .stdout("true\n");
    Ok(())
}
