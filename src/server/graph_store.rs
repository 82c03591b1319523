//! The SPARQL 1.1 Graph Store HTTP Protocol at `/store`: read the dataset or one graph
//! (`?default`, `?graph=IRI`), replace (`PUT`), add to (`POST`) or delete (`DELETE`) a graph.

use oxhttp::model::{Body, Method, Request, StatusCode, header};
use oxigraph::io::RdfParser;
use oxigraph::model::{GraphName, GraphNameRef, NamedNode, Quad};

use super::auth::authorize;
use super::http::{
    Failure, Handled, Params, fail, header_str, internal, method_not_allowed, no_content,
    not_acceptable, read_body, respond, text,
};
use super::serialize::stream;
use super::{App, Write, negotiate};

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
pub(super) fn graph_store(app: &App, request: &mut Request<Body>) -> Handled {
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
            GraphName::NamedNode(node) => {
                app.wrote(Write::BeforeGraph(node.as_ref()))?;
                app.store.remove_named_graph(node).map_err(internal)?;
                app.wrote(Write::AfterGraph(node.as_ref()))?;
            }
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
    if let GraphName::NamedNode(node) = &graph {
        app.wrote(Write::BeforeGraph(node.as_ref()))?;
    }
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
    if let GraphName::NamedNode(node) = &graph {
        app.wrote(Write::AfterGraph(node.as_ref()))?;
    }
    Ok(if existed {
        no_content()
    } else {
        respond(StatusCode::CREATED, "text/plain; charset=utf-8", Vec::new())
    })
}
