//! Mentions: gazetteer matches, plus names the gazetteer does not know, found by cues.
//!
//! - Organizations by head words ("University", "Institute", "Center for … Studies", "Ministry
//!   of …", "Agency", "Council", "Party", "Bank"…), split where a sub-unit names its parent
//!   ("Center for Russian Studies of East China Normal University" → the centre, part of the
//!   university), and descriptive organizations ("Brazil's foreign ministry", "the Chinese
//!   government", "the regional government of Andalusia").
//! - People by titles before their names ("Indian Commerce Secretary Meera Pillai",
//!   "spokesperson Gao Yiming", "Mr. Tran Quoc Bao"), appositions after them ("Cui Heng, a
//!   research fellow from …") or before them ("Norway's Minister of International Development,
//!   Ingrid Solheim Vik"), speech verbs ("Park Ji-woo said") and by-lines. Each title becomes a
//!   [`Title`] (a future affiliation).
//! - Surnames and other parts of the names of people already found ("Putin", "Kim", "Gao").
//! - Places by head words ("Hyderabad House", "Cairo International Airport") and unknown names
//!   after locative prepositions ("to Tangier").
//! - Capitals standing for their countries (metonyms) are told from capitals as places.

use super::entities::{strip_the, Mention, MentionKind, Registry, Title};
use super::gazetteer::{Form, Gazetteer};
use super::segment::{extend_words_within, words_mixed_and_capitals_each_into, words_within_cow, Segmented, SentenceKind, Word, ASCII_ALPHANUMERIC};
use crate::facts::{ArticleMeta, EntityType};
use regex::Regex;
use super::{byte_table, byte_table_any_case, keep, strip_repeated, take_kept, Place};
use super::{FxMap as HashMap, FxSet as HashSet};
use std::borrow::Cow;
use std::sync::LazyLock;

/// What was found in an article.
#[derive(Debug, Clone, Default)]
pub struct Detected {
    /// The entities.
    pub registry: Registry,
    /// All mentions, sorted by start (longer first).
    pub mentions: Vec<Mention>,
    /// Titles and appositions of people.
    pub titles: Vec<Title>,
    /// The publisher's entity.
    pub publisher: Option<usize>,
}

/// Role nouns: the heads of titles and appositions.
pub const ROLE_HEADS: &[&str] = &[
    "president", "vice-president", "minister", "secretary", "secretary-general", "chancellor", "premier", "spokesperson",
    "spokesman", "spokeswoman", "leader", "ambassador", "governor", "mayor", "king", "queen", "prince", "emir", "sheikh",
    "senator", "chairman", "chairwoman", "chair", "director", "director-general", "commissioner", "envoy", "adviser",
    "advisor", "head", "chief", "editor", "reporter", "correspondent", "professor", "fellow", "researcher", "analyst",
    "official", "diplomat", "counterpart", "general", "admiral", "ceo", "founder", "economist", "lecturer", "scholar",
    "expert", "deputy", "vice-chairman", "speaker", "representative", "negotiator",
];

/// Words that may modify a title before its head ("Foreign Minister", "Commerce Secretary").
const ROLE_MODIFIERS: &[&str] = &[
    "prime", "foreign", "energy", "commerce", "trade", "electricity", "finance", "defence", "defense", "interior", "deputy", "vice",
    "first", "senior", "economy", "economic", "health", "justice", "education", "agriculture", "industry", "culture", "transport",
    "environment", "development", "digital", "labour", "labor", "home", "chief", "executive", "supreme", "crown", "state",
    "mining", "oil", "petroleum", "tourism", "investment", "information", "science", "research", "associate", "assistant",
    "visiting", "regional", "general", "diplomatic", "security", "national", "former", "acting", "interim", "military",
];

const HONORIFICS: &[&str] = &["Mr.", "Ms.", "Mrs.", "Dr.", "Mr", "Ms", "Mrs", "Dr", "Prof.", "Professor"];

/// The last bytes of [`HONORIFICS`]: text that ends with none of them ends with no honorific
/// (one load rules out most names' text before).
static HONORIFIC_LAST_BYTES: [bool; 256] = byte_table(&[HONORIFICS], Place::Last);

/// Capitalized words that start sentences but do not start names.
const STOP_CAPS: &[&str] = &[
    "The", "A", "An", "In", "On", "At", "By", "For", "From", "To", "With", "According", "It", "He", "She", "They", "We", "I",
    "This", "That", "These", "Those", "His", "Her", "Its", "Their", "Our", "But", "And", "Or", "As", "After", "Before", "During",
    "Following", "Under", "Over", "If", "When", "While", "Both", "Asked", "Not", "No", "Yes", "Also", "Then", "Meanwhile",
    "However", "Together", "Beyond", "Neither", "Either", "Some", "Many", "Most", "What", "Who", "Which", "Where", "Why", "How",
    "There", "Here", "Even", "Still", "Yet", "So", "Since", "Until", "Amid", "Despite", "Without", "Against", "Between", "Among",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April",
    "May", "June", "July", "August", "September", "October", "November", "December", "His Excellency", "Excellency",
    "Reporting", "Editing", "Writing", "PRESS", "RELEASE", "IN", "BRIEF", "Two", "Three", "One",
    "First", "Second", "Last", "Next", "Our", "Your", "My", "Weapons", "Dialogue", "Droughts", "Tokyo",
];

/// Words that may join the capitalized words of one name ("Bank of China", "Ludwig van
/// Beethoven"); each of one to three bytes, as [`is_connector`]'s table needs (a longer one is
/// refused when compiled).
const CONNECTORS: &[&str] = &["of", "for", "on", "and", "the", "de", "da", "du", "del", "der", "van", "von", "al", "bin", "&"];

/// Organization head words and the type they give.
const ORG_HEADS: &[(&str, EntityType)] = &[
    ("University", EntityType::University),
    ("College", EntityType::University),
    ("Institute", EntityType::ResearchCenter),
    ("Center", EntityType::ResearchCenter),
    ("Centre", EntityType::ResearchCenter),
    ("Programme", EntityType::ResearchCenter),
    ("Program", EntityType::ResearchCenter),
    ("Endowment", EntityType::ResearchCenter),
    ("Academy", EntityType::ResearchCenter),
    ("School", EntityType::Organization),
    ("Foundation", EntityType::Organization),
    ("Ministry", EntityType::Government),
    ("Government", EntityType::Government),
    ("Presidency", EntityType::Government),
    ("Parliament", EntityType::Government),
    ("Assembly", EntityType::Government),
    ("Bundestag", EntityType::Government),
    ("Cabinet", EntityType::Government),
    ("Office", EntityType::Government),
    ("Department", EntityType::Government),
    ("Secretariat", EntityType::Government),
    ("Party", EntityType::PoliticalParty),
    ("Commission", EntityType::Organization),
    ("Committee", EntityType::Organization),
    ("Council", EntityType::Organization),
    ("Association", EntityType::Organization),
    ("Bank", EntityType::Organization),
    ("Authority", EntityType::Organization),
    ("Service", EntityType::Organization),
    ("Company", EntityType::Organization),
    ("Corporation", EntityType::Organization),
    ("Organisation", EntityType::Organization),
    ("Organization", EntityType::Organization),
    ("Federation", EntityType::Organization),
    ("Agency", EntityType::Government),
    ("Times", EntityType::NewsOutlet),
    ("Post", EntityType::NewsOutlet),
    ("News", EntityType::NewsOutlet),
    ("Daily", EntityType::NewsOutlet),
    ("Herald", EntityType::NewsOutlet),
    ("Journal", EntityType::NewsOutlet),
    ("Review", EntityType::NewsOutlet),
    ("Wire", EntityType::NewsOutlet),
    ("Shimbun", EntityType::NewsOutlet),
    ("Ilbo", EntityType::NewsOutlet),
    ("Gazette", EntityType::NewsOutlet),
    ("Tribune", EntityType::NewsOutlet),
    ("Bulletin", EntityType::NewsOutlet),
    ("Monitor", EntityType::NewsOutlet),
    ("Briefing", EntityType::NewsOutlet),
    ("Dispatch", EntityType::NewsOutlet),
    ("Courier", EntityType::NewsOutlet),
    ("Telegraph", EntityType::NewsOutlet),
    ("Chronicle", EntityType::NewsOutlet),
    ("Airport", EntityType::Place),
    ("Palace", EntityType::Place),
    ("House", EntityType::Place),
    ("Hall", EntityType::Place),
    ("Square", EntityType::Place),
    ("Stadium", EntityType::Place),
    ("Chancellery", EntityType::Place),
    ("Capital", EntityType::City),
    ("Province", EntityType::Region),
    ("Zone", EntityType::Region),
    ("Region", EntityType::Region),
    ("Oblast", EntityType::Region),
    ("Prefecture", EntityType::Region),
];

/// Heads that name a sub-unit of the organization named after them ("Center … of … University").
const SUB_UNIT_HEADS: &[&str] = &["Center", "Centre", "School", "Programme", "Program", "Department", "Service", "Office", "Institute", "Faculty"];

/// Heads of events, not entities ("Eastern Mediterranean Energy Summit").
const EVENT_HEADS: &[&str] = &["Summit", "Forum", "Conference", "Games", "Olympics", "Cup", "Festival", "Initiative", "Day", "Week"];

