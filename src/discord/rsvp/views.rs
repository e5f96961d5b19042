//! What attendance looks like: the harvest prompt after a gathering (who says they were there, the
//! buttons to say so and to add a practice note) and the organizer's attendance sheet.

use crate::discord::custom_id::ButtonAction;
use crate::discord::format::{escape, full, mentions, Button, Reply, Tone};
use crate::discord::notes::ids::NoteButton;
use crate::domain::gathering::Gathering;
use crate::domain::ids::MemberRef;

/// The harvest prompt of a gathering that has ended: who says they were there, and the button to say so.
pub fn harvest_prompt(gathering: &Gathering, here: &[MemberRef]) -> Reply {
    let mut text = format!(
        "🌱 **{}** has ended. Were you there? Press **I was there** (until 7 days from now). What you learned \
         is worth keeping: press **Add practice note** to archive it for the group.",
        escape(&gathering.title)
    );
    if !here.is_empty() {
        text.push_str(&format!("\nThere ({}): {}", here.len(), mentions(here)));
    }
    let mut reply = Reply::public(text);
    reply.buttons = vec![
        Button {
            custom_id: NoteButton::AddFor(gathering.id).encode(),
            label: "Add practice note".to_owned(),
            tone: Tone::Primary,
        },
        Button {
            custom_id: ButtonAction::Here(gathering.id).encode(),
            label: "I was there".to_owned(),
            tone: Tone::Secondary,
        },
    ];
    reply
}

/// The organizer's attendance sheet: who is recorded, and member pickers to add or remove people.
pub fn attendance_sheet(gathering: &Gathering, here: &[MemberRef], note: Option<String>) -> Reply {
    let mut text = format!(
        "Attendance for **{}** on {}: {} recorded{}",
        escape(&gathering.title),
        full(gathering.start),
        here.len(),
        if here.is_empty() {
            ".".to_owned()
        } else {
            format!(": {}.", mentions(here))
        }
    );
    if let Some(note) = note {
        text = format!("{note}\n{text}");
    }
    text.push_str("\nPick members below to mark who came (up to 25 at a time), or to take someone off the list.");
    let mut reply = Reply::private(text);
    reply.member_pickers = vec![
        (
            ButtonAction::AttendanceAdd(gathering.id).encode(),
            "Mark who came".to_owned(),
        ),
        (
            ButtonAction::AttendanceRemove(gathering.id).encode(),
            "Take someone off the list".to_owned(),
        ),
    ];
    reply
}
