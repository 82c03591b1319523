//! The SPARQL 1.1 Protocol and Graph Store Protocol of `newskg serve`, over real HTTP on a
//! loopback port (the server runs in-process on a fixture store).

mod server_common;

use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use newskg::server::ServerConfig;
use oxigraph::sparql::results::{
    QueryResultsFormat, QueryResultsParser, ReaderQueryResultsParserOutput,
};
use server_common::*;

const TRAVELS: &str = "SELECT ?who ?where WHERE { ?who nk:travelsTo ?where }";

/// The solutions of a results document, as a set of `var=term` strings per row.
fn solutions(body: &str, format: QueryResultsFormat) -> TestResult<BTreeSet<Vec<String>>> {
    let mut rows = BTreeSet::new();
    match QueryResultsParser::from_format(format).for_reader(body.as_bytes())? {
        ReaderQueryResultsParserOutput::Solutions(solutions) => {
            for solution in solutions {
                let solution = solution?;
                let mut row: Vec<String> =
                    solution.iter().map(|(v, t)| format!("{v}={t}")).collect();
                row.sort();
                rows.insert(row);
            }
        }
        ReaderQueryResultsParserOutput::Boolean(b) => {
            rows.insert(vec![b.to_string()]);
        }
    }
    Ok(rows)
}

fn expected_travel() -> BTreeSet<Vec<String>> {
    BTreeSet::from([vec![
        format!("?where=<{ID}city/tallinn>"),
        format!("?who=<{ID}person/marta-vilanova>"),
    ]])
}

#[test]
fn query_by_get_and_both_posts_gives_the_same_solutions() -> TestResult {
    let server = serve(fixture_store()?, ServerConfig::default())?;
    let json = "application/sparql-results+json";
    for path in ["/query", "/sparql"] {
        let url = format!("{}{path}?query={}", server.url, enc(TRAVELS));
        let reply = get(&url, json)?;
        assert_eq!(reply.status, 200, "{}", reply.body);
        assert!(reply.header("content-type").starts_with(json));
        assert_eq!(
            solutions(&reply.body, QueryResultsFormat::Json)?,
            expected_travel()
        );
    }
    let form = format!("query={}", enc(TRAVELS));
    for (path, content_type, body) in [
        (
            "/sparql",
            "application/x-www-form-urlencoded",
            form.as_str(),
        ),
        ("/query", "application/sparql-query", TRAVELS),
    ] {
        let reply = request(
            "POST",
            &format!("{}{path}", server.url),
            &[("Content-Type", content_type), ("Accept", json)],
            body.as_bytes(),
        )?;
        assert_eq!(reply.status, 200, "{content_type}: {}", reply.body);
        assert_eq!(
            solutions(&reply.body, QueryResultsFormat::Json)?,
            expected_travel()
        );
    }
    Ok(())
}

#[test]
fn result_formats_are_negotiated() -> TestResult {
    let server = serve(fixture_store()?, ServerConfig::default())?;
    let url = format!("{}/sparql?query={}", server.url, enc(TRAVELS));
    for (accept, format, media) in [
        (
            "application/sparql-results+xml",
            QueryResultsFormat::Xml,
            "application/sparql-results+xml",
        ),
        ("text/csv", QueryResultsFormat::Csv, "text/csv"),
        (
            "text/tab-separated-values",
            QueryResultsFormat::Tsv,
            "text/tab-separated-values",
        ),
        (
            "text/csv;q=0.2, application/sparql-results+json",
            QueryResultsFormat::Json,
            "application/sparql-results+json",
        ),
    ] {
        let reply = get(&url, accept)?;
        assert_eq!(reply.status, 200, "{accept}: {}", reply.body);
        assert!(reply.header("content-type").starts_with(media), "{accept}");
        if format != QueryResultsFormat::Csv {
            // CSV loses term kinds; the others round-trip exactly.
            assert_eq!(
                solutions(&reply.body, format)?,
                expected_travel(),
                "{accept}"
            );
        } else {
            assert!(
                reply
                    .body
                    .contains("https://w3id.org/newskg/id/city/tallinn")
            );
        }
    }
    let ask = format!(
        "{}/sparql?query={}",
        server.url,
        enc("ASK { ?x nk:brokers ?y }")
    );
    let reply = get(&ask, "application/sparql-results+xml")?;
    assert_eq!(
        solutions(&reply.body, QueryResultsFormat::Xml)?,
        BTreeSet::from([vec!["true".to_owned()]])
    );
    assert_eq!(get(&url, "image/png")?.status, 406);
    Ok(())
}

