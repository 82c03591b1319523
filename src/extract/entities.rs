//! Named entities, titles and positions, and in-document coreference.
//!
//! [`recognize`] runs three steps: [`names`](super::names) finds name candidates sentence by
//! sentence (with titles before names and demonyms), [`coref`](super::coref) groups them into
//! entities and resolves unambiguous "he"/"she", and the titles become positions
//! ("U.S. Secretary of State John Kerry" → John Kerry holds the position "Secretary of State" of
//! the United States). [`Entities::write_to`] writes them into the facts document.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::Lexicon;
use super::coref;
use super::names::{Candidate, Finder, Kind, TitleBefore};
use super::names_lexicon::NameLexicon;
use super::text::Document;
use crate::facts::{Entity, Evidence, Fact, FactsDocument, Link, Modality, Span};

/// The entities of one document and their mentions.
#[derive(Debug, Default)]
pub struct Entities {
    /// Distinct entities (after coreference), in order of first mention. Positions (kind
    /// `Position`) come after the named entities.
    pub entities: Vec<EntityInfo>,
    /// Every mention, in text order (pronoun mentions included, flagged).
    pub mentions: Vec<Mention>,
    /// Positions held, found from titles before names.
    pub positions: Vec<PositionInfo>,
}

/// One entity of the document.
#[derive(Debug, Clone)]
pub struct EntityInfo {
    /// Local name of its ontology class (`Person`, `Organization`, `Country`, `City`, `Place`...).
    pub kind: String,
    /// Canonical full name.
    pub name: String,
    /// Other names used in the document.
    pub aliases: Vec<String>,
    /// Indices into [`Entities::mentions`].
    pub mentions: Vec<usize>,
    /// External identifiers from the lexicon (`owl:sameAs`, e.g. Wikidata IRIs).
    pub same_as: Vec<String>,
}

/// One mention of an entity.
#[derive(Debug, Clone)]
pub struct Mention {
    /// Index into [`Entities::entities`].
    pub entity: usize,
    /// Index of the sentence.
    pub sentence: usize,
    /// Its tokens.
    pub tokens: Range<usize>,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Whether the mention is a pronoun ("he") or a description ("the company") resolved to the
    /// entity, not a name.
    pub pronoun: bool,
    /// Whether the mention is a demonym ("Russian") pointing at the entity (a place).
    pub demonym: bool,
}

/// A position held by a person, from a title before the name.
#[derive(Debug, Clone)]
pub struct PositionInfo {
    /// The person (index into [`Entities::entities`]).
    pub person: usize,
    /// The position entity (kind `Position`).
    pub position: usize,
    /// The title as listed in the ontology ("Secretary of State").
    pub title: String,
    /// The organisation or place the position belongs to.
    pub of: Option<usize>,
    /// Whether the title is a spokesperson's (then `spokespersonOf` the organisation).
    pub spokesperson: bool,
    /// Sentence index.
    pub sentence: usize,
    /// Byte range from the organisation (or title) to the end of the name.
    pub span: Range<usize>,
}

