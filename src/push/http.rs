//! The HTTP side of pushing: one request with authentication (basic, digest, bearer) and
//! retries with exponential back-off.

use std::sync::Mutex;
use std::thread;
use std::time::Duration;

use base64::Engine as _;
use oxhttp::model::{Body, HeaderValue, Method, Request, StatusCode, Uri, header};

use super::PushError;
use super::digest::Challenge;

/// How to authenticate.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Auth {
    /// No credentials.
    #[default]
    None,
    /// HTTP Basic (send credentials on every request).
    Basic {
        /// User name.
        user: String,
        /// Password.
        password: String,
    },
    /// HTTP Digest, RFC 7616 with MD5 (answer the server's challenge).
    Digest {
        /// User name.
        user: String,
        /// Password.
        password: String,
    },
    /// `Authorization: Bearer TOKEN`.
    Bearer(String),
    /// User and password, with the scheme the server asks for (Digest if offered, else Basic).
    Auto {
        /// User name.
        user: String,
        /// Password.
        password: String,
    },
}

#[derive(Default)]
struct AuthState {
    /// The last digest challenge and the count of requests made with its nonce.
    digest: Option<(Challenge, u32)>,
    /// In [`Auth::Auto`] mode: the server asked for Basic.
    basic: bool,
}

/// A response: status and body text.
#[derive(Debug)]
pub struct Reply {
    /// HTTP status.
    pub status: StatusCode,
    /// Body (truncated to a few kilobytes, for messages).
    pub body: String,
}

/// An HTTP client that authenticates and retries.
pub struct Client {
    inner: oxhttp::Client,
    auth: Auth,
    retries: u32,
    backoff: Duration,
    state: Mutex<AuthState>,
}

impl Client {
    /// A client with a per-request timeout, `retries` extra attempts and a first back-off delay
    /// (doubled after each failure, at most 30 s).
    pub fn new(auth: Auth, timeout: Duration, retries: u32, backoff: Duration) -> Self {
        let inner = oxhttp::Client::new()
            .with_global_timeout(timeout)
            .with_redirection_limit(0);
        let inner = inner
            .with_user_agent(concat!("newskg/", env!("CARGO_PKG_VERSION")))
            .unwrap_or_else(|_| oxhttp::Client::new().with_global_timeout(timeout));
        Self {
            inner,
            auth,
            retries,
            backoff,
            state: Mutex::new(AuthState::default()),
        }
    }

    /// Sends a request; retries on connection errors, 429 and 5xx.
    pub fn send(
        &self,
        method: Method,
        url: &str,
        content_type: Option<&str>,
        body: &[u8],
    ) -> Result<Reply, PushError> {
        let uri: Uri = url
            .parse()
            .map_err(|e| PushError::Url(format!("{url}: {e}")))?;
        let mut delay = self.backoff;
        let mut attempt = 0;
        loop {
            let outcome = self.send_authenticated(&method, &uri, content_type, body);
            let retryable = match &outcome {
                Ok(reply) => {
                    reply.status.is_server_error() || reply.status == StatusCode::TOO_MANY_REQUESTS
                }
                Err(PushError::Http { .. }) => true,
                Err(_) => false,
            };
            if !retryable || attempt >= self.retries {
                return outcome;
            }
            attempt += 1;
            thread::sleep(delay);
            delay = (delay * 2).min(Duration::from_secs(30));
        }
    }

    fn send_authenticated(
        &self,
        method: &Method,
        uri: &Uri,
        content_type: Option<&str>,
        body: &[u8],
    ) -> Result<Reply, PushError> {
        let target = uri
            .path_and_query()
            .map_or_else(|| "/".to_owned(), |p| p.as_str().to_owned());
        let first = self.authorization(method, &target);
        let reply = self.once(method, uri, content_type, body, first.as_deref())?;
        if reply.0.status != StatusCode::UNAUTHORIZED {
            return Ok(reply.0);
        }
        // Answer a (new or stale) digest challenge, or a basic one in auto mode.
        if !matches!(self.auth, Auth::Digest { .. } | Auth::Auto { .. }) {
            return Ok(reply.0);
        }
        let challenge = reply.1.iter().find_map(|h| Challenge::parse(h));
        let offers_basic = reply.1.iter().any(|h| {
            h.trim_start()
                .get(..5)
                .is_some_and(|s| s.eq_ignore_ascii_case("basic"))
        });
        {
            let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
            match challenge {
                Some(challenge) => state.digest = Some((challenge, 0)),
                None if offers_basic && matches!(self.auth, Auth::Auto { .. }) && !state.basic => {
                    state.basic = true;
                }
                None => return Ok(reply.0),
            }
        }
        let retry = self.authorization(method, &target);
        Ok(self
            .once(method, uri, content_type, body, retry.as_deref())?
            .0)
    }

    /// The `Authorization` value for the next request, if any can be computed yet.
    fn authorization(&self, method: &Method, target: &str) -> Option<String> {
        match &self.auth {
            Auth::None => None,
            Auth::Bearer(token) => Some(format!("Bearer {token}")),
            Auth::Basic { user, password } => Some(basic(user, password)),
            Auth::Digest { user, password } | Auth::Auto { user, password } => {
                let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
                if state.basic {
                    return Some(basic(user, password));
                }
                let (challenge, count) = state.digest.as_mut()?;
                *count += 1;
                Some(challenge.authorization(
                    user,
                    password,
                    method.as_str(),
                    target,
                    *count,
                    &cnonce(),
                ))
            }
        }
    }

    fn once(
        &self,
        method: &Method,
        uri: &Uri,
        content_type: Option<&str>,
        body: &[u8],
        authorization: Option<&str>,
    ) -> Result<(Reply, Vec<String>), PushError> {
        let mut builder = Request::builder().method(method.clone()).uri(uri.clone());
        if let Some(content_type) = content_type {
            builder = builder.header(header::CONTENT_TYPE, content_type);
        }
        if let Some(value) = authorization.and_then(|a| HeaderValue::from_str(a).ok()) {
            builder = builder.header(header::AUTHORIZATION, value);
        }
        let request = builder
            .body(Body::from(body.to_vec()))
            .map_err(|e| PushError::Url(format!("{uri}: {e}")))?;
        let response = self
            .inner
            .request(request)
            .map_err(|source| PushError::Http {
                url: uri.to_string(),
                source,
            })?;
        let status = response.status();
        let challenges = response
            .headers()
            .get_all(header::WWW_AUTHENTICATE)
            .iter()
            .filter_map(|v| v.to_str().ok().map(str::to_owned))
            .collect();
        let mut text = Vec::new();
        let _ = std::io::Read::read_to_end(
            &mut std::io::Read::take(response.into_body(), 64 * 1024),
            &mut text,
        );
        let mut body = String::from_utf8_lossy(&text).into_owned();
        let mut end = body.len().min(4096);
        while !body.is_char_boundary(end) {
            end -= 1;
        }
        body.truncate(end);
        Ok((Reply { status, body }, challenges))
    }
}

fn basic(user: &str, password: &str) -> String {
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"))
    )
}

/// A fresh client nonce (random; falls back to the clock if the OS has no randomness).
fn cnonce() -> String {
    let mut bytes = [0u8; 12];
    if getrandom::fill(&mut bytes).is_err() {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        bytes.copy_from_slice(&nanos.to_le_bytes()[..12]);
    }
    super::hex(&bytes)
}
