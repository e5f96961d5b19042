//! End to end: settings a coordinator can read — role prompts written as people say them, fired at the
//! right instants (a Sunday written the crontab way, prompts before the gathering), a prompt that lands
//! with a reminder carried by it (one message), the role-prompt autocomplete, and 12-hour times.

mod support;

use chrono::{DateTime, Duration, TimeZone, Utc};
use serde_json::Value;
use support::bot::{RunningBot, ShiftedClock};
use support::db::TestDb;
use support::fake_discord::interactions::CHANNEL;
use support::fake_discord::{FakeDiscord, Invocation, Member};
use support::replies::text_of;

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, s).unwrap()
}

fn posted(fake: &FakeDiscord, needle: &str) -> Vec<Value> {
    fake.created_messages()
        .into_iter()
        .map(|(_, body)| body)
        .filter(|body| {
            body["content"].as_str().unwrap_or("").contains(needle)
                || body["embeds"].to_string().contains(needle)
        })
        .collect()
}

/// When the fake received the first message whose content holds `needle`.
fn arrival(fake: &FakeDiscord, needle: &str) -> std::time::SystemTime {
    fake.requests()
        .into_iter()
        .find(|r| {
            r.method == "POST"
                && r.path == format!("/channels/{CHANNEL}/messages")
                && r.body
                    .as_ref()
                    .is_some_and(|b| b["content"].as_str().unwrap_or("").contains(needle))
        })
        .map(|r| r.at)
        .unwrap_or_else(|| panic!("no message with {needle}"))
}

async fn community(fake: &FakeDiscord, settings: &[(&str, &str)]) {
    fake.run(
        &Invocation::new("community setup", &Member::manager(1))
            .opt("name", "Circle")
            .opt("timezone", "America/Phoenix"),
    )
    .await;
    let mut change = Invocation::new("community settings", &Member::manager(1));
    for (name, value) in settings {
        change = change.opt(name, *value);
    }
    let answer = fake.run(&change).await;
    assert!(text_of(&answer).contains("updated"), "{answer}");
}

fn add(date: &str) -> Invocation {
    Invocation::new("gathering add", &Member::manager(1))
        .opt("date", date)
        .opt("start", "10:00")
        .opt("end", "12:00")
        .opt("title", "Practice field")
}

#[tokio::test]
async fn a_sunday_written_the_crontab_way_prompts_on_sunday_at_the_local_time() {
    let fake = FakeDiscord::start().await;
    let db = TestDb::sqlite();
    // Sun 29 Nov 2026, 09:59:40 in Phoenix (UTC−7): 20 s to set up before 10:00, enough for a loaded CI
    // machine (with 5 s the setup once ran past 10:00 and the prompt was next Sunday's).
    let clock = ShiftedClock::starting_at(utc(2026, 11, 29, 16, 59, 40));
    let bot = RunningBot::start_with_clock(&fake, db.url(), clock.clone()).await;
    community(
        &fake,
        &[("reminders", "off"), ("role_prompt", "0 10 * * 0")],
    )
    .await;
    let info = fake
        .run(&Invocation::new("community info", &Member::regular(5)))
        .await;
    assert!(
        text_of(&info).contains("Sundays at 10:00, while roles are open"),
        "{info}"
    );
    fake.run(&add("2026-12-04")).await;
    fake.wait_for_within(
        std::time::Duration::from_secs(60),
        "the Sunday prompt",
        |f| (!posted(f, "Still open for").is_empty()).then_some(()),
    )
    .await;
    let due = clock.real_time_of(utc(2026, 11, 29, 17, 0, 0));
    let at = arrival(&fake, "Still open for");
    assert!(at >= due, "never early");
    assert!(
        at.duration_since(due).unwrap_or_default() < std::time::Duration::from_secs(2),
        "on Sunday at 10:00 Phoenix time"
    );
    bot.stop().await;
    fake.assert_spec_clean();
}