/// Finds the entities of a document.
pub fn recognize(doc: &Document<'_>, lexicon: &Lexicon) -> Entities {
    let lex = &lexicon.names;
    let finder = Finder::new(doc, lex);
    let mut cands: Vec<Candidate> = Vec::new();
    for si in 0..doc.sentences.len() {
        finder.sentence(si, &mut cands);
    }
    drop_common_phrases(doc, &finder, &mut cands);
    appositions(doc, lex, &mut cands);
    coordination(doc, &mut cands);
    super::names::teams(doc, lex, &finder.flags, &mut cands);
    let clusters = coref::cluster(doc, &cands, lex);
    let mut out = Entities::default();
    // Entities in order of first mention (clusters are already in that order).
    for cl in &clusters.entities {
        let gaz = cl.gaz.and_then(|g| lex.entry(g));
        let kind = match (gaz, cl.kind) {
            (Some(e), _) => Kind::from_class(&e.kind),
            (None, k) => k,
        };
        let mut names: Vec<(usize, String)> = Vec::new();
        for &ci in &cl.candidates {
            let c = &cands[ci];
            if c.demonym {
                continue;
            }
            let text = normalize_space(
                doc.slice(doc.tokens[c.tokens.start].start..doc.tokens[c.tokens.end - 1].end),
            );
            if !names.iter().any(|(_, n)| *n == text) {
                names.push((c.tokens.len(), text));
            }
        }
        let name = match gaz {
            Some(e) => e.name.clone(),
            None => names
                .iter()
                .max_by(|a, b| {
                    a.0.cmp(&b.0)
                        .then(a.1.len().cmp(&b.1.len()))
                        .then(b.1.cmp(&a.1))
                })
                .map(|(_, n)| n.clone())
                .unwrap_or_default(),
        };
        let name = strip_article(&name);
        let aliases = names
            .into_iter()
            .map(|(_, n)| n)
            .filter(|n| *n != name)
            .collect();
        out.entities.push(EntityInfo {
            kind: kind.class().to_owned(),
            name,
            aliases,
            mentions: Vec::new(),
            same_as: gaz.map(|e| e.same_as.clone()).unwrap_or_default(),
        });
    }
    for (ci, c) in cands.iter().enumerate() {
        // A courtesy title abbreviated without a period right before the name, in British style
        // ("Mr Reyes", "Dr Lind": the honorifics list it also with a period), is part of the
        // mention, not of the name. "Mr. Reyes" and other titles stay out of the mention.
        let first = match &c.title {
            Some(t)
                if t.title.len == 0
                    && t.tokens.len() == 1
                    && t.tokens.end == c.tokens.start
                    && british_courtesy_title(lex, doc.token_text(t.tokens.start)) =>
            {
                t.tokens.start
            }
            _ => c.tokens.start,
        };
        out.mentions.push(Mention {
            entity: clusters.of_candidate[ci],
            sentence: c.sentence,
            tokens: first..c.tokens.end,
            start: doc.tokens[first].start,
            end: doc.tokens[c.tokens.end - 1].end,
            pronoun: false,
            demonym: c.demonym,
        });
    }
    let pronouns = coref::pronouns(doc, &out.entities, &out.mentions, &finder.flags);
    let descriptions = coref::descriptions(doc, &out.entities, &out.mentions, &finder.flags);
    out.mentions.extend(pronouns);
    out.mentions.extend(descriptions);
    out.mentions.sort_by_key(|m| (m.start, m.end));
    // Positions from titles.
    let mut position_ids: HashMap<String, usize> = HashMap::new();
    let mut held: HashSet<(usize, usize)> = HashSet::new();
    let mut position_mentions: Vec<(usize, usize, Range<usize>)> = Vec::new();
    for (ci, c) in cands.iter().enumerate() {
        let Some(t) = &c.title else { continue };
        let Some(title) = lex.titles.get(t.title.title as usize) else {
            continue;
        };
        let person = clusters.of_candidate[ci];
        if out.entities[person].kind != "Person" {
            continue;
        }
        let of =
            t.of.map(|oi| clusters.of_candidate[oi])
                .filter(|&e| out.entities[e].kind != "Person");
        let name = match of {
            Some(o) => format!("{title} of {}", out.entities[o].name),
            None => title.clone(),
        };
        let position = *position_ids.entry(name.clone()).or_insert_with(|| {
            out.entities.push(EntityInfo {
                kind: "Position".to_owned(),
                name,
                aliases: Vec::new(),
                mentions: Vec::new(),
                same_as: Vec::new(),
            });
            out.entities.len() - 1
        });
        let of_start = t.of.map_or(usize::MAX, |oi| cands[oi].tokens.start);
        let of_end = t.of.map_or(0, |oi| cands[oi].tokens.end);
        let from = t.tokens.start.min(of_start).min(c.tokens.start);
        let to = t.tokens.end.max(of_end).max(c.tokens.end);
        position_mentions.push((position, c.sentence, t.tokens.clone()));
        let p = PositionInfo {
            person,
            position,
            title: title.clone(),
            of,
            spokesperson: t.title.spokesperson,
            sentence: c.sentence,
            span: doc.tokens[from].start..doc.tokens[to - 1].end,
        };
        if held.insert((p.person, p.position)) {
            out.positions.push(p);
        }
    }
    for (position, sentence, tokens) in position_mentions {
        out.mentions.push(Mention {
            entity: position,
            sentence,
            start: doc.tokens[tokens.start].start,
            end: doc.tokens[tokens.end - 1].end,
            tokens,
            pronoun: false,
            demonym: false,
        });
    }
    out.mentions.sort_by_key(|m| (m.start, m.end));
    for (mi, m) in out.mentions.iter().enumerate() {
        out.entities[m.entity].mentions.push(mi);
    }
    out
}

