//! `newskg link`: (re)link the entities in the store to a knowledge base (Wikidata), and the
//! knowledge-base options that `newskg build` shares.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use newskg::link::relink::{self, link_quads};
use newskg::link::{DEFAULT_THRESHOLD, IndexState, Linker, load_kbs};
use newskg::ontology::Ontology;
use newskg::store::NewsStore;

use super::StoreArgs;

/// Knowledge-base options (for `link` and `build`).
#[derive(Debug, Clone, clap::Args)]
pub struct KbArgs {
    /// Knowledge-base file in Wikidata's shape (N-Triples or Turtle, optionally .gz); adds to the
    /// default KB. Repeatable.
    #[arg(long = "kb", value_name = "FILE")]
    pub kb: Vec<PathBuf>,
    /// Do not use the small default KB shipped with newskg.
    #[arg(long)]
    pub no_default_kb: bool,
    /// Skip KB statements with syntax errors (each reported) instead of stopping.
    #[arg(long)]
    pub lenient: bool,
    /// Folder of the persisted KB indexes [default: <store>/kb-index].
    #[arg(long, value_name = "DIR")]
    pub kb_index: Option<PathBuf>,
    /// Minimum confidence (0–1) of a link; below it an entity stays unlinked.
    #[arg(long, value_name = "CONFIDENCE", default_value_t = DEFAULT_THRESHOLD)]
    pub link_threshold: f64,
}

impl KbArgs {
    /// Loads the knowledge bases (reusing or building their indexes) and returns the linker.
    /// Reports on stderr what was loaded.
    pub fn linker(&self, store_dir: &Path, ontology: &Ontology) -> anyhow::Result<Linker> {
        anyhow::ensure!(
            (0.0..=1.0).contains(&self.link_threshold),
            "--link-threshold {} is not between 0 and 1",
            self.link_threshold
        );
        let index_dir = self
            .kb_index
            .clone()
            .unwrap_or_else(|| store_dir.join("kb-index"));
        let (kb, loads) = load_kbs(
            &self.kb,
            Some(&index_dir),
            self.lenient,
            !self.no_default_kb,
            ontology,
        )
        .context("loading the knowledge base")?;
        for load in &loads {
            for skipped in &load.skipped {
                eprintln!("newskg: skipped: {skipped}");
            }
            let state = match load.state {
                Some(IndexState::Reused) => "index reused",
                Some(IndexState::Built) => "index built",
                None => "read",
            };
            eprintln!(
                "newskg: KB {}: {} entities ({state})",
                load.path.display(),
                load.entities
            );
        }
        Ok(Linker::new(kb, ontology).with_threshold(self.link_threshold))
    }
}

/// Arguments of `newskg link`.
#[derive(Debug, clap::Args)]
pub struct LinkArgs {
    #[command(flatten)]
    store: StoreArgs,
    #[command(flatten)]
    kb: KbArgs,
}

/// Runs `newskg link`.
pub fn run(args: LinkArgs) -> anyhow::Result<ExitCode> {
    let ontology = Ontology::builtin().context("loading the built-in ontology")?;
    let store = NewsStore::open_existing(&args.store.dir)
        .with_context(|| format!("opening the store {}", args.store.dir.display()))?;
    let linker = args.kb.linker(&args.store.dir, &ontology)?;
    let graph = store.entities_graph().clone();
    let base = store.base().as_str().to_owned();
    let (migrations, stats) = relink::plan(store.oxigraph(), &linker, &base, graph.as_ref())
        .context("reading the entities")?;
    // The summaries name entities: recount the weeks and trip destinations of the articles that
    // mention a moved entity, and the new IRIs as destinations (marked first, so that a crash in
    // between is repaired at the next open).
    let touched: Vec<_> = migrations.iter().flat_map(|m| m.articles.clone()).collect();
    let moved_to: Vec<_> = migrations.iter().map(|m| m.new.clone()).collect();
    store
        .mark_summary_stale(&touched)
        .and_then(|_| store.mark_entities_stale(&moved_to))
        .context("marking the summaries to recount")?;
    let rewritten = relink::apply(store.oxigraph(), &migrations, graph.as_ref(), |m| {
        link_quads(&base, graph.as_ref(), m)
    })
    .context("moving linked entities to their new IRIs")?;
    store.repair_summary().context("recounting the summaries")?;
    for m in &migrations {
        println!(
            "{} → {} ({}, {})",
            m.old, m.new, m.link.iri, m.link.confidence
        );
    }
    println!(
        "linked {} new entit{} ({} quads moved); {} of {} linkable entities are linked",
        stats.newly_linked,
        if stats.newly_linked == 1 { "y" } else { "ies" },
        rewritten,
        stats.already_linked + stats.newly_linked,
        stats.entities
    );
    Ok(ExitCode::SUCCESS)
}
