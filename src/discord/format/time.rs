//! Times as Discord shows them (each member sees their own local time) and as the community's own
//! wall clock, with its zone named.

use crate::domain::gathering::Gathering;
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

/// "Fri 6 Mar 2026, 13:00–16:00 America/Phoenix": the community's own wall-clock time.
pub fn local_span(g: &Gathering, zone: Tz) -> String {
    let start = g.start.with_timezone(&zone);
    let end = g.end.with_timezone(&zone);
    let end_text = if end.date_naive() == start.date_naive() {
        end.format("%H:%M").to_string()
    } else {
        end.format("%a %-d %b %H:%M").to_string()
    };
    format!(
        "{}–{} {}",
        start.format("%a %-d %b %Y, %H:%M"),
        end_text,
        zone.name()
    )
}
