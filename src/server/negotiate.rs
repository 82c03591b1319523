//! Content negotiation: which serialisation a client gets.
//!
//! The `Accept` header is read with its quality values; a `format` URL parameter (`json`, `xml`,
//! `csv`, `tsv`, `turtle`, `ntriples`, `jsonld`, `rdfxml`, `nquads`, `trig`) overrides it, which
//! is handy for links and for browsers that send HTML-first Accept headers.

use oxigraph::io::{JsonLdProfileSet, RdfFormat};
use oxigraph::sparql::results::QueryResultsFormat;

/// One media range of an `Accept` header.
#[derive(Debug, PartialEq)]
struct Range {
    media: String,
    q: f32,
}

/// The media ranges of an `Accept` header, best first (ties keep the client's order).
fn ranges(accept: &str) -> Vec<Range> {
    let mut ranges: Vec<Range> = accept
        .split(',')
        .filter_map(|item| {
            let mut parts = item.split(';');
            let media = parts.next()?.trim().to_ascii_lowercase();
            if media.is_empty() {
                return None;
            }
            let q = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|v| v.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            (q > 0.0).then_some(Range { media, q })
        })
        .collect();
    ranges.sort_by(|a, b| b.q.total_cmp(&a.q));
    ranges
}

/// Picks a format from `format` (URL parameter) or `accept`, using `from_name` and
/// `from_media` to recognise formats and `default` for wildcards and a missing header.
/// `None` means nothing acceptable (406).
fn choose<F: Copy>(
    format: Option<&str>,
    accept: Option<&str>,
    default: F,
    from_name: impl Fn(&str) -> Option<F>,
    from_media: impl Fn(&str) -> Option<F>,
) -> Option<F> {
    if let Some(name) = format {
        return from_name(&name.to_ascii_lowercase()).or_else(|| from_media(name));
    }
    let Some(accept) = accept.filter(|a| !a.trim().is_empty()) else {
        return Some(default);
    };
    ranges(accept).iter().find_map(|range| {
        if range.media == "*/*" || range.media == "application/*" {
            Some(default)
        } else {
            from_media(&range.media)
        }
    })
}

/// The format of SELECT and ASK results (default: SPARQL JSON).
pub(super) fn results_format(
    format: Option<&str>,
    accept: Option<&str>,
) -> Option<QueryResultsFormat> {
    choose(
        format,
        accept,
        QueryResultsFormat::Json,
        |name| match name {
            "json" => Some(QueryResultsFormat::Json),
            "xml" => Some(QueryResultsFormat::Xml),
            "csv" => Some(QueryResultsFormat::Csv),
            "tsv" => Some(QueryResultsFormat::Tsv),
            _ => None,
        },
        |media| match media {
            "text/*" => Some(QueryResultsFormat::Csv),
            // Browsers ask for XML among other things; SPARQL XML is a fine answer.
            "text/xml" | "application/xml" => Some(QueryResultsFormat::Xml),
            _ => QueryResultsFormat::from_media_type(media),
        },
    )
}

/// The format of CONSTRUCT and DESCRIBE results and Graph Store reads (default: Turtle).
pub(super) fn graph_format(format: Option<&str>, accept: Option<&str>) -> Option<RdfFormat> {
    choose(
        format,
        accept,
        RdfFormat::Turtle,
        rdf_format_name,
        |media| match media {
            "text/*" => Some(RdfFormat::Turtle),
            _ => RdfFormat::from_media_type(media),
        },
    )
    .filter(|f| *f != RdfFormat::N3)
}

/// The format of a whole-dataset Graph Store read (default: TriG).
pub(super) fn dataset_format(format: Option<&str>, accept: Option<&str>) -> Option<RdfFormat> {
    choose(format, accept, RdfFormat::TriG, rdf_format_name, |media| {
        RdfFormat::from_media_type(media)
    })
    .filter(|f| f.supports_datasets())
}

fn rdf_format_name(name: &str) -> Option<RdfFormat> {
    match name {
        "turtle" | "ttl" => Some(RdfFormat::Turtle),
        "ntriples" | "nt" => Some(RdfFormat::NTriples),
        "nquads" | "nq" => Some(RdfFormat::NQuads),
        "trig" => Some(RdfFormat::TriG),
        "jsonld" | "json-ld" => Some(RdfFormat::JsonLd {
            profile: JsonLdProfileSet::empty(),
        }),
        "rdfxml" | "xml" => Some(RdfFormat::RdfXml),
        _ => None,
    }
}

/// The RDF format of an uploaded body, from its `Content-Type`.
pub(super) fn upload_format(content_type: Option<&str>) -> Option<RdfFormat> {
    let media = content_type?.split(';').next()?.trim().to_ascii_lowercase();
    RdfFormat::from_media_type(&media).filter(|f| *f != RdfFormat::N3)
}

/// The media type without parameters, lower-cased.
pub(super) fn base_media_type(content_type: Option<&str>) -> Option<String> {
    content_type
        .and_then(|c| c.split(';').next())
        .map(|m| m.trim().to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quality_values_order_the_choice() {
        let accept = "text/csv;q=0.5, application/sparql-results+xml, */*;q=0.1";
        assert_eq!(
            results_format(None, Some(accept)),
            Some(QueryResultsFormat::Xml)
        );
        assert_eq!(
            results_format(None, Some("text/tab-separated-values")),
            Some(QueryResultsFormat::Tsv)
        );
    }

    #[test]
    fn wildcards_and_missing_header_give_the_default() {
        assert_eq!(results_format(None, None), Some(QueryResultsFormat::Json));
        assert_eq!(
            results_format(None, Some("text/html, */*;q=0.8")),
            Some(QueryResultsFormat::Json)
        );
        assert_eq!(graph_format(None, Some("*/*")), Some(RdfFormat::Turtle));
    }

    #[test]
    fn unknown_types_are_not_acceptable() {
        assert_eq!(results_format(None, Some("image/png")), None);
        assert_eq!(graph_format(None, Some("image/png, text/csv;q=0")), None);
    }

    #[test]
    fn format_parameter_wins() {
        assert_eq!(
            results_format(Some("csv"), Some("application/json")),
            Some(QueryResultsFormat::Csv)
        );
        assert_eq!(
            graph_format(Some("nt"), Some("text/turtle")),
            Some(RdfFormat::NTriples)
        );
    }
}