/// A word table, looked up for nearly every word of every sentence: a filter that rules out
/// most words at once, and the table's words by filter bit.
///
/// The filter has one bit per (length, first byte, last byte), each byte taken modulo 32, which
/// folds ASCII case: so a word and its ASCII lower case have the same bit, and a table of lower
/// case words is filtered before the word is lowered. Few of the text's words share the bit of
/// a table word.
///
/// A word the filter lets through is compared with the table's words of its bit only (one,
/// nearly always), found by the bit's rank among the filter's set bits: no hashing (a hash map's
/// look-up cost several times as much, and most words looked up are in the table: "The").
struct WordTable<V> {
    filter: Vec<u64>,
    /// Per word of `filter`, the number of bits set in the words before it.
    ranks: Vec<u16>,
    /// Per bit set in `filter`, in order, 1 + the index in `entries` of the first table word
    /// with that bit.
    heads: Vec<u16>,
    /// The table's words (each once) and values, and 1 + the index of the next with the same
    /// bit (0: none).
    entries: Vec<(&'static [u8], V, u16)>,
}

impl<V: Copy> WordTable<V> {
    /// The table of `entries`; the first value of a word repeated wins.
    fn new(entries: impl IntoIterator<Item = (&'static str, V)>) -> Self {
        let mut filter = vec![0u64; (1 << 15) / 64];
        let mut words: Vec<(&'static [u8], V, usize)> = Vec::new();
        for (word, value) in entries {
            let bit = Self::bit(word.as_bytes()).expect("table words are not empty");
            filter[bit / 64] |= 1 << (bit % 64);
            if !words.iter().any(|w| w.0 == word.as_bytes()) {
                words.push((word.as_bytes(), value, bit));
            }
        }
        let mut ranks = Vec::with_capacity(filter.len());
        let mut set = 0u32;
        for f in &filter {
            ranks.push(u16::try_from(set).expect("few table words"));
            set += f.count_ones();
        }
        let mut table = Self { filter, ranks, heads: vec![0; set as usize], entries: Vec::with_capacity(words.len()) };
        for (k, &(word, value, bit)) in words.iter().enumerate() {
            let link = u16::try_from(k + 1).expect("few table words");
            table.entries.push((word, value, 0));
            // Appended to the chain of its bit.
            let r = table.rank(bit);
            if table.heads[r] == 0 {
                table.heads[r] = link;
            } else {
                let mut last = usize::from(table.heads[r]) - 1;
                while table.entries[last].2 != 0 {
                    last = usize::from(table.entries[last].2) - 1;
                }
                table.entries[last].2 = link;
            }
        }
        table
    }

    /// The filter bit of `word` (none for the empty word).
    fn bit(word: &[u8]) -> Option<usize> {
        let (&first, &last) = (word.first()?, word.last()?);
        Some((word.len().min(31) << 10) | (usize::from(first & 31) << 5) | usize::from(last & 31))
    }

    /// The rank of `bit`, set in the filter, among the set bits: its index in `heads`.
    fn rank(&self, bit: usize) -> usize {
        let below = self.filter[bit / 64] & ((1u64 << (bit % 64)) - 1);
        usize::from(self.ranks[bit / 64]) + below.count_ones() as usize
    }

    /// The bit of `word` (and of its ASCII lower case) when `filter` has it set: the one test
    /// of a filter, which a table's look-ups and the union of filters make.
    fn bit_in(filter: &[u64], word: &[u8]) -> Option<usize> {
        Self::bit(word).filter(|&bit| filter[bit / 64] & (1 << (bit % 64)) != 0)
    }

    /// Whether the filter lets `word` (or its ASCII lower case) through.
    fn may_hold(&self, word: &[u8]) -> bool {
        Self::bit_in(&self.filter, word).is_some()
    }

    /// The value of `word`, whose filter bit is set, if it is in the table.
    fn find(&self, bit: usize, word: &[u8]) -> Option<V> {
        let mut link = self.heads[self.rank(bit)];
        while link != 0 {
            let (w, value, next) = self.entries[usize::from(link) - 1];
            // (Byte by byte: table words are short, and a slice comparison calls `memcmp`.)
            if w.len() == word.len() && w.iter().zip(word).all(|(a, b)| a == b) {
                return Some(value);
            }
            link = next;
        }
        None
    }

    fn get(&self, word: &[u8]) -> Option<V> {
        let bit = Self::bit_in(&self.filter, word)?;
        self.find(bit, word)
    }

    fn contains(&self, word: &[u8]) -> bool {
        self.get(word).is_some()
    }

    /// Whether the ASCII lower case of `word` is in the table (the test `eq_ignore_ascii_case`
    /// makes against lower-case words), without allocating.
    fn contains_lower(&self, word: &[u8]) -> bool {
        let Some(bit) = Self::bit_in(&self.filter, word) else { return false };
        let mut buf = [0u8; 32];
        let Some(lower) = buf.get_mut(..word.len()) else { return false };
        lower.copy_from_slice(word);
        lower.make_ascii_lowercase();
        self.find(bit, lower).is_some()
    }
}

/// The word tables, built once.
struct WordSets {
    stop_caps: WordTable<()>,
    org_heads: WordTable<EntityType>,
    event_heads: WordTable<()>,
    /// Lower case, like the lists; looked up with [`WordTable::contains_lower`].
    role_heads: WordTable<()>,
    role_modifiers: WordTable<()>,
    /// [`GENERIC_BODY_WORDS`], looked up for each word of a new organization's name.
    generic_body_words: WordTable<()>,
    /// [`ROLE_HEADS`] by initial, `a` to `z`.
    role_heads_by_initial: [Vec<&'static str>; 26],
    /// The union of the filters of the five tables above ([`in_name_stop_tables`]).
    name_stops: Vec<u64>,
    /// The words of the three tables looked up as written (stop words, organization and event
    /// heads), and of the two looked up in lower case (role heads and modifiers), each in one
    /// table: [`in_name_stop_tables`] asks two tables (and the singular) instead of five.
    name_stops_as_written: WordTable<()>,
    name_stops_in_lower_case: WordTable<()>,
}

fn word_set(words: &'static [&'static str]) -> WordTable<()> {
    WordTable::new(words.iter().map(|&w| (w, ())))
}

static WORD_SETS: LazyLock<WordSets> = LazyLock::new(|| {
    assert!(ROLE_HEADS.iter().chain(ROLE_MODIFIERS).all(|w| w.bytes().all(|b| !b.is_ascii_uppercase())), "role words are lower case");
    let (stop_caps, org_heads, event_heads) = (word_set(STOP_CAPS), WordTable::new(ORG_HEADS.iter().copied()), word_set(EVENT_HEADS));
    let (role_heads, role_modifiers) = (word_set(ROLE_HEADS), word_set(ROLE_MODIFIERS));
    let filters = [&stop_caps.filter, &org_heads.filter, &event_heads.filter, &role_heads.filter, &role_modifiers.filter];
    let name_stops = (0..stop_caps.filter.len()).map(|i| filters.iter().fold(0, |acc, f| acc | f[i])).collect();
    WordSets {
        stop_caps,
        org_heads,
        event_heads,
        generic_body_words: word_set(GENERIC_BODY_WORDS),
        role_heads,
        role_modifiers,
        role_heads_by_initial: std::array::from_fn(|i| ROLE_HEADS.iter().copied().filter(|h| usize::from(h.as_bytes()[0] - b'a') == i).collect()),
        name_stops,
        name_stops_as_written: WordTable::new(STOP_CAPS.iter().chain(ORG_HEADS.iter().map(|(w, _)| w)).chain(EVENT_HEADS).map(|&w| (w, ()))),
        name_stops_in_lower_case: WordTable::new(ROLE_HEADS.iter().chain(ROLE_MODIFIERS).map(|&w| (w, ()))),
    }
});

// (The table look-ups take a word's text or its bytes, [`Word::bytes`].)
fn is_stop_cap<W: AsRef<[u8]> + ?Sized>(word: &W) -> bool {
    WORD_SETS.stop_caps.contains(word.as_ref())
}

/// (Inlined: asked of every word of every run of capitalized words, [`Builder::has_new_head`],
/// where most words are settled by the table's filter, cheaper than a call.)
#[inline(always)]
fn org_head<W: AsRef<[u8]> + ?Sized>(word: &W) -> Option<EntityType> {
    WORD_SETS.org_heads.get(word.as_ref())
}

/// Whether an organization head of type `t` heads a name as word `i` of a run: outlet and place
/// heads need a name before them ("House", "Post" alone are words).
fn head_may_stand_at(t: EntityType, i: usize) -> bool {
    i > 0 || !matches!(t, EntityType::NewsOutlet | EntityType::Place | EntityType::City | EntityType::Region)
}

fn is_event_head<W: AsRef<[u8]> + ?Sized>(word: &W) -> bool {
    WORD_SETS.event_heads.contains(word.as_ref())
}

/// Whether `word` is one of [`CONNECTORS`]: its [`connector_key`] in its slot of
/// [`CONNECTOR_SLOTS`]. Asked of the word after every run of capitalized words ([`run_end`]),
/// where a word table's look-up was a chain of five loads (filter, rank, chain head, entry,
/// the entry's bytes) for the common connectors; this is one load of a 128-byte table.
#[inline(always)]
fn is_connector<W: AsRef<[u8]> + ?Sized>(word: &W) -> bool {
    let key = connector_key(word.as_ref());
    CONNECTOR_SLOTS[connector_slot(key)] == key
}

/// A word of up to three bytes as a number: its length in the low byte and its bytes above
/// (so no two such words share one); a longer word has 4 there, which no slot holds, and the
/// empty word 0.
#[inline(always)]
const fn connector_key(word: &[u8]) -> u32 {
    let n = if word.len() < 4 { word.len() } else { 4 };
    let mut key = n as u32;
    let mut i = 0;
    while i < n && i < 3 {
        key |= (word[i] as u32) << (8 * (i + 1));
        i += 1;
    }
    key
}

/// The multiplier of [`connector_slot`], chosen (when compiled) so that no two connectors share
/// a slot.
const CONNECTOR_MULTIPLIER: u32 = {
    let mut m: u32 = 0x9E37_79B1;
    'search: loop {
        let mut used = 0u32;
        let mut i = 0;
        while i < CONNECTORS.len() {
            let bit = 1u32 << (connector_key(CONNECTORS[i].as_bytes()).wrapping_mul(m) >> 27);
            if used & bit != 0 {
                m = m.wrapping_add(0x0D15_A5E2);
                continue 'search;
            }
            used |= bit;
            i += 1;
        }
        break m;
    }
};

#[inline(always)]
const fn connector_slot(key: u32) -> usize {
    (key.wrapping_mul(CONNECTOR_MULTIPLIER) >> 27) as usize
}

/// The [`connector_key`] of each connector in its [`connector_slot`] (a perfect hash: one
/// connector a slot); the other slots hold `u32::MAX`, which no word's key is.
static CONNECTOR_SLOTS: [u32; 32] = {
    let mut slots = [u32::MAX; 32];
    let mut i = 0;
    while i < CONNECTORS.len() {
        // (A longer connector's key would be that of every word sharing its first three bytes.)
        assert!(!CONNECTORS[i].is_empty() && CONNECTORS[i].len() <= 3, "a connector has one to three bytes");
        let key = connector_key(CONNECTORS[i].as_bytes());
        slots[connector_slot(key)] = key;
        i += 1;
    }
    slots
};

/// Whether `word` is a role noun (case-insensitive), or the plural of one ("ministers").
pub fn is_role_head(word: &str) -> bool {
    let set = &WORD_SETS.role_heads;
    let bytes = word.as_bytes();
    // Without a final "s" the singular is the word itself: one look-up.
    set.contains_lower(bytes) || (bytes.last() == Some(&b's') && set.contains_lower(&bytes[..bytes.len() - 1]))
}

fn is_role_modifier(word: &str) -> bool {
    WORD_SETS.role_modifiers.contains_lower(word.as_bytes())
}

/// Whether `word` starts with a capital ("el-Sisi" and "al-Sisi" count; "Beijing-based" does
/// not). Looked at for nearly every word, so ASCII first letters are read without decoding,
/// and only that test is inlined where it is asked: most lower-case words are settled by their
/// first four bytes.
#[inline(always)]
fn is_cap(word: &str) -> bool {
    let bytes = word.as_bytes();
    match bytes.first() {
        Some(b) if b.is_ascii_uppercase() => !is_based(bytes),
        // Most words: lower case, without a hyphen in their first four bytes. (Compared one by
        // one: `contains` calls a `memchr` for three bytes.)
        Some(b) if b.is_ascii_lowercase() => {
            let hyphen = |i: usize| bytes.get(i) == Some(&b'-');
            (hyphen(1) || hyphen(2) || hyphen(3)) && is_hyphenated_cap(word) && !is_based(bytes)
        }
        Some(b) if b.is_ascii() => false,
        _ => is_cap_outside_ascii(word),
    }
}

/// [`is_cap`] of the word `w` of `text`, read for every word: a word that begins with a small
/// ASCII letter and has no hyphen in its next three bytes (most words) is settled from the
/// text's bytes, without taking the word's text (whose slicing checks both ends).
///
/// A word that begins with an ASCII capital is settled from its bytes too (what [`is_cap`]
/// says of it: not "-based" at its end), without taking its text.
#[inline(always)]
fn is_cap_word(text: &str, w: &Word) -> bool {
    let bytes = text.as_bytes();
    match bytes.get(w.start) {
        Some(b) if b.is_ascii_lowercase() => {
            let hyphen = |i: usize| w.start + i < w.end && bytes[w.start + i] == b'-';
            if !(hyphen(1) || hyphen(2) || hyphen(3)) {
                return false;
            }
        }
        Some(b) if b.is_ascii_uppercase() && w.start < w.end => {
            let word = w.bytes(text);
            return !is_based(word);
        }
        _ => {}
    }
    is_cap(w.text(text))
}

/// Whether the words of `text[from..start]` surely do not end with a role head right before
/// `start` (white space between), which [`Builder::title_before`] needs first: then it need not
/// find the window's words. Read from the bytes where they settle it: the text before `start`
/// ends with an ASCII byte that is neither a letter, a digit nor white space (no word ends
/// there), or with a run of ASCII letters and digits after a byte that no word takes in
/// (neither a letter, digit, joiner nor outside ASCII) inside the window, which is then the
/// last word, and not a role head. Anything else (a joiner or a character outside ASCII before
/// the run, the window's start) is left to the words.
fn no_role_head_before(text: &str, from: usize, start: usize) -> bool {
    let before = text[..start].trim_end().as_bytes();
    let Some(&last) = before.last() else { return false };
    if !ASCII_ALPHANUMERIC[usize::from(last)] {
        return last.is_ascii();
    }
    let mut p = before.len() - 1;
    while p > 0 && ASCII_ALPHANUMERIC[usize::from(before[p - 1])] {
        p -= 1;
    }
    p > from && before[p - 1].is_ascii() && !matches!(before[p - 1], b'-' | b'.' | b'\'') && !is_role_head(&text[p..before.len()])
}

/// "Beijing-based": not a name's word, though capitalized. (Asked of nearly every capitalized
/// word: the last byte is compared first, which rules out most without a comparison of six.)
#[inline(always)]
fn is_based(word: &[u8]) -> bool {
    word.last() == Some(&b'd') && word.ends_with(b"-based")
}

/// "el-Sisi", "al-Sisi": a short lower-case prefix (at most three bytes) and a hyphen before a
/// capital; so only the first four bytes are searched for the hyphen.
#[inline(never)]
fn is_hyphenated_cap(word: &str) -> bool {
    let Some(hyphen) = word.bytes().take(4).position(|b| b == b'-') else { return false };
    word[hyphen + 1..].chars().next().is_some_and(char::is_uppercase)
}

/// [`is_cap`] of a word that does not begin with an ASCII character (or is empty).
#[inline(never)]
fn is_cap_outside_ascii(word: &str) -> bool {
    match word.chars().next() {
        Some(c) if c.is_uppercase() => !is_based(word.as_bytes()),
        Some(c) if c.is_lowercase() => is_hyphenated_cap(word) && !is_based(word.as_bytes()),
        _ => false,
    }
}

/// A plausible word of a person's name.
///
/// The tests are independent; the scans of the word's characters come before the table
/// look-ups.
fn is_name_word(word: &str) -> bool {
    is_cap(word) && has_lower_case(word) && !word.bytes().any(|b| b.is_ascii_digit()) && !in_name_stop_tables(word)
}

/// Whether `word` is in one of the tables [`is_name_word`] rules out: a stop word, an
/// organization or event head, a role noun (or its plural) or a role modifier. Most words are
/// in none, which the union of the tables' filters says at once (their bits fold ASCII case,
/// so the role tables, looked up in lower case, share the word's bit).
fn in_name_stop_tables(word: &str) -> bool {
    let sets = &*WORD_SETS;
    let bytes = word.as_bytes();
    let may = |filter: &[u64], w: &[u8]| WordTable::<()>::bit_in(filter, w).is_some();
    let stem = bytes.strip_suffix(b"s");
    let singular = stem.is_some_and(|w| sets.role_heads.may_hold(w));
    if !may(&sets.name_stops, bytes) && !singular {
        return false;
    }
    // (What `is_stop_cap || org_head || is_event_head || is_role_head || is_role_modifier`
    // says, with the tables of each case merged; `is_role_head`'s plural is the last test.)
    sets.name_stops_as_written.contains(bytes)
        || sets.name_stops_in_lower_case.contains_lower(bytes)
        || stem.is_some_and(|w| sets.role_heads.contains_lower(w))
}

/// [`is_name_word`] as it was before [`in_name_stop_tables`] (the reference of its test).
#[cfg(test)]
fn is_name_word_as_before(word: &str) -> bool {
    is_cap(word)
        && has_lower_case(word)
        && !word.bytes().any(|b| b.is_ascii_digit())
        && !is_stop_cap(word)
        && org_head(word).is_none()
        && !is_event_head(word)
        && !is_role_head(word)
        && !is_role_modifier(word)
}

/// Whether a character of `word` is lower case (`chars().any(char::is_lowercase)`): an ASCII
/// small letter says so without decoding, and only words with bytes outside ASCII are decoded.
fn has_lower_case(word: &str) -> bool {
    word.bytes().any(|b| b.is_ascii_lowercase()) || (!word.is_ascii() && word.chars().any(char::is_lowercase))
}

/// Runs of capitalized words (with connectors between them) in a sentence: word index ranges,
/// appended to `out`.
fn chunks(text: &str, ws: &[Word], out: &mut Vec<(usize, usize)>) {
    let mut i = 0;
    while i < ws.len() {
        if !is_cap_word(text, &ws[i]) {
            i += 1;
            continue;
        }
        let j = run_end(text, ws, i);
        out.push((i, j));
        i = j;
    }
}

/// [`chunks`] of the words `ws`, given the indexes (in order) of those of them that may be
/// capitalized, a list that holds every capitalized word ([`words_mixed_and_capitals`](super::segment::words_mixed_and_capitals)): runs
/// start only at capitalized words, so only those are visited between the runs.
fn chunks_among(text: &str, ws: &[Word], candidates: impl Iterator<Item = usize>, out: &mut Vec<(usize, usize)>) {
    // (Where the last run ended: no run starts inside it.)
    let mut next = 0;
    for i in candidates {
        if i < next || !is_cap_word(text, &ws[i]) {
            continue;
        }
        let j = run_end(text, ws, i);
        out.push((i, j));
        next = j;
    }
}

/// Where the run of capitalized words that starts at word `i` (capitalized) ends ([`chunks`]).
#[inline(always)]
fn run_end(text: &str, ws: &[Word], i: usize) -> usize {
    let mut j = i + 1;
    while j < ws.len() && one_space_between(text, &ws[j - 1], &ws[j]) {
        if is_cap_word(text, &ws[j]) {
            j += 1;
            continue;
        }
        // A connector continues the run when a capitalized word follows ("of the X").
        let mut k = j;
        while k < ws.len() && is_connector(ws[k].bytes(text)) && one_space_between(text, &ws[k - 1], &ws[k]) {
            k += 1;
        }
        if k > j && k < ws.len() && k - j <= 2 && one_space_between(text, &ws[k - 1], &ws[k]) && is_cap_word(text, &ws[k]) && !is_stop_cap(ws[k].bytes(text)) {
            j = k;
            continue;
        }
        break;
    }
    j
}

/// Whether the run of words ending before word `b` of `ws` is followed by a word that makes it
/// a region ("X province", one space between), as [`Builder::places`] asks.
fn place_cue_after(text: &str, ws: &[Word], b: usize) -> bool {
    ws.get(b).is_some_and(|w| matches!(w.text(text), "province" | "region" | "county" | "district") && &text[ws[b - 1].end..w.start] == " ")
}

/// Whether the run of words starting at word `a` of `ws` follows a preposition of place
/// (perhaps with "the" between), as [`Builder::places`] asks.
fn place_cue_before(text: &str, ws: &[Word], a: usize) -> bool {
    let k = if a > 0 && ws[a - 1].bytes(text) == b"the" { a - 1 } else { a };
    k > 0 && matches!(ws[k - 1].bytes(text), b"in" | b"to" | b"at" | b"from" | b"via")
}

/// The first words of an article's name parts ([`Builder::name_parts`]), as a 256-bit filter.
type PartFirsts = super::gazetteer::NameFilter<4>;

/// Whether a single space separates the words `a` and `b` (`b` after `a`).
fn one_space_between(text: &str, a: &Word, b: &Word) -> bool {
    b.start == a.end + 1 && text.as_bytes()[a.end] == b' '
}

/// The pattern of descriptive bodies ("the foreign ministry", "the government"), read by hand
/// ([`descriptive_org_at`]; the regex was looked up once or twice a sentence, and each search
/// cost cache misses on its tables):
/// `(?i:\b(?:the\s+)?)(?P<kind>foreign|…|environment)\s+ministry\b|(?:\b[Tt]he\s+)?(?P<gov>government|presidency|parliament|foreign\s+ministry)\b`
/// with `\b` an ASCII word boundary, the kinds being [`MINISTRY_KINDS`] and the bodies
/// [`BODIES`] and "foreign\s+ministry".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct DescriptiveOrg {
    start: usize,
    end: usize,
    /// The `kind` or, if there is none, the `gov` group: lower case, as the pattern spells it.
    head: (usize, usize),
}

/// The ministries' kinds of [`DescriptiveOrg`]'s pattern: no one starts another, so at most one
/// is at any position.
const MINISTRY_KINDS: &[&str] = &[
    "foreign", "finance", "defence", "defense", "energy", "interior", "trade", "economy", "health", "justice", "education", "culture",
    "agriculture", "industry", "mining", "transport", "environment",
];

/// The bodies of [`DescriptiveOrg`]'s pattern other than "foreign\s+ministry".
const BODIES: &[&str] = &["government", "presidency", "parliament"];

/// The words every match of [`DescriptiveOrg`]'s pattern ends with (lower case, as it matches
/// them) and every match of [`GovernmentOf`]'s pattern contains ("government", in any case).
const BODY_KEYWORDS: &[&str] = &["ministry", "government", "presidency", "parliament"];

/// The ASCII lower-case bit of each of eight bytes: ORed into eight letters, it folds them to
/// lower case, and eight bytes so folded equal eight lower-case letters only where they are
/// those letters in any case.
const LOWER_CASE_BIT: u64 = 0x2020_2020_2020_2020;

/// The last letters of [`BODY_KEYWORDS`], in either case: a run that ends with none of them ends
/// with no keyword (most runs).
static BODY_KEYWORD_LAST_BYTES: [bool; 256] = byte_table_any_case(&[BODY_KEYWORDS], Place::Last);

/// The letters before the last of [`BODY_KEYWORDS`], in either case ("r", "n", "c"): with the
/// last, they rule out the common long words that end as no keyword does ("recently",
/// "security", "district").
static BODY_KEYWORD_SECOND_LAST_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut k = 0;
    while k < BODY_KEYWORDS.len() {
        let word = BODY_KEYWORDS[k].as_bytes();
        let byte = word[word.len() - 2];
        table[byte.to_ascii_lowercase() as usize] = true;
        table[byte.to_ascii_uppercase() as usize] = true;
        k += 1;
    }
    table
};

/// Per keyword of [`BODY_KEYWORDS`] (each at least eight letters, in lower case), its last eight
/// bytes as a little-endian word, and the keyword.
static BODY_KEYWORD_TAILS: LazyLock<Vec<(u64, &'static str)>> = LazyLock::new(|| {
    BODY_KEYWORDS
        .iter()
        .map(|k| {
            assert!(k.len() >= 8 && k.bytes().all(|b| b.is_ascii_lowercase()), "body keywords are eight lower-case letters or more");
            (u64::from_le_bytes(k.as_bytes()[k.len() - 8..].try_into().expect("eight bytes")), *k)
        })
        .collect()
});

/// An occurrence of one of [`BODY_KEYWORDS`] in any ASCII case: its byte range and which.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Keyword {
    start: usize,
    end: usize,
    index: usize,
}

/// The occurrences of [`BODY_KEYWORDS`] in `text`, in any ASCII case, in order, that are not
/// followed by a byte of an ASCII word (`[A-Za-z0-9_]`): the only ones the two patterns read
/// around them ([`descriptive_org_matches`] wants a word boundary after its keyword,
/// [`regional_government_matches`] white space).
///
/// Such an occurrence (letters) ends a run of ASCII letters and digits, and every such run is
/// in one of the text's `words`: at the word's end, or, in a word that is not plain (`mixed`,
/// the indexes of those, in order), before one of its joiners or characters outside ASCII. So
/// only those ends are compared with the keywords (no keyword ends as another does, and none
/// can overlap another), and only in words as long as a keyword.
#[cfg(test)]
fn body_keywords(text: &str, words: &[Word], mixed: &[usize]) -> Vec<Keyword> {
    let mut m = mixed.iter().copied().peekable();
    let candidates: Vec<usize> = (0..words.len()).filter(|&k| may_end_body_keyword(text.as_bytes(), words[k], m.next_if_eq(&k).is_none())).collect();
    body_keywords_among(text, words, mixed, &candidates)
}

/// The length of the shortest of [`BODY_KEYWORDS`].
const SHORTEST_BODY_KEYWORD: usize = {
    let mut shortest = usize::MAX;
    let mut k = 0;
    while k < BODY_KEYWORDS.len() {
        if BODY_KEYWORDS[k].len() < shortest {
            shortest = BODY_KEYWORDS[k].len();
        }
        k += 1;
    }
    shortest
};

/// Whether word `w` of the text `bytes` (`plain`: all ASCII letters and digits) may end a run
/// that [`body_keywords`] finds: it is as long as a keyword, and, if plain (one run), ends with
/// a keyword's last letter after the letter before it in some keyword. Asked of each word as it
/// is read ([`read_article_words`]), so that [`body_keywords_among`] visits only those (about
/// one in a hundred).
#[inline(always)]
fn may_end_body_keyword(bytes: &[u8], w: Word, plain: bool) -> bool {
    w.end - w.start >= SHORTEST_BODY_KEYWORD
        && (!plain || (BODY_KEYWORD_LAST_BYTES[usize::from(bytes[w.end - 1])] && BODY_KEYWORD_SECOND_LAST_BYTES[usize::from(bytes[w.end - 2])]))
}

/// [`body_keywords`], given `candidates`, the indexes (in order) of the words of which
/// [`may_end_body_keyword`] holds (the others end no keyword).
fn body_keywords_among(text: &str, words: &[Word], mixed: &[usize], candidates: &[usize]) -> Vec<Keyword> {
    let shortest = SHORTEST_BODY_KEYWORD;
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let tails = &*BODY_KEYWORD_TAILS;
    // The keyword that ends at `end`, a run's end, if one does, its first byte at or after `from`.
    // (The eight bytes before `end`, folded to lower case, are compared with each keyword's
    // last eight at once; only where they are equal are its first bytes compared.)
    let ending_at = |from: usize, end: usize, out: &mut Vec<Keyword>| {
        if end - from < shortest || !BODY_KEYWORD_LAST_BYTES[usize::from(bytes[end - 1])] || bytes.get(end) == Some(&b'_') {
            return;
        }
        let last8 = u64::from_le_bytes(bytes[end - 8..end].try_into().expect("eight bytes")) | LOWER_CASE_BIT;
        let found = tails.iter().position(|&(tail, k)| {
            last8 == tail && end - from >= k.len() && bytes[end - k.len()..end - 8].eq_ignore_ascii_case(&k.as_bytes()[..k.len() - 8])
        });
        if let Some(index) = found {
            out.push(Keyword { start: end - BODY_KEYWORDS[index].len(), end, index });
        }
    };
    let mut m = 0;
    for &k in candidates {
        let w = &words[k];
        while mixed.get(m).is_some_and(|&x| x < k) {
            m += 1;
        }
        if mixed.get(m) == Some(&k) {
            // The runs' ends inside the word.
            for p in w.start + 1..w.end {
                if ASCII_ALPHANUMERIC[usize::from(bytes[p - 1])] && !ASCII_ALPHANUMERIC[usize::from(bytes[p])] {
                    ending_at(w.start, p, &mut out);
                }
            }
        }
        ending_at(w.start, w.end, &mut out);
    }
    out
}

/// [`body_keywords`] as it was: every occurrence, in any ASCII case, in order (what an
/// Aho-Corasick search finds), searched in the words long enough to hold one.
#[cfg(test)]
fn body_keywords_as_before(text: &str, words: &[Word]) -> Vec<Keyword> {
    let shortest = BODY_KEYWORDS.iter().map(|k| k.len()).min().unwrap_or(0);
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    for w in words.iter().filter(|w| w.end - w.start >= shortest) {
        let mut i = w.start;
        while i + shortest <= w.end {
            if !matches!(bytes[i] | 0x20, b'm' | b'g' | b'p') {
                i += 1;
                continue;
            }
            let found = BODY_KEYWORDS.iter().position(|k| bytes[i..w.end].get(..k.len()).is_some_and(|b| b.eq_ignore_ascii_case(k.as_bytes())));
            match found {
                Some(index) => {
                    let end = i + BODY_KEYWORDS[index].len();
                    out.push(Keyword { start: i, end, index });
                    i = end;
                }
                None => i += 1,
            }
        }
    }
    out
}

/// Where a match that reaches the word starting at `at` can start at the earliest, for the two
/// regexes read around [`BODY_KEYWORDS`]: two words before it ("the foreign ministry", "the
/// regional government"), words being what `\s` separates.
fn two_words_before(text: &str, at: usize) -> usize {
    let mut i = at;
    for _ in 0..2 {
        i = text[..i].trim_end().len();
        i = text[..i].trim_end_matches(|c: char| !c.is_whitespace()).len();
    }
    i
}

/// Whether the byte at `i` continues an ASCII word (what `(?-u:\b)` looks at).
fn ascii_word_byte(text: &str, i: usize) -> bool {
    text.as_bytes().get(i).copied().is_some_and(super::is_ascii_word_byte)
}

/// The matches of [`DescriptiveOrg`]'s pattern in `text`, as `captures_iter` finds them, found
/// without reading the whole text (a match could start at every "the"): every match ends with
/// a keyword at a word boundary and starts at most two words before it, and no match spans two
/// keywords, so for each keyword the text is read from two words before it to its end only.
fn descriptive_org_matches(text: &str, keywords: &[Keyword]) -> Vec<DescriptiveOrg> {
    let mut out = Vec::new();
    let mut pos = 0;
    for k in keywords {
        if k.start < pos || &text[k.start..k.end] != BODY_KEYWORDS[k.index] || ascii_word_byte(text, k.end) {
            continue;
        }
        let from = two_words_before(text, k.start).max(pos);
        if let Some(m) = descriptive_org_at(&text[..k.end], from) {
            pos = m.end;
            out.push(m);
        }
    }
    out
}

