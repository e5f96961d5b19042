//! End to end: what an operator, a hostile member and a busy database do to the bot. Every interaction is
//! acknowledged within Discord's 3 seconds while another process holds SQLite's write lock; non-ASCII input
//! to every option and form field gets a private answer; a note never reaches another community's search
//! (on SQLite and PostgreSQL);
//! refused scheduled-event requests are not retried on every change, and one guild's failing rows do not
//! hold up another's; a post whose answer was lost is not posted twice after the nonce window.

mod support;

use chrono::{DateTime, Duration, TimeZone, Utc};
use std::sync::Arc;
use steward::clock::SystemClock;
use steward::domain::community::{CommunityName, Settings};
use steward::domain::ids::{ChannelRef, GuildRef, MemberRef};
use steward::domain::notes::NoteKind;
use steward::store::{NewNote, NewOccurrence, Store};
use support::bot::{RunningBot, TestClock};
use support::db::TestDb;
use support::fake_discord::interactions::{CHANNEL, GUILD};
use support::fake_discord::{FakeDiscord, Invocation, Member};
use support::notes::{form_id, submit};
use support::replies::{is_ephemeral, text_of};

const OTHER_CHANNEL: u64 = CHANNEL + 1;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap()
}

/// A community in Phoenix with one gathering on Fri 4 Dec 2026, 13:00–16:00; returns its id.
async fn community_with_a_gathering(fake: &FakeDiscord, store: &Store) -> i64 {
    support::fixtures::community_with_a_gathering(fake).await;
    let community = store
        .community_in_channel(ChannelRef(CHANNEL))
        .await
        .unwrap()
        .unwrap();
    store.all_gatherings(community.id).await.unwrap()[0].id.0
}

/// Takes SQLite's write lock from another connection (as a second process would) and holds it for
/// `hold`; the returned task releases it.
async fn hold_write_lock(url: &str, hold: std::time::Duration) -> tokio::task::JoinHandle<()> {
    let pool = sqlx::AnyPool::connect(&format!("{url}?mode=rw"))
        .await
        .unwrap();
    let mut conn = pool.acquire().await.unwrap();
    sqlx::query("BEGIN IMMEDIATE")
        .execute(&mut *conn)
        .await
        .unwrap();
    tokio::spawn(async move {
        tokio::time::sleep(hold).await;
        sqlx::query("COMMIT").execute(&mut *conn).await.unwrap();
        drop(conn);
        pool.close().await;
    })
}

const NOTE: [(&str, &str); 5] = [
    ("title", "Opening with a one-word round"),
    ("kind", "best practice"),
    ("tags", "check-in"),
    ("body", "Each person says one word about how they arrive."),
    ("link", ""),
];

#[tokio::test]
async fn every_interaction_is_answered_within_three_seconds_while_the_database_is_locked() {
    let fake = FakeDiscord::start().await;
    let db = TestDb::sqlite();
    let bot = RunningBot::start_with_clock(&fake, db.url(), TestClock::at(now())).await;
    let g = community_with_a_gathering(&fake, &bot.store).await;
    let form = fake
        .run(&Invocation::new("note add", &Member::regular(9)).opt("kind", "story"))
        .await;
    let form = form_id(&form);
    let fields: Vec<(String, String)> = NOTE
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();

    let lock = hold_write_lock(db.url(), std::time::Duration::from_secs(5)).await;
    let rsvp = fake.click(&Member::regular(7), CHANNEL, &format!("st:rsvp:{g}:going"));
    let claim = fake.click(&Member::regular(8), CHANNEL, &format!("st:claim:{g}:0"));
    let note = fake.submit_form(&Member::regular(9), CHANNEL, &form, &fields);
    let organizer = fake.invoke(
        &Invocation::new("community settings", &Member::manager(1)).opt("reminders", "3d,1d"),
    );
    let export = fake.invoke(&Invocation::new("note export", &Member::regular(7)));

    let rsvp_answer = fake.response_to(rsvp).await;
    let claim_answer = fake.response_to(claim).await;
    let note_answer = fake.response_to(note).await;
    let organizer_answer = fake.response_to(organizer).await;
    let export_answer = fake.response_to(export).await;
    for (what, id) in [
        ("RSVP click", rsvp),
        ("Claim click", claim),
        ("note form", note),
        ("settings", organizer),
        ("export", export),
    ] {
        let delay = fake.answer_delay(id).expect("acknowledged");
        eprintln!("{what}: acknowledged after {delay:?}");
        assert!(
            delay < std::time::Duration::from_secs(3),
            "{what} acknowledged after {delay:?}"
        );
    }
    lock.await.unwrap();

    assert_eq!(rsvp_answer["type"], 7, "the card is edited: {rsvp_answer}");
    assert!(
        rsvp_answer["deferred"] == true,
        "the RSVP waited for the lock: {rsvp_answer}"
    );
    assert!(text_of(&rsvp_answer).contains("<@7>"), "{rsvp_answer}");
    assert!(text_of(&claim_answer).contains("<@8>"), "{claim_answer}");
    assert!(!is_ephemeral(&note_answer), "{note_answer}");
    assert!(text_of(&note_answer).contains("archived"), "{note_answer}");
    assert!(is_ephemeral(&organizer_answer), "{organizer_answer}");
    assert!(
        text_of(&organizer_answer).contains("3 days"),
        "{organizer_answer}"
    );
    assert!(!text_of(&export_answer).is_empty(), "{export_answer}");

    // Stored once each.
    let store = &bot.store;
    let gathering = steward::domain::gathering::GatheringId(g);
    assert_eq!(store.rsvps(gathering).await.unwrap().len(), 1);
    assert_eq!(store.holders(gathering).await.unwrap().len(), 1);
    let community = store
        .community_in_channel(ChannelRef(CHANNEL))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(store.all_notes(community.id).await.unwrap().len(), 1);
    fake.assert_spec_clean();
    bot.stop().await;
}

