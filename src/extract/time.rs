//! Date expressions: found in a sentence, then resolved against the article date with chrono, at
//! the precision the text gives (a day, a month or a year), following the gold guidelines:
//!
//! - a weekday in a past clause is the latest such day on or before the article date, in a
//!   future clause the first on or after it;
//! - a day or range without a year ("from November 8 to 10") takes the article's year;
//! - a month without a year is its next occurrence in a future clause, its last in a past one;
//! - "last/this/next month" → that month; "last/next week" → the months of that Monday–Sunday
//!   week; "last/next year", "later this year", "the first half of 2026" → the year;
//! - "before the end of March" is a deadline (it sets only an end); "a three-day visit" is a
//!   duration; "that ended on Saturday" marks an end; "a day later" and "the same day" count
//!   from another event.

use chrono::format::{Item, Numeric, Pad, Parsed};
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use regex::Regex;
use std::fmt;
use std::sync::LazyLock;

/// A date at the precision the text gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DateValue {
    /// `YYYY-MM-DD`.
    Day(NaiveDate),
    /// `YYYY-MM`.
    Month(i32, u32),
    /// `YYYY`.
    Year(i32),
}

impl fmt::Display for DateValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text())
    }
}

impl DateValue {
    /// The date as the facts format writes it (`2024-06-18`, `2024-06`, `2024`), written by hand
    /// rather than with `format!`: every dated fact writes one.
    pub fn text(&self) -> String {
        let mut out = String::with_capacity(10);
        let (year, month, day) = match *self {
            DateValue::Day(d) => (d.year(), Some(d.month()), Some(d.day())),
            DateValue::Month(y, m) => (y, Some(m), None),
            DateValue::Year(y) => (y, None, None),
        };
        super::push_decimal(&mut out, i64::from(year), 4);
        for part in [month, day].into_iter().flatten() {
            out.push('-');
            super::push_unsigned(&mut out, u64::from(part), 2);
        }
        out
    }

    /// The day, when the value has day precision.
    pub fn day(&self) -> Option<NaiveDate> {
        match self {
            DateValue::Day(d) => Some(*d),
            _ => None,
        }
    }
}

/// What a date expression says, before it is resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeKind {
    /// "June 18", "18 June 2024".
    Day { month: u32, day: u32, year: Option<i32> },
    /// "June 18 and 19", "from November 8 to 10", "November 8-10".
    DayRange { month: u32, from: u32, to_month: u32, to: u32, year: Option<i32> },
    /// "September 2023", "in September".
    Month { month: u32, year: Option<i32> },
    /// "2023", "the first half of 2026", "the spring of 2027".
    Year(i32),
    /// "on Sunday".
    Weekday(Weekday),
    /// Days from the article date: "today" 0, "yesterday" -1, "tomorrow" 1.
    RelDay(i64),
    /// Months from the article date: "last month" -1, "this month" 0, "next month" 1.
    RelMonth(i32),
    /// Weeks from the article date's week.
    RelWeek(i64),
    /// Years from the article's year: "last year", "later this year", "next year".
    RelYear(i32),
    /// Days after another event: "the same day" 0, "a day later" 1.
    AfterEvent(i64),
    /// "a three-day visit": a length in days, not a date.
    Duration(u32),
}

/// How a date relates to the event it dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeRole {
    /// When it happens.
    Point,
    /// "that ended on Saturday": its end.
    Ended,
    /// "before the end of March": a deadline, only an end.
    Deadline,
}

/// A date expression found in text (byte offsets).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeExpr {
    /// Start byte (including a leading preposition such as "on", "in", "from").
    pub start: usize,
    /// End byte.
    pub end: usize,
    /// What it says.
    pub kind: TimeKind,
    /// How it dates its event.
    pub role: TimeRole,
}

const MONTH: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)";
const MONTH_NO_MAY: &str = r"(?:January|February|March|April|June|July|August|September|October|November|December)";
const DAY: &str = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?";
const YEAR: &str = r"(?:19|20)[0-9]{2}";
const WEEKDAY: &str = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
const NUMBER_WORD: &str = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|[0-9]{1,2})";

