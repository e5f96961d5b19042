//! Button clicks on the agenda card. A click that succeeds changes the card in place (UPDATE_MESSAGE); a
//! refused one answers the clicker privately and leaves the card as it is.

use super::commands::{agenda::agenda_reply, role_flows};
use super::custom_id::ButtonAction;
use super::error::{internal_message, new_error_ref};
use super::reply::Reply;
use super::{App, CommandError};
use crate::domain::access::Actor;
use crate::domain::ids::{MemberRef, RoleRef};
use poise::serenity_prelude as serenity;

/// Handles one component interaction.
pub async fn handle(ctx: &serenity::Context, app: &App, click: &serenity::ComponentInteraction) {
    let response = match act(app, click).await {
        Ok(card) => card.into_update(),
        Err(CommandError::User(text)) => Reply::private(text).into_private_response(),
        Err(error) => {
            let error_ref = new_error_ref();
            tracing::error!(error_ref = %error_ref, custom_id = %click.data.custom_id, error = %error, "button failed");
            Reply::private(internal_message(&error_ref)).into_private_response()
        }
    };
    if let Err(e) = click.create_response(&ctx.http, response).await {
        tracing::warn!(error = %e, custom_id = %click.data.custom_id, "could not answer a button click");
    }
}

fn actor_of(click: &serenity::ComponentInteraction) -> Actor {
    click.member.as_ref().map_or_else(Actor::default, |m| {
        let perms = m.permissions.unwrap_or_default();
        Actor {
            manages_server: perms.manage_guild() || perms.administrator(),
            roles: m.roles.iter().map(|r| RoleRef(r.get())).collect(),
        }
    })
}

async fn act(app: &App, click: &serenity::ComponentInteraction) -> Result<Reply, CommandError> {
    let stale = || {
        CommandError::user(
            "This button belongs to an older card. Use `/gathering next` for a fresh one.",
        )
    };
    let action = ButtonAction::parse(&click.data.custom_id).ok_or_else(stale)?;
    let (ButtonAction::Claim(id, index) | ButtonAction::Release(id, index)) = action;
    let gathering = app.store.gathering_by_id(id).await?.ok_or_else(stale)?;
    let community = app
        .store
        .community(gathering.community)
        .await?
        .ok_or_else(stale)?;
    if community.channel.0 != click.channel_id.get() {
        return Err(stale());
    }
    let now = app.clock.now();
    role_flows::ensure_open(&gathering, now)?;
    let roles = app
        .store
        .agenda_roles(gathering.id, &community.template)
        .await?;
    let role = roles
        .roles()
        .get(index)
        .cloned()
        .ok_or_else(|| CommandError::user("That role is no longer on this agenda."))?;
    let member = MemberRef(click.user.id.get());
    match action {
        ButtonAction::Claim(..) => {
            role_flows::claim(&app.store, &community, &gathering, &role, member, now).await?
        }
        ButtonAction::Release(..) => {
            let actor = actor_of(click);
            role_flows::release(
                &app.store, &community, &gathering, &role, member, &actor, now,
            )
            .await?;
        }
    }
    agenda_reply(&app.store, &community, &gathering).await
}
