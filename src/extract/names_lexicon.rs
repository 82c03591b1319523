//! The names section of the lexicon: gazetteer, demonyms, position titles and word lists.
//!
//! Everything comes from the ontology: gazetteer entries are the typed instances of
//! `ontology/lexicon.ttl` ([`Ontology::gazetteer`]), titles are the `nk:titleTrigger` annotations
//! (of `nk:Position`, and of `nk:spokespersonOf` for spokespeople), and word lists are the
//! `nkl:WordList` resources of the lexicon file. Lookups are hash maps built once.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::ExtractError;
use super::text;
use crate::ontology::Ontology;

const NKL: &str = "https://w3id.org/newskg/lexicon#";

/// Index of a gazetteer entry in [`NameLexicon::entries`].
pub type GazIndex = u32;

/// Word-list membership bits, as returned by [`NameLexicon::word_flags`].
pub mod word {
    /// Honorific or title word standing before a name ("Mr.", "Sheikh").
    pub const HONORIFIC: u32 = 1;
    /// Modifier before a title ("former", "deputy").
    pub const TITLE_MODIFIER: u32 = 1 << 1;
    /// Lowercase particle inside a personal name ("de", "bin").
    pub const PARTICLE: u32 = 1 << 2;
    /// Small word joining the words of an organisation or place name ("of", "and").
    pub const CONNECTOR: u32 = 1 << 3;
    /// Head word of organisation names ("Ministry").
    pub const ORG_HEAD: u32 = 1 << 4;
    /// Head word of place names ("Square").
    pub const PLACE_HEAD: u32 = 1 << 5;
    /// Word after a name that marks a person ("said").
    pub const PERSON_CUE: u32 = 1 << 6;
    /// Preposition that suggests a place ("in").
    pub const PLACE_PREP: u32 = 1 << 7;
    /// Weekday, month or similar ("Tuesday").
    pub const TEMPORAL: u32 = 1 << 8;
    /// Abbreviation that does not end a sentence ("Sen.").
    pub const ABBREVIATION: u32 = 1 << 9;
    /// Abbreviation that may end a sentence ("Inc.").
    pub const ABBREVIATION_END: u32 = 1 << 10;
    /// Capitalised word that is not a name ("Regardless").
    pub const NON_NAME: u32 = 1 << 11;
    /// Common given name ("John").
    pub const GIVEN_NAME: u32 = 1 << 12;
    /// Word before a name that marks a person ("spokesman").
    pub const PERSON_LEAD: u32 = 1 << 13;
    /// Head word of a named event, competition, award or work ("Cup", "Prize").
    pub const EVENT_HEAD: u32 = 1 << 14;
    /// Lowercase prefix that makes a hyphenated name a modifier ("pro-" in "pro-Russian").
    pub const COMPOUND_PREFIX: u32 = 1 << 15;
    /// Word after a hyphen that makes a name a modifier ("-based" in "London-based").
    pub const COMPOUND_SUFFIX: u32 = 1 << 16;
    /// Title that names a person with "of" and a place of nobility ("Duchess" in "Duchess of Cambridge").
    pub const TERRITORIAL_TITLE: u32 = 1 << 18;
    /// Word after a name that marks an organisation ("fighters" in "Hamas fighters").
    pub const ORG_CUE: u32 = 1 << 19;
    /// Common noun that describes an organisation ("company" in "the company said").
    pub const ORG_NOUN: u32 = 1 << 20;
    /// Common noun that describes a person ("actress" in "the actress said").
    pub const PERSON_NOUN: u32 = 1 << 21;
    /// Lowercase noun that ends an organisation's name ("party" in "the Labour party").
    pub const LOWERCASE_ORG_HEAD: u32 = 1 << 22;
    /// Given name or title that marks a man ("Daniel", "Mr.", "spokesman").
    pub const MASCULINE: u32 = 1 << 23;
    /// Given name or title that marks a woman ("Maria", "Mrs.", "spokeswoman").
    pub const FEMININE: u32 = 1 << 24;
    /// Head word that alone names an institution ("the Navy", "Parliament").
    pub const INSTITUTION: u32 = 1 << 25;
    /// First word of a place name ("San" in "San Bernardino", "St." in "St. Louis").
    pub const PLACE_PREFIX: u32 = 1 << 26;
    /// Not a list: set by the name finder on a hyphenated modifier
    /// ([`NameLexicon::is_modifier_compound`](super::NameLexicon::is_modifier_compound)).
    pub const MODIFIER_COMPOUND: u32 = 1 << 17;
    /// Not a list: the word (lowercase) starts a position title of the ontology, so that the
    /// title lookup is skipped for the other words.
    pub const TITLE_START: u32 = 1 << 27;
    /// Lowercase word after a hyphen that keeps a title a title ("-elect" in "President-elect").
    pub const TITLE_SUFFIX: u32 = 1 << 28;
    /// Word after a place name that makes it a team or university ("State" in "Ohio State").
    pub const PLACE_TEAM_SUFFIX: u32 = 1 << 29;
    /// Word between the two sides of a match ("versus", "beat").
    pub const MATCH_WORD: u32 = 1 << 30;
    /// Not a list: set by the name finder on capitalised words that name things, not people,
    /// organisations or places: an acronym the text defines by lowercase words ("type 2 diabetes
    /// (T2D)") and a code of letters and digits with lowercase letters ("Cover2Care").
    pub const THING_WORD: u32 = 1 << 31;
}

