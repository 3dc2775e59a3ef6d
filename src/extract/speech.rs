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

use super::coref::{placeholder_end, Masked};
use super::entities::Registry;
use super::frames::{begins, split_list, View};
use super::segment::alphanumeric_end;
use super::{ascii_boundary, space_end};
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

/// The words of [`SAY`] in its order, for the patterns read by hand.
const SAY_VERBS: &[&str] = &[
    "said", "says", "say", "told", "tells", "wrote", "writes", "added", "adds", "argued", "argues", "stressed", "noted", "warned", "explained",
    "insisted", "announced", "announces", "stated", "reported", "reports", "claimed", "underlined", "emphasized", "emphasised", "declared",
    "cited", "quoted", "criticised", "criticized",
];

/// The words that open an unnamed speaker ("a", "two", "several"…), in the order they are
/// tried, and the nouns that end its description ("official", "experts"…), for [`anonymous`].
const ANONYMOUS_OPENERS: &[&str] = &["a", "an", "one", "two", "three", "four", "several", "some"];
const ANONYMOUS_NOUNS: &[&str] = &[
    "official", "officials", "expert", "experts", "analyst", "analysts", "source", "sources", "diplomat", "diplomats", "spokesperson",
    "spokesman", "spokeswoman", "adviser", "advisers", "aide", "aides", "negotiator", "negotiators", "researcher", "economist", "person",
    "people", "insider", "insiders", "officer", "officers",
];

/// An unnamed speaker ("a senior official at the ministry", "two experts who asked for
/// anonymity"): the description (`desc`, from after the opening word to the noun) and what
/// follows (`rest`). The pattern (ANONYMOUS)
///
/// ```text
/// ^(?i:OPENERS)\s+(?P<desc>.*?\b(?:NOUNS))\b(?P<rest>.*)$
/// ```
///
/// (words of [`ANONYMOUS_OPENERS`] and [`ANONYMOUS_NOUNS`], `\b` ASCII) read by hand. An opener
/// is compared ignoring case as `(?i)` does (the long s, ſ, is an "s"; no other character
/// outside ASCII folds to one of their letters); `\s+` after it is greedy, and giving back white
/// space cannot help (a noun starts with a letter); the lazy description ends at the first
/// noun standing as a word; `.` takes no line break, so none may follow the opener's white space.
fn anonymous(s: &str) -> Option<((usize, usize), (usize, usize))> {
    let folds = |c: char, l: u8| c.to_ascii_lowercase() == char::from(l) || (l == b's' && c == '\u{17F}');
    let b = s.as_bytes();
    // A text whose first byte begins no opener in any case (nor the long s, ſ, which begins
    // with 0xC5) is none: most speakers are named.
    if !b.first().is_some_and(|&f| OPENER_FIRST_BYTES[usize::from(f)]) {
        return None;
    }
    ANONYMOUS_OPENERS.iter().find_map(|opener| {
        let mut chars = s.char_indices();
        for &l in opener.as_bytes() {
            chars.next().filter(|&(_, c)| folds(c, l))?;
        }
        let p = chars.next().map_or(s.len(), |(k, _)| k);
        let ds = space_end(s, p);
        if ds == p || s[ds..].contains('\n') {
            return None;
        }
        (ds..s.len()).filter(|&j| super::is_ascii_word_byte(b[j]) && (j == 0 || !super::is_ascii_word_byte(b[j - 1]))).find_map(|j| {
            // Only the nouns that start with the word's first letter (all are in lower case).
            let initial = usize::from(b[j].wrapping_sub(b'a'));
            let noun = NOUNS_BY_INITIAL.get(initial)?.iter().find(|n| begins(&s[j..], n) && ascii_boundary(s, j + n.len()))?;
            Some(((ds, j + noun.len()), (j + noun.len(), s.len())))
        })
    })
}

/// The first bytes an [`anonymous`] text may start with: those of the openers in either case,
/// and 0xC5, which begins ſ (the long s, an "s" ignoring case).
static OPENER_FIRST_BYTES: [bool; 256] = {
    let mut table = super::byte_table_any_case(&[ANONYMOUS_OPENERS], super::Place::First);
    table[0xC5] = true;
    table
};

/// [`ANONYMOUS_NOUNS`] by first letter, in their order: a word is compared only with the nouns
/// that start as it does.
static NOUNS_BY_INITIAL: LazyLock<[Vec<&'static str>; 26]> = LazyLock::new(|| by_initial(ANONYMOUS_NOUNS.iter()));

/// Whether `s` names an unnamed speaker ([`anonymous`]).
fn is_anonymous(s: &str) -> bool {
    anonymous(s).is_some()
}

/// The nouns that end a definite source ("the official"), each also in the plural.
const DEFINITE_NOUNS: &[&str] = &["official", "expert", "analyst", "source", "diplomat", "spokesperson", "spokesman", "spokeswoman", "adviser", "negotiator"];

/// A source the text named before ("the official", "the two senior diplomats"), the pattern
/// (DEFINITE_SOURCE)
///
/// ```text
/// ^(?i:the)\s+(?:[A-Za-z-]+\s+){0,2}?(?:DEFINITE_NOUNS)s?$
/// ```
///
/// read by hand: only the `\s+` take white space, each a whole run (what follows one starts
/// with a letter or `-`), so after "the" (no character outside ASCII folds to one of its
/// letters) and its white space the text is one to three words apart: a noun or its plural
/// ending the text, after words of `[A-Za-z-]`.
fn is_definite_source(s: &str) -> bool {
    let Some(the) = super::modality::lit(s.as_bytes(), 0, "the") else { return false };
    let start = space_end(s, the);
    let rest = &s[start..];
    let last = rest.char_indices().rev().find(|&(_, c)| c.is_whitespace()).map_or(0, |(k, c)| k + c.len_utf8());
    let (words, noun) = rest.split_at(last);
    start > the
        && words.split_whitespace().count() <= 2
        && words.split_whitespace().all(|w| w.bytes().all(|b| b.is_ascii_alphabetic() || b == b'-'))
        && DEFINITE_NOUNS.iter().any(|n| noun.strip_prefix(n).is_some_and(|s| s.is_empty() || s == "s"))
}

/// Where an unnamed speaker is ("a military expert in Beijing"), from the end of the
/// description: the place, the pattern (IN_PLACE)
///
/// ```text
/// ^\s+in\s+(?P<place>[A-Z][\p{L}-]+(?:\s+[A-Z][\p{L}-]+)?)\b
/// ```
///
/// read by hand. `\s+` takes a whole run (what follows is no white space); a second word can
/// follow only the whole run of the first, and is tried first; each word's run, greedy, ends
/// at the last place a boundary is.
fn in_place(rest: &str) -> Option<&str> {
    let i = space_end(rest, 0);
    let c = space_end(rest, i + rest[i..].strip_prefix("in").map(|_| 2).filter(|_| i > 0)?);
    // `[A-Z][\p{L}-]+` from `at`: the ends of the word, the latest first, that end on a boundary.
    let word = |at: usize| {
        if !rest.as_bytes().get(at).is_some_and(u8::is_ascii_uppercase) {
            return None;
        }
        let run = rest[at + 1..].char_indices().find(|&(_, ch)| ch != '-' && !is_letter(ch)).map_or(rest.len(), |(k, _)| at + 1 + k);
        let ends = rest[at + 1..run].char_indices().rev().map(move |(k, ch)| at + 1 + k + ch.len_utf8());
        (run > at + 1).then_some((run, ends.filter(|&e| ascii_boundary(rest, e))))
    };
    let (run, mut ends) = word(c).filter(|_| c > i + 2)?;
    let second = space_end(rest, run);
    let two = word(second).filter(|_| second > run).and_then(|(_, mut ends)| ends.next());
    two.or_else(|| ends.next()).map(|e| &rest[c..e])
}

/// Whether `c` is a letter (`\p{L}`). Characters outside ASCII ask the pattern itself
/// (compiled only when one is met).
fn is_letter(c: char) -> bool {
    static LETTER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\p{L}$").expect("letter regex"));
    c.is_ascii_alphabetic() || (!c.is_ascii() && LETTER.is_match(c.encode_utf8(&mut [0; 4])))
}

/// The nouns of a body or people named by whose it is ([`possessed`]), as `(?i)` reads them
/// (the optional plurals written out).
const POSSESSED_NOUNS: &[&str] = &[
    "office", "aides", "aide", "staff", "team", "lawyers", "lawyer", "allies", "camp", "entourage", "advisers", "adviser", "ministry", "spokesman",
    "spokeswoman", "spokesperson",
];

/// Whether `np` names a body or people by whose it is ("Ortega's office", "His aides"): a match
/// of the pattern (POSSESSED)
///
/// ```text
/// (?i)(?:'s|\b(?:his|her|their|its))\s+(?:[\w-]+\s+)?(?:POSSESSED_NOUNS)\b
/// ```
///
/// found by hand: after each "'s", or possessive starting a word, white space, then a noun ending
/// on a boundary, or one word and white space before it. A noun and a word start with no white
/// space, so `\s+` takes a whole run, and the word a whole run of `[\w-]` (white space follows).
fn possessed(np: &str) -> bool {
    use super::modality::{is_word_char, lit, word_at};
    let b = np.as_bytes();
    let after_possessive = |q: usize| {
        let w = space_end(np, q);
        if w == q {
            return false;
        }
        let e = np[w..].char_indices().find(|&(_, c)| c != '-' && !is_word_char(c)).map_or(np.len(), |(k, _)| w + k);
        let n = space_end(np, e);
        word_at(b, w, POSSESSED_NOUNS) || (e > w && n > e && word_at(b, n, POSSESSED_NOUNS))
    };
    // (A possessive word begins at a word start, found eight bytes at a time: a byte-by-byte
    // scan tested the many letters `h`, `t` and `i` for a boundary one by one.)
    memchr::memchr_iter(b'\'', b).any(|p| lit(b, p + 1, "s").is_some_and(after_possessive))
        || super::WordStarts::new(b, 0, |p| matches!(b[p] | 0x20, b'h' | b't' | b'i')).any(|p| ["his", "her", "their", "its"].iter().find_map(|w| lit(b, p, w)).is_some_and(after_possessive))
}

/// Words without which a sentence reports no speech (compared ignoring ASCII case). Found by
/// the frame stage's pass over the sentence ([`super::frames::Cues::speech`]), which finds its
/// own cues in the same pass.
pub(crate) const SPEECH_CUES: &[&str] = &[
    "said", "says", "say ", "told", "tells", "wrote", "writes", "added", "adds", "argued", "argues", "stressed", "noted", "warned",
    "explained", "insisted", "announc", "stated", "reported", "reports", "claimed", "underlined", "emphasi", "declared", "cited",
    "quoted", "criticis", "criticiz", "according", "citing", "denied", "denies", "declined", "confirmed", "expects", "believes",
    "thinks", "announcement", "\"",
];

/// The words of [`SAY`], as they must appear (case and all) in a match of [`said_last_attribution`].
static SAY_WORDS: LazyLock<aho_corasick::AhoCorasick> =
    LazyLock::new(|| aho_corasick::AhoCorasick::builder().kind(Some(aho_corasick::AhoCorasickKind::DFA)).build(SAY.split('|')).expect("say words"));

static TOPICS: LazyLock<Regex> = LazyLock::new(|| super::regex(r"(?:such\s+)?(?:spheres|areas|fields|sectors)\s+(?:as|of)\s+(?P<list>[^.;]+)").expect("topics regex"));

/// The nouns one of which every match of [`TOPICS`] holds, as written there.
const TOPIC_NOUNS: &[&str] = &["spheres", "areas", "fields", "sectors"];

/// [`TOPICS`]'s captures, asked only of a text holding one of [`TOPIC_NOUNS`] (few statements
/// name topics; a search for the words costs less than the regex engine's for captures). The
/// words are looked for with searchers built once: `str::contains` builds one for every text.
fn topics_of(text: &str) -> Option<regex::Captures<'_>> {
    static FINDERS: LazyLock<Vec<memchr::memmem::Finder<'static>>> = LazyLock::new(|| TOPIC_NOUNS.iter().map(memchr::memmem::Finder::new).collect());
    FINDERS.iter().any(|f| f.find(text.as_bytes()).is_some()).then(|| TOPICS.captures(text)).flatten()
}

