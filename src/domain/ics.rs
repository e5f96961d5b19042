//! The community's calendar as RFC 5545 (`.ics`): one VEVENT per series with its RRULE, EXDATEs for
//! cancelled dates and RECURRENCE-ID overrides for moved ones; one VEVENT per one-off. Times carry the
//! community's IANA zone as TZID.

use super::gathering::{Gathering, Series, Status};
use chrono::{DateTime, NaiveDateTime, Utc};
use chrono_tz::Tz;

/// The whole calendar file, CRLF line endings, lines folded at 75 octets.
pub fn calendar(
    name: &str,
    zone: Tz,
    series: &[Series],
    gatherings: &[Gathering],
    now: DateTime<Utc>,
) -> String {
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//Steward//Steward community calendar//EN".to_owned(),
        "CALSCALE:GREGORIAN".to_owned(),
        "METHOD:PUBLISH".to_owned(),
        format!("X-WR-CALNAME:{}", escape(name)),
        format!("X-WR-TIMEZONE:{}", zone.name()),
    ];
    let stamp = now.format("%Y%m%dT%H%M%SZ").to_string();
    for s in series {
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
    for g in mine.filter(|g| g.status == Status::Moved) {
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

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a, b; c\\d\ne"), "a\\, b\\; c\\\\d\\ne");
    }
}
