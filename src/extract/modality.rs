//! Modality: whether a clause asserts, plans, denies or supposes the event it states.
//!
//! The cues are read in the clause's verb group (from its subject to the trigger) and, for
//! denials and conditions, in what precedes the subject in the sentence. A wrong fact is worse
//! than a missing one, so a negation wins over a condition, which wins over a plan.

use crate::facts::Modality;
use regex::Regex;
use std::sync::LazyLock;

static NEGATED: LazyLock<Regex> = LazyLock::new(|| {
    super::regex(r"(?i)\b(?:not|never|no\s+longer|failed\s+to|refused\s+to|declined\s+to|cancel(?:l)?ed|called\s+off|postponed|without)\b|n't\b|(?:^|[^\w])[Nn]o\s+(?:[\w-]+\s+){0,3}$|^\s*[Nn]o\s|\b[Nn]o\s+(?:[\w-]+\s+){0,3}(?:meetings?|talks|agreements?|deals?|contracts?|accords?|treat(?:y|ies)|memorand\w*|signing|visits?|trips?)\b")
        .expect("negation regex")
});

static DENIAL: LazyLock<Regex> = LazyLock::new(|| super::regex(r"(?i)\b(?:denied|denies|deny|dismissed|rejected)\b[^.;]*\b(?:that|reports?|claims?)\b").expect("denial regex"));

static HYPOTHETICAL: LazyLock<Regex> = LazyLock::new(|| super::regex(r"(?i)\b(?:could|might|may|whether)\b").expect("hypothetical regex"));

static CONDITION: LazyLock<Regex> = LazyLock::new(|| super::regex(r"(?i)(?:^|[,;]\s*|\b)(?:if|unless|whether)\s").expect("condition regex"));

static PLANNED: LazyLock<Regex> = LazyLock::new(|| {
    super::regex(r"(?i)\b(?:will|shall|would|'ll|(?:is|are|was|were)\s+(?:expected|due|scheduled|set|planned|preparing|going|about|supposed)\s+to|(?:is|are)\s+(?:planned|scheduled|set|due)\b|(?:is|are)\s+to|has\s+to|have\s+to|must|plans?\s+to|planning\s+to|intends?\s+to|hopes?\s+to|agreed\s+to|to\s+be|invited\s+\S+\s+to|prepares?\s+to|preparing\s+to|next)\b")
        .expect("plan regex")
});

// Words without one of which a pattern above cannot match. The patterns scan their whole input
// on every call; one pass of an automaton over the verb group and one over the prefix tell which
// of them can match at all, and only those run. A word stands for every alternative of its
// pattern that contains it ("no" for `not`, `no longer` and the `[Nn]o …` forms; "to" for `is
// expected to`, `has to`, `to be` …), so skipping a pattern whose words are absent never changes
// the answer.

/// Words of [`NEGATED`].
const NEGATION_WORDS: &[&str] = &["no", "n't", "never", "failed", "refused", "declined", "cancel", "called", "postponed", "without"];
/// Words of [`HYPOTHETICAL`].
const HYPOTHETICAL_WORDS: &[&str] = &["could", "might", "may", "whether"];
/// Words of [`PLANNED`].
const PLAN_WORDS: &[&str] = &["will", "shall", "would", "'ll", "to", "must", "next", "planned", "scheduled", "set", "due"];
/// "would" or "could" in some case: a conditional verb group. ([`modality`] then checks them as
/// written, as the test always did.)
const CONDITIONAL_WORDS: &[&str] = &["would", "could"];
/// Words of [`DENIAL`] (its first part, which every match has).
const DENIAL_WORDS: &[&str] = &["denied", "denies", "deny", "dismissed", "rejected"];
/// Words of [`CONDITION`].
const CONDITION_WORDS: &[&str] = &["if", "unless", "whether"];
/// The only characters besides ASCII letters that `(?i)` matches to an ASCII letter (simple case
/// folding: the long s to `s`, the Kelvin sign to `k`). With one of them in the text a cue word
/// may be spelled with it, so every pattern gated by a word runs.
const FOLDING_TO_ASCII: &[&str] = &["\u{17F}", "\u{212A}"];

const NEGATION: u8 = 1;
const HYPOTHESIS: u8 = 2;
const PLAN: u8 = 4;
const CONDITIONAL: u8 = 8;
const DENIAL_CUE: u8 = 16;
const CONDITION_CUE: u8 = 32;
/// "whether" itself, in any ASCII case: the test that lets [`HYPOTHETICAL`] read the prefix.
const WHETHER: u8 = 64;
const FOLDED: u8 = 128;

/// The cue words, each in the group of its pattern's flag (the index of the flag's bit).
static CUES: LazyLock<super::CueSet> = LazyLock::new(|| {
    let groups: [(&[&str], u8); 8] = [
        (NEGATION_WORDS, NEGATION),
        (HYPOTHETICAL_WORDS, HYPOTHESIS),
        (PLAN_WORDS, PLAN),
        (CONDITIONAL_WORDS, CONDITIONAL),
        (DENIAL_WORDS, DENIAL_CUE),
        (CONDITION_WORDS, CONDITION_CUE),
        (&["whether"], WHETHER),
        (FOLDING_TO_ASCII, FOLDED),
    ];
    super::CueSet::new(groups.iter().flat_map(|&(words, flag)| words.iter().map(move |&w| (w, flag.trailing_zeros() as usize))))
});

/// The flags of the cue words in `text`. A character folding to ASCII ([`FOLDED`]) sets every
/// pattern's flag, but not [`WHETHER`], which is a plain ASCII test.
fn cues(text: &str) -> u8 {
    // Each flag is one bit, its group the bit's index.
    let mut found = u8::try_from(CUES.groups_in(text)).expect("the groups are the u8 flags");
    if found & FOLDED != 0 {
        found |= NEGATION | HYPOTHESIS | PLAN | CONDITIONAL | DENIAL_CUE | CONDITION_CUE;
    }
    found
}

/// The modality of an event whose verb group (subject to trigger) is `verb_group`, given what
/// precedes the clause's subject in the sentence (`prefix`).
pub fn modality(prefix: &str, verb_group: &str) -> Modality {
    // A pattern runs only when the text holds one of its words (see the lists above): the same
    // answer as the patterns alone, without their scans of most prefixes and verb groups.
    let group = cues(verb_group);
    let before = cues(prefix);
    if group & NEGATION != 0 && NEGATED.is_match(verb_group) || before & DENIAL_CUE != 0 && DENIAL.is_match(prefix) {
        return Modality::Negated;
    }
    if group & HYPOTHESIS != 0 && HYPOTHETICAL.is_match(verb_group) || before & WHETHER != 0 && HYPOTHETICAL.is_match(prefix) {
        return Modality::Hypothetical;
    }
    let conditional = group & CONDITIONAL != 0 && (verb_group.contains("would") || verb_group.contains("could"));
    if conditional && before & CONDITION_CUE != 0 && CONDITION.is_match(prefix) {
        return Modality::Hypothetical;
    }
    if group & PLAN != 0 && PLANNED.is_match(verb_group) {
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

    #[test]
    fn cues() {
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
