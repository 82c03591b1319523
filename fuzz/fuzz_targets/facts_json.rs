//! Arbitrary bytes as a facts record (one `.json` file or one `.jsonl` line): reading, validation
//! and mapping never panic, and whatever is accepted maps to valid, round-tripping RDF.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newskg_fuzz::check::map_and_check;
use newskg_fuzz::read::{Location, Record, parse_record};

fuzz_target!(|data: &[u8]| {
    let Ok(json) = std::str::from_utf8(data) else {
        return;
    };
    let record = Record {
        location: Location {
            file: "fuzz.jsonl".into(),
            line: Some(1),
            index: None,
        },
        json: json.to_owned(),
    };
    for (location, doc) in parse_record(&record) {
        match doc {
            Ok(doc) => map_and_check(&doc),
            Err(e) => {
                let message = e.to_string();
                assert!(
                    message.starts_with(&location.to_string()),
                    "error does not name its location: {message}"
                );
            }
        }
    }
});
