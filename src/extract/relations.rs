//! Events and relations, triggered by the ontology's verb and noun triggers.

use super::Lexicon;
use super::entities::Entities;
use super::text::Document;
use crate::facts::FactsDocument;

/// The relations found in one document.
#[derive(Debug, Default)]
pub struct Relations {}

/// Finds the relations of a document.
pub fn extract(_doc: &Document<'_>, _entities: &Entities, _lexicon: &Lexicon) -> Relations {
    Relations::default()
}

impl Relations {
    /// Writes the relation facts into the facts document.
    pub fn write_to(&self, _doc: &Document<'_>, _entities: &Entities, _article_date: Option<&str>, _out: &mut FactsDocument) {}
}
