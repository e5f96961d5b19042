//! End to end: a French-speaking community. Set up by an organizer whose Discord is in French, its
//! agenda card, its reminder, a refusal and `/help` are in French, within Discord's limits; a member
//! whose Discord is in English still reads private replies in English; the registered commands carry
//! `fr` localisations of every description and choice.

mod support;

use chrono::{DateTime, TimeZone, Utc};
use serde_json::Value;
use support::bot::{RunningBot, ShiftedClock};
use support::db::TestDb;
use support::fake_discord::{FakeDiscord, Invocation, Member};
use support::replies::{is_ephemeral, text_of};

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, s).unwrap()
}

fn french(member: Member) -> Member {
    member.speaking("fr")
}

/// Discord's limits on one message body: content, embeds, fields, button labels.
fn within_limits(body: &Value) {
    let chars = |v: &Value| v.as_str().map_or(0, |s| s.chars().count());
    assert!(chars(&body["content"]) <= 2000, "{body}");
    let mut total = 0;
    for embed in body["embeds"].as_array().into_iter().flatten() {
        assert!(chars(&embed["title"]) <= 256, "{embed}");
        assert!(chars(&embed["description"]) <= 4096, "{embed}");
        total += chars(&embed["title"]) + chars(&embed["description"]);
        for field in embed["fields"].as_array().into_iter().flatten() {
            assert!(
                chars(&field["name"]) <= 256 && chars(&field["value"]) <= 1024,
                "{field}"
            );
            total += chars(&field["name"]) + chars(&field["value"]);
        }
    }
    assert!(total <= 6000, "{body}");
    let rows = body["components"].as_array().cloned().unwrap_or_default();
    assert!(rows.len() <= 5);
    for button in rows
        .iter()
        .flat_map(|r| r["components"].as_array().cloned().unwrap_or_default())
    {
        assert!(chars(&button["label"]) <= 80, "{button}");
    }
}

