//! Events named by nouns: "peace talks between X and Y", "the attack in Kabul", "Russia's withdrawal
//! from Syria".
//!
//! A noun trigger of an event class becomes an event entity of that class when the text gives it at
//! least one argument, read from the words around the noun:
//!
//! - **agent** (`nk:agent`): a possessive or modifying name right before it ("Russia's withdrawal",
//!   "Russian airstrikes") or "by X" after it;
//! - **participants** (`nk:participant`): "between X and Y", "with X"; a party without a name is
//!   kept as a common-noun party ("opposition forces");
//! - **patient** (`nk:patient`): "on X", "against X", "of X" ("the attack on the embassy");
//! - **place** (`nk:eventPlace`): "in/at/near/from X" where X is a place;
//! - **time** (`nk:eventTime`): the time expression of the clause.
//!
//! A noun trigger on a *property* is its nominal form ("withdrawal from" on `nk:withdrawsFrom`:
//! "Russia's withdrawal from Syria" → `Russia withdrawsFrom Syria`), handled by
//! [`super::nominal`].
//!
//! A verb whose range is an event class ("brokering peace talks") asks [`event_object`] for the
//! event named after it.

use super::names_lexicon::with_lowercase;
use super::relations::{
    EventNode, Node, Object, Party, RelationFact, Relations, Scan, modality_and_time, round,
};
use super::text::TokenKind;
use super::time::TimeMention;
use super::triggers::{NounTrigger, Slot};

/// The role properties of the ontology that events use (core terms of `ontology/news.ttl`).
const PARTICIPANT: &str = "participant";
const AGENT: &str = "agent";
const PATIENT: &str = "patient";
const EVENT_PLACE: &str = "eventPlace";
const EVENT_TIME: &str = "eventTime";
/// The class given to a party named by a common noun.
const PARTY_CLASS: &str = "Organization";

pub(crate) const LEADING_DETERMINERS: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "some", "other",
];

/// The arguments found around an event noun.
#[derive(Default)]
struct Args {
    agent: Option<(Node, usize)>,
    participants: Vec<(Node, usize)>,
    patient: Option<(Node, usize)>,
    place: Option<(Node, usize)>,
    /// First token of the event's words.
    first: usize,
    /// One past the last token of the event's words.
    last: usize,
}

impl Args {
    fn is_empty(&self) -> bool {
        self.agent.is_none()
            && self.participants.is_empty()
            && self.patient.is_none()
            && self.place.is_none()
    }
}

/// Whether the noun trigger's words match the tokens from `i`; returns one past its last token.
fn matches(scan: &Scan<'_, '_>, i: usize, trigger: &NounTrigger) -> Option<usize> {
    let mut k = i;
    for w in &trigger.words {
        let t = scan.word(k);
        let bare = t
            .strip_suffix("’s")
            .or_else(|| t.strip_suffix("'s"))
            .unwrap_or(t);
        if !bare.eq_ignore_ascii_case(w) {
            return None;
        }
        k += 1;
    }
    Some(k)
}

/// Whether a noun trigger of a property starts at token `k` and takes the preposition `prep`
/// right after it ("a press conference with ..."): the preposition then belongs to the noun, not
/// to a verb before it ("speaks during a press conference with X" is no "speak with X").
pub(crate) fn owns_preposition(scan: &Scan<'_, '_>, k: usize, prep: &str) -> bool {
    if !scan.may_be_noun_trigger(k) {
        return false;
    }
    with_lowercase(scan.word(k), |w| {
        scan.triggers.noun(w).iter().any(|t| {
            t.preposition
                .as_deref()
                .is_some_and(|p| p.eq_ignore_ascii_case(prep))
                && matches(scan, k, t).is_some_and(|end| scan.is(end, prep))
        })
    })
}

/// Creates the event of class `class` (or a subclass) named within a few tokens from `from`
/// (after a verb such as "broker"); returns it as an object.
pub(crate) fn event_object(
    scan: &Scan<'_, '_>,
    si: usize,
    from: usize,
    class: &str,
    owner: Option<&str>,
    times: &[TimeMention],
    out: &mut Relations,
) -> Vec<(Node, f64, usize)> {
    let ceil = scan.doc.sentences[si].tokens.end;
    let mut lower = String::new();
    for k in from..ceil.min(from + 4) {
        if scan.is_boundary(k) {
            break;
        }
        lower.clear();
        lower.push_str(&scan.word(k).to_lowercase());
        for trigger in scan.triggers.noun(&lower) {
            if trigger.relation.is_some() || !scan.triggers.is_a(&trigger.term, class) {
                continue;
            }
            let Some(end) = matches(scan, k, trigger) else {
                continue;
            };
            let args = arguments(scan, si, k, end, out);
            let last = args.last;
            let node = create_event(scan, si, k, end, &trigger.term, args, owner, times, out);
            return vec![(node, 0.9, last)];
        }
    }
    Vec::new()
}

