//! Typing of general names from their words and context (head words, given names, titles,
//! cues before and after), and the dateline's place and source.

use super::{
    Candidate, Finder, Kind, TitleBefore, is_all_caps, is_camel_case, is_upper_initial, title_case,
};
use crate::extract::names_lexicon::word;
use crate::extract::text::TokenKind;

impl<'d, 'a> Finder<'d, 'a> {
    /// Types and records a general name candidate `[p, e)`.
    pub(super) fn push_general(
        &self,
        si: usize,
        p: usize,
        e: usize,
        pending: &mut Option<TitleBefore>,
        out: &mut Vec<Candidate>,
    ) {
        if pending.is_none() && self.class_noun_after_article(si, p, e) {
            return;
        }
        let doc = self.doc;
        let s = &doc.sentences[si];
        let len = e - p;
        let words: Vec<&str> = (p..e).map(|j| doc.token_text(j)).collect();
        let any = |flag: u32| {
            (p..e)
                .any(|j| self.flags[j] & flag != 0 && self.word(j, e).is_some_and(is_upper_initial))
        };
        let acronym =
            len == 1 && (is_all_caps(words[0]) || (words[0].contains('.') && words[0].len() <= 6));
        let title = pending.take();
        let next_flags = if e < s.tokens.end { self.flags[e] } else { 0 };
        let next2 = doc.token_text(e + 1);
        let prev_flags = if p > s.tokens.start {
            self.flags[p - 1]
        } else {
            0
        };
        // The head is the last head word before any "of"/"for": "Kira Road Police Station" is a
        // place, "Baton Rouge Police Department" and "Department of State" organisations.
        let head_end = (p..e)
            .find(|&j| matches!(doc.token_text(j), "of" | "for"))
            .unwrap_or(e);
        let place_head = (p..head_end)
            .rev()
            .find(|&j| {
                self.flags[j] & (word::ORG_HEAD | word::PLACE_HEAD) != 0
                    && self.word(j, e).is_some_and(is_upper_initial)
            })
            .is_some_and(|j| self.flags[j] & word::ORG_HEAD == 0);
        let (kind, strength) = if len == 1 && self.flags[p] & word::INSTITUTION != 0 {
            (Kind::Organization, 3)
        } else if place_head && title.is_none() {
            (Kind::Place, 3)
        } else if any(word::ORG_HEAD) && !(title.is_some() && len <= 3 && !acronym) {
            (Kind::Organization, 3)
        } else if any(word::PLACE_HEAD) && title.is_none() {
            (Kind::Place, 3)
        } else if title.is_some() {
            (Kind::Person, 4)
        } else if len >= 2 && self.flags[p] & word::PLACE_PREFIX != 0 {
            // "Santa Monica", "St. Louis", "Fort Hood".
            (Kind::Place, 3)
        } else if words[0] == "The" {
            // "The Globe and Mail": a name that takes the article is no person's.
            (Kind::Organization, 2)
        } else if len >= 2
            && words[0].len() == 1
            && words[0].starts_with(|c: char| c.is_ascii_uppercase())
            && !matches!(words[0], "I" | "A")
        {
            // "Q Houston", "D Weekly": a bare capital letter, no initial (that takes a period),
            // starts a brand's or a publication's name.
            (Kind::Organization, 2)
        } else if acronym {
            (Kind::Organization, 2)
        } else if self.role_follows(e, s.tokens.end) || next_flags & word::ORG_CUE != 0 {
            // "Arriva Buses boss Michael Moreton": the organisation of the person's role; "Nusra
            // fighters": the members of an organisation.
            (Kind::Organization, 2)
        } else if len >= 2 && self.flags[p] & word::GIVEN_NAME != 0 {
            (Kind::Person, 3)
        } else if (len == 1 && self.flags[p] & word::GIVEN_NAME != 0)
            || prev_flags & word::PERSON_LEAD != 0
            || next_flags & word::PERSON_CUE != 0
            || (doc.token_text(e) == "," && next2 == "who")
        {
            (Kind::Person, 2)
        } else if len == 1 && is_camel_case(words[0]) {
            (Kind::Organization, 2)
        } else if prev_flags & word::PLACE_PREP != 0 {
            (Kind::Place, 1)
        } else if len >= 2 {
            // Multi-word names without other evidence are most often people; any cue elsewhere
            // (a preposition of place, a title) outweighs this guess.
            (Kind::Person, 0)
        } else {
            (Kind::Unknown, 0)
        };
        out.push(Candidate {
            sentence: si,
            tokens: p..e,
            kind,
            strength,
            gaz: None,
            demonym: false,
            title,
            acronym,
        });
    }

