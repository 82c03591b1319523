//! `newskg list`: the articles in the store, with their counts.

use std::io::Write;
use std::process::ExitCode;

use newskg::store::NewsStore;

use super::StoreArgs;
use super::terms::write_table;

/// Arguments of `newskg list`.
#[derive(Debug, clap::Args)]
pub struct ListArgs {
    #[command(flatten)]
    store: StoreArgs,
}

/// Prints one row per article.
pub fn run(args: ListArgs) -> anyhow::Result<ExitCode> {
    let store = NewsStore::open_existing(&args.store.dir)?;
    let articles = store.list_articles()?;
    let rows: Vec<Vec<String>> = articles
        .iter()
        .map(|a| {
            vec![
                a.id.clone(),
                a.date.clone().unwrap_or_default(),
                a.entities.to_string(),
                a.facts.to_string(),
                a.quads.to_string(),
                a.title.clone().unwrap_or_default(),
            ]
        })
        .collect();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let header = ["id", "date", "entities", "facts", "triples", "title"].map(String::from);
    write_table(&mut out, &header, &rows)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
