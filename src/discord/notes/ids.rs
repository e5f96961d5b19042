//! Custom ids of the practice-note buttons and forms (prefix `sn:`). Like the agenda card's, they carry
//! everything the click needs, so buttons and open forms keep working after a restart.

use crate::domain::gathering::GatheringId;
use crate::store::{CreditOffer, ListingId, NoteId};

/// A button under a note, a search page or a harvest prompt, as its custom id says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteButton {
    /// Show this page (from 0) of a saved search or listing.
    Page(ListingId, u32),
    /// "Add practice note" on a harvest prompt: open the form for this gathering.
    AddFor(GatheringId),
    /// Confirm deleting this note.
    Delete(NoteId),
    /// Do not delete it after all.
    Keep(NoteId),
}

impl NoteButton {
    /// `sn:page:<listing>:<page>` and the like.
    pub fn encode(self) -> String {
        match self {
            NoteButton::Page(l, p) => format!("sn:page:{}:{p}", l.0),
            NoteButton::AddFor(g) => format!("sn:add:{}", g.0),
            NoteButton::Delete(n) => format!("sn:delete:{}", n.0),
            NoteButton::Keep(n) => format!("sn:keep:{}", n.0),
        }
    }

    /// Reads a custom id back; `None` for anything else.
    pub fn parse(custom_id: &str) -> Option<NoteButton> {
        let parts: Vec<&str> = custom_id.split(':').collect();
        let number = |i: usize| parts.get(i)?.parse::<i64>().ok();
        match parts.as_slice() {
            ["sn", "page", _, page] => {
                Some(NoteButton::Page(ListingId(number(2)?), page.parse().ok()?))
            }
            ["sn", "add", _] => Some(NoteButton::AddFor(GatheringId(number(2)?))),
            ["sn", "delete", _] => Some(NoteButton::Delete(NoteId(number(2)?))),
            ["sn", "keep", _] => Some(NoteButton::Keep(NoteId(number(2)?))),
            _ => None,
        }
    }
}

/// The note form (a modal): what its submission creates or changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteForm {
    /// A new note, from a gathering or not; `credit` names the author of an archived message.
    Add {
        /// The gathering it comes from.
        gathering: Option<GatheringId>,
        /// Whom it credits (the archived message's author), as offered to the member who opened it.
        credit: Option<CreditOffer>,
    },
    /// New content for this note.
    Edit(NoteId),
}

impl NoteForm {
    /// `snf:add:<gathering or 0>:<credit offer or 0>` or `snf:edit:<note>`.
    pub fn encode(&self) -> String {
        match self {
            NoteForm::Add { gathering, credit } => format!(
                "snf:add:{}:{}",
                gathering.map_or(0, |g| g.0),
                credit.map_or(0, |c| c.0)
            ),
            NoteForm::Edit(n) => format!("snf:edit:{}", n.0),
        }
    }

    /// Reads a form's custom id back.
    pub fn parse(custom_id: &str) -> Option<NoteForm> {
        let mut parts = custom_id.splitn(5, ':');
        if parts.next()? != "snf" {
            return None;
        }
        match parts.next()? {
            "add" => {
                let gathering: i64 = parts.next()?.parse().ok()?;
                let offer: i64 = parts.next()?.parse().ok()?;
                if parts.next().is_some() {
                    return None;
                }
                Some(NoteForm::Add {
                    gathering: (gathering != 0).then_some(GatheringId(gathering)),
                    credit: (offer != 0).then_some(CreditOffer(offer)),
                })
            }
            "edit" => {
                let id = parts.next()?.parse().ok()?;
                parts.next().is_none().then_some(NoteForm::Edit(NoteId(id)))
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buttons_and_forms_round_trip_within_discords_limit() {
        for b in [
            NoteButton::Page(ListingId(i64::MAX), u32::MAX),
            NoteButton::AddFor(GatheringId(7)),
            NoteButton::Delete(NoteId(9)),
            NoteButton::Keep(NoteId(9)),
        ] {
            assert!(b.encode().chars().count() <= 100);
            assert_eq!(NoteButton::parse(&b.encode()), Some(b));
        }
        for f in [
            NoteForm::Add {
                gathering: Some(GatheringId(i64::MAX)),
                credit: Some(CreditOffer(i64::MAX)),
            },
            NoteForm::Add {
                gathering: None,
                credit: None,
            },
            NoteForm::Edit(NoteId(12)),
        ] {
            assert_eq!(NoteForm::parse(&f.encode()), Some(f.clone()));
        }
        let longest = NoteForm::Add {
            gathering: Some(GatheringId(i64::MAX)),
            credit: Some(CreditOffer(i64::MAX)),
        }
        .encode();
        assert!(longest.chars().count() <= 100, "{longest}");
        // The credit is an offer id, never a member id and name a client could write itself.
        assert_eq!(NoteForm::parse("snf:add:0:42:Someone"), None);
        for bad in [
            "",
            "sn:page:x:1",
            "sn:page:1",
            "snf:edit:1:2",
            "snf:add:1",
            "st:claim:1:1",
        ] {
            assert_eq!(NoteButton::parse(bad), None, "{bad}");
            assert_eq!(NoteForm::parse(bad), None, "{bad}");
        }
    }
}
