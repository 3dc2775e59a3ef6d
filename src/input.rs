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
    first_document_is_facts(content.as_bytes())
}

/// Whether a JSON Lines file holds facts documents (rather than articles), judged by its first
/// document, which is read from the file alone (however long the file is). A file that cannot
/// be read or parsed is taken for articles, whose reader reports what is wrong with it.
pub fn jsonl_file_holds_facts(path: &Path) -> bool {
    std::fs::File::open(path).is_ok_and(|file| first_document_is_facts(std::io::BufReader::new(file)))
}

/// Whether the first JSON document `reader` holds is an object with an `article` member; only
/// that document is read.
fn first_document_is_facts(reader: impl Read) -> bool {
    let mut values = serde_json::Deserializer::from_reader(reader).into_iter::<serde_json::Map<String, serde_json::Value>>();
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

/// Like [`read_facts`], but hands each document to `sink` as soon as it is parsed, and reads
/// the input in chunks of whole lines (about [`FACTS_CHUNK_BYTES`]), so that memory does not
/// grow with the input: only a JSON array (`[…]`) is read whole. A syntax error after some
/// documents stops the reading with that error; what `sink` did with the earlier ones is the
/// caller's to undo.
pub fn read_facts_each(reader: impl Read, source: &str, sink: impl FnMut(Located<ArticleFacts>) -> Result<()>) -> Result<()> {
    read_facts_chunked(reader, source, FACTS_CHUNK_BYTES, sink)
}

/// [`read_facts_each`] with chunks of `chunk_bytes`.
fn read_facts_chunked(reader: impl Read, source: &str, chunk_bytes: usize, mut sink: impl FnMut(Located<ArticleFacts>) -> Result<()>) -> Result<()> {
    let mut lines = Lines::new(reader, source, |location, message| Error::FactsSyntax { location, message });
    // The chunk being parsed: whole lines, plus the unfinished document carried from the last.
    let mut text = String::new();
    // Lines before the chunk, and characters before it on its first line (when it starts with
    // the rest of the line a document ended on).
    let (mut line_base, mut column_base) = (0u64, 0u64);
    let mut target = chunk_bytes;
    let mut documents = 0usize;
    let mut at_end = false;
    loop {
        while !at_end && text.len() < target {
            at_end = !lines.append_to(&mut text)?;
        }
        if documents == 0 && text.trim_start().starts_with('[') {
            while lines.append_to(&mut text)? {}
            let documents: Vec<ArticleFacts> = serde_json::from_str(&text).map_err(|e| syntax(source, &e, line_base, column_base))?;
            return documents.into_iter().try_for_each(|value| sink(Located { location: Location::new(source), value }));
        }
        let mut stream = serde_json::Deserializer::from_str(&text).into_iter::<ArticleFacts>();
        // Lines are counted incrementally: counting from the start of the text for every
        // document made reading N documents O(N²) (3,000 small documents took two minutes).
        let (mut counted, mut line) = (0usize, line_base + 1);
        let mut consumed = text.len();
        loop {
            let offset = stream.byte_offset();
            let Some(next) = stream.next() else { break };
            match next {
                Ok(value) => {
                    // The document starts at the first non-blank byte after the previous one.
                    let start = offset + text[offset..].len() - text[offset..].trim_start().len();
                    line += text.as_bytes()[counted..start].iter().filter(|&&b| b == b'\n').count() as u64;
                    counted = start;
                    documents += 1;
                    sink(Located { location: Location::new(source).at(line, 1), value })?;
                }
                // A document the chunk cuts short: carried into the next chunk.
                Err(e) if e.is_eof() && !at_end => {
                    consumed = offset;
                    break;
                }
                Err(e) => return Err(syntax(source, &e, line_base, column_base)),
            }
        }
        if at_end && consumed == text.len() {
            if documents == 0 {
                return Err(Error::FactsSyntax { location: Location::new(source), message: "empty input: no facts document".into() });
            }
            return Ok(());
        }
        let done = &text[..consumed];
        match done.rfind('\n') {
            Some(last) => {
                line_base += done.matches('\n').count() as u64;
                column_base = done[last + 1..].chars().count() as u64;
            }
            None => column_base += done.chars().count() as u64,
        }
        text.drain(..consumed);
        // A long document doubles the chunk, so that reading it stays linear.
        target = chunk_bytes.max(2 * text.len());
    }
}

/// The size of the chunks [`read_facts_each`] parses.
pub const FACTS_CHUNK_BYTES: usize = 8 << 20;

/// A JSON syntax error at its place in the whole input, from its place in a chunk that starts
/// `line_base` lines and `column_base` characters in.
fn syntax(source: &str, e: &serde_json::Error, line_base: u64, column_base: u64) -> Error {
    let (line, column) = (line_base + e.line() as u64, if e.line() <= 1 { column_base + e.column() as u64 } else { e.column() as u64 });
    // serde_json ends its message with the place in the chunk: say the place in the input.
    let message = e.to_string();
    let message = match message.strip_suffix(&format!(" at line {} column {}", e.line(), e.column())) {
        Some(bare) => format!("{bare} at line {line} column {column}"),
        None => message,
    };
    Error::FactsSyntax { location: Location::new(source).at(line, column), message }
}

/// Whole lines of UTF-8 text, read one at a time; invalid bytes are reported with their line
/// and column, as `error` (the caller's kind of input error) makes them. The one line reader of
/// the JSON Lines readers, facts and articles.
pub(crate) struct Lines<'s, R> {
    reader: std::io::BufReader<R>,
    source: &'s str,
    error: fn(Location, String) -> Error,
    line: u64,
    offset: usize,
    bytes: Vec<u8>,
}

