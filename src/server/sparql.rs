//! The SPARQL 1.1 Protocol: queries at `/query` and `/sparql` (GET, POST form-encoded, POST
//! `application/sparql-query`) and updates at `/update` (POST, bearer token). Queries run in a
//! bounded worker thread under the server's timeout and row limit.

use std::io::Read;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use oxhttp::model::{Body, HeaderValue, Method, Request, Response, StatusCode, header};
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode};
use oxigraph::sparql::results::QueryResultsSerializer;
use oxigraph::sparql::{
    CancellationToken, QueryEvaluationError, QueryResults, SparqlEvaluator, UpdateEvaluationError,
};

use super::auth::authorize;
use super::http::{
    Failure, Handled, Params, fail, header_str, internal, method_not_allowed, not_acceptable,
    read_body, respond, text, utf8,
};
use super::serialize::rdf_serializer;
use super::{App, PREFIXES, Write, negotiate};

/// The operation text and the protocol parameters of a query or update request.
fn operation(
    app: &App,
    request: &mut Request<Body>,
    field: &str,
    direct_type: &str,
) -> Result<(Option<String>, Params), Failure> {
    let url = Params::of_url(request);
    if request.method() == Method::GET || request.method() == Method::HEAD {
        if field == "update" {
            return Err(method_not_allowed("POST").into());
        }
        let text = url.get(field).map(str::to_owned);
        return Ok((text, url));
    }
    if request.method() != Method::POST {
        let allow = if field == "update" {
            "POST"
        } else {
            "GET, POST"
        };
        return Err(method_not_allowed(allow).into());
    }
    let content_type = negotiate::base_media_type(header_str(request, header::CONTENT_TYPE));
    let body = read_body(request, app.config.max_request_bytes)?;
    match content_type.as_deref() {
        Some("application/x-www-form-urlencoded") => {
            let mut form = Params::parse(&body);
            form.append(url);
            let text = form.get(field).map(str::to_owned);
            Ok((text, form))
        }
        Some(t) if t == direct_type => Ok((Some(utf8(body)?), url)),
        _ => Err(fail(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            format!("send {direct_type} or application/x-www-form-urlencoded\n"),
        )),
    }
}

/// The evaluator every server query and update uses: prefixes, deadline, SERVICE policy.
pub(super) fn evaluator(app: &App, token: CancellationToken) -> SparqlEvaluator {
    let mut evaluator = SparqlEvaluator::new().with_cancellation_token(token);
    for (prefix, iri) in PREFIXES {
        if let Ok(e) = evaluator.clone().with_prefix(prefix, iri) {
            evaluator = e;
        }
    }
    if app.config.allow_service {
        evaluator.with_http_timeout(app.config.query_timeout)
    } else {
        evaluator.without_default_http_service_handler()
    }
}

fn named_nodes<'a>(values: impl Iterator<Item = &'a str>) -> Result<Vec<NamedNode>, Failure> {
    values
        .map(|v| {
            NamedNode::new(v).map_err(|e| {
                fail(
                    StatusCode::BAD_REQUEST,
                    format!("bad graph IRI <{v}>: {e}\n"),
                )
            })
        })
        .collect()
}

/// `/query` and `/sparql`.
pub(super) fn query(app: &App, request: &mut Request<Body>) -> Handled {
    let (query, params) = operation(app, request, "query", "application/sparql-query")?;
    let query = query.ok_or_else(|| fail(StatusCode::BAD_REQUEST, "missing query parameter\n"))?;
    let accept = header_str(request, header::ACCEPT).map(str::to_owned);
    let mut response = bounded(app, move |app| {
        run_query(app, &query, &params, accept.as_deref()).unwrap_or_else(Failure::into_response)
    });
    response.headers_mut().insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    Ok(response)
}

/// A response as plain data, to cross threads.
struct Plain {
    status: StatusCode,
    content_type: Option<HeaderValue>,
    body: Vec<u8>,
}

impl Plain {
    fn of(mut response: Response<Body>) -> Self {
        let mut body = Vec::new();
        let status = match response.body_mut().read_to_end(&mut body) {
            Ok(_) => response.status(),
            Err(_) => StatusCode::INTERNAL_SERVER_ERROR,
        };
        Self {
            status,
            content_type: response.headers().get(header::CONTENT_TYPE).cloned(),
            body,
        }
    }

    fn into_response(self) -> Response<Body> {
        let mut response = Response::new(Body::from(self.body));
        *response.status_mut() = self.status;
        if let Some(content_type) = self.content_type {
            response
                .headers_mut()
                .insert(header::CONTENT_TYPE, content_type);
        }
        response
    }
}

/// Runs `job` in a worker thread when a slot is free, and answers within the query timeout
/// (plus a second of grace) whether or not the worker has noticed its cancellation.
fn bounded(app: &App, job: impl FnOnce(&App) -> Response<Body> + Send + 'static) -> Response<Body> {
    let timeout = app.config.query_timeout;
    let Some(slot) = app.slots.acquire(timeout) else {
        return text(
            StatusCode::SERVICE_UNAVAILABLE,
            "the server is busy with other queries; try again later\n",
        );
    };
    let (sender, receiver) = mpsc::sync_channel(1);
    let worker = app.clone();
    let spawned = thread::Builder::new()
        .name("newskg query".into())
        .spawn(move || {
            let plain = Plain::of(job(&worker));
            drop(slot);
            let _ = sender.send(plain);
        });
    if spawned.is_err() {
        return text(
            StatusCode::SERVICE_UNAVAILABLE,
            "cannot start a query thread\n",
        );
    }
    match receiver.recv_timeout(timeout + Duration::from_secs(1)) {
        Ok(plain) => plain.into_response(),
        Err(_) => timed_out(app),
    }
}

