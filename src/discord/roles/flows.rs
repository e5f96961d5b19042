//! Claiming, releasing and assigning agenda roles, on plain values: shared by the `/role` commands and
//! the buttons of the agenda card.

use crate::discord::format::{escape, full};
use crate::discord::CommandError;
use crate::domain::access::Actor;
use crate::domain::change::{agenda_closed, AgendaClosed};
use crate::domain::community::Community;
use crate::domain::gathering::Gathering;
use crate::domain::ids::MemberRef;
use crate::store::{ClaimOutcome, Store};
use chrono::{DateTime, Utc};

/// Refuses a gathering whose agenda is closed (cancelled, withdrawn, or already started), saying why.
pub fn ensure_open(gathering: &Gathering, now: DateTime<Utc>) -> Result<(), CommandError> {
    let Some(closed) = agenda_closed(gathering, now) else {
        return Ok(());
    };
    let why = match closed {
        AgendaClosed::Cancelled => "was cancelled",
        AgendaClosed::Withdrawn => "was taken off the calendar",
        AgendaClosed::Started => "has already started",
    };
    Err(CommandError::user(format!(
        "**{}** on {} {why}: its agenda is closed.",
        escape(&gathering.title),
        full(gathering.start)
    )))
}

/// The role of this gathering's agenda named `name` (ignoring case), as spelled on the agenda.
pub async fn agenda_role(
    store: &Store,
    community: &Community,
    gathering: &Gathering,
    name: &str,
) -> Result<String, CommandError> {
    let roles = store
        .agenda_roles(gathering.id, &community.template)
        .await?;
    roles
        .find(name)
        .map(str::to_owned)
        .ok_or_else(|| roles.unknown(name).into())
}

/// Claims `role` for `member`; a refusal says who holds it.
#[tracing::instrument(skip_all, fields(community = %community.id))]
pub async fn claim(
    store: &Store,
    community: &Community,
    gathering: &Gathering,
    role: &str,
    member: MemberRef,
    now: DateTime<Utc>,
) -> Result<(), CommandError> {
    ensure_open(gathering, now)?;
    let one = community.settings.one_role_per_member;
    match store.claim_role(gathering.id, role, member, one, now).await? {
        ClaimOutcome::Claimed => Ok(()),
        ClaimOutcome::HeldBy(holder) if holder == member => {
            Err(CommandError::user(format!("You already hold **{}**.", escape(role))))
        }
        ClaimOutcome::HeldBy(holder) => Err(CommandError::user(format!(
            "**{}** is already held by <@{holder}>.",
            escape(role)
        ))),
        ClaimOutcome::HoldsAnother(other) => Err(CommandError::user(format!(
            "In this community each member holds at most one role per gathering, and you hold **{}**. \
             Release it first if you would rather take **{}**.",
            escape(&other),
            escape(role)
        ))),
        ClaimOutcome::Changed => Err(CommandError::user("That role just changed hands; please try again.")),
    }
}

/// Gives `role` back: its holder may, and so may organizers.
#[tracing::instrument(skip_all, fields(community = %community.id))]
pub async fn release(
    store: &Store,
    community: &Community,
    gathering: &Gathering,
    role: &str,
    member: MemberRef,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<MemberRef, CommandError> {
    ensure_open(gathering, now)?;
    let organizer = actor.is_organizer(community.settings.organizer_role);
    let only = if organizer { None } else { Some(member) };
    if let Some(released) = store.release_role(gathering.id, role, only).await? {
        return Ok(released);
    }
    let holder = store
        .holders(gathering.id)
        .await?
        .into_iter()
        .find(|(r, _)| r == role)
        .map(|(_, m)| m);
    Err(CommandError::user(match holder {
        Some(h) => format!(
            "Only <@{h}>, who holds **{}**, or an organizer can release it.",
            escape(role)
        ),
        None => format!("Nobody holds **{}**: it is open.", escape(role)),
    }))
}

/// Gives `role` to `member` (organizers only; checked by the caller).
pub async fn assign(
    store: &Store,
    gathering: &Gathering,
    role: &str,
    member: MemberRef,
    by: MemberRef,
    now: DateTime<Utc>,
) -> Result<(), CommandError> {
    ensure_open(gathering, now)?;
    store
        .assign_role(gathering.id, role, member, by, now)
        .await?;
    Ok(())
}
