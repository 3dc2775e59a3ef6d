//! Articles and their readers: plain text with an optional metadata header, and JSON Lines.
//!
//! A `.txt` article may start with `key: value` lines (title, publisher, date, url, language,
//! dateline, id) or YAML-style front matter between `---` lines, then a blank line, then the
//! text. Without a header the text speaks for itself: the first line is the headline, and a
//! dateline such as `BEIJING, June 20. /TASS/.` or `NEW DELHI, Feb 14 (Reuters) -` gives the
//! place and the publisher. The date then comes from the file name (`…2024-06-20…`) or from the
//! dateline, whose year is the latest year the text mentions.

use crate::error::{Error, Location, Result};
use crate::facts::ArticleMeta;
use serde::Deserialize;
use std::path::Path;

/// An article: its metadata and its text. `meta.text` is always set.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// Metadata, with `text` holding the article text (offsets of facts index into it).
    pub meta: ArticleMeta,
}

impl Article {
    /// The text facts' offsets refer to.
    pub fn text(&self) -> &str {
        self.meta.text.as_deref().unwrap_or_default()
    }
}

const HEADER_KEYS: &[&str] = &["id", "title", "publisher", "date", "url", "language", "dateline", "source", "author"];

const MONTHS: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
];

/// The month number (1–12) of an English month name or its usual abbreviation.
pub fn month_number(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.').to_ascii_lowercase();
    if word.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| *m == word || (word.len() >= 3 && m.starts_with(&word) && (word.len() == 3 || word == "sept")))
        .map(|i| i as u32 + 1)
}

fn header_line(line: &str) -> Option<(String, String)> {
    let (key, value) = line.split_once(':')?;
    let key = key.trim().to_ascii_lowercase();
    HEADER_KEYS.contains(&key.as_str()).then(|| (key, value.trim().trim_matches('"').to_owned()))
}

/// A dateline found at the start of a line of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    /// The place, as written ("BEIJING" → "Beijing").
    pub place: String,
    /// Month and day.
    pub month: u32,
    /// Day of month.
    pub day: u32,
    /// The year, when the dateline gives one.
    pub year: Option<i32>,
    /// The outlet named in the dateline (`/TASS/`, `(Reuters)`).
    pub publisher: Option<String>,
}

/// Recognizes `PLACE, Month Day[, Year][.] [/OUTLET/.|(OUTLET) -|—]` at the start of `line`.
pub fn parse_dateline(line: &str) -> Option<Dateline> {
    let (place, rest) = line.split_once(',')?;
    let place = place.trim();
    let is_caps = !place.is_empty()
        && place.chars().all(|c| c.is_uppercase() || c == ' ' || c == '.' || c == '-' || c == '\'')
        && place.chars().any(char::is_alphabetic);
    if !is_caps || place.len() > 40 {
        return None;
    }
    let mut words = rest.split_whitespace();
    let month = month_number(words.next()?)?;
    let day_word = words.next()?;
    let day: u32 = day_word.trim_end_matches(['.', ',']).parse().ok().filter(|d| (1..=31).contains(d))?;
    let mut year = None;
    let mut remainder: Vec<&str> = words.collect();
    if let Some(first) = remainder.first() {
        if let Ok(y) = first.trim_end_matches(['.', ',']).parse::<i32>() {
            if (1900..=2100).contains(&y) {
                year = Some(y);
                remainder.remove(0);
            }
        }
    }
    let tail = remainder.join(" ");
    let publisher = tail
        .strip_prefix('/')
        .and_then(|t| t.split('/').next())
        .or_else(|| tail.strip_prefix('(').and_then(|t| t.split(')').next()))
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty() && p.len() < 40);
    let place = place
        .split(' ')
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map(|c| c.to_uppercase().collect::<String>() + &chars.as_str().to_lowercase()).unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ");
    Some(Dateline { place, month, day, year, publisher })
}

/// The first `YYYY-MM-DD` in a file name.
fn date_in_name(name: &str) -> Option<String> {
    let bytes = name.as_bytes();
    (0..bytes.len().saturating_sub(9)).find_map(|i| {
        let candidate = &name.get(i..i + 10)?;
        let ok = candidate.bytes().enumerate().all(|(j, b)| if j == 4 || j == 7 { b == b'-' } else { b.is_ascii_digit() });
        (ok && crate::map::date_literal(candidate).is_ok()).then(|| (*candidate).to_owned())
    })
}

/// The latest plausible year (1900–2100) written in the text.
fn latest_year(text: &str) -> Option<i32> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse::<i32>().ok())
        .filter(|y| (1900..=2100).contains(y))
        .max()
}

