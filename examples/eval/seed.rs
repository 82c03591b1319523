//! The seed article's expectations (issue 3): entities, positions, events and quotes, each printed as
//! PASS or FAIL.
//!
//! The article is third-party text: it is read from the path given on the command line (in
//! `../shared/corpus/seed/`), never copied into the repository. Its dateline says "March 16"; the
//! year (2016) is known from the corpus description, so the article date is passed as 2016-03-16.

use std::path::Path;

use newskg::Ontology;
use newskg::extract::Extractor;
use newskg::facts::{Article, Entity, FactsDocument, Modality};

/// The date of the seed article.
pub const SEED_DATE: &str = "2016-03-16";

/// The outcome of the seed checks.
#[derive(Debug, Default)]
pub struct SeedReport {
    /// Checks that passed.
    pub passed: usize,
    /// Names of the checks that failed.
    pub failed: Vec<String>,
}

struct Checker<'a> {
    doc: &'a FactsDocument,
    ontology: &'a Ontology,
    report: SeedReport,
}

fn norm(s: &str) -> String {
    let s = s.trim().to_lowercase().replace('’', "'");
    let s = s.strip_prefix("the ").unwrap_or(&s).to_owned();
    s.strip_suffix("'s").unwrap_or(&s).to_owned()
}

impl<'a> Checker<'a> {
    fn check(&mut self, name: &str, ok: bool) {
        println!("{} {name}", if ok { "PASS" } else { "FAIL" });
        if ok {
            self.report.passed += 1;
        } else {
            self.report.failed.push(name.to_owned());
        }
    }

    /// Entities whose canonical name or an alias is `name` (case-insensitive, "the" and "'s" ignored).
    fn named(&self, name: &str) -> Vec<&'a Entity> {
        let n = norm(name);
        self.doc
            .entities
            .iter()
            .filter(|e| norm(&e.name) == n || e.aliases.iter().any(|a| norm(a) == n))
            .collect()
    }

    fn is_named(&self, id: &str, names: &[&str]) -> bool {
        self.doc.entity(id).is_some_and(|e| {
            names
                .iter()
                .any(|n| norm(&e.name) == norm(n) || e.aliases.iter().any(|a| norm(a) == norm(n)))
        })
    }

    fn kind_is(&self, e: &Entity, class: &str) -> bool {
        self.ontology.is_subclass_of(&e.kind, class)
    }

    fn fact(
        &self,
        subject: &[&str],
        predicate: &str,
        object: &[&str],
    ) -> Vec<&'a newskg::facts::Fact> {
        self.doc
            .facts
            .iter()
            .filter(|f| f.predicate == predicate && self.is_named(&f.subject, subject))
            .filter(|f| {
                f.object
                    .as_deref()
                    .is_some_and(|o| self.is_named(o, object))
            })
            .collect()
    }

    fn objects_of(&self, subject: &str, predicate: &str) -> Vec<&'a str> {
        self.doc
            .facts
            .iter()
            .filter(|f| f.subject == subject && f.predicate == predicate)
            .filter_map(|f| f.object.as_deref())
            .collect()
    }

    fn value_of(&self, subject: &str, predicate: &str) -> Vec<&'a str> {
        self.doc
            .facts
            .iter()
            .filter(|f| f.subject == subject && f.predicate == predicate)
            .filter_map(|f| f.value.as_deref())
            .collect()
    }

    /// `person holdsPosition P`, `P positionTitle title` (case-insensitive) and, when given,
    /// `P positionIn X` with X one of `of`.
    fn position(&self, person: &str, title: &str, of: &[&str]) -> bool {
        self.doc
            .facts
            .iter()
            .filter(|f| f.predicate == "holdsPosition" && self.is_named(&f.subject, &[person]))
            .any(|f| {
                let Some(p) = f.object.as_deref() else {
                    return false;
                };
                let titled = self
                    .value_of(p, "positionTitle")
                    .iter()
                    .any(|t| t.eq_ignore_ascii_case(title))
                    || self
                        .doc
                        .entity(p)
                        .is_some_and(|e| e.name.to_lowercase().contains(&title.to_lowercase()));
                titled
                    && (of.is_empty()
                        || self
                            .objects_of(p, "positionIn")
                            .iter()
                            .any(|o| self.is_named(o, of)))
            })
    }
}