#[tokio::test]
async fn a_prompt_due_with_a_reminder_rides_on_it_and_one_of_its_own_comes_alone() {
    for db in TestDb::both().await {
        let label = db.label();
        let fake = FakeDiscord::start().await;
        // Tue 1 Dec 2026, 09:59:40 in Phoenix; the gathering is Fri 4 Dec at 10:00, so the 3-day
        // reminder (and the 3-day prompt) are 20 s away (time to set up on a loaded machine), the 2-day
        // prompt a day later.
        let clock = ShiftedClock::starting_at(utc(2026, 12, 1, 16, 59, 40));
        let bot = RunningBot::start_with_clock(&fake, db.url(), clock.clone()).await;
        community(&fake, &[("reminders", "3d"), ("role_prompt", "3d,2d")]).await;
        fake.run(&add("2026-12-04")).await;
        fake.wait_for_within(
            std::time::Duration::from_secs(60),
            "the 3-day reminder",
            |f| (!posted(f, "⏰").is_empty()).then_some(()),
        )
        .await;
        tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
        let reminder = posted(&fake, "⏰");
        assert_eq!(reminder.len(), 1, "{label}");
        let content = reminder[0]["content"].as_str().unwrap_or_default();
        assert!(
            content.contains("Still open for **Practice field**") && content.contains("Opener"),
            "{label}: the reminder carries the prompt: {content}"
        );
        assert!(content.chars().count() <= 2000);
        assert_eq!(
            posted(&fake, "Still open for").len(),
            1,
            "{label}: no second message at the same instant"
        );

        // A day later: the 2-day prompt, on its own.
        clock.jump(Duration::days(1) - Duration::seconds(10));
        fake.run(&add("2026-12-18")).await;
        fake.wait_for("the 2-day prompt", |f| {
            (posted(f, "Still open for").len() >= 2).then_some(())
        })
        .await;
        let prompts = posted(&fake, "Still open for");
        let alone = prompts[1]["content"].as_str().unwrap_or_default();
        assert!(!alone.contains('⏰'), "{label}: {alone}");
        assert_eq!(posted(&fake, "⏰").len(), 1, "{label}");
        bot.stop().await;
        fake.assert_spec_clean();
    }
}

#[tokio::test]
async fn the_role_prompt_autocomplete_reads_presets_and_what_is_typed_in_words() {
    let fake = FakeDiscord::start().await;
    let db = TestDb::sqlite();
    let bot = RunningBot::start(&fake, db.url()).await;
    community(&fake, &[("time_format", "12h")]).await;
    let ask = |typed: &str| {
        let fake = &fake;
        let invocation = Invocation::new("community settings", &Member::manager(1))
            .autocomplete("role_prompt", typed);
        async move {
            let answer = fake.run(&invocation).await;
            assert_eq!(answer["type"], 8, "an autocomplete result: {answer}");
            answer["data"]["choices"]
                .as_array()
                .cloned()
                .unwrap_or_default()
        }
    };
    let choices = ask("tue 6:30pm").await;
    let labels: Vec<&str> = choices.iter().filter_map(|c| c["name"].as_str()).collect();
    assert_eq!(
        labels[0], "tue 6:30pm — Tuesdays at 6:30 pm, while roles are open",
        "{labels:?}"
    );
    assert!(labels
        .iter()
        .any(|l| l.starts_with("14d,7d,3d — 14, 7 and 3 days before")));
    assert!(labels.iter().any(|l| l.starts_with("off")));
    assert!(
        labels.iter().all(|l| l.chars().count() <= 100),
        "{labels:?}"
    );
    let bad = ask("0 10 * *").await;
    let first = bad[0]["name"].as_str().unwrap_or_default();
    assert!(
        first.starts_with("0 10 * * — ") && first.chars().count() <= 100,
        "{first}"
    );
    assert_eq!(bad[0]["value"], "0 10 * *");
    bot.stop().await;
}

#[tokio::test]
async fn a_twelve_hour_community_reads_its_times_in_am_and_pm() {
    let fake = FakeDiscord::start().await;
    let db = TestDb::sqlite();
    let bot = RunningBot::start(&fake, db.url()).await;
    community(&fake, &[("time_format", "12h")]).await;
    let scheduled = fake
        .run(
            &Invocation::new("gathering schedule", &Member::manager(1))
                .opt("title", "Monthly circle")
                .opt("frequency", "monthly")
                .opt("week", "first")
                .opt("day", "friday")
                .opt("start", "13:00")
                .opt("end", "16:00"),
        )
        .await;
    assert!(text_of(&scheduled).contains("1–4 pm"), "{scheduled}");
    let next = fake
        .run(&Invocation::new("gathering next", &Member::regular(4)))
        .await;
    assert!(text_of(&next).contains("1–4 pm America/Phoenix"), "{next}");
    let back = fake
        .run(&Invocation::new("community settings", &Member::manager(1)).opt("time_format", "24h"))
        .await;
    assert!(
        text_of(&back).contains("times: 1–4 pm → 13:00–16:00"),
        "{back}"
    );
    let next = fake
        .run(&Invocation::new("gathering next", &Member::regular(4)))
        .await;
    assert!(
        text_of(&next).contains("13:00–16:00 America/Phoenix"),
        "{next}"
    );
    bot.stop().await;
    fake.assert_spec_clean();
}

