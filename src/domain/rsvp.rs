//! Who will come (RSVP) and who came (attendance), and the participation picture over time: the core,
//! the active and the occasional members of a community of practice.

use super::gathering::{Gathering, GatheringId};
use super::ids::MemberRef;
use super::message::Message;
use super::InputError;
use chrono::{DateTime, Duration, Utc};

/// A member's answer for one gathering.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Answer {
    /// Will come (members going get change notices and, if enabled, DM reminders).
    Going,
    /// Might come; not counted as going.
    Maybe,
    /// Can't go.
    No,
}

impl Answer {
    /// As stored in the database: `going`, `maybe` or `no`.
    pub fn as_str(self) -> &'static str {
        match self {
            Answer::Going => "going",
            Answer::Maybe => "maybe",
            Answer::No => "no",
        }
    }
    /// From the stored form.
    pub fn parse(text: &str) -> Option<Answer> {
        [Answer::Going, Answer::Maybe, Answer::No]
            .into_iter()
            .find(|a| a.as_str() == text)
    }
}

/// How long after its end a member may still say they were there.
pub const SELF_REPORT_DAYS: i64 = 7;

/// Checks that an RSVP can still be given (not cancelled, not started).
pub fn check_rsvp(g: &Gathering, now: DateTime<Utc>) -> Result<(), InputError> {
    if !g.status.is_on() {
        return Err(InputError::new(Message::key("input-rsvp-cancelled")));
    }
    if g.start <= now {
        return Err(InputError::new(Message::key("input-rsvp-started")));
    }
    Ok(())
}

/// Checks the self-report window: from the start until 7 days after the end.
pub fn check_self_report(g: &Gathering, now: DateTime<Utc>) -> Result<(), InputError> {
    if !g.status.is_on() {
        return Err(InputError::new(Message::key("input-attend-cancelled")));
    }
    if now < g.start {
        return Err(InputError::new(Message::key("input-attend-not-started")));
    }
    if now > g.end + Duration::days(SELF_REPORT_DAYS) {
        return Err(InputError::new(
            Message::key("input-attend-too-late").with("days", SELF_REPORT_DAYS),
        ));
    }
    Ok(())
}

/// Checks that an organizer may record attendance (the gathering has started and was not cancelled).
pub fn check_record(g: &Gathering, now: DateTime<Utc>) -> Result<(), InputError> {
    if !g.status.is_on() {
        return Err(InputError::new(Message::key("input-record-cancelled")));
    }
    if g.start > now {
        return Err(InputError::new(Message::key("input-record-not-yet")));
    }
    Ok(())
}

/// Where a member stands in the community over a window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tier {
    /// Came to at least two thirds of the gatherings.
    Core,
    /// Came to at least a third.
    Active,
    /// Came at least once.
    Occasional,
}

/// The tier of a member who came to `attended` of `held` gatherings.
pub fn tier(attended: usize, held: usize) -> Option<Tier> {
    if attended == 0 || held == 0 {
        return None;
    }
    if attended * 3 >= held * 2 {
        Some(Tier::Core)
    } else if attended * 3 >= held {
        Some(Tier::Active)
    } else {
        Some(Tier::Occasional)
    }
}

/// One gathering's line in the report.
#[derive(Debug, Clone, PartialEq)]
pub struct GatheringFigures {
    /// The gathering this line is about.
    pub gathering: GatheringId,
    /// When it started (after any move).
    pub start: DateTime<Utc>,
    /// What it is called.
    pub title: String,
    /// Members who answered going.
    pub going: usize,
    /// Members who came.
    pub came: usize,
}

/// One member's line in the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberFigures {
    /// The member this line is about (anyone who came or held a role).
    pub member: MemberRef,
    /// How many of the window's gatherings they came to.
    pub attended: usize,
    /// How many agenda roles they held over the window.
    pub roles: usize,
    /// Where they stand.
    pub tier: Option<Tier>,
}

/// The participation report over the gatherings of a window (already filtered to held ones).
pub fn report(
    gatherings: &[Gathering],
    going: &[(GatheringId, MemberRef)],
    came: &[(GatheringId, MemberRef)],
    roles: &[(GatheringId, MemberRef)],
) -> (Vec<GatheringFigures>, Vec<MemberFigures>) {
    let held = gatherings.len();
    let per_gathering = gatherings
        .iter()
        .map(|g| GatheringFigures {
            gathering: g.id,
            start: g.start,
            title: g.title.clone(),
            going: going.iter().filter(|(id, _)| *id == g.id).count(),
            came: came.iter().filter(|(id, _)| *id == g.id).count(),
        })
        .collect();
    let mut members: Vec<MemberRef> = Vec::new();
    for (_, m) in came.iter().chain(roles) {
        if !members.contains(m) {
            members.push(*m);
        }
    }
    let mut per_member: Vec<MemberFigures> = members
        .into_iter()
        .map(|m| {
            let attended = came.iter().filter(|(_, who)| *who == m).count();
            MemberFigures {
                member: m,
                attended,
                roles: roles.iter().filter(|(_, who)| *who == m).count(),
                tier: tier(attended, held),
            }
        })
        .collect();
    per_member.sort_by(|a, b| {
        b.attended
            .cmp(&a.attended)
            .then(b.roles.cmp(&a.roles))
            .then(a.member.cmp(&b.member))
    });
    (per_gathering, per_member)
}

