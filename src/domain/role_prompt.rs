//! When the bot nudges about unclaimed roles, as a coordinator says it: `off`; offsets before each
//! gathering like reminders (`14d,7d,3d`: while roles are open, 14, 7 and 3 days before); a weekday and
//! time (`mon 10:00`, `monday 10am`, `lundi 10h`); or, for experts, a cron — 6 fields seconds first, or
//! the 5 of ordinary crontab, with crontab's weekday numbering (0 or 7 = Sunday, 1 = Monday).
//!
//! Stored typed (`off`, `before:14d,7d,3d`, `weekly:mon@10:00`, `cron:0 0 10 * * Tue,Thu`); a value
//! stored before these forms existed (a bare cron in the `cron` crate's own numbering) still reads.

use super::message::Message;
use super::reminders::ReminderOffsets;
use super::text::{clean_line, echo};
use super::when::parse_time;
use super::InputError;
use chrono::{DateTime, Duration, NaiveTime, Utc, Weekday};
use chrono_tz::Tz;
use cron::Schedule;
use std::str::FromStr;

#[cfg(test)]
mod tests;
mod weekdays;

pub use super::wall_clock::TimeFormat;
use weekdays::{crontab_weekdays, weekday_named, WEEK};

/// The default of a new community: Mondays at 10:00.
pub const DEFAULT_ROLE_PROMPT: &str = "weekly:mon@10:00";

/// A refusal of a role prompt: `key` in the catalogue (each ends with the example of every form,
/// `input-prompt-example`), with what was typed as `typed`.
fn refusal(key: &'static str, typed: &str) -> InputError {
    InputError::new(Message::key(key).with("typed", echo(typed)))
}

/// When the bot nudges about unclaimed roles.
#[derive(Debug, Clone)]
pub enum RolePrompt {
    /// No role prompts at all.
    Off,
    /// Before each gathering, at these offsets, while it has open roles.
    Before(ReminderOffsets),
    /// On these weekdays at this wall-clock time, about the next gathering.
    Weekly {
        /// Monday first, no duplicates.
        days: Vec<Weekday>,
        /// The local time.
        at: NaiveTime,
        /// The same as a cron, read on the community's wall clock.
        schedule: Box<Schedule>,
    },
    /// On a cron (stored in the `cron` crate's syntax, weekdays by name).
    Cron {
        /// The expression as stored.
        expression: String,
        /// The expression parsed, read in the community's time zone.
        schedule: Box<Schedule>,
    },
}

impl PartialEq for RolePrompt {
    fn eq(&self, other: &Self) -> bool {
        self.to_stored() == other.to_stored()
    }
}

impl RolePrompt {
    /// Parses what an organizer typed; refuses a cron that never fires after `now` or more often than
    /// hourly. A cron that says one weekly time (`0 10 * * 1`) is kept as that weekday and time.
    pub fn parse(input: &str, now: DateTime<Utc>) -> Result<Self, InputError> {
        let text = clean_line(input).to_lowercase();
        let text = text.trim();
        if matches!(text, "off" | "none" | "no" | "non" | "aucun" | "jamais") {
            return Ok(RolePrompt::Off);
        }
        if text.is_empty() {
            return Err(InputError::new(Message::key("input-prompt-none")));
        }
        if looks_like_offsets(text) {
            return ReminderOffsets::parse_for_prompt(text).map(RolePrompt::Before);
        }
        if let Some(weekly) = parse_weekly(text)? {
            return Ok(weekly);
        }
        parse_cron(text, now)
    }

    /// The default of a new community.
    pub fn default_prompt() -> Self {
        // Always a valid cron; were it not, no prompts rather than a panic.
        Self::weekly(vec![Weekday::Mon], NaiveTime::MIN + Duration::hours(10))
            .unwrap_or(RolePrompt::Off)
    }

    fn weekly(mut days: Vec<Weekday>, at: NaiveTime) -> Option<Self> {
        days.sort_by_key(|d| d.num_days_from_monday());
        days.dedup();
        let names: Vec<&str> = days.iter().map(|d| cron_day(*d)).collect();
        let expression = format!(
            "0 {} {} * * {}",
            at.format("%-M"),
            at.format("%-H"),
            names.join(",")
        );
        let schedule = Schedule::from_str(&expression).ok()?;
        Some(RolePrompt::Weekly {
            days,
            at,
            schedule: Box::new(schedule),
        })
    }