/// Words too common to tell two statements apart.
const STOP_WORDS: &[&str] = &[
    "that", "this", "with", "will", "would", "have", "from", "they", "their", "there", "which", "what", "when", "been", "were", "more",
    "also", "into", "than", "them", "then", "make", "made", "said", "says", "about", "because", "between",
];

/// Whether `w` is one of [`STOP_WORDS`].
#[cfg(test)]
fn is_stop_word(w: &str) -> bool {
    is_stop_key(prefix_key(w))
}

/// The slots of [`STOP_TABLE`]: about four times as many as the stop words, so that a multiplier
/// that gives each a slot of its own is found in a few tries.
const STOP_SLOTS: usize = 128;

/// The slot of the key `key` in [`STOP_TABLE`], with its multiplier: the top seven bits of the
/// product.
#[inline]
const fn stop_slot(key: u64, multiplier: u64) -> usize {
    (key.wrapping_mul(multiplier) >> 57) as usize
}

/// The keys ([`prefix_key`]) of [`STOP_WORDS`], each in a slot of its own ([`stop_slot`], with the
/// multiplier beside the table: the first from a fixed odd number on that gives every key its own
/// slot), the other slots zero, which no word's key is.
static STOP_TABLE: ([u64; STOP_SLOTS], u64) = {
    let mut multiplier: u64 = 0x9E37_79B9_7F4A_7C15;
    loop {
        let mut table = [0; STOP_SLOTS];
        let mut i = 0;
        while i < STOP_WORDS.len() {
            let key = prefix_key(STOP_WORDS[i]);
            let slot = stop_slot(key, multiplier);
            if table[slot] != 0 {
                break;
            }
            table[slot] = key;
            i += 1;
        }
        if i == STOP_WORDS.len() {
            break (table, multiplier);
        }
        multiplier = multiplier.wrapping_add(2);
    }
};

/// Whether the word whose [`prefix_key`] is `key` is one of [`STOP_WORDS`]: no stop word is
/// longer than seven bytes, so its key holds it whole, with a zero byte no key of a longer word
/// has. Told by the one slot of [`STOP_TABLE`] the key can be in (a binary search of the sorted
/// keys took a branch the words decide at each of its five steps).
#[inline]
fn is_stop_key(key: u64) -> bool {
    let (table, multiplier) = &STOP_TABLE;
    table[stop_slot(key, *multiplier)] == key
}

/// The first eight bytes of `w` as a number (big-endian, padded with zeros: numbers in the
/// words' order), [`super::prefix_key`] with its bytes swapped. A `const fn`, so that
/// [`STOP_TABLE`] is built from the same keys the words are looked up by.
const fn prefix_key(w: &str) -> u64 {
    super::prefix_key(w.as_bytes()).swap_bytes()
}

/// Whether `s` has more than `n` words: `s.split_whitespace().nth(n).is_some()`, read a byte
/// at a time, with a character decoded only where one outside ASCII starts (the standard
/// splitter decodes every character; an attribution holds placeholders, so is seldom ASCII).
fn more_words_than(s: &str, n: usize) -> bool {
    let bytes = s.as_bytes();
    let (mut words, mut in_word, mut i) = (0, false, 0);
    while let Some(&b) = bytes.get(i) {
        let (space, len) = if b.is_ascii() {
            // `char::is_whitespace` in ASCII: tab, line feed, vertical tab, form feed, carriage
            // return and space.
            (matches!(b, b'\t'..=b'\r' | b' '), 1)
        } else {
            let c = s[i..].chars().next().expect("a character starts here");
            (c.is_whitespace(), c.len_utf8())
        };
        if !space && !in_word {
            words += 1;
            if words > n {
                return true;
            }
        }
        in_word = !space;
        i += len;
    }
    false
}

/// Whether a quote whose words are `quote` restates the statement `statement`: they share at
/// least four of their [`content_words`], and at least half of the fewer's. Each text is
/// lower-cased at once when it is in ASCII (its words are then borrowed, not each copied).
fn restates(statement: &str, quote: &str) -> bool {
    fn lowered(s: &str) -> Cow<'_, str> {
        if s.is_ascii() && s.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(s.to_ascii_lowercase())
        } else {
            Cow::Borrowed(s)
        }
    }
    let (statement, quote) = (lowered(statement), lowered(quote));
    let (a, b) = (content_words(&statement), content_words(&quote));
    let common = common_words(&a, &b);
    common * 2 >= a.len().min(b.len()) && common >= 4
}

/// A word of [`content_words`] with its [`prefix_key`], which orders most pairs of words without
/// reading them.
type Keyed<'s> = (u64, Cow<'s, str>);

/// The order of [`Keyed`] words: the keys', then the words' own. A word holds no zero byte, so
/// the keys order two words as their bytes do (a word shorter than eight bytes is padded with
/// bytes below any of its longer neighbours'), and the words end up sorted as strings.
fn keyed_order(a: &Keyed<'_>, b: &Keyed<'_>) -> std::cmp::Ordering {
    a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1))
}

/// The distinct lowercased words of four characters or more that are not stop words, sorted (a
/// set, compared with [`common_words`]). A word already in lowercase ASCII is not copied; each
/// carries the key it is sorted by ([`keyed_order`]), as sorting the strings themselves cost
/// most of a comparison of two statements.
fn content_words(s: &str) -> Vec<Keyed<'_>> {
    use super::{bytes_within, HIGH};
    // The words are the runs of alphanumeric characters (what splitting at every other character
    // leaves): the runs of ASCII letters and digits are found eight bytes at a time, and a
    // character outside ASCII is decoded where one starts. Four characters or more.
    let bytes = s.as_bytes();
    // Room for a word in eight bytes, about as many as a text has of four letters or more: the
    // list grows seldom.
    let mut words = Vec::with_capacity(bytes.len() / 8);
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        let mut end = alphanumeric_end(bytes, i);
        let (mut chars, mut ascii) = (end - start, true);
        let separator = loop {
            let Some(&b) = bytes.get(end) else { break 0 };
            if b.is_ascii() {
                break 1;
            }
            let c = s[end..].chars().next().expect("a character starts here");
            if !c.is_alphanumeric() {
                break c.len_utf8();
            }
            ascii = false;
            end += c.len_utf8();
            let after = alphanumeric_end(bytes, end);
            chars += 1 + after - end;
            end = after;
        };
        if chars >= 4 {
            let w = &s[start..end];
            // An ASCII word's first eight bytes (those past its end cleared) are its key, once
            // in big-endian order; a capital among them is told at once.
            let first = super::word_key(bytes, start, end);
            let upper = bytes_within(first & !HIGH, b'A', b'Z') & !first & HIGH != 0 || w.len() > 8 && w.as_bytes()[8..].iter().any(u8::is_ascii_uppercase);
            let (key, w) = if ascii && !upper {
                (first.swap_bytes(), Cow::Borrowed(w))
            } else {
                let w = w.to_lowercase();
                (prefix_key(&w), Cow::Owned(w))
            };
            if !is_stop_key(key) {
                words.push((key, w));
            }
        }
        i = end + separator;
    }
    words.sort_unstable_by(keyed_order);
    words.dedup_by(|a, b| a.1 == b.1);
    words
}

/// How many words two sorted, distinct word lists share.
fn common_words(a: &[Keyed<'_>], b: &[Keyed<'_>]) -> usize {
    let (mut i, mut j, mut common) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match keyed_order(&a[i], &b[j]) {
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
// QUOTE_FIRST, `(?P<content>.+),` before SAID_LAST (see [`said_last_attribution`]), `\s+(?P<content>.+?)\.?$` after SAID_FIRST) is
// read by hand here, as the whole pattern would read it. A sentence holds no line break (every
// line is a paragraph of its own, segment.rs), so `.` there stands for any character.

/// `"(?P<q>[^"]+?)[,.]?"` + [`quote_first_attribution`] on a sentence that opens with a quotation mark: the
/// quotation (without a `,` or `.` before its closing mark) and the attribution's groups, read
/// from `rest`, the byte after the closing mark.
fn quote_first(t: &str) -> Option<((usize, usize), usize, QuoteFirst)> {
    let close = 1 + t.strip_prefix('"')?.find('"')?;
    if close < 2 {
        return None;
    }
    let q = if close > 2 && matches!(t.as_bytes()[close - 1], b',' | b'.') { (1, close - 1) } else { (1, close) };
    let rest = close + 1;
    Some((q, rest, quote_first_attribution(&t[rest..])?))
}

/// What [`quote_first_attribution`] reads (byte spans in the attribution).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct QuoteFirst {
    /// The speaker (`spk`, or `spk2` after "said", "says", "added").
    speaker: (usize, usize),
    /// The verb: a word of [`SAY`], or "said" for the second form.
    verb: &'static str,
    /// What follows the verb of the first form.
    tail: Option<(usize, usize)>,
}

/// The attribution after a quote that opens the sentence (`"…," he told the newspaper`), the
/// pattern
///
/// ```text
/// ^\s*,?\s*(?:(?P<spk>[^"]+?)\s+(?P<verb>SAY)\b(?P<tail>[^"]*)|(?P<verb2>said|says|added)\s+(?P<spk2>[^"]+?))\.?$
/// ```
///
/// read by hand from just after the closing quotation mark. Both forms run to the end without a
/// quotation mark. The speaker starts after the white space and comma, else (each form failed)
/// where `\s*` and `,?` gave back a character, the latest first; the lazy speaker of the first
/// form ends at the first white space after which a verb ends on a word boundary.
fn quote_first_attribution(h: &str) -> Option<QuoteFirst> {
    if find_byte(h, 0, b'"').is_some() {
        return None;
    }
    let lead = space_end(h, 0);
    let comma = h.as_bytes().get(lead) == Some(&b',');
    let after_comma = if comma { space_end(h, lead + 1) } else { lead };
    // The starts in the order the pattern tries them: the white space after the comma from its
    // end, the comma (`,?` empty), the white space before it from its end.
    let after = h[lead..after_comma].char_indices().rev().map(|(k, _)| lead + k).filter(|&k| k > lead);
    let before = h[..lead].char_indices().rev().map(|(k, _)| k);
    let starts = std::iter::once(after_comma).chain(after).chain(comma.then_some(lead)).chain(before);
    starts.into_iter().find_map(|p| quote_first_said(h, p).or_else(|| quote_first_said_first(h, p)))
}

/// The first form from `p`: `(?P<spk>[^"]+?)\s+(?P<verb>SAY)\b(?P<tail>[^"]*)\.?$`.
fn quote_first_said(h: &str, p: usize) -> Option<QuoteFirst> {
    let first = p + h[p..].chars().next()?.len_utf8();
    h[first..].char_indices().filter(|(_, c)| c.is_whitespace()).find_map(|(k, _)| {
        let e = first + k;
        let w = space_end(h, e);
        let verb = SAY_VERBS.iter().find(|v| begins(&h[w..], v) && ascii_boundary(h, w + v.len()))?;
        Some(QuoteFirst { speaker: (p, e), verb, tail: Some((w + verb.len(), h.len())) })
    })
}

/// The second form from `p`: `(?P<verb2>said|says|added)\s+(?P<spk2>[^"]+?)\.?$`; the speaker,
/// lazy, ends before a final full stop when it can.
fn quote_first_said_first(h: &str, p: usize) -> Option<QuoteFirst> {
    let verb = ["said", "says", "added"].iter().find(|v| begins(&h[p..], v))?;
    let (start, end) = spaced_speaker(h, p + verb.len())?;
    Some(QuoteFirst { speaker: (start, end), verb: "said", tail: None })
}

/// `\s+(?P<x>[^"]+?)\.?$` from `i` in a text without quotation marks: like [`spaced_rest`],
/// but x may hold a line break.
fn spaced_speaker(t: &str, i: usize) -> Option<(usize, usize)> {
    spaced_starts(t, i).find_map(|start| {
        let first = start + t[start..].chars().next()?.len_utf8();
        Some((start, if t.ends_with('.') && t.len() > first { t.len() - 1 } else { t.len() }))
    })
}

/// `^(?P<content>.+)` + [`said_last_attribution`]: the content is greedy, so the attribution
/// starts at the last comma from which the attribution reads. Candidates: commas after any
/// quotation mark (the attribution takes none), before any line break (the content takes none),
/// not at the start. The speaker holds no comma, so the verb lies between the comma and the next
/// one: a comma with no word of [`SAY`] before the next comma is passed over without reading.
fn said_last(clause: &str) -> Option<(usize, SaidLast)> {
    let bytes = clause.as_bytes();
    let from = memchr::memrchr(b'"', bytes).map_or(0, |q| q + 1);
    let to = find_byte(clause, 0, b'\n').unwrap_or(clause.len());
    if from > to {
        return None;
    }
    // The commas from the last: the one after a comma was the one before it here (or, for the
    // last one before a line break, one beyond: the end of the clause stands for it).
    let mut next = clause.len();
    for comma in memchr::memrchr_iter(b',', &bytes[from..to]).map(|i| from + i) {
        let segment = &clause[comma..std::mem::replace(&mut next, comma)];
        if comma > 0 && SAY_WORDS.is_match(segment) {
            if let Some(found) = said_last_attribution(&clause[comma..]) {
                return Some((comma, found));
            }
        }
    }
    None
}

/// What [`said_last_attribution`] reads (byte spans in the attribution).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct SaidLast {
    /// The speaker (`spk`).
    speaker: (usize, usize),
    /// The verb, a word of [`SAY`] (`verb`).
    verb: (usize, usize),
    /// What follows the verb but a final full stop (`tail`).
    tail: (usize, usize),
}

