//! facts → map → store: acceptance query, determinism, replacement, removal, label merging.

use newskg::facts::Link;
use newskg::store::StoreError;
use newskg::{FactsDocument, NewsStore};
use oxigraph::model::Term;
use oxigraph::sparql::QueryResults;

use crate::common::*;

/// Rows of a SELECT query, each as (variable, value as string) pairs.
pub(crate) fn select(store: &NewsStore, query: &str) -> TestResult<Vec<Vec<(String, String)>>> {
    let QueryResults::Solutions(solutions) = store.query(query)? else {
        return Err("not a SELECT".into());
    };
    let mut rows = Vec::new();
    for solution in solutions {
        let solution = solution?;
        rows.push(
            solution
                .iter()
                .map(|(v, t)| {
                    let value = match t {
                        Term::Literal(l) => l.value().to_owned(),
                        Term::NamedNode(n) => n.as_str().to_owned(),
                        other => other.to_string(),
                    };
                    (v.as_str().to_owned(), value)
                })
                .collect(),
        );
    }
    Ok(rows)
}

pub(crate) fn get<'a>(row: &'a [(String, String)], var: &str) -> &'a str {
    row.iter()
        .find(|(v, _)| v == var)
        .map(|(_, x)| x.as_str())
        .unwrap_or_default()
}

#[test]
fn acceptance_query_finds_travel_spokesperson_and_brokered_talks_with_evidence() -> TestResult {
    let dir = tempfile::tempdir()?;
    let store = example_store(dir.path())?;
    // The documented pattern: from the fact triple to its fact node and evidence sentence.
    let rows = select(
        &store,
        "SELECT ?p ?s ?o ?sentence ?start ?end WHERE {
           VALUES ?p { nk:travelsTo nk:spokespersonOf nk:brokers }
           ?s ?p ?o .
           GRAPH ?article {
             ?fact rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; nk:evidence ?e .
             ?e nk:text ?sentence ; nk:startOffset ?start ; nk:endOffset ?end .
           }
           ?article nk:title ?title .
           FILTER(STRENDS(STR(?article), '/article/ellison-nairobi'))
         }",
    )?;
    let text = example_doc("ellison-nairobi.json")?
        .article
        .text
        .ok_or("no text")?;
    let chars: Vec<char> = text.chars().collect();
    for predicate in ["travelsTo", "spokespersonOf", "brokers"] {
        let row = rows
            .iter()
            .find(|r| get(r, "p").ends_with(&format!("#{predicate}")))
            .ok_or(format!("no {predicate} fact with evidence"))?;
        let (start, end): (usize, usize) = (get(row, "start").parse()?, get(row, "end").parse()?);
        let expected: String = chars[start..end].iter().collect();
        assert_eq!(
            get(row, "sentence"),
            expected,
            "offsets of the {predicate} evidence"
        );
    }
    // The object of nk:brokers is an nk:Talks event (and so an nk:Event through the ontology).
    let talks = select(
        &store,
        "SELECT ?envoy ?talks WHERE {
           ?e nk:brokers ?t . ?t a nk:Talks . ?t a/rdfs:subClassOf nk:Event .
           ?e rdfs:label ?envoy . ?t rdfs:label ?talks }",
    )?;
    assert_eq!(talks.len(), 1);
    assert_eq!(get(&talks[0], "envoy"), "Ingrid Halvorsen");
    assert!(get(&talks[0], "sentence").is_empty());
    let travel = select(
        &store,
        "SELECT ?to WHERE { ?p rdfs:label \"Margaret Ellison\" ; nk:travelsTo/rdfs:label ?to }",
    )?;
    let mut places: Vec<&str> = travel.iter().map(|r| get(r, "to")).collect();
    places.sort_unstable();
    assert_eq!(places, ["Nairobi", "Washington"]);
    Ok(())
}

