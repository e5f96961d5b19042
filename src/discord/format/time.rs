//! Times as Discord shows them (each member sees their own local time) and as the community's own
//! wall clock, with its zone named.

use crate::domain::gathering::Gathering;
use crate::domain::role_prompt::TimeFormat;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;

/// `<t:…:F>`: full date and time in the reader's zone.
pub fn full(t: DateTime<Utc>) -> String {
    format!("<t:{}:F>", t.timestamp())
}

/// `<t:…:R>`: "in 3 days".
pub fn relative(t: DateTime<Utc>) -> String {
    format!("<t:{}:R>", t.timestamp())
}

/// `<t:…:t>`: time only.
pub fn short_time(t: DateTime<Utc>) -> String {
    format!("<t:{}:t>", t.timestamp())
}

/// "Fri 6 Mar 2026, 13:00–16:00 America/Phoenix" (or "1–4 pm" in 12 hours): the community's own
/// wall-clock time.
pub fn local_span(g: &Gathering, zone: Tz, format: TimeFormat) -> String {
    wall_clock_span(g.start, g.end, zone, format, true)
}

/// "Fri 6 Mar 2026, 13:00–16:00", with the zone's name when `named`; a span that ends on another date
/// names that date too.
pub fn wall_clock_span(
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    zone: Tz,
    format: TimeFormat,
    named: bool,
) -> String {
    let start = start.with_timezone(&zone);
    let end = end.with_timezone(&zone);
    let times = if end.date_naive() == start.date_naive() {
        format.span(start.time(), end.time())
    } else {
        format!(
            "{}–{}, {}",
            format.clock(start.time()),
            end.format("%a %-d %b"),
            format.clock(end.time())
        )
    };
    let day = start.format("%a %-d %b %Y");
    if named {
        format!("{day}, {times} {}", zone.name())
    } else {
        format!("{day}, {times}")
    }
}
