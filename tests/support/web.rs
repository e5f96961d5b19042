//! The bot with its HTTP listener on a free port, and plain HTTP requests to it.

use super::bot::{RunningBot, TestClock};
use super::db::TestDb;
use super::fake_discord::FakeDiscord;
use chrono::{DateTime, Utc};
use std::sync::Arc;
use steward::config::HttpConfig;

/// A free port on 127.0.0.1 (bound and released: good enough for one test).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// A bot whose listener answers at `base`, its clock at the test's control.
pub struct Listening {
    /// The fake Discord.
    pub fake: FakeDiscord,
    /// The bot.
    pub bot: RunningBot,
    /// Its clock.
    pub clock: Arc<TestClock>,
    /// `http://127.0.0.1:<port>`.
    pub base: String,
}

/// Starts the bot on `db` with `http.listen` on a free port and `http.public_url` as given, and waits
/// until the listener answers.
pub async fn listening(db: &TestDb, now: DateTime<Utc>, public_url: Option<&str>) -> Listening {
    let fake = FakeDiscord::start().await;
    let clock = TestClock::at(now);
    let port = free_port();
    let http = HttpConfig {
        listen: Some(format!("127.0.0.1:{port}")),
        public_url: public_url.map(str::to_owned),
    };
    let posts = steward::config::PostsConfig::default();
    let bot = RunningBot::start_with(&fake, db.url(), clock.clone(), posts, http).await;
    let base = format!("http://127.0.0.1:{port}");
    for _ in 0..100 {
        if reqwest::get(format!("{base}/")).await.is_ok() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    Listening {
        fake,
        bot,
        clock,
        base,
    }
}

/// GET `url` with `headers`.
pub async fn get(url: &str, headers: &[(&str, &str)]) -> reqwest::Response {
    let client = reqwest::Client::new();
    let mut request = client.get(url);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.send().await.expect("the listener answers")
}
