//! Export formats and the prefixes written in them.
//!
//! [`ExportFormat`] names the six formats of `newskg export`; [`export`] writes the store (or one
//! graph) through [`NewsStore::dump`]. TriG, N-Quads and JSON-LD keep the named graphs (the
//! lossless forms); Turtle, N-Triples and RDF/XML hold the union of the graphs. Turtle and TriG
//! declare the usual prefixes plus short prefixes for the instance data (`person:`, `place:`...),
//! and group the triples of one subject in one block.

use std::io::Write;

use oxigraph::io::{JsonLdProfileSet, RdfFormat};
use oxigraph::model::NamedNode;

use crate::iri::Base;
use crate::store::{NewsStore, StoreError};
use crate::vocab::PREFIXES;

/// A format `newskg export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    /// Turtle (union of the graphs).
    Turtle,
    /// N-Triples (union of the graphs).
    NTriples,
    /// N-Quads (named graphs kept).
    NQuads,
    /// TriG (named graphs kept).
    TriG,
    /// JSON-LD (named graphs kept).
    JsonLd,
    /// RDF/XML (union of the graphs).
    RdfXml,
}

impl ExportFormat {
    /// All formats.
    pub const ALL: [ExportFormat; 6] = [
        Self::Turtle,
        Self::NTriples,
        Self::NQuads,
        Self::TriG,
        Self::JsonLd,
        Self::RdfXml,
    ];

    /// The format with this name (`turtle`, `ttl`, `ntriples`, `nt`, `nquads`, `nq`, `trig`,
    /// `jsonld`, `json-ld`, `rdfxml`, `xml`, `rdf`).
    pub fn from_name(name: &str) -> Option<Self> {
        Some(match name.to_ascii_lowercase().as_str() {
            "turtle" | "ttl" => Self::Turtle,
            "ntriples" | "n-triples" | "nt" => Self::NTriples,
            "nquads" | "n-quads" | "nq" => Self::NQuads,
            "trig" => Self::TriG,
            "jsonld" | "json-ld" => Self::JsonLd,
            "rdfxml" | "rdf/xml" | "rdf-xml" | "xml" | "rdf" => Self::RdfXml,
            _ => return None,
        })
    }

    /// The canonical name.
    pub fn name(self) -> &'static str {
        match self {
            Self::Turtle => "turtle",
            Self::NTriples => "ntriples",
            Self::NQuads => "nquads",
            Self::TriG => "trig",
            Self::JsonLd => "jsonld",
            Self::RdfXml => "rdfxml",
        }
    }

    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Turtle => "ttl",
            Self::NTriples => "nt",
            Self::NQuads => "nq",
            Self::TriG => "trig",
            Self::JsonLd => "jsonld",
            Self::RdfXml => "rdf",
        }
    }

    /// The Oxigraph format.
    pub fn rdf_format(self) -> RdfFormat {
        match self {
            Self::Turtle => RdfFormat::Turtle,
            Self::NTriples => RdfFormat::NTriples,
            Self::NQuads => RdfFormat::NQuads,
            Self::TriG => RdfFormat::TriG,
            Self::JsonLd => RdfFormat::JsonLd {
                profile: JsonLdProfileSet::empty(),
            },
            Self::RdfXml => RdfFormat::RdfXml,
        }
    }

    /// Whether the format keeps named graphs.
    pub fn keeps_graphs(self) -> bool {
        self.rdf_format().supports_datasets()
    }
}

impl std::fmt::Display for ExportFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// The prefixes declared in exports: the vocabularies and the groups of instance IRIs.
pub fn export_prefixes(base: &Base) -> Vec<(String, String)> {
    let mut prefixes: Vec<(String, String)> = PREFIXES
        .iter()
        .map(|(p, ns)| ((*p).to_owned(), (*ns).to_owned()))
        .collect();
    for group in ["person", "organization", "place", "position", "wikidata"] {
        prefixes.push((group.to_owned(), format!("{}{group}/", base.as_str())));
    }
    prefixes
}

/// Writes the store (or the graph `graph`) to `writer` in `format`.
pub fn export<W: Write>(
    store: &NewsStore,
    format: ExportFormat,
    graph: Option<&NamedNode>,
    writer: W,
) -> Result<W, StoreError> {
    // Prefixes only make sense (and are only supported) in the Turtle family and RDF/XML.
    let prefixes = match format {
        ExportFormat::Turtle | ExportFormat::TriG | ExportFormat::RdfXml => {
            export_prefixes(store.base())
        }
        _ => Vec::new(),
    };
    store.dump(format.rdf_format(), graph, &prefixes, writer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for format in ExportFormat::ALL {
            assert_eq!(ExportFormat::from_name(format.name()), Some(format));
            assert_eq!(ExportFormat::from_name(format.extension()), Some(format));
        }
        assert_eq!(ExportFormat::from_name("csv"), None);
    }
}
