//! Event and agreement frames: triggers from [`super::rules`] matched on masked sentences, their
//! roles filled from the match, the clause's subject, its dates and its modality, then linked
//! across sentences (duplicate visits merged, invitations tied to the visits they occasioned,
//! talks and signings made part of the visits they happened during, agreements tied to the
//! talks or signings they resulted from).

use super::coref::{placeholder_end, Masked};
use super::entities::{Registry, Title};
use super::gazetteer::Gazetteer;
use super::mentions::floor;
use super::{space_end, Place};
use super::modality::{is_future, modality_in, SentenceCues, CONDITIONAL_CUES, RARE_CUES};
use super::rules::{Rule, AGREEMENT_NP, AGREEMENT_WORDS, EVENT_RULES, VISIT_TYPE_WORDS};
use super::time::{self, DateValue, TimeKind, TimeRole};
use crate::facts::{AgreementKind, EntityType, EventKind, Modality, VisitType};
use chrono::NaiveDate;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// Compiled rules, built once.
pub struct Compiled {
    /// Each rule and its hand matcher.
    rules: Vec<(Rule, Matcher)>,
    agreement: Regex,
    /// The cue words of every rule, grouped by rule, then [`AGREEMENT_CUES`] as the group one
    /// past the last rule, then the second cues ([`Rule::also`]) of the rules that have them,
    /// a group each: one pass finds them all.
    cues: super::CueSet,
    /// For each rule, the groups of [`Compiled::cues`] that must all be found for it to run:
    /// its own and its second cues' group.
    required: Vec<u64>,
    /// The group of [`RETURN_CUES`] in [`Compiled::cues`].
    returns: usize,
    /// The group of [`super::speech::SPEECH_CUES`] in [`Compiled::cues`].
    speech: usize,
    /// The group of the modality's [`RARE_CUES`] in [`Compiled::cues`]; its
    /// [`CONDITIONAL_CUES`] are the next, the last.
    rare: usize,
    /// The candidate table of the one pass over a sentence ([`Candidates`]).
    starts: Starts,
}

/// For the one pass over a sentence that finds where the readers of the rules whose matches
/// begin at a word start are to be tried: for each byte, those rules (a bit each, by index)
/// whose matches may begin with it. The other rules (whose matches may begin inside a word or
/// with a placeholder) each scan the sentence on their own ([`hand_matches`]), only where
/// their cues are.
struct Starts {
    by_byte: [u64; 256],
    /// For each byte, the rules of the pass whose matches' second byte it may be
    /// ([`Matcher::second`]); a match has two bytes at least.
    by_second: [u64; 256],
    /// The rules of the pass.
    passed: u64,
}

impl Starts {
    fn of(rules: &[(Rule, Matcher)]) -> Self {
        assert!(rules.len() <= 64, "a rule is a bit of a u64");
        let mut starts = Self { by_byte: [0; 256], by_second: [0; 256], passed: 0 };
        for (n, (_, matcher)) in rules.iter().enumerate() {
            // (The pass finds word starts, so a rule's first bytes must be word bytes.)
            let first: Vec<u8> = (0..=255u8).filter(|&b| matcher.first.has(b)).collect();
            if !matcher.word || matcher.seek.is_some() || !first.iter().all(|&b| super::is_ascii_word_byte(b)) {
                continue;
            }
            starts.passed |= 1 << n;
            for b in first {
                starts.by_byte[usize::from(b)] |= 1 << n;
            }
            for b in 0..=255u8 {
                if matcher.second.has(b) {
                    starts.by_second[usize::from(b)] |= 1 << n;
                }
            }
        }
        starts
    }
}

/// The words one of which a sentence must hold for the return-visit pattern to be tried on it
/// (`read_events`' `RETURN`, compared in this case there; the cue pass, which ignores case,
/// finds a superset of the sentences).
const RETURN_CUES: &[&str] = &["visit", "trip", "return"];

/// Words without which a sentence names no agreement: the kind words ([`AGREEMENT_WORDS`]) that
/// no other holds (so not "treat" or "programme", which "treatment" and "World Food Programme"
/// hold too).
const AGREEMENT_CUES: &[&str] = &["treaty", "memorandum", "agreement", "deal", "contract", "executive programme", "declaration", "accord", "pact"];

/// The compiled rule tables.
pub static COMPILED: LazyLock<Compiled> = LazyLock::new(|| {
    let rules: Vec<(Rule, Matcher)> = EVENT_RULES.iter().flat_map(|t| t.iter()).map(|r| (*r, hand_matcher(r.name))).collect();
    let table: Vec<Rule> = rules.iter().map(|(rule, _)| *rule).collect();
    let CueWords { words, required, returns, speech, rare } = cue_words(&table);
    let cues = super::CueSet::new(words);
    let starts = Starts::of(&rules);
    Compiled {
        cues,
        speech,
        rare,
        returns,
        required,
        starts,
        rules,
        agreement: super::regex(AGREEMENT_NP).expect("agreement regex"),
    }
});

/// The cue words of [`Compiled::cues`] and the groups [`Compiled`] keeps.
struct CueWords {
    /// The words with their groups.
    words: Vec<(&'static str, usize)>,
    /// The groups each rule requires.
    required: Vec<u64>,
    /// The group of the return cues ([`RETURN_CUES`]).
    returns: usize,
    /// The group of the speech cues.
    speech: usize,
    /// The group of the modality's rare cues (its conditional cues are the group after it).
    rare: usize,
}

/// The cue words of the rules, and those of the other groups, after them.
fn cue_words(rules: &[Rule]) -> CueWords {
    let mut words: Vec<(&'static str, usize)> = rules.iter().enumerate().flat_map(|(i, rule)| rule.cues.iter().map(move |cue| (*cue, i))).collect();
    words.extend(AGREEMENT_CUES.iter().map(|cue| (*cue, rules.len())));
    // The groups of the second cues, after the agreements'.
    let mut required = Vec::new();
    let mut next_group = rules.len() + 1;
    for (i, rule) in rules.iter().enumerate() {
        let mut bits = 1u64 << i;
        if !rule.also.is_empty() {
            words.extend(rule.also.iter().map(|cue| (*cue, next_group)));
            bits |= 1 << next_group;
            next_group += 1;
        }
        required.push(bits);
    }
    let returns = next_group;
    words.extend(RETURN_CUES.iter().map(|cue| (*cue, returns)));
    let speech = returns + 1;
    words.extend(super::speech::SPEECH_CUES.iter().map(|cue| (*cue, speech)));
    let rare = speech + 1;
    words.extend(RARE_CUES.iter().map(|cue| (*cue, rare)));
    words.extend(CONDITIONAL_CUES.iter().map(|cue| (*cue, rare + 1)));
    assert!(rare + 1 < 64, "Cues holds a bit per group in a u64");
    CueWords { words, required, returns, speech, rare }
}

/// A rule match's spans in the masked text: the whole match and the groups of the rule's
/// pattern (see [`super::rules`] for what each means), as its hand reader reads them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Spans {
    whole: (usize, usize),
    t: (usize, usize),
    agent: Option<(usize, usize)>,
    inviter: Option<(usize, usize)>,
    with: Option<(usize, usize)>,
    by: Option<(usize, usize)>,
    invitee: Option<(usize, usize)>,
    dest: Option<(usize, usize)>,
    dest2: Option<(usize, usize)>,
    loc: Option<(usize, usize)>,
    adj: Option<(usize, usize)>,
}

/// Which rules may match a masked sentence (their cues occur in it), whether it may name an
/// agreement, whether it may report speech: a bit per group of cues (a word, not a vector,
/// because every sentence has one).
#[derive(Debug, Clone, Copy, Default)]
pub struct Cues {
    active: u64,
}

impl Cues {
    /// The cues of `masked` (a masked sentence's text).
    pub fn of(masked: &str) -> Self {
        Self { active: COMPILED.cues.groups_in(masked) }
    }

    /// Brings the cue automaton's most walked rows into cache before a pass over an article's
    /// sentences ([`super::CueSet::warm`]).
    pub fn warm() {
        COMPILED.cues.warm();
    }

    #[cfg(test)]
    fn rule(&self, n: usize) -> bool {
        COMPILED.required.get(n).is_some_and(|&bits| self.active & bits == bits)
    }

    /// The rules that may match (as [`Cues::rule`] tells), a bit each by index: of the rules
    /// whose own cues are found (the group of rule `n` is bit `n`), those whose second cues are
    /// found too. (Few rules' cues are in a sentence: reading all the rules cost more.)
    fn rules(&self) -> u64 {
        let required = &COMPILED.required;
        let mut left = self.active & (u64::MAX >> (64 - required.len()));
        let mut rules = left;
        while left != 0 {
            let n = left.trailing_zeros() as usize;
            left &= left - 1;
            if self.active & required[n] != required[n] {
                rules &= !(1 << n);
            }
        }
        rules
    }

    fn agreement(&self) -> bool {
        self.active & (1 << COMPILED.rules.len()) != 0
    }

    /// Whether the sentence may hold one of [`RETURN_CUES`] (in any ASCII case).
    fn may_return(&self) -> bool {
        self.active & (1 << COMPILED.returns) != 0
    }

    /// Whether the sentence may report speech (one of [`super::speech::SPEECH_CUES`] is in it).
    pub fn speech(&self) -> bool {
        self.active & (1 << COMPILED.speech) != 0
    }

    /// Whether the sentence may hold one of the modality's [`RARE_CUES`] and one of its
    /// [`CONDITIONAL_CUES`] (in any ASCII case), without which [`modality_in`] reads fewer
    /// patterns.
    fn modality(&self) -> SentenceCues {
        let rare = COMPILED.rare;
        SentenceCues { rare: self.active & (1 << rare) != 0, conditional: self.active & (1 << (rare + 1)) != 0 }
    }
}

/// An event read from the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    /// Kind.
    pub kind: EventKind,
    /// The rule that found it.
    pub rule: &'static str,
    /// Index of its sentence.
    pub sentence: usize,
    /// Trigger (original bytes).
    pub trigger: (usize, usize),
    /// Evidence (original bytes).
    pub span: (usize, usize),
    /// Who acts: visitor, subject of talks, signatories, inviter.
    pub agents: Vec<usize>,
    /// Other participants: "with", "by", the invitee.
    pub others: Vec<usize>,
    /// Destinations of a visit; the target of an invitation.
    pub dest: Vec<usize>,
    /// Where it happened.
    pub location: Option<usize>,
    /// Who hosts a visit.
    pub host: Option<usize>,
    /// Visit types.
    pub visit_types: Vec<VisitType>,
    /// Modality.
    pub modality: Modality,
    /// Start date.
    pub start: Option<DateValue>,
    /// End date.
    pub end: Option<DateValue>,
    /// Index of the frame it is part of.
    pub part_of: Option<usize>,
    /// Index of the frame that occasioned it.
    pub occasioned_by: Option<usize>,
    /// Confidence.
    pub confidence: f64,
    /// Merged into another frame (not output).
    pub dropped: bool,
    /// Whether the sentence's agreements are only definite references ("The documents were signed").
    pub anaphoric: bool,
}

/// An agreement read from the text.
#[derive(Debug, Clone, PartialEq)]
pub struct AgreementFrame {
    /// Kind.
    pub kind: AgreementKind,
    /// Topic as the article phrases it.
    pub topic: String,
    /// Areas listed.
    pub areas: Vec<String>,
    /// Parties.
    pub parties: Vec<usize>,
    /// The frame it resulted from.
    pub resulted_from: Option<usize>,
    /// Modality.
    pub modality: Modality,
    /// Evidence (original bytes).
    pub span: (usize, usize),
    /// Index of its sentence.
    pub sentence: usize,
    /// Rule name.
    pub rule: &'static str,
    /// Confidence.
    pub confidence: f64,
}

/// A masked body sentence.
pub struct View {
    /// Index among the article's sentences.
    pub index: usize,
    /// The masked sentence.
    pub masked: Masked,
    /// Whether facts may be read from it.
    pub facts: bool,
    /// The cues in it (found only when facts may be read from it).
    pub cues: Cues,
    /// Countries the sentence names by name or metonym, or in the title of someone it names.
    pub named_countries: Vec<usize>,
    /// Cities and other places the sentence names as places.
    pub places: Ids,
    /// The last two countries named up to the end of the sentence ("the two countries").
    pub pair: super::coref::Entities,
}

/// Entity ids collected for every sentence: up to [`Ids::INLINE`] held in place (most
/// sentences name no place, or one or two), more in a `Vec`, which cost an allocation for every
/// sentence naming any. Read as a slice.
#[derive(Clone, Debug, Default)]
pub struct Ids {
    inline: [usize; Ids::INLINE],
    len: usize,
    /// All the ids, once there are more than [`Ids::INLINE`].
    more: Vec<usize>,
}

impl Ids {
    const INLINE: usize = 3;

    fn push(&mut self, id: usize) {
        if self.len < Self::INLINE {
            self.inline[self.len] = id;
        } else {
            if self.len == Self::INLINE {
                self.more.extend_from_slice(&self.inline);
            }
            self.more.push(id);
        }
        self.len += 1;
    }
}

impl std::ops::Deref for Ids {
    type Target = [usize];

    fn deref(&self) -> &[usize] {
        if self.len <= Self::INLINE {
            &self.inline[..self.len]
        } else {
            &self.more
        }
    }
}

impl FromIterator<usize> for Ids {
    fn from_iter<I: IntoIterator<Item = usize>>(iter: I) -> Self {
        let mut ids = Self::default();
        for id in iter {
            ids.push(id);
        }
        ids
    }
}

/// What the frame stage needs to know about the article.
pub struct Context<'a> {
    /// Article text.
    pub text: &'a str,
    /// Gazetteer.
    pub gaz: &'a Gazetteer,
    /// Titles of people.
    pub titles: &'a [Title],
    /// The article date.
    pub anchor: Option<NaiveDate>,
}

/// A definite reference to agreements already named: "The documents were signed", "The
/// memorandum was signed".
static ANAPHORIC: LazyLock<Regex> = LazyLock::new(|| {
    super::regex(r"(?i)^\s*the\s+(?:(?:two|three|four)\s+)?(?:documents?|memorand(?:um|a)|treaty|agreements?|deal|accord|pact)\b[^.;]*$").expect("anaphoric regex")
});

/// Whether [`ANAPHORIC`] matches `before`. Its match begins with white space, "the" (in any
/// case: no character outside ASCII folds to these letters) and white space; a text that does
/// not is told so without the search.
fn anaphoric(before: &str) -> bool {
    let rest = before.trim_start().as_bytes();
    rest.len() > 3 && rest[..3].eq_ignore_ascii_case(b"the") && ANAPHORIC.is_match(before)
}

/// A speech verb right before a date ("said on Monday", "reported on Tuesday").
static SPEECH_DATE_TOLD: LazyLock<Regex> = LazyLock::new(|| super::regex(r"\btold \w+\s*$").expect("speech date regex"));

/// Speech verbs that, right before a date, make it the date of the speech ("said on Monday").
const SPEECH_VERBS: &[&str] = &["said", "says", "reported", "reports", "announced", "announces", "wrote", "added", "stated", "confirmed", "denied", "declined to confirm", "said in a statement"];

/// Whether `before` ends with a speech verb and white space: a date after it dates the speech.
/// A comparison of the last words (this runs for every date of a sentence with an event); only
/// "told <someone>" needs a pattern.
fn ends_with_speech_verb(before: &str) -> bool {
    /// The last bytes of the [`SPEECH_VERBS`].
    const LAST_BYTES: Bytes = Bytes::in_words(SPEECH_VERBS, Place::Last);
    let t = before.trim_end();
    // (A verb's last letter, compared first, tells most of them apart from the text's end; most
    // texts end with none of them.)
    let last = t.as_bytes().last();
    (last.is_some_and(|&b| LAST_BYTES.has(b)) && SPEECH_VERBS.iter().any(|w| w.as_bytes().last() == last && t.ends_with(w) && !t.as_bytes()[..t.len() - w.len()].last().is_some_and(|&b| super::is_ascii_word_byte(b))))
        || (told_then_word(t) && SPEECH_DATE_TOLD.is_match(before))
}

/// Whether the last space of `t` (a text trimmed at its end) follows "told": where a match of
/// [`SPEECH_DATE_TOLD`] must have it (`\w+` holds no space), so a text without it is told so
/// without the search.
fn told_then_word(t: &str) -> bool {
    memchr::memrchr(b' ', t.as_bytes()).is_some_and(|sp| t[..sp].ends_with("told"))
}

/// Words that may stand between a subject and its verb.
const AUX: &[&str] = &[
    "will", "would", "could", "might", "may", "is", "are", "was", "were", "has", "have", "had", "also", "not", "last", "then",
    "jointly", "both", "already", "to", "expected", "due", "scheduled", "set", "preparing", "planning", "plans", "agreed", "going",
    "be", "been", "still", "now", "just", "later", "first", "once", "again", "reportedly", "formally", "officially", "did", "does",
    "do", "never", "yet", "n't", "said", "had", "successfully", "finally", "told",
];

/// For each byte, the words of a list (up to 64) that have it at byte `at`, a bit each by
/// index: a word is compared only with those that share that byte ([`one_of_words`] with
/// `at` 0; the topic stops with 1).
const fn words_by_byte(words: &[&str], at: usize) -> [u64; 256] {
    assert!(words.len() <= 64, "a word is a bit of a u64");
    let mut table = [0; 256];
    let mut i = 0;
    while i < words.len() {
        table[words[i].as_bytes()[at] as usize] |= 1 << i;
        i += 1;
    }
    table
}

/// Whether `word` is one of `words` (`words.contains(&word)`), comparing it only with the words
/// of its first byte in `table` ([`words_by_byte`] of `words` at 0): most words here are none of
/// them, and comparing each cost a length test or a `memcmp` call per word of the list.
fn one_of_words(words: &[&str], table: &[u64; 256], word: &str) -> bool {
    let mut candidates = word.as_bytes().first().map_or(0, |&b| table[usize::from(b)]);
    while candidates != 0 {
        if words[candidates.trailing_zeros() as usize] == word {
            return true;
        }
        candidates &= candidates - 1;
    }
    false
}

/// [`AUX`] by first byte.
static AUX_BY_FIRST: [u64; 256] = words_by_byte(AUX, 0);

/// [`PREPOSITIONS`] by first byte.
static PREPOSITIONS_BY_FIRST: [u64; 256] = words_by_byte(PREPOSITIONS, 0);

/// "The leaders of X, Y and Z met": phrases before a list that is the subject.
const OF_LISTS: &[&str] = &["leaders of", "ministers of", "heads of state of", "delegations of", "governments of", "presidents of", "representatives of"];

const PREPOSITIONS: &[&str] = &["of", "with", "to", "in", "at", "by", "from", "for", "between", "on", "about", "against", "among", "into", "than", "like", "over", "under", "invited", "greeted"];

/// The country an entity belongs to: itself for a country; a person's country through a
/// title naming a country (or a body of one) or the gazetteer; an organization's through its
/// parents; a place's own country.
pub fn country_of(registry: &Registry, gaz: &Gazetteer, titles: &[Title], entity: usize) -> Option<usize> {
    let e = &registry.list[entity];
    match e.kind {
        EntityType::Country => Some(entity),
        EntityType::Person => {
            for t in titles.iter().filter(|t| t.person == entity) {
                if let Some(org) = t.organization {
                    if let Some(c) = org_country(registry, gaz, org, 0) {
                        return Some(c);
                    }
                }
            }
            let row = e.gaz?;
            let country = gaz.country_of(row)?;
            registry.find_gaz(country)
        }
        _ => org_country(registry, gaz, entity, 0),
    }
}

fn org_country(registry: &Registry, gaz: &Gazetteer, entity: usize, depth: usize) -> Option<usize> {
    if depth > 4 {
        return None;
    }
    let e = &registry.list[entity];
    if e.kind == EntityType::Country {
        return Some(entity);
    }
    if let Some(c) = e.country {
        return Some(c);
    }
    if let Some(p) = e.part_of {
        if let Some(c) = org_country(registry, gaz, p, depth + 1) {
            return Some(c);
        }
    }
    let row = e.gaz?;
    if matches!(e.kind, EntityType::Government | EntityType::City) {
        let c = gaz.country_of(row)?;
        return registry.find_gaz(c);
    }
    None
}

/// A match's span or a group's, read as the loop over a sentence's matches reads them.
#[derive(Debug, Clone, Copy)]
struct Span((usize, usize));

impl Span {
    fn start(self) -> usize {
        self.0 .0
    }

    fn end(self) -> usize {
        self.0 .1
    }
}

/// A hand reader of a rule, an anchored matcher: the spans of the rule's match at the given
/// offset of a masked sentence (a character boundary), the one the pattern's leftmost-first
/// semantics give there (its alternatives and repetitions tried in its own order, `\b` read
/// from the byte before), or `None` when the pattern does not match there. The regex's lazy
/// DFA cost about a microsecond a sentence, mostly cache misses on its tables, and its
/// backtracker more to read the groups.
type Reader = fn(&str, usize) -> Option<Spans>;

/// A rule's hand matcher: its reader, the bytes a match may begin with, and whether a match
/// begins only at a word start (the pattern begins with `\b` and a letter). The scan calls the
/// reader only where both allow: most bytes of a sentence are neither.
#[derive(Debug, Clone, Copy)]
struct Matcher {
    read: Reader,
    first: Bytes,
    /// The bytes that may follow the first byte of a match of a rule whose match begins with
    /// one of a list of words (the second bytes of those words), else every byte: the one pass
    /// over a sentence ([`Candidates`]) tries a reader only where both bytes allow.
    second: Bytes,
    word: bool,
    /// Where a match may first begin at or after a position, for a rule whose matches may begin
    /// nearly anywhere: the scan goes there before it tries the reader.
    seek: Option<fn(&str, usize) -> usize>,
    /// The bytes of [`Matcher::first`] when there are three at most (repeated to three): the
    /// scan of a rule outside the one pass jumps to them with `memchr3`.
    few: Option<[u8; 3]>,
}

/// A set of bytes, a bit each.
#[derive(Debug, Clone, Copy)]
struct Bytes([u64; 4]);


impl Bytes {
    /// The set with `b` added.
    const fn with(mut self, b: u8) -> Self {
        self.0[(b >> 6) as usize] |= 1 << (b & 63);
        self
    }

    /// The bytes of `bytes`.
    const fn of(bytes: &[u8]) -> Self {
        let mut set = Self([0; 4]);
        let mut i = 0;
        while i < bytes.len() {
            set = set.with(bytes[i]);
            i += 1;
        }
        set
    }

    /// The byte at `place` in each of `words` (each long enough to have one there).
    const fn in_words(words: &[&str], place: Place) -> Self {
        let mut set = Self([0; 4]);
        let mut i = 0;
        while i < words.len() {
            set = set.with(place.of(words[i].as_bytes()));
            i += 1;
        }
        set
    }

    /// Every byte.
    const ALL: Self = Self([u64::MAX; 4]);

    fn has(self, b: u8) -> bool {
        self.0[(b >> 6) as usize] >> (b & 63) & 1 != 0
    }
}

/// The matches of a hand matcher in `text`, as the regex's `find_iter` finds them: the first
/// match at the earliest start, then the next from its end on. (A list of the sentence's word
/// starts, found once for all the rules, cost more to build than this loop.)
fn hand_matches(text: &str, matcher: Matcher) -> impl Iterator<Item = Spans> + '_ {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        if let Some(seek) = matcher.seek {
            at = seek(text, at);
        }
        while at < bytes.len() {
            if let Some([a, b, c]) = matcher.few {
                let Some(k) = memchr::memchr3(a, b, c, &bytes[at..]) else { break };
                at += k;
            }
            if matcher.first.has(bytes[at]) && (!matcher.word || word_start(text, at)) {
                if let Some(spans) = (matcher.read)(text, at) {
                    at = spans.whole.1;
                    return Some(spans);
                }
            }
            at += 1;
        }
        None
    })
}

/// The positions of a sentence where some rule's reader is to be tried, each with those
/// rules (a bit each): found in one pass over the sentence for all the rules at once, where
/// each rule used to walk the whole sentence on its own (with many rules' cues in a sentence,
/// those walks cost more than all the readers). A buffer reused from sentence to sentence.
#[derive(Default)]
struct Candidates(Vec<(usize, u64)>);

// (The pass is tested against each rule's own scan: `one_pass_finds_each_rules_matches_as_its_own_scan`.)

impl Candidates {
    /// Finds the candidates of `rules` (a bit each, of [`Starts::passed`]) in `text`, and
    /// returns the rules that have any.
    fn find(&mut self, text: &str, rules: u64, starts: &Starts) -> u64 {
        self.0.clear();
        let mut any = 0;
        let bytes = text.as_bytes();
        // (The byte after the text's last is taken for a zero, which no match has second.)
        let rules_at = |p: usize| starts.by_byte[usize::from(bytes[p])] & starts.by_second[usize::from(bytes.get(p + 1).copied().unwrap_or(0))] & rules;
        // (The rules the test finds at a word start are kept for the start, not looked up again.)
        let here = std::cell::Cell::new(0);
        for start in super::WordStarts::new(bytes, 0, |p| {
            here.set(rules_at(p));
            here.get() != 0
        }) {
            let bits = here.get();
            any |= bits;
            self.0.push((start, bits));
        }
        any
    }
}

/// The matches of the rules of `rules` (a bit each, by index in [`Compiled::rules`]) in `text`,
/// handed to `found` rule after rule in the rules' order, each rule's as [`hand_matches`] finds
/// them; `candidates` is a buffer.
fn rule_matches(text: &str, rules: u64, candidates: &mut Candidates, mut found: impl FnMut(usize, Spans)) {
    let compiled = &*COMPILED;
    let starts = &compiled.starts;
    let passed = rules & starts.passed;
    let with_candidates = if passed == 0 { 0 } else { candidates.find(text, passed, starts) };
    let mut left = rules & (with_candidates | !starts.passed);
    while left != 0 {
        let n = left.trailing_zeros() as usize;
        left &= left - 1;
        let matcher = compiled.rules[n].1;
        if starts.passed >> n & 1 == 0 {
            hand_matches(text, matcher).for_each(|spans| found(n, spans));
            continue;
        }
        let mut at = 0;
        for &(p, bits) in &candidates.0 {
            if bits >> n & 1 != 0 && p >= at {
                if let Some(spans) = (matcher.read)(text, p) {
                    at = spans.whole.1;
                    found(n, spans);
                }
            }
        }
    }
}

