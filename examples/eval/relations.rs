//! Relation facts scored against the M2E2 event annotations (`m2e2-dev.jsonl`).
//!
//! **Mapping.** Each M2E2 event type is mapped to the ontology properties whose `nk:aceEventType`
//! annotation names it (read from the ontology, e.g. `Movement:Transport` → `travelsTo`). Which gold
//! argument roles fill the subject and the object of such a fact is the ACE role schema below
//! ([`ROLES`]): Transport mover (Artifact or Agent) → Destination; Meet and Phone-Write: the Entity
//! arguments, either way round; Attack Attacker → Target; Die Agent → Victim (`kills`) or Victim →
//! Place (`diesIn`); Arrest-Jail Agent → Person; Demonstrate Entity → Place; Transfer-Money Giver →
//! Recipient.
//!
//! **Named arguments.** An argument is *named* when all its words are capitalised (small words such
//! as of, the, de, al excepted; a leading "the " dropped) — the rule of the entity-mention gold.
//!
//! **Recall.** The gold events counted are those with named arguments for both slots (for Meet and
//! Phone-Write, whose gold rarely lists both parties: at least one named Entity). One is *found*
//! when a fact of a mapped property has its evidence sentence around the gold trigger and its
//! subject and object match the named arguments of the two slots (Meet/Phone-Write: one party
//! matches each named Entity, in either slot).
//!
//! **Precision.** Over every fact the extractor emits with a mapped property: correct when a gold
//! event of that type has its trigger in the fact's evidence sentence and the fact's subject and
//! object match arguments of the two slots (Meet/Phone-Write: a party matches an Entity argument).
//!
//! The gold is incomplete (a sentence may state a trip the annotators did not mark), so the tool
//! also prints `P(annotated)`: the precision over the facts whose sentence holds a gold event of
//! the type.
//!
//! **Matching an entity to an argument**: the argument's character span overlaps one of the
//! entity's mentions, or its text equals the entity's name or an alias, or one is a word-suffix of
//! the other ("Obama" / "Barack Obama"), ignoring case, a leading "the" and a possessive "'s".

use std::collections::BTreeMap;
use std::io::BufRead;
use std::path::Path;

use newskg::Ontology;
use newskg::extract::Extractor;
use newskg::facts::{Article, Entity, Fact, FactsDocument};

/// Alternative (subject roles, object roles) pairs of one event type.
pub type RolePairs = &'static [(&'static [&'static str], &'static [&'static str])];

/// ACE role schema: for each event type, the alternative (subject roles, object roles) pairs, and
/// whether the relation is symmetric (the parties may come in either order).
pub const ROLES: &[(&str, RolePairs, bool)] = &[
    (
        "Movement:Transport",
        &[(&["Artifact", "Agent"], &["Destination"])],
        false,
    ),
    ("Contact:Meet", &[(&["Entity"], &["Entity"])], true),
    ("Conflict:Attack", &[(&["Attacker"], &["Target"])], false),
    (
        "Life:Die",
        &[(&["Agent"], &["Victim"]), (&["Victim"], &["Place"])],
        false,
    ),
    ("Justice:Arrest-Jail", &[(&["Agent"], &["Person"])], false),
    ("Contact:Phone-Write", &[(&["Entity"], &["Entity"])], true),
    ("Conflict:Demonstrate", &[(&["Entity"], &["Place"])], false),
    (
        "Transaction:Transfer-Money",
        &[(&["Giver"], &["Recipient"])],
        false,
    ),
];

const SMALL_WORDS: &[&str] = &[
    "of", "the", "de", "al", "and", "for", "bin", "van", "von", "da", "du", "la", "le", "el", "al-",
];

/// One gold argument.
struct Arg {
    role: String,
    start: usize,
    end: usize,
    text: String,
}

/// One gold event.
struct GoldEvent {
    kind: String,
    trigger: usize,
    args: Vec<Arg>,
}

/// Scores per event type.
#[derive(Debug, Default, Clone)]
pub struct TypeScore {
    /// Properties mapped to the type.
    pub properties: Vec<String>,
    /// Gold events with named arguments.
    pub gold: usize,
    /// Of those, found.
    pub found: usize,
    /// Facts emitted with a mapped property.
    pub emitted: usize,
    /// Of those, correct.
    pub correct: usize,
    /// Facts emitted in sentences that hold a gold event of the type.
    pub annotated: usize,
    /// Of those, correct.
    pub annotated_correct: usize,
}

fn named(text: &str) -> bool {
    let t = text.trim();
    let t = t
        .strip_prefix("the ")
        .or_else(|| t.strip_prefix("The "))
        .unwrap_or(t);
    let mut words = t.split_whitespace().peekable();
    words.peek().is_some()
        && words.all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                || SMALL_WORDS.contains(&w.to_lowercase().as_str())
        })
}

