//! `/community setup|settings|info|list|delete`: the poise adapters. Each turns options into plain values and
//! hands them to [`crate::discord::community::flows`].

use crate::discord::community::flows::{self as flows, RoleChoice, SettingsInput, SetupInput};
use crate::discord::community::privacy::delete;
use crate::discord::community::views;
use crate::discord::context::{actor, community_here, place, Place};
use crate::discord::{CommandError, Context};
use crate::domain::ids::RoleRef;
use crate::domain::language::Lang;
use crate::domain::role_prompt::TimeFormat;
use crate::domain::zone;
use poise::serenity_prelude as serenity;

/// Set up and look after the community of practice of this channel
#[poise::command(
    slash_command,
    guild_only,
    subcommands("setup", "settings", "info", "list", "delete"),
    subcommand_required
)]
pub async fn community(_ctx: Context<'_>) -> Result<(), CommandError> {
    Ok(())
}

/// Bind this channel to a new community of practice (needs Manage Server)
#[poise::command(slash_command, guild_only)]
pub async fn setup(
    ctx: Context<'_>,
    #[description = "The community's name, e.g. Facilitation Circle Phoenix"] name: String,
    #[description = "Its IANA time zone, e.g. America/Phoenix (start typing to search)"]
    #[autocomplete = "autocomplete_timezone"]
    timezone: String,
    #[description = "Members with this role are organizers (besides Manage Server)"] organizer_role: Option<
        serenity::Role,
    >,
) -> Result<(), CommandError> {
    let here = place(ctx)?;
    let input = SetupInput {
        place: here,
        actor: actor(ctx),
        name,
        timezone,
        organizer_role: organizer_role.map(|r| role_choice(here, &r)),
        language: ctx.locale().and_then(Lang::of_discord_locale),
    };
    let now = ctx.data().clock.now();
    let community = flows::setup(&ctx.data().store, input, now).await?;
    let reply = views::welcome(&community, now);
    ctx.data().changed();
    crate::discord::answer::send(ctx, reply).await?;
    Ok(())
}

/// Change this community's name, time zone, language, times, reminders or role prompts (organizers)
#[poise::command(slash_command, guild_only)]
#[allow(clippy::too_many_arguments)]
pub async fn settings(
    ctx: Context<'_>,
    #[description = "A new name"] name: Option<String>,
    #[description = "A new IANA time zone, e.g. Europe/London"]
    #[autocomplete = "autocomplete_timezone"]
    timezone: Option<String>,
    #[description = "Organizer role (pick @everyone to remove it)"] organizer_role: Option<
        serenity::Role,
    >,
    #[description = "Reminder offsets before each gathering, e.g. 7d,1d,2h,15m (or off)"] reminders: Option<
        String,
    >,
    #[description = "When to nudge about open roles: mon 10:00, 14d,7d,3d (before each gathering), or off"]
    #[autocomplete = "autocomplete_role_prompt"]
    role_prompt: Option<String>,
    #[description = "Also DM reminders to members who answered going"] dm_reminders: Option<bool>,
    #[description = "Allow each member at most one agenda role per gathering"] one_role_per_member: Option<bool>,
    #[description = "Publish a page anyone can read: next gatherings, places, open roles, calendar link"]
    public_page: Option<bool>,
    #[description = "Also show role holders' and attendees' names on that page"]
    public_names: Option<bool>,
    #[description = "How times read in this community: 24h (13:00) or 12h (1 pm)"]
    time_format: Option<TimeFormatChoice>,
    #[description = "The community's language for its cards and posts: en or fr"] language: Option<
        LanguageChoice,
    >,
) -> Result<(), CommandError> {
    let here = place(ctx)?;
    let community = community_here(ctx).await?;
    let input = SettingsInput {
        name,
        timezone,
        organizer_role: organizer_role.map(|r| role_choice(here, &r)),
        reminders,
        role_prompt,
        dm_reminders,
        one_role_per_member,
        public_page,
        public_names,
        time_format: time_format.map(TimeFormatChoice::format),
        language: language.map(LanguageChoice::lang),
    };
    let now = ctx.data().clock.now();
    let done = match flows::settings(&ctx.data().store, &community, &actor(ctx), input, now).await {
        Ok(done) => done,
        Err(e) => {
            // A failure after the save (forgetting names, the page's link, the re-plan) still asks
            // the posts engine to plan from what is saved.
            ctx.data().changed();
            return Err(e);
        }
    };
    let lang = crate::discord::error::reader(ctx);
    let mut reply = match done.zone_question {
        Some(_) if done.changed.is_empty() => crate::discord::format::Reply::private(String::new()),
        _ => views::settings_changed(lang, &done, ctx.data().public_url.as_deref()),
    };
    if let Some((zone, upcoming)) = done.zone_question {
        super::zone_change::ask(lang, &mut reply, &community, zone, upcoming);
    }
    // An organizer who fixed the bot's permissions often changes a setting next: try the events again.
    crate::discord::events::probe_soon(&ctx.data().store, community.guild, now).await;
    ctx.data().changed();
    crate::discord::answer::send(ctx, reply).await?;
    Ok(())
}

