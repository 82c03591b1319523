//! The push record: per target, the content hash of every graph last sent, so that a second
//! push sends only what changed. Kept as JSON inside the store folder.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use sha2::{Digest as _, Sha256};

use super::{PushError, Target};

/// The content hashes of the graphs last pushed to one target.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Record {
    /// The target's key ([`Target::key`]).
    pub target: String,
    /// Graph IRI → SHA-256 of its canonical N-Triples.
    pub graphs: BTreeMap<String, String>,
}

impl Record {
    /// Where the record of pushes to `target` lives, inside the store folder.
    pub fn path(store_dir: &Path, target: &Target) -> PathBuf {
        let digest = Sha256::digest(target.key().as_bytes());
        let name = super::hex(&digest[..8]);
        store_dir.join("newskg-push").join(format!("{name}.json"))
    }

    /// Reads a record; a missing file is an empty record.
    pub fn load(path: &Path, target: &Target) -> Result<Self, PushError> {
        match fs::read(path) {
            Ok(bytes) => serde_json::from_slice::<Self>(&bytes)
                .map_err(|e| PushError::Record {
                    path: path.to_owned(),
                    source: io::Error::new(io::ErrorKind::InvalidData, e),
                })
                .map(|r| {
                    if r.target == target.key() {
                        r
                    } else {
                        Self::empty(target)
                    }
                }),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Self::empty(target)),
            Err(source) => Err(PushError::Record {
                path: path.to_owned(),
                source,
            }),
        }
    }

    /// A record of no push yet to `target`.
    pub(super) fn empty(target: &Target) -> Self {
        Self {
            target: target.key(),
            graphs: BTreeMap::new(),
        }
    }

    /// Writes the record atomically (temporary file, then rename).
    pub fn save(&self, path: &Path) -> Result<(), PushError> {
        let fail = |source| PushError::Record {
            path: path.to_owned(),
            source,
        };
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(fail)?;
        }
        let tmp = path.with_extension("json.tmp");
        let json = serde_json::to_vec_pretty(self).map_err(|e| fail(io::Error::other(e)))?;
        fs::write(&tmp, json).map_err(fail)?;
        fs::rename(&tmp, path).map_err(fail)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_round_trips_and_belongs_to_its_target() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let target = Target {
            graph_store: Some("http://127.0.0.1:1/store".into()),
            update: None,
        };
        let path = Record::path(dir.path(), &target);
        let mut record = Record::load(&path, &target)?;
        assert!(record.graphs.is_empty());
        record.graphs.insert("http://g".into(), "h".into());
        record.save(&path)?;
        assert_eq!(Record::load(&path, &target)?.graphs.len(), 1);
        let other = Target {
            graph_store: Some("http://127.0.0.1:2/store".into()),
            update: None,
        };
        assert_ne!(Record::path(dir.path(), &other), path);
        Ok(())
    }
}
