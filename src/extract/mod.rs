//! The built-in English news extractor: article text → [`ArticleFacts`].
//!
//! A pipeline of small stages, each in its own module and testable alone:
//!
//! 1. [`segment`]: lines, the dateline, sentences (headline and standfirst apart), words;
//! 2. [`mentions`]: gazetteer matches ([`gazetteer`]) and names found by cues — people by
//!    titles and appositions, organizations by head words, places — with titles kept for
//!    affiliations; surnames; capitals standing for countries;
//! 3. [`coref`]: every sentence masked with its references resolved (pronouns, "the newspaper",
//!    "the two countries", "the Chinese leader");
//! 4. [`frames`]: events from the trigger tables of [`rules`], with dates ([`time`]) and
//!    modality ([`modality`]), linked across sentences; agreements;
//! 5. [`speech`]: statements and quotes; [`roles`]: affiliations;
//! 6. here: entities and facts with ids, evidence in character offsets, and an explanation per
//!    fact (the rule and the sentence).
//!
//! Deterministic: the same article gives byte-identical facts (no hash-map order is observable).

pub mod coref;
pub mod entities;
pub mod frames;
pub mod gazetteer;
pub mod mentions;
pub mod modality;
pub mod roles;
pub mod rules;
pub mod segment;
pub mod speech;
pub mod time;

#[cfg(test)]
mod tests;

/// What the stages' tests share when they compare a hand-written matcher with the pattern it
/// replaced: the same sentences for both.
#[cfg(test)]
pub(crate) mod testing {
    /// The bundled example and gold articles, cut at every ". ".
    pub(crate) fn example_sentences() -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut sentences = Vec::new();
        for dir in ["examples/articles", "examples/gold/articles"] {
            for entry in std::fs::read_dir(root.join(dir)).expect("examples") {
                let text = std::fs::read_to_string(entry.expect("entry").path()).unwrap_or_default();
                sentences.extend(text.split(". ").map(str::to_owned));
            }
        }
        sentences
    }

    /// `count` sentences of 1 to `most` of `pieces` drawn at random (a fixed xorshift seed, so
    /// every run tests the same ones), each piece followed by a space except about one time in
    /// `unspaced`: pieces also run together, as words and punctuation do.
    pub(crate) fn random_sentences(pieces: &[&str], count: usize, most: u64, unspaced: u64) -> Vec<String> {
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        (0..count)
            .map(|_| {
                let mut s = String::new();
                for _ in 0..1 + next() % most {
                    s.push_str(pieces[(next() % pieces.len() as u64) as usize]);
                    if next() % unspaced > 0 {
                        s.push(' ');
                    }
                }
                s
            })
            .collect()
    }

    /// Every range of `text` that starts and ends on a character boundary, `(start, end)` with
    /// `start <= end`: the inputs of the differential tests of span helpers.
    pub(crate) fn char_ranges(text: &str) -> Vec<(usize, usize)> {
        let bounds: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
        bounds.iter().enumerate().flat_map(|(k, &s)| bounds[k..].iter().map(move |&e| (s, e))).collect()
    }
}

use crate::article::Article;
use crate::facts::*;
use compact_str::CompactString;
use entities::Registry;

/// Compiles a pattern with ASCII word boundaries: `\b` in Unicode mode stops the lazy DFA on
/// non-ASCII text (and masked sentences always hold non-ASCII placeholders), which makes every
/// search fall back to a much slower engine. Letters outside ASCII are rare next to the
/// boundaries the rules use.
pub(crate) fn regex(pattern: &str) -> Result<regex::Regex, regex::Error> {
    regex::Regex::new(&pattern.replace(r"\b", r"(?-u:\b)"))
}

/// Cue words in groups, and which groups have a word in a text, found in one pass that ignores
/// ASCII case. A stage gives each pattern the group of words every match of it contains, and
/// runs only the patterns whose group is found.
///
/// `aho_corasick`'s DFA of all the words (standard semantics: a state holds every word ending
/// there, overlapping ones too), copied into tables of its own: a pass is a class look-up and a
/// table step a byte, and a match state (numbered after all the others, so one comparison tells
/// it) ORs in its words' groups. Walking the crate's DFA through its trait cost about three
/// times as much a byte, and its overlapping search, which reports each occurrence, more still.
pub(crate) struct CueSet {
    /// The class of each byte: bytes every state treats alike share one.
    class: [u8; 256],
    /// The transitions, a row per class: state `s` goes on a byte of class `c` to
    /// `rows[c][s]`. (Rows by class rather than by state: the row is found from the byte
    /// alone, before the step before it ends, so each step waits only on its one load, not on
    /// an addition to the state first. A row for each of the 256 classes a `u8` can name,
    /// the unused ones empty, so that the class needs no bounds check.)
    rows: Box<[Box<[u16]>; 256]>,
    /// The first match state, a power of two: every state from it on is one, and has its bit.
    first_match: u16,
    /// The groups of each match state, a bit each, by its number less the first match state's.
    groups: Vec<u64>,
    /// The start state.
    start: u16,
    /// The longest word's length in bytes: the state after any text is the state after its
    /// last this many bytes, read from the start.
    longest: usize,
    /// How many classes there are (the rows in use).
    classes: usize,
    /// The crate's DFA, which the tables are read from, kept for the test that walks both.
    #[cfg(test)]
    dfa: aho_corasick::dfa::DFA,
    #[cfg(test)]
    group_of: Vec<u64>,
}

