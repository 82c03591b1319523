//! Knowledge-base sources: RDF in Wikidata's shape, read as a stream, and their persisted index.
//!
//! A source is an N-Triples or Turtle file (optionally gzip-compressed) such as a SPARQL
//! CONSTRUCT over Wikidata or a filtered truthy dump gives. For every subject, [`KbSource`]
//! keeps what entity linking needs and nothing else:
//!
//! - `rdfs:label` (the first English or untagged one; further ones become aliases),
//!   `skos:altLabel` (English or untagged) and `schema:description`;
//! - `rdf:type` and `wdt:P31` (the entity's classes); `rdfs:subClassOf` and `wdt:P279` (the
//!   class hierarchy, used to compare types);
//! - `skos:exactMatch` / `skos:closeMatch` from a newskg ontology class to a KB class, which
//!   extend the ontology's own alignments (see `kb/alignments.nt`);
//! - every other triple whose object is an IRI counts towards the entity's degree (its prominence)
//!   and, up to [`MAX_NEIGHBOURS`], records a neighbour (used as context when disambiguating).
//!
//! The file is parsed with oxttl over a buffered reader, one triple at a time: a dump of hundreds
//! of millions of triples never sits in memory, only the much smaller index does.
//!
//! [`load_or_build`] persists a source's index as one file in an index folder (by default
//! `<store>/kb-index/`). The header records the source's path, size and modification time and
//! whether it was read leniently; a later run reuses the index while they match and rebuilds it
//! otherwise. The index is written to a temporary file and renamed into place only when complete,
//! so a crash or a syntax error never leaves a half-written index that a later run would trust.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use oxigraph::model::{Term, Triple};
use oxttl::{NTriplesParser, TurtleParseError, TurtleParser};

/// Most neighbours kept per entity (the degree counts them all).
pub const MAX_NEIGHBOURS: usize = 32;

const INDEX_MAGIC: &str = "newskg-kb-index";
const INDEX_VERSION: &str = "1";

const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const RDFS_LABEL: &str = "http://www.w3.org/2000/01/rdf-schema#label";
const RDFS_SUBCLASS_OF: &str = "http://www.w3.org/2000/01/rdf-schema#subClassOf";
const SKOS_ALT_LABEL: &str = "http://www.w3.org/2004/02/skos/core#altLabel";
const SKOS_EXACT_MATCH: &str = "http://www.w3.org/2004/02/skos/core#exactMatch";
const SKOS_CLOSE_MATCH: &str = "http://www.w3.org/2004/02/skos/core#closeMatch";
const SCHEMA_DESCRIPTION: &str = "http://schema.org/description";
const SCHEMA_DESCRIPTION_HTTPS: &str = "https://schema.org/description";
const WDT_P31: &str = "http://www.wikidata.org/prop/direct/P31";
const WDT_P279: &str = "http://www.wikidata.org/prop/direct/P279";

/// Why a knowledge base could not be read or indexed.
#[derive(Debug, thiserror::Error)]
pub enum KbError {
    /// The file could not be opened or read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The file is not valid N-Triples / Turtle.
    #[error("{path}:{line}:{column}: {message}")]
    Syntax {
        /// The file.
        path: PathBuf,
        /// Line, from 1.
        line: u64,
        /// Column, from 1.
        column: u64,
        /// The parser's message.
        message: String,
    },
    /// The index could not be written.
    #[error("cannot write the knowledge-base index {path}: {source}")]
    Write {
        /// The index file (or its temporary file).
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// An index file is damaged or from another version (it is then rebuilt).
    #[error("{path}: not a valid knowledge-base index: {message}")]
    BadIndex {
        /// The index file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
}

/// The RDF syntax of a knowledge-base file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KbFormat {
    /// N-Triples (`.nt`).
    NTriples,
    /// Turtle (`.ttl`), also used for unknown extensions (Turtle reads N-Triples too).
    Turtle,
}

impl KbFormat {
    /// The format and compression of a file, from its name (`kb.nt`, `kb.ttl.gz`, ...).
    pub fn from_path(path: &Path) -> (Self, bool) {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        let (name, gzip) = match name.strip_suffix(".gz") {
            Some(stem) => (stem.to_owned(), true),
            None => (name, false),
        };
        let format = if name.ends_with(".nt") {
            KbFormat::NTriples
        } else {
            KbFormat::Turtle
        };
        (format, gzip)
    }
}

/// One entity of a knowledge base, as far as linking needs it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct KbEntity {
    /// Its IRI, e.g. `http://www.wikidata.org/entity/Q22316`.
    pub iri: String,
    /// Its main name (`rdfs:label`).
    pub label: Option<String>,
    /// Other names (`skos:altLabel`, further labels).
    pub aliases: Vec<String>,
    /// Its classes (`rdf:type`, `wdt:P31`), as IRIs.
    pub types: Vec<String>,
    /// Short description (`schema:description`).
    pub description: Option<String>,
    /// Some of the resources it points to (other IRI-valued triples), at most [`MAX_NEIGHBOURS`].
    pub neighbours: Vec<String>,
    /// Number of IRI-valued triples other than types: a rough prominence.
    pub degree: u32,
}

