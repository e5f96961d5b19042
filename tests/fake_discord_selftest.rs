//! The fake Discord's own checks: its spec validation catches bad bodies, and the interactions it builds
//! deserialize in serenity (a malformed INTERACTION_CREATE would be silently swallowed by the bot).

mod support;

use poise::serenity_prelude as serenity;
use serde_json::json;
use support::fake_discord::interactions::{self, Invocation, Member};
use support::fake_discord::spec::{check, template_for};
use support::fake_discord::FakeDiscord;

#[test]
fn spec_templates_prefer_literal_segments() {
    assert_eq!(
        template_for("/webhooks/1/tok/messages/@original").as_deref(),
        Some("/webhooks/{webhook_id}/{webhook_token}/messages/@original")
    );
    assert_eq!(
        template_for("/channels/5/messages").as_deref(),
        Some("/channels/{channel_id}/messages")
    );
    assert_eq!(template_for("/nowhere/5"), None);
}

#[test]
fn spec_validation_catches_a_body_that_breaks_it() {
    assert!(check("POST", "/channels/5/messages", &json!({"content": "hi"})).is_empty());
    assert!(!check("POST", "/channels/5/messages", &json!({"content": 5})).is_empty());
    assert!(!check(
        "POST",
        "/channels/5/messages",
        &json!({"content": "x".repeat(4001)})
    )
    .is_empty());
    let bad_callback = json!({"type": 4, "data": {"embeds": [{"title": "x".repeat(300)}]}});
    assert!(!check("POST", "/interactions/1/t/callback", &bad_callback).is_empty());
    let good_callback = json!({"type": 4, "data": {"content": "ok", "flags": 64}});
    assert!(
        check("POST", "/interactions/1/t/callback", &good_callback).is_empty(),
        "{:?}",
        check("POST", "/interactions/1/t/callback", &good_callback)
    );
}

#[tokio::test]
async fn built_interactions_deserialize_in_serenity() {
    let fake = FakeDiscord::start().await;
    // Pretend the bot registered one command with a subcommand, a string and a role option.
    let client = reqwest::Client::new();
    let registered = json!([{
        "name": "community", "description": "d", "type": 1,
        "options": [{"type": 1, "name": "setup", "description": "d", "options": [
            {"type": 3, "name": "name", "description": "d", "required": true},
            {"type": 8, "name": "organizer_role", "description": "d"}
        ]}]
    }]);
    let url = format!(
        "{}/api/v10/applications/{}/commands",
        fake.api_url(),
        fake.application_id()
    );
    let answer = client
        .put(url)
        .header("content-type", "application/json")
        .body(registered.to_string())
        .send()
        .await
        .unwrap();
    assert!(answer.status().is_success());
    let member = Member::manager(5).with_roles(&[77]);
    for invocation in [
        Invocation::new("community setup", &member)
            .opt("name", "Circle")
            .opt("organizer_role", "77"),
        Invocation::new("community setup", &member).autocomplete("name", "Cir"),
    ] {
        let payload = interactions::build(&fake, 42, &invocation);
        let parsed: serenity::Interaction = serde_json::from_value(payload.clone())
            .unwrap_or_else(|e| panic!("serenity refuses {payload}: {e}"));
        match parsed {
            serenity::Interaction::Command(c) | serenity::Interaction::Autocomplete(c) => {
                assert_eq!(c.data.name, "community");
                let m = c.member.expect("member");
                assert!(m.permissions.expect("permissions").manage_guild());
                assert_eq!(c.app_permissions.map(|p| p.manage_events()), Some(true));
            }
            other => panic!("unexpected interaction kind {other:?}"),
        }
    }
}

#[test]
fn spec_validation_covers_command_registration() {
    let path = "/applications/1/commands";
    let good = json!([{"name": "help", "description": "What Steward does", "type": 1}]);
    assert!(
        check("PUT", path, &good).is_empty(),
        "{:?}",
        check("PUT", path, &good)
    );
    let long = json!([{"name": "help", "description": "x".repeat(101), "type": 1}]);
    assert!(
        !check("PUT", path, &long).is_empty(),
        "a 101-char description must be refused"
    );
}

#[tokio::test]
async fn injected_faults_answer_once_then_normal_service_resumes() {
    let fake = FakeDiscord::start().await;
    fake.inject("POST", "/channels/9/messages", 429, 1.5);
    fake.inject("POST", "/channels/9/messages", 500, 0.0);
    fake.inject("*", "/channels/9", 403, 0.0);
    let client = reqwest::Client::new();
    let url = format!("{}/api/v10/channels/9/messages", fake.api_url());
    let mut statuses = Vec::new();
    let mut retry_after = None;
    for _ in 0..4 {
        let answer = client
            .post(&url)
            .header("content-type", "application/json")
            .body(json!({"content": "hello"}).to_string())
            .send()
            .await
            .unwrap();
        if answer.status() == 429 {
            retry_after = answer
                .headers()
                .get("retry-after")
                .map(|v| v.to_str().unwrap().to_owned());
        }
        statuses.push(answer.status().as_u16());
    }
    assert_eq!(statuses, [429, 500, 403, 200]);
    assert_eq!(retry_after.as_deref(), Some("2"));
    assert_eq!(fake.requests().len(), 4);
}

