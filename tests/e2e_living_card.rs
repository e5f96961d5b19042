//! One living card per gathering, end to end against the fake Discord (which keeps every message of
//! the bot as it stands after each edit), on SQLite and PostgreSQL:
//! - a card posted by `/gathering next`, then `/role claim` by command, `/rsvp`, `/role assign`, a move
//!   and a cancel: after each, the fake's copy of that card shows the change within seconds;
//! - a second `/gathering next` turns the first card into a stub linking to the new one, so the channel
//!   holds exactly one card with buttons for the gathering;
//! - a reminder links to a recent living card (short, no buttons of its own) and, when the card is
//!   days old or more than 20 messages up the channel, becomes the living card itself (the older one
//!   a stub);
//! - `/gathering mine` lists the member's roles and answers in this server with links to the cards;
//! - the edit survives a 500 then a 429 on its PATCH; a card someone deleted (404) is forgotten and the
//!   next card posted becomes the living one.

mod support;

use chrono::{DateTime, Duration, TimeZone, Utc};
use serde_json::Value;
use std::sync::Arc;
use steward::domain::ids::{ChannelRef, CommunityId, MemberRef};
use support::bot::{RunningBot, ShiftedClock};
use support::db::TestDb;
use support::fake_discord::interactions::CHANNEL;
use support::fake_discord::{FakeDiscord, Invocation, Member};
use support::replies::text_of;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 10, 0, 0).unwrap()
}

/// Fri 4 Dec 2026 13:00 in Toronto.
fn dec4() -> i64 {
    Utc.with_ymd_and_hms(2026, 12, 4, 18, 0, 0)
        .unwrap()
        .timestamp()
}

async fn start(db: &TestDb) -> (FakeDiscord, RunningBot, Arc<ShiftedClock>) {
    let fake = FakeDiscord::start().await;
    let clock = ShiftedClock::starting_at(now());
    let bot = RunningBot::start_with_clock(&fake, db.url(), clock.clone()).await;
    fake.run(
        &Invocation::new("community setup", &Member::manager(1))
            .opt("name", "Circle")
            .opt("timezone", "America/Toronto"),
    )
    .await;
    fake.run(
        &Invocation::new("gathering add", &Member::manager(1))
            .opt("date", "2026-12-04")
            .opt("start", "1pm")
            .opt("end", "4pm")
            .opt("title", "December circle"),
    )
    .await;
    (fake, bot, clock)
}

async fn community_id(bot: &RunningBot) -> CommunityId {
    bot.store
        .community_in_channel(ChannelRef(CHANNEL))
        .await
        .unwrap()
        .unwrap()
        .id
}

