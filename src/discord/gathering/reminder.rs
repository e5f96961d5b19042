//! Reminders: the channel's (the agenda card with a line that pings the role holders) and the DM to a
//! member who answered going (plain text: the buttons live on the channel's card).

use super::agenda_card::agenda_card;
use crate::discord::format::{escape, full, relative, Reply};
use crate::domain::agenda::Agenda;
use crate::domain::community::Community;
use crate::domain::gathering::Gathering;

/// The channel's reminder of `gathering`: its card, and a line naming (and pinging) the role holders.
pub fn reminder(community: &Community, gathering: &Gathering, agenda: &Agenda) -> Reply {
    let mut reply = agenda_card(community, gathering, agenda);
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
    reply
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
