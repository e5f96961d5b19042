//! Dates in words from the catalogue (`Fri 4 Dec 2026`, `ven. 4 déc. 2026`), never chrono's English
//! `%a %b`.

use super::{text, Lang};
use chrono::{Datelike, NaiveDate, Weekday};

const DAY_KEYS: [&str; 7] = [
    "day-mon", "day-tue", "day-wed", "day-thu", "day-fri", "day-sat", "day-sun",
];
const MONTH_KEYS: [&str; 12] = [
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
