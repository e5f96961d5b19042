//! A role prompt and reminder offsets in words, as a coordinator reads them: "Mondays at 10:00",
//! "14, 7 and 3 days before each gathering, while roles are open".

use super::super::reminders::ReminderOffsets;
use super::super::wall_clock::TimeFormat;
use super::RolePrompt;
use chrono::Weekday;

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
