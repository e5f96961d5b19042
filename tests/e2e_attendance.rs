//! End to end: RSVP buttons and /rsvp, answers across a move, the cancel notice pinging those going,
//! the harvest prompt's "I was there", the organizer's attendance sheet, and the participation report.

mod support;

use chrono::{DateTime, Duration, TimeZone, Utc};
use serde_json::{json, Value};
use steward::domain::ids::ChannelRef;
use support::bot::{RunningBot, ShiftedClock, TestClock};
use support::db::TestDb;
use support::fake_discord::interactions::CHANNEL;
use support::fake_discord::{FakeDiscord, Invocation, Member};
use support::fixtures::{community_with_a_gathering, posted_notice};
use support::replies::{is_ephemeral, text_of};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap()
}

fn button(answer: &Value, label: &str) -> String {
    support::notes::button(answer, label).unwrap_or_else(|| panic!("no `{label}` in {answer}"))
}

#[tokio::test]
async fn rsvp_buttons_update_counts_answers_change_follow_a_move_and_the_cancel_notice_pings_those_going(
) {
    let fake = FakeDiscord::start().await;
    let db = TestDb::sqlite();
    let bot = RunningBot::start_with_clock(&fake, db.url(), TestClock::at(now())).await;
    community_with_a_gathering(&fake).await;
    let card = fake
        .run(&Invocation::new("gathering next", &Member::regular(2)))
        .await;
    assert!(
        text_of(&card).contains("Going (0) · Maybe: 0 · Can't go: 0"),
        "{}",
        text_of(&card)
    );
    let going = button(&card, "Going");
    let maybe = button(&card, "Maybe");

    let a = fake
        .response_to(fake.click(&Member::regular(40), CHANNEL, &going))
        .await;
    assert_eq!(a["type"], 7);
    fake.response_to(fake.click(&Member::regular(41), CHANNEL, &going))
        .await;
    let c = fake
        .response_to(fake.click(&Member::regular(42), CHANNEL, &maybe))
        .await;
    assert!(
        text_of(&c).contains("Going (2): <@40>, <@41> · Maybe: 1 · Can't go: 0"),
        "{}",
        text_of(&c)
    );
    // 41 changes their mind.
    let changed = fake
        .response_to(fake.click(&Member::regular(41), CHANNEL, &button(&card, "Can't go")))
        .await;
    assert!(
        text_of(&changed).contains("Going (1): <@40> · Maybe: 1 · Can't go: 1"),
        "{}",
        text_of(&changed)
    );
    assert_eq!(
        changed["data"]["allowed_mentions"]["users"],
        json!([]),
        "the card pings nobody"
    );
    let by_command = fake
        .run(&Invocation::new("rsvp", &Member::regular(43)).opt("answer", "going"))
        .await;
    assert!(is_ephemeral(&by_command) && text_of(&by_command).contains("Noted: **Going**"));

    fake.run(
        &Invocation::new("gathering move", &Member::manager(1))
            .opt("gathering", "2026-12-04")
            .opt("new_date", "2026-12-11"),
    )
    .await;
    let moved_card = text_of(
        &fake
            .run(&Invocation::new("gathering next", &Member::regular(2)))
            .await,
    );
    assert!(
        moved_card.contains("Going (2): <@40>, <@43>") && moved_card.contains("11 Dec"),
        "answers follow the move: {moved_card}"
    );

    fake.run(
        &Invocation::new("gathering cancel", &Member::manager(1)).opt("gathering", "2026-12-11"),
    )
    .await;
    let cancelled = posted_notice(&fake, "Gathering cancelled", 0).await;
    assert_eq!(
        cancelled["data"]["allowed_mentions"]["users"],
        json!(["40", "43"]),
        "exactly those going"
    );
    assert_eq!(cancelled["data"]["allowed_mentions"]["parse"], json!([]));
    assert_eq!(cancelled["data"]["content"], "<@40> <@43>");
    let refused = fake
        .response_to(fake.click(&Member::regular(44), CHANNEL, &going))
        .await;
    assert!(
        is_ephemeral(&refused) && text_of(&refused).contains("cancelled"),
        "{refused}"
    );
    let refused = fake
        .run(
            &Invocation::new("rsvp", &Member::regular(44))
                .opt("answer", "maybe")
                .opt("gathering", "2026-12-11"),
        )
        .await;
    assert!(
        text_of(&refused).contains("No gathering of this community matches")
            || text_of(&refused).contains("cancelled"),
        "{refused}"
    );

    bot.stop().await;
    fake.assert_spec_clean();
}

