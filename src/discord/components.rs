//! Button clicks on the agenda card. A click that succeeds changes the card in place (UPDATE_MESSAGE); a
//! refused one answers the clicker privately and leaves the card as it is.

use super::answer::{self, Deferral, Outcome, Target};
use super::commands::agenda::{agenda_reply, attendance_sheet, harvest_reply};
use super::commands::role_flows;
use super::custom_id::ButtonAction;
use super::note_ids::NoteButton;
use super::reply::Reply;
use super::{App, CommandError};
use crate::domain::access::{organizer_only, Actor};
use crate::domain::ids::{ChannelRef, MemberRef};
use crate::domain::rsvp;
use poise::serenity_prelude as serenity;

/// Handles one component interaction.
pub async fn handle(ctx: &serenity::Context, app: &App, click: &serenity::ComponentInteraction) {
    if let Some(button) = NoteButton::parse(&click.data.custom_id) {
        return super::note_buttons::clicked(ctx, app, click, button).await;
    }
    let what = format!("button {}", click.data.custom_id);
    let work = async { act(app, click).await.map(Outcome::Update) };
    answer::interaction(
        &ctx.http,
        Target::Click(click),
        Deferral::Silently,
        &what,
        work,
    )
    .await
}

fn actor_of(click: &serenity::ComponentInteraction) -> Actor {
    super::commands::actor_of_member(click.member.as_ref())
}

async fn act(app: &App, click: &serenity::ComponentInteraction) -> Result<Reply, CommandError> {
    let stale = || {
        CommandError::user(
            "This button belongs to an older card. Use `/gathering next` for a fresh one.",
        )
    };
    let action = ButtonAction::parse(&click.data.custom_id).ok_or_else(stale)?;
    // Both looked up by this channel: a button pasted into another community's channel finds nothing.
    let community = app
        .store
        .community_in_channel(ChannelRef(click.channel_id.get()))
        .await?
        .ok_or_else(stale)?;
    let gathering = app
        .store
        .gathering(community.id, action.gathering())
        .await?
        .ok_or_else(stale)?;
    let now = app.clock.now();
    let store = &app.store;
    let member = MemberRef(click.user.id.get());
    match action {
        ButtonAction::Claim(_, index) | ButtonAction::Release(_, index) => {
            role_flows::ensure_open(&gathering, now)?;
            let roles = store
                .agenda_roles(gathering.id, &community.template)
                .await?;
            let role = roles
                .roles()
                .get(index)
                .cloned()
                .ok_or_else(|| CommandError::user("That role is no longer on this agenda."))?;
            if matches!(action, ButtonAction::Claim(..)) {
                role_flows::claim(store, &community, &gathering, &role, member, now).await?;
            } else {
                role_flows::release(
                    store,
                    &community,
                    &gathering,
                    &role,
                    member,
                    &actor_of(click),
                    now,
                )
                .await?;
            }
            agenda_reply(store, &community, &gathering).await
        }
        ButtonAction::Rsvp(_, answer) => {
            rsvp::check_rsvp(&gathering, now)?;
            store.answer_rsvp(gathering.id, member, answer, now).await?;
            agenda_reply(store, &community, &gathering).await
        }
        ButtonAction::Here(_) => {
            rsvp::check_self_report(&gathering, now)?;
            store
                .record_attendance(gathering.id, member, None, now)
                .await?;
            harvest_reply(store, &gathering).await
        }
        ButtonAction::AttendanceAdd(_) | ButtonAction::AttendanceRemove(_) => {
            if !actor_of(click).is_organizer(community.settings.organizer_role) {
                return Err(CommandError::user(organizer_only(
                    community.settings.organizer_role,
                )));
            }
            rsvp::check_record(&gathering, now)?;
            let picked: Vec<MemberRef> = match &click.data.kind {
                serenity::ComponentInteractionDataKind::UserSelect { values } => {
                    values.iter().map(|u| MemberRef(u.get())).collect()
                }
                _ => Vec::new(),
            };
            let mut changed = 0;
            for m in &picked {
                let done = if matches!(action, ButtonAction::AttendanceAdd(_)) {
                    store
                        .record_attendance(gathering.id, *m, Some(member), now)
                        .await?
                } else {
                    store.remove_attendance(gathering.id, *m).await?
                };
                changed += usize::from(done);
            }
            let verb = if matches!(action, ButtonAction::AttendanceAdd(_)) {
                "Added"
            } else {
                "Removed"
            };
            attendance_sheet(store, &gathering, Some(format!("{verb} {changed}."))).await
        }
    }
}
