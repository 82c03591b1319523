//! In-document coreference: name candidates → entities.
//!
//! - every mention of a gazetteer entry (any alias or demonym) is that entry's entity;
//! - a person's later (or earlier) surname or first name alone ("Kerry") joins the person with the
//!   full name ("John Kerry"); when several share it, the one introduced first (news copy calls
//!   the principal by surname and names relatives or namesakes in full);
//! - an acronym ("UN", "U.N.", "ECOWAS") joins the organisation whose initials it spells, or the
//!   name it follows in brackets;
//! - the same words twice are the same entity;
//! - "he"/"she" join a person only when the antecedent is unambiguous: the one person named earlier
//!   in the sentence, or else in the nearest earlier sentence that mentions anyone (a pronoun chain
//!   carries it on), never a person an earlier pronoun of the other gender stood for; marked
//!   `pronoun` (see [`pronouns`]).
//!
//! The entity's type is the strongest guess of its mentions.

use std::collections::HashMap;
use std::ops::Range;

use super::entities::{EntityInfo, Mention};
use super::names::{Candidate, Kind};
use super::names_lexicon::{NameLexicon, word};
use super::text::{Document, TokenKind};

/// The entity of each candidate (index into the returned entity list), and the entities.
pub struct Clusters {
    /// Entity index of each candidate.
    pub of_candidate: Vec<usize>,
    /// Entities with their merged type.
    pub entities: Vec<Cluster>,
}

/// An entity under construction.
#[derive(Debug, Clone)]
pub struct Cluster {
    /// Merged type.
    pub kind: Kind,
    /// Strength of the type.
    pub strength: u8,
    /// Gazetteer entry.
    pub gaz: Option<u32>,
    /// Candidates, in text order.
    pub candidates: Vec<usize>,
}

/// The words of a candidate as one key: a leading "The" left out ("The Globe and Mail" is "Globe
/// and Mail"), a particle glued to a name in lowercase ("El-Sissi" is "el-Sissi").
fn key(doc: &Document<'_>, c: &Candidate) -> String {
    let mut k = String::new();
    let mut tokens = c.tokens.clone();
    if tokens.len() > 1 && doc.token_text(tokens.start) == "The" {
        tokens.start += 1;
    }
    for j in tokens {
        if !k.is_empty() {
            k.push(' ');
        }
        let w = doc.token_text(j);
        match w.split_once('-') {
            Some((head, tail))
                if head.len() <= 3
                    && head.chars().next().is_some_and(char::is_uppercase)
                    && tail.chars().next().is_some_and(char::is_uppercase)
                    && head.chars().skip(1).all(char::is_lowercase) =>
            {
                k.push_str(&head.to_lowercase());
                k.push('-');
                k.push_str(tail);
            }
            _ => k.push_str(w),
        }
    }
    k
}

/// Letters of an acronym ("U.N." → "UN").
fn acronym_letters(w: &str) -> String {
    w.chars().filter(|c| c.is_alphabetic()).collect()
}

/// Initials of a multi-word name, skipping lowercase words ("United Nations" → "UN").
fn initials(doc: &Document<'_>, c: &Candidate) -> String {
    c.tokens
        .clone()
        .filter_map(|j| {
            let w = doc.token_text(j);
            w.chars().next().filter(|ch| ch.is_uppercase())
        })
        .collect()
}

