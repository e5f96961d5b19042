//! The list of commands registered with poise, the framework options (one error hook, the answer timer,
//! the events that are not commands) and registration. It imports the features; none imports it.

use crate::discord::{community, gathering, help, notes, roles, rsvp, App, CommandError, Context};
use poise::serenity_prelude as serenity;

/// Every command, in the order `/help` lists them.
pub fn all() -> Vec<poise::Command<App, CommandError>> {
    vec![
        community::command::community(),
        gathering::command::gathering(),
        roles::command::role(),
        rsvp::command::rsvp(),
        rsvp::command::attendance(),
        notes::command::note(),
        notes::command::archive_message(),
        community::privacy::privacy(),
        community::privacy::forget_me(),
        help::help(),
    ]
}

/// Every command with its descriptions from the catalogues, in English and French.
pub fn localized() -> Vec<poise::Command<App, CommandError>> {
    let mut commands = all();
    poise::set_qualified_names(&mut commands);
    crate::i18n::localize_commands(&mut commands);
    commands
}

/// Framework options: slash commands only, replies ping nobody, errors go through one hook.
pub fn framework_options() -> poise::FrameworkOptions<App, CommandError> {
    poise::FrameworkOptions {
        commands: localized(),
        on_error: |error| Box::pin(crate::discord::error::on_error(error)),
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
                        clicked(ctx, app, click).await
                    }
                    serenity::FullEvent::InteractionCreate {
                        interaction: serenity::Interaction::Modal(submit),
                    } => {
                        let app = framework.user_data;
                        app.saw_permissions(submit.channel_id.get(), submit.app_permissions);
                        crate::discord::notes::form::submitted(ctx, app, submit).await
                    }
                    serenity::FullEvent::Ready { data_about_bot } => {
                        if let Some(info) = data_about_bot.shard {
                            crate::metrics::SHARDS
                                .lock()
                                .unwrap_or_else(|p| p.into_inner())
                                .insert(info.id.0, info.total);
                        }
                        gateway_session(ctx.shard_id.0, false);
                    }
                    serenity::FullEvent::Resume { .. } => {
                        gateway_session(
                            ctx.shard_id.0,
                            matches!(event, serenity::FullEvent::Resume { .. }),
                        );
                    }
                    other => {
                        let app = framework.user_data;
                        crate::discord::events::guild_event(&app.store, app.clock.as_ref(), other)
                            .await;
                        // A server that returned gets its posts planned anew; one that left, none.
                        if matches!(
                            other,
                            serenity::FullEvent::GuildCreate { .. }
                                | serenity::FullEvent::GuildDelete { .. }
                        ) {
                            app.changed();
                        }
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
                crate::discord::answer::start(ctx, slow_answer(ctx));
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
                crate::discord::answer::finish(ctx).await
            })
        },
        ..Default::default()
    }
}

/// Counts a gateway session that starts again: a RESUMED, or a READY after the shard's first.
fn gateway_session(shard: u32, resumed: bool) {
    static SEEN: std::sync::Mutex<Vec<u32>> = std::sync::Mutex::new(Vec::new());
    let again = resumed || {
        let mut seen = SEEN.lock().unwrap_or_else(|p| p.into_inner());
        let again = seen.contains(&shard);
        if !again {
            seen.push(shard);
        }
        again
    };
    if again {
        tracing::info!(shard, resumed, "gateway session started again");
        crate::metrics::METRICS
            .gateway_reconnects
            .with_label_values(&[&shard.to_string()])
            .inc();
    }
}

/// A click on one of the bot's buttons: note buttons carry their own ids, every other one a
/// [`ButtonAction`](crate::discord::custom_id::ButtonAction).
async fn clicked(ctx: &serenity::Context, app: &App, click: &serenity::ComponentInteraction) {
    let id = &click.data.custom_id;
    if let Some(button) = gathering::editing::RescheduleButton::parse(id) {
        return gathering::editing::clicked(ctx, app, click, button).await;
    }
    if let Some(button) = community::zone_change::ZoneButton::parse(id) {
        return community::zone_change::clicked(ctx, app, click, button).await;
    }
    if let Some(button) = community::privacy::CareButton::parse(id) {
        return community::privacy::clicked(ctx, app, click, button).await;
    }
    match notes::ids::NoteButton::parse(id) {
        Some(button) => notes::buttons::clicked(ctx, app, click, button).await,
        None => gathering::clicks::handle(ctx, app, click).await,
    }
}

/// Commands whose answer is a public card (the others answer privately unless `public:true`).
const ANSWER_PUBLICLY: [&str; 6] = [
    "community setup",      // data
    "gathering schedule",   // data
    "gathering add",        // data
    "gathering next",       // data
    "gathering end-series", // data
    "role assign",          // data
];

/// Commands whose answer is a form (a deferral would rule it out).
const OPEN_A_FORM: [&str; 3] = ["note add", "note edit", "archive_message"]; // data

