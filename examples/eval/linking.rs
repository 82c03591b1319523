//! Linking evaluation: precision, recall and the KB-coverage ceiling on news-fair, and the seed
//! article's expectations.
//!
//! **Gold named mentions** are the labels inside `evaluation_span` that are not `coref`, start
//! with a capital letter and are *names*: not a pronoun ("He", "Its") and not a description
//! whose first word after a determiner is lowercase ("The company"). Those with a QID typed
//! person (Q215627), organisation (Q43229) or place (Q27096213) are the units of recall; nested
//! alternatives of one entity (overlapping spans with the same `entity_id`) count once. Those
//! labelled `<NIL>` (the gold gives them no type) only serve to catch wrong links.
//!
//! Two settings:
//!
//! - **gold spans** (linking alone): every gold mention becomes an entity of its article (type
//!   from its gold class, name = its text) and the article's entities are linked together; a
//!   unit's answer is the most confident link among its alternative spans. Each `<NIL>` named
//!   mention is also linked, once as a person, once as an organisation and once as a place (in
//!   the group of the article's other mentions); any link it gets counts as a wrong link;
//! - **end to end**: the built-in extractor reads the article and the linker links its entities;
//!   every mention of a linked entity carries the link. A link on a span some label has (any
//!   label: named or not, NIL or not) is judged right when its QID is one of the QIDs labelled on
//!   that span; links on spans no label has are counted apart (not judged);
//! - **end to end, linker alone**: the same, with the Wikidata links the extractor's gazetteer
//!   makes removed before linking, so that every link comes from the linker and the KB.
//!
//! Precision = emitted links whose QID equals the gold QID / emitted (judged) links;
//! recall = gold units linked to their QID / gold units;
//! ceiling = gold units whose QID is in the KB / gold units. End to end, the extractor's
//! gazetteer (the ontology's lexicon, with `owl:sameAs` Wikidata IDs) links as well: there the
//! ceiling counts the QIDs of the KB and of the gazetteer.
//!
//! The linker runs once with threshold 0 and every link's confidence is kept, so the figures at
//! the configured threshold and a sweep over thresholds come from the same run.

use std::collections::{BTreeMap, HashSet};
use std::io::BufRead;
use std::path::Path;

use newskg::extract::Extractor;
use newskg::facts::{Article, FactsDocument, Link};
use newskg::link::{KbIndex, KbSource, LinkRequest, Linker, WIKIDATA_ENTITY, builtin_sources};
use newskg::ontology::Ontology;

const PERSON: &str = "Q215627";
const ORGANIZATION: &str = "Q43229";
const PLACE: &str = "Q27096213";
const NIL: &str = "<NIL>";
/// The method of links the extractor makes from its gazetteer (before the linker runs).
const LEXICON: &str = "lexicon";

/// English pronouns and determiners that start a sentence with a capital letter without being
/// names (a closed class of the language).
const NOT_NAMES: &[&str] = &[
    "i", "you", "he", "she", "it", "we", "they", "me", "him", "her", "us", "them", "my", "your",
    "his", "its", "our", "their", "mine", "yours", "hers", "ours", "theirs", "this", "that",
    "these", "those", "who", "which",
];
/// Determiners after which a name starts with a capital letter ("The Associated Press").
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "my", "your", "his", "her", "its", "our",
    "their",
];

/// Figures of one setting at one threshold.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Scores {
    /// Gold named mentions (units) with a QID.
    pub gold: usize,
    /// Of those, how many have their QID in the KB.
    pub in_kb: usize,
    /// Links emitted on judged mentions.
    pub emitted: usize,
    /// Emitted links with the gold QID.
    pub emitted_correct: usize,
    /// Gold units linked to their gold QID.
    pub found: usize,
    /// Links emitted on mentions no gold label covers (not judged).
    pub unjudged: usize,
}

