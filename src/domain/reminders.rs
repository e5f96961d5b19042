//! Reminder offsets: how long before a gathering its reminders go out (`7d,1d,2h,15m`).

use super::message::Message;
use super::text::{clean_line, echo};
use super::InputError;
use chrono::Duration;
use std::fmt;

/// The shortest offset accepted.
pub const MIN_OFFSET_MINUTES: i64 = 5;
/// The longest offset accepted (90 days).
pub const MAX_OFFSET_MINUTES: i64 = 90 * 24 * 60;
/// How many reminders one gathering may have.
pub const MAX_OFFSETS: usize = 6;

/// What the offsets are for, which picks the example a refusal ends with (`for` in the catalogue):
/// `reminders`, or `prompt` for a role prompt given as offsets.
type Purpose = &'static str;

/// The offsets of a community's reminders, longest first, without duplicates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReminderOffsets(Vec<u32>);

impl ReminderOffsets {
    /// Parses `7d,1d,2h,15m`, `1d 2h` (spaces or commas), or `off`. The text is cleaned first
    /// (invisible characters dropped, NFKC: full-width `７ｄ` reads as `7d`).
    pub fn parse(input: &str) -> Result<Self, InputError> {
        Self::parse_for(input, "reminders")
    }

    /// As [`ReminderOffsets::parse`], for a role prompt given as offsets: a refusal also shows the
    /// other forms of a role prompt.
    pub fn parse_for_prompt(input: &str) -> Result<Self, InputError> {
        Self::parse_for(input, "prompt")
    }

    fn parse_for(input: &str, purpose: Purpose) -> Result<Self, InputError> {
        let text = clean_line(input).to_lowercase();
        // "Off" as people write it, in English or French (as a role prompt takes it).
        if matches!(
            text.as_str(),
            "off"
                | "none"
                | "no"
                | "non"
                | "aucun"
                | "aucuns"
                | "jamais"
                | "désactivé"
                | "desactive"
        ) {
            return Ok(ReminderOffsets(Vec::new()));
        }
        let mut minutes: Vec<u32> = Vec::new();
        for token in text.split([',', ' ']).filter(|t| !t.is_empty()) {
            let value = parse_one(token, purpose)?;
            if minutes.contains(&value) {
                return Err(InputError::new(
                    refusal("input-offset-twice", purpose).with("typed", echo(token)),
                ));
            }
            minutes.push(value);
        }
        if minutes.is_empty() {
            return Err(InputError::new(refusal("input-offsets-none", purpose)));
        }
        if minutes.len() > MAX_OFFSETS {
            return Err(InputError::new(
                refusal("input-offsets-too-many", purpose).with("count", minutes.len()),
            ));
        }
        minutes.sort_unstable_by(|a, b| b.cmp(a));
        Ok(ReminderOffsets(minutes))
    }

    /// The default of a new community: a week and a day before.
    pub fn default_offsets() -> Self {
        ReminderOffsets(vec![7 * 24 * 60, 24 * 60])
    }