#[test]
fn provenance_of_a_fact_is_complete() -> TestResult {
    let dir = tempfile::tempdir()?;
    let store = example_store(dir.path())?;
    let rows = select(
        &store,
        "SELECT ?confidence ?modality ?extractor ?version ?article ?from ?to ?trigger WHERE {
           ?fact rdf:predicate nk:travelsTo ; rdf:object/rdfs:label \"Nairobi\" ;
                 nk:confidence ?confidence ; nk:modality/rdfs:label ?modality ;
                 prov:wasAttributedTo ?x ; prov:wasDerivedFrom ?article ;
                 nk:timeStart ?from ; nk:timeEnd ?to ; nk:triggerText ?trigger .
           ?x schema:name ?extractor ; schema:softwareVersion ?version .
           ?fact prov:wasGeneratedBy/prov:wasAssociatedWith ?x .
         }",
    )?;
    assert_eq!(rows.len(), 1, "{rows:?}");
    let row = &rows[0];
    assert_eq!(get(row, "modality"), "planned");
    assert_eq!(get(row, "extractor"), "hand-annotation");
    assert_eq!(get(row, "from"), "2026-04-13");
    assert_eq!(get(row, "trigger"), "will travel to");
    assert!(get(row, "article").ends_with("/article/ellison-nairobi"));
    Ok(())
}

#[test]
fn building_twice_gives_the_same_dataset() -> TestResult {
    let dir = tempfile::tempdir()?;
    let store = example_store(dir.path())?;
    let first = parse_nquads(&nquads(&store)?)?;
    // Second load: the articles exist, so they are replaced in transactions.
    let docs = vec![
        example_doc("ellison-nairobi.json")?,
        example_doc("harbour-strike.json")?,
    ];
    let mapped = map_all(&docs)?;
    let summary = store.load_articles(&mapped)?; // borrowed articles work too
    assert_eq!((summary.added, summary.replaced), (0, 2));
    let second = parse_nquads(&nquads(&store)?)?;
    assert!(isomorphic(&first, &second)?, "rebuilding changed the store");
    Ok(())
}

#[test]
fn bulk_and_transactional_loading_agree() -> TestResult {
    let dir = tempfile::tempdir()?;
    let bulk = example_store(dir.path())?;
    let one_by_one = NewsStore::open(&dir.path().join("other"))?;
    let docs = vec![
        example_doc("harbour-strike.json")?,
        example_doc("ellison-nairobi.json")?,
    ];
    for mapped in map_all(&docs)? {
        one_by_one.replace_article(&mapped)?;
    }
    assert!(isomorphic(
        &parse_nquads(&nquads(&bulk)?)?,
        &parse_nquads(&nquads(&one_by_one)?)?
    )?);
    Ok(())
}

#[test]
fn removing_an_article_keeps_what_other_articles_say() -> TestResult {
    let dir = tempfile::tempdir()?;
    let store = example_store(dir.path())?;
    let label = |name: &str| -> TestResult<bool> {
        Ok(!select(
            &store,
            &format!("SELECT ?e WHERE {{ GRAPH ?g {{ ?e rdfs:label {name:?} }} }}"),
        )?
        .is_empty())
    };
    assert!(label("Margaret Ellison")? && label("Meridian Wire")?);
    assert!(store.remove_article("ellison-nairobi")?);
    assert!(!store.remove_article("ellison-nairobi")?);
    assert!(
        !label("Margaret Ellison")?,
        "the description of an entity nobody mentions any more stays"
    );
    assert!(
        label("Meridian Wire")?,
        "the publisher of the other article lost its description"
    );
    assert!(label("Anouk de Vries")?);
    assert_eq!(store.list_articles()?.len(), 1);
    assert!(select(&store, "SELECT ?f WHERE { ?f prov:wasDerivedFrom ?a . FILTER(STRENDS(STR(?a), 'ellison-nairobi')) }")?.is_empty());
    Ok(())
}

/// [`travel_doc`] for a name of John Kerry, linked to Wikidata, with an optional alias.
pub(crate) fn kerry_doc(id: &str, name: &str, alias: Option<&str>) -> FactsDocument {
    let mut doc = travel_doc(id, name);
    let kerry = &mut doc.entities[0];
    kerry.aliases = alias.map(|a| vec![a.to_owned()]).unwrap_or_default();
    kerry.links.push(Link {
        iri: "http://www.wikidata.org/entity/Q22316".into(),
        confidence: 0.9,
        method: Some("label".into()),
    });
    doc
}

