//! End to end: the real bot against the fake Discord — start, register commands, /help, /community.

mod support;

use serde_json::Value;
use support::bot::RunningBot;
use support::db::TestDb;
use support::fake_discord::interactions::CHANNEL;
use support::fake_discord::{FakeDiscord, Invocation, Member};

const EPHEMERAL: u64 = 1 << 6;

fn is_ephemeral(answer: &Value) -> bool {
    answer["data"]["flags"].as_u64().unwrap_or(0) & EPHEMERAL != 0
}

fn text_of(answer: &Value) -> String {
    let data = &answer["data"];
    let mut text = data["content"].as_str().unwrap_or("").to_owned();
    for embed in data["embeds"].as_array().into_iter().flatten() {
        text.push_str(embed["title"].as_str().unwrap_or(""));
        text.push_str(embed["description"].as_str().unwrap_or(""));
        for field in embed["fields"].as_array().into_iter().flatten() {
            text.push_str(field["name"].as_str().unwrap_or(""));
            text.push_str(field["value"].as_str().unwrap_or(""));
        }
    }
    text
}

fn assert_pings_nobody(answer: &Value) {
    let mentions = &answer["data"]["allowed_mentions"];
    assert_eq!(mentions["parse"], serde_json::json!([]), "allowed_mentions must parse nothing: {answer}");
    assert!(mentions["roles"].as_array().is_none_or(|r| r.is_empty()), "{answer}");
}

#[tokio::test]
async fn bot_registers_commands_and_answers_help_ephemerally() {
    let fake = FakeDiscord::start().await;
    let db = TestDb::sqlite();
    let bot = RunningBot::start(&fake, db.url()).await;

    let names: Vec<String> = fake.commands().iter().map(|c| c["name"].as_str().unwrap().to_owned()).collect();
    assert!(names.contains(&"help".to_owned()) && names.contains(&"community".to_owned()), "{names:?}");

    let answer = fake.run(&Invocation::new("help", &Member::regular(10))).await;
    assert_eq!(answer["type"], 4);
    assert!(is_ephemeral(&answer), "{answer}");
    assert_pings_nobody(&answer);
    let text = text_of(&answer);
    for command in ["/community setup", "/community settings", "/community info", "/community list", "/help"] {
        assert!(text.contains(command), "help lacks {command}: {text}");
    }

    bot.stop().await;
    assert!(fake.bot_closed_gateway(), "the bot should close the gateway on shutdown");
    assert!(fake.violations().is_empty(), "spec violations: {:#?}", fake.violations());
}
