//! End to end: automatic posts through the fake Discord — on time, exactly once through faults, a 403
//! that stops and shows in /community info, late and dropped posts after downtime, and role prompts.

mod support;

use chrono::{DateTime, Duration, TimeZone, Utc};
use serde_json::Value;
use steward::clock::Clock;
use steward::domain::ids::ChannelRef;
use steward::domain::posts::{PlannedPost, PostKind};
use steward::store::{NewOccurrence, Store};
use support::bot::{RunningBot, ShiftedClock, TestClock};
use support::db::TestDb;
use support::fake_discord::interactions::CHANNEL;
use support::fake_discord::{FakeDiscord, Invocation, Member};
use support::replies::text_of;

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, s).unwrap()
}

async fn setup(fake: &FakeDiscord, zone: &str) {
    let setup = Invocation::new("community setup", &Member::manager(1))
        .opt("name", "Circle")
        .opt("timezone", zone);
    fake.run(&setup).await;
}

fn posted(fake: &FakeDiscord, needle: &str) -> Vec<(Option<String>, Value)> {
    fake.created_messages()
        .into_iter()
        .filter(|(_, body)| {
            let content = body["content"].as_str().unwrap_or("");
            let embeds = body["embeds"].to_string();
            content.contains(needle) || embeds.contains(needle)
        })
        .collect()
}

#[tokio::test]
async fn a_reminder_due_in_a_few_seconds_is_posted_once_and_on_time() {
    let fake = FakeDiscord::start().await;
    let db = TestDb::sqlite();
    // 09:59:57 in Phoenix on Thu 3 Dec; the gathering is Fri 4 Dec 10:00, so its 1d reminder is 3 s away.
    let clock = ShiftedClock::starting_at(utc(2026, 12, 3, 16, 59, 57));
    let bot = RunningBot::start_with_clock(&fake, db.url(), clock.clone()).await;
    setup(&fake, "America/Phoenix").await;
    fake.run(
        &Invocation::new("community settings", &Member::manager(1))
            .opt("reminders", "1d")
            .opt("role_prompt", "off"),
    )
    .await;
    let add = Invocation::new("gathering add", &Member::manager(1))
        .opt("date", "2026-12-04")
        .opt("start", "10:00")
        .opt("end", "12:00")
        .opt("title", "Practice field");
    fake.run(&add).await;

    let due = clock.real_time_of(utc(2026, 12, 3, 17, 0, 0));
    fake.wait_for("the reminder", |f| {
        (!posted(f, "⏰").is_empty()).then_some(())
    })
    .await;
    let arrival = fake
        .requests()
        .into_iter()
        .find(|r| {
            r.path == format!("/channels/{CHANNEL}/messages")
                && r.body
                    .as_ref()
                    .is_some_and(|b| b.to_string().contains("⏰"))
        })
        .expect("the reminder request")
        .at;
    // Written past the harness's capture so a run shows the figure.
    let figure = format!("reminder lateness: {:?}\n", arrival.duration_since(due));
    std::io::Write::write_all(&mut std::io::stderr(), figure.as_bytes()).ok();
    let lateness = arrival.duration_since(due).unwrap_or_default();
    let early = due.duration_since(arrival).unwrap_or_default();
    assert!(early.is_zero(), "never early: {early:?}");
    assert!(
        lateness < std::time::Duration::from_secs(1),
        "on time to the second: {lateness:?} late"
    );
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    let reminders = posted(&fake, "⏰");
    assert_eq!(reminders.len(), 1, "exactly once");
    let (nonce, body) = &reminders[0];
    assert!(
        nonce.as_deref().is_some_and(|n| n.starts_with("st")),
        "sent with a nonce"
    );
    assert_eq!(body["enforce_nonce"], true);
    assert_eq!(body["allowed_mentions"]["parse"], serde_json::json!([]));
    assert!(body["content"]
        .as_str()
        .unwrap()
        .contains("**Practice field** starts <t:"));

    bot.stop().await;
    fake.assert_spec_clean();
}

