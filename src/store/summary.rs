//! The summary graph: how many articles of each ISO week mention each shared entity, materialised
//! by the store so that "the entities most mentioned this week" reads ten ranked counts instead of
//! counting every mention of the week.
//!
//! For every (week, entity) with at least one article, the summary graph `{base}graph/summary`
//! holds one `nk:WeeklyMentions` node `{base}summary/{week}/{hash of the entity IRI}` with
//! `nk:week`, `nk:mentionedEntity` and `nk:articleCount`; the [`TOP`] counts of each week also
//! carry `nk:topOfWeek` (the week) and `nk:rank`. An article counts towards the week of its
//! `nk:publishedWeek` for every shared entity it `nk:mentions` (article-scoped events and
//! quotations are not counted: each belongs to one article).
//!
//! The counts follow the write paths:
//! - a batch of new articles: the weeks it touches are marked pending (`nk:pendingWeek`) in a
//!   small transaction before the bulk commit ([`NewsStore::begin_summary`]); the counts that do
//!   not exist yet go into the bulk commit with the articles; after the commit one transaction
//!   raises the counts that existed, re-ranks the weeks and clears the marks
//!   ([`NewsStore::finish_summary`]).
//!   If the process stops in between, the marks remain and the next write (or open) recounts those
//!   weeks from their articles ([`NewsStore::repair_summary`]), so a crash never leaves wrong
//!   counts behind;
//! - replacing or removing an article: the change of its counts is applied in the article's own
//!   transaction ([`NewsStore::change_summary`]);
//! - relinking, which rewrites entity IRIs everywhere, marks the weeks of the articles it touches
//!   ([`NewsStore::mark_summary_stale`]) and then recounts them.
//!
//! Adding articles only raises counts, so a week's new top is found among its previous top and
//! the counts that changed; when a count goes down, the week's counts are re-ranked.

use std::collections::{BTreeMap, BTreeSet};

use oxigraph::model::vocab::rdf;
use oxigraph::model::{
    GraphNameRef, Literal, NamedNode, NamedOrBlankNode, Quad, QuadRef, Term, TermRef,
};
use oxigraph::store::Transaction;

use super::{NewsStore, StoreError};
use crate::iri::{Base, IriError, fnv64_hex, pct_encode};
use crate::vocab::nk;

/// How many counts of each week carry `nk:topOfWeek` and `nk:rank`.
pub const TOP: usize = 10;

/// The IRI of the summary graph: `{base}graph/summary`.
pub fn summary_graph(base: &Base) -> Result<NamedNode, IriError> {
    Ok(NamedNode::new_unchecked(base.join("graph/summary")?))
}

/// What one article counts towards: its week and the shared entities it mentions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Counted {
    week: String,
    entities: BTreeSet<NamedNode>,
}

impl Counted {
    /// Reads the week and the mentioned shared entities from the quads of an article graph
    /// (those whose subject is not the article are ignored); `None` without a week.
    pub(super) fn from_quads<'a>(
        article: &NamedNode,
        quads: impl IntoIterator<Item = QuadRef<'a>>,
    ) -> Option<Self> {
        let scoped = format!("{}/", article.as_str());
        let mut week = None;
        let mut entities = BTreeSet::new();
        for quad in quads {
            if quad.subject != article.as_ref().into() {
                continue;
            }
            match (quad.predicate, quad.object) {
                (p, TermRef::Literal(l)) if p == nk::PUBLISHED_WEEK => {
                    week = Some(l.value().to_owned());
                }
                (p, TermRef::NamedNode(n))
                    if p == nk::MENTIONS && !n.as_str().starts_with(&scoped) =>
                {
                    entities.insert(n.into_owned());
                }
                _ => {}
            }
        }
        Some(Self {
            week: week?,
            entities,
        })
    }
}

/// Changes of counts: week → entity → change.
#[derive(Debug, Default)]
pub(super) struct Delta(BTreeMap<String, BTreeMap<NamedNode, i64>>);

