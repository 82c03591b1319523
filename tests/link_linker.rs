//! The linker on hand-made facts documents: normalisation, types, context, thresholds.

mod support;

use newskg::facts::{Article, Entity, FactsDocument, Span};
use newskg::link::{KbIndex, LinkRequest, Linker, builtin_sources};
use newskg::ontology::Ontology;
use support::{ENGLAND_KB, linker_over};

type Result<T = ()> = support::TestResult<T>;

const WD: &str = "http://www.wikidata.org/entity/";

/// A small KB in the sample's shape (coarse classes), with a few traps.
const KB: &str = r#"
<http://www.wikidata.org/entity/Q22316> <http://www.w3.org/2000/01/rdf-schema#label> "John Kerry"@en .
<http://www.wikidata.org/entity/Q22316> <http://www.w3.org/2004/02/skos/core#altLabel> "Kerry"@en .
<http://www.wikidata.org/entity/Q22316> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.wikidata.org/entity/Q215627> .
<http://www.wikidata.org/entity/Q90> <http://www.w3.org/2000/01/rdf-schema#label> "Paris"@en .
<http://www.wikidata.org/entity/Q90> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.wikidata.org/entity/Q27096213> .
<http://www.wikidata.org/entity/Q1065> <http://www.w3.org/2000/01/rdf-schema#label> "United Nations"@en .
<http://www.wikidata.org/entity/Q1065> <http://www.w3.org/2004/02/skos/core#altLabel> "U.N."@en .
<http://www.wikidata.org/entity/Q1065> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.wikidata.org/entity/Q43229> .
<http://www.wikidata.org/entity/Q30> <http://www.w3.org/2000/01/rdf-schema#label> "United States of America"@en .
<http://www.wikidata.org/entity/Q30> <http://www.w3.org/2004/02/skos/core#altLabel> "United States"@en .
<http://www.wikidata.org/entity/Q30> <http://www.w3.org/2004/02/skos/core#altLabel> "U.S."@en .
<http://www.wikidata.org/entity/Q30> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.wikidata.org/entity/Q27096213> .
<http://www.wikidata.org/entity/Q789915> <http://www.w3.org/2000/01/rdf-schema#label> "United States Department of State"@en .
<http://www.wikidata.org/entity/Q789915> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.wikidata.org/entity/Q43229> .
<http://www.wikidata.org/entity/Q39259> <http://www.w3.org/2000/01/rdf-schema#label> "Recep Tayyip Erdoğan"@en .
<http://www.wikidata.org/entity/Q39259> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.wikidata.org/entity/Q215627> .
<http://www.wikidata.org/entity/Q1> <http://www.w3.org/2000/01/rdf-schema#label> "Springfield"@en .
<http://www.wikidata.org/entity/Q1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.wikidata.org/entity/Q27096213> .
<http://www.wikidata.org/entity/Q2> <http://www.w3.org/2000/01/rdf-schema#label> "Springfield"@en .
<http://www.wikidata.org/entity/Q2> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.wikidata.org/entity/Q27096213> .
"#;

fn linker() -> Result<Linker> {
    linker_over(&[KB], "test.nt")
}

fn request(kind: &str, name: &str) -> LinkRequest {
    LinkRequest {
        kind: kind.into(),
        name: name.into(),
        aliases: Vec::new(),
        first_mention: None,
    }
}

fn linked(linker: &Linker, group: &[LinkRequest]) -> Vec<Option<String>> {
    linker
        .link_group(group)
        .into_iter()
        .map(|l| l.map(|l| l.iri.trim_start_matches(WD).to_owned()))
        .collect()
}

#[test]
fn labels_aliases_initials_diacritics_and_the() -> Result {
    let linker = linker()?;
    let got = linked(
        &linker,
        &[
            request("Person", "John Kerry"),
            request("Organization", "the U.N."),
            request("Organization", "UN"),
            request("Person", "Recep Tayyip Erdogan"),
            request("Country", "United States"),
        ],
    );
    let want = ["Q22316", "Q1065", "Q1065", "Q39259", "Q30"].map(|q| Some(q.to_owned()));
    assert_eq!(got, want);
    Ok(())
}

#[test]
fn a_person_never_links_to_a_city() -> Result {
    let linker = linker()?;
    assert_eq!(linked(&linker, &[request("Person", "Paris")]), vec![None]);
    assert_eq!(
        linked(&linker, &[request("City", "Paris")]),
        vec![Some("Q90".to_owned())]
    );
    // Positions and events are not linked at all.
    assert_eq!(linked(&linker, &[request("Position", "Paris")]), vec![None]);
    Ok(())
}