#[tokio::test]
async fn non_ascii_input_to_every_option_and_form_field_gets_a_private_answer() {
    let fake = FakeDiscord::start().await;
    let db = TestDb::sqlite();
    let bot = RunningBot::start_with_clock(&fake, db.url(), TestClock::at(now())).await;
    let g = community_with_a_gathering(&fake, &bot.store).await;
    let organizer = Member::manager(1);
    let member = Member::regular(5);
    let settings = |option: &str, value: &str| {
        Invocation::new("community settings", &organizer).opt(option, value)
    };
    let add = |date: &str, start: &str, end: &str| {
        Invocation::new("gathering add", &organizer)
            .opt("date", date)
            .opt("start", start)
            .opt("end", end)
    };
    let schedule =
        |title: &str, start: &str, end: &str, months: Option<&str>, first: Option<&str>| {
            let mut inv = Invocation::new("gathering schedule", &organizer)
                .opt("title", title)
                .opt("frequency", "monthly")
                .opt("day", "friday")
                .opt("week", "first")
                .opt("start", start)
                .opt("end", end);
            if let Some(m) = months {
                inv = inv.opt("months", m);
            }
            if let Some(f) = first {
                inv = inv.opt("first_date", f);
            }
            inv
        };
    let cases: Vec<(&str, Invocation)> = vec![
        (
            "community name of zero-width spaces",
            settings("name", "\u{200B}\u{200B}"),
        ),
        (
            "time zone in Cyrillic",
            settings("timezone", "Европа/Москва"),
        ),
        ("reminder with a Cyrillic unit", settings("reminders", "1д")),
        ("reminders with a CJK unit", settings("reminders", "7d,1日")),
        (
            "role prompt with a Cyrillic day",
            settings("role_prompt", "0 0 10 * * Пн"),
        ),
        (
            "role prompt every second",
            settings("role_prompt", "* * * * * *"),
        ),
        (
            "date with Arabic-Indic digits",
            add("2026-12-0٣", "1pm", "4pm"),
        ),
        (
            "start with a Cyrillic letter",
            add("2026-12-05", "13:00ж", "16:00"),
        ),
        (
            "end with Arabic-Indic digits",
            add("2026-12-05", "1pm", "٤pm"),
        ),
        (
            "title of a Braille blank",
            add("2026-12-05", "1pm", "4pm").opt("title", "\u{2800}"),
        ),
        (
            "title of emoji only, bad start",
            schedule("🌱🌱", "☀", "16:00", None, None),
        ),
        (
            "months in Cyrillic",
            schedule("Circle", "13:00", "16:00", Some("янв,фев"), None),
        ),
        (
            "first date in CJK numerals",
            schedule("Circle", "13:00", "16:00", None, Some("二〇二六-一二-〇一")),
        ),
        (
            "move to a date in Devanagari digits",
            Invocation::new("gathering move", &organizer)
                .opt("gathering", g.to_string())
                .opt("new_date", "२०२६-१२-०५"),
        ),
        (
            "move with a reason over 200 characters",
            Invocation::new("gathering move", &organizer)
                .opt("gathering", g.to_string())
                .opt("new_date", "2026-12-05")
                .opt("reason", "é".repeat(201)),
        ),
        (
            "gathering named in Chinese",
            Invocation::new("gathering cancel", &organizer).opt("gathering", "十二月"),
        ),
        (
            "role name of zero-width spaces",
            Invocation::new("role template add", &organizer).opt("name", "\u{200B}"),
        ),
        (
            "role name that duplicates with a zero-width space",
            Invocation::new("role template add", &organizer).opt("name", "Opener\u{200B}"),
        ),
        (
            "unknown role in Cyrillic",
            Invocation::new("role claim", &member).opt("role", "Открыватель"),
        ),
        (
            "search of invisible characters",
            Invocation::new("note search", &member).opt("query", "\u{200B}\u{FEFF}"),
        ),
        (
            "tag filter starting with a combining mark",
            Invocation::new("note list", &member).opt("tag", "\u{0903}ab"),
        ),
        (
            "note id in Arabic-Indic digits",
            Invocation::new("note show", &member).opt("id", "٣"),
        ),
    ];
    for (what, invocation) in cases {
        let answer = fake.run(&invocation).await;
        assert!(is_ephemeral(&answer), "{what}: {answer}");
        assert!(!text_of(&answer).trim().is_empty(), "{what}: {answer}");
    }

    let every_second = fake.run(&settings("role_prompt", "* * * * * *")).await;
    assert!(is_ephemeral(&every_second), "{every_second}");
    assert!(
        text_of(&every_second).contains("at most once an hour"),
        "{every_second}"
    );
    let form = fake
        .run(&Invocation::new("note add", &member).opt("kind", "story"))
        .await;
    let form = form_id(&form);
    for (field, value) in [
        ("title", "\u{2800}\u{200B}"),
        ("kind", "история"),
        ("tags", "\u{0903}ab"),
        ("body", "\u{200B}"),
        ("link", "ftp://ü.example"),
    ] {
        let mut fields: Vec<(&str, &str)> =
            NOTE.iter().copied().filter(|(k, _)| *k != field).collect();
        fields.push((field, value));
        let refused = submit(&fake, &member, CHANNEL, &form, &fields).await;
        assert!(is_ephemeral(&refused), "{field}: {refused}");
        assert!(
            text_of(&refused).contains("Nothing was saved"),
            "{field}: {refused}"
        );
    }
    let community = bot
        .store
        .community_in_channel(ChannelRef(CHANNEL))
        .await
        .unwrap()
        .unwrap();
    assert!(bot.store.all_notes(community.id).await.unwrap().is_empty());
    assert_eq!(community.template.roles().len(), 5, "no role was added");
    fake.assert_spec_clean();
    bot.stop().await;
}

