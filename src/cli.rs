//! The command line: `steward [--config PATH] [run|check|migrate|invite-url]` (`run` when none is given).

use crate::clock::{Clock, SystemClock};
use crate::config::{Config, DiscordConfig, HttpConfig, PostsConfig, Secret};
use crate::scheduler::Engine;
use crate::store::{Backend, Store};
use crate::{discord, telemetry};
use anyhow::Context as _;
use clap::{Parser, Subcommand};
use std::future::Future;
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

/// Steward — a Discord bot for communities of practice.
#[derive(Debug, Parser)]
#[command(name = "steward", version, about, long_about = None)]
pub struct Cli {
    /// Configuration file (default: config/steward.toml if it exists).
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// What to do (default: run).
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// What the binary can do: run the bot, check the setup, migrate, or print the invite URL.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the bot (needs DISCORD_TOKEN).
    Run,
    /// Check the configuration and the database (opens and migrates it) without contacting Discord.
    Check,
    /// Bring the database schema up to date and exit.
    Migrate,
    /// Copy the SQLite database to PATH while the bot runs (for PostgreSQL, use pg_dump).
    Backup {
        /// The new file to write, e.g. steward-2026-12-01.db.
        path: PathBuf,
    },
    /// Print everything Steward holds about one server as JSON on standard output.
    Export {
        /// The server (guild) id.
        #[arg(long)]
        guild: u64,
    },
    /// Print the URL that invites the bot to a server with the permissions it needs.
    InviteUrl {
        /// The application id (Developer Portal → General Information); taken from DISCORD_TOKEN if omitted.
        #[arg(long)]
        application_id: Option<u64>,
    },
}

/// Runs the chosen subcommand.
pub fn execute(cli: Cli) -> anyhow::Result<()> {
    let config = Config::load(cli.config.as_deref(), &|key| std::env::var(key).ok())?;
    match cli.command.unwrap_or(Command::Run) {
        Command::Run => {
            config.require_token()?;
            runtime()?.block_on(run(config))
        }
        Command::Check => runtime()?.block_on(check(config)),
        Command::Migrate => runtime()?.block_on(migrate(config)),
        Command::InviteUrl { application_id } => invite_url(&config.discord, application_id),
        Command::Backup { path } => runtime()?.block_on(async {
            let store = open_store(&config).await?;
            let done = crate::cli_data::backup(&store, &path).await;
            store.close().await;
            done?;
            writeln!(std::io::stdout(), "backup written to {}", path.display())?;
            Ok(())
        }),
        Command::Export { guild } => runtime()?.block_on(async {
            let store = open_store(&config).await?;
            let exported = crate::cli_data::export_guild(
                &store,
                crate::domain::ids::GuildRef(guild),
                crate::clock::Clock::now(&SystemClock),
            )
            .await;
            store.close().await;
            let text = serde_json::to_string_pretty(&exported?)?;
            writeln!(std::io::stdout(), "{text}")?;
            Ok(())
        }),
    }
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")
}

async fn run(config: Config) -> anyhow::Result<()> {
    let token = config.require_token()?.clone();
    telemetry::init(&config.log, Some(&token));
    tracing::info!(version = env!("CARGO_PKG_VERSION"), database = %redact_url(&config.database.url), "starting");
    let store = open_store(&config).await?;
    let outcome = serve(
        &config.discord,
        &config.http,
        config.posts,
        &token,
        store.clone(),
        Arc::new(SystemClock),
        shutdown_signal(),
    )
    .await;
    store.close().await;
    tracing::info!("database closed; goodbye");
    outcome.context("the Discord client stopped with an error")
}