#[test]
fn place_qualified_names_and_titles() -> Result {
    let linker = linker()?;
    let got = linked(
        &linker,
        &[
            request("Organization", "Department of State"),
            request("Person", "Secretary Kerry"),
            request("Organization", "U.S. Department of State"),
            // Another place's department of state is not the United States'.
            request("Organization", "Paris Department of State"),
        ],
    );
    assert_eq!(
        got,
        vec![
            Some("Q789915".to_owned()),
            Some("Q22316".to_owned()),
            Some("Q789915".to_owned()),
            None
        ]
    );
    Ok(())
}

#[test]
fn surname_only_uses_the_full_name_seen_earlier_in_the_article() -> Result {
    let linker = linker()?;
    let mut erdogan = request("Person", "Recep Tayyip Erdogan");
    erdogan.first_mention = Some(10);
    let mut later = request("Person", "Erdogan");
    later.first_mention = Some(200);
    let got = linked(&linker, &[erdogan, later]);
    assert_eq!(
        got,
        vec![Some("Q39259".to_owned()), Some("Q39259".to_owned())]
    );
    Ok(())
}

#[test]
fn ambiguous_or_unknown_names_stay_unlinked() -> Result {
    let linker = linker()?;
    assert_eq!(
        linked(&linker, &[request("City", "Springfield")]),
        vec![None]
    );
    assert_eq!(
        linked(&linker, &[request("Person", "Staffan de Mistura")]),
        vec![None]
    );
    // A threshold above every confidence links nothing.
    let strict = linker.with_threshold(1.01);
    assert_eq!(
        linked(&strict, &[request("Person", "John Kerry")]),
        vec![None]
    );
    Ok(())
}

#[test]
fn link_document_adds_links_and_the_kb_label() -> Result {
    let linker = linker()?;
    let text = "Secretary Kerry flew to Paris.";
    let mut doc = FactsDocument::new(Article {
        id: "a1".into(),
        text: Some(text.into()),
        ..Article::default()
    });
    for (id, kind, name, start, end) in [
        ("e1", "Person", "Secretary Kerry", 0, 15),
        ("e2", "City", "Paris", 24, 29),
    ] {
        doc.entities.push(Entity {
            id: id.into(),
            kind: kind.into(),
            name: name.into(),
            aliases: Vec::new(),
            mentions: vec![Span { start, end }],
            links: Vec::new(),
        });
    }
    let stats = linker.link_document(&mut doc);
    assert_eq!((stats.candidates, stats.linked), (2, 2));
    assert_eq!(doc.entities[0].links[0].iri, format!("{WD}Q22316"));
    assert_eq!(doc.entities[0].name, "John Kerry");
    assert_eq!(doc.entities[0].aliases, vec!["Secretary Kerry".to_owned()]);
    let confidence = doc.entities[0].links[0].confidence;
    assert!(confidence > 0.0 && confidence <= 1.0);
    assert!(doc.entities[0].links[0].method.is_some());
    // The document stays valid.
    let ontology = Ontology::builtin()?;
    doc.validate(&ontology).map_err(|e| format!("{e:?}"))?;
    Ok(())
}

#[test]
fn default_kb_links_common_news_entities() -> Result {
    let ontology = Ontology::builtin()?;
    let linker = Linker::new(KbIndex::new(&builtin_sources(true)?, &ontology), &ontology);
    let got = linked(
        &linker,
        &[
            request("City", "Moscow"),
            request("Country", "Syria"),
            request("Country", "Russia"),
            request("Organization", "United Nations"),
            request("Person", "Vladimir Putin"),
            request("Organization", "Department of State"),
        ],
    );
    let want = ["Q649", "Q858", "Q159", "Q1065", "Q7747", "Q789915"].map(|q| Some(q.to_owned()));
    assert_eq!(got, want);
    Ok(())
}