/// The hand matcher of the rule named `name` (every rule has one).
fn hand_matcher(name: &str) -> Matcher {
    // The first and second bytes of a list of words a match begins with, or of a set of bytes
    // and any byte after.
    let firsts = |words: &[&str]| (Bytes::in_words(words, Place::First), Bytes::in_words(words, Place::Second));
    let bytes = |set: Bytes| (set, Bytes::ALL);
    // Whether a match begins only at a word start, or may begin inside a word or with a
    // placeholder.
    const WORD_START: bool = true;
    const ANYWHERE: bool = false;
    let (read, (first, second), word): (Reader, (Bytes, Bytes), bool) = match name {
        "signing.signed" => (read_signed, firsts(&["sign", "inked", "put"]), WORD_START),
        "meeting.met" => (read_met, firsts(&["met"]), WORD_START),
        "meeting.held-talks" => (read_held_talks, firsts(HELD_VERBS), WORD_START),
        "visit.travel-to" => (read_travel_to, firsts(TRAVEL_VERBS), WORD_START),
        "visit.paid-a-visit" => (read_paid_a_visit, firsts(PAID_VERBS), WORD_START),
        "visit.visited" => (read_visited, firsts(VISITED_VERBS), WORD_START),
        "visit.arrived-in" => (read_arrived_in, firsts(ARRIVED_VERBS), WORD_START),
        "visit.possessive" => (read_possessive, bytes(Bytes::of(&OPEN_UTF8)), ANYWHERE),
        "signing.passive" => (read_passive, firsts(BE_WORDS), ANYWHERE),
        "invitation.invited-to-visit" => (read_invited_to_visit, firsts(&["invite"]), WORD_START),
        "invitation.at-the-invitation-of" => (read_at_the_invitation_of, firsts(&["At", "at"]), WORD_START),
        "event.press-conference" => (read_press_conference, firsts(PRESS_VERBS), WORD_START),
        "meeting.talks-in-place" => (read_talks_in_place, firsts(&["a round of ", "the ", "new "]), WORD_START),
        "meeting.took-place" => (read_took_place, bytes(Bytes::of(LETTERS_AND_HYPHEN)), ANYWHERE),
        "visit.was-in-on-a-visit" => (read_was_in_on_a_visit, firsts(&["was", "is", "were", "are", "been"]), WORD_START),
        "visit.that-x-paid" => (read_that_x_paid, bytes(Bytes::of(ADJ_BYTES)), ANYWHERE),
        "meeting.talks-x-held-with" => (read_talks_x_held_with, firsts(&["talks", "meeting"]), WORD_START),
        "meeting.talks-x-and-y-held" => (read_talks_x_and_y_held, firsts(&["talks", "meeting"]), WORD_START),
        "event.joint-activity" => (read_joint_activity, firsts(&["The ", "the ", "first ", "joint "]), WORD_START),
        "event.forum-organised-by" => (read_forum_organised_by, firsts(&["a ", "the "]), WORD_START),
        "meeting.hosted" => (read_hosted, firsts(&["the ", "\u{E000}"]), ANYWHERE),
        "event.for-a-forum" => (read_for_a_forum, firsts(&["for"]), WORD_START),
        "meeting.chair-a-meeting-of" => (read_chair_a_meeting_of, firsts(CHAIR_VERBS), WORD_START),
        "meeting.for-a-meeting-with" => (read_for_a_meeting_with, firsts(&["for", "during", "at"]), WORD_START),
        "meeting.talks-between" => (read_talks_between, firsts(&["talks", "negotiations", "meeting"]), WORD_START),
        "meeting.possessive-talks" => (read_possessive_talks, bytes(Bytes::of(&OPEN_UTF8)), ANYWHERE),
        "meeting.received-by" => (read_received_by, firsts(BEING_WORDS), ANYWHERE),
        "event.greeted" => (read_greeted, firsts(&["greeted", "welcomed"]), WORD_START),
        "event.decision" => (read_decision, firsts(&["the ", "\u{E000}"]), ANYWHERE),
        "invitation.at-x-s-invitation" => (read_at_x_s_invitation, firsts(&["At", "at"]), WORD_START),
        "invitation.accepted" => (read_accepted, firsts(&["accept"]), WORD_START),
        "invitation.not-invited" => (read_not_invited, firsts(&["the ", "\u{E000}"]), ANYWHERE),
        "visit.the-one-x-made" => (read_the_one_x_made, firsts(&["the one "]), WORD_START),
        "meeting.hold-the-next-meeting" => (read_hold_the_next_meeting, firsts(&["hold", "convene", "host"]), WORD_START),
        "meeting.of-the-delegations" => (read_of_the_delegations, firsts(&["meeting", "talks"]), WORD_START),
        "event.parade" => (read_parade, firsts(PARADE_VERBS), WORD_START),
        "event.ratified-by" => (read_ratified_by, firsts(&["ratified"]), WORD_START),
        "event.took-office" => (read_took_office, firsts(&["taking", "took", "take", "takes", "taken"]), WORD_START),
        _ => panic!("rule {name} has no hand matcher"),
    };
    let seek: Option<fn(&str, usize) -> usize> = match name {
        "visit.that-x-paid" => Some(seek_that_x_paid),
        "meeting.took-place" => Some(seek_took_place),
        _ => None,
    };
    let members: Vec<u8> = (0..=255u8).filter(|&b| first.has(b)).collect();
    let few = (!members.is_empty() && members.len() <= 3).then(|| [members[0], members[members.len() / 2], members[members.len() - 1]]);
    Matcher { read, first, second, word, seek, few }
}

/// `[A-Za-z-]`, the bytes of the words `meeting.took-place` may begin with.
const LETTERS_AND_HYPHEN: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-";

/// `[A-Za-z0-9-]`, the bytes of `{ADJ}`'s words, which `visit.that-x-paid` begins with.
const ADJ_BYTES: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-";

/// Whether an ASCII word boundary (`(?-u:\b)`) is at `at`, before a word character.
fn word_start(text: &str, at: usize) -> bool {
    at == 0 || !super::is_ascii_word_byte(text.as_bytes()[at - 1])
}

/// Whether an ASCII word boundary (`(?-u:\b)`) is at `at`, after a word character.
fn word_end(text: &str, at: usize) -> bool {
    !text.as_bytes().get(at).copied().is_some_and(super::is_ascii_word_byte)
}

/// The length of a placeholder's opening (and closing) mark in UTF-8.
const OPEN_LEN: usize = super::coref::OPEN.len_utf8();

/// Whether `rest` begins with `word` (`rest.starts_with(word)`), compared byte by byte: the
/// words of the readers' lists are short and most differ from the text at their first byte,
/// where `starts_with` calls `memcmp`.
#[inline]
pub(super) fn begins(rest: &str, word: &str) -> bool {
    let (rest, word) = (rest.as_bytes(), word.as_bytes());
    rest.len() >= word.len() && word.iter().zip(rest).all(|(a, b)| a == b)
}

/// The end of one of `words` (tried in order) at `at`, followed by what `then` accepts.
fn one_of(text: &str, at: usize, words: &[&str]) -> Option<usize> {
    let rest = text.get(at..)?;
    words.iter().find(|w| begins(rest, w)).map(|w| at + w.len())
}

/// `{PER}` in a list (`{PERS}`): an optional "his ", "her ", "their " or "the ", then a person
/// or group placeholder. Its end.
fn person_item(text: &str, at: usize) -> Option<usize> {
    one_of(text, at, &["his ", "her ", "their ", "the "]).and_then(|d| placeholder_end(text, d, b"PG")).or_else(|| placeholder_end(text, at, b"PG"))
}

/// `{PERS}` (with [`person_item`]) or `{PARTIES}` (with [`party_item`]): items joined by
/// `,\s*`, `\s+and\s+` or `,\s*and\s+` (tried in that order), as many as follow. Its end.
fn list(text: &str, at: usize, item: fn(&str, usize) -> Option<usize>) -> Option<usize> {
    let mut end = item(text, at)?;
    while let Some(e) = next_item(text, end, item) {
        end = e;
    }
    Some(end)
}

/// The end of a separator and an item after a list item ending at `end`.
fn next_item(text: &str, end: usize, item: fn(&str, usize) -> Option<usize>) -> Option<usize> {
    // `and\s+` (and its end), from `p`.
    let and = |p: usize| {
        let q = text[p..].starts_with("and").then(|| space_end(text, p + 3))?;
        (q > p + 3).then_some(q)
    };
    let comma = text[end..].starts_with(',').then(|| space_end(text, end + 1));
    if let Some(e) = comma.and_then(|p| item(text, p)) {
        return Some(e);
    }
    let p = space_end(text, end);
    if let Some(e) = (p > end).then(|| and(p)).flatten().and_then(|q| item(text, q)) {
        return Some(e);
    }
    comma.and_then(and).and_then(|q| item(text, q))
}

/// `{AGENT}`: an optional "the ", then a person, country, organization, outlet or group
/// placeholder. Its end.
fn agent(text: &str, at: usize) -> Option<usize> {
    one_of(text, at, &["the "]).and_then(|d| placeholder_end(text, d, b"PCONG")).or_else(|| placeholder_end(text, at, b"PCONG"))
}

/// A party to talks in `{PARTIES}`: an optional "his ", "her ", "their " or "the ", then a
/// person, "X officials" (X a nationality) or "representatives of X" (see
/// [`super::rules::expand`]). Its end.
fn party_item(text: &str, at: usize) -> Option<usize> {
    one_of(text, at, &["his ", "her ", "their ", "the "]).and_then(|d| party(text, d)).or_else(|| party(text, at))
}

fn party(text: &str, at: usize) -> Option<usize> {
    const PEOPLE: &[&str] = &[" officials", " diplomats", " negotiators", " representatives", " leaders", " counterparts", " delegation", " officers"];
    const OF: &[&str] = &["representatives of ", "officials of ", "members of ", "delegations of ", "delegation of "];
    placeholder_end(text, at, b"PG")
        .or_else(|| placeholder_end(text, at, b"J").and_then(|e| one_of(text, e, PEOPLE)))
        .or_else(|| one_of(text, at, OF).and_then(|p| agent(text, p)))
}

/// `{LOC}`: an optional "the ", then a place or country placeholder. Its end.
fn location(text: &str, at: usize) -> Option<usize> {
    one_of(text, at, &["the "]).and_then(|d| placeholder_end(text, d, b"LC")).or_else(|| placeholder_end(text, at, b"LC"))
}

/// One of `prepositions` (` in `, ` to ` …) then `{LOC}` at `at`: the location's span.
fn in_location(text: &str, at: usize, prepositions: &[&str]) -> Option<(usize, usize)> {
    let p = one_of(text, at, prepositions)?;
    location(text, p).map(|e| (p, e))
}

/// The hand reader of `signing.signed`:
/// `(?P<t>\b(?:signed|sign|signs|signing|inked|put (?:their|his|her) (?:signatures|names|signature|name) to))\b`
/// `(?:[^.;"]*? with (?P<with>{PERS}))?(?: (?:in|at) (?P<loc>{LOC}))?`.
fn read_signed(text: &str, start: usize) -> Option<Spans> {
    const WORDS: &[&str] = &["signed", "sign", "signs", "signing", "inked"];
    if !word_start(text, start) {
        return None;
    }
    let rest = &text[start..];
    let t_end = match WORDS.iter().find(|w| word_end(text, start + w.len()) && begins(rest, w)) {
        Some(w) => start + w.len(),
        None => {
            let p = one_of(text, start, &["put "])?;
            let p = one_of(text, p, &["their ", "his ", "her "])?;
            let p = one_of(text, p, &["signatures to", "names to", "signature to", "name to"])?;
            word_end(text, p).then_some(p)?
        }
    };
    // The shortest run of anything but `.`, `;` and `"` before " with " and a person.
    let with = after_run(text, t_end, b" with ", 1, false, |p| {
        let q = one_of(text, p, &[" with "])?;
        list(text, q, person_item).map(|e| (q, e))
    });
    let after = with.map_or(t_end, |w| w.1);
    let loc = in_location(text, after, &[" in ", " at "]);
    Some(Spans { whole: (start, loc.map_or(after, |l| l.1)), t: (start, t_end), with, loc, ..Spans::default() })
}

/// The hand reader of `meeting.met`:
/// `(?P<t>\b(?:met|meet|meets))\b(?: with)?(?: (?P<with>{PARTIES}))?(?: in (?P<loc>{LOC}))?`.
fn read_met(text: &str, start: usize) -> Option<Spans> {
    if !word_start(text, start) {
        return None;
    }
    let t_end = start + ["met", "meet", "meets"].iter().find(|w| word_end(text, start + w.len()) && begins(&text[start..], w))?.len();
    let p = one_of(text, t_end, &[" with"]).unwrap_or(t_end);
    let with = one_of(text, p, &[" "]).and_then(|q| list(text, q, party_item).map(|e| (q, e)));
    let after = with.map_or(p, |w| w.1);
    let loc = in_location(text, after, &[" in "]);
    Some(Spans { whole: (start, loc.map_or(after, |l| l.1)), t: (start, t_end), with, loc, ..Spans::default() })
}

/// The triggers of `meeting.held-talks`.
const HELD_VERBS: &[&str] = &["held", "hold", "holds", "holding", "had", "have", "has", "having", "conducted", "conduct"];

/// The hand reader of `meeting.held-talks`:
/// `(?P<t>\b(?:held|hold|holds|holding|had|have|has|having|conducted|conduct)) (?:[A-Za-z-]+ ){0,2}?`
/// `(?:talks|meeting|meetings|negotiations|consultations|lunch|dinner)\b`
/// `(?: with (?:his |her |their )?(?P<with>{PARTIES}))?`.
fn read_held_talks(text: &str, start: usize) -> Option<Spans> {
    const NOUNS: &[&str] = &["talks", "meeting", "meetings", "negotiations", "consultations", "lunch", "dinner"];
    let t_end = word_then_space(text, start, HELD_VERBS).filter(|_| word_start(text, start))?;
    // Up to two words before the noun, as few as will do.
    let noun_end = few_words(text, t_end + 1, 2, letter_or_hyphen, |p| NOUNS.iter().find(|w| word_end(text, p + w.len()) && begins(&text[p..], w)).map(|w| p + w.len()))?;
    let with = one_of(text, noun_end, &[" with "]).and_then(|q| {
        let det = one_of(text, q, &["his ", "her ", "their "]);
        det.and_then(|d| list(text, d, party_item).map(|e| (d, e))).or_else(|| list(text, q, party_item).map(|e| (q, e)))
    });
    Some(Spans { whole: (start, with.map_or(noun_end, |w| w.1)), t: (start, t_end), with, ..Spans::default() })
}

/// The end of the one of `words` at `at` that a space follows (no two of them are, as none is
/// another with more letters before a space).
fn word_then_space(text: &str, at: usize, words: &[&str]) -> Option<usize> {
    // (The space, one byte, is looked at first: it rules out most words.)
    let rest = &text[at..];
    words.iter().find(|w| rest.as_bytes().get(w.len()) == Some(&b' ') && begins(rest, w)).map(|w| at + w.len())
}

/// The triggers of `visit.travel-to`.
const TRAVEL_VERBS: &[&str] = &[
    "travels", "travelled", "traveled", "travelling", "traveling", "travel", "fly", "flew", "flies", "flying", "go", "goes", "went", "come", "comes",
    "came", "stop", "stops", "stopped", "heads", "headed", "heading", "head",
];

/// The hand reader of `visit.travel-to`:
/// `(?P<t>\b(?:travel(?:s|led|ed|ling|ing)?|fly|flew|...|head(?:s|ed|ing)?)) (?:on |also )?(?:to|in) (?P<dest>{LOC})`.
fn read_travel_to(text: &str, start: usize) -> Option<Spans> {
    let t_end = word_then_space(text, start, TRAVEL_VERBS).filter(|_| word_start(text, start))?;
    let p = t_end + 1;
    let p = one_of(text, p, &["on ", "also "]).unwrap_or(p);
    let p = one_of(text, p, &["to ", "in "])?;
    let end = location(text, p)?;
    Some(Spans { whole: (start, end), t: (start, t_end), dest: Some((p, end)), ..Spans::default() })
}

/// The triggers of `visit.paid-a-visit`.
const PAID_VERBS: &[&str] = &[
    "paid", "pays", "pay", "paying", "made", "makes", "make", "making", "began", "begins", "begin", "begun", "conducted", "conducts", "conduct",
    "undertook", "undertakes", "undertake", "started", "starts", "start", "is on", "was on", "were on", "be on", "been on", "on",
];

/// The hand reader of `visit.paid-a-visit`:
/// `(?P<t>\b(?:paid|pays|...|on)) (?:an? |the |his |her |their )?(?P<adj>{ADJ})(?:visit|trip|tour)s? (?:to|in) (?P<dest>{LOC})`,
/// `{ADJ}` being as few as will do of up to three words and a space each.
fn read_paid_a_visit(text: &str, start: usize) -> Option<Spans> {
    let t_end = word_then_space(text, start, PAID_VERBS).filter(|_| word_start(text, start))?;
    let p = t_end + 1;
    let det = one_of(text, p, &["an ", "a ", "the ", "his ", "her ", "their "]);
    maybe(det, p).find_map(|adj_start| {
        few_words(text, adj_start, 3, adj_byte, |q| {
            let noun = one_of(text, q, &["visit", "trip", "tour"]).map(|e| one_of(text, e, &["s"]).unwrap_or(e))?;
            let dest = in_location(text, noun, &[" to ", " in "])?;
            Some(Spans { whole: (start, dest.1), t: (start, t_end), adj: Some((adj_start, q)), dest: Some(dest), ..Spans::default() })
        })
    })
}

/// The triggers of `visit.visited`.
const VISITED_VERBS: &[&str] = &["visited", "visits", "visit", "visiting", "toured", "tours", "tour", "touring"];

/// The hand reader of `visit.visited`:
/// `(?P<t>\b(?:visited|visits|visit|visiting|toured|tours|tour|touring)) (?:the )?(?P<dest>{LOC})`.
fn read_visited(text: &str, start: usize) -> Option<Spans> {
    let t_end = word_then_space(text, start, VISITED_VERBS).filter(|_| word_start(text, start))?;
    let p = t_end + 1;
    let dest = one_of(text, p, &["the "]).and_then(|q| location(text, q).map(|e| (q, e))).or_else(|| location(text, p).map(|e| (p, e)))?;
    Some(Spans { whole: (start, dest.1), t: (start, t_end), dest: Some(dest), ..Spans::default() })
}

/// The first reading `rest` gives at or after `from`, before the first of the bytes `.`, `;`,
/// `"` (and, with `slots`, before a placeholder's opening mark): a lazy run (`[^.;"]*?` or
/// `[^.;"\x{E000}]*?`) and what follows it, which starts with `lead` (an ASCII word with no byte
/// of these). `rest` is tried only where `lead` is, found by `memchr` on its byte at `key` (one
/// rarer than a space) after the run's end is found by `memchr3`: the bytes between are not
/// read one by one.
fn after_run<T>(text: &str, from: usize, lead: &[u8], key: usize, slots: bool, mut rest: impl FnMut(usize) -> Option<T>) -> Option<T> {
    let bytes = text.as_bytes();
    let tail = &bytes[from..];
    let mut end = memchr::memchr3(b'.', b';', b'"', tail).map_or(bytes.len(), |i| from + i);
    if slots {
        // (The mark's first byte begins no other character the masked text holds often.)
        if let Some(i) = memchr::memchr_iter(OPEN_UTF8[0], &bytes[from..end]).find(|&i| tail[i..].starts_with(&OPEN_UTF8)) {
            end = from + i;
        }
    }
    // (A lead holds no byte of the stops, so one that begins before `end` ends before it.)
    let lo = (from + key).min(bytes.len());
    let hi = (end + key).min(bytes.len()).max(lo);
    memchr::memchr_iter(lead[key], &bytes[lo..hi]).map(|i| lo + i - key).filter(|&p| bytes[p..].starts_with(lead)).find_map(&mut rest)
}

/// [`after_run`] as it was, reading every byte (the oracle of its test): `stop` tells the
/// bytes that end the run.
#[cfg(test)]
fn after_run_by_bytes<T>(text: &str, from: usize, lead: u8, stop: fn(&[u8]) -> bool, mut rest: impl FnMut(usize) -> Option<T>) -> Option<T> {
    let bytes = text.as_bytes();
    for p in from..bytes.len() {
        if bytes[p] == lead {
            if let Some(found) = rest(p) {
                return Some(found);
            }
        }
        if stop(&bytes[p..]) {
            return None;
        }
    }
    None
}

/// `.`, `;` or `"`: where a run of `[^.;"]` stops.
#[cfg(test)]
fn clause_mark(rest: &[u8]) -> bool {
    matches!(rest[0], b'.' | b';' | b'"')
}

/// A placeholder's opening mark in UTF-8.
const OPEN_UTF8: [u8; OPEN_LEN] = {
    let mut bytes = [0; OPEN_LEN];
    super::coref::OPEN.encode_utf8(&mut bytes);
    bytes
};

/// `.`, `;`, `"` or a placeholder: where a run of `[^.;"\x{E000}]` stops.
#[cfg(test)]
fn clause_mark_or_slot(rest: &[u8]) -> bool {
    clause_mark(rest) || rest.starts_with(&OPEN_UTF8)
}

/// What `then` reads after as few words as will do (`(?:[A-Za-z-]+ ){0,most}?`, a word being
/// bytes `word_byte` accepts, each followed by a space) from `at`.
fn few_words<T>(text: &str, at: usize, most: usize, word_byte: fn(u8) -> bool, mut then: impl FnMut(usize) -> Option<T>) -> Option<T> {
    let mut q = at;
    for words in 0..=most {
        if let Some(found) = then(q) {
            return Some(found);
        }
        if words == most {
            break;
        }
        let word = text.as_bytes()[q..].iter().take_while(|&&b| word_byte(b)).count();
        if word == 0 || text.as_bytes().get(q + word) != Some(&b' ') {
            break;
        }
        q += word + 1;
    }
    None
}

/// A letter or `-` (`[A-Za-z-]`).
fn letter_or_hyphen(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'-'
}

/// A letter, a digit or `-` (`[A-Za-z0-9-]`, `{ADJ}`'s words).
fn adj_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-'
}

/// An optional part read greedily: its end when `part` reads, then `at` (without it), in the
/// order a regex tries them.
fn maybe(part: Option<usize>, at: usize) -> impl Iterator<Item = usize> {
    part.into_iter().chain([at])
}

/// The triggers of `visit.arrived-in`.
const ARRIVED_VERBS: &[&str] = &["arrived", "arrives", "arrive", "arriving", "landed", "lands"];

/// The hand reader of `visit.arrived-in`:
/// `(?P<t>\b(?:arrived|arrives|arrive|arriving|landed|lands)) in (?P<dest>{LOC})`
/// `(?:[^.;"\x{E000}]*?\bfor an? (?P<adj>{ADJ})(?:visit|trip|stay)(?: to (?P<dest2>{LOC}))?)?`.
fn read_arrived_in(text: &str, start: usize) -> Option<Spans> {
    let t_end = word_then_space(text, start, ARRIVED_VERBS).filter(|_| word_start(text, start))?;
    let p = one_of(text, t_end, &[" in "])?;
    let dest = (p, location(text, p)?);
    // (Every `q` is past the destination, so a byte is before it.)
    let stay = after_run(text, dest.1, b"for a", 0, true, |q| {
        let r = one_of(text, q, &["for an ", "for a "]).filter(|_| !super::is_ascii_word_byte(text.as_bytes()[q - 1]))?;
        few_words(text, r, 3, adj_byte, |a| {
            let noun = one_of(text, a, &["visit", "trip", "stay"])?;
            Some(((r, a), noun, in_location(text, noun, &[" to "])))
        })
    });
    let end = stay.map_or(dest.1, |(_, noun, dest2)| dest2.map_or(noun, |d| d.1));
    Some(Spans { whole: (start, end), t: (start, t_end), dest: Some(dest), adj: stay.map(|s| s.0), dest2: stay.and_then(|s| s.2), ..Spans::default() })
}

/// The verbs before `signing.passive`'s trigger (which may end a longer word: "this signed").
const BE_WORDS: &[&str] = &["was", "were", "been", "be", "is", "are"];

/// The hand reader of `signing.passive`:
/// `(?:was|were|been|be|is|are) (?P<t>signed)(?:[^.;"]*? by (?P<by>{PERS}))?`.
fn read_passive(text: &str, start: usize) -> Option<Spans> {
    let t_start = word_then_space(text, start, BE_WORDS)? + 1;
    let t_end = one_of(text, t_start, &["signed"])?;
    let by = after_run(text, t_end, b" by ", 1, false, |p| {
        let q = one_of(text, p, &[" by "])?;
        list(text, q, person_item).map(|e| (q, e))
    });
    Some(Spans { whole: (start, by.map_or(t_end, |b| b.1)), t: (t_start, t_end), by, ..Spans::default() })
}

/// The hand reader of `invitation.invited-to-visit`:
/// `(?P<t>\b(?:invited|invites|invite|inviting)) (?P<invitee>{PER}) to`
/// `(?:(?:visit|come to|travel to|pay a visit to) )?(?P<dest>{LOC})`.
fn read_invited_to_visit(text: &str, start: usize) -> Option<Spans> {
    let t_end = word_then_space(text, start, &["invited", "invites", "invite", "inviting"]).filter(|_| word_start(text, start))?;
    let invitee = (t_end + 1, placeholder_end(text, t_end + 1, b"PG")?);
    let p = one_of(text, invitee.1, &[" to "])?;
    let dest = maybe(one_of(text, p, &["visit ", "come to ", "travel to ", "pay a visit to "]), p).find_map(|q| location(text, q).map(|e| (q, e)))?;
    Some(Spans { whole: (start, dest.1), t: (start, t_end), invitee: Some(invitee), dest: Some(dest), ..Spans::default() })
}

/// The hand reader of `invitation.at-the-invitation-of`:
/// `(?P<t>\b[Aa]t the invitation of) (?:the )?(?:(?:His|Her) (?:Excellency|Majesty|Highness) )?`
/// `(?:(?:Mr|Ms|Mrs|Dr)\.? )?(?P<inviter>{AGENT})`.
fn read_at_the_invitation_of(text: &str, start: usize) -> Option<Spans> {
    let t_end = one_of(text, start, &["At the invitation of", "at the invitation of"]).filter(|_| word_start(text, start))?;
    let p = one_of(text, t_end, &[" "])?;
    let honorific = |at: usize| one_of(text, at, &["His ", "Her "]).and_then(|q| one_of(text, q, &["Excellency ", "Majesty ", "Highness "]));
    // The title and an optional full stop, then a space (one of them at most reads).
    let title = |at: usize| ["Mr", "Ms", "Mrs", "Dr"].iter().find_map(|w| one_of(text, at, &[*w]).and_then(|q| one_of(text, q, &[". ", " "])));
    for a in maybe(one_of(text, p, &["the "]), p) {
        for b in maybe(honorific(a), a) {
            for c in maybe(title(b), b) {
                if let Some(e) = agent(text, c) {
                    return Some(Spans { whole: (start, e), t: (start, t_end), inviter: Some((c, e)), ..Spans::default() });
                }
            }
        }
    }
    None
}

