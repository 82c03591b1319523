//! Unit tests of the name rules, on sentences written for them.

use crate::extract::Lexicon;
use crate::extract::entities::recognize;
use crate::extract::text::Document;
use crate::ontology::Ontology;

fn lexicon() -> Lexicon {
    Lexicon::from_ontology(&Ontology::builtin().expect("ontology")).expect("lexicon")
}

/// The named mentions of `text` (pronouns and descriptions left out) with their entity's class.
fn mentions(text: &str) -> Vec<(String, String)> {
    let lex = lexicon();
    let doc = Document::parse(text, &lex);
    let ents = recognize(&doc, &lex);
    ents.mentions
        .iter()
        .filter(|m| !m.pronoun && ents.entities[m.entity].kind != "Position")
        .map(|m| {
            (
                text[m.start..m.end].to_owned(),
                ents.entities[m.entity].kind.clone(),
            )
        })
        .collect()
}

fn texts(text: &str) -> Vec<String> {
    mentions(text).into_iter().map(|(t, _)| t).collect()
}

fn kind_of(text: &str, name: &str) -> Option<String> {
    mentions(text)
        .into_iter()
        .find(|(t, _)| t == name)
        .map(|(_, k)| k)
}

#[test]
fn title_glued_to_the_body_by_a_hyphen() {
    let text = "Mayor Hails New Bridge in Oslo-Lena Berg opened the bridge over the fjord on Monday, officials said.\n";
    let doc = Document::parse(text, &lexicon());
    assert_eq!(
        doc.headline.clone().map(|r| &text[r]),
        Some("Mayor Hails New Bridge in Oslo")
    );
    let names = texts(text);
    assert!(names.contains(&"Lena Berg".to_owned()), "{names:?}");
    assert!(!names.iter().any(|n| n.contains('-')), "{names:?}");
}

#[test]
fn compound_at_the_start_of_a_first_line_is_no_title_joint() {
    let text = "Kerry-Lavrov talks in Geneva ended without a deal on Monday.\n";
    let doc = Document::parse(text, &lexicon());
    assert_eq!(doc.headline, None);
    assert_eq!(doc.sentences.len(), 1);
}

#[test]
fn headline_name_stops_at_words_the_body_writes_in_lowercase() {
    let text = "A Third Night of Denver Protests Over Police Shooting\n\nProtesters marched through Denver again on Wednesday after a police shooting.\n";
    assert_eq!(texts(text), ["Denver", "Denver"]);
}

#[test]
fn elect_and_designate_titles_stand_before_names() {
    let text = "Officials said President-elect Marta Ruiz will visit Lima. Prime Minister-designate Ivo Kral spoke.";
    let names = texts(text);
    assert!(names.contains(&"Marta Ruiz".to_owned()), "{names:?}");
    assert!(names.contains(&"Ivo Kral".to_owned()), "{names:?}");
}

#[test]
fn teams_named_after_places_are_organisations() {
    let text = "The Kansas versus Iowa State game drew a record crowd. Kansas won again, and Iowa State fired its coach.";
    assert_eq!(kind_of(text, "Iowa State").as_deref(), Some("Organization"));
    assert_eq!(kind_of(text, "Kansas").as_deref(), Some("Organization"));
    let text = "Fiji beat Tonga in Suva on Saturday. Fiji now leads the group.";
    let all = mentions(text);
    let fiji: Vec<&str> = all
        .iter()
        .filter(|(t, _)| t == "Fiji")
        .map(|(_, k)| k.as_str())
        .collect();
    assert_eq!(fiji, ["Organization", "Organization"], "{all:?}");
    let text = "Fiji beat Tonga in Suva. The Samoa great Tui Lemalu watched.";
    assert_eq!(kind_of(text, "Samoa").as_deref(), Some("Organization"));
    // A place in an ordinary sentence stays a place.
    let text = "The governor of Kansas flew to Ohio on Monday.";
    assert_eq!(kind_of(text, "Kansas").as_deref(), Some("Place"));
}

#[test]
fn share_button_rows_name_only_the_sites() {
    let text = "The album is out in May.\n\nShare on Flickr Share on Tumblr Pin this Share on BlogNet Share on QQ\n";
    assert_eq!(texts(text), ["Flickr", "Tumblr", "BlogNet", "QQ"]);
}