/// Reads a plain-text article. `id` is used when the header gives none (the file stem).
pub fn read_text_article(content: &str, id: &str, source: &str) -> Result<Article> {
    let bad = |message: String| Error::ArticleInput { location: Location::new(source), message };
    if content.trim().is_empty() {
        return Err(bad("empty article: no text".into()));
    }
    if content.contains('\0') {
        return Err(bad("binary file: it contains NUL bytes".into()));
    }
    let content = content.strip_prefix('\u{feff}').unwrap_or(content);
    let mut meta = ArticleMeta { id: id.to_owned(), ..ArticleMeta::default() };
    let mut body = content;
    // Front matter between --- lines, or key: value lines up to a blank line.
    let (header, rest) = if let Some(after) = content.strip_prefix("---\n") {
        match after.split_once("\n---\n") {
            Some((header, rest)) => (Some(header), rest),
            None => (None, content),
        }
    } else {
        match content.split_once("\n\n") {
            Some((header, rest)) if header.lines().all(|l| header_line(l).is_some()) => (Some(header), rest),
            _ => (None, content),
        }
    };
    if let Some(header) = header {
        body = rest;
        for (line_number, line) in header.lines().enumerate() {
            let Some((key, value)) = header_line(line) else {
                if line.trim().is_empty() {
                    continue;
                }
                return Err(Error::ArticleInput {
                    location: Location::new(source).at(line_number as u64 + 2, 1),
                    message: format!("not a `key: value` header line: {line:?}"),
                });
            };
            match key.as_str() {
                "id" => meta.id = value,
                "title" => meta.title = Some(value),
                "publisher" | "source" => meta.publisher = Some(value),
                "date" => meta.date = Some(value),
                "url" => meta.url = Some(value),
                "language" => meta.language = Some(value),
                "dateline" => meta.dateline = Some(value),
                _ => {}
            }
        }
    }
    let body = body.trim_start_matches(['\n', '\r']);
    // Without a title, the first line is the headline.
    if meta.title.is_none() {
        meta.title = body.lines().next().map(|l| l.trim().to_owned()).filter(|l| !l.is_empty() && parse_dateline(l).is_none());
    }
    if let Some(dateline) = body.lines().take(5).find_map(parse_dateline) {
        meta.dateline.get_or_insert(dateline.place.clone());
        if meta.publisher.is_none() {
            meta.publisher = dateline.publisher.clone();
        }
        if meta.date.is_none() {
            let year = dateline.year.or_else(|| date_in_name(id).map(|d| d[..4].parse().unwrap_or(0))).or_else(|| latest_year(body));
            if let Some(year) = year {
                meta.date = Some(format!("{year:04}-{:02}-{:02}", dateline.month, dateline.day));
            }
        }
    }
    if meta.date.is_none() {
        meta.date = date_in_name(id);
    }
    if let Some(date) = &meta.date {
        crate::map::date_literal(date).map_err(|e| bad(format!("header date: {e}")))?;
    }
    meta.text = Some(body.to_owned());
    check_meta(&meta).map_err(|e| bad(format!("header {e}")))?;
    Ok(Article { meta })
}

/// Checks an article's metadata the way the mapper will (id, publication date, URL, language,
/// publisher, dateline), so that a bad header or JSON Lines field makes the article unreadable
/// (reported and skipped) rather than making the extractor write facts the mapper refuses,
/// which failed the whole batch. Found by the `extract` fuzz target: `url: https://a b`.
fn check_meta(meta: &ArticleMeta) -> std::result::Result<(), crate::error::FactError> {
    let facts = crate::facts::ArticleFacts {
        article: ArticleMeta { text: None, ..meta.clone() },
        extraction: None,
        entities: Vec::new(),
        events: Vec::new(),
        agreements: Vec::new(),
        statements: Vec::new(),
        affiliations: Vec::new(),
    };
    crate::map::Mapper::new(crate::mint::Minter::default()).map(&facts).map(drop)
}

/// One line of a JSON Lines articles file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonArticle {
    id: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    publisher: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    language: Option<String>,
    #[serde(default)]
    dateline: Option<String>,
    text: String,
}

/// Reads JSON Lines of articles (`{"id","title","date","publisher","url","text"}`), one per line.
pub fn read_jsonl_articles(content: &str, source: &str) -> Result<Vec<Article>> {
    let mut articles = Vec::new();
    read_jsonl_articles_each(content.as_bytes(), source, |article| {
        articles.push(article);
        Ok(())
    })?;
    Ok(articles)
}

/// Like [`read_jsonl_articles`], but reads `reader` one line at a time and hands each article
/// to `sink` as soon as it is read: memory holds one line, however long the file. Errors name
/// the line and column, invalid UTF-8 included; an error from `sink` stops the reading.
pub fn read_jsonl_articles_each(reader: impl std::io::Read, source: &str, mut sink: impl FnMut(Article) -> Result<()>) -> Result<()> {
    let mut lines = crate::input::Lines::new(reader, source, |location, message| Error::ArticleInput { location, message });
    let mut text = String::new();
    loop {
        text.clear();
        if !lines.append_to(&mut text)? {
            return Ok(());
        }
        let line_number = lines.line();
        let line = text.strip_suffix('\n').map_or(text.as_str(), |l| l.strip_suffix('\r').unwrap_or(l));
        if line.trim().is_empty() {
            continue;
        }
        let parsed: JsonArticle = serde_json::from_str(line).map_err(|e| Error::ArticleInput {
            location: Location::new(source).at(line_number, e.column() as u64),
            message: e.to_string(),
        })?;
        let meta = ArticleMeta {
            id: parsed.id,
            title: parsed.title,
            publisher: parsed.publisher,
            date: parsed.date,
            url: parsed.url,
            language: parsed.language,
            dateline: parsed.dateline,
            text: Some(parsed.text),
        };
        check_meta(&meta).map_err(|e| Error::ArticleInput { location: Location::new(source).at(line_number, 1), message: e.to_string() })?;
        sink(Article { meta })?;
    }
}

