//! Linking evaluation: precision, recall and the KB-coverage ceiling on news-fair, and the seed
//! article's expectations.
//!
//! Gold named mentions follow the news-fair rules of the extractor evaluation: labels inside
//! `evaluation_span`, not `coref`, typed person (Q215627), organisation (Q43229) or place
//! (Q27096213), starting with a capital letter; nested alternatives of one entity (overlapping
//! spans with the same `entity_id`) count once. Two settings:
//!
//! - **gold spans** (linking alone): every gold mention becomes an entity of its article (type
//!   from its gold class, name = its text) and the article's entities are linked together;
//! - **end to end**: the built-in extractor reads the article, the linker links its entities, and
//!   a gold mention is linked when an extracted mention with the same span carries the gold QID.
//!
//! Precision = emitted links whose QID equals the gold QID / emitted links on gold mentions;
//! recall = gold mentions (with a QID) linked to that QID / gold mentions with a QID;
//! ceiling = gold mentions whose QID is in the KB / gold mentions with a QID.

use std::collections::{BTreeMap, HashSet};
use std::io::BufRead;
use std::path::Path;

use newskg::extract::Extractor;
use newskg::facts::{Article, FactsDocument};
use newskg::link::{KbIndex, KbSource, LinkRequest, Linker, WIKIDATA_ENTITY, builtin_sources};
use newskg::ontology::Ontology;

const PERSON: &str = "Q215627";
const ORGANIZATION: &str = "Q43229";
const PLACE: &str = "Q27096213";

/// Scores of one setting.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Scores {
    /// Gold named mentions (units) with a QID.
    pub gold: usize,
    /// Of those, how many have their QID in the KB.
    pub in_kb: usize,
    /// Links emitted on gold mentions.
    pub emitted: usize,
    /// Emitted links with the gold QID.
    pub emitted_correct: usize,
    /// Gold mentions linked to their gold QID.
    pub found: usize,
    /// Links emitted on mentions no gold label covers (not judged).
    pub unjudged: usize,
}

