//! Benchmark helper binary (`harness = false`), driven by `benches/pipeline.sh`.
//!
//! It times what the `newskg` command line cannot time on its own, with the library's own code,
//! and runs Oxigraph's own loader and dump on the same data (the ceiling the store sets):
//!
//! ```text
//! tool map FACTS.jsonl               parse + validate + map every document (no store)
//! tool load FACTS.jsonl STORE        map in chunks, then load each chunk; map and load timed apart
//! tool ox-load FILE.nq STORE         Oxigraph's bulk loader on pre-built N-Quads (the ceiling)
//! tool ox-dump STORE OUT nquads|trig Oxigraph's own dump of a store
//! tool optimize STORE                 flush and compact a store (what RocksDB otherwise does in
//!                                     the background of the next process that opens it)
//! tool queries STORE Q.rq...         each query: 1 warm-up + 5 timed runs, median in ms (wall
//!                                     clock, and on-CPU time of the thread)
//! tool count STORE                  the number of quads in a store (a full scan)
//! tool explain STORE Q.rq            Oxigraph's plan of one query, with the rows each step
//!                                     produced (JSON), to see what a query does per row
//! ```
//!
//! Each command prints one JSON object on stdout. Threads follow `RAYON_NUM_THREADS`.
//! Cargo runs bench binaries with an extra `--bench` argument; it is ignored.

use std::error::Error;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::Path;
use std::time::{Duration, Instant};

use newskg::facts::FactsDocument;
use newskg::map::{MapOptions, MappedArticle, map_document};
use newskg::ontology::Ontology;
use newskg::store::NewsStore;
use oxigraph::io::RdfFormat;
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use rayon::prelude::*;

type Result<T> = std::result::Result<T, Box<dyn Error>>;

/// Articles mapped and loaded together, as `newskg build` does.
const CHUNK: usize = 2000;

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["map", facts] => map(Path::new(facts), None),
        ["load", facts, store] => map(Path::new(facts), Some(Path::new(store))),
        ["ox-load", nquads, store] => ox_load(Path::new(nquads), Path::new(store)),
        ["ox-dump", store, out, format] => ox_dump(Path::new(store), Path::new(out), format),
        ["queries", store, files @ ..] => queries(Path::new(store), files),
        ["optimize", store] => optimize(Path::new(store)),
        ["count", store] => {
            let quads = NewsStore::open(Path::new(store))?.oxigraph().len()?;
            println!("{{\"quads\":{quads}}}");
            Ok(())
        }
        ["explain", store, file] => explain(Path::new(store), Path::new(file)),
        _ => Err("usage: tool map FACTS | load FACTS STORE | ox-load NQ STORE | ox-dump STORE OUT FORMAT | queries STORE Q.rq... | count STORE | explain STORE Q.rq | optimize STORE".into()),
    }
}

/// Parses, validates and maps the documents of a JSON Lines facts file, chunk by chunk; with a
/// store, loads each chunk after mapping it.
fn map(facts: &Path, store: Option<&Path>) -> Result<()> {
    let ontology = Ontology::builtin()?;
    let options = MapOptions::default();
    let store = store.map(NewsStore::open).transpose()?;
    let (mut map_time, mut load_time) = (Duration::ZERO, Duration::ZERO);
    let (mut articles, mut facts_n, mut quads) = (0usize, 0usize, 0usize);
    let mut lines = BufReader::new(File::open(facts)?).lines();
    loop {
        let chunk: Vec<String> = lines.by_ref().take(CHUNK).collect::<std::io::Result<_>>()?;
        if chunk.is_empty() {
            break;
        }
        let started = Instant::now();
        let mapped: Vec<MappedArticle> = chunk
            .par_iter()
            .filter(|line| !line.trim().is_empty())
            .map(|line| -> std::result::Result<MappedArticle, String> {
                let doc: FactsDocument = serde_json::from_str(line).map_err(|e| e.to_string())?;
                map_document(&doc, &ontology, &options).map_err(|e| e.to_string())
            })
            .collect::<std::result::Result<_, _>>()?;
        map_time += started.elapsed();
        articles += mapped.len();
        facts_n += mapped.iter().map(|m| m.counts.facts).sum::<usize>();
        quads += mapped.iter().map(MappedArticle::len).sum::<usize>();
        if let Some(store) = &store {
            let started = Instant::now();
            store.load_articles(mapped)?;
            load_time += started.elapsed();
        }
    }
    let mut out = format!(
        "{{\"articles\":{articles},\"facts\":{facts_n},\"quads\":{quads},\"map_s\":{:.6}",
        map_time.as_secs_f64()
    );
    if let Some(store) = &store {
        let started = Instant::now();
        store.oxigraph().flush()?;
        load_time += started.elapsed();
        out += &format!(
            ",\"load_s\":{:.6},\"store_quads\":{}",
            load_time.as_secs_f64(),
            store.oxigraph().len()?
        );
    }
    println!("{out}}}");
    Ok(())
}

