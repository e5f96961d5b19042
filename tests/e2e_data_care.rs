#![recursion_limit = "256"]
//! Data care, on SQLite and PostgreSQL: `/forget-me` and `/community delete` leave no row of that member
//! or community behind (checked table by table) and touch nobody else's; a server that removes the bot
//! stops all work and is deleted after the grace period; `steward backup` copies a database that a
//! writer is busy with, holding every committed row; `steward export --guild` gives the server's data.

mod support;

use chrono::{Duration, Utc};
use serde_json::json;
use sqlx::AnyPool;
use steward::domain::gathering::GatheringId;
use steward::domain::ids::{ChannelRef, CommunityId, GuildRef, MemberRef};
use steward::domain::notes::NoteKind;
use steward::domain::rsvp::Answer;
use steward::store::{NewNote, NoteFilter, NoteListing, Store};
use support::app::TestApp;
use support::db::TestDb;
use support::fake_discord::interactions::{CHANNEL, GUILD};
use support::fake_discord::{Invocation, Member};
use support::notes::button;
use support::replies::text_of;

const LEAVER: u64 = 40;
const STAYER: u64 = 41;
const OTHER_CHANNEL: u64 = CHANNEL + 5;

async fn pool(db: &TestDb) -> AnyPool {
    sqlx::any::install_default_drivers();
    AnyPool::connect(db.url())
        .await
        .expect("the test reaches its database")
}

async fn count(pool: &AnyPool, sql: &str, id: i64) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_owned()))
        .bind(id)
        .fetch_one(pool)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

fn note(author: u64, title: &str) -> NewNote {
    NewNote {
        kind: NoteKind::Story,
        title: title.to_owned(),
        body: format!("What {title} taught us."),
        tags: vec!["rounds".to_owned()],
        author: MemberRef(author),
        author_name: format!("member {author}"),
        archived_by: None,
        gathering: None,
        source_url: None,
    }
}

/// Two communities in the default guild, each with a gathering on which both members claim, answer,
/// came and wrote a note; a pending change notice names the leaver. Returns (community, gathering) of
/// the first.
async fn a_busy_server(app: &TestApp) -> (CommunityId, GatheringId) {
    let day = (Utc::now() + Duration::days(10))
        .format("%Y-%m-%d")
        .to_string();
    for (channel, name) in [(CHANNEL, "North"), (OTHER_CHANNEL, "South")] {
        let setup = Invocation::new("community setup", &Member::manager(1))
            .opt("name", name)
            .opt("timezone", "America/Toronto")
            .in_channel(channel);
        app.fake.run(&setup).await;
        let add = Invocation::new("gathering add", &Member::manager(1))
            .opt("date", day.as_str())
            .opt("start", "1pm")
            .opt("end", "3pm")
            .opt("title", "Circle")
            .in_channel(channel);
        app.fake.run(&add).await;
        let store = app.store();
        let c = store
            .community_in_channel(ChannelRef(channel))
            .await
            .unwrap()
            .unwrap();
        let g = store.upcoming(c.id, Utc::now(), 1).await.unwrap().remove(0);
        let now = Utc::now();
        for (member, role) in [(LEAVER, "Opener"), (STAYER, "Closing")] {
            store
                .claim_role(g.id, role, MemberRef(member), false, now)
                .await
                .unwrap();
            store
                .answer_rsvp(g.id, MemberRef(member), Answer::Going, now)
                .await
                .unwrap();
            store
                .record_attendance(g.id, MemberRef(member), Some(MemberRef(1)), now)
                .await
                .unwrap();
            store
                .add_note(c.id, &note(member, &format!("{name} {member}")), now)
                .await
                .unwrap();
        }
        store
            .record_attendance(g.id, MemberRef(STAYER + 7), Some(MemberRef(LEAVER)), now)
            .await
            .unwrap(); // A credit offered to the leaver, one crediting them, and a saved listing of their notes.
        store
            .offer_credit(c.id, MemberRef(LEAVER), MemberRef(STAYER), "s", now)
            .await
            .unwrap();
        store
            .offer_credit(c.id, MemberRef(STAYER), MemberRef(LEAVER), "l", now)
            .await
            .unwrap();
        store
            .offer_credit(c.id, MemberRef(STAYER), MemberRef(STAYER + 9), "x", now)
            .await
            .unwrap();
        let listing = NoteListing {
            community: c.id,
            words: None,
            filter: NoteFilter {
                author: Some(MemberRef(LEAVER)),
                ..NoteFilter::default()
            },
        };
        store.save_listing(&listing, now).await.unwrap();
    }
    let store = app.store();
    let c = store
        .community_in_channel(ChannelRef(CHANNEL))
        .await
        .unwrap()
        .unwrap();
    let g = store.upcoming(c.id, Utc::now(), 1).await.unwrap().remove(0);
    // A move plans a notice naming both holders (not sent: it is due in the fake's future soon).
    let moved_to = (Utc::now() + Duration::days(12))
        .format("%Y-%m-%d")
        .to_string();
    app.organizer_runs(
        "gathering move",
        &[("gathering", json!(day)), ("new_date", json!(moved_to))],
    )
    .await;
    (c.id, g.id)
}

