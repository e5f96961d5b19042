//! Changes that span rows, on SQLite and PostgreSQL: a cancel or move is all or nothing with the notice it
//! plans (a failing statement injected between its writes leaves the gathering as it was), and two claims
//! by one member at once cannot both win when one role per member is the rule.

mod support;

use chrono::{DateTime, Duration, TimeZone, Utc};
use steward::domain::community::{CommunityName, Settings};
use steward::domain::gathering::{GatheringId, Status};
use steward::domain::ids::{ChannelRef, CommunityId, GuildRef, MemberRef};
use steward::domain::posts::{PlannedPost, PostKind};
use steward::domain::rsvp::Answer;
use steward::store::{Backend, ClaimOutcome, NewOccurrence, PlannedNotice, Store};
use support::db::TestDb;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap()
}

async fn gathering_with_holders(store: &Store) -> (CommunityId, GatheringId) {
    let settings = Settings::new(
        CommunityName::parse("Circle").unwrap(),
        chrono_tz::Europe::London,
        None,
    );
    let c = store
        .create_community(GuildRef(1), ChannelRef(10), &settings, now())
        .await
        .unwrap()
        .unwrap();
    let start = now() + Duration::days(10);
    let occurrence = NewOccurrence {
        series: None,
        start,
        end: start + Duration::hours(2),
        title: "December circle".into(),
        location: None,
    };
    let g = store.add_gathering(c.id, &occurrence, now()).await.unwrap();
    store
        .claim_role(g, "Opener", MemberRef(1), false, now())
        .await
        .unwrap();
    store
        .answer_rsvp(g, MemberRef(2), Answer::Going, now())
        .await
        .unwrap();
    let reminder = PlannedPost {
        kind: PostKind::Reminder,
        key: format!("reminder:{}:test", g.0),
        due: start - Duration::days(1),
    };
    store
        .plan_posts(c.id, Some(g), &[reminder], now())
        .await
        .unwrap();
    (c.id, g)
}

/// Makes every insert of a change notice fail, as a crash or a broken statement would.
async fn raw_pool(store: &Store, db: &TestDb) -> sqlx::AnyPool {
    sqlx::AnyPool::connect(&match store.backend() {
        Backend::Sqlite => format!("{}?mode=rw", db.url()),
        Backend::Postgres => db.url().to_owned(),
    })
    .await
    .unwrap()
}

async fn break_notice_inserts(store: &Store, db: &TestDb) {
    let pool = raw_pool(store, db).await;
    match store.backend() {
        Backend::Sqlite => {
            sqlx::query(
                "CREATE TRIGGER broken_notice BEFORE INSERT ON posts WHEN NEW.kind = 'change_notice' \
                 BEGIN SELECT RAISE(ABORT, 'injected failure'); END",
            )
            .execute(&pool)
            .await
            .unwrap();
        }
        Backend::Postgres => {
            sqlx::query(
                "CREATE FUNCTION broken_notice() RETURNS trigger AS $$ BEGIN \
                 IF NEW.kind = 'change_notice' THEN RAISE EXCEPTION 'injected failure'; END IF; \
                 RETURN NEW; END $$ LANGUAGE plpgsql",
            )
            .execute(&pool)
            .await
            .unwrap();
            sqlx::query(
                "CREATE TRIGGER broken_notice BEFORE INSERT ON posts FOR EACH ROW \
                 EXECUTE FUNCTION broken_notice()",
            )
            .execute(&pool)
            .await
            .unwrap();
        }
    }
    pool.close().await;
}

async fn pending_posts(store: &Store, db: &TestDb, g: GatheringId) -> i64 {
    let pool = raw_pool(store, db).await;
    let pending: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM posts WHERE gathering_id = $1 AND sent_at IS NULL AND dropped_at IS NULL",
    )
    .bind(g.0)
    .fetch_one(&pool)
    .await
    .unwrap();
    pool.close().await;
    pending
}

