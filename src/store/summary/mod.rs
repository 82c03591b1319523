//! The summary graph: aggregates that the store materialises when articles are written, so that
//! aggregate questions read a few rows instead of scanning every article.
//!
//! `{base}graph/summary` holds two kinds of rows (see `docs/rdf-model.md`):
//! - **weekly mention counts** (module `weekly`): how many articles of each ISO week mention each
//!   shared entity, the [`TOP`] of each week ranked (`nk:topOfWeek`, `nk:rank`);
//! - **travel summaries** (module `travel`): for each traveller and destination, how many
//!   statements report the trip, the latest date one is reported for and the modalities used; the
//!   [`TOP`] travellers of each destination ranked (`nk:topTravellerTo`, `nk:rank`).
//!
//! Both follow the write paths the same way:
//! - a batch of new articles: the weeks and destinations it touches are marked pending
//!   (`nk:pendingWeek`, `nk:pendingDestination`) in a small transaction before the bulk commit
//!   ([`NewsStore::begin_summary`]); the rows that do not exist yet go into the bulk commit with
//!   the articles; after the commit one transaction raises the rows that existed, re-ranks and
//!   clears the marks ([`NewsStore::finish_summary`]). If the process stops in between, the marks
//!   remain and the next write (or open) recounts those weeks and destinations from the articles
//!   ([`NewsStore::repair_summary`]), so a crash never leaves wrong rows behind;
//! - replacing or removing an article: its rows change in the article's own transaction
//!   ([`NewsStore::change_summary`]);
//! - writes that bypass the article paths (relinking, SPARQL Update through the server) mark what
//!   they touch ([`NewsStore::mark_summary_stale`], [`NewsStore::mark_entities_stale`]) and
//!   recount it, or recount everything ([`NewsStore::recount_summary`]).
//!
//! Adding articles only raises counts, so a new top is found among the previous top and the rows
//! that changed; when a row of the top goes down, every row of its week or destination is ranked.

mod travel;
mod trip;
mod weekly;

use oxigraph::model::{
    GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, QuadRef, Term, TermRef,
};
use oxigraph::store::{StorageError, Store, Transaction};

use super::{NewsStore, StoreError};
use crate::iri::{Base, IriError};
use crate::vocab::nk;

/// How many rows of each week (counts) and of each destination (travellers) carry a rank.
pub const TOP: usize = 10;

/// The IRI of the summary graph: `{base}graph/summary`.
pub fn summary_graph(base: &Base) -> Result<NamedNode, IriError> {
    Ok(NamedNode::new_unchecked(base.join("graph/summary")?))
}

/// What one article contributes to the summaries, read from the quads of its graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Counted {
    /// Its week and the shared entities it mentions (`None` for an undated article).
    mentions: Option<weekly::Mentions>,
    /// The trips its fact nodes state.
    trips: Vec<trip::Trip>,
}

impl Counted {
    /// Reads what the article graph `article` counts towards from its quads.
    pub(super) fn from_quads<'a>(
        article: &NamedNode,
        quads: impl IntoIterator<Item = QuadRef<'a>> + Clone,
    ) -> Self {
        Self {
            mentions: weekly::Mentions::from_quads(article, quads.clone()),
            trips: trip::Trip::from_quads(quads),
        }
    }
}

/// The summary changes of a batch of new articles.
#[derive(Debug, Default)]
pub(super) struct Delta {
    weekly: weekly::Delta,
    travel: travel::Delta,
}

impl Delta {
    /// Counts a new article.
    pub(super) fn add(&mut self, counted: &Counted) {
        self.weekly.add(counted.mentions.as_ref(), 1);
        for trip in &counted.trips {
            self.travel.add(trip);
        }
    }
}