/// Rows that still name `member` in the guild, table by table.
async fn rows_naming(pool: &AnyPool, member: i64) -> Vec<(String, i64)> {
    let checks = [
        ("rsvps", "SELECT COUNT(*) FROM rsvps WHERE member_id = $1"),
        (
            "attendance",
            "SELECT COUNT(*) FROM attendance WHERE member_id = $1 OR recorded_by = $1",
        ),
        (
            "role_claims",
            "SELECT COUNT(*) FROM role_claims WHERE member_id = $1 OR assigned_by = $1",
        ),
        (
            "posts (DMs)",
            "SELECT COUNT(*) FROM posts WHERE member_id = $1",
        ),
        (
            "posts (notice text)",
            "SELECT COUNT(*) FROM posts WHERE body LIKE '%<@' || CAST($1 AS TEXT) || '>%'",
        ),
        (
            "notes",
            "SELECT COUNT(*) FROM notes WHERE author_id = $1 OR archived_by = $1",
        ),
        (
            "note_listings",
            "SELECT COUNT(*) FROM note_listings WHERE author_id = $1",
        ),
        (
            "note_credit_offers",
            "SELECT COUNT(*) FROM note_credit_offers WHERE author_id = $1 OR offered_to = $1",
        ),
    ];
    let mut found = Vec::new();
    for (table, sql) in checks {
        found.push((table.to_owned(), count(pool, sql, member).await));
    }
    found
}

async fn forget_me_leaves_no_row_of_the_member(db: TestDb) {
    let label = db.label();
    let app = TestApp::on(db, Utc::now()).await;
    a_busy_server(&app).await;
    let pool = pool(app.db()).await;
    for (table, rows) in rows_naming(&pool, LEAVER as i64).await {
        if table != "posts (DMs)" {
            assert!(
                rows > 0,
                "the fixture gives the leaver rows in {table} ({label})"
            );
        }
    }
    let stayer_before = rows_naming(&pool, STAYER as i64).await;

    let asked = app.member_runs(LEAVER, "forget-me", &[]).await;
    let confirm = button(&asked, "Forget me in this server").expect("a confirm button");
    let someone_else = app.click(STAYER, &confirm).await;
    assert!(
        text_of(&someone_else).contains("for the member who asked"),
        "{someone_else}"
    );
    let done = app.click(LEAVER, &confirm).await;
    assert!(text_of(&done).contains("2 answers"), "{}: {done}", label);

    for (table, rows) in rows_naming(&pool, LEAVER as i64).await {
        assert_eq!(rows, 0, "{table} still names the member ({label})");
    }
    // The stayer keeps every row that did not also name the leaver: of the credit offers, the one
    // between the stayer and a third member in each community.
    let stayer_after = rows_naming(&pool, STAYER as i64).await;
    for ((table, after), (_, before)) in stayer_after.iter().zip(&stayer_before) {
        let expected = if table == "note_credit_offers" {
            2
        } else {
            *before
        };
        assert_eq!(*after, expected, "{table} of the stayer ({label})");
    }
    // Their notes stay, credited to a former member, and are still found.
    let kept = count(&pool, "SELECT COUNT(*) FROM notes WHERE author_id = $1", 0).await;
    assert_eq!(kept, 2, "{label}");
    let found = app
        .member_runs(STAYER, "note search", &[("query", json!("North"))])
        .await;
    assert!(
        text_of(&found).contains("a former member"),
        "{label}: {found}"
    );
    pool.close().await;
    app.finish().await;
}