impl Delta {
    /// Counts an article (`sign` 1) or takes it away (`sign` -1).
    pub(super) fn add(&mut self, counted: Option<&Counted>, sign: i64) {
        let Some(counted) = counted else { return };
        let week = self.0.entry(counted.week.clone()).or_default();
        for entity in &counted.entities {
            *week.entry(entity.clone()).or_default() += sign;
        }
    }
}

/// The summary change of a batch of new articles, between [`NewsStore::begin_summary`] and
/// [`NewsStore::finish_summary`]: for each week and entity, the count before the batch and the
/// batch's change; and the quads of the counts that do not exist yet, which go into the bulk
/// load with the articles (so most counts of a new store are written as cheaply as the articles).
#[derive(Debug)]
#[must_use = "the counts are written by finish_summary"]
pub(super) struct PendingSummary {
    rows: BTreeMap<String, BTreeMap<NamedNode, (i64, i64)>>,
    new_quads: Vec<Quad>,
}

impl PendingSummary {
    /// The quads of the new counts, to load with the batch (taken once).
    pub(super) fn take_new_quads(&mut self) -> Vec<Quad> {
        std::mem::take(&mut self.new_quads)
    }
}

impl NewsStore {
    /// Before a bulk commit of new articles: marks the weeks their counts `delta` touches as
    /// pending (one small transaction) and returns the counts, for [`Self::finish_summary`] after
    /// the commit.
    pub(super) fn begin_summary(&self, delta: Delta) -> Result<PendingSummary, StoreError> {
        let g = GraphNameRef::NamedNode(self.summary_graph.as_ref());
        let mut pending = PendingSummary {
            rows: BTreeMap::new(),
            new_quads: Vec::new(),
        };
        for (week, changes) in delta.0 {
            let mut rows = BTreeMap::new();
            for (entity, change) in changes {
                if change == 0 {
                    continue;
                }
                let row = self.row_iri(&week, &entity)?;
                let old = first_count(self.store.quads_for_pattern(
                    Some(row.as_ref().into()),
                    Some(nk::ARTICLE_COUNT),
                    None,
                    Some(g),
                ))?;
                if old == 0 {
                    pending
                        .new_quads
                        .extend(self.row_quads(&row, &week, &entity, change));
                }
                rows.insert(entity, (old, change));
            }
            if !rows.is_empty() {
                pending.rows.insert(week, rows);
            }
        }
        if !pending.rows.is_empty() {
            let mut txn = self.store.start_transaction()?;
            for week in pending.rows.keys() {
                txn.insert(self.pending_quad(week).as_ref());
            }
            txn.commit()?;
        }
        Ok(pending)
    }

    /// After the bulk commit: adds the batch's counts, re-ranks the touched weeks and clears
    /// their pending marks, in one transaction.
    pub(super) fn finish_summary(&self, pending: PendingSummary) -> Result<(), StoreError> {
        if pending.rows.is_empty() {
            return Ok(());
        }
        let g = GraphNameRef::NamedNode(self.summary_graph.as_ref());
        let mut txn = self.store.start_transaction()?;
        for (week, rows) in &pending.rows {
            let mut changed = BTreeMap::new();
            for (entity, (old, change)) in rows {
                let new = old + change;
                if *old > 0 {
                    let row = self.row_iri(week, entity)?;
                    txn.remove(QuadRef::new(
                        &row,
                        nk::ARTICLE_COUNT,
                        &Literal::from(*old),
                        g,
                    ));
                    txn.insert(QuadRef::new(
                        &row,
                        nk::ARTICLE_COUNT,
                        &Literal::from(new),
                        g,
                    ));
                }
                changed.insert(entity.clone(), new);
            }
            self.rank_week(&mut txn, week, changed, false)?;
            txn.remove(self.pending_quad(week).as_ref());
        }
        txn.commit()?;
        Ok(())
    }

