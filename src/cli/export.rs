//! `newskg export`: the store (or one graph) as Turtle, N-Triples, N-Quads, TriG, JSON-LD or RDF/XML.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};
use newskg::export::{ExportFormat, export};
use newskg::store::NewsStore;
use oxigraph::model::NamedNode;

use super::StoreArgs;

/// Arguments of `newskg export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// turtle, ntriples, nquads, trig, jsonld or rdfxml (default: from the -o extension, else turtle).
    #[arg(long, short)]
    format: Option<String>,
    /// Write to FILE (atomically: a temporary file renamed at the end) instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Export only this named graph (an article IRI, or the entities or ontology graph).
    #[arg(long, value_name = "IRI")]
    graph: Option<String>,
    #[command(flatten)]
    store: StoreArgs,
}

/// Writes the export.
pub fn run(args: ExportArgs) -> anyhow::Result<ExitCode> {
    let format = match (&args.format, &args.output) {
        (Some(name), _) => ExportFormat::from_name(name).with_context(|| {
            format!(
                "unknown --format {name:?}: use turtle, ntriples, nquads, trig, jsonld or rdfxml"
            )
        })?,
        (None, Some(path)) => path
            .extension()
            .and_then(|e| ExportFormat::from_name(&e.to_string_lossy()))
            .unwrap_or(ExportFormat::Turtle),
        (None, None) => ExportFormat::Turtle,
    };
    let graph = match &args.graph {
        Some(iri) => Some(
            NamedNode::new(iri.as_str())
                .with_context(|| format!("--graph {iri:?} is not an IRI"))?,
        ),
        None => None,
    };
    if let Some(path) = &args.output {
        if path.is_dir() {
            bail!("{} is a folder", path.display());
        }
    }
    let store = NewsStore::open_existing(&args.store.dir)?;
    match &args.output {
        None => {
            let out = std::io::BufWriter::new(std::io::stdout().lock());
            export(&store, format, graph.as_ref(), out)?.flush()?;
        }
        Some(path) => {
            let mut tmp_name = path.file_name().unwrap_or_default().to_os_string();
            tmp_name.push(".tmp");
            let tmp = path.with_file_name(tmp_name);
            let file = std::fs::File::create(&tmp)
                .with_context(|| format!("creating {}", tmp.display()))?;
            let result = export(
                &store,
                format,
                graph.as_ref(),
                std::io::BufWriter::new(file),
            )
            .map_err(anyhow::Error::from)
            .and_then(|mut w| Ok(w.flush()?));
            if let Err(err) = result {
                let _ = std::fs::remove_file(&tmp);
                return Err(err.context(format!("writing {}", path.display())));
            }
            std::fs::rename(&tmp, path)
                .with_context(|| format!("renaming {} to {}", tmp.display(), path.display()))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
