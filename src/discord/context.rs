//! What every handler needs: where it was used, who acted, the community of the channel, and the
//! autocomplete helpers (choices by label, upcoming gatherings).

use crate::discord::{CommandError, Context};
use crate::domain::access::Actor;
use crate::domain::community::Community;
use crate::domain::gathering::{Gathering, GatheringId};
use crate::domain::ids::{ChannelRef, GuildRef, RoleRef};
use crate::domain::message::Message;
use crate::domain::role_prompt::TimeFormat;
use crate::domain::when::parse_date;
use crate::i18n::Lang;
use crate::store::Store;
use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use poise::serenity_prelude as serenity;

/// Where a command was used.
#[derive(Debug, Clone, Copy)]
pub struct Place {
    /// The server the command was typed in.
    pub guild: GuildRef,
    /// The channel it was typed in, which finds the community (one per channel).
    pub channel: ChannelRef,
}

/// The guild and channel of a guild-only command.
pub fn place(ctx: Context<'_>) -> Result<Place, CommandError> {
    let guild = ctx
        .guild_id()
        .ok_or_else(|| CommandError::said(Message::key("context-server-only")))?;
    Ok(Place {
        guild: GuildRef(guild.get()),
        channel: ChannelRef(ctx.channel_id().get()),
    })
}

/// What Discord says about the member who used the command.
pub fn actor(ctx: Context<'_>) -> Actor {
    let member = match ctx {
        poise::Context::Application(app) => app.interaction.member.as_deref(),
        poise::Context::Prefix(_) => None,
    };
    actor_of_member(member)
}

/// What Discord says about a member in an interaction (command, click or form): Manage Server and roles.
pub(crate) fn actor_of_member(member: Option<&serenity::Member>) -> Actor {
    member.map_or_else(Actor::default, |m| {
        let perms = m.permissions.unwrap_or_default();
        Actor {
            manages_server: perms.manage_guild() || perms.administrator(),
            roles: m.roles.iter().map(|r| RoleRef(r.get())).collect(),
        }
    })
}

/// The community of this channel, or the message that says how to set one up.
pub async fn community_here(ctx: Context<'_>) -> Result<Community, CommandError> {
    let here = place(ctx)?;
    let community = ctx
        .data()
        .store
        .community_in_channel(here.channel)
        .await?
        .ok_or_else(|| CommandError::said(no_community_message()))?;
    crate::discord::answer::found_by_command(ctx, &community).await;
    Ok(community)
}

/// Said when a command needs a community and the channel has none (rendered in the reader's
/// language).
pub fn no_community_message() -> Message {
    Message::key("context-no-community")
}

/// Autocomplete for a `gathering` option: upcoming gatherings of this channel's community, by date and
/// title; the value is the gathering's id.
pub(crate) async fn autocomplete_gathering(
    ctx: Context<'_>,
    partial: &str,
) -> serenity::CreateAutocompleteResponse {
    crate::discord::answer::autocomplete("autocomplete_gathering", gathering_choices(ctx, partial))
        .await
}

async fn gathering_choices(
    ctx: Context<'_>,
    partial: &str,
) -> serenity::CreateAutocompleteResponse {
    let mut labelled = Vec::new();
    let lang = crate::discord::error::reader(ctx);
    if let Some(community) = community_for_autocomplete(ctx).await {
        let zone = community.settings.time_zone;
        let format = community.settings.time_format;
        let now = ctx.data().clock.now();
        match ctx.data().store.upcoming(community.id, now, 100).await {
            Ok(upcoming) => {
                labelled = upcoming
                    .iter()
                    .map(|g| (choice_label(lang, g, zone, format), g.id.0.to_string()))
                    .collect();
            }
            Err(e) => tracing::warn!(error = %e, "gathering autocomplete failed"),
        }
    }
    choices(labelled, partial)
}

/// Up to 25 autocomplete choices (label, value) whose label contains what was typed, ignoring case.
pub(crate) fn choices(
    labelled: Vec<(String, String)>,
    partial: &str,
) -> serenity::CreateAutocompleteResponse {
    let needle = partial.trim().to_lowercase();
    let picked = labelled
        .into_iter()
        .filter(|(label, _)| label.to_lowercase().contains(&needle))
        .take(25)
        .map(|(label, value)| serenity::AutocompleteChoice::new(label, value))
        .collect();
    serenity::CreateAutocompleteResponse::new().set_choices(picked)
}

/// The community of the channel an autocomplete request comes from, if any (autocomplete never errors).
pub(crate) async fn community_for_autocomplete(ctx: Context<'_>) -> Option<Community> {
    let here = place(ctx).ok()?;
    match ctx.data().store.community_in_channel(here.channel).await {
        Ok(found) => found,
        Err(e) => {
            tracing::warn!(error = %e, "autocomplete could not read the channel's community");
            None
        }
    }
}