/// The date expressions: one pattern, an alternative for each kind. A match starts at the
/// leftmost place any alternative matches, and there the first alternative that matches wins.
/// The groups name the pieces each kind is made of; [`find`] does not ask the regex engine for
/// them (resolving 45 groups cost it four times as much as finding the match, nearly all of the
/// time of this stage), it reads them with [`expression_at`], which matches the alternatives
/// again at the start of the match, by hand and in the same order. The tests check the two
/// against each other; `\b` is ASCII ([`super::regex`]), `\s` Unicode white space.
static TIME: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        r"(?x)
        (?P<deadline>\b(?:before|by)\ the\ end\ of\ (?:(?P<dl_year>the\ year|this\ year)|(?P<dl_month>{MONTH})(?:\ (?P<dl_month_year>{YEAR}))?|(?P<dl_y>{YEAR})))
        | (?P<range>\b(?:(?:from|between|on)\ )?(?P<r_m1>{MONTH})\ (?P<r_d1>{DAY})(?:,?\ (?P<r_y1>{YEAR}))?\s*(?:-|–|to|and|through|until)\s*(?:(?P<r_m2>{MONTH})\ )?(?P<r_d2>{DAY})\b(?:,?\ (?P<r_y2>{YEAR}))?)
        | (?P<drange>\b(?:(?:from|between|on)\ )?(?P<dr_d1>{DAY})\s*(?:-|–|to|and)\s*(?P<dr_d2>{DAY})\ (?P<dr_m>{MONTH})(?:,?\ (?P<dr_y>{YEAR}))?)
        | (?P<dmy>\b(?:on\ )?(?P<dmy_d>{DAY})\ (?P<dmy_m>{MONTH})\b(?:,?\ (?P<dmy_y>{YEAR}))?)
        | (?P<mdy>\b(?:on\ )?(?P<mdy_m>{MONTH})\ (?P<mdy_d>{DAY})\b(?:,?\ (?P<mdy_y>{YEAR}))?)
        | (?P<my>\b(?:in\ |since\ |until\ |by\ )?(?:early\ |mid-|late\ )?(?P<my_m>{MONTH}),?\ (?P<my_y>{YEAR}))
        | (?P<mprep>\b(?:in|since|until|for|by|from|of|during)\ (?:early\ |mid-|late\ )?(?P<mp_m>{MONTH})\b)
        | (?P<mbare>\b(?P<mb_m>{MONTH_NO_MAY})\b)
        | (?P<half>\b(?:in\ )?(?:the\ )?(?:(?:first|second)\ half|(?:spring|summer|autumn|fall|winter)|(?:beginning|end|start))\ of\ (?P<half_y>{YEAR}))
        | (?P<relm>\b(?:(?:earlier|later)\ )?(?:this|last|next)\ month)
        | (?P<relw>\b(?:(?:earlier|later)\ )?(?:this|last|next)\ week)
        | (?P<rely>\b(?:as\ early\ as\ )?(?:(?:earlier|later)\ )?(?:this|last|next)\ year)
        | (?P<reld>\b(?:today|yesterday|tomorrow)\b)
        | (?P<after>\b(?:(?:on|at)\ )?the\ (?:same|following|next)\ (?:day|evening|morning|night)|\b[Aa]\ day\ later)
        | (?P<wd>\b(?:on\ )?(?P<wd_name>{WEEKDAY})(?:'s|’s)?(?:\ (?:morning|evening|night|afternoon))?)
        | (?P<year>\b(?:in\ |since\ |until\ |by\ )?(?P<y>{YEAR})\b)
        | (?P<dur>\b(?P<dur_n>{NUMBER_WORD})-day\b)
        "
    );
    super::regex(&pattern).expect("time regex")
});

/// The month names, in calendar order; any but May also matches as its first three letters
/// ("Sept" too), with or without a full stop.
const MONTH_NAMES: [&str; 12] =
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
/// May: a full name only, and never bare ("it may rain").
const MAY: usize = 4;
/// September's longer abbreviation, "Sept".
const SEPTEMBER: usize = 8;
/// Ordinal endings after a day number.
const ORDINALS: [&str; 4] = ["st", "nd", "rd", "th"];
/// Words before a day or a day range: "from November 8 to 10", "on June 18".
const DAY_LEADS: [&str; 3] = ["from ", "between ", "on "];
/// Between the days of a range starting with its month ("November 8 through 10").
const RANGE_SEPARATORS: [&str; 6] = ["-", "–", "to", "and", "through", "until"];
/// Between the days of a range ending with its month ("8-10 November").
const DAY_RANGE_SEPARATORS: [&str; 4] = ["-", "–", "to", "and"];
/// Words before a month with a year, or a year: "in September 2023", "since 2023".
const YEAR_LEADS: [&str; 4] = ["in ", "since ", "until ", "by "];
/// Parts of a month: "early June", "mid-June".
const MONTH_PARTS: [&str; 3] = ["early ", "mid-", "late "];
/// Prepositions that make a month without a year (May too) a date: "in May".
const MONTH_PREPOSITIONS: [&str; 8] = ["in", "since", "until", "for", "by", "from", "of", "during"];
/// Parts of a year: "the first half of 2026", "the spring of 2027".
const YEAR_PARTS: [&str; 10] = ["first half", "second half", "spring", "summer", "autumn", "fall", "winter", "beginning", "end", "start"];
/// "last/this/next month", with the offset each gives.
const RELATIVE: [(&str, i32); 3] = [("this", 0), ("last", -1), ("next", 1)];
/// "earlier this month", "later this year".
const RELATIVE_LEADS: [&str; 2] = ["earlier ", "later "];
/// Days counted from the article date.
const RELATIVE_DAYS: [(&str, i64); 3] = [("today", 0), ("yesterday", -1), ("tomorrow", 1)];
/// "the same day" is the day of another event; "the following/next day" the day after.
const AFTER_WORDS: [(&str, i64); 3] = [("same", 0), ("following", 1), ("next", 1)];
/// "the same evening".
const DAY_PARTS: [&str; 4] = ["day", "evening", "morning", "night"];
/// "on Sunday".
const WEEKDAYS: [(&str, Weekday); 7] = [
    ("Monday", Weekday::Mon),
    ("Tuesday", Weekday::Tue),
    ("Wednesday", Weekday::Wed),
    ("Thursday", Weekday::Thu),
    ("Friday", Weekday::Fri),
    ("Saturday", Weekday::Sat),
    ("Sunday", Weekday::Sun),
];
/// "Friday's press conference".
const POSSESSIVES: [&str; 2] = ["'s", "’s"];
/// "Sunday evening".
const WEEKDAY_PARTS: [&str; 4] = ["morning", "evening", "night", "afternoon"];
/// The number of days of a duration in words: "a three-day visit".
const NUMBER_WORDS: [&str; 10] = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

