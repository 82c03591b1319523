//! Reading inputs: facts files (`.json`, `.jsonl`, optionally `.gz`) and folders.
//!
//! A `.json` file holds one facts document or an array of them; a `.jsonl` file one document per
//! line (blank lines are skipped). Errors name the file, the line (JSON Lines) or array index, and
//! the JSON path of the offending field (`facts[2].confidence`), so that one bad record can be
//! reported while the others are loaded.
//!
//! Text articles (`.txt`, `.md`, `.html`) are recognised here by extension but read by
//! [`crate::extract::read_article_file`].

use std::fmt;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use crate::facts::FactsDocument;

/// What kind of input a file is, from its extension (`.gz` stripped).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum InputKind {
    /// A facts document or array of them (`.json`).
    FactsJson,
    /// Facts documents, one per line (`.jsonl`, `.ndjson`).
    FactsJsonLines,
    /// A news article to extract facts from (`.txt`, `.md`, `.markdown`, `.html`, `.htm`).
    Text,
}

impl InputKind {
    /// The kind of `path`, or `None` for an unknown extension.
    pub fn of(path: &Path) -> Option<Self> {
        let name = path.file_name()?.to_string_lossy().to_lowercase();
        let name = name.strip_suffix(".gz").unwrap_or(&name);
        let ext = name.rsplit_once('.')?.1;
        match ext {
            "json" => Some(Self::FactsJson),
            "jsonl" | "ndjson" => Some(Self::FactsJsonLines),
            "txt" | "md" | "markdown" | "html" | "htm" => Some(Self::Text),
            _ => None,
        }
    }
}

/// Where a record comes from: file, and line (JSON Lines) or array index (JSON arrays).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file.
    pub file: PathBuf,
    /// 1-based line, for JSON Lines.
    pub line: Option<usize>,
    /// Index in a top-level JSON array.
    pub index: Option<usize>,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(index) = self.index {
            write!(f, " [{index}]")?;
        }
        Ok(())
    }
}

/// Why an input could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file or folder could not be read (missing, not UTF-8, truncated gzip...).
    #[error("{location}: {source}")]
    Io {
        /// Where.
        location: Location,
        /// The cause.
        source: std::io::Error,
    },
    /// The JSON is malformed or does not have the shape of a facts document.
    #[error("{location}: {}{message}", if path.is_empty() || path == "." { String::new() } else { format!("{path}: ") })]
    Json {
        /// Where.
        location: Location,
        /// JSON path of the field (`facts[2].confidence`), empty at the top.
        path: String,
        /// The parser's message (with line and column inside the record).
        message: String,
    },
    /// The file has an extension newskg does not read.
    #[error("{}: unknown input type (expected .json, .jsonl, .txt, .md or .html, optionally .gz)", .0.display())]
    UnknownKind(PathBuf),
}

/// One raw record: the JSON text of one document (or a whole `.json` file) and where it is.
#[derive(Debug, Clone)]
pub struct Record {
    /// Where it comes from.
    pub location: Location,
    /// The JSON text.
    pub json: String,
}

/// Expands folders (recursively, files with known extensions only, sorted by path) and checks the
/// kind of each explicit file. Unreadable folders and unknown explicit files are reported in the
/// second list; the others are still returned.
pub fn expand_inputs(paths: &[PathBuf]) -> (Vec<(PathBuf, InputKind)>, Vec<ReadError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found = Vec::new();
            walk(path, &mut found, &mut errors);
            found.sort();
            files.extend(found);
        } else {
            match InputKind::of(path) {
                Some(kind) => files.push((path.clone(), kind)),
                None if !path.exists() => errors.push(ReadError::Io {
                    location: Location {
                        file: path.clone(),
                        line: None,
                        index: None,
                    },
                    source: std::io::Error::new(
                        std::io::ErrorKind::NotFound,
                        "no such file or folder",
                    ),
                }),
                None => errors.push(ReadError::UnknownKind(path.clone())),
            }
        }
    }
    (files, errors)
}

fn walk(dir: &Path, found: &mut Vec<(PathBuf, InputKind)>, errors: &mut Vec<ReadError>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(source) => {
            errors.push(ReadError::Io {
                location: Location {
                    file: dir.to_owned(),
                    line: None,
                    index: None,
                },
                source,
            });
            return;
        }
    };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, found, errors);
        } else if let Some(kind) = InputKind::of(&path) {
            found.push((path, kind));
        }
    }
}