fn norm(s: &str) -> String {
    let s = s.trim().to_lowercase().replace('’', "'");
    let s = s.strip_prefix("the ").unwrap_or(&s);
    s.strip_suffix("'s").unwrap_or(s).to_owned()
}

fn word_suffix(long: &str, short: &str) -> bool {
    long == short || (long.ends_with(short) && long[..long.len() - short.len()].ends_with(' '))
}

/// Whether entity `e` matches the gold argument.
fn matches(e: &Entity, arg: &Arg) -> bool {
    if e.mentions
        .iter()
        .any(|m| m.start < arg.end && arg.start < m.end)
    {
        return true;
    }
    let a = norm(&arg.text);
    std::iter::once(&e.name).chain(&e.aliases).any(|n| {
        let n = norm(n);
        word_suffix(&n, &a) || word_suffix(&a, &n)
    })
}

fn parse_line(line: &str) -> Result<(String, String, Vec<GoldEvent>), String> {
    let v: serde_json::Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
    let id = v["id"].as_str().ok_or("missing id")?.to_owned();
    let text = v["text"].as_str().ok_or("missing text")?.to_owned();
    let mut events = Vec::new();
    for e in v["events"].as_array().into_iter().flatten() {
        let kind = e["type"].as_str().unwrap_or_default().to_owned();
        let trigger = e["trigger"]["start"].as_u64().unwrap_or_default() as usize;
        let args = e["arguments"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|a| Arg {
                role: a["role"].as_str().unwrap_or_default().to_owned(),
                start: a["start"].as_u64().unwrap_or_default() as usize,
                end: a["end"].as_u64().unwrap_or_default() as usize,
                text: a["text"].as_str().unwrap_or_default().to_owned(),
            })
            .collect();
        events.push(GoldEvent {
            kind,
            trigger,
            args,
        });
    }
    Ok((id, text, events))
}

fn in_sentence(fact: &Fact, pos: usize) -> bool {
    fact.evidence
        .as_ref()
        .is_some_and(|e| e.sentence.start <= pos && pos < e.sentence.end)
}

/// Whether the fact matches the gold event; `named_only` restricts the arguments to named ones.
fn fact_matches(
    doc: &FactsDocument,
    fact: &Fact,
    gold: &GoldEvent,
    schema: &[(&[&str], &[&str])],
    symmetric: bool,
    named_only: bool,
) -> bool {
    let (Some(s), Some(o)) = (
        doc.entity(&fact.subject),
        fact.object.as_deref().and_then(|o| doc.entity(o)),
    ) else {
        return false;
    };
    let args = |roles: &[&str]| -> Vec<&Arg> {
        gold.args
            .iter()
            .filter(|a| roles.contains(&a.role.as_str()) && (!named_only || named(&a.text)))
            .collect()
    };
    if symmetric {
        let parties = args(schema[0].0);
        if named_only {
            // every named party is one of the fact's two entities
            return !parties.is_empty() && parties.iter().all(|a| matches(s, a) || matches(o, a));
        }
        return parties.iter().any(|a| matches(s, a) || matches(o, a));
    }
    schema.iter().any(|(subject_roles, object_roles)| {
        let (subjects, objects) = (args(subject_roles), args(object_roles));
        subjects.iter().any(|a| matches(s, a)) && objects.iter().any(|a| matches(o, a))
    })
}

