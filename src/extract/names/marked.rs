//! Names marked by the page or the sentence around them rather than by their words: share-button
//! rows, the publisher of a page title, quoted titles of works, acronyms the text defines by
//! lowercase words, codes of letters and digits, a possessive-only word ("Harper's Bazaar"),
//! places in brackets that qualify an organisation, and a price or a year in brackets after a
//! product or a work.

use std::ops::Range;

use super::{Candidate, Finder, Kind, caps, is_all_caps, is_upper_initial};
use crate::extract::names_lexicon::word;
use crate::extract::text::{Document, TokenKind};

impl<'d, 'a> Finder<'d, 'a> {
    /// The length of a quoted title of a work whose words stand at `i`, quoted or not.
    pub(super) fn work_title_at(&self, i: usize, end: usize) -> Option<usize> {
        let doc = self.doc;
        self.work_titles.iter().find_map(|r| {
            let n = r.len();
            (i + n <= end && (0..n).all(|j| doc.token_text(i + j) == doc.token_text(r.start + j)))
                .then_some(n)
        })
    }

    /// The length of the page title's publisher when its words stand at `p` (within `[p, k)`).
    pub(super) fn publisher_at(&self, p: usize, k: usize) -> Option<usize> {
        let r = self.publisher.clone()?;
        let n = r.len();
        (p + n <= k
            && (0..n).all(|j| self.doc.token_text(p + j) == self.doc.token_text(r.start + j)))
        .then_some(n)
    }

    /// A row of share buttons scraped with a page ("Post to Fark Post to Digg Post to Facebook"):
    /// one capitalised word before "to" or "on" at least three times. Only the word after each
    /// "to"/"on" is a name (a site or service, an organisation); the rest is no name. Returns
    /// whether the sentence is such a row.
    pub(super) fn share_row(&self, si: usize, out: &mut Vec<Candidate>) -> bool {
        let doc = self.doc;
        let s = &doc.sentences[si];
        let end = s.tokens.end;
        // "to" or "on": two bytes, checked before the text is compared.
        let is_prep = |j: usize| {
            j < end
                && doc.tokens[j].end - doc.tokens[j].start == 2
                && matches!(doc.token_text(j), "to" | "on")
        };
        let mut verb: Option<&str> = None;
        let mut count = 0;
        for j in s.tokens.start + 1..end {
            if !is_prep(j) {
                continue;
            }
            let Some(w) = self.word(j - 1, end).filter(|w| is_upper_initial(w)) else {
                continue;
            };
            match verb {
                None => {
                    verb = Some(w);
                    count = 1;
                }
                Some(v) if v == w => count += 1,
                Some(_) => {}
            }
        }
        if count < 3 {
            return false;
        }
        for i in s.tokens.start..end.saturating_sub(2) {
            if verb == self.word(i, end) && is_prep(i + 1) && self.is_name_word(i + 2, end) {
                out.push(Candidate {
                    sentence: si,
                    tokens: i + 2..i + 3,
                    kind: Kind::Organization,
                    strength: 2,
                    gaz: None,
                    demonym: false,
                    title: None,
                    acronym: is_all_caps(doc.token_text(i + 2)),
                });
            }
        }
        true
    }

    /// The end of a name "X's Y ..." when the run `[i, k)` is one word X that the text never
    /// writes without the possessive, with no other evidence (not listed, no acronym, given
    /// name, demonym or non-name word), and capitalised words Y follow the possessive, none listed.
    pub(super) fn possessive_name_end(&self, i: usize, k: usize, end: usize) -> Option<usize> {
        let doc = self.doc;
        if k != i + 1
            || !matches!(self.word(k, end), Some("'s" | "’s"))
            || !self.is_name_word(k + 1, end)
        {
            return None;
        }
        let w = doc.token_text(i);
        if self.has_caps(w, caps::BARE)
            || is_all_caps(w)
            || self.flags[i] & (word::GIVEN_NAME | word::NON_NAME | word::HONORIFIC) != 0
            || self.lex.demonym(w).is_some()
            || self.lex.longest_name(|j| (j == 0).then_some(w)).is_some()
        {
            return None;
        }
        let mut e = k + 1;
        while self.is_name_word(e, end) {
            if self.lex.longest_name(|j| self.word(e + j, end)).is_some() {
                return None;
            }
            e += 1;
        }
        Some(e)
    }

    /// The closing bracket when the run `[i, k)` of two or more words, not a listed name and not
    /// starting with a given name, is followed by listed places in brackets ("(England and
    /// Wales)", "(Scotland)"): the places qualify an organisation's name.
    pub(super) fn place_qualifier(&self, i: usize, k: usize, end: usize) -> Option<usize> {
        let doc = self.doc;
        if k - i < 2 || doc.token_text(k) != "(" || self.flags[i] & word::GIVEN_NAME != 0 {
            return None;
        }
        let listed_len = |j: usize, to: usize| {
            self.lex
                .longest_name(|x| self.word(j + x, to))
                .map(|(len, e)| (len, self.entry_kind(e)))
        };
        if listed_len(i, k).is_some_and(|(len, _)| i + len == k) {
            return None;
        }
        let mut j = k + 1;
        let mut places = 0;
        while j < end {
            match listed_len(j, end) {
                Some((len, kind)) if kind.is_place() => {
                    places += 1;
                    j += len;
                }
                _ => return None,
            }
            match doc.token_text(j) {
                ")" => return (places > 0).then_some(j),
                "and" | "," => j += 1,
                _ => return None,
            }
        }
        None
    }