    /// Whether `[p, e)` heads a noun phrase with an indefinite article ("a Girl Scout", "an
    /// officially recognised Test"): a member of a class or a kind of thing, not the name of one
    /// person, organisation or place. Between the article and the name may stand adverbs and a
    /// participle after an adverb ("officially recognised"), not other words ("a town called
    /// Leeds"); the phrase must end after the name (punctuation, "and", "or"), so that a name
    /// that modifies a noun ("a Reuters reporter", "a Comres/ITV poll") is still a name.
    fn class_noun_after_article(&self, si: usize, p: usize, e: usize) -> bool {
        let doc = self.doc;
        let s = &doc.sentences[si];
        let ends = e >= s.tokens.end
            || matches!(doc.tokens[e].kind, TokenKind::CloseQuote)
            || doc.token_text(e).starts_with('.')
            || matches!(
                doc.token_text(e),
                "," | ";" | ":" | "!" | "?" | ")" | "…" | "and" | "or"
            );
        // "a Phoenix, Arizona, church": a place with its state before a noun.
        let place_follows = doc.token_text(e) == ","
            && self
                .lex
                .longest_name(|j| (j == 0).then(|| doc.token_text(e + 1)))
                .is_some();
        if !ends || place_follows {
            return false;
        }
        let mut j = p;
        loop {
            if j == s.tokens.start || p - j > 2 {
                return false;
            }
            let w = doc.token_text(j - 1);
            if matches!(w, "a" | "an" | "A" | "An") {
                return true;
            }
            let adverb = w.ends_with("ly");
            let participle = j == p
                && w.ends_with("ed")
                && j >= 2 + s.tokens.start
                && doc.token_text(j - 2).ends_with("ly");
            // One adjective right after the article: "a proper Toffee".
            let adjective = j == p
                && j >= 2 + s.tokens.start
                && matches!(doc.token_text(j - 2), "a" | "an" | "A" | "An")
                && !w.ends_with("ed")
                && !w.ends_with("ing")
                && self.flags[j - 1]
                    & (word::PLACE_PREP
                        | word::CONNECTOR
                        | word::PERSON_LEAD
                        | word::TITLE_START
                        | word::TITLE_MODIFIER
                        | word::ORG_NOUN
                        | word::PERSON_NOUN)
                    == 0;
            if doc.tokens[j - 1].kind != TokenKind::Word
                || !w.starts_with(char::is_lowercase)
                || !(adverb || participle || adjective)
            {
                return false;
            }
            j -= 1;
        }
    }

    /// Whether a lowercase role word and a name follow at `e` ("boss Michael Moreton",
    /// "spokesman John Kirby"): a position title or a person lead.
    fn role_follows(&self, e: usize, end: usize) -> bool {
        let Some(w) = self.word(e, end) else {
            return false;
        };
        if !w.chars().next().is_some_and(char::is_lowercase) {
            return false;
        }
        let len = if self.flags[e] & word::PERSON_LEAD != 0 {
            1
        } else {
            match self.title_at(e, end) {
                Some((ts, m)) => ts + m.len - e,
                None => return false,
            }
        };
        self.is_name_word(e + len, end)
    }

    /// The dateline sentence: the capitalised place and the source in brackets.
    pub(super) fn dateline(&self, si: usize, out: &mut Vec<Candidate>) {
        let doc = self.doc;
        let s = &doc.sentences[si];
        for (range, default) in [
            (doc.dateline.clone(), Kind::City),
            (doc.dateline_source.clone(), Kind::Organization),
        ] {
            let Some(range) = range else { continue };
            let toks: Vec<usize> = s
                .tokens
                .clone()
                .filter(|&j| doc.tokens[j].start >= range.start && doc.tokens[j].end <= range.end)
                .collect();
            let (Some(&a), Some(&b)) = (toks.first(), toks.last()) else {
                continue;
            };
            // Look the name up as written and in title case ("WASHINGTON" → "Washington").
            let cased: Vec<String> = (a..=b).map(|j| title_case(doc.token_text(j))).collect();
            let gaz = self
                .lex
                .longest_name(|j| (a + j <= b).then(|| doc.token_text(a + j)))
                .or_else(|| self.lex.longest_name(|j| cased.get(j).map(String::as_str)));
            let kind = gaz
                .and_then(|(_, e)| self.lex.entry(e))
                .map_or(default, |e| Kind::from_class(&e.kind));
            out.push(Candidate {
                sentence: si,
                tokens: a..b + 1,
                kind,
                strength: if gaz.is_some() { 5 } else { 3 },
                gaz: gaz.map(|(_, e)| e),
                demonym: false,
                title: None,
                acronym: false,
            });
        }
    }
}
