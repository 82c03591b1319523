//! How an article uses the names of its places: for the place itself, for its people (a
//! demonym: "Americans", "Kurdish factions"), or for something else that carries its name (a
//! team: "England beat Samoa").
//!
//! These judgements apply to every Wikidata link of an entity, the linker's own and those the
//! extractor's gazetteer made upstream: a link that the article's usage contradicts is dropped,
//! since no link is better than a wrong one.

use std::collections::HashSet;

use super::candidates::Candidate;
use super::normalize::normalize;
use super::{Category, LinkRequest, Linker};
use crate::facts::{Entity, Link, Span};

/// What the linker concluded about one entity of a group.
#[derive(Debug, Clone, Default)]
pub(super) struct Judgement {
    /// The link, when a candidate is confident enough.
    pub(super) link: Option<Link>,
    /// The article uses the name of this place for something of another type (a team): a
    /// same-named KB entity that is not a place beats every place candidate on the article's
    /// words.
    pub(super) other_sense: bool,
}

/// How a mention names its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Naming {
    /// By one of the entity's names, or any other way than a demonym.
    Name,
    /// By an adjective of nationality ("Kurdish", "Syrian").
    Demonym,
    /// By a plural demonym, which names the people ("Americans", "Syrians").
    People,
}

/// The article's text, for looking mentions (character spans) up.
pub(super) struct ArticleText<'t> {
    text: &'t str,
    /// Byte offset of each character, plus the length of the text.
    bytes: Vec<usize>,
    /// Character offsets where sentences start (the first is 0).
    sentences: Vec<usize>,
}

impl<'t> ArticleText<'t> {
    /// Indexes `text` (the article's text, which mention spans count characters of).
    pub(super) fn new(text: &'t str) -> Self {
        let mut bytes = Vec::with_capacity(text.len() + 1);
        let mut sentences = vec![0];
        let mut previous = None;
        for (n, (b, c)) in text.char_indices().enumerate() {
            bytes.push(b);
            // A sentence ends at a line break, or at a full stop, question or exclamation mark
            // followed by white space.
            let ends = match previous {
                Some('\n') => true,
                Some('.' | '!' | '?') => c.is_whitespace() && c != '\n',
                _ => false,
            };
            if ends {
                sentences.push(n);
            }
            previous = Some(c);
        }
        bytes.push(text.len());
        Self {
            text,
            bytes,
            sentences,
        }
    }

    /// The text of a mention (empty when the span is outside the text).
    pub(super) fn surface(&self, span: Span) -> &'t str {
        match (self.bytes.get(span.start), self.bytes.get(span.end)) {
            (Some(&a), Some(&b)) if a <= b => &self.text[a..b],
            _ => "",
        }
    }

    /// The index of the sentence a character offset is in.
    pub(super) fn sentence(&self, offset: usize) -> usize {
        self.sentences
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    }
}

impl Linker {
    /// Whether the article uses the name of a place for something that is not a place: the
    /// best scoring candidate is a rival of another category that is not a place (the England
    /// rugby team for the place "England"), it beats every fitting candidate, and the article's
    /// own words ("rugby", "team") are on its side, not just its prominence.
    pub(super) fn used_otherwise(
        &self,
        request: &LinkRequest,
        cands: &[Candidate],
        scores: &[f64],
        words: &[u32],
        best_fitting: f64,
    ) -> bool {
        let is_place = self
            .masks
            .get(&request.kind)
            .is_some_and(|m| m & Category::Place.bit() != 0);
        is_place
            && cands.iter().zip(scores).zip(words).any(|((c, &s), &w)| {
                !c.fits
                    && self.kb.mask(c.entity) & Category::Place.bit() == 0
                    && w > 0
                    && s > best_fitting
            })
    }

    /// Whether the entity's class is a place (a party's members, "Democrats", are the party).
    pub(super) fn is_place(&self, entity: &Entity) -> bool {
        self.masks
            .get(&entity.kind)
            .is_some_and(|m| m & Category::Place.bit() != 0)
    }

    /// How `surface`, a mention of `entity`, names it: a demonym or plural demonym of the
    /// ontology's gazetteer that is not one of the entity's own names, or a name.
    pub(super) fn naming(&self, entity: &Entity, surface: &str) -> Naming {
        let key = normalize(surface);
        let own = std::iter::once(&entity.name)
            .chain(&entity.aliases)
            .any(|n| normalize(n) == key);
        if own || key.is_empty() {
            Naming::Name
        } else if self.demonyms.contains(&key) {
            Naming::Demonym
        } else if key
            .strip_suffix('s')
            .is_some_and(|stem| self.demonyms.contains(stem))
        {
            Naming::People
        } else {
            Naming::Name
        }
    }

    /// Whether the article names a place only by demonyms, so that it means the people, not
    /// the place: every mention is a plural demonym ("Tongans"), or the entity is a place of the
    /// generic class (a region, a continent — not a country, whose demonym stands for its state:
    /// "Syrian forces") named only by demonyms ("Kurdish factions").
    pub(super) fn names_a_people(&self, entity: &Entity, text: &ArticleText<'_>) -> bool {
        if entity.mentions.is_empty() || !self.is_place(entity) {
            return false;
        }
        let namings: Vec<Naming> = entity
            .mentions
            .iter()
            .map(|m| self.naming(entity, text.surface(*m)))
            .collect();
        let generic_place = Category::ALL
            .iter()
            .any(|(c, root)| *c == Category::Place && *root == entity.kind);
        namings.iter().all(|n| *n == Naming::People)
            || (generic_place && namings.iter().all(|n| *n != Naming::Name))
    }

    /// Removes the mentions that name the people of a linked place ("all Americans benefited"
    /// is not a mention of the United States), so that they do not carry its link; the plural
    /// of an organisation's demonym ("Democrats") stays its mention.
    pub(super) fn detach_peoples(&self, entity: &mut Entity, text: &ArticleText<'_>) {
        if !self.is_place(entity) {
            return;
        }
        let people: HashSet<Span> = entity
            .mentions
            .iter()
            .filter(|m| self.naming(entity, text.surface(**m)) == Naming::People)
            .copied()
            .collect();
        if people.len() < entity.mentions.len() {
            entity.mentions.retain(|m| !people.contains(m));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surfaces_and_sentences() {
        let text = ArticleText::new("Señor Díaz met Tonga. They won!\nNext line? Yes.");
        assert_eq!(text.surface(Span { start: 6, end: 10 }), "Díaz");
        assert_eq!(text.surface(Span { start: 15, end: 20 }), "Tonga");
        assert_eq!(text.surface(Span { start: 40, end: 99 }), "");
        assert_eq!(text.sentence(0), 0);
        assert_eq!(text.sentence(15), 0);
        assert_eq!(text.sentence(22), 1);
        assert_eq!(text.sentence(33), 2);
        assert_eq!(text.sentence(44), 3);
    }
}
