//! Coreference within an article, and the masked form of a sentence that the rules read.
//!
//! A sentence is rewritten with every reference to an entity replaced by a placeholder
//! `\u{E000}<class><n>\u{E001}` (a *slot*), so that rules are plain regular expressions over
//! words and slots ("{PER} paid a state visit to {LOC}"). Classes: `P` person, `C` country, `L`
//! other place, `N` news outlet, `O` other organization, `G` a group ("the two countries"), `J` a
//! demonym (an adjective, kept for context). A title and its name are one slot ("Russian
//! President Vladimir Putin").
//!
//! References resolved here:
//! - names, aliases, surnames and metonyms (from the mention stage);
//! - "he"/"she": the first person named earlier in the same sentence (its subject), else the
//!   first person of the nearest earlier sentence naming one;
//! - "it" before a speech verb: the last outlet or organization named;
//! - "the newspaper"/"the daily"/"the agency": the last outlet named (else the publisher);
//! - "the ministry": the last ministry named;
//! - "the two countries"/"the two sides"/"the parties": the last two countries named;
//!   "the two leaders"/"the two presidents"/"the ministers": the last two people named;
//! - "the Chinese leader", "the Russian president": the person of that country with that role
//!   (named in the article, or the one the gazetteer knows); "the Mongolian capital": the capital.

use super::entities::{Mention, MentionKind, Registry, Title};
use super::gazetteer::Gazetteer;
use super::segment::Sentence;
use super::ONES;
use crate::facts::EntityType;

/// Start of a placeholder.
pub const OPEN: char = '\u{E000}';
/// End of a placeholder.
pub const CLOSE: char = '\u{E001}';

/// Where a placeholder of one of `classes` (`\x{E000}[classes][0-9]+\x{E001}`) that starts at
/// byte `at` of a masked text ends; none when none starts there. For the stages that read
/// masked sentences by hand.
#[inline]
pub(crate) fn placeholder_end(text: &str, at: usize, classes: &[u8]) -> Option<usize> {
    let rest = text.get(at..)?.strip_prefix(OPEN)?;
    let (&class, after) = rest.as_bytes().split_first()?;
    let digits = after.iter().take_while(|b| b.is_ascii_digit()).count();
    if !classes.contains(&class) || digits == 0 || !rest[1 + digits..].starts_with(CLOSE) {
        return None;
    }
    Some(at + OPEN.len_utf8() + 1 + digits + CLOSE.len_utf8())
}

/// How a slot refers to its entities.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlotKind {
    /// A name, alias, surname or metonym.
    Name,
    /// A description ("the Chinese leader").
    Description,
    /// A pronoun or bare noun ("he", "the newspaper").
    Pronoun,
    /// A group ("the two countries").
    Group,
    /// A demonym ("Russian").
    Demonym,
}

/// A reference in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Slot {
    /// Start byte in the article text.
    pub start: usize,
    /// End byte.
    pub end: usize,
    /// Class letter.
    pub class: char,
    /// The entities (one, or the two of a group).
    pub entities: Entities,
    /// How it refers.
    pub kind: SlotKind,
}

impl Slot {
    /// The single entity (the first of a group).
    pub fn entity(&self) -> usize {
        self.entities[0]
    }
}

/// A slot's entities: one, or the two of a group (no group names more). Held in the slot
/// rather than in a `Vec` of their own, which cost an allocation for every reference of every
/// sentence; read as a slice.
#[derive(Clone, PartialEq, Eq)]
pub struct Entities {
    ids: [usize; 2],
    len: u8,
}

impl Entities {
    fn one(e: usize) -> Self {
        Self { ids: [e, 0], len: 1 }
    }

    fn two(a: usize, b: usize) -> Self {
        Self { ids: [a, b], len: 2 }
    }

    /// No entity (a sentence before any country is named has no last two).
    fn none() -> Self {
        Self { ids: [0, 0], len: 0 }
    }
}

impl std::ops::Deref for Entities {
    type Target = [usize];

    fn deref(&self) -> &[usize] {
        &self.ids[..usize::from(self.len)]
    }
}

impl std::fmt::Debug for Entities {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<'a> IntoIterator for &'a Entities {
    type Item = &'a usize;
    type IntoIter = std::slice::Iter<'a, usize>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl IntoIterator for Entities {
    type Item = usize;
    type IntoIter = std::iter::Take<std::array::IntoIter<usize, 2>>;

    fn into_iter(self) -> Self::IntoIter {
        self.ids.into_iter().take(usize::from(self.len))
    }
}

/// A sentence with its references replaced by placeholders.
#[derive(Debug, Clone, PartialEq)]
pub struct Masked {
    /// The masked text: curly quotes and apostrophes are made straight.
    pub text: String,
    /// (masked byte, original byte) at the start of every piece.
    map: Vec<(usize, usize, bool)>,
    /// The slots, in order.
    pub slots: Vec<Slot>,
    /// Where each slot's placeholder is in the masked text (start, end).
    positions: Vec<(usize, usize)>,
    /// Original start of the sentence.
    pub start: usize,
    /// Original end of the sentence.
    pub end: usize,
    /// Whether the masked text holds a quotation mark (the mask makes every one straight): when
    /// not, no position is inside a quotation. Found when first asked (most sentences never are).
    quoted: std::cell::OnceCell<bool>,
}

impl Masked {
    /// The original byte offset of masked offset `pos` (a position inside a placeholder maps to
    /// its start, or its end when `end` is set).
    pub fn orig(&self, pos: usize, end: bool) -> usize {
        let i = match self.map.binary_search_by(|(m, _, _)| m.cmp(&pos)) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let (m, o, verbatim) = self.map[i];
        if verbatim {
            o + (pos - m)
        } else if end && pos > m {
            // The end of a replaced piece: the start of the next one.
            self.map.get(i + 1).map_or(self.end, |next| next.1)
        } else {
            o
        }
    }

    /// The slots whose placeholders lie in `masked[from..to]` (the tests' reading of
    /// [`Masked::slot_range`]).
    #[cfg(test)]
    pub fn slots_in(&self, from: usize, to: usize) -> Vec<usize> {
        self.slot_range(from, to).collect()
    }

    /// [`Masked::slots_in`] as a range: slot `i`'s placeholder is the `i`-th of the text (the
    /// mask writes them in order, and turns any placeholder mark of the article into U+FFFD), so
    /// the placeholders in a span are found by binary search in their positions rather than by
    /// reading the text.
    pub fn slot_range(&self, from: usize, to: usize) -> std::ops::Range<usize> {
        let first = self.positions.partition_point(|&(start, _)| start < from);
        let last = first + self.positions[first..].partition_point(|&(_, end)| end <= to);
        first..last
    }

    /// The slot of a placeholder text (`\u{E000}P3\u{E001}` → 3): the tests' check of the
    /// positions the stages look slots up by.
    #[cfg(test)]
    pub fn slot_of(placeholder: &str) -> Option<usize> {
        next_placeholder(placeholder).and_then(|(_, digits)| digits.parse().ok())
    }

    /// [`in_quote`]`(&self.text, from, pos)`, told at once for a sentence without quotation
    /// marks.
    pub fn in_quote(&self, from: usize, pos: usize) -> bool {
        *self.quoted.get_or_init(|| self.text.as_bytes().contains(&b'"')) && in_quote(&self.text, from, pos)
    }

