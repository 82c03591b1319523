//! Subcommands of the `newskg` binary, one file each. Only this layer prints or exits.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod build;
mod export;
mod extract;
mod link;
mod list;
mod ontology;
mod push;
mod query;
mod remove;
mod serve;
mod stats;
mod terms;

/// Turn news articles into a linked, queryable RDF knowledge graph.
#[derive(Debug, Parser)]
#[command(name = "newskg", version, about)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Load facts files (.json, .jsonl, .gz), text articles (.txt, .md, .html) or folders into the store.
    Build(build::BuildArgs),
    /// Run a SPARQL query over the store (inline, @file.rq, or - for stdin).
    Query(query::QueryArgs),
    /// Write the store (or one graph) as Turtle, N-Triples, N-Quads, TriG, JSON-LD or RDF/XML.
    Export(export::ExportArgs),
    /// Print the news ontology (or its SHACL shapes, or a summary of its terms).
    Ontology(ontology::OntologyArgs),
    /// List the articles in the store with their counts.
    List(list::ListArgs),
    /// Remove articles (by id) from the store.
    Remove(remove::RemoveArgs),
    /// Print counts over the whole store.
    Stats(stats::StatsArgs),
    /// Extract facts from news text (files, or JSON Lines on stdin with `-`).
    Extract(extract::ExtractArgs),
    /// Serve the store over the SPARQL protocol, with pages to explore it.
    Serve(serve::ServeArgs),
    /// Push the graphs of the store to another triple store.
    Push(push::PushArgs),
    /// (Re)link the entities in the store to a knowledge base (Wikidata) and merge their nodes.
    Link(link::LinkArgs),
}

/// Where the store is: `--store DIR`, else `$NEWSKG_STORE`, else `./newskg-store`.
#[derive(Debug, Clone, clap::Args)]
pub struct StoreArgs {
    /// The store folder.
    #[arg(long = "store", value_name = "DIR", env = "NEWSKG_STORE", default_value = newskg::store::DEFAULT_STORE_DIR)]
    pub dir: PathBuf,
}

/// Runs the subcommand; the exit code says whether every input succeeded.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match args.command {
        Command::Build(a) => build::run(a),
        Command::Query(a) => query::run(a),
        Command::Export(a) => export::run(a),
        Command::Ontology(a) => ontology::run(a),
        Command::List(a) => list::run(a),
        Command::Remove(a) => remove::run(a),
        Command::Stats(a) => stats::run(a),
        Command::Extract(a) => extract::run(a),
        Command::Serve(a) => serve::run(a),
        Command::Push(a) => push::run(a),
        Command::Link(a) => link::run(a),
    }
}
