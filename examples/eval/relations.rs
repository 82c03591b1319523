//! Relation facts scored against the M2E2 event annotations (`m2e2-dev.jsonl`).
//!
//! **Mapping.** Each M2E2 event type is mapped to the ontology properties whose `nk:aceEventType`
//! annotation names it (read from the ontology, e.g. `Movement:Transport` → `travelsTo`). Which gold
//! argument roles fill the subject and the object of such a fact is the ACE role schema below
//! ([`ROLES`]): Transport mover (Artifact or Agent) → Destination; Meet and Phone-Write: the two
//! parties, either way round; Attack Attacker → Target; Die Agent → Victim (`kills`) or Victim →
//! Place (`diesIn`); Arrest-Jail Agent → Person; Demonstrate Entity → Place; Transfer-Money Giver →
//! Recipient.
//!
//! **Named arguments.** An argument is *named* when all its words are capitalised (small words such
//! as of, the, de, al excepted; a leading "the " dropped) — the rule of the entity-mention gold.
//!
//! **Parties of Meet and Phone-Write.** The gold lists at most one `Entity` argument per Meet
//! event (the other party of "X met Y" is left out), so the second party is taken from the
//! entity gold of the same file: a named PER or ORG mention in the trigger's sentence that is not
//! an argument of the event in another role (its Place). A gold event has *two named parties*
//! when it has a named `Entity` argument and a second named `Entity` argument or such a mention.
//!
//! **Recall.** The gold events counted are those with named arguments for both slots (Meet and
//! Phone-Write: two named parties, as above). One is *found* when a fact of a mapped property has
//! its evidence sentence around the gold trigger and its subject and object match the named
//! arguments of the two slots (Meet and Phone-Write: one side matches a named `Entity` argument,
//! the other side another named party).
//!
//! **Precision.** Over every fact the extractor emits with a mapped property: correct when a gold
//! event of that type has its trigger in the fact's evidence sentence and the fact's subject and
//! object match arguments of the two slots (Meet and Phone-Write: one side an `Entity` argument,
//! the other side another `Entity` argument or a named party mention of the sentence).
//!
//! **Unlisted movers.** For precision, a Transport event whose gold lists no mover at all (only a
//! `Destination`) takes a named PER/ORG mention of its sentence as the mover, as Meet takes its
//! second party; recall counts only events with a named mover ([`UNLISTED_SUBJECT`]).
//!
//! **Modality.** Facts of every modality are scored: the gold follows ACE, which annotates an
//! event whatever its modality ("the U.S. could provide weapons to Ukraine" is a gold Transport
//! event, "are planning to hold talks" a gold Meet), so a hypothetical or planned fact is not
//! wrong for being unasserted. A fact keeps its modality for the user to filter on; the tool
//! prints the precision per modality under the table.
//!
//! The gold is incomplete (a sentence may state a trip the annotators did not mark), so the tool
//! also prints `P(annotated)`: the precision over the facts whose sentence holds a gold event of
//! the type. `--dump fp|fn|all` lists the wrong facts and the missed gold events with their
//! sentences.
//!
//! **Matching an entity to an argument**: the argument's character span overlaps one of the
//! entity's mentions, or its text equals the entity's name or an alias, or one is a word-suffix of
//! the other ("Obama" / "Barack Obama"), ignoring case, a leading "the" and a possessive "'s".

use std::collections::BTreeMap;
use std::io::BufRead;
use std::path::Path;

use newskg::Ontology;
use newskg::extract::Extractor;
use newskg::extract::text::Document;
use newskg::facts::{Article, Entity, Fact, FactsDocument};

use crate::Options;

