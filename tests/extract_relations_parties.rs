//! Who the parties of a relation are, on short sentences written for these tests (invented
//! people, in the patterns of wire copy): coordination, objects after possessors and titles, role
//! nouns, pronouns, participle clauses and places after event nouns.

mod relations_support;

use newskg::facts::Modality;
use relations_support::{
    TestResult, assert_linked, assert_not_linked, describe, extracted, pairs, the_fact,
};

#[test]
fn coordinated_subjects_meet_each_other() -> TestResult {
    let doc = extracted(
        "OSLO — Norwegian Prime Minister Ingrid Vogel and Swedish President Tomas Halvorsen met on Monday in Oslo to discuss fishing rights.\n\
         Prime Minister Ravi Menon and President Samuel Otieno spoke by phone on Friday, officials said.\n",
    )?;
    assert_linked(&doc, "meetsWith", "Vogel", "Halvorsen");
    assert_linked(&doc, "contacts", "Menon", "Otieno");
    Ok(())
}

#[test]
fn coordinated_subjects_share_the_object() -> TestResult {
    let doc = extracted(
        "Foreign Minister Anna Berg and Defense Minister Lars Holm traveled to Geneva on Tuesday.\n",
    )?;
    the_fact(&doc, "Anna Berg", "travelsTo", "Geneva")?;
    the_fact(&doc, "Lars Holm", "travelsTo", "Geneva")?;
    Ok(())
}

#[test]
fn an_object_of_an_earlier_verb_is_not_a_second_subject() -> TestResult {
    let doc = extracted(
        "Russia annexed Crimea and President Vladimir Putin met with reporters on Monday.\n",
    )?;
    assert_not_linked(&doc, "meetsWith", "Crimea", "Putin");
    Ok(())
}

