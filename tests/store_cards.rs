//! Living cards in the store, on SQLite and PostgreSQL: a gathering's card is remembered per community,
//! a newer card plans exactly one stub of the older one, a card is forgotten only if it is still the
//! one deleted, and card edits are planned only for a gathering with a card, one waiting at a time.

mod support;

use chrono::{Duration, TimeZone, Utc};
use steward::domain::community::{Community, CommunityName, Settings};
use steward::domain::ids::{ChannelRef, GuildRef};
use steward::domain::posts::PostKind;
use steward::store::{LivingCard, NewOccurrence, Store, Superseded};
use support::db::TestDb;

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 10, 0, 0).unwrap()
}

async fn community(store: &Store, channel: u64) -> Community {
    let settings = Settings::new(
        CommunityName::parse("Circle").unwrap(),
        chrono_tz::America::Toronto,
        None,
    );
    store
        .create_community(GuildRef(1), ChannelRef(channel), &settings, now())
        .await
        .unwrap()
        .unwrap()
}

async fn gathering(store: &Store, c: &Community) -> steward::domain::gathering::GatheringId {
    let start = Utc.with_ymd_and_hms(2026, 12, 4, 18, 0, 0).unwrap();
    store
        .add_gathering(
            c.id,
            &NewOccurrence {
                series: None,
                start,
                end: start + Duration::hours(3),
                title: "December circle".into(),
                location: None,
            },
            now(),
        )
        .await
        .unwrap()
}

#[tokio::test]
async fn a_card_is_remembered_per_community_and_a_newer_one_plans_one_stub() {
    for db in TestDb::both().await {
        let store = Store::open(db.url(), 3).await.unwrap();
        let label = db.label();
        let a = community(&store, 10).await;
        let b = community(&store, 20).await;
        let g = gathering(&store, &a).await;
        assert_eq!(store.living_card(a.id, g).await.unwrap(), None, "{label}");
        assert!(
            !store.plan_card_edit(a.id, g, now()).await.unwrap(),
            "{label}: no card, no edit"
        );

        let first = LivingCard {
            channel: ChannelRef(10),
            message: 100,
        };
        assert_eq!(
            store.set_living_card(a.id, g, first, now()).await.unwrap(),
            None
        );
        assert_eq!(
            store.living_card(a.id, g).await.unwrap(),
            Some(first),
            "{label}"
        );
        assert_eq!(
            store.living_card(b.id, g).await.unwrap(),
            None,
            "{label}: another community does not see it"
        );
        // The same card again plans nothing.
        assert_eq!(
            store.set_living_card(a.id, g, first, now()).await.unwrap(),
            None
        );

        let second = LivingCard {
            channel: ChannelRef(10),
            message: 200,
        };
        assert_eq!(
            store.set_living_card(a.id, g, second, now()).await.unwrap(),
            Some(first),
            "{label}"
        );
        let due = store
            .claim_due_posts(
                "w",
                now() + Duration::seconds(1),
                now() + Duration::minutes(1),
                50,
            )
            .await
            .unwrap();
        let stubs: Vec<_> = due
            .iter()
            .filter(|p| p.kind == PostKind::CardStub)
            .collect();
        assert_eq!(stubs.len(), 1, "{label}: {due:?}");
        let stub: Superseded = serde_json::from_str(stubs[0].body.as_deref().unwrap()).unwrap();
        assert_eq!(
            stub,
            Superseded {
                channel: 10,
                message: 100,
                by_channel: 10,
                by_message: 200
            }
        );

        // Forgetting the old message leaves the newer card; forgetting the card itself clears it.
        store.forget_living_card(a.id, g, 100).await.unwrap();
        assert_eq!(
            store.living_card(a.id, g).await.unwrap(),
            Some(second),
            "{label}"
        );
        store.forget_living_card(b.id, g, 200).await.unwrap();
        assert_eq!(
            store.living_card(a.id, g).await.unwrap(),
            Some(second),
            "{label}: not from another community"
        );
        store.forget_living_card(a.id, g, 200).await.unwrap();
        assert_eq!(store.living_card(a.id, g).await.unwrap(), None, "{label}");
    }
}

