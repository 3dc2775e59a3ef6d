//! Modality: whether a clause asserts, plans, denies or supposes the event it states.
//!
//! The cues are read in the clause's verb group (from its subject to the trigger) and, for
//! denials and conditions, in what precedes the subject in the sentence. A wrong fact is worse
//! than a missing one, so a negation wins over a condition, which wins over a plan.

use super::{ascii_boundary, space_end};
use crate::facts::Modality;
use std::sync::LazyLock;

// The cue patterns, read by hand: the regex engine's search of a short text cost about a
// microsecond, mostly cache misses on its tables, and ran for every event read. Each reader
// keeps its pattern in its doc comment, and a test checks it against the pattern. The
// patterns were compiled with ASCII word boundaries (`\b` is `(?-u:\b)`, see
// [`super::regex`]); `\s` and `\w` are Unicode; `(?i)` folds the long s (ſ) to `s` and the
// Kelvin sign (K) to `k`, the only characters outside ASCII that it matches to an ASCII letter.

/// Where `word` (lowercase ASCII) read as `(?i)` reads it at byte `i` ends.
pub(super) fn lit(b: &[u8], i: usize, word: &str) -> Option<usize> {
    let mut j = i;
    for &w in word.as_bytes() {
        let c = *b.get(j)?;
        j += if c.to_ascii_lowercase() == w {
            1
        } else if w == b's' && b[j..].starts_with("\u{17F}".as_bytes()) {
            2
        } else if w == b'k' && b[j..].starts_with("\u{212A}".as_bytes()) {
            3
        } else {
            return None;
        };
    }
    Some(j)
}

/// `word\b` at `i`: whether one of `words` reads there and ends on a boundary.
pub(super) fn word_at(b: &[u8], i: usize, words: &[&str]) -> bool {
    words.iter().any(|w| lit(b, i, w).is_some_and(|e| ascii_boundary(b, e)))
}

/// `\s+word` from `i`: where the word ends (white space is greedy and a word starts with a
/// letter, so all the white space is taken).
fn spaced(t: &str, i: usize, word: &str) -> Option<usize> {
    let q = space_end(t, i);
    (q > i).then(|| lit(t.as_bytes(), q, word)).flatten()
}

/// Whether `c` is a word character (`\w`, Unicode). Characters outside ASCII ask the pattern
/// itself (compiled only when one is met).
pub(super) fn is_word_char(c: char) -> bool {
    static WORD: LazyLock<regex::Regex> = LazyLock::new(|| regex::Regex::new(r"^\w$").expect("word regex"));
    if c.is_ascii() {
        super::is_ascii_word_byte(c as u8)
    } else {
        WORD.is_match(c.encode_utf8(&mut [0; 4]))
    }
}

// The patterns, as flags in what [`cues`] finds.

/// The pattern (NEGATED)
///
/// ```text
/// (?i)\b(?:not|never|no\s+longer|failed\s+to|refused\s+to|declined\s+to|cancel(?:l)?ed|called\s+off|postponed|without)\b
/// |n't\b|(?:^|[^\w])[Nn]o\s+(?:[\w-]+\s+){0,3}$|^\s*[Nn]o\s
/// |\b[Nn]o\s+(?:[\w-]+\s+){0,3}(?:meetings?|talks|agreements?|deals?|contracts?|accords?|treat(?:y|ies)|memorand\w*|signing|visits?|trips?)\b
/// ```
///
/// read by hand: [`negated_anywhere`] reads the second to fourth alternatives, [`negated_at`]
/// the others.
const NEGATED: u8 = 1;
/// [`hypothetical_at`].
const HYPOTHETICAL: u8 = 4;
/// [`condition_at`].
const CONDITION: u8 = 8;
/// The pattern (PLANNED)
///
/// ```text
/// (?i)\b(?:will|shall|would|'ll|(?:is|are|was|were)\s+(?:expected|due|scheduled|set|planned|preparing|going|about|supposed)\s+to
/// |(?:is|are)\s+(?:planned|scheduled|set|due)\b|(?:is|are)\s+to|has\s+to|have\s+to|must|plans?\s+to|planning\s+to|intends?\s+to
/// |hopes?\s+to|agreed\s+to|to\s+be|invited\s+\S+\s+to|prepares?\s+to|preparing\s+to|next)\b
/// ```
///
/// read by hand: [`planned_after_word`] reads "'ll" and "shall" with the long s, which follow a
/// word byte, [`planned_at`] the rest.
const PLANNED: u8 = 16;