/// How a command is acknowledged if its work takes longer than the answer budget.
fn slow_answer(ctx: Context<'_>) -> crate::discord::answer::SlowAnswer {
    use crate::discord::answer::SlowAnswer;
    use crate::discord::format::Visibility;
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

/// The commands as Discord registers them: poise's, with the localised names of context-menu commands
/// (which poise leaves out).
fn application_commands(
    commands: &[poise::Command<App, CommandError>],
) -> Vec<serenity::CreateCommand> {
    let mut builders = Vec::new();
    for command in commands {
        if let Some(slash) = command.create_as_slash_command() {
            builders.push(slash);
        }
        if let Some(mut menu) = command.create_as_context_menu_command() {
            for (locale, name) in command.name_localizations.iter() {
                menu = menu.name_localized(locale.as_ref(), name.as_ref());
            }
            builders.push(menu);
        }
    }
    builders
}

/// Registers the commands in the dev guild, or globally. A failure is logged, not fatal: Discord keeps
/// the previously registered commands.
pub async fn register(
    ctx: &serenity::Context,
    commands: &[poise::Command<App, CommandError>],
    dev_guild: Option<serenity::GuildId>,
) {
    let builders = application_commands(commands);
    let result = match dev_guild {
        Some(guild) => guild.set_commands(ctx, builders).await.map(drop),
        None => serenity::Command::set_global_commands(ctx, builders)
            .await
            .map(drop),
    };
    match result {
        Ok(()) => {
            tracing::info!(count = commands.len(), guild = ?dev_guild.map(|g| g.get()), "commands registered")
        }
        Err(e) => tracing::error!(error = %e, "could not register commands"),
    }
}

#[cfg(test)]
mod tests {
    //! `/help` read against the real list of commands (here, where the list lives).
    use super::all;
    use crate::discord::help::{command_lines, help_reply};
    use crate::discord::{App, CommandError};

    type Command = poise::Command<App, CommandError>;

    /// Every command as the framework holds them once started (qualified names filled in).
    fn registered() -> Vec<Command> {
        let mut commands = all();
        poise::set_qualified_names(&mut commands);
        commands
    }

    #[test]
    fn the_message_menu_is_listed_by_its_menu_name_never_as_a_slash_command() {
        let commands = registered();
        let text = command_lines(crate::i18n::Lang::En, &commands).join("\n");
        assert!(
            text.contains(
                "message menu **Archive as practice note** (right-click a message → Apps)"
            ),
            "{text}"
        );
        assert!(!text.contains("/archive_message"), "{text}");
        assert!(!text.contains("archive_message"), "{text}");
        for slash in ["`/community setup`", "`/note add`", "`/help`"] {
            assert!(text.contains(slash), "help lacks {slash}: {text}");
        }

        let card = help_reply(crate::i18n::Lang::En, &commands)
            .card
            .unwrap_or_default();
        assert!(
            card.fields.iter().all(
                |f| !f.name.contains("archive_message") && !f.value.contains("archive_message")
            ),
            "{:?}",
            card.fields
        );
        assert!(
            card.fields
                .iter()
                .any(|f| f.name == "Message menu"
                    && f.value.contains("**Archive as practice note**")),
            "{:?}",
            card.fields
        );
        // Every slash line names a command that exists as a slash command.
        for line in text.lines().filter(|l| l.starts_with("`/")) {
            let name = line
                .trim_start_matches("`/")
                .split('`')
                .next()
                .unwrap_or_default();
            let top = name.split(' ').next().unwrap_or_default();
            let command = commands.iter().find(|c| c.name == top);
            assert!(command.is_some_and(|c| c.slash_action.is_some()), "{line}");
        }
    }

    fn walk(command: &Command, out: &mut Vec<String>) {
        let fr = |l: &[(
            std::borrow::Cow<'static, str>,
            std::borrow::Cow<'static, str>,
        )]| {
            l.iter()
                .find(|(k, _)| k == "fr")
                .map(|(_, v)| v.to_string())
        };
        let check = |what: String, text: Option<String>, out: &mut Vec<String>| match text {
            Some(t) if !t.is_empty() && t.chars().count() <= 100 => {}
            other => out.push(format!("{what}: {other:?}")),
        };
        if command.slash_action.is_some() || !command.subcommands.is_empty() {
            check(
                format!("/{}", command.qualified_name),
                fr(&command.description_localizations),
                out,
            );
        }
        if command.context_menu_action.is_some() {
            check(
                format!("menu {}", command.name),
                fr(&command.name_localizations),
                out,
            );
        }
        for p in &command.parameters {
            check(
                format!("/{} {}", command.qualified_name, p.name),
                fr(&p.description_localizations),
                out,
            );
            for choice in p.choices.iter() {
                check(
                    format!(
                        "/{} {} choice {}",
                        command.qualified_name, p.name, choice.name
                    ),
                    fr(&choice.localizations),
                    out,
                );
            }
        }
        for sub in &command.subcommands {
            walk(sub, out);
        }
    }

    #[test]
    fn every_command_option_and_choice_carries_a_french_localisation_within_discords_limits() {
        let commands = super::localized();
        let mut missing = Vec::new();
        for command in &commands {
            walk(command, &mut missing);
        }
        assert!(missing.is_empty(), "{missing:#?}");
        // The English descriptions come from the catalogue too.
        let settings = commands
            .iter()
            .find(|c| c.name == "community")
            .and_then(|c| c.subcommands.iter().find(|s| s.name == "settings"))
            .unwrap();
        assert_eq!(
            settings.description.as_deref(),
            Some(crate::i18n::text(crate::i18n::Lang::En, "cmd-community-settings", &[]).as_str())
        );
    }
}