#[tokio::test]
async fn messages_the_fake_returns_deserialize_in_serenity() {
    let fake = FakeDiscord::start().await;
    let client = reqwest::Client::new();
    let body = json!({"content": "hi", "flags": 64, "allowed_mentions": {"parse": []},
                      "embeds": [{"title": "t", "description": "d", "color": 1}], "attachments": []});
    for url in [
        format!("{}/api/v10/channels/9/messages", fake.api_url()),
        format!("{}/api/v10/webhooks/1/tok", fake.api_url()),
    ] {
        let answer = client
            .post(url.clone())
            .header("content-type", "application/json")
            .body(body.to_string())
            .send()
            .await
            .unwrap();
        let value: serde_json::Value =
            serde_json::from_slice(&answer.bytes().await.unwrap()).unwrap();
        let parsed: Result<serenity::Message, _> = serde_json::from_value(value.clone());
        assert!(parsed.is_ok(), "{url}: {value}: {:?}", parsed.err());
    }
}

#[test]
fn documented_integer_attachment_ids_pass_but_other_attachment_errors_do_not() {
    let path = "/interactions/1/t/callback";
    let with_file = |attachment: serde_json::Value| json!({"type": 4, "data": {"content": "file", "attachments": [attachment]}});
    let documented = with_file(json!({"id": 0, "filename": "a.ics", "description": "calendar"}));
    assert!(
        check("POST", path, &documented).is_empty(),
        "{:?}",
        check("POST", path, &documented)
    );
    let empty_name = with_file(json!({"id": 0, "filename": "", "description": "calendar"}));
    assert!(!check("POST", path, &empty_name).is_empty());
    let no_id = with_file(json!({"filename": "a.ics"}));
    assert!(!check("POST", path, &no_id).is_empty());
}

#[tokio::test]
async fn built_clicks_deserialize_in_serenity() {
    let fake = FakeDiscord::start().await;
    let payload = interactions::click(
        &fake,
        43,
        &Member::regular(7),
        interactions::CHANNEL,
        "st:claim:1:0",
    );
    let parsed: serenity::Interaction = serde_json::from_value(payload.clone())
        .unwrap_or_else(|e| panic!("serenity refuses {payload}: {e}"));
    match parsed {
        serenity::Interaction::Component(c) => {
            assert_eq!(c.data.custom_id, "st:claim:1:0");
            assert_eq!(c.user.id.get(), 7);
            assert_eq!(c.channel_id.get(), interactions::CHANNEL);
        }
        other => panic!("unexpected interaction kind {other:?}"),
    }
}

#[tokio::test]
async fn built_user_selections_deserialize_in_serenity() {
    let fake = FakeDiscord::start().await;
    let payload = interactions::select_users(
        &fake,
        44,
        &Member::manager(7),
        interactions::CHANNEL,
        "st:attadd:1:0",
        &[5, 6],
    );
    let parsed: serenity::Interaction = serde_json::from_value(payload.clone())
        .unwrap_or_else(|e| panic!("serenity refuses {payload}: {e}"));
    let serenity::Interaction::Component(c) = parsed else {
        panic!("not a component")
    };
    match c.data.kind {
        serenity::ComponentInteractionDataKind::UserSelect { values } => {
            assert_eq!(values.iter().map(|u| u.get()).collect::<Vec<_>>(), [5, 6]);
        }
        other => panic!("unexpected kind {other:?}"),
    }
}

#[tokio::test]
async fn built_form_submissions_deserialize_in_serenity() {
    let fake = FakeDiscord::start().await;
    let fields = [
        ("title".to_owned(), "Hi 👋".to_owned()),
        ("body".to_owned(), "Text".to_owned()),
    ];
    let payload = interactions::submit_form(
        &fake,
        45,
        &Member::regular(7),
        interactions::CHANNEL,
        "snf:add:0:0",
        &fields,
    );
    let parsed: serenity::Interaction = serde_json::from_value(payload.clone())
        .unwrap_or_else(|e| panic!("serenity refuses {payload}: {e}"));
    let serenity::Interaction::Modal(m) = parsed else {
        panic!("not a form submission")
    };
    assert_eq!(m.data.custom_id, "snf:add:0:0");
    let values: Vec<(String, Option<String>)> = m
        .data
        .components
        .iter()
        .flat_map(|row| row.components.iter())
        .filter_map(|c| match c {
            serenity::ActionRowComponent::InputText(t) => {
                Some((t.custom_id.clone(), t.value.clone()))
            }
            _ => None,
        })
        .collect();
    assert_eq!(values[0], ("title".to_owned(), Some("Hi 👋".to_owned())));
    assert_eq!(values.len(), 2);
}

#[tokio::test]
async fn built_message_menu_uses_deserialize_in_serenity() {
    let fake = FakeDiscord::start().await;
    let client = reqwest::Client::new();
    let registered = json!([{"name": "Archive as practice note", "type": 3}]);
    let url = format!(
        "{}/api/v10/applications/{}/commands",
        fake.api_url(),
        fake.application_id()
    );
    client
        .put(url)
        .header("content-type", "application/json")
        .body(registered.to_string())
        .send()
        .await
        .unwrap();
    let author = Member::regular(9);
    let message = interactions::user_message(
        555,
        interactions::CHANNEL,
        &author,
        "A tip **worth** keeping",
    );
    let payload = interactions::message_menu(
        &fake,
        46,
        &Member::regular(7),
        interactions::CHANNEL,
        "Archive as practice note",
        &message,
    );
    let parsed: serenity::Interaction = serde_json::from_value(payload.clone())
        .unwrap_or_else(|e| panic!("serenity refuses {payload}: {e}"));
    let serenity::Interaction::Command(c) = parsed else {
        panic!("not a command")
    };
    assert_eq!(c.data.kind, serenity::CommandType::Message);
    let target = c
        .data
        .resolved
        .messages
        .values()
        .next()
        .expect("the resolved message");
    assert_eq!(target.content, "A tip **worth** keeping");
    assert_eq!(target.author.id.get(), 9);
}
