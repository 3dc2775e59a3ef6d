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

/// The modality of an event whose verb group (subject to trigger) is `verb_group`, given what
/// precedes the clause's subject in the sentence (`prefix`).
pub fn modality(prefix: &str, verb_group: &str) -> Modality {
    if NEGATED.is_match(verb_group) || DENIAL.is_match(prefix) {
        return Modality::Negated;
    }
    // The cheap word tests come before the patterns that scan the whole prefix. ("whether" in
    // any case: no other character lowercases to one of its letters.)
    if HYPOTHETICAL.is_match(verb_group) || contains_ignoring_ascii_case(prefix, "whether") && HYPOTHETICAL.is_match(prefix) {
        return Modality::Hypothetical;
    }
    if (verb_group.contains("would") || verb_group.contains("could")) && CONDITION.is_match(prefix) {
        return Modality::Hypothetical;
    }
    if PLANNED.is_match(verb_group) {
        return Modality::Planned;
    }
    Modality::Asserted
}

/// Whether `text` holds `word` (lowercase ASCII) in any case, without a lowercased copy.
fn contains_ignoring_ascii_case(text: &str, word: &str) -> bool {
    text.as_bytes().windows(word.len()).any(|w| w.eq_ignore_ascii_case(word.as_bytes()))
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