async fn notices(store: &Store, db: &TestDb) -> i64 {
    let pool = raw_pool(store, db).await;
    let planned: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM posts WHERE kind = 'change_notice'")
            .fetch_one(&pool)
            .await
            .unwrap();
    pool.close().await;
    planned
}

#[tokio::test]
async fn a_cancel_interrupted_between_its_writes_leaves_the_gathering_as_it_was() {
    for db in TestDb::both().await {
        let store = Store::open(db.url(), 3).await.unwrap();
        let label = db.label();
        let (c, g) = gathering_with_holders(&store).await;
        break_notice_inserts(&store, &db).await;
        let notice = |_: &steward::store::Concerned| {
            Ok(PlannedNotice {
                key: format!("notice:cancel:{g}"),
                body: "{}".into(),
            })
        };
        let failed = store
            .cancel_with_notice(c, g, Some("snow"), now(), notice)
            .await;
        assert!(failed.is_err(), "{label}: the injected failure surfaces");
        let kept = store.gathering(c, g).await.unwrap().unwrap();
        assert_eq!(kept.status, Status::Scheduled, "{label}: still on");
        assert_eq!(
            store.holders(g).await.unwrap(),
            [("Opener".to_owned(), MemberRef(1))],
            "{label}: roles still held"
        );
        assert_eq!(
            pending_posts(&store, &db, g).await,
            1,
            "{label}: reminder still planned"
        );

        let moved = store
            .move_with_notice(
                c,
                g,
                kept.start + Duration::days(1),
                kept.end + Duration::days(1),
                None,
                now(),
                |_| {
                    Ok(PlannedNotice {
                        key: format!("notice:move:{g}"),
                        body: "{}".into(),
                    })
                },
            )
            .await;
        assert!(moved.is_err(), "{label}");
        let kept = store.gathering(c, g).await.unwrap().unwrap();
        assert_eq!(kept.start, now() + Duration::days(10), "{label}: not moved");

        // A notice that cannot be written also leaves everything as it was.
        let refused = store
            .cancel_with_notice(c, g, None, now(), |_| {
                Err(steward::store::StoreError::Corrupt("no notice".into()))
            })
            .await;
        assert!(refused.is_err(), "{label}");
        assert_eq!(store.holders(g).await.unwrap().len(), 1, "{label}");
        assert_eq!(
            notices(&store, &db).await,
            0,
            "{label}: no notice without its change"
        );
        store.close().await;
    }
}

#[tokio::test]
async fn a_cancel_frees_roles_drops_posts_and_plans_its_notice_together() {
    for db in TestDb::both().await {
        let store = Store::open(db.url(), 3).await.unwrap();
        let label = db.label();
        let (c, g) = gathering_with_holders(&store).await;
        let concerned = store
            .cancel_with_notice(c, g, Some("snow"), now(), |concerned| {
                assert_eq!(concerned.holders, [("Opener".to_owned(), MemberRef(1))]);
                assert_eq!(concerned.going, [MemberRef(2)]);
                Ok(PlannedNotice {
                    key: format!("notice:cancel:{g}"),
                    body: "{\"title\":\"t\",\"text\":\"x\",\"content\":null,\"ping\":[]}".into(),
                })
            })
            .await
            .unwrap()
            .expect("cancelled");
        assert_eq!(concerned.holders.len(), 1, "{label}");
        let cancelled = store.gathering(c, g).await.unwrap().unwrap();
        assert_eq!(cancelled.status, Status::Cancelled, "{label}");
        assert!(store.holders(g).await.unwrap().is_empty(), "{label}");
        assert_eq!(pending_posts(&store, &db, g).await, 0, "{label}");
        assert_eq!(
            notices(&store, &db).await,
            1,
            "{label}: the notice is planned"
        );
        let again = store
            .cancel_with_notice(c, g, None, now(), |_| unreachable!("not cancelled twice"))
            .await
            .unwrap();
        assert_eq!(again, None, "{label}");
        // Another community cannot cancel it.
        let other = CommunityId(c.0 + 100);
        let (c2, g2) = (other, g);
        assert_eq!(
            store
                .cancel_with_notice(c2, g2, None, now(), |_| unreachable!())
                .await
                .unwrap(),
            None,
            "{label}"
        );
        store.close().await;
    }
}