/// The word lists of the lexicon file and the flag each sets.
const WORD_LISTS: [(&str, u32); 29] = [
    ("placeTeamSuffixes", word::PLACE_TEAM_SUFFIX),
    ("matchWords", word::MATCH_WORD),
    ("titleSuffixes", word::TITLE_SUFFIX),
    ("placePrefixes", word::PLACE_PREFIX),
    ("institutions", word::INSTITUTION),
    ("masculineNames", word::MASCULINE),
    ("feminineNames", word::FEMININE),
    ("lowercaseOrgHeads", word::LOWERCASE_ORG_HEAD),
    ("organisationNouns", word::ORG_NOUN),
    ("personNouns", word::PERSON_NOUN),
    ("orgCues", word::ORG_CUE),
    ("territorialTitles", word::TERRITORIAL_TITLE),
    ("eventHeads", word::EVENT_HEAD),
    ("compoundPrefixes", word::COMPOUND_PREFIX),
    ("compoundSuffixes", word::COMPOUND_SUFFIX),
    ("honorifics", word::HONORIFIC),
    ("titleModifiers", word::TITLE_MODIFIER),
    ("nameParticles", word::PARTICLE),
    ("nameConnectors", word::CONNECTOR),
    ("orgHeads", word::ORG_HEAD),
    ("placeHeads", word::PLACE_HEAD),
    ("personCues", word::PERSON_CUE),
    ("personLeads", word::PERSON_LEAD),
    ("placePrepositions", word::PLACE_PREP),
    ("temporalWords", word::TEMPORAL),
    ("abbreviations", word::ABBREVIATION),
    ("sentenceEndingAbbreviations", word::ABBREVIATION_END),
    ("nonNameWords", word::NON_NAME),
    ("givenNames", word::GIVEN_NAME),
];

/// A small, fast, non-cryptographic hasher for the lexicon's string keys: FNV-style
/// multiply-xor over eight bytes at a time, with a final mix so that the low bits (the table
/// index) depend on every byte.
#[derive(Debug, Clone, Copy)]
pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Self(0xcbf2_9ce4_8422_2325)
    }
}

/// The FNV-1a 64-bit prime.
const FNV_PRIME: u64 = 0x0100_0000_01b3;

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        let h = (self.0 ^ (self.0 >> 32)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        h ^ (h >> 29)
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            h = (h ^ u64::from_le_bytes(word)).wrapping_mul(FNV_PRIME);
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            // The length keeps "ab" and "ab\0" apart.
            h = (h ^ tail(rest) ^ ((rest.len() as u64) << 59)).wrapping_mul(FNV_PRIME);
        }
        self.0 = h;
    }
    fn write_u8(&mut self, b: u8) {
        self.0 = (self.0 ^ u64::from(b)).wrapping_mul(FNV_PRIME);
    }
}

