//! Evaluation of the built-in extractor on the development corpora.
//!
//! ```text
//! cargo run --release --example eval -- /work/shared/corpus [--dump fp|fn|all] [--lenient] [--speed N]
//! ```
//!
//! CORPUS is the corpus folder (`dev/news-fair-dev.jsonl`, `dev/m2e2-dev.jsonl`, `seed/*.txt`). The
//! tool prints entity-mention scores on both dev sets ([`entities`]), relation scores on M2E2
//! ([`relations`]) and the seed article's checks ([`seed`]). `--speed N` instead times N passes of
//! the extractor over all dev texts on one thread and prints tokens per second. The corpus is
//! third-party data read from its path; nothing of it is stored in the repository.

mod entities;
mod linking;
mod relations;
mod seed;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use newskg::Ontology;
use newskg::extract::Extractor;

/// Command-line options.
#[derive(Debug, Default)]
pub struct Options {
    /// The corpus folder.
    pub corpus: PathBuf,
    /// Print false positives (`fp`), false negatives (`fn`) or both (`all`) per article.
    pub dump: Option<String>,
    /// Also drop a trailing possessive "'s" (both sets) and a leading "the" (news-fair) on both
    /// sides before comparing spans; issue 3's rule compares them as written.
    pub lenient: bool,
    /// Time N extraction passes instead of scoring.
    pub speed: Option<usize>,
    /// With `--speed`: time this text file (one article) instead of the dev texts.
    pub speed_text: Option<PathBuf>,
    /// Only these parts: `entities`, `relations`, `seed`, `linking` (all when empty).
    pub only: Vec<String>,
    /// The knowledge base for the linking part (default: `CORPUS/../kb/wikidata-news-sample.nt`).
    pub kb: Option<PathBuf>,
}

fn parse_args() -> Result<Options, String> {
    let mut o = Options::default();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--dump" => o.dump = Some(args.next().ok_or("--dump needs fp, fn or all")?),
            "--lenient" => o.lenient = true,
            "--speed" => {
                o.speed = Some(
                    args.next()
                        .and_then(|n| n.parse().ok())
                        .ok_or("--speed needs a number of passes")?,
                )
            }
            "--speed-text" => {
                o.speed_text = Some(PathBuf::from(
                    args.next().ok_or("--speed-text needs a file")?,
                ))
            }
            "--only" => o.only.push(
                args.next()
                    .ok_or("--only needs entities, relations, seed or linking")?,
            ),
            "--kb" => o.kb = Some(PathBuf::from(args.next().ok_or("--kb needs a file")?)),
            "-h" | "--help" => {
                return Err("usage: eval CORPUS [--dump fp|fn|all] [--lenient] [--speed N] [--only entities|relations|seed|linking] [--kb FILE]".into());
            }
            _ if o.corpus.as_os_str().is_empty() => o.corpus = PathBuf::from(a),
            _ => return Err(format!("unexpected argument {a:?}")),
        }
    }
    if o.corpus.as_os_str().is_empty() {
        return Err("usage: eval CORPUS [--dump fp|fn|all] [--lenient] [--speed N]".into());
    }
    Ok(o)
}

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(e) => {
            eprintln!("eval: {e}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<ExitCode, Box<dyn std::error::Error>> {
    let opts = parse_args()?;
    let ontology = Ontology::builtin()?;
    let extractor = Extractor::new(&ontology)?;
    let dev = opts.corpus.join("dev");
    if let Some(passes) = opts.speed {
        entities::speed(&extractor, &dev, passes, opts.speed_text.as_deref())?;
        return Ok(ExitCode::SUCCESS);
    }
    let want = |part: &str| opts.only.is_empty() || opts.only.iter().any(|p| p == part);
    if want("entities") {
        entities::run(&extractor, &dev, &opts)?;
    }
    if want("relations") {
        relations::run(&extractor, &ontology, &dev.join("m2e2-dev.jsonl"), &opts)?;
    }
    let mut ok = true;
    if want("seed") {
        for path in seed_files(&opts.corpus.join("seed"))? {
            println!("== seed article {}", path.display());
            let report = seed::run(&extractor, &ontology, &path)?;
            println!(
                "seed: {} passed, {} failed",
                report.passed,
                report.failed.len()
            );
            ok &= report.failed.is_empty();
        }
    }
    if want("linking") {
        let kb = opts
            .kb
            .clone()
            .unwrap_or_else(|| opts.corpus.join("../kb/wikidata-news-sample.nt"));
        println!("== linking ({})", kb.display());
        let mut report = linking::run(&dev.join("news-fair-dev.jsonl"), &kb)?;
        for path in seed_files(&opts.corpus.join("seed"))? {
            linking::check_seed(&path, &kb, &mut report)?;
        }
        linking::print(&report);
    }
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn seed_files(dir: &Path) -> Result<Vec<PathBuf>, Box<dyn std::error::Error>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    Ok(files)
}
