//! Changing a community's time zone when gatherings are coming up: the organizer is asked whether they
//! keep their local times in the new zone (13:00 stays 13:00, so their moments move — what a group
//! that picked the wrong zone wants) or keep their moments (the local times shown change — a group that
//! moved). The click says what it did; moved gatherings get a public notice and their cards redrawn.

use crate::discord::answer;
use crate::discord::context::actor_of_member;
use crate::discord::format::{escape, full, Button, Card, Notice, Reply, Tone, Visibility};
use crate::discord::{App, CommandError};
use crate::domain::community::Community;
use crate::domain::ids::ChannelRef;
use chrono_tz::Tz;
use poise::serenity_prelude as serenity;

const PREFIX: &str = "sz:";
const CANCEL: &str = "sz:keep";

/// A button of the question, encoded in its custom id (`sz:<from>:<to>:wall|same`, `sz:keep`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ZoneButton {
    /// Change from the first zone to the second; `true`: gatherings keep their local times.
    Change(Tz, Tz, bool),
    /// Leave the zone as it is.
    Cancel,
}

impl ZoneButton {
    /// The custom id (under 100 characters: IANA names are at most 30 or so).
    pub fn encode(self) -> String {
        match self {
            ZoneButton::Change(from, to, wall) => format!(
                "{PREFIX}{}:{}:{}",
                from.name(),
                to.name(),
                if wall { "wall" } else { "same" }
            ),
            ZoneButton::Cancel => CANCEL.to_owned(),
        }
    }

    /// Reads a custom id back; `None` for anything else.
    pub fn parse(custom_id: &str) -> Option<ZoneButton> {
        if custom_id == CANCEL {
            return Some(ZoneButton::Cancel);
        }
        let rest = custom_id.strip_prefix(PREFIX)?;
        let mut parts = rest.split(':');
        let from: Tz = parts.next()?.parse().ok()?;
        let to: Tz = parts.next()?.parse().ok()?;
        let wall = match parts.next()? {
            "wall" => true,
            "same" => false,
            _ => return None,
        };
        parts
            .next()
            .is_none()
            .then_some(ZoneButton::Change(from, to, wall))
    }
}

/// The question, appended to what the settings change said.
pub fn ask(reply: &mut Reply, community: &Community, to: Tz, upcoming: usize) {
    let from = community.settings.time_zone;
    let text = format!(
        "\n\n**Time zone {from} → {to}:** {upcoming} gathering{} {} coming up. Should {} keep {} local \
         times in {to} (13:00 stays 13:00 there, so the moment moves: right if the zone was wrong), or keep \
         {} moments (the same instant, shown at another local time: right if the group moved)? Nothing \
         changes until you choose.",
        if upcoming == 1 { "" } else { "s" },
        if upcoming == 1 { "is" } else { "are" },
        if upcoming == 1 { "it" } else { "they" },
        if upcoming == 1 { "its" } else { "their" },
        if upcoming == 1 { "its" } else { "their" },
    );
    let content = reply.content.take().unwrap_or_default();
    reply.content = Some(format!("{content}{text}").trim_start().to_owned());
    reply.buttons = vec![
        Button {
            custom_id: ZoneButton::Change(from, to, true).encode(),
            label: "Keep local times (move them)".to_owned(),
            tone: Tone::Primary,
        },
        Button {
            custom_id: ZoneButton::Change(from, to, false).encode(),
            label: "Keep the moments".to_owned(),
            tone: Tone::Secondary,
        },
        Button {
            custom_id: CANCEL.to_owned(),
            label: "Keep the time zone".to_owned(),
            tone: Tone::Secondary,
        },
    ];
}

/// Handles a click on one of the question's buttons.
pub async fn clicked(
    ctx: &serenity::Context,
    app: &App,
    click: &serenity::ComponentInteraction,
    button: ZoneButton,
) {
    let what = format!("time zone button {}", click.data.custom_id);
    answer::update_on_click(&ctx.http, app, click, &what, choose(app, click, button)).await
}

async fn choose(
    app: &App,
    click: &serenity::ComponentInteraction,
    button: ZoneButton,
) -> Result<Reply, CommandError> {
    let ZoneButton::Change(from, to, wall) = button else {
        return Ok(Reply::private(
            "Nothing changed: the time zone stays as it is.",
        ));
    };
    let community = app
        .store
        .community_in_channel(ChannelRef(click.channel_id.get()))
        .await?
        .ok_or_else(|| CommandError::user("This button belongs to another channel's community."))?;
    crate::discord::context::require_organizer(
        &community,
        &actor_of_member(click.member.as_ref()),
    )?;
    let now = app.clock.now();
    let Some(done) = app
        .store
        .change_zone(community.id, from, to, wall, now)
        .await?
    else {
        return Err(CommandError::user(format!(
            "The time zone is no longer {from} (it is {} now), so this question is out of date; run \
             `/community settings timezone` again.",
            community.settings.time_zone
        )));
    };
    app.store.replan_community(community.id, now).await?;
    app.changed();
    let name = escape(community.settings.name.as_str());
    if !wall {
        return Ok(Reply::private(format!(
            "Done: **{name}** is now in {to}. Every gathering keeps its moment; the local times shown \
             are {to}'s from now on."
        )));
    }
    for g in &done.moved {
        crate::discord::living::refresh_card(app, community.id, *g, None);
    }
    let next = app.store.upcoming(community.id, now, 1).await?;
    if !done.moved.is_empty() {
        let mut text = format!(
            "**{name}** now keeps its calendar in **{to}** (it was {from}). Gatherings keep their local \
             times there, so {} upcoming one{} moved.",
            done.moved.len(),
            if done.moved.len() == 1 { "" } else { "s" }
        );
        if let Some(g) = next.first() {
            text.push_str(&format!(
                " The next, **{}**, is {}.",
                escape(&g.title),
                full(g.start)
            ));
        }
        let notice = Reply::card(Visibility::Public, Card::new("Time zone changed", text));
        let body = serde_json::to_string(&Notice::from_reply(&notice))
            .map_err(|e| CommandError::Internal(format!("the notice could not be written: {e}")))?;
        let key = format!("notice:zone:{}:{}", community.id.0, click.id.get());
        app.store
            .plan_notice(community.id, &key, &body, now)
            .await?;
        app.changed();
    }
    Ok(Reply::private(format!(
        "Done: **{name}** is now in {to}; {} series read there from now on and {} upcoming gathering{} \
         kept {} local time{} (so {} moved). A notice is posted in the channel; cards, scheduled events \
         and the calendar follow.",
        done.series,
        done.moved.len(),
        if done.moved.len() == 1 { "" } else { "s" },
        if done.moved.len() == 1 { "its" } else { "their" },
        if done.moved.len() == 1 { "" } else { "s" },
        if done.moved.len() == 1 { "it" } else { "they" },
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_zone_button_reads_back_and_stays_under_100_characters() {
        let long = chrono_tz::America::Argentina::Buenos_Aires;
        let to = chrono_tz::America::North_Dakota::New_Salem;
        for button in [
            ZoneButton::Change(long, to, true),
            ZoneButton::Change(to, long, false),
            ZoneButton::Cancel,
        ] {
            let id = button.encode();
            assert!(id.len() <= 100, "{id}");
            assert_eq!(ZoneButton::parse(&id), Some(button));
        }
        for bad in [
            "sz:",
            "sz:Mars/Base:UTC:wall",
            "sz:UTC:UTC:maybe",
            "sz:UTC:UTC:wall:x",
            "sc:keep",
        ] {
            assert_eq!(ZoneButton::parse(bad), None, "{bad}");
        }
    }
}