impl Scores {
    /// Correct emitted links / emitted links.
    pub fn precision(&self) -> f64 {
        ratio(self.emitted_correct, self.emitted)
    }
    /// Gold units linked right / gold units.
    pub fn recall(&self) -> f64 {
        ratio(self.found, self.gold)
    }
    /// In-KB / gold.
    pub fn ceiling(&self) -> f64 {
        ratio(self.in_kb, self.gold)
    }
    /// Recall / ceiling.
    pub fn of_ceiling(&self) -> f64 {
        ratio(self.found, self.in_kb)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// What one setting produced, with every link's confidence (thresholds are applied afterwards).
#[derive(Debug, Clone, Default)]
pub struct Setting {
    /// Gold units with a QID.
    pub gold: usize,
    /// Of those, how many have their QID in the KB.
    pub in_kb: usize,
    /// Links on judged mentions: (confidence, right).
    pub links: Vec<(f64, bool)>,
    /// For each gold unit linked to its QID: the confidence of that link.
    pub found: Vec<f64>,
    /// Confidences of links on mentions no label covers.
    pub unjudged: Vec<f64>,
}

impl Setting {
    /// The figures when links below `threshold` are not made.
    pub fn at(&self, threshold: f64) -> Scores {
        let kept = |c: &f64| *c >= threshold;
        Scores {
            gold: self.gold,
            in_kb: self.in_kb,
            emitted: self.links.iter().filter(|(c, _)| kept(c)).count(),
            emitted_correct: self.links.iter().filter(|(c, r)| *r && kept(c)).count(),
            found: self.found.iter().filter(|c| kept(c)).count(),
            unjudged: self.unjudged.iter().filter(|c| kept(c)).count(),
        }
    }
}

/// The linking report.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Entities in the KB (sample plus alignments).
    pub kb_entities: usize,
    /// The threshold the figures are given at.
    pub threshold: f64,
    /// Linking alone, on gold mention spans.
    pub gold_spans: Setting,
    /// Extractor + linker.
    pub end_to_end: Setting,
    /// Seed article: required links that were found.
    pub seed_found: Vec<String>,
    /// Required seed links that were not made.
    pub seed_missing: Vec<String>,
    /// Seed links that contradict the expectations.
    pub seed_wrong: Vec<String>,
    /// Seed links to entities the expectations do not list.
    pub seed_unjudged: Vec<String>,
    /// Wrong links on gold spans: (mention, gold, emitted, confidence).
    pub errors: Vec<(String, String, String, f64)>,
    /// End to end: links on labelled spans that disagree with the label:
    /// (mention, entity kind and name, gold, emitted, confidence).
    pub e2e_errors: Vec<(String, String, String, String, f64)>,
    /// End to end: links on spans no label has: (mention, entity kind and name, emitted).
    pub e2e_unjudged: Vec<(String, String, String, f64)>,
    /// End to end with the linker alone (the extractor's gazetteer links removed).
    pub linker_alone: Setting,
    /// End to end: judged links made upstream by the extractor's gazetteer (not the linker):
    /// (emitted, right).
    pub e2e_lexicon: (usize, usize),
    /// End to end: gold units whose QID is in the KB but that were not linked to it: (mention,
    /// gold, what the extractor and linker made of it).
    pub e2e_missed: Vec<(String, String, String)>,
    /// Gold units whose QID is in the KB but that got no right link on gold spans: (mention,
    /// gold, what was emitted instead).
    pub missed: Vec<(String, String, String)>,
}

struct GoldUnit {
    spans: Vec<(usize, usize)>,
    qid: String,
    kind: &'static str,
    text: String,
}

struct GoldDoc {
    id: String,
    text: String,
    span: (usize, usize),
    /// Named mentions with a QID (recall units).
    units: Vec<GoldUnit>,
    /// Named mentions labelled `<NIL>`, nested alternatives together.
    nil: Vec<GoldUnit>,
    /// Every label span in the evaluation span with its entity ids (for judging links).
    labels: BTreeMap<(usize, usize), Vec<String>>,
}

fn kind_of(types: &str) -> Option<&'static str> {
    let types: Vec<&str> = types.split('|').collect();
    if types.contains(&PERSON) {
        Some("Person")
    } else if types.contains(&PLACE) {
        Some("Place")
    } else if types.contains(&ORGANIZATION) {
        Some("Organization")
    } else {
        None
    }
}

/// Whether a capitalised mention is a name (not a pronoun, not "The company").
fn is_name(mention: &str) -> bool {
    let words: Vec<&str> = mention.split_whitespace().collect();
    let Some(first) = words.first() else {
        return false;
    };
    let first = first.to_lowercase();
    if words.len() == 1 {
        return !NOT_NAMES.contains(&first.as_str());
    }
    if DETERMINERS.contains(&first.as_str()) {
        return words[1].chars().next().is_some_and(char::is_uppercase);
    }
    true
}

