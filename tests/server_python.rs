//! Standard client libraries (Python's SPARQLWrapper and rdflib's SPARQLStore) against the
//! server. Needs NEWSKG_TEST_PYTHON (set by `.ci/services.sh`): fails without it when CI=true.

mod server_common;

use newskg::server::ServerConfig;
use server_common::*;

#[test]
fn sparqlwrapper_and_rdflib_sparqlstore_work() -> TestResult {
    let Some(python) = service(
        "NEWSKG_TEST_PYTHON",
        "a Python with SPARQLWrapper and rdflib",
    )?
    else {
        return Ok(());
    };
    let server = serve(fixture_store()?, ServerConfig::default())?;
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/py/test_client.py");
    let output = std::process::Command::new(python)
        .arg(script)
        .arg(&server.url)
        .output()?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "python client test failed:\n{stdout}\n{stderr}"
    );
    assert!(stdout.contains("all checks passed"), "{stdout}");
    Ok(())
}
