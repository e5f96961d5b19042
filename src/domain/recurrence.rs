//! Recurring gatherings as RFC 5545 rules, read in the community's time zone: a gathering stays at its
//! local wall-clock time across DST changes. We keep the RRULE text we built (never the rrule crate's
//! `to_string`, which drops `BYDAY=1FR`'s ordinal — upstream rust-rrule#148).

use super::message::Message;
use super::InputError;
use chrono::{
    DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Timelike, Utc,
    Weekday,
};
use chrono_tz::Tz;
use rrule::RRuleSet;

/// How often a series repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frequency {
    /// Every week on the chosen weekday.
    Weekly,
    /// Every other week, counted from the first date.
    EveryTwoWeeks,
    /// Every month (with a week of the month).
    Monthly,
    /// Every year (with a week of the month and months).
    Yearly,
}

/// Which weekday of the month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WeekOfMonth {
    /// The first such weekday of the month (days 1–7).
    First,
    /// The second such weekday of the month (days 8–14).
    Second,
    /// The third such weekday of the month (days 15–21).
    Third,
    /// The fourth such weekday of the month (days 22–28).
    Fourth,
    /// The last such weekday of the month (in some months also the fourth).
    Last,
}

impl WeekOfMonth {
    fn ordinal(self) -> i8 {
        match self {
            WeekOfMonth::First => 1,
            WeekOfMonth::Second => 2,
            WeekOfMonth::Third => 3,
            WeekOfMonth::Fourth => 4,
            WeekOfMonth::Last => -1,
        }
    }
}

/// The months a series is restricted to (1–12, in the order given).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Months(Vec<u32>);

impl Months {
    /// Parses `oct,jan,apr`, `sep-may`, `September, October`, `9,10`, or in French `sept.-mai`,
    /// `janv., févr.`.
    pub fn parse(input: &str) -> Result<Months, InputError> {
        let mut months: Vec<u32> = Vec::new();
        for token in input
            .split([',', ' ', ';'])
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            let range = token.replace('–', "-");
            let added = match range.split_once('-') {
                Some((from, to)) => {
                    let (from, to) = (month(from)?, month(to)?);
                    let mut run = vec![from];
                    let mut m = from;
                    while m != to {
                        m = m % 12 + 1;
                        run.push(m);
                    }
                    run
                }
                None => vec![month(token)?],
            };
            for m in added {
                if !months.contains(&m) {
                    months.push(m);
                }
            }
        }
        if months.is_empty() {
            return Err(InputError::new(Message::key("input-months-none")));
        }
        Ok(Months(months))
    }

    /// The months it runs in, 1 = January, in the order given.
    pub fn numbers(&self) -> &[u32] {
        &self.0
    }
}

/// French month names and their usual abbreviations (`janv.`, `févr.`), with and without accents.
const FRENCH_MONTHS: [&[&str]; 12] = [
    &["janvier", "janv"],
    &["février", "fevrier", "févr", "fevr", "fév", "fev"],
    &["mars"],
    &["avril", "avr"],
    &["mai"],
    &["juin"],
    &["juillet", "juil"],
    &["août", "aout"],
    &["septembre", "sept"],
    &["octobre", "oct"],
    &["novembre", "nov"],
    &["décembre", "decembre", "déc", "dec"],
];

fn month(token: &str) -> Result<u32, InputError> {
    let t = token.trim().trim_end_matches('.').to_lowercase();
    if let Some(i) = FRENCH_MONTHS
        .iter()
        .position(|names| names.contains(&t.as_str()))
    {
        return Ok(i as u32 + 1);
    }
    if let Ok(n) = t.parse::<u32>() {
        if (1..=12).contains(&n) {
            return Ok(n);
        }
    }
    let full = [
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
    let found = (t.len() >= 3)
        .then(|| {
            full.iter()
                .position(|name| name.starts_with(&t) || (t == "sept" && *name == "september"))
        })
        .flatten();
    found.map(|i| i as u32 + 1).ok_or_else(|| {
        InputError::new(Message::key("input-not-a-month").with("typed", super::text::echo(token)))
    })
}

fn weekday_code(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "MO",
        Weekday::Tue => "TU",
        Weekday::Wed => "WE",
        Weekday::Thu => "TH",
        Weekday::Fri => "FR",
        Weekday::Sat => "SA",
        Weekday::Sun => "SU",
    }
}

/// A validated repetition rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleSpec {
    frequency: Frequency,
    weekday: Weekday,
    week: Option<WeekOfMonth>,
    months: Option<Months>,
}

impl RuleSpec {
    /// Checks that the pieces fit together (a week only for monthly/yearly, and required there).
    pub fn new(
        frequency: Frequency,
        weekday: Weekday,
        week: Option<WeekOfMonth>,
        months: Option<Months>,
    ) -> Result<RuleSpec, InputError> {
        match (frequency, week) {
            (Frequency::Weekly | Frequency::EveryTwoWeeks, Some(_)) => {
                Err(InputError::new(Message::key("input-week-not-weekly")))
            }
            (Frequency::Monthly | Frequency::Yearly, None) => {
                Err(InputError::new(Message::key("input-week-needed")))
            }
            _ => Ok(RuleSpec {
                frequency,
                weekday,
                week,
                months,
            }),
        }
    }

