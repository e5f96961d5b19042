//! Typed configuration: `config/steward.toml` (every key documented there), overridden by `STEWARD_*`
//! environment variables; the bot token comes from `DISCORD_TOKEN` only and is never printed.

pub use crate::config_ops::{HttpConfig, ShardPlan};
use serde::Deserialize;
use std::fmt;
use std::path::{Path, PathBuf};

/// The file read when `--config` is not given (skipped silently if it does not exist).
pub const DEFAULT_CONFIG_PATH: &str = "config/steward.toml";

/// Everything Steward needs to run.
#[derive(Debug, Clone, Deserialize, PartialEq, Default)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Where the data lives.
    pub database: DatabaseConfig,
    /// How to reach Discord.
    pub discord: DiscordConfig,
    /// What to log and how.
    pub log: LogConfig,
    /// How automatic posts are retried and shared between processes.
    pub posts: PostsConfig,
    /// The HTTP listener for health and metrics.
    pub http: HttpConfig,
}

/// `[posts]`
#[derive(Debug, Clone, Copy, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct PostsConfig {
    /// How long a process's claim on a post lasts before another process may take it over.
    pub lease_seconds: u32,
    /// The first retry delay after a temporary failure (doubling each time, capped at 10 minutes).
    pub retry_base_ms: u32,
    /// How long Discord is trusted to recognise a resent message's nonce. A post resent later than this
    /// after an attempt that may have reached Discord is first looked for in the channel.
    pub nonce_window_seconds: u32,
    /// Most automatic posts in one channel per hour; more are held back (and logged) until the hour frees.
    pub channel_posts_per_hour: u32,
}

impl Default for PostsConfig {
    fn default() -> Self {
        PostsConfig {
            lease_seconds: 60,
            retry_base_ms: 1000,
            nonce_window_seconds: 120,
            channel_posts_per_hour: 30,
        }
    }
}

/// `[database]`
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct DatabaseConfig {
    /// `sqlite://PATH` (file created if missing) or `postgres://user@host/db`.
    pub url: String,
    /// Upper bound of pooled connections.
    pub max_connections: u32,
}

/// `[discord]`
#[derive(Clone, Deserialize, PartialEq, Default)]
#[serde(default, deny_unknown_fields)]
pub struct DiscordConfig {
    /// Base URL (without `/api/v10`) for REST and gateway discovery; `None` means real Discord.
    pub api_url: Option<String>,
    /// Register commands in this guild only (instant updates while developing).
    pub dev_guild: Option<u64>,
    /// Which gateway shards this process runs (`auto`, or `FIRST-LAST/TOTAL`).
    pub shards: ShardPlan,
    /// The bot token; only ever set from `DISCORD_TOKEN`.
    #[serde(skip)]
    pub token: Option<Secret>,
}

/// `[log]`
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct LogConfig {
    /// A `RUST_LOG`-style filter; `RUST_LOG` itself wins when set.
    pub filter: String,
    /// `text` or `json`.
    pub format: LogFormat,
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// Human-readable lines.
    #[default]
    Text,
    /// One JSON object per line.
    Json,
}

/// A string that never shows itself in `Debug` or `Display`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }
    /// The secret itself, for the one place that must send it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

impl fmt::Debug for DiscordConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DiscordConfig")
            .field("api_url", &self.api_url)
            .field("dev_guild", &self.dev_guild)
            .field("shards", &self.shards)
            .field("token", &self.token.as_ref().map(|_| "[redacted]"))
            .finish()
    }
}

impl Default for DatabaseConfig {
    fn default() -> Self {
        DatabaseConfig {
            url: "sqlite://steward.db".into(),
            max_connections: 5,
        }
    }
}

impl Default for LogConfig {
    fn default() -> Self {
        LogConfig {
            filter: "info".into(),
            format: LogFormat::Text,
        }
    }
}