fn read_corpus(corpus: &Path) -> Result<Vec<GoldDoc>, Box<dyn std::error::Error>> {
    let file = std::fs::File::open(corpus).map_err(|e| format!("{}: {e}", corpus.display()))?;
    let mut docs = Vec::new();
    for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(&line)
            .map_err(|e| format!("{}:{}: {e}", corpus.display(), n + 1))?;
        let text = v["text"].as_str().unwrap_or_default().to_owned();
        let chars: Vec<char> = text.chars().collect();
        let (lo, hi) = (
            v["evaluation_span"][0].as_u64().unwrap_or(0) as usize,
            v["evaluation_span"][1].as_u64().unwrap_or(0) as usize,
        );
        let mut units: Vec<GoldUnit> = Vec::new();
        let mut nil: Vec<GoldUnit> = Vec::new();
        let mut labels: BTreeMap<(usize, usize), Vec<String>> = BTreeMap::new();
        for label in v["labels"].as_array().into_iter().flatten() {
            let (s, e) = (
                label["span"][0].as_u64().unwrap_or(0) as usize,
                label["span"][1].as_u64().unwrap_or(0) as usize,
            );
            if s < lo || e > hi || e > chars.len() || s >= e {
                continue;
            }
            let qid = label["entity_id"].as_str().unwrap_or_default().to_owned();
            labels.entry((s, e)).or_default().push(qid.clone());
            if label["coref"].as_bool().unwrap_or(false) {
                continue;
            }
            let mention: String = chars[s..e].iter().collect();
            if !mention.chars().next().is_some_and(char::is_uppercase) || !is_name(&mention) {
                continue;
            }
            let (kind, list) = if qid == NIL {
                ("", &mut nil)
            } else {
                let Some(kind) = kind_of(label["type"].as_str().unwrap_or_default()) else {
                    continue;
                };
                if !qid.starts_with('Q') {
                    continue;
                }
                (kind, &mut units)
            };
            match list
                .iter_mut()
                .find(|u| u.qid == qid && u.spans.iter().any(|&(a, b)| a < e && s < b))
            {
                Some(unit) => unit.spans.push((s, e)),
                None => list.push(GoldUnit {
                    spans: vec![(s, e)],
                    qid,
                    kind,
                    text: mention,
                }),
            }
        }
        docs.push(GoldDoc {
            id: v["id"].to_string(),
            text,
            span: (lo, hi),
            units,
            nil,
            labels,
        });
    }
    Ok(docs)
}

/// The linking threshold: `$NEWSKG_LINK_THRESHOLD`, else the default.
fn threshold() -> f64 {
    std::env::var("NEWSKG_LINK_THRESHOLD")
        .ok()
        .and_then(|t| t.parse().ok())
        .unwrap_or(newskg::link::DEFAULT_THRESHOLD)
}

fn qid(iri: &str) -> &str {
    iri.strip_prefix(WIKIDATA_ENTITY).unwrap_or(iri)
}

fn slice(text: &str, (start, end): (usize, usize)) -> String {
    text.chars().skip(start).take(end - start).collect()
}

/// Keeps the more confident of two links.
fn keep_best(slot: &mut Option<Link>, link: Option<Link>) {
    if let Some(link) = link {
        if slot.as_ref().is_none_or(|l| link.confidence > l.confidence) {
            *slot = Some(link);
        }
    }
}

/// Links on gold spans: the best link of each unit, and of each NIL mention (under any type).
fn link_gold_spans(linker: &Linker, doc: &GoldDoc) -> (Vec<Option<Link>>, Vec<Option<Link>>) {
    let mut owners = Vec::new();
    let mut requests = Vec::new();
    for (u, unit) in doc.units.iter().enumerate() {
        for &(start, end) in &unit.spans {
            owners.push(u);
            requests.push(LinkRequest {
                kind: unit.kind.to_owned(),
                name: slice(&doc.text, (start, end)),
                aliases: Vec::new(),
                first_mention: Some(start),
            });
        }
    }
    let mut units: Vec<Option<Link>> = vec![None; doc.units.len()];
    for (owner, link) in owners
        .iter()
        .zip(linker.link_group_in(&requests, Some(&doc.text)))
    {
        keep_best(&mut units[*owner], link);
    }
    let mut nil: Vec<Option<Link>> = vec![None; doc.nil.len()];
    if !doc.nil.is_empty() {
        for kind in ["Person", "Organization", "Place"] {
            let mut group = requests.clone();
            let mut nil_owners = Vec::new();
            for (u, unit) in doc.nil.iter().enumerate() {
                for &span in &unit.spans {
                    nil_owners.push(u);
                    group.push(LinkRequest {
                        kind: kind.to_owned(),
                        name: slice(&doc.text, span),
                        aliases: Vec::new(),
                        first_mention: Some(span.0),
                    });
                }
            }
            let links = linker.link_group_in(&group, Some(&doc.text));
            for (owner, link) in nil_owners
                .iter()
                .zip(links.into_iter().skip(requests.len()))
            {
                keep_best(&mut nil[*owner], link);
            }
        }
    }
    (units, nil)
}

