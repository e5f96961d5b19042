//! What is seen outside Discord, on SQLite and PostgreSQL: feed tokens (made once, revoked by a reset,
//! never serving a removed community), page addresses (unique, kept across renames, only for
//! communities that opted in), members' names (kept only where names are shown, per community, gone
//! with /forget-me), and the calendar file (the same text until something changes).

mod support;

use chrono::{Duration, TimeZone, Utc};
use steward::domain::community::{Community, CommunityName, Settings};
use steward::domain::ids::{ChannelRef, GuildRef, MemberRef};
use steward::domain::public::{is_feed_token, is_slug};
use steward::store::{NewOccurrence, Store};
use support::db::TestDb;

async fn open(db: &TestDb) -> Store {
    Store::open(db.url(), 3)
        .await
        .unwrap_or_else(|e| panic!("{}: {e}", db.label()))
}

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 10, 0, 0).unwrap()
}

async fn community(store: &Store, guild: u64, channel: u64, name: &str) -> Community {
    let settings = Settings::new(
        CommunityName::parse(name).unwrap(),
        chrono_tz::America::Toronto,
        None,
    );
    store
        .create_community(GuildRef(guild), ChannelRef(channel), &settings, now())
        .await
        .unwrap()
        .unwrap()
}

async fn set(store: &Store, c: &Community, page: bool, names: bool) -> Community {
    let mut settings = c.settings.clone();
    settings.public_page = page;
    settings.public_names = names;
    assert!(store
        .save_settings(c.id, &settings, c.settings.time_zone, now())
        .await
        .unwrap());
    store.community(c.id).await.unwrap().unwrap()
}

#[tokio::test]
async fn a_feed_token_is_made_once_revoked_by_a_reset_and_never_serves_a_removed_community() {
    for db in TestDb::both().await {
        let store = open(&db).await;
        let label = db.label();
        let a = community(&store, 1, 10, "Circle").await;
        let b = community(&store, 2, 20, "Circle").await;
        let token = store.feed_token(a.id).await.unwrap();
        assert!(is_feed_token(&token), "{label}: {token}");
        assert_eq!(store.feed_token(a.id).await.unwrap(), token, "{label}");
        let other = store.feed_token(b.id).await.unwrap();
        assert_ne!(token, other, "{label}");
        let found = store.community_by_feed_token(&token).await.unwrap();
        assert_eq!(found.map(|c| c.id), Some(a.id), "{label}");
        assert!(store
            .community_by_feed_token("00000000000000000000000000000000")
            .await
            .unwrap()
            .is_none());
        let fresh = store.reset_feed_token(a.id).await.unwrap();
        assert_ne!(fresh, token, "{label}");
        assert!(store
            .community_by_feed_token(&token)
            .await
            .unwrap()
            .is_none());
        assert_eq!(store.feed_token(a.id).await.unwrap(), fresh, "{label}");
        assert_eq!(
            store
                .community_by_feed_token(&fresh)
                .await
                .unwrap()
                .map(|c| c.id),
            Some(a.id)
        );
        store.guild_removed(GuildRef(1), now()).await.unwrap();
        assert!(
            store
                .community_by_feed_token(&fresh)
                .await
                .unwrap()
                .is_none(),
            "{label}: a removed community's feed answers nothing"
        );
        assert!(store
            .community_by_feed_token(&other)
            .await
            .unwrap()
            .is_some());
    }
}

