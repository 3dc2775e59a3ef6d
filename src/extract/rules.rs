//! The rule tables: trigger patterns per event kind, agreement and speech patterns, as data.
//!
//! Patterns are regular expressions over a *masked* sentence (see [`super::coref`]): every
//! reference to an entity is a placeholder. Templates name the placeholders they accept:
//!
//! | macro | accepts |
//! |---|---|
//! | `{PER}` | a person or a group of people |
//! | `{PERS}` | a list of people ("X, Y and Z", "her X") |
//! | `{PARTIES}` | a list of parties to talks (people, "Kenyan officials", "representatives of X") |
//! | `{LOC}` | a place or a country |
//! | `{CTRY}` | a country or a group of countries |
//! | `{AGENT}` | a person, country, organization, outlet or group |
//! | `{AGENTS}` | a list of agents |
//! | `{ADJ}` | up to three words before "visit" ("a three-day state") |
//!
//! Named groups the engine reads: `t` (the trigger, required), `agent` (who acts; found by the
//! subject finder when absent), `with`/`by` (other participants), `dest`/`dest2` (destinations),
//! `inviter`, `invitee`, `adj` (visit types), `loc` (where). [`super::frames`] reads each rule
//! with a hand reader, which its tests compare with the pattern (the extractor compiles none):
//! adding a rule is adding its row here and its reader there. Earlier rules win where matches
//! overlap.

use crate::facts::EventKind;

/// A trigger rule.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// Name reported in explanations.
    pub name: &'static str,
    /// The event kind it produces.
    pub kind: EventKind,
    /// The pattern template: what the rule's hand reader must match, as its tests check.
    #[cfg(test)]
    pub pattern: &'static str,
    /// Confidence of facts it produces.
    pub confidence: f64,
    /// Literal cues (lower case, compared ignoring ASCII case): the rule is only tried on
    /// sentences containing one of them, so every text the pattern matches must contain one.
    pub cues: &'static [&'static str],
    /// A second list of literal cues, read as [`Rule::cues`] is: when not empty, the rule is
    /// only tried on sentences that also contain one of these. For a rule whose first cues are
    /// common words ("visit", "talks") but whose pattern needs rarer ones too.
    pub also: &'static [&'static str],
}

const fn rule(name: &'static str, kind: EventKind, pattern: &'static str, confidence: f64, cues: &'static [&'static str]) -> Rule {
    // (Only the tests read the pattern.)
    #[cfg(not(test))]
    let _ = pattern;
    Rule {
        name,
        kind,
        #[cfg(test)]
        pattern,
        confidence,
        cues,
        also: &[],
    }
}

impl Rule {
    /// The rule with [`Rule::also`] set.
    const fn also(self, also: &'static [&'static str]) -> Rule {
        Rule { also, ..self }
    }
}

/// Invitations (before visits: "invited X to visit Y" is an invitation with a target).
pub const INVITATION_RULES: &[Rule] = &[
    rule("invitation.at-the-invitation-of", EventKind::Invitation, r"(?P<t>\b[Aa]t the invitation of) (?:the )?(?:(?:His|Her) (?:Excellency|Majesty|Highness) )?(?:(?:Mr|Ms|Mrs|Dr)\.? )?(?P<inviter>{AGENT})", 0.9, &["at the invitation of"]),
    rule("invitation.at-x-s-invitation", EventKind::Invitation, r"(?P<t>\b[Aa]t) (?P<inviter>{AGENT})'s invitation", 0.9, &["'s invitation"]),
    rule(
        "invitation.accepted",
        EventKind::Invitation,
        r"(?P<t>\baccept(?:ed|s)?) (?P<inviter>{PER})'s invitation to (?:visit |come to |travel to )?(?P<dest>{LOC})",
        0.85, &["'s invitation to "]),
    rule(
        "invitation.invited-to-visit",
        EventKind::Invitation,
        r"(?P<t>\b(?:invited|invites|invite|inviting)) (?P<invitee>{PER}) to (?:(?:visit|come to|travel to|pay a visit to) )?(?P<dest>{LOC})",
        0.85, &["invited \u{E000}", "invites \u{E000}", "invite \u{E000}", "inviting \u{E000}"]),
    rule("invitation.not-invited", EventKind::Invitation, r"(?P<invitee>{AGENT}), (?:which|who) (?P<t>(?:was|were|had) not (?:been )?invited)", 0.8, &["not invited", "not been invited"]),
];

