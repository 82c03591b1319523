//! The SPARQL 1.1 Protocol (`/query`, `/sparql`, `/update`) and the Graph Store HTTP Protocol
//! (`/store`).

use std::cell::RefCell;
use std::io::{self, Read, Write};
use std::rc::Rc;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use oxhttp::model::{Body, HeaderValue, Method, Request, Response, StatusCode, header};
use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer, WriterQuadSerializer};
use oxigraph::model::{GraphName, GraphNameRef, NamedNode, NamedOrBlankNode, Quad};
use oxigraph::sparql::results::QueryResultsSerializer;
use oxigraph::sparql::{
    CancellationToken, QueryEvaluationError, QueryResults, SparqlEvaluator, UpdateEvaluationError,
};
use oxigraph::store::QuadIter;

use super::{App, Failure, PREFIXES, fail, negotiate, respond, text};

/// Parameters of a request: URL query string and form body, in order.
pub(super) struct Params(Vec<(String, String)>);

impl Params {
    pub(super) fn parse(encoded: &[u8]) -> Self {
        Self(
            form_urlencoded::parse(encoded)
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        )
    }

    pub(super) fn of_url(request: &Request<Body>) -> Self {
        Self::parse(request.uri().query().unwrap_or("").as_bytes())
    }

    /// The first value of `key`.
    pub(super) fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    fn all(&self, key: &str) -> impl Iterator<Item = &str> {
        self.0
            .iter()
            .filter(move |(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    fn has(&self, key: &str) -> bool {
        self.0.iter().any(|(k, _)| k == key)
    }
}

pub(super) fn header_str(request: &Request<Body>, name: header::HeaderName) -> Option<&str> {
    request.headers().get(name).and_then(|v| v.to_str().ok())
}

/// Reads the body, refusing more than `limit` bytes (413). Whatever happens, the connection is
/// closed afterwards so that an unread remainder is never parsed as a request nor drained.
fn read_body(request: &mut Request<Body>, limit: u64) -> Result<Vec<u8>, Failure> {
    let too_large = || {
        text(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("the request body is larger than the server's limit of {limit} bytes\n"),
        )
    };
    request
        .headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    if request.body().len().is_some_and(|len| len > limit) {
        *request.body_mut() = Body::empty();
        return Err(too_large().into());
    }
    let mut body = Vec::new();
    let read = request
        .body_mut()
        .take(limit.saturating_add(1))
        .read_to_end(&mut body);
    *request.body_mut() = Body::empty();
    match read {
        Err(e) => Err(fail(
            StatusCode::BAD_REQUEST,
            format!("cannot read the request body: {e}\n"),
        )),
        Ok(_) if body.len() as u64 > limit => Err(too_large().into()),
        Ok(_) => Ok(body),
    }
}

fn utf8(body: Vec<u8>) -> Result<String, Failure> {
    String::from_utf8(body)
        .map_err(|_| fail(StatusCode::BAD_REQUEST, "the request body is not UTF-8\n"))
}

fn method_not_allowed(allow: &'static str) -> Response<Body> {
    let mut response = text(StatusCode::METHOD_NOT_ALLOWED, "method not allowed\n");
    response
        .headers_mut()
        .insert(header::ALLOW, HeaderValue::from_static(allow));
    response
}

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
            form.0.extend(url.0);
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
pub(super) fn query(app: &App, request: &mut Request<Body>) -> Response<Body> {
    let (query, params) = match operation(app, request, "query", "application/sparql-query") {
        Ok(op) => op,
        Err(failure) => return failure.into_response(),
    };
    let Some(query) = query else {
        return text(StatusCode::BAD_REQUEST, "missing query parameter\n");
    };
    let accept = header_str(request, header::ACCEPT).map(str::to_owned);
    let mut response = bounded(app, move |app| {
        run_query(app, &query, &params, accept.as_deref()).unwrap_or_else(Failure::into_response)
    });
    response.headers_mut().insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    response
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
        .map_err(|e| {
            text(
                StatusCode::BAD_REQUEST,
                format!("SPARQL syntax error: {e}\n"),
            )
        })?;
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
    let limit = app.config.max_results;
    let too_many = || {
        text(
            StatusCode::BAD_REQUEST,
            format!("the result has more than {limit} rows (the server's limit); add a LIMIT\n"),
        )
    };
    let format_param = params.get("format");
    match results {
        QueryResults::Solutions(solutions) => {
            let format =
                negotiate::results_format(format_param, accept).ok_or_else(not_acceptable)?;
            let mut serializer = QueryResultsSerializer::from_format(format)
                .serialize_solutions_to_writer(Vec::new(), solutions.variables().to_vec())
                .map_err(internal)?;
            for (i, solution) in solutions.enumerate() {
                if i >= limit {
                    return Err(too_many().into());
                }
                let solution = solution.map_err(|e| evaluation_error(app, e))?;
                serializer.serialize(&solution).map_err(internal)?;
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
            for (i, triple) in triples.enumerate() {
                if i >= limit {
                    return Err(too_many().into());
                }
                let triple = triple.map_err(|e| evaluation_error(app, e))?;
                serializer.serialize_triple(&triple).map_err(internal)?;
            }
            let body = serializer.finish().map_err(internal)?;
            Ok(respond(StatusCode::OK, format.media_type(), body))
        }
    }
}

fn rdf_serializer<W: Write>(format: RdfFormat, writer: W) -> WriterQuadSerializer<W> {
    let mut serializer = RdfSerializer::from_format(format);
    if matches!(format, RdfFormat::Turtle | RdfFormat::TriG) {
        for (prefix, iri) in PREFIXES {
            if let Ok(s) = serializer.clone().with_prefix(prefix, iri) {
                serializer = s;
            }
        }
    }
    serializer.for_writer(writer)
}

fn not_acceptable() -> Response<Body> {
    text(
        StatusCode::NOT_ACCEPTABLE,
        "no acceptable format: results come as SPARQL JSON, XML, CSV or TSV; graphs as Turtle, \
         N-Triples, N-Quads, TriG, JSON-LD or RDF/XML\n",
    )
}

fn internal(e: impl std::fmt::Display) -> Response<Body> {
    text(StatusCode::INTERNAL_SERVER_ERROR, format!("{e}\n"))
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

/// Checks that writes are enabled (403 otherwise) and that the bearer token matches (401).
fn authorize(app: &App, request: &Request<Body>) -> Result<(), Failure> {
    let Some(expected) = app
        .config
        .token
        .as_deref()
        .filter(|_| app.config.allow_update)
    else {
        return Err(fail(
            StatusCode::FORBIDDEN,
            "this server is read-only (start it with --allow-update and a token)\n",
        ));
    };
    let given = header_str(request, header::AUTHORIZATION)
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim());
    if given.is_some_and(|given| constant_time_eq(given.as_bytes(), expected.as_bytes())) {
        return Ok(());
    }
    let mut response = text(
        StatusCode::UNAUTHORIZED,
        "a valid bearer token is required\n",
    );
    response.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        HeaderValue::from_static("Bearer realm=\"newskg\""),
    );
    Err(response.into())
}

/// Compares without stopping at the first difference, so timing does not reveal the token.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    let mut diff = a.len() ^ b.len();
    for (i, x) in a.iter().enumerate() {
        diff |= usize::from(x ^ b.get(i % b.len().max(1)).copied().unwrap_or(0));
    }
    diff == 0
}

/// `/update`.
pub(super) fn update(app: &App, request: &mut Request<Body>) -> Response<Body> {
    if let Err(failure) = authorize(app, request) {
        return failure.into_response();
    }
    let (update, _params) = match operation(app, request, "update", "application/sparql-update") {
        Ok(op) => op,
        Err(failure) => return failure.into_response(),
    };
    let Some(update) = update else {
        return text(StatusCode::BAD_REQUEST, "missing update parameter\n");
    };
    let guard = app.watchdog.guard(app.config.query_timeout);
    let prepared = match evaluator(app, guard.token()).parse_update(&update) {
        Ok(prepared) => prepared,
        Err(e) => {
            return text(
                StatusCode::BAD_REQUEST,
                format!("SPARQL syntax error: {e}\n"),
            );
        }
    };
    match prepared.on_store(&app.store).execute() {
        Ok(()) => respond(
            StatusCode::NO_CONTENT,
            "text/plain; charset=utf-8",
            Vec::new(),
        ),
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
    }
}

/// What a Graph Store request addresses.
enum Target {
    Dataset,
    Graph(GraphName),
}

fn target(params: &Params) -> Result<Target, Failure> {
    match (params.has("default"), params.get("graph")) {
        (true, None) => Ok(Target::Graph(GraphName::DefaultGraph)),
        (false, Some(iri)) => NamedNode::new(iri)
            .map(|n| Target::Graph(n.into()))
            .map_err(|e| fail(StatusCode::BAD_REQUEST, format!("bad graph IRI: {e}\n"))),
        (false, None) => Ok(Target::Dataset),
        (true, Some(_)) => Err(fail(
            StatusCode::BAD_REQUEST,
            "give either ?default or ?graph=IRI\n",
        )),
    }
}

fn graph_exists(app: &App, graph: &GraphName) -> Result<bool, Failure> {
    match graph {
        GraphName::NamedNode(node) => Ok(app.store.contains_named_graph(node).map_err(internal)?),
        _ => Ok(true),
    }
}

/// `/store`: the Graph Store HTTP Protocol.
pub(super) fn graph_store(app: &App, request: &mut Request<Body>) -> Response<Body> {
    graph_store_inner(app, request).unwrap_or_else(Failure::into_response)
}

fn graph_store_inner(app: &App, request: &mut Request<Body>) -> Result<Response<Body>, Failure> {
    let params = Params::of_url(request);
    let target = target(&params)?;
    let method = request.method().clone();
    if method == Method::GET || method == Method::HEAD {
        let accept = header_str(request, header::ACCEPT);
        return match target {
            Target::Dataset => {
                let format = negotiate::dataset_format(params.get("format"), accept)
                    .ok_or_else(not_acceptable)?;
                Ok(stream(app.store.iter(), format, None))
            }
            Target::Graph(graph) => {
                if !graph_exists(app, &graph)? {
                    return Err(fail(StatusCode::NOT_FOUND, "no such graph\n"));
                }
                let format = negotiate::graph_format(params.get("format"), accept)
                    .ok_or_else(not_acceptable)?;
                let quads = app
                    .store
                    .quads_for_pattern(None, None, None, Some(graph.as_ref()));
                Ok(stream(quads, format, Some(graph)))
            }
        };
    }
    if method != Method::PUT && method != Method::POST && method != Method::DELETE {
        return Err(method_not_allowed("GET, HEAD, PUT, POST, DELETE").into());
    }
    authorize(app, request)?;
    let Target::Graph(graph) = target else {
        return Err(fail(
            StatusCode::BAD_REQUEST,
            "name a graph: ?default or ?graph=IRI\n",
        ));
    };
    let existed = graph_exists(app, &graph)?;
    if method == Method::DELETE {
        if !existed {
            return Err(fail(StatusCode::NOT_FOUND, "no such graph\n"));
        }
        match &graph {
            GraphName::NamedNode(node) => app.store.remove_named_graph(node).map_err(internal)?,
            _ => app
                .store
                .clear_graph(GraphNameRef::DefaultGraph)
                .map_err(internal)?,
        }
        return Ok(no_content());
    }
    let format = negotiate::upload_format(header_str(request, header::CONTENT_TYPE)).ok_or_else(|| {
        text(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "send Turtle, N-Triples, RDF/XML, JSON-LD, TriG or N-Quads with a matching Content-Type\n",
        )
    })?;
    let body = read_body(request, app.config.max_request_bytes)?;
    let quads = RdfParser::from_format(format)
        .without_named_graphs()
        .with_default_graph(graph.clone())
        .for_slice(&body)
        .collect::<Result<Vec<Quad>, _>>()
        .map_err(|e| {
            text(
                StatusCode::BAD_REQUEST,
                format!("cannot parse the graph: {e}\n"),
            )
        })?;
    let mut transaction = app.store.start_transaction().map_err(internal)?;
    if method == Method::PUT {
        match &graph {
            GraphName::NamedNode(node) => transaction.remove_named_graph(node).map_err(internal)?,
            _ => transaction
                .clear_graph(GraphNameRef::DefaultGraph)
                .map_err(internal)?,
        }
    }
    if let GraphName::NamedNode(node) = &graph {
        transaction.insert_named_graph(node);
    }
    transaction.extend(&quads);
    transaction.commit().map_err(internal)?;
    Ok(if existed {
        no_content()
    } else {
        respond(StatusCode::CREATED, "text/plain; charset=utf-8", Vec::new())
    })
}

fn no_content() -> Response<Body> {
    let mut response = Response::new(Body::empty());
    *response.status_mut() = StatusCode::NO_CONTENT;
    response
}

/// A response body serialising quads as the client reads it, so that dumping a large graph
/// needs no memory beyond a buffer.
fn stream(quads: QuadIter<'static>, format: RdfFormat, graph: Option<GraphName>) -> Response<Body> {
    let buffer = SharedBuffer::default();
    let serializer = rdf_serializer(format, buffer.clone());
    let reader = QuadReader {
        quads,
        serializer: Some(serializer),
        buffer,
        as_triples: graph.is_some(),
        offset: 0,
    };
    let mut response = Response::new(Body::from_read(reader));
    if let Ok(value) = HeaderValue::from_str(format.media_type()) {
        response.headers_mut().insert(header::CONTENT_TYPE, value);
    }
    response
}

#[derive(Clone, Default)]
struct SharedBuffer(Rc<RefCell<Vec<u8>>>);

impl Write for SharedBuffer {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(data);
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

struct QuadReader {
    quads: QuadIter<'static>,
    serializer: Option<WriterQuadSerializer<SharedBuffer>>,
    buffer: SharedBuffer,
    as_triples: bool,
    offset: usize,
}

impl Read for QuadReader {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        loop {
            {
                let mut buffer = self.buffer.0.borrow_mut();
                if self.offset < buffer.len() {
                    let n = out.len().min(buffer.len() - self.offset);
                    out[..n].copy_from_slice(&buffer[self.offset..self.offset + n]);
                    self.offset += n;
                    if self.offset == buffer.len() {
                        buffer.clear();
                        self.offset = 0;
                    }
                    return Ok(n);
                }
            }
            let Some(serializer) = self.serializer.as_mut() else {
                return Ok(0);
            };
            match self.quads.next() {
                Some(quad) => {
                    let quad = quad.map_err(io::Error::other)?;
                    if self.as_triples {
                        serializer.serialize_triple(quad.as_ref())?;
                    } else {
                        serializer.serialize_quad(&quad)?;
                    }
                }
                None => {
                    if let Some(serializer) = self.serializer.take() {
                        serializer.finish()?;
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_comparison() {
        assert!(constant_time_eq(b"secret", b"secret"));
        assert!(!constant_time_eq(b"secret", b"secrex"));
        assert!(!constant_time_eq(b"secret", b"secret2"));
        assert!(!constant_time_eq(b"", b"secret"));
    }
}