/// The words `event.press-conference` begins with.
const PRESS_VERBS: &[&str] = &["at", "opened", "held", "gave", "during", "told"];

/// The hand reader of `event.press-conference`:
/// `(?P<t>\b(?:at|opened|held|gave|during|told) (?:the |a |an |(?:\x{E000}[A-Z][0-9]+\x{E001}'s )?)?`
/// `(?:[A-Za-z']+ ){0,2}?press conference)(?: in (?P<loc>{LOC}))?`.
fn read_press_conference(text: &str, start: usize) -> Option<Spans> {
    const CLASSES: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let p = word_then_space(text, start, PRESS_VERBS).filter(|_| word_start(text, start))? + 1;
    let possessive = placeholder_end(text, p, CLASSES).and_then(|e| one_of(text, e, &["'s "]));
    // The determiner's alternatives in order, the last one optional; then none.
    let determiners = [one_of(text, p, &["the "]), one_of(text, p, &["a "]), one_of(text, p, &["an "]), possessive, Some(p)];
    let t_end = determiners.into_iter().flatten().find_map(|d| few_words(text, d, 2, |b| b.is_ascii_alphabetic() || b == b'\'', |q| one_of(text, q, &["press conference"])))?;
    let loc = in_location(text, t_end, &[" in "]);
    Some(Spans { whole: (start, loc.map_or(t_end, |l| l.1)), t: (start, t_end), loc, ..Spans::default() })
}

/// The hand reader of `meeting.talks-in-place`:
/// `\b(?:a round of |the |new )(?P<t>negotiations|talks) in (?P<loc>{LOC})`.
fn read_talks_in_place(text: &str, start: usize) -> Option<Spans> {
    let t_start = one_of(text, start, &["a round of ", "the ", "new "]).filter(|_| word_start(text, start))?;
    let t_end = one_of(text, t_start, &["negotiations", "talks"])?;
    let loc = in_location(text, t_end, &[" in "])?;
    Some(Spans { whole: (start, loc.1), t: (t_start, t_end), loc: Some(loc), ..Spans::default() })
}

/// The hand reader of `visit.possessive`:
/// `(?P<agent>{PER})'s (?P<adj>{ADJ})(?P<t>visit|trip|tour) to (?P<dest>{LOC})`.
fn read_possessive(text: &str, start: usize) -> Option<Spans> {
    let agent = (start, placeholder_end(text, start, b"PG")?);
    let p = one_of(text, agent.1, &["'s "])?;
    few_words(text, p, 3, adj_byte, |q| {
        let t_end = one_of(text, q, &["visit", "trip", "tour"])?;
        let dest = in_location(text, t_end, &[" to "])?;
        Some(Spans { whole: (start, dest.1), t: (q, t_end), agent: Some(agent), adj: Some((p, q)), dest: Some(dest), ..Spans::default() })
    })
}

/// The hand reader of `meeting.took-place`:
/// `(?:[A-Za-z-]+ ){0,2}?(?:meeting|meetings|talks) (?:had |has |have )?(?P<t>taken place|took place|take place)`.
fn read_took_place(text: &str, start: usize) -> Option<Spans> {
    few_words(text, start, 2, letter_or_hyphen, |q| {
        let (t_start, t_end) = took_place_at(text, q)?;
        Some(Spans { whole: (start, t_end), t: (t_start, t_end), ..Spans::default() })
    })
}

/// `(?:meeting|meetings|talks) (?:had |has |have )?(?P<t>taken place|took place|take place)` at
/// `at`: the trigger's span.
fn took_place_at(text: &str, at: usize) -> Option<(usize, usize)> {
    let p = word_then_space(text, at, &["meeting", "meetings", "talks"])? + 1;
    maybe(one_of(text, p, &["had ", "has ", "have "]), p).find_map(|a| one_of(text, a, &["taken place", "took place", "take place"]).map(|e| (a, e)))
}

/// Where a match of `meeting.took-place` may first begin at or after `at`: up to two words
/// before the first "talks took place" there is (none begins before them, as the bytes before
/// them are not two words; none reads past it to a later one, as two words do not reach past
/// its noun and the space after it). Its reader was tried at every letter of a sentence that
/// names a taking place, as [`seek_that_x_paid`] tells for its rule.
fn seek_took_place(text: &str, at: usize) -> usize {
    seek_words_before(text, at, b"mt", |q| took_place_at(text, q).is_some(), 2, letter_or_hyphen)
}

/// The first place at or after `at` where a rule whose reader starts up to `words` words (runs
/// of bytes `word_byte` accepts, one space apart) before its noun may begin: those words before
/// the first place, whose byte is in `first`, where `noun_at` holds; the end of `text` when
/// there is none. What the two seekers above and below share.
fn seek_words_before(text: &str, at: usize, first: &[u8], noun_at: impl Fn(usize) -> bool, words: usize, word_byte: fn(u8) -> bool) -> usize {
    let bytes = text.as_bytes();
    let Some(noun) = (at..bytes.len()).find(|&q| first.contains(&bytes[q]) && noun_at(q)) else { return bytes.len() };
    let mut from = noun;
    for _ in 0..words {
        let run = bytes[..from.saturating_sub(1)].iter().rev().take_while(|&&b| word_byte(b)).count();
        if from == 0 || bytes[from - 1] != b' ' || run == 0 {
            break;
        }
        from -= 1 + run;
    }
    from.max(at)
}

/// The hand reader of `visit.was-in-on-a-visit`:
/// `(?P<t>\b(?:was|is|were|are|been)) in (?P<dest>{LOC}) (?:on|for) an? (?P<adj>{ADJ})(?:visit|trip|stay)`.
fn read_was_in_on_a_visit(text: &str, start: usize) -> Option<Spans> {
    let t_end = word_then_space(text, start, &["was", "is", "were", "are", "been"]).filter(|_| word_start(text, start))?;
    let dest = in_location(text, t_end, &[" in "])?;
    let p = one_of(text, dest.1, &[" on ", " for "])?;
    // ("an " failing, "a " cannot read: an `n` follows.)
    let adj_start = one_of(text, p, &["an ", "a "])?;
    few_words(text, adj_start, 3, adj_byte, |q| {
        let end = one_of(text, q, &["visit", "trip", "stay"])?;
        Some(Spans { whole: (start, end), t: (start, t_end), dest: Some(dest), adj: Some((adj_start, q)), ..Spans::default() })
    })
}

/// The hand reader of `visit.that-x-paid`:
/// `(?P<adj>{ADJ})(?:visit|trip) (?:that|which) (?P<agent>{PER}) (?P<t>paid|made)(?: to (?P<dest>{LOC}))?`
/// (which may begin inside a word: `{ADJ}` may be empty).
fn read_that_x_paid(text: &str, start: usize) -> Option<Spans> {
    few_words(text, start, 3, adj_byte, |q| {
        let (agent, t) = that_x_paid(text, q)?;
        let dest = in_location(text, t.1, &[" to "]);
        Some(Spans { whole: (start, dest.map_or(t.1, |d| d.1)), t, agent: Some(agent), adj: Some((start, q)), dest, ..Spans::default() })
    })
}

/// `(?:visit|trip) (?:that|which) (?P<agent>{PER}) (?P<t>paid|made)` at `at`: the agent's and
/// the trigger's spans.
fn that_x_paid(text: &str, at: usize) -> Option<((usize, usize), (usize, usize))> {
    let p = one_of(text, at, &["visit", "trip"])?;
    let a = one_of(text, p, &[" that ", " which "])?;
    let agent = (a, placeholder_end(text, a, b"PG")?);
    Some((agent, (agent.1 + 1, one_of(text, agent.1, &[" paid", " made"])?)))
}

/// Where a match of `visit.that-x-paid` may first begin at or after `at`: up to three `{ADJ}`
/// words before the first "visit that X paid" there is (none begins before them, as the
/// bytes before them are not three words; none reads past it, as a placeholder follows it).
/// Trying the reader at every letter cost more than the regex.
fn seek_that_x_paid(text: &str, at: usize) -> usize {
    seek_words_before(text, at, b"vt", |q| that_x_paid(text, q).is_some(), 3, adj_byte)
}

/// `talks ` or `meeting ` at a word start: the trigger of the `meeting.talks-x-…` rules.
fn talks_or_meeting(text: &str, start: usize) -> Option<(usize, usize)> {
    word_then_space(text, start, &["talks", "meeting"]).filter(|_| word_start(text, start)).map(|e| (start, e))
}

/// The hand reader of `meeting.talks-x-held-with`:
/// `\b(?P<t>talks|meeting) (?P<agent>{PER}) (?:held|had) with (?P<with>{PERS})`.
fn read_talks_x_held_with(text: &str, start: usize) -> Option<Spans> {
    let t = talks_or_meeting(text, start)?;
    let agent = (t.1 + 1, placeholder_end(text, t.1 + 1, b"PG")?);
    let p = one_of(text, agent.1, &[" held with ", " had with "])?;
    let with = (p, list(text, p, person_item)?);
    Some(Spans { whole: (start, with.1), t, agent: Some(agent), with: Some(with), ..Spans::default() })
}

/// The hand reader of `meeting.talks-x-and-y-held`:
/// `\b(?P<t>talks|meeting) (?P<agent>{PER} and {PER}) (?:held|had)\b`.
fn read_talks_x_and_y_held(text: &str, start: usize) -> Option<Spans> {
    let t = talks_or_meeting(text, start)?;
    let first = placeholder_end(text, t.1 + 1, b"PG")?;
    let agent = (t.1 + 1, placeholder_end(text, one_of(text, first, &[" and "])?, b"PG")?);
    let end = one_of(text, agent.1, &[" held", " had"]).filter(|&e| word_end(text, e))?;
    Some(Spans { whole: (start, end), t, agent: Some(agent), ..Spans::default() })
}

/// The hand reader of `event.joint-activity`:
/// `\b(?:[Tt]he )?(?:first )?joint (?P<t>survey|surveys|exercise|exercises|patrol|patrols|study|drills?)`
/// ` (?:is|are|was|were) (?:planned|scheduled|expected|due|set)`.
fn read_joint_activity(text: &str, start: usize) -> Option<Spans> {
    const ACTIVITIES: &[&str] = &["survey", "surveys", "exercise", "exercises", "patrol", "patrols", "study", "drills", "drill"];
    if !word_start(text, start) {
        return None;
    }
    let the = one_of(text, start, &["The ", "the "]);
    maybe(the, start).flat_map(|a| maybe(one_of(text, a, &["first "]), a)).find_map(|b| {
        let t_start = one_of(text, b, &["joint "])?;
        let t = (t_start, word_then_space(text, t_start, ACTIVITIES)?);
        let p = word_then_space(text, t.1 + 1, &["is", "are", "was", "were"])? + 1;
        let end = one_of(text, p, &["planned", "scheduled", "expected", "due", "set"])?;
        Some(Spans { whole: (start, end), t, ..Spans::default() })
    })
}

/// The hand reader of `event.forum-organised-by`:
/// `(?P<t>\b(?:a|the) (?:[A-Za-z-]+ ){0,2}?forum) organi[sz]ed by (?P<with>{AGENT})`.
fn read_forum_organised_by(text: &str, start: usize) -> Option<Spans> {
    let p = word_then_space(text, start, &["a", "the"]).filter(|_| word_start(text, start))? + 1;
    few_words(text, p, 2, letter_or_hyphen, |q| {
        let t_end = one_of(text, q, &["forum"])?;
        let w = one_of(text, t_end, &[" organised by ", " organized by "])?;
        let with = (w, agent(text, w)?);
        Some(Spans { whole: (start, with.1), t: (start, t_end), with: Some(with), ..Spans::default() })
    })
}

/// `{CTRY}`: an optional "the ", then a country or group placeholder. Its end.
fn country(text: &str, at: usize) -> Option<usize> {
    one_of(text, at, &["the "]).and_then(|d| placeholder_end(text, d, b"CG")).or_else(|| placeholder_end(text, at, b"CG"))
}

/// The hand reader of `meeting.hosted`:
/// `(?P<agent>{CTRY}) (?:(?:is|was|will|would|to|also) )*(?P<t>host(?:ed|s|ing)?) (?:the |a )?`
/// `(?:[A-Za-z-]+ ){0,2}?(?:meeting|summit|talks|conference|gathering)`
/// `(?:[^.]*?\b(?:ministers|delegations|leaders|representatives) from (?P<with>{CTRY}(?:(?:, | and |, and ){CTRY})*)`
/// ` (?:took part|attended|participated))?` (which may begin inside a word: "bathe the …").
fn read_hosted(text: &str, start: usize) -> Option<Spans> {
    let agent = (start, country(text, start)?);
    let mut p = one_of(text, agent.1, &[" "])?;
    // As many of the words as follow: none of them begins "host".
    while let Some(e) = word_then_space(text, p, &["is", "was", "will", "would", "to", "also"]) {
        p = e + 1;
    }
    let t = (p, word_then_space(text, p, &["hosted", "hosts", "hosting", "host"])?);
    let after = t.1 + 1;
    let noun_end = maybe(one_of(text, after, &["the ", "a "]), after)
        .find_map(|d| few_words(text, d, 2, letter_or_hyphen, |q| one_of(text, q, &["meeting", "summit", "talks", "conference", "gathering"])))?;
    // The shortest run of anything but `.` before a word start and who took part.
    let bytes = text.as_bytes();
    let mut with = None;
    for (q, &b) in bytes.iter().enumerate().skip(noun_end) {
        if matches!(b, b'm' | b'd' | b'l' | b'r') && word_start(text, q) {
            with = one_of(text, q, &["ministers from ", "delegations from ", "leaders from ", "representatives from "])
                .and_then(|f| countries_then(text, country(text, f)?, &|e| one_of(text, e, &[" took part", " attended", " participated"]).map(|end| ((f, e), end))));
            if with.is_some() {
                break;
            }
        }
        if b == b'.' {
            break;
        }
    }
    Some(Spans { whole: (start, with.map_or(noun_end, |(_, end)| end)), t, agent: Some(agent), with: with.map(|(w, _)| w), ..Spans::default() })
}

/// What `then` reads after a list of `{CTRY}` whose first item ends at `end`, joined by `, `,
/// ` and ` or `, and `: as many items as will do, the most first (a greedy repetition; at most
/// one joiner reads before an item).
fn countries_then<T>(text: &str, end: usize, then: &impl Fn(usize) -> Option<T>) -> Option<T> {
    let next = [", ", " and ", ", and "].iter().find_map(|joiner| one_of(text, end, &[joiner]).and_then(|p| country(text, p)));
    next.and_then(|e| countries_then(text, e, then)).or_else(|| then(end))
}

/// The hand reader of `invitation.at-x-s-invitation`: `(?P<t>\b[Aa]t) (?P<inviter>{AGENT})'s invitation`.
fn read_at_x_s_invitation(text: &str, start: usize) -> Option<Spans> {
    let p = one_of(text, start, &["At ", "at "]).filter(|_| word_start(text, start))?;
    let inviter = (p, agent(text, p)?);
    let end = one_of(text, inviter.1, &["'s invitation"])?;
    Some(Spans { whole: (start, end), t: (start, start + 2), inviter: Some(inviter), ..Spans::default() })
}

/// The hand reader of `invitation.accepted`:
/// `(?P<t>\baccept(?:ed|s)?) (?P<inviter>{PER})'s invitation to (?:visit |come to |travel to )?(?P<dest>{LOC})`.
fn read_accepted(text: &str, start: usize) -> Option<Spans> {
    let t_end = word_then_space(text, start, &["accepted", "accepts", "accept"]).filter(|_| word_start(text, start))?;
    let inviter = (t_end + 1, placeholder_end(text, t_end + 1, b"PG")?);
    let p = one_of(text, inviter.1, &["'s invitation to "])?;
    let dest = maybe(one_of(text, p, &["visit ", "come to ", "travel to "]), p).find_map(|q| location(text, q).map(|e| (q, e)))?;
    Some(Spans { whole: (start, dest.1), t: (start, t_end), inviter: Some(inviter), dest: Some(dest), ..Spans::default() })
}

/// The hand reader of `invitation.not-invited`:
/// `(?P<invitee>{AGENT}), (?:which|who) (?P<t>(?:was|were|had) not (?:been )?invited)` (which may
/// begin inside a word: "bathe the …").
fn read_not_invited(text: &str, start: usize) -> Option<Spans> {
    let invitee = (start, agent(text, start)?);
    let t_start = one_of(text, invitee.1, &[", which ", ", who "])?;
    let p = one_of(text, t_start, &["was not ", "were not ", "had not "])?;
    let t_end = maybe(one_of(text, p, &["been "]), p).find_map(|q| one_of(text, q, &["invited"]))?;
    Some(Spans { whole: (start, t_end), t: (t_start, t_end), invitee: Some(invitee), ..Spans::default() })
}

/// The hand reader of `visit.the-one-x-made`: `\bthe one (?P<agent>{PER}) (?P<t>made|paid) to (?P<dest>{LOC})`.
fn read_the_one_x_made(text: &str, start: usize) -> Option<Spans> {
    let p = one_of(text, start, &["the one "]).filter(|_| word_start(text, start))?;
    let agent = (p, placeholder_end(text, p, b"PG")?);
    let t = (agent.1 + 1, one_of(text, agent.1, &[" made", " paid"])?);
    let dest = in_location(text, t.1, &[" to "])?;
    Some(Spans { whole: (start, dest.1), t, agent: Some(agent), dest: Some(dest), ..Spans::default() })
}

/// `with` then an optional "his ", "her " or "their ", then `{PERS}` at `at`: the list's span
/// (after the determiner when one reads before a list).
fn with_persons(text: &str, at: usize) -> Option<(usize, usize)> {
    let q = one_of(text, at, &[" with "])?;
    maybe(one_of(text, q, &["his ", "her ", "their "]), q).find_map(|d| list(text, d, person_item).map(|e| (d, e)))
}

/// The hand reader of `meeting.possessive-talks`:
/// `(?P<agent>{PER})'s (?P<t>talks|meeting|meetings) with (?:his |her |their )?(?P<with>{PERS})`.
fn read_possessive_talks(text: &str, start: usize) -> Option<Spans> {
    let agent = (start, placeholder_end(text, start, b"PG")?);
    let p = one_of(text, agent.1, &["'s "])?;
    // (Only one of the words is followed by " with ".)
    let (t, with) = ["talks", "meeting", "meetings"].iter().find_map(|w| {
        let t = (p, one_of(text, p, &[w])?);
        Some((t, with_persons(text, t.1)?))
    })?;
    Some(Spans { whole: (start, with.1), t, agent: Some(agent), with: Some(with), ..Spans::default() })
}

/// The hand reader of `meeting.talks-between`:
/// `\b(?P<t>talks|negotiations|meeting) between (?P<with>{AGENT} and {AGENT})`.
fn read_talks_between(text: &str, start: usize) -> Option<Spans> {
    let t = (start, word_then_space(text, start, &["talks", "negotiations", "meeting"]).filter(|_| word_start(text, start))?);
    let p = one_of(text, t.1 + 1, &["between "])?;
    let end = agent(text, one_of(text, agent(text, p)?, &[" and "])?)?;
    Some(Spans { whole: (start, end), t, with: Some((p, end)), ..Spans::default() })
}

/// The triggers of `meeting.chair-a-meeting-of`.
const CHAIR_VERBS: &[&str] = &["co-chair", "chair", "attend", "co-chaired", "chaired", "attended", "co-chairs", "chairs", "attends"];

/// The hand reader of `meeting.chair-a-meeting-of`:
/// `(?P<t>\b(?:co-chair|chair|attend|co-chaired|chaired|attended|co-chairs|chairs|attends)) (?:a |the )?`
/// `(?:[\w-]+ )?(?:meeting|session|summit) of (?P<with>{AGENT})(?: in (?P<loc>{LOC}))?`, `\w` being
/// Unicode's.
fn read_chair_a_meeting_of(text: &str, start: usize) -> Option<Spans> {
    let t = (start, word_then_space(text, start, CHAIR_VERBS).filter(|_| word_start(text, start))?);
    let p = t.1 + 1;
    let with = maybe(one_of(text, p, &["a ", "the "]), p).find_map(|d| {
        // The word, if one reads: all the characters `[\w-]` takes, then a space.
        let word = Some(super::modality::hyphenated_word_end(text, d)).filter(|&e| e > d && text.as_bytes().get(e) == Some(&b' '));
        maybe(word.map(|e| e + 1), d).find_map(|q| {
            let w = one_of(text, one_of(text, q, &["meeting", "session", "summit"])?, &[" of "])?;
            agent(text, w).map(|e| (w, e))
        })
    })?;
    let loc = in_location(text, with.1, &[" in "]);
    Some(Spans { whole: (start, loc.map_or(with.1, |l| l.1)), t, with: Some(with), loc, ..Spans::default() })
}

/// The hand reader of `meeting.for-a-meeting-with`:
/// `\b(?:for|during|at) (?:an? )?(?P<t>meeting|talks) with (?P<with>{PERS})`.
fn read_for_a_meeting_with(text: &str, start: usize) -> Option<Spans> {
    let p = word_then_space(text, start, &["for", "during", "at"]).filter(|_| word_start(text, start))? + 1;
    // ("an " failing, "a " cannot read: an `n` follows.)
    let t_start = one_of(text, p, &["an ", "a "]).unwrap_or(p);
    let t = (t_start, one_of(text, t_start, &["meeting", "talks"])?);
    let q = one_of(text, t.1, &[" with "])?;
    let with = (q, list(text, q, person_item)?);
    Some(Spans { whole: (start, with.1), t, with: Some(with), ..Spans::default() })
}

/// The verbs before `meeting.received-by`'s trigger (which may end a longer word: "this received").
const BEING_WORDS: &[&str] = &["was", "were", "is", "are", "being"];

/// The hand reader of `meeting.received-by`:
/// `(?:was|were|is|are|being) (?P<t>received) by (?:the )?(?P<with>{PERS})`.
fn read_received_by(text: &str, start: usize) -> Option<Spans> {
    let t_start = word_then_space(text, start, BEING_WORDS)? + 1;
    let t = (t_start, one_of(text, t_start, &["received"])?);
    let p = one_of(text, t.1, &[" by "])?;
    let with = maybe(one_of(text, p, &["the "]), p).find_map(|q| list(text, q, person_item).map(|e| (q, e)))?;
    Some(Spans { whole: (start, with.1), t, with: Some(with), ..Spans::default() })
}

/// The hand reader of `meeting.hold-the-next-meeting`:
/// `(?P<t>\b(?:hold|convene|host)) the next (?:meeting|session|round) of (?P<with>{AGENT})`.
fn read_hold_the_next_meeting(text: &str, start: usize) -> Option<Spans> {
    let t = (start, word_then_space(text, start, &["hold", "convene", "host"]).filter(|_| word_start(text, start))?);
    let p = one_of(text, t.1 + 1, &["the next "])?;
    let w = one_of(text, p, &["meeting of ", "session of ", "round of "])?;
    let with = (w, agent(text, w)?);
    Some(Spans { whole: (start, with.1), t, with: Some(with), ..Spans::default() })
}

/// The hand reader of `meeting.of-the-delegations`:
/// `\b(?P<t>meeting|talks) (?:of|between) (?P<with>\x{E000}G[0-9]+\x{E001})`.
fn read_of_the_delegations(text: &str, start: usize) -> Option<Spans> {
    let t = (start, word_then_space(text, start, &["meeting", "talks"]).filter(|_| word_start(text, start))?);
    let p = one_of(text, t.1 + 1, &["of ", "between "])?;
    let with = (p, placeholder_end(text, p, b"G")?);
    Some(Spans { whole: (start, with.1), t, with: Some(with), ..Spans::default() })
}

/// The triggers of `event.parade`.
const PARADE_VERBS: &[&str] = &["attended", "attend", "watched", "reviewed", "held"];

/// The hand reader of `event.parade`:
/// `(?P<t>\b(?:attended|attend|watched|reviewed|held) (?:a |the )?(?:[A-Za-z-]+ ){0,2}?parade)`.
fn read_parade(text: &str, start: usize) -> Option<Spans> {
    let p = word_then_space(text, start, PARADE_VERBS).filter(|_| word_start(text, start))? + 1;
    let end = maybe(one_of(text, p, &["a ", "the "]), p).find_map(|d| few_words(text, d, 2, letter_or_hyphen, |q| one_of(text, q, &["parade"])))?;
    Some(Spans { whole: (start, end), t: (start, end), ..Spans::default() })
}

/// The hand reader of `event.ratified-by`:
/// `(?P<t>\bratified) by (?P<with>{AGENT}(?: and (?:by )?{AGENT})?)`.
fn read_ratified_by(text: &str, start: usize) -> Option<Spans> {
    let p = one_of(text, start, &["ratified by "]).filter(|_| word_start(text, start))?;
    let first = agent(text, p)?;
    let second = one_of(text, first, &[" and "]).and_then(|a| maybe(one_of(text, a, &["by "]), a).find_map(|q| agent(text, q)));
    let end = second.unwrap_or(first);
    Some(Spans { whole: (start, end), t: (start, start + "ratified".len()), with: Some((p, end)), ..Spans::default() })
}

/// The hand reader of `event.took-office`: `(?P<t>\b(?:taking|took|take|takes|taken) office)`.
fn read_took_office(text: &str, start: usize) -> Option<Spans> {
    let p = word_then_space(text, start, &["taking", "took", "take", "takes", "taken"]).filter(|_| word_start(text, start))? + 1;
    let end = one_of(text, p, &["office"])?;
    Some(Spans { whole: (start, end), t: (start, end), ..Spans::default() })
}

