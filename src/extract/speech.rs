//! Statements and quotes: who said what, where it first appeared.
//!
//! - Quotes: a quotation of at least a clause at the start of a sentence with its attribution
//!   after it (`"…," he told the newspaper`, `"…," said X`, `"…," the newspaper cited an expert
//!   who asked for anonymity`), or after an attribution and a colon (`X quoted the official as
//!   saying: "…"`).
//! - Statements: "According to X, …", "…, according to X", "…, X said", "X said (that) …", "X
//!   denied reports that …", "Beijing, she argued, wants …", "X, who underlined …".
//! - The speaker is the person (also an anonymous one, created here: "a Beijing-based military
//!   expert who asked for anonymity" → "anonymous Beijing-based military expert"), else the outlet
//!   or organization of the attribution; "citing" a specific source makes the source the speaker
//!   and the outlet `quoted_in`; "told the newspaper" and "the newspaper cited" set `quoted_in`
//!   unless the newspaper is the publisher.
//! - A quote that restates the statement its speaker just made (most of its words again) is the
//!   same statement and is not repeated.

use super::coref::{in_quote, Masked};
use super::entities::Registry;
use super::frames::{split_list, View};
use crate::facts::{EntityType, StatementKind};
use regex::Regex;
use std::borrow::Cow;
use std::sync::LazyLock;

/// A statement read from the text.
#[derive(Debug, Clone, PartialEq)]
pub struct StatementFrame {
    /// Statement or quote.
    pub kind: StatementKind,
    /// The speaker.
    pub speaker: usize,
    /// Text: the quoted words, or the paraphrase.
    pub text: String,
    /// The outlet the words first appeared in.
    pub quoted_in: Option<usize>,
    /// Topics named.
    pub topics: Vec<String>,
    /// Entities it is about.
    pub about: Vec<usize>,
    /// Evidence (original bytes).
    pub span: (usize, usize),
    /// Sentence index.
    pub sentence: usize,
    /// Rule.
    pub rule: &'static str,
    /// Confidence.
    pub confidence: f64,
}

const SAY: &str = r"said|says|say|told|tells|wrote|writes|added|adds|argued|argues|stressed|noted|warned|explained|insisted|announced|announces|stated|reported|reports|claimed|underlined|emphasized|emphasised|declared|cited|quoted|criticised|criticized";

/// The attribution after a quote that opens the sentence (`"…," he told the newspaper`), read
/// from just after the closing quotation mark (see [`quote_first`]).
static QUOTE_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    super::regex(&format!(r#"^\s*,?\s*(?:(?P<spk>[^"]+?)\s+(?P<verb>{SAY})\b(?P<tail>[^"]*)|(?P<verb2>said|says|added)\s+(?P<spk2>[^"]+?))\.?$"#)).expect("quote regex")
});