/// The summary change of a batch of new articles, between [`NewsStore::begin_summary`] and
/// [`NewsStore::finish_summary`]: the rows before the batch and the batch's changes, and the
/// quads of the rows that do not exist yet, which go into the bulk load with the articles (so
/// most rows of a new store are written as cheaply as the articles).
#[derive(Debug)]
#[must_use = "the rows are written by finish_summary"]
pub(super) struct PendingSummary {
    weekly: weekly::Pending,
    travel: travel::Pending,
    new_quads: Vec<Quad>,
}

impl PendingSummary {
    /// The quads of the new rows, to load with the batch (taken once).
    pub(super) fn take_new_quads(&mut self) -> Vec<Quad> {
        std::mem::take(&mut self.new_quads)
    }
}

/// Weeks and destinations whose rows are recounted from the articles.
#[derive(Debug, Default)]
struct Stale {
    weeks: std::collections::BTreeSet<String>,
    destinations: std::collections::BTreeSet<NamedNode>,
}

impl Stale {
    fn len(&self) -> usize {
        self.weeks.len() + self.destinations.len()
    }
}

impl NewsStore {
    /// Before a bulk commit of new articles: marks the weeks and destinations `delta` touches as
    /// pending (one small transaction) and returns the rows, for [`Self::finish_summary`] after
    /// the commit.
    pub(super) fn begin_summary(&self, delta: Delta) -> Result<PendingSummary, StoreError> {
        let mut new_quads = Vec::new();
        let weekly = self.begin_weekly(delta.weekly, &mut new_quads)?;
        let travel = self.begin_travel(delta.travel, &mut new_quads)?;
        let marks: Vec<Quad> = weekly
            .weeks()
            .map(|week| self.pending_week_quad(week))
            .chain(
                travel
                    .destinations()
                    .map(|d| self.pending_destination_quad(d)),
            )
            .collect();
        if !marks.is_empty() {
            let mut txn = self.store.start_transaction()?;
            txn.extend(&marks);
            txn.commit()?;
        }
        Ok(PendingSummary {
            weekly,
            travel,
            new_quads,
        })
    }

    /// After the bulk commit: raises the rows that existed, re-ranks and clears the pending
    /// marks, in one transaction.
    pub(super) fn finish_summary(&self, pending: PendingSummary) -> Result<(), StoreError> {
        if pending.weekly.is_empty() && pending.travel.is_empty() {
            return Ok(());
        }
        let mut txn = self.store.start_transaction()?;
        self.finish_weekly(&mut txn, pending.weekly)?;
        self.finish_travel(&mut txn, pending.travel)?;
        txn.commit()?;
        Ok(())
    }

    /// What the article graph `graph` counts towards, as the transaction sees it.
    pub(super) fn counted_in(
        txn: &Transaction<'_>,
        graph: &NamedNode,
    ) -> Result<Counted, StoreError> {
        let quads: Vec<Quad> = txn
            .quads_for_pattern(None, None, None, Some(graph.as_ref().into()))
            .collect::<Result<_, _>>()?;
        Ok(Counted::from_quads(graph, quads.iter().map(Quad::as_ref)))
    }

    /// Inside an article's transaction, after its graph was rewritten or removed: replaces the
    /// rows of its old version (`before`) by those of the new one (`after`; `None` when the
    /// article is removed).
    pub(super) fn change_summary(
        &self,
        txn: &mut Transaction<'_>,
        before: &Counted,
        after: Option<&Counted>,
    ) -> Result<(), StoreError> {
        if Some(before) == after {
            return Ok(());
        }
        let mut delta = weekly::Delta::default();
        delta.add(before.mentions.as_ref(), -1);
        delta.add(after.and_then(|a| a.mentions.as_ref()), 1);
        self.apply_weekly(txn, &delta)?;
        let trips = before
            .trips
            .iter()
            .chain(after.into_iter().flat_map(|a| &a.trips));
        self.recount_trips(txn, trips)
    }

