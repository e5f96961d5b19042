//! One value for an end-to-end test, like zero-to-production's `TestApp`: it owns the fake Discord, a
//! fresh database, the running bot and the clock, has methods that say what a test means
//! (`app.organizer_runs(…)`, `app.member_runs(…)`, `app.click(…)`), and a [`TestApp::finish`] that always
//! checks every request the bot made against Discord's OpenAPI spec. A `TestApp` dropped without
//! `finish()` fails the test, so the spec check cannot be forgotten.

use super::bot::{RunningBot, TestClock};
use super::db::TestDb;
use super::fake_discord::interactions::CHANNEL;
use super::fake_discord::{FakeDiscord, Invocation, Member};
use chrono::{DateTime, Utc};
use serde_json::Value;
use std::sync::Arc;
use steward::store::Store;

/// The id the harness's organizer (a member with Manage Server) has.
pub const ORGANIZER: u64 = 1;

/// A running bot against a fake Discord, on its own database, with a clock the test sets.
pub struct TestApp {
    /// The fake Discord (for what the harness does not wrap).
    pub fake: FakeDiscord,
    /// The clock the bot reads.
    pub clock: Arc<TestClock>,
    db: TestDb,
    bot: Option<RunningBot>,
    finished: bool,
}

impl TestApp {
    /// The bot on a fresh SQLite file, its clock at `now`.
    pub async fn sqlite_at(now: DateTime<Utc>) -> TestApp {
        Self::on(TestDb::sqlite(), now).await
    }

    /// The bot on `db`, its clock at `now`.
    pub async fn on(db: TestDb, now: DateTime<Utc>) -> TestApp {
        let fake = FakeDiscord::start().await;
        let clock = TestClock::at(now);
        let bot = RunningBot::start_with_clock(&fake, db.url(), clock.clone()).await;
        TestApp {
            fake,
            clock,
            db,
            bot: Some(bot),
            finished: false,
        }
    }

    /// The bot's store.
    pub fn store(&self) -> &Store {
        &self.bot.as_ref().expect("the bot is running").store
    }

    /// The test's database.
    pub fn db(&self) -> &TestDb {
        &self.db
    }

    /// `sqlite` or `postgres`, for messages.
    pub fn backend(&self) -> &'static str {
        self.db.label()
    }

    /// The answer to `/command` run by the organizer, with `options` (name, JSON value as Discord sends it: `json!("Opener")`, `json!(true)`).
    pub async fn organizer_runs(&self, command: &str, options: &[(&str, Value)]) -> Value {
        self.runs(&Member::manager(ORGANIZER), command, options)
            .await
    }

    /// The answer to `/command` run by the ordinary member `member`.
    pub async fn member_runs(
        &self,
        member: u64,
        command: &str,
        options: &[(&str, Value)],
    ) -> Value {
        self.runs(&Member::regular(member), command, options).await
    }

    async fn runs(&self, member: &Member, command: &str, options: &[(&str, Value)]) -> Value {
        let mut invocation = Invocation::new(command, member);
        for (name, value) in options {
            invocation = invocation.opt(name, value.clone());
        }
        self.fake.run(&invocation).await
    }

    /// The answer to `member` clicking the button `custom_id` in the community's channel.
    pub async fn click(&self, member: u64, custom_id: &str) -> Value {
        let id = self
            .fake
            .click(&Member::regular(member), CHANNEL, custom_id);
        self.fake.response_to(id).await
    }

    /// Stops the bot and checks every request it made against Discord's spec.
    pub async fn finish(mut self) {
        self.finished = true;
        if let Some(bot) = self.bot.take() {
            bot.stop().await;
        }
        self.fake.assert_spec_clean();
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if !self.finished && !std::thread::panicking() {
            panic!("a TestApp must end with `app.finish().await` (it checks the spec)");
        }
    }
}
