//! Editing what was scheduled, end to end against the fake Discord, on SQLite and PostgreSQL:
//! - `/gathering edit … apply_to:this-and-following` on a monthly series changes the time and place of
//!   every gathering from that date on, keeping each row with its claims and answers, pings exactly
//!   those concerned, and leaves the past as it was; the `.ics` (independent parser) and the scheduled
//!   events follow; `apply_to:this` changes one gathering (a notice only for time or place);
//! - `/gathering reschedule` from first Fridays to second Thursdays shows what it withdraws first
//!   (Cancel changes nothing), then withdraws with a notice only the dates that vanish, frees their
//!   roles, adds the new dates, and the `.ics`, scheduled events and the living card follow; a second
//!   reschedule onto weekly Thursdays keeps every shared date's row and claim without asking.

mod support;

use chrono::{DateTime, Duration, TimeZone, Utc};
use serde_json::Value;
use std::collections::BTreeSet;
use steward::domain::gathering::{Gathering, Status};
use steward::domain::ids::{ChannelRef, MemberRef};
use steward::domain::rsvp::Answer;
use support::bot::{RunningBot, TestClock};
use support::db::TestDb;
use support::fake_discord::interactions::CHANNEL;
use support::fake_discord::{FakeDiscord, Invocation, Member};
use support::fixtures::posted_notice;
use support::ics::expand_ics;
use support::replies::{is_ephemeral, text_of};

fn utc(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap()
}

async fn community(fake: &FakeDiscord) {
    fake.run(
        &Invocation::new("community setup", &Member::manager(1))
            .opt("name", "Circle")
            .opt("timezone", "America/Toronto"),
    )
    .await;
}

fn first_fridays(first_date: Option<&str>) -> Invocation {
    let mut ask = Invocation::new("gathering schedule", &Member::manager(1))
        .opt("title", "Practice circle")
        .opt("frequency", "monthly")
        .opt("day", "friday")
        .opt("week", "first")
        .opt("start", "13:00")
        .opt("end", "16:00")
        .opt("location", "Room 1");
    if let Some(date) = first_date {
        ask = ask.opt("first_date", date);
    }
    ask
}

async fn all(bot: &RunningBot) -> Vec<Gathering> {
    let community = bot
        .store
        .community_in_channel(ChannelRef(CHANNEL))
        .await
        .unwrap()
        .unwrap();
    bot.store.all_gatherings(community.id).await.unwrap()
}

async fn on_date(bot: &RunningBot, date: &str) -> Gathering {
    let zone = chrono_tz::America::Toronto;
    all(bot)
        .await
        .into_iter()
        .find(|g| {
            g.status != Status::Withdrawn
                && g.start.with_timezone(&zone).format("%Y-%m-%d").to_string() == date
        })
        .unwrap_or_else(|| panic!("no gathering on {date}"))
}

async fn claim(fake: &FakeDiscord, member: u64, role: &str, date: &str) {
    let answer = fake
        .run(
            &Invocation::new("role claim", &Member::regular(member))
                .opt("role", role)
                .opt("gathering", date),
        )
        .await;
    assert!(text_of(&answer).contains("You hold"), "{answer}");
}

async fn going(fake: &FakeDiscord, member: u64, date: &str) {
    let answer = fake
        .run(
            &Invocation::new("rsvp", &Member::regular(member))
                .opt("answer", "going")
                .opt("gathering", date),
        )
        .await;
    assert!(text_of(&answer).contains("Noted"), "{answer}");
}

fn pinged(notice: &Value) -> BTreeSet<u64> {
    notice["data"]["allowed_mentions"]["users"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|u| u.as_str().and_then(|s| s.parse().ok()))
        .collect()
}