/// The leftmost-first match of [`DescriptiveOrg`]'s pattern in `hay` that starts at or after
/// `from` (what `captures_at(hay, from)` finds): the first position where either alternative
/// matches, the first alternative (and with it a "the") preferred. A match starts with an
/// ASCII letter, so every byte from `from` on is tried as a start.
fn descriptive_org_at(hay: &str, from: usize) -> Option<DescriptiveOrg> {
    let bytes = hay.as_bytes();
    let boundary = |i: usize| super::ascii_boundary(bytes, i);
    // `the\s+` at `p` (the case of its letters allowed as `any_case` says): where it ends.
    let the = |p: usize, any_case: bool| {
        let t = bytes.get(p..p + 3)?;
        let fits = if any_case { t.eq_ignore_ascii_case(b"the") } else { t == b"the" || t == b"The" };
        (fits && boundary(p)).then_some(())?;
        Some(p + 3 + spaces(&hay[p + 3..])?)
    };
    // `\s+ministry\b` at `i`: where it ends.
    let ministry = |i: usize| {
        let j = i + spaces(&hay[i..])?;
        hay[j..].starts_with("ministry").then_some(j + 8).filter(|&e| boundary(e))
    };
    // The first alternative, the kind at `q`.
    let kind = |q: usize| {
        let k = MINISTRY_KINDS.iter().find(|k| hay[q..].starts_with(*k))?;
        Some(DescriptiveOrg { start: 0, end: ministry(q + k.len())?, head: (q, q + k.len()) })
    };
    // The second alternative, the body at `q`.
    let body = |q: usize| {
        let end = match BODIES.iter().find(|b| hay[q..].starts_with(*b)) {
            Some(b) => Some(q + b.len()).filter(|&e| boundary(e)),
            None if hay[q..].starts_with("foreign") => ministry(q + 7),
            None => None,
        }?;
        Some(DescriptiveOrg { start: 0, end, head: (q, end) })
    };
    (from..bytes.len()).filter(|&p| bytes[p].is_ascii_alphabetic()).find_map(|p| {
        let first = boundary(p).then(|| the(p, true).and_then(kind).or_else(|| kind(p))).flatten();
        let m = first.or_else(|| the(p, false).and_then(body)).or_else(|| body(p))?;
        Some(DescriptiveOrg { start: p, ..m })
    })
}

/// A match of the pattern `\b(?:[Tt]he\s+)?(?P<regional>regional\s+)?(?i:government)\s+of\s+(?P<place>[A-Z][\p{L}-]+(?:\s+[A-Z][\p{L}-]+)?)`
/// ("the regional government of Andalusia"): byte ranges.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct GovernmentOf {
    start: usize,
    end: usize,
    place: (usize, usize),
    regional: bool,
}

/// The matches of the pattern [`GovernmentOf`] describes in `text`, as `captures_iter` finds
/// them, read by hand around each "government" (in any case) among `keywords`: what follows
/// it is fixed, and a match can start at it or at a "the" or "regional" right before it, the
/// leftmost of those that is at a word boundary and not inside the last match.
fn regional_government_matches(text: &str, keywords: &[Keyword]) -> Vec<GovernmentOf> {
    let mut out = Vec::new();
    let mut pos = 0;
    for k in keywords {
        if k.start < pos || BODY_KEYWORDS[k.index] != "government" {
            continue;
        }
        if let Some(m) = government_of_at(text, k.start, k.end, pos) {
            pos = m.end;
            out.push(m);
        }
    }
    out
}

/// The match of [`GovernmentOf`]'s pattern that reaches the keyword `text[start..end]`
/// ("government") and starts at or after `pos`, if any.
fn government_of_at(text: &str, start: usize, end: usize, pos: usize) -> Option<GovernmentOf> {
    // After the keyword: `\s+of\s+` and one or two capitalized words.
    let mut i = end;
    i += spaces(&text[i..]).filter(|_| text[i..].trim_start().starts_with("of"))? + 2;
    i += spaces(&text[i..])?;
    let place_start = i;
    i += capitalized_word(&text[i..], is_place_char)?;
    if let Some(n) = spaces(&text[i..]).and_then(|n| Some(n + capitalized_word(&text[i + n..], is_place_char)?)) {
        i += n;
    }
    let place = (place_start, i);
    // Before it, the leftmost possible start: "the regional", "regional", "the", itself.
    let at_boundary = |p: usize| p >= pos && (p == 0 || !super::is_ascii_word_byte(text.as_bytes()[p - 1]));
    let the_before = |p: usize| {
        let before = text[..p].trim_end();
        (before.len() < p && (before.ends_with("the") || before.ends_with("The"))).then(|| before.len() - 3).filter(|&t| at_boundary(t))
    };
    let word_end = text[..start].trim_end().len();
    let regional = (word_end < start && text[..word_end].ends_with("regional")).then(|| word_end - "regional".len());
    let (from, regional) = match regional {
        Some(r) => match the_before(r) {
            Some(t) => (t, true),
            None if at_boundary(r) => (r, true),
            None => (start, false),
        },
        None => (the_before(start).unwrap_or(start), false),
    };
    if from == start && !at_boundary(start) {
        return None;
    }
    Some(GovernmentOf { start: from, end: i, place, regional })
}

/// The length of the white space (`\s+`) at the start of `s`, if there is some.
fn spaces(s: &str) -> Option<usize> {
    Some(s.len() - s.trim_start().len()).filter(|&n| n > 0)
}

/// The length of the capitalized word at the start of `s` (`[A-Z]` and one or more characters
/// `part` accepts, as many as there are), if there is one.
fn capitalized_word(s: &str, part: fn(char) -> bool) -> Option<usize> {
    let rest = s.strip_prefix(|c: char| c.is_ascii_uppercase())?;
    let n = rest.len() - rest.trim_start_matches(part).len();
    (n > 0).then_some(1 + n)
}

/// A letter (`\p{L}`): ASCII letters at once, other characters through the class itself (rare
/// in the names read by hand).
fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        LETTER.is_match(c.encode_utf8(&mut [0; 4]))
    }
}

static LETTER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\p{L}").expect("letter class"));

/// What continues a place's name after its capital (`[\p{L}-]`).
fn is_place_char(c: char) -> bool {
    c == '-' || is_letter(c)
}

/// What continues a person's name after its capital in a by-line (`[\p{L}'’-]`).
fn is_byline_name_char(c: char) -> bool {
    matches!(c, '\'' | '’' | '-') || is_letter(c)
}

/// The credits of a by-line and the role each gives ("Reporting by …": a reporter).
const BYLINE_CREDITS: &[(&str, &str)] = &[("Reporting", "reporter"), ("Editing", "editor"), ("Writing", "writer"), ("Additional reporting", "reporter")];

/// A credit in a by-line, a match of the pattern
/// `(?:Reporting|Editing|Writing|Additional reporting)\s+by\s+(?P<name>[A-Z][\p{L}'’-]+(?:\s+[A-Z][\p{L}'’-]+){1,3})`:
/// byte ranges in the by-line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Credit {
    start: usize,
    end: usize,
    name: (usize, usize),
    role: &'static str,
}

/// The credits of `line`, as `captures_iter` finds the pattern [`Credit`] describes: the
/// leftmost, then the next after it. Every part of the pattern takes all it can and none can
/// take what the next needs, so it is read without going back.
fn byline_credits(line: &str) -> Vec<Credit> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(credit) = (from..line.len()).find_map(|p| credit_at(line, p)) {
        from = credit.end;
        out.push(credit);
    }
    out
}

/// The credit of `line` that starts at byte `p`, if any.
fn credit_at(line: &str, p: usize) -> Option<Credit> {
    let &(word, role) = BYLINE_CREDITS.iter().find(|(w, _)| line.as_bytes()[p..].starts_with(w.as_bytes()))?;
    // (The credit words are ASCII: `p` is a character boundary.)
    let mut i = p + word.len();
    i += spaces(&line[i..]).filter(|_| line[i..].trim_start().starts_with("by"))? + 2;
    i += spaces(&line[i..])?;
    let name_start = i;
    i += capitalized_word(&line[i..], is_byline_name_char)?;
    let mut more = 0;
    while more < 3 {
        let Some(n) = spaces(&line[i..]).and_then(|n| Some(n + capitalized_word(&line[i + n..], is_byline_name_char)?)) else { break };
        i += n;
        more += 1;
    }
    (more > 0).then_some(Credit { start: p, end: i, name: (name_start, i), role })
}

/// Speech verbs: after them a name is a person's ("Park Ji-woo said").
const SPEECH_VERBS: &[&str] = &[
    "said", "says", "told", "argued", "added", "stressed", "noted", "warned", "wrote", "explained", "insisted", "announced", "urged",
    "asked", "replied", "recalled", "believes", "thinks",
];

/// Whether `after`, the text after a name, is white space and then a speech verb as a whole
/// word (what the pattern `^\s+(?:said|says|…)\b` matches).
fn speech_after_name(after: &str) -> bool {
    let verb = after.trim_start();
    verb.len() < after.len() && SPEECH_VERBS.iter().any(|v| verb.starts_with(v) && !verb.as_bytes().get(v.len()).is_some_and(|&b| super::is_ascii_word_byte(b)))
}

static COUNTRY_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    super::regex(r"(?:\b[Tt]he\s+)?(?:(?:Socialist|Federal|Islamic|People's|Democratic|Arab|United|Plurinational|Bolivarian|Hashemite|Cooperative)\s+)*(?:Republic|Kingdom|State|Commonwealth|Sultanate|Principality|Grand\s+Duchy)\s+of\s+$")
        .expect("country prefix regex")
});

/// The words right before the final "of" of every match of [`COUNTRY_PREFIX`].
const COUNTRY_FORM_HEADS: &[&str] = &["Republic", "Kingdom", "State", "Commonwealth", "Sultanate", "Principality", "Duchy"];

/// The match of [`COUNTRY_PREFIX`] in `before` (the text before a country's name): the pattern
/// runs only when `before` ends as all its matches do, with a head word, "of" and white space
/// (most countries are named without).
fn country_prefix(before: &str) -> Option<regex::Match<'_>> {
    let of = before.trim_end();
    let head = of.strip_suffix("of").filter(|_| of.len() < before.len())?;
    let head_end = head.trim_end();
    if head_end.len() == head.len() || !COUNTRY_FORM_HEADS.iter().any(|h| head_end.ends_with(h)) {
        return None;
    }
    COUNTRY_PREFIX.find(before)
}

/// Words that put a capital in its place sense before it.
const LOCATIVE: &[&str] = &[
    "in", "to", "at", "from", "near", "across", "into", "toward", "towards", "via", "outside", "inside", "around", "through", "visit",
    "visited", "visiting", "reached", "left", "leaving", "tour", "toured", "of", "between", "and", "In", "At", "From", "To",
];

/// Per byte of the text, the last mention added that covers it, and the last that is not a
/// demonym: one word per byte, `1 +` the mention's index (0: none), with [`Cover::DEMONYM`] set
/// where that mention is a demonym.
///
/// One array serves for both because where a demonym is the last mention over a byte, no
/// other mention covered it before: demonyms are the gazetteer's matches, added first, in
/// order and without overlaps, and only the mentions added after them can reach back over
/// them. (Two arrays, one for each, cost twice the zeroing and filling.)
///
/// The array is the thread's scratch array ([`CoverScratch`]), at least as long as the text and
/// zero where no mention was recorded, so that an article does not zero (or allocate) an array
/// as long as its text: the ranges recorded are zeroed again when the cover is dropped.
#[derive(Debug)]
struct Cover {
    /// The scratch array: its first `len` words are the text's.
    at: Vec<u32>,
    len: usize,
    /// The ranges recorded in `at`.
    written: Vec<(usize, usize)>,
}

/// The arrays of the thread's last [`Cover`], all zero, kept for the next article's.
#[derive(Debug, Default)]
struct CoverScratch {
    at: Vec<u32>,
    written: Vec<(usize, usize)>,
}

thread_local! {
    static COVER_SCRATCH: std::cell::RefCell<CoverScratch> = std::cell::RefCell::new(CoverScratch::default());
}

impl Cover {
    /// The bit that marks a demonym.
    const DEMONYM: u32 = 1 << 31;

    /// A cover of `len` bytes, none covered, on the thread's scratch arrays (grown if the
    /// text is longer than any before).
    fn new(len: usize) -> Self {
        let CoverScratch { mut at, written } = take_kept(&COVER_SCRATCH);
        debug_assert!(written.is_empty() && at.iter().all(|&v| v == 0), "a scratch cover is zero");
        if at.len() < len {
            at.resize(len, 0);
        }
        Self { at, len, written }
    }

    /// The words of the text's bytes.
    fn bytes(&self) -> &[u32] {
        &self.at[..self.len]
    }

    /// Records mention `i` over the bytes `start..end`.
    fn index(&mut self, i: usize, start: usize, end: usize, demonym: bool) {
        let index = u32::try_from(i + 1).ok().filter(|&n| n < Self::DEMONYM).expect("fewer than 2^31 mentions");
        let bytes = &mut self.at[..self.len][start..end];
        self.written.push((start, end));
        debug_assert!(!demonym || bytes.iter().all(|&v| v == 0 || v & Self::DEMONYM != 0), "a demonym over another mention");
        bytes.fill(if demonym { index | Self::DEMONYM } else { index });
    }

    /// The last mention over byte `i`.
    fn last(&self, i: usize) -> Option<usize> {
        let v = *self.bytes().get(i)?;
        (v != 0).then(|| (v & !Self::DEMONYM) as usize - 1)
    }

    /// The last mention over byte `i` that is not a demonym.
    fn last_nd(&self, i: usize) -> Option<usize> {
        let v = *self.bytes().get(i)?;
        (v != 0 && v & Self::DEMONYM == 0).then(|| v as usize - 1)
    }

    /// Whether a mention covers a byte of `start..end`.
    fn any(&self, start: usize, end: usize) -> bool {
        self.bytes()[start..end].iter().any(|&v| v != 0)
    }

    /// Whether a mention covers every byte of `start..end`.
    fn all(&self, start: usize, end: usize) -> bool {
        self.bytes()[start..end].iter().all(|&v| v != 0)
    }

    /// Whether a mention that is not a demonym covers a byte of `start..end`.
    fn any_nd(&self, start: usize, end: usize) -> bool {
        self.bytes()[start..end].iter().any(|&v| v != 0 && v & Self::DEMONYM == 0)
    }
}

impl Drop for Cover {
    /// Zeroes the ranges recorded and gives the arrays back to the thread.
    fn drop(&mut self) {
        let (mut at, mut written) = (std::mem::take(&mut self.at), std::mem::take(&mut self.written));
        for &(start, end) in &written {
            at[start..end].fill(0);
        }
        written.clear();
        keep(&COVER_SCRATCH, CoverScratch { at, written });
    }
}

/// Something of each sentence (its words, its runs of capitalized words) in one vector: one
/// allocation, not one per sentence.
#[derive(Debug)]
struct PerSentence<T> {
    items: Vec<T>,
    /// Where each sentence's items end in `items`.
    ends: Vec<usize>,
}

impl<T> Default for PerSentence<T> {
    fn default() -> Self {
        Self { items: Vec::new(), ends: Vec::new() }
    }
}

impl<T> PerSentence<T> {
    /// Replaces the items with those `add` appends for each of `sentences` in turn (the
    /// vectors are kept, so that one article's serve the next: [`Scratch`]).
    fn fill<S>(&mut self, sentences: impl Iterator<Item = S>, capacity: usize, mut add: impl FnMut(S, &mut Vec<T>)) {
        let Self { items, ends } = self;
        items.clear();
        ends.clear();
        items.reserve(capacity);
        ends.reserve(sentences.size_hint().0);
        for s in sentences {
            add(s, items);
            ends.push(items.len());
        }
    }
}

impl<'s, T> IntoIterator for &'s PerSentence<T> {
    type Item = &'s [T];
    type IntoIter = Sentences<'s, T>;

    fn into_iter(self) -> Sentences<'s, T> {
        Sentences { items: &self.items, ends: self.ends.iter(), start: 0 }
    }
}

/// The items of each sentence in turn ([`PerSentence`]).
struct Sentences<'s, T> {
    items: &'s [T],
    ends: std::slice::Iter<'s, usize>,
    start: usize,
}

impl<'s, T> Iterator for Sentences<'s, T> {
    type Item = &'s [T];

    fn next(&mut self) -> Option<&'s [T]> {
        let end = *self.ends.next()?;
        let items = &self.items[self.start..end];
        self.start = end;
        Some(items)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.ends.size_hint()
    }
}

/// The words of each sentence: a range of the article's words, or, for a sentence whose first
/// or last word reaches over its ends (a dateline cut inside a word), words of its own, cut as
/// [`extend_words_within`] cuts them. Most sentences need no copy of their words.
#[derive(Debug, Default)]
struct SentenceWords {
    /// Per sentence: whether its words are in `own`, and their range there or in the
    /// article's words.
    spans: Vec<(bool, usize, usize)>,
    own: Vec<Word>,
}

impl SentenceWords {
    /// Replaces the words with those of `sentences`, taken from `all` (the words of `text`).
    /// (The vectors are kept, so that one article's serve the next: [`Scratch`].)
    fn fill(&mut self, text: &str, all: &[Word], sentences: &[super::segment::Sentence]) {
        let Self { spans, own } = self;
        spans.clear();
        own.clear();
        spans.reserve(sentences.len());
        // (Where the last sentence's words end in `all`. The sentences come in order, and each
        // begins after the last one's words but where a word reaches over (a dateline cut
        // inside one): so its words are found by walking on from there, not by two binary
        // searches of all the words, whose steps each wait for the last one's load.)
        let mut next = 0;
        for s in sentences {
            // (What `extend_words_within` takes: where neither end word reaches over, it copies
            // them unchanged.) The first word that ends after the sentence's start, and the
            // first that starts at or after its end: the words' ends and starts are in order.
            let mut first = next;
            if first > 0 && all[first - 1].end > s.start {
                first = all[..first].partition_point(|w| w.end <= s.start);
            }
            while all.get(first).is_some_and(|w| w.end <= s.start) {
                first += 1;
            }
            let mut last = first;
            while all.get(last).is_some_and(|w| w.start < s.end) {
                last += 1;
            }
            next = last;
            let reaches_over = |k: Option<usize>| k.and_then(|k| all.get(k)).is_some_and(|w| w.start < s.start || w.end > s.end);
            if first < last && (reaches_over(Some(first)) || reaches_over(last.checked_sub(1))) {
                let from = own.len();
                extend_words_within(own, all, text, s.start, s.end);
                spans.push((true, from, own.len()));
            } else {
                spans.push((false, first, last));
            }
        }
    }

    /// The runs of capitalized words of each sentence ([`chunks`]), `all` being the article's
    /// words and `capitals` the indexes of those that may be capitalized: in a sentence whose
    /// words are a range of `all`, only those are visited ([`chunks_among`]).
    fn runs(&self, text: &str, all: &[Word], capitals: &[usize], runs: &mut PerSentence<(usize, usize)>) {
        // (Rarely more than one run per eight words.) The sentences' first words come in order,
        // so their first capitals are found by walking on from the last sentence's.
        let mut from = 0;
        runs.fill(self.spans.iter(), all.len() / 8, |&(own, a, b), out| {
            if own {
                chunks(text, &self.own[a..b], out);
            } else {
                while capitals.get(from).is_some_and(|&k| k < a) {
                    from += 1;
                }
                let mut to = from;
                while capitals.get(to).is_some_and(|&k| k < b) {
                    to += 1;
                }
                chunks_among(text, &all[a..b], capitals[from..to].iter().map(|&k| k - a), out);
            }
        });
    }

    /// Each sentence's words, `all` being the article's words they were taken from.
    fn iter<'s>(&'s self, all: &'s [Word]) -> impl Iterator<Item = &'s [Word]> + 's {
        self.spans.iter().map(move |&(own, a, b)| if own { &self.own[a..b] } else { &all[a..b] })
    }
}

/// [`Builder::marks`]: a mention points to the entity.
const MENTIONED: u8 = 1;
/// [`Builder::marks`]: a recorded mention points to the entity.
const RECORDED: u8 = 2;

struct Builder<'a> {
    text: &'a str,
    gaz: &'a Gazetteer,
    seg: &'a Segmented,
    registry: Registry,
    mentions: Vec<Mention>,
    titles: Vec<Title>,
    /// The words of the whole text, read once; the windows around names that the title and
    /// apposition rules read are taken from them ([`words_within_cow`]).
    all_words: &'a [Word],
    /// The indexes of the words of `all_words` that are not plain ([`words_mixed_and_capitals`](super::segment::words_mixed_and_capitals)).
    mixed_words: &'a [usize],
    /// The gazetteer's matches, found as the words were read ([`read_article_words`]): a vector
    /// kept from one article to the next ([`Scratch`]).
    matches: Vec<super::gazetteer::GazMatch>,
    /// The indexes of the words of `all_words` that may end a body keyword
    /// ([`may_end_body_keyword`]).
    keyword_words: &'a [usize],
    /// Per entity, whether mentions point to it ([`Builder::marks`]).
    marks: Vec<u8>,
    /// The words of each sentence, taken from `all_words`.
    words: SentenceWords,
    /// The runs of capitalized words of each sentence ([`chunks`]), computed once.
    chunks: PerSentence<(usize, usize)>,
    /// Per byte, the last mention added that covers it ([`Cover`]).
    at: Cover,
    /// The vectors and maps the rules fill and empty again, kept from one article to the next
    /// ([`Scratch`]): so that a rule run on a run of words or an entity does not allocate them.
    kept: Box<Kept>,
}