/// The patterns of `wanted` (flags) that match `t`, read in one pass: every word of every
/// pattern but "n't", "'ll" and the long s starts with an ASCII letter, so `\b` before it is a
/// word start (a letter after a byte that is not a word byte), and only word starts are looked
/// at. Without `rare` (`t` holds none of [`RARE_CUES`]), "n't", "'ll" and "ſhall" are not
/// looked for.
fn cues(t: &str, wanted: u8, rare: bool) -> u8 {
    let b = t.as_bytes();
    let mut found = 0;
    if wanted & NEGATED != 0 && negated_anywhere(t, rare) {
        found |= NEGATED;
    }
    if wanted & PLANNED != 0 && rare && planned_after_word(t) {
        found |= PLANNED;
    }
    // (A word start is a word byte after one that is not: a letter there is one after a byte
    // that is not a word byte. They are found eight bytes at a time.)
    // (Only where the first two letters are those of a wanted pattern's word. The patterns the
    // test finds at a word start are kept for its reading, which does not look them up again.)
    let here = std::cell::Cell::new(0);
    let may_begin = |p: usize| {
        here.set(if b[p].is_ascii_alphabetic() { patterns_at(b, p) } else { 0 });
        here.get() & wanted != 0
    };
    for p in super::WordStarts::new(b, 0, may_begin) {
        let open = wanted & !found;
        if open == 0 {
            break;
        }
        found |= at_word_start(t, p, here.get() & open);
    }
    found
}

/// Whether the pattern of [`denial_at`] matches `t`: its words start with "d" or "r", found by memchr rather than by reading
/// every byte (the prefix it reads may be most of the sentence).
fn denial(t: &str) -> bool {
    let b = t.as_bytes();
    // Each word starts "de", "di" or "re" (no long s or Kelvin sign in those letters).
    let first_two = |p: usize| b.get(p + 1).is_some_and(|c| matches!([b[p].to_ascii_lowercase(), c.to_ascii_lowercase()], [b'd', b'e' | b'i'] | [b'r', b'e']));
    memchr::memchr2_iter(b'd', b'D', b).chain(memchr::memchr2_iter(b'r', b'R', b)).any(|p| first_two(p) && ascii_boundary(b, p) && denial_at(t, p))
}

/// The patterns of `may` with a match from the word start `p`, `may` being wanted patterns
/// whose words may begin there ([`patterns_at`]: the first two letters tell which can match
/// there, and few words start as one of theirs; a long s as the second letter ("iſ") is taken
/// for an "s", the only letter of theirs it may stand for there).
fn at_word_start(t: &str, p: usize, may: u8) -> u8 {
    let mut found = 0;
    if may & NEGATED != 0 && negated_at(t, p) {
        found |= NEGATED;
    }
    if may & PLANNED != 0 && planned_at(t, p) {
        found |= PLANNED;
    }
    if may & HYPOTHETICAL != 0 && hypothetical_at(t, p) {
        found |= HYPOTHETICAL;
    }
    if may & CONDITION != 0 && condition_at(t, p) {
        found |= CONDITION;
    }
    found
}

/// For each pattern read at a word start, the first two letters (lower case) of its words there.
const KEYS: [(u8, &[&str]); 4] = [
    (NEGATED, &["no", "ne", "fa", "re", "de", "ca", "po", "wi"]),
    (PLANNED, &["wi", "sh", "wo", "mu", "ne", "ha", "ho", "pl", "pr", "ag", "ar", "to", "in", "is", "wa", "we"]),
    (HYPOTHETICAL, &["co", "mi", "ma", "wh"]),
    (CONDITION, &["if", "un", "wh"]),
];

/// The patterns of [`KEYS`] by their two letters (the first's index times 26 and the second's).
static BY_KEY: [u8; 26 * 26] = {
    let mut table = [0; 26 * 26];
    let mut k = 0;
    while k < KEYS.len() {
        let (pattern, keys) = KEYS[k];
        let mut i = 0;
        while i < keys.len() {
            let key = keys[i].as_bytes();
            table[(key[0] - b'a') as usize * 26 + (key[1] - b'a') as usize] |= pattern;
            i += 1;
        }
        k += 1;
    }
    table
};

