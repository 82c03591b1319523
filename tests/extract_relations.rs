//! Relations, events, quotes, time and modality extracted from short articles written for these
//! tests (invented people and events, in the patterns of wire copy).

use std::error::Error;

use newskg::Ontology;
use newskg::extract::Extractor;
use newskg::facts::{Article, Fact, FactsDocument, Modality};

type TestResult = Result<(), Box<dyn Error>>;

const ARTICLE: &str = "BERLIN, June 8 (Reuters) — German Foreign Minister Klaus Brenner announced Tuesday that he will travel to Nairobi next week to discuss the drought, a day after Kenyan President Samuel Otieno said he’d begin to withdraw troops from Somalia.
Brenner announced the trip early Tuesday, although the details were not revealed.
“The purpose of this trip is to support the people of the region,” Foreign Ministry spokeswoman Petra Holm said during Tuesday’s press briefing. “There are other issues to discuss with Kenya, but the drought comes first.”
Brenner did say he will meet with Otieno and Foreign Minister Grace Wanjiru.
African Union envoy Marta Lindqvist, who has been brokering peace talks between the Somali government and rebel forces, said Tuesday that she hoped the talks would resume.
The Defense Ministry acknowledged that Kenyan aircraft began leaving Somalia on Tuesday, but said it saw no evidence that any troops left.
Kenya’s withdrawal from Somalia is expected to take months.
“We have reached an important moment,” Brenner said.
";

fn extract(text: &str, date: &str) -> Result<(FactsDocument, Ontology), Box<dyn Error>> {
    let ontology = Ontology::builtin()?;
    let extractor = Extractor::new(&ontology)?;
    let article = Article {
        id: "test".into(),
        text: Some(text.into()),
        date: Some(date.into()),
        ..Article::default()
    };
    let doc = extractor.extract(article)?;
    if let Err(errors) = doc.validate(&ontology) {
        return Err(format!("invalid facts: {errors:?}").into());
    }
    Ok((doc, ontology))
}

fn name<'a>(doc: &'a FactsDocument, id: &str) -> &'a str {
    doc.entity(id).map_or("", |e| e.name.as_str())
}

/// Facts `subject predicate object` where the names contain the given words.
fn facts<'a>(
    doc: &'a FactsDocument,
    subject: &str,
    predicate: &str,
    object: &str,
) -> Vec<&'a Fact> {
    doc.facts
        .iter()
        .filter(|f| f.predicate == predicate && name(doc, &f.subject).contains(subject))
        .filter(|f| {
            f.object
                .as_deref()
                .is_some_and(|o| name(doc, o).contains(object))
        })
        .collect()
}

