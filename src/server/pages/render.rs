//! HTML for the pages: escaping, the page frame and its Content-Security-Policy, and the tables
//! and lists of terms, facts and quotes. Every string printed into HTML goes through [`esc`].

use oxhttp::model::{Body, HeaderValue, Response, StatusCode, header};
use oxigraph::model::{NamedNode, Term};
use oxigraph::sparql::QuerySolution;

use super::lookup::{FactRow, Labels, literal_value};
use crate::server::http::respond;
use crate::vocab::PREFIXES;

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
pub(super) fn url_value(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// An HTML response, with a Content-Security-Policy that allows only this server's own script,
/// style and requests.
pub(super) fn html(status: StatusCode, body: String) -> Response<Body> {
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

/// A page: `content` (HTML) in the site's frame, titled `title` (text).
pub(super) fn page(status: StatusCode, title: &str, content: &str) -> Response<Body> {
    html(
        status,
        format!(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <title>{} · newskg</title><link rel=\"stylesheet\" href=\"/assets/style.css\"></head>\
             <body><header><a class=\"home\" href=\"/\">newskg</a></header><main>{content}</main></body></html>\n",
            esc(title)
        ),
    )
}

/// A 500 page that says what went wrong (`message` is text, shown preformatted).
pub(super) fn error_page(message: &str) -> Response<Body> {
    page(
        StatusCode::INTERNAL_SERVER_ERROR,
        "Error",
        &format!("<h1>Error</h1><pre>{}</pre>", esc(message)),
    )
}

/// A short readable name for an IRI: its label, else its prefixed name, else the IRI.
pub(super) fn short(iri: &str, labels: &Labels) -> String {
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
pub(super) fn term_html(term: Option<&Term>, labels: &Labels) -> String {
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

/// An article IRI as a link to its article page (other terms as [`term_html`]).
pub(super) fn article_link(term: Option<&Term>, labels: &Labels) -> String {
    match term {
        Some(Term::NamedNode(n)) => format!(
            "<a href=\"/article?iri={}\">{}</a>",
            esc(&url_value(n.as_str())),
            esc(&short(n.as_str(), labels))
        ),
        other => term_html(other, labels),
    }
}

/// `items` one after the other between `open` and `close`, or a "none" paragraph saying `none`
/// when there are none.
fn listing<T>(
    items: &[T],
    none: &str,
    open: &str,
    close: &str,
    item: impl Fn(&T) -> String,
) -> String {
    if items.is_empty() {
        return format!("<p class=\"none\">{none}</p>");
    }
    let mut out = String::from(open);
    for i in items {
        out.push_str(&item(i));
    }
    out.push_str(close);
    out
}

/// The facts as a table; `with_article` adds a column linking each fact's article.
pub(super) fn facts_table(facts: &[FactRow], labels: &Labels, with_article: bool) -> String {
    let article_header = if with_article { "<th>article</th>" } else { "" };
    let open = format!(
        "<table class=\"facts\"><thead><tr>{article_header}<th>subject</th><th>predicate</th>\
         <th>object</th><th>modality</th><th>confidence</th><th>evidence</th></tr></thead><tbody>"
    );
    listing(facts, "No facts.", &open, "</tbody></table>", |f| {
        let article = if with_article {
            format!("<td>{}</td>", article_link(f.graph.as_ref(), labels))
        } else {
            String::new()
        };
        format!(
            "<tr>{article}<td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"evidence\">{}</td></tr>",
            term_html(f.s.as_ref(), labels),
            term_html(f.p.as_ref(), labels),
            term_html(f.o.as_ref(), labels),
            term_html(f.modality.as_ref(), labels),
            esc(&f.confidence),
            esc(&f.sentence)
        )
    })
}

/// `?p ?o` rows as a two-column table.
pub(super) fn properties_table(rows: &[QuerySolution], labels: &Labels) -> String {
    listing(
        rows,
        "Nothing known.",
        "<table class=\"props\"><tbody>",
        "</tbody></table>",
        |row| {
            format!(
                "<tr><th>{}</th><td>{}</td></tr>",
                term_html(row.get("p"), labels),
                term_html(row.get("o"), labels)
            )
        },
    )
}

/// `?text ?who ?g` rows as a list of quotes with speaker and article.
pub(super) fn quotes_list(rows: &[QuerySolution], labels: &Labels) -> String {
    listing(
        rows,
        "No quotes.",
        "<ul class=\"quotes\">",
        "</ul>",
        |row| {
            format!(
                "<li><blockquote>{}</blockquote> — {} {}</li>",
                esc(&literal_value(row.get("text"))),
                term_html(row.get("who"), labels),
                article_link(row.get("g"), labels)
            )
        },
    )
}

/// `?g` rows as a list of article links.
pub(super) fn articles_list(rows: &[QuerySolution], labels: &Labels) -> String {
    listing(rows, "No article.", "<ul>", "</ul>", |row| {
        format!("<li>{}</li>", article_link(row.get("g"), labels))
    })
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
}