/// Oxigraph's bulk loader on an N-Quads file, into a new on-disk store.
fn ox_load(nquads: &Path, store: &Path) -> Result<()> {
    let started = Instant::now();
    let store = Store::open(store)?;
    let mut loader = store.bulk_loader();
    loader.load_from_reader(RdfFormat::NQuads, BufReader::new(File::open(nquads)?))?;
    loader.commit()?;
    store.flush()?;
    let seconds = started.elapsed().as_secs_f64();
    println!("{{\"quads\":{},\"load_s\":{seconds:.6}}}", store.len()?);
    Ok(())
}

/// Flushes and compacts a store.
fn optimize(store: &Path) -> Result<()> {
    let started = Instant::now();
    NewsStore::open(store)?.optimize()?;
    println!("{{\"optimize_s\":{:.6}}}", started.elapsed().as_secs_f64());
    Ok(())
}

/// Oxigraph's own dump of a whole store.
fn ox_dump(store: &Path, out: &Path, format: &str) -> Result<()> {
    let format = match format {
        "nquads" => RdfFormat::NQuads,
        "trig" => RdfFormat::TriG,
        other => return Err(format!("unknown dump format {other}").into()),
    };
    let store = Store::open(store)?;
    let started = Instant::now();
    let mut writer = store.dump_to_writer(format, BufWriter::new(File::create(out)?))?;
    writer.flush()?;
    println!("{{\"dump_s\":{:.6}}}", started.elapsed().as_secs_f64());
    Ok(())
}

/// Runs each query file against the store: one warm-up run, then five timed runs (the query
/// parsed, evaluated and every result read); prints the median and the number of results. A
/// query slower than 10 s is run once.
fn queries(store: &Path, files: &[&str]) -> Result<()> {
    let store = NewsStore::open(store)?;
    let mut results = Vec::new();
    for file in files {
        let sparql = std::fs::read_to_string(file)?;
        let name = Path::new(file)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("query")
            .to_owned();
        let mut times = Vec::new();
        let mut cpu_times = Vec::new();
        let mut rows = 0;
        for run in 0..6 {
            let cpu_started = thread_cpu_ns();
            let started = Instant::now();
            rows = consume(store.query(&sparql)?)?;
            let ms = started.elapsed().as_secs_f64() * 1000.0;
            let cpu_ms = match (cpu_started, thread_cpu_ns()) {
                (Some(a), Some(b)) => (b.saturating_sub(a)) as f64 / 1e6,
                _ => f64::NAN,
            };
            if run > 0 || ms > 10_000.0 {
                times.push(ms);
                cpu_times.push(cpu_ms);
            }
            if ms > 10_000.0 {
                break; // a query this slow is reported from one run
            }
        }
        times.sort_by(f64::total_cmp);
        cpu_times.sort_by(f64::total_cmp);
        let cpu_ms = cpu_times[cpu_times.len() / 2];
        results.push(format!(
            "{{\"name\":{name:?},\"ms\":{:.3},\"cpu_ms\":{},\"rows\":{rows}}}",
            times[times.len() / 2],
            if cpu_ms.is_nan() {
                "null".to_owned()
            } else {
                format!("{cpu_ms:.3}")
            }
        ));
    }
    println!("{{\"queries\":[{}]}}", results.join(","));
    Ok(())
}

/// Prints Oxigraph's plan of a query (the union of all graphs as default graph, newskg's
/// prefixes), after reading every result, so that each step carries its row count and time.
fn explain(store: &Path, file: &Path) -> Result<()> {
    let store = NewsStore::open(store)?;
    let mut evaluator = SparqlEvaluator::new();
    for (prefix, iri) in newskg::vocab::PREFIXES {
        evaluator = evaluator.with_prefix(prefix, iri)?;
    }
    let mut prepared = evaluator.parse_query(&std::fs::read_to_string(file)?)?;
    prepared.dataset_mut().set_default_graph_as_union();
    let (results, explanation) = prepared
        .on_store(store.oxigraph())
        .compute_statistics()
        .explain();
    let rows = consume(results?)?;
    let mut out = std::io::stdout().lock();
    explanation.write_in_json(&mut out)?;
    writeln!(out, "\n{{\"rows\":{rows}}}")?;
    Ok(())
}

/// Time this thread has spent on a CPU, in nanoseconds (Linux `/proc/thread-self/schedstat`):
/// query times that do not count the time the machine gave to other processes. Query evaluation
/// runs on the calling thread.
fn thread_cpu_ns() -> Option<u64> {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// Reads every solution (or triple) of a result; returns how many.
fn consume(results: QueryResults<'_>) -> Result<usize> {
    Ok(match results {
        QueryResults::Solutions(solutions) => {
            let mut n = 0;
            for solution in solutions {
                solution?;
                n += 1;
            }
            n
        }
        QueryResults::Graph(triples) => {
            let mut n = 0;
            for triple in triples {
                triple?;
                n += 1;
            }
            n
        }
        QueryResults::Boolean(_) => 1,
    })
}