/// Whether `w` is an honorific abbreviation written without its period ("Mr", "Dr"): the
/// honorifics list holds it both with and without one.
fn british_courtesy_title(lex: &NameLexicon, w: &str) -> bool {
    use super::names_lexicon::word;
    if w.ends_with('.') || w.len() > 4 {
        return false;
    }
    let mut dotted = [0u8; 5];
    dotted[..w.len()].copy_from_slice(w.as_bytes());
    dotted[w.len()] = b'.';
    std::str::from_utf8(&dotted[..=w.len()]).is_ok_and(|d| lex.word_flags(d) & word::HONORIFIC != 0)
}

/// Drops capitalised common words and phrases taken for names: a name with no evidence of its
/// kind (no gazetteer entry, title, cue or head word) whose last word the document also writes in
/// lowercase ("Charter Schools", "Top Dentists", "an officially recognised Test"), unless the same
/// words stand elsewhere with evidence or a single word is part of a longer name ("Cook" of "Erik
/// Cook"). Personal names are rarely common words of the same article.
fn drop_common_phrases(doc: &Document<'_>, finder: &Finder<'_, '_>, cands: &mut Vec<Candidate>) {
    let text = |c: &Candidate| {
        doc.slice(doc.tokens[c.tokens.start].start..doc.tokens[c.tokens.end - 1].end)
    };
    let weak = |c: &Candidate| {
        c.gaz.is_none()
            && c.title.is_none()
            && !c.demonym
            && !c.acronym
            && c.strength == 0
            && matches!(c.kind, Kind::Unknown | Kind::Person)
    };
    let suspect =
        |c: &Candidate| weak(c) && finder.written_in_lowercase(doc.token_text(c.tokens.end - 1));
    if !cands.iter().any(suspect) {
        return;
    }
    // Words that vouch for a name: the text of a name with evidence, and the first and last
    // words of longer names.
    let mut vouched: HashSet<&str> = HashSet::new();
    for c in cands.iter() {
        if !weak(c) {
            vouched.insert(text(c));
        }
        if c.tokens.len() > 1 {
            vouched.insert(doc.token_text(c.tokens.start));
            vouched.insert(doc.token_text(c.tokens.end - 1));
        }
    }
    let drop: Vec<bool> = cands
        .iter()
        .map(|c| suspect(c) && !vouched.contains(text(c)))
        .collect();
    if !drop.contains(&true) {
        return;
    }
    // New indices, for the titles' organisations.
    let mut new_index = Vec::with_capacity(cands.len());
    let mut n = 0;
    for &d in &drop {
        new_index.push((!d).then_some(n));
        n += usize::from(!d);
    }
    let mut ci = 0;
    cands.retain(|_| {
        ci += 1;
        !drop[ci - 1]
    });
    for c in cands.iter_mut() {
        if let Some(t) = &mut c.title {
            t.of = t.of.and_then(|o| new_index[o]);
        }
    }
}

