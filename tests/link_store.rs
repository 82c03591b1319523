//! Cross-document identity through the CLI: `build --kb` and `link` on a real store.

mod support;

use std::path::Path;

use assert_cmd::Command;
use support::{TestResult, travel_doc};

const SMALL_KB: &str = r#"<http://www.wikidata.org/entity/Q22316> <http://www.w3.org/2000/01/rdf-schema#label> "John Kerry"@en .
<http://www.wikidata.org/entity/Q22316> <http://www.w3.org/2004/02/skos/core#altLabel> "Kerry"@en .
<http://www.wikidata.org/entity/Q22316> <http://www.wikidata.org/prop/direct/P31> <http://www.wikidata.org/entity/Q5> .
"#;

const MOSCOW: &str = r#"<http://www.wikidata.org/entity/Q649> <http://www.w3.org/2000/01/rdf-schema#label> "Moscow"@en .
<http://www.wikidata.org/entity/Q649> <http://www.wikidata.org/prop/direct/P31> <http://www.wikidata.org/entity/Q515> .
"#;

fn newskg(dir: &Path) -> TestResult<Command> {
    let mut cmd = Command::cargo_bin("newskg")?;
    cmd.current_dir(dir).env_remove("NEWSKG_STORE");
    Ok(cmd)
}

/// `newskg link` on the store `store` with only the knowledge base `kb`.
fn link(dir: &Path, kb: &str) -> TestResult<Command> {
    let mut cmd = newskg(dir)?;
    cmd.args(["link", "--store", "store", "--no-default-kb", "--kb", kb]);
    Ok(cmd)
}

fn query(dir: &Path, sparql: &str) -> TestResult<String> {
    let out = newskg(dir)?
        .args(["query", "--store", "store", "--format", "tsv", sparql])
        .output()?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Ok(String::from_utf8(out.stdout)?)
}

fn rows(tsv: &str) -> Vec<String> {
    tsv.lines().skip(1).map(str::to_owned).collect()
}

