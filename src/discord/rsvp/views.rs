//! What attendance looks like: the harvest prompt after a gathering (who says they were there, the
//! buttons to say so and to add a practice note) and the organizer's attendance sheet.

use crate::discord::custom_id::ButtonAction;
use crate::discord::format::{escape, full, mentions, Button, Reply, Tone};
use crate::discord::notes::ids::NoteButton;
use crate::domain::gathering::Gathering;
use crate::domain::ids::MemberRef;
use crate::domain::language::Lang;
use crate::tr;

/// The harvest prompt of a gathering that has ended: who says they were there, and the button to say so.
pub fn harvest_prompt(lang: Lang, gathering: &Gathering, here: &[MemberRef]) -> Reply {
    let mut text = tr!(lang, "harvest-ended", title = escape(&gathering.title));
    if !here.is_empty() {
        text.push('\n');
        text.push_str(&tr!(
            lang,
            "harvest-there",
            count = here.len(),
            members = mentions(here)
        ));
    }
    let mut reply = Reply::public(text);
    reply.buttons = vec![
        Button {
            custom_id: NoteButton::AddFor(gathering.id).encode(),
            label: tr!(lang, "harvest-add-note"),
            tone: Tone::Primary,
        },
        Button {
            custom_id: ButtonAction::Here(gathering.id).encode(),
            label: tr!(lang, "harvest-i-was-there"),
            tone: Tone::Secondary,
        },
    ];
    reply
}

/// The organizer's attendance sheet: who is recorded, and member pickers to add or remove people.
pub fn attendance_sheet(
    lang: Lang,
    gathering: &Gathering,
    here: &[MemberRef],
    note: Option<String>,
) -> Reply {
    let mut text = if here.is_empty() {
        tr!(
            lang,
            "attendance-none",
            title = escape(&gathering.title),
            when = full(gathering.start)
        )
    } else {
        tr!(
            lang,
            "attendance-some",
            title = escape(&gathering.title),
            when = full(gathering.start),
            count = here.len(),
            members = mentions(here)
        )
    };
    if let Some(note) = note {
        text = format!("{note}\n{text}");
    }
    text.push('\n');
    text.push_str(&tr!(lang, "attendance-pick"));
    let mut reply = Reply::private(text);
    reply.member_pickers = vec![
        (
            ButtonAction::AttendanceAdd(gathering.id).encode(),
            tr!(lang, "attendance-mark"),
        ),
        (
            ButtonAction::AttendanceRemove(gathering.id).encode(),
            tr!(lang, "attendance-take-off"),
        ),
    ];
    reply
}
