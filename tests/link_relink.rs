//! Relinking what a store holds: node migration to KB-derived IRIs, in one transaction.

use newskg::link::relink::{Migration, apply, link_quads, plan};
use newskg::link::{KbFormat, KbIndex, KbSource, Linker, builtin_sources};
use newskg::ontology::Ontology;
use oxigraph::model::{GraphNameRef, Literal, NamedNode, Quad, Term};
use oxigraph::store::Store;

type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

const BASE: &str = "http://example.org/news/";
const NK: &str = "https://w3id.org/newskg/ontology#";
const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const RDFS_LABEL: &str = "http://www.w3.org/2000/01/rdf-schema#label";
const SKOS_ALT: &str = "http://www.w3.org/2004/02/skos/core#altLabel";
const SAME_AS: &str = "http://www.w3.org/2002/07/owl#sameAs";

/// A name that would break a query built by string concatenation.
const NASTY: &str = "Acme \"Quoted\"> } Holdings\nLtd";

fn kb() -> String {
    format!(
        r#"<http://www.wikidata.org/entity/Q22316> <http://www.w3.org/2000/01/rdf-schema#label> "John Kerry"@en .
<http://www.wikidata.org/entity/Q22316> <http://www.w3.org/2004/02/skos/core#altLabel> "Kerry"@en .
<http://www.wikidata.org/entity/Q22316> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.wikidata.org/entity/Q5> .
<http://www.wikidata.org/entity/Q649> <http://www.w3.org/2000/01/rdf-schema#label> "Moscow"@en .
<http://www.wikidata.org/entity/Q649> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.wikidata.org/entity/Q515> .
<http://www.wikidata.org/entity/Q4242> <http://www.w3.org/2000/01/rdf-schema#label> {} .
<http://www.wikidata.org/entity/Q4242> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.wikidata.org/entity/Q43229> .
"#,
        Literal::new_language_tagged_literal_unchecked(NASTY, "en")
    )
}

fn n(iri: &str) -> NamedNode {
    NamedNode::new_unchecked(iri)
}

fn entities_graph() -> NamedNode {
    n(&format!("{BASE}graph/entities"))
}

/// Two articles: one says "Kerry" travels to Moscow, the other mentions the nasty organisation.
fn store() -> Result<Store> {
    let store = Store::new()?;
    let g = entities_graph();
    let add_entity = |iri: &str, class: &str, label: &str| -> Result {
        store.insert(&Quad::new(
            n(iri),
            n(RDF_TYPE),
            n(&format!("{NK}{class}")),
            g.clone(),
        ))?;
        store.insert(&Quad::new(
            n(iri),
            n(RDFS_LABEL),
            Literal::new_simple_literal(label),
            g.clone(),
        ))?;
        Ok(())
    };
    add_entity(&format!("{BASE}person/kerry"), "Person", "Kerry")?;
    add_entity(&format!("{BASE}place/moscow"), "City", "Moscow")?;
    add_entity(&format!("{BASE}organization/acme"), "Organization", NASTY)?;
    add_entity(
        &format!("{BASE}person/nobody-known"),
        "Person",
        "Nobody Known",
    )?;
    for (article, entities) in [
        (
            "a1",
            vec!["person/kerry", "place/moscow", "person/nobody-known"],
        ),
        ("a2", vec!["organization/acme"]),
    ] {
        let a = n(&format!("{BASE}article/{article}"));
        let graph = n(&format!("{BASE}article/{article}"));
        for e in entities {
            store.insert(&Quad::new(
                a.clone(),
                n(&format!("{NK}mentions")),
                n(&format!("{BASE}{e}")),
                graph.clone(),
            ))?;
        }
    }
    let fact_graph = n(&format!("{BASE}article/a1"));
    store.insert(&Quad::new(
        n(&format!("{BASE}person/kerry")),
        n(&format!("{NK}travelsTo")),
        n(&format!("{BASE}place/moscow")),
        fact_graph,
    ))?;
    Ok(store)
}

fn linker() -> Result<Linker> {
    let ontology = Ontology::builtin()?;
    let mut sources = builtin_sources(false)?;
    sources.push(KbSource::from_reader(
        kb().as_bytes(),
        KbFormat::NTriples,
        "kb.nt".as_ref(),
        false,
    )?);
    Ok(Linker::new(KbIndex::new(&sources, &ontology), &ontology))
}

