//! End to end: the agenda card's buttons, /role commands, the 50-clicker race on both backends,
//! template edits, moves and cancellations, stale buttons after a restart, and the rotation history.

mod support;

use chrono::{DateTime, Duration, TimeZone, Utc};
use serde_json::{json, Value};
use support::app::TestApp;
use support::bot::{RunningBot, TestClock};
use support::db::TestDb;
use support::fake_discord::interactions::CHANNEL;
use support::fake_discord::{FakeDiscord, Invocation, Member};
use support::fixtures::{community_with_a_gathering, posted_notice};
use support::replies::{assert_pings_nobody, is_ephemeral, text_of};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap()
}

fn buttons(answer: &Value) -> Vec<(String, String)> {
    answer["data"]["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .map(|b| {
            (
                b["label"].as_str().unwrap_or("").to_owned(),
                b["custom_id"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect()
}

fn button(answer: &Value, label: &str) -> String {
    buttons(answer)
        .into_iter()
        .find(|(l, _)| l == label)
        .unwrap_or_else(|| panic!("no `{label}` button in {answer}"))
        .1
}

async fn card(fake: &FakeDiscord) -> Value {
    fake.run(&Invocation::new("gathering next", &Member::regular(2)))
        .await
}

#[tokio::test]
async fn the_card_has_a_claim_button_per_open_role_and_a_click_updates_it_in_place() {
    let fake = FakeDiscord::start().await;
    let db = TestDb::sqlite();
    let bot = RunningBot::start_with_clock(&fake, db.url(), TestClock::at(now())).await;
    community_with_a_gathering(&fake).await;

    let first = card(&fake).await;
    let labels: Vec<String> = buttons(&first).into_iter().map(|(l, _)| l).collect();
    assert_eq!(
        labels,
        [
            "Claim Opener",
            "Claim Sharing challenges",
            "Claim Facilitation design",
            "Claim Evaluation",
            "Claim Closing",
            "Going",
            "Maybe",
            "Can't go"
        ]
    );
    let rows = first["data"]["components"].as_array().unwrap().len();
    assert_eq!(rows, 2, "roles on one row, RSVP on its own row");
    assert!(text_of(&first).contains("Agenda roles (5 open)"));

    let evaluation = button(&first, "Claim Evaluation");
    let clicked = fake
        .response_to(fake.click(&Member::regular(30), CHANNEL, &evaluation))
        .await;
    assert_eq!(clicked["type"], 7, "UPDATE_MESSAGE: {clicked}");
    assert!(
        text_of(&clicked).contains("**Evaluation** — <@30>"),
        "{}",
        text_of(&clicked)
    );
    assert!(text_of(&clicked).contains("Agenda roles (4 open)"));
    assert_pings_nobody(&clicked);
    let release = button(&clicked, "Release Evaluation");

    // The same (now stale) Claim button, clicked by someone else: refused privately, card untouched.
    let refused = fake
        .response_to(fake.click(&Member::regular(31), CHANNEL, &evaluation))
        .await;
    assert_eq!(refused["type"], 4);
    assert!(is_ephemeral(&refused));
    assert_eq!(
        refused["data"]["content"],
        "**Evaluation** is already held by <@30>."
    );
    assert_pings_nobody(&refused);

    // Release by someone who is neither the holder nor an organizer: refused.
    let not_yours = fake
        .response_to(fake.click(&Member::regular(31), CHANNEL, &release))
        .await;
    assert!(
        is_ephemeral(&not_yours) && text_of(&not_yours).contains("Only <@30>"),
        "{not_yours}"
    );
    // An organizer may release it.
    let freed = fake
        .response_to(fake.click(&Member::manager(1), CHANNEL, &release))
        .await;
    assert_eq!(freed["type"], 7);
    assert!(text_of(&freed).contains("**Evaluation** — *open*"));

    bot.stop().await;
    fake.assert_spec_clean();
}

async fn fifty_clickers_give_one_holder(db: TestDb) {
    let fake = FakeDiscord::start().await;
    let bot = RunningBot::start_with_clock(&fake, db.url(), TestClock::at(now())).await;
    community_with_a_gathering(&fake).await;
    let evaluation = button(&card(&fake).await, "Claim Evaluation");

    let ids: Vec<u64> = (0..50)
        .map(|i| fake.click(&Member::regular(100 + i), CHANNEL, &evaluation))
        .collect();
    let mut won = Vec::new();
    let mut refused = 0;
    for id in ids {
        let answer = fake.response_to(id).await;
        match answer["type"].as_u64() {
            Some(7) => won.push(answer),
            Some(4) => {
                assert!(is_ephemeral(&answer));
                let text = answer["data"]["content"].as_str().unwrap();
                assert!(
                    text.starts_with("**Evaluation** is already held by <@1"),
                    "{text}"
                );
                refused += 1;
            }
            other => panic!("unexpected answer type {other:?}: {answer}"),
        }
    }
    assert_eq!((won.len(), refused), (1, 49), "{}", db.label());
    let community = bot
        .store
        .community_in_channel(steward::domain::ids::ChannelRef(CHANNEL))
        .await
        .unwrap()
        .unwrap();
    let gathering = bot
        .store
        .upcoming(community.id, now(), 1)
        .await
        .unwrap()
        .remove(0);
    let holders = bot.store.holders(gathering.id).await.unwrap();
    assert_eq!(holders.len(), 1, "{}", db.label());
    let winner = holders[0].1;
    assert!(text_of(&won[0]).contains(&format!("**Evaluation** — <@{winner}>")));
    for answer in fake
        .requests()
        .iter()
        .filter(|r| r.path.ends_with("/callback"))
        .filter_map(|r| r.body.clone())
    {
        let text = answer["data"]["content"].as_str().unwrap_or("");
        if text.contains("already held") {
            assert!(
                text.contains(&format!("<@{winner}>")),
                "every refusal names the one holder: {text}"
            );
        }
    }
    bot.stop().await;
    fake.assert_spec_clean();
}

#[tokio::test]
async fn fifty_members_pressing_the_same_button_give_exactly_one_holder_on_sqlite() {
    fifty_clickers_give_one_holder(TestDb::sqlite()).await;
}

#[tokio::test]
async fn fifty_members_pressing_the_same_button_give_exactly_one_holder_on_postgres() {
    if let Some(db) = TestDb::postgres().await {
        fifty_clickers_give_one_holder(db).await;
    }
}

#[tokio::test]
async fn role_commands_claim_release_and_assign_with_the_right_pings() {
    let fake = FakeDiscord::start().await;
    let db = TestDb::sqlite();
    let bot = RunningBot::start_with_clock(&fake, db.url(), TestClock::at(now())).await;
    community_with_a_gathering(&fake).await;

    let claim = fake
        .run(&Invocation::new("role claim", &Member::regular(40)).opt("role", "opener"))
        .await;
    assert!(is_ephemeral(&claim));
    assert!(
        text_of(&claim).contains("You hold **Opener** for **December session**"),
        "{claim}"
    );
    let again = fake
        .run(&Invocation::new("role claim", &Member::regular(41)).opt("role", "Opener"))
        .await;
    assert_eq!(
        again["data"]["content"],
        "**Opener** is already held by <@40>."
    );
    let unknown = fake
        .run(&Invocation::new("role claim", &Member::regular(41)).opt("role", "Juggler"))
        .await;
    assert!(text_of(&unknown).contains("not a role") && text_of(&unknown).contains("Evaluation"));

    let refused = fake
        .run(
            &Invocation::new("role assign", &Member::regular(41))
                .opt("role", "Closing")
                .opt("member", "42"),
        )
        .await;
    assert!(text_of(&refused).contains("Only organizers"));
    let assigned = fake
        .run(
            &Invocation::new("role assign", &Member::manager(1))
                .opt("role", "Closing")
                .opt("member", "42"),
        )
        .await;
    assert!(!is_ephemeral(&assigned), "an assignment is announced");
    assert_eq!(
        assigned["data"]["allowed_mentions"]["users"],
        serde_json::json!(["42"]),
        "only the assignee is pinged"
    );
    assert_eq!(
        assigned["data"]["allowed_mentions"]["parse"],
        serde_json::json!([])
    );

    let released = fake
        .run(&Invocation::new("role release", &Member::regular(40)).opt("role", "Opener"))
        .await;
    assert!(text_of(&released).contains("open again"));
    let not_held = fake
        .run(&Invocation::new("role release", &Member::regular(40)).opt("role", "Opener"))
        .await;
    assert!(text_of(&not_held).contains("it is open"));

    let autocomplete = fake
        .run(&Invocation::new("role claim", &Member::regular(40)).autocomplete("role", "ev"))
        .await;
    assert_eq!(autocomplete["data"]["choices"][0]["value"], "Evaluation");

    bot.stop().await;
    fake.assert_spec_clean();
}

#[tokio::test]
async fn one_role_per_member_when_the_community_says_so() {
    let app = TestApp::sqlite_at(now()).await;
    community_with_a_gathering(&app.fake).await;
    app.member_runs(40, "role claim", &[("role", json!("Opener"))])
        .await;
    let second = app
        .member_runs(40, "role claim", &[("role", json!("Closing"))])
        .await;
    assert!(
        text_of(&second).contains("You hold **Closing**"),
        "several roles are fine by default"
    );
    app.organizer_runs(
        "community settings",
        &[("one_role_per_member", json!(true))],
    )
    .await;
    let third = app
        .member_runs(40, "role claim", &[("role", json!("Evaluation"))])
        .await;
    assert!(
        text_of(&third).contains("at most one role per gathering"),
        "{third}"
    );
    app.finish().await;
}

#[tokio::test]
async fn template_edits_reach_every_gathering_with_no_claimed_role_and_a_claimed_agenda_keeps_its_roles(
) {
    let fake = FakeDiscord::start().await;
    let db = TestDb::sqlite();
    let bot = RunningBot::start_with_clock(&fake, db.url(), TestClock::at(now())).await;
    community_with_a_gathering(&fake).await;
    card(&fake).await; // 4 Dec's card is shown, its roles frozen

    let refused = fake
        .run(&Invocation::new("role template add", &Member::regular(3)).opt("name", "Timekeeper"))
        .await;
    assert!(text_of(&refused).contains("Only organizers"));
    let added = fake
        .run(&Invocation::new("role template add", &Member::manager(1)).opt("name", "Timekeeper"))
        .await;
    assert!(text_of(&added).contains("Added **Timekeeper**"));
    let dup = fake
        .run(&Invocation::new("role template add", &Member::manager(1)).opt("name", "timekeeper"))
        .await;
    assert!(text_of(&dup).contains("already on the agenda"));
    let long = fake
        .run(&Invocation::new("role template add", &Member::manager(1)).opt("name", "x".repeat(51)))
        .await;
    assert!(text_of(&long).contains("50 or fewer"));
    let removed = fake
        .run(&Invocation::new("role template remove", &Member::manager(1)).opt("name", "closing"))
        .await;
    assert!(text_of(&removed).contains("Removed **Closing**"));
    let view = text_of(
        &fake
            .run(&Invocation::new("role template view", &Member::regular(3)))
            .await,
    );
    assert!(
        view.contains("5. Timekeeper") && !view.contains("Closing"),
        "{view}"
    );

    // The card was shown but nobody holds a role on 4 Dec: the edits reach it, and the reply says so.
    let reached = card(&fake).await;
    let labels: Vec<String> = buttons(&reached).into_iter().map(|(l, _)| l).collect();
    assert!(
        labels.contains(&"Claim Timekeeper".to_owned())
            && !labels.contains(&"Claim Closing".to_owned()),
        "{labels:?}"
    );
    assert!(
        text_of(&removed).contains("It reaches every upcoming gathering with no role claimed yet"),
        "{removed}"
    );
    // Once a role is claimed there, a template edit leaves that agenda as it is.
    fake.run(&Invocation::new("role claim", &Member::regular(4)).opt("role", "Opener"))
        .await;
    let kept = fake
        .run(&Invocation::new("role template add", &Member::manager(1)).opt("name", "Scribe"))
        .await;
    assert!(
        text_of(&kept).contains("keep their agenda, since a role is already claimed"),
        "{kept}"
    );
    let frozen = card(&fake).await;
    let labels: Vec<String> = buttons(&frozen).into_iter().map(|(l, _)| l).collect();
    assert!(
        labels.contains(&"Claim Timekeeper".to_owned())
            && !labels.contains(&"Claim Scribe".to_owned()),
        "{labels:?}"
    );

    fake.run(
        &Invocation::new("gathering add", &Member::manager(1))
            .opt("date", "2027-01-08")
            .opt("start", "1pm")
            .opt("end", "4pm"),
    )
    .await;
    let later = fake
        .run(
            &Invocation::new("role claim", &Member::regular(5))
                .opt("role", "Timekeeper")
                .opt("gathering", "2027-01-08"),
        )
        .await;
    assert!(
        text_of(&later).contains("You hold **Timekeeper**"),
        "{later}"
    );
    let reset = fake
        .run(&Invocation::new("role template reset", &Member::manager(1)))
        .await;
    assert!(text_of(&reset).contains("default roles"));

    bot.stop().await;
    fake.assert_spec_clean();
}

#[tokio::test]
async fn claims_follow_a_move_and_a_cancellation_frees_roles_and_pings_exactly_the_holders() {
    let fake = FakeDiscord::start().await;
    let db = TestDb::sqlite();
    let bot = RunningBot::start_with_clock(&fake, db.url(), TestClock::at(now())).await;
    community_with_a_gathering(&fake).await;
    fake.run(&Invocation::new("role claim", &Member::regular(40)).opt("role", "Opener"))
        .await;
    fake.run(&Invocation::new("role claim", &Member::regular(41)).opt("role", "Closing"))
        .await;

    fake.run(
        &Invocation::new("gathering move", &Member::manager(1))
            .opt("gathering", "2026-12-04")
            .opt("new_date", "2026-12-11"),
    )
    .await;
    let moved = posted_notice(&fake, "Gathering moved", 0).await;
    assert_eq!(
        moved["data"]["allowed_mentions"]["users"],
        serde_json::json!(["40", "41"])
    );
    let after_move = text_of(&card(&fake).await);
    assert!(
        after_move.contains("**Opener** — <@40>") && after_move.contains("Fri 11 Dec 2026"),
        "{after_move}"
    );

    fake.run(
        &Invocation::new("gathering cancel", &Member::manager(1)).opt("gathering", "2026-12-11"),
    )
    .await;
    let cancelled = posted_notice(&fake, "Gathering cancelled", 0).await;
    assert_eq!(
        cancelled["data"]["allowed_mentions"]["users"],
        serde_json::json!(["40", "41"]),
        "{cancelled}"
    );
    assert_eq!(
        cancelled["data"]["allowed_mentions"]["parse"],
        serde_json::json!([])
    );
    assert_eq!(cancelled["data"]["content"], "<@40> <@41>");
    assert!(
        text_of(&cancelled).contains("Roles freed: <@40> (Opener), <@41> (Closing)"),
        "{}",
        text_of(&cancelled)
    );

    bot.stop().await;
    fake.assert_spec_clean();
}

#[tokio::test]
async fn buttons_keep_working_after_a_restart_and_old_cards_of_closed_gatherings_say_so() {
    let db = TestDb::sqlite();
    let (claim, other_claim) = {
        let fake = FakeDiscord::start().await;
        let bot = RunningBot::start_with_clock(&fake, db.url(), TestClock::at(now())).await;
        community_with_a_gathering(&fake).await;
        fake.run(
            &Invocation::new("gathering add", &Member::manager(1))
                .opt("date", "2026-12-18")
                .opt("start", "1pm")
                .opt("end", "4pm"),
        )
        .await;
        let first = card(&fake).await;
        let claim = button(&first, "Claim Evaluation");
        fake.run(
            &Invocation::new("gathering cancel", &Member::manager(1))
                .opt("gathering", "2026-12-04"),
        )
        .await;
        let second = card(&fake).await;
        let other = button(&second, "Claim Opener");
        bot.stop().await;
        (claim, other)
    };
    let fake = FakeDiscord::start().await;
    let clock = TestClock::at(now());
    let bot = RunningBot::start_with_clock(&fake, db.url(), clock.clone()).await;
    let works = fake
        .response_to(fake.click(&Member::regular(50), CHANNEL, &other_claim))
        .await;
    assert_eq!(
        works["type"], 7,
        "a card from before the restart still works: {works}"
    );
    let closed = fake
        .response_to(fake.click(&Member::regular(50), CHANNEL, &claim))
        .await;
    assert!(
        is_ephemeral(&closed) && text_of(&closed).contains("was cancelled: its agenda is closed"),
        "{closed}"
    );
    clock.set(Utc.with_ymd_and_hms(2026, 12, 18, 21, 0, 0).unwrap());
    let started = fake
        .response_to(fake.click(
            &Member::regular(51),
            CHANNEL,
            &other_claim.replace(":0", ":1"),
        ))
        .await;
    assert!(
        text_of(&started).contains("has already started"),
        "{started}"
    );
    let foreign = fake
        .response_to(fake.click(&Member::regular(51), CHANNEL + 9, &other_claim))
        .await;
    assert!(
        text_of(&foreign).contains("older card"),
        "a card from another channel is refused: {foreign}"
    );
    bot.stop().await;
    fake.assert_spec_clean();
}

#[tokio::test]
async fn history_shows_the_last_gatherings_and_who_has_not_held_each_role() {
    let fake = FakeDiscord::start().await;
    let db = TestDb::sqlite();
    let clock = TestClock::at(now());
    let bot = RunningBot::start_with_clock(&fake, db.url(), clock.clone()).await;
    let setup = Invocation::new("community setup", &Member::manager(1))
        .opt("name", "Circle")
        .opt("timezone", "America/Phoenix");
    fake.run(&setup).await;
    let weekly = Invocation::new("gathering schedule", &Member::manager(1))
        .opt("title", "Weekly")
        .opt("frequency", "weekly")
        .opt("day", "monday")
        .opt("start", "9")
        .opt("end", "10");
    fake.run(&weekly).await;
    // Week 1: 40 opens, 41 closes. Week 2: 41 opens.
    fake.run(&Invocation::new("role claim", &Member::regular(40)).opt("role", "Opener"))
        .await;
    fake.run(&Invocation::new("role claim", &Member::regular(41)).opt("role", "Closing"))
        .await;
    clock.set(now() + Duration::days(7));
    fake.run(&Invocation::new("role claim", &Member::regular(41)).opt("role", "Opener"))
        .await;
    clock.set(now() + Duration::days(14));

    let history = fake
        .run(&Invocation::new("role history", &Member::regular(2)))
        .await;
    assert!(is_ephemeral(&history));
    let text = text_of(&history);
    assert!(text.contains("`Mon 07 Dec 2026` Opener: <@41>"), "{text}");
    assert!(
        text.contains("`Mon 30 Nov 2026` Opener: <@40> · Closing: <@41>"),
        "{text}"
    );
    assert!(text.contains("**Opener**: everyone has"), "{text}");
    assert!(text.contains("**Closing**: <@40>"), "{text}");
    assert!(
        text.contains("**Evaluation**: <@41>, <@40>"),
        "most recent first: {text}"
    );
    let mine = text_of(
        &fake
            .run(&Invocation::new("role history", &Member::regular(2)).opt("member", "40"))
            .await,
    );
    assert!(
        mine.contains("`Mon 30 Nov 2026` Opener") && !mine.contains("07 Dec"),
        "{mine}"
    );
    bot.stop().await;
    fake.assert_spec_clean();
}
