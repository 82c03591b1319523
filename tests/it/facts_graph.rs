//! The shared facts graph: every fact triple is one quad however many articles state it, the
//! union of all graphs holds no triple twice, and removing or replacing articles keeps a triple
//! exactly as long as some article states it.

use newskg::NewsStore;
use newskg::facts::FactsDocument;

use crate::common::*;
use crate::pipeline::{get, kerry_doc, select};

const TRAVELS: &str = "SELECT ?s ?o WHERE { ?s nk:travelsTo ?o }";

/// Triples that the union default graph yields more than once.
fn repeated(store: &NewsStore) -> TestResult<Vec<Vec<(String, String)>>> {
    select(
        store,
        "SELECT ?s ?p ?o (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?s ?p ?o HAVING (COUNT(*) > 1)",
    )
}

#[test]
fn a_triple_stated_by_several_articles_is_matched_once() -> TestResult {
    let dir = tempfile::tempdir()?;
    let store = NewsStore::open(&dir.path().join("s"))?;
    let docs = [
        kerry_doc("a", "Kerry", None),
        kerry_doc("b", "John Kerry", None),
        kerry_doc("c", "Kerry", None),
    ];
    // Two through the bulk loader, one replaced in a transaction.
    store.load_articles(map_all(&docs[..2])?)?;
    store.load_articles(map_all(&docs[2..])?)?;
    store.replace_article(&map_all(&docs[..1])?[0])?;
    let rows = select(&store, TRAVELS)?;
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(get(&rows[0], "s").ends_with("/wikidata/Q22316"));
    // Each article still has its own fact node and evidence.
    let nodes = select(
        &store,
        "SELECT ?g WHERE { GRAPH ?g { ?f a nk:Fact ; rdf:predicate nk:travelsTo } }",
    )?;
    assert_eq!(nodes.len(), 3);
    assert!(repeated(&store)?.is_empty(), "{:?}", repeated(&store)?);
    Ok(())
}

#[test]
fn the_union_of_the_example_store_has_no_repeated_triple() -> TestResult {
    let dir = tempfile::tempdir()?;
    let store = example_store(dir.path())?;
    assert!(repeated(&store)?.is_empty(), "{:?}", repeated(&store)?);
    Ok(())
}

#[test]
fn a_fact_triple_lives_as_long_as_an_article_states_it() -> TestResult {
    let dir = tempfile::tempdir()?;
    let store = NewsStore::open(&dir.path().join("s"))?;
    let docs = [kerry_doc("a", "Kerry", None), kerry_doc("b", "Kerry", None)];
    store.load_articles(map_all(&docs)?)?;
    assert!(store.remove_article("a")?);
    assert_eq!(select(&store, TRAVELS)?.len(), 1, "b still states it");
    // Replacing b with a version that no longer states the fact removes the triple.
    let mut without: FactsDocument = docs[1].clone();
    without.facts.clear();
    store.replace_article(&map_all(&[without])?[0])?;
    assert!(select(&store, TRAVELS)?.is_empty());
    // And removing the last article that states a triple removes it.
    store.load_articles(map_all(&docs[..1])?)?;
    assert_eq!(select(&store, TRAVELS)?.len(), 1);
    assert!(store.remove_article("a")?);
    assert!(select(&store, TRAVELS)?.is_empty());
    Ok(())
}

#[test]
fn building_removing_and_rebuilding_gives_the_same_dataset() -> TestResult {
    let dir = tempfile::tempdir()?;
    let docs = [
        kerry_doc("a", "Kerry", None),
        kerry_doc("b", "John Kerry", None),
    ];
    let once = NewsStore::open(&dir.path().join("once"))?;
    once.load_articles(map_all(&docs)?)?;
    let again = NewsStore::open(&dir.path().join("again"))?;
    again.load_articles(map_all(&docs)?)?;
    assert!(again.remove_article("a")?);
    assert!(again.remove_article("b")?);
    again.load_articles(map_all(&docs)?)?;
    assert!(isomorphic(
        &parse_nquads(&nquads(&once)?)?,
        &parse_nquads(&nquads(&again)?)?
    )?);
    Ok(())
}

#[test]
fn articles_carry_their_iso_week() -> TestResult {
    let dir = tempfile::tempdir()?;
    let store = example_store(dir.path())?;
    let rows = select(
        &store,
        "SELECT ?a ?d ?w WHERE { ?a nk:datePublished ?d ; nk:publishedWeek ?w }",
    )?;
    assert!(!rows.is_empty());
    for row in &rows {
        let expected = newskg::map::iso_week(get(row, "d")).ok_or("bad date")?;
        assert_eq!(get(row, "w"), expected);
    }
    Ok(())
}