#[tokio::test]
async fn the_harvest_prompt_lets_members_say_they_were_there_within_the_window() {
    let fake = FakeDiscord::start().await;
    let db = TestDb::sqlite();
    // Fri 4 Dec, 15:59:57 in Phoenix: the gathering ends in 3 s and its harvest prompt goes out.
    let clock = ShiftedClock::starting_at(Utc.with_ymd_and_hms(2026, 12, 4, 22, 59, 57).unwrap());
    let bot = RunningBot::start_with_clock(&fake, db.url(), clock).await;
    let setup = Invocation::new("community setup", &Member::manager(1))
        .opt("name", "Circle")
        .opt("timezone", "America/Phoenix");
    fake.run(&setup).await;
    fake.run(&Invocation::new("community settings", &Member::manager(1)).opt("role_prompt", "off"))
        .await;
    {
        // The gathering began before "now", so it is added directly.
        let community = bot
            .store
            .community_in_channel(ChannelRef(CHANNEL))
            .await
            .unwrap()
            .unwrap();
        let start = Utc.with_ymd_and_hms(2026, 12, 4, 20, 0, 0).unwrap();
        let new = steward::store::NewOccurrence {
            series: None,
            start,
            end: start + Duration::hours(3),
            title: "December session".into(),
            location: None,
        };
        bot.store
            .add_gathering(community.id, &new, start - Duration::days(30))
            .await
            .unwrap();
    }
    fake.run(&Invocation::new("gathering list", &Member::regular(2)))
        .await; // any command wakes the engine's planner
    fake.run(&Invocation::new("community settings", &Member::manager(1)).opt("dm_reminders", true))
        .await;
    let harvest = fake
        .wait_for("the harvest prompt", |f| {
            f.created_messages()
                .into_iter()
                .map(|(_, b)| b)
                .find(|b| b["content"].as_str().unwrap_or("").contains("has ended"))
        })
        .await;
    let button = |label: &str| {
        harvest["components"][0]["components"]
            .as_array()
            .unwrap()
            .iter()
            .find(|b| b["label"] == label)
            .and_then(|b| b["custom_id"].as_str())
            .unwrap_or_else(|| panic!("no {label} button: {harvest}"))
            .to_owned()
    };
    let here = button("I was there");
    assert!(button("Add practice note").starts_with("sn:add:"));
    let answer = fake
        .response_to(fake.click(&Member::regular(40), CHANNEL, &here))
        .await;
    assert_eq!(answer["type"], 7);
    assert!(
        text_of(&answer).contains("There (1): <@40>"),
        "{}",
        text_of(&answer)
    );
    let again = fake
        .response_to(fake.click(&Member::regular(40), CHANNEL, &here))
        .await;
    assert!(
        text_of(&again).contains("There (1): <@40>"),
        "once is enough: {}",
        text_of(&again)
    );
    bot.stop().await;
    fake.assert_spec_clean();
}

