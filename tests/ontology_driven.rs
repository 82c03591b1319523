//! The extractor is driven by the ontology: a relation added only to a copy of the ontology files (a
//! new property with its verb trigger) is extracted from a sentence that uses the phrase, with no
//! change to the Rust code; the built-in ontology, which lacks the term, yields no such fact.

use std::error::Error;
use std::path::Path;

use newskg::Ontology;
use newskg::extract::Extractor;
use newskg::facts::{Article, FactsDocument};

/// A new relation, written as a user would add it to `ontology/news.ttl`.
const NEW_TERM: &str = r#"
nk:sanctions a owl:ObjectProperty ;
    rdfs:label "sanctions"@en ;
    rdfs:comment "The subject imposes economic or political sanctions on another agent."@en ;
    rdfs:domain nk:Agent ; rdfs:range nk:Agent ;
    nk:verbTrigger "impose sanctions on", "slap sanctions on" .
"#;

/// Sentences written for this test.
const TEXT: &str = "The United States imposed sanctions on Russia on Monday, officials said.\n\
Germany will impose sanctions on Iran next month, Chancellor Angela Merkel said.\n";

fn extract(ontology: &Ontology) -> Result<FactsDocument, Box<dyn Error>> {
    let extractor = Extractor::new(ontology)?;
    let article = Article {
        id: "sanctions-test".into(),
        text: Some(TEXT.into()),
        date: Some("2016-03-16".into()),
        ..Article::default()
    };
    let facts = extractor.extract(article)?;
    if let Err(errors) = facts.validate(ontology) {
        return Err(format!("invalid facts: {errors:?}").into());
    }
    Ok(facts)
}

fn names(doc: &FactsDocument, predicate: &str) -> Vec<(String, String)> {
    let name = |id: &str| doc.entity(id).map(|e| e.name.clone()).unwrap_or_default();
    doc.facts
        .iter()
        .filter(|f| f.predicate == predicate)
        .map(|f| {
            (
                name(&f.subject),
                f.object.as_deref().map(name).unwrap_or_default(),
            )
        })
        .collect()
}

#[test]
fn a_relation_added_to_the_ontology_is_extracted() -> Result<(), Box<dyn Error>> {
    let dir = tempfile::tempdir()?;
    let builtin = Path::new(env!("CARGO_MANIFEST_DIR")).join("ontology");
    for entry in std::fs::read_dir(&builtin)? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "ttl") {
            if let Some(name) = path.file_name() {
                std::fs::copy(&path, dir.path().join(name))?;
            }
        }
    }
    let news = dir.path().join("news.ttl");
    let mut text = std::fs::read_to_string(&news)?;
    text.push_str(NEW_TERM);
    std::fs::write(&news, text)?;

    let extended = Ontology::from_dir(dir.path())?;
    assert!(extended.property("sanctions").is_some());
    let found = names(&extract(&extended)?, "sanctions");
    assert!(
        found
            .iter()
            .any(|(s, o)| s.contains("United States") && o == "Russia"),
        "expected United States sanctions Russia, got {found:?}"
    );
    assert!(
        found.iter().any(|(s, o)| s == "Germany" && o == "Iran"),
        "expected Germany sanctions Iran, got {found:?}"
    );

    let builtin = Ontology::builtin()?;
    assert!(builtin.property("sanctions").is_none());
    assert!(names(&extract(&builtin)?, "sanctions").is_empty());
    Ok(())
}