/// The ways a month name or a day number can match at a position, in the order a regex tries
/// them (the longest first), each with its end and its number. The rest of an expression may
/// fail after one and succeed after a shorter one, where a regex backtracks: "in Sept." ends
/// before the full stop, "November 5through 7" reads "5" and "through", not "5th" and "rough".
#[derive(Clone, Copy)]
struct Ways {
    ends: [(usize, u32); 8],
    len: usize,
}

impl Ways {
    const NONE: Ways = Ways { ends: [(0, 0); 8], len: 0 };

    fn push(&mut self, end: usize, number: u32) {
        self.ends[self.len] = (end, number);
        self.len += 1;
    }

    /// The first way after which `rest` matches, and what it makes of it.
    fn first<T>(&self, rest: impl FnMut((usize, u32)) -> Option<T>) -> Option<T> {
        self.ends[..self.len].iter().copied().find_map(rest)
    }
}

/// The text of a sentence, read at byte positions. Every position handed around is a character
/// boundary: they only move past ASCII, whole words and whole characters.
///
/// An optional lead word ("from ", "in ", "early ") is taken whenever present: what may follow it
/// never starts like it, so the regex never matched by giving one back. For the same reason the
/// word lists of each place have no word that starts another, and a `\s*` takes all the space.
#[derive(Clone, Copy)]
struct Text<'a> {
    text: &'a str,
}

impl<'a> Text<'a> {
    fn bytes(self) -> &'a [u8] {
        self.text.as_bytes()
    }

    /// The end of `word` at `at`. (The first byte is compared on its own first: nearly every
    /// word tried is not there, and that byte tells.)
    fn word(self, at: usize, word: &str) -> Option<usize> {
        let rest = &self.bytes()[at..];
        (rest.first() == word.as_bytes().first() && rest.starts_with(word.as_bytes())).then_some(at + word.len())
    }

    /// The end of the word of `words` at `at`, and its index.
    fn one_of(self, at: usize, words: &[&str]) -> Option<(usize, usize)> {
        words.iter().enumerate().find_map(|(i, w)| Some((self.word(at, w)?, i)))
    }

    /// Past the word of `leads` at `at`, if there is one.
    fn lead(self, at: usize, leads: &[&str]) -> usize {
        self.one_of(at, leads).map_or(at, |(end, _)| end)
    }

    /// `\b` (ASCII, as the regex's): a word starts or ends at `at`.
    fn boundary(self, at: usize) -> bool {
        super::ascii_boundary(self.bytes(), at)
    }

    /// Past the white space at `at` (`\s*`).
    fn spaces(self, at: usize) -> usize {
        self.text[at..].find(|c: char| !c.is_whitespace()).map_or(self.text.len(), |n| at + n)
    }

    /// A year from 1900 to 2099 at `at`: its end and value.
    fn year(self, at: usize) -> Option<(usize, i32)> {
        match self.bytes().get(at..at + 4)? {
            &[c @ (b'1' | b'2'), d, y1, y2] if matches!((c, d), (b'1', b'9') | (b'2', b'0')) && y1.is_ascii_digit() && y2.is_ascii_digit() => {
                Some((at + 4, self.text[at..at + 4].parse().ok()?))
            }
            _ => None,
        }
    }

    /// A year after a space (", 2024" if `comma`), when there is one, and the end either way.
    fn year_after(self, at: usize, comma: bool) -> (usize, Option<i32>) {
        let space = if comma && self.bytes().get(at) == Some(&b',') { at + 1 } else { at };
        match self.word(space, " ").and_then(|space| self.year(space)) {
            Some((end, year)) => (end, Some(year)),
            None => (at, None),
        }
    }

    /// The ways a month name or abbreviation matches at `at` (the full name first).
    fn months(self, at: usize) -> Ways {
        let mut ways = Ways::NONE;
        // The names differ in their first three letters, which are also the abbreviations.
        let Some(abbreviation) = self.bytes().get(at..at + 3).filter(|a| a[0].is_ascii_uppercase()) else { return ways };
        let Some(i) = MONTH_NAMES.iter().position(|name| name.as_bytes()[..3] == *abbreviation) else { return ways };
        if let Some(end) = self.word(at, MONTH_NAMES[i]) {
            ways.push(end, i as u32 + 1);
        }
        if i == MAY {
            return ways;
        }
        let mut dotted = |end: usize| {
            if self.bytes().get(end) == Some(&b'.') {
                ways.push(end + 1, i as u32 + 1);
            }
            ways.push(end, i as u32 + 1);
        };
        if i == SEPTEMBER && self.bytes().get(at + 3) == Some(&b't') {
            dotted(at + 4);
        }
        dotted(at + 3);
        ways
    }

    /// The ways a day number (1–31, "05", "18th") matches at `at` (two digits first).
    fn days(self, at: usize) -> Ways {
        let digit = |i: usize| self.bytes().get(at + i).filter(|b| b.is_ascii_digit()).map(|b| u32::from(b - b'0'));
        let mut ways = Ways::NONE;
        let mut ordinal = |end: usize, day: u32| {
            if self.one_of(end, &ORDINALS).is_some() {
                ways.push(end + 2, day);
            }
            ways.push(end, day);
        };
        match (digit(0), digit(1)) {
            (Some(t @ 1..=2), Some(u)) | (Some(t @ 3), Some(u @ 0..=1)) => ordinal(at + 2, 10 * t + u),
            _ => {}
        }
        if let (Some(0), Some(u @ 1..=9)) = (digit(0), digit(1)) {
            ordinal(at + 2, u);
        }
        if let Some(u @ 1..=9) = digit(0) {
            ordinal(at + 1, u);
        }
        ways
    }
}