/// [`Builder`]'s working vectors, emptied before each use (and the mentions to drop, emptied
/// at the end of [`detect`]).
#[derive(Debug, Default)]
struct Kept {
    /// [`Builder::organization_chunk`]'s heads, parts and the entities created of them.
    heads: Vec<(usize, EntityType, Option<usize>)>,
    parts: Vec<(usize, usize, EntityType, Option<usize>)>,
    created: Vec<usize>,
    /// [`Builder::propagate`]'s occurrences to add.
    found: Vec<(usize, usize, usize)>,
    /// Entity → the range in `occurrences` of the starts of the whole-word occurrences of its
    /// name in the text, once [`Builder::propagate`] has searched for them (it runs twice; names
    /// do not change).
    name_occurrences: HashMap<usize, (usize, usize)>,
    occurrences: Vec<usize>,
    /// Mentions to drop at the end (places and bodies nested in a longer name).
    dropped: Vec<usize>,
    /// [`Builder::people`]'s mentions of people, whose titles are then read.
    person_mentions: Vec<Mention>,
}

impl<'a> Builder<'a> {
    fn mention(&mut self, start: usize, end: usize, entity: usize, kind: MentionKind) {
        self.push(Mention { start, end, entity, kind, nested: false });
    }

    fn push(&mut self, m: Mention) {
        self.index(self.mentions.len(), &m);
        self.mentions.push(m);
    }

    fn index(&mut self, i: usize, m: &Mention) {
        self.at.index(i, m.start, m.end, m.kind == MentionKind::Demonym);
    }

    /// The last added mention (not a demonym) that covers `text[start..end]` entirely.
    fn enclosing(&self, start: usize, end: usize) -> Option<&Mention> {
        let i = self.at.last_nd(start)?;
        let m = self.mentions.get(i)?;
        (m.start <= start && m.end >= end).then_some(m)
    }

    /// Per entity, [`MENTIONED`] if a mention points to it and [`RECORDED`] if a recorded one
    /// does, in the builder's vector of marks (kept from one article to the next: the caller
    /// gives it back to `self.marks`).
    fn marks(&mut self) -> Vec<u8> {
        let mut marks = std::mem::take(&mut self.marks);
        marks.clear();
        marks.resize(self.registry.len(), 0);
        for m in &self.mentions {
            marks[m.entity] |= if m.kind.recorded() { MENTIONED | RECORDED } else { MENTIONED };
        }
        marks
    }

    /// Other occurrences of the names of entities found by cues ("Tangier" after "a trip to
    /// Tangier", "Hoffmann" is handled with surnames).
    fn propagate(&mut self) {
        let text = self.text;
        let mut found = std::mem::take(&mut self.kept.found);
        found.clear();
        let marks = self.marks();
        let Kept { name_occurrences, occurrences, .. } = &mut *self.kept;
        for (i, e) in self.registry.list.iter().enumerate() {
            if e.gaz.is_some() || e.kind == EntityType::Person || fewer_than_four_chars(&e.name) {
                continue;
            }
            if marks.get(i).is_none_or(|&k| k & MENTIONED == 0) {
                continue;
            }
            let (from, to) = *name_occurrences.entry(i).or_insert_with(|| {
                let from = occurrences.len();
                whole_word_occurrences_into(text, &e.name, occurrences);
                (from, occurrences.len())
            });
            for &s in &occurrences[from..to] {
                let end = s + e.name.len();
                if !self.at.any(s, end) {
                    found.push((s, end, i));
                }
            }
        }
        self.marks = marks;
        for &(s, e, i) in &found {
            self.mention(s, e, i, MentionKind::Name);
        }
        self.kept.found = found;
    }

    /// Whether a mention that is not a demonym covers a byte of `start..end`.
    fn covering(&self, start: usize, end: usize) -> bool {
        self.at.any_nd(start, end)
    }

    /// Whether a mention covers a byte of `start..end`.
    fn any_covering(&self, start: usize, end: usize) -> bool {
        self.at.any(start, end)
    }

    /// The mention that ends at `end` (ignoring white space and a possessive).
    fn mention_ending_at(&self, end: usize) -> Option<Mention> {
        let last = end.checked_sub(1)?;
        [self.at.last(last), self.at.last_nd(last)]
            .into_iter()
            .flatten()
            .filter_map(|i| self.mentions.get(i))
            .filter(|m| m.end == end)
            .max_by_key(|m| m.end - m.start)
            .copied()
    }

    fn mention_starting_at(&self, start: usize) -> Option<Mention> {
        let i = self.at.last_nd(start)?;
        self.mentions.get(i).filter(|m| m.start == start).copied()
    }

    fn gazetteer_mentions(&mut self) {
        let matches = std::mem::take(&mut self.matches);
        // (Most of an article's mentions are these; the rules add a few: room for them at once,
        // not by doubling.)
        self.mentions.reserve(matches.len() + 16);
        for &m in &matches {
            let entry = self.gaz.entry(m.entry);
            let entity = self.registry.gaz(self.gaz, m.entry, m.start);
            let surface = &self.text[m.start..m.end];
            match m.form {
                Form::Demonym => self.mention(m.start, m.end, entity, MentionKind::Demonym),
                Form::Name | Form::Alias => {
                    let mut start = m.start;
                    // "the Socialist Republic of Viet Nam": the long form is one mention.
                    if entry.kind == EntityType::Country {
                        if let Some(prefix) = country_prefix(&self.text[floor(self.text, m.start.saturating_sub(60))..m.start]) {
                            start = m.start - prefix.len();
                            let long = self.text[start..m.end].to_owned();
                            self.registry.add_alias(entity, long.trim());
                        }
                    }
                    if surface != entry.name {
                        self.registry.add_alias(entity, surface);
                    }
                    // "the Global Times": a leading "the" belongs to an organization's mention.
                    let organization = !matches!(entry.kind, EntityType::Person | EntityType::Country | EntityType::City | EntityType::Region | EntityType::River | EntityType::Place);
                    if organization && start == m.start && (self.text[..start].ends_with("the ") || self.text[..start].ends_with("The ")) {
                        start -= 4;
                        self.registry.add_alias(entity, &self.text[start..m.end]);
                    }
                    let kind = if m.form == Form::Name { MentionKind::Name } else { MentionKind::Alias };
                    self.mention(start, m.end, entity, kind);
                }
            }
        }
        self.matches = matches;
    }

    fn dateline(&mut self, meta: &ArticleMeta) {
        if let Some((s, e)) = self.seg.dateline_place {
            if !self.covering(s, e) {
                let written = &self.text[s..e];
                let entity = match self.gaz.by_form_ignore_case(written) {
                    Some(row) => self.registry.gaz(self.gaz, row, s),
                    None => {
                        let name = meta.dateline.clone().unwrap_or_else(|| title_case(written));
                        self.registry.named(self.gaz, &name, EntityType::City, s, 0.8)
                    }
                };
                self.mention(s, e, entity, MentionKind::Name);
            }
        }
        if let Some((s, e)) = self.seg.dateline_outlet {
            if !self.covering(s, e) {
                let written = &self.text[s..e];
                let publisher = meta.publisher.as_deref().unwrap_or("");
                let entity = if !publisher.is_empty() && publisher.starts_with(written) {
                    let p = self.registry.named(self.gaz, publisher, EntityType::NewsOutlet, s, 0.9);
                    self.registry.add_alias(p, written);
                    p
                } else {
                    self.registry.named(self.gaz, written, EntityType::NewsOutlet, s, 0.8)
                };
                self.mention(s, e, entity, MentionKind::Alias);
            }
        }
    }

    /// Organizations and places by head words, in every sentence.
    fn organizations(&mut self) {
        let (all, words) = (self.all_words, std::mem::take(&mut self.words));
        let runs = std::mem::take(&mut self.chunks);
        for ((sentence, ws), cs) in self.seg.sentences.iter().zip(words.iter(all)).zip(&runs) {
            for &(a, b) in cs {
                if self.has_new_head(&ws[a..b]) {
                    self.organization_chunk(&ws[a..b], sentence.start);
                }
            }
        }
        self.words = words;
        self.chunks = runs;
    }

    /// Whether [`Builder::organization_chunk`] would find a head outside the mentions in the
    /// run `ws` (without one, it returns at once, having changed nothing): a word that is an
    /// organization head and not inside a mention, and that is not an outlet's or a place's
    /// head at the start. Most runs have none; the table's filter rules most words out before
    /// the mentions are looked at.
    fn has_new_head(&self, ws: &[Word]) -> bool {
        let text = self.text;
        ws.iter().enumerate().any(|(i, w)| {
            org_head(w.bytes(text)).is_some_and(|t| head_may_stand_at(t, i)) && self.enclosing(w.start, w.end).is_none()
        })
    }

    /// [`Builder::organization_chunk_with`] on the builder's kept vectors (a call inside it,
    /// which reads two organizations joined by "and" apart, makes its own).
    fn organization_chunk(&mut self, ws: &[Word], sentence_start: usize) {
        let (mut heads, mut parts, mut created) = (std::mem::take(&mut self.kept.heads), std::mem::take(&mut self.kept.parts), std::mem::take(&mut self.kept.created));
        heads.clear();
        parts.clear();
        created.clear();
        self.organization_chunk_with(ws, sentence_start, &mut heads, &mut parts, &mut created);
        (self.kept.heads, self.kept.parts, self.kept.created) = (heads, parts, created);
    }

    #[allow(clippy::type_complexity)]
    fn organization_chunk_with(&mut self, ws: &[Word], sentence_start: usize, heads: &mut Vec<(usize, EntityType, Option<usize>)>, parts: &mut Vec<(usize, usize, EntityType, Option<usize>)>, created: &mut Vec<usize>) {
        let text = self.text;
        // Heads outside gazetteer mentions, and organizations the gazetteer knows inside the run
        // (a parent: "… of Peking University").
        for (i, w) in ws.iter().enumerate() {
            if let Some(m) = self.enclosing(w.start, w.end) {
                let kind = self.registry.list[m.entity].kind;
                let is_org = !matches!(kind, EntityType::Person | EntityType::Country | EntityType::City | EntityType::Region | EntityType::River | EntityType::Place);
                if is_org && m.end == w.end && i > 0 {
                    heads.push((i, kind, Some(m.entity)));
                }
                continue;
            }
            if let Some(t) = org_head(w.bytes(text)) {
                if head_may_stand_at(t, i) {
                    heads.push((i, t, None));
                }
            }
        }
        if heads.iter().all(|h| h.2.is_some()) {
            return;
        }
        // "Chief Cabinet Secretary Yoshimasa Hayashi": a title before a name, not a body.
        let last_head = heads.last().map_or(0, |h| h.0);
        if ws[last_head + 1..].iter().any(|w| is_role_head(w.text(text))) {
            return;
        }
        if heads.is_empty() || ws.iter().any(|w| is_event_head(w.bytes(text))) {
            return;
        }
        // Drop leading stop words ("The").
        let mut first = 0;
        while first < ws.len() && is_stop_cap(ws[first].bytes(text)) {
            first += 1;
        }
        if first >= ws.len() {
            return;
        }
        // Two organizations joined by "and (the)": read each on its own.
        if let Some(k) = (first + 1..ws.len().saturating_sub(1)).find(|&k| {
            ws[k].bytes(text) == b"and"
                && heads.iter().any(|h| h.0 < k)
                && heads.iter().any(|h| h.0 > k)
                && (ws[k + 1].bytes(text) == b"the" || org_head(ws[k + 1].bytes(text)).is_some())
        }) {
            let mut second = k + 1;
            if ws[second].text(text) == "the" {
                second += 1;
            }
            self.organization_chunk(&ws[..k], sentence_start);
            self.organization_chunk(&ws[second..], sentence_start);
            return;
        }
        // Where a sub-unit names its parent ("Center … of … University"), split.
        let mut start = first;
        for (n, &(h, t, known)) in heads.iter().enumerate() {
            let next = heads.get(n + 1);
            let head_word = ws[h].text(text);
            let split_at = next.and_then(|&(h2, _, _)| {
                if !SUB_UNIT_HEADS.contains(&head_word) {
                    return None;
                }
                // The last "of" between the two heads, followed by the parent's name.
                (h + 1..h2).rev().find(|&k| ws[k].text(text) == "of" && k > h)
            });
            match split_at {
                Some(k) => {
                    parts.push((start, k, t, known));
                    let mut s = k + 1;
                    if ws.get(s).is_some_and(|w| w.text(text) == "the") {
                        s += 1;
                    }
                    start = s;
                }
                None if next.is_none() => parts.push((start, ws.len(), t, known)),
                None => {}
            }
        }
        for &(a, b, kind, known) in parts.iter() {
            if let Some(entity) = known {
                created.push(entity);
                continue;
            }
            // Trim trailing connectors.
            let mut b = b;
            while b > a && is_connector(ws[b - 1].bytes(text)) {
                b -= 1;
            }
            if a >= b {
                continue;
            }
            let (s, e) = (ws[a].start, ws[b - 1].end);
            if let Some(m) = self.enclosing(s, e) {
                created.push(m.entity); // the gazetteer has it
                continue;
            }
            let written = &text[s..e];
            let mut name = canonical_org_name(self.gaz, written, &self.registry);
            let kind = if kind == EntityType::Government && written.contains("News Agency") { EntityType::NewsOutlet } else { kind };
            // "Nigeria's National Assembly" → "National Assembly of Nigeria".
            let mut owner_country = None;
            let generic = ws[a..b].iter().all(|w| WORD_SETS.generic_body_words.contains(w.bytes(text)));
            if generic {
                if let Some((owner, _)) = self.owner_before(s) {
                    if self.registry.list[owner].kind == EntityType::Country {
                        name = Cow::Owned(format!("{name} of {}", self.registry.list[owner].name));
                        owner_country = Some(owner);
                    }
                }
            }
            // A generic sub-unit ("Press Service") is named with its parent.
            if b - a == 2 && generic && owner_country.is_none() {
                if let Some(&(_, _, _, _)) = parts.last().filter(|p| p.0 != a) {
                    let parent_start = parts.last().map_or(b, |p| p.0);
                    if parent_start < ws.len() {
                        let parent = canonical_org_name(self.gaz, &text[ws[parent_start].start..ws[ws.len() - 1].end], &self.registry);
                        name = Cow::Owned(format!("{name} of the {parent}"));
                    }
                }
            }
            let entity = self.registry.named(self.gaz, &name, kind, s, 0.8);
            let mut owner_start = None;
            if let Some(c) = owner_country {
                self.registry.list[entity].part_of.get_or_insert(c);
                owner_start = self.owner_before(s).map(|(_, st)| st);
            }
            // "the" before the name belongs to the mention; so does the owner of a generic name
            // ("Nigeria's National Assembly").
            let with_the = if (text[..s].ends_with("the ") && s >= sentence_start + 4) || text[..s].ends_with("The ") { s - 4 } else { s };
            let with_the = owner_start.unwrap_or(with_the);
            self.registry.add_alias(entity, &text[with_the..e]);
            // Gazetteer mentions inside become nested; only countries and cities keep them
            // ("Kazakhstan" in a ministry's name, but not "Suez Canal" in "Suez Canal Economic
            // Zone").
            // (Dropped at the end of detection, so that the indexes stay valid meanwhile; the
            // bytes stay covered, by the new mention.) One pass marks and drops.
            let (registry, dropped) = (&self.registry, &mut self.kept.dropped);
            for (i, m) in self.mentions.iter_mut().enumerate() {
                if m.start >= s && m.end <= e {
                    if !matches!(registry.list[m.entity].kind, EntityType::Country | EntityType::City) && m.kind != MentionKind::Demonym {
                        dropped.push(i);
                    }
                    m.nested = true;
                }
            }
            self.mention(with_the, e, entity, MentionKind::Name);
            created.push(entity);
        }
        // Sub-unit → parent.
        for pair in created.windows(2) {
            if self.registry.list[pair[0]].part_of.is_none() && pair[0] != pair[1] {
                self.registry.list[pair[0]].part_of = Some(pair[1]);
            }
        }
    }

    /// "Brazil's foreign ministry", "the Chinese government", "the Egyptian presidency", "the
    /// regional government of Andalusia".
    fn descriptive_organizations(&mut self) {
        let text = self.text;
        let keywords = body_keywords_among(text, self.all_words, self.mixed_words, self.keyword_words);
        if keywords.is_empty() {
            return;
        }
        for d in descriptive_org_matches(text, &keywords) {
            // (The head is in lower case: "Government" capitalized is a name's head, which
            // chunks handle.)
            let (head_start, whole_end) = (d.head.0, d.end);
            if self.any_covering(d.start, whole_end) {
                continue;
            }
            let kind_word = &text[head_start..d.head.1];
            // The country: a demonym, country or capital right before, or "X's".
            let before = text[..head_start].trim_end();
            let (owner_end, possessive) = if let Some(b) = before.strip_suffix("'s").or_else(|| before.strip_suffix("’s")) {
                (b.len(), true)
            } else {
                (before.len(), false)
            };
            let Some(owner) = self.mention_ending_at(owner_end) else { continue };
            let Some(country) = self.country_of_mention(&owner) else { continue };
            let country_name = self.registry.list[country].name.clone();
            let start = if possessive { owner.start } else { d.start.min(owner.start) };
            let start = if text[..start].ends_with("the ") || text[..start].ends_with("The ") { start - 4 } else { start };
            let written = &text[start..whole_end];
            let (name, kind) = match kind_word {
                "government" => (format!("Government of {country_name}"), EntityType::Government),
                "presidency" => (format!("Presidency of {country_name}"), EntityType::Government),
                "parliament" => (format!("Parliament of {country_name}"), EntityType::Government),
                k => {
                    let area = k.trim_end_matches("ministry").trim();
                    let area = match area {
                        "foreign" => "Foreign Affairs".to_owned(),
                        "defense" | "defence" => "Defence".to_owned(),
                        other => title_case(other),
                    };
                    // The gazetteer may know the ministry under a descriptive alias.
                    let demonym = self.gaz.entry(self.registry.list[country].gaz.unwrap_or(0)).demonyms.first().cloned().unwrap_or_default();
                    let raw = title_case(k.trim_end_matches("ministry").trim());
                    let known = [format!("{demonym} {raw} Ministry"), format!("{country_name}'s {raw} Ministry"), format!("{demonym} {} Ministry", title_case(&area))]
                        .iter()
                        .find_map(|f| self.gaz.by_form_ignore_case(f))
                        .filter(|_| self.registry.list[country].gaz.is_some());
                    match known {
                        Some(row) => (self.gaz.entry(row).name.clone(), EntityType::Government),
                        None => (format!("Ministry of {area} of {country_name}"), EntityType::Government),
                    }
                }
            };
            let entity = self.registry.named(self.gaz, &name, kind, start, 0.8);
            if self.registry.list[entity].part_of.is_none() {
                self.registry.list[entity].part_of = Some(country);
            }
            self.registry.add_alias(entity, written);
            for m in self.mentions.iter_mut() {
                if m.start >= start && m.end <= whole_end {
                    m.nested = true;
                }
            }
            self.mention(start, whole_end, entity, MentionKind::Description);
        }
        for g in regional_government_matches(text, &keywords) {
            if self.covering(g.start, g.end) {
                continue;
            }
            let (place_start, place_end) = g.place;
            let place_entity = match self.mention_starting_at(place_start) {
                Some(m) => m.entity,
                None => {
                    let kind = if g.regional { EntityType::Region } else { EntityType::Country };
                    let e = self.registry.named(self.gaz, &text[place_start..place_end], kind, place_start, 0.6);
                    self.mention(place_start, place_end, e, MentionKind::Name);
                    e
                }
            };
            let place_name = self.registry.list[place_entity].name.clone();
            let name = if g.regional { format!("Regional Government of {place_name}") } else { format!("Government of {place_name}") };
            let entity = self.registry.named(self.gaz, &name, EntityType::Government, g.start, 0.8);
            self.registry.list[entity].part_of.get_or_insert(place_entity);
            self.registry.add_alias(entity, &text[g.start..g.end]);
            for m in self.mentions.iter_mut() {
                if m.start >= g.start && m.end <= g.end {
                    m.nested = true;
                }
            }
            self.mention(g.start, g.end, entity, MentionKind::Description);
        }
    }

    /// The country a mention stands for: a country, a demonym, a capital.
    fn country_of_mention(&self, m: &Mention) -> Option<usize> {
        let e = &self.registry.list[m.entity];
        match e.kind {
            EntityType::Country => Some(m.entity),
            EntityType::City => {
                let row = e.gaz?;
                let country = self.gaz.capital_of(row)?;
                self.registry.find_gaz(country)
            }
            _ => None,
        }
    }