/// Runs the bot until `shutdown` resolves: the Discord client, and beside it the posts engine and the
/// event mirror, which stop once the gateway has closed.
pub async fn serve(
    discord: &DiscordConfig,
    http: &HttpConfig,
    posts_config: PostsConfig,
    token: &Secret,
    store: Store,
    clock: Arc<dyn Clock>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), discord::ClientError> {
    let listener =
        match http.listen_addr() {
            Ok(Some(addr)) => Some(tokio::net::TcpListener::bind(addr).await.map_err(|e| {
                discord::ClientError::Listen(format!("cannot listen on {addr}: {e}"))
            })?),
            Ok(None) => None,
            Err(message) => return Err(discord::ClientError::Listen(message)),
        };
    if listener.is_none() && http.public_url.is_some() {
        tracing::warn!(
            "http.public_url is set but http.listen is not: the calendar and page links the bot shows \
             will lead nowhere until the listener runs"
        );
    }
    std::sync::LazyLock::force(&crate::metrics::METRICS);
    let bot = discord::connect(
        discord,
        token,
        store.clone(),
        clock.clone(),
        http.public_url.clone(),
    )
    .await?;
    let (stop_tasks, stopped) = tokio::sync::watch::channel(false);
    let listening = listener.map(|listener| {
        if let Ok(addr) = listener.local_addr() {
            tracing::info!(%addr, "HTTP listener: /healthz, /metrics, calendar feeds and public pages");
        }
        let watched = crate::listener::Watched {
            store: store.clone(),
            shards: bot.shard_manager(),
            clock: clock.clone(),
            plan: discord.shards,
            public_url: http.public_url.clone(),
        };
        tokio::spawn(crate::listener::serve(listener, watched, stopped.clone()))
    });
    let worker = format!("{}-{}", std::process::id(), discord::error::new_error_ref());
    let shard_watch = tokio::spawn(crate::listener::watch_shards(
        store.clone(),
        worker.clone(),
        clock.clone(),
        stopped.clone(),
    ));
    let engine = Engine::new(
        store.clone(),
        bot.http(),
        clock.clone(),
        worker,
        posts_config,
    )
    .with_direct_poster(discord::http::DirectPoster::for_config(discord, token)?);
    let posts = tokio::spawn(engine.run(bot.posts_wake(), stopped.clone()));
    let mirror = tokio::spawn(discord::events::mirror_loop(
        bot.http(),
        store,
        clock,
        bot.events_wake(),
        stopped,
    ));
    let outcome = bot.run_gateway(shutdown).await;
    stop_tasks.send(true).ok();
    let tasks = [
        ("scheduled events", mirror),
        ("posts", posts),
        ("shard watch", shard_watch),
    ]
    .into_iter()
    .chain(listening.map(|l| ("HTTP listener", l)));
    for (name, task) in tasks {
        if let Err(e) = task.await {
            tracing::error!(error = %e, task = name, "a background task ended abnormally");
        }
    }
    outcome
}

/// What `steward check` says about the shard plan.
fn shards_line(plan: crate::config::ShardPlan) -> String {
    match plan {
        crate::config::ShardPlan::Auto => {
            "auto (this process runs every shard Discord recommends)".to_owned()
        }
        crate::config::ShardPlan::Range { first, last, total } => format!(
            "{plan}: this process runs shards {first} to {last} of {total}; run other processes with \
             the same total and disjoint ranges covering 0-{}",
            total - 1
        ),
    }
}

async fn check(config: Config) -> anyhow::Result<()> {
    let store = open_store(&config).await?;
    let backend = store.backend();
    store.close().await;
    let discord = match &config.discord.api_url {
        Some(url) => format!("Discord API at {url}"),
        None => "real Discord".to_owned(),
    };
    let token = if config.discord.token.is_some() {
        "set"
    } else {
        "not set (needed by `steward run`)"
    };
    writeln!(
        std::io::stdout(),
        "configuration OK\ndatabase: {} ({backend:?}), schema up to date\ndiscord: {discord}; DISCORD_TOKEN {token}\nshards: {}\nhttp: {}",
        redact_url(&config.database.url),
        shards_line(config.discord.shards),
        config
            .http
            .listen
            .as_deref()
            .map_or_else(|| "off".to_owned(), |a| format!("listening on {a}")),
    )?;
    Ok(())
}

async fn migrate(config: Config) -> anyhow::Result<()> {
    let store = open_store(&config).await?;
    store.close().await;
    writeln!(
        std::io::stdout(),
        "database {} is up to date",
        redact_url(&config.database.url)
    )?;
    Ok(())
}

async fn open_store(config: &Config) -> anyhow::Result<Store> {
    let shown = redact_url(&config.database.url);
    let store = Store::open(&config.database.url, config.database.max_connections)
        .await
        .with_context(|| format!("cannot open the database {shown}"))?;
    if store.backend() == Backend::Sqlite {
        tracing::debug!(database = %shown, "SQLite in WAL mode");
    }
    Ok(store)
}

fn invite_url(discord: &DiscordConfig, application_id: Option<u64>) -> anyhow::Result<()> {
    let id = application_id
        .or_else(|| discord.token.as_ref().and_then(|t| application_id_from_token(t.expose())))
        .context("pass --application-id (Developer Portal → your application → General Information → Application ID), or set DISCORD_TOKEN")?;
    writeln!(
        std::io::stdout(),
        "{}",
        discord::permissions::invite_url(id)
    )?;
    Ok(())
}

/// A bot token starts with the base64 of the bot's user id, which is its application id.
pub fn application_id_from_token(token: &str) -> Option<u64> {
    let first = token.split('.').next()?;
    let mut bits: u32 = 0;
    let mut nbits = 0;
    let mut out = Vec::new();
    for c in first.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            b'=' => break,
            _ => return None,
        };
        bits = (bits << 6) | u32::from(v);
        nbits += 6;
        if nbits >= 8 {
            nbits -= 8;
            out.push((bits >> nbits) as u8);
            bits &= (1 << nbits) - 1;
        }
    }
    std::str::from_utf8(&out).ok()?.parse().ok()
}

