//! newskg's store-free modules, compiled from the main crate's sources, plus the checks the fuzz
//! targets share.
//!
//! The main crate links RocksDB (through Oxigraph) unconditionally; compiling it under libFuzzer's
//! instrumentation would rebuild RocksDB. The modules below do not touch the store, so they are
//! compiled here from `../src` with `#[path]` (the same files, not copies), next to an Oxigraph
//! without its `rocksdb` feature. A `store` cargo feature in the main crate would let this crate
//! depend on `newskg` directly.
#![allow(missing_docs, dead_code, clippy::all)]

#[path = "../../src/extract/mod.rs"]
pub mod extract;
#[path = "../../src/facts.rs"]
pub mod facts;
#[path = "../../src/iri.rs"]
pub mod iri;
#[path = "../../src/map/mod.rs"]
pub mod map;
#[path = "../../src/ontology.rs"]
pub mod ontology;
#[path = "../../src/read.rs"]
pub mod read;
#[path = "../../src/vocab.rs"]
pub mod vocab;

pub mod check;

pub use ontology::Ontology;