#[tokio::test]
async fn only_opted_in_communities_have_a_page_whose_address_is_unique_and_kept_across_renames() {
    for db in TestDb::both().await {
        let store = open(&db).await;
        let label = db.label();
        let a = community(&store, 1, 10, "Cercle de pratique — Sudbury").await;
        let b = community(&store, 2, 20, "Cercle de pratique  Sudbury!").await;
        let hidden = community(&store, 3, 30, "Hidden Circle").await;
        assert!(
            store.public_communities().await.unwrap().is_empty(),
            "{label}"
        );

        let a = set(&store, &a, true, false).await;
        let b = set(&store, &b, true, false).await;
        let slug_a = store.public_slug(&a).await.unwrap();
        let slug_b = store.public_slug(&b).await.unwrap();
        assert_eq!(slug_a, "cercle-de-pratique-sudbury", "{label}");
        assert_eq!(slug_b, "cercle-de-pratique-sudbury-2", "{label}");
        assert!(is_slug(&slug_a) && is_slug(&slug_b));
        // A slug for a community that never opted in still serves nothing.
        let hidden_slug = store.public_slug(&hidden).await.unwrap();
        assert!(store
            .public_community(&hidden_slug)
            .await
            .unwrap()
            .is_none());
        assert!(store
            .public_community("hidden-circle")
            .await
            .unwrap()
            .is_none());

        let listed: Vec<_> = store
            .public_communities()
            .await
            .unwrap()
            .into_iter()
            .map(|(c, s)| (c.id, s))
            .collect();
        // By name: "Cercle de pratique Sudbury!" sorts before "Cercle de pratique — Sudbury".
        assert_eq!(
            listed,
            vec![(b.id, slug_b.clone()), (a.id, slug_a.clone())],
            "{label}"
        );

        // Renamed: the address stays.
        let mut renamed = a.settings.clone();
        renamed.name = CommunityName::parse("Sudbury Circle").unwrap();
        assert!(store
            .save_settings(a.id, &renamed, a.settings.time_zone, now())
            .await
            .unwrap());
        let a = store.community(a.id).await.unwrap().unwrap();
        assert_eq!(store.public_slug(&a).await.unwrap(), slug_a, "{label}");
        assert_eq!(
            store.public_community(&slug_a).await.unwrap().map(|c| c.id),
            Some(a.id)
        );

        // Turned off, or the bot removed: the page is gone from both places.
        set(&store, &b, false, false).await;
        assert!(store.public_community(&slug_b).await.unwrap().is_none());
        store.guild_removed(GuildRef(1), now()).await.unwrap();
        assert!(store.public_community(&slug_a).await.unwrap().is_none());
        assert!(
            store.public_communities().await.unwrap().is_empty(),
            "{label}"
        );
    }
}

#[tokio::test]
async fn names_are_kept_only_where_the_page_shows_them_and_per_community() {
    for db in TestDb::both().await {
        let store = open(&db).await;
        let label = db.label();
        let quiet = community(&store, 1, 10, "Quiet").await;
        // Names asked for without a page (refused by the command, and by the store too): none kept.
        let quiet = set(&store, &quiet, false, true).await;
        let named = community(&store, 1, 11, "Named").await;
        let named = set(&store, &named, true, true).await;
        let elsewhere = community(&store, 2, 20, "Elsewhere").await;
        let elsewhere = set(&store, &elsewhere, true, true).await;
        let ana = MemberRef(7);
        store
            .remember_name(quiet.id, ana, "Ana", now())
            .await
            .unwrap();
        store
            .remember_name(named.id, ana, "Ana", now())
            .await
            .unwrap();
        store
            .remember_name(named.id, ana, "Ana B.", now() + Duration::minutes(1))
            .await
            .unwrap();
        store
            .remember_name(elsewhere.id, MemberRef(8), "Bo", now())
            .await
            .unwrap();
        assert!(
            store.member_names(quiet.id).await.unwrap().is_empty(),
            "{label}: a community without names keeps none"
        );
        let names = store.member_names(named.id).await.unwrap();
        assert_eq!(names.len(), 1, "{label}: {names:?}");
        assert_eq!(names.get(&ana).map(String::as_str), Some("Ana B."));
        assert!(
            !names.contains_key(&MemberRef(8)),
            "{label}: no other community's names"
        );

        let forgotten = store
            .forget_member(GuildRef(1), ana, |_| "a former member".to_owned())
            .await
            .unwrap();
        assert!(forgotten.answers == 0, "{label}");
        assert!(
            store.member_names(named.id).await.unwrap().is_empty(),
            "{label}"
        );
        assert_eq!(store.member_names(elsewhere.id).await.unwrap().len(), 1);

        store
            .remember_name(named.id, ana, "Ana", now())
            .await
            .unwrap();
        assert_eq!(store.forget_names(named.id).await.unwrap(), 1, "{label}");
        assert!(store.member_names(named.id).await.unwrap().is_empty());
        store.delete_community(elsewhere.id).await.unwrap();
    }
}

