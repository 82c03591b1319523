//! Trips as the articles state them, and what the statements of one traveller going to one place
//! add up to: the values a travel summary stores (module `travel`).

use std::cmp::Reverse;
use std::collections::{BTreeSet, HashMap};

use oxigraph::model::vocab::{rdf, xsd};
use oxigraph::model::{Literal, NamedNode, NamedOrBlankNodeRef, QuadRef, TermRef};

use crate::vocab::nk;

/// One trip a fact node states: `traveller nk:travelsTo destination`, with the fact's modality
/// and start date.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Trip {
    pub(super) destination: NamedNode,
    pub(super) traveller: NamedNode,
    pub(super) modality: Option<NamedNode>,
    pub(super) start: Option<String>,
}

impl Trip {
    /// The trips stated by the fact nodes among `quads` (the quads of an article graph, or of
    /// one fact node), in a stable order.
    pub(super) fn from_quads<'a>(quads: impl IntoIterator<Item = QuadRef<'a>>) -> Vec<Self> {
        #[derive(Default)]
        struct Parts {
            travel: bool,
            traveller: Option<NamedNode>,
            destination: Option<NamedNode>,
            modality: Option<NamedNode>,
            start: Option<String>,
        }
        let mut nodes: HashMap<NamedOrBlankNodeRef<'a>, Parts> = HashMap::new();
        for quad in quads {
            let named = match quad.object {
                TermRef::NamedNode(n) => Some(n.into_owned()),
                _ => None,
            };
            let p = quad.predicate;
            if p == rdf::PREDICATE {
                nodes.entry(quad.subject).or_default().travel =
                    quad.object == nk::TRAVELS_TO.into();
            } else if p == rdf::SUBJECT {
                nodes.entry(quad.subject).or_default().traveller = named;
            } else if p == rdf::OBJECT {
                nodes.entry(quad.subject).or_default().destination = named;
            } else if p == nk::MODALITY {
                nodes.entry(quad.subject).or_default().modality = named;
            } else if p == nk::TIME_START {
                if let TermRef::Literal(l) = quad.object {
                    nodes.entry(quad.subject).or_default().start = Some(l.value().to_owned());
                }
            }
        }
        let mut trips: Vec<Self> = nodes
            .into_values()
            .filter_map(|parts| {
                Some(Self {
                    destination: parts.destination.filter(|_| parts.travel)?,
                    traveller: parts.traveller?,
                    modality: parts.modality,
                    start: parts.start,
                })
            })
            .collect();
        trips.sort();
        trips
    }
}

/// What the statements of one (traveller, destination) add up to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Travels {
    pub(super) statements: i64,
    pub(super) latest: Option<String>,
    pub(super) modalities: BTreeSet<NamedNode>,
}

impl Travels {
    /// Counts one more statement.
    pub(super) fn add(&mut self, trip: &Trip) {
        self.statements += 1;
        if trip.start > self.latest {
            self.latest.clone_from(&trip.start);
        }
        self.modalities.extend(trip.modality.clone());
    }

    /// Adds the statements of `other`.
    pub(super) fn merge(&mut self, other: &Self) {
        self.statements += other.statements;
        if other.latest > self.latest {
            self.latest.clone_from(&other.latest);
        }
        self.modalities.extend(other.modalities.iter().cloned());
    }

    /// The order of the ranking: most statements, then the latest date, then traveller IRI.
    pub(super) fn rank_key<'a>(
        &'a self,
        traveller: &'a NamedNode,
    ) -> (Reverse<i64>, Reverse<Option<&'a str>>, &'a str) {
        (
            Reverse(self.statements),
            Reverse(self.latest.as_deref()),
            traveller.as_str(),
        )
    }
}

/// An `xsd:date` literal.
pub(super) fn date(value: &str) -> Literal {
    Literal::new_typed_literal(value, xsd::DATE)
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{GraphName, Quad};

    fn n(iri: &str) -> NamedNode {
        NamedNode::new_unchecked(iri)
    }

    #[test]
    fn trips_are_read_from_travel_fact_nodes_only() {
        let g = GraphName::NamedNode(n("http://b/article/a"));
        let fact = |id: &str, p: &str, start: Option<&str>| -> Vec<Quad> {
            let node = n(&format!("http://b/article/a/fact/{id}"));
            let mut quads = vec![
                Quad::new(
                    node.clone(),
                    rdf::SUBJECT,
                    n("http://b/person/x"),
                    g.clone(),
                ),
                Quad::new(node.clone(), rdf::PREDICATE, n(p), g.clone()),
                Quad::new(node.clone(), rdf::OBJECT, n("http://b/place/y"), g.clone()),
                Quad::new(
                    node.clone(),
                    nk::MODALITY,
                    n("https://w3id.org/newskg/ontology#Planned"),
                    g.clone(),
                ),
            ];
            if let Some(start) = start {
                quads.push(Quad::new(node, nk::TIME_START, date(start), g.clone()));
            }
            quads
        };
        let mut quads = fact("1", nk::TRAVELS_TO.as_str(), Some("2026-03-02"));
        quads.extend(fact(
            "2",
            "https://w3id.org/newskg/ontology#meetsWith",
            None,
        ));
        quads.extend(fact("3", nk::TRAVELS_TO.as_str(), None));
        let trips = Trip::from_quads(quads.iter().map(Quad::as_ref));
        assert_eq!(trips.len(), 2);
        let mut travels = Travels::default();
        for trip in &trips {
            travels.add(trip);
        }
        assert_eq!(travels.statements, 2);
        assert_eq!(travels.latest.as_deref(), Some("2026-03-02"));
        assert_eq!(travels.modalities.len(), 1);
    }

    #[test]
    fn travellers_rank_by_statements_then_latest_date_then_iri() {
        let (a, b) = (n("http://b/person/a"), n("http://b/person/b"));
        let travels = |statements, latest: Option<&str>| Travels {
            statements,
            latest: latest.map(str::to_owned),
            modalities: BTreeSet::new(),
        };
        assert!(travels(3, None).rank_key(&b) < travels(2, Some("2026-01-01")).rank_key(&a));
        assert!(
            travels(2, Some("2026-02-01")).rank_key(&b)
                < travels(2, Some("2026-01-01")).rank_key(&a)
        );
        assert!(travels(2, Some("2026-01-01")).rank_key(&b) < travels(2, None).rank_key(&a));
        assert!(travels(2, None).rank_key(&a) < travels(2, None).rank_key(&b));
    }
}