/// Alternative (subject roles, object roles) pairs of one event type.
pub type RolePairs = &'static [(&'static [&'static str], &'static [&'static str])];

/// ACE role schema: for each event type, the alternative (subject roles, object roles) pairs, and
/// whether the relation is symmetric (two parties, in either order).
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

/// Event types whose gold often lists no mover at all ("Rajab was detained shortly after returning
/// to Bahrain": `Destination=Bahrain` and nothing else): when a gold event of such a type has no
/// argument in the subject roles, a fact whose subject is a named party mention of the sentence
/// (as for Meet) is not contradicted by the gold and counts as correct. Recall still counts only
/// the gold events that list a named mover: the gold names no mover to be found.
const UNLISTED_SUBJECT: &[&str] = &["Movement:Transport"];

/// Entity-gold types that may be the unlisted party of a meeting or a call. GPE mentions are left
/// out: in the Meet and Phone-Write sentences of the file they are places ("in Jalalabad,
/// Afghanistan") or modifiers ("U.S. President"); 81 of the 82 `Entity` arguments of those types
/// are PER or ORG mentions.
const PARTY_TYPES: &[&str] = &["PER", "ORG"];

const SMALL_WORDS: &[&str] = &[
    "of", "the", "de", "al", "and", "for", "bin", "van", "von", "da", "du", "la", "le", "el", "al-",
];

/// One gold argument (or, for [`GoldEvent::parties`], one gold entity mention).
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
    trigger_text: String,
    args: Vec<Arg>,
    /// Character span of the trigger's sentence (by the extractor's sentence splitter).
    sentence: (usize, usize),
    /// Named PER/ORG mentions of the entity gold in the sentence that are not arguments of
    /// the event in another role: the candidates for an unlisted party of Meet and Phone-Write.
    parties: Vec<Arg>,
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
    /// Facts emitted and correct, by modality (`Asserted`, `Planned`, ...).
    pub by_modality: BTreeMap<String, (usize, usize)>,
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

/// Whether two texts name the same thing ("Obama" / "Barack Obama").
fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (norm(a), norm(b));
    word_suffix(&a, &b) || word_suffix(&b, &a)
}

fn overlaps(a: &Arg, b: &Arg) -> bool {
    a.start < b.end && b.start < a.end
}

fn arg(v: &serde_json::Value, role: &str) -> Arg {
    Arg {
        role: role.to_owned(),
        start: v["start"].as_u64().unwrap_or_default() as usize,
        end: v["end"].as_u64().unwrap_or_default() as usize,
        text: v["text"].as_str().unwrap_or_default().to_owned(),
    }
}

/// One article of the gold file.
struct GoldArticle {
    id: String,
    text: String,
    events: Vec<GoldEvent>,
}

fn parse_line(line: &str, extractor: &Extractor) -> Result<GoldArticle, String> {
    let v: serde_json::Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
    let id = v["id"].as_str().ok_or("missing id")?.to_owned();
    let text = v["text"].as_str().ok_or("missing text")?.to_owned();
    let doc = Document::parse(&text, extractor.lexicon());
    let sentences: Vec<(usize, usize)> = doc
        .sentences
        .iter()
        .map(|s| (doc.char_offset(s.start), doc.char_offset(s.end)))
        .collect();
    let mentions: Vec<Arg> = v["entities"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| {
            let kind = e["type"].as_str()?;
            let a = arg(e, kind);
            (PARTY_TYPES.contains(&kind) && named(&a.text)).then_some(a)
        })
        .collect();
    let mut events = Vec::new();
    for e in v["events"].as_array().into_iter().flatten() {
        let kind = e["type"].as_str().unwrap_or_default().to_owned();
        let trigger = e["trigger"]["start"].as_u64().unwrap_or_default() as usize;
        let trigger_text = e["trigger"]["text"].as_str().unwrap_or_default().to_owned();
        let args: Vec<Arg> = e["arguments"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|a| arg(a, a["role"].as_str().unwrap_or_default()))
            .collect();
        let sentence = sentences
            .iter()
            .copied()
            .find(|&(s, e)| s <= trigger && trigger < e)
            .unwrap_or((trigger, trigger + 1));
        let parties = mentions
            .iter()
            .filter(|m| sentence.0 <= m.start && m.end <= sentence.1)
            .filter(|m| !args.iter().any(|a| a.role != "Entity" && overlaps(a, m)))
            .map(|m| Arg {
                role: m.role.clone(),
                start: m.start,
                end: m.end,
                text: m.text.clone(),
            })
            .collect();
        events.push(GoldEvent {
            kind,
            trigger,
            trigger_text,
            args,
            sentence,
            parties,
        });
    }
    Ok(GoldArticle { id, text, events })
}

fn in_sentence(fact: &Fact, pos: usize) -> bool {
    fact.evidence
        .as_ref()
        .is_some_and(|e| e.sentence.start <= pos && pos < e.sentence.end)
}

/// The subject and object entities of a fact.
fn ends<'d>(doc: &'d FactsDocument, fact: &Fact) -> Option<(&'d Entity, &'d Entity)> {
    Some((
        doc.entity(&fact.subject)?,
        doc.entity(fact.object.as_deref()?)?,
    ))
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
    let Some((s, o)) = ends(doc, fact) else {
        return false;
    };
    let args = |roles: &[&str]| -> Vec<&Arg> {
        gold.args
            .iter()
            .filter(|a| roles.contains(&a.role.as_str()) && (!named_only || named(&a.text)))
            .collect()
    };
    if symmetric {
        // One side is a listed party; the other side another listed party or a named party
        // mention of the sentence (the gold lists one party of most meetings).
        let listed = args(schema[0].0);
        let one_way = |first: &Entity, second: &Entity| {
            listed.iter().any(|a| {
                matches(first, a)
                    && listed
                        .iter()
                        .copied()
                        .chain(&gold.parties)
                        .any(|b| !overlaps(a, b) && !matches(first, b) && matches(second, b))
            })
        };
        return one_way(s, o) || one_way(o, s);
    }
    schema.iter().any(|(subject_roles, object_roles)| {
        let (subjects, objects) = (args(subject_roles), args(object_roles));
        let subject = if unlisted_subject(gold, subject_roles) {
            gold.parties
                .iter()
                .any(|a| matches(s, a) && !objects.iter().any(|b| overlaps(a, b)))
        } else {
            subjects.iter().any(|a| matches(s, a))
        };
        subject && objects.iter().any(|a| matches(o, a))
    })
}

