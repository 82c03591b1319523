//! Resolution of a time expression against the article date: a day, or an interval of days.

use super::{Date, TimeKind, TimeMention, Unit};
use crate::facts::{TimeExpression, days_in_month};

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
                TimeKind::Month(m, Some(y)) => month_span(y, m),
                TimeKind::Year(y) => year_span(y),
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
                month_span(year.unwrap_or_else(|| nearest_year(anchor, m, future)), m)
            }
            TimeKind::Year(y) => year_span(y),
            TimeKind::Duration => (None, None),
        }
    }
}

/// The first and last days of a month.
fn month_span(year: i32, month: u32) -> (Option<Date>, Option<Date>) {
    let first = Date {
        year,
        month,
        day: 1,
    };
    (Some(first), Some(Date::month_end(year, month)))
}

/// The first and last days of a year.
fn year_span(year: i32) -> (Option<Date>, Option<Date>) {
    let day = |month, day| Some(Date { year, month, day });
    (day(1, 1), day(12, 31))
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

    use crate::extract::time::date::tests::date;

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
