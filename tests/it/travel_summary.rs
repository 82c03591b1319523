//! The travel summaries of the summary graph: for every traveller and destination, the stored
//! statement count, latest date and modalities must always equal an aggregate over the fact nodes
//! of the articles (checked with SPARQL), and the ranked top of each destination must be the
//! aggregate's ten first, whatever sequence of loads, replacements and removals led there; a
//! destination left pending by an interrupted write is recounted when the store is next opened.

use std::collections::{BTreeMap, BTreeSet};

use newskg::NewsStore;
use newskg::facts::{
    Article, Entity, Evidence, Fact, FactsDocument, Modality, Span, TimeExpression,
};

use crate::common::*;
use crate::pipeline::{get, select};
use crate::summary::{Damage, recounted_after_a_crash, rewrite_and_compare};

/// One trip of an article: who, where to, when (resolved start date) and how.
type Trip<'a> = (&'a str, &'a str, Option<&'a str>, Modality);

/// An article of one sentence per trip (`{who} will travel to {city}.`), published on 2026-03-02.
fn trips_doc(id: &str, trips: &[Trip<'_>]) -> FactsDocument {
    let mut text = String::new();
    let mut entities: BTreeMap<String, Entity> = BTreeMap::new();
    let mut facts = Vec::new();
    for (who, city, start, modality) in trips {
        let sentence_start = text.chars().count();
        let mut mention = |name: &str, kind: &str, text: &mut String| -> String {
            let start = text.chars().count();
            text.push_str(name);
            let id = format!("{kind}-{}", name.replace(' ', "-"));
            let entity = entities.entry(id.clone()).or_insert_with(|| Entity {
                id: id.clone(),
                kind: kind.into(),
                name: name.into(),
                aliases: Vec::new(),
                mentions: Vec::new(),
                links: Vec::new(),
            });
            entity.mentions.push(Span {
                start,
                end: start + name.chars().count(),
            });
            id
        };
        let subject = mention(who, "Person", &mut text);
        text.push_str(" will travel to ");
        let object = mention(city, "City", &mut text);
        text.push_str(". ");
        facts.push(Fact {
            subject,
            predicate: "travelsTo".into(),
            object: Some(object),
            value: None,
            time: start.map(|s| TimeExpression {
                text: "on the day".into(),
                start: Some(s.into()),
                end: None,
            }),
            modality: *modality,
            confidence: 0.9,
            evidence: Some(Evidence {
                sentence: Span {
                    start: sentence_start,
                    end: text.chars().count() - 1,
                },
                span: None,
            }),
            extractor: None,
        });
    }
    let mut doc = FactsDocument::new(Article {
        id: id.into(),
        date: Some("2026-03-02".into()),
        text: Some(text),
        ..Article::default()
    });
    doc.entities = entities.into_values().collect();
    doc.facts = facts;
    doc
}

const PLANNED: Modality = Modality::Planned;
const ASSERTED: Modality = Modality::Asserted;

/// Fourteen travellers to Vestby (more than the ranked ten), some of them several times, with
/// and without dates; and trips to Oslo.
fn docs() -> Vec<FactsDocument> {
    let names = [
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
    let crowd: Vec<Trip<'_>> = names
        .iter()
        .enumerate()
        .map(|(i, who)| {
            (
                *who,
                "Vestby",
                (i % 3 == 0).then_some("2026-03-05"),
                PLANNED,
            )
        })
        .collect();
    vec![
        trips_doc("a", &crowd),
        trips_doc(
            "b",
            &[
                ("Omar Nash", "Vestby", Some("2026-03-04"), PLANNED),
                ("Omar Nash", "Vestby", None, ASSERTED),
                ("Pia Quist", "Oslo", Some("2026-03-09"), ASSERTED),
            ],
        ),
        trips_doc(
            "c",
            &[
                ("Omar Nash", "Vestby", Some("2026-03-01"), ASSERTED),
                ("Pia Quist", "Vestby", None, PLANNED),
            ],
        ),
        trips_doc("d", &[("Pia Quist", "Vestby", Some("2026-03-20"), PLANNED)]),
    ]
}

/// (traveller, destination, statements, latest date or "", sorted modalities).
type Rows = BTreeSet<(String, String, String, String, String)>;

/// The travel summaries as stored.
fn stored(store: &NewsStore) -> TestResult<Rows> {
    rows(select(
        store,
        "SELECT ?t ?d ?n ?latest (GROUP_CONCAT(STR(?m); SEPARATOR=' ') AS ?mods) WHERE {
           GRAPH ?g { ?r a nk:TravelSummary ; nk:traveller ?t ; nk:destination ?d ;
                        nk:statementCount ?n ; nk:reportedModality ?m .
                      OPTIONAL { ?r nk:latestDate ?l } }
           BIND(COALESCE(STR(?l), '') AS ?latest)
         } GROUP BY ?t ?d ?n ?latest",
    )?)
}

/// The same, aggregated from the fact nodes of the articles.
fn aggregated(store: &NewsStore) -> TestResult<Rows> {
    rows(select(
        store,
        "SELECT ?t ?d (COUNT(?f) AS ?n) (MAX(?when) AS ?latest)
                (GROUP_CONCAT(DISTINCT STR(?m); SEPARATOR=' ') AS ?mods) WHERE {
           GRAPH ?a { ?f rdf:predicate nk:travelsTo ; rdf:subject ?t ; rdf:object ?d ;
                        nk:modality ?m . OPTIONAL { ?f nk:timeStart ?s } }
           BIND(COALESCE(STR(?s), '') AS ?when)
         } GROUP BY ?t ?d",
    )?)
}

fn rows(rows: Vec<Vec<(String, String)>>) -> TestResult<Rows> {
    Ok(rows
        .iter()
        .map(|r| {
            let mut mods: Vec<&str> = get(r, "mods").split(' ').collect();
            mods.sort_unstable();
            mods.dedup();
            (
                get(r, "t").to_owned(),
                get(r, "d").to_owned(),
                get(r, "n").to_owned(),
                get(r, "latest").to_owned(),
                mods.join(" "),
            )
        })
        .collect())
}

/// (destination, rank, traveller) of the ranked summaries.
fn ranked(store: &NewsStore) -> TestResult<BTreeSet<(String, String, String)>> {
    Ok(select(
        store,
        "SELECT ?d ?rank ?t WHERE { ?r nk:topTravellerTo ?d ; nk:rank ?rank ; nk:traveller ?t }",
    )?
    .iter()
    .map(|r| {
        (
            get(r, "d").into(),
            get(r, "rank").into(),
            get(r, "t").into(),
        )
    })
    .collect())
}

/// The ranking of `rows`: per destination, most statements, then the latest date, then
/// traveller IRI; the first ten.
fn expected_ranks(rows: &Rows) -> BTreeSet<(String, String, String)> {
    let mut by_destination: BTreeMap<&str, Vec<(i64, &str, &str)>> = BTreeMap::new();
    for (t, d, n, latest, _) in rows {
        by_destination
            .entry(d)
            .or_default()
            .push((n.parse().unwrap_or(0), latest, t));
    }
    let mut out = BTreeSet::new();
    for (d, mut travellers) in by_destination {
        travellers.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(a.1)).then(a.2.cmp(b.2)));
        for (i, (_, _, t)) in travellers.iter().take(newskg::store::TOP).enumerate() {
            out.insert((d.to_owned(), (i + 1).to_string(), (*t).to_owned()));
        }
    }
    out
}

