//! Integration and CLI tests of newskg, in one test binary (one link of RocksDB instead of many).

mod cli;
mod common;
mod export_formats;
mod facts_graph;
mod pipeline;
mod summary;
#[path = "../support/mod.rs"]
mod support;
mod travel_summary;
mod validation;