/// The patterns whose words may begin at the word start `p` ([`KEYS`]), told by its first two
/// letters in any case; a long s as the second letter ("iſ") is taken for an "s".
#[inline]
fn patterns_at(b: &[u8], p: usize) -> u8 {
    let first = b[p].to_ascii_lowercase();
    let second = match b.get(p + 1) {
        Some(0xC5) => b's',
        Some(c) => c.to_ascii_lowercase(),
        None => 0,
    };
    if first.is_ascii_lowercase() && second.is_ascii_lowercase() {
        BY_KEY[usize::from(first - b'a') * 26 + usize::from(second - b'a')]
    } else {
        0
    }
}

/// `n't\b|(?:^|[^\w])[Nn]o\s+(?:[\w-]+\s+){0,3}$|^\s*[Nn]o\s`: whether one matches ("n't"
/// is looked for only when `rare`: see [`cues`]).
fn negated_anywhere(t: &str, rare: bool) -> bool {
    let b = t.as_bytes();
    // `^\s*[Nn]o\s`.
    if lit(b, space_end(t, 0), "no").is_some_and(|e| t[e..].starts_with(char::is_whitespace)) {
        return true;
    }
    // `n't\b`: the apostrophe's neighbours.
    if rare && memchr::memchr_iter(b'\'', b).any(|q| q > 0 && b[q - 1].eq_ignore_ascii_case(&b'n') && lit(b, q + 1, "t").is_some_and(|e| ascii_boundary(b, e))) {
        return true;
    }
    // `(?:^|[^\w])[Nn]o` + `\s+(?:[\w-]+\s+){0,3}$`: any "no" after the start or a character
    // that is not a word character. The words between are each a whole run of word characters
    // and hyphens (white space must follow).
    let at_end = |q: usize| after_words(t, q, |w| w == t.len());
    // The match ends with white space: without it at the end, no "no" is looked for.
    t.ends_with(char::is_whitespace)
        && memchr::memchr2_iter(b'n', b'N', b).any(|p| lit(b, p, "no").is_some_and(|e| t[..p].chars().next_back().is_none_or(|c| !is_word_char(c)) && at_end(e)))
}

/// Where the run of word characters and hyphens (`[\w-]+`) from `i` ends.
pub(super) fn hyphenated_word_end(t: &str, i: usize) -> usize {
    i + t[i..].find(|c: char| !(c == '-' || is_word_char(c))).unwrap_or(t.len() - i)
}

/// The first and last alternatives of [`NEGATED`] from the word start `p`: those whose first
/// word begins with its letter (no first letter of theirs is an "s" or a "k", which a character
/// outside ASCII may stand for), as [`planned_at`] reads its own.
fn negated_at(t: &str, p: usize) -> bool {
    let b = t.as_bytes();
    let then = |w1: &str, w2: &str| lit(b, p, w1).and_then(|e| spaced(t, e, w2)).is_some_and(|e| ascii_boundary(b, e));
    match b[p].to_ascii_lowercase() {
        b'n' => word_at(b, p, &["not", "never"]) || then("no", "longer") || lit(b, p, "no").is_some_and(|e| no_then_noun(t, e)),
        b'c' => word_at(b, p, &["cancelled", "canceled"]) || then("called", "off"),
        b'p' => word_at(b, p, &["postponed"]),
        b'w' => word_at(b, p, &["without"]),
        b'f' => then("failed", "to"),
        b'r' => then("refused", "to"),
        b'd' => then("declined", "to"),
        _ => false,
    }
}

/// `\s+(?:[\w-]+\s+){0,3}(?:NOUNS)\b` from `i` (after "no"): the words between are each a whole
/// run of word characters and hyphens (white space must follow), so the noun is tried after
/// none, one, two and three of them.
fn no_then_noun(t: &str, i: usize) -> bool {
    const NOUNS: &[&str] = &[
        "meeting", "meetings", "talks", "agreement", "agreements", "deal", "deals", "contract", "contracts", "accord", "accords", "treaty",
        "treaties", "signing", "visit", "visits", "trip", "trips",
    ];
    let b = t.as_bytes();
    after_words(t, i, |w| {
        // `memorand\w*\b`: the word characters may give back some for the boundary.
        word_at(b, w, NOUNS)
            || lit(b, w, "memorand").is_some_and(|e| {
                let run = e + t[e..].find(|c: char| !is_word_char(c)).unwrap_or(t.len() - e);
                (e..=run).any(|j| t.is_char_boundary(j) && ascii_boundary(b, j))
            })
    })
}

