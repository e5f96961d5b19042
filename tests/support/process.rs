//! The real `steward` binary as a child process against the fake Discord (for tests that kill it or run
//! several at once).

use super::bot::TOKEN;
use super::fake_discord::FakeDiscord;
use std::process::Stdio;
use tokio::process::{Child, Command};

/// Starts `steward run` on `db_url` in `dir`, with the fake's address, quick retries, the hourly channel
/// cap lifted (bursts put hundreds of posts in one channel on purpose), and `env` on top. Its log goes to
/// the test's stderr when `STEWARD_TEST_BOT_STDERR` is set, at the level in `STEWARD_TEST_BOT_LOG`.
pub fn spawn_steward(
    fake: &FakeDiscord,
    db_url: &str,
    dir: &std::path::Path,
    env: &[(&str, &str)],
) -> Child {
    let mut command = Command::new(env!("CARGO_BIN_EXE_steward"));
    command
        .arg("run")
        .current_dir(dir)
        .env("DISCORD_TOKEN", TOKEN)
        .env("STEWARD_DISCORD_API_URL", fake.api_url())
        .env("STEWARD_DATABASE_URL", db_url)
        .env("STEWARD_POSTS_RETRY_BASE_MS", "100")
        .env("STEWARD_POSTS_CHANNEL_POSTS_PER_HOUR", "100000")
        .env(
            "RUST_LOG",
            std::env::var("STEWARD_TEST_BOT_LOG").unwrap_or_else(|_| "warn".into()),
        )
        .stdout(Stdio::null())
        .stderr(if std::env::var("STEWARD_TEST_BOT_STDERR").is_ok() {
            Stdio::inherit()
        } else {
            Stdio::null()
        })
        .kill_on_drop(true);
    for (key, value) in env {
        command.env(key, value);
    }
    command.spawn().expect("steward starts")
}
