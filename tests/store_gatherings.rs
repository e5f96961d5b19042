//! Series, gatherings and event bookkeeping on SQLite and PostgreSQL.

mod support;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use steward::domain::community::{CommunityName, Settings};
use steward::domain::gathering::{Status, HORIZON_DAYS};
use steward::domain::ids::{ChannelRef, CommunityId, GuildRef};
use steward::domain::recurrence::{Frequency, Recurrence, RuleSpec};
use steward::store::{NewOccurrence, NewSeries, Store};
use support::db::TestDb;

fn utc(y: i32, mo: u32, d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, 0, 0).unwrap()
}

async fn setup(db: &TestDb, channel: u64) -> (Store, CommunityId) {
    let store = Store::open(db.url(), 3).await.unwrap();
    let settings = Settings::new(
        CommunityName::parse("Circle").unwrap(),
        chrono_tz::America::New_York,
        None,
    );
    let c = store
        .create_community(
            GuildRef(1),
            ChannelRef(channel),
            &settings,
            utc(2026, 11, 1, 0),
        )
        .await
        .unwrap()
        .unwrap();
    (store, c.id)
}

fn weekly_monday(first: NaiveDate) -> NewSeries {
    let spec = RuleSpec::new(Frequency::Weekly, Weekday::Mon, None, None).unwrap();
    let start = NaiveTime::from_hms_opt(9, 0, 0).unwrap();
    NewSeries {
        title: "Peer supervision".into(),
        location: None,
        recurrence: Recurrence::plan(&spec, start, first, chrono_tz::America::New_York).unwrap(),
        duration: Duration::minutes(90),
        summary: steward::i18n::words::rule(steward::i18n::Lang::En, &spec),
    }
}

#[tokio::test]
async fn a_series_is_materialised_to_the_horizon_once_and_extended_without_duplicates() {
    for db in TestDb::both().await {
        let (store, community) = setup(&db, 10).await;
        let now = utc(2026, 11, 24, 12);
        store
            .create_series(
                community,
                &weekly_monday(NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()),
                now,
            )
            .await
            .unwrap();
        let count = || async { store.all_gatherings(community).await.unwrap().len() };
        let weeks = (HORIZON_DAYS / 7) as usize;
        let first = count().await;
        assert!(
            (weeks..=weeks + 1).contains(&first),
            "{}: {first}",
            db.label()
        );
        store.extend_horizon(community, now).await.unwrap();
        assert_eq!(
            count().await,
            first,
            "{}: extending at the same time adds nothing",
            db.label()
        );
        store
            .extend_horizon(community, now + Duration::days(28))
            .await
            .unwrap();
        assert_eq!(count().await, first + 4, "{}: four more weeks", db.label());
        store
            .extend_all_horizons(now + Duration::days(28))
            .await
            .unwrap();
        assert_eq!(count().await, first + 4, "{}", db.label());
        let all = store.all_gatherings(community).await.unwrap();
        for g in &all {
            let local = g.start.with_timezone(&chrono_tz::America::New_York);
            assert_eq!(
                (local.weekday(), local.time()),
                (Weekday::Mon, NaiveTime::from_hms_opt(9, 0, 0).unwrap())
            );
        }
        let distinct: std::collections::HashSet<_> = all.iter().map(|g| g.start).collect();
        assert_eq!(
            distinct.len(),
            all.len(),
            "{}: no duplicate occurrence",
            db.label()
        );
        store.close().await;
    }
}