/// "…, X said" from the comma, the pattern (SAID_LAST)
///
/// ```text
/// ^,\s+(?P<spk>[^,"]+?)\s+(?P<verb>SAY)\b(?P<tail>(?:\s+(?:on|in|at|to)\s+[^,"]*)?(?:,\s*[^"]*)?)\.?$
/// ```
///
/// (`SAY` is [`SAY`], `\b` ASCII) read by hand. `\s+` after the comma is greedy: the speaker
/// starts after all the white space, else (each speaker failed) one white space character
/// earlier, and so on while one is left. The speaker, lazy, ends at the first white space after
/// which a verb and a tail follow ([`said_last_tail`]); a verb starts with a letter, so `\s+`
/// before it gives nothing back, and at most one verb ends on a boundary at a place.
fn said_last_attribution(h: &str) -> Option<SaidLast> {
    h.strip_prefix(',')?;
    spaced_starts(h, 1).find_map(|p| {
        // The ends of the characters before the first comma or quotation mark, read as bytes
        // (decoding each character cost more than the rest of the search).
        let stop = comma_or_quote(h, p).unwrap_or(h.len());
        // The bytes of `p + 1..=stop` that there are (past the end, none starts a space), read
        // from a slice: no bounds check at every byte.
        let window = h.as_bytes().get(p + 1..h.len().min(stop + 1)).unwrap_or_default();
        for (k, &b) in window.iter().enumerate() {
            let e = p + 1 + k;
            if !MAY_START_SPACE[usize::from(b)] || !h.is_char_boundary(e) || !space_at(h, e) {
                continue;
            }
            let v = space_end(h, e);
            if !h.as_bytes().get(v).is_some_and(u8::is_ascii_lowercase) {
                continue;
            }
            let Some(verb) = say_verbs_at(h, v).find(|w| ascii_boundary(h, v + w.len())) else { continue };
            let x = v + verb.len();
            if let Some(tail) = said_last_tail(h, x) {
                return Some(SaidLast { speaker: (p, e), verb: (v, x), tail });
            }
        }
        None
    })
}

/// `(?P<tail>(?:\s+(?:on|in|at|to)\s+[^,"]*)?(?:,\s*[^"]*)?)\.?$` from the verb's end `x`: the
/// tail. `[^,"]*` and `[^"]*` are greedy and reach the end unless a quotation mark stops them;
/// `,\s*[^"]*` then reads from a comma when no quotation mark follows it. With neither part, the
/// tail is empty and only a full stop may follow.
fn said_last_tail(h: &str, x: usize) -> Option<(usize, usize)> {
    let quote_free = |i: usize| find_byte(h, i, b'"').is_none();
    let first = {
        let w = space_end(h, x);
        let prep = ["on", "in", "at", "to"].iter().find(|p| begins(&h[w..], p)).map(|p| w + p.len());
        prep.filter(|&q| w > x && space_end(h, q) > q).map(|q| {
            let y = comma_or_quote(h, q).unwrap_or(h.len());
            y == h.len() || (h.as_bytes()[y] == b',' && quote_free(y))
        })
    };
    if first == Some(true) {
        return Some((x, h.len()));
    }
    if h.as_bytes().get(x) == Some(&b',') && quote_free(x) {
        return Some((x, h.len()));
    }
    (x == h.len() || (x + 1 == h.len() && h.as_bytes()[x] == b'.')).then_some((x, x))
}

/// The attribution (QUOTE_LAST, [`quote_last_attribution`]) + `(?P<q>[^"]+?)"\.?$`: the
/// quotation and the attribution's groups. The quotation is what lies between the closing
/// quotation mark (the last character, or the one before a final full stop) and the quotation
/// mark before it; the attribution, which holds no other quotation mark, is the sentence up to
/// that opening mark.
fn quote_last(t: &str) -> Option<((usize, usize), QuoteLast)> {
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
    Some(((open + 1, close), quote_last_attribution(&t[..=open])?))
}

/// What [`quote_last_attribution`] reads (byte spans in the attribution).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct QuoteLast {
    /// The speaker, or the outlet that quotes (`spk`).
    speaker: (usize, usize),
    /// The verb of the first form, a word of [`SAY`] (`verb`).
    verb: Option<(usize, usize)>,
    /// The source of "… quoted X as saying" (`src`).
    source: Option<(usize, usize)>,
    /// The source of "… carried the words of X" (`src2`).
    carried: Option<(usize, usize)>,
}

/// The attribution before a quotation that ends the sentence (`X quoted the official as saying:
/// "…"`), up to and with the opening quotation mark, the pattern (QUOTE_LAST)
///
/// ```text
/// ^(?P<spk>[^"]+?)\s+(?:(?P<verb>SAY)(?:\s+(?P<src>[^":]+?)\s+as\s+saying)?|carried the words of\s+(?P<src2>[^":]+?))\s*:\s*"$
/// ```
///
/// read by hand. The speaker, lazy, ends at the first white space after which a form reads;
/// `\s+` before a verb or "carried" (letters) gives nothing back. The verbs are tried in
/// [`SAY`]'s order ("says" before its prefix "say"), each with its source first.
fn quote_last_attribution(h: &str) -> Option<QuoteLast> {
    // The ends of the characters before the first quotation mark, read as bytes.
    let stop = memchr::memchr(b'"', h.as_bytes()).unwrap_or(h.len());
    for e in 1..=stop {
        if !h.as_bytes().get(e).is_some_and(|&b| MAY_START_SPACE[usize::from(b)]) || !h.is_char_boundary(e) || !space_at(h, e) {
            continue;
        }
        let v = space_end(h, e);
        if !h.as_bytes().get(v).is_some_and(u8::is_ascii_lowercase) {
            continue;
        }
        for verb in say_verbs_at(h, v) {
            let x = v + verb.len();
            let found = |source| Some(QuoteLast { speaker: (0, e), verb: Some((x - verb.len(), x)), source, carried: None });
            if let Some(src) = lazy_source(h, x, |f| {
                if !space_at(h, f) {
                    return None;
                }
                let a = space_end(h, f);
                let b = a + h[a..].strip_prefix("as").map(|_| 2)?;
                let c = space_end(h, b);
                let d = c + h[c..].strip_prefix("saying").map(|_| "saying".len())?;
                (a > f && c > b && quote_last_colon(h, d)).then_some(())
            }) {
                return found(Some(src));
            }
            if quote_last_colon(h, x) {
                return found(None);
            }
        }
        if let Some(y) = h[v..].strip_prefix("carried the words of").map(|_| v + "carried the words of".len()) {
            if let Some(src) = lazy_source(h, y, |f| ((h.as_bytes().get(f) == Some(&b':') || space_at(h, f)) && quote_last_colon(h, f)).then_some(())) {
                return Some(QuoteLast { speaker: (0, e), verb: None, source: None, carried: Some(src) });
            }
        }
    }
    None
}

/// `\s+(?P<src>[^":]+?)` from `i` followed by what `rest` reads from the source's end: the
/// source. `\s+` is greedy: the source starts after all the white space, else one white space
/// character earlier, and so on while one is left; the source, lazy, ends at the first place
/// `rest` reads from.
fn lazy_source(h: &str, i: usize, rest: impl Fn(usize) -> Option<()>) -> Option<(usize, usize)> {
    spaced_starts(h, i).find_map(|start| {
        for (k, c) in h[start..].char_indices() {
            if c == '"' || c == ':' {
                return None;
            }
            let f = start + k + c.len_utf8();
            if rest(f).is_some() {
                return Some((start, f));
            }
        }
        None
    })
}

/// Whether `\s*:\s*"$` reads from `i`.
fn quote_last_colon(h: &str, i: usize) -> bool {
    let colon = space_end(h, i);
    h[colon..].starts_with(':') && {
        let mark = space_end(h, colon + 1);
        mark + 1 == h.len() && h.as_bytes()[mark] == b'"'
    }
}

/// A speaker's placeholder and what it said (byte spans), as [`announcement`] and [`who_said`]
/// read them.
type SpeakerContent = ((usize, usize), (usize, usize));

/// "X opened the press conference with an announcement: …", the pattern (ANNOUNCEMENT)
///
/// ```text
/// ^(?P<spk>\x{E000}[PON][0-9]+\x{E001})[^:]*?\bwith an? (?:[a-z]+ )?(?:announcement|statement):\s+(?P<content>.+?)\.?$
/// ```
///
/// (`\b` ASCII) read by hand: the lazy `[^:]*?` ends at the first "with a" on a boundary before
/// the first colon from which the rest reads; `an?`, `[a-z]+` and the optional word are greedy
/// (the word is tried first), and each can be read one way only.
fn announcement(t: &str) -> Option<SpeakerContent> {
    const NOUNS: &[&str] = &["announcement", "statement"];
    let e = placeholder_end(t, 0, b"PON")?;
    let colon = t[e..].find(':').map_or(t.len(), |k| e + k);
    let withs = t[e..colon].match_indices("with a").map(|(k, _)| e + k).filter(|&w| ascii_boundary(t, w));
    withs.into_iter().find_map(|w| {
        let a = w + "with a".len();
        let q = if t[a..].starts_with("n ") { a + 2 } else { a + t[a..].strip_prefix(' ').map(|_| 1)? };
        let letters = q + t[q..].bytes().take_while(u8::is_ascii_lowercase).count();
        let word = (letters > q && t.as_bytes().get(letters) == Some(&b' ')).then_some(letters + 1);
        word.into_iter().chain([q]).find_map(|n| {
            let noun = NOUNS.iter().find(|k| t[n..].strip_prefix(**k).is_some_and(|r| r.starts_with(':')))?;
            spaced_rest(t, n + noun.len() + 1).map(|content| ((0, e), content))
        })
    })
}

