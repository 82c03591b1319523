//! Calendar dates with a small day-number arithmetic (proleptic Gregorian calendar).

use crate::facts::days_in_month;

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

    /// The last day of a month.
    pub(super) fn month_end(year: i32, month: u32) -> Self {
        Self {
            year,
            month,
            day: days_in_month(year, month),
        }
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// The date written `s`, or 0001-01-01 when it is none.
    pub(in crate::extract::time) fn date(s: &str) -> Date {
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
}
