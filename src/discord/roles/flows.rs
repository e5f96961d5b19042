//! Claiming, releasing and assigning agenda roles, on plain values: shared by the `/role` commands and
//! the buttons of the agenda card.

use crate::discord::format::{escape, full};
use crate::discord::CommandError;
use crate::domain::access::Actor;
use crate::domain::change::{agenda_closed, AgendaClosed};
use crate::domain::community::Community;
use crate::domain::gathering::Gathering;
use crate::domain::ids::MemberRef;
use crate::domain::message::Message;
use crate::store::{ClaimOutcome, Store};
use chrono::{DateTime, Utc};

/// Refuses a gathering whose agenda is closed (cancelled, withdrawn, or already started), saying why.
pub fn ensure_open(gathering: &Gathering, now: DateTime<Utc>) -> Result<(), CommandError> {
    let Some(closed) = agenda_closed(gathering, now) else {
        return Ok(());
    };
    let key = match closed {
        AgendaClosed::Cancelled => "agenda-closed-cancelled",
        AgendaClosed::Withdrawn => "agenda-closed-withdrawn",
        AgendaClosed::Started => "agenda-closed-started",
    };
    Err(CommandError::said(
        Message::key(key)
            .with("title", escape(&gathering.title))
            .with("when", full(gathering.start)),
    ))
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
    match store
        .claim_role(gathering.id, role, member, one, now)
        .await?
    {
        ClaimOutcome::Claimed => Ok(()),
        ClaimOutcome::HeldBy(holder) if holder == member => Err(CommandError::said(
            Message::key("claim-already-yours").with("role", escape(role)),
        )),
        ClaimOutcome::HeldBy(holder) => Err(CommandError::said(
            Message::key("claim-held-by")
                .with("role", escape(role))
                .with("holder", format!("<@{holder}>")),
        )),
        ClaimOutcome::HoldsAnother(other) => Err(CommandError::said(
            Message::key("claim-one-per-member")
                .with("other", escape(&other))
                .with("role", escape(role)),
        )),
        ClaimOutcome::Changed => Err(CommandError::said(Message::key("claim-changed-hands"))),
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
    Err(CommandError::said(match holder {
        Some(h) => Message::key("release-not-yours")
            .with("holder", format!("<@{h}>"))
            .with("role", escape(role)),
        None => Message::key("release-open").with("role", escape(role)),
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
