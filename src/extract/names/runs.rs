//! Splitting a capitalised run into titles, gazetteer names, demonyms and other names, and
//! finding where each name ends (connectors, joiners, titles and honorifics inside the run).

use std::ops::Range;

use super::{
    Candidate, Finder, Kind, TitleBefore, caps, is_all_caps, is_upper_initial, title_case,
};
use crate::extract::names_lexicon::{GazIndex, TitleMatch, word};

impl<'d, 'a> Finder<'d, 'a> {
    /// Splits the capitalised run `[i, k)` into titles and candidates.
    pub(super) fn split_run(
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
            // The publisher of the page title, wherever the text names it: "The Globe and Mail".
            if let Some(n) = self.publisher_at(p, k) {
                *pending = None;
                out.push(Candidate::organization(si, p..p + n, 4));
                p += n;
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
            // "Trump-Putin", "Arab-Israeli", "Cuban-American": two names joined by a hyphen are a
            // modifier, not one name.
            if gaz.is_none() && self.is_name_compound(w) {
                *pending = None;
                p += 1;
                continue;
            }
            // A capitalised "The" inside a sentence starts a name: "a portrait of The Duchess of
            // Cambridge", "a column in The Globe and Mail". The name runs to the end of the run (or
            // the next title), connectors included.
            let the_end = (w == "The"
                && gaz.is_none()
                && !initial
                && p + 1 < k
                && self.is_name_word(p + 1, k)
                && self.lex.longest_name(|j| self.word(p + 1 + j, k)).is_none())
            .then(|| self.trim_joiners(p + 1, self.next_title(p + 1, k)))
            .filter(|&e| e > p + 1);
            if let Some(e) = the_end {
                if self.flags[p + 1] & word::TERRITORIAL_TITLE != 0 {
                    out.push(titled_person(si, p..e, pending));
                } else {
                    self.push_general(si, p, e, pending, out);
                }
                p = e;
                continue;
            }
            // A capitalised "A" inside a sentence starts the title of a work ("according to A
            // Current Affair", "the film A Quiet Place"): no person, organisation or place.
            if matches!(w, "A" | "An") && !initial && p + 1 < k && self.is_name_word(p + 1, k) {
                *pending = None;
                p = k;
                continue;
            }
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
            // A territorial title names a person: "Duchess of Cambridge", "Duke of Edinburgh".
            if f & word::TERRITORIAL_TITLE != 0
                && gaz.is_none()
                && self.word(p + 1, k) == Some("of")
                && self.is_name_word(p + 2, k)
            {
                let e = self.name_end(p + 2, self.next_title(p + 2, k));
                out.push(titled_person(si, p..e, pending));
                p = e;
                continue;
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
                // A listed name that starts the name of an event or work ("London Marathon",
                // "Paris Agreement") is no mention of its own.
                if q < k
                    && self.flags[k - 1] & word::EVENT_HEAD != 0
                    && (q..k).all(|j| self.is_name_word(j, k))
                {
                    *pending = None;
                    p = k;
                    continue;
                }
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
                let rest_end = self.headline_stretch_end(headline, q, k);
                if let Some(e) = self.push_longer_name(si, p, q, rest_end, pending, out) {
                    p = e;
                    continue;
                }
                let kind = self.entry_kind(entry);
                // A listed organisation followed by capitalised words names one of its products
                // or units: "Acme Cloud Drive", "Orbit News Films".
                if kind == Kind::Organization && !headline {
                    let e = self.product_end(q, k);
                    if e > q {
                        *pending = None;
                        out.push(Candidate {
                            sentence: si,
                            tokens: p..e,
                            kind,
                            strength: 3,
                            gaz: None,
                            demonym: false,
                            title: None,
                            acronym: false,
                        });
                        p = e;
                        continue;
                    }
                }
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
                    let kind = self.entry_kind(entry);
                    *pending = None;
                    out.push(demonym(si, p..p + 2, kind, entry));
                    p += 2;
                    continue;
                }
            }
            if let Some(entry) = self.lex.demonym(w) {
                // A longer name that starts with the demonym ("American Express") stays whole.
                let rest_end = self.headline_stretch_end(headline, p + 1, k);
                if let Some(e) = self.push_longer_name(si, p, p + 1, rest_end, pending, out) {
                    p = e;
                    continue;
                }
                let kind = self.entry_kind(entry);
                *pending = None;
                out.push(demonym(si, p..p + 1, kind, entry));
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
            // "World War II": a numeral after the head word.
            let last = if last > p && is_roman_numeral(doc.token_text(last)) {
                last - 1
            } else {
                last
            };
            let event = self.flags[last] & word::EVENT_HEAD != 0;
            let lone_head = q == p + 1
                && f & (word::ORG_HEAD | word::PLACE_HEAD) != 0
                && f & word::INSTITUTION == 0;
            let title_case_text = (p + 1..q).any(|j| {
                self.flags[j] & word::NON_NAME != 0
                    && self.flags[j] & (word::ORG_HEAD | word::PLACE_HEAD) == 0
                    && !self.surname_after_given_name(j)
                    && self.word(j, q).is_some_and(is_upper_initial)
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
                        // In a title-case line of the body (a menu, a byline, a list entry) a
                        // lone word cut out of a longer run is a topic label, not a name;
                        // acronyms aside.
                        let label = e == b + 1
                            && q > b + 1
                            && !self.is_main_headline(si)
                            && !is_all_caps(doc.token_text(b));
                        if e > b && !label {
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
                        // Before a lowercase noun and a name ("Civic artist Lena Berg") the word
                        // may be an adjective: only a name that ends with it elsewhere vouches
                        // for it.
                        let modifier = self
                            .word(e, s_end)
                            .is_some_and(|x| x.starts_with(char::is_lowercase))
                            && self.is_name_word(e + 1, s_end);
                        let vouched = if modifier {
                            self.capitalised_elsewhere(w, true)
                        } else {
                            self.capitalised_elsewhere(w, false)
                        };
                        !vouched && !cue && self.flags[a] & word::GIVEN_NAME == 0 && !is_all_caps(w)
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

    /// Whether `w` joins known names with hyphens ("Trump-Putin", "Arab-Israeli"): each part is a
    /// gazetteer name, a demonym or a word the body capitalises on its own.
    fn is_name_compound(&self, w: &str) -> bool {
        if !w.contains('-') {
            return false;
        }
        w.split('-').all(|part| {
            part.starts_with(char::is_uppercase)
                && (self.lex.demonym(part).is_some()
                    || self.has_caps(part, caps::MID)
                    || self
                        .lex
                        .longest_name(|j| (j == 0).then_some(part))
                        .is_some_and(|(len, _)| len == 1))
        })
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
        // "Ultra-conservative", "Anti-war": a hyphenated word with a lowercase tail.
        if w.rsplit_once('-')
            .is_some_and(|(_, tail)| tail.starts_with(char::is_lowercase))
        {
            return true;
        }
        if headline {
            return !self.has_caps(w, caps::MID);
        }
        // Written in lowercase elsewhere, also as plural or singular ("Voter" and "voters").
        let lower_elsewhere = self.written_in_lowercase(w);
        let inflected = ["ly", "ed", "ing"].iter().any(|s| w.ends_with(s)) && w.len() > 5;
        let mid = self.has_caps(w, caps::MID);
        (lower_elsewhere || inflected) && !mid
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
    pub(super) fn name_end(&self, p: usize, q: usize) -> usize {
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
            // "of"/"for" belong to a name whose head stands before them ("Department of State",
            // "Center for ..."), not to a person before an organisation ("Jane Roe of Amnesty
            // International").
            if matches!(w, "of" | "for") && !has_head(p, j) {
                return self.trim_joiners(p, j);
            }
            // Two names that each end in a head word: "Imperial Valley | and | Orange County";
            // a name and a lone head word: "Jennifer Roberts | and | Police"; a place name that
            // starts after "and": "San Verano | and | Fort Adler".
            if w == "and"
                && ((has_head(j + 1, q) && (has_head(j - 1, j) || j + 2 == q))
                    || (j + 2 < q && self.flags[j + 1] & word::PLACE_PREFIX != 0))
            {
                return self.trim_joiners(p, j);
            }
            j += 1;
        }
        self.trim_joiners(p, q)
    }

    /// The class of a gazetteer entry (a place when the entry is unknown).
    pub(super) fn entry_kind(&self, entry: GazIndex) -> Kind {
        self.lex
            .entry(entry)
            .map_or(Kind::Place, |e| Kind::from_class(&e.kind))
    }

    /// When the rest of the run from `q` (up to a title or honorific before a name) is one name
    /// that continues the name starting at `p`, pushes `p..` that name's end and returns the end.
    fn push_longer_name(
        &self,
        si: usize,
        p: usize,
        q: usize,
        k: usize,
        pending: &mut Option<TitleBefore>,
        out: &mut Vec<Candidate>,
    ) -> Option<usize> {
        let stop = self.next_title(q, k);
        if q < stop && self.title_at(q, k).is_none() && self.rest_is_one_name(q, stop) {
            let e = self.name_end(q, stop);
            self.push_general(si, p, e, pending, out);
            return Some(e);
        }
        None
    }

    /// The end of the capitalised words from `q` that continue a listed organisation's name as
    /// the name of a product or unit ("Prime Video" after a listed "Amazon"): one or two words,
    /// no given name, honorific, title, listed name or demonym among them, and no lowercase noun
    /// after them (`q` when none continues the name).
    fn product_end(&self, q: usize, k: usize) -> usize {
        let mut e = q;
        while e < k
            && e < q + 3
            && self.word(e, k).is_some_and(is_upper_initial)
            && self.flags[e] & (word::GIVEN_NAME | word::HONORIFIC | word::TEMPORAL) == 0
            && self.title_at(e, k).is_none()
            && self.lex.demonym(self.doc.token_text(e)).is_none()
            && self.lex.longest_name(|j| self.word(e + j, k)).is_none()
        {
            e += 1;
        }
        let noun_follows = self
            .word(e, usize::MAX)
            .is_some_and(|w| w.starts_with(char::is_lowercase) && !matches!(w, "and" | "or"));
        if e == q || e > q + 2 || e < k || noun_follows {
            return q;
        }
        e
    }

    /// Whether sentence `si` is the article's headline (not a title-case line of the body).
    fn is_main_headline(&self, si: usize) -> bool {
        let s = &self.doc.sentences[si];
        self.doc
            .headline
            .as_ref()
            .is_some_and(|h| h.start == s.start)
    }

    /// In a headline, where the capitalised words that may continue a name from `q` stop: at the
    /// first word the body does not capitalise ("Denver | Protests Over Police Shooting").
    /// Elsewhere `k`.
    fn headline_stretch_end(&self, headline: bool, q: usize, k: usize) -> usize {
        if !headline {
            return k;
        }
        let mut e = q;
        while e < k && (!self.is_ordinary(e, true) || self.is_joiner(e, k)) {
            e += 1;
        }
        e
    }

    fn trim_joiners(&self, p: usize, mut e: usize) -> usize {
        while e > p + 1 && self.word(e - 1, e).is_none_or(|w| !is_upper_initial(w)) {
            e -= 1;
        }
        e
    }
}

/// "II", "IV", "XX": a Roman numeral after a name ("World War II").
fn is_roman_numeral(w: &str) -> bool {
    !w.is_empty() && w.len() <= 5 && w.bytes().all(|b| matches!(b, b'I' | b'V' | b'X'))
}

/// A person named with a territorial title ("Duchess of Cambridge"), taking the pending title.
fn titled_person(si: usize, tokens: Range<usize>, pending: &mut Option<TitleBefore>) -> Candidate {
    Candidate {
        sentence: si,
        tokens,
        kind: Kind::Person,
        strength: 4,
        gaz: None,
        demonym: false,
        title: pending.take(),
        acronym: false,
    }
}

/// A demonym ("Syrian", "North Korean") of the gazetteer entry `entry`.
fn demonym(si: usize, tokens: Range<usize>, kind: Kind, entry: GazIndex) -> Candidate {
    Candidate {
        sentence: si,
        tokens,
        kind,
        strength: 4,
        gaz: Some(entry),
        demonym: true,
        title: None,
        acronym: false,
    }
}