/// Visits.
pub const VISIT_RULES: &[Rule] = &[
    rule(
        "visit.arrived-in",
        EventKind::Visit,
        r#"(?P<t>\b(?:arrived|arrives|arrive|arriving|landed|lands)) in (?P<dest>{LOC})(?:[^.;"\x{E000}]*?\bfor an? (?P<adj>{ADJ})(?:visit|trip|stay)(?: to (?P<dest2>{LOC}))?)?"#,
        0.9, &["arrived in ", "arrives in ", "arrive in ", "arriving in ", "landed in ", "lands in "]),
    rule(
        "visit.was-in-on-a-visit",
        EventKind::Visit,
        r"(?P<t>\b(?:was|is|were|are|been)) in (?P<dest>{LOC}) (?:on|for) an? (?P<adj>{ADJ})(?:visit|trip|stay)",
        0.85, &["visit", "trip", "stay"])
    .also(&["s in ", "re in ", "en in "]),
    rule(
        "visit.paid-a-visit",
        EventKind::Visit,
        r"(?P<t>\b(?:paid|pays|pay|paying|made|makes|make|making|began|begins|begin|begun|conducted|conducts|conduct|undertook|undertakes|undertake|started|starts|start|is on|was on|were on|be on|been on|on)) (?:an? |the |his |her |their )?(?P<adj>{ADJ})(?:visit|trip|tour)s? (?:to|in) (?P<dest>{LOC})",
        0.9, &["visit to ", "visit in ", "visits to ", "visits in ", "trip to ", "trip in ", "trips to ", "trips in ", "tour to ", "tour in ", "tours to ", "tours in "])
    .also(&["paid ", "pays ", "pay ", "paying ", "made ", "makes ", "make ", "making ", "began ", "begins ", "begin ", "begun ", "conducted ", "conducts ", "conduct ", "undertook ", "undertakes ", "undertake ", "started ", "starts ", "start ", "on "]),
    rule("visit.possessive", EventKind::Visit, r"(?P<agent>{PER})'s (?P<adj>{ADJ})(?P<t>visit|trip|tour) to (?P<dest>{LOC})", 0.8, &["visit to ", "trip to ", "tour to "]).also(&["\u{E001}'s "]),
    rule(
        "visit.that-x-paid",
        EventKind::Visit,
        r"(?P<adj>{ADJ})(?:visit|trip) (?:that|which) (?P<agent>{PER}) (?P<t>paid|made)(?: to (?P<dest>{LOC}))?",
        0.85, &["visit that ", "visit which ", "trip that ", "trip which "]),
    rule("visit.the-one-x-made", EventKind::Visit, r"\bthe one (?P<agent>{PER}) (?P<t>made|paid) to (?P<dest>{LOC})", 0.8, &["the one"]),
    rule("visit.visited", EventKind::Visit, r"(?P<t>\b(?:visited|visits|visit|visiting|toured|tours|tour|touring)) (?:the )?(?P<dest>{LOC})", 0.85, &["visited \u{E000}", "visited the \u{E000}", "visited the the \u{E000}", "visits \u{E000}", "visits the \u{E000}", "visits the the \u{E000}", "visit \u{E000}", "visit the \u{E000}", "visit the the \u{E000}", "visiting \u{E000}", "visiting the \u{E000}", "visiting the the \u{E000}", "toured \u{E000}", "toured the \u{E000}", "toured the the \u{E000}", "tours \u{E000}", "tours the \u{E000}", "tours the the \u{E000}", "tour \u{E000}", "tour the \u{E000}", "tour the the \u{E000}", "touring \u{E000}", "touring the \u{E000}", "touring the the \u{E000}"]),
    rule(
        "visit.travel-to",
        EventKind::Visit,
        r"(?P<t>\b(?:travel(?:s|led|ed|ling|ing)?|fly|flew|flies|flying|go|goes|went|come|comes|came|stop|stops|stopped|head(?:s|ed|ing)?)) (?:on |also )?(?:to|in) (?P<dest>{LOC})",
        0.8, &["travel", "fly ", "flew ", "flies ", "flying ", "go to", "goes to", "went to", "go on to", "come to", "comes to", "came to", "stop in", "stops in", "stopped in", "stop off", "head to", "heads to", "headed to", "heading to", "go in", "went in"]),
];

