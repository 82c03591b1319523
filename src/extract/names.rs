//! Finding name candidates in sentences: capitalised runs split into titles, demonyms,
//! gazetteer names and other names, each with a first guess at its type.
//!
//! Rules (all driven by the lexicon's word lists, gazetteer and the ontology's titles):
//! - a run is a sequence of capitalised words, joined by name particles ("de", "bin") and by
//!   connectors ("of", "and") when an organisation or place head word makes them part of a name;
//! - a position title ("Secretary of State", "spokesman", case-insensitive, with modifiers such as
//!   "former") followed by a name is recorded as the title of that name and not included in it;
//! - gazetteer names (longest match) and demonyms ("Russian") are cut out of runs where a title or
//!   another name follows them ("Russian President Vladimir Putin");
//! - sentence-initial words from the non-name list, or that the document also writes in lowercase,
//!   are dropped ("Regardless", "Obviously"); weekdays and months are never names; in a title-case
//!   headline only words that the body also capitalises (or the gazetteer knows) count;
//! - a name used as a modifier in a hyphenated word ("pro-Russian", "mid-May", "London-based",
//!   "U.S.-led") is no name word: the lexicon lists the prefixes and suffixes;
//! - an honorific or title before a name ends the name before it ("Royal Navy | Commander Ellen
//!   Marsh"); a title of nobility with "of" and a place is one person ("Duchess of Cambridge");
//! - inside a sentence a capitalised "The" starts a name ("The Globe and Mail") and a capitalised
//!   "A" the title of a work; "of"/"for" join a name only after its head word ("Department of
//!   State", not "Jane Roe | of | Amnesty International"); two headed names split at "and";
//!   known names joined by hyphens ("Trump-Putin") are a modifier; a lowercase "party" after a
//!   name joins it; a listed place that starts an event name ("London Marathon") is no mention;
//! - types come from head words (the last one before "of"/"for"), place prefixes ("San", "Fort",
//!   "North"), a role or "fighters" after the name (an organisation), people listed together;
//! - not names of people, organisations or places: a name after an indefinite article that ends
//!   its phrase ("a Girl Scout"), capitalised words after a prefixed name ("ex-Girl Scout"), a
//!   run before a lowercase event word ("the Golden Harp awards"), a name with a trademark sign,
//!   a price or a year in brackets, codes of letters and digits ("Cover2Care"), acronyms the text
//!   defines by lowercase words ("type 2 diabetes (T2D)"), quoted titles with a possessive, lone
//!   words of title-case lines and captions (menus, bylines); a listed organisation followed by
//!   one or two capitalised words names a product or unit ("Amazon Prime Video");
//! - page structure: a row of share buttons names only its sites, the publisher after a page
//!   title's dash is one organisation wherever the text repeats it, places in brackets after a
//!   name qualify an organisation ("Rape Crisis (England and Wales)").
//!
//! The work is split by responsibility: this file holds the types, the word tests and the
//! sentence scan; `vocabulary` gathers what the document does with each word (flags, lowercase
//! and capitalised uses); `runs` splits a capitalised run into names; `typing` types general
//! names and reads the dateline; `marked` finds names marked by the page or the sentence around
//! them; `teams` types places named for sports teams.

use std::collections::HashSet;
use std::ops::Range;

use super::names_lexicon::{GazIndex, NameLexicon, TitleMatch, word};
use super::text::{Document, TokenKind};

mod marked;
mod runs;
mod teams;
mod typing;
mod vocabulary;

pub use teams::teams;

use vocabulary::caps;

/// Coarse type of a candidate, before coreference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// Not known yet.
    Unknown,
    /// A person.
    Person,
    /// An organisation.
    Organization,
    /// A place other than a country or city.
    Place,
    /// A city.
    City,
    /// A country.
    Country,
}

impl Kind {
    /// The ontology class local name.
    pub fn class(self) -> &'static str {
        match self {
            Kind::Person => "Person",
            Kind::Organization => "Organization",
            Kind::Place | Kind::Unknown => "Place",
            Kind::City => "City",
            Kind::Country => "Country",
        }
    }

    /// From an ontology class local name of the gazetteer.
    pub fn from_class(class: &str) -> Kind {
        match class {
            "Person" => Kind::Person,
            "Organization" => Kind::Organization,
            "City" => Kind::City,
            "Country" => Kind::Country,
            _ => Kind::Place,
        }
    }

    /// Whether it is a place of any kind.
    pub fn is_place(self) -> bool {
        matches!(self, Kind::Place | Kind::City | Kind::Country)
    }
}

