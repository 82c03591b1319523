//! Trigger tables for the relation, event and quote stages, compiled once from the ontology.
//!
//! - every `nk:verbTrigger` of a property ("travel to", "impose sanctions on") is split into its
//!   verb, the words that must follow the verb ("sanctions") and a final preposition that
//!   introduces the object ("on"); the verb is inflected ([`super::morphology`]) and every form
//!   becomes a key of a hash map, so looking a token up costs one hash probe;
//! - every `nk:nounTrigger` of an event class ("peace talks") names an event; on a property
//!   ("withdrawal from") it is the nominal form of the relation ("Russia's withdrawal from Syria");
//! - the `nk:verbTrigger`s of `nk:Quotation` (and its subclasses) are the speech verbs;
//! - the `nk:memberNoun`s ("officials", "leaders") let a name stand for the agent they act for;
//! - `rdfs:domain` and `rdfs:range` decide which entity kinds may fill subject and object.
//!
//! No term or trigger is written here: the tables hold whatever the ontology says.

use super::morphology::{VerbForm, inflect};
use super::names_lexicon::{FastMap, FastSet};
use crate::ontology::Ontology;

/// Class local names the stage relies on: the roots of the ontology's class tree.
const PLACE: &str = "Place";
const PERSON: &str = "Person";
const AGENT: &str = "Agent";
const EVENT: &str = "Event";
const QUOTATION: &str = "Quotation";

/// English prepositions that may end a trigger phrase and introduce its object (grammar, not
/// ontology).
pub const PREPOSITIONS: &[&str] = &[
    "to", "in", "at", "with", "from", "on", "of", "into", "onto", "for", "toward", "towards",
    "against", "about", "by", "between", "near", "over", "across", "through", "inside", "out",
];

/// Which entities may fill a slot of a relation, from its `rdfs:domain` or `rdfs:range`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Slot {
    /// Any named entity.
    Any,
    /// People only.
    Person,
    /// People, organisations and places (countries act: "Russia began withdrawing").
    Agent,
    /// Places.
    Place,
    /// An event of this class (or a subclass), named by one of its noun triggers.
    Event(String),
    /// A literal: not extracted from text by this stage.
    Literal,
}

/// What an entity kind can be, precomputed for every class of the ontology.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct KindFlags {
    /// A person.
    pub person: bool,
    /// An agent (person, organisation).
    pub agent: bool,
    /// A place.
    pub place: bool,
    /// An event.
    pub event: bool,
}

/// One verb trigger of a property, under one inflected form of its verb.
#[derive(Debug, Clone)]
pub struct VerbTrigger {
    /// Local name of the property (`travelsTo`).
    pub property: String,
    /// The trigger as written in the ontology ("travel to").
    pub phrase: String,
    /// The role of this form of the verb.
    pub form: VerbForm,
    /// Lowercase words that must follow the verb directly ("sanctions" in "impose sanctions on").
    pub particles: Vec<String>,
    /// The preposition that introduces the object, if the phrase ends with one.
    pub preposition: Option<String>,
    /// Who may be the subject.
    pub subject: Slot,
    /// What may be the object.
    pub object: Slot,
    /// The property is an `owl:SymmetricProperty` ("meets with").
    pub symmetric: bool,
}

/// A noun trigger: the name of an event class, or the nominal form of a property.
#[derive(Debug, Clone)]
pub struct NounTrigger {
    /// Local name of the class (`Talks`) or property (`withdrawsFrom`).
    pub term: String,
    /// All its words, lowercase ("peace", "talks").
    pub words: Vec<String>,
    /// For a property's nominal form: the preposition that introduces the object.
    pub preposition: Option<String>,
    /// `Some((subject, object))` for a property; `None` for an event class.
    pub relation: Option<(Slot, Slot)>,
    /// The property is an `owl:SymmetricProperty` ("talks between X and Y").
    pub symmetric: bool,
}

impl NounTrigger {
    /// Whether the noun names a relation between peers: a symmetric property, or a phrase with
    /// "with" ("talks with", "phone call with"), whose parties may also be the subject of the
    /// clause or coordinated subjects.
    pub fn comitative(&self) -> bool {
        self.symmetric || self.preposition.as_deref() == Some("with")
    }
}

/// Which tables hold a lowercase word, as bits ([`Triggers::roles`]).
pub mod role {
    /// A form of a speech verb.
    pub const SPEECH: u8 = 1;
    /// A form of the verb of some verb trigger.
    pub const VERB: u8 = 2;
    /// The first word of some noun trigger.
    pub const NOUN: u8 = 4;
}