    /// The RRULE value (without `RRULE:`); a yearly rule without months repeats in `default_month`.
    pub fn rrule_text(&self, default_month: u32) -> String {
        let day = weekday_code(self.weekday);
        let mut rule = match (self.frequency, self.week) {
            (Frequency::Weekly, _) => format!("FREQ=WEEKLY;BYDAY={day}"),
            (Frequency::EveryTwoWeeks, _) => format!("FREQ=WEEKLY;INTERVAL=2;BYDAY={day}"),
            (Frequency::Monthly, Some(w)) => format!("FREQ=MONTHLY;BYDAY={}{day}", w.ordinal()),
            (Frequency::Yearly, Some(w)) => format!("FREQ=YEARLY;BYDAY={}{day}", w.ordinal()),
            (_, None) => format!("FREQ=MONTHLY;BYDAY=1{day}"),
        };
        let months: Vec<u32> = match (&self.months, self.frequency) {
            (Some(m), _) => m.numbers().to_vec(),
            (None, Frequency::Yearly) => vec![default_month],
            (None, _) => vec![],
        };
        if !months.is_empty() {
            let list: Vec<String> = months.iter().map(u32::to_string).collect();
            rule.push_str(&format!(";BYMONTH={}", list.join(",")));
        }
        rule
    }

    /// How often it comes round.
    pub fn frequency(&self) -> Frequency {
        self.frequency
    }

    /// Its weekday.
    pub fn weekday(&self) -> Weekday {
        self.weekday
    }

    /// Which weekday of the month (monthly and yearly rules).
    pub fn week(&self) -> Option<WeekOfMonth> {
        self.week
    }

    /// The months it is restricted to, if any.
    pub fn months(&self) -> Option<&Months> {
        self.months.as_ref()
    }

    /// The rule a stored RRULE was built from (by [`RuleSpec::rrule_text`]), read back so that it can
    /// be said in any language; `None` for a rule this bot does not write.
    pub fn from_rrule(rrule: &str) -> Option<RuleSpec> {
        let mut freq = None;
        let mut interval = 1;
        let mut byday = None;
        let mut months = None;
        for part in rrule.split(';') {
            let (name, value) = part.split_once('=')?;
            match name {
                "FREQ" => freq = Some(value),
                "INTERVAL" => interval = value.parse().ok()?,
                "BYDAY" => byday = Some(value),
                "BYMONTH" => {
                    let list: Option<Vec<u32>> = value
                        .split(',')
                        .map(|m| m.parse().ok().filter(|m| (1..=12).contains(m)))
                        .collect();
                    months = Some(Months(list?));
                }
                _ => {}
            }
        }
        let byday = byday?;
        let code = byday.get(byday.len().checked_sub(2)?..)?;
        let weekday = (0u8..7)
            .filter_map(|n| Weekday::try_from(n).ok())
            .find(|d| weekday_code(*d) == code)?;
        let ordinal = byday.get(..byday.len() - 2)?;
        let week = match ordinal {
            "" => None,
            "1" | "+1" => Some(WeekOfMonth::First),
            "2" | "+2" => Some(WeekOfMonth::Second),
            "3" | "+3" => Some(WeekOfMonth::Third),
            "4" | "+4" => Some(WeekOfMonth::Fourth),
            "-1" => Some(WeekOfMonth::Last),
            _ => return None,
        };
        let frequency = match (freq?, interval) {
            ("WEEKLY", 1) => Frequency::Weekly,
            ("WEEKLY", 2) => Frequency::EveryTwoWeeks,
            ("MONTHLY", 1) => Frequency::Monthly,
            ("YEARLY", 1) => Frequency::Yearly,
            _ => return None,
        };
        let week = match frequency {
            Frequency::Weekly | Frequency::EveryTwoWeeks => None,
            Frequency::Monthly | Frequency::Yearly => Some(week?),
        };
        Some(RuleSpec {
            frequency,
            weekday,
            week,
            months,
        })
    }

    /// The longest gap between two dates of this rule (for "first_date too far in the past").
    pub fn period(&self) -> Duration {
        match self.frequency {
            Frequency::Weekly => Duration::days(7),
            Frequency::EveryTwoWeeks => Duration::days(14),
            Frequency::Monthly => Duration::days(35),
            Frequency::Yearly => Duration::days(366),
        }
    }
}

/// A stored rule with its first occurrence, zone and optional end: everything needed to list its dates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recurrence {
    /// The RRULE value we built.
    pub rrule: String,
    /// The first occurrence, local wall-clock time.
    pub dtstart: NaiveDateTime,
    /// The zone the rule is read in.
    pub zone: Tz,
    /// No occurrence starts after this instant (set when a series is ended).
    pub until: Option<DateTime<Utc>>,
}

/// A stored rule could not be read back.
#[derive(Debug, thiserror::Error)]
#[error("recurrence rule cannot be expanded: {0}")]
pub struct RecurrenceError(String);