    /// The masked offset where slot `i`'s placeholder starts (and ends).
    pub fn slot_pos(&self, i: usize) -> Option<(usize, usize)> {
        self.positions.get(i).copied()
    }
}

/// The buffers of a masked sentence (its text, map, slots and placeholder places), given back
/// when it is dropped and kept by the thread for the sentences masked after it, in this article
/// and the next ones: a sentence allocated all four, about a tenth of the extraction's
/// allocations.
#[derive(Default)]
struct Buffers {
    text: String,
    map: Vec<(usize, usize, bool)>,
    slots: Vec<Slot>,
    positions: Vec<(usize, usize)>,
}

/// At most this many sentences' buffers are kept (more than the sentences of most articles)…
const SPARE_SENTENCES: usize = 256;
/// … and none of a masked text longer than this many bytes, so that what is kept stays small.
const SPARE_TEXT_BYTES: usize = 4096;

thread_local! {
    static SPARE: std::cell::RefCell<Vec<Buffers>> = const { std::cell::RefCell::new(Vec::new()) };
}

impl Buffers {
    /// Buffers given back by a masked sentence dropped before, emptied; new ones when there
    /// are none.
    fn spare() -> Self {
        let mut b = SPARE.try_with(|s| s.try_borrow_mut().ok().and_then(|mut s| s.pop())).ok().flatten().unwrap_or_default();
        b.text.clear();
        b.map.clear();
        b.slots.clear();
        b.positions.clear();
        b
    }
}

impl Drop for Masked {
    fn drop(&mut self) {
        if self.text.capacity() > SPARE_TEXT_BYTES {
            return;
        }
        let b = Buffers {
            text: std::mem::take(&mut self.text),
            map: std::mem::take(&mut self.map),
            slots: std::mem::take(&mut self.slots),
            positions: std::mem::take(&mut self.positions),
        };
        let _ = SPARE.try_with(|s| {
            if let Ok(mut s) = s.try_borrow_mut() {
                if s.len() < SPARE_SENTENCES {
                    s.push(b);
                }
            }
        });
    }
}

/// The first placeholder in `s` (what the pattern `\u{E000}[A-Z][0-9]+\u{E001}` finds, without
/// running a regular expression): the end of its match and its slot number as written.
#[cfg(test)]
fn next_placeholder(s: &str) -> Option<(usize, &str)> {
    let bytes = s.as_bytes();
    let mut from = 0;
    while let Some(p) = s[from..].find(OPEN) {
        let start = from + p + OPEN.len_utf8();
        if bytes.get(start).is_some_and(u8::is_ascii_uppercase) {
            let digits = start + 1;
            let mut i = digits;
            while bytes.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            if i > digits && s[i..].starts_with(CLOSE) {
                return Some((i + CLOSE.len_utf8(), &s[digits..i]));
            }
        }
        from = start;
    }
    None
}

/// The words of the references [`pronouns`] finds (the alternatives of the pattern it
/// replaces, kept whole in its test): the verbs after "it", the nouns after "the", "both" and
/// "the two", and the verbs after "both". No word of a list is a prefix of another, so at most
/// one of a list ends on a word boundary at a place.
const IT_VERBS: &[&str] = &["said", "says", "reported", "wrote", "added", "announced", "stated"];
const OUTLET_NOUNS: &[&str] = &["newspaper", "daily", "agency", "paper", "outlet", "broadcaster", "weekly"];
const COUNTRIES_NOUNS: &[&str] = &["countries", "sides", "parties", "nations", "states", "governments", "delegations"];
const PEOPLE_NOUNS: &[&str] = &["leaders", "presidents", "ministers", "Ministers", "heads of state", "foreign ministers"];
const MINISTRY_NOUNS: &[&str] = &["ministry"];
const SPOKES_NOUNS: &[&str] = &["spokesperson", "spokesman", "spokeswoman"];
const BOTH_VERBS: &[&str] = &["attended", "met", "signed", "agreed", "held", "visited", "were", "are", "have", "had", "took", "expect"];

/// A phrase that may follow "the " or "both " in a reference, and the reference it makes, with
/// its first eight bytes as [`key_and_mask`] gives them: a phrase whose key differs from the
/// text's is passed over with one comparison of two words, where comparing its bytes was a
/// `memcmp` call for every phrase tried.
#[derive(Clone)]
struct Phrase {
    key: (u64, u64),
    text: String,
    kind: Pronoun,
}

/// The key of `word` ([`super::prefix_key`]) and the mask that keeps as many bytes
/// ([`super::key_mask`]): eight bytes of a text from a place ([`super::eight_bytes_at`]), masked,
/// equal the key when the text there starts with those bytes.
const fn key_and_mask(word: &[u8]) -> (u64, u64) {
    (super::prefix_key(word), super::key_mask(word.len()))
}

/// [`IT_VERBS`]' keys ([`key_and_mask`]).
const IT_VERB_KEYS: [(u64, u64); IT_VERBS.len()] = {
    let mut keys = [(0, 0); IT_VERBS.len()];
    let mut i = 0;
    while i < IT_VERBS.len() {
        keys[i] = key_and_mask(IT_VERBS[i].as_bytes());
        i += 1;
    }
    keys
};

/// The alternatives tried after "the ", in the pattern's order: the counts a noun may follow
/// ("the two countries", "the three leaders"), the nouns, and the reference.
const AFTER_THE: &[(&[&str], &[&str], Pronoun)] = &[
    (&[""], OUTLET_NOUNS, Pronoun::Outlet),
    (&[""], MINISTRY_NOUNS, Pronoun::Ministry),
    (&["two ", ""], COUNTRIES_NOUNS, Pronoun::Countries),
    (&["two ", "three ", ""], PEOPLE_NOUNS, Pronoun::People),
    (&[""], SPOKES_NOUNS, Pronoun::Spokes),
];

/// The alternatives tried after "both ", as [`AFTER_THE`]'s (the verbs refer by "both" alone).
const AFTER_BOTH: &[(&[&str], &[&str], Pronoun)] = &[
    (&["two ", ""], COUNTRIES_NOUNS, Pronoun::Countries),
    (&["two ", "three ", ""], PEOPLE_NOUNS, Pronoun::People),
    (&[""], BOTH_VERBS, Pronoun::Both),
];

/// The phrases of `alternatives` (each count before each noun), kept in their order and put
/// by first byte: at a place only those starting with its byte are compared (after "the ",
/// nearly every word's first byte begins some noun, and the lists were compared whole, about
/// forty phrases, at every "the"). Two phrases starting with different bytes never both match,
/// so the first match in a byte's list is the first in the pattern's order.
fn phrases_by_first_byte(alternatives: &[(&[&str], &[&str], Pronoun)]) -> Vec<Vec<Phrase>> {
    let mut by_first = vec![Vec::new(); 128];
    for &(counts, nouns, kind) in alternatives {
        for count in counts {
            for noun in nouns {
                let text = [*count, *noun].concat();
                by_first[usize::from(text.as_bytes()[0])].push(Phrase { key: key_and_mask(text.as_bytes()), text, kind });
            }
        }
    }
    by_first
}

static AFTER_THE_PHRASES: std::sync::LazyLock<Vec<Vec<Phrase>>> = std::sync::LazyLock::new(|| phrases_by_first_byte(AFTER_THE));
static AFTER_BOTH_PHRASES: std::sync::LazyLock<Vec<Vec<Phrase>>> = std::sync::LazyLock::new(|| phrases_by_first_byte(AFTER_BOTH));

/// The first phrase of `by_first` ([`phrases_by_first_byte`]) at `q` of `b` that ends on a word
/// boundary: its end and reference.
fn phrase_at(b: &[u8], q: usize, by_first: &[Vec<Phrase>]) -> Option<(usize, Pronoun)> {
    let candidates = by_first.get(usize::from(*b.get(q)?))?;
    let here = super::eight_bytes_at(b, q);
    candidates.iter().find_map(|phrase| {
        let end = q + phrase.text.len();
        let (key, mask) = phrase.key;
        (here & mask == key && b[q..].starts_with(phrase.text.as_bytes()) && b.get(end).is_none_or(|&c| !super::is_ascii_word_byte(c))).then_some((end, phrase.kind))
    })
}

/// Which reference [`pronouns`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pronoun {
    He,
    It,
    Outlet,
    Ministry,
    Countries,
    People,
    Spokes,
    Both,
    They,
}

