//! Travel summaries: what the articles report about each traveller going to each place, so that
//! "who travels to this city" reads the place's ten ranked travellers instead of every statement
//! of a trip there (and their dates and modalities).
//!
//! For every (traveller, destination) that at least one fact node states (`rdf:predicate
//! nk:travelsTo`), the summary graph holds one `nk:TravelSummary` node
//! `{base}summary/travel/{hash of the destination}/{hash of the traveller}` with `nk:traveller`,
//! `nk:destination`, `nk:statementCount` (fact nodes, across all articles), `nk:latestDate` (the
//! latest `nk:timeStart`; absent when no statement is dated) and one `nk:reportedModality` per
//! distinct modality. The [`TOP`] travellers of each destination (most statements, then the latest
//! date, then traveller IRI) also carry `nk:topTravellerTo` (the destination) and `nk:rank`.
//!
//! New articles only add statements, so their summaries are raised in place. When an article is
//! replaced or removed, the summary of each of its (traveller, destination) pairs is recounted
//! from the traveller's statements (a date or a modality cannot be subtracted).

use std::collections::{BTreeMap, BTreeSet};

use oxigraph::model::vocab::rdf;
use oxigraph::model::{GraphName, GraphNameRef, Literal, NamedNode, Quad, QuadRef, Term};
use oxigraph::store::Transaction;

use super::trip::{Travels, Trip, date};
use super::{Reader, TOP, first_count, literal_value, subjects};
use crate::iri::fnv64_hex;
use crate::store::{NewsStore, StoreError};
use crate::vocab::nk;

/// New statements of a batch: destination → traveller → what they add.
#[derive(Debug, Default)]
pub(super) struct Delta(BTreeMap<NamedNode, BTreeMap<NamedNode, Travels>>);

impl Delta {
    /// Counts the trip of a new article.
    pub(super) fn add(&mut self, trip: &Trip) {
        self.0
            .entry(trip.destination.clone())
            .or_default()
            .entry(trip.traveller.clone())
            .or_default()
            .add(trip);
    }
}

/// The summaries a batch of new articles raises: destination → traveller → (summary before the
/// batch, if any; what the batch adds).
#[derive(Debug, Default)]
pub(super) struct Pending(BTreeMap<NamedNode, BTreeMap<NamedNode, (Option<Travels>, Travels)>>);

impl Pending {
    /// The destinations the batch touches.
    pub(super) fn destinations(&self) -> impl Iterator<Item = &NamedNode> {
        self.0.keys()
    }

    /// Whether the batch states no trip.
    pub(super) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// A travel summary as stored.
struct Row {
    traveller: Option<NamedNode>,
    travels: Travels,
    ranked: bool,
}

impl NewsStore {
    /// Before the bulk commit: reads the summaries the batch raises; the quads of the summaries
    /// that do not exist yet go to `new_quads`.
    pub(super) fn begin_travel(
        &self,
        delta: Delta,
        new_quads: &mut Vec<Quad>,
    ) -> Result<Pending, StoreError> {
        let mut pending = Pending::default();
        for (destination, travellers) in delta.0 {
            // A destination without summaries yet needs no lookup per traveller.
            let known = self.exists(nk::DESTINATION, destination.as_ref().into())?;
            let mut rows = BTreeMap::new();
            for (traveller, added) in travellers {
                let row = self.trip_iri(&destination, traveller.as_str())?;
                let old = if known {
                    self.read_row(&self.store, &row)?.map(|r| r.travels)
                } else {
                    None
                };
                if old.is_none() {
                    new_quads.extend(self.trip_quads(&row, &traveller, &destination, &added));
                }
                rows.insert(traveller, (old, added));
            }
            pending.0.insert(destination, rows);
        }
        Ok(pending)
    }

    /// After the bulk commit: raises the summaries that existed, re-ranks the touched
    /// destinations and clears their pending marks.
    pub(super) fn finish_travel(
        &self,
        txn: &mut Transaction<'_>,
        pending: Pending,
    ) -> Result<(), StoreError> {
        for (destination, rows) in pending.0 {
            let mut changed = BTreeMap::new();
            for (traveller, (old, added)) in rows {
                let new = match old {
                    Some(old) => {
                        let mut new = old.clone();
                        new.merge(&added);
                        let row = self.trip_iri(&destination, traveller.as_str())?;
                        self.update_row(txn, &row, &old, &new);
                        new
                    }
                    // Written by the bulk commit.
                    None => added,
                };
                changed.insert(traveller, new);
            }
            self.rank_destination(txn, &destination, changed, false)?;
            txn.remove(self.pending_destination_quad(&destination).as_ref());
        }
        Ok(())
    }

