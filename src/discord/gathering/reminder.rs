//! Reminders: the channel's and the DM to a member who answered going (plain text: the buttons live on
//! the channel's card). The channel's reminder is short — when, where, who holds what, how many are
//! going, a line that pings the role holders and a link to the living card — or, when there is no
//! recent card to link to, the agenda card itself (which then becomes the living card).

use super::agenda_card::{agenda_card, head, rsvp_line};
use crate::discord::format::{escape, full, relative, Reply, Visibility};
use crate::domain::agenda::Agenda;
use crate::domain::community::Community;
use crate::domain::gathering::Gathering;

/// The channel's reminder of `gathering` when its living card is recent (`card_url`): a short card
/// without buttons but a link to the living one, and the line that pings the role holders.
pub fn short_reminder(
    community: &Community,
    gathering: &Gathering,
    agenda: &Agenda,
    card_url: &str,
) -> Reply {
    let mut card = head(community, gathering);
    card.title = format!("Coming up: {}", gathering.title);
    let roles: Vec<String> = agenda
        .lines
        .iter()
        .map(|l| match l.holder {
            Some(m) => format!("{} — <@{m}>", escape(&l.role)),
            None => format!("{} — *open*", escape(&l.role)),
        })
        .collect();
    if !roles.is_empty() {
        card = card.field("Roles", roles.join("\n"), false);
    }
    card = card.field("Who is coming", rsvp_line(agenda), false);
    let mut reply = Reply::card(Visibility::Public, card);
    ping_line(&mut reply, gathering, agenda);
    reply.links = vec![("Open the agenda card".to_owned(), card_url.to_owned())];
    reply
}

/// The channel's reminder of `gathering` with no recent card: its card, and a line naming (and
/// pinging) the role holders.
pub fn reminder(community: &Community, gathering: &Gathering, agenda: &Agenda) -> Reply {
    let mut reply = agenda_card(community, gathering, agenda);
    ping_line(&mut reply, gathering, agenda);
    reply
}

fn ping_line(reply: &mut Reply, gathering: &Gathering, agenda: &Agenda) {
    let mut line = format!(
        "⏰ **{}** starts {} ({}).",
        escape(&gathering.title),
        relative(gathering.start),
        full(gathering.start)
    );
    let holders: Vec<String> = agenda
        .held()
        .map(|(role, m)| format!("<@{m}> ({})", escape(role)))
        .collect();
    if !holders.is_empty() {
        line.push_str(&format!(" Role holders: {}.", holders.join(", ")));
    }
    reply.content = Some(line);
    reply.ping_users = agenda.held().map(|(_, m)| m.0).collect();
}

/// The DM to a member who answered going.
pub fn dm_reminder(community: &Community, gathering: &Gathering) -> Reply {
    let mut text = format!(
        "⏰ Reminder from **{}**: **{}** starts {} ({}).",
        escape(community.settings.name.as_str()),
        escape(&gathering.title),
        relative(gathering.start),
        full(gathering.start)
    );
    if let Some(location) = &gathering.location {
        text.push_str(&format!("\n📍 {}", escape(location)));
    }
    text.push_str(&format!(
        "\nYou answered *going*. Changed your plans? Update your answer in <#{}>.",
        community.channel
    ));
    Reply::private(text)
}
