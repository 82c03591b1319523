//! `newskg stats`: counts over the whole store.

use std::process::ExitCode;

use newskg::store::NewsStore;

use super::StoreArgs;

/// Arguments of `newskg stats`.
#[derive(Debug, clap::Args)]
pub struct StatsArgs {
    #[command(flatten)]
    store: StoreArgs,
}

/// Prints the counts, one `name: value` per line.
pub fn run(args: StatsArgs) -> anyhow::Result<ExitCode> {
    let store = NewsStore::open_existing(&args.store.dir)?;
    let stats = store.stats()?;
    println!("store: {}", store.path().display());
    println!("base: {}", store.base().as_str());
    println!("articles: {}", stats.articles);
    println!("entities: {}", stats.entities);
    println!("facts: {}", stats.facts);
    println!("triples: {}", stats.quads);
    println!("graphs: {}", stats.graphs);
    Ok(ExitCode::SUCCESS)
}
