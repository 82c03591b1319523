//! Reliability and security tests of newskg, in one test binary (one link of RocksDB): hostile
//! names, bad inputs, property tests, fuzz regressions, SIGKILL crashes, a full disk and a second
//! process on a store in use. See `docs/guarantees.md` for what they establish.

// The invariant checks are shared with the fuzz targets (`fuzz/src/check.rs`), which refer to the
// pipeline modules as `crate::...`: re-export them at this crate's root.
pub use newskg::{facts, map, ontology};

#[path = "../fuzz/src/check.rs"]
mod check;

#[path = "reliability/common.rs"]
mod common;
#[path = "reliability/concurrency.rs"]
mod concurrency;
#[path = "reliability/crash.rs"]
mod crash;
#[path = "reliability/full_disk.rs"]
mod full_disk;
#[path = "reliability/hostile.rs"]
mod hostile;
#[path = "reliability/input_errors.rs"]
mod input_errors;
#[path = "reliability/prop_mapping.rs"]
mod prop_mapping;
#[path = "reliability/regressions.rs"]
mod regressions;