#[tokio::test]
async fn a_post_survives_500_500_429_and_arrives_exactly_once() {
    let fake = FakeDiscord::start().await;
    let db = TestDb::sqlite();
    let bot = RunningBot::start_with_clock(
        &fake,
        db.url(),
        ShiftedClock::starting_at(utc(2026, 11, 24, 12, 0, 0)),
    )
    .await;
    setup(&fake, "Europe/London").await;
    let path = format!("/channels/{CHANNEL}/messages");
    fake.inject("POST", &path, 500, 0.0);
    fake.inject("POST", &path, 500, 0.0);
    fake.inject("POST", &path, 429, 0.2);
    // Scheduling posts the agenda card of the next gathering right away.
    let weekly = Invocation::new("gathering schedule", &Member::manager(1))
        .opt("title", "Study group")
        .opt("frequency", "weekly")
        .opt("day", "thursday")
        .opt("start", "19:00")
        .opt("end", "20:00");
    fake.run(&weekly).await;
    fake.wait_for("the agenda card", |f| {
        (!posted(f, "Next gathering: Study group").is_empty()).then_some(())
    })
    .await;
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    let statuses: Vec<u16> = fake
        .requests()
        .iter()
        .filter(|r| r.path == path)
        .map(|r| r.status)
        .collect();
    assert_eq!(
        statuses,
        [500, 500, 429, 200],
        "three failures, then success"
    );
    assert_eq!(
        posted(&fake, "Next gathering: Study group").len(),
        1,
        "exactly once"
    );
    bot.stop().await;
    fake.assert_spec_clean();
}

#[tokio::test]
async fn a_429_is_retried_after_exactly_the_wait_discord_asks_for() {
    let fake = FakeDiscord::start().await;
    let db = TestDb::sqlite();
    let bot = RunningBot::start_with_clock(
        &fake,
        db.url(),
        ShiftedClock::starting_at(utc(2026, 11, 24, 12, 0, 0)),
    )
    .await;
    setup(&fake, "Europe/London").await;
    let path = format!("/channels/{CHANNEL}/messages");
    // Longer than our own first backoff (100 ms in tests): only reading retry_after explains the wait.
    fake.inject("POST", &path, 429, 2.5);
    let weekly = Invocation::new("gathering schedule", &Member::manager(1))
        .opt("title", "Study group")
        .opt("frequency", "weekly")
        .opt("day", "thursday")
        .opt("start", "19:00")
        .opt("end", "20:00");
    fake.run(&weekly).await;
    fake.wait_for("the agenda card", |f| {
        (!posted(f, "Next gathering: Study group").is_empty()).then_some(())
    })
    .await;
    let attempts: Vec<_> = fake
        .requests()
        .into_iter()
        .filter(|r| r.path == path)
        .collect();
    assert_eq!(
        attempts.iter().map(|r| r.status).collect::<Vec<_>>(),
        [429, 200]
    );
    let waited = attempts[1].at.duration_since(attempts[0].at).unwrap();
    assert!(
        waited >= std::time::Duration::from_millis(2500)
            && waited < std::time::Duration::from_millis(4000),
        "waited {waited:?} after a 429 asking for 2.5 s"
    );
    bot.stop().await;
    fake.assert_spec_clean();
}

#[tokio::test]
async fn a_403_stops_retries_and_is_shown_to_organizers_in_community_info() {
    let fake = FakeDiscord::start().await;
    let db = TestDb::sqlite();
    let bot = RunningBot::start_with_clock(
        &fake,
        db.url(),
        ShiftedClock::starting_at(utc(2026, 11, 24, 12, 0, 0)),
    )
    .await;
    setup(&fake, "Europe/London").await;
    let path = format!("/channels/{CHANNEL}/messages");
    fake.inject("POST", &path, 403, 0.0);
    let weekly = Invocation::new("gathering schedule", &Member::manager(1))
        .opt("title", "Study group")
        .opt("frequency", "weekly")
        .opt("day", "thursday")
        .opt("start", "19:00")
        .opt("end", "20:00");
    fake.run(&weekly).await;
    fake.wait_for("the refused post", |f| {
        f.requests()
            .iter()
            .any(|r| r.path == path && r.status == 403)
            .then_some(())
    })
    .await;
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    assert_eq!(
        fake.requests().iter().filter(|r| r.path == path).count(),
        1,
        "no retry after a 403"
    );
    let info = text_of(
        &fake
            .run(&Invocation::new("community info", &Member::manager(1)))
            .await,
    );
    assert!(
        info.contains("Needs attention") && info.contains("could not post"),
        "{info}"
    );
    bot.stop().await;
    fake.assert_spec_clean();
}

