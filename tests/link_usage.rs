//! How an article uses the names of its places, judged on whole facts documents: teams named
//! after places, plural demonyms (the people), regions named only by their demonym. These rules
//! apply to the extractor's gazetteer links (method `lexicon`) as well as to the linker's own.

mod support;

use newskg::facts::{Article, Entity, FactsDocument, Link, Span};
use newskg::link::Linker;
use support::{ENGLAND_KB, linker_over};

type Result<T = ()> = support::TestResult<T>;

const WD: &str = "http://www.wikidata.org/entity/";

/// With `ENGLAND_KB`: places, teams named after them, a region; no entry for the small countries, so that
/// only the article can tell what their names stand for.
const KB: &str = r#"
<http://www.wikidata.org/entity/Q5> <http://www.w3.org/2000/01/rdf-schema#label> "Wales national rugby union team"@en .
<http://www.wikidata.org/entity/Q5> <http://www.w3.org/2004/02/skos/core#altLabel> "Wales"@en .
<http://www.wikidata.org/entity/Q5> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.wikidata.org/entity/Q43229> .
<http://www.wikidata.org/entity/Q41470> <http://www.w3.org/2000/01/rdf-schema#label> "Kurdistan"@en .
<http://www.wikidata.org/entity/Q41470> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.wikidata.org/entity/Q27096213> .
<http://www.wikidata.org/entity/Q858> <http://www.w3.org/2000/01/rdf-schema#label> "Syria"@en .
<http://www.wikidata.org/entity/Q858> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.wikidata.org/entity/Q27096213> .
<http://www.wikidata.org/entity/Q858> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.wikidata.org/entity/Q43229> .
"#;

fn linker() -> Result<Linker> {
    linker_over(&[ENGLAND_KB, KB], "usage.nt")
}

/// Character spans of each occurrence of `word` in `text`.
fn spans(text: &str, word: &str) -> Vec<Span> {
    text.match_indices(word)
        .map(|(b, w)| {
            let start = text[..b].chars().count();
            Span {
                start,
                end: start + w.chars().count(),
            }
        })
        .collect()
}

/// A document of `text` with one entity per (kind, name, surfaces, gazetteer QID).
fn document(text: &str, entities: &[(&str, &str, &[&str], Option<&str>)]) -> FactsDocument {
    let mut doc = FactsDocument::new(Article {
        id: "usage".into(),
        text: Some(text.into()),
        ..Article::default()
    });
    for (n, (kind, name, surfaces, qid)) in entities.iter().enumerate() {
        doc.entities.push(Entity {
            id: format!("e{n}"),
            kind: (*kind).into(),
            name: (*name).into(),
            aliases: Vec::new(),
            mentions: surfaces.iter().flat_map(|s| spans(text, s)).collect(),
            links: qid
                .iter()
                .map(|q| Link {
                    iri: format!("{WD}{q}"),
                    confidence: 0.9,
                    method: Some("lexicon".into()),
                })
                .collect(),
        });
    }
    doc
}

/// Each entity's Wikidata QID, if linked.
fn qids(doc: &FactsDocument) -> Vec<Option<String>> {
    doc.entities
        .iter()
        .map(|e| {
            e.links
                .iter()
                .find_map(|l| l.iri.strip_prefix(WD).map(str::to_owned))
        })
        .collect()
}

fn some(qid: &str) -> Option<String> {
    Some(qid.to_owned())
}

#[test]
fn places_that_share_a_sentence_with_a_team_are_teams() -> Result {
    let linker = linker()?;
    let text = "Tonga stunned the champions last weekend. England beat Tonga in a tense rugby \
                match, and the team now waits for its next opponent. The Tongan squad flew \
                home from France on Monday.";
    let mut doc = document(
        text,
        &[
            ("Place", "England", &["England"], None),
            ("Country", "Tonga", &["Tonga"], Some("Q678")),
            ("Country", "France", &["France"], Some("Q142")),
        ],
    );
    linker.link_document(&mut doc);
    // England is the rugby team (a rival of another type), so it is not linked to the place;
    // Tonga, beaten by it, is a team too; France, where the squad flew from, stays a country.
    assert_eq!(qids(&doc), vec![None, None, some("Q142")]);
    Ok(())
}

