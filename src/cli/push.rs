//! `newskg push`: send the graphs of the store to another triple store.

use std::io::IsTerminal as _;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};
use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use newskg::push::{self, Auth, Outcome, PushOptions, Record, Target};
use newskg::store::NewsStore;

use super::StoreArgs;

/// Authentication schemes.
#[derive(Clone, Copy, Debug, ValueEnum)]
enum AuthKind {
    /// HTTP Basic.
    Basic,
    /// HTTP Digest (MD5; Virtuoso's default).
    Digest,
    /// Bearer token.
    Bearer,
}

/// Arguments of `newskg push`.
#[derive(Debug, Args)]
pub struct PushArgs {
    #[command(flatten)]
    store: StoreArgs,
    /// SPARQL Update endpoint of the remote store (used when there is no --graph-store, or when
    /// the Graph Store endpoint turns out not to exist).
    #[arg(long)]
    endpoint: Option<String>,
    /// SPARQL Graph Store Protocol URL of the remote store (preferred: PUT per graph).
    #[arg(long)]
    graph_store: Option<String>,
    /// User name (Basic or Digest).
    #[arg(long)]
    user: Option<String>,
    /// Password (Basic or Digest).
    #[arg(long, env = "NEWSKG_PUSH_PASSWORD", hide_env_values = true)]
    password: Option<String>,
    /// Bearer token.
    #[arg(long, env = "NEWSKG_PUSH_TOKEN", hide_env_values = true)]
    token: Option<String>,
    /// Authentication scheme (default: bearer with --token; with --user, whatever the server
    /// asks for, Digest or Basic).
    #[arg(long, value_enum)]
    auth: Option<AuthKind>,
    /// Most triples per request.
    #[arg(long, default_value_t = 50_000)]
    batch: usize,
    /// Extra attempts after a failed request (exponential back-off from 0.5 s).
    #[arg(long, default_value_t = 4)]
    retries: u32,
    /// Timeout of each request, in seconds.
    #[arg(long, default_value_t = 300)]
    timeout: u64,
    /// Send every graph, even those unchanged since the last push to this endpoint.
    #[arg(long)]
    force: bool,
}

fn auth(args: &PushArgs) -> anyhow::Result<Auth> {
    let credentials = || -> anyhow::Result<(String, String)> {
        match (&args.user, &args.password) {
            (Some(u), Some(p)) => Ok((u.clone(), p.clone())),
            _ => bail!("--user and --password (or NEWSKG_PUSH_PASSWORD) are needed"),
        }
    };
    Ok(match (args.auth, &args.token) {
        (Some(AuthKind::Bearer), Some(token)) | (None, Some(token)) => Auth::Bearer(token.clone()),
        (Some(AuthKind::Bearer), None) => {
            bail!("--auth bearer needs --token (or NEWSKG_PUSH_TOKEN)")
        }
        (Some(AuthKind::Basic), _) => {
            let (user, password) = credentials()?;
            Auth::Basic { user, password }
        }
        (Some(AuthKind::Digest), _) => {
            let (user, password) = credentials()?;
            Auth::Digest { user, password }
        }
        (None, None) if args.user.is_some() => {
            let (user, password) = credentials()?;
            Auth::Auto { user, password }
        }
        (None, None) => Auth::None,
    })
}

/// Pushes every graph; exit code 1 if some graph failed.
pub fn run(args: PushArgs) -> anyhow::Result<ExitCode> {
    if args.endpoint.is_none() && args.graph_store.is_none() {
        bail!("give --endpoint URL (SPARQL Update) and/or --graph-store URL");
    }
    let options = PushOptions {
        target: Target {
            graph_store: args.graph_store.clone(),
            update: args.endpoint.clone(),
        },
        auth: auth(&args)?,
        batch_triples: args.batch,
        retries: args.retries,
        timeout: Duration::from_secs(args.timeout.max(1)),
        force: args.force,
        ..PushOptions::default()
    };
    let store = NewsStore::open_existing(&args.store.dir)
        .with_context(|| format!("opening the store {}", args.store.dir.display()))?;
    let record = Record::path(&args.store.dir, &options.target);
    let started = Instant::now();
    let bar = if std::io::stderr().is_terminal() {
        let bar = ProgressBar::new(0);
        if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} graphs {msg}") {
            bar.set_style(style);
        }
        Some(bar)
    } else {
        None
    };
    let summary = push::push_store(
        store.oxigraph(),
        &options,
        Some(&record),
        |i, total, graph, outcome| {
            if let Some(bar) = &bar {
                bar.set_length(total as u64);
                bar.set_position(i as u64);
            }
            if let Outcome::Failed(e) = outcome {
                let line = format!("newskg: push: {graph} failed: {e}");
                match &bar {
                    Some(bar) => bar.println(line),
                    None => eprintln!("{line}"),
                }
            }
        },
    )
    .context("push failed")?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    eprintln!(
        "newskg: pushed {} graphs ({} triples, {:.1} MB) with {}, {} unchanged, {} deleted, {} failed, in {:.1}s",
        summary.sent,
        summary.triples,
        summary.bytes as f64 / 1e6,
        if summary.graph_store {
            "the Graph Store Protocol"
        } else {
            "SPARQL Update"
        },
        summary.unchanged,
        summary.deleted,
        summary.failed.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(if summary.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
