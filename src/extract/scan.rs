//! The document as the relation, event and quote stages see it: tokens, the mention covering each
//! token (the narrowest where mentions nest), speech verbs and quoted tokens, clause limits,
//! pronoun antecedents and chains of names and titles. The argument searches built on it (subject,
//! objects) are in [`super::roles`].

use super::entities::Entities;
use super::morphology::VerbForm;
use super::names_lexicon::with_lowercase;
use super::text::{Document, TokenKind};
use super::triggers::{Slot, Triggers, role};

/// Token flags computed in one pass.
const SPEECH: u8 = 1;
const QUOTED: u8 = 2;
/// The word (lowercase) is a form of some verb trigger.
const VERB: u8 = 4;
/// The word (lowercase) is the first word of some noun trigger.
const NOUN: u8 = 8;

pub(crate) const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "these", "those", "his", "her", "its", "their", "our", "my", "your",
    "any", "no", "every", "each", "another", "such", "whose", "first", "last", "next", "planned",
    "proposed",
];
const BASE_LICENSORS: &[&str] = &[
    "to", "will", "would", "can", "could", "may", "might", "must", "shall", "should", "did", "do",
    "does", "not", "never", "i", "we", "they", "you", "and", "or", "also", "then",
];
const CLAUSE_OPENERS: &[&str] = &[
    "that", "who", "which", "whom", "if", "whether", "unless", "because", "although", "though",
    "while", "when", "after", "before", "but", "whereas", "where", "as",
];
const BE_FORMS: &[&str] = &[
    "is", "are", "was", "were", "been", "being", "be", "get", "got", "gets", "getting",
];
pub(crate) const PERSONAL_PRONOUNS: &[&str] = &["he", "she"];
pub(crate) const GROUP_PRONOUNS: &[&str] = &["they"];
pub(crate) const OTHER_PRONOUNS: &[&str] = &[
    "i", "we", "you", "it", "this", "these", "those", "one", "someone", "anyone",
];
/// Auxiliaries, modals and adverbs of the verb group (grammar).
pub(crate) const AUXILIARIES: &[&str] = &[
    "will",
    "would",
    "shall",
    "should",
    "can",
    "could",
    "may",
    "might",
    "must",
    "has",
    "have",
    "had",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "do",
    "does",
    "did",
    "not",
    "never",
    "also",
    "then",
    "still",
    "already",
    "just",
    "now",
    "soon",
    "later",
    "again",
    "only",
    "even",
    "to",
    "once",
    "first",
    "finally",
    "reportedly",
    "allegedly",
    "separately",
    "jointly",
];
/// Verbs that take another verb ("began withdrawing", "plans to meet") (grammar).
pub(crate) const CATENATIVES: &[&str] = &[
    "begin",
    "begins",
    "start",
    "starts",
    "continue",
    "continues",
    "try",
    "tries",
    "seem",
    "seems",
    "appear",
    "appears",
    "need",
    "needs",
    "want",
    "wants",
    "plan",
    "plans",
    "hope",
    "hopes",
    "intend",
    "intends",
    "expect",
    "expects",
    "agree",
    "agrees",
    "decide",
    "decides",
    "prepare",
    "prepares",
    "refuse",
    "refuses",
    "fail",
    "fails",
    "vow",
    "vows",
    "promise",
    "promises",
    "aim",
    "aims",
    "seek",
    "seeks",
    "says",
    "said",
    "set",
    "due",
    "going",
];
/// Time words that may stand between a subject and its verb (grammar).
pub(crate) const TIME_WORDS: &[&str] = &[
    "next",
    "last",
    "this",
    "week",
    "month",
    "year",
    "today",
    "yesterday",
    "tomorrow",
    "early",
    "late",
    "morning",
    "afternoon",
    "evening",
    "night",
    "earlier",
    "recently",
];
pub(crate) const PARTY_GLUE: &[&str] = &["the", "his", "her", "its", "their", "and", ","];

pub(crate) fn lower_in(word: &str, list: &[&str]) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// The document as seen by the relation stages: tokens, mentions by token, flags.
pub(crate) struct Scan<'a, 'd> {
    pub doc: &'a Document<'d>,
    pub entities: &'a Entities,
    pub triggers: &'a Triggers,
    /// For each token, the index of the mention covering it, or `u32::MAX`.
    mention_at: Vec<u32>,
    flags: Vec<u8>,
    /// Mentions sorted by first token (indices into `entities.mentions`).
    by_token: Vec<usize>,
}

