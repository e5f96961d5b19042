//! VTIMEZONE components (RFC 5545 §3.6.5) for the `.ics` export, generated from chrono-tz's copy of the
//! tz database. chrono-tz does not expose a zone's transitions, so they are found by sampling the
//! offset every six hours and bisecting each change down to the second.
//!
//! Every transition becomes one STANDARD or DAYLIGHT sub-component with an explicit DTSTART (no RRULE),
//! so the file states exactly the offsets the tz database gives for the years it covers.

use super::escape;
use chrono::{DateTime, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz, TzOffset};

/// Years before this are clamped to it (they are not a community's gatherings).
const FIRST_YEAR: i32 = 1900;
/// Years after this are clamped to it: chrono-tz's tables end in 2099 and keep the last offset after.
const LAST_YEAR: i32 = 2100;
/// The sampling step. No zone changes its offset twice within six hours, so no change is missed.
const STEP_SECONDS: i64 = 6 * 3600;
/// The covered years are local years while the scan runs in UTC; a day of slack covers any offset.
const DAY_SECONDS: i64 = 86_400;

/// One change of the zone's offset.
struct Transition {
    /// The first second (Unix time) of the new offset.
    at: i64,
    /// The offset in effect just before `at`.
    from: TzOffset,
    /// The offset from `at` on.
    to: TzOffset,
}

/// One STANDARD or DAYLIGHT sub-component.
struct Observance {
    daylight: bool,
    /// Onset, local time in the offset before it (`from`), as RFC 5545 wants.
    start: NaiveDateTime,
    /// TZOFFSETFROM in seconds east of UTC.
    from: i32,
    /// TZOFFSETTO in seconds east of UTC.
    to: i32,
    /// TZNAME: the abbreviation (`EST`, `+03`), numeric when the tz database has none.
    name: String,
}

/// The VTIMEZONE of `zone` for the local years `first_year..=last_year` (clamped to 1900–2100), as
/// unfolded content lines (the caller folds them).
///
/// Its first observance is the one in effect on 1 January of `first_year`: the last transition before
/// that date when it happened within the year before, otherwise a STANDARD (DAYLIGHT if the tz database
/// counts that offset as daylight time) starting at `first_year`0101T000000 with TZOFFSETFROM =
/// TZOFFSETTO, which is all a zone without transitions (UTC, America/Phoenix, Asia/Kolkata) gets. Then
/// one observance per transition up to the end of `last_year`.
pub(super) fn vtimezone(zone: Tz, first_year: i32, last_year: i32) -> Vec<String> {
    let first_year = first_year.clamp(FIRST_YEAR, LAST_YEAR);
    let last_year = last_year.clamp(first_year, LAST_YEAR);
    let mut lines = vec![
        "BEGIN:VTIMEZONE".to_owned(),
        format!("TZID:{}", zone.name()),
    ];
    lines.extend(
        observances(zone, first_year, last_year)
            .iter()
            .flat_map(Observance::lines),
    );
    lines.push("END:VTIMEZONE".to_owned());
    lines
}

fn observances(zone: Tz, first_year: i32, last_year: i32) -> Vec<Observance> {
    let (Some(lookback), Some(range_start), Some(range_end)) = (
        year_start(first_year - 1),
        year_start(first_year),
        year_start(last_year + 1),
    ) else {
        return Vec::new();
    };
    let lookback_at = lookback.and_utc().timestamp();
    let found = transitions(
        zone,
        lookback_at,
        range_end.and_utc().timestamp() + DAY_SECONDS,
    );
    let mut opening = None;
    let mut later = Vec::new();
    for observance in found.iter().filter_map(Observance::of) {
        if observance.start <= range_start {
            opening = Some(observance);
        } else {
            later.push(observance);
        }
    }
    let opening = match opening {
        Some(observance) => observance,
        None => match offset_at(zone, lookback_at) {
            Some(offset) => Observance::steady(range_start, &offset),
            None => return later,
        },
    };
    let mut all = vec![opening];
    all.extend(later);
    all
}

/// Every change of `zone`'s offset (total offset, DST part or abbreviation) in `[from, until]`.
fn transitions(zone: Tz, from: i64, until: i64) -> Vec<Transition> {
    let mut found = Vec::new();
    let Some(mut current) = offset_at(zone, from) else {
        return found;
    };
    let mut t = from;
    while t < until {
        let next = t.saturating_add(STEP_SECONDS).min(until);
        let Some(sample) = offset_at(zone, next) else {
            break;
        };
        if sample == current {
            t = next;
            continue;
        }
        // `current` holds at `lo`, something else at `hi`.
        let (mut lo, mut hi) = (t, next);
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            match offset_at(zone, mid) {
                Some(offset) if offset == current => lo = mid,
                _ => hi = mid,
            }
        }
        let Some(to) = offset_at(zone, hi) else {
            break;
        };
        found.push(Transition {
            at: hi,
            from: current,
            to,
        });
        current = to;
        // Scan on from the change itself, so a second change before `next` is not skipped.
        t = hi;
    }
    found
}

