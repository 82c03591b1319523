//! The searches for the arguments of a trigger: the subject before a verb (through relative
//! pronouns, personal pronouns and participle clauses), the objects after it (with coordination),
//! and the word-class tests they rely on (verb-like words, words that may separate a subject from
//! its verb, names used as modifiers of a common noun).

use super::morphology::VerbForm;
use super::names_lexicon::with_lowercase;
use super::relations::Node;
use super::role_nouns::RoleNoun;
use super::scan::{
    AUXILIARIES, CATENATIVES, DETERMINERS, GROUP_PRONOUNS, OTHER_PRONOUNS, PERSONAL_PRONOUNS, Scan,
    TIME_WORDS, lower_in,
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
                    // coordinated verbs: "was abducted and killed"
                    || (lower_in(w, &["and", "or"]) && i > 0 && self.verb_like(i - 1))
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
        // "Japan swings his country": a word followed by a determiner is a verb, not a noun; so
        // is one followed by a clause opener ("Xi Jinping chat as they walk").
        let verb_before_determiner = lower_in(
            self.word(t + 1),
            &[
                "the", "a", "an", "his", "her", "its", "their", "our", "my", "your",
            ],
        ) || (self.is_opener(t + 1) && !self.is(t + 1, "that"));
        tok.kind == TokenKind::Word
            && !verb_before_determiner
            && w.chars().next().is_some_and(char::is_lowercase)
            && !lower_in(
                w,
                &["and", "or", "but", "who", "which", "that", "whose", "nor"],
            )
            && !lower_in(w, PREPOSITIONS)
            && !lower_in(w, TIME_WORDS)
            && !self.is_opener(t)
            && !w.ends_with("ly")
            && !self.verb_like(t)
    }

    /// Whether the name starting at token `start` is the object of a preposition: right after
    /// it, or after one adjective ("in northern Syria", "from war-torn Yemen").
    fn after_preposition(&self, floor: usize, start: usize) -> bool {
        if start <= floor {
            return false;
        }
        let prev = start - 1;
        if lower_in(self.word(prev), PREPOSITIONS) {
            return true;
        }
        let w = self.word(prev);
        prev > floor
            && self.doc.tokens[prev].kind == TokenKind::Word
            && w.chars().all(|c| c.is_lowercase() || c == '-')
            && !lower_in(w, AUXILIARIES)
            && !lower_in(w, &["and", "or", "but", "nor"])
            && !self.is_opener(prev)
            && !self.verb_like(prev)
            && lower_in(self.word(prev - 1), PREPOSITIONS)
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
                let after_preposition = self.after_preposition(floor, start);
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
                if mention.pronoun
                    && start > floor
                    && self.is_opener(start - 1)
                    && self.opens_sentence(floor, start - 1)
                {
                    // a pronoun pointing forward (see below)
                    return self.named_after_clause(start, slot).or(fallback);
                }
                if !mention.pronoun && !mention.demonym {
                    // "the U.S. President met ...": the holder of the role, if named
                    match self.role_after(m) {
                        RoleNoun::None => {}
                        RoleNoun::Holder(e, _) => {
                            return if self.triggers.fits(&self.entities.entities[e].kind, slot) {
                                Some((Node::Entity(e), 0.7, start))
                            } else {
                                fallback
                            };
                        }
                        RoleNoun::Unresolved(_) => return fallback,
                    }
                }
                if self.fits(m, slot) {
                    let confidence = if mention.pronoun { 0.7 } else { 0.9 };
                    return Some((Node::Entity(mention.entity), confidence, start));
                }
                j = start;
                continue;
            }
            let w = self.word(j);
            // a short parenthesis before the verb: "Staffan de Mistura (R) arrives"
            if w == ")" {
                if let Some(open) = (j.saturating_sub(4).max(floor)..j)
                    .rev()
                    .find(|&k| self.is(k, "("))
                {
                    j = open;
                    continue;
                }
            }
            if lower_in(w, &["who", "which", "that"]) {
                // past commas and an age in apposition: "Ana Ruiz, 16, who ..."
                let mut k = j;
                while k > floor
                    && j - k < 4
                    && (self.word(k - 1) == "," || self.doc.tokens[k - 1].kind == TokenKind::Number)
                {
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
                // "As she entered the meeting, Mogherini said ...": a pronoun in a clause that
                // opens the sentence may point forward; no antecedent is taken from before.
                if j > floor && self.is_opener(j - 1) && self.opens_sentence(floor, j - 1) {
                    return self.named_after_clause(j, slot).or(fallback);
                }
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
                    // ... and so do "ACLJ counsel" and "Chinese officials" (member nouns).
                    let stands_for = mention.demonym || self.member_of(m, j);
                    if stands_for && self.fits(m, slot) && mention.tokens.end + 2 > j {
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
                let after_preposition = self.after_preposition(floor, start);
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
        let mut limit = ceil.min(from + window);
        let mut k = from;
        let mut adjective = false;
        let mut including = false;
        while k < limit {
            if let Some(m) = self.mention(k) {
                let head = self.chain_head(m);
                let mention = &self.entities.mentions[head];
                // "Russia's President Vladimir Putin": the name after the possessor.
                if !agentive && self.possessive(head) && !mention.pronoun {
                    let mut next = mention.tokens.end;
                    if matches!(self.word(next), "’s" | "'s") {
                        next += 1;
                    }
                    if next > k {
                        k = next;
                        continue;
                    }
                }
                let modifier = mention.demonym || self.is_modifier(head) || self.possessive(head);
                // "a meeting with the U.S. President", "met Chinese officials", "a call with the
                // leader of Australia": the party is the role's holder, or nobody nameable (an
                // agent acts through them: "by Kenyan police" keeps Kenya).
                if !agentive && !mention.pronoun && !self.possessive(head) {
                    let start = mention.tokens.start;
                    if start >= from + 2 && self.is(start - 1, "of") {
                        let mut first = start - 1;
                        while first > from && self.is_title_word(first - 1) {
                            first -= 1;
                        }
                        if first < start - 1 {
                            let title = first..start - 1;
                            match self.holder(mention.entity, title, mention.sentence) {
                                Some(e)
                                    if self
                                        .triggers
                                        .fits(&self.entities.entities[e].kind, slot) =>
                                {
                                    out.push((Node::Entity(e), 0.75, mention.tokens.end));
                                }
                                _ => {}
                            }
                            return out;
                        }
                    }
                    match self.role_after(head) {
                        RoleNoun::None => {}
                        RoleNoun::Holder(e, end) => {
                            if self.triggers.fits(&self.entities.entities[e].kind, slot) {
                                out.push((Node::Entity(e), 0.75, end));
                            }
                            return out;
                        }
                        RoleNoun::Unresolved(_) => return out,
                    }
                }
                if self.fits(head, slot) && (agentive || !modifier) {
                    out.push((Node::Entity(mention.entity), 0.9, mention.tokens.end));
                    self.coordinated(head, ceil, slot, &mut out);
                    return out;
                }
                // "SICA leaders", "EU foreign ministers": the organisation or country they act
                // for (a demonym only as an agent: "met Chinese officials" names their
                // nationality, not whom they act for; see `role_after`).
                let end = mention.tokens.end;
                let member = [end, end + 1]
                    .into_iter()
                    .find(|&t| t < ceil && self.member_of(head, t));
                if let Some(t) = member {
                    if (agentive || !mention.demonym) && self.fits(head, slot) {
                        out.push((Node::Entity(mention.entity), 0.75, t + 1));
                    }
                    return out;
                }
                // "his Danish counterpart Kristian Jensen": a name in apposition after a modifier.
                if modifier
                    && !agentive
                    && !adjective
                    && self.adjective_before_name(mention.tokens.end)
                {
                    adjective = true;
                    k = mention.tokens.end + 1;
                    continue;
                }
                // "in the Iraqi city of Mosul": the place after a modified place noun and "of".
                let end = mention.tokens.end;
                if modifier
                    && *slot == Slot::Place
                    && !including
                    && self.is(end + 1, "of")
                    && self.word(end).chars().all(char::is_lowercase)
                    && !self.word(end).is_empty()
                {
                    including = true;
                    k = end + 2;
                    limit = ceil.min(k + window);
                    continue;
                }
                // "killed in a U.S. drone strike near Raqqa": the place of the event noun
                if modifier && *slot == Slot::Place && !including {
                    if let Some(next) = self.locative_after(end, ceil) {
                        including = true;
                        k = next;
                        limit = ceil.min(k + window);
                        continue;
                    }
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
            if self.is_opener(k) {
                break;
            }
            if !skippable {
                // "leaders from the Association of Southeast Asian Nations", "the Iraqi city of
                // Mosul"
                let lower = w.to_lowercase();
                let member = self.triggers.is_member_noun(&lower)
                    && (self.is(k + 1, "from") || self.is(k + 1, "of"));
                let place = *slot == Slot::Place
                    && self.is(k + 1, "of")
                    && w.chars().all(char::is_lowercase);
                if (member || place) && !including {
                    including = true;
                    k += 2;
                    limit = ceil.min(k + window);
                    continue;
                }
                // One adjective before a title or a name: "retired General James Mattis",
                // "congressional Democrats", "acting Prime Minister Mariano Rajoy".
                if !adjective && self.adjective_before_name(k) {
                    adjective = true;
                    k += 1;
                    continue;
                }
                // "died in a plane crash near Medellin": the place of the event noun
                if *slot == Slot::Place && !including {
                    if let Some(next) = self.locative_after(k, ceil) {
                        including = true;
                        k = next;
                        limit = ceil.min(k + window);
                        continue;
                    }
                }
                // "with party leaders, including House Speaker Paul Ryan"
                match self.including_after(k, ceil) {
                    Some(next) if !including => {
                        including = true;
                        k = next;
                        limit = ceil.min(next + window);
                        continue;
                    }
                    _ => break,
                }
            }
            k += 1;
        }
        out
    }

    /// The name after a possessor and its titles ("China's President Xi Jinping" → Xi Jinping), or
    /// `m` itself.
    pub fn past_possessor(&self, m: usize) -> usize {
        if !self.possessive(m) || self.entities.mentions[m].pronoun {
            return m;
        }
        let mut t = self.entities.mentions[m].tokens.end;
        if matches!(self.word(t), "’s" | "'s") {
            t += 1;
        }
        let stop = t + 4;
        while t < stop {
            if let Some(next) = self.mention(t) {
                return if next == m { m } else { self.chain_head(next) };
            }
            let w = self.word(t);
            if !(w.chars().next().is_some_and(char::is_uppercase)
                || self.triggers.is_title_word(&w.to_lowercase()))
            {
                break;
            }
            t += 1;
        }
        m
    }

    /// Whether token `t` is a member noun ("officials", "leaders") of the organisation or place of
    /// mention `m`, right after it or after one adjective ("EU foreign ministers").
    pub fn member_of(&self, m: usize, t: usize) -> bool {
        let mention = &self.entities.mentions[m];
        let flags = self.triggers.kind(self.kind(m));
        !mention.pronoun
            && !flags.person
            && (t == mention.tokens.end
                || (t == mention.tokens.end + 1
                    && self.word(t - 1).chars().all(|c| c.is_lowercase())))
            && self.triggers.is_member_noun(&self.word(t).to_lowercase())
    }

    /// Whether token `k` is a lowercase word followed by a title word or a name.
    pub(crate) fn adjective_before_name(&self, k: usize) -> bool {
        let w = self.word(k);
        self.doc
            .tokens
            .get(k)
            .is_some_and(|t| t.kind == TokenKind::Word)
            && w.chars().all(|c| c.is_lowercase() || c == '-')
            && !lower_in(w, PREPOSITIONS)
            && !lower_in(w, &["and", "or", "but", "nor", "what", "how", "why"])
            && !self.is_opener(k)
            && !self.is_speech(k)
            && ((self
                .triggers
                .is_title_word(&self.word(k + 1).to_lowercase())
                && !lower_in(self.word(k + 1), PREPOSITIONS))
                || self
                    .mention(k + 1)
                    .is_some_and(|m| !self.entities.mentions[m].pronoun))
    }

    /// The token after "including" when it follows the common noun phrase at token `k` within a
    /// few words ("party leaders, including ...").
    fn including_after(&self, k: usize, ceil: usize) -> Option<usize> {
        let end = ceil.min(k + 4);
        // cheap test first: most objects are not followed by "including"
        if !(k..end).any(|t| self.is(t, "including")) {
            return None;
        }
        (k..end)
            .take_while(|&t| {
                self.is(t, "including")
                    || self.is(t, ",")
                    || (self.doc.tokens[t].kind == TokenKind::Word
                        && self.mention(t).is_none()
                        && !self.is_opener(t)
                        && !lower_in(self.word(t), PREPOSITIONS)
                        && !self.verb_like(t))
            })
            .find(|&t| self.is(t, "including"))
            .map(|t| t + 1)
    }
}
