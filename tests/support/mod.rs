//! Helpers shared by several test binaries (each includes this file as a module): the result
//! type, the repository's example articles read, mapped and stored through the library, and a
//! small facts document built in code, and a linker over a small N-Triples KB written in the test.
#![allow(dead_code, reason = "each test binary uses a different subset")]

use std::path::{Path, PathBuf};

use newskg::facts::{Article, Entity, Evidence, Fact, FactsDocument, Modality, Span};
use newskg::link::{KbFormat, KbIndex, KbSource, Linker, builtin_sources};
use newskg::map::{MapOptions, MappedArticle, map_document};
use newskg::{NewsStore, Ontology};

/// Boxed error for tests returning `Result`.
pub type TestResult<T = ()> = Result<T, Box<dyn std::error::Error>>;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The example facts files of the repository.
pub fn example_facts() -> Vec<PathBuf> {
    ["ellison-nairobi.json", "harbour-strike.json"]
        .iter()
        .map(|f| root().join("examples/facts").join(f))
        .collect()
}

/// Reads one example facts document (`examples/facts/NAME`).
pub fn example_doc(name: &str) -> TestResult<FactsDocument> {
    let docs = newskg::read::read_facts_file(&root().join("examples/facts").join(name))?;
    docs.into_iter()
        .next()
        .ok_or_else(|| "empty facts file".into())
}

/// Maps documents with the built-in ontology and the default options.
pub fn map_all(docs: &[FactsDocument]) -> TestResult<Vec<MappedArticle>> {
    let ontology = Ontology::builtin()?;
    let options = MapOptions::default();
    Ok(docs
        .iter()
        .map(|d| map_document(d, &ontology, &options))
        .collect::<Result<_, _>>()?)
}

/// The example articles, mapped.
pub fn example_articles() -> TestResult<Vec<MappedArticle>> {
    let mut docs = Vec::new();
    for file in example_facts() {
        docs.extend(newskg::read::read_facts_file(&file)?);
    }
    map_all(&docs)
}

/// A new store in `dir/store` holding the example articles (and the ontology graph).
pub fn example_store(dir: &Path) -> TestResult<NewsStore> {
    let store = NewsStore::open(&dir.join("store"))?;
    store.load_articles(example_articles()?)?;
    Ok(store)
}

/// One article, `{who} will travel to Moscow next week.`: the person (entity `p`), the city
/// (entity `c`) and the planned trip, with its sentence as evidence.
pub fn travel_doc(id: &str, who: &str) -> FactsDocument {
    let text = format!("{who} will travel to Moscow next week.");
    let len = who.chars().count();
    let mut doc = FactsDocument::new(Article {
        id: id.into(),
        text: Some(text.clone()),
        ..Article::default()
    });
    let mut entity = |id: &str, kind: &str, name: &str, start: usize| {
        doc.entities.push(Entity {
            id: id.into(),
            kind: kind.into(),
            name: name.into(),
            aliases: Vec::new(),
            mentions: vec![Span {
                start,
                end: start + name.chars().count(),
            }],
            links: Vec::new(),
        });
    };
    entity("p", "Person", who, 0);
    entity("c", "City", "Moscow", len + " will travel to ".len());
    doc.facts.push(Fact {
        subject: "p".into(),
        predicate: "travelsTo".into(),
        object: Some("c".into()),
        value: None,
        time: None,
        modality: Modality::Planned,
        confidence: 0.9,
        evidence: Some(Evidence {
            sentence: Span {
                start: 0,
                end: text.chars().count(),
            },
            span: None,
        }),
        extractor: None,
    });
    doc
}

/// N-Triples of a place whose name news also gives a team: England, a country (and an
/// organisation), and the national rugby union team that has "England" as an alias.
pub const ENGLAND_KB: &str = r#"
<http://www.wikidata.org/entity/Q21> <http://www.w3.org/2000/01/rdf-schema#label> "England"@en .
<http://www.wikidata.org/entity/Q21> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.wikidata.org/entity/Q27096213> .
<http://www.wikidata.org/entity/Q21> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.wikidata.org/entity/Q43229> .
<http://www.wikidata.org/entity/Q378628> <http://www.w3.org/2000/01/rdf-schema#label> "England national rugby union team"@en .
<http://www.wikidata.org/entity/Q378628> <http://www.w3.org/2004/02/skos/core#altLabel> "England"@en .
<http://www.wikidata.org/entity/Q378628> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.wikidata.org/entity/Q43229> .
"#;

/// A linker over the built-in sources and a KB of the N-Triples `parts` (read as one file,
/// `name`), with the built-in ontology.
pub fn linker_over(parts: &[&str], name: &str) -> TestResult<Linker> {
    let ontology = Ontology::builtin()?;
    let mut sources = builtin_sources(false)?;
    sources.push(KbSource::from_reader(
        parts.concat().as_bytes(),
        KbFormat::NTriples,
        name.as_ref(),
        false,
    )?);
    Ok(Linker::new(KbIndex::new(&sources, &ontology), &ontology))
}