fn offset_at(zone: Tz, timestamp: i64) -> Option<TzOffset> {
    DateTime::<Utc>::from_timestamp(timestamp, 0)
        .map(|t| zone.offset_from_utc_datetime(&t.naive_utc()))
}

fn year_start(year: i32) -> Option<NaiveDateTime> {
    NaiveDate::from_ymd_opt(year, 1, 1)?.and_hms_opt(0, 0, 0)
}

impl Observance {
    fn of(transition: &Transition) -> Option<Observance> {
        let before = transition.from.fix();
        let start = DateTime::<Utc>::from_timestamp(transition.at, 0)?
            .with_timezone(&before)
            .naive_local();
        Some(Observance {
            daylight: is_daylight(&transition.to, Some(&transition.from)),
            start,
            from: before.local_minus_utc(),
            to: transition.to.fix().local_minus_utc(),
            name: name(&transition.to),
        })
    }

    /// An offset in effect from `start` on, with no change at `start`.
    fn steady(start: NaiveDateTime, offset: &TzOffset) -> Observance {
        let seconds = offset.fix().local_minus_utc();
        Observance {
            daylight: is_daylight(offset, None),
            start,
            from: seconds,
            to: seconds,
            name: name(offset),
        }
    }

    fn lines(&self) -> Vec<String> {
        let kind = if self.daylight {
            "DAYLIGHT"
        } else {
            "STANDARD"
        };
        vec![
            format!("BEGIN:{kind}"),
            format!("DTSTART:{}", self.start.format("%Y%m%dT%H%M%S")),
            format!("TZOFFSETFROM:{}", utc_offset(self.from)),
            format!("TZOFFSETTO:{}", utc_offset(self.to)),
            format!("TZNAME:{}", escape(&self.name)),
            format!("END:{kind}"),
        ]
    }
}

/// DAYLIGHT when the tz database adds a DST amount. A zone with *negative* DST (Europe/Dublin: GMT in
/// winter is "IST minus an hour") has its DST-free summer offset, entered from the negative one,
/// marked DAYLIGHT and the negative one STANDARD: calendar apps take the larger offset as daylight.
fn is_daylight(offset: &TzOffset, before: Option<&TzOffset>) -> bool {
    let dst = offset.dst_offset().num_seconds();
    dst > 0 || (dst == 0 && before.is_some_and(|b| b.dst_offset().num_seconds() < 0))
}

/// The tz abbreviation (`EST`, `+03`); numeric from the offset when the database has none.
fn name(offset: &TzOffset) -> String {
    match offset.abbreviation() {
        Some(name) => name.to_owned(),
        None => {
            let seconds = offset.fix().local_minus_utc();
            let sign = if seconds < 0 { '-' } else { '+' };
            let abs = seconds.unsigned_abs();
            let (hours, minutes, secs) = (abs / 3600, abs / 60 % 60, abs % 60);
            let mut text = format!("{sign}{hours:02}");
            if minutes != 0 || secs != 0 {
                text.push_str(&format!("{minutes:02}"));
            }
            if secs != 0 {
                text.push_str(&format!("{secs:02}"));
            }
            text
        }
    }
}

