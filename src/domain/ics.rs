//! The community's calendar as RFC 5545 (`.ics`): one VEVENT per series with its RRULE, EXDATEs for
//! cancelled dates and RECURRENCE-ID overrides for moved ones; one VEVENT per one-off. Times carry the
//! community's IANA zone as TZID, defined by a VTIMEZONE in the same file (RFC 5545 §3.2.19, §3.6.5).

use super::gathering::{Gathering, Series, Status};
use chrono::{DateTime, Datelike, NaiveDateTime, Utc};
use chrono_tz::Tz;

#[path = "ics_zone.rs"]
mod timezone;

/// How many years past both its first start and `now` the VTIMEZONE covers a series without UNTIL.
const OPEN_SERIES_YEARS: i32 = 2;

/// The whole calendar file, CRLF line endings, lines folded at 75 octets.
///
/// Every time in the file carries `zone` as its TZID, so the file holds one VTIMEZONE, for `zone`,
/// after the calendar's properties and before the first VEVENT, over the years `covered_years` gives.
/// It is written even when there is no event, which also keeps the calendar from being empty
/// (RFC 5545 wants at least one component).
///
/// `stamp` is every event's DTSTAMP: the calendar's last change, so the same calendar is the same
/// text (a feed's ETag stays put until something changes).
pub fn calendar(
    name: &str,
    zone: Tz,
    series: &[Series],
    gatherings: &[Gathering],
    stamp: DateTime<Utc>,
    now: DateTime<Utc>,
) -> String {
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//Steward//Steward community calendar//EN".to_owned(), // data
        "CALSCALE:GREGORIAN".to_owned(),
        "METHOD:PUBLISH".to_owned(),
        format!("X-WR-CALNAME:{}", escape(name)),
        format!("X-WR-TIMEZONE:{}", zone.name()),
    ];
    let (first_year, last_year) = covered_years(zone, series, gatherings, now);
    lines.extend(timezone::vtimezone(zone, first_year, last_year));
    let stamp = stamp.format("%Y%m%dT%H%M%SZ").to_string();
    // A series that ended before its first date (changed from its very first gathering on) has no
    // date left to show.
    for s in series.iter().filter(|s| {
        s.recurrence.until.is_none_or(|until| {
            until >= super::recurrence::local_to_utc(s.recurrence.dtstart, s.recurrence.zone)
        })
    }) {
        lines.extend(series_event(s, zone, gatherings, &stamp));
    }
    for g in gatherings
        .iter()
        .filter(|g| g.series.is_none() && g.status != Status::Withdrawn)
    {
        lines.extend(event(
            &format!("gathering-{}@steward", g.id),
            &stamp,
            g,
            zone,
            None,
        ));
    }
    lines.push("END:VCALENDAR".to_owned());
    let mut out = String::new();
    for line in lines {
        out.push_str(&fold(&line));
    }
    out
}

/// The local years (in `zone`) the VTIMEZONE describes, first and last included.
///
/// `calendar` gets every series (its first start, length and UNTIL) and every stored gathering, which
/// holds occurrences up to the 13-month horizon, so:
/// - from the earliest year of a series' DTSTART or of a gathering's start or original start (the
///   RECURRENCE-ID and EXDATE times);
/// - to the latest year of a gathering's end, a series' first end, a series' UNTIL, and, for a series
///   without UNTIL (calendar apps repeat it for ever), [`OPEN_SERIES_YEARS`] past the later of its
///   DTSTART year and `now`'s year, which is beyond the horizon of stored occurrences.
///
/// Withdrawn gatherings (not in the file) are left out. With no series and no gathering it is `now`'s
/// year alone.
fn covered_years(
    zone: Tz,
    series: &[Series],
    gatherings: &[Gathering],
    now: DateTime<Utc>,
) -> (i32, i32) {
    let year_of = |t: DateTime<Utc>| t.with_timezone(&zone).year();
    let now_year = year_of(now);
    let mut starts = Vec::new();
    let mut ends = Vec::new();
    for s in series {
        let dtstart = s.recurrence.dtstart;
        starts.push(dtstart.year());
        ends.push(
            dtstart
                .checked_add_signed(s.duration)
                .map_or(dtstart.year(), |end| end.year()),
        );
        ends.push(match s.recurrence.until {
            Some(until) => year_of(until),
            None => dtstart
                .year()
                .max(now_year)
                .saturating_add(OPEN_SERIES_YEARS),
        });
    }
    for g in gatherings.iter().filter(|g| g.status != Status::Withdrawn) {
        starts.push(year_of(g.start));
        starts.push(year_of(g.original_start));
        ends.push(year_of(g.end));
    }
    let first = starts.iter().copied().min().unwrap_or(now_year);
    let last = ends.iter().copied().max().unwrap_or(first).max(first);
    (first, last)
}

