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
use crate::domain::message::Message;
use crate::i18n::Lang;
use crate::tr;
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

/// The question, appended to what the settings change said, in the organizer's language.
pub fn ask(lang: Lang, reply: &mut Reply, community: &Community, to: Tz, upcoming: usize) {
    let from = community.settings.time_zone;
    let text = tr!(
        lang,
        "zone-change-question",
        from = from.name(),
        to = to.name(),
        count = upcoming
    );
    let content = reply.content.take().unwrap_or_default();
    reply.content = Some(format!("{content}\n\n{text}").trim_start().to_owned());
    reply.buttons = vec![
        Button {
            custom_id: ZoneButton::Change(from, to, true).encode(),
            label: tr!(lang, "zone-change-keep-local-times"),
            tone: Tone::Primary,
        },
        Button {
            custom_id: ZoneButton::Change(from, to, false).encode(),
            label: tr!(lang, "zone-change-keep-moments"),
            tone: Tone::Secondary,
        },
        Button {
            custom_id: CANCEL.to_owned(),
            label: tr!(lang, "zone-change-keep-zone"),
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
    let what = format!("zone-button:{}", click.data.custom_id);
    answer::update_on_click(&ctx.http, app, click, &what, choose(app, click, button)).await
}

async fn choose(
    app: &App,
    click: &serenity::ComponentInteraction,
    button: ZoneButton,
) -> Result<Reply, CommandError> {
    // What the organizer is told privately is in their language; the notice in the channel, in the
    // community's.
    let lang = crate::i18n::member_lang(&click.locale);
    let ZoneButton::Change(from, to, wall) = button else {
        return Ok(Reply::private(tr!(lang, "zone-change-kept")));
    };
    let community = app
        .store
        .community_in_channel(ChannelRef(click.channel_id.get()))
        .await?
        .ok_or_else(|| CommandError::said(Message::key("button-other-channel")))?;
    crate::discord::answer::found(&community);
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
        return Err(CommandError::said(
            Message::key("zone-change-out-of-date")
                .with("from", from.name())
                .with("now", community.settings.time_zone.name()),
        ));
    };
    app.store.replan_community(community.id, now).await?;
    app.changed();
    let name = escape(community.settings.name.as_str());
    if !wall {
        return Ok(Reply::private(tr!(
            lang,
            "zone-change-done-moments",
            name = name,
            to = to.name()
        )));
    }
    for g in &done.moved {
        crate::discord::living::refresh_card(app, community.id, *g, None);
    }
    let next = app.store.upcoming(community.id, now, 1).await?;
    if !done.moved.is_empty() {
        let public = community.settings.language;
        let mut text = tr!(
            public,
            "zone-change-notice",
            name = name,
            to = to.name(),
            from = from.name(),
            count = done.moved.len()
        );
        if let Some(g) = next.first() {
            text.push(' ');
            text.push_str(&tr!(
                public,
                "zone-change-notice-next",
                title = escape(&g.title),
                when = full(g.start)
            ));
        }
        let title = tr!(public, "zone-change-notice-title");
        let notice = Reply::card(Visibility::Public, Card::new(title, text));
        let body = serde_json::to_string(&Notice::from_reply(&notice))
            .map_err(|e| CommandError::Internal(format!("the notice could not be written: {e}")))?;
        let key = format!("notice:zone:{}:{}", community.id.0, click.id.get());
        app.store
            .plan_notice(community.id, &key, &body, now)
            .await?;
        app.changed();
    }
    Ok(Reply::private(tr!(
        lang,
        "zone-change-done-local-times",
        name = name,
        to = to.name(),
        series = done.series,
        count = done.moved.len()
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

    #[test]
    fn the_question_and_what_was_done_say_one_gathering_or_several() {
        let ask = |lang: Lang, count: usize| {
            tr!(
                lang,
                "zone-change-question",
                from = "America/Chicago",
                to = "America/Toronto",
                count = count
            )
        };
        assert!(
            ask(Lang::En, 1).contains("1 gathering is coming up. Should it keep its local times")
        );
        assert!(ask(Lang::En, 3)
            .contains("3 gatherings are coming up. Should they keep their local times"));
        assert!(ask(Lang::Fr, 1).contains("1 rencontre est à venir. Doit-elle garder"));
        assert!(ask(Lang::Fr, 3).contains("3 rencontres sont à venir. Doivent-elles garder"));
        let done = |count: usize| {
            tr!(
                Lang::En,
                "zone-change-done-local-times",
                name = "Circle",
                to = "America/Toronto",
                series = 1u64,
                count = count
            )
        };
        assert!(done(1).contains("1 upcoming gathering kept its local time (so it moved)."));
        assert!(done(2).contains("2 upcoming gatherings kept their local times (so they moved)."));
    }
}