    /// What the article graph `graph` counts towards, as the transaction sees it.
    pub(super) fn counted_in(
        txn: &Transaction<'_>,
        graph: &NamedNode,
    ) -> Result<Option<Counted>, StoreError> {
        let quads: Vec<Quad> = txn
            .quads_for_pattern(
                Some(graph.as_ref().into()),
                None,
                None,
                Some(graph.as_ref().into()),
            )
            .collect::<Result<_, _>>()?;
        Ok(Counted::from_quads(graph, quads.iter().map(Quad::as_ref)))
    }

    /// Inside an article's transaction: replaces the counts of its old version (`before`) by
    /// those of the new one (`after`; `None` when the article is removed).
    pub(super) fn change_summary(
        &self,
        txn: &mut Transaction<'_>,
        before: Option<&Counted>,
        after: Option<&Counted>,
    ) -> Result<(), StoreError> {
        if before == after {
            return Ok(());
        }
        let mut delta = Delta::default();
        delta.add(before, -1);
        delta.add(after, 1);
        self.apply_delta(txn, &delta)
    }

    /// Recounts, from their articles, the weeks left pending by an interrupted batch. Cheap when
    /// there are none (one index lookup). Returns the number of weeks recounted.
    pub fn repair_summary(&self) -> Result<usize, StoreError> {
        let g = GraphNameRef::NamedNode(self.summary_graph.as_ref());
        let pending: BTreeSet<String> = self
            .store
            .quads_for_pattern(
                Some(self.summary_graph.as_ref().into()),
                Some(nk::PENDING_WEEK),
                None,
                Some(g),
            )
            .map(|q| q.map(|q| literal_value(&q.object)))
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .flatten()
            .collect();
        if pending.is_empty() {
            return Ok(0);
        }
        self.recount_weeks(&pending)?;
        Ok(pending.len())
    }

    /// Marks the weeks of the given articles as pending, so that [`Self::repair_summary`] (run
    /// next, or by the next process that opens the store) recounts them from their articles. For
    /// writes that bypass the article paths, e.g. relinking, which rewrites entity IRIs in every
    /// graph. Returns the number of weeks marked.
    pub fn mark_summary_stale(&self, articles: &[NamedNode]) -> Result<usize, StoreError> {
        let mut weeks = BTreeSet::new();
        for article in articles {
            for quad in self.store.quads_for_pattern(
                Some(article.as_ref().into()),
                Some(nk::PUBLISHED_WEEK),
                None,
                Some(article.as_ref().into()),
            ) {
                weeks.extend(literal_value(&quad?.object));
            }
        }
        if !weeks.is_empty() {
            let mut txn = self.store.start_transaction()?;
            for week in &weeks {
                txn.insert(self.pending_quad(week).as_ref());
            }
            txn.commit()?;
        }
        Ok(weeks.len())
    }

    /// Recounts every week of the store from its articles.
    pub fn recount_summary(&self) -> Result<usize, StoreError> {
        let mut weeks = BTreeSet::new();
        for quad in self
            .store
            .quads_for_pattern(None, Some(nk::PUBLISHED_WEEK), None, None)
        {
            weeks.extend(literal_value(&quad?.object));
        }
        // Weeks that have counts but no article any more.
        let g = GraphNameRef::NamedNode(self.summary_graph.as_ref());
        for quad in self
            .store
            .quads_for_pattern(None, Some(nk::WEEK), None, Some(g))
        {
            weeks.extend(literal_value(&quad?.object));
        }
        self.recount_weeks(&weeks)?;
        Ok(weeks.len())
    }