/// What an alternative found at the start of a match: where it ends and what it says.
type Found = (usize, TimeKind);

/// "before the end of March", "by the end of the year".
fn deadline(t: Text<'_>, at: usize) -> Option<Found> {
    let at = t.one_of(at, &["before", "by"])?.0;
    let at = t.word(at, " the end of ")?;
    if let Some((end, _)) = t.one_of(at, &["the year", "this year"]) {
        return Some((end, TimeKind::RelYear(0)));
    }
    if let Some((end, month)) = t.months(at).first(Some) {
        let (end, year) = t.year_after(end, false);
        return Some((end, TimeKind::Month { month, year }));
    }
    let (end, year) = t.year(at)?;
    Some((end, TimeKind::Year(year)))
}

/// "from November 8 to 10", "June 18 and 19, 2024", "June 30 - July 2".
fn month_day_range(t: Text<'_>, at: usize) -> Option<Found> {
    let at = t.lead(at, &DAY_LEADS);
    t.months(at).first(|(at, month)| {
        let at = t.word(at, " ")?;
        t.days(at).first(|(at, from)| {
            let (at, year1) = t.year_after(at, true);
            let at = t.spaces(t.one_of(t.spaces(at), &RANGE_SEPARATORS)?.0);
            let (at, to_month) = t.months(at).first(|(end, m)| Some((t.word(end, " ")?, m))).unwrap_or((at, month));
            t.days(at).first(|(at, to)| {
                let (end, year2) = t.year_after(t.boundary(at).then_some(at)?, true);
                Some((end, TimeKind::DayRange { month, from, to_month, to, year: year2.or(year1) }))
            })
        })
    })
}

/// "8-10 November", "between 8 and 10 November 2025".
fn day_month_range(t: Text<'_>, at: usize) -> Option<Found> {
    let at = t.lead(at, &DAY_LEADS);
    t.days(at).first(|(at, from)| {
        let at = t.spaces(t.one_of(t.spaces(at), &DAY_RANGE_SEPARATORS)?.0);
        t.days(at).first(|(at, to)| {
            let (at, month) = t.months(t.word(at, " ")?).first(Some)?;
            let (end, year) = t.year_after(at, true);
            Some((end, TimeKind::DayRange { month, from, to_month: month, to, year }))
        })
    })
}

/// "on 11 November 2025".
fn day_month(t: Text<'_>, at: usize) -> Option<Found> {
    t.days(t.lead(at, &["on "])).first(|(at, day)| {
        t.months(t.word(at, " ")?).first(|(at, month)| {
            let (end, year) = t.year_after(t.boundary(at).then_some(at)?, true);
            Some((end, TimeKind::Day { month, day, year }))
        })
    })
}

/// "on June 18, 2024".
fn month_day(t: Text<'_>, at: usize) -> Option<Found> {
    t.months(t.lead(at, &["on "])).first(|(at, month)| {
        t.days(t.word(at, " ")?).first(|(at, day)| {
            let (end, year) = t.year_after(t.boundary(at).then_some(at)?, true);
            Some((end, TimeKind::Day { month, day, year }))
        })
    })
}

/// "in early September 2023".
fn month_year(t: Text<'_>, at: usize) -> Option<Found> {
    let at = t.lead(t.lead(at, &YEAR_LEADS), &MONTH_PARTS);
    t.months(at).first(|(at, month)| {
        let at = if t.bytes().get(at) == Some(&b',') { at + 1 } else { at };
        let (end, year) = t.year(t.word(at, " ")?)?;
        Some((end, TimeKind::Month { month, year: Some(year) }))
    })
}

/// "in September", "since mid-May".
fn month_after_preposition(t: Text<'_>, at: usize) -> Option<Found> {
    let at = t.word(t.one_of(at, &MONTH_PREPOSITIONS)?.0, " ")?;
    t.months(t.lead(at, &MONTH_PARTS)).first(|(end, month)| t.boundary(end).then_some((end, TimeKind::Month { month, year: None })))
}

/// "September", a whole word (not May).
fn bare_month(t: Text<'_>, at: usize) -> Option<Found> {
    let (end, i) = t.one_of(at, &MONTH_NAMES)?;
    (i != MAY && t.boundary(end)).then_some((end, TimeKind::Month { month: i as u32 + 1, year: None }))
}

/// "the first half of 2026", "in the spring of 2027".
fn year_part(t: Text<'_>, at: usize) -> Option<Found> {
    let at = t.lead(t.lead(at, &["in "]), &["the "]);
    let at = t.word(t.one_of(at, &YEAR_PARTS)?.0, " of ")?;
    let (end, year) = t.year(at)?;
    Some((end, TimeKind::Year(year)))
}