#[test]
fn construct_is_served_as_turtle_ntriples_and_jsonld() -> TestResult {
    let store = fixture_store()?;
    let expected = store_graph(&store, ARTICLE)?;
    let server = serve(store, ServerConfig::default())?;
    let construct =
        format!("CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{ARTICLE}> {{ ?s ?p ?o }} }}");
    let url = server.query_url(&construct);
    for (accept, format) in [
        ("text/turtle", "turtle"),
        ("application/n-triples", "ntriples"),
        ("application/ld+json", "jsonld"),
    ] {
        let reply = get(&url, accept)?;
        assert_eq!(reply.status, 200, "{accept}: {}", reply.body);
        assert!(reply.header("content-type").starts_with(accept));
        assert!(
            isomorphic(&sophia_graph(&reply.body, format)?, &expected)?,
            "{accept}"
        );
    }
    Ok(())
}

#[test]
fn default_graph_is_the_union_unless_the_protocol_names_graphs() -> TestResult {
    let server = serve(fixture_store()?, ServerConfig::default())?;
    let query = "SELECT ?who ?name WHERE { ?who nk:travelsTo ?where ; rdfs:label ?name }";
    let url = format!("{}/sparql?query={}", server.url, enc(query));
    let rows = solutions(
        &get(&url, "application/sparql-results+json")?.body,
        QueryResultsFormat::Json,
    )?;
    assert_eq!(
        rows.len(),
        1,
        "the label (entities graph) joins the fact (article graph)"
    );
    let only_entities = format!("{url}&default-graph-uri={}", enc(ENTITIES));
    let rows = solutions(
        &get(&only_entities, "application/sparql-results+json")?.body,
        QueryResultsFormat::Json,
    )?;
    assert!(
        rows.is_empty(),
        "with default-graph-uri only that graph is the default graph"
    );
    Ok(())
}

#[test]
fn errors_have_the_right_status_and_a_message() -> TestResult {
    let server = serve(fixture_store()?, ServerConfig::default())?;
    let bad = get(&server.query_url("SELECT ?x WHERE { ?x"), "*/*")?;
    assert_eq!(bad.status, 400);
    assert!(bad.body.contains("syntax"), "{}", bad.body);
    assert_eq!(get(&format!("{}/query", server.url), "*/*")?.status, 400);
    assert_eq!(
        request("PUT", &format!("{}/query", server.url), &[], b"")?.status,
        405
    );
    let wrong_type = request(
        "POST",
        &format!("{}/query", server.url),
        &[("Content-Type", "text/plain")],
        TRAVELS.as_bytes(),
    )?;
    assert_eq!(wrong_type.status, 415);
    assert_eq!(get(&format!("{}/nowhere", server.url), "*/*")?.status, 404);
    let health = get(&format!("{}/health", server.url), "*/*")?;
    assert_eq!((health.status, health.body.trim()), (200, "ok"));
    Ok(())
}

#[test]
fn every_request_is_logged_with_method_path_and_status() -> TestResult {
    let server = serve(fixture_store()?, ServerConfig::default())?;
    get(&format!("{}/health", server.url), "*/*")?;
    get(&format!("{}/query?query=nonsense", server.url), "*/*")?;
    let logs = server.logs.lock().map_err(|_| "poisoned")?.clone();
    let seen: Vec<(String, String, u16)> = logs
        .iter()
        .map(|l| (l.method.clone(), l.path.clone(), l.status))
        .collect();
    assert!(
        seen.contains(&("GET".into(), "/health".into(), 200)),
        "{seen:?}"
    );
    assert!(
        seen.contains(&("GET".into(), "/query".into(), 400)),
        "{seen:?}"
    );
    Ok(())
}

