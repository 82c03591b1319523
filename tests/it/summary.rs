//! The summary graph: the per-week mention counts that the store keeps must always equal a
//! count over the articles (checked with SPARQL aggregates over the data), whatever sequence of
//! loads, replacements and removals led there, and a week left pending by an interrupted batch is
//! recounted when the store is next opened.

use std::collections::BTreeSet;

use newskg::NewsStore;
use newskg::facts::{Entity, FactsDocument};

use crate::common::*;
use crate::pipeline::{get, select};

/// A travel article (`who` travels to Moscow) published on `date` that also mentions the
/// people `others` and one article-scoped event (never counted: it belongs to one article).
fn doc(id: &str, date: &str, who: &str, others: &[&str]) -> FactsDocument {
    let mut doc = travel_doc(id, who);
    doc.article.date = Some(date.to_owned());
    for (i, name) in others.iter().enumerate() {
        doc.entities.push(Entity {
            id: format!("o{i}"),
            kind: "Person".into(),
            name: (*name).to_owned(),
            aliases: Vec::new(),
            mentions: Vec::new(),
            links: Vec::new(),
        });
    }
    doc.entities.push(Entity {
        id: "ev".into(),
        kind: "Meeting".into(),
        name: "the meeting".into(),
        aliases: Vec::new(),
        mentions: Vec::new(),
        links: Vec::new(),
    });
    doc
}

/// Twelve people, so that a week has more counted entities than its top ten.
const PEOPLE: [&str; 12] = [
    "Ada Brun",
    "Bela Cruz",
    "Cora Dahl",
    "Dino Egan",
    "Ema Falk",
    "Finn Gale",
    "Gita Holm",
    "Hugo Ito",
    "Iris Jost",
    "Jan Kerr",
    "Kai Lund",
    "Lea Moss",
];

fn docs() -> Vec<FactsDocument> {
    vec![
        doc("a", "2026-03-02", "Omar Nash", &PEOPLE),
        doc("b", "2026-03-03", "Omar Nash", &PEOPLE[..6]),
        doc("c", "2026-03-08", "Pia Quist", &PEOPLE[..2]),
        doc("d", "2026-03-10", "Omar Nash", &PEOPLE[10..]),
    ]
}

type Rows = BTreeSet<(String, String, String)>;

/// (week, entity, count) of the summary graph, and (week, entity, rank) of its top counts.
fn summary(store: &NewsStore) -> TestResult<(Rows, Rows)> {
    let counts = select(
        store,
        "SELECT ?w ?e ?n WHERE { GRAPH ?g { ?c a nk:WeeklyMentions ; nk:week ?w ;
           nk:mentionedEntity ?e ; nk:articleCount ?n } }",
    )?;
    let top = select(
        store,
        "SELECT ?w ?e ?r WHERE { ?c nk:topOfWeek ?w ; nk:rank ?r ; nk:mentionedEntity ?e }",
    )?;
    let rows = |rows: Vec<Vec<(String, String)>>, third: &str| -> Rows {
        rows.iter()
            .map(|r| (get(r, "w").into(), get(r, "e").into(), get(r, third).into()))
            .collect()
    };
    Ok((rows(counts, "n"), rows(top, "r")))
}

/// The same, counted from the articles themselves: every article of a week that mentions a
/// shared entity (not one minted inside the article), ranked by count then entity IRI.
fn expected(store: &NewsStore) -> TestResult<(Rows, Rows)> {
    let rows = select(
        store,
        "SELECT ?w ?e (COUNT(?a) AS ?n) WHERE {
           GRAPH ?a { ?a nk:publishedWeek ?w ; nk:mentions ?e }
           FILTER(!STRSTARTS(STR(?e), CONCAT(STR(?a), '/')))
         } GROUP BY ?w ?e",
    )?;
    let mut counted: Vec<(String, String, i64)> = rows
        .iter()
        .map(|r| -> TestResult<_> {
            Ok((get(r, "w").into(), get(r, "e").into(), get(r, "n").parse()?))
        })
        .collect::<TestResult<_>>()?;
    let counts = counted
        .iter()
        .map(|(w, e, n)| (w.clone(), e.clone(), n.to_string()))
        .collect();
    counted.sort_by(|a, b| a.0.cmp(&b.0).then(b.2.cmp(&a.2)).then(a.1.cmp(&b.1)));
    let mut top = Rows::new();
    let mut rank = 0;
    for (i, (w, e, _)) in counted.iter().enumerate() {
        rank = if i > 0 && counted[i - 1].0 == *w {
            rank + 1
        } else {
            1
        };
        if rank <= newskg::store::TOP {
            top.insert((w.clone(), e.clone(), rank.to_string()));
        }
    }
    Ok((counts, top))
}