impl Scores {
    /// Correct emitted links / emitted links.
    pub fn precision(&self) -> f64 {
        ratio(self.emitted_correct, self.emitted)
    }
    /// Gold mentions linked right / gold mentions.
    pub fn recall(&self) -> f64 {
        ratio(self.found, self.gold)
    }
    /// In-KB / gold.
    pub fn ceiling(&self) -> f64 {
        ratio(self.in_kb, self.gold)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// The linking report.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Entities in the KB (sample plus alignments).
    pub kb_entities: usize,
    /// Linking alone, on gold mention spans.
    pub gold_spans: Scores,
    /// Extractor + linker.
    pub end_to_end: Scores,
    /// Seed article: required links that were found / missing, and wrong links.
    pub seed_found: Vec<String>,
    /// Required seed links that were not made.
    pub seed_missing: Vec<String>,
    /// Seed links that contradict the expectations.
    pub seed_wrong: Vec<String>,
    /// Seed links to entities the expectations do not list.
    pub seed_unjudged: Vec<String>,
    /// Wrong links on gold spans, for inspection: (mention, gold, emitted).
    pub errors: Vec<(String, String, String)>,
    /// End to end: links on labelled spans that disagree with the label: (mention, gold, emitted).
    pub e2e_errors: Vec<(String, String, String)>,
    /// Gold mentions whose QID is in the KB but that got no link on gold spans: (mention, gold).
    pub missed: Vec<(String, String)>,
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
    units: Vec<GoldUnit>,
    /// Every label span in the evaluation span with its entity id (for judging end-to-end links).
    labels: Vec<((usize, usize), String)>,
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
        let mut labels = Vec::new();
        for label in v["labels"].as_array().into_iter().flatten() {
            let (s, e) = (
                label["span"][0].as_u64().unwrap_or(0) as usize,
                label["span"][1].as_u64().unwrap_or(0) as usize,
            );
            if s < lo || e > hi || e > chars.len() || s >= e {
                continue;
            }
            let qid = label["entity_id"].as_str().unwrap_or_default().to_owned();
            labels.push(((s, e), qid.clone()));
            if label["coref"].as_bool().unwrap_or(false) {
                continue;
            }
            let Some(kind) = kind_of(label["type"].as_str().unwrap_or_default()) else {
                continue;
            };
            let mention: String = chars[s..e].iter().collect();
            if !mention.chars().next().is_some_and(char::is_uppercase) || !qid.starts_with('Q') {
                continue;
            }
            match units
                .iter_mut()
                .find(|u| u.qid == qid && u.spans.iter().any(|&(a, b)| a < e && s < b))
            {
                Some(unit) => unit.spans.push((s, e)),
                None => units.push(GoldUnit {
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
            units,
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
    let mut report = Report {
        kb_entities: index.len(),
        ..Report::default()
    };
    let linker = Linker::new(index, &ontology).with_threshold(threshold());
    let extractor = Extractor::new(&ontology)?;
    for doc in read_corpus(corpus)? {
        // Linking alone, on gold spans: every alternative span of a unit is a mention of the
        // article; the unit's answer is the most confident link among its alternatives.
        let mut owners = Vec::new();
        let mut requests = Vec::new();
        for (u, unit) in doc.units.iter().enumerate() {
            for &(start, end) in &unit.spans {
                let chars: String = doc.text.chars().skip(start).take(end - start).collect();
                owners.push(u);
                requests.push(LinkRequest {
                    kind: unit.kind.to_owned(),
                    name: chars,
                    aliases: Vec::new(),
                    first_mention: Some(start),
                });
            }
        }
        let mut links: Vec<Option<newskg::facts::Link>> = vec![None; doc.units.len()];
        for (owner, link) in owners.into_iter().zip(linker.link_group(&requests)) {
            let Some(link) = link else { continue };
            if links[owner]
                .as_ref()
                .is_none_or(|l| link.confidence > l.confidence)
            {
                links[owner] = Some(link);
            }
        }
        for (unit, link) in doc.units.iter().zip(&links) {
            if link.is_none() && in_kb.contains(&unit.qid) {
                report
                    .missed
                    .push((format!("{} [{}]", unit.text, doc.id), unit.qid.clone()));
            }
            let s = &mut report.gold_spans;
            s.gold += 1;
            s.in_kb += usize::from(in_kb.contains(&unit.qid));
            if let Some(link) = link {
                s.emitted += 1;
                if qid(&link.iri) == unit.qid {
                    s.emitted_correct += 1;
                    s.found += 1;
                } else {
                    report.errors.push((
                        format!("{} [{}]", unit.text, doc.id),
                        unit.qid.clone(),
                        qid(&link.iri).to_owned(),
                    ));
                }
            }
        }
        // End to end.
        let article = Article {
            id: doc.id.clone(),
            text: Some(doc.text.clone()),
            ..Article::default()
        };
        let mut facts = extractor.extract(article)?;
        linker.link_document(&mut facts);
        let mut predicted: BTreeMap<(usize, usize), String> = BTreeMap::new();
        for entity in &facts.entities {
            if let Some(link) = entity
                .links
                .iter()
                .find(|l| l.iri.starts_with(WIKIDATA_ENTITY))
            {
                for m in &entity.mentions {
                    predicted.insert((m.start, m.end), qid(&link.iri).to_owned());
                }
            }
        }
        let s = &mut report.end_to_end;
        for unit in &doc.units {
            s.gold += 1;
            s.in_kb += usize::from(in_kb.contains(&unit.qid));
            if unit
                .spans
                .iter()
                .any(|span| predicted.get(span) == Some(&unit.qid))
            {
                s.found += 1;
            }
        }
        let lo = doc.labels.iter().map(|(s, _)| s.0).min().unwrap_or(0);
        let hi = doc.labels.iter().map(|(s, _)| s.1).max().unwrap_or(0);
        for (span, q) in &predicted {
            if span.0 < lo || span.1 > hi {
                continue;
            }
            match doc.labels.iter().find(|(s, _)| s == span) {
                Some((_, gold)) => {
                    s.emitted += 1;
                    s.emitted_correct += usize::from(gold == q);
                    if gold != q {
                        let text: String = doc
                            .text
                            .chars()
                            .skip(span.0)
                            .take(span.1 - span.0)
                            .collect();
                        report.e2e_errors.push((
                            format!("{text} [{}]", doc.id),
                            gold.clone(),
                            q.clone(),
                        ));
                    }
                }
                None => s.unjudged += 1,
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

/// Prints the report as a small Markdown table.
pub fn print(report: &Report) {
    println!("## Entity linking (KB: {} entities)\n", report.kb_entities);
    println!(
        "| setting | gold | in KB | ceiling | emitted | linked right | precision | recall | recall/ceiling |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    for (name, s) in [
        ("gold spans", report.gold_spans),
        ("end to end", report.end_to_end),
    ] {
        println!(
            "| {name} | {} | {} | {:.3} | {} | {} | {:.3} | {:.3} | {:.3} |",
            s.gold,
            s.in_kb,
            s.ceiling(),
            s.emitted,
            s.found,
            s.precision(),
            s.recall(),
            if s.ceiling() > 0.0 {
                s.recall() / s.ceiling()
            } else {
                0.0
            }
        );
    }
    println!(
        "\nend to end: {} links on mentions no gold label covers (not judged)",
        report.end_to_end.unjudged
    );
    println!("\n## Seed article");
    println!("found: {}", report.seed_found.join(", "));
    println!(
        "missing: {}",
        if report.seed_missing.is_empty() {
            "none".into()
        } else {
            report.seed_missing.join(", ")
        }
    );
    println!(
        "wrong: {}",
        if report.seed_wrong.is_empty() {
            "none".into()
        } else {
            report.seed_wrong.join(", ")
        }
    );
    println!(
        "not listed: {}",
        if report.seed_unjudged.is_empty() {
            "none".into()
        } else {
            report.seed_unjudged.join(", ")
        }
    );
    if !report.missed.is_empty() {
        println!("\n## Not linked on gold spans although in the KB (mention, gold)");
        for (m, g) in &report.missed {
            println!("- {m}: gold {g}");
        }
    }
    if !report.e2e_errors.is_empty() {
        println!(
            "\n## End to end: links that disagree with the gold label (mention, gold, emitted)"
        );
        for (m, g, e) in &report.e2e_errors {
            println!("- {m}: gold {g}, emitted {e}");
        }
    }
    if !report.errors.is_empty() {
        println!("\n## Wrong links on gold spans (mention, gold, emitted)");
        for (m, g, e) in &report.errors {
            println!("- {m}: gold {g}, emitted {e}");
        }
    }
}
