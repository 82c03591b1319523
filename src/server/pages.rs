//! Pages for people: the query editor at `/`, a page per entity and per article.
//!
//! Every query built from request input binds the value as a typed term: the `iri` parameter is
//! validated by [`NamedNode::new`] and handed to the evaluator with `substitute_variable`, so no
//! text from the request ever becomes SPARQL syntax. Every string printed into HTML goes through
//! [`esc`]. The page's script and style are files of this crate (`assets/`), served by newskg; the
//! Content-Security-Policy forbids anything else.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use oxhttp::model::{Body, HeaderValue, Request, Response, StatusCode, header};
use oxigraph::model::{NamedNode, Term};
use oxigraph::sparql::{QueryResults, QuerySolution, Variable};

use super::graph_svg::{self, Edge, Node};
use super::protocol::{self, Params};
use super::{App, Failure, respond, text};
use crate::vocab::PREFIXES;

/// The page script.
pub(super) const APP_JS: &str = include_str!("assets/app.js");
/// The page style.
pub(super) const STYLE_CSS: &str = include_str!("assets/style.css");
const INDEX_HTML: &str = include_str!("assets/index.html");
/// The README's example questions (`examples/queries/`): a comment line that says what the
/// query asks, then the query.
const README_QUESTIONS: [&str; 4] = [
    include_str!("../../examples/queries/who-travels-where.rq"),
    include_str!("../../examples/queries/who-holds-which-position.rq"),
    include_str!("../../examples/queries/quotes-with-speakers.rq"),
    include_str!("../../examples/queries/evidence-of-facts.rq"),
];
/// More questions for the page: `# title` lines, each followed by its query.
const QUESTIONS: &str = include_str!("assets/questions.rq");

const NK: &str = "https://w3id.org/newskg/ontology#";
const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
/// Most rows a page shows per section.
const PAGE_ROWS: usize = 500;

/// HTML-escapes text for element content and quoted attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Percent-encodes a URL query value.
fn url_value(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// The example questions as `(title, query)` pairs: the README's, then the page's own.
pub(super) fn questions() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = README_QUESTIONS
        .iter()
        .map(|text| {
            let first = text.lines().next().unwrap_or("");
            let title = first.trim_start_matches('#').trim();
            let end = title.find([',', '(', ':', '.']).unwrap_or(title.len());
            (title[..end].trim().to_owned(), text.trim_end().to_owned())
        })
        .collect();
    for line in QUESTIONS.lines() {
        if let Some(title) = line.strip_prefix("# ") {
            out.push((title.trim().to_owned(), String::new()));
        } else if let Some((_, query)) = out.last_mut() {
            if !(query.is_empty() && line.trim().is_empty()) {
                query.push_str(line);
                query.push('\n');
            }
        }
    }
    for (_, query) in &mut out {
        let trimmed = query.trim_end().len();
        query.truncate(trimmed);
    }
    out
}

pub(super) fn questions_json() -> Response<Body> {
    let list: Vec<serde_json::Value> = questions()
        .into_iter()
        .map(|(title, query)| serde_json::json!({ "title": title, "query": query }))
        .collect();
    respond(
        StatusCode::OK,
        "application/json",
        serde_json::Value::Array(list).to_string().into_bytes(),
    )
}

fn prefix_block() -> String {
    PREFIXES
        .iter()
        .map(|(p, iri)| format!("PREFIX {p}: <{iri}>\n"))
        .collect()
}

fn html(status: StatusCode, body: String) -> Response<Body> {
    let mut response = respond(status, "text/html; charset=utf-8", body.into_bytes());
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
             connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
        ),
    );
    response
}

fn page(title: &str, content: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{} · newskg</title><link rel=\"stylesheet\" href=\"/assets/style.css\"></head>\
         <body><header><a class=\"home\" href=\"/\">newskg</a></header><main>{content}</main></body></html>\n",
        esc(title)
    )
}

/// `/`: the query editor.
pub(super) fn index() -> Response<Body> {
    html(
        StatusCode::OK,
        INDEX_HTML.replace("{{PREFIXES}}", &esc(&prefix_block())),
    )
}

/// Runs a SELECT with `?x` bound to `iri` (a typed term: no text substitution).
fn select(app: &App, query: &str, iri: &NamedNode) -> Result<Vec<QuerySolution>, String> {
    run_select(app, query, Some(iri))
}

