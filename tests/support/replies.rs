//! Reading the bot's interaction answers in tests.

use serde_json::Value;

const EPHEMERAL: u64 = 1 << 6;

/// Whether only the asker sees the answer.
pub fn is_ephemeral(answer: &Value) -> bool {
    answer["data"]["flags"].as_u64().unwrap_or(0) & EPHEMERAL != 0
}

/// Content plus every embed title, description and field, concatenated.
pub fn text_of(answer: &Value) -> String {
    let data = &answer["data"];
    let mut text = data["content"].as_str().unwrap_or("").to_owned();
    for embed in data["embeds"].as_array().into_iter().flatten() {
        for key in ["title", "description"] {
            text.push_str(embed[key].as_str().unwrap_or(""));
            text.push('\n');
        }
        for field in embed["fields"].as_array().into_iter().flatten() {
            text.push_str(field["name"].as_str().unwrap_or(""));
            text.push('\n');
            text.push_str(field["value"].as_str().unwrap_or(""));
            text.push('\n');
        }
    }
    text
}

/// Every `<t:UNIX:F>` timestamp in the text, in order.
pub fn full_timestamps(text: &str) -> Vec<i64> {
    text.split("<t:")
        .skip(1)
        .filter_map(|rest| rest.split_once(":F>").map(|(n, _)| n))
        .filter_map(|n| n.parse().ok())
        .collect()
}

/// The answer's `allowed_mentions` ping nobody.
pub fn assert_pings_nobody(answer: &Value) {
    let mentions = &answer["data"]["allowed_mentions"];
    assert_eq!(
        mentions["parse"],
        serde_json::json!([]),
        "allowed_mentions must parse nothing: {answer}"
    );
    assert!(
        mentions["roles"].as_array().is_none_or(|r| r.is_empty()),
        "{answer}"
    );
    assert!(
        mentions["users"].as_array().is_none_or(|r| r.is_empty()),
        "{answer}"
    );
}
