//! End to end: finding and exporting practice notes. Search by a word of the body with filters and paging
//! buttons, listings, query syntax typed into the search, isolation between communities, and exports that
//! parse back (CSV and JSON round trip, Markdown grouped by gathering).

mod support;

use support::app::TestApp;

use chrono::{Duration, TimeZone, Utc};
use steward::domain::ids::{ChannelRef, MemberRef};
use steward::domain::note_export::ExportNote;
use steward::domain::notes::NoteKind;
use steward::store::{NewNote, Store};
use support::bot::{RunningBot, TestClock};
use support::db::TestDb;
use support::fake_discord::interactions::CHANNEL;
use support::fake_discord::{FakeDiscord, Invocation, Member};
use support::notes::button;
use support::replies::{is_ephemeral, text_of};

const OTHER_CHANNEL: u64 = CHANNEL + 1;

async fn two_communities(fake: &FakeDiscord) {
    for (channel, name) in [(CHANNEL, "Circle"), (OTHER_CHANNEL, "Elsewhere")] {
        let setup = Invocation::new("community setup", &Member::manager(1))
            .opt("name", name)
            .opt("timezone", "Europe/Lisbon")
            .in_channel(channel);
        fake.run(&setup).await;
    }
}

/// Archives `count` notes in the community of `channel`, one minute apart, titled `{prefix} {i}`.
async fn archive(store: &Store, channel: u64, count: usize, prefix: &str, body: &str) {
    let community = store
        .community_in_channel(ChannelRef(channel))
        .await
        .unwrap()
        .unwrap();
    for i in 0..count {
        let note = NewNote {
            kind: if i % 2 == 0 {
                NoteKind::Story
            } else {
                NoteKind::Resource
            },
            title: format!("{prefix} {i}"),
            body: body.to_owned(),
            tags: if i % 3 == 0 {
                vec!["circle".to_owned()]
            } else {
                vec![]
            },
            author: MemberRef(if i < 5 { 50 } else { 51 }),
            author_name: "Ana".to_owned(),
            archived_by: None,
            gathering: None,
            source_url: None,
        };
        let at = Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap() + Duration::minutes(i as i64);
        store.add_note(community.id, &note, at).await.unwrap();
    }
}

fn titles_shown(answer: &serde_json::Value) -> usize {
    text_of(answer).matches("**#").count()
}

#[tokio::test]
async fn search_pages_ten_at_a_time_with_buttons_and_filters_narrow_it() {
    for db in TestDb::both().await {
        let fake = FakeDiscord::start().await;
        let bot = RunningBot::start_with_clock(&fake, db.url(), TestClock::at(Utc::now())).await;
        two_communities(&fake).await;
        archive(
            &bot.store,
            CHANNEL,
            23,
            "Round",
            "We opened with a check-in round and it worked.",
        )
        .await;
        archive(
            &bot.store,
            CHANNEL,
            2,
            "Garden",
            "Nothing about that word here.",
        )
        .await;

        let first = fake
            .run(
                &Invocation::new("note search", &Member::regular(2)).opt("query", "check-in round"),
            )
            .await;
        assert!(is_ephemeral(&first));
        assert_eq!(titles_shown(&first), 10, "{}", text_of(&first));
        assert!(button(&first, "◀ Previous").is_none());
        let next = button(&first, "Next ▶").expect("a Next button");
        let second = fake
            .response_to(fake.click(&Member::regular(2), CHANNEL, &next))
            .await;
        assert_eq!(second["type"], 7, "the page changes in place");
        assert_eq!(titles_shown(&second), 10);
        let footer = second["data"]["embeds"][0]["footer"]["text"]
            .as_str()
            .unwrap();
        assert!(footer.starts_with("Page 2 · notes 11–20"), "{footer}");
        let third = fake
            .response_to(fake.click(
                &Member::regular(2),
                CHANNEL,
                &button(&second, "Next ▶").unwrap(),
            ))
            .await;
        assert_eq!(titles_shown(&third), 3);
        assert!(button(&third, "Next ▶").is_none(), "no page after the last");
        let back = fake
            .response_to(fake.click(
                &Member::regular(2),
                CHANNEL,
                &button(&third, "◀ Previous").unwrap(),
            ))
            .await;
        assert_eq!(
            text_of(&back),
            text_of(&second),
            "paging back shows the same page"
        );
        assert!(!text_of(&first).contains("Garden") && !text_of(&third).contains("Garden"));

        let count = |inv: Invocation| {
            let fake = &fake;
            async move { titles_shown(&fake.run(&inv).await) }
        };
        let search = || Invocation::new("note search", &Member::regular(2)).opt("query", "round");
        assert_eq!(
            count(search().opt("kind", "resource")).await,
            10,
            "11 resources: a full first page"
        );
        assert_eq!(count(search().opt("tag", "#Circle")).await, 8, "0,3,…,21");
        assert_eq!(count(search().opt("author", "50")).await, 5);
        assert_eq!(
            count(search().opt("kind", "story").opt("author", "50")).await,
            3
        );

        let newest = fake
            .run(&Invocation::new("note list", &Member::regular(2)))
            .await;
        let text = text_of(&newest);
        assert!(
            text.find("Round 22").unwrap() < text.find("Round 21").unwrap(),
            "newest first: {text}"
        );
        assert!(text.contains("newest first"));
        assert!(button(&newest, "Next ▶").is_some());

        // A paging button of this community does nothing in another one.
        let elsewhere = fake
            .response_to(fake.click(&Member::regular(2), OTHER_CHANNEL, &next))
            .await;
        assert!(is_ephemeral(&elsewhere), "{elsewhere}");
        assert!(!text_of(&elsewhere).contains("Round"));
        fake.assert_spec_clean();
        bot.stop().await;
    }
}

