//! Quotations and their speakers.

use super::Lexicon;
use super::entities::Entities;
use super::text::Document;
use crate::facts::FactsDocument;

/// The quotations of one document.
#[derive(Debug, Default)]
pub struct Quotes {}

/// Finds the quotations of a document.
pub fn extract(_doc: &Document<'_>, _entities: &Entities, _lexicon: &Lexicon) -> Quotes {
    Quotes::default()
}

impl Quotes {
    /// Writes the quotations into the facts document.
    pub fn write_to(&self, _doc: &Document<'_>, _entities: &Entities, _out: &mut FactsDocument) {}
}
