//! Benchmarks of the posts engine (`cargo bench --bench posts`):
//! 1. finding and claiming the next due batch among 3.6 M planned posts (100,000 communities × 12
//!    gatherings × 3 posts), on SQLite and PostgreSQL: median and p95 per claim, and the query plan;
//! 2. a burst of 10,000 posts due in the same second, sent through the fake Discord: lateness median and
//!    p99, and throughput.
//!
//! Sizes can be lowered with STEWARD_BENCH_COMMUNITIES and STEWARD_BENCH_BURST.

#[path = "../support/mod.rs"]
mod support;

use chrono::{Duration, Utc};
use sqlx::Connection;
use std::sync::Arc;
use std::time::Instant;
use steward::clock::SystemClock;
use steward::config::PostsConfig;
use steward::scheduler::{Engine, BATCH};
use steward::store::Store;
use support::calendar_fill::Calendar;
use support::db::TestDb;
use support::fake_discord::FakeDiscord;

fn env_number(key: &str, default: i64) -> i64 {
    std::env::var(key)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Resident memory of this process, in MiB (Linux).
fn rss_mib() -> f64 {
    let pages: f64 = std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1).and_then(|p| p.parse().ok()))
        .unwrap_or(0.0);
    pages * 4096.0 / (1024.0 * 1024.0)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn summary(mut values: Vec<f64>) -> (f64, f64, f64) {
    values.sort_by(|a, b| a.partial_cmp(b).unwrap());
    (
        percentile(&values, 0.5),
        percentile(&values, 0.95),
        percentile(&values, 0.99),
    )
}

/// Fills the database with `communities` × 12 gatherings × 3 posts, spread over the next 90 days so that
/// about 0.5 % are due now.
async fn fill(db: &TestDb, communities: i64, now: i64) {
    let calendar = Calendar {
        communities,
        weeks: 12,
        guild: 1,
        channel_base: 0,
        now,
        due: format!("{now} - 3600 + ((g.id * 3 + m) * 7919) % 7776000"),
    };
    support::calendar_fill::fill(db, &calendar).await;
}

async fn claim_benchmark(db: TestDb, communities: i64) {
    let store = Store::open(db.url(), 4).await.unwrap();
    let now = Utc::now();
    let started = Instant::now();
    fill(&db, communities, now.timestamp()).await;
    let filled = started.elapsed();
    let rss_before = rss_mib();
    let mut full = Vec::new();
    let mut all = Vec::new();
    let mut claimed = 0;
    for i in 0..300 {
        let t = Instant::now();
        let batch = store
            .claim_due_posts(&format!("w{i}"), now, now + Duration::seconds(60), BATCH)
            .await
            .unwrap();
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        all.push(ms);
        if batch.len() as i64 == BATCH {
            full.push(ms);
        }
        claimed += batch.len();
    }
    let rss_after = rss_mib();
    println!(
        "claim [{}] memory of the claiming process: {rss_before:.1} MiB before 300 claims, {rss_after:.1} MiB after",
        db.label()
    );
    let (median, p95, _) = summary(all);
    let (full_median, full_p95, _) = summary(full.clone());
    println!(
        "claim [{}] {} posts ({} communities, filled in {:.0} s): find and claim the next batch: median \
         {median:.2} ms, p95 {p95:.2} ms over 300 claims ({claimed} posts claimed); the {} claims that took a \
         full batch of {BATCH}: median {full_median:.2} ms, p95 {full_p95:.2} ms",
        db.label(),
        communities * 36,
        communities,
        filled.as_secs_f64(),
        full.len()
    );
    let plan = match &db {
        TestDb::Sqlite { url, .. } => {
            let mut conn = sqlx::SqliteConnection::connect(url).await.unwrap();
            let rows: Vec<(i64, i64, i64, String)> = sqlx::query_as(
                "EXPLAIN QUERY PLAN SELECT id FROM posts WHERE sent_at IS NULL AND dropped_at IS NULL AND due_at <= 1 ORDER BY due_at LIMIT 10",
            )
            .fetch_all(&mut conn)
            .await
            .unwrap();
            rows.into_iter().map(|r| r.3).collect::<Vec<_>>().join("; ")
        }
        TestDb::Postgres { url, .. } => {
            let mut conn = sqlx::PgConnection::connect(url).await.unwrap();
            let rows: Vec<(String,)> = sqlx::query_as(
                "EXPLAIN SELECT id FROM posts WHERE sent_at IS NULL AND dropped_at IS NULL AND due_at <= 1 ORDER BY due_at LIMIT 10 FOR UPDATE SKIP LOCKED",
            )
            .fetch_all(&mut conn)
            .await
            .unwrap();
            rows.into_iter()
                .map(|r| r.0.trim().to_owned())
                .collect::<Vec<_>>()
                .join("; ")
        }
    };
    println!("claim [{}] plan: {plan}", db.label());
    store.close().await;
}

