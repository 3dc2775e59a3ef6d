//! Segmentation: lines (paragraphs), the dateline, sentences and words, with byte offsets.
//!
//! Every line is its own paragraph. The headline (the first line when it repeats the title) and
//! the standfirst (the lines between it and the dateline line) are sentences of their own kind,
//! and so are short lines without final punctuation (subheads, sign-offs) and by-lines; the
//! extractor reads only entity mentions from those. A dateline (`BEIJING, June 20. /TASS/.`) is
//! cut off the start of its line. Sentences end at `.`, `!` or `?` followed by a space and a
//! capital, a digit or a quotation mark, except after abbreviations (Mr., Dr., U.S., Feb.,
//! initials) and inside quotation marks, so that a quote of several sentences with its
//! attribution stays one sentence.

use super::{bytes_within, HIGH, ONES};
use regex::Regex;
use std::sync::LazyLock;

/// What part of the article a sentence is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SentenceKind {
    /// The headline repeated as the first line of the text.
    Headline,
    /// A summary line between the headline and the dateline.
    Standfirst,
    /// A sentence of the body.
    Body,
    /// A short line without final punctuation: a subhead, a sign-off.
    Subhead,
    /// "(Reporting by …; Editing by …)".
    Byline,
}

impl SentenceKind {
    /// Whether facts are read from sentences of this kind (the headline and the standfirst
    /// only summarize the body, so they would repeat its facts).
    pub fn has_facts(self) -> bool {
        self == SentenceKind::Body
    }
}

/// A sentence: byte range into the text, its line and kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset one past the last character (trailing white space excluded).
    pub end: usize,
    /// Index of the line (paragraph) it is in.
    pub paragraph: usize,
    /// Kind.
    pub kind: SentenceKind,
}

/// The segmented text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Segmented {
    /// Sentences in text order.
    pub sentences: Vec<Sentence>,
    /// The dateline prefix (byte range) when the text has one.
    pub dateline: Option<(usize, usize)>,
    /// The place part of the dateline ("BEIJING").
    pub dateline_place: Option<(usize, usize)>,
    /// The outlet part of the dateline ("TASS" in `/TASS/`, "Meridian" in `(Meridian)`).
    pub dateline_outlet: Option<(usize, usize)>,
}

static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    super::regex(
        r"^(?P<place>[A-Z][A-Z.'\- ]+[A-Z.]),\s+(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})(?:,?\s+\d{4})?\.?\s*(?:/(?P<o1>[^/\n]{1,40})/\.?|\((?P<o2>[^)\n]{1,40})\)\s*[-—–]|[-—–])\s*",
    )
    .expect("dateline regex")
});

/// Whether `line` starts as every match of [`DATELINE`] does: a capital and two more bytes of
/// the place (`[A-Z][A-Z.'\- ]+[A-Z.]`), then a comma right after the bytes that may be the
/// place's (the place ends before the comma, and no byte of it is one), so that the pattern
/// runs only on lines that may hold one (most begin with a capital and a small letter; some
/// with a heading in capitals, "IN BRIEF").
fn may_start_dateline(line: &[u8]) -> bool {
    let place = |b: u8| b.is_ascii_uppercase() || matches!(b, b'.' | b'\'' | b'-' | b' ');
    if !(line.len() >= 3 && line[0].is_ascii_uppercase() && place(line[1]) && place(line[2])) {
        return false;
    }
    let run = line.iter().position(|&b| !place(b)).unwrap_or(line.len());
    line.get(run) == Some(&b',')
}

const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Gen", "Col", "Lt", "Sgt", "Capt", "Gov", "Sen", "Rep", "Jr", "Sr", "Jan", "Feb",
    "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "No", "Nos", "vs", "Inc", "Ltd", "Co", "Corp", "Mt",
    "approx", "e.g", "i.e", "Rev", "Adm", "Maj", "Brig", "Amb", "Hon",
];

/// [`ABBREVIATIONS`], looked up for the word before nearly every full stop (one hash, not a
/// comparison with each).
static ABBREVIATION_SET: LazyLock<super::FxSet<&'static str>> = LazyLock::new(|| ABBREVIATIONS.iter().copied().collect());

/// Whether the word ending just before byte `dot` (a full stop) is an abbreviation.
fn is_abbreviation(text: &str, dot: usize) -> bool {
    let word = &text[abbreviation_start(text, dot)..dot];
    if word.is_empty() {
        return false;
    }
    if ABBREVIATION_SET.contains(word) {
        return true;
    }
    let mut chars = word.chars();
    let first = chars.next().unwrap_or(' ');
    // An initial ("J.") or dotted letters ("U.S", "D.P.R.K").
    (first.is_uppercase() && chars.as_str().is_empty())
        || (word.contains('.') && word.split('.').all(|p| p.chars().count() == 1 && p.chars().all(char::is_uppercase)))
}

/// Where the word that [`is_abbreviation`] reads before byte `dot` starts: the letters, digits
/// and full stops right before it. ASCII bytes are read as bytes; at a byte outside ASCII the
/// characters are decoded from `dot` (rare before a full stop).
fn abbreviation_start(text: &str, dot: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = dot;
    while i > 0 {
        let b = bytes[i - 1];
        if b.is_ascii_alphanumeric() || b == b'.' {
            i -= 1;
        } else if b.is_ascii() {
            return i;
        } else {
            return abbreviation_start_by_chars(text, dot);
        }
    }
    i
}

/// [`abbreviation_start`], character by character.
fn abbreviation_start_by_chars(text: &str, dot: usize) -> usize {
    text[..dot].char_indices().rev().take_while(|(_, c)| c.is_alphanumeric() || *c == '.').last().map_or(dot, |(i, _)| i)
}