    /// Recounts the given weeks from their articles, in one transaction.
    fn recount_weeks(&self, weeks: &BTreeSet<String>) -> Result<(), StoreError> {
        if weeks.is_empty() {
            return Ok(());
        }
        let g = GraphNameRef::NamedNode(self.summary_graph.as_ref());
        let mut txn = self.store.start_transaction()?;
        for week in weeks {
            let literal = Literal::new_simple_literal(week);
            // Forget the week's counts…
            let rows: Vec<NamedOrBlankNode> = txn
                .quads_for_pattern(None, Some(nk::WEEK), Some(literal.as_ref().into()), Some(g))
                .map(|q| q.map(|q| q.subject))
                .collect::<Result<_, _>>()?;
            for row in &rows {
                let quads: Vec<Quad> = txn
                    .quads_for_pattern(Some(row.as_ref()), None, None, Some(g))
                    .collect::<Result<_, _>>()?;
                for quad in &quads {
                    txn.remove(quad);
                }
            }
            // …and count its articles' mentions again.
            let articles: Vec<Quad> = txn
                .quads_for_pattern(
                    None,
                    Some(nk::PUBLISHED_WEEK),
                    Some(literal.as_ref().into()),
                    None,
                )
                .collect::<Result<_, _>>()?;
            let mut counts: BTreeMap<NamedNode, i64> = BTreeMap::new();
            for quad in articles {
                let NamedOrBlankNode::NamedNode(article) = quad.subject else {
                    continue;
                };
                if quad.graph_name != article.as_ref().into() {
                    continue;
                }
                if let Some(counted) = Self::counted_in(&txn, &article)? {
                    for entity in counted.entities {
                        *counts.entry(entity).or_default() += 1;
                    }
                }
            }
            for (entity, count) in &counts {
                self.write_row(&mut txn, week, entity, *count)?;
            }
            self.set_top(&mut txn, week, top(counts.into_iter()))?;
            txn.remove(self.pending_quad(week).as_ref());
        }
        txn.commit()?;
        Ok(())
    }

    /// Applies count changes, then re-ranks each week that changed.
    fn apply_delta(&self, txn: &mut Transaction<'_>, delta: &Delta) -> Result<(), StoreError> {
        let g = GraphNameRef::NamedNode(self.summary_graph.as_ref());
        for (week, changes) in &delta.0 {
            let mut changed: BTreeMap<NamedNode, i64> = BTreeMap::new();
            let mut decreased = false;
            for (entity, change) in changes {
                if *change == 0 {
                    continue;
                }
                decreased |= *change < 0;
                let row = self.row_iri(week, entity)?;
                let old = count_of(txn, &row, g)?;
                let new = old + change;
                if new > 0 {
                    if old > 0 {
                        txn.remove(QuadRef::new(
                            &row,
                            nk::ARTICLE_COUNT,
                            &Literal::from(old),
                            g,
                        ));
                        txn.insert(QuadRef::new(
                            &row,
                            nk::ARTICLE_COUNT,
                            &Literal::from(new),
                            g,
                        ));
                    } else {
                        self.write_row(txn, week, entity, new)?;
                    }
                } else {
                    let quads: Vec<Quad> = txn
                        .quads_for_pattern(Some(row.as_ref().into()), None, None, Some(g))
                        .collect::<Result<_, _>>()?;
                    for quad in &quads {
                        txn.remove(quad);
                    }
                }
                changed.insert(entity.clone(), new.max(0));
            }
            if changed.is_empty() {
                continue;
            }
            self.rank_week(txn, week, changed, decreased)?;
        }
        Ok(())
    }