impl KbEntity {
    /// The label, then the aliases.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.label.iter().chain(&self.aliases).map(String::as_str)
    }
}

/// What one knowledge-base file contributes: entities, class hierarchy, class alignments.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct KbSource {
    /// Entities that have at least one name, in file order of first appearance.
    pub entities: Vec<KbEntity>,
    /// `(class, superclass)` pairs (`rdfs:subClassOf`, `wdt:P279`).
    pub subclass_of: Vec<(String, String)>,
    /// `(newskg class IRI, KB class IRI)` pairs (`skos:exactMatch` / `skos:closeMatch` from the
    /// newskg ontology namespace).
    pub alignments: Vec<(String, String)>,
    /// Syntax errors skipped in lenient mode (`FILE:LINE:COLUMN: message`).
    pub skipped: Vec<String>,
}

fn is_english(tag: Option<&str>) -> bool {
    match tag {
        None => true,
        Some(tag) => tag.eq_ignore_ascii_case("en") || tag.to_ascii_lowercase().starts_with("en-"),
    }
}

/// Accumulates triples into a [`KbSource`].
#[derive(Default)]
struct Builder {
    by_iri: HashMap<String, usize>,
    source: KbSource,
}

impl Builder {
    fn entity(&mut self, iri: &str) -> &mut KbEntity {
        let next = self.source.entities.len();
        let i = *self.by_iri.entry(iri.to_owned()).or_insert(next);
        if i == next {
            self.source.entities.push(KbEntity {
                iri: iri.to_owned(),
                ..KbEntity::default()
            });
        }
        &mut self.source.entities[i]
    }

    fn add(&mut self, triple: Triple) {
        let oxigraph::model::NamedOrBlankNode::NamedNode(subject) = triple.subject else {
            return;
        };
        let predicate = triple.predicate.as_str();
        match (predicate, triple.object) {
            (RDFS_LABEL | SKOS_ALT_LABEL, Term::Literal(lit)) if is_english(lit.language()) => {
                let entity = self.entity(subject.as_str());
                let value = lit.value().to_owned();
                if predicate == RDFS_LABEL && entity.label.is_none() {
                    entity.label = Some(value);
                } else if entity.label.as_deref() != Some(&value)
                    && !entity.aliases.contains(&value)
                {
                    entity.aliases.push(value);
                }
            }
            (SCHEMA_DESCRIPTION | SCHEMA_DESCRIPTION_HTTPS, Term::Literal(lit))
                if is_english(lit.language()) =>
            {
                let entity = self.entity(subject.as_str());
                if entity.description.is_none() {
                    entity.description = Some(lit.value().to_owned());
                }
            }
            (RDF_TYPE | WDT_P31, Term::NamedNode(class)) => {
                let entity = self.entity(subject.as_str());
                if !entity.types.iter().any(|t| t == class.as_str()) {
                    entity.types.push(class.into_string());
                }
            }
            (RDFS_SUBCLASS_OF | WDT_P279, Term::NamedNode(class)) => {
                self.source
                    .subclass_of
                    .push((subject.into_string(), class.into_string()));
            }
            (SKOS_EXACT_MATCH | SKOS_CLOSE_MATCH, Term::NamedNode(class))
                if subject.as_str().starts_with(crate::ontology::NK) =>
            {
                self.source
                    .alignments
                    .push((subject.into_string(), class.into_string()));
            }
            (_, Term::NamedNode(object)) => {
                let entity = self.entity(subject.as_str());
                entity.degree = entity.degree.saturating_add(1);
                if entity.neighbours.len() < MAX_NEIGHBOURS {
                    entity.neighbours.push(object.into_string());
                }
            }
            _ => {}
        }
    }

    fn finish(mut self) -> KbSource {
        self.source
            .entities
            .retain(|e| e.label.is_some() || !e.aliases.is_empty());
        self.source
    }
}

