//! `newskg serve` and `newskg push` as subprocesses: push a store into a served one with the
//! Graph Store Protocol (bearer token), again with SPARQL Update, and re-push only what changed.

mod server_common;

use oxigraph::model::{GraphNameRef, NamedNode, NamedNodeRef, QuadRef};
use server_common::*;

const TOKEN: &str = "push-test-token";
const GRAPHS: [&str; 3] = [ENTITIES, ARTICLE, ARTICLE2];

fn local_graphs(dir: &std::path::Path) -> TestResult<Vec<SGraph>> {
    let store = newskg::store::NewsStore::open(dir)?;
    let store = store.oxigraph();
    GRAPHS.iter().map(|g| store_graph(store, g)).collect()
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
        let store = newskg::store::NewsStore::open(local.path())?
            .oxigraph()
            .clone();
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
        &store_graph(
            &newskg::store::NewsStore::open(local.path())?
                .oxigraph()
                .clone(),
            ARTICLE
        )?
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

/// What `newskg build --server` does: the example articles, mapped locally and sent through a
/// served store, give the same graphs as a local build.
#[test]
fn articles_sent_to_a_served_store_equal_a_local_build() -> TestResult {
    let ontology = newskg::Ontology::builtin()?;
    let mut mapped = Vec::new();
    for file in example_facts() {
        for doc in newskg::read::read_facts_file(&file)? {
            mapped.push(newskg::map_document(
                &doc,
                &ontology,
                &newskg::MapOptions::default(),
            )?);
        }
    }
    let local_dir = tempfile::tempdir()?;
    let local = example_store(local_dir.path())?;
    let remote_dir = tempfile::tempdir()?;
    let server = serve_process(remote_dir.path(), &["--allow-update", "--token", TOKEN])?;
    let mut remote = newskg::push::Remote::new(&newskg::push::server_options(&server.url, TOKEN))?;
    let sent = newskg::push::send_mapped(&mut remote, &mapped)?;
    assert_eq!(sent.articles, 2);
    // Twice: replacing articles changes nothing.
    newskg::push::send_mapped(&mut remote, &mapped)?;
    let mut graphs: Vec<String> = mapped.iter().map(|m| m.graph.as_str().to_owned()).collect();
    graphs.push(local.entities_graph().as_str().to_owned());
    for graph in &graphs {
        let remote_graph = remote_graph(&format!("{}/sparql", server.url), graph)?;
        let local_graph = store_graph(local.oxigraph(), graph)?;
        assert!(!local_graph.is_empty());
        assert!(isomorphic(&remote_graph, &local_graph)?, "{graph} differs");
    }
    Ok(())
}

/// `newskg build --server URL --token T`: the store is held by the server, so build sends
/// through it; the served graphs equal a local build of the same inputs.
#[test]
fn build_through_a_running_server() -> TestResult {
    let remote_dir = tempfile::tempdir()?;
    let served = remote_dir.path().join("store");
    let server = serve_process(&served, &["--allow-update", "--token", TOKEN])?;
    let facts = example_facts();
    let mut args = vec![
        "build".to_owned(),
        "--server".to_owned(),
        server.url.clone(),
        "--token".to_owned(),
        TOKEN.to_owned(),
        // The local store below is mapped without linking.
        "--no-default-kb".to_owned(),
    ];
    args.extend(facts.iter().map(|f| f.display().to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (ok, out, err) = newskg(&args)?;
    assert!(ok, "{err}");
    assert!(out.contains("sent 2 article(s)"), "{out}");
    // Without the server, the store is in use.
    let (ok, _, err) = newskg(&["build", "--store", served.to_str().ok_or("path")?, args[6]])?;
    assert!(!ok, "a second process cannot open the served store");
    assert!(err.contains("in use"), "{err}");

    let local_dir = tempfile::tempdir()?;
    let local = example_store(local_dir.path())?;
    let graphs: Vec<String> = local
        .oxigraph()
        .named_graphs()
        .map(|g| {
            g.map(|g| {
                g.to_string()
                    .trim_matches(|c| c == '<' || c == '>')
                    .to_owned()
            })
        })
        .collect::<Result<_, _>>()?;
    assert_eq!(graphs.len(), 5, "two articles, facts, entities, ontology");
    for graph in &graphs {
        let remote = remote_graph(&format!("{}/sparql", server.url), graph)?;
        assert!(
            isomorphic(&remote, &store_graph(local.oxigraph(), graph)?)?,
            "{graph} differs"
        );
    }
    Ok(())
}
