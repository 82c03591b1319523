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
//!   headline only words that the body also capitalises (or the gazetteer knows) count.

use std::collections::HashSet;
use std::ops::Range;

use super::names_lexicon::{GazIndex, NameLexicon, TitleMatch, word};
use super::text::{Document, TokenKind};

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

/// Per-document context for candidate finding.
pub struct Finder<'d, 'a> {
    doc: &'d Document<'a>,
    lex: &'d NameLexicon,
    /// Word-list flags of each token.
    pub flags: Vec<u32>,
    /// Lowercase words the document writes in lowercase somewhere.
    lower_words: HashSet<&'a str, std::hash::BuildHasherDefault<super::names_lexicon::Fnv>>,
    /// Capitalised words the body uses in the middle of sentences.
    mid_caps: HashSet<&'a str, std::hash::BuildHasherDefault<super::names_lexicon::Fnv>>,
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
    /// Prepares word flags and the document's lowercase and mid-sentence capitalised vocabularies.
    pub fn new(doc: &'d Document<'a>, lex: &'d NameLexicon) -> Self {
        let mut flags = vec![0u32; doc.tokens.len()];
        let mut lower_words = HashSet::default();
        let mut mid_caps = HashSet::default();
        for s in doc.sentences.iter() {
            for i in s.tokens.clone() {
                let t = &doc.tokens[i];
                if t.kind != TokenKind::Word {
                    continue;
                }
                let w = doc.token_text(i);
                flags[i] = lex.word_flags(w);
                if w.contains('-') && lex.is_modifier_compound(w) {
                    flags[i] |= word::MODIFIER_COMPOUND;
                }
                let first = w.chars().next();
                if first.is_some_and(char::is_lowercase) {
                    lower_words.insert(w);
                } else if !s.is_headline
                    && i > s.tokens.start
                    && first.is_some_and(char::is_uppercase)
                {
                    let prev = &doc.tokens[i - 1];
                    if prev.kind != TokenKind::OpenQuote && doc.token_text(i - 1) != ":" {
                        mid_caps.insert(w);
                    }
                }
            }
        }
        Finder {
            doc,
            lex,
            flags,
            lower_words,
            mid_caps,
        }
    }

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
                    && self.flags[i] & (word::TEMPORAL | word::MODIFIER_COMPOUND) == 0
                    && w != "’s"
                    && w != "'s"
            }
            None => false,
        }
    }

    /// Whether token `i` is a lowercase joiner ("de", "of") followed by a name word.
    fn is_joiner(&self, i: usize, end: usize) -> bool {
        let Some(w) = self.word(i, end) else {
            return self.doc.token_text(i) == "&" && self.is_name_word(i + 1, end);
        };
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
        for start in [j, i] {
            let m = self.lex.longest_title(|k| self.word(start + k, end));
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
        let mut pending_title: Option<TitleBefore> = None;
        let mut i = s.tokens.start;
        while i < end {
            if !self.is_name_word(i, end) {
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
            // A capitalised run.
            let mut k = i + 1;
            while k < end && (self.is_name_word(k, end) || self.is_joiner(k, end)) {
                k += 1;
            }
            self.split_run(si, i, k, &mut pending_title, out);
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

    /// Splits the capitalised run `[i, k)` into titles and candidates.
    fn split_run(
        &self,
        si: usize,
        i: usize,
        k: usize,
        pending: &mut Option<TitleBefore>,
        out: &mut Vec<Candidate>,
    ) {
        let doc = self.doc;
        let headline = doc.sentences[si].is_headline;
        let mut p = i;
        while p < k {
            // Joiners never start a name.
            if self.word(p, k).is_none_or(|w| !is_upper_initial(w)) {
                p += 1;
                continue;
            }
            let w = doc.token_text(p);
            let f = self.flags[p];
            // Gazetteer names (longest) first: "The Associated Press", "United States".
            let mut gaz = self.lex.longest_name(|j| {
                self.word(p + j, k)
                    .or_else(|| (p + j < k).then(|| doc.token_text(p + j)))
            });
            if gaz.is_none() && w.len() > 3 && is_all_caps(w) && !w.contains('.') {
                // "MOSCOW", "NEW YORK": capitals of datelines and shouted headlines.
                let cased: Vec<String> = (p..k.min(p + 4))
                    .map(|j| title_case(doc.token_text(j)))
                    .collect();
                gaz = self.lex.longest_name(|j| cased.get(j).map(String::as_str));
            }
            let initial = self.sentence_initial(si, p);
            if gaz.is_none()
                && f & word::NON_NAME != 0
                && (initial || k - p == 1 || f & word::HONORIFIC == 0)
            {
                // "The", "Regardless", a pronoun; mid-run only when the word cannot start a name:
                // it is no head word and no head word follows it in the run ("National Security
                // Council", "International Committee" start names).
                if initial
                    || k == p + 1
                    || (f & (word::ORG_HEAD | word::PLACE_HEAD) == 0
                        && !self.rest_is_one_name(p + 1, k))
                {
                    p += 1;
                    *pending = None;
                    continue;
                }
            }
            // A title inside the run: "President Vladimir Putin", "Foreign Minister Sergei Lavrov".
            if let Some((ts, m)) = self.title_at(p, k) {
                let after = ts + m.len;
                let is_gaz_longer = gaz.is_some_and(|(len, _)| len > after - p);
                if after < k && !is_gaz_longer && self.is_name_word(after, k) {
                    let of = self.adjacent_candidate(out, si, p);
                    *pending = Some(TitleBefore {
                        tokens: ts..after,
                        title: m,
                        of,
                    });
                    p = after;
                    continue;
                }
            }
            // An honorific: "Mr. Smith", "Sheikh Hasina".
            if f & word::HONORIFIC != 0 && p + 1 < k && gaz.is_none() {
                p += 1;
                if pending.is_none() {
                    *pending = Some(TitleBefore {
                        tokens: p - 1..p,
                        title: TitleMatch {
                            len: 0,
                            title: u32::MAX,
                            spokesperson: false,
                        },
                        of: None,
                    });
                }
                continue;
            }
            if let Some((len, entry)) = gaz {
                let q = p + len;
                // A longer name that merely starts with a listed one ("United Nations Economic
                // Commission for Africa", "Washington Post") stays whole.
                let particle_follows = len == 1
                    && q + 1 < k
                    && self.flags[q] & word::PARTICLE != 0
                    && self
                        .word(q, k)
                        .is_some_and(|x| x.chars().next().is_some_and(char::is_uppercase));
                if particle_follows {
                    // "Jordan De Goey": a listed word that starts a personal name.
                    let e = self.name_end(p, k);
                    self.push_general(si, p, e, pending, out);
                    p = e;
                    continue;
                }
                // The rest stops at a title or honorific before a name: "U.S. Navy | Rear Admiral
                // William Merz".
                let stop = self.next_title(q, k);
                if q < stop && self.title_at(q, k).is_none() && self.rest_is_one_name(q, stop) {
                    let e = self.name_end(q, stop);
                    self.push_general(si, p, e, pending, out);
                    p = e;
                    continue;
                }
                let kind = self
                    .lex
                    .entry(entry)
                    .map_or(Kind::Place, |e| Kind::from_class(&e.kind));
                let title = pending.take().filter(|_| kind == Kind::Person);
                out.push(Candidate {
                    sentence: si,
                    tokens: p..q,
                    kind,
                    strength: 5,
                    gaz: Some(entry),
                    demonym: false,
                    title,
                    acronym: is_all_caps(w),
                });
                p = q;
                continue;
            }
            // Two-word demonyms: "North Korean", "South African".
            if p + 1 < k && self.is_name_word(p + 1, k) {
                let two = format!("{w} {}", doc.token_text(p + 1));
                if let Some(entry) = self.lex.demonym(&two) {
                    let kind = self
                        .lex
                        .entry(entry)
                        .map_or(Kind::Place, |e| Kind::from_class(&e.kind));
                    *pending = None;
                    out.push(Candidate {
                        sentence: si,
                        tokens: p..p + 2,
                        kind,
                        strength: 4,
                        gaz: Some(entry),
                        demonym: true,
                        title: None,
                        acronym: false,
                    });
                    p += 2;
                    continue;
                }
            }
            if let Some(entry) = self.lex.demonym(w) {
                let stop = self.next_title(p + 1, k);
                if p + 1 < stop
                    && self.title_at(p + 1, k).is_none()
                    && self.rest_is_one_name(p + 1, stop)
                {
                    let e = self.name_end(p + 1, stop);
                    self.push_general(si, p, e, pending, out);
                    p = e;
                    continue;
                }
                let kind = self
                    .lex
                    .entry(entry)
                    .map_or(Kind::Place, |e| Kind::from_class(&e.kind));
                *pending = None;
                out.push(Candidate {
                    sentence: si,
                    tokens: p..p + 1,
                    kind,
                    strength: 4,
                    gaz: Some(entry),
                    demonym: true,
                    title: None,
                    acronym: false,
                });
                p += 1;
                continue;
            }
            // A general name: up to the next title or the end of the run.
            let q = self.name_end(p, self.next_title(p + 1, k));
            // A title or honorific with no name after it ("the Prime Minister", "the Duchess") is
            // not a name.
            let bare_title = self
                .lex
                .longest_title(|j| self.word(p + j, q))
                .is_some_and(|m| p + m.len == q)
                || (q == p + 1 && f & word::HONORIFIC != 0);
            // Not a person, organisation or place: a named event or work ("World Cup"), a lone
            // head word ("Post", "City"), or title-case text with capitalised function words
            // ("Look What You Made Me Do").
            let last = q - 1;
            let event = self.flags[last] & word::EVENT_HEAD != 0;
            let lone_head = q == p + 1 && f & (word::ORG_HEAD | word::PLACE_HEAD) != 0;
            let title_case_text = (p + 1..q).any(|j| {
                self.flags[j] & word::NON_NAME != 0 && self.word(j, q).is_some_and(is_upper_initial)
            });
            if bare_title || event || lone_head || title_case_text {
                *pending = None;
                p = q;
                continue;
            }
            if headline || initial {
                // Drop leading words that are ordinary words here.
                let mut a = p;
                while a < q && self.is_ordinary(a, headline) {
                    a += 1;
                }
                if a > p {
                    *pending = None;
                }
                if headline {
                    // Keep only stretches of words the body also capitalises.
                    let mut b = a;
                    while b < q {
                        if self.is_ordinary(b, true) {
                            b += 1;
                            continue;
                        }
                        let mut e = b + 1;
                        while e < q && !self.is_ordinary(e, true) {
                            e += 1;
                        }
                        let e = self.trim_joiners(b, e);
                        if e > b {
                            self.push_general(si, b, e, pending, out);
                        }
                        b = e.max(b + 1);
                    }
                    p = q;
                    continue;
                }
                if a < q {
                    let e = self.trim_joiners(a, q);
                    // A lone capitalised word at the start of a sentence is a name only with some
                    // evidence: the body capitalises it elsewhere, or a person cue follows.
                    let lone = e == a + 1 && {
                        let w = doc.token_text(a);
                        let s_end = doc.sentences[si].tokens.end;
                        let cue = e < s_end && self.flags[e] & word::PERSON_CUE != 0;
                        !self.mid_caps.contains(w)
                            && !cue
                            && self.flags[a] & word::GIVEN_NAME == 0
                            && !is_all_caps(w)
                    };
                    if e > a && !lone {
                        self.push_general(si, a, e, pending, out);
                    }
                }
                p = q;
                continue;
            }
            self.push_general(si, p, q, pending, out);
            p = q;
        }
        *pending = None;
    }

    /// Whether token `a` is an ordinary (non-name) word at the start of a sentence or in a headline.
    fn is_ordinary(&self, a: usize, headline: bool) -> bool {
        let Some(w) = self.word(a, usize::MAX) else {
            return true;
        };
        let f = self.flags[a];
        if !is_upper_initial(w) || f & (word::NON_NAME | word::TEMPORAL) != 0 {
            return true;
        }
        if self.lex.demonym(w).is_some() || f & word::GIVEN_NAME != 0 || is_all_caps(w) {
            return false;
        }
        if self.lex.longest_name(|j| (j == 0).then_some(w)).is_some() {
            return false;
        }
        if headline {
            return !self.mid_caps.contains(w);
        }
        let lower_elsewhere =
            super::names_lexicon::with_lowercase(w, |l| self.lower_words.contains(l));
        let inflected = ["ly", "ed", "ing"].iter().any(|s| w.ends_with(s)) && w.len() > 5;
        (lower_elsewhere && !self.mid_caps.contains(w)) || (inflected && !self.mid_caps.contains(w))
    }

    /// The first token in `[q, k)` where a title or an honorific before a name starts (`k` if none):
    /// "Radio DJ Casey Kasem", "Navy Rear Admiral William Merz".
    fn next_title(&self, mut q: usize, k: usize) -> usize {
        while q < k {
            if self.flags[q] & word::HONORIFIC != 0 && q + 1 < k && self.is_name_word(q + 1, k) {
                break;
            }
            if self.is_name_word(q, k) && self.title_at(q, k).is_some_and(|(ts, m)| ts + m.len < k)
            {
                break;
            }
            q += 1;
        }
        q
    }

    /// Whether `[q, k)` continues the name before it (an organisation or place head follows).
    fn rest_is_one_name(&self, q: usize, k: usize) -> bool {
        (q..k).any(|j| {
            self.flags[j] & (word::ORG_HEAD | word::PLACE_HEAD) != 0
                && self.word(j, k).is_some_and(is_upper_initial)
        })
    }

    /// The end of the name starting at `p` within `[p, q)`: connectors ("of", "and") join only when
    /// an organisation or place head stands in the name.
    fn name_end(&self, p: usize, q: usize) -> usize {
        let has_head = |a: usize, b: usize| {
            (a..b).any(|j| {
                self.flags[j] & (word::ORG_HEAD | word::PLACE_HEAD) != 0
                    && self.word(j, b).is_some_and(is_upper_initial)
            })
        };
        let mut j = p + 1;
        while j < q {
            let w = self.doc.token_text(j);
            let is_connector = !is_upper_initial(w)
                && self.flags[j] & word::CONNECTOR != 0
                && self.flags[j] & word::PARTICLE == 0
                || w == "&";
            if is_connector && !has_head(p, q) {
                return self.trim_joiners(p, j);
            }
            j += 1;
        }
        self.trim_joiners(p, q)
    }

    fn trim_joiners(&self, p: usize, mut e: usize) -> usize {
        while e > p + 1 && self.word(e - 1, e).is_none_or(|w| !is_upper_initial(w)) {
            e -= 1;
        }
        e
    }

    /// Types and records a general name candidate `[p, e)`.
    fn push_general(
        &self,
        si: usize,
        p: usize,
        e: usize,
        pending: &mut Option<TitleBefore>,
        out: &mut Vec<Candidate>,
    ) {
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
        let (kind, strength) = if any(word::ORG_HEAD) && !(title.is_some() && len <= 3 && !acronym)
        {
            (Kind::Organization, 3)
        } else if any(word::PLACE_HEAD) && title.is_none() {
            (Kind::Place, 3)
        } else if title.is_some() {
            (Kind::Person, 4)
        } else if acronym {
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

    /// The dateline sentence: the capitalised place and the source in brackets.
    fn dateline(&self, si: usize, out: &mut Vec<Candidate>) {
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

/// A brand-like word with an inner capital ("YouTube", "JustGiving"), not a name prefix ("McCain").
fn is_camel_case(w: &str) -> bool {
    let prefixes = [
        "Mc", "Mac", "De", "Di", "Da", "La", "Le", "Van", "Von", "Fitz", "O'", "D'",
    ];
    if prefixes.iter().any(|p| w.starts_with(p)) || w.contains('-') {
        return false;
    }
    let mut prev_lower = false;
    for c in w.chars() {
        if c.is_uppercase() && prev_lower {
            return true;
        }
        prev_lower = c.is_lowercase();
    }
    false
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
