//! The document as the relation, event and quote stages see it: tokens, the mention covering each
//! token, speech verbs and quoted tokens, and the shared searches (subject before a verb, objects
//! after it, clause limits, pronoun antecedents, chains of names and titles).

use super::entities::Entities;
use super::morphology::VerbForm;
use super::relations::Node;
use super::text::{Document, TokenKind};
use super::triggers::{PREPOSITIONS, Slot, Triggers};

/// Token flags computed in one pass.
const SPEECH: u8 = 1;
const QUOTED: u8 = 2;

const DETERMINERS: &[&str] = &[
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
const PERSONAL_PRONOUNS: &[&str] = &["he", "she"];
const GROUP_PRONOUNS: &[&str] = &["they"];
const OTHER_PRONOUNS: &[&str] = &[
    "i", "we", "you", "it", "this", "these", "those", "one", "someone", "anyone",
];
/// Auxiliaries, modals and adverbs of the verb group (grammar).
const AUXILIARIES: &[&str] = &[
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
const CATENATIVES: &[&str] = &[
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
const TIME_WORDS: &[&str] = &[
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
const PARTY_GLUE: &[&str] = &["the", "his", "her", "its", "their", "and", ","];

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
        let mut lower = String::new();
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
                        lower_into(&mut lower, doc.token_text(i));
                        if triggers.speech(&lower).is_some() {
                            flags[i] |= SPEECH;
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
    /// "Russian" → "Vladimir Putin"), or `m` itself.
    pub fn chain_head(&self, mut m: usize) -> usize {
        loop {
            let mut t = self.entities.mentions[m].tokens.end;
            let mut skipped = 0;
            while skipped < 3 && self.mention(t).is_none() {
                let w = self.word(t);
                let titled = w.chars().next().is_some_and(char::is_uppercase)
                    || self.triggers.is_title_word(&w.to_lowercase());
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
            match self.mention(t) {
                Some(next) if next != m => m = next,
                _ => return m,
            }
        }
    }

    /// The nearest entity before token `i` (within the last three sentences) that a pronoun may
    /// stand for: a person for "he"/"she", an organisation or place for "they"/"it".
    pub fn antecedent(&self, i: usize, person: bool) -> Option<usize> {
        let sentence = self.sentence_of(i)?;
        let pos = self
            .by_token
            .partition_point(|&m| self.entities.mentions[m].tokens.start < i);
        for &m in self.by_token[..pos].iter().rev() {
            let mention = &self.entities.mentions[m];
            if mention.sentence + 3 < sentence {
                break;
            }
            let flags = self.triggers.kind(self.kind(m));
            if (person && flags.person)
                || (!person && !flags.person && (flags.agent || flags.place))
            {
                return Some(mention.entity);
            }
        }
        None
    }

    fn sentence_of(&self, i: usize) -> Option<usize> {
        let s = self.doc.sentences.partition_point(|s| s.tokens.end <= i);
        (s < self.doc.sentences.len()).then_some(s)
    }

    /// Whether token `i` looks like a verb: an auxiliary or modal, a catenative verb, a form of a
    /// trigger or speech verb, an irregular past, or a word in -ed or -ing.
    pub fn verb_like(&self, i: usize) -> bool {
        let w = self.word(i);
        if lower_in(w, AUXILIARIES) || lower_in(w, CATENATIVES) || self.is_speech(i) {
            return true;
        }
        let lower = w.to_lowercase();
        lower.ends_with("ed")
            || lower.ends_with("ing")
            || self
                .triggers
                .verb(&lower)
                .iter()
                .any(|v| v.form != VerbForm::Base)
            || super::morphology::is_irregular_form(&lower)
    }

    /// Whether token `i` may stand between a subject and its verb: auxiliaries, adverbs, verbs,
    /// prepositions and time words, commas, numbers and capitalised words.
    fn gap_ok(&self, i: usize) -> bool {
        let Some(t) = self.doc.tokens.get(i) else {
            return false;
        };
        let w = self.word(i);
        match t.kind {
            TokenKind::Number => true,
            TokenKind::Punct => w == ",",
            TokenKind::Word => {
                w.chars().next().is_some_and(char::is_uppercase)
                    || w.ends_with("ly")
                    || lower_in(w, TIME_WORDS)
                    || lower_in(w, PREPOSITIONS)
                    || self.verb_like(i)
                    || ((w.ends_with("n’t") || w.ends_with("n't")) && !lower_in(w, &["isn't"]))
            }
            _ => false,
        }
    }

    /// Whether mention `m` modifies a common noun after it ("Syrian children", "SICA leaders",
    /// "Roman Catholic Church leader") instead of standing for itself.
    pub fn is_modifier(&self, m: usize) -> bool {
        let t = self.entities.mentions[m].tokens.end;
        let Some(tok) = self.doc.tokens.get(t) else {
            return false;
        };
        let w = self.word(t);
        tok.kind == TokenKind::Word
            && w.chars().next().is_some_and(char::is_lowercase)
            && !lower_in(
                w,
                &["and", "or", "but", "who", "which", "that", "whose", "nor"],
            )
            && !lower_in(w, PREPOSITIONS)
            && !lower_in(w, TIME_WORDS)
            && !w.ends_with("ly")
            && !self.verb_like(t)
    }

    /// The nearest fitting subject before the verb at token `verb`, in sentence tokens from `floor`.
    /// Returns the subject, the rule's confidence and its first token. The walk back stops at a
    /// clause boundary, at a common noun (the subject is then not a name) and at first-person
    /// pronouns.
    pub fn subject(&self, floor: usize, verb: usize, slot: &Slot) -> Option<(Node, f64, usize)> {
        let mut fallback = None;
        let mut j = verb;
        while j > floor {
            j -= 1;
            if let Some(m) = self.mention(j) {
                let mention = &self.entities.mentions[m];
                let start = mention.tokens.start;
                let after_preposition =
                    start > floor && lower_in(self.word(start - 1), PREPOSITIONS);
                if after_preposition || self.possessive(m) {
                    j = start;
                    continue;
                }
                if self.is_modifier(m) {
                    // "Russian aircraft began leaving": the country, with less confidence.
                    if mention.demonym && self.fits(m, slot) {
                        fallback.get_or_insert((Node::Entity(mention.entity), 0.6, start));
                    }
                    return fallback;
                }
                if self.fits(m, slot) {
                    let confidence = if mention.pronoun { 0.7 } else { 0.9 };
                    return Some((Node::Entity(mention.entity), confidence, start));
                }
                j = start;
                continue;
            }
            let w = self.word(j);
            if lower_in(w, &["who", "which", "that"]) {
                let mut k = j;
                while k > floor && self.word(k - 1) == "," {
                    k -= 1;
                }
                if k > floor {
                    if let Some(m) = self.mention(k - 1) {
                        if self.fits(m, slot) {
                            return Some((Node::Entity(self.entities.mentions[m].entity), 0.85, j));
                        }
                    }
                }
                return fallback;
            }
            let lower = w.to_lowercase().replace('’', "'");
            let pronoun = lower.split('\'').next().unwrap_or_default().to_owned();
            if lower_in(&pronoun, PERSONAL_PRONOUNS) {
                if let Some(e) = self.antecedent(j, true) {
                    if self.triggers.fits(&self.entities.entities[e].kind, slot) {
                        return Some((Node::Entity(e), 0.7, j));
                    }
                }
                return fallback;
            }
            if lower_in(&pronoun, GROUP_PRONOUNS) {
                if let Some(e) = self.antecedent(j, false) {
                    if self.triggers.fits(&self.entities.entities[e].kind, slot) {
                        return Some((Node::Entity(e), 0.5, j));
                    }
                }
                return fallback;
            }
            if lower_in(&pronoun, OTHER_PRONOUNS) {
                return fallback;
            }
            if self.is_boundary(j) || self.is_opener(j) || self.is_speech(j) {
                break;
            }
            if !self.gap_ok(j) {
                // A common noun: "Russian aircraft began leaving" stands for the country, with less
                // confidence.
                let head = (j.saturating_sub(2).max(floor)..j)
                    .rev()
                    .find_map(|k| self.mention(k));
                if let Some(m) = head {
                    let mention = &self.entities.mentions[m];
                    if mention.demonym && self.fits(m, slot) && mention.tokens.end + 2 > j {
                        return Some((Node::Entity(mention.entity), 0.6, mention.tokens.start));
                    }
                }
                break;
            }
        }
        fallback
    }

    /// The subject of a participle clause ("Trump told reporters after meeting with Turnbull",
    /// "..., coming to Philadelphia"): the nearest fitting name before token `from` in the sentence
    /// that is not after a preposition nor a modifier. Confidence 0.6.
    pub fn clause_subject(
        &self,
        floor: usize,
        from: usize,
        slot: &Slot,
    ) -> Option<(Node, f64, usize)> {
        let mut j = from;
        while j > floor {
            j -= 1;
            if self.is_boundary(j) {
                return None;
            }
            if let Some(m) = self.mention(j) {
                let mention = &self.entities.mentions[m];
                let start = mention.tokens.start;
                let after_preposition =
                    start > floor && lower_in(self.word(start - 1), PREPOSITIONS);
                if !after_preposition
                    && !self.possessive(m)
                    && !self.is_modifier(m)
                    && self.fits(m, slot)
                {
                    return Some((Node::Entity(mention.entity), 0.6, start));
                }
                j = start;
            }
        }
        None
    }

    /// The fitting mentions from token `from` on (with coordinated ones), within `window` tokens
    /// and the clause. Only determiners, numbers, titles and capitalised words may come before the
    /// object; a name that modifies a common noun ("the Greek island") is not an object, except for
    /// an `agentive` slot ("by Kenyan police" → Kenya).
    pub fn objects(
        &self,
        from: usize,
        ceil: usize,
        slot: &Slot,
        agentive: bool,
        window: usize,
    ) -> Vec<(Node, f64, usize)> {
        let mut out = Vec::new();
        let limit = ceil.min(from + window);
        let mut k = from;
        while k < limit {
            if let Some(m) = self.mention(k) {
                let head = self.chain_head(m);
                let mention = &self.entities.mentions[head];
                let modifier = mention.demonym || self.is_modifier(head) || self.possessive(head);
                if self.fits(head, slot) && (agentive || !modifier) {
                    out.push((Node::Entity(mention.entity), 0.9, mention.tokens.end));
                    self.coordinated(head, ceil, slot, &mut out);
                }
                return out;
            }
            let w = self.word(k);
            let skippable = match self.doc.tokens[k].kind {
                TokenKind::Number => true,
                TokenKind::Word => {
                    lower_in(w, DETERMINERS)
                        || w.chars().next().is_some_and(char::is_uppercase)
                        || self.triggers.is_title_word(&w.to_lowercase())
                }
                _ => false,
            };
            if !skippable || self.is_opener(k) {
                break;
            }
            k += 1;
        }
        out
    }

    fn coordinated(
        &self,
        mut m: usize,
        ceil: usize,
        slot: &Slot,
        out: &mut Vec<(Node, f64, usize)>,
    ) {
        loop {
            let mut t = self.entities.mentions[m].tokens.end;
            if !(self.is(t, "and") || self.is(t, ",") || self.is(t, "or")) {
                return;
            }
            let mut skipped = 0;
            while t < ceil && skipped < 5 && self.mention(t).is_none() {
                let w = self.word(t);
                let ok = lower_in(w, PARTY_GLUE)
                    || w.chars().next().is_some_and(char::is_uppercase)
                    || self.triggers.is_title_word(&w.to_lowercase());
                if !ok {
                    return;
                }
                t += 1;
                skipped += 1;
            }
            let Some(next) = self.mention(t).filter(|_| t < ceil) else {
                return;
            };
            let next = self.chain_head(next);
            let mention = &self.entities.mentions[next];
            // A list joined by commas only continues when another comma or "and" follows.
            let after = mention.tokens.end;
            let listed = self.is(after, ",") || self.is(after, "and") || self.is(after, "or");
            let joined = (self.entities.mentions[m].tokens.end..t)
                .any(|k| self.is(k, "and") || self.is(k, "or"));
            if !self.fits(next, slot)
                || mention.pronoun
                || mention.demonym
                || self.is_modifier(next)
                || !(joined || listed)
            {
                return;
            }
            out.push((Node::Entity(mention.entity), 0.85, mention.tokens.end));
            m = next;
        }
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

pub(crate) fn lower_into(buf: &mut String, word: &str) {
    buf.clear();
    if word.bytes().all(|b| b.is_ascii_lowercase()) {
        buf.push_str(word);
    } else {
        for c in word.chars() {
            buf.extend(c.to_lowercase());
        }
    }
}