/// "X, who underlined that …", the pattern (WHO_SAID)
///
/// ```text
/// (?P<spk>\x{E000}P[0-9]+\x{E001}),\s+who\s+(?:underlined|stressed|said|noted|emphasised|emphasized)(?:\s+that)?\s+(?P<content>[^.]+)
/// ```
///
/// read by hand: the first person's placeholder from which it reads (a search finds the
/// leftmost match). White space before a word gives nothing back; "that" is tried first.
fn who_said(t: &str) -> Option<SpeakerContent> {
    const VERBS: &[&str] = &["underlined", "stressed", "said", "noted", "emphasised", "emphasized"];
    t.match_indices('\u{E000}').find_map(|(p, _)| {
        let e = placeholder_end(t, p, b"P")?;
        let w = space_end(t, e + t[e..].strip_prefix(',').map(|_| 1)?);
        let after_who = w + t[w..].strip_prefix("who").map(|_| "who".len()).filter(|_| w > e + 1)?;
        let v = space_end(t, after_who);
        let x = v + VERBS.iter().find(|verb| begins(&t[v..], verb)).filter(|_| v > after_who)?.len();
        let s1 = space_end(t, x);
        let that = (s1 > x && t[s1..].starts_with("that")).then_some(s1 + "that".len());
        that.and_then(|q| spaced_content(t, q)).or_else(|| spaced_content(t, x)).map(|content| ((p, e), content))
    })
}

/// `\s+(?P<content>[^.]+)` from `i`: the content. `\s+` is greedy: the content starts after all
/// the white space, else (a full stop or the end is there) at its last character, when one is
/// left before it; it runs to the next full stop.
fn spaced_content(t: &str, i: usize) -> Option<(usize, usize)> {
    let spaces = space_end(t, i);
    if spaces == i {
        return None;
    }
    let start = if t.as_bytes().get(spaces).is_some_and(|&b| b != b'.') {
        spaces
    } else {
        t[i..spaces].char_indices().next_back().map(|(k, _)| i + k).filter(|&k| k > i)?
    };
    Some((start, t[start..].find('.').map_or(t.len(), |k| start + k)))
}

/// Where a sentence may be cut into clauses: every ", while " and "; ", in order, with its
/// length (neither overlaps itself or the other, so each occurrence is a match).
fn cuts(t: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = t.as_bytes();
    // Only a comma or a semicolon starts one: the bytes between are skipped by memchr.
    memchr::memchr2_iter(b',', b';', bytes).filter_map(move |i| match bytes[i] {
        b',' if bytes[i..].starts_with(b", while ") => Some((i, ", while ".len())),
        b';' if bytes[i..].starts_with(b"; ") => Some((i, "; ".len())),
        _ => None,
    })
}

// Patterns read by hand. The regex engine finds their groups with a backtracking search over
// every state of the pattern at every byte, which cost more than the rest of the stage; the
// functions below take the same paths in the same order (the order a backtracking search
// tries them: greedy repetitions longest first, lazy ones shortest first, alternatives from
// the left) and skip only choices that cannot lead to a match. Each keeps its pattern in a
// doc comment; the tests check them against the patterns.

/// The first comma or straight quotation mark at or after byte `i` (both ASCII: found by
/// memchr2 over the bytes rather than by decoding characters).
fn comma_or_quote(t: &str, i: usize) -> Option<usize> {
    memchr::memchr2(b',', b'"', &t.as_bytes()[i..]).map(|k| i + k)
}

/// The first byte `b` (ASCII) at or after byte `from` of `t`: what `t[from..].find(char::from(b))`
/// finds, by memchr without building a searcher for every call.
#[inline]
fn find_byte(t: &str, from: usize, b: u8) -> Option<usize> {
    memchr::memchr(b, &t.as_bytes()[from..]).map(|k| from + k)
}

/// The bytes a white space character can start with: ASCII white space and the lead bytes of
/// characters outside ASCII. A reader looking for white space passes over every other byte by
/// one look-up, before the tests that tell ([`space_at`]).
static MAY_START_SPACE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = matches!(b as u8, b'\t'..=b'\r' | b' ') || b >= 0xC0;
        b += 1;
    }
    table
};

/// The bytes after which [`said_first`]'s speaker may end: a comma, or those of
/// [`MAY_START_SPACE`].
static MAY_END_SPEAKER: [bool; 256] = {
    let mut table = MAY_START_SPACE;
    table[b',' as usize] = true;
    table
};

/// Whether a white space character (`\s`) starts at byte `i`: told from the byte in ASCII, which
/// lets a reader pass over most places without looking for the run's end.
#[inline]
fn space_at(t: &str, i: usize) -> bool {
    match t.as_bytes().get(i) {
        Some(&b) if b.is_ascii() => matches!(b, b'\t'..=b'\r' | b' '),
        Some(_) => t[i..].chars().next().is_some_and(char::is_whitespace),
        None => false,
    }
}

/// Where the run of word characters (`\w`, Unicode) from `i` ends.
fn word_end(t: &str, i: usize) -> usize {
    t[i..].char_indices().find(|&(_, c)| !super::modality::is_word_char(c)).map_or(t.len(), |(k, _)| i + k)
}

/// Where what follows `\s+` from `i` may start, in the order a backtracking search tries them:
/// `\s+` is greedy, so after all the white space, then one white space character earlier, and
/// so on while one is left; none when no white space is at `i`.
fn spaced_starts(t: &str, i: usize) -> impl Iterator<Item = usize> + '_ {
    let spaces = space_end(t, i);
    let earlier = t[i..spaces].char_indices().rev().map(move |(k, _)| i + k).filter(move |&k| k > i);
    std::iter::once(spaces).chain(earlier).filter(move |_| spaces > i)
}

/// `\s+(?P<x>.+?)\.?$` from `i`: where x starts and ends. `\s+` is greedy, so x starts after
/// all the white space, else (x would be empty or hold a line break, which `.` does not match)
/// one white space character earlier, and so on while one is left; x, lazy, ends before a final
/// full stop when it can.
fn spaced_rest(t: &str, i: usize) -> Option<(usize, usize)> {
    spaced_starts(t, i).find_map(|start| {
        let first = start + t[start..].chars().next()?.len_utf8();
        let end = if t.ends_with('.') && t.len() > first { t.len() - 1 } else { t.len() };
        find_byte(&t[..end], start, b'\n').is_none().then_some((start, end))
    })
}

/// What [`said_first`] reads of a clause (byte spans in it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct SaidFirst {
    /// The speaker (`spk`).
    speaker: (usize, usize),
    /// "in a statement", "on Monday" after the verb (`adjunct`, maybe empty).
    adjunct: (usize, usize),
    /// The source after "citing" (`src`).
    source: Option<(usize, usize)>,
    /// The content: the rest of the clause after the white space (`gap`) that follows the
    /// attribution, all of it but the last character when nothing else follows, without a final
    /// full stop.
    content: (usize, usize),
}

/// The attribution's words after the speaker from the end of a [`SAID_FIRST_OPENERS`] opener.
const SAID_FIRST_OPENERS: &[&str] = &["On", "In", "Earlier", "Later", "Meanwhile", "Separately", "Also", "Asked "];

/// The verbs of "X said (that) …" after [`SAY_VERBS`] (and before them, `told` with its
/// object, read by [`told_object`]).
const SAID_FIRST_VERBS: &[&str] = &["denied", "denies", "declined to confirm", "confirmed", "expects", "believes", "thinks"];

