//! `newskg extract`: news text → facts documents (JSON).
//!
//! Files (`.txt`, `.md`, `.html`) are extracted in parallel (rayon) and printed one facts document
//! per line in input order, or written as `DIR/<id>.facts.json` with `-o DIR`. `-` reads JSON Lines
//! articles on stdin and streams one facts document per line to stdout (the map step of a
//! distributed job). A bad input is reported on stderr with its file (and line); the others are
//! still processed and the exit code is 1.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use newskg::extract::input::read_jsonl;
use newskg::extract::{Extractor, read_article_file};
use newskg::facts::{Article, FactsDocument};
use newskg::ontology::Ontology;
use rayon::prelude::*;

/// Arguments of `newskg extract`.
#[derive(Debug, clap::Args)]
pub struct ExtractArgs {
    /// Article files (.txt, .md, .html), or `-` for JSON Lines articles on stdin.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Publication date (YYYY-MM-DD) for articles that do not give one.
    #[arg(long)]
    date: Option<String>,
    /// Publisher for articles that do not name one.
    #[arg(long)]
    publisher: Option<String>,
    /// Write one `<id>.facts.json` per article into this folder instead of printing.
    #[arg(short = 'o', long = "output")]
    output: Option<PathBuf>,
    /// Read the ontology from this folder instead of the built-in one.
    #[arg(long)]
    ontology: Option<PathBuf>,
}

/// Extracts each input and prints one facts document per line (or writes files with `-o`).
pub fn run(args: ExtractArgs) -> anyhow::Result<ExitCode> {
    let ontology = match &args.ontology {
        Some(dir) => Ontology::from_dir(dir)
            .with_context(|| format!("loading the ontology from {}", dir.display()))?,
        None => Ontology::builtin().context("loading the built-in ontology")?,
    };
    if let Some(date) = &args.date {
        anyhow::ensure!(
            newskg::facts::is_iso_date(date),
            "--date {date:?}: expected YYYY-MM-DD"
        );
    }
    let extractor = Extractor::new(&ontology)?;
    if let Some(dir) = &args.output {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let defaults = |mut a: Article| {
        if a.date.is_none() {
            a.date.clone_from(&args.date);
        }
        if a.publisher.is_none() {
            a.publisher.clone_from(&args.publisher);
        }
        a
    };
    let mut failed = false;
    let files: Vec<&PathBuf> = args
        .inputs
        .iter()
        .filter(|p| p.as_os_str() != "-")
        .collect();
    // Files are extracted in parallel; results are printed in input order.
    let results: Vec<(&PathBuf, anyhow::Result<FactsDocument>)> = files
        .par_iter()
        .map(|path| {
            let r = read_article_file(path)
                .map_err(anyhow::Error::from)
                .and_then(|a| Ok(extractor.extract(defaults(a))?));
            (*path, r)
        })
        .collect();
    {
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        for (path, r) in results {
            match r {
                Ok(doc) => emit(&doc, args.output.as_deref(), &mut out)?,
                Err(err) => {
                    eprintln!("newskg: {}: {err:#}", path.display());
                    failed = true;
                }
            }
        }
        out.flush()?;
    }
    if args.inputs.iter().any(|p| p.as_os_str() == "-") {
        failed |= run_stdin(&extractor, &defaults, args.output.as_deref())?;
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// An extracted article, ready to write: its JSON line (stdout) or the document (`-o DIR`).
enum Extracted {
    Line(Vec<u8>),
    Doc(Box<FactsDocument>),
}

/// Streams JSON Lines articles from stdin; returns whether some record failed.
fn run_stdin(
    extractor: &Extractor,
    defaults: &(dyn Fn(Article) -> Article + Sync),
    output: Option<&Path>,
) -> anyhow::Result<bool> {
    let stdin = std::io::stdin();
    let reader = std::io::BufReader::new(stdin.lock());
    let mut failed = false;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    // Batches keep memory bounded while using all cores.
    let mut batch: Vec<Result<Article, String>> = Vec::new();
    let flush = |batch: &mut Vec<Result<Article, String>>,
                 out: &mut dyn Write|
     -> anyhow::Result<bool> {
        // Extraction and, for stdout, the JSON serialisation run on all cores; only the
        // writing is sequential (in input order).
        let results: Vec<Result<Extracted, String>> = batch
            .par_drain(..)
            .map(|r| {
                let doc = r.and_then(|a| {
                    let id = a.id.clone();
                    extractor
                        .extract(defaults(a))
                        .map_err(|e| format!("article {id:?}: {e}"))
                })?;
                Ok(match output {
                    Some(_) => Extracted::Doc(Box::new(doc)),
                    None => Extracted::Line(serde_json::to_vec(&doc).map_err(|e| e.to_string())?),
                })
            })
            .collect();
        let mut failed = false;
        for r in results {
            match r {
                Ok(Extracted::Line(line)) => {
                    out.write_all(&line)?;
                    writeln!(out)?;
                }
                Ok(Extracted::Doc(doc)) => emit(&doc, output, out)?,
                Err(e) => {
                    eprintln!("newskg: {e}");
                    failed = true;
                }
            }
        }
        out.flush()?;
        Ok(failed)
    };
    for item in read_jsonl(reader, "stdin") {
        batch.push(item.map_err(|e| e.to_string()));
        if batch.len() >= 256 {
            failed |= flush(&mut batch, &mut out)?;
        }
    }
    failed |= flush(&mut batch, &mut out)?;
    Ok(failed)
}

fn emit(doc: &FactsDocument, output: Option<&Path>, out: &mut dyn Write) -> anyhow::Result<()> {
    match output {
        Some(dir) => {
            let name: String = doc
                .article
                .id
                .chars()
                .map(|c| {
                    if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                        c
                    } else {
                        '_'
                    }
                })
                .collect();
            let path = dir.join(format!("{name}.facts.json"));
            let file = std::fs::File::create(&path)
                .with_context(|| format!("creating {}", path.display()))?;
            serde_json::to_writer_pretty(std::io::BufWriter::new(file), doc)
                .with_context(|| format!("writing {}", path.display()))?;
        }
        None => {
            serde_json::to_writer(&mut *out, doc)?;
            writeln!(out)?;
        }
    }
    Ok(())
}