/// "earlier this month", "next week", "as early as next year": the offset, counted in `unit`s.
fn relative(t: Text<'_>, at: usize, unit: &str) -> Option<(usize, i32)> {
    let at = if unit == "year" { t.lead(at, &["as early as "]) } else { at };
    let (at, i) = t.one_of(t.lead(at, &RELATIVE_LEADS), &RELATIVE.map(|(w, _)| w))?;
    Some((t.word(t.word(at, " ")?, unit)?, RELATIVE[i].1))
}

/// "today", "yesterday", "tomorrow".
fn relative_day(t: Text<'_>, at: usize) -> Option<Found> {
    let (end, i) = t.one_of(at, &RELATIVE_DAYS.map(|(w, _)| w))?;
    t.boundary(end).then_some((end, TimeKind::RelDay(RELATIVE_DAYS[i].1)))
}

/// "on the same day", "the next morning", "A day later".
fn after_event(t: Text<'_>, at: usize) -> Option<Found> {
    let the = t.lead(at, &["on ", "at "]);
    let after = t.word(the, "the ").and_then(|at| {
        let (at, i) = t.one_of(at, &AFTER_WORDS.map(|(w, _)| w))?;
        let (end, _) = t.one_of(t.word(at, " ")?, &DAY_PARTS)?;
        Some((end, AFTER_WORDS[i].1))
    });
    let (end, days) = after.or_else(|| Some((t.word(t.one_of(at, &["A", "a"])?.0, " day later")?, 1)))?;
    Some((end, TimeKind::AfterEvent(days)))
}

/// "on Sunday", "Friday's", "Sunday evening".
fn weekday(t: Text<'_>, at: usize) -> Option<Found> {
    let (at, i) = t.one_of(t.lead(at, &["on "]), &WEEKDAYS.map(|(w, _)| w))?;
    let at = t.lead(at, &POSSESSIVES);
    let end = t.word(at, " ").and_then(|space| t.one_of(space, &WEEKDAY_PARTS)).map_or(at, |(end, _)| end);
    Some((end, TimeKind::Weekday(WEEKDAYS[i].1)))
}

/// "since 2023".
fn year(t: Text<'_>, at: usize) -> Option<Found> {
    let (end, year) = t.year(t.lead(at, &YEAR_LEADS))?;
    t.boundary(end).then_some((end, TimeKind::Year(year)))
}

/// "a three-day visit", "a 10-day trip".
fn duration(t: Text<'_>, at: usize) -> Option<Found> {
    let (at, days) = match t.one_of(at, &NUMBER_WORDS) {
        Some((end, i)) => (end, i as u32 + 1),
        None => {
            // One or two digits, then the hyphen.
            let digits = t.bytes()[at..].iter().take_while(|b| b.is_ascii_digit()).count();
            ((1..=2).contains(&digits).then_some(at + digits)?, t.text[at..at + digits].parse().ok()?)
        }
    };
    let end = t.word(at, "-day")?;
    t.boundary(end).then_some((end, TimeKind::Duration(days)))
}

/// The date expression [`TIME`] matched at `at`: the first alternative, in the order of
/// the pattern, that matches there.
fn expression_at(t: Text<'_>, at: usize) -> Option<(usize, TimeKind, TimeRole)> {
    if let Some((end, kind)) = deadline(t, at) {
        return Some((end, kind, TimeRole::Deadline));
    }
    let found = month_day_range(t, at)
        .or_else(|| day_month_range(t, at))
        .or_else(|| day_month(t, at))
        .or_else(|| month_day(t, at))
        .or_else(|| month_year(t, at))
        .or_else(|| month_after_preposition(t, at))
        .or_else(|| bare_month(t, at))
        .or_else(|| year_part(t, at))
        .or_else(|| relative(t, at, "month").map(|(end, n)| (end, TimeKind::RelMonth(n))))
        .or_else(|| relative(t, at, "week").map(|(end, n)| (end, TimeKind::RelWeek(n.into()))))
        .or_else(|| relative(t, at, "year").map(|(end, n)| (end, TimeKind::RelYear(n))))
        .or_else(|| relative_day(t, at))
        .or_else(|| after_event(t, at))
        .or_else(|| weekday(t, at))
        .or_else(|| year(t, at))
        .or_else(|| duration(t, at))?;
    Some((found.0, found.1, TimeRole::Point))
}

/// The date expressions in `text[start..end]`, in order, without overlaps.
pub fn find(text: &str, start: usize, end: usize) -> Vec<TimeExpr> {
    let slice = &text[start..end];
    let t = Text { text: slice };
    let mut out = Vec::new();
    for found in TIME.find_iter(slice) {
        let Some((to, kind, mut role)) = expression_at(t, found.start()) else {
            debug_assert!(false, "no expression at the start of {found:?}");
            continue;
        };
        debug_assert_eq!(to, found.end(), "{found:?}");
        let before = &slice[..found.start()];
        if before.ends_with("ended on ") || before.ends_with("ending on ") || before.ends_with("ended ") || before.ends_with("until ") {
            role = TimeRole::Ended;
        }
        out.push(TimeExpr { start: start + found.start(), end: start + to, kind, role });
    }
    out
}

fn day(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day)
}

