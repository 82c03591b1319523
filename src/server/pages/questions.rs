//! The example questions offered by the query editor: the README's (`examples/queries/`), then
//! the page's own (`assets/questions.rq`), served as JSON at `/assets/questions.json`.

use oxhttp::model::{Body, Response, StatusCode};

use crate::server::http::respond;

/// The README's example questions: a comment line that says what the query asks, then the query.
const README_QUESTIONS: [&str; 4] = [
    include_str!("../../../examples/queries/who-travels-where.rq"),
    include_str!("../../../examples/queries/who-holds-which-position.rq"),
    include_str!("../../../examples/queries/quotes-with-speakers.rq"),
    include_str!("../../../examples/queries/evidence-of-facts.rq"),
];
/// More questions for the page: `# title` lines, each followed by its query.
const QUESTIONS: &str = include_str!("../assets/questions.rq");

/// The example questions as `(title, query)` pairs: the README's, then the page's own.
pub(in crate::server) fn questions() -> Vec<(String, String)> {
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

/// `/assets/questions.json`: the questions as `[{"title": …, "query": …}]`.
pub(in crate::server) fn questions_json() -> Response<Body> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn questions_parse_into_titled_queries() {
        let questions = questions();
        assert!(questions.len() >= 4);
        for (title, query) in &questions {
            assert!(!title.is_empty());
            assert!(
                query.contains("SELECT") || query.contains("ASK") || query.contains("CONSTRUCT")
            );
            let full = format!("{}{query}", crate::vocab::sparql_prefixes());
            assert!(
                oxigraph::sparql::SparqlEvaluator::new()
                    .parse_query(&full)
                    .is_ok(),
                "question {title:?} does not parse"
            );
        }
    }
}