async fn delete_leaves_no_row_of_the_community(db: TestDb) {
    let label = db.label();
    let app = TestApp::on(db, Utc::now()).await;
    let (community, gathering) = a_busy_server(&app).await;
    let pool = pool(app.db()).await;
    let refused = app.member_runs(STAYER, "community delete", &[]).await;
    assert!(text_of(&refused).contains("Manage Server"), "{refused}");
    let asked = app.organizer_runs("community delete", &[]).await;
    let confirm = button(&asked, "Delete this community").expect("a confirm button");
    let done = app.click(1, &confirm).await;
    // Clicks come from a regular member in the harness: Manage Server is checked again on the click.
    assert!(text_of(&done).contains("Manage Server"), "{done}");
    let id = app.fake.click(&Member::manager(1), CHANNEL, &confirm);
    let done = app.fake.response_to(id).await;
    assert!(text_of(&done).contains("are deleted"), "{label}: {done}");

    let c = community.0;
    let g = gathering.0;
    for (table, sql, id) in [
        (
            "communities",
            "SELECT COUNT(*) FROM communities WHERE id = $1",
            c,
        ),
        (
            "series",
            "SELECT COUNT(*) FROM series WHERE community_id = $1",
            c,
        ),
        (
            "gatherings",
            "SELECT COUNT(*) FROM gatherings WHERE community_id = $1",
            c,
        ),
        (
            "role_claims",
            "SELECT COUNT(*) FROM role_claims WHERE gathering_id = $1",
            g,
        ),
        (
            "rsvps",
            "SELECT COUNT(*) FROM rsvps WHERE gathering_id = $1",
            g,
        ),
        (
            "attendance",
            "SELECT COUNT(*) FROM attendance WHERE gathering_id = $1",
            g,
        ),
        (
            "posts",
            "SELECT COUNT(*) FROM posts WHERE community_id = $1",
            c,
        ),
        (
            "notes",
            "SELECT COUNT(*) FROM notes WHERE community_id = $1",
            c,
        ),
        (
            "note_listings",
            "SELECT COUNT(*) FROM note_listings WHERE community_id = $1",
            c,
        ),
        (
            "note_credit_offers",
            "SELECT COUNT(*) FROM note_credit_offers WHERE community_id = $1",
            c,
        ),
    ] {
        assert_eq!(
            count(&pool, sql, id).await,
            0,
            "{table} keeps rows of the community ({label})"
        );
    }
    if label == "sqlite" {
        let fts = count(
            &pool,
            "SELECT COUNT(*) FROM notes_fts WHERE rowid NOT IN (SELECT id FROM notes) AND $1 = $1",
            0,
        )
        .await;
        assert_eq!(fts, 0, "the search index keeps no deleted note");
    }
    // The other community is whole.
    let south = app
        .store()
        .community_in_channel(ChannelRef(OTHER_CHANNEL))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(app.store().all_notes(south.id).await.unwrap().len(), 2);
    let gone = app.member_runs(STAYER, "gathering next", &[]).await;
    assert!(text_of(&gone).contains("no community yet"), "{gone}");
    pool.close().await;
    app.finish().await;
}

