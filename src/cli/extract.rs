//! `newskg extract`: news text → facts documents (JSON).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use newskg::extract::{Extractor, read_article_file};
use newskg::ontology::Ontology;

/// Arguments of `newskg extract`.
#[derive(Debug, clap::Args)]
pub struct ExtractArgs {
    /// Article files (.txt, .md, .html).
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
}

/// Extracts each input and prints one facts document per line.
pub fn run(args: ExtractArgs) -> anyhow::Result<ExitCode> {
    let ontology = Ontology::builtin().context("loading the built-in ontology")?;
    let extractor = Extractor::new(&ontology)?;
    let mut out = std::io::stdout().lock();
    let mut failed = false;
    for path in &args.inputs {
        match read_article_file(path).map_err(anyhow::Error::from).and_then(|a| Ok(extractor.extract(a)?)) {
            Ok(doc) => {
                serde_json::to_writer(&mut out, &doc)?;
                writeln!(out)?;
            }
            Err(err) => {
                eprintln!("newskg: {}: {err:#}", path.display());
                failed = true;
            }
        }
    }
    Ok(if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}
