//! The Discord edge: a poise framework on a serenity client. Commands are thin: they turn options into
//! plain values, call the domain and the store, and render a [`format::Reply`].

pub mod answer;
pub mod commands;
pub mod community;
pub mod context;
pub mod custom_id;
pub mod error;
pub mod events;
pub mod format;
pub mod gathering;
pub mod help;
pub mod http;
pub mod living;
pub mod notes;
pub mod permissions;
pub mod roles;
pub mod rsvp;

pub use error::CommandError;

use crate::clock::Clock;
use crate::config::{DiscordConfig, Secret, ShardPlan};
use crate::store::Store;
use poise::serenity_prelude as serenity;
use std::future::Future;
use std::sync::Arc;

/// What every command can reach.
pub struct App {
    /// The database: communities, gatherings, claims, RSVPs, notes and planned posts.
    pub store: Store,
    /// Where handlers get `now` (the system clock; a controllable one in tests).
    pub clock: Arc<dyn Clock>,
    /// Wakes the task that mirrors gatherings as Discord events.
    pub events_wake: Arc<tokio::sync::Notify>,
    /// Wakes the posts engine (something was planned or changed).
    pub posts_wake: Arc<tokio::sync::Notify>,
    /// Slash commands being answered, with their deferral timers.
    pub in_flight: answer::InFlight,
    /// The bot's permissions last seen per channel (to record them only when they change).
    pub seen_permissions: Arc<std::sync::Mutex<std::collections::HashMap<u64, u64>>>,
    /// Where people reach the HTTP listener (`http.public_url`, no trailing `/`): the calendar feed and
    /// public page links are shown only when it is set.
    pub public_url: Option<String>,
}

impl App {
    /// Notes the bot's permissions in `channel` that an interaction announced; a change is recorded in
    /// the background (never on the interaction's way), and remembered once it is stored (a channel that
    /// has no community yet is recorded by a later interaction).
    pub fn saw_permissions(&self, channel: u64, permissions: Option<serenity::Permissions>) {
        let Some(bits) = permissions.map(|p| p.bits()) else {
            return;
        };
        let known = {
            let seen = self
                .seen_permissions
                .lock()
                .unwrap_or_else(|p| p.into_inner());
            seen.get(&channel) == Some(&bits)
        };
        if known {
            return;
        }
        let store = self.store.clone();
        let seen = self.seen_permissions.clone();
        tokio::spawn(async move {
            let channel_ref = crate::domain::ids::ChannelRef(channel);
            match store.record_bot_permissions(channel_ref, bits).await {
                Ok(true) => {
                    seen.lock()
                        .unwrap_or_else(|p| p.into_inner())
                        .insert(channel, bits);
                }
                Ok(false) => {}
                Err(e) => {
                    tracing::warn!(error = %e, "could not record the bot's permissions in a channel")
                }
            }
        });
    }

    /// Tells the background tasks that gatherings or settings changed.
    pub fn changed(&self) {
        self.events_wake.notify_one();
        self.posts_wake.notify_one();
    }
}

/// The context every command receives.
pub type Context<'a> = poise::Context<'a, App, CommandError>;

/// The gateway intents the bot asks for: Guilds only, nothing privileged.
pub fn intents() -> serenity::GatewayIntents {
    serenity::GatewayIntents::GUILDS
}

/// Why the Discord client could not run.
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    /// The HTTP client could not be built.
    #[error("cannot build the HTTP client: {0}")]
    Http(#[from] reqwest::Error),
    /// The HTTP listener could not start (address taken, not an address).
    #[error("{0}")]
    Listen(String),
    /// serenity gave up (bad token, gateway unreachable, …).
    #[error("Discord client error: {0}")]
    Discord(Box<serenity::Error>),
}

impl From<serenity::Error> for ClientError {
    fn from(e: serenity::Error) -> Self {
        ClientError::Discord(Box::new(e))
    }
}

/// The Discord side of a running bot: the client (gateway and framework) and the wakers of the
/// background tasks that follow what commands change. Built by [`connect`]; the run wiring
/// (`cli::serve`) starts the posts engine and the event mirror beside it.
pub struct Bot {
    client: serenity::Client,
    shards: ShardPlan,
    posts_wake: Arc<tokio::sync::Notify>,
    events_wake: Arc<tokio::sync::Notify>,
}

/// Builds the client: HTTP towards `discord`, the framework with every command, and the [`App`] each
/// handler receives (created when the gateway is ready).
pub async fn connect(
    discord: &DiscordConfig,
    token: &Secret,
    store: Store,
    clock: Arc<dyn Clock>,
    public_url: Option<String>,
) -> Result<Bot, ClientError> {
    let public_url = public_url.map(|u| u.trim_end_matches('/').to_owned());
    let http = http::build(discord, token)?;
    let dev_guild = discord.dev_guild.map(serenity::GuildId::new);
    let events_wake = Arc::new(tokio::sync::Notify::new());
    let posts_wake = Arc::new(tokio::sync::Notify::new());
    let (app_events_wake, app_posts_wake) = (events_wake.clone(), posts_wake.clone());
    let framework = poise::Framework::builder()
        .options(commands::framework_options())
        .setup(move |ctx, ready, framework| {
            Box::pin(async move {
                tracing::info!(user = %ready.user.name, guilds = ready.guilds.len(), "connected to Discord");
                commands::register(ctx, &framework.options().commands, dev_guild).await;
                Ok(App {
                    store,
                    clock,
                    events_wake: app_events_wake,
                    posts_wake: app_posts_wake,
                    in_flight: answer::InFlight::default(),
                    seen_permissions: Default::default(),
                    public_url,
                })
            })
        })
        .build();
    let client = serenity::ClientBuilder::new_with_http(http, intents())
        .framework(framework)
        .await?;
    Ok(Bot {
        client,
        shards: discord.shards,
        posts_wake,
        events_wake,
    })
}

impl Bot {
    /// The HTTP client the background tasks send with.
    pub fn http(&self) -> Arc<serenity::Http> {
        self.client.http.clone()
    }

    /// Woken when something changed that the posts engine plans from.
    pub fn posts_wake(&self) -> Arc<tokio::sync::Notify> {
        self.posts_wake.clone()
    }

    /// Woken when gatherings changed that the event mirror follows.
    pub fn events_wake(&self) -> Arc<tokio::sync::Notify> {
        self.events_wake.clone()
    }

    /// The shard manager (to read each shard's connection stage).
    pub fn shard_manager(&self) -> Arc<serenity::ShardManager> {
        self.client.shard_manager.clone()
    }

    /// Runs the gateway (every shard Discord recommends, or the configured range) until `shutdown`
    /// resolves, then closes it cleanly.
    pub async fn run_gateway(
        mut self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> Result<(), ClientError> {
        let shards = self.client.shard_manager.clone();
        tokio::spawn(async move {
            shutdown.await;
            tracing::info!("shutting down: closing the gateway");
            shards.shutdown_all().await;
        });
        match self.shards {
            ShardPlan::Auto => self.client.start_autosharded().await?,
            ShardPlan::Range { first, last, total } => {
                tracing::info!(
                    first,
                    last,
                    total,
                    "running a range of the gateway's shards"
                );
                // serenity's range end is inclusive ("up to and including").
                self.client.start_shard_range(first..last, total).await?
            }
        }
        tracing::info!("gateway closed");
        Ok(())
    }
}
