//! The pages for people: the query editor, entity and article pages, the SVG picture; escaping
//! of everything printed, and injection attempts through the `iri` parameter.

mod server_common;

use newskg::server::ServerConfig;
use server_common::*;

fn page(server: &TestServer, path: &str, iri: &str) -> TestResult<Reply> {
    get(
        &format!("{}{path}?iri={}", server.url, enc(iri)),
        "text/html",
    )
}

#[test]
fn index_has_the_editor_prefixes_and_examples_all_served_locally() -> TestResult {
    let server = serve(fixture_store()?, ServerConfig::default())?;
    let index = get(&format!("{}/", server.url), "text/html")?;
    assert_eq!(index.status, 200);
    assert!(index.header("content-type").starts_with("text/html"));
    assert!(index.body.contains("<textarea"));
    assert!(
        index
            .body
            .contains("PREFIX nk: &lt;https://w3id.org/newskg/ontology#&gt;")
    );
    assert!(
        index
            .header("content-security-policy")
            .contains("default-src 'none'")
    );
    // No external resource: every src/href is local.
    for attr in ["src=\"", "href=\""] {
        for part in index.body.split(attr).skip(1) {
            assert!(
                part.starts_with('/'),
                "external reference {attr}{}",
                &part[..part.len().min(40)]
            );
        }
    }
    for asset in ["/assets/app.js", "/assets/style.css"] {
        assert_eq!(
            get(&format!("{}{asset}", server.url), "*/*")?.status,
            200,
            "{asset}"
        );
    }
    // The README's example questions (and the page's own) answer on the example articles.
    let dir = tempfile::tempdir()?;
    let examples = serve(
        example_store(dir.path())?.oxigraph().clone(),
        ServerConfig::default(),
    )?;
    let questions: serde_json::Value = serde_json::from_str(
        &get(&format!("{}/assets/questions.json", examples.url), "*/*")?.body,
    )?;
    let questions = questions.as_array().ok_or("not an array")?;
    assert!(questions.len() >= 7);
    assert_eq!(questions[0]["title"], "Who travels where");
    for q in questions {
        let query = q["query"].as_str().ok_or("no query")?;
        let reply = get(
            &format!("{}/sparql?query={}", examples.url, enc(query)),
            "application/sparql-results+json",
        )?;
        assert_eq!(reply.status, 200, "{}: {}", q["title"], reply.body);
        let json: serde_json::Value = serde_json::from_str(&reply.body)?;
        let rows = json["results"]["bindings"].as_array().map_or(0, Vec::len);
        assert!(
            rows > 0,
            "{} finds nothing in the example articles",
            q["title"]
        );
    }
    Ok(())
}

#[test]
fn entity_page_shows_facts_evidence_quotes_and_articles() -> TestResult {
    let server = serve(fixture_store()?, ServerConfig::default())?;
    let reply = page(&server, "/entity", &format!("{ID}person/oskar-lind"))?;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let body = &reply.body;
    assert!(body.contains("<h1>Oskar Lind</h1>"));
    assert!(
        body.contains("Ministry of Foreign Affairs"),
        "object of the fact, by its label"
    );
    assert!(
        body.contains("ministry spokesman Oskar Lind told reporters"),
        "evidence sentence"
    );
    assert!(body.contains("We expect frank talks"), "quote");
    assert!(
        body.contains("/article?iri=https%3A%2F%2Fw3id.org%2Fnewskg%2Fid%2Farticle%2Fbaltic-visit")
    );
    Ok(())
}