#[tokio::test]
async fn one_card_edit_waits_at_a_time_and_a_claimed_one_lets_the_next_be_planned() {
    for db in TestDb::both().await {
        let store = Store::open(db.url(), 3).await.unwrap();
        let label = db.label();
        let a = community(&store, 10).await;
        let b = community(&store, 20).await;
        let g = gathering(&store, &a).await;
        let card = LivingCard {
            channel: ChannelRef(10),
            message: 100,
        };
        store.set_living_card(a.id, g, card, now()).await.unwrap();
        assert!(
            !store.plan_card_edit(b.id, g, now()).await.unwrap(),
            "{label}: not for another community's gathering"
        );
        assert!(
            store.plan_card_edit(a.id, g, now()).await.unwrap(),
            "{label}"
        );
        let later = now() + Duration::milliseconds(5);
        assert!(
            !store.plan_card_edit(a.id, g, later).await.unwrap(),
            "{label}: one already waits"
        );
        let claimed = store
            .claim_due_posts("w", later, later + Duration::minutes(1), 50)
            .await
            .unwrap();
        let edits: Vec<_> = claimed
            .iter()
            .filter(|p| p.kind == PostKind::CardEdit)
            .collect();
        assert_eq!(edits.len(), 1, "{label}");
        assert_eq!(edits[0].gathering, Some(g));
        // While it is being sent, a change plans the next one (the one in flight may have read too early).
        let after = later + Duration::milliseconds(5);
        assert!(
            store.plan_card_edit(a.id, g, after).await.unwrap(),
            "{label}"
        );
        assert!(!store
            .plan_card_edit(a.id, g, after + Duration::milliseconds(1))
            .await
            .unwrap());
        // Edits never count against the channel's hourly cap of new messages.
        store
            .post_sent(edits[0].id, "w", Some(100), after)
            .await
            .unwrap();
        assert_eq!(
            store
                .channel_posts_since(a.id, now() - Duration::hours(1))
                .await
                .unwrap(),
            0,
            "{label}"
        );
    }
}

#[tokio::test]
async fn a_template_edit_reaches_every_upcoming_gathering_with_no_claimed_role() {
    for db in TestDb::both().await {
        let store = Store::open(db.url(), 3).await.unwrap();
        let label = db.label();
        let a = community(&store, 10).await;
        let b = community(&store, 20).await;
        let claimed = gathering(&store, &a).await;
        let open = gathering(&store, &a).await;
        let elsewhere = gathering(&store, &b).await;
        // Every card was shown: the roles are frozen from the default template.
        for g in [claimed, open] {
            store.agenda_roles(g, &a.template).await.unwrap();
        }
        store.agenda_roles(elsewhere, &b.template).await.unwrap();
        let claim = store
            .claim_role(
                claimed,
                "Opener",
                steward::domain::ids::MemberRef(5),
                false,
                now(),
            )
            .await
            .unwrap();
        assert_eq!(claim, steward::store::ClaimOutcome::Claimed);

        let next = a.template.add("Timekeeper").unwrap();
        let reach = store.apply_template(a.id, &next, now()).await.unwrap();
        assert_eq!(
            reach.reached.iter().map(|(g, _)| *g).collect::<Vec<_>>(),
            vec![open],
            "{label}"
        );
        assert_eq!(
            reach.kept.iter().map(|(g, _)| *g).collect::<Vec<_>>(),
            vec![claimed],
            "{label}"
        );
        let saved = store.community(a.id).await.unwrap().unwrap().template;
        assert_eq!(saved, next, "{label}");
        let roles = |g| {
            let store = store.clone();
            let saved = saved.clone();
            async move { store.agenda_roles(g, &saved).await.unwrap() }
        };
        assert!(
            roles(open).await.roles().iter().any(|r| r == "Timekeeper"),
            "{label}"
        );
        assert!(
            !roles(claimed)
                .await
                .roles()
                .iter()
                .any(|r| r == "Timekeeper"),
            "{label}: a claimed agenda keeps its roles"
        );
        let other = store.agenda_roles(elsewhere, &next).await.unwrap();
        assert!(
            !other.roles().iter().any(|r| r == "Timekeeper"),
            "{label}: not another community's gathering"
        );
    }
}