/// Groups candidates into entities.
pub fn cluster(doc: &Document<'_>, cands: &[Candidate], lex: &NameLexicon) -> Clusters {
    let mut entities: Vec<Cluster> = Vec::new();
    let mut of_candidate = vec![usize::MAX; cands.len()];
    let mut by_gaz: HashMap<u32, usize> = HashMap::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let keys: Vec<String> = cands.iter().map(|c| key(doc, c)).collect();

    // Pass 1: gazetteer entries and multi-word names.
    for (ci, c) in cands.iter().enumerate() {
        let e = if let Some(g) = c.gaz {
            *by_gaz.entry(g).or_insert_with(|| {
                entities.push(Cluster {
                    kind: c.kind,
                    strength: c.strength,
                    gaz: Some(g),
                    candidates: Vec::new(),
                });
                entities.len() - 1
            })
        } else if c.tokens.len() >= 2 {
            *by_key.entry(keys[ci].clone()).or_insert_with(|| {
                entities.push(Cluster {
                    kind: c.kind,
                    strength: c.strength,
                    gaz: None,
                    candidates: Vec::new(),
                });
                entities.len() - 1
            })
        } else {
            continue;
        };
        of_candidate[ci] = e;
    }
    // Surnames and first names of multi-word person names: word → entities (in first-mention order).
    let mut name_parts: HashMap<&str, Vec<(usize, usize)>> = HashMap::new(); // word → (entity, first token)
    for (ci, c) in cands.iter().enumerate() {
        let e = of_candidate[ci];
        if e == usize::MAX
            || c.gaz.is_some()
            || c.tokens.len() < 2
            || !matches!(c.kind, Kind::Person | Kind::Unknown)
        {
            continue;
        }
        let first = doc.token_text(c.tokens.start);
        let last = doc.token_text(c.tokens.end - 1);
        for part in [last, first] {
            let list = name_parts.entry(part).or_default();
            if !list.iter().any(|&(x, _)| x == e) {
                list.push((e, c.tokens.start));
            }
        }
        // "al-Assad" is also "Assad".
        if let Some((_, tail)) = last.split_once('-').filter(|(h, _)| h.len() <= 3) {
            name_parts
                .entry(tail)
                .or_default()
                .push((e, c.tokens.start));
        }
    }
    // Initials of multi-word names that are not people: "UN" → United Nations.
    let mut by_initials: HashMap<String, usize> = HashMap::new();
    for (ci, c) in cands.iter().enumerate() {
        let e = of_candidate[ci];
        if e != usize::MAX && c.tokens.len() >= 2 && entities[e].kind != Kind::Person {
            by_initials.entry(initials(doc, c)).or_insert(e);
        }
    }
    // Pass 2: single words.
    for (ci, c) in cands.iter().enumerate() {
        if of_candidate[ci] != usize::MAX {
            continue;
        }
        let w = keys[ci].as_str();
        let start = c.tokens.start;
        let mut found = None;
        if c.kind == Kind::Person || c.kind == Kind::Unknown {
            if let Some(list) = name_parts.get(w) {
                // The bearer introduced first ("Donald Trump ... his son Eric Trump ... Trump"
                // is Donald Trump: news copy names the principal by surname and relatives in
                // full); otherwise the first full name after.
                found = list
                    .iter()
                    .find(|&&(_, t)| t < start)
                    .or(list.first())
                    .map(|&(e, _)| e);
            }
        }
        if found.is_none() && c.acronym {
            let letters = acronym_letters(w);
            // Bracketed right after a name: "Economic Community of West African States (ECOWAS)".
            if start >= 2 && doc.token_text(start - 1) == "(" && ci > 0 {
                let prev = &cands[ci - 1];
                if prev.tokens.end + 1 == start
                    && of_candidate[ci - 1] != usize::MAX
                    && prev.tokens.len() >= 2
                {
                    found = Some(of_candidate[ci - 1]);
                }
            }
            if found.is_none() && letters.len() >= 2 {
                found = by_initials.get(&letters).copied();
            }
        }
        if found.is_none() {
            found = by_key.get(w).copied();
        }
        let e = found.unwrap_or_else(|| {
            entities.push(Cluster {
                kind: c.kind,
                strength: c.strength,
                gaz: None,
                candidates: Vec::new(),
            });
            let e = entities.len() - 1;
            by_key.insert(w.to_owned(), e);
            e
        });
        of_candidate[ci] = e;
    }
    // Merge types: the strongest guess wins.
    for (ci, c) in cands.iter().enumerate() {
        let e = &mut entities[of_candidate[ci]];
        e.candidates.push(ci);
        if c.gaz.is_some() && !c.demonym {
            e.kind = c.kind;
            e.strength = 9;
        } else if c.strength > e.strength && c.kind != Kind::Unknown {
            e.kind = c.kind;
            e.strength = c.strength;
        } else if e.kind == Kind::Unknown && c.kind != Kind::Unknown {
            e.kind = c.kind;
        }
    }
    let _ = lex;
    // Still unknown: a single capitalised word with no evidence of a person (people are named in
    // full first, or with a title or a speech verb) or of a place (gazetteer, preposition): most
    // often an organisation, a brand or a team.
    for e in &mut entities {
        if e.kind == Kind::Unknown {
            e.kind = Kind::Organization;
        }
    }
    Clusters {
        of_candidate,
        entities,
    }
}