impl CueSet {
    /// A set of `(word, group)`, groups below 64.
    pub(crate) fn new<'w>(words: impl IntoIterator<Item = (&'w str, usize)>) -> Self {
        use aho_corasick::automaton::Automaton;
        let (words, groups): (Vec<&str>, Vec<usize>) = words.into_iter().unzip();
        let longest = words.iter().map(|w| w.len()).max().unwrap_or(0);
        let group_of: Vec<u64> = groups
            .iter()
            .map(|&g| {
                assert!(g < 64, "a group is a bit of a u64");
                1u64 << g
            })
            .collect();
        // Standard match semantics: every word ending at a position is a match there.
        let dfa = aho_corasick::dfa::DFA::builder()
            .ascii_case_insensitive(true)
            .match_kind(aho_corasick::MatchKind::Standard)
            .start_kind(aho_corasick::StartKind::Unanchored)
            .prefilter(false)
            .build(words)
            .expect("cue automaton");
        let start = dfa.start_state(aho_corasick::Anchored::No).expect("an unanchored start");
        // The states reachable from the start, each with its groups and its step on every byte.
        let mut ids: FxMap<aho_corasick::automaton::StateID, usize> = FxMap::default();
        let mut states = vec![start];
        ids.insert(start, 0);
        let mut rows: Vec<[usize; 256]> = Vec::new();
        let mut state_groups: Vec<u64> = Vec::new();
        while let Some(&state) = states.get(rows.len()) {
            let mut row = [0usize; 256];
            for (b, to) in row.iter_mut().enumerate() {
                let next = dfa.next_state(aho_corasick::Anchored::No, state, b as u8);
                *to = *ids.entry(next).or_insert_with(|| {
                    states.push(next);
                    states.len() - 1
                });
            }
            rows.push(row);
            let found = if dfa.is_match(state) { (0..dfa.match_len(state)).fold(0, |acc, i| acc | group_of[dfa.match_pattern(state, i).as_usize()]) } else { 0 };
            state_groups.push(found);
        }
        // Byte classes: bytes whose column of steps is the same.
        let mut class = [0u8; 256];
        let mut columns: Vec<Vec<usize>> = Vec::new();
        let mut column_ids: FxMap<Vec<usize>, usize> = FxMap::default();
        for (b, class) in class.iter_mut().enumerate() {
            let column: Vec<usize> = rows.iter().map(|row| row[b]).collect();
            let c = *column_ids.entry(column.clone()).or_insert_with(|| {
                columns.push(column);
                columns.len() - 1
            });
            *class = u8::try_from(c).expect("at most 256 classes");
        }
        // Numbers: the states that match no word first (the start among them: it matches none,
        // as no word is empty), from 0; then the match states, from a power of two `first_match`
        // above both counts, so that a state matches exactly when it has the bit `first_match`
        // (every state is below twice it): one test tells whether any of four states matched.
        let plain: Vec<usize> = (0..rows.len()).filter(|&s| state_groups[s] == 0).collect();
        let matching: Vec<usize> = (0..rows.len()).filter(|&s| state_groups[s] != 0).collect();
        let first_match = plain.len().max(matching.len()).next_power_of_two();
        let numbered = || plain.iter().enumerate().chain(matching.iter().enumerate().map(|(j, s)| (first_match + j, s)));
        let mut number = vec![0u16; rows.len()];
        for (k, &s) in numbered() {
            number[s] = u16::try_from(k).expect("the states fit a u16");
        }
        // (The numbers between the plain states and `first_match` are unused.)
        let mut rows: Box<[Box<[u16]>; 256]> = Box::new(std::array::from_fn(|_| Box::default()));
        for (row, column) in rows.iter_mut().zip(&columns) {
            let mut steps = vec![0u16; first_match + matching.len()];
            for (k, &s) in numbered() {
                steps[k] = number[column[s]];
            }
            *row = steps.into_boxed_slice();
        }
        let groups = matching.iter().map(|&s| state_groups[s]).collect();
        Self {
            class,
            rows,
            first_match: u16::try_from(first_match).expect("the states fit a u16"),
            groups,
            start: number[0],
            longest,
            classes: columns.len(),
            #[cfg(test)]
            dfa,
            #[cfg(test)]
            group_of,
        }
    }

    /// The groups with a word in `text`, a bit each.
    ///
    /// Each step waits for the one before (a load from the table at the state it gives), so
    /// one walk takes a load's latency a byte whatever the processor could do beside it. A
    /// text long enough is read as two walks side by side: its first half, and its second half
    /// from [`CueSet::longest`] bytes earlier, where a walk from the start reaches the state
    /// the first walk would have there (a match either walk sees is a word of the text).
    pub(crate) fn groups_in(&self, text: &str) -> u64 {
        let bytes = text.as_bytes();
        if bytes.len() < 2 * self.longest + Self::TWO_WALKS_FROM {
            return self.groups_in_walks(bytes, &[]);
        }
        let split = (bytes.len() + self.longest) / 2;
        self.groups_in_walks(&bytes[..split], &bytes[split - self.longest..])
    }

    /// Reads the first [`CueSet::WARM_STATES`] states of every row, so that a walk finds them in
    /// the first-level cache. Between one article's cue pass and the next, the other stages push
    /// the rows out of it (and out of the second level, often), and a walk's steps, each waiting
    /// for the one before, then wait for each line in turn, where these loads, independent of one
    /// another, are waited for together.
    pub(crate) fn warm(&self) {
        let mut x = 0u16;
        for row in &self.rows[..self.classes] {
            for state in (0..Self::WARM_STATES).step_by(32) {
                x ^= row.get(state).copied().unwrap_or(0);
            }
        }
        // (So that the loads are made, though nothing reads what they read.)
        std::hint::black_box(x);
    }

    /// The states [`CueSet::warm`] reads of each row (32 to a 64-byte line): the shallow ones,
    /// numbered first, where a walk over ordinary text spends most of its steps.
    const WARM_STATES: usize = 128;

    /// Beyond twice the longest word, the bytes from which two walks pay for the bytes read
    /// twice.
    const TWO_WALKS_FROM: usize = 32;

    /// The groups with a word in `a` or in `b`, two walks from the start side by side (`b` no
    /// shorter than `a`, or empty).
    fn groups_in_walks(&self, a: &[u8], b: &[u8]) -> u64 {
        let mut found = 0u64;
        // (The bounds check on the state is a branch the processor predicts, off the chain of
        // loads.)
        let step = |state: u16, b: u8| self.rows[usize::from(self.class[usize::from(b)])][usize::from(state)];
        // A match state has the bit `first_match` (a power of two), and no other state has it.
        let mut record = |state: u16| {
            if state & self.first_match != 0 {
                found |= self.groups[usize::from(state - self.first_match)];
            }
        };
        // Four bytes a turn: the loop's own count, and the test for a match state, paid once for
        // four steps of each walk (few steps reach one). (`chunks_exact` rather than
        // `as_chunks`, which needs Rust 1.88.)
        let (mut sa, mut sb) = (self.start, self.start);
        let fours_a = a.chunks_exact(4);
        let (rest_a, turns) = (fours_a.remainder(), fours_a.len());
        if b.is_empty() {
            for four in fours_a {
                let s1 = step(sa, four[0]);
                let s2 = step(s1, four[1]);
                let s3 = step(s2, four[2]);
                sa = step(s3, four[3]);
                if (s1 | s2 | s3 | sa) & self.first_match != 0 {
                    record(s1);
                    record(s2);
                    record(s3);
                    record(sa);
                }
            }
        } else {
            for (fa, fb) in fours_a.zip(b.chunks_exact(4)) {
                let (a1, b1) = (step(sa, fa[0]), step(sb, fb[0]));
                let (a2, b2) = (step(a1, fa[1]), step(b1, fb[1]));
                let (a3, b3) = (step(a2, fa[2]), step(b2, fb[2]));
                (sa, sb) = (step(a3, fa[3]), step(b3, fb[3]));
                if (a1 | a2 | a3 | sa | b1 | b2 | b3 | sb) & self.first_match != 0 {
                    for s in [a1, a2, a3, sa, b1, b2, b3, sb] {
                        record(s);
                    }
                }
            }
        }
        for &byte in rest_a {
            sa = step(sa, byte);
            record(sa);
        }
        for &byte in b.get(4 * turns..).unwrap_or_default() {
            sb = step(sb, byte);
            record(sb);
        }
        found
    }

    /// [`CueSet::groups_in`] with the second walk from `split - longest` for a `split` given
    /// (any from `longest` to the text's length), for the test of every split.
    #[cfg(test)]
    pub(crate) fn groups_in_split(&self, text: &str, split: usize) -> u64 {
        let bytes = text.as_bytes();
        let (a, b) = (&bytes[..split], &bytes[split - self.longest..]);
        if b.len() >= a.len() {
            self.groups_in_walks(a, b)
        } else {
            // The walks' order does not matter to the groups: the longer one goes second.
            self.groups_in_walks(b, a)
        }
    }

    /// The longest word's length in bytes.
    #[cfg(test)]
    pub(crate) fn longest(&self) -> usize {
        self.longest
    }

    /// [`CueSet::groups_in`] by the crate's DFA, walked as it was before the tables.
    #[cfg(test)]
    pub(crate) fn groups_in_by_dfa(&self, text: &str) -> u64 {
        use aho_corasick::automaton::Automaton;
        let dfa = &self.dfa;
        let mut state = dfa.start_state(aho_corasick::Anchored::No).expect("an unanchored start");
        let mut found = 0u64;
        for &b in text.as_bytes() {
            state = dfa.next_state(aho_corasick::Anchored::No, state, b);
            if dfa.is_special(state) && dfa.is_match(state) {
                found |= (0..dfa.match_len(state)).fold(0, |acc, i| acc | self.group_of[dfa.match_pattern(state, i).as_usize()]);
            }
        }
        found
    }
}

/// `text.to_lowercase()`, handed to `f`: a short ASCII text (nearly every one asked for) is
/// lowered on the stack, as its lower case is its ASCII lower case, without allocating.
pub(crate) fn with_lowercase<R>(text: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 64];
    if let Some(lower) = buf.get_mut(..text.len()).filter(|_| text.is_ascii()) {
        lower.copy_from_slice(text.as_bytes());
        lower.make_ascii_lowercase();
        return f(std::str::from_utf8(lower).expect("ASCII is UTF-8"));
    }
    f(&text.to_lowercase())
}

/// Where the white space from byte `at` ends: the first character at or after it that is not
/// white space (Unicode), or the end of `text`. For the stages that read sentences by hand.
#[inline]
pub(crate) fn space_end(text: &str, at: usize) -> usize {
    // ASCII is told from the byte (white space there is 09..0D and the space, as for
    // `char::is_whitespace`); a character is decoded only where one outside ASCII starts.
    let bytes = text.as_bytes();
    let mut i = at;
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii() {
            if !matches!(b, b'\t'..=b'\r' | b' ') {
                return i;
            }
            i += 1;
        } else {
            let c = text[i..].chars().next().expect("a character starts here");
            if !c.is_whitespace() {
                return i;
            }
            i += c.len_utf8();
        }
    }
    i
}

/// [`space_end`] as it was written: the first character that is not white space, found by
/// decoding every character.
#[cfg(test)]
pub(crate) fn space_end_by_characters(text: &str, at: usize) -> usize {
    at + text[at..].find(|c: char| !c.is_whitespace()).unwrap_or(text.len() - at)
}

/// Which byte of each word a table of word bytes ([`byte_table`]) takes.
#[derive(Clone, Copy)]
pub(crate) enum Place {
    First,
    Second,
    Last,
}