/// Whether the gold event lists no argument in `subject_roles` and its type lets a named party
/// mention of the sentence stand in ([`UNLISTED_SUBJECT`]).
fn unlisted_subject(gold: &GoldEvent, subject_roles: &[&str]) -> bool {
    UNLISTED_SUBJECT.contains(&gold.kind.as_str())
        && !gold
            .args
            .iter()
            .any(|a| subject_roles.contains(&a.role.as_str()))
}

/// Whether the gold event has the named arguments that make it count for recall.
fn countable(gold: &GoldEvent, schema: &[(&[&str], &[&str])], symmetric: bool) -> bool {
    let named_args = |roles: &[&str]| -> Vec<&Arg> {
        gold.args
            .iter()
            .filter(|a| roles.contains(&a.role.as_str()) && named(&a.text))
            .collect()
    };
    if symmetric {
        let listed = named_args(schema[0].0);
        listed.iter().any(|a| {
            listed
                .iter()
                .copied()
                .chain(&gold.parties)
                .any(|b| !overlaps(a, b) && !same_name(&a.text, &b.text))
        })
    } else {
        schema
            .iter()
            .any(|(s, o)| !named_args(s).is_empty() && !named_args(o).is_empty())
    }
}

/// `subject predicate object` with the entities' names.
fn describe(doc: &FactsDocument, f: &Fact) -> String {
    let name = |id: &str| doc.entity(id).map_or(id.to_owned(), |e| e.name.clone());
    format!(
        "{} {} {} [{:?} {:.2}]",
        name(&f.subject),
        f.predicate,
        f.object.as_deref().map(name).unwrap_or_default(),
        f.modality,
        f.confidence
    )
}

fn describe_gold(g: &GoldEvent, symmetric: bool) -> String {
    let args: Vec<String> = g
        .args
        .iter()
        .map(|a| format!("{}={}", a.role, a.text))
        .collect();
    let parties: Vec<&str> = g.parties.iter().map(|a| a.text.as_str()).collect();
    let unlisted = UNLISTED_SUBJECT.contains(&g.kind.as_str())
        && ROLES
            .iter()
            .filter(|r| r.0 == g.kind)
            .all(|r| r.1.iter().all(|(s, _)| unlisted_subject(g, s)));
    let parties = if (symmetric || unlisted) && !parties.is_empty() {
        format!(" (named in the sentence: {})", parties.join(", "))
    } else {
        String::new()
    };
    format!(
        "{} '{}' {}{parties}",
        g.kind,
        g.trigger_text,
        args.join(", ")
    )
}

