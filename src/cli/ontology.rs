//! `newskg ontology`: print the news ontology, its SHACL shapes, or a summary of its terms.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use newskg::ontology::{BUILTIN_FILES, Ontology, PropertyKind, SHAPES_TTL};

use super::terms::write_table;

/// Arguments of `newskg ontology`.
#[derive(Debug, clap::Args)]
pub struct OntologyArgs {
    /// Print the SHACL shapes instead.
    #[arg(long, conflicts_with = "list")]
    shapes: bool,
    /// Print a table of classes and properties (name, kind, label, domain, range) instead.
    #[arg(long)]
    list: bool,
}

/// Prints the ontology.
pub fn run(args: OntologyArgs) -> anyhow::Result<ExitCode> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if args.shapes {
        out.write_all(SHAPES_TTL.as_bytes())?;
    } else if args.list {
        let ontology = Ontology::builtin().context("loading the built-in ontology")?;
        let mut rows = Vec::new();
        for class in ontology.classes() {
            rows.push(vec![
                format!("nk:{}", class.name),
                "class".into(),
                class.label.clone(),
                class.super_classes.join(", "),
                String::new(),
            ]);
        }
        for property in ontology.properties() {
            let kind = match property.kind {
                PropertyKind::Object => "object property",
                PropertyKind::Datatype => "datatype property",
            };
            rows.push(vec![
                format!("nk:{}", property.name),
                kind.into(),
                property.label.clone(),
                property.domain.clone().unwrap_or_default(),
                property.range.clone().unwrap_or_default(),
            ]);
        }
        let header = ["term", "kind", "label", "domain / superclasses", "range"].map(String::from);
        write_table(&mut out, &header, &rows)?;
    } else {
        for (name, text) in BUILTIN_FILES.iter().filter(|(name, _)| *name == "news.ttl") {
            writeln!(out, "# ontology/{name}")?;
            out.write_all(text.as_bytes())?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