    /// The stored form (`off`, `before:…`, `weekly:…`, `cron:…`).
    pub fn to_stored(&self) -> String {
        match self {
            RolePrompt::Off => "off".to_owned(),
            RolePrompt::Before(offsets) => format!("before:{offsets}"),
            RolePrompt::Weekly { days, at, .. } => {
                let names: Vec<&str> = days
                    .iter()
                    .map(|d| WEEK[d.num_days_from_monday() as usize])
                    .collect();
                format!("weekly:{}@{}", names.join(","), at.format("%H:%M"))
            }
            RolePrompt::Cron { expression, .. } => format!("cron:{expression}"),
        }
    }

    /// Reads a stored value back. A bare cron (stored before the typed forms) is read as it always was;
    /// a value that no longer parses, or a cron firing more often than hourly, is treated as off.
    pub fn from_stored(text: &str) -> Self {
        let (kind, rest) = text.split_once(':').unwrap_or(("", text));
        match kind {
            "before" => ReminderOffsets::parse(rest)
                .ok()
                .filter(|o| !o.is_off())
                .map_or(RolePrompt::Off, RolePrompt::Before),
            "weekly" => stored_weekly(rest).unwrap_or(RolePrompt::Off),
            "cron" => stored_cron(rest),
            _ if text.eq_ignore_ascii_case("off") => RolePrompt::Off,
            _ => stored_cron(text),
        }
    }

    /// The next fire time of a weekly or cron prompt strictly after `now`, read in `zone` (`None` for
    /// off and for prompts before each gathering, which have no clock of their own).
    pub fn next_after(&self, now: DateTime<Utc>, zone: Tz) -> Option<DateTime<Utc>> {
        self.schedule().and_then(|s| {
            s.after(&now.with_timezone(&zone))
                .next()
                .map(|t| t.with_timezone(&Utc))
        })
    }

    /// The clock schedule, for weekly and cron prompts.
    pub fn schedule(&self) -> Option<&Schedule> {
        match self {
            RolePrompt::Weekly { schedule, .. } | RolePrompt::Cron { schedule, .. } => {
                Some(schedule)
            }
            _ => None,
        }
    }

    /// Whether this prompt fires at `instant` (within a minute), for a gathering starting at `start`:
    /// then a reminder at that instant carries the prompt and no separate one is posted.
    pub fn fires_at(&self, start: DateTime<Utc>, instant: DateTime<Utc>, zone: Tz) -> bool {
        match self {
            RolePrompt::Off => false,
            RolePrompt::Before(offsets) => offsets.durations().any(|o| {
                (super::posts::before(start, o, zone) - instant)
                    .num_seconds()
                    .abs()
                    < 60
            }),
            _ => self
                .next_after(instant - Duration::seconds(60), zone)
                .is_some_and(|t| (t - instant).num_seconds().abs() < 60),
        }
    }
}

/// Offsets are numbers with a unit: `14d,7d,3d`, `2h 30m`, `1j`.
fn looks_like_offsets(text: &str) -> bool {
    let tokens: Vec<&str> = text.split([',', ' ']).filter(|t| !t.is_empty()).collect();
    !tokens.is_empty()
        && tokens.iter().all(|t| {
            let mut chars = t.chars();
            let unit = chars.next_back();
            let digits = chars.as_str();
            matches!(unit, Some('m' | 'h' | 'd' | 'w' | 'j'))
                && !digits.is_empty()
                && digits.chars().all(|c| c.is_ascii_digit())
        })
        && !text.contains(':')
}

/// `mon 10:00`, `monday 10am`, `every monday at 10:00`, `mon,thu 18:30`, `lundi 10h`: weekdays then a
/// time. `None` when the text does not start with a weekday (it may be a cron).
fn parse_weekly(text: &str) -> Result<Option<RolePrompt>, InputError> {
    let words: Vec<&str> = text
        .split([' ', ','])
        .filter(|w| !w.is_empty())
        .filter(|w| {
            !matches!(
                *w,
                "every"
                    | "each"
                    | "on"
                    | "at"
                    | "and"
                    | "&"
                    | "chaque"
                    | "tous"
                    | "les"
                    | "le"
                    | "à"
                    | "a"
                    | "et"
            )
        })
        .collect();
    let days: Vec<Weekday> = words.iter().map_while(|w| weekday_named(w)).collect();
    if days.is_empty() {
        return Ok(None);
    }
    let rest = words[days.len()..].join(" ");
    if rest.is_empty() {
        return Err(refusal("input-prompt-day-no-time", text));
    }
    let at = parse_time(&rest).map_err(|_| refusal("input-prompt-not-a-time", &rest))?;
    RolePrompt::weekly(days, at)
        .map(Some)
        .ok_or_else(|| refusal("input-prompt-not-weekly", text))
}