/// Runs the seed checks on the article at `path`; prints one PASS/FAIL line per check.
pub fn run(
    extractor: &Extractor,
    ontology: &Ontology,
    path: &Path,
) -> Result<SeedReport, Box<dyn std::error::Error>> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let article = Article {
        id: "seed".into(),
        text: Some(text),
        date: Some(SEED_DATE.into()),
        source: Some(path.display().to_string()),
        ..Article::default()
    };
    let doc = extractor.extract(article)?;
    if let Err(errors) = doc.validate(ontology) {
        for e in &errors {
            println!("invalid facts: {e}");
        }
    }
    let mut c = Checker {
        doc: &doc,
        ontology,
        report: SeedReport::default(),
    };

    println!("== seed: article");
    let dateline = doc.article.dateline.as_deref().unwrap_or_default();
    c.check(
        "dateline Washington",
        dateline.eq_ignore_ascii_case("washington"),
    );
    let publisher = doc.article.publisher.as_deref().unwrap_or_default();
    c.check(
        "publisher United Press International (UPI)",
        publisher.contains("United Press International") || publisher == "UPI",
    );

    println!("== seed: entities");
    for person in [
        "John Kerry",
        "Vladimir Putin",
        "John Kirby",
        "Sergei Lavrov",
        "Staffan de Mistura",
        "Bashar Assad",
    ] {
        let ok = c
            .named(person)
            .iter()
            .any(|e| norm(&e.name) == norm(person) && c.kind_is(e, "Person"));
        c.check(&format!("person {person}"), ok);
    }
    for org in ["Department of State", "Pentagon", "United Nations"] {
        let ok = c.named(org).iter().any(|e| c.kind_is(e, "Organization"));
        c.check(&format!("organisation {org}"), ok);
    }
    for place in ["Moscow", "Syria", "Russia", "Washington"] {
        let ok = c.named(place).iter().any(|e| c.kind_is(e, "Place"));
        c.check(&format!("place {place}"), ok);
    }
    let junk = [
        "Tuesday",
        "Regardless",
        "The Pentagon acknowledged",
        "Obviously",
        "Today",
        "Kerry announced",
    ];
    let found: Vec<&str> = junk
        .iter()
        .copied()
        .filter(|j| !c.named(j).is_empty())
        .collect();
    c.check(
        &format!(
            "no junk entities ({})",
            if found.is_empty() {
                "none".to_owned()
            } else {
                found.join(", ")
            }
        ),
        found.is_empty(),
    );
    let kerrys = doc
        .entities
        .iter()
        .filter(|e| e.name.contains("Kerry") && c.kind_is(e, "Person"))
        .count();
    c.check("one entity for John Kerry and Kerry", kerrys == 1);

    println!("== seed: positions");
    let us = [
        "United States",
        "U.S.",
        "US",
        "Department of State",
        "United States of America",
    ];
    c.check(
        "Kerry Secretary of State (of the U.S.)",
        c.position("John Kerry", "Secretary of State", &us),
    );
    c.check(
        "Putin President of Russia",
        c.position("Vladimir Putin", "President", &["Russia"]),
    );
    c.check(
        "Kirby spokesman of the Department of State",
        c.position("John Kirby", "spokesman", &["Department of State"]),
    );
    c.check(
        "Kirby spokespersonOf Department of State",
        !c.fact(&["John Kirby"], "spokespersonOf", &["Department of State"])
            .is_empty(),
    );
    c.check(
        "Lavrov Foreign Minister",
        c.position("Sergei Lavrov", "Foreign Minister", &[]),
    );
    c.check(
        "de Mistura envoy of the United Nations",
        c.position("Staffan de Mistura", "envoy", &["United Nations"]),
    );
    c.check(
        "Assad President of Syria",
        c.position("Bashar Assad", "President", &["Syria"]),
    );

    println!("== seed: events");
    let travel = c.fact(&["John Kerry"], "travelsTo", &["Moscow"]);
    c.check("Kerry travelsTo Moscow", !travel.is_empty());
    c.check(
        "… planned",
        travel.iter().any(|f| f.modality == Modality::Planned),
    );
    let next_week = travel.iter().any(|f| {
        f.time.as_ref().is_some_and(|t| {
            t.start.as_deref() == Some("2016-03-21") && t.end.as_deref() == Some("2016-03-27")
        })
    });
    c.check("… next week = 2016-03-21..2016-03-27", next_week);
    for other in ["Vladimir Putin", "Sergei Lavrov"] {
        let meet = c.fact(&["John Kerry"], "meetsWith", &[other]);
        c.check(
            &format!("Kerry meetsWith {other} (planned)"),
            meet.iter().any(|f| f.modality == Modality::Planned),
        );
    }
    c.check(
        "Russia withdrawsFrom Syria",
        !c.fact(&["Russia"], "withdrawsFrom", &["Syria"]).is_empty(),
    );
    let brokered: Vec<&str> = doc
        .facts
        .iter()
        .filter(|f| f.predicate == "brokers" && c.is_named(&f.subject, &["Staffan de Mistura"]))
        .filter_map(|f| f.object.as_deref())
        .filter(|o| {
            doc.entity(o)
                .is_some_and(|e| ontology.is_subclass_of(&e.kind, "Talks"))
        })
        .collect();
    c.check("de Mistura brokers an nk:Talks event", !brokered.is_empty());
    let parties: Vec<&str> = brokered
        .iter()
        .flat_map(|t| c.objects_of(t, "participant"))
        .collect();
    c.check(
        "… with participant Assad (or Syria)",
        parties
            .iter()
            .any(|p| c.is_named(p, &["Bashar Assad", "Syria"])),
    );
    let opposition = parties.iter().any(|p| {
        doc.entity(p)
            .is_some_and(|e| e.name.to_lowercase().contains("opposition"))
    });
    c.check("… with participant the opposition forces", opposition);

    println!("== seed: quotes");
    for speaker in ["John Kirby", "John Kerry"] {
        let quotes = doc
            .facts
            .iter()
            .filter(|f| {
                f.predicate == "attributedTo"
                    && f.object
                        .as_deref()
                        .is_some_and(|o| c.is_named(o, &[speaker]))
            })
            .count();
        c.check(
            &format!("quotes attributed to {speaker} ({quotes})"),
            quotes > 0,
        );
    }
    Ok(c.report)
}