fn same_as(m: &Migration) -> Vec<Quad> {
    link_quads(BASE, entities_graph().as_ref(), m)
}

fn uses(store: &Store, iri: &str) -> Result<usize> {
    let node = n(iri);
    let mut count = store
        .quads_for_pattern(Some(node.as_ref().into()), None, None, None)
        .count();
    count += store
        .quads_for_pattern(None, None, Some(node.as_ref().into()), None)
        .count();
    Ok(count)
}

#[test]
fn relinking_migrates_every_quad_of_a_node_in_one_go() -> Result {
    let store = store()?;
    let linker = linker()?;
    let g = entities_graph();
    let (migrations, stats) = plan(&store, &linker, BASE, g.as_ref())?;
    assert_eq!(stats.entities, 4);
    assert_eq!(stats.newly_linked, 3, "{migrations:?}");
    let rewritten = apply(&store, &migrations, g.as_ref(), same_as)?;
    assert!(rewritten >= 7);
    // Nothing refers to the old IRIs any more.
    for old in ["person/kerry", "place/moscow", "organization/acme"] {
        assert_eq!(uses(&store, &format!("{BASE}{old}"))?, 0, "{old}");
    }
    // The fact now joins the new nodes, in its article graph.
    let kerry = n(&format!("{BASE}wikidata/Q22316"));
    let moscow = n(&format!("{BASE}wikidata/Q649"));
    let article_graph = n(&format!("{BASE}article/a1"));
    assert!(store.contains(&Quad::new(
        kerry.clone(),
        n(&format!("{NK}travelsTo")),
        moscow,
        article_graph
    ))?);
    assert!(store.contains(&Quad::new(
        kerry.clone(),
        n(SAME_AS),
        n("http://www.wikidata.org/entity/Q22316"),
        g.clone()
    ))?);
    // The unknown person keeps its local IRI and gets no sameAs.
    let nobody = n(&format!("{BASE}person/nobody-known"));
    assert_eq!(
        store
            .quads_for_pattern(
                Some(nobody.as_ref().into()),
                Some(n(SAME_AS).as_ref()),
                None,
                None
            )
            .count(),
        0
    );
    assert!(uses(&store, nobody.as_str())? > 0);
    // The name with quotes, brackets, braces and a newline went through untouched.
    let acme = n(&format!("{BASE}wikidata/Q4242"));
    let label = Literal::new_simple_literal(NASTY);
    assert!(store.contains(&Quad::new(
        acme.clone(),
        n(RDFS_LABEL),
        label.clone(),
        g.clone()
    ))?);
    // ...and SPARQL over it with a bound value (not concatenated text) finds it.
    let query = oxigraph::sparql::SparqlEvaluator::new()
        .parse_query("SELECT ?e ?name WHERE { GRAPH ?g { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?name } }")?
        .substitute_variable(oxigraph::sparql::Variable::new("name")?, label);
    if let oxigraph::sparql::QueryResults::Solutions(solutions) =
        query.on_store(&store).execute()?
    {
        let found: Vec<Term> = solutions
            .filter_map(|s| s.ok())
            .filter_map(|s| s.get("e").cloned())
            .collect();
        assert_eq!(found, vec![Term::NamedNode(acme)]);
    } else {
        return Err("expected solutions".into());
    }
    // Running again finds nothing new to do.
    let (again, stats) = plan(&store, &linker, BASE, g.as_ref())?;
    assert!(again.is_empty());
    assert_eq!(stats.already_linked, 3);
    Ok(())
}

#[test]
fn merging_into_an_existing_node_keeps_one_label() -> Result {
    let store = store()?;
    let g = entities_graph();
    // Another article already produced the linked node, labelled with the full name.
    let kerry = n(&format!("{BASE}wikidata/Q22316"));
    store.insert(&Quad::new(
        kerry.clone(),
        n(RDF_TYPE),
        n(&format!("{NK}Person")),
        g.clone(),
    ))?;
    store.insert(&Quad::new(
        kerry.clone(),
        n(RDFS_LABEL),
        Literal::new_simple_literal("John Kerry"),
        g.clone(),
    ))?;
    store.insert(&Quad::new(
        kerry.clone(),
        n(SAME_AS),
        n("http://www.wikidata.org/entity/Q22316"),
        g.clone(),
    ))?;
    let linker = linker()?;
    let (migrations, _) = plan(&store, &linker, BASE, g.as_ref())?;
    apply(&store, &migrations, g.as_ref(), same_as)?;
    let labels: Vec<_> = store
        .quads_for_pattern(
            Some(kerry.as_ref().into()),
            Some(n(RDFS_LABEL).as_ref()),
            None,
            Some(GraphNameRef::NamedNode(g.as_ref())),
        )
        .collect::<std::result::Result<_, _>>()?;
    assert_eq!(labels.len(), 1);
    assert_eq!(
        labels[0].object,
        Term::Literal(Literal::new_simple_literal("John Kerry"))
    );
    assert!(store.contains(&Quad::new(
        kerry,
        n(SKOS_ALT),
        Literal::new_simple_literal("Kerry"),
        g
    ))?);
    Ok(())
}