async fn burst_benchmark(count: i64) {
    let fake = FakeDiscord::start().await;
    let db = TestDb::sqlite();
    let store = Store::open(db.url(), 5).await.unwrap();
    let due = Utc::now() + Duration::seconds(2);
    support::fixtures::plan_burst(&store, count as usize, due).await;
    let client = reqwest::Client::builder().no_proxy().build().unwrap();
    let http = poise::serenity_prelude::HttpBuilder::new(support::bot::TOKEN)
        .client(client)
        .proxy(fake.api_url())
        .ratelimiter_disabled(true)
        .build();
    let engine = Engine::new(
        store.clone(),
        Arc::new(http),
        Arc::new(SystemClock),
        "bench".into(),
        // The burst puts every post in one channel on purpose: lift the hourly cap.
        PostsConfig {
            channel_posts_per_hour: 100_000,
            ..PostsConfig::default()
        },
    );
    let wait = (due - Utc::now()).to_std().unwrap_or_default();
    tokio::time::sleep(wait).await;
    let began = Instant::now();
    loop {
        if engine.run_due(Utc::now()).await.unwrap() == 0
            && fake.created_messages().len() as i64 >= count
        {
            break;
        }
    }
    let took = began.elapsed().as_secs_f64();
    let due_at = std::time::SystemTime::UNIX_EPOCH
        + std::time::Duration::from_millis(due.timestamp_millis() as u64);
    let lateness: Vec<f64> = fake
        .requests()
        .iter()
        .filter(|r| r.path.ends_with("/messages") && r.method == "POST")
        .map(|r| {
            r.at.duration_since(due_at)
                .unwrap_or_default()
                .as_secs_f64()
                * 1000.0
        })
        .collect();
    let sent = lateness.len();
    let (median, _, p99) = summary(lateness);
    println!(
        "burst [sqlite → fake Discord] {count} posts due in the same second: lateness median {median:.0} ms, p99 {p99:.0} ms; \
         throughput {:.0} posts/s ({sent} requests, {} messages)",
        count as f64 / took,
        fake.created_messages().len()
    );
    store.close().await;
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let communities = env_number("STEWARD_BENCH_COMMUNITIES", 100_000);
    let burst = env_number("STEWARD_BENCH_BURST", 10_000);
    // STEWARD_BENCH_ONLY=sqlite,postgres,burst picks parts (default: all).
    let only =
        std::env::var("STEWARD_BENCH_ONLY").unwrap_or_else(|_| "sqlite,postgres,burst".into());
    runtime.block_on(async {
        if only.contains("sqlite") {
            claim_benchmark(TestDb::sqlite(), communities).await;
        }
        if only.contains("postgres") {
            if let Some(db) = TestDb::postgres().await {
                claim_benchmark(db, communities).await;
            }
        }
        if only.contains("burst") {
            burst_benchmark(burst).await;
        }
    });
}