#[tokio::test]
async fn a_cards_age_a_second_stub_and_an_edit_in_flight_are_read_per_community() {
    for db in TestDb::both().await {
        let store = Store::open(db.url(), 3).await.unwrap();
        let label = db.label();
        let a = community(&store, 10).await;
        let b = community(&store, 20).await;
        let g = gathering(&store, &a).await;
        assert_eq!(store.living_card_posted(a.id, g).await.unwrap(), None);
        let first = LivingCard {
            channel: ChannelRef(10),
            message: 100,
        };
        let second = LivingCard {
            channel: ChannelRef(10),
            message: 200,
        };
        store.set_living_card(a.id, g, first, now()).await.unwrap();
        let later = now() + Duration::hours(5);
        store.set_living_card(a.id, g, second, later).await.unwrap();
        assert_eq!(
            store.living_card_posted(a.id, g).await.unwrap(),
            Some(later),
            "{label}: the newer card's time"
        );
        assert_eq!(
            store.living_card_posted(b.id, g).await.unwrap(),
            None,
            "{label}: not through another community"
        );
        let stubs = |due: &[steward::store::DuePost]| -> Vec<Superseded> {
            due.iter()
                .filter(|p| p.kind == PostKind::CardStub)
                .map(|p| serde_json::from_str(p.body.as_deref().unwrap()).unwrap())
                .collect()
        };
        let due = store
            .claim_due_posts("w", later, later + Duration::minutes(1), 50)
            .await
            .unwrap();
        assert_eq!(stubs(&due).len(), 1, "{label}");
        for p in &due {
            store.post_sent(p.id, "w", Some(1), later).await.unwrap();
        }
        // An edit of the old card that was on its way brought its buttons back: a second stub.
        store.restub(a.id, g, first, later).await.unwrap();
        // The living card is never stubbed, and another community's call reaches nothing.
        store.restub(a.id, g, second, later).await.unwrap();
        store.restub(b.id, g, first, later).await.unwrap();
        let due = store
            .claim_due_posts(
                "w",
                later + Duration::seconds(1),
                later + Duration::minutes(1),
                50,
            )
            .await
            .unwrap();
        assert_eq!(
            stubs(&due),
            [Superseded {
                channel: 10,
                message: 100,
                by_channel: 10,
                by_message: 200
            }],
            "{label}: {due:?}"
        );
        for p in &due {
            store.post_sent(p.id, "w", Some(1), later).await.unwrap();
        }

        assert!(
            !store.card_edit_in_flight(a.id, g).await.unwrap(),
            "{label}"
        );
        assert!(store.plan_card_edit(a.id, g, later).await.unwrap());
        assert!(
            !store.card_edit_in_flight(a.id, g).await.unwrap(),
            "{label}: planned is not in flight"
        );
        let edit = store
            .claim_due_posts(
                "w",
                later + Duration::seconds(2),
                later + Duration::minutes(1),
                50,
            )
            .await
            .unwrap();
        assert_eq!(edit.len(), 1, "{label}: {edit:?}");
        assert!(store.card_edit_in_flight(a.id, g).await.unwrap(), "{label}");
        assert!(
            !store.card_edit_in_flight(b.id, g).await.unwrap(),
            "{label}: not through another community"
        );
        store
            .post_sent(edit[0].id, "w", Some(200), later)
            .await
            .unwrap();
        assert!(
            !store.card_edit_in_flight(a.id, g).await.unwrap(),
            "{label}"
        );
        store.close().await;
    }
}

#[tokio::test]
async fn my_upcoming_gatherings_are_those_of_this_server_where_i_hold_a_role_or_answered() {
    use steward::domain::ids::MemberRef;
    use steward::domain::rsvp::Answer;
    for db in TestDb::both().await {
        let store = Store::open(db.url(), 3).await.unwrap();
        let label = db.label();
        let a = community(&store, 10).await;
        let b = community(&store, 20).await;
        let elsewhere = {
            let settings = Settings::new(
                CommunityName::parse("Elsewhere").unwrap(),
                chrono_tz::America::Toronto,
                None,
            );
            store
                .create_community(GuildRef(2), ChannelRef(30), &settings, now())
                .await
                .unwrap()
                .unwrap()
        };
        let at = |c: &Community, day: u32, title: &str| {
            let start = Utc.with_ymd_and_hms(2026, 12, day, 18, 0, 0).unwrap();
            let new = NewOccurrence {
                series: None,
                start,
                end: start + Duration::hours(2),
                title: title.into(),
                location: None,
            };
            let store = store.clone();
            let id = c.id;
            async move { store.add_gathering(id, &new, now()).await.unwrap() }
        };
        let later_a = at(&a, 11, "A later").await;
        let sooner_b = at(&b, 4, "B sooner").await;
        let untouched = at(&a, 2, "A untouched").await;
        let other_server = at(&elsewhere, 3, "Other server").await;
        let me = MemberRef(77);
        let roles = a.template.roles();
        let role = roles.first().unwrap();
        assert_eq!(
            store
                .claim_role(later_a, role, me, false, now())
                .await
                .unwrap(),
            steward::store::ClaimOutcome::Claimed,
            "{label}"
        );
        store
            .answer_rsvp(sooner_b, me, Answer::Maybe, now())
            .await
            .unwrap();
        store
            .answer_rsvp(other_server, me, Answer::Going, now())
            .await
            .unwrap();
        store
            .answer_rsvp(untouched, MemberRef(78), Answer::Going, now())
            .await
            .unwrap();

        let mine = store.my_upcoming(GuildRef(1), me, now(), 10).await.unwrap();
        let seen: Vec<(&str, Vec<String>, Option<Answer>)> = mine
            .iter()
            .map(|m| (m.gathering.title.as_str(), m.roles.clone(), m.answer))
            .collect();
        assert_eq!(
            seen,
            [
                ("B sooner", vec![], Some(Answer::Maybe)),
                ("A later", vec![role.clone()], None),
            ],
            "{label}: soonest first, this server only"
        );
        assert_eq!(mine[0].community, b.id);
        assert_eq!(
            store
                .my_upcoming(GuildRef(1), me, now(), 1)
                .await
                .unwrap()
                .len(),
            1,
            "{label}: the limit"
        );
        // Once the sooner one is over it is no longer upcoming.
        let after = Utc.with_ymd_and_hms(2026, 12, 5, 0, 0, 0).unwrap();
        let left = store.my_upcoming(GuildRef(1), me, after, 10).await.unwrap();
        assert_eq!(left.len(), 1, "{label}");
        assert_eq!(left[0].gathering.id, later_a);
        store.close().await;
    }
}

