//! The searches for the arguments of a trigger: the subject before a verb (through relative
//! pronouns, personal pronouns and participle clauses), the objects after it (with coordination),
//! and the word-class tests they rely on (verb-like words, words that may separate a subject from
//! its verb, names used as modifiers of a common noun).

use super::morphology::VerbForm;
use super::names_lexicon::with_lowercase;
use super::relations::Node;
use super::scan::{
    AUXILIARIES, CATENATIVES, DETERMINERS, GROUP_PRONOUNS, OTHER_PRONOUNS, PARTY_GLUE,
    PERSONAL_PRONOUNS, Scan, TIME_WORDS, lower_in,
};
use super::text::TokenKind;
use super::triggers::{PREPOSITIONS, Slot};

impl Scan<'_, '_> {
    /// Whether token `i` looks like a verb: an auxiliary or modal, a catenative verb, a form of a
    /// trigger or speech verb, an irregular past, or a word in -ed or -ing.
    pub fn verb_like(&self, i: usize) -> bool {
        let w = self.word(i);
        if lower_in(w, AUXILIARIES) || lower_in(w, CATENATIVES) || self.is_speech(i) {
            return true;
        }
        with_lowercase(w, |lower| {
            lower.ends_with("ed")
                || lower.ends_with("ing")
                || self
                    .triggers
                    .verb(lower)
                    .iter()
                    .any(|v| v.form != VerbForm::Base)
                || super::morphology::is_irregular_form(lower)
        })
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
            // The word before an apostrophe ("he’d"), compared ignoring case.
            let pronoun = w.split(['\'', '’']).next().unwrap_or_default();
            if lower_in(pronoun, PERSONAL_PRONOUNS) {
                if let Some(e) = self.antecedent(j, true) {
                    if self.triggers.fits(&self.entities.entities[e].kind, slot) {
                        return Some((Node::Entity(e), 0.7, j));
                    }
                }
                return fallback;
            }
            if lower_in(pronoun, GROUP_PRONOUNS) {
                if let Some(e) = self.antecedent(j, false) {
                    if self.triggers.fits(&self.entities.entities[e].kind, slot) {
                        return Some((Node::Entity(e), 0.5, j));
                    }
                }
                return fallback;
            }
            if lower_in(pronoun, OTHER_PRONOUNS) {
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
                        || with_lowercase(w, |l| self.triggers.is_title_word(l))
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
                    || with_lowercase(w, |l| self.triggers.is_title_word(l));
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
}