/// How sure the type guess is: a stronger guess wins when mentions are merged.
pub type Strength = u8;

/// A title found before a name.
#[derive(Debug, Clone)]
pub struct TitleBefore {
    /// Tokens of the title (modifiers excluded).
    pub tokens: Range<usize>,
    /// The matched title.
    pub title: TitleMatch,
    /// Index of the candidate just before the title that names the organisation or place
    /// ("U.S.", "Russian", "Department of State"), if any.
    pub of: Option<usize>,
}

/// A name candidate.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Sentence index.
    pub sentence: usize,
    /// Tokens of the name.
    pub tokens: Range<usize>,
    /// Type guess.
    pub kind: Kind,
    /// Strength of the type guess (0 none … 5 gazetteer).
    pub strength: Strength,
    /// Gazetteer entry, when the name (or demonym) is listed.
    pub gaz: Option<GazIndex>,
    /// Whether it is a demonym ("Russian"), pointing at `gaz`.
    pub demonym: bool,
    /// The title standing before it, for people.
    pub title: Option<TitleBefore>,
    /// Whether it is an all-capitals acronym ("ECOWAS", "U.N.").
    pub acronym: bool,
}

impl Candidate {
    /// An organisation's name that no gazetteer lists, guessed with `strength`.
    fn organization(sentence: usize, tokens: Range<usize>, strength: Strength) -> Self {
        Self {
            sentence,
            tokens,
            kind: Kind::Organization,
            strength,
            gaz: None,
            demonym: false,
            title: None,
            acronym: false,
        }
    }
}

/// Per-document context for candidate finding.
pub struct Finder<'d, 'a> {
    doc: &'d Document<'a>,
    lex: &'d NameLexicon,
    /// Word-list flags of each token.
    pub flags: Vec<u32>,
    /// Lowercase words the document writes in lowercase somewhere.
    lower_words: HashSet<&'a str, std::hash::BuildHasherDefault<super::names_lexicon::Fnv>>,
    /// Capitalised words with [`caps`] bits: where the document uses them.
    caps: super::names_lexicon::FastMap<&'a str, u8>,
    /// Tokens of the publisher named at the end of a page title ("... - The Globe and Mail").
    publisher: Option<Range<usize>>,
    /// Tokens of quoted titles of works with a possessive ("'Oslo's Best Bakers'").
    work_titles: Vec<Range<usize>>,
}

fn is_upper_initial(w: &str) -> bool {
    let mut chars = w.chars();
    match chars.next() {
        Some(c) if c.is_uppercase() => true,
        Some(c) if c.is_lowercase() => {
            // "al-Assad", "el-Sissi", "bin-Laden": a lowercase particle glued by a hyphen.
            if let Some(rest) = w.split_once('-') {
                rest.0.len() <= 3 && rest.1.chars().next().is_some_and(char::is_uppercase)
            } else {
                false
            }
        }
        _ => false,
    }
}

fn is_all_caps(w: &str) -> bool {
    let mut letters = 0;
    for c in w.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            letters += 1;
        }
    }
    letters >= 2
}