/// `\s+(?:[\w-]+\s+){0,3}` from `i`, then what `found` accepts: tried after none, one, two and
/// three words, each a whole run of word characters and hyphens that white space must follow.
fn after_words(t: &str, i: usize, found: impl Fn(usize) -> bool) -> bool {
    let mut q = i;
    for k in 0..=3 {
        let w = space_end(t, q);
        if w == q {
            return false;
        }
        if found(w) {
            return true;
        }
        if k == 3 {
            return false;
        }
        q = hyphenated_word_end(t, w);
        if q == w {
            return false;
        }
    }
    false
}

/// The pattern (DENIAL) `(?i)\b(?:denied|denies|deny|dismissed|rejected)\b[^.;]*\b(?:that|reports?|claims?)\b`
/// read by hand, from the word start `p`.
fn denial_at(t: &str, p: usize) -> bool {
    let b = t.as_bytes();
    let Some(e) = ["denied", "denies", "deny", "dismissed", "rejected"].iter().find_map(|w| lit(b, p, w).filter(|&e| ascii_boundary(b, e))) else {
        return false;
    };
    let stop = memchr::memchr2(b'.', b';', &b[e..]).map_or(b.len(), |k| e + k);
    (e..stop).any(|q| ascii_boundary(b, q) && word_at(b, q, &["that", "report", "reports", "claim", "claims"]))
}

/// The pattern (HYPOTHETICAL) `(?i)\b(?:could|might|may|whether)\b` read by hand, from the word
/// start `p`.
fn hypothetical_at(t: &str, p: usize) -> bool {
    word_at(t.as_bytes(), p, &["could", "might", "may", "whether"])
}

/// The pattern (CONDITION) `(?i)(?:^|[,;]\s*|\b)(?:if|unless|whether)\s` read by hand, from the
/// word start `p`. The start, the comma or semicolon and the white space before a word are each
/// a boundary before its letter, so the first part is `\b`.
fn condition_at(t: &str, p: usize) -> bool {
    ["if", "unless", "whether"].iter().any(|w| lit(t.as_bytes(), p, w).is_some_and(|e| t[e..].starts_with(char::is_whitespace)))
}

/// "'ll" or "ſhall" after a word byte, then `\b`.
fn planned_after_word(t: &str) -> bool {
    let b = t.as_bytes();
    memchr::memchr2_iter(b'\'', 0xC5, b).any(|p| p > 0 && super::is_ascii_word_byte(b[p - 1]) && word_at(b, p, &["'ll", "shall"]))
}

/// [`PLANNED`] from the word start `p`: the alternatives that start with its letter.
fn planned_at(t: &str, p: usize) -> bool {
    const DUE: &[&str] = &["expected", "due", "scheduled", "set", "planned", "preparing", "going", "about", "supposed"];
    let b = t.as_bytes();
    let ends = |e: Option<usize>| e.is_some_and(|e| ascii_boundary(b, e));
    let then_to = |words: &[&str]| words.iter().any(|w| ends(lit(b, p, w).and_then(|e| spaced(t, e, "to"))));
    // `(?:is|are|was|were)\s+(?:DUE)\s+to`, and for "is" and "are" `\s+(?:planned|scheduled|set|due)\b` and `\s+to`.
    let aux = |w: &str| {
        lit(b, p, w).is_some_and(|e| {
            DUE.iter().any(|d| ends(spaced(t, e, d).and_then(|f| spaced(t, f, "to"))))
                || matches!(w, "is" | "are") && ["planned", "scheduled", "set", "due", "to"].iter().any(|d| ends(spaced(t, e, d)))
        })
    };
    match b[p].to_ascii_lowercase() {
        b'w' => word_at(b, p, &["will", "would"]) || aux("was") || aux("were"),
        b's' => word_at(b, p, &["shall"]),
        b'm' => word_at(b, p, &["must"]),
        b'n' => word_at(b, p, &["next"]),
        b'h' => then_to(&["has", "have", "hopes", "hope"]),
        b'p' => then_to(&["plans", "plan", "planning", "prepares", "prepare", "preparing"]),
        b'a' => then_to(&["agreed"]) || aux("are"),
        b't' => ends(lit(b, p, "to").and_then(|e| spaced(t, e, "be"))),
        b'i' => {
            // `invited\s+\S+\s+to`: the white space and the word between are whole runs.
            let invited = lit(b, p, "invited").is_some_and(|e| {
                let q = space_end(t, e);
                let r = q + t[q..].find(char::is_whitespace).unwrap_or(t.len() - q);
                q > e && r > q && ends(spaced(t, r, "to"))
            });
            then_to(&["intends", "intend"]) || aux("is") || invited
        }
        _ => false,
    }
}