/// The attribution before a quotation that ends the sentence (`X quoted the official as saying:
/// "…"`), up to and with the opening quotation mark (see [`quote_last`]).
static QUOTE_LAST: LazyLock<Regex> = LazyLock::new(|| {
    super::regex(&format!(r#"^(?P<spk>[^"]+?)\s+(?:(?P<verb>{SAY})(?:\s+(?P<src>[^":]+?)\s+as\s+saying)?|carried the words of\s+(?P<src2>[^":]+?))\s*:\s*"$"#)).expect("quote regex")
});

static ACCORDING_FIRST: LazyLock<Regex> = LazyLock::new(|| super::regex(r"^(?:[Aa]ccording to|[Cc]iting)\s+(?P<spk>[^,]+?),\s+(?P<content>.+?)\.?$").expect("according regex"));

static ACCORDING_LAST: LazyLock<Regex> =
    LazyLock::new(|| super::regex(r"^(?P<content>.+),\s+according to\s+(?P<spk>[^,]+?)(?:,\s+which\s+(?P<more>.+?))?\.?$").expect("according regex"));

/// "…, X said": the attribution from the comma that ends the content (see [`said_last`]).
static SAID_LAST: LazyLock<Regex> = LazyLock::new(|| {
    super::regex(&format!(r#"^,\s+(?P<spk>[^,"]+?)\s+(?P<verb>{SAY})\b(?P<tail>(?:\s+(?:on|in|at|to)\s+[^,"]*)?(?:,\s*[^"]*)?)\.?$"#)).expect("said regex")
});

/// "X said (that) …" up to the content: `gap` is the white space before it (see [`said_first`]).
static SAID_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    super::regex(&format!(
        r#"^(?P<pre>(?:(?:On|In|Earlier|Later|Meanwhile|Separately|Also|Asked [^,]+)[^,]*,?\s+)?)(?P<spk>[^,"]+?(?:,[^,"]+,)?),?\s+(?:also\s+)?(?P<verb>told\s+(?:reporters|journalists|\u{{E000}}[A-Z][0-9]+\u{{E001}})|{SAY}|denied|denies|declined to confirm|confirmed|expects|believes|thinks)\b(?P<adjunct>(?:\s+(?:in a statement|on \w+|on arrival))*)(?:,\s*citing\s+(?P<src>[^,]+?),)?(?:\s+that)?(?P<gap>\s)."#
    ))
    .expect("said regex")
});

static INTERPOSED: LazyLock<Regex> = LazyLock::new(|| {
    super::regex(r"^(?P<c1>[^,]+),\s+(?P<spk>\x{E000}[PN][0-9]+\x{E001})\s+(?:said|argued|added|noted|says|argues),\s+(?P<c2>.+?)\.?$").expect("interposed regex")
});

static ANNOUNCEMENT: LazyLock<Regex> =
    LazyLock::new(|| super::regex(r"^(?P<spk>\x{E000}[PON][0-9]+\x{E001})[^:]*?\bwith an? (?:[a-z]+ )?(?:announcement|statement):\s+(?P<content>.+?)\.?$").expect("announcement regex"));

static WHO_SAID: LazyLock<Regex> = LazyLock::new(|| {
    super::regex(r"(?P<spk>\x{E000}P[0-9]+\x{E001}),\s+who\s+(?:underlined|stressed|said|noted|emphasised|emphasized)(?:\s+that)?\s+(?P<content>[^.]+)").expect("who-said regex")
});

static ANONYMOUS: LazyLock<Regex> = LazyLock::new(|| {
    super::regex(r"^(?i:a|an|one|two|three|four|several|some)\s+(?P<desc>.*?\b(?:official|officials|expert|experts|analyst|analysts|source|sources|diplomat|diplomats|spokesperson|spokesman|spokeswoman|adviser|advisers|aide|aides|negotiator|negotiators|researcher|economist|person|people|insider|insiders|officer|officers))\b(?P<rest>.*)$").expect("anonymous regex")
});

static IN_PLACE: LazyLock<Regex> = LazyLock::new(|| super::regex(r"^\s+in\s+(?P<place>[A-Z][\p{L}-]+(?:\s+[A-Z][\p{L}-]+)?)\b").expect("in-place regex"));

static DEFINITE_SOURCE: LazyLock<Regex> = LazyLock::new(|| {
    super::regex(r"^(?i:the)\s+(?:[A-Za-z-]+\s+){0,2}?(?:official|expert|analyst|source|diplomat|spokesperson|spokesman|spokeswoman|adviser|negotiator)s?$").expect("definite source regex")
});

static POSSESSED: LazyLock<Regex> = LazyLock::new(|| {
    super::regex(r"(?i)(?:'s|\b(?:his|her|their|its))\s+(?:[\w-]+\s+)?(?:office|aides?|staff|team|lawyers?|allies|camp|entourage|advisers?|ministry|spokes(?:man|woman|person))\b").expect("possessed regex")
});

/// Words without which a sentence reports no speech.
static SPEECH_CUES: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build([
            "said", "says", "say ", "told", "tells", "wrote", "writes", "added", "adds", "argued", "argues", "stressed", "noted", "warned",
            "explained", "insisted", "announc", "stated", "reported", "reports", "claimed", "underlined", "emphasi", "declared", "cited",
            "quoted", "criticis", "criticiz", "according", "citing", "denied", "denies", "declined", "confirmed", "expects", "believes",
            "thinks", "announcement", "\"",
        ])
        .expect("speech cues")
});

/// The words of [`SAY`], as they must appear (case and all) in a match of [`SAID_LAST`].
static SAY_WORDS: LazyLock<aho_corasick::AhoCorasick> =
    LazyLock::new(|| aho_corasick::AhoCorasick::builder().kind(Some(aho_corasick::AhoCorasickKind::DFA)).build(SAY.split('|')).expect("say words"));

static TOPICS: LazyLock<Regex> = LazyLock::new(|| super::regex(r"(?:such\s+)?(?:spheres|areas|fields|sectors)\s+(?:as|of)\s+(?P<list>[^.;]+)").expect("topics regex"));

/// Words too common to tell two statements apart.
const STOP_WORDS: &[&str] = &[
    "that", "this", "with", "will", "would", "have", "from", "they", "their", "there", "which", "what", "when", "been", "were", "more",
    "also", "into", "than", "them", "then", "make", "made", "said", "says", "about", "because", "between",
];