async fn a_removed_server_stops_and_is_deleted_after_the_grace_period(db: TestDb) {
    let label = db.label();
    let app = TestApp::on(db, Utc::now()).await;
    let (community, _) = a_busy_server(&app).await;
    let pool = pool(app.db()).await;
    app.fake
        .dispatch("GUILD_DELETE", json!({"id": GUILD.to_string()}));
    let store = app.store();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let unsent = "SELECT COUNT(*) FROM posts WHERE community_id = $1 AND sent_at IS NULL AND dropped_at IS NULL";
    while count(&pool, unsent, community.0).await > 0 {
        assert!(
            std::time::Instant::now() < deadline,
            "posts still pending after removal ({label})"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    // Invited back: its posts are planned anew; removed again: they go again.
    app.fake.dispatch("GUILD_CREATE", guild_create());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    while count(&pool, unsent, community.0).await == 0 {
        assert!(
            std::time::Instant::now() < deadline,
            "no post planned after the return ({label})"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    app.fake
        .dispatch("GUILD_DELETE", json!({"id": GUILD.to_string()}));
    while count(&pool, unsent, community.0).await > 0 {
        assert!(
            std::time::Instant::now() < deadline,
            "posts pending after the second removal"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(
        store
            .purge_removed(Utc::now() + Duration::days(29))
            .await
            .unwrap(),
        0,
        "kept within the grace period"
    );
    assert_eq!(
        store
            .purge_removed(Utc::now() + Duration::days(31))
            .await
            .unwrap(),
        2,
        "{label}"
    );
    assert_eq!(
        count(
            &pool,
            "SELECT COUNT(*) FROM communities WHERE guild_id = $1",
            GUILD as i64
        )
        .await,
        0
    );
    assert_eq!(
        count(
            &pool,
            "SELECT COUNT(*) FROM notes WHERE community_id = $1",
            community.0
        )
        .await,
        0
    );
    pool.close().await;
    app.finish().await;
}

/// A minimal GUILD_CREATE for the default guild (what the gateway sends when the bot is in it).
fn guild_create() -> serde_json::Value {
    json!({
        "id": GUILD.to_string(), "name": "Guild", "icon": null, "splash": null, "discovery_splash": null,
        "owner_id": "1", "afk_channel_id": null, "afk_timeout": 300, "verification_level": 0,
        "default_message_notifications": 0, "explicit_content_filter": 0, "roles": [], "emojis": [],
        "features": [], "mfa_level": 0, "application_id": null, "system_channel_id": null,
        "system_channel_flags": 0, "rules_channel_id": null, "vanity_url_code": null,
        "description": null, "banner": null, "premium_tier": 0, "preferred_locale": "en-US",
        "public_updates_channel_id": null, "nsfw_level": 0, "premium_progress_bar_enabled": false,
        "joined_at": "2026-01-01T00:00:00.000000+00:00", "large": false, "member_count": 2,
        "members": [], "channels": [], "threads": [], "voice_states": [], "presences": [],
        "stage_instances": [], "guild_scheduled_events": [], "stickers": [], "unavailable": false,
        "max_members": 500000, "safety_alerts_channel_id": null, "incidents_data": null
    })
}

#[tokio::test]
async fn forget_me_leaves_no_row_of_the_member_on_sqlite() {
    forget_me_leaves_no_row_of_the_member(TestDb::sqlite()).await;
}

#[tokio::test]
async fn forget_me_leaves_no_row_of_the_member_on_postgres() {
    if let Some(db) = TestDb::postgres().await {
        forget_me_leaves_no_row_of_the_member(db).await;
    }
}

#[tokio::test]
async fn community_delete_leaves_no_row_of_the_community_on_sqlite() {
    delete_leaves_no_row_of_the_community(TestDb::sqlite()).await;
}

#[tokio::test]
async fn community_delete_leaves_no_row_of_the_community_on_postgres() {
    if let Some(db) = TestDb::postgres().await {
        delete_leaves_no_row_of_the_community(db).await;
    }
}

#[tokio::test]
async fn a_removed_server_stops_and_is_deleted_after_the_grace_period_on_sqlite() {
    a_removed_server_stops_and_is_deleted_after_the_grace_period(TestDb::sqlite()).await;
}

#[tokio::test]
async fn a_removed_server_stops_and_is_deleted_after_the_grace_period_on_postgres() {
    if let Some(db) = TestDb::postgres().await {
        a_removed_server_stops_and_is_deleted_after_the_grace_period(db).await;
    }
}

#[tokio::test]
async fn a_backup_taken_while_a_writer_is_busy_opens_and_holds_every_committed_row() {
    let db = TestDb::sqlite();
    let store = Store::open(db.url(), 4).await.unwrap();
    let settings = steward::domain::community::Settings::new(
        steward::domain::community::CommunityName::parse("Circle").unwrap(),
        chrono_tz::Europe::London,
        None,
    );
    let c = store
        .create_community(GuildRef(GUILD), ChannelRef(CHANNEL), &settings, Utc::now())
        .await
        .unwrap()
        .unwrap();
    let committed = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    // The writer keeps adding notes until the backup is done.
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let (store, committed, stop) = (store.clone(), committed.clone(), stop.clone());
        tokio::spawn(async move {
            for i in 0..100_000 {
                if stop.load(std::sync::atomic::Ordering::SeqCst) {
                    break;
                }
                store
                    .add_note(c.id, &note(7, &format!("busy {i}")), Utc::now())
                    .await
                    .unwrap();
                committed.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            }
        })
    };
    while committed.load(std::sync::atomic::Ordering::SeqCst) < 50 {
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("backup.db");
    let before = committed.load(std::sync::atomic::Ordering::SeqCst);
    let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_steward"))
        .args(["backup", copy.to_str().unwrap()])
        .env("STEWARD_DATABASE_URL", db.url())
        .output()
        .await
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let during = committed.load(std::sync::atomic::Ordering::SeqCst);
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    writer.await.unwrap();
    assert!(
        during > before,
        "the writer kept committing during the backup ({before} → {during})"
    );
    let total = committed.load(std::sync::atomic::Ordering::SeqCst);

    let copy_url = format!("sqlite://{}", copy.display());
    let backup = Store::open(&copy_url, 1).await.expect("the backup opens");
    let notes = backup.all_notes(c.id).await.unwrap().len();
    assert!(
        notes >= before,
        "{notes} notes in the backup, {before} committed before it began"
    );
    sqlx::any::install_default_drivers();
    let check = AnyPool::connect(&copy_url).await.unwrap();
    let ok: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&check)
        .await
        .unwrap();
    assert_eq!(ok, "ok");
    // A second backup to the same file is refused, and nothing is overwritten.
    let again = tokio::process::Command::new(env!("CARGO_BIN_EXE_steward"))
        .args(["backup", copy.to_str().unwrap()])
        .env("STEWARD_DATABASE_URL", db.url())
        .output()
        .await
        .unwrap();
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));

    // Export: the server's data as JSON, ids as strings.
    let export = tokio::process::Command::new(env!("CARGO_BIN_EXE_steward"))
        .args(["export", "--guild", &GUILD.to_string()])
        .env("STEWARD_DATABASE_URL", db.url())
        .output()
        .await
        .unwrap();
    assert!(
        export.status.success(),
        "{}",
        String::from_utf8_lossy(&export.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&export.stdout).expect("JSON");
    assert_eq!(json["guild"], GUILD.to_string());
    assert_eq!(json["communities"][0]["name"], "Circle");
    assert_eq!(
        json["communities"][0]["notes"].as_array().map(Vec::len),
        Some(total)
    );
    check.close().await;
    backup.close().await;
    store.close().await;
}

#[tokio::test]
async fn backup_of_postgres_points_to_pg_dump() {
    let Some(db) = TestDb::postgres().await else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_steward"))
        .args(["backup", dir.path().join("x.db").to_str().unwrap()])
        .env("STEWARD_DATABASE_URL", db.url())
        .output()
        .await
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("pg_dump"), "{err}");
    assert!(
        !err.contains("postgres://"),
        "no database URL in the message: {err}"
    );
}
