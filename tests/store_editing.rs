//! The store's queries for editing what was scheduled, on SQLite and PostgreSQL: one gathering's edit
//! (scoped by community, a new start makes it moved, the notice planned only when asked), a series
//! change (scoped by community, rows kept by date, a preview that writes nothing), one gathering's own
//! agenda (refused when it changed meanwhile, the removed role's holder freed in the same
//! transaction), and the pruning of old card edits.

mod support;

use chrono::{DateTime, Duration, NaiveTime, TimeZone, Utc};
use steward::domain::community::{Community, CommunityName, Settings};
use steward::domain::gathering::{Gathering, Status};
use steward::domain::ids::{ChannelRef, GuildRef, MemberRef};
use steward::domain::recurrence::{Frequency, Recurrence, RuleSpec, WeekOfMonth};
use steward::domain::reshape::NewValues;
use steward::domain::roles::Template;
use steward::store::{LivingCard, NewSeries, PlannedNotice, SeriesChange, Store};
use support::db::TestDb;

const ZONE: chrono_tz::Tz = chrono_tz::America::Toronto;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 10, 0, 0).unwrap()
}

async fn community(store: &Store, channel: u64) -> Community {
    let settings = Settings::new(CommunityName::parse("Circle").unwrap(), ZONE, None);
    store
        .create_community(GuildRef(1), ChannelRef(channel), &settings, now())
        .await
        .unwrap()
        .unwrap()
}

fn first_fridays(week: WeekOfMonth, day: chrono::Weekday) -> NewSeries {
    let spec = RuleSpec::new(Frequency::Monthly, day, Some(week), None).unwrap();
    let start = NaiveTime::from_hms_opt(13, 0, 0).unwrap();
    let first = now().with_timezone(&ZONE).date_naive();
    NewSeries {
        title: "Practice".into(),
        location: Some("Room 1".into()),
        recurrence: Recurrence::plan(&spec, start, first, ZONE).unwrap(),
        duration: Duration::hours(3),
        summary: steward::i18n::words::rule(steward::i18n::Lang::En, &spec),
    }
}

async fn upcoming(store: &Store, c: &Community) -> Vec<Gathering> {
    store.upcoming(c.id, now(), 50).await.unwrap()
}

#[tokio::test]
async fn one_gathering_is_edited_only_in_its_own_community_and_a_new_start_makes_it_moved() {
    for db in TestDb::both().await {
        let store = Store::open(db.url(), 3).await.unwrap();
        let label = db.label();
        let a = community(&store, 10).await;
        let b = community(&store, 20).await;
        store
            .create_series(
                a.id,
                &first_fridays(WeekOfMonth::First, chrono::Weekday::Fri),
                now(),
            )
            .await
            .unwrap();
        let g = upcoming(&store, &a).await[0].clone();
        let retitled = Gathering {
            title: "December harvest".into(),
            ..g.clone()
        };
        let none = |_: &steward::store::Concerned| Ok(None);
        assert!(
            store
                .edit_with_notice(b.id, &retitled, now(), none)
                .await
                .unwrap()
                .is_none(),
            "{label}: another community's gathering is not edited"
        );
        assert!(store
            .edit_with_notice(a.id, &retitled, now(), none)
            .await
            .unwrap()
            .is_some());
        let after = store.gathering(a.id, g.id).await.unwrap().unwrap();
        assert_eq!(
            (after.title.as_str(), after.status),
            ("December harvest", Status::Scheduled)
        );
        let later = Gathering {
            start: g.start + Duration::hours(2),
            end: g.end + Duration::hours(2),
            ..after.clone()
        };
        let noticed = store
            .edit_with_notice(a.id, &later, now(), |_| {
                Ok(Some(PlannedNotice {
                    key: "notice:edit:test".into(),
                    body: "{}".into(),
                }))
            })
            .await
            .unwrap();
        assert!(noticed.is_some(), "{label}");
        let after = store.gathering(a.id, g.id).await.unwrap().unwrap();
        assert_eq!(
            (after.start, after.status),
            (later.start, Status::Moved),
            "{label}"
        );
        assert_eq!(after.original_start, g.original_start, "{label}");
        store.close().await;
    }
}