#[test]
fn publisher_of_a_page_title_is_one_organisation() {
    let text = "Floods close the coast road - The Harbour and Valley Times\n\nThe Harbour and Valley Times\n\nRain closed the road near Tarn on Friday, officials said.\n";
    let all = mentions(text);
    let publisher: Vec<&(String, String)> = all
        .iter()
        .filter(|(t, _)| t == "The Harbour and Valley Times")
        .collect();
    assert_eq!(publisher.len(), 2, "{all:?}");
    assert!(publisher.iter().all(|(_, k)| k == "Organization"));
}

#[test]
fn acronyms_of_lowercase_phrases_are_no_names() {
    let text = "Patients with type 2 diabetes (T2D) may use a continuous glucose monitor (CGM), the Diabetes Research Foundation (DRF) said. T2D care costs more, and DRF wants CGM use covered.";
    let names = texts(text);
    assert!(names.iter().any(|n| n == "DRF"), "{names:?}");
    assert!(!names.iter().any(|n| n == "T2D" || n == "CGM"), "{names:?}");
}

#[test]
fn a_name_after_an_indefinite_article_is_a_class() {
    let text = "Tom Reid, who was once a Sea Cadet, joined a newly formed Rotary Circle. He baked a proper Lamington... He hired a Reuters photographer in a town called Vik. It bought a Tarn, Texas, ranch. A Tarn/Lode survey was run in Oslo.";
    let names = texts(text);
    assert!(
        !names
            .iter()
            .any(|n| n.contains("Cadet") || n.contains("Rotary") || n.contains("Lamington")),
        "{names:?}"
    );
    assert!(names.contains(&"Reuters".to_owned()), "{names:?}");
    for name in ["Oslo", "Vik", "Tarn"] {
        assert!(names.contains(&name.to_owned()), "{names:?}");
    }
}

#[test]
fn capitalised_words_after_a_prefixed_name_belong_to_the_modifier() {
    let text =
        "The ex-Sea Cadet said anti-Islamic State groups met pro-Kremlin Russian bloggers in Riga.";
    let names = texts(text);
    assert!(
        !names.iter().any(|n| n == "Cadet" || n == "State"),
        "{names:?}"
    );
    assert!(names.contains(&"Russian".to_owned()), "{names:?}");
    assert!(names.contains(&"Riga".to_owned()), "{names:?}");
}

#[test]
fn a_listed_organisation_with_more_capitalised_words_is_one_name() {
    let text = "The show streams on Google Play Movies and on Apple, said Google spokesman Tom Ray. Reporters asked Google Cloud staff.";
    let names = texts(text);
    assert!(
        names.contains(&"Google Play Movies".to_owned()),
        "{names:?}"
    );
    assert!(names.contains(&"Tom Ray".to_owned()), "{names:?}");
    // A lowercase noun after the words: a modifier, not a product name.
    assert!(!names.contains(&"Google Cloud".to_owned()), "{names:?}");
}

#[test]
fn brand_casing_marks_an_organisation() {
    let text = "The match is shown via NBCgo and TeleNova apps.";
    assert_eq!(kind_of(text, "NBCgo").as_deref(), Some("Organization"));
}

#[test]
fn trademarks_and_product_codes_are_no_names() {
    let text =
        "Clinics in Dover use HelioBeam™ scanners and the Cover2Care plan, Medica Group said.";
    let names = texts(text);
    assert!(
        !names
            .iter()
            .any(|n| n.contains("Helio") || n.contains("Cover")),
        "{names:?}"
    );
    assert!(names.contains(&"Dover".to_owned()), "{names:?}");
    assert!(names.contains(&"Medica Group".to_owned()), "{names:?}");
}

#[test]
fn a_lone_sentence_start_needs_a_name_that_ends_with_it() {
    let text = "Civic artist Lena Berg painted the hall. The Civic Trust paid. Berg said she was proud. Later, Lena Berg left.";
    let names = texts(text);
    assert!(!names.contains(&"Civic".to_owned()), "{names:?}");
    assert!(names.contains(&"Berg".to_owned()), "{names:?}");
}

