//! The posts table on SQLite and PostgreSQL: idempotent planning, exactly-once claiming by racing
//! workers, leases that expire, retries, and re-planning (a plan made from settings an organizer changed
//! meanwhile is not kept).

mod support;

use chrono::{DateTime, Duration, TimeZone, Utc};
use std::collections::HashSet;
use steward::domain::community::{Community, CommunityName, Settings};
use steward::domain::gathering::Gathering;
use steward::domain::ids::{ChannelRef, CommunityId, GuildRef};
use steward::domain::posts::{next_role_prompt, plan_for_gathering, PlannedPost, PostKind};
use steward::domain::reminders::ReminderOffsets;
use steward::domain::role_prompt::RolePrompt;
use steward::store::{NewOccurrence, Store};
use support::db::TestDb;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap()
}

async fn community(store: &Store) -> CommunityId {
    let settings = Settings::new(
        CommunityName::parse("Circle").unwrap(),
        chrono_tz::Europe::London,
        None,
    );
    store
        .create_community(GuildRef(1), ChannelRef(10), &settings, now())
        .await
        .unwrap()
        .unwrap()
        .id
}

/// A one-hour gathering of `community`, `days` from now.
async fn gathering_in(store: &Store, community: CommunityId, days: i64) -> Gathering {
    let start = now() + Duration::days(days);
    let new = NewOccurrence {
        series: None,
        start,
        end: start + Duration::hours(1),
        title: "x".into(),
        location: None,
    };
    let id = store.add_gathering(community, &new, now()).await.unwrap();
    store.gathering(community, id).await.unwrap().unwrap()
}

/// The keys of a plan (what a gathering has as it is, when nothing of it is past).
fn keys(posts: &[PlannedPost]) -> Vec<String> {
    posts.iter().map(|p| p.key.clone()).collect()
}

fn card(key: &str, due: DateTime<Utc>) -> PlannedPost {
    PlannedPost {
        kind: PostKind::AgendaCard,
        key: key.to_owned(),
        due,
    }
}

#[tokio::test]
async fn planning_twice_yields_one_post_per_key() {
    for db in TestDb::both().await {
        let store = Store::open(db.url(), 3).await.unwrap();
        let c = community(&store).await;
        let posts: Vec<PlannedPost> = (0..5).map(|i| card(&format!("k{i}"), now())).collect();
        store.plan_posts(c, None, &posts, now()).await.unwrap();
        store.plan_posts(c, None, &posts, now()).await.unwrap();
        let claimed = store
            .claim_due_posts("w", now(), now() + Duration::seconds(60), 100)
            .await
            .unwrap();
        assert_eq!(claimed.len(), 5, "{}", db.label());
        store.close().await;
    }
}

#[tokio::test]
async fn racing_workers_claim_every_due_post_exactly_once() {
    for db in TestDb::both().await {
        let setup = Store::open(db.url(), 3).await.unwrap();
        let c = community(&setup).await;
        let posts: Vec<PlannedPost> = (0..400)
            .map(|i| card(&format!("burst:{i}"), now() - Duration::seconds(1)))
            .collect();
        setup.plan_posts(c, None, &posts, now()).await.unwrap();
        let mut workers = Vec::new();
        for w in 0..4 {
            let store = Store::open(db.url(), 2).await.unwrap();
            workers.push(tokio::spawn(async move {
                let mut mine = Vec::new();
                loop {
                    let batch = store
                        .claim_due_posts(&format!("w{w}"), now(), now() + Duration::seconds(60), 25)
                        .await
                        .unwrap();
                    if batch.is_empty() {
                        break;
                    }
                    // Never more than asked for, however the workers race (PostgreSQL once
                    // re-ran the picking subquery and claimed hundreds at once).
                    assert!(
                        batch.len() <= 25,
                        "claimed {} posts for a batch of 25",
                        batch.len()
                    );
                    mine.extend(batch.into_iter().map(|p| p.id));
                }
                store.close().await;
                mine
            }));
        }
        let mut all = Vec::new();
        for w in workers {
            all.extend(w.await.unwrap());
        }
        let distinct: HashSet<i64> = all.iter().copied().collect();
        assert_eq!(
            (all.len(), distinct.len()),
            (400, 400),
            "{}: no post claimed twice, none lost",
            db.label()
        );
        setup.close().await;
    }
}

