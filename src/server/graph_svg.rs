//! Draws a small graph (an article's facts) as an SVG picture, server-side.
//!
//! Layout: layered from left to right (a fact's subject left of its object), rows ordered by
//! predecessors then labels, so the same graph always gives the same picture; edges are straight
//! arrows labelled at their middle, parallel edges between the same two nodes spread apart.
//! No script, no external resource: the picture is plain SVG inlined in the page, every text
//! escaped.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::pages::esc;

/// A node: its identity, the text shown, and an optional link.
#[derive(Clone, Debug)]
pub struct Node {
    /// Unique key (an IRI, or a quoted literal).
    pub id: String,
    /// Text shown next to the node.
    pub label: String,
    /// Where a click leads.
    pub link: Option<String>,
}

/// A directed, labelled edge between two node ids.
#[derive(Clone, Debug)]
pub struct Edge {
    /// Source node id.
    pub from: String,
    /// Target node id.
    pub to: String,
    /// Text shown on the edge.
    pub label: String,
}

/// What to draw.
#[derive(Clone, Debug, Default)]
pub struct Graph {
    /// Nodes, in drawing order.
    pub nodes: Vec<Node>,
    /// Edges; those naming an unknown node are ignored.
    pub edges: Vec<Edge>,
}

/// Margin left and right of the outer layers (room for their labels), in SVG units.
const SIDE: f64 = 240.0;
/// Distance between two layers.
const COLUMN: f64 = 300.0;
/// Distance between two nodes of a layer.
const ROW: f64 = 60.0;
/// Margin above the first and below the last row.
const TOP: f64 = 40.0;
/// Radius of a node's circle.
const NODE_RADIUS: f64 = 7.0;
/// Longest label shown in full (longer ones are clipped with an ellipsis).
const MAX_LABEL: usize = 34;

fn clip(s: &str) -> String {
    if s.chars().count() <= MAX_LABEL {
        s.to_owned()
    } else {
        let mut out: String = s.chars().take(MAX_LABEL - 1).collect();
        out.push('…');
        out
    }
}