    /// Inside an article's transaction: recounts the summaries of the (traveller, destination)
    /// pairs of `trips` from the statements the transaction sees, then re-ranks their
    /// destinations.
    pub(super) fn recount_trips<'a>(
        &self,
        txn: &mut Transaction<'_>,
        trips: impl Iterator<Item = &'a Trip>,
    ) -> Result<(), StoreError> {
        let mut pairs: BTreeMap<&NamedNode, BTreeSet<&NamedNode>> = BTreeMap::new();
        for trip in trips {
            pairs
                .entry(&trip.destination)
                .or_default()
                .insert(&trip.traveller);
        }
        for (destination, travellers) in pairs {
            let mut changed = BTreeMap::new();
            let mut top_went_down = false;
            for traveller in travellers {
                let row = self.trip_iri(destination, traveller.as_str())?;
                let old = self.read_row(txn, &row)?;
                let new = self.travels_between(txn, traveller, destination)?;
                let old_travels = old.as_ref().map(|r| r.travels.clone()).unwrap_or_default();
                if old_travels == new {
                    continue;
                }
                if old.as_ref().is_some_and(|r| r.ranked)
                    && new.rank_key(traveller) > old_travels.rank_key(traveller)
                {
                    top_went_down = true;
                }
                if new.statements == 0 {
                    self.remove_row(txn, &row)?;
                } else if old.is_some() {
                    self.update_row(txn, &row, &old_travels, &new);
                } else {
                    txn.extend(&self.trip_quads(&row, traveller, destination, &new));
                }
                changed.insert(traveller.clone(), new);
            }
            if !changed.is_empty() {
                self.rank_destination(txn, destination, changed, top_went_down)?;
            }
        }
        Ok(())
    }

    /// Recounts the summaries of a destination from the statements of trips there, and clears
    /// its pending mark.
    pub(super) fn recount_destination(
        &self,
        txn: &mut Transaction<'_>,
        destination: &NamedNode,
    ) -> Result<(), StoreError> {
        self.remove_rows_where(txn, nk::DESTINATION, destination.as_ref().into())?;
        let mut travellers: BTreeMap<NamedNode, Travels> = BTreeMap::new();
        for statement in txn.matching(
            None,
            Some(rdf::OBJECT),
            Some(destination.as_ref().into()),
            None,
        )? {
            for trip in self.trips_of_node(txn, &statement)? {
                if trip.destination == *destination {
                    travellers
                        .entry(trip.traveller.clone())
                        .or_default()
                        .add(&trip);
                }
            }
        }
        for (traveller, travels) in &travellers {
            let row = self.trip_iri(destination, traveller.as_str())?;
            txn.extend(&self.trip_quads(&row, traveller, destination, travels));
        }
        self.rank_destination(txn, destination, travellers, true)?;
        txn.remove(self.pending_destination_quad(destination).as_ref());
        Ok(())
    }

    /// The destinations marked pending.
    pub(super) fn pending_destinations(&self) -> Result<BTreeSet<NamedNode>, StoreError> {
        let g = self.summary_graph_name();
        Ok(named_objects(self.store.matching(
            Some(&self.summary_graph),
            Some(nk::PENDING_DESTINATION),
            None,
            Some(g),
        )?))
    }

    /// The destinations of the trips the given articles state.
    pub(super) fn destinations_of(
        &self,
        articles: &[NamedNode],
    ) -> Result<BTreeSet<NamedNode>, StoreError> {
        let mut destinations = BTreeSet::new();
        for article in articles {
            let g = GraphNameRef::NamedNode(article.as_ref());
            let statements = self.store.matching(
                None,
                Some(rdf::PREDICATE),
                Some(nk::TRAVELS_TO.into()),
                Some(g),
            )?;
            for statement in subjects(statements.into_iter().map(Ok))? {
                destinations.extend(named_objects(self.store.matching(
                    Some(&statement),
                    Some(rdf::OBJECT),
                    None,
                    Some(g),
                )?));
            }
        }
        Ok(destinations)
    }

