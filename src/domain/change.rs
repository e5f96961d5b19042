//! What changing a gathering did, as plain values the edge renders: a cancel (the roles it freed, who
//! was going) and a move (from when to when, who holds a role, who is going); and the rules every
//! change shares: the optional reason, and whether a gathering's agenda is still open.

use super::gathering::{Gathering, Status};
use super::ids::MemberRef;
use super::message::Message;
use super::text::clean_line;
use super::InputError;
use chrono::{DateTime, Utc};

/// The longest reason a move or a cancel may give.
pub const MAX_REASON_CHARS: usize = 200;

/// The reason given with a change: trimmed and cleaned to one line, `None` when blank, refused over
/// 200 characters.
pub fn parse_reason(reason: Option<&str>) -> Result<Option<String>, InputError> {
    let Some(text) = reason.map(clean_line).filter(|r| !r.is_empty()) else {
        return Ok(None);
    };
    if text.chars().count() > MAX_REASON_CHARS {
        return Err(InputError::new(
            Message::key("input-reason-too-long").with("max", MAX_REASON_CHARS),
        ));
    }
    Ok(Some(text))
}

/// Why a gathering's agenda no longer takes claims, releases or assignments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgendaClosed {
    /// The gathering was cancelled.
    Cancelled,
    /// Its series ended and the date was taken off the calendar.
    Withdrawn,
    /// It has started (or is over).
    Started,
}

/// `Some` when the agenda of `gathering` is closed at `now`.
pub fn agenda_closed(gathering: &Gathering, now: DateTime<Utc>) -> Option<AgendaClosed> {
    match gathering.status {
        Status::Cancelled => Some(AgendaClosed::Cancelled),
        Status::Withdrawn => Some(AgendaClosed::Withdrawn),
        _ if gathering.start <= now => Some(AgendaClosed::Started),
        _ => None,
    }
}

/// A gathering was cancelled.
#[derive(Debug, Clone, PartialEq)]
pub struct Cancelled {
    /// The gathering as it was.
    pub gathering: Gathering,
    /// Why, if the organizer said.
    pub reason: Option<String>,
    /// The roles freed by the cancel, with who held them (claim order).
    pub freed_roles: Vec<(String, MemberRef)>,
    /// Who had answered going.
    pub going: Vec<MemberRef>,
}

/// A gathering was moved.
#[derive(Debug, Clone, PartialEq)]
pub struct Moved {
    /// The gathering before the move.
    pub from: Gathering,
    /// The gathering after it.
    pub to: Gathering,
    /// Why, if the organizer said.
    pub reason: Option<String>,
    /// Who holds a role (they keep it), claim order.
    pub holders: Vec<(String, MemberRef)>,
    /// Who had answered going.
    pub going: Vec<MemberRef>,
}

/// The members a change concerns — role holders, then those going — each once.
pub fn concerned(holders: &[(String, MemberRef)], going: &[MemberRef]) -> Vec<MemberRef> {
    super::text::unique_in_order(holders.iter().map(|(_, m)| *m).chain(going.iter().copied()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::gathering::GatheringId;
    use crate::domain::ids::CommunityId;

    fn gathering(status: Status, start: i64) -> Gathering {
        let at = |s| DateTime::<Utc>::from_timestamp(s, 0).unwrap_or_default();
        Gathering {
            id: GatheringId(1),
            community: CommunityId(1),
            series: None,
            start: at(start),
            end: at(start + 3600),
            original_start: at(start),
            title: "Session".into(),
            location: None,
            status,
            reason: None,
        }
    }

    #[test]
    fn a_reason_is_cleaned_blank_is_none_and_too_long_is_refused() {
        assert_eq!(parse_reason(None), Ok(None));
        assert_eq!(parse_reason(Some("   ")), Ok(None));
        assert_eq!(
            parse_reason(Some(" Snow\u{200B} day ")),
            Ok(Some("Snow day".into()))
        );
        assert!(parse_reason(Some(&"é".repeat(200))).is_ok());
        assert!(parse_reason(Some(&"é".repeat(201))).is_err());
    }

    #[test]
    fn an_agenda_closes_when_cancelled_withdrawn_or_started() {
        let now = DateTime::<Utc>::from_timestamp(1_000, 0).unwrap_or_default();
        assert_eq!(
            agenda_closed(&gathering(Status::Scheduled, 2_000), now),
            None
        );
        assert_eq!(agenda_closed(&gathering(Status::Moved, 2_000), now), None);
        assert_eq!(
            agenda_closed(&gathering(Status::Cancelled, 2_000), now),
            Some(AgendaClosed::Cancelled)
        );
        assert_eq!(
            agenda_closed(&gathering(Status::Withdrawn, 2_000), now),
            Some(AgendaClosed::Withdrawn)
        );
        assert_eq!(
            agenda_closed(&gathering(Status::Scheduled, 1_000), now),
            Some(AgendaClosed::Started)
        );
    }

    #[test]
    fn the_concerned_are_holders_then_going_each_once() {
        let holders = vec![
            ("Opener".into(), MemberRef(1)),
            ("Closing".into(), MemberRef(2)),
        ];
        assert_eq!(
            concerned(&holders, &[MemberRef(2), MemberRef(3)]),
            vec![MemberRef(1), MemberRef(2), MemberRef(3)]
        );
    }
}