/// Whether `text` holds "whether" in any ASCII case.
fn has_whether(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr2_iter(b'w', b'W', b).any(|p| b[p..].get(..7).is_some_and(|w| w.eq_ignore_ascii_case(b"whether")))
}

/// Words one of which a text must hold (in any ASCII case) for [`denial`], [`has_whether`], the
/// "n't" of [`negated_anywhere`] or [`planned_after_word`] to find anything: the denial verbs
/// ("deni" for "denied" and "denies"), "whether", "n't", "'ll", and the long s, which may
/// stand for an "s" in them. Few sentences hold one. The cue pass over a sentence looks for them
/// with the rules' cues ([`super::frames::Cues`]), and [`modality_in`] does not search the
/// sentences without them for these patterns (they ran for every event, on most of its sentence).
pub const RARE_CUES: &[&str] = &["deni", "deny", "dismissed", "rejected", "whether", "n't", "'ll", "\u{17F}"];

/// The word a verb group must hold for a condition before it to count ("would", "could"), as the
/// cue pass looks for it (in any ASCII case).
pub const CONDITIONAL_CUES: &[&str] = &["ould"];

/// What the cue pass found in the sentence that a prefix and a verb group are cut from.
#[derive(Debug, Clone, Copy)]
pub struct SentenceCues {
    /// Whether it holds one of [`RARE_CUES`].
    pub rare: bool,
    /// Whether it holds one of [`CONDITIONAL_CUES`].
    pub conditional: bool,
}

impl SentenceCues {
    /// Every cue may be in the sentence: nothing is skipped.
    #[cfg(test)]
    pub const ANY: Self = Self { rare: true, conditional: true };
}

/// The modality of an event whose verb group (subject to trigger) is `verb_group`, given what
/// precedes the clause's subject in the sentence (`prefix`).
#[cfg(test)]
pub fn modality(prefix: &str, verb_group: &str) -> Modality {
    modality_in(prefix, verb_group, SentenceCues::ANY)
}

/// [`modality`] for a prefix and a verb group cut from one sentence, given what the cue pass
/// found in it: the patterns that need a cue it lacks are not read.
pub fn modality_in(prefix: &str, verb_group: &str, sentence: SentenceCues) -> Modality {
    let rare = sentence.rare;
    let group = cues(verb_group, NEGATED | HYPOTHETICAL | PLANNED, rare);
    if group & NEGATED != 0 {
        return Modality::Negated;
    }
    // The prefix is read for "could", "might", "may" only when it asks "whether", and for a
    // condition only before "would" or "could".
    let vg = verb_group.as_bytes();
    let conditional = sentence.conditional && memchr::memchr2_iter(b'w', b'c', vg).any(|p| vg[p + 1..].starts_with(b"ould"));
    if rare && denial(prefix) {
        return Modality::Negated;
    }
    let wanted = if rare && has_whether(prefix) { HYPOTHETICAL } else { 0 } | if conditional { CONDITION } else { 0 };
    let before = if wanted == 0 { 0 } else { cues(prefix, wanted, rare) };
    if (group | before) & HYPOTHETICAL != 0 || before & CONDITION != 0 {
        return Modality::Hypothetical;
    }
    if group & PLANNED != 0 {
        return Modality::Planned;
    }
    Modality::Asserted
}

