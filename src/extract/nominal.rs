//! Relations stated by a noun: the nominal form of a property, read from its `nk:nounTrigger`s
//! ("withdrawal from" on `nk:withdrawsFrom`, "talks with" and "talks between" on `nk:meetsWith`).
//!
//! - **"NOUN PREP X"** ("Russia's withdrawal from Syria"): the object follows the preposition (with
//!   coordination: "talks with Putin and Lavrov" → two facts); the subject is a possessive or
//!   modifying name before the noun, the agent after "by", or the subject of the verb whose object
//!   the noun is ("he is planning a trip to Washington"). For a symmetric or comitative ("with") property, it may also be
//!   the subject of the clause ("Obama revealed his phone call with Rouhani", "Merkel attended a
//!   news conference as part of a meeting with ..."), with less confidence.
//! - **"NOUN between X and Y"** ("talks between Obama and Putin"): X and Y, when both are named.
//! - **no preposition**, symmetric property: the noun is the object of a verb whose subjects are
//!   coordinated ("Trump and King Abdullah held a news conference") → one fact per pair; or it
//!   follows the object of a verb after "during"/"at"/"after" ("Kerry asked Sharif, during a
//!   meeting, to ...") → the verb's subject and object.
//!
//! Confidence 0.75 (0.6 through the clause subject, 0.7 for coordinated subjects).

use std::ops::Range;

use super::events::{LEADING_DETERMINERS, between, modifier_before};
use super::relations::{Node, Object, RelationFact, Relations, Scan, modality_and_time};
use super::scan::lower_in;
use super::text::TokenKind;
use super::time::TimeMention;
use super::triggers::{NounTrigger, PREPOSITIONS, Slot};
use crate::facts::Modality;

/// Where a nominal trigger stands: its tokens `i..end` in sentence `si`, and the time mentions of
/// the text; what every rule below starts from.
#[derive(Clone, Copy)]
struct Site<'s, 'a, 'd> {
    scan: &'s Scan<'a, 'd>,
    si: usize,
    i: usize,
    end: usize,
    trigger: &'s NounTrigger,
    times: &'s [TimeMention],
}

/// The facts of the nominal trigger at tokens `i..end`; false when it states none.
#[allow(clippy::too_many_arguments)]
pub(crate) fn relation(
    scan: &Scan<'_, '_>,
    si: usize,
    i: usize,
    end: usize,
    trigger: &NounTrigger,
    subject_slot: &Slot,
    object_slot: &Slot,
    times: &[TimeMention],
    out: &mut Relations,
) -> bool {
    let sentence = &scan.doc.sentences[si];
    let (floor, ceil) = (sentence.tokens.start, sentence.tokens.end);
    let Some(prep) = &trigger.preposition else {
        return false;
    };
    let site = Site {
        scan,
        si,
        i,
        end,
        trigger,
        times,
    };
    if !scan.is(end, prep) {
        // (only for a symmetric property: "issued a call for ..." is no phone call)
        return trigger.symmetric
            && (reciprocal(&site, subject_slot, out) || during(&site, subject_slot, out));
    }
    if prep == "between" {
        return between_relation(&site, out);
    }
    let objects = scan.objects(end + 1, ceil, object_slot, false, 5);
    let Some(&(_, _, first_end)) = objects.first() else {
        return false;
    };
    let object_end = objects.iter().map(|o| o.2).max().unwrap_or(first_end);
    let mut confidence: f64 = 0.75;
    let subject = modifier_before(scan, si, i, subject_slot)
        .or_else(|| {
            let by = (object_end..ceil.min(object_end + 3)).find(|&k| scan.is(k, "by"))?;
            scan.objects(by + 1, ceil, subject_slot, true, 4)
                .first()
                .map(|o| (o.0, by + 1))
        })
        // "He is planning a trip to Washington": the subject of the verb whose object the noun is.
        .or_else(|| {
            let determiner = i
                .checked_sub(1)
                .filter(|&d| d > floor && lower_in(scan.word(d), LEADING_DETERMINERS))?;
            let verb = determiner - 1;
            if !scan.verb_like(verb) || scan.is_speech(verb) {
                return None;
            }
            scan.subject(floor, verb, subject_slot)
                .map(|(node, _, start)| (node, start))
        })
        .or_else(|| {
            if !trigger.comitative() {
                return None;
            }
            confidence = 0.6;
            clause_subject(scan, floor, i, subject_slot)
        });
    let Some((subject, subject_token)) = subject else {
        return false;
    };
    let (modality, time) = modality_and_time(scan, si, i, object_end, times);
    let start = scan.doc.tokens[subject_token.min(i)].start;
    let stop = scan.doc.tokens[object_end.saturating_sub(1).max(i)].end;
    let mut any = false;
    for &(object, object_confidence, _) in &objects {
        if object == subject {
            continue;
        }
        any = true;
        let claim = Claim {
            modality,
            time: time.clone(),
            confidence: confidence.min(object_confidence),
        };
        out.facts
            .push(fact(trigger, si, subject, object, start..stop, claim));
    }
    any
}

