//! Helpers shared by the integration tests: fixtures, dataset comparison with sophia, and the
//! external tools (raptor's `rapper`, a Python with pySHACL and jsonschema).

use std::path::{Path, PathBuf};

use newskg::export::{ExportFormat, export};
use newskg::map::{MapOptions, MappedArticle, map_document};
use newskg::{FactsDocument, NewsStore, Ontology};
use sophia::api::prelude::*;
use sophia::inmem::dataset::FastDataset;

/// Boxed error for tests returning `Result`.
pub type TestResult<T = ()> = Result<T, Box<dyn std::error::Error>>;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The example facts files.
pub fn example_facts() -> Vec<PathBuf> {
    ["ellison-nairobi.json", "harbour-strike.json"]
        .iter()
        .map(|f| root().join("examples/facts").join(f))
        .collect()
}

/// Reads one example facts document.
pub fn example_doc(name: &str) -> TestResult<FactsDocument> {
    let docs = newskg::read::read_facts_file(&root().join("examples/facts").join(name))?;
    docs.into_iter()
        .next()
        .ok_or_else(|| "empty facts file".into())
}

/// Maps documents with the default options.
pub fn map_all(docs: &[FactsDocument]) -> TestResult<Vec<MappedArticle>> {
    let ontology = Ontology::builtin()?;
    let options = MapOptions::default();
    Ok(docs
        .iter()
        .map(|d| map_document(d, &ontology, &options))
        .collect::<Result<_, _>>()?)
}

/// A new store in a temporary folder holding the example articles (and the ontology graph).
pub fn example_store(dir: &Path) -> TestResult<NewsStore> {
    let store = NewsStore::open(&dir.join("store"))?;
    let docs = vec![
        example_doc("ellison-nairobi.json")?,
        example_doc("harbour-strike.json")?,
    ];
    store.load_articles(map_all(&docs)?)?;
    Ok(store)
}

/// The store's content as N-Quads text.
pub fn nquads(store: &NewsStore) -> TestResult<String> {
    Ok(String::from_utf8(export(
        store,
        ExportFormat::NQuads,
        None,
        Vec::new(),
    )?)?)
}

/// Parses N-Quads into a sophia dataset.
pub fn parse_nquads(text: &str) -> TestResult<FastDataset> {
    Ok(sophia::turtle::parser::nq::parse_str(text).collect_quads()?)
}

/// Parses TriG into a sophia dataset.
pub fn parse_trig(text: &str) -> TestResult<FastDataset> {
    Ok(sophia::turtle::parser::trig::parse_str(text).collect_quads()?)
}

/// Whether two datasets are isomorphic (sophia).
pub fn isomorphic(a: &FastDataset, b: &FastDataset) -> TestResult<bool> {
    Ok(sophia::isomorphism::isomorphic_datasets(a, b)?)
}

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// The Python with pySHACL and jsonschema (`$NEWSKG_TEST_PYTHON`). In CI (`CI=true`) its absence
/// fails the test; elsewhere the test is skipped with a note.
pub fn python() -> Option<PathBuf> {
    match std::env::var_os("NEWSKG_TEST_PYTHON") {
        Some(p) if !p.is_empty() => Some(PathBuf::from(p)),
        _ => {
            assert!(
                !in_ci(),
                "NEWSKG_TEST_PYTHON is not set (run .ci/install-test-deps.sh)"
            );
            eprintln!(
                "note: NEWSKG_TEST_PYTHON is not set; skipping (run .ci/install-test-deps.sh)"
            );
            None
        }
    }
}

/// raptor's `rapper`, if installed. In CI its absence fails the test; elsewhere the test is
/// skipped with a note.
pub fn rapper() -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join("rapper"))
            .find(|p| p.is_file())
    });
    if found.is_none() {
        assert!(
            !in_ci(),
            "rapper is not installed (apt-get install raptor2-utils)"
        );
        eprintln!("note: rapper not found; skipping (apt-get install raptor2-utils)");
    }
    found
}

/// Runs a Python script with arguments; returns (success, stdout + stderr).
pub fn run_python(python: &Path, script: &str, args: &[&Path]) -> TestResult<(bool, String)> {
    let output = std::process::Command::new(python)
        .arg("-c")
        .arg(script)
        .args(args)
        .output()?;
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    Ok((output.status.success(), text))
}