/// A cron: 5 fields (crontab: minute hour day month weekday) or 6 (seconds first). Weekday numbers are
/// crontab's (0 or 7 = Sunday); they are stored as names, so the `cron` crate's own numbering (1 =
/// Sunday) never applies to what a person typed.
fn parse_cron(text: &str, now: DateTime<Utc>) -> Result<RolePrompt, InputError> {
    let mut fields: Vec<String> = text
        .split(' ')
        .filter(|f| !f.is_empty())
        .map(str::to_owned)
        .collect();
    match fields.len() {
        5 => fields.insert(0, "0".to_owned()),
        6 => {}
        n => {
            return Err(InputError::new(
                Message::key("input-prompt-fields")
                    .with("typed", echo(text))
                    .with("count", n),
            ))
        }
    }
    // The `cron` crate requires both day fields to match where crontab takes either: refuse the mix.
    if !matches!(fields[3].as_str(), "*" | "?") && !matches!(fields[5].as_str(), "*" | "?") {
        return Err(refusal("input-prompt-both-days", text));
    }
    let days = crontab_weekdays(&fields[5])
        .ok_or_else(|| refusal("input-prompt-weekday-field", &fields[5]))?;
    // One time of day on some weekdays (or every day), every week: keep it as weekdays and a time.
    if let (Ok(0), Ok(m), Ok(h), "*", "*") = (
        fields[0].parse::<u32>(),
        fields[1].parse::<u32>(),
        fields[2].parse::<u32>(),
        fields[3].as_str(),
        fields[4].as_str(),
    ) {
        if let Some(at) = NaiveTime::from_hms_opt(h, m, 0) {
            let list = days
                .clone()
                .unwrap_or_else(|| weekdays::every_day().to_vec());
            if let Some(weekly) = RolePrompt::weekly(list, at) {
                return Ok(weekly);
            }
        }
    }
    fields[5] = match &days {
        None => "*".to_owned(),
        Some(list) => list
            .iter()
            .map(|d| cron_day(*d))
            .collect::<Vec<_>>()
            .join(","),
    };
    let expression = fields.join(" ");
    let schedule = Schedule::from_str(&expression).map_err(|e| {
        InputError::new(
            Message::key("input-prompt-not-cron")
                .with("typed", echo(text))
                .with("error", e),
        )
    })?;
    if schedule.after(&now).next().is_none() {
        return Err(refusal("input-prompt-never", text));
    }
    if let Some(gap) = shortest_gap(&schedule, now) {
        if gap < MIN_GAP_SECONDS {
            // Under a minute in seconds, else in whole minutes.
            let (count, unit) = if gap < 60 {
                (gap, "second")
            } else {
                (gap / 60, "minute")
            };
            return Err(InputError::new(
                Message::key("input-prompt-too-often")
                    .with("typed", echo(text))
                    .with("count", count)
                    .with("unit", unit),
            ));
        }
    }
    Ok(RolePrompt::Cron {
        expression,
        schedule: Box::new(schedule),
    })
}

fn stored_weekly(rest: &str) -> Option<RolePrompt> {
    let (days, at) = rest.split_once('@')?;
    let days: Option<Vec<Weekday>> = days.split(',').map(weekday_named).collect();
    let days = days.filter(|d| !d.is_empty())?;
    let at = NaiveTime::parse_from_str(at, "%H:%M").ok()?;
    RolePrompt::weekly(days, at)
}

fn stored_cron(text: &str) -> RolePrompt {
    let reference = DateTime::<Utc>::from_timestamp(1_767_225_600, 0).unwrap_or_default();
    match Schedule::from_str(text) {
        Ok(schedule) if shortest_gap(&schedule, reference).is_none_or(|g| g >= MIN_GAP_SECONDS) => {
            RolePrompt::Cron {
                expression: text.to_owned(),
                schedule: Box::new(schedule),
            }
        }
        _ => RolePrompt::Off,
    }
}

fn cron_day(day: Weekday) -> &'static str {
    ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][day.num_days_from_monday() as usize]
}

/// The shortest time between two role prompts: one hour.
pub const MIN_GAP_SECONDS: i64 = 3600;

/// The shortest gap, in seconds, between consecutive fire times among the first 500 after `from` (enough
/// to see the pattern of any cron: a day of hourly fires, years of yearly ones); `None` if it fires once.
fn shortest_gap(schedule: &Schedule, from: DateTime<Utc>) -> Option<i64> {
    let fires: Vec<DateTime<Utc>> = schedule.after(&from).take(500).collect();
    fires.windows(2).map(|w| (w[1] - w[0]).num_seconds()).min()
}
