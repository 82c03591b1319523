//! Text → facts: the built-in rule-based extractor for English news.
//!
//! Deterministic rules plus word lists and triggers read from the ontology; no model, no network.
//! The stages run in a straight line over one [`Document`]:
//!
//! 1. [`text`] — headline, dateline, paragraphs, sentences and tokens, with exact offsets;
//! 2. [`entities`] — named people, organisations and places, titles before names, positions held,
//!    and in-document coreference ("Kerry" → John Kerry);
//! 3. [`relations`] — events and relations triggered by the ontology's verb and noun triggers,
//!    with modality;
//! 4. [`quotes`] — quotations and their speakers;
//! 5. [`time`] — time expressions resolved against the article date.
//!
//! [`Extractor::extract`] runs them and assembles a [`FactsDocument`]. Nothing here knows RDF.

pub mod coordination;
pub mod coref;
pub mod entities;
pub mod events;
pub mod input;
pub mod lexicon;
pub mod modality;
pub mod morphology;
pub mod names;
pub mod names_lexicon;
pub mod nominal;
pub mod quotes;
pub mod relations;
pub mod role_nouns;
pub mod roles;
pub mod scan;
pub mod subjects;
pub mod text;
pub mod time;
pub mod triggers;

use crate::facts::{Article, FactsDocument};
use crate::ontology::Ontology;

pub use input::{InputError, read_article_file};
pub use lexicon::Lexicon;

/// Name recorded as the extractor of the facts this module produces.
pub const EXTRACTOR_NAME: &str = "newskg-rules";

/// Why an article could not be processed.
#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    /// The article has no text.
    #[error("article {0:?} has no text")]
    NoText(String),
    /// The ontology lacks something the extractor needs.
    #[error("ontology: {0}")]
    Ontology(String),
}

/// The rule-based extractor, built once from the ontology and reused for every article.
#[derive(Debug, Clone)]
pub struct Extractor {
    lexicon: Lexicon,
}

impl Extractor {
    /// Builds the extractor's lexicon (triggers, titles, gazetteer) from the ontology.
    pub fn new(ontology: &Ontology) -> Result<Self, ExtractError> {
        Ok(Self {
            lexicon: Lexicon::from_ontology(ontology)?,
        })
    }

    /// The lexicon the extractor uses.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Extracts entities and facts from one article. The article's `text` is required; its `date`
    /// anchors relative time expressions.
    pub fn extract(&self, mut article: Article) -> Result<FactsDocument, ExtractError> {
        // The text is taken out of the article while the stages borrow it and put back at the end,
        // so that it is never copied.
        let Some(text) = article.text.take() else {
            return Err(ExtractError::NoText(article.id));
        };
        let date = article.date.clone();
        let mut facts = FactsDocument::new(article);
        {
            let doc = text::Document::parse(&text, &self.lexicon);
            let entities = entities::recognize(&doc, &self.lexicon);
            // One scan of the document serves the relation and the quotation stages.
            let scan = scan::Scan::new(&doc, &entities, &self.lexicon.triggers);
            let events = relations::extract_in(&scan);
            let quotes = quotes::extract_in(&scan);
            assemble(
                &mut facts,
                &doc,
                &entities,
                &events,
                &quotes,
                date.as_deref(),
            );
        }
        facts.article.text = Some(text);
        Ok(facts)
    }
}

/// Writes the stages' results into the facts document (entities with char offsets, facts with
/// evidence, time and modality).
fn assemble(
    out: &mut FactsDocument,
    doc: &text::Document<'_>,
    entities: &entities::Entities,
    events: &relations::Relations,
    quotes: &quotes::Quotes,
    article_date: Option<&str>,
) {
    out.extractor = Some(crate::facts::Extractor {
        name: EXTRACTOR_NAME.to_owned(),
        version: env!("CARGO_PKG_VERSION").to_owned(),
    });
    entities.write_to(doc, out);
    events.write_to(doc, entities, article_date, out);
    quotes.write_to(doc, entities, out);
}
