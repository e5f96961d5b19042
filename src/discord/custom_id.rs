//! What a button acts on, encoded in its custom id so that buttons keep working after a restart and on
//! old cards: nothing depends on in-memory state.

use crate::domain::gathering::GatheringId;
use crate::domain::ids::MemberRef;
use crate::domain::rsvp::Answer;

/// A button (or select menu) action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ButtonAction {
    /// Claim the role at this index of the gathering's agenda.
    Claim(GatheringId, usize),
    /// Release the role at this index.
    Release(GatheringId, usize),
    /// Answer Going / Maybe / Can't go.
    Rsvp(GatheringId, Answer),
    /// "I was there" on the harvest prompt.
    Here(GatheringId),
    /// The organizer's menu: these members came.
    AttendanceAdd(GatheringId),
    /// The organizer's menu: these members did not come after all.
    AttendanceRemove(GatheringId),
    /// The organizer confirms giving the role at this index (its name's fingerprint makes sure it is
    /// still that role) to this member, over the holder they were shown (if the role changed hands
    /// since, nothing is done).
    AssignOver(GatheringId, usize, u32, MemberRef, MemberRef),
    /// A large agenda's "Claim a role…" menu (the role's index is the value picked).
    ClaimPick(GatheringId),
    /// A large agenda's "Release a role…" menu.
    ReleasePick(GatheringId),
    /// The organizer confirms taking the role at this index, held by someone, off this gathering's
    /// agenda; the fingerprint of the role's name makes sure it is still that role.
    AgendaRemove(GatheringId, usize, u32),
}

/// A short fingerprint of a role's name (FNV-1a), for buttons that must still mean the same role.
pub fn role_fingerprint(role: &str) -> u32 {
    role.bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

impl ButtonAction {
    /// The gathering it acts on.
    pub fn gathering(self) -> GatheringId {
        match self {
            ButtonAction::Claim(g, _)
            | ButtonAction::Release(g, _)
            | ButtonAction::Rsvp(g, _)
            | ButtonAction::Here(g)
            | ButtonAction::AttendanceAdd(g)
            | ButtonAction::AttendanceRemove(g)
            | ButtonAction::AssignOver(g, _, _, _, _)
            | ButtonAction::ClaimPick(g)
            | ButtonAction::ReleasePick(g)
            | ButtonAction::AgendaRemove(g, _, _) => g,
        }
    }

    /// `st:claim:<gathering>:<role index>` (well under Discord's 100 characters).
    pub fn encode(self) -> String {
        match self {
            ButtonAction::Claim(g, i) => format!("st:claim:{}:{i}", g.0),
            ButtonAction::Release(g, i) => format!("st:release:{}:{i}", g.0),
            ButtonAction::Rsvp(g, a) => format!("st:rsvp:{}:{}", g.0, a.as_str()),
            ButtonAction::Here(g) => format!("st:here:{}:0", g.0),
            ButtonAction::AttendanceAdd(g) => format!("st:attadd:{}:0", g.0),
            ButtonAction::AttendanceRemove(g) => format!("st:attrm:{}:0", g.0),
            ButtonAction::AssignOver(g, i, f, m, h) => {
                format!("st:assign:{}:{i}-{f:08x}-{}-{}", g.0, m.0, h.0)
            }
            ButtonAction::ClaimPick(g) => format!("st:claimpick:{}:0", g.0),
            ButtonAction::ReleasePick(g) => format!("st:releasepick:{}:0", g.0),
            ButtonAction::AgendaRemove(g, i, h) => format!("st:agendarm:{}:{i}-{h:08x}", g.0),
        }
    }

    /// Reads a custom id back; `None` for anything else.
    pub fn parse(custom_id: &str) -> Option<ButtonAction> {
        let mut parts = custom_id.split(':');
        if parts.next()? != "st" {
            return None;
        }
        let kind = parts.next()?;
        let gathering = GatheringId(parts.next()?.parse().ok()?);
        let last = parts.next()?;
        if parts.next().is_some() {
            return None;
        }
        let index = || last.parse::<usize>().ok();
        match kind {
            "claim" => Some(ButtonAction::Claim(gathering, index()?)),
            "release" => Some(ButtonAction::Release(gathering, index()?)),
            "rsvp" => Some(ButtonAction::Rsvp(gathering, Answer::parse(last)?)),
            "here" => Some(ButtonAction::Here(gathering)),
            "attadd" => Some(ButtonAction::AttendanceAdd(gathering)),
            "attrm" => Some(ButtonAction::AttendanceRemove(gathering)),
            "claimpick" => Some(ButtonAction::ClaimPick(gathering)),
            "releasepick" => Some(ButtonAction::ReleasePick(gathering)),
            "agendarm" => {
                let (index, hash) = last.split_once('-')?;
                Some(ButtonAction::AgendaRemove(
                    gathering,
                    index.parse().ok()?,
                    u32::from_str_radix(hash, 16).ok()?,
                ))
            }
            "assign" => {
                let mut parts = last.split('-');
                let index = parts.next()?.parse().ok()?;
                let fingerprint = u32::from_str_radix(parts.next()?, 16).ok()?;
                let member = MemberRef(parts.next()?.parse().ok()?);
                let holder = MemberRef(parts.next()?.parse().ok()?);
                if parts.next().is_some() {
                    return None;
                }
                Some(ButtonAction::AssignOver(
                    gathering,
                    index,
                    fingerprint,
                    member,
                    holder,
                ))
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn custom_ids_round_trip_and_reject_strangers() {
        for action in [
            ButtonAction::Claim(GatheringId(42), 3),
            ButtonAction::Release(GatheringId(i64::MAX), 19),
            ButtonAction::AssignOver(
                GatheringId(i64::MAX),
                19,
                u32::MAX,
                MemberRef(u64::MAX),
                MemberRef(u64::MAX),
            ),
            ButtonAction::ClaimPick(GatheringId(7)),
            ButtonAction::ReleasePick(GatheringId(7)),
            ButtonAction::AgendaRemove(GatheringId(i64::MAX), 19, u32::MAX),
        ] {
            let id = action.encode();
            assert!(id.len() <= 100);
            assert_eq!(ButtonAction::parse(&id), Some(action));
        }
        for bad in [
            "",
            "st:claim:x:1",
            "st:claim:1",
            "st:take:1:1",
            "other:claim:1:1",
            "st:claim:1:1:1",
            "st:assign:1:1",
            "st:assign:1:1-",
            "st:assign:1:x-5",
        ] {
            assert_eq!(ButtonAction::parse(bad), None, "{bad}");
        }
    }
}