#[tokio::test]
async fn a_series_change_is_scoped_by_community_previewed_without_writing_and_keeps_shared_dates() {
    for db in TestDb::both().await {
        let store = Store::open(db.url(), 3).await.unwrap();
        let label = db.label();
        let a = community(&store, 10).await;
        let b = community(&store, 20).await;
        let series = store
            .create_series(
                a.id,
                &first_fridays(WeekOfMonth::First, chrono::Weekday::Fri),
                now(),
            )
            .await
            .unwrap();
        let before = upcoming(&store, &a).await;
        let from = before[1].original_start; // 1 Jan on
                                             // Weekly Fridays from 1 Jan: every first Friday is kept, the others added.
        let spec = RuleSpec::new(Frequency::Weekly, chrono::Weekday::Fri, None, None).unwrap();
        let change = SeriesChange {
            series: series.id,
            from,
            next: NewSeries {
                recurrence: Recurrence::plan(
                    &spec,
                    NaiveTime::from_hms_opt(13, 0, 0).unwrap(),
                    from.with_timezone(&ZONE).date_naive(),
                    ZONE,
                )
                .unwrap(),
                summary: steward::i18n::words::rule(steward::i18n::Lang::En, &spec),
                ..first_fridays(WeekOfMonth::First, chrono::Weekday::Fri)
            },
            values: NewValues::default(),
        };
        assert!(store
            .preview_series_change(b.id, &change, now())
            .await
            .unwrap()
            .is_none());
        let preview = store
            .preview_series_change(a.id, &change, now())
            .await
            .unwrap()
            .unwrap();
        assert!(preview.vanishing.is_empty(), "{label}");
        assert_eq!(preview.continuing.len(), before.len() - 1, "{label}");
        assert_eq!(
            upcoming(&store, &a).await,
            before,
            "{label}: a preview writes nothing"
        );
        let unconcerned = |_: &_, _: &[_]| Ok(None);
        assert!(
            store
                .change_series(b.id, &change, now(), unconcerned)
                .await
                .unwrap()
                .is_none(),
            "{label}: another community cannot change it"
        );
        let done = store
            .change_series(a.id, &change, now(), unconcerned)
            .await
            .unwrap()
            .unwrap();
        let after = upcoming(&store, &a).await;
        assert_eq!(after[0], before[0], "{label}: 4 Dec is before the change");
        for kept in &before[1..] {
            let now_kept = after.iter().find(|g| g.id == kept.id).expect("kept row");
            assert_eq!(now_kept.start, kept.start, "{label}");
            assert_eq!(now_kept.series, Some(done.series.id), "{label}");
        }
        assert!(
            after.len() > before.len() * 3,
            "{label}: the weekly dates are added"
        );
        let ended = store
            .series_of(a.id)
            .await
            .unwrap()
            .into_iter()
            .find(|s| s.id == series.id)
            .unwrap();
        assert_eq!(
            ended.recurrence.until,
            Some(from - Duration::seconds(1)),
            "{label}"
        );
        assert!(
            store
                .change_series(a.id, &change, now(), unconcerned)
                .await
                .unwrap()
                .is_none(),
            "{label}: the ended series cannot be changed again from the same date"
        );
        store.close().await;
    }
}

#[tokio::test]
async fn one_gathering_agenda_is_set_only_if_unchanged_and_frees_the_removed_role() {
    for db in TestDb::both().await {
        let store = Store::open(db.url(), 3).await.unwrap();
        let label = db.label();
        let a = community(&store, 10).await;
        let b = community(&store, 20).await;
        store
            .create_series(
                a.id,
                &first_fridays(WeekOfMonth::First, chrono::Weekday::Fri),
                now(),
            )
            .await
            .unwrap();
        let g = upcoming(&store, &a).await[0].clone();
        let seen = store.agenda_roles(g.id, &a.template).await.unwrap();
        let opener = seen.roles()[0].clone();
        store
            .claim_role(g.id, &opener, MemberRef(4), false, now())
            .await
            .unwrap();
        let (next, removed) = seen.remove(&opener).unwrap();
        assert_eq!(
            store
                .set_own_agenda(b.id, g.id, &seen, &next, Some(&removed))
                .await
                .unwrap(),
            None,
            "{label}: not another community's"
        );
        let stale = Template::from_stored("Somebody else's list");
        assert_eq!(
            store
                .set_own_agenda(a.id, g.id, &stale, &next, Some(&removed))
                .await
                .unwrap(),
            None,
            "{label}: the agenda changed meanwhile"
        );
        assert_eq!(
            store.holders(g.id).await.unwrap().len(),
            1,
            "{label}: nothing written"
        );
        assert_eq!(
            store
                .set_own_agenda(a.id, g.id, &seen, &next, Some(&removed))
                .await
                .unwrap(),
            Some(Some(MemberRef(4))),
            "{label}"
        );
        assert!(store.holders(g.id).await.unwrap().is_empty(), "{label}");
        assert_eq!(store.agenda_roles(g.id, &a.template).await.unwrap(), next);
        // A template edit leaves it as it is (no claim is left on it).
        let reach = store
            .apply_template(a.id, &a.template.add("Scribe").unwrap(), now())
            .await
            .unwrap();
        assert!(reach.kept.iter().any(|(id, _)| *id == g.id), "{label}");
        assert_eq!(store.agenda_roles(g.id, &a.template).await.unwrap(), next);
        store.close().await;
    }
}

#[tokio::test]
async fn card_edits_done_a_week_ago_are_pruned_and_newer_or_pending_ones_stay() {
    for db in TestDb::both().await {
        let store = Store::open(db.url(), 3).await.unwrap();
        let label = db.label();
        let a = community(&store, 10).await;
        store
            .create_series(
                a.id,
                &first_fridays(WeekOfMonth::First, chrono::Weekday::Fri),
                now(),
            )
            .await
            .unwrap();
        let g = upcoming(&store, &a).await[0].id;
        let card = LivingCard {
            channel: ChannelRef(10),
            message: 100,
        };
        store.set_living_card(a.id, g, card, now()).await.unwrap();
        let send_one = |at: DateTime<Utc>| {
            let store = store.clone();
            async move {
                assert!(store.plan_card_edit(a.id, g, at).await.unwrap());
                let due = store
                    .claim_due_posts("w", at, at + Duration::minutes(1), 10)
                    .await
                    .unwrap();
                for post in due {
                    assert!(store.post_sent(post.id, "w", Some(100), at).await.unwrap());
                }
            }
        };
        send_one(now()).await;
        send_one(now() + Duration::days(5)).await;
        assert!(store
            .plan_card_edit(a.id, g, now() + Duration::days(6))
            .await
            .unwrap());
        let later = now() + Duration::days(8);
        assert_eq!(store.prune_card_edits(later).await.unwrap(), 1, "{label}");
        assert_eq!(store.prune_card_edits(later).await.unwrap(), 0, "{label}");
        assert_eq!(
            store.card_edits_since(a.id, now()).await.unwrap(),
            1,
            "{label}: the newer sent one stays"
        );
        store.close().await;
    }
}
