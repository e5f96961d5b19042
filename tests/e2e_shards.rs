//! Scale-out: two `steward run` processes on one database, each running one of two gateway shards
//! (`0-0/2` and `1-1/2`), against a fake Discord that delivers like Discord (a guild's events to the
//! sessions of shard `(guild_id >> 22) % 2`). Guilds on both shards: every command, click and form is
//! handled exactly once (one callback each, one note, one notice), and 2,000 due posts are delivered
//! exactly once — on SQLite and on PostgreSQL.

mod support;

use chrono::{Duration, Utc};
use serde_json::Value;
use steward::domain::ids::ChannelRef;
use steward::store::Store;
use support::db::TestDb;
use support::fake_discord::interactions::{CHANNEL, GUILD};
use support::fake_discord::{FakeDiscord, Invocation, Member};
use support::fixtures::plan_burst_in;
use support::notes::{button, form_id, submit};
use support::process::spawn_steward;
use tokio::process::Child;

/// A guild on the other shard of two than [`GUILD`] (one more in the bits Discord shards by).
const OTHER_GUILD: u64 = GUILD + (1 << 22);
/// The community channel in [`OTHER_GUILD`].
const OTHER_CHANNEL: u64 = CHANNEL + 17;
/// The channel of the community whose posts make the burst.
const BURST_CHANNEL: u64 = CHANNEL + 33;
/// Due posts planned for the burst.
const POSTS: usize = 2000;

fn spawn_bot(fake: &FakeDiscord, db_url: &str, dir: &std::path::Path, shards: &str) -> Child {
    spawn_steward(
        fake,
        db_url,
        dir,
        &[
            ("STEWARD_DISCORD_SHARDS", shards),
            ("STEWARD_POSTS_LEASE_SECONDS", "30"),
        ],
    )
}

/// How many callbacks (initial answers) Discord received for interaction `id`.
fn callbacks(fake: &FakeDiscord, id: u64) -> usize {
    let prefix = format!("/interactions/{id}/");
    fake.requests()
        .iter()
        .filter(|r| {
            r.method == "POST" && r.path.starts_with(&prefix) && r.path.ends_with("/callback")
        })
        .count()
}

/// Runs `invocation` and checks that exactly one process answered it.
async fn once(fake: &FakeDiscord, invocation: &Invocation) -> Value {
    let id = fake.invoke(invocation);
    let answer = fake.response_to(id).await;
    settle().await;
    assert_eq!(
        callbacks(fake, id),
        1,
        "one answer to {}",
        invocation.command
    );
    answer
}

/// Gives a second process time to (wrongly) answer too.
async fn settle() {
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
}

/// One community per guild, each with a gathering, an RSVP click, a note form and a cancel notice.
async fn work_in(fake: &FakeDiscord, channel: u64, name: &str) {
    let organizer = Member::manager(1);
    let setup = Invocation::new("community setup", &organizer)
        .opt("name", name)
        .opt("timezone", "America/Toronto")
        .in_channel(channel);
    once(fake, &setup).await;
    let day = (Utc::now() + Duration::days(20))
        .format("%Y-%m-%d")
        .to_string();
    let add = Invocation::new("gathering add", &organizer)
        .opt("date", day.as_str())
        .opt("start", "1pm")
        .opt("end", "3pm")
        .opt("title", "Circle")
        .in_channel(channel);
    once(fake, &add).await;
    let card = once(
        fake,
        &Invocation::new("gathering next", &Member::regular(5)).in_channel(channel),
    )
    .await;
    let going = button(&card, "Going").expect("a Going button");
    let click = fake.click(&Member::regular(5), channel, &going);
    assert_eq!(fake.response_to(click).await["type"], 7);
    settle().await;
    assert_eq!(callbacks(fake, click), 1, "one answer to the click");

    let form = once(
        fake,
        &Invocation::new("note add", &Member::regular(7))
            .opt("kind", "story")
            .in_channel(channel),
    )
    .await;
    let fields = [
        ("title", "What worked"),
        ("kind", "story"),
        ("tags", "rounds"),
        ("body", "A one-word round opened the circle."),
        ("link", ""),
    ];
    let form = form_id(&form);
    let before = fake.requests().len();
    let archived = submit(fake, &Member::regular(7), channel, &form, &fields).await;
    assert_eq!(archived["type"], 4, "{archived}");
    settle().await;
    let answers = fake.requests()[before..]
        .iter()
        .filter(|r| r.path.ends_with("/callback"))
        .count();
    assert_eq!(answers, 1, "one answer to the form");

    let cancel = Invocation::new("gathering cancel", &organizer)
        .opt("gathering", day.as_str())
        .in_channel(channel);
    once(fake, &cancel).await;
}

