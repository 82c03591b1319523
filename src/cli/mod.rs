//! Subcommands of the `newskg` binary, one file each. Only this layer prints or exits.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod extract;
mod push;
mod serve;

/// Turn news articles into a linked, queryable RDF knowledge graph.
#[derive(Debug, Parser)]
#[command(name = "newskg", version, about)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Extract facts from news text (files, or JSON Lines on stdin with `-`).
    Extract(extract::ExtractArgs),
    /// Serve the store over the SPARQL protocol, with pages to explore it.
    Serve(serve::ServeArgs),
    /// Push the graphs of the store to another triple store.
    Push(push::PushArgs),
}

/// Runs the subcommand; the exit code says whether every input succeeded.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match args.command {
        Command::Extract(a) => extract::run(a),
        Command::Serve(a) => serve::run(a),
        Command::Push(a) => push::run(a),
    }
}
