//! Who may write: updates and Graph Store writes need updates enabled and the server's bearer
//! token, compared in constant time.

use oxhttp::model::{Body, HeaderValue, Request, StatusCode, header};

use super::App;
use super::http::{Failure, fail, header_str, text};

/// Checks that writes are enabled (403 otherwise) and that the bearer token matches (401).
pub(super) fn authorize(app: &App, request: &Request<Body>) -> Result<(), Failure> {
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