impl<'d, 'a> Finder<'d, 'a> {
    fn word(&self, i: usize, end: usize) -> Option<&'a str> {
        if i < end && self.doc.tokens[i].kind == TokenKind::Word {
            Some(self.doc.token_text(i))
        } else {
            None
        }
    }

    /// Whether token `i` can be part of a name.
    fn is_name_word(&self, i: usize, end: usize) -> bool {
        match self.word(i, end) {
            Some(w) => {
                is_upper_initial(w)
                    && self.flags[i] & (word::MODIFIER_COMPOUND | word::THING_WORD) == 0
                    && (self.flags[i] & word::TEMPORAL == 0 || self.surname_after_given_name(i))
                    && w != "’s"
                    && w != "'s"
            }
            None => false,
        }
    }

    /// Whether token `i` (a month or weekday: "May") follows a given name ("Theresa May").
    fn surname_after_given_name(&self, i: usize) -> bool {
        i > 0
            && self.flags[i - 1] & word::GIVEN_NAME != 0
            && self.doc.tokens[i - 1].kind == TokenKind::Word
            && is_upper_initial(self.doc.token_text(i - 1))
    }

    /// Whether token `i` is a lowercase joiner ("de", "of") followed by a name word.
    fn is_joiner(&self, i: usize, end: usize) -> bool {
        let Some(w) = self.word(i, end) else {
            return self.doc.token_text(i) == "&" && self.is_name_word(i + 1, end);
        };
        if matches!(w, "'s" | "’s") {
            // "People's Protection Units", "People's Liberation Army": a possessive after a
            // common word opens the name; after a name ("Russia's Defense Ministry") it does not.
            return i > 0
                && self.flags[i - 1] & word::NON_NAME != 0
                && is_upper_initial(self.doc.token_text(i - 1))
                && self.is_name_word(i + 1, end);
        }
        w.chars().next().is_some_and(char::is_lowercase)
            && self.flags[i] & (word::CONNECTOR | word::PARTICLE) != 0
            && self.is_name_word(i + 1, end)
    }

    /// A title (optionally after modifiers) starting at `i`: (first title token, match).
    fn title_at(&self, i: usize, end: usize) -> Option<(usize, TitleMatch)> {
        let mut j = i;
        while j < end && self.flags[j] & word::TITLE_MODIFIER != 0 && j - i < 3 {
            j += 1;
        }
        // Only a word that starts some title is looked up (the flag is set from the titles).
        let starts = [j, i];
        let starts = if j == i { &starts[..1] } else { &starts[..] };
        for &start in starts {
            if start >= end || self.flags[start] & word::TITLE_START == 0 {
                continue;
            }
            let m = self.lex.longest_title(|k| {
                self.word(start + k, end)
                    .map(|w| self.lex.strip_title_suffix(w))
            });
            if let Some(m) = m {
                if start + m.len < end {
                    return Some((start, m));
                }
            }
        }
        None
    }

    /// Finds the candidates of sentence `si`.
    pub fn sentence(&self, si: usize, out: &mut Vec<Candidate>) {
        let doc = self.doc;
        let s = &doc.sentences[si];
        let end = s.tokens.end;
        if s.is_dateline {
            self.dateline(si, out);
            return;
        }
        if self.share_row(si, out) {
            return;
        }
        let mut pending_title: Option<TitleBefore> = None;
        let mut i = s.tokens.start;
        while i < end {
            if !self.is_name_word(i, end) {
                if self.flags[i] & word::MODIFIER_COMPOUND != 0 {
                    // "an ex-Girl Scout", "anti-Islamic State": the capitalised words after a
                    // prefixed name belong to the modifier, up to a listed name or a title.
                    let tail = doc.token_text(i).rsplit('-').next().unwrap_or("");
                    if is_upper_initial(tail) {
                        let mut j = i + 1;
                        while self.is_name_word(j, end)
                            && self.lex.demonym(doc.token_text(j)).is_none()
                            && self.lex.longest_name(|x| self.word(j + x, end)).is_none()
                            && self.title_at(j, end).is_none()
                            && self.flags[j] & word::HONORIFIC == 0
                        {
                            j += 1;
                        }
                        pending_title = None;
                        i = j;
                        continue;
                    }
                }
                // A lowercase title before a name: "spokesman John Kirby".
                if self.word(i, end).is_some() {
                    if let Some((ts, m)) = self.title_at(i, end) {
                        let after = ts + m.len;
                        if self.is_name_word(after, end) {
                            let of = self.adjacent_candidate(out, si, i);
                            pending_title = Some(TitleBefore {
                                tokens: ts..after,
                                title: m,
                                of,
                            });
                            i = after;
                            continue;
                        }
                    }
                }
                pending_title = None;
                i += 1;
                continue;
            }
            if !self.work_titles.is_empty() {
                if let Some(n) = self.work_title_at(i, end) {
                    pending_title = None;
                    i += n;
                    continue;
                }
            }
            // A capitalised run.
            let mut k = i + 1;
            while k < end
                && (self.is_name_word(k, end) || self.is_joiner(k, end))
                && (self.work_titles.is_empty() || self.work_title_at(k, end).is_none())
            {
                k += 1;
            }
            // "at 10 p.m. Eastern": a lone word after a clock time is a time zone.
            if k == i + 1
                && i > s.tokens.start
                && self.flags[i - 1] & word::TEMPORAL != 0
                && self
                    .word(i - 1, end)
                    .is_some_and(|w| w.starts_with(char::is_lowercase))
            {
                pending_title = None;
                i = k;
                continue;
            }
            // "the Man and Woman of the Year awards": a run before a lowercase head word of an
            // event, award or work names that event, award or work.
            if k < end
                && k > i + 1
                && self.flags[k] & word::EVENT_HEAD != 0
                && self
                    .word(k, end)
                    .is_some_and(|w| w.starts_with(char::is_lowercase))
                && (i..k).all(|j| self.lex.longest_name(|x| self.word(j + x, k)).is_none())
            {
                pending_title = None;
                i = k;
                continue;
            }
            // "RapidArc™", "Cover Plus®": a trademark sign marks a product's name.
            if k < end
                && matches!(doc.token_text(k), "™" | "®")
                && doc.tokens[k].start == doc.tokens[k - 1].end
            {
                pending_title = None;
                i = k;
                continue;
            }
            // "Harper's Bazaar": a word the text only writes with a possessive, and the
            // capitalised words after it, name one organisation (a magazine, a shop).
            if let Some(e) = self.possessive_name_end(i, k, end) {
                pending_title = None;
                out.push(Candidate::organization(si, i..e, 2));
                i = e;
                continue;
            }
            // "Rape Crisis (England and Wales)": places in brackets after a name qualify an
            // organisation's name.
            if let Some(close) = self.place_qualifier(i, k, end) {
                pending_title = None;
                out.push(Candidate::organization(si, i..close + 1, 4));
                i = close + 1;
                continue;
            }
            let before = out.len();
            self.split_run(si, i, k, &mut pending_title, out);
            // A price or a year in brackets after the name marks a product or a work: "Night
            // Shade (£12, shop.example)", "Pale Horizon (1957)"; so does the product named
            // before "in" ("Luxe Gloss in Night Shade (£12)").
            if self.product_or_work_follows(k, end) {
                out.truncate(before);
                if i >= 2 && self.word(i - 1, end) == Some("in") {
                    if let Some(c) = out
                        .last()
                        .filter(|c| c.sentence == si && c.tokens.end == i - 1)
                    {
                        if c.gaz.is_none() && c.title.is_none() && !c.demonym {
                            out.pop();
                        }
                    }
                }
                pending_title = None;
                i = k;
                continue;
            }
            // "the opposition Labour party": a lowercase head noun after a name is part of it.
            if k < end
                && self.flags[k] & word::LOWERCASE_ORG_HEAD != 0
                && self
                    .word(k, end)
                    .is_some_and(|w| w.starts_with(char::is_lowercase))
            {
                if let Some(c) = out[before..].last_mut().filter(|c| {
                    c.tokens.end == k
                        && !c.demonym
                        && (c.kind == Kind::Organization || (c.gaz.is_none() && !c.kind.is_place()))
                        && c.kind != Kind::Person
                }) {
                    c.tokens.end = k + 1;
                    c.kind = Kind::Organization;
                    c.strength = 3;
                }
            }
            i = k;
        }
    }

    /// The candidate ending right before token `i` in sentence `si`, if any.
    fn adjacent_candidate(&self, out: &[Candidate], si: usize, i: usize) -> Option<usize> {
        let last = out.len().checked_sub(1)?;
        let c = &out[last];
        (c.sentence == si && c.tokens.end == i && c.kind != Kind::Person).then_some(last)
    }

    fn sentence_initial(&self, si: usize, i: usize) -> bool {
        let s = &self.doc.sentences[si];
        if s.is_headline || i == s.tokens.start {
            return true;
        }
        let prev = &self.doc.tokens[i - 1];
        prev.kind == TokenKind::OpenQuote
            || matches!(
                self.doc.token_text(i - 1),
                ":" | "—" | "–" | "(" | "-" | "--" | "•"
            )
    }
}