    /// Recounts, from the articles, the weeks and destinations left pending by an interrupted
    /// write. Cheap when there are none (two index lookups). Returns how many were recounted.
    pub fn repair_summary(&self) -> Result<usize, StoreError> {
        let stale = Stale {
            weeks: self.pending_weeks()?,
            destinations: self.pending_destinations()?,
        };
        self.recount(&stale)
    }

    /// Marks the weeks and the trip destinations of the given articles as pending, so that
    /// [`Self::repair_summary`] (run next, or by the next process that opens the store) recounts
    /// them from the articles. For writes that bypass the article paths, e.g. relinking, which
    /// rewrites entity IRIs in every graph. Returns how many weeks and destinations were marked.
    pub fn mark_summary_stale(&self, articles: &[NamedNode]) -> Result<usize, StoreError> {
        let stale = Stale {
            weeks: self.weeks_of(articles)?,
            destinations: self.destinations_of(articles)?,
        };
        self.mark(&stale)?;
        Ok(stale.len())
    }

    /// Marks entities that are about to become trip destinations under a new IRI (relinking moves
    /// `place/vestby` to its Wikidata IRI) as pending, so that their travel summaries are
    /// recounted by [`Self::repair_summary`] even if the process stops before it runs.
    pub fn mark_entities_stale(&self, entities: &[NamedNode]) -> Result<usize, StoreError> {
        let stale = Stale {
            weeks: Default::default(),
            destinations: entities.iter().cloned().collect(),
        };
        self.mark(&stale)?;
        Ok(stale.len())
    }

    /// Recounts every week and destination of the store from the articles. Returns how many.
    pub fn recount_summary(&self) -> Result<usize, StoreError> {
        let stale = Stale {
            weeks: self.all_weeks()?,
            destinations: self.all_destinations()?,
        };
        self.recount(&stale)
    }

    fn mark(&self, stale: &Stale) -> Result<(), StoreError> {
        if stale.len() == 0 {
            return Ok(());
        }
        let mut txn = self.store.start_transaction()?;
        for week in &stale.weeks {
            txn.insert(self.pending_week_quad(week).as_ref());
        }
        for destination in &stale.destinations {
            txn.insert(self.pending_destination_quad(destination).as_ref());
        }
        txn.commit()?;
        Ok(())
    }

    /// Recounts the stale weeks and destinations in one transaction, clearing their marks.
    fn recount(&self, stale: &Stale) -> Result<usize, StoreError> {
        if stale.len() == 0 {
            return Ok(0);
        }
        let mut txn = self.store.start_transaction()?;
        for week in &stale.weeks {
            self.recount_week(&mut txn, week)?;
        }
        for destination in &stale.destinations {
            self.recount_destination(&mut txn, destination)?;
        }
        txn.commit()?;
        Ok(stale.len())
    }

