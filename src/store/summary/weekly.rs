//! Weekly mention counts: how many articles of each ISO week mention each shared entity, so that
//! "the entities most mentioned this week" reads ten ranked counts instead of counting every
//! mention of the week.
//!
//! For every (week, entity) with at least one article, the summary graph holds one
//! `nk:WeeklyMentions` node `{base}summary/{week}/{hash of the entity IRI}` with `nk:week`,
//! `nk:mentionedEntity` and `nk:articleCount`; the [`TOP`] counts of each week also carry
//! `nk:topOfWeek` (the week) and `nk:rank`. An article counts towards the week of its
//! `nk:publishedWeek` for every shared entity it `nk:mentions` (article-scoped events and
//! quotations are not counted: each belongs to one article).

use std::collections::{BTreeMap, BTreeSet};

use oxigraph::model::vocab::rdf;
use oxigraph::model::{GraphNameRef, Literal, NamedNode, Quad, QuadRef, Term, TermRef};
use oxigraph::store::Transaction;

use super::{Reader, TOP, first_count, literal_value, subjects};
use crate::iri::{fnv64_hex, pct_encode};
use crate::store::{NewsStore, StoreError};
use crate::vocab::nk;

/// What one article counts towards: its week and the shared entities it mentions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Mentions {
    week: String,
    entities: BTreeSet<NamedNode>,
}

impl Mentions {
    /// Reads the week and the mentioned shared entities from the quads of an article graph
    /// (those whose subject is not the article are ignored); `None` without a week.
    pub(super) fn from_quads<'a>(
        article: &NamedNode,
        quads: impl IntoIterator<Item = QuadRef<'a>>,
    ) -> Option<Self> {
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
                    if p == nk::MENTIONS && is_shared(article, n.as_str()) =>
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
    pub(super) fn add(&mut self, mentions: Option<&Mentions>, sign: i64) {
        let Some(mentions) = mentions else { return };
        let week = self.0.entry(mentions.week.clone()).or_default();
        for entity in &mentions.entities {
            *week.entry(entity.clone()).or_default() += sign;
        }
    }
}

/// The counts a batch of new articles raises: week → entity → (count before, change).
#[derive(Debug, Default)]
pub(super) struct Pending(BTreeMap<String, BTreeMap<NamedNode, (i64, i64)>>);

impl Pending {
    /// The weeks the batch touches.
    pub(super) fn weeks(&self) -> impl Iterator<Item = &str> {
        self.0.keys().map(String::as_str)
    }

