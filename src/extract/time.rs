//! Time expressions ("Tuesday", "next week", "March 16") resolved against the article date.
//!
//! [`find`] recognises the expressions of one sentence in its tokens; [`TimeMention::resolve`]
//! turns one into a [`TimeExpression`] with the words of the article and, when the article date is
//! known, the day or interval (first and last day) it denotes:
//!
//! | words | resolution (article dated Wednesday 2016-03-16) |
//! |---|---|
//! | "Tuesday", "on Tuesday", "Tuesday afternoon" | past tense: the latest Tuesday on or before the article date (2016-03-15); future tense: the next one after it |
//! | "last Tuesday" / "next Tuesday" | the Tuesday before / after the article date |
//! | "yesterday", "today", "tomorrow" | the article date −1, 0, +1 |
//! | "this week", "next week", "last week" | Monday–Sunday of that week (next week: 2016-03-21..2016-03-27) |
//! | "this/next/last month", "…year" | the first and last day of that month or year |
//! | "March 16", "March 16, 2016", "March 2016", "in March", "2016" | that day, month or year (a day or month without a year takes the article's year) |
//! | "5 years", "three weeks" | a duration: kept as text |
//!
//! Dates are computed with a small day-number arithmetic (proleptic Gregorian calendar).

use std::ops::Range;

use super::text::{Document, TokenKind};
use crate::facts::{TimeExpression, days_in_month};

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// Year.
    pub year: i32,
    /// Month, 1–12.
    pub month: u32,
    /// Day of the month, 1–31.
    pub day: u32,
}

impl Date {
    /// Parses `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<Self> {
        if !crate::facts::is_iso_date(s) {
            return None;
        }
        Some(Self {
            year: s[0..4].parse().ok()?,
            month: s[5..7].parse().ok()?,
            day: s[8..10].parse().ok()?,
        })
    }

    /// Days since 0001-01-01 (day 0, a Monday).
    pub fn day_number(self) -> i64 {
        let y = i64::from(self.year) - 1;
        let mut n = 365 * y + y / 4 - y / 100 + y / 400;
        for m in 1..self.month {
            n += i64::from(days_in_month(self.year, m));
        }
        n + i64::from(self.day) - 1
    }

    /// The date of a day number.
    pub fn from_day_number(n: i64) -> Self {
        let mut year = i32::try_from(n / 366 + 1).unwrap_or(1).max(1);
        while (Self {
            year: year + 1,
            month: 1,
            day: 1,
        })
        .day_number()
            <= n
        {
            year += 1;
        }
        let mut rest = n - Self {
            year,
            month: 1,
            day: 1,
        }
        .day_number();
        let mut month = 1;
        while month < 12 && rest >= i64::from(days_in_month(year, month)) {
            rest -= i64::from(days_in_month(year, month));
            month += 1;
        }
        Self {
            year,
            month,
            day: u32::try_from(rest + 1).unwrap_or(1),
        }
    }

    /// Day of the week, 0 = Monday … 6 = Sunday.
    pub fn weekday(self) -> u32 {
        u32::try_from(self.day_number().rem_euclid(7)).unwrap_or(0)
    }

    /// The date `n` days later (earlier when negative).
    pub fn add_days(self, n: i64) -> Self {
        Self::from_day_number(self.day_number() + n)
    }

    /// `YYYY-MM-DD`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    fn month_end(year: i32, month: u32) -> Self {
        Self {
            year,
            month,
            day: days_in_month(year, month),
        }
    }
}

/// What a time expression says, before resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeKind {
    /// A day of the week (0 = Monday), with an optional "last" (−1), "this" (0) or "next" (+1).
    Weekday(u32, Option<i32>),
    /// A day relative to the article date: yesterday −1, today 0, tomorrow +1.
    RelativeDay(i32),
    /// The week, month or year containing the article date, shifted by `offset` units.
    RelativeUnit(Unit, i32),
    /// A month and day, with the year when given.
    MonthDay(u32, u32, Option<i32>),
    /// A month, with the year when given.
    Month(u32, Option<i32>),
    /// A year.
    Year(i32),
    /// A duration ("5 years"): kept as text.
    Duration,
}

/// A calendar unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Monday–Sunday.
    Week,
    /// A calendar month.
    Month,
    /// A calendar year.
    Year,
}

