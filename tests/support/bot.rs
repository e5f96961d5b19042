//! Runs the real bot (serenity client + poise framework) in-process against a fake Discord.

use super::fake_discord::FakeDiscord;
use chrono::{DateTime, Utc};
use std::sync::Arc;
use std::sync::Mutex;
use steward::clock::{Clock, SystemClock};
use steward::config::{DiscordConfig, HttpConfig, Secret};
use steward::store::Store;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// The token the tests give the bot (it must never appear in logs).
pub const TOKEN: &str = "MTIzNDU2Nzg5MDEyMzQ1Njc4.TEST.never-log-this-token-xyz";

/// A bot running in a task.
pub struct RunningBot {
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<Result<(), String>>,
    /// Its store (shared with the bot).
    pub store: Store,
}

impl RunningBot {
    /// Starts the bot on `db_url` against `fake` and waits until it has registered its commands.
    pub async fn start(fake: &FakeDiscord, db_url: &str) -> RunningBot {
        Self::start_with_clock(fake, db_url, Arc::new(SystemClock)).await
    }

    /// The same with a clock the test controls.
    pub async fn start_with_clock(
        fake: &FakeDiscord,
        db_url: &str,
        clock: Arc<dyn Clock>,
    ) -> RunningBot {
        let posts = steward::config::PostsConfig {
            lease_seconds: 3,
            retry_base_ms: 100,
            ..Default::default()
        };
        Self::start_with_posts(fake, db_url, clock, posts).await
    }

    /// The same with the posts engine's settings given.
    pub async fn start_with_posts(
        fake: &FakeDiscord,
        db_url: &str,
        clock: Arc<dyn Clock>,
        posts: steward::config::PostsConfig,
    ) -> RunningBot {
        Self::start_with(fake, db_url, clock, posts, HttpConfig::default()).await
    }

    /// The same with the HTTP listener's settings given too.
    pub async fn start_with(
        fake: &FakeDiscord,
        db_url: &str,
        clock: Arc<dyn Clock>,
        posts: steward::config::PostsConfig,
        http: HttpConfig,
    ) -> RunningBot {
        let store = Store::open(db_url, 5).await.expect("store opens");
        let config = DiscordConfig {
            api_url: Some(fake.api_url()),
            dev_guild: None,
            shards: Default::default(),
            token: Some(Secret::new(TOKEN)),
        };
        let (stop, stopped) = oneshot::channel::<()>();
        let bot_store = store.clone();
        let task = tokio::spawn(async move {
            let token = Secret::new(TOKEN);
            let shutdown = async move {
                stopped.await.ok();
            };
            steward::cli::serve(&config, &http, posts, &token, bot_store, clock, shutdown)
                .await
                .map_err(|e| e.to_string())
        });
        fake.wait_ready().await;
        RunningBot {
            stop: Some(stop),
            task,
            store,
        }
    }

    /// Asks the bot to shut down, waits for it, and closes the store.
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            stop.send(()).ok();
        }
        let outcome = tokio::time::timeout(std::time::Duration::from_secs(20), &mut self.task)
            .await
            .expect("bot stops within 20 s")
            .expect("bot task did not panic");
        outcome.expect("bot stopped without error");
        self.store.close().await;
    }
}

/// A clock that stands still until the test moves it.
pub struct TestClock(Mutex<DateTime<Utc>>);

impl TestClock {
    /// A clock showing `now`.
    pub fn at(now: DateTime<Utc>) -> Arc<TestClock> {
        Arc::new(TestClock(Mutex::new(now)))
    }
    /// Moves the clock.
    pub fn set(&self, now: DateTime<Utc>) {
        *self.0.lock().unwrap() = now;
    }
}

impl Clock for TestClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap()
    }
}

/// A clock that runs at real speed from a chosen start: sleeps computed from it are real sleeps.
pub struct ShiftedClock {
    start: DateTime<Utc>,
    real_start: std::time::Instant,
    jumped: Mutex<chrono::Duration>,
}

impl ShiftedClock {
    /// A clock that shows `start` now and runs on from there.
    pub fn starting_at(start: DateTime<Utc>) -> Arc<ShiftedClock> {
        Arc::new(ShiftedClock {
            start,
            real_start: std::time::Instant::now(),
            jumped: Mutex::new(chrono::Duration::zero()),
        })
    }
    /// Moves the clock forward by `by` at once (it runs on at real speed from there).
    pub fn jump(&self, by: chrono::Duration) {
        *self.jumped.lock().unwrap() += by;
    }
    /// The real moment this clock will show `t`.
    pub fn real_time_of(&self, t: DateTime<Utc>) -> std::time::SystemTime {
        let jumped = *self.jumped.lock().unwrap();
        let offset = (t - self.start - jumped).to_std().unwrap_or_default();
        let elapsed = self.real_start.elapsed();
        std::time::SystemTime::now() - elapsed + offset
    }
}

impl Clock for ShiftedClock {
    fn now(&self) -> DateTime<Utc> {
        self.start
            + *self.jumped.lock().unwrap()
            + chrono::Duration::from_std(self.real_start.elapsed()).unwrap_or_default()
    }
}
