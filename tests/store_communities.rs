//! The communities store on SQLite and PostgreSQL (a fresh database per test).

mod support;

use chrono::{TimeZone, Utc};
use steward::domain::community::{CommunityName, Settings, SettingsChange};
use steward::domain::ids::{ChannelRef, GuildRef, RoleRef};
use steward::domain::reminders::ReminderOffsets;
use steward::domain::role_prompt::RolePrompt;
use steward::store::{Backend, Store};
use support::db::TestDb;

fn settings(name: &str) -> Settings {
    Settings::new(
        CommunityName::parse(name).unwrap(),
        chrono_tz::America::Phoenix,
        Some(RoleRef(42)),
    )
}

async fn open(db: &TestDb) -> Store {
    Store::open(db.url(), 3)
        .await
        .unwrap_or_else(|e| panic!("{}: {e}", db.label()))
}

#[tokio::test]
async fn a_created_community_is_found_by_channel_and_guild() {
    for db in TestDb::both().await {
        let store = open(&db).await;
        let now = Utc.with_ymd_and_hms(2026, 11, 24, 10, 0, 0).unwrap();
        let created = store
            .create_community(GuildRef(1), ChannelRef(10), &settings("Circle"), now)
            .await
            .unwrap()
            .expect("no conflict");
        store
            .create_community(GuildRef(1), ChannelRef(11), &settings("Alpha"), now)
            .await
            .unwrap()
            .unwrap();
        store
            .create_community(GuildRef(2), ChannelRef(20), &settings("Elsewhere"), now)
            .await
            .unwrap()
            .unwrap();

        let found = store
            .community_in_channel(ChannelRef(10))
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("{}", db.label()));
        assert_eq!(found, created, "{}", db.label());
        assert_eq!(found.created_at, now);
        assert_eq!(found.settings.organizer_role, Some(RoleRef(42)));
        assert!(store
            .community_in_channel(ChannelRef(99))
            .await
            .unwrap()
            .is_none());

        let names: Vec<String> = store
            .communities_in_guild(GuildRef(1))
            .await
            .unwrap()
            .into_iter()
            .map(|c| c.settings.name.to_string())
            .collect();
        assert_eq!(names, ["Alpha", "Circle"], "{}", db.label());
        store.close().await;
    }
}

#[tokio::test]
async fn a_second_community_in_one_channel_is_a_conflict_naming_the_first() {
    for db in TestDb::both().await {
        let store = open(&db).await;
        let now = Utc::now();
        store
            .create_community(GuildRef(1), ChannelRef(10), &settings("First"), now)
            .await
            .unwrap()
            .unwrap();
        let conflict = store
            .create_community(GuildRef(1), ChannelRef(10), &settings("Second"), now)
            .await
            .unwrap()
            .expect_err("same channel");
        assert_eq!(conflict.0.settings.name.as_str(), "First", "{}", db.label());
        assert_eq!(
            store.communities_in_guild(GuildRef(1)).await.unwrap().len(),
            1
        );
        store.close().await;
    }
}

#[tokio::test]
async fn saved_settings_read_back_exactly() {
    for db in TestDb::both().await {
        let store = open(&db).await;
        let now = Utc.with_ymd_and_hms(2026, 11, 24, 10, 0, 0).unwrap();
        let community = store
            .create_community(GuildRef(1), ChannelRef(10), &settings("Circle"), now)
            .await
            .unwrap()
            .unwrap();
        let change = SettingsChange {
            name: Some(CommunityName::parse("Circle of Practice 🌱 دائرة").unwrap()),
            time_zone: Some(chrono_tz::Australia::Sydney),
            organizer_role: Some(None),
            reminders: Some(ReminderOffsets::parse("90d,15m").unwrap()),
            role_prompt: Some(RolePrompt::Off),
            dm_reminders: Some(true),
            one_role_per_member: Some(true),
            public_page: Some(true),
            public_names: Some(true),
        };
        let (next, changed) = change.apply(&community.settings);
        assert_eq!(changed.len(), 9);
        store.save_settings(community.id, &next, now).await.unwrap();
        let read = store
            .community_in_channel(ChannelRef(10))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(read.settings, next, "{}", db.label());
        store.close().await;
    }
}

#[tokio::test]
async fn migrations_are_idempotent_and_the_backend_is_detected() {
    for db in TestDb::both().await {
        let store = open(&db).await;
        store.migrate().await.unwrap();
        let expected = if db.label() == "sqlite" {
            Backend::Sqlite
        } else {
            Backend::Postgres
        };
        assert_eq!(store.backend(), expected);
        store.close().await;
        // Opening again (a restart) migrates nothing new and keeps working.
        let again = open(&db).await;
        assert!(again
            .community_in_channel(ChannelRef(1))
            .await
            .unwrap()
            .is_none());
        again.close().await;
    }
}

#[tokio::test]
async fn sqlite_database_file_is_created_in_wal_mode() {
    let db = TestDb::sqlite();
    let store = open(&db).await;
    store.close().await;
    let path = db.url().trim_start_matches("sqlite://");
    assert!(std::path::Path::new(path).exists(), "the file is created");
    let mut conn = <sqlx::SqliteConnection as sqlx::Connection>::connect(db.url())
        .await
        .unwrap();
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    assert_eq!(mode.to_lowercase(), "wal");
}