/// Gender of a personal pronoun: 1 for "he", 2 for "she", 0 when not one of them.
fn pronoun_gender(w: &str) -> u8 {
    match w {
        "he" | "He" => 1,
        "she" | "She" => 2,
        _ => 0,
    }
}

/// The mention of `entity` by the words `tokens` of sentence `si` that refer back to it (a
/// pronoun or a description), flagged `pronoun`.
fn reference(doc: &Document<'_>, entity: usize, si: usize, tokens: Range<usize>) -> Mention {
    Mention {
        entity,
        sentence: si,
        start: doc.tokens[tokens.start].start,
        end: doc.tokens[tokens.end - 1].end,
        tokens,
        pronoun: true,
        demonym: false,
    }
}

/// The entities named in each sentence (by a name, not a pronoun or description) by the mentions
/// `keep` accepts, in text order: (first token, entity).
fn named_per_sentence(
    doc: &Document<'_>,
    mentions: &[Mention],
    keep: impl Fn(&Mention) -> bool,
) -> Vec<Vec<(usize, usize)>> {
    let mut per_sentence: Vec<Vec<(usize, usize)>> = vec![Vec::new(); doc.sentences.len()];
    for m in mentions.iter().filter(|m| !m.pronoun && keep(m)) {
        if let Some(v) = per_sentence.get_mut(m.sentence) {
            v.push((m.tokens.start, m.entity));
        }
    }
    for v in &mut per_sentence {
        v.sort_unstable();
    }
    per_sentence
}

/// The antecedent, when exactly one entity of `candidates` remains once repeats and those `fits`
/// rejects are left out (`candidates` is left sorted and filtered).
fn the_only(candidates: &mut Vec<usize>, fits: impl Fn(usize) -> bool) -> Option<usize> {
    candidates.sort_unstable();
    candidates.dedup();
    candidates.retain(|&e| fits(e));
    match candidates[..] {
        [e] => Some(e),
        _ => None,
    }
}

/// How many sentences back a pronoun may look for its antecedent when the sentences in between
/// name nobody.
const PRONOUN_LOOKBACK: usize = 3;

/// Resolves "he"/"she" to a person only when the antecedent is unambiguous:
/// - the people named earlier in the same sentence, if any; otherwise
/// - the people of the nearest earlier sentence (at most three back) that mentions
///   someone, counting pronouns resolved there ("Smith resigned. He said … He left." — both "He"
///   are Smith); a sentence with a pronoun left unresolved stops the search;
/// - exactly one person must remain after leaving out those of the other gender: known from a
///   given name or title ("Maria Lopez", "Mr. Reyes") or from an earlier pronoun ("she" is never
///   someone an earlier "he" stood for).
///
/// A pronoun never creates an entity: it becomes a mention (flagged `pronoun`) of a person
/// already named.
pub fn pronouns(
    doc: &Document<'_>,
    entities: &[EntityInfo],
    mentions: &[Mention],
    flags: &[u32],
) -> Vec<Mention> {
    let mut out = Vec::new();
    // People named per sentence; resolved pronouns are added as they are found.
    let mut per_sentence =
        named_per_sentence(doc, mentions, |m| entities[m.entity].kind == "Person");
    // Sentences where a pronoun stayed unresolved: the context is unclear past them.
    let mut unclear = vec![false; doc.sentences.len()];
    // The gender of each person (0 not known): from a given name or title of the lexicon's
    // `masculineNames`/`feminineNames` ("Maria Lopez", "Mr. Reyes"), or the pronoun that referred
    // to them. Contradicting evidence leaves it unknown.
    let mut gender = vec![0u8; entities.len()];
    let mut contradicted = vec![false; entities.len()];
    for m in mentions {
        if m.pronoun || entities[m.entity].kind != "Person" {
            continue;
        }
        let mut f = 0;
        if m.tokens.len() > 1 {
            f |= flags.get(m.tokens.start).copied().unwrap_or(0);
        }
        let s = &doc.sentences[m.sentence];
        if m.tokens.start > s.tokens.start {
            f |= flags.get(m.tokens.start - 1).copied().unwrap_or(0);
        }
        let g = match (f & word::MASCULINE != 0, f & word::FEMININE != 0) {
            (true, false) => 1,
            (false, true) => 2,
            _ => continue,
        };
        if gender[m.entity] != 0 && gender[m.entity] != g {
            contradicted[m.entity] = true;
        }
        gender[m.entity] = g;
    }
    for (g, c) in gender.iter_mut().zip(&contradicted) {
        if *c {
            *g = 0;
        }
    }
    let mut candidates: Vec<usize> = Vec::new();
    for (si, s) in doc.sentences.iter().enumerate() {
        for t in s.tokens.clone() {
            if doc.tokens[t].kind != TokenKind::Word {
                continue;
            }
            let g = pronoun_gender(doc.token_text(t));
            if g == 0 {
                continue;
            }
            candidates.clear();
            candidates.extend(
                per_sentence[si]
                    .iter()
                    .filter(|&&(start, _)| start < t)
                    .map(|&(_, e)| e),
            );
            if candidates.is_empty() && !unclear[si] {
                for back in 1..=PRONOUN_LOOKBACK.min(si) {
                    let prev = si - back;
                    if !per_sentence[prev].is_empty() {
                        candidates.extend(per_sentence[prev].iter().map(|&(_, e)| e));
                        break;
                    }
                    if unclear[prev] {
                        break;
                    }
                }
            }
            if let Some(e) = the_only(&mut candidates, |e| gender[e] == 0 || gender[e] == g) {
                gender[e] = g;
                per_sentence[si].push((t, e));
                out.push(reference(doc, e, si, t..t + 1));
            } else {
                unclear[si] = true;
            }
        }
    }
    out
}