/// Talks and meetings.
pub const MEETING_RULES: &[Rule] = &[
    rule("meeting.possessive-talks", EventKind::Meeting, r"(?P<agent>{PER})'s (?P<t>talks|meeting|meetings) with (?:his |her |their )?(?P<with>{PERS})", 0.9, &["'s talks with ", "'s meeting with ", "'s meetings with "]),
    rule("meeting.talks-x-held-with", EventKind::Meeting, r"\b(?P<t>talks|meeting) (?P<agent>{PER}) (?:held|had) with (?P<with>{PERS})", 0.9, &["talks \u{E000}", "meeting \u{E000}"]),
    rule("meeting.talks-x-and-y-held", EventKind::Meeting, r"\b(?P<t>talks|meeting) (?P<agent>{PER} and {PER}) (?:held|had)\b", 0.9, &["talks \u{E000}", "meeting \u{E000}"]),
    rule("meeting.talks-between", EventKind::Meeting, r"\b(?P<t>talks|negotiations|meeting) between (?P<with>{AGENT} and {AGENT})", 0.85, &["talks between ", "negotiations between ", "meeting between "]),
    rule(
        "meeting.held-talks",
        EventKind::Meeting,
        r"(?P<t>\b(?:held|hold|holds|holding|had|have|has|having|conducted|conduct)) (?:[A-Za-z-]+ ){0,2}?(?:talks|meeting|meetings|negotiations|consultations|lunch|dinner)\b(?: with (?:his |her |their )?(?P<with>{PARTIES}))?",
        0.9, &["talks", "meeting", "negotiations", "consultations", "lunch", "dinner"])
    .also(&["held ", "hold ", "holds ", "holding ", "had ", "have ", "has ", "having ", "conducted ", "conduct "]),
    rule("meeting.chair-a-meeting-of", EventKind::Meeting, r"(?P<t>\b(?:co-chair|chair|attend|co-chaired|chaired|attended|co-chairs|chairs|attends)) (?:a |the )?(?:[\w-]+ )?(?:meeting|session|summit) of (?P<with>{AGENT})(?: in (?P<loc>{LOC}))?", 0.8, &["chair", "attend"]).also(&[" of "]),
    rule("meeting.for-a-meeting-with", EventKind::Meeting, r"\b(?:for|during|at) (?:an? )?(?P<t>meeting|talks) with (?P<with>{PERS})", 0.85, &["meeting with ", "talks with "])
    .also(&["for meeting", "for a meeting", "for an meeting", "during meeting", "during a meeting", "during an meeting", "at meeting", "at a meeting", "at an meeting", "for talks", "for a talks", "for an talks", "during talks", "during a talks", "during an talks", "at talks", "at a talks", "at an talks"]),
    rule("meeting.received-by", EventKind::Meeting, r"(?:was|were|is|are|being) (?P<t>received) by (?:the )?(?P<with>{PERS})", 0.85, &["received by "]),
    rule("meeting.met", EventKind::Meeting, r"(?P<t>\b(?:met|meet|meets))\b(?: with)?(?: (?P<with>{PARTIES}))?(?: in (?P<loc>{LOC}))?", 0.85, &["met ", "met.", "meet ", "meets "]),
    rule(
        "meeting.hosted",
        EventKind::Meeting,
        r"(?P<agent>{CTRY}) (?:(?:is|was|will|would|to|also) )*(?P<t>host(?:ed|s|ing)?) (?:the |a )?(?:[A-Za-z-]+ ){0,2}?(?:meeting|summit|talks|conference|gathering)(?:[^.]*?\b(?:ministers|delegations|leaders|representatives) from (?P<with>{CTRY}(?:(?:, | and |, and ){CTRY})*) (?:took part|attended|participated))?",
        0.8,
        &["host"],
    ),
    rule("meeting.hold-the-next-meeting", EventKind::Meeting, r"(?P<t>\b(?:hold|convene|host)) the next (?:meeting|session|round) of (?P<with>{AGENT})", 0.75, &["the next meeting of ", "the next session of ", "the next round of "]),
    rule("meeting.of-the-delegations", EventKind::Meeting, r"\b(?P<t>meeting|talks) (?:of|between) (?P<with>\x{E000}G[0-9]+\x{E001})", 0.75, &["meeting of \u{E000}G", "meeting between \u{E000}G", "talks of \u{E000}G", "talks between \u{E000}G"]),
    rule("meeting.talks-in-place", EventKind::Meeting, r"\b(?:a round of |the |new )(?P<t>negotiations|talks) in (?P<loc>{LOC})", 0.6, &["negotiations in ", "talks in "]),
    rule("meeting.took-place", EventKind::Meeting, r"(?:[A-Za-z-]+ ){0,2}?(?:meeting|meetings|talks) (?:had |has |have )?(?P<t>taken place|took place|take place)", 0.7, &["took place", "taken place", "take place", "takes place"]),
];