/// A time expression found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeMention {
    /// Its tokens.
    pub tokens: Range<usize>,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// What it says.
    pub kind: TimeKind,
}

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];
const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
const MONTH_ABBREVIATIONS: [(&str, u32); 12] = [
    ("jan.", 1),
    ("feb.", 2),
    ("mar.", 3),
    ("apr.", 4),
    ("jun.", 6),
    ("jul.", 7),
    ("aug.", 8),
    ("sep.", 9),
    ("sept.", 9),
    ("oct.", 10),
    ("nov.", 11),
    ("dec.", 12),
];
const PARTS_OF_DAY: [&str; 5] = ["morning", "afternoon", "evening", "night", "overnight"];
const DURATION_UNITS: [&str; 12] = [
    "year", "years", "month", "months", "week", "weeks", "day", "days", "hour", "hours", "decade",
    "decades",
];
const NUMBER_WORDS: [&str; 12] = [
    "a", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "several",
];

/// A token's text with a trailing possessive ("Tuesday’s") removed.
fn bare(word: &str) -> &str {
    word.strip_suffix("’s")
        .or_else(|| word.strip_suffix("'s"))
        .unwrap_or(word)
}

fn lower_is(word: &str, candidates: &[&str]) -> Option<usize> {
    candidates.iter().position(|c| c.eq_ignore_ascii_case(word))
}

fn month_of(word: &str) -> Option<u32> {
    let w = bare(word);
    if let Some(i) = lower_is(w, &MONTHS) {
        return u32::try_from(i + 1).ok();
    }
    MONTH_ABBREVIATIONS
        .iter()
        .find(|(a, _)| a.eq_ignore_ascii_case(w))
        .map(|(_, m)| *m)
}

fn year_of(word: &str) -> Option<i32> {
    let w = bare(word);
    if w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()) {
        let y: i32 = w.parse().ok()?;
        (1800..=2199).contains(&y).then_some(y)
    } else {
        None
    }
}