/// The hand reader of `event.for-a-forum`:
/// `\bfor an? (?:[A-Za-z-]+ ){0,3}?(?P<t>forum|conference|festival|exhibition|fair)\b`.
fn read_for_a_forum(text: &str, start: usize) -> Option<Spans> {
    const NOUNS: &[&str] = &["forum", "conference", "festival", "exhibition", "fair"];
    // ("an " failing, "a " cannot read: an `n` follows.)
    let p = one_of(text, start, &["for an ", "for a "]).filter(|_| word_start(text, start))?;
    let t = few_words(text, p, 3, letter_or_hyphen, |q| NOUNS.iter().find(|w| word_end(text, q + w.len()) && begins(&text[q..], w)).map(|w| (q, q + w.len())))?;
    Some(Spans { whole: (start, t.1), t, ..Spans::default() })
}

/// The hand reader of `event.decision`: `(?P<agent>{AGENT})'s (?P<t>decision)\b` (which may begin
/// inside a word: "bathe the …").
fn read_decision(text: &str, start: usize) -> Option<Spans> {
    let agent = (start, agent(text, start)?);
    let p = one_of(text, agent.1, &["'s "])?;
    let t = (p, one_of(text, p, &["decision"]).filter(|&e| word_end(text, e))?);
    Some(Spans { whole: (start, t.1), t, agent: Some(agent), ..Spans::default() })
}

/// The hand reader of `event.greeted`:
/// `(?P<t>\b(?:greeted|welcomed)) (?P<with>{PER})(?: on arrival)?(?: at (?:the )?(?P<loc>{LOC}))?`.
fn read_greeted(text: &str, start: usize) -> Option<Spans> {
    let t = (start, word_then_space(text, start, &["greeted", "welcomed"]).filter(|_| word_start(text, start))?);
    let with = (t.1 + 1, placeholder_end(text, t.1 + 1, b"PG")?);
    let p = one_of(text, with.1, &[" on arrival"]).unwrap_or(with.1);
    let loc = one_of(text, p, &[" at "]).and_then(|a| maybe(one_of(text, a, &["the "]), a).find_map(|q| location(text, q).map(|e| (q, e))));
    Some(Spans { whole: (start, loc.map_or(p, |l| l.1)), t, with: Some(with), loc, ..Spans::default() })
}

fn entities_of(m: &Masked, from: usize, to: usize) -> Vec<usize> {
    let mut out = Vec::new();
    for i in m.slot_range(from, to) {
        for &e in &m.slots[i].entities {
            if !out.contains(&e) {
                out.push(e);
            }
        }
    }
    out
}

/// The slots of a [`subject`]: those of a run of consecutive slots (coordinated ones, or one)
/// that are of the verb's classes, a group, or a country of an "of" list. Told by the run and
/// the test rather than listed, which cost an allocation for most events.
#[derive(Clone, Copy, Debug)]
struct SubjectSlots {
    /// The run's first slot and the one after its last.
    run: (usize, usize),
    classes: &'static str,
    of_list: bool,
}

impl SubjectSlots {
    /// Whether a slot of class `class` is one of the subject's.
    fn takes(self, class: char) -> bool {
        has_class(self.classes, class) || class == 'G' || (self.of_list && class == 'C')
    }

    /// The subject's slots, in order.
    fn iter(self, m: &Masked) -> impl Iterator<Item = usize> + '_ {
        (self.run.0..self.run.1).filter(move |&i| self.takes(m.slots[i].class))
    }
}

/// Where the last word of `text` starts: after its last character that is not alphanumeric, `'`
/// or `-`, else at 0. The bytes are read from the end while they are ASCII (nearly always), and
/// the characters from the first that is not: decoding every character backwards cost more.
fn last_word_start(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut i = bytes.len();
    while i > 0 {
        let b = bytes[i - 1];
        if !b.is_ascii() {
            return last_word_start_by_chars(text);
        }
        if !(b.is_ascii_alphanumeric() || b == b'\'' || b == b'-') {
            return i;
        }
        i -= 1;
    }
    0
}

/// [`last_word_start`] read by characters.
fn last_word_start_by_chars(text: &str) -> usize {
    text.char_indices().rev().find(|(_, c)| !(c.is_alphanumeric() || *c == '\'' || *c == '-')).map_or(0, |(i, c)| i + c.len_utf8())
}

/// The subject of a verb at masked offset `at`: the slot (or coordinated slots) ending the
/// words before it (after auxiliaries), the antecedent of ", who", or the nearest earlier agent
/// not governed by a preposition. Returns its slots and the masked start of the subject.
fn subject(m: &Masked, at: usize, classes: &'static str) -> Option<(SubjectSlots, usize)> {
    let mut before = m.text[..at].trim_end();
    // (A placeholder's closing mark, which ends most texts here, is no word character.)
    while !before.ends_with(super::coref::CLOSE) {
        let word_start = last_word_start(before);
        let word = &before[word_start..];
        if !word.is_empty() && one_of_words(AUX, &AUX_BY_FIRST, word) {
            before = before[..word_start].trim_end();
        } else {
            break;
        }
    }
    let before = before.strip_suffix(", who").or_else(|| before.strip_suffix(", which")).or_else(|| before.strip_suffix(" who")).unwrap_or(before);
    // The comma closing an apposition: "X, Macron's adviser, had met".
    let before = before.strip_suffix(',').map_or(before, str::trim_end);
    // A slot right before: take it with the slots coordinated before it ("X and Y", "X, Y and
    // Z"; a bare comma only inside such a list).
    if before.ends_with(super::coref::CLOSE) {
        // The run of slots read so far, from the last back.
        let mut run: Option<(usize, usize)> = None;
        let mut rest = before;
        let mut seen_and = false;
        loop {
            let open = rest.rfind(super::coref::OPEN)?;
            // The slot whose placeholder this is: the mask numbers them in their order in the
            // text, so it is found among their places rather than by reading its digits.
            let i = m.slot_range(open, rest.len()).next()?;
            #[cfg(test)]
            assert_eq!(Some(i), Masked::slot_of(&rest[open..]), "{rest:?}");
            // (Each placeholder read is the one before the last read: nothing but a
            // conjunction, a comma or "the" lies between them.)
            #[cfg(test)]
            assert!(run.is_none_or(|(first, _)| first == i + 1), "{rest:?}");
            run = Some((i, run.map_or(i + 1, |(_, end)| end)));
            rest = &rest[..open];
            let trimmed = rest.trim_end();
            let trimmed = trimmed.strip_suffix("the").map(str::trim_end).filter(|t| t.ends_with(" and") || t.ends_with(',')).unwrap_or(trimmed);
            if let Some(j) = trimmed.strip_suffix(", and").or_else(|| trimmed.strip_suffix(" and")).map(str::trim_end) {
                if j.ends_with(super::coref::CLOSE) {
                    seen_and = true;
                    rest = j;
                    continue;
                }
            }
            if seen_and {
                if let Some(j) = trimmed.strip_suffix(',').map(str::trim_end) {
                    if j.ends_with(super::coref::CLOSE) {
                        rest = j;
                        continue;
                    }
                }
            }
            rest = trimmed;
            break;
        }
        // "The leaders of X, Y and Z met": the list is the subject.
        let start = rest.len();
        let (of_list, governed) = before_subject(rest.trim_end());
        let slots = SubjectSlots { run: run.expect("a slot was read"), classes, of_list };
        if let Some(first) = slots.iter(m).next().filter(|_| of_list || !governed) {
            let pos = m.slot_pos(first).map_or(start, |p| p.0);
            return Some((slots, if of_list { start } else { pos }));
        }
    }
    // The nearest earlier agent not after a preposition.
    let mut best = None;
    for i in (0..m.slots.len()).rev() {
        let Some((p0, _)) = m.slot_pos(i) else { continue };
        if p0 >= at || m.in_quote(0, p0) {
            continue;
        }
        let slot = &m.slots[i];
        if !(has_class(classes, slot.class) || slot.class == 'G') {
            continue;
        }
        let prev = m.text[..p0].trim_end();
        let prev_word = prev.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
        if one_of_words(PREPOSITIONS, &PREPOSITIONS_BY_FIRST, prev_word) {
            continue;
        }
        best = Some((SubjectSlots { run: (i, i + 1), classes, of_list: false }, p0));
        break;
    }
    best
}

/// Whether `class` is one of `classes` (a few letters: a loop over them costs less than the
/// substring search of `str::contains`).
fn has_class(classes: &str, class: char) -> bool {
    classes.chars().any(|c| c == class)
}

/// Whether the words before a subject (`trimmed`, trimmed at its end), lower-cased, end with one
/// of [`OF_LISTS`] (the list is the subject), and whether with one of [`PREPOSITIONS`] after a
/// space, or are one (the subject is governed). Only their end matters: a phrase, or a
/// preposition and its space, is 20 bytes at most. The lower case of the text's ASCII end (up to
/// 20 bytes) is the end of the text's: the phrases are compared with it ignoring ASCII case,
/// without lowering a copy. Before a shorter ASCII end, the character there lower-cases to one
/// that ends outside ASCII, which no phrase holds, unless it is the Kelvin sign (to "k"). (Most
/// texts here end with a placeholder's closing mark and a few words.)
fn before_subject(trimmed: &str) -> (bool, bool) {
    let b = trimmed.as_bytes();
    let ascii = b.iter().rev().take(20).take_while(|c| c.is_ascii()).count();
    let end = &b[b.len() - ascii..];
    if ascii == 20 || ascii == b.len() {
        // (A text longer than its end is longer than any preposition.)
        return of_list_and_governed(end, ascii == b.len());
    }
    if !trimmed[..b.len() - ascii].ends_with('\u{212A}') {
        return of_list_and_governed(end, false);
    }
    // Else lower-case the last 24 characters (no shorter text can lower-case to a phrase).
    let tail_start = trimmed.char_indices().rev().nth(23).map_or(0, |(i, _)| i);
    super::with_lowercase(&trimmed[tail_start..], |lower| of_list_and_governed(lower.as_bytes(), tail_start == 0))
}

/// Whether `tail` (the end of the words before a subject, ASCII-cased or lower case) ends with one
/// of [`OF_LISTS`], and whether it ends with one of [`PREPOSITIONS`] after a space, or is one
/// (when `whole`: it is all the words before), each compared ignoring ASCII case.
fn of_list_and_governed(tail: &[u8], whole: bool) -> (bool, bool) {
    let ends_with = |p: &str| tail.len() >= p.len() && tail[tail.len() - p.len()..].eq_ignore_ascii_case(p.as_bytes());
    // (Every phrase ends with " of", and a preposition is compared only when its last byte is
    // the text's.)
    let of_list = ends_with(" of") && OF_LISTS.iter().any(|p| ends_with(p));
    let last = tail.last().map(u8::to_ascii_lowercase);
    let governed = PREPOSITIONS.iter().any(|p| {
        p.as_bytes().last().copied() == last && ends_with(p) && (tail.len() > p.len() && tail[tail.len() - p.len() - 1] == b' ' || whole && tail.len() == p.len())
    });
    (of_list, governed)
}

/// The visit types whose words ([`VISIT_TYPE_WORDS`]) are words of `words` (split at what is not
/// alphanumeric, lower-cased), in the table's order.
fn visit_types(words: &str) -> Vec<VisitType> {
    if !words.is_ascii() {
        let lower = words.to_lowercase();
        return VISIT_TYPE_WORDS.iter().filter(|(w, _)| lower.split(|c: char| !c.is_alphanumeric()).any(|x| x == *w)).map(|(_, t)| *t).collect();
    }
    // (An ASCII text's lower case is its ASCII lower case: each word is compared ignoring ASCII
    // case, without lowering a copy, and the text is split once, not once per type.)
    let mut found = 0u32;
    for word in words.as_bytes().split(|b| !b.is_ascii_alphanumeric()) {
        for (i, (w, _)) in VISIT_TYPE_WORDS.iter().enumerate() {
            if word.eq_ignore_ascii_case(w.as_bytes()) {
                found |= 1 << i;
            }
        }
    }
    VISIT_TYPE_WORDS.iter().enumerate().filter(|&(i, _)| found >> i & 1 != 0).map(|(_, (_, t))| *t).collect()
}

/// Dates for a frame from the date expressions of its region.
fn dates(ctx: &Context<'_>, exprs: &[time::TimeExpr], trigger: (usize, usize), region: (usize, usize), future: bool, reference: Option<NaiveDate>) -> (Option<DateValue>, Option<DateValue>) {
    let Some(anchor) = ctx.anchor else { return (None, None) };
    // (The expressions inside the region, read again for each question rather than collected.)
    let inside = || exprs.iter().filter(|e| e.start >= region.0 && e.end <= region.1);
    let duration = inside().find_map(|e| match e.kind {
        TimeKind::Duration(n) if n > 0 => Some(n as i64),
        _ => None,
    });
    let usable = |e: &&time::TimeExpr| !matches!(e.kind, TimeKind::Duration(_)) && (e.kind != TimeKind::AfterEvent(0) && e.kind != TimeKind::AfterEvent(1) || reference.is_some());
    let after = inside().filter(usable).find(|e| e.start >= trigger.0);
    let before = inside().filter(usable).rev().find(|e| e.end <= trigger.0);
    let Some(expr) = after.or(before) else { return (None, None) };
    let Some((start, end)) = time::resolve(expr.kind, anchor, future, reference) else { return (None, None) };
    match expr.role {
        TimeRole::Deadline => (None, Some(end)),
        TimeRole::Ended => {
            let start = match (duration, end.day()) {
                (Some(n), Some(d)) => time::add_days(d, -(n - 1)).map(DateValue::Day),
                _ => None,
            };
            (start, Some(end))
        }
        TimeRole::Point => {
            if start == end {
                if let (Some(n), Some(d)) = (duration, start.day()) {
                    return (Some(start), time::add_days(d, n - 1).map(DateValue::Day));
                }
            }
            (Some(start), Some(end))
        }
    }
}

/// Whether frame `inner`'s dates fit inside `outer`'s (undated fits when the other is too, or
/// when only one of them is dated and they are told as parts of one trip).
fn within(inner: &Frame, outer: &Frame) -> bool {
    match (inner.start, outer.start, outer.end) {
        (None, None, _) => true,
        (None, Some(_), _) => inner.modality == outer.modality,
        (Some(_), None, _) => false,
        (Some(DateValue::Day(d)), Some(DateValue::Day(s)), Some(DateValue::Day(e))) => s <= d && d <= e,
        (Some(a), Some(b), _) => a == b,
    }
}

/// The lists [`read_events`] fills for each sentence, kept by the thread from one article to
/// the next (four lists an article, grown from empty).
#[derive(Default)]
struct EventLists {
    candidates: Candidates,
    taken: Vec<(usize, usize)>,
    /// The rule matches of every sentence, in order, each sentence's sorted by trigger.
    found: Vec<(Rule, Spans)>,
    /// The time expressions of every sentence with a match, in order.
    exprs: Vec<time::TimeExpr>,
    /// One sentence's time expressions, as the date search gives them.
    sentence_exprs: Vec<time::TimeExpr>,
    /// For each sentence with a match: its view, and its matches and its time expressions (where
    /// they are in `found` and `exprs`).
    matched: Vec<(usize, Range<usize>, Range<usize>)>,
}

thread_local! {
    static EVENT_LISTS: std::cell::RefCell<EventLists> = std::cell::RefCell::new(EventLists::default());
}

/// Reads the event frames of the article's sentences.
pub fn read_events(ctx: &Context<'_>, views: &[View]) -> Vec<Frame> {
    let compiled = &*COMPILED;
    let mut frames: Vec<Frame> = Vec::new();
    let mut last_day: Option<NaiveDate> = None;
    // (Each is cleared before it is filled.)
    let EventLists { mut candidates, mut taken, mut found, mut exprs, mut sentence_exprs, mut matched } = super::take_kept(&EVENT_LISTS);
    // Three passes over the sentences: the rule matches of all, the dates of those with a
    // match, then the frames. Each pass's code and tables stay in cache from one sentence to
    // the next (they are larger than the cache together, and one sentence after another
    // through all three evicted each in turn).
    found.clear();
    matched.clear();
    for (k, view) in views.iter().enumerate().filter(|(_, v)| v.facts) {
        let m = &view.masked;
        taken.clear();
        let first = found.len();
        rule_matches(&m.text, view.cues.rules(), &mut candidates, |n, spans| {
            let whole = spans.whole;
            if m.in_quote(0, spans.t.0) || taken.iter().any(|&(a, b)| whole.0 < b && a < whole.1) {
                return;
            }
            taken.push(whole);
            found.push((compiled.rules[n].0, spans));
        });
        if found.len() > first {
            found[first..].sort_by_key(|(_, s)| s.t.0);
            matched.push((k, first..found.len(), 0..0));
        }
    }
    exprs.clear();
    for (k, _, here) in matched.iter_mut() {
        let m = &views[*k].masked;
        time::find_into(ctx.text, m.start, m.end, &mut sentence_exprs);
        let first = exprs.len();
        // "said on Monday": the date of a speech act, which dates no event.
        exprs.extend(sentence_exprs.drain(..).filter(|e| !ends_with_speech_verb(&ctx.text[floor(ctx.text, e.start.saturating_sub(40))..e.start])));
        *here = first..exprs.len();
    }
    let (all_found, all_exprs) = (&found, &exprs);
    let mut next_matched = matched.iter().peekable();
    for (k, view) in views.iter().enumerate().filter(|(_, v)| v.facts) {
        let m = &view.masked;
        // This sentence's matches and time expressions (none without a match).
        let (found, exprs) = match next_matched.next_if(|(j, _, _)| *j == k) {
            Some((_, found, exprs)) => (&all_found[found.clone()], &all_exprs[exprs.clone()]),
            None => (&all_found[..0], &all_exprs[..0]),
        };
        for (n, (rule, g)) in found.iter().enumerate() {
            let t = Span(g.t);
            let whole = Span(g.whole);
            let get = |group: Option<(usize, usize)>| group.map(Span);
            let group = |group: Option<(usize, usize)>| get(group).map(|g| entities_of(m, g.start(), g.end())).unwrap_or_default();
            let classes = match rule.kind {
                EventKind::Visit => "P",
                EventKind::Invitation => "PCO",
                _ => "PCON",
            };
            let explicit_agent = get(g.agent).or(get(g.inviter));
            // "At the invitation of X" and "which was not invited" name no inviter in the clause.
            let no_subject = matches!(
                rule.name,
                "invitation.at-the-invitation-of" | "invitation.at-x-s-invitation" | "invitation.not-invited" | "meeting.of-the-delegations" | "meeting.talks-in-place" | "event.joint-activity" | "event.for-a-forum" | "event.ratified-by"
            );
            let (agents, subject_start) = match explicit_agent {
                Some(g) => (entities_of(m, g.start(), g.end()), g.start().min(whole.start())),
                None if no_subject => (Vec::new(), usize::MAX),
                None => match subject(m, t.start(), classes) {
                    Some((slots, start)) => {
                        let mut v = Vec::new();
                        for i in slots.iter(m) {
                            for &e in &m.slots[i].entities {
                                if !v.contains(&e) {
                                    v.push(e);
                                }
                            }
                        }
                        (v, start)
                    }
                    None => (Vec::new(), usize::MAX),
                },
            };
            // Modality: cues between the subject and the trigger, denials and conditions before.
            let vg_from = if subject_start < t.start() {
                subject_start
            } else if subject_start != usize::MAX && subject_start >= t.start() {
                // The agent follows the trigger ("X's visit"): the words of the match before it.
                whole.start().min(t.start())
            } else {
                // No subject found: the few words before the trigger.
                let mut p = t.start();
                for _ in 0..4 {
                    p = m.text[..p].trim_end().rfind(' ').map_or(0, |x| x + 1);
                }
                p.min(t.start())
            };
            let vg_end = if rule.name == "event.joint-activity" { whole.end() } else { t.end() };
            let verb_group = &m.text[vg_from..vg_end];
            let mut modality = modality_in(&m.text[..vg_from], verb_group, view.cues.modality());
            if rule.name == "invitation.not-invited" {
                modality = Modality::Negated;
            }
            // A participle after an agreement ("a memorandum signed in X") is asserted.
            let participle = rule.kind == EventKind::Signing && ends_with_agreement(&compiled.agreement, &m.text[..t.start()]);
            if participle {
                modality = Modality::Asserted;
            }
            let prev_end = if n > 0 { m.orig(found[n - 1].1.t.1, true) } else { m.start };
            let next_start = found.get(n + 1).map_or(m.end, |(_, s)| m.orig(s.t.0, false));
            let trig = (m.orig(t.start(), false), m.orig(t.end(), true));
            let reference = last_day;
            let future = is_future(modality) || (rule.kind == EventKind::Invitation && get(g.dest).is_some());
            let (start, end) = dates(ctx, exprs, trig, (prev_end, next_start), future, reference);
            let mut others = group(g.with);
            others.extend(group(g.by));
            others.extend(group(g.invitee));
            // "He accepted Lula's invitation": the subject is the invitee.
            let mut agents = agents;
            if rule.name == "invitation.accepted" {
                if let Some((slots, _)) = subject(m, t.start(), "P") {
                    others = slots.iter(m).flat_map(|i| m.slots[i].entities.clone()).collect();
                }
            }
            if rule.name == "invitation.not-invited" {
                agents.clear();
            }
            let mut dest = group(g.dest);
            dest.extend(group(g.dest2));
            let location = group(g.loc).first().copied();
            let mut types = get(g.adj).map(|a| visit_types(&m.text[a.start()..a.end()])).unwrap_or_default();
            if rule.kind == EventKind::Visit && m.text[whole.end()..].trim_start().starts_with("as a return") {
                types.push(VisitType::Return);
            }
            // Evidence: from the subject (or the match) to the end of the match and its date.
            let mut span_start = m.orig(subject_start.min(whole.start()).min(vg_from), false);
            let mut span_end = m.orig(whole.end(), true);
            if let Some(d) = exprs.iter().filter(|e| e.start >= prev_end && e.end <= next_start && !matches!(e.kind, TimeKind::Duration(_))).find(|e| e.start >= trig.0) {
                span_end = span_end.max(d.end);
            }
            if let Some(d) = exprs.iter().filter(|e| e.start >= prev_end && e.end <= next_start).rev().find(|e| e.end <= trig.0) {
                if start.is_some() && d.start < span_start && d.start >= m.start {
                    span_start = d.start;
                }
            }
            let span = trim_span(ctx.text, span_start, span_end);
            let anaphoric = rule.kind == EventKind::Signing && anaphoric(&m.text[..t.start()]);
            let frame = Frame {
                kind: rule.kind,
                rule: rule.name,
                sentence: view.index,
                trigger: trig,
                span,
                agents,
                others,
                dest,
                location,
                host: None,
                visit_types: types,
                modality,
                start,
                end,
                part_of: None,
                occasioned_by: None,
                confidence: rule.confidence,
                dropped: false,
                anaphoric,
            };
            if let Some(d) = frame.start.and_then(|d| d.day()) {
                last_day = Some(d);
            }
            frames.push(frame);
        }
        // "It was a return visit": types for the last visit before.
        // (The cue pass tells most sentences without these words, which are then not searched,
        // and their frames not walked back for a visit: that walk, done for every sentence
        // first, cost about 2% of this stage.)
        if !view.cues.may_return() {
            continue;
        }
        // (The visit is looked for next: without one, the pattern need not run.)
        let Some(v) = frames.iter_mut().rev().find(|f| f.kind == EventKind::Visit && f.sentence < view.index && !f.dropped && f.modality == Modality::Asserted) else { continue };
        let returns = RETURN_CUES.iter().any(|w| m.text.contains(w));
        if let Some(adj) = returns.then(|| return_visit(&m.text)).flatten() {
            let types = match adj {
                Some((a, b)) => visit_types(&m.text[a..b]),
                None => vec![VisitType::Return],
            };
            for t in types {
                if !v.visit_types.contains(&t) {
                    v.visit_types.push(t);
                }
            }
        }
    }
    super::keep(&EVENT_LISTS, EventLists { candidates, taken, found, exprs, sentence_exprs, matched });
    frames
}

/// The pattern that tells a visit was a return visit, or of which types ("It was a return
/// visit", "the trip reciprocates"), as [`return_visit`] reads it.
#[cfg(test)]
const RETURN: &str = r"(?i)\b(?:it|this|the visit|the trip)\s+(?:was|is)\s+(?:also\s+)?an?\s+(?P<adj>(?:[\w-]+\s+){0,3}?)(?:visit|trip)\b|\b(?:the visit|the trip|it)\s+(?P<returns>returns|returned|returning|reciprocates|reciprocated)\b";

/// The first match of [`RETURN`] (compiled as [`super::regex`] compiles it) in `text`, read by
/// hand: `Some(Some(adj))` for the first alternative, with the span of its `adj` group (maybe
/// empty), `Some(None)` for the second. (The regex's search and its captures cost more than
/// all the rest of the sentence's events.) Each alternative begins with "it", "this" or "the"
/// (`(?i)` folds no other character to their first letters), so a match starts at a word start
/// whose byte is `i` or `t` in either case; the white space between words is taken whole (what
/// follows it never begins with white space), and so is each word of `adj` (`[\w-]+` then
/// white space), tried as few as will do.
fn return_visit(text: &str) -> Option<Option<(usize, usize)>> {
    use super::modality::{hyphenated_word_end, lit};
    let b = text.as_bytes();
    // `\s+` from `i`: its end, if there is any white space.
    let spaces = |i: usize| Some(space_end(text, i)).filter(|&e| e > i);
    // One of `words` at `i` (in the pattern's order), followed by `\s+`: the end of the space.
    let word_then_spaces = |i: usize, words: &[&str]| words.iter().find_map(|w| lit(b, i, w)).and_then(spaces);
    let word_then_boundary = |i: usize, words: &[&str]| words.iter().find_map(|w| lit(b, i, w).filter(|&e| super::ascii_boundary(b, e)));
    let first = |s: usize| {
        let at = word_then_spaces(s, &["it", "this", "the visit", "the trip"])?;
        let at = word_then_spaces(at, &["was", "is"])?;
        let at = word_then_spaces(at, &["also"]).unwrap_or(at);
        let a = lit(b, at, "a")?;
        let adj = spaces(lit(b, a, "n").unwrap_or(a)).or_else(|| spaces(a))?;
        let mut at = adj;
        for words in 0..=3 {
            if word_then_boundary(at, &["visit", "trip"]).is_some() {
                return Some((adj, at));
            }
            let end = hyphenated_word_end(text, at);
            if words == 3 || end == at {
                return None;
            }
            at = spaces(end)?;
        }
        None
    };
    let second = |s: usize| {
        let at = word_then_spaces(s, &["the visit", "the trip", "it"])?;
        word_then_boundary(at, &["returns", "returned", "returning", "reciprocates", "reciprocated"])
    };
    // (A letter on a boundary is a word start: they are found eight bytes at a time.)
    super::WordStarts::new(b, 0, |s| matches!(b[s] | 0x20, b'i' | b't')).find_map(|s| first(s).map(Some).or_else(|| second(s).map(|_| None)))
}