/// Opens a file, decompressing `.gz` on the fly.
pub fn open(path: &Path) -> Result<Box<dyn BufRead + Send>, ReadError> {
    let file = std::fs::File::open(path).map_err(|source| ReadError::Io {
        location: at(path),
        source,
    })?;
    let gz = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"));
    Ok(if gz {
        Box::new(BufReader::new(flate2::read::MultiGzDecoder::new(file)))
    } else {
        Box::new(BufReader::new(file))
    })
}

fn at(path: &Path) -> Location {
    Location {
        file: path.to_owned(),
        line: None,
        index: None,
    }
}

/// The records of a facts file, read lazily: one per non-blank line of a `.jsonl` file, one for a
/// whole `.json` file.
///
/// A line that is not UTF-8 is reported (with its line and column) and the next lines are still
/// read; an I/O error (a truncated or corrupt `.gz`, a failing disk) ends the file after one error,
/// because the reader cannot resynchronise after it.
pub fn records(
    path: &Path,
    kind: InputKind,
) -> Box<dyn Iterator<Item = Result<Record, ReadError>> + Send> {
    let reader = match open(path) {
        Ok(reader) => reader,
        Err(e) => return Box::new(std::iter::once(Err(e))),
    };
    let path = path.to_owned();
    match kind {
        InputKind::FactsJsonLines => Box::new(JsonLines {
            reader,
            path,
            line: 0,
            done: false,
        }),
        _ => {
            let mut bytes = Vec::new();
            let mut reader = reader;
            Box::new(std::iter::once(match reader.read_to_end(&mut bytes) {
                Ok(_) => utf8(bytes, 1)
                    .map(|json| Record {
                        location: at(&path),
                        json,
                    })
                    .map_err(|source| ReadError::Io {
                        location: at(&path),
                        source,
                    }),
                Err(source) => Err(ReadError::Io {
                    location: at(&path),
                    source,
                }),
            }))
        }
    }
}

/// The non-blank lines of a JSON Lines reader, as records.
struct JsonLines {
    reader: Box<dyn BufRead + Send>,
    path: PathBuf,
    line: usize,
    done: bool,
}

impl Iterator for JsonLines {
    type Item = Result<Record, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            self.line += 1;
            let location = Location {
                file: self.path.clone(),
                line: Some(self.line),
                index: None,
            };
            let mut bytes = Vec::new();
            match self.reader.read_until(b'\n', &mut bytes) {
                Ok(0) => self.done = true,
                Ok(_) => match utf8(bytes, self.line) {
                    Ok(json) if json.trim().is_empty() => {}
                    Ok(json) => return Some(Ok(Record { location, json })),
                    Err(source) => return Some(Err(ReadError::Io { location, source })),
                },
                Err(source) => {
                    self.done = true;
                    return Some(Err(ReadError::Io { location, source }));
                }
            }
        }
        None
    }
}

/// The text of `bytes`, or an error saying where (line and column, counted from `first_line`) the
/// first byte that is not UTF-8 is.
fn utf8(bytes: Vec<u8>, first_line: usize) -> Result<String, std::io::Error> {
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let newlines = valid.iter().filter(|b| **b == b'\n').count();
        let column = valid.len() - valid.iter().rposition(|b| *b == b'\n').map_or(0, |p| p + 1) + 1;
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!(
                "not valid UTF-8 at line {} column {column} (byte {})",
                first_line + newlines,
                valid.len()
            ),
        )
    })
}

/// Parses a record into facts documents: one, or one per element of a top-level array. Each
/// element is parsed on its own, so one bad element does not hide the others.
pub fn parse_record(record: &Record) -> Vec<(Location, Result<FactsDocument, ReadError>)> {
    let json_error = |location: &Location, path: String, message: String| ReadError::Json {
        location: location.clone(),
        path,
        message,
    };
    if record.json.trim_start().starts_with('[') {
        let values: Vec<serde_json::Value> = match serde_json::from_str(&record.json) {
            Ok(values) => values,
            Err(e) => {
                return vec![(
                    record.location.clone(),
                    Err(json_error(&record.location, String::new(), e.to_string())),
                )];
            }
        };
        values
            .into_iter()
            .enumerate()
            .map(|(i, value)| {
                let location = Location {
                    index: Some(i),
                    ..record.location.clone()
                };
                let doc = serde_path_to_error::deserialize(value).map_err(|e| {
                    json_error(&location, e.path().to_string(), e.inner().to_string())
                });
                (location, doc)
            })
            .collect()
    } else {
        let mut de = serde_json::Deserializer::from_str(&record.json);
        let doc = match serde_path_to_error::deserialize::<_, FactsDocument>(&mut de) {
            Ok(doc) => de
                .end()
                .map(|()| doc)
                .map_err(|e| json_error(&record.location, String::new(), e.to_string())),
            Err(e) => Err(json_error(
                &record.location,
                e.path().to_string(),
                e.inner().to_string(),
            )),
        };
        vec![(record.location.clone(), doc)]
    }
}