fn series_event(s: &Series, zone: Tz, gatherings: &[Gathering], stamp: &str) -> Vec<String> {
    let uid = format!("series-{}@steward", s.id.0);
    let start = s.recurrence.dtstart;
    let mut rule = export_rule(&s.recurrence.rrule);
    if let Some(until) = s.recurrence.until {
        rule.push_str(&format!(";UNTIL={}", until.format("%Y%m%dT%H%M%SZ")));
    }
    let mut lines = vec![
        "BEGIN:VEVENT".to_owned(),
        format!("UID:{uid}"),
        format!("DTSTAMP:{stamp}"),
        format!("DTSTART;TZID={}:{}", zone.name(), local(start)),
        format!("DTEND;TZID={}:{}", zone.name(), local(start + s.duration)),
        format!("RRULE:{rule}"),
        format!("SUMMARY:{}", escape(&s.title)),
    ];
    if let Some(location) = &s.location {
        lines.push(format!("LOCATION:{}", escape(location)));
    }
    let mine = gatherings.iter().filter(|g| g.series == Some(s.id));
    for g in mine.clone().filter(|g| g.status == Status::Cancelled) {
        lines.push(format!(
            "EXDATE;TZID={}:{}",
            zone.name(),
            local_of(g.original_start, zone)
        ));
    }
    lines.push("END:VEVENT".to_owned());
    // A gathering that is not what the rule says (moved, or edited on its own) is an override.
    let own = |g: &&Gathering| {
        g.status == Status::Moved
            || (g.status == Status::Scheduled
                && (g.start != g.original_start
                    || g.end - g.start != s.duration
                    || g.title != s.title
                    || g.location != s.location))
    };
    for g in mine.filter(own) {
        lines.extend(event(&uid, stamp, g, zone, Some(g.original_start)));
    }
    lines
}

fn event(
    uid: &str,
    stamp: &str,
    g: &Gathering,
    zone: Tz,
    recurrence_id: Option<DateTime<Utc>>,
) -> Vec<String> {
    let mut lines = vec![
        "BEGIN:VEVENT".to_owned(),
        format!("UID:{uid}"),
        format!("DTSTAMP:{stamp}"),
    ];
    if let Some(original) = recurrence_id {
        lines.push(format!(
            "RECURRENCE-ID;TZID={}:{}",
            zone.name(),
            local_of(original, zone)
        ));
    }
    lines.push(format!(
        "DTSTART;TZID={}:{}",
        zone.name(),
        local_of(g.start, zone)
    ));
    lines.push(format!(
        "DTEND;TZID={}:{}",
        zone.name(),
        local_of(g.end, zone)
    ));
    lines.push(format!("SUMMARY:{}", escape(&g.title)));
    if let Some(location) = &g.location {
        lines.push(format!("LOCATION:{}", escape(location)));
    }
    if let Some(reason) = &g.reason {
        lines.push(format!("DESCRIPTION:{}", escape(reason)));
    }
    if g.status == Status::Cancelled {
        lines.push("STATUS:CANCELLED".to_owned());
    }
    lines.push("END:VEVENT".to_owned());
    lines
}

/// Calendar apps take the time of day from DTSTART; our stored rule also names it (BYHOUR…) for DST
/// safety, which some importers reject, so it is left out of the export.
fn export_rule(rule: &str) -> String {
    rule.split(';')
        .filter(|part| {
            !part.starts_with("BYHOUR=")
                && !part.starts_with("BYMINUTE=")
                && !part.starts_with("BYSECOND=")
        })
        .collect::<Vec<_>>()
        .join(";")
}

fn local(t: NaiveDateTime) -> String {
    t.format("%Y%m%dT%H%M%S").to_string()
}

fn local_of(t: DateTime<Utc>, zone: Tz) -> String {
    local(t.with_timezone(&zone).naive_local())
}

/// RFC 5545 TEXT escaping.
pub fn escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace("\r\n", "\\n")
        .replace('\n', "\\n")
}