fn run_select(
    app: &App,
    query: &str,
    iri: Option<&NamedNode>,
) -> Result<Vec<QuerySolution>, String> {
    let guard = app.watchdog.guard(app.config.query_timeout);
    let mut evaluator = protocol::evaluator(app, guard.token());
    if app.config.allow_service {
        // Page queries never call out, whatever the server allows.
        evaluator = evaluator.without_default_http_service_handler();
    }
    let mut prepared = evaluator
        .parse_query(query)
        .map_err(|e| format!("internal query error: {e}"))?;
    if let Some(iri) = iri {
        prepared = prepared.substitute_variable(Variable::new_unchecked("x"), iri.clone());
    }
    prepared.dataset_mut().set_default_graph_as_union();
    match prepared.on_store(&app.store).execute() {
        Ok(QueryResults::Solutions(solutions)) => solutions
            .take(PAGE_ROWS)
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| e.to_string()),
        Ok(_) => Err("internal query error: not a SELECT".into()),
        Err(e) => Err(e.to_string()),
    }
}

/// Labels of the given IRIs, from a query whose VALUES block is written from typed terms.
fn labels(app: &App, iris: &BTreeSet<NamedNode>) -> BTreeMap<NamedNode, String> {
    let mut out = BTreeMap::new();
    if iris.is_empty() {
        return out;
    }
    let values: String = iris.iter().map(|n| format!("{n} ")).collect();
    let query = format!(
        "SELECT ?i ?l WHERE {{ VALUES ?i {{ {values} }} ?i rdfs:label ?l }} ORDER BY ?i ?l"
    );
    for row in run_select(app, &query, None).unwrap_or_default() {
        if let (Some(Term::NamedNode(i)), Some(Term::Literal(l))) = (row.get("i"), row.get("l")) {
            out.entry(i.clone()).or_insert_with(|| l.value().to_owned());
        }
    }
    out
}

/// A short readable name for an IRI: its label, else its prefixed name, else the IRI.
fn short(iri: &str, labels: &BTreeMap<NamedNode, String>) -> String {
    if let Some(label) = labels.get(&NamedNode::new_unchecked(iri)) {
        return label.clone();
    }
    for (prefix, ns) in PREFIXES {
        if let Some(local) = iri.strip_prefix(ns) {
            return format!("{prefix}:{local}");
        }
    }
    iri.to_owned()
}

/// A term as HTML: IRIs link to their page in this server.
fn term_html(term: Option<&Term>, labels: &BTreeMap<NamedNode, String>) -> String {
    match term {
        Some(Term::NamedNode(n)) => format!(
            "<a href=\"/entity?iri={}\" title=\"{}\">{}</a>",
            esc(&url_value(n.as_str())),
            esc(n.as_str()),
            esc(&short(n.as_str(), labels))
        ),
        Some(Term::Literal(l)) => esc(l.value()),
        Some(other) => esc(&other.to_string()),
        None => String::new(),
    }
}

fn collect_iris(rows: &[QuerySolution], vars: &[&str], into: &mut BTreeSet<NamedNode>) {
    for row in rows {
        for v in vars {
            if let Some(Term::NamedNode(n)) = row.get(*v) {
                into.insert(n.clone());
            }
        }
    }
}

/// The `iri` parameter, validated.
fn iri_param(request: &Request<Body>) -> Result<NamedNode, Failure> {
    let params = Params::of_url(request);
    let iri = params
        .get("iri")
        .ok_or_else(|| text(StatusCode::BAD_REQUEST, "missing iri parameter\n"))?;
    NamedNode::new(iri).map_err(|e| -> Failure {
        html(
            StatusCode::BAD_REQUEST,
            page(
                "Bad IRI",
                &format!("<h1>Not an IRI</h1><p>{}</p>", esc(&e.to_string())),
            ),
        )
        .into()
    })
}

fn error_page(message: &str) -> Response<Body> {
    html(
        StatusCode::INTERNAL_SERVER_ERROR,
        page(
            "Error",
            &format!("<h1>Error</h1><pre>{}</pre>", esc(message)),
        ),
    )
}

const FACTS_OF_ENTITY: &str = "SELECT ?x ?g ?f ?s ?p ?o ?sentence ?modality ?confidence WHERE {
  GRAPH ?g {
    { ?f rdf:subject ?x } UNION { ?f rdf:object ?x }
    ?f a nk:Fact ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
    OPTIONAL { ?f nk:evidence ?ev . ?ev nk:text ?sentence }
    OPTIONAL { ?f nk:modality ?modality } OPTIONAL { ?f nk:confidence ?confidence }
  } } ORDER BY ?g ?f";

