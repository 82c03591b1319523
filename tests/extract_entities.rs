//! Integration tests of the extractor's text, entity and position stages, on articles written for
//! these tests (invented news prose with the patterns of wire stories); the input side is tested
//! in `extract_input`.

use std::error::Error;

use newskg::Ontology;
use newskg::extract::Extractor;
use newskg::facts::{Article, Entity, FactsDocument};

type TestResult = Result<(), Box<dyn Error>>;

const WIRE_STORY: &str = "BERLIN, May 2 (UPI) — German Foreign Minister Anna Weber said Tuesday that she will travel to Paris next week to discuss the Sudanese peace process, a day after French President Marc Duval said he’d meet her.
Weber announced the trip early Tuesday, although the details were not revealed.
“The purpose of that trip is to keep the talks moving,” Department of State spokesman Mark Dalton said during Tuesday’s press briefing. “Obviously, there’s more to discuss with France.”
United Nations envoy Pieter van Houten, who has been brokering talks between Sudanese President Omar Bashir’s government and rebel groups, said the U.N. would host a meeting in Geneva.
Regardless of France’s position, any deal still seems far off. Bashir’s allies want a unity government, and Weber said Germany would support it.
";

fn extract(text: &str) -> Result<FactsDocument, Box<dyn Error>> {
    let ontology = Ontology::builtin()?;
    let extractor = Extractor::new(&ontology)?;
    let doc = extractor.extract(Article {
        id: "t".into(),
        text: Some(text.to_owned()),
        ..Article::default()
    })?;
    if let Err(errors) = doc.validate(&ontology) {
        return Err(format!("invalid facts: {errors:?}").into());
    }
    Ok(doc)
}

fn entity<'d>(doc: &'d FactsDocument, name: &str) -> Result<&'d Entity, String> {
    doc.entities.iter().find(|e| e.name == name).ok_or_else(|| {
        format!(
            "no entity {name:?} in {:?}",
            doc.entities.iter().map(|e| &e.name).collect::<Vec<_>>()
        )
    })
}

/// The text of a character span.
fn slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

fn has_fact(doc: &FactsDocument, subject: &str, predicate: &str, object: &str) -> bool {
    doc.facts.iter().any(|f| {
        f.predicate == predicate
            && doc.entity(&f.subject).is_some_and(|e| e.name == subject)
            && f.object
                .as_deref()
                .and_then(|o| doc.entity(o))
                .is_some_and(|e| e.name == object)
    })
}

fn position_of<'d>(doc: &'d FactsDocument, person: &str) -> Vec<&'d str> {
    doc.facts
        .iter()
        .filter(|f| {
            f.predicate == "holdsPosition"
                && doc.entity(&f.subject).is_some_and(|e| e.name == person)
        })
        .filter_map(|f| {
            f.object
                .as_deref()
                .and_then(|o| doc.entity(o))
                .map(|e| e.name.as_str())
        })
        .collect()
}

#[test]
fn people_organisations_and_places_with_types() -> TestResult {
    let doc = extract(WIRE_STORY)?;
    for (name, kind) in [
        ("Anna Weber", "Person"),
        ("Marc Duval", "Person"),
        ("Mark Dalton", "Person"),
        ("Pieter van Houten", "Person"),
        ("Omar Bashir", "Person"),
        ("Department of State", "Organization"),
        ("United Nations", "Organization"),
        ("Paris", "City"),
        ("Geneva", "City"),
        ("Germany", "Country"),
        ("France", "Country"),
        ("Sudan", "Country"),
    ] {
        assert_eq!(entity(&doc, name)?.kind, kind, "{name}");
    }
    for junk in ["Tuesday", "Regardless", "Obviously", "The", "May"] {
        assert!(
            doc.entities.iter().all(|e| e.name != junk),
            "junk entity {junk}"
        );
    }
    Ok(())
}

#[test]
fn surnames_and_acronyms_corefer() -> TestResult {
    let doc = extract(WIRE_STORY)?;
    let weber = entity(&doc, "Anna Weber")?;
    assert!(weber.aliases.contains(&"Weber".to_owned()));
    assert_eq!(
        weber
            .mentions
            .iter()
            .filter(|m| slice(WIRE_STORY, m.start, m.end) == "Weber")
            .count(),
        2
    );
    let bashir = entity(&doc, "Omar Bashir")?;
    assert!(
        bashir
            .mentions
            .iter()
            .any(|m| slice(WIRE_STORY, m.start, m.end) == "Bashir")
    );
    let un = entity(&doc, "United Nations")?;
    assert!(
        un.mentions
            .iter()
            .any(|m| slice(WIRE_STORY, m.start, m.end) == "U.N.")
    );
    Ok(())
}