impl<'a, 'd> Scan<'a, 'd> {
    pub(crate) fn new(
        doc: &'a Document<'d>,
        entities: &'a Entities,
        triggers: &'a Triggers,
    ) -> Self {
        let mut mention_at = vec![u32::MAX; doc.tokens.len()];
        // Where mentions nest ("Department of State spokesman John Kirby"), a token belongs to the
        // narrowest one.
        for (i, m) in entities.mentions.iter().enumerate() {
            for t in m.tokens.clone() {
                if let Some(slot) = mention_at.get_mut(t) {
                    let narrower = match entities.mentions.get(*slot as usize) {
                        Some(old) => m.tokens.len() <= old.tokens.len(),
                        None => true,
                    };
                    if narrower {
                        *slot = u32::try_from(i).unwrap_or(u32::MAX);
                    }
                }
            }
        }
        let mut by_token: Vec<usize> = (0..entities.mentions.len()).collect();
        by_token.sort_by_key(|&i| entities.mentions[i].tokens.start);
        let mut flags = vec![0u8; doc.tokens.len()];
        let mut quoted = false;
        let mut paragraph = usize::MAX;
        for sentence in &doc.sentences {
            if sentence.paragraph != paragraph {
                paragraph = sentence.paragraph;
                quoted = false;
            }
            for i in sentence.tokens.clone() {
                match doc.tokens[i].kind {
                    TokenKind::OpenQuote if matches!(doc.token_text(i), "“" | "\"" | "«" | "„") => {
                        quoted = true
                    }
                    TokenKind::CloseQuote if matches!(doc.token_text(i), "”" | "\"" | "»") => {
                        quoted = false
                    }
                    TokenKind::Word => {
                        // One lowercase form per token serves every trigger table.
                        let roles = with_lowercase(doc.token_text(i), |w| triggers.roles(w));
                        for (r, f) in [
                            (role::SPEECH, SPEECH),
                            (role::VERB, VERB),
                            (role::NOUN, NOUN),
                        ] {
                            if roles & r != 0 {
                                flags[i] |= f;
                            }
                        }
                    }
                    _ => {}
                }
                if quoted {
                    flags[i] |= QUOTED;
                }
            }
        }
        Self {
            doc,
            entities,
            triggers,
            mention_at,
            flags,
            by_token,
        }
    }

