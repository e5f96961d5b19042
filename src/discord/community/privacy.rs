//! What Steward keeps and how to be rid of it: `/privacy`, `/forget-me` and `/community delete`, the two
//! removals behind a confirm button (an ephemeral message only the person who asked sees; the click is
//! checked again: the same person, the same channel's community, Manage Server for a delete).

use crate::discord::answer;
use crate::discord::context::{actor_of_member, community_here, place};
use crate::discord::error::reader;
use crate::discord::format::{escape, Button, Reply, Tone};
use crate::discord::{App, CommandError, Context};
use crate::domain::ids::{ChannelRef, CommunityId, GuildRef, MemberRef};
use crate::domain::message::Message;
use crate::store::REMOVED_GRACE_DAYS;
use crate::tr;
use poise::serenity_prelude as serenity;

/// A confirm button of a removal, encoded in its custom id (`sc:…`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CareButton {
    /// Delete this community and everything it holds.
    DeleteCommunity(CommunityId),
    /// Forget this member in this server.
    ForgetMe(MemberRef),
}

impl CareButton {
    /// `sc:delete:<community>` or `sc:forget:<member>`.
    pub fn encode(self) -> String {
        match self {
            CareButton::DeleteCommunity(c) => format!("sc:delete:{}", c.0),
            CareButton::ForgetMe(m) => format!("sc:forget:{}", m.0),
        }
    }

    /// Reads a custom id back; `None` for anything else.
    pub fn parse(custom_id: &str) -> Option<CareButton> {
        let mut parts = custom_id.split(':');
        if parts.next()? != "sc" {
            return None;
        }
        let kind = parts.next()?;
        let id = parts.next()?;
        if parts.next().is_some() {
            return None;
        }
        match kind {
            "delete" => Some(CareButton::DeleteCommunity(CommunityId(id.parse().ok()?))),
            "forget" => Some(CareButton::ForgetMe(MemberRef(id.parse().ok()?))),
            _ => None,
        }
    }
}

/// What Steward stores about you and this server, and for how long
#[poise::command(slash_command, guild_only)]
pub async fn privacy(ctx: Context<'_>) -> Result<(), CommandError> {
    let lang = reader(ctx);
    let text = format!(
        "{}\n\n{}",
        tr!(lang, "privacy-what-is-kept"),
        tr!(lang, "privacy-how-long", days = REMOVED_GRACE_DAYS)
    );
    answer::send(ctx, Reply::private(text)).await
}

/// Remove your answers, attendance and role history in this server
#[poise::command(slash_command, guild_only, rename = "forget-me")]
pub async fn forget_me(ctx: Context<'_>) -> Result<(), CommandError> {
    place(ctx)?;
    let member = MemberRef(ctx.author().id.get());
    let lang = reader(ctx);
    let mut reply = Reply::private(tr!(lang, "privacy-forget-me-confirm"));
    reply.buttons = vec![Button {
        custom_id: CareButton::ForgetMe(member).encode(),
        label: tr!(lang, "privacy-forget-me-button"),
        tone: Tone::Danger,
    }];
    answer::send(ctx, reply).await
}

/// Delete this channel's community and all its data (needs Manage Server)
#[poise::command(slash_command, guild_only)]
pub async fn delete(ctx: Context<'_>) -> Result<(), CommandError> {
    let community = community_here(ctx).await?;
    if !crate::discord::context::actor(ctx).manages_server {
        return Err(CommandError::said(Message::key(
            "privacy-delete-needs-manage-server",
        )));
    }
    let lang = reader(ctx);
    let notes = ctx.data().store.all_notes(community.id).await?.len();
    let mut reply = Reply::private(tr!(
        lang,
        "privacy-delete-confirm",
        name = escape(community.settings.name.as_str()),
        count = notes
    ));
    reply.buttons = vec![Button {
        custom_id: CareButton::DeleteCommunity(community.id).encode(),
        label: tr!(lang, "privacy-delete-button"),
        tone: Tone::Danger,
    }];
    answer::send(ctx, reply).await
}

/// A click on a confirm button.
pub async fn clicked(
    ctx: &serenity::Context,
    app: &App,
    click: &serenity::ComponentInteraction,
    button: CareButton,
) {
    let what = format!("confirm-button:{}", click.data.custom_id);
    answer::update_on_click(&ctx.http, app, click, &what, confirm(app, click, button)).await
}

async fn confirm(
    app: &App,
    click: &serenity::ComponentInteraction,
    button: CareButton,
) -> Result<Reply, CommandError> {
    let lang = crate::i18n::member_lang(&click.locale);
    let guild = click
        .guild_id
        .ok_or_else(|| CommandError::said(Message::key("privacy-server-only")))?;
    let clicker = MemberRef(click.user.id.get());
    match button {
        CareButton::ForgetMe(member) => {
            if member != clicker {
                return Err(CommandError::said(Message::key(
                    "privacy-forget-me-not-yours",
                )));
            }
            // The living cards that show the member (their roles, their answers) are redrawn after.
            let shown = app
                .store
                .my_upcoming(GuildRef(guild.get()), member, app.clock.now(), 100)
                .await?;
            let done = app
                .store
                .forget_member(GuildRef(guild.get()), member, |lang| {
                    crate::tr!(lang, "note-former-member")
                })
                .await?;
            for mine in &shown {
                crate::discord::living::refresh_card(app, mine.community, mine.gathering.id, None);
            }
            app.changed();
            Ok(Reply::private(tr!(
                lang,
                "privacy-forgotten",
                answers = done.answers,
                attendance = done.attendance,
                roles = done.roles,
                notes = done.notes_kept
            )))
        }
        CareButton::DeleteCommunity(id) => {
            if !actor_of_member(click.member.as_ref()).manages_server {
                return Err(CommandError::said(Message::key("privacy-delete-refused")));
            }
            let here = app
                .store
                .community_in_channel(ChannelRef(click.channel_id.get()))
                .await?;
            let Some(community) = here.filter(|c| c.id == id) else {
                return Err(CommandError::said(Message::key("privacy-delete-gone")));
            };
            app.store.delete_community(community.id).await?;
            app.changed();
            Ok(Reply::private(tr!(
                lang,
                "privacy-deleted",
                name = escape(community.settings.name.as_str())
            )))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confirm_ids_round_trip_and_reject_strangers() {
        for button in [
            CareButton::DeleteCommunity(CommunityId(42)),
            CareButton::ForgetMe(MemberRef(u64::MAX)),
        ] {
            assert_eq!(CareButton::parse(&button.encode()), Some(button));
        }
        for bad in [
            "",
            "sc:delete:x",
            "sc:drop:1",
            "st:delete:1",
            "sc:delete:1:2",
        ] {
            assert_eq!(CareButton::parse(bad), None, "{bad}");
        }
    }
}