/// Scores the linked entities of one article end to end (without diagnostics).
fn score_end_to_end(
    doc: &GoldDoc,
    facts: &FactsDocument,
    in_kb: &HashSet<String>,
    s: &mut Setting,
) {
    let mut predicted: BTreeMap<(usize, usize), (String, f64)> = BTreeMap::new();
    for entity in &facts.entities {
        if let Some(link) = entity
            .links
            .iter()
            .find(|l| l.iri.starts_with(WIKIDATA_ENTITY))
        {
            for m in &entity.mentions {
                predicted.insert(
                    (m.start, m.end),
                    (qid(&link.iri).to_owned(), link.confidence),
                );
            }
        }
    }
    for unit in &doc.units {
        s.gold += 1;
        s.in_kb += usize::from(in_kb.contains(&unit.qid));
        let best = unit
            .spans
            .iter()
            .filter_map(|span| predicted.get(span))
            .filter(|(q, _)| *q == unit.qid)
            .map(|(_, c)| *c)
            .max_by(f64::total_cmp);
        s.found.extend(best);
    }
    for (span, (q, confidence)) in &predicted {
        if span.0 < doc.span.0 || span.1 > doc.span.1 {
            continue;
        }
        match doc.labels.get(span) {
            Some(gold) => s.links.push((*confidence, gold.contains(q))),
            None => s.unjudged.push(*confidence),
        }
    }
}