/// The references in `s`, in order, each after the end of the one before, put in `found` (a
/// buffer kept from one sentence to the next): its start, end, kind, and the length of the part
/// that refers (all of it but for "it" and "both", which are followed
/// by a verb). What the pattern
///
/// ```text
/// \b(?P<he>[Hh]e|[Ss]he)\b|\b(?P<it>[Ii]t)\s+(?:IT_VERBS)\b|\b(?P<outlet>[Tt]he (?:OUTLET_NOUNS))\b
/// |\b(?P<ministry>[Tt]he ministry)\b|\b(?P<countries>(?:[Tt]he|[Bb]oth) (?:two )?(?:COUNTRIES_NOUNS))\b
/// |\b(?P<people>(?:[Tt]he|[Bb]oth) (?:two |three )?(?:PEOPLE_NOUNS))\b|\b(?P<spokes>[Tt]he (?:SPOKES_NOUNS))\b
/// |\b(?P<both>[Bb]oth) (?:BOTH_VERBS)\b|\b(?P<they>[Tt]hey)\b
/// ```
///
/// (ASCII `\b`) finds, read by hand: its search cost as much as the rest of the mask. Every
/// alternative starts on a word boundary with a letter, so only word starts are tried, each
/// with the alternatives in the pattern's order. Every alternative but "it" has an `h`: "he" and
/// "He" at its start, "she", "the", "they" one byte on, "both" three bytes on (each of those a
/// lower-case `h`). So the places tried are found from the `h`s, `H`s, `i`s and `I`s of the
/// sentence, found eight bytes at a time: fewer than its word starts, which cost more to find (a
/// pass over them cost more than the rest of the mask), and memchr, called again for each of
/// these frequent letters, cost more still. Only those followed by the byte every reference has
/// after them are tried ([`reference_bytes`]: `e` or a space after an `h`, `t` after an `i`): a
/// quarter of the letters (0.2 places in eight bytes of the bundled articles, against 0.8), so
/// that the test of each place, whose branches the text decides, is made less often. Not
/// inlined: inside the mask, its loop kept its counters on the stack.
///
/// `s` is the sentence `text[s0..e0]`. Each turn reads the next eight bytes once, and makes the
/// eight one byte on from the two (each eight were read twice). The sentence's last bytes are
/// read from `text` ([`super::last_word_key`], those from `e0` on taken as zero), which has more
/// after them but at its end: read from the sentence alone, they were read byte by byte.
#[inline(never)]
fn pronouns(text: &str, s0: usize, e0: usize, found: &mut Vec<(usize, usize, Pronoun, usize)>) {
    let s = &text[s0..e0];
    let b = s.as_bytes();
    found.clear();
    let eight = |k: usize| match b.get(k..k + 8) {
        Some(eight) => u64::from_le_bytes(eight.try_into().expect("eight bytes")),
        None => super::last_word_key(text.as_bytes(), s0 + k, e0),
    };
    // Where the next reference may start: the end of the one before.
    let mut next = 0;
    let mut at = 0;
    let mut x = eight(0);
    while at < b.len() {
        let after = eight(at + 8);
        // (Zeros past the end are neither letter.)
        let mut hits = reference_bytes(x, x >> 8 | after << 56);
        while hits != 0 {
            let q = at + (hits.trailing_zeros() / 8) as usize;
            hits &= hits - 1;
            // The places tried from `q`, in increasing order: none lies between two `h`s or `i`s
            // ("bot" and the `s` or `t` before an `h` hold neither), so all come in order.
            match b[q] {
                b'h' => {
                    if q >= 3 && matches!(b[q - 3], b'b' | b'B') && &b[q - 2..q] == b"ot" {
                        try_reference(s, q - 3, &mut next, found);
                    }
                    if q >= 1 && matches!(b[q - 1], b's' | b'S' | b't' | b'T') {
                        try_reference(s, q - 1, &mut next, found);
                    }
                    try_reference(s, q, &mut next, found);
                }
                b'H' => try_reference(s, q, &mut next, found),
                _ => {
                    if b.get(q + 1) == Some(&b't') {
                        try_reference(s, q, &mut next, found);
                    }
                }
            }
        }
        x = after;
        at += 8;
    }
}

/// A reference of [`pronouns`] at `p` when one starts there after `next` (which it then
/// moves to its end), put in `found`. The test of the place is made inline (a call for every
/// `h` and `i` of a sentence cost more than the tests); the reading of a reference is a call of
/// its own ([`pronoun_at`] is not inlined: inlined, it made every test, most of which fail,
/// cost as much as a call).
#[inline(always)]
fn try_reference(s: &str, p: usize, next: &mut usize, found: &mut Vec<(usize, usize, Pronoun, usize)>) {
    let b = s.as_bytes();
    if p < *next || (p > 0 && super::is_ascii_word_byte(b[p - 1])) || !may_refer(b, p) {
        return;
    }
    if let Some((end, kind, len)) = pronoun_at(s, p) {
        *next = end;
        found.push((p, end, kind, len));
    }
}

/// Whether the bytes after `p` are those that every reference starting with `b[p]` has next
/// ([`pronoun_at`] reads "he", "she", "it", "the " or "they", "both "): a test of a few bytes,
/// made inline, that passes over most places without the call (most are "this", "that",
/// "their", "has", "his"…, where no reference starts). Bytes past the end read as zero.
#[inline(always)]
fn may_refer(b: &[u8], p: usize) -> bool {
    let at = |k: usize| b.get(p + k).copied().unwrap_or(0);
    match b[p] | 0x20 {
        b'h' => at(1) == b'e',
        b's' => at(1) == b'h' && at(2) == b'e',
        b'i' => at(1) == b't',
        b't' => at(1) == b'h' && at(2) == b'e' && matches!(at(3), b' ' | b'y'),
        b'b' => at(1) == b'o' && at(2) == b't' && at(3) == b'h' && at(4) == b' ',
        _ => false,
    }
}

/// The high bit of each of eight bytes (read little-endian) that is `h`, `H`, `i` or `I`, found
/// for all eight at once: a byte is one of them when, with the case bit (0x20) set and the
/// lowest bit cleared, it is `h` (0x68, `i` being 0x69; no other byte is), and a byte equals
/// another when their exclusive or is zero, told exactly (without a borrow from the byte below)
/// by adding 0x7f to its low seven bits. One comparison for the four letters.
fn h_or_i_bytes(x: u64) -> u64 {
    let folded = (x | (ONES * 0x20)) & !ONES;
    super::zero_bytes(folded ^ (ONES * u64::from(b'h')))
}

/// The high bit of each of eight bytes (`x`, read little-endian; `next`, the eight bytes one
/// on) that is `h` or `H` before `e` or a space, or `i` or `I` before `t` (or a space): the
/// letters [`pronouns`] tries places from ([`h_or_i_bytes`]) when the byte after them is the one
/// every reference has there ("he", "she", "the", "they"; "both "; "it"). The byte wanted after
/// each letter is `e` (0x65) plus 0x0f for an `i` (`t`, 0x74): an `i`'s lowest bit is set, an
/// `h`'s is not, so the eight wanted bytes are made without a test, and compared in one.
fn reference_bytes(x: u64, next: u64) -> u64 {
    let wanted = ONES * 0x65 + (x & ONES) * 0x0f;
    h_or_i_bytes(x) & (super::zero_bytes(next ^ wanted) | super::zero_bytes(next ^ (ONES * u64::from(b' '))))
}

/// [`pronouns`] as it searched before: every word start whose first two bytes begin an
/// alternative, found eight bytes at a time ([`super::WordStarts`]).
#[cfg(test)]
fn pronouns_by_word_starts(s: &str) -> impl Iterator<Item = (usize, usize, Pronoun, usize)> + '_ {
    let b = s.as_bytes();
    // Every alternative's first two bytes: [Hh]e, [Ss]he, [Ii]t, [Tt]he, [Tt]hey, [Bb]oth.
    let candidate = |p: usize| {
        let second = b.get(p + 1).copied();
        match b[p] | 0x20 {
            b'h' => second == Some(b'e'),
            b's' | b't' => second == Some(b'h'),
            b'i' => second == Some(b't'),
            b'b' => second == Some(b'o'),
            _ => false,
        }
    };
    let mut next = 0;
    super::WordStarts::new(b, 0, candidate).filter_map(move |p| {
        if p < next {
            return None;
        }
        let (end, kind, len) = pronoun_at(s, p)?;
        next = end;
        Some((p, end, kind, len))
    })
}