/// The summary equals the count over the articles, and no week is left pending.
fn check(store: &NewsStore, when: &str) -> TestResult {
    let (counts, top) = summary(store)?;
    let (want_counts, want_top) = expected(store)?;
    assert_eq!(counts, want_counts, "counts {when}");
    assert_eq!(top, want_top, "top of the week {when}");
    let pending = select(store, "SELECT ?w WHERE { ?g nk:pendingWeek ?w }")?;
    assert!(pending.is_empty(), "pending weeks {when}: {pending:?}");
    Ok(())
}

#[test]
fn weekly_counts_follow_loads_replacements_and_removals() -> TestResult {
    let dir = tempfile::tempdir()?;
    let docs = docs();
    let store = NewsStore::open(&dir.path().join("s"))?;
    // Two bulk batches: the second raises counts written by the first.
    store.load_articles(map_all(&docs[..2])?)?;
    check(&store, "after the first batch")?;
    store.load_articles(map_all(&docs[2..])?)?;
    check(&store, "after the second batch")?;
    let (counts, top) = summary(&store)?;
    // By construction: Ada Brun is mentioned by a, b and c, all in 2026-W10; Omar Nash by a and b
    // in W10 and by d in W11; the meeting (article-scoped) is not counted.
    let ada = ("2026-W10".to_owned(), person("ada-brun"), "3".to_owned());
    assert!(counts.contains(&ada), "{counts:?}");
    assert!(counts.contains(&("2026-W11".into(), person("omar-nash"), "1".into())));
    assert!(!counts.iter().any(|(_, e, _)| e.contains("/event/")));
    assert_eq!(top.iter().filter(|(w, _, _)| w == "2026-W10").count(), 10);

    // Removing an article lowers counts (and re-ranks the week: people of the tail move up);
    // replacing one with a version that mentions other people, in another week.
    let moved = doc("c", "2026-03-11", "Pia Quist", &PEOPLE[8..]);
    rewrite_and_compare(&store, &docs, moved, dir.path(), &check)?;

    // Removing everything leaves an empty summary graph.
    for id in ["a", "b", "c", "d"] {
        assert!(store.remove_article(id)?);
    }
    assert_eq!(summary(&store)?, (Rows::new(), Rows::new()));
    Ok(())
}

/// The write paths after a first load of `docs` (a, b, c, d): removes b, replaces c by `moved`,
/// re-loads b through the bulk loader, running `check` after each step; then checks that the
/// same articles built at once give the same dataset, summary graph included.
pub(crate) fn rewrite_and_compare(
    store: &NewsStore,
    docs: &[FactsDocument],
    moved: FactsDocument,
    dir: &std::path::Path,
    check: &dyn Fn(&NewsStore, &str) -> TestResult,
) -> TestResult {
    assert!(store.remove_article("b")?);
    check(store, "after removing b")?;
    store.replace_article(&map_all(std::slice::from_ref(&moved))?[0])?;
    check(store, "after replacing c")?;
    store.load_articles(map_all(&docs[1..2])?)?;
    check(store, "after re-loading b")?;
    let fresh = NewsStore::open(&dir.join("fresh"))?;
    fresh.load_articles(map_all(&[
        docs[0].clone(),
        docs[1].clone(),
        moved,
        docs[3].clone(),
    ])?)?;
    assert!(isomorphic(
        &parse_nquads(&nquads(store)?)?,
        &parse_nquads(&nquads(&fresh)?)?
    )?);
    Ok(())
}

fn person(slug: &str) -> String {
    format!("https://w3id.org/newskg/id/person/{slug}")
}

