//! Helpers of the integration tests: dataset comparison with sophia and the external tools
//! (raptor's `rapper`, a Python with pySHACL and jsonschema); the fixtures shared with other test
//! binaries come from `tests/support/`.

use std::path::{Path, PathBuf};

use newskg::NewsStore;
use newskg::export::{ExportFormat, export};
use sophia::api::prelude::*;
use sophia::inmem::dataset::FastDataset;

pub use crate::support::*;

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
