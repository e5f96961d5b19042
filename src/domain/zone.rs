//! IANA time zones: strict parsing, and the suggestions shown while a person types — canonical zones
//! only (never a legacy link such as `EST`, `US/Eastern` or `Canada/Eastern`: `EST` is a fixed UTC−5
//! with no summer time), each labelled with its city and the current offset.

use super::message::Message;
use super::InputError;
use chrono::{DateTime, Offset, Utc};
use chrono_tz::{Tz, TZ_VARIANTS};

/// Parses an IANA zone name (case-insensitive), e.g. `America/Phoenix`.
pub fn parse(input: &str) -> Result<Tz, InputError> {
    let name = input.trim();
    if name.is_empty() {
        return Err(InputError::new(Message::key("input-zone-empty")));
    }
    Tz::from_str_insensitive(name).map_err(|_| {
        let hint = suggest(name, 3);
        let message = if hint.is_empty() {
            Message::key("input-zone-unknown")
        } else {
            let names: Vec<String> = hint.iter().map(|z| format!("`{z}`")).collect();
            Message::key("input-zone-unknown-suggest").with("suggestions", names.join(", "))
        };
        InputError::new(message.with("typed", shorten(name)))
    })
}

/// Zones offered before anything is typed.
const COMMON: [&str; 16] = [
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Phoenix",
    "America/Los_Angeles",
    "America/Toronto",
    "America/Vancouver",
    "America/Sao_Paulo",
    "Europe/London",
    "Europe/Berlin",
    "Europe/Paris",
    "Africa/Johannesburg",
    "Asia/Kolkata",
    "Asia/Tokyo",
    "Australia/Sydney",
    "Pacific/Auckland",
];

/// Areas of the tz database that hold only backward-compatible links, never a zone of their own.
const LEGACY_AREAS: [&str; 7] = [
    "Etc/", "US/", "Canada/", "Brazil/", "Chile/", "Mexico/", "SystemV/",
];

/// Links kept in the tz database for old names (the zone they stand for is offered instead).
const LEGACY_LINKS: [&str; 58] = [
    "Africa/Asmera",
    "Africa/Timbuktu",
    "America/Argentina/ComodRivadavia",
    "America/Atka",
    "America/Buenos_Aires",
    "America/Catamarca",
    "America/Coral_Harbour",
    "America/Cordoba",
    "America/Ensenada",
    "America/Fort_Wayne",
    "America/Godthab",
    "America/Indianapolis",
    "America/Jujuy",
    "America/Knox_IN",
    "America/Louisville",
    "America/Mendoza",
    "America/Montreal",
    "America/Nipigon",
    "America/Pangnirtung",
    "America/Porto_Acre",
    "America/Rainy_River",
    "America/Rosario",
    "America/Santa_Isabel",
    "America/Shiprock",
    "America/Thunder_Bay",
    "America/Virgin",
    "America/Yellowknife",
    "Antarctica/South_Pole",
    "Asia/Ashkhabad",
    "Asia/Calcutta",
    "Asia/Chongqing",
    "Asia/Chungking",
    "Asia/Dacca",
    "Asia/Harbin",
    "Asia/Istanbul",
    "Asia/Kashgar",
    "Asia/Katmandu",
    "Asia/Macao",
    "Asia/Rangoon",
    "Asia/Saigon",
    "Asia/Tel_Aviv",
    "Asia/Thimbu",
    "Asia/Ujung_Pandang",
    "Asia/Ulan_Bator",
    "Atlantic/Faeroe",
    "Atlantic/Jan_Mayen",
    "Australia/Canberra",
    "Australia/Currie",
    "Europe/Belfast",
    "Europe/Kiev",
    "Europe/Nicosia",
    "Europe/Tiraspol",
    "Europe/Uzhgorod",
    "Europe/Zaporozhye",
    "Pacific/Enderbury",
    "Pacific/Johnston",
    "Pacific/Ponape",
    "Pacific/Samoa",
];

