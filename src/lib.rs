//! Steward: a Discord bot for communities of practice.
//!
//! Map of the crate:
//! - [`cli`]: the `steward` command line (`run`, `check`, `migrate`, `invite-url`).
//! - [`config`]: typed configuration from `config/steward.toml` and `STEWARD_*` variables.
//! - [`telemetry`]: tracing set-up, with the bot token redacted from every log line.
//! - [`clock`]: the one place that reads the system time.
//! - [`domain`]: pure rules — communities, gatherings and their changes, recurrence, agenda roles and
//!   rotation, reminders and posts, RSVP, practice notes, access. No serenity, sqlx or clock.
//! - [`store`]: sqlx on SQLite or PostgreSQL, one file per aggregate, embedded migrations.
//! - [`discord`]: the edge — one room per feature (gathering, roles, rsvp, notes, community), what the
//!   bot says ([`discord::format`]), the one answer path, the serenity client.
//! - [`scheduler`]: the posts engine — plans reminders, cards, prompts and notices, claims what is due
//!   and sends it exactly once.
//! - [`listener`]: the HTTP listener's `/healthz` and `/metrics`; [`web`]: on the same listener, the
//!   calendar feeds (`/calendar/<token>.ics`) and the opt-in public pages (`/c/<slug>`, `/`).
//!
//! Arrows go one way: `cli` → `scheduler` → `discord` → `store` → `domain`, and `web` reads only
//! `store` and `domain` (checked by `tests/layers.rs`).

pub mod cli;
mod cli_data;
pub mod clock;
pub mod config;
mod config_ops;
pub mod discord;
pub mod domain;
pub mod i18n;
pub mod listener;
pub mod metrics;
pub mod scheduler;
pub mod store;
pub mod telemetry;
pub mod web;