/// Traps of news text (after `ENGLAND_KB`): places that name teams, acronyms, surnames,
/// nicknames, plurals.
const TRAPS: &str = r#"
<http://www.wikidata.org/entity/Q47762> <http://www.w3.org/2000/01/rdf-schema#label> "England national association football team"@en .
<http://www.wikidata.org/entity/Q47762> <http://www.w3.org/2004/02/skos/core#altLabel> "England"@en .
<http://www.wikidata.org/entity/Q47762> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.wikidata.org/entity/Q43229> .
<http://www.wikidata.org/entity/Q40469> <http://www.w3.org/2000/01/rdf-schema#label> "Associated Press"@en .
<http://www.wikidata.org/entity/Q40469> <http://www.w3.org/2004/02/skos/core#altLabel> "AP"@en .
<http://www.wikidata.org/entity/Q40469> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.wikidata.org/entity/Q43229> .
<http://www.wikidata.org/entity/Q162005> <http://www.w3.org/2000/01/rdf-schema#label> "Paul Allen"@en .
<http://www.wikidata.org/entity/Q162005> <http://www.w3.org/2004/02/skos/core#altLabel> "Allen"@en .
<http://www.wikidata.org/entity/Q162005> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.wikidata.org/entity/Q215627> .
<http://www.wikidata.org/entity/Q42493> <http://www.w3.org/2000/01/rdf-schema#label> "Katy Perry"@en .
<http://www.wikidata.org/entity/Q42493> <http://www.w3.org/2004/02/skos/core#altLabel> "Kate"@en .
<http://www.wikidata.org/entity/Q42493> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.wikidata.org/entity/Q215627> .
<http://www.wikidata.org/entity/Q160> <http://www.w3.org/2000/01/rdf-schema#label> "Kate Moss"@en .
<http://www.wikidata.org/entity/Q160> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.wikidata.org/entity/Q215627> .
<http://www.wikidata.org/entity/Q9626> <http://www.w3.org/2000/01/rdf-schema#label> "Conservative Party"@en .
<http://www.wikidata.org/entity/Q9626> <http://www.w3.org/2004/02/skos/core#altLabel> "Conservative"@en .
<http://www.wikidata.org/entity/Q9626> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.wikidata.org/entity/Q43229> .
<http://www.wikidata.org/entity/Q843> <http://www.w3.org/2000/01/rdf-schema#label> "Pakistan"@en .
<http://www.wikidata.org/entity/Q843> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.wikidata.org/entity/Q27096213> .
<http://www.wikidata.org/entity/Q843> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.wikidata.org/entity/Q43229> .
<http://www.wikidata.org/entity/Q1124> <http://www.w3.org/2000/01/rdf-schema#label> "Bill Clinton"@en .
<http://www.wikidata.org/entity/Q1124> <http://www.w3.org/2004/02/skos/core#altLabel> "Clinton"@en .
<http://www.wikidata.org/entity/Q1124> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.wikidata.org/entity/Q215627> .
<http://www.wikidata.org/entity/Q43723> <http://www.w3.org/2000/01/rdf-schema#label> "Benjamin Netanyahu"@en .
<http://www.wikidata.org/entity/Q43723> <http://www.w3.org/2004/02/skos/core#altLabel> "Netanyahu"@en .
<http://www.wikidata.org/entity/Q43723> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.wikidata.org/entity/Q215627> .
<http://www.wikidata.org/entity/Q30> <http://www.w3.org/2000/01/rdf-schema#label> "United States of America"@en .
<http://www.wikidata.org/entity/Q30> <http://www.w3.org/2004/02/skos/core#altLabel> "America"@en .
<http://www.wikidata.org/entity/Q30> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.wikidata.org/entity/Q27096213> .
<http://www.wikidata.org/entity/Q30> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.wikidata.org/entity/Q43229> .
<http://www.wikidata.org/entity/Q846570> <http://www.w3.org/2000/01/rdf-schema#label> "Americans"@en .
<http://www.wikidata.org/entity/Q846570> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.wikidata.org/entity/Q33829> .
"#;

fn trap_linker() -> Result<Linker> {
    linker_over(&[ENGLAND_KB, TRAPS], "traps.nt")
}

fn linked_in(linker: &Linker, group: &[LinkRequest], text: &str) -> Vec<Option<String>> {
    linker
        .link_group_in(group, Some(text))
        .into_iter()
        .map(|l| l.map(|l| l.iri.trim_start_matches(WD).to_owned()))
        .collect()
}

const RUGBY: &str = "England beat Samoa at the Rugby World Cup and the team now meets Tonga.";
const TRADE: &str = "England signed a trade deal with Norway on Tuesday, ministers said.";

#[test]
fn a_team_context_is_not_a_country() -> Result {
    let linker = trap_linker()?;
    // An organisation named after a country, in an article about rugby: the rugby team.
    assert_eq!(
        linked_in(&linker, &[request("Organization", "England")], RUGBY),
        vec![Some("Q378628".to_owned())]
    );
    // Typed as a place in the same article: the teams make the country too uncertain.
    assert_eq!(
        linked_in(&linker, &[request("Country", "England")], RUGBY),
        vec![None]
    );
    // In an article about trade, the place is the country.
    assert_eq!(
        linked_in(&linker, &[request("Country", "England")], TRADE),
        vec![Some("Q21".to_owned())]
    );
    Ok(())
}