/// Whether the last match of `re` (the compiled [`AGREEMENT_NP`]) in `before` ends it but for
/// white space. Such a match ends with a kind word, maybe plural: a text whose end, but for white
/// space, is in ASCII (the match would hold the one character outside ASCII that `(?i)` matches
/// in a kind word, the long s, in its last 28 bytes) and is no kind word is told so without a
/// search.
fn ends_with_agreement(re: &Regex, before: &str) -> bool {
    const LAST_WORDS: &[&str] = &["treaty", "understanding", "memorandum", "agreement", "deal", "contract", "programme", "declaration", "accord", "pact"];
    let end = before.trim_end().as_bytes();
    let tail = &end[end.len().saturating_sub(28)..];
    if tail.is_ascii() {
        let unplural = match tail.last() {
            Some(b's' | b'a') => &tail[..tail.len() - 1],
            _ => tail,
        };
        let ends_with = |t: &[u8], w: &str| t.len() >= w.len() && t[t.len() - w.len()..].eq_ignore_ascii_case(w.as_bytes());
        if !LAST_WORDS.iter().any(|w| ends_with(tail, w) || ends_with(unplural, w)) {
            return false;
        }
    }
    // (The matches found by hand: the regex's search cost more.)
    agreement_nps(re, before).last().is_some_and(|np| before[np.end..].trim().is_empty())
}

/// Trims white space and clause punctuation (not closing quotation marks) off a span.
pub fn trim_span(text: &str, mut a: usize, mut b: usize) -> (usize, usize) {
    let trim = |c: char| c.is_whitespace() || matches!(c, ',' | ';' | '.' | ':');
    while a < b {
        let c = text[a..].chars().next().unwrap_or(' ');
        if trim(c) {
            a += c.len_utf8();
        } else {
            break;
        }
    }
    while b > a {
        let c = text[..b].chars().next_back().unwrap_or(' ');
        if trim(c) {
            b -= c.len_utf8();
        } else {
            break;
        }
    }
    (a, b)
}

/// Reads the agreements of the article's sentences.
pub fn read_agreements(ctx: &Context<'_>, views: &[View], frames: &[Frame]) -> Vec<AgreementFrame> {
    let compiled = &*COMPILED;
    let mut out = Vec::new();
    for view in views.iter().filter(|v| v.facts) {
        let m = &view.masked;
        if !view.cues.agreement() {
            continue;
        }
        for np in agreement_nps(&compiled.agreement, &m.text) {
            if m.in_quote(0, np.start) {
                continue;
            }
            // The determiner: the last one among the words before the kind ("yielded a treaty").
            // (No character outside ASCII lower-cases to one of these words, so comparing ASCII
            // case-insensitively is lower-casing and comparing.)
            // (The determiner as written, and lower-cased: the entry it matches.)
            let before_kind = &m.text[np.start..np.kind.0];
            let found_det = before_kind.split_whitespace().rev().find_map(|w| DETERMINERS.iter().find(|d| w.eq_ignore_ascii_case(d)).map(|d| (w, *d)));
            let det = found_det.map(|(_, d)| d);
            let np_from = match found_det {
                Some((d, _)) => np.start + rfind_word_then_space(before_kind, d).map_or(before_kind.len(), |p| p),
                None => np.kind.0,
            };
            // The kind word lower-cased: the entry it matches in ASCII case, without allocating.
            let kind_text = &m.text[np.kind.0..np.kind.1];
            let kind_word: std::borrow::Cow<'static, str> = match AGREEMENT_WORDS.iter().find(|(w, _)| w.eq_ignore_ascii_case(kind_text)) {
                Some((w, _)) => std::borrow::Cow::Borrowed(w),
                None => std::borrow::Cow::Owned(kind_text.to_lowercase()),
            };
            let plural = np.plural;
            let negated_det = det == Some("no");
            // Only new agreements: an indefinite or negated one, or one with a topic; never a
            // plural or definite one (known before the topic is read, which costs more).
            let definite = matches!(det, Some("the" | "this" | "that"));
            if plural || definite {
                continue;
            }
            let rest = &m.text[np.end..];
            let (topic, areas, between, topic_len) = topic(ctx.text, m, np.end, rest);
            if topic.is_none() && !negated_det && det.is_none() {
                continue;
            }
            if topic.is_none() && !negated_det && !matches!(det, Some("a" | "an")) {
                continue;
            }
            // "a deal stuck for years": without a topic, an agreement is only one the text
            // tells was signed, reached or negotiated in this sentence.
            let has_event = frames.iter().any(|f| f.sentence == view.index && !f.dropped && matches!(f.kind, EventKind::Signing | EventKind::Meeting));
            if topic.is_none() && !has_event {
                continue;
            }
            let kind = AGREEMENT_WORDS.iter().find(|(w, _)| *w == kind_word).map_or(AgreementKind::Agreement, |(_, k)| *k);
            let np_start = m.orig(np_from, false);
            let np_end = m.orig(np.end + topic_len, true);
            // The signing or talks it comes from: the closest event of the sentence before it.
            let same = (0..frames.len()).filter(|&i| frames[i].sentence == view.index && !frames[i].dropped);
            let signing = same.clone().filter(|&i| frames[i].kind == EventKind::Signing).min_by_key(|&i| frames[i].trigger.0.abs_diff(np_start));
            let meeting = same.filter(|&i| frames[i].kind == EventKind::Meeting).find(|&i| frames[i].trigger.0 < np_start);
            let source = signing.or(meeting);
            let mut modality = match source {
                Some(i) => frames[i].modality,
                None => modality_in(&m.text[..np_from], &m.text[floor(&m.text, np_from.saturating_sub(40))..np_from], view.cues.modality()),
            };
            if negated_det {
                modality = Modality::Negated;
            }
            let topic = topic.unwrap_or_else(|| match kind {
                AgreementKind::Treaty => "treaty".to_owned(),
                AgreementKind::Memorandum => "memorandum".to_owned(),
                AgreementKind::Agreement => kind_word.into_owned(),
            });
            let span = trim_span(ctx.text, np_start, np_end);
            let rule = if source.is_some_and(|i| frames[i].kind == EventKind::Signing) {
                "agreement.signed"
            } else if source.is_some() {
                "agreement.resulted-from-talks"
            } else {
                "agreement.noun-phrase"
            };
            out.push(AgreementFrame {
                kind,
                topic,
                areas,
                parties: between,
                resulted_from: source,
                modality,
                span,
                sentence: view.index,
                rule,
                confidence: if source.is_some() { 0.85 } else { 0.7 },
            });
        }
    }
    out
}

/// The determiners [`read_agreements`] looks for before an agreement word.
const DETERMINERS: &[&str] = &["a", "an", "the", "no", "this", "that", "two", "three", "four"];

/// Where `word` followed by a space last occurs in `text` (`text.rfind(&format!("{word} "))`
/// without formatting the pattern).
fn rfind_word_then_space(text: &str, word: &str) -> Option<usize> {
    let (bytes, w) = (text.as_bytes(), word.as_bytes());
    (0..bytes.len().checked_sub(w.len() + 1)? + 1).rev().find(|&i| bytes[i..].starts_with(w) && bytes[i + w.len()] == b' ')
}

/// A match of [`AGREEMENT_NP`]: its span, the span of its kind word, and whether that is
/// plural (the `plural` group).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct AgreementNp {
    start: usize,
    end: usize,
    kind: (usize, usize),
    plural: bool,
}

/// The matches of `re` (the compiled [`AGREEMENT_NP`]) in `text`, found and read by hand
/// ([`next_np`]). The regex's DFA cost about two thousand instructions and sixty cache misses a
/// sentence. It runs only on a text with a long s (`ſ`), the one character outside ASCII that
/// `(?i)` matches in a kind word ("underſtanding"); it then finds each match, whose groups are
/// read by hand ([`read_np_at`]) unless the hand reading does not end where the match does.
fn agreement_nps<'t>(re: &'t Regex, text: &'t str) -> impl Iterator<Item = AgreementNp> + 't {
    let mut by_regex = text.contains('ſ').then(|| re.find_iter(text));
    let mut from = 0;
    std::iter::from_fn(move || {
        let Some(matches) = &mut by_regex else {
            let np = next_np(text, from)?;
            from = np.end;
            return Some(np);
        };
        let m = matches.next()?;
        Some(read_np_at(text.as_bytes(), m.start()).filter(|np| np.end == m.end()).unwrap_or_else(|| {
            let caps = re.captures_at(text, m.start()).expect("the match again");
            let kind = caps.name("kind").expect("kind");
            let whole = caps.get(0).expect("match");
            AgreementNp { start: whole.start(), end: whole.end(), kind: (kind.start(), kind.end()), plural: caps.name("plural").is_some() }
        }))
    })
}

/// For each lower-case ASCII letter, the kind words ([`AGREEMENT_WORDS`]) that begin with it, a
/// bit each by their index: a kind word is compared only where its first letter is.
const KINDS_BY_FIRST: [u16; 26] = {
    let mut table = [0; 26];
    let mut i = 0;
    while i < AGREEMENT_WORDS.len() {
        table[(AGREEMENT_WORDS[i].0.as_bytes()[0] - b'a') as usize] |= 1 << i;
        i += 1;
    }
    table
};

/// The kind words that begin with byte `b` (in either case), as [`KINDS_BY_FIRST`] gives them.
#[inline]
fn kinds_beginning(b: u8) -> u16 {
    let lower = b | 0x20;
    if lower.is_ascii_lowercase() {
        KINDS_BY_FIRST[(lower - b'a') as usize]
    } else {
        0
    }
}

/// For each lower-case ASCII letter, the second letters (lower case, a bit each from `a`) of
/// the kind words ([`AGREEMENT_WORDS`]) that begin with it.
const SECONDS_BY_FIRST: [u32; 26] = {
    let mut table = [0; 26];
    let mut i = 0;
    while i < AGREEMENT_WORDS.len() {
        let word = AGREEMENT_WORDS[i].0.as_bytes();
        table[(word[0] - b'a') as usize] |= 1 << (word[1] - b'a');
        i += 1;
    }
    table
};

/// The first four letters (lower case) of each kind word ([`AGREEMENT_WORDS`]; none is shorter),
/// as a little-endian word each.
const KIND_PREFIXES: [u32; AGREEMENT_WORDS.len()] = {
    let mut table = [0; AGREEMENT_WORDS.len()];
    let mut i = 0;
    while i < AGREEMENT_WORDS.len() {
        let w = AGREEMENT_WORDS[i].0.as_bytes();
        table[i] = u32::from_le_bytes([w[0], w[1], w[2], w[3]]);
        i += 1;
    }
    table
};

/// For each byte, the second letters (a bit each from `a`, as in [`SECONDS_BY_FIRST`]) of the
/// kind words that begin with it in either case: zero for a byte that begins none.
const SECONDS_AFTER: [u32; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 256 {
        let lower = b as u8 | 0x20;
        if lower.is_ascii_lowercase() {
            table[b] = SECONDS_BY_FIRST[(lower - b'a') as usize];
        }
        b += 1;
    }
    table
};

/// For each byte, its bit as a second letter (`1 << (lower - b'a')` for an ASCII letter in
/// either case), zero for any other byte.
const SECOND_BIT: [u32; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 256 {
        let lower = b as u8 | 0x20;
        if lower.is_ascii_lowercase() {
            table[b] = 1 << (lower - b'a');
        }
        b += 1;
    }
    table
};

/// Whether a kind word may begin at `k`: its first four letters are there (in either case), as
/// [`kind_at`] compares them. The first two, told by two tables without a branch, rule out most
/// words; the four rule out most of the rest ("could", "part", "meeting", "continue"), which
/// [`kind_at`] was called for. (Measured alone, the walk of [`next_np`] took 1.16 times as long
/// with the letters' tests told by branches; a word of eight bytes loaded at `k` took 1.10.)
#[inline]
fn kind_may_begin(bytes: &[u8], k: usize) -> bool {
    let second = bytes.get(k + 1).map_or(0, |&b| SECOND_BIT[usize::from(b)]);
    if SECONDS_AFTER[usize::from(bytes[k])] & second == 0 {
        return false;
    }
    let Some(&[a, b, c, d]) = bytes.get(k..k + 4) else { return false };
    KIND_PREFIXES.contains(&(u32::from_le_bytes([a, b, c, d]) | 0x2020_2020))
}

/// [`kind_may_begin`] as it was, its tests told one by one: for the test that compares them.
#[cfg(test)]
fn kind_may_begin_plain(bytes: &[u8], k: usize) -> bool {
    let first = bytes[k] | 0x20;
    let second = bytes.get(k + 1).map_or(0, |b| b | 0x20);
    if !(first.is_ascii_lowercase() && second.is_ascii_lowercase() && SECONDS_BY_FIRST[usize::from(first - b'a')] >> (second - b'a') & 1 != 0) {
        return false;
    }
    let Some(&[a, b, c, d]) = bytes.get(k..k + 4) else { return false };
    KIND_PREFIXES.contains(&(u32::from_le_bytes([a, b, c, d]) | 0x2020_2020))
}

/// The first match of [`AGREEMENT_NP`] at or after `from` in a text without a long s, as
/// `find_iter` finds it. A kind word at a word start that can end a match ([`kind_at`]) is found
/// first: a match begins there, so the leftmost begins there or before, in the words before it
/// (a match that begins before reads on to a kind word, not before this one, up to four words
/// further). The earliest word boundary there from which [`read_np_at`] reads is its start.
fn next_np(text: &str, from: usize) -> Option<AgreementNp> {
    let bytes = text.as_bytes();
    // (Each kind word begins with a letter, so at a word start: those are found eight bytes at a
    // time.)
    // (The first letters are tested as the word starts are found, [`kind_may_begin`]: few pass.)
    let np = super::WordStarts::new(bytes, from, |p| kind_may_begin(bytes, p)).find_map(|k| kind_at(bytes, k, k))?;
    let kind = np.kind.0;
    // Back over the bytes of up to four words and their spaces.
    let mut lo = kind;
    let mut spaces = 0;
    while lo > from {
        match bytes[lo - 1] {
            b' ' if spaces < 4 => spaces += 1,
            b if adj_byte(b) => {}
            _ => break,
        }
        lo -= 1;
    }
    // (A match begins with a word's byte or a hyphen: from any other, `read_np_at` reads no word.)
    let mut starts = (lo..=kind).filter(|&s| adj_byte(bytes[s]) && super::ascii_boundary(bytes, s));
    if kind > 0 && bytes[kind - 1] == b'-' {
        // The words read from a start may run over the kind word ("x-deal a deal"), to another.
        return starts.find_map(|s| read_np_at(bytes, s));
    }
    // Else the words read from a start end at spaces, and the one before the kind word ends
    // right before it (or there is none: the kind word is the start), so they reach it or stop
    // short, and no word start they pass begins a kind word (the first from `from` on is this
    // one): the match is the first start from which they reach it.
    starts.map(|s| AgreementNp { start: s, ..np }).find(|np| words_reach(bytes, np.start, kind))
}

/// Whether the words that [`read_np_at`] reads from `s` (runs of [`adj_byte`], each then one
/// space) reach `kind` (before which the text has at most four spaces from `s` on), where it
/// stops.
fn words_reach(bytes: &[u8], s: usize, kind: usize) -> bool {
    let mut at = s;
    while at < kind {
        let word = bytes[at..kind].iter().take_while(|&&b| adj_byte(b)).count();
        if word == 0 || bytes[at + word] != b' ' {
            return false;
        }
        at += word + 1;
    }
    at == kind
}

/// The match of [`AGREEMENT_NP`] that begins at `start` and whose kind word begins at `at`, in an
/// ASCII-cased text: the first kind word there (in the pattern's order, ignoring ASCII case)
/// followed by `s` or `a` and a word boundary, else by a boundary.
fn kind_at(bytes: &[u8], start: usize, at: usize) -> Option<AgreementNp> {
    let boundary_after = |i: usize| !bytes.get(i).copied().is_some_and(super::is_ascii_word_byte);
    let mut kinds = bytes.get(at).map_or(0, |&b| kinds_beginning(b));
    while kinds != 0 {
        let (kind, _) = AGREEMENT_WORDS[kinds.trailing_zeros() as usize];
        kinds &= kinds - 1;
        let kind_end = at + kind.len();
        // (The second letter, compared first, rules out most words.)
        if bytes.get(at + 1).map(|b| b | 0x20) != Some(kind.as_bytes()[1]) || !bytes.get(at..kind_end).is_some_and(|b| b.eq_ignore_ascii_case(kind.as_bytes())) {
            continue;
        }
        if matches!(bytes.get(kind_end), Some(b's' | b'a')) && boundary_after(kind_end + 1) {
            return Some(AgreementNp { start, end: kind_end + 1, kind: (at, kind_end), plural: true });
        }
        if boundary_after(kind_end) {
            return Some(AgreementNp { start, end: kind_end, kind: (at, kind_end), plural: false });
        }
    }
    None
}

/// The match of [`AGREEMENT_NP`] at `start` (a word boundary) read as the pattern reads it in an
/// ASCII-cased text: after as few words (`[A-Za-z0-9-]+ `, up to four) as will do, a kind word
/// ([`kind_at`]).
fn read_np_at(bytes: &[u8], start: usize) -> Option<AgreementNp> {
    let mut at = start;
    for words in 0..=4 {
        if let Some(np) = kind_at(bytes, start, at) {
            return Some(np);
        }
        let word = bytes[at..].iter().take_while(|&&b| adj_byte(b)).count();
        if words == 4 || word == 0 || bytes.get(at + word) != Some(&b' ') {
            return None;
        }
        at += word + 1;
    }
    None
}

static AREAS: LazyLock<Regex> = LazyLock::new(|| {
    super::regex(r"(?:\bin |\bsuch |\bthe )*(?:areas|fields|spheres|sectors) (?:of|as) |\bcovering ").expect("areas regex")
});

static BETWEEN: LazyLock<Regex> =
    LazyLock::new(|| super::regex("^ between ((?:the )?\u{E000}[A-Z][0-9]+\u{E001}) and ((?:the )?\u{E000}[A-Z][0-9]+\u{E001})").expect("between regex"));

/// The words that introduce a topic after an agreement word ("an agreement on trade").
const INTRO_WORDS: &[&str] = &["on", "to", "for", "covering", "regarding", "concerning", "about"];

/// The pattern [`intro_end`] reads.
#[cfg(test)]
static INTRO: LazyLock<Regex> = LazyLock::new(|| super::regex(r"^,? (?:on|to|for|covering|regarding|concerning|about) ").expect("intro regex"));

/// Where the match of [`INTRO`] at the start of `r` ends (an optional comma, a space, one of
/// [`INTRO_WORDS`] and a space), read by hand: no two of the words begin alike, and a comma is
/// taken only when a space follows it.
fn intro_end(r: &str) -> Option<usize> {
    let at = usize::from(r.starts_with(", "));
    let rest = r.get(at..)?.strip_prefix(' ')?;
    INTRO_WORDS.iter().find(|w| begins(rest, w) && rest.as_bytes().get(w.len()) == Some(&b' ')).map(|w| at + w.len() + 2)
}

/// Words that end a topic.
const TOPIC_STOPS: &[&str] = &[
    " which ", " that ", " signed ", " with \u{E000}", " in \u{E000}", " at \u{E000}", " on Monday", " on Tuesday", " on Wednesday",
    " on Thursday", " on Friday", " on Saturday", " on Sunday", " next ", " last ", " before ", " under which", " if ", " as well as",
    " in September", " in October", " in November", " in December", " in January", " in February", " in March", " in April",
    " in May", " in June", " in July", " in August", " and a ", " and an ", ", and a ", ", and an ",
];

/// The stops of [`TOPIC_STOPS`] by their second byte, a bit each by index (every stop starts
/// with a space or a comma, then a byte that tells most of them apart).
const STOPS_BY_SECOND: [u64; 256] = words_by_byte(TOPIC_STOPS, 1);

/// Whether one of [`TOPIC_STOPS`] begins `tail`: only the stops whose second byte is its second
/// are compared.
fn stop_at(tail: &str) -> bool {
    let mut stops = tail.as_bytes().get(1).map_or(0, |&b| STOPS_BY_SECOND[usize::from(b)]);
    while stops != 0 {
        if tail.starts_with(TOPIC_STOPS[stops.trailing_zeros() as usize]) {
            return true;
        }
        stops &= stops - 1;
    }
    false
}

/// Whether [`AREAS`] may match `body`: each of its matches ends with one of these words and a
/// space, which most topics lack (the search is then not run). The words are looked for before
/// each space, where one must end (five substring searches cost more).
fn areas_may_match(body: &str) -> bool {
    const LAST_WORDS: &[&str] = &["areas", "fields", "spheres", "sectors", "covering"];
    let b = body.as_bytes();
    memchr::memchr_iter(b' ', b).any(|sp| matches!(b[..sp].last(), Some(b's' | b'g')) && LAST_WORDS.iter().any(|w| b[..sp].ends_with(w.as_bytes())))
}

/// The topic after an agreement word: "on X", "to X", "for X", "covering X"; areas from "in the
/// areas of A, B and C"; parties from "between X and Y". Returns (topic, areas, parties, length
/// of the masked text used).
fn topic(text: &str, m: &Masked, offset: usize, rest: &str) -> (Option<String>, Vec<String>, Vec<usize>, usize) {
    let mut used = 0;
    let mut between = Vec::new();
    let mut r = rest;
    // Both patterns are anchored and start with these words: most topics have neither, and
    // are told so without running them.
    if let Some(whole) = r.starts_with(" between ").then(|| BETWEEN.find(r)).flatten() {
        between = entities_of(m, offset + whole.start(), offset + whole.end());
        used = whole.end();
        r = &rest[used..];
    }
    let Some(intro) = intro_end(r) else { return (None, Vec::new(), between, used) };
    let body_start = used + intro;
    let body = &rest[body_start..];
    // The topic ends at a clause boundary; a list ("A, B and C") after "areas of" is kept.
    let mut end = body.len();
    let mut in_list = false;
    let may_list = areas_may_match(body);
    let list_starts: Vec<usize> = if may_list { AREAS.find_iter(body).map(|a| a.start()).collect() } else { Vec::new() };
    for (i, c) in body.char_indices() {
        let tail = &body[i..];
        if list_starts.contains(&i) {
            in_list = true;
        }
        if c == ';' || c == '"' || (c == '.' && body[i + 1..].chars().next().is_none_or(char::is_whitespace)) {
            end = i;
            break;
        }
        if c == ',' {
            let after = &body[i + 1..];
            let continues = in_list && !after.starts_with(" as well") && !after.starts_with(" which") && !after.starts_with(" who");
            if !continues {
                end = i;
                break;
            }
        }
        // (Every stop starts with a space or a comma; a stop is compared only when its second
        // byte is the text's.)
        if matches!(c, ' ' | ',') && stop_at(tail) {
            end = i;
            break;
        }
    }
    // (Borrowed: only the trimmed topic and the areas are copied.)
    let original = |from: usize, to: usize| &text[m.orig(offset + from, false)..m.orig(offset + to, true)];
    let topic_text = super::strip_repeated(original(body_start, body_start + end).trim(), "the ").trim().to_owned();
    let mut areas = Vec::new();
    if let Some(a) = may_list.then(|| AREAS.find(&body[..end])).flatten() {
        areas = split_list(original(body_start + a.end(), body_start + end));
    }
    if topic_text.is_empty() {
        return (None, areas, between, used);
    }
    (Some(topic_text), areas, between, body_start + end)
}

/// Splits "A, B, and C" into items.
pub fn split_list(list: &str) -> Vec<String> {
    list.split(',')
        .flat_map(|p| p.split(" and "))
        .map(|p| super::strip_repeated(super::strip_repeated(p.trim(), "and "), "the ").trim().to_owned())
        .filter(|p| !p.is_empty())
        .collect()
}