#[test]
fn quoted_titles_with_a_possessive_are_no_mentions() {
    let text = "Ana Sola was named in \"Oslo's Best Bakers,\" the guide said. The Oslo's Best Bakers list came out in Oslo on Monday.";
    let names = texts(text);
    assert_eq!(names, ["Ana Sola", "Oslo"], "{names:?}");
    // "People's Republic": a possessive after a common word belongs to a name.
    let lex = lexicon();
    let text = "Rebels declared the \"Tarn People's Republic\" in May.";
    let doc = Document::parse(text, &lex);
    let finder = super::Finder::new(&doc, &lex.names);
    assert!(finder.work_titles.is_empty());
}

#[test]
fn names_with_a_price_or_a_year_in_brackets_are_products_or_works() {
    let text = "Try Luxe Gloss in Night Shade (£12.50, shop.example), said Eva Lind. She liked Pale Horizon (1957) and lives in Bergen (Norway). Rolf Berg runs Tarn Holdings (4TH).";
    let names = texts(text);
    assert_eq!(
        names,
        ["Eva Lind", "Bergen", "Norway", "Rolf Berg", "Tarn Holdings"],
        "{names:?}"
    );
}

#[test]
fn places_in_brackets_after_a_name_qualify_an_organisation() {
    let text = "Victim Support Network (England and Wales) said the plan was flawed. Ola Berg lives in Bergen (Norway).";
    let all = mentions(text);
    assert!(
        all.contains(&(
            "Victim Support Network (England and Wales)".to_owned(),
            "Organization".to_owned()
        )),
        "{all:?}"
    );
    assert!(all.iter().any(|(t, _)| t == "Norway"), "{all:?}");
}

#[test]
fn a_british_courtesy_title_is_part_of_the_mention() {
    let lex = lexicon();
    let text = "Tom Reyes won. Mr Reyes thanked Dr Lind. Mr. Reyes left.";
    let doc = Document::parse(text, &lex);
    let ents = recognize(&doc, &lex);
    let reyes = ents
        .entities
        .iter()
        .find(|e| e.name == "Tom Reyes")
        .expect("Tom Reyes");
    let spans: Vec<&str> = reyes
        .mentions
        .iter()
        .map(|&m| &text[ents.mentions[m].start..ents.mentions[m].end])
        .filter(|t| t.contains("Reyes"))
        .collect();
    assert_eq!(spans, ["Tom Reyes", "Mr Reyes", "Reyes"]);
    assert!(texts(text).contains(&"Dr Lind".to_owned()));
}

#[test]
fn lone_words_of_title_case_lines_are_labels() {
    let text = "Storm hits the coast\n\nThe storm closed roads near Tarn, the Weather Office said on Monday.\n\nMore Weather Stories • Tarn Harbour Authority • NATO Drills\n";
    let names = texts(text);
    assert!(!names.contains(&"Weather".to_owned()), "{names:?}");
    assert!(names.contains(&"NATO".to_owned()), "{names:?}");
}

#[test]
fn a_word_written_only_with_a_possessive_starts_a_name() {
    let text = "Ana Lind told Fenwick's Weekly about it. In Fenwick's, she also praised Tom Reid's Paris shop. Reid's team agreed.";
    let names = texts(text);
    assert!(names.contains(&"Fenwick's Weekly".to_owned()), "{names:?}");
    assert!(names.contains(&"Paris".to_owned()), "{names:?}");
    assert!(!names.iter().any(|n| n.starts_with("Reid's")), "{names:?}");
}

#[test]
fn a_run_before_a_lowercase_event_word_names_the_event() {
    let text = "The Golden Harp awards went to Ana Lind in Oslo.";
    assert_eq!(texts(text), ["Ana Lind", "Oslo"]);
}

#[test]
fn a_sports_tour_is_an_organisation() {
    let text = "Lind won twice on the Senior Masters Tour this season.";
    assert_eq!(
        kind_of(text, "Senior Masters Tour").as_deref(),
        Some("Organization")
    );
}

#[test]
fn a_bare_capital_letter_starts_a_brand_not_a_person() {
    let text = "The guide Q Norland ranked her first. J. Norland Smith agreed.";
    assert_eq!(kind_of(text, "Q Norland").as_deref(), Some("Organization"));
    assert_eq!(kind_of(text, "J. Norland Smith").as_deref(), Some("Person"));
}
