//! Weekdays as people write them (English and French, short or long) and crontab's weekday field.

use chrono::Weekday;

/// The stored short names, Monday first.
pub const WEEK: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

const DAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

/// The seven days, Monday first.
pub fn every_day() -> [Weekday; 7] {
    DAYS
}

/// Every way of writing each day (lower case, without a final dot or plural `s`), Monday first.
const NAMES: [&[&str]; 7] = [
    &["mon", "monday", "lun", "lundi"],
    &["tue", "tues", "tuesday", "mar", "mardi"],
    &["wed", "wednesday", "mer", "mercredi"],
    &["thu", "thur", "thurs", "thursday", "jeu", "jeudi"],
    &["fri", "friday", "ven", "vendredi"],
    &["sat", "saturday", "sam", "samedi"],
    &["sun", "sunday", "dim", "dimanche"],
];

/// The day a word names (`mon`, `Monday`, `mondays`, `lun.`, `lundi`), if any.
pub fn weekday_named(word: &str) -> Option<Weekday> {
    let word = word.trim().trim_end_matches('.').to_lowercase();
    // A plural `s` (`mondays`), never on a three-letter word nor on `mars` (French March).
    let singular = match word.strip_suffix('s') {
        Some(s) if word.chars().count() > 3 && word != "mars" => s,
        _ => word.as_str(),
    };
    NAMES
        .iter()
        .position(|names| names.contains(&word.as_str()) || names.contains(&singular))
        .map(|i| DAYS[i])
}

/// Crontab's weekday field (`1`, `1-5`, `*/2`, `mon,thu`, `0` or `7` for Sunday): `None` when it is not
/// one, `Some(None)` when it is every day, else the days, Monday first.
pub fn crontab_weekdays(field: &str) -> Option<Option<Vec<Weekday>>> {
    let mut numbers = [false; 7];
    for item in field.split(',') {
        let (range, step) = match item.split_once('/') {
            Some((r, s)) => (r, s.parse::<usize>().ok().filter(|s| (1..=99).contains(s))?),
            None => (item, 1),
        };
        let (from, to) = match range {
            "*" | "?" => (0, 6),
            _ => match range.split_once('-') {
                Some((a, b)) => (day_number(a)?, day_number(b)?),
                None if step > 1 => (day_number(range)?, 6),
                None => {
                    let d = day_number(range)?;
                    (d, d)
                }
            },
        };
        // A range ending on Sunday may say 7 (`5-7`, Friday to Sunday).
        let to = if to == 0 && from > 0 { 7 } else { to };
        if from > to {
            return None;
        }
        for n in (from..=to).step_by(step) {
            numbers[n % 7] = true;
        }
    }
    if numbers.iter().all(|d| *d) {
        return Some(None);
    }
    // Crontab counts from Sunday = 0; the list is Monday first.
    let days: Vec<Weekday> = (1..=7)
        .filter(|n| numbers[n % 7])
        .map(|n| DAYS[(n - 1) % 7])
        .collect();
    (!days.is_empty()).then_some(Some(days))
}

/// Crontab's number of a day: 0 or 7 = Sunday, 1 = Monday … 6 = Saturday; names too.
fn day_number(text: &str) -> Option<usize> {
    if let Ok(n) = text.parse::<usize>() {
        return (n <= 7).then_some(n);
    }
    weekday_named(text).map(|d| d.num_days_from_sunday() as usize)
}