/// Folds a content line at 75 octets (never inside a UTF-8 character) and ends it with CRLF.
pub fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_without_splitting_characters() {
        let line = format!("SUMMARY:{}", "é".repeat(60));
        let folded = fold(&line);
        for part in folded.split("\r\n").filter(|p| !p.is_empty()) {
            assert!(part.len() <= 75, "{part}");
        }
        assert_eq!(folded.replace("\r\n ", "").trim_end(), line);
    }

    fn weekly(until: Option<DateTime<Utc>>) -> Series {
        use crate::domain::gathering::SeriesId;
        use crate::domain::ids::CommunityId;
        use crate::domain::recurrence::Recurrence;
        let dtstart = chrono::NaiveDate::from_ymd_opt(2026, 3, 2)
            .and_then(|d| d.and_hms_opt(9, 0, 0))
            .unwrap();
        Series {
            id: SeriesId(1),
            community: CommunityId(1),
            title: "Peer supervision".to_owned(),
            location: None,
            recurrence: Recurrence {
                rrule: "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0;BYSECOND=0".to_owned(),
                dtstart,
                zone: chrono_tz::America::Toronto,
                until,
            },
            duration: chrono::Duration::minutes(90),
            summary: "every Monday".to_owned(),
        }
    }

    fn one_off(id: i64, start: DateTime<Utc>, status: Status) -> Gathering {
        use crate::domain::gathering::GatheringId;
        use crate::domain::ids::CommunityId;
        Gathering {
            id: GatheringId(id),
            community: CommunityId(1),
            series: None,
            original_start: start,
            start,
            end: start + chrono::Duration::hours(2),
            title: "Retreat".to_owned(),
            location: None,
            status,
            reason: None,
        }
    }

    fn utc(y: i32, mo: u32, d: u32, h: u32) -> DateTime<Utc> {
        use chrono::TimeZone;
        Utc.with_ymd_and_hms(y, mo, d, h, 0, 0).unwrap()
    }

    #[test]
    fn the_years_run_from_the_first_start_past_an_open_series() {
        let zone = chrono_tz::America::Toronto;
        let now = utc(2026, 11, 24, 12);
        assert_eq!(covered_years(zone, &[], &[], now), (2026, 2026));
        assert_eq!(covered_years(zone, &[weekly(None)], &[], now), (2026, 2028));
        let ended = weekly(Some(utc(2026, 12, 1, 0)));
        assert_eq!(
            covered_years(zone, std::slice::from_ref(&ended), &[], now),
            (2026, 2026)
        );
        let later = one_off(1, utc(2029, 2, 14, 15), Status::Scheduled);
        let earlier = one_off(2, utc(2025, 6, 1, 15), Status::Cancelled);
        let gone = one_off(3, utc(2031, 6, 1, 15), Status::Withdrawn);
        assert_eq!(
            covered_years(zone, &[ended], &[later, earlier, gone], now),
            (2025, 2029)
        );
        // 1 January 03:00 UTC is still New Year's Eve in Toronto.
        let eve = one_off(4, utc(2026, 1, 1, 3), Status::Scheduled);
        assert_eq!(covered_years(zone, &[], &[eve], now), (2025, 2026));
    }

    #[test]
    fn the_vtimezone_comes_before_the_first_event() {
        let zone = chrono_tz::America::Toronto;
        let now = utc(2026, 11, 24, 12);
        let retreat = one_off(1, utc(2027, 2, 14, 15), Status::Scheduled);
        let text = calendar("Circle", zone, &[weekly(None)], &[retreat], now, now);
        let lines: Vec<&str> = text.split("\r\n").collect();
        let position = |line: &str| lines.iter().position(|l| *l == line);
        let begin = position("BEGIN:VTIMEZONE").unwrap();
        assert_eq!(lines.iter().filter(|l| **l == "BEGIN:VTIMEZONE").count(), 1);
        assert_eq!(lines.get(begin + 1), Some(&"TZID:America/Toronto"));
        assert!(position("X-WR-TIMEZONE:America/Toronto").unwrap() < begin);
        assert!(position("END:VTIMEZONE").unwrap() < position("BEGIN:VEVENT").unwrap());
        for line in [
            "DTSTART:20260308T020000",
            "DTSTART:20281105T020000",
            "TZOFFSETFROM:-0500",
            "TZOFFSETTO:-0400",
        ] {
            assert!(position(line).is_some(), "{line}: {text}");
        }
        assert!(
            text.contains("DTSTART;TZID=America/Toronto:20260302T090000"),
            "{text}"
        );
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a, b; c\\d\ne"), "a\\, b\\; c\\\\d\\ne");
    }
}