    /// Whether the batch changes no count.
    pub(super) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl NewsStore {
    /// Before the bulk commit: reads the counts the batch changes; the quads of the counts that
    /// do not exist yet go to `new_quads`.
    pub(super) fn begin_weekly(
        &self,
        delta: Delta,
        new_quads: &mut Vec<Quad>,
    ) -> Result<Pending, StoreError> {
        let g = self.summary_graph_name();
        let mut pending = Pending::default();
        for (week, changes) in delta.0 {
            // A week without counts yet (every week of a new store) needs no lookup per entity.
            let literal = Literal::new_simple_literal(&week);
            let known = self.exists(nk::WEEK, literal.as_ref().into())?;
            let mut rows = BTreeMap::new();
            for (entity, change) in changes {
                if change == 0 {
                    continue;
                }
                let row = self.count_iri(&week, &entity)?;
                let old = if known {
                    first_count(&self.store.matching(
                        Some(&row),
                        Some(nk::ARTICLE_COUNT),
                        None,
                        Some(g),
                    )?)
                } else {
                    0
                };
                if old == 0 {
                    new_quads.extend(self.count_quads(&row, &week, &entity, change));
                }
                rows.insert(entity, (old, change));
            }
            if !rows.is_empty() {
                pending.0.insert(week, rows);
            }
        }
        Ok(pending)
    }

    /// After the bulk commit: raises the counts that existed, re-ranks the touched weeks and
    /// clears their pending marks.
    pub(super) fn finish_weekly(
        &self,
        txn: &mut Transaction<'_>,
        pending: Pending,
    ) -> Result<(), StoreError> {
        for (week, rows) in &pending.0 {
            let mut changed = BTreeMap::new();
            for (entity, (old, change)) in rows {
                let new = old + change;
                if *old > 0 {
                    let row = self.count_iri(week, entity)?;
                    self.replace_count(txn, &row, *old, new);
                }
                changed.insert(entity.clone(), new);
            }
            self.rank_week(txn, week, changed, false)?;
            txn.remove(self.pending_week_quad(week).as_ref());
        }
        Ok(())
    }

    /// Applies count changes inside a transaction, then re-ranks each week that changed.
    pub(super) fn apply_weekly(
        &self,
        txn: &mut Transaction<'_>,
        delta: &Delta,
    ) -> Result<(), StoreError> {
        let g = self.summary_graph_name();
        for (week, changes) in &delta.0 {
            let mut changed: BTreeMap<NamedNode, i64> = BTreeMap::new();
            let mut decreased = false;
            for (entity, change) in changes {
                if *change == 0 {
                    continue;
                }
                decreased |= *change < 0;
                let row = self.count_iri(week, entity)?;
                let old = first_count(&txn.matching(
                    Some(&row),
                    Some(nk::ARTICLE_COUNT),
                    None,
                    Some(g),
                )?);
                let new = old + change;
                if new <= 0 {
                    self.remove_row(txn, &row)?;
                } else if old > 0 {
                    self.replace_count(txn, &row, old, new);
                } else {
                    txn.extend(&self.count_quads(&row, week, entity, new));
                }
                changed.insert(entity.clone(), new.max(0));
            }
            if !changed.is_empty() {
                self.rank_week(txn, week, changed, decreased)?;
            }
        }
        Ok(())
    }

    /// Recounts a week from its articles and clears its pending mark.
    pub(super) fn recount_week(
        &self,
        txn: &mut Transaction<'_>,
        week: &str,
    ) -> Result<(), StoreError> {
        let literal = Literal::new_simple_literal(week);
        // Forget the week's counts…
        self.remove_rows_where(txn, nk::WEEK, literal.as_ref().into())?;
        // …and count its articles' mentions again.
        let articles = txn.matching(
            None,
            Some(nk::PUBLISHED_WEEK),
            Some(literal.as_ref().into()),
            None,
        )?;
        let mut counts: BTreeMap<NamedNode, i64> = BTreeMap::new();
        for quad in articles {
            let oxigraph::model::NamedOrBlankNode::NamedNode(article) = quad.subject else {
                continue;
            };
            if quad.graph_name != article.as_ref().into() {
                continue;
            }
            let graph = GraphNameRef::NamedNode(article.as_ref());
            for quad in txn.matching(Some(&article), Some(nk::MENTIONS), None, Some(graph))? {
                if let Term::NamedNode(entity) = quad.object {
                    if is_shared(&article, entity.as_str()) {
                        *counts.entry(entity).or_default() += 1;
                    }
                }
            }
        }
        for (entity, count) in &counts {
            let row = self.count_iri(week, entity)?;
            txn.extend(&self.count_quads(&row, week, entity, *count));
        }
        self.set_week_top(txn, week, top(counts.into_iter()))?;
        txn.remove(self.pending_week_quad(week).as_ref());
        Ok(())
    }

    /// The weeks marked pending.
    pub(super) fn pending_weeks(&self) -> Result<BTreeSet<String>, StoreError> {
        let g = self.summary_graph_name();
        Ok(self
            .store
            .matching(
                Some(&self.summary_graph),
                Some(nk::PENDING_WEEK),
                None,
                Some(g),
            )?
            .iter()
            .filter_map(|q| literal_value(&q.object))
            .collect())
    }

    /// The weeks of the given articles.
    pub(super) fn weeks_of(&self, articles: &[NamedNode]) -> Result<BTreeSet<String>, StoreError> {
        let mut weeks = BTreeSet::new();
        for article in articles {
            for quad in self.store.matching(
                Some(article),
                Some(nk::PUBLISHED_WEEK),
                None,
                Some(article.as_ref().into()),
            )? {
                weeks.extend(literal_value(&quad.object));
            }
        }
        Ok(weeks)
    }

    /// Every week of the store: those of its articles and those that still have counts.
    pub(super) fn all_weeks(&self) -> Result<BTreeSet<String>, StoreError> {
        let g = self.summary_graph_name();
        let mut weeks = BTreeSet::new();
        for quad in self
            .store
            .matching(None, Some(nk::PUBLISHED_WEEK), None, None)?
            .into_iter()
            .chain(self.store.matching(None, Some(nk::WEEK), None, Some(g))?)
        {
            weeks.extend(literal_value(&quad.object));
        }
        Ok(weeks)
    }

    /// `<{base}graph/summary> nk:pendingWeek "week"` in the summary graph.
    pub(super) fn pending_week_quad(&self, week: &str) -> Quad {
        Quad::new(
            self.summary_graph.clone(),
            nk::PENDING_WEEK,
            Literal::new_simple_literal(week),
            self.summary_graph.clone(),
        )
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
        let g = self.summary_graph_name();
        let literal = Literal::new_simple_literal(week);
        let candidate_property = if decreased { nk::WEEK } else { nk::TOP_OF_WEEK };
        let rows = subjects(txn.quads_for_pattern(
            None,
            Some(candidate_property),
            Some(literal.as_ref().into()),
            Some(g),
        ))?;
        let mut candidates = changed;
        for row in rows {
            let entity = txn
                .matching(Some(&row), Some(nk::MENTIONED_ENTITY), None, Some(g))?
                .into_iter()
                .find_map(|q| match q.object {
                    Term::NamedNode(n) => Some(n),
                    _ => None,
                });
            if let Some(entity) = entity {
                if let std::collections::btree_map::Entry::Vacant(slot) = candidates.entry(entity) {
                    slot.insert(first_count(&txn.matching(
                        Some(&row),
                        Some(nk::ARTICLE_COUNT),
                        None,
                        Some(g),
                    )?));
                }
            }
        }
        self.set_week_top(txn, week, top(candidates.into_iter()))
    }

    /// Makes `top` (ranked) the counts of `week` that carry `nk:topOfWeek` and `nk:rank`.
    fn set_week_top(
        &self,
        txn: &mut Transaction<'_>,
        week: &str,
        top: Vec<(NamedNode, i64)>,
    ) -> Result<(), StoreError> {
        let ranked = top
            .iter()
            .map(|(entity, _)| self.count_iri(week, entity))
            .collect::<Result<Vec<_>, _>>()?;
        let literal = Literal::new_simple_literal(week);
        self.set_ranks(txn, nk::TOP_OF_WEEK, literal.as_ref().into(), &ranked)
    }

    /// Replaces the `nk:articleCount` of a count node.
    fn replace_count(&self, txn: &mut Transaction<'_>, row: &NamedNode, old: i64, new: i64) {
        let g = self.summary_graph_name();
        txn.remove(QuadRef::new(row, nk::ARTICLE_COUNT, &Literal::from(old), g));
        txn.insert(QuadRef::new(row, nk::ARTICLE_COUNT, &Literal::from(new), g));
    }

    /// The quads of a count node (without its rank).
    fn count_quads(
        &self,
        row: &NamedNode,
        week: &str,
        entity: &NamedNode,
        count: i64,
    ) -> [Quad; 4] {
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

    /// `{base}summary/{week}/{hash of the entity IRI}`.
    fn count_iri(&self, week: &str, entity: &NamedNode) -> Result<NamedNode, StoreError> {
        Ok(NamedNode::new_unchecked(self.base.join(&format!(
            "summary/{}/{}",
            pct_encode(week),
            fnv64_hex(&[entity.as_str().as_bytes()])
        ))?))
    }
}

/// The [`TOP`] candidates with the highest counts (ties: the smallest entity IRI), in rank order.
fn top(candidates: impl Iterator<Item = (NamedNode, i64)>) -> Vec<(NamedNode, i64)> {
    let mut ranked: Vec<(NamedNode, i64)> = candidates.filter(|(_, c)| *c > 0).collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    ranked.truncate(TOP);
    ranked
}

/// Whether an entity the article mentions is shared with other articles (not an event or
/// quotation minted inside the article, whose IRI extends the article's).
fn is_shared(article: &NamedNode, entity: &str) -> bool {
    entity
        .strip_prefix(article.as_str())
        .is_none_or(|rest| !rest.starts_with('/'))
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
        let counted = Mentions::from_quads(&article, quads.iter().map(Quad::as_ref));
        assert_eq!(
            counted,
            Some(Mentions {
                week: "2026-W01".to_owned(),
                entities: BTreeSet::from([n("http://b/person/x")]),
            })
        );
        assert_eq!(
            Mentions::from_quads(&article, quads[1..].iter().map(Quad::as_ref)),
            None
        );
    }
}