#[test]
fn service_is_refused_unless_allowed() -> TestResult {
    let server = serve(fixture_store()?, ServerConfig::default())?;
    let query = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }";
    let reply = get(&server.query_url(query), "*/*")?;
    assert_eq!(reply.status, 400);
    assert!(reply.body.contains("--allow-service"), "{}", reply.body);
    Ok(())
}

#[test]
fn limits_on_results_request_size_and_time() -> TestResult {
    let config = ServerConfig {
        max_results: 3,
        max_request_bytes: 2_000,
        query_timeout: Duration::from_millis(300),
        ..ServerConfig::default()
    };
    let server = serve(fixture_store()?, config)?;
    let many = get(&server.query_url("SELECT * WHERE { ?s ?p ?o }"), "*/*")?;
    assert_eq!(many.status, 400);
    assert!(many.body.contains("LIMIT"), "{}", many.body);
    let few = get(
        &server.query_url("SELECT * WHERE { ?s ?p ?o } LIMIT 3"),
        "*/*",
    )?;
    assert_eq!(few.status, 200);
    let huge = format!("SELECT * WHERE {{ ?s ?p ?o }} # {}", "x".repeat(5_000));
    let reply = request(
        "POST",
        &format!("{}/query", server.url),
        &[("Content-Type", "application/sparql-query")],
        huge.as_bytes(),
    )?;
    assert_eq!(reply.status, 413);
    // A cross product of four copies of the store: far more work than the timeout allows.
    let slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }";
    let reply = get(&server.query_url(slow), "*/*")?;
    assert_eq!(reply.status, 503, "{}", reply.body);
    assert!(reply.body.contains("timeout"), "{}", reply.body);
    // The server still answers afterwards.
    assert_eq!(get(&format!("{}/health", server.url), "*/*")?.status, 200);
    Ok(())
}

#[test]
fn idle_and_slow_clients_do_not_take_the_server_down() -> TestResult {
    let config = ServerConfig {
        max_connections: 4,
        io_timeout: Duration::from_secs(1),
        ..ServerConfig::default()
    };
    let server = serve(fixture_store()?, config)?;
    let addr = server.url.trim_start_matches("http://").to_owned();
    // Three clients that send half a request and then nothing.
    let mut idle = Vec::new();
    for _ in 0..3 {
        let mut stream = TcpStream::connect(&addr)?;
        stream.write_all(b"GET /query?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n")?;
        idle.push(stream);
    }
    assert_eq!(get(&format!("{}/health", server.url), "*/*")?.status, 200);
    // The server drops them after its socket timeout.
    for mut stream in idle {
        stream.set_read_timeout(Some(Duration::from_secs(30)))?;
        let mut rest = Vec::new();
        let closed = stream.read_to_end(&mut rest);
        assert!(
            closed.is_ok(),
            "the server closed the idle connection: {closed:?}"
        );
    }
    // And serves everyone again.
    for _ in 0..6 {
        assert_eq!(get(&format!("{}/health", server.url), "*/*")?.status, 200);
    }
    Ok(())
}

const TOKEN: &str = "s3cret-token";

fn writable() -> ServerConfig {
    ServerConfig {
        allow_update: true,
        token: Some(TOKEN.into()),
        ..ServerConfig::default()
    }
}