#[tokio::test]
async fn the_calendar_file_is_the_same_text_until_something_changes() {
    for db in TestDb::both().await {
        let store = open(&db).await;
        let label = db.label();
        let c = community(&store, 1, 10, "Circle").await;
        let start = Utc.with_ymd_and_hms(2026, 12, 4, 18, 0, 0).unwrap();
        let id = store
            .add_gathering(
                c.id,
                &NewOccurrence {
                    series: None,
                    start,
                    end: start + Duration::hours(3),
                    title: "Winter session".into(),
                    location: Some("Room 2".into()),
                },
                now(),
            )
            .await
            .unwrap();
        let first = store.calendar_file(&c, now()).await.unwrap();
        let again = store
            .calendar_file(&c, now() + Duration::hours(5))
            .await
            .unwrap();
        assert_eq!(first, again, "{label}: nothing changed, same text");
        assert_eq!(first.last_modified, now(), "{label}");
        assert!(first.text.contains("DTSTAMP:20261124T100000Z"), "{label}");
        let later = now() + Duration::days(1);
        let moved = store
            .move_gathering(
                c.id,
                id,
                start + Duration::days(7),
                start + Duration::days(7) + Duration::hours(3),
                None,
                later,
            )
            .await
            .unwrap();
        assert!(moved);
        let after = store
            .calendar_file(&c, later + Duration::hours(1))
            .await
            .unwrap();
        assert_ne!(after.text, first.text, "{label}");
        assert_eq!(after.last_modified, later, "{label}");
        assert!(after.text.contains("20261211T"), "{label}: {}", after.text);
    }
}

/// A name being kept while a coordinator turns names off: the settings change (with its forgetting)
/// holds the community's row until it commits; the name waits for it, sees names off and is not kept.
/// (Without the lock, PostgreSQL's insert checked the setting in a snapshot taken before the change and
/// kept the name after the forgetting.)
#[tokio::test]
async fn a_name_kept_while_names_are_turned_off_is_not_kept() {
    use sqlx::Connection;
    for db in TestDb::both().await {
        let store = open(&db).await;
        let label = db.label();
        let named = community(&store, 1, 11, "Named").await;
        let named = set(&store, &named, true, true).await;
        let mut other = sqlx::AnyConnection::connect(db.url()).await.unwrap();
        let begin = if label == "sqlite" {
            "BEGIN IMMEDIATE"
        } else {
            "BEGIN"
        };
        sqlx::raw_sql(begin).execute(&mut other).await.unwrap();
        sqlx::query("UPDATE communities SET public_names = 0 WHERE id = $1")
            .bind(named.id.0)
            .execute(&mut other)
            .await
            .unwrap();
        sqlx::query("DELETE FROM member_names WHERE community_id = $1")
            .bind(named.id.0)
            .execute(&mut other)
            .await
            .unwrap();
        let keeping = {
            let store = store.clone();
            tokio::spawn(async move {
                store
                    .remember_name(named.id, MemberRef(7), "Ana", now())
                    .await
            })
        };
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        sqlx::raw_sql("COMMIT").execute(&mut other).await.unwrap();
        keeping.await.unwrap().unwrap();
        assert!(
            store.member_names(named.id).await.unwrap().is_empty(),
            "{label}: a name kept after names were turned off"
        );
    }
}

/// A transaction opened on a connection of its own, as another part of the bot would hold one.
async fn transaction_elsewhere(db: &TestDb) -> sqlx::AnyConnection {
    use sqlx::Connection;
    let mut conn = sqlx::AnyConnection::connect(db.url()).await.unwrap();
    sqlx::raw_sql("BEGIN").execute(&mut conn).await.unwrap();
    conn
}