/// Runs the linking evaluation on a news-fair JSONL corpus with `kb` as the only KB (plus the
/// class alignments).
pub fn run(corpus: &Path, kb: &Path) -> Result<Report, Box<dyn std::error::Error>> {
    let ontology = Ontology::builtin()?;
    let mut sources = builtin_sources(false)?;
    sources.push(KbSource::from_file(kb, false)?);
    let index = KbIndex::new(&sources, &ontology);
    let in_kb: HashSet<String> = sources
        .iter()
        .flat_map(|s| s.entities.iter().map(|e| qid(&e.iri).to_owned()))
        .collect();
    // End to end, the extractor's gazetteer links too: its QIDs widen the coverage.
    let in_kb_or_gazetteer: HashSet<String> = in_kb
        .iter()
        .cloned()
        .chain(ontology.gazetteer().into_iter().flat_map(|g| {
            g.same_as
                .into_iter()
                .filter(|iri| iri.starts_with(WIKIDATA_ENTITY))
                .map(|iri| qid(&iri).to_owned())
        }))
        .collect();
    let threshold = threshold();
    let mut report = Report {
        kb_entities: index.len(),
        threshold,
        ..Report::default()
    };
    // Every link is kept with its confidence; the threshold is applied when scoring.
    let linker = Linker::new(index, &ontology).with_threshold(0.0);
    let extractor = Extractor::new(&ontology)?;
    for doc in read_corpus(corpus)? {
        let (links, nil_links) = link_gold_spans(&linker, &doc);
        let s = &mut report.gold_spans;
        for (unit, link) in doc.units.iter().zip(&links) {
            s.gold += 1;
            s.in_kb += usize::from(in_kb.contains(&unit.qid));
            let kept = link.as_ref().filter(|l| l.confidence >= threshold);
            let right = kept.is_some_and(|l| qid(&l.iri) == unit.qid);
            if in_kb.contains(&unit.qid) && !right {
                report.missed.push((
                    format!("{} [{}]", unit.text, doc.id),
                    unit.qid.clone(),
                    kept.map_or("nothing".into(), |l| qid(&l.iri).to_owned()),
                ));
            }
            let Some(link) = link else { continue };
            let correct = qid(&link.iri) == unit.qid;
            s.links.push((link.confidence, correct));
            if correct {
                s.found.push(link.confidence);
            } else if link.confidence >= threshold {
                report.errors.push((
                    format!("{} [{}]", unit.text, doc.id),
                    unit.qid.clone(),
                    qid(&link.iri).to_owned(),
                    link.confidence,
                ));
            }
        }
        for (unit, link) in doc.nil.iter().zip(nil_links) {
            let Some(link) = link else { continue };
            s.links.push((link.confidence, false));
            if link.confidence >= threshold {
                report.errors.push((
                    format!("{} [{}]", unit.text, doc.id),
                    NIL.into(),
                    qid(&link.iri).to_owned(),
                    link.confidence,
                ));
            }
        }
        // End to end.
        let article = Article {
            id: doc.id.clone(),
            text: Some(doc.text.clone()),
            ..Article::default()
        };
        let mut facts = extractor.extract(article)?;
        // The same, with the linker alone: the extractor's gazetteer links removed first.
        let mut alone = facts.clone();
        for entity in &mut alone.entities {
            entity
                .links
                .retain(|l| l.method.as_deref() != Some(LEXICON));
        }
        linker.link_document(&mut alone);
        score_end_to_end(&doc, &alone, &in_kb, &mut report.linker_alone);
        linker.link_document(&mut facts);
        // Span → (QID, confidence, the entity's kind and name before linking, how linked).
        let mut predicted: BTreeMap<(usize, usize), (String, f64, String)> = BTreeMap::new();
        // Every extracted mention: span → the entity's kind and name.
        let mut extracted: BTreeMap<(usize, usize), String> = BTreeMap::new();
        for entity in &facts.entities {
            let link = entity
                .links
                .iter()
                .find(|l| l.iri.starts_with(WIKIDATA_ENTITY));
            let original = match link {
                Some(_) => entity.aliases.first().unwrap_or(&entity.name),
                None => &entity.name,
            };
            let method = link.and_then(|l| l.method.as_deref()).unwrap_or_default();
            let by_lexicon = method == LEXICON;
            let described = format!(
                "{} {original:?}{}",
                entity.kind,
                if by_lexicon {
                    ", extractor's gazetteer"
                } else {
                    ""
                }
            );
            for m in &entity.mentions {
                extracted.insert((m.start, m.end), described.clone());
                if let Some(link) = link {
                    predicted.insert(
                        (m.start, m.end),
                        (
                            qid(&link.iri).to_owned(),
                            link.confidence,
                            described.clone(),
                        ),
                    );
                }
            }
        }
        let s = &mut report.end_to_end;
        for unit in &doc.units {
            s.gold += 1;
            s.in_kb += usize::from(in_kb_or_gazetteer.contains(&unit.qid));
            let best = unit
                .spans
                .iter()
                .filter_map(|span| predicted.get(span))
                .filter(|(q, _, _)| *q == unit.qid)
                .map(|(_, c, _)| *c)
                .max_by(f64::total_cmp);
            if let Some(c) = best {
                s.found.push(c);
            }
            if best.is_none_or(|c| c < threshold) && in_kb_or_gazetteer.contains(&unit.qid) {
                let why =
                    unit.spans
                        .iter()
                        .find_map(|span| match (predicted.get(span), extracted.get(span)) {
                            (Some((q, c, e)), _) if *c >= threshold => {
                                Some(format!("{e} linked to {q} ({c:.3})"))
                            }
                            (Some((q, c, e)), _) => Some(format!(
                                "{e} not linked (best: {q} at {c:.3}, below the threshold)"
                            )),
                            (None, Some(e)) => Some(format!("{e} not linked")),
                            _ => None,
                        })
                        .or_else(|| {
                            let (a, b) = unit.spans[0];
                            extracted.iter().find(|((s, e), _)| *s < b && a < *e).map(
                                |(span, e)| {
                                    format!("extracted as {:?} ({e})", slice(&doc.text, *span))
                                },
                            )
                        })
                        .unwrap_or_else(|| "not extracted".to_owned());
                report.e2e_missed.push((
                    format!("{} [{}]", unit.text, doc.id),
                    unit.qid.clone(),
                    why,
                ));
            }
        }
        for (span, (q, confidence, entity)) in &predicted {
            if span.0 < doc.span.0 || span.1 > doc.span.1 {
                continue;
            }
            let text = format!("{} [{}]", slice(&doc.text, *span), doc.id);
            match doc.labels.get(span) {
                Some(gold) => {
                    let right = gold.contains(q);
                    s.links.push((*confidence, right));
                    if entity.ends_with("gazetteer") && *confidence >= threshold {
                        report.e2e_lexicon.0 += 1;
                        report.e2e_lexicon.1 += usize::from(right);
                    }
                    if !right && *confidence >= threshold {
                        report.e2e_errors.push((
                            text,
                            entity.clone(),
                            gold.join("|"),
                            q.clone(),
                            *confidence,
                        ));
                    }
                }
                None => {
                    s.unjudged.push(*confidence);
                    if *confidence >= threshold {
                        report
                            .e2e_unjudged
                            .push((text, entity.clone(), q.clone(), *confidence));
                    }
                }
            }
        }
    }
    Ok(report)
}