/// [`SAY_VERBS`] then [`SAID_FIRST_VERBS`] by first letter (all are lower case), each list in
/// that order: a word is compared only with the verbs that start as it does.
static SAID_FIRST_BY_INITIAL: LazyLock<[Vec<&'static str>; 26]> = LazyLock::new(|| by_initial(SAY_VERBS.iter().chain(SAID_FIRST_VERBS)));

/// [`SAY_VERBS`] by first letter, in their order (for [`said_last_attribution`] and
/// [`quote_last_attribution`], which try them after every white space).
static SAY_BY_INITIAL: LazyLock<[Vec<&'static str>; 26]> = LazyLock::new(|| by_initial(SAY_VERBS.iter()));

/// Lower-case words by first letter, each list in the words' order.
fn by_initial<'w>(words: impl Iterator<Item = &'w &'static str>) -> [Vec<&'static str>; 26] {
    let mut lists: [Vec<&str>; 26] = Default::default();
    for &word in words {
        lists[usize::from(word.as_bytes()[0] - b'a')].push(word);
    }
    lists
}

/// The words of [`SAY_VERBS`] that `t[v..]` starts with, in their order (`t[v]` is a lower-case
/// ASCII letter).
fn say_verbs_at(t: &str, v: usize) -> impl Iterator<Item = &'static str> + '_ {
    SAY_BY_INITIAL[usize::from(t.as_bytes()[v] - b'a')].iter().copied().filter(move |w| begins(&t[v..], w))
}

/// "X said (that) …", the pattern
///
/// ```text
/// ^(?P<pre>(?:(?:On|In|Earlier|Later|Meanwhile|Separately|Also|Asked [^,]+)[^,]*,?\s+)?)
/// (?P<spk>[^,"]+?(?:,[^,"]+,)?),?\s+(?:also\s+)?
/// (?P<verb>told\s+(?:reporters|journalists|\x{E000}[A-Z][0-9]+\x{E001})|SAY|denied|denies|declined to confirm|confirmed|expects|believes|thinks)\b
/// (?P<adjunct>(?:\s+(?:in a statement|on \w+|on arrival))*)(?:,\s*citing\s+(?P<src>[^,]+?),)?(?:\s+that)?(?P<gap>\s).
/// ```
///
/// (`SAY` is [`SAY`]) followed by `\s+(?P<content>.+?)\.?$`, read by hand. The opener (`pre`)
/// is greedy: its `[^,]*` runs to the first comma, then gives back a character at a time, and
/// the speaker is tried from each place its `\s+` can end, the latest first; then with no
/// opener. The speaker is lazy: it ends as early as the rest of the attribution
/// ([`said_first_speaker_end`]) can follow.
fn said_first(clause: &str) -> Option<SaidFirst> {
    let mut search = SpeakerSearch::default();
    for opener in SAID_FIRST_OPENERS.iter().filter(|o| begins(clause, o)) {
        let k = opener.len();
        let comma = clause[k..].find(',').map_or(clause.len(), |i| k + i);
        // "Asked" takes at least one character before the comma.
        let least = if opener.ends_with(' ') { clause[k..comma].chars().next().map_or(comma + 1, |c| k + c.len_utf8()) } else { k };
        if least > comma {
            continue;
        }
        // `[^,]*` up to the comma, `,?` takes it, `\s+` the white space after it; then `[^,]*`
        // ends earlier, at white space (`,?` takes nothing there).
        let at_comma = (comma < clause.len()).then_some(comma + 1);
        let earlier = clause[least..comma].char_indices().rev().filter(|(_, c)| c.is_whitespace()).map(|(j, _)| least + j);
        for j in at_comma.into_iter().chain(earlier) {
            for p in spaced_starts(clause, j) {
                if let Some(found) = search.from(clause, p) {
                    return Some(found);
                }
            }
        }
    }
    search.from(clause, 0)
}

/// The lazy speaker of [`said_first`] from successive starts, each no later than the one
/// before: a speaker end that failed for one start fails for every start (the rest of the
/// pattern does not depend on where the speaker starts), so each start tries only the ends
/// before those already tried.
#[derive(Default)]
struct SpeakerSearch {
    /// The last start tried, and the end of its run of `[^,"]`: every end in between failed.
    failed: Option<(usize, usize)>,
}

impl SpeakerSearch {
    fn from(&mut self, t: &str, start: usize) -> Option<SaidFirst> {
        let stop_from = |i: usize, to: usize| comma_or_quote(&t[..to], i);
        let (stop, hi) = match self.failed {
            Some((lowest, stop)) if start <= lowest => match stop_from(start, lowest) {
                Some(new_stop) => (new_stop, new_stop),
                None => (stop, lowest),
            },
            _ => {
                let stop = stop_from(start, t.len()).unwrap_or(t.len());
                (stop, stop)
            }
        };
        // The bytes of `start + 1..=hi` that there are, read from a slice (no bounds check at
        // every byte): the end of the clause is passed over, as no byte follows it.
        let window = t.as_bytes().get(start + 1..t.len().min(hi + 1)).unwrap_or_default();
        for (k, &next) in window.iter().enumerate() {
            let end = start + 1 + k;
            // Only a comma or white space follows a speaker: other ASCII bytes and the inside of
            // a character are passed over without reading further.
            if !MAY_END_SPEAKER[usize::from(next)] || !t.is_char_boundary(end) || (next.is_ascii() && next != b',' && !matches!(next, b'\t'..=b'\r' | b' ')) {
                continue;
            }
            if let Some((speaker_end, found)) = said_first_speaker_end(t, end) {
                return Some(SaidFirst { speaker: (start, speaker_end), ..found });
            }
        }
        self.failed = Some((start, stop));
        None
    }
}

/// The rest of [`said_first`]'s pattern after `[^,"]+?` ends at `e`: `(?:,[^,"]+,)?` (greedy:
/// tried first), then [`said_first_verb`]. The speaker's end and the other groups.
fn said_first_speaker_end(t: &str, e: usize) -> Option<(usize, SaidFirst)> {
    if t.as_bytes().get(e) == Some(&b',') {
        // `[^,"]+` runs to the next comma or quotation mark, and only a comma can follow it.
        let next = comma_or_quote(t, e + 1);
        if let Some(f) = next.filter(|&f| f > e + 1 && t.as_bytes()[f] == b',') {
            if let Some(found) = said_first_verb(t, f + 1) {
                return Some((f + 1, found));
            }
        }
    }
    said_first_verb(t, e).map(|found| (e, found))
}

/// `,?\s+(?:also\s+)?(?P<verb>…)\b` and the rest from the end of the speaker. A verb starts
/// with a letter, so `\s+` gives back no white space (the verb would start with it), and
/// neither does `also\s+`; no verb starts with "also".
fn said_first_verb(t: &str, i: usize) -> Option<SaidFirst> {
    let i = if t.as_bytes().get(i) == Some(&b',') { i + 1 } else { i };
    let spaces = space_end(t, i);
    if spaces == i {
        return None;
    }
    let mut at = spaces;
    if t[at..].starts_with("also") {
        let also = space_end(t, at + "also".len());
        if also == at + "also".len() {
            return None;
        }
        at = also;
    }
    let rest = &t[at..];
    let initial = rest.as_bytes().first().filter(|b| b.is_ascii_lowercase())?;
    // Most places hold no verb: told by its first two letters, before any is compared.
    let second = rest.as_bytes().get(1).filter(|b| b.is_ascii_lowercase())?;
    if VERB_SECOND_LETTERS[usize::from(initial - b'a')] & (1 << (second - b'a')) == 0 {
        return None;
    }
    let told = told_object(t, at).into_iter();
    let words = SAID_FIRST_BY_INITIAL[usize::from(initial - b'a')].iter().filter(|w| begins(rest, w)).map(|w| at + w.len());
    told.chain(words).filter(|&v| ascii_boundary(t, v)).find_map(|v| said_first_adjuncts(t, v))
}

/// The second letters of the verbs [`said_first_verb`] reads ([`SAY_VERBS`], "told" among
/// them, and [`SAID_FIRST_VERBS`]; all in lower case), a bit each, by first letter: a word whose
/// first two letters begin none of them is no verb.
const VERB_SECOND_LETTERS: [u32; 26] = {
    let mut table = [0u32; 26];
    let lists: [&[&str]; 2] = [SAY_VERBS, SAID_FIRST_VERBS];
    let mut l = 0;
    while l < lists.len() {
        let mut w = 0;
        while w < lists[l].len() {
            let word = lists[l][w].as_bytes();
            table[(word[0] - b'a') as usize] |= 1 << (word[1] - b'a');
            w += 1;
        }
        l += 1;
    }
    table
};

/// `told\s+(?:reporters|journalists|\x{E000}[A-Z][0-9]+\x{E001})` from `i`: its end.
fn told_object(t: &str, i: usize) -> Option<usize> {
    let after = i + t[i..].strip_prefix("told").map(|_| "told".len())?;
    let o = space_end(t, after);
    if o == after {
        return None;
    }
    let object = ["reporters", "journalists"].iter().find(|w| begins(&t[o..], w)).map(|w| o + w.len());
    object.or_else(|| placeholder_end(t, o, b"ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
}

/// `(?P<adjunct>(?:\s+(?:in a statement|on \w+|on arrival))*)` and the rest from the verb's end
/// `v`. Each repetition can be read one way only (white space and `\w+` give nothing back: what
/// follows needs white space or a comma; "on arrival" ends where `on \w+` does), so the
/// repetitions are a chain, tried from the longest.
fn said_first_adjuncts(t: &str, v: usize) -> Option<SaidFirst> {
    let next = |q: usize| {
        let w = space_end(t, q);
        if w == q {
            None
        } else if t[w..].starts_with("in a statement") {
            Some(w + "in a statement".len())
        } else if t[w..].starts_with("on ") {
            let word = w + "on ".len();
            Some(word_end(t, word)).filter(|&e| e > word)
        } else {
            None
        }
    };
    fn longest(t: &str, v: usize, q: usize, next: &dyn Fn(usize) -> Option<usize>) -> Option<SaidFirst> {
        if let Some(found) = next(q).and_then(|q2| longest(t, v, q2, next)) {
            return Some(found);
        }
        let (source, gap) = said_first_source(t, q)?;
        let content = said_first_content(t, gap);
        Some(SaidFirst { speaker: (0, 0), adjunct: (v, q), source, content })
    }
    longest(t, v, v, &next)
}

/// `(?:,\s*citing\s+(?P<src>[^,]+?),)?(?:\s+that)?(?P<gap>\s).` from `q`: the source and the
/// gap. The source, lazy, ends at the next comma; when none is between, `\s+` gives back its
/// last white space character to it.
fn said_first_source(t: &str, q: usize) -> Option<(Option<(usize, usize)>, usize)> {
    if t.as_bytes().get(q) == Some(&b',') {
        let c = space_end(t, q + 1);
        if t[c..].starts_with("citing") {
            let s0 = c + "citing".len();
            let s1 = space_end(t, s0);
            if let Some(comma) = t[s1..].find(',').map(|k| s1 + k).filter(|_| s1 > s0) {
                let start = if comma > s1 { Some(s1) } else { t[s0..s1].char_indices().next_back().map(|(k, _)| s0 + k).filter(|&k| k > s0) };
                if let Some(start) = start {
                    if let Some(gap) = said_first_gap(t, comma + 1) {
                        return Some((Some((start, comma)), gap));
                    }
                }
            }
        }
    }
    said_first_gap(t, q).map(|gap| (None, gap))
}

/// `(?:\s+that)?(?P<gap>\s).` from `q`: where the gap is.
fn said_first_gap(t: &str, q: usize) -> Option<usize> {
    let gap = |p: usize| {
        let mut chars = t[p..].chars();
        let c = chars.next()?;
        (c.is_whitespace() && chars.next().is_some_and(|n| n != '\n')).then_some(p)
    };
    let w = space_end(t, q);
    if w > q && t[w..].starts_with("that") {
        if let Some(p) = gap(w + "that".len()) {
            return Some(p);
        }
    }
    gap(q)
}

/// `\s+(?P<content>.+?)\.?$` after the gap: the rest of the clause after the white space (all
/// of it but the last character when nothing else follows) without a final full stop.
fn said_first_content(clause: &str, gap: usize) -> (usize, usize) {
    let mut start = space_end(clause, gap);
    if start == clause.len() {
        start = clause[..start].char_indices().next_back().map_or(start, |(i, _)| i);
    }
    let end = if clause.ends_with('.') && clause.len() - start > 1 { clause.len() - 1 } else { clause.len() };
    (start, end)
}

/// The pattern
///
/// ```text
/// ^(?P<c1>[^,]+),\s+(?P<spk>\x{E000}[PN][0-9]+\x{E001})\s+(?:said|argued|added|noted|says|argues),\s+(?P<c2>.+?)\.?$
/// ```
///
/// ("Beijing, she argued, wants …") read by hand: the speaker, and where c2 ends (c1 starts the
/// clause). `[^,]+` ends at the first comma; the white space before the placeholder and the
/// verb gives nothing back.
fn interposed(clause: &str) -> Option<((usize, usize), usize)> {
    const VERBS: &[&str] = &["said", "argued", "added", "noted", "says", "argues"];
    let comma = find_byte(clause, 0, b',').filter(|&c| c > 0)?;
    let spk = space_end(clause, comma + 1);
    let spk_end = placeholder_end(clause, spk, b"PN").filter(|_| spk > comma + 1)?;
    let verb = space_end(clause, spk_end);
    let rest = &clause[verb..];
    let word = VERBS.iter().find(|w| rest.strip_prefix(**w).is_some_and(|r| r.starts_with(','))).filter(|_| verb > spk_end)?;
    let (_, c2_end) = spaced_rest(clause, verb + word.len() + 1)?;
    Some(((spk, spk_end), c2_end))
}

/// The pattern
///
/// ```text
/// ^(?:[Aa]ccording to|[Cc]iting)\s+(?P<spk>[^,]+?),\s+(?P<content>.+?)\.?$
/// ```
///
/// read by hand: the speaker and the content. The speaker ends at the first comma; `\s+`
/// before it gives back white space (the speaker then starts with it) only when the speaker
/// would be empty.
fn according_first(clause: &str) -> Option<((usize, usize), (usize, usize))> {
    let opener = ["According to", "according to", "Citing", "citing"].iter().find(|o| begins(clause, o))?.len();
    spaced_starts(clause, opener).find_map(|start| {
        let comma = find_byte(clause, start, b',').filter(|&c| c > start)?;
        Some(((start, comma), spaced_rest(clause, comma + 1)?))
    })
}

/// The pattern
///
/// ```text
/// ^(?P<content>.+),\s+according to\s+(?P<spk>[^,]+?)(?:,\s+which\s+(?P<more>.+?))?\.?$
/// ```
///
/// read by hand: the speaker and the content. The content is greedy and holds no line break:
/// the commas before the first line break are tried from the last.
fn according_last(clause: &str) -> Option<((usize, usize), (usize, usize))> {
    let line = find_byte(clause, 0, b'\n').unwrap_or(clause.len());
    let mut commas = memchr::memrchr_iter(b',', &clause.as_bytes()[..line]).filter(|&c| c > 0);
    commas.find_map(|comma| {
        let a = space_end(clause, comma + 1);
        let after = a + clause[a..].strip_prefix("according to").map(|_| "according to".len()).filter(|_| a > comma + 1)?;
        spaced_starts(clause, after).find_map(|start| Some(((start, according_last_speaker_end(clause, start)?), (0, comma))))
    })
}

/// [`according_last`]'s lazy speaker from `start`: its end, the first at which
/// `(?:,\s+which\s+(?P<more>.+?))?\.?$` can follow: before a final full stop, at the end, or at
/// the first comma with "which" after it.
fn according_last_speaker_end(t: &str, start: usize) -> Option<usize> {
    let first = start + t[start..].chars().next()?.len_utf8();
    match find_byte(t, start, b',') {
        None if t.ends_with('.') && t.len() > first => Some(t.len() - 1),
        None => Some(t.len()),
        Some(comma) if comma >= first => {
            let which = space_end(t, comma + 1);
            let more = which + t[which..].strip_prefix("which").map(|_| "which".len()).filter(|_| which > comma + 1)?;
            spaced_rest(t, more).map(|_| comma)
        }
        Some(_) => None,
    }
}

/// The words that make a described speaker anonymous ("who asked for anonymity"), and those an
/// attribution's tail is searched for, with searchers built once (`str::find` and
/// `str::contains` build one for every call).
static ANONYMITY: LazyLock<[memchr::memmem::Finder<'static>; 5]> = LazyLock::new(|| {
    ["anonymity", "not to be named", "not want to be named", "not be named", "declined to be named"].map(memchr::memmem::Finder::new)
});
static CITING_SOURCE: LazyLock<memchr::memmem::Finder<'static>> = LazyLock::new(|| memchr::memmem::Finder::new("citing "));
static ANNOUNCING: LazyLock<memchr::memmem::Finder<'static>> = LazyLock::new(|| memchr::memmem::Finder::new(", announcing "));

struct Reader<'a> {
    text: &'a str,
    registry: &'a mut Registry,
    publisher: Option<usize>,
    anonymous: Vec<usize>,
    out: Vec<StatementFrame>,
}

impl<'a> Reader<'a> {
    /// The article's text of masked span `from..to` (borrowed: most are only tested or trimmed).
    fn original(&self, m: &Masked, from: usize, to: usize) -> &'a str {
        &self.text[m.orig(from, false)..m.orig(to, true)]
    }

    /// The speaker of the attribution `m.text[from..to]`.
    fn speaker(&mut self, m: &Masked, from: usize, to: usize) -> Option<usize> {
        let np = m.text[from..to].trim();
        // "Ortega's office", "His aides": a body or people the text does not name.
        if possessed(np) {
            return None;
        }
        let slots = m.slot_range(from, to);
        // A person named in the attribution speaks; else an unnamed one described there ("a
        // senior official at the Ministry …"); else the outlet or body.
        if let Some(i) = slots.clone().find(|&i| m.slots[i].class == 'P') {
            return Some(m.slots[i].entity());
        }
        let original = self.original(m, from, to).trim();
        let described = anonymous(original);
        for class in ['P', 'N', 'O', 'G'] {
            if described.is_some() {
                break;
            }
            if let Some(i) = slots.clone().find(|&i| m.slots[i].class == class) {
                // A group of people is not one speaker.
                if class == 'G' {
                    return None;
                }
                return Some(m.slots[i].entity());
            }
        }
        if is_definite_source(np) {
            return self.anonymous.last().copied();
        }
        if let Some(((ds, de), (rs, re))) = described {
            let desc = original[ds..de].trim();
            let rest = &original[rs..re];
            let anonymous = ANONYMITY.iter().any(|f| f.find(rest.as_bytes()).is_some());
            // "a military expert in Beijing" → "Beijing-based military expert" (written once,
            // not copied for each piece).
            let place = in_place(rest);
            let mut name = String::with_capacity("anonymous ".len() + place.map_or(0, |p| p.len() + "-based ".len()) + desc.len());
            name.push_str(if anonymous { "anonymous " } else { "unnamed " });
            if let Some(place) = place {
                name.push_str(place);
                name.push_str("-based ");
            }
            name.push_str(desc);
            let person = self.registry.plain(&name, EntityType::Person, m.orig(from, false), 0.7);
            self.registry.use_entity(person);
            self.registry.list[person].description = Some(original.trim_start_matches("a ").trim_start_matches("an ").to_owned());
            self.anonymous.push(person);
            return Some(person);
        }
        // A country speaking ("Turkey, which was not invited, criticised …").
        slots.rev().find(|&i| m.slots[i].class == 'C').map(|i| m.slots[i].entity())
    }

    /// The outlet of the attribution, if the words first appeared there.
    fn outlet_in(&self, m: &Masked, from: usize, to: usize) -> Option<usize> {
        m.slot_range(from, to).find(|&i| m.slots[i].class == 'N').map(|i| m.slots[i].entity()).filter(|&o| Some(o) != self.publisher)
    }

    #[allow(clippy::too_many_arguments)]
    fn push(&mut self, kind: StatementKind, speaker: usize, text: String, quoted_in: Option<usize>, m: &Masked, sentence: usize, rule: &'static str, confidence: f64) {
        let quoted_in = quoted_in.filter(|&o| o != speaker);
        let mut topics = Vec::new();
        if let Some(caps) = topics_of(&text) {
            topics = split_list(caps.name("list").expect("list").as_str());
        }
        let span = super::frames::trim_span(self.text, m.start, m.end);
        // A quote restating its speaker's statement just before is the same statement.
        if kind == StatementKind::Quote {
            if let Some(prev) = self.out.last() {
                // The words are compared only for a statement of the same speaker just before.
                if prev.speaker == speaker && prev.kind == StatementKind::Statement && prev.sentence + 1 >= sentence && restates(&prev.text, &text) {
                    return;
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
        if !view.cues.speech() {
            return;
        }
        // Quotes first.
        if let Some(((qs, qe), rest, c)) = quote_first(t) {
            if more_words_than(&t[qs..qe], 3) {
                // Spans of the attribution's groups in the sentence.
                let at = |(start, end): (usize, usize)| (rest + start, rest + end);
                let ((ss, se), verb) = (at(c.speaker), c.verb);
                let quote = self.original(m, qs, qe);
                let tail = c.tail.map(|tl| (at(tl), &t[rest + tl.0..rest + tl.1]));
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
                        if let Some(cite) = CITING_SOURCE.find(tail.as_bytes()) {
                            let from = ts + cite + "citing ".len();
                            let cited = self.original(m, from, te);
                            if is_anonymous(cited.trim()) {
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
                        if let Some(p) = ANNOUNCING.find(tail.as_bytes()) {
                            let from = ts + p + ", announcing ".len();
                            let text = paraphrase(&format!("announced {}", self.original(m, from, te)));
                            self.push(StatementKind::Statement, speaker, text, quoted_in, m, s, "statement.announcing", 0.75);
                        }
                    }
                }
                return;
            }
        }
        if let Some(((qs, qe), found)) = quote_last(t) {
            if more_words_than(&t[qs..qe], 3) {
                let (ss, se) = found.speaker;
                let quote = self.original(m, qs, qe).to_owned();
                let (speaker, quoted_in) = match found.source.or(found.carried) {
                    Some((rs, re)) => {
                        let outlet = self.speaker(m, ss, se);
                        (self.speaker(m, rs, re), outlet)
                    }
                    None => (self.speaker(m, ss, se), None),
                };
                if let Some(speaker) = speaker {
                    self.push(StatementKind::Quote, speaker, quote, quoted_in, m, s, "quote.attribution-then-quote", 0.9);
                }
                return;
            }
        }
        // "X opened the press conference with an announcement: …".
        // The words the announcement and who-said patterns need, looked for with searchers built
        // once (`str::contains` builds one for every sentence).
        static WITH_AN: LazyLock<memchr::memmem::Finder<'static>> = LazyLock::new(|| memchr::memmem::Finder::new("with an"));
        static WHO: LazyLock<memchr::memmem::Finder<'static>> = LazyLock::new(|| memchr::memmem::Finder::new(", who "));
        if let Some(((ss, se), (cs, ce))) = WITH_AN.find(t.as_bytes()).is_some().then(|| announcement(t)).flatten() {
            if let Some(speaker) = self.speaker(m, ss, se) {
                let text = paraphrase(self.original(m, cs, ce));
                self.push(StatementKind::Statement, speaker, text, None, m, s, "statement.announcement", 0.8);
                return;
            }
        }
        // Reported speech, clause by clause (", while X said …"), each read as it is cut off.
        let mut from = 0;
        for (i, len) in cuts(t) {
            if i >= from && !m.in_quote(0, i) {
                self.reported(m, from, i, s);
                from = i + len;
            }
        }
        self.reported(m, from, t.len(), s);
        if let Some(((ss, se), (cs, ce))) = WHO.find(t.as_bytes()).is_some().then(|| who_said(t)).flatten() {
            if let Some(speaker) = self.speaker(m, ss, se) {
                if !self.out.iter().any(|o| o.sentence == s && o.speaker == speaker) {
                    let text = paraphrase(self.original(m, cs, ce));
                    self.push(StatementKind::Statement, speaker, text, None, m, s, "statement.who-said", 0.75);
                }
            }
        }
    }

    fn reported(&mut self, m: &Masked, a: usize, b: usize, s: usize) {
        let clause = &m.text[a..b];
        let at = |(start, end): (usize, usize)| (a + start, a + end);
        // ACCORDING_LAST needs "according to"; ACCORDING_FIRST that or "citing".
        static ACCORDING_TO: LazyLock<memchr::memmem::Finder<'static>> = LazyLock::new(|| memchr::memmem::Finder::new("ccording to"));
        static CITING: LazyLock<memchr::memmem::Finder<'static>> = LazyLock::new(|| memchr::memmem::Finder::new("iting "));
        let according_to = ACCORDING_TO.find(clause.as_bytes()).is_some();
        let according = according_to || CITING.find(clause.as_bytes()).is_some();
        if let Some((spk, content)) = according.then(|| according_first(clause)).flatten() {
            let ((ss, se), (cs, ce)) = (at(spk), at(content));
            let outer = self.speaker(m, ss, se);
            // "According to the newspaper, the official said …": the inner speaker, in the outlet.
            if let Some(SaidFirst { speaker: (ps, pe), content: (is, ie), .. }) = said_first(&m.text[cs..ce]) {
                if let Some(speaker) = self.speaker(m, cs + ps, cs + pe) {
                    let outlet = outer.filter(|&o| self.registry.list[o].kind == EntityType::NewsOutlet);
                    let text = paraphrase(self.original(m, cs + is, cs + ie));
                    self.push(StatementKind::Statement, speaker, text, outlet, m, s, "statement.according-to-x-y-said", 0.8);
                    return;
                }
            }
            if let Some(speaker) = outer {
                let text = paraphrase(self.original(m, cs, ce));
                self.push(StatementKind::Statement, speaker, text, None, m, s, "statement.according-to", 0.85);
            }
            return;
        }
        if let Some((spk, content)) = according_to.then(|| according_last(clause)).flatten() {
            let ((ss, se), (cs, ce)) = (at(spk), at(content));
            if let Some(speaker) = self.speaker(m, ss, se) {
                let text = paraphrase(self.original(m, cs, ce));
                self.push(StatementKind::Statement, speaker, text, None, m, s, "statement.according-to", 0.85);
            }
            return;
        }
        if let Some((spk, c2_end)) = interposed(clause) {
            let (ss, se) = at(spk);
            let (c1s, c2e) = (a, a + c2_end);
            if let Some(speaker) = self.speaker(m, ss, se) {
                let text = paraphrase(&self.original(m, c1s, c2e).replacen(self.original(m, ss, se), "", 1));
                self.push(StatementKind::Statement, speaker, text, None, m, s, "statement.interposed", 0.8);
            }
            return;
        }
        if let Some((comma, found)) = said_last(clause) {
            let at = |(start, end): (usize, usize)| (a + comma + start, a + comma + end);
            let (ss, se) = at(found.speaker);
            let np = &m.text[ss..se];
            let short = !more_words_than(np, 12);
            let has_ref = !m.slot_range(ss, se).is_empty() || is_anonymous(self.original(m, ss, se));
            if short && has_ref && !m.in_quote(a, ss) {
                let (cs, ce) = (a, a + comma);
                let (ts, te) = at(found.tail);
                let mut speaker = self.speaker(m, ss, se);
                let mut quoted_in = None;
                if let Some(cite) = CITING_SOURCE.find(&m.text.as_bytes()[ts..te]) {
                    let from = ts + cite + "citing ".len();
                    let cited = self.original(m, from, te);
                    if is_anonymous(cited.trim()) {
                        quoted_in = speaker.filter(|&sp| self.registry.list[sp].kind == EntityType::NewsOutlet);
                        speaker = self.speaker(m, from, te);
                    }
                }
                if let Some(speaker) = speaker {
                    let text = paraphrase(self.original(m, cs, ce));
                    self.push(StatementKind::Statement, speaker, text, quoted_in, m, s, "statement.content-then-said", 0.85);
                }
                return;
            }
        }
        if let Some(found) = said_first(clause) {
            let np = &clause[found.speaker.0..found.speaker.1];
            // At most 14 words.
            let np_short = !more_words_than(np, 14);
            let (ss, se) = at(found.speaker);
            let has_ref = !m.slot_range(ss, se).is_empty() || is_anonymous(self.original(m, ss, se).trim()) || is_definite_source(np.trim());
            if np_short && has_ref && !m.in_quote(a, a + found.speaker.0) {
                let (cs, ce) = at(found.content);
                let mut speaker = self.speaker(m, ss, se);
                let mut quoted_in = None;
                if let Some(src) = found.source {
                    let (rs, re) = at(src);
                    let cited = self.original(m, rs, re);
                    if is_anonymous(cited.trim()) {
                        quoted_in = speaker.filter(|&sp| self.registry.list[sp].kind == EntityType::NewsOutlet);
                        speaker = self.speaker(m, rs, re);
                    }
                }
                let (js, je) = at(found.adjunct);
                quoted_in = quoted_in.or_else(|| self.outlet_in(m, js, je));
                if let Some(speaker) = speaker {
                    let text = paraphrase(self.original(m, cs, ce));
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

    /// [`super::more_words_than`] counts the words `split_whitespace` splits, in ASCII and
    /// Unicode white space, around placeholders and other characters outside ASCII.
    #[test]
    fn more_words_than_as_split_whitespace() {
        let pieces = ["said", "a", " ", "  ", "\t", "\n", "\u{b}", "\u{c}", "\r", "\u{a0}", "\u{85}", "\u{2003}", "\u{3000}", "\u{E000}P0\u{E001}", "é", ",", "\"", "x"];
        let mut texts = crate::extract::testing::example_sentences();
        texts.extend(crate::extract::testing::random_sentences(&pieces, 30_000, 24, 3));
        let mut more = 0;
        for t in &texts {
            for n in [0, 1, 3, 12, 14] {
                let expected = t.split_whitespace().nth(n).is_some();
                more += usize::from(expected);
                assert_eq!(super::more_words_than(t, n), expected, "{t:?} {n}");
            }
        }
        assert!(more > 10_000, "{more}");
    }


    fn statements(text: &str) -> Vec<(StatementKind, String, Option<String>)> {
        let article = crate::article::read_text_article(&format!("date: 2024-06-20\npublisher: TASS\n\n{text}"), "t", "t.txt").expect("reads");
        let f = Extractor::new().extract(&article).facts;
        let name = |id: &str| f.entities.iter().find(|e| e.id == id).map(|e| e.name.to_string()).unwrap_or_default();
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

    /// What the cheap checks stand in front of, and the patterns read by hand, as they were.
    mod reference {
        use super::super::{SAY, STOP_WORDS};
        use regex::Regex;
        use std::borrow::Cow;
        use std::sync::LazyLock;

        /// The patterns [`super::super::is_definite_source`], [`super::super::in_place`] and
        /// [`super::super::possessed`] read.
        pub static DEFINITE_SOURCE: LazyLock<Regex> = LazyLock::new(|| {
            crate::extract::regex(r"^(?i:the)\s+(?:[A-Za-z-]+\s+){0,2}?(?:official|expert|analyst|source|diplomat|spokesperson|spokesman|spokeswoman|adviser|negotiator)s?$").expect("definite source regex")
        });
        pub static IN_PLACE: LazyLock<Regex> = LazyLock::new(|| crate::extract::regex(r"^\s+in\s+(?P<place>[A-Z][\p{L}-]+(?:\s+[A-Z][\p{L}-]+)?)\b").expect("in-place regex"));
        pub static POSSESSED: LazyLock<Regex> = LazyLock::new(|| {
            crate::extract::regex(r"(?i)(?:'s|\b(?:his|her|their|its))\s+(?:[\w-]+\s+)?(?:office|aides?|staff|team|lawyers?|allies|camp|entourage|advisers?|ministry|spokes(?:man|woman|person))\b").expect("possessed regex")
        });

        static SAID_FIRST: LazyLock<Regex> = LazyLock::new(|| {
            crate::extract::regex(&format!(
                r#"^(?P<pre>(?:(?:On|In|Earlier|Later|Meanwhile|Separately|Also|Asked [^,]+)[^,]*,?\s+)?)(?P<spk>[^,"]+?(?:,[^,"]+,)?),?\s+(?:also\s+)?(?P<verb>told\s+(?:reporters|journalists|\u{{E000}}[A-Z][0-9]+\u{{E001}})|{SAY}|denied|denies|declined to confirm|confirmed|expects|believes|thinks)\b(?P<adjunct>(?:\s+(?:in a statement|on \w+|on arrival))*)(?:,\s*citing\s+(?P<src>[^,]+?),)?(?:\s+that)?(?P<gap>\s)."#
            ))
            .expect("said regex")
        });

        static INTERPOSED: LazyLock<Regex> = LazyLock::new(|| {
            crate::extract::regex(r"^(?P<c1>[^,]+),\s+(?P<spk>\x{E000}[PN][0-9]+\x{E001})\s+(?:said|argued|added|noted|says|argues),\s+(?P<c2>.+?)\.?$").expect("interposed regex")
        });

        static ACCORDING_FIRST: LazyLock<Regex> =
            LazyLock::new(|| crate::extract::regex(r"^(?:[Aa]ccording to|[Cc]iting)\s+(?P<spk>[^,]+?),\s+(?P<content>.+?)\.?$").expect("according regex"));

        static ACCORDING_LAST: LazyLock<Regex> = LazyLock::new(|| {
            crate::extract::regex(r"^(?P<content>.+),\s+according to\s+(?P<spk>[^,]+?)(?:,\s+which\s+(?P<more>.+?))?\.?$").expect("according regex")
        });

        type Span = (usize, usize);

        static QUOTE_FIRST: LazyLock<Regex> = LazyLock::new(|| {
            crate::extract::regex(&format!(r#"^\s*,?\s*(?:(?P<spk>[^"]+?)\s+(?P<verb>{SAY})\b(?P<tail>[^"]*)|(?P<verb2>said|says|added)\s+(?P<spk2>[^"]+?))\.?$"#)).expect("quote regex")
        });

        /// QUOTE_FIRST's speaker, verb and tail, as the reader took them.
        pub fn quote_first(h: &str) -> Option<(Span, String, Option<Span>)> {
            let c = QUOTE_FIRST.captures(h)?;
            match (span(&c, "spk"), span(&c, "spk2")) {
                (Some(spk), _) => Some((spk, c.name("verb").map_or("", |v| v.as_str()).to_owned(), span(&c, "tail"))),
                (None, Some(spk)) => Some((spk, "said".to_owned(), span(&c, "tail"))),
                _ => None,
            }
        }

        fn span(c: &regex::Captures<'_>, name: &str) -> Option<Span> {
            c.name(name).map(|g| (g.start(), g.end()))
        }

        /// SAID_FIRST's speaker, adjunct and source, and the content after it.
        pub fn said_first(clause: &str) -> Option<(Span, Span, Option<Span>, Span)> {
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
            Some((span(&c, "spk")?, span(&c, "adjunct")?, span(&c, "src"), (start, end)))
        }

        pub fn interposed(clause: &str) -> Option<(Span, usize)> {
            let c = INTERPOSED.captures(clause)?;
            assert_eq!(span(&c, "c1")?.0, 0);
            Some((span(&c, "spk")?, span(&c, "c2")?.1))
        }

        pub fn according_first(clause: &str) -> Option<(Span, Span)> {
            let c = ACCORDING_FIRST.captures(clause)?;
            Some((span(&c, "spk")?, span(&c, "content")?))
        }

        pub fn according_last(clause: &str) -> Option<(Span, Span)> {
            let c = ACCORDING_LAST.captures(clause)?;
            Some((span(&c, "spk")?, span(&c, "content")?))
        }

        static SAID_LAST: LazyLock<Regex> = LazyLock::new(|| {
            crate::extract::regex(&format!(r#"^,\s+(?P<spk>[^,"]+?)\s+(?P<verb>{SAY})\b(?P<tail>(?:\s+(?:on|in|at|to)\s+[^,"]*)?(?:,\s*[^"]*)?)\.?$"#)).expect("said regex")
        });

        static QUOTE_LAST: LazyLock<Regex> = LazyLock::new(|| {
            crate::extract::regex(&format!(r#"^(?P<spk>[^"]+?)\s+(?:(?P<verb>{SAY})(?:\s+(?P<src>[^":]+?)\s+as\s+saying)?|carried the words of\s+(?P<src2>[^":]+?))\s*:\s*"$"#)).expect("quote regex")
        });

        static ANNOUNCEMENT: LazyLock<Regex> = LazyLock::new(|| {
            crate::extract::regex(r"^(?P<spk>\x{E000}[PON][0-9]+\x{E001})[^:]*?\bwith an? (?:[a-z]+ )?(?:announcement|statement):\s+(?P<content>.+?)\.?$").expect("announcement regex")
        });

        static WHO_SAID: LazyLock<Regex> = LazyLock::new(|| {
            crate::extract::regex(r"(?P<spk>\x{E000}P[0-9]+\x{E001}),\s+who\s+(?:underlined|stressed|said|noted|emphasised|emphasized)(?:\s+that)?\s+(?P<content>[^.]+)").expect("who-said regex")
        });

        /// The groups of a pattern's captures (the whole match first).
        fn groups(c: regex::Captures<'_>) -> Vec<Option<Span>> {
            c.iter().map(|g| g.map(|g| (g.start(), g.end()))).collect()
        }

        pub fn quote_last_attribution(h: &str) -> Option<Vec<Option<Span>>> {
            QUOTE_LAST.captures(h).map(groups)
        }

        pub fn announcement(t: &str) -> Option<Vec<Option<Span>>> {
            ANNOUNCEMENT.captures(t).map(groups)
        }

        static ANONYMOUS: LazyLock<Regex> = LazyLock::new(|| {
            crate::extract::regex(r"^(?i:a|an|one|two|three|four|several|some)\s+(?P<desc>.*?\b(?:official|officials|expert|experts|analyst|analysts|source|sources|diplomat|diplomats|spokesperson|spokesman|spokeswoman|adviser|advisers|aide|aides|negotiator|negotiators|researcher|economist|person|people|insider|insiders|officer|officers))\b(?P<rest>.*)$").expect("anonymous regex")
        });

        pub fn anonymous(s: &str) -> Option<Vec<Option<Span>>> {
            ANONYMOUS.captures(s).map(groups)
        }

        pub fn who_said(t: &str) -> Option<Vec<Option<Span>>> {
            WHO_SAID.captures(t).map(groups)
        }

        /// SAID_LAST's groups (the whole match, speaker, verb, tail) from its comma.
        pub fn said_last_attribution(h: &str) -> Option<Vec<Option<std::ops::Range<usize>>>> {
            SAID_LAST.captures(h).map(|c| c.iter().map(|g| g.map(|g| g.range())).collect())
        }

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

    /// The groups of [`super::SaidLast`] as the captures give them.
    fn said_last_groups(h: &str, f: super::SaidLast) -> Vec<Option<std::ops::Range<usize>>> {
        [(0, h.len()), f.speaker, f.verb, f.tail].map(|(a, b)| Some(a..b)).into()
    }

    #[test]
    fn the_cheap_checks_change_no_result() {
        use super::{content_words, said_last};
        for s in &generated() {
            let groups = |c: &regex::Captures<'_>| c.iter().map(|g| g.map(|g| g.range())).collect::<Vec<_>>();
            assert_eq!(said_last(s).map(|(i, f)| (i, said_last_groups(&s[i..], f))), reference::said_last(s).map(|(i, c)| (i, groups(&c))), "{s:?}");
            assert_eq!(super::cuts(s).collect::<Vec<_>>(), reference::cuts(s), "{s:?}");
            assert_eq!(content_words(s).into_iter().map(|(_, w)| w).collect::<Vec<_>>(), reference::content_words(s), "{s:?}");
            let half = &s[..crate::extract::mentions::floor(s, s.len() / 2)];
            let (a, b) = (reference::content_words(half), reference::content_words(s));
            let common = a.iter().filter(|w| b.contains(w)).count();
            assert_eq!(super::restates(half, s), common * 2 >= a.len().min(b.len()) && common >= 4, "{s:?}");
        }
        for w in super::STOP_WORDS {
            assert!(super::is_stop_word(w) && w.len() <= 7, "{w}");
        }
        let mut possessed: Vec<String> = generated();
        possessed.extend(crate::extract::testing::example_sentences());
        possessed.extend(crate::extract::testing::random_sentences(
            &[
                "his", "HER", "Its", "their", "'s", "'S", "'ſ", "hiſ", "itſ", "this", "hers", "office", "officer", "aides", "aide", "Aideſ", "staff", "lawyer",
                "lawyers", "advisers", "spokesman", "spo\u{212A}eswoman", "spoKesman", "spokes", "person", "camp", "entourage", "ministry", "the", "x", "-", "_", "é", "1",
                "\u{E000}P1\u{E001}", "\u{a0}", "\t", "\n", "'",
            ],
            100_000,
            6,
            3,
        ));
        let mut matches = 0;
        for s in &possessed {
            let expected = reference::POSSESSED.is_match(s);
            matches += usize::from(expected);
            assert_eq!(super::possessed(s), expected, "{s:?}");
        }
        assert!(matches > 5_000, "{matches}");
        let mut described = generated();
        described.extend(crate::extract::testing::random_sentences(
            &["a", "A", "an", "one", "Two", "THREE", "four", "several", "some", "ſome", "ſeveral", "official", "experts", "source", "spokesman", "the", "The", "THE", "tHe", "x", "-", "\u{E000}P1\u{E001}", "\u{a0}", "\t", "in", "Beijing", "senior", "aN", "officials", "officialdom", "\n", "_official", "people", "é",
                "who asked for anonymity"],
            50_000,
            6,
            3,
        ));
        let (mut anonymous, mut definite) = (0, 0);
        for s in &described {
            let expected = reference::anonymous(s);
            anonymous += usize::from(expected.is_some());
            assert_eq!(super::anonymous(s).map(|(desc, rest)| vec![Some((0, s.len())), Some(desc), Some(rest)]), expected, "{s:?}");
            assert_eq!(super::is_anonymous(s), expected.is_some(), "{s:?}");
            let expected = reference::DEFINITE_SOURCE.is_match(s);
            definite += usize::from(expected);
            assert_eq!(super::is_definite_source(s), expected, "{s:?}");
        }
        let sources = crate::extract::testing::random_sentences(
            &["the", "The", "tHE", "then", "official", "officials", "officialss", "diplomat", "negotiators", "spokesperson", "x-y", "senior", "Two", "-", "1", "é", "\u{a0}", "\t", "\n"],
            100_000,
            5,
            3,
        );
        // Half of them open with "the" and end without the space after their last piece.
        let sources = sources.iter().enumerate().map(|(i, s)| if i % 2 == 0 { format!("the {}", s.trim_end_matches(' ')) } else { s.clone() });
        for s in &sources.collect::<Vec<_>>() {
            let expected = reference::DEFINITE_SOURCE.is_match(s);
            definite += usize::from(expected);
            assert_eq!(super::is_definite_source(s), expected, "{s:?}");
        }
        assert!(anonymous > 1_000 && definite > 2_000, "{anonymous} {definite}");
        let places = crate::extract::testing::random_sentences(
            &["in", " in ", "In", "inside", "Beijing", "Beijing-based", "New", "York", "-", "x", "É", "é", "Ürümqi", "ǅ", "Ⅻ", "\u{345}", "_", "1", "\u{a0}", "\t", "\n", ",", "A"],
            100_000,
            6,
            3,
        );
        let mut placed = 0;
        for (i, s) in places.iter().enumerate() {
            // Most open with white space, half with " in", as the text after a description does.
            let s = match i % 4 {
                0 => s.clone(),
                1 => format!(" {s}"),
                _ => format!(" in {s}"),
            };
            let expected = reference::IN_PLACE.captures(&s).map(|c| c["place"].to_owned());
            placed += usize::from(expected.is_some());
            assert_eq!(super::in_place(&s).map(str::to_owned), expected, "{s:?}");
        }
        assert!(placed > 10_000, "{placed}");
        let mut topical = generated();
        topical.extend(crate::extract::testing::random_sentences(&["such", "spheres", "areas", "Areas", "fields", "sectors", "as", "of", "trade", ".", ";", "x", "\u{a0}", "é"], 50_000, 8, 3));
        let mut named = 0;
        for s in &topical {
            let groups = |c: regex::Captures<'_>| c.iter().map(|g| g.map(|g| g.range())).collect::<Vec<_>>();
            let expected = super::TOPICS.captures(s).map(groups);
            named += usize::from(expected.is_some());
            assert_eq!(super::topics_of(s).map(groups), expected, "{s:?}");
        }
        assert!(named > 1_000, "{named}");
    }

    /// Pieces for the corners of the patterns read by hand.
    const HAND_PIECES: &[&str] = &[
        "On", "In", "Earlier", "Meanwhile", "Asked", "Asked about", "Also", "also", "Online", "told", "reporters", "journalists", "said", "says",
        "say", "sayings", "Said", "argued", "added", "noted", "denied", "declined to confirm", "confirmed", "thinks", "that", "in a statement",
        "on", "on arrival", "arrival", "Monday", "Ürümqi", "citing", "which", "According to", "according to", "Citing", "the", "minister",
        "officials", "\u{E000}P1\u{E001}", "\u{E000}N2\u{E001}", "\u{E000}O3\u{E001}", "\u{E000}p4\u{E001}", "\u{E000}P\u{E001}", "\u{E000}",
        "\u{E001}", "P5", "at", "to", "on Monday.", ", \u{E000}P1\u{E001} said,", "\u{E000}N2\u{E001} argues,", ", according to", "said,", ",", ", ", ".", "\"", "\n", " ", "  ", "\u{a0}", "\u{2003}", "\t", "x", "_", "é", "9",
    ];

    /// Pieces for the corners of the attributions read by hand.
    const ATTRIBUTION_PIECES: &[&str] = &[
        "\u{E000}P1\u{E001}", "\u{E000}N2\u{E001}", "\u{E000}O3\u{E001}", "\u{E000}C4\u{E001}", "the newspaper", "quoted", "the official", "as", "saying",
        "as saying:", "said", "says", "say", "told", "cited", "carried the words of", "carried", "a military expert", ":", ": \"", ":\"", "\"",
        "with an", "with a", "with", "an", "a", "announcement", "announcement:", "statement:", "official", "Official", ", who", ",", "who", "underlined",
        "stressed", "noted", "emphasised", "that", "thatcher", ".", "x", "é", "\n", " ", "  ", "\u{a0}", "\t", "with an announcement:",
        "with a statement:", "with an official statement:", ", who said", ", who underlined that", "\u{E000}P1\u{E001}, who noted",
    ];

    #[test]
    fn the_hand_read_patterns_match_theirs() {
        let mut sentences = crate::extract::testing::example_sentences();
        sentences.extend(crate::extract::testing::random_sentences(HAND_PIECES, 200_000, 14, 3));
        sentences.extend(generated());
        let mut said_lasts = 0;
        for s in &sentences {
            let said_first = super::said_first(s).map(|f| (f.speaker, f.adjunct, f.source, f.content));
            assert_eq!(said_first, reference::said_first(s), "{s:?}");
            assert_eq!(super::interposed(s), reference::interposed(s), "{s:?}");
            assert_eq!(super::according_first(s), reference::according_first(s), "{s:?}");
            assert_eq!(super::according_last(s), reference::according_last(s), "{s:?}");
            let quote_first = super::quote_first_attribution(s).map(|q| (q.speaker, q.verb.to_owned(), q.tail));
            assert_eq!(quote_first, reference::quote_first(s), "{s:?}");
            // From its comma, as said_last reads it, and from any other start.
            for h in [s.find(',').map_or(s.as_str(), |c| &s[c..]), s.as_str()] {
                let expected = reference::said_last_attribution(h);
                said_lasts += usize::from(expected.is_some());
                assert_eq!(super::said_last_attribution(h).map(|f| said_last_groups(h, f)), expected, "{h:?}");
            }
        }
        assert!(said_lasts > 10_000, "{said_lasts}");
        // The attribution before a final quotation, announcements, "X, who said".
        let mut attributions = crate::extract::testing::example_sentences();
        let pieces = crate::extract::testing::random_sentences(ATTRIBUTION_PIECES, 200_000, 12, 3);
        attributions.extend(pieces.iter().enumerate().map(|(i, s)| match i % 4 {
            0 => format!("{s}\""),
            1 => format!("{s}: \""),
            2 => format!("\u{E000}P1\u{E001} {s}"),
            _ => s.clone(),
        }));
        let (mut quoted, mut announced, mut who) = (0, 0, 0);
        for s in &attributions {
            let expected = reference::quote_last_attribution(s);
            quoted += usize::from(expected.is_some());
            let got = super::quote_last_attribution(s).map(|f| [Some((0, s.len())), Some(f.speaker), f.verb, f.source, f.carried].to_vec());
            assert_eq!(got, expected, "{s:?}");
            let expected = reference::announcement(s);
            announced += usize::from(expected.is_some());
            assert_eq!(super::announcement(s).map(|(spk, content)| vec![Some((0, s.len())), Some(spk), Some(content)]), expected, "{s:?}");
            let expected = reference::who_said(s);
            who += usize::from(expected.is_some());
            let got = super::who_said(s).map(|(spk, content)| vec![Some((spk.0, content.1)), Some(spk), Some(content)]);
            assert_eq!(got, expected, "{s:?}");
        }
        assert!(quoted > 1_000 && announced > 1_000 && who > 1_000, "{quoted} {announced} {who}");
        assert_eq!(super::SAY_VERBS.join("|"), super::SAY);
    }

    #[test]
    fn a_restated_quote_is_not_repeated() {
        let got = statements(
            "Putin's visit will bring relations between Russia and North Korea to a new level, the Global Times said. \"Putin's visit will bring the Russia-North Korea relations to a new level,\" it said, citing Chinese analysts.",
        );
        assert_eq!(got, [(StatementKind::Statement, "Global Times".into(), None)]);
    }
}
