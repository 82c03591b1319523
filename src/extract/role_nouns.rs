//! Names that only modify a role noun, and places named after an event noun.
//!
//! "A meeting with the U.S. President" is a meeting with the president, not with the United
//! States; "met Chinese officials" names the officials' nationality, not a party. [`RoleNoun`]
//! says what such a name stands for: the holder of the role when the article gives the position
//! ([`Entities::positions`](super::entities::Entities::positions)), or nobody that can be named.
//! "Killed in a U.S. drone strike near Raqqa" places the death where the strike was
//! ([`Scan::locative_after`]).

use std::ops::Range;

use super::names_lexicon::with_lowercase;
use super::scan::{DETERMINERS, Scan, lower_in};
use super::text::TokenKind;
use super::triggers::PREPOSITIONS;

/// What a name followed by a role noun stands for ([`Scan::role_after`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoleNoun {
    /// No role noun follows: the name stands for itself.
    None,
    /// The role's holder (an entity) and the token after the role noun.
    Holder(usize, usize),
    /// A role whose holder the article does not name; the token after the role noun.
    Unresolved(usize),
}

impl Scan<'_, '_> {
    /// What a name stands for when a title or, for a demonym, a member noun follows it ("the U.S.
    /// President", "Chinese officials"): the name only modifies the role noun, so the party is
    /// the role's holder — the person the article gives that position of that organisation or
    /// country ([`Entities::positions`](super::entities::Entities::positions)), the latest stated
    /// before the sentence, else the first after — or nobody that can be named. A name followed by
    /// another name ("U.S. President Donald Trump") is not a role noun: the chain takes the name.
    pub fn role_after(&self, m: usize) -> RoleNoun {
        let mention = &self.entities.mentions[m];
        if mention.pronoun || self.triggers.kind(self.kind(m)).person {
            return RoleNoun::None;
        }
        let t = mention.tokens.end;
        // "Chinese officials" say whose nationals they are, not whom they act for; "NATO
        // officials", "EU foreign ministers" act for NATO, the EU.
        if let Some(u) = [t, t + 1].into_iter().find(|&u| self.member_of(m, u)) {
            return if mention.demonym {
                RoleNoun::Unresolved(u + 1)
            } else {
                RoleNoun::None
            };
        }
        let mut k = t;
        while k < t + 4 && self.is_title_word(k) {
            k += 1;
        }
        if k == t {
            return RoleNoun::None;
        }
        if self.mention(k).is_some() || self.word(k).starts_with(char::is_uppercase) {
            return RoleNoun::None;
        }
        // "the former U.S. President": not the present holder
        let mut before = mention.tokens.start;
        if before > 0 && lower_in(self.word(before - 1), DETERMINERS) {
            before -= 1;
        }
        if before > 0 && lower_in(self.word(before - 1), &["former", "late", "then", "ex"]) {
            return RoleNoun::Unresolved(k);
        }
        match self.holder(mention.entity, t..k, mention.sentence) {
            Some(person) => RoleNoun::Holder(person, k),
            None => RoleNoun::Unresolved(k),
        }
    }

    /// The person the article gives the position titled by tokens `title` ("President",
    /// "foreign minister") of `entity` (an organisation or country): the one stated latest up to
    /// sentence `sentence`, else the first stated after.
    pub fn holder(&self, entity: usize, title: Range<usize>, sentence: usize) -> Option<usize> {
        let holders = self.entities.positions.iter().filter(|p| {
            p.of == Some(entity) && {
                let words = p.title.split_whitespace();
                words.clone().count() == title.len()
                    && words
                        .zip(title.clone())
                        .all(|(w, u)| self.word(u).eq_ignore_ascii_case(w))
            }
        });
        let before = holders
            .clone()
            .filter(|p| p.sentence <= sentence)
            .max_by_key(|p| p.sentence);
        before
            .or_else(|| holders.min_by_key(|p| p.sentence))
            .map(|p| p.person)
    }

    /// Whether token `k` is a word of a title ("President", "foreign", "minister"), not a
    /// preposition ("Secretary of State" lists "of").
    pub(crate) fn is_title_word(&self, k: usize) -> bool {
        let w = self.word(k);
        self.doc
            .tokens
            .get(k)
            .is_some_and(|t| t.kind == TokenKind::Word)
            && !lower_in(w, PREPOSITIONS)
            && with_lowercase(w, |l| self.triggers.is_title_word(l))
    }

    /// The token after a locative preposition ("in", "near", "at", "outside") that follows the
    /// common noun phrase at token `k` within a few lowercase words or modifying names ("a U.S.
    /// drone strike near ...", "a plane crash in ..."): where the place of an event noun is.
    pub(crate) fn locative_after(&self, k: usize, ceil: usize) -> Option<usize> {
        let end = ceil.min(k + 5);
        for t in k..end {
            let w = self.word(t);
            if lower_in(w, &["in", "near", "at", "outside"]) {
                return (t > k).then_some(t + 1);
            }
            let modifier = self.mention(t).is_some_and(|m| {
                let mention = &self.entities.mentions[m];
                mention.demonym || self.is_modifier(m)
            });
            let lowercase = self.doc.tokens[t].kind == TokenKind::Word
                && w.chars().all(|c| c.is_lowercase() || c == '-')
                && !lower_in(w, PREPOSITIONS)
                && !lower_in(w, &["and", "or", "but", "nor"])
                && !self.is_opener(t)
                && !self.verb_like(t);
            if !(modifier || lowercase) {
                return None;
            }
        }
        None
    }
}
