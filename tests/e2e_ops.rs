//! Operating it: the HTTP listener's `/healthz` (200 when the gateway, the database and the background
//! loops are fine; 503 with reasons when the database is unreachable, 200 again when it returns) and
//! `/metrics` (Prometheus text that a Prometheus parser reads, whose counters move with the work).

mod support;

use serde_json::Value;
use sqlx::{Connection, Executor, PgConnection};
use std::sync::Arc;
use steward::clock::SystemClock;
use steward::config::HttpConfig;
use support::bot::RunningBot;
use support::db::{postgres_admin_url, TestDb};
use support::fake_discord::{FakeDiscord, Invocation, Member};

/// A free port on 127.0.0.1 (bound and released: good enough for one test).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

async fn start(fake: &FakeDiscord, db: &TestDb) -> (RunningBot, String) {
    let port = free_port();
    let http = HttpConfig {
        listen: Some(format!("127.0.0.1:{port}")),
        public_url: None,
    };
    let posts = steward::config::PostsConfig::default();
    let bot = RunningBot::start_with(fake, db.url(), Arc::new(SystemClock), posts, http).await;
    (bot, format!("http://127.0.0.1:{port}"))
}

async fn get(url: &str) -> (u16, String) {
    let response = reqwest::get(url).await.expect("the listener answers");
    let status = response.status().as_u16();
    (status, response.text().await.unwrap_or_default())
}

/// Waits until `/healthz` answers `status`; returns its JSON body.
async fn health_becomes(base: &str, status: u16) -> Value {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let (got, body) = get(&format!("{base}/healthz")).await;
        if got == status {
            return serde_json::from_str(&body).expect("healthz answers JSON");
        }
        assert!(
            std::time::Instant::now() < deadline,
            "healthz stayed {got} ({body}), expected {status}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
}

/// The value of `name{label="value"}` in a scrape, read by a Prometheus text parser.
fn sample(text: &str, name: &str, label: (&str, &str)) -> f64 {
    let lines = text.lines().map(|l| Ok(l.to_owned()));
    let scrape = prometheus_parse::Scrape::parse(lines).expect("the metrics parse");
    scrape
        .samples
        .iter()
        .filter(|s| s.metric == name && s.labels.get(label.0) == Some(label.1))
        .map(|s| match s.value {
            prometheus_parse::Value::Counter(v)
            | prometheus_parse::Value::Gauge(v)
            | prometheus_parse::Value::Untyped(v) => v,
            _ => 0.0,
        })
        .sum()
}

#[tokio::test]
async fn metrics_parse_and_their_counters_move_with_the_work() {
    let fake = FakeDiscord::start().await;
    let db = TestDb::sqlite();
    let (bot, base) = start(&fake, &db).await;
    let health = health_becomes(&base, 200).await;
    assert_eq!(health["status"], "ok");

    let (status, before) = get(&format!("{base}/metrics")).await;
    assert_eq!(status, 200);
    for name in [
        "steward_interactions_total",
        "steward_interaction_seconds_bucket",
        "steward_posts_total",
        "steward_posts_due",
        "steward_event_mirror_failures_total",
        "steward_db_connections",
        "steward_db_query_seconds_bucket",
    ] {
        assert!(before.contains(name), "{name} missing from {before}");
    }
    let commands = sample(&before, "steward_interactions_total", ("kind", "command"));
    let clicks = sample(&before, "steward_interactions_total", ("kind", "click"));

    fake.run(&Invocation::new("help", &Member::regular(2)))
        .await;
    let setup = Invocation::new("community setup", &Member::manager(1))
        .opt("name", "Circle")
        .opt("timezone", "America/Toronto");
    fake.run(&setup).await;
    let id = fake.click(
        &Member::regular(2),
        support::fake_discord::interactions::CHANNEL,
        "st:rsvp:1:going",
    );
    fake.response_to(id).await;

    let (_, after) = get(&format!("{base}/metrics")).await;
    assert!(
        sample(&after, "steward_interactions_total", ("kind", "command")) >= commands + 2.0,
        "{after}"
    );
    assert!(sample(&after, "steward_interactions_total", ("kind", "click")) >= clicks + 1.0);
    let in_use = sample(&after, "steward_db_connections", ("state", "idle"))
        + sample(&after, "steward_db_connections", ("state", "in_use"));
    assert!(in_use >= 1.0, "the pool is open: {after}");
    let (status, _) = get(&format!("{base}/nothing-here")).await;
    assert_eq!(status, 404);
    bot.stop().await;
    fake.assert_spec_clean();
}

#[tokio::test]
async fn healthz_is_503_while_the_database_is_unreachable_and_200_when_it_returns() {
    let Some(db) = TestDb::postgres().await else {
        return;
    };
    let TestDb::Postgres { name, .. } = &db else {
        unreachable!("a PostgreSQL database")
    };
    let name = name.clone();
    let fake = FakeDiscord::start().await;
    let (bot, base) = start(&fake, &db).await;
    health_becomes(&base, 200).await;

    let mut admin = PgConnection::connect(&postgres_admin_url()).await.unwrap();
    admin
        .execute(sqlx::AssertSqlSafe(format!(
            "ALTER DATABASE {name} ALLOW_CONNECTIONS false"
        )))
        .await
        .unwrap();
    admin
        .execute(sqlx::AssertSqlSafe(format!(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'"
        )))
        .await
        .unwrap();
    let down = health_becomes(&base, 503).await;
    assert_eq!(down["status"], "unavailable");
    let reasons = down["reasons"].to_string();
    assert!(reasons.contains("database"), "{down}");
    assert!(!reasons.contains("password"), "{down}");

    admin
        .execute(sqlx::AssertSqlSafe(format!(
            "ALTER DATABASE {name} ALLOW_CONNECTIONS true"
        )))
        .await
        .unwrap();
    let up = health_becomes(&base, 200).await;
    assert_eq!(up["status"], "ok");
    admin.close().await.ok();
    bot.stop().await;
    fake.assert_spec_clean();
}
