//! Dates in words from the catalogue (`Fri 4 Dec 2026`, `ven. 4 déc. 2026`), never chrono's English
//! `%a %b`.

use super::words::{clock, span};
use super::{text, Lang};
use crate::domain::wall_clock::TimeFormat;
use chrono::{DateTime, Datelike, NaiveDate, Utc, Weekday};
use chrono_tz::Tz;

const DAY_KEYS: [&str; 7] = [
    "day-mon", "day-tue", "day-wed", "day-thu", "day-fri", "day-sat", "day-sun",
];
pub(super) const MONTH_KEYS: [&str; 12] = [
    "month-1", "month-2", "month-3", "month-4", "month-5", "month-6", "month-7", "month-8",
    "month-9", "month-10", "month-11", "month-12",
];

/// `Fri` / `ven.`.
pub fn weekday_short(lang: Lang, day: Weekday) -> String {
    text(lang, DAY_KEYS[day.num_days_from_monday() as usize], &[])
}

/// `Fri 4 Dec` / `ven. 4 déc.`.
pub fn day_month(lang: Lang, date: NaiveDate) -> String {
    format!(
        "{} {} {}",
        weekday_short(lang, date.weekday()),
        date.day(),
        text(lang, MONTH_KEYS[date.month0() as usize], &[])
    )
}

/// `Fri 04 Dec` / `ven. 04 déc.`: the day on two digits, for lists whose lines align.
pub fn day_month_padded(lang: Lang, date: NaiveDate) -> String {
    format!(
        "{} {:02} {}",
        weekday_short(lang, date.weekday()),
        date.day(),
        text(lang, MONTH_KEYS[date.month0() as usize], &[])
    )
}

/// `Fri 4 Dec 2026` / `ven. 4 déc. 2026`.
pub fn day_month_year(lang: Lang, date: NaiveDate) -> String {
    format!("{} {}", day_month(lang, date), date.year())
}

/// "Fri 6 Mar 2026, 13:00–16:00" (or "1–4 pm"; "ven. 6 mars 2026, 13:00–16:00") on the zone's wall
/// clock; a span that ends on another date names that date too.
pub fn wall_clock_span(
    lang: Lang,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    zone: Tz,
    format: TimeFormat,
) -> String {
    let start = start.with_timezone(&zone);
    let end = end.with_timezone(&zone);
    let day = day_month_year(lang, start.date_naive());
    let times = if end.date_naive() == start.date_naive() {
        span(lang, format, start.time(), end.time())
    } else {
        format!(
            "{}–{}, {}",
            clock(lang, format, start.time()),
            day_month(lang, end.date_naive()),
            clock(lang, format, end.time())
        )
    };
    text(
        lang,
        "date-with-times",
        &[
            ("day", fluent::FluentValue::from(day)),
            ("times", fluent::FluentValue::from(times)),
        ],
    )
}