#[tokio::test]
async fn reminders_nobody_chose_follow_the_rhythm_of_the_first_series_and_chosen_ones_stay() {
    let fake = FakeDiscord::start().await;
    let db = TestDb::sqlite();
    let bot = RunningBot::start(&fake, db.url()).await;
    let weekly = |title: &str| {
        Invocation::new("gathering schedule", &Member::manager(1))
            .opt("title", title)
            .opt("frequency", "weekly")
            .opt("day", "tuesday")
            .opt("start", "18:00")
            .opt("end", "19:30")
    };
    fake.run(
        &Invocation::new("community setup", &Member::manager(1))
            .opt("name", "Weekly circle")
            .opt("timezone", "America/Toronto"),
    )
    .await;
    let scheduled = fake.run(&weekly("Peer supervision")).await;
    assert!(
        text_of(&scheduled).contains("1 day and 2 hours before each gathering, to fit this rhythm"),
        "{scheduled}"
    );
    let info = fake
        .run(&Invocation::new("community info", &Member::regular(3)))
        .await;
    assert!(
        text_of(&info).contains("1 day and 2 hours before each gathering"),
        "{info}"
    );
    // A second series changes nothing more.
    let again = fake.run(&weekly("Second circle")).await;
    assert!(!text_of(&again).contains("to fit this rhythm"), "{again}");

    // In another channel an organizer chose a week and a day: a weekly series keeps them.
    let other = 700_000_000_000_000_102;
    fake.run(
        &Invocation::new("community setup", &Member::manager(1))
            .in_channel(other)
            .opt("name", "Chosen")
            .opt("timezone", "America/Toronto"),
    )
    .await;
    fake.run(
        &Invocation::new("community settings", &Member::manager(1))
            .in_channel(other)
            .opt("reminders", "7d,1d"),
    )
    .await;
    let kept = fake.run(&weekly("Kept").in_channel(other)).await;
    assert!(!text_of(&kept).contains("to fit this rhythm"), "{kept}");
    let info = fake
        .run(&Invocation::new("community info", &Member::regular(3)).in_channel(other))
        .await;
    assert!(text_of(&info).contains("7 days and 1 day before"), "{info}");
    bot.stop().await;
    fake.assert_spec_clean();
}