    fn add_person(&mut self, start: usize, end: usize, confidence: f64) -> usize {
        let text = self.text;
        let name = &text[start..end];
        // The one other person whose name has these words, if there is exactly one.
        let mut known = self.registry.list.iter().enumerate().filter(|(_, e)| e.kind == EntityType::Person && e.name != name && has_words(&e.name, name)).map(|(i, _)| i);
        if let (Some(p), None) = (known.next(), known.next()) {
            self.registry.add_alias(p, name);
            if !self.covering(start, end) {
                self.mention(start, end, p, MentionKind::Alias);
            }
            return p;
        }
        let entity = self.registry.named(self.gaz, name, EntityType::Person, start, confidence);
        if !self.covering(start, end) {
            self.mention(start, end, entity, MentionKind::Name);
        }
        entity
    }

    /// The organization or country named right before byte `pos` ("Russian", "North Korea",
    /// "Chinese Foreign Ministry", "Brazil's"), and where it starts.
    fn owner_before(&self, pos: usize) -> Option<(usize, usize)> {
        let before = self.text[..pos].trim_end();
        let (end, _possessive) = match before.strip_suffix("'s").or_else(|| before.strip_suffix("’s")) {
            Some(b) => (b.len(), true),
            None => (before.len(), false),
        };
        let m = self.mention_ending_at(end)?;
        let e = &self.registry.list[m.entity];
        let owner = match e.kind {
            EntityType::Person | EntityType::River | EntityType::Region | EntityType::Place => return None,
            EntityType::City => self.country_of_mention(&m).unwrap_or(m.entity),
            _ => m.entity,
        };
        Some((owner, m.start))
    }

    /// People named after titles, in appositions, before speech verbs, with honorifics.
    fn people(&mut self) {
        let text = self.text;
        let seg = self.seg;
        let (all, words) = (self.all_words, std::mem::take(&mut self.words));
        let runs = std::mem::take(&mut self.chunks);
        for ((sentence, ws), cs) in seg.sentences.iter().zip(words.iter(all)).zip(&runs) {
            if sentence.kind == SentenceKind::Byline {
                self.byline(sentence.start, sentence.end);
                continue;
            }
            for &(a, b) in cs {
                // Split the run at gazetteer mentions (and "and"); keep the uncovered pieces.
                // (Each word is tested once: the word that ends a piece is passed over after
                // it, since `person_run` adds mentions only up to the piece's end, so that the
                // word stays as it was tested.)
                let splits = |b: &Self, w: &Word| b.any_covering(w.start, w.end) || w.bytes(text) == b"and";
                let mut i = a;
                while i < b {
                    if splits(self, &ws[i]) {
                        i += 1;
                        continue;
                    }
                    let mut j = i + 1;
                    while j < b && !splits(self, &ws[j]) {
                        j += 1;
                    }
                    self.person_run(&ws[i..j], sentence.start);
                    i = j + 1;
                }
            }
        }
        self.words = words;
        self.chunks = runs;
        // Titles of people the gazetteer knows: "Russian President Vladimir Putin".
        let mut person_mentions = std::mem::take(&mut self.kept.person_mentions);
        person_mentions.clear();
        person_mentions.extend(self.mentions.iter().filter(|m| self.registry.list[m.entity].kind == EntityType::Person && matches!(m.kind, MentionKind::Name | MentionKind::Alias)));
        for &m in &person_mentions {
            if self.titles.iter().any(|t| t.person == m.entity && t.span.1 >= m.end && t.span.0 <= m.start) {
                continue;
            }
            self.title_before(m.start, m.end, m.entity);
            self.apposition_after(m.start, m.end, m.entity);
            self.apposition_before(m.start, m.end, m.entity);
        }
        self.kept.person_mentions = person_mentions;
    }

    fn byline(&mut self, start: usize, end: usize) {
        let text = self.text;
        for credit in byline_credits(&text[start..end]) {
            let person = self.add_person(start + credit.name.0, start + credit.name.1, 0.9);
            self.titles.push(Title { person, role: credit.role.to_owned(), organization: None, span: (start + credit.start, start + credit.end), rule: "byline" });
        }
    }

    /// A run of capitalized words no gazetteer entry covers: a title and a name, a name with
    /// an honorific, a name before a speech verb or with an apposition.
    fn person_run(&mut self, ws: &[Word], _sentence_start: usize) {
        let text = self.text;
        let w = |i: usize| ws[i].text(text);
        // Already an organization?
        if ws.iter().any(|x| self.enclosing(x.start, x.end).is_some() || self.at.all(x.start, x.end)) {
            return;
        }
        // Title + name inside the run: the last role head with name words after it.
        let last_head = (0..ws.len()).rev().find(|&i| is_role_head(w(i)) && i + 1 < ws.len());
        if let Some(h) = last_head {
            let mut name_start = h + 1;
            let mut complement_end = h + 1;
            if w(h + 1) == "of" {
                // "Minister of Enterprise Giulia Ferraro": the name is the last two words.
                if ws.len() >= h + 5 {
                    name_start = ws.len() - 2;
                    complement_end = name_start;
                } else {
                    return;
                }
            }
            let name_words = &ws[name_start..];
            if name_words.is_empty() || name_words.len() > 4 || !name_words.iter().all(|x| is_name_word(x.text(text))) {
                return;
            }
            // The title is the run up to its head ("Chief Cabinet Secretary"), stop words aside.
            let title_start = (0..=h).find(|&i| !is_stop_cap(w(i))).unwrap_or(h);
            let (ns, ne) = (name_words[0].start, name_words[name_words.len() - 1].end);
            let person = self.add_person(ns, ne, 0.85);
            let role = text[ws[title_start].start..ws[complement_end - 1].end].to_lowercase();
            let title_pos = ws[title_start].start;
            let owner = self.owner_before(title_pos);
            let span_start = owner.map_or(title_pos, |(_, s)| s);
            self.titles.push(Title { person, role, organization: owner.map(|(o, _)| o), span: (span_start, ne), rule: "title-before-name" });
            return;
        }
        // A name alone: it needs a cue.
        if ws.len() > 4 || !ws.iter().all(|x| is_name_word(x.text(text))) {
            return;
        }
        let (s, e) = (ws[0].start, ws[ws.len() - 1].end);
        let before = text[..s].trim_end();
        let after = &text[e..];
        // (Each cue is read only while none before it was found: most runs have none. The
        // honorific and the role are read only where `before` ends as one of them can.)
        let last_before = before.as_bytes().last().copied();
        let honorific = last_before.is_some_and(|b| HONORIFIC_LAST_BYTES[usize::from(b)])
            && HONORIFICS.iter().any(|h| before.ends_with(h) && before[..before.len() - h.len()].chars().next_back().is_none_or(|c| !c.is_alphanumeric()));
        let lower_role = last_before.is_some_and(|b| b.is_ascii_alphabetic())
            && before.rsplit(|c: char| c.is_whitespace()).next().is_some_and(|word| is_role_head(word) && word.chars().next().is_some_and(char::is_lowercase));
        let two = ws.len() >= 2;
        // Honorific, role before, speech verb after, apposition after.
        let cue = honorific || lower_role || (two && (speech_after_name(after) || (after.starts_with(", ") && appositive_role(after).is_some())));
        if !cue {
            let comma_before = two && before.ends_with(',') && (after.starts_with(',') || after.starts_with('.') || after.starts_with(" who") || after.is_empty());
            // Only when a title precedes: "Norway's Minister of …, Ingrid Solheim Vik".
            if !comma_before || role_before_comma(text, self.all_words, s).is_none() {
                return;
            }
        }
        let person = self.add_person(s, e, if honorific || lower_role { 0.85 } else { 0.75 });
        if lower_role && !honorific {
            self.title_before(s, e, person);
        }
        self.apposition_after(s, e, person);
        self.apposition_before(s, e, person);
    }

    /// "spokesperson Gao Yiming", "Russian President Vladimir Putin", "North Korea leader Kim
    /// Jong Un": a title right before a person's name.
    fn title_before(&mut self, start: usize, end: usize, person: usize) {
        let text = self.text;
        let from = floor(text, start.saturating_sub(80));
        if no_role_head_before(text, from, start) {
            return;
        }
        let all = self.all_words;
        let ws = words_within_cow(all, text, from, start);
        // Walk back over title words (heads and modifiers) separated by single spaces.
        let mut k = ws.len();
        let mut head_seen = false;
        let mut expected_end = start;
        while k > 0 {
            let w = &ws[k - 1];
            if text[w.end..expected_end].trim() != "" {
                break;
            }
            let t = w.text(text);
            if is_role_head(t) {
                head_seen = true;
            } else if !(head_seen && (is_role_modifier(t) || (is_cap(t) && !is_stop_cap(t)))) {
                break;
            }
            if self.any_covering(w.start, w.end) {
                break;
            }
            expected_end = w.start;
            k -= 1;
        }
        if !head_seen || k == ws.len() {
            return;
        }
        let title_start = ws[k].start;
        let title_end = ws[ws.len() - 1].end;
        let role = text[title_start..title_end].to_lowercase();
        // "ministry spokesman": the ministry last named.
        let owner = self.owner_before(title_start).or_else(|| {
            let before = text[..title_start].trim_end();
            before.ends_with("ministry").then(|| self.last_ministry_before(title_start)).flatten().map(|m| (m, before.len() - "ministry".len()))
        });
        let span_start = owner.map_or(title_start, |(_, s)| s);
        self.titles.push(Title { person, role, organization: owner.map(|(o, _)| o), span: (span_start, end), rule: "title-before-name" });
    }

    fn last_ministry_before(&self, pos: usize) -> Option<usize> {
        self.mentions
            .iter()
            .filter(|m| m.end <= pos && self.registry.list[m.entity].kind == EntityType::Government && self.registry.list[m.entity].name.contains("Ministry"))
            .max_by_key(|m| m.end)
            .map(|m| m.entity)
    }

    /// "Cui Heng, a research fellow from the Center for Russian Studies", "Tran Quoc Bao,
    /// Minister of Foreign Affairs of the Socialist Republic of Viet Nam".
    fn apposition_after(&mut self, start: usize, end: usize, person: usize) {
        let text = self.text;
        let after = &text[end..];
        let Some(role_len) = appositive_role(after) else { return };
        let rest = after[1..].trim_start();
        let role_start = end + after.len() - strip_repeated(strip_repeated(strip_repeated(rest, "a "), "an "), "the ").len();
        let limit = (end + role_len).min(text.len());
        let all = self.all_words;
        let ws = words_within_cow(all, text, role_start, limit);
        // The first preposition after a role head that is followed by an entity.
        let mut head_seen = false;
        for (i, w) in ws.iter().enumerate() {
            let t = w.text(text);
            if is_role_head(t) {
                head_seen = true;
                continue;
            }
            if !head_seen || !matches!(t, "at" | "of" | "from" | "with" | "for" | "in") {
                continue;
            }
            if !text[w.end..].starts_with(' ') {
                continue;
            }
            let mut org_start = w.end + 1;
            if text[org_start..].starts_with("the ") {
                org_start += 4;
            }
            let org = self
                .mentions
                .iter()
                .filter(|m| (m.start == org_start || m.start + 4 == org_start && text[m.start..].starts_with("the ")) && !m.nested && m.kind != MentionKind::Demonym)
                .max_by_key(|m| m.end - m.start)
                .copied();
            if let Some(org) = org {
                let kind = self.registry.list[org.entity].kind;
                if kind == EntityType::Person {
                    return;
                }
                let owner = if kind == EntityType::City && t == "of" {
                    org.entity // "mayor of Tangier"
                } else if kind == EntityType::City {
                    continue; // "professor at Keio University in Tokyo" is about the university
                } else {
                    org.entity
                };
                let role = text[role_start..ws[i - 1].end].to_lowercase();
                self.titles.push(Title { person, role, organization: Some(owner), span: (start, org.end), rule: "apposition-after-name" });
                return;
            }
        }
        // A role with no organization named.
        let _ = head_seen;
    }

    /// "Norway's Minister of International Development, Ingrid Solheim Vik", "the mayor of
    /// Tangier, Karim Bennani", "her Moroccan counterpart, Youssef Alami".
    fn apposition_before(&mut self, start: usize, end: usize, person: usize) {
        let text = self.text;
        let after = &text[end..];
        if !(after.starts_with(',') || after.starts_with('.') || after.starts_with(" who") || after.is_empty() || after.starts_with(" and")) {
            return;
        }
        let Some((role_start, role_end)) = role_before_comma(text, self.all_words, start) else { return };
        let phrase = &text[role_start..role_end];
        // The organization: "X's" or a demonym before the role, or "of X" inside it.
        let mut owner = self.owner_before(role_start);
        let mut role_text = phrase;
        for (of, _) in phrase.match_indices(" of ") {
            let org_start = role_start + of + 4;
            let org_start = if text[org_start..].starts_with("the ") { org_start + 4 } else { org_start };
            if let Some(m) = self
                .mentions
                .iter()
                .filter(|m| (m.start == org_start || (m.start + 4 == org_start && text[m.start..].starts_with("the "))) && !m.nested && m.kind != MentionKind::Demonym)
                .max_by_key(|m| m.end - m.start)
                .copied()
            {
                let kind = self.registry.list[m.entity].kind;
                if kind != EntityType::Person && m.end >= role_end.saturating_sub(1) {
                    owner = Some((self.country_of_mention(&m).filter(|_| kind == EntityType::Country).unwrap_or(m.entity), role_start));
                    role_text = &phrase[..of];
                    break;
                }
            }
        }
        // A demonym inside the phrase: "her Moroccan counterpart".
        let demonym = self
            .mentions
            .iter()
            .find(|m| m.kind == MentionKind::Demonym && m.start >= role_start && m.end <= role_end)
            .copied();
        if let Some(d) = demonym {
            owner.get_or_insert((d.entity, role_start));
            role_text = text[d.end..role_end].trim();
        }
        let role_text = role_text.trim().trim_start_matches("the ").trim_start_matches("her ").trim_start_matches("his ").trim_start_matches("The ");
        let role = role_text.to_lowercase();
        if role.is_empty() {
            return;
        }
        let span_start = owner.map_or(role_start, |(_, s)| s.min(role_start));
        let span_start = if text[..span_start].ends_with("the ") { span_start - 4 } else { span_start };
        // The description names the person ("the mayor of Tangier", "her Moroccan counterpart").
        let description = text[span_start..role_end].trim();
        if owner.is_some() || description.split_whitespace().count() >= 2 {
            let has_qualifier = owner.is_some() || demonym.is_some();
            if has_qualifier {
                self.registry.add_alias(person, description);
                self.push(Mention { start: span_start, end: role_end, entity: person, kind: MentionKind::Description, nested: false });
            }
        }
        self.titles.push(Title { person, role, organization: owner.map(|(o, _)| o), span: (span_start, end), rule: "apposition-before-name" });
    }

    /// Surnames and other parts of known people's names ("Putin", "Kim", "Solheim Vik").
    fn name_parts(&mut self) {
        let text = self.text;
        let marks = self.marks();
        let recorded = |p: usize| marks[p] & RECORDED != 0;
        // (Only looked up, never walked: a hash map finds the words of the text faster.) Each
        // part is one word of a name, or two: its text where a single space separates them in
        // the name (nearly always), else the two joined by one. Only whether exactly one person
        // has the part counts: the value is the first person and whether there are others.
        // (Room for the parts at once: a name of n words has at most 2n - 1 of them.)
        let people = self.registry.list.iter().enumerate().filter(|&(p, e)| e.kind == EntityType::Person && recorded(p)).count();
        let mut parts: HashMap<Cow<'_, str>, (usize, bool)> = HashMap::with_capacity_and_hasher(6 * people, Default::default());
        let mut ws: Vec<&str> = Vec::new();
        // The first words of the parts: a text word that is none of them begins no part.
        let mut part_firsts = PartFirsts::default();
        for (p, person) in self.registry.list.iter().enumerate() {
            if person.kind != EntityType::Person || !recorded(p) {
                continue;
            }
            let name = person.name.as_str();
            ws.clear();
            ws.extend(name.split_whitespace());
            if ws.len() < 2 {
                continue;
            }
            let offset = |w: &str| w.as_ptr() as usize - name.as_ptr() as usize;
            for i in 0..ws.len() {
                for j in i + 1..=ws.len().min(i + 2) {
                    if j - i == ws.len() {
                        continue;
                    }
                    let part = if j - i == 1 {
                        if ws[i].chars().count() < 2 || is_connector(ws[i]) {
                            continue;
                        }
                        Cow::Borrowed(ws[i])
                    } else {
                        let (s, e) = (offset(ws[i]), offset(ws[i + 1]) + ws[i + 1].len());
                        if offset(ws[i + 1]) == s + ws[i].len() + 1 && name.as_bytes()[s + ws[i].len()] == b' ' {
                            Cow::Borrowed(&name[s..e])
                        } else {
                            Cow::Owned(ws[i..j].join(" "))
                        }
                    };
                    parts.entry(part).and_modify(|(first, others)| *others |= *first != p).or_insert((p, false));
                    part_firsts.insert(ws[i].as_bytes());
                }
            }
        }
        let mut found = Vec::new();
        let (all, words) = (self.all_words, std::mem::take(&mut self.words));
        let runs = std::mem::take(&mut self.chunks);
        // Only capitalized words are read, and every one is in a run of the sentence
        // ([`chunks`]): the words between the runs are passed over. (A two-word part that ends
        // a run takes the word after it, which is not capitalized, so the next run starts
        // after that word.)
        for (ws, cs) in words.iter(all).zip(&runs) {
            let mut i = 0;
            for &(a, b) in cs {
                i = i.max(a);
                while i < b {
                    let w = &ws[i];
                    // (Most words begin no part and are no gazetteer person's part, which two
                    // tests of bits say before the word's other tests and any hashing: then
                    // nothing matches, as below.)
                    let may_part = part_firsts.may_hold_name(w.bytes(text));
                    if !may_part && !self.gaz.may_be_name_part(w.bytes(text)) {
                        i += 1;
                        continue;
                    }
                    if !is_cap_word(text, w) || self.any_covering(w.start, w.end) || is_stop_cap(w.bytes(text)) {
                        i += 1;
                        continue;
                    }
                    // Two words first ("Solheim Vik"), then one. (A two-word part written here
                    // begins with this word: one space separates its words, as the text's.)
                    let two = ws.get(i + 1).filter(|n| &text[w.end..n.start] == " ").map(|n| (w.start, n.end));
                    let mut matched = None;
                    for (s, e) in two.into_iter().chain(std::iter::once((w.start, w.end))).filter(|_| may_part) {
                        if let Some(&(p, false)) = parts.get(&text[s..e]) {
                            matched = Some((s, e, Ok(p)));
                            break;
                        }
                    }
                    if matched.is_none() {
                        // A gazetteer person known by this part, whose country the article names.
                        // (The only one, if there is exactly one: no vector of them.)
                        let mut candidates = self.gaz.people_by_name_part(w.text(text)).iter().copied().filter(|&row| {
                            self.gaz.country_of(row).and_then(|c| self.registry.find_gaz(c)).is_some_and(|c| marks.get(c).is_some_and(|&k| k & MENTIONED != 0))
                        });
                        if let (Some(row), None) = (candidates.next(), candidates.next()) {
                            if is_name_word(w.text(text)) && ws.len() > 1 {
                                // (Registered once the parts, which borrow the registry's
                                // names, are done with, in the same order.)
                                matched = Some((w.start, w.end, Err(row)));
                            }
                        }
                    }
                    if let Some((s, e, p)) = matched {
                        found.push((s, e, p));
                        i += if e > w.end { 2 } else { 1 };
                    } else {
                        i += 1;
                    }
                }
            }
        }
        self.words = words;
        self.chunks = runs;
        self.marks = marks;
        // (Each gazetteer person registered as it comes: registering reads neither the aliases
        // nor the mentions that the ones before add, so the entities are the same as when all
        // were registered first.)
        for (s, e, who) in found {
            let p: usize = who.unwrap_or_else(|row| self.registry.gaz(self.gaz, row, s));
            self.registry.add_alias(p, &text[s..e]);
            self.mention(s, e, p, MentionKind::Alias);
        }
    }

