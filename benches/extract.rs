//! Extraction throughput (`harness = false`), driven by `benches/extract.sh`.
//!
//! ```text
//! cargo bench --bench extract -- CORPUS... [--seconds S] [--threads 1,2] [--stages] [--json FILE]
//! cargo bench --bench extract -- CORPUS... --profile PASSES   one thread, no timing: for perf/callgrind
//! cargo bench --bench extract -- CORPUS... --dump-texts FILE  the texts as JSON Lines (for spaCy)
//! cargo bench --bench extract -- ARTICLES.jsonl --facts OUT   facts of each article, one per line
//! ```
//!
//! CORPUS is a JSON Lines file of articles (`text` field; the dev sets of `../shared/corpus/dev`), a
//! `.txt` article, or a folder of those. Each measured run is one pass of [`Extractor::extract`]
//! over every article (articles are copied before the clock starts, as a reader would hand them
//! over); runs repeat until `--seconds` have passed (at least three), and the median run is
//! reported. With N threads the articles of a pass are spread over a rayon pool of N threads, as
//! `newskg build` and `newskg extract` do.
//!
//! **Tokens** are the extractor's own tokens ([`Document::parse`]): words, numbers and punctuation
//! marks each count once ("U.S.", "cease-fire" and "’s" are one token each). The whitespace-separated
//! word count is printed too. Cargo runs bench binaries with an extra `--bench` argument; it is
//! ignored, and with no corpus the bench says so and exits successfully.

use std::error::Error;
use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::time::Instant;

use newskg::extract::text::Document;
use newskg::extract::{Extractor, entities, quotes, relations};
use newskg::facts::Article;
use newskg::ontology::Ontology;
use rayon::prelude::*;

type Result<T> = std::result::Result<T, Box<dyn Error>>;

/// Options from the command line.
struct Options {
    inputs: Vec<PathBuf>,
    seconds: f64,
    threads: Vec<usize>,
    stages: bool,
    profile: Option<usize>,
    dump_texts: Option<PathBuf>,
    facts: Option<PathBuf>,
    json: Option<PathBuf>,
}

fn parse_args() -> Result<Options> {
    let mut o = Options {
        inputs: Vec::new(),
        seconds: 3.0,
        threads: vec![1, 2],
        stages: false,
        profile: None,
        dump_texts: None,
        facts: None,
        json: None,
    };
    let mut args = std::env::args().skip(1).filter(|a| a != "--bench");
    while let Some(a) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
        match a.as_str() {
            "--seconds" => o.seconds = value("--seconds")?.parse()?,
            "--threads" => {
                o.threads = value("--threads")?
                    .split(',')
                    .map(str::parse)
                    .collect::<std::result::Result<_, _>>()?
            }
            "--stages" => o.stages = true,
            "--profile" => o.profile = Some(value("--profile")?.parse()?),
            "--dump-texts" => o.dump_texts = Some(value("--dump-texts")?.into()),
            "--facts" => o.facts = Some(value("--facts")?.into()),
            "--json" => o.json = Some(value("--json")?.into()),
            "-h" | "--help" => {
                return Err(
                    "usage: extract CORPUS... [--seconds S] [--threads 1,2] [--stages] \
                            [--json FILE] [--profile PASSES] [--dump-texts FILE] [--facts OUT]"
                        .into(),
                );
            }
            _ if a.starts_with("--") => return Err(format!("unknown option {a}").into()),
            _ => o.inputs.push(a.into()),
        }
    }
    Ok(o)
}

