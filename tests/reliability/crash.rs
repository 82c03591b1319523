//! SIGKILL during `newskg build`, at random moments and while the bulk loader writes its files:
//! the store reopens, every article graph is complete (identical to the uninterrupted build's) or
//! absent, no bulk-loader leftovers stay in the folder, and re-running the build converges to
//! exactly the uninterrupted store.
//!
//! 20 trials on a small corpus by default; `NEWSKG_CRASH_TRIALS` and `NEWSKG_CRASH_ARTICLES` make
//! a longer run, `NEWSKG_TEST_SEED` replays one.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use super::common::{
    Rng, TestResult, canonical_at, newskg, run, stray_files, synthetic_doc, write_jsonl,
};

type Dataset = BTreeMap<String, BTreeSet<String>>;

fn env_or(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn copy_dir(from: &Path, to: &Path) -> TestResult {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

fn build(store: &Path, inputs: &[PathBuf]) -> TestResult {
    let out = run(newskg(store).arg("build").arg("--quiet").args(inputs))?;
    if !out.status.success() {
        return Err(format!("build failed: {}", String::from_utf8_lossy(&out.stderr)).into());
    }
    Ok(())
}

/// How a trial chooses its moment.
#[derive(Clone, Copy, Debug, PartialEq)]
enum When {
    /// After a random delay within the length of an uninterrupted build.
    Random,
    /// As soon as a bulk-loader SST file appears in the store folder (plus a random few ms).
    DuringBulkLoad,
}

struct Outcome {
    killed: bool,
    bulk_files_at_kill: bool,
}

fn killed_build(
    store: &Path,
    inputs: &[PathBuf],
    when: When,
    delay: Duration,
    rng: &mut Rng,
) -> TestResult<Outcome> {
    let mut child = newskg(store)
        .arg("build")
        .arg("--quiet")
        .args(inputs)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    let started = Instant::now();
    let give_up = Duration::from_secs(600);
    let mut fire_at = match when {
        When::Random => Some(started + delay),
        When::DuringBulkLoad => None,
    };
    loop {
        if child.try_wait()?.is_some() {
            return Ok(Outcome {
                killed: false,
                bulk_files_at_kill: false,
            });
        }
        let now = Instant::now();
        if fire_at.is_none() && !stray_files(store)?.is_empty() {
            fire_at = Some(now + Duration::from_millis(rng.below(15)));
        }
        if fire_at.is_some_and(|t| now >= t) || now - started > give_up {
            break;
        }
        std::thread::sleep(Duration::from_micros(500));
    }
    child.kill()?; // SIGKILL
    child.wait()?;
    Ok(Outcome {
        killed: true,
        bulk_files_at_kill: !stray_files(store)?.is_empty(),
    })
}

/// Every article graph of `found` must equal one of the `allowed` versions of that graph; graphs
/// may be absent. Returns (complete graphs, absent graphs).
fn check_graphs(found: &Dataset, allowed: &[&Dataset]) -> TestResult<(usize, usize)> {
    let articles: BTreeSet<&String> = allowed
        .iter()
        .flat_map(|d| d.keys())
        .filter(|g| g.contains("/article/"))
        .collect();
    let (mut complete, mut absent) = (0, 0);
    for graph in articles {
        match found.get(graph) {
            None => absent += 1,
            Some(quads) => {
                if !allowed.iter().any(|d| d.get(graph) == Some(quads)) {
                    let closest = allowed.iter().filter_map(|d| d.get(graph)).next();
                    let missing = closest.map(|c| c.difference(quads).count()).unwrap_or(0);
                    let extra = closest.map(|c| quads.difference(c).count()).unwrap_or(0);
                    return Err(format!(
                        "article graph {graph} is partial: {missing} quads missing, {extra} extra"
                    )
                    .into());
                }
                complete += 1;
            }
        }
    }
    for graph in found.keys() {
        if graph.contains("/article/") && !allowed.iter().any(|d| d.contains_key(graph)) {
            return Err(format!("unexpected graph {graph}").into());
        }
    }
    Ok((complete, absent))
}

#[test]
fn sigkill_during_build_keeps_articles_whole_and_rebuild_converges() -> TestResult {
    let trials = env_or("NEWSKG_CRASH_TRIALS", 20);
    let n = env_or("NEWSKG_CRASH_ARTICLES", 200);
    let mut rng = Rng::seeded(0x6e65_7773_6b67);
    let dir = tempfile::tempdir()?;
    let root = dir.path();

    // The corpus: `base` (n articles, version 1, in three files); `update` replaces the first
    // half with version 2 (transactions) and adds n/2 new articles (bulk loader).
    let base_docs: Vec<_> = (0..n).map(|i| synthetic_doc(i, 1)).collect();
    let mut base = Vec::new();
    for (k, chunk) in base_docs.chunks(n.div_ceil(3)).enumerate() {
        let path = root.join(format!("base-{k}.jsonl"));
        write_jsonl(&path, chunk)?;
        base.push(path);
    }
    let update_docs: Vec<_> = (0..n / 2)
        .map(|i| synthetic_doc(i, 2))
        .chain((n..n + n / 2).map(|i| synthetic_doc(i, 1)))
        .collect();
    let update = vec![root.join("update.jsonl")];
    write_jsonl(&update[0], &update_docs)?;

    // Uninterrupted references.
    let ref_base = root.join("ref-base");
    let started = Instant::now();
    build(&ref_base, &base)?;
    let build_time = started.elapsed();
    let ref_full = root.join("ref-full");
    copy_dir(&ref_base, &ref_full)?;
    build(&ref_full, &update)?;
    let (base_ds, full_ds) = (canonical_at(&ref_base)?, canonical_at(&ref_full)?);
    assert!(stray_files(&ref_full)?.is_empty());

    let (mut kills, mut during_bulk, mut partial_stores) = (0, 0, 0);
    for trial in 0..trials {
        let store = root.join(format!("trial-{trial}"));
        // A third of the trials update a populated store (replacements and new articles), the
        // others build from scratch; every third trial waits for the bulk loader's files.
        let updating = trial % 3 == 1;
        let when = if trial % 3 == 2 {
            When::DuringBulkLoad
        } else {
            When::Random
        };
        if updating {
            copy_dir(&ref_base, &store)?;
        }
        let inputs = if updating { &update } else { &base };
        let delay = Duration::from_micros(rng.below(build_time.as_micros() as u64 + 1));
        let outcome = killed_build(&store, inputs, when, delay, &mut rng)?;
        kills += usize::from(outcome.killed);
        during_bulk += usize::from(outcome.bulk_files_at_kill);

        // Reopen: it opens, no leftovers stay, every article graph is whole or absent.
        let found = canonical_at(&store)
            .map_err(|e| format!("trial {trial}: store does not reopen: {e}"))?;
        let leftovers = stray_files(&store)?;
        assert!(
            leftovers.is_empty(),
            "trial {trial}: leftovers after reopening: {leftovers:?}"
        );
        let allowed: Vec<&Dataset> = if updating {
            vec![&base_ds, &full_ds]
        } else {
            vec![&base_ds]
        };
        let (complete, absent) =
            check_graphs(&found, &allowed).map_err(|e| format!("trial {trial}: {e}"))?;
        if absent > 0 && complete > 0 {
            partial_stores += 1;
        }

        // Re-running the build converges to the uninterrupted store.
        build(&store, inputs)?;
        let converged = canonical_at(&store)?;
        let expected = if updating { &full_ds } else { &base_ds };
        assert!(
            converged == *expected,
            "trial {trial} ({when:?}, delay {delay:?}): the re-run did not converge"
        );
        std::fs::remove_dir_all(&store)?;
    }
    eprintln!(
        "crash test: {trials} trials, {kills} killed mid-build, {during_bulk} with bulk-loader \
         files on disk at the kill, {partial_stores} left some articles loaded and others absent; \
         uninterrupted build {build_time:?} for {n} articles"
    );
    assert!(
        kills * 2 >= trials,
        "too few trials killed the build mid-way"
    );
    Ok(())
}
