//! The linker on hand-made facts documents: normalisation, types, context, thresholds.

mod support;

use newskg::facts::{Article, Entity, FactsDocument, Link, Span};
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

/// The Wikidata ids (`Q…`) of links, `None` where there is none.
fn ids(links: Vec<Option<Link>>) -> Vec<Option<String>> {
    links
        .into_iter()
        .map(|l| l.map(|l| l.iri.trim_start_matches(WD).to_owned()))
        .collect()
}

/// Expected answers of `linked` and `linked_in`, written `qids(&[Some("Q90"), None])`.
fn qids(ids: &[Option<&str>]) -> Vec<Option<String>> {
    ids.iter().map(|q| q.map(str::to_owned)).collect()
}

/// The ids the entities of `group` link to, linked together without an article.
fn linked(linker: &Linker, group: &[LinkRequest]) -> Vec<Option<String>> {
    ids(linker.link_group(group))
}

/// The ids the entities of `group` link to, linked together in the article `text`.
fn linked_in(linker: &Linker, group: &[LinkRequest], text: &str) -> Vec<Option<String>> {
    ids(linker.link_group_in(group, Some(text)))
}

/// The id the lone entity `kind` `name` links to (`None`: no link), in the article `text` when
/// one is given.
fn link_one(linker: &Linker, kind: &str, name: &str, text: Option<&str>) -> Result<Option<String>> {
    let group = [request(kind, name)];
    let answers = match text {
        Some(text) => linked_in(linker, &group, text),
        None => linked(linker, &group),
    };
    let [answer] = <[Option<String>; 1]>::try_from(answers)
        .map_err(|a| format!("{} answers to one request", a.len()))?;
    Ok(answer)
}

/// A facts document for the article `text`, with no entities yet.
fn article(id: &str, text: &str) -> FactsDocument {
    FactsDocument::new(Article {
        id: id.into(),
        text: Some(text.into()),
        ..Article::default()
    })
}

/// An entity mentioned once, at the characters `start..end`, with no alias and no link.
fn entity(id: &str, kind: &str, name: &str, start: usize, end: usize) -> Entity {
    Entity {
        id: id.into(),
        kind: kind.into(),
        name: name.into(),
        aliases: Vec::new(),
        mentions: vec![Span { start, end }],
        links: Vec::new(),
    }
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
    assert_eq!(link_one(&linker, "Person", "Paris", None)?, None);
    assert_eq!(
        link_one(&linker, "City", "Paris", None)?.as_deref(),
        Some("Q90")
    );
    // Positions and events are not linked at all.
    assert_eq!(link_one(&linker, "Position", "Paris", None)?, None);
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
        qids(&[Some("Q789915"), Some("Q22316"), Some("Q789915"), None])
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
    assert_eq!(got, qids(&[Some("Q39259"), Some("Q39259")]));
    Ok(())
}

#[test]
fn ambiguous_or_unknown_names_stay_unlinked() -> Result {
    let linker = linker()?;
    assert_eq!(link_one(&linker, "City", "Springfield", None)?, None);
    assert_eq!(
        link_one(&linker, "Person", "Staffan de Mistura", None)?,
        None
    );
    // A threshold above every confidence links nothing.
    let strict = linker.with_threshold(1.01);
    assert_eq!(link_one(&strict, "Person", "John Kerry", None)?, None);
    Ok(())
}

#[test]
fn link_document_adds_links_and_the_kb_label() -> Result {
    let linker = linker()?;
    let text = "Secretary Kerry flew to Paris.";
    let mut doc = article("a1", text);
    doc.entities = vec![
        entity("e1", "Person", "Secretary Kerry", 0, 15),
        entity("e2", "City", "Paris", 24, 29),
    ];
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

const RUGBY: &str = "England beat Samoa at the Rugby World Cup and the team now meets Tonga.";
const TRADE: &str = "England signed a trade deal with Norway on Tuesday, ministers said.";

#[test]
fn a_team_context_is_not_a_country() -> Result {
    let linker = trap_linker()?;
    // An organisation named after a country, in an article about rugby: the rugby team.
    assert_eq!(
        link_one(&linker, "Organization", "England", Some(RUGBY))?.as_deref(),
        Some("Q378628")
    );
    // Typed as a place in the same article: the teams make the country too uncertain.
    assert_eq!(link_one(&linker, "Country", "England", Some(RUGBY))?, None);
    // In an article about trade, the place is the country.
    assert_eq!(
        link_one(&linker, "Country", "England", Some(TRADE))?.as_deref(),
        Some("Q21")
    );
    Ok(())
}

#[test]
fn an_acronym_the_article_spells_out_is_that() -> Result {
    let linker = trap_linker()?;
    let defined = "Researchers tested an artificial pancreas (AP) for a year. The AP worked.";
    assert_eq!(
        link_one(&linker, "Organization", "AP", Some(defined))?,
        None
    );
    let agency = "Officials told the AP on Monday that talks would resume.";
    assert_eq!(
        link_one(&linker, "Organization", "AP", Some(agency))?.as_deref(),
        Some("Q40469")
    );
    Ok(())
}

#[test]
fn a_surname_with_another_given_name_in_the_article_is_someone_else() -> Result {
    let linker = trap_linker()?;
    let other = "Cook overcame third-round leader Michael Allen by two shots.\n\nAllen shot 70.";
    assert_eq!(link_one(&linker, "Person", "Allen", Some(other))?, None);
    // The full name of someone else never links by its surname.
    assert_eq!(
        link_one(&linker, "Person", "Michael Allen", Some(other))?,
        None
    );
    let same = "Microsoft co-founder Paul Allen gave $10 million. Allen said it was a start.";
    assert_eq!(
        link_one(&linker, "Person", "Allen", Some(same))?.as_deref(),
        Some("Q162005")
    );
    Ok(())
}

#[test]
fn a_given_name_alone_does_not_link_to_one_of_its_bearers() -> Result {
    let linker = trap_linker()?;
    let text = "Kate, 35, attended a reception at the palace on Tuesday.";
    assert_eq!(link_one(&linker, "Person", "Kate", Some(text))?, None);
    let named = "Katy Perry sang. Fans called Kate the star of the night.";
    assert_eq!(
        link_one(&linker, "Person", "Kate", Some(named))?.as_deref(),
        Some("Q42493")
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
        qids(&[Some("Q9626"), Some("Q843"), Some("Q843"), None])
    );
    // The people "Americans" outweighs the alias "America"'s plural: nothing is linked.
    assert_eq!(
        link_one(&linker, "Country", "Americans", Some("Americans voted."))?,
        None
    );
    Ok(())
}

#[test]
fn link_document_drops_an_upstream_link_the_article_contradicts() -> Result {
    let linker = trap_linker()?;
    let text = "JDRF funds artificial pancreas (AP) research. AP systems dose insulin.";
    let mut doc = article("ap", text);
    let mut agency = entity("e1", "Organization", "Associated Press", 38, 40);
    agency.aliases = vec!["AP".into()];
    agency.links = vec![Link {
        iri: format!("{WD}Q40469"),
        confidence: 0.9,
        method: Some("lexicon".into()),
    }];
    doc.entities.push(agency);
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
    assert_eq!(got, qids(&[None, Some("Q43723")]));
    Ok(())
}