impl KbSource {
    /// Reads a knowledge-base file (N-Triples or Turtle by extension, gzip if it ends in `.gz`).
    ///
    /// A syntax error stops the read with its line and column, unless `lenient`, in which case the
    /// bad statement is skipped, recorded in [`KbSource::skipped`], and reading goes on.
    pub fn from_file(path: &Path, lenient: bool) -> Result<Self, KbError> {
        let io = |source| KbError::Io {
            path: path.to_owned(),
            source,
        };
        let file = File::open(path).map_err(io)?;
        let (format, gzip) = KbFormat::from_path(path);
        let reader: Box<dyn BufRead> = if gzip {
            Box::new(BufReader::with_capacity(
                1 << 16,
                flate2::read::MultiGzDecoder::new(BufReader::new(file)),
            ))
        } else {
            Box::new(BufReader::with_capacity(1 << 16, file))
        };
        Self::from_reader(reader, format, path, lenient)
    }

    /// Reads knowledge-base RDF from a reader; `path` names it in errors.
    pub fn from_reader(
        reader: impl Read,
        format: KbFormat,
        path: &Path,
        lenient: bool,
    ) -> Result<Self, KbError> {
        let mut builder = Builder::default();
        let handle = |result: Result<Triple, TurtleParseError>,
                      builder: &mut Builder|
         -> Result<(), KbError> {
            match result {
                Ok(triple) => builder.add(triple),
                Err(TurtleParseError::Io(source)) => {
                    return Err(KbError::Io {
                        path: path.to_owned(),
                        source,
                    });
                }
                Err(TurtleParseError::Syntax(e)) => {
                    let start = e.location().start;
                    let error = KbError::Syntax {
                        path: path.to_owned(),
                        line: start.line + 1,
                        column: start.column + 1,
                        message: e.message().to_owned(),
                    };
                    if !lenient {
                        return Err(error);
                    }
                    builder.source.skipped.push(error.to_string());
                }
            }
            Ok(())
        };
        match format {
            KbFormat::NTriples if lenient => {
                // One parser per line, so that a bad line (an unterminated string...) cannot
                // swallow the lines after it.
                let mut reader = BufReader::new(reader);
                let mut line = Vec::new();
                let mut number: u64 = 0;
                loop {
                    line.clear();
                    let read =
                        reader
                            .read_until(b'\n', &mut line)
                            .map_err(|source| KbError::Io {
                                path: path.to_owned(),
                                source,
                            })?;
                    if read == 0 {
                        break;
                    }
                    for result in NTriplesParser::new().for_slice(&line) {
                        match result {
                            Ok(triple) => builder.add(triple),
                            Err(e) => {
                                builder.source.skipped.push(
                                    KbError::Syntax {
                                        path: path.to_owned(),
                                        line: number + 1,
                                        column: e.location().start.column + 1,
                                        message: e.message().to_owned(),
                                    }
                                    .to_string(),
                                );
                                break;
                            }
                        }
                    }
                    number += 1;
                }
            }
            KbFormat::NTriples => {
                for result in NTriplesParser::new().for_reader(reader) {
                    handle(result, &mut builder)?;
                }
            }
            KbFormat::Turtle => {
                for result in TurtleParser::new().for_reader(reader) {
                    handle(result, &mut builder)?;
                }
            }
        }
        Ok(builder.finish())
    }

    /// Writes the index form of this source (see [`KbSource::read_index`]).
    pub fn write_index(&self, out: &mut impl Write) -> std::io::Result<()> {
        for entity in &self.entities {
            write!(out, "E\t{}\t", escape(&entity.iri))?;
            write!(
                out,
                "{}\t",
                entity.label.as_deref().map(escape).unwrap_or_default()
            )?;
            write_list(out, &entity.aliases)?;
            write_list(out, &entity.types)?;
            write!(
                out,
                "{}\t",
                entity
                    .description
                    .as_deref()
                    .map(escape)
                    .unwrap_or_default()
            )?;
            write_list(out, &entity.neighbours)?;
            writeln!(out, "{}", entity.degree)?;
        }
        for (class, superclass) in &self.subclass_of {
            writeln!(out, "C\t{}\t{}", escape(class), escape(superclass))?;
        }
        for (ours, theirs) in &self.alignments {
            writeln!(out, "A\t{}\t{}", escape(ours), escape(theirs))?;
        }
        writeln!(out, "END\t{}", self.entities.len())
    }