fn labels(body: &Value) -> Vec<String> {
    body["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .filter_map(|b| b["label"].as_str().map(str::to_owned))
        .collect()
}

#[tokio::test]
async fn a_french_community_reads_its_card_reminder_refusals_and_help_in_french() {
    let fake = FakeDiscord::start().await;
    let db = TestDb::sqlite();
    // Thu 3 Dec 2026, 09:59:57 in Phoenix; the gathering is Fri 4 Dec 10:00, its 1-day reminder 3 s away.
    let clock = ShiftedClock::starting_at(utc(2026, 12, 3, 16, 59, 57));
    let bot = RunningBot::start_with_clock(&fake, db.url(), clock.clone()).await;
    let organizer = french(Member::manager(1));
    let welcome = fake
        .run(
            &Invocation::new("community setup", &organizer)
                .opt("name", "Cercle de pratique")
                .opt("timezone", "America/Phoenix"),
        )
        .await;
    let text = text_of(&welcome);
    assert!(
        text.contains("Cercle de pratique est créée dans ce salon")
            && text.contains("Prochaine étape, pour l'organisation")
            && text.contains("7 jours et 1 jour avant chaque rencontre")
            && text.contains("Le lundi à 10:00, tant que des rôles sont libres (prochaine : <t:"),
        "{text}"
    );
    fake.run(
        &Invocation::new("community settings", &organizer)
            .opt("reminders", "1j")
            .opt("role_prompt", "off"),
    )
    .await;
    fake.run(
        &Invocation::new("gathering add", &organizer)
            .opt("date", "2026-12-04")
            .opt("start", "10h")
            .opt("end", "12h")
            .opt("title", "Atelier"),
    )
    .await;

    // The reminder: in French, pinging no one but role holders.
    fake.wait_for("the reminder", |f| {
        f.created_messages()
            .into_iter()
            .find(|(_, b)| b["content"].as_str().unwrap_or("").contains('⏰'))
            .map(|(_, b)| b)
    })
    .await;
    let reminder = fake
        .created_messages()
        .into_iter()
        .map(|(_, b)| b)
        .find(|b| b["content"].as_str().unwrap_or("").contains('⏰'))
        .unwrap();
    let content = reminder["content"].as_str().unwrap();
    assert!(content.contains("**Atelier** commence <t:"), "{content}");
    within_limits(&reminder);
    // With no card yet, the reminder is the agenda card.
    let embed = reminder["embeds"][0].to_string();
    assert!(
        embed.contains("Prochaine rencontre : Atelier")
            && embed.contains("ven. 4 déc. 2026, 10:00–12:00 America/Phoenix")
            && embed.contains("Rôles de l'ordre du jour (5 libres)")
            && embed.contains("Ouverture")
            && embed.contains("Qui vient"),
        "{embed}"
    );
    let buttons = labels(&reminder);
    for expected in [
        "Prendre : Ouverture",
        "Je viens",
        "Peut-être",
        "Je ne peux pas",
    ] {
        assert!(buttons.iter().any(|b| b == expected), "{buttons:?}");
    }

    // /gathering next: the card, in French, whoever asks.
    let card = fake
        .run(&Invocation::new("gathering next", &Member::regular(4)))
        .await;
    within_limits(&card["data"]);
    let text = text_of(&card);
    assert!(
        text.contains("Prochaine rencontre : Atelier") && text.contains("Je viens (0)"),
        "{text}"
    );

    // A refusal says who can help, in the member's language.
    let refused = fake
        .run(
            &Invocation::new("gathering add", &french(Member::regular(5)))
                .opt("date", "2026-12-11")
                .opt("start", "10h")
                .opt("end", "12h"),
        )
        .await;
    assert!(is_ephemeral(&refused));
    assert!(
        text_of(&refused).contains("Seule l'organisation peut faire cela")
            && text_of(&refused).contains("gérer le serveur"),
        "{refused}"
    );
    let english = fake
        .run(
            &Invocation::new("gathering add", &Member::regular(6))
                .opt("date", "2026-12-11")
                .opt("start", "10h")
                .opt("end", "12h"),
        )
        .await;
    assert!(
        text_of(&english).contains("Only organizers can do that"),
        "{english}"
    );

    // /help in French.
    let help = fake
        .run(&Invocation::new("help", &french(Member::regular(7))))
        .await;
    within_limits(&help["data"]);
    let text = text_of(&help);
    assert!(
        text.contains("Steward — l'aide de la coordination")
            && text.contains("`/community setup` — Lier ce salon à une nouvelle communauté")
            && text.contains("**Archiver comme note de pratique**"),
        "{text}"
    );

    // A series: its card says the rhythm in French, read back from the stored rule.
    let scheduled = fake
        .run(
            &Invocation::new("gathering schedule", &french(Member::manager(1)))
                .opt("title", "Cercle")
                .opt("frequency", "monthly")
                .opt("day", "friday")
                .opt("week", "first")
                .opt("start", "13h")
                .opt("end", "16h"),
        )
        .await;
    let text = text_of(&scheduled);
    assert!(
        text.contains("Le premier vendredi du mois, 13:00–16:00"),
        "{text}"
    );

    // The agenda roles and a template edit, read by a French member; the role history too.
    let template = fake
        .run(&Invocation::new(
            "role template view",
            &french(Member::regular(7)),
        ))
        .await;
    let text = text_of(&template);
    assert!(
        text.contains("Rôles de l'ordre du jour de") && text.contains("1. Ouverture"),
        "{text}"
    );
    let added = fake
        .run(
            &Invocation::new("role template add", &french(Member::manager(1)))
                .opt("name", "Gardien du temps"),
        )
        .await;
    let text = text_of(&added);
    assert!(
        text.contains("**Gardien du temps** ajouté. L'ordre du jour est désormais :"),
        "{text}"
    );
    let history = fake
        .run(&Invocation::new(
            "role history",
            &french(Member::regular(7)),
        ))
        .await;
    assert!(
        text_of(&history).contains("Pas encore de rencontre passée"),
        "{history}"
    );
    bot.stop().await;
    fake.assert_spec_clean();
}

#[tokio::test]
async fn the_registered_commands_carry_french_descriptions_and_choice_names() {
    let fake = FakeDiscord::start().await;
    let db = TestDb::sqlite();
    let bot = RunningBot::start(&fake, db.url()).await;
    let commands = fake.commands();
    assert!(!commands.is_empty());
    let mut missing = Vec::new();
    fn walk(path: &str, node: &Value, top: bool, missing: &mut Vec<String>) {
        let fr = |v: &Value, field: &str| {
            v[field]["fr"]
                .as_str()
                .filter(|t| !t.is_empty() && t.chars().count() <= 100)
                .is_some()
        };
        // Slash commands, sub-commands and options have descriptions; a message menu (a top-level
        // command of type 3) has a name people see.
        if top && node["type"] == 3 {
            if !fr(node, "name_localizations") {
                missing.push(format!("{path}: name"));
            }
        } else if !fr(node, "description_localizations") {
            missing.push(format!("{path}: description"));
        }
        for choice in node["choices"].as_array().into_iter().flatten() {
            if !fr(choice, "name_localizations") {
                missing.push(format!("{path} choice {}", choice["name"]));
            }
        }
        for option in node["options"].as_array().into_iter().flatten() {
            let name = option["name"].as_str().unwrap_or_default();
            walk(&format!("{path} {name}"), option, false, missing);
        }
    }
    for command in &commands {
        let name = command["name"].as_str().unwrap_or_default();
        walk(name, command, true, &mut missing);
    }
    assert!(missing.is_empty(), "{missing:#?}");
    let community = commands.iter().find(|c| c["name"] == "community").unwrap();
    assert_eq!(
        community["description_localizations"]["fr"],
        "Créer et tenir la communauté de pratique de ce salon"
    );
    bot.stop().await;
}

/// The rooms moved to the catalogue last: a mistyped time and a bad setting refused in French, the
/// settings read back in French, the privacy notice, the note form (labels in French, a French kind
/// accepted) and the archived note's public card in the community's French — and the same bad time in
/// English for an English-speaking member of the same community.
#[tokio::test]
async fn input_errors_settings_privacy_and_notes_speak_french_to_a_french_member() {
    let fake = FakeDiscord::start().await;
    let db = TestDb::sqlite();
    let clock = ShiftedClock::starting_at(utc(2026, 12, 1, 12, 0, 0));
    let bot = RunningBot::start_with_clock(&fake, db.url(), clock.clone()).await;
    let organizer = french(Member::manager(1));
    fake.run(
        &Invocation::new("community setup", &organizer)
            .opt("name", "Cercle de pratique")
            .opt("timezone", "America/Toronto"),
    )
    .await;

    // A time that is no time: the French example names the French forms.
    let bad = fake
        .run(
            &Invocation::new("gathering add", &organizer)
                .opt("date", "2026-12-11")
                .opt("start", "25h")
                .opt("end", "12h"),
        )
        .await;
    assert!(is_ephemeral(&bad));
    let text = text_of(&bad);
    assert!(
        text.contains("n'est pas une heure") && text.contains("`13h30`"),
        "{text}"
    );
    let english = fake
        .run(
            &Invocation::new("gathering add", &Member::manager(2))
                .opt("date", "2026-12-11")
                .opt("start", "25h")
                .opt("end", "12h"),
        )
        .await;
    assert!(text_of(&english).contains("is not a time"), "{english}");

    // A bad reminder offset: refused in French, nothing saved; a good one read back in words.
    let refused = fake
        .run(&Invocation::new("community settings", &organizer).opt("reminders", "7 semaines"))
        .await;
    assert!(is_ephemeral(&refused));
    assert!(
        text_of(&refused).contains("7j,1j,2h,15m"),
        "{}",
        text_of(&refused)
    );
    let saved = fake
        .run(&Invocation::new("community settings", &organizer).opt("reminders", "14j,2j"))
        .await;
    let text = text_of(&saved);
    assert!(
        text.contains("Réglages de **Cercle de pratique** mis à jour")
            && text.contains("rappels :")
            && text.contains("→ 14 et 2 jours avant"),
        "{text}"
    );

    // What Steward keeps, in French.
    let privacy = fake
        .run(&Invocation::new("privacy", &french(Member::regular(3))))
        .await;
    assert!(
        text_of(&privacy).contains("**Ce que Steward garde**"),
        "{privacy}"
    );

    // The note form: labels in French; a French kind is taken; the public card is French.
    let form = fake
        .run(&Invocation::new("note add", &french(Member::regular(4))).opt("kind", "story"))
        .await;
    assert_eq!(form["type"], 9, "{form}");
    let labels = form.to_string();
    assert!(
        labels.contains("Nouvelle note de pratique") && labels.contains("Étiquettes (10 au plus)"),
        "{labels}"
    );
    assert!(
        labels.contains(r#""value":"récit""#),
        "the kind prefilled in French: {labels}"
    );
    let custom_id = form["data"]["custom_id"].as_str().unwrap().to_owned();
    let fields: Vec<(String, String)> = [
        ("title", "Ouvrir par un tour d'un mot"),
        ("kind", "Récit"),
        ("tags", "ouverture"),
        ("body", "Chacun dit un mot; le silence après aide."),
        ("link", ""),
    ]
    .iter()
    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
    .collect();
    let id = fake.submit_form(
        &french(Member::regular(4)),
        support::fake_discord::interactions::CHANNEL,
        &custom_id,
        &fields,
    );
    let archived = fake.response_to(id).await;
    within_limits(&archived["data"]);
    let text = text_of(&archived);
    assert!(
        text.contains("Note de pratique #") && text.contains("archivée par"),
        "{text}"
    );
    assert!(text.contains("récit"), "the kind in French: {text}");
    bot.stop().await;
    fake.assert_spec_clean();
}
