//! Events and relations, triggered by the ontology's verb and noun triggers.
//!
//! For every token that is an inflected form of a verb trigger ([`super::triggers`]) used as a verb
//! (not a noun: "the visit", "Duterte's visit"), the stage finds:
//!
//! - the **subject**: the nearest mention before the verb in its clause whose kind fits the
//!   property's `rdfs:domain`; through a relative pronoun to its antecedent ("de Mistura, who has
//!   been brokering"); through "he"/"she"/"they" to the nearest fitting mention before; in the
//!   passive ("was arrested by police") the agent after "by";
//! - the **objects**: the first mentions after the verb (or after the trigger's preposition) that
//!   fit the `rdfs:range`, with coordination ("Putin and Foreign Minister Sergei Lavrov" → two
//!   facts); when the range is an event class, an event named by one of its noun triggers
//!   ("peace talks"), created with its parties ([`super::events`]);
//! - the **modality** ([`super::modality`]) and the **time** expression of the clause
//!   ([`super::time`]), resolved against the article date when the facts are written.
//!
//! Names coordinated before the subject are subjects too ("Kerry and Lavrov traveled to Geneva",
//! when the list opens its clause). A trigger of a symmetric property, or one whose object comes
//! after "with" ("meet with", "speak by phone with"), that finds no object states the relation
//! between its coordinated subjects ("Obama and Putin met on Monday" → one fact per pair). A
//! gerund after "after/while/for/by" or a comma takes the subject of the main clause (or, when the
//! clause opens the sentence, the names after its comma); an infinitive of purpose ("planning a
//! trip to Washington to meet with ...") the subject of its clause.
//!
//! Noun triggers ("Russia's withdrawal from Syria", "the attack in Kabul") are handled by
//! [`super::events`]. Confidence reflects the rule: 0.9 for a direct subject and object, less
//! through a relative clause (0.85), a coordinated object (0.85), a pronoun (0.7), a possessive or
//! prepositional fallback (0.6).

use std::collections::HashMap;

use super::Lexicon;
use super::entities::Entities;
use super::events;
use super::modality;
use super::morphology::VerbForm;
use super::names_lexicon::with_lowercase;
pub(crate) use super::scan::Scan;
use super::scan::lower_in as lower_in_list;
use super::subjects::{gerund, subjects};
use super::text::Document;
use super::time::{Date, TimeKind, TimeMention};
use super::triggers::{PREPOSITIONS, Slot, VerbTrigger};
use crate::facts::{Entity, Evidence, Fact, FactsDocument, Modality, Span};

/// Something a relation fact points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Node {
    /// A named entity of the entity stage (index into [`Entities::entities`]).
    Entity(usize),
    /// An event created by this stage (index into [`Relations::events`]).
    Event(usize),
    /// A party named by a common noun ("opposition forces"; index into [`Relations::parties`]).
    Party(usize),
}

/// The object of a relation fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Object {
    /// An entity or event.
    Node(Node),
    /// The fact's own time expression, as a literal (for `eventTime`).
    Time,
}

/// An event created from a noun trigger ("peace talks", "the attack in Kabul").
#[derive(Debug, Clone)]
pub struct EventNode {
    /// Local name of its class (`Talks`).
    pub class: String,
    /// A name made of its words in the text ("peace talks between ... and opposition forces").
    pub name: String,
    /// Sentence index.
    pub sentence: usize,
    /// First byte of the trigger.
    pub start: usize,
    /// One past the last byte of the trigger.
    pub end: usize,
}