/// What a click reads after its change, each in one statement scoped to the community: the card's
/// state (where it is, whether an edit of it is being sent) and the gathering's agenda (frozen roles,
/// holders in claim order, answers in answer order). Through another community: nothing.
#[tokio::test]
async fn a_click_reads_the_card_state_and_the_agenda_in_one_statement_each_per_community() {
    use steward::domain::ids::MemberRef;
    use steward::domain::rsvp::Answer;
    for db in TestDb::both().await {
        let store = Store::open(db.url(), 3).await.unwrap();
        let label = db.label();
        let a = community(&store, 10).await;
        let b = community(&store, 20).await;
        let g = gathering(&store, &a).await;
        let none = store.agenda_and_card(&a, g).await.unwrap().1;
        assert_eq!(none, steward::store::CardState::default(), "{label}");
        let card = LivingCard {
            channel: ChannelRef(10),
            message: 100,
        };
        store.set_living_card(a.id, g, card, now()).await.unwrap();
        let state = store.agenda_and_card(&a, g).await.unwrap().1;
        assert_eq!(state.living, Some(card), "{label}");
        assert!(!state.edit_in_flight, "{label}");
        assert_eq!(
            store
                .agenda_and_card(&b, g)
                .await
                .map(|(_, s)| s)
                .unwrap_or_default(),
            steward::store::CardState::default(),
            "{label}: not through another community"
        );
        // An edit planned and taken by the engine is in flight.
        assert!(
            store.plan_card_edit(a.id, g, now()).await.unwrap(),
            "{label}"
        );
        let taken = store
            .claim_due_posts("w", now(), now() + Duration::minutes(1), 10)
            .await
            .unwrap();
        assert!(
            taken.iter().any(|p| p.kind == PostKind::CardEdit),
            "{label}"
        );
        assert!(
            store.agenda_and_card(&a, g).await.unwrap().1.edit_in_flight,
            "{label}"
        );

        // The agenda: frozen at the first read, then holders and answers in their order.
        let first = store.agenda(&a, g).await.unwrap();
        let roles: Vec<String> = first.lines.iter().map(|l| l.role.clone()).collect();
        assert_eq!(roles.len(), 5, "{label}: the default template, frozen");
        for (i, m) in [(1, 7), (0, 8)] {
            store
                .claim_role(g, &roles[i], MemberRef(m), false, now())
                .await
                .unwrap();
        }
        store
            .answer_rsvp(g, MemberRef(9), Answer::Maybe, now())
            .await
            .unwrap();
        store
            .answer_rsvp(g, MemberRef(7), Answer::Going, now() + Duration::seconds(1))
            .await
            .unwrap();
        let agenda = store.agenda(&a, g).await.unwrap();
        assert_eq!(agenda.answers.len(), 2, "{label}");
        assert_eq!(
            agenda.answers[0],
            (MemberRef(9), Answer::Maybe),
            "{label}: answer order"
        );
        assert_eq!(agenda.lines[1].holder, Some(MemberRef(7)), "{label}");
        assert_eq!(
            agenda,
            {
                let holders = store.holders(g).await.unwrap();
                let answers = store.rsvps(g).await.unwrap();
                steward::domain::agenda::Agenda::new(
                    &store.agenda_roles(g, &a.template).await.unwrap(),
                    &holders,
                    answers,
                )
            },
            "{label}: the same as read statement by statement"
        );
        assert!(
            store.agenda(&b, g).await.is_err(),
            "{label}: not through another community"
        );
        store.close().await;
    }
}