#[tokio::test]
async fn an_expired_lease_lets_another_worker_take_over_and_the_first_cannot_mark_it_sent() {
    for db in TestDb::both().await {
        let store = Store::open(db.url(), 3).await.unwrap();
        let c = community(&store).await;
        store
            .plan_posts(c, None, &[card("one", now())], now())
            .await
            .unwrap();
        let a = store
            .claim_due_posts("a", now(), now() + Duration::seconds(10), 5)
            .await
            .unwrap();
        assert_eq!(a.len(), 1);
        assert!(store
            .claim_due_posts(
                "b",
                now() + Duration::seconds(5),
                now() + Duration::seconds(15),
                5
            )
            .await
            .unwrap()
            .is_empty());
        assert_eq!(
            store.next_post_due().await.unwrap(),
            Some(now() + Duration::seconds(10)),
            "{}",
            db.label()
        );
        let b = store
            .claim_due_posts(
                "b",
                now() + Duration::seconds(11),
                now() + Duration::seconds(21),
                5,
            )
            .await
            .unwrap();
        assert_eq!(b.len(), 1, "{}", db.label());
        assert_eq!(b[0].attempts, 2);
        assert!(
            !store.post_sent(a[0].id, "a", Some(1), now()).await.unwrap(),
            "a lost its lease"
        );
        assert!(store.post_sent(b[0].id, "b", Some(2), now()).await.unwrap());
        assert!(store
            .claim_due_posts("c", now() + Duration::days(1), now() + Duration::days(2), 5)
            .await
            .unwrap()
            .is_empty());
        assert_eq!(store.next_post_due().await.unwrap(), None);
        store.close().await;
    }
}

#[tokio::test]
async fn a_retried_post_waits_for_its_retry_time_and_a_dropped_one_never_returns() {
    for db in TestDb::both().await {
        let store = Store::open(db.url(), 3).await.unwrap();
        let c = community(&store).await;
        store
            .plan_posts(c, None, &[card("r", now()), card("d", now())], now())
            .await
            .unwrap();
        let claimed = store
            .claim_due_posts("w", now(), now() + Duration::seconds(60), 5)
            .await
            .unwrap();
        let (r, d) = if claimed[0].key == "r" {
            (&claimed[0], &claimed[1])
        } else {
            (&claimed[1], &claimed[0])
        };
        store
            .post_retry(r.id, "w", now() + Duration::seconds(4), "HTTP 500")
            .await
            .unwrap();
        store
            .post_dropped(d.id, "w", "HTTP 403", now())
            .await
            .unwrap();
        assert!(store
            .claim_due_posts(
                "w",
                now() + Duration::seconds(3),
                now() + Duration::seconds(60),
                5
            )
            .await
            .unwrap()
            .is_empty());
        let again = store
            .claim_due_posts(
                "w",
                now() + Duration::seconds(4),
                now() + Duration::seconds(60),
                5,
            )
            .await
            .unwrap();
        assert_eq!(
            again.iter().map(|p| p.key.as_str()).collect::<Vec<_>>(),
            ["r"],
            "{}",
            db.label()
        );
        assert_eq!(
            again[0].planned_at,
            now(),
            "the original plan time is kept for the (late) mark"
        );
        store.close().await;
    }
}

#[tokio::test]
async fn replanning_a_gathering_replaces_pending_posts_and_keeps_sent_ones() {
    for db in TestDb::both().await {
        let store = Store::open(db.url(), 3).await.unwrap();
        let c = community(&store).await;
        let g = gathering_in(&store, c, 10).await;
        let id = g.id;
        assert_eq!(
            store
                .gatherings_to_plan(now(), now() + Duration::days(91), 10)
                .await
                .unwrap(),
            [id]
        );
        let first = vec![
            card("sent-one", now()),
            card("old", now() + Duration::days(2)),
        ];
        store
            .replan_gathering(
                &as_read(&store, g.community).await,
                &g,
                &first,
                &keys(&first),
                now(),
            )
            .await
            .unwrap();
        assert!(store
            .gatherings_to_plan(now(), now() + Duration::days(91), 10)
            .await
            .unwrap()
            .is_empty());
        let claimed = store
            .claim_due_posts("w", now(), now() + Duration::seconds(60), 5)
            .await
            .unwrap();
        store
            .post_sent(claimed[0].id, "w", Some(9), now())
            .await
            .unwrap();
        let second = vec![
            card("sent-one", now()),
            card("new", now() + Duration::days(3)),
        ];
        store
            .replan_gathering(
                &as_read(&store, g.community).await,
                &g,
                &second,
                &keys(&second),
                now(),
            )
            .await
            .unwrap();
        let later = store
            .claim_due_posts(
                "w",
                now() + Duration::days(5),
                now() + Duration::days(6),
                10,
            )
            .await
            .unwrap();
        let keys: Vec<&str> = later.iter().map(|p| p.key.as_str()).collect();
        assert_eq!(
            keys,
            ["new"],
            "{}: old dropped, sent not resent",
            db.label()
        );
        store.close().await;
    }
}