#[tokio::test]
async fn after_downtime_a_late_post_is_marked_late_and_one_for_a_started_gathering_is_dropped() {
    let fake = FakeDiscord::start().await;
    let db = TestDb::sqlite();
    let now = utc(2026, 11, 24, 12, 0, 0);
    {
        // While the bot is down: a reminder that was due 10 minutes ago for a gathering still to come, and
        // one for a gathering that has already started.
        let store = Store::open(db.url(), 2).await.unwrap();
        let settings = steward::domain::community::Settings::new(
            steward::domain::community::CommunityName::parse("Circle").unwrap(),
            chrono_tz::Europe::London,
            None,
        );
        let c = store
            .create_community(
                steward::domain::ids::GuildRef(support::fake_discord::interactions::GUILD),
                ChannelRef(CHANNEL),
                &settings,
                now,
            )
            .await
            .unwrap()
            .unwrap();
        let occurrence = |start: DateTime<Utc>, title: &str| NewOccurrence {
            series: None,
            start,
            end: start + Duration::hours(1),
            title: title.into(),
            location: None,
        };
        let soon = store
            .add_gathering(
                c.id,
                &occurrence(now + Duration::hours(2), "Still to come"),
                now,
            )
            .await
            .unwrap();
        let begun = store
            .add_gathering(
                c.id,
                &occurrence(now - Duration::minutes(30), "Already begun"),
                now,
            )
            .await
            .unwrap();
        let reminder = |key: &str| PlannedPost {
            kind: PostKind::Reminder,
            key: key.into(),
            due: now - Duration::minutes(40),
        };
        // As planned before the downtime (planning marks the gathering's posts as planned).
        for (id, key) in [(soon, "late-one"), (begun, "dropped-one")] {
            let g = store.gathering(c.id, id).await.unwrap().unwrap();
            store
                .replan_gathering(&c, &g, &[reminder(key)], &[key.to_owned()], now)
                .await
                .unwrap();
        }
        store.close().await;
    }
    let bot = RunningBot::start_with_clock(&fake, db.url(), TestClock::at(now)).await;
    fake.wait_for("the late reminder", |f| {
        (!posted(f, "Still to come").is_empty()).then_some(())
    })
    .await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let late = posted(&fake, "Still to come");
    assert_eq!(late.len(), 1);
    assert!(
        late[0].1["content"]
            .as_str()
            .unwrap()
            .starts_with("(late) ⏰"),
        "{}",
        late[0].1
    );
    assert!(
        posted(&fake, "Already begun").is_empty(),
        "a reminder for a started gathering is dropped"
    );
    bot.stop().await;
    fake.assert_spec_clean();
}