/// Whether `w` is one of [`STOP_WORDS`] (string equality compares lengths first, so only the
/// stop words of `w`'s length are read).
fn is_stop_word(w: &str) -> bool {
    STOP_WORDS.contains(&w)
}

/// The distinct lowercased words of four characters or more that are not stop words, sorted (a
/// set, compared with [`common_words`]). A word already in lowercase ASCII is not copied.
fn content_words(s: &str) -> Vec<Cow<'_, str>> {
    let mut words: Vec<Cow<'_, str>> = s
        .split(|c: char| !c.is_alphanumeric())
        // Four characters: at least four bytes, and sixteen bytes are at least four characters.
        .filter(|w| w.len() >= 4 && (w.len() >= 16 || w.chars().count() >= 4))
        .map(|w| if w.is_ascii() && !w.bytes().any(|b| b.is_ascii_uppercase()) { Cow::Borrowed(w) } else { Cow::Owned(w.to_lowercase()) })
        .filter(|w| !is_stop_word(w))
        .collect();
    words.sort_unstable();
    words.dedup();
    words
}

/// How many words two sorted, distinct word lists share.
fn common_words(a: &[Cow<'_, str>], b: &[Cow<'_, str>]) -> usize {
    let (mut i, mut j, mut common) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    common
}

// The patterns below give the regex engine only the part of a sentence that has groups to find:
// its backtracking search for the groups costs per byte, and the content or the quotation is
// often most of the sentence. What such a pattern left out (`"(?P<q>[^"]+?)[,.]?"` before
// QUOTE_FIRST, `(?P<content>.+),` before SAID_LAST, `\s+(?P<content>.+?)\.?$` after SAID_FIRST) is
// read by hand here, as the whole pattern would read it. A sentence holds no line break (every
// line is a paragraph of its own, segment.rs), so `.` there stands for any character.

/// `"(?P<q>[^"]+?)[,.]?"` + [`QUOTE_FIRST`] on a sentence that opens with a quotation mark: the
/// quotation (without a `,` or `.` before its closing mark) and the attribution's groups, read
/// from `rest`, the byte after the closing mark.
fn quote_first(t: &str) -> Option<((usize, usize), usize, regex::Captures<'_>)> {
    let close = 1 + t.strip_prefix('"')?.find('"')?;
    if close < 2 {
        return None;
    }
    let q = if close > 2 && matches!(t.as_bytes()[close - 1], b',' | b'.') { (1, close - 1) } else { (1, close) };
    let rest = close + 1;
    Some((q, rest, QUOTE_FIRST.captures(&t[rest..])?))
}

/// `^(?P<content>.+)` + [`SAID_LAST`]: the content is greedy, so the attribution starts at the
/// last comma from which SAID_LAST matches. Candidates: commas after any quotation mark (SAID_LAST
/// takes none), before any line break (the content takes none), not at the start. The speaker
/// holds no comma, so the verb lies between the comma and the next one: a comma with no word of
/// [`SAY`] before the next comma is passed over without running the pattern.
fn said_last(clause: &str) -> Option<(usize, regex::Captures<'_>)> {
    let from = clause.rfind('"').map_or(0, |q| q + 1);
    let to = clause.find('\n').unwrap_or(clause.len());
    // The commas from the last: the one after a comma was the one before it here (or, for the
    // last one before a line break, one beyond: the end of the clause stands for it).
    let mut next = clause.len();
    for comma in clause.get(from..to)?.rmatch_indices(',').map(|(i, _)| from + i) {
        let segment = &clause[comma..std::mem::replace(&mut next, comma)];
        if comma > 0 && SAY_WORDS.is_match(segment) {
            if let Some(c) = SAID_LAST.captures(&clause[comma..]) {
                return Some((comma, c));
            }
        }
    }
    None
}

/// [`SAID_FIRST`] + `\s+(?P<content>.+?)\.?$`: the attribution's groups and the content, which
/// is the rest of the clause after the white space (all of it but the last character when
/// nothing else follows) without a final full stop.
fn said_first(clause: &str) -> Option<(regex::Captures<'_>, (usize, usize))> {
    let c = SAID_FIRST.captures(clause)?;
    let gap = c.name("gap").expect("gap").start();
    let mut start = gap;
    for ch in clause[gap..].chars().take_while(|ch| ch.is_whitespace()) {
        start += ch.len_utf8();
    }
    if start == clause.len() {
        start = clause[..start].char_indices().next_back().map_or(start, |(i, _)| i);
    }
    let end = if clause.ends_with('.') && clause.len() - start > 1 { clause.len() - 1 } else { clause.len() };
    Some((c, (start, end)))
}