/// A database URL with any password hidden: the one in `user:password@` and any query parameter whose
/// name contains `password` (`?password=…`, `&sslpassword=…`).
pub fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return redact_query(url);
    };
    // The user info ends at the last `@` before the query; if there is none there but one later, the
    // password itself may hold an unencoded `?` (`user:p?ss@host`): that is read as user info only when
    // what stands after the `:` is not a port (`host:5432/db?user=a@b` is a host, a port and a query).
    let before_query = rest.split_once('?').map_or(rest, |(b, _)| b);
    let split = if before_query.contains('@') {
        before_query
            .rsplit_once('@')
            .map(|(userinfo, _)| userinfo)
            .and_then(|userinfo| rest.strip_prefix(userinfo).map(|host| (userinfo, host)))
    } else {
        rest.rsplit_once('@').and_then(|(candidate, host)| {
            let (user, password) = candidate.split_once(':')?;
            let after_port = password.trim_start_matches(|c: char| c.is_ascii_digit());
            let is_port = after_port.len() < password.len() && after_port.starts_with(['/', '?']);
            (!user.contains(['/', '?', '#']) && !is_port).then_some((candidate, host))
        })
    };
    let shown = match split {
        Some((userinfo, host)) => {
            let user = match userinfo.split_once(':') {
                Some((user, _)) => format!("{user}:***"),
                None => userinfo.to_owned(),
            };
            // `host` still starts with the `@` when it came from `strip_prefix`.
            let host = host.strip_prefix('@').unwrap_or(host);
            format!("{scheme}://{user}@{host}")
        }
        None => format!("{scheme}://{rest}"),
    };
    redact_query(&shown)
}

/// `text` with the value of every `?…password…=` or `&…password…=` parameter hidden, wherever it stands
/// (up to the next `&`).
fn redact_query(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut hiding = false;
    let mut key = String::new();
    for c in text.chars() {
        if hiding {
            if c == '&' {
                hiding = false;
                out.push(c);
                key.clear();
            }
            continue;
        }
        out.push(c);
        match c {
            '?' | '&' => key.clear(),
            '=' if key.to_ascii_lowercase().contains("password") => {
                out.push_str("***");
                hiding = true;
            }
            _ => key.push(c),
        }
    }
    out
}

#[cfg(test)]
mod redact_tests {
    use super::redact_url;

    #[test]
    fn passwords_are_hidden_wherever_the_url_carries_them() {
        assert_eq!(
            redact_url("postgres://steward:s3cr3t@db/steward"),
            "postgres://steward:***@db/steward"
        );
        assert_eq!(
            redact_url("postgres://steward@db/steward?password=s3cr3t&sslmode=require"),
            "postgres://steward@db/steward?password=***&sslmode=require"
        );
        assert_eq!(
            redact_url("postgres://db/steward?sslmode=require&sslpassword=k3y"),
            "postgres://db/steward?sslmode=require&sslpassword=***"
        );
        assert_eq!(redact_url("sqlite://steward.db"), "sqlite://steward.db");
        assert_eq!(
            redact_url("postgres://steward:p?a#s/s@db/steward?sslmode=require"),
            "postgres://steward:***@db/steward?sslmode=require"
        );
        assert_eq!(
            redact_url("postgres://ü:pässwörd@høst/db"),
            "postgres://ü:***@høst/db"
        );
        for url in ["postgres://a:p@h/d?password=p", "postgres://h/d?PASSWORD=p"] {
            assert!(
                !redact_url(url).contains("=p") && !redact_url(url).contains(":p@"),
                "{url}"
            );
        }
    }
}

async fn shutdown_signal() {
    let interrupt = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::error!(error = %e, "cannot listen for Ctrl+C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(e) => {
                tracing::error!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => tracing::info!("SIGINT received"),
        () = terminate => tracing::info!("SIGTERM received"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn application_id_is_read_from_a_token() {
        // base64("123456789012345678") = MTIzNDU2Nzg5MDEyMzQ1Njc4
        assert_eq!(
            application_id_from_token("MTIzNDU2Nzg5MDEyMzQ1Njc4.Gx.abc"),
            Some(123456789012345678)
        );
        assert_eq!(application_id_from_token("not a token"), None);
    }

    #[test]
    fn passwords_are_hidden_in_database_urls() {
        assert_eq!(
            redact_url("postgres://bot:hunter2@db/steward"),
            "postgres://bot:***@db/steward"
        );
        assert_eq!(
            redact_url("postgres://postgres@127.0.0.1/test"),
            "postgres://postgres@127.0.0.1/test"
        );
        assert_eq!(redact_url("sqlite://steward.db"), "sqlite://steward.db");
        assert_eq!(
            redact_url("postgres://steward:p?a#s/s@db/steward?sslmode=require"),
            "postgres://steward:***@db/steward?sslmode=require"
        );
    }
}
