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
        match self {
            DateValue::Day(d) => write!(f, "{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
            DateValue::Month(y, m) => write!(f, "{y:04}-{m:02}"),
            DateValue::Year(y) => write!(f, "{y:04}"),
        }
    }
}

impl DateValue {
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

/// The index of each named group of [`TIME`] (the regex crate looks names up with SipHash, and
/// a date match reads some twenty of them).
static TIME_GROUPS: LazyLock<super::FxMap<&'static str, usize>> = LazyLock::new(|| {
    let names = [
        "deadline", "dl_year", "dl_month", "dl_month_year", "dl_y", "range", "r_m1", "r_d1", "r_y1", "r_m2", "r_d2", "r_y2", "drange",
        "dr_d1", "dr_d2", "dr_m", "dr_y", "dmy", "dmy_d", "dmy_m", "dmy_y", "mdy", "mdy_m", "mdy_d", "mdy_y", "my", "my_m", "my_y",
        "mprep", "mp_m", "mbare", "mb_m", "half", "half_y", "relm", "relw", "rely", "reld", "after", "wd", "wd_name", "year", "y", "dur",
        "dur_n",
    ];
    let index = |name: &str| TIME.capture_names().position(|n| n == Some(name)).unwrap_or_else(|| panic!("time regex has no group {name}"));
    names.iter().map(|&n| (n, index(n))).collect()
});

/// Month number of a month name or abbreviation.
fn month(name: &str) -> u32 {
    crate::article::month_number(name).unwrap_or(1)
}

fn number(text: &str) -> u32 {
    let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
    if !digits.is_empty() {
        return digits.parse().unwrap_or(0);
    }
    match text {
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        _ => 0,
    }
}

fn weekday(name: &str) -> Weekday {
    match &name[..3] {
        "Mon" => Weekday::Mon,
        "Tue" => Weekday::Tue,
        "Wed" => Weekday::Wed,
        "Thu" => Weekday::Thu,
        "Fri" => Weekday::Fri,
        "Sat" => Weekday::Sat,
        _ => Weekday::Sun,
    }
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

/// The date expressions in `text[start..end]`, in order, without overlaps.
pub fn find(text: &str, start: usize, end: usize) -> Vec<TimeExpr> {
    let slice = &text[start..end];
    let mut out = Vec::new();
    for caps in TIME.captures_iter(slice) {
        let whole = caps.get(0).expect("match");
        let g = |name: &str| caps.get(TIME_GROUPS[name]).map(|m| m.as_str());
        let year = |name: &str| g(name).and_then(|y| y.parse::<i32>().ok());
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
            TimeKind::DayRange {
                month: m1,
                from: number(g("r_d1").unwrap_or_default()),
                to_month,
                to: number(g("r_d2").unwrap_or_default()),
                year: year("r_y2").or(year("r_y1")),
            }
        } else if g("drange").is_some() {
            let m = month(g("dr_m").unwrap_or_default());
            TimeKind::DayRange {
                month: m,
                from: number(g("dr_d1").unwrap_or_default()),
                to_month: m,
                to: number(g("dr_d2").unwrap_or_default()),
                year: year("dr_y"),
            }
        } else if g("dmy").is_some() {
            TimeKind::Day { month: month(g("dmy_m").unwrap_or_default()), day: number(g("dmy_d").unwrap_or_default()), year: year("dmy_y") }
        } else if g("mdy").is_some() {
            TimeKind::Day { month: month(g("mdy_m").unwrap_or_default()), day: number(g("mdy_d").unwrap_or_default()), year: year("mdy_y") }
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
            TimeKind::Weekday(weekday(w))
        } else if g("year").is_some() {
            TimeKind::Year(year("y").unwrap_or(0))
        } else if let Some(n) = g("dur_n") {
            TimeKind::Duration(number(n))
        } else {
            continue;
        };
        // Impossible days are not dates ("June 31" is dropped at resolution).
        let before = &slice[..whole.start()];
        if before.ends_with("ended on ") || before.ends_with("ending on ") || before.ends_with("ended ") || before.ends_with("until ") {
            role = TimeRole::Ended;
        }
        out.push(TimeExpr { start: start + whole.start(), end: start + whole.end(), kind, role });
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

/// Parses `YYYY-MM-DD`.
pub fn parse_date(value: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn may_the_verb_is_not_a_month() {
        assert!(find("It may rain", 0, 11).is_empty());
        assert_eq!(find("in May", 0, 6).len(), 1);
    }
}
