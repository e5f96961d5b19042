//! Dates and clock times as people type them: `2026-03-06`, `13:00`, `1:00pm`, `1pm`, and an end time on
//! the next day (`01:00+1`).

use super::message::Message;
use super::InputError;
use chrono::{Duration, NaiveDate, NaiveTime};

/// Parses `YYYY-MM-DD`.
pub fn parse_date(input: &str) -> Result<NaiveDate, InputError> {
    let text = input.trim();
    let shaped = text.len() == 10 && text.as_bytes()[4] == b'-' && text.as_bytes()[7] == b'-';
    match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        Ok(date) if shaped => Ok(date),
        _ => Err(InputError::new(
            Message::key("input-not-a-date").with("typed", shorten(text)),
        )),
    }
}

/// Parses `13:00`, `9:30`, `13`, `1:00pm`, `1pm`, `1:00 PM`, `12am`, and the French `14h30`, `14h`.
pub fn parse_time(input: &str) -> Result<NaiveTime, InputError> {
    let mut text = input.trim().to_ascii_lowercase().replace(' ', "");
    // French: `14h30`, `10h`.
    if let Some((h, m)) = text.split_once('h') {
        let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
        if !h.is_empty() && digits(h) && digits(m) && (m.is_empty() || m.len() == 2) {
            text = format!("{h}:{}", if m.is_empty() { "00" } else { m });
        }
    }
    let bad =
        || InputError::new(Message::key("input-not-a-time").with("typed", shorten(input.trim())));
    let (clock, meridiem) = if let Some(t) = text.strip_suffix("am") {
        (t, Some(false))
    } else if let Some(t) = text.strip_suffix("pm") {
        (t, Some(true))
    } else {
        (text.as_str(), None)
    };
    let (h, m) = match clock.split_once(':') {
        Some((h, m)) if m.len() == 2 => (h, m),
        Some(_) => return Err(bad()),
        None => (clock, "00"),
    };
    if h.is_empty() || h.len() > 2 {
        return Err(bad());
    }
    let mut hour: u32 = h.parse().map_err(|_| bad())?;
    let minute: u32 = m.parse().map_err(|_| bad())?;
    match meridiem {
        Some(pm) => {
            if !(1..=12).contains(&hour) {
                return Err(bad());
            }
            hour = match (hour, pm) {
                (12, false) => 0,
                (12, true) => 12,
                (h, true) => h + 12,
                (h, false) => h,
            };
        }
        None if hour > 23 => {
            return Err(InputError::new(
                Message::key("input-not-a-time-of-day").with("typed", shorten(input.trim())),
            ))
        }
        None => {}
    }
    NaiveTime::from_hms_opt(hour, minute, 0).ok_or_else(bad)
}

/// The length of a gathering from `start` to `end`; `end` may carry `+1` (`01:00+1`) for the next day.
pub fn parse_span(start: &str, end: &str) -> Result<(NaiveTime, Duration), InputError> {
    let start_time = parse_time(start)?;
    let end_text = end.trim();
    let (end_clock, next_day) = match end_text.strip_suffix("+1") {
        Some(clock) => (clock, true),
        None => (end_text, false),
    };
    let end_time = parse_time(end_clock)?;
    let mut length = end_time - start_time;
    if next_day {
        length += Duration::days(1);
    }
    if length <= Duration::zero() {
        return Err(InputError::new(
            Message::key("input-end-before-start")
                .with("end", end_time.format("%H:%M"))
                .with("start", start_time.format("%H:%M")),
        ));
    }
    if length > Duration::hours(24) {
        return Err(InputError::new(Message::key("input-gathering-too-long")));
    }
    Ok((start_time, length))
}

/// What was typed, for an error message: at most 40 characters, no backticks (see `text::echo`).
fn shorten(text: &str) -> String {
    super::text::echo(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn times_in_both_styles() {
        assert_eq!(parse_time("13:00").unwrap(), t(13, 0));
        assert_eq!(parse_time("9:30").unwrap(), t(9, 30));
        assert_eq!(parse_time("1:00pm").unwrap(), t(13, 0));
        assert_eq!(parse_time("1pm").unwrap(), t(13, 0));
        assert_eq!(parse_time("1:15 PM").unwrap(), t(13, 15));
        assert_eq!(parse_time("12am").unwrap(), t(0, 0));
        assert_eq!(parse_time("12pm").unwrap(), t(12, 0));
        assert_eq!(parse_time("7").unwrap(), t(7, 0));
    }

    #[test]
    fn impossible_times_are_refused() {
        for bad in [
            "25:00", "24:00", "13:60", "13pm", "0am", "1:5", "noon", "", "1:00:00", "123",
        ] {
            let err = parse_time(bad);
            assert!(err.is_err(), "{bad} accepted");
        }
        assert!(parse_time("25:00")
            .unwrap_err()
            .to_string()
            .contains("00 to 23"));
    }

    #[test]
    fn dates_are_strict() {
        assert_eq!(
            parse_date("2026-03-06").unwrap(),
            NaiveDate::from_ymd_opt(2026, 3, 6).unwrap()
        );
        for bad in [
            "2026-02-30",
            "2026-2-3",
            "06/03/2026",
            "tomorrow",
            "2026-13-01",
        ] {
            assert!(
                parse_date(bad)
                    .unwrap_err()
                    .to_string()
                    .contains("YYYY-MM-DD"),
                "{bad}"
            );
        }
    }

    #[test]
    fn spans_must_end_after_they_start_unless_marked_next_day() {
        assert_eq!(
            parse_span("1:00pm", "4:00pm").unwrap(),
            (t(13, 0), Duration::hours(3))
        );
        let err = parse_span("22:00", "01:00").unwrap_err().to_string();
        assert!(
            err.contains("must be after") && err.contains("01:00+1"),
            "{err}"
        );
        assert_eq!(
            parse_span("22:00", "01:00+1").unwrap(),
            (t(22, 0), Duration::hours(3))
        );
        assert!(parse_span("13:00", "13:00").is_err());
    }

    #[test]
    fn typed_values_are_echoed_short_and_without_backticks_never_a_panic() {
        for bad in [
            "1д",
            "д",
            "1日",
            "日:00",
            "🌱",
            "13:0д",
            "1дpm",
            "１３:００:",
        ] {
            assert!(
                parse_time(bad).unwrap_err().to_string().contains("13:00"),
                "{bad}"
            );
        }
        for bad in ["2026-0д-01", "ддддд", "２０２６-03-06x"] {
            assert!(
                parse_date(bad)
                    .unwrap_err()
                    .to_string()
                    .contains("YYYY-MM-DD"),
                "{bad}"
            );
        }
        let err = parse_date(&format!("`{}", "д".repeat(100)))
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("`'"), "{err}");
        assert!(!err.contains(&"д".repeat(40)) && err.contains('…'), "{err}");
        let err = parse_time(&"9".repeat(100)).unwrap_err().to_string();
        assert!(err.contains('…') && !err.contains(&"9".repeat(41)), "{err}");
    }
}