/// The summaries equal the aggregate over the articles, the ranks are right, nothing is pending.
fn check(store: &NewsStore, when: &str) -> TestResult {
    let want = aggregated(store)?;
    assert_eq!(stored(store)?, want, "travel summaries {when}");
    assert_eq!(ranked(store)?, expected_ranks(&want), "ranks {when}");
    let pending = select(store, "SELECT ?d WHERE { ?g nk:pendingDestination ?d }")?;
    assert!(
        pending.is_empty(),
        "pending destinations {when}: {pending:?}"
    );
    Ok(())
}

fn iri(kind: &str, slug: &str) -> String {
    format!("https://w3id.org/newskg/id/{kind}/{slug}")
}

#[test]
fn travel_summaries_follow_loads_replacements_and_removals() -> TestResult {
    let dir = tempfile::tempdir()?;
    let docs = docs();
    let store = NewsStore::open(&dir.path().join("s"))?;
    // Two bulk batches: the second raises summaries written by the first.
    store.load_articles(map_all(&docs[..2])?)?;
    check(&store, "after the first batch")?;
    store.load_articles(map_all(&docs[2..])?)?;
    check(&store, "after the second batch")?;
    // By construction: Omar Nash goes to Vestby in three statements (two in b, one in c), the
    // latest dated 2026-03-04, planned and asserted; he ranks first there.
    let omar = (
        iri("person", "omar-nash"),
        iri("place", "vestby"),
        "3".to_owned(),
        "2026-03-04".to_owned(),
        "https://w3id.org/newskg/ontology#Asserted https://w3id.org/newskg/ontology#Planned"
            .to_owned(),
    );
    assert!(stored(&store)?.contains(&omar), "{:?}", stored(&store)?);
    let first = (
        iri("place", "vestby"),
        "1".to_owned(),
        iri("person", "omar-nash"),
    );
    assert!(ranked(&store)?.contains(&first));
    assert_eq!(
        ranked(&store)?
            .iter()
            .filter(|(d, _, _)| d.ends_with("/vestby"))
            .count(),
        10
    );

    // Removing an article lowers a ranked traveller (the whole destination is re-ranked);
    // replacing one with a version whose trips go elsewhere, undated.
    let moved = trips_doc("c", &[("Omar Nash", "Oslo", None, Modality::Negated)]);
    rewrite_and_compare(&store, &docs, moved, dir.path(), &check)?;

    // Removing everything leaves no travel summary.
    for id in ["a", "b", "c", "d"] {
        assert!(store.remove_article(id)?);
    }
    assert!(stored(&store)?.is_empty());
    assert!(ranked(&store)?.is_empty());
    Ok(())
}

