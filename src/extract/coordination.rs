//! Coordinated names: the names listed after an object ("Putin and Foreign Minister Sergei
//! Lavrov") and before a subject ("Obama and Putin met", "Putin, Rouhani and Aliyev"), the noun
//! phrase that ends with a name (its titles, possessors and an apposition), and the subject named
//! after a sentence-opening participle clause.

use super::relations::Node;
use super::scan::{PARTY_GLUE, Scan, lower_in};
use super::text::TokenKind;
use super::triggers::{PREPOSITIONS, Slot};

impl Scan<'_, '_> {
    /// First token of the noun phrase that ends with mention `m`: its titles, modifying names,
    /// possessors, a determiner and one common noun in apposition ("U.S. Secretary of State John
    /// Kerry", "Jordan's King Abdullah II", "his Russian counterpart, Sergei Lavrov").
    pub fn phrase_start(&self, floor: usize, m: usize) -> usize {
        let mut k = self.entities.mentions[m].tokens.start;
        // bounded: a run of capitalised words must not make the walk quadratic
        let floor = floor.max(k.saturating_sub(16));
        let mut common = 0;
        while k > floor {
            let p = k - 1;
            if let Some(pm) = self.mention(p) {
                if self.entities.mentions[pm].pronoun {
                    break;
                }
                k = self.entities.mentions[pm].tokens.start.max(floor);
                continue;
            }
            let w = self.word(p);
            let capital = w.chars().next().is_some_and(char::is_uppercase);
            let ok = match self.doc.tokens[p].kind {
                TokenKind::Word => {
                    if capital
                        || matches!(w, "’s" | "'s")
                        || self.triggers.is_title_word(&w.to_lowercase())
                        || lower_in(w, &["his", "her", "its", "their", "the"])
                        || (w == "of" && p > floor && self.capitalised(p - 1))
                    {
                        true
                    } else if common == 0
                        && !self.verb_like(p)
                        && !lower_in(w, PREPOSITIONS)
                        && !lower_in(w, &["and", "or", "but"])
                        && !self.is_opener(p)
                        && !self.is_speech(p)
                    {
                        common += 1;
                        true
                    } else {
                        false
                    }
                }
                // A comma of apposition after a common noun: "his counterpart, Sergei Lavrov".
                TokenKind::Punct => {
                    w == ","
                        && common == 0
                        && p > floor
                        && self.mention(p - 1).is_none()
                        && self.word(p - 1).chars().all(|c| c.is_lowercase())
                }
                _ => false,
            };
            if !ok {
                break;
            }
            k = p;
        }
        k
    }

    /// Whether token `k` starts the sentence (after a caption's "FILE -").
    pub(crate) fn opens_sentence(&self, floor: usize, k: usize) -> bool {
        (floor..k).all(|t| {
            let w = self.word(t);
            w.chars().all(|c| c.is_uppercase()) || matches!(w, "-" | "—" | "–")
        })
    }

    pub(crate) fn capitalised(&self, i: usize) -> bool {
        self.word(i).chars().next().is_some_and(char::is_uppercase)
    }

    /// Whether the phrase ending with mention `m` may be the subject of its clause: what comes
    /// before it is the clause start, a comma, a dash or a speech verb — not a verb or a
    /// preposition, which would make it an object.
    pub(crate) fn opens_clause(&self, floor: usize, start: usize) -> bool {
        start <= floor || {
            let p = start - 1;
            self.is_boundary(p)
                || self.is_opener(p)
                || self.is_speech(p)
                || matches!(self.word(p), "," | "-" | "—" | "–")
        }
    }