#[test]
fn three_names_of_kerry_in_three_articles_are_one_node() -> TestResult {
    let dir = tempfile::tempdir()?;
    std::fs::write(dir.path().join("kb.nt"), SMALL_KB)?;
    for (id, who) in [
        ("a1", "Kerry"),
        ("a2", "John Kerry"),
        ("a3", "Secretary Kerry"),
    ] {
        let mut doc = travel_doc(id, who);
        doc.article.date = Some("2026-03-02".to_owned()); // all three in 2026-W10
        std::fs::write(
            dir.path().join(format!("{id}.json")),
            serde_json::to_string(&doc)?,
        )?;
    }
    newskg(dir.path())?
        .args([
            "build",
            "--store",
            "store",
            "--no-default-kb",
            "--kb",
            "kb.nt",
            "a1.json",
            "a2.json",
            "a3.json",
        ])
        .assert()
        .success();
    // One node carries the sameAs, and the travel facts of all three articles hang on it.
    let nodes = rows(&query(
        dir.path(),
        "SELECT DISTINCT ?k WHERE { ?k owl:sameAs wd:Q22316 }",
    )?);
    assert_eq!(
        nodes,
        vec!["<https://w3id.org/newskg/id/wikidata/Q22316>".to_owned()]
    );
    let articles = rows(&query(
        dir.path(),
        "SELECT DISTINCT ?a WHERE { ?k owl:sameAs wd:Q22316 . GRAPH ?a { ?f rdf:subject ?k ; rdf:predicate nk:travelsTo } } ORDER BY ?a",
    )?);
    assert_eq!(articles.len(), 3, "{articles:?}");
    let labels = rows(&query(
        dir.path(),
        "SELECT ?l WHERE { ?k owl:sameAs wd:Q22316 ; rdfs:label ?l }",
    )?);
    assert_eq!(labels.len(), 1, "{labels:?}");
    // Moscow is not in this KB: it keeps its local IRI.
    let moscow = rows(&query(
        dir.path(),
        "SELECT ?m WHERE { ?m a nk:City ; rdfs:label \"Moscow\" }",
    )?);
    assert_eq!(
        moscow,
        vec!["<https://w3id.org/newskg/id/place/moscow>".to_owned()]
    );

    // Relinking with a bigger KB moves Moscow's node, with every fact, to its Wikidata IRI.
    std::fs::write(dir.path().join("bigger.nt"), format!("{SMALL_KB}{MOSCOW}"))?;
    link(dir.path(), "bigger.nt")?.assert().success();
    let old = rows(&query(
        dir.path(),
        "SELECT ?s ?p ?o WHERE { { <https://w3id.org/newskg/id/place/moscow> ?p ?o } UNION { ?s ?p <https://w3id.org/newskg/id/place/moscow> } }",
    )?);
    assert!(old.is_empty(), "old IRI still used: {old:?}");
    let joined = rows(&query(
        dir.path(),
        "SELECT DISTINCT ?a WHERE { ?k owl:sameAs wd:Q22316 . ?m owl:sameAs wd:Q649 . GRAPH ?a { ?f rdf:subject ?k ; rdf:predicate nk:travelsTo ; rdf:object ?m } }",
    )?);
    assert_eq!(joined.len(), 3, "{joined:?}");
    // The weekly mention counts follow the move: one count per entity, each of the 3 articles.
    let counts = rows(&query(
        dir.path(),
        "SELECT ?e ?n WHERE { ?c nk:week '2026-W10' ; nk:mentionedEntity ?e ; nk:articleCount ?n } ORDER BY ?e",
    )?);
    assert_eq!(
        counts,
        vec![
            "<https://w3id.org/newskg/id/wikidata/Q22316>\t3".to_owned(),
            "<https://w3id.org/newskg/id/wikidata/Q649>\t3".to_owned()
        ]
    );
    // …and are the very count nodes that a build with the bigger KB writes.
    newskg(dir.path())?
        .args([
            "build",
            "--store",
            "fresh",
            "--no-default-kb",
            "--kb",
            "bigger.nt",
        ])
        .args(["a1.json", "a2.json", "a3.json"])
        .assert()
        .success();
    let summary = |store: &str| -> TestResult<Vec<u8>> {
        Ok(newskg(dir.path())?
            .args(["query", "--store", store, "--format", "tsv"])
            .arg("SELECT ?c ?e ?n ?r WHERE { ?c nk:mentionedEntity ?e ; nk:articleCount ?n ; nk:rank ?r } ORDER BY ?c")
            .output()?
            .stdout)
    };
    let relinked = summary("store")?;
    assert!(String::from_utf8(relinked.clone())?.contains("/wikidata/Q649>"));
    assert_eq!(relinked, summary("fresh")?);
    // The travel summaries too: Kerry's three planned trips now go to Moscow's new IRI.
    let travels = |store: &str| -> TestResult<String> {
        Ok(String::from_utf8(
            newskg(dir.path())?
                .args(["query", "--store", store, "--format", "tsv"])
                .arg(
                    "SELECT ?s ?t ?d ?n ?m ?r WHERE { ?s a nk:TravelSummary ; nk:traveller ?t ;
                       nk:destination ?d ; nk:statementCount ?n ; nk:reportedModality ?m ;
                       nk:rank ?r } ORDER BY ?s",
                )
                .output()?
                .stdout,
        )?)
    };
    let relinked = travels("store")?;
    assert_eq!(rows(&relinked).len(), 1, "{relinked}");
    assert!(
        relinked.contains("/wikidata/Q22316>\t<https://w3id.org/newskg/id/wikidata/Q649>\t3\t")
    );
    assert_eq!(relinked, travels("fresh")?);
    // Running it again changes nothing.
    let out = link(dir.path(), "bigger.nt")?.output()?;
    assert!(String::from_utf8(out.stdout)?.contains("linked 0 new"));
    Ok(())
}

#[test]
fn a_kb_with_a_syntax_error_stops_unless_lenient() -> TestResult {
    let dir = tempfile::tempdir()?;
    std::fs::write(
        dir.path().join("bad.nt"),
        format!("{SMALL_KB}<http://x/a> <http://x/b> \"oops .\n{MOSCOW}"),
    )?;
    std::fs::write(
        dir.path().join("a1.json"),
        serde_json::to_string(&travel_doc("a1", "Kerry"))?,
    )?;
    let out = newskg(dir.path())?
        .args(["build", "--store", "store", "--kb", "bad.nt", "a1.json"])
        .output()?;
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr)?;
    assert!(stderr.contains("bad.nt:4:"), "{stderr}");
    let out = newskg(dir.path())?
        .args([
            "build",
            "--store",
            "store",
            "--lenient",
            "--kb",
            "bad.nt",
            "a1.json",
        ])
        .output()?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8(out.stderr)?.contains("skipped: "));
    let nodes = rows(&query(
        dir.path(),
        "SELECT ?m WHERE { ?m owl:sameAs wd:Q649 }",
    )?);
    assert_eq!(nodes.len(), 1);
    Ok(())
}
