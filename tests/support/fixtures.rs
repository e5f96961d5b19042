//! Test fixtures shared by the end-to-end tests and the benchmarks.

use super::fake_discord::interactions::{CHANNEL, GUILD};
use super::fake_discord::{FakeDiscord, Invocation, Member};
use chrono::{DateTime, Duration, Utc};
use steward::domain::community::{CommunityName, Settings};
use steward::domain::ids::{ChannelRef, GuildRef};
use steward::domain::posts::{PlannedPost, PostKind};
use steward::store::{NewOccurrence, Store};

/// A community with one upcoming gathering and `count` agenda-card posts all due now.
pub async fn burst(db_url: &str, count: usize) {
    let store = Store::open(db_url, 3).await.unwrap();
    plan_burst(&store, count, Utc::now() - Duration::seconds(1)).await;
    store.close().await;
}

/// In `store`: a community with one upcoming gathering and `count` agenda-card posts due at `due`.
pub async fn plan_burst(store: &Store, count: usize, due: DateTime<Utc>) {
    plan_burst_in(store, CHANNEL, count, due).await;
}

/// The same in the community of `channel` (created here, in the default guild).
pub async fn plan_burst_in(store: &Store, channel: u64, count: usize, due: DateTime<Utc>) {
    let now = Utc::now();
    let settings = Settings::new(
        CommunityName::parse("Circle").unwrap(),
        chrono_tz::Europe::London,
        None,
    );
    let c = store
        .create_community(GuildRef(GUILD), ChannelRef(channel), &settings, now)
        .await
        .unwrap()
        .unwrap();
    let start = now + Duration::days(120);
    let occurrence = NewOccurrence {
        series: None,
        start,
        end: start + Duration::hours(1),
        title: "Burst".into(),
        location: None,
    };
    store.add_gathering(c.id, &occurrence, now).await.unwrap();
    let posts: Vec<PlannedPost> = (0..count)
        .map(|i| PlannedPost {
            kind: PostKind::AgendaCard,
            key: format!("burst:{i}"),
            due,
        })
        .collect();
    for chunk in posts.chunks(500) {
        store.plan_posts(c.id, None, chunk, now).await.unwrap();
    }
}

/// A community with one gathering on Fri 4 Dec 2026, 13:00–16:00 Phoenix (20:00 UTC).
pub async fn community_with_a_gathering(fake: &FakeDiscord) {
    let setup = Invocation::new("community setup", &Member::manager(1))
        .opt("name", "Circle")
        .opt("timezone", "America/Phoenix");
    fake.run(&setup).await;
    let add = Invocation::new("gathering add", &Member::manager(1))
        .opt("date", "2026-12-04")
        .opt("start", "1pm")
        .opt("end", "4pm")
        .opt("title", "December session");
    fake.run(&add).await;
}

/// The `nth` (from 0) change notice titled `title` that the bot posted in a channel, shaped like an
/// interaction answer (`{"data": body}`) so the reply helpers read it.
pub async fn posted_notice(fake: &FakeDiscord, title: &str, nth: usize) -> serde_json::Value {
    let found = fake
        .wait_for(&format!("the notice `{title}`"), |f| {
            f.created_messages()
                .into_iter()
                .map(|(_, body)| body)
                .filter(|body| body["embeds"][0]["title"] == title)
                .nth(nth)
        })
        .await;
    serde_json::json!({ "data": found })
}
