//! Clicks on the agenda card (Claim, Release, Going / Maybe / Can't go) and on the other cards whose
//! buttons carry a [`ButtonAction`]. A click that succeeds changes the card in place (UPDATE_MESSAGE); a
//! refused one answers the clicker privately and leaves the card as it is. Every click is looked up by
//! the channel it came from: a button pasted into another community's channel finds nothing.

use super::agenda_card::agenda_card;
use crate::discord::answer::{self, Deferral, Outcome, Target};
use crate::discord::context::actor_of_member;
use crate::discord::custom_id::ButtonAction;
use crate::discord::format::Reply;
use crate::discord::roles::flows as role_flows;
use crate::discord::rsvp::clicks as attendance_clicks;
use crate::discord::{App, CommandError};
use crate::domain::community::Community;
use crate::domain::gathering::Gathering;
use crate::domain::ids::{ChannelRef, MemberRef};
use crate::domain::rsvp;
use poise::serenity_prelude as serenity;

/// Handles one click on a button with a [`ButtonAction`].
pub async fn handle(ctx: &serenity::Context, app: &App, click: &serenity::ComponentInteraction) {
    let what = format!("button {}", click.data.custom_id);
    let work = act(app, click);
    answer::interaction(
        &ctx.http,
        app,
        Target::Click(click),
        Deferral::Silently,
        &what,
        work,
    )
    .await
}

/// Said when a button no longer matches anything (an old card, a pasted button).
fn stale() -> CommandError {
    CommandError::said(crate::domain::message::Message::key("button-stale"))
}

async fn act(app: &App, click: &serenity::ComponentInteraction) -> Result<Outcome, CommandError> {
    let action = ButtonAction::parse(&click.data.custom_id).ok_or_else(stale)?;
    let (community, gathering) = app
        .store
        .gathering_in_channel(ChannelRef(click.channel_id.get()), action.gathering())
        .await?
        .ok_or_else(stale)?;
    crate::discord::answer::found(&community);
    let now = app.clock.now();
    let member = MemberRef(click.user.id.get());
    // A large agenda's menus carry the role's index as the value picked.
    let action = match action {
        ButtonAction::ClaimPick(g) => ButtonAction::Claim(g, picked_index(click)?),
        ButtonAction::ReleasePick(g) => ButtonAction::Release(g, picked_index(click)?),
        other => other,
    };
    match action {
        ButtonAction::ClaimPick(_) | ButtonAction::ReleasePick(_) => Err(stale()),
        ButtonAction::Claim(_, index) | ButtonAction::Release(_, index) => {
            let claim = matches!(action, ButtonAction::Claim(..));
            let (card, state) =
                role_clicked(app, click, &community, &gathering, index, claim).await?;
            let update = after_click(app, click, &community, &gathering, state, card)?;
            Ok(Outcome::Update(update))
        }
        ButtonAction::Rsvp(_, answer) => {
            rsvp::check_rsvp(&gathering, now)?;
            app.store
                .answer_rsvp(gathering.id, member, answer, now)
                .await?;
            let (agenda, state) = app
                .store
                .agenda_and_card(&community, gathering.id)
                .await
                .map_err(|e| changed_but_unread(app, click, &community, &gathering, e))?;
            let card = agenda_card(&community, &gathering, &agenda);
            let update = after_click(app, click, &community, &gathering, state, card)?;
            // A role holder who cannot come is asked whether to free the role.
            Ok(
                match crate::discord::roles::free_your_roles(
                    crate::i18n::member_lang(&click.locale),
                    &gathering,
                    &agenda,
                    member,
                    answer,
                ) {
                    Some(ask) => Outcome::UpdateAndAsk(update, Box::new(ask)),
                    None => Outcome::Update(update),
                },
            )
        }
        ButtonAction::AssignOver(_, index, fingerprint, who, asked_over) => {
            let actor = actor_of_member(click.member.as_ref());
            crate::discord::context::require_organizer(&community, &actor)?;
            role_flows::ensure_open(&gathering, now)?;
            let role = role_at(app, &community, &gathering, index).await?;
            // The agenda changed since the question (the role at that place is another one).
            if crate::discord::custom_id::role_fingerprint(&role) != fingerprint {
                return Err(stale());
            }
            let previous = app
                .store
                .holders(gathering.id)
                .await?
                .into_iter()
                .find(|(r, _)| *r == role)
                .map(|(_, m)| m);
            // The organizer was asked about one holder: if the role changed hands since, they decide
            // again with the new holder in view.
            if previous.is_some_and(|p| p != asked_over && p != who) {
                return Ok(Outcome::Update(Reply::private(crate::tr!(
                    crate::i18n::member_lang(&click.locale),
                    "role-assign-changed",
                    role = crate::discord::format::escape(&role)
                ))));
            }
            role_flows::assign(&app.store, &gathering, &role, who, member, now).await?;
            crate::discord::living::refresh_card(app, community.id, gathering.id, None);
            let done = Reply::private(crate::tr!(
                crate::i18n::member_lang(&click.locale),
                "role-assign-done",
                member = format!("<@{who}>"),
                role = crate::discord::format::escape(&role)
            ));
            Ok(match previous.filter(|p| *p != who) {
                // Freed meanwhile: the channel is told as for any assignment (the member is pinged).
                None if previous.is_none() => Outcome::UpdateAndAsk(
                    done,
                    Box::new(crate::discord::roles::views::assigned(
                        community.settings.language,
                        &role,
                        &gathering,
                        who,
                        member,
                    )),
                ),
                Some(previous) => Outcome::UpdateAndAsk(
                    done,
                    Box::new(crate::discord::roles::views::reassigned(
                        community.settings.language,
                        &role,
                        &gathering,
                        who,
                        previous,
                        member,
                    )),
                ),
                None => Outcome::Update(done),
            })
        }
        ButtonAction::AgendaRemove(_, index, fingerprint) => {
            let actor = actor_of_member(click.member.as_ref());
            crate::discord::context::require_organizer(&community, &actor)?;
            let (done, told) = crate::discord::roles::agenda::confirmed_removal(
                crate::i18n::member_lang(&click.locale),
                app,
                &community,
                &gathering,
                index,
                fingerprint,
                member,
            )
            .await?;
            Ok(match told {
                Some(told) => Outcome::UpdateAndAsk(done, Box::new(told)),
                None => Outcome::Update(done),
            })
        }
        ButtonAction::Here(_)
        | ButtonAction::AttendanceAdd(_)
        | ButtonAction::AttendanceRemove(_) => {
            let actor = actor_of_member(click.member.as_ref());
            attendance_clicks::act(app, click, &community, &gathering, action, &actor)
                .await
                .map(Outcome::Update)
        }
    }
}

