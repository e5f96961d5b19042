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
    /// Never.
    Off,
    /// On this schedule.
    Cron {
        /// The expression as the organizer typed it (normalised spaces).
        expression: String,
        /// The parsed schedule.
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

    /// Reads a stored value back; a value that no longer parses is treated as off.
    pub fn from_stored(text: &str) -> Self {
        match Schedule::from_str(text) {
            Ok(schedule) if !text.eq_ignore_ascii_case("off") => RolePrompt::Cron {
                expression: text.to_owned(),
                schedule: Box::new(schedule),
            },
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