/// Words people type for a region's time rather than a city, and the zones they mean.
const REGIONS: [(&str, &[&str]); 8] = [
    (
        "eastern",
        &["America/Toronto", "America/New_York", "America/Detroit"],
    ),
    (
        "est",
        &["America/Toronto", "America/New_York", "America/Detroit"],
    ),
    (
        "central",
        &["America/Chicago", "America/Winnipeg", "America/Mexico_City"],
    ),
    (
        "cst",
        &["America/Chicago", "America/Winnipeg", "America/Mexico_City"],
    ),
    (
        "mountain",
        &["America/Denver", "America/Edmonton", "America/Phoenix"],
    ),
    (
        "mst",
        &["America/Denver", "America/Edmonton", "America/Phoenix"],
    ),
    ("pacific", &["America/Los_Angeles", "America/Vancouver"]),
    ("pst", &["America/Los_Angeles", "America/Vancouver"]),
];

/// The moment that shows the same local wall-clock time in `to` as `t` does in `from` (a zone change
/// that keeps local times). A time that does not exist in `to` (a DST gap) moves on by the gap.
pub fn same_wall_clock(t: DateTime<Utc>, from: Tz, to: Tz) -> DateTime<Utc> {
    super::recurrence::local_to_utc(t.with_timezone(&from).naive_local(), to)
}

/// Whether `name` is a zone of its own (an `Area/City` name), not a legacy link or a fixed offset.
pub fn is_canonical(name: &str) -> bool {
    let australian_state = name.starts_with("Australia/")
        && !name.contains('_')
        && matches!(
            name,
            "Australia/ACT"
                | "Australia/NSW"
                | "Australia/North"
                | "Australia/South"
                | "Australia/West"
                | "Australia/Queensland"
                | "Australia/Tasmania"
                | "Australia/Victoria"
                | "Australia/Yancowinna"
                | "Australia/LHI"
        );
    name.contains('/')
        && !LEGACY_AREAS.iter().any(|area| name.starts_with(area))
        && !LEGACY_LINKS.contains(&name)
        && !australian_state
}

/// A zone's city as a person reads it: `Toronto`, `Buenos Aires` (the last part of its name).
pub fn city(zone: Tz) -> String {
    let name = zone.name();
    name.rsplit('/').next().unwrap_or(name).replace('_', " ")
}

/// The zone's offset from UTC at `now`: `-05:00`, `+05:30`.
pub fn offset_at(zone: Tz, now: DateTime<Utc>) -> String {
    let seconds = now.with_timezone(&zone).offset().fix().local_minus_utc();
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.unsigned_abs() / 60;
    format!("{sign}{:02}:{:02}", minutes / 60, minutes % 60)
}

/// Up to `limit` canonical zone names matching what was typed: a region's word (`eastern`, `est`) gives
/// its zones first; then names or cities starting with it; then names containing it (ignoring case, and
/// treating spaces as underscores), alphabetical within each group.
pub fn suggest(partial: &str, limit: usize) -> Vec<&'static str> {
    let needle = partial.trim().to_lowercase().replace(' ', "_");
    if needle.is_empty() {
        return COMMON.iter().copied().take(limit).collect();
    }
    let mut regional: Vec<&'static str> = REGIONS
        .iter()
        .filter(|(word, _)| word.starts_with(&needle) && needle.len() >= 3)
        .flat_map(|(_, zones)| zones.iter().copied())
        .collect();
    regional = super::text::unique_in_order(regional);
    let mut starts = Vec::new();
    let mut contains = Vec::new();
    for tz in TZ_VARIANTS.iter() {
        let name = tz.name();
        if !is_canonical(name) || regional.contains(&name) {
            continue;
        }
        let lower = name.to_lowercase();
        let city = lower.rsplit('/').next().unwrap_or(&lower);
        if lower.starts_with(&needle) || city.starts_with(&needle) {
            starts.push(name);
        } else if lower.contains(&needle) {
            contains.push(name);
        }
    }
    starts.sort_unstable();
    contains.sort_unstable();
    regional
        .into_iter()
        .chain(starts)
        .chain(contains)
        .take(limit)
        .collect()
}