fn run_query(
    app: &App,
    query: &str,
    params: &Params,
    accept: Option<&str>,
) -> Result<Response<Body>, Failure> {
    let guard = app.watchdog.guard(app.config.query_timeout);
    let mut prepared = evaluator(app, guard.token())
        .parse_query(query)
        .map_err(syntax_error)?;
    let default_graphs = named_nodes(params.all("default-graph-uri"))?;
    let named_graphs = named_nodes(params.all("named-graph-uri"))?;
    let dataset = prepared.dataset_mut();
    if !default_graphs.is_empty() || !named_graphs.is_empty() {
        dataset.set_default_graph(default_graphs.into_iter().map(GraphName::from).collect());
        if !named_graphs.is_empty() {
            dataset.set_available_named_graphs(
                named_graphs
                    .into_iter()
                    .map(NamedOrBlankNode::from)
                    .collect(),
            );
        }
    } else if dataset.is_default_dataset() {
        dataset.set_default_graph_as_union();
    }
    let results = prepared
        .on_store(&app.store)
        .execute()
        .map_err(|e| evaluation_error(app, e))?;
    let format_param = params.get("format");
    match results {
        QueryResults::Solutions(solutions) => {
            let format =
                negotiate::results_format(format_param, accept).ok_or_else(not_acceptable)?;
            let mut serializer = QueryResultsSerializer::from_format(format)
                .serialize_solutions_to_writer(Vec::new(), solutions.variables().to_vec())
                .map_err(internal)?;
            for solution in within_limit(app, solutions) {
                serializer.serialize(&solution?).map_err(internal)?;
            }
            let body = serializer.finish().map_err(internal)?;
            Ok(respond(StatusCode::OK, format.media_type(), body))
        }
        QueryResults::Boolean(value) => {
            let format =
                negotiate::results_format(format_param, accept).ok_or_else(not_acceptable)?;
            let body = QueryResultsSerializer::from_format(format)
                .serialize_boolean_to_writer(Vec::new(), value)
                .map_err(internal)?;
            Ok(respond(StatusCode::OK, format.media_type(), body))
        }
        QueryResults::Graph(triples) => {
            let format =
                negotiate::graph_format(format_param, accept).ok_or_else(not_acceptable)?;
            let mut serializer = rdf_serializer(format, Vec::new());
            for triple in within_limit(app, triples) {
                serializer.serialize_triple(&triple?).map_err(internal)?;
            }
            let body = serializer.finish().map_err(internal)?;
            Ok(respond(StatusCode::OK, format.media_type(), body))
        }
    }
}

/// The rows of a result, each an error past the server's row limit or where evaluation failed.
fn within_limit<'a, T>(
    app: &'a App,
    rows: impl Iterator<Item = Result<T, QueryEvaluationError>> + 'a,
) -> impl Iterator<Item = Result<T, Failure>> + 'a {
    let limit = app.config.max_results;
    rows.enumerate().map(move |(i, row)| {
        if i >= limit {
            return Err(fail(
                StatusCode::BAD_REQUEST,
                format!(
                    "the result has more than {limit} rows (the server's limit); add a LIMIT\n"
                ),
            ));
        }
        row.map_err(|e| evaluation_error(app, e).into())
    })
}

fn syntax_error(e: impl std::fmt::Display) -> Failure {
    fail(
        StatusCode::BAD_REQUEST,
        format!("SPARQL syntax error: {e}\n"),
    )
}

fn evaluation_error(app: &App, error: QueryEvaluationError) -> Response<Body> {
    match error {
        QueryEvaluationError::Cancelled => timed_out(app),
        QueryEvaluationError::Dataset(e) | QueryEvaluationError::Unexpected(e) => internal(e),
        QueryEvaluationError::UnsupportedService(name) if !app.config.allow_service => {
            service_refused(&name)
        }
        e => text(
            StatusCode::BAD_REQUEST,
            format!("query evaluation error: {e}\n"),
        ),
    }
}

fn timed_out(app: &App) -> Response<Body> {
    text(
        StatusCode::SERVICE_UNAVAILABLE,
        format!(
            "the operation ran longer than the server's timeout of {}s\n",
            app.config.query_timeout.as_secs_f32()
        ),
    )
}

fn service_refused(name: &NamedNode) -> Response<Body> {
    text(
        StatusCode::BAD_REQUEST,
        format!(
            "SERVICE {name} refused: this server does not call other endpoints (start it with --allow-service)\n"
        ),
    )
}

/// `/update`.
pub(super) fn update(app: &App, request: &mut Request<Body>) -> Handled {
    authorize(app, request)?;
    let (update, _params) = operation(app, request, "update", "application/sparql-update")?;
    let update =
        update.ok_or_else(|| fail(StatusCode::BAD_REQUEST, "missing update parameter\n"))?;
    let guard = app.watchdog.guard(app.config.query_timeout);
    let prepared = evaluator(app, guard.token())
        .parse_update(&update)
        .map_err(syntax_error)?;
    Ok(match prepared.on_store(&app.store).execute() {
        Ok(()) => {
            app.wrote(Write::AfterUpdate)?;
            respond(
                StatusCode::NO_CONTENT,
                "text/plain; charset=utf-8",
                Vec::new(),
            )
        }
        Err(UpdateEvaluationError::Storage(e)) => internal(e),
        Err(UpdateEvaluationError::UnsupportedService(name)) if !app.config.allow_service => {
            service_refused(&name)
        }
        Err(UpdateEvaluationError::Unexpected(e))
            if matches!(e.downcast_ref(), Some(QueryEvaluationError::Cancelled)) =>
        {
            timed_out(app)
        }
        Err(e) => text(StatusCode::BAD_REQUEST, format!("update error: {e}\n")),
    })
}