/// Titles in apposition after a name: "Sergei Lavrov, Russia's foreign minister," or
/// "John Kirby, a State Department spokesman," — name, comma, optional article, optional
/// organisation or place (possibly possessive), a title, then a comma, period or the sentence end.
fn appositions(doc: &Document<'_>, lex: &NameLexicon, cands: &mut [Candidate]) {
    for ci in 0..cands.len() {
        let c = &cands[ci];
        if c.title.is_some()
            || !matches!(c.kind, Kind::Person | Kind::Unknown)
            || c.tokens.len() < 2
        {
            continue;
        }
        let s_end = doc.sentences[c.sentence].tokens.end;
        let mut j = c.tokens.end;
        if j >= s_end || doc.token_text(j) != "," {
            continue;
        }
        j += 1;
        if matches!(doc.token_text(j), "the" | "a" | "an") {
            j += 1;
        }
        let mut of = None;
        if let Some(next) = cands.get(ci + 1) {
            if next.tokens.start == j && next.kind != Kind::Person && next.sentence == c.sentence {
                of = Some(ci + 1);
                j = next.tokens.end;
                if matches!(doc.token_text(j), "'s" | "’s") {
                    j += 1;
                }
            }
        }
        let word = |k: usize| (j + k < s_end).then(|| doc.token_text(j + k));
        let Some(m) = lex.longest_title(word) else {
            continue;
        };
        let after = j + m.len;
        let closes = after >= s_end || matches!(doc.token_text(after), "," | "." | ";" | ")");
        if closes {
            cands[ci].title = Some(TitleBefore {
                tokens: j..after,
                title: m,
                of,
            });
        }
    }
}

/// Whether the tokens between two names join them in a list: ",", "and", "or", ", and", ", or".
/// Returns `None` when they do not, `Some(true)` when the link has "and"/"or".
fn list_link(doc: &Document<'_>, from: usize, to: usize) -> Option<bool> {
    match to.checked_sub(from)? {
        1 => match doc.token_text(from) {
            "," => Some(false),
            "and" | "or" => Some(true),
            _ => None,
        },
        2 => (doc.token_text(from) == "," && matches!(doc.token_text(from + 1), "and" | "or"))
            .then_some(true),
        _ => None,
    }
}

/// People listed together: a single word with no evidence of its kind (`Unknown`) listed with
/// people only ("Rachel and Finn", "Smith, Jones and Patel") is a person too. A list ends with "and"
/// or "or"; commas alone (an apposition, "Denver, Colorado") are no list. Places do not spread
/// this way: a surname listed with countries ("China, Japan and Duterte") is no place.
fn coordination(doc: &Document<'_>, cands: &mut [Candidate]) {
    let mut start = 0;
    while start < cands.len() {
        // The chain of listed names from `start`, up to the last "and"/"or" link.
        let mut end = start + 1;
        let mut list_end = start + 1;
        while end < cands.len() && cands[end].sentence == cands[start].sentence {
            match list_link(doc, cands[end - 1].tokens.end, cands[end].tokens.start) {
                Some(closes) => {
                    end += 1;
                    if closes {
                        list_end = end;
                    }
                }
                None => break,
            }
        }
        let list = &cands[start..list_end];
        let people = list
            .iter()
            .any(|c| c.kind == Kind::Person && c.strength >= 2);
        let others = list
            .iter()
            .any(|c| c.kind != Kind::Person && c.kind != Kind::Unknown);
        if people && !others {
            for c in &mut cands[start..list_end] {
                if c.kind == Kind::Unknown {
                    c.kind = Kind::Person;
                    c.strength = 2;
                }
            }
        }
        start = end.max(start + 1);
    }
}

fn normalize_space(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, part) in s
        .split(|c: char| c.is_whitespace())
        .filter(|p| !p.is_empty())
        .enumerate()
    {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(part);
    }
    out
}

/// "The Pentagon" → "Pentagon" as a canonical name.
fn strip_article(name: &str) -> String {
    match name
        .strip_prefix("The ")
        .or_else(|| name.strip_prefix("the "))
    {
        Some(rest) if !rest.is_empty() => rest.to_owned(),
        _ => name.to_owned(),
    }
}

impl Entities {
    /// The local id of entity `index` in the facts document.
    pub fn id(&self, index: usize) -> String {
        format!("e{}", index + 1)
    }