/// A brand-like word with an inner capital ("YouTube", "JustGiving") or a lowercase tail after
/// capitals ("CNNgo"), not a name prefix ("McCain").
fn is_camel_case(w: &str) -> bool {
    let prefixes = [
        "Mc", "Mac", "De", "Di", "Da", "La", "Le", "Van", "Von", "Fitz", "O'", "D'",
    ];
    if prefixes.iter().any(|p| w.starts_with(p)) || w.contains('-') {
        return false;
    }
    let mut prev_lower = false;
    let mut leading_caps = 0;
    let mut lower_after_caps = 0;
    for c in w.chars() {
        if c.is_uppercase() && prev_lower {
            return true;
        }
        if c.is_uppercase() && lower_after_caps == 0 {
            leading_caps += 1;
        } else if c.is_lowercase() {
            lower_after_caps += 1;
        }
        prev_lower = c.is_lowercase();
    }
    // "CNNgo", "ABCnews": capitals then at least two lowercase letters ("NGOs" is a plural).
    leading_caps >= 2 && lower_after_caps >= 2
}

/// "WASHINGTON" → "Washington"; "U.S." stays.
pub fn title_case(w: &str) -> String {
    if w.contains('.') || w.len() <= 2 {
        return w.to_owned();
    }
    let mut out = String::with_capacity(w.len());
    let mut start = true;
    for c in w.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphabetic();
    }
    out
}

#[cfg(test)]
mod tests;
