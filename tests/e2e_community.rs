//! End to end: the real bot against the fake Discord — start, register commands, /help, /community.

mod support;

use support::bot::RunningBot;
use support::db::TestDb;
use support::fake_discord::interactions::{CHANNEL, GUILD};
use support::fake_discord::{FakeDiscord, Invocation, Member};
use support::replies::{assert_pings_nobody, is_ephemeral, text_of};

#[tokio::test]
async fn bot_registers_commands_and_answers_help_ephemerally() {
    let fake = FakeDiscord::start().await;
    let db = TestDb::sqlite();
    let bot = RunningBot::start(&fake, db.url()).await;

    let names: Vec<String> = fake
        .commands()
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_owned())
        .collect();
    assert!(
        names.contains(&"help".to_owned()) && names.contains(&"community".to_owned()),
        "{names:?}"
    );

    let answer = fake
        .run(&Invocation::new("help", &Member::regular(10)))
        .await;
    assert_eq!(answer["type"], 4);
    assert!(is_ephemeral(&answer), "{answer}");
    assert_pings_nobody(&answer);
    let text = text_of(&answer);
    for command in [
        "/community setup",
        "/community settings",
        "/community info",
        "/community list",
        "/help",
    ] {
        assert!(text.contains(command), "help lacks {command}: {text}");
    }

    bot.stop().await;
    assert!(
        fake.bot_closed_gateway(),
        "the bot should close the gateway on shutdown"
    );
    fake.assert_spec_clean();
}

fn setup(member: &Member, name: &str, zone: &str) -> Invocation {
    Invocation::new("community setup", member)
        .opt("name", name)
        .opt("timezone", zone)
}

#[tokio::test]
async fn setup_is_public_refused_without_manage_server_and_rejects_unknown_zones() {
    let fake = FakeDiscord::start().await;
    let db = TestDb::sqlite();
    let bot = RunningBot::start(&fake, db.url()).await;

    // A plain member may not set up a community.
    let refused = fake
        .run(&setup(&Member::regular(11), "Circle", "America/Phoenix"))
        .await;
    assert!(is_ephemeral(&refused));
    assert!(text_of(&refused).contains("Manage Server"), "{refused}");

    // An unknown zone is refused with examples; nothing is stored.
    let bad_zone = fake
        .run(&setup(&Member::manager(12), "Circle", "Mars/Olympus"))
        .await;
    assert!(is_ephemeral(&bad_zone));
    let text = text_of(&bad_zone);
    assert!(
        text.contains("`Mars/Olympus` is not a time zone") && text.contains("America/Phoenix"),
        "{text}"
    );
    assert!(bot
        .store
        .community_in_channel(steward::domain::ids::ChannelRef(CHANNEL))
        .await
        .unwrap()
        .is_none());

    // A good setup answers publicly for the group, naming the community and its zone.
    let done = fake
        .run(&setup(
            &Member::manager(12),
            "Facilitation Circle",
            "america/phoenix",
        ))
        .await;
    assert!(
        !is_ephemeral(&done),
        "setup announces itself to the channel: {done}"
    );
    assert_pings_nobody(&done);
    let text = text_of(&done);
    assert!(
        text.contains("Facilitation Circle") && text.contains("America/Phoenix"),
        "{text}"
    );

    // A second setup in the same channel is refused and names the existing community.
    let again = fake
        .run(&setup(&Member::manager(12), "Other", "Europe/London"))
        .await;
    assert!(is_ephemeral(&again));
    assert!(
        text_of(&again).contains("already the home of **Facilitation Circle**"),
        "{again}"
    );

    bot.stop().await;
    fake.assert_spec_clean();
}