/// `text[start..end]` without the white space at its ends (`trim`), as a byte range. ASCII bytes
/// are told from the byte (white space there is 09..0D and the space); only characters outside
/// ASCII are decoded. Called for every line and sentence.
fn trim_span(text: &str, mut start: usize, mut end: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    let ascii_space = |b: u8| matches!(b, b'\t'..=b'\r' | b' ');
    while start < end {
        let b = bytes[start];
        if b.is_ascii() {
            if !ascii_space(b) {
                break;
            }
            start += 1;
            continue;
        }
        let c = text[start..].chars().next().unwrap_or(' ');
        if !c.is_whitespace() {
            break;
        }
        start += c.len_utf8();
    }
    while end > start {
        let b = bytes[end - 1];
        if b.is_ascii() {
            if !ascii_space(b) {
                break;
            }
            end -= 1;
            continue;
        }
        let c = text[..end].chars().next_back().unwrap_or(' ');
        if !c.is_whitespace() {
            break;
        }
        end -= c.len_utf8();
    }
    (start, end)
}

/// [`trim_span`] as it was, character by character (the reference of its test).
#[cfg(test)]
fn trim_span_by_chars(text: &str, mut start: usize, mut end: usize) -> (usize, usize) {
    while start < end {
        let c = text[start..].chars().next().unwrap_or(' ');
        if !c.is_whitespace() {
            break;
        }
        start += c.len_utf8();
    }
    while end > start {
        let c = text[..end].chars().next_back().unwrap_or(' ');
        if !c.is_whitespace() {
            break;
        }
        end -= c.len_utf8();
    }
    (start, end)
}

/// The bytes of a line that can end a sentence or change the quote state ([`each_sentence`]):
/// a full stop, `!`, `?`, a straight quotation mark or 0xE2, the first byte of the curly ones.
/// Sentences are long and those bytes few, so `memchr3` looks for the common three (many bytes
/// at a time), and the rare `!` and `?` are looked for once on the line and again only once
/// the reading has passed the one found (not before every byte the first search finds).
struct SentenceBytes<'b> {
    bytes: &'b [u8],
    /// The first `!` or `?` at or after a position at or before the reading's (none: none
    /// after it on the line).
    bang: Option<usize>,
}

impl<'b> SentenceBytes<'b> {
    fn new(bytes: &'b [u8]) -> Self {
        Self { bytes, bang: memchr::memchr2(b'!', b'?', bytes) }
    }

    /// The first of those bytes at or after `i` (`i` never less than in the last call).
    fn next(&mut self, i: usize) -> Option<usize> {
        let rest = &self.bytes[i..];
        if self.bang.is_some_and(|b| b < i) {
            self.bang = memchr::memchr2(b'!', b'?', rest).map(|k| i + k);
        }
        let common = memchr::memchr3(b'.', b'"', 0xE2, rest).map(|k| i + k);
        match (common, self.bang) {
            (Some(c), Some(b)) => Some(c.min(b)),
            (c, b) => c.or(b),
        }
    }
}

/// The sentences of one line, in a vector: [`each_sentence`] as the tests read it.
#[cfg(test)]
pub fn split_sentences(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    each_sentence(text, start, end, |s, e| out.push((s, e)));
    out
}

/// Splits one line into sentences, each given to `out` as it is found (so that [`segment`]
/// needs no vector per line).
///
/// Only full stops, `!`, `?` and quotation marks can end a sentence or change the quote state,
/// so the line is searched for those bytes rather than read character by character.
#[inline(always)]
fn each_sentence(text: &str, start: usize, end: usize, mut out: impl FnMut(usize, usize)) {
    let line = &text[start..end];
    let bytes = line.as_bytes();
    let mut sentence_start = start;
    let mut in_straight = false;
    let mut curly_depth = 0usize;
    // Quote state is only trusted when straight quotes pair up on the line (counted at the
    // first one, by the `memchr` crate's search: most lines have none, and the line is long).
    let mut straight_ok: Option<bool> = None;
    // Where the last candidate boundary ends (with the brackets after it) and its character:
    // the character that counts as before that end.
    let mut last_candidate: Option<(usize, char)> = None;
    let mut i = 0;
    let mut stops = SentenceBytes::new(bytes);
    while let Some(k) = stops.next(i) {
        i = k;
        // 0xE2 starts the curly quotation marks (and other characters, which do not matter).
        let c = match bytes[i] {
            0xE2 => match line[i..].chars().next() {
                Some(c @ ('“' | '”')) => c,
                _ => {
                    i += 1;
                    continue;
                }
            },
            b => char::from(b),
        };
        // A candidate boundary after a full stop outside quotes, or after a closing quotation
        // mark that follows one.
        let closes_quote = match c {
            '"' if *straight_ok.get_or_insert_with(|| memchr::memchr_iter(b'"', bytes).count().is_multiple_of(2)) => {
                in_straight = !in_straight;
                !in_straight
            }
            '“' => {
                curly_depth += 1;
                false
            }
            '”' => {
                curly_depth = curly_depth.saturating_sub(1);
                curly_depth == 0
            }
            _ => false,
        };
        let outside = !in_straight && curly_depth == 0;
        let prev = match last_candidate {
            Some((after, c)) if after == i => Some(c),
            _ => line[..i].chars().next_back(),
        };
        let candidate = (matches!(c, '.' | '!' | '?') && outside) || (closes_quote && matches!(prev, Some('.' | '!' | '?')));
        if !candidate {
            i += c.len_utf8();
            continue;
        }
        let abs = start + i;
        let mut after = i + c.len_utf8();
        while bytes.get(after) == Some(&b')') {
            after += 1;
        }
        last_candidate = Some((after, c));
        i = after;
        let rest = &line[after..];
        let next_word = rest.trim_start();
        let spaced = rest.len() > next_word.len();
        let starts_sentence = next_word
            .chars()
            .next()
            .is_some_and(|n| n.is_uppercase() || n.is_ascii_digit() || matches!(n, '"' | '“' | '‘' | '(' | '—'));
        // (The abbreviation is looked for only where it decides: after a full stop, before a
        // space and what may start a sentence.)
        let abbreviation = || c == '.' && is_abbreviation(text, abs);
        if next_word.is_empty() || (spaced && starts_sentence && !abbreviation()) {
            let (s, e) = trim_span(text, sentence_start, start + after);
            if s < e {
                out(s, e);
            }
            sentence_start = start + after;
        }
    }
    let (s, e) = trim_span(text, sentence_start, end);
    if s < e {
        out(s, e);
    }
}