/// The subject of the clause of the noun at token `i`: the nearest fitting name before it that is
/// not after a preposition nor a modifier, in the same reported clause (not across "said" or
/// "that": in "He said separatists will not enter talks with Kyiv", "he" is not the party).
fn clause_subject(
    scan: &Scan<'_, '_>,
    floor: usize,
    i: usize,
    slot: &Slot,
) -> Option<(Node, usize)> {
    // bounded, so that a long sentence does not make the search quadratic
    let (node, _, start) = scan.clause_subject(floor.max(i.saturating_sub(30)), i, slot)?;
    if scan
        .mention(start)
        .is_none_or(|m| scan.entities.mentions[m].pronoun)
    {
        return None;
    }
    let crossed = (start..i).any(|k| scan.is_speech(k) || scan.is(k, "that") || scan.is(k, "who"));
    (!crossed).then_some((node, start))
}

/// "talks between Obama and Putin" → `Obama meetsWith Putin`, when both parties are named.
fn between_relation(site: &Site<'_, '_, '_>, out: &mut Relations) -> bool {
    let Site {
        scan,
        si,
        i,
        end,
        trigger,
        times,
    } = *site;
    let ceil = scan.doc.sentences[si].tokens.end;
    let (parties, stop) = between(scan, end + 1, ceil, out);
    let [(a, _), (b, _)] = parties.as_slice() else {
        return false;
    };
    if a == b || !matches!((a, b), (Node::Entity(_), Node::Entity(_))) {
        return false;
    }
    let (modality, time) = modality_and_time(scan, si, i, stop, times);
    let bytes = scan.doc.tokens[i].start..scan.doc.tokens[stop.saturating_sub(1).max(i)].end;
    let claim = Claim {
        modality,
        time,
        confidence: 0.75,
    };
    out.facts.push(fact(trigger, si, *a, *b, bytes, claim));
    true
}

/// "Trump and King Abdullah hold a joint news conference": the noun is the object of a verb right
/// after coordinated subjects (a few determiners, adjectives and auxiliaries between); one fact
/// per pair of subjects.
fn reciprocal(site: &Site<'_, '_, '_>, slot: &Slot, out: &mut Relations) -> bool {
    let Site {
        scan,
        si,
        i,
        end,
        trigger,
        times,
    } = *site;
    let floor = scan.doc.sentences[si].tokens.start;
    // walk back over lowercase words to the first one after a name: the verb
    let mut verb = None;
    let mut k = i;
    while k > floor && i - k < 5 {
        let w = scan.word(k - 1);
        if scan.doc.tokens[k - 1].kind != TokenKind::Word
            || !w.chars().all(|c| c.is_lowercase() || c == '-')
            || lower_in(w, PREPOSITIONS)
            || scan.is_opener(k - 1)
            || scan.is_speech(k - 1)
        {
            break;
        }
        k -= 1;
        if k > floor && scan.mention(k - 1).is_some() {
            verb = Some(k);
            break;
        }
    }
    let Some(verb) = verb else {
        return false;
    };
    let Some((first, _, start)) = scan.subject(floor, verb, slot) else {
        return false;
    };
    let Some(m) = scan.mention(start) else {
        return false;
    };
    let mut parties = vec![(first, start)];
    parties.extend(scan.coordinated_subjects(floor, m, slot));
    if parties.len() < 2 {
        return false;
    }
    let (modality, time) = modality_and_time(scan, si, verb, end, times);
    let from = parties.iter().map(|p| p.1).min().unwrap_or(verb);
    let nodes = parties.iter().map(|p| p.0);
    let claim = Claim {
        modality,
        time,
        confidence: 0.7,
    };
    push_pairs(scan, si, trigger, nodes, from..end, &claim, out);
    true
}