/// `/community delete` started on `community`, given the time to reach whatever it waits for.
async fn deletion_under_way(
    store: &Store,
    community: steward::domain::ids::CommunityId,
) -> tokio::task::JoinHandle<Result<(), steward::store::StoreError>> {
    let store = store.clone();
    let deleting = tokio::spawn(async move { store.delete_community(community).await });
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    deleting
}

/// A community deleted while a member's name is being kept: the name's insert holds the community's
/// row (as `remember_name` does on PostgreSQL) and then touches the member's kept name; the deletion
/// waits for it instead of deadlocking (it used to delete the names first, then wait for the row).
#[tokio::test]
async fn a_community_deleted_while_a_name_is_kept_waits_instead_of_deadlocking() {
    for db in TestDb::both().await {
        if db.label() != "postgres" {
            continue;
        }
        let store = open(&db).await;
        let named = community(&store, 1, 11, "Named").await;
        let named = set(&store, &named, true, true).await;
        store
            .remember_name(named.id, MemberRef(7), "Ana", now())
            .await
            .unwrap();
        let mut keeping = transaction_elsewhere(&db).await;
        sqlx::query("SELECT id FROM communities WHERE id = $1 FOR SHARE")
            .bind(named.id.0)
            .fetch_all(&mut keeping)
            .await
            .unwrap();
        let deleting = deletion_under_way(&store, named.id).await;
        sqlx::query(
            "INSERT INTO member_names (community_id, member_id, name, updated_at) VALUES ($1, 7, 'Ana B.', 0) \
             ON CONFLICT (community_id, member_id) DO UPDATE SET name = excluded.name",
        )
        .bind(named.id.0)
        .execute(&mut keeping)
        .await
        .expect("the name's insert is not chosen as a deadlock victim");
        sqlx::raw_sql("COMMIT").execute(&mut keeping).await.unwrap();
        deleting.await.unwrap().expect("the deletion completes");
        assert!(store.member_names(named.id).await.unwrap().is_empty());
    }
}

/// A community deleted while one of its gatherings is being changed (cancelled or moved: the
/// gathering's row is locked, then a change notice is planned, whose community the database checks):
/// the change goes through and the deletion waits for it, then removes the notice too. The deletion
/// used to lock the community's row against such checks as well, and the two then waited for each
/// other until PostgreSQL failed one of them.
#[tokio::test]
async fn a_community_deleted_while_a_gathering_changes_waits_for_the_change() {
    for db in TestDb::both().await {
        if db.label() != "postgres" {
            continue;
        }
        let store = open(&db).await;
        let c = community(&store, 1, 12, "Changing").await;
        let start = Utc.with_ymd_and_hms(2026, 12, 4, 18, 0, 0).unwrap();
        let g = store
            .add_gathering(
                c.id,
                &NewOccurrence {
                    series: None,
                    start,
                    end: start + Duration::hours(2),
                    title: "Session".into(),
                    location: None,
                },
                now(),
            )
            .await
            .unwrap();
        let mut changing = transaction_elsewhere(&db).await;
        sqlx::query("UPDATE gatherings SET title = 'Session (moved)' WHERE id = $1")
            .bind(g.0)
            .execute(&mut changing)
            .await
            .unwrap();
        let deleting = deletion_under_way(&store, c.id).await;
        sqlx::query(
            "INSERT INTO posts (community_id, gathering_id, kind, idem_key, planned_at, due_at, created_at) \
             VALUES ($1, $2, 'change_notice', 'notice:moved', 0, 0, 0)",
        )
        .bind(c.id.0)
        .bind(g.0)
        .execute(&mut changing)
        .await
        .expect("the change is not chosen as a deadlock victim");
        sqlx::raw_sql("COMMIT")
            .execute(&mut changing)
            .await
            .unwrap();
        deleting.await.unwrap().expect("the deletion completes");
        assert!(store.community(c.id).await.unwrap().is_none());
        let left: i64 = sqlx::query_scalar("SELECT count(*) FROM posts WHERE community_id = $1")
            .bind(c.id.0)
            .fetch_one(&mut changing)
            .await
            .unwrap();
        assert_eq!(left, 0, "the notice went with its community");
    }
}