/// The byte at `place` of each word of `lists` (each long enough to have one there), as a
/// table: what a matcher tests before it compares the words themselves.
pub(crate) const fn byte_table(lists: &[&[&str]], place: Place) -> [bool; 256] {
    byte_table_cased(lists, place, false)
}

/// [`byte_table`] with each byte in both ASCII cases: for matchers that ignore case.
pub(crate) const fn byte_table_any_case(lists: &[&[&str]], place: Place) -> [bool; 256] {
    byte_table_cased(lists, place, true)
}

/// [`byte_table`], with each byte also in the other ASCII case when `both_cases`.
const fn byte_table_cased(lists: &[&[&str]], place: Place, both_cases: bool) -> [bool; 256] {
    let mut table = [false; 256];
    let mut l = 0;
    while l < lists.len() {
        let mut k = 0;
        while k < lists[l].len() {
            let byte = place.of(lists[l][k].as_bytes());
            table[byte as usize] = true;
            if both_cases {
                table[byte.to_ascii_lowercase() as usize] = true;
                table[byte.to_ascii_uppercase() as usize] = true;
            }
            k += 1;
        }
        l += 1;
    }
    table
}

impl Place {
    /// The byte of `word` at this place.
    pub(crate) const fn of(self, word: &[u8]) -> u8 {
        match self {
            Place::First => word[0],
            Place::Second => word[1],
            Place::Last => word[word.len() - 1],
        }
    }
}

/// A value a stage fills for each article and needs no longer after it (vectors, tables),
/// kept by each thread for its next article, so that an article does not allocate it again:
/// [`take_kept`] the thread's, fill and use it, [`keep`] it again.
pub(crate) type Kept<T> = std::thread::LocalKey<std::cell::RefCell<T>>;

/// The thread's kept value of `key`, leaving a default one in its place (and a default one if
/// another caller holds it, or the thread's locals are being destroyed).
pub(crate) fn take_kept<T: Default>(key: &'static Kept<T>) -> T {
    key.try_with(|k| k.try_borrow_mut().map(|mut k| std::mem::take(&mut *k)).unwrap_or_default()).unwrap_or_default()
}

/// Gives `value` back to the thread's `key`, for the next article (it is dropped instead while
/// the thread's locals are being destroyed).
pub(crate) fn keep<T>(key: &'static Kept<T>, value: T) {
    let _ = key.try_with(|k| {
        if let Ok(mut k) = k.try_borrow_mut() {
            *k = value;
        }
    });
}

/// `s` without the copies of `prefix` at its start (`trim_start_matches(prefix)`, which builds a
/// substring searcher for each call).
pub(crate) fn strip_repeated<'s>(mut s: &'s str, prefix: &str) -> &'s str {
    while let Some(rest) = s.strip_prefix(prefix) {
        s = rest;
    }
    s
}

/// Whether byte `b` is a word character for the patterns' `\b` (ASCII, see [`regex`]): what a
/// hand-written matcher must look at to find the boundaries the pattern it replaces finds.
pub(crate) const fn is_ascii_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Whether the patterns' `\b` (`(?-u:\b)`) holds at byte `i` of `text`: a word byte on one side
/// only (the ends of the text count as not word bytes).
pub(crate) fn ascii_boundary(text: impl AsRef<[u8]>, i: usize) -> bool {
    let b = text.as_ref();
    let word = |j: usize| b.get(j).copied().is_some_and(is_ascii_word_byte);
    (i > 0 && word(i - 1)) != word(i)
}

/// Which of eight bytes (read little-endian) are word bytes ([`is_ascii_word_byte`]), as the
/// high bit of each, found for all eight at once. Each test is of the low seven bits of every
/// byte (a byte with its high bit set, less at most 0x7f, borrows nothing from the next one);
/// bytes outside ASCII are not word bytes.
pub(crate) fn word_bytes(x: u64) -> u64 {
    let low = x & !HIGH;
    let letter = bytes_within(low | (ONES * 0x20), b'a', b'z');
    let digit = bytes_within(low, b'0', b'9');
    let underscore = bytes_within(low, b'_', b'_');
    (letter | digit | underscore) & !x & HIGH
}

/// The first word start at or after `at` (a word byte with none before it: where the patterns'
/// `\b` begins a word) whose byte `first` accepts, eight bytes at a time ([`word_bytes`]). The
/// stages now take their word starts from [`WordStarts`], which reads each eight bytes once;
/// this search, tested against a byte-by-byte reading, is the oracle of its tests.
#[cfg(test)]
pub(crate) fn next_word_start(bytes: &[u8], at: usize, first: impl Fn(u8) -> bool) -> Option<usize> {
    let mut at = at;
    let mut after_word = at > 0 && is_ascii_word_byte(bytes[at - 1]);
    while let Some(eight) = bytes.get(at..at + 8) {
        let words = word_bytes(u64::from_le_bytes(eight.try_into().expect("eight bytes")));
        // The high bit of every byte that starts a word: a word byte after one that is not.
        let mut starts = words & !(words << 8 | u64::from(after_word) << 7);
        while starts != 0 {
            let start = at + (starts.trailing_zeros() / 8) as usize;
            if first(bytes[start]) {
                return Some(start);
            }
            starts &= starts - 1;
        }
        after_word = words >> 63 != 0;
        at += 8;
    }
    while at < bytes.len() {
        let word = is_ascii_word_byte(bytes[at]);
        if word && !after_word && first(bytes[at]) {
            return Some(at);
        }
        after_word = word;
        at += 1;
    }
    None
}

/// The word starts at or after `at` that `accept` accepts (it is given their place), in order:
/// [`next_word_start`] asked again from each one found, but reading each eight bytes once (a
/// search from every candidate read most bytes twice, and paid its set-up each time).
pub(crate) struct WordStarts<'b, F> {
    bytes: &'b [u8],
    /// The first byte of the next eight to read.
    next: usize,
    /// The first byte of the eight read last.
    base: usize,
    /// The word starts of those eight not yet given, as the high bit of their bytes.
    starts: u64,
    /// Whether the byte before `next` is a word byte.
    after_word: bool,
    accept: F,
}

impl<'b, F: Fn(usize) -> bool> WordStarts<'b, F> {
    pub(crate) fn new(bytes: &'b [u8], at: usize, accept: F) -> Self {
        let after_word = at > 0 && is_ascii_word_byte(bytes[at - 1]);
        Self { bytes, next: at, base: at, starts: 0, after_word, accept }
    }
}

impl<F: Fn(usize) -> bool> Iterator for WordStarts<'_, F> {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        loop {
            while self.starts != 0 {
                let start = self.base + (self.starts.trailing_zeros() / 8) as usize;
                self.starts &= self.starts - 1;
                if (self.accept)(start) {
                    return Some(start);
                }
            }
            let rest = self.bytes.get(self.next..).filter(|rest| !rest.is_empty())?;
            // (Zeros past the end are not word bytes.)
            let words = word_bytes(eight_bytes_at(rest, 0));
            // The high bit of every byte that starts a word: a word byte after one that is not.
            self.starts = words & !(words << 8 | u64::from(self.after_word) << 7);
            self.after_word = words >> 63 != 0;
            self.base = self.next;
            self.next += 8;
        }
    }
}

/// The eight bytes of `bytes` from `at` as a little-endian word, those past the end zero: for
/// the scans that test eight bytes at a time.
#[inline]
pub(crate) fn eight_bytes_at(bytes: &[u8], at: usize) -> u64 {
    match bytes.get(at..at + 8) {
        Some(eight) => u64::from_le_bytes(eight.try_into().expect("eight bytes")),
        None => bytes.get(at..).unwrap_or_default().iter().rev().fold(0, |x, &b| x << 8 | u64::from(b)),
    }
}

/// The first eight bytes of `bytes[start..end]` as a little-endian word, those past `end` (or
/// past the text) zero: a word's key, read at once ([`eight_bytes_at`]) and masked to its
/// length.
#[inline]
pub(crate) fn word_key(bytes: &[u8], start: usize, end: usize) -> u64 {
    /// `MASKS[n]` is [`key_mask`]`(n)`, read from a table (no branch on the length).
    const MASKS: [u64; 9] = {
        let mut masks = [0; 9];
        let mut n = 0;
        while n < 9 {
            masks[n] = key_mask(n);
            n += 1;
        }
        masks
    };
    eight_bytes_at(bytes, start) & MASKS[(end - start).min(8)]
}