    /// Re-ranks a week after some of its counts changed (`changed`: entity → new count). When no
    /// count went down, the new top is among the old top and the changed counts; otherwise every
    /// count of the week is a candidate.
    fn rank_week(
        &self,
        txn: &mut Transaction<'_>,
        week: &str,
        changed: BTreeMap<NamedNode, i64>,
        decreased: bool,
    ) -> Result<(), StoreError> {
        let g = GraphNameRef::NamedNode(self.summary_graph.as_ref());
        let literal = Literal::new_simple_literal(week);
        // Counts that only went up: the new top is among the old top and the changed counts.
        // Otherwise every count of the week is a candidate.
        let candidate_property = if decreased { nk::WEEK } else { nk::TOP_OF_WEEK };
        let rows: Vec<NamedOrBlankNode> = txn
            .quads_for_pattern(
                None,
                Some(candidate_property),
                Some(literal.as_ref().into()),
                Some(g),
            )
            .map(|q| q.map(|q| q.subject))
            .collect::<Result<_, _>>()?;
        let mut candidates = changed;
        for row in rows {
            let entity = txn
                .quads_for_pattern(
                    Some(row.as_ref()),
                    Some(nk::MENTIONED_ENTITY),
                    None,
                    Some(g),
                )
                .next()
                .transpose()?
                .and_then(|q| match q.object {
                    Term::NamedNode(n) => Some(n),
                    _ => None,
                });
            if let (Some(entity), NamedOrBlankNode::NamedNode(row)) = (entity, &row) {
                if let std::collections::btree_map::Entry::Vacant(slot) = candidates.entry(entity) {
                    slot.insert(count_of(txn, row, g)?);
                }
            }
        }
        self.set_top(txn, week, top(candidates.into_iter()))
    }

    /// Writes a new count node.
    fn write_row(
        &self,
        txn: &mut Transaction<'_>,
        week: &str,
        entity: &NamedNode,
        count: i64,
    ) -> Result<(), StoreError> {
        let row = self.row_iri(week, entity)?;
        txn.extend(&self.row_quads(&row, week, entity, count));
        Ok(())
    }

    /// The quads of a count node (without its rank).
    fn row_quads(&self, row: &NamedNode, week: &str, entity: &NamedNode, count: i64) -> [Quad; 4] {
        let g = &self.summary_graph;
        [
            Quad::new(row.clone(), rdf::TYPE, nk::WEEKLY_MENTIONS, g.clone()),
            Quad::new(
                row.clone(),
                nk::WEEK,
                Literal::new_simple_literal(week),
                g.clone(),
            ),
            Quad::new(row.clone(), nk::MENTIONED_ENTITY, entity.clone(), g.clone()),
            Quad::new(
                row.clone(),
                nk::ARTICLE_COUNT,
                Literal::from(count),
                g.clone(),
            ),
        ]
    }

    /// Makes `top` (ranked) the counts of `week` that carry `nk:topOfWeek` and `nk:rank`.
    fn set_top(
        &self,
        txn: &mut Transaction<'_>,
        week: &str,
        top: Vec<(NamedNode, i64)>,
    ) -> Result<(), StoreError> {
        let g = GraphNameRef::NamedNode(self.summary_graph.as_ref());
        let literal = Literal::new_simple_literal(week);
        let mut wanted = BTreeSet::new();
        for (rank, (entity, _)) in top.iter().enumerate() {
            wanted.insert((self.row_iri(week, entity)?, rank as i64 + 1));
        }
        let mut present = BTreeSet::new();
        let rows: Vec<NamedOrBlankNode> = txn
            .quads_for_pattern(
                None,
                Some(nk::TOP_OF_WEEK),
                Some(literal.as_ref().into()),
                Some(g),
            )
            .map(|q| q.map(|q| q.subject))
            .collect::<Result<_, _>>()?;
        for row in rows {
            let NamedOrBlankNode::NamedNode(row) = row else {
                continue;
            };
            for quad in
                txn.quads_for_pattern(Some(row.as_ref().into()), Some(nk::RANK), None, Some(g))
            {
                if let Term::Literal(l) = quad?.object {
                    present.insert((row.clone(), l.value().parse::<i64>().unwrap_or(0)));
                }
            }
        }
        if wanted == present {
            return Ok(());
        }
        for (row, rank) in &present {
            txn.remove(QuadRef::new(row, nk::TOP_OF_WEEK, &literal, g));
            txn.remove(QuadRef::new(row, nk::RANK, &Literal::from(*rank), g));
        }
        for (row, rank) in &wanted {
            txn.insert(QuadRef::new(row, nk::TOP_OF_WEEK, &literal, g));
            txn.insert(QuadRef::new(row, nk::RANK, &Literal::from(*rank), g));
        }
        Ok(())
    }