/// Layer of each node: sources in layer 0, every edge pointing one layer or more to the right
/// (longest path; cycles are cut after as many rounds as there are nodes).
fn layers(graph: &Graph, index: &BTreeMap<&str, usize>) -> Vec<usize> {
    let n = graph.nodes.len();
    let mut layer = vec![0usize; n];
    for _ in 0..n {
        let mut changed = false;
        for edge in &graph.edges {
            if let (Some(&u), Some(&v)) =
                (index.get(edge.from.as_str()), index.get(edge.to.as_str()))
            {
                if u != v && layer[v] < layer[u] + 1 && layer[u] + 1 < n {
                    layer[v] = layer[u] + 1;
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    layer
}

/// Renders the graph as an `<svg>` element.
///
/// Layout: layered, left to right (subjects left, what they point to right); within a layer,
/// nodes follow the mean row of their predecessors, then their label, so the picture is the
/// same on every run.
pub fn draw(graph: &Graph) -> String {
    let n = graph.nodes.len();
    if n == 0 {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"300\" height=\"40\" role=\"img\" \
                aria-label=\"empty graph\"><text x=\"10\" y=\"25\">No facts to draw.</text></svg>"
            .into();
    }
    let index: BTreeMap<&str, usize> = graph
        .nodes
        .iter()
        .enumerate()
        .map(|(i, node)| (node.id.as_str(), i))
        .collect();
    let layer = layers(graph, &index);
    let depth = layer.iter().max().copied().unwrap_or(0) + 1;
    // Order each layer: by the mean row of predecessors (already placed), then by label.
    let mut row = vec![0usize; n];
    let mut columns: Vec<Vec<usize>> = vec![Vec::new(); depth];
    for (l, column) in columns.iter_mut().enumerate() {
        let mut members: Vec<(f64, &str, usize)> = (0..n)
            .filter(|&i| layer[i] == l)
            .map(|i| {
                let preds: Vec<f64> = graph
                    .edges
                    .iter()
                    .filter(|e| e.to == graph.nodes[i].id)
                    .filter_map(|e| index.get(e.from.as_str()))
                    .filter(|&&u| layer[u] < l)
                    .map(|&u| row[u] as f64)
                    .collect();
                let mean = if preds.is_empty() {
                    0.0
                } else {
                    preds.iter().sum::<f64>() / preds.len() as f64
                };
                (mean, graph.nodes[i].label.as_str(), i)
            })
            .collect();
        members.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(b.1)).then(a.2.cmp(&b.2)));
        for (r, (_, _, i)) in members.iter().enumerate() {
            row[*i] = r;
            column.push(*i);
        }
    }
    let tallest = columns.iter().map(Vec::len).max().unwrap_or(1);
    let width = 2.0 * SIDE + (depth - 1) as f64 * COLUMN;
    let height = 2.0 * TOP + (tallest.max(1) - 1) as f64 * ROW;
    let position: Vec<(f64, f64)> = (0..n)
        .map(|i| {
            let offset = (tallest - columns[layer[i]].len()) as f64 * ROW / 2.0;
            (
                SIDE + layer[i] as f64 * COLUMN,
                TOP + offset + row[i] as f64 * ROW,
            )
        })
        .collect();
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"kg\" width=\"{width:.0}\" height=\"{height:.0}\" \
         viewBox=\"0 0 {width:.0} {height:.0}\" role=\"img\" aria-label=\"graph of the article's facts\">\
         <defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" \
         markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\"/></marker></defs>"
    );
    let mut seen_pairs: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for edge in &graph.edges {
        let (Some(&u), Some(&v)) = (index.get(edge.from.as_str()), index.get(edge.to.as_str()))
        else {
            continue;
        };
        let ((x1, y1), (x2, y2)) = (position[u], position[v]);
        let rank = seen_pairs.entry((u.min(v), u.max(v))).or_insert(0);
        let offset = *rank as f64 * 14.0;
        *rank += 1;
        let title = format!("<title>{}</title>", esc(&edge.label));
        if u == v {
            let _ = write!(
                svg,
                "<g class=\"edge\">{title}<text x=\"{:.1}\" y=\"{:.1}\">⟲ {}</text></g>",
                x1 + 10.0,
                y1 - 12.0 - offset,
                esc(&clip(&edge.label))
            );
            continue;
        }
        let (dx, dy) = (x2 - x1, y2 - y1);
        let length = (dx * dx + dy * dy).sqrt().max(1.0);
        let (ux, uy) = (dx / length, dy / length);
        let (sx, sy) = (x1 + ux * NODE_RADIUS, y1 + uy * NODE_RADIUS);
        let (ex, ey) = (x2 - ux * (NODE_RADIUS + 2.0), y2 - uy * (NODE_RADIUS + 2.0));
        // Label just above the middle of the edge, pushed apart for parallel edges.
        let (mx, my) = ((x1 + x2) / 2.0, (y1 + y2) / 2.0 - 5.0 - offset);
        let _ = write!(
            svg,
            "<g class=\"edge\">{title}<line x1=\"{sx:.1}\" y1=\"{sy:.1}\" x2=\"{ex:.1}\" y2=\"{ey:.1}\" \
             marker-end=\"url(#arrow)\"/><text x=\"{mx:.1}\" y=\"{my:.1}\" text-anchor=\"middle\">{}</text></g>",
            esc(&clip(&edge.label))
        );
    }
    for (i, node) in graph.nodes.iter().enumerate() {
        let (x, y) = position[i];
        // Labels outside: left of the first column, right of the others.
        let (lx, anchor) = if layer[i] == 0 && depth > 1 {
            (x - NODE_RADIUS - 6.0, "end")
        } else {
            (x + NODE_RADIUS + 6.0, "start")
        };
        let body = format!(
            "<title>{}</title><circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{NODE_RADIUS}\"/>\
             <text x=\"{lx:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\">{}</text>",
            esc(&node.id),
            y + 4.0,
            esc(&clip(&node.label))
        );
        match &node.link {
            Some(link) => {
                let _ = write!(svg, "<a class=\"node\" href=\"{}\">{body}</a>", esc(link));
            }
            None => {
                let _ = write!(svg, "<g class=\"node literal\">{body}</g>");
            }
        }
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Graph {
        let node = |id: &str, label: &str| Node {
            id: id.into(),
            label: label.into(),
            link: Some(format!("/entity?iri={id}")),
        };
        Graph {
            nodes: vec![
                node("a", "Ann <b>"),
                node("b", "Moscow"),
                node("c", "Talks"),
            ],
            edges: vec![
                Edge {
                    from: "a".into(),
                    to: "b".into(),
                    label: "travelsTo".into(),
                },
                Edge {
                    from: "a".into(),
                    to: "b".into(),
                    label: "visits".into(),
                },
                Edge {
                    from: "a".into(),
                    to: "c".into(),
                    label: "brokers".into(),
                },
                Edge {
                    from: "a".into(),
                    to: "zz".into(),
                    label: "dangling".into(),
                },
            ],
        }
    }

    #[test]
    fn drawing_is_deterministic_and_escaped() -> Result<(), Box<dyn std::error::Error>> {
        let svg = draw(&sample());
        assert_eq!(svg, draw(&sample()));
        assert!(svg.contains("Ann &lt;b&gt;"));
        assert!(!svg.contains("<b>"));
        assert_eq!(svg.matches("<circle").count(), 3);
        assert_eq!(
            svg.matches("<line").count(),
            3,
            "the dangling edge is dropped"
        );
        Ok(())
    }

    #[test]
    fn empty_graph_says_so() {
        assert!(draw(&Graph::default()).contains("No facts"));
    }
}