/// The reference starting at the word start `p` (see [`pronouns`]): its end, kind and the
/// length of the part that refers.
#[inline(never)]
fn pronoun_at(s: &str, p: usize) -> Option<(usize, Pronoun, usize)> {
    let b = s.as_bytes();
    // `\b` after a literal ending with a letter: the text ends or a non-word byte follows.
    let ends_word = |i: usize| b.get(i).is_none_or(|&c| !super::is_ascii_word_byte(c));
    let lit = |i: usize, w: &str| b[i..].starts_with(w.as_bytes()).then_some(i + w.len());
    // The word of `words` at `i` that ends on a boundary (`keys` their [`key_and_mask`]s, compared
    // first).
    let one_of = |i: usize, words: &[&str], keys: &[(u64, u64)]| {
        let here = super::eight_bytes_at(b, i);
        words.iter().zip(keys).find_map(|(w, &(key, mask))| if here & mask == key { lit(i, w).filter(|&e| ends_word(e)) } else { None })
    };
    let whole = |end: usize, kind: Pronoun| (end, kind, end - p);
    match b[p] {
        b'h' | b'H' => lit(p + 1, "e").filter(|&e| ends_word(e)).map(|e| whole(e, Pronoun::He)),
        b's' | b'S' => lit(p + 1, "he").filter(|&e| ends_word(e)).map(|e| whole(e, Pronoun::He)),
        b'i' | b'I' => {
            let t = lit(p + 1, "t")?;
            // `\s+` is greedy and a verb starts with a letter: the verb follows all the white space.
            let v = s[t..].char_indices().find(|&(_, c)| !c.is_whitespace()).map_or(s.len(), |(k, _)| t + k);
            (v > t).then(|| one_of(v, IT_VERBS, &IT_VERB_KEYS)).flatten().map(|e| (e, Pronoun::It, 2))
        }
        b't' | b'T' => match lit(p + 1, "he ") {
            Some(q) => phrase_at(b, q, &AFTER_THE_PHRASES).map(|(e, kind)| whole(e, kind)),
            None => lit(p + 1, "hey").filter(|&e| ends_word(e)).map(|e| whole(e, Pronoun::They)),
        },
        b'b' | b'B' => {
            let q = lit(p + 1, "oth ")?;
            // "both met": only "both" refers.
            phrase_at(b, q, &AFTER_BOTH_PHRASES).map(|(e, kind)| if kind == Pronoun::Both { (e, kind, 4) } else { whole(e, kind) })
        }
        _ => None,
    }
}

/// Role words of descriptions ("the Chinese leader").
const DESCRIPTION_ROLES: &[&str] = &["leader", "president", "prime minister", "premier", "chancellor", "foreign minister", "minister", "Minister", "king", "head of state", "capital", "President", "Prime Minister"];

/// Resolves references sentence by sentence, keeping what it has seen.
pub struct Resolver<'a> {
    text: &'a str,
    gaz: &'a Gazetteer,
    /// Mentions, sorted.
    mentions: &'a [Mention],
    /// Titles (collapsed with their names into one slot).
    titles: &'a [Title],
    /// The publisher.
    publisher: Option<usize>,
    /// The first person of the last resolved sentence that named one.
    last_person: Option<usize>,
    /// What it has seen, and its buffers.
    lists: Lists,
}

/// The last two distinct entities of a list read from its end (`back`), in the list's order:
/// the first `back` gives, and the next one that differs (held inline, as a slot's entities
/// are: it is asked for every sentence). Countries read from the countries seen; people from
/// the sentence's and then the ones seen before.
fn last_two_distinct(mut back: impl Iterator<Item = usize>) -> Entities {
    let Some(last) = back.next() else { return Entities::none() };
    match back.find(|&c| c != last) {
        Some(before) => Entities::two(before, last),
        None => Entities::one(last),
    }
}

fn class_of(kind: EntityType) -> char {
    match kind {
        EntityType::Person => 'P',
        EntityType::Country => 'C',
        EntityType::City | EntityType::Place | EntityType::Region | EntityType::River => 'L',
        EntityType::NewsOutlet => 'N',
        _ => 'O',
    }
}

/// The resolver's lists, kept by the thread from one article to the next (seven lists an
/// article, most of them grown from empty).
#[derive(Default)]
struct Lists {
    /// The people of each resolved sentence in order, one sentence after another (one list for
    /// the article rather than one for every sentence).
    people_seen: Vec<usize>,
    /// Countries seen, in order.
    countries_seen: Vec<usize>,
    /// Outlets and organizations seen, in order.
    speakers_seen: Vec<usize>,
    /// Outlets seen, in order.
    outlets_seen: Vec<usize>,
    /// The places of the bytes that the mask and the quotation test look at in the article
    /// text, in order: `"`; E2, which starts “, ”, ’ and the dashes; EE, which starts the
    /// placeholder marks. Found in one pass over the article (a search in every sentence paid
    /// its set-up for each); a sentence's are a range of them.
    marks: Vec<usize>,
    /// The references [`pronouns`] found in the sentence being masked, and the slots made of
    /// them (buffers kept from one sentence to the next).
    found: Vec<(usize, usize, Pronoun, usize)>,
    extra: Vec<Slot>,
}

thread_local! {
    static LISTS: std::cell::RefCell<Lists> = std::cell::RefCell::new(Lists::default());
}

impl Drop for Resolver<'_> {
    fn drop(&mut self) {
        super::keep(&LISTS, std::mem::take(&mut self.lists));
    }
}

impl<'a> Resolver<'a> {
    /// A resolver over an article's mentions (on the lists of the thread's article before).
    pub fn new(text: &'a str, gaz: &'a Gazetteer, mentions: &'a [Mention], titles: &'a [Title], publisher: Option<usize>) -> Self {
        let mut lists = super::take_kept(&LISTS);
        lists.people_seen.clear();
        lists.countries_seen.clear();
        lists.speakers_seen.clear();
        lists.outlets_seen.clear();
        lists.marks.clear();
        lists.marks.extend(memchr::memchr3_iter(b'"', 0xE2, 0xEE, text.as_bytes()));
        // `found` and `extra` are cleared before each use.
        Self { text, gaz, mentions, titles, publisher, last_person: None, lists }
    }

    /// The last outlet named before now (else the publisher).
    pub fn last_outlet(&self) -> Option<usize> {
        self.lists.outlets_seen.last().copied().or(self.publisher)
    }

    /// The person last named before now.
    pub fn last_person(&self) -> Option<usize> {
        self.last_person
    }

    /// The last two distinct countries seen, in the order seen (asked for every sentence: held
    /// inline, not allocated).
    pub fn last_two_countries(&self) -> Entities {
        last_two_distinct(self.lists.countries_seen.iter().rev().copied())
    }

    /// The last two distinct people of `current` (the sentence's, read from its end) and then
    /// of the ones seen before.
    fn last_two_people(&self, current_back: impl Iterator<Item = usize>) -> Entities {
        last_two_distinct(current_back.chain(self.lists.people_seen.iter().rev().copied()))
    }

    /// The person with role `role` whose country is `country`: one with such a title in the
    /// article, else one the gazetteer knows (registered then).
    fn person_by_role(&self, registry: &mut Registry, country: usize, role: &str, at: usize) -> Option<usize> {
        let role = role.to_lowercase();
        // The role, or a word of it ("deputy prime minister" for "prime minister"), compared
        // without writing " {role}" and "{role} " for every title.
        let of_role = |r: &str| r == role || r.strip_suffix(role.as_str()).is_some_and(|r| r.ends_with(' ')) || r.strip_prefix(role.as_str()).is_some_and(|r| r.starts_with(' '));
        let mut from_titles = self.titles.iter().filter(|t| t.organization == Some(country) && of_role(&t.role)).map(|t| t.person);
        if let Some(p) = from_titles.next() {
            if from_titles.all(|q| q == p) {
                return Some(p);
            }
        }
        let row = registry.list[country].gaz?;
        let people = self.gaz.people_by_role(row, &role);
        // Prefer one the article names (the first two tell whether there is one only).
        let mut named = people.iter().filter_map(|&r| registry.find_gaz(r)).filter(|&e| self.mentions.iter().any(|m| m.entity == e));
        let (first, second) = (named.next(), named.next());
        match (first, second, people.as_slice()) {
            (Some(one), None, _) => Some(one),
            (None, _, [row]) => Some(registry.gaz(self.gaz, *row, at)),
            _ => None,
        }
    }

