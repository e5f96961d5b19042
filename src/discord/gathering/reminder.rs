//! Reminders: the channel's and the DM to a member who answered going (plain text: the buttons live on
//! the channel's card). The channel's reminder is short — when, where, who holds what, how many are
//! going, a line that pings the role holders and a link to the living card — or, when there is no
//! recent card to link to, the agenda card itself (which then becomes the living card).

use super::agenda_card::{agenda_card, head, rsvp_line};
use crate::discord::format::{escape, full, relative, Reply, Visibility};
use crate::domain::agenda::Agenda;
use crate::domain::community::Community;
use crate::domain::gathering::Gathering;
use crate::domain::language::Lang;
use crate::tr;

/// The channel's reminder of `gathering` when its living card is recent (`card_url`): a short card
/// without buttons but a link to the living one, and the line that pings the role holders.
pub fn short_reminder(
    community: &Community,
    gathering: &Gathering,
    agenda: &Agenda,
    card_url: &str,
) -> Reply {
    let lang = community.settings.language;
    let mut card = head(community, gathering);
    card.title = tr!(lang, "reminder-title", title = gathering.title);
    let roles: Vec<String> = agenda
        .lines
        .iter()
        .map(|l| match l.holder {
            Some(m) => format!("{} — <@{m}>", escape(&l.role)),
            None => format!("{} — *{}*", escape(&l.role), tr!(lang, "card-role-open")),
        })
        .collect();
    if !roles.is_empty() {
        card = card.field(tr!(lang, "reminder-roles"), roles.join("\n"), false);
    }
    card = card.field(
        tr!(lang, "card-who-is-coming"),
        rsvp_line(lang, agenda),
        false,
    );
    let mut reply = Reply::card(Visibility::Public, card);
    ping_line(lang, &mut reply, gathering, agenda);
    reply.links = vec![(tr!(lang, "link-open-card"), card_url.to_owned())];
    reply
}

/// The channel's reminder of `gathering` with no recent card: its card, and a line naming (and
/// pinging) the role holders.
pub fn reminder(community: &Community, gathering: &Gathering, agenda: &Agenda) -> Reply {
    let mut reply = agenda_card(community, gathering, agenda);
    ping_line(community.settings.language, &mut reply, gathering, agenda);
    reply
}

fn ping_line(lang: Lang, reply: &mut Reply, gathering: &Gathering, agenda: &Agenda) {
    let mut line = tr!(
        lang,
        "reminder-starts",
        title = escape(&gathering.title),
        relative = relative(gathering.start),
        when = full(gathering.start)
    );
    let holders: Vec<String> = agenda
        .held()
        .map(|(role, m)| format!("<@{m}> ({})", escape(role)))
        .collect();
    if !holders.is_empty() {
        line.push(' ');
        line.push_str(&tr!(lang, "reminder-holders", holders = holders.join(", ")));
    }
    reply.content = Some(line);
    reply.ping_users = agenda.held().map(|(_, m)| m.0).collect();
}

/// The DM to a member who answered going (in the community's language: a DM has no reader's locale).
pub fn dm_reminder(community: &Community, gathering: &Gathering) -> Reply {
    let lang = community.settings.language;
    let mut text = tr!(
        lang,
        "dm-reminder",
        community = escape(community.settings.name.as_str()),
        title = escape(&gathering.title),
        relative = relative(gathering.start),
        when = full(gathering.start)
    );
    if let Some(location) = &gathering.location {
        text.push_str(&format!("\n📍 {}", escape(location)));
    }
    text.push('\n');
    text.push_str(&tr!(
        lang,
        "dm-reminder-going",
        channel = format!("<#{}>", community.channel)
    ));
    Reply::private(text)
}
