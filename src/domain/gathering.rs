//! Gatherings: one occurrence of a series, or a one-off. Each has a stable row so that claims, RSVPs and
//! posts attach to it; moving keeps the row, cancelling keeps it with its status.

use super::ids::CommunityId;
use super::message::Message;
use super::recurrence::{local_to_utc, Recurrence};
use super::text::clean_line;
use super::when::parse_span;
use super::InputError;
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use std::fmt;

/// Most characters a gathering's title may have.
pub const MAX_TITLE_CHARS: usize = 100;
/// Most characters a gathering's location (an address or a link) may have.
pub const MAX_LOCATION_CHARS: usize = 200;
/// How far ahead occurrences of a series are kept as rows.
pub const HORIZON_DAYS: i64 = 396;

/// Steward's id of a gathering.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct GatheringId(pub i64);

/// Steward's id of a series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SeriesId(pub i64);

impl fmt::Display for GatheringId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// A title: 1–100 visible characters on one line (see [`clean_line`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Title(String);

impl Title {
    /// Cleans (one line, no invisible characters, NFKC) and checks a title.
    pub fn parse(input: &str) -> Result<Title, InputError> {
        let text = clean_line(input);
        let chars = text.chars().count();
        if chars == 0 {
            return Err(InputError::new(Message::key("input-title-empty")));
        }
        if chars > MAX_TITLE_CHARS {
            return Err(InputError::new(
                Message::key("input-title-too-long")
                    .with("chars", chars)
                    .with("max", MAX_TITLE_CHARS),
            ));
        }
        Ok(Title(text))
    }
    /// The cleaned title as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Parses an optional location (one line, up to 200 characters; blank or invisible means none).
pub fn parse_location(input: Option<&str>) -> Result<Option<String>, InputError> {
    let Some(text) = input.map(clean_line).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    let chars = text.chars().count();
    if chars > MAX_LOCATION_CHARS {
        return Err(InputError::new(
            Message::key("input-location-too-long")
                .with("chars", chars)
                .with("max", MAX_LOCATION_CHARS),
        ));
    }
    Ok(Some(text))
}

/// What to write to clear a gathering's place in an edit.
pub const NO_PLACE: [&str; 3] = ["none", "-", "clear"];

/// A place as typed in an edit: `None` keeps it, `none` (or `-`) removes it, anything else replaces it.
pub fn parse_location_change(input: Option<&str>) -> Result<Option<Option<String>>, InputError> {
    let Some(text) = input else {
        return Ok(None);
    };
    if NO_PLACE.contains(&text.trim().to_lowercase().as_str()) {
        return Ok(Some(None));
    }
    match parse_location(Some(text))? {
        Some(place) => Ok(Some(Some(place))),
        None => Err(InputError::new(Message::key("input-place-empty"))),
    }
}

/// New local times from `start` / `end` as typed over the current `start_time` and `length`: a new
/// start alone keeps the length, a new end alone keeps the start.
pub fn new_times(
    start_time: NaiveTime,
    length: Duration,
    start: Option<&str>,
    end: Option<&str>,
) -> Result<(NaiveTime, Duration), InputError> {
    match (start, end) {
        (Some(s), Some(e)) => parse_span(s, e),
        (Some(s), None) => Ok((super::when::parse_time(s)?, length)),
        (None, Some(e)) => parse_span(&start_time.format("%H:%M").to_string(), e),
        (None, None) => Ok((start_time, length)),
    }
}

/// Where a gathering stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// On, at the time its series or `/gathering add` gave it.
    Scheduled,
    /// Moved to another time.
    Moved,
    /// Cancelled (this one date).
    Cancelled,
    /// Dropped because its series ended.
    Withdrawn,
}

impl Status {
    /// As stored in the database: `scheduled`, `moved`, `cancelled` or `withdrawn`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Scheduled => "scheduled",
            Status::Moved => "moved",
            Status::Cancelled => "cancelled",
            Status::Withdrawn => "withdrawn",
        }
    }
    /// From the stored form.
    pub fn parse(text: &str) -> Option<Status> {
        [
            Status::Scheduled,
            Status::Moved,
            Status::Cancelled,
            Status::Withdrawn,
        ]
        .into_iter()
        .find(|s| s.as_str() == text)
    }
    /// Scheduled or moved: still on (neither cancelled nor withdrawn).
    pub fn is_on(self) -> bool {
        matches!(self, Status::Scheduled | Status::Moved)
    }
}

/// A series of gatherings.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Steward's id of the series.
    pub id: SeriesId,
    /// The community whose calendar it is on.
    pub community: CommunityId,
    /// Title of each gathering.
    pub title: String,
    /// Where its gatherings happen, if said (a room, an address, a voice channel mention).
    pub location: Option<String>,
    /// How it repeats: the RRULE, its first local start and the zone it is read in.
    pub recurrence: Recurrence,
    /// Length of each gathering.
    pub duration: Duration,
    /// The rule in words, e.g. `monthly on the first Friday`.
    pub summary: String,
}

/// One gathering: a dated occurrence of a series, or a one-off.
#[derive(Debug, Clone, PartialEq)]
pub struct Gathering {
    /// Steward's id of it.
    pub id: GatheringId,
    /// The community it belongs to.
    pub community: CommunityId,
    /// Its series; `None` for a one-off.
    pub series: Option<SeriesId>,
    /// The start its series gave it (for a one-off, its first start).
    pub original_start: DateTime<Utc>,
    /// When it starts (after any move).
    pub start: DateTime<Utc>,
    /// When it ends.
    pub end: DateTime<Utc>,
    /// What it is called (a cleaned [`Title`]).
    pub title: String,
    /// Where it happens, if said (a room, an address, a voice channel mention).
    pub location: Option<String>,
    /// Scheduled, moved, cancelled or withdrawn.
    pub status: Status,
    /// Why it was moved or cancelled.
    pub reason: Option<String>,
}

