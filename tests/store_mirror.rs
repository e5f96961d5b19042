//! The bookkeeping behind a gentle scheduled-event mirror and the posts engine's checks, on SQLite and
//! PostgreSQL: per-row backoff, a community paused after a 403 and probed again, a guild that removed
//! the bot, problems kept while a row fails, the bot's recorded permissions, credit offers, and the count
//! of a channel's automatic posts.

mod support;

use chrono::{DateTime, Duration, TimeZone, Utc};
use steward::domain::community::{CommunityName, Settings};
use steward::domain::ids::{ChannelRef, CommunityId, GuildRef, MemberRef};
use steward::store::{NewOccurrence, Store};
use support::db::TestDb;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap()
}

async fn community(store: &Store, guild: u64, channel: u64) -> CommunityId {
    let settings = Settings::new(
        CommunityName::parse("Circle").unwrap(),
        chrono_tz::Europe::London,
        None,
    );
    let c = store
        .create_community(GuildRef(guild), ChannelRef(channel), &settings, now())
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
    store.add_gathering(c.id, &occurrence, now()).await.unwrap();
    c.id
}

async fn work(store: &Store, at: DateTime<Utc>) -> Vec<steward::store::EventWork> {
    store
        .event_work(at, at + Duration::days(35), 50)
        .await
        .unwrap()
}

#[tokio::test]
async fn failing_rows_back_off_paused_communities_are_probed_and_gone_guilds_are_left_alone() {
    for db in TestDb::both().await {
        let store = Store::open(db.url(), 3).await.unwrap();
        let label = db.label();
        let c = community(&store, 1, 10).await;
        let rows = work(&store, now()).await;
        assert_eq!(rows.len(), 1, "{label}");
        let row = rows[0].clone();

        // A failure puts the row off, counts an attempt, and keeps the problem shown.
        store
            .event_failed(&row, now() + Duration::minutes(10))
            .await
            .unwrap();
        assert!(
            work(&store, now()).await.is_empty(),
            "{label}: waiting out its backoff"
        );
        let later = work(&store, now() + Duration::minutes(11)).await;
        assert_eq!(later.len(), 1, "{label}");
        assert_eq!(later[0].attempts, 1, "{label}");
        assert!(
            store.events_still_failing(c, now()).await.unwrap(),
            "{label}"
        );

        // Held back by the hourly budget: put off, but not counted as a failure.
        store
            .event_later(&later[0], now() + Duration::minutes(30))
            .await
            .unwrap();
        let after_budget = work(&store, now() + Duration::minutes(31)).await;
        assert_eq!(after_budget[0].attempts, 1, "{label}: no attempt added");

        // A community paused after a 403 is left out until the pause ends...
        let at = now() + Duration::minutes(40);
        store
            .block_events(c, at + Duration::hours(1))
            .await
            .unwrap();
        assert!(
            work(&store, at + Duration::minutes(1)).await.is_empty(),
            "{label}: paused"
        );
        // ...or a settings change comes at least 5 minutes after the refusal.
        let soon = at + Duration::minutes(2);
        store
            .probe_events_soon(GuildRef(1), soon, Duration::minutes(5), Duration::hours(1))
            .await
            .unwrap();
        assert!(
            work(&store, soon).await.is_empty(),
            "{label}: too soon after the refusal"
        );
        let later_on = at + Duration::minutes(6);
        store
            .probe_events_soon(
                GuildRef(1),
                later_on,
                Duration::minutes(5),
                Duration::hours(1),
            )
            .await
            .unwrap();
        assert_eq!(
            work(&store, later_on).await.len(),
            1,
            "{label}: probed again"
        );

        // A guild that removed the bot is left alone until it comes back.
        store.set_guild_gone(GuildRef(1), true).await.unwrap();
        assert!(work(&store, later_on).await.is_empty(), "{label}: gone");
        store.set_guild_gone(GuildRef(1), false).await.unwrap();
        let back = work(&store, later_on).await;
        assert_eq!(back.len(), 1, "{label}: back");

        // Synced: the row is done and nothing fails any more.
        assert!(
            store.event_synced(&back[0], Some(42)).await.unwrap(),
            "{label}"
        );
        assert!(
            !store.events_still_failing(c, later_on).await.unwrap(),
            "{label}"
        );
        store.close().await;
    }
}

#[tokio::test]
async fn permissions_credit_offers_and_channel_counts_are_kept_per_community() {
    for db in TestDb::both().await {
        let store = Store::open(db.url(), 3).await.unwrap();
        let label = db.label();
        let c = community(&store, 1, 10).await;
        let other = community(&store, 1, 11).await;

        assert_eq!(
            store.bot_permissions(c).await.unwrap(),
            None,
            "{label}: unknown at first"
        );
        assert!(store
            .record_bot_permissions(ChannelRef(10), 0x2_0001_0C00)
            .await
            .unwrap());
        assert_eq!(
            store.bot_permissions(c).await.unwrap(),
            Some(0x2_0001_0C00),
            "{label}"
        );
        assert_eq!(store.bot_permissions(other).await.unwrap(), None, "{label}");
        assert!(
            !store
                .record_bot_permissions(ChannelRef(99), 1)
                .await
                .unwrap(),
            "{label}: a channel without a community records nothing"
        );

        let offer = store
            .offer_credit(c, MemberRef(7), MemberRef(9), "Ana", now())
            .await
            .unwrap();
        assert_eq!(
            store.credit_offer(c, offer, MemberRef(7)).await.unwrap(),
            Some((MemberRef(9), "Ana".to_owned())),
            "{label}"
        );
        assert_eq!(
            store.credit_offer(c, offer, MemberRef(8)).await.unwrap(),
            None,
            "{label}: only the member it was offered to"
        );
        assert_eq!(
            store
                .credit_offer(other, offer, MemberRef(7))
                .await
                .unwrap(),
            None,
            "{label}: only in its community"
        );
        assert_eq!(
            store
                .prune_credit_offers(now() + Duration::days(31))
                .await
                .unwrap(),
            1,
            "{label}"
        );
        assert_eq!(
            store.credit_offer(c, offer, MemberRef(7)).await.unwrap(),
            None,
            "{label}: forgotten after 30 days"
        );

        assert_eq!(
            store
                .channel_posts_since(c, now() - Duration::hours(1))
                .await
                .unwrap(),
            0,
            "{label}"
        );
        store.close().await;
    }
}