/// The 1 to 7 bytes of `rest` as one number, read without a call to `memcpy` (overlapping reads
/// of 4 bytes, or 3 single bytes; any function of the bytes serves a hash).
fn tail(rest: &[u8]) -> u64 {
    let n = rest.len();
    let read4 = |at: usize| {
        rest[at..at + 4]
            .iter()
            .rev()
            .fold(0u64, |acc, &b| (acc << 8) | u64::from(b))
    };
    if n >= 4 {
        read4(0) | (read4(n - 4) << 32)
    } else {
        u64::from(rest[0]) | (u64::from(rest[n / 2]) << 8) | (u64::from(rest[n - 1]) << 16)
    }
}

/// Hash map with the [`Fnv`] hasher.
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// Hash set with the [`Fnv`] hasher.
pub type FastSet<K> = std::collections::HashSet<K, BuildHasherDefault<Fnv>>;

/// A gazetteer entry: a named country, city, place or organisation.
#[derive(Debug, Clone)]
pub struct GazEntry {
    /// IRI of the lexicon entry.
    pub iri: String,
    /// Local name of its ontology class (`Country`, `City`, `Place`, `Organization`).
    pub kind: String,
    /// Canonical name.
    pub name: String,
    /// External identifiers (`owl:sameAs`), e.g. Wikidata IRIs.
    pub same_as: Vec<String>,
}

/// A position title found in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TitleMatch {
    /// Number of tokens of the title.
    pub len: usize,
    /// Index into [`NameLexicon::titles`].
    pub title: u32,
    /// Whether the title is a spokesperson's (`nk:spokespersonOf` trigger).
    pub spokesperson: bool,
}

/// One multi-token phrase keyed by its first token.
#[derive(Debug, Clone)]
struct Phrase<T> {
    rest: Box<[Box<str>]>,
    value: T,
}

/// Gazetteer, demonyms, titles and word lists, ready for lookups.
#[derive(Debug, Clone, Default)]
pub struct NameLexicon {
    /// Gazetteer entries.
    pub entries: Vec<GazEntry>,
    /// Canonical position titles as written in the ontology.
    pub titles: Vec<String>,
    names: FastMap<Box<str>, Vec<Phrase<GazIndex>>>,
    demonyms: FastMap<Box<str>, GazIndex>,
    title_phrases: FastMap<Box<str>, Vec<Phrase<(u32, bool)>>>,
    words: FastMap<Box<str>, u32>,
}

