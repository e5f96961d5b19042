//! The agenda card, everything about it in one file: its head (when, where, a move), every role with its
//! holder or *open*, who is coming, a Claim button per open role, a Release button per held one and the
//! RSVP row. Pure: the gathering, its community and its [`Agenda`] in, a [`Reply`] out. Its button ids
//! are [`ButtonAction`]s; its clicks are handled in [`super::clicks`].

use crate::discord::custom_id::ButtonAction;
use crate::discord::format::{
    escape, full, local_span, mentions, relative, short_time, Button, Card, Reply, Tone,
    Visibility, MAX_BUTTON_LABEL_CHARS,
};
use crate::discord::roles::claim_button;
use crate::domain::agenda::Agenda;
use crate::domain::community::Community;
use crate::domain::gathering::{Gathering, Status};
use crate::domain::rsvp::Answer;

/// The card of `gathering` with its `agenda`.
pub fn agenda_card(community: &Community, gathering: &Gathering, agenda: &Agenda) -> Reply {
    let mut card = head(community, gathering);
    if !agenda.lines.is_empty() {
        let text: Vec<String> = agenda
            .lines
            .iter()
            .map(|line| match line.holder {
                Some(m) => format!("**{}** — <@{m}>", escape(&line.role)),
                None => format!("**{}** — *open*", escape(&line.role)),
            })
            .collect();
        let title = match agenda.open().count() {
            0 => "Agenda roles (all taken)".to_owned(),
            open => format!("Agenda roles ({open} open)"),
        };
        card = card.field(title, text.join("\n"), false);
    }
    card = card.field("Who is coming", rsvp_line(agenda), false);
    let mut reply = Reply::card(Visibility::Public, card);
    reply.last_row = [Answer::Going, Answer::Maybe, Answer::No]
        .into_iter()
        .map(|a| Button {
            custom_id: ButtonAction::Rsvp(gathering.id, a).encode(),
            label: a.label().to_owned(),
            tone: Tone::primary_if(a == Answer::Going),
        })
        .collect();
    reply.buttons = agenda
        .lines
        .iter()
        .enumerate()
        .map(|(i, line)| match line.holder {
            None => claim_button(gathering.id, i, &line.role),
            Some(_) => Button {
                custom_id: ButtonAction::Release(gathering.id, i).encode(),
                label: label(format!("Release {}", line.role)),
                tone: Tone::Secondary,
            },
        })
        .collect();
    reply
}

fn label(text: String) -> String {
    text.chars().take(MAX_BUTTON_LABEL_CHARS).collect()
}

/// "Going (2): @a, @b · Maybe: 1 · Can't go: 0" (names for going only; mentions in embeds never ping).
fn rsvp_line(agenda: &Agenda) -> String {
    let going = agenda.going();
    let names = if going.is_empty() {
        String::new()
    } else {
        format!(": {}", mentions(&going))
    };
    format!(
        "Going ({}){names} · Maybe: {} · Can't go: {}",
        going.len(),
        agenda.count(Answer::Maybe),
        agenda.count(Answer::No)
    )
}

/// The card's head: when (in every reader's time and the community's), where, and a move's reason.
pub fn head(community: &Community, g: &Gathering) -> Card {
    let mut text = format!(
        "{} – {} ({})\n{}",
        full(g.start),
        short_time(g.end),
        relative(g.start),
        local_span(g, community.settings.time_zone)
    );
    if let Some(location) = &g.location {
        text.push_str(&format!("\n📍 {}", escape(location)));
    }
    if g.status == Status::Moved {
        let why = g
            .reason
            .as_deref()
            .map(|r| format!(": {}", escape(r)))
            .unwrap_or_default();
        text.push_str(&format!("\n*Moved from {}{why}*", full(g.original_start)));
    }
    Card::new(format!("Next gathering: {}", g.title), text)
        .footer(community.settings.name.as_str().to_owned())
}