fn describe(doc: &FactsDocument) -> String {
    doc.facts
        .iter()
        .map(|f| {
            let object = f.object.as_deref().map_or_else(
                || f.value.clone().unwrap_or_default(),
                |o| name(doc, o).to_owned(),
            );
            format!(
                "{} {} {} [{:?}]",
                name(doc, &f.subject),
                f.predicate,
                object,
                f.modality
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn planned_travel_with_next_week_resolved() -> TestResult {
    let (doc, _) = extract(ARTICLE, "2016-06-08")?;
    let travel = facts(&doc, "Brenner", "travelsTo", "Nairobi");
    assert_eq!(travel.len(), 1, "{}", describe(&doc));
    let f = travel[0];
    assert_eq!(f.modality, Modality::Planned);
    let time = f.time.as_ref().ok_or("no time on the travel fact")?;
    assert_eq!(time.text, "next week");
    // 2016-06-08 is a Wednesday: next week runs Monday 13 to Sunday 19 June.
    assert_eq!(
        (time.start.as_deref(), time.end.as_deref()),
        (Some("2016-06-13"), Some("2016-06-19"))
    );
    let evidence = f.evidence.as_ref().ok_or("no evidence")?;
    let sentence: String = ARTICLE
        .chars()
        .skip(evidence.sentence.start)
        .take(evidence.sentence.end - evidence.sentence.start)
        .collect();
    assert!(
        sentence.contains("he will travel to Nairobi next week"),
        "{sentence}"
    );
    Ok(())
}

#[test]
fn coordinated_objects_give_one_fact_each() -> TestResult {
    let (doc, _) = extract(ARTICLE, "2016-06-08")?;
    for other in ["Samuel Otieno", "Grace Wanjiru"] {
        let meet = facts(&doc, "Brenner", "meetsWith", other);
        assert!(
            meet.iter().any(|f| f.modality == Modality::Planned),
            "Brenner meetsWith {other}:\n{}",
            describe(&doc)
        );
    }
    Ok(())
}

#[test]
fn reported_speech_and_pronoun_subject() -> TestResult {
    let (doc, _) = extract(ARTICLE, "2016-06-08")?;
    let withdraw = facts(&doc, "Otieno", "withdrawsFrom", "Somalia");
    assert!(
        withdraw.iter().any(|f| f.modality == Modality::Reported),
        "{}",
        describe(&doc)
    );
    assert!(
        withdraw.iter().all(|f| f.confidence < 0.9),
        "a pronoun subject lowers the confidence"
    );
    Ok(())
}

#[test]
fn brokered_talks_are_an_event_with_parties() -> TestResult {
    let (doc, ontology) = extract(ARTICLE, "2016-06-08")?;
    let brokers: Vec<&Fact> = doc
        .facts
        .iter()
        .filter(|f| f.predicate == "brokers" && name(&doc, &f.subject) == "Marta Lindqvist")
        .collect();
    assert_eq!(brokers.len(), 1, "{}", describe(&doc));
    let talks_id = brokers[0].object.as_deref().ok_or("no object")?;
    let talks = doc.entity(talks_id).ok_or("undefined talks")?;
    assert!(
        ontology.is_subclass_of(&talks.kind, "Talks"),
        "kind {}",
        talks.kind
    );
    assert!(
        talks.name.starts_with("peace talks between"),
        "name {}",
        talks.name
    );
    let parties: Vec<&str> = doc
        .facts
        .iter()
        .filter(|f| f.subject == talks_id && f.predicate == "participant")
        .filter_map(|f| f.object.as_deref())
        .map(|o| name(&doc, o))
        .collect();
    assert_eq!(parties.len(), 2, "{parties:?}");
    assert!(
        parties.iter().any(|p| p.contains("rebel forces")),
        "{parties:?}"
    );
    Ok(())
}

#[test]
fn demonym_subject_and_negated_clause() -> TestResult {
    let (doc, _) = extract(ARTICLE, "2016-06-08")?;
    let leaving = facts(&doc, "Kenya", "withdrawsFrom", "Somalia");
    assert!(!leaving.is_empty(), "{}", describe(&doc));
    let on_tuesday = leaving
        .iter()
        .find(|f| f.time.as_ref().is_some_and(|t| t.text == "Tuesday"))
        .ok_or("no fact dated Tuesday")?;
    // Past tense: the Tuesday on or before the article date.
    assert_eq!(
        on_tuesday.time.as_ref().and_then(|t| t.start.as_deref()),
        Some("2016-06-07")
    );
    Ok(())
}

#[test]
fn nominal_relation_from_a_noun_trigger() -> TestResult {
    let (doc, _) = extract(
        "Kenya’s withdrawal from Somalia is expected to take months.\n",
        "2016-06-08",
    )?;
    let f = facts(&doc, "Kenya", "withdrawsFrom", "Somalia");
    assert_eq!(f.len(), 1, "{}", describe(&doc));
    Ok(())
}

#[test]
fn modality_rules() -> TestResult {
    let cases = [
        (
            "Kenya did not withdraw from Somalia last year.\n",
            Modality::Negated,
        ),
        ("Kenya may withdraw from Somalia.\n", Modality::Hypothetical),
        ("Kenya plans to withdraw from Somalia.\n", Modality::Planned),
        ("Kenya is to withdraw from Somalia.\n", Modality::Planned),
        ("Kenya withdrew from Somalia in 2014.\n", Modality::Asserted),
        (
            "The minister said Kenya would withdraw from Somalia.\n",
            Modality::Reported,
        ),
        (
            "Kenya has delayed withdrawing from Somalia until the spring.\n",
            Modality::Planned,
        ),
        (
            "Kenya cancelled its withdrawal from Somalia after the attack.\n",
            Modality::Negated,
        ),
    ];
    for (text, expected) in cases {
        let (doc, _) = extract(text, "2016-06-08")?;
        let found = facts(&doc, "Kenya", "withdrawsFrom", "Somalia");
        assert_eq!(found.len(), 1, "{text}: {}", describe(&doc));
        assert_eq!(found[0].modality, expected, "{text}");
    }
    Ok(())
}

#[test]
fn headline_to_infinitive_is_a_plan() -> TestResult {
    let cases = [
        (
            "Kenya to withdraw from Somalia\n\nThe government confirmed the plan on Monday.\n",
            Modality::Planned,
        ),
        (
            "Kenya withdraws from Somalia\n\nThe government confirmed the move on Monday.\n",
            Modality::Asserted,
        ),
        // A headline ending in a name, then a dateline: the name is not chained to its place.
        (
            "Kenya to withdraw from Somalia\n\nNAIROBI, June 8 (Reuters) -- The army left Mogadishu on Monday.\n",
            Modality::Planned,
        ),
    ];
    for (text, expected) in cases {
        let (doc, _) = extract(text, "2016-06-08")?;
        let found = facts(&doc, "Kenya", "withdrawsFrom", "Somalia");
        assert_eq!(found.len(), 1, "{text}: {}", describe(&doc));
        assert_eq!(found[0].modality, expected, "{text}");
    }
    Ok(())
}

#[test]
fn passive_voice_takes_the_agent_after_by() -> TestResult {
    let (doc, _) = extract(
        "Opposition leader Peter Kamau was arrested by Kenyan police on Friday.\n",
        "2016-06-08",
    )?;
    let f = facts(&doc, "Kenya", "arrests", "Peter Kamau");
    assert_eq!(f.len(), 1, "{}", describe(&doc));
    assert_eq!(
        f[0].time.as_ref().and_then(|t| t.start.as_deref()),
        Some("2016-06-03")
    );
    Ok(())
}

#[test]
fn quotes_are_attributed_to_their_speakers() -> TestResult {
    let (doc, _) = extract(ARTICLE, "2016-06-08")?;
    let speaker_of = |needle: &str| -> Option<String> {
        let quote = doc.facts.iter().find(|f| {
            f.predicate == "quotedText" && f.value.as_deref().is_some_and(|v| v.contains(needle))
        })?;
        let attributed = doc
            .facts
            .iter()
            .find(|f| f.subject == quote.subject && f.predicate == "attributedTo")?;
        attributed
            .object
            .as_deref()
            .map(|o| name(&doc, o).to_owned())
    };
    assert_eq!(
        speaker_of("The purpose of this trip").as_deref(),
        Some("Petra Holm"),
        "{}",
        describe(&doc)
    );
    // The second quotation of the paragraph has the same speaker.
    assert_eq!(
        speaker_of("the drought comes first").as_deref(),
        Some("Petra Holm")
    );
    assert_eq!(
        speaker_of("We have reached").as_deref(),
        Some("Klaus Brenner")
    );
    let text = doc
        .facts
        .iter()
        .find_map(|f| f.value.as_deref().filter(|v| v.starts_with("The purpose")))
        .ok_or("no quoted text")?;
    assert!(!text.contains('“') && !text.contains('”'), "{text}");
    Ok(())
}

#[test]
fn multi_paragraph_quotation_is_one_quote() -> TestResult {
    let text = "Mayor Ines Roth spoke at the opening of the bridge on Friday.\n\n\
“This bridge joins two halves of our city. It took ten years to build.\n\n\
“Today we thank the workers who built it,” Roth said.\n";
    let (doc, _) = extract(text, "2016-06-08")?;
    let quotes: Vec<&Fact> = doc
        .facts
        .iter()
        .filter(|f| f.predicate == "quotedText")
        .collect();
    assert_eq!(quotes.len(), 1, "{}", describe(&doc));
    let value = quotes[0].value.as_deref().unwrap_or_default();
    assert!(
        value.starts_with("This bridge") && value.ends_with("who built it"),
        "{value}"
    );
    let speaker = doc
        .facts
        .iter()
        .find(|f| f.predicate == "attributedTo")
        .and_then(|f| f.object.as_deref());
    assert_eq!(speaker.map(|s| name(&doc, s)), Some("Ines Roth"));
    Ok(())
}

/// Facts of one predicate as (subject, object) names.
fn pairs(doc: &FactsDocument, predicate: &str) -> Vec<(String, String)> {
    doc.facts
        .iter()
        .filter(|f| f.predicate == predicate)
        .map(|f| {
            (
                name(doc, &f.subject).to_owned(),
                f.object
                    .as_deref()
                    .map(|o| name(doc, o).to_owned())
                    .unwrap_or_default(),
            )
        })
        .collect()
}

/// Whether `a` and `b` (name fragments) are related by `predicate`, in either direction.
/// Fails, listing the document's facts, unless `a` and `b` are linked by `predicate`.
fn assert_linked(doc: &FactsDocument, predicate: &str, a: &str, b: &str) {
    assert!(
        linked(doc, predicate, a, b),
        "{a} {predicate} {b}: {}",
        describe(doc)
    );
}

/// Fails, listing the document's facts, when `a` and `b` are linked by `predicate`.
fn assert_not_linked(doc: &FactsDocument, predicate: &str, a: &str, b: &str) {
    assert!(
        !linked(doc, predicate, a, b),
        "{a} {predicate} {b}: {}",
        describe(doc)
    );
}

fn linked(doc: &FactsDocument, predicate: &str, a: &str, b: &str) -> bool {
    pairs(doc, predicate)
        .iter()
        .any(|(s, o)| (s.contains(a) && o.contains(b)) || (s.contains(b) && o.contains(a)))
}

#[test]
fn coordinated_subjects_meet_each_other() -> TestResult {
    let (doc, _) = extract(
        "OSLO — Norwegian Prime Minister Ingrid Vogel and Swedish President Tomas Halvorsen met on Monday in Oslo to discuss fishing rights.\n\
         Prime Minister Ravi Menon and President Samuel Otieno spoke by phone on Friday, officials said.\n",
        "2016-06-08",
    )?;
    assert_linked(&doc, "meetsWith", "Vogel", "Halvorsen");
    assert_linked(&doc, "contacts", "Menon", "Otieno");
    Ok(())
}

#[test]
fn coordinated_subjects_share_the_object() -> TestResult {
    let (doc, _) = extract(
        "Foreign Minister Anna Berg and Defense Minister Lars Holm traveled to Geneva on Tuesday.\n",
        "2016-06-08",
    )?;
    assert_eq!(
        facts(&doc, "Anna Berg", "travelsTo", "Geneva").len(),
        1,
        "{}",
        describe(&doc)
    );
    assert_eq!(
        facts(&doc, "Lars Holm", "travelsTo", "Geneva").len(),
        1,
        "{}",
        describe(&doc)
    );
    Ok(())
}

#[test]
fn an_object_of_an_earlier_verb_is_not_a_second_subject() -> TestResult {
    let (doc, _) = extract(
        "Russia annexed Crimea and President Vladimir Putin met with reporters on Monday.\n",
        "2016-06-08",
    )?;
    assert_not_linked(&doc, "meetsWith", "Crimea", "Putin");
    Ok(())
}

#[test]
fn meetings_and_calls_named_by_nouns() -> TestResult {
    let (doc, _) = extract(
        "Talks between Prime Minister Ravi Menon and President Tomas Halvorsen ended without a deal.\n\
         President Samuel Otieno revealed his phone call with Chancellor Ingrid Vogel at a briefing.\n\
         Governor Paula Reyes thanked Mayor Ines Roth during a meeting at the city hall.\n\
         President Tomas Halvorsen and King Harald Dahl held a joint news conference in Oslo.\n\
         FILE - Defense Minister Lars Holm, left, walks with Foreign Minister Anna Berg at the palace in Oslo.\n",
        "2016-06-08",
    )?;
    assert_linked(&doc, "meetsWith", "Menon", "Halvorsen");
    assert_linked(&doc, "contacts", "Otieno", "Vogel");
    assert_linked(&doc, "meetsWith", "Paula Reyes", "Ines Roth");
    assert_linked(&doc, "meetsWith", "Halvorsen", "Harald Dahl");
    assert_linked(&doc, "meetsWith", "Lars Holm", "Anna Berg");
    Ok(())
}

#[test]
fn objects_after_possessors_adjectives_and_including() -> TestResult {
    let (doc, _) = extract(
        "President Tomas Halvorsen spoke by phone with Kenya's President Samuel Otieno on Sunday.\n\
         Chancellor Ingrid Vogel will meet with acting Prime Minister Ravi Menon on Friday.\n\
         Governor Paula Reyes plans to meet with party leaders, including Senator Ruth Adler.\n",
        "2016-06-08",
    )?;
    assert_linked(&doc, "contacts", "Halvorsen", "Otieno");
    assert_linked(&doc, "meetsWith", "Vogel", "Menon");
    assert_linked(&doc, "meetsWith", "Paula Reyes", "Ruth Adler");
    assert_not_linked(&doc, "contacts", "Halvorsen", "Kenya");
    Ok(())
}

#[test]
fn member_nouns_stand_for_their_organisation() -> TestResult {
    let (doc, _) = extract(
        "President Tomas Halvorsen will meet with NATO officials in Brussels next week.\n\
         Chancellor Ingrid Vogel met with leaders from the African Union on Monday.\n",
        "2016-06-08",
    )?;
    assert_linked(&doc, "meetsWith", "Halvorsen", "NATO");
    assert_linked(&doc, "meetsWith", "Vogel", "African Union");
    Ok(())
}

#[test]
fn destination_after_other_adjuncts_and_a_caption_parenthesis() -> TestResult {
    let (doc, _) = extract(
        "FILE - United Nations envoy Marta Lindqvist (R) arrives for a news conference on the peace talks in Geneva, Switzerland, Feb. 3, 2016.\n",
        "2016-06-08",
    )?;
    assert_eq!(
        facts(&doc, "Marta Lindqvist", "travelsTo", "Geneva").len(),
        1,
        "{}",
        describe(&doc)
    );
    Ok(())
}

#[test]
fn event_nouns_carry_their_modality() -> TestResult {
    let (doc, _) = extract(
        "Talk of a summit between President Tomas Halvorsen and Chancellor Ingrid Vogel worried diplomats.\n\
         Governor Paula Reyes's planned visit to Nairobi was announced on Monday.\n",
        "2016-06-08",
    )?;
    let summit = doc
        .facts
        .iter()
        .find(|f| f.predicate == "meetsWith")
        .ok_or_else(|| format!("no meeting: {}", describe(&doc)))?;
    assert_eq!(
        summit.modality,
        Modality::Hypothetical,
        "{}",
        describe(&doc)
    );
    let visit = facts(&doc, "Paula Reyes", "travelsTo", "Nairobi");
    assert_eq!(visit.len(), 1, "{}", describe(&doc));
    assert_eq!(visit[0].modality, Modality::Planned);
    Ok(())
}

#[test]
fn killings_and_deaths() -> TestResult {
    let (doc, _) = extract(
        "Sergeant Tom Keller has acknowledged killing Peter Odhiambo, but says he acted in self-defense.\n\
         The court heard that Opposition leader Peter Kamau, who was slain in the city of Houston on Monday, had received threats.\n",
        "2016-06-08",
    )?;
    assert_eq!(
        facts(&doc, "Tom Keller", "kills", "Peter Odhiambo").len(),
        1,
        "{}",
        describe(&doc)
    );
    assert_eq!(
        facts(&doc, "Peter Kamau", "diesIn", "Houston").len(),
        1,
        "{}",
        describe(&doc)
    );
    Ok(())
}

#[test]
fn a_pronoun_in_an_opening_clause_points_forward() -> TestResult {
    let (doc, _) = extract(
        "President Tomas Halvorsen spoke in Oslo on Sunday.\n\
         As she entered a meeting with NATO officials on Monday, the bloc's foreign affairs chief Ingrid Vogel said the alliance was united.\n",
        "2016-06-08",
    )?;
    assert_linked(&doc, "meetsWith", "Vogel", "NATO");
    assert_not_linked(&doc, "meetsWith", "Halvorsen", "NATO");
    Ok(())
}

#[test]
fn a_role_noun_is_its_holder_not_the_country() -> TestResult {
    let (doc, _) = extract(
        "Kenyan President Samuel Otieno flew to Oslo on Monday.\n\
         Prime Minister Ingrid Vogel waited two hours for a short meeting with the Kenyan President.\n\
         Governor Paula Reyes later held a call with the leader of Norway.\n\
         Mayor Ines Roth met with Chinese officials on Tuesday.\n\
         U.S. President Mark Daly arrived late, and Senator Ruth Adler had a brief meeting with the U.S. President.\n\
         Chancellor Lars Holm met with NATO officials on Wednesday.\n",
        "2016-06-08",
    )?;
    assert_linked(&doc, "meetsWith", "Vogel", "Samuel Otieno");
    assert_not_linked(&doc, "meetsWith", "Vogel", "Kenya");
    assert_not_linked(&doc, "contacts", "Paula Reyes", "Norway");
    assert_not_linked(&doc, "meetsWith", "Ines Roth", "China");
    assert_linked(&doc, "meetsWith", "Ruth Adler", "Mark Daly");
    assert_not_linked(&doc, "meetsWith", "Ruth Adler", "United States");
    // an organisation's officials act for it
    assert_linked(&doc, "meetsWith", "Lars Holm", "NATO");
    Ok(())
}

#[test]
fn a_preposition_after_an_event_noun_is_the_noun_s() -> TestResult {
    let (doc, _) = extract(
        "FILE - Foreign Minister Anna Berg speaks during a news conference with her Swedish counterpart Lars Holm in Oslo.\n",
        "2016-06-08",
    )?;
    assert_not_linked(&doc, "contacts", "Anna Berg", "Lars Holm");
    Ok(())
}

#[test]
fn a_pronoun_opening_its_sentence_carries_on_the_topic() -> TestResult {
    let (doc, _) = extract(
        "President Tomas Halvorsen spent the weekend calling foreign leaders.\n\
         He also was to talk on Sunday with Governor Kofi Mensah and Mayor Arjun Patel.\n\
         He spoke on Saturday to Chancellor Ingrid Vogel.\n",
        "2016-06-08",
    )?;
    assert_linked(&doc, "contacts", "Halvorsen", "Ingrid Vogel");
    assert_not_linked(&doc, "contacts", "Arjun Patel", "Ingrid Vogel");
    Ok(())
}

#[test]
fn deaths_in_a_modified_place_noun_and_after_coordinated_participles() -> TestResult {
    let (doc, _) = extract(
        "Opposition leader Peter Kamau, who was slain in the Kenyan city of Nairobi on Monday, had received threats.\n\
         The reporter Ana Ruiz, 31, who was abducted and killed in Argentina, was remembered on Friday.\n\
         Senator Dale Smith was attending a rally in Phoenix on Saturday.\n",
        "2016-06-08",
    )?;
    assert_linked(&doc, "diesIn", "Peter Kamau", "Nairobi");
    assert_linked(&doc, "diesIn", "Ana Ruiz", "Argentina");
    assert_linked(&doc, "demonstratesIn", "Dale Smith", "Phoenix");
    Ok(())
}

#[test]
fn a_place_after_a_preposition_and_an_adjective_is_no_subject() -> TestResult {
    let (doc, _) = extract(
        "The army's operation in southern Kenya will not target Nairobi, the minister said.\n\
         A video showed officer Tom Keller shooting Peter Odhiambo outside a shop in Nairobi.\n",
        "2016-06-08",
    )?;
    assert_not_linked(&doc, "attacks", "Kenya", "Nairobi");
    assert_linked(&doc, "attacks", "Tom Keller", "Peter Odhiambo");
    Ok(())
}

#[test]
fn a_temporal_gerund_takes_the_main_clause_subject_and_plan() -> TestResult {
    let (doc, _) = extract(
        "President Tom Reed will meet with King Harald Dahl and acting Prime Minister Ken Sato before traveling to a naval base in Oslo.\n\
         Police took the suspect into custody, before moving him to a prison outside Nairobi.\n\
         Activist Maria Santos died in a car crash near Nairobi on Sunday.\n",
        "2016-06-08",
    )?;
    let travel = facts(&doc, "Tom Reed", "travelsTo", "Oslo");
    assert_eq!(travel.len(), 1, "{}", describe(&doc));
    assert_eq!(travel[0].modality, Modality::Planned);
    assert_not_linked(&doc, "travelsTo", "Ken Sato", "Oslo");
    assert!(
        pairs(&doc, "travelsTo").iter().all(|(_, o)| o != "Nairobi"),
        "{}",
        describe(&doc)
    );
    assert_linked(&doc, "diesIn", "Maria Santos", "Nairobi");
    Ok(())
}