#[test]
fn mentions_are_character_offsets() -> TestResult {
    let doc = extract(WIRE_STORY)?;
    let named = ["Person", "Organization", "Place", "City", "Country"];
    for e in doc
        .entities
        .iter()
        .filter(|e| named.contains(&e.kind.as_str()))
    {
        for m in &e.mentions {
            let text = slice(WIRE_STORY, m.start, m.end);
            let ok = text == e.name
                || e.aliases.contains(&text)
                || matches!(text.as_str(), "he" | "she" | "He" | "She")
                || e.kind == "Country"; // demonyms ("German") point at the country
            assert!(ok, "mention {text:?} of {:?}", e.name);
        }
    }
    Ok(())
}

#[test]
fn titles_become_positions() -> TestResult {
    let doc = extract(WIRE_STORY)?;
    assert_eq!(
        position_of(&doc, "Anna Weber"),
        ["Foreign Minister of Germany"]
    );
    assert_eq!(position_of(&doc, "Marc Duval"), ["President of France"]);
    assert_eq!(
        position_of(&doc, "Mark Dalton"),
        ["spokesman of Department of State"]
    );
    assert_eq!(
        position_of(&doc, "Pieter van Houten"),
        ["envoy of United Nations"]
    );
    assert_eq!(position_of(&doc, "Omar Bashir"), ["President of Sudan"]);
    assert!(has_fact(
        &doc,
        "Mark Dalton",
        "spokespersonOf",
        "Department of State"
    ));
    assert!(has_fact(&doc, "President of Sudan", "positionIn", "Sudan"));
    let title = doc.facts.iter().find(|f| {
        f.predicate == "positionTitle"
            && doc
                .entity(&f.subject)
                .is_some_and(|e| e.name == "envoy of United Nations")
    });
    assert_eq!(title.and_then(|f| f.value.as_deref()), Some("envoy"));
    Ok(())
}

#[test]
fn titles_in_apposition() -> TestResult {
    let text = "Talks resumed on Monday. Karl Brandt, Austria's foreign minister, said the meeting went well.";
    let doc = extract(text)?;
    assert_eq!(
        position_of(&doc, "Karl Brandt"),
        ["Foreign Minister of Austria"]
    );
    Ok(())
}

#[test]
fn dateline_and_publisher() -> TestResult {
    let doc = extract(WIRE_STORY)?;
    assert_eq!(doc.article.dateline.as_deref(), Some("BERLIN"));
    assert_eq!(
        doc.article.publisher.as_deref(),
        Some("United Press International")
    );
    assert_eq!(entity(&doc, "Berlin")?.kind, "City");
    Ok(())
}

#[test]
fn unicode_spaces_and_quotes_keep_offsets() -> TestResult {
    let text = "“We will go,” said Chancellor Zoë\u{00A0}Müller\u{200B} in Köln. Müller met Sen. Dana\u{00A0}Ruiz.";
    let doc = extract(text)?;
    let zoe = entity(&doc, "Zoë\u{00A0}Müller").or_else(|_| entity(&doc, "Zoë Müller"))?;
    assert_eq!(zoe.kind, "Person");
    assert!(
        zoe.mentions
            .iter()
            .any(|m| slice(text, m.start, m.end) == "Müller")
    );
    let ruiz = doc
        .entities
        .iter()
        .find(|e| e.name.ends_with("Ruiz"))
        .ok_or("no Ruiz")?;
    assert_eq!(ruiz.kind, "Person");
    Ok(())
}

/// Names used as modifiers inside hyphenated words are not mentions; the name after such a
/// modifier still is ("Lisbon-based Atlantic Policy Institute").
#[test]
fn hyphenated_modifiers_are_not_mentions() -> TestResult {
    let text = "Pro-government media blamed pro-Moldovan groups for the unrest in mid-June. \
        A report by the Lisbon-based Atlantic Policy Institute said Moldova-backed militias \
        had left the town. Portuguese-Spanish talks resumed.\n";
    let doc = extract(text)?;
    let mentions: Vec<String> = doc
        .entities
        .iter()
        .flat_map(|e| e.mentions.iter())
        .map(|m| slice(text, m.start, m.end))
        .collect();
    for junk in [
        "pro-Moldovan",
        "mid-June",
        "Lisbon-based",
        "Moldova-backed",
        "Portuguese-Spanish",
    ] {
        if mentions.iter().any(|m| m.contains(junk)) {
            return Err(format!("{junk:?} taken as a name in {mentions:?}").into());
        }
    }
    entity(&doc, "Atlantic Policy Institute")?;
    Ok(())
}

