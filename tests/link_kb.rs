//! The knowledge-base index: streaming build, persistence, reuse, staleness, bad input.

use std::io::Write;
use std::path::Path;

use newskg::link::kb::{index_path, load_or_build};
use newskg::link::{IndexState, KbError, KbSource};

type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

const KB: &str = r#"# a tiny Wikidata-shaped extract
<http://www.wikidata.org/entity/Q649> <http://www.w3.org/2000/01/rdf-schema#label> "Moscow"@en .
<http://www.wikidata.org/entity/Q649> <http://www.wikidata.org/prop/direct/P31> <http://www.wikidata.org/entity/Q515> .
<http://www.wikidata.org/entity/Q159> <http://www.w3.org/2000/01/rdf-schema#label> "Russia"@en .
<http://www.wikidata.org/entity/Q159> <http://www.w3.org/2004/02/skos/core#altLabel> "Russian Federation"@en .
<http://www.wikidata.org/entity/Q159> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.wikidata.org/entity/Q6256> .
"#;

fn write(path: &Path, text: &str) -> Result {
    std::fs::File::create(path)?.write_all(text.as_bytes())?;
    Ok(())
}

#[test]
fn index_is_built_once_then_reused_and_rebuilt_when_the_source_changes() -> Result {
    let dir = tempfile::tempdir()?;
    let source = dir.path().join("kb.nt");
    let index_dir = dir.path().join("store").join("kb-index");
    write(&source, KB)?;
    let (first, state) = load_or_build(&source, &index_dir, false)?;
    assert_eq!(state, IndexState::Built);
    assert_eq!(first.entities.len(), 2);
    assert!(index_path(&source, &index_dir).exists());
    let (second, state) = load_or_build(&source, &index_dir, false)?;
    assert_eq!(state, IndexState::Reused);
    assert_eq!(second, first);
    // A changed source (different size) makes the index stale.
    write(
        &source,
        &format!(
            "{KB}<http://www.wikidata.org/entity/Q1065> <http://www.w3.org/2000/01/rdf-schema#label> \"United Nations\"@en .\n"
        ),
    )?;
    let (third, state) = load_or_build(&source, &index_dir, false)?;
    assert_eq!(state, IndexState::Built);
    assert_eq!(third.entities.len(), 3);
    Ok(())
}

#[test]
fn a_damaged_index_is_not_trusted() -> Result {
    let dir = tempfile::tempdir()?;
    let source = dir.path().join("kb.nt");
    let index_dir = dir.path().join("kb-index");
    write(&source, KB)?;
    load_or_build(&source, &index_dir, false)?;
    let index = index_path(&source, &index_dir);
    let text = std::fs::read_to_string(&index)?;
    // Cut the file in the middle of its last record, as a crash of a non-atomic writer would.
    write(&index, &text[..text.len() - 4])?;
    let (kb, state) = load_or_build(&source, &index_dir, false)?;
    assert_eq!(state, IndexState::Built);
    assert_eq!(kb.entities.len(), 2);
    Ok(())
}

#[test]
fn syntax_error_reports_file_and_line_and_leaves_no_index() -> Result {
    let dir = tempfile::tempdir()?;
    let source = dir.path().join("bad.nt");
    let index_dir = dir.path().join("kb-index");
    write(
        &source,
        &format!(
            "{KB}<http://www.wikidata.org/entity/Q1> <http://www.w3.org/2000/01/rdf-schema#label> \"broken .\n{KB}"
        ),
    )?;
    match load_or_build(&source, &index_dir, false) {
        Err(KbError::Syntax { path, line, .. }) => {
            assert_eq!(path, source);
            assert_eq!(line, 7);
        }
        other => return Err(format!("expected a syntax error, got {other:?}").into()),
    }
    let leftovers: Vec<_> = match std::fs::read_dir(&index_dir) {
        Ok(entries) => entries.collect::<std::result::Result<_, _>>()?,
        Err(_) => Vec::new(),
    };
    assert!(
        leftovers.is_empty(),
        "index folder should be empty: {leftovers:?}"
    );
    let error = load_or_build(&source, &index_dir, false)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(error.contains("bad.nt:7:"), "{error}");
    // Lenient: the bad line is skipped, the rest indexed.
    let (kb, state) = load_or_build(&source, &index_dir, true)?;
    assert_eq!(state, IndexState::Built);
    assert_eq!(kb.entities.len(), 2);
    assert_eq!(kb.skipped.len(), 1);
    Ok(())
}

#[test]
fn reads_gzip_and_turtle() -> Result {
    let dir = tempfile::tempdir()?;
    let gz = dir.path().join("kb.nt.gz");
    let mut encoder =
        flate2::write::GzEncoder::new(std::fs::File::create(&gz)?, flate2::Compression::fast());
    encoder.write_all(KB.as_bytes())?;
    encoder.finish()?;
    assert_eq!(KbSource::from_file(&gz, false)?.entities.len(), 2);
    let ttl = dir.path().join("kb.ttl");
    write(
        &ttl,
        "@prefix wd: <http://www.wikidata.org/entity/> .\n@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n\
         @prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n\
         wd:Q1065 rdfs:label \"United Nations\"@en ; skos:altLabel \"UN\"@en, \"Vereinte Nationen\"@de .\n",
    )?;
    let kb = KbSource::from_file(&ttl, false)?;
    assert_eq!(kb.entities.len(), 1);
    assert_eq!(kb.entities[0].aliases, vec!["UN".to_owned()]);
    Ok(())
}

#[test]
fn missing_file_is_an_io_error_naming_it() {
    let error = KbSource::from_file(Path::new("/nonexistent/kb.nt"), false)
        .err()
        .map(|e| e.to_string());
    assert!(error.is_some_and(|e| e.contains("/nonexistent/kb.nt")));
}