/// The trigger tables.
#[derive(Debug, Clone, Default)]
pub struct Triggers {
    /// For every key of the tables below, the tables that hold it ([`role`] bits): one lookup
    /// per token tells whether the others are worth a lookup.
    roles: FastMap<String, u8>,
    verbs: FastMap<String, Vec<VerbTrigger>>,
    nouns: FastMap<String, Vec<NounTrigger>>,
    speech: FastMap<String, VerbForm>,
    titles: FastSet<String>,
    members: FastSet<String>,
    kinds: FastMap<String, KindFlags>,
    event_classes: FastMap<String, Vec<String>>,
}

impl Triggers {
    /// Compiles the tables from the ontology.
    pub fn from_ontology(ontology: &Ontology) -> Self {
        let mut t = Self::default();
        for class in ontology.classes() {
            let flags = KindFlags {
                person: ontology.is_subclass_of(&class.name, PERSON),
                agent: ontology.is_subclass_of(&class.name, AGENT),
                place: ontology.is_subclass_of(&class.name, PLACE),
                event: ontology.is_subclass_of(&class.name, EVENT),
            };
            t.kinds.insert(class.name.clone(), flags);
            let ancestors: Vec<String> = ontology
                .classes()
                .filter(|c| ontology.is_subclass_of(&class.name, &c.name))
                .map(|c| c.name.clone())
                .collect();
            t.event_classes.insert(class.name.clone(), ancestors);
        }
        let slot = |name: Option<&str>| -> Slot {
            let Some(name) = name else { return Slot::Any };
            if ontology.class(name).is_none() {
                return Slot::Literal;
            }
            if ontology.is_subclass_of(name, PERSON) {
                Slot::Person
            } else if ontology.is_subclass_of(name, PLACE) {
                Slot::Place
            } else if ontology.is_subclass_of(name, EVENT) {
                Slot::Event(name.to_owned())
            } else if ontology.is_subclass_of(name, AGENT) {
                Slot::Agent
            } else {
                Slot::Any
            }
        };
        for (term, phrase) in ontology.annotated("verbTrigger") {
            let words: Vec<String> = phrase.split_whitespace().map(str::to_lowercase).collect();
            let Some((verb, rest)) = words.split_first() else {
                continue;
            };
            if ontology
                .class(term)
                .is_some_and(|_| ontology.is_subclass_of(term, QUOTATION))
            {
                if rest.is_empty() {
                    for (form, role) in inflect(verb) {
                        t.speech.insert(form, role);
                    }
                }
                continue;
            }
            let Some(property) = ontology.property(term) else {
                continue;
            };
            let (subject, object) = (
                slot(property.domain.as_deref()),
                slot(property.range.as_deref()),
            );
            if object == Slot::Literal {
                continue;
            }
            let (particles, preposition) = split_preposition(rest);
            let symmetric = property.symmetric;
            for (form, role) in inflect(verb) {
                t.verbs.entry(form).or_default().push(VerbTrigger {
                    property: term.to_owned(),
                    phrase: phrase.to_owned(),
                    form: role,
                    particles: particles.clone(),
                    preposition: preposition.clone(),
                    subject: subject.clone(),
                    object: object.clone(),
                    symmetric,
                });
            }
        }
        for (term, phrase) in ontology.annotated("nounTrigger") {
            let words: Vec<String> = phrase.split_whitespace().map(str::to_lowercase).collect();
            let Some(first) = words.first().cloned() else {
                continue;
            };
            let trigger = if let Some(property) = ontology.property(term) {
                let (subject, object) = (
                    slot(property.domain.as_deref()),
                    slot(property.range.as_deref()),
                );
                let (noun, preposition) = split_preposition(&words);
                NounTrigger {
                    term: term.to_owned(),
                    words: noun,
                    preposition,
                    relation: Some((subject, object)),
                    symmetric: property.symmetric,
                }
            } else if ontology.class(term).is_some() {
                NounTrigger {
                    term: term.to_owned(),
                    words,
                    preposition: None,
                    relation: None,
                    symmetric: false,
                }
            } else {
                continue;
            };
            t.nouns.entry(first).or_default().push(trigger);
        }
        for (_, noun) in ontology.annotated("memberNoun") {
            t.members.insert(noun.to_lowercase());
        }
        for (_, title) in ontology.annotated("titleTrigger") {
            for word in title.split_whitespace() {
                t.titles.insert(word.to_lowercase());
            }
        }
        // Longest phrases first, so "meet with" wins over "meet" and "peace talks" over "talks".
        for list in t.verbs.values_mut() {
            list.sort_by_key(|v| {
                std::cmp::Reverse(v.particles.len() + usize::from(v.preposition.is_some()))
            });
        }
        for list in t.nouns.values_mut() {
            list.sort_by_key(|n| {
                std::cmp::Reverse(n.words.len() + usize::from(n.preposition.is_some()))
            });
        }
        let mut roles: FastMap<String, u8> = FastMap::default();
        for w in t.speech.keys() {
            *roles.entry(w.clone()).or_default() |= role::SPEECH;
        }
        for w in t.verbs.keys() {
            *roles.entry(w.clone()).or_default() |= role::VERB;
        }
        for w in t.nouns.keys() {
            *roles.entry(w.clone()).or_default() |= role::NOUN;
        }
        t.roles = roles;
        t
    }