fn is_subhead(line: &str) -> bool {
    // The last character first: most lines end a sentence, and then the words need no count.
    let last = line.trim_end().chars().next_back().unwrap_or('.');
    !matches!(last, '.' | '!' | '?' | '"' | '”' | '’' | '\'' | ')') && line.split_whitespace().count() <= 14 && !line.trim_start().starts_with("- ")
}

fn is_byline(line: &str) -> bool {
    let l = line.trim_start().trim_start_matches('(');
    l.starts_with("Reporting by") || l.starts_with("Editing by") || l.starts_with("Writing by") || l.starts_with("Additional reporting by")
}

/// Segments `text`; `title` (the article's headline) identifies a headline line.
pub fn segment(text: &str, title: Option<&str>) -> Segmented {
    // (Room for the lines and sentences of most articles at once, not by doubling: a line or
    // sentence takes some 80 bytes or more.)
    let room = text.len() / 80 + 8;
    // (The thread's vector of lines, kept from one article to the next.)
    let mut lines = super::take_kept(&LINES);
    lines.clear();
    lines.reserve(room);
    let mut offset = 0;
    // The ends of the lines `split_inclusive('\n')` gives (each after its line feed, the last at
    // the end of the text), found by the `memchr` crate's search, which takes many bytes at a
    // time.
    let last = Some(text.len()).filter(|_| !text.is_empty() && !text.ends_with('\n'));
    for line_end in memchr::memchr_iter(b'\n', text.as_bytes()).map(|k| k + 1).chain(last) {
        let (s, e) = trim_span(text, offset, line_end);
        if s < e {
            lines.push((s, e));
        }
        offset = line_end;
    }
    let mut seg = Segmented { sentences: Vec::with_capacity(room), ..Segmented::default() };
    // The dateline: in one of the first lines.
    let mut dateline_line = None;
    for (n, &(s, e)) in lines.iter().enumerate().take(5) {
        if !may_start_dateline(&text.as_bytes()[s..e]) {
            continue;
        }
        if let Some(caps) = DATELINE.captures(&text[s..e]) {
            let whole = caps.get(0).expect("match");
            seg.dateline = Some((s, s + whole.end()));
            let place = caps.name("place").expect("place");
            seg.dateline_place = Some((s + place.start(), s + place.end()));
            seg.dateline_outlet = caps.name("o1").or(caps.name("o2")).map(|m| (s + m.start(), s + m.end()));
            dateline_line = Some(n);
            break;
        }
    }
    // The first line repeats the title: a headline, unless it reads as a sentence (a text of
    // one paragraph whose first line the reader took for the title).
    let headline = match (lines.first(), title) {
        (Some(&(s, e)), Some(t)) => text[s..e].trim() == t.trim() && !text[s..e].trim_end().ends_with(['.', '!', '?']),
        _ => false,
    };
    for (n, &(s, e)) in lines.iter().enumerate() {
        let line = &text[s..e];
        let kind = if n == 0 && headline {
            SentenceKind::Headline
        } else if headline && dateline_line.is_some_and(|d| n < d) {
            SentenceKind::Standfirst
        } else if is_byline(line) {
            SentenceKind::Byline
        } else if is_subhead(line) && dateline_line != Some(n) {
            SentenceKind::Subhead
        } else {
            SentenceKind::Body
        };
        let body_start = match seg.dateline {
            Some((ds, de)) if ds == s => de,
            _ => s,
        };
        if body_start >= e {
            continue;
        }
        if kind == SentenceKind::Body {
            let sentences = &mut seg.sentences;
            each_sentence(text, body_start, e, |ss, se| sentences.push(Sentence { start: ss, end: se, paragraph: n, kind }));
        } else {
            seg.sentences.push(Sentence { start: body_start, end: e, paragraph: n, kind });
        }
    }
    super::keep(&LINES, lines);
    seg
}

thread_local! {
    /// The lines of the thread's last article ([`segment`]), a vector kept for the next.
    static LINES: std::cell::RefCell<Vec<(usize, usize)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// A word: a run of letters and digits, with inner hyphens, dots ("U.S") and apostrophes
/// before a capital ("O'Brien"). Byte offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    /// Start byte.
    pub start: usize,
    /// End byte.
    pub end: usize,
}

impl Word {
    /// The word's text.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }

    /// The word's bytes: for comparisons and table look-ups, which need no `str` (and so no
    /// check that both ends are character boundaries, as taking the text makes).
    pub fn bytes<'t>(&self, text: &'t str) -> &'t [u8] {
        &text.as_bytes()[self.start..self.end]
    }
}

