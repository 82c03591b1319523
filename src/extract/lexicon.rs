//! The extractor's word lists and triggers, compiled from the ontology.

use super::ExtractError;
use crate::ontology::Ontology;

/// Triggers, titles and gazetteer entries read from the ontology, in lookup-friendly form.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {}

impl Lexicon {
    /// Compiles the lexicon from the ontology's annotations.
    pub fn from_ontology(_ontology: &Ontology) -> Result<Self, ExtractError> {
        Ok(Self::default())
    }
}