/// [`QUOTE_LAST`] + `(?P<q>[^"]+?)"\.?$`: the quotation and the attribution's groups. The
/// quotation is what lies between the closing quotation mark (the last character, or the one
/// before a final full stop) and the quotation mark before it; the attribution, which holds no
/// other quotation mark, is the sentence up to that opening mark.
fn quote_last(t: &str) -> Option<((usize, usize), regex::Captures<'_>)> {
    let close = if t.ends_with("\".") {
        t.len() - 2
    } else if t.ends_with('"') {
        t.len() - 1
    } else {
        return None;
    };
    let open = t[..close].rfind('"')?;
    if open + 1 == close {
        return None;
    }
    Some(((open + 1, close), QUOTE_LAST.captures(&t[..=open])?))
}

/// Where a sentence may be cut into clauses: every ", while " and "; ", in order, with its
/// length (neither overlaps itself or the other, so each occurrence is a match).
fn cuts(t: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = t.as_bytes();
    (0..bytes.len()).filter_map(move |i| match bytes[i] {
        b',' if bytes[i..].starts_with(b", while ") => Some((i, ", while ".len())),
        b';' if bytes[i..].starts_with(b"; ") => Some((i, "; ".len())),
        _ => None,
    })
}

struct Reader<'a> {
    text: &'a str,
    registry: &'a mut Registry,
    publisher: Option<usize>,
    anonymous: Vec<usize>,
    out: Vec<StatementFrame>,
}