    /// `{base}summary/{week}/{hash of the entity IRI}`.
    fn row_iri(&self, week: &str, entity: &NamedNode) -> Result<NamedNode, StoreError> {
        Ok(NamedNode::new_unchecked(self.base.join(&format!(
            "summary/{}/{}",
            pct_encode(week),
            fnv64_hex(&[entity.as_str().as_bytes()])
        ))?))
    }

    /// `<{base}graph/summary> nk:pendingWeek "week"` in the summary graph.
    fn pending_quad(&self, week: &str) -> Quad {
        Quad::new(
            self.summary_graph.clone(),
            nk::PENDING_WEEK,
            Literal::new_simple_literal(week),
            self.summary_graph.clone(),
        )
    }
}

/// The [`TOP`] candidates with the highest counts (ties: the smallest entity IRI), in rank order.
fn top(candidates: impl Iterator<Item = (NamedNode, i64)>) -> Vec<(NamedNode, i64)> {
    let mut ranked: Vec<(NamedNode, i64)> = candidates.filter(|(_, c)| *c > 0).collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    ranked.truncate(TOP);
    ranked
}

/// The `nk:articleCount` of a count node (0 when there is none).
fn count_of(
    txn: &Transaction<'_>,
    row: &NamedNode,
    g: GraphNameRef<'_>,
) -> Result<i64, StoreError> {
    first_count(txn.quads_for_pattern(
        Some(row.as_ref().into()),
        Some(nk::ARTICLE_COUNT),
        None,
        Some(g),
    ))
}

/// The integer object of the first quad (0 when there is none).
fn first_count(
    mut quads: impl Iterator<Item = Result<Quad, oxigraph::store::StorageError>>,
) -> Result<i64, StoreError> {
    Ok(quads
        .next()
        .transpose()?
        .and_then(|q| literal_value(&q.object))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0))
}

fn literal_value(term: &Term) -> Option<String> {
    match term {
        Term::Literal(l) => Some(l.value().to_owned()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(iri: &str) -> NamedNode {
        NamedNode::new_unchecked(iri)
    }

    #[test]
    fn the_top_is_ranked_by_count_then_iri_and_cut() {
        let candidates = (0..15).map(|i| (n(&format!("http://e/{i:02}")), i64::from(i % 4)));
        let ranked = top(candidates.chain([(n("http://e/zero"), 0)]));
        assert_eq!(ranked.len(), TOP);
        assert_eq!(ranked[0], (n("http://e/03"), 3));
        assert_eq!(ranked[1], (n("http://e/07"), 3));
        assert!(ranked.windows(2).all(|w| w[0].1 >= w[1].1));
    }

    #[test]
    fn an_article_counts_its_week_and_shared_mentions_only() {
        let article = n("http://b/article/a");
        let g = oxigraph::model::GraphName::NamedNode(article.clone());
        let quads = [
            Quad::new(
                article.clone(),
                nk::PUBLISHED_WEEK,
                Literal::new_simple_literal("2026-W01"),
                g.clone(),
            ),
            Quad::new(
                article.clone(),
                nk::MENTIONS,
                n("http://b/person/x"),
                g.clone(),
            ),
            Quad::new(
                article.clone(),
                nk::MENTIONS,
                n("http://b/article/a/event/talks"),
                g.clone(),
            ),
            Quad::new(n("http://b/other"), nk::MENTIONS, n("http://b/person/y"), g),
        ];
        let counted = Counted::from_quads(&article, quads.iter().map(Quad::as_ref));
        assert_eq!(
            counted,
            Some(Counted {
                week: "2026-W01".to_owned(),
                entities: BTreeSet::from([n("http://b/person/x")]),
            })
        );
        assert_eq!(
            Counted::from_quads(&article, quads[1..].iter().map(Quad::as_ref)),
            None
        );
    }
}
