//! Pages for people: the query editor at `/`, a page per entity and per article.
//!
//! Every query built from request input binds the value as a typed term: the `iri` parameter is
//! validated by [`NamedNode::new`] and handed to the evaluator with `substitute_variable`, so no
//! text from the request ever becomes SPARQL syntax. Every string printed into HTML goes through
//! [`esc`]. The page's script and style are files of this crate (`assets/`), served by newskg; the
//! Content-Security-Policy forbids anything else.
//!
//! This file holds the handlers; `lookup.rs` the queries they run, `render.rs` the HTML they
//! write, `questions.rs` the editor's example questions.

use std::collections::BTreeMap;

use oxhttp::model::{Body, HeaderValue, Request, Response, StatusCode, header};
use oxigraph::model::vocab::rdf;
use oxigraph::model::{NamedNode, Term};

use super::App;
use super::graph_svg::{self, Edge, Node};
use super::http::{Failure, Handled, Params, text};
use crate::vocab::{nk, sparql_prefixes};

mod lookup;
mod questions;
mod render;

use lookup::{
    ARTICLE_DESCRIPTION, ARTICLE_FACTS, ARTICLE_QUOTES, ENTITY_ARTICLES, ENTITY_DESCRIPTION,
    ENTITY_FACTS, ENTITY_QUOTES, FactRow, IS_ARTICLE, Labels, fact_rows, labels_of, select,
    select_each,
};
pub(super) use questions::questions_json;
pub(super) use render::esc;
use render::{
    articles_list, error_page, facts_table, html, page, properties_table, quotes_list, short,
    url_value,
};

/// The page script.
pub(super) const APP_JS: &str = include_str!("../assets/app.js");
/// The page style.
pub(super) const STYLE_CSS: &str = include_str!("../assets/style.css");
/// The query editor; `{{PREFIXES}}` stands for the predeclared prefixes.
const INDEX_HTML: &str = include_str!("../assets/index.html");

/// `/`: the query editor.
pub(super) fn index() -> Response<Body> {
    html(
        StatusCode::OK,
        INDEX_HTML.replace("{{PREFIXES}}", &esc(&sparql_prefixes())),
    )
}

/// The `iri` parameter, validated.
fn iri_param(request: &Request<Body>) -> Result<NamedNode, Failure> {
    let params = Params::of_url(request);
    let iri = params
        .get("iri")
        .ok_or_else(|| text(StatusCode::BAD_REQUEST, "missing iri parameter\n"))?;
    NamedNode::new(iri).map_err(|e| -> Failure {
        page(
            StatusCode::BAD_REQUEST,
            "Bad IRI",
            &format!("<h1>Not an IRI</h1><p>{}</p>", esc(&e.to_string())),
        )
        .into()
    })
}

/// `/entity?iri=…`: what the graph says about one entity.
pub(super) fn entity(app: &App, request: &Request<Body>) -> Handled {
    let iri = iri_param(request)?;
    let is_article = select(app, IS_ARTICLE, &iri);
    if is_article.as_ref().is_ok_and(|rows| !rows.is_empty()) {
        let mut response = Response::new(Body::empty());
        *response.status_mut() = StatusCode::SEE_OTHER;
        if let Ok(location) =
            HeaderValue::from_str(&format!("/article?iri={}", url_value(iri.as_str())))
        {
            response.headers_mut().insert(header::LOCATION, location);
        }
        return Ok(response);
    }
    let queries = [
        ENTITY_DESCRIPTION,
        ENTITY_FACTS,
        ENTITY_QUOTES,
        ENTITY_ARTICLES,
    ];
    let [described, facts, quotes, articles] =
        select_each(app, queries, &iri).map_err(|e| error_page(&e))?;
    let labels = labels_of(
        app,
        &iri,
        &[
            (&described, &["p", "o"]),
            (&facts, &["g", "s", "p", "o", "modality"]),
            (&quotes, &["g"]),
            (&articles, &["g"]),
        ],
    );
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
    let content = format!(
        "<h1>{}</h1><p class=\"iri\">{}{outside}</p><h2>Description</h2>{}<h2>Facts</h2>{}<h2>Quotes</h2>{}<h2>Mentioned in</h2>{}",
        esc(&title),
        esc(iri.as_str()),
        properties_table(&described, &labels),
        facts_table(&facts, &labels, true),
        quotes_list(&quotes, &labels),
        articles_list(&articles, &labels),
    );
    let status = if described.is_empty() && facts.is_empty() {
        StatusCode::NOT_FOUND
    } else {
        StatusCode::OK
    };
    Ok(page(status, &title, &content))
}

/// `/article?iri=…`: an article's facts, quotes and evidence, with a picture of its graph.
pub(super) fn article(app: &App, request: &Request<Body>) -> Handled {
    let iri = iri_param(request)?;
    let queries = [ARTICLE_DESCRIPTION, ARTICLE_FACTS, ARTICLE_QUOTES];
    let [described, facts, quotes] = select_each(app, queries, &iri).map_err(|e| error_page(&e))?;
    let labels = labels_of(
        app,
        &iri,
        &[
            (&described, &["p", "o"]),
            (&facts, &["s", "p", "o", "modality"]),
            (&quotes, &["who"]),
        ],
    );
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
                .filter(|r| !matches!(r.get("p"), Some(Term::NamedNode(p)) if p.as_ref() == nk::MENTIONS))
                .collect::<Vec<_>>(),
            &labels
        ),
    );
    let status = if facts.is_empty() && title == short(iri.as_str(), &labels) {
        StatusCode::NOT_FOUND
    } else {
        StatusCode::OK
    };
    Ok(page(status, &title, &content))
}

/// The nodes and edges of an article's facts, for the picture.
fn graph_of(facts: &[FactRow], labels: &Labels) -> graph_svg::Graph {
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
        if p.as_ref() == rdf::TYPE {
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
