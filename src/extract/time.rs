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
use super::space_end;
use std::fmt;

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
        // (The writers take four digits and two by pairs from a table.)
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
/// Words that make the date after them the end of something ("talks ended on June 19").
const ENDED_LEADS: [&str; 4] = ["ended on ", "ending on ", "ended ", "until "];

/// Whether the text before a date ends with one of [`ENDED_LEADS`].
fn ends_a_range(before: &str) -> bool {
    ENDED_LEADS.iter().any(|lead| before.ends_with(lead))
}

/// The number of days of a duration in words: "a three-day visit".
const NUMBER_WORDS: [&str; 10] = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

/// The month whose first three letters (its abbreviation) begin `text`: its index in
/// [`MONTH_NAMES`]. The names differ in these letters.
#[inline]
fn month_of(text: &[u8]) -> Option<usize> {
    Some(match text.get(..3)? {
        b"Jan" => 0,
        b"Feb" => 1,
        b"Mar" => 2,
        b"Apr" => 3,
        b"May" => 4,
        b"Jun" => 5,
        b"Jul" => 6,
        b"Aug" => 7,
        b"Sep" => 8,
        b"Oct" => 9,
        b"Nov" => 10,
        b"Dec" => 11,
        _ => return None,
    })
}

/// Whether `text` begins with a weekday's first three letters.
fn weekday_begins(text: &[u8]) -> bool {
    matches!(text.get(..3), Some(b"Mon" | b"Tue" | b"Wed" | b"Thu" | b"Fri" | b"Sat" | b"Sun"))
}

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
        let Some(i) = month_of(&self.bytes()[at..]) else { return ways };
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
            let at = space_end(t.text, t.one_of(space_end(t.text, at), &RANGE_SEPARATORS)?.0);
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
        let at = space_end(t.text, t.one_of(space_end(t.text, at), &DAY_RANGE_SEPARATORS)?.0);
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

/// "last month".
fn relative_month(t: Text<'_>, at: usize) -> Option<Found> {
    relative(t, at, "month").map(|(end, n)| (end, TimeKind::RelMonth(n)))
}

/// "next week".
fn relative_week(t: Text<'_>, at: usize) -> Option<Found> {
    relative(t, at, "week").map(|(end, n)| (end, TimeKind::RelWeek(n.into())))
}