#[tokio::test]
async fn timezone_option_autocompletes_iana_names() {
    let fake = FakeDiscord::start().await;
    let db = TestDb::sqlite();
    let bot = RunningBot::start(&fake, db.url()).await;

    let invocation = Invocation::new("community setup", &Member::manager(12))
        .opt("name", "Circle")
        .autocomplete("timezone", "phoe");
    let answer = fake.run(&invocation).await;
    assert_eq!(answer["type"], 8, "an autocomplete result: {answer}");
    let choices: Vec<&str> = answer["data"]["choices"]
        .as_array()
        .expect("choices")
        .iter()
        .map(|c| c["value"].as_str().unwrap())
        .collect();
    assert_eq!(choices.first(), Some(&"America/Phoenix"), "{choices:?}");
    assert!(choices.len() <= 25);

    // What people type for Ontario's time: canonical zones only, labelled with city and offset.
    for typed in ["est", "eastern", "toronto"] {
        let invocation = Invocation::new("community setup", &Member::manager(12))
            .opt("name", "Circle")
            .autocomplete("timezone", typed);
        let answer = fake.run(&invocation).await;
        let choices = answer["data"]["choices"]
            .as_array()
            .expect("choices")
            .clone();
        let values: Vec<&str> = choices
            .iter()
            .map(|c| c["value"].as_str().unwrap())
            .collect();
        assert_eq!(
            values.first(),
            Some(&"America/Toronto"),
            "{typed}: {values:?}"
        );
        for legacy in ["EST", "EST5EDT", "US/Eastern", "Canada/Eastern"] {
            assert!(!values.contains(&legacy), "{typed} offers {legacy}");
        }
        let label = choices[0]["name"].as_str().unwrap();
        assert!(
            label.starts_with("Toronto · America/Toronto · UTC-0"),
            "{label}"
        );
        assert!(choices
            .iter()
            .all(|c| c["name"].as_str().unwrap().chars().count() <= 100));
    }

    bot.stop().await;
    fake.assert_spec_clean();
}

#[tokio::test]
async fn commands_outside_a_community_say_how_to_set_one_up() {
    let fake = FakeDiscord::start().await;
    let db = TestDb::sqlite();
    let bot = RunningBot::start(&fake, db.url()).await;

    for command in ["community info", "community settings"] {
        let answer = fake
            .run(&Invocation::new(command, &Member::manager(3)).in_channel(CHANNEL + 7))
            .await;
        assert!(is_ephemeral(&answer), "{command}");
        assert!(
            text_of(&answer).contains("/community setup"),
            "{command}: {answer}"
        );
    }
    let answer = fake
        .run(&Invocation::new("community list", &Member::regular(3)))
        .await;
    assert!(
        text_of(&answer).contains("No communities in this server yet"),
        "{answer}"
    );

    bot.stop().await;
    fake.assert_spec_clean();
}