impl NameLexicon {
    /// Builds the lookups from the ontology's gazetteer, titles and word lists.
    pub fn from_ontology(ontology: &Ontology) -> Result<Self, ExtractError> {
        let mut lex = NameLexicon::default();
        // Word lists first: the abbreviations are needed to tokenise phrases like the text.
        let mut lists: HashMap<&str, Vec<&str>> = HashMap::new();
        let word_iri = format!("{NKL}word");
        for t in ontology.triples() {
            if t.predicate.as_str() != word_iri {
                continue;
            }
            let oxigraph::model::NamedOrBlankNode::NamedNode(s) = &t.subject else {
                continue;
            };
            let oxigraph::model::Term::Literal(l) = &t.object else {
                continue;
            };
            if let Some(name) = s.as_str().strip_prefix(NKL) {
                lists.entry(name).or_default().push(l.value());
            }
        }
        for (list, flag) in WORD_LISTS {
            for w in lists.get(list).map(Vec::as_slice).unwrap_or_default() {
                let key: Box<str> = w.to_lowercase().into();
                *lex.words.entry(key).or_default() |= flag;
            }
        }
        if lex.words.is_empty() {
            return Err(ExtractError::Ontology(
                "the lexicon has no nkl:WordList words".to_owned(),
            ));
        }
        for entry in ontology.gazetteer() {
            let index = lex.entries.len() as GazIndex;
            for name in std::iter::once(&entry.name).chain(&entry.aliases) {
                let tokens = lex.phrase_tokens(name);
                insert_phrase(&mut lex.names, tokens, index);
            }
            for d in &entry.demonyms {
                lex.demonyms.entry(d.as_str().into()).or_insert(index);
                // Plural demonyms name the people ("Syrians") and also point at the place.
                if !d.ends_with('s')
                    && !d.ends_with("ese")
                    && !d.ends_with("ish")
                    && !d.ends_with("ch")
                {
                    lex.demonyms.entry(format!("{d}s").into()).or_insert(index);
                }
            }
            lex.entries.push(GazEntry {
                iri: entry.iri,
                kind: entry.kind,
                name: entry.name,
                same_as: entry.same_as,
            });
        }
        let add_titles = |term: &str, spokesperson: bool, lex: &mut NameLexicon| {
            for t in ontology.annotations(term, "titleTrigger") {
                let index = match lex.titles.iter().position(|x| x == t) {
                    Some(i) => i as u32,
                    None => {
                        lex.titles.push(t.clone());
                        (lex.titles.len() - 1) as u32
                    }
                };
                let tokens: Vec<Box<str>> = lex
                    .phrase_tokens(t)
                    .into_iter()
                    .map(|w| w.to_lowercase().into_boxed_str())
                    .collect();
                // A title listed for both positions and spokespeople is a spokesperson's.
                insert_phrase_with(
                    &mut lex.title_phrases,
                    tokens,
                    (index, spokesperson),
                    |old, new| old.1 |= new.1,
                );
            }
        };
        add_titles("Position", false, &mut lex);
        add_titles("spokespersonOf", true, &mut lex);
        for first in lex.title_phrases.keys() {
            *lex.words.entry(first.clone()).or_default() |= word::TITLE_START;
        }
        Ok(lex)
    }

    /// Splits a phrase of the lexicon into tokens the way [`text::Document::parse`] splits text.
    fn phrase_tokens(&self, phrase: &str) -> Vec<Box<str>> {
        let mut tokens = Vec::new();
        text::tokenize(phrase, &|_| true, &mut tokens);
        tokens
            .iter()
            .map(|t| phrase[t.start..t.end].into())
            .collect()
    }

    /// The word-list bits of a word (compared in lowercase).
    pub fn word_flags(&self, word: &str) -> u32 {
        let flags = with_lowercase(word, |w| self.words.get(w).copied().unwrap_or(0));
        if flags == 0 && !word.is_ascii() && word.contains('’') {
            // The lists write the straight apostrophe: "I’m" is looked up as "I'm".
            return self.word_flags(&word.replace('’', "'"));
        }
        flags
    }

    /// Whether a hyphenated word uses a name as a modifier: a listed lowercase prefix before
    /// the hyphen ("pro-Russian", "mid-May") or a listed word after it ("London-based",
    /// "U.S.-led"). Such a word is not a mention of the name.
    pub fn is_modifier_compound(&self, word: &str) -> bool {
        let (Some((head, _)), Some((_, tail))) = (word.split_once('-'), word.rsplit_once('-'))
        else {
            return false;
        };
        let lower = |w: &str| w.chars().next().is_some_and(char::is_lowercase);
        (lower(head) && self.word_flags(head) & word::COMPOUND_PREFIX != 0)
            || (lower(tail) && self.word_flags(tail) & word::COMPOUND_SUFFIX != 0)
    }