/// "Kerry asked Sharif, during a meeting this week, to ...": the noun, after "during", "at",
/// "after", "before" or "in", follows the object of a verb; the verb's subject and that object are
/// the parties (confidence 0.6).
fn during(site: &Site<'_, '_, '_>, slot: &Slot, out: &mut Relations) -> bool {
    let Site {
        scan,
        si,
        i,
        end,
        trigger,
        times,
    } = *site;
    let floor = scan.doc.sentences[si].tokens.start;
    let Some(p) = (i.saturating_sub(3).max(floor)..i)
        .rev()
        .find(|&k| lower_in(scan.word(k), &["during", "at", "after", "before", "in"]))
    else {
        return false;
    };
    // only determiners and adjectives between the preposition and the noun
    if (p + 1..i).any(|k| {
        scan.doc.tokens[k].kind != TokenKind::Word
            || !scan.word(k).chars().all(|c| c.is_lowercase() || c == '-')
    }) {
        return false;
    }
    let mut b = p;
    if b > floor && scan.is(b - 1, ",") {
        b -= 1;
    }
    let Some(m) = b.checked_sub(1).and_then(|k| scan.mention(k)) else {
        return opening_parties(site, slot, out);
    };
    let mention = &scan.entities.mentions[m];
    if mention.pronoun || mention.demonym || scan.possessive(m) || !scan.fits(m, slot) {
        return false;
    }
    let object = Node::Entity(mention.entity);
    let verb = scan.phrase_start(floor, m);
    if verb <= floor || !scan.verb_like(verb - 1) {
        return false;
    }
    let Some((subject, _, start)) = scan.subject(floor, verb - 1, slot) else {
        return false;
    };
    if subject == object {
        return false;
    }
    let (modality, time) = modality_and_time(scan, si, verb - 1, end, times);
    let bytes = scan.doc.tokens[start.min(i)].start..scan.doc.tokens[end.saturating_sub(1)].end;
    let claim = Claim {
        modality,
        time,
        confidence: 0.6,
    };
    out.facts
        .push(fact(trigger, si, subject, object, bytes, claim));
    true
}

/// "Trump and Xi chat as they walk ... after a bilateral meeting": the coordinated names that open
/// the sentence (after a caption's "FILE -") and are followed by their verb; one fact per pair
/// (confidence 0.6).
fn opening_parties(site: &Site<'_, '_, '_>, slot: &Slot, out: &mut Relations) -> bool {
    let Site {
        scan,
        si,
        i,
        end,
        trigger,
        times,
    } = *site;
    let floor = scan.doc.sentences[si].tokens.start;
    // the first name, with at most a capitalised caption word and a dash before it
    let Some(first) = (floor..i.min(floor + 4)).find(|&k| scan.mention(k).is_some()) else {
        return false;
    };
    if (floor..first).any(|k| {
        let w = scan.word(k);
        !(w.chars().all(|c| c.is_uppercase()) || matches!(w, "-" | "—" | "–"))
    }) {
        return false;
    }
    let parties = scan.objects(first, i, slot, false, 4);
    let Some(&(_, _, after)) = parties.last() else {
        return false;
    };
    let verb = scan.word(after);
    if parties.len() < 2
        || scan
            .doc
            .tokens
            .get(after)
            .is_none_or(|t| t.kind != TokenKind::Word)
        || !verb.chars().all(|c| c.is_lowercase())
        || lower_in(verb, PREPOSITIONS)
        || scan.is_opener(after)
    {
        return false;
    }
    let (modality, time) = modality_and_time(scan, si, after, end, times);
    let nodes = parties.iter().map(|p| p.0);
    let claim = Claim {
        modality,
        time,
        confidence: 0.6,
    };
    push_pairs(scan, si, trigger, nodes, first..end, &claim, out);
    true
}

/// What a fact of one statement says besides its parties: its modality, time and confidence.
#[derive(Clone)]
struct Claim {
    modality: Modality,
    time: Option<TimeMention>,
    confidence: f64,
}

/// One fact of `trigger` per pair of distinct `parties` (in their order), each spanning the
/// tokens `span` of sentence `si`.
fn push_pairs(
    scan: &Scan<'_, '_>,
    si: usize,
    trigger: &NounTrigger,
    parties: impl Iterator<Item = Node> + Clone,
    span: Range<usize>,
    claim: &Claim,
    out: &mut Relations,
) {
    let bytes = scan.doc.tokens[span.start].start..scan.doc.tokens[span.end.saturating_sub(1)].end;
    for (n, a) in parties.clone().enumerate() {
        for b in parties.clone().skip(n + 1) {
            if a != b {
                out.facts
                    .push(fact(trigger, si, a, b, bytes.clone(), claim.clone()));
            }
        }
    }
}

/// The fact `subject` `trigger` `object` of sentence `si`, stated by the bytes `bytes`.
fn fact(
    trigger: &NounTrigger,
    si: usize,
    subject: Node,
    object: Node,
    bytes: Range<usize>,
    claim: Claim,
) -> RelationFact {
    RelationFact {
        subject,
        predicate: trigger.term.clone(),
        object: Object::Node(object),
        modality: claim.modality,
        confidence: claim.confidence,
        sentence: si,
        start: bytes.start,
        end: bytes.end,
        time: claim.time,
    }
}
