//! The slash commands, the framework options, command registration, and the small helpers every
//! command uses (who acted, which community this channel holds).

pub(crate) mod agenda;
mod attendance;
mod community;
mod community_flows;
mod gathering;
mod gathering_flows;
pub(crate) mod gathering_render;
mod gathering_views;
mod help;
mod note;
mod note_choices;
pub(crate) mod note_flows;
mod note_views;
mod role;
pub(crate) mod role_flows;
mod role_views;

use super::{App, CommandError, Context};
use crate::domain::access::Actor;
use crate::domain::community::Community;
use crate::domain::gathering::Gathering;
use crate::domain::ids::{ChannelRef, GuildRef, RoleRef};
use poise::serenity_prelude as serenity;

/// Every command, in the order `/help` lists them.
pub fn all() -> Vec<poise::Command<App, CommandError>> {
    vec![
        community::community(),
        gathering::gathering(),
        role::role(),
        attendance::rsvp(),
        attendance::attendance(),
        note::note(),
        note::archive_message(),
        help::help(),
    ]
}

/// Framework options: slash commands only, replies ping nobody, errors go through one hook.
pub fn framework_options() -> poise::FrameworkOptions<App, CommandError> {
    poise::FrameworkOptions {
        commands: all(),
        on_error: |error| Box::pin(super::error::on_error(error)),
        allowed_mentions: Some(serenity::CreateAllowedMentions::new()),
        initialize_owners: false,
        event_handler: |framework, event| {
            Box::pin(async move {
                let ctx = framework.serenity_context;
                match event {
                    serenity::FullEvent::InteractionCreate {
                        interaction: serenity::Interaction::Component(click),
                    } => {
                        let app = framework.user_data;
                        app.saw_permissions(click.channel_id.get(), click.app_permissions);
                        super::components::handle(ctx, app, click).await
                    }
                    serenity::FullEvent::InteractionCreate {
                        interaction: serenity::Interaction::Modal(submit),
                    } => {
                        let app = framework.user_data;
                        app.saw_permissions(submit.channel_id.get(), submit.app_permissions);
                        super::note_form::submitted(ctx, app, submit).await
                    }
                    other => {
                        let app = framework.user_data;
                        super::events::guild_event(&app.store, app.clock.as_ref(), other).await
                    }
                }
                Ok(())
            })
        },
        pre_command: |ctx| {
            Box::pin(async move {
                tracing::info!(
                    command = %ctx.command().qualified_name,
                    guild = ?ctx.guild_id().map(|g| g.get()),
                    channel = %ctx.channel_id(),
                    user = %ctx.author().id,
                    "command"
                );
                if let poise::Context::Application(app) = ctx {
                    let channel = app.interaction.channel_id.get();
                    ctx.data()
                        .saw_permissions(channel, app.interaction.app_permissions);
                }
                super::answer::start(ctx, slow_answer(ctx));
            })
        },
        post_command: |ctx| {
            Box::pin(async move {
                // Again after the command: `/community setup` has just created the row to record into.
                if let poise::Context::Application(app) = ctx {
                    let channel = app.interaction.channel_id.get();
                    ctx.data()
                        .saw_permissions(channel, app.interaction.app_permissions);
                }
                super::answer::finish(ctx).await
            })
        },
        ..Default::default()
    }
}

/// Commands whose answer is a public card (the others answer privately unless `public:true`).
const ANSWER_PUBLICLY: [&str; 6] = [
    "community setup",
    "gathering schedule",
    "gathering add",
    "gathering next",
    "gathering end-series",
    "role assign",
];

/// Commands whose answer is a form (a deferral would rule it out).
const OPEN_A_FORM: [&str; 3] = ["note add", "note edit", "archive_message"];

/// How a command is acknowledged if its work takes longer than the answer budget.
fn slow_answer(ctx: Context<'_>) -> super::answer::SlowAnswer {
    use super::answer::SlowAnswer;
    use super::reply::Visibility;
    let name: &str = &ctx.command().qualified_name;
    if OPEN_A_FORM.contains(&name) {
        return SlowAnswer::OpensForm;
    }
    let asked_public = match ctx {
        poise::Context::Application(app) => app.args.iter().any(|o| {
            o.name == "public" && matches!(o.value, serenity::ResolvedValue::Boolean(true))
        }),
        poise::Context::Prefix(_) => false,
    };
    SlowAnswer::Defer(Visibility::public_if(
        asked_public || ANSWER_PUBLICLY.contains(&name),
    ))
}

/// Registers the commands in the dev guild, or globally. A failure is logged, not fatal: Discord keeps
/// the previously registered commands.
pub async fn register(
    ctx: &serenity::Context,
    commands: &[poise::Command<App, CommandError>],
    dev_guild: Option<serenity::GuildId>,
) {
    let result = match dev_guild {
        Some(guild) => poise::builtins::register_in_guild(ctx, commands, guild).await,
        None => poise::builtins::register_globally(ctx, commands).await,
    };
    match result {
        Ok(()) => {
            tracing::info!(count = commands.len(), guild = ?dev_guild.map(|g| g.get()), "commands registered")
        }
        Err(e) => tracing::error!(error = %e, "could not register commands"),
    }
}

/// Where a command was used.
#[derive(Debug, Clone, Copy)]
pub struct Place {
    /// The guild.
    pub guild: GuildRef,
    /// The channel.
    pub channel: ChannelRef,
}

/// The guild and channel of a guild-only command.
pub fn place(ctx: Context<'_>) -> Result<Place, CommandError> {
    let guild = ctx
        .guild_id()
        .ok_or_else(|| CommandError::user("Use this command in a server channel."))?;
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
    ctx.data()
        .store
        .community_in_channel(here.channel)
        .await?
        .ok_or_else(|| CommandError::user(no_community_message()))
}

/// Said when a command needs a community and the channel has none.
pub fn no_community_message() -> String {
    "This channel has no community yet. A member with Manage Server can create one here with \
     `/community setup name timezone` (for example `/community setup name:Facilitation Circle \
     timezone:America/Phoenix`), or use this command in your community's channel."
        .to_owned()
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
    if let Some(community) = community_for_autocomplete(ctx).await {
        let zone = community.settings.time_zone;
        let now = ctx.data().clock.now();
        match ctx.data().store.upcoming(community.id, now, 100).await {
            Ok(upcoming) => {
                labelled = upcoming
                    .iter()
                    .map(|g| (gathering_render::choice_label(g, zone), g.id.0.to_string()))
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
        Some(value) => gathering_flows::resolve_gathering(store, community, value, now).await,
        None => {
            store
                .upcoming(community.id, now, 1)
                .await?
                .into_iter()
                .next()
                .ok_or_else(|| {
                    CommandError::user(
                        "No gathering is coming up yet. Organizers can add one with `/gathering schedule` or `/gathering add`.",
                    )
                })
        }
    }
}