    /// Every destination of the store: those of its trip statements and those that still have
    /// summaries.
    pub(super) fn all_destinations(&self) -> Result<BTreeSet<NamedNode>, StoreError> {
        let g = self.summary_graph_name();
        let mut destinations =
            named_objects(
                self.store
                    .matching(None, Some(nk::DESTINATION), None, Some(g))?,
            );
        for statement in self.store.matching(
            None,
            Some(rdf::PREDICATE),
            Some(nk::TRAVELS_TO.into()),
            None,
        )? {
            let oxigraph::model::NamedOrBlankNode::NamedNode(node) = &statement.subject else {
                continue;
            };
            destinations.extend(named_objects(self.store.matching(
                Some(node),
                Some(rdf::OBJECT),
                None,
                Some(statement.graph_name.as_ref()),
            )?));
        }
        Ok(destinations)
    }

    /// `<{base}graph/summary> nk:pendingDestination <place>` in the summary graph.
    pub(super) fn pending_destination_quad(&self, destination: &NamedNode) -> Quad {
        Quad::new(
            self.summary_graph.clone(),
            nk::PENDING_DESTINATION,
            destination.clone(),
            self.summary_graph.clone(),
        )
    }

    /// What the statements of `traveller` going to `destination` add up to, as the transaction
    /// sees them (read from the traveller's statements).
    fn travels_between(
        &self,
        txn: &Transaction<'_>,
        traveller: &NamedNode,
        destination: &NamedNode,
    ) -> Result<Travels, StoreError> {
        let mut travels = Travels::default();
        for statement in txn.matching(
            None,
            Some(rdf::SUBJECT),
            Some(traveller.as_ref().into()),
            None,
        )? {
            for trip in self.trips_of_node(txn, &statement)? {
                if trip.destination == *destination && trip.traveller == *traveller {
                    travels.add(&trip);
                }
            }
        }
        Ok(travels)
    }

    /// The trip stated by the fact node that is the subject of `quad`, in the quad's graph
    /// (none when it is not a trip, or not in an article graph).
    fn trips_of_node(&self, txn: &Transaction<'_>, quad: &Quad) -> Result<Vec<Trip>, StoreError> {
        let (oxigraph::model::NamedOrBlankNode::NamedNode(node), GraphName::NamedNode(graph)) =
            (&quad.subject, &quad.graph_name)
        else {
            return Ok(Vec::new());
        };
        if *graph == self.summary_graph {
            return Ok(Vec::new());
        }
        let quads = txn.matching(Some(node), None, None, Some(graph.as_ref().into()))?;
        Ok(Trip::from_quads(quads.iter().map(Quad::as_ref)))
    }

    /// Re-ranks a destination after some of its summaries changed (`changed`: traveller → new
    /// summary). Unless `all`, the new top is among the old top and the changed summaries;
    /// otherwise every summary of the destination is a candidate.
    fn rank_destination(
        &self,
        txn: &mut Transaction<'_>,
        destination: &NamedNode,
        changed: BTreeMap<NamedNode, Travels>,
        all: bool,
    ) -> Result<(), StoreError> {
        let g = self.summary_graph_name();
        let candidate_property = if all {
            nk::DESTINATION
        } else {
            nk::TOP_TRAVELLER_TO
        };
        let mut candidates = changed;
        for row in subjects(txn.quads_for_pattern(
            None,
            Some(candidate_property),
            Some(destination.as_ref().into()),
            Some(g),
        ))? {
            if let Some(Row {
                traveller: Some(traveller),
                travels,
                ..
            }) = self.read_row(txn, &row)?
            {
                candidates.entry(traveller).or_insert(travels);
            }
        }
        let mut ranked: Vec<_> = candidates
            .iter()
            .filter(|(_, travels)| travels.statements > 0)
            .map(|(traveller, travels)| travels.rank_key(traveller))
            .collect();
        if ranked.len() > TOP {
            ranked.select_nth_unstable(TOP);
            ranked.truncate(TOP);
        }
        ranked.sort_unstable();
        let rows = ranked
            .into_iter()
            .map(|(_, _, traveller)| self.trip_iri(destination, traveller))
            .collect::<Result<Vec<_>, _>>()?;
        self.set_ranks(
            txn,
            nk::TOP_TRAVELLER_TO,
            destination.as_ref().into(),
            &rows,
        )
    }