/// Posts `/gathering next` and waits until the bot has recorded the card as the living one.
async fn post_card(fake: &FakeDiscord, bot: &RunningBot) -> u64 {
    let community = community_id(bot).await;
    let gathering = bot.store.upcoming(community, now(), 1).await.unwrap()[0].id;
    let before = bot.store.living_card(community, gathering).await.unwrap();
    let id = fake.invoke(&Invocation::new("gathering next", &Member::regular(9)));
    let answer = fake.response_to(id).await;
    assert!(text_of(&answer).contains("Next gathering: December circle"));
    for _ in 0..200 {
        let card = bot.store.living_card(community, gathering).await.unwrap();
        if let Some(card) = card.filter(|c| Some(*c) != before) {
            assert_eq!(card.channel, ChannelRef(CHANNEL));
            assert!(
                fake.stored_message(card.message).is_some(),
                "the fake has it"
            );
            return card.message;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    panic!("the card of /gathering next was never recorded as the living card");
}

/// The card's whole text as it stands in the fake (content, embed titles, descriptions, fields).
fn card_text(body: &Value) -> String {
    let mut text = body["content"].as_str().unwrap_or_default().to_owned();
    for embed in body["embeds"].as_array().into_iter().flatten() {
        for key in ["title", "description"] {
            text.push('\n');
            text.push_str(embed[key].as_str().unwrap_or_default());
        }
        for field in embed["fields"].as_array().into_iter().flatten() {
            text.push('\n');
            text.push_str(field["name"].as_str().unwrap_or_default());
            text.push('\n');
            text.push_str(field["value"].as_str().unwrap_or_default());
        }
    }
    text
}

/// The custom id of the button labelled `label` on a stored message.
fn button_id(body: &Value, label: &str) -> String {
    body["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .find(|b| b["label"] == label)
        .and_then(|b| b["custom_id"].as_str().map(str::to_owned))
        .unwrap_or_else(|| panic!("no {label} button on {body}"))
}

fn buttons(body: &Value) -> usize {
    body["components"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|row| row["components"].as_array().map_or(0, Vec::len))
        .sum()
}

/// Waits until the fake's copy of `message` satisfies `ok`.
async fn card_becomes(fake: &FakeDiscord, message: u64, what: &str, ok: impl Fn(&Value) -> bool) {
    let mut last = Value::Null;
    for _ in 0..300 {
        if let Some(body) = fake.stored_message(message) {
            if ok(&body) {
                return;
            }
            last = body;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    panic!("the card never showed {what}: {}", card_text(&last));
}

#[tokio::test]
async fn every_change_reaches_the_living_card_and_a_newer_card_leaves_one_live() {
    for db in TestDb::both().await {
        let label = db.label();
        let (fake, bot, _) = start(&db).await;
        let card = post_card(&fake, &bot).await;
        let first = fake.stored_message(card).unwrap();
        assert!(card_text(&first).contains("Going (0)"), "{label}");
        assert!(buttons(&first) > 0, "{label}");

        fake.run(&Invocation::new("role claim", &Member::regular(5)).opt("role", "Opener"))
            .await;
        card_becomes(&fake, card, "the claim", |b| {
            card_text(b).contains("**Opener** — <@5>")
        })
        .await;
        fake.run(&Invocation::new("rsvp", &Member::regular(6)).opt("answer", "going"))
            .await;
        card_becomes(&fake, card, "the RSVP", |b| {
            card_text(b).contains("Going (1): <@6>")
        })
        .await;
        fake.run(
            &Invocation::new("role assign", &Member::manager(1))
                .opt("role", "Closing")
                .opt("member", "7"),
        )
        .await;
        card_becomes(&fake, card, "the assignment", |b| {
            card_text(b).contains("**Closing** — <@7>")
        })
        .await;
        fake.run(&Invocation::new("role release", &Member::regular(7)).opt("role", "Closing"))
            .await;
        card_becomes(&fake, card, "the release by command", |b| {
            !card_text(b).contains("<@7>") && card_text(b).contains("**Opener** — <@5>")
        })
        .await;
        fake.run(
            &Invocation::new("gathering edit", &Member::manager(1))
                .opt("gathering", "2026-12-04")
                .opt("location", "Room 12"),
        )
        .await;
        card_becomes(&fake, card, "the edit of its place", |b| {
            card_text(b).contains("Room 12")
        })
        .await;
        fake.run(
            &Invocation::new("role agenda", &Member::manager(1))
                .opt("gathering", "2026-12-04")
                .opt("action", "add")
                .opt("name", "Timekeeper"),
        )
        .await;
        card_becomes(&fake, card, "the agenda change", |b| {
            card_text(b).contains("Timekeeper")
        })
        .await;
        // Every edit pings nobody: no mention is parsed from an edit's text.
        let edits: Vec<_> = fake
            .requests()
            .into_iter()
            .filter(|r| {
                r.method == "PATCH" && r.path == format!("/channels/{CHANNEL}/messages/{card}")
            })
            .collect();
        assert!(edits.len() >= 6, "{label}: {} edits", edits.len());
        for edit in &edits {
            let body = edit.body.clone().unwrap_or_default();
            let allowed = &body["allowed_mentions"];
            assert!(
                allowed["parse"].as_array().is_some_and(Vec::is_empty)
                    && allowed["users"].as_array().is_none_or(Vec::is_empty)
                    && allowed["roles"].as_array().is_none_or(Vec::is_empty),
                "{label}: an edit that may ping: {body}"
            );
        }

        fake.run(
            &Invocation::new("gathering move", &Member::manager(1))
                .opt("gathering", "2026-12-04")
                .opt("new_date", "2026-12-11"),
        )
        .await;
        let dec11 = dec4() + 7 * 86_400;
        card_becomes(&fake, card, "the move", |b| {
            let text = card_text(b);
            text.contains(&format!("<t:{dec11}:F>")) && text.contains("Moved from")
        })
        .await;

        // A second card: the first becomes a stub that links to it, without buttons.
        let newer = post_card(&fake, &bot).await;
        assert_ne!(newer, card);
        card_becomes(&fake, card, "the stub", |b| {
            card_text(b).contains("replaced by a newer one: https://discord.com/channels/")
                && card_text(b).contains(&format!("/{CHANNEL}/{newer}"))
                && buttons(b) == 0
                && b["embeds"].as_array().is_none_or(Vec::is_empty)
        })
        .await;
        let live: Vec<u64> = fake
            .stored_in(CHANNEL)
            .into_iter()
            .filter(|(_, b)| {
                card_text(b).contains("Next gathering: December circle") && buttons(b) > 0
            })
            .map(|(id, _)| id)
            .collect();
        assert_eq!(
            live,
            vec![newer],
            "{label}: exactly one live card of the gathering"
        );

        // A button on the older card (kept by a client that did not refresh) still works: the answer
        // lands on the living card, and the older one stays a stub.
        let going = button_id(&fake.stored_message(newer).unwrap(), "Going");
        let click = fake.click_on(&Member::regular(11), CHANNEL, card, &going);
        let answer = fake.response_to(click).await;
        assert_eq!(answer["type"], 7, "{label}: {answer}");
        assert!(
            text_of(&answer).contains(&format!("/{CHANNEL}/{newer}")),
            "{answer}"
        );
        card_becomes(&fake, newer, "the click on the old card", |b| {
            card_text(b).contains("Going (2): <@6>, <@11>")
        })
        .await;
        // A click on the living card changes it in place, with no edit after it.
        let patches = |f: &FakeDiscord| {
            f.requests()
                .into_iter()
                .filter(|r| r.method == "PATCH" && r.path.ends_with(&format!("/messages/{newer}")))
                .count()
        };
        let before = patches(&fake);
        let click = fake.click(&Member::regular(12), CHANNEL, &going);
        let answer = fake.response_to(click).await;
        assert!(text_of(&answer).contains("Going (3)"), "{label}: {answer}");
        assert!(card_text(&fake.stored_message(newer).unwrap()).contains("<@12>"));
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        assert_eq!(
            patches(&fake),
            before,
            "{label}: no edit for a click on the card itself"
        );

        fake.run(
            &Invocation::new("gathering cancel", &Member::manager(1))
                .opt("gathering", "2026-12-11")
                .opt("reason", "snow storm"),
        )
        .await;
        card_becomes(&fake, newer, "the cancellation", |b| {
            let text = card_text(b);
            text.contains("Cancelled: December circle")
                && text.contains("snow storm")
                && buttons(b) == 0
        })
        .await;
        bot.stop().await;
        fake.assert_spec_clean();
    }
}

#[tokio::test]
async fn an_edit_survives_500_and_429_and_a_deleted_card_is_forgotten() {
    for db in TestDb::both().await {
        an_edit_survives_500_and_429_and_a_deleted_card_is_forgotten_on(db).await;
    }
}

async fn an_edit_survives_500_and_429_and_a_deleted_card_is_forgotten_on(db: TestDb) {
    let (fake, bot, _) = start(&db).await;
    let card = post_card(&fake, &bot).await;
    let path = format!("/channels/{CHANNEL}/messages/{card}");
    fake.inject("PATCH", &path, 500, 0.0);
    fake.inject("PATCH", &path, 429, 0.3);
    fake.run(&Invocation::new("rsvp", &Member::regular(6)).opt("answer", "going"))
        .await;
    card_becomes(&fake, card, "the RSVP after 500 and 429", |b| {
        card_text(b).contains("Going (1): <@6>")
    })
    .await;
    let statuses: Vec<u16> = fake
        .requests()
        .into_iter()
        .filter(|r| r.method == "PATCH" && r.path == path)
        .map(|r| r.status)
        .collect();
    assert_eq!(&statuses[..3], &[500, 429, 200], "{statuses:?}");

    // Someone deletes the card: the next edit finds it gone and forgets it.
    fake.delete_message(card);
    fake.run(&Invocation::new("rsvp", &Member::regular(8)).opt("answer", "maybe"))
        .await;
    let community = community_id(&bot).await;
    let gathering = bot.store.upcoming(community, now(), 1).await.unwrap()[0].id;
    let mut forgotten = false;
    for _ in 0..300 {
        if bot
            .store
            .living_card(community, gathering)
            .await
            .unwrap()
            .is_none()
        {
            forgotten = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert!(forgotten, "a deleted card is forgotten");
    let newer = post_card(&fake, &bot).await;
    fake.run(&Invocation::new("role claim", &Member::regular(5)).opt("role", "Opener"))
        .await;
    card_becomes(&fake, newer, "the claim on the new card", |b| {
        card_text(b).contains("**Opener** — <@5>") && card_text(b).contains("Maybe: 1")
    })
    .await;
    bot.stop().await;
    fake.assert_spec_clean();
}

#[tokio::test]
async fn mine_lists_my_roles_and_answers_in_this_server_soonest_first_with_links_to_the_cards() {
    for db in TestDb::both().await {
        let label = db.label();
        let (fake, bot, _) = start(&db).await;
        let card = post_card(&fake, &bot).await;
        // A second community in this server, a week later; a third in another server.
        let mut other = Invocation::new("community setup", &Member::manager(1))
            .opt("name", "Respite network")
            .opt("timezone", "America/Toronto");
        other.channel = CHANNEL + 1;
        fake.run(&other).await;
        let mut add = Invocation::new("gathering add", &Member::manager(1))
            .opt("date", "2026-12-11")
            .opt("start", "10am")
            .opt("end", "11am")
            .opt("title", "Respite check-in");
        add.channel = CHANNEL + 1;
        fake.run(&add).await;
        let elsewhere = CHANNEL + 2;
        fake.put_channel_in_guild(elsewhere, 900_000_000_000_000_001);
        let mut far = Invocation::new("community setup", &Member::manager(1))
            .opt("name", "Another server's circle")
            .opt("timezone", "America/Toronto");
        far.channel = elsewhere;
        fake.run(&far).await;
        let mut far_add = Invocation::new("gathering add", &Member::manager(1))
            .opt("date", "2026-12-01")
            .opt("start", "10am")
            .opt("end", "11am")
            .opt("title", "Not in this server");
        far_add.channel = elsewhere;
        fake.run(&far_add).await;
        let mut far_rsvp = Invocation::new("rsvp", &Member::regular(5)).opt("answer", "going");
        far_rsvp.channel = elsewhere;
        fake.run(&far_rsvp).await;

        fake.run(&Invocation::new("role claim", &Member::regular(5)).opt("role", "Opener"))
            .await;
        fake.run(&Invocation::new("rsvp", &Member::regular(5)).opt("answer", "going"))
            .await;
        let mut maybe = Invocation::new("rsvp", &Member::regular(5)).opt("answer", "maybe");
        maybe.channel = CHANNEL + 1;
        fake.run(&maybe).await;

        let answer = fake
            .run(&Invocation::new("gathering mine", &Member::regular(5)))
            .await;
        assert!(support::replies::is_ephemeral(&answer), "{label}");
        let text = text_of(&answer);
        let first = text
            .find("December circle")
            .expect("the first community's gathering");
        let second = text
            .find("Respite check-in")
            .expect("the second community's gathering");
        assert!(first < second, "{label}: soonest first: {text}");
        assert!(text.contains("you hold **Opener**"), "{text}");
        assert!(text.contains("you answered **Going**") && text.contains("you answered **Maybe**"));
        assert!(
            text.contains(&format!("/{CHANNEL}/{card})")),
            "{label}: a link to the living card: {text}"
        );
        assert!(!text.contains("Not in this server"), "{label}: {text}");
        assert!(
            text.contains("Open roles you have not held lately"),
            "{text}"
        );
        assert!(text.contains("**Sharing challenges**"), "{text}");

        let nobody = fake
            .run(&Invocation::new("gathering mine", &Member::regular(77)))
            .await;
        assert!(
            text_of(&nobody).contains("You hold no role"),
            "{}",
            text_of(&nobody)
        );
        bot.stop().await;
        fake.assert_spec_clean();
    }
}

/// The created messages whose first embed is titled `title`, with their ids (from the stored copies).
fn created_titled(fake: &FakeDiscord, title: &str) -> Vec<(u64, Value)> {
    fake.stored_in(CHANNEL)
        .into_iter()
        .filter(|(_, b)| b["embeds"][0]["title"] == title)
        .collect()
}

#[tokio::test]
async fn a_reminder_links_to_a_recent_card_and_becomes_the_card_when_it_is_days_old() {
    for db in TestDb::both().await {
        a_reminder_links_to_a_recent_card_and_becomes_the_card_when_it_is_days_old_on(db).await;
    }
}

async fn a_reminder_links_to_a_recent_card_and_becomes_the_card_when_it_is_days_old_on(db: TestDb) {
    let (fake, bot, clock) = start(&db).await;
    clock.jump(Duration::days(2)); // Thu 26 Nov 10:00 UTC
    let card = post_card(&fake, &bot).await;
    fake.run(&Invocation::new("role claim", &Member::regular(5)).opt("role", "Opener"))
        .await;
    // The 7-day reminder (Fri 27 Nov 18:00 UTC), a day and a half after the card: short, with a link.
    clock.jump(Duration::hours(32) + Duration::seconds(20));
    fake.run(&Invocation::new("rsvp", &Member::regular(6)).opt("answer", "going"))
        .await;
    let short = fake
        .wait_for("the short reminder", |f| {
            let found = created_titled(f, "Coming up: December circle");
            (!found.is_empty()).then_some(found)
        })
        .await;
    let (_, reminder) = &short[0];
    let text = card_text(reminder);
    assert!(
        text.contains("⏰") && text.contains("<@5> (Opener)"),
        "{text}"
    );
    assert!(
        // (the RSVP that woke the engine may land just before or just after the reminder)
        text.contains("Opener — <@5>") && text.contains("Who is coming"),
        "{text}"
    );
    let row = &reminder["components"][0]["components"];
    assert_eq!(
        row.as_array().map(Vec::len),
        Some(1),
        "one link button: {reminder}"
    );
    assert_eq!(row[0]["style"], 5, "a link button");
    assert!(
        row[0]["url"]
            .as_str()
            .is_some_and(|u| u.ends_with(&format!("/{CHANNEL}/{card}"))),
        "{reminder}"
    );
    assert!(
        buttons(&fake.stored_message(card).unwrap()) > 1,
        "the card stays live"
    );

    // The 1-day reminder (Thu 3 Dec 18:00 UTC), a week after the card: it is the card now.
    clock.jump(Duration::days(6));
    fake.run(&Invocation::new("rsvp", &Member::regular(8)).opt("answer", "maybe"))
        .await;
    // The reminder is posted as the full card, with its ping line and the buttons. (Monday's role
    // prompt, overdue after the jump too, may come just before or after it, and be the card a while.)
    fake.wait_for("the 1-day reminder posted as the full card", |f| {
        f.created_messages()
            .iter()
            .any(|(_, b)| {
                b["content"].as_str().is_some_and(|c| c.contains("⏰"))
                    && b["embeds"][0]["title"] == "Next gathering: December circle"
                    && buttons(b) > 1
            })
            .then_some(())
    })
    .await;
    let community = community_id(&bot).await;
    let gathering = bot.store.upcoming(community, now(), 1).await.unwrap()[0].id;
    // In the end the channel holds one live card of the gathering, and the week-old one is a stub.
    fake.wait_for("one live card", |f| {
        let cards = live_cards(f);
        (cards.len() == 1 && cards.values().all(|n| *n == 1)).then_some(())
    })
    .await;
    let mut living = None;
    for _ in 0..150 {
        living = bot.store.living_card(community, gathering).await.unwrap();
        if living.is_some_and(|c| c.message != card) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert!(
        living.is_some_and(|c| c.message != card),
        "a newer card is the living one: {living:?}"
    );
    card_becomes(&fake, card, "the stub", |b| buttons(b) == 0).await;
    bot.stop().await;
    fake.assert_spec_clean();
}

/// The 7-day reminder, a day and a half after the card with `chat` messages posted under it: whether it
/// became the living card (and the old card a stub) rather than a short reminder linking to it.
async fn reminder_after(chat: usize) -> bool {
    let mut became = Vec::new();
    for db in TestDb::both().await {
        became.push(reminder_after_on(db, chat).await);
    }
    assert!(
        became.iter().all(|b| *b == became[0]),
        "the same on both backends: {became:?}"
    );
    became[0]
}

async fn reminder_after_on(db: TestDb, chat: usize) -> bool {
    let (fake, bot, clock) = start(&db).await;
    clock.jump(Duration::days(2));
    let card = post_card(&fake, &bot).await;
    fake.chat(CHANNEL, chat);
    clock.jump(Duration::hours(32) + Duration::seconds(20));
    fake.run(&Invocation::new("rsvp", &Member::regular(6)).opt("answer", "going"))
        .await;
    let posted = fake
        .wait_for("the 7-day reminder", |f| {
            f.created_messages()
                .into_iter()
                .map(|(_, b)| b)
                .find(|b| b["content"].as_str().is_some_and(|c| c.contains("⏰")))
        })
        .await;
    let became_card = posted["embeds"][0]["title"] == "Next gathering: December circle";
    if became_card {
        card_becomes(&fake, card, "the stub", |b| buttons(b) == 0).await;
    } else {
        assert_eq!(
            posted["embeds"][0]["title"], "Coming up: December circle",
            "{posted}"
        );
        assert!(
            buttons(&fake.stored_message(card).unwrap()) > 1,
            "the card stays live"
        );
    }
    bot.stop().await;
    fake.assert_spec_clean();
    became_card
}

#[tokio::test]
async fn a_recent_card_under_twenty_messages_gets_a_short_reminder() {
    assert!(!reminder_after(20).await);
}

#[tokio::test]
async fn a_recent_card_under_more_than_twenty_messages_is_replaced_by_the_reminder() {
    assert!(reminder_after(21).await);
}

#[tokio::test]
async fn a_holder_who_cannot_come_is_asked_to_free_the_role() {
    for db in TestDb::both().await {
        a_holder_who_cannot_come_is_asked_to_free_the_role_on(db).await;
    }
}

async fn a_holder_who_cannot_come_is_asked_to_free_the_role_on(db: TestDb) {
    let (fake, bot, _) = start(&db).await;
    let card = post_card(&fake, &bot).await;
    let ana = Member::regular(5);
    fake.run(&Invocation::new("role claim", &ana).opt("role", "Opener"))
        .await;
    card_becomes(&fake, card, "the claim", |b| {
        card_text(b).contains("**Opener** — <@5>")
    })
    .await;
    let no = button_id(&fake.stored_message(card).unwrap(), "Can't go");
    let click = fake.click(&ana, CHANNEL, &no);
    let answer = fake.response_to(click).await;
    assert_eq!(answer["type"], 7, "the card changes in place: {answer}");
    let token = format!("/webhooks/{}/token-{click}", fake.application_id());
    let asked = fake
        .wait_for("the question to the holder", |f| {
            f.requests()
                .into_iter()
                .find(|r| r.method == "POST" && r.path.starts_with(&token))
        })
        .await;
    let body = asked.body.expect("a follow-up body");
    assert_eq!(
        body["flags"].as_u64().map(|f| f & 64),
        Some(64),
        "private: {body}"
    );
    assert!(
        body["content"]
            .as_str()
            .is_some_and(|t| t.contains("You hold **Opener** at **December circle**")),
        "{body}"
    );
    let release = body["components"][0]["components"][0].clone();
    assert_eq!(release["label"], "Release Opener", "{body}");
    let release = release["custom_id"].as_str().unwrap().to_owned();

    let freed = fake.click_private(&ana, CHANNEL, &release);
    let freed = fake.response_to(freed).await;
    assert!(text_of(&freed).contains("Done"), "{freed}");
    card_becomes(&fake, card, "the freed role", |b| {
        card_text(b).contains("**Opener** — *open*") && card_text(b).contains("Can't go: 1")
    })
    .await;

    // By command too: the answer carries the Release button.
    fake.run(&Invocation::new("role claim", &ana).opt("role", "Closing"))
        .await;
    let said = fake
        .run(&Invocation::new("rsvp", &ana).opt("answer", "no"))
        .await;
    assert!(text_of(&said).contains("You hold **Closing**"), "{said}");
    assert_eq!(
        said["data"]["components"][0]["components"][0]["label"], "Release Closing",
        "{said}"
    );
    bot.stop().await;
    fake.assert_spec_clean();
}

#[tokio::test]
async fn assigning_a_held_role_asks_first_and_tells_the_previous_holder() {
    for db in TestDb::both().await {
        assigning_a_held_role_asks_first_and_tells_the_previous_holder_on(db).await;
    }
}

async fn assigning_a_held_role_asks_first_and_tells_the_previous_holder_on(db: TestDb) {
    let (fake, bot, _) = start(&db).await;
    let card = post_card(&fake, &bot).await;
    fake.run(&Invocation::new("role claim", &Member::regular(5)).opt("role", "Opener"))
        .await;
    let asked = fake
        .run(
            &Invocation::new("role assign", &Member::manager(1))
                .opt("role", "Opener")
                .opt("member", "7"),
        )
        .await;
    assert!(support::replies::is_ephemeral(&asked), "{asked}");
    assert!(
        text_of(&asked).contains("is held by <@5>. Give it to <@7> instead?"),
        "{asked}"
    );
    let confirm = asked["data"]["components"][0]["components"][0]["custom_id"]
        .as_str()
        .expect("a confirm button")
        .to_owned();
    // The question changes nothing by itself.
    let community = community_id(&bot).await;
    let gathering = bot.store.upcoming(community, now(), 1).await.unwrap()[0].id;
    assert_eq!(
        bot.store.holders(gathering).await.unwrap(),
        [("Opener".to_owned(), MemberRef(5))],
        "the claim, untouched by the question"
    );

    // Asked about one holder, confirmed after the role changed hands: nothing is done.
    fake.run(&Invocation::new("role claim", &Member::regular(8)).opt("role", "Closing"))
        .await;
    let asked_closing = fake
        .run(
            &Invocation::new("role assign", &Member::manager(1))
                .opt("role", "Closing")
                .opt("member", "7"),
        )
        .await;
    let confirm_closing = asked_closing["data"]["components"][0]["components"][0]["custom_id"]
        .as_str()
        .expect("a confirm button")
        .to_owned();
    fake.run(&Invocation::new("role release", &Member::regular(8)).opt("role", "Closing"))
        .await;
    fake.run(&Invocation::new("role claim", &Member::regular(10)).opt("role", "Closing"))
        .await;
    let late = fake.click_private(&Member::manager(1), CHANNEL, &confirm_closing);
    let late = fake.response_to(late).await;
    assert!(text_of(&late).contains("changed hands"), "{late}");
    assert!(
        bot.store
            .holders(gathering)
            .await
            .unwrap()
            .contains(&("Closing".to_owned(), MemberRef(10))),
        "the new holder keeps it"
    );

    // Freed between the question and the confirm: the role is given, and the channel is told.
    fake.run(&Invocation::new("role claim", &Member::regular(11)).opt("role", "Evaluation"))
        .await;
    let asked_evaluation = fake
        .run(
            &Invocation::new("role assign", &Member::manager(1))
                .opt("role", "Evaluation")
                .opt("member", "12"),
        )
        .await;
    let confirm_evaluation = asked_evaluation["data"]["components"][0]["components"][0]
        ["custom_id"]
        .as_str()
        .expect("a confirm button")
        .to_owned();
    fake.run(&Invocation::new("role release", &Member::regular(11)).opt("role", "Evaluation"))
        .await;
    let given = fake.click_private(&Member::manager(1), CHANNEL, &confirm_evaluation);
    let given = fake.response_to(given).await;
    assert!(text_of(&given).contains("Done: <@12>"), "{given}");
    fake.wait_for("the channel told of the assignment", |f| {
        f.requests().into_iter().find(|r| {
            r.method == "POST"
                && r.path.starts_with("/webhooks/")
                && r.body.as_ref().is_some_and(|b| {
                    b["content"].as_str().is_some_and(|t| {
                        t.contains("<@12> holds **Evaluation**") && t.contains("assigned by <@1>")
                    }) && b["allowed_mentions"]["users"]
                        .as_array()
                        .is_some_and(|u| u.iter().any(|x| x == "12"))
                })
        })
    })
    .await;

    let refused = fake.click_private(&Member::regular(9), CHANNEL, &confirm);
    let refused = fake.response_to(refused).await;
    assert!(text_of(&refused).contains("organizer"), "{refused}");

    let done = fake.click_private(&Member::manager(1), CHANNEL, &confirm);
    let done = fake.response_to(done).await;
    assert!(
        text_of(&done).contains("Done: <@7> holds **Opener**"),
        "{done}"
    );
    let told = fake
        .wait_for("the public notice", |f| {
            f.requests().into_iter().find(|r| {
                r.method == "POST"
                    && r.path.starts_with("/webhooks/")
                    && r.body.as_ref().is_some_and(|b| {
                        b["content"]
                            .as_str()
                            .is_some_and(|t| t.contains("instead of <@5>"))
                    })
            })
        })
        .await;
    let body = told.body.unwrap();
    assert_ne!(
        body["flags"].as_u64().map(|f| f & 64),
        Some(64),
        "public: {body}"
    );
    let mut pinged: Vec<String> = body["allowed_mentions"]["users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u.as_str().unwrap_or_default().to_owned())
        .collect();
    pinged.sort();
    assert_eq!(pinged, vec!["5".to_owned(), "7".to_owned()], "{body}");
    card_becomes(&fake, card, "the new holder", |b| {
        card_text(b).contains("**Opener** — <@7>")
    })
    .await;
    bot.stop().await;
    fake.assert_spec_clean();
}

/// The rows of a stored message: for each, its kind (1 buttons, 3 menu) and its components.
fn rows(body: &Value) -> Vec<Vec<Value>> {
    body["components"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .collect()
}

#[tokio::test]
async fn a_twenty_role_agenda_fits_discords_limits_with_every_role_claimable() {
    for db in TestDb::both().await {
        a_twenty_role_agenda_fits_discords_limits_with_every_role_claimable_on(db).await;
    }
}

async fn a_twenty_role_agenda_fits_discords_limits_with_every_role_claimable_on(db: TestDb) {
    let (fake, bot, _) = start(&db).await;
    // Twenty roles of 50 characters, the template's limits.
    for n in 6..=20 {
        let name = format!("Role {n:02} {}", "x".repeat(42));
        let added = fake
            .run(&Invocation::new("role template add", &Member::manager(1)).opt("name", name))
            .await;
        assert!(text_of(&added).contains("Added"), "{added}");
    }
    // Forty-five members going: the who-is-coming line names some and counts the rest.
    // Real-length snowflakes: 45 mentions do not fit in a field's 1,024 characters.
    for m in 0..45u64 {
        let member = Member::regular(700_000_000_000_000_200 + m);
        fake.run(&Invocation::new("rsvp", &member).opt("answer", "going"))
            .await;
    }
    let card = post_card(&fake, &bot).await;
    let body = fake.stored_message(card).unwrap();
    let rows = rows(&body);
    assert!(rows.len() <= 5, "{} rows", rows.len());
    assert_eq!(
        rows[0].len(),
        3,
        "the RSVP buttons come first: {:?}",
        rows[0]
    );
    assert_eq!(rows[0][0]["label"], "Going");
    let claim = rows
        .iter()
        .flatten()
        .find(|c| {
            c["type"] == 3
                && c["custom_id"]
                    .as_str()
                    .is_some_and(|i| i.contains("claimpick"))
        })
        .expect("a claim menu")
        .clone();
    assert_eq!(
        claim["options"].as_array().map(Vec::len),
        Some(20),
        "every role is claimable"
    );
    let text = card_text(&body);
    assert!(
        text.chars().count() <= 6000,
        "{} characters",
        text.chars().count()
    );
    for n in 6..=20 {
        assert!(
            text.contains(&format!("**Role {n:02} ")),
            "role {n} is on the card: {text}"
        );
    }
    for field in body["embeds"][0]["fields"].as_array().unwrap() {
        assert!(
            field["value"].as_str().unwrap().chars().count() <= 1024,
            "{field}"
        );
    }
    let coming = body["embeds"][0]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "Who is coming")
        .unwrap()["value"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        coming.starts_with("Going (45): <@700000000000000200>"),
        "{coming}"
    );
    assert!(
        coming.contains(" more · Maybe: 0 · Can't go: 0"),
        "{coming}"
    );
    assert!(
        !coming.contains("<@1 ") && coming.matches("<@").count() == coming.matches('>').count()
    );

    // Picking the last role in the menu claims it, on the card itself.
    let last = claim["options"][19]["value"].as_str().unwrap().to_owned();
    let id = claim["custom_id"].as_str().unwrap().to_owned();
    let picked = fake.choose(&Member::regular(5), CHANNEL, &id, &[&last]);
    let picked = fake.response_to(picked).await;
    assert_eq!(picked["type"], 7, "{picked}");
    assert!(
        text_of(&picked).contains(&format!("**Role 20 {}** — <@5>", "x".repeat(42))),
        "{}",
        text_of(&picked)
    );
    let release = rows_of_answer(&picked)
        .into_iter()
        .find(|c| {
            c["custom_id"]
                .as_str()
                .is_some_and(|i| i.contains("releasepick"))
        })
        .expect("a release menu once a role is held");
    assert_eq!(release["options"].as_array().map(Vec::len), Some(1));
    bot.stop().await;
    fake.assert_spec_clean();
}

/// The components of an interaction answer, flattened.
fn rows_of_answer(answer: &Value) -> Vec<Value> {
    answer["data"]["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .collect()
}

/// Every gathering's messages in the channel that carry its Claim, Release or RSVP controls.
fn live_cards(fake: &FakeDiscord) -> std::collections::HashMap<String, usize> {
    let mut per_gathering = std::collections::HashMap::new();
    for (_, body) in fake.stored_in(CHANNEL) {
        let mut of = std::collections::BTreeSet::new();
        for row in body["components"].as_array().into_iter().flatten() {
            for c in row["components"].as_array().into_iter().flatten() {
                let id = c["custom_id"].as_str().unwrap_or_default();
                let parts: Vec<&str> = id.split(':').collect();
                if let ["st", kind, gathering, _] = parts.as_slice() {
                    if ["claim", "release", "rsvp", "claimpick", "releasepick"].contains(kind) {
                        of.insert((*gathering).to_owned());
                    }
                }
            }
        }
        for g in of {
            *per_gathering.entry(g).or_insert(0) += 1;
        }
    }
    per_gathering
}

#[tokio::test]
async fn a_month_of_posts_for_a_monthly_group_leaves_one_live_card_per_gathering() {
    for db in TestDb::both().await {
        a_month_on(db).await;
    }
}

async fn a_month_on(db: TestDb) {
    use steward::clock::Clock;
    let fake = FakeDiscord::start().await;
    let clock = ShiftedClock::starting_at(now()); // Tue 24 Nov 10:00 UTC
    let bot = RunningBot::start_with_clock(&fake, db.url(), clock.clone()).await;
    fake.run(
        &Invocation::new("community setup", &Member::manager(1))
            .opt("name", "Circle")
            .opt("timezone", "America/Toronto"),
    )
    .await;
    // First Fridays, 13:00 Toronto: 4 Dec and 1 Jan. The defaults: reminders 7 and 1 days before,
    // the role prompt on Mondays at 10:00.
    fake.run(
        &Invocation::new("gathering schedule", &Member::manager(1))
            .opt("title", "Practice circle")
            .opt("frequency", "monthly")
            .opt("day", "friday")
            .opt("week", "first")
            .opt("start", "13:00")
            .opt("end", "16:00"),
    )
    .await;
    let at = |d: u32, m: u32, h: u32| {
        let y = if m == 1 { 2027 } else { 2026 };
        Utc.with_ymd_and_hms(y, m, d, h, 1, 0).unwrap()
    };
    // (when, what the members do then): reminders, prompts, the end of 4 Dec and the card of 1 Jan.
    let steps = [
        (at(26, 11, 12), "next"),
        (at(27, 11, 18), "claim"), // the 7-day reminder of 4 Dec
        (at(30, 11, 15), "chat"),  // Monday's prompt, under 30 messages of chat
        (at(3, 12, 18), "rsvp"),   // the 1-day reminder
        (at(4, 12, 21), "rsvp"),   // 4 Dec ends: harvest prompt and the card of 1 Jan
        (at(7, 12, 15), "claim"),  // Monday's prompt for 1 Jan
        (at(14, 12, 15), "next"),
        (at(21, 12, 15), "chat"),
        (at(25, 12, 18), "rsvp"), // the 7-day reminder of 1 Jan
        (at(28, 12, 15), "claim"),
        (at(31, 12, 18), "rsvp"), // the 1-day reminder
    ];
    // What the test sees of the posts table: a post claimed and not yet sent, dropped or given back
    // is in flight; jumping the clock past its gathering's start then would make it too late.
    let pool = sqlx::AnyPool::connect(&format!("{}?mode=rw", db.url()))
        .await
        .unwrap();
    let in_flight = || async {
        sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM posts WHERE sent_at IS NULL AND dropped_at IS NULL \
             AND lease_until IS NOT NULL",
        )
        .fetch_one(&pool)
        .await
        .unwrap()
    };
    let mut member = 20;
    let mut mondays = 0;
    for (when, what) in steps {
        use chrono::Datelike;
        if when.weekday() == chrono::Weekday::Mon {
            mondays += 1;
        }
        clock.jump(when - clock.now());
        member += 1;
        let who = Member::regular(member);
        match what {
            "next" => {
                fake.run(&Invocation::new("gathering next", &who)).await;
            }
            "claim" => {
                let role = ["Opener", "Closing", "Evaluation", "Sharing challenges"]
                    [(member % 4) as usize];
                fake.run(&Invocation::new("role claim", &who).opt("role", role))
                    .await;
            }
            "chat" => {
                fake.chat(CHANNEL, 30);
                fake.run(&Invocation::new("rsvp", &who).opt("answer", "maybe"))
                    .await;
            }
            _ => {
                fake.run(&Invocation::new("rsvp", &who).opt("answer", "going"))
                    .await;
            }
        }
        // Everything due by now is done (posts, card edits and stubs), and then the channel holds at
        // most one live card per gathering.
        // Up to a minute under a loaded machine; the engine is woken every second meanwhile.
        for i in 0..2400 {
            let next = bot.store.next_post_due().await.unwrap();
            // Done: this Monday's prompt posted and the next one planned (planned after the next
            // jump, it would skip a Monday).
            let unplanned = bot.store.communities_without_prompt(10).await.unwrap();
            // And every gathering's reminders planned: a gathering planned only after the next jump
            // would count the reminders due meanwhile as past, and rightly never send them.
            let unplanned_gatherings = bot
                .store
                .gatherings_to_plan(clock.now(), clock.now() + Duration::days(91), 10)
                .await
                .unwrap();
            let prompts = fake
                .created_messages()
                .iter()
                .filter(|(_, b)| b.to_string().contains("Still open for"))
                .count();
            if next.is_none_or(|t| t > clock.now())
                && unplanned.is_empty()
                && prompts >= mondays
                && unplanned_gatherings.is_empty()
                && in_flight().await == 0
            {
                break;
            }
            if i % 40 == 39 {
                // The engine may have gone to sleep before the jump: a settings change wakes it
                // (this one changes nothing).
                fake.run(
                    &Invocation::new("community settings", &Member::manager(1))
                        .opt("dm_reminders", false),
                )
                .await;
            }
            tokio::time::sleep(std::time::Duration::from_millis(25)).await;
        }
        let cards = fake
            .wait_for(&format!("one live card per gathering at {when}"), |f| {
                let cards = live_cards(f);
                cards.values().all(|n| *n == 1).then_some(cards)
            })
            .await;
        assert!(!cards.is_empty(), "{when}: a card is in the channel");
    }
    // (A post being sent has its lease as its due time: wait for the last ones to land.)
    let said = |f: &FakeDiscord, what: &str| {
        f.created_messages()
            .iter()
            .filter(|(_, b)| b.to_string().contains(what))
            .count()
    };
    // Reminders on 27 Nov, 3, 25 and 31 Dec; prompts on the five Mondays (each about the next gathering).
    let mut counts = (0, 0);
    for _ in 0..900 {
        counts = (said(&fake, "⏰"), said(&fake, "Still open for"));
        if counts.0 >= 4 && counts.1 >= 5 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    // (key, sent at, dropped at, last error) of every post, for the message below.
    type PostRow = (String, Option<i64>, Option<i64>, Option<String>);
    let posts: Vec<PostRow> = sqlx::query_as(
        "SELECT idem_key, sent_at, dropped_at, last_error FROM posts ORDER BY planned_at",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert!(
        counts.0 >= 4 && counts.1 >= 5,
        "the four reminders and five Monday prompts: {counts:?}\nposts: {posts:#?}\nposted: {:?}",
        fake.created_messages()
            .iter()
            .filter_map(|(_, b)| b["content"]
                .as_str()
                .map(|c| c.chars().take(50).collect::<String>()))
            .collect::<Vec<_>>()
    );
    fake.wait_for("one live card per gathering at the end", |f| {
        live_cards(f).values().all(|n| *n == 1).then_some(())
    })
    .await;
    let cards = live_cards(&fake);
    assert_eq!(
        cards.len(),
        2,
        "4 Dec and 1 Jan each have their card: {cards:?}"
    );
    assert!(cards.values().all(|n| *n == 1), "{cards:?}");
    bot.stop().await;
    fake.assert_spec_clean();
}