/// How many sentences back a description ("the company") may look for what it describes.
const DESCRIPTION_LOOKBACK: usize = 2;

/// Resolves a definite description to the organisation or person it describes: "the company",
/// "the group" (a noun of the lexicon's `organisationNouns`) or "the actress", "the singer"
/// (`personNouns`), when exactly one entity of that kind is named earlier in the sentence, or
/// else in the nearest of the two sentences before that names one. The description becomes a
/// mention (flagged like a pronoun) of that entity, never a new entity; one followed by a name
/// ("the group Hamas") is left to the name.
pub fn descriptions(
    doc: &Document<'_>,
    entities: &[EntityInfo],
    mentions: &[Mention],
    flags: &[u32],
) -> Vec<Mention> {
    // Organisations and people named per sentence (not by a demonym).
    let per_sentence = named_per_sentence(doc, mentions, |m| {
        !m.demonym && matches!(entities[m.entity].kind.as_str(), "Person" | "Organization")
    });
    let is_person = |e: usize| entities[e].kind == "Person";
    let mut out = Vec::new();
    let mut candidates: Vec<usize> = Vec::new();
    for (si, s) in doc.sentences.iter().enumerate() {
        let end = s.tokens.end;
        for t in s.tokens.start..end.saturating_sub(1) {
            if !matches!(doc.token_text(t), "the" | "The") {
                continue;
            }
            let noun = t + 1;
            let f = flags.get(noun).copied().unwrap_or(0);
            if f & (word::ORG_NOUN | word::PERSON_NOUN) == 0
                || !doc.token_text(noun).starts_with(|c: char| c.is_lowercase())
            {
                continue;
            }
            // "the group Hamas": the name itself is the mention.
            if noun + 1 < end
                && doc.tokens[noun + 1].kind == TokenKind::Word
                && doc.token_text(noun + 1).starts_with(char::is_uppercase)
            {
                continue;
            }
            let person = f & word::PERSON_NOUN != 0;
            candidates.clear();
            candidates.extend(
                per_sentence[si]
                    .iter()
                    .filter(|&&(start, e)| start < t && is_person(e) == person)
                    .map(|&(_, e)| e),
            );
            if candidates.is_empty() {
                for back in 1..=DESCRIPTION_LOOKBACK.min(si) {
                    candidates.extend(
                        per_sentence[si - back]
                            .iter()
                            .map(|&(_, e)| e)
                            .filter(|&e| is_person(e) == person),
                    );
                    if !candidates.is_empty() {
                        break;
                    }
                }
            }
            if let Some(e) = the_only(&mut candidates, |_| true) {
                out.push(reference(doc, e, si, t..noun + 1));
            }
        }
    }
    out
}
