//! End to end: archiving practice notes. The `/note add` form (defaults, prefill, checks), the message
//! menu's prefill and credit, the harvest prompt's button, edit and delete permissions, and text that tries
//! to ping or break the card.

mod support;

use chrono::{DateTime, TimeZone, Utc};
use steward::domain::ids::ChannelRef;
use steward::store::Store;
use support::bot::{RunningBot, TestClock};
use support::db::TestDb;
use support::fake_discord::interactions::{user_message, CHANNEL, GUILD};
use support::fake_discord::{FakeDiscord, Invocation, Member};
use support::notes::{button, form_fields, form_id, prefilled, submit};
use support::replies::{assert_pings_nobody, is_ephemeral, text_of};

fn day(d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, d, h, 0, 0).unwrap()
}

/// A community in Phoenix whose gathering on 20 Nov (20:00–23:00 UTC) has ended; the clock is at 24 Nov.
async fn community_after_a_gathering(
    fake: &FakeDiscord,
) -> (RunningBot, std::sync::Arc<TestClock>, TestDb) {
    let db = TestDb::sqlite();
    let clock = TestClock::at(day(1, 12));
    let bot = RunningBot::start_with_clock(fake, db.url(), clock.clone()).await;
    let setup = Invocation::new("community setup", &Member::manager(1))
        .opt("name", "Circle")
        .opt("timezone", "America/Phoenix");
    fake.run(&setup).await;
    let add = Invocation::new("gathering add", &Member::manager(1))
        .opt("date", "2026-11-20")
        .opt("start", "1pm")
        .opt("end", "4pm")
        .opt("title", "November circle");
    fake.run(&add).await;
    clock.set(day(24, 12));
    (bot, clock, db)
}

async fn only_gathering(store: &Store) -> i64 {
    let community = store
        .community_in_channel(ChannelRef(CHANNEL))
        .await
        .unwrap()
        .unwrap();
    store.all_gatherings(community.id).await.unwrap()[0].id.0
}

const GOOD: [(&str, &str); 5] = [
    ("title", "Opening with a one-word round"),
    ("kind", "best practice"),
    ("tags", "check-in, openers"),
    (
        "body",
        "Each person says one word about how they arrive. It takes two minutes and sets the tone.",
    ),
    ("link", ""),
];

#[tokio::test]
async fn note_add_opens_a_prefilled_form_and_the_submission_is_archived_and_found() {
    let fake = FakeDiscord::start().await;
    let (bot, _clock, _db) = community_after_a_gathering(&fake).await;
    let gathering = only_gathering(&bot.store).await;

    let form = fake
        .run(
            &Invocation::new("note add", &Member::regular(7))
                .opt("kind", "best practice")
                .opt("tags", "#Check-In, openers"),
        )
        .await;
    let fields = form_fields(&form);
    assert_eq!(fields.len(), 5, "title, kind, tags, body, link: {form}");
    assert_eq!(fields["title"]["max_length"], 100);
    assert_eq!(fields["body"]["max_length"], 4000);
    assert_eq!(fields["body"]["style"], 2, "the body is a paragraph");
    assert_eq!(prefilled(&form, "kind"), "best practice");
    assert_eq!(
        prefilled(&form, "tags"),
        "check-in, openers",
        "tags normalised"
    );
    let id = form_id(&form);
    assert!(
        id == format!("snf:add:{gathering}:0"),
        "the gathering that ended within 7 days is the default: {id}"
    );
    assert!(form["data"]["title"]
        .as_str()
        .unwrap()
        .contains("November circle"));

    let archived = submit(&fake, &Member::regular(7), CHANNEL, &id, &GOOD).await;
    assert_eq!(archived["type"], 4);
    assert!(!is_ephemeral(&archived), "the group sees what was archived");
    assert_pings_nobody(&archived);
    let text = text_of(&archived);
    for expected in [
        "#1 · Opening with a one-word round",
        "best practice",
        "#check-in #openers",
        "<@7>",
        "November circle",
    ] {
        assert!(text.contains(expected), "`{expected}` missing from {text}");
    }

    let found = fake
        .run(&Invocation::new("note search", &Member::regular(8)).opt("query", "arrive"))
        .await;
    assert!(is_ephemeral(&found));
    let text = text_of(&found);
    assert!(text.contains("Opening with a one-word round"), "{text}");
    assert!(
        text.contains("**arrive**"),
        "the match is highlighted: {text}"
    );

    // Without a recent gathering (the clock moves on), the form links none.
    _clock.set(day(30, 12));
    let later = fake
        .run(&Invocation::new("note add", &Member::regular(7)).opt("kind", "story"))
        .await;
    assert!(form_id(&later) == "snf:add:0:0", "{}", form_id(&later));
    fake.assert_spec_clean();
    bot.stop().await;
}