/// Letters and digits among ASCII bytes (what `char::is_alphanumeric` says of them), as a table:
/// the per-byte loops over the text ([`words`], the gazetteer's word starts) test every byte.
pub(crate) static ASCII_ALPHANUMERIC: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// The end of the run of ASCII letters and digits that starts at `i` in `bytes`. Words average
/// five bytes or so, so eight bytes are classified at once (most words end inside the first
/// eight), the rest one by one.
pub(crate) fn alphanumeric_end(bytes: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = bytes.get(i..i + 8) {
        let others = !alphanumeric_bytes(u64::from_le_bytes(chunk.try_into().expect("eight bytes"))) & HIGH;
        if others != 0 {
            return i + (others.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    i + bytes[i..].iter().position(|&b| !ASCII_ALPHANUMERIC[usize::from(b)]).unwrap_or(bytes.len() - i)
}

/// The high bit of each byte of `x` set where the byte is an ASCII letter or digit (each range
/// told of the low seven bits by [`bytes_within`]). Upper case letters are folded into lower
/// case by setting 0x20, which maps nothing else into `a..=z`.
fn alphanumeric_bytes(x: u64) -> u64 {
    let v = x & !HIGH;
    let folded = v | (ONES * 0x20);
    (bytes_within(folded, b'a', b'z') | bytes_within(v, b'0', b'9')) & !x & HIGH
}

/// How [`words`] treats an ASCII byte, so that most bytes need one table read and no decoding.
/// (Ordered so that the bytes outside words are the classes below [`ByteClass::Alphanumeric`].)
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[repr(u8)]
enum ByteClass {
    /// Never in a word (space, punctuation other than the joiners).
    Other,
    /// `-`, `.` or `'`: inside a word when the right character follows.
    Joiner,
    /// A letter or digit.
    Alphanumeric,
    /// The first or a later byte of a character outside ASCII: decoded.
    NonAscii,
}

static BYTE_CLASS: [ByteClass; 256] = {
    let mut table = [ByteClass::NonAscii; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = if ASCII_ALPHANUMERIC[b] {
            ByteClass::Alphanumeric
        } else if b == b'-' as usize || b == b'.' as usize || b == b'\'' as usize {
            ByteClass::Joiner
        } else {
            ByteClass::Other
        };
        b += 1;
    }
    table
};

/// The words of `text[start..end]`.
///
/// Read through [`BYTE_CLASS`]: ASCII bytes outside words cost one table read each, the ASCII
/// letters and digits of words are passed over eight at a time ([`alphanumeric_end`]); only
/// joiners look at the next character and only bytes outside ASCII are decoded.
#[cfg_attr(not(test), allow(dead_code))] // (detection reads `words_mixed_and_capitals`; the tests, these)
pub fn words(text: &str, start: usize, end: usize) -> Vec<Word> {
    read_words(text, start, end, |_, _| {})
}

/// [`words`], and the indexes (in order) of those that are not *plain*: that have a byte
/// other than an ASCII letter or digit (a joiner or a character outside ASCII). The gazetteer
/// ([`super::gazetteer::Gazetteer::find_in_words`]) then reads a plain word as one run without
/// looking at its bytes again; `words` knows it for free.
#[inline(never)] // (one call per article: kept apart, so that profiles show it)
#[cfg_attr(not(test), allow(dead_code))] // (detection reads `words_mixed_and_capitals`)
pub fn words_and_mixed(text: &str, start: usize, end: usize) -> (Vec<Word>, Vec<usize>) {
    let mut mixed = Vec::new();
    let words = read_words(text, start, end, |k, plain| {
        if !plain {
            mixed.push(k);
        }
    });
    (words, mixed)
}

/// [`words_and_mixed`], and the indexes (in order) of the words that may be capitalized: those
/// that are not plain or begin with an ASCII capital. (A plain word that begins with a small
/// letter or a digit is not capitalized: the mention stage need not look at it.)
#[cfg_attr(not(test), allow(dead_code))] // (detection reads `words_mixed_and_capitals_into`)
pub fn words_mixed_and_capitals(text: &str, start: usize, end: usize) -> (Vec<Word>, Vec<usize>, Vec<usize>) {
    let (mut words, mut mixed, mut capitals) = (Vec::new(), Vec::new(), Vec::new());
    words_mixed_and_capitals_into(text, start, end, &mut words, &mut mixed, &mut capitals);
    (words, mixed, capitals)
}

/// [`words_mixed_and_capitals`] into the vectors given (emptied first), so that a caller can
/// keep them from one article to the next instead of allocating them for each.
#[cfg_attr(not(test), allow(dead_code))] // (detection reads `words_mixed_and_capitals_each_into`)
pub fn words_mixed_and_capitals_into(text: &str, start: usize, end: usize, words: &mut Vec<Word>, mixed: &mut Vec<usize>, capitals: &mut Vec<usize>) {
    words_mixed_and_capitals_each_into(text, start, end, words, mixed, capitals, |_, _, _| {});
}

/// [`words_mixed_and_capitals_into`], handing each word to `each(k, word, plain)` as it is
/// read, in order: so that what reads every word (the gazetteer's look-up, the mention stage's
/// keyword gate) does it while the word is at hand, not in passes of its own over the words.
#[inline(always)]
pub fn words_mixed_and_capitals_each_into(
    text: &str,
    start: usize,
    end: usize,
    words: &mut Vec<Word>,
    mixed: &mut Vec<usize>,
    capitals: &mut Vec<usize>,
    each: impl FnMut(usize, Word, bool),
) {
    mixed.clear();
    capitals.clear();
    // (Room for most articles' capitals at once: one word in five or six begins with one.)
    capitals.reserve((end - start) / 24 + 4);
    read_words_each_into(
        words,
        text,
        start,
        end,
        |k, plain| {
            if !plain {
                mixed.push(k);
            }
            capitals.push(k);
        },
        each,
    );
}

/// The reader of [`words`], which calls `mark(k, plain)` for each word `k` that is not plain
/// ([`words_and_mixed`]) or begins with an ASCII capital, with whether it is plain.
#[inline(always)]
fn read_words(text: &str, start: usize, end: usize, mark: impl FnMut(usize, bool)) -> Vec<Word> {
    let mut out = Vec::new();
    read_words_into(&mut out, text, start, end, mark);
    out
}

/// [`read_words`] into `out` (emptied first).
#[inline(always)]
fn read_words_into(out: &mut Vec<Word>, text: &str, start: usize, end: usize, mark: impl FnMut(usize, bool)) {
    read_words_each_into(out, text, start, end, mark, |_, _, _| {});
}

/// [`read_words_into`], which also calls `each(k, word, plain)` for every word `k`, in order.
#[inline(always)]
fn read_words_each_into(out: &mut Vec<Word>, text: &str, start: usize, end: usize, mut mark: impl FnMut(usize, bool), mut each: impl FnMut(usize, Word, bool)) {
    let slice = &text[start..end];
    let bytes = slice.as_bytes();
    let n = bytes.len();
    // Rarely more than one word per four bytes of English.
    out.clear();
    out.reserve(n / 4 + 1);
    // The character at byte `i` (ASCII without decoding).
    let char_at = |i: usize| -> Option<char> {
        let b = *bytes.get(i)?;
        if b.is_ascii() {
            Some(b as char)
        } else {
            slice[i..].chars().next()
        }
    };
    let class = |b: u8| BYTE_CLASS[usize::from(b)];
    let mut i = 0;
    loop {
        // Up to the next letter or digit: first the ASCII bytes outside words.
        // (The classes compared as bytes: the derived comparison reads worse in this loop.)
        // (Most words follow the last after one space: its next byte starts one, tested first.)
        let starts_word = |b: u8| class(b) as u8 >= ByteClass::Alphanumeric as u8;
        if !bytes.get(i).is_some_and(|&b| starts_word(b)) {
            i += bytes[i..].iter().position(|&b| starts_word(b)).unwrap_or(n - i);
        }
        if i == n {
            break;
        }
        // (Whether the word so far is ASCII letters and digits only.)
        let mut plain = true;
        if class(bytes[i]) == ByteClass::NonAscii {
            let c = char_at(i).expect("a character at a char boundary");
            if !c.is_alphanumeric() {
                i += c.len_utf8();
                continue;
            }
            plain = false;
        }
        // The word ends before the first character that neither is a letter or digit nor joins
        // two of them.
        let mut j = i;
        // Where the next word is looked for: after the byte that ends this one when that byte
        // is never in a word (a space, nearly always), else at it.
        let resume;
        loop {
            // ASCII letters and digits, the bulk of a word.
            j = alphanumeric_end(bytes, j);
            if j == n {
                resume = j;
                break;
            }
            if class(bytes[j]) == ByteClass::Other {
                resume = j + 1;
                break;
            }
            // A joiner or a character outside ASCII.
            let d = char_at(j).expect("a character at a char boundary");
            let dn = d.len_utf8();
            if d.is_alphanumeric() {
                j += dn;
                plain = false;
                continue;
            }
            // Only inside a word: the next character must be a letter or digit (and for
            // apostrophes a capital, so that "Putin's" splits but "O'Brien" does not).
            let next = char_at(j + dn);
            let joins = match d {
                '-' | '.' => next.is_some_and(char::is_alphanumeric),
                '\'' | '’' => next.is_some_and(char::is_uppercase),
                _ => false,
            };
            if !joins {
                resume = j;
                break;
            }
            j += dn;
            plain = false;
        }
        let k = out.len();
        if !plain || bytes[i].is_ascii_uppercase() {
            mark(k, plain);
        }
        let word = Word { start: start + i, end: start + j };
        each(k, word, plain);
        out.push(word);
        i = resume;
    }
}

/// The words of `text[start..end]` (`start` and `end` char boundaries), as [`words`] would
/// find them, taken from `all`, the words of the whole `text` (`words(text, 0, text.len())`):
/// so that an article is read into words once, and its sentences and the windows the mention
/// stage looks at around names share them.
///
/// The words inside the range are the same. A word of the whole text that reaches over an end
/// of the range is cut where `words` on the range would have cut it: reading from `start`
/// inside a word, `words` starts there (after a joiner, which does not begin a word) and goes
/// on as the whole-text reading does; reaching `end`, it stops there, except that a joiner
/// just before `end` is left out (nothing follows it inside the range).
pub fn words_within(all: &[Word], text: &str, start: usize, end: usize) -> Vec<Word> {
    let mut out = Vec::new();
    extend_words_within(&mut out, all, text, start, end);
    out
}

/// [`words_within`], borrowed from `all` where neither end word reaches over an end of the range
/// (nearly always: the windows the mention stage reads around names), so that most windows copy
/// no words into a vector of their own.
pub fn words_within_cow<'a>(all: &'a [Word], text: &str, start: usize, end: usize) -> std::borrow::Cow<'a, [Word]> {
    let (first, last) = overlapping(all, start, end);
    let reaches_over = |k: usize| all[k].start < start || all[k].end > end;
    if first == last || !(reaches_over(first) || reaches_over(last - 1)) {
        std::borrow::Cow::Borrowed(&all[first..last])
    } else {
        std::borrow::Cow::Owned(words_within(all, text, start, end))
    }
}

/// The first and past-the-last index of the words of `all` (in text order) that overlap
/// `start..end`.
fn overlapping(all: &[Word], start: usize, end: usize) -> (usize, usize) {
    let first = all.partition_point(|w| w.end <= start);
    (first, first + all[first..].partition_point(|w| w.start < end))
}

/// Appends [`words_within`]`(all, text, start, end)` to `out` (so that the words of all the
/// sentences can share one vector).
pub fn extend_words_within(out: &mut Vec<Word>, all: &[Word], text: &str, start: usize, end: usize) {
    let (first, last) = overlapping(all, start, end);
    let from = out.len();
    out.extend_from_slice(&all[first..last]);
    let new = &mut out[from..];
    // Only the first and the last word can reach over an end (and so be cut to nothing).
    if let Some(w) = new.first_mut() {
        if w.start < start {
            w.start = start;
            if let Some(c) = text[start..].chars().next().filter(|&c| is_joiner(c)) {
                w.start += c.len_utf8();
            }
        }
    }
    if let Some(w) = new.last_mut() {
        if w.end > end {
            w.end = end;
            if let Some(c) = text[..end].chars().next_back().filter(|&c| is_joiner(c)) {
                w.end -= c.len_utf8();
            }
        }
    }
    let empty = |w: Option<&Word>| w.is_some_and(|w| w.start >= w.end);
    if empty(new.first()) || empty(new.last()) {
        let kept: Vec<Word> = out.drain(from..).filter(|w| w.start < w.end).collect();
        out.extend(kept);
    }
}

/// The characters that join two parts of one word ([`words`]).
fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '.' | '\'' | '’')
}