/// [`word_key`] of `bytes[at..end]` where fewer than eight bytes are left before `end` (zero when
/// none are), for the scans that read eight bytes a turn (the pronoun and date-anchor scans): a
/// call of its own, made once a sentence, because inlined into a scan its byte-by-byte reading
/// kept counters of its own from turn to turn and the scan's state spilled to the stack.
#[cold]
#[inline(never)]
pub(crate) fn last_word_key(bytes: &[u8], at: usize, end: usize) -> u64 {
    if at < end {
        word_key(bytes, at, end)
    } else {
        0
    }
}

/// The mask that keeps the first `len` bytes (at most eight) of a little-endian word: a key of
/// that many bytes.
pub(crate) const fn key_mask(len: usize) -> u64 {
    if len >= 8 {
        u64::MAX
    } else {
        (1u64 << (8 * len)) - 1
    }
}

/// [`word_key`] of a whole word, as a `const fn`: the keys of a list's words, made at compile
/// time, are those the text's words are read as.
pub(crate) const fn prefix_key(word: &[u8]) -> u64 {
    let (mut key, mut i) = (0u64, 0);
    while i < word.len() && i < 8 {
        key |= (word[i] as u64) << (8 * i);
        i += 1;
    }
    key
}

/// One in each of eight bytes (`ONES * b` is `b` in each), for the tests of eight bytes at once
/// ([`zero_bytes`], [`bytes_within`]).
pub(crate) const ONES: u64 = 0x0101_0101_0101_0101;

/// The high bit of each of eight bytes, where those tests leave their answers.
pub(crate) const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of each of the eight bytes of `low` (whose high bits are clear: the low seven
/// bits of eight bytes) that is from `first` to `last`: a byte with its high bit set, less at
/// most 0x7f, keeps that bit exactly when it is at least as large, and borrows nothing from the
/// next one.
#[inline(always)]
pub(crate) fn bytes_within(low: u64, first: u8, last: u8) -> u64 {
    let at_least = |k: u8| ((low | HIGH) - ONES * u64::from(k)) & HIGH;
    at_least(first) & !at_least(last + 1)
}

/// The high bit of each of the eight bytes of `v` that is zero, told exactly: the low seven
/// bits of each byte are added to 0x7f on their own, so that no byte carries into the one above
/// (the usual `(v - 0x01…) & !v & 0x80…` borrows, and can mark a 0x01 above a zero byte).
pub(crate) fn zero_bytes(v: u64) -> u64 {
    const LOW: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    !(((v & LOW) + LOW) | v | LOW)
}

/// A fast hasher for the extractor's maps and sets of words, names and indexes (the FxHash
/// function rustc uses, eight bytes at a time): these are looked up for nearly every word, and
/// the standard library's SipHash cost more than the look-ups it guards. Not randomized, and
/// no map is iterated where the order could show in the output.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct FxHasher {
    hash: u64,
}