#[tokio::test]
async fn bad_form_input_is_refused_privately_with_the_text_given_back_and_nothing_stored() {
    let fake = FakeDiscord::start().await;
    let (bot, _clock, _db) = community_after_a_gathering(&fake).await;
    let bad_tags = fake
        .run(
            &Invocation::new("note add", &Member::regular(7))
                .opt("kind", "query")
                .opt("tags", "a*b"),
        )
        .await;
    assert!(
        is_ephemeral(&bad_tags) && text_of(&bad_tags).contains("is not a tag"),
        "{bad_tags}"
    );

    let cases: [(&str, &str, &str); 4] = [
        ("kind", "gossip", "`best practice`"),
        ("title", "   ", "title"),
        ("link", "javascript:alert(1)", "https://"),
        ("body", &"é".repeat(4001), "4000"),
    ];
    for (field, value, says) in cases {
        let mut fields = GOOD.to_vec();
        fields.retain(|(k, _)| *k != field);
        fields.push((field, value));
        let refused = submit(&fake, &Member::regular(7), CHANNEL, "snf:add:0:0", &fields).await;
        assert!(is_ephemeral(&refused), "{refused}");
        let text = text_of(&refused);
        assert!(text.contains(says), "{field}: {text}");
        assert!(text.contains("Nothing was saved"), "{text}");
        if field != "body" {
            assert!(
                text.contains("It takes two minutes"),
                "the typed body is given back: {text}"
            );
        }
    }
    let listed = fake
        .run(&Invocation::new("note list", &Member::regular(7)))
        .await;
    assert!(
        text_of(&listed).contains("No notes yet"),
        "{}",
        text_of(&listed)
    );
    fake.assert_spec_clean();
    bot.stop().await;
}

#[tokio::test]
async fn the_message_menu_prefills_from_the_message_credits_its_author_and_keeps_a_link() {
    let fake = FakeDiscord::start().await;
    let (bot, _clock, _db) = community_after_a_gathering(&fake).await;
    let author = Member::regular(9);
    let long = format!(
        "How do you close a circle when time runs out?\n{}",
        "mot ".repeat(1500)
    );
    let message = user_message(555, CHANNEL, &author, &long);
    let archiver = Member::regular(7);
    let form = fake
        .response_to(fake.message_menu(&archiver, CHANNEL, "Archive as practice note", &message))
        .await;
    assert_eq!(
        prefilled(&form, "title"),
        "How do you close a circle when time runs out?"
    );
    assert_eq!(
        prefilled(&form, "body").chars().count(),
        4000,
        "cut to the limit"
    );
    assert_eq!(
        prefilled(&form, "link"),
        format!("https://discord.com/channels/{GUILD}/{CHANNEL}/555")
    );
    assert_eq!(prefilled(&form, "kind"), "discovery");
    let id = form_id(&form);
    assert!(
        id.starts_with("snf:add:") && !id.ends_with(":0") && !id.contains("member9"),
        "the form carries a credit offer, not the author's id and name: {id}"
    );

    let body = prefilled(&form, "body");
    let link = prefilled(&form, "link");
    let fields = [
        ("title", "Closing when time runs out"),
        ("kind", "query"),
        ("tags", "closing"),
        ("body", body.as_str()),
        ("link", link.as_str()),
    ];
    // The offer is the archiver's: someone else submitting the same form id cannot use it.
    let forged = submit(&fake, &Member::regular(8), CHANNEL, &id, &fields).await;
    assert!(is_ephemeral(&forged), "{forged}");
    assert!(text_of(&forged).contains("not opened by you"), "{forged}");
    let archived = submit(&fake, &archiver, CHANNEL, &id, &fields).await;
    let text = text_of(&archived);
    assert!(text.contains("<@9> (archived by <@7>)"), "{text}");
    // Sent again (Discord said the first one failed): one note, not two.
    let again = submit(&fake, &archiver, CHANNEL, &id, &fields).await;
    assert!(is_ephemeral(&again), "{again}");
    assert!(
        text_of(&again).contains("already in the archive as #1"),
        "{again}"
    );
    assert!(text.contains(&link), "{text}");

    // Both the author and whoever archived it may edit; someone else may not.
    for (who, allowed) in [(9, true), (7, true), (8, false)] {
        let answer = fake
            .run(&Invocation::new("note edit", &Member::regular(who)).opt("id", "1"))
            .await;
        assert_eq!(answer["type"] == 9, allowed, "member {who}: {answer}");
    }
    fake.assert_spec_clean();
    bot.stop().await;
}

#[tokio::test]
async fn the_harvest_prompt_button_opens_the_form_linked_to_that_gathering() {
    let fake = FakeDiscord::start().await;
    let (bot, _clock, _db) = community_after_a_gathering(&fake).await;
    let gathering = only_gathering(&bot.store).await;
    let form = fake
        .response_to(fake.click(&Member::regular(7), CHANNEL, &format!("sn:add:{gathering}")))
        .await;
    assert_eq!(form_id(&form), format!("snf:add:{gathering}:0"));
    let archived = submit(&fake, &Member::regular(7), CHANNEL, &form_id(&form), &GOOD).await;
    assert!(
        text_of(&archived).contains("November circle"),
        "{}",
        text_of(&archived)
    );
    let from = fake
        .run(
            &Invocation::new("note list", &Member::regular(2))
                .opt("gathering", gathering.to_string()),
        )
        .await;
    assert!(
        text_of(&from).contains("Opening with a one-word round"),
        "{}",
        text_of(&from)
    );
    fake.assert_spec_clean();
    bot.stop().await;
}

