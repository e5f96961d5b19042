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
            time_format: Some(steward::domain::role_prompt::TimeFormat::H12),
            language: Some(steward::domain::language::Lang::Fr),
        };
        let (next, changed) = change.apply(&community.settings);
        assert_eq!(changed.len(), 11);
        assert!(next.reminders_chosen);
        // Each role prompt form reads back exactly.
        let mut zone = community.settings.time_zone;
        for prompt in ["14d,7d,3d", "mon,thu 18:30", "0 9 1 * *", "off"] {
            let mut with = next.clone();
            with.role_prompt = RolePrompt::parse(prompt, now).unwrap();
            assert!(store
                .save_settings(community.id, &with, zone, now)
                .await
                .unwrap());
            zone = with.time_zone;
            let read = store
                .community_in_channel(ChannelRef(10))
                .await
                .unwrap()
                .unwrap();
            assert_eq!(read.settings, with, "{}: {prompt}", db.label());
        }
        assert!(store
            .save_settings(community.id, &next, zone, now)
            .await
            .unwrap());
        // A save from a snapshot older than a zone change (Phoenix → Sydney) saves nothing.
        assert!(!store
            .save_settings(
                community.id,
                &community.settings,
                community.settings.time_zone,
                now
            )
            .await
            .unwrap());
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

/// Role prompts stored before they were typed (a bare cron, in the `cron` crate's numbering where 2 is
/// Monday) read back as the same schedule after migration 0021, on both backends; the built-in default
/// becomes "Mondays at 10:00"; `off` stays off.
#[tokio::test]
async fn role_prompts_stored_as_bare_crons_still_fire_as_before_after_the_migration() {
    use steward::domain::posts::next_role_prompt;
    sqlx::any::install_default_drivers();
    for db in TestDb::both().await {
        let dir = format!("migrations/{}", db.label());
        let before = tempfile::tempdir().unwrap();
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            if name.as_str() < "0021" {
                std::fs::copy(&path, before.path().join(&name)).unwrap();
            }
        }
        let url = match db.label() {
            "sqlite" => format!("{}?mode=rwc", db.url()),
            _ => db.url().to_owned(),
        };
        let pool = sqlx::AnyPool::connect(&url).await.unwrap();
        sqlx::migrate::Migrator::new(before.path())
            .await
            .unwrap()
            .run(&pool)
            .await
            .unwrap();
        for (channel, prompt) in [
            (10, "0 0 10 * * 2"),
            (11, "0 0 10 * * Mon"),
            (12, "off"),
            (13, "0 30 18 * * Tue,Thu"),
        ] {
            sqlx::query(
                "INSERT INTO communities (guild_id, channel_id, name, time_zone, reminder_offsets, role_prompt, \
                 dm_reminders, one_role_per_member, created_at, updated_at) \
                 VALUES (1, $1, 'c', 'America/Toronto', '7d,1d', $2, 0, 0, 0, 0)",
            )
            .bind(channel)
            .bind(prompt)
            .execute(&pool)
            .await
            .unwrap();
        }
        pool.close().await;

        let store = open(&db).await;
        let read = |channel: u64| {
            let store = &store;
            async move {
                store
                    .community_in_channel(ChannelRef(channel))
                    .await
                    .unwrap()
                    .unwrap()
                    .settings
            }
        };
        let now = Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap();
        let tz = chrono_tz::America::Toronto;
        // Monday 30 Nov 2026, 10:00 EST = 15:00 UTC.
        let monday = Utc.with_ymd_and_hms(2026, 11, 30, 15, 0, 0).unwrap();
        let legacy = read(10).await.role_prompt;
        assert!(
            matches!(legacy, RolePrompt::Cron { .. }),
            "{}: {legacy:?}",
            db.label()
        );
        assert_eq!(
            next_role_prompt(1, &legacy, tz, now).unwrap().due,
            monday,
            "{}",
            db.label()
        );
        let default = read(11).await;
        assert_eq!(
            default.role_prompt,
            RolePrompt::default_prompt(),
            "{}",
            db.label()
        );
        assert_eq!(
            steward::i18n::words::prompt(
                steward::i18n::Lang::En,
                &default.role_prompt,
                default.time_format
            ),
            "Mondays at 10:00, while roles are open"
        );
        assert_eq!(
            next_role_prompt(1, &default.role_prompt, tz, now)
                .unwrap()
                .due,
            monday
        );
        assert_eq!(
            read(12).await.role_prompt,
            RolePrompt::Off,
            "{}",
            db.label()
        );
        let evening = read(13).await.role_prompt;
        // Tue 24 Nov 18:30 EST = 23:30 UTC.
        assert_eq!(
            next_role_prompt(1, &evening, tz, now).unwrap().due,
            Utc.with_ymd_and_hms(2026, 11, 24, 23, 30, 0).unwrap(),
            "{}",
            db.label()
        );
        assert!(!default.reminders_chosen);
        store.close().await;
    }
}