/// Resolves an expression against the article date `anchor`; `future` is the tense of its
/// clause; `reference` is the date of the event an `AfterEvent` counts from. Returns the start
/// and end (equal for a single day); `None` for durations and what cannot be resolved.
pub fn resolve(kind: TimeKind, anchor: NaiveDate, future: bool, reference: Option<NaiveDate>) -> Option<(DateValue, DateValue)> {
    let one = |v: DateValue| Some((v, v));
    match kind {
        TimeKind::Day { month, day: d, year } => one(DateValue::Day(day(year.unwrap_or(anchor.year()), month, d)?)),
        TimeKind::DayRange { month, from, to_month, to, year } => {
            let y = year.unwrap_or(anchor.year());
            let start = day(y, month, from)?;
            let end_year = if to_month < month { y + 1 } else { y };
            let end = day(end_year, to_month, to)?;
            (start <= end).then_some((DateValue::Day(start), DateValue::Day(end)))
        }
        TimeKind::Month { month, year } => {
            let y = match year {
                Some(y) => y,
                None if future => {
                    if month >= anchor.month() {
                        anchor.year()
                    } else {
                        anchor.year() + 1
                    }
                }
                None => {
                    if month <= anchor.month() {
                        anchor.year()
                    } else {
                        anchor.year() - 1
                    }
                }
            };
            one(DateValue::Month(y, month))
        }
        TimeKind::Year(y) => (y > 0).then_some((DateValue::Year(y), DateValue::Year(y))),
        TimeKind::Weekday(w) => {
            let today = anchor.weekday().num_days_from_monday() as i64;
            let target = w.num_days_from_monday() as i64;
            let date = if future {
                anchor.checked_add_days(Days::new(((target - today).rem_euclid(7)) as u64))?
            } else {
                anchor.checked_sub_days(Days::new(((today - target).rem_euclid(7)) as u64))?
            };
            one(DateValue::Day(date))
        }
        TimeKind::RelDay(n) => {
            let date = if n >= 0 { anchor.checked_add_days(Days::new(n as u64))? } else { anchor.checked_sub_days(Days::new((-n) as u64))? };
            one(DateValue::Day(date))
        }
        TimeKind::RelMonth(n) => {
            let first = anchor.with_day(1)?;
            let date = if n >= 0 { first.checked_add_months(Months::new(n as u32))? } else { first.checked_sub_months(Months::new((-n) as u32))? };
            one(DateValue::Month(date.year(), date.month()))
        }
        TimeKind::RelWeek(n) => {
            let monday = anchor.checked_sub_days(Days::new(anchor.weekday().num_days_from_monday() as u64))?;
            let monday = if n >= 0 { monday.checked_add_days(Days::new(7 * n as u64))? } else { monday.checked_sub_days(Days::new(7 * (-n) as u64))? };
            let sunday = monday.checked_add_days(Days::new(6))?;
            Some((DateValue::Month(monday.year(), monday.month()), DateValue::Month(sunday.year(), sunday.month())))
        }
        TimeKind::RelYear(n) => one(DateValue::Year(anchor.year() + n)),
        TimeKind::AfterEvent(n) => one(DateValue::Day(reference?.checked_add_days(Days::new(n as u64))?)),
        TimeKind::Duration(_) => None,
    }
}

/// The day `days - 1` days after `start` (the end of a visit of `days` days).
pub fn add_days(start: NaiveDate, days: i64) -> Option<NaiveDate> {
    if days >= 0 {
        start.checked_add_days(Days::new(days as u64))
    } else {
        start.checked_sub_days(Days::new((-days) as u64))
    }
}

/// `%Y-%m-%d` as chrono's format parser reads it: what [`parse_date`] parses with, without
/// reading the format string again for every article.
const DATE_ITEMS: &[Item<'static>] = &[
    Item::Numeric(Numeric::Year, Pad::Zero),
    Item::Literal("-"),
    Item::Numeric(Numeric::Month, Pad::Zero),
    Item::Literal("-"),
    Item::Numeric(Numeric::Day, Pad::Zero),
];

