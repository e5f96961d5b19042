//! Times as Discord shows them (each member sees their own local time) and as the community's own
//! wall clock, with its zone named.

use crate::domain::gathering::Gathering;
use crate::domain::language::Lang;
use crate::domain::wall_clock::TimeFormat;
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

/// "Fri 6 Mar 2026, 13:00–16:00 America/Phoenix" (or "1–4 pm" in 12 hours; "ven. 6 mars 2026" in
/// French): the community's own wall-clock time.
pub fn local_span(g: &Gathering, zone: Tz, format: TimeFormat, lang: Lang) -> String {
    let span = crate::i18n::wall_clock_span(lang, g.start, g.end, zone, format);
    format!("{span} {}", zone.name())
}