/// Relinking reads what the store kept of an article (its title and evidence sentences) as
/// context: of two people who share a name, the one the article's words describe wins, even
/// when the other is the more prominent in the KB.
#[test]
fn relinking_uses_the_stored_sentences_as_context() -> Result {
    const MARSH: &str = "Ellen Marsh";
    let kb = r#"<http://www.wikidata.org/entity/Q900001> <http://www.w3.org/2000/01/rdf-schema#label> "Ellen Marsh"@en .
<http://www.wikidata.org/entity/Q900001> <http://schema.org/description> "British novelist"@en .
<http://www.wikidata.org/entity/Q900001> <http://www.w3.org/2004/02/skos/core#altLabel> "E. Marsh"@en .
<http://www.wikidata.org/entity/Q900001> <http://www.w3.org/2004/02/skos/core#altLabel> "Ellen M. Marsh"@en .
<http://www.wikidata.org/entity/Q900001> <http://www.wikidata.org/prop/direct/P27> <http://www.wikidata.org/entity/Q145> .
<http://www.wikidata.org/entity/Q900001> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.wikidata.org/entity/Q5> .
<http://www.wikidata.org/entity/Q900002> <http://www.w3.org/2000/01/rdf-schema#label> "Ellen Marsh"@en .
<http://www.wikidata.org/entity/Q900002> <http://schema.org/description> "Australian swimmer"@en .
<http://www.wikidata.org/entity/Q900002> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.wikidata.org/entity/Q5> .
"#;
    let ontology = Ontology::builtin()?;
    let sources = vec![KbSource::from_reader(
        kb.as_bytes(),
        KbFormat::NTriples,
        "kb.nt".as_ref(),
        false,
    )?];
    let linker = Linker::new(KbIndex::new(&sources, &ontology), &ontology);

    let store = Store::new()?;
    let person = n(&format!("{BASE}person/ellen-marsh"));
    let g = entities_graph();
    store.insert(&Quad::new(
        person.clone(),
        n(RDF_TYPE),
        n(&format!("{NK}Person")),
        g.clone(),
    ))?;
    store.insert(&Quad::new(
        person.clone(),
        n(RDFS_LABEL),
        Literal::new_simple_literal(MARSH),
        g,
    ))?;
    let article = n(&format!("{BASE}article/pool"));
    store.insert(&Quad::new(
        article.clone(),
        n(&format!("{NK}mentions")),
        person.clone(),
        article.clone(),
    ))?;
    let before = plan(&store, &linker, BASE, entities_graph().as_ref())?.0;
    let chosen = |m: &[Migration]| m.first().map(|m| m.link.iri.clone());

    // The article's only stored words: one evidence sentence that says what she does.
    let sentence = n(&format!("{BASE}article/pool/sentence/0-52"));
    for (p, o) in [
        (
            "text",
            Literal::new_simple_literal("The swimmer Ellen Marsh said she would race in Perth."),
        ),
        (
            "startOffset",
            Literal::new_typed_literal("0", n("http://www.w3.org/2001/XMLSchema#integer")),
        ),
    ] {
        store.insert(&Quad::new(
            sentence.clone(),
            n(&format!("{NK}{p}")),
            o,
            article.clone(),
        ))?;
    }
    let after = plan(&store, &linker, BASE, entities_graph().as_ref())?.0;
    assert_eq!(
        chosen(&after).as_deref(),
        Some("http://www.wikidata.org/entity/Q900002"),
        "with the sentence: the swimmer (before: {:?})",
        chosen(&before)
    );
    assert_ne!(
        chosen(&before),
        chosen(&after),
        "the sentence made the choice"
    );
    Ok(())
}
