//! Quotations and their speakers.
//!
//! A quotation is the text between an opening and a closing quotation mark (curly or straight) of
//! at least [`MIN_WORDS`] words, so that scare quotes ("predicament") are left alone. News style
//! lets a quotation run over several paragraphs: a paragraph that ends inside a quotation and a
//! next paragraph that opens with a quotation mark continue the same quotation.
//!
//! The speaker is found, in this order:
//! 1. after the closing mark, in the same sentence: `“...,” Kirby said`, `“...,” said Kirby`,
//!    `“...,” he said`, `“...,” the spokesman said`;
//! 2. before the opening mark, in the same sentence: `Kerry said “...”`, `Kerry stated on Twitter:
//!    “...”`;
//! 3. otherwise the speaker of the previous quotation of the same paragraph (a second quotation
//!    after `“...,” Kerry said.`).
//!
//! Speech verbs are the `nk:verbTrigger`s of `nk:Quotation`. A pronoun is resolved to the nearest
//! person mentioned before; a title ("the spokesman") to the person last introduced with that
//! title. Each quotation becomes an `nk:Quotation` entity with `quotedText` and `attributedTo`.

use std::ops::Range;

use super::Lexicon;
use super::entities::Entities;
use super::names_lexicon::with_lowercase;
use super::relations::{CharIndex, Scan};
use super::text::{Document, TokenKind};
use super::triggers::Slot;
use crate::facts::{Entity, Evidence, Fact, FactsDocument, Modality};

/// Fewer words than this between quotation marks are not a quotation.
pub const MIN_WORDS: usize = 4;

/// The class of quotation entities and the properties of their facts (terms of the ontology).
const QUOTATION: &str = "Quotation";
const QUOTED_TEXT: &str = "quotedText";
const ATTRIBUTED_TO: &str = "attributedTo";
/// Characters of the quoted text kept in a quotation's name.
const NAME_CHARS: usize = 80;

/// One quotation.
#[derive(Debug, Clone)]
pub struct Quote {
    /// Byte ranges of its text, one per paragraph, without the quotation marks.
    pub parts: Vec<Range<usize>>,
    /// The sentences it spans (indices).
    pub sentences: Range<usize>,
    /// The speaker (index into [`Entities::entities`]).
    pub speaker: Option<usize>,
    /// Confidence of the attribution.
    pub confidence: f64,
}

/// The quotations of one document.
#[derive(Debug, Default)]
pub struct Quotes {
    /// In text order.
    pub quotes: Vec<Quote>,
}

/// A quotation's marks: first and last token (the quotation marks, when present).
struct Marks {
    open: usize,
    close: usize,
    parts: Vec<Range<usize>>,
}

fn is_open(doc: &Document<'_>, i: usize, _inside: bool) -> bool {
    matches!(doc.tokens[i].kind, TokenKind::OpenQuote | TokenKind::Punct)
        && matches!(doc.token_text(i), "“" | "\"" | "«" | "„")
}

fn is_close(doc: &Document<'_>, i: usize, _inside: bool) -> bool {
    matches!(doc.tokens[i].kind, TokenKind::CloseQuote | TokenKind::Punct)
        && matches!(doc.token_text(i), "”" | "\"" | "»")
}

/// Whether token `i` starts a new paragraph.
fn paragraph_break(doc: &Document<'_>, i: usize) -> bool {
    let paragraph = |t: usize| doc.sentence_of(t).map(|s| doc.sentences[s].paragraph);
    i > 0 && paragraph(i - 1) != paragraph(i)
}