impl<'s, R: Read> Lines<'s, R> {
    /// Lines of `reader`, named `source` in errors.
    pub(crate) fn new(reader: R, source: &'s str, error: fn(Location, String) -> Error) -> Self {
        Self { reader: std::io::BufReader::new(reader), source, error, line: 0, offset: 0, bytes: Vec::new() }
    }

    /// The number of the last line read (1-based).
    pub(crate) fn line(&self) -> u64 {
        self.line
    }

    /// Appends the next line, with its end of line, to `text`; false at the end of the input.
    pub(crate) fn append_to(&mut self, text: &mut String) -> Result<bool> {
        use std::io::BufRead;
        self.bytes.clear();
        let read = self
            .reader
            .read_until(b'\n', &mut self.bytes)
            .map_err(|e| (self.error)(Location::new(self.source).at(self.line + 1, 1), format!("cannot read: {e}")))?;
        if read == 0 {
            return Ok(false);
        }
        self.line += 1;
        let line = std::str::from_utf8(&self.bytes).map_err(|e| {
            let valid = &self.bytes[..e.valid_up_to()];
            let (_, column) = utf8_error_place(valid);
            (self.error)(Location::new(self.source).at(self.line, column), format!("not UTF-8 text (invalid byte at offset {})", self.offset + valid.len()))
        })?;
        self.offset += read;
        text.push_str(line);
        Ok(true)
    }
}

/// Where the first invalid byte after the valid UTF-8 `valid` stands: the number of line ends
/// before it, and its column (1-based, in characters) on its line.
pub(crate) fn utf8_error_place(valid: &[u8]) -> (u64, u64) {
    let line_ends = valid.iter().filter(|&&b| b == b'\n').count() as u64;
    let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    (line_ends, String::from_utf8_lossy(&valid[line_start..]).chars().count() as u64 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Where each document starts, or the error's place and message, reading `text` in chunks.
    fn read(text: &str, chunk: usize) -> std::result::Result<Vec<(String, String)>, String> {
        let mut out = Vec::new();
        read_facts_chunked(text.as_bytes(), "t.jsonl", chunk, |d| {
            out.push((d.value.article.id.clone(), d.location.to_string()));
            Ok(())
        })
        .map_err(|e| e.to_string())?;
        Ok(out)
    }

    fn documents(n: usize) -> String {
        let mut text = String::new();
        for i in 0..n {
            match i % 4 {
                // Pretty-printed over several lines, blank lines between, two on one line.
                0 => text.push_str(&format!("{{\n  \"article\": {{\n    \"id\": \"a{i}\"\n  }}\n}}\n\n")),
                1 => text.push_str(&format!("{{\"article\": {{\"id\": \"a{i}\", \"title\": \"{}\"}}}} ", "é".repeat(i))),
                _ => text.push_str(&format!("{{\"article\": {{\"id\": \"a{i}\"}}}}\n")),
            }
        }
        text
    }

    /// Issue 7: facts files are read in chunks, so that memory stays flat; documents cut by a
    /// chunk, and the lines and columns of documents and errors, come out as from the whole text.
    #[test]
    fn issue_7_chunks_give_what_the_whole_text_gives() {
        let text = documents(40);
        let whole = read(&text, usize::MAX).unwrap();
        assert_eq!(whole.len(), 40);
        assert_eq!(whole[1], ("a1".to_owned(), "t.jsonl:7:1".to_owned()), "{whole:?}");
        for chunk in [1, 2, 7, 30, 100, 1000] {
            assert_eq!(read(&text, chunk).unwrap(), whole, "chunk {chunk}");
        }
        // Errors: in a later line, on the line a document ended on, and a document cut by the end.
        for bad in [format!("{text}{{\"article\": {{\"id\": 5}}}}\n"), format!("{text}{{\"article\": {{\"id\": \"z\"}}}} {{\"nope\""), format!("{text}{{\"article\":\n")] {
            let expected = read(&bad, usize::MAX).unwrap_err();
            assert!(expected.contains("t.jsonl:"), "{expected}");
            for chunk in [1, 7, 100] {
                assert_eq!(read(&bad, chunk).unwrap_err(), expected, "chunk {chunk}");
            }
        }
        // An array is read whole; an empty input is an error; invalid UTF-8 names its line.
        let array = format!("[{}]", (0..3).map(|i| format!("{{\"article\": {{\"id\": \"b{i}\"}}}}")).collect::<Vec<_>>().join(",\n"));
        assert_eq!(read(&array, 1).unwrap().len(), 3);
        assert!(read(" \n\n ", 1).unwrap_err().contains("empty input"));
        let mut bytes = b"{\"article\": {\"id\": \"a\"}}\n{\"article\": {\"id\": \"".to_vec();
        bytes.extend([0xff, b'"', b'}', b'}']);
        let mut out = 0;
        let error = read_facts_chunked(&bytes[..], "u.jsonl", 1, |_| {
            out += 1;
            Ok(())
        })
        .unwrap_err()
        .to_string();
        assert!(error.contains("u.jsonl:2:") && error.contains("UTF-8"), "{error}");
    }
}
