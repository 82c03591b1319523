//! Temporary entry point of the linking evaluation until `examples/eval/main.rs` plugs it in:
//!
//! ```text
//! cargo run --release --example eval_linking -- CORPUS.jsonl KB.nt [SEED.txt]
//! ```

#[path = "eval/linking.rs"]
mod linking;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [corpus, kb, rest @ ..] = args.as_slice() else {
        eprintln!("usage: eval_linking CORPUS.jsonl KB.nt [SEED.txt]");
        return ExitCode::from(2);
    };
    let result = linking::run(corpus, kb).and_then(|mut report| {
        if let Some(seed) = rest.first() {
            linking::check_seed(seed, kb, &mut report)?;
        }
        Ok(report)
    });
    match result {
        Ok(report) => {
            linking::print(&report);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("eval_linking: {e}");
            ExitCode::FAILURE
        }
    }
}
