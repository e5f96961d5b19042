//! The role-prompt schedule: a 6-field cron (seconds first) read in the community's time zone, or off.

use super::InputError;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use cron::Schedule;
use std::fmt;
use std::str::FromStr;

/// The default: Mondays at 10:00.
pub const DEFAULT_ROLE_PROMPT: &str = "0 0 10 * * Mon";

const EXAMPLE: &str = "Use 6 cron fields, seconds first, in the community's time zone: `0 0 10 * * Mon` is \
                       Mondays at 10:00, `0 30 18 * * Tue,Thu` is Tuesdays and Thursdays at 18:30. Or `off`.";

/// When the bot nudges about unclaimed roles.
#[derive(Debug, Clone)]
pub enum RolePrompt {
    /// No role prompts at all, neither on a cron nor before gatherings (typed `off`).
    Off,
    /// Prompts at the first reminder offset and at each fire time of this cron.
    Cron {
        /// The expression as the organizer typed it (normalised spaces).
        expression: String,
        /// The expression parsed, read in the community's time zone.
        schedule: Box<Schedule>,
    },
}

impl PartialEq for RolePrompt {
    fn eq(&self, other: &Self) -> bool {
        self.to_string() == other.to_string()
    }
}

impl RolePrompt {
    /// Parses a 6-field cron or `off`; refuses one that never fires after `now`.
    pub fn parse(input: &str, now: DateTime<Utc>) -> Result<Self, InputError> {
        let text = input.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.eq_ignore_ascii_case("off") {
            return Ok(RolePrompt::Off);
        }
        let fields = text.split(' ').filter(|f| !f.is_empty()).count();
        if fields != 6 {
            return Err(InputError::new(format!(
                "`{}` has {fields} fields, not 6. {EXAMPLE}",
                shorten(&text)
            )));
        }
        let schedule = Schedule::from_str(&text).map_err(|e| {
            InputError::new(format!(
                "`{}` is not a cron expression ({e}). {EXAMPLE}",
                shorten(&text)
            ))
        })?;
        if schedule.after(&now).next().is_none() {
            return Err(InputError::new(format!(
                "`{}` never fires. {EXAMPLE}",
                shorten(&text)
            )));
        }
        if let Some(gap) = shortest_gap(&schedule, now) {
            if gap < MIN_GAP_SECONDS {
                return Err(InputError::new(format!(
                    "`{}` would prompt every {}; role prompts come at most once an hour (the bot's posts \
                     are shared by every community). {EXAMPLE}",
                    shorten(&text),
                    describe_gap(gap)
                )));
            }
        }
        Ok(RolePrompt::Cron {
            expression: text,
            schedule: Box::new(schedule),
        })
    }

    /// The default schedule of a new community.
    pub fn default_prompt() -> Self {
        let schedule = Schedule::from_str(DEFAULT_ROLE_PROMPT).unwrap_or_else(|_| unreachable!());
        RolePrompt::Cron {
            expression: DEFAULT_ROLE_PROMPT.to_owned(),
            schedule: Box::new(schedule),
        }
    }

    /// Reads a stored value back; a value that no longer parses, or one that fires more often than
    /// hourly (accepted before that limit existed), is treated as off.
    pub fn from_stored(text: &str) -> Self {
        let reference = DateTime::<Utc>::from_timestamp(1_767_225_600, 0).unwrap_or_default();
        match Schedule::from_str(text) {
            Ok(schedule)
                if !text.eq_ignore_ascii_case("off")
                    && shortest_gap(&schedule, reference).is_none_or(|g| g >= MIN_GAP_SECONDS) =>
            {
                RolePrompt::Cron {
                    expression: text.to_owned(),
                    schedule: Box::new(schedule),
                }
            }
            _ => RolePrompt::Off,
        }
    }

    /// The next fire time strictly after `now`, read in `zone`.
    pub fn next_after(&self, now: DateTime<Utc>, zone: Tz) -> Option<DateTime<Utc>> {
        match self {
            RolePrompt::Off => None,
            RolePrompt::Cron { schedule, .. } => schedule
                .after(&now.with_timezone(&zone))
                .next()
                .map(|t| t.with_timezone(&Utc)),
        }
    }
}

/// The shortest time between two role prompts: one hour.
pub const MIN_GAP_SECONDS: i64 = 3600;

/// The shortest gap, in seconds, between consecutive fire times among the first 500 after `from` (enough
/// to see the pattern of any cron: a day of hourly fires, years of yearly ones); `None` if it fires once.
fn shortest_gap(schedule: &Schedule, from: DateTime<Utc>) -> Option<i64> {
    let fires: Vec<DateTime<Utc>> = schedule.after(&from).take(500).collect();
    fires.windows(2).map(|w| (w[1] - w[0]).num_seconds()).min()
}

fn describe_gap(seconds: i64) -> String {
    match seconds {
        s if s < 60 => format!("{s} second{}", if s == 1 { "" } else { "s" }),
        s => format!("{} minutes", s / 60),
    }
}

fn shorten(text: &str) -> String {
    text.chars().take(60).collect::<String>().replace('`', "'")
}

impl fmt::Display for RolePrompt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RolePrompt::Off => f.write_str("off"),
            RolePrompt::Cron { expression, .. } => f.write_str(expression),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap()
    }

    #[test]
    fn default_fires_next_monday_at_ten_local() {
        let p = RolePrompt::parse("0 0 10 * * Mon", now()).unwrap();
        let next = p.next_after(now(), chrono_tz::America::Phoenix).unwrap();
        // 2026-11-30 is a Monday; 10:00 in Phoenix (UTC-7) is 17:00 UTC.
        assert_eq!(next, Utc.with_ymd_and_hms(2026, 11, 30, 17, 0, 0).unwrap());
        assert_eq!(p, RolePrompt::default_prompt());
    }

    #[test]
    fn prompts_more_often_than_hourly_are_refused_and_read_back_as_off() {
        for fast in [
            "* * * * * *",
            "0 * * * * *",
            "0 */30 * * * *",
            "0 0,30 10 * * Mon",
            "0 0 10 * * Mon,Mon",
            "*/5 * 10 * * *",
        ] {
            let refused = RolePrompt::parse(fast, now());
            if fast == "0 0 10 * * Mon,Mon" {
                assert!(refused.is_ok(), "{fast}: a duplicate day is still weekly");
                continue;
            }
            let message = refused.expect_err(fast).0;
            assert!(
                message.contains("at most once an hour"),
                "{fast}: {message}"
            );
            assert_eq!(RolePrompt::from_stored(fast), RolePrompt::Off, "{fast}");
        }
        for fine in [
            "0 0 * * * *",
            "0 0 9,10 * * *",
            "0 0 10 * * Mon",
            "0 0 10 1 1 *",
        ] {
            assert!(RolePrompt::parse(fine, now()).is_ok(), "{fine}");
            assert_ne!(RolePrompt::from_stored(fine), RolePrompt::Off, "{fine}");
        }
    }

    #[test]
    fn bad_and_never_firing_expressions_are_refused() {
        for bad in [
            "0 10 * * Mon",
            "* * * * * * 2030 1",
            "0 0 25 * * Mon",
            "nonsense",
            "0 0 0 30 2 *",
        ] {
            let err = RolePrompt::parse(bad, now()).unwrap_err().0;
            assert!(err.contains("0 0 10 * * Mon"), "{bad}: {err}");
        }
        assert_eq!(RolePrompt::parse(" OFF ", now()).unwrap(), RolePrompt::Off);
    }
}