const FACTS_OF_ARTICLE: &str = "SELECT ?x ?g ?f ?s ?p ?o ?sentence ?modality ?confidence WHERE {
  GRAPH ?x {
    ?f a nk:Fact ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
    OPTIONAL { ?f nk:evidence ?ev . ?ev nk:text ?sentence }
    OPTIONAL { ?f nk:modality ?modality } OPTIONAL { ?f nk:confidence ?confidence }
  } BIND(?x AS ?g) } ORDER BY ?f";

/// One fact row (the longest evidence text, if a fact has several).
struct FactRow {
    graph: Option<Term>,
    s: Option<Term>,
    p: Option<Term>,
    o: Option<Term>,
    sentence: String,
    modality: Option<Term>,
    confidence: String,
}

fn fact_rows(rows: &[QuerySolution]) -> Vec<FactRow> {
    let mut facts: BTreeMap<String, FactRow> = BTreeMap::new();
    for row in rows {
        let key = row.get("f").map(ToString::to_string).unwrap_or_default();
        let sentence = match row.get("sentence") {
            Some(Term::Literal(l)) => l.value().to_owned(),
            _ => String::new(),
        };
        let entry = facts.entry(key).or_insert_with(|| FactRow {
            graph: row.get("g").cloned(),
            s: row.get("s").cloned(),
            p: row.get("p").cloned(),
            o: row.get("o").cloned(),
            sentence: String::new(),
            modality: row.get("modality").cloned(),
            confidence: match row.get("confidence") {
                Some(Term::Literal(l)) => l.value().to_owned(),
                _ => String::new(),
            },
        });
        if sentence.chars().count() > entry.sentence.chars().count() {
            entry.sentence = sentence;
        }
    }
    facts.into_values().collect()
}

fn facts_table(
    facts: &[FactRow],
    labels: &BTreeMap<NamedNode, String>,
    with_article: bool,
) -> String {
    if facts.is_empty() {
        return "<p class=\"none\">No facts.</p>".into();
    }
    let mut out = String::from("<table class=\"facts\"><thead><tr>");
    if with_article {
        out.push_str("<th>article</th>");
    }
    out.push_str(
        "<th>subject</th><th>predicate</th><th>object</th><th>modality</th>\
         <th>confidence</th><th>evidence</th></tr></thead><tbody>",
    );
    for f in facts {
        out.push_str("<tr>");
        if with_article {
            let _ = write!(out, "<td>{}</td>", article_link(f.graph.as_ref(), labels));
        }
        let _ = write!(
            out,
            "<td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"evidence\">{}</td></tr>",
            term_html(f.s.as_ref(), labels),
            term_html(f.p.as_ref(), labels),
            term_html(f.o.as_ref(), labels),
            term_html(f.modality.as_ref(), labels),
            esc(&f.confidence),
            esc(&f.sentence)
        );
    }
    out.push_str("</tbody></table>");
    out
}

fn article_link(term: Option<&Term>, labels: &BTreeMap<NamedNode, String>) -> String {
    match term {
        Some(Term::NamedNode(n)) => format!(
            "<a href=\"/article?iri={}\">{}</a>",
            esc(&url_value(n.as_str())),
            esc(&short(n.as_str(), labels))
        ),
        other => term_html(other, labels),
    }
}

fn properties_table(rows: &[QuerySolution], labels: &BTreeMap<NamedNode, String>) -> String {
    if rows.is_empty() {
        return "<p class=\"none\">Nothing known.</p>".into();
    }
    let mut out = String::from("<table class=\"props\"><tbody>");
    for row in rows {
        let _ = write!(
            out,
            "<tr><th>{}</th><td>{}</td></tr>",
            term_html(row.get("p"), labels),
            term_html(row.get("o"), labels)
        );
    }
    out.push_str("</tbody></table>");
    out
}

fn quotes_list(rows: &[QuerySolution], labels: &BTreeMap<NamedNode, String>) -> String {
    if rows.is_empty() {
        return "<p class=\"none\">No quotes.</p>".into();
    }
    let mut out = String::from("<ul class=\"quotes\">");
    for row in rows {
        let text = match row.get("text") {
            Some(Term::Literal(l)) => l.value(),
            _ => "",
        };
        let _ = write!(
            out,
            "<li><blockquote>{}</blockquote> — {} {}</li>",
            esc(text),
            term_html(row.get("who"), labels),
            article_link(row.get("g"), labels)
        );
    }
    out.push_str("</ul>");
    out
}

