//! `newskg serve` and `newskg push` as subprocesses: push a store into a served one with the
//! Graph Store Protocol (bearer token), again with SPARQL Update, and re-push only what changed.

mod server_common;

use oxigraph::model::{GraphNameRef, NamedNode, NamedNodeRef, QuadRef};
use oxigraph::store::Store;
use server_common::*;

const TOKEN: &str = "push-test-token";
const GRAPHS: [&str; 3] = [ENTITIES, ARTICLE, ARTICLE2];

fn local_graphs(dir: &std::path::Path) -> TestResult<Vec<SGraph>> {
    let store = Store::open(dir)?;
    GRAPHS.iter().map(|g| store_graph(&store, g)).collect()
}

fn assert_mirrored(dir: &std::path::Path, server: &ServeProcess) -> TestResult {
    for (graph, local) in GRAPHS.iter().zip(local_graphs(dir)?) {
        let remote = remote_graph(&format!("{}/sparql", server.url), graph)?;
        assert!(isomorphic(&remote, &local)?, "graph {graph} differs");
    }
    let ontology = remote_graph(
        &format!("{}/sparql", server.url),
        newskg::push::ONTOLOGY_GRAPH,
    )?;
    assert!(ontology.len() > 100, "the ontology graph was pushed");
    Ok(())
}

#[test]
fn push_mirrors_the_store_and_resends_only_changes() -> TestResult {
    let local = fixture_store_dir()?;
    let remote_dir = tempfile::tempdir()?;
    let server = serve_process(remote_dir.path(), &["--allow-update", "--token", TOKEN])?;
    let store_arg = local.path().to_str().ok_or("path")?;
    let gsp = format!("{}/store", server.url);
    let args = [
        "push",
        "--store",
        store_arg,
        "--graph-store",
        &gsp,
        "--token",
        TOKEN,
    ];
    let (ok, _, err) = newskg(&args)?;
    assert!(ok, "{err}");
    assert!(
        err.contains("pushed 4 graphs") && err.contains("Graph Store Protocol"),
        "{err}"
    );
    assert_mirrored(local.path(), &server)?;

    let (ok, _, err) = newskg(&args)?;
    assert!(ok, "{err}");
    assert!(
        err.contains("pushed 0 graphs") && err.contains("4 unchanged"),
        "{err}"
    );

    {
        let store = Store::open(local.path())?;
        store.insert(QuadRef::new(
            NamedNodeRef::new(ARTICLE)?,
            NamedNodeRef::new("http://schema.org/keywords")?,
            oxigraph::model::LiteralRef::new_simple_literal("diplomacy"),
            GraphNameRef::NamedNode(NamedNodeRef::new(ARTICLE)?),
        ))?;
        store.remove_named_graph(&NamedNode::new(ARTICLE2)?)?;
    }
    let (ok, _, err) = newskg(&args)?;
    assert!(ok, "{err}");
    assert!(
        err.contains("pushed 1 graphs") && err.contains("1 deleted"),
        "{err}"
    );
    let gone = get(
        &format!("{}/store?graph={}", server.url, enc(ARTICLE2)),
        "text/turtle",
    )?;
    assert_eq!(gone.status, 404);
    let remote = remote_graph(&format!("{}/sparql", server.url), ARTICLE)?;
    assert!(isomorphic(
        &remote,
        &store_graph(&Store::open(local.path())?, ARTICLE)?
    )?);
    Ok(())
}

#[test]
fn push_falls_back_to_sparql_update() -> TestResult {
    let local = fixture_store_dir()?;
    let remote_dir = tempfile::tempdir()?;
    let server = serve_process(remote_dir.path(), &["--allow-update", "--token", TOKEN])?;
    let store_arg = local.path().to_str().ok_or("path")?;
    let update = format!("{}/update", server.url);
    // A Graph Store URL that does not exist: the push notices and uses the update endpoint.
    let missing = format!("{}/no-graph-store", server.url);
    let args = [
        "push",
        "--store",
        store_arg,
        "--endpoint",
        &update,
        "--graph-store",
        &missing,
        "--token",
        TOKEN,
        "--batch",
        "7",
    ];
    let (ok, _, err) = newskg(&args)?;
    assert!(ok, "{err}");
    assert!(
        err.contains("pushed 4 graphs") && err.contains("SPARQL Update"),
        "{err}"
    );
    assert_mirrored(local.path(), &server)?;
    Ok(())
}

#[test]
fn push_reports_authentication_failures() -> TestResult {
    let local = fixture_store_dir()?;
    let remote_dir = tempfile::tempdir()?;
    let server = serve_process(remote_dir.path(), &["--allow-update", "--token", TOKEN])?;
    let gsp = format!("{}/store", server.url);
    let store_arg = local.path().to_str().ok_or("path")?;
    let (ok, _, err) = newskg(&[
        "push",
        "--store",
        store_arg,
        "--graph-store",
        &gsp,
        "--token",
        "wrong",
        "--retries",
        "0",
    ])?;
    assert!(!ok);
    assert!(err.contains("401") && err.contains("4 failed"), "{err}");
    Ok(())
}

#[test]
fn serve_refuses_updates_without_a_token() -> TestResult {
    let dir = tempfile::tempdir()?;
    let store_arg = dir.path().to_str().ok_or("path")?;
    let (ok, _, err) = newskg(&[
        "serve",
        "--store",
        store_arg,
        "--bind",
        "127.0.0.1:0",
        "--allow-update",
    ])?;
    assert!(!ok);
    assert!(err.contains("token"), "{err}");
    Ok(())
}