async fn store_of(db: &TestDb) -> Store {
    Store::open(db.url(), 2).await.expect("store opens")
}

async fn split_shards_handle_everything_once(db: TestDb) {
    let fake = FakeDiscord::start().await;
    fake.put_channel_in_guild(OTHER_CHANNEL, OTHER_GUILD);
    let dir = tempfile::tempdir().unwrap();
    // A burst of due posts in a third channel, shared between the two processes over the database
    // while they answer the interactions below.
    let store = store_of(&db).await;
    plan_burst_in(
        &store,
        BURST_CHANNEL,
        POSTS,
        Utc::now() - Duration::seconds(1),
    )
    .await;
    let mut a = spawn_bot(&fake, db.url(), dir.path(), "0-0/2");
    let mut b = spawn_bot(&fake, db.url(), dir.path(), "1-1/2");
    fake.wait_sessions(2).await;
    fake.wait_ready().await;
    let mut shards = fake.sessions();
    shards.sort();
    assert_eq!(
        shards,
        [(0, 2), (1, 2)],
        "each process identified for its own shard"
    );
    assert_ne!(
        (GUILD >> 22) % 2,
        (OTHER_GUILD >> 22) % 2,
        "the guilds are on both shards"
    );

    work_in(&fake, CHANNEL, "North").await;
    work_in(&fake, OTHER_CHANNEL, "South").await;

    for channel in [CHANNEL, OTHER_CHANNEL] {
        let community = store
            .community_in_channel(ChannelRef(channel))
            .await
            .unwrap()
            .expect("one community per channel");
        let notes = store.all_notes(community.id).await.unwrap();
        assert_eq!(notes.len(), 1, "one note in {channel} ({})", db.label());
    }

    let cards = |f: &FakeDiscord| {
        f.created_messages()
            .iter()
            .filter(|(_, body)| body["embeds"][0]["title"] == "Next gathering: Burst")
            .count()
    };
    fake.wait_for_within(
        std::time::Duration::from_secs(120),
        "every burst post",
        |f| (cards(f) >= POSTS).then_some(()),
    )
    .await;
    // One cancel notice per community, posted by whichever process claimed it (after the burst,
    // which was due first).
    fake.wait_for("both cancel notices", |f| {
        let notices = f
            .created_messages()
            .iter()
            .filter(|(_, body)| body["embeds"][0]["title"] == "Gathering cancelled")
            .count();
        (notices >= 2).then_some(())
    })
    .await;
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    assert_eq!(cards(&fake), POSTS, "each post once ({})", db.label());
    let cancel_notices = fake
        .created_messages()
        .iter()
        .filter(|(_, body)| body["embeds"][0]["title"] == "Gathering cancelled")
        .count();
    assert_eq!(cancel_notices, 2, "one notice per cancel");

    a.kill().await.ok();
    b.kill().await.ok();
    store.close().await;
    fake.assert_spec_clean();
}

#[tokio::test]
async fn two_processes_on_split_shards_handle_everything_once_on_sqlite() {
    split_shards_handle_everything_once(TestDb::sqlite()).await;
}

#[tokio::test]
async fn two_processes_on_split_shards_handle_everything_once_on_postgres() {
    if let Some(db) = TestDb::postgres().await {
        split_shards_handle_everything_once(db).await;
    }
}

/// A free port on 127.0.0.1.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

#[tokio::test]
async fn two_processes_on_the_same_shard_are_told_by_healthz() {
    let fake = FakeDiscord::start().await;
    let db = TestDb::sqlite();
    let dir = tempfile::tempdir().unwrap();
    let ports = [free_port(), free_port()];
    // Migrated once before both start (two processes migrating one new SQLite file would race).
    store_of(&db).await.close().await;
    let mut bots = Vec::new();
    for port in ports {
        let listen = format!("127.0.0.1:{port}");
        bots.push(spawn_steward(
            &fake,
            db.url(),
            dir.path(),
            &[
                ("STEWARD_DISCORD_SHARDS", "0/1"),
                ("STEWARD_HTTP_LISTEN", listen.as_str()),
            ],
        ));
    }
    fake.wait_sessions(2).await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(45);
    let told = loop {
        let mut found = None;
        for port in ports {
            if let Ok(r) = reqwest::get(format!("http://127.0.0.1:{port}/healthz")).await {
                let status = r.status().as_u16();
                let body = r.text().await.unwrap_or_default();
                if status == 503 && body.contains("also run by process") {
                    found = Some(body);
                }
            }
        }
        if let Some(body) = found {
            break body;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no process reported the shared shards"
        );
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    };
    assert!(told.contains("shard 0"), "{told}");
    for mut bot in bots {
        bot.kill().await.ok();
    }
}