/// `/entity?iri=…`: what the graph says about one entity.
pub(super) fn entity(app: &App, request: &Request<Body>) -> Response<Body> {
    let iri = match iri_param(request) {
        Ok(iri) => iri,
        Err(failure) => return failure.into_response(),
    };
    let is_article = select(app, "SELECT ?x WHERE { ?x a nk:Article } LIMIT 1", &iri);
    if is_article.as_ref().is_ok_and(|rows| !rows.is_empty()) {
        let mut response = Response::new(Body::empty());
        *response.status_mut() = StatusCode::SEE_OTHER;
        if let Ok(location) =
            HeaderValue::from_str(&format!("/article?iri={}", url_value(iri.as_str())))
        {
            response.headers_mut().insert(header::LOCATION, location);
        }
        return response;
    }
    let described = select(
        app,
        "SELECT ?x ?p ?o WHERE { ?x ?p ?o } ORDER BY ?p ?o",
        &iri,
    );
    let facts = select(app, FACTS_OF_ENTITY, &iri);
    let quotes = select(
        app,
        "SELECT ?x ?g ?text ?who WHERE { ?q nk:attributedTo ?x ; nk:quotedText ?text . GRAPH ?g { ?q a nk:Quotation } BIND(?x AS ?who) } ORDER BY ?g",
        &iri,
    );
    let articles = select(
        app,
        "SELECT DISTINCT ?x ?g WHERE { ?g nk:mentions ?x } ORDER BY ?g",
        &iri,
    );
    let (described, facts, quotes, articles) = match (described, facts, quotes, articles) {
        (Ok(d), Ok(f), Ok(q), Ok(a)) => (d, f, q, a),
        (Err(e), ..) | (_, Err(e), ..) | (_, _, Err(e), _) | (.., Err(e)) => return error_page(&e),
    };
    let mut iris = BTreeSet::from([iri.clone()]);
    collect_iris(&described, &["p", "o"], &mut iris);
    collect_iris(&facts, &["g", "s", "p", "o", "modality"], &mut iris);
    collect_iris(&quotes, &["g"], &mut iris);
    collect_iris(&articles, &["g"], &mut iris);
    let labels = labels(app, &iris);
    let title = short(iri.as_str(), &labels);
    let facts = fact_rows(&facts);
    // Only web IRIs get an outside link (an IRI may be `javascript:…`).
    let outside = if iri.as_str().starts_with("https://") || iri.as_str().starts_with("http://") {
        format!(
            " · <a href=\"{}\" rel=\"noopener noreferrer\">open</a>",
            esc(iri.as_str())
        )
    } else {
        String::new()
    };
    let mut content = format!(
        "<h1>{}</h1><p class=\"iri\">{}{outside}</p><h2>Description</h2>{}<h2>Facts</h2>{}<h2>Quotes</h2>{}<h2>Mentioned in</h2>",
        esc(&title),
        esc(iri.as_str()),
        properties_table(&described, &labels),
        facts_table(&facts, &labels, true),
        quotes_list(&quotes, &labels),
    );
    if articles.is_empty() {
        content.push_str("<p class=\"none\">No article.</p>");
    } else {
        content.push_str("<ul>");
        for row in &articles {
            let _ = write!(content, "<li>{}</li>", article_link(row.get("g"), &labels));
        }
        content.push_str("</ul>");
    }
    let status = if described.is_empty() && facts.is_empty() {
        StatusCode::NOT_FOUND
    } else {
        StatusCode::OK
    };
    html(status, page(&title, &content))
}

