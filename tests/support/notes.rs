//! Helpers for the practice-notes tests: reading a form the bot opened, submitting one, finding buttons.

use super::fake_discord::{FakeDiscord, Member};
use serde_json::Value;
use std::collections::HashMap;

/// The fields of a form (modal) the bot opened: custom id → the text input (value, max_length, …).
pub fn form_fields(answer: &Value) -> HashMap<String, Value> {
    assert_eq!(answer["type"], 9, "expected a form: {answer}");
    answer["data"]["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .map(|input| (input["custom_id"].as_str().unwrap_or("").to_owned(), input))
        .collect()
}

/// The prefilled value of a form field ("" when none).
pub fn prefilled(answer: &Value, field: &str) -> String {
    form_fields(answer)
        .get(field)
        .and_then(|f| f["value"].as_str())
        .unwrap_or("")
        .to_owned()
}

/// The custom id of a form the bot opened.
pub fn form_id(answer: &Value) -> String {
    answer["data"]["custom_id"]
        .as_str()
        .expect("a form custom id")
        .to_owned()
}

/// Submits a form with these fields and waits for the answer.
pub async fn submit(
    fake: &FakeDiscord,
    member: &Member,
    channel: u64,
    form: &str,
    fields: &[(&str, &str)],
) -> Value {
    let fields: Vec<(String, String)> = fields
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    fake.response_to(fake.submit_form(member, channel, form, &fields))
        .await
}

/// The custom id of the button labelled `label` in an answer.
pub fn button(answer: &Value, label: &str) -> Option<String> {
    answer["data"]["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .find(|b| b["label"] == label)
        .and_then(|b| b["custom_id"].as_str().map(str::to_owned))
}
