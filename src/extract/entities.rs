//! Named entities, titles and positions, and in-document coreference.

use std::ops::Range;

use super::Lexicon;
use super::text::Document;
use crate::facts::FactsDocument;

/// The entities of one document and their mentions.
#[derive(Debug, Default)]
pub struct Entities {
    /// Distinct entities (after coreference), in order of first mention.
    pub entities: Vec<EntityInfo>,
    /// Every mention, in text order.
    pub mentions: Vec<Mention>,
}

/// One entity of the document.
#[derive(Debug, Clone)]
pub struct EntityInfo {
    /// Local name of its ontology class (`Person`, `Organization`, `Country`, `City`, `Place`...).
    pub kind: String,
    /// Canonical full name.
    pub name: String,
    /// Other names used in the document.
    pub aliases: Vec<String>,
    /// Indices into [`Entities::mentions`].
    pub mentions: Vec<usize>,
}

/// One mention of an entity.
#[derive(Debug, Clone)]
pub struct Mention {
    /// Index into [`Entities::entities`].
    pub entity: usize,
    /// Index of the sentence.
    pub sentence: usize,
    /// Its tokens.
    pub tokens: Range<usize>,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Whether the mention is a pronoun resolved to the entity.
    pub pronoun: bool,
}

/// Finds the entities of a document.
pub fn recognize(_doc: &Document<'_>, _lexicon: &Lexicon) -> Entities {
    Entities::default()
}

impl Entities {
    /// The local id of entity `index` in the facts document.
    pub fn id(&self, index: usize) -> String {
        format!("e{}", index + 1)
    }

    /// The mentions that fall in sentence `sentence`.
    pub fn mentions_in(&self, sentence: usize) -> impl Iterator<Item = &Mention> {
        self.mentions.iter().filter(move |m| m.sentence == sentence)
    }

    /// Writes the entities (and position facts) into the facts document.
    pub fn write_to(&self, _doc: &Document<'_>, _out: &mut FactsDocument) {}
}