    /// Unknown names where someone travels to or stays ("a trip to Tangier", "arrived in X",
    /// "in the Gobi") are places; "X province" is a region.
    fn places(&mut self) {
        let text = self.text;
        let marks = self.marks();
        // The words of the names of the people mentioned before this rule: gathered where a
        // place is first about to be made (in few articles), not for every article. (The
        // entities registered before the rule keep their names and kinds meanwhile.)
        let mut person_words: Option<HashSet<String>> = None;
        let mut person_word = |registry: &Registry, word: &str| {
            person_words
                .get_or_insert_with(|| {
                    (0..marks.len())
                        .filter(|&i| marks[i] & MENTIONED != 0 && registry.list[i].kind == EntityType::Person)
                        .flat_map(|i| registry.list[i].name.split_whitespace().map(str::to_owned).collect::<Vec<_>>())
                        .collect()
                })
                .contains(word)
        };
        let seg = self.seg;
        let (all, words) = (self.all_words, std::mem::take(&mut self.words));
        let runs = std::mem::take(&mut self.chunks);
        for ((sentence, ws), cs) in seg.sentences.iter().zip(words.iter(all)).zip(&runs) {
            if sentence.kind != SentenceKind::Body {
                continue;
            }
            for &(a, b) in cs {
                // Most runs have neither cue, the word after ("province") or the preposition
                // before (perhaps with "the"): they are passed over before their words are
                // read. (The tests below ask the same again; none has an effect.)
                if !(place_cue_after(text, ws, b) || place_cue_before(text, ws, a)) {
                    continue;
                }
                if b - a > 3 || ws[a..b].iter().any(|w| self.any_covering(w.start, w.end) || !is_name_word(w.text(text))) {
                    continue;
                }
                if ws[a..b].iter().any(|w| is_connector(w.bytes(text))) {
                    continue;
                }
                let (s, e) = (ws[a].start, ws[b - 1].end);
                let next = ws.get(b).map(|w| w.text(text)).unwrap_or("");
                if matches!(next, "province" | "region" | "county" | "district") && &text[e..ws[b].start] == " " {
                    let name = format!("{} Province", &text[s..e]);
                    let entity = self.registry.named(self.gaz, &name, EntityType::Region, s, 0.6);
                    self.registry.add_alias(entity, &text[s..ws[b].end]);
                    self.mention(s, ws[b].end, entity, MentionKind::Name);
                    continue;
                }
                // The words before: a preposition (and "the"), after a word of travel or stay.
                let mut k = a;
                let mut the = false;
                if k > 0 && ws[k - 1].text(text) == "the" {
                    the = true;
                    k -= 1;
                }
                if k == 0 || !matches!(ws[k - 1].text(text), "in" | "to" | "at" | "from" | "via") {
                    continue;
                }
                let motion = k >= 2
                    && matches!(
                        ws[k - 2].text(text),
                        "trip" | "visit" | "travel" | "travelled" | "traveled" | "fly" | "flew" | "flying" | "arrived" | "arrive" | "arrives" | "landed"
                            | "went" | "go" | "stop" | "stopped" | "returned" | "deposits" | "sites" | "posts" | "located" | "held" | "meet" | "met"
                    );
                if !(motion || (the && k >= 1)) {
                    continue;
                }
                if text[e..].starts_with("-based") || text[e..].starts_with("'s") || text[e..].starts_with("’s") {
                    continue;
                }
                // A word of the name of a person the article names ("at Kim's invitation").
                let written = &text[s..e];
                if person_word(&self.registry, written) {
                    continue;
                }
                let kind = if the { EntityType::Region } else { EntityType::City };
                let entity = self.registry.named(self.gaz, &text[s..e], kind, s, 0.6);
                let mention_start = if the { ws[a - 1].start } else { s };
                if the {
                    self.registry.add_alias(entity, &text[mention_start..e]);
                }
                self.mention(mention_start, e, entity, MentionKind::Name);
            }
        }
        self.words = words;
        self.chunks = runs;
        self.marks = marks;
    }

    /// Capitals standing for their countries: "Moscow is releasing a signal", "Seoul's trade
    /// minister", "without Ankara's consent". A capital after a locative word, in a dateline or
    /// before "-based" is a place.
    fn metonyms(&mut self) {
        let text = self.text;
        let dateline = self.seg.dateline_place;
        let mut added = Vec::new();
        for m in self.mentions.iter_mut() {
            let e = &self.registry.list[m.entity];
            if e.kind != EntityType::City || m.kind == MentionKind::Metonym {
                continue;
            }
            let Some(country_row) = e.gaz.and_then(|row| self.gaz.capital_of(row)) else { continue };
            if dateline.is_some_and(|(s, _)| s == m.start) {
                continue;
            }
            let before = text[..m.start].trim_end();
            let prev_word = before.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
            let after = &text[m.end..];
            if after.starts_with("-based") || after.starts_with(" International Airport") || LOCATIVE.contains(&prev_word) {
                continue;
            }
            // A line that is only a sign-off ("Astana, 11 November 2025") names the place.
            if after.starts_with(", ") && after[2..].chars().next().is_some_and(|c| c.is_ascii_digit()) {
                continue;
            }
            added.push((m.start, m.end, country_row, m.entity));
        }
        for (s, e, country_row, city) in added {
            let country = self.registry.gaz(self.gaz, country_row, s);
            // The city stays an entity (without this mention); the country gets it.
            if let Some(m) = self.mentions.iter_mut().find(|m| m.start == s && m.end == e && m.entity == city) {
                m.entity = country;
                m.kind = MentionKind::Metonym;
            }
            self.registry.add_alias(country, &text[s..e]);
            self.registry.use_entity(country);
            self.registry.use_entity(city);
        }
    }
}

/// The starts of the occurrences of `name` in `text` that `match_indices` finds (leftmost, not
/// overlapping) and that are whole words, appended to `out`.
///
/// Found by searching for the name's first byte (the `memchr` crate's search, many bytes at a
/// time) and comparing the rest there, which for short names costs less than `match_indices`'
/// two-way search. The first byte of a character is never a later byte of another, so it is
/// found only at character starts, where the name's first character or another with the same
/// first byte (and length) is written.
fn whole_word_occurrences_into(text: &str, name: &str, out: &mut Vec<usize>) {
    let Some(first) = name.chars().next() else {
        out.extend(text.match_indices(name).map(|(s, _)| s).filter(|&s| super::gazetteer::whole_word(text, s, s)));
        return;
    };
    let lead = name.as_bytes()[0];
    let mut from = 0;
    while let Some(k) = memchr::memchr(lead, &text.as_bytes()[from..]) {
        let s = from + k;
        if text[s..].starts_with(name) {
            if super::gazetteer::whole_word(text, s, s + name.len()) {
                out.push(s);
            }
            from = s + name.len();
        } else {
            from = s + first.len_utf8();
        }
    }
}

/// Whether `name` has fewer than four characters (`chars().count() < 4`): a character takes one
/// to four bytes, so only names of four to fifteen bytes are counted.
fn fewer_than_four_chars(name: &str) -> bool {
    match name.len() {
        0..=3 => true,
        4..=15 => name.chars().count() < 4,
        _ => false,
    }
}

/// Whether `part` is `name` or whole words of it, as `format!(" {name} ")` containing
/// `format!(" {part} ")` tells, without building either.
///
/// An occurrence of `part` that is whole words starts at the start of `name` or after a space,
/// so only those starts are compared (no substring search).
fn has_words(name: &str, part: &str) -> bool {
    if part.is_empty() {
        return format!(" {name} ").contains("  ");
    }
    let (name, part) = (name.as_bytes(), part.as_bytes());
    let mut starts = std::iter::once(0).chain(name.iter().enumerate().filter(|&(_, &b)| b == b' ').map(|(k, _)| k + 1));
    starts.any(|i| name[i..].starts_with(part) && name.get(i + part.len()).is_none_or(|&b| b == b' '))
}

/// [`has_words`] as it was, searching `name` for `part` (the reference of its test).
#[cfg(test)]
fn has_words_as_before(name: &str, part: &str) -> bool {
    if part.is_empty() {
        return format!(" {name} ").contains("  ");
    }
    let mut from = 0;
    while let Some(p) = name[from..].find(part) {
        let i = from + p;
        let end = i + part.len();
        if (i == 0 || name[..i].ends_with(' ')) && (end == name.len() || name[end..].starts_with(' ')) {
            return true;
        }
        // Occurrences may overlap: go on from the next character.
        from = i + name[i..].chars().next().map_or(1, char::len_utf8);
    }
    false
}

/// The largest char boundary at or below `i`.
pub fn floor(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// "Center For Russian Studies" → as written; "Ministry of Foreign Affairs of the Republic of
/// Kazakhstan" → "Ministry of Foreign Affairs of Kazakhstan". Borrowed from `written` when it
/// is the name (most are): the registry copies the name it keeps.
fn canonical_org_name<'w>(gaz: &Gazetteer, written: &'w str, _registry: &Registry) -> Cow<'w, str> {
    let name = strip_the(written);
    for of in OF_FINDER.find_iter(name.as_bytes()) {
        let tail = strip_the(&name[of + 4..]);
        // (The pattern runs only on a tail that begins as one of its words does.)
        let tail = if tail.as_bytes().first().is_some_and(|&b| COUNTRY_PREFIX_START_INITIALS[usize::from(b)]) { COUNTRY_PREFIX_START.replace(tail, "") } else { Cow::Borrowed(tail) };
        if let Some(row) = gaz.by_form_ignore_case(&tail) {
            let entry = gaz.entry(row);
            if entry.kind == EntityType::Country {
                return Cow::Owned(format!("{} of {}", &name[..of], entry.name));
            }
        }
    }
    Cow::Borrowed(name)
}

/// Words of generic names of national bodies ("National Assembly"), which take their country:
/// "Nigeria's National Assembly" → "National Assembly of Nigeria".
const GENERIC_BODY_WORDS: &[&str] = &[
    "National", "Assembly", "Parliament", "Government", "Senate", "Council", "Supreme", "Court", "Central", "Bank", "Federal",
    "Foreign", "Ministry", "Office", "Security", "State", "Presidency", "Cabinet", "House", "Representatives", "Congress",
    "Defence", "Defense", "People's", "Electoral", "Commission", "Constitutional", "Upper", "Lower", "Chamber", "Press", "Service",
];

/// The words that may open a country's long form before its head ([`COUNTRY_PREFIX_START`]).
const COUNTRY_PREFIX_START_MODIFIERS: &[&str] = &["Socialist", "Federal", "Islamic", "People's", "Democratic", "Arab", "United"];

/// The heads of a country's long form ([`COUNTRY_PREFIX_START`]).
const COUNTRY_PREFIX_START_HEADS: &[&str] = &["Republic", "Kingdom", "State", "Commonwealth", "Sultanate"];

static COUNTRY_PREFIX_START: LazyLock<Regex> = LazyLock::new(|| {
    let (modifiers, heads) = (COUNTRY_PREFIX_START_MODIFIERS.join("|"), COUNTRY_PREFIX_START_HEADS.join("|"));
    super::regex(&format!(r"^(?:(?:{modifiers})\s+)*(?:{heads})\s+of\s+")).expect("country prefix regex")
});

/// The first bytes of the words of [`COUNTRY_PREFIX_START`]: every match begins with one.
static COUNTRY_PREFIX_START_INITIALS: [bool; 256] = byte_table(&[COUNTRY_PREFIX_START_MODIFIERS, COUNTRY_PREFIX_START_HEADS], Place::First);

/// " of ", searched for in organizations' names.
static OF_FINDER: LazyLock<memchr::memmem::Finder<'static>> = LazyLock::new(|| memchr::memmem::Finder::new(" of "));

/// Title case of an upper-case or lower-case phrase ("NEW DELHI" → "New Delhi").
///
/// Written into one string: the rest of an ASCII word is lowered byte by byte (only a rest
/// outside ASCII is lowered by `to_lowercase`, whose final sigma depends on the word's end).
pub fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (k, w) in s.split(' ').enumerate() {
        if k > 0 {
            out.push(' ');
        }
        let mut c = w.chars();
        if let Some(f) = c.next() {
            out.extend(f.to_uppercase());
            let rest = c.as_str();
            if rest.is_ascii() {
                out.extend(rest.bytes().map(|b| char::from(b.to_ascii_lowercase())));
            } else {
                out.push_str(&rest.to_lowercase());
            }
        }
    }
    out
}

