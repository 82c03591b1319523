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
//!
//! The work is split by responsibility: this file recognises the expressions, `date` holds the
//! calendar arithmetic and `resolve` turns an expression into days.

use super::text::{Document, TokenKind};
use std::ops::Range;

mod date;
mod resolve;

pub use date::Date;

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

/// Key of the shape table: the first two letters of a word, lowercase ("a"–"z"; 26 for a second
/// character that is no letter, or none).
const fn shape_key(first: u8, second: Option<u8>) -> Option<usize> {
    let a = first.to_ascii_lowercase();
    if !a.is_ascii_lowercase() {
        return None;
    }
    let b = match second {
        Some(b) if b.to_ascii_lowercase().is_ascii_lowercase() => {
            (b.to_ascii_lowercase() - b'a') as usize
        }
        _ => 26,
    };
    Some((a - b'a') as usize * 27 + b)
}

/// For the first two letters of a word, the lengths (bits) of the words of the tables above that
/// may start a time expression: a superset test computed at compile time, so that [`find`] skips
/// the other tokens without a lookup.
const STARTER_SHAPES: [u16; 26 * 27] = {
    const fn add(shapes: &mut [u16; 26 * 27], words: &[&str]) {
        let mut i = 0;
        while i < words.len() {
            let w = words[i].as_bytes();
            let second = if w.len() > 1 { Some(w[1]) } else { None };
            if let Some(k) = shape_key(w[0], second) {
                shapes[k] |= 1 << w.len();
            }
            i += 1;
        }
    }
    let mut shapes = [0u16; 26 * 27];
    add(
        &mut shapes,
        &["last", "this", "next", "yesterday", "today", "tomorrow"],
    );
    add(&mut shapes, &WEEKDAYS);
    add(&mut shapes, &MONTHS);
    add(&mut shapes, &NUMBER_WORDS);
    let mut i = 0;
    while i < MONTH_ABBREVIATIONS.len() {
        add(&mut shapes, &[MONTH_ABBREVIATIONS[i].0]);
        i += 1;
    }
    shapes
};

/// Whether a token may start a time expression: a number, or a word shaped like one of the tables
/// above (possessive removed). A cheap superset test; the rules of [`find`] decide.
fn may_start(kind: TokenKind, word: &str) -> bool {
    match kind {
        TokenKind::Number => true,
        TokenKind::Word => {
            let w = bare(word).as_bytes();
            let (Some(&first), true) = (w.first(), w.len() < 16) else {
                return false;
            };
            shape_key(first, w.get(1).copied())
                .is_some_and(|k| STARTER_SHAPES[k] & (1 << w.len()) != 0)
        }
        _ => false,
    }
}

/// The time expressions among the tokens `tokens` of the document (usually one sentence).
pub fn find(doc: &Document<'_>, tokens: Range<usize>) -> Vec<TimeMention> {
    let mut out = Vec::new();
    let end = tokens.end;
    let word = |i: usize| -> &str { if i < end { doc.token_text(i) } else { "" } };
    let mut i = tokens.start;
    while i < end {
        let w = word(i);
        if !may_start(doc.tokens[i].kind, w) {
            i += 1;
            continue;
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_word_may_start_an_expression() {
        let abbreviations = MONTH_ABBREVIATIONS.map(|(a, _)| a);
        let tables: [&[&str]; 5] = [
            &WEEKDAYS,
            &MONTHS,
            &NUMBER_WORDS,
            &abbreviations,
            &["yesterday", "today", "tomorrow", "last", "this", "next"],
        ];
        for w in tables.into_iter().flatten() {
            assert!(may_start(TokenKind::Word, w), "{w}");
            assert!(may_start(TokenKind::Word, &w.to_uppercase()), "{w}");
            assert!(may_start(TokenKind::Word, &format!("{w}’s")), "{w}");
        }
        for w in ["the", "said", "Kerry", "Syria", "é", "’s"] {
            assert!(!may_start(TokenKind::Word, w), "{w}");
        }
        assert!(may_start(TokenKind::Number, "16"));
        assert!(!may_start(TokenKind::Punct, ","));
    }

    #[test]
    fn finds_expressions_in_a_sentence() -> Result<(), Box<dyn std::error::Error>> {
        let lexicon = super::super::Lexicon::from_ontology(&crate::ontology::Ontology::builtin()?)?;
        let text = "He will travel to Moscow next week and met Putin on Tuesday, March 16, 2016, after 5 years.";
        let doc = Document::parse(text, &lexicon);
        let found: Vec<(&str, TimeKind)> = find(&doc, 0..doc.tokens.len())
            .iter()
            .map(|t| (&text[t.start..t.end], t.kind))
            .collect();
        assert_eq!(
            found,
            [
                ("next week", TimeKind::RelativeUnit(Unit::Week, 1)),
                ("Tuesday", TimeKind::Weekday(1, None)),
                ("March 16, 2016", TimeKind::MonthDay(3, 16, Some(2016))),
                ("5 years", TimeKind::Duration),
            ]
        );
        Ok(())
    }
}
