//! The in-memory lookup structure over one or more knowledge-base sources.
//!
//! [`KbIndex`] merges [`KbSource`]s (entities with the same IRI are united), gives every entity a
//! coarse [`Category`] mask computed from its classes, and indexes its names under their
//! normalised keys ([`super::normalize`]):
//!
//! - the label and each alias;
//! - for organisations, the name without a leading place name ("United States Department of
//!   State" is also found as "Department of State"), a *qualified* name.
//!
//! Categories come from the newskg ontology: the Wikidata classes aligned (`skos:exactMatch`,
//! `skos:closeMatch`, ...) to `nk:Person`, `nk:Organization`, `nk:Place` or their subclasses, plus
//! the alignments a source declares, and the class hierarchy (`wdt:P279`) sources supply.

use std::collections::{HashMap, HashSet};

use super::kb::{KbEntity, KbSource};
use super::normalize::normalize;
use crate::ontology::{NK, Ontology};

/// A coarse kind of entity, as a bit in a mask; linking requires the masks to intersect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    /// People (`nk:Person`).
    Person = 1,
    /// Organisations (`nk:Organization`).
    Organization = 2,
    /// Places (`nk:Place`, `nk:Country`, `nk:City`).
    Place = 4,
}

impl Category {
    /// The three categories with the ontology class each is rooted at.
    pub const ALL: [(Category, &'static str); 3] = [
        (Category::Person, "Person"),
        (Category::Organization, "Organization"),
        (Category::Place, "Place"),
    ];

    /// This category's bit.
    pub fn bit(self) -> u8 {
        self as u8
    }
}

/// The category mask of an ontology class (local name): the categories whose root it is under.
pub fn class_mask(ontology: &Ontology, class: &str) -> u8 {
    Category::ALL
        .iter()
        .filter(|(_, root)| ontology.is_subclass_of(class, root))
        .fold(0, |mask, (c, _)| mask | c.bit())
}

/// How a name of a KB entity matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum NameKind {
    /// Its `rdfs:label`.
    Label,
    /// One of its aliases.
    Alias,
    /// Its label or an alias without a leading place name.
    Qualified,
}

/// One entity found under a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameHit {
    /// Index of the entity in the [`KbIndex`].
    pub entity: u32,
    /// How its name matched.
    pub kind: NameKind,
}

/// Entities of one or more knowledge bases, indexed by normalised name.
#[derive(Debug, Clone, Default)]
pub struct KbIndex {
    entities: Vec<KbEntity>,
    masks: Vec<u8>,
    by_iri: HashMap<String, u32>,
    names: HashMap<String, Vec<NameHit>>,
    place_keys: HashSet<String>,
    given_names: HashSet<String>,
}