#[test]
fn a_pending_destination_is_recounted_when_the_store_is_next_opened() -> TestResult {
    let vestby = oxigraph::model::NamedNode::new(iri("place", "vestby"))?;
    let damage = Damage {
        article: "d",
        marked: 2, // the week and Vestby
        property: newskg::vocab::nk::DESTINATION,
        value: vestby.as_ref().into(),
    };
    recounted_after_a_crash(&docs(), &damage, &check)
}

#[test]
fn the_reference_query_reads_the_ten_travellers_of_a_city() -> TestResult {
    let dir = tempfile::tempdir()?;
    let store = NewsStore::open(&dir.path().join("s"))?;
    store.load_articles(map_all(&docs())?)?;
    let query = std::fs::read_to_string(root().join("benches/queries/who-travels-where.rq"))?
        .replace("@CITY_SLUG@", "vestby");
    let rows = select(&store, &query)?;
    assert_eq!(rows.len(), 10);
    let want = aggregated(&store)?;
    let ranks = expected_ranks(&want);
    for row in &rows {
        let traveller = get(row, "traveller");
        let (_, _, n, latest, mods) = want
            .iter()
            .find(|r| r.0 == traveller && r.1.ends_with("/vestby"))
            .ok_or("a traveller the articles do not send to Vestby")?;
        assert_eq!(get(row, "statements"), n);
        assert_eq!(get(row, "latest"), latest);
        let mut modalities: Vec<&str> = get(row, "modalities").split(' ').collect();
        modalities.sort_unstable();
        let short: Vec<&str> = mods
            .split(' ')
            .filter_map(|m| m.split('#').nth(1))
            .collect();
        assert_eq!(modalities, short);
        assert!(!get(row, "name").is_empty());
        assert!(ranks.contains(&(
            iri("place", "vestby"),
            get(row, "rank").to_owned(),
            traveller.to_owned()
        )));
    }
    Ok(())
}