    /// Masks sentence `sentence`; new entities (descriptions resolved through the gazetteer)
    /// are registered in `registry`.
    pub fn mask(&mut self, sentence: &Sentence, registry: &mut Registry) -> Masked {
        let text = self.text;
        let (s0, e0) = (sentence.start, sentence.end);
        // Candidate slots: mentions (top level), titles collapsed with their names.
        let first = self.mentions.partition_point(|m| m.start < s0);
        let here = &self.mentions[first..][..self.mentions[first..].partition_point(|m| m.start < e0)];
        // Pronouns, bare nouns and groups, found first so that the slots are allotted room for
        // them as well.
        let mut found = std::mem::take(&mut self.lists.found);
        pronouns(text, s0, e0, &mut found);
        let mut buffers = Buffers::spare();
        let mut slots = std::mem::take(&mut buffers.slots);
        slots.reserve(here.len() + found.len());
        for m in here.iter().filter(|m| m.end <= e0 && !m.nested) {
            let kind = match m.kind {
                MentionKind::Demonym => SlotKind::Demonym,
                MentionKind::Description => SlotKind::Description,
                _ => SlotKind::Name,
            };
            let class = if m.kind == MentionKind::Demonym { 'J' } else { class_of(registry.list[m.entity].kind) };
            slots.push(Slot { start: m.start, end: m.end, class, entities: Entities::one(m.entity), kind });
        }
        // Descriptions: "the Chinese leader", "the Mongolian capital".
        for slot in slots.iter_mut().filter(|s| s.kind == SlotKind::Demonym) {
            let before = &text[..slot.start];
            let det = ["the ", "The ", "her ", "his ", "their "].iter().find(|d| before.ends_with(*d));
            let Some(det) = det else { continue };
            let after = &text[slot.end..e0];
            let Some(role) = DESCRIPTION_ROLES.iter().filter(|r| after.strip_prefix(' ').is_some_and(|a| a.starts_with(**r)) && !after[1 + r.len()..].starts_with(|c: char| c.is_alphanumeric())).max_by_key(|r| r.len()) else {
                continue;
            };
            let country = slot.entity();
            let end = slot.end + 1 + role.len();
            let start = slot.start - det.len();
            if role.eq_ignore_ascii_case("capital") {
                let capital = registry.list[country].gaz.and_then(|row| {
                    self.gaz.entries().iter().position(|e| e.capital_of.as_deref() == Some(self.gaz.entry(row).name.as_str()))
                });
                if let Some(row) = capital {
                    let city = registry.gaz(self.gaz, row, start);
                    registry.add_alias(city, &text[start..end]);
                    registry.use_entity(city);
                    *slot = Slot { start, end, class: 'L', entities: Entities::one(city), kind: SlotKind::Description };
                }
                continue;
            }
            let role = role.to_lowercase();
            // "leader" is whoever leads: the leader, else the president, the prime minister…
            let candidates: &[&str] = if role == "leader" { &["leader", "president", "supreme leader", "prime minister", "chancellor", "king"] } else { &[] };
            let found = std::iter::once(role.as_str()).chain(candidates.iter().copied()).find_map(|r| self.person_by_role(registry, country, r, start));
            if let Some(person) = found {
                registry.add_alias(person, &text[start..end]);
                registry.use_entity(person);
                *slot = Slot { start, end, class: 'P', entities: Entities::one(person), kind: SlotKind::Description };
            }
        }
        // Titles: the title and the name are one slot.
        let first_title = self.titles.partition_point(|t| t.span.0 < s0);
        for t in self.titles[first_title..].iter().take_while(|t| t.span.0 < e0).filter(|t| t.span.1 <= e0) {
            let inside = |i: usize| slots[i].start >= t.span.0 && slots[i].end <= t.span.1;
            let Some(person_slot) = (0..slots.len()).rev().find(|&i| inside(i) && slots[i].class == 'P' && slots[i].entities[0] == t.person) else { continue };
            // Only titles before the name (or appositions before it) fold; an apposition after
            // the name keeps its organization visible.
            if slots[person_slot].end != t.span.1 && t.rule != "apposition-after-name" {
                continue;
            }
            let (a, b) = if t.rule == "apposition-after-name" { (slots[person_slot].start, t.span.1) } else { (t.span.0, t.span.1) };
            let keep = slots[person_slot].clone();
            slots.retain(|s| !(s.start >= a && s.end <= b));
            slots.push(Slot { start: a, end: b, ..keep });
        }
        slots.sort_by_key(|s| s.start);
        // Pronouns, bare nouns and groups.
        let mut extra = std::mem::take(&mut self.lists.extra);
        extra.clear();
        // The marks of the sentence ([`Lists::marks`]). Whether the sentence holds a quotation
        // mark (`"`, or “ or ”): without one, no position in it is inside a quotation, and
        // [`in_quote`] is not asked.
        let first_mark = self.lists.marks.partition_point(|&k| k < s0);
        let marks = first_mark..first_mark + self.lists.marks[first_mark..].partition_point(|&k| k < e0);
        let quoted = self.lists.marks[marks.clone()].iter().any(|&k| text.as_bytes()[k] != 0xEE);
        for &(found_start, found_end, pronoun, group_len) in &found {
            let (start, end) = (s0 + found_start, s0 + found_end);
            let group_end = start + group_len;
            if slots.iter().any(|s| s.start < end && start < s.end) {
                continue;
            }
            // "the foreign ministers of India and Vietnam" names its people by their countries.
            if pronoun == Pronoun::People && text[end..e0].starts_with(" of ") {
                continue;
            }
            // "it said" attributes only right after a quotation or a comma ("what it says" does not).
            if pronoun == Pronoun::It {
                let before = text[s0..start].trim_end();
                if !(before.is_empty() || before.ends_with(',') || before.ends_with('"') || before.ends_with('”')) {
                    continue;
                }
            }
            if pronoun == Pronoun::He {
                // The first person earlier in this sentence, else of the nearest earlier sentence.
                let same: Option<usize> = slots.iter().filter(|s| s.class == 'P' && s.end <= start && !(quoted && in_quote(text, s0, s.start))).map(|s| s.entity()).next();
                if let Some(p) = same.or_else(|| self.last_person()) {
                    extra.push(Slot { start, end: group_end, class: 'P', entities: Entities::one(p), kind: SlotKind::Pronoun });
                }
            } else if pronoun == Pronoun::It {
                let org = self.lists.outlets_seen.last().or(self.lists.speakers_seen.last()).copied();
                if let Some(o) = org {
                    let class = class_of(registry.list[o].kind);
                    extra.push(Slot { start, end: group_end, class, entities: Entities::one(o), kind: SlotKind::Pronoun });
                }
            } else if pronoun == Pronoun::Outlet {
                if let Some(o) = self.last_outlet() {
                    extra.push(Slot { start, end, class: 'N', entities: Entities::one(o), kind: SlotKind::Pronoun });
                }
            } else if pronoun == Pronoun::Spokes {
                let person = self.titles.iter().filter(|t| t.role.starts_with("spokes") && t.span.1 <= start).max_by_key(|t| t.span.1).map(|t| t.person);
                if let Some(p) = person {
                    extra.push(Slot { start, end, class: 'P', entities: Entities::one(p), kind: SlotKind::Pronoun });
                }
            } else if pronoun == Pronoun::Ministry {
                let ministry = self
                    .mentions
                    .iter()
                    .filter(|m| m.end <= start && registry.list[m.entity].kind == EntityType::Government && registry.list[m.entity].name.contains("Ministry"))
                    .max_by_key(|m| m.end);
                if let Some(m) = ministry {
                    extra.push(Slot { start, end, class: 'O', entities: Entities::one(m.entity), kind: SlotKind::Pronoun });
                }
            } else if pronoun == Pronoun::Countries {
                // The countries seen before, then those of this sentence before it: the last two.
                let here = slots.iter().filter(|s| s.end <= start && matches!(s.class, 'C' | 'J')).map(|s| s.entity());
                let two = last_two_distinct(here.rev().chain(self.lists.countries_seen.iter().rev().copied()));
                if two.len() == 2 {
                    extra.push(Slot { start, end, class: 'G', entities: Entities::two(two[0], two[1]), kind: SlotKind::Group });
                }
            } else if pronoun == Pronoun::Both {
                let here = slots.iter().filter(|s| s.class == 'P' && s.end <= start).map(|s| s.entity());
                let two = self.last_two_people(here.rev());
                if two.len() == 2 {
                    extra.push(Slot { start, end: group_end, class: 'G', entities: Entities::two(two[0], two[1]), kind: SlotKind::Group });
                }
            } else if pronoun == Pronoun::People {
                let here = slots.iter().filter(|s| s.class == 'P' && s.end <= start).map(|s| s.entity());
                let two = self.last_two_people(here.rev());
                if two.len() == 2 {
                    extra.push(Slot { start, end, class: 'G', entities: Entities::two(two[0], two[1]), kind: SlotKind::Group });
                }
            }
        }
        slots.append(&mut extra);
        self.lists.extra = extra;
        self.lists.found = found;
        slots.sort_by_key(|s| s.start);
        // Drop overlaps (keep the earlier, longer).
        let mut kept = slots;
        let mut kept_end: Option<usize> = None;
        kept.retain(|s| {
            if kept_end.is_some_and(|end| s.start < end) {
                return false;
            }
            kept_end = Some(s.end);
            true
        });
        // Remember what was seen.
        let first_person = self.lists.people_seen.len();
        let mut quotes = QuoteScan::new(text, s0);
        for s in &kept {
            if quoted && quotes.in_quote(s.start) {
                continue;
            }
            let e = s.entity();
            match s.class {
                'P' => {
                    if !self.lists.people_seen[first_person..].contains(&e) {
                        self.lists.people_seen.push(e);
                    }
                    // A title folded into the slot may name a country ("Russian President …").
                    for t in self.titles.iter().filter(|t| t.person == e && t.span.0 >= s.start && t.span.1 <= s.end) {
                        if let Some(o) = t.organization.filter(|&o| registry.list[o].kind == EntityType::Country) {
                            self.lists.countries_seen.push(o);
                        }
                    }
                }
                'C' | 'J' => self.lists.countries_seen.push(e),
                'N' => {
                    self.lists.outlets_seen.push(e);
                    self.lists.speakers_seen.push(e);
                }
                'O' => self.lists.speakers_seen.push(e),
                _ => {}
            }
        }
        if let Some(&p) = self.lists.people_seen.get(first_person) {
            self.last_person = Some(p);
        }
        buffers.slots = kept;
        build(text, s0, e0, buffers, &self.lists.marks[marks])
    }
}