    /// A title word with a listed suffix, without it: "President-elect" → "President"; any other
    /// word as it is.
    pub fn strip_title_suffix<'w>(&self, word: &'w str) -> &'w str {
        match word.rsplit_once('-') {
            Some((head, tail))
                if !head.is_empty()
                    && tail.starts_with(char::is_lowercase)
                    && self.word_flags(tail) & word::TITLE_SUFFIX != 0 =>
            {
                head
            }
            _ => word,
        }
    }

    /// Whether `word` (with its final period) is an abbreviation that keeps a sentence going.
    pub fn is_abbreviation(&self, word: &str) -> bool {
        self.word_flags(word) & word::ABBREVIATION != 0
    }

    /// The gazetteer entry a demonym points at ("Russian" → Russia).
    pub fn demonym(&self, word: &str) -> Option<GazIndex> {
        self.demonyms.get(word).copied()
    }

    /// The longest gazetteer name starting at `words[0]` (exact case): its length in tokens and entry.
    pub fn longest_name<'w>(
        &self,
        words: impl Fn(usize) -> Option<&'w str>,
    ) -> Option<(usize, GazIndex)> {
        let first = words(0)?;
        let candidates = self.names.get(first)?;
        longest(candidates, words, false)
    }

    /// The longest position title starting at `words[0]` (case-insensitive).
    pub fn longest_title<'w>(
        &self,
        words: impl Fn(usize) -> Option<&'w str>,
    ) -> Option<TitleMatch> {
        let first = words(0)?;
        let candidates = with_lowercase(first, |w| self.title_phrases.get(w))?;
        longest(candidates, words, true).map(|(len, (title, spokesperson))| TitleMatch {
            len,
            title,
            spokesperson,
        })
    }

    /// The gazetteer entry.
    pub fn entry(&self, index: GazIndex) -> Option<&GazEntry> {
        self.entries.get(index as usize)
    }
}

fn insert_phrase<T>(map: &mut FastMap<Box<str>, Vec<Phrase<T>>>, tokens: Vec<Box<str>>, value: T) {
    insert_phrase_with(map, tokens, value, |_, _| {});
}

/// Inserts a phrase; when it is already there, `merge` updates the existing value.
fn insert_phrase_with<T>(
    map: &mut FastMap<Box<str>, Vec<Phrase<T>>>,
    tokens: Vec<Box<str>>,
    value: T,
    merge: impl FnOnce(&mut T, T),
) {
    let mut it = tokens.into_iter();
    let Some(first) = it.next() else { return };
    let rest: Box<[Box<str>]> = it.collect();
    let list = map.entry(first).or_default();
    if let Some(p) = list.iter_mut().find(|p| p.rest == rest) {
        merge(&mut p.value, value);
        return;
    }
    list.push(Phrase { rest, value });
    list.sort_by_key(|p| std::cmp::Reverse(p.rest.len()));
}

/// The first (longest, since lists are sorted) phrase whose remaining tokens follow.
fn longest<'w, T: Copy>(
    candidates: &[Phrase<T>],
    words: impl Fn(usize) -> Option<&'w str>,
    ignore_case: bool,
) -> Option<(usize, T)> {
    'outer: for p in candidates {
        for (i, want) in p.rest.iter().enumerate() {
            let Some(have) = words(i + 1) else {
                continue 'outer;
            };
            let same = if ignore_case {
                have.eq_ignore_ascii_case(want)
                    || (!have.is_ascii() && have.to_lowercase() == **want)
            } else {
                have == &**want
            };
            if !same {
                continue 'outer;
            }
        }
        return Some((p.rest.len() + 1, p.value));
    }
    None
}

/// Calls `f` with the lowercase form of `word`, without allocating for short ASCII words.
pub fn with_lowercase<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let bytes = word.as_bytes();
    if !bytes.iter().any(u8::is_ascii_uppercase) && bytes.is_ascii() {
        return f(word);
    }
    if bytes.len() <= 48 && bytes.is_ascii() {
        let mut buf = [0u8; 48];
        for (d, s) in buf.iter_mut().zip(bytes) {
            *d = s.to_ascii_lowercase();
        }
        // ASCII lowercase of ASCII is valid UTF-8.
        return match std::str::from_utf8(&buf[..bytes.len()]) {
            Ok(s) => f(s),
            Err(_) => f(word),
        };
    }
    f(&word.to_lowercase())
}
