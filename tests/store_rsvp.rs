//! RSVPs, attendance and the participation figures on SQLite and PostgreSQL.

mod support;

use chrono::{DateTime, Duration, TimeZone, Utc};
use steward::domain::community::{CommunityName, Settings};
use steward::domain::gathering::GatheringId;
use steward::domain::ids::{ChannelRef, CommunityId, GuildRef, MemberRef};
use steward::domain::rsvp::Answer;
use steward::store::{NewOccurrence, Store};
use support::db::TestDb;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap()
}

async fn setup(store: &Store) -> (CommunityId, GatheringId) {
    let settings = Settings::new(
        CommunityName::parse("Circle").unwrap(),
        chrono_tz::Europe::London,
        None,
    );
    let c = store
        .create_community(GuildRef(1), ChannelRef(10), &settings, now())
        .await
        .unwrap()
        .unwrap()
        .id;
    let start = now() - Duration::days(3);
    let new = NewOccurrence {
        series: None,
        start,
        end: start + Duration::hours(2),
        title: "Past".into(),
        location: None,
    };
    (
        c,
        store
            .add_gathering(c, &new, now() - Duration::days(30))
            .await
            .unwrap(),
    )
}

#[tokio::test]
async fn one_answer_per_member_changeable() {
    for db in TestDb::both().await {
        let store = Store::open(db.url(), 3).await.unwrap();
        let (_, g) = setup(&store).await;
        store
            .answer_rsvp(g, MemberRef(1), Answer::Going, now())
            .await
            .unwrap();
        store
            .answer_rsvp(g, MemberRef(2), Answer::Maybe, now())
            .await
            .unwrap();
        store
            .answer_rsvp(g, MemberRef(1), Answer::No, now() + Duration::minutes(1))
            .await
            .unwrap();
        let answers = store.rsvps(g).await.unwrap();
        assert_eq!(answers.len(), 2, "{}", db.label());
        assert!(
            answers.contains(&(MemberRef(1), Answer::No))
                && answers.contains(&(MemberRef(2), Answer::Maybe))
        );
        store.close().await;
    }
}

#[tokio::test]
async fn attendance_is_recorded_once_removable_and_adds_up_in_the_report_figures() {
    for db in TestDb::both().await {
        let store = Store::open(db.url(), 3).await.unwrap();
        let (c, g) = setup(&store).await;
        assert!(store
            .record_attendance(g, MemberRef(1), None, now())
            .await
            .unwrap());
        assert!(
            !store
                .record_attendance(g, MemberRef(1), Some(MemberRef(9)), now())
                .await
                .unwrap(),
            "once"
        );
        assert!(store
            .record_attendance(g, MemberRef(2), Some(MemberRef(9)), now())
            .await
            .unwrap());
        assert!(store.remove_attendance(g, MemberRef(2)).await.unwrap());
        assert!(!store.remove_attendance(g, MemberRef(2)).await.unwrap());
        store
            .answer_rsvp(g, MemberRef(1), Answer::Going, now())
            .await
            .unwrap();
        store
            .answer_rsvp(g, MemberRef(3), Answer::Going, now())
            .await
            .unwrap();
        store
            .claim_role(g, "Opener", MemberRef(1), false, now())
            .await
            .unwrap();
        assert_eq!(
            store.attendees(g).await.unwrap(),
            [MemberRef(1)],
            "{}",
            db.label()
        );
        let (going, came, roles) = store
            .participation(c, now() - Duration::days(30), now())
            .await
            .unwrap();
        assert_eq!(going.len(), 2, "{}", db.label());
        assert_eq!(came, [(g, MemberRef(1))]);
        assert_eq!(roles, [(g, MemberRef(1))]);
        let (none, _, _) = store
            .participation(c, now() - Duration::days(90), now() - Duration::days(31))
            .await
            .unwrap();
        assert!(none.is_empty(), "outside the window");
        store.close().await;
    }
}