#[tokio::test]
async fn typed_query_syntax_never_errors_or_leaks_and_ids_stay_in_their_community() {
    for db in TestDb::both().await {
        let fake = FakeDiscord::start().await;
        let bot = RunningBot::start_with_clock(&fake, db.url(), TestClock::at(Utc::now())).await;
        two_communities(&fake).await;
        archive(
            &bot.store,
            CHANNEL,
            1,
            "Ours",
            "A round near the end of the evening.",
        )
        .await;
        archive(
            &bot.store,
            OTHER_CHANNEL,
            1,
            "Theirs",
            "Secret round notes of another community.",
        )
        .await;

        for attack in [
            "\"round",
            "round*",
            "NEAR(round end)",
            "-round",
            "title:round",
            "round OR secret",
            "'; DROP TABLE notes; --",
            "round\" OR \"1\"=\"1",
            "(round",
            "^round",
            "%",
            "_",
        ] {
            let answer = fake
                .run(&Invocation::new("note search", &Member::regular(2)).opt("query", attack))
                .await;
            let text = text_of(&answer);
            assert!(is_ephemeral(&answer), "`{attack}`: {answer}");
            assert!(
                !text.contains("Something went wrong"),
                "`{attack}` failed: {text}"
            );
            assert!(
                !text.contains("Theirs") && !text.contains("Secret"),
                "`{attack}` leaked: {text}"
            );
        }
        let found = fake
            .run(&Invocation::new("note search", &Member::regular(2)).opt("query", "round*"))
            .await;
        assert!(
            text_of(&found).contains("Ours"),
            "quoted words still match: {}",
            text_of(&found)
        );

        // Note 2 belongs to the other community: from here it does not exist.
        for command in ["note show", "note edit", "note delete"] {
            let answer = fake
                .run(&Invocation::new(command, &Member::manager(1)).opt("id", "2"))
                .await;
            assert!(
                text_of(&answer).contains("no note `2`"),
                "{command}: {answer}"
            );
        }
        let delete_theirs = fake
            .response_to(fake.click(&Member::manager(1), CHANNEL, "sn:delete:2"))
            .await;
        assert!(
            text_of(&delete_theirs).contains("already deleted"),
            "{delete_theirs}"
        );
        let theirs = fake
            .run(
                &Invocation::new("note show", &Member::regular(2))
                    .opt("id", "2")
                    .in_channel(OTHER_CHANNEL),
            )
            .await;
        assert!(text_of(&theirs).contains("Theirs"), "still there: {theirs}");
        fake.assert_spec_clean();
        bot.stop().await;
    }
}