#[test]
fn one_label_per_entity_whatever_the_order() -> TestResult {
    let dir = tempfile::tempdir()?;
    let docs = [
        kerry_doc("a", "Kerry", None),
        kerry_doc("b", "John Kerry", Some("Secretary Kerry")),
        kerry_doc("c", "Kerry", None),
    ];
    let mut dumps = Vec::new();
    for (i, order) in [[0, 1, 2], [2, 1, 0], [1, 0, 2]].iter().enumerate() {
        let store = NewsStore::open(&dir.path().join(format!("s{i}")))?;
        // Mix the bulk path (first article) and the transaction path (one at a time).
        let first: Vec<FactsDocument> = vec![docs[order[0]].clone()];
        store.load_articles(map_all(&first)?)?;
        for &j in &order[1..] {
            store.load_articles(map_all(std::slice::from_ref(&docs[j]))?)?;
        }
        let labels = select(
            &store,
            "SELECT ?l WHERE { <https://w3id.org/newskg/id/wikidata/Q22316> rdfs:label ?l }",
        )?;
        assert_eq!(labels.len(), 1, "{labels:?}");
        assert_eq!(get(&labels[0], "l"), "John Kerry");
        let alt = select(
            &store,
            "SELECT ?l WHERE { ?k owl:sameAs wd:Q22316 ; skos:altLabel ?l }",
        )?;
        let mut alt: Vec<&str> = alt.iter().map(|r| get(r, "l")).collect();
        alt.sort_unstable();
        assert_eq!(alt, ["Kerry", "Secretary Kerry"]);
        dumps.push(parse_nquads(&nquads(&store)?)?);
    }
    assert!(isomorphic(&dumps[0], &dumps[1])? && isomorphic(&dumps[0], &dumps[2])?);
    Ok(())
}

/// `newskg build` streams its chunks through one `ArticleLoader` (one bulk commit): labels merged
/// across batches, an id repeated while its first version is pending, and an article already in
/// the store must end as if the articles had been loaded one at a time.
#[test]
fn one_loader_for_many_batches_equals_loading_one_at_a_time() -> TestResult {
    let dir = tempfile::tempdir()?;
    let stored = kerry_doc("old", "Kerry", None);
    let batches = [
        vec![
            kerry_doc("a", "Kerry", None),
            travel_doc("b", "Elena Petrova"),
        ],
        vec![
            kerry_doc("c", "John Kerry", Some("Secretary Kerry")),
            kerry_doc("old", "Senator Kerry", None),
        ],
        vec![travel_doc("b", "Petrova"), kerry_doc("a", "Kerry", None)],
    ];
    let streamed = NewsStore::open(&dir.path().join("streamed"))?;
    streamed.load_articles(map_all(std::slice::from_ref(&stored))?)?;
    let mut loader = streamed.article_loader();
    for batch in &batches {
        loader.add(map_all(batch)?)?;
    }
    let summary = loader.commit()?;
    // a, b, c new (committed when b comes again); old, then b and a, replaced.
    assert_eq!((summary.added, summary.replaced), (3, 3), "{summary:?}");
    let one_by_one = NewsStore::open(&dir.path().join("one-by-one"))?;
    for doc in std::iter::once(&stored).chain(batches.iter().flatten()) {
        one_by_one.load_articles(map_all(std::slice::from_ref(doc))?)?;
    }
    let labels = select(
        &streamed,
        "SELECT ?l WHERE { <https://w3id.org/newskg/id/wikidata/Q22316> rdfs:label ?l }",
    )?;
    assert_eq!(labels.len(), 1, "{labels:?}");
    assert_eq!(get(&labels[0], "l"), "Senator Kerry");
    assert!(isomorphic(
        &parse_nquads(&nquads(&streamed)?)?,
        &parse_nquads(&nquads(&one_by_one)?)?
    )?);
    assert_eq!(streamed.article_count()?, 4);
    Ok(())
}

#[test]
fn link_provenance_is_recorded() -> TestResult {
    let dir = tempfile::tempdir()?;
    let store = NewsStore::open(&dir.path().join("s"))?;
    store.load_articles(map_all(&[kerry_doc("a", "John Kerry", None)])?)?;
    let rows = select(
        &store,
        "SELECT ?confidence ?method WHERE { ?l a nk:Link ; rdf:subject ?k ; rdf:predicate owl:sameAs ;
           rdf:object wd:Q22316 ; nk:confidence ?confidence ; nk:linkMethod ?method . ?k owl:sameAs wd:Q22316 }",
    )?;
    assert_eq!(rows.len(), 1);
    assert_eq!(get(&rows[0], "method"), "label");
    Ok(())
}

