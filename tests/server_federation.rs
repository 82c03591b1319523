//! SERVICE federation over loopback: a second store served by `newskg serve` is the "remote"
//! endpoint, joined with a local store by a query that calls it with SERVICE.

mod server_common;

use newskg::server::ServerConfig;
use oxigraph::model::NamedNode;
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use server_common::*;

/// The query of the README's federation example, pointed at a loopback endpoint: facts from the
/// local store, labels from the remote one (a VALUES block inside SERVICE, since bindings from
/// outside are not sent to the remote endpoint).
fn federated_query(endpoint: &str) -> String {
    format!(
        "PREFIX nk: <https://w3id.org/newskg/ontology#>
         PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
         SELECT ?who ?name ?where WHERE {{
           ?who nk:travelsTo ?where .
           SERVICE <{endpoint}> {{
             VALUES ?who {{ <{ID}person/marta-vilanova> <{ID}person/oskar-lind> }}
             ?who rdfs:label ?name
           }}
         }}"
    )
}

#[test]
fn a_local_query_joins_a_served_store_through_service() -> TestResult {
    // Remote: only the entities graph. Local: only the article graphs.
    let remote = fixture_store()?;
    remote.remove_named_graph(&NamedNode::new(ARTICLE)?)?;
    remote.remove_named_graph(&NamedNode::new(ARTICLE2)?)?;
    let server = serve(remote, ServerConfig::default())?;
    let local = fixture_store()?;
    local.remove_named_graph(&NamedNode::new(ENTITIES)?)?;

    let mut prepared =
        SparqlEvaluator::new().parse_query(&federated_query(&format!("{}/sparql", server.url)))?;
    prepared.dataset_mut().set_default_graph_as_union();
    let QueryResults::Solutions(solutions) = prepared.on_store(&local).execute()? else {
        return Err("not solutions".into());
    };
    let rows: Vec<(String, String)> = solutions
        .map(|s| {
            let s = s?;
            Ok((
                s.get("name").map(ToString::to_string).unwrap_or_default(),
                s.get("where").map(ToString::to_string).unwrap_or_default(),
            ))
        })
        .collect::<Result<_, Box<dyn std::error::Error>>>()?;
    assert_eq!(
        rows,
        vec![(
            "\"Marta Vilanova\"".to_owned(),
            format!("<{ID}city/tallinn>")
        )],
        "the local fact joined with the remote label"
    );
    let logs = server.logs.lock().map_err(|_| "poisoned")?;
    assert!(
        logs.iter().any(|l| l.path == "/sparql" && l.status == 200),
        "the remote endpoint was called"
    );
    Ok(())
}

/// `newskg query` on one store calls `newskg serve` (over another store, on loopback) with
/// SERVICE, as the README's Wikidata example does: the local label joins the remote `owl:sameAs`.
#[test]
fn newskg_query_joins_a_remote_endpoint_with_service() -> TestResult {
    const TOKEN: &str = "federation-token";
    let local = tempfile::tempdir()?;
    let local_dir = local.path().join("store");
    let local_arg = local_dir.to_str().ok_or("path")?;
    let facts = example_facts();
    let facts_arg = facts[0].to_str().ok_or("path")?;
    let (ok, _, err) = newskg(&["build", "--store", local_arg, "--quiet", facts_arg])?;
    assert!(ok, "{err}");
    let (ok, out, err) = newskg(&[
        "query",
        "--store",
        local_arg,
        "--format",
        "json",
        "SELECT ?who ?name WHERE { ?who nk:travelsTo ?where ; rdfs:label ?name }",
    ])?;
    assert!(ok, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out)?;
    let who = json["results"]["bindings"][0]["who"]["value"]
        .as_str()
        .ok_or("no traveller")?
        .to_owned();
    let name = json["results"]["bindings"][0]["name"]["value"]
        .as_str()
        .ok_or("no name")?
        .to_owned();

    // The remote store knows something the local one does not: a Wikidata link for that IRI.
    let remote = tempfile::tempdir()?;
    let server = serve_process(remote.path(), &["--allow-update", "--token", TOKEN])?;
    let link = format!(
        "<{who}> <http://www.w3.org/2002/07/owl#sameAs> <http://www.wikidata.org/entity/Q4115189> ."
    );
    let bearer = format!("Bearer {TOKEN}");
    let put = request(
        "PUT",
        &format!(
            "{}/store?graph={}",
            server.url,
            enc("http://example.org/links")
        ),
        &[
            ("Content-Type", "application/n-triples"),
            ("Authorization", bearer.as_str()),
        ],
        link.as_bytes(),
    )?;
    assert_eq!(put.status, 201, "{}", put.body);

    let query = format!(
        "SELECT DISTINCT ?name ?qid WHERE {{
           ?who nk:travelsTo ?where ; rdfs:label ?name .
           SERVICE <{}/sparql> {{ VALUES ?who {{ <{who}> }} ?who owl:sameAs ?qid }}
         }}",
        server.url
    );
    let (ok, out, err) = newskg(&["query", "--store", local_arg, "--format", "json", &query])?;
    assert!(ok, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out)?;
    let rows = json["results"]["bindings"]
        .as_array()
        .ok_or("no bindings")?;
    assert_eq!(rows.len(), 1, "{json}");
    assert_eq!(
        rows[0]["name"]["value"],
        name.as_str(),
        "from the local store"
    );
    assert_eq!(
        rows[0]["qid"]["value"], "http://www.wikidata.org/entity/Q4115189",
        "from the remote one"
    );
    Ok(())
}