/// Whether byte `pos` lies inside a quotation in the sentence starting at `s0`.
pub fn in_quote(text: &str, s0: usize, pos: usize) -> bool {
    QuoteScan::new(text, s0).in_quote(pos)
}

/// [`in_quote`] for positions of one sentence in increasing order, reading each byte once
/// rather than once for every position.
struct QuoteScan<'t> {
    text: &'t str,
    s0: usize,
    /// The counts below are of `text[s0..at]`.
    at: usize,
    straight: usize,
    open: usize,
    close: usize,
}

impl<'t> QuoteScan<'t> {
    fn new(text: &'t str, s0: usize) -> Self {
        Self { text, s0, at: s0, straight: 0, open: 0, close: 0 }
    }

    /// [`in_quote`]`(text, s0, pos)`; `pos` is a character boundary.
    fn in_quote(&mut self, pos: usize) -> bool {
        if pos < self.at {
            return in_quote(self.text, self.s0, pos);
        }
        // One pass over the bytes: `"` is 0x22, “ and ” are E2 80 9C and E2 80 9D. Both ends
        // are character boundaries, so every “ and ” lies wholly inside one step.
        let bytes = &self.text.as_bytes()[self.at..pos];
        let mut at = 0;
        while let Some(k) = memchr::memchr2(b'"', 0xE2, &bytes[at..]) {
            at += k + 1;
            if bytes[at - 1] == b'"' {
                self.straight += 1;
            } else {
                match &bytes[at..] {
                    [0x80, 0x9C, ..] => self.open += 1,
                    [0x80, 0x9D, ..] => self.close += 1,
                    _ => {}
                }
            }
        }
        self.at = pos;
        self.straight % 2 == 1 || self.open > self.close
    }
}

/// Appends the placeholder of slot `i` of class `class`; a slot number of one digit is written
/// without the general number writer (a placeholder is written for every slot of every sentence).
fn push_placeholder(out: &mut String, class: char, i: usize) {
    out.push(OPEN);
    out.push(class);
    // Most sentences have fewer than ten slots.
    match u8::try_from(i) {
        Ok(digit @ 0..=9) => out.push(char::from(b'0' + digit)),
        _ => super::push_unsigned(out, i as u64, 0),
    }
    out.push(CLOSE);
}

/// Writes the masked text; `marks` holds the places of every byte E2 and EE of the sentence
/// (and maybe others), in order.
fn build(text: &str, s0: usize, e0: usize, buffers: Buffers, marks: &[usize]) -> Masked {
    let Buffers { text: mut out, mut map, slots, mut positions } = buffers;
    // The sentence with each slot's text replaced by its placeholder: the masked text is no
    // longer (a straightened character is shorter than it was, U+FFFD as long as a mark), so it
    // is written without growing (a placeholder is often longer than its text: "he", "US").
    let replaced: usize = slots.iter().map(|s| s.end - s.start).sum();
    let placeholders: usize = (0..slots.len()).map(|i| 2 * OPEN.len_utf8() + 1 + i.checked_ilog10().map_or(1, |d| d as usize + 1)).sum();
    out.reserve((e0 - s0 + placeholders).saturating_sub(replaced));
    // An entry for each slot and each run between, and two for each character made straight.
    map.reserve(2 * slots.len() + 2 + 2 * marks.len());
    positions.reserve(slots.len());
    let mut pos = s0;
    // Every character the mask straightens is three bytes starting 0xE2 (U+2013..U+201D), and
    // the placeholder marks (U+E000, U+E001) start 0xEE, so only those bytes need a look; the
    // runs between them are copied whole. A placeholder mark in the article itself becomes
    // U+FFFD: copied as it is, it would read as a placeholder of a slot that does not exist.
    // The lead bytes are found once for the sentence (`marks`), not searched for again in every
    // run between slots; a run starts at or after the end of the one before.
    let bytes = text.as_bytes();
    let mut next_mark = 0;
    let mut push_verbatim = |out: &mut String, map: &mut Vec<(usize, usize, bool)>, from: usize, to: usize| {
        let mut run_start = from;
        next_mark += marks[next_mark..].partition_point(|&k| k < from);
        while let Some(&abs) = marks.get(next_mark).filter(|&&k| k < to) {
            next_mark += 1;
            if !matches!(bytes[abs], 0xE2 | 0xEE) {
                continue;
            }
            let c = text[abs..].chars().next().expect("a character starts at a lead byte");
            let at = abs + c.len_utf8();
            let r = match c {
                '’' | '‘' => '\'',
                '“' | '”' => '"',
                '—' | '–' => '-',
                OPEN | CLOSE => char::REPLACEMENT_CHARACTER,
                _ => continue,
            };
            if run_start < abs {
                map.push((out.len(), run_start, true));
                out.push_str(&text[run_start..abs]);
            }
            map.push((out.len(), abs, false));
            out.push(r);
            run_start = at;
        }
        if run_start < to {
            map.push((out.len(), run_start, true));
            out.push_str(&text[run_start..to]);
        }
    };
    for (i, slot) in slots.iter().enumerate() {
        if slot.start > pos {
            push_verbatim(&mut out, &mut map, pos, slot.start);
        }
        map.push((out.len(), slot.start, false));
        let at = out.len();
        push_placeholder(&mut out, slot.class, i);
        positions.push((at, out.len()));
        pos = slot.end;
    }
    if pos < e0 {
        push_verbatim(&mut out, &mut map, pos, e0);
    }
    Masked { text: out, map, slots, positions, start: s0, end: e0, quoted: std::cell::OnceCell::new() }
}

#[cfg(test)]
mod tests {
    use super::super::mentions::detect;