/// Handles the noun triggers whose first word is token `i`.
pub(crate) fn noun_events(
    scan: &Scan<'_, '_>,
    si: usize,
    i: usize,
    triggers: &[NounTrigger],
    times: &[TimeMention],
    out: &mut Relations,
) {
    let start = scan.doc.tokens[i].start;
    if out
        .events
        .iter()
        .rev()
        .take(4)
        .any(|e| e.start <= start && start < e.end)
    {
        return;
    }
    let floor = scan.doc.sentences[si].tokens.start;
    if i > floor && scan.word(i).chars().next().is_some_and(char::is_uppercase) {
        return;
    }
    let mut nominal_done = false;
    for trigger in triggers {
        let Some(end) = matches(scan, i, trigger) else {
            continue;
        };
        match &trigger.relation {
            Some((subject_slot, object_slot)) => {
                if !nominal_done {
                    nominal_done = super::nominal::relation(
                        scan,
                        si,
                        i,
                        end,
                        trigger,
                        subject_slot,
                        object_slot,
                        times,
                        out,
                    );
                }
            }
            None => {
                let args = arguments(scan, si, i, end, out);
                if !args.is_empty() {
                    create_event(scan, si, i, end, &trigger.term, args, None, times, out);
                }
                return;
            }
        }
    }
}

/// A name right before the noun at token `i` that modifies it: a possessive ("Russia's"), a
/// demonym or name used as a modifier ("Russian", "U.S."), allowing one adjective between
/// ("Russia's sudden withdrawal").
pub(crate) fn modifier_before(
    scan: &Scan<'_, '_>,
    si: usize,
    i: usize,
    slot: &Slot,
) -> Option<(Node, usize)> {
    let floor = scan.doc.sentences[si].tokens.start;
    let mut k = i;
    let mut adjectives = 0;
    while k > floor {
        if let Some(m) = scan.mention(k - 1) {
            let mention = &scan.entities.mentions[m];
            return scan
                .fits(m, slot)
                .then_some((Node::Entity(mention.entity), mention.tokens.start));
        }
        let w = scan.word(k - 1);
        if w == "’s" || w == "'s" {
            k -= 1;
            continue;
        }
        let adjective = scan.doc.tokens[k - 1].kind == TokenKind::Word
            && w.chars().all(|c| c.is_lowercase() || c == '-')
            && !super::scan::lower_in(w, LEADING_DETERMINERS)
            && !scan.is_opener(k - 1)
            && !super::scan::lower_in(w, super::triggers::PREPOSITIONS);
        if !adjective
            || adjectives == 1
            || !scan.triggers.verb(w).is_empty()
            || scan.is_speech(k - 1)
        {
            return None;
        }
        adjectives += 1;
        k -= 1;
    }
    None
}

/// The arguments of the event noun at tokens `i..end`.
fn arguments(scan: &Scan<'_, '_>, si: usize, i: usize, end: usize, out: &mut Relations) -> Args {
    let ceil = scan.doc.sentences[si].tokens.end;
    let mut args = Args {
        first: i,
        last: end,
        ..Args::default()
    };
    if let Some((node, first)) = modifier_before(scan, si, i, &Slot::Agent) {
        args.agent = Some((node, first));
        args.first = first;
    }
    let mut k = end;
    let limit = ceil.min(end + 10);
    while k < limit {
        if scan.is_boundary(k) || scan.is_opener(k) || scan.is_speech(k) || scan.word(k) == "," {
            break;
        }
        let w = scan.word(k).to_ascii_lowercase();
        let mut arg_at = k + 1;
        if scan.is(arg_at, "the") {
            arg_at += 1;
        }
        match w.as_str() {
            "between" => {
                let (parties, stop) = between(scan, k + 1, ceil, out);
                if !parties.is_empty() {
                    args.participants.extend(parties);
                    args.last = stop;
                }
                break;
            }
            "with" | "on" | "against" | "of" | "in" | "at" | "near" | "from" | "by" => {
                let Some(m) = scan.mention(arg_at) else {
                    k += 1;
                    continue;
                };
                let head = scan.chain_head(m);
                let mention = &scan.entities.mentions[head];
                let node = Node::Entity(mention.entity);
                let stop = mention.tokens.end;
                let place = scan.fits(head, &Slot::Place);
                match w.as_str() {
                    "with" => args.participants.push((node, stop)),
                    "by" if args.agent.is_none() => args.agent = Some((node, stop)),
                    "in" | "at" | "near" | "from" if place && args.place.is_none() => {
                        args.place = Some((node, stop))
                    }
                    "on" | "against" | "of" if args.patient.is_none() => {
                        args.patient = Some((node, stop))
                    }
                    _ => {
                        k = stop;
                        continue;
                    }
                }
                args.last = stop;
                k = stop;
                continue;
            }
            _ => {}
        }
        k += 1;
    }
    args
}

