//! Integration tests of the extractor's input side: hostile text, article files (Markdown with
//! front matter, HTML, empty, binary, non-UTF-8) and the `extract` command's streams and files,
//! on articles written for these tests.

use std::error::Error;

use newskg::Ontology;
use newskg::extract::{Extractor, InputError, read_article_file};
use newskg::facts::{Article, FactsDocument};

type TestResult = Result<(), Box<dyn Error>>;

const STORY: &str = "GENEVA, May 2 (UPI) — United Nations envoy Pieter van Houten said Tuesday that talks between the government and rebel groups would resume in Geneva next week.
“Both sides have agreed to come back,” van Houten told reporters.
";

#[test]
fn hostile_input_does_not_panic() -> TestResult {
    let ontology = Ontology::builtin()?;
    let extractor = Extractor::new(&ontology)?;
    let mut bytes: Vec<u8> = (0..=255u8).cycle().take(20_000).collect();
    bytes.extend_from_slice("É’s “ — U.S. Mr. ".as_bytes());
    let long_line = "Mr. Smith of the U.S. said ".repeat(40_000);
    let cases = [
        String::from_utf8_lossy(&bytes).into_owned(),
        long_line,
        "no sentence here just words without end".to_owned(),
        "...!!!???".to_owned(),
        "Die Regierung in Berlin hat am Dienstag beschlossen.".to_owned(),
        "\u{FEFF}\u{200B}".to_owned(),
    ];
    for text in cases {
        let doc = extractor.extract(Article {
            id: "x".into(),
            text: Some(text.clone()),
            ..Article::default()
        })?;
        let len = text.chars().count();
        for e in &doc.entities {
            for m in &e.mentions {
                assert!(m.start < m.end && m.end <= len);
            }
        }
    }
    Ok(())
}

#[test]
fn input_files_and_their_errors() -> TestResult {
    let dir = tempfile::tempdir()?;
    let md = dir.path().join("story.md");
    std::fs::write(
        &md,
        "---\ntitle: Envoy visits\ndate: 2016-03-16\npublisher: Example Wire\n---\nThe envoy arrived in Geneva.\n",
    )?;
    let a = read_article_file(&md)?;
    assert_eq!(
        (a.id.as_str(), a.date.as_deref(), a.title.as_deref()),
        ("story", Some("2016-03-16"), Some("Envoy visits"))
    );
    assert_eq!(a.text.as_deref(), Some("The envoy arrived in Geneva.\n"));

    let html = dir.path().join("page.html");
    std::fs::write(
        &html,
        "<html><head><script>var a='<p>x</p>';</script></head><body><nav>Menu</nav><h1>Talks resume</h1><p>GENEVA (Example) — Talks resumed.</p></body></html>",
    )?;
    let a = read_article_file(&html)?;
    assert_eq!(
        a.text.as_deref(),
        Some("Talks resume\n\nGENEVA (Example) — Talks resumed.")
    );

    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, " \n")?;
    assert!(matches!(
        read_article_file(&empty),
        Err(InputError::Empty { .. })
    ));
    let binary = dir.path().join("image.txt");
    std::fs::write(&binary, [0x89, b'P', b'N', b'G', 0, 0, 1])?;
    assert!(matches!(
        read_article_file(&binary),
        Err(InputError::Binary { .. })
    ));
    let latin1 = dir.path().join("latin1.txt");
    std::fs::write(&latin1, b"line one\nCaf\xe9 au lait\n")?;
    let err = read_article_file(&latin1).err().ok_or("latin-1 accepted")?;
    let message = err.to_string();
    assert!(
        message.contains("latin1.txt:2") && message.contains("UTF-8"),
        "{message}"
    );
    Ok(())
}

#[test]
fn cli_streams_json_lines_and_reports_bad_records() -> TestResult {
    let input = format!(
        "{}\n{{\"id\":\"broken\"}}\n{}\n",
        serde_json::json!({"id": "a1", "text": STORY, "date": "2016-05-02"}),
        serde_json::json!({"id": "a2", "text": "Kenyan President Uhuru Kenyatta visited Nairobi."}),
    );
    let out = assert_cmd::Command::cargo_bin("newskg")?
        .args(["extract", "-"])
        .write_stdin(input)
        .output()?;
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr)?;
    assert!(
        stderr.contains("stdin:2") && stderr.contains("$.text"),
        "{stderr}"
    );
    let docs: Vec<FactsDocument> = String::from_utf8(out.stdout)?
        .lines()
        .map(serde_json::from_str)
        .collect::<Result<_, _>>()?;
    assert_eq!(
        docs.iter()
            .map(|d| d.article.id.as_str())
            .collect::<Vec<_>>(),
        ["a1", "a2"]
    );
    assert_eq!(docs[0].article.date.as_deref(), Some("2016-05-02"));
    Ok(())
}

#[test]
fn cli_writes_one_file_per_article_with_flags() -> TestResult {
    let dir = tempfile::tempdir()?;
    let story = dir.path().join("story.txt");
    std::fs::write(
        &story,
        "Kenyan President Uhuru Kenyatta visited Nairobi on Monday.\n",
    )?;
    let out_dir = dir.path().join("out");
    assert_cmd::Command::cargo_bin("newskg")?
        .args([
            "extract",
            "--date",
            "2017-01-09",
            "--publisher",
            "Example Wire",
            "-o",
        ])
        .arg(&out_dir)
        .arg(&story)
        .assert()
        .success();
    let doc: FactsDocument =
        serde_json::from_str(&std::fs::read_to_string(out_dir.join("story.facts.json"))?)?;
    assert_eq!(doc.article.date.as_deref(), Some("2017-01-09"));
    assert_eq!(doc.article.publisher.as_deref(), Some("Example Wire"));
    assert!(
        doc.entities
            .iter()
            .any(|e| e.name == "Uhuru Kenyatta" && e.kind == "Person")
    );
    Ok(())
}