#[tokio::test]
async fn a_note_of_one_community_is_never_found_from_another() {
    for db in TestDb::both().await {
        let fake = FakeDiscord::start().await;
        let bot = RunningBot::start_with_clock(&fake, db.url(), TestClock::at(now())).await;
        for (channel, name) in [(CHANNEL, "Circle"), (OTHER_CHANNEL, "Elsewhere")] {
            let setup = Invocation::new("community setup", &Member::manager(1))
                .opt("name", name)
                .opt("timezone", "Europe/Lisbon")
                .in_channel(channel);
            fake.run(&setup).await;
        }
        let victim = bot
            .store
            .community_in_channel(ChannelRef(CHANNEL))
            .await
            .unwrap()
            .unwrap();
        let attacker = Member::regular(66);
        let form = fake
            .run(
                &Invocation::new("note add", &attacker)
                    .opt("kind", "story")
                    .in_channel(OTHER_CHANNEL),
            )
            .await;
        let form = form_id(&form);
        // A tag that FTS5's tokenizer would split into `x` and the victim's community token `c<id>`.
        let hostile = format!("x\u{0903}c{}", victim.id.0);
        let tags = format!("{hostile}, secretplan");
        let fields: Vec<(&str, &str)> = vec![
            ("title", "Secret plan"),
            ("kind", "story"),
            ("tags", tags.as_str()),
            ("body", "Our secret circle round."),
            ("link", ""),
        ];
        let archived = submit(&fake, &attacker, OTHER_CHANNEL, &form, &fields).await;
        assert!(text_of(&archived).contains("archived"), "{archived}");
        // And one stored directly, with a bare `c<id>` tag too.
        let other = bot
            .store
            .community_in_channel(ChannelRef(OTHER_CHANNEL))
            .await
            .unwrap()
            .unwrap();
        let forged = NewNote {
            kind: NoteKind::Story,
            title: "Forged secret".into(),
            body: "Another secret circle round.".into(),
            tags: vec![hostile.clone(), format!("c{}", victim.id.0)],
            author: MemberRef(66),
            author_name: "x".into(),
            archived_by: None,
            gathering: None,
            source_url: None,
        };
        bot.store.add_note(other.id, &forged, now()).await.unwrap();

        let member = Member::regular(2);
        for query in ["secret", "circle round", "secret plan"] {
            let found = fake
                .run(&Invocation::new("note search", &member).opt("query", query))
                .await;
            let text = text_of(&found);
            assert!(
                !text.contains("Secret plan") && !text.contains("Forged"),
                "`{query}`: {text}"
            );
            assert!(!text.contains("<@66>"), "`{query}`: {text}");
        }
        let listed = fake.run(&Invocation::new("note list", &member)).await;
        assert!(!text_of(&listed).contains("ecret"), "{listed}");
        let tags = fake
            .run(
                &Invocation::new("note add", &member)
                    .opt("kind", "story")
                    .autocomplete("tags", "sec"),
            )
            .await;
        assert_eq!(tags["data"]["choices"], serde_json::json!([]), "{tags}");
        let ids = fake
            .run(&Invocation::new("note show", &member).autocomplete("id", "secret"))
            .await;
        assert_eq!(ids["data"]["choices"], serde_json::json!([]), "{ids}");
        // The attacker's own community finds it.
        let theirs = fake
            .run(
                &Invocation::new("note search", &attacker)
                    .opt("query", "secret")
                    .in_channel(OTHER_CHANNEL),
            )
            .await;
        assert!(text_of(&theirs).contains("Secret plan"), "{theirs}");
        fake.assert_spec_clean();
        bot.stop().await;
    }
}