#[tokio::test]
async fn a_replan_keeps_a_post_whose_time_came_even_while_it_waits_for_a_retry() {
    for db in TestDb::both().await {
        let store = Store::open(db.url(), 3).await.unwrap();
        let c = community(&store).await;
        let g = gathering_in(&store, c, 3).await;
        let reminder = |key: &str, due| PlannedPost {
            kind: PostKind::Reminder,
            key: key.to_owned(),
            due,
        };
        let plan = [
            reminder("due-now", now()),
            reminder("tomorrow", now() + Duration::days(1)),
        ];
        store
            .replan_gathering(
                &as_read(&store, g.community).await,
                &g,
                &plan,
                &keys(&plan),
                now(),
            )
            .await
            .unwrap();
        // Discord answered 500: the reminder is given back, to be tried in a minute.
        let claimed = store
            .claim_due_posts("w", now(), now() + Duration::seconds(60), 10)
            .await
            .unwrap();
        assert_eq!(claimed.len(), 1, "{}", db.label());
        store
            .post_retry(
                claimed[0].id,
                "w",
                now() + Duration::minutes(1),
                "Discord: 500",
            )
            .await
            .unwrap();
        // Meanwhile an answer changes the gathering: it is planned again, and the new plan (worked out
        // from now) no longer holds the reminder whose time has passed.
        let later = now() + Duration::seconds(30);
        let replanned = [reminder("tomorrow", now() + Duration::days(1))];
        store
            .replan_gathering(
                &as_read(&store, g.community).await,
                &g,
                &replanned,
                &keys(&plan),
                later,
            )
            .await
            .unwrap();
        let retried = store
            .claim_due_posts(
                "w",
                now() + Duration::minutes(2),
                now() + Duration::minutes(3),
                10,
            )
            .await
            .unwrap();
        let got: Vec<&str> = retried.iter().map(|p| p.key.as_str()).collect();
        assert_eq!(got, ["due-now"], "{}: the retry still comes", db.label());
        // It fails again; then the gathering moves: the reminder of the old time is no longer one of
        // its posts, and goes instead of being sent a day early.
        store
            .post_retry(
                retried[0].id,
                "w",
                now() + Duration::minutes(4),
                "Discord: 500",
            )
            .await
            .unwrap();
        let moved = [reminder("moved", now() + Duration::days(2))];
        store
            .replan_gathering(
                &as_read(&store, g.community).await,
                &g,
                &moved,
                &keys(&moved),
                now() + Duration::minutes(3),
            )
            .await
            .unwrap();
        let after = store
            .claim_due_posts(
                "w",
                now() + Duration::days(3),
                now() + Duration::days(3) + Duration::minutes(1),
                10,
            )
            .await
            .unwrap();
        let got: Vec<&str> = after.iter().map(|p| p.key.as_str()).collect();
        assert_eq!(
            got,
            ["moved"],
            "{}: only the new time's reminder",
            db.label()
        );
        store.close().await;
    }
}

/// The community as the posts engine reads it before planning.
async fn as_read(store: &Store, c: CommunityId) -> Community {
    store.community(c).await.unwrap().unwrap()
}