impl Reader<'_> {
    fn original(&self, m: &Masked, from: usize, to: usize) -> String {
        self.text[m.orig(from, false)..m.orig(to, true)].to_owned()
    }

    /// The speaker of the attribution `m.text[from..to]`.
    fn speaker(&mut self, m: &Masked, from: usize, to: usize) -> Option<usize> {
        let np = m.text[from..to].trim();
        // "Ortega's office", "His aides": a body or people the text does not name.
        if POSSESSED.is_match(np) {
            return None;
        }
        let slots = m.slots_in(from, to);
        // A person named in the attribution speaks; else an unnamed one described there ("a
        // senior official at the Ministry …"); else the outlet or body.
        if let Some(&i) = slots.iter().find(|&&i| m.slots[i].class == 'P') {
            return Some(m.slots[i].entity());
        }
        let original = self.original(m, from, to);
        let original = original.trim();
        let described = ANONYMOUS.is_match(original);
        for class in ['P', 'N', 'O', 'G'] {
            if described {
                break;
            }
            if let Some(&i) = slots.iter().find(|&&i| m.slots[i].class == class) {
                // A group of people is not one speaker.
                if class == 'G' {
                    return None;
                }
                return Some(m.slots[i].entity());
            }
        }
        if DEFINITE_SOURCE.is_match(np) {
            return self.anonymous.last().copied();
        }
        if let Some(caps) = ANONYMOUS.captures(original) {
            let desc = caps.name("desc").expect("desc").as_str().trim();
            let rest = caps.name("rest").map_or("", |r| r.as_str());
            let anonymous = rest.contains("anonymity") || rest.contains("not to be named") || rest.contains("not want to be named") || rest.contains("not be named") || rest.contains("declined to be named");
            // "a military expert in Beijing" → "Beijing-based military expert".
            let mut desc = desc.to_owned();
            if let Some(place) = IN_PLACE.captures(rest) {
                desc = format!("{}-based {desc}", &place["place"]);
            }
            let name = if anonymous { format!("anonymous {desc}") } else { format!("unnamed {desc}") };
            let person = self.registry.plain(&name, EntityType::Person, m.orig(from, false), 0.7);
            self.registry.use_entity(person);
            self.registry.list[person].description = Some(original.trim_start_matches("a ").trim_start_matches("an ").to_owned());
            self.anonymous.push(person);
            return Some(person);
        }
        // A country speaking ("Turkey, which was not invited, criticised …").
        slots.iter().rev().find(|&&i| m.slots[i].class == 'C').map(|&i| m.slots[i].entity())
    }

    /// The outlet of the attribution, if the words first appeared there.
    fn outlet_in(&self, m: &Masked, from: usize, to: usize) -> Option<usize> {
        m.slots_in(from, to).into_iter().find(|&i| m.slots[i].class == 'N').map(|i| m.slots[i].entity()).filter(|&o| Some(o) != self.publisher)
    }

    #[allow(clippy::too_many_arguments)]
    fn push(&mut self, kind: StatementKind, speaker: usize, text: String, quoted_in: Option<usize>, m: &Masked, sentence: usize, rule: &'static str, confidence: f64) {
        let quoted_in = quoted_in.filter(|&o| o != speaker);
        let mut topics = Vec::new();
        if let Some(caps) = TOPICS.captures(&text) {
            topics = split_list(caps.name("list").expect("list").as_str());
        }
        let span = super::frames::trim_span(self.text, m.start, m.end);
        // A quote restating its speaker's statement just before is the same statement.
        if kind == StatementKind::Quote {
            if let Some(prev) = self.out.last() {
                // The words are compared only for a statement of the same speaker just before.
                if prev.speaker == speaker && prev.kind == StatementKind::Statement && prev.sentence + 1 >= sentence {
                    let (a, b) = (content_words(&prev.text), content_words(&text));
                    let common = common_words(&a, &b);
                    if common * 2 >= a.len().min(b.len()) && common >= 4 {
                        return;
                    }
                }
            }
        }
        self.out.push(StatementFrame { kind, speaker, text, quoted_in, topics, about: Vec::new(), span, sentence, rule, confidence });
    }

    fn sentence(&mut self, view: &View) {
        let m = &view.masked;
        let t = m.text.as_str();
        let s = view.index;
        // Most sentences report no speech: skip them without running the patterns.
        if !SPEECH_CUES.is_match(t) {
            return;
        }
        // Quotes first.
        if let Some(((qs, qe), rest, c)) = quote_first(t) {
            if t[qs..qe].split_whitespace().nth(3).is_some() {
                // Spans of the attribution's groups in the sentence.
                let at = |g: regex::Match<'_>| (rest + g.start(), rest + g.end());
                let ((ss, se), verb) = match (c.name("spk"), c.name("spk2")) {
                    (Some(spk), _) => (at(spk), c.name("verb").map_or("", |v| v.as_str())),
                    (None, Some(spk)) => (at(spk), "said"),
                    _ => return,
                };
                let quote = self.original(m, qs, qe);
                let tail = c.name("tail").map(|tl| (at(tl), tl.as_str()));
                let (speaker, quoted_in) = if matches!(verb, "cited" | "quoted") {
                    // "the newspaper cited an expert": the source speaks, in the outlet.
                    let outlet = self.speaker(m, ss, se);
                    let source = tail.and_then(|((ts, te), _)| self.speaker(m, ts, te));
                    (source, outlet)
                } else {
                    let speaker = self.speaker(m, ss, se);
                    let mut quoted_in = tail.and_then(|((ts, te), _)| self.outlet_in(m, ts, te));
                    // "…, citing a senior official": a specific source is the speaker.
                    let mut speaker = speaker;
                    if let Some(((ts, te), tail)) = tail {
                        if let Some(cite) = tail.find("citing ") {
                            let from = ts + cite + "citing ".len();
                            let cited = self.original(m, from, te);
                            if ANONYMOUS.is_match(cited.trim()) {
                                quoted_in = speaker.filter(|&sp| self.registry.list[sp].kind == EntityType::NewsOutlet);
                                speaker = self.speaker(m, from, te);
                            }
                        }
                    }
                    (speaker, quoted_in)
                };
                if let Some(speaker) = speaker {
                    let quote = quote.trim_end_matches(',').to_owned();
                    self.push(StatementKind::Quote, speaker, quote, quoted_in, m, s, "quote.quote-then-attribution", 0.9);
                    // "…," she said, announcing more funding: an announcement besides the quote.
                    if let Some(((ts, te), tail)) = tail {
                        if let Some(p) = tail.find(", announcing ") {
                            let from = ts + p + ", announcing ".len();
                            let text = paraphrase(&format!("announced {}", self.original(m, from, te)));
                            self.push(StatementKind::Statement, speaker, text, quoted_in, m, s, "statement.announcing", 0.75);
                        }
                    }
                }
                return;
            }
        }
        if let Some(((qs, qe), c)) = quote_last(t) {
            if t[qs..qe].split_whitespace().nth(3).is_some() {
                let spk = c.name("spk").expect("spk");
                let quote = self.original(m, qs, qe);
                let (speaker, quoted_in) = match c.name("src").or(c.name("src2")) {
                    Some(src) => {
                        let outlet = self.speaker(m, spk.start(), spk.end());
                        (self.speaker(m, src.start(), src.end()), outlet)
                    }
                    None => (self.speaker(m, spk.start(), spk.end()), None),
                };
                if let Some(speaker) = speaker {
                    self.push(StatementKind::Quote, speaker, quote, quoted_in, m, s, "quote.attribution-then-quote", 0.9);
                }
                return;
            }
        }
        // "X opened the press conference with an announcement: …".
        if let Some(c) = t.contains("with an").then(|| ANNOUNCEMENT.captures(t)).flatten() {
            let spk = c.name("spk").expect("spk");
            let content = c.name("content").expect("content");
            if let Some(speaker) = self.speaker(m, spk.start(), spk.end()) {
                let text = paraphrase(&self.original(m, content.start(), content.end()));
                self.push(StatementKind::Statement, speaker, text, None, m, s, "statement.announcement", 0.8);
                return;
            }
        }
        // Reported speech, clause by clause (", while X said …"), each read as it is cut off.
        let mut from = 0;
        for (i, len) in cuts(t) {
            if i >= from && !in_quote(t, 0, i) {
                self.reported(m, from, i, s);
                from = i + len;
            }
        }
        self.reported(m, from, t.len(), s);
        if let Some(c) = t.contains(", who ").then(|| WHO_SAID.captures(t)).flatten() {
            let spk = c.name("spk").expect("spk");
            let content = c.name("content").expect("content");
            if let Some(speaker) = self.speaker(m, spk.start(), spk.end()) {
                if !self.out.iter().any(|o| o.sentence == s && o.speaker == speaker) {
                    let text = paraphrase(&self.original(m, content.start(), content.end()));
                    self.push(StatementKind::Statement, speaker, text, None, m, s, "statement.who-said", 0.75);
                }
            }
        }
    }

    fn reported(&mut self, m: &Masked, a: usize, b: usize, s: usize) {
        let clause = &m.text[a..b];
        let at = |g: regex::Match<'_>| (a + g.start(), a + g.end());
        // ACCORDING_LAST needs "according to"; ACCORDING_FIRST that or "citing".
        let according_to = clause.contains("ccording to");
        let according = according_to || clause.contains("iting ");
        if let Some(c) = according.then(|| ACCORDING_FIRST.captures(clause)).flatten() {
            let (ss, se) = at(c.name("spk").expect("spk"));
            let (cs, ce) = at(c.name("content").expect("content"));
            let outer = self.speaker(m, ss, se);
            // "According to the newspaper, the official said …": the inner speaker, in the outlet.
            if let Some((inner, (is, ie))) = said_first(&m.text[cs..ce]) {
                let spk = inner.name("spk").expect("spk");
                if let Some(speaker) = self.speaker(m, cs + spk.start(), cs + spk.end()) {
                    let outlet = outer.filter(|&o| self.registry.list[o].kind == EntityType::NewsOutlet);
                    let text = paraphrase(&self.original(m, cs + is, cs + ie));
                    self.push(StatementKind::Statement, speaker, text, outlet, m, s, "statement.according-to-x-y-said", 0.8);
                    return;
                }
            }
            if let Some(speaker) = outer {
                let text = paraphrase(&self.original(m, cs, ce));
                self.push(StatementKind::Statement, speaker, text, None, m, s, "statement.according-to", 0.85);
            }
            return;
        }
        if let Some(c) = according_to.then(|| ACCORDING_LAST.captures(clause)).flatten() {
            let (ss, se) = at(c.name("spk").expect("spk"));
            let (cs, ce) = at(c.name("content").expect("content"));
            if let Some(speaker) = self.speaker(m, ss, se) {
                let text = paraphrase(&self.original(m, cs, ce));
                self.push(StatementKind::Statement, speaker, text, None, m, s, "statement.according-to", 0.85);
            }
            return;
        }
        // INTERPOSED's first comma is followed by a placeholder.
        let interposed = clause.find(',').is_some_and(|comma| clause[comma + 1..].trim_start().starts_with('\u{E000}'));
        if let Some(c) = interposed.then(|| INTERPOSED.captures(clause)).flatten() {
            let (ss, se) = at(c.name("spk").expect("spk"));
            let (c1s, _) = at(c.name("c1").expect("c1"));
            let (_, c2e) = at(c.name("c2").expect("c2"));
            if let Some(speaker) = self.speaker(m, ss, se) {
                let text = paraphrase(&self.original(m, c1s, c2e).replacen(&self.original(m, ss, se), "", 1));
                self.push(StatementKind::Statement, speaker, text, None, m, s, "statement.interposed", 0.8);
            }
            return;
        }
        if let Some((comma, c)) = said_last(clause) {
            let at = |g: regex::Match<'_>| (a + comma + g.start(), a + comma + g.end());
            let spk = c.name("spk").expect("spk");
            let np = spk.as_str();
            let (ss, se) = at(spk);
            let short = np.split_whitespace().nth(12).is_none();
            let has_ref = !m.slots_in(ss, se).is_empty() || ANONYMOUS.is_match(&self.original(m, ss, se));
            if short && has_ref && !in_quote(clause, 0, comma + spk.start()) {
                let (cs, ce) = (a, a + comma);
                let tail = c.name("tail").map(at);
                let mut speaker = self.speaker(m, ss, se);
                let mut quoted_in = None;
                if let Some((ts, te)) = tail {
                    if let Some(cite) = m.text[ts..te].find("citing ") {
                        let from = ts + cite + "citing ".len();
                        let cited = self.original(m, from, te);
                        if ANONYMOUS.is_match(cited.trim()) {
                            quoted_in = speaker.filter(|&sp| self.registry.list[sp].kind == EntityType::NewsOutlet);
                            speaker = self.speaker(m, from, te);
                        }
                    }
                }
                if let Some(speaker) = speaker {
                    let text = paraphrase(&self.original(m, cs, ce));
                    self.push(StatementKind::Statement, speaker, text, quoted_in, m, s, "statement.content-then-said", 0.85);
                }
                return;
            }
        }
        if let Some((c, (content_start, content_end))) = said_first(clause) {
            let spk = c.name("spk").expect("spk");
            // At most 14 words.
            let np_short = spk.as_str().split_whitespace().nth(14).is_none();
            let (ss, se) = at(spk);
            let has_ref = !m.slots_in(ss, se).is_empty() || ANONYMOUS.is_match(self.original(m, ss, se).trim()) || DEFINITE_SOURCE.is_match(spk.as_str().trim());
            if np_short && has_ref && !in_quote(clause, 0, spk.start()) {
                let (cs, ce) = (a + content_start, a + content_end);
                let mut speaker = self.speaker(m, ss, se);
                let mut quoted_in = None;
                if let Some(src) = c.name("src") {
                    let (rs, re) = at(src);
                    let cited = self.original(m, rs, re);
                    if ANONYMOUS.is_match(cited.trim()) {
                        quoted_in = speaker.filter(|&sp| self.registry.list[sp].kind == EntityType::NewsOutlet);
                        speaker = self.speaker(m, rs, re);
                    }
                }
                if let Some(adj) = c.name("adjunct") {
                    let (js, je) = at(adj);
                    quoted_in = quoted_in.or_else(|| self.outlet_in(m, js, je));
                }
                if let Some(speaker) = speaker {
                    let text = paraphrase(&self.original(m, cs, ce));
                    self.push(StatementKind::Statement, speaker, text, quoted_in, m, s, "statement.said-that", 0.85);
                }
            }
        }
    }
}