impl Recurrence {
    /// Plans a rule whose first date is the first match on or after `first_date`; refuses a rule with no
    /// date in the two years after `first_date`.
    pub fn plan(
        spec: &RuleSpec,
        start: NaiveTime,
        first_date: NaiveDate,
        zone: Tz,
    ) -> Result<Recurrence, InputError> {
        // The time of day is part of the rule, so a first date that falls in a DST gap cannot shift
        // every later occurrence.
        let rule = format!(
            "{};BYHOUR={};BYMINUTE={};BYSECOND=0",
            spec.rrule_text(first_date.month()),
            start.hour(),
            start.minute()
        );
        Recurrence::first_on_or_after(rule, start, first_date, zone)
    }

    /// The same dates from `first_date` on, at `start` (a series continuing at a new time of day).
    pub fn from_date_at(
        &self,
        first_date: NaiveDate,
        start: NaiveTime,
    ) -> Result<Recurrence, InputError> {
        let mut parts: Vec<String> = self
            .rrule
            .split(';')
            .filter(|p| {
                !p.starts_with("BYHOUR=")
                    && !p.starts_with("BYMINUTE=")
                    && !p.starts_with("BYSECOND=")
            })
            .map(str::to_owned)
            .collect();
        parts.push(format!("BYHOUR={}", start.hour()));
        parts.push(format!("BYMINUTE={}", start.minute()));
        parts.push("BYSECOND=0".to_owned());
        Recurrence::first_on_or_after(parts.join(";"), start, first_date, self.zone)
    }

    /// `rule` starting with its first date on or after `first_date`; refused when it has none in the
    /// two years after.
    fn first_on_or_after(
        rule: String,
        start: NaiveTime,
        first_date: NaiveDate,
        zone: Tz,
    ) -> Result<Recurrence, InputError> {
        let draft = Recurrence {
            rrule: rule,
            dtstart: first_date.and_time(start),
            zone,
            until: None,
        };
        let from = local_to_utc(draft.dtstart, zone);
        let first = draft
            .starts_between(from, from + Duration::days(731), 1)
            .map_err(|e| InputError::new(Message::key("input-rule-unusable").with("error", e)))?;
        let first = first
            .first()
            .ok_or_else(|| InputError::new(Message::key("input-rule-no-date")))?;
        Ok(Recurrence {
            dtstart: first.with_timezone(&zone).naive_local(),
            ..draft
        })
    }

    /// The rule as the rrule crate's set. DTSTART is resolved like every occurrence (a time skipped by
    /// DST moves on by the gap, a repeated one is taken once), because the crate refuses to parse an
    /// ambiguous or skipped DTSTART.
    fn rrule_set(&self) -> Result<RRuleSet, rrule::RRuleError> {
        let tz = rrule::Tz::Tz(self.zone);
        let rule: rrule::RRule<rrule::Unvalidated> = self.rrule.parse()?;
        let rule = match self.until {
            Some(until) => rule.until(until.with_timezone(&rrule::Tz::UTC)),
            None => rule,
        };
        rule.build(local_to_utc(self.dtstart, self.zone).with_timezone(&tz))
    }

    /// The starts (UTC) in `[from, to)`, at most `limit`.
    pub fn starts_between(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        limit: usize,
    ) -> Result<Vec<DateTime<Utc>>, RecurrenceError> {
        let set = self
            .rrule_set()
            .map_err(|e| RecurrenceError(e.to_string()))?;
        let mut out = Vec::new();
        for start in set.into_iter() {
            let start = start.with_timezone(&Utc);
            if start >= to || out.len() >= limit {
                break;
            }
            if start >= from {
                out.push(start);
            }
        }
        Ok(out)
    }
}

/// A local wall-clock time in `zone` as UTC; a time skipped by DST is read with the offset from before the
/// gap (02:30 on a spring-forward night becomes 03:30), a repeated one takes its first occurrence.
pub fn local_to_utc(local: NaiveDateTime, zone: Tz) -> DateTime<Utc> {
    use chrono::Offset;
    if let Some(t) = zone.from_local_datetime(&local).earliest() {
        return t.with_timezone(&Utc);
    }
    let before = zone
        .from_local_datetime(&(local - Duration::hours(3)))
        .earliest()
        .map(|t| t.offset().fix().local_minus_utc())
        .unwrap_or(0);
    Utc.from_utc_datetime(&(local - Duration::seconds(i64::from(before))))
}

#[cfg(test)]
#[path = "recurrence_tests.rs"]
mod tests;

#[cfg(test)]
mod echo_tests {
    use super::Months;

    #[test]
    fn an_unknown_month_is_echoed_short_and_without_backticks() {
        let err = Months::parse(&format!("`{}", "я".repeat(100)))
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("`'яя"), "{err}");
        assert!(err.contains('…') && !err.contains(&"я".repeat(40)), "{err}");
        for bad in ["1д", "д", "日", "🌱-may", "sep-д"] {
            assert!(
                Months::parse(bad)
                    .unwrap_err()
                    .to_string()
                    .contains("oct,jan,apr"),
                "{bad}"
            );
        }
    }
}