#[tokio::test]
async fn exports_parse_back_csv_and_json_round_trip_markdown_groups_by_gathering() {
    let fake = FakeDiscord::start().await;
    let db = TestDb::sqlite();
    let clock = TestClock::at(Utc.with_ymd_and_hms(2026, 11, 1, 12, 0, 0).unwrap());
    let bot = RunningBot::start_with_clock(&fake, db.url(), clock.clone()).await;
    two_communities(&fake).await;
    fake.run(
        &Invocation::new("gathering add", &Member::manager(1))
            .opt("date", "2026-11-20")
            .opt("start", "18:00")
            .opt("end", "20:00")
            .opt("title", "November circle"),
    )
    .await;
    clock.set(Utc.with_ymd_and_hms(2026, 11, 21, 12, 0, 0).unwrap());
    let body = "Line one, with a comma\nand \"quotes\" — 👋 مرحبا 你好\n- a list item\n=SUM(A1)";
    let form = fake
        .run(&Invocation::new("note add", &Member::regular(7)).opt("kind", "evaluation"))
        .await;
    let fields = [
        ("title", "What we learned"),
        ("kind", "evaluation"),
        ("tags", "review"),
        ("body", body),
        ("link", "https://example.org/x"),
    ];
    support::notes::submit(
        &fake,
        &Member::regular(7),
        CHANNEL,
        &support::notes::form_id(&form),
        &fields,
    )
    .await;
    archive(&bot.store, CHANNEL, 2, "Loose", "Between gatherings.").await;
    archive(&bot.store, OTHER_CHANNEL, 1, "Theirs", "Not exported here.").await;

    let export = |format: &'static str| {
        let fake = &fake;
        async move {
            let id = fake
                .invoke(&Invocation::new("note export", &Member::regular(2)).opt("format", format));
            let answer = fake.response_to(id).await;
            assert!(is_ephemeral(&answer), "{answer}");
            let files = fake.files_of(id);
            assert_eq!(files.len(), 1, "{format}: one file");
            (
                files[0].0.clone(),
                String::from_utf8(files[0].1.clone()).unwrap(),
            )
        }
    };
    let (name, json) = export("json").await;
    assert_eq!(name, "practice-notes.json");
    let notes: Vec<ExportNote> = serde_json::from_str(&json).unwrap();
    assert_eq!(notes.len(), 3, "only this community's notes");
    let ours = notes.iter().find(|n| n.title == "What we learned").unwrap();
    assert_eq!(ours.body, body, "exactly as archived");
    assert_eq!(ours.tags, ["review"]);
    assert_eq!(ours.author_id, "7");
    assert_eq!(ours.gathering.as_ref().unwrap().title, "November circle");
    assert_eq!(ours.source_url.as_deref(), Some("https://example.org/x"));

    let (name, csv_text) = export("csv").await;
    assert_eq!(name, "practice-notes.csv");
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3);
    let row = rows.iter().find(|r| &r[2] == "What we learned").unwrap();
    assert_eq!(
        &row[3], body,
        "the body round-trips (it does not start with a formula sign)"
    );
    assert_eq!(&row[8], "November circle");
    assert_eq!(&row[9], "2026-11-20");
    for (i, n) in notes.iter().enumerate() {
        let r = rows
            .iter()
            .find(|r| r[0] == n.id.to_string())
            .unwrap_or_else(|| panic!("row {i}"));
        assert_eq!(
            (&r[1], &r[2], &r[6]),
            (n.kind.as_str(), n.title.as_str(), n.author_name.as_str())
        );
    }

    let (name, md) = export("markdown").await;
    assert_eq!(name, "practice-notes.md");
    let gathering = md.find("## November circle — 2026-11-20").expect(&md);
    let loose = md.find("## Between gatherings").expect(&md);
    assert!(
        gathering < loose && md.contains("### #1 · What we learned"),
        "{md}"
    );
    assert!(md.contains("*evaluation* · by "), "{md}");
    fake.assert_spec_clean();
    bot.stop().await;
}

