//! Reading article files: plain text, Markdown with front matter, HTML pages, JSON Lines.

use std::path::{Path, PathBuf};

use crate::facts::Article;

/// Why an article file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// The file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
}

/// Reads one article file (`.txt`, `.md`, `.html`) into an [`Article`].
pub fn read_article_file(path: &Path) -> Result<Article, InputError> {
    let text = std::fs::read_to_string(path).map_err(|source| InputError::Io { path: path.to_owned(), source })?;
    let id = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    Ok(Article { id, text: Some(text), source: Some(path.display().to_string()), ..Article::default() })
}