    /// The mentions that fall in sentence `sentence`.
    pub fn mentions_in(&self, sentence: usize) -> impl Iterator<Item = &Mention> {
        let start = self.mentions.partition_point(|m| m.sentence < sentence);
        self.mentions[start..]
            .iter()
            .take_while(move |m| m.sentence == sentence)
    }

    /// The entity of the mention that covers token `token`, if any (pronouns included).
    pub fn entity_at(&self, token: usize) -> Option<usize> {
        // Mentions are sorted by start and short: only the few starting at or before the token
        // can cover it.
        let end = self.mentions.partition_point(|m| m.tokens.start <= token);
        self.mentions[..end]
            .iter()
            .rev()
            .take(8)
            .find(|m| m.tokens.contains(&token))
            .map(|m| m.entity)
    }

    /// Writes the entities (and position facts) into the facts document; fills the article's
    /// title, dateline and publisher from the text when the article does not give them.
    pub fn write_to(&self, doc: &Document<'_>, out: &mut FactsDocument) {
        let span = |start: usize, end: usize| Span {
            start: doc.char_offset(start),
            end: doc.char_offset(end),
        };
        for (i, e) in self.entities.iter().enumerate() {
            let mut mentions: Vec<Span> = e
                .mentions
                .iter()
                .map(|&mi| span(self.mentions[mi].start, self.mentions[mi].end))
                .collect();
            mentions.dedup();
            out.entities.push(Entity {
                id: self.id(i),
                kind: e.kind.clone(),
                name: e.name.clone(),
                aliases: e.aliases.clone(),
                mentions,
                links: e
                    .same_as
                    .iter()
                    .filter(|iri| iri.starts_with("http://www.wikidata.org/entity/"))
                    .map(|iri| Link {
                        iri: iri.clone(),
                        confidence: 0.9,
                        method: Some("lexicon".to_owned()),
                    })
                    .collect(),
            });
        }
        let mut described: HashSet<usize> = HashSet::new();
        for p in &self.positions {
            let Some(s) = doc.sentences.get(p.sentence) else {
                continue;
            };
            let evidence = Some(Evidence {
                sentence: span(s.start, s.end),
                span: Some(span(p.span.start, p.span.end)),
            });
            let fact = |subject: usize,
                        predicate: &str,
                        object: Option<usize>,
                        value: Option<String>| Fact {
                subject: self.id(subject),
                predicate: predicate.to_owned(),
                object: object.map(|o| self.id(o)),
                value,
                time: None,
                modality: Modality::Asserted,
                confidence: 0.9,
                evidence: evidence.clone(),
                extractor: None,
            };
            out.facts
                .push(fact(p.person, "holdsPosition", Some(p.position), None));
            if described.insert(p.position) {
                out.facts.push(fact(
                    p.position,
                    "positionTitle",
                    None,
                    Some(p.title.clone()),
                ));
                if let Some(o) = p.of {
                    out.facts
                        .push(fact(p.position, "positionIn", Some(o), None));
                }
            }
            if p.spokesperson {
                if let Some(o) = p.of {
                    out.facts
                        .push(fact(p.person, "spokespersonOf", Some(o), None));
                }
            }
        }
        let article = &mut out.article;
        if article.title.is_none() {
            article.title = doc.headline.clone().map(|r| normalize_space(doc.slice(r)));
        }
        if article.dateline.is_none() {
            article.dateline = doc.dateline.clone().map(|r| normalize_space(doc.slice(r)));
        }
        if article.publisher.is_none() {
            if let Some(r) = doc.dateline_source.clone() {
                let written = normalize_space(doc.slice(r.clone()));
                // The canonical name of the source when it is a known organisation ("UPI").
                let name = self
                    .mentions
                    .iter()
                    .find(|m| m.start == r.start && m.end == r.end)
                    .map(|m| self.entities[m.entity].name.clone())
                    .unwrap_or(written);
                article.publisher = Some(name);
            }
        }
    }
}
