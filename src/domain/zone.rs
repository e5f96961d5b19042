//! IANA time zones: strict parsing and the suggestions shown while a person types.

use super::InputError;
use chrono_tz::{Tz, TZ_VARIANTS};

/// Parses an IANA zone name (case-insensitive), e.g. `America/Phoenix`.
pub fn parse(input: &str) -> Result<Tz, InputError> {
    let name = input.trim();
    if name.is_empty() {
        return Err(InputError::new(
            "Please give a time zone, for example `America/Phoenix` or `Europe/London`.",
        ));
    }
    Tz::from_str_insensitive(name).map_err(|_| {
        let hint = suggest(name, 3);
        let hint = if hint.is_empty() {
            String::new()
        } else {
            format!(" Did you mean {}?", hint.iter().map(|z| format!("`{z}`")).collect::<Vec<_>>().join(", "))
        };
        InputError::new(format!(
            "`{}` is not a time zone I know. Use an IANA name such as `America/Phoenix`, `Europe/London` \
             or `Australia/Sydney`: start typing and pick one from the list.{hint}",
            shorten(name)
        ))
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

/// Up to `limit` zone names matching what was typed: names starting with it first, then names containing
/// it (ignoring case, and treating spaces as underscores), alphabetical within each group.
pub fn suggest(partial: &str, limit: usize) -> Vec<&'static str> {
    let needle = partial.trim().to_lowercase().replace(' ', "_");
    if needle.is_empty() {
        return COMMON.iter().copied().take(limit).collect();
    }
    let mut starts = Vec::new();
    let mut contains = Vec::new();
    for tz in TZ_VARIANTS.iter() {
        let name = tz.name();
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
    starts.into_iter().chain(contains).take(limit).collect()
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
}