/// RFC 5545 UTC-OFFSET: `+HHMM`, or `+HHMMSS` when the seconds are not zero; zero is `+0000`.
fn utc_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let abs = seconds.unsigned_abs();
    let (hours, minutes, secs) = (abs / 3600, abs / 60 % 60, abs % 60);
    if secs == 0 {
        format!("{sign}{hours:02}{minutes:02}")
    } else {
        format!("{sign}{hours:02}{minutes:02}{secs:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One line per observance: kind, DTSTART, TZOFFSETFROM, TZOFFSETTO, TZNAME.
    fn summary(zone: Tz, first_year: i32, last_year: i32) -> Vec<String> {
        observances(zone, first_year, last_year)
            .iter()
            .map(|o| {
                format!(
                    "{} {} {} {} {}",
                    if o.daylight { "DAYLIGHT" } else { "STANDARD" },
                    o.start.format("%Y%m%dT%H%M%S"),
                    utc_offset(o.from),
                    utc_offset(o.to),
                    o.name
                )
            })
            .collect()
    }

    #[test]
    fn toronto_switches_in_march_and_november() {
        assert_eq!(
            summary(chrono_tz::America::Toronto, 2026, 2027),
            [
                "STANDARD 20251102T020000 -0400 -0500 EST",
                "DAYLIGHT 20260308T020000 -0500 -0400 EDT",
                "STANDARD 20261101T020000 -0400 -0500 EST",
                "DAYLIGHT 20270314T020000 -0500 -0400 EDT",
                "STANDARD 20271107T020000 -0400 -0500 EST",
            ]
        );
    }

    #[test]
    fn the_component_has_the_rfc_properties_in_order() {
        let lines = vtimezone(chrono_tz::America::Toronto, 2026, 2027);
        assert_eq!(lines.first().map(String::as_str), Some("BEGIN:VTIMEZONE"));
        assert_eq!(
            lines.get(1).map(String::as_str),
            Some("TZID:America/Toronto")
        );
        assert_eq!(lines.last().map(String::as_str), Some("END:VTIMEZONE"));
        let text = lines.join("\n");
        assert!(
            text.contains(
                "BEGIN:DAYLIGHT\nDTSTART:20260308T020000\nTZOFFSETFROM:-0500\nTZOFFSETTO:-0400\n\
                 TZNAME:EDT\nEND:DAYLIGHT"
            ),
            "{text}"
        );
        assert!(
            text.contains(
                "BEGIN:STANDARD\nDTSTART:20261101T020000\nTZOFFSETFROM:-0400\nTZOFFSETTO:-0500\n\
                 TZNAME:EST\nEND:STANDARD"
            ),
            "{text}"
        );
    }

    #[test]
    fn london_switches_at_one_utc() {
        assert_eq!(
            summary(chrono_tz::Europe::London, 2026, 2026),
            [
                "STANDARD 20251026T020000 +0100 +0000 GMT",
                "DAYLIGHT 20260329T010000 +0000 +0100 BST",
                "STANDARD 20261025T020000 +0100 +0000 GMT",
            ]
        );
    }

    #[test]
    fn sydney_is_on_daylight_time_across_new_year() {
        assert_eq!(
            summary(chrono_tz::Australia::Sydney, 2026, 2026),
            [
                "DAYLIGHT 20251005T020000 +1000 +1100 AEDT",
                "STANDARD 20260405T030000 +1100 +1000 AEST",
                "DAYLIGHT 20261004T020000 +1000 +1100 AEDT",
            ]
        );
    }

    #[test]
    fn dublin_negative_dst_keeps_summer_as_daylight() {
        assert_eq!(
            summary(chrono_tz::Europe::Dublin, 2026, 2026),
            [
                "STANDARD 20251026T020000 +0100 +0000 GMT",
                "DAYLIGHT 20260329T010000 +0000 +0100 IST",
                "STANDARD 20261025T020000 +0100 +0000 GMT",
            ]
        );
    }

    #[test]
    fn zones_without_transitions_get_one_standard() {
        assert_eq!(
            summary(chrono_tz::America::Phoenix, 2026, 2027),
            ["STANDARD 20260101T000000 -0700 -0700 MST"]
        );
        assert_eq!(
            summary(chrono_tz::Asia::Kolkata, 2026, 2028),
            ["STANDARD 20260101T000000 +0530 +0530 IST"]
        );
        assert_eq!(
            summary(Tz::UTC, 2026, 2026),
            ["STANDARD 20260101T000000 +0000 +0000 UTC"]
        );
    }

    #[test]
    fn out_of_range_years_are_clamped() {
        for (first, last) in [(i32::MIN, i32::MIN), (i32::MAX, i32::MAX), (2030, 2020)] {
            let lines = vtimezone(chrono_tz::America::Toronto, first, last);
            assert!(
                lines.iter().any(|l| l.starts_with("DTSTART:")),
                "{first}..{last}: {lines:?}"
            );
        }
    }

    #[test]
    fn offsets_and_numeric_names_are_formatted() {
        assert_eq!(utc_offset(0), "+0000");
        assert_eq!(utc_offset(-18_000), "-0500");
        assert_eq!(utc_offset(19_800), "+0530");
        assert_eq!(utc_offset(-19_052), "-051732");
        // Asia/Dubai's abbreviation is numeric in the tz database.
        let dubai = summary(chrono_tz::Asia::Dubai, 2026, 2026);
        assert_eq!(dubai, ["STANDARD 20260101T000000 +0400 +0400 +04"]);
    }
}
