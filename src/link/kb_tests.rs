//! Tests of the knowledge-base reader and its persisted index.

use super::*;

const SAMPLE: &str = r#"
<http://www.wikidata.org/entity/Q649> <http://www.w3.org/2000/01/rdf-schema#label> "Moscow"@en .
<http://www.wikidata.org/entity/Q649> <http://www.w3.org/2000/01/rdf-schema#label> "Moskau"@de .
<http://www.wikidata.org/entity/Q649> <http://www.w3.org/2004/02/skos/core#altLabel> "Moskva"@en .
<http://www.wikidata.org/entity/Q649> <http://www.wikidata.org/prop/direct/P31> <http://www.wikidata.org/entity/Q515> .
<http://www.wikidata.org/entity/Q649> <http://www.wikidata.org/prop/direct/P17> <http://www.wikidata.org/entity/Q159> .
<http://www.wikidata.org/entity/Q649> <http://schema.org/description> "capital of Russia"@en .
<http://www.wikidata.org/entity/Q515> <http://www.wikidata.org/prop/direct/P279> <http://www.wikidata.org/entity/Q27096213> .
"#;

#[test]
fn reads_wikidata_shape() -> Result<(), KbError> {
    let kb = sample()?;
    assert_eq!(kb.entities.len(), 1);
    let moscow = &kb.entities[0];
    assert_eq!(moscow.label.as_deref(), Some("Moscow"));
    assert_eq!(moscow.aliases, vec!["Moskva".to_owned()]);
    assert_eq!(
        moscow.types,
        vec!["http://www.wikidata.org/entity/Q515".to_owned()]
    );
    assert_eq!(moscow.degree, 1);
    assert_eq!(moscow.description.as_deref(), Some("capital of Russia"));
    assert_eq!(kb.subclass_of.len(), 1);
    Ok(())
}

#[test]
fn index_round_trip_keeps_everything() -> Result<(), KbError> {
    let mut kb = sample()?;
    kb.entities[0]
        .aliases
        .push("tab\there\nnew\\line\x1fsep".to_owned());
    let mut buf = Vec::new();
    kb.write_index(&mut buf).map_err(|source| KbError::Io {
        path: "buf".into(),
        source,
    })?;
    let back = KbSource::read_index(buf.as_slice(), Path::new("buf"))?;
    assert_eq!(back, kb);
    Ok(())
}

#[test]
fn truncated_index_is_rejected() -> Result<(), KbError> {
    let kb = sample()?;
    let mut buf = Vec::new();
    kb.write_index(&mut buf).map_err(|source| KbError::Io {
        path: "buf".into(),
        source,
    })?;
    let cut = &buf[..buf.len() - 6];
    assert!(KbSource::read_index(cut, Path::new("buf")).is_err());
    Ok(())
}

#[test]
fn syntax_error_names_the_line_or_is_skipped() -> Result<(), KbError> {
    let bad = format!("{SAMPLE}<http://x/a> <http://x/b> \"unterminated .\n{SAMPLE}");
    match KbSource::from_reader(
        bad.as_bytes(),
        KbFormat::NTriples,
        Path::new("bad.nt"),
        false,
    ) {
        Err(KbError::Syntax { line, .. }) => assert_eq!(line, 9),
        other => panic!("expected a syntax error, got {other:?}"),
    }
    let kb = KbSource::from_reader(
        bad.as_bytes(),
        KbFormat::NTriples,
        Path::new("bad.nt"),
        true,
    )?;
    assert_eq!(kb.skipped.len(), 1, "{:?}", kb.skipped);
    assert_eq!(kb.entities.len(), 1);
    Ok(())
}

#[test]
fn format_from_extension() {
    assert_eq!(
        KbFormat::from_path(Path::new("a/kb.nt.gz")),
        (KbFormat::NTriples, true)
    );
    assert_eq!(
        KbFormat::from_path(Path::new("kb.ttl")),
        (KbFormat::Turtle, false)
    );
    assert_eq!(
        KbFormat::from_path(Path::new("kb.NT")),
        (KbFormat::NTriples, false)
    );
}

/// The sample KB, read as N-Triples.
fn sample() -> Result<KbSource, KbError> {
    KbSource::from_reader(
        SAMPLE.as_bytes(),
        KbFormat::NTriples,
        Path::new("t.nt"),
        false,
    )
}