/// A party named by a common noun phrase, e.g. "opposition forces" in "talks between X and opposition
/// forces".
#[derive(Debug, Clone)]
pub struct Party {
    /// Local name of its class.
    pub kind: String,
    /// The noun phrase, without a leading determiner.
    pub name: String,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// One relation fact, before it is written.
#[derive(Debug, Clone)]
pub struct RelationFact {
    /// Subject.
    pub subject: Node,
    /// Local name of the property.
    pub predicate: String,
    /// Object.
    pub object: Object,
    /// Modality.
    pub modality: Modality,
    /// Confidence of the rule.
    pub confidence: f64,
    /// Sentence index.
    pub sentence: usize,
    /// First byte of the evidence span.
    pub start: usize,
    /// One past the last byte of the evidence span.
    pub end: usize,
    /// The time expression of the clause.
    pub time: Option<TimeMention>,
}

/// The relations found in one document.
#[derive(Debug, Default)]
pub struct Relations {
    /// Events created from noun triggers.
    pub events: Vec<EventNode>,
    /// Parties named by common nouns.
    pub parties: Vec<Party>,
    /// The facts.
    pub facts: Vec<RelationFact>,
}

/// Finds the relations of a document.
pub fn extract(doc: &Document<'_>, entities: &Entities, lexicon: &Lexicon) -> Relations {
    extract_in(&Scan::new(doc, entities, &lexicon.triggers))
}

/// Finds the relations of a document already scanned (the scan is shared with the quote stage).
pub(crate) fn extract_in(scan: &Scan<'_, '_>) -> Relations {
    let doc = scan.doc;
    let mut out = Relations::default();
    for (si, sentence) in doc.sentences.iter().enumerate() {
        let times = super::time::find(doc, sentence.tokens.clone());
        let mut i = sentence.tokens.start;
        while i < sentence.tokens.end {
            // The scan flags trigger words, so other tokens need no lookup.
            if scan.may_be_verb_trigger(i) {
                let verbs = with_lowercase(doc.token_text(i), |w| scan.triggers.verb(w));
                verb_relations(scan, si, i, verbs, &times, &mut out);
            }
            if scan.may_be_noun_trigger(i) {
                let nouns = with_lowercase(doc.token_text(i), |w| scan.triggers.noun(w));
                events::noun_events(scan, si, i, nouns, &times, &mut out);
            }
            i += 1;
        }
    }
    dedup(&mut out.facts);
    out
}

/// Keeps one fact per (subject, predicate, object, sentence), the most confident.
fn dedup(facts: &mut Vec<RelationFact>) {
    let mut best: HashMap<(Node, &str, Object, usize), usize> = HashMap::new();
    let mut keep = vec![false; facts.len()];
    for (i, f) in facts.iter().enumerate() {
        let key = (f.subject, f.predicate.as_str(), f.object, f.sentence);
        match best.get(&key) {
            Some(&j) if facts[j].confidence >= f.confidence => {}
            Some(&j) => {
                keep[j] = false;
                keep[i] = true;
                best.insert(key, i);
            }
            None => {
                keep[i] = true;
                best.insert(key, i);
            }
        }
    }
    let mut i = 0;
    facts.retain(|_| {
        i += 1;
        keep[i - 1]
    });
}

/// The modality and time of the clause of the trigger at token `verb` (object ending at `end`).
pub(crate) fn modality_and_time(
    scan: &Scan<'_, '_>,
    si: usize,
    verb: usize,
    end: usize,
    times: &[TimeMention],
) -> (Modality, Option<TimeMention>) {
    let sentence = &scan.doc.sentences[si];
    let start = scan.clause_start(sentence.tokens.start, verb);
    let stop = scan.clause_end(end.max(verb + 1).saturating_sub(1), sentence.tokens.end);
    // Times are in text order: only those from the clause start on are looked at.
    let first = times.partition_point(|t| t.tokens.start < start);
    let time = times[first..]
        .iter()
        .take_while(|t| t.tokens.start < stop)
        .filter(|t| t.tokens.start >= start && t.tokens.end <= stop && t.kind != TimeKind::Duration)
        .min_by_key(|t| {
            if t.tokens.start > verb {
                t.tokens.start - verb
            } else {
                verb - t.tokens.start + 1
            }
        })
        .cloned();
    let future = time.as_ref().is_some_and(|t| {
        matches!(
            t.kind,
            TimeKind::RelativeUnit(_, 1) | TimeKind::RelativeDay(1) | TimeKind::Weekday(_, Some(1))
        )
    });
    let modality = clause_modality(scan, sentence.tokens.start, start, verb, future);
    // "Obama will meet Rajoy before traveling to Rota": a temporal clause of a planned or
    // hypothetical main clause is planned or hypothetical too (not negated: "did not speak after
    // arriving" still arrived).
    if modality == Modality::Asserted
        && start > sentence.tokens.start
        && lower_in_list(
            scan.word(start - 1),
            &["before", "after", "while", "upon", "when", "until"],
        )
    {
        let opener = start - 1;
        let main = scan.clause_start(sentence.tokens.start, opener);
        let outer = clause_modality(scan, sentence.tokens.start, main, opener, false);
        if matches!(outer, Modality::Planned | Modality::Hypothetical) {
            return (outer, time);
        }
    }
    (modality, time)
}

/// The modality of the verb (or clause opener) at token `head` whose clause begins at
/// `clause_start`, in the sentence beginning at `sentence_start`: the clause's context (a speech
/// verb or conditional opener before it, a quotation around it) and the words before `head`;
/// `future` tells whether the clause holds a future time expression.
fn clause_modality(
    scan: &Scan<'_, '_>,
    sentence_start: usize,
    clause_start: usize,
    head: usize,
    future: bool,
) -> Modality {
    let ctx = modality::context(
        scan.doc,
        sentence_start,
        clause_start,
        |k| scan.is_speech(k),
        scan.is_quoted(head),
    );
    modality::classify(scan.doc, clause_start, head, ctx, future)
}

fn verb_relations(
    scan: &Scan<'_, '_>,
    si: usize,
    i: usize,
    verbs: &[VerbTrigger],
    times: &[TimeMention],
    out: &mut Relations,
) {
    let sentence = &scan.doc.sentences[si];
    let (floor, ceil) = (sentence.tokens.start, sentence.tokens.end);
    // A comitative trigger ("meet with", "speak by phone with") whose object is missing: "Obama and
    // Putin met on Monday" states the relation between the coordinated subjects.
    let mut reciprocal: Option<(&VerbTrigger, usize)> = None;
    for trigger in verbs {
        if !scan.verbal(floor, i, trigger.form) {
            continue;
        }
        let mut j = i + 1;
        // "was abducted and killed in": a participle coordinated before the trigger's own
        if trigger.phrase.starts_with("be ")
            && scan.word(j).ends_with("ed")
            && (scan.is(j + 1, "and") || scan.is(j + 1, "or"))
        {
            j += 2;
        }
        if !trigger.particles.iter().all(|p| {
            let ok = scan.is(j, p);
            j += 1;
            ok
        }) {
            continue;
        }
        if reciprocal.is_none()
            && trigger.subject == trigger.object
            && (trigger.symmetric || trigger.preposition.as_deref() == Some("with"))
        {
            reciprocal = Some((trigger, j));
        }
        let object_from = match &trigger.preposition {
            // "moving him to another location": the object pronoun moves, not the subject
            Some(_) if lower_in_list(scan.word(j), &["him", "her", "them", "me", "us"]) => continue,
            Some(prep) => {
                // not past another verb: "spoken about working with the Kurds"
                // Other adjuncts may come first ("arrived for talks on Syria in Geneva"): past six
                // words only when the verb is followed by a preposition (not by an object: "move
                // the embassy from A to B"), and not across a comma.
                let reach = if lower_in_list(scan.word(j), PREPOSITIONS) {
                    14
                } else {
                    6
                };
                let Some(p) = (j..ceil.min(j + reach))
                    .take_while(|&k| {
                        !scan.is_boundary(k)
                            && !scan.is_opener(k)
                            && (scan.is(k, prep) || !gerund(scan.word(k)))
                            && (k < j + 6 || !scan.is(k, ","))
                            && !events::owns_preposition(scan, k, prep)
                    })
                    .find(|&k| scan.is(k, prep))
                else {
                    continue;
                };
                p + 1
            }
            None => j,
        };
        let passive = matches!(trigger.form, VerbForm::Participle | VerbForm::Past)
            && !trigger.phrase.starts_with("be ")
            && scan.passive(floor, i);
        let (subjects, objects) = if passive {
            let Some(by) = (j..ceil.min(j + 8)).find(|&k| scan.is(k, "by")) else {
                continue;
            };
            let agents = scan.objects(by + 1, ceil, &trigger.subject, true, 6);
            let Some(&(agent, c, _)) = agents.first() else {
                continue;
            };
            let Some((patient, pc, pstart)) = scan.subject(floor, i, &trigger.object) else {
                continue;
            };
            (
                vec![(agent, c.min(pc), pstart)],
                vec![(patient, pc, by + 1)],
            )
        } else if let Slot::Event(class) = &trigger.object {
            let Some(subject) = scan.subject(floor, i, &trigger.subject) else {
                continue;
            };
            let owner = match subject {
                (Node::Entity(e), _, _) => scan.entities.entities.get(e).map(|e| e.name.as_str()),
                _ => None,
            };
            let events = events::event_object(scan, si, object_from, class, owner, times, out);
            (vec![subject], events)
        } else {
            let objects = scan.objects(object_from, ceil, &trigger.object, false, 6);
            if objects.is_empty() {
                continue;
            }
            (subjects(scan, floor, ceil, i, trigger), objects)
        };
        if subjects.is_empty() || objects.is_empty() {
            continue;
        }
        push_facts(
            scan,
            si,
            i,
            &trigger.property,
            &subjects,
            &objects,
            times,
            out,
        );
        return;
    }
    // No trigger found its object: the reciprocal reading of coordinated subjects.
    if let Some((trigger, after)) = reciprocal {
        let parties = subjects(scan, floor, ceil, i, trigger);
        if parties.len() < 2 {
            return;
        }
        for (n, &(a, ca, sa)) in parties.iter().enumerate() {
            let rest: Vec<(Node, f64, usize)> = parties[n + 1..]
                .iter()
                .map(|&(b, cb, _)| (b, cb.min(ca).min(0.8), after))
                .collect();
            push_facts(
                scan,
                si,
                i,
                &trigger.property,
                &[(a, ca, sa)],
                &rest,
                times,
                out,
            );
        }
    }
}

/// Writes one fact per (subject, object) pair of the trigger at token `i`.
#[allow(clippy::too_many_arguments)]
fn push_facts(
    scan: &Scan<'_, '_>,
    si: usize,
    i: usize,
    property: &str,
    subjects: &[(Node, f64, usize)],
    objects: &[(Node, f64, usize)],
    times: &[TimeMention],
    out: &mut Relations,
) {
    let sentence = &scan.doc.sentences[si];
    let (floor, ceil) = (sentence.tokens.start, sentence.tokens.end);
    let end_token = objects.iter().map(|o| o.2).max().unwrap_or(i + 1);
    let (modality, time) = modality_and_time(scan, si, i, end_token, times);
    let start_token = subjects.iter().map(|s| s.2).min().unwrap_or(i).min(i);
    let start = scan.doc.tokens[start_token.max(floor)].start;
    let end = scan.doc.tokens[end_token.saturating_sub(1).max(i).min(ceil - 1)].end;
    for &(subject, subject_confidence, _) in subjects {
        for &(object, confidence, _) in objects {
            if object == subject {
                continue;
            }
            out.facts.push(RelationFact {
                subject,
                predicate: property.to_owned(),
                object: Object::Node(object),
                modality,
                confidence: round(subject_confidence.min(confidence)),
                sentence: si,
                start,
                end,
                time: time.clone(),
            });
        }
    }
}

/// Rounds a confidence to two decimals.
pub(crate) fn round(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Converts byte offsets to character offsets (through [`Document::char_offset`]: O(log n) for any
/// offset, O(1) for ASCII text).
pub(crate) struct CharIndex<'t> {
    doc: &'t Document<'t>,
}

impl<'t> CharIndex<'t> {
    /// An index over the document's text.
    pub fn new(doc: &'t Document<'t>) -> Self {
        Self { doc }
    }

    /// The character offset of byte offset `byte`.
    pub fn of(&mut self, byte: usize) -> usize {
        self.doc.char_offset(byte)
    }

    /// The character span of a byte range.
    pub fn span(&mut self, start: usize, end: usize) -> Span {
        Span {
            start: self.of(start),
            end: self.of(end),
        }
    }
}

impl Relations {
    /// The local id of a node in the facts document.
    pub fn id(&self, entities: &Entities, node: Node) -> String {
        match node {
            Node::Entity(i) => entities.id(i),
            Node::Event(i) => format!("ev{}", i + 1),
            Node::Party(i) => format!("p{}", i + 1),
        }
    }

    /// Writes the events, parties and relation facts into the facts document; time expressions are
    /// resolved against `article_date` (`YYYY-MM-DD`).
    pub fn write_to(
        &self,
        doc: &Document<'_>,
        entities: &Entities,
        article_date: Option<&str>,
        out: &mut FactsDocument,
    ) {
        let anchor = article_date.and_then(Date::parse);
        let mut chars = CharIndex::new(doc);
        for (i, e) in self.events.iter().enumerate() {
            out.entities.push(Entity {
                id: self.id(entities, Node::Event(i)),
                kind: e.class.clone(),
                name: e.name.clone(),
                aliases: Vec::new(),
                mentions: vec![chars.span(e.start, e.end)],
                links: Vec::new(),
            });
        }
        for (i, p) in self.parties.iter().enumerate() {
            out.entities.push(Entity {
                id: self.id(entities, Node::Party(i)),
                kind: p.kind.clone(),
                name: p.name.clone(),
                aliases: Vec::new(),
                mentions: vec![chars.span(p.start, p.end)],
                links: Vec::new(),
            });
        }
        for f in &self.facts {
            let Some(sentence) = doc.sentences.get(f.sentence) else {
                continue;
            };
            let time = f
                .time
                .as_ref()
                .map(|t| t.resolve(doc.text, anchor, f.modality == Modality::Planned));
            let (object, value) = match f.object {
                Object::Node(n) => (Some(self.id(entities, n)), None),
                Object::Time => match &time {
                    Some(t) => (
                        None,
                        Some(t.start.clone().unwrap_or_else(|| t.text.clone())),
                    ),
                    None => continue,
                },
            };
            let sentence_span = chars.span(sentence.start, sentence.end);
            let span = chars.span(f.start, f.end);
            out.facts.push(Fact {
                subject: self.id(entities, f.subject),
                predicate: f.predicate.clone(),
                object,
                value,
                time,
                modality: f.modality,
                confidence: f.confidence,
                evidence: Some(Evidence {
                    sentence: sentence_span,
                    span: (span.start < span.end).then_some(span),
                }),
                extractor: None,
            });
        }
    }
}