fn button(answer: &Value, label: &str) -> String {
    answer["data"]["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .find(|b| b["label"] == label)
        .and_then(|b| b["custom_id"].as_str().map(str::to_owned))
        .unwrap_or_else(|| panic!("no {label} button on {answer}"))
}

/// The `.ics` export's starts, read by an independent parser.
async fn exported_starts(
    fake: &FakeDiscord,
    channel: u64,
    until: DateTime<Utc>,
) -> (String, Vec<i64>) {
    let id =
        fake.invoke(&Invocation::new("gathering export", &Member::regular(2)).in_channel(channel));
    fake.response_to(id).await;
    let text = String::from_utf8(fake.files_of(id)[0].1.clone()).unwrap();
    let starts = support::ics::expand_ics(&text, until);
    (text, starts)
}

#[tokio::test]
async fn a_zone_change_asks_then_keeps_local_times_or_moments_and_says_what_it_did() {
    for db in TestDb::both().await {
        zone_change_on(db).await;
    }
}

async fn zone_change_on(db: TestDb) {
    use steward::domain::ids::ChannelRef;
    let label = db.label();
    let fake = FakeDiscord::start().await;
    let now = utc(2026, 11, 24, 12, 0, 0);
    let bot = support::bot::RunningBot::start_with_clock(
        &fake,
        db.url(),
        support::bot::TestClock::at(now),
    )
    .await;
    let other = 700_000_000_000_000_102;
    for channel in [CHANNEL, other] {
        // An Ontario group that picked Chicago by mistake (and, in the other channel, one that moves).
        fake.run(
            &Invocation::new("community setup", &Member::manager(1))
                .in_channel(channel)
                .opt("name", "Circle")
                .opt("timezone", "America/Chicago"),
        )
        .await;
        fake.run(
            &Invocation::new("gathering schedule", &Member::manager(1))
                .in_channel(channel)
                .opt("title", "Monthly circle")
                .opt("frequency", "monthly")
                .opt("week", "first")
                .opt("day", "friday")
                .opt("start", "13:00")
                .opt("end", "16:00"),
        )
        .await;
    }
    fake.run(&Invocation::new("role claim", &Member::regular(6)).opt("role", "Opener"))
        .await;
    let store = &bot.store;
    let community = store
        .community_in_channel(ChannelRef(CHANNEL))
        .await
        .unwrap()
        .unwrap();
    let next = |channel: u64| async move {
        let c = store
            .community_in_channel(ChannelRef(channel))
            .await
            .unwrap()
            .unwrap();
        (
            c.settings.time_zone,
            store.upcoming(c.id, now, 1).await.unwrap()[0].clone(),
        )
    };
    // Fri 4 Dec 2026, 13:00 in Chicago (CST) is 19:00 UTC.
    let (_, before) = next(CHANNEL).await;
    assert_eq!(before.start, utc(2026, 12, 4, 19, 0, 0));

    let ask = |channel: u64| {
        Invocation::new("community settings", &Member::manager(1))
            .in_channel(channel)
            .opt("timezone", "America/Toronto")
            .opt("dm_reminders", true)
    };
    let question = fake.run(&ask(CHANNEL)).await;
    let text = text_of(&question);
    assert!(
        text.contains("DM reminders: off → on")
            && text.contains("America/Chicago → America/Toronto")
            && text.contains("coming up")
            && text.contains("Nothing changes until you choose"),
        "{label}: {text}"
    );
    assert_eq!(
        next(CHANNEL).await.0,
        chrono_tz::America::Chicago,
        "{label}: asked first"
    );
    // A member cannot answer it; Cancel changes nothing.
    let wall = button(&question, "Keep local times (move them)");
    let stranger = fake.click_private(&Member::regular(4), CHANNEL, &wall);
    assert!(text_of(&fake.response_to(stranger).await).contains("Only organizers"));
    let cancel = fake.click_private(
        &Member::manager(1),
        CHANNEL,
        &button(&question, "Keep the time zone"),
    );
    assert!(text_of(&fake.response_to(cancel).await).contains("Nothing changed"));
    assert_eq!(next(CHANNEL).await.0, chrono_tz::America::Chicago);

    // Keep local times: 13:00 in Toronto (EST) is 18:00 UTC; the claim stays.
    let done = fake.click_private(&Member::manager(1), CHANNEL, &wall);
    let done = fake.response_to(done).await;
    assert!(
        text_of(&done).contains("Done") && text_of(&done).contains("moved"),
        "{label}: {done}"
    );
    let (zone, after) = next(CHANNEL).await;
    assert_eq!(zone, chrono_tz::America::Toronto);
    assert_eq!(after.id, before.id, "{label}: the same gathering");
    assert_eq!(after.start, utc(2026, 12, 4, 18, 0, 0), "{label}");
    assert_eq!(
        store.holders(after.id).await.unwrap().len(),
        1,
        "{label}: the claim stays"
    );
    let notice = support::fixtures::posted_notice(&fake, "Time zone changed", 0).await;
    assert!(
        text_of(&notice).contains("America/Toronto"),
        "{label}: {notice}"
    );
    // Clicking the same answer again is out of date.
    let again = fake.click_private(&Member::manager(1), CHANNEL, &wall);
    assert!(text_of(&fake.response_to(again).await).contains("out of date"));
    // The calendar (independent parser) reads 13:00 Toronto for every date, past the horizon too.
    store
        .extend_horizon(community.id, now + Duration::days(200))
        .await
        .unwrap();
    let until = utc(2027, 12, 31, 0, 0, 0);
    let (ics, starts) = exported_starts(&fake, CHANNEL, until).await;
    assert!(
        ics.contains("DTSTART;TZID=America/Toronto:20261204T130000"),
        "{label}: {ics}"
    );
    assert!(starts.len() >= 12, "{label}: {starts:?}");
    for start in &starts {
        let local = DateTime::from_timestamp(*start, 0)
            .unwrap()
            .with_timezone(&chrono_tz::America::Toronto);
        assert_eq!(local.format("%a %H:%M").to_string(), "Fri 13:00", "{label}");
    }
    let ours: Vec<i64> = store
        .all_gatherings(community.id)
        .await
        .unwrap()
        .into_iter()
        .filter(|g| g.status.is_on() && g.start < until)
        .map(|g| g.start.timestamp())
        .collect();
    assert_eq!(starts, ours, "{label}: the calendar is the bot's");
    // No month is lost past the old horizon: one first Friday in each month, one after the other.
    use chrono::Datelike;
    let months: Vec<u32> = starts
        .iter()
        .map(|s| {
            let local = DateTime::from_timestamp(*s, 0)
                .unwrap()
                .with_timezone(&chrono_tz::America::Toronto);
            assert!(local.day() <= 7, "{label}: a first Friday");
            local.year() as u32 * 12 + local.month0()
        })
        .collect();
    assert!(
        months.windows(2).all(|w| w[1] == w[0] + 1),
        "{label}: {months:?}"
    );

    // Keep the moments: the other community's gatherings stay at 19:00 UTC (14:00 in Toronto).
    let question = fake.run(&ask(other)).await;
    let same = fake.click_private(
        &Member::manager(1),
        other,
        &button(&question, "Keep the moments"),
    );
    let same = fake.response_to(same).await;
    assert!(
        text_of(&same).contains("keeps its moment"),
        "{label}: {same}"
    );
    let (zone, kept) = next(other).await;
    assert_eq!(zone, chrono_tz::America::Toronto);
    assert_eq!(kept.start, utc(2026, 12, 4, 19, 0, 0), "{label}");
    bot.stop().await;
    fake.assert_spec_clean();
}