/// The article texts of the inputs, in a fixed order.
fn read_texts(inputs: &[PathBuf]) -> Result<Vec<String>> {
    let mut files = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut inner: Vec<PathBuf> = std::fs::read_dir(input)?
                .map(|e| e.map(|e| e.path()))
                .collect::<std::result::Result<_, _>>()?;
            inner.retain(|p| {
                p.extension()
                    .is_some_and(|x| x == "jsonl" || x == "txt" || x == "md")
            });
            inner.sort();
            files.extend(inner);
        } else {
            files.push(input.clone());
        }
    }
    let mut texts = Vec::new();
    for file in files {
        if file.extension().is_some_and(|x| x == "jsonl") {
            let reader = BufReader::new(std::fs::File::open(&file)?);
            for (n, line) in reader.lines().enumerate() {
                let line = line?;
                if line.trim().is_empty() {
                    continue;
                }
                let v: serde_json::Value = serde_json::from_str(&line)
                    .map_err(|e| format!("{}:{}: {e}", file.display(), n + 1))?;
                if let Some(t) = v.get("text").and_then(|t| t.as_str()) {
                    texts.push(t.to_owned());
                }
            }
        } else {
            texts.push(std::fs::read_to_string(&file)?);
        }
    }
    Ok(texts)
}