fn event_requests(fake: &FakeDiscord, guild: u64) -> usize {
    let prefix = format!("/guilds/{guild}/scheduled-events");
    fake.requests()
        .iter()
        .filter(|r| r.path.starts_with(&prefix) && r.method != "GET")
        .count()
}

#[tokio::test]
async fn refused_event_requests_are_not_retried_on_every_change() {
    let fake = FakeDiscord::start().await;
    fake.refuse_always("POST", &format!("/guilds/{GUILD}/scheduled-events"), 403);
    let db = TestDb::sqlite();
    let clock = TestClock::at(now());
    let bot = RunningBot::start_with_clock(&fake, db.url(), clock.clone()).await;
    community_with_a_gathering(&fake, &bot.store).await;
    fake.wait_for("the first refused event", |f| {
        (event_requests(f, GUILD) > 0).then_some(())
    })
    .await;
    let organizer = Member::manager(1);
    for i in 0..10 {
        let command = if i % 2 == 0 {
            Invocation::new("community settings", &organizer)
                .opt("reminders", if i % 4 == 0 { "3d,1d" } else { "7d,1d" })
        } else {
            Invocation::new("gathering add", &organizer)
                .opt("date", format!("2026-12-{:02}", 10 + i))
                .opt("start", "1pm")
                .opt("end", "2pm")
        };
        fake.run(&command).await;
    }
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    let sent = event_requests(&fake, GUILD);
    eprintln!("{sent} event requests for 10 changes while Discord refuses them");
    assert!(
        sent <= 2,
        "{sent} event requests for 10 changes while Discord refuses them"
    );
    let info = fake
        .run(&Invocation::new("community info", &Member::regular(3)))
        .await;
    assert!(text_of(&info).contains("Manage Events"), "{info}");

    // An hour later the next pass probes once; once Discord accepts, the events are created.
    clock.set(now() + Duration::minutes(61));
    fake.run(&Invocation::new("community settings", &organizer).opt("reminders", "3d,1d"))
        .await;
    let probed = fake
        .wait_for("the hourly probe", |f| {
            let now_sent = event_requests(f, GUILD);
            (now_sent > sent).then_some(now_sent)
        })
        .await;
    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    assert_eq!(
        event_requests(&fake, GUILD),
        probed,
        "one probe, not a retry of every row"
    );
    assert_eq!(probed, sent + 1);
    fake.assert_spec_clean();
    bot.stop().await;
}

