//! The per-document vocabulary the name finder consults: the word-list flags of each token,
//! the words the document writes in lowercase somewhere, and where it capitalises words (in the
//! middle of a sentence, at the end of a name, without a possessive). Built once per document by
//! [`Finder::new`], before any sentence is scanned.

use std::collections::{HashMap, HashSet};

use super::marked::{
    defined_by_lowercase_phrase, is_product_code, quoted_work_titles, title_publisher,
};
use super::{Finder, is_all_caps, is_upper_initial};
use crate::extract::names_lexicon::{FastMap, NameLexicon, with_lowercase, word};
use crate::extract::text::{Document, TokenKind};

/// Where a document uses a capitalised word (bits of [`Finder`]'s word map).
pub(super) mod caps {
    /// In the middle of a sentence of the body.
    pub const MID: u8 = 1;
    /// There, with no capitalised word after it (it ends a name: "Kerry" of "John Kerry").
    pub const MID_LAST: u8 = 2;
    /// Anywhere, without a possessive after it ("Harper" is never bare in "Harper's Bazaar").
    pub const BARE: u8 = 4;
}

impl<'d, 'a> Finder<'d, 'a> {
    /// Prepares word flags and the document's lowercase and mid-sentence capitalised vocabularies.
    pub fn new(doc: &'d Document<'a>, lex: &'d NameLexicon) -> Self {
        let mut flags = vec![0u32; doc.tokens.len()];
        // Sized for the document's vocabulary, so that the sets do not grow word by word.
        let mut lower_words =
            HashSet::with_capacity_and_hasher(doc.tokens.len() / 4, Default::default());
        let mut caps_of: FastMap<&'a str, u8> =
            HashMap::with_capacity_and_hasher(doc.tokens.len() / 8, Default::default());
        // Acronyms the text defines by a lowercase phrase: "type 2 diabetes (T2D)".
        let mut common_acronyms: Vec<&str> = Vec::new();
        for s in doc.sentences.iter() {
            for i in s.tokens.clone() {
                let t = &doc.tokens[i];
                if t.kind != TokenKind::Word {
                    continue;
                }
                let w = doc.token_text(i);
                flags[i] = lex.word_flags(w);
                let paren = |j: usize, b: u8| {
                    doc.tokens.get(j).is_some_and(|t| {
                        t.kind == TokenKind::Punct && doc.text.as_bytes().get(t.start) == Some(&b)
                    })
                };
                if i > 0
                    && paren(i - 1, b'(')
                    && paren(i + 1, b')')
                    && is_all_caps(w)
                    && defined_by_lowercase_phrase(doc, i - 1, w)
                {
                    common_acronyms.push(w);
                }
                if is_product_code(w) {
                    flags[i] |= word::THING_WORD;
                }
                if w.contains('-') {
                    if lex.is_modifier_compound(w) {
                        flags[i] |= word::MODIFIER_COMPOUND;
                    }
                    // "President-elect" starts a title as "President" does.
                    let head = lex.strip_title_suffix(w);
                    if head.len() < w.len() {
                        flags[i] |= lex.word_flags(head) & word::TITLE_START;
                    }
                }
                let first = w.chars().next();
                if first.is_some_and(char::is_lowercase) {
                    lower_words.insert(w);
                    if i > s.tokens.start
                        && !s.is_headline
                        && is_upper_initial(w)
                        && flags[i] & word::MODIFIER_COMPOUND == 0
                    {
                        // "el-Sissi": a name with a lowercase particle.
                        *caps_of.entry(w).or_default() |= caps::MID;
                    }
                } else if first.is_some_and(char::is_uppercase) {
                    let next = doc.token_text(i + 1);
                    let mut bits = 0;
                    if !matches!(next, "'s" | "’s") {
                        bits |= caps::BARE;
                    }
                    let prev = &doc.tokens[i.saturating_sub(1)];
                    if !s.is_headline
                        && i > s.tokens.start
                        && prev.kind != TokenKind::OpenQuote
                        && doc.token_text(i - 1) != ":"
                    {
                        bits |= caps::MID;
                        let next_caps = i + 1 < s.tokens.end
                            && doc.tokens[i + 1].kind == TokenKind::Word
                            && next.starts_with(char::is_uppercase);
                        if !next_caps {
                            bits |= caps::MID_LAST;
                        }
                    }
                    if bits != 0 {
                        *caps_of.entry(w).or_default() |= bits;
                    }
                }
            }
        }
        if !common_acronyms.is_empty() {
            for (i, t) in doc.tokens.iter().enumerate() {
                if t.kind == TokenKind::Word && common_acronyms.contains(&doc.token_text(i)) {
                    flags[i] |= word::THING_WORD;
                }
            }
        }
        let publisher = title_publisher(doc, &flags);
        let work_titles = quoted_work_titles(doc, &flags);
        Finder {
            doc,
            lex,
            flags,
            lower_words,
            caps: caps_of,
            publisher,
            work_titles,
        }
    }

    /// Whether the document writes `w` in lowercase somewhere, also as plural or singular
    /// ("schools" for "Charter Schools", "voters" for "Voter").
    pub fn written_in_lowercase(&self, w: &str) -> bool {
        with_lowercase(w, |l| {
            self.lower_words.contains(l)
                || (w.len() > 3
                    && w.is_ascii()
                    && (self.lower_words.contains(format!("{l}s").as_str())
                        || l.strip_suffix('s')
                            .is_some_and(|stem| self.lower_words.contains(stem))))
        })
    }

    /// Whether the document uses the capitalised word `w` as `bit` ([`caps`]) says.
    pub(super) fn has_caps(&self, w: &str, bit: u8) -> bool {
        self.caps.get(w).is_some_and(|b| b & bit != 0)
    }

    /// Whether the body capitalises `w` in the middle of a sentence, also as a name with a
    /// lowercase particle ("El-Sissi" at the start of a sentence, "el-Sissi" elsewhere).
    /// With `last`, only words that end a name somewhere count ("Kerry" of "John Kerry", not
    /// "Civic" of "Civic Trust").
    pub(super) fn capitalised_elsewhere(&self, w: &str, last: bool) -> bool {
        let bit = if last { caps::MID_LAST } else { caps::MID };
        if self.has_caps(w, bit) {
            return true;
        }
        match w.split_once('-') {
            Some((head, _))
                if head.len() <= 3
                    && head.chars().next().is_some_and(char::is_uppercase)
                    && self.lex.word_flags(head) & word::PARTICLE != 0 =>
            {
                self.has_caps(
                    format!("{}{}", head.to_lowercase(), &w[head.len()..]).as_str(),
                    bit,
                )
            }
            _ => false,
        }
    }
}