fn shorten(text: &str) -> String {
    text.chars().take(60).collect::<String>().replace('`', "'")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_zones_parse_whatever_the_case() {
        assert_eq!(
            parse("America/Phoenix").unwrap(),
            chrono_tz::America::Phoenix
        );
        assert_eq!(parse(" europe/london ").unwrap(), chrono_tz::Europe::London);
    }

    #[test]
    fn an_unknown_zone_is_refused_with_examples() {
        let err = parse("Mars/Olympus").unwrap_err().to_string();
        assert!(err.contains("`Mars/Olympus` is not a time zone"), "{err}");
        assert!(err.contains("America/Phoenix"), "{err}");
        assert!(parse("").is_err());
    }

    #[test]
    fn suggestions_prefer_prefixes_and_match_cities() {
        let s = suggest("phoe", 25);
        assert_eq!(s.first(), Some(&"America/Phoenix"));
        let s = suggest("america/new", 25);
        assert!(s.contains(&"America/New_York"), "{s:?}");
        let s = suggest("new york", 25);
        assert!(s.contains(&"America/New_York"), "{s:?}");
        assert_eq!(suggest("", 25).len(), COMMON.len());
        assert!(COMMON.iter().all(|z| parse(z).is_ok()));
        assert!(suggest("zzzzzz", 25).is_empty());
    }

    #[test]
    fn the_picker_offers_no_legacy_link_for_what_people_type() {
        for typed in [
            "est", "eastern", "toronto", "phoenix", "us", "canada", "etc", "gmt", "utc", "kiev",
        ] {
            for name in suggest(typed, 25) {
                assert!(is_canonical(name), "`{typed}` offers {name}");
                assert!(
                    ![
                        "EST",
                        "EST5EDT",
                        "US/Eastern",
                        "Canada/Eastern",
                        "Etc/GMT+5"
                    ]
                    .contains(&name),
                    "{name}"
                );
            }
        }
        for typed in ["est", "eastern"] {
            let s = suggest(typed, 25);
            assert_eq!(
                &s[..2],
                ["America/Toronto", "America/New_York"],
                "{typed}: {s:?}"
            );
        }
        assert_eq!(suggest("toronto", 25), ["America/Toronto"]);
        assert_eq!(suggest("phoenix", 25).first(), Some(&"America/Phoenix"));
        assert!(
            suggest("kiev", 25).is_empty(),
            "the old spelling is a link; Kyiv is offered for kyiv"
        );
        assert_eq!(suggest("kyiv", 25), ["Europe/Kyiv"]);
        assert!(COMMON.iter().all(|z| is_canonical(z)));
    }

    #[test]
    fn a_label_names_the_city_and_the_offset_now() {
        let winter = DateTime::<Utc>::from_timestamp(1_767_225_600, 0).unwrap(); // 1 Jan 2026
        let summer = DateTime::<Utc>::from_timestamp(1_782_864_000, 0).unwrap(); // 1 Jul 2026
        let toronto = chrono_tz::America::Toronto;
        let label = |zone, now| crate::i18n::words::zone_label(crate::i18n::Lang::En, zone, now);
        assert_eq!(
            label(toronto, winter),
            "Toronto · America/Toronto · UTC-05:00 now"
        );
        assert_eq!(
            label(toronto, summer),
            "Toronto · America/Toronto · UTC-04:00 now"
        );
        assert_eq!(
            label(chrono_tz::Asia::Kolkata, winter),
            "Kolkata · Asia/Kolkata · UTC+05:30 now"
        );
        assert_eq!(
            label(chrono_tz::America::Argentina::Buenos_Aires, winter),
            "Buenos Aires · America/Argentina/Buenos_Aires · UTC-03:00 now"
        );
    }
}