impl FxHasher {
    /// FxHash's multiplier, also the gazetteer's hash of first words.
    pub(crate) const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(Self::SEED);
    }
}

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.add(u64::from_le_bytes(chunk.try_into().expect("eight bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(last));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

/// A hash map with [`FxHasher`].
pub(crate) type FxMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<FxHasher>>;
/// A hash set with [`FxHasher`].
pub(crate) type FxSet<T> = std::collections::HashSet<T, std::hash::BuildHasherDefault<FxHasher>>;

/// Why a fact was extracted: the rule and the sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    /// The id of the fact.
    pub fact_id: CompactString,
    /// The kind of fact (`visit`, `meeting`, `signing`, `invitation`, `treaty`, `agreement`,
    /// `memorandum`, `statement`, `quote`, `affiliation`).
    pub kind: CompactString,
    /// The name of the rule that produced it.
    pub rule: CompactString,
    /// The sentence it was read from.
    pub sentence: String,
    /// The evidence span, in characters.
    pub span: (usize, usize),
}

/// The facts of one article with their explanations.
#[derive(Debug, Clone, PartialEq)]
pub struct Extracted {
    /// The facts.
    pub facts: ArticleFacts,
    /// One explanation per fact.
    pub explanations: Vec<Explanation>,
}

/// The extractor: the bundled gazetteer and compiled rules, built once; [`Extractor::extract`]
/// is cheap.
#[derive(Debug)]
pub struct Extractor {
    gazetteer: gazetteer::Gazetteer,
    /// How many articles a batch ([`crate::Batch`]) extracts at once; 0: one per core.
    threads: usize,
}

impl Default for Extractor {
    fn default() -> Self {
        Self::new()
    }
}

/// A lower-case, hyphenated id from a name ("Vladimir Putin" → "vladimir-putin"); one of up to
/// 24 bytes (most) is held inline.
pub fn slug(name: &str) -> CompactString {
    if let Some(simple) = name.is_ascii().then(|| simple_ascii_slug(name)).flatten() {
        return simple;
    }
    let mut out = String::with_capacity(name.len());
    // Read a byte at a time: a character is decoded only where one outside ASCII starts.
    let bytes = name.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let alphanumeric = if b.is_ascii() {
            i += 1;
            b.is_ascii_alphanumeric() && {
                out.push(char::from(b.to_ascii_lowercase()));
                true
            }
        } else {
            let c = name[i..].chars().next().expect("a character starts here");
            i += c.len_utf8();
            c.is_alphanumeric() && {
                out.extend(c.to_lowercase());
                true
            }
        };
        if !alphanumeric && !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        out.push_str("entity");
    }
    out.into()
}

/// What [`slug`] makes of each ASCII byte: letters and digits in lower case, any other byte
/// a hyphen.
const SLUG_BYTES: [u8; 128] = {
    let mut table = [b'-'; 128];
    let mut b = 0;
    while b < 128 {
        if (b as u8).is_ascii_alphanumeric() {
            table[b] = (b as u8).to_ascii_lowercase();
        }
        b += 1;
    }
    table
};

/// [`slug`] of an ASCII name made of words with one space or hyphen between them (nearly every
/// name: one is slugged for every entity of every article): each byte mapped through
/// [`SLUG_BYTES`]. `None` for a name that would start or end with a hyphen or hold two together,
/// which [`slug`] reads in full.
fn simple_ascii_slug(name: &str) -> Option<CompactString> {
    let bytes = name.as_bytes();
    if bytes.is_empty() || bytes.len() > INLINE_BYTES {
        return long_simple_ascii_slug(name);
    }
    // A name that fits inline (most) is mapped on the stack, and its hyphens told apart eight
    // bytes at a time: a bit for each, which must be neither the first nor the last nor next
    // to another. (The bytes past the name stay 0, no hyphen.)
    let mut mapped = Aligned([0u8; INLINE_BYTES]);
    for (m, &b) in mapped.0.iter_mut().zip(bytes) {
        *m = SLUG_BYTES[usize::from(b & 0x7f)];
    }
    let mut hyphens = 0u32;
    for (k, word) in mapped.0.chunks_exact(8).enumerate() {
        let t = u64::from_le_bytes(word.try_into().expect("eight bytes")) ^ 0x2d2d_2d2d_2d2d_2d2d;
        // The high bit of each byte of `t` that is 0 (a hyphen); then those eight bits gathered
        // into one byte, the first byte's lowest.
        let zero = zero_bytes(t);
        hyphens |= (((zero >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56) as u32) << (8 * k);
    }
    let last = 1u32 << (bytes.len() - 1);
    (hyphens & (1 | last | hyphens >> 1) == 0).then(|| CompactString::from(std::str::from_utf8(&mapped.0[..bytes.len()]).expect("ASCII is UTF-8")))
}

/// [`simple_ascii_slug`] of a name too long to be held inline (or empty), a byte at a time.
fn long_simple_ascii_slug(name: &str) -> Option<CompactString> {
    // Whether the byte before was a hyphen: at the start, as though one were (a hyphen there is
    // not simple). The test is made in the same pass as the mapping.
    let (mut hyphen_before, mut simple) = (true, true);
    let mapped: Vec<u8> = name
        .bytes()
        .map(|b| {
            let m = SLUG_BYTES[usize::from(b & 0x7f)];
            let hyphen = m == b'-';
            simple &= !(hyphen && hyphen_before);
            hyphen_before = hyphen;
            m
        })
        .collect();
    (simple && !hyphen_before).then(|| String::from_utf8(mapped).expect("ASCII is UTF-8").into())
}

/// Bytes aligned to a word: `str::from_utf8` reads an aligned ASCII text in a tight loop, an
/// unaligned one a byte at a time with a test of the alignment for each.
#[repr(align(8))]
struct Aligned([u8; INLINE_BYTES]);

/// The longest text a [`CompactString`] holds inline, without an allocation.
const INLINE_BYTES: usize = std::mem::size_of::<CompactString>();

/// `parts` end to end, as one [`CompactString`]: one that fits inline (most ids and
/// descriptions) is put together on the stack and never allocated. (`CompactString::push_str`
/// cost about 200 instructions a call.)
fn concat(parts: &[&str]) -> CompactString {
    let len = parts.iter().map(|p| p.len()).sum();
    if len > INLINE_BYTES {
        return parts.concat().into();
    }
    let mut joined = Aligned([0u8; INLINE_BYTES]);
    let mut at = 0;
    for part in parts {
        joined.0[at..at + part.len()].copy_from_slice(part.as_bytes());
        at += part.len();
    }
    CompactString::from(std::str::from_utf8(&joined.0[..len]).expect("texts joined are a text"))
}

/// Appends `n` in decimal, zero-padded to `width` characters: what `format!("{n:0width$}")`
/// writes, without the formatting machinery (ids, dates and placeholders are written for every
/// fact and slot).
pub(crate) fn push_unsigned(out: &mut String, n: u64, width: usize) {
    let len = n.checked_ilog10().map_or(1, |d| d as usize + 1);
    for _ in len..width {
        out.push('0');
    }
    // Up to four digits (months, days, years, most numbers of ids) by pairs from a table, as
    // text: no digit is encoded as a character nor checked as UTF-8.
    let pair = |k: u64| {
        let k = 2 * k as usize;
        &DIGIT_PAIRS[k..k + 2]
    };
    match n {
        0..=9 => out.push(char::from(b'0' + n as u8)),
        10..=99 => out.push_str(pair(n)),
        100..=999 => {
            out.push(char::from(b'0' + (n / 100) as u8));
            out.push_str(pair(n % 100));
        }
        1000..=9999 => {
            out.push_str(pair(n / 100));
            out.push_str(pair(n % 100));
        }
        _ => out.push_str(decimal_digits(n, &mut [0u8; 20])),
    }
}

/// The decimal digits of `n`, written at the end of `buf` (a `u64` has at most 20).
fn decimal_digits(n: u64, buf: &mut [u8; 20]) -> &str {
    let (mut first, mut rest) = (buf.len(), n);
    loop {
        first -= 1;
        buf[first] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    std::str::from_utf8(&buf[first..]).expect("digits are ASCII")
}

/// "00", "01", … "99" in a row: the two digits of `k` are `DIGIT_PAIRS[2 * k..2 * k + 2]`.
const DIGIT_PAIRS: &str = "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899";

/// [`push_unsigned`] with a sign: the sign counts towards `width`, as in `format!`.
pub(crate) fn push_decimal(out: &mut String, n: i64, width: usize) {
    if n < 0 {
        out.push('-');
    }
    push_unsigned(out, n.unsigned_abs(), width.saturating_sub(usize::from(n < 0)));
}

/// `"{base}-{n}"`: a fact id ("quote-3"), or an entity id made distinct (inline when short).
fn numbered(base: &str, n: usize) -> CompactString {
    concat(&[base, "-", decimal_digits(n as u64, &mut [0u8; 20])])
}

/// Byte offsets → character offsets of one text.
struct Chars {
    /// For each block of 64 bytes: the characters started before it, and a mask of its
    /// continuation bytes (0b10xx_xxxx), so that an offset converts with one popcount. A table
    /// per byte cost more to fill than all the conversions it served.
    /// Empty for an ASCII text, whose offsets are its byte offsets.
    blocks: Vec<(u32, u64)>,
    /// The number of characters.
    total: usize,
    /// The number of bytes.
    len: usize,
}

impl Chars {
    fn new(text: &str) -> Self {
        // In an ASCII text (most articles) a character is a byte: no table is needed.
        if text.is_ascii() {
            return Self { blocks: Vec::new(), total: text.len(), len: text.len() };
        }
        let mut blocks = Vec::with_capacity(text.len() / 64 + 1);
        let mut started = 0u32;
        let is_continuation = |b: u8| u64::from((b as i8) < -0x40);
        for block in text.as_bytes().chunks(64) {
            let mut continuation = 0u64;
            // Most text is ASCII: eight bytes at a time hold no continuation byte. (Each eight
            // read whole: copying a last, shorter piece into eight bytes cost a call to memcpy
            // for every eight.)
            let words = block.chunks_exact(8);
            let (rest, whole) = (words.remainder(), block.len() / 8 * 8);
            for (k, word) in words.enumerate() {
                if u64::from_le_bytes(word.try_into().expect("eight bytes")) & 0x8080_8080_8080_8080 == 0 {
                    continue;
                }
                for (j, &b) in word.iter().enumerate() {
                    continuation |= is_continuation(b) << (k * 8 + j);
                }
            }
            for (j, &b) in rest.iter().enumerate() {
                continuation |= is_continuation(b) << (whole + j);
            }
            blocks.push((started, continuation));
            started += block.len() as u32 - continuation.count_ones();
        }
        Self { blocks, total: started as usize, len: text.len() }
    }

    /// The index of the character byte `byte` belongs to; past the end, the number of
    /// characters.
    fn of(&self, byte: usize) -> usize {
        if byte >= self.len {
            return self.total;
        }
        let Some(&(before, continuation)) = self.blocks.get(byte / 64) else {
            // An ASCII text, which has no blocks.
            return byte;
        };
        let bit = byte % 64;
        // Most blocks are ASCII (a popcount is a dozen instructions without the instruction).
        if continuation == 0 {
            return before as usize + bit;
        }
        // The bytes of the block up to and including `byte`, less its continuation bytes, are
        // the characters started there; `byte` belongs to the last of them.
        let started = bit + 1 - (continuation & (u64::MAX >> (63 - bit))).count_ones() as usize;
        before as usize + started - 1
    }
}

fn evidence(text: &str, chars: &Chars, (start, end): (usize, usize)) -> Evidence {
    Evidence { start: chars.of(start), end: chars.of(end), text: Some(text[start..end].into()) }
}

impl Extractor {
    /// Loads the bundled gazetteer and compiles the rules.
    pub fn new() -> Self {
        // Compile the rule tables and the mention stage's patterns now rather than on the
        // first article.
        let _ = &*frames::COMPILED;
        mentions::warm_up();
        Self { gazetteer: gazetteer::Gazetteer::bundled(), threads: 0 }
    }

    /// Extracts up to `threads` articles of a batch at once (0: one per core, the default),
    /// each on its own thread; the documents still come out in input order, byte for byte
    /// what one thread gives.
    pub fn with_threads(mut self, threads: usize) -> Self {
        self.threads = threads;
        self
    }

    /// How many articles a batch extracts at once (the cores are counted when asked, not when
    /// the extractor is built).
    pub fn threads(&self) -> usize {
        match self.threads {
            0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
            n => n,
        }
    }

    /// Extracts the facts of an article, each with its explanation.
    pub fn extract(&self, article: &Article) -> Extracted {
        self.run(article, true)
    }

    /// Extracts the facts of an article without their explanations: what `ingest` and
    /// `extract` without `--explain` need. The facts are those of [`Extractor::extract`];
    /// an explanation copies its fact's sentence, about one allocation in ten of an extraction.
    pub fn extract_facts(&self, article: &Article) -> ArticleFacts {
        self.run(article, false).facts
    }

    /// The extraction; its explanations are left empty unless `explain`.
    fn run(&self, article: &Article, explain: bool) -> Extracted {
        let text = article.text();
        let meta = &article.meta;
        let gaz = &self.gazetteer;
        let seg = segment::segment(text, meta.title.as_deref());
        let mentions::Detected { registry, mentions, mut titles, publisher } = mentions::detect(text, &seg, gaz, meta);
        // Sorted, so that the titles of a sentence are found by binary search.
        titles.sort_by_key(|t| (t.span.0, t.span.1));
        let mut registry = registry;
        let anchor = meta.date.as_deref().and_then(time::parse_date);
        // The rules read English; of another language only names are taken.
        let english = meta.language.as_deref().is_none_or(|l| l.trim().to_ascii_lowercase().starts_with("en"));
        let mut resolver = coref::Resolver::new(text, gaz, &mentions, &titles, publisher);
        let ViewSpare { mut views, mut lists } = take_kept(&VIEW_SPARE);
        views.reserve(seg.sentences.len());
        for (index, s) in seg.sentences.iter().enumerate() {
            let masked = resolver.mask(s, &mut registry);
            let mut named_countries: Vec<usize> = lists.pop().unwrap_or_default();
            let first = mentions.partition_point(|m| m.start < s.start);
            for m in mentions[first..].iter().take_while(|m| m.start < s.end).filter(|m| m.end <= s.end && m.kind != entities::MentionKind::Demonym) {
                if registry.list[m.entity].kind == EntityType::Country && !named_countries.contains(&m.entity) {
                    named_countries.push(m.entity);
                }
            }
            let first_title = titles.partition_point(|t| t.span.0 < s.start);
            for t in titles[first_title..].iter().take_while(|t| t.span.0 < s.end).filter(|t| t.span.1 <= s.end) {
                if let Some(c) = t.organization.and_then(|o| frames::country_of(&registry, gaz, &titles, o)) {
                    if !named_countries.contains(&c) {
                        named_countries.push(c);
                    }
                }
            }
            let places = masked.slots.iter().filter(|x| x.class == 'L').map(|x| x.entity()).collect();
            let pair = resolver.last_two_countries();
            let facts = english && s.kind.has_facts();
            views.push(frames::View { index, masked, facts, cues: frames::Cues::default(), named_countries, places, pair });
        }
        // The cues of every sentence, in a pass of their own: the cue automaton's table stays
        // in cache from one sentence to the next, where between masks it was pushed out.
        frames::Cues::warm();
        for view in views.iter_mut().filter(|v| v.facts) {
            view.cues = frames::Cues::of(&view.masked.text);
        }
        let ctx = frames::Context { text, gaz, titles: &titles, anchor };
        let mut events = frames::read_events(&ctx, &views);
        let mut agreements = frames::read_agreements(&ctx, &views, &events);
        frames::link(&ctx, &views, &mut registry, &mut events, &mut agreements);
        let statements = speech::read_statements(text, &views, &mut registry, publisher);
        // The sentences' views are read no further: their lists go back to the thread, for the
        // next article's.
        for view in views.drain(..) {
            let mut list = view.named_countries;
            if list.capacity() > 0 && lists.len() < ViewSpare::MOST_LISTS {
                list.clear();
                lists.push(list);
            }
        }
        keep(&VIEW_SPARE, ViewSpare { views, lists });
        let affiliations = if english { roles::affiliations(&titles, &mut registry, gaz, &seg.sentences, publisher) } else { Vec::new() };
        let mut out = Output::new(text, gaz, &seg, registry, &mentions);
        out.publisher = publisher;
        out.build(meta, &titles, events, agreements, statements, affiliations, explain)
    }
}

/// The kind of an event as its id and its explanation name it.
fn event_kind_name(kind: EventKind) -> &'static str {
    match kind {
        EventKind::Visit => "visit",
        EventKind::Meeting => "meeting",
        EventKind::Signing => "signing",
        EventKind::Invitation => "invitation",
        EventKind::Event => "event",
    }
}

/// The vectors of the sentences' views ([`frames::View`]) of the thread's last article, empty,
/// for the next article's: the list of views, and the lists of their named countries (an
/// allocation a sentence otherwise; places and the last two countries are held inline).
#[derive(Default)]
struct ViewSpare {
    views: Vec<frames::View>,
    lists: Vec<Vec<usize>>,
}

impl ViewSpare {
    /// The most lists kept (each view takes one and gives it back).
    const MOST_LISTS: usize = 512;
}

thread_local! {
    static VIEW_SPARE: std::cell::RefCell<ViewSpare> = std::cell::RefCell::new(ViewSpare::default());
}

/// The tables [`Output::build`] fills for each article, kept by each thread for its next
/// article (empty, with their room): about a dozen allocations an article otherwise.
#[derive(Default)]
struct BuildTables {
    firsts: Vec<usize>,
    by_entity: Vec<usize>,
    keyed: Vec<(usize, usize)>,
    order: Vec<usize>,
    ids: Vec<Option<CompactString>>,
    bases: Vec<CompactString>,
    hashes: Vec<u64>,
    descriptions: Vec<Option<CompactString>>,
    event_ids: Vec<Option<CompactString>>,
    links: Vec<EntityLinks>,
    /// The dates written: see `dates` in [`Output::build`].
    dates: Vec<(time::DateValue, usize, bool)>,
    /// The fact ids of each kind ("quote-1", "quote-2"...), made once a thread; not emptied
    /// between articles (only their counts).
    fact_ids: Vec<FactIds>,
}

/// The ids of one kind of fact, numbered from 1, and how many the article has used.
struct FactIds {
    kind: &'static str,
    used: usize,
    ids: Vec<CompactString>,
}

/// An entity's `part_of`, `country` and `capital_of` ids.
type EntityLinks = (Option<CompactString>, Option<CompactString>, Option<CompactString>);

thread_local! {
    static BUILD_TABLES: std::cell::RefCell<BuildTables> = std::cell::RefCell::new(BuildTables::default());
}

/// Assembles entities and facts.
struct Output<'a> {
    text: &'a str,
    gaz: &'a gazetteer::Gazetteer,
    seg: &'a segment::Segmented,
    registry: Registry,
    mentions: &'a [entities::Mention],
    chars: Chars,
    publisher: Option<usize>,
}

impl<'a> Output<'a> {
    fn new(text: &'a str, gaz: &'a gazetteer::Gazetteer, seg: &'a segment::Segmented, registry: Registry, mentions: &'a [entities::Mention]) -> Self {
        Self { text, gaz, seg, registry, mentions, chars: Chars::new(text), publisher: None }
    }

    /// A short description: the office the gazetteer gives, the role a title states, the kind
    /// of outlet or body and its country.
    fn describe(&self, i: usize, titles: &[entities::Title]) -> Option<CompactString> {
        let e = &self.registry.list[i];
        let entry = e.gaz.map(|row| self.gaz.entry(row));
        // Looked up only for the kinds described by their country.
        let country = || entry.and_then(|x| x.country());
        let demonym = || e.gaz.and_then(|row| self.gaz.country_row(row)).and_then(|c| self.gaz.entry(c).demonyms.first());
        match e.kind {
            EntityType::Person => entry.and_then(|x| x.office.as_deref()).map(CompactString::from).or_else(|| {
                let t = titles.iter().find(|t| t.person == i)?;
                Some(match t.organization {
                    Some(o) if self.registry.list[o].kind == EntityType::Country => concat(&[&t.role, " of ", &self.registry.list[o].name]),
                    Some(o) => concat(&[&t.role, " at ", &self.registry.list[o].name]),
                    None => t.role.as_str().into(),
                })
            }),
            EntityType::City => entry.and_then(|x| x.capital_of.as_ref()).map(|c| concat(&["capital of ", c])),
            EntityType::NewsOutlet => Some(demonym().map_or_else(|| "news outlet".into(), |d| concat(&[d, " news outlet"]))),
            EntityType::University => Some(country().map_or_else(|| "university".into(), |c| concat(&["university in ", c]))),
            EntityType::ResearchCenter => Some(match e.part_of {
                Some(p) => concat(&["research centre of ", &self.registry.list[p].name]),
                None => "research centre".into(),
            }),
            _ => None,
        }
    }

    fn sentence_text(&self, byte: usize) -> String {
        let sentences = &self.seg.sentences;
        let i = sentences.partition_point(|s| s.start <= byte);
        i.checked_sub(1)
            .map(|i| &sentences[i])
            .filter(|s| byte < s.end.max(s.start + 1))
            .map(|s| self.text[s.start..s.end].to_owned())
            .unwrap_or_default()
    }

    /// Marks entities needed by others: countries of places, parents of organizations.
    fn close_entities(&mut self) {
        let gaz = self.gaz;
        // The places whose country was looked up in an earlier pass: a second look-up finds the
        // same (the gazetteer's country, registered then and used), so each is made once.
        let mut placed = vec![false; self.registry.len()];
        loop {
            let mut changed = false;
            for i in 0..self.registry.len() {
                if !self.registry.list[i].used {
                    continue;
                }
                let (e_gaz, e_kind, e_part_of) = {
                    let e = &self.registry.list[i];
                    (e.gaz, e.kind, e.part_of)
                };
                // Places: their country (and capital_of); added when needed.
                if let Some(row) = e_gaz {
                    let entry = gaz.entry(row);
                    if matches!(e_kind, EntityType::City | EntityType::Place | EntityType::Region | EntityType::River) && !placed.get(i).copied().unwrap_or(false) {
                        if placed.len() <= i {
                            placed.resize(i + 1, false);
                        }
                        placed[i] = true;
                        if let Some(c) = gaz.country_row(row) {
                            let country = self.registry.gaz(gaz, c, usize::MAX);
                            self.registry.list[i].country = Some(country);
                            if entry.capital_of.is_some() {
                                self.registry.list[i].capital_of = Some(country);
                            }
                            if !self.registry.list[country].used {
                                self.registry.use_entity(country);
                                changed = true;
                            }
                        }
                    }
                    // Organizations: the parent the gazetteer names, when the article names it.
                    if e_part_of.is_none() {
                        if let Some(parent) = entry.part_of.as_deref().and_then(|p| gaz.by_name(p)).and_then(|p| self.registry.find_gaz(p)) {
                            if self.registry.list[parent].used {
                                self.registry.list[i].part_of = Some(parent);
                            }
                        }
                    }
                }
                if let Some(p) = self.registry.list[i].part_of {
                    if !self.registry.list[p].used {
                        self.registry.use_entity(p);
                        changed = true;
                    }
                }
            }
            if !changed {
                break;
            }
        }
        // A ministry is part of its government when the article names the government.
        for i in 0..self.registry.len() {
            let e = &self.registry.list[i];
            if !e.used || e.kind != EntityType::Government || !e.name.starts_with("Ministry") {
                continue;
            }
            let Some(country) = e.part_of.filter(|&p| self.registry.list[p].kind == EntityType::Country) else { continue };
            let government = ["Government of ", &self.registry.list[country].name].concat();
            if let Some(g) = self.registry.find(&government).filter(|&g| self.registry.list[g].used) {
                self.registry.list[i].part_of = Some(g);
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn build(
        mut self,
        meta: &ArticleMeta,
        titles: &[entities::Title],
        mut events: Vec<frames::Frame>,
        agreements: Vec<frames::AgreementFrame>,
        statements: Vec<speech::StatementFrame>,
        affiliations: Vec<roles::AffiliationFrame>,
        explain: bool,
    ) -> Extracted {
        // The frames are taken, so that the texts they hold (topics, areas, roles, visit types)
        // move into the facts rather than being copied.
        // Everything a fact refers to is an entity.
        // (Each marked as it is read: no list of them is made.)
        let registry = &mut self.registry;
        for f in events.iter().filter(|f| !f.dropped) {
            f.agents.iter().chain(&f.others).chain(&f.dest).chain(f.location.iter()).chain(f.host.iter()).for_each(|&e| registry.use_entity(e));
        }
        for a in &agreements {
            a.parties.iter().for_each(|&e| registry.use_entity(e));
        }
        for s in &statements {
            std::iter::once(&s.speaker).chain(s.quoted_in.iter()).chain(&s.about).for_each(|&e| registry.use_entity(e));
        }
        for a in &affiliations {
            registry.use_entity(a.person);
            registry.use_entity(a.organization);
        }
        if let Some(p) = self.publisher {
            self.registry.use_entity(p);
        }
        // A title with its qualifier names the person ("Russian President Vladimir Putin").
        let text = self.text;
        for t in titles.iter().filter(|t| t.rule == "title-before-name" && t.organization.is_some()) {
            self.registry.add_alias(t.person, text[t.span.0..t.span.1].trim());
        }
        self.close_entities();

        // Ids, in order of first appearance. Entities are indexes into the registry, so the
        // tables below are vectors indexed by entity.
        let n = self.registry.len();
        let BuildTables { mut firsts, mut by_entity, mut keyed, mut order, mut ids, mut bases, mut hashes, mut descriptions, mut event_ids, mut links, mut dates, mut fact_ids } = take_kept(&BUILD_TABLES);
        // The recorded mentions of each entity (their indexes), in text order: entity `i`'s are
        // `by_entity[firsts[i]..firsts[i + 1]]`, placed by counting (a stable sort by entity,
        // without comparing). Entity `i`'s count is kept at `firsts[i + 2]`, so that after the
        // sums `firsts[i + 1]` is where its first goes, and after placing, its end: one table
        // serves as both the starts and the places to fill.
        firsts.resize(n + 2, 0);
        for mention in self.mentions.iter().filter(|m| m.kind.recorded()) {
            firsts[mention.entity + 2] += 1;
        }
        for i in 2..n + 2 {
            firsts[i] += firsts[i - 1];
        }
        // Every place is filled: there are as many as recorded mentions.
        by_entity.resize(firsts[n + 1], 0);
        for (k, mention) in self.mentions.iter().enumerate().filter(|(_, m)| m.kind.recorded()) {
            let place = &mut firsts[mention.entity + 1];
            by_entity[*place] = k;
            *place += 1;
        }
        // The mentions are in text order: an entity's first is where its first recorded one starts.
        let first_mention = |i: usize| by_entity[firsts[i]..firsts[i + 1]].first().map_or(usize::MAX, |&k| self.mentions[k].start);
        keyed.extend((0..n).filter(|&i| self.registry.list[i].used).map(|i| (first_mention(i), i)));
        // The keys are distinct (each holds its entity): an unstable sort gives the same order.
        keyed.sort_unstable();
        order.extend(keyed.iter().map(|&(_, i)| i));
        ids.resize(n, None);
        bases.extend(order.iter().map(|&i| slug(&self.registry.list[i].name)));
        // Distinct slugs are the ids themselves (none is numbered: the ids taken before each
        // are other slugs); only when two are the same are the ids given one by one, each the
        // first of its slug and its numbered forms not taken.
        // Told by their hashes, sorted: no two equal, no two slugs are the same; two equal (the
        // same slug, or rarely two slugs with one hash) send the ids the slow way, which gives
        // distinct slugs their own as well.
        hashes.extend(bases.iter().map(|b| std::hash::BuildHasher::hash_one(&std::hash::BuildHasherDefault::<FxHasher>::default(), b.as_str())));
        hashes.sort_unstable();
        if hashes.windows(2).all(|w| w[0] != w[1]) {
            for (&i, base) in order.iter().zip(bases.drain(..)) {
                ids[i] = Some(base);
            }
        } else {
            let mut taken = std::collections::BTreeSet::new();
            for (&i, base) in order.iter().zip(bases.drain(..)) {
                let mut id = base.clone();
                let mut n = 2;
                while !taken.insert(id.clone()) {
                    id = numbered(&base, n);
                    n += 1;
                }
                ids[i] = Some(id);
            }
        }
        let has_id = |i: usize| ids[i].is_some();
        let id = |i: usize| ids[i].clone().expect("an id for every entity a fact names");

        // Descriptions and the dateline read other entities' names, so they are worked out
        // before the loop below moves the names out of the registry. `Registry::find` compares
        // the names stored in the list too: no look-up by name may follow that loop.
        // A description the registry holds is moved out (nothing reads it after), without its
        // final full stops and commas.
        descriptions.extend(order.iter().map(|&i| {
            self.registry.list[i].description.take().map(|mut d| {
                d.truncate(d.trim_end_matches(['.', ',']).len());
                CompactString::from(d)
            })
        }));
        for (description, &i) in descriptions.iter_mut().zip(&order) {
            if description.is_none() {
                *description = self.describe(i, titles);
            }
        }
        let dateline = meta.dateline.as_deref().and_then(|place| self.registry.find(place).or_else(|| self.gaz.by_form_ignore_case(place).and_then(|row| self.registry.find_gaz(row))));
        let mut explanations = if explain { Vec::with_capacity(events.len() + agreements.len() + statements.len() + affiliations.len()) } else { Vec::new() };
        // A fact's explanation, made only when asked for (it copies the fact's sentence).
        let explain_fact = |explanations: &mut Vec<Explanation>, fact_id: &CompactString, kind: &str, rule: &str, at: usize, ev: &Evidence| {
            if explain {
                explanations.push(Explanation { fact_id: fact_id.clone(), kind: kind.into(), rule: rule.into(), sentence: self.sentence_text(at), span: (ev.start, ev.end) });
            }
        };
        // Facts numbered by kind, in order (a handful of kinds: a list).
        // Each kind's ids are made once a thread and copied (they are inline) for later articles.
        let mut next_id = |kind: &'static str| {
            // (The kinds are literals: mostly one address each, compared before the bytes.)
            let k = match fact_ids.iter().position(|f| std::ptr::eq(f.kind, kind) || f.kind == kind) {
                Some(k) => k,
                None => {
                    fact_ids.push(FactIds { kind, used: 0, ids: Vec::new() });
                    fact_ids.len() - 1
                }
            };
            let FactIds { used, ids, .. } = &mut fact_ids[k];
            *used += 1;
            if ids.len() < *used {
                ids.push(numbered(kind, *used));
            }
            ids[*used - 1].clone()
        };
        // Events: the id of each one kept, by index.
        event_ids.resize(events.len(), None);
        for (i, f) in events.iter().enumerate().filter(|(_, f)| !f.dropped) {
            event_ids[i] = Some(next_id(event_kind_name(f.kind)));
        }
        let event_id = |i: usize| event_ids.get(i).cloned().flatten();
        // The dates written: where each one's text first went (an event kept, its start or its
        // end). The events of an article mostly share a few dates (an end is often its start),
        // and a text is copied for less than it is written. (In `dates`, taken above.)
        let mut out_events: Vec<Event> = Vec::with_capacity(events.len());
        for (i, f) in events.iter_mut().enumerate().filter(|(_, f)| !f.dropped) {
            // The id borrowed, and copied only where it is kept (an event's own once).
            let fid = event_ids[i].as_ref().expect("an id for every event kept");
            let other = |j: Option<usize>| j.and_then(|j| event_ids.get(j)?.as_ref()).filter(|p| *p != fid).cloned();
            let written = |date: &time::DateValue| {
                let &(_, k, end) = dates.iter().find(|(d, _, _)| d == date)?;
                if end { out_events[k].end.clone() } else { out_events[k].start.clone() }
            };
            let start = f.start.as_ref().map(|d| written(d).unwrap_or_else(|| d.text().into()));
            let end = f.end.as_ref().map(|d| match &start {
                Some(text) if f.start.as_ref() == Some(d) => text.clone(),
                _ => written(d).unwrap_or_else(|| d.text().into()),
            });
            let mut event = Event {
                id: fid.clone(),
                kind: f.kind,
                participants: Vec::new(),
                visitor: None,
                destination: Vec::new(),
                host: None,
                inviter: None,
                invitee: None,
                location: f.location.map(id),
                start,
                end,
                visit_types: Vec::new(),
                part_of: other(f.part_of),
                occasioned_by: other(f.occasioned_by),
                modality: f.modality,
                evidence: evidence(self.text, &self.chars, f.span),
                confidence: f.confidence,
            };
            match f.kind {
                EventKind::Visit => {
                    event.visitor = f.agents.first().copied().map(id);
                    event.destination = f.dest.iter().copied().map(id).collect();
                    event.host = f.host.filter(|h| Some(h) != f.agents.first()).map(id);
                    let mut types = std::mem::take(&mut f.visit_types);
                    types.sort();
                    types.dedup();
                    event.visit_types = types;
                }
                EventKind::Invitation => {
                    event.inviter = f.agents.first().copied().map(id);
                    event.invitee = f.others.first().copied().filter(|x| Some(x) != f.agents.first()).map(id);
                    if event.inviter.is_none() && event.invitee.is_none() {
                        continue;
                    }
                }
                _ => {
                    // Each agent once, where it is first named.
                    event.participants = f.agents.iter().enumerate().filter(|&(k, p)| !f.agents[..k].contains(p)).map(|(_, &p)| id(p)).collect();
                }
            }
            explain_fact(&mut explanations, &event.id, event_kind_name(f.kind), f.rule, f.trigger.0, &event.evidence);
            for (date, end) in [(f.start, false), (f.end, true)] {
                if let Some(date) = date.filter(|date| !dates.iter().any(|(d, _, _)| d == date)) {
                    dates.push((date, out_events.len(), end));
                }
            }
            out_events.push(event);
        }
        // Agreements.
        let mut out_agreements = Vec::with_capacity(agreements.len());
        for a in agreements {
            let kind = match a.kind {
                AgreementKind::Treaty => "treaty",
                AgreementKind::Agreement => "agreement",
                AgreementKind::Memorandum => "memorandum",
            };
            let fid = next_id(kind);
            let ev = evidence(self.text, &self.chars, a.span);
            explain_fact(&mut explanations, &fid, kind, a.rule, a.span.0, &ev);
            out_agreements.push(Agreement {
                id: fid,
                kind: a.kind,
                topic: a.topic.into(),
                areas: a.areas.into_iter().map(CompactString::from).collect(),
                parties: a.parties.iter().copied().map(id).collect(),
                resulted_from: a.resulted_from.and_then(event_id),
                modality: a.modality,
                evidence: ev,
                confidence: a.confidence,
            });
        }
        // Statements.
        let mut out_statements = Vec::with_capacity(statements.len());
        for s in statements {
            let kind = match s.kind {
                StatementKind::Statement => "statement",
                StatementKind::Quote => "quote",
            };
            let fid = next_id(kind);
            let ev = evidence(self.text, &self.chars, s.span);
            explain_fact(&mut explanations, &fid, kind, s.rule, s.span.0, &ev);
            out_statements.push(Statement {
                id: fid,
                kind: s.kind,
                speaker: id(s.speaker),
                text: s.text.into(),
                quoted_in: s.quoted_in.map(id),
                reported_by: None,
                topics: s.topics.into_iter().map(CompactString::from).collect(),
                about: s.about.iter().copied().map(id).collect(),
                evidence: ev,
                confidence: s.confidence,
            });
        }
        // Affiliations.
        let mut out_affiliations = Vec::with_capacity(affiliations.len());
        for a in affiliations {
            let fid = next_id("affiliation");
            let span = frames::trim_span(self.text, a.span.0, a.span.1);
            let ev = evidence(self.text, &self.chars, span);
            explain_fact(&mut explanations, &fid, "affiliation", a.rule, span.0, &ev);
            out_affiliations.push(Affiliation { id: fid, person: id(a.person), role: Some(a.role.into()), organization: id(a.organization), evidence: ev, confidence: a.confidence });
        }

        // The article: publisher and dateline as entity ids when they are entities.
        // (Each field copied once: the names an id replaces are not copied first.)
        let article = ArticleMeta {
            id: meta.id.clone(),
            title: meta.title.clone(),
            publisher: match self.publisher.filter(|&p| has_id(p)) {
                Some(p) => Some(id(p).into()),
                None => meta.publisher.clone(),
            },
            date: meta.date.clone(),
            url: meta.url.clone(),
            language: meta.language.clone(),
            dateline: match dateline.filter(|&e| has_id(e)) {
                Some(e) => Some(id(e).into()),
                None => meta.dateline.clone(),
            },
            text: meta.text.clone(),
        };
        // The entities last, each taking its id (the facts above copied the ids they name); the
        // links between entities are copied first, as an entity may link to one before it.
        links.extend(order.iter().map(|&i| {
            // Ids are distinct, so "not itself" compares entities.
            let link = |x: Option<usize>| x.filter(|&p| p != i && has_id(p)).map(id);
            let e = &self.registry.list[i];
            (link(e.part_of), link(e.country), e.capital_of.filter(|&p| has_id(p)).map(id))
        }));
        let mut entities = Vec::with_capacity(order.len());
        for ((&i, description), (part_of, country, capital_of)) in order.iter().zip(descriptions.drain(..)).zip(links.drain(..)) {
            let here = &by_entity[firsts[i]..firsts[i + 1]];
            let mut mentions: Vec<Evidence> = Vec::with_capacity(here.len());
            for m in here.iter().map(|&k| &self.mentions[k]) {
                let (start, end) = (self.chars.of(m.start), self.chars.of(m.end));
                if !mentions.iter().any(|x| x.start == start && x.end == end) {
                    mentions.push(Evidence { start, end, text: Some(self.text[m.start..m.end].into()) });
                }
            }
            // In text order already but where two start together.
            if !mentions.is_sorted_by_key(|m| (m.start, m.end)) {
                mentions.sort_by_key(|m| (m.start, m.end));
            }
            let e = &mut self.registry.list[i];
            let mut aliases = std::mem::take(&mut e.aliases);
            aliases.retain(|a| *a != e.name);
            entities.push(Entity {
                id: ids[i].take().expect("an id for every entity a fact names"),
                name: std::mem::take(&mut e.name),
                kind: e.kind,
                aliases,
                wikidata: e.wikidata.take(),
                description,
                part_of,
                country,
                capital_of,
                mentions,
                confidence: Some(e.confidence),
            });
        }

        // The tables back to the thread, empty (the ids were all taken: every entity used has one).
        firsts.clear();
        by_entity.clear();
        keyed.clear();
        order.clear();
        ids.clear();
        hashes.clear();
        event_ids.clear();
        dates.clear();
        for f in &mut fact_ids {
            f.used = 0;
        }
        keep(&BUILD_TABLES, BuildTables { firsts, by_entity, keyed, order, ids, bases, hashes, descriptions, event_ids, links, dates, fact_ids });
        let facts = ArticleFacts {
            article,
            extraction: Some(Extraction { extractor: "newsgraph".into(), version: Some(env!("CARGO_PKG_VERSION").into()), time: None }),
            entities,
            events: out_events,
            agreements: out_agreements,
            statements: out_statements,
            affiliations: out_affiliations,
        };
        Extracted { facts, explanations }
    }
}