/// `/article?iri=…`: an article's facts, quotes and evidence, with a picture of its graph.
pub(super) fn article(app: &App, request: &Request<Body>) -> Response<Body> {
    let iri = match iri_param(request) {
        Ok(iri) => iri,
        Err(failure) => return failure.into_response(),
    };
    let described = select(
        app,
        "SELECT ?x ?p ?o WHERE { GRAPH ?x { ?x ?p ?o } } ORDER BY ?p ?o",
        &iri,
    );
    let facts = select(app, FACTS_OF_ARTICLE, &iri);
    let quotes = select(
        app,
        "SELECT ?x ?g ?text ?who WHERE { GRAPH ?x { ?q a nk:Quotation } ?q nk:quotedText ?text OPTIONAL { ?q nk:attributedTo ?who } BIND(?x AS ?g) } ORDER BY ?text",
        &iri,
    );
    let (described, facts, quotes) = match (described, facts, quotes) {
        (Ok(d), Ok(f), Ok(q)) => (d, f, q),
        (Err(e), ..) | (_, Err(e), _) | (.., Err(e)) => return error_page(&e),
    };
    let mut iris = BTreeSet::from([iri.clone()]);
    collect_iris(&described, &["p", "o"], &mut iris);
    collect_iris(&facts, &["s", "p", "o", "modality"], &mut iris);
    collect_iris(&quotes, &["who"], &mut iris);
    let labels = labels(app, &iris);
    let facts = fact_rows(&facts);
    let title = described
        .iter()
        .find_map(|row| match (row.get("p"), row.get("o")) {
            (Some(Term::NamedNode(p)), Some(Term::Literal(l)))
                if p.as_str().ends_with("title") || p.as_str().ends_with("headline") =>
            {
                Some(l.value().to_owned())
            }
            _ => None,
        })
        .unwrap_or_else(|| short(iri.as_str(), &labels));
    let svg = graph_svg::draw(&graph_of(&facts, &labels));
    let content = format!(
        "<h1>{}</h1><p class=\"iri\">{} · <a href=\"/store?graph={}&amp;format=ttl\">Turtle</a></p>\
         <h2>Graph</h2><div class=\"graph\">{svg}</div><h2>Facts</h2>{}<h2>Quotes</h2>{}<h2>Article</h2>{}",
        esc(&title),
        esc(iri.as_str()),
        esc(&url_value(iri.as_str())),
        facts_table(&facts, &labels, false),
        quotes_list(&quotes, &labels),
        properties_table(
            &described
                .into_iter()
                .filter(|r| !matches!(r.get("p"), Some(Term::NamedNode(p)) if p.as_str() == format!("{NK}mentions")))
                .collect::<Vec<_>>(),
            &labels
        ),
    );
    let status = if facts.is_empty() && title == short(iri.as_str(), &labels) {
        StatusCode::NOT_FOUND
    } else {
        StatusCode::OK
    };
    html(status, page(&title, &content))
}

/// The nodes and edges of an article's facts, for the picture.
fn graph_of(facts: &[FactRow], labels: &BTreeMap<NamedNode, String>) -> graph_svg::Graph {
    let mut nodes: BTreeMap<String, Node> = BTreeMap::new();
    let mut edges = Vec::new();
    let mut node_of = |term: &Term| -> String {
        let (id, label, link) = match term {
            Term::NamedNode(n) => (
                n.as_str().to_owned(),
                short(n.as_str(), labels),
                Some(format!("/entity?iri={}", url_value(n.as_str()))),
            ),
            Term::Literal(l) => (format!("\"{}\"", l.value()), l.value().to_owned(), None),
            other => (other.to_string(), other.to_string(), None),
        };
        nodes.entry(id.clone()).or_insert(Node {
            id: id.clone(),
            label,
            link,
        });
        id
    };
    for fact in facts {
        let (Some(s), Some(Term::NamedNode(p)), Some(o)) = (&fact.s, &fact.p, &fact.o) else {
            continue;
        };
        if p.as_str() == RDF_TYPE {
            continue;
        }
        let from = node_of(s);
        let to = node_of(o);
        edges.push(Edge {
            from,
            to,
            label: short(p.as_str(), labels),
        });
    }
    graph_svg::Graph {
        nodes: nodes.into_values().collect(),
        edges,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_neutralises_markup() {
        assert_eq!(
            esc("<script>alert('x') & \"y\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;"
        );
    }

    #[test]
    fn questions_parse_into_titled_queries() {
        let questions = questions();
        assert!(questions.len() >= 4);
        for (title, query) in &questions {
            assert!(!title.is_empty());
            assert!(
                query.contains("SELECT") || query.contains("ASK") || query.contains("CONSTRUCT")
            );
            let full = format!("{}{query}", prefix_block());
            assert!(
                oxigraph::sparql::SparqlEvaluator::new()
                    .parse_query(&full)
                    .is_ok(),
                "question {title:?} does not parse"
            );
        }
    }
}