/// The members who answered *going*, in the order they answered.
pub fn going(answers: &[(MemberRef, Answer)]) -> Vec<MemberRef> {
    answers
        .iter()
        .filter(|(_, a)| *a == Answer::Going)
        .map(|(m, _)| *m)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::gathering::Status;
    use crate::domain::ids::CommunityId;
    use chrono::TimeZone;

    fn g(id: i64, day: u32) -> Gathering {
        let start = Utc.with_ymd_and_hms(2026, 10, day, 18, 0, 0).unwrap();
        Gathering {
            id: GatheringId(id),
            community: CommunityId(1),
            series: None,
            original_start: start,
            start,
            end: start + Duration::hours(2),
            title: format!("G{id}"),
            location: None,
            status: Status::Scheduled,
            reason: None,
        }
    }

    #[test]
    fn tiers_follow_thirds_of_the_gatherings_held() {
        assert_eq!(tier(4, 6), Some(Tier::Core));
        assert_eq!(tier(3, 6), Some(Tier::Active));
        assert_eq!(tier(2, 6), Some(Tier::Active));
        assert_eq!(tier(1, 6), Some(Tier::Occasional));
        assert_eq!(tier(0, 6), None);
        assert_eq!(tier(1, 1), Some(Tier::Core));
        assert_eq!(tier(1, 3), Some(Tier::Active), "a third is active");
        assert_eq!(tier(1, 4), Some(Tier::Occasional));
    }

    #[test]
    fn the_report_counts_going_and_came_per_gathering_and_ranks_members() {
        let gs = [g(1, 1), g(2, 8), g(3, 15)];
        let m = MemberRef;
        let going = [
            (GatheringId(1), m(10)),
            (GatheringId(1), m(11)),
            (GatheringId(1), m(12)),
            (GatheringId(2), m(10)),
        ];
        let came = [
            (GatheringId(1), m(10)),
            (GatheringId(1), m(11)),
            (GatheringId(2), m(10)),
            (GatheringId(2), m(12)),
            (GatheringId(3), m(10)),
        ];
        let roles = [
            (GatheringId(1), m(11)),
            (GatheringId(2), m(13)),
            (GatheringId(3), m(10)),
        ];
        let (per_g, per_m) = report(&gs, &going, &came, &roles);
        let figures: Vec<(usize, usize)> = per_g.iter().map(|f| (f.going, f.came)).collect();
        assert_eq!(figures, [(3, 2), (1, 2), (0, 1)]);
        let lines: Vec<(u64, usize, usize, Option<Tier>)> = per_m
            .iter()
            .map(|f| (f.member.0, f.attended, f.roles, f.tier))
            .collect();
        assert_eq!(
            lines,
            [
                (10, 3, 1, Some(Tier::Core)),
                (11, 1, 1, Some(Tier::Active)),
                (12, 1, 0, Some(Tier::Active)),
                (13, 0, 1, None),
            ]
        );
    }

    #[test]
    fn windows_for_rsvp_self_report_and_recording() {
        let gathering = g(1, 1);
        let before = gathering.start - Duration::hours(1);
        let during = gathering.start + Duration::minutes(30);
        assert!(check_rsvp(&gathering, before).is_ok());
        assert!(check_rsvp(&gathering, during)
            .unwrap_err()
            .to_string()
            .contains("already started"));
        assert!(check_self_report(&gathering, before).is_err());
        assert!(check_self_report(&gathering, during).is_ok());
        assert!(check_self_report(&gathering, gathering.end + Duration::days(7)).is_ok());
        assert!(
            check_self_report(&gathering, gathering.end + Duration::days(8))
                .unwrap_err()
                .to_string()
                .contains("7 days")
        );
        assert!(check_record(&gathering, before)
            .unwrap_err()
            .to_string()
            .contains("not happened yet"));
        assert!(check_record(&gathering, gathering.end + Duration::days(30)).is_ok());
        let cancelled = Gathering {
            status: Status::Cancelled,
            ..gathering
        };
        assert!(check_rsvp(&cancelled, before)
            .unwrap_err()
            .to_string()
            .contains("cancelled"));
    }
}