fn day_of(word: &str) -> Option<u32> {
    let w = bare(word);
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let d: u32 = digits.parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

/// The time expressions among the tokens `tokens` of the document (usually one sentence).
pub fn find(doc: &Document<'_>, tokens: Range<usize>) -> Vec<TimeMention> {
    let mut out = Vec::new();
    let end = tokens.end;
    let word = |i: usize| -> &str { if i < end { doc.token_text(i) } else { "" } };
    let mut i = tokens.start;
    while i < end {
        let w = word(i);
        let first = i;
        let mut last = i; // inclusive
        let mut kind = None;
        let shift =
            lower_is(w, &["last", "this", "next"]).map(|k| i32::try_from(k).unwrap_or(0) - 1);
        let head = if shift.is_some() { i + 1 } else { i };
        let hw = word(head);
        if let Some(d) = lower_is(bare(hw), &WEEKDAYS) {
            if is_capitalised(hw) {
                kind = Some(TimeKind::Weekday(u32::try_from(d).unwrap_or(0), shift));
                last = head;
                if lower_is(bare(word(head + 1)), &PARTS_OF_DAY).is_some() && !hw.ends_with('s') {
                    last = head + 1;
                }
            }
        } else if let (Some(k), Some(unit)) =
            (shift, lower_is(bare(hw), &["week", "month", "year"]))
        {
            let unit = [Unit::Week, Unit::Month, Unit::Year][unit];
            kind = Some(TimeKind::RelativeUnit(unit, k));
            last = head;
        } else if shift.is_none() {
            if let Some(k) = lower_is(bare(w), &["yesterday", "today", "tomorrow"]) {
                kind = Some(TimeKind::RelativeDay(i32::try_from(k).unwrap_or(1) - 1));
            } else if let Some(m) = month_of(w).filter(|_| is_capitalised(w)) {
                if let Some(d) = day_of(word(i + 1)).filter(|_| {
                    doc.tokens
                        .get(i + 1)
                        .is_some_and(|t| t.kind == TokenKind::Number)
                }) {
                    last = i + 1;
                    let mut year = None;
                    if word(i + 2) == "," {
                        if let Some(y) = year_of(word(i + 3)) {
                            year = Some(y);
                            last = i + 3;
                        }
                    } else if let Some(y) = year_of(word(i + 2)) {
                        year = Some(y);
                        last = i + 2;
                    }
                    kind = Some(TimeKind::MonthDay(m, d, year));
                } else if let Some(y) = year_of(word(i + 1)) {
                    last = i + 1;
                    kind = Some(TimeKind::Month(m, Some(y)));
                } else if i > tokens.start
                    && lower_is(
                        word(i - 1),
                        &[
                            "in", "since", "until", "early", "late", "mid", "of", "during", "by",
                        ],
                    )
                    .is_some()
                    && (m != 5 || word(i - 1).eq_ignore_ascii_case("in"))
                {
                    kind = Some(TimeKind::Month(m, None));
                }
            } else if let Some(y) = year_of(w).filter(|_| {
                doc.tokens
                    .get(i)
                    .is_some_and(|t| t.kind == TokenKind::Number)
            }) {
                kind = Some(TimeKind::Year(y));
            } else if (doc
                .tokens
                .get(i)
                .is_some_and(|t| t.kind == TokenKind::Number)
                || lower_is(w, &NUMBER_WORDS).is_some())
                && lower_is(word(i + 1), &DURATION_UNITS).is_some()
                && !(w.eq_ignore_ascii_case("a")
                    && lower_is(word(i + 1), &["year", "month", "week", "day"]).is_none())
            {
                kind = Some(TimeKind::Duration);
                last = i + 1;
            }
        }
        match kind {
            Some(kind) => {
                let start = doc.tokens[first].start;
                let mut stop = doc.tokens[last].end;
                let text = &doc.text[start..stop];
                if let Some(stripped) = text.strip_suffix("’s").or_else(|| text.strip_suffix("'s"))
                {
                    stop = start + stripped.len();
                }
                out.push(TimeMention {
                    tokens: first..last + 1,
                    start,
                    end: stop,
                    kind,
                });
                i = last + 1;
            }
            None => i += 1,
        }
    }
    out
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

impl TimeMention {
    /// Resolves the expression against the article date. `future` tells whether the clause speaks of
    /// the future (it decides which "Tuesday" is meant).
    pub fn resolve(&self, text: &str, anchor: Option<Date>, future: bool) -> TimeExpression {
        let words = text
            .get(self.start..self.end)
            .unwrap_or_default()
            .to_owned();
        let (start, end) = match anchor {
            Some(anchor) => self.interval(anchor, future),
            None => match self.kind {
                TimeKind::MonthDay(m, d, Some(y)) if d <= days_in_month(y, m) => {
                    let day = Date {
                        year: y,
                        month: m,
                        day: d,
                    };
                    (Some(day), None)
                }
                TimeKind::Month(m, Some(y)) => (
                    Some(Date {
                        year: y,
                        month: m,
                        day: 1,
                    }),
                    Some(Date::month_end(y, m)),
                ),
                TimeKind::Year(y) => (
                    Some(Date {
                        year: y,
                        month: 1,
                        day: 1,
                    }),
                    Some(Date {
                        year: y,
                        month: 12,
                        day: 31,
                    }),
                ),
                _ => (None, None),
            },
        };
        TimeExpression {
            text: words,
            start: start.map(Date::iso),
            end: end.map(Date::iso),
        }
    }

    fn interval(&self, anchor: Date, future: bool) -> (Option<Date>, Option<Date>) {
        let wd = i64::from(anchor.weekday());
        match self.kind {
            TimeKind::Weekday(day, shift) => {
                let day = i64::from(day);
                let back = (wd - day).rem_euclid(7);
                let ahead = (day - wd).rem_euclid(7);
                let offset = match shift {
                    Some(-1) => -(if back == 0 { 7 } else { back }),
                    Some(1) => {
                        if ahead == 0 {
                            7
                        } else {
                            ahead
                        }
                    }
                    _ if future => {
                        if ahead == 0 {
                            7
                        } else {
                            ahead
                        }
                    }
                    _ => -back,
                };
                (Some(anchor.add_days(offset)), None)
            }
            TimeKind::RelativeDay(k) => (Some(anchor.add_days(i64::from(k))), None),
            TimeKind::RelativeUnit(Unit::Week, k) => {
                let monday = anchor.add_days(-wd + 7 * i64::from(k));
                (Some(monday), Some(monday.add_days(6)))
            }
            TimeKind::RelativeUnit(Unit::Month, k) => {
                let index = anchor.year * 12 + i32::try_from(anchor.month).unwrap_or(1) - 1 + k;
                let (year, month) = (
                    index.div_euclid(12),
                    u32::try_from(index.rem_euclid(12) + 1).unwrap_or(1),
                );
                (
                    Some(Date {
                        year,
                        month,
                        day: 1,
                    }),
                    Some(Date::month_end(year, month)),
                )
            }
            TimeKind::RelativeUnit(Unit::Year, k) => {
                let year = anchor.year + k;
                (
                    Some(Date {
                        year,
                        month: 1,
                        day: 1,
                    }),
                    Some(Date {
                        year,
                        month: 12,
                        day: 31,
                    }),
                )
            }
            TimeKind::MonthDay(m, d, year) => {
                let year = year.unwrap_or_else(|| nearest_year(anchor, m, future));
                if d > days_in_month(year, m) {
                    return (None, None);
                }
                (
                    Some(Date {
                        year,
                        month: m,
                        day: d,
                    }),
                    None,
                )
            }
            TimeKind::Month(m, year) => {
                let year = year.unwrap_or_else(|| nearest_year(anchor, m, future));
                (
                    Some(Date {
                        year,
                        month: m,
                        day: 1,
                    }),
                    Some(Date::month_end(year, m)),
                )
            }
            TimeKind::Year(y) => (
                Some(Date {
                    year: y,
                    month: 1,
                    day: 1,
                }),
                Some(Date {
                    year: y,
                    month: 12,
                    day: 31,
                }),
            ),
            TimeKind::Duration => (None, None),
        }
    }
}

/// The year of a month named without one: the article's year, unless that puts it more than half a
/// year away in the wrong direction (a past "November" in a January article is last November).
fn nearest_year(anchor: Date, month: u32, future: bool) -> i32 {
    let diff = i64::from(month) - i64::from(anchor.month);
    if !future && diff > 6 {
        anchor.year - 1
    } else if future && diff < -6 {
        anchor.year + 1
    } else {
        anchor.year
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        Date::parse(s).unwrap_or(Date {
            year: 1,
            month: 1,
            day: 1,
        })
    }

    #[test]
    fn day_numbers_round_trip() {
        for s in [
            "0001-01-01",
            "1999-12-31",
            "2000-02-29",
            "2016-03-16",
            "2100-03-01",
            "2024-12-31",
        ] {
            assert_eq!(Date::from_day_number(date(s).day_number()).iso(), s);
        }
        // 2016-03-16 was a Wednesday; 2000-01-01 a Saturday.
        assert_eq!(date("2016-03-16").weekday(), 2);
        assert_eq!(date("2000-01-01").weekday(), 5);
        assert_eq!(date("2016-02-28").add_days(2).iso(), "2016-03-01");
    }

    fn resolve(kind: TimeKind, future: bool) -> (Option<String>, Option<String>) {
        let m = TimeMention {
            tokens: 0..1,
            start: 0,
            end: 0,
            kind,
        };
        let t = m.resolve("", Some(date("2016-03-16")), future);
        (t.start, t.end)
    }

    #[test]
    fn relative_expressions() {
        let day = |s: &str| (Some(s.to_owned()), None);
        let span = |a: &str, b: &str| (Some(a.to_owned()), Some(b.to_owned()));
        assert_eq!(
            resolve(TimeKind::Weekday(1, None), false),
            day("2016-03-15")
        );
        assert_eq!(resolve(TimeKind::Weekday(1, None), true), day("2016-03-22"));
        assert_eq!(
            resolve(TimeKind::Weekday(2, None), false),
            day("2016-03-16")
        );
        assert_eq!(
            resolve(TimeKind::Weekday(2, Some(-1)), false),
            day("2016-03-09")
        );
        assert_eq!(
            resolve(TimeKind::Weekday(4, Some(1)), false),
            day("2016-03-18")
        );
        assert_eq!(
            resolve(TimeKind::RelativeUnit(Unit::Week, 1), true),
            span("2016-03-21", "2016-03-27")
        );
        assert_eq!(
            resolve(TimeKind::RelativeUnit(Unit::Week, 0), false),
            span("2016-03-14", "2016-03-20")
        );
        assert_eq!(
            resolve(TimeKind::RelativeUnit(Unit::Month, -1), false),
            span("2016-02-01", "2016-02-29")
        );
        assert_eq!(
            resolve(TimeKind::RelativeUnit(Unit::Month, 10), true),
            span("2017-01-01", "2017-01-31")
        );
        assert_eq!(resolve(TimeKind::RelativeDay(-1), false), day("2016-03-15"));
        assert_eq!(
            resolve(TimeKind::MonthDay(3, 16, None), false),
            day("2016-03-16")
        );
        assert_eq!(
            resolve(TimeKind::MonthDay(11, 2, None), false),
            day("2015-11-02")
        );
        assert_eq!(
            resolve(TimeKind::Year(2015), false),
            span("2015-01-01", "2015-12-31")
        );
        assert_eq!(resolve(TimeKind::Duration, false), (None, None));
    }

    #[test]
    fn without_an_article_date() {
        let m = TimeMention {
            tokens: 0..1,
            start: 0,
            end: 7,
            kind: TimeKind::Weekday(1, None),
        };
        let t = m.resolve("Tuesday", None, false);
        assert_eq!((t.text.as_str(), t.start, t.end), ("Tuesday", None, None));
        let m = TimeMention {
            tokens: 0..1,
            start: 0,
            end: 14,
            kind: TimeKind::MonthDay(3, 16, Some(2016)),
        };
        assert_eq!(
            m.resolve("March 16, 2016", None, false).start.as_deref(),
            Some("2016-03-16")
        );
    }
}