/// "later this year".
fn relative_year(t: Text<'_>, at: usize) -> Option<Found> {
    relative(t, at, "year").map(|(end, n)| (end, TimeKind::RelYear(n)))
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

/// The alternatives of the pattern (the tests' `TIME`), in its order: at a start, the first
/// that matches is the expression, as in leftmost-first matching. The first is the deadline.
const ALTERNATIVES: [fn(Text<'_>, usize) -> Option<Found>; 17] = [
    deadline,
    month_day_range,
    day_month_range,
    day_month,
    month_day,
    month_year,
    month_after_preposition,
    bare_month,
    year_part,
    relative_month,
    relative_week,
    relative_year,
    relative_day,
    after_event,
    weekday,
    year,
    duration,
];

/// Sets of [`ALTERNATIVES`], a bit each.
const DEADLINE: u32 = 1;
const MONTH_DAY_RANGE: u32 = 1 << 1;
const DAY_MONTH_RANGE: u32 = 1 << 2;
const DAY_MONTH: u32 = 1 << 3;
const MONTH_DAY: u32 = 1 << 4;
const MONTH_YEAR: u32 = 1 << 5;
const MONTH_AFTER_PREPOSITION: u32 = 1 << 6;
const BARE_MONTH: u32 = 1 << 7;
const YEAR_PART: u32 = 1 << 8;
const RELATIVE_UNITS: u32 = 0b111 << 9;
const RELATIVE_YEAR: u32 = 1 << 11;
const RELATIVE_DAY: u32 = 1 << 12;
const AFTER_EVENT: u32 = 1 << 13;
const WEEKDAY: u32 = 1 << 14;
const YEAR: u32 = 1 << 15;
const DURATION: u32 = 1 << 16;

/// The bytes that may follow a word and its space in [`alternatives_at`], a bit each: the
/// lower-case letters of `letters`, any digit if it has `0`, and if it has `A` a capital that
/// begins a month's or a weekday's name (its first three letters).
const fn followers(letters: &str) -> u32 {
    let b = letters.as_bytes();
    let mut set = 0;
    let mut i = 0;
    while i < b.len() {
        set |= follower(b[i]);
        i += 1;
    }
    set
}

/// The bit of byte `b` in a set of [`followers`] (none for any other byte).
const fn follower(b: u8) -> u32 {
    match b {
        b'a'..=b'z' => 1 << (b - b'a'),
        b'A'..=b'Z' => 1 << 26,
        b'0'..=b'9' => 1 << 27,
        _ => 0,
    }
}

/// The alternatives that can match at `at`, told by the word there and, after most words, by
/// the next one's first byte: each alternative begins with a digit, a month, a weekday or one
/// of a few words, each a whole word but the weekday ("Sundays"), and what follows a word is
/// one of a few ("the" is followed by "same" or "spring", never "talks"). Most words of a
/// sentence begin none, and are passed over after this.
fn alternatives_at(t: Text<'_>, at: usize) -> u32 {
    let bytes = t.bytes();
    let Some(&first) = bytes.get(at) else { return 0 };
    if first.is_ascii_digit() {
        return DAY_MONTH_RANGE | DAY_MONTH | YEAR | DURATION;
    }
    let word = &bytes[at..at + bytes[at..].iter().take_while(|b| b.is_ascii_alphabetic()).count()];
    // The alternatives, and what must follow the word: a space (or a hyphen) and a byte of the
    // set, unless the set is empty.
    let (alternatives, separator, next) = match first {
        b'A'..=b'Z' => {
            if word == b"A" {
                (AFTER_EVENT, b' ', const { followers("d") })
            } else if weekday_begins(word) {
                (WEEKDAY, b' ', 0)
            } else {
                // A month's name or abbreviation ("Marseille" is none).
                let whole = |i: usize| word.len() == 3 || word == MONTH_NAMES[i].as_bytes() || i == SEPTEMBER && word == b"Sept";
                if !month_of(word).is_some_and(whole) {
                    return 0;
                }
                (MONTH_DAY_RANGE | MONTH_DAY | MONTH_YEAR | BARE_MONTH, b' ', 0)
            }
        }
        b'a' => match word {
            b"a" => (AFTER_EVENT, b' ', const { followers("d") }),
            b"at" => (AFTER_EVENT, b' ', const { followers("t") }),
            b"as" => (RELATIVE_YEAR, b' ', const { followers("e") }),
            b"autumn" => (YEAR_PART, b' ', const { followers("o") }),
            _ => return 0,
        },
        b'b' => match word {
            b"before" => (DEADLINE, b' ', const { followers("t") }),
            b"by" => (DEADLINE | MONTH_YEAR | MONTH_AFTER_PREPOSITION | YEAR, b' ', const { followers("tAeml0") }),
            b"between" => (MONTH_DAY_RANGE | DAY_MONTH_RANGE, b' ', const { followers("A0") }),
            b"beginning" => (YEAR_PART, b' ', const { followers("o") }),
            _ => return 0,
        },
        b'd' if word == b"during" => (MONTH_AFTER_PREPOSITION, b' ', const { followers("Aeml") }),
        b'e' => match word {
            b"early" => (MONTH_YEAR, b' ', const { followers("A") }),
            b"earlier" => (RELATIVE_UNITS, b' ', const { followers("tln") }),
            b"end" => (YEAR_PART, b' ', const { followers("o") }),
            b"eight" => (DURATION, b'-', const { followers("d") }),
            _ => return 0,
        },
        b'f' => match word {
            b"from" => (MONTH_DAY_RANGE | DAY_MONTH_RANGE | MONTH_AFTER_PREPOSITION, b' ', const { followers("A0eml") }),
            b"for" => (MONTH_AFTER_PREPOSITION, b' ', const { followers("Aeml") }),
            b"first" => (YEAR_PART, b' ', const { followers("h") }),
            b"fall" => (YEAR_PART, b' ', const { followers("o") }),
            b"four" | b"five" => (DURATION, b'-', const { followers("d") }),
            _ => return 0,
        },
        b'i' if word == b"in" => (MONTH_YEAR | MONTH_AFTER_PREPOSITION | YEAR_PART | YEAR, b' ', const { followers("Aeml0tfsawb") }),
        b'l' => match word {
            b"late" => (MONTH_YEAR, b' ', const { followers("A") }),
            b"later" => (RELATIVE_UNITS, b' ', const { followers("tln") }),
            b"last" => (RELATIVE_UNITS, b' ', const { followers("mwy") }),
            _ => return 0,
        },
        b'm' if word == b"mid" => (MONTH_YEAR, b'-', const { followers("A") }),
        b'n' => match word {
            b"next" => (RELATIVE_UNITS, b' ', const { followers("mwy") }),
            b"nine" => (DURATION, b'-', const { followers("d") }),
            _ => return 0,
        },
        b'o' => match word {
            b"on" => (MONTH_DAY_RANGE | DAY_MONTH_RANGE | DAY_MONTH | MONTH_DAY | AFTER_EVENT | WEEKDAY, b' ', const { followers("A0t") }),
            b"of" => (MONTH_AFTER_PREPOSITION, b' ', const { followers("Aeml") }),
            b"one" => (DURATION, b'-', const { followers("d") }),
            _ => return 0,
        },
        b's' => match word {
            b"since" => (MONTH_YEAR | MONTH_AFTER_PREPOSITION | YEAR, b' ', const { followers("Aeml0") }),
            b"second" => (YEAR_PART, b' ', const { followers("h") }),
            b"spring" | b"summer" | b"start" => (YEAR_PART, b' ', const { followers("o") }),
            b"six" | b"seven" => (DURATION, b'-', const { followers("d") }),
            _ => return 0,
        },
        b't' => match word {
            b"the" => (YEAR_PART | AFTER_EVENT, b' ', const { followers("abefnsw") }),
            b"this" => (RELATIVE_UNITS, b' ', const { followers("mwy") }),
            b"today" | b"tomorrow" => (RELATIVE_DAY, b' ', 0),
            b"two" | b"three" | b"ten" => (DURATION, b'-', const { followers("d") }),
            _ => return 0,
        },
        b'u' if word == b"until" => (MONTH_YEAR | MONTH_AFTER_PREPOSITION | YEAR, b' ', const { followers("Aeml0") }),
        b'w' if word == b"winter" => (YEAR_PART, b' ', const { followers("o") }),
        b'y' if word == b"yesterday" => (RELATIVE_DAY, b' ', 0),
        _ => return 0,
    };
    let end = at + word.len();
    if next == 0 {
        return alternatives;
    }
    let follows = match bytes.get(end + 1) {
        _ if bytes.get(end) != Some(&separator) => false,
        Some(b'A'..=b'Z') => next & follower(b'A') != 0 && (month_of(&bytes[end + 1..]).is_some() || weekday_begins(&bytes[end + 1..])),
        Some(&b) => next & follower(b) != 0,
        None => false,
    };
    if follows { alternatives } else { 0 }
}

/// The words [`alternatives_at`] reads at a word start (the words of its arms, "A", and the
/// three letters of the months and weekdays, which [`month_of`] and [`weekday_begins`] compare
/// in this case): an expression that does not begin with a digit begins with one of them.
const LEAD_WORDS: &[&str] = &[
    "A", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun",
    "a", "at", "as", "autumn", "before", "by", "between", "beginning", "during", "early", "earlier", "end", "eight", "from", "for", "first",
    "fall", "four", "five", "in", "late", "later", "last", "mid", "next", "nine", "on", "of", "one", "since", "second", "spring", "summer",
    "start", "six", "seven", "the", "this", "today", "tomorrow", "two", "three", "ten", "until", "winter", "yesterday",
];

/// Bit of [`LEAD_PAIRS`] for a second byte that is no ASCII letter (the word has one letter).
const NOT_A_LETTER: u32 = 1 << 26;
/// Bit of [`LEAD_PAIRS`] for a capital second byte (no word has one).
const CAPITAL: u32 = 1 << 27;

/// The class of a word's second byte (`None` past the text's end), as a bit of [`LEAD_PAIRS`].
#[inline]
fn second_class(b: Option<&u8>) -> u32 {
    match b {
        Some(&c @ b'a'..=b'z') => 1 << (c - b'a'),
        Some(b'A'..=b'Z') => CAPITAL,
        _ => NOT_A_LETTER,
    }
}

/// For each byte that can begin a date expression at the start of a word, the classes of the
/// bytes that can follow it ([`second_class`]): any after a digit; after a letter, those of
/// the [`LEAD_WORDS`] it begins. Most words of a sentence begin with a letter of these words
/// but none of the words, and are passed over without reading them.
static LEAD_PAIRS: [u32; 256] = {
    let mut pairs = [0; 256];
    let mut d = b'0';
    while d <= b'9' {
        pairs[d as usize] = u32::MAX;
        d += 1;
    }
    let mut i = 0;
    while i < LEAD_WORDS.len() {
        let w = LEAD_WORDS[i].as_bytes();
        pairs[w[0] as usize] |= if w.len() == 1 { NOT_A_LETTER } else { 1 << (w[1] - b'a') };
        i += 1;
    }
    pairs
};

/// The date expression the pattern matches at `at` (its `\b` included), if any: the first of
/// its alternatives that matches there, with its end.
fn expression_at(t: Text<'_>, at: usize) -> Option<(usize, TimeKind, TimeRole)> {
    let mut left = alternatives_at(t, at);
    // Each alternative begins with a word byte, so `\b` is that no word byte precedes.
    if left == 0 || at > 0 && super::is_ascii_word_byte(t.bytes()[at - 1]) {
        return None;
    }
    while left != 0 {
        let i = left.trailing_zeros() as usize;
        if let Some((end, kind)) = ALTERNATIVES[i](t, at) {
            return Some((end, kind, if i == 0 { TimeRole::Deadline } else { TimeRole::Point }));
        }
        left &= left - 1;
    }
    None
}

/// The date expressions in `text[start..end]`, in order, without overlaps: as the pattern's
/// matches are found, the first at or after a place, then the next from its end.
#[cfg(test)]
pub fn find(text: &str, start: usize, end: usize) -> Vec<TimeExpr> {
    let mut out = Vec::new();
    find_into(text, start, end, &mut out);
    out
}

/// How far past the start of an expression its first anchor ([`anchors`]) may begin: the
/// longest run of words before one, "as early as earlier this " (25 bytes) before "year";
/// "before the end of this " (23), "in the second half of " (22), "on the following " (17) come
/// next.
const MAX_LEAD: usize = 25;

/// The most anchors [`anchors`] collects; a sentence with more has every word start tried.
const MOST_ANCHORS: usize = 24;

/// Which of eight bytes (`x`, read little-endian) may be where [`anchors`] finds one, as the
/// high bit of each, told with the two bytes before each (`before`, the eight before `x`, zeros
/// before the text): ASCII from `0` to `Z` (the digits, `:;<=>?@` and the capitals, among them
/// those a month's name begins with); a `y` after `a` (day), an `e` after `y` (year), a `k` after
/// `e` (week), an `r` after `r` (tomorrow); an `h` after `nt` (month) and a `g` after `ni` or `in`
/// (morning, evening, night). Each letter is told by the letters before it, as most of its
/// occurrences belong to other words ("th", "ng", "by", "with", "like"), and each byte marked is
/// a turn of the branchy loop of [`anchors`]: the pairs cost a few operations a word of eight,
/// the turns they save more.
#[inline]
fn anchor_bytes(x: u64, before: u64) -> u64 {
    use super::{bytes_within, HIGH, ONES};
    // The byte before each of `x`, and the one two before.
    let (p, q) = (x << 8 | before >> 56, x << 16 | before >> 48);
    let low = x & !HIGH;
    let is = |v: u64, b: u8| v ^ (ONES * u64::from(b));
    // (The high bit of each zero byte of `v`, and of a byte 0x01 just above one: the usual
    // borrowing test, three operations where [`super::zero_bytes`] takes five, and a byte marked
    // in excess is only one more [`anchors`] rules out. The high bits are kept at the end.)
    let zero = |v: u64| v.wrapping_sub(ONES) & !v;
    let g = is(x, b'g');
    let words = zero(is(x, b'h') | is(p, b't') | is(q, b'n')) | zero(g | is(p, b'n') | is(q, b'i')) | zero(g | is(p, b'i') | is(q, b'n'));
    let pairs = zero(is(x, b'y') | is(p, b'a')) | zero(is(x, b'e') | is(p, b'y')) | zero(is(x, b'k') | is(p, b'e')) | zero(is(x, b'r') | is(p, b'r'));
    (bytes_within(low, b'0', b'Z') & !x | words | pairs) & HIGH
}

/// The starts of the anchors of `bytes`, in order, into `out` (their number returned), or `None`
/// when there are more than [`MOST_ANCHORS`]. Every date expression holds an anchor: a digit (a
/// day or a year), a month's first three letters ([`month_of`], in this case), "day"
/// (weekdays, "today", "yesterday", "a day later", "three-day"), "tomorrow", "week", "month",
/// "year" (the relative units, "the year"), or "evening", "morning", "night" (after "the
/// same"); the first begins at most [`MAX_LEAD`] bytes after the expression's start.
///
/// Each anchor is found at one byte of its own ([`anchor_bytes`], told eight at a time with the
/// bytes before): a digit (the first of a number), a month's capital, the `y` of "day", the `e`
/// of "year", the `k` of "week", the second `r` of "tomorrow", the `h` of "month", the `g` of
/// "morning", "evening" and "night".
fn anchors(bytes: &[u8], out: &mut [usize; MOST_ANCHORS]) -> Option<usize> {
    let mut n = 0;
    let mut base = 0;
    let mut before = 0;
    while base < bytes.len() {
        let x = match bytes.get(base..base + 8) {
            Some(eight) => u64::from_le_bytes(eight.try_into().expect("eight bytes")),
            None => super::last_word_key(bytes, base, bytes.len()),
        };
        let mut found = anchor_bytes(x, before);
        before = x;
        while found != 0 {
            let i = base + (found.trailing_zeros() / 8) as usize;
            found &= found - 1;
            let back = |k: usize, word: &[u8]| i.checked_sub(k).filter(|&s| bytes[s..].starts_with(word));
            let before = if i > 0 { bytes[i - 1] } else { 0 };
            // (A letter is marked only after the letters it is matched with here; a byte marked in
            // excess, after a zero byte, is ruled out by the word's comparison.)
            let start = match bytes[i] {
                // (A digit after a digit adds no word start to the stretch before the first.)
                b'0'..=b'9' if !before.is_ascii_digit() => Some(i),
                b'J' | b'F' | b'M' | b'A' | b'S' | b'O' | b'N' | b'D' => month_of(&bytes[i..]).map(|_| i),
                b'y' => back(2, b"day"),
                b'e' => back(1, b"year"),
                b'k' => back(3, b"week"),
                b'r' => back(5, b"tomorrow"),
                b'h' if before == b't' => back(4, b"month"),
                b'g' if before == b'n' => back(6, b"morning").or_else(|| back(6, b"evening")),
                b'g' if before == b'i' => back(2, b"night"),
                _ => continue,
            };
            if let Some(start) = start {
                *out.get_mut(n)? = start;
                n += 1;
            }
        }
        base += 8;
    }
    out[..n].sort_unstable();
    Some(n)
}

/// [`find`] into `out`, a buffer cleared first (the event stage reuses one from sentence to
/// sentence).
///
/// Only the word starts up to [`MAX_LEAD`] bytes before an anchor ([`anchors`]) can begin an
/// expression, so only those are tried: the anchors are found first (most words of a sentence
/// are far from any, and many sentences have none), and the word starts are walked only in the
/// stretch before each.
pub fn find_into(text: &str, start: usize, end: usize, out: &mut Vec<TimeExpr>) {
    out.clear();
    let t = Text { text: &text[start..end] };
    let bytes = t.bytes();
    let mut found = [0; MOST_ANCHORS];
    // The stretches whose word starts are tried, each from `MAX_LEAD` bytes before an anchor to
    // the anchor; with too many anchors, the whole text. (Made as they are walked: a table of
    // them cost a fill of its own.)
    let (found, whole) = match anchors(bytes, &mut found) {
        Some(n) => (&found[..n], None),
        None => (&found[..0], Some((0, bytes.len()))),
    };
    let stretches = found.iter().map(|&anchor| (anchor.saturating_sub(MAX_LEAD), anchor + 1)).chain(whole);
    // The end of the last expression: the next is looked for from there, as the pattern's next
    // match is (a start before it is inside it).
    let mut at = 0;
    // The first byte whose word start has not been walked yet.
    let mut walked = 0;
    for (from, to) in stretches {
        let from = from.max(walked).max(at);
        if from >= to {
            continue;
        }
        walked = to;
        let upto = &bytes[..to];
        for p in super::WordStarts::new(upto, from, |p| LEAD_PAIRS[usize::from(bytes[p])] & second_class(bytes.get(p + 1)) != 0) {
            if p < at {
                continue;
            }
            let Some(expr) = expression_starting(t, start, p) else { continue };
            at = expr.end - start;
            out.push(expr);
        }
    }
}

/// The expression that begins at `p` of `t` (the text from byte `start` of the article's),
/// with its role, in the article's offsets.
#[inline]
fn expression_starting(t: Text<'_>, start: usize, p: usize) -> Option<TimeExpr> {
    let (to, kind, mut role) = expression_at(t, p)?;
    if ends_a_range(&t.text[..p]) {
        role = TimeRole::Ended;
    }
    Some(TimeExpr { start: start + p, end: start + to, kind, role })
}

/// [`find_into`] as it was before the anchors: every word start of the text tried in turn (the
/// oracle of its test).
#[cfg(test)]
fn find_every_start(text: &str, start: usize, end: usize) -> Vec<TimeExpr> {
    let mut out = Vec::new();
    let t = Text { text: &text[start..end] };
    let mut at = 0;
    let bytes = t.bytes();
    for from in super::WordStarts::new(bytes, 0, |p| LEAD_PAIRS[usize::from(bytes[p])] & second_class(bytes.get(p + 1)) != 0) {
        if from < at {
            continue;
        }
        let Some(expr) = expression_starting(t, start, from) else { continue };
        at = expr.end - start;
        out.push(expr);
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

/// Parses `YYYY-MM-DD` (what `NaiveDate::parse_from_str(value, "%Y-%m-%d")` accepts). Every
/// article's date is read, most of them ten bytes of that form: those are read directly (chrono's
/// parser cost about 700 instructions an article, more than some articles' events), the rest as
/// chrono reads them ([`parse_date_by_items`]).
pub fn parse_date(value: &str) -> Option<NaiveDate> {
    match value.as_bytes() {
        &[y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] if [y0, y1, y2, y3, m0, m1, d0, d1].iter().all(u8::is_ascii_digit) => {
            let number = |digits: &[u8]| digits.iter().fold(0, |n, &d| n * 10 + u32::from(d - b'0'));
            let year = i32::try_from(number(&[y0, y1, y2, y3])).ok()?;
            NaiveDate::from_ymd_opt(year, number(&[m0, m1]), number(&[d0, d1]))
        }
        _ => parse_date_by_items(value),
    }
}

/// [`parse_date`] by chrono's format parser, for any text.
fn parse_date_by_items(value: &str) -> Option<NaiveDate> {
    let mut parsed = Parsed::new();
    chrono::format::parse(&mut parsed, value, DATE_ITEMS.iter()).ok()?;
    parsed.to_naive_date().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;
    use std::sync::LazyLock;

    const MONTH: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)";
    const MONTH_NO_MAY: &str = r"(?:January|February|March|April|June|July|August|September|October|November|December)";
    const DAY: &str = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?";
    const YEAR: &str = r"(?:19|20)[0-9]{2}";
    const WEEKDAY: &str = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
    const NUMBER_WORD: &str = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|[0-9]{1,2})";

    /// The date expressions, as a pattern: an alternative for each kind. A match starts at the
    /// leftmost place any alternative matches, and there the first alternative that matches wins.
    /// [`find`] reads text as this pattern does, by hand ([`expression_at`] is its anchored
    /// matcher): the regex engine's lazy DFA cost a cache miss or more per byte of each sentence,
    /// and resolving its 45 groups four times as much as the match. The tests check the two
    /// against each other; `\b` is ASCII ([`crate::extract::regex`]), `\s` Unicode white space.
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
        crate::extract::regex(&pattern).expect("time regex")
    });

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

    /// The direct reading of `DDDD-DD-DD` gives what chrono's parser gives: every month and day
    /// number from 00 to 99 in leap and other years, the years at the ends, and texts near the
    /// form.
    #[test]
    fn dates_read_directly_as_chrono_reads_them() {
        let mut values = Vec::new();
        for year in ["0000", "0001", "1900", "1999", "2000", "2023", "2024", "2100", "9999"] {
            for month in 0..100 {
                for day in 0..100 {
                    values.push(format!("{year}-{month:02}-{day:02}"));
                }
            }
        }
        values.extend(["2024-06-1x", "2024-0a-19", "202a-06-19", "2024_06-19", "2024-06_19", "2024-06-19\n", "٢٠٢٤-06-19"].map(String::from));
        for value in &values {
            assert_eq!(parse_date(value), parse_date_by_items(value), "{value:?}");
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
        use super::super::{ends_a_range, TimeExpr, TimeKind, TimeRole};
        use super::TIME;
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
                if ends_a_range(before) {
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

    /// Parts of expressions, whole and cut short, with words like theirs ("Mayor", "Sundays"):
    /// random sentences of these hold whole expressions and near misses of every alternative.
    const PHRASES: &[&str] = &[
        "from November 8", "to 10", "June 18", "and 19", ", 2024", "2024", "between 8", "and 10 November", "8-10", "8 -10 June", "30 - July 2",
        "on 11 November", "11 November 2025", "on June 18,", "Jun. 5", "5 Sept.", "18th", "through 20", "until 7", "in early", "September 2023",
        "since mid-", "late", "Aug.", "Oct", "Nov.", "Feb", "April", "Mar.", "July", "by the end of", "before the end of", "the year", "this year",
        "the first half of", "second half of", "the spring of", "summer of", "autumn", "winter of", "the beginning of", "the end of", "start of",
        "in the", "of", "for", "during", "2026", "1999", "earlier this", "later", "as early as next", "this month", "last week", "next year",
        "on the same", "the following morning", "at the next", "night", "A day later", "a day", "on Sunday", "Friday's", "Sunday evening",
        "Mondays", "Thursday’s afternoon", "Tuesday", "Wednesday", "Saturday", "Mayor", "Junes", "monday", "Sundays", "Marseille", "Augusta",
        "Decembers", "Sep", "The", "On", "In", "a three-day", "four-day", "ten-days", "10-day", "123-day", "ended on", "ending on", "ended",
        "today", "yesterday's", "tomorrow", "\u{E000}P3\u{E001}", "é", "x", "_", "-", "–", ",", ".", "'", " ", "\u{a0}", "\n",
    ];

    /// An expression for every word an alternative can begin with: each whole, and a piece of
    /// random sentences.
    const EXPRESSIONS: &[&str] = &[
        "before the end of 2026", "by the end of March 2025", "by the end of this year", "from June 8 to 10", "between 8 and 10 June",
        "from 8 to 10 June", "on June 8-10", "on 5 June", "on June 5", "in June 2024", "since Jun. 2024", "until June, 2024", "by Sept 2024",
        "early June 2024", "mid-Feb. 2024", "late Dec 2024", "in June", "since Jan.", "until March", "for April", "by May", "from August",
        "of Oct.", "during Nov", "January", "February", "March", "April", "June", "July", "August", "September", "October", "November",
        "December", "May 2024", "Jul 2024", "Aug. 2024", "Sep. 2024", "Sept. 2024", "Oct 2024", "Apr 2024", "Mar 2024", "first half of 2026",
        "second half of 2026", "spring of 2026", "summer of 2026", "autumn of 2026", "fall of 2026", "winter of 2026", "beginning of 2026",
        "end of 2026", "start of 2026", "in the spring of 2026", "the end of 2026", "earlier this month", "later this week", "this year",
        "last month", "next week", "as early as next year", "today", "yesterday", "tomorrow", "on the same day", "at the next evening",
        "the following night", "A day later", "a day later", "on Monday", "Tuesday morning", "Wednesday", "Thursday's", "Friday", "Saturday",
        "Sunday", "in 2024", "since 2024", "until 2024", "by 2024", "2024", "one-day", "two-day", "three-day", "four-day", "five-day",
        "six-day", "seven-day", "eight-day", "nine-day", "ten-day", "5-day", "12-day",
    ];

    /// Words an expression can begin with, and what can follow them: each followed by each, for
    /// the words and bytes [`alternatives_at`] expects.
    const LEADS: &[&str] = &[
        "", "before ", "by ", "from ", "between ", "on ", "in ", "since ", "until ", "early ", "mid-", "late ", "for ", "of ", "during ",
        "the ", "in the ", "at ", "as ", "as early as ", "a ", "A ", "earlier ", "later ", "this ", "last ", "next ", "first ", "second ",
        "one-", "ten-", "end ", "x ", "the the ",
    ];
    const FOLLOWERS: &[&str] = &[
        "the end of 2026", "the end of June", "the year", "June 5", "June 5 to 7", "5 to 7 June", "5 June", "June 2024", "Jun. 2024", "June",
        "May", "early June", "mid-June", "late June 2024", "2024", "2100", "first half of 2026", "second half of 2026", "spring of 2026",
        "summer of 2026", "autumn of 2026", "fall of 2026", "winter of 2026", "beginning of 2026", "end of 2026", "start of 2026", "half of 2026",
        "of 2026", "same day", "following morning", "next night", "the same evening", "this month", "last week", "next year", "early as next year",
        "day later", "day", "Monday", "Friday's", "today", "three-day", "8-day", "day visit", "Mayor", "talks",
    ];

    /// The example sentences, a few that tried the matcher before, the expressions, each lead
    /// with each follower, and 120,000 random sentences.
    fn sentences() -> Vec<String> {
        let mut sentences = crate::extract::testing::example_sentences();
        sentences.extend(
            [
                "on June 18 and 19", "from November 8 to 10", "November 8-10", "Astana, 11 November 2025", "in Sept.", "November 5through 7",
                "by the end of Junk", "June 30 - July 2, 2026", "between 8 and 10 November", "a two-day visit that ended on Saturday",
                "It may rain in May and mid-June", "as early as next year", "A day later, on the same evening", "since 2023, in early 2024",
            ]
            .map(str::to_owned),
        );
        sentences.extend(EXPRESSIONS.iter().map(|e| e.to_string()));
        sentences.extend(LEADS.iter().flat_map(|lead| FOLLOWERS.iter().map(move |f| format!("{lead}{f}"))));
        sentences.extend(crate::extract::testing::random_sentences(PIECES, 50_000, 10, 3));
        sentences.extend(crate::extract::testing::random_sentences(&[PHRASES, EXPRESSIONS].concat(), 70_000, 6, 3));
        sentences
    }

    /// `TIME`'s alternatives (its groups around each), in its order: bit `i` of
    /// [`alternatives_at`] stands for the `i`-th.
    const ALTERNATIVE_GROUPS: [&str; 17] =
        ["deadline", "range", "drange", "dmy", "mdy", "my", "mprep", "mbare", "half", "relm", "relw", "rely", "reld", "after", "wd", "year", "dur"];

    /// [`expression_at`] matches where the pattern matches, and only there, with the same end;
    /// [`alternatives_at`] keeps the alternative that matched.
    #[test]
    fn expression_at_is_the_pattern_anchored() {
        for s in &sentences() {
            let t = Text { text: s };
            for at in (0..=s.len()).filter(|&at| s.is_char_boundary(at)) {
                let truth = TIME.find_at(s, at).filter(|m| m.start() == at);
                assert_eq!(expression_at(t, at).map(|(end, ..)| end), truth.map(|m| m.end()), "{s:?} at {at}");
                if truth.is_some() {
                    let caps = TIME.captures_at(s, at).expect("match");
                    let i = ALTERNATIVE_GROUPS.iter().position(|g| caps.name(g).is_some()).expect("alternative");
                    assert_ne!(alternatives_at(t, at) & 1 << i, 0, "{s:?} at {at}: {}", ALTERNATIVE_GROUPS[i]);
                }
            }
        }
    }

    /// [`find`] finds what the regex engine finds, and reads it as the regex's groups say.
    #[test]
    fn the_matcher_reads_what_the_regex_read() {
        for s in &sentences() {
            for start in [0, s.find(' ').map_or(0, |i| i + 1)] {
                assert_eq!(find(s, start, s.len()), reference::find(s, start, s.len()), "{s:?} from {start}");
            }
        }
    }

    /// Every place where an expression begins has an anchor at most [`MAX_LEAD`] bytes on; the
    /// anchors are found whatever their number; and their search finds what every word start
    /// tried finds.
    #[test]
    fn every_expression_has_an_anchor_near_its_start() {
        let mut sentences = sentences();
        sentences.extend(
            ["as early as earlier this year", "as early as later this year", "before the end of this year", "by the end of the year", "in the second half of 2026", "on the following evening", "at the next morning", "during early June", "since mid-May", "A day later", "seven-day", "the same night", "tomorrow", "2024-06-18", "in 2024, 2025, 2026, 2027, 2028 and 2029 on the same day"]
                .map(str::to_owned),
        );
        // (More anchors than are listed: every word start is tried.)
        sentences.push((1..=30).map(|d| format!("on June {d}")).collect::<Vec<_>>().join(", "));
        let mut found = 0;
        let mut many = 0;
        for s in &sentences {
            let (t, b) = (Text { text: s }, s.as_bytes());
            let mut buffer = [0; MOST_ANCHORS];
            let listed = anchors(b, &mut buffer).map(|n| buffer[..n].to_vec());
            many += usize::from(listed.is_none());
            let word = |s: usize| ["day", "year", "week", "tomorrow", "month", "morning", "evening", "night"].iter().any(|w| b[s..].starts_with(w.as_bytes()));
            let anchor = |s: usize| word(s) || b[s].is_ascii_digit() && !(s > 0 && b[s - 1].is_ascii_digit()) || month_of(&b[s..]).is_some();
            let every: Vec<usize> = (0..b.len()).filter(|&s| anchor(s)).collect();
            if let Some(listed) = &listed {
                assert_eq!(listed, &every, "{s:?}");
            }
            for at in (0..s.len()).filter(|&at| s.is_char_boundary(at)) {
                if expression_at(t, at).is_some() {
                    assert!(every.iter().any(|&a| a >= at && a <= at + MAX_LEAD), "{s:?} at {at}");
                }
            }
            for start in [0, s.find(' ').map_or(0, |i| i + 1)] {
                let expected = find_every_start(s, start, s.len());
                found += expected.len();
                assert_eq!(find(s, start, s.len()), expected, "{s:?} from {start}");
            }
        }
        assert!(found > 100_000 && many > 0, "{found} {many}");
    }

    /// [`anchor_bytes`] marks the bytes whose neighbours fit, and few others: every pair of
    /// bytes after `n`, `t`, `i`, `e`, `a`, `y` or `r`, at each place of two words of eight,
    /// among bytes that fit or nearly.
    #[test]
    fn anchor_bytes_marks_the_bytes_whose_neighbours_fit() {
        let range = |b: u8, first: u8, last: u8| (first..=last).contains(&b);
        let marked = |q: u8, p: u8, x: u8| {
            range(x, b'0', b'Z')
                || x == b'y' && p == b'a'
                || x == b'e' && p == b'y'
                || x == b'k' && p == b'e'
                || x == b'r' && p == b'r'
                || x == b'h' && p == b't' && q == b'n'
                || x == b'g' && (p == b'n' && q == b'i' || p == b'i' && q == b'n')
        };
        let mut text = *b"nt0Ay ein gaok9Zo ehwnihMe";
        let (mut marks, mut excess) = (0, 0);
        let mut seed = 7u64;
        for a in 0..=255u8 {
            for b in 0..=255u8 {
                for k in 5..18 {
                    seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                    text.rotate_left((seed >> 59) as usize % 26);
                    text[k - 1] = b"ntieayr"[k % 7];
                    text[k] = a;
                    text[k + 1] = b;
                    let [before, x] = [0, 8].map(|at| crate::extract::eight_bytes_at(&text, at));
                    let mut expected = 0u64;
                    for j in 0..8 {
                        let i = 8 + j;
                        expected |= u64::from(marked(text[i - 2], text[i - 1], text[i])) << (8 * j + 7);
                    }
                    marks += expected.count_ones();
                    // (A byte after a marked one may be marked too.)
                    let got = anchor_bytes(x, before);
                    assert_eq!(got & expected, expected, "{text:?}");
                    excess += (got & !expected).count_ones();
                }
            }
        }
        assert!(marks > 150_000 && excess < marks / 100, "{marks} {excess}");
    }

    #[test]
    fn may_the_verb_is_not_a_month() {
        assert!(find("It may rain", 0, 11).is_empty());
        assert_eq!(find("in May", 0, 6).len(), 1);
    }
}
