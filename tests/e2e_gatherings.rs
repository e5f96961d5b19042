//! End to end: scheduling, one-offs, moves, cancellations, calendar, .ics and Discord scheduled events.

mod support;

use chrono::{DateTime, TimeZone, Utc};
use support::bot::{RunningBot, TestClock};
use support::db::TestDb;
use support::fake_discord::{FakeDiscord, Invocation, Member};
use support::fixtures::posted_notice;
use support::ics::expand_ics;
use support::replies::{assert_pings_nobody, full_timestamps, is_ephemeral, text_of};

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
}

fn now() -> DateTime<Utc> {
    utc(2026, 11, 24, 12, 0)
}

async fn community(fake: &FakeDiscord, zone: &str) {
    let setup = Invocation::new("community setup", &Member::manager(1))
        .opt("name", "Facilitation Circle")
        .opt("timezone", zone);
    let answer = fake.run(&setup).await;
    assert!(!is_ephemeral(&answer), "{answer}");
}

fn schedule(title: &str) -> Invocation {
    Invocation::new("gathering schedule", &Member::manager(1)).opt("title", title)
}

fn first_friday_phoenix() -> Invocation {
    schedule("Monthly practice session")
        .opt("frequency", "monthly")
        .opt("day", "friday")
        .opt("week", "first")
        .opt("start", "1:00pm")
        .opt("end", "4:00pm")
        .opt("first_date", "2027-01-01")
        .opt("location", "123 N Central Ave, Phoenix")
}

#[tokio::test]
async fn schedule_answers_publicly_with_the_first_six_dates_as_exact_timestamps() {
    let fake = FakeDiscord::start().await;
    let db = TestDb::sqlite();
    let bot = RunningBot::start_with_clock(&fake, db.url(), TestClock::at(now())).await;
    community(&fake, "America/Phoenix").await;

    let answer = fake.run(&first_friday_phoenix()).await;
    assert!(!is_ephemeral(&answer), "{answer}");
    assert_pings_nobody(&answer);
    let text = text_of(&answer);
    assert!(
        text.contains("Monthly on the first Friday, 13:00–16:00 (America/Phoenix)"),
        "{text}"
    );
    let want: Vec<i64> = [(1, 1), (2, 5), (3, 5), (4, 2), (5, 7), (6, 4)]
        .iter()
        .map(|(m, d)| utc(2027, *m, *d, 20, 0).timestamp())
        .collect();
    assert_eq!(full_timestamps(&text), want, "{text}");

    let list = text_of(
        &fake
            .run(&Invocation::new("gathering list", &Member::regular(5)).opt("count", 3))
            .await,
    );
    assert_eq!(full_timestamps(&list), want[..3], "{list}");

    let next = fake
        .run(&Invocation::new("gathering next", &Member::regular(5)))
        .await;
    assert!(!is_ephemeral(&next), "the agenda card is for the group");
    let card = text_of(&next);
    assert!(
        card.contains("Fri 1 Jan 2027, 13:00–16:00 America/Phoenix")
            && card.contains("123 N Central Ave"),
        "{card}"
    );
    assert_eq!(full_timestamps(&card)[0], want[0]);

    bot.stop().await;
    fake.assert_spec_clean();
}