#[tokio::test]
async fn sixty_failing_rows_in_one_guild_do_not_hold_up_another_guilds_events() {
    let fake = FakeDiscord::start().await;
    let db = TestDb::sqlite();
    let other_guild = GUILD + 7;
    let start = Utc::now();
    {
        let store = Store::open(db.url(), 2).await.unwrap();
        let settings = Settings::new(
            CommunityName::parse("Busy").unwrap(),
            chrono_tz::Europe::London,
            None,
        );
        let busy = store
            .create_community(GuildRef(GUILD), ChannelRef(CHANNEL), &settings, start)
            .await
            .unwrap()
            .unwrap();
        for i in 0..60 {
            let at = start + Duration::hours(12 * (i + 1));
            let occurrence = NewOccurrence {
                series: None,
                start: at,
                end: at + Duration::hours(1),
                title: format!("Busy {i}"),
                location: None,
            };
            store
                .add_gathering(busy.id, &occurrence, start)
                .await
                .unwrap();
        }
        let quiet = store
            .create_community(
                GuildRef(other_guild),
                ChannelRef(OTHER_CHANNEL),
                &settings,
                start,
            )
            .await
            .unwrap()
            .unwrap();
        let at = start + Duration::days(33);
        let occurrence = NewOccurrence {
            series: None,
            start: at,
            end: at + Duration::hours(1),
            title: "Quiet".into(),
            location: Some("Room 2".into()),
        };
        store
            .add_gathering(quiet.id, &occurrence, start)
            .await
            .unwrap();
        store.close().await;
    }
    // Refused for good (400: Discord will refuse them again until something changes).
    fake.refuse_always("*", &format!("/guilds/{GUILD}/"), 400);
    let bot = RunningBot::start_with_clock(&fake, db.url(), Arc::new(SystemClock)).await;
    let other_guild_id = other_guild.to_string();
    let created = fake
        .wait_for("the other guild's event", |f| {
            f.scheduled_events()
                .values()
                .find(|e| e["guild_id"].as_str() == Some(other_guild_id.as_str()))
                .cloned()
        })
        .await;
    assert_eq!(created["name"], "Quiet");
    let failing = event_requests(&fake, GUILD);
    eprintln!(
        "{failing} requests for the failing guild before the other guild's event was created"
    );
    assert!(
        failing <= steward::discord::events::GUILD_REQUESTS_PER_HOUR as usize,
        "{failing} requests for the failing guild"
    );
    bot.stop().await;
    fake.assert_spec_clean();
}