/// Show this community's settings, agenda roles and next gathering
#[poise::command(slash_command, guild_only)]
pub async fn info(ctx: Context<'_>) -> Result<(), CommandError> {
    let community = community_here(ctx).await?;
    let store = &ctx.data().store;
    let now = ctx.data().clock.now();
    let next = store.upcoming(community.id, now, 1).await?;
    let problems: Vec<String> = [
        store.posts_problem(community.id).await?,
        store.events_problem(community.id).await?,
    ]
    .into_iter()
    .flatten()
    .map(|stored| crate::i18n::render_stored(crate::discord::error::reader(ctx), &stored))
    .collect();
    let problem = (!problems.is_empty()).then(|| problems.join("\n"));
    let page = match (&ctx.data().public_url, community.settings.public_page) {
        (Some(base), true) => Some(format!(
            "<{base}/c/{}>",
            store.public_slug(&community).await?
        )),
        _ => None,
    };
    let organizer = actor(ctx).is_organizer(community.settings.organizer_role);
    let reply = views::info(
        crate::discord::error::reader(ctx),
        &community,
        organizer,
        next.first(),
        problem.as_deref(),
        page.as_deref(),
        now,
    );
    crate::discord::answer::send(ctx, reply).await?;
    Ok(())
}

/// List every community of practice in this server
#[poise::command(slash_command, guild_only)]
pub async fn list(ctx: Context<'_>) -> Result<(), CommandError> {
    let here = place(ctx)?;
    let store = &ctx.data().store;
    let now = ctx.data().clock.now();
    let mut listed = Vec::new();
    for community in store.communities_in_guild(here.guild).await? {
        let next = store
            .upcoming(community.id, now, 1)
            .await?
            .into_iter()
            .next();
        listed.push((community, next));
    }
    crate::discord::answer::send(
        ctx,
        views::list(crate::discord::error::reader(ctx), &listed),
    )
    .await?;
    Ok(())
}

async fn autocomplete_timezone(
    ctx: Context<'_>,
    partial: &str,
) -> serenity::CreateAutocompleteResponse {
    let now = ctx.data().clock.now();
    let lang = crate::discord::error::reader(ctx);
    // Labelled with the city and the offset now; the value stays the IANA name.
    let choices = zone::suggest(partial, 25)
        .into_iter()
        .filter_map(|name| zone::parse(name).ok().map(|tz| (name, tz)))
        .map(|(name, tz)| {
            serenity::AutocompleteChoice::new(crate::i18n::words::zone_label(lang, tz, now), name)
        })
        .collect();
    serenity::CreateAutocompleteResponse::new().set_choices(choices)
}

/// Presets for `role_prompt`; what the organizer is typing comes first, read back in words, when it
/// is a valid prompt (or the reason it is not).
async fn autocomplete_role_prompt(
    ctx: Context<'_>,
    partial: &str,
) -> serenity::CreateAutocompleteResponse {
    let now = ctx.data().clock.now();
    let format = community_here(ctx)
        .await
        .map(|c| c.settings.time_format)
        .unwrap_or_default();
    let lang = crate::discord::error::reader(ctx);
    let choices = flows::role_prompt_choices(lang, partial, format, now)
        .into_iter()
        .map(|(label, value)| serenity::AutocompleteChoice::new(label, value))
        .collect();
    serenity::CreateAutocompleteResponse::new().set_choices(choices)
}

/// `language`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, poise::ChoiceParameter)]
pub enum LanguageChoice {
    /// `en`: English.
    #[name = "en"]
    En,
    /// `fr`: French.
    #[name = "fr"]
    Fr,
}

impl LanguageChoice {
    fn lang(self) -> Lang {
        match self {
            LanguageChoice::En => Lang::En,
            LanguageChoice::Fr => Lang::Fr,
        }
    }
}

/// `time_format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, poise::ChoiceParameter)]
pub enum TimeFormatChoice {
    /// `24h`: 13:00–16:00.
    #[name = "24h"]
    H24,
    /// `12h`: 1–4 pm.
    #[name = "12h"]
    H12,
}

impl TimeFormatChoice {
    fn format(self) -> TimeFormat {
        match self {
            TimeFormatChoice::H24 => TimeFormat::H24,
            TimeFormatChoice::H12 => TimeFormat::H12,
        }
    }
}

fn role_choice(here: Place, role: &serenity::Role) -> RoleChoice {
    if role.id.get() == here.guild.0 {
        RoleChoice::Everyone
    } else {
        RoleChoice::Role(RoleRef(role.id.get()))
    }
}
