//! `newskg serve` and `newskg push` as subprocesses: push a store into a served one with the
//! Graph Store Protocol (bearer token), again with SPARQL Update, and re-push only what changed.

mod server_common;

use oxigraph::model::{GraphNameRef, NamedNode, NamedNodeRef, QuadRef};
use server_common::*;

const TOKEN: &str = "push-test-token";

/// A local store folder holding the fixture, and an empty store served with updates allowed
/// (fields drop in order: the server stops before its folder goes).
struct PushSetup {
    server: ServeProcess,
    local: tempfile::TempDir,
    _remote: tempfile::TempDir,
}

impl PushSetup {
    fn new() -> TestResult<Self> {
        let local = fixture_store_dir()?;
        let remote = tempfile::tempdir()?;
        let server = serve_process(remote.path(), &["--allow-update", "--token", TOKEN])?;
        Ok(Self {
            server,
            local,
            _remote: remote,
        })
    }

    /// `newskg push` of the local store with `args`: (success, stderr).
    fn push(&self, args: &[&str]) -> TestResult<(bool, String)> {
        push(self.local.path(), args)
    }

    fn assert_mirrored(&self) -> TestResult {
        assert_mirrored(&format!("{}/sparql", self.server.url), self.local.path())
    }
}

#[test]
fn push_mirrors_the_store_and_resends_only_changes() -> TestResult {
    let setup = PushSetup::new()?;
    let gsp = format!("{}/store", setup.server.url);
    let args = ["--graph-store", &gsp, "--token", TOKEN];
    assert_pushed(
        setup.push(&args)?,
        &["pushed 4 graphs", "Graph Store Protocol"],
    );
    setup.assert_mirrored()?;

    assert_pushed(setup.push(&args)?, &["pushed 0 graphs", "4 unchanged"]);

    {
        let store = newskg::store::NewsStore::open(setup.local.path())?
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
    assert_pushed(setup.push(&args)?, &["pushed 1 graphs", "1 deleted"]);
    let gone = get(
        &format!("{}/store?graph={}", setup.server.url, enc(ARTICLE2)),
        "text/turtle",
    )?;
    assert_eq!(gone.status, 404);
    let remote = remote_graph(&format!("{}/sparql", setup.server.url), ARTICLE)?;
    let local = newskg::store::NewsStore::open(setup.local.path())?;
    assert!(isomorphic(
        &remote,
        &store_graph(local.oxigraph(), ARTICLE)?
    )?);
    Ok(())
}

#[test]
fn push_falls_back_to_sparql_update() -> TestResult {
    let setup = PushSetup::new()?;
    let update = format!("{}/update", setup.server.url);
    // A Graph Store URL that does not exist: the push notices and uses the update endpoint.
    let missing = format!("{}/no-graph-store", setup.server.url);
    assert_pushed(
        setup.push(&[
            "--endpoint",
            &update,
            "--graph-store",
            &missing,
            "--token",
            TOKEN,
            "--batch",
            "7",
        ])?,
        &["pushed 4 graphs", "SPARQL Update"],
    );
    setup.assert_mirrored()
}

#[test]
fn push_reports_authentication_failures() -> TestResult {
    let setup = PushSetup::new()?;
    let gsp = format!("{}/store", setup.server.url);
    let (ok, err) = setup.push(&["--graph-store", &gsp, "--token", "wrong", "--retries", "0"])?;
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

/// Asserts that each graph of `graphs` reads the same from the served store as from `local`.
fn assert_served_equals_local(
    server: &ServeProcess,
    local: &newskg::store::NewsStore,
    graphs: &[String],
) -> TestResult {
    for graph in graphs {
        let remote = remote_graph(&format!("{}/sparql", server.url), graph)?;
        let local = store_graph(local.oxigraph(), graph)?;
        assert!(!local.is_empty(), "{graph} is empty");
        assert!(isomorphic(&remote, &local)?, "{graph} differs");
    }
    Ok(())
}

/// What `newskg build --server` does: the example articles, mapped locally and sent through a
/// served store, give the same graphs as a local build.
#[test]
fn articles_sent_to_a_served_store_equal_a_local_build() -> TestResult {
    let mapped = example_articles()?;
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
    assert_served_equals_local(&server, &local, &graphs)
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
    assert_eq!(
        graphs.len(),
        6,
        "two articles, facts, entities, weekly counts, ontology"
    );
    assert_served_equals_local(&server, &local, &graphs)
}

/// Writes through the server keep the served store's weekly mention counts: after a SPARQL
/// Update drops one article's graph and a Graph Store DELETE another's, the summary graph reads
/// as in a local store the same articles were removed from with `remove_article`.
#[test]
fn served_writes_keep_the_weekly_counts() -> TestResult {
    let served = tempfile::tempdir()?;
    let articles = example_store(served.path())?.list_articles()?;
    assert!(articles.len() >= 2, "two example articles");
    let server = serve_process(
        &served.path().join("store"),
        &["--allow-update", "--token", TOKEN],
    )?;
    let auth = format!("Bearer {TOKEN}");
    let dropped = request(
        "POST",
        &format!("{}/update", server.url),
        &[
            ("Content-Type", "application/sparql-update"),
            ("Authorization", &auth),
        ],
        format!("DROP GRAPH <{}>", articles[0].iri).as_bytes(),
    )?;
    assert_eq!(dropped.status, 204, "{}", dropped.body);
    let deleted = request(
        "DELETE",
        &format!("{}/store?graph={}", server.url, enc(&articles[1].iri)),
        &[("Authorization", &auth)],
        b"",
    )?;
    assert_eq!(deleted.status, 204, "{}", deleted.body);

    let local_dir = tempfile::tempdir()?;
    let local = example_store(local_dir.path())?;
    let summary = newskg::store::summary_graph(local.base())?;
    let before = store_graph(local.oxigraph(), summary.as_str())?;
    assert!(
        !before.is_empty(),
        "the examples are dated: they have counts"
    );
    for article in &articles[..2] {
        assert!(local.remove_article(&article.id)?);
    }
    let remote = remote_graph(&format!("{}/sparql", server.url), summary.as_str())?;
    let local = store_graph(local.oxigraph(), summary.as_str())?;
    assert!(
        isomorphic(&remote, &local)?,
        "the served counts follow the writes"
    );
    assert!(
        !isomorphic(&remote, &before)?,
        "the writes changed the counts"
    );
    Ok(())
}