/// Parses `YYYY-MM-DD` (what `NaiveDate::parse_from_str(value, "%Y-%m-%d")` accepts).
pub fn parse_date(value: &str) -> Option<NaiveDate> {
    let mut parsed = Parsed::new();
    chrono::format::parse(&mut parsed, value, DATE_ITEMS.iter()).ok()?;
    parsed.to_naive_date().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The items [`parse_date`] parses with are those of the format it stands for, and it accepts
    /// and refuses what that format does.
    #[test]
    fn dates_parse_as_with_the_format() {
        let items: Vec<_> = chrono::format::StrftimeItems::new("%Y-%m-%d").collect();
        assert_eq!(items, DATE_ITEMS);
        for value in ["2024-06-19", "2024-6-9", " 2024-06-19", "2024-06-19 ", "2024-02-30", "2024-13-01", "24-06-19", "+2024-06-19", "2024/06/19", "2024-06", "", "2024-06-19T10:00", "0001-01-01", "99999-12-31"] {
            assert_eq!(parse_date(value), NaiveDate::parse_from_str(value, "%Y-%m-%d").ok(), "{value:?}");
        }
    }

    fn one(text: &str, anchor: &str, future: bool) -> (String, String) {
        let found = find(text, 0, text.len());
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        let (s, e) = resolve(found[0].kind, parse_date(anchor).unwrap(), future, None).unwrap_or_else(|| panic!("{text}"));
        (s.to_string(), e.to_string())
    }

    fn pair(a: &str, b: &str) -> (String, String) {
        (a.to_owned(), b.to_owned())
    }

    #[test]
    fn days_and_ranges() {
        assert_eq!(one("on June 18 and 19", "2024-06-20", false), pair("2024-06-18", "2024-06-19"));
        assert_eq!(one("on June 18", "2024-06-20", false), pair("2024-06-18", "2024-06-18"));
        assert_eq!(one("from November 8 to 10", "2025-11-11", false), pair("2025-11-08", "2025-11-10"));
        assert_eq!(one("November 8-10", "2025-11-11", false), pair("2025-11-08", "2025-11-10"));
        assert_eq!(one("from November 9 to 12", "2026-11-06", true), pair("2026-11-09", "2026-11-12"));
        assert_eq!(one("Astana, 11 November 2025", "2025-11-11", false), pair("2025-11-11", "2025-11-11"));
    }

    #[test]
    fn months_and_years() {
        assert_eq!(one("in September 2023", "2024-06-20", false), pair("2023-09", "2023-09"));
        assert_eq!(one("in September", "2026-07-08", true), pair("2026-09", "2026-09"));
        assert_eq!(one("in November", "2026-08-03", true), pair("2026-11", "2026-11"));
        assert_eq!(one("in September", "2026-07-08", false), pair("2025-09", "2025-09"));
        assert_eq!(one("since 2023", "2026-02-11", false), pair("2023", "2023"));
        assert_eq!(one("the first half of 2026", "2025-11-11", true), pair("2026", "2026"));
        assert_eq!(one("the spring of 2027", "2026-08-03", true), pair("2027", "2027"));
        assert_eq!(one("later this year", "2026-02-11", true), pair("2026", "2026"));
        assert_eq!(one("as early as next year", "2024-06-24", true), pair("2025", "2025"));
        assert_eq!(one("last year", "2024-06-24", false), pair("2023", "2023"));
    }

    #[test]
    fn relative_months_and_weeks() {
        assert_eq!(one("last month", "2026-04-13", false), pair("2026-03", "2026-03"));
        assert_eq!(one("earlier this month", "2026-03-20", false), pair("2026-03", "2026-03"));
        assert_eq!(one("next month", "2025-11-12", true), pair("2025-12", "2025-12"));
        assert_eq!(one("next week", "2026-03-20", true), pair("2026-03", "2026-03"));
        // 2026-11-06 is a Friday; the week before ran from Monday 26 October to Sunday 1 November.
        assert_eq!(one("last week", "2026-11-06", false), pair("2026-10", "2026-11"));
    }

    #[test]
    fn weekdays_follow_the_tense() {
        // 2026-02-11 is a Wednesday.
        assert_eq!(one("on Monday", "2026-02-11", false), pair("2026-02-09", "2026-02-09"));
        assert_eq!(one("on Wednesday", "2026-02-11", true), pair("2026-02-11", "2026-02-11"));
        assert_eq!(one("on Wednesday", "2026-02-11", false), pair("2026-02-11", "2026-02-11"));
        assert_eq!(one("on Friday", "2026-02-11", true), pair("2026-02-13", "2026-02-13"));
        assert_eq!(one("on Friday", "2026-02-11", false), pair("2026-02-06", "2026-02-06"));
        assert_eq!(one("Friday's press conference", "2026-11-06", false), pair("2026-11-06", "2026-11-06"));
    }

    #[test]
    fn deadlines_durations_and_ends() {
        let text = "before the end of March";
        let found = find(text, 0, text.len());
        assert_eq!(found[0].role, TimeRole::Deadline);
        assert_eq!(resolve(found[0].kind, parse_date("2026-01-17").unwrap(), true, None).unwrap().1.to_string(), "2026-03");
        let text = "before the end of the year";
        let found = find(text, 0, text.len());
        assert_eq!((found[0].role, found[0].kind), (TimeRole::Deadline, TimeKind::RelYear(0)));
        let text = "a two-day visit that ended on Saturday";
        let found = find(text, 0, text.len());
        assert_eq!(found.iter().map(|f| (f.kind, f.role)).collect::<Vec<_>>(), [
            (TimeKind::Duration(2), TimeRole::Point),
            (TimeKind::Weekday(Weekday::Sat), TimeRole::Ended)
        ]);
        let text = "A day later, Ortega left";
        let found = find(text, 0, text.len());
        let reference = parse_date("2026-01-15");
        assert_eq!(resolve(found[0].kind, parse_date("2026-01-17").unwrap(), false, reference).unwrap().0.to_string(), "2026-01-16");
    }

    /// The `find` that asked the regex engine for the groups of [`TIME`]: what the hand matcher
    /// must agree with, match for match.
    mod reference {
        use super::super::{TimeExpr, TimeKind, TimeRole, TIME};
        use chrono::Weekday;

        fn number(text: &str) -> u32 {
            let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
            if !digits.is_empty() {
                return digits.parse().unwrap_or(0);
            }
            ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"].iter().position(|w| *w == text).map_or(0, |i| i as u32 + 1)
        }

        fn month(name: &str) -> u32 {
            crate::article::month_number(name).unwrap_or(1)
        }

        fn rel(text: &str) -> i32 {
            if text.contains("last") {
                -1
            } else if text.contains("next") {
                1
            } else {
                0
            }
        }

        pub fn find(text: &str, start: usize, end: usize) -> Vec<TimeExpr> {
            let slice = &text[start..end];
            let mut out = Vec::new();
            for caps in TIME.captures_iter(slice) {
                let whole = caps.get(0).expect("match");
                let g = |name: &str| caps.name(name).map(|m| m.as_str());
                let year = |name: &str| g(name).and_then(|y| y.parse::<i32>().ok());
                let num = |name: &str| number(g(name).unwrap_or_default());
                let mut role = TimeRole::Point;
                let kind = if g("deadline").is_some() {
                    role = TimeRole::Deadline;
                    if g("dl_year").is_some() {
                        TimeKind::RelYear(0)
                    } else if let Some(m) = g("dl_month") {
                        TimeKind::Month { month: month(m), year: year("dl_month_year") }
                    } else {
                        TimeKind::Year(year("dl_y").unwrap_or(0))
                    }
                } else if g("range").is_some() {
                    let m1 = month(g("r_m1").unwrap_or_default());
                    let to_month = g("r_m2").map_or(m1, month);
                    TimeKind::DayRange { month: m1, from: num("r_d1"), to_month, to: num("r_d2"), year: year("r_y2").or(year("r_y1")) }
                } else if g("drange").is_some() {
                    let m = month(g("dr_m").unwrap_or_default());
                    TimeKind::DayRange { month: m, from: num("dr_d1"), to_month: m, to: num("dr_d2"), year: year("dr_y") }
                } else if g("dmy").is_some() {
                    TimeKind::Day { month: month(g("dmy_m").unwrap_or_default()), day: num("dmy_d"), year: year("dmy_y") }
                } else if g("mdy").is_some() {
                    TimeKind::Day { month: month(g("mdy_m").unwrap_or_default()), day: num("mdy_d"), year: year("mdy_y") }
                } else if g("my").is_some() {
                    TimeKind::Month { month: month(g("my_m").unwrap_or_default()), year: year("my_y") }
                } else if let Some(m) = g("mp_m").or(g("mb_m")) {
                    TimeKind::Month { month: month(m), year: None }
                } else if g("half").is_some() {
                    TimeKind::Year(year("half_y").unwrap_or(0))
                } else if let Some(t) = g("relm") {
                    TimeKind::RelMonth(rel(t))
                } else if let Some(t) = g("relw") {
                    TimeKind::RelWeek(rel(t) as i64)
                } else if let Some(t) = g("rely") {
                    TimeKind::RelYear(rel(t))
                } else if let Some(t) = g("reld") {
                    TimeKind::RelDay(match t {
                        "yesterday" => -1,
                        "tomorrow" => 1,
                        _ => 0,
                    })
                } else if let Some(t) = g("after") {
                    TimeKind::AfterEvent(if t.contains("same") { 0 } else { 1 })
                } else if let Some(w) = g("wd_name") {
                    let days = [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun];
                    TimeKind::Weekday(days[["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].iter().position(|d| w.starts_with(d)).unwrap_or(6)])
                } else if g("year").is_some() {
                    TimeKind::Year(year("y").unwrap_or(0))
                } else if let Some(n) = g("dur_n") {
                    TimeKind::Duration(number(n))
                } else {
                    continue;
                };
                let before = &slice[..whole.start()];
                if before.ends_with("ended on ") || before.ends_with("ending on ") || before.ends_with("ended ") || before.ends_with("until ") {
                    role = TimeRole::Ended;
                }
                out.push(TimeExpr { start: start + whole.start(), end: start + whole.end(), kind, role });
            }
            out
        }
    }

    /// Date-like words, spaces and punctuation, for sentences that try the matcher's corners.
    const PIECES: &[&str] = &[
        "January", "June", "Jun", "Jun.", "May", "may", "Sept", "Sept.", "Sep", "September", "Dec", "Decem", "march", "Monday", "Friday's",
        "Sunday’s", "evening", "1", "05", "5th", "5through", "12", "12th", "21st", "31", "32", "3rd", "0", "9", "99", "123", "1999", "2024",
        "20245", "2100", "-", "–", "to", "and", "through", "until", "from", "between", "on", "in", "since", "by", "for", "of", "during",
        "early", "mid-", "late", "before", "the end of", "the year", "this year", "first half", "spring", "fall", "the", "this", "last",
        "next", "earlier", "later", "as early as", "month", "week", "year", "today", "yesterday", "tomorrow", "at", "same", "following",
        "day", "night", "A", "a", "day later", "two-day", "10-day", "ended", "ending", "ten", "one", ",", ", ", ".", "'s", "’s", " ", " ",
        "  ", "\u{a0}", "\u{2009}", "\n", "x", "é", "_",
    ];

    #[test]
    fn the_matcher_reads_what_the_regex_read() {
        let mut sentences: Vec<String> = [
            "on June 18 and 19", "from November 8 to 10", "November 8-10", "Astana, 11 November 2025", "in Sept.", "November 5through 7",
            "by the end of Junk", "June 30 - July 2, 2026", "between 8 and 10 November", "a two-day visit that ended on Saturday",
            "It may rain in May and mid-June", "as early as next year", "A day later, on the same evening", "since 2023, in early 2024",
        ]
        .map(str::to_owned)
        .into();
        sentences.extend(crate::extract::testing::random_sentences(PIECES, 50_000, 10, 3));
        for s in &sentences {
            for start in [0, s.find(' ').map_or(0, |i| i + 1)] {
                assert_eq!(find(s, start, s.len()), reference::find(s, start, s.len()), "{s:?} from {start}");
            }
        }
    }

    #[test]
    fn may_the_verb_is_not_a_month() {
        assert!(find("It may rain", 0, 11).is_empty());
        assert_eq!(find("in May", 0, 6).len(), 1);
    }
}