/// Median of the run times (seconds) of repeated passes, until `seconds` have passed.
fn median_run(seconds: f64, mut pass: impl FnMut() -> f64) -> f64 {
    let _ = pass(); // warm-up
    let mut times = Vec::new();
    let start = Instant::now();
    while times.len() < 3 || (start.elapsed().as_secs_f64() < seconds && times.len() < 10_000) {
        times.push(pass());
    }
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

/// CPU time used so far by all threads of this process, in seconds (Linux `schedstat`; `None`
/// elsewhere). On a machine shared with other work, tokens per CPU-second is the per-core speed.
fn cpu_seconds() -> Option<f64> {
    let mut total = 0u64;
    for task in std::fs::read_dir("/proc/self/task").ok()? {
        let stat = std::fs::read_to_string(task.ok()?.path().join("schedstat")).ok()?;
        total += stat.split_whitespace().next()?.parse::<u64>().ok()?;
    }
    Some(total as f64 / 1e9)
}

fn main() -> Result<()> {
    let opts = parse_args()?;
    if opts.inputs.is_empty() {
        println!("extract bench: no corpus given (pass the dev corpus folder); skipped");
        return Ok(());
    }
    if let Some(out) = &opts.facts {
        return write_facts(&opts.inputs, out);
    }
    let texts = read_texts(&opts.inputs)?;
    if let Some(path) = &opts.dump_texts {
        let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
        for t in &texts {
            serde_json::to_writer(&mut out, &serde_json::json!({ "text": t }))?;
            writeln!(out)?;
        }
        out.flush()?;
        return Ok(());
    }
    let ontology = Ontology::builtin()?;
    let extractor = Extractor::new(&ontology)?;
    let articles: Vec<Article> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| Article {
            id: format!("a{i}"),
            text: Some(t.clone()),
            date: Some("2016-03-16".to_owned()),
            ..Article::default()
        })
        .collect();
    if let Some(passes) = opts.profile {
        for _ in 0..passes {
            for a in &articles {
                std::hint::black_box(extractor.extract(a.clone())?);
            }
        }
        return Ok(());
    }
    let tokens: usize = texts
        .iter()
        .map(|t| Document::parse(t, extractor.lexicon()).tokens.len())
        .sum();
    let words: usize = texts.iter().map(|t| t.split_whitespace().count()).sum();
    let bytes: usize = texts.iter().map(String::len).sum();
    println!(
        "extract bench: {} articles, {bytes} bytes, {tokens} tokens (extractor tokens), {words} whitespace words",
        articles.len()
    );
    let mut results = Vec::new();
    for &n in &opts.threads {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(n).build()?;
        let cpu_start = cpu_seconds();
        let mut passes = 0usize;
        let secs = median_run(opts.seconds, || {
            passes += 1;
            let batch = articles.clone();
            let start = Instant::now();
            if n == 1 {
                for a in batch {
                    std::hint::black_box(extractor.extract(a).ok());
                }
            } else {
                pool.install(|| {
                    batch.into_par_iter().for_each(|a| {
                        std::hint::black_box(extractor.extract(a).ok());
                    })
                });
            }
            start.elapsed().as_secs_f64()
        });
        // Tokens per CPU-second over all passes (warm-up included).
        let cpu_rate = cpu_start
            .zip(cpu_seconds())
            .map(|(a, b)| (tokens * passes) as f64 / (b - a).max(1e-9));
        let rate = tokens as f64 / secs;
        println!(
            "extract bench: {n} thread(s): {:.1} ms per pass (median of {}), {:.0} tokens/s, {:.1} MB/s; {} tokens per CPU-second",
            secs * 1e3,
            passes - 1,
            rate,
            bytes as f64 / secs / 1e6,
            cpu_rate.map_or("?".to_owned(), |r| format!("{r:.0}")),
        );
        results.push((n, rate, cpu_rate));
    }
    if let (Some(one), Some(two)) = (
        results.iter().find(|r| r.0 == 1),
        results.iter().find(|r| r.0 == 2),
    ) {
        println!(
            "extract bench: 2 threads / 1 thread = {:.2}x ({} cores available)",
            two.1 / one.1,
            std::thread::available_parallelism().map_or(0, usize::from)
        );
    }
    let mut stage_rates = Vec::new();
    if opts.stages {
        // Cumulative prefixes of the pipeline on one thread; each stage's cost is the difference.
        let lex = extractor.lexicon();
        let stage = |upto: usize| {
            median_run(opts.seconds / 2.0, || {
                let start = Instant::now();
                for t in &texts {
                    let doc = Document::parse(t, lex);
                    if upto >= 2 {
                        let ents = entities::recognize(&doc, lex);
                        if upto >= 4 {
                            std::hint::black_box(relations::extract(&doc, &ents, lex));
                            std::hint::black_box(quotes::extract(&doc, &ents, lex));
                        }
                        std::hint::black_box(ents);
                    }
                    std::hint::black_box(doc);
                }
                start.elapsed().as_secs_f64()
            })
        };
        // Relations and quotes share one scan of the document, so they are timed together.
        let cumulative = [stage(1), stage(2), stage(4)];
        let names = ["text", "entities", "relations and quotes"];
        let mut prev = 0.0;
        for (name, t) in names.iter().zip(cumulative) {
            let own = (t - prev).max(1e-9);
            println!(
                "extract bench: stage {name}: {:.1} ms per pass ({:.0} tokens/s alone)",
                own * 1e3,
                tokens as f64 / own
            );
            stage_rates.push((name.to_string(), own));
            prev = t;
        }
    }
    if let Some(path) = &opts.json {
        let value = serde_json::json!({
            "articles": articles.len(),
            "bytes": bytes,
            "tokens": tokens,
            "whitespace_words": words,
            "tokens_per_second": results
                .iter()
                .map(|(n, r, _)| (n.to_string(), serde_json::json!(r)))
                .collect::<serde_json::Map<_, _>>(),
            "tokens_per_cpu_second": results
                .iter()
                .map(|(n, _, c)| (n.to_string(), serde_json::json!(c)))
                .collect::<serde_json::Map<_, _>>(),
            "cores": std::thread::available_parallelism().map_or(0, usize::from),
            "stage_seconds": stage_rates
                .iter()
                .map(|(n, s)| (n.clone(), serde_json::json!(s)))
                .collect::<serde_json::Map<_, _>>(),
        });
        std::fs::write(path, serde_json::to_string_pretty(&value)?)?;
    }
    Ok(())
}

/// Extracts every article of the JSON Lines inputs (the article format of `newskg extract -`) and
/// writes its facts as one JSON line: the reference output that speed work must not change.
fn write_facts(inputs: &[PathBuf], out: &std::path::Path) -> Result<()> {
    let ontology = Ontology::builtin()?;
    let extractor = Extractor::new(&ontology)?;
    let mut w = std::io::BufWriter::new(std::fs::File::create(out)?);
    for input in inputs {
        let reader = BufReader::new(std::fs::File::open(input)?);
        for line in reader.lines() {
            let line = line?;
            if line.trim().is_empty() {
                continue;
            }
            let article: Article = serde_json::from_str(&line)?;
            serde_json::to_writer(&mut w, &extractor.extract(article)?)?;
            writeln!(w)?;
        }
    }
    w.flush()?;
    Ok(())
}
