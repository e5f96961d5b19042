//! The agenda card: when and where, every role with its holder or "open", a Claim button per open role
//! and a Release button per held one.

use super::super::custom_id::ButtonAction;
use super::super::note_ids::NoteButton;
use super::super::reply::{Button, Reply, Tone, Visibility};
use super::super::CommandError;
use super::gathering_render::{agenda_card, escape};
use crate::domain::community::Community;
use crate::domain::gathering::Gathering;
use crate::domain::ids::MemberRef;
use crate::domain::rsvp::Answer;
use crate::store::{agenda_lines, Store};

/// The card of `gathering`, freezing its roles from the template the first time it is shown.
pub async fn agenda_reply(
    store: &Store,
    community: &Community,
    gathering: &Gathering,
) -> Result<Reply, CommandError> {
    let roles = store
        .agenda_roles(gathering.id, &community.template)
        .await?;
    let holders = store.holders(gathering.id).await?;
    let lines = agenda_lines(&roles, &holders);
    let mut card = agenda_card(
        gathering,
        community.settings.time_zone,
        community.settings.name.as_str(),
    );
    if !lines.is_empty() {
        let text: Vec<String> = lines
            .iter()
            .map(|(role, holder)| match holder {
                Some(m) => format!("**{}** — <@{m}>", escape(role)),
                None => format!("**{}** — *open*", escape(role)),
            })
            .collect();
        let open = lines.iter().filter(|(_, h)| h.is_none()).count();
        let title = if open == 0 {
            "Agenda roles (all taken)".to_owned()
        } else {
            format!("Agenda roles ({open} open)")
        };
        card = card.field(title, text.join("\n"), false);
    }
    let answers = store.rsvps(gathering.id).await?;
    card = card.field("Who is coming", rsvp_line(&answers), false);
    let mut reply = Reply::card(Visibility::Public, card);
    reply.last_row = [Answer::Going, Answer::Maybe, Answer::No]
        .into_iter()
        .map(|a| Button {
            custom_id: ButtonAction::Rsvp(gathering.id, a).encode(),
            label: a.label().to_owned(),
            tone: Tone::primary_if(a == Answer::Going),
        })
        .collect();
    reply.buttons = lines
        .iter()
        .enumerate()
        .map(|(i, (role, holder))| {
            let label: String = match holder {
                None => format!("Claim {role}"),
                Some(_) => format!("Release {role}"),
            };
            let action = match holder {
                None => ButtonAction::Claim(gathering.id, i),
                Some(_) => ButtonAction::Release(gathering.id, i),
            };
            Button {
                custom_id: action.encode(),
                label: label.chars().take(80).collect(),
                tone: Tone::primary_if(holder.is_none()),
            }
        })
        .collect();
    Ok(reply)
}

/// "Going (2): @a, @b · Maybe: 1 · Can't go: 0" (names for going only; mentions in embeds never ping).
fn rsvp_line(answers: &[(MemberRef, Answer)]) -> String {
    let going: Vec<String> = crate::domain::rsvp::going(answers)
        .iter()
        .map(|m| format!("<@{m}>"))
        .collect();
    let count = |answer: Answer| answers.iter().filter(|(_, a)| *a == answer).count();
    let names = if going.is_empty() {
        String::new()
    } else {
        format!(": {}", going.join(", "))
    };
    format!(
        "Going ({}){names} · Maybe: {} · Can't go: {}",
        going.len(),
        count(Answer::Maybe),
        count(Answer::No)
    )
}

/// The harvest prompt of a gathering that has ended: who says they were there, and the button to say so.
pub async fn harvest_reply(store: &Store, gathering: &Gathering) -> Result<Reply, CommandError> {
    let here = store.attendees(gathering.id).await?;
    let mut text = format!(
        "🌱 **{}** has ended. Were you there? Press **I was there** (until 7 days from now). What you learned \
         is worth keeping: press **Add practice note** to archive it for the group.",
        escape(&gathering.title)
    );
    if !here.is_empty() {
        let names: Vec<String> = here.iter().map(|m| format!("<@{m}>")).collect();
        text.push_str(&format!("\nThere ({}): {}", here.len(), names.join(", ")));
    }
    let mut reply = Reply::private(text);
    reply.visibility = Visibility::Public;
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
    Ok(reply)
}

/// The organizer's attendance sheet: who is recorded, and member pickers to add or remove people.
pub async fn attendance_sheet(
    store: &Store,
    gathering: &Gathering,
    note: Option<String>,
) -> Result<Reply, CommandError> {
    let here = store.attendees(gathering.id).await?;
    let names: Vec<String> = here.iter().map(|m| format!("<@{m}>")).collect();
    let mut text = format!(
        "Attendance for **{}** on {}: {} recorded{}",
        escape(&gathering.title),
        super::gathering_render::full(gathering.start),
        here.len(),
        if names.is_empty() {
            ".".to_owned()
        } else {
            format!(": {}.", names.join(", "))
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
    Ok(reply)
}