/// A paraphrase from reported words: trimmed, capitalized, ending with a full stop.
fn paraphrase(content: &str) -> String {
    let content = content.trim().trim_end_matches(['.', ',']).trim();
    let mut chars = content.chars();
    let Some(first) = chars.next() else {
        return String::new();
    };
    // The rest is copied whole, not character by character.
    let mut out = String::with_capacity(content.len() + 4);
    out.extend(first.to_uppercase());
    out.push_str(chars.as_str());
    out.push('.');
    out
}

/// Reads the statements and quotes of the article's body sentences.
pub fn read_statements(text: &str, views: &[View], registry: &mut Registry, publisher: Option<usize>) -> Vec<StatementFrame> {
    let mut reader = Reader { text, registry, publisher, anonymous: Vec::new(), out: Vec::new() };
    for view in views.iter().filter(|v| v.facts) {
        reader.sentence(view);
    }
    reader.out.retain(|s| !s.text.trim().is_empty() && s.text != ".");
    reader.out
}

#[cfg(test)]
mod tests {
    use crate::extract::Extractor;
    use crate::facts::*;

    fn statements(text: &str) -> Vec<(StatementKind, String, Option<String>)> {
        let article = crate::article::read_text_article(&format!("date: 2024-06-20\npublisher: TASS\n\n{text}"), "t", "t.txt").expect("reads");
        let f = Extractor::new().extract(&article).facts;
        let name = |id: &str| f.entities.iter().find(|e| e.id == id).map(|e| e.name.clone()).unwrap_or_default();
        f.statements.iter().map(|s| (s.kind, name(&s.speaker), s.quoted_in.as_deref().map(name))).collect()
    }

