//! Structured facts documents (known classes and predicates, hostile strings everywhere, offsets
//! near the text's end): the JSON form re-reads to the same document, and mapping either rejects it
//! with JSON paths or gives valid, round-tripping RDF with faithful labels.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use newskg_fuzz::check::{map_and_check, ontology};
use newskg_fuzz::facts::{
    Article, Entity, Evidence, Extractor, Fact, FactsDocument, Link, Modality, Span, TimeExpression,
};
use newskg_fuzz::read::{Location, Record, parse_record};

/// Pieces that try to break out of IRIs and literals.
const HOSTILE: [&str; 14] = [
    ">",
    "\"",
    "{",
    "}",
    "\\",
    "\n",
    "\0",
    "\u{202e}",
    "\u{200b}",
    "http://evil/> <x> <y",
    "\"\"\"",
    "'",
    "%",
    " ",
];

#[derive(Arbitrary, Debug)]
enum Text {
    Plain(String),
    Hostile(Vec<u8>),
    Mixed(String, u8, String),
}

impl Text {
    fn make(&self) -> String {
        match self {
            Text::Plain(s) => s.clone(),
            Text::Hostile(picks) => picks
                .iter()
                .map(|p| HOSTILE[*p as usize % HOSTILE.len()])
                .collect(),
            Text::Mixed(a, p, b) => format!("{a}{}{b}", HOSTILE[*p as usize % HOSTILE.len()]),
        }
    }
}

#[derive(Arbitrary, Debug)]
enum IriIn {
    Wikidata(u32),
    Web(Text),
    Raw(Text),
}

#[derive(Arbitrary, Debug)]
struct EntityIn {
    class: u8,
    name: Text,
    aliases: Vec<Text>,
    mentions: Vec<(u16, u16)>,
    links: Vec<(IriIn, u8, Option<Text>)>,
}

#[derive(Arbitrary, Debug)]
struct FactIn {
    subject: u8,
    predicate: u8,
    object: u8,
    value: Option<Text>,
    time: Option<(Text, Option<(u16, u8, u8)>)>,
    modality: u8,
    confidence: u8,
    sentence: Option<(u16, u16, Option<(u16, u16)>)>,
    extractor: Option<(Text, Text)>,
}

#[derive(Arbitrary, Debug)]
struct DocIn {
    id: Text,
    title: Option<Text>,
    text: Option<Text>,
    date: Option<(u16, u8, u8)>,
    dateline: Option<Text>,
    publisher: Option<Text>,
    url: Option<IriIn>,
    extractor: Option<(Text, Text)>,
    entities: Vec<EntityIn>,
    facts: Vec<FactIn>,
}

fn iri(i: &IriIn) -> String {
    match i {
        IriIn::Wikidata(q) => format!("http://www.wikidata.org/entity/Q{q}"),
        IriIn::Web(t) => format!("https://example.org/{}", t.make()),
        IriIn::Raw(t) => t.make(),
    }
}

fn date((y, m, d): (u16, u8, u8)) -> String {
    format!("{:04}-{:02}-{:02}", y % 10_000, m % 13, d % 32)
}

fn build(input: &DocIn) -> FactsDocument {
    let onto = ontology();
    let classes: Vec<&str> = onto.classes().map(|c| c.name.as_str()).collect();
    let properties: Vec<&str> = onto.properties().map(|p| p.name.as_str()).collect();
    let pick = |list: &[&str], i: u8| {
        list.get(i as usize % list.len().max(1))
            .map(|s| s.to_string())
    };
    let mut doc = FactsDocument::new(Article {
        id: input.id.make(),
        title: input.title.as_ref().map(Text::make),
        text: input.text.as_ref().map(Text::make),
        date: input.date.map(date),
        dateline: input.dateline.as_ref().map(Text::make),
        publisher: input.publisher.as_ref().map(Text::make),
        url: input.url.as_ref().map(iri),
        source: None,
    });
    doc.extractor = input.extractor.as_ref().map(|(n, v)| Extractor {
        name: n.make(),
        version: v.make(),
    });
    for (i, e) in input.entities.iter().enumerate().take(16) {
        doc.entities.push(Entity {
            id: format!("e{i}"),
            kind: pick(&classes, e.class).unwrap_or_default(),
            name: e.name.make(),
            aliases: e.aliases.iter().take(4).map(Text::make).collect(),
            mentions: e
                .mentions
                .iter()
                .take(4)
                .map(|(s, l)| Span {
                    start: *s as usize % 64,
                    end: *s as usize % 64 + *l as usize % 16,
                })
                .collect(),
            links: e
                .links
                .iter()
                .take(3)
                .map(|(i, c, m)| Link {
                    iri: iri(i),
                    confidence: f64::from(*c) / 250.0,
                    method: m.as_ref().map(Text::make),
                })
                .collect(),
        });
    }
    let n = doc.entities.len().max(1);
    for f in input.facts.iter().take(16) {
        doc.facts.push(Fact {
            subject: format!("e{}", f.subject as usize % n),
            predicate: pick(&properties, f.predicate).unwrap_or_default(),
            object: f
                .value
                .is_none()
                .then(|| format!("e{}", f.object as usize % n)),
            value: f.value.as_ref().map(Text::make),
            time: f.time.as_ref().map(|(t, d)| TimeExpression {
                text: t.make(),
                start: d.map(date),
                end: None,
            }),
            modality: Modality::ALL[f.modality as usize % Modality::ALL.len()],
            confidence: f64::from(f.confidence) / 250.0,
            evidence: f.sentence.map(|(s, l, span)| Evidence {
                sentence: Span {
                    start: s as usize % 64,
                    end: s as usize % 64 + l as usize % 32,
                },
                span: span.map(|(a, b)| Span {
                    start: a as usize % 64,
                    end: a as usize % 64 + b as usize % 8,
                }),
            }),
            extractor: f.extractor.as_ref().map(|(n, v)| Extractor {
                name: n.make(),
                version: v.make(),
            }),
        });
    }
    doc
}

fuzz_target!(|input: DocIn| {
    let doc = build(&input);
    // The JSON form reads back to the same document.
    let json = match serde_json::to_string(&doc) {
        Ok(json) => json,
        Err(e) => panic!("cannot serialise: {e}"),
    };
    let record = Record {
        location: Location {
            file: "fuzz.json".into(),
            line: None,
            index: None,
        },
        json,
    };
    let parsed = parse_record(&record);
    match parsed.as_slice() {
        [(_, Ok(back))] => assert_eq!(back, &doc, "JSON round trip changed the document"),
        other => panic!("JSON round trip failed: {other:?}"),
    }
    map_and_check(&doc);
});