#[tokio::test]
async fn organizers_change_settings_and_bad_values_change_nothing() {
    let fake = FakeDiscord::start().await;
    let db = TestDb::sqlite();
    let bot = RunningBot::start(&fake, db.url()).await;
    let organizer_role = 555_u64;
    fake.run(
        &setup(&Member::manager(1), "Circle", "America/Phoenix")
            .opt("organizer_role", organizer_role.to_string()),
    )
    .await;

    // A member without the organizer role is refused, and told who can.
    let refused = fake
        .run(&Invocation::new("community settings", &Member::regular(2)).opt("reminders", "2h"))
        .await;
    assert!(text_of(&refused).contains("Only organizers"), "{refused}");
    assert_pings_nobody(&refused);

    // One bad value among good ones: nothing changes.
    let steward = Member::regular(3).with_roles(&[organizer_role]);
    let bad = fake
        .run(
            &Invocation::new("community settings", &steward)
                .opt("timezone", "Europe/London")
                .opt("reminders", "0m"),
        )
        .await;
    assert!(is_ephemeral(&bad));
    assert!(text_of(&bad).contains("7d,1d,2h,15m"), "{bad}");
    let info = fake.run(&Invocation::new("community info", &steward)).await;
    assert!(
        text_of(&info).contains("America/Phoenix"),
        "time zone must be unchanged: {info}"
    );

    let bad_cron = fake
        .run(&Invocation::new("community settings", &steward).opt("role_prompt", "0 10 * *"))
        .await;
    assert!(
        text_of(&bad_cron).contains("5 or 6") && text_of(&bad_cron).contains("mon 10:00"),
        "{bad_cron}"
    );
    // The crontab way of writing Mondays at 10:00 is the setting it already has.
    let same = fake
        .run(&Invocation::new("community settings", &steward).opt("role_prompt", "0 10 * * 1"))
        .await;
    assert!(text_of(&same).contains("Nothing changed"), "{same}");

    // The organizer role holder changes several settings at once.
    let done = fake
        .run(
            &Invocation::new("community settings", &steward)
                .opt("timezone", "Europe/London")
                .opt("reminders", "1d, 7d, 2h")
                .opt("role_prompt", "0 30 18 * * Tue")
                .opt("dm_reminders", true),
        )
        .await;
    assert!(is_ephemeral(&done));
    let text = text_of(&done);
    assert!(
        text.contains("America/Phoenix → Europe/London")
            && text.contains("7 days and 1 day before → 7 days, 1 day and 2 hours before")
            && text.contains("Mondays at 10:00, while roles are open → Tuesdays at 18:30"),
        "{text}"
    );

    let info = text_of(
        &fake
            .run(&Invocation::new("community info", &Member::regular(9)))
            .await,
    );
    for expected in [
        "Europe/London",
        "7 days, 1 day and 2 hours before each gathering",
        "Tuesdays at 18:30, while roles are open",
        "<@&555>",
        "Opener",
        "None scheduled yet",
    ] {
        assert!(info.contains(expected), "info lacks {expected}: {info}");
    }

    // Picking @everyone removes the organizer role; the role holder is then no longer an organizer.
    fake.run(
        &Invocation::new("community settings", &Member::manager(1))
            .opt("organizer_role", GUILD.to_string()),
    )
    .await;
    let refused = fake
        .run(&Invocation::new("community settings", &steward).opt("reminders", "2h"))
        .await;
    assert!(text_of(&refused).contains("Only organizers"), "{refused}");

    bot.stop().await;
    fake.assert_spec_clean();
}

#[tokio::test]
async fn a_community_survives_a_restart_on_the_same_database_file() {
    let db = TestDb::sqlite();
    {
        let fake = FakeDiscord::start().await;
        let bot = RunningBot::start(&fake, db.url()).await;
        let done = fake
            .run(&setup(
                &Member::manager(1),
                "Respite Network",
                "America/Edmonton",
            ))
            .await;
        assert!(!is_ephemeral(&done));
        bot.stop().await;
    }
    let fake = FakeDiscord::start().await;
    let bot = RunningBot::start(&fake, db.url()).await;
    let info = fake
        .run(&Invocation::new("community info", &Member::regular(2)))
        .await;
    let text = text_of(&info);
    assert!(
        text.contains("Respite Network") && text.contains("America/Edmonton"),
        "{text}"
    );
    let list = text_of(
        &fake
            .run(&Invocation::new("community list", &Member::regular(2)))
            .await,
    );
    assert!(
        list.contains("Respite Network") && list.contains(&format!("<#{CHANNEL}>")),
        "{list}"
    );
    bot.stop().await;
    fake.assert_spec_clean();
}

#[tokio::test]
async fn the_bot_reconnects_after_the_gateway_drops() {
    let fake = FakeDiscord::start().await;
    let db = TestDb::sqlite();
    let bot = RunningBot::start(&fake, db.url()).await;
    assert_eq!(fake.identify_count(), 1);

    fake.drop_gateway();
    fake.wait_for("the bot to identify again", |f| {
        (f.identify_count() >= 2 && f.connected()).then_some(())
    })
    .await;
    let answer = fake
        .run(&Invocation::new("help", &Member::regular(1)))
        .await;
    assert!(is_ephemeral(&answer));

    bot.stop().await;
    fake.assert_spec_clean();
}