/// The quotation marks of the document, with multi-paragraph quotations joined.
fn marks(doc: &Document<'_>) -> Vec<Marks> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None; // (first open token, start of current part)
    let mut parts = Vec::new();
    for i in 0..doc.tokens.len() {
        if let Some((first, part_start)) = open {
            if paragraph_break(doc, i) {
                let part_end = doc.tokens[i - 1].end;
                if is_open(doc, i, false) {
                    parts.push(part_start..part_end);
                    open = Some((first, doc.tokens[i].end));
                    continue;
                }
                parts.push(part_start..part_end);
                out.push(Marks {
                    open: first,
                    close: i - 1,
                    parts: std::mem::take(&mut parts),
                });
                open = None;
            } else if is_close(doc, i, true) {
                parts.push(part_start..doc.tokens[i].start);
                out.push(Marks {
                    open: first,
                    close: i,
                    parts: std::mem::take(&mut parts),
                });
                open = None;
                continue;
            }
        }
        if open.is_none() && is_open(doc, i, false) {
            open = Some((i, doc.tokens[i].end));
        }
    }
    if let (Some((first, part_start)), Some(last)) = (open, doc.tokens.last()) {
        parts.push(part_start..last.end);
        out.push(Marks {
            open: first,
            close: doc.tokens.len() - 1,
            parts,
        });
    }
    out
}

/// Finds the quotations of a document.
pub fn extract(doc: &Document<'_>, entities: &Entities, lexicon: &Lexicon) -> Quotes {
    extract_in(&Scan::new(doc, entities, &lexicon.triggers))
}

/// Finds the quotations of a document already scanned (the scan is shared with the relation stage).
pub(crate) fn extract_in(scan: &Scan<'_, '_>) -> Quotes {
    let doc = scan.doc;
    let mut quotes = Quotes::default();
    let mut previous: Option<(usize, Option<usize>, f64)> = None; // (close token, speaker, confidence)
    for m in marks(doc) {
        let words = (m.open..=m.close)
            .filter(|&k| doc.tokens[k].kind == TokenKind::Word)
            .count();
        if words < MIN_WORDS {
            continue;
        }
        let Some(first_sentence) = sentence_of(doc, m.open) else {
            continue;
        };
        let last_sentence = sentence_of(doc, m.close).unwrap_or(first_sentence);
        let mut attribution =
            after(scan, m.close, last_sentence).or_else(|| before(scan, m.open, first_sentence));
        if attribution.is_none() {
            if let Some((close, Some(speaker), confidence)) = previous {
                let same_paragraph = !(close + 1..=m.open).any(|k| paragraph_break(doc, k));
                if same_paragraph {
                    attribution = Some((speaker, (confidence - 0.1).max(0.5)));
                }
            }
        }
        previous = Some((
            m.close,
            attribution.map(|a| a.0),
            attribution.map_or(0.0, |a| a.1),
        ));
        quotes.quotes.push(Quote {
            parts: m.parts,
            sentences: first_sentence..last_sentence + 1,
            speaker: attribution.map(|a| a.0),
            confidence: attribution.map_or(0.0, |a| a.1),
        });
    }
    quotes
}

fn sentence_of(doc: &Document<'_>, token: usize) -> Option<usize> {
    let s = doc.sentences.partition_point(|s| s.tokens.end <= token);
    (s < doc.sentences.len()).then_some(s)
}

/// `“...,” Kirby said` / `“...,” said Kirby` / `“...,” he said` / `“...,” the spokesman said`.
fn after(scan: &Scan<'_, '_>, close: usize, sentence: usize) -> Option<(usize, f64)> {
    let ceil = scan.doc.sentences[sentence].tokens.end;
    let limit = ceil.min(close + 14);
    let verb = (close + 1..limit)
        .take_while(|&k| {
            !matches!(
                scan.doc.tokens[k].kind,
                TokenKind::OpenQuote | TokenKind::CloseQuote
            )
        })
        .find(|&k| scan.is_speech(k))?;
    speaker_around(scan, close + 1, verb, ceil)
}

/// `Kerry said “...”` / `Kerry stated on Twitter: “...”`.
fn before(scan: &Scan<'_, '_>, open: usize, sentence: usize) -> Option<(usize, f64)> {
    let floor = scan.doc.sentences[sentence].tokens.start;
    let lo = open.saturating_sub(10).max(floor);
    let verb = (lo..open)
        .rev()
        .take_while(|&k| {
            !matches!(
                scan.doc.tokens[k].kind,
                TokenKind::OpenQuote | TokenKind::CloseQuote
            )
        })
        .find(|&k| scan.is_speech(k))?;
    let from = (floor..verb)
        .rev()
        .find(|&k| matches!(scan.doc.tokens[k].kind, TokenKind::CloseQuote) || scan.is_boundary(k))
        .map_or(floor, |k| k + 1);
    speaker_around(scan, from, verb, open)
}