#[test]
fn hostile_names_give_valid_iris_and_faithful_labels() -> TestResult {
    let dir = tempfile::tempdir()?;
    let store = NewsStore::open(&dir.path().join("s"))?;
    let names = [
        "http://evil/> <x> <y",
        "Quote \" and \\ backslash",
        "line\nbreak\u{0}nul",
        "\u{200f}\u{200b}",
        "{x}",
    ];
    let mut docs = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let mut doc = kerry_doc(&format!("id {i} <>\"{{}}"), name, None);
        doc.entities[0].links.clear();
        docs.push(doc);
    }
    store.load_articles(map_all(&docs)?)?;
    for name in names {
        let QueryResults::Boolean(found) = store.query(&format!(
            "ASK {{ ?e rdfs:label {} }}",
            oxigraph::model::Literal::new_simple_literal(name)
        ))?
        else {
            return Err("not ASK".into());
        };
        assert!(found, "label {name:?} not stored faithfully");
    }
    // Every serialisation re-parses to the same dataset.
    let trig = String::from_utf8(newskg::export(
        &store,
        newskg::ExportFormat::TriG,
        None,
        Vec::new(),
    )?)?;
    assert!(isomorphic(
        &parse_trig(&trig)?,
        &parse_nquads(&nquads(&store)?)?
    )?);
    Ok(())
}

#[test]
fn store_refuses_unknown_format_versions_and_foreign_folders() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("s");
    drop(NewsStore::open(&path)?);
    std::fs::write(
        path.join("newskg.json"),
        r#"{"format": "newskg-store/0", "base": "https://w3id.org/newskg/id/"}"#,
    )?;
    assert!(matches!(
        NewsStore::open(&path),
        Err(StoreError::Version { .. })
    ));
    let foreign = dir.path().join("foreign");
    std::fs::create_dir(&foreign)?;
    std::fs::write(foreign.join("CURRENT"), "x")?;
    assert!(matches!(
        NewsStore::open(&foreign),
        Err(StoreError::NotAStore(_))
    ));
    assert!(matches!(
        NewsStore::open_existing(&dir.path().join("none")),
        Err(StoreError::Missing(_))
    ));
    Ok(())
}

#[test]
fn store_refuses_another_base() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("s");
    let base = newskg::Base::new("https://example.org/kg/")?;
    drop(NewsStore::open_with_base(&path, Some(&base))?);
    let store = NewsStore::open(&path)?;
    assert_eq!(store.base(), &base);
    drop(store);
    let other = newskg::Base::new("https://example.com/other/")?;
    assert!(matches!(
        NewsStore::open_with_base(&path, Some(&other)),
        Err(StoreError::BaseMismatch { .. })
    ));
    Ok(())
}

#[test]
fn a_second_writer_is_refused_at_once() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("s");
    let _first = NewsStore::open(&path)?;
    match NewsStore::open(&path) {
        Err(StoreError::InUse(p)) => assert_eq!(p, path),
        other => return Err(format!("expected InUse, got {other:?}").into()),
    }
    Ok(())
}

#[test]
fn queries_see_the_union_of_graphs_and_named_graphs() -> TestResult {
    let dir = tempfile::tempdir()?;
    let store = example_store(dir.path())?;
    let union = select(
        &store,
        "SELECT ?name WHERE { ?p a nk:Person ; rdfs:label ?name }",
    )?;
    assert!(union.len() >= 5);
    let one = select(
        &store,
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?f a nk:Fact ; rdf:predicate nk:spokespersonOf } }",
    )?;
    assert_eq!(one.len(), 2);
    let ontology = select(&store, "SELECT ?l WHERE { nk:brokers rdfs:label ?l }")?;
    assert_eq!(get(&ontology[0], "l"), "brokers");
    let Err(StoreError::Syntax(e)) = store.query("SELECT ?x WHERE { ?x ?y }") else {
        return Err("syntax error not reported".into());
    };
    assert!(e.to_string().contains("1:"), "{e}");
    Ok(())
}