/// The keys of every pending post (read, not claimed: a claim would lease them).
async fn pending_keys(url: &str) -> Vec<String> {
    let pool = sqlx::AnyPool::connect(url).await.unwrap();
    let keys = sqlx::query_scalar(
        "SELECT idem_key FROM posts WHERE sent_at IS NULL AND dropped_at IS NULL ORDER BY idem_key",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    pool.close().await;
    keys
}

/// An organizer changes `change` while the posts engine plans from what it read before.
async fn settings_changed(store: &Store, c: CommunityId, change: impl Fn(&mut Settings)) {
    let read = as_read(store, c).await;
    let mut next = read.settings.clone();
    change(&mut next);
    let zone = read.settings.time_zone;
    assert!(store.save_settings(c, &next, zone, now()).await.unwrap());
    store.replan_community(c, now()).await.unwrap();
}

#[tokio::test]
async fn a_prompt_planned_from_settings_changed_meanwhile_is_not_kept() {
    for db in TestDb::both().await {
        let label = db.label();
        let store = Store::open(db.url(), 3).await.unwrap();
        let c = community(&store).await;
        let sundays = |s: &mut Settings| {
            s.role_prompt = RolePrompt::parse("sun 10:00", now()).unwrap();
        };
        let next = |read: &Community| {
            let s = &read.settings;
            next_role_prompt(c.0, &s.role_prompt, s.time_zone, now()).unwrap()
        };
        // The posts engine reads the community (the default prompt: Mondays at 10:00)…
        let read = as_read(&store, c).await;
        let monday = next(&read);
        // …an organizer moves the prompt to Sundays (and its pending prompt is dropped)…
        settings_changed(&store, c, sundays).await;
        // …then the engine stores what it planned from the old settings: not kept.
        store
            .plan_prompt_on_clock(&read, &monday, now())
            .await
            .unwrap();
        assert_eq!(
            store.communities_without_prompt(10).await.unwrap(),
            [c],
            "{label}: the community still needs its prompt"
        );
        assert!(pending_keys(db.url()).await.is_empty(), "{label}");
        // Planned again from what is saved now: Sunday's.
        let fresh = as_read(&store, c).await;
        let sunday = next(&fresh);
        assert_ne!(sunday.key, monday.key);
        assert_eq!(
            sunday.due,
            Utc.with_ymd_and_hms(2026, 11, 29, 10, 0, 0).unwrap()
        );
        store
            .plan_prompt_on_clock(&fresh, &sunday, now())
            .await
            .unwrap();
        assert!(store
            .communities_without_prompt(10)
            .await
            .unwrap()
            .is_empty());
        assert_eq!(
            pending_keys(db.url()).await,
            std::slice::from_ref(&sunday.key),
            "{label}"
        );

        // The other order: the engine stored its plan first, then the change came and dropped it.
        let read = as_read(&store, c).await;
        settings_changed(&store, c, |s| {
            s.role_prompt = RolePrompt::parse("wed 18:00", now()).unwrap();
        })
        .await;
        assert!(
            pending_keys(db.url()).await.is_empty(),
            "{label}: the change dropped Sunday's prompt"
        );
        assert_eq!(store.communities_without_prompt(10).await.unwrap(), [c]);
        // A prompt chained from the community as read before the change is refused too.
        store
            .plan_prompt_on_clock(&read, &sunday, now())
            .await
            .unwrap();
        assert!(pending_keys(db.url()).await.is_empty(), "{label}");
        store.close().await;
    }
}

/// The posts engine plans over and over while an organizer keeps changing the prompt's day (on
/// PostgreSQL the two really interleave): what is left pending is the prompt of the last day chosen, and
/// nothing planned from a day chosen before it.
#[tokio::test]
async fn prompts_planned_while_an_organizer_keeps_changing_the_day_end_on_the_last_day() {
    use std::sync::atomic::{AtomicBool, Ordering};
    let days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    for db in TestDb::both().await {
        let label = db.label();
        let store = Store::open(db.url(), 4).await.unwrap();
        let c = community(&store).await;
        let next = move |read: &Community| {
            let s = &read.settings;
            next_role_prompt(c.0, &s.role_prompt, s.time_zone, now())
        };
        let done = std::sync::Arc::new(AtomicBool::new(false));
        let planner = {
            let (store, done) = (store.clone(), done.clone());
            tokio::spawn(async move {
                let mut plans = 0;
                while !done.load(Ordering::Relaxed) {
                    let read = as_read(&store, c).await;
                    if let Some(prompt) = next(&read) {
                        store
                            .plan_prompt_on_clock(&read, &prompt, now())
                            .await
                            .unwrap();
                        plans += 1;
                    }
                    tokio::task::yield_now().await;
                }
                plans
            })
        };
        for round in 0..150 {
            let day = days[round % days.len()];
            settings_changed(&store, c, |s| {
                s.role_prompt = RolePrompt::parse(&format!("{day} 9:00"), now()).unwrap();
            })
            .await;
            tokio::task::yield_now().await;
        }
        done.store(true, Ordering::Relaxed);
        let plans = planner.await.unwrap();
        assert!(plans > 0, "{label}: the planner ran");
        // The engine's pass after the last change's wake-up.
        let last = as_read(&store, c).await;
        let want = next(&last).unwrap();
        if !store
            .communities_without_prompt(10)
            .await
            .unwrap()
            .is_empty()
        {
            store
                .plan_prompt_on_clock(&last, &want, now())
                .await
                .unwrap();
        }
        assert_eq!(
            pending_keys(db.url()).await,
            [want.key],
            "{label}: only the last day's prompt ({plans} plans raced 150 changes)"
        );
        store.close().await;
    }
}

#[tokio::test]
async fn only_changes_of_what_posts_are_planned_from_count_as_a_new_revision() {
    for db in TestDb::both().await {
        let label = db.label();
        let store = Store::open(db.url(), 3).await.unwrap();
        let c = community(&store).await;
        assert_eq!(as_read(&store, c).await.settings_revision, 0, "{label}");
        settings_changed(&store, c, |s| {
            s.name = CommunityName::parse("Renamed circle").unwrap();
            s.dm_reminders = !s.dm_reminders;
        })
        .await;
        assert_eq!(
            as_read(&store, c).await.settings_revision,
            0,
            "{label}: a new name plans nothing anew"
        );
        settings_changed(&store, c, |s| {
            s.reminders = ReminderOffsets::parse("3d").unwrap();
        })
        .await;
        assert_eq!(
            as_read(&store, c).await.settings_revision,
            1,
            "{label}: reminders"
        );
        let was = as_read(&store, c).await.settings.reminders;
        let rhythm = ReminderOffsets::parse("1d").unwrap();
        assert!(store.follow_rhythm(c, &was, &rhythm, now()).await.unwrap());
        assert_eq!(
            as_read(&store, c).await.settings_revision,
            2,
            "{label}: the rhythm's reminders"
        );
        let zone = as_read(&store, c).await.settings.time_zone;
        store
            .change_zone(c, zone, chrono_tz::Europe::Paris, true, now())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            as_read(&store, c).await.settings_revision,
            3,
            "{label}: a new zone"
        );
        store.close().await;
    }
}