/// The speaker of the speech verb at token `verb`: a name, pronoun or title between `from` and the
/// verb, or a name right after the verb (before `ceil`).
fn speaker_around(
    scan: &Scan<'_, '_>,
    from: usize,
    verb: usize,
    ceil: usize,
) -> Option<(usize, f64)> {
    let agent = Slot::Agent;
    if let Some((super::relations::Node::Entity(e), confidence, _)) =
        scan.subject(from, verb, &agent)
    {
        return Some((e, confidence));
    }
    let after = scan.objects(verb + 1, ceil, &agent, true, 5);
    if let Some(&(super::relations::Node::Entity(e), _, _)) = after.first() {
        return Some((e, 0.9));
    }
    // "the spokesman said": the person last introduced with that title.
    for k in (from..verb).rev() {
        let w = scan.word(k);
        if with_lowercase(w, |l| scan.triggers.is_title_word(l)) {
            return titled_person(scan, k, &w.to_lowercase()).map(|e| (e, 0.6));
        }
    }
    None
}

/// The person of the last mention before token `before` preceded (within three tokens) by `title`.
fn titled_person(scan: &Scan<'_, '_>, before: usize, title: &str) -> Option<usize> {
    let mentions = &scan.entities.mentions;
    mentions
        .iter()
        .rev()
        .filter(|m| m.tokens.start < before && !m.pronoun)
        .find_map(|m| {
            let lo = m.tokens.start.saturating_sub(3);
            let titled = (lo..m.tokens.start).any(|k| scan.word(k).eq_ignore_ascii_case(title));
            (titled
                && scan
                    .triggers
                    .kind(&scan.entities.entities[m.entity].kind)
                    .person)
                .then_some(m.entity)
        })
}

impl Quotes {
    /// The local id of quotation `i`.
    pub fn id(i: usize) -> String {
        format!("q{}", i + 1)
    }

    /// Writes the quotations into the facts document.
    pub fn write_to(&self, doc: &Document<'_>, entities: &Entities, out: &mut FactsDocument) {
        let mut chars = CharIndex::new(doc);
        for (i, q) in self.quotes.iter().enumerate() {
            let (Some(first), Some(last)) = (q.parts.first(), q.parts.last()) else {
                continue;
            };
            let text = q
                .parts
                .iter()
                .map(|r| doc.text[r.clone()].trim())
                .collect::<Vec<_>>()
                .join(" ");
            let text = text.trim_end_matches([',', ' ']).to_owned();
            if text.is_empty() {
                continue;
            }
            let name = if text.chars().count() > NAME_CHARS {
                format!(
                    "{}…",
                    text.chars().take(NAME_CHARS).collect::<String>().trim_end()
                )
            } else {
                text.clone()
            };
            let id = Self::id(i);
            let span = chars.span(first.start, last.end);
            out.entities.push(Entity {
                id: id.clone(),
                kind: QUOTATION.to_owned(),
                name,
                aliases: Vec::new(),
                mentions: vec![span],
                links: Vec::new(),
            });
            let (Some(s0), Some(s1)) = (
                doc.sentences.get(q.sentences.start),
                doc.sentences.get(q.sentences.end - 1),
            ) else {
                continue;
            };
            let sentence = chars.span(s0.start, s1.end.max(last.end));
            let evidence = Evidence {
                sentence,
                span: Some(span),
            };
            out.facts.push(Fact {
                subject: id.clone(),
                predicate: QUOTED_TEXT.to_owned(),
                object: None,
                value: Some(text),
                time: None,
                modality: Modality::Asserted,
                confidence: 0.95,
                evidence: Some(evidence.clone()),
                extractor: None,
            });
            if let Some(speaker) = q.speaker {
                out.facts.push(Fact {
                    subject: id,
                    predicate: ATTRIBUTED_TO.to_owned(),
                    object: Some(entities.id(speaker)),
                    value: None,
                    time: None,
                    modality: Modality::Asserted,
                    confidence: q.confidence,
                    evidence: Some(evidence),
                    extractor: None,
                });
            }
        }
    }
}