/// The `.ics` export's dates (read by an independent parser) equal the bot's own gatherings that are
/// on, up to `until`.
async fn ics_matches_the_calendar(
    fake: &FakeDiscord,
    bot: &RunningBot,
    until: DateTime<Utc>,
) -> Vec<i64> {
    let id = fake.invoke(&Invocation::new("gathering export", &Member::regular(2)));
    fake.response_to(id).await;
    let files = fake.files_of(id);
    let text = String::from_utf8(files[0].1.clone()).unwrap();
    let from_ics = expand_ics(&text, until);
    let mut bots: Vec<i64> = all(bot)
        .await
        .into_iter()
        .filter(|g| g.status.is_on() && g.start < until)
        .map(|g| g.start.timestamp())
        .collect();
    bots.sort();
    assert_eq!(from_ics, bots, "{text}");
    bots
}

fn event_at<'a>(events: &'a [Value], start: &str) -> Option<&'a Value> {
    events
        .iter()
        .find(|e| e["scheduled_start_time"].as_str() == Some(start))
}

#[tokio::test]
async fn this_and_following_keeps_every_claim_and_answer_and_the_calendar_and_events_follow() {
    for db in TestDb::both().await {
        this_and_following_on(db).await;
    }
}

async fn this_and_following_on(db: TestDb) {
    let fake = FakeDiscord::start().await;
    let now = utc(2026, 12, 10, 12);
    let bot = RunningBot::start_with_clock(&fake, db.url(), TestClock::at(now)).await;
    community(&fake).await;
    // First Fridays from 6 Nov: 6 Nov and 4 Dec are past, 1 Jan, 5 Feb, 5 Mar… to come.
    fake.run(&first_fridays(Some("2026-11-06"))).await;
    claim(&fake, 4, "Opener", "2027-01-01").await;
    going(&fake, 5, "2027-02-05").await;
    claim(&fake, 6, "Closing", "2027-03-05").await;
    let before = all(&bot).await;
    let jan = on_date(&bot, "2027-01-01").await;
    let (feb, mar) = (
        on_date(&bot, "2027-02-05").await,
        on_date(&bot, "2027-03-05").await,
    );

    let refused = fake
        .run(
            &Invocation::new("gathering edit", &Member::regular(4))
                .opt("gathering", "2027-01-01")
                .opt("location", "Room 9"),
        )
        .await;
    assert!(text_of(&refused).contains("Only organizers"), "{refused}");
    let nothing = fake
        .run(&Invocation::new("gathering edit", &Member::manager(1)).opt("gathering", "2027-01-01"))
        .await;
    assert!(text_of(&nothing).contains("Nothing to change"), "{nothing}");

    let done = fake
        .run(
            &Invocation::new("gathering edit", &Member::manager(1))
                .opt("gathering", "2027-01-01")
                .opt("start", "18:00")
                .opt("end", "19:30")
                .opt("location", "Room 9")
                .opt("apply_to", "this-and-following"),
        )
        .await;
    assert!(
        is_ephemeral(&done) && text_of(&done).contains("Done"),
        "{done}"
    );
    let notice = posted_notice(&fake, "Gatherings changed", 0).await;
    let text = text_of(&notice);
    assert!(
        text.contains("18:00–19:30") && text.contains("Room 9"),
        "{text}"
    );
    assert_eq!(pinged(&notice), BTreeSet::from([4, 5, 6]), "{notice}");

    // Every following gathering keeps its row, claims and answers, with the new time and place
    // (18:00 Toronto is 23:00 UTC in winter, 22:00 once DST starts on 14 Mar).
    let after = all(&bot).await;
    for (g, hour_utc) in [(&jan, 23), (&feb, 23), (&mar, 23)] {
        let now_g = after.iter().find(|a| a.id == g.id).expect("same row");
        assert_eq!(
            now_g.start,
            g.start
                .date_naive()
                .and_hms_opt(hour_utc, 0, 0)
                .unwrap()
                .and_utc(),
            "{now_g:?}"
        );
        assert_eq!(now_g.end - now_g.start, Duration::minutes(90));
        assert_eq!(now_g.location.as_deref(), Some("Room 9"));
        assert!(now_g.status.is_on());
    }
    let april = on_date(&bot, "2027-04-02").await;
    assert_eq!(april.start, utc(2027, 4, 2, 22), "after DST");
    assert_eq!(
        bot.store.holders(jan.id).await.unwrap(),
        [("Opener".to_owned(), MemberRef(4))]
    );
    assert_eq!(
        bot.store.rsvps(feb.id).await.unwrap(),
        [(MemberRef(5), Answer::Going)]
    );
    assert_eq!(
        bot.store.holders(mar.id).await.unwrap(),
        [("Closing".to_owned(), MemberRef(6))]
    );
    for past in before.iter().filter(|g| g.start < now) {
        let kept = after.iter().find(|a| a.id == past.id).unwrap();
        assert_eq!(kept, past, "the past stays as it was");
    }
    assert_eq!(
        after.iter().filter(|g| g.status.is_on()).count(),
        before.iter().filter(|g| g.status.is_on()).count(),
        "no date added or lost"
    );
    ics_matches_the_calendar(&fake, &bot, utc(2027, 7, 1, 0)).await;
    // The reminders follow: 1 Jan's pending reminders are those of its new start, and none of the old
    // one is left to fire at the old time.
    let pool = sqlx::AnyPool::connect(&format!("{}?mode=rw", db.url()))
        .await
        .unwrap();
    let new_start = utc(2027, 1, 1, 23);
    let mut pending: Vec<(String, i64)> = Vec::new();
    for _ in 0..200 {
        pending = sqlx::query_as(
            "SELECT idem_key, planned_at FROM posts WHERE gathering_id = $1 AND kind = 'reminder' \
             AND sent_at IS NULL AND dropped_at IS NULL ORDER BY planned_at",
        )
        .bind(jan.id.0)
        .fetch_all(&pool)
        .await
        .unwrap();
        if !pending.is_empty()
            && pending
                .iter()
                .all(|(k, _)| k.contains(&new_start.timestamp().to_string()))
        {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    assert_eq!(
        pending.iter().map(|(_, at)| *at).collect::<Vec<_>>(),
        [
            (new_start - Duration::days(7)).timestamp(),
            (new_start - Duration::days(1)).timestamp()
        ],
        "the 7-day and 1-day reminders of the new time: {pending:?}"
    );
    fake.wait_for("the 1 Jan event at 18:00 in Room 9", |f| {
        let events: Vec<Value> = f.scheduled_events().into_values().collect();
        event_at(&events, "2027-01-01T23:00:00.000Z")
            .filter(|e| e["entity_metadata"]["location"] == "Room 9")
            .map(|_| ())
    })
    .await;

    // `this`: a new title alone is no notice; the calendar shows it on that date only.
    let titled = fake
        .run(
            &Invocation::new("gathering edit", &Member::manager(1))
                .opt("gathering", "2027-02-05")
                .opt("title", "February harvest"),
        )
        .await;
    assert!(text_of(&titled).contains("no notice"), "{titled}");
    let retitled = all(&bot).await;
    assert_eq!(
        retitled.iter().find(|g| g.id == feb.id).unwrap().title,
        "February harvest"
    );
    assert_eq!(
        retitled.iter().find(|g| g.id == mar.id).unwrap().title,
        "Practice circle"
    );
    let starts = ics_matches_the_calendar(&fake, &bot, utc(2027, 7, 1, 0)).await;
    assert!(starts.contains(&utc(2027, 2, 5, 23).timestamp()));
    // A place removed on one date pings its holder.
    fake.run(
        &Invocation::new("gathering edit", &Member::manager(1))
            .opt("gathering", "2027-03-05")
            .opt("location", "none"),
    )
    .await;
    let notice = posted_notice(&fake, "Gathering changed", 0).await;
    assert!(
        text_of(&notice).contains("no place given (was Room 9)"),
        "{notice}"
    );
    assert_eq!(pinged(&notice), BTreeSet::from([6]));
    assert_eq!(on_date(&bot, "2027-03-05").await.location, None);
    assert_eq!(
        fake.created_messages()
            .iter()
            .filter(|(_, b)| b["embeds"][0]["title"] == "Gathering changed")
            .count(),
        1,
        "the title-only edit posted nothing"
    );

    // A one-off has no series to follow.
    fake.run(
        &Invocation::new("gathering add", &Member::manager(1))
            .opt("date", "2027-01-20")
            .opt("start", "10:00")
            .opt("end", "11:00"),
    )
    .await;
    let one_off = fake
        .run(
            &Invocation::new("gathering edit", &Member::manager(1))
                .opt("gathering", "2027-01-20")
                .opt("title", "Extra")
                .opt("apply_to", "this-and-following"),
        )
        .await;
    assert!(text_of(&one_off).contains("one-off"), "{one_off}");

    // An earlier start keeps the gathering it starts from (its day, not its old start, is the line).
    going(&fake, 8, "2027-04-02").await;
    let earlier = fake
        .run(
            &Invocation::new("gathering edit", &Member::manager(1))
                .opt("gathering", "2027-04-02")
                .opt("start", "09:00")
                .opt("apply_to", "this-and-following"),
        )
        .await;
    assert!(text_of(&earlier).contains("Done"), "{earlier}");
    let kept = on_date(&bot, "2027-04-02").await;
    assert_eq!(
        (kept.id, kept.start),
        (april.id, utc(2027, 4, 2, 13)),
        "{kept:?}"
    );
    assert_eq!(
        bot.store.rsvps(kept.id).await.unwrap(),
        [(MemberRef(8), Answer::Going)]
    );

    bot.stop().await;
    fake.assert_spec_clean();
}

#[tokio::test]
async fn reschedule_withdraws_only_the_dates_that_vanish_after_a_confirmation() {
    for db in TestDb::both().await {
        reschedule_on(db).await;
    }
}

async fn series_id(bot: &RunningBot) -> String {
    let community = bot
        .store
        .community_in_channel(ChannelRef(CHANNEL))
        .await
        .unwrap()
        .unwrap();
    let series = bot.store.series_of(community.id).await.unwrap();
    series
        .iter()
        .find(|s| s.recurrence.until.is_none())
        .unwrap()
        .id
        .0
        .to_string()
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

async fn reschedule_on(db: TestDb) {
    let fake = FakeDiscord::start().await;
    let now = utc(2026, 11, 24, 10);
    let bot = RunningBot::start_with_clock(&fake, db.url(), TestClock::at(now)).await;
    community(&fake).await;
    fake.run(&first_fridays(None)).await; // 4 Dec, 1 Jan, 5 Feb, 5 Mar…
    claim(&fake, 6, "Opener", "2026-12-04").await;
    claim(&fake, 4, "Opener", "2027-02-05").await;
    going(&fake, 5, "2027-03-05").await;
    let dec = on_date(&bot, "2026-12-04").await;
    let feb = on_date(&bot, "2027-02-05").await;
    fake.wait_for("the 4 Dec event", |f| {
        let events: Vec<Value> = f.scheduled_events().into_values().collect();
        event_at(&events, "2026-12-04T18:00:00.000Z").map(|_| ())
    })
    .await;
    // The 4 Dec card the bot posted after scheduling, to see it follow.
    let community = bot
        .store
        .community_in_channel(ChannelRef(CHANNEL))
        .await
        .unwrap()
        .unwrap();
    let mut card = None;
    for _ in 0..200 {
        card = bot.store.living_card(community.id, dec.id).await.unwrap();
        if card.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    let card = card.expect("the card posted after scheduling is the living one");

    let series = series_id(&bot).await;
    let ask = Invocation::new("gathering reschedule", &Member::manager(1))
        .opt("series", series.clone())
        .opt("frequency", "monthly")
        .opt("day", "thursday")
        .opt("week", "second");
    let refused = fake.run(&ask.clone().opt("from_date", "2026-11-01")).await;
    assert!(text_of(&refused).contains("in the past"), "{refused}");
    let preview = fake.run(&ask).await;
    assert!(is_ephemeral(&preview));
    let text = text_of(&preview);
    assert!(
        text.contains("Withdrawn")
            && text.contains("Fri 4 Dec 2026")
            && text.contains("Fri 5 Feb 2027")
            && text.contains("Thu 10 Dec 2026")
            && text.contains("Thu 14 Jan 2027"),
        "{text}"
    );
    // Cancel: nothing changes.
    let keep = fake.click_private(&Member::manager(1), CHANNEL, &button(&preview, "Cancel"));
    assert!(text_of(&fake.response_to(keep).await).contains("Nothing changed"));
    assert_eq!(on_date(&bot, "2026-12-04").await.id, dec.id);
    assert_eq!(bot.store.holders(feb.id).await.unwrap().len(), 1);
    // A member cannot confirm it.
    let confirm = button(&preview, "Confirm the new rhythm");
    let stranger = fake.click_private(&Member::regular(4), CHANNEL, &confirm);
    assert!(text_of(&fake.response_to(stranger).await).contains("Only organizers"));

    // The calendar changes under the preview (a date is cancelled): its Confirm withdraws nothing.
    fake.run(
        &Invocation::new("gathering cancel", &Member::manager(1)).opt("gathering", "2027-04-02"),
    )
    .await;
    let stale = fake.click_private(&Member::manager(1), CHANNEL, &confirm);
    let stale = fake.response_to(stale).await;
    assert!(text_of(&stale).contains("calendar changed"), "{stale}");
    assert_eq!(on_date(&bot, "2026-12-04").await.status, Status::Scheduled);
    let confirm = button(&fake.run(&ask).await, "Confirm the new rhythm");
    let confirmed = fake.click_private(&Member::manager(1), CHANNEL, &confirm);
    let done = fake.response_to(confirmed).await;
    assert!(text_of(&done).contains("Done"), "{done}");
    let notice = posted_notice(&fake, "New rhythm", 0).await;
    let text = text_of(&notice);
    assert!(
        text.contains("monthly on the second Thursday")
            && text.contains("Off the calendar: Fri 4 Dec 2026, Fri 1 Jan 2027, Fri 5 Feb 2027")
            && text.contains("<@6> (Opener)")
            && text.contains("<@4> (Opener)"),
        "{text}"
    );
    assert_eq!(
        pinged(&notice),
        BTreeSet::from([4, 5, 6]),
        "only those concerned"
    );

    // The old dates are withdrawn with their roles freed; the new ones are on.
    let everything = all(&bot).await;
    let old: Vec<&Gathering> = everything
        .iter()
        .filter(|g| g.series == dec.series)
        .collect();
    assert!(old.iter().all(|g| g.status == Status::Withdrawn), "{old:?}");
    assert!(bot.store.holders(dec.id).await.unwrap().is_empty());
    assert!(bot.store.holders(feb.id).await.unwrap().is_empty());
    let upcoming = bot.store.upcoming(community.id, now, 3).await.unwrap();
    let starts: Vec<DateTime<Utc>> = upcoming.iter().map(|g| g.start).collect();
    assert_eq!(
        starts,
        [
            utc(2026, 12, 10, 18),
            utc(2027, 1, 14, 18),
            utc(2027, 2, 11, 18)
        ]
    );
    assert!(upcoming
        .iter()
        .all(|g| g.location.as_deref() == Some("Room 1")));
    let dates = ics_matches_the_calendar(&fake, &bot, utc(2027, 7, 1, 0)).await;
    assert!(!dates.contains(&dec.start.timestamp()));
    fake.wait_for(
        "the 4 Dec event cancelled and the 10 Dec one created",
        |f| {
            let events: Vec<Value> = f.scheduled_events().into_values().collect();
            let old = event_at(&events, "2026-12-04T18:00:00.000Z")?;
            event_at(&events, "2026-12-10T18:00:00.000Z")?;
            (old["status"] == 4).then_some(()) // CANCELED
        },
    )
    .await;
    fake.wait_for("the 4 Dec card to say it is off", |f| {
        let body = f.stored_message(card.message)?;
        let title = body["embeds"][0]["title"].as_str()?.to_owned();
        let no_buttons = body["components"].as_array().is_none_or(|c| c.is_empty());
        (title.starts_with("No longer scheduled") && no_buttons).then_some(())
    })
    .await;

    // Weekly Thursdays from 1 Jan: every second Thursday is kept with its claim, without asking.
    claim(&fake, 7, "Opener", "2027-01-14").await;
    let jan14 = on_date(&bot, "2027-01-14").await;
    let weekly = fake
        .run(
            &Invocation::new("gathering reschedule", &Member::manager(1))
                .opt("series", series_id(&bot).await)
                .opt("frequency", "weekly")
                .opt("day", "thursday")
                .opt("from_date", "2027-01-01"),
        )
        .await;
    assert!(text_of(&weekly).contains("Done"), "{weekly}");
    let kept = on_date(&bot, "2027-01-14").await;
    assert_eq!(kept.id, jan14.id, "the row stays");
    assert_eq!(
        bot.store.holders(kept.id).await.unwrap(),
        [("Opener".to_owned(), MemberRef(7))]
    );
    assert_ne!(
        kept.series, jan14.series,
        "it belongs to the continuing series"
    );
    on_date(&bot, "2027-01-07").await;
    on_date(&bot, "2027-01-21").await;
    assert_eq!(
        on_date(&bot, "2026-12-10").await.series,
        jan14.series,
        "before from_date"
    );
    ics_matches_the_calendar(&fake, &bot, utc(2027, 7, 1, 0)).await;

    // Back to monthly on the second Thursday from 1 Feb: the second Thursdays keep their rows and
    // claims; the other Thursdays vanish, and only their people are told.
    claim(&fake, 8, "Opener", "2027-02-11").await;
    claim(&fake, 9, "Opener", "2027-02-18").await;
    let feb11 = on_date(&bot, "2027-02-11").await;
    let feb18 = on_date(&bot, "2027-02-18").await;
    let monthly = Invocation::new("gathering reschedule", &Member::manager(1))
        .opt("series", series_id(&bot).await)
        .opt("frequency", "monthly")
        .opt("day", "thursday")
        .opt("week", "second")
        .opt("from_date", "2027-02-01");
    let preview = fake.run(&monthly).await;
    let text = text_of(&preview);
    let (withdrawn, kept) = text.split_once("**Kept**").unwrap_or((&text, ""));
    assert!(
        withdrawn.contains("Thu 4 Feb 2027") && withdrawn.contains("Thu 18 Feb 2027"),
        "{text}"
    );
    assert!(
        !withdrawn.contains("Thu 11 Feb 2027") && kept.contains("Thu 11 Feb 2027"),
        "kept, not withdrawn: {text}"
    );
    let confirmed = fake.click_private(
        &Member::manager(1),
        CHANNEL,
        &button(&preview, "Confirm the new rhythm"),
    );
    assert!(text_of(&fake.response_to(confirmed).await).contains("Done"));
    // Found by what it says, not by its place: under load the weekly notice can still be on its way
    // and go out in the same batch, in either order.
    let notice = fake
        .wait_for("the notice of the rhythm from 1 Feb", |f| {
            f.created_messages()
                .into_iter()
                .map(|(_, body)| serde_json::json!({ "data": body }))
                .find(|n| {
                    n["data"]["embeds"][0]["title"] == "New rhythm"
                        && text_of(n).contains("from Mon 1 Feb 2027")
                })
        })
        .await;
    let said = text_of(&notice);
    assert!(
        said.contains("Thu 18 Feb 2027") && !said.contains("Thu 11 Feb 2027"),
        "{said}"
    );
    assert_eq!(pinged(&notice), BTreeSet::from([9]), "{said}");
    let kept = on_date(&bot, "2027-02-11").await;
    assert_eq!(kept.id, feb11.id, "the second Thursday keeps its row");
    assert_eq!(
        bot.store.holders(kept.id).await.unwrap(),
        [("Opener".to_owned(), MemberRef(8))]
    );
    let gone = all(&bot)
        .await
        .into_iter()
        .find(|g| g.id == feb18.id)
        .unwrap();
    assert_eq!(gone.status, Status::Withdrawn);
    assert!(bot.store.holders(feb18.id).await.unwrap().is_empty());
    let dates = ics_matches_the_calendar(&fake, &bot, utc(2027, 7, 1, 0)).await;
    assert!(dates.contains(&feb11.start.timestamp()));
    assert!(!dates.contains(&feb18.start.timestamp()));

    bot.stop().await;
    fake.assert_spec_clean();
}

#[tokio::test]
async fn the_agenda_of_one_gathering_changes_alone_and_a_held_role_goes_only_after_a_confirmation()
{
    for db in TestDb::both().await {
        one_agenda_on(db).await;
    }
}

fn labels(answer: &Value) -> Vec<String> {
    answer["data"]["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .filter_map(|b| b["label"].as_str().map(str::to_owned))
        .collect()
}

async fn roles_on(bot: &RunningBot, date: &str) -> Vec<String> {
    let community = bot
        .store
        .community_in_channel(ChannelRef(CHANNEL))
        .await
        .unwrap()
        .unwrap();
    let g = on_date(bot, date).await;
    bot.store
        .agenda_roles(g.id, &community.template)
        .await
        .unwrap()
        .roles()
        .to_vec()
}

async fn one_agenda_on(db: TestDb) {
    let fake = FakeDiscord::start().await;
    let bot =
        RunningBot::start_with_clock(&fake, db.url(), TestClock::at(utc(2026, 11, 24, 10))).await;
    community(&fake).await;
    fake.run(&first_fridays(None)).await; // 4 Dec, 1 Jan…
    claim(&fake, 4, "Opener", "2026-12-04").await;
    let agenda = |who: Member, action: &str, name: &str| {
        Invocation::new("role agenda", &who)
            .opt("gathering", "2026-12-04")
            .opt("action", action)
            .opt("name", name)
    };

    let refused = fake
        .run(&agenda(Member::regular(4), "add", "Timekeeper"))
        .await;
    assert!(text_of(&refused).contains("Only organizers"), "{refused}");
    let added = fake
        .run(&agenda(Member::manager(1), "add", "Timekeeper"))
        .await;
    assert!(text_of(&added).contains("Added **Timekeeper**"), "{added}");
    let twice = fake
        .run(&agenda(Member::manager(1), "add", "timekeeper"))
        .await;
    assert!(text_of(&twice).contains("already on the agenda"), "{twice}");
    let long = fake
        .run(&agenda(Member::manager(1), "add", &"x".repeat(51)))
        .await;
    assert!(text_of(&long).contains("50 or fewer"), "{long}");
    let unknown = fake
        .run(&agenda(Member::manager(1), "remove", "Juggler"))
        .await;
    assert!(
        text_of(&unknown).contains("not a role on this agenda"),
        "{unknown}"
    );
    let open = fake
        .run(&agenda(Member::manager(1), "remove", "Evaluation"))
        .await;
    assert!(text_of(&open).contains("Removed **Evaluation**"), "{open}");
    let card = fake
        .run(&Invocation::new("gathering next", &Member::regular(9)))
        .await;
    let shown = labels(&card);
    assert!(
        shown.contains(&"Claim Timekeeper".to_owned())
            && !shown.contains(&"Claim Evaluation".to_owned()),
        "{shown:?}"
    );
    let jan = roles_on(&bot, "2027-01-01").await;
    assert!(jan.contains(&"Evaluation".to_owned()) && !jan.contains(&"Timekeeper".to_owned()));

    // A held role: the organizer is asked first, and nothing changes until they confirm.
    let asked = fake
        .run(&agenda(Member::manager(1), "remove", "Opener"))
        .await;
    assert!(
        is_ephemeral(&asked) && text_of(&asked).contains("is held by <@4>"),
        "{asked}"
    );
    assert!(roles_on(&bot, "2026-12-04")
        .await
        .contains(&"Opener".to_owned()));
    let confirm = button(&asked, "Remove the role and tell them");
    let stranger = fake.click_private(&Member::regular(9), CHANNEL, &confirm);
    assert!(text_of(&fake.response_to(stranger).await).contains("organizer"));
    assert_eq!(
        bot.store
            .holders(on_date(&bot, "2026-12-04").await.id)
            .await
            .unwrap()
            .len(),
        1
    );
    let done = fake.click_private(&Member::manager(1), CHANNEL, &confirm);
    assert!(text_of(&fake.response_to(done).await).contains("Removed **Opener**"));
    let told = fake
        .wait_for("the holder told", |f| {
            f.requests().into_iter().find(|r| {
                r.method == "POST"
                    && r.path.starts_with("/webhooks/")
                    && r.body.as_ref().is_some_and(|b| {
                        b["content"]
                            .as_str()
                            .is_some_and(|t| t.contains("is no longer on the agenda"))
                    })
            })
        })
        .await;
    let body = told.body.unwrap();
    assert_eq!(
        body["allowed_mentions"]["users"],
        serde_json::json!(["4"]),
        "{body}"
    );
    let dec = on_date(&bot, "2026-12-04").await;
    assert!(bot.store.holders(dec.id).await.unwrap().is_empty());
    assert!(!roles_on(&bot, "2026-12-04")
        .await
        .contains(&"Opener".to_owned()));

    // A template edit leaves the agenda set for that date as it is, and reaches the others.
    let scribe = fake
        .run(&Invocation::new("role template add", &Member::manager(1)).opt("name", "Scribe"))
        .await;
    assert!(text_of(&scribe).contains("set for that date"), "{scribe}");
    assert!(!roles_on(&bot, "2026-12-04")
        .await
        .contains(&"Scribe".to_owned()));
    assert!(roles_on(&bot, "2027-01-01")
        .await
        .contains(&"Scribe".to_owned()));

    bot.stop().await;
    fake.assert_spec_clean();
}

#[tokio::test]
async fn forget_me_and_end_series_redraw_the_living_cards_they_change() {
    let db = TestDb::sqlite();
    let fake = FakeDiscord::start().await;
    let bot =
        RunningBot::start_with_clock(&fake, db.url(), TestClock::at(utc(2026, 11, 24, 10))).await;
    community(&fake).await;
    fake.run(&first_fridays(None)).await;
    let dec = on_date(&bot, "2026-12-04").await;
    let community = bot
        .store
        .community_in_channel(ChannelRef(CHANNEL))
        .await
        .unwrap()
        .unwrap();
    let mut card = None;
    for _ in 0..200 {
        card = bot.store.living_card(community.id, dec.id).await.unwrap();
        if card.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    let card = card.expect("the card posted after scheduling").message;
    claim(&fake, 4, "Opener", "2026-12-04").await;
    going(&fake, 4, "2026-12-04").await;
    let shows = |f: &FakeDiscord, what: &str| {
        f.stored_message(card)
            .map(|b| b.to_string().contains(what))
            .unwrap_or(false)
    };
    fake.wait_for("the card to show the claim", |f| {
        shows(f, "<@4>").then_some(())
    })
    .await;
    let asked = fake
        .run(&Invocation::new("forget-me", &Member::regular(4)))
        .await;
    let forget = button(&asked, "Forget me in this server");
    let done = fake.click_private(&Member::regular(4), CHANNEL, &forget);
    assert!(text_of(&fake.response_to(done).await).contains("Done"));
    fake.wait_for("the card to forget the member", |f| {
        (!shows(f, "<@4>")).then_some(())
    })
    .await;
    let ended = fake
        .run(
            &Invocation::new("gathering end-series", &Member::manager(1))
                .opt("series", series_id(&bot).await),
        )
        .await;
    assert!(text_of(&ended).contains("ends here"), "{ended}");
    fake.wait_for("the card to say it is off", |f| {
        let body = f.stored_message(card)?;
        let off = body["embeds"][0]["title"]
            .as_str()
            .is_some_and(|t| t.starts_with("No longer scheduled"));
        let no_buttons = body["components"].as_array().is_none_or(|c| c.is_empty());
        (off && no_buttons).then_some(())
    })
    .await;
    bot.stop().await;
    fake.assert_spec_clean();
}