#[tokio::test]
async fn a_gathering_planned_from_reminders_changed_meanwhile_is_planned_again() {
    for db in TestDb::both().await {
        let label = db.label();
        let store = Store::open(db.url(), 3).await.unwrap();
        let c = community(&store).await;
        let g = gathering_in(&store, c, 10).await;
        let read = as_read(&store, c).await;
        let plan =
            |s: &Settings| plan_for_gathering(&g, &s.reminders, &s.role_prompt, s.time_zone, now());
        let stale = plan(&read.settings);
        settings_changed(&store, c, |s| {
            s.reminders = ReminderOffsets::parse("2h").unwrap();
            s.role_prompt = RolePrompt::Off;
        })
        .await;
        store
            .replan_gathering(&read, &g, &stale, &keys(&stale), now())
            .await
            .unwrap();
        let window = now() + Duration::days(30);
        assert_eq!(
            store.gatherings_to_plan(now(), window, 10).await.unwrap(),
            [g.id],
            "{label}: still to plan"
        );
        assert!(pending_keys(db.url()).await.is_empty(), "{label}");
        let fresh = as_read(&store, c).await;
        let current = plan(&fresh.settings);
        store
            .replan_gathering(&fresh, &g, &current, &keys(&current), now())
            .await
            .unwrap();
        assert!(store
            .gatherings_to_plan(now(), window, 10)
            .await
            .unwrap()
            .is_empty());
        let reminders: Vec<String> = pending_keys(db.url())
            .await
            .into_iter()
            .filter(|k| k.starts_with("reminder:"))
            .collect();
        let two_hours = format!("reminder:{}:{}:120", g.id.0, g.start.timestamp());
        assert_eq!(reminders, [two_hours], "{label}: only the 2-hour reminder");
        store.close().await;
    }
}