#[test]
fn a_pending_week_is_recounted_when_the_store_is_next_opened() -> TestResult {
    let week = oxigraph::model::Literal::new_simple_literal("2026-W10");
    let damage = Damage {
        article: "a",
        marked: 2, // the week and Moscow
        property: newskg::vocab::nk::WEEK,
        value: week.as_ref().into(),
    };
    recounted_after_a_crash(&docs(), &damage, &check)
}

/// What a crash between a write and its summary update leaves: the week and destinations of
/// `article` marked pending (`marked` of them) and the summary rows whose `property` is `value`
/// gone.
pub(crate) struct Damage<'a> {
    pub(crate) article: &'a str,
    pub(crate) marked: usize,
    pub(crate) property: oxigraph::model::NamedNodeRef<'a>,
    pub(crate) value: oxigraph::model::TermRef<'a>,
}

/// Builds `docs`, applies `damage`, and checks that the next open recounts what was marked: the
/// store passes `check` and equals the undamaged one; a full recount then changes nothing.
pub(crate) fn recounted_after_a_crash(
    docs: &[FactsDocument],
    damage: &Damage<'_>,
    check: &dyn Fn(&NewsStore, &str) -> TestResult,
) -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("s");
    let reference = {
        let store = NewsStore::open(&path)?;
        store.load_articles(map_all(docs)?)?;
        let reference = parse_nquads(&nquads(&store)?)?;
        let article = newskg::map::article_iri(store.base(), damage.article)?;
        assert_eq!(store.mark_summary_stale(&[article])?, damage.marked);
        let graph = store.summary_graph().clone();
        let rows = |store: &NewsStore| -> TestResult<Vec<_>> {
            Ok(store
                .oxigraph()
                .quads_for_pattern(
                    None,
                    Some(damage.property),
                    Some(damage.value),
                    Some(graph.as_ref().into()),
                )
                .collect::<Result<Vec<_>, _>>()?)
        };
        let damaged = rows(&store)?;
        assert!(!damaged.is_empty());
        for row in damaged {
            let quads: Vec<_> = store
                .oxigraph()
                .quads_for_pattern(
                    Some(row.subject.as_ref()),
                    None,
                    None,
                    Some(graph.as_ref().into()),
                )
                .collect::<Result<_, _>>()?;
            for quad in quads {
                store.oxigraph().remove(&quad)?;
            }
        }
        assert!(rows(&store)?.is_empty());
        reference
    };
    let store = NewsStore::open(&path)?;
    check(&store, "after reopening")?;
    assert!(isomorphic(&parse_nquads(&nquads(&store)?)?, &reference)?);
    // And a full recount changes nothing.
    store.recount_summary()?;
    assert!(isomorphic(&parse_nquads(&nquads(&store)?)?, &reference)?);
    Ok(())
}

#[test]
fn the_reference_query_reads_the_ten_most_mentioned_of_a_week() -> TestResult {
    let dir = tempfile::tempdir()?;
    let store = NewsStore::open(&dir.path().join("s"))?;
    store.load_articles(map_all(&docs())?)?;
    let query =
        std::fs::read_to_string(root().join("benches/queries/most-mentioned-this-week.rq"))?
            .replace("@WEEK@", "2026-W10");
    let rows = select(&store, &query)?;
    // The counting query it replaces, evaluated on the articles.
    let counted = select(
        &store,
        "SELECT ?entity ?articles WHERE {
           { SELECT ?entity (COUNT(?article) AS ?articles) WHERE {
               GRAPH ?article { ?article nk:publishedWeek '2026-W10' ; nk:mentions ?entity }
               FILTER(!STRSTARTS(STR(?entity), CONCAT(STR(?article), '/')))
             } GROUP BY ?entity ORDER BY DESC(?articles) ?entity LIMIT 10 } }",
    )?;
    let pairs = |rows: &[Vec<(String, String)>]| -> BTreeSet<(String, String)> {
        rows.iter()
            .map(|r| (get(r, "entity").into(), get(r, "articles").into()))
            .collect()
    };
    assert_eq!(rows.len(), 10);
    assert_eq!(pairs(&rows), pairs(&counted));
    assert!(rows.iter().all(|r| !get(r, "label").is_empty()));
    Ok(())
}