/// The gathering named by the option, or the next one.
pub(crate) async fn target(
    ctx: Context<'_>,
    community: &Community,
    gathering: Option<&str>,
) -> Result<Gathering, CommandError> {
    let store = &ctx.data().store;
    let now = ctx.data().clock.now();
    match gathering {
        Some(value) => resolve_gathering(store, community, value, now).await,
        None => store
            .upcoming(community.id, now, 1)
            .await?
            .into_iter()
            .next()
            .ok_or_else(|| CommandError::said(Message::key("context-none-coming-up"))),
    }
}

/// A gathering of this community by autocomplete value (id) or typed date, past or future.
pub(crate) async fn resolve_any(
    ctx: Context<'_>,
    community: &Community,
    value: &str,
) -> Result<Gathering, CommandError> {
    let store = &ctx.data().store;
    let not_found = || CommandError::said(Message::key("context-no-such-gathering"));
    if let Ok(id) = value.trim().parse::<i64>() {
        return store
            .gathering(community.id, GatheringId(id))
            .await?
            .ok_or_else(not_found);
    }
    let date = parse_date(value)?;
    let zone = community.settings.time_zone;
    let from = crate::domain::recurrence::local_to_utc(date.and_time(chrono::NaiveTime::MIN), zone);
    let found = store
        .gatherings_between(community.id, from, from + Duration::days(1))
        .await?;
    found
        .into_iter()
        .find(|g| g.status.is_on())
        .ok_or_else(not_found)
}

pub(crate) async fn autocomplete_recent(
    ctx: Context<'_>,
    partial: &str,
) -> serenity::CreateAutocompleteResponse {
    crate::discord::answer::autocomplete("autocomplete_recent", recent_choices(ctx, partial)).await
}

async fn recent_choices(ctx: Context<'_>, partial: &str) -> serenity::CreateAutocompleteResponse {
    let mut labelled = Vec::new();
    let lang = crate::discord::error::reader(ctx);
    if let Some(community) = community_for_autocomplete(ctx).await {
        let now = ctx.data().clock.now();
        let zone = community.settings.time_zone;
        let format = community.settings.time_format;
        match ctx
            .data()
            .store
            .gatherings_between(community.id, now - Duration::days(90), now)
            .await
        {
            Ok(recent) => {
                labelled = recent
                    .iter()
                    .rev()
                    .filter(|g| g.status.is_on())
                    .map(|g| (choice_label(lang, g, zone, format), g.id.0.to_string()))
                    .collect();
            }
            Err(e) => tracing::warn!(error = %e, "recent gathering autocomplete failed"),
        }
    }
    choices(labelled, partial)
}

/// Refuses anyone who is not an organizer of `community`, saying who is.
pub fn require_organizer(community: &Community, actor: &Actor) -> Result<(), CommandError> {
    if actor.is_organizer(community.settings.organizer_role) {
        Ok(())
    } else {
        Err(CommandError::said(crate::domain::access::organizer_only(
            community.settings.organizer_role,
        )))
    }
}

/// A gathering as a choice in autocomplete, in the reader's language: "Fri 6 Mar 2026 13:00 — Monthly
/// session" ("ven. 6 mars 2026 13:00 — …").
pub fn choice_label(lang: Lang, g: &Gathering, zone: Tz, format: TimeFormat) -> String {
    let start = g.start.with_timezone(&zone);
    let label = format!(
        "{} {} — {}",
        crate::i18n::day_month_year(lang, start.date_naive()),
        crate::i18n::words::clock(lang, format, start.time()),
        g.title
    );
    label.chars().take(100).collect()
}

/// Finds an upcoming gathering from an autocomplete value (its id) or a typed date.
pub async fn resolve_gathering(
    store: &Store,
    community: &Community,
    value: &str,
    now: DateTime<Utc>,
) -> Result<Gathering, CommandError> {
    let not_found = || {
        CommandError::said(Message::key("context-no-gathering-matches").with(
            "typed",
            value.chars().take(40).collect::<String>().replace('`', "'"),
        ))
    };
    if let Ok(id) = value.trim().parse::<i64>() {
        return store
            .gathering(community.id, GatheringId(id))
            .await?
            .ok_or_else(not_found);
    }
    let date = parse_date(value).map_err(|_| not_found())?;
    let zone = community.settings.time_zone;
    let upcoming = store.upcoming(community.id, now, 200).await?;
    upcoming
        .into_iter()
        .find(|g| g.start.with_timezone(&zone).date_naive() == date)
        .ok_or_else(not_found)
}