/// Why the configuration could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file named by `--config` could not be read.
    #[error("cannot read config file {path}: {source}")]
    Read {
        /// The config file that was asked for.
        path: PathBuf,
        /// Why it could not be read (missing, no permission, …).
        source: std::io::Error,
    },
    /// The file is not valid TOML for Steward.
    #[error("config file {path} is invalid: {message}")]
    Parse {
        /// The config file that failed to parse.
        path: PathBuf,
        /// What the parser said.
        message: String,
    },
    /// A value (from the file or the environment) is unusable.
    #[error("{key}: {message}")]
    Invalid {
        /// The key, as in the file or the environment.
        key: String,
        /// What is wrong and what a good value looks like.
        message: String,
    },
}

impl Config {
    /// Loads the file (`explicit` must exist; the default path may be absent), then applies the
    /// environment (given as a lookup so tests need not touch the process environment), then validates.
    pub fn load(
        explicit: Option<&Path>,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Config, ConfigError> {
        let mut config = match explicit {
            Some(path) => Self::from_file(path)?,
            None if Path::new(DEFAULT_CONFIG_PATH).exists() => {
                Self::from_file(Path::new(DEFAULT_CONFIG_PATH))?
            }
            None => Config::default(),
        };
        config.apply_env(env)?;
        config.validate()?;
        Ok(config)
    }

    /// Parses one TOML file.
    pub fn from_file(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_owned(),
            source,
        })?;
        Self::from_toml(&text).map_err(|message| ConfigError::Parse {
            path: path.to_owned(),
            message,
        })
    }

    /// Parses TOML text.
    pub fn from_toml(text: &str) -> Result<Config, String> {
        toml::from_str(text).map_err(|e| e.message().to_owned())
    }

    fn apply_env(&mut self, env: &dyn Fn(&str) -> Option<String>) -> Result<(), ConfigError> {
        let set = |key: &str| env(key).filter(|v| !v.trim().is_empty());
        if let Some(v) = set("STEWARD_DATABASE_URL") {
            self.database.url = v;
        }
        if let Some(v) = set("STEWARD_DATABASE_MAX_CONNECTIONS") {
            self.database.max_connections = v.trim().parse().map_err(|_| {
                invalid(
                    "STEWARD_DATABASE_MAX_CONNECTIONS",
                    "must be a whole number such as 5",
                )
            })?;
        }
        if let Some(v) = set("STEWARD_DISCORD_API_URL") {
            self.discord.api_url = Some(v);
        }
        if let Some(v) = set("STEWARD_DISCORD_SHARDS") {
            self.discord.shards =
                ShardPlan::parse(&v).map_err(|m| invalid("STEWARD_DISCORD_SHARDS", &m))?;
        }
        if let Some(v) = set("STEWARD_HTTP_LISTEN") {
            self.http.listen = Some(v);
        }
        if let Some(v) = set("STEWARD_HTTP_PUBLIC_URL") {
            self.http.public_url = Some(v);
        }
        if let Some(v) = set("STEWARD_DISCORD_DEV_GUILD") {
            self.discord.dev_guild = Some(v.trim().parse().map_err(|_| {
                invalid(
                    "STEWARD_DISCORD_DEV_GUILD",
                    "must be a guild id such as 123456789012345678",
                )
            })?);
        }
        if let Some(v) = set("STEWARD_POSTS_LEASE_SECONDS") {
            self.posts.lease_seconds = v.trim().parse().map_err(|_| {
                invalid(
                    "STEWARD_POSTS_LEASE_SECONDS",
                    "must be a whole number of seconds such as 60",
                )
            })?;
        }
        if let Some(v) = set("STEWARD_POSTS_RETRY_BASE_MS") {
            self.posts.retry_base_ms = v.trim().parse().map_err(|_| {
                invalid(
                    "STEWARD_POSTS_RETRY_BASE_MS",
                    "must be a whole number of milliseconds such as 1000",
                )
            })?;
        }
        if let Some(v) = set("STEWARD_POSTS_NONCE_WINDOW_SECONDS") {
            self.posts.nonce_window_seconds = v.trim().parse().map_err(|_| {
                invalid(
                    "STEWARD_POSTS_NONCE_WINDOW_SECONDS",
                    "must be a whole number of seconds such as 120",
                )
            })?;
        }
        if let Some(v) = set("STEWARD_POSTS_CHANNEL_POSTS_PER_HOUR") {
            self.posts.channel_posts_per_hour = v.trim().parse().map_err(|_| {
                invalid(
                    "STEWARD_POSTS_CHANNEL_POSTS_PER_HOUR",
                    "must be a whole number such as 30",
                )
            })?;
        }
        if let Some(v) = set("STEWARD_LOG_FILTER") {
            self.log.filter = v;
        }
        if let Some(v) = set("STEWARD_LOG_FORMAT") {
            self.log.format = match v.trim().to_ascii_lowercase().as_str() {
                "text" => LogFormat::Text,
                "json" => LogFormat::Json,
                _ => return Err(invalid("STEWARD_LOG_FORMAT", "must be `text` or `json`")),
            };
        }
        self.discord.token = set("DISCORD_TOKEN").map(|t| Secret::new(t.trim()));
        Ok(())
    }

    /// Checks every value that can be checked without a network.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let url = self.database.url.trim();
        if !(url.starts_with("sqlite:")
            || url.starts_with("postgres://")
            || url.starts_with("postgresql://"))
        {
            return Err(invalid(
                "database.url",
                "must start with sqlite: (e.g. sqlite://steward.db) or postgres:// (e.g. postgres://steward@localhost/steward)",
            ));
        }
        if !(2..=3600).contains(&self.posts.lease_seconds) {
            return Err(invalid(
                "posts.lease_seconds",
                "must be from 2 to 3600 (default 60)",
            ));
        }
        if !(10..=600_000).contains(&self.posts.retry_base_ms) {
            return Err(invalid(
                "posts.retry_base_ms",
                "must be from 10 to 600000 (default 1000)",
            ));
        }
        if self.posts.nonce_window_seconds > 600 {
            return Err(invalid(
                "posts.nonce_window_seconds",
                "must be from 0 to 600 (default 120; Discord keeps a nonce for a few minutes)",
            ));
        }
        self.http
            .listen_addr()
            .map_err(|m| invalid("http.listen", &m))?;
        if let Some(url) = self.http.public_url.as_deref() {
            if !(url.starts_with("http://") || url.starts_with("https://")) {
                return Err(invalid(
                    "http.public_url",
                    "must start with http:// or https:// (e.g. https://steward.example.org)",
                ));
            }
        }
        if !(1..=100_000).contains(&self.posts.channel_posts_per_hour) {
            return Err(invalid(
                "posts.channel_posts_per_hour",
                "must be from 1 to 100000 (default 30)",
            ));
        }
        if self.database.max_connections == 0 {
            return Err(invalid("database.max_connections", "must be at least 1"));
        }
        if let Some(api) = &self.discord.api_url {
            validate_api_url(api)?;
        }
        if self.discord.dev_guild == Some(0) {
            return Err(invalid("discord.dev_guild", "must be a guild id, not 0"));
        }
        tracing_subscriber::EnvFilter::try_new(&self.log.filter)
            .map_err(|e| invalid("log.filter", &format!("{e} (example: info,steward=debug)")))?;
        Ok(())
    }

    /// The token, or the one-line error that says where to get one.
    pub fn require_token(&self) -> Result<&Secret, ConfigError> {
        self.discord.token.as_ref().ok_or_else(|| {
            invalid(
                "DISCORD_TOKEN",
                "is not set: create a bot at https://discord.com/developers/applications (Bot → Reset Token) and export DISCORD_TOKEN=<token>",
            )
        })
    }
}

fn validate_api_url(api: &str) -> Result<(), ConfigError> {
    let rest = api
        .strip_prefix("http://")
        .or_else(|| api.strip_prefix("https://"));
    let ok = match rest {
        Some(host) => {
            let host = host.trim_end_matches('/');
            !host.is_empty() && !host.contains('/') && !host.contains('?')
        }
        None => false,
    };
    if ok {
        Ok(())
    } else {
        Err(invalid(
            "discord.api_url",
            "must be a base URL without a path, such as http://127.0.0.1:8080 (not …/api/v10)",
        ))
    }
}

fn invalid(key: &str, message: &str) -> ConfigError {
    ConfigError::Invalid {
        key: key.to_owned(),
        message: message.to_owned(),
    }
}

#[cfg(test)]
#[path = "config_tests.rs"]
mod tests;
