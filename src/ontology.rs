//! The news ontology, read from `ontology/*.ttl`: classes, properties, labels, alignments and the
//! lexical triggers the extractor looks for.
//!
//! The Turtle files are the single source of truth. [`Ontology::builtin`] parses the copies compiled
//! into the binary; [`Ontology::from_dir`] reads a folder at run time, so a relation added to the
//! Turtle (a new property with an `nk:verbTrigger`) is extracted without touching Rust code.
//!
//! Lexical annotations (all in the `nk:` namespace):
//! - `nk:verbTrigger` — a verb phrase in base form ("travel to", "meet with", "broker"); the first
//!   word is the verb, inflected by the extractor;
//! - `nk:nounTrigger` — a noun phrase naming an event ("peace talks", "attack");
//! - `nk:titleTrigger` — a position title ("Secretary of State", "spokesman");
//! - `nk:aceEventType` — the ACE/M2E2 event type a term corresponds to ("Movement:Transport").
//!
//! The lexicon file (`ontology/lexicon.ttl`) adds gazetteer entries (instances of `nk:Country`,
//! `nk:City`, `nk:Organization`... with `rdfs:label`, `skos:altLabel`, `nk:demonym`) and word lists;
//! [`Ontology::annotations`] reads any annotation of any term.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use oxigraph::model::{NamedOrBlankNode, Term, Triple};
use oxttl::TurtleParser;

/// Namespace of the news ontology.
pub const NK: &str = "https://w3id.org/newskg/ontology#";

/// The Turtle files compiled into the binary, with their names.
pub const BUILTIN_FILES: [(&str, &str); 2] = [
    ("news.ttl", include_str!("../ontology/news.ttl")),
    ("lexicon.ttl", include_str!("../ontology/lexicon.ttl")),
];

/// The SHACL shapes for data newskg writes, compiled into the binary.
pub const SHAPES_TTL: &str = include_str!("../ontology/shapes.ttl");

const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
const OWL: &str = "http://www.w3.org/2002/07/owl#";
const SKOS_ALT_LABEL: &str = "http://www.w3.org/2004/02/skos/core#altLabel";

/// Why the ontology could not be read.
#[derive(Debug, thiserror::Error)]
pub enum OntologyError {
    /// A file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A file is not valid Turtle.
    #[error("{file}: {source}")]
    Syntax {
        /// The file name.
        file: String,
        /// The parser's message, with line and column.
        source: oxttl::TurtleSyntaxError,
    },
    /// The folder holds no `.ttl` file.
    #[error("no .ttl file in {0}")]
    Empty(PathBuf),
}

/// Whether a property links two resources or a resource to a literal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PropertyKind {
    /// `owl:ObjectProperty`.
    Object,
    /// `owl:DatatypeProperty`.
    Datatype,
}

/// A class of the ontology.
#[derive(Debug, Clone)]
pub struct Class {
    /// Local name, e.g. `Person`.
    pub name: String,
    /// Full IRI.
    pub iri: String,
    /// `rdfs:label`.
    pub label: String,
    /// `rdfs:comment`.
    pub comment: String,
    /// Local names of direct `rdfs:subClassOf` classes within the ontology.
    pub super_classes: Vec<String>,
    /// External classes it is aligned to (`owl:equivalentClass`, `rdfs:subClassOf`, `skos:*Match`).
    pub alignments: Vec<String>,
}

/// A property of the ontology.
#[derive(Debug, Clone)]
pub struct Property {
    /// Local name, e.g. `travelsTo`.
    pub name: String,
    /// Full IRI.
    pub iri: String,
    /// Object or datatype property.
    pub kind: PropertyKind,
    /// `rdfs:label`.
    pub label: String,
    /// `rdfs:comment`.
    pub comment: String,
    /// Local name (or IRI, when outside the ontology) of `rdfs:domain`.
    pub domain: Option<String>,
    /// Local name (or IRI, when outside the ontology) of `rdfs:range`.
    pub range: Option<String>,
    /// Declared `owl:SymmetricProperty` ("meets with": either party may be the subject).
    pub symmetric: bool,
}

/// The news ontology and its lexicon.
#[derive(Debug, Clone)]
pub struct Ontology {
    triples: Vec<Triple>,
    classes: BTreeMap<String, Class>,
    properties: BTreeMap<String, Property>,
    /// (subject IRI, predicate IRI) → literal values, in file order.
    literals: HashMap<(String, String), Vec<String>>,
    /// (subject IRI, predicate IRI) → IRI values, in file order.
    links: HashMap<(String, String), Vec<String>>,
}

impl Ontology {
    /// The ontology compiled into the binary.
    pub fn builtin() -> Result<Self, OntologyError> {
        Self::from_sources(
            BUILTIN_FILES
                .iter()
                .map(|(name, text)| (name.to_string(), text.to_string())),
        )
    }

