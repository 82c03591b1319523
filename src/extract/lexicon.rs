//! The extractor's word lists and triggers, compiled from the ontology.
//!
//! Two sections, each built once by [`Lexicon::from_ontology`]:
//! - **names** ([`NameLexicon`], in `names_lexicon.rs`): gazetteer, demonyms, position titles and
//!   the word lists of `ontology/lexicon.ttl` used by the text and entity stages;
//! - **relations** ([`Triggers`], in `triggers.rs`): verb and noun triggers of relations and events,
//!   speech verbs, and the entity kinds allowed by domains and ranges, for the relation, event and
//!   quote stages.

use super::ExtractError;
pub use super::names_lexicon::{GazIndex, NameLexicon, TitleMatch};
pub use super::triggers::Triggers;
use crate::ontology::Ontology;

/// Triggers, titles and gazetteer entries read from the ontology, in lookup-friendly form.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    /// Gazetteer, titles and word lists for text structure and named entities.
    pub names: NameLexicon,
    /// Relation, event and speech triggers for the relation and quote stages.
    pub triggers: Triggers,
}

impl Lexicon {
    /// Compiles the lexicon from the ontology's annotations.
    pub fn from_ontology(ontology: &Ontology) -> Result<Self, ExtractError> {
        let names = NameLexicon::from_ontology(ontology)?;
        let triggers = Triggers::from_ontology(ontology);
        Ok(Self { names, triggers })
    }
}
