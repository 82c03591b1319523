//! Inputs that once broke newskg (fuzz crashes, bug reports), kept in `tests/regressions/`:
//! `facts_json/*` are facts records (one `.json` file or `.jsonl` line, any bytes), `extract_text/*`
//! are article texts. Each must run through reading, validation, extraction and mapping without a
//! panic, and whatever is accepted must satisfy the invariants of `fuzz/src/check.rs`.

use std::path::PathBuf;

use newskg::extract::Extractor;
use newskg::facts::Article;
use newskg::read::{Location, Record, parse_record};

use super::common::TestResult;

fn files(kind: &str) -> TestResult<Vec<PathBuf>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/regressions")
        .join(kind);
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_file() && path.file_name().is_some_and(|n| n != "README.md") {
            out.push(path);
        }
    }
    out.sort();
    Ok(out)
}

#[test]
fn facts_regressions() -> TestResult {
    let inputs = files("facts_json")?;
    assert!(!inputs.is_empty());
    for path in inputs {
        let Ok(json) = String::from_utf8(std::fs::read(&path)?) else {
            continue;
        };
        let record = Record {
            location: Location {
                file: path.clone(),
                line: Some(1),
                index: None,
            },
            json,
        };
        for (_, doc) in parse_record(&record) {
            if let Ok(doc) = doc {
                super::check::map_and_check(&doc);
            }
        }
    }
    Ok(())
}

#[test]
fn text_regressions() -> TestResult {
    let ontology = newskg::Ontology::builtin()?;
    let extractor = Extractor::new(&ontology)?;
    let inputs = files("extract_text")?;
    assert!(!inputs.is_empty());
    for path in inputs {
        let text = String::from_utf8_lossy(&std::fs::read(&path)?).into_owned();
        for date in [None, Some("2016-03-16".to_owned())] {
            let article = Article {
                id: "regression".into(),
                text: Some(text.clone()),
                date,
                ..Article::default()
            };
            if let Ok(doc) = extractor.extract(article) {
                if let Err(errors) = doc.validate(&ontology) {
                    return Err(format!("{}: invalid facts: {errors:?}", path.display()).into());
                }
                super::check::map_and_check(&doc);
            }
        }
    }
    Ok(())
}