/// The first character boundary of `m`'s masked text whose original offset is at least `orig`,
/// else the text's length: what `char_indices().find(|(i, _)| m.orig(i, false) >= orig)` finds,
/// found by halving. The mask writes its pieces in order, so the original offset never
/// decreases along the text: the boundaries that qualify are those from the first byte that
/// does on.
fn first_at_or_after(m: &Masked, orig: usize) -> usize {
    let (mut lo, mut hi) = (0, m.text.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if m.orig(mid, false) < orig {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    (lo..m.text.len()).find(|&i| m.text.is_char_boundary(i)).unwrap_or(m.text.len())
}

/// Links frames across sentences; may add planned visits for invitations.
pub fn link(ctx: &Context<'_>, views: &[View], registry: &mut Registry, frames: &mut Vec<Frame>, agreements: &mut Vec<AgreementFrame>) {
    // (Every step below reads frames or agreements: an article with neither needs no table of
    // countries.)
    if frames.is_empty() && agreements.is_empty() {
        return;
    }
    let view = |sentence: usize| views.iter().find(|v| v.index == sentence);
    // Countries of the entities, each computed once when first asked for (the loops below
    // compare many pairs; most entities are never asked about, and the registry does not change
    // here).
    // (The table and the list of visits are the thread's, kept from one article to the next.)
    // (Each slot holds the article it was computed for, so the table is not cleared for each
    // article: refilling it cost about 6% of this stage.)
    let LinkLists { mut countries, mut article, mut visit_ids } = super::take_kept(&LINK_LISTS);
    article = article.wrapping_add(1);
    if article == 0 {
        // (No slot's article is 0 but those not yet computed for any.)
        countries.clear();
        article = 1;
    }
    if countries.len() < registry.len() {
        countries.resize(registry.len(), std::cell::Cell::new((0, None)));
    }
    let table = &countries[..registry.len()];
    let country = |registry: &Registry, e: usize| {
        let slot = table.get(e)?;
        match slot.get() {
            (a, known) if a == article => known,
            _ => {
                let known = country_of(registry, ctx.gaz, ctx.titles, e);
                slot.set((article, known));
                known
            }
        }
    };
    // Visits: a visitor, destinations; going home is not a visit.
    for f in frames.iter_mut().filter(|f| f.kind == EventKind::Visit) {
        f.agents.retain(|&a| registry.list[a].kind == EntityType::Person);
        f.agents.truncate(1);
        f.dest.retain(|&d| matches!(registry.list[d].kind, EntityType::City | EntityType::Country | EntityType::Place | EntityType::Region));
        if f.agents.is_empty() || f.dest.is_empty() {
            f.dropped = true;
            continue;
        }
        let home = country(registry, f.agents[0]);
        if f.dest.iter().all(|&d| home.is_some() && country(registry, d) == home) {
            f.dropped = true;
        }
    }
    // "have signed a string of agreements": a summary, not one signing.
    for f in frames.iter_mut().filter(|f| f.kind == EventKind::Signing && f.modality == Modality::Asserted) {
        if let Some(v) = view(f.sentence) {
            let m = &v.masked;
            let after_trigger = first_at_or_after(m, f.trigger.1);
            // (The tests' extractions check it against the reading of every character.)
            #[cfg(test)]
            assert_eq!(after_trigger, m.text.char_indices().map(|(i, _)| i).find(|&i| m.orig(i, false) >= f.trigger.1).unwrap_or(m.text.len()), "{:?}", m.text);
            let window = &m.text[after_trigger..floor(&m.text, (after_trigger + 80).min(m.text.len()))];
            if let Some(np) = agreement_nps(&COMPILED.agreement, window).next() {
                let word = &window[np.kind.0..np.kind.1];
                if np.plural || window.contains("string of") || word.is_empty() {
                    f.dropped = true;
                }
            }
        }
    }
    // A visit to a country whose sentence names a city of it ("since 2023, when he attended the
    // summit in New Delhi"): the city too.
    for f in frames.iter_mut().filter(|f| f.kind == EventKind::Visit && !f.dropped) {
        if f.dest.iter().any(|&d| registry.list[d].kind != EntityType::Country) {
            continue;
        }
        let Some(v) = view(f.sentence) else { continue };
        for &p in v.places.iter() {
            if registry.list[p].kind == EntityType::City && f.dest.iter().any(|&d| country(registry, p) == Some(d)) && !f.dest.contains(&p) {
                f.dest.insert(0, p);
            }
        }
    }
    // Duplicate visits: same visitor, same country, compatible dates.
    // (Only `frames[j]` is dropped in the inner loop, so `i` is told once.)
    let n = frames.len();
    for i in 0..n {
        if frames[i].dropped || frames[i].kind != EventKind::Visit {
            continue;
        }
        for j in 0..n {
            if i == j || frames[j].dropped || frames[j].kind != EventKind::Visit {
                continue;
            }
            let (a, b) = (&frames[i], &frames[j]);
            if a.agents != b.agents {
                continue;
            }
            // (Pairwise: a visit has one or two destinations, so no list of `a`'s countries is
            // collected.)
            let same_country = b.dest.iter().any(|&d| {
                let c = country(registry, d);
                a.dest.iter().any(|&e| country(registry, e) == c)
            });
            let compatible = b.start.is_none() || a.start == b.start;
            // j is the poorer one (no date) and is folded into i.
            if same_country && compatible && b.start.is_none() && (a.start.is_some() || i < j) && a.modality == b.modality || same_country && b.start.is_none() && a.start.is_some() {
                let (types, dest) = (b.visit_types.clone(), b.dest.clone());
                let a = &mut frames[i];
                for t in types {
                    if !a.visit_types.contains(&t) {
                        a.visit_types.push(t);
                    }
                }
                for d in dest {
                    if !a.dest.contains(&d) && registry.list[d].kind == EntityType::Country {
                        a.dest.push(d);
                    }
                }
                frames[j].dropped = true;
            }
        }
    }
    // Invitations: the invitee of "at the invitation of" is the visitor of the visit it is in.
    for i in 0..frames.len() {
        if frames[i].kind != EventKind::Invitation || frames[i].dropped {
            continue;
        }
        let at_invitation = frames[i].rule.starts_with("invitation.at-");
        if at_invitation {
            let s = frames[i].sentence;
            let visit = (0..frames.len())
                .filter(|&j| frames[j].kind == EventKind::Visit && !frames[j].dropped && frames[j].sentence <= s)
                .max_by_key(|&j| (frames[j].sentence, frames[j].trigger.0));
            if let Some(v) = visit {
                frames[i].others = frames[v].agents.clone();
                frames[v].occasioned_by = Some(i);
                if let Some(&inviter) = frames[i].agents.first() {
                    frames[v].host.get_or_insert(inviter);
                }
            }
        }
    }
    // "X invited Y to visit Z": the visit it occasioned, or a planned one.
    let count = frames.len();
    for i in 0..count {
        if frames[i].kind != EventKind::Invitation || frames[i].dropped || frames[i].dest.is_empty() || frames[i].modality == Modality::Negated {
            continue;
        }
        let invitee = frames[i].others.first().copied();
        let Some(invitee) = invitee else { continue };
        let target: Vec<Option<usize>> = frames[i].dest.iter().map(|&d| country(registry, d)).collect();
        let existing = (0..frames.len()).find(|&j| {
            j != i
                && frames[j].kind == EventKind::Visit
                && !frames[j].dropped
                && frames[j].agents.first() == Some(&invitee)
                && frames[j].dest.iter().any(|&d| target.contains(&country(registry, d)))
        });
        match existing {
            Some(v) => {
                frames[v].occasioned_by.get_or_insert(i);
                if let Some(&inviter) = frames[i].agents.first() {
                    frames[v].host.get_or_insert(inviter);
                }
            }
            None => {
                let f = &frames[i];
                let visit = Frame {
                    kind: EventKind::Visit,
                    rule: "visit.invited-to-visit",
                    sentence: f.sentence,
                    trigger: f.trigger,
                    span: f.span,
                    agents: vec![invitee],
                    others: Vec::new(),
                    dest: f.dest.clone(),
                    location: None,
                    host: f.agents.first().copied(),
                    visit_types: Vec::new(),
                    modality: Modality::Planned,
                    start: f.start,
                    end: f.end,
                    part_of: None,
                    occasioned_by: Some(i),
                    confidence: 0.75,
                    dropped: false,
                    anaphoric: false,
                };
                frames.push(visit);
            }
        }
    }
    // An invitation's dates are those of the visit it is about, not its own.
    for f in frames.iter_mut().filter(|f| f.kind == EventKind::Invitation) {
        f.start = None;
        f.end = None;
    }
    // Invitations made during a visit of the inviter in the same sentence.
    for i in 0..frames.len() {
        if frames[i].kind != EventKind::Invitation || frames[i].dropped {
            continue;
        }
        let inviter = frames[i].agents.first().copied();
        let s = frames[i].sentence;
        let during = (0..frames.len()).find(|&j| frames[j].kind == EventKind::Visit && !frames[j].dropped && frames[j].sentence == s && frames[j].agents.first().copied() == inviter && inviter.is_some() && frames[j].occasioned_by != Some(i));
        if let Some(v) = during {
            frames[i].part_of = Some(v);
        }
    }
    // "(to visit Seoul) for a mining investment forum": the visitor attends it.
    for i in 0..frames.len() {
        if frames[i].rule != "event.for-a-forum" || frames[i].dropped {
            continue;
        }
        let s = frames[i].sentence;
        let visit = (0..frames.len()).rev().find(|&j| frames[j].kind == EventKind::Visit && !frames[j].dropped && frames[j].sentence == s);
        match visit {
            Some(v) => {
                frames[i].agents = frames[v].agents.clone();
                frames[i].modality = frames[v].modality;
                frames[i].start = frames[v].start;
                frames[i].end = frames[v].end;
                frames[i].location = frames[v].dest.iter().copied().find(|&d| registry.list[d].kind == EntityType::City);
            }
            None => frames[i].dropped = true,
        }
    }
    // Duplicate invitations: same inviter and invitee.
    for i in 0..frames.len() {
        for j in i + 1..frames.len() {
            if frames[i].kind != EventKind::Invitation || frames[j].kind != EventKind::Invitation || frames[i].dropped || frames[j].dropped {
                continue;
            }
            if frames[i].agents == frames[j].agents && frames[i].others == frames[j].others && frames[i].modality == frames[j].modality {
                // Keep the richer one (with part_of), move references.
                let (keep, drop) = if frames[j].part_of.is_some() && frames[i].part_of.is_none() { (j, i) } else { (i, j) };
                frames[drop].dropped = true;
                for f in frames.iter_mut() {
                    if f.occasioned_by == Some(drop) {
                        f.occasioned_by = Some(keep);
                    }
                }
            }
        }
    }
    // Destinations: the country of a city across a border; the location is the city.
    visit_ids.clear();
    visit_ids.extend((0..frames.len()).filter(|&i| frames[i].kind == EventKind::Visit && !frames[i].dropped));
    for &i in &visit_ids {
        let visitor = frames[i].agents[0];
        let home = country(registry, visitor);
        let city = frames[i].dest.iter().copied().find(|&d| matches!(registry.list[d].kind, EntityType::City | EntityType::Place));
        if let Some(c) = city {
            frames[i].location.get_or_insert(c);
            // An internal leg of another visit to the same country lists only the city.
            let city_country = country(registry, c);
            let leg_of = visit_ids.iter().copied().find(|&j| {
                j != i
                    && frames[j].agents[0] == visitor
                    && frames[j].dest.iter().any(|&d| country(registry, d) == city_country)
                    && frames[j].sentence < frames[i].sentence
                    && frames[j].modality != Modality::Negated
                    && within(&frames[i], &frames[j])
            });
            match leg_of {
                Some(j) if !frames[j].dest.contains(&c) => {
                    frames[i].part_of.get_or_insert(j);
                }
                _ => {
                    if let Some(cc) = city_country {
                        if Some(cc) != home && !frames[i].dest.contains(&cc) {
                            frames[i].dest.push(cc);
                        }
                    }
                }
            }
        }
    }
    // Meetings: participants; a signing's participants include the signatories' countries.
    for i in 0..frames.len() {
        if frames[i].dropped || !matches!(frames[i].kind, EventKind::Meeting | EventKind::Signing | EventKind::Event) {
            continue;
        }
        // (Its agents are not read again before `people` replaces them: taken, not copied.)
        let mut people: Vec<usize> = std::mem::take(&mut frames[i].agents);
        for &o in &frames[i].others {
            if !people.contains(&o) {
                people.push(o);
            }
        }
        people.retain(|&p| !matches!(registry.list[p].kind, EntityType::City | EntityType::Place | EntityType::Region | EntityType::River));
        if frames[i].kind == EventKind::Signing {
            // The states the signatories sign for, when the sentence names them all.
            let named_here: &[usize] = view(frames[i].sentence).map_or(&[], |v| &v.named_countries);
            let mut countries = Vec::new();
            let mut all_named = true;
            for &p in &people {
                if registry.list[p].kind == EntityType::Person {
                    match country(registry, p) {
                        Some(c) if named_here.contains(&c) => {
                            if !countries.contains(&c) {
                                countries.push(c);
                            }
                        }
                        _ => all_named = false,
                    }
                }
            }
            if !all_named {
                countries.clear();
            }
            // Parties named by the agreement ("between the two ministries") stand for the countries.
            let named: Vec<usize> = agreements.iter().filter(|a| a.resulted_from == Some(i)).flat_map(|a| a.parties.iter().copied()).collect();
            if !named.is_empty() {
                countries = named;
            }
            for c in countries {
                if !people.contains(&c) {
                    people.push(c);
                }
            }
        }
        // "No agreements were signed", "no political meetings had taken place during the trip":
        // the people of the talks or trip just told.
        // Talks "in Paris", a "joint survey": the two countries the article is about.
        if people.is_empty() && matches!(frames[i].rule, "meeting.talks-in-place" | "event.joint-activity") {
            people = view(frames[i].sentence).map(|v| v.pair.to_vec()).unwrap_or_default();
        }
        // "the next summit": the same parties as the last one.
        if frames[i].rule == "meeting.hosted" && view(frames[i].sentence).is_some_and(|v| v.masked.text.contains("next summit") || v.masked.text.contains("next meeting")) {
            if let Some(j) = (0..i).rev().find(|&j| !frames[j].dropped && frames[j].kind == EventKind::Meeting) {
                for &p in &frames[j].agents {
                    if !people.contains(&p) {
                        people.push(p);
                    }
                }
            }
        }
        if people.is_empty() && frames[i].modality == Modality::Negated {
            let s = frames[i].sentence;
            let previous = (0..i).rev().find(|&j| !frames[j].dropped && frames[j].sentence + 2 >= s && frames[j].sentence <= s && matches!(frames[j].kind, EventKind::Meeting | EventKind::Signing));
            if let Some(j) = previous {
                people = frames[j].agents.iter().copied().filter(|&a| registry.list[a].kind == EntityType::Person || frames[j].agents.iter().all(|&b| registry.list[b].kind != EntityType::Person)).collect();
                frames[i].location = frames[i].location.or(frames[j].location);
                frames[i].start = frames[i].start.or(frames[j].start);
                frames[i].end = frames[i].end.or(frames[j].end);
            } else if frames[i].kind == EventKind::Meeting {
                if let Some(j) = (0..i).rev().find(|&j| !frames[j].dropped && frames[j].kind == EventKind::Visit) {
                    people = frames[j].agents.clone();
                }
            } else if let Some(v) = view(s) {
                people = v.pair.to_vec();
            }
        }
        // A spokesperson's press conference is also their body's.
        if frames[i].rule == "event.press-conference" {
            let bodies: Vec<usize> = people
                .iter()
                .flat_map(|&p| ctx.titles.iter().filter(move |t| t.person == p && t.role.starts_with("spokes")).filter_map(|t| t.organization))
                .collect();
            for b in bodies {
                if !people.contains(&b) {
                    people.push(b);
                }
            }
        }
        frames[i].agents = people;
        frames[i].others.clear();
        if frames[i].agents.len() < 2 && frames[i].modality != Modality::Negated && frames[i].kind == EventKind::Meeting {
            frames[i].dropped = true;
        }
        if frames[i].agents.is_empty() && frames[i].modality != Modality::Negated {
            frames[i].dropped = true;
        }
    }
    // Signings referring back ("The memorandum was signed by …") join the earlier signing.
    for i in 0..frames.len() {
        if frames[i].kind != EventKind::Signing || frames[i].dropped || !frames[i].anaphoric {
            continue;
        }
        let earlier = (0..i).rev().find(|&j| frames[j].kind == EventKind::Signing && !frames[j].dropped && frames[j].sentence + 3 >= frames[i].sentence && frames[j].sentence < frames[i].sentence);
        if let Some(j) = earlier {
            let extra = frames[i].agents.clone();
            for e in extra {
                if !frames[j].agents.contains(&e) {
                    frames[j].agents.push(e);
                }
            }
            if frames[j].start.is_none() {
                frames[j].start = frames[i].start;
                frames[j].end = frames[i].end;
            }
            frames[i].dropped = true;
            for a in agreements.iter_mut() {
                if a.resulted_from == Some(i) {
                    a.resulted_from = Some(j);
                }
            }
        }
    }
    // Talks, signings and other events during a visit: part of it, at its city.
    for i in 0..frames.len() {
        if frames[i].dropped || !matches!(frames[i].kind, EventKind::Meeting | EventKind::Signing | EventKind::Event) || frames[i].part_of.is_some() {
            continue;
        }
        // The visit it took place during: the visitor takes part, the others are on the
        // host's side (or it is told in the same sentence), the dates fit. Preference: the
        // visitor leads the talks, the host takes part, the same sentence, an explicit date.
        let mut best: Option<(i32, usize)> = None;
        for j in 0..frames.len() {
            if frames[j].dropped || frames[j].kind != EventKind::Visit || frames[j].modality == Modality::Negated {
                continue;
            }
            let visitor = frames[j].agents[0];
            let visitor_country = country(registry, visitor);
            if !frames[i].agents.contains(&visitor) && !visitor_country.is_some_and(|c| frames[i].agents.contains(&c)) {
                continue;
            }
            let others_there = frames[i].agents.iter().filter(|&&a| a != visitor).any(|&a| {
                let home = country(registry, a);
                frames[j].dest.iter().any(|&d| country(registry, d) == home)
            });
            let same_sentence = frames[j].sentence == frames[i].sentence;
            let (dated_inside, explicit) = match (frames[i].start, frames[j].start, frames[j].end) {
                (Some(DateValue::Day(d)), Some(DateValue::Day(s)), Some(DateValue::Day(e))) => (s <= d && d <= e, true),
                (Some(_), Some(_), _) => (frames[i].start == frames[j].start, true),
                (None, _, _) => (true, false),
                (Some(_), None, _) => (same_sentence, false),
            };
            let near = frames[j].sentence <= frames[i].sentence + 1;
            if !((others_there || same_sentence) && dated_inside && near) {
                continue;
            }
            let mut score = 0;
            if frames[i].agents.first() == Some(&visitor) {
                score += 4;
            }
            if frames[j].host.is_some_and(|h| frames[i].agents.contains(&h)) {
                score += 2;
            }
            if same_sentence {
                score += 2;
            }
            if explicit {
                score += 1;
            }
            if best.is_none_or(|(b, _)| score > b) {
                best = Some((score, j));
            }
        }
        let best = best.map(|(_, j)| j);
        if let Some(j) = best {
            frames[i].part_of = Some(j);
            if frames[i].location.is_none() {
                frames[i].location = frames[j].location;
            }
            if frames[i].modality == Modality::Asserted && frames[j].modality != Modality::Asserted {
                frames[i].modality = frames[j].modality;
            }
        }
    }
    // Agreements: parties from the signing or talks (their countries), else the sentence's pair.
    for a in agreements.iter_mut() {
        if let Some(src) = a.resulted_from {
            if frames[src].dropped {
                a.resulted_from = frames.iter().position(|f| !f.dropped && f.kind == frames[src].kind && f.sentence + 3 >= frames[src].sentence && f.agents.iter().any(|x| frames[src].agents.contains(x)));
            }
        }
        if a.parties.len() >= 2 {
            continue;
        }
        // (Listed in the kept list, and copied only when kept.)
        let parties = &mut visit_ids;
        parties.clear();
        if let Some(src) = a.resulted_from {
            for &p in &frames[src].agents {
                if let Some(c) = country(registry, p) {
                    if !parties.contains(&c) {
                        parties.push(c);
                    }
                }
            }
        }
        if parties.len() >= 2 {
            a.parties.clone_from(parties);
        } else if let Some(pair) = view(a.sentence).map(|v| &v.pair).filter(|pair| pair.len() >= 2) {
            // The two countries the article is about at this point.
            a.parties = pair.to_vec();
        }
    }
    super::keep(&LINK_LISTS, LinkLists { countries, article, visit_ids });
    // An agreement between no one known is not stated well enough to keep.
    agreements.retain(|a| !a.parties.is_empty());
}

/// [`link`]'s table of the entities' countries and its list of visits (also of an agreement's
/// parties), kept by the thread from one article to the next.
#[derive(Default)]
struct LinkLists {
    /// Each entity's country, and the article (a count) whose entity it was computed for: a
    /// slot of another article is computed again when asked for.
    countries: Vec<std::cell::Cell<(u32, Option<usize>)>>,
    /// The count of the article being linked.
    article: u32,
    visit_ids: Vec<usize>,
}

thread_local! {
    static LINK_LISTS: std::cell::RefCell<LinkLists> = std::cell::RefCell::new(LinkLists::default());
}

#[cfg(test)]
mod tests {
    use crate::extract::Extractor;
    use crate::facts::*;

    /// What the stage read from the captures of [`super::AGREEMENT_NP`]: every match's span,
    /// its kind's span and whether it had the plural group.
    fn agreement_nps_by_captures(text: &str) -> Vec<super::AgreementNp> {
        let re = &super::COMPILED.agreement;
        re.captures_iter(text)
            .map(|caps| {
                let whole = caps.get(0).expect("match");
                let kind = caps.name("kind").expect("kind");
                super::AgreementNp { start: whole.start(), end: whole.end(), kind: (kind.start(), kind.end()), plural: caps.name("plural").is_some() }
            })
            .collect()
    }

    const NP_PIECES: &[&str] = &[
        "a", "an", "the", "The", "no", "this", "two", "big", "new", "long-term", "2024", "x_y", "treaty", "Treaty", "treatys", "treatya",
        "treatyx", "memorandum", "Memorandum", "memoranda", "memorandums", "memorandum of understanding", "memorandum of underſtanding",
        "MEMORANDUM OF UNDERSTANDING", "memorandum of", "of understanding", "agreement", "agreements", "Agreement", "agreementa",
        "deal", "deals", "dealer", "Deal", "ideal", "contract", "contracts", "contractor", "executive programme", "executive", "programme",
        "joint declaration", "joint", "declaration", "declarations", "accord", "accordance", "accords", "pact", "pacts", "impact",
        "signed", "on", "with", "\u{E000}C0\u{E001}", "\u{E000}P1\u{E001}", ",", ".", "-", "_", "é", "’", "\u{a0}", "  ", "\n", "K",
        "x-", "-x", "_-", "a-b", "de", "al", "pacta", "Pacts", "JOINT DECLARATION", "executive programmes", "treat", "memo", "joined",
        "continue", "according", "Pac", "dea",
    ];

    /// [`super::last_word_start`] finds what reading by characters finds, on every cut of the
    /// example sentences and of random ones (with characters outside ASCII).
    #[test]
    fn last_word_start_as_by_characters() {
        let mut sentences = crate::extract::testing::example_sentences();
        let pieces: Vec<&str> = READER_PIECES.iter().chain(EDGE_PIECES).copied().chain(["é", "naïve", "O'Neil", "x-ray", "ſ", "\u{212A}", "—", "日本"]).collect();
        sentences.extend(crate::extract::testing::random_sentences(&pieces, 3_000, 8, 4));
        let mut cuts = 0;
        for s in &sentences {
            for end in (0..=s.len()).filter(|&e| s.is_char_boundary(e)) {
                let t = &s[..end];
                assert_eq!(super::last_word_start(t), super::last_word_start_by_chars(t), "{t:?}");
                cuts += 1;
            }
        }
        assert!(cuts > 100_000, "{cuts}");
    }

    /// [`super::begins`] tells what `starts_with` tells, for every word of the readers' lists
    /// and their prefixes, against every text cut from them and from a sentence at every start.
    #[test]
    fn begins_as_starts_with() {
        let mut words: Vec<&str> = vec!["", "a", "é", "\u{E000}"];
        words.extend(super::TRAVEL_VERBS.iter().chain(super::PAID_VERBS).chain(super::HELD_VERBS).chain(super::INTRO_WORDS).chain(super::TOPIC_STOPS));
        words.extend(["said", "says", "added", "According to", "according to", "Citing", "Asked ", "Meanwhile", "reporters", "journalists", "declined to confirm"]);
        let sentence = "He said on Monday that the travelling minister paid a visit to \u{E000}C1\u{E001} and will also go to Paris, according to reporters; é";
        let mut texts: Vec<&str> = (0..=sentence.len()).filter(|&i| sentence.is_char_boundary(i)).map(|i| &sentence[i..]).collect();
        texts.extend(words.iter().flat_map(|w| (0..=w.len()).filter(|&i| w.is_char_boundary(i)).map(move |i| &w[..i])));
        let mut yes = 0;
        for t in &texts {
            for w in &words {
                assert_eq!(super::begins(t, w), t.starts_with(w), "{t:?} {w:?}");
                yes += usize::from(super::begins(t, w));
            }
        }
        assert!(yes > 200, "{yes}");
    }

    /// [`super::kind_may_begin`]'s two tables and loaded word tell what the tests one by one
    /// tell, for every pair of bytes followed by the rest of each kind word (in both cases, cut
    /// at every length), at the start and at the last two bytes.
    #[test]
    fn kind_may_begin_as_told_one_by_one() {
        let mut tails: Vec<Vec<u8>> = vec![Vec::new()];
        for (word, _) in crate::extract::rules::AGREEMENT_WORDS {
            for w in [word.to_string(), word.to_ascii_uppercase()] {
                for cut in 3..=w.len().min(6) {
                    tails.push(w.as_bytes()[2..cut].to_vec());
                }
            }
        }
        let mut passed = 0;
        for a in 0..=255u8 {
            for b in 0..=255u8 {
                for tail in &tails {
                    let mut bytes = vec![a, b];
                    bytes.extend_from_slice(tail);
                    for k in [0, 1] {
                        let fast = super::kind_may_begin(&bytes, k);
                        assert_eq!(fast, super::kind_may_begin_plain(&bytes, k), "{bytes:?} at {k}");
                        passed += usize::from(fast);
                    }
                }
            }
        }
        assert!(passed > 100, "{passed}");
    }

    /// The look-up by first byte finds what `contains` finds, for every word of the lists, their
    /// prefixes and extensions, and the empty word.
    #[test]
    fn words_found_by_first_byte_as_by_contains() {
        for (words, table) in [(super::AUX, &super::AUX_BY_FIRST), (super::PREPOSITIONS, &super::PREPOSITIONS_BY_FIRST)] {
            let mut probes: Vec<String> = vec![String::new(), "X".into(), "Will".into(), "é".into()];
            for w in words.iter().chain(super::PREPOSITIONS).chain(super::AUX) {
                probes.extend([w.to_string(), w[..w.len() - 1].to_string(), format!("{w}s"), format!("x{w}"), w.to_uppercase()]);
            }
            for probe in &probes {
                assert_eq!(super::one_of_words(words, table, probe), words.contains(&probe.as_str()), "{probe:?}");
            }
        }
    }

    /// Every kind word holds one of the agreement cues (in this case), so that every sentence
    /// with an agreement passes the cue test.
    #[test]
    fn every_kind_word_holds_an_agreement_cue() {
        for (word, _) in crate::extract::rules::AGREEMENT_WORDS {
            assert!(super::AGREEMENT_CUES.iter().any(|cue| word.contains(cue)), "{word}");
        }
    }

    #[test]
    fn agreement_groups_read_by_hand_as_by_captures() {
        let mut sentences = crate::extract::testing::example_sentences();
        sentences.extend(crate::extract::testing::random_sentences(NP_PIECES, 100_000, 10, 4));
        let re = &super::COMPILED.agreement;
        // Matches found by hand, and by the regex (in texts with a long s).
        let (mut by_hand, mut by_regex) = (0, 0);
        for s in &sentences {
            let expected = agreement_nps_by_captures(s);
            *if s.contains('ſ') { &mut by_regex } else { &mut by_hand } += expected.len();
            assert_eq!(super::agreement_nps(re, s).collect::<Vec<_>>(), expected, "{s:?}");
            // The first match of a window, as `link` reads it.
            let cut = super::floor(s, s.len() / 2);
            assert_eq!(super::agreement_nps(re, &s[..cut]).next(), agreement_nps_by_captures(&s[..cut]).first().copied(), "{s:?}");
        }
        assert!(by_hand > 20_000 && by_regex > 1_000, "{by_hand} {by_regex}");
    }

    /// Words, placeholders and marks of the rules with hand readers, for random sentences.
    const READER_PIECES: &[&str] = &[
        "signed", "sign", "signs", "signing", "signingx", "inked", "put", "their", "his", "her", "the", "signatures", "names", "signature",
        "name", "to", "tox", "with", "in", "at", "and", ",", ", and", ".", ";", "met", "meet", "meets", "meeting", "meetings", "held", "hold",
        "holds", "holding", "had", "have", "has", "having", "conducted", "conduct", "talks", "negotiations", "consultations", "lunch", "dinner",
        "long", "two-hour", "travel", "travels", "travelled", "traveling", "fly", "flew", "go", "goes", "went", "came", "stop", "heads", "head",
        "headed", "also", "paid", "pays", "made", "making", "began", "begun", "undertook", "started", "is", "was", "on", "an", "a", "state",
        "three-day", "official", "visit", "visited", "visiting", "toured", "touring", "visits", "trip", "trips", "tour", "tours", "2", "\u{E000}L12\u{E001}", "\u{E000}C7\u{E001}", "officials", "diplomats", "delegation", "delegations", "representatives", "members", "of", "\u{E000}J5\u{E001}", "\"", "\u{E000}P0\u{E001}", "\u{E000}G12\u{E001}",
        "\u{E000}L2\u{E001}", "\u{E000}C3\u{E001}", "\u{E000}O4\u{E001}", "\u{E000}P\u{E001}", "\u{E000}", "\u{E001}", "deal", "\u{a0}",
        "  ", "\n", "é", "_", "-", "x", "arrived", "arrives", "arriving", "landed", "lands", "for", "stay", "by", "be", "been", "were", "are",
        "invited", "invite", "inviting", "come", "pay", "At", "invitation", "His", "Her", "Majesty", "Excellency", "Mr.", "Mr", "Mrs", "Dr",
        "press conference", "press", "conference", "told", "gave", "opened", "during", "round", "new", "'s", "took place", "taken place",
        "take place", "took", "place", "\u{E000}O1\u{E001}'s",
    ];

    /// Words glued to the triggers (a match starts only at a word boundary, or for
    /// `signing.passive` and `meeting.took-place` inside a word too), placeholders of every
    /// class and marks: the edges of the hand matchers, for random sentences.
    const EDGE_PIECES: &[&str] = &[
        "resigned", "cosigned", "this", "this signed", "unmet", "methods", "metal", "Met", "design", "insignia", "upheld", "withheld",
        "shad", "overhead", "undergo", "ago", "income", "become", "nonstop", "repaid", "unpaid", "remade", "revisit", "detour", "island",
        "Paris", "wasp", "beat", "format", "that", "renew", "knew", "ont", "thea", "them", "xat", "at the invitation of", "At the",
        "a round of", "round of", "the", "the ", "cotalks", "xmeeting", "ing-talks", "have", "has", "\u{E000}N6\u{E001}",
        "\u{E000}J5\u{E001}", "\u{E000}X8\u{E001}", "\u{E000}O4\u{E001}'s", "\u{E000}P1\u{E001}'s", "\u{E000}L3", "\u{E000}C", "L4\u{E001}", "'", "’",
        "“", "”", "(", ")", ":", "!", "?", "0", "9", "_x", "x-", "ſ", "\u{212A}", "that", "which", "organised by", "organized by", "forum",
        "joint", "survey", "surveys", "drill", "drills", "exercise", "patrols", "study", "planned", "scheduled", "expected", "due", "set",
        "first", "The", "revisit", "sightseeing-trip", "2-day", "held with", "had with", "and", "his", "host", "hosted", "hosts", "hosting",
        "will", "would", "ministers from", "leaders from", "delegations", "representatives from", "took part", "participated", "attended",
        "summit", "gathering", "\u{E000}G9\u{E001}", "bathe",
    ];

    /// Where a rule's named groups are in its pattern's captures, looked up once rather than by name
    /// for every match: how the tests read the regex's matches to compare them with the hand readers'.
    #[derive(Debug, Clone, Copy)]
    struct Groups {
        /// The trigger, which every rule has.
        t: usize,
        agent: Option<usize>,
        inviter: Option<usize>,
        with: Option<usize>,
        by: Option<usize>,
        invitee: Option<usize>,
        dest: Option<usize>,
        dest2: Option<usize>,
        loc: Option<usize>,
        adj: Option<usize>,
    }

    impl Groups {
        /// The spans of `caps`, a match of the rule these groups are of.
        fn spans(&self, caps: &regex::Captures<'_>) -> super::Spans {
            let span = |m: regex::Match<'_>| (m.start(), m.end());
            let get = |group: Option<usize>| group.and_then(|i| caps.get(i)).map(span);
            super::Spans {
                whole: span(caps.get(0).expect("match")),
                t: span(caps.get(self.t).expect("trigger")),
                agent: get(self.agent),
                inviter: get(self.inviter),
                with: get(self.with),
                by: get(self.by),
                invitee: get(self.invitee),
                dest: get(self.dest),
                dest2: get(self.dest2),
                loc: get(self.loc),
                adj: get(self.adj),
            }
        }

        fn of(rule: &super::Rule, re: &regex::Regex) -> Self {
            let index = |name: &str| re.capture_names().position(|n| n == Some(name));
            Self {
                t: index("t").unwrap_or_else(|| panic!("rule {} has no trigger", rule.name)),
                agent: index("agent"),
                inviter: index("inviter"),
                with: index("with"),
                by: index("by"),
                invitee: index("invitee"),
                dest: index("dest"),
                dest2: index("dest2"),
                loc: index("loc"),
                adj: index("adj"),
            }
        }
    }

    /// A rule's pattern, compiled as the extractor compiled it before every rule had a hand
    /// reader, and its groups: the oracle of the reader.
    fn oracle(rule: &super::Rule) -> (regex::Regex, Groups) {
        let re = crate::extract::regex(&super::super::rules::expand(rule.pattern)).unwrap_or_else(|e| panic!("rule {}: {e}", rule.name));
        let groups = Groups::of(rule, &re);
        (re, groups)
    }

    /// The spans `re` gives its match at `at` (a character boundary of `s`): its leftmost match
    /// from `at` when that starts there. Also the start of that leftmost match, from which on
    /// the answer is found again.
    fn regex_at(re: &regex::Regex, groups: &Groups, s: &str, at: usize) -> (usize, Option<super::Spans>) {
        match re.captures_at(s, at) {
            Some(caps) => (caps.get(0).expect("match").start(), Some(groups.spans(&caps))),
            None => (s.len() + 1, None),
        }
    }

    /// Whether `matcher`, `rule`'s, finds the matches its regex finds in each of `sentences`, with
    /// every group (as `captures_iter` reads them), and its reader, at every character boundary,
    /// reads the match the regex has there or none. How many matches there were.
    fn assert_matches_as_the_regex(rule: &super::Rule, matcher: super::Matcher, sentences: &[String]) -> usize {
        let (re, groups) = oracle(rule);
        let mut found = 0;
        for s in sentences {
            let expected: Vec<super::Spans> = re.captures_iter(s).map(|caps| groups.spans(&caps)).collect();
            found += expected.len();
            assert_eq!(super::hand_matches(s, matcher).collect::<Vec<_>>(), expected, "{} {s:?}", rule.name);
            // At every boundary: the regex's next match from there says what starts there.
            let (mut next, mut spans) = regex_at(&re, &groups, s, 0);
            for at in (0..s.len()).filter(|&at| s.is_char_boundary(at)) {
                if at > next {
                    (next, spans) = regex_at(&re, &groups, s, at);
                }
                let expected = if at == next { spans } else { None };
                assert_eq!((matcher.read)(s, at), expected, "{} at {at} {s:?}", rule.name);
                if expected.is_some() {
                    assert!(matcher.first.has(s.as_bytes()[at]), "{} starts with {:?}", rule.name, &s[at..]);
                    assert!(!matcher.word || super::word_start(s, at), "{} starts inside a word: {:?}", rule.name, &s[at..]);
                }
            }
        }
        found
    }

    /// The rules whose hand matchers [`second_hand_matchers_match_as_the_regex`] checks, on
    /// sentences of their own words ([`hand_matchers_match_as_the_regex`] checks the others):
    /// every rule on both sets of sentences cost too much in a debug build.
    const SECOND_READERS: &[&str] = &[
        "invitation.at-x-s-invitation", "invitation.accepted", "invitation.not-invited", "visit.the-one-x-made", "meeting.possessive-talks",
        "meeting.talks-between", "meeting.chair-a-meeting-of", "meeting.for-a-meeting-with", "meeting.received-by",
        "meeting.hold-the-next-meeting", "meeting.of-the-delegations", "event.parade", "event.ratified-by", "event.took-office",
        "event.for-a-forum", "event.decision", "event.greeted",
    ];

    /// Every rule's hand matcher but [`SECOND_READERS`] matches as its regex does.
    #[test]
    fn hand_matchers_match_as_the_regex() {
        let mut sentences = crate::extract::testing::example_sentences();
        let pieces: Vec<&str> = READER_PIECES.iter().chain(EDGE_PIECES).copied().collect();
        sentences.extend(crate::extract::testing::random_sentences(&pieces, 150_000, 14, 4));
        let mut state = 0x2545_F491_4F6C_DD1D;
        for seed in RULE_SEEDS.iter().chain(READER_SEEDS) {
            sentences.extend(variants(seed, 6_000, &mut state));
        }
        for (rule, matcher) in super::COMPILED.rules.iter().filter(|(rule, _)| !SECOND_READERS.contains(&rule.name)) {
            let found = assert_matches_as_the_regex(rule, *matcher, &sentences);
            assert!(found > 20_000, "{} matched {found}", rule.name);
        }
    }

    /// The hand matchers of [`SECOND_READERS`] match as their regexes do.
    #[test]
    fn second_hand_matchers_match_as_the_regex() {
        let mut sentences = crate::extract::testing::example_sentences();
        sentences.extend(crate::extract::testing::random_sentences(SECOND_PIECES, 100_000, 14, 4));
        let mut state = 0x6A09_E667_F3BC_C908;
        for seed in SECOND_SEEDS {
            sentences.extend(variants(seed, 3_000, &mut state));
        }
        for name in SECOND_READERS {
            let (rule, matcher) = super::COMPILED.rules.iter().find(|(rule, _)| rule.name == *name).expect("a rule");
            let found = assert_matches_as_the_regex(rule, *matcher, &sentences);
            assert!(found > 4_000, "{name} matched {found}");
        }
    }

    /// Sentences the rules of [`SECOND_READERS`] match, to be varied at random.
    const SECOND_SEEDS: &[&str] = &[
        "At \u{E000}P0\u{E001}'s invitation, at the \u{E000}C1\u{E001}'s invitation and at \u{E000}O2\u{E001}'s invitation to \u{E000}L3\u{E001}",
        "\u{E000}P0\u{E001} accepted \u{E000}P1\u{E001}'s invitation to visit \u{E000}C2\u{E001}, accepts \u{E000}G3\u{E001}'s invitation to come to the \u{E000}L4\u{E001} and accept \u{E000}P5\u{E001}'s invitation to travel to \u{E000}C6\u{E001}",
        "\u{E000}C0\u{E001}, which was not invited, the \u{E000}O1\u{E001}, who had not been invited and \u{E000}P2\u{E001}, who were not invited",
        "the one \u{E000}P0\u{E001} made to \u{E000}L1\u{E001} and the one \u{E000}G2\u{E001} paid to the \u{E000}C3\u{E001}; the one \u{E000}P4\u{E001} paid to \u{E000}C5\u{E001}",
        "\u{E000}P0\u{E001}'s talks with his \u{E000}P1\u{E001} and \u{E000}P2\u{E001}, \u{E000}G3\u{E001}'s meetings with the \u{E000}P4\u{E001},\u{E000}P5\u{E001} and \u{E000}P6\u{E001}'s meeting with their her \u{E000}G7\u{E001}",
        "talks between \u{E000}C0\u{E001} and the \u{E000}O1\u{E001}, negotiations between the \u{E000}P2\u{E001} and \u{E000}N3\u{E001} and the meeting between \u{E000}G4\u{E001} and \u{E000}C5\u{E001}",
        "\u{E000}P0\u{E001} co-chaired a session of the \u{E000}O1\u{E001} in \u{E000}L2\u{E001}, chairs the summit of \u{E000}C3\u{E001} and attended an extraordinary meeting of \u{E000}N4\u{E001} in the \u{E000}C5\u{E001}",
        "will attend the annual_ministerial meeting of \u{E000}G0\u{E001}, co-chair a joint-ministerial session of the \u{E000}C1\u{E001} and chaired the Ünïted summit of \u{E000}O2\u{E001} in \u{E000}L3\u{E001}",
        "attends a ٣٣ meeting of \u{E000}G0\u{E001}, co-chairs the e\u{301}te\u{301} session of \u{E000}C1\u{E001} and attend a x\u{200D}y\u{203F}z summit of \u{E000}O2\u{E001}",
        "for a meeting with \u{E000}P0\u{E001}, during talks with \u{E000}P1\u{E001} and \u{E000}G2\u{E001}, at an meeting with his \u{E000}P3\u{E001}, the \u{E000}P4\u{E001}",
        "\u{E000}P0\u{E001} was received by the \u{E000}P1\u{E001} and \u{E000}P2\u{E001}; they were received by his \u{E000}G3\u{E001}, being received by the the \u{E000}P4\u{E001}",
        "to hold the next meeting of \u{E000}O0\u{E001}, convene the next session of the \u{E000}C1\u{E001} and host the next round of \u{E000}G2\u{E001}",
        "the meeting of \u{E000}G0\u{E001}, talks between \u{E000}G1\u{E001} and meeting between \u{E000}G2\u{E001} after talks of \u{E000}G3\u{E001}",
        "\u{E000}P0\u{E001} attended a military parade, watched the big victory parade and reviewed parade; held a parade and attend the the parade",
        "ratified by \u{E000}C0\u{E001} and by the \u{E000}O1\u{E001}, ratified by the \u{E000}P2\u{E001} and \u{E000}G3\u{E001} and ratified by \u{E000}N4\u{E001}",
        "since taking office, he took office and will take office; she takes office after having taken office",
        "for an investment forum, for a big new trade fair, for a three-day film festival and for an art exhibition or for a conference",
        "the \u{E000}C0\u{E001}'s decision, \u{E000}P1\u{E001}'s decision to go and the \u{E000}O2\u{E001}'s decisions after \u{E000}N3\u{E001}'s decision",
        "\u{E000}P0\u{E001} greeted \u{E000}P1\u{E001} on arrival at the \u{E000}L2\u{E001}, welcomed \u{E000}G3\u{E001} at the the \u{E000}C4\u{E001} and greeted \u{E000}P5\u{E001} on arrival",
    ];

    /// Words, phrases, placeholders and marks of the rules of [`SECOND_READERS`] and what is
    /// next to them: words glued to them, upper case, letters, digits, marks and joiners outside
    /// ASCII (which `\w` takes), hyphens and marks it does not.
    const SECOND_PIECES: &[&str] = &[
        "At", "at", "'s invitation", "'s invitation to", "invitation", "accepted", "accepts", "accept", "acceptance", "to", "visit", "come to",
        "travel to", ", which", ", who", "which", "who", "was", "were", "had", "not", "been", "invited", "not invited", "the one", "one", "made",
        "paid", "made to", "talks", "meeting", "meetings", "with", "talks with", "meeting with", "his", "her", "their", "the", "The",
        "negotiations", "between", "and", ",", "co-chair", "chair", "attend", "co-chaired", "chaired", "attended", "co-chairs", "chairs",
        "attends", "Chair", "a", "an", "session", "summit", "of", "meeting of", "session of", "summit of", "in", "for", "during", "for a",
        "for an", "is", "are", "being", "received", "received by", "by", "this", "hold", "convene", "host", "the next", "next", "round",
        "watched", "reviewed", "held", "parade", "parades", "military", "ratified", "ratified by", "taking", "took", "take", "takes", "taken",
        "office", "officer", "took office", "forum", "conference", "festival", "exhibition", "fair", "fairs", "forums", "trade", "'s decision",
        "decision", "decisions", "greeted", "welcomed", "on arrival", "arrival", "on", "\u{E000}P0\u{E001}", "\u{E000}P1\u{E001}'s",
        "\u{E000}G2\u{E001}", "\u{E000}C3\u{E001}", "\u{E000}O4\u{E001}", "\u{E000}N5\u{E001}", "\u{E000}L6\u{E001}", "\u{E000}J7\u{E001}",
        "\u{E000}X8\u{E001}", "\u{E000}G9\u{E001}'s", "\u{E000}", "\u{E001}", "bathe", "xat", "unheld", "overhost", "retook", "ſ", "\u{212A}",
        "Ünïted", "٣", "e\u{301}", "\u{203F}", "\u{200D}", "\u{200C}", "\u{2011}", "—", "中文", "x_y", "-", "_", "2-day", ".", ";", "\"",
        "\u{a0}", "  ", "\n", "'",
    ];

    /// Sentences the rules with hand readers match, to be varied at random.
    const READER_SEEDS: &[&str] = &[
        "\u{E000}P0\u{E001} visited the the \u{E000}L2\u{E001}, visits \u{E000}C1\u{E001} and will tour the \u{E000}C3\u{E001} after touring \u{E000}L4\u{E001}",
        "They came to \u{E000}L2\u{E001}, stopped in \u{E000}C1\u{E001}, headed also to the \u{E000}L4\u{E001} and will fly on in \u{E000}C3\u{E001}",
        "She goes to \u{E000}C1\u{E001}. He comes in \u{E000}L2\u{E001} and heading to \u{E000}C7\u{E001} travels to the \u{E000}C3\u{E001}",
        "\u{E000}P0\u{E001} travelled on to \u{E000}L2\u{E001} and flew also in the \u{E000}C1\u{E001}, then went to the \u{E000}C3\u{E001}",
        "\u{E000}P0\u{E001} paid a three-day state visit to \u{E000}C1\u{E001} and was on an official working visits in the \u{E000}L2\u{E001}",
        "He is on the the visit trip to \u{E000}C1\u{E001}, began his tour in \u{E000}L2\u{E001} and made a a b visit to \u{E000}C3\u{E001}",
        "\u{E000}P0\u{E001} met with \u{E000}J5\u{E001} officials and representatives of the \u{E000}O4\u{E001} in \u{E000}L2\u{E001}",
        "They meet \u{E000}P1\u{E001}, his \u{E000}P2\u{E001} and delegations of \u{E000}C3\u{E001} in the \u{E000}C3\u{E001}. He meets in \u{E000}L2\u{E001}",
        "\u{E000}P0\u{E001} held a long working meeting with his \u{E000}P1\u{E001} and their \u{E000}J5\u{E001} delegation; they had lunch with the \u{E000}G3\u{E001}",
        "has held talks with members of \u{E000}P1\u{E001},\u{E000}P2\u{E001} and conducted two-hour negotiations with \u{E000}J5\u{E001} diplomats",
        "\u{E000}P0\u{E001} signed a deal with \u{E000}P1\u{E001}, \u{E000}G2\u{E001} and the \u{E000}P3\u{E001} in \u{E000}L2\u{E001}",
        "They put their signatures to it with his \u{E000}P1\u{E001} and \u{E000}P2\u{E001} at the \u{E000}C3\u{E001}. It was inked in \u{E000}L4\u{E001}",
        "\u{E000}C0\u{E001} will sign with \u{E000}P1\u{E001},\u{E000}P2\u{E001}, and  \u{E000}P3\u{E001} at \u{E000}L4\u{E001}; signing with \u{E000}G5\u{E001}",
        "\u{E000}P0\u{E001} arrived in \u{E000}L2\u{E001} on Monday for a three-day state visit to the \u{E000}C1\u{E001}, lands in \u{E000}L4\u{E001} for an official stay and arrives in the \u{E000}C3\u{E001}",
        "They landed in \u{E000}C1\u{E001}, said \u{E000}P0\u{E001}, for a trip; arriving in \u{E000}L2\u{E001} \"for a visit\" and arrive in \u{E000}C3\u{E001} x-ray for a visit to \u{E000}L4\u{E001}",
        "The deal was signed on Monday by \u{E000}P0\u{E001} and \u{E000}G1\u{E001}; it is signed, were signed by his \u{E000}P2\u{E001}, been signed by the \u{E000}P3\u{E001}",
        "deals are signed by \u{E000}P1\u{E001},\u{E000}P2\u{E001}, and  \u{E000}P3\u{E001}. This signed by \u{E000}P4\u{E001} to be signed \"by \u{E000}P5\u{E001}\"",
        "\u{E000}P0\u{E001} invited \u{E000}P1\u{E001} to visit \u{E000}C2\u{E001}, invites \u{E000}G3\u{E001} to come to the \u{E000}L4\u{E001} and inviting \u{E000}P5\u{E001} to the \u{E000}C6\u{E001}",
        "invite \u{E000}P1\u{E001} to travel to \u{E000}L2\u{E001} and invited \u{E000}P3\u{E001} to pay a visit to the \u{E000}C4\u{E001}, invites \u{E000}P5\u{E001} to visit the \u{E000}C6\u{E001}",
        "At the invitation of the His Majesty Mr. \u{E000}P0\u{E001}, at the invitation of Dr \u{E000}P1\u{E001} and at the invitation of the the \u{E000}O2\u{E001}",
        "at the invitation of Her Excellency Mrs. \u{E000}P3\u{E001}, At the invitation of \u{E000}C4\u{E001} and at the invitation of Ms \u{E000}G5\u{E001}",
        "At the invitation of His Highness \u{E000}P6\u{E001}, at the invitation of the Mr \u{E000}P7\u{E001} and at the invitation of Mrs \u{E000}G8\u{E001}",
        "\u{E000}P0\u{E001} told a joint press conference in \u{E000}L2\u{E001}, at the \u{E000}O1\u{E001}'s press conference and during an hour-long press conference in the \u{E000}C3\u{E001}",
        "He held \u{E000}P0\u{E001}'s weekly press conference; opened the press conference and gave a news press conference in \u{E000}L2\u{E001}",
        "told the press conference, at a press conference in the \u{E000}L1\u{E001} and during his first joint press conference in \u{E000}C2\u{E001}",
        "a round of talks in \u{E000}L2\u{E001}, the negotiations in the \u{E000}C1\u{E001} and new talks in \u{E000}L3\u{E001} after the talks in the \u{E000}L4\u{E001}",
        "new negotiations in \u{E000}C1\u{E001}, a round of negotiations in the \u{E000}L2\u{E001} and the talks in \u{E000}C3\u{E001}",
        "\u{E000}P0\u{E001}'s tour to \u{E000}L2\u{E001}, \u{E000}P1\u{E001}'s first official working visit to the \u{E000}C3\u{E001} and \u{E000}G4\u{E001}'s a b c d visit to \u{E000}C5\u{E001}",
        "\u{E000}G0\u{E001}'s trip to \u{E000}C1\u{E001}, \u{E000}P2\u{E001}'s state visit to \u{E000}L3\u{E001} and \u{E000}P4\u{E001}'s long tour to the \u{E000}L5\u{E001}",
        "after \u{E000}P0\u{E001}'s three-day official visit to \u{E000}C1\u{E001} and \u{E000}P2\u{E001}'s visit to \u{E000}C3\u{E001}; \u{E000}G4\u{E001}'s trips to \u{E000}L5\u{E001}",
        "the meeting took place, talks had taken place and two long meetings have take place; the bilateral talks took place",
        "Meetings has taken place. first meeting took place after talks take place and a two-hour meeting had took place",
        "the three-day state visit that \u{E000}P0\u{E001} paid to \u{E000}C1\u{E001}, a trip which \u{E000}G2\u{E001} made and his visit which \u{E000}P3\u{E001} paid to the \u{E000}L4\u{E001}",
        "a long official trip that \u{E000}P1\u{E001} made to the \u{E000}C2\u{E001}; the revisit that \u{E000}G3\u{E001} paid",
        "talks \u{E000}P0\u{E001} held with \u{E000}P1\u{E001}, his \u{E000}G2\u{E001} and the \u{E000}P3\u{E001}; the meeting \u{E000}G4\u{E001} had with \u{E000}P5\u{E001}",
        "the talks \u{E000}P0\u{E001} and \u{E000}G1\u{E001} held, a meeting \u{E000}P2\u{E001} and \u{E000}P3\u{E001} had with \u{E000}P4\u{E001},\u{E000}P5\u{E001}",
        "The first joint exercises are scheduled, the joint patrol was due and first joint study is expected; joint drill were set",
        "at a trade forum organised by \u{E000}O0\u{E001}, the forum organized by the \u{E000}C1\u{E001} and a big new forum organised by \u{E000}P2\u{E001}",
        "\u{E000}P0\u{E001} is in \u{E000}L2\u{E001} for a visit, were in the \u{E000}C1\u{E001} on an official working stay and been in \u{E000}L3\u{E001} on a trip",
        "They were in the \u{E000}C1\u{E001} on an official visit, he was in \u{E000}L2\u{E001} for a stay and they are in \u{E000}C3\u{E001} on a b c d trip",
        "\u{E000}C0\u{E001} hosted the meeting, where ministers from \u{E000}C1\u{E001}, \u{E000}G2\u{E001} and the \u{E000}C3\u{E001} took part; the \u{E000}C4\u{E001} will also host a summit",
        "\u{E000}G0\u{E001} is to host talks and leaders from the \u{E000}C1\u{E001}, and \u{E000}C2\u{E001} attended. bathe \u{E000}C3\u{E001} hosts a two-day trade conference",
        "the \u{E000}C0\u{E001} was hosting a gathering of representatives from \u{E000}C1\u{E001} and \u{E000}G2\u{E001} who participated; \u{E000}C3\u{E001} would host the first summit",
        "\u{E000}C0\u{E001} also hosts an informal meeting; delegations from \u{E000}C1\u{E001}, \u{E000}C2\u{E001}, \u{E000}C3\u{E001} attended while \u{E000}C4\u{E001} hosted talks",
        "talks \u{E000}P1\u{E001} had with \u{E000}P2\u{E001}; meeting \u{E000}G3\u{E001} held with the \u{E000}P4\u{E001} and \u{E000}P5\u{E001}, talks \u{E000}P6\u{E001} held with her \u{E000}P7\u{E001}",
        "after the meeting \u{E000}P0\u{E001} had with \u{E000}G1\u{E001},\u{E000}P2\u{E001} and talks \u{E000}G3\u{E001} held with \u{E000}P4\u{E001} and  \u{E000}P5\u{E001}; meeting \u{E000}P6\u{E001} had with \u{E000}P7\u{E001}",
        "talks \u{E000}P0\u{E001} and \u{E000}P1\u{E001} held, the meeting \u{E000}G2\u{E001} and \u{E000}P3\u{E001} had and talks \u{E000}P4\u{E001} and \u{E000}G5\u{E001} had on Monday",
        "meeting \u{E000}P0\u{E001} and \u{E000}P1\u{E001} had; talks \u{E000}G2\u{E001} and \u{E000}G3\u{E001} held with \u{E000}P4\u{E001} and the meeting \u{E000}P5\u{E001} and \u{E000}P6\u{E001} held",
        "the joint surveys were planned, The joint exercise is set and first joint patrols are expected; the first joint drills was due",
        "a forum organized by \u{E000}N0\u{E001}, the two-day forum organised by the \u{E000}G1\u{E001} and a business forum organized by \u{E000}C2\u{E001}",
        "the forum organised by \u{E000}O3\u{E001}; a new investment forum organized by the \u{E000}P4\u{E001} and the forum organised by \u{E000}C5\u{E001}",
        "the visit which \u{E000}P0\u{E001} made to \u{E000}L1\u{E001}, a state visit that \u{E000}G2\u{E001} paid and the two-day trip that \u{E000}P3\u{E001} made to the \u{E000}C4\u{E001}",
        "his visit that \u{E000}P5\u{E001} paid, her trip which \u{E000}P6\u{E001} made to \u{E000}C7\u{E001} and the first official visit which \u{E000}G8\u{E001} paid to the \u{E000}L9\u{E001}",
    ];

    /// Sentences each rule with second cues matches, to be varied at random.
    const RULE_SEEDS: &[&str] = &[
        "\u{E000}P0\u{E001} was in \u{E000}L2\u{E001} on a three-day state visit",
        "They are in the \u{E000}C1\u{E001} for an official trip. It has been in \u{E000}L2\u{E001} on a stay",
        "\u{E000}P0\u{E001} paid a state visit to \u{E000}C1\u{E001} and is on a trip to the \u{E000}L2\u{E001}",
        "began his tour in \u{E000}L2\u{E001}, making visits to \u{E000}C1\u{E001}",
        "\u{E000}P0\u{E001}'s state visit to \u{E000}C1\u{E001} and \u{E000}G3\u{E001}'s trip to the \u{E000}L2\u{E001}",
        "\u{E000}P0\u{E001} held talks with \u{E000}P3\u{E001} and had a long meeting; they have lunch",
        "conducted negotiations with the \u{E000}J5\u{E001} officials and representatives of \u{E000}O4\u{E001}",
        "co-chaired a session of the \u{E000}O4\u{E001} in \u{E000}L2\u{E001} and attended the summit of \u{E000}C1\u{E001}",
        "for a meeting with \u{E000}P0\u{E001}, during talks with his \u{E000}P3\u{E001} and at an meeting with \u{E000}G3\u{E001}",
        "The first joint survey is planned and joint drills were set",
        "for an investment forum, for a trade fair",
    ];

    /// Marks, words and placeholders put in, or in place of, the words of [`RULE_SEEDS`].
    const RULE_PIECES: &[&str] = &[
        "\u{E000}P0\u{E001}", "\u{E000}C1\u{E001}", "\u{E000}L2\u{E001}", "\u{E000}G3\u{E001}", "\u{E000}O4\u{E001}", "'s", "the", "a", "an", "The", "in",
        "on", "for", "to", "of", "with", "was", "is", "were", "are", "been", ",", ".", "state", "three-day", "Visit", "IN", "ſ", "s", "held", "had", "HAS",
        "talks", "meeting", "visit", "trip", "during", "at", "planned", "set", "due", "joint", "forum", "paid", "made", "began", "ON", "hold", "\u{a0}",
    ];

    /// `count` variants of `seed`: words replaced, left out, doubled or run together, pieces put
    /// in.
    fn variants(seed: &str, count: usize, state: &mut u64) -> Vec<String> {
        let mut next = move || {
            *state ^= *state << 13;
            *state ^= *state >> 7;
            *state ^= *state << 17;
            *state
        };
        let words: Vec<&str> = seed.split(' ').collect();
        (0..count)
            .map(|_| {
                let mut out: Vec<String> = words.iter().map(|w| (*w).to_owned()).collect();
                for _ in 0..1 + next() % 3 {
                    let i = (next() % out.len() as u64) as usize;
                    let piece = RULE_PIECES[(next() % RULE_PIECES.len() as u64) as usize].to_owned();
                    match next() % 5 {
                        0 => out[i] = piece,
                        1 if out.len() > 1 => {
                            out.remove(i);
                        }
                        2 => out.insert(i, piece),
                        3 if i + 1 < out.len() => {
                            let w = out.remove(i + 1);
                            out[i].push_str(&w);
                        }
                        _ => out[i] = out[i].to_uppercase(),
                    }
                }
                out.join(" ")
            })
            .collect()
    }

    /// [`super::anaphoric`] tells what [`super::ANAPHORIC`] matches.
    #[test]
    fn anaphoric_as_the_pattern() {
        let mut sentences = crate::extract::testing::example_sentences();
        let pieces: Vec<&str> = NP_PIECES.iter().chain(&["the", "THE", "tHe", "the\u{a0}", " ", "documents", "treaty", "thé", ";", "The two"]).copied().collect();
        sentences.extend(crate::extract::testing::random_sentences(&pieces, 50_000, 8, 4));
        let mut matched = 0;
        for s in &sentences {
            for cut in [s.len(), super::floor(s, s.len() / 2)] {
                let expected = super::ANAPHORIC.is_match(&s[..cut]);
                matched += usize::from(expected);
                assert_eq!(super::anaphoric(&s[..cut]), expected, "{s:?}");
            }
        }
        assert!(matched > 50, "{matched}");
    }

    /// [`super::after_run`] (the run's end by `memchr3`, the lead by `memchr`) gives what
    /// reading every byte gave, for the three runs the readers read, from every character
    /// boundary, with a reading that fails at some leads.
    #[test]
    fn after_run_reads_as_every_byte() {
        use super::{after_run, after_run_by_bytes, clause_mark, clause_mark_or_slot};
        const PIECES: &[&str] = &[
            "with", " with ", "by", " by ", "for", "for a", "for an", "for a ", "fora", "f", "w", "b", "y", ".", ";", "\"", ",", " ", "\u{E000}P1\u{E001}",
            "\u{E000}", "\u{E001}", "é", "signed", "visit", "x",
        ];
        let mut sentences = crate::extract::testing::example_sentences();
        sentences.extend(crate::extract::testing::random_sentences(PIECES, 20_000, 12, 2));
        let mut found = 0;
        for s in &sentences {
            // (A reading that fails at half the places, so the first that reads is not always
            // the first lead.)
            let reads = |lead: &'static str| move |p: usize| (s[p..].starts_with(lead) && p & 2 == 0).then_some(p);
            for from in (0..=s.len()).filter(|&i| s.is_char_boundary(i)) {
                let with = after_run(s, from, b" with ", 1, false, reads(" with "));
                assert_eq!(with, after_run_by_bytes(s, from, b' ', clause_mark, reads(" with ")), "{s:?} {from}");
                let by = after_run(s, from, b" by ", 1, false, reads(" by "));
                assert_eq!(by, after_run_by_bytes(s, from, b' ', clause_mark, reads(" by ")), "{s:?} {from}");
                let stay = after_run(s, from, b"for a", 0, true, reads("for a"));
                assert_eq!(stay, after_run_by_bytes(s, from, b'f', clause_mark_or_slot, reads("for a")), "{s:?} {from}");
                found += usize::from(with.is_some()) + usize::from(by.is_some()) + usize::from(stay.is_some());
            }
        }
        assert!(found > 50_000, "{found}");
    }

    /// The one pass over a sentence ([`super::rule_matches`]) finds every rule's matches, in the
    /// rules' order, as each rule's own scan ([`super::hand_matches`], what `read_events` ran
    /// before) finds them: with every rule on, and with a random set of rules on.
    #[test]
    fn one_pass_finds_each_rules_matches_as_its_own_scan() {
        let mut sentences = crate::extract::testing::example_sentences();
        let pieces: Vec<&str> = READER_PIECES.iter().chain(EDGE_PIECES).chain(SECOND_PIECES).copied().collect();
        sentences.extend(crate::extract::testing::random_sentences(&pieces, 30_000, 14, 4));
        let mut state = 0xBB67_AE85_84CA_A73B;
        for seed in RULE_SEEDS.iter().chain(READER_SEEDS).chain(SECOND_SEEDS) {
            sentences.extend(variants(seed, 500, &mut state));
        }
        let rules = &super::COMPILED.rules;
        let all = u64::MAX >> (64 - rules.len());
        let mut candidates = super::Candidates::default();
        let mut found = 0;
        for s in &sentences {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            for on in [all, state & all] {
                let mut got = Vec::new();
                super::rule_matches(s, on, &mut candidates, |n, spans| got.push((n, spans)));
                let expected: Vec<(usize, super::Spans)> =
                    (0..rules.len()).filter(|n| on >> n & 1 != 0).flat_map(|n| super::hand_matches(s, rules[n].1).map(move |spans| (n, spans))).collect();
                found += expected.len();
                assert_eq!(got, expected, "{s:?} rules {on:#x}");
            }
        }
        assert!(found > 50_000, "{found}");
    }

    /// [`super::visit_types`] and [`super::before_subject`] answer as the lower-casing
    /// code they replace, on cuts of the example sentences and of random ones.
    #[test]
    fn visit_types_and_subject_tails_as_by_lower_casing() {
        fn visit_types_by_lowercase(words: &str) -> Vec<VisitType> {
            let lower = words.to_lowercase();
            super::VISIT_TYPE_WORDS.iter().filter(|(w, _)| lower.split(|c: char| !c.is_alphanumeric()).any(|x| x == *w)).map(|(_, t)| *t).collect()
        }
        // What `subject` read before `before_subject`: the last 24 characters lower-cased.
        fn before_subject_by_lowercase(trimmed: &str) -> (bool, bool) {
            let tail_start = trimmed.char_indices().rev().nth(23).map_or(0, |(i, _)| i);
            let lower = trimmed[tail_start..].to_lowercase();
            let of_list = lower.ends_with(" of") && super::OF_LISTS.iter().any(|p| lower.ends_with(p));
            let last = lower.as_bytes().last();
            (of_list, super::PREPOSITIONS.iter().any(|p| p.as_bytes().last() == last && (lower.strip_suffix(p).is_some_and(|r| r.ends_with(' ')) || (tail_start == 0 && lower == *p))))
        }
        const PIECES: &[&str] = &[
            "state", "State", "STATE", "official", "working", "return", "Return", "unofficial", "private", "three-day", "state-official", "of", "Of",
            "leaders of", "Ministers OF", "heads of state of", "with", "to", "In", "at", "by", "from", "for", "between", "invited", "greeted", "Greeted",
            "x", "é", "İ", "K", "ſ", "-", ",", "  ", "\u{a0}", "9", "\u{E000}P0\u{E001}", "\u{E000}C1\u{E001}", "LIKE", "li\u{212A}e",
        ];
        let mut texts = crate::extract::testing::example_sentences();
        texts.extend(crate::extract::testing::random_sentences(PIECES, 30_000, 6, 3));
        let (mut types, mut governed) = (0, 0);
        for t in &texts {
            let expected = visit_types_by_lowercase(t);
            types += usize::from(!expected.is_empty());
            assert_eq!(super::visit_types(t), expected, "{t:?}");
            for cut in (0..=t.len()).filter(|&i| t.is_char_boundary(i)) {
                let trimmed = t[..cut].trim_end();
                let expected = before_subject_by_lowercase(trimmed);
                governed += usize::from(expected.1);
                assert_eq!(super::before_subject(trimmed), expected, "{trimmed:?}");
            }
        }
        assert!(types > 5_000 && governed > 20_000, "{types} {governed}");
    }

    /// [`super::intro_end`] and [`super::areas_may_match`] answer as the pattern and the
    /// substring searches they replace.
    #[test]
    fn topic_intros_and_areas_as_by_the_searches() {
        const PIECES: &[&str] = &[
            ",", ", ", " ", "on", "to", "for", "covering", "regarding", "concerning", "about", "On", "onto", "areas", "fields", "spheres", "sectors",
            "area", "of", "as", "trade", "é", "\u{E000}C1\u{E001}", "ſ", "-", "\t",
        ];
        let mut texts = crate::extract::testing::example_sentences();
        texts.extend(crate::extract::testing::random_sentences(PIECES, 50_000, 6, 2));
        let (mut intros, mut areas) = (0, 0);
        for t in &texts {
            for text in [t.as_str(), &format!(" {t}"), &format!(", {t}")] {
                let expected = super::INTRO.find(text).map(|m| m.end());
                intros += usize::from(expected.is_some());
                assert_eq!(super::intro_end(text), expected, "{text:?}");
                let expected = ["areas ", "fields ", "spheres ", "sectors ", "covering "].iter().any(|w| text.contains(w));
                areas += usize::from(expected);
                assert_eq!(super::areas_may_match(text), expected, "{text:?}");
            }
        }
        assert!(intros > 10_000 && areas > 10_000, "{intros} {areas}");
    }

    /// [`super::return_visit`] finds the first match of [`super::RETURN`] and its `adj` group, as
    /// the regex's captures did, on the example sentences, random ones and variants of seeds.
    #[test]
    fn return_visit_reads_as_the_pattern() {
        let re = crate::extract::regex(super::RETURN).expect("return regex");
        const PIECES: &[&str] = &[
            "it", "It", "IT", "iT", "this", "This", "thiſ", "the visit", "The visit", "the trip", "THE TRIP", "the", "visit", "viſit", "trip", "trips",
            "visits", "visitor", "was", "Was", "waſ", "is", "iſ", "also", "a", "A", "an", "An", "another", "state", "official", "return",
            "three-day", "working", "returns", "returned", "returning", "reciprocates", "reciprocated", "returnſ", "it's", "\u{E000}P0\u{E001}", ",",
            ".", "-", "é", "日本", "_", "9", "\t", "\u{a0}", "  ", "\n",
        ];
        const SEEDS: &[&str] = &[
            "It was a return visit",
            "This is also an official state visit to the region",
            "The trip was a three-day working trip",
            "the visit returned the favour",
            "It reciprocates a visit by \u{E000}P0\u{E001}",
            "it was an unofficial private and working visit",
        ];
        let mut sentences = crate::extract::testing::example_sentences();
        sentences.extend(crate::extract::testing::random_sentences(PIECES, 100_000, 9, 4));
        let mut state = 0x2545_F491_4F6C_DD1D;
        for seed in SEEDS {
            sentences.extend(variants(seed, 10_000, &mut state));
        }
        let (mut first, mut second) = (0, 0);
        for s in &sentences {
            let expected = re.captures(s).map(|caps| caps.name("adj").map(|a| (a.start(), a.end())));
            match expected {
                Some(Some(_)) => first += 1,
                Some(None) => second += 1,
                None => {}
            }
            assert_eq!(super::return_visit(s), expected, "{s:?}");
        }
        assert!(first > 5_000 && second > 5_000, "{first} {second}");
    }

    /// [`super::Cues::of`] finds the groups an overlapping search of the cue words finds (an
    /// `aho_corasick` automaton's, what [`super::super::CueSet`] ran before it walked the DFA itself).
    #[test]
    fn cues_found_as_by_an_overlapping_search() {
        let table: Vec<super::Rule> = super::COMPILED.rules.iter().map(|(rule, _)| *rule).collect();
        let words = super::cue_words(&table).words;
        let automaton = aho_corasick::AhoCorasick::builder().ascii_case_insensitive(true).build(words.iter().map(|(w, _)| *w)).expect("automaton");
        let mut sentences = crate::extract::testing::example_sentences();
        let mut pieces: Vec<&str> = words.iter().map(|(w, _)| *w).collect();
        pieces.extend(READER_PIECES);
        pieces.extend(["ſ", "\u{212A}", "SAID", "Treaty", "\u{E000}", "\u{E001}", "é"]);
        sentences.extend(crate::extract::testing::random_sentences(&pieces, 30_000, 12, 3));
        let mut state = 0x1234_5678_9ABC_DEF1;
        for seed in RULE_SEEDS.iter().chain(READER_SEEDS) {
            sentences.extend(variants(seed, 1_000, &mut state));
        }
        let mut groups = 0;
        for s in &sentences {
            let expected = automaton.find_overlapping_iter(s).fold(0u64, |found, m| found | 1 << words[m.pattern().as_usize()].1);
            groups += expected.count_ones();
            assert_eq!(super::Cues::of(s).active, expected, "{s:?}");
        }
        assert!(groups > 100_000, "{groups}");
    }

    /// A rule runs on every sentence its pattern matches: its cues, and its second cues, are
    /// found in all of them.
    #[test]
    fn rules_run_wherever_their_patterns_match() {
        let mut sentences = crate::extract::testing::example_sentences();
        let mut state = 0x9E37_79B9_7F4A_7C15;
        for seed in RULE_SEEDS {
            sentences.extend(variants(seed, 4_000, &mut state));
        }
        for (n, (rule, _)) in super::COMPILED.rules.iter().enumerate() {
            let (re, _) = oracle(rule);
            let mut matched = 0;
            for s in &sentences {
                if re.is_match(s) {
                    matched += 1;
                    assert!(super::Cues::of(s).rule(n), "{} {s:?}", rule.name);
                }
            }
            if !rule.also.is_empty() {
                assert!(matched > 1_000, "{} matched {matched}", rule.name);
            }
        }
    }

    #[test]
    fn agreement_kinds_are_the_patterns() {
        let words: Vec<&str> = super::AGREEMENT_WORDS.iter().map(|(w, _)| *w).collect();
        assert!(super::super::rules::AGREEMENT_NP.contains(&format!("(?P<kind>(?i:{}))", words.join("|"))));
    }

    /// [`super::ends_with_agreement`] answers as the search it shortens.
    #[test]
    fn agreement_before_a_signing_found_as_by_the_search() {
        let mut sentences = crate::extract::testing::example_sentences();
        sentences.extend(crate::extract::testing::random_sentences(NP_PIECES, 50_000, 10, 4));
        let re = &super::COMPILED.agreement;
        let mut found = 0;
        for s in &sentences {
            for cut in [s.len(), super::floor(s, s.len() / 2)] {
                let before = &s[..cut];
                let expected = re.find_iter(before).last().is_some_and(|a| before[a.end()..].trim().is_empty());
                found += usize::from(expected);
                assert_eq!(super::ends_with_agreement(re, before), expected, "{before:?}");
            }
        }
        assert!(found > 10_000, "{found}");
    }

    /// The topic's stop, the areas' gate and the speech verb before a date answer as the
    /// searches they replace: a comparison of every stop, the areas pattern itself, and a
    /// scan for every "told ".
    #[test]
    fn topic_stops_areas_and_told_as_before() {
        const PIECES: &[&str] = &[
            " which ", " that ", "signed", " with ", "\u{E000}", " in ", " at ", " on Monday", " on ", "Friday", " next ", " last ", " before ",
            " under which", " if ", " as well as", " in May", " in June", " and a ", " and an ", ", and a ", ", and an ", ",", " ", "areas", "fields",
            "spheres", "sectors", "covering", " of ", " as ", "such", "the", "in", "told", "told ", "him", "reporters", "said", "  ", "\t", "\u{a0}",
            "é", "-", "x", "told\u{a0}", "Told",
        ];
        let mut texts = crate::extract::testing::example_sentences();
        texts.extend(crate::extract::testing::random_sentences(PIECES, 60_000, 9, 3));
        let (mut stops, mut areas, mut told) = (0, 0, 0);
        for t in &texts {
            for i in (0..t.len()).filter(|&i| t.is_char_boundary(i)) {
                let tail = &t[i..];
                let expected = super::TOPIC_STOPS.iter().any(|stop| stop.as_bytes()[1..2] == tail.as_bytes()[1..tail.len().min(2)] && tail.starts_with(stop));
                stops += usize::from(expected);
                assert_eq!(super::stop_at(tail), expected, "{tail:?}");
            }
            let matched = super::AREAS.is_match(t);
            areas += usize::from(matched);
            assert!(!matched || super::areas_may_match(t), "{t:?}");
            let by_scan = memchr::memchr_iter(b't', t.as_bytes()).any(|p| t.as_bytes()[p..].starts_with(b"told ")) && super::SPEECH_DATE_TOLD.is_match(t);
            told += usize::from(by_scan);
            assert!(!by_scan || super::told_then_word(t.trim_end()), "{t:?}");
        }
        assert!(stops > 10_000 && areas > 1_000 && told > 300, "{stops} {areas} {told}");
    }

    #[test]
    fn word_then_space_found_as_rfind_finds_it() {
        for (text, word) in [("a big a deal", "a"), ("the", "the"), ("thethe the ", "the"), ("", "a"), ("a ", "a"), ("xa", "a"), ("two two", "two")] {
            assert_eq!(super::rfind_word_then_space(text, word), text.rfind(&format!("{word} ")), "{text:?} {word:?}");
        }
    }

    fn facts(text: &str, date: &str) -> ArticleFacts {
        let article = crate::article::read_text_article(&format!("date: {date}\n\n{text}"), "t", "t.txt").expect("reads");
        Extractor::new().extract(&article).facts
    }

    fn name(f: &ArticleFacts, id: &str) -> String {
        f.entities.iter().find(|e| e.id == id).map(|e| e.name.to_string()).unwrap_or_default()
    }

    #[test]
    fn visit_with_type_dates_and_country() {
        let f = facts("Russian President Vladimir Putin paid a state visit to Pyongyang on June 18 and 19.", "2024-06-20");
        let v = &f.events[0];
        assert_eq!((v.kind, v.start.as_deref(), v.end.as_deref()), (EventKind::Visit, Some("2024-06-18"), Some("2024-06-19")));
        assert_eq!(v.visit_types, [VisitType::State]);
        let dest: Vec<String> = v.destination.iter().map(|d| name(&f, d)).collect();
        assert_eq!(dest, ["Pyongyang", "North Korea"]);
    }

    #[test]
    fn arrival_with_duration_and_talks_during_it() {
        let f = facts("Brazilian President Luiz Inácio Lula da Silva arrived in New Delhi on Monday for a three-day visit and held talks with Indian Prime Minister Narendra Modi on Tuesday.", "2026-02-11");
        let visit = f.events.iter().find(|e| e.kind == EventKind::Visit).expect("visit");
        assert_eq!((visit.start.as_deref(), visit.end.as_deref()), (Some("2026-02-09"), Some("2026-02-11")));
        let talks = f.events.iter().find(|e| e.kind == EventKind::Meeting).expect("talks");
        assert_eq!(talks.start.as_deref(), Some("2026-02-10"));
        assert_eq!(talks.part_of.as_deref(), Some(visit.id.as_str()));
    }

    #[test]
    fn invitation_tied_to_the_visit_it_occasioned() {
        let f = facts(
            "Putin paid a state visit to Pyongyang on June 18 and 19. It was a return visit at Kim's invitation. Kim invited Putin to visit North Korea when he was on a visit to Russia in September 2023. Putin met North Korea leader Kim Jong Un.",
            "2024-06-20",
        );
        let invitations: Vec<&Event> = f.events.iter().filter(|e| e.kind == EventKind::Invitation).collect();
        assert_eq!(invitations.len(), 1);
        let visits: Vec<&Event> = f.events.iter().filter(|e| e.kind == EventKind::Visit).collect();
        assert_eq!(visits[0].occasioned_by.as_deref(), Some(invitations[0].id.as_str()));
        assert!(visits[0].visit_types.contains(&VisitType::Return));
        assert_eq!(visits[1].start.as_deref(), Some("2023-09"));
        assert_eq!(invitations[0].part_of.as_deref(), Some(visits[1].id.as_str()));
    }

    #[test]
    fn agreements_with_topics_areas_and_parties() {
        let f = facts(
            "Putin's talks with North Korea leader Kim Jong Un yielded a treaty on comprehensive strategic partnership, and agreement on cooperation in the areas of medicine, medical education and science.",
            "2024-06-20",
        );
        assert_eq!(f.agreements.len(), 2);
        assert_eq!(f.agreements[0].kind, AgreementKind::Treaty);
        assert_eq!(f.agreements[0].topic, "comprehensive strategic partnership");
        assert_eq!(f.agreements[1].areas, ["medicine", "medical education", "science"]);
        let parties: Vec<String> = f.agreements[1].parties.iter().map(|p| name(&f, p)).collect();
        assert_eq!(parties, ["Russia", "North Korea"]);
        assert!(f.agreements.iter().all(|a| a.resulted_from.is_some()));
        // "yielded" is not a signing.
        assert!(f.events.iter().all(|e| e.kind != EventKind::Signing));
    }

    #[test]
    fn planned_negated_and_hypothetical_events() {
        let f = facts(
            "French President Emmanuel Macron will visit India next week. Macron will not travel on to Bangladesh. No deal was signed. If the talks succeed, the two countries could sign a contract for six reactors.",
            "2026-03-20",
        );
        let modalities: Vec<(EventKind, Modality)> = f.events.iter().map(|e| (e.kind, e.modality)).collect();
        assert!(modalities.contains(&(EventKind::Visit, Modality::Planned)), "{modalities:?}");
        assert!(modalities.contains(&(EventKind::Visit, Modality::Negated)), "{modalities:?}");
        assert!(modalities.contains(&(EventKind::Signing, Modality::Hypothetical)), "{modalities:?}");
        let planned = f.events.iter().find(|e| e.modality == Modality::Planned).expect("planned");
        assert_eq!(planned.start.as_deref(), Some("2026-03"));
    }

    #[test]
    fn going_home_is_not_a_visit() {
        let f = facts("Spanish Foreign Minister Lucía Navarro held talks in Rabat before flying back to Madrid the same evening.", "2026-01-17");
        assert!(f.events.iter().all(|e| e.kind != EventKind::Visit || !e.destination.iter().any(|d| name(&f, d) == "Madrid")));
    }

    /// [`super::Ids`] collects what a `Vec` collects, inline and past it.
    #[test]
    fn ids_as_a_vec() {
        for n in 0..10 {
            let items = (0..n).map(|k| k * 7 + 1);
            let ids: super::Ids = items.clone().collect();
            assert_eq!(*ids, *items.collect::<Vec<usize>>(), "{n}");
            assert_eq!(*ids.clone(), *ids, "{n}");
        }
    }
}