    /// Reads every `*.ttl` file of a folder except `shapes.ttl`.
    pub fn from_dir(dir: &Path) -> Result<Self, OntologyError> {
        let io = |source| OntologyError::Io {
            path: dir.to_owned(),
            source,
        };
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(io)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.extension().is_some_and(|e| e == "ttl")
                    && p.file_name().is_some_and(|n| n != "shapes.ttl")
            })
            .collect();
        files.sort();
        if files.is_empty() {
            return Err(OntologyError::Empty(dir.to_owned()));
        }
        let mut sources = Vec::new();
        for path in files {
            let text = std::fs::read_to_string(&path).map_err(|source| OntologyError::Io {
                path: path.clone(),
                source,
            })?;
            sources.push((path.display().to_string(), text));
        }
        Self::from_sources(sources)
    }

    /// Parses Turtle documents given as (name, text) pairs.
    pub fn from_sources(
        sources: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Self, OntologyError> {
        let mut triples = Vec::new();
        for (file, text) in sources {
            for triple in TurtleParser::new().for_slice(text.as_bytes()) {
                triples.push(triple.map_err(|source| OntologyError::Syntax {
                    file: file.clone(),
                    source,
                })?);
            }
        }
        Ok(Self::from_triples(triples))
    }

    fn from_triples(triples: Vec<Triple>) -> Self {
        let mut literals: HashMap<(String, String), Vec<String>> = HashMap::new();
        let mut links: HashMap<(String, String), Vec<String>> = HashMap::new();
        for t in &triples {
            let NamedOrBlankNode::NamedNode(s) = &t.subject else {
                continue;
            };
            let key = (s.as_str().to_owned(), t.predicate.as_str().to_owned());
            match &t.object {
                Term::Literal(l) => literals.entry(key).or_default().push(l.value().to_owned()),
                Term::NamedNode(o) => links.entry(key).or_default().push(o.as_str().to_owned()),
                _ => {}
            }
        }
        let mut ontology = Self {
            triples,
            classes: BTreeMap::new(),
            properties: BTreeMap::new(),
            literals,
            links,
        };
        ontology.classes = ontology
            .terms_typed(&format!("{OWL}Class"))
            .into_iter()
            .map(|iri| {
                let class = ontology.class_at(iri);
                (class.name.clone(), class)
            })
            .collect();
        ontology.properties = [
            (PropertyKind::Object, format!("{OWL}ObjectProperty")),
            (PropertyKind::Datatype, format!("{OWL}DatatypeProperty")),
        ]
        .into_iter()
        .flat_map(|(kind, ty)| {
            ontology
                .terms_typed(&ty)
                .into_iter()
                .map(move |iri| (kind, iri))
        })
        .map(|(kind, iri)| {
            let property = ontology.property_at(iri, kind);
            (property.name.clone(), property)
        })
        .collect();
        ontology
    }

    /// The `nk:` terms typed `ty`, sorted.
    fn terms_typed(&self, ty: &str) -> Vec<String> {
        let mut subjects: Vec<String> = self
            .links
            .iter()
            .filter(|((s, p), os)| p == RDF_TYPE && s.starts_with(NK) && os.iter().any(|o| o == ty))
            .map(|((s, _), _)| s.clone())
            .collect();
        subjects.sort();
        subjects
    }

    /// The local name, label (else the local name) and comment (else empty) of the `nk:` term
    /// `iri`.
    fn described(&self, iri: &str) -> (String, String, String) {
        let name = iri.strip_prefix(NK).unwrap_or(iri).to_owned();
        let label = self
            .first_literal(iri, &format!("{RDFS}label"))
            .unwrap_or(&name)
            .to_owned();
        let comment = self
            .first_literal(iri, &format!("{RDFS}comment"))
            .unwrap_or_default()
            .to_owned();
        (name, label, comment)
    }

    /// The class `iri` (an `owl:Class` of the `nk:` namespace).
    fn class_at(&self, iri: String) -> Class {
        let (name, label, comment) = self.described(&iri);
        let mut super_classes = Vec::new();
        let mut alignments = Vec::new();
        for sup in self.objects(&iri, &format!("{RDFS}subClassOf")) {
            match sup.strip_prefix(NK) {
                Some(local) => super_classes.push(local.to_owned()),
                None => alignments.push(sup.to_owned()),
            }
        }
        for p in [
            format!("{OWL}equivalentClass"),
            "http://www.w3.org/2004/02/skos/core#closeMatch".to_owned(),
            "http://www.w3.org/2004/02/skos/core#exactMatch".to_owned(),
        ] {
            alignments.extend(self.objects(&iri, &p).map(str::to_owned));
        }
        Class {
            name,
            iri,
            label,
            comment,
            super_classes,
            alignments,
        }
    }

    /// The property `iri` (an object or datatype property of the `nk:` namespace).
    fn property_at(&self, iri: String, kind: PropertyKind) -> Property {
        let (name, label, comment) = self.described(&iri);
        let local = |v: &str| v.strip_prefix(NK).unwrap_or(v).to_owned();
        Property {
            domain: self
                .objects(&iri, &format!("{RDFS}domain"))
                .next()
                .map(local),
            range: self
                .objects(&iri, &format!("{RDFS}range"))
                .next()
                .map(local),
            symmetric: self
                .objects(&iri, RDF_TYPE)
                .any(|t| t == format!("{OWL}SymmetricProperty")),
            name,
            iri,
            kind,
            label,
            comment,
        }
    }

    fn first_literal(&self, subject: &str, predicate: &str) -> Option<&str> {
        self.literals
            .get(&(subject.to_owned(), predicate.to_owned()))
            .and_then(|v| v.first())
            .map(String::as_str)
    }

    fn objects<'a>(&'a self, subject: &str, predicate: &str) -> impl Iterator<Item = &'a str> + 'a {
        self.links
            .get(&(subject.to_owned(), predicate.to_owned()))
            .into_iter()
            .flatten()
            .map(String::as_str)
    }

    /// All triples of the ontology files, e.g. to load them into a store or print them.
    pub fn triples(&self) -> &[Triple] {
        &self.triples
    }

    /// The class with this local name (`Person`).
    pub fn class(&self, name: &str) -> Option<&Class> {
        self.classes.get(name)
    }

    /// The property with this local name (`travelsTo`).
    pub fn property(&self, name: &str) -> Option<&Property> {
        self.properties.get(name)
    }

    /// All classes, by local name.
    pub fn classes(&self) -> impl Iterator<Item = &Class> {
        self.classes.values()
    }

    /// All object and datatype properties, by local name.
    pub fn properties(&self) -> impl Iterator<Item = &Property> {
        self.properties.values()
    }

    /// Whether class `name` is `ancestor` or one of its (transitive) subclasses.
    pub fn is_subclass_of(&self, name: &str, ancestor: &str) -> bool {
        let mut todo = vec![name];
        let mut seen = std::collections::HashSet::new();
        while let Some(current) = todo.pop() {
            if current == ancestor {
                return true;
            }
            if seen.insert(current) {
                if let Some(class) = self.classes.get(current) {
                    todo.extend(class.super_classes.iter().map(String::as_str));
                }
            }
        }
        false
    }

    /// Literal values of `nk:{annotation}` on the term `nk:{term}` (both local names), in file order.
    ///
    /// `ontology.annotations("travelsTo", "verbTrigger")` gives `["travel to", "visit", ...]`.
    pub fn annotations(&self, term: &str, annotation: &str) -> &[String] {
        self.literals
            .get(&(format!("{NK}{term}"), format!("{NK}{annotation}")))
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// Every `(term local name, value)` pair carrying the literal annotation `nk:{annotation}`,
    /// sorted by term name, e.g. all `verbTrigger`s of all terms.
    pub fn annotated(&self, annotation: &str) -> Vec<(&str, &str)> {
        let predicate = format!("{NK}{annotation}");
        let mut pairs: Vec<(&str, &str)> = self
            .literals
            .iter()
            .filter(|((s, p), _)| *p == predicate && s.starts_with(NK))
            .flat_map(|((s, _), values)| values.iter().map(move |v| (&s[NK.len()..], v.as_str())))
            .collect();
        pairs.sort();
        pairs
    }

    /// The gazetteer: named instances in the lexicon, typed with an ontology class.
    pub fn gazetteer(&self) -> Vec<GazetteerEntry> {
        let mut entries = Vec::new();
        for ((subject, predicate), types) in &self.links {
            if predicate != RDF_TYPE
                || self
                    .classes
                    .contains_key(subject.strip_prefix(NK).unwrap_or(""))
            {
                continue;
            }
            let Some(kind) = types
                .iter()
                .find_map(|t| t.strip_prefix(NK).filter(|c| self.classes.contains_key(*c)))
            else {
                continue;
            };
            let Some(name) = self.first_literal(subject, &format!("{RDFS}label")) else {
                continue;
            };
            let get = |p: &str| {
                self.literals
                    .get(&(subject.clone(), p.to_owned()))
                    .cloned()
                    .unwrap_or_default()
            };
            entries.push(GazetteerEntry {
                iri: subject.clone(),
                kind: kind.to_owned(),
                name: name.to_owned(),
                aliases: get(SKOS_ALT_LABEL),
                demonyms: get(&format!("{NK}demonym")),
                same_as: self
                    .objects(subject, &format!("{OWL}sameAs"))
                    .map(str::to_owned)
                    .collect(),
            });
        }
        entries.sort_by(|a, b| a.iri.cmp(&b.iri));
        entries
    }
}

/// A named thing listed in the lexicon (a country, a city, an organisation...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GazetteerEntry {
    /// The IRI of the lexicon entry.
    pub iri: String,
    /// Local name of its ontology class (`Country`).
    pub kind: String,
    /// Canonical name (`rdfs:label`).
    pub name: String,
    /// Other names (`skos:altLabel`).
    pub aliases: Vec<String>,
    /// Adjectives of nationality (`nk:demonym`), for places.
    pub demonyms: Vec<String>,
    /// External identifiers (`owl:sameAs`).
    pub same_as: Vec<String>,
}