#[test]
fn article_page_shows_facts_and_a_picture_of_its_graph() -> TestResult {
    let server = serve(fixture_store()?, ServerConfig::default())?;
    let reply = page(&server, "/article", ARTICLE)?;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let body = &reply.body;
    assert!(body.contains("<h1>Foreign minister to visit Tallinn</h1>"));
    assert!(body.contains("will travel to Tallinn on Friday"));
    assert!(body.contains("We expect frank talks"));
    let svg_start = body.find("<svg").ok_or("no svg")?;
    let svg_end = body.find("</svg>").ok_or("no svg end")? + "</svg>".len();
    let svg = &body[svg_start..svg_end];
    // Four entities, two facts.
    assert_eq!(svg.matches("<circle").count(), 4, "{svg}");
    assert_eq!(svg.matches("<line").count(), 2, "{svg}");
    assert!(svg.contains("Marta Vilanova") && svg.contains("Tallinn"));
    assert_eq!(
        reply.body,
        page(&server, "/article", ARTICLE)?.body,
        "deterministic drawing"
    );
    // An article IRI on the entity route is redirected to the article page.
    let (status, location) =
        get_no_redirect(&format!("{}/entity?iri={}", server.url, enc(ARTICLE)))?;
    assert_eq!(status, 303);
    assert_eq!(location, format!("/article?iri={}", enc(ARTICLE)));
    Ok(())
}

#[test]
fn everything_printed_is_html_escaped() -> TestResult {
    let server = serve(fixture_store()?, ServerConfig::default())?;
    for (path, iri) in [
        ("/entity", format!("{ID}person/evil")),
        ("/article", ARTICLE2.to_owned()),
    ] {
        let reply = page(&server, path, &iri)?;
        assert_eq!(reply.status, 200, "{path}");
        assert!(
            !reply.body.contains("<script"),
            "{path}: raw script tag in {}",
            reply.body
        );
        assert!(!reply.body.contains("<img"), "{path}: raw img tag");
        assert!(
            reply
                .body
                .contains("&lt;script&gt;alert(&#39;label&#39;)&lt;/script&gt;"),
            "{path}"
        );
    }
    let quote = page(&server, "/article", ARTICLE2)?;
    assert!(
        quote
            .body
            .contains("&quot;&gt;&lt;img src=x onerror=alert(&#39;quote&#39;)&gt;")
    );
    // Only web IRIs get an outside link: no `javascript:` link from an IRI in the data.
    let script_iri = page(&server, "/entity", "javascript:alert(1)")?;
    assert!(
        !script_iri.body.contains("href=\"javascript:"),
        "{}",
        script_iri.body
    );
    // The error page for a bad IRI escapes what it echoes.
    let bad = page(&server, "/entity", "<script>alert(1)</script>")?;
    assert_eq!(bad.status, 400);
    assert!(!bad.body.contains("<script>alert(1)"));
    Ok(())
}

#[test]
fn injection_through_the_iri_parameter_is_impossible() -> TestResult {
    let store = fixture_store()?;
    let before = store.len()?;
    let kerry = format!("{ID}person/marta-vilanova");
    let server = serve(store.clone(), ServerConfig::default())?;
    let attempts = [
        format!("{kerry}> ?p ?o }} UNION {{ ?s ?p ?o"),
        format!("{kerry}\" . ?s ?p ?o #"),
        format!("{kerry}}} ; DROP ALL ; INSERT DATA {{ <a:b> <a:b> <a:b> }}"),
        format!("{kerry}\n}} UNION {{ ?s ?p ?o }}"),
        format!("{kerry}>\n#"),
    ];
    for attempt in &attempts {
        for path in ["/entity", "/article"] {
            let reply = page(&server, path, attempt)?;
            assert_eq!(reply.status, 400, "{path} {attempt:?}");
            assert!(
                !reply.body.contains("Tallinn"),
                "{path} {attempt:?} leaked data"
            );
        }
    }
    // A valid IRI with a fragment names another resource: nothing is known about it.
    let fragment = page(&server, "/entity", &format!("{kerry}#x"))?;
    assert_eq!(fragment.status, 404);
    assert!(!fragment.body.contains("Tallinn"));
    assert_eq!(store.len()?, before, "the store is unchanged");
    Ok(())
}
