//! Wall-clock times as the community reads them: `13:00` or `1 pm`, and a gathering's span on its
//! own calendar day ("Fri 6 Mar 2026, 13:00–16:00").

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