impl Gathering {
    /// Not cancelled and not yet over.
    pub fn is_upcoming(&self, now: DateTime<Utc>) -> bool {
        self.status.is_on() && self.end > now
    }
}

/// Where a gathering goes when moved: `new_date`, and optionally new `start`/`end` (otherwise the same
/// local times and length as before). Refuses closed gatherings and times in the past.
pub fn plan_move(
    gathering: &Gathering,
    new_date: NaiveDate,
    start: Option<&str>,
    end: Option<&str>,
    zone: Tz,
    now: DateTime<Utc>,
) -> Result<(DateTime<Utc>, DateTime<Utc>), InputError> {
    if !gathering.status.is_on() {
        return Err(InputError::new(Message::key("input-move-cancelled")));
    }
    if gathering.end <= now {
        return Err(InputError::new(Message::key("input-move-over")));
    }
    let old_start = gathering.start.with_timezone(&zone);
    let old_length = gathering.end - gathering.start;
    let (start_time, length) = new_times(old_start.time(), old_length, start, end)?;
    let new_start = local_to_utc(new_date.and_time(start_time), zone);
    if new_start <= now {
        return Err(InputError::new(Message::key("input-move-past")));
    }
    Ok((new_start, new_start + length))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn utc(y: i32, mo: u32, d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, 0, 0).unwrap()
    }

    fn monday_nine_am(start: DateTime<Utc>) -> Gathering {
        Gathering {
            id: GatheringId(1),
            community: CommunityId(1),
            series: None,
            original_start: start,
            start,
            end: start + Duration::minutes(90),
            title: "Peer supervision".into(),
            location: None,
            status: Status::Scheduled,
            reason: None,
        }
    }

    #[test]
    fn titles_and_locations_are_bounded() {
        assert!(Title::parse("  ")
            .unwrap_err()
            .to_string()
            .contains("empty"));
        assert!(Title::parse(&"t".repeat(101)).is_err());
        assert_eq!(
            Title::parse(" Monthly   session ").unwrap().as_str(),
            "Monthly session"
        );
        assert_eq!(parse_location(Some("  ")).unwrap(), None);
        assert!(parse_location(Some(&"l".repeat(201))).is_err());
    }

    #[test]
    fn titles_of_invisible_characters_are_empty() {
        for invisible in [
            "\u{200B}\u{200B}",
            "\u{3164}",
            "\u{2800}",
            " \u{FEFF} ",
            "\u{115F}\u{1160}",
        ] {
            let err = Title::parse(invisible).unwrap_err().to_string();
            assert!(err.contains("empty"), "{invisible:?}: {err}");
            assert_eq!(
                parse_location(Some(invisible)).unwrap(),
                None,
                "{invisible:?}"
            );
        }
    }

    #[test]
    fn titles_and_locations_are_cleaned_to_one_composed_line() {
        assert_eq!(
            Title::parse("Cafe\u{301}\u{200B} evening")
                .unwrap()
                .as_str(),
            "Caf\u{E9} evening"
        );
        assert_eq!(Title::parse("🌱 Circle").unwrap().as_str(), "🌱 Circle");
        assert_eq!(
            parse_location(Some(" Room\u{00A0}4\n Main St\u{FEFF} ")).unwrap(),
            Some("Room 4 Main St".to_owned())
        );
        // 200 emoji are 200 characters (800 bytes).
        assert!(parse_location(Some(&"📍".repeat(200))).is_ok());
    }

    #[test]
    fn a_move_keeps_local_time_and_length_unless_told_otherwise() {
        let zone = chrono_tz::America::New_York;
        // Mon 26 Oct 2026 09:00 EDT → moved to Tue 3 Nov (after the DST change): still 09:00 local.
        let g = monday_nine_am(utc(2026, 10, 26, 13));
        let now = utc(2026, 10, 20, 0);
        let date = NaiveDate::from_ymd_opt(2026, 11, 3).unwrap();
        let (start, end) = plan_move(&g, date, None, None, zone, now).unwrap();
        assert_eq!(
            (start, end),
            (
                utc(2026, 11, 3, 14),
                utc(2026, 11, 3, 14) + Duration::minutes(90)
            )
        );
        let (start, end) = plan_move(&g, date, Some("6pm"), None, zone, now).unwrap();
        assert_eq!(end - start, Duration::minutes(90));
        assert_eq!(start, utc(2026, 11, 3, 23));
        let (start, end) = plan_move(&g, date, None, Some("12:00"), zone, now).unwrap();
        assert_eq!((start, end), (utc(2026, 11, 3, 14), utc(2026, 11, 3, 17)));
    }

    #[test]
    fn closed_gatherings_and_past_targets_cannot_be_moved() {
        let zone = chrono_tz::America::New_York;
        let g = monday_nine_am(utc(2026, 10, 26, 13));
        let date = NaiveDate::from_ymd_opt(2026, 11, 3).unwrap();
        let after = utc(2026, 10, 27, 0);
        assert!(plan_move(&g, date, None, None, zone, after)
            .unwrap_err()
            .to_string()
            .contains("already over"));
        let cancelled = Gathering {
            status: Status::Cancelled,
            ..g.clone()
        };
        assert!(plan_move(&cancelled, date, None, None, zone, utc(2026, 10, 1, 0)).is_err());
        let past = NaiveDate::from_ymd_opt(2026, 10, 1).unwrap();
        assert!(plan_move(&g, past, None, None, zone, utc(2026, 10, 20, 0))
            .unwrap_err()
            .to_string()
            .contains("past"));
    }
}