#[test]
fn meetings_and_calls_named_by_nouns() -> TestResult {
    let doc = extracted(
        "Talks between Prime Minister Ravi Menon and President Tomas Halvorsen ended without a deal.\n\
         President Samuel Otieno revealed his phone call with Chancellor Ingrid Vogel at a briefing.\n\
         Governor Paula Reyes thanked Mayor Ines Roth during a meeting at the city hall.\n\
         President Tomas Halvorsen and King Harald Dahl held a joint news conference in Oslo.\n\
         FILE - Defense Minister Lars Holm, left, walks with Foreign Minister Anna Berg at the palace in Oslo.\n",
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
    let doc = extracted(
        "President Tomas Halvorsen spoke by phone with Kenya's President Samuel Otieno on Sunday.\n\
         Chancellor Ingrid Vogel will meet with acting Prime Minister Ravi Menon on Friday.\n\
         Governor Paula Reyes plans to meet with party leaders, including Senator Ruth Adler.\n",
    )?;
    assert_linked(&doc, "contacts", "Halvorsen", "Otieno");
    assert_linked(&doc, "meetsWith", "Vogel", "Menon");
    assert_linked(&doc, "meetsWith", "Paula Reyes", "Ruth Adler");
    assert_not_linked(&doc, "contacts", "Halvorsen", "Kenya");
    Ok(())
}

#[test]
fn member_nouns_stand_for_their_organisation() -> TestResult {
    let doc = extracted(
        "President Tomas Halvorsen will meet with NATO officials in Brussels next week.\n\
         Chancellor Ingrid Vogel met with leaders from the African Union on Monday.\n",
    )?;
    assert_linked(&doc, "meetsWith", "Halvorsen", "NATO");
    assert_linked(&doc, "meetsWith", "Vogel", "African Union");
    Ok(())
}

#[test]
fn destination_after_other_adjuncts_and_a_caption_parenthesis() -> TestResult {
    let doc = extracted(
        "FILE - United Nations envoy Marta Lindqvist (R) arrives for a news conference on the peace talks in Geneva, Switzerland, Feb. 3, 2016.\n",
    )?;
    the_fact(&doc, "Marta Lindqvist", "travelsTo", "Geneva")?;
    Ok(())
}

#[test]
fn event_nouns_carry_their_modality() -> TestResult {
    let doc = extracted(
        "Talk of a summit between President Tomas Halvorsen and Chancellor Ingrid Vogel worried diplomats.\n\
         Governor Paula Reyes's planned visit to Nairobi was announced on Monday.\n",
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
    let visit = the_fact(&doc, "Paula Reyes", "travelsTo", "Nairobi")?;
    assert_eq!(visit.modality, Modality::Planned);
    Ok(())
}

#[test]
fn killings_and_deaths() -> TestResult {
    let doc = extracted(
        "Sergeant Tom Keller has acknowledged killing Peter Odhiambo, but says he acted in self-defense.\n\
         The court heard that Opposition leader Peter Kamau, who was slain in the city of Houston on Monday, had received threats.\n",
    )?;
    the_fact(&doc, "Tom Keller", "kills", "Peter Odhiambo")?;
    the_fact(&doc, "Peter Kamau", "diesIn", "Houston")?;
    Ok(())
}

#[test]
fn a_pronoun_in_an_opening_clause_points_forward() -> TestResult {
    let doc = extracted(
        "President Tomas Halvorsen spoke in Oslo on Sunday.\n\
         As she entered a meeting with NATO officials on Monday, the bloc's foreign affairs chief Ingrid Vogel said the alliance was united.\n",
    )?;
    assert_linked(&doc, "meetsWith", "Vogel", "NATO");
    assert_not_linked(&doc, "meetsWith", "Halvorsen", "NATO");
    Ok(())
}

#[test]
fn a_role_noun_is_its_holder_not_the_country() -> TestResult {
    let doc = extracted(
        "Kenyan President Samuel Otieno flew to Oslo on Monday.\n\
         Prime Minister Ingrid Vogel waited two hours for a short meeting with the Kenyan President.\n\
         Governor Paula Reyes later held a call with the leader of Norway.\n\
         Mayor Ines Roth met with Chinese officials on Tuesday.\n\
         U.S. President Mark Daly arrived late, and Senator Ruth Adler had a brief meeting with the U.S. President.\n\
         Chancellor Lars Holm met with NATO officials on Wednesday.\n",
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
    let doc = extracted(
        "FILE - Foreign Minister Anna Berg speaks during a news conference with her Swedish counterpart Lars Holm in Oslo.\n",
    )?;
    assert_not_linked(&doc, "contacts", "Anna Berg", "Lars Holm");
    Ok(())
}

#[test]
fn a_pronoun_opening_its_sentence_carries_on_the_topic() -> TestResult {
    let doc = extracted(
        "President Tomas Halvorsen spent the weekend calling foreign leaders.\n\
         He also was to talk on Sunday with Governor Kofi Mensah and Mayor Arjun Patel.\n\
         He spoke on Saturday to Chancellor Ingrid Vogel.\n",
    )?;
    assert_linked(&doc, "contacts", "Halvorsen", "Ingrid Vogel");
    assert_not_linked(&doc, "contacts", "Arjun Patel", "Ingrid Vogel");
    Ok(())
}

#[test]
fn deaths_in_a_modified_place_noun_and_after_coordinated_participles() -> TestResult {
    let doc = extracted(
        "Opposition leader Peter Kamau, who was slain in the Kenyan city of Nairobi on Monday, had received threats.\n\
         The reporter Ana Ruiz, 31, who was abducted and killed in Argentina, was remembered on Friday.\n\
         Senator Dale Smith was attending a rally in Phoenix on Saturday.\n",
    )?;
    assert_linked(&doc, "diesIn", "Peter Kamau", "Nairobi");
    assert_linked(&doc, "diesIn", "Ana Ruiz", "Argentina");
    assert_linked(&doc, "demonstratesIn", "Dale Smith", "Phoenix");
    Ok(())
}

#[test]
fn a_place_after_a_preposition_and_an_adjective_is_no_subject() -> TestResult {
    let doc = extracted(
        "The army's operation in southern Kenya will not target Nairobi, the minister said.\n\
         A video showed officer Tom Keller shooting Peter Odhiambo outside a shop in Nairobi.\n",
    )?;
    assert_not_linked(&doc, "attacks", "Kenya", "Nairobi");
    assert_linked(&doc, "attacks", "Tom Keller", "Peter Odhiambo");
    Ok(())
}

#[test]
fn a_temporal_gerund_takes_the_main_clause_subject_and_plan() -> TestResult {
    let doc = extracted(
        "President Tom Reed will meet with King Harald Dahl and acting Prime Minister Ken Sato before traveling to a naval base in Oslo.\n\
         Police took the suspect into custody, before moving him to a prison outside Nairobi.\n\
         Activist Maria Santos died in a car crash near Nairobi on Sunday.\n",
    )?;
    let travel = the_fact(&doc, "Tom Reed", "travelsTo", "Oslo")?;
    assert_eq!(travel.modality, Modality::Planned);
    assert_not_linked(&doc, "travelsTo", "Ken Sato", "Oslo");
    assert!(
        pairs(&doc, "travelsTo").iter().all(|(_, o)| o != "Nairobi"),
        "{}",
        describe(&doc)
    );
    assert_linked(&doc, "diesIn", "Maria Santos", "Nairobi");
    Ok(())
}