/// Whether the gold event has the named arguments that make it count for recall.
fn countable(gold: &GoldEvent, schema: &[(&[&str], &[&str])], symmetric: bool) -> bool {
    let has = |roles: &[&str]| {
        gold.args
            .iter()
            .any(|a| roles.contains(&a.role.as_str()) && named(&a.text))
    };
    if symmetric {
        has(schema[0].0)
    } else {
        schema.iter().any(|(s, o)| has(s) && has(o))
    }
}

/// Scores the extractor on the M2E2 file; returns per-type scores (keyed by event type).
pub fn run(
    extractor: &Extractor,
    ontology: &Ontology,
    path: &Path,
) -> Result<BTreeMap<String, TypeScore>, Box<dyn std::error::Error>> {
    let mut scores: BTreeMap<String, TypeScore> = BTreeMap::new();
    let mut by_property: BTreeMap<String, String> = BTreeMap::new();
    for (term, ace) in ontology.annotated("aceEventType") {
        if ontology.property(term).is_some() {
            by_property.insert(term.to_owned(), ace.to_owned());
            scores
                .entry(ace.to_owned())
                .or_default()
                .properties
                .push(term.to_owned());
        }
    }
    for (kind, _, _) in ROLES {
        scores.entry((*kind).to_owned()).or_default();
    }
    let file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let (id, text, gold) =
            parse_line(&line).map_err(|e| format!("{}:{}: {e}", path.display(), n + 1))?;
        let doc = extractor.extract(Article {
            id,
            text: Some(text),
            ..Article::default()
        })?;
        for (kind, schema, symmetric) in ROLES {
            let score = scores.entry((*kind).to_owned()).or_default();
            let facts: Vec<&Fact> = doc
                .facts
                .iter()
                .filter(|f| by_property.get(&f.predicate).is_some_and(|k| k == kind))
                .collect();
            let events: Vec<&GoldEvent> = gold.iter().filter(|g| g.kind == *kind).collect();
            for g in &events {
                if countable(g, schema, *symmetric) {
                    score.gold += 1;
                    if facts.iter().any(|f| {
                        in_sentence(f, g.trigger)
                            && fact_matches(&doc, f, g, schema, *symmetric, true)
                    }) {
                        score.found += 1;
                    }
                }
            }
            for f in &facts {
                score.emitted += 1;
                let correct = events.iter().any(|g| {
                    in_sentence(f, g.trigger) && fact_matches(&doc, f, g, schema, *symmetric, false)
                });
                score.correct += usize::from(correct);
                if events.iter().any(|g| in_sentence(f, g.trigger)) {
                    score.annotated += 1;
                    score.annotated_correct += usize::from(correct);
                }
            }
        }
    }
    println!(
        "== relations on {} (recall: gold events with named arguments found; precision: emitted facts matching gold)",
        path.display()
    );
    println!(
        "{:<28} {:<22} {:>5} {:>5} {:>7} {:>7} {:>7} {:>9} {:>14}",
        "M2E2 type",
        "properties",
        "gold",
        "found",
        "recall",
        "facts",
        "correct",
        "precision",
        "P(annotated)"
    );
    for (kind, s) in &scores {
        let ratio = |a: usize, b: usize| {
            if b == 0 {
                "-".to_owned()
            } else {
                format!("{:.2}", a as f64 / b as f64)
            }
        };
        println!(
            "{:<28} {:<22} {:>5} {:>5} {:>7} {:>7} {:>7} {:>9} {:>14}",
            kind,
            s.properties.join(","),
            s.gold,
            s.found,
            ratio(s.found, s.gold),
            s.emitted,
            s.correct,
            ratio(s.correct, s.emitted),
            format!(
                "{} ({}/{})",
                ratio(s.annotated_correct, s.annotated),
                s.annotated_correct,
                s.annotated
            )
        );
    }
    Ok(scores)
}