#[tokio::test]
async fn a_server_that_removed_the_bot_is_left_alone_until_it_adds_it_again() {
    let fake = FakeDiscord::start().await;
    let db = TestDb::sqlite();
    let bot = RunningBot::start_with_clock(&fake, db.url(), TestClock::at(now())).await;
    community_with_a_gathering(&fake, &bot.store).await;
    fake.wait_for("the first event", |f| {
        (!f.scheduled_events().is_empty()).then_some(())
    })
    .await;
    let before = event_requests(&fake, GUILD);
    fake.dispatch(
        "GUILD_DELETE",
        serde_json::json!({"id": GUILD.to_string(), "unavailable": false}),
    );
    let pool = sqlx::AnyPool::connect(&format!("{}?mode=rw", db.url()))
        .await
        .unwrap();
    for _ in 0..100 {
        let gone: i64 = sqlx::query_scalar("SELECT MAX(events_gone) FROM communities")
            .fetch_one(&pool)
            .await
            .unwrap();
        if gone == 1 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    // A change (which wakes the mirror) finds nothing to do there.
    let add = Invocation::new("gathering add", &Member::manager(1))
        .opt("date", "2026-12-11")
        .opt("start", "1pm")
        .opt("end", "2pm");
    fake.run(&add).await;
    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    assert_eq!(
        event_requests(&fake, GUILD),
        before,
        "no event request for a server that removed the bot"
    );
    pool.close().await;
    fake.assert_spec_clean();
    bot.stop().await;
}

#[tokio::test]
async fn event_locations_are_cut_to_discords_limit_and_text_channels_are_refused() {
    let fake = FakeDiscord::start().await;
    fake.add_voice_channel(456);
    let db = TestDb::sqlite();
    let bot = RunningBot::start_with_clock(&fake, db.url(), TestClock::at(now())).await;
    support::fixtures::community_with_a_gathering(&fake).await;
    let organizer = Member::manager(1);
    let add = |day: u32, location: &str| {
        Invocation::new("gathering add", &organizer)
            .opt("date", format!("2026-12-{day:02}"))
            .opt("start", "1pm")
            .opt("end", "2pm")
            .opt("title", format!("On the {day}"))
            .opt("location", location)
    };
    let refused = fake.run(&add(7, "<#123>")).await;
    assert!(is_ephemeral(&refused), "{refused}");
    assert!(
        text_of(&refused).contains("not a voice channel"),
        "{refused}"
    );
    let voice = fake.run(&add(8, "<#456>")).await;
    assert!(!is_ephemeral(&voice), "{voice}");
    let long = "Salle communautaire, 200 rue Principale, ".repeat(4);
    let long = long.trim();
    assert!(long.chars().count() > 100 && long.chars().count() <= 200);
    fake.run(&add(9, long)).await;
    let events = fake
        .wait_for("three events", |f| {
            let events = f.scheduled_events();
            (events.len() >= 3).then_some(events)
        })
        .await;
    let by_name = |name: &str| {
        events
            .values()
            .find(|e| e["name"] == name)
            .cloned()
            .unwrap_or_else(|| panic!("no event {name}: {events:?}"))
    };
    assert_eq!(by_name("On the 8")["channel_id"], "456");
    let place = by_name("On the 9")["entity_metadata"]["location"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(place.chars().count() <= 100, "{place}");
    assert!(place.starts_with("Salle communautaire"), "{place}");
    let stored = bot
        .store
        .community_in_channel(ChannelRef(CHANNEL))
        .await
        .unwrap()
        .unwrap();
    let kept = bot.store.all_gatherings(stored.id).await.unwrap();
    assert!(
        kept.iter().any(|g| g.location.as_deref() == Some(long)),
        "the gathering keeps its full place"
    );
    fake.assert_spec_clean();
    bot.stop().await;
}

#[tokio::test]
async fn automatic_posts_are_capped_per_channel_and_hour() {
    let fake = FakeDiscord::start().await;
    let db = TestDb::sqlite();
    let store = Store::open(db.url(), 2).await.unwrap();
    support::fixtures::plan_burst(&store, 40, Utc::now() - Duration::seconds(1)).await;
    store.close().await;
    let posts = steward::config::PostsConfig {
        lease_seconds: 3,
        retry_base_ms: 100,
        ..Default::default()
    };
    let cap = posts.channel_posts_per_hour as usize;
    let bot = RunningBot::start_with_posts(&fake, db.url(), Arc::new(SystemClock), posts).await;
    fake.wait_for("the hour's posts", |f| {
        (f.created_messages().len() >= cap).then_some(())
    })
    .await;
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    assert_eq!(
        fake.created_messages().len(),
        cap,
        "held back beyond the cap"
    );
    let held: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM posts WHERE idem_key LIKE 'burst:%' AND sent_at IS NULL AND dropped_at IS NULL",
    )
    .fetch_one(&sqlx::AnyPool::connect(&format!("{}?mode=rw", db.url())).await.unwrap())
    .await
    .unwrap();
    assert_eq!(held as usize, 40 - cap, "the rest wait, not dropped");
    fake.assert_spec_clean();
    bot.stop().await;
}

#[tokio::test]
async fn without_read_message_history_a_post_that_needs_the_check_waits_and_organizers_are_told() {
    let fake = FakeDiscord::start().await;
    let without_history = support::fake_discord::interactions::perms::APP & !(1 << 16);
    fake.set_app_permissions(without_history);
    let db = TestDb::sqlite();
    let posts = steward::config::PostsConfig {
        lease_seconds: 3,
        retry_base_ms: 100,
        nonce_window_seconds: 0,
        ..Default::default()
    };
    let bot = RunningBot::start_with_posts(&fake, db.url(), Arc::new(SystemClock), posts).await;
    let setup = Invocation::new("community setup", &Member::manager(1))
        .opt("name", "Circle")
        .opt("timezone", "Europe/London");
    fake.run(&setup).await;
    let community = bot
        .store
        .community_in_channel(ChannelRef(CHANNEL))
        .await
        .unwrap()
        .unwrap();
    for _ in 0..50 {
        if bot.store.bot_permissions(community.id).await.unwrap() == Some(without_history) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(
        bot.store.bot_permissions(community.id).await.unwrap(),
        Some(without_history),
        "the interaction's app_permissions are recorded"
    );
    // The gathering the card shows exists before the card is due (an engine that wakes on its own
    // must not find nothing to say and drop it).
    let add = |days: i64| {
        Invocation::new("gathering add", &Member::manager(1))
            .opt(
                "date",
                (Utc::now() + Duration::days(days))
                    .format("%Y-%m-%d")
                    .to_string(),
            )
            .opt("start", "1pm")
            .opt("end", "2pm")
    };
    fake.run(&add(20)).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let posted_before = fake.created_messages().len();
    // The card's first attempt reaches Discord but its answer is lost: the resend must look first.
    fake.lose_answer("POST", &format!("/channels/{CHANNEL}/messages"), 500);
    let card = steward::domain::posts::PlannedPost {
        kind: steward::domain::posts::PostKind::AgendaCard,
        key: "held:0".into(),
        due: Utc::now() - Duration::seconds(1),
    };
    bot.store
        .plan_posts(community.id, None, &[card], Utc::now())
        .await
        .unwrap();
    // A change wakes the engine, which finds the card due.
    fake.run(&add(21)).await;
    let mut problem = None;
    for _ in 0..100 {
        problem = bot.store.posts_problem(community.id).await.unwrap();
        if problem.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let problem = problem.expect("organizers are told");
    // Kept as the message, read in each organizer's language.
    let problem = steward::i18n::render_stored(steward::i18n::Lang::En, &problem);
    assert!(problem.contains("Read Message History"), "{problem}");
    let info = fake
        .run(&Invocation::new("community info", &Member::manager(1)))
        .await;
    assert!(text_of(&info).contains("Read Message History"), "{info}");
    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    let cards = fake
        .created_messages()
        .iter()
        .skip(posted_before)
        .filter(|(_, body)| body["embeds"].to_string().contains("#p"))
        .count();
    assert_eq!(cards, 1, "posted once (the lost answer), not again blind");
    fake.assert_spec_clean();
    bot.stop().await;
}

#[tokio::test]
async fn a_post_whose_answer_was_lost_is_not_posted_again_after_the_nonce_window() {
    let fake = FakeDiscord::start().await;
    // Discord's nonce is forgotten at once, and the engine trusts it for no time at all: every resend
    // after a lost answer must look in the channel first.
    fake.set_nonce_window(std::time::Duration::ZERO);
    fake.lose_answer("POST", &format!("/channels/{CHANNEL}/messages"), 500);
    let db = TestDb::sqlite();
    let store = Store::open(db.url(), 2).await.unwrap();
    support::fixtures::plan_burst(&store, 1, Utc::now() - Duration::seconds(1)).await;
    store.close().await;
    let posts = steward::config::PostsConfig {
        lease_seconds: 3,
        retry_base_ms: 100,
        nonce_window_seconds: 0,
        ..Default::default()
    };
    let bot = RunningBot::start_with_posts(&fake, db.url(), Arc::new(SystemClock), posts).await;
    fake.wait_for("the engine to look for its post", |f| {
        f.requests()
            .iter()
            .any(|r| r.method == "GET" && r.path == format!("/channels/{CHANNEL}/messages"))
            .then_some(())
    })
    .await;
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    let posted = fake
        .created_messages()
        .iter()
        .filter(|(nonce, _)| nonce.is_some())
        .count();
    assert_eq!(posted, 1, "the post went out once");
    let pending: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM posts WHERE idem_key = 'burst:0' AND sent_at IS NULL",
    )
    .fetch_one(
        &sqlx::AnyPool::connect(&format!("{}?mode=rw", db.url()))
            .await
            .unwrap(),
    )
    .await
    .unwrap();
    assert_eq!(pending, 0, "and is marked sent");
    fake.assert_spec_clean();
    bot.stop().await;
}