#[test]
fn an_acronym_the_article_spells_out_is_that() -> Result {
    let linker = trap_linker()?;
    let defined = "Researchers tested an artificial pancreas (AP) for a year. The AP worked.";
    assert_eq!(
        linked_in(&linker, &[request("Organization", "AP")], defined),
        vec![None]
    );
    let agency = "Officials told the AP on Monday that talks would resume.";
    assert_eq!(
        linked_in(&linker, &[request("Organization", "AP")], agency),
        vec![Some("Q40469".to_owned())]
    );
    Ok(())
}

#[test]
fn a_surname_with_another_given_name_in_the_article_is_someone_else() -> Result {
    let linker = trap_linker()?;
    let other = "Cook overcame third-round leader Michael Allen by two shots.\n\nAllen shot 70.";
    assert_eq!(
        linked_in(&linker, &[request("Person", "Allen")], other),
        vec![None]
    );
    // The full name of someone else never links by its surname.
    assert_eq!(
        linked_in(&linker, &[request("Person", "Michael Allen")], other),
        vec![None]
    );
    let same = "Microsoft co-founder Paul Allen gave $10 million. Allen said it was a start.";
    assert_eq!(
        linked_in(&linker, &[request("Person", "Allen")], same),
        vec![Some("Q162005".to_owned())]
    );
    Ok(())
}

#[test]
fn a_given_name_alone_does_not_link_to_one_of_its_bearers() -> Result {
    let linker = trap_linker()?;
    let text = "Kate, 35, attended a reception at the palace on Tuesday.";
    assert_eq!(
        linked_in(&linker, &[request("Person", "Kate")], text),
        vec![None]
    );
    let named = "Katy Perry sang. Fans called Kate the star of the night.";
    assert_eq!(
        linked_in(&linker, &[request("Person", "Kate")], named),
        vec![Some("Q42493".to_owned())]
    );
    Ok(())
}

#[test]
fn plurals_and_demonyms_when_nothing_else_fits() -> Result {
    let linker = trap_linker()?;
    let got = linked_in(
        &linker,
        &[
            request("Organization", "Conservatives"),
            request("Country", "Pakistani"),
            // A country is an organisation too (its state).
            request("Organization", "Pakistani"),
            // A plural place is not the country one of whose names is its singular.
            request("Organization", "Americas"),
        ],
        "The Conservatives met Pakistani officials to talk about the Americas.",
    );
    assert_eq!(
        got,
        vec![
            Some("Q9626".to_owned()),
            Some("Q843".to_owned()),
            Some("Q843".to_owned()),
            None
        ]
    );
    // The people "Americans" outweighs the alias "America"'s plural: nothing is linked.
    assert_eq!(
        linked_in(
            &linker,
            &[request("Country", "Americans")],
            "Americans voted."
        ),
        vec![None]
    );
    Ok(())
}

#[test]
fn link_document_drops_an_upstream_link_the_article_contradicts() -> Result {
    let linker = trap_linker()?;
    let text = "JDRF funds artificial pancreas (AP) research. AP systems dose insulin.";
    let mut doc = FactsDocument::new(Article {
        id: "ap".into(),
        text: Some(text.into()),
        ..Article::default()
    });
    doc.entities.push(Entity {
        id: "e1".into(),
        kind: "Organization".into(),
        name: "Associated Press".into(),
        aliases: vec!["AP".into()],
        mentions: vec![Span { start: 38, end: 40 }],
        links: vec![newskg::facts::Link {
            iri: format!("{WD}Q40469"),
            confidence: 0.9,
            method: Some("lexicon".into()),
        }],
    });
    linker.link_document(&mut doc);
    assert!(
        doc.entities[0].links.is_empty(),
        "{:?}",
        doc.entities[0].links
    );
    Ok(())
}

#[test]
fn a_full_name_links_by_its_surname_only_with_the_same_initial() -> Result {
    let linker = trap_linker()?;
    let got = linked_in(
        &linker,
        &[
            request("Person", "Hillary Clinton"),
            request("Person", "Binyamin Netanyahu"),
        ],
        "Hillary Clinton met Binyamin Netanyahu in Jerusalem.",
    );
    assert_eq!(got, vec![None, Some("Q43723".to_owned())]);
    Ok(())
}