#[tokio::test]
async fn edit_and_delete_are_for_the_author_and_organizers_and_delete_asks_first() {
    let fake = FakeDiscord::start().await;
    let (bot, _clock, _db) = community_after_a_gathering(&fake).await;
    let author = Member::regular(5);
    let form = fake
        .run(&Invocation::new("note add", &author).opt("kind", "story"))
        .await;
    submit(&fake, &author, CHANNEL, &form_id(&form), &GOOD).await;

    let stranger = Member::regular(6);
    let refused = fake
        .run(&Invocation::new("note edit", &stranger).opt("id", "1"))
        .await;
    assert!(
        is_ephemeral(&refused) && text_of(&refused).contains("Only <@5>"),
        "{refused}"
    );
    // A forged edit form is refused too.
    let forged = submit(&fake, &stranger, CHANNEL, "snf:edit:1", &GOOD).await;
    assert!(text_of(&forged).contains("Only <@5>"), "{forged}");

    let organizer = fake
        .run(&Invocation::new("note edit", &Member::manager(1)).opt("id", "#1"))
        .await;
    assert_eq!(
        prefilled(&organizer, "title"),
        "Opening with a one-word round"
    );
    assert_eq!(prefilled(&organizer, "tags"), "check-in, openers");
    let mut changed = GOOD.to_vec();
    changed[0] = ("title", "Opening rounds, revised");
    let edited = submit(&fake, &Member::manager(1), CHANNEL, "snf:edit:1", &changed).await;
    assert!(is_ephemeral(&edited) && text_of(&edited).contains("Opening rounds, revised"));
    assert!(text_of(&edited).contains("<@5>"), "the author stays");

    let refused = fake
        .run(&Invocation::new("note delete", &stranger).opt("id", "1"))
        .await;
    assert!(text_of(&refused).contains("Only <@5>"));
    let ask = fake
        .run(&Invocation::new("note delete", &author).opt("id", "1"))
        .await;
    assert!(
        is_ephemeral(&ask) && text_of(&ask).contains("Delete #1"),
        "{ask}"
    );
    let delete = button(&ask, "Delete note").expect("a Delete button");
    let keep = button(&ask, "Keep it").expect("a Keep button");
    let kept = fake.response_to(fake.click(&author, CHANNEL, &keep)).await;
    assert!(text_of(&kept).contains("Kept note #1"));
    let not_yours = fake
        .response_to(fake.click(&stranger, CHANNEL, &delete))
        .await;
    assert!(text_of(&not_yours).contains("Only <@5>"));
    let deleted = fake
        .response_to(fake.click(&author, CHANNEL, &delete))
        .await;
    assert_eq!(deleted["type"], 7);
    assert!(text_of(&deleted).contains("Deleted note #1"), "{deleted}");
    let gone = fake
        .run(&Invocation::new("note show", &author).opt("id", "1"))
        .await;
    assert!(text_of(&gone).contains("no note `1`"), "{gone}");
    fake.assert_spec_clean();
    bot.stop().await;
}

#[tokio::test]
async fn note_text_never_pings_and_cannot_break_the_card() {
    let fake = FakeDiscord::start().await;
    let (bot, _clock, _db) = community_after_a_gathering(&fake).await;
    let form = fake
        .run(&Invocation::new("note add", &Member::regular(7)).opt("kind", "story"))
        .await;
    let fields = [
        ("title", "**@everyone** [click](https://evil.example) `x"),
        ("kind", "story"),
        ("tags", ""),
        ("body", "@everyone @here <@&123> 👋 مرحبا 你好 — a story"),
        ("link", ""),
    ];
    let archived = submit(
        &fake,
        &Member::regular(7),
        CHANNEL,
        &form_id(&form),
        &fields,
    )
    .await;
    assert_pings_nobody(&archived);
    let title = archived["data"]["embeds"][0]["title"].as_str().unwrap();
    assert_eq!(
        title,
        "#1 · \\*\\*@everyone\\*\\* \\[click\\](https://evil.example) \\`x"
    );
    for answer in [
        fake.run(
            &Invocation::new("note show", &Member::regular(8))
                .opt("id", "1")
                .opt("public", true),
        )
        .await,
        fake.run(
            &Invocation::new("note search", &Member::regular(8))
                .opt("query", "everyone story")
                .opt("public", true),
        )
        .await,
        fake.run(&Invocation::new("note list", &Member::regular(8)).opt("public", true))
            .await,
    ] {
        assert!(!is_ephemeral(&answer));
        assert_pings_nobody(&answer);
        assert!(
            text_of(&answer).contains("👋 مرحبا 你好"),
            "{}",
            text_of(&answer)
        );
    }
    fake.assert_spec_clean();
    bot.stop().await;
}