    #[test]
    fn quotes_with_sources_and_outlets() {
        let got = statements(
            "China's The Global Times newspaper said the visit would help. \"Moscow is sending a signal to the US that it is not alone,\" the newspaper cited a Beijing-based military expert who asked for anonymity.",
        );
        assert_eq!(got[0], (StatementKind::Statement, "Global Times".into(), None));
        assert_eq!(got[1], (StatementKind::Quote, "anonymous Beijing-based military expert".into(), Some("Global Times".into())));
    }

    #[test]
    fn reported_speech_forms() {
        let got = statements(
            "According to Cui Heng, a research fellow from the Center for Russian Studies, cooperation will grow. \"The two sides will also focus on coordination,\" he told the Global Times. Beijing, she argued, wants to show Washington its strength.",
        );
        assert_eq!(got[0], (StatementKind::Statement, "Cui Heng".into(), None));
        assert_eq!(got[1], (StatementKind::Quote, "Cui Heng".into(), Some("Global Times".into())));
        assert_eq!(got[2].0, StatementKind::Statement);
    }

    /// What the cheap checks stand in front of, as it was before them.
    mod reference {
        use super::super::{SAID_LAST, STOP_WORDS};
        use std::borrow::Cow;

        pub fn said_last(clause: &str) -> Option<(usize, regex::Captures<'_>)> {
            let from = clause.rfind('"').map_or(0, |q| q + 1);
            let to = clause.find('\n').unwrap_or(clause.len());
            let commas = clause.get(from..to)?.rmatch_indices(',').map(|(i, _)| from + i);
            commas.filter(|&comma| comma > 0).find_map(|comma| Some((comma, SAID_LAST.captures(&clause[comma..])?)))
        }

