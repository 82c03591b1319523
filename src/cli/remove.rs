//! `newskg remove`: remove articles from the store, by id.

use std::process::ExitCode;

use newskg::store::NewsStore;

use super::StoreArgs;

/// Arguments of `newskg remove`.
#[derive(Debug, clap::Args)]
pub struct RemoveArgs {
    /// Ids of the articles to remove (as shown by `newskg list`).
    #[arg(required = true, value_name = "ARTICLE")]
    ids: Vec<String>,
    #[command(flatten)]
    store: StoreArgs,
}

/// Removes each article; an unknown id is reported and the exit code is non-zero.
pub fn run(args: RemoveArgs) -> anyhow::Result<ExitCode> {
    let store = NewsStore::open_existing(&args.store.dir)?;
    let mut missing = 0;
    for id in &args.ids {
        if store.remove_article(id)? {
            println!("removed {id}");
        } else {
            eprintln!("newskg: no article {id:?} in the store");
            missing += 1;
        }
    }
    Ok(if missing > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