impl KbIndex {
    /// Merges the sources and builds the name index; `ontology` gives the class alignments.
    pub fn new<'a>(sources: impl IntoIterator<Item = &'a KbSource>, ontology: &Ontology) -> Self {
        let mut index = KbIndex::default();
        let mut superclasses: HashMap<&str, Vec<&str>> = HashMap::new();
        let mut class_bits: HashMap<String, u8> = HashMap::new();
        for class in ontology.classes() {
            let mask = class_mask(ontology, &class.name);
            for aligned in &class.alignments {
                *class_bits.entry(aligned.clone()).or_default() |= mask;
            }
        }
        let sources: Vec<&KbSource> = sources.into_iter().collect();
        for source in &sources {
            for (ours, theirs) in &source.alignments {
                if let Some(local) = ours.strip_prefix(NK) {
                    *class_bits.entry(theirs.clone()).or_default() |= class_mask(ontology, local);
                }
            }
            for (class, superclass) in &source.subclass_of {
                superclasses
                    .entry(class.as_str())
                    .or_default()
                    .push(superclass.as_str());
            }
            for entity in &source.entities {
                index.insert(entity);
            }
        }
        let mut memo: HashMap<String, u8> = HashMap::new();
        index.masks = index
            .entities
            .iter()
            .map(|e| {
                e.types.iter().fold(0, |m, t| {
                    m | type_mask(t, &class_bits, &superclasses, &mut memo)
                })
            })
            .collect();
        index.build_names();
        index
    }

    fn insert(&mut self, entity: &KbEntity) {
        if let Some(&i) = self.by_iri.get(&entity.iri) {
            let known = &mut self.entities[i as usize];
            for name in entity.names() {
                if known.label.is_none() {
                    known.label = Some(name.to_owned());
                } else if known.label.as_deref() != Some(name)
                    && !known.aliases.iter().any(|a| a == name)
                {
                    known.aliases.push(name.to_owned());
                }
            }
            for t in &entity.types {
                if !known.types.contains(t) {
                    known.types.push(t.clone());
                }
            }
            if known.description.is_none() {
                known.description.clone_from(&entity.description);
            }
            known.degree = known.degree.saturating_add(entity.degree);
            known.neighbours.extend(entity.neighbours.iter().cloned());
        } else {
            let Ok(i) = u32::try_from(self.entities.len()) else {
                return;
            };
            self.by_iri.insert(entity.iri.clone(), i);
            self.entities.push(entity.clone());
        }
    }

    fn build_names(&mut self) {
        for (i, entity) in self.entities.iter().enumerate() {
            if self.masks[i] & Category::Place.bit() != 0 {
                self.place_keys
                    .extend(entity.names().map(normalize).filter(|k| !k.is_empty()));
            }
        }
        for (i, entity) in self.entities.iter().enumerate() {
            let mask = self.masks[i];
            let i = i as u32;
            for (n, name) in entity.names().enumerate() {
                let key = normalize(name);
                if key.is_empty() {
                    continue;
                }
                let kind = if n == 0 && entity.label.is_some() {
                    NameKind::Label
                } else {
                    NameKind::Alias
                };
                if kind == NameKind::Label && mask & Category::Person.bit() != 0 {
                    if let Some((given, _)) = key.split_once(' ') {
                        if !self.given_names.contains(given) {
                            self.given_names.insert(given.to_owned());
                        }
                    }
                }
                if mask & Category::Organization.bit() != 0 && mask & Category::Place.bit() == 0 {
                    if let Some(rest) = strip_place_prefix(&self.place_keys, &key) {
                        push_hit(
                            &mut self.names,
                            rest.to_owned(),
                            NameHit {
                                entity: i,
                                kind: NameKind::Qualified,
                            },
                        );
                    }
                }
                push_hit(&mut self.names, key, NameHit { entity: i, kind });
            }
        }
    }

    /// Number of entities.
    pub fn len(&self) -> usize {
        self.entities.len()
    }

    /// Whether the index holds no entity.
    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }

    /// The entity at `i`.
    pub fn entity(&self, i: u32) -> &KbEntity {
        &self.entities[i as usize]
    }

    /// The category mask of the entity at `i` (0 when its classes are unknown or unrelated).
    pub fn mask(&self, i: u32) -> u8 {
        self.masks[i as usize]
    }

    /// The entity with this IRI.
    pub fn find_iri(&self, iri: &str) -> Option<u32> {
        self.by_iri.get(iri).copied()
    }

    /// Entities with a name whose normalised key is `key`.
    pub fn lookup(&self, key: &str) -> &[NameHit] {
        self.names.get(key).map(Vec::as_slice).unwrap_or_default()
    }

    /// Whether `word` (normalised) is the first word of a KB person's label: a given name.
    pub fn is_given_name(&self, word: &str) -> bool {
        self.given_names.contains(word)
    }

    /// `key` without a leading place name, when at least two words remain.
    pub fn strip_place_prefix<'k>(&self, key: &'k str) -> Option<&'k str> {
        strip_place_prefix(&self.place_keys, key)
    }
}

fn push_hit(names: &mut HashMap<String, Vec<NameHit>>, key: String, hit: NameHit) {
    let hits = names.entry(key).or_default();
    match hits.iter_mut().find(|h| h.entity == hit.entity) {
        Some(existing) => existing.kind = existing.kind.min(hit.kind),
        None => hits.push(hit),
    }
}

/// Place names longer than this many words are not looked for at the start of a key (no place
/// name is that long; the bound keeps the search linear on hostile, very long names).
const MAX_PLACE_WORDS: usize = 8;

/// The longest leading place name of `key` followed by at least two words: the rest.
fn strip_place_prefix<'k>(place_keys: &HashSet<String>, key: &'k str) -> Option<&'k str> {
    let spaces: Vec<usize> = key
        .match_indices(' ')
        .map(|(i, _)| i)
        .take(MAX_PLACE_WORDS)
        .collect();
    let total_spaces = spaces.len()
        + key[spaces.last().map_or(0, |&i| i + 1)..]
            .matches(' ')
            .count();
    for (index, &cut) in spaces.iter().enumerate().rev() {
        let (prefix, rest) = (&key[..cut], &key[cut + 1..]);
        // Words after the cut: one more than the spaces after it.
        let rest_words = total_spaces - index;
        if rest_words >= 2 && place_keys.contains(prefix) {
            return Some(rest);
        }
    }
    None
}

/// The category mask of a KB class: its own alignment and those of its superclasses.
fn type_mask(
    class: &str,
    class_bits: &HashMap<String, u8>,
    superclasses: &HashMap<&str, Vec<&str>>,
    memo: &mut HashMap<String, u8>,
) -> u8 {
    if let Some(&mask) = memo.get(class) {
        return mask;
    }
    let mut mask = 0;
    let mut seen: HashSet<&str> = HashSet::new();
    let mut todo = vec![class];
    while let Some(c) = todo.pop() {
        if !seen.insert(c) {
            continue;
        }
        mask |= class_bits.get(c).copied().unwrap_or(0);
        if let Some(supers) = superclasses.get(c) {
            todo.extend(supers.iter().copied());
        }
    }
    memo.insert(class.to_owned(), mask);
    mask
}
