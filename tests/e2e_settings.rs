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
    // Sun 29 Nov 2026, 09:59:55 in Phoenix (UTC−7).
    let clock = ShiftedClock::starting_at(utc(2026, 11, 29, 16, 59, 55));
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
    fake.wait_for("the Sunday prompt", |f| {
        (!posted(f, "Still open for").is_empty()).then_some(())
    })
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
        // Tue 1 Dec 2026, 09:59:55 in Phoenix; the gathering is Fri 4 Dec at 10:00, so the 3-day
        // reminder (and the 3-day prompt) are 5 s away, the 2-day prompt a day later.
        let clock = ShiftedClock::starting_at(utc(2026, 12, 1, 16, 59, 55));
        let bot = RunningBot::start_with_clock(&fake, db.url(), clock.clone()).await;
        community(&fake, &[("reminders", "3d"), ("role_prompt", "3d,2d")]).await;
        fake.run(&add("2026-12-04")).await;
        fake.wait_for("the 3-day reminder", |f| {
            (!posted(f, "⏰").is_empty()).then_some(())
        })
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