    /// Whether a bracket with a price ("(£12.50, ...)", "($20)") or only a year ("(1957)") stands
    /// at `k`.
    pub(super) fn product_or_work_follows(&self, k: usize, end: usize) -> bool {
        let doc = self.doc;
        if k + 2 >= end || doc.token_text(k) != "(" {
            return false;
        }
        let first = doc.token_text(k + 1);
        let price = first.starts_with(['£', '$', '€', '¥'])
            && doc
                .tokens
                .get(k + 2)
                .is_some_and(|t| t.kind == TokenKind::Number);
        let year = doc.tokens[k + 1].kind == TokenKind::Number
            && first.len() == 4
            && first.bytes().all(|b| b.is_ascii_digit())
            && doc.token_text(k + 2) == ")";
        price || year
    }
}

/// A capitalised word with a digit between letters and lowercase letters: the name of a product,
/// campaign or code ("Cover2Care", "Win4Life"), not of a person, organisation or place. Without
/// lowercase letters ("G4S", "T2D") it may be a company's name.
pub(super) fn is_product_code(w: &str) -> bool {
    let b = w.as_bytes();
    b.first().is_some_and(u8::is_ascii_uppercase)
        && b.iter().any(u8::is_ascii_digit)
        && b.iter().any(u8::is_ascii_lowercase)
        && b.windows(3).any(|x| {
            x[0].is_ascii_alphabetic() && x[1].is_ascii_digit() && x[2].is_ascii_alphabetic()
        })
}

/// Whether the acronym `acronym` in brackets at token `open` + 1 abbreviates the lowercase words
/// before the bracket, one word (or number) per letter: "type 2 diabetes (T2D)", "continuous
/// glucose monitor (CGM)". Such an acronym names a thing, not an organisation.
pub(super) fn defined_by_lowercase_phrase(doc: &Document<'_>, open: usize, acronym: &str) -> bool {
    let acronym = acronym.strip_suffix('s').unwrap_or(acronym);
    let n = acronym.chars().filter(|c| c.is_alphanumeric()).count();
    if !(2..=8).contains(&n) || open < n {
        return false;
    }
    acronym
        .chars()
        .filter(|c| c.is_alphanumeric())
        .enumerate()
        .all(|(k, c)| {
            let j = open - n + k;
            let first = doc.token_text(j).chars().next();
            matches!(doc.tokens[j].kind, TokenKind::Word | TokenKind::Number)
                && first.is_some_and(|f| !f.is_uppercase() && f.to_lowercase().eq(c.to_lowercase()))
        })
}

/// Quoted title-case phrases with a possessive, titles of works or lists ("'Oslo's Best
/// Bakers'", "“Grey's Anatomy”"): three to eight tokens between quotes, all capitalised words
/// but the possessive ("People's Republic", a possessive after a common word, is a name). Their
/// words are no mentions, wherever the text repeats the phrase.
pub(super) fn quoted_work_titles(doc: &Document<'_>, flags: &[u32]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let n = doc.tokens.len();
    let mut i = 0;
    while i < n {
        if doc.tokens[i].kind != TokenKind::OpenQuote {
            i += 1;
            continue;
        }
        let start = i + 1;
        let mut j = start;
        let mut possessive = false;
        while j < n && j - start <= 8 {
            let t = &doc.tokens[j];
            let w = doc.token_text(j);
            if t.kind == TokenKind::Word && matches!(w, "'s" | "’s") {
                // "People's Republic": a possessive after a common word is part of a name.
                if j > start && flags[j - 1] & word::NON_NAME != 0 {
                    break;
                }
                possessive = true;
            } else if t.kind != TokenKind::Word || !is_upper_initial(w) {
                break;
            }
            j += 1;
        }
        // A comma may stand before the closing quote.
        let close = if doc.token_text(j) == "," { j + 1 } else { j };
        let closed = doc
            .tokens
            .get(close)
            .is_some_and(|t| t.kind == TokenKind::CloseQuote);
        if closed
            && possessive
            && j - start >= 3
            && doc.token_text(start).starts_with(char::is_uppercase)
        {
            out.push(start..j);
        }
        i = j.max(i + 1);
    }
    out
}

/// The publisher at the end of a page title: "Standing firm - The Daily Ledger", "Talks stall |
/// Harbour Times". After the last spaced dash or bar of the headline come up to six words, all
/// capitalised or connectors ("and", "of"), at least two words before it.
pub(super) fn title_publisher(doc: &Document<'_>, flags: &[u32]) -> Option<Range<usize>> {
    let s = doc.sentences.first().filter(|s| s.is_headline)?;
    let toks = s.tokens.clone();
    let sep = toks.clone().rev().find(|&j| {
        matches!(doc.token_text(j), "-" | "|" | "–" | "—")
            && j > toks.start
            && j + 1 < toks.end
            && doc.tokens[j - 1].end < doc.tokens[j].start
            && doc.tokens[j].end < doc.tokens[j + 1].start
    })?;
    let name = sep + 1..toks.end;
    let ok = sep - toks.start >= 2
        && name.len() <= 6
        && doc.token_text(name.start).starts_with(char::is_uppercase)
        && name.clone().all(|j| {
            let w = doc.token_text(j);
            doc.tokens[j].kind == TokenKind::Word
                && (is_upper_initial(w) || flags[j] & word::CONNECTOR != 0 || w == "&")
        });
    ok.then_some(name)
}