    /// The pattern [`pronouns`] reads by hand, as the resolver ran it.
    static PRONOUN: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        crate::extract::regex(r"\b(?P<he>[Hh]e|[Ss]he)\b|\b(?P<it>[Ii]t)\s+(?:said|says|reported|wrote|added|announced|stated)\b|\b(?P<outlet>[Tt]he (?:newspaper|daily|agency|paper|outlet|broadcaster|weekly))\b|\b(?P<ministry>[Tt]he ministry)\b|\b(?P<countries>(?:[Tt]he|[Bb]oth) (?:two )?(?:countries|sides|parties|nations|states|governments|delegations))\b|\b(?P<people>(?:[Tt]he|[Bb]oth) (?:two |three )?(?:leaders|presidents|ministers|Ministers|heads of state|foreign ministers))\b|\b(?P<spokes>[Tt]he (?:spokesperson|spokesman|spokeswoman))\b|\b(?P<both>[Bb]oth) (?:attended|met|signed|agreed|held|visited|were|are|have|had|took|expect)\b|\b(?P<they>[Tt]hey)\b")
            .expect("pronoun regex")
    });

    /// What the resolver read from [`PRONOUN`]'s captures: (start, end, alternative, length
    /// of its group) of every match. The group of every alternative starts where its match does.
    fn pronouns_by_captures(s: &str) -> Vec<(usize, usize, Pronoun, usize)> {
        let groups = [
            ("he", Pronoun::He),
            ("it", Pronoun::It),
            ("outlet", Pronoun::Outlet),
            ("ministry", Pronoun::Ministry),
            ("countries", Pronoun::Countries),
            ("people", Pronoun::People),
            ("spokes", Pronoun::Spokes),
            ("both", Pronoun::Both),
            ("they", Pronoun::They),
        ];
        PRONOUN
            .captures_iter(s)
            .map(|caps| {
                let whole = caps.get(0).expect("match");
                let (g, kind) = groups.iter().find_map(|&(name, kind)| caps.name(name).map(|g| (g, kind))).expect("one group matches");
                assert_eq!(g.start(), whole.start(), "{s:?}");
                (whole.start(), whole.end(), kind, g.len())
            })
            .collect()
    }

    fn pronouns_by_hand(s: &str) -> Vec<(usize, usize, Pronoun, usize)> {
        // A buffer that held other references first.
        let mut found = vec![(0, 1, Pronoun::He, 1)];
        pronouns(s, 0, s.len(), &mut found);
        // The same sentence inside a text, with bytes after it that would make or unmake a
        // reference if they were read as the sentence's, and bytes before it.
        for (before, after) in [("", "e"), ("t", "he two leaders said"), ("both ", "t said"), ("\u{e9}", " he")] {
            let text = [before, s, after].concat();
            let mut inside = Vec::new();
            pronouns(&text, before.len(), before.len() + s.len(), &mut inside);
            assert_eq!(inside, found, "{s:?} after {before:?}, before {after:?}");
        }
        found
    }

    const PIECES: &[&str] = &[
        "he", "He", "she", "She", "it", "It", "they", "They", "the", "The", "both", "Both", "two", "three", "said", "says", "reported",
        "wrote", "added", "announced", "stated", "newspaper", "daily", "agency", "paper", "outlet", "broadcaster", "weekly", "ministry",
        "countries", "sides", "parties", "nations", "states", "governments", "delegations", "leaders", "presidents", "ministers",
        "Ministers", "heads of state", "heads", "of", "state", "foreign ministers", "foreign", "spokesperson", "spokesman", "spokeswoman",
        "attended", "met", "signed", "agreed", "held", "visited", "were", "are", "have", "had", "took", "expect", "theme", "shed", "its",
        "bother", "x", ",", ".", "\"", "’", "é", "_", "-", "\u{a0}", "\n", "  ", "\u{E000}P0\u{E001}", "papers", "HE", "tHe", "9", "\t",
        "\u{2003}",
    ];

    #[test]
    fn pronouns_read_by_hand_as_by_captures() {
        let mut sentences = crate::extract::testing::example_sentences();
        sentences.extend(crate::extract::testing::random_sentences(PIECES, 50_000, 10, 4));
        // Long sentences as well.
        let long = crate::extract::testing::random_sentences(PIECES, 3_000, 150, 4);
        assert!(long.iter().filter(|s| s.len() > 300).count() > 1_000);
        sentences.extend(long);
        let mut found = 0;
        for s in &sentences {
            let expected = pronouns_by_captures(s);
            found += expected.len();
            assert_eq!(pronouns_by_hand(s), expected, "{s:?}");
            assert_eq!(pronouns_by_word_starts(s).collect::<Vec<_>>(), expected, "{s:?}");
        }
        assert!(found > 10_000, "{found}");
    }

    /// [`h_or_i_bytes`] marks exactly the bytes `h`, `H`, `i` and `I`, whatever their
    /// neighbours: every pair of byte values, in every pair of neighbouring places.
    #[test]
    fn h_or_i_bytes_marks_the_four_letters() {
        let marked = |b: u64| u64::from(matches!(b as u8, b'h' | b'H' | b'i' | b'I'));
        for low in 0..256u64 {
            for high in 0..256u64 {
                for k in 0..7 {
                    let x = (low << (8 * k)) | (high << (8 * (k + 1))) | 0x4869_0000_0000_0000u64.wrapping_mul(u64::from(k == 0));
                    let mut expected = 0u64;
                    for j in 0..8 {
                        expected |= marked((x >> (8 * j)) & 0xff) << (8 * j + 7);
                    }
                    assert_eq!(super::h_or_i_bytes(x), expected, "{x:#018x}");
                }
            }
        }
    }

    /// [`reference_bytes`] marks exactly the `h`s and `i`s (either case) followed by what it
    /// names: every pair of byte values, in every place of the eight, beside other pairs.
    #[test]
    fn reference_bytes_marks_the_letters_before_their_next_bytes() {
        let marked = |a: u8, next: u8| matches!((a, next), (b'h' | b'H', b'e' | b' ') | (b'i' | b'I', b't' | b' '));
        let mut marks = 0;
        for a in 0..=255u8 {
            for next in 0..=255u8 {
                for k in 0..8 {
                    // The pair at place `k` of a text of ten bytes whose other bytes are pairs to mark or not.
                    let mut text = *b"hei thIt x";
                    text.rotate_left(usize::from(a) % 10);
                    text[k] = a;
                    text[k + 1] = next;
                    let x = super::super::eight_bytes_at(&text, 0);
                    let y = super::super::eight_bytes_at(&text, 1);
                    let mut expected = 0u64;
                    for j in 0..8 {
                        expected |= u64::from(marked(text[j], text[j + 1])) << (8 * j + 7);
                    }
                    marks += expected.count_ones();
                    assert_eq!(super::reference_bytes(x, y), expected, "{text:?}");
                }
            }
        }
        assert!(marks > 500_000, "{marks}");
    }

    /// [`super::last_two_distinct`] gives what the loop it replaced gave: every list of up to
    /// seven entities of four.
    #[test]
    fn last_two_distinct_as_by_the_loop() {
        let by_loop = |seen: &[usize]| {
            let mut out = Vec::new();
            for &c in seen.iter().rev() {
                if !out.contains(&c) {
                    out.push(c);
                }
                if out.len() == 2 {
                    break;
                }
            }
            out.reverse();
            out
        };
        for len in 0..8u32 {
            for code in 0..4usize.pow(len) {
                let seen: Vec<usize> = (0..len).map(|k| code / 4usize.pow(k) % 4).collect();
                assert_eq!(*super::last_two_distinct(seen.iter().rev().copied()), *by_loop(&seen), "{seen:?}");
            }
        }
    }

    /// [`in_quote`] as it was: every byte of the sentence up to `pos` read in turn.
    fn in_quote_by_bytes(text: &str, s0: usize, pos: usize) -> bool {
        let (mut straight, mut open, mut close) = (0, 0, 0);
        let mut bytes = text.as_bytes()[s0..pos].iter();
        while let Some(&b) = bytes.next() {
            match b {
                b'"' => straight += 1,
                0xE2 => match bytes.as_slice() {
                    [0x80, 0x9C, ..] => open += 1,
                    [0x80, 0x9D, ..] => close += 1,
                    _ => {}
                },
                _ => {}
            }
        }
        straight % 2 == 1 || open > close
    }

    #[test]
    fn quote_scan_as_in_quote() {
        let mut texts = vec!["He said “yes” and \"no\", then “maybe — x” and ”odd“ end.".to_owned()];
        texts.extend(crate::extract::testing::random_sentences(&["“", "”", "\"", "—", "–", "’", "‘", "\u{2022}", "\u{E000}", "x", "é", "he said"], 20_000, 12, 3));
        let mut inside = 0;
        for text in &texts {
            let starts: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            for s0 in [0, starts[starts.len() / 3]] {
                let mut scan = QuoteScan::new(text, s0);
                for &pos in starts.iter().filter(|&&p| p >= s0) {
                    let expected = in_quote_by_bytes(text, s0, pos);
                    inside += usize::from(expected);
                    assert_eq!(scan.in_quote(pos), expected, "{text:?} {pos}");
                    assert_eq!(in_quote(text, s0, pos), expected, "{text:?} {pos}");
                }
            }
        }
        assert!(inside > 10_000, "{inside}");
    }

    /// [`Masked::slots_in`] as it was: the placeholders read from the text.
    fn slots_by_reading(m: &Masked, from: usize, to: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut rest = &m.text[from..to];
        while let Some((end, digits)) = next_placeholder(rest) {
            if let Ok(i) = digits.parse() {
                out.push(i);
            }
            rest = &rest[end..];
        }
        out
    }

    /// The slots of a span are found from the placeholders' positions as from the text, and
    /// the placeholders are written as `format!` wrote them.
    #[test]
    fn slots_found_and_written_as_before() {
        let gaz = Gazetteer::bundled();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut texts = vec!["Putin visited Pyongyang, the \u{E000}N7\u{E001} newspaper said \u{E001}\u{E000}P1.".to_owned()];
        for dir in ["examples/articles", "examples/gold/articles"] {
            for entry in std::fs::read_dir(root.join(dir)).expect("examples") {
                texts.push(std::fs::read_to_string(entry.expect("entry").path()).unwrap_or_default());
            }
        }
        let (mut spans, mut found) = (0, 0);
        for text in &texts {
            let seg = segment(text, None);
            let d = detect(text, &seg, &gaz, &ArticleMeta::default());
            let mut registry = d.registry.clone();
            let mut r = Resolver::new(text, &gaz, &d.mentions, &d.titles, d.publisher);
            for sentence in &seg.sentences {
                let m = r.mask(sentence, &mut registry);
                let starts: Vec<usize> = (0..=m.text.len()).filter(|&i| m.text.is_char_boundary(i)).collect();
                for (k, &from) in starts.iter().enumerate() {
                    for &to in starts[k..].iter().step_by(7).chain(starts.last()) {
                        let expected = slots_by_reading(&m, from, to);
                        found += expected.len();
                        spans += 1;
                        assert_eq!(m.slots_in(from, to), expected, "{:?} {from} {to}", m.text);
                    }
                }
            }
        }
        assert!(spans > 100_000 && found > 100_000, "{spans} {found}");
        for i in (0..100_000).chain([usize::MAX]) {
            for class in ['P', 'C', 'G', 'J'] {
                let mut out = "x".to_owned();
                push_placeholder(&mut out, class, i);
                assert_eq!(out, format!("x{OPEN}{class}{i}{CLOSE}"));
            }
        }
    }

    use super::super::segment::segment;
    use super::*;
    use crate::facts::ArticleMeta;

    fn masks(text: &str) -> (Vec<String>, Registry) {
        let gaz = Gazetteer::bundled();
        let seg = segment(text, None);
        let d = detect(text, &seg, &gaz, &ArticleMeta::default());
        let mut registry = d.registry.clone();
        let mut r = Resolver::new(text, &gaz, &d.mentions, &d.titles, d.publisher);
        let out = seg
            .sentences
            .iter()
            .map(|s| {
                let m = r.mask(s, &mut registry);
                let mut t = m.text.clone();
                for (i, slot) in m.slots.iter().enumerate().rev() {
                    let names: Vec<&str> = slot.entities.iter().map(|&e| registry.get(e).name.as_str()).collect();
                    t = t.replace(&format!("{OPEN}{}{i}{CLOSE}", slot.class), &format!("[{}:{}]", slot.class, names.join("+")));
                }
                t
            })
            .collect();
        (out, registry)
    }

    #[test]
    fn titles_fold_and_pronouns_resolve() {
        let (m, _) = masks("Russian President Vladimir Putin’s visit ended. Kim invited Putin to visit North Korea when he was on a visit to Russia. Kim Jong Un smiled.");
        assert_eq!(m[0], "[P:Vladimir Putin]'s visit ended.");
        assert_eq!(m[1], "[P:Kim Jong Un] invited [P:Vladimir Putin] to visit [C:North Korea] when [P:Kim Jong Un] was on a visit to [C:Russia].");
    }

    #[test]
    fn outlets_groups_and_metonyms() {
        let (m, _) = masks("China’s The Global Times newspaper said so. \"Moscow is ready,\" it said. Russia and North Korea agree, he told the newspaper. The two countries will talk.");
        assert_eq!(m[0], "[C:China]'s [N:Global Times] newspaper said so.");
        assert_eq!(m[1], "\"[C:Russia] is ready,\" [N:Global Times] said.");
        assert!(m[2].ends_with("told [N:Global Times]."), "{}", m[2]);
        assert_eq!(m[3], "[G:Russia+North Korea] will talk.");
    }

    #[test]
    fn descriptions_resolve_through_roles() {
        let (m, _) = masks("Sisi paid a visit to Beijing, during which he invited the Chinese leader to Egypt. Chinese President Xi Jinping arrived. He was in the Mongolian capital.");
        assert!(m[0].contains("invited [P:Xi Jinping] to [C:Egypt]"), "{}", m[0]);
        assert!(m[2].contains("[L:Ulaanbaatar]"), "{}", m[2]);
    }

    /// The masked first sentence of `text`.
    /// A masked sentence answers [`in_quote`] as its text does, with quotation marks or none.
    #[test]
    fn masked_in_quote_as_its_text() {
        for text in ["“Putin will visit,” he said in Moscow.", "Putin said \"he will\" visit Paris.", "Putin’s visit — to Paris – ended.", "Putin visited Paris."] {
            let m = first_masked(text);
            for from in [0, 3] {
                for pos in (from..=m.text.len()).filter(|&p| m.text.is_char_boundary(p)) {
                    assert_eq!(m.in_quote(from, pos), in_quote(&m.text, from, pos), "{text:?} {pos}");
                }
            }
        }
    }

    fn first_masked(text: &str) -> Masked {
        let gaz = Gazetteer::bundled();
        let seg = segment(text, None);
        let d = detect(text, &seg, &gaz, &ArticleMeta::default());
        let mut registry = d.registry.clone();
        let mut r = Resolver::new(text, &gaz, &d.mentions, &d.titles, None);
        r.mask(&seg.sentences[0], &mut registry)
    }

    #[test]
    fn offsets_map_back() {
        let text = "Putin’s visit to Pyongyang — a success.";
        let m = first_masked(text);
        let at = m.text.find("visit").unwrap();
        assert_eq!(&text[m.orig(at, false)..m.orig(at + 5, true)], "visit");
        let (p0, p1) = m.slot_pos(1).unwrap();
        assert_eq!(&text[m.orig(p0, false)..m.orig(p1, true)], "Pyongyang");
        let dash = m.text.find('-').unwrap();
        assert_eq!(&text[m.orig(dash, false)..m.orig(dash + 1, true)], "—");
    }

    /// Found by fuzzing the `extract` target: an article holding the placeholder marks itself
    /// ("\u{E000}N7\u{E001}") made speech read a slot the sentence does not have, and panic.
    #[test]
    fn placeholder_marks_in_the_text_are_not_placeholders() {
        let text = "Putin visited Pyongyang, the \u{E000}N7\u{E001} newspaper said \u{E001}\u{E000}P1.";
        let m = first_masked(text);
        assert_eq!(m.slots_in(0, m.text.len()), (0..m.slots.len()).collect::<Vec<_>>(), "{:?}", m.text);
        assert_eq!(m.text.matches(OPEN).count(), m.slots.len(), "{:?}", m.text);
        let mark = m.text.find(char::REPLACEMENT_CHARACTER).unwrap();
        assert_eq!(&text[m.orig(mark, false)..m.orig(mark + 3, true)], "\u{E000}");
    }
}