        /// The cuts between clauses, without the quotation test.
        pub fn cuts(t: &str) -> Vec<(usize, usize)> {
            let mut cuts: Vec<(usize, usize)> = t.match_indices(", while ").chain(t.match_indices("; ")).map(|(i, c)| (i, c.len())).collect();
            cuts.sort_unstable();
            cuts
        }

        pub fn content_words(s: &str) -> Vec<Cow<'_, str>> {
            let mut words: Vec<Cow<'_, str>> = s
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.chars().count() >= 4)
                .map(|w| if w.is_ascii() && !w.bytes().any(|b| b.is_ascii_uppercase()) { Cow::Borrowed(w) } else { Cow::Owned(w.to_lowercase()) })
                .filter(|w| !STOP_WORDS.contains(&w.as_ref()))
                .collect();
            words.sort_unstable();
            words.dedup();
            words
        }
    }

    /// Words, names, verbs and punctuation for sentences that try the cheap checks' corners.
    const PIECES: &[&str] = &[
        "said", "says", "say", "sayings", "told", "tells", "wrote", "added", "argued", "noted", "warned", "cited", "quoted", "criticized",
        "Said", "SAID", "said,", "he", "she", "the", "minister", "Minister", "\u{E000}P1\u{E001}", "\u{E000}N2\u{E001}", "officials",
        "on", "in", "at", "to", "Monday", "that", "while", ", while", "; ", ";", ",", ", ", ".", "\"", "“", "”", "\n", " ", "  ", "\u{a0}",
        "\t", "é", "Ünïcode", "Straße", "ÉTÉ", "İstanbul", "ΣΟΦΙΑ", "naïveté", "1234", "four", "would", "their", "because", "between",
        "Because", "Between", "x", "_",
    ];

    fn generated() -> Vec<String> {
        let mut sentences: Vec<String> = [
            "The plan will work, the minister said.",
            "The plan, he said, will work, \u{E000}P1\u{E001} said on Monday, citing officials.",
            "\"It will work,\" he said, while she said, in Paris, it would not; they argued.",
        ]
        .map(str::to_owned)
        .into();
        sentences.extend(crate::extract::testing::random_sentences(PIECES, 50_000, 16, 3));
        sentences
    }

    #[test]
    fn the_cheap_checks_change_no_result() {
        use super::{content_words, said_last};
        for s in &generated() {
            let groups = |c: &regex::Captures<'_>| c.iter().map(|g| g.map(|g| g.range())).collect::<Vec<_>>();
            assert_eq!(said_last(s).map(|(i, c)| (i, groups(&c))), reference::said_last(s).map(|(i, c)| (i, groups(&c))), "{s:?}");
            assert_eq!(super::cuts(s).collect::<Vec<_>>(), reference::cuts(s), "{s:?}");
            assert_eq!(content_words(s), reference::content_words(s), "{s:?}");
        }
        for w in super::STOP_WORDS {
            assert!(super::is_stop_word(w), "{w}");
        }
    }

    #[test]
    fn a_restated_quote_is_not_repeated() {
        let got = statements(
            "Putin's visit will bring relations between Russia and North Korea to a new level, the Global Times said. \"Putin's visit will bring the Russia-North Korea relations to a new level,\" it said, citing Chinese analysts.",
        );
        assert_eq!(got, [(StatementKind::Statement, "Global Times".into(), None)]);
    }
}