/// Claim or Release of the role at `index` of the card.
async fn role_clicked(
    app: &App,
    click: &serenity::ComponentInteraction,
    community: &Community,
    gathering: &Gathering,
    index: usize,
    claim: bool,
) -> Result<(Reply, crate::store::CardState), CommandError> {
    let now = app.clock.now();
    let store = &app.store;
    let member = MemberRef(click.user.id.get());
    role_flows::ensure_open(gathering, now)?;
    let role = role_at(app, community, gathering, index).await?;
    if claim {
        role_flows::claim(store, community, gathering, &role, member, now).await?;
    } else {
        let actor = actor_of_member(click.member.as_ref());
        role_flows::release(store, community, gathering, &role, member, &actor, now).await?;
    }
    let (agenda, state) = store
        .agenda_and_card(community, gathering.id)
        .await
        .map_err(|e| changed_but_unread(app, click, community, gathering, e))?;
    Ok((agenda_card(community, gathering, &agenda), state))
}

/// The click's change is saved but the card could not be read back: the living card must still
/// follow the change (an edit is planned as for any change), and the member is told of the failure.
fn changed_but_unread(
    app: &App,
    click: &serenity::ComponentInteraction,
    community: &Community,
    gathering: &Gathering,
    error: crate::store::StoreError,
) -> CommandError {
    let clicked = Some(click.message.id.get());
    crate::discord::living::refresh_card(app, community.id, gathering.id, clicked);
    error.into()
}

/// After a click changed the agenda or the answers (`state`: the living card as read with the agenda,
/// after the change): the living card is kept current (an edit planned only when the click was not on
/// it, or an older edit is on its way), and the clicked message becomes what [`older_or`] says.
fn after_click(
    app: &App,
    click: &serenity::ComponentInteraction,
    community: &Community,
    gathering: &Gathering,
    state: crate::store::CardState,
    card: Reply,
) -> Result<Reply, CommandError> {
    crate::discord::living::refresh_card_after_click(
        app,
        community.id,
        gathering.id,
        click.message.id.get(),
        state,
    );
    older_or(click, community, gathering, state.living, card)
}

/// What the clicked message becomes: the card as it is now when it is the living card (or the
/// gathering has none yet), else a stub that links to the living card, which shows the change (a
/// channel never holds two live cards of one gathering).
fn older_or(
    click: &serenity::ComponentInteraction,
    community: &Community,
    gathering: &Gathering,
    living: Option<crate::store::LivingCard>,
    card: Reply,
) -> Result<Reply, CommandError> {
    // A button on a private message (the "free your role?" question) answers privately.
    if click
        .message
        .flags
        .is_some_and(|f| f.contains(serenity::MessageFlags::EPHEMERAL))
    {
        return Ok(Reply::private(crate::tr!(
            crate::i18n::member_lang(&click.locale),
            "click-done-card-shows",
            title = crate::discord::format::escape(&gathering.title)
        )));
    }
    match living {
        Some(living) if living.message != click.message.id.get() => {
            Ok(super::agenda_card::superseded(
                community.settings.language,
                community.guild.0,
                living.channel.0,
                living.message,
            ))
        }
        _ => Ok(card),
    }
}

/// The agenda index a role menu sent.
fn picked_index(click: &serenity::ComponentInteraction) -> Result<usize, CommandError> {
    match &click.data.kind {
        serenity::ComponentInteractionDataKind::StringSelect { values } => values
            .first()
            .and_then(|v| v.parse().ok())
            .ok_or_else(stale),
        _ => Err(stale()),
    }
}

/// The role at `index` of the gathering's agenda (what a button carries).
async fn role_at(
    app: &App,
    community: &Community,
    gathering: &Gathering,
    index: usize,
) -> Result<String, CommandError> {
    let roles = app
        .store
        .agenda_roles(gathering.id, &community.template)
        .await?;
    roles.roles().get(index).cloned().ok_or_else(|| {
        CommandError::said(crate::domain::message::Message::key("role-not-on-agenda"))
    })
}