/// Whether the clause speaks of the future (for resolving weekdays and months).
pub fn is_future(modality: Modality) -> bool {
    matches!(modality, Modality::Planned | Modality::Hypothetical)
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    /// The patterns the readers replace, as [`modality`] ran them.
    static NEGATED_PATTERN: LazyLock<Regex> = LazyLock::new(|| {
        crate::extract::regex(r"(?i)\b(?:not|never|no\s+longer|failed\s+to|refused\s+to|declined\s+to|cancel(?:l)?ed|called\s+off|postponed|without)\b|n't\b|(?:^|[^\w])[Nn]o\s+(?:[\w-]+\s+){0,3}$|^\s*[Nn]o\s|\b[Nn]o\s+(?:[\w-]+\s+){0,3}(?:meetings?|talks|agreements?|deals?|contracts?|accords?|treat(?:y|ies)|memorand\w*|signing|visits?|trips?)\b")
            .expect("negation regex")
    });
    static DENIAL_PATTERN: LazyLock<Regex> = LazyLock::new(|| crate::extract::regex(r"(?i)\b(?:denied|denies|deny|dismissed|rejected)\b[^.;]*\b(?:that|reports?|claims?)\b").expect("denial regex"));
    static HYPOTHETICAL_PATTERN: LazyLock<Regex> = LazyLock::new(|| crate::extract::regex(r"(?i)\b(?:could|might|may|whether)\b").expect("hypothetical regex"));
    static CONDITION_PATTERN: LazyLock<Regex> = LazyLock::new(|| crate::extract::regex(r"(?i)(?:^|[,;]\s*|\b)(?:if|unless|whether)\s").expect("condition regex"));
    static PLANNED_PATTERN: LazyLock<Regex> = LazyLock::new(|| {
        crate::extract::regex(r"(?i)\b(?:will|shall|would|'ll|(?:is|are|was|were)\s+(?:expected|due|scheduled|set|planned|preparing|going|about|supposed)\s+to|(?:is|are)\s+(?:planned|scheduled|set|due)\b|(?:is|are)\s+to|has\s+to|have\s+to|must|plans?\s+to|planning\s+to|intends?\s+to|hopes?\s+to|agreed\s+to|to\s+be|invited\s+\S+\s+to|prepares?\s+to|preparing\s+to|next)\b")
            .expect("plan regex")
    });

    /// [`modality`] with the patterns.
    fn modality_by_patterns(prefix: &str, verb_group: &str) -> Modality {
        if NEGATED_PATTERN.is_match(verb_group) || DENIAL_PATTERN.is_match(prefix) {
            return Modality::Negated;
        }
        if HYPOTHETICAL_PATTERN.is_match(verb_group) || prefix.to_ascii_lowercase().contains("whether") && HYPOTHETICAL_PATTERN.is_match(prefix) {
            return Modality::Hypothetical;
        }
        if (verb_group.contains("would") || verb_group.contains("could")) && CONDITION_PATTERN.is_match(prefix) {
            return Modality::Hypothetical;
        }
        if PLANNED_PATTERN.is_match(verb_group) {
            return Modality::Planned;
        }
        Modality::Asserted
    }

    /// Words of every pattern, some cased or spelled with the characters that fold to ASCII,
    /// and what lies between words: white space of every kind, punctuation, hyphens, word
    /// characters outside ASCII, placeholders.
    const PIECES: &[&str] = &[
        "not", "Not", "never", "no", "No", "NO", "nO", "longer", "failed", "to", "To", "refused", "refuſed", "declined", "canceled",
        "cancelled", "called", "off", "postponed", "without", "n't", "N'T", "didn't", "don", "'t", "meeting", "meetings", "talks", "talKs",
        "agreement", "agreements", "deal", "deals", "dealſ", "contract", "contracts", "accord", "accords", "treaty", "treaties", "treat",
        "memorand", "memorandum", "memorandé", "memoranda_", "signing", "visit", "visits", "trip", "trips", "denied", "denies", "deny",
        "dismissed", "diſmiſſed", "rejected", "that", "report", "reports", "claim", "claims", "claimſ", "could", "might", "may", "May",
        "whether", "Whether", "if", "If", "unless", "unleſs", "will", "shall", "ſhall", "would", "'ll", "is", "iſ", "are", "was", "were",
        "expected", "due", "scheduled", "set", "planned", "preparing", "going", "about", "supposed", "has", "have", "must", "plans",
        "plan", "planning", "intends", "intend", "hopes", "hope", "agreed", "be", "invited", "prepares", "prepare", "next", "new", "x",
        "é", "日本", "-", "—", ",", ";", ".", "'", "\"", "_", "9", "\t", "\n", "\u{a0}", "\u{2003}", "  ", "\u{E000}P0\u{E001}",
        "\u{E000}C12\u{E001}", "K", "ſ", "a",
    ];

    /// The texts the readers are checked on: the example sentences, random ones, and each
    /// without its final white space (some patterns end with `$`).
    fn texts() -> Vec<String> {
        let mut texts = crate::extract::testing::example_sentences();
        texts.extend(crate::extract::testing::random_sentences(PIECES, 100_000, 7, 3));
        let trimmed: Vec<String> = texts.iter().map(|t| t.trim_end().to_owned()).collect();
        texts.extend(trimmed);
        texts
    }

    /// A reader by name, with the pattern it replaces.
    type Reader = (&'static str, fn(&str) -> bool, &'static LazyLock<Regex>);

    #[test]
    fn readers_match_as_their_patterns() {
        let readers: [Reader; 5] = [
            ("negated", |t| cues(t, NEGATED, true) != 0, &NEGATED_PATTERN),
            ("denial", denial, &DENIAL_PATTERN),
            ("hypothetical", |t| cues(t, HYPOTHETICAL, true) != 0, &HYPOTHETICAL_PATTERN),
            ("condition", |t| cues(t, CONDITION, true) != 0, &CONDITION_PATTERN),
            ("planned", |t| cues(t, PLANNED, true) != 0, &PLANNED_PATTERN),
        ];
        let texts = texts();
        for (name, reader, pattern) in readers {
            let mut matched = 0;
            for t in &texts {
                let expected = pattern.is_match(t);
                matched += usize::from(expected);
                assert_eq!(reader(t), expected, "{name} {t:?}");
            }
            assert!(matched > 1_000 && matched < texts.len() - 1_000, "{name} {matched}");
        }
    }

    /// [`modality`] answers as the patterns did, for a prefix and a verb group cut from one text.
    #[test]
    fn modality_as_by_patterns() {
        let mut seen = std::collections::HashSet::new();
        let mut rare_texts = 0;
        let texts = texts();
        let all = texts.len();
        for t in texts {
            // Whether the text holds one of the rare cues, and "ould", as the cue pass finds them
            // (ignoring ASCII case): without one, `modality_in` skips the patterns that need it.
            let lower = t.to_ascii_lowercase();
            let rare = RARE_CUES.iter().any(|w| lower.contains(w));
            let sentence = SentenceCues { rare, conditional: CONDITIONAL_CUES.iter().any(|w| lower.contains(w)) };
            rare_texts += usize::from(rare);
            let cuts: Vec<usize> = (0..=t.len()).filter(|&i| t.is_char_boundary(i)).collect();
            for &cut in cuts.iter().step_by(5) {
                let (prefix, verb_group) = t.split_at(cut);
                let expected = modality_by_patterns(prefix, verb_group);
                seen.insert(format!("{expected:?}"));
                assert_eq!(modality(prefix, verb_group), expected, "{prefix:?} {verb_group:?}");
                assert_eq!(modality_in(prefix, verb_group, sentence), expected, "{prefix:?} {verb_group:?}");
            }
        }
        assert_eq!(seen.len(), 4, "{seen:?}");
        assert!(rare_texts > 1_000 && rare_texts < all - 1_000, "{rare_texts} of {all}");
    }

    #[test]
    fn cue_examples() {
        assert_eq!(modality("", " paid a state visit"), Modality::Asserted);
        assert_eq!(modality("", " will visit"), Modality::Planned);
        assert_eq!(modality("", " is expected to sign"), Modality::Planned);
        assert_eq!(modality("", " is due to fly"), Modality::Planned);
        assert_eq!(modality("", " is preparing to travel"), Modality::Planned);
        assert_eq!(modality("", " will not travel"), Modality::Negated);
        assert_eq!(modality("", "No deal was signed"), Modality::Negated);
        assert_eq!(modality("", ", which was not invited"), Modality::Negated);
        assert_eq!(modality("On Thursday the ministry denied reports in the press that ", " had met"), Modality::Negated);
        assert_eq!(modality("If the talks succeed, ", " could sign"), Modality::Hypothetical);
        assert_eq!(modality("Asked whether ", " would also stop"), Modality::Hypothetical);
        assert_eq!(modality("", " signed"), Modality::Asserted);
        assert_eq!(modality("", " also signed"), Modality::Asserted);
    }
}