#[test]
fn places_in_an_article_that_is_not_about_sport_keep_their_links() -> Result {
    let linker = linker()?;
    let text = "England signed a trade deal with Tonga on Tuesday, ministers said.";
    let mut doc = document(
        text,
        &[
            ("Place", "England", &["England"], None),
            ("Country", "Tonga", &["Tonga"], Some("Q678")),
        ],
    );
    linker.link_document(&mut doc);
    assert_eq!(qids(&doc), vec![some("Q21"), some("Q678")]);
    Ok(())
}

#[test]
fn a_gazetteer_link_is_rejudged_when_the_kb_knows_a_team_of_that_name() -> Result {
    let linker = linker()?;
    // The KB knows no place "Wales", only the team: the article's words decide.
    let rugby = "Wales lost the rugby international, and the team flew home.";
    let mut doc = document(rugby, &[("Country", "Wales", &["Wales"], Some("Q25"))]);
    linker.link_document(&mut doc);
    assert_eq!(qids(&doc), vec![None]);
    let politics = "Wales voted on Thursday, and its parliament met the next day.";
    let mut doc = document(politics, &[("Country", "Wales", &["Wales"], Some("Q25"))]);
    linker.link_document(&mut doc);
    assert_eq!(qids(&doc), vec![some("Q25")]);
    // The same for a place the gazetteer and the KB both know.
    let text = "England won the rugby final, and the team celebrated.";
    let mut doc = document(text, &[("Country", "England", &["England"], Some("Q21"))]);
    linker.link_document(&mut doc);
    assert_eq!(qids(&doc), vec![None]);
    Ok(())
}

#[test]
fn plural_demonyms_name_the_people_not_the_country() -> Result {
    let linker = linker()?;
    let text = "The United States sent aid. Most Americans approve, a U.S. official said. \
                American diplomats agreed.";
    let mut doc = document(
        text,
        &[(
            "Country",
            "United States",
            &["United States", "Americans", "American diplomats"],
            Some("Q30"),
        )],
    );
    doc.entities[0].aliases.push("U.S.".into());
    doc.entities[0].mentions.extend(spans(text, "U.S."));
    // The adjective alone ("American diplomats" is the extractor's "American").
    let diplomats = spans(text, "American diplomats")[0];
    let adjective = Span {
        start: diplomats.start,
        end: diplomats.start + "American".len(),
    };
    doc.entities[0].mentions.retain(|m| *m != diplomats);
    doc.entities[0].mentions.push(adjective);
    let before = doc.entities[0].mentions.len();
    linker.link_document(&mut doc);
    assert_eq!(qids(&doc), vec![some("Q30")]);
    let americans = spans(text, "Americans")[0];
    let mentions = &doc.entities[0].mentions;
    assert_eq!(mentions.len(), before - 1);
    assert!(!mentions.contains(&americans));
    assert!(mentions.contains(&adjective));

    // Named by the plural demonym only: the people, no link (and the mentions stay).
    let text = "Many Syrians fled north last year.";
    let mut doc = document(text, &[("Country", "Syria", &["Syrians"], Some("Q858"))]);
    linker.link_document(&mut doc);
    assert_eq!(qids(&doc), vec![None]);
    assert_eq!(doc.entities[0].mentions.len(), 1);

    // The plural of a party's demonym names its members: the party keeps its link.
    let text = "Democrats in the Senate rejected the bill.";
    let mut doc = document(
        text,
        &[(
            "Organization",
            "Democratic Party",
            &["Democrats"],
            Some("Q29552"),
        )],
    );
    linker.link_document(&mut doc);
    assert_eq!(qids(&doc), vec![some("Q29552")]);
    assert_eq!(doc.entities[0].mentions.len(), 1);
    Ok(())
}

#[test]
fn a_region_named_only_by_its_demonym_is_its_people() -> Result {
    let linker = linker()?;
    let text = "Kurdish groups met in the north, and Syrian forces watched.";
    let mut doc = document(
        text,
        &[
            ("Place", "Kurdistan", &["Kurdish"], None),
            ("Country", "Syria", &["Syrian"], None),
        ],
    );
    linker.link_document(&mut doc);
    // A country's demonym stands for its state; a region's for its people.
    assert_eq!(qids(&doc), vec![None, some("Q858")]);
    // Named as a place, the region links.
    let text = "Fighting spread across Kurdistan, as Kurdish groups said.";
    let mut doc = document(
        text,
        &[("Place", "Kurdistan", &["Kurdistan", "Kurdish"], None)],
    );
    linker.link_document(&mut doc);
    assert_eq!(qids(&doc), vec![some("Q41470")]);
    Ok(())
}
