//! Bad input files among good ones: each gives a clear message naming the file and the position,
//! the exit code is 1, and every good article is still loaded.

use std::io::Write;
use std::path::Path;

use newskg::NewsStore;

use super::common::{TestResult, newskg, run, synthetic_doc, write_jsonl};

/// Writes `bytes` to `dir/name`.
fn file(dir: &Path, name: &str, bytes: &[u8]) -> TestResult<std::path::PathBuf> {
    let path = dir.join(name);
    std::fs::write(&path, bytes)?;
    Ok(path)
}

fn gzip(bytes: &[u8]) -> TestResult<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?)
}

#[test]
fn bad_files_are_reported_with_their_position_and_the_others_load() -> TestResult {
    let dir = tempfile::tempdir()?;
    let d = dir.path();
    let good_doc = |i| -> TestResult<String> { Ok(serde_json::to_string(&synthetic_doc(i, 1))?) };

    // Each case: the file, and what its message must contain (besides the file name).
    let mut cases: Vec<(std::path::PathBuf, Vec<&str>)> = Vec::new();
    cases.push((file(d, "empty.json", b"")?, vec!["EOF", "line 1"]));
    cases.push((file(d, "blank.json", b"  \n\n ")?, vec!["EOF", "line 3"]));
    let mut latin1 = good_doc(1)?.into_bytes();
    let at = latin1.len() - 20;
    latin1.splice(at..at, [0xE9, 0xFF]);
    cases.push((file(d, "latin1.json", &latin1)?, vec!["UTF-8"]));
    // A JSON Lines file whose line 2 is not UTF-8: lines 1 and 3 still load.
    let mut lines = format!("{}\n", good_doc(2)?).into_bytes();
    lines.extend_from_slice(b"{\"article\": {\"id\": \"caf\xE9\"}}\n");
    lines.extend_from_slice(format!("{}\n", good_doc(3)?).as_bytes());
    cases.push((file(d, "mixed.jsonl", &lines)?, vec![":2", "UTF-8"]));
    let doc4 = good_doc(4)?;
    cases.push((
        file(d, "truncated.json", &doc4.as_bytes()[..doc4.len() / 2])?,
        vec!["EOF", "line 1 column"],
    ));
    let gz = gzip(format!("{}\n{}\n", good_doc(5)?, good_doc(6)?).as_bytes())?;
    cases.push((
        file(d, "truncated.jsonl.gz", &gz[..gz.len() * 2 / 3])?,
        vec!["truncated.jsonl.gz"],
    ));
    cases.push((
        file(d, "not-gzip.json.gz", b"{\"article\": {\"id\": \"x\"}}")?,
        vec!["gzip", "header"],
    ));
    cases.push((
        file(d, "png.json", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")?,
        vec!["line 1 column 1"],
    ));
    cases.push((
        file(
            d,
            "turtle.json",
            b"@prefix nk: <https://w3id.org/newskg/ontology#> .\n<a> nk:b <c> .\n",
        )?,
        vec!["line 1 column 1"],
    ));
    cases.push((
        file(
            d,
            "array-lines.jsonl",
            format!("[\n{}\n]\n", good_doc(7)?).as_bytes(),
        )?,
        vec![":1", "EOF"],
    ));
    cases.push((
        file(
            d,
            "wrong-shape.json",
            br#"{"article": {"id": "w"}, "facts": {"subject": "e1"}}"#,
        )?,
        vec!["facts", "expected a sequence"],
    ));
    cases.push((
        file(d, "deep.json", "[".repeat(100_000).as_bytes())?,
        vec!["recursion limit"],
    ));
    // A huge record (a 16 MB text; NEWSKG_HUGE_MB for more) is not an error: it loads.
    let mut huge = synthetic_doc(8, 1);
    let mb: usize = std::env::var("NEWSKG_HUGE_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(16);
    let filler = "All quiet in the harbour today. ".repeat((mb << 20) >> 5);
    huge.article.text = Some(format!("{}{filler}", huge.article.text.unwrap_or_default()));
    let huge_path = d.join("huge.jsonl");
    write_jsonl(&huge_path, &[huge])?;
    let good = d.join("good.jsonl");
    write_jsonl(&good, &[synthetic_doc(0, 1)])?;
    let missing = d.join("missing.json");
    cases.push((missing.clone(), vec!["no such file"]));
    let unknown = file(d, "notes.xlsx", b"PK")?;
    cases.push((unknown, vec!["unknown input type"]));

    let store_dir = d.join("store");
    let mut cmd = newskg(&store_dir);
    cmd.args(["build", "--quiet"]).arg(&good).arg(&huge_path);
    for (path, _) in &cases {
        cmd.arg(path);
    }
    let out = run(&mut cmd)?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    for (path, needles) in &cases {
        let name = path.display().to_string();
        let line = stderr
            .lines()
            .find(|l| l.contains(&format!("{name}:")) || l.contains(&format!("{name} ")))
            .ok_or_else(|| format!("no message for {name}:\n{stderr}"))?;
        for needle in needles {
            assert!(
                line.to_lowercase().contains(&needle.to_lowercase()),
                "message for {name} lacks {needle:?}: {line}"
            );
        }
        assert_eq!(line.matches(&name).count(), 1, "file named twice: {line}");
    }
    // One message per bad input (a truncated gzip must not repeat its error forever).
    assert!(stderr.lines().count() < cases.len() * 3, "{stderr}");

    let store = NewsStore::open(&store_dir)?;
    let ids: Vec<String> = store.list_articles()?.into_iter().map(|a| a.id).collect();
    for id in [
        "synthetic-00000",
        "synthetic-00002",
        "synthetic-00003",
        "synthetic-00008",
    ] {
        assert!(ids.contains(&id.to_owned()), "{id} not loaded: {ids:?}");
    }
    Ok(())
}

#[test]
fn a_bad_text_article_is_reported_and_the_others_load() -> TestResult {
    let dir = tempfile::tempdir()?;
    let d = dir.path();
    let good = file(
        d,
        "good.txt",
        b"Margaret Ellison will travel to Nairobi next week.\n",
    )?;
    let latin1 = file(
        d,
        "latin1.txt",
        b"Caf\xE9 owners in Z\xFCrich met on Tuesday.\n",
    )?;
    let store_dir = d.join("store");
    let out = run(newskg(&store_dir)
        .args(["build", "--quiet", "--date", "2026-04-06"])
        .arg(&good)
        .arg(&latin1))?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("latin1.txt") && stderr.contains("UTF-8"),
        "{stderr}"
    );
    let store = NewsStore::open(&store_dir)?;
    assert_eq!(store.list_articles()?.len(), 1);
    Ok(())
}