/// What the seed article must (and may) link to: (name, acceptable QIDs, required).
const SEED_EXPECTATIONS: &[(&str, &[&str], bool)] = &[
    ("Moscow", &["Q649"], true),
    ("Syria", &["Q858"], true),
    ("Russia", &["Q159"], true),
    ("Department of State", &["Q789915"], true),
    ("United Nations", &["Q1065"], true),
    ("Vladimir Putin", &["Q7747"], true),
    ("John Kerry", &["Q22316"], false),
    ("Sergei Lavrov", &["Q58217"], false),
    ("Washington", &["Q61", "Q30"], false),
    ("U.S.", &["Q30"], false),
    ("United States", &["Q30"], false),
    ("Pentagon", &["Q11208", "Q11209"], false),
    ("The Pentagon", &["Q11208", "Q11209"], false),
    ("Twitter", &["Q918"], false),
    ("John Kirby", &[], false),
    ("Staffan de Mistura", &[], false),
    ("Bashar Assad", &[], false),
];

/// Checks the seed article's expectations with `kb` as the only KB; fills the `seed_*` fields.
pub fn check_seed(
    seed: &Path,
    kb: &Path,
    report: &mut Report,
) -> Result<(), Box<dyn std::error::Error>> {
    let ontology = Ontology::builtin()?;
    let mut sources = builtin_sources(false)?;
    sources.push(KbSource::from_file(kb, false)?);
    let linker =
        Linker::new(KbIndex::new(&sources, &ontology), &ontology).with_threshold(threshold());
    let extractor = Extractor::new(&ontology)?;
    let text = std::fs::read_to_string(seed).map_err(|e| format!("{}: {e}", seed.display()))?;
    let article = Article {
        id: "seed".into(),
        text: Some(text),
        ..Article::default()
    };
    let mut facts: FactsDocument = extractor.extract(article)?;
    if facts.entities.is_empty() {
        // The extractor is not there yet: link the seed's names as the issue lists them.
        for (i, (name, kind)) in [
            ("John Kerry", "Person"),
            ("Moscow", "City"),
            ("Vladimir Putin", "Person"),
            ("Syria", "Country"),
            ("Department of State", "Organization"),
            ("John Kirby", "Person"),
            ("Russia", "Country"),
            ("Sergei Lavrov", "Person"),
            ("The Pentagon", "Organization"),
            ("United Nations", "Organization"),
            ("Staffan de Mistura", "Person"),
            ("Bashar Assad", "Person"),
            ("Washington", "City"),
        ]
        .into_iter()
        .enumerate()
        {
            facts.entities.push(newskg::facts::Entity {
                id: format!("e{i}"),
                kind: kind.into(),
                name: name.into(),
                aliases: Vec::new(),
                mentions: Vec::new(),
                links: Vec::new(),
            });
        }
    }
    linker.link_document(&mut facts);
    // Linking makes the KB label the canonical name: match the expectations on every name.
    let mut linked: BTreeMap<String, String> = BTreeMap::new();
    for e in &facts.entities {
        if let Some(l) = e.links.iter().find(|l| l.iri.starts_with(WIKIDATA_ENTITY)) {
            let names = std::iter::once(&e.name).chain(&e.aliases);
            let listed = names
                .clone()
                .find(|n| SEED_EXPECTATIONS.iter().any(|(x, _, _)| x == n));
            linked.insert(listed.unwrap_or(&e.name).clone(), qid(&l.iri).to_owned());
        }
    }
    for (name, accepted, required) in SEED_EXPECTATIONS {
        match linked.get(*name) {
            Some(q) if accepted.contains(&q.as_str()) => {
                report.seed_found.push(format!("{name} → {q}"))
            }
            Some(q) => report.seed_wrong.push(format!("{name} → {q}")),
            None if *required => report.seed_missing.push((*name).to_owned()),
            None => {}
        }
    }
    for (name, q) in &linked {
        if !SEED_EXPECTATIONS.iter().any(|(n, _, _)| n == name) {
            report.seed_unjudged.push(format!("{name} → {q}"));
        }
    }
    Ok(())
}

