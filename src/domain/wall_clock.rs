//! Wall-clock times as the community reads them: `13:00`, or `1` and `9:30` before or after noon (said
//! "1 pm" in words by `i18n::words::clock`, which also writes a span of the same day).

use chrono::{NaiveTime, Timelike};
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

    /// A time of day on this clock: `13:00`; `1` after noon, `9:30` before noon, `12` after noon at noon.
    pub fn read(self, at: NaiveTime) -> ClockReading {
        match self {
            TimeFormat::H24 => ClockReading::H24(at.format("%H:%M").to_string()),
            TimeFormat::H12 => {
                let (pm, hour) = at.hour12();
                let time = match at.minute() {
                    0 => hour.to_string(),
                    m => format!("{hour}:{m:02}"),
                };
                if pm {
                    ClockReading::Pm(time)
                } else {
                    ClockReading::Am(time)
                }
            }
        }
    }
}

/// A time of day as a clock shows it, before it is said in a language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClockReading {
    /// On the 24-hour clock: `13:00`.
    H24(String),
    /// Before noon on the 12-hour clock: `9`, `12:15` (said "9 am").
    Am(String),
    /// From noon on the 12-hour clock: `1`, `6:30` (said "1 pm").
    Pm(String),
}

impl fmt::Display for TimeFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TimeFormat::H24 => "24h",
            TimeFormat::H12 => "12h",
        })
    }
}