    /// The offsets that fit a rhythm: a weekly or fortnightly group hears a day and two hours before
    /// (a week before would land on the previous session); a monthly or rarer one a week and a day.
    pub fn for_rhythm(frequency: crate::domain::recurrence::Frequency) -> Self {
        use crate::domain::recurrence::Frequency;
        match frequency {
            Frequency::Weekly | Frequency::EveryTwoWeeks => ReminderOffsets(vec![24 * 60, 2 * 60]),
            Frequency::Monthly | Frequency::Yearly => Self::default_offsets(),
        }
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

/// One offset: a whole number and its unit, the last character (`15m`, `2h`, `1d`, `1w`). The unit is
/// taken as a character, never by byte position, so `1д` or `1日` is refused, not a panic.
fn parse_one(token: &str, purpose: Purpose) -> Result<u32, InputError> {
    let bad = || InputError::new(refusal("input-offset-not", purpose).with("typed", echo(token)));
    let mut chars = token.chars();
    let unit = chars.next_back();
    let number = chars.as_str();
    let factor: i64 = match unit {
        Some('m') => 1,
        Some('h') => 60,
        // `j` for jours, as French speakers write it.
        Some('d' | 'j') => 24 * 60,
        Some('w') => 7 * 24 * 60,
        _ => return Err(bad()),
    };
    let n: i64 = number.parse().map_err(|_| bad())?;
    let minutes = n.checked_mul(factor).ok_or_else(bad)?;
    if !(MIN_OFFSET_MINUTES..=MAX_OFFSET_MINUTES).contains(&minutes) {
        return Err(InputError::new(
            refusal("input-offset-out-of-range", purpose).with("typed", echo(token)),
        ));
    }
    u32::try_from(minutes).map_err(|_| bad())
}

/// A refusal's message, which ends with the example of its purpose.
fn refusal(key: &'static str, purpose: Purpose) -> Message {
    Message::key(key).with("for", purpose)
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
    fn off_is_understood_in_english_and_french() {
        for off in ["off", "none", "aucun", "Désactivé", "non"] {
            assert!(ReminderOffsets::parse(off).unwrap().is_off(), "{off}");
        }
    }

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
            assert!(
                err.unwrap_err().to_string().contains("7d,1d,2h,15m"),
                "{bad}"
            );
        }
    }

    #[test]
    fn multi_byte_offsets_are_refused_with_an_example_never_a_panic() {
        for bad in [
            "1д", "7d,1д", "д", "1日", "日", "🌱", "1🌱", "7d 🌱", "1dд", "д1d", "1mé", "é",
        ] {
            let err = ReminderOffsets::parse(bad).unwrap_err().to_string();
            assert!(
                err.contains("is not a reminder offset") && err.contains("7d,1d,2h,15m"),
                "{bad}: {err}"
            );
        }
        let err = ReminderOffsets::parse("7d,1д").unwrap_err().to_string();
        assert!(err.starts_with("`1д` is not a reminder offset."), "{err}");
    }

    #[test]
    fn offsets_are_read_after_cleaning() {
        assert_eq!(
            ReminderOffsets::parse("７ｄ，１ｄ").unwrap().to_string(),
            "7d,1d"
        );
        assert_eq!(
            ReminderOffsets::parse("2h\u{200B}, 15m\u{00A0}")
                .unwrap()
                .to_string(),
            "2h,15m"
        );
        assert!(ReminderOffsets::parse("\u{200B}").is_err());
    }

    #[test]
    fn echoed_offsets_are_cut_and_cannot_close_the_code_span() {
        let long = format!("{}д", "`".repeat(60));
        let err = ReminderOffsets::parse(&long).unwrap_err().to_string();
        let example = crate::tr!(crate::i18n::Lang::En, "input-offsets-example");
        assert_eq!(
            err.matches('`').count(),
            2 + example.matches('`').count(),
            "{err}"
        );
        let shown = err.split('`').nth(1).unwrap_or_default();
        assert!(
            shown.chars().count() <= crate::domain::text::ECHO_CHARS,
            "{err}"
        );
        let twice = format!("{0}m,{0}m", "0".repeat(60) + "5");
        let err = ReminderOffsets::parse(&twice).unwrap_err().to_string();
        assert!(err.contains("given twice") && err.contains('…'), "{err}");
    }
}

#[cfg(test)]
mod rhythm_tests {
    use super::*;
    use crate::domain::recurrence::Frequency;

    #[test]
    fn weekly_groups_hear_a_day_and_two_hours_before_monthly_ones_a_week_and_a_day() {
        for f in [Frequency::Weekly, Frequency::EveryTwoWeeks] {
            assert_eq!(ReminderOffsets::for_rhythm(f).to_string(), "1d,2h");
        }
        for f in [Frequency::Monthly, Frequency::Yearly] {
            assert_eq!(
                ReminderOffsets::for_rhythm(f),
                ReminderOffsets::default_offsets()
            );
        }
        assert_eq!(
            ReminderOffsets::parse("3j,1J").unwrap().to_string(),
            "3d,1d"
        );
    }
}