    /// The [`role`] bits of a lowercase word: which of the speech, verb and noun tables hold it.
    pub fn roles(&self, word: &str) -> u8 {
        self.roles.get(word).copied().unwrap_or(0)
    }

    /// The verb triggers whose verb has the lowercase form `word`, longest phrases first.
    pub fn verb(&self, word: &str) -> &[VerbTrigger] {
        self.verbs.get(word).map(Vec::as_slice).unwrap_or_default()
    }

    /// The noun triggers whose first word is the lowercase `word`, longest phrases first.
    pub fn noun(&self, word: &str) -> &[NounTrigger] {
        self.nouns.get(word).map(Vec::as_slice).unwrap_or_default()
    }

    /// The role of `word` (lowercase) if it is a form of a speech verb ("said", "stated").
    pub fn speech(&self, word: &str) -> Option<VerbForm> {
        self.speech.get(word).copied()
    }

    /// Whether the lowercase `word` is part of a position title ("envoy", "president").
    pub fn is_title_word(&self, word: &str) -> bool {
        self.titles.contains(word)
    }

    /// Whether the lowercase `word` names people acting for an agent ("officials", "leaders").
    pub fn is_member_noun(&self, word: &str) -> bool {
        self.members.contains(word)
    }

    /// What an entity of class `kind` can be (all false for an unknown class).
    pub fn kind(&self, kind: &str) -> KindFlags {
        self.kinds.get(kind).copied().unwrap_or_default()
    }

    /// Whether class `kind` is `class` or one of its subclasses.
    pub fn is_a(&self, kind: &str, class: &str) -> bool {
        self.event_classes
            .get(kind)
            .is_some_and(|a| a.iter().any(|c| c == class))
    }

    /// Whether an entity of class `kind` may fill `slot`.
    pub fn fits(&self, kind: &str, slot: &Slot) -> bool {
        let f = self.kind(kind);
        match slot {
            Slot::Any => !f.event,
            Slot::Person => f.person,
            Slot::Agent => f.agent || f.place,
            Slot::Place => f.place,
            Slot::Event(class) => self.is_a(kind, class),
            Slot::Literal => false,
        }
    }
}

/// Splits the words after the verb into the particles that must follow it and a final preposition.
fn split_preposition(rest: &[String]) -> (Vec<String>, Option<String>) {
    match rest.split_last() {
        Some((last, init)) if PREPOSITIONS.contains(&last.as_str()) => {
            (init.to_vec(), Some(last.clone()))
        }
        _ => (rest.to_vec(), None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_come_from_the_ontology() -> Result<(), Box<dyn std::error::Error>> {
        let ontology = Ontology::builtin()?;
        let t = Triggers::from_ontology(&ontology);
        let travel = t.verb("travelled");
        assert!(
            travel
                .iter()
                .any(|v| v.property == "travelsTo" && v.preposition.as_deref() == Some("to"))
        );
        assert!(t.verb("met").iter().any(|v| v.property == "meetsWith"));
        assert!(
            t.verb("withdrew")
                .iter()
                .any(|v| v.property == "withdrawsFrom")
        );
        assert!(
            t.verb("brokering")
                .iter()
                .any(|v| v.property == "brokers" && v.object == Slot::Event("Talks".into()))
        );
        assert!(t.speech("said").is_some());
        assert!(
            t.noun("peace")
                .iter()
                .any(|n| n.term == "Talks" && n.words == ["peace", "talks"])
        );
        assert!(t.fits("Country", &Slot::Place));
        assert!(t.fits("Person", &Slot::Agent));
        assert!(!t.fits("City", &Slot::Person));
        assert!(t.is_title_word("envoy"));
        Ok(())
    }
}