/// Compiles the stage's patterns now (see `mentions::warm_up`).
pub(crate) fn warm_up() {
    LazyLock::force(&DATELINE);
    LazyLock::force(&ABBREVIATION_SET);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(text: &'a str, seg: &Segmented) -> Vec<(&'a str, SentenceKind)> {
        seg.sentences.iter().map(|s| (&text[s.start..s.end], s.kind)).collect()
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let text = "Mr. Tran met Dr. J. Smith in the U.S. on Feb. 3. Then he left.";
        let got: Vec<&str> = split_sentences(text, 0, text.len()).into_iter().map(|(s, e)| &text[s..e]).collect();
        assert_eq!(got, ["Mr. Tran met Dr. J. Smith in the U.S. on Feb. 3.", "Then he left."]);
    }

    #[test]
    fn quotes_spanning_sentences_stay_together() {
        let text = "\"One. Two,\" he said. \"Three.\" She left. “Four. Five,” it said.";
        let got: Vec<&str> = split_sentences(text, 0, text.len()).into_iter().map(|(s, e)| &text[s..e]).collect();
        assert_eq!(got, ["\"One. Two,\" he said.", "\"Three.\"", "She left.", "“Four. Five,” it said."]);
    }

    #[test]
    fn headline_standfirst_dateline() {
        let text = "Big news today\nA summary line\nBEIJING, June 20. /TASS/. Putin arrived. He left.\n\nSubhead here\nMore text.";
        let seg = segment(text, Some("Big news today"));
        assert_eq!(
            texts(text, &seg),
            [
                ("Big news today", SentenceKind::Headline),
                ("A summary line", SentenceKind::Standfirst),
                ("Putin arrived.", SentenceKind::Body),
                ("He left.", SentenceKind::Body),
                ("Subhead here", SentenceKind::Subhead),
                ("More text.", SentenceKind::Body),
            ]
        );
        let (s, e) = seg.dateline_place.unwrap();
        assert_eq!(&text[s..e], "BEIJING");
        let (s, e) = seg.dateline_outlet.unwrap();
        assert_eq!(&text[s..e], "TASS");
    }

    #[test]
    fn a_first_line_that_is_a_sentence_is_body_text() {
        let text = "Putin paid a state visit to Pyongyang on June 18 and 19.";
        let seg = segment(text, Some(text));
        assert_eq!(seg.sentences[0].kind, SentenceKind::Body);
    }

    #[test]
    fn wire_datelines() {
        let text = "NEW DELHI, Feb 11 (Meridian) - Lula arrived.\n(Reporting by Anjali Rao; Editing by Tom Whitfield)";
        let seg = segment(text, None);
        assert_eq!(texts(text, &seg), [("Lula arrived.", SentenceKind::Body), ("(Reporting by Anjali Rao; Editing by Tom Whitfield)", SentenceKind::Byline)]);
        let (s, e) = seg.dateline_outlet.unwrap();
        assert_eq!(&text[s..e], "Meridian");
        let text = "ULAANBAATAR, August 3 — South Korea will survey.";
        let seg = segment(text, None);
        assert_eq!(texts(text, &seg), [("South Korea will survey.", SentenceKind::Body)]);
    }

    #[test]
    fn words_within_match_words_on_every_range() {
        let text = "BEIJING, June 20-Putin’s U.S.-based O'Brien met Kassym-Jomart Tokayev. Đà Nẵng, e.g. x-ray's; \"Yes.\" 3.5";
        let all = words(text, 0, text.len());
        let bounds: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
        for (n, &s) in bounds.iter().enumerate() {
            for &e in &bounds[n..] {
                let expected = words(text, s, e);
                assert_eq!(words_within(&all, text, s, e), expected, "{s}..{e}");
                assert_eq!(words_within_cow(&all, text, s, e)[..], expected[..], "{s}..{e}");
                // Appended after other words, the same.
                let mut out = all[..all.len().min(3)].to_vec();
                let before = out.clone();
                extend_words_within(&mut out, &all, text, s, e);
                assert_eq!(out[..before.len()], before[..]);
                assert_eq!(out[before.len()..], expected[..], "{s}..{e}");
            }
        }
    }

    /// The word reader as it was before it read runs through `position` (the reference of
    /// `words_are_read_as_before`).
    fn words_as_before(text: &str, start: usize, end: usize) -> Vec<Word> {
        let slice = &text[start..end];
        let bytes = slice.as_bytes();
        // Rarely more than one word per four bytes of English.
        let mut out = Vec::with_capacity(slice.len() / 4 + 1);
        // The character at byte `i` (ASCII without decoding).
        let char_at = |i: usize| -> Option<char> {
            let b = *bytes.get(i)?;
            if b.is_ascii() {
                Some(b as char)
            } else {
                slice[i..].chars().next()
            }
        };
        let class = |i: usize| BYTE_CLASS[usize::from(bytes[i])];
        let mut i = 0;
        while i < bytes.len() {
            // Up to the next letter or digit: first the ASCII bytes outside words, in a tight loop.
            while i < bytes.len() && matches!(class(i), ByteClass::Other | ByteClass::Joiner) {
                i += 1;
            }
            if i == bytes.len() {
                break;
            }
            match class(i) {
                ByteClass::Alphanumeric => {}
                ByteClass::Other | ByteClass::Joiner => {
                    i += 1;
                    continue;
                }
                ByteClass::NonAscii => {
                    let c = char_at(i).expect("a character at a char boundary");
                    if !c.is_alphanumeric() {
                        i += c.len_utf8();
                        continue;
                    }
                }
            }
            // The word ends before the first character that neither is a letter or digit nor joins
            // two of them.
            let mut j = i;
            while j < bytes.len() {
                // ASCII letters and digits, the bulk of a word, in a tight loop.
                while j < bytes.len() && class(j) == ByteClass::Alphanumeric {
                    j += 1;
                }
                if j == bytes.len() {
                    break;
                }
                match class(j) {
                    ByteClass::Alphanumeric => j += 1,
                    ByteClass::Other => break,
                    ByteClass::Joiner | ByteClass::NonAscii => {
                        let d = char_at(j).expect("a character at a char boundary");
                        let dn = d.len_utf8();
                        if d.is_alphanumeric() {
                            j += dn;
                            continue;
                        }
                        // Only inside a word: the next character must be a letter or digit (and for
                        // apostrophes a capital, so that "Putin's" splits but "O'Brien" does not).
                        let next = char_at(j + dn);
                        let joins = match d {
                            '-' | '.' => next.is_some_and(char::is_alphanumeric),
                            '\'' | '’' => next.is_some_and(char::is_uppercase),
                            _ => false,
                        };
                        if !joins {
                            break;
                        }
                        j += dn;
                    }
                }
            }
            out.push(Word { start: start + i, end: start + j });
            i = j;
        }
        out
    }

    #[test]
    fn words_are_read_as_before() {
        let pieces = [
            "Putin", "’s", "'s", "O'Brien", "U.S.", "Kassym-Jomart", "x-ray", "-", ".", "'", "’", "Đà", "Nẵng", "é", "—", "“", "”", "\"", "3.5",
            "2,000", "e.g.", "a", "The", "of", "(", ")", "São", "ΑΒΓ", "日本", "'A", "-b", ".c", "x'", "  ", "\n", "A.B.", "ﬁ", "İ",
        ];
        let mut sentences = crate::extract::testing::example_sentences();
        sentences.extend(crate::extract::testing::random_sentences(&pieces, 20_000, 10, 3));
        let (mut found, mut mixed_found) = (0, 0);
        for s in &sentences {
            let expected = words_as_before(s, 0, s.len());
            found += expected.len();
            assert_eq!(words(s, 0, s.len()), expected, "{s:?}");
            // The same words, marked mixed exactly when not all ASCII letters and digits.
            let (ws, mixed) = words_and_mixed(s, 0, s.len());
            assert_eq!(ws, expected, "{s:?}");
            let not_plain: Vec<usize> = (0..ws.len()).filter(|&k| !ws[k].text(s).bytes().all(|b| b.is_ascii_alphanumeric())).collect();
            mixed_found += not_plain.len();
            assert_eq!(mixed, not_plain, "{s:?}");
            // And those that may be capitalized: not plain, or an ASCII capital first.
            let (ws, mixed, capitals) = words_mixed_and_capitals(s, 0, s.len());
            assert_eq!(ws, expected, "{s:?}");
            let may_be_capitalized: Vec<usize> = (0..ws.len()).filter(|&k| not_plain.contains(&k) || ws[k].bytes(s)[0].is_ascii_uppercase()).collect();
            assert_eq!(mixed, not_plain, "{s:?}");
            assert_eq!(capitals, may_be_capitalized, "{s:?}");
        }
        assert!(found > 50_000, "{found}");
        assert!(mixed_found > 5_000, "{mixed_found}");
    }

    #[test]
    fn datelines_start_as_the_gate_says() {
        use crate::extract::testing::random_sentences;
        // A place, a date and an outlet, each of pieces of its own and of the others.
        let places = random_sentences(&["BEIJING", "NEW", "DELHI", "U.S.", "O'NEILL", "AL-QUDS", "A", "B.", "The", "US", "x", "É", "-", ".", ","], 40_000, 3, 3);
        let dates = random_sentences(&[", June 20", ", Feb. 3", ", 20 June", ", Sept 11, 2024", ",June 20", ", June", ", 3", ",", "2025", "."], 40_000, 2, 2);
        let outlets = random_sentences(&["/TASS/", "/", "(Meridian)", "(", ")", "-", "—", "–", ".", "Putin arrived.", " "], 40_000, 3, 2);
        let mut lines = crate::extract::testing::example_sentences();
        lines.extend(places.iter().zip(dates.iter().rev()).zip(&outlets).map(|((p, d), o)| format!("{}{}{}", p.trim(), d, o)));
        let mut matched = 0;
        for line in &lines {
            if DATELINE.is_match(line) {
                matched += 1;
                assert!(may_start_dateline(line.as_bytes()), "{line:?}");
            }
        }
        assert!(matched > 300, "{matched}");
        // Headings in capitals do not pass: no comma after them.
        assert!(!may_start_dateline(b"IN BRIEF") && !may_start_dateline(b"PRESS RELEASE: talks") && may_start_dateline(b"NEW DELHI, Feb 11"));
    }

    #[test]
    fn sentence_bytes_found_by_memchr_as_one_by_one() {
        let pieces = ["Putin", "arrived", ".", "!", "?", "\"", "“", "”", "—", "é", "U.S.", "a", "  ", "Mr."];
        let mut sentences = crate::extract::testing::example_sentences();
        sentences.extend(crate::extract::testing::random_sentences(&pieces, 20_000, 12, 3));
        for s in &sentences {
            let bytes = s.as_bytes();
            // (From every start, and read on from each stop found, as the splitter reads.)
            let one_by_one = |i: usize| bytes[i..].iter().position(|&b| matches!(b, b'.' | b'!' | b'?' | b'"' | 0xE2)).map(|k| i + k);
            for i in 0..=bytes.len() {
                let mut stops = SentenceBytes::new(bytes);
                let mut at = i;
                loop {
                    let expected = one_by_one(at);
                    assert_eq!(stops.next(at), expected, "{s:?} {i} {at}");
                    let Some(k) = expected else { break };
                    at = k + 1;
                }
            }
        }
    }

    /// [`alphanumeric_end`] against the byte-by-byte table, from every start in strings of
    /// every byte value next to letters and digits (the ends of each range), and every byte
    /// pair's eight-byte classification.
    #[test]
    fn alphanumeric_runs_end_eight_at_a_time_as_one_by_one() {
        for a in 0..=255u8 {
            for b in 0..=255u8 {
                let x = u64::from_le_bytes([a, b, b'a', b'Z', b'0', b'9', b'z', b'A']);
                let expected = [a, b, b'a', b'Z', b'0', b'9', b'z', b'A'].iter().enumerate().fold(0, |acc, (k, &c)| acc | (u64::from(ASCII_ALPHANUMERIC[usize::from(c)]) << (8 * k + 7)));
                assert_eq!(alphanumeric_bytes(x), expected, "{a} {b}");
            }
        }
        let pieces = ["a", "z", "A", "Z", "0", "9", "@", "[", "`", "{", "/", ":", "\u{10}", "\u{19}", "\u{7f}", "é", "-", " ", "abcdefgh", "Zz09"];
        for s in crate::extract::testing::random_sentences(&pieces, 20_000, 12, 2) {
            let bytes = s.as_bytes();
            for i in 0..=bytes.len() {
                let expected = i + bytes[i..].iter().position(|&b| !ASCII_ALPHANUMERIC[usize::from(b)]).unwrap_or(bytes.len() - i);
                assert_eq!(alphanumeric_end(bytes, i), expected, "{s:?} {i}");
            }
        }
    }

    /// [`trim_span`] against [`trim_span_by_chars`] on every range of random texts of white
    /// space in and outside ASCII, letters and characters of several bytes.
    #[test]
    fn spans_trimmed_by_bytes_as_by_chars() {
        let pieces = [" ", "\t", "\n", "\r", "\u{b}", "\u{c}", "\u{85}", "\u{a0}", "\u{2003}", "\u{3000}", "a", "é", "日", "—", ".", "x y"];
        let texts = crate::extract::testing::random_sentences(&pieces, 3_000, 6, 2);
        let mut trimmed = 0;
        for t in &texts {
            for (s, e) in crate::extract::testing::char_ranges(t) {
                let expected = trim_span_by_chars(t, s, e);
                trimmed += usize::from(expected != (s, e));
                assert_eq!(trim_span(t, s, e), expected, "{t:?} {s} {e}");
            }
        }
        assert!(trimmed > 10_000, "{trimmed}");
    }

    /// [`abbreviation_start`] against [`abbreviation_start_by_chars`], its reference, before
    /// every byte of the example sentences and 20,000 random ones that is a character boundary.
    #[test]
    fn abbreviation_starts_by_bytes_as_by_chars() {
        let pieces = ["Mr", "U.S", ".", "Đà", "é", "x", "3", "  ", "’", "-", "Feb", "e.g", "ΑΒΓ", "日本", "(", "İ", "\u{2160}", "\u{a0}"];
        let mut sentences = crate::extract::testing::example_sentences();
        sentences.extend(crate::extract::testing::random_sentences(&pieces, 20_000, 8, 2));
        let mut moved = 0;
        for s in &sentences {
            for dot in (0..=s.len()).filter(|&i| s.is_char_boundary(i)) {
                let expected = abbreviation_start_by_chars(s, dot);
                moved += usize::from(expected < dot);
                assert_eq!(abbreviation_start(s, dot), expected, "{s:?} {dot}");
            }
        }
        assert!(moved > 100_000, "{moved}");
    }

    /// The lines [`segment`] reads, found through `memchr`, are those of `split_inclusive`.
    #[test]
    fn lines_as_split_inclusive_gives_them() {
        let pieces = ["a", "Putin arrived.", "\n", "\n\n", " ", "\r\n", "é", "BEIJING, June 20. /TASS/."];
        let mut texts = crate::extract::testing::random_sentences(&pieces, 10_000, 8, 2);
        texts.extend(["", "\n", "a", "a\n", "\na"].map(str::to_owned));
        for text in &texts {
            let mut expected = Vec::new();
            let mut offset = 0;
            for line in text.split_inclusive('\n') {
                expected.push(offset + line.len());
                offset += line.len();
            }
            let last = Some(text.len()).filter(|_| !text.is_empty() && !text.ends_with('\n'));
            let got: Vec<usize> = memchr::memchr_iter(b'\n', text.as_bytes()).map(|k| k + 1).chain(last).collect();
            assert_eq!(got, expected, "{text:?}");
        }
    }

    #[test]
    fn words_split_possessives_but_keep_hyphens() {
        let text = "Putin’s Kassym-Jomart U.S. O'Brien's";
        let got: Vec<&str> = words(text, 0, text.len()).iter().map(|w| w.text(text)).collect();
        assert_eq!(got, ["Putin", "s", "Kassym-Jomart", "U.S", "O'Brien", "s"]);
    }
}