#[tokio::test]
async fn organizer_commands_are_refused_to_members_and_bad_input_stores_nothing() {
    let fake = FakeDiscord::start().await;
    let db = TestDb::sqlite();
    let bot = RunningBot::start_with_clock(&fake, db.url(), TestClock::at(now())).await;
    community(&fake, "America/Phoenix").await;

    let mut as_member = first_friday_phoenix();
    as_member.member = Member::regular(9);
    let refused = fake.run(&as_member).await;
    assert!(is_ephemeral(&refused));
    assert!(
        text_of(&refused).contains("Only organizers")
            && text_of(&refused).contains("Manage Server")
    );

    let base = || {
        schedule("Session")
            .opt("frequency", "monthly")
            .opt("day", "friday")
            .opt("week", "first")
    };
    let cases: Vec<(Invocation, &str)> = vec![
        (base().opt("start", "25:00").opt("end", "16:00"), "00 to 23"),
        (base().opt("start", "16:00").opt("end", "13:00"), "01:00+1"),
        (
            base()
                .opt("start", "13:00")
                .opt("end", "16:00")
                .opt("first_date", "2026-02-30"),
            "YYYY-MM-DD",
        ),
        (
            base()
                .opt("start", "13:00")
                .opt("end", "16:00")
                .opt("months", "octt,jan"),
            "oct,jan,apr",
        ),
        (
            base()
                .opt("start", "13:00")
                .opt("end", "16:00")
                .opt("first_date", "2025-01-01"),
            "more than one period",
        ),
        (
            schedule(&"x".repeat(101))
                .opt("frequency", "weekly")
                .opt("day", "monday")
                .opt("start", "9")
                .opt("end", "10"),
            "100 or fewer",
        ),
        (
            base()
                .opt("start", "13:00")
                .opt("end", "16:00")
                .opt("location", "y".repeat(201)),
            "200 or fewer",
        ),
        (
            schedule("S")
                .opt("frequency", "weekly")
                .opt("day", "monday")
                .opt("week", "first")
                .opt("start", "9")
                .opt("end", "10"),
            "only applies to monthly and yearly",
        ),
        (
            schedule("S")
                .opt("frequency", "monthly")
                .opt("day", "monday")
                .opt("start", "9")
                .opt("end", "10"),
            "need `week`",
        ),
    ];
    for (invocation, hint) in cases {
        let answer = fake.run(&invocation).await;
        assert!(is_ephemeral(&answer), "{hint}");
        assert!(
            text_of(&answer).contains(hint),
            "expected `{hint}` in {}",
            text_of(&answer)
        );
    }
    let add_bad = Invocation::new("gathering add", &Member::manager(1))
        .opt("date", "2026-11-01")
        .opt("start", "9")
        .opt("end", "10");
    assert!(text_of(&fake.run(&add_bad).await).contains("in the past"));
    let community = bot
        .store
        .community_in_channel(steward::domain::ids::ChannelRef(
            support::fake_discord::interactions::CHANNEL,
        ))
        .await
        .unwrap()
        .unwrap();
    assert!(
        bot.store.series_of(community.id).await.unwrap().is_empty(),
        "nothing stored"
    );
    assert!(
        bot.store
            .all_gatherings(community.id)
            .await
            .unwrap()
            .is_empty(),
        "nothing stored"
    );

    bot.stop().await;
    fake.assert_spec_clean();
}

fn events_by_start(fake: &FakeDiscord) -> Vec<(String, i64)> {
    let mut events: Vec<(String, i64)> = fake
        .scheduled_events()
        .values()
        .map(|e| {
            (
                e["scheduled_start_time"].as_str().unwrap_or("").to_owned(),
                e["status"].as_i64().unwrap_or(0),
            )
        })
        .collect();
    events.sort();
    events
}