    /// The summary graph, as a graph name.
    fn summary_graph_name(&self) -> GraphNameRef<'_> {
        GraphNameRef::NamedNode(self.summary_graph.as_ref())
    }

    /// Makes `ranked` (row IRIs in rank order) the rows that carry `marker` (with the value
    /// `group`: a week, a destination) and `nk:rank` 1, 2, …; rows that carried them and are not
    /// in `ranked` any more lose them.
    fn set_ranks(
        &self,
        txn: &mut Transaction<'_>,
        marker: NamedNodeRef<'_>,
        group: TermRef<'_>,
        ranked: &[NamedNode],
    ) -> Result<(), StoreError> {
        let g = self.summary_graph_name();
        let wanted: std::collections::BTreeSet<(NamedNode, i64)> = ranked
            .iter()
            .enumerate()
            .map(|(rank, row)| (row.clone(), rank as i64 + 1))
            .collect();
        let mut present = std::collections::BTreeSet::new();
        for row in subjects(txn.quads_for_pattern(None, Some(marker), Some(group), Some(g)))? {
            for quad in
                txn.quads_for_pattern(Some(row.as_ref().into()), Some(nk::RANK), None, Some(g))
            {
                if let Some(rank) = integer(&quad?.object) {
                    present.insert((row.clone(), rank));
                }
            }
        }
        if wanted == present {
            return Ok(());
        }
        for (row, rank) in &present {
            txn.remove(QuadRef::new(row, marker, group, g));
            txn.remove(QuadRef::new(row, nk::RANK, &Literal::from(*rank), g));
        }
        for (row, rank) in &wanted {
            txn.insert(QuadRef::new(row, marker, group, g));
            txn.insert(QuadRef::new(row, nk::RANK, &Literal::from(*rank), g));
        }
        Ok(())
    }

    /// Whether some summary row has `property` with the value `value` (one index lookup).
    fn exists(&self, property: NamedNodeRef<'_>, value: TermRef<'_>) -> Result<bool, StoreError> {
        Ok(self
            .store
            .quads_for_pattern(
                None,
                Some(property),
                Some(value),
                Some(self.summary_graph_name()),
            )
            .next()
            .transpose()?
            .is_some())
    }

    /// Deletes every summary row whose `property` is `value` (the rows of a week, of a
    /// destination).
    fn remove_rows_where(
        &self,
        txn: &mut Transaction<'_>,
        property: NamedNodeRef<'_>,
        value: TermRef<'_>,
    ) -> Result<(), StoreError> {
        let g = self.summary_graph_name();
        for row in subjects(txn.quads_for_pattern(None, Some(property), Some(value), Some(g)))? {
            self.remove_row(txn, &row)?;
        }
        Ok(())
    }

    /// Deletes every quad of a summary row.
    fn remove_row(&self, txn: &mut Transaction<'_>, row: &NamedNode) -> Result<(), StoreError> {
        let g = self.summary_graph_name();
        let quads: Vec<Quad> = txn
            .quads_for_pattern(Some(row.as_ref().into()), None, None, Some(g))
            .collect::<Result<_, _>>()?;
        for quad in &quads {
            txn.remove(quad);
        }
        Ok(())
    }
}

/// Reads quads from the store or from a transaction (which sees its own writes).
trait Reader {
    /// The quads matching a pattern, collected.
    fn matching(
        &self,
        subject: Option<&NamedNode>,
        predicate: Option<NamedNodeRef<'_>>,
        object: Option<TermRef<'_>>,
        graph: Option<GraphNameRef<'_>>,
    ) -> Result<Vec<Quad>, StoreError>;
}

/// Implements [`Reader`] for a type with Oxigraph's `quads_for_pattern`.
macro_rules! reader {
    ($type:ty) => {
        impl Reader for $type {
            fn matching(
                &self,
                subject: Option<&NamedNode>,
                predicate: Option<NamedNodeRef<'_>>,
                object: Option<TermRef<'_>>,
                graph: Option<GraphNameRef<'_>>,
            ) -> Result<Vec<Quad>, StoreError> {
                Ok(self
                    .quads_for_pattern(subject.map(|s| s.as_ref().into()), predicate, object, graph)
                    .collect::<Result<_, _>>()?)
            }
        }
    };
}

reader!(Store);
reader!(Transaction<'_>);

/// The named-node subjects of the quads.
fn subjects(
    quads: impl Iterator<Item = Result<Quad, StorageError>>,
) -> Result<Vec<NamedNode>, StoreError> {
    let mut out = Vec::new();
    for quad in quads {
        if let NamedOrBlankNode::NamedNode(n) = quad?.subject {
            out.push(n);
        }
    }
    Ok(out)
}

/// The lexical value of a literal.
fn literal_value(term: &Term) -> Option<String> {
    match term {
        Term::Literal(l) => Some(l.value().to_owned()),
        _ => None,
    }
}

/// The value of an integer literal.
fn integer(term: &Term) -> Option<i64> {
    literal_value(term).and_then(|v| v.parse().ok())
}

/// The integer object of the first quad (0 when there is none).
fn first_count(quads: &[Quad]) -> i64 {
    quads.first().and_then(|q| integer(&q.object)).unwrap_or(0)
}
