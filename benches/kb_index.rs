//! Knowledge-base index build time versus a plain oxttl parse of the same file.
//!
//! ```text
//! cargo bench --bench kb_index -- [ENTITIES]      # default 200000 entities (~2.4M triples)
//! ```
//!
//! Generates a synthetic N-Triples file in Wikidata's shape (English and other-language labels,
//! aliases, `wdt:P31`, descriptions, other IRI-valued statements), then times, best of three:
//! (1) oxttl parsing it and counting triples; (2) streaming it into a [`KbSource`], (3) the same
//! plus writing the persisted index ([`load_or_build`]) and building the in-memory [`KbIndex`].
//! Prints the ratios (2)/(1) and (3)/(1); the target is ≤ 2.

use std::io::{BufReader, BufWriter, Write};
use std::path::Path;
use std::time::{Duration, Instant};

use newskg::link::kb::load_or_build;
use newskg::link::{KbIndex, KbSource, builtin_sources};
use newskg::ontology::Ontology;

const WD: &str = "http://www.wikidata.org/entity/";
const SYLLABLES: [&str; 16] = [
    "ka", "ri", "mo", "sa", "len", "tor", "vi", "an", "dro", "el", "mi", "ra", "so", "nu", "bek",
    "ha",
];

fn word(mut n: u64) -> String {
    let mut w = String::new();
    for _ in 0..3 {
        w.push_str(SYLLABLES[(n % 16) as usize]);
        n /= 16;
    }
    let mut chars = w.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn generate(path: &Path, entities: u64) -> std::io::Result<u64> {
    let mut out = BufWriter::new(std::fs::File::create(path)?);
    let classes = ["Q5", "Q43229", "Q515", "Q6256", "Q4830453", "Q11424"];
    let mut triples = 0;
    for i in 0..entities {
        let q = format!("<{WD}Q{}>", i + 100);
        let name = format!("{} {}", word(i.wrapping_mul(2_654_435_761)), word(i));
        writeln!(
            out,
            "{q} <http://www.w3.org/2000/01/rdf-schema#label> \"{name}\"@en ."
        )?;
        writeln!(
            out,
            "{q} <http://www.w3.org/2000/01/rdf-schema#label> \"{name}\"@de ."
        )?;
        writeln!(
            out,
            "{q} <http://www.w3.org/2000/01/rdf-schema#label> \"{name}\"@fr ."
        )?;
        writeln!(
            out,
            "{q} <http://www.w3.org/2004/02/skos/core#altLabel> \"{}\"@en .",
            word(i)
        )?;
        writeln!(
            out,
            "{q} <http://www.w3.org/2004/02/skos/core#altLabel> \"{} {}\"@es .",
            word(i + 7),
            word(i)
        )?;
        writeln!(
            out,
            "{q} <http://www.wikidata.org/prop/direct/P31> <{WD}{}> .",
            classes[(i % 6) as usize]
        )?;
        writeln!(
            out,
            "{q} <http://schema.org/description> \"synthetic entity number {i}\"@en ."
        )?;
        writeln!(
            out,
            "{q} <http://schema.org/description> \"entité synthétique {i}\"@fr ."
        )?;
        for k in 0..4 {
            writeln!(
                out,
                "{q} <http://www.wikidata.org/prop/direct/P{}> <{WD}Q{}> .",
                17 + k,
                (i * 7 + k * 13) % entities + 100
            )?;
        }
        triples += 12;
    }
    out.flush()?;
    Ok(triples)
}

fn best_of<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut last = None;
    for _ in 0..runs {
        let start = Instant::now();
        let value = f();
        best = best.min(start.elapsed());
        last = Some(value);
    }
    (best, last.expect("at least one run"))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let entities: u64 = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(200_000);
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("synthetic-wikidata.nt");
    let triples = generate(&path, entities)?;
    let size = std::fs::metadata(&path)?.len();
    println!(
        "synthetic KB: {entities} entities, {triples} triples, {:.1} MB",
        size as f64 / 1e6
    );

    let (parse, count) = best_of(3, || {
        let file = std::fs::File::open(&path).map(|f| BufReader::with_capacity(1 << 16, f));
        file.map(|f| {
            oxttl::NTriplesParser::new()
                .for_reader(f)
                .filter(Result::is_ok)
                .count()
        })
        .unwrap_or(0)
    });
    println!(
        "plain oxttl parse:             {:>8.3} s ({count} triples)",
        parse.as_secs_f64()
    );

    let (source, kb) = best_of(3, || KbSource::from_file(&path, false));
    let kb = kb?;
    println!(
        "KB source (stream → entities): {:>8.3} s ({} entities)",
        source.as_secs_f64(),
        kb.entities.len()
    );

    let ontology = Ontology::builtin()?;
    let builtin = builtin_sources(false)?;
    let (full, len) = best_of(3, || -> Result<usize, Box<dyn std::error::Error>> {
        let index_dir = dir.path().join("kb-index");
        let _ = std::fs::remove_dir_all(&index_dir);
        let (kb, _) = load_or_build(&path, &index_dir, false)?;
        let index = KbIndex::new(builtin.iter().chain(std::iter::once(&kb)), &ontology);
        Ok(index.len())
    });
    let len = len?;
    println!(
        "index build + persist + lookup structure: {:>8.3} s ({len} entities)",
        full.as_secs_f64()
    );

    let (reuse, _) = best_of(3, || {
        load_or_build(&path, &dir.path().join("kb-index"), false).map(|(kb, _)| kb.entities.len())
    });
    println!(
        "reuse of the persisted index:  {:>8.3} s",
        reuse.as_secs_f64()
    );

    println!(
        "ratio stream/parse = {:.2}, ratio full build/parse = {:.2} (target ≤ 2)",
        source.as_secs_f64() / parse.as_secs_f64(),
        full.as_secs_f64() / parse.as_secs_f64()
    );
    Ok(())
}