/// A title of nobility with "of" and a place names one person; an honorific or title inside a
/// run after an organisation ends the organisation's name.
#[test]
fn territorial_titles_and_titles_inside_runs() -> TestResult {
    let text = "LONDON — The portrait shows the Duchess of Kentmere at the palace.\n\
        \"It was a fine day,\" said Royal Navy Commander Ellen Marsh, who met the Duchess of \
        Kentmere on Tuesday.\n";
    let doc = extract(text)?;
    if let Some(e) = doc.entities.iter().find(|e| e.name == "The") {
        return Err(format!("a lone \"The\" taken as a name: {e:?}").into());
    }
    let duchess = entity(&doc, "Duchess of Kentmere")?;
    if duchess.kind != "Person" {
        return Err(format!("Duchess of Kentmere typed {}", duchess.kind).into());
    }
    entity(&doc, "Ellen Marsh")?;
    entity(&doc, "Royal Navy")?;
    if doc
        .entities
        .iter()
        .any(|e| e.kind != "Position" && e.name.contains("Commander"))
    {
        return Err("the title was kept inside a name".into());
    }
    Ok(())
}

/// "He"/"she" join the person named before them when that is unambiguous, through a chain of
/// pronouns; never a person an earlier pronoun of the other gender stood for; a pronoun never
/// creates an entity.
#[test]
fn pronouns_resolve_only_when_unambiguous() -> TestResult {
    let text = "Tom Harlow spoke for an hour on Tuesday.\n\
        The speech was long. He attacked the budget. He also promised lower taxes.\n\
        Harlow later met Jane Okafor. She said the talks went well.\n\
        The minister and the senator left. He was tired.\n";
    let doc = extract(text)?;
    let pronouns_of = |name: &str| -> Result<Vec<usize>, String> {
        Ok(entity(&doc, name)?
            .mentions
            .iter()
            .filter(|m| matches!(slice(text, m.start, m.end).as_str(), "He" | "She"))
            .map(|m| m.start)
            .collect())
    };
    let he = |n: usize| {
        text.match_indices("He ")
            .nth(n)
            .map(|(b, _)| text[..b].chars().count())
    };
    assert_eq!(
        pronouns_of("Tom Harlow")?,
        vec![he(0).ok_or("no He")?, he(1).ok_or("no He")?]
    );
    assert_eq!(pronouns_of("Jane Okafor")?.len(), 1);
    // The last "He": the nearest person is Okafor, whom "She" stood for.
    let last = he(2).ok_or("no third He")?;
    if doc
        .entities
        .iter()
        .any(|e| e.mentions.iter().any(|m| m.start == last))
    {
        return Err("the last He was resolved".into());
    }
    // A given name tells who "she" is when two people were named.
    let text = "Quiet week at the council\nMaria Lopez met Daniel Reyes on Monday. She said the talks went well.\n";
    let doc = extract(text)?;
    let she = |name: &str| -> Result<bool, String> {
        Ok(entity(&doc, name)?
            .mentions
            .iter()
            .any(|m| slice(text, m.start, m.end) == "She"))
    };
    assert!(she("Maria Lopez")? && !she("Daniel Reyes")?);
    Ok(())
}

/// A capitalised "The" inside a sentence starts a name; two names that each end in a head word
/// are split at "and"; a name before a role and a person is the person's organisation, a name
/// before "fighters" an organisation; a single word listed with people is a person; a name with
/// a lowercase particle is one entity however the particle is written.
#[test]
fn names_from_their_context() -> TestResult {
    let text = "Quiet week in the valley\n\
        Letters reached The Quarry Ledger on Friday. Crowds cheered The President Anna Vale.\n\
        A portrait of The Duchess of Kentmere hangs in the hall.\n\
        Clinics in Green Valley and Marlow Counties closed. Northgate Haulage boss Peter Quill \
        said the firm would appeal. Rachel Stone and Finn met Quill later.\n\
        Karen May of Harbour Watch visited San Verano and Fort Adler.\n\
        On Monday, Zephyr fighters attacked the town. El-Kadri has said the vote was fair, and \
        el-Kadri said so again.\n";
    let doc = extract(text)?;
    let kind = |name: &str| -> Result<String, String> { Ok(entity(&doc, name)?.kind.clone()) };
    for (name, want) in [
        ("Quarry Ledger", "Organization"),
        ("Duchess of Kentmere", "Person"),
        ("Green Valley", "Place"),
        ("Marlow Counties", "Place"),
        ("Northgate Haulage", "Organization"),
        ("Peter Quill", "Person"),
        ("Finn", "Person"),
        ("Zephyr", "Organization"),
        ("Karen May", "Person"),
        ("Anna Vale", "Person"),
        ("Harbour Watch", "Organization"),
        ("San Verano", "Place"),
        ("Fort Adler", "Place"),
    ] {
        let got = kind(name)?;
        if got != want {
            return Err(format!("{name} typed {got}, not {want}").into());
        }
    }
    if let Some(e) = doc.entities.iter().find(|e| e.name == "The") {
        return Err(format!("a lone \"The\" taken as a name: {e:?}").into());
    }
    let duchess = entity(&doc, "Duchess of Kentmere")?;
    assert!(
        duchess
            .mentions
            .iter()
            .any(|m| slice(text, m.start, m.end) == "The Duchess of Kentmere")
    );
    let kadri: Vec<&Entity> = doc
        .entities
        .iter()
        .filter(|e| e.name.to_lowercase() == "el-kadri")
        .collect();
    match kadri[..] {
        [e] if e.mentions.len() == 2 && e.kind == "Person" => Ok(()),
        _ => Err(format!("El-Kadri: {kadri:?}").into()),
    }
}