    /// Reads a travel summary (one index lookup); `None` when there is none.
    fn read_row(&self, reader: &impl Reader, row: &NamedNode) -> Result<Option<Row>, StoreError> {
        let quads = reader.matching(Some(row), None, None, Some(self.summary_graph_name()))?;
        if quads.is_empty() {
            return Ok(None);
        }
        let mut out = Row {
            traveller: None,
            travels: Travels::default(),
            ranked: false,
        };
        for quad in quads {
            let p = quad.predicate.as_ref();
            if p == nk::STATEMENT_COUNT {
                out.travels.statements = first_count(std::slice::from_ref(&quad));
            } else if p == nk::LATEST_DATE {
                out.travels.latest = literal_value(&quad.object);
            } else if p == nk::REPORTED_MODALITY {
                if let Term::NamedNode(n) = quad.object {
                    out.travels.modalities.insert(n);
                }
            } else if p == nk::TRAVELLER {
                if let Term::NamedNode(n) = quad.object {
                    out.traveller = Some(n);
                }
            } else if p == nk::TOP_TRAVELLER_TO {
                out.ranked = true;
            }
        }
        Ok(Some(out))
    }

    /// Turns the stored summary `old` into `new`.
    fn update_row(&self, txn: &mut Transaction<'_>, row: &NamedNode, old: &Travels, new: &Travels) {
        let g = self.summary_graph_name();
        if old.statements != new.statements {
            txn.remove(QuadRef::new(
                row,
                nk::STATEMENT_COUNT,
                &Literal::from(old.statements),
                g,
            ));
            txn.insert(QuadRef::new(
                row,
                nk::STATEMENT_COUNT,
                &Literal::from(new.statements),
                g,
            ));
        }
        if old.latest != new.latest {
            if let Some(latest) = &old.latest {
                txn.remove(QuadRef::new(row, nk::LATEST_DATE, &date(latest), g));
            }
            if let Some(latest) = &new.latest {
                txn.insert(QuadRef::new(row, nk::LATEST_DATE, &date(latest), g));
            }
        }
        for gone in old.modalities.difference(&new.modalities) {
            txn.remove(QuadRef::new(row, nk::REPORTED_MODALITY, gone, g));
        }
        for added in new.modalities.difference(&old.modalities) {
            txn.insert(QuadRef::new(row, nk::REPORTED_MODALITY, added, g));
        }
    }

    /// The quads of a travel summary (without its rank).
    fn trip_quads(
        &self,
        row: &NamedNode,
        traveller: &NamedNode,
        destination: &NamedNode,
        travels: &Travels,
    ) -> Vec<Quad> {
        let g = &self.summary_graph;
        let quad = |p, o: Term| Quad::new(row.clone(), p, o, g.clone());
        let mut quads = vec![
            quad(rdf::TYPE, nk::TRAVEL_SUMMARY.into_owned().into()),
            quad(nk::TRAVELLER, traveller.clone().into()),
            quad(nk::DESTINATION, destination.clone().into()),
            quad(
                nk::STATEMENT_COUNT,
                Literal::from(travels.statements).into(),
            ),
        ];
        if let Some(latest) = &travels.latest {
            quads.push(quad(nk::LATEST_DATE, date(latest).into()));
        }
        for modality in &travels.modalities {
            quads.push(quad(nk::REPORTED_MODALITY, modality.clone().into()));
        }
        quads
    }

    /// `{base}summary/travel/{hash of the destination IRI}/{hash of the traveller IRI}`.
    fn trip_iri(&self, destination: &NamedNode, traveller: &str) -> Result<NamedNode, StoreError> {
        Ok(NamedNode::new_unchecked(self.base.join(&format!(
            "summary/travel/{}/{}",
            fnv64_hex(&[destination.as_str().as_bytes()]),
            fnv64_hex(&[traveller.as_bytes()])
        ))?))
    }
}

/// The named-node objects of the quads.
fn named_objects(quads: Vec<Quad>) -> BTreeSet<NamedNode> {
    quads
        .into_iter()
        .filter_map(|q| match q.object {
            Term::NamedNode(n) => Some(n),
            _ => None,
        })
        .collect()
}