#[tokio::test]
async fn organizers_record_attendance_with_member_pickers_and_the_report_adds_it_up() {
    let fake = FakeDiscord::start().await;
    let db = TestDb::sqlite();
    let clock = TestClock::at(now());
    let bot = RunningBot::start_with_clock(&fake, db.url(), clock.clone()).await;
    community_with_a_gathering(&fake).await;
    fake.run(&Invocation::new("rsvp", &Member::regular(40)).opt("answer", "going"))
        .await;
    fake.run(&Invocation::new("rsvp", &Member::regular(41)).opt("answer", "going"))
        .await;
    fake.run(&Invocation::new("role claim", &Member::regular(40)).opt("role", "Opener"))
        .await;

    let future = fake
        .run(
            &Invocation::new("attendance record", &Member::manager(1))
                .opt("gathering", "2026-12-04"),
        )
        .await;
    assert!(
        text_of(&future).contains("has not happened yet"),
        "{future}"
    );
    clock.set(Utc.with_ymd_and_hms(2026, 12, 5, 12, 0, 0).unwrap());
    let refused = fake
        .run(
            &Invocation::new("attendance record", &Member::regular(3))
                .opt("gathering", "2026-12-04"),
        )
        .await;
    assert!(text_of(&refused).contains("Only organizers"));

    let sheet = fake
        .run(
            &Invocation::new("attendance record", &Member::manager(1))
                .opt("gathering", "2026-12-04"),
        )
        .await;
    assert!(
        is_ephemeral(&sheet) && text_of(&sheet).contains("0 recorded"),
        "{sheet}"
    );
    let rows = sheet["data"]["components"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["components"][0]["type"], 5, "a user select");
    assert_eq!(rows[0]["components"][0]["max_values"], 25);
    let add = rows[0]["components"][0]["custom_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let remove = rows[1]["components"][0]["custom_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let added = fake
        .response_to(fake.select_users(&Member::manager(1), CHANNEL, &add, &[40, 42, 43]))
        .await;
    assert_eq!(added["type"], 7);
    assert!(
        text_of(&added).contains("Added 3.") && text_of(&added).contains("3 recorded"),
        "{}",
        text_of(&added)
    );
    let removed = fake
        .response_to(fake.select_users(&Member::manager(1), CHANNEL, &remove, &[43]))
        .await;
    assert!(
        text_of(&removed).contains("Removed 1.") && text_of(&removed).contains("2 recorded"),
        "{}",
        text_of(&removed)
    );
    let not_organizer = fake
        .response_to(fake.select_users(&Member::regular(5), CHANNEL, &add, &[5]))
        .await;
    assert!(is_ephemeral(&not_organizer) && text_of(&not_organizer).contains("Only organizers"));

    let report = text_of(
        &fake
            .run(&Invocation::new("attendance report", &Member::regular(2)))
            .await,
    );
    assert!(
        report.contains("December session — going 2 · came 2"),
        "{report}"
    );
    assert!(
        report.contains("<@40> — came 1/1 · roles 1 · core"),
        "{report}"
    );
    assert!(report.contains("**core** (2)"), "{report}");
    let id = fake
        .invoke(&Invocation::new("attendance report", &Member::regular(2)).opt("format", "csv"));
    fake.response_to(id).await;
    let files = fake.files_of(id);
    let csv = String::from_utf8(files[0].1.clone()).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "gathering_date,gathering_title,member_id,going,came,roles"
    );
    assert!(
        lines.contains(&"2026-12-04,December session,40,yes,yes,1"),
        "{csv}"
    );
    assert!(
        lines.contains(&"2026-12-04,December session,41,yes,no,0"),
        "{csv}"
    );
    assert!(
        lines.contains(&"2026-12-04,December session,42,no,yes,0"),
        "{csv}"
    );
    assert_eq!(lines.len(), 4, "{csv}");

    clock.set(Utc.with_ymd_and_hms(2026, 12, 13, 0, 0, 0).unwrap());
    let late = fake
        .response_to(fake.click(
            &Member::regular(41),
            CHANNEL,
            &format!("st:here:{}:0", added_gathering(&bot).await),
        ))
        .await;
    assert!(text_of(&late).contains("more than 7 days"), "{late}");
    bot.stop().await;
    fake.assert_spec_clean();
}

async fn added_gathering(bot: &RunningBot) -> i64 {
    let community = bot
        .store
        .community_in_channel(ChannelRef(CHANNEL))
        .await
        .unwrap()
        .unwrap();
    bot.store.all_gatherings(community.id).await.unwrap()[0]
        .id
        .0
}
