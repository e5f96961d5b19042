//! `/role agenda gathering action name`: the agenda of one gathering, apart from the template. Adding a
//! role, or removing one nobody holds, is done at once; removing a held role asks the organizer first,
//! and the holder is told when it is done. Template edits leave such an agenda as it is.

use crate::discord::context::{actor, autocomplete_gathering, community_here, resolve_gathering};
use crate::discord::custom_id::ButtonAction;
use crate::discord::format::{escape, full, Button, Reply, Tone};
use crate::discord::roles::flows::ensure_open;
use crate::discord::{App, CommandError, Context};
use crate::domain::community::Community;
use crate::domain::gathering::Gathering;
use crate::domain::ids::MemberRef;
use crate::domain::language::Lang;
use crate::domain::message::Message;
use crate::domain::roles::Template;
use crate::tr;
use chrono::{DateTime, Utc};

/// What to do with the role (`action`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, poise::ChoiceParameter)]
pub enum AgendaAction {
    /// `add`: put a role on this gathering's agenda.
    #[name = "add"]
    Add,
    /// `remove`: take a role off this gathering's agenda.
    #[name = "remove"]
    Remove,
}

/// Add or remove a role on one gathering's agenda (organizers)
#[poise::command(slash_command, guild_only)]
pub async fn agenda(
    ctx: Context<'_>,
    #[description = "Which gathering"]
    #[autocomplete = "autocomplete_gathering"]
    gathering: String,
    #[description = "Add or remove"] action: AgendaAction,
    #[description = "The role, e.g. Timekeeper (up to 50 characters)"]
    #[autocomplete = "super::command::autocomplete_role"]
    name: String,
) -> Result<(), CommandError> {
    let community = community_here(ctx).await?;
    crate::discord::context::require_organizer(&community, &actor(ctx))?;
    let app = ctx.data();
    let now = app.clock.now();
    let target = resolve_gathering(&app.store, &community, &gathering, now).await?;
    let lang = crate::discord::error::reader(ctx);
    let reply = match action {
        AgendaAction::Add => add(lang, app, &community, &target, &name, now).await?,
        AgendaAction::Remove => remove(lang, app, &community, &target, &name, now).await?,
    };
    crate::discord::answer::send(ctx, reply).await
}

async fn add(
    lang: Lang,
    app: &App,
    community: &Community,
    target: &Gathering,
    name: &str,
    now: DateTime<Utc>,
) -> Result<Reply, CommandError> {
    ensure_open(target, now)?;
    let seen = app
        .store
        .agenda_roles(target.id, &community.template)
        .await?;
    let next = seen.add(name)?;
    let added = next.roles().last().cloned().unwrap_or_default();
    save(app, community, target, &seen, &next, None).await?;
    Ok(Reply::private(tr!(
        lang,
        "agenda-added",
        role = escape(&added),
        title = escape(&target.title),
        when = full(target.start)
    )))
}

async fn remove(
    lang: Lang,
    app: &App,
    community: &Community,
    target: &Gathering,
    name: &str,
    now: DateTime<Utc>,
) -> Result<Reply, CommandError> {
    ensure_open(target, now)?;
    let seen = app
        .store
        .agenda_roles(target.id, &community.template)
        .await?;
    let (next, removed) = seen.remove(name)?;
    let holder = app
        .store
        .holders(target.id)
        .await?
        .into_iter()
        .find(|(r, _)| *r == removed)
        .map(|(_, m)| m);
    if let Some(holder) = holder {
        let index = seen
            .roles()
            .iter()
            .position(|r| *r == removed)
            .unwrap_or_default();
        return Ok(ask_first(lang, target, &removed, index, holder));
    }
    // A claim made since the look above goes with the role (and its holder is told).
    let freed = save(app, community, target, &seen, &next, Some(&removed)).await?;
    let mut reply = removed_reply(lang, target, &removed);
    if let Some(holder) = freed {
        reply.content = reply.content.map(|t| {
            let lost = tr!(lang, "agenda-just-claimed", holder = format!("<@{holder}>"));
            format!("{t} {lost}")
        });
    }
    Ok(reply)
}

fn removed_reply(lang: Lang, target: &Gathering, removed: &str) -> Reply {
    Reply::private(tr!(
        lang,
        "agenda-removed",
        role = escape(removed),
        title = escape(&target.title),
        when = full(target.start)
    ))
}

/// The organizer's question before a held role is taken off.
fn ask_first(lang: Lang, target: &Gathering, role: &str, index: usize, holder: MemberRef) -> Reply {
    let mut reply = Reply::private(tr!(
        lang,
        "agenda-remove-held",
        role = escape(role),
        title = escape(&target.title),
        when = full(target.start),
        holder = format!("<@{holder}>")
    ));
    reply.buttons = vec![Button {
        custom_id: ButtonAction::AgendaRemove(
            target.id,
            index,
            crate::discord::custom_id::role_fingerprint(role),
        )
        .encode(),
        label: tr!(lang, "agenda-remove-button"),
        tone: Tone::Danger,
    }];
    reply
}

/// Writes the agenda if nobody changed it meanwhile and refreshes the card; returns who lost `removed`.
async fn save(
    app: &App,
    community: &Community,
    target: &Gathering,
    seen: &Template,
    next: &Template,
    removed: Option<&str>,
) -> Result<Option<MemberRef>, CommandError> {
    let freed = app
        .store
        .set_own_agenda(community.id, target.id, seen, next, removed)
        .await?
        .ok_or_else(|| CommandError::said(Message::key("agenda-changed-meanwhile")))?;
    crate::discord::living::refresh_card(app, community.id, target.id, None);
    Ok(freed)
}

/// The organizer confirmed taking the held role at `index` off the agenda: done privately, and the
/// channel is told, pinging the holder.
pub async fn confirmed_removal(
    lang: Lang,
    app: &App,
    community: &Community,
    target: &Gathering,
    index: usize,
    fingerprint: u32,
    by: MemberRef,
) -> Result<(Reply, Option<Reply>), CommandError> {
    ensure_open(target, app.clock.now())?;
    let seen = app
        .store
        .agenda_roles(target.id, &community.template)
        .await?;
    let role = seen
        .roles()
        .get(index)
        .cloned()
        .filter(|r| crate::discord::custom_id::role_fingerprint(r) == fingerprint)
        .ok_or_else(|| CommandError::said(Message::key("agenda-changed-since")))?;
    let (next, removed) = seen.remove(&role)?;
    let freed = save(app, community, target, &seen, &next, Some(&removed)).await?;
    let told = freed.map(|holder| {
        let mut reply = Reply::public(tr!(
            community.settings.language,
            "agenda-removed-told",
            holder = format!("<@{holder}>"),
            role = escape(&removed),
            title = escape(&target.title),
            when = full(target.start),
            by = format!("<@{by}>")
        ));
        reply.ping_users = vec![holder.0];
        reply
    });
    Ok((removed_reply(lang, target, &removed), told))
}
