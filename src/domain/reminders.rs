//! Reminder offsets: how long before a gathering its reminders go out (`7d,1d,2h,15m`).

use super::InputError;
use chrono::Duration;
use std::fmt;

/// The shortest offset accepted.
pub const MIN_OFFSET_MINUTES: i64 = 5;
/// The longest offset accepted (90 days).
pub const MAX_OFFSET_MINUTES: i64 = 90 * 24 * 60;
/// How many reminders one gathering may have.
pub const MAX_OFFSETS: usize = 6;

const EXAMPLE: &str =
    "Write offsets like `7d,1d,2h,15m` (d = days, h = hours, m = minutes; from 5m to 90d, \
                       at most 6), or `off` for no reminders.";

/// The offsets of a community's reminders, longest first, without duplicates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReminderOffsets(Vec<u32>);

impl ReminderOffsets {
    /// Parses `7d,1d,2h,15m`, `1d 2h` (spaces or commas), or `off`.
    pub fn parse(input: &str) -> Result<Self, InputError> {
        let text = input.trim().to_ascii_lowercase();
        if matches!(text.as_str(), "off" | "none") {
            return Ok(ReminderOffsets(Vec::new()));
        }
        let mut minutes: Vec<u32> = Vec::new();
        for token in text.split([',', ' ']).filter(|t| !t.is_empty()) {
            let value = parse_one(token)?;
            if minutes.contains(&value) {
                return Err(InputError::new(format!(
                    "`{token}` is given twice. {EXAMPLE}"
                )));
            }
            minutes.push(value);
        }
        if minutes.is_empty() {
            return Err(InputError::new(format!(
                "No reminder offset given. {EXAMPLE}"
            )));
        }
        if minutes.len() > MAX_OFFSETS {
            return Err(InputError::new(format!(
                "That is {} reminders. {EXAMPLE}",
                minutes.len()
            )));
        }
        minutes.sort_unstable_by(|a, b| b.cmp(a));
        Ok(ReminderOffsets(minutes))
    }

    /// The default of a new community: a week and a day before.
    pub fn default_offsets() -> Self {
        ReminderOffsets(vec![7 * 24 * 60, 24 * 60])
    }

    /// The offsets, longest first.
    pub fn durations(&self) -> impl Iterator<Item = Duration> + '_ {
        self.0.iter().map(|m| Duration::minutes(i64::from(*m)))
    }

    /// No reminders at all.
    pub fn is_off(&self) -> bool {
        self.0.is_empty()
    }
}

fn parse_one(token: &str) -> Result<u32, InputError> {
    let bad = || {
        InputError::new(format!(
            "`{}` is not a reminder offset. {EXAMPLE}",
            shorten(token)
        ))
    };
    let (number, unit) = token.split_at(token.len().saturating_sub(1));
    let n: i64 = number.parse().map_err(|_| bad())?;
    let factor = match unit {
        "m" => 1,
        "h" => 60,
        "d" => 24 * 60,
        "w" => 7 * 24 * 60,
        _ => return Err(bad()),
    };
    let minutes = n.checked_mul(factor).ok_or_else(bad)?;
    if !(MIN_OFFSET_MINUTES..=MAX_OFFSET_MINUTES).contains(&minutes) {
        return Err(InputError::new(format!(
            "`{token}` is out of range. {EXAMPLE}"
        )));
    }
    u32::try_from(minutes).map_err(|_| bad())
}

fn shorten(text: &str) -> String {
    text.chars().take(20).collect::<String>().replace('`', "'")
}

impl fmt::Display for ReminderOffsets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("off");
        }
        let parts: Vec<String> = self
            .0
            .iter()
            .map(|m| match m {
                m if m % (24 * 60) == 0 => format!("{}d", m / (24 * 60)),
                m if m % 60 == 0 => format!("{}h", m / 60),
                m => format!("{m}m"),
            })
            .collect();
        f.write_str(&parts.join(","))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_parse_sort_and_print_back() {
        let r = ReminderOffsets::parse("15m, 7d,2h 1d").unwrap();
        assert_eq!(r.to_string(), "7d,1d,2h,15m");
        assert_eq!(ReminderOffsets::parse("1w").unwrap().to_string(), "7d");
        assert_eq!(ReminderOffsets::parse("90m").unwrap().to_string(), "90m");
        assert!(ReminderOffsets::parse("OFF").unwrap().is_off());
        assert_eq!(ReminderOffsets::default_offsets().to_string(), "7d,1d");
    }

    #[test]
    fn out_of_range_duplicate_and_garbage_offsets_are_refused() {
        for bad in [
            "0m",
            "4m",
            "400d",
            "91d",
            "1d,1d",
            "1d,24h",
            "abc",
            "",
            "5",
            "d",
            "1y",
            "-5m",
            "1m,2m,3m,4m,5m,6m,7m",
            "99999999999999999999d",
        ] {
            let err = ReminderOffsets::parse(bad);
            assert!(err.is_err(), "{bad} was accepted");
            assert!(err.unwrap_err().0.contains("7d,1d,2h,15m"), "{bad}");
        }
    }
}