/// The largest article file read (32 MiB): longer texts are not news articles, and refusing
/// them before reading keeps memory bounded.
pub const MAX_ARTICLE_BYTES: u64 = 32 * 1024 * 1024;

/// Reads a file as UTF-8 text; invalid bytes are reported with their line and column.
pub fn read_utf8_file(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io { path: path.to_path_buf(), source })?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let (line_ends, column) = crate::input::utf8_error_place(valid);
        Error::ArticleInput {
            location: Location::new(path.display().to_string()).at(line_ends + 1, column),
            message: format!("not UTF-8 text (invalid byte at offset {})", valid.len()),
        }
    })
}

/// Reads a `.txt` article file (the id defaults to the file stem).
pub fn read_article_file(path: &Path) -> Result<Article> {
    let size = std::fs::metadata(path).map_err(|source| Error::Io { path: path.to_path_buf(), source })?.len();
    if size > MAX_ARTICLE_BYTES {
        return Err(Error::ArticleInput {
            location: Location::new(path.display().to_string()),
            message: format!("the file is {size} bytes, more than the {MAX_ARTICLE_BYTES}-byte limit for one article"),
        });
    }
    let content = read_utf8_file(path)?;
    let source = path.display().to_string();
    let id = path.file_stem().and_then(|s| s.to_str()).unwrap_or("article");
    read_text_article(&content, id, &source)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines() {
        let d = parse_dateline("BEIJING, June 20. /TASS/. Russian President").unwrap();
        assert_eq!((d.place.as_str(), d.month, d.day, d.year, d.publisher.as_deref()), ("Beijing", 6, 20, None, Some("TASS")));
        let d = parse_dateline("NEW DELHI, Feb 14 (Reuters) - India").unwrap();
        assert_eq!((d.place.as_str(), d.month, d.day, d.publisher.as_deref()), ("New Delhi", 2, 14, Some("Reuters")));
        assert!(parse_dateline("Putin, who arrived on June 18").is_none());
    }

    #[test]
    fn header_and_body() {
        let a = read_text_article("title: T\ndate: 2024-06-20\npublisher: TASS\n\nBody text.\n", "x", "x.txt").unwrap();
        assert_eq!(a.meta.title.as_deref(), Some("T"));
        assert_eq!(a.text(), "Body text.\n");
    }

    #[test]
    fn headerless_seed_style() {
        let text = "Headline here\nStandfirst line\nBEIJING, June 20. /TASS/. Something happened in September 2023.\n";
        let a = read_text_article(text, "tass-2024-06-20-x", "t.txt").unwrap();
        assert_eq!(a.meta.title.as_deref(), Some("Headline here"));
        assert_eq!(a.meta.date.as_deref(), Some("2024-06-20"));
        assert_eq!(a.meta.publisher.as_deref(), Some("TASS"));
        assert_eq!(a.meta.dateline.as_deref(), Some("Beijing"));
        assert_eq!(a.text(), text);
    }

    #[test]
    fn json_lines_are_read_line_by_line_with_their_places() {
        let mut text = b"{\"id\": \"a\", \"text\": \"One.\"}\r\n\n{\"id\": \"b\", \"text\": \"Two.\"}\n{\"id\": \"c\", \"text\": \"\xc3\xa9".to_vec();
        text.extend([0xff, b'"', b'}', b'\n']);
        let mut ids = Vec::new();
        let error = read_jsonl_articles_each(&text[..], "a.jsonl", |article| {
            ids.push(article.meta.id);
            Ok(())
        })
        .unwrap_err();
        assert_eq!(ids, ["a", "b"]);
        assert!(error.to_string().starts_with("a.jsonl:4:23: ") && error.to_string().contains("not UTF-8"), "{error}");
        let error = read_jsonl_articles("{\"id\": \"a\", \"text\": \"x\"}\n{\"id\": 1}", "b.jsonl").unwrap_err();
        assert!(error.to_string().starts_with("b.jsonl:2:"), "{error}");
    }

    #[test]
    fn empty_and_binary_are_refused() {
        assert!(read_text_article("  \n", "x", "x.txt").is_err());
        assert!(read_text_article("a\0b", "x", "x.txt").is_err());
    }
}