async fn choice_for(fake: &FakeDiscord, command: &str, typed: &str) -> String {
    let ask = Invocation::new(command, &Member::manager(1)).autocomplete("gathering", typed);
    let answer = fake.run(&ask).await;
    let choices = answer["data"]["choices"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        choices.len(),
        1,
        "one gathering matches `{typed}`: {answer}"
    );
    choices[0]["value"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn move_and_cancel_update_the_list_calendar_ics_and_scheduled_events() {
    let fake = FakeDiscord::start().await;
    let db = TestDb::sqlite();
    let bot = RunningBot::start_with_clock(&fake, db.url(), TestClock::at(now())).await;
    community(&fake, "America/New_York").await;
    let weekly = schedule("Peer supervision")
        .opt("frequency", "weekly")
        .opt("day", "monday")
        .opt("start", "09:00")
        .opt("end", "10:30")
        .opt("location", "Room 4");
    fake.run(&weekly).await;

    // Mondays within 35 days of 24 Nov are mirrored as events: 30 Nov … 28 Dec.
    fake.wait_for("five scheduled events", |f| {
        (f.scheduled_events().len() == 5).then_some(())
    })
    .await;
    let starts: Vec<String> = events_by_start(&fake).into_iter().map(|(s, _)| s).collect();
    assert_eq!(starts[0], "2026-11-30T14:00:00.000Z");
    assert_eq!(starts[4], "2026-12-28T14:00:00.000Z");

    // Move 30 Nov to Tue 1 Dec, 18:00 (length unchanged), picked from autocomplete.
    let id = choice_for(&fake, "gathering move", "30 Nov").await;
    let moved = Invocation::new("gathering move", &Member::manager(1))
        .opt("gathering", id)
        .opt("new_date", "2026-12-01")
        .opt("start", "18:00")
        .opt("reason", "Room double-booked");
    let confirmation = fake.run(&moved).await;
    assert!(
        is_ephemeral(&confirmation),
        "the organizer gets a private confirmation"
    );
    let notice = posted_notice(&fake, "Gathering moved", 0).await;
    assert_eq!(
        notice["data"]["enforce_nonce"], true,
        "a change notice is a post, sent exactly once"
    );
    let text = text_of(&notice);
    assert!(text.contains("Room double-booked"), "{text}");
    assert_eq!(
        full_timestamps(&text),
        [
            utc(2026, 11, 30, 14, 0).timestamp(),
            utc(2026, 12, 1, 23, 0).timestamp()
        ]
    );

    // Cancel 7 Dec by typing its date.
    let cancelled = Invocation::new("gathering cancel", &Member::manager(1))
        .opt("gathering", "2026-12-07")
        .opt("reason", "Holiday");
    fake.run(&cancelled).await;
    assert!(
        text_of(&posted_notice(&fake, "Gathering cancelled", 0).await).contains("is cancelled")
    );

    let list = text_of(
        &fake
            .run(&Invocation::new("gathering list", &Member::regular(3)).opt("count", 3))
            .await,
    );
    assert_eq!(
        full_timestamps(&list),
        [
            utc(2026, 12, 1, 23, 0),
            utc(2026, 12, 14, 14, 0),
            utc(2026, 12, 21, 14, 0)
        ]
        .map(|t| t.timestamp()),
        "{list}"
    );
    assert!(list.contains("*moved*"));

    let calendar = text_of(
        &fake
            .run(&Invocation::new("gathering calendar", &Member::regular(3)))
            .await,
    );
    assert!(
        calendar.contains("~~`Mon 07 Dec`") && calendar.contains("*cancelled*"),
        "{calendar}"
    );
    assert!(
        calendar.contains("`Tue 01 Dec`") && calendar.contains("*moved*"),
        "{calendar}"
    );

    fake.wait_for(
        "the moved event to move and the cancelled one to be cancelled",
        |f| {
            let events = events_by_start(f);
            let moved = events
                .iter()
                .any(|(s, st)| s == "2026-12-01T23:00:00.000Z" && *st == 1);
            let cancelled = events
                .iter()
                .any(|(s, st)| s == "2026-12-07T14:00:00.000Z" && *st == 4);
            (moved && cancelled).then_some(())
        },
    )
    .await;

    bot.stop().await;
    fake.assert_spec_clean();
}

#[tokio::test]
async fn a_missing_manage_events_permission_is_told_to_organizers_once_and_shown_in_info() {
    let fake = FakeDiscord::start().await;
    let db = TestDb::sqlite();
    let bot = RunningBot::start_with_clock(&fake, db.url(), TestClock::at(now())).await;
    community(&fake, "Europe/London").await;
    fake.inject("POST", "/guilds/", 403, 0.0);
    let add = |date: &str| {
        Invocation::new("gathering add", &Member::manager(1))
            .opt("date", date)
            .opt("start", "18:00")
            .opt("end", "19:30")
    };
    fake.run(&add("2026-12-02")).await;
    fake.wait_for("the refused event", |f| {
        f.requests().iter().any(|r| r.status == 403).then_some(())
    })
    .await;

    // The bot records the problem just after Discord's answer: look until it shows (at most 5 s).
    let mut info = String::new();
    for _ in 0..50 {
        info = text_of(
            &fake
                .run(&Invocation::new("community info", &Member::regular(2)))
                .await,
        );
        if info.contains("Manage Events") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(info.contains("Manage Events"), "{info}");

    // The next organizer command gets a one-time private note; the one after does not.
    let id = fake.invoke(&add("2026-12-09"));
    let problem_told = fake
        .wait_for("the follow-up note", |f| {
            f.requests()
                .into_iter()
                .find(|r| r.path.starts_with("/webhooks/") && r.method == "POST")
                .and_then(|r| r.body)
        })
        .await;
    assert_eq!(problem_told["flags"], 64, "{problem_told}");
    assert!(problem_told["content"]
        .as_str()
        .unwrap()
        .contains("Manage Events"));
    fake.response_to(id).await;
    let followups = |f: &FakeDiscord| {
        f.requests()
            .iter()
            .filter(|r| r.path.starts_with("/webhooks/") && r.method == "POST")
            .count()
    };
    fake.run(&add("2026-12-16")).await;
    assert_eq!(followups(&fake), 1, "told once");

    bot.stop().await;
    fake.assert_spec_clean();
}

#[tokio::test]
async fn end_series_takes_future_dates_off_the_calendar() {
    let fake = FakeDiscord::start().await;
    let db = TestDb::sqlite();
    let clock = TestClock::at(now());
    let bot = RunningBot::start_with_clock(&fake, db.url(), clock.clone()).await;
    community(&fake, "Europe/London").await;
    let weekly = schedule("Study group")
        .opt("frequency", "weekly")
        .opt("day", "thursday")
        .opt("start", "19:00")
        .opt("end", "20:00");
    fake.run(&weekly).await;
    clock.set(utc(2026, 12, 4, 12, 0));

    let ask = Invocation::new("gathering end-series", &Member::manager(1))
        .autocomplete("series", "study");
    let choices = fake.run(&ask).await["data"]["choices"].clone();
    let value = choices[0]["value"]
        .as_str()
        .expect("a series to choose")
        .to_owned();
    let ended = fake
        .run(
            &Invocation::new("gathering end-series", &Member::manager(1))
                .opt("series", value.clone()),
        )
        .await;
    assert!(text_of(&ended).contains("ends here"), "{}", text_of(&ended));
    let list = fake
        .run(&Invocation::new("gathering list", &Member::regular(2)))
        .await;
    assert!(
        text_of(&list).contains("No gatherings coming up"),
        "{}",
        text_of(&list)
    );
    let calendar = text_of(
        &fake
            .run(&Invocation::new("gathering calendar", &Member::regular(2)))
            .await,
    );
    assert!(
        calendar.contains("2026 calendar") && calendar.contains("(2 dates)"),
        "26 Nov and 3 Dec stay: {calendar}"
    );
    let again = fake
        .run(&Invocation::new("gathering end-series", &Member::manager(1)).opt("series", value))
        .await;
    assert!(text_of(&again).contains("already ended"));

    bot.stop().await;
    fake.assert_spec_clean();
}

/// RFC 5545 §3.2.19: every TZID an event names is defined by a VTIMEZONE (§3.6.5) in the same file,
/// once, before the first event, with STANDARD/DAYLIGHT observances whose onsets reach back to the
/// earliest event and on to the year of the latest one.
fn assert_every_tzid_has_a_vtimezone(text: &str) {
    let unfolded = icalendar::parser::unfold(text);
    let calendar = icalendar::parser::read_calendar(&unfolded).expect("the .ics parses");
    let zones: Vec<&icalendar::parser::Component> = calendar
        .components
        .iter()
        .filter(|c| c.name.as_str() == "VTIMEZONE")
        .collect();
    let events: Vec<&icalendar::parser::Component> = calendar
        .components
        .iter()
        .filter(|c| c.name.as_str() == "VEVENT")
        .collect();
    let defined: Vec<&str> = zones
        .iter()
        .map(|z| {
            z.find_prop("TZID")
                .expect("a VTIMEZONE has a TZID")
                .val
                .as_str()
        })
        .collect();
    let mut used: Vec<&str> = events
        .iter()
        .flat_map(|e| e.properties.iter())
        .flat_map(|p| p.params.iter())
        .filter(|x| x.key.as_str() == "TZID")
        .map(|x| x.val.as_ref().expect("TZID has a value").as_str())
        .collect();
    used.sort();
    used.dedup();
    assert!(!used.is_empty(), "the events name their zone: {text}");
    for tzid in &used {
        assert_eq!(
            defined.iter().filter(|d| *d == tzid).count(),
            1,
            "one VTIMEZONE for TZID={tzid}: {text}"
        );
    }
    let first_zone = calendar
        .components
        .iter()
        .position(|c| c.name.as_str() == "VTIMEZONE");
    let first_event = calendar
        .components
        .iter()
        .position(|c| c.name.as_str() == "VEVENT");
    assert!(
        matches!((first_zone, first_event), (Some(z), Some(e)) if z < e),
        "VTIMEZONE before the events: {text}"
    );

    let event_starts: Vec<&str> = events
        .iter()
        .filter_map(|e| e.find_prop("DTSTART"))
        .map(|p| p.val.as_str())
        .collect();
    for zone in &zones {
        let observances: Vec<&icalendar::parser::Component> = zone
            .components
            .iter()
            .filter(|c| matches!(c.name.as_str(), "STANDARD" | "DAYLIGHT"))
            .collect();
        assert!(
            !observances.is_empty(),
            "a VTIMEZONE has observances: {text}"
        );
        let mut onsets = Vec::new();
        for o in &observances {
            for name in ["DTSTART", "TZOFFSETFROM", "TZOFFSETTO"] {
                assert!(
                    o.find_prop(name).is_some(),
                    "{name} in every observance: {text}"
                );
            }
            let onset = o.find_prop("DTSTART").expect("DTSTART").val.as_str();
            assert!(!onset.ends_with('Z'), "onsets are local times: {onset}");
            onsets.push(onset);
        }
        // Same-format local times compare as text.
        let earliest_event = event_starts.iter().min().expect("events");
        let latest_event = event_starts.iter().max().expect("events");
        assert!(
            onsets.iter().min().expect("onsets") <= earliest_event,
            "an observance covers {earliest_event}: {onsets:?}"
        );
        let latest_year = latest_event.chars().take(4).collect::<String>();
        assert!(
            onsets.iter().any(|o| o.starts_with(&latest_year)),
            "observances reach {latest_year}: {onsets:?}"
        );
    }
    // New York's offsets, as the tz database gives them.
    let daylight = zones
        .iter()
        .flat_map(|z| z.components.iter())
        .find(|c| c.name.as_str() == "DAYLIGHT")
        .expect("New York has daylight saving time");
    assert_eq!(
        daylight.find_prop("TZOFFSETFROM").map(|p| p.val.as_str()),
        Some("-0500")
    );
    assert_eq!(
        daylight.find_prop("TZOFFSETTO").map(|p| p.val.as_str()),
        Some("-0400")
    );
    assert_eq!(
        daylight.find_prop("TZNAME").map(|p| p.val.as_str()),
        Some("EDT")
    );
}

#[tokio::test]
async fn the_ics_export_parses_and_its_occurrences_match_the_bots_own_list() {
    let fake = FakeDiscord::start().await;
    let db = TestDb::sqlite();
    let bot = RunningBot::start_with_clock(&fake, db.url(), TestClock::at(now())).await;
    community(&fake, "America/New_York").await;
    fake.run(
        &schedule("Peer supervision")
            .opt("frequency", "weekly")
            .opt("day", "monday")
            .opt("start", "09:00")
            .opt("end", "10:30"),
    )
    .await;
    let mut monthly = first_friday_phoenix();
    monthly.options.retain(|(name, _)| name != "location");
    fake.run(&monthly.opt("location", "Library; room 2, upstairs"))
        .await;
    fake.run(
        &Invocation::new("gathering add", &Member::manager(1))
            .opt("date", "2027-02-14")
            .opt("start", "10am")
            .opt("end", "12pm")
            .opt("title", "Spring retreat"),
    )
    .await;
    let id = choice_for(&fake, "gathering move", "7 Dec").await;
    fake.run(
        &Invocation::new("gathering move", &Member::manager(1))
            .opt("gathering", id)
            .opt("new_date", "2026-12-08"),
    )
    .await;
    fake.run(
        &Invocation::new("gathering cancel", &Member::manager(1)).opt("gathering", "2026-12-14"),
    )
    .await;

    let id = fake.invoke(&Invocation::new("gathering export", &Member::regular(2)));
    let answer = fake.response_to(id).await;
    assert!(is_ephemeral(&answer));
    let files = fake.files_of(id);
    assert_eq!(files.len(), 1, "one attachment");
    assert!(files[0].0.ends_with(".ics"), "{}", files[0].0);
    let text = String::from_utf8(files[0].1.clone()).unwrap();
    assert!(text.contains("RRULE:FREQ=WEEKLY;BYDAY=MO\r\n"), "{text}");
    assert!(
        text.contains("LOCATION:Library\\; room 2\\, upstairs"),
        "{text}"
    );
    assert_every_tzid_has_a_vtimezone(&text);

    let until = utc(2027, 6, 1, 0, 0);
    let from_ics: Vec<i64> = expand_ics(&text, until)
        .into_iter()
        .filter(|t| *t >= now().timestamp())
        .collect();
    let community = bot
        .store
        .community_in_channel(steward::domain::ids::ChannelRef(
            support::fake_discord::interactions::CHANNEL,
        ))
        .await
        .unwrap()
        .unwrap();
    let mut bots: Vec<i64> = bot
        .store
        .gatherings_between(community.id, now(), until)
        .await
        .unwrap()
        .into_iter()
        .filter(|g| g.status.is_on())
        .map(|g| g.start.timestamp())
        .collect();
    bots.sort();
    assert_eq!(from_ics, bots);
    assert!(
        bots.contains(&utc(2026, 12, 8, 14, 0).timestamp())
            && !bots.contains(&utc(2026, 12, 14, 14, 0).timestamp())
    );

    bot.stop().await;
    fake.assert_spec_clean();
}

#[tokio::test]
async fn the_guild_calendar_merges_every_community_of_the_server() {
    let fake = FakeDiscord::start().await;
    let db = TestDb::sqlite();
    let bot = RunningBot::start_with_clock(&fake, db.url(), TestClock::at(now())).await;
    community(&fake, "America/Edmonton").await;
    let other = support::fake_discord::interactions::CHANNEL + 1;
    let setup = Invocation::new("community setup", &Member::manager(1))
        .opt("name", "Region North")
        .opt("timezone", "America/Edmonton")
        .in_channel(other);
    fake.run(&setup).await;
    let add = |title: &str, date: &str| {
        Invocation::new("gathering add", &Member::manager(1))
            .opt("date", date)
            .opt("start", "10:00")
            .opt("end", "12:00")
            .opt("title", title)
    };
    fake.run(&add("Fall convening", "2026-12-05")).await;
    fake.run(&add("Winter convening", "2026-12-12").in_channel(other))
        .await;

    let mine = text_of(
        &fake
            .run(&Invocation::new("gathering calendar", &Member::regular(2)))
            .await,
    );
    assert!(
        mine.contains("Fall convening") && !mine.contains("Winter convening"),
        "{mine}"
    );
    let all = Invocation::new("gathering calendar", &Member::regular(2))
        .opt("scope", "guild")
        .opt("public", true);
    let answer = fake.run(&all).await;
    assert!(!is_ephemeral(&answer), "public:true posts for the channel");
    let text = text_of(&answer);
    assert!(
        text.contains("[Facilitation Circle] Fall convening")
            && text.contains("[Region North] Winter convening"),
        "{text}"
    );

    bot.stop().await;
    fake.assert_spec_clean();
}