    /// Reads the body of an index file written by [`KbSource::write_index`].
    pub fn read_index(input: impl BufRead, path: &Path) -> Result<Self, KbError> {
        let bad = |line: usize, message: &str| KbError::BadIndex {
            path: path.to_owned(),
            message: format!("line {}: {message}", line + 1),
        };
        let mut source = KbSource::default();
        let mut complete = false;
        for (n, line) in input.lines().enumerate() {
            let line = line.map_err(|source| KbError::Io {
                path: path.to_owned(),
                source,
            })?;
            let fields: Vec<&str> = line.split('\t').collect();
            match fields.as_slice() {
                [
                    "E",
                    iri,
                    label,
                    aliases,
                    types,
                    description,
                    neighbours,
                    degree,
                ] => {
                    source.entities.push(KbEntity {
                        iri: unescape(iri),
                        label: (!label.is_empty()).then(|| unescape(label)),
                        aliases: read_list(aliases),
                        types: read_list(types),
                        description: (!description.is_empty()).then(|| unescape(description)),
                        neighbours: read_list(neighbours),
                        degree: degree.parse().map_err(|_| bad(n, "bad degree"))?,
                    });
                }
                ["C", class, superclass] => source
                    .subclass_of
                    .push((unescape(class), unescape(superclass))),
                ["A", ours, theirs] => source.alignments.push((unescape(ours), unescape(theirs))),
                ["END", count] => {
                    if count.parse::<usize>().ok() != Some(source.entities.len()) {
                        return Err(bad(n, "entity count does not match"));
                    }
                    complete = true;
                }
                _ => return Err(bad(n, "unexpected record")),
            }
        }
        if !complete {
            return Err(bad(0, "truncated (no END record)"));
        }
        Ok(source)
    }
}

fn write_list(out: &mut impl Write, items: &[String]) -> std::io::Result<()> {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.write_all(b"\x1f")?;
        }
        out.write_all(escape(item).as_bytes())?;
    }
    out.write_all(b"\t")
}

fn read_list(field: &str) -> Vec<String> {
    if field.is_empty() {
        Vec::new()
    } else {
        field.split('\x1f').map(unescape).collect()
    }
}

/// Escapes the characters the index format uses as separators.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\x1f' => out.push_str("\\u"),
            _ => out.push(c),
        }
    }
    out
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('u') => out.push('\x1f'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// What identifies the version of a source file the index was built from.
fn fingerprint(path: &Path, lenient: bool) -> Result<String, KbError> {
    let meta = std::fs::metadata(path).map_err(|source| KbError::Io {
        path: path.to_owned(),
        source,
    })?;
    let mtime = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    Ok(format!(
        "{INDEX_MAGIC}\t{INDEX_VERSION}\t{}\t{mtime}\t{}\t{}",
        meta.len(),
        if lenient { "lenient" } else { "strict" },
        escape(&absolute.to_string_lossy())
    ))
}

/// The index file of a source inside an index folder: file name plus a hash of its full path.
pub fn index_path(source: &Path, index_dir: &Path) -> PathBuf {
    let absolute = std::fs::canonicalize(source).unwrap_or_else(|_| source.to_owned());
    // FNV-1a: stable across runs and Rust versions, unlike the standard library's hasher.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in absolute.to_string_lossy().bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    let stem: String = source
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("kb")
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    index_dir.join(format!("{stem}-{hash:016x}.kbi"))
}

/// Whether the index was reused or (re)built, and from what.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndexState {
    /// An up-to-date index was found and read.
    Reused,
    /// The index was missing, stale or damaged and was built from the source.
    Built,
}

/// Loads the persisted index of `source` from `index_dir`, or builds it from the source and
/// persists it (atomically: temporary file, then rename) when it is missing, stale or damaged.
pub fn load_or_build(
    source: &Path,
    index_dir: &Path,
    lenient: bool,
) -> Result<(KbSource, IndexState), KbError> {
    let expected = fingerprint(source, lenient)?;
    let path = index_path(source, index_dir);
    if let Ok(file) = File::open(&path) {
        let mut reader = BufReader::new(file);
        let mut header = String::new();
        if reader.read_line(&mut header).is_ok() && header.trim_end_matches('\n') == expected {
            if let Ok(kb) = KbSource::read_index(reader, &path) {
                return Ok((kb, IndexState::Reused));
            }
        }
    }
    let kb = KbSource::from_file(source, lenient)?;
    let write = |source| KbError::Write {
        path: path.clone(),
        source,
    };
    std::fs::create_dir_all(index_dir).map_err(write)?;
    let tmp = index_dir.join(format!(
        ".{}.tmp-{}",
        path.file_name().and_then(|n| n.to_str()).unwrap_or("kb"),
        std::process::id()
    ));
    let result = (|| {
        let mut out = BufWriter::new(File::create(&tmp)?);
        writeln!(out, "{expected}")?;
        kb.write_index(&mut out)?;
        let file = out.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        std::fs::rename(&tmp, &path)
    })();
    if let Err(source) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(KbError::Write {
            path: path.clone(),
            source,
        });
    }
    Ok((kb, IndexState::Built))
}

#[cfg(test)]
#[path = "kb_tests.rs"]
mod tests;
