//! Helpers: the binary, synthetic corpora, store dumps compared as datasets, a seeded RNG.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use newskg::NewsStore;
use newskg::export::{ExportFormat, export};
use newskg::facts::{Article, Entity, Evidence, Extractor, Fact, FactsDocument, Modality, Span};

/// Boxed error for tests returning `Result`.
pub type TestResult<T = ()> = Result<T, Box<dyn std::error::Error>>;

/// A `newskg` command using the store folder `store` (through `NEWSKG_STORE`).
pub fn newskg(store: &Path) -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("newskg"));
    cmd.env("NEWSKG_STORE", store).stdin(Stdio::null());
    cmd
}

/// A small deterministic random number generator (SplitMix64), so failures can be replayed.
pub struct Rng(u64);

impl Rng {
    /// Seeded from `NEWSKG_TEST_SEED` when set, else from `default`.
    pub fn seeded(default: u64) -> Self {
        let seed = std::env::var("NEWSKG_TEST_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(default);
        eprintln!("seed {seed} (set NEWSKG_TEST_SEED to replay)");
        Self(seed)
    }

    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

const PEOPLE: [&str; 12] = [
    "Margaret Ellison",
    "David Okafor",
    "Ingrid Halvorsen",
    "Samuel Kiprono",
    "Lena Brandt",
    "Tomasz Wiśniewski",
    "Aiko Tanaka",
    "Rafael Ortega",
    "Nadia Haddad",
    "Peter Lindqvist",
    "Chen Wei",
    "Olusegun Adeyemi",
];
const CITIES: [&str; 8] = [
    "Nairobi",
    "Oslo",
    "Geneva",
    "Addis Ababa",
    "Lima",
    "Hanoi",
    "Tbilisi",
    "Montevideo",
];

/// A synthetic but well-formed article `n` (`version` changes its wording and facts, as a
/// re-extraction would).
pub fn synthetic_doc(n: usize, version: usize) -> FactsDocument {
    let who = PEOPLE[(n + version) % PEOPLE.len()];
    let other = PEOPLE[(n * 7 + 3) % PEOPLE.len()];
    let city = CITIES[(n * 3 + version) % CITIES.len()];
    let first = format!("{who} will travel to {city} next week, officials said.");
    let second = format!(" {who} is expected to meet {other} there (report {n}, v{version}).");
    let text = format!("{first}{second}");
    let len = |s: &str| s.chars().count();
    let (a, b) = (len(&first), len(&first) + len(&second));
    let mut doc = FactsDocument::new(Article {
        id: format!("synthetic-{n:05}"),
        title: Some(format!("{who} to visit {city}")),
        text: Some(text),
        date: Some(format!("2026-03-{:02}", 1 + n % 28)),
        publisher: Some(["Meridian Wire", "Harbour Post"][n % 2].to_owned()),
        ..Article::default()
    });
    doc.extractor = Some(Extractor {
        name: "synthetic".into(),
        version: format!("{version}"),
    });
    let entity = |id: &str, kind: &str, name: &str, start: usize| Entity {
        id: id.into(),
        kind: kind.into(),
        name: name.into(),
        aliases: name
            .split(' ')
            .next_back()
            .map(|s| vec![s.to_owned()])
            .unwrap_or_default(),
        mentions: vec![Span {
            start,
            end: start + name.chars().count(),
        }],
        links: vec![],
    };
    doc.entities.push(entity("e1", "Person", who, 0));
    doc.entities.push(entity("e2", "City", city, len(who) + 16));
    let confidence = 0.5 + (n % 5) as f64 / 10.0;
    let sentence = Span { start: 0, end: a };
    doc.facts
        .push(planned("e1", "travelsTo", "e2", confidence, sentence));
    if other != who {
        doc.entities
            .push(entity("e3", "Person", other, a + len(who) + 27));
        let sentence = Span { start: a, end: b };
        doc.facts
            .push(planned("e1", "meetsWith", "e3", 0.7, sentence));
    }
    doc
}

/// The planned fact `s p o`, stated by `sentence`.
fn planned(s: &str, p: &str, o: &str, confidence: f64, sentence: Span) -> Fact {
    Fact {
        subject: s.into(),
        predicate: p.into(),
        object: Some(o.into()),
        value: None,
        time: None,
        modality: Modality::Planned,
        confidence,
        evidence: Some(Evidence {
            sentence,
            span: None,
        }),
        extractor: None,
    }
}

/// Writes documents as a JSON Lines file.
pub fn write_jsonl(path: &Path, docs: &[FactsDocument]) -> TestResult {
    let mut text = String::new();
    for doc in docs {
        text.push_str(&serde_json::to_string(doc)?);
        text.push('\n');
    }
    std::fs::write(path, text)?;
    Ok(())
}

/// The store's content as sorted N-Quads lines, graph by graph (no blank nodes are ever written,
/// so this is a canonical form of the dataset).
pub fn canonical(store: &NewsStore) -> TestResult<BTreeMap<String, BTreeSet<String>>> {
    let text = String::from_utf8(export(store, ExportFormat::NQuads, None, Vec::new())?)?;
    let mut graphs: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for quad in oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::NQuads)
        .for_slice(text.as_bytes())
    {
        let quad = quad?;
        graphs
            .entry(quad.graph_name.to_string())
            .or_default()
            .insert(quad.to_string());
    }
    Ok(graphs)
}

/// Opens the store in this process, reads its canonical form, closes it.
pub fn canonical_at(store: &Path) -> TestResult<BTreeMap<String, BTreeSet<String>>> {
    let store = NewsStore::open(store)?;
    canonical(&store)
}

/// Files in a store folder that are leftovers of an interrupted write (bulk-loader SST files,
/// temporary metadata).
pub fn stray_files(store: &Path) -> TestResult<Vec<PathBuf>> {
    let mut out = Vec::new();
    if !store.exists() {
        return Ok(out);
    }
    for entry in std::fs::read_dir(store)? {
        let path = entry?.path();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if (name.starts_with("bulk-") && name.ends_with(".sst")) || name.ends_with(".tmp") {
            out.push(path);
        }
    }
    Ok(out)
}

/// Runs a command to completion (stdout and stderr captured).
pub fn run(cmd: &mut Command) -> TestResult<std::process::Output> {
    Ok(cmd.stdin(Stdio::null()).output()?)
}
