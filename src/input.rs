//! Finding and reading inputs: files, directories (recursively, in a stable order) and stdin.
//!
//! Facts documents are JSON (`.json`: one [`ArticleFacts`] object or an array of them) or JSON
//! Lines (`.jsonl`, `.ndjson`: one object per line). Errors carry the file, line and column.

use crate::error::{Error, Location, Result};
use crate::facts::ArticleFacts;
use std::io::Read;
use std::path::{Path, PathBuf};

/// What newsgraph makes of a file, judged by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// A facts document (`.json`).
    Facts,
    /// JSON Lines (`.jsonl`, `.ndjson`): facts documents, or articles to extract facts from —
    /// told apart by their first line (facts documents have an `article` member).
    JsonLines,
    /// A plain-text article (`.txt`), to extract facts from.
    Text,
}

impl InputKind {
    /// The kind of file `path` is, `None` when newsgraph does not read such files.
    pub fn of(path: &Path) -> Option<Self> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "json" => Some(Self::Facts),
            "jsonl" | "ndjson" => Some(Self::JsonLines),
            "txt" | "text" => Some(Self::Text),
            _ => None,
        }
    }
}

/// Whether JSON Lines content holds facts documents (rather than articles).
pub fn jsonl_holds_facts(content: &str) -> bool {
    let mut values = serde_json::Deserializer::from_str(content).into_iter::<serde_json::Map<String, serde_json::Value>>();
    values.next().is_some_and(|first| first.is_ok_and(|m| m.contains_key("article")))
}

/// The files found under the paths given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Discovery {
    /// Files to read, with their kind, in the order given and, within a directory, sorted by path.
    pub files: Vec<(PathBuf, InputKind)>,
    /// Files found in directories that newsgraph does not read.
    pub skipped: Vec<PathBuf>,
}

/// Lists the input files of `path`: the file itself, or every supported file below a directory.
/// A file named explicitly must be of a supported kind.
pub fn discover(path: &Path, discovery: &mut Discovery) -> Result<()> {
    let metadata = std::fs::metadata(path).map_err(|source| Error::Io { path: path.to_path_buf(), source })?;
    if metadata.is_dir() {
        let mut entries = std::fs::read_dir(path)
            .map_err(|source| Error::Io { path: path.to_path_buf(), source })?
            .map(|e| e.map(|e| e.path()))
            .collect::<std::io::Result<Vec<_>>>()
            .map_err(|source| Error::Io { path: path.to_path_buf(), source })?;
        entries.sort();
        for entry in entries {
            let is_dir = std::fs::metadata(&entry).map(|m| m.is_dir()).unwrap_or(false);
            if is_dir {
                discover(&entry, discovery)?;
            } else if let Some(kind) = InputKind::of(&entry) {
                discovery.files.push((entry, kind));
            } else {
                discovery.skipped.push(entry);
            }
        }
        Ok(())
    } else if let Some(kind) = InputKind::of(path) {
        discovery.files.push((path.to_path_buf(), kind));
        Ok(())
    } else {
        Err(Error::FactsSyntax {
            location: Location::new(path.display().to_string()),
            message: "unsupported file type (expected .txt, .json, .jsonl or .ndjson)".into(),
        })
    }
}

/// A facts document with where it starts in its source.
#[derive(Debug, Clone, PartialEq)]
pub struct Located<T> {
    /// The source and the line the document starts on.
    pub location: Location,
    /// The document.
    pub value: T,
}

/// Reads facts documents from a file.
pub fn read_facts_file(path: &Path) -> Result<Vec<Located<ArticleFacts>>> {
    let file = std::fs::File::open(path).map_err(|source| Error::Io { path: path.to_path_buf(), source })?;
    read_facts(file, &path.display().to_string())
}

/// Reads facts documents: a JSON array of objects, or one or more objects separated by white
/// space (which covers a single object and JSON Lines). `source` names the input in errors.
pub fn read_facts(reader: impl Read, source: &str) -> Result<Vec<Located<ArticleFacts>>> {
    let mut documents = Vec::new();
    read_facts_each(reader, source, |document| {
        documents.push(document);
        Ok(())
    })?;
    Ok(documents)
}

/// Like [`read_facts`], but hands each document to `sink` as soon as it is parsed, so that only
/// the text and one document are in memory at a time. A syntax error after some documents stops
/// the reading with that error; what `sink` did with the earlier ones is the caller's to undo.
pub fn read_facts_each(mut reader: impl Read, source: &str, sink: impl FnMut(Located<ArticleFacts>) -> Result<()>) -> Result<()> {
    let mut text = String::new();
    reader.read_to_string(&mut text).map_err(|e| Error::FactsSyntax {
        location: Location::new(source),
        message: format!("cannot read as UTF-8 text: {e}"),
    })?;
    read_facts_text(&text, source, sink)
}

/// [`read_facts_each`] over a text already in memory.
pub(crate) fn read_facts_text(text: &str, source: &str, mut sink: impl FnMut(Located<ArticleFacts>) -> Result<()>) -> Result<()> {
    let syntax = |e: serde_json::Error| Error::FactsSyntax {
        location: Location::new(source).at(e.line() as u64, e.column() as u64),
        message: e.to_string(),
    };
    let trimmed = text.trim_start();
    if trimmed.is_empty() {
        return Err(Error::FactsSyntax { location: Location::new(source), message: "empty input: no facts document".into() });
    }
    if trimmed.starts_with('[') {
        let documents: Vec<ArticleFacts> = serde_json::from_str(text).map_err(syntax)?;
        return documents.into_iter().try_for_each(|value| sink(Located { location: Location::new(source), value }));
    }
    let mut stream = serde_json::Deserializer::from_str(text).into_iter::<ArticleFacts>();
    // Lines are counted incrementally: counting from the start of the text for every document
    // made reading N documents O(N²) (3,000 small documents took two minutes).
    let (mut counted, mut line) = (0usize, 1u64);
    loop {
        let offset = stream.byte_offset();
        let Some(next) = stream.next() else { break };
        let value = next.map_err(syntax)?;
        // The document starts at the first non-blank byte after the previous one.
        let start = offset + text[offset..].len() - text[offset..].trim_start().len();
        line += text.as_bytes()[counted..start].iter().filter(|&&b| b == b'\n').count() as u64;
        counted = start;
        sink(Located { location: Location::new(source).at(line, 1), value })?;
    }
    Ok(())
}
