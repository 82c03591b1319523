//! Arbitrary text through the extractor: no panic, the facts it produces pass validation (offsets
//! inside the text, defined entities, known terms), and they map to valid, round-tripping RDF.
//!
//! Mapping and the serialise/re-parse round trip cost ~15× the extraction itself, so they run on
//! one input in four (chosen by two bits of the flags byte, so libFuzzer still explores both
//! paths): the extractor gets ~3× the executions for the same machine time.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use newskg_fuzz::check::{map_and_check, ontology};
use newskg_fuzz::extract::Extractor;
use newskg_fuzz::facts::Article;

fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(|| match Extractor::new(ontology()) {
        Ok(e) => e,
        Err(e) => panic!("extractor: {e}"),
    })
}

fuzz_target!(|input: (u8, &str)| {
    let (flags, text) = input;
    let article = Article {
        id: "fuzz".into(),
        text: Some(text.to_owned()),
        date: (flags & 1 == 1).then(|| "2016-03-16".to_owned()),
        publisher: (flags & 2 == 2).then(|| "Fuzz Wire".to_owned()),
        ..Article::default()
    };
    let Ok(doc) = extractor().extract(article) else {
        return;
    };
    if let Err(errors) = doc.validate(ontology()) {
        panic!("the extractor produced invalid facts: {errors:?}");
    }
    if flags & 0b1100 == 0 {
        map_and_check(&doc);
    }
});