    /// The names coordinated before the subject mention `m` ("Obama and Putin met", "Putin,
    /// Rouhani and Aliyev", "Donald Trump, right, and Jordan's King Abdullah II"), nearest first;
    /// empty unless the whole list opens its clause (in "Russia invaded Crimea and Putin met", Crimea
    /// is an object, not a second subject).
    pub fn coordinated_subjects(&self, floor: usize, m: usize, slot: &Slot) -> Vec<(Node, usize)> {
        let mut out = Vec::new();
        let mut start = self.phrase_start(floor, m);
        let mut joined = false;
        while out.len() < 6 && start > floor {
            let mut k = start - 1;
            let and = self.is(k, "and");
            if and {
                if joined {
                    break;
                }
                joined = true;
                // an Oxford comma, or a caption's ", right,"
                if k > floor && self.is(k - 1, ",") {
                    k -= 1;
                }
            } else if !self.is(k, ",") || !joined {
                // lists are read from their "and" backwards
                break;
            }
            if k >= floor + 3
                && self.is(k - 2, ",")
                && self.word(k - 1).chars().all(|c| c.is_lowercase())
                && self.mention(k - 3).is_some()
            {
                k -= 2;
            }
            let Some(left) = k.checked_sub(1).and_then(|p| self.mention(p)) else {
                break;
            };
            let mention = &self.entities.mentions[left];
            if mention.pronoun || mention.demonym || !self.fits(left, slot) {
                break;
            }
            out.push((Node::Entity(mention.entity), mention.tokens.start));
            start = self.phrase_start(floor, left);
        }
        if !joined || !self.opens_clause(floor, start) {
            out.clear();
        }
        out
    }

    /// The subject of a participle clause that opens the sentence ("After speaking by phone on
    /// Friday, Obama and Merkel called ..."): the names right after the clause's comma.
    pub fn subject_after(&self, from: usize, ceil: usize, slot: &Slot) -> Vec<(Node, f64, usize)> {
        let comma = (from..ceil.min(from + 12))
            .take_while(|&k| !self.is_boundary(k) && !self.is_speech(k))
            .find(|&k| self.is(k, ","));
        let Some(comma) = comma else {
            return Vec::new();
        };
        let found = self.objects(comma + 1, ceil, slot, false, 6);
        // the names must be followed by the verb of the main clause, not by more of a list
        match found.last() {
            Some(&(_, _, end)) if self.verb_like(end) || self.is(end, ",") => found
                .into_iter()
                .map(|(n, c, _)| (n, c.min(0.7), comma + 1))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The subject of the main clause named after the comma that ends a sentence-opening clause
    /// at token `from`, possibly after a description ("As she entered the meeting, the bloc's
    /// foreign affairs head Federica Mogherini said"): the antecedent of a pronoun that points
    /// forward. Confidence 0.6.
    pub fn named_after_clause(&self, from: usize, slot: &Slot) -> Option<(Node, f64, usize)> {
        let sentence = self.doc.sentence_of(from)?;
        let ceil = self.doc.sentences[sentence].tokens.end;
        let comma = (from..ceil.min(from + 12))
            .take_while(|&k| !self.is_boundary(k) && !self.is_speech(k))
            .find(|&k| self.is(k, ","))?;
        let mut k = comma + 1;
        while k < ceil.min(comma + 8) && self.mention(k).is_none() {
            let w = self.word(k);
            let ok = self.doc.tokens[k].kind == TokenKind::Word
                && (matches!(w, "’s" | "'s")
                    || self.triggers.is_title_word(&w.to_lowercase())
                    || (w.chars().all(char::is_lowercase)
                        && !lower_in(w, PREPOSITIONS)
                        && !self.is_opener(k)
                        && !self.verb_like(k)));
            if !ok {
                return None;
            }
            k += 1;
        }
        let m = self.chain_head(self.mention(k)?);
        let mention = &self.entities.mentions[m];
        let end = mention.tokens.end;
        (!mention.pronoun && self.fits(m, slot) && (self.verb_like(end) || self.is(end, ",")))
            .then_some((Node::Entity(mention.entity), 0.6, from))
    }

    pub(crate) fn coordinated(
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
            let mut adjective = false;
            while t < ceil && skipped < 5 && self.mention(t).is_none() {
                let w = self.word(t);
                let ok = lower_in(w, PARTY_GLUE)
                    || w.chars().next().is_some_and(char::is_uppercase)
                    || self.triggers.is_title_word(&w.to_lowercase())
                    || (!adjective && {
                        adjective = self.adjective_before_name(t);
                        adjective
                    });
                if !ok {
                    return;
                }
                t += 1;
                skipped += 1;
            }
            let Some(next) = self.mention(t).filter(|_| t < ceil) else {
                return;
            };
            let next = self.past_possessor(self.chain_head(next));
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
