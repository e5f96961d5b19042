//! Exactly once across processes: the real `steward` binary killed (SIGKILL) in the middle of a burst of
//! 500 due posts and restarted, and two binaries sharing 2,000 due posts on one PostgreSQL database.

mod support;

use std::collections::HashSet;
use support::db::TestDb;
use support::fake_discord::interactions::CHANNEL;
use support::fake_discord::FakeDiscord;
use support::fixtures::burst;
use support::process::spawn_steward;
use tokio::process::Child;

fn spawn_bot(fake: &FakeDiscord, db_url: &str, dir: &std::path::Path, lease: &str) -> Child {
    spawn_steward(fake, db_url, dir, &[("STEWARD_POSTS_LEASE_SECONDS", lease)])
}

fn card_nonces(fake: &FakeDiscord) -> Vec<String> {
    fake.created_messages()
        .into_iter()
        .filter_map(|(nonce, _)| nonce)
        .collect()
}

#[tokio::test]
async fn a_bot_killed_mid_burst_and_restarted_delivers_every_post_exactly_once() {
    let fake = FakeDiscord::start().await;
    let db = TestDb::sqlite();
    let dir = tempfile::tempdir().unwrap();
    burst(db.url(), 500).await;
    fake.set_message_latency(100);

    let mut first = spawn_bot(&fake, db.url(), dir.path(), "2");
    fake.wait_for("a first part of the burst", |f| {
        (card_nonces(f).len() >= 100).then_some(())
    })
    .await;
    first.start_kill().expect("SIGKILL");
    first.wait().await.unwrap();
    let at_kill = card_nonces(&fake).len();
    assert!(
        at_kill < 500,
        "killed in the middle of the burst ({at_kill} sent)"
    );

    let mut second = spawn_bot(&fake, db.url(), dir.path(), "2");
    // The second process first waits out the lease of what the first had claimed; on a busy 2-core
    // machine 500 posts at 100 ms each can take longer than the default 20 s.
    fake.wait_for_within(std::time::Duration::from_secs(60), "all 500 posts", |f| {
        (card_nonces(f).len() >= 500).then_some(())
    })
    .await;
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    let nonces = card_nonces(&fake);
    let distinct: HashSet<&String> = nonces.iter().collect();
    assert_eq!(
        (nonces.len(), distinct.len()),
        (500, 500),
        "every post exactly once (killed at {at_kill})"
    );
    let requests = fake
        .requests()
        .iter()
        .filter(|r| r.path == format!("/channels/{CHANNEL}/messages"))
        .count();
    eprintln!("crash test: killed after {at_kill} posts; {requests} requests for 500 messages (resends deduplicated by nonce)");
    second.start_kill().ok();
    second.wait().await.ok();
    let mut conn = <sqlx::SqliteConnection as sqlx::Connection>::connect(db.url())
        .await
        .unwrap();
    let unsent: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM posts WHERE idem_key LIKE 'burst:%' AND sent_at IS NULL",
    )
    .fetch_one(&mut conn)
    .await
    .unwrap();
    assert_eq!(unsent, 0, "every post is marked sent");
    fake.assert_spec_clean();
}

#[tokio::test]
async fn two_processes_on_one_postgres_share_2000_posts_with_no_duplicate() {
    let Some(db) = TestDb::postgres().await else {
        return;
    };
    let fake = FakeDiscord::start().await;
    let dir = tempfile::tempdir().unwrap();
    burst(db.url(), 2000).await;
    fake.set_message_latency(5);
    let mut a = spawn_bot(&fake, db.url(), dir.path(), "60");
    let mut b = spawn_bot(&fake, db.url(), dir.path(), "60");
    // Each process claims 10 at a time (a claim once took ~2,000 rows at once: see CLAIM_POSTGRES), so
    // on this shared 2-core machine the burst takes some seconds longer than the default patience.
    fake.wait_for_within(std::time::Duration::from_secs(90), "all 2,000 posts", |f| {
        (card_nonces(f).len() >= 2000).then_some(())
    })
    .await;
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    let nonces = card_nonces(&fake);
    let distinct: HashSet<&String> = nonces.iter().collect();
    assert_eq!(
        (nonces.len(), distinct.len()),
        (2000, 2000),
        "each post exactly once"
    );
    let requests = fake
        .requests()
        .iter()
        .filter(|r| r.path == format!("/channels/{CHANNEL}/messages"))
        .count();
    assert_eq!(requests, 2000, "not even a duplicate request");
    for child in [&mut a, &mut b] {
        child.start_kill().ok();
        child.wait().await.ok();
    }
    let mut conn = <sqlx::PgConnection as sqlx::Connection>::connect(db.url())
        .await
        .unwrap();
    let workers: i64 = sqlx::query_scalar(
        "SELECT COUNT(DISTINCT claimed_by) FROM posts WHERE idem_key LIKE 'burst:%'",
    )
    .fetch_one(&mut conn)
    .await
    .unwrap();
    assert_eq!(workers, 2, "both processes took part");
    let unsent: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM posts WHERE idem_key LIKE 'burst:%' AND sent_at IS NULL",
    )
    .fetch_one(&mut conn)
    .await
    .unwrap();
    assert_eq!(unsent, 0);
    fake.assert_spec_clean();
}
