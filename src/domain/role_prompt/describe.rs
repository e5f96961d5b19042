//! A role prompt and reminder offsets in words, as a coordinator reads them: "Mondays at 10:00",
//! "14, 7 and 3 days before each gathering, while roles are open".

use super::super::reminders::ReminderOffsets;
use super::RolePrompt;
use chrono::{NaiveTime, Timelike, Weekday};
use std::fmt;

/// How the community reads wall-clock times: `24h` (13:00, the default) or `12h` (1 pm).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TimeFormat {
    /// 13:00.
    #[default]
    H24,
    /// 1 pm.
    H12,
}

impl TimeFormat {
    /// `24h` or `12h` (also `24`, `12`, `12-hour`, `am/pm`); `None` for anything else.
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_lowercase().replace([' ', '-'], "").as_str() {
            "24h" | "24" | "24hour" | "24hours" | "24heures" => Some(TimeFormat::H24),
            "12h" | "12" | "12hour" | "12hours" | "am/pm" | "ampm" => Some(TimeFormat::H12),
            _ => None,
        }
    }

    /// A time of day: `13:00` / `1 pm`, `9:30` / `9:30 am`, `12 pm` at noon.
    pub fn clock(self, at: NaiveTime) -> String {
        match self {
            TimeFormat::H24 => at.format("%H:%M").to_string(),
            TimeFormat::H12 => {
                let (pm, hour) = at.hour12();
                let suffix = if pm { "pm" } else { "am" };
                match at.minute() {
                    0 => format!("{hour} {suffix}"),
                    m => format!("{hour}:{m:02} {suffix}"),
                }
            }
        }
    }

    /// A span of the same day: `13:00–16:00` / `1–4 pm`, `11 am–1 pm`.
    pub fn span(self, start: NaiveTime, end: NaiveTime) -> String {
        let (a, b) = (self.clock(start), self.clock(end));
        if self == TimeFormat::H12 && start.hour12().0 == end.hour12().0 {
            let bare = a.trim_end_matches(" am").trim_end_matches(" pm");
            return format!("{bare}–{b}");
        }
        format!("{a}–{b}")
    }
}

impl fmt::Display for TimeFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TimeFormat::H24 => "24h",
            TimeFormat::H12 => "12h",
        })
    }
}

impl RolePrompt {
    /// The prompt in words: "Mondays at 10:00", "14, 7 and 3 days before each gathering, while roles
    /// are open", "off".
    pub fn describe(&self, format: TimeFormat) -> String {
        match self {
            RolePrompt::Off => "off".to_owned(),
            RolePrompt::Before(offsets) => format!(
                "{} each gathering, while roles are open",
                describe_offsets(offsets)
            ),
            RolePrompt::Weekly { days, at, .. } => {
                format!(
                    "{} at {}, while roles are open",
                    plural_days(days),
                    format.clock(*at)
                )
            }
            RolePrompt::Cron { expression, .. } => {
                format!("on the cron schedule `{expression}`, while roles are open")
            }
        }
    }
}

/// Offsets in words: "14, 7 and 3 days before", "1 day and 2 hours before", "off".
pub fn describe_offsets(offsets: &ReminderOffsets) -> String {
    if offsets.is_off() {
        return "off".to_owned();
    }
    let parts: Vec<(i64, &str)> = offsets
        .durations()
        .map(|d| {
            let m = d.num_minutes();
            match m {
                m if m % (24 * 60) == 0 => (m / (24 * 60), "day"),
                m if m % 60 == 0 => (m / 60, "hour"),
                m => (m, "minute"),
            }
        })
        .collect();
    // "14, 7 and 3 days" when every offset has the same unit and none is a single one.
    let compact = parts.len() > 1
        && parts.windows(2).all(|w| w[0].1 == w[1].1)
        && parts.iter().all(|(n, _)| *n != 1);
    let words: Vec<String> = if compact {
        let numbers: Vec<String> = parts.iter().map(|(n, _)| n.to_string()).collect();
        vec![format!("{} {}s", join_and(&numbers), parts[0].1)]
    } else {
        parts
            .iter()
            .map(|(n, unit)| format!("{n} {unit}{}", if *n == 1 { "" } else { "s" }))
            .collect()
    };
    format!("{} before", join_and(&words))
}

fn plural_days(days: &[Weekday]) -> String {
    const NAMES: [&str; 7] = [
        "Mondays",
        "Tuesdays",
        "Wednesdays",
        "Thursdays",
        "Fridays",
        "Saturdays",
        "Sundays",
    ];
    if days.len() == 7 {
        return "Every day".to_owned();
    }
    let weekdays = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
    ];
    if days == weekdays {
        return "Weekdays".to_owned();
    }
    let names: Vec<String> = days
        .iter()
        .map(|d| NAMES[d.num_days_from_monday() as usize].to_owned())
        .collect();
    join_and(&names)
}

/// "a", "a and b", "a, b and c".
fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