/// [`title_case`] as it was, a string per word joined (the reference of its test).
#[cfg(test)]
fn title_case_by_words(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let mut c = w.chars();
            c.next().map(|f| f.to_uppercase().collect::<String>() + &c.as_str().to_lowercase()).unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// After a name: ", a research fellow from the Center …" → the length of the apposition, what
/// the pattern `^,\s+(?:(?:a|an|the)\s+)?(?:[\p{L}-]+\s+){0,4}?(?i:president|minister|…)s?\b[^,;.]*`
/// matches (with [`ROLE_HEADS`]), read by hand.
///
/// Whether it matches depends on where a role head can start: at one of the first five words
/// after the comma (the sixth after "a", "an" or "the"), each word before it letters and
/// hyphens followed by white space. Where it matches, it ends at the first comma, semicolon or
/// full stop after the comma it starts with, since nothing before the head's end is one.
fn appositive_role(after: &str) -> Option<usize> {
    let rest = after.strip_prefix(',')?;
    let mut at = 1 + spaces(rest)?;
    let mut most = 4;
    for n in 0.. {
        if role_head_at(&after[at..]) {
            // (ASCII bytes, found as bytes: no character is decoded.)
            return Some(memchr::memchr3(b',', b';', b'.', &after.as_bytes()[1..]).map_or(after.len(), |i| 1 + i));
        }
        let word = letters_and_hyphens(&after[at..]);
        if n == 0 && matches!(&after[at..at + word], "a" | "an" | "the") {
            most = 5;
        }
        if word == 0 || n == most {
            return None;
        }
        at += word + spaces(&after[at + word..])?;
    }
    None
}

/// The length of the letters and hyphens (`[\p{L}-]*`) at the start of `s`: ASCII bytes are
/// read as bytes, and only from the first byte outside ASCII on are characters decoded.
fn letters_and_hyphens(s: &str) -> usize {
    let ascii = s.bytes().position(|b| !(b.is_ascii_alphabetic() || b == b'-')).unwrap_or(s.len());
    if s.as_bytes().get(ascii).is_some_and(|b| !b.is_ascii()) {
        let rest = &s[ascii..];
        return ascii + rest.len() - rest.trim_start_matches(|c: char| c == '-' || is_letter(c)).len();
    }
    ascii
}

/// Whether `s` starts with a role head, in any case, and perhaps a plural "s", before an ASCII
/// word boundary: `(?i:president|minister|…)s?\b`.
///
/// Where the run of ASCII word bytes at the start of `s` ends the text or is followed by an
/// ASCII byte other than a hyphen (nearly always), the boundary can only be at the run's end:
/// the run, or the run less a final "s", is a head in ASCII case (heads have no "s" at their
/// end and no other byte than letters but the hyphen, which such a run cannot reach). So it is
/// looked up in the table of heads. Otherwise (a hyphen: "vice-president"; a character outside
/// ASCII, which may be a head's letter in another form) it is read as the pattern reads it
/// ([`role_head_at_by_chars`]).
fn role_head_at(s: &str) -> bool {
    let bytes = s.as_bytes();
    let run = bytes.iter().position(|&b| !super::is_ascii_word_byte(b)).unwrap_or(bytes.len());
    if bytes.get(run).is_some_and(|&b| b == b'-' || !b.is_ascii()) {
        return role_head_at_by_chars(s);
    }
    let heads = &WORD_SETS.role_heads;
    heads.contains_lower(&bytes[..run]) || (run > 1 && bytes[run - 1] == b's' && heads.contains_lower(&bytes[..run - 1]))
}

/// [`role_head_at`], character by character (the reference of its test, and its reading where
/// a hyphen or a character outside ASCII follows the first run).
fn role_head_at_by_chars(s: &str) -> bool {
    let Some(first) = s.chars().next() else { return false };
    let initial = match first {
        KELVIN_SIGN => 'k',
        LONG_S => 's',
        c => c.to_ascii_lowercase(),
    };
    let Some(heads) = initial.is_ascii_lowercase().then(|| &WORD_SETS.role_heads_by_initial[usize::from(initial as u8 - b'a')]) else { return false };
    let boundary = |i: usize| !s.as_bytes().get(i).is_some_and(|&b| super::is_ascii_word_byte(b));
    heads.iter().any(|head| starts_with_ignore_case(s, head).is_some_and(|n| (s[n..].starts_with('s') && boundary(n + 1)) || boundary(n)))
}

/// The forms besides "K" and "k", and "S" and "s", that `(?i:…)` matches for them.
const KELVIN_SIGN: char = '\u{212A}';
const LONG_S: char = '\u{17F}';

/// The length of the start of `s` that is `word` (ASCII lower case) in any case, as `(?i:word)`
/// matches it: Unicode's simple case folding gives "k" and "s" a third form, the Kelvin sign
/// and the long s.
fn starts_with_ignore_case(s: &str, word: &str) -> Option<usize> {
    let mut chars = s.char_indices();
    for w in word.chars() {
        let (_, c) = chars.next()?;
        if !(c.to_ascii_lowercase() == w || (w == 'k' && c == KELVIN_SIGN) || (w == 's' && c == LONG_S)) {
            return None;
        }
    }
    Some(chars.next().map_or(s.len(), |(i, _)| i))
}

/// Before a name that follows a comma: the role phrase ending at that comma ("Norway's Minister
/// of International Development", "the mayor of Tangier", "Minister of Trade, Industry and
/// Energy"). Returns its byte range. `all_words`: the words of `text`.
fn role_before_comma(text: &str, all_words: &[Word], name_start: usize) -> Option<(usize, usize)> {
    let before = text[..name_start].trim_end();
    let comma = before.strip_suffix(',')?;
    let role_end = comma.len();
    let from = floor(text, role_end.saturating_sub(120));
    let ws = words_within_cow(all_words, text, from, role_end);
    // Walk back to a role head; only capitalized words, "of", "and", "the" and commas between.
    for k in (0..ws.len()).rev() {
        let t = ws[k].text(text);
        if is_role_head(t) {
            // Include modifiers before the head ("finance minister", "diplomatic adviser", "Moroccan counterpart").
            let mut start = k;
            while start > 0 {
                let p = ws[start - 1].text(text);
                if &text[ws[start - 1].end..ws[start].start] != " " {
                    break;
                }
                if is_role_modifier(p) || (p.chars().next().is_some_and(char::is_uppercase) && !is_stop_cap(p) && start == k) {
                    start -= 1;
                } else {
                    break;
                }
            }
            return Some((ws[start].start, role_end));
        }
        let between_ok = t == "of" || t == "and" || t == "the" || is_cap(t);
        if !between_ok || ws.len() - k > 10 {
            return None;
        }
    }
    None
}

/// Builds the stage's lazily built tables and compiles its patterns (and segmentation's), so
/// that the first article does not pay for them ([`super::Extractor::new`] calls it).
pub(crate) fn warm_up() {
    super::segment::warm_up();
    LazyLock::force(&WORD_SETS);
    LazyLock::force(&BODY_KEYWORD_TAILS);
    LazyLock::force(&LETTER);
    LazyLock::force(&COUNTRY_PREFIX);
    LazyLock::force(&COUNTRY_PREFIX_START);
    LazyLock::force(&OF_FINDER);
}

/// The vectors [`detect`] fills for an article and needs no longer (its words, their runs, the
/// gazetteer's matches), kept by the thread for its next article, so that an article does not
/// allocate them again (as [`Cover`] keeps its array).
#[derive(Debug, Default)]
struct Scratch {
    words: Vec<Word>,
    mixed: Vec<usize>,
    capitals: Vec<usize>,
    keyword_words: Vec<usize>,
    sentence_words: SentenceWords,
    runs: PerSentence<(usize, usize)>,
    matches: Vec<super::gazetteer::GazMatch>,
    marks: Vec<u8>,
    /// (Taken for the article and given back: `None` meanwhile.)
    kept: Option<Box<Kept>>,
}

thread_local! {
    /// (Boxed: taken from the thread-local and given back for each article, a scratch of a
    /// dozen vectors would be copied by a call to `memcpy` each way.)
    static SCRATCH: std::cell::RefCell<Option<Box<Scratch>>> = const { std::cell::RefCell::new(None) };
}

/// Reads `text` into `s.words` (with `s.mixed` and `s.capitals`: [`words_mixed_and_capitals`](super::segment::words_mixed_and_capitals)),
/// and, each word as it is read, looks it up in the gazetteer (its matches into `s.matches`, as
/// [`Gazetteer::find_in_words`] finds them) and notes whether it may end a body keyword (into
/// `s.keyword_words`): one pass over the words for the three.
#[inline(never)] // (one call per article: kept apart, so that profiles show it)
fn read_article_words(text: &str, gaz: &Gazetteer, s: &mut Scratch) {
    let bytes = text.as_bytes();
    let mut finder = gaz.word_finder(std::mem::take(&mut s.matches));
    let keyword_words = &mut s.keyword_words;
    keyword_words.clear();
    words_mixed_and_capitals_each_into(text, 0, text.len(), &mut s.words, &mut s.mixed, &mut s.capitals, |k, w, plain| {
        finder.word(text, w, plain);
        if may_end_body_keyword(bytes, w, plain) {
            keyword_words.push(k);
        }
    });
    s.matches = finder.finish(text);
}

/// Finds the mentions of an article.
pub fn detect(text: &str, seg: &Segmented, gaz: &Gazetteer, meta: &ArticleMeta) -> Detected {
    let mut scratch = take_kept(&SCRATCH).unwrap_or_default();
    // The text is read into words once; sentences and windows share them.
    read_article_words(text, gaz, &mut scratch);
    let Scratch { words, mixed, capitals, keyword_words, sentence_words, runs, matches, marks, kept } = &mut *scratch;
    let (mut sentence_words, mut runs, matches, marks) = (std::mem::take(sentence_words), std::mem::take(runs), std::mem::take(matches), std::mem::take(marks));
    let mut kept = kept.take().unwrap_or_default();
    kept.name_occurrences.clear();
    kept.occurrences.clear();
    kept.dropped.clear();
    sentence_words.fill(text, words, &seg.sentences);
    sentence_words.runs(text, words, capitals, &mut runs);
    let mut b = Builder { text, gaz, seg, registry: Registry::with_capacity(32), mentions: Vec::new(), titles: Vec::new(), all_words: words, mixed_words: mixed, matches, keyword_words, marks, words: sentence_words, chunks: runs, at: Cover::new(text.len()), kept };
    b.gazetteer_mentions();
    // The publisher is an entity even when the text never names it.
    let publisher = meta.publisher.as_deref().filter(|p| !p.trim().is_empty()).map(|p| {
        let kind = if p.contains("Ministry") || p.contains("Government") { EntityType::Government } else { EntityType::NewsOutlet };
        let e = b.registry.named(gaz, p, kind, usize::MAX, 0.9);
        b.registry.use_entity(e);
        e
    });
    b.dateline(meta);
    b.organizations();
    b.descriptive_organizations();
    b.places();
    b.propagate();
    b.people();
    b.name_parts();
    b.propagate();
    b.metonyms();
    let mut mentions = b.mentions;
    b.kept.dropped.sort_unstable();
    b.kept.dropped.dedup();
    for &i in b.kept.dropped.iter().rev() {
        mentions.remove(i);
    }
    mentions.sort_by(|x, y| x.start.cmp(&y.start).then(y.end.cmp(&x.end)));
    mentions.dedup_by(|a, b| a.start == b.start && a.end == b.end && a.entity == b.entity);
    // Mentions inside longer mentions are nested.
    let mut outer_end = 0;
    let mut outer_start = 0;
    for m in mentions.iter_mut() {
        if m.end <= outer_end && m.start >= outer_start && !(m.start == outer_start && m.end == outer_end) {
            m.nested = true;
        } else if m.end > outer_end {
            outer_start = m.start;
            outer_end = m.end;
        }
    }
    let mut registry = b.registry;
    // The countries of known places, people and bodies, so that later stages can name them.
    for i in 0..registry.len() {
        if let Some(row) = registry.list[i].gaz {
            // (A country is its own country: registered already, and `usize::MAX` changes
            // nothing of where it was first found.)
            for c in [gaz.country_of(row), gaz.capital_of(row)].into_iter().flatten().filter(|&c| c != row) {
                registry.gaz(gaz, c, usize::MAX);
            }
        }
    }
    for m in &mentions {
        if m.kind.recorded() {
            registry.use_entity(m.entity);
        }
    }
    let titles = b.titles;
    (scratch.sentence_words, scratch.runs, scratch.matches, scratch.marks, scratch.kept) = (b.words, b.chunks, b.matches, b.marks, Some(b.kept));
    keep(&SCRATCH, Some(scratch));
    Detected { registry, mentions, titles, publisher }
}

#[cfg(test)]
mod tests {
    use super::super::segment::{segment, words, words_and_mixed, words_mixed_and_capitals};
    use super::*;

    /// [`has_words`] against the substring search it replaced, on pairs of names and parts
    /// drawn from the same pieces (spaces, repeated and overlapping words, letters outside
    /// ASCII, empty parts).
    #[test]
    fn has_words_as_the_search_did() {
        use crate::extract::testing::random_sentences;
        let pieces = ["Kim", "Jong", "Un", "Kim Jong", "Ki", "m", "é", "Ö", "  ", " ", "", "Putin", "Vladimir", "a", "aa", "Park Ji-woo", "-"];
        let names = random_sentences(&pieces, 30_000, 4, 2);
        let parts = random_sentences(&pieces, 30_000, 2, 2);
        let mut yes = 0;
        for (name, part) in names.iter().zip(&parts) {
            for (n, p) in [(name.as_str(), part.as_str()), (name.trim(), part.trim()), (name.as_str(), "")] {
                let expected = has_words_as_before(n, p);
                yes += usize::from(expected);
                assert_eq!(has_words(n, p), expected, "{n:?} {p:?}");
            }
        }
        assert!(yes > 3_000, "{yes}");
    }

    /// [`title_case`] against [`title_case_by_words`], on words in and outside ASCII (a final
    /// sigma, letters that change length when cased), several spaces and empty words.
    #[test]
    fn title_case_as_by_words() {
        let pieces = ["NEW", "delhi", "new", "DeLhI", " ", "  ", "ΟΔΟΣ", "Σ", "straße", "İSTANBUL", "ǅ", "é", "É", "x", "ﬁ", "-", "'s", ""];
        let texts = crate::extract::testing::random_sentences(&pieces, 20_000, 5, 7);
        let mut changed = 0;
        for t in &texts {
            let expected = title_case_by_words(t);
            changed += usize::from(expected != *t);
            assert_eq!(title_case(t), expected, "{t:?}");
        }
        assert!(changed > 10_000, "{changed}");
    }

    /// A cover made after others (whose arrays it reuses) starts with no byte covered, and
    /// reads nothing past its length.
    #[test]
    fn a_reused_cover_starts_empty() {
        for len in [40, 10, 80, 3, 100] {
            let mut cover = Cover::new(len);
            assert!(!cover.any(0, len));
            assert_eq!(cover.bytes().len(), len);
            assert_eq!((cover.last(len), cover.last_nd(len)), (None, None));
            cover.index(0, 1, len - 1, false);
            cover.index(1, 0, 1, true);
            assert!(cover.all(1, len - 1) && cover.any_nd(0, len));
        }
    }

    /// [`whole_word_occurrences_into`] into a new vector.
    fn whole_word_occurrences(text: &str, name: &str) -> Vec<usize> {
        let mut out = Vec::new();
        whole_word_occurrences_into(text, name, &mut out);
        out
    }

    fn run(text: &str) -> Detected {
        let gaz = Gazetteer::bundled();
        let seg = segment(text, None);
        detect(text, &seg, &gaz, &ArticleMeta::default())
    }

    fn entity_names(d: &Detected) -> Vec<String> {
        let mut v: Vec<String> = d.registry.list.iter().filter(|e| e.used).map(|e| format!("{} ({:?})", e.name, e.kind)).collect();
        v.sort();
        v
    }

    #[test]
    fn apposition_person_and_split_organizations() {
        let d = run("Cui Heng, a research fellow from the Center for Russian Studies of East China Normal University, said so.");
        assert!(entity_names(&d).contains(&"Cui Heng (Person)".to_owned()));
        let t = &d.titles[0];
        assert_eq!(d.registry.get(t.person).name, "Cui Heng");
        assert_eq!(t.role, "research fellow");
        assert_eq!(d.registry.get(t.organization.unwrap()).name, "Center for Russian Studies");
    }

    #[test]
    fn unknown_organizations_are_split_at_their_parent() {
        let d = run("Liu Wenqing, a professor at the School of International Studies of Peking University, said it.");
        let school = d.registry.find("School of International Studies").expect("school");
        let pku = d.registry.find("Peking University").expect("university");
        assert_eq!(d.registry.get(school).part_of, Some(pku));
        assert_eq!(d.titles[0].role, "professor");
        assert_eq!(d.titles[0].organization, Some(school));
    }

    #[test]
    fn titles_before_names() {
        let d = run("Indian Commerce Secretary Meera Pillai told reporters. Russian President Vladimir Putin left.");
        let roles: Vec<(String, String, String)> = d
            .titles
            .iter()
            .map(|t| (d.registry.get(t.person).name.to_string(), t.role.clone(), d.registry.get(t.organization.unwrap()).name.to_string()))
            .collect();
        assert!(roles.contains(&("Meera Pillai".into(), "commerce secretary".into(), "India".into())), "{roles:?}");
        assert!(roles.contains(&("Vladimir Putin".into(), "president".into(), "Russia".into())), "{roles:?}");
    }

    #[test]
    fn appositions_before_names() {
        let d = run("Norway's Minister of International Development, Ingrid Solheim Vik, arrived. Solheim Vik said so.");
        let t = d.titles.iter().find(|t| d.registry.get(t.person).name == "Ingrid Solheim Vik").expect("title");
        assert_eq!(t.role, "minister of international development");
        assert_eq!(d.registry.get(t.organization.unwrap()).name, "Norway");
        // The two-word surname is found.
        assert!(d.mentions.iter().filter(|m| d.registry.get(m.entity).name == "Ingrid Solheim Vik").count() >= 2);
    }

    #[test]
    fn descriptive_ministries_and_metonyms() {
        let d = run("Brazil's foreign ministry said so. Moscow is releasing a signal, and Putin flew to Moscow.");
        assert!(d.registry.find("Ministry of Foreign Affairs of Brazil").is_some());
        let moscow_mentions: Vec<(String, MentionKind)> =
            d.mentions.iter().filter(|m| d_text("Brazil's foreign ministry said so. Moscow is releasing a signal, and Putin flew to Moscow.", m) == "Moscow").map(|m| (d.registry.get(m.entity).name.to_string(), m.kind)).collect();
        assert_eq!(moscow_mentions, [("Russia".to_owned(), MentionKind::Metonym), ("Moscow".to_owned(), MentionKind::Name)]);
    }

    fn d_text(text: &str, m: &Mention) -> String {
        text[m.start..m.end].to_owned()
    }

    #[test]
    fn whole_word_occurrences_are_those_of_match_indices() {
        let text = "Tangier, Tangiers and Tangier Tangier; Tanger-Tangier A A A Élysée Élysée2 Élysée";
        for name in ["Tangier", "Tangier Tangier", "A A", "Élysée", "Tan"] {
            let old: Vec<usize> = text.match_indices(name).map(|(s, _)| s).filter(|&s| super::super::gazetteer::whole_word(text, s, s + name.len())).collect();
            assert_eq!(whole_word_occurrences(text, name), old, "{name}");
        }
        // Random texts of names, parts and characters sharing their first byte ("É", "È": 0xC3).
        let pieces = ["Tangier", "Tangiers", "Tan", "Élysée", "Èlysée", "É", "È", "A", "A A", "-", "é", "2", "  ", "Ñuble", "'s"];
        let names = ["Tangier", "Tangier Tangier", "A A", "Élysée", "Èlysée", "Tan", "A", "É", "Ñuble"];
        let texts = crate::extract::testing::random_sentences(&pieces, 20_000, 10, 3);
        let mut found = 0;
        for (n, text) in texts.iter().enumerate() {
            let name = names[n % names.len()];
            let old: Vec<usize> = text.match_indices(name).map(|(s, _)| s).filter(|&s| super::super::gazetteer::whole_word(text, s, s + name.len())).collect();
            found += old.len();
            assert_eq!(whole_word_occurrences(text, name), old, "{text:?} {name}");
        }
        assert!(found > 5_000, "{found}");
    }

    /// Pieces of sentences for the patterns read by hand: their words, near misses and what
    /// may stand between them.
    const PATTERN_PIECES: &[&str] = &[
        "the", "The", "THE", "tHe", "bathe", "regional", "Regional", "subregional", "government", "Government", "GOVERNMENT",
        "misgovernment", "governments", "of", "Of", "off", "Andalusia", "Basque", "Country", "X", "Ab", "Ñuble", "Île-de-France",
        "Y-", "O'Brien", "D’Arcy", "Reporting", "reporting", "Additional", "Additional reporting", "Editing", "Writing", "by", "By",
        "Anjali", "Rao", "Tom", "Whitfield", "Ève", "3M", "Ⅻ", ";", ",", ".", "(", ")", "-", "'", "’", "é", "\u{a0}", "  ", "\n",
        "\t", "a", "ministry", "government of", "the regional government of", "Government  of", "Reporting by", "Editing by",
        "Writing\u{a0}by", "Additional reporting by", "by Anjali Rao", "of Andalusia", "of X-", "of Ñuble Île",
    ];

    fn pattern_sentences() -> Vec<String> {
        let mut sentences = crate::extract::testing::example_sentences();
        sentences.extend(crate::extract::testing::random_sentences(PATTERN_PIECES, 50_000, 10, 4));
        sentences
    }

    #[test]
    fn regional_governments_read_by_hand_as_by_captures() {
        let re = super::super::regex(r"\b(?:[Tt]he\s+)?(?P<regional>regional\s+)?(?i:government)\s+of\s+(?P<place>[A-Z][\p{L}-]+(?:\s+[A-Z][\p{L}-]+)?)").unwrap();
        let mut found = 0;
        for s in &pattern_sentences() {
            let expected: Vec<GovernmentOf> = re
                .captures_iter(s)
                .map(|c| {
                    let (whole, place) = (c.get(0).unwrap(), c.name("place").unwrap());
                    GovernmentOf { start: whole.start(), end: whole.end(), place: (place.start(), place.end()), regional: c.name("regional").is_some() }
                })
                .collect();
            found += expected.len();
            let (ws, mixed) = words_and_mixed(s, 0, s.len());
            let keywords = body_keywords(s, &ws, &mixed);
            assert_eq!(regional_government_matches(s, &keywords), expected, "{s:?}");
        }
        assert!(found > 2_000, "{found}");
    }

    /// [`descriptive_org_at`] and [`descriptive_org_matches`] against the regex they replace:
    /// from every start in random sentences of its words, near misses ("xforeign",
    /// "agriculture" and "culture", "ministries"), cases, white space outside ASCII and
    /// placeholders; and over whole sentences, as `captures_iter` finds the matches.
    #[test]
    fn descriptive_orgs_read_by_hand_as_by_captures() {
        let re = super::super::regex(r"(?i:\b(?:the\s+)?)(?P<kind>foreign|finance|defence|defense|energy|interior|trade|economy|health|justice|education|culture|agriculture|industry|mining|transport|environment)\s+(?P<head>ministry)\b|(?P<the2>\b[Tt]he\s+)?(?P<gov>government|presidency|parliament|foreign\s+ministry)\b").unwrap();
        let read = |c: regex::Captures| {
            let head = c.name("kind").or_else(|| c.name("gov")).unwrap();
            DescriptiveOrg { start: c.get(0).unwrap().start(), end: c.get(0).unwrap().end(), head: (head.start(), head.end()) }
        };
        let pieces = [
            "the", "The", "THE", "tHe", "bathe", "foreign", "Foreign", "xforeign", "finance", "defence", "defense", "energy", "interior",
            "trade", "economy", "health", "justice", "education", "culture", "agriculture", "agri", "industry", "mining", "transport",
            "environment", "ministry", "Ministry", "ministryx", "ministries", "government", "Government", "governments", "misgovernment",
            "presidency", "parliament", "parliamentary", "foreign ministry", "foreign\u{a0}ministry", "the foreign ministry",
            "The  trade ministry", "the government", "Brazil", "'s", "’s", "\u{E000}P3\u{E001}", "\u{a0}", "\u{2003}", "  ", "\n", "-",
            "_", "2", "é", ".", ",",
        ];
        let mut sentences = crate::extract::testing::example_sentences();
        sentences.extend(crate::extract::testing::random_sentences(&pieces, 100_000, 8, 4));
        let mut found = 0;
        for s in &sentences {
            for from in (0..=s.len()).filter(|&i| s.is_char_boundary(i)) {
                assert_eq!(descriptive_org_at(s, from), re.captures_at(s, from).map(read), "{s:?} {from}");
            }
            let expected: Vec<DescriptiveOrg> = re.captures_iter(s).map(read).collect();
            found += expected.len();
            let (ws, mixed) = words_and_mixed(s, 0, s.len());
            let keywords = body_keywords(s, &ws, &mixed);
            assert_eq!(descriptive_org_matches(s, &keywords), expected, "{s:?}");
        }
        assert!(found > 20_000, "{found}");
    }

    #[test]
    fn byline_credits_read_by_hand_as_by_captures() {
        let re = super::super::regex(r"(?P<what>Reporting|Editing|Writing|Additional reporting)\s+by\s+(?P<name>[A-Z][\p{L}'’-]+(?:\s+[A-Z][\p{L}'’-]+){1,3})").unwrap();
        let mut found = 0;
        for s in &pattern_sentences() {
            let expected: Vec<Credit> = re
                .captures_iter(s)
                .map(|c| {
                    let (whole, name) = (c.get(0).unwrap(), c.name("name").unwrap());
                    let role = match &c["what"] {
                        "Editing" => "editor",
                        "Writing" => "writer",
                        _ => "reporter",
                    };
                    Credit { start: whole.start(), end: whole.end(), name: (name.start(), name.end()), role }
                })
                .collect();
            found += expected.len();
            assert_eq!(byline_credits(s), expected, "{s:?}");
        }
        assert!(found > 1_000, "{found}");
    }

    #[test]
    fn speech_verbs_read_by_hand_as_by_the_pattern() {
        let re = super::super::regex(&format!(r"^\s+(?:{})\b", SPEECH_VERBS.join("|"))).unwrap();
        let pieces: Vec<&str> = SPEECH_VERBS.iter().copied().chain(["saidx", "said_", "Said", "sai", "x", ",", ".", "é", "\u{a0}", "  ", "\n"]).collect();
        let mut sentences = crate::extract::testing::example_sentences();
        sentences.extend(crate::extract::testing::random_sentences(&pieces, 50_000, 4, 3));
        let mut found = 0;
        for s in &sentences {
            for (i, _) in s.char_indices() {
                let expected = re.is_match(&s[i..]);
                found += usize::from(expected);
                assert_eq!(speech_after_name(&s[i..]), expected, "{:?}", &s[i..]);
            }
        }
        assert!(found > 5_000, "{found}");
    }

    #[test]
    fn country_prefixes_found_as_by_the_pattern_alone() {
        let pieces = [
            "the", "The", "Socialist", "People's", "Republic", "Kingdom", "State", "Grand", "Duchy", "Principality", "of", "off", "x", ",", "é",
            "\u{a0}", "  ", "\n", "Republic of", "the Socialist Republic of", "Grand Duchy of", "Duchy of", "State\u{a0} of", "Kingdom of\n",
        ];
        let mut sentences = crate::extract::testing::example_sentences();
        sentences.extend(crate::extract::testing::random_sentences(&pieces, 50_000, 6, 4));
        let mut found = 0;
        // Every beginning of a sentence, as the text before a name.
        for s in &sentences {
            for (cut, _) in s.char_indices() {
                let before = &s[..cut];
                let expected = COUNTRY_PREFIX.find(before);
                found += usize::from(expected.is_some());
                assert_eq!(country_prefix(before), expected, "{before:?}");
            }
        }
        assert!(found > 5_000, "{found}");
    }

    #[test]
    fn appositions_read_by_hand_as_by_the_pattern() {
        let heads = ROLE_HEADS.join("|");
        let appositive = super::super::regex(&format!(r"^,\s+(?:(?:a|an|the)\s+)?(?:[\p{{L}}-]+\s+){{0,4}}?(?i:{heads})s?\b[^,;.]*")).unwrap();
        let pieces = [
            ",", ", a", ", the", ",\u{a0}an", "a", "an", "the", "The", "research", "fellow", "Minister", "ministers", "MINISTER", "head",
            "headquarters", "heads", "headsx", "chief-of-staff", "vice-president", "\u{212A}ing", "pre\u{17F}ident", "ſ", "Ève", "d'Arc",
            "x2", "of", "X-Y", "é", ".", ";", "  ", "\n",
        ];
        let mut sentences = crate::extract::testing::example_sentences();
        sentences.extend(crate::extract::testing::random_sentences(&pieces, 50_000, 8, 4));
        let mut found = 0;
        for s in &sentences {
            for (cut, _) in s.char_indices() {
                let after = &s[cut..];
                let expected = appositive.find(after).map(|m| m.end());
                found += usize::from(expected.is_some());
                assert_eq!(appositive_role(after), expected, "{after:?}");
            }
        }
        assert!(found > 1_000, "{found}");
    }

    /// [`Cover`] against the two arrays it replaces (the last mention over each byte, and the
    /// last that is not a demonym), on 20,000 random sequences of mentions added as detection
    /// adds them: the gazetteer's first (demonyms among them), in order and without overlaps,
    /// though a name may reach back over the bytes before it ("the Republic of"), then others
    /// anywhere.
    #[test]
    fn cover_says_what_two_arrays_said() {
        let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let mut demonyms_under = 0;
        for _ in 0..20_000 {
            let len = 1 + next(40);
            let (mut at, mut at_nd) = (vec![0u32; len], vec![0u32; len]);
            let mut cover = Cover::new(len);
            let mut spans = Vec::new();
            let mut pos = next(3);
            while pos < len {
                let end = (pos + 1 + next(6)).min(len);
                let demonym = next(3) == 0;
                let start = if !demonym && next(4) == 0 { pos.saturating_sub(next(8)) } else { pos };
                spans.push((start, end, demonym));
                pos = end + next(4);
            }
            for _ in 0..next(6) {
                let start = next(len);
                spans.push((start, (start + 1 + next(8)).min(len), false));
            }
            for (i, &(start, end, demonym)) in spans.iter().enumerate() {
                at[start..end].fill(i as u32 + 1);
                if !demonym {
                    at_nd[start..end].fill(i as u32 + 1);
                }
                cover.index(i, start, end, demonym);
            }
            for i in 0..=len {
                let old = |a: &[u32]| a.get(i).and_then(|&v| (v as usize).checked_sub(1));
                assert_eq!(cover.last(i), old(&at), "{spans:?} {i}");
                assert_eq!(cover.last_nd(i), old(&at_nd), "{spans:?} {i}");
                demonyms_under += usize::from(at.get(i) != at_nd.get(i));
                for j in i..=len {
                    assert_eq!(cover.any(i, j), at[i..j].iter().any(|&v| v != 0));
                    assert_eq!(cover.all(i, j), at[i..j].iter().all(|&v| v != 0));
                    assert_eq!(cover.any_nd(i, j), at_nd[i..j].iter().any(|&v| v != 0));
                }
            }
        }
        assert!(demonyms_under > 20_000, "{demonyms_under}");
    }

    /// [`is_connector`]'s perfect hash against a search of [`CONNECTORS`]: on every connector,
    /// in several cases, with a byte more or less or changed, on every word of up to three
    /// bytes of a dozen letters and of the example sentences, and on the empty word.
    #[test]
    fn connectors_found_as_by_a_search() {
        let mut probes: Vec<Vec<u8>> = vec![Vec::new()];
        for w in CONNECTORS {
            let b = w.as_bytes();
            probes.extend([b.to_vec(), w.to_uppercase().into_bytes(), title_case(w).into_bytes(), [b, b"s"].concat(), b[..b.len() - 1].to_vec(), [b"x", b].concat(), [b, b"\0"].concat()]);
            for i in 0..b.len() {
                for d in [1u8, 32, 128] {
                    let mut c = b.to_vec();
                    c[i] ^= d;
                    probes.push(c);
                }
            }
        }
        let letters = b"adefhilnortv&\0\xff";
        for &x in letters {
            probes.push(vec![x]);
            for &y in letters {
                probes.push(vec![x, y]);
                for &z in letters {
                    probes.push(vec![x, y, z]);
                }
            }
        }
        for s in crate::extract::testing::example_sentences() {
            probes.extend(words(&s, 0, s.len()).iter().map(|w| w.bytes(&s).to_vec()));
        }
        let mut found = 0;
        for p in &probes {
            let expected = CONNECTORS.iter().any(|w| w.as_bytes() == p.as_slice());
            found += usize::from(expected);
            assert_eq!(is_connector(p.as_slice()), expected, "{:?}", String::from_utf8_lossy(p));
        }
        assert!(found > 100 && probes.len() > 4_000, "{found} of {}", probes.len());
    }

    /// [`WordTable`]'s look-ups against a search of its words, on the words of the tables in
    /// several cases, with a letter more or less, and on the words of the example sentences.
    #[test]
    fn word_tables_find_what_a_search_finds() {
        let lists: [&[&str]; 7] = [STOP_CAPS, EVENT_HEADS, CONNECTORS, ROLE_HEADS, ROLE_MODIFIERS, GENERIC_BODY_WORDS, &["a", "A", "ab", "aB", "Ab", "a", "ba"]];
        let heads: Vec<&str> = ORG_HEADS.iter().map(|(w, _)| *w).collect();
        let mut probes: Vec<String> = Vec::new();
        for w in lists.iter().flat_map(|l| l.iter()).chain(&heads) {
            probes.extend([w.to_string(), w.to_uppercase(), w.to_lowercase(), title_case(w), format!("{w}s"), w[..w.len() - 1].to_owned(), format!("x{w}")]);
        }
        for s in crate::extract::testing::example_sentences() {
            probes.extend(words(&s, 0, s.len()).iter().map(|w| w.text(&s).to_owned()));
        }
        probes.push(String::new());
        let check = |table: &WordTable<usize>, list: &[&str]| {
            let mut found = 0;
            for p in &probes {
                let expected = list.iter().position(|w| w.as_bytes() == p.as_bytes());
                found += usize::from(expected.is_some());
                assert_eq!(table.get(p.as_bytes()), expected, "{p:?}");
                let lower = p.to_ascii_lowercase();
                assert_eq!(table.contains_lower(p.as_bytes()), p.len() <= 32 && list.iter().any(|w| w.as_bytes() == lower.as_bytes()), "{p:?}");
            }
            assert!(found > 0);
        };
        for list in lists.iter().copied().chain([heads.as_slice()]) {
            check(&WordTable::new(list.iter().enumerate().map(|(i, &w)| (w, i))), list);
        }
    }

    /// [`role_head_at`]'s look-up against the reading character by character, at every
    /// character of the example sentences and of random ones made of heads in several cases,
    /// plurals, hyphens and the other forms of "k" and "s".
    #[test]
    fn role_heads_looked_up_as_read_by_chars() {
        let mut pieces: Vec<String> = Vec::new();
        for w in ROLE_HEADS.iter().chain(["vice", "secretary-", "presidents", "x_y", "ceos", "CEOS", "s", "S", "Ss"].iter()) {
            pieces.extend([w.to_string(), format!("{w}s"), format!("{w}S"), w.to_uppercase(), title_case(w), format!("{w}-elect"), format!("{w}_"), format!("{w}2"), format!("{w}é")]);
        }
        pieces.extend(["\u{212A}ing", "pre\u{17F}ident", "ſ", "-", ",", ".", "é"].map(str::to_owned));
        let pieces: Vec<&str> = pieces.iter().map(String::as_str).collect();
        let mut sentences = crate::extract::testing::example_sentences();
        sentences.extend(crate::extract::testing::random_sentences(&pieces, 20_000, 4, 3));
        let mut heads = 0;
        for s in &sentences {
            for (cut, _) in s.char_indices() {
                let expected = role_head_at_by_chars(&s[cut..]);
                heads += usize::from(expected);
                assert_eq!(role_head_at(&s[cut..]), expected, "{:?}", &s[cut..]);
            }
        }
        assert!(heads > 10_000, "{heads}");
    }

    /// [`is_cap_word`] against [`is_cap`] of the word's text, and the property
    /// [`Builder::name_parts`] reads only the runs for: every capitalized word of a sentence is
    /// in one of its [`chunks`], on the example sentences and random ones of capitalized,
    /// lower-case, hyphenated and connecting words with odd spacing.
    #[test]
    fn capitalized_words_are_in_runs() {
        let pieces = ["Putin", "el-Sisi", "al-Sisi", "a-b", "ab-C", "abc-D", "abcd-E", "Beijing-based", "Rebased", "B-based", "Bd", "of", "the", "and", "de", "Élysée", "élan", "said", "Ministry", "UN", "x", "-", ",", "O'Brien", "U.S"];
        let mut sentences = crate::extract::testing::example_sentences();
        sentences.extend(crate::extract::testing::random_sentences(&pieces, 20_000, 8, 3));
        let (mut caps, mut runs) = (0, Vec::new());
        for s in &sentences {
            let (ws, _, capitals) = words_mixed_and_capitals(s, 0, s.len());
            runs.clear();
            chunks(s, &ws, &mut runs);
            let mut among = Vec::new();
            chunks_among(s, &ws, capitals.iter().copied(), &mut among);
            assert_eq!(among, runs, "{s:?}");
            for (k, w) in ws.iter().enumerate() {
                let cap = is_cap(w.text(s));
                assert_eq!(is_cap_word(s, w), cap, "{:?}", w.text(s));
                if cap {
                    caps += 1;
                    assert!(runs.iter().any(|&(a, b)| a <= k && k < b), "{:?} in {s:?}", w.text(s));
                }
            }
        }
        assert!(caps > 20_000, "{caps}");
    }

    /// [`SentenceWords`] gives each sentence the words [`extend_words_within`] takes for it, on
    /// the example articles and on texts of random sentences, with datelines that end inside a
    /// word (whose sentences have words of their own).
    #[test]
    fn sentence_words_as_extend_takes_them() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut texts: Vec<String> = Vec::new();
        for dir in ["examples/articles", "examples/gold/articles"] {
            for entry in std::fs::read_dir(root.join(dir)).expect("examples") {
                texts.push(std::fs::read_to_string(entry.expect("entry").path()).unwrap_or_default());
            }
        }
        let pieces = ["Putin", "el-Sisi", "a-b", "Beijing-based", "of", "the", "Élysée", "said", "U.S.", "O'Brien", "-", ".", ". ", "? ", "\n", "x.Y", "Mr.", "2025", "\"", "“", "”"];
        let random = crate::extract::testing::random_sentences(&pieces, 4_000, 12, 3);
        texts.extend(random.chunks(5).map(|c| c.concat()));
        let datelines = ["BEIJING, June 20-Officials of the U.S. met Putin. Then el-Sisi spoke.", "CAIRO, 3 May -Al-Sisi said. Yes", "ROME, May 3 — x"];
        texts.extend(datelines.iter().map(|d| d.to_string()));
        let mut own = 0;
        // (Filled again for each text, as one article's vectors serve the next.)
        let (mut taken, mut runs) = (SentenceWords::default(), PerSentence::default());
        for text in &texts {
            let seg = super::super::segment::segment(text, None);
            let (all, _, capitals) = words_mixed_and_capitals(text, 0, text.len());
            taken.fill(text, &all, &seg.sentences);
            // And the runs of capitalized words, found among the words that may be capitalized,
            // as found by reading every word.
            taken.runs(text, &all, &capitals, &mut runs);
            let mut n = 0;
            for ((ws, s), found) in taken.iter(&all).zip(&seg.sentences).zip(&runs) {
                let expected = super::super::segment::words_within(&all, text, s.start, s.end);
                assert_eq!(ws, &expected[..], "{text:?}");
                let mut read = Vec::new();
                chunks(text, &expected, &mut read);
                assert_eq!(found, &read[..], "{text:?}");
                n += 1;
            }
            assert_eq!(n, seg.sentences.len());
            own += taken.spans.iter().filter(|s| s.0).count();
            // Sentences out of order (each before the last) are found too.
            let backwards: Vec<_> = seg.sentences.iter().rev().copied().collect();
            taken.fill(text, &all, &backwards);
            for (ws, s) in taken.iter(&all).zip(&backwards) {
                assert_eq!(ws, &super::super::segment::words_within(&all, text, s.start, s.end)[..], "{text:?}");
            }
        }
        assert!(own > 0, "no sentence with words of its own");
    }

    /// [`no_role_head_before`] against the words [`Builder::title_before`] reads: where it says
    /// no role head ends the window, the window's last word is missing, is not right before the
    /// name (white space between) or is not a role head; on the example sentences and random
    /// ones of role heads, names, joiners, punctuation and characters outside ASCII, at every
    /// word start. (It must also say so for many names, or it saves nothing.)
    #[test]
    fn no_role_head_before_as_the_words_say() {
        let pieces = ["President", "minister", "Ministers", "vice-president", "said", "Putin", "Kim", "U.S.", "O'Brien", "el-Sisi", "Élysée", "x-", "-", ".", ",", " ", "  ", "\n", "(", "\"", "’", "2025", "spokesman", "Ms.", "chiefs"];
        let mut sentences = crate::extract::testing::example_sentences();
        sentences.extend(crate::extract::testing::random_sentences(&pieces, 20_000, 10, 7));
        let (mut skipped, mut starts) = (0, 0);
        for text in &sentences {
            let all = words(text, 0, text.len());
            for w in &all {
                let start = w.start;
                let from = floor(text, start.saturating_sub(80));
                starts += 1;
                if !no_role_head_before(text, from, start) {
                    continue;
                }
                skipped += 1;
                let ws = words_within_cow(&all, text, from, start);
                if let Some(last) = ws.last() {
                    let head = text[last.end..start].trim().is_empty() && is_role_head(last.text(text));
                    assert!(!head, "{text:?} at {start}");
                }
            }
        }
        assert!(skipped * 3 > starts, "{skipped} of {starts}");
    }

    /// [`is_name_word`] with the union filter against the five look-ups it stands before, on
    /// the words of the example articles and of 20,000 random sentences made of table words in
    /// several cases and plurals.
    #[test]
    fn name_words_as_before() {
        let mut pieces: Vec<String> = Vec::new();
        for w in ROLE_HEADS.iter().chain(ROLE_MODIFIERS).chain(STOP_CAPS).chain(EVENT_HEADS).chain(ORG_HEADS.iter().map(|(w, _)| w)) {
            pieces.extend([w.to_string(), format!("{w}s"), w.to_uppercase(), title_case(w), format!("{}s", title_case(w))]);
        }
        pieces.extend(["Putin", "Kim", "Élysée", "el-Sisi", "Beijing-based", "Li", "X2", "Ministers", "s", "S", "-"].map(str::to_owned));
        let pieces: Vec<&str> = pieces.iter().map(String::as_str).collect();
        let mut sentences = crate::extract::testing::example_sentences();
        sentences.extend(crate::extract::testing::random_sentences(&pieces, 20_000, 6, 2));
        let (mut names, mut stops) = (0, 0);
        for s in &sentences {
            for w in words(s, 0, s.len()) {
                let w = w.text(s);
                let expected = is_name_word_as_before(w);
                assert_eq!(is_name_word(w), expected, "{w:?}");
                names += usize::from(expected);
                stops += usize::from(!expected && is_cap(w) && in_name_stop_tables(w));
            }
        }
        assert!(names > 10_000 && stops > 10_000, "{names} {stops}");
    }

    /// The one pass of [`read_article_words`] gives the words of `words_mixed_and_capitals`, the
    /// gazetteer's matches as [`Gazetteer::find`] finds them, and the words that
    /// [`body_keywords`] would visit, on scratch vectors reused from one sentence to the next.
    #[test]
    fn article_words_read_in_one_pass_as_in_three() {
        let gaz = Gazetteer::bundled();
        let pieces = [
            "the", "The", "the Netherlands", "Russian", "Russian Federation", "U.S.", "US", "United States", "Élysée Palace", "é", "Đà",
            "China's", "Beijing-based", "-", ".", "'", "’", "ministry", "Ministry", "government", "x-government", "ministryé", "  ", "\n",
            "Putin", "Vladimir Putin", "Kim Jong Un", "2", "(", "\"",
        ];
        let mut sentences = crate::extract::testing::example_sentences();
        sentences.extend(crate::extract::testing::random_sentences(&pieces, 20_000, 8, 3));
        let mut scratch = Scratch::default();
        let (mut matches, mut candidates) = (0, 0);
        for s in &sentences {
            read_article_words(s, &gaz, &mut scratch);
            let (words, mixed, capitals) = words_mixed_and_capitals(s, 0, s.len());
            assert_eq!((&scratch.words, &scratch.mixed, &scratch.capitals), (&words, &mixed, &capitals), "{s:?}");
            let expected = gaz.find(s);
            matches += expected.len();
            assert_eq!(scratch.matches, expected, "{s:?}");
            let may_end: Vec<usize> = (0..words.len()).filter(|&k| may_end_body_keyword(s.as_bytes(), words[k], !mixed.contains(&k))).collect();
            candidates += may_end.len();
            assert_eq!(scratch.keyword_words, may_end, "{s:?}");
            assert_eq!(body_keywords_among(s, &words, &mixed, &may_end), body_keywords(s, &words, &mixed), "{s:?}");
        }
        assert!(matches > 20_000 && candidates > 10_000, "{matches} {candidates}");
    }

    #[test]
    fn body_keywords_found_as_by_aho_corasick() {
        let finder = aho_corasick::AhoCorasick::builder().ascii_case_insensitive(true).build(BODY_KEYWORDS).unwrap();
        let pieces = [
            "ministry", "Ministry", "MINISTRY", "ministr", "government", "misgovernment", "Governments", "presidency", "parliament",
            "parliamentary", "ministryministry", "PARLIAMENT", "gOVERNMENT", "Presidency", "m", "G", "p", "x", "-", "'", ".", "é", "2",
            "the", "  ", "_", "ministry_", "x-government", "ministryé", "’", "governmentgovernment",
        ];
        let mut sentences = crate::extract::testing::example_sentences();
        sentences.extend(crate::extract::testing::random_sentences(&pieces, 50_000, 8, 3));
        let mut found = 0;
        for s in &sentences {
            let every: Vec<Keyword> = finder.find_iter(s.as_str()).map(|m| Keyword { start: m.start(), end: m.end(), index: m.pattern().as_usize() }).collect();
            assert_eq!(body_keywords_as_before(s, &words(s, 0, s.len())), every, "{s:?}");
            // The new search: those not followed by a byte of an ASCII word.
            let expected: Vec<Keyword> = every.into_iter().filter(|k| !ascii_word_byte(s, k.end)).collect();
            found += expected.len();
            let (ws, mixed) = words_and_mixed(s, 0, s.len());
            assert_eq!(body_keywords(s, &ws, &mixed), expected, "{s:?}");
        }
        assert!(found > 50_000, "{found}");
    }

    #[test]
    fn lower_case_is_found_from_bytes_as_from_characters() {
        let pieces = ["el-Sisi", "Putin", "PM", "ÉLYSÉE", "Élysée", "ß", "İ", "ǅ", "Σ", "3", "a", "-", "日本"];
        let mut sentences = crate::extract::testing::example_sentences();
        sentences.extend(crate::extract::testing::random_sentences(&pieces, 20_000, 4, 2));
        for s in &sentences {
            for w in words(s, 0, s.len()).iter().map(|w| w.text(s)).chain([s.as_str()]) {
                assert_eq!(has_lower_case(w), w.chars().any(char::is_lowercase), "{w:?}");
            }
        }
    }

    #[test]
    fn letters_are_the_letter_class() {
        let re = Regex::new(r"^\p{L}$").unwrap();
        for c in (0..=char::MAX as u32).filter_map(char::from_u32) {
            assert_eq!(is_letter(c), re.is_match(c.encode_utf8(&mut [0; 4])), "{c:?}");
        }
    }

    #[test]
    fn warm_up_builds_every_table() {
        warm_up();
        assert!(is_role_head("Ministers") && is_role_head("PRESIDENT") && !is_role_head("Putin"));
        assert!(is_name_word("Putin") && !is_name_word("The") && !is_name_word("Summit") && !is_name_word("University"));
    }

    /// A [`PartFirsts`] holds every word put in it (what [`Builder::name_parts`] needs of it), over
    /// sets of the example articles' words of many sizes, and rules out most other words.
    #[test]
    fn part_firsts_hold_their_words() {
        let mut words: Vec<&str> = Vec::new();
        let sentences = crate::extract::testing::example_sentences();
        for s in &sentences {
            words.extend(s.split(|c: char| !c.is_alphanumeric() && c != '-').filter(|w| !w.is_empty()));
        }
        words.sort_unstable();
        words.dedup();
        assert!(words.len() > 1000, "{}", words.len());
        let (mut others, mut ruled_out) = (0, 0);
        for (k, size) in [1, 2, 5, 12, 30, 80].into_iter().enumerate() {
            for start in (k..words.len()).step_by(97) {
                let set: Vec<&str> = words.iter().cycle().skip(start).step_by(7).take(size).copied().collect();
                let mut bits = PartFirsts::default();
                set.iter().for_each(|w| bits.insert(w.as_bytes()));
                assert!(set.iter().all(|w| bits.may_hold_name(w.as_bytes())), "{set:?}");
                for w in words.iter().filter(|w| size <= 12 && !set.contains(w)) {
                    others += 1;
                    ruled_out += usize::from(!bits.may_hold_name(w.as_bytes()));
                }
            }
        }
        assert!(ruled_out * 10 > others * 9, "{ruled_out} of {others}");
    }

    #[test]
    fn surnames_resolve_to_full_names() {
        let d = run("It was at Kim's invitation. Putin met North Korea leader Kim Jong Un.");
        let kim = d.mentions.iter().find(|m| m.start == 10).expect("Kim");
        assert_eq!(d.registry.get(kim.entity).name, "Kim Jong Un");
    }
}

#[cfg(test)]
mod more_tests {
    use super::super::segment::segment;
    use super::*;

    #[test]
    fn long_titles_before_names() {
        let text = "\"We want that,\" Chief Cabinet Secretary Yoshimasa Hayashi said at a news conference.";
        let gaz = Gazetteer::bundled();
        let seg = segment(text, None);
        let d = detect(text, &seg, &gaz, &ArticleMeta::default());
        let roles: Vec<(String, String)> = d.titles.iter().map(|t| (d.registry.get(t.person).name.to_string(), t.role.clone())).collect();
        assert_eq!(roles, [("Yoshimasa Hayashi".to_owned(), "chief cabinet secretary".to_owned())]);
        assert!(d.registry.find("Chief Cabinet Secretary Yoshimasa Hayashi").is_none());
    }
}
