//! What the pages ask the store: SELECT queries with `?x` bound to a validated IRI (a typed
//! term, never text pasted into SPARQL), the labels of the IRIs shown, and facts gathered into
//! one row each.

use std::collections::{BTreeMap, BTreeSet};

use oxigraph::model::{NamedNode, Term};
use oxigraph::sparql::{QueryResults, QuerySolution, Variable};

use crate::server::{App, sparql};

/// Most rows a page shows per section.
const PAGE_ROWS: usize = 500;

/// Labels of IRIs, for display.
pub(super) type Labels = BTreeMap<NamedNode, String>;

/// Whether `?x` is an article.
pub(super) const IS_ARTICLE: &str = "SELECT ?x WHERE { ?x a nk:Article } LIMIT 1";

/// What is said about the entity `?x`.
pub(super) const ENTITY_DESCRIPTION: &str = "SELECT ?x ?p ?o WHERE { ?x ?p ?o } ORDER BY ?p ?o";

/// The facts whose subject or object is the entity `?x`, in any article.
pub(super) const ENTITY_FACTS: &str =
    "SELECT ?x ?g ?f ?s ?p ?o ?sentence ?modality ?confidence WHERE {
  GRAPH ?g {
    { ?f rdf:subject ?x } UNION { ?f rdf:object ?x }
    ?f a nk:Fact ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
    OPTIONAL { ?f nk:evidence ?ev . ?ev nk:text ?sentence }
    OPTIONAL { ?f nk:modality ?modality } OPTIONAL { ?f nk:confidence ?confidence }
  } } ORDER BY ?g ?f";

/// The quotes attributed to the entity `?x`.
pub(super) const ENTITY_QUOTES: &str = "SELECT ?x ?g ?text ?who WHERE { ?q nk:attributedTo ?x ; nk:quotedText ?text . GRAPH ?g { ?q a nk:Quotation } BIND(?x AS ?who) } ORDER BY ?g";

/// The articles that mention the entity `?x`.
pub(super) const ENTITY_ARTICLES: &str =
    "SELECT DISTINCT ?x ?g WHERE { ?g nk:mentions ?x } ORDER BY ?g";

/// What the article `?x` says about itself (title, date, …), from its own graph.
pub(super) const ARTICLE_DESCRIPTION: &str =
    "SELECT ?x ?p ?o WHERE { GRAPH ?x { ?x ?p ?o } } ORDER BY ?p ?o";

/// The facts of the article `?x`.
pub(super) const ARTICLE_FACTS: &str =
    "SELECT ?x ?g ?f ?s ?p ?o ?sentence ?modality ?confidence WHERE {
  GRAPH ?x {
    ?f a nk:Fact ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
    OPTIONAL { ?f nk:evidence ?ev . ?ev nk:text ?sentence }
    OPTIONAL { ?f nk:modality ?modality } OPTIONAL { ?f nk:confidence ?confidence }
  } BIND(?x AS ?g) } ORDER BY ?f";

/// The quotes of the article `?x`, with their speakers.
pub(super) const ARTICLE_QUOTES: &str = "SELECT ?x ?g ?text ?who WHERE { GRAPH ?x { ?q a nk:Quotation } ?q nk:quotedText ?text OPTIONAL { ?q nk:attributedTo ?who } BIND(?x AS ?g) } ORDER BY ?text";

/// Runs a SELECT with `?x` bound to `iri` (a typed term: no text substitution).
pub(super) fn select(
    app: &App,
    query: &str,
    iri: &NamedNode,
) -> Result<Vec<QuerySolution>, String> {
    run_select(app, query, Some(iri))
}

/// Runs several SELECTs with `?x` bound to `iri`; the first error stops.
pub(super) fn select_each<const N: usize>(
    app: &App,
    queries: [&str; N],
    iri: &NamedNode,
) -> Result<[Vec<QuerySolution>; N], String> {
    let mut rows = [(); N].map(|()| Vec::new());
    for (query, into) in queries.iter().zip(&mut rows) {
        *into = select(app, query, iri)?;
    }
    Ok(rows)
}

fn run_select(
    app: &App,
    query: &str,
    iri: Option<&NamedNode>,
) -> Result<Vec<QuerySolution>, String> {
    let guard = app.watchdog.guard(app.config.query_timeout);
    let mut evaluator = sparql::evaluator(app, guard.token());
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

/// The labels of `iri` and of the IRIs in the given variables of the given rows.
pub(super) fn labels_of(
    app: &App,
    iri: &NamedNode,
    shown: &[(&[QuerySolution], &[&str])],
) -> Labels {
    let mut iris = BTreeSet::from([iri.clone()]);
    for (rows, vars) in shown {
        for row in *rows {
            for v in *vars {
                if let Some(Term::NamedNode(n)) = row.get(*v) {
                    iris.insert(n.clone());
                }
            }
        }
    }
    labels(app, &iris)
}

/// Labels of the given IRIs, from a query whose VALUES block is written from typed terms.
fn labels(app: &App, iris: &BTreeSet<NamedNode>) -> Labels {
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

/// One fact row (the longest evidence text, if a fact has several).
pub(super) struct FactRow {
    /// The article graph.
    pub(super) graph: Option<Term>,
    /// Subject.
    pub(super) s: Option<Term>,
    /// Predicate.
    pub(super) p: Option<Term>,
    /// Object.
    pub(super) o: Option<Term>,
    /// The evidence sentence.
    pub(super) sentence: String,
    /// `nk:modality`.
    pub(super) modality: Option<Term>,
    /// `nk:confidence`, as written.
    pub(super) confidence: String,
}

/// The rows of [`ENTITY_FACTS`] or [`ARTICLE_FACTS`], one per fact.
pub(super) fn fact_rows(rows: &[QuerySolution]) -> Vec<FactRow> {
    let mut facts: BTreeMap<String, FactRow> = BTreeMap::new();
    for row in rows {
        let key = row.get("f").map(ToString::to_string).unwrap_or_default();
        let entry = facts.entry(key).or_insert_with(|| FactRow {
            graph: row.get("g").cloned(),
            s: row.get("s").cloned(),
            p: row.get("p").cloned(),
            o: row.get("o").cloned(),
            sentence: String::new(),
            modality: row.get("modality").cloned(),
            confidence: literal_value(row.get("confidence")),
        });
        let sentence = literal_value(row.get("sentence"));
        if sentence.chars().count() > entry.sentence.chars().count() {
            entry.sentence = sentence;
        }
    }
    facts.into_values().collect()
}

/// The text of a literal, empty for anything else.
pub(super) fn literal_value(term: Option<&Term>) -> String {
    match term {
        Some(Term::Literal(l)) => l.value().to_owned(),
        _ => String::new(),
    }
}