/// Signings.
pub const SIGNING_RULES: &[Rule] = &[
    rule("signing.passive", EventKind::Signing, r#"(?:was|were|been|be|is|are) (?P<t>signed)(?:[^.;"]*? by (?P<by>{PERS}))?"#, 0.9, &["was signed", "were signed", "been signed", "be signed", "is signed", "are signed"]),
    rule(
        "signing.signed",
        EventKind::Signing,
        r#"(?P<t>\b(?:signed|sign|signs|signing|inked|put (?:their|his|her) (?:signatures|names|signature|name) to))\b(?:[^.;"]*? with (?P<with>{PERS}))?(?: (?:in|at) (?P<loc>{LOC}))?"#,
        0.9, &["sign ", "signs ", "signed", "signing", "inked", "put their", "put his", "put her"]),
];

/// Other specific occurrences: press conferences, parades, forums, ratifications, decisions,
/// welcomes.
pub const OTHER_EVENT_RULES: &[Rule] = &[
    rule("event.press-conference", EventKind::Event, r"(?P<t>\b(?:at|opened|held|gave|during|told) (?:the |a |an |(?:\x{E000}[A-Z][0-9]+\x{E001}'s )?)?(?:[A-Za-z']+ ){0,2}?press conference)(?: in (?P<loc>{LOC}))?", 0.75, &["press conference"]),
    rule("event.parade", EventKind::Event, r"(?P<t>\b(?:attended|attend|watched|reviewed|held) (?:a |the )?(?:[A-Za-z-]+ ){0,2}?parade)", 0.75, &["parade"]),
    rule("event.forum-organised-by", EventKind::Event, r"(?P<t>\b(?:a|the) (?:[A-Za-z-]+ ){0,2}?forum) organi[sz]ed by (?P<with>{AGENT})", 0.75, &["forum organised by ", "forum organized by "]),
    rule("event.ratified-by", EventKind::Event, r"(?P<t>\bratified) by (?P<with>{AGENT}(?: and (?:by )?{AGENT})?)", 0.75, &["ratified by "]),
    rule("event.took-office", EventKind::Event, r"(?P<t>\b(?:taking|took|take|takes|taken) office)", 0.7, &["taking office", "took office", "take office", "takes office", "taken office"]),
    rule("event.joint-activity", EventKind::Event, r"\b(?:[Tt]he )?(?:first )?joint (?P<t>survey|surveys|exercise|exercises|patrol|patrols|study|drills?) (?:is|are|was|were) (?:planned|scheduled|expected|due|set)", 0.7, &["joint"]).also(&["planned", "scheduled", "expected", "due", "set"]),
    rule("event.for-a-forum", EventKind::Event, r"\bfor an? (?:[A-Za-z-]+ ){0,3}?(?P<t>forum|conference|festival|exhibition|fair)\b", 0.65, &["forum", "conference", "festival", "exhibition", "fair"]).also(&["for a"]),
    rule("event.decision", EventKind::Event, r"(?P<agent>{AGENT})'s (?P<t>decision)\b", 0.7, &["'s decision"]),
    rule("event.greeted", EventKind::Event, r"(?P<t>\b(?:greeted|welcomed)) (?P<with>{PER})(?: on arrival)?(?: at (?:the )?(?P<loc>{LOC}))?", 0.75, &["greeted \u{E000}", "welcomed \u{E000}"]),
];

/// All trigger rules in priority order.
pub const EVENT_RULES: &[&[Rule]] = &[INVITATION_RULES, VISIT_RULES, MEETING_RULES, SIGNING_RULES, OTHER_EVENT_RULES];

/// Kinds of agreements: words and the kind they give.
pub const AGREEMENT_WORDS: &[(&str, crate::facts::AgreementKind)] = &[
    ("treaty", crate::facts::AgreementKind::Treaty),
    ("memorandum of understanding", crate::facts::AgreementKind::Memorandum),
    ("memorandum", crate::facts::AgreementKind::Memorandum),
    ("agreement", crate::facts::AgreementKind::Agreement),
    ("deal", crate::facts::AgreementKind::Agreement),
    ("contract", crate::facts::AgreementKind::Agreement),
    ("executive programme", crate::facts::AgreementKind::Agreement),
    ("joint declaration", crate::facts::AgreementKind::Agreement),
    ("declaration", crate::facts::AgreementKind::Agreement),
    ("accord", crate::facts::AgreementKind::Agreement),
    ("pact", crate::facts::AgreementKind::Agreement),
];

/// An agreement noun phrase: determiner, modifiers, kind, and what follows.
pub const AGREEMENT_NP: &str = r"(?P<mods>\b(?:[A-Za-z0-9-]+ ){0,4}?)(?P<kind>(?i:treaty|memorandum of understanding|memorandum|agreement|deal|contract|executive programme|joint declaration|declaration|accord|pact))(?P<plural>s|a)?\b";

/// Words of visit types.
pub const VISIT_TYPE_WORDS: &[(&str, crate::facts::VisitType)] = &[
    ("state", crate::facts::VisitType::State),
    ("official", crate::facts::VisitType::Official),
    ("working", crate::facts::VisitType::Working),
    ("return", crate::facts::VisitType::Return),
    ("unofficial", crate::facts::VisitType::Unofficial),
    ("private", crate::facts::VisitType::Unofficial),
];

/// Expands the macros of a template.
#[cfg(test)]
pub fn expand(template: &str) -> String {
    let slot = |classes: &str| format!("\u{E000}[{classes}][0-9]+\u{E001}");
    let per = slot("PG");
    let agent = format!("(?:the )?{}", slot("PCONG"));
    // A party to talks: a person, or "Kenyan officials", "representatives of the WFP".
    let party = format!(
        "(?:{per}|\u{E000}J[0-9]+\u{E001} (?:officials|diplomats|negotiators|representatives|leaders|counterparts|delegation|officers)|(?:representatives|officials|members|delegations?) of {agent})"
    );
    let list = |item: &str| format!("(?:(?:his |her |their |the )?{item}(?:(?:,\\s*|\\s+and\\s+|,\\s*and\\s+)(?:his |her |their |the )?{item})*)");
    template
        .replace("{PARTIES}", &list(&party))
        .replace("{PERS}", &list(&per))
        .replace("{PER}", &per)
        .replace("{LOC}", &format!("(?:the )?{}", slot("LC")))
        .replace("{CTRY}", &format!("(?:the )?{}", slot("CG")))
        .replace("{AGENTS}", &list(&agent))
        .replace("{AGENT}", &agent)
        .replace("{ADJ}", r"(?:[A-Za-z0-9-]+ ){0,3}?")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_compiles_and_has_a_trigger() {
        for table in EVENT_RULES {
            for rule in *table {
                let re = regex::Regex::new(&expand(rule.pattern)).unwrap_or_else(|e| panic!("{}: {e}", rule.name));
                assert!(re.capture_names().any(|n| n == Some("t")), "{} has no trigger group", rule.name);
            }
        }
        regex::Regex::new(AGREEMENT_NP).unwrap();
    }

    #[test]
    fn templates_match_masked_sentences() {
        let re = regex::Regex::new(&expand(VISIT_RULES[2].pattern)).unwrap();
        let masked = "\u{E000}P0\u{E001} paid a state visit to \u{E000}L1\u{E001} on June 18 and 19.";
        let caps = re.captures(masked).unwrap();
        assert_eq!(&caps["adj"], "state ");
        assert_eq!(&caps["dest"], "\u{E000}L1\u{E001}");
    }
}
