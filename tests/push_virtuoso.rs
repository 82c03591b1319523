//! `newskg push` into a real OpenLink Virtuoso (started on loopback by `.ci/services.sh`), with
//! Digest authentication: through the Graph Store Protocol, then through SPARQL Update; each
//! graph read back from Virtuoso must be isomorphic to the local one.
//! Needs VIRTUOSO_URL: fails without it when CI=true.

mod server_common;

use server_common::*;

const GRAPHS: [&str; 3] = [ENTITIES, ARTICLE, ARTICLE2];

fn check_mirrored(virtuoso: &str, dir: &std::path::Path) -> TestResult {
    let store = newskg::store::NewsStore::open(dir)?;
    let store = store.oxigraph();
    for graph in GRAPHS {
        let local = store_graph(store, graph)?;
        let remote = remote_graph(&format!("{virtuoso}/sparql"), graph)?;
        assert_eq!(remote.len(), local.len(), "{graph}: triple counts");
        assert!(isomorphic(&remote, &local)?, "{graph} differs in Virtuoso");
    }
    let ontology = remote_graph(&format!("{virtuoso}/sparql"), newskg::push::ONTOLOGY_GRAPH)?;
    assert!(ontology.len() > 100, "ontology graph in Virtuoso");
    Ok(())
}

#[test]
fn push_to_virtuoso_with_digest_auth() -> TestResult {
    let Some(virtuoso) = service("VIRTUOSO_URL", "OpenLink Virtuoso")? else {
        return Ok(());
    };
    let user = std::env::var("VIRTUOSO_USER").unwrap_or_else(|_| "dba".into());
    let password = std::env::var("VIRTUOSO_PASSWORD").unwrap_or_else(|_| "dba".into());
    let local = fixture_store_dir()?;
    let store_arg = local.path().to_str().ok_or("path")?;
    let gsp = format!("{virtuoso}/sparql-graph-crud-auth");
    let update = format!("{virtuoso}/sparql-auth");

    // Wrong password: refused, reported, non-zero exit.
    let (ok, _, err) = newskg(&[
        "push",
        "--store",
        store_arg,
        "--graph-store",
        &gsp,
        "--user",
        &user,
        "--password",
        "wrong",
        "--auth",
        "digest",
        "--retries",
        "0",
    ])?;
    assert!(!ok, "{err}");
    assert!(err.contains("401"), "{err}");

    let gsp_args = [
        "push",
        "--store",
        store_arg,
        "--graph-store",
        &gsp,
        "--endpoint",
        &update,
        "--user",
        &user,
        "--password",
        &password,
        "--auth",
        "digest",
    ];
    let (ok, _, err) = newskg(&gsp_args)?;
    assert!(ok, "{err}");
    assert!(
        err.contains("pushed 4 graphs") && err.contains("Graph Store Protocol"),
        "{err}"
    );
    check_mirrored(&virtuoso, local.path())?;
    let (ok, _, err) = newskg(&gsp_args)?;
    assert!(ok && err.contains("4 unchanged"), "{err}");

    // The same with SPARQL Update only (small batches), forcing a resend: still the same graphs.
    let (ok, _, err) = newskg(&[
        "push",
        "--store",
        store_arg,
        "--endpoint",
        &update,
        "--user",
        &user,
        "--password",
        &password,
        "--batch",
        "5",
        "--force",
    ])?;
    assert!(ok, "{err}");
    assert!(
        err.contains("pushed 4 graphs") && err.contains("SPARQL Update"),
        "{err}"
    );
    check_mirrored(&virtuoso, local.path())?;
    Ok(())
}
