//! `newskg serve`: the SPARQL endpoint and the pages for people.

use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use clap::Args;
use newskg::server::{self, ServerConfig, Write, WriteHook};
use newskg::store::NewsStore;

use super::StoreArgs;

/// Arguments of `newskg serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    store: StoreArgs,
    /// Address to listen on. Loopback by default; give e.g. 0.0.0.0:7878 to serve the network.
    #[arg(long, default_value = "127.0.0.1:7878")]
    bind: SocketAddr,
    /// Accept SPARQL Update at /update and Graph Store PUT/POST/DELETE at /store (needs --token).
    #[arg(long)]
    allow_update: bool,
    /// Bearer token required by write requests.
    #[arg(long, env = "NEWSKG_TOKEN", hide_env_values = true)]
    token: Option<String>,
    /// Let queries call other endpoints with SERVICE (off: the server would fetch any URL a
    /// client names).
    #[arg(long)]
    allow_service: bool,
    /// Longest time a query or update may run, in seconds.
    #[arg(long, default_value_t = 30.0)]
    timeout: f64,
    /// Most rows (or triples) a query may return.
    #[arg(long, default_value_t = 100_000)]
    max_results: usize,
    /// Largest request body, in bytes.
    #[arg(long, default_value_t = 16 * 1024 * 1024)]
    max_request_bytes: u64,
    /// Most connections served at once.
    #[arg(long, default_value_t = 64)]
    max_connections: usize,
    /// Most queries evaluated at once; others wait (up to --timeout) for a slot.
    #[arg(long, default_value_t = 4)]
    max_running_queries: usize,
    /// Read/write timeout of client sockets, in seconds.
    #[arg(long, default_value_t = 30.0)]
    io_timeout: f64,
}

fn seconds(value: f64, name: &str) -> anyhow::Result<Duration> {
    Duration::try_from_secs_f64(value).with_context(|| format!("bad --{name} {value}"))
}

/// Runs the server until the process is stopped.
pub fn run(args: ServeArgs) -> anyhow::Result<ExitCode> {
    let config = ServerConfig {
        bind: args.bind,
        allow_update: args.allow_update,
        token: args.token,
        allow_service: args.allow_service,
        query_timeout: seconds(args.timeout, "timeout")?,
        max_results: args.max_results,
        max_request_bytes: args.max_request_bytes,
        io_timeout: seconds(args.io_timeout, "io-timeout")?,
        max_connections: args.max_connections,
        max_running_queries: args.max_running_queries,
    };
    let store = Arc::new(
        NewsStore::open(&args.store.dir)
            .with_context(|| format!("opening the store {}", args.store.dir.display()))?,
    );
    let running = server::start_with_hook(
        store.oxigraph().clone(),
        config.clone(),
        Some(summary_hook(Arc::clone(&store))),
        |log| eprintln!("{log}"),
    )
    .context("cannot start the server")?;
    let addr = running.addr();
    if !addr.ip().is_loopback() {
        eprintln!("newskg: warning: listening on {addr}, reachable from other machines");
    }
    eprintln!(
        "newskg: serving {} at http://{addr}/ — SPARQL endpoint http://{addr}/sparql ({}{})",
        args.store.dir.display(),
        if config.allow_update {
            "updates allowed with the token"
        } else {
            "read-only"
        },
        if config.allow_service {
            ", SERVICE allowed"
        } else {
            ""
        }
    );
    running.join().context("the server stopped")?;
    drop(store);
    Ok(ExitCode::SUCCESS)
}

/// Keeps the summaries (weekly mention counts, travel summaries) right under the server's writes:
/// the week and trip destinations of an article graph are marked before it is replaced or
/// deleted, the new ones after, and the marked ones are then recounted; after a SPARQL Update,
/// which may touch anything, everything is recounted.
fn summary_hook(store: Arc<NewsStore>) -> WriteHook {
    Arc::new(move |write| {
        let result = match write {
            Write::BeforeGraph(graph) => store.mark_summary_stale(&[graph.into_owned()]).map(drop),
            Write::AfterGraph(graph) => store
                .mark_summary_stale(&[graph.into_owned()])
                .and_then(|_| store.repair_summary())
                .map(drop),
            Write::AfterUpdate => store.recount_summary().map(drop),
        };
        result.map_err(|e| format!("updating the summaries: {e}"))
    })
}
