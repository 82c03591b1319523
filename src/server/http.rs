//! Request and response plumbing shared by the handlers: URL and form parameters, bounded body
//! reading, and the plain-text responses (errors, 204, 405, 406) that end a handler early as a
//! [`Failure`].

use std::io::Read;

use oxhttp::model::{Body, HeaderValue, Request, Response, StatusCode, header};

/// Parameters of a request: URL query string and form body, in order.
pub(super) struct Params(Vec<(String, String)>);

impl Params {
    /// Parses `application/x-www-form-urlencoded` text.
    pub(super) fn parse(encoded: &[u8]) -> Self {
        Self(
            form_urlencoded::parse(encoded)
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        )
    }

    /// The parameters of the request URL.
    pub(super) fn of_url(request: &Request<Body>) -> Self {
        Self::parse(request.uri().query().unwrap_or("").as_bytes())
    }

    /// Adds `other`'s parameters after these.
    pub(super) fn append(&mut self, other: Self) {
        self.0.extend(other.0);
    }

    /// The first value of `key`.
    pub(super) fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Every value of `key`, in order.
    pub(super) fn all(&self, key: &str) -> impl Iterator<Item = &str> {
        self.0
            .iter()
            .filter(move |(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Whether `key` is given (with or without a value).
    pub(super) fn has(&self, key: &str) -> bool {
        self.0.iter().any(|(k, _)| k == key)
    }
}

/// The value of header `name`, if it is visible ASCII.
pub(super) fn header_str(request: &Request<Body>, name: header::HeaderName) -> Option<&str> {
    request.headers().get(name).and_then(|v| v.to_str().ok())
}

/// Reads the body, refusing more than `limit` bytes (413). Whatever happens, the connection is
/// closed afterwards so that an unread remainder is never parsed as a request nor drained.
pub(super) fn read_body(request: &mut Request<Body>, limit: u64) -> Result<Vec<u8>, Failure> {
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

/// The body as text (400 if it is not UTF-8).
pub(super) fn utf8(body: Vec<u8>) -> Result<String, Failure> {
    String::from_utf8(body)
        .map_err(|_| fail(StatusCode::BAD_REQUEST, "the request body is not UTF-8\n"))
}

/// 405, with the methods the resource allows.
pub(super) fn method_not_allowed(allow: &'static str) -> Response<Body> {
    let mut response = text(StatusCode::METHOD_NOT_ALLOWED, "method not allowed\n");
    response
        .headers_mut()
        .insert(header::ALLOW, HeaderValue::from_static(allow));
    response
}

/// What a handler gives: its response, or the one that ended it early.
pub(super) type Handled = Result<Response<Body>, Failure>;

/// A response that ends a handler early (boxed: responses are large).
pub(super) struct Failure(Box<Response<Body>>);

impl From<Response<Body>> for Failure {
    fn from(response: Response<Body>) -> Self {
        Self(Box::new(response))
    }
}

impl Failure {
    /// The response to send.
    pub(super) fn into_response(self) -> Response<Body> {
        *self.0
    }
}

/// A plain-text error that ends a handler early.
pub(super) fn fail(status: StatusCode, message: impl Into<String>) -> Failure {
    text(status, message).into()
}

/// A plain-text response (errors carry their message in the body).
pub(super) fn text(status: StatusCode, message: impl Into<String>) -> Response<Body> {
    respond(
        status,
        "text/plain; charset=utf-8",
        message.into().into_bytes(),
    )
}

/// A response with a body of the given media type.
pub(super) fn respond(status: StatusCode, content_type: &str, body: Vec<u8>) -> Response<Body> {
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    if let Ok(value) = HeaderValue::from_str(content_type) {
        response.headers_mut().insert(header::CONTENT_TYPE, value);
    }
    response
}

/// 204, no body.
pub(super) fn no_content() -> Response<Body> {
    let mut response = Response::new(Body::empty());
    *response.status_mut() = StatusCode::NO_CONTENT;
    response
}

/// 406: no format the client accepts.
pub(super) fn not_acceptable() -> Response<Body> {
    text(
        StatusCode::NOT_ACCEPTABLE,
        "no acceptable format: results come as SPARQL JSON, XML, CSV or TSV; graphs as Turtle, \
         N-Triples, N-Quads, TriG, JSON-LD or RDF/XML\n",
    )
}

/// 500 with the error's message.
pub(super) fn internal(e: impl std::fmt::Display) -> Response<Body> {
    text(StatusCode::INTERNAL_SERVER_ERROR, format!("{e}\n"))
}
