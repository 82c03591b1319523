//! The subjects of a verb trigger: the nearest fitting name before it with the names coordinated
//! before that one, through relative and personal pronouns ([`Scan::subject`]); for a gerund
//! complement of a speech verb, the speaker; for an infinitive of purpose, the subject of its
//! clause; for a participle adjunct ("after meeting with Turnbull", "..., coming to Philadelphia"),
//! the subject of the main clause.

use super::morphology::VerbForm;
use super::relations::{Node, Scan};
use super::scan::{AUXILIARIES, OTHER_PRONOUNS, lower_in as lower_in_list};
use super::triggers::VerbTrigger;

/// The subjects of the verb at token `i`: the nearest fitting subject with the names coordinated
/// before it ("Obama and Putin"), through a relative pronoun or a personal pronoun; for a
/// participle clause ("after meeting with Turnbull", "..., coming to Philadelphia"), the subject of
/// the main clause before it or, when the clause opens the sentence, after its comma.
pub(crate) fn subjects(
    scan: &Scan<'_, '_>,
    floor: usize,
    ceil: usize,
    i: usize,
    trigger: &VerbTrigger,
) -> Vec<(Node, f64, usize)> {
    if let Some(subject) = scan.subject(floor, i, &trigger.subject) {
        let mut all = vec![subject];
        let (node, confidence, start) = subject;
        if confidence >= 0.9 {
            if let (Node::Entity(_), Some(m)) = (node, scan.mention(start)) {
                for (other, other_start) in scan.coordinated_subjects(floor, m, &trigger.subject) {
                    all.push((other, 0.85, other_start));
                }
            }
        }
        return all;
    }
    // "Pistorius has acknowledged killing Steenkamp": a gerund complement of a speech verb
    if trigger.form == VerbForm::Gerund && i > floor && scan.is_speech(i - 1) {
        return scan
            .subject(floor, i - 1, &trigger.subject)
            .into_iter()
            .collect();
    }
    let adjunct = trigger.form == VerbForm::Gerund
        && i > floor
        && (scan.word(i - 1) == ","
            || lower_in_list(
                scan.word(i - 1),
                &[
                    "after", "before", "while", "since", "upon", "when", "for", "by",
                ],
            ));
    // "planning a trip to Washington to meet with party leaders": the purpose clause's subject
    let purpose = trigger.form == VerbForm::Base && i > floor && scan.is(i - 1, "to");
    if purpose {
        // not across another possible subject: "the one we'd used to travel", "for the fighters to
        // move", "expects it to return"
        return scan
            .clause_subject(floor.max(i.saturating_sub(30)), i - 1, &trigger.subject)
            .filter(|&(_, _, start)| {
                !(start..i).any(|k| {
                    scan.is_speech(k)
                        || lower_in_list(scan.word(k), OTHER_PRONOUNS)
                        || lower_in_list(scan.word(k), &["for", "who", "which", "that"])
                        || scan.word(k).contains(['’', '\''])
                })
            })
            .into_iter()
            .collect();
    }
    if !adjunct {
        return Vec::new();
    }
    // "Obama will meet with King Felipe and Mariano Rajoy before traveling to ...": after a
    // subordinator, the subject of the main clause's verb, not the nearest name (an object).
    if scan.word(i - 1) != "," {
        let main_verb = (floor.max(i.saturating_sub(25))..i - 1).rev().find(|&k| {
            scan.mention(k).is_none()
                && scan.word(k).starts_with(|c: char| c.is_lowercase())
                && (scan.verb_like(k) || lower_in_list(scan.word(k - 1), AUXILIARIES))
                && !lower_in_list(scan.word(k), AUXILIARIES)
                && !scan.adjective_before_name(k)
        });
        if let Some((node, confidence, start)) =
            main_verb.and_then(|v| scan.subject(floor, v, &trigger.subject))
        {
            return vec![(node, confidence.min(0.6), start)];
        }
    }
    if let Some(subject) = scan.clause_subject(floor, i - 1, &trigger.subject) {
        return vec![subject];
    }
    if i - 1 == floor {
        return scan.subject_after(i + 1, ceil, &trigger.subject);
    }
    Vec::new()
}

/// Whether a word is the -ing form of a verb (not "during", "including", "following").
pub(crate) fn gerund(word: &str) -> bool {
    word.len() > 5
        && word.ends_with("ing")
        && word.starts_with(|c: char| c.is_lowercase())
        && !lower_in_list(
            word,
            &["during", "including", "following", "regarding", "according"],
        )
}