/// The two parties of "between X and Y" from token `from`; returns them and one past the last token.
pub(crate) fn between(
    scan: &Scan<'_, '_>,
    from: usize,
    ceil: usize,
    out: &mut Relations,
) -> (Vec<(Node, usize)>, usize) {
    let limit = ceil.min(from + 16);
    let mut and = None;
    let mut k = from;
    while k < limit {
        if let Some(m) = scan.mention(k) {
            k = scan.entities.mentions[m].tokens.end;
            continue;
        }
        if scan.is_boundary(k) || scan.is_opener(k) || scan.is_speech(k) || scan.word(k) == "," {
            break;
        }
        if scan.is(k, "and") {
            and = Some(k);
            break;
        }
        k += 1;
    }
    let Some(and) = and else {
        return (Vec::new(), from);
    };
    let mut stop = and + 1;
    while stop < limit.min(and + 9) {
        if scan.is_boundary(stop)
            || scan.is_opener(stop)
            || scan.is_speech(stop)
            || scan.word(stop) == ","
        {
            break;
        }
        stop += 1;
    }
    let mut parties = Vec::new();
    for (a, b) in [(from, and), (and + 1, stop)] {
        if let Some(p) = party(scan, a, b, out) {
            parties.push((p, b));
        }
    }
    if parties.len() < 2 {
        return (Vec::new(), from);
    }
    (parties, stop)
}

/// The party named by tokens `a..b`: the last fitting name in it, or a short common noun phrase.
fn party(scan: &Scan<'_, '_>, a: usize, b: usize, out: &mut Relations) -> Option<Node> {
    let named = (a..b)
        .rev()
        .filter_map(|k| scan.mention(k))
        .find(|&m| scan.fits(m, &Slot::Agent));
    if let Some(m) = named {
        return Some(Node::Entity(scan.entities.mentions[m].entity));
    }
    let mut a = a;
    while a < b && super::scan::lower_in(scan.word(a), LEADING_DETERMINERS) {
        a += 1;
    }
    let len = b.saturating_sub(a);
    let plain = (a..b).all(|k| {
        scan.doc.tokens[k].kind == TokenKind::Word
            && scan.word(k).chars().all(|c| c.is_lowercase() || c == '-')
    });
    if len == 0 || len > 4 || !plain {
        return None;
    }
    let (start, end) = (scan.doc.tokens[a].start, scan.doc.tokens[b - 1].end);
    let name = scan.doc.text[start..end].to_owned();
    let index = match out.parties.iter().position(|p| p.name == name) {
        Some(index) => index,
        None => {
            out.parties.push(Party {
                kind: PARTY_CLASS.to_owned(),
                name,
                start,
                end,
            });
            out.parties.len() - 1
        }
    };
    Some(Node::Party(index))
}

/// Creates the event of class `class` at tokens `i..end` with its arguments and role facts.
#[allow(clippy::too_many_arguments)]
fn create_event(
    scan: &Scan<'_, '_>,
    si: usize,
    i: usize,
    end: usize,
    class: &str,
    args: Args,
    owner: Option<&str>,
    times: &[TimeMention],
    out: &mut Relations,
) -> Node {
    let (start, stop) = (
        scan.doc.tokens[args.first].start,
        scan.doc.tokens[args.last.max(end) - 1].end,
    );
    let words = scan.doc.text[start..stop].trim_end_matches(['’', '\'', ',']);
    // An event without arguments is named after the agent that brokers or announces it, so that
    // "peace talks" of two articles do not become one node.
    let name = match owner {
        Some(owner) if args.is_empty() => format!("{words} ({owner})"),
        _ => words.to_owned(),
    };
    out.events.push(EventNode {
        class: class.to_owned(),
        name,
        sentence: si,
        start: scan.doc.tokens[i].start,
        end: scan.doc.tokens[end - 1].end,
    });
    let event = Node::Event(out.events.len() - 1);
    let (modality, time) = modality_and_time(scan, si, i, args.last.max(end), times);
    let mut push = |predicate: &str, object: Object, confidence: f64| {
        out.facts.push(RelationFact {
            subject: event,
            predicate: predicate.to_owned(),
            object,
            modality,
            confidence: round(confidence),
            sentence: si,
            start,
            end: stop,
            time: time.clone(),
        });
    };
    if let Some((agent, _)) = args.agent {
        push(AGENT, Object::Node(agent), 0.75);
    }
    for (p, _) in &args.participants {
        push(PARTICIPANT, Object::Node(*p), 0.8);
    }
    if let Some((patient, _)) = args.patient {
        push(PATIENT, Object::Node(patient), 0.7);
    }
    if let Some((place, _)) = args.place {
        push(EVENT_PLACE, Object::Node(place), 0.75);
    }
    // The time of a clause whose verb takes the event as object ("announced the trip Tuesday")
    // belongs to the verb, not to the event.
    if time.is_some() && owner.is_none() {
        push(EVENT_TIME, Object::Time, 0.7);
    }
    event
}