#[tokio::test]
async fn an_export_larger_than_the_upload_limit_is_compressed_or_split_within_it() {
    let fake = FakeDiscord::start().await;
    let db = TestDb::sqlite();
    let bot = RunningBot::start_with_clock(&fake, db.url(), TestClock::at(Utc::now())).await;
    two_communities(&fake).await;
    // Text that compresses well: 40 notes of ~3,600 bytes, about 150 kB of JSON.
    archive(
        &bot.store,
        CHANNEL,
        40,
        "Repeated",
        &"the same practice again ".repeat(150),
    )
    .await;
    fake.set_upload_limit(60_000);
    let id =
        fake.invoke(&Invocation::new("note export", &Member::regular(2)).opt("format", "json"));
    let answer = fake.response_to(id).await;
    let files = fake.files_of(id);
    assert_eq!(files.len(), 1, "{answer}");
    assert_eq!(files[0].0, "practice-notes.json.gz");
    assert!(files[0].1.len() <= 60_000);
    assert!(
        text_of(&answer).contains("compressed with gzip"),
        "{}",
        text_of(&answer)
    );
    let mut json = String::new();
    std::io::Read::read_to_string(
        &mut flate2::read::GzDecoder::new(&files[0].1[..]),
        &mut json,
    )
    .unwrap();
    assert_eq!(
        serde_json::from_str::<Vec<ExportNote>>(&json)
            .unwrap()
            .len(),
        40
    );

    // Text that does not compress enough: parts split between notes, every note exactly once.
    let mut seed = 7u64;
    for _ in 0..40 {
        let noise: String = (0..3000)
            .map(|_| {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                char::from(b'a' + ((seed >> 33) % 26) as u8)
            })
            .collect();
        archive(&bot.store, CHANNEL, 1, "Noise", &noise).await;
    }
    fake.set_upload_limit(40_000);
    let id = fake.invoke(&Invocation::new("note export", &Member::regular(2)).opt("format", "csv"));
    let answer = fake.response_to(id).await;
    // Parts beyond what one message may carry (10 files, the upload limit in all) follow in more
    // messages: wait for every part the card announces.
    let announced: usize = text_of(&answer)
        .split("split into ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .expect("the card says into how many parts");
    let files = fake
        .wait_for("every part of the export", |f| {
            let files = f.files_of(id);
            (files.len() == announced).then_some(files)
        })
        .await;
    assert!(files.len() > 1, "{answer}");
    assert!(text_of(&answer).contains(&format!("split into {} parts", files.len())));
    let mut rows = 0;
    for (name, bytes) in &files {
        assert!(bytes.len() <= 40_000, "{name}: {} bytes", bytes.len());
        let text = if name.ends_with(".gz") {
            let mut out = String::new();
            std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&bytes[..]), &mut out)
                .unwrap();
            out
        } else {
            String::from_utf8(bytes.clone()).unwrap()
        };
        rows += csv::Reader::from_reader(text.as_bytes()).records().count();
    }
    assert_eq!(rows, 80);
    fake.assert_spec_clean();
    bot.stop().await;
}

fn choice_values(answer: &serde_json::Value) -> Vec<String> {
    assert_eq!(answer["type"], 8, "an autocomplete result: {answer}");
    answer["data"]["choices"]
        .as_array()
        .expect("choices")
        .iter()
        .map(|c| c["value"].as_str().unwrap_or("").to_owned())
        .collect()
}

#[tokio::test]
async fn tags_and_note_ids_autocomplete_from_this_community_only() {
    let app = TestApp::sqlite_at(Utc::now()).await;
    let fake = &app.fake;
    two_communities(fake).await;
    archive(app.store(), CHANNEL, 4, "Circle tip", "Opening rounds.").await; // tags: circle on 0 and 3
    archive(app.store(), OTHER_CHANNEL, 1, "Secret", "Theirs.").await; // tags: circle
    let tags = |typed: &'static str| async move {
        let ask = Invocation::new("note add", &Member::regular(2))
            .opt("kind", "story")
            .autocomplete("tags", typed);
        choice_values(&fake.run(&ask).await)
    };
    assert_eq!(tags("ci").await, ["circle"]);
    assert_eq!(tags("#CI").await, ["circle"], "ignores # and case");
    assert_eq!(
        tags("openers, cir").await,
        ["openers, circle"],
        "completes the last tag"
    );
    assert!(tags("zzz").await.is_empty());

    let ids = |typed: &'static str| async move {
        let ask = Invocation::new("note show", &Member::regular(2)).autocomplete("id", typed);
        choice_values(&fake.run(&ask).await)
    };
    assert_eq!(
        ids("").await,
        ["4", "3", "2", "1"],
        "newest first, not the other community's 5"
    );
    assert_eq!(ids("rounds").await.len(), 4, "by words of the notes");
    assert!(ids("theirs").await.is_empty());
    app.finish().await;
}