/// Thresholds of the sweep.
const SWEEP: [f64; 8] = [0.3, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8];

/// Prints the report as a small Markdown table.
pub fn print(report: &Report) {
    println!(
        "## Entity linking (KB: {} entities, threshold {})\n",
        report.kb_entities, report.threshold
    );
    println!(
        "| setting | gold | in KB | ceiling | emitted | correct | linked right | precision | recall | recall/ceiling |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|");
    for (name, s) in [
        ("gold spans", report.gold_spans.at(report.threshold)),
        ("end to end", report.end_to_end.at(report.threshold)),
        (
            "end to end, linker alone",
            report.linker_alone.at(report.threshold),
        ),
    ] {
        println!(
            "| {name} | {} | {} | {:.3} | {} | {} | {} | {:.3} | {:.3} | {:.3} |",
            s.gold,
            s.in_kb,
            s.ceiling(),
            s.emitted,
            s.emitted_correct,
            s.found,
            s.precision(),
            s.recall(),
            s.of_ceiling()
        );
    }
    let e2e = report.end_to_end.at(report.threshold);
    let (lexicon, lexicon_right) = report.e2e_lexicon;
    println!(
        "\nend to end: {} links on mentions no gold label covers (not judged); of the {} judged \
         links, {} ({} right) come from the extractor's gazetteer, {} ({} right, precision {:.3}) \
         from the linker",
        e2e.unjudged,
        e2e.emitted,
        lexicon,
        lexicon_right,
        e2e.emitted - lexicon,
        e2e.emitted_correct - lexicon_right,
        ratio(e2e.emitted_correct - lexicon_right, e2e.emitted - lexicon)
    );
    println!("\n### Threshold sweep (precision / recall÷ceiling / emitted)\n");
    println!("| threshold | gold spans | end to end |");
    println!("|---|---|---|");
    for t in SWEEP {
        let (g, e) = (report.gold_spans.at(t), report.end_to_end.at(t));
        println!(
            "| {t} | {:.3} / {:.3} / {} | {:.3} / {:.3} / {} |",
            g.precision(),
            g.of_ceiling(),
            g.emitted,
            e.precision(),
            e.of_ceiling(),
            e.emitted
        );
    }
    println!("\n## Seed article");
    println!("found: {}", report.seed_found.join(", "));
    let or_none = |list: &[String]| {
        if list.is_empty() {
            "none".to_owned()
        } else {
            list.join(", ")
        }
    };
    println!("missing: {}", or_none(&report.seed_missing));
    println!("wrong: {}", or_none(&report.seed_wrong));
    println!("not listed: {}", or_none(&report.seed_unjudged));
    if !report.missed.is_empty() {
        println!("\n## In the KB but not linked right on gold spans (mention, gold, emitted)");
        for (m, g, e) in &report.missed {
            println!("- {m}: gold {g}, emitted {e}");
        }
    }
    if !report.errors.is_empty() {
        println!("\n## Wrong links on gold spans (mention, gold, emitted, confidence)");
        for (m, g, e, c) in &report.errors {
            println!("- {m}: gold {g}, emitted {e} ({c:.3})");
        }
    }
    if !report.e2e_errors.is_empty() {
        println!(
            "\n## End to end: links that disagree with the gold label (mention, entity, gold, emitted, confidence)"
        );
        for (m, entity, g, e, c) in &report.e2e_errors {
            println!("- {m} ({entity}): gold {g}, emitted {e} ({c:.3})");
        }
    }
    if !report.e2e_missed.is_empty() {
        println!("\n## End to end: in the KB but not linked right (mention, gold, what happened)");
        for (m, g, why) in &report.e2e_missed {
            println!("- {m}: gold {g}; {why}");
        }
    }
    if !report.e2e_unjudged.is_empty() {
        println!("\n## End to end: links on spans no label has (mention, entity, emitted)");
        for (m, entity, e, c) in &report.e2e_unjudged {
            println!("- {m} ({entity}): {e} ({c:.3})");
        }
    }
}