    /// The text of token `i` ("" past the end).
    pub fn word(&self, i: usize) -> &'d str {
        if i < self.doc.tokens.len() {
            self.doc.token_text(i)
        } else {
            ""
        }
    }

    /// Whether token `i` is the word `w`, ignoring ASCII case.
    pub fn is(&self, i: usize, w: &str) -> bool {
        self.word(i).eq_ignore_ascii_case(w)
    }

    /// The mention covering token `i`.
    pub fn mention(&self, i: usize) -> Option<usize> {
        self.mention_at
            .get(i)
            .copied()
            .filter(|&m| m != u32::MAX)
            .map(|m| m as usize)
    }

    /// The kind of the entity of mention `m`.
    pub fn kind(&self, m: usize) -> &str {
        &self.entities.entities[self.entities.mentions[m].entity].kind
    }

    /// Whether the mention `m` fits the slot.
    pub fn fits(&self, m: usize, slot: &Slot) -> bool {
        self.triggers.fits(self.kind(m), slot)
    }

    /// Whether token `i` is a speech verb.
    pub fn is_speech(&self, i: usize) -> bool {
        self.flags.get(i).is_some_and(|f| f & SPEECH != 0)
    }

    /// Whether token `i` is a form of a verb trigger (then [`Triggers::verb`] has its triggers).
    pub fn may_be_verb_trigger(&self, i: usize) -> bool {
        self.flags.get(i).is_some_and(|f| f & VERB != 0)
    }

    /// Whether token `i` starts a noun trigger (then [`Triggers::noun`] has its triggers).
    pub fn may_be_noun_trigger(&self, i: usize) -> bool {
        self.flags.get(i).is_some_and(|f| f & NOUN != 0)
    }

    /// Whether token `i` is inside quotation marks.
    pub fn is_quoted(&self, i: usize) -> bool {
        self.flags.get(i).is_some_and(|f| f & QUOTED != 0)
    }

    /// Whether the mention is followed by a possessive "'s".
    pub fn possessive(&self, m: usize) -> bool {
        let mention = &self.entities.mentions[m];
        let after = self.doc.text.get(mention.end..).unwrap_or_default();
        let last = self.word(mention.tokens.end.saturating_sub(1));
        after.starts_with("’s")
            || after.starts_with("'s")
            || last.ends_with("’s")
            || last.ends_with("'s")
    }

    /// Whether token `i` ends a clause: punctuation other than a comma, or quotation marks.
    pub fn is_boundary(&self, i: usize) -> bool {
        let Some(t) = self.doc.tokens.get(i) else {
            return true;
        };
        match t.kind {
            TokenKind::OpenQuote | TokenKind::CloseQuote => true,
            TokenKind::Punct => matches!(
                self.word(i),
                ";" | ":" | "—" | "–" | "(" | ")" | "\"" | "." | "?" | "!" | "--"
            ),
            _ => false,
        }
    }

    /// Whether token `i` opens a subordinate clause ("that", "who", "because"...).
    pub fn is_opener(&self, i: usize) -> bool {
        lower_in(self.word(i), CLAUSE_OPENERS)
    }

    /// The first token of the clause of token `i` within tokens starting at `floor`.
    pub fn clause_start(&self, floor: usize, i: usize) -> usize {
        let mut j = i;
        while j > floor {
            let k = j - 1;
            if self.is_boundary(k) || self.is_opener(k) || self.is_speech(k) {
                return j;
            }
            j = k;
        }
        floor
    }

    /// One past the last token of the clause of token `i`, before `ceil`.
    pub fn clause_end(&self, i: usize, ceil: usize) -> usize {
        let mut j = i + 1;
        while j < ceil {
            if self.is_boundary(j) || self.is_opener(j) || self.word(j) == "," {
                return j;
            }
            j += 1;
        }
        ceil
    }

    /// The mention after `m` in a chain of names and titles ("Russian President Vladimir Putin":
    /// "Russian" → "Vladimir Putin"), or `m` itself. A chain never leaves the sentence of `m` (a
    /// headline ending in a name is not chained to the dateline's place).
    pub fn chain_head(&self, mut m: usize) -> usize {
        let sentence_end = self
            .doc
            .sentences
            .get(self.entities.mentions[m].sentence)
            .map_or(0, |s| s.tokens.end);
        loop {
            let mut t = self.entities.mentions[m].tokens.end;
            if t >= sentence_end {
                return m;
            }
            let mut skipped = 0;
            while skipped < 3 && t < sentence_end && self.mention(t).is_none() {
                let w = self.word(t);
                let titled = w.chars().next().is_some_and(char::is_uppercase)
                    || with_lowercase(w, |l| self.triggers.is_title_word(l));
                if !titled
                    || self
                        .doc
                        .tokens
                        .get(t)
                        .is_none_or(|tok| tok.kind != TokenKind::Word)
                {
                    break;
                }
                t += 1;
                skipped += 1;
            }
            match self.mention(t).filter(|_| t < sentence_end) {
                Some(next) if next != m => m = next,
                _ => return m,
            }
        }
    }

    /// The entity before token `i` (within the last three sentences) that a pronoun may stand
    /// for: a person for "he"/"she", an organisation or place for "they"/"it". The nearest one,
    /// except for a pronoun that opens its sentence ("He spoke Saturday to ..."): it carries on
    /// the topic, the first fitting mention of the nearest sentence that has one.
    pub fn antecedent(&self, i: usize, person: bool) -> Option<usize> {
        let sentence = self.sentence_of(i)?;
        let start = self.doc.sentences[sentence].tokens.start;
        let opens = i == start
            || (i == start + 1 && lower_in(self.word(start), &["but", "and", "so", "yet", "then"]));
        let pos = self
            .by_token
            .partition_point(|&m| self.entities.mentions[m].tokens.start < i);
        let mut found: Option<&super::entities::Mention> = None;
        for &m in self.by_token[..pos].iter().rev() {
            let mention = &self.entities.mentions[m];
            if let Some(f) = found {
                if mention.sentence != f.sentence {
                    break;
                }
            } else if mention.sentence + 3 < sentence {
                break;
            }
            let flags = self.triggers.kind(self.kind(m));
            if (person && flags.person)
                || (!person && !flags.person && (flags.agent || flags.place))
            {
                if !opens {
                    return Some(mention.entity);
                }
                found = Some(mention);
            }
        }
        found.map(|m| m.entity)
    }

    fn sentence_of(&self, i: usize) -> Option<usize> {
        let s = self.doc.sentences.partition_point(|s| s.tokens.end <= i);
        (s < self.doc.sentences.len()).then_some(s)
    }

    /// Whether the trigger token `i` of this form is used as a verb in its sentence (from `floor`).
    pub fn verbal(&self, floor: usize, i: usize, form: VerbForm) -> bool {
        let w = self.word(i);
        if i > floor
            && w.chars().next().is_some_and(char::is_uppercase)
            && !self.doc.tokens[i - 1].kind.eq(&TokenKind::OpenQuote)
        {
            return false;
        }
        if i > floor {
            let p = self.word(i - 1);
            if lower_in(p, DETERMINERS)
                || p.ends_with("’s")
                || p.ends_with("'s")
                || self.doc.tokens[i - 1].kind == TokenKind::Number
            {
                return false;
            }
            if self.mention(i - 1).is_some_and(|m| self.possessive(m)) {
                return false;
            }
        }
        match form {
            VerbForm::Base => {
                i > floor
                    && (lower_in(self.word(i - 1), BASE_LICENSORS)
                        || self.word(i - 1).ends_with("’d")
                        || self.word(i - 1).ends_with("'d")
                        || self.word(i - 1).ends_with("’ll")
                        || self.word(i - 1).ends_with("n’t")
                        || self.word(i - 1).ends_with("n't")
                        || self.mention(i - 1).is_some())
            }
            VerbForm::Gerund => !self.is(i + 1, "of"),
            _ => true,
        }
    }

    /// Whether the participle at token `i` is passive ("was arrested").
    pub fn passive(&self, floor: usize, i: usize) -> bool {
        let mut j = i;
        let mut hops = 0;
        while j > floor && hops < 3 {
            j -= 1;
            hops += 1;
            let w = self.word(j);
            if lower_in(w, BE_FORMS) {
                return true;
            }
            if !w.ends_with("ly") && !lower_in(w, &["not", "also", "reportedly", "allegedly"]) {
                return false;
            }
        }
        false
    }
}
