//! Relations, events, quotes, time and modality extracted from short articles written for these
//! tests (invented people and events, in the patterns of wire copy).

mod relations_support;

use newskg::facts::{Fact, Modality};
use relations_support::{DATE, TestResult, describe, extract, extracted, facts, name, the_fact};

const ARTICLE: &str = "BERLIN, June 8 (Reuters) — German Foreign Minister Klaus Brenner announced Tuesday that he will travel to Nairobi next week to discuss the drought, a day after Kenyan President Samuel Otieno said he’d begin to withdraw troops from Somalia.
Brenner announced the trip early Tuesday, although the details were not revealed.
“The purpose of this trip is to support the people of the region,” Foreign Ministry spokeswoman Petra Holm said during Tuesday’s press briefing. “There are other issues to discuss with Kenya, but the drought comes first.”
Brenner did say he will meet with Otieno and Foreign Minister Grace Wanjiru.
African Union envoy Marta Lindqvist, who has been brokering peace talks between the Somali government and rebel forces, said Tuesday that she hoped the talks would resume.
The Defense Ministry acknowledged that Kenyan aircraft began leaving Somalia on Tuesday, but said it saw no evidence that any troops left.
Kenya’s withdrawal from Somalia is expected to take months.
“We have reached an important moment,” Brenner said.
";

#[test]
fn planned_travel_with_next_week_resolved() -> TestResult {
    let doc = extracted(ARTICLE)?;
    let f = the_fact(&doc, "Brenner", "travelsTo", "Nairobi")?;
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
    let doc = extracted(ARTICLE)?;
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
    let doc = extracted(ARTICLE)?;
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
    let (doc, ontology) = extract(ARTICLE, DATE)?;
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
    let doc = extracted(ARTICLE)?;
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
    let doc = extracted("Kenya’s withdrawal from Somalia is expected to take months.\n")?;
    the_fact(&doc, "Kenya", "withdrawsFrom", "Somalia")?;
    Ok(())
}

/// Checks that each text says once that Kenya withdraws from Somalia, with the given modality.
fn kenya_withdraws_with_modality(cases: &[(&str, Modality)]) -> TestResult {
    for &(text, expected) in cases {
        let doc = extracted(text)?;
        let found = the_fact(&doc, "Kenya", "withdrawsFrom", "Somalia")
            .map_err(|e| format!("{text}: {e}"))?;
        assert_eq!(found.modality, expected, "{text}");
    }
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
    kenya_withdraws_with_modality(&cases)
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
    kenya_withdraws_with_modality(&cases)
}

#[test]
fn passive_voice_takes_the_agent_after_by() -> TestResult {
    let doc =
        extracted("Opposition leader Peter Kamau was arrested by Kenyan police on Friday.\n")?;
    let f = the_fact(&doc, "Kenya", "arrests", "Peter Kamau")?;
    assert_eq!(
        f.time.as_ref().and_then(|t| t.start.as_deref()),
        Some("2016-06-03")
    );
    Ok(())
}

#[test]
fn quotes_are_attributed_to_their_speakers() -> TestResult {
    let doc = extracted(ARTICLE)?;
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
    let doc = extracted(text)?;
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