#[tokio::test]
async fn one_member_claiming_two_roles_at_once_gets_one_when_one_role_per_member() {
    for db in TestDb::both().await {
        let store = Store::open(db.url(), 8).await.unwrap();
        let label = db.label();
        let (_, g) = gathering_with_holders(&store).await;
        store.release_all_roles(g).await.unwrap();
        for round in 0..5 {
            let member = MemberRef(100 + round);
            let roles = [
                "Opener",
                "Closing",
                "Evaluation",
                "Sharing challenges",
                "Facilitation design",
            ];
            let claims = roles.iter().map(|role| {
                let store = store.clone();
                let role = (*role).to_owned();
                tokio::spawn(async move { store.claim_role(g, &role, member, true, now()).await })
            });
            let outcomes: Vec<ClaimOutcome> = futures_util::future::join_all(claims)
                .await
                .into_iter()
                .map(|r| r.unwrap().unwrap())
                .collect();
            let won = outcomes
                .iter()
                .filter(|o| **o == ClaimOutcome::Claimed)
                .count();
            assert_eq!(won, 1, "{label}, round {round}: {outcomes:?}");
            let held = store
                .holders(g)
                .await
                .unwrap()
                .into_iter()
                .filter(|(_, m)| *m == member)
                .count();
            assert_eq!(held, 1, "{label}, round {round}");
            store.release_all_roles(g).await.unwrap();
        }
        store.close().await;
    }
}

#[tokio::test]
async fn the_same_note_submitted_twice_is_archived_once() {
    for db in TestDb::both().await {
        let store = Store::open(db.url(), 8).await.unwrap();
        let label = db.label();
        let (c, g) = gathering_with_holders(&store).await;
        let note = steward::store::NewNote {
            kind: steward::domain::notes::NoteKind::Story,
            title: "Closing round".into(),
            body: "We closed with one word each.".into(),
            tags: vec!["closing".into()],
            author: MemberRef(9),
            author_name: "Ana".into(),
            archived_by: Some(MemberRef(7)),
            gathering: Some(g),
            source_url: None,
        };
        let submits = (0..6).map(|_| {
            let store = store.clone();
            let note = note.clone();
            tokio::spawn(async move { store.archive_note_once(c, &note, now()).await })
        });
        let outcomes: Vec<_> = futures_util::future::join_all(submits)
            .await
            .into_iter()
            .map(|r| r.unwrap().unwrap())
            .collect();
        assert_eq!(
            outcomes.iter().filter(|(_, fresh)| *fresh).count(),
            1,
            "{label}: {outcomes:?}"
        );
        assert!(
            outcomes.iter().all(|(id, _)| *id == outcomes[0].0),
            "{label}: {outcomes:?}"
        );
        assert_eq!(store.all_notes(c).await.unwrap().len(), 1, "{label}");
        // Corrected (other tags) it is a new note; archived by someone else too; and so is the same
        // text ten minutes later.
        let corrected = steward::store::NewNote {
            tags: vec!["ending".into()],
            ..note.clone()
        };
        assert!(
            store
                .archive_note_once(c, &corrected, now())
                .await
                .unwrap()
                .1,
            "{label}"
        );
        let by_other = steward::store::NewNote {
            archived_by: None,
            ..note.clone()
        };
        assert!(
            store
                .archive_note_once(c, &by_other, now())
                .await
                .unwrap()
                .1,
            "{label}"
        );
        let later = now() + Duration::minutes(11);
        assert!(
            store.archive_note_once(c, &note, later).await.unwrap().1,
            "{label}"
        );
        store.close().await;
    }
}