#[test]
fn updates_are_refused_read_only_and_need_the_token() -> TestResult {
    let insert = "INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/s> <http://example.org/p> \"o\" } }";
    let read_only = serve(fixture_store()?, ServerConfig::default())?;
    let form = [("Content-Type", "application/sparql-update")];
    let reply = request(
        "POST",
        &format!("{}/update", read_only.url),
        &form,
        insert.as_bytes(),
    )?;
    assert_eq!(reply.status, 403);

    let server = serve(fixture_store()?, writable())?;
    let url = format!("{}/update", server.url);
    assert_eq!(request("POST", &url, &form, insert.as_bytes())?.status, 401);
    let wrong = [
        ("Content-Type", "application/sparql-update"),
        ("Authorization", "Bearer nope"),
    ];
    let reply = request("POST", &url, &wrong, insert.as_bytes())?;
    assert_eq!(reply.status, 401);
    assert!(reply.header("www-authenticate").starts_with("Bearer"));
    let bearer = format!("Bearer {TOKEN}");
    let right = [
        ("Content-Type", "application/sparql-update"),
        ("Authorization", bearer.as_str()),
    ];
    assert_eq!(
        request("POST", &url, &right, insert.as_bytes())?.status,
        204
    );
    let ask = server.query_url("ASK { <http://example.org/s> ?p \"o\" }");
    let reply = get(&ask, "application/sparql-results+json")?;
    assert_eq!(
        solutions(&reply.body, QueryResultsFormat::Json)?,
        BTreeSet::from([vec!["true".to_owned()]])
    );
    // Updates are never accepted by GET.
    assert_eq!(
        request(
            "GET",
            &format!("{url}?update={}", enc(insert)),
            &[("Authorization", bearer.as_str())],
            b""
        )?
        .status,
        405
    );
    Ok(())
}

#[test]
fn graph_store_protocol_reads_and_writes_graphs() -> TestResult {
    let store = fixture_store()?;
    let article = store_graph(&store, ARTICLE)?;
    let server = serve(store, writable())?;
    let graph_url = |iri: &str| format!("{}/store?graph={}", server.url, enc(iri));
    let reply = get(&graph_url(ARTICLE), "text/turtle")?;
    assert_eq!(reply.status, 200);
    assert!(isomorphic(&sophia_graph(&reply.body, "turtle")?, &article)?);
    assert_eq!(
        get(&graph_url("http://example.org/none"), "text/turtle")?.status,
        404
    );
    let whole = get(&format!("{}/store", server.url), "application/n-quads")?;
    assert_eq!(whole.status, 200);
    assert!(whole.body.lines().count() > 50);

    let bearer = format!("Bearer {TOKEN}");
    let auth = [
        ("Content-Type", "text/turtle"),
        ("Authorization", bearer.as_str()),
    ];
    let g = "http://example.org/pushed";
    let first = "<http://example.org/a> <http://example.org/p> \"one\" .";
    let second = "<http://example.org/a> <http://example.org/p> \"two\" .";
    let third = "<http://example.org/b> <http://example.org/p> \"three\" .";
    assert_eq!(
        request(
            "PUT",
            &graph_url(g),
            &[("Content-Type", "text/turtle")],
            first.as_bytes()
        )?
        .status,
        401
    );
    assert_eq!(
        request("PUT", &graph_url(g), &auth, first.as_bytes())?.status,
        201
    );
    assert_eq!(
        request("PUT", &graph_url(g), &auth, second.as_bytes())?.status,
        204
    );
    assert_eq!(
        request("POST", &graph_url(g), &auth, third.as_bytes())?.status,
        204
    );
    let now = sophia_graph(
        &get(&graph_url(g), "application/n-triples")?.body,
        "ntriples",
    )?;
    let expected = sophia_graph(&format!("{second}\n{third}\n"), "ntriples")?;
    assert!(isomorphic(&now, &expected)?, "PUT replaced, POST added");
    let bad = request("PUT", &graph_url(g), &auth, b"<a> <b> nonsense")?;
    assert_eq!(bad.status, 400);
    assert!(
        isomorphic(
            &sophia_graph(
                &get(&graph_url(g), "application/n-triples")?.body,
                "ntriples"
            )?,
            &expected
        )?,
        "a bad upload changes nothing"
    );
    assert_eq!(
        request(
            "DELETE",
            &graph_url(g),
            &[("Authorization", bearer.as_str())],
            b""
        )?
        .status,
        204
    );
    assert_eq!(get(&graph_url(g), "text/turtle")?.status, 404);

    let read_only = serve(fixture_store()?, ServerConfig::default())?;
    let url = format!("{}/store?graph={}", read_only.url, enc(g));
    assert_eq!(request("PUT", &url, &auth, first.as_bytes())?.status, 403);
    assert_eq!(
        request(
            "DELETE",
            &format!("{}/store?graph={}", read_only.url, enc(ARTICLE)),
            &auth,
            b""
        )?
        .status,
        403
    );
    Ok(())
}