/// Capitalised common words with no evidence of a name, which the article also writes in
/// lowercase, are no names; a surname that is also a common word stays when the full name is there.
#[test]
fn capitalised_common_phrases_are_not_names() -> TestResult {
    let text = "Notes from the county\n\
        Readers asked about Charter Schools and the budget. Most schools opened late, Cook said.\n\
        The bakery belongs to Erik Cook, who likes to cook.\n";
    let doc = extract(text)?;
    if let Some(e) = doc.entities.iter().find(|e| e.name.contains("Schools")) {
        return Err(format!("{:?} taken as a name", e.name).into());
    }
    let cook = entity(&doc, "Erik Cook")?;
    assert_eq!(cook.mentions.len(), 2, "{:?}", cook.mentions);
    Ok(())
}

/// "The company" refers back to the one organisation named just before, "the singer" to the one
/// person; with two candidates it refers to neither.
#[test]
fn descriptions_refer_back_when_unambiguous() -> TestResult {
    let text = "Quarterly figures\n\
        Northgate Haulage Ltd. reported a loss on Monday. The company said demand had fallen.\n\
        Fans cheered when Mia Lorne arrived. The singer waved from the stage.\n\
        Harbour Freight Group and Eastline Shipping Corp. were also named. The company declined \
        to comment.\n";
    let doc = extract(text)?;
    let mentions_of = |name: &str, words: &str| -> Result<usize, String> {
        Ok(entity(&doc, name)?
            .mentions
            .iter()
            .filter(|m| slice(text, m.start, m.end) == words)
            .count())
    };
    assert_eq!(mentions_of("Northgate Haulage Ltd.", "The company")?, 1);
    assert_eq!(mentions_of("Mia Lorne", "The singer")?, 1);
    assert_eq!(mentions_of("Harbour Freight Group", "The company")?, 0);
    assert_eq!(mentions_of("Eastline Shipping Corp.", "The company")?, 0);
    Ok(())
}

/// A lowercase "party" after a name is part of the organisation's name; a listed place that starts
/// the name of an event is no mention of the place.
#[test]
fn party_names_and_event_names() -> TestResult {
    let text = "Vote count begins\n\
        The opposition Harvest party gained seats. Runners gathered for the Paris Marathon.\n\
        Veterans of World War II marched. Ultra-conservative Norwegian lawmakers objected.\n\
        The debate airs at 9 p.m. Eastern on Sunday.\n";
    let doc = extract(text)?;
    let harvest = entity(&doc, "Harvest party")?;
    assert_eq!(harvest.kind, "Organization");
    if let Some(e) = doc.entities.iter().find(|e| e.name == "Paris") {
        return Err(format!("Paris found in the event name: {e:?}").into());
    }
    if let Some(e) = doc.entities.iter().find(|e| {
        ["War", "Ultra", "Eastern"]
            .iter()
            .any(|w| e.name.contains(w))
    }) {
        return Err(format!("{:?} taken as a name", e.name).into());
    }
    Ok(())
}

#[test]
fn a_shared_surname_is_the_bearer_introduced_first() -> TestResult {
    let text = "Senator Helen Marsh said on Monday that she would run again.\n\
        Marsh, who was first elected in 2004, was joined on stage by her son Peter Marsh.\n\
        Marsh told reporters the campaign would focus on jobs.\n";
    let doc = extract(text)?;
    let helen = entity(&doc, "Helen Marsh")?;
    let last = text.rfind("Marsh told").ok_or("no sentence")?;
    let last = text[..last].chars().count();
    assert!(
        helen.mentions.iter().any(|m| m.start == last),
        "{:?}",
        doc.entities
    );
    Ok(())
}
