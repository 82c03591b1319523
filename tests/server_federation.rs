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
