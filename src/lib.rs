//! Steward: a Discord bot for communities of practice.
//!
//! Map of the crate:
//! - [`cli`]: the `steward` command line (`run`, `check`, `migrate`, `invite-url`).
//! - [`config`]: typed configuration from `config/steward.toml` and `STEWARD_*` variables.
//! - [`telemetry`]: tracing set-up, with the bot token redacted from every log line.
//! - [`clock`]: the one place that reads the system time.
//! - [`domain`]: pure rules — communities, time zones, reminder offsets, role prompts, access.
//! - [`store`]: sqlx on SQLite or PostgreSQL, one file per aggregate, embedded migrations.
//! - [`discord`]: the poise commands, their replies and the serenity client.

pub mod cli;
pub mod clock;
pub mod config;
pub mod discord;
pub mod domain;
pub mod scheduler;
pub mod store;
pub mod telemetry;