/// Reads every facts document of a file (convenience for tests and small inputs).
pub fn read_facts_file(path: &Path) -> Result<Vec<FactsDocument>, ReadError> {
    let kind = InputKind::of(path).ok_or_else(|| ReadError::UnknownKind(path.to_owned()))?;
    let mut docs = Vec::new();
    for record in records(path, kind) {
        for (_, doc) in parse_record(&record?) {
            docs.push(doc?);
        }
    }
    Ok(docs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(json: &str) -> Record {
        Record {
            location: Location {
                file: "x.jsonl".into(),
                line: Some(3),
                index: None,
            },
            json: json.into(),
        }
    }

    #[test]
    fn kinds() {
        assert_eq!(
            InputKind::of(Path::new("a/b.json")),
            Some(InputKind::FactsJson)
        );
        assert_eq!(
            InputKind::of(Path::new("b.JSONL.gz")),
            Some(InputKind::FactsJsonLines)
        );
        assert_eq!(InputKind::of(Path::new("b.txt")), Some(InputKind::Text));
        assert_eq!(InputKind::of(Path::new("b.gz")), None);
        assert_eq!(InputKind::of(Path::new("README")), None);
    }

    #[test]
    fn errors_carry_line_and_json_path() {
        let parsed = parse_record(&record(
            r#"{"article": {"id": "a"}, "facts": [{"subject": "e1", "predicate": "p", "confidence": "high"}]}"#,
        ));
        let Some((_, Err(err))) = parsed.first() else {
            panic!("accepted a bad record")
        };
        let message = err.to_string();
        assert!(
            message.starts_with("x.jsonl:3: facts[0].confidence: "),
            "{message}"
        );
    }

    #[test]
    fn arrays_parse_element_by_element() {
        let parsed = parse_record(&record(
            r#"[{"article": {"id": "a"}}, {"article": {}}, {"article": {"id": "c"}}]"#,
        ));
        assert_eq!(parsed.len(), 3);
        assert!(parsed[0].1.is_ok() && parsed[2].1.is_ok());
        let Err(err) = &parsed[1].1 else {
            panic!("accepted an article without id")
        };
        assert!(err.to_string().contains("[1]"), "{err}");
    }

    #[test]
    fn a_bad_line_is_skipped_and_a_broken_gzip_ends_the_file()
    -> Result<(), Box<dyn std::error::Error>> {
        use std::io::Write;
        let dir = std::env::temp_dir().join(format!("newskg-read-{}", std::process::id()));
        std::fs::create_dir_all(&dir)?;
        let lines = dir.join("mixed.jsonl");
        std::fs::write(&lines, b"{\"a\": 1}\n{\"b\": \"caf\xE9\"}\n\n{\"c\": 3}\n")?;
        let got: Vec<_> = records(&lines, InputKind::FactsJsonLines).collect();
        assert_eq!(got.len(), 3);
        let Err(err) = &got[1] else {
            panic!("accepted a line that is not UTF-8")
        };
        assert!(
            err.to_string()
                .contains(":2: not valid UTF-8 at line 2 column 11"),
            "{err}"
        );
        assert!(matches!(&got[2], Ok(r) if r.location.line == Some(4)));

        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all("{\"x\": 1}\n".repeat(1000).as_bytes())?;
        let gz = gz.finish()?;
        let truncated = dir.join("truncated.jsonl.gz");
        std::fs::write(&truncated, &gz[..gz.len() / 2])?;
        let got: Vec<_> = records(&truncated, InputKind::FactsJsonLines).collect();
        assert_eq!(got.iter().filter(|r| r.is_err()).count(), 1);
        assert!(got.last().is_some_and(Result::is_err));
        std::fs::remove_dir_all(&dir)?;
        Ok(())
    }

    #[test]
    fn trailing_garbage_is_an_error() {
        assert!(
            parse_record(&record(r#"{"article": {"id": "a"}} x"#))[0]
                .1
                .is_err()
        );
    }
}