#[tokio::test]
async fn moved_and_cancelled_occurrences_keep_their_rows_through_re_materialisation() {
    for db in TestDb::both().await {
        let (store, community) = setup(&db, 10).await;
        let now = utc(2026, 11, 24, 12);
        store
            .create_series(
                community,
                &weekly_monday(NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()),
                now,
            )
            .await
            .unwrap();
        let upcoming = store.upcoming(community, now, 3).await.unwrap();
        let (first, second) = (&upcoming[0], &upcoming[1]);
        assert_eq!(first.start, utc(2026, 11, 30, 14));
        let new_start = utc(2026, 12, 1, 23);
        assert!(store
            .move_gathering(
                community,
                first.id,
                new_start,
                new_start + Duration::minutes(90),
                Some("room"),
                now
            )
            .await
            .unwrap());
        assert!(store
            .cancel_gathering(community, second.id, None, now)
            .await
            .unwrap());
        assert!(
            !store
                .cancel_gathering(community, second.id, None, now)
                .await
                .unwrap(),
            "cancelling twice does nothing"
        );
        assert!(
            !store
                .move_gathering(community, second.id, new_start, new_start, None, now)
                .await
                .unwrap(),
            "a cancelled one cannot move"
        );
        store
            .extend_horizon(community, now + Duration::days(60))
            .await
            .unwrap();

        let moved = store.gathering(community, first.id).await.unwrap().unwrap();
        assert_eq!(
            (moved.status, moved.start, moved.original_start),
            (Status::Moved, new_start, first.start)
        );
        assert_eq!(moved.reason.as_deref(), Some("room"));
        let cancelled = store
            .gathering(community, second.id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(cancelled.status, Status::Cancelled, "{}", db.label());
        let next: Vec<_> = store
            .upcoming(community, now, 3)
            .await
            .unwrap()
            .into_iter()
            .map(|g| g.start)
            .collect();
        assert_eq!(
            next,
            [new_start, utc(2026, 12, 14, 14), utc(2026, 12, 21, 14)],
            "{}",
            db.label()
        );
        let all = store.all_gatherings(community).await.unwrap();
        assert_eq!(
            all.iter()
                .filter(|g| g.original_start == first.start)
                .count(),
            1,
            "no duplicate row"
        );
        store.close().await;
    }
}

#[tokio::test]
async fn ending_a_series_withdraws_its_future_gatherings_only() {
    for db in TestDb::both().await {
        let (store, community) = setup(&db, 10).await;
        let created = utc(2026, 11, 1, 12);
        let series = store
            .create_series(
                community,
                &weekly_monday(NaiveDate::from_ymd_opt(2026, 11, 1).unwrap()),
                created,
            )
            .await
            .unwrap();
        let now = utc(2026, 11, 20, 0);
        let withdrawn = store.end_series(series.id, now).await.unwrap();
        assert!(withdrawn > 50, "{}: {withdrawn}", db.label());
        let all = store.all_gatherings(community).await.unwrap();
        let past: Vec<_> = all.iter().filter(|g| g.start < now).collect();
        assert_eq!(past.len(), 3, "2, 9 and 16 Nov stay");
        assert!(past.iter().all(|g| g.status == Status::Scheduled));
        assert!(all
            .iter()
            .filter(|g| g.start >= now)
            .all(|g| g.status == Status::Withdrawn));
        assert!(store.upcoming(community, now, 5).await.unwrap().is_empty());
        let ended = &store.series_of(community).await.unwrap()[0];
        assert_eq!(ended.recurrence.until, Some(now));
        store
            .extend_horizon(community, now + Duration::days(400))
            .await
            .unwrap();
        assert_eq!(
            store.all_gatherings(community).await.unwrap().len(),
            all.len(),
            "an ended series grows no more"
        );
        store.close().await;
    }
}

/// The planner replans a gathering (its row, then its posts) while an organizer ends the series (the
/// gatherings, then their posts): on PostgreSQL the two once waited on each other until the deadlock
/// detector failed `/gathering end-series` with an internal error. Neither fails now, and a gathering
/// withdrawn meanwhile is left with no post to send.
#[tokio::test]
async fn ending_a_series_while_its_posts_are_planned_fails_neither_and_leaves_nothing_to_send() {
    use steward::domain::posts::{PlannedPost, PostKind};
    for db in TestDb::both().await {
        let (store, community) = setup(&db, 10).await;
        let now = utc(2026, 11, 24, 12);
        for round in 0..6 {
            let series = store
                .create_series(
                    community,
                    &weekly_monday(NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()),
                    now,
                )
                .await
                .unwrap();
            let gatherings: Vec<_> = store
                .all_gatherings(community)
                .await
                .unwrap()
                .into_iter()
                .filter(|g| g.series == Some(series.id) && g.status == Status::Scheduled)
                .collect();
            let read = store.community(community).await.unwrap().unwrap();
            let planner = {
                let store = store.clone();
                tokio::spawn(async move {
                    for g in &gatherings {
                        let post = PlannedPost {
                            kind: PostKind::Reminder,
                            key: format!("race:{round}:{}", g.id.0),
                            due: g.start - Duration::hours(1),
                        };
                        let current = [post.key.clone()];
                        store
                            .replan_gathering(&read, g, &[post], &current, now)
                            .await?;
                    }
                    Ok::<_, steward::store::StoreError>(())
                })
            };
            tokio::task::yield_now().await;
            let ended = store.end_series(series.id, now).await;
            let planned = planner.await.unwrap();
            assert!(ended.is_ok(), "{} round {round}: {ended:?}", db.label());
            assert!(planned.is_ok(), "{} round {round}: {planned:?}", db.label());
        }
        let left = store
            .claim_due_posts(
                "w",
                now + Duration::days(400),
                now + Duration::days(401),
                10_000,
            )
            .await
            .unwrap();
        assert!(left.is_empty(), "{}: {} posts left", db.label(), left.len());
        store.close().await;
    }
}

#[tokio::test]
async fn event_sync_is_guarded_against_changes_made_meanwhile_and_problems_are_told_once() {
    for db in TestDb::both().await {
        let (store, community) = setup(&db, 10).await;
        let now = utc(2026, 11, 24, 12);
        let start = utc(2026, 12, 2, 18);
        let new = NewOccurrence {
            series: None,
            start,
            end: start + Duration::hours(1),
            title: "One-off".into(),
            location: None,
        };
        let id = store.add_gathering(community, &new, now).await.unwrap();
        let far = NewOccurrence {
            start: utc(2027, 3, 1, 18),
            end: utc(2027, 3, 1, 19),
            ..new.clone()
        };
        store.add_gathering(community, &far, now).await.unwrap();

        let work = store
            .event_work(now, now + Duration::days(35), 50)
            .await
            .unwrap();
        assert_eq!(
            work.len(),
            1,
            "{}: only the gathering inside the window",
            db.label()
        );
        assert_eq!(work[0].gathering, id);
        store
            .move_gathering(
                community,
                id,
                start + Duration::hours(1),
                start + Duration::hours(2),
                None,
                now,
            )
            .await
            .unwrap();
        assert!(
            !store.event_synced(&work[0], Some(77)).await.unwrap(),
            "{}: stale sync refused",
            db.label()
        );
        let again = store
            .event_work(now, now + Duration::days(35), 50)
            .await
            .unwrap();
        assert!(store.event_synced(&again[0], Some(77)).await.unwrap());
        assert!(
            store
                .event_work(now, now + Duration::days(35), 50)
                .await
                .unwrap()
                .is_empty(),
            "{}",
            db.label()
        );
        store
            .cancel_gathering(community, id, None, now)
            .await
            .unwrap();
        let cancel = store
            .event_work(now, now + Duration::days(35), 50)
            .await
            .unwrap();
        assert_eq!(
            (cancel[0].status, cancel[0].event_id),
            (Status::Cancelled, Some(77))
        );

        store
            .set_events_problem(community, Some("need Manage Events"))
            .await
            .unwrap();
        assert_eq!(
            store
                .take_unreported_events_problem(community)
                .await
                .unwrap()
                .as_deref(),
            Some("need Manage Events")
        );
        assert_eq!(
            store
                .take_unreported_events_problem(community)
                .await
                .unwrap(),
            None,
            "told once"
        );
        store
            .set_events_problem(community, Some("need Manage Events"))
            .await
            .unwrap();
        assert_eq!(
            store
                .take_unreported_events_problem(community)
                .await
                .unwrap(),
            None,
            "the same problem is not told again"
        );
        assert_eq!(
            store.events_problem(community).await.unwrap().as_deref(),
            Some("need Manage Events")
        );
        store.set_events_problem(community, None).await.unwrap();
        assert_eq!(
            store.events_problem(community).await.unwrap(),
            None,
            "{}",
            db.label()
        );
        store.close().await;
    }
}

#[tokio::test]
async fn a_guild_calendar_merges_its_communities_and_ids_are_scoped_to_their_community() {
    for db in TestDb::both().await {
        let (store, first) = setup(&db, 10).await;
        let settings = Settings::new(
            CommunityName::parse("Region North").unwrap(),
            chrono_tz::America::Edmonton,
            None,
        );
        let second = store
            .create_community(GuildRef(1), ChannelRef(11), &settings, utc(2026, 11, 1, 0))
            .await
            .unwrap()
            .unwrap()
            .id;
        let now = utc(2026, 11, 24, 12);
        let one = |h| NewOccurrence {
            series: None,
            start: utc(2026, 12, 5, h),
            end: utc(2026, 12, 5, h + 1),
            title: "x".into(),
            location: None,
        };
        let a = store.add_gathering(first, &one(15), now).await.unwrap();
        store.add_gathering(second, &one(16), now).await.unwrap();
        let merged = store
            .guild_gatherings_between(GuildRef(1), utc(2026, 1, 1, 0), utc(2027, 1, 1, 0))
            .await
            .unwrap();
        assert_eq!(merged.len(), 2, "{}", db.label());
        assert!(
            store.gathering(second, a).await.unwrap().is_none(),
            "another community's id is not found"
        );
        store.close().await;
    }
}

/// A click reads its community (by channel) and gathering (by the button's id) in one statement: the
/// pair only when that gathering is that channel's community's; a button pasted into another
/// community's channel, or an unknown id, finds nothing.
#[tokio::test]
async fn a_click_finds_its_community_and_gathering_together_only_in_their_channel() {
    for db in TestDb::both().await {
        let (store, a) = setup(&db, 10).await;
        let settings = Settings::new(
            CommunityName::parse("Other").unwrap(),
            chrono_tz::Europe::Paris,
            None,
        );
        store
            .create_community(GuildRef(1), ChannelRef(20), &settings, utc(2026, 11, 1, 0))
            .await
            .unwrap()
            .unwrap();
        let start = utc(2026, 12, 4, 18);
        let g = store
            .add_gathering(
                a,
                &NewOccurrence {
                    series: None,
                    start,
                    end: start + Duration::hours(2),
                    title: "December circle".into(),
                    location: Some("Room 4".into()),
                },
                utc(2026, 11, 1, 0),
            )
            .await
            .unwrap();
        let (community, gathering) = store
            .gathering_in_channel(ChannelRef(10), g)
            .await
            .unwrap()
            .expect("found in its channel");
        assert_eq!(community.id, a, "{}", db.label());
        assert_eq!(community.settings.name.as_str(), "Circle");
        assert_eq!(gathering.id, g);
        assert_eq!(gathering.title, "December circle");
        assert_eq!(gathering.location.as_deref(), Some("Room 4"));
        assert_eq!(
            Some(gathering.clone()),
            store.gathering(a, g).await.unwrap(),
            "the same gathering as read alone"
        );
        assert!(store
            .gathering_in_channel(ChannelRef(20), g)
            .await
            .unwrap()
            .is_none());
        assert!(store
            .gathering_in_channel(
                ChannelRef(10),
                steward::domain::gathering::GatheringId(g.0 + 999)
            )
            .await
            .unwrap()
            .is_none());
        store.close().await;
    }
}
