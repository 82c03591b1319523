//! A second process on a store in use fails at once with "in use", and changes nothing.

use std::process::Stdio;
use std::time::{Duration, Instant};

use newskg::NewsStore;

use super::common::{TestResult, canonical, newskg, synthetic_doc, write_jsonl};

/// Runs the command, failing the test (instead of hanging) if it does not end within a minute.
fn output_within_a_minute(cmd: &mut std::process::Command) -> TestResult<std::process::Output> {
    let mut child = cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn()?;
    let started = Instant::now();
    while child.try_wait()?.is_none() {
        if started.elapsed() > Duration::from_secs(60) {
            child.kill()?;
            return Err("a second process waited for the store instead of failing".into());
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    Ok(child.wait_with_output()?)
}

#[test]
fn a_second_process_is_refused_and_changes_nothing() -> TestResult {
    let dir = tempfile::tempdir()?;
    let store_dir = dir.path().join("store");
    let input = dir.path().join("in.jsonl");
    write_jsonl(
        &input,
        &(0..5).map(|i| synthetic_doc(i, 1)).collect::<Vec<_>>(),
    )?;
    let more = dir.path().join("more.jsonl");
    write_jsonl(
        &more,
        &(5..9).map(|i| synthetic_doc(i, 1)).collect::<Vec<_>>(),
    )?;
    assert!(
        newskg(&store_dir)
            .arg("build")
            .arg(&input)
            .output()?
            .status
            .success()
    );

    // This process holds the store (as `newskg serve` or a long build would).
    let held = NewsStore::open(&store_dir)?;
    let before = canonical(&held)?;
    let commands: [&[&str]; 5] = [
        &["build", more.to_str().ok_or("path")?],
        &["query", "SELECT * WHERE { ?s ?p ?o } LIMIT 1"],
        &["remove", "synthetic-00001"],
        &["stats"],
        &["export", "--format", "nquads"],
    ];
    for args in commands {
        let out = output_within_a_minute(newskg(&store_dir).args(args))?;
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains("in use"), "{args:?}: {stderr}");
        assert!(
            stderr.contains(&store_dir.display().to_string()),
            "{args:?} does not name the store: {stderr}"
        );
    }
    assert!(
        canonical(&held)? == before,
        "a refused process changed the store"
    );
    drop(held);

    // Two builds racing for one store: each either completes or is refused; the result is the
    // store of whichever builds ran, never a mix.
    let first = newskg(&store_dir)
        .args(["build", "--quiet"])
        .arg(&more)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()?;
    let second = output_within_a_minute(newskg(&store_dir).args(["build", "--quiet"]).arg(&more))?;
    let first = first.wait_with_output()?;
    for out in [&first, &second] {
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success() || (out.status.code() == Some(2) && stderr.contains("in use")),
            "{stderr}"
        );
    }
    assert!(first.status.success() || second.status.success());
    let reference_dir = dir.path().join("reference");
    assert!(
        newskg(&reference_dir)
            .arg("build")
            .arg(&input)
            .arg(&more)
            .output()?
            .status
            .success()
    );
    let store = NewsStore::open(&store_dir)?;
    let reference = NewsStore::open(&reference_dir)?;
    assert!(canonical(&store)? == canonical(&reference)?);
    Ok(())
}