fn sentence_text(text: &str, (start, end): (usize, usize)) -> String {
    text.chars()
        .skip(start)
        .take(end - start)
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Scores the extractor on the M2E2 file; returns per-type scores (keyed by event type).
pub fn run(
    extractor: &Extractor,
    ontology: &Ontology,
    path: &Path,
    opts: &Options,
) -> Result<BTreeMap<String, TypeScore>, Box<dyn std::error::Error>> {
    let dump_fp = matches!(opts.dump.as_deref(), Some("fp" | "all"));
    let dump_fn = matches!(opts.dump.as_deref(), Some("fn" | "all"));
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
        let gold = parse_line(&line, extractor)
            .map_err(|e| format!("{}:{}: {e}", path.display(), n + 1))?;
        let doc = extractor.extract(Article {
            id: gold.id.clone(),
            text: Some(gold.text.clone()),
            ..Article::default()
        })?;
        let mut dump = Vec::new();
        for (kind, schema, symmetric) in ROLES {
            let score = scores.entry((*kind).to_owned()).or_default();
            let facts: Vec<&Fact> = doc
                .facts
                .iter()
                .filter(|f| by_property.get(&f.predicate).is_some_and(|k| k == kind))
                .collect();
            let events: Vec<&GoldEvent> = gold.events.iter().filter(|g| g.kind == *kind).collect();
            for g in &events {
                if countable(g, schema, *symmetric) {
                    score.gold += 1;
                    if facts.iter().any(|f| {
                        in_sentence(f, g.trigger)
                            && fact_matches(&doc, f, g, schema, *symmetric, true)
                    }) {
                        score.found += 1;
                    } else if dump_fn {
                        let ours: Vec<String> = doc
                            .facts
                            .iter()
                            .filter(|f| in_sentence(f, g.trigger))
                            .map(|f| describe(&doc, f))
                            .collect();
                        dump.push(format!(
                            "   FN {}\n      | {}\n      ours: {}",
                            describe_gold(g, *symmetric),
                            sentence_text(&gold.text, g.sentence),
                            ours.join("; ")
                        ));
                    }
                }
            }
            for f in &facts {
                score.emitted += 1;
                let correct = events.iter().any(|g| {
                    in_sentence(f, g.trigger) && fact_matches(&doc, f, g, schema, *symmetric, false)
                });
                score.correct += usize::from(correct);
                let modality = score
                    .by_modality
                    .entry(format!("{:?}", f.modality))
                    .or_default();
                modality.0 += 1;
                modality.1 += usize::from(correct);
                let here: Vec<&&GoldEvent> = events
                    .iter()
                    .filter(|g| in_sentence(f, g.trigger))
                    .collect();
                if !here.is_empty() {
                    score.annotated += 1;
                    score.annotated_correct += usize::from(correct);
                }
                if dump_fp && !correct {
                    let sentence = f
                        .evidence
                        .as_ref()
                        .map(|e| (e.sentence.start, e.sentence.end))
                        .unwrap_or_default();
                    let golds: Vec<String> =
                        here.iter().map(|g| describe_gold(g, *symmetric)).collect();
                    dump.push(format!(
                        "   FP {}\n      | {}\n      gold: {}",
                        describe(&doc, f),
                        sentence_text(&gold.text, sentence),
                        golds.join("; ")
                    ));
                }
            }
        }
        if !dump.is_empty() {
            println!("-- m2e2 {}", gold.id);
            for d in dump {
                println!("{d}");
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
    println!(
        "precision by modality (correct/facts; every modality is scored, as ACE annotates events of any modality):"
    );
    for (kind, s) in &scores {
        if s.by_modality.is_empty() {
            continue;
        }
        let parts: Vec<String> = s
            .by_modality
            .iter()
            .map(|(m, (emitted, correct))| format!("{m} {correct}/{emitted}"))
            .collect();
        println!("  {kind:<28} {}", parts.join(", "));
    }
    Ok(scores)
}