#[tokio::test]
async fn role_prompts_fire_on_the_cron_name_open_roles_and_fall_silent_once_all_are_held() {
    let fake = FakeDiscord::start().await;
    let db = TestDb::sqlite();
    let clock = ShiftedClock::starting_at(utc(2026, 11, 30, 16, 59, 50));
    let bot = RunningBot::start_with_clock(&fake, db.url(), clock.clone()).await;
    setup(&fake, "America/Phoenix").await;
    let add = Invocation::new("gathering add", &Member::manager(1))
        .opt("date", "2026-12-04")
        .opt("start", "1pm")
        .opt("end", "4pm")
        .opt("title", "December session");
    fake.run(&add).await;
    fake.run(&Invocation::new("role claim", &Member::regular(40)).opt("role", "Opener"))
        .await;
    // Hourly, on the hour (the most often a role prompt may come): 10 seconds from the start.
    let settings = Invocation::new("community settings", &Member::manager(1))
        .opt("reminders", "off")
        .opt("role_prompt", "0 0 * * * *");
    fake.run(&settings).await;
    fake.wait_for("the 17:00 role prompt", |f| {
        (!posted(f, "Still open for").is_empty()).then_some(())
    })
    .await;
    // Just before the next hour; a change wakes the engine, which then sleeps to 18:00.
    clock.jump(Duration::minutes(59) + Duration::seconds(50));
    let wake = |day: u32| {
        Invocation::new("gathering add", &Member::manager(1))
            .opt("date", format!("2026-12-{day:02}"))
            .opt("start", "1pm")
            .opt("end", "2pm")
    };
    fake.run(&wake(20)).await;
    fake.wait_for("two role prompts", |f| {
        (posted(f, "Still open for").len() >= 2).then_some(())
    })
    .await;
    let prompts = posted(&fake, "Still open for");
    let body = &prompts[0].1;
    let content = body["content"].as_str().unwrap();
    assert!(
        content.contains("Sharing challenges, Facilitation design, Evaluation, Closing")
            && !content.contains("Opener,"),
        "{content}"
    );
    assert_eq!(
        body["allowed_mentions"]["users"],
        serde_json::json!([]),
        "suggestions never ping"
    );
    // With no card in the channel yet, the first prompt comes with the agenda card (it lives in it).
    let labels: Vec<String> = body["components"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .filter_map(|b| b["label"].as_str().map(str::to_owned))
        .collect();
    assert!(
        labels.contains(&"Claim Sharing challenges".to_owned())
            && !labels.contains(&"Claim Opener".to_owned()),
        "{labels:?}"
    );
    assert_eq!(
        body["embeds"][0]["title"],
        "Next gathering: December session"
    );
    // An hour later that card is near: the prompt links to it and has no Claim buttons of its own.
    let second = &prompts[1].1["components"][0]["components"];
    assert_eq!(second.as_array().map(Vec::len), Some(1), "{second}");
    assert_eq!(second[0]["style"], 5, "a link button: {second}");
    let keys: std::collections::HashSet<_> = prompts.iter().map(|(n, _)| n.clone()).collect();
    assert_eq!(keys.len(), prompts.len(), "each fire time posts once");

    for (i, role) in [
        "Sharing challenges",
        "Facilitation design",
        "Evaluation",
        "Closing",
    ]
    .iter()
    .enumerate()
    {
        fake.run(
            &Invocation::new("role claim", &Member::regular(50 + i as u64)).opt("role", *role),
        )
        .await;
    }
    let before = posted(&fake, "Still open for").len();
    clock.jump(Duration::minutes(59) + Duration::seconds(55));
    fake.run(&wake(21)).await;
    tokio::time::sleep(std::time::Duration::from_secs(9)).await;
    assert_eq!(
        posted(&fake, "Still open for").len(),
        before,
        "silent once every role is held"
    );
    let pending = bot
        .store
        .next_post_due()
        .await
        .unwrap()
        .expect("the chain goes on");
    assert!(
        pending > clock.now() - Duration::seconds(5),
        "the next fire time is planned"
    );
    bot.stop().await;
    fake.assert_spec_clean();
}

#[tokio::test]
async fn dm_reminders_reach_members_going_and_a_closed_dm_is_noted_not_retried() {
    let fake = FakeDiscord::start().await;
    let db = TestDb::sqlite();
    let clock = ShiftedClock::starting_at(utc(2026, 12, 3, 16, 59, 57));
    let bot = RunningBot::start_with_clock(&fake, db.url(), clock).await;
    setup(&fake, "America/Phoenix").await;
    let settings = Invocation::new("community settings", &Member::manager(1))
        .opt("reminders", "1d")
        .opt("role_prompt", "off")
        .opt("dm_reminders", true);
    fake.run(&settings).await;
    let add = Invocation::new("gathering add", &Member::manager(1))
        .opt("date", "2026-12-04")
        .opt("start", "10:00")
        .opt("end", "12:00")
        .opt("title", "Practice field");
    fake.run(&add).await;
    fake.run(&Invocation::new("rsvp", &Member::regular(40)).opt("answer", "going"))
        .await;
    fake.run(&Invocation::new("rsvp", &Member::regular(41)).opt("answer", "going"))
        .await;
    fake.run(&Invocation::new("rsvp", &Member::regular(42)).opt("answer", "maybe"))
        .await;
    fake.close_dms(41);

    let dm_40 = format!("/channels/{}/messages", FakeDiscord::dm_channel(40));
    let dm_41 = format!("/channels/{}/messages", FakeDiscord::dm_channel(41));
    fake.wait_for("the DM to member 40", |f| {
        f.requests()
            .iter()
            .any(|r| r.path == dm_40 && r.status == 200)
            .then_some(())
    })
    .await;
    fake.wait_for("the refused DM to member 41", |f| {
        f.requests().iter().any(|r| r.path == dm_41).then_some(())
    })
    .await;
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    let requests = fake.requests();
    let dm = requests.iter().find(|r| r.path == dm_40).unwrap();
    let text = dm.body.as_ref().unwrap()["content"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        text.contains("Reminder from **Circle**: **Practice field** starts"),
        "{text}"
    );
    assert_eq!(
        requests.iter().filter(|r| r.path == dm_41).count(),
        1,
        "a closed DM is not retried"
    );
    let dm_42 = format!("/channels/{}/messages", FakeDiscord::dm_channel(42));
    assert!(
        !requests.iter().any(|r| r.path == dm_42),
        "only those going get a DM"
    );
    assert_eq!(
        posted(&fake, "⏰ **Practice field**").len(),
        1,
        "the channel reminder went out once"
    );
    let info = text_of(
        &fake
            .run(&Invocation::new("community info", &Member::manager(1)))
            .await,
    );
    assert!(
        !info.contains("Needs attention"),
        "a closed DM is not a channel problem: {info}"
    );
    bot.stop().await;
    fake.assert_spec_clean();
}
