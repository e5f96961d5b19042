//! REST under `/api/v10`: records and validates every request, injects faults, and answers the calls
//! serenity and poise make with minimal but complete Discord objects.

use super::spec;
use super::state::{Request, State};
use axum::body::Bytes;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};
use std::sync::Arc;

/// DM channels are numbered from here: the DM channel of user `u` is `DM_BASE + u`.
pub const DM_BASE: u64 = 800_000_000_000_000_000;

pub async fn handle(
    axum::extract::State(state): axum::extract::State<Arc<State>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let arrived = std::time::Instant::now();
    let lean = state.lean.load(std::sync::atomic::Ordering::Relaxed);
    let path = uri
        .path()
        .strip_prefix("/api/v10")
        .unwrap_or(uri.path())
        .to_owned();
    let content_type = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let (json_body, files) = parse_body(&content_type, &body);
    if let Some(body) = json_body.as_ref().filter(|_| !lean) {
        let problems = spec::check(method.as_str(), &path, body);
        state.violations.lock().unwrap().extend(problems);
    }
    let authorization = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let latency = state
        .message_latency_ms
        .load(std::sync::atomic::Ordering::Relaxed);
    if latency > 0 && method == Method::POST && path.starts_with("/channels/") {
        tokio::time::sleep(std::time::Duration::from_millis(latency)).await;
    }
    let closed_dm = path
        .strip_prefix("/channels/")
        .and_then(|rest| rest.strip_suffix("/messages"))
        .and_then(|id| id.parse::<u64>().ok())
        .filter(|id| *id > DM_BASE && state.closed_dms.lock().unwrap().contains(&(id - DM_BASE)));
    let (status, response) = match (state.take_fault(method.as_str(), &path), closed_dm) {
        (Some(fault), _) if fault.after_doing => {
            route(
                &state,
                &method,
                &path,
                uri.query().unwrap_or(""),
                json_body.as_ref(),
            );
            fault_response(&fault)
        }
        (Some(fault), _) => fault_response(&fault),
        (None, Some(_)) if method == Method::POST => {
            let body = json!({"message": "Cannot send messages to this user", "code": 50007});
            (
                StatusCode::FORBIDDEN,
                (StatusCode::FORBIDDEN, Json(body)).into_response(),
            )
        }
        _ => route(
            &state,
            &method,
            &path,
            uri.query().unwrap_or(""),
            json_body.as_ref(),
        ),
    };
    state.answer_arrived(method.as_str(), &path, json_body.as_ref(), arrived);
    state.record_request(Request {
        method: method.to_string(),
        path,
        body: json_body,
        files,
        at: std::time::SystemTime::now(),
        authorization,
        status: status.as_u16(),
    });
    response
}

/// The JSON body (for multipart: its `payload_json` part) and any uploaded files.
fn parse_body(content_type: &str, body: &Bytes) -> (Option<Value>, Vec<(String, Vec<u8>)>) {
    if body.is_empty() {
        return (None, Vec::new());
    }
    let Some(boundary) = content_type
        .strip_prefix("multipart/form-data")
        .and_then(|rest| rest.split("boundary=").nth(1))
        .map(|b| b.trim_matches('"').to_owned())
    else {
        return (serde_json::from_slice(body).ok(), Vec::new());
    };
    let mut json = None;
    let mut files = Vec::new();
    let delimiter = format!("--{boundary}");
    for part in split_bytes(body, delimiter.as_bytes()) {
        let Some(split) = find(part, b"\r\n\r\n") else {
            continue;
        };
        let headers = String::from_utf8_lossy(&part[..split]).to_string();
        let mut content = &part[split + 4..];
        if content.ends_with(b"\r\n") {
            content = &content[..content.len() - 2];
        }
        let field = |key: &str| {
            headers
                .split(&format!("{key}=\""))
                .nth(1)
                .and_then(|rest| rest.split('"').next())
                .map(str::to_owned)
        };
        match (field(" name"), field("filename")) {
            (_, Some(filename)) => files.push((filename, content.to_vec())),
            (Some(name), None) if name == "payload_json" => {
                json = serde_json::from_slice(content).ok()
            }
            _ => {}
        }
    }
    (json, files)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn split_bytes<'a>(body: &'a [u8], delimiter: &[u8]) -> Vec<&'a [u8]> {
    let mut parts = Vec::new();
    let mut rest = body;
    while let Some(at) = find(rest, delimiter) {
        parts.push(&rest[..at]);
        rest = &rest[at + delimiter.len()..];
    }
    parts.push(rest);
    parts
}

fn fault_response(fault: &super::state::Fault) -> (StatusCode, Response) {
    let status = StatusCode::from_u16(fault.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = match fault.status {
        429 => {
            json!({"message": "You are being rate limited.", "retry_after": fault.retry_after, "global": false})
        }
        403 => json!({"message": "Missing Access", "code": 50001}),
        404 => json!({"message": "Unknown Channel", "code": 10003}),
        400 => json!({"message": "Invalid Form Body", "code": 50035}),
        _ => json!({"message": "Internal Server Error", "code": 0}),
    };
    let mut response = (status, Json(body)).into_response();
    if fault.status == 429 {
        let headers = response.headers_mut();
        headers.insert(
            "retry-after",
            fault.retry_after.ceil().to_string().parse().unwrap(),
        );
        headers.insert("x-ratelimit-limit", "5".parse().unwrap());
        headers.insert("x-ratelimit-remaining", "0".parse().unwrap());
        headers.insert(
            "x-ratelimit-reset-after",
            fault.retry_after.to_string().parse().unwrap(),
        );
        headers.insert("x-ratelimit-bucket", "fake-bucket".parse().unwrap());
    }
    (status, response)
}

fn route(
    state: &State,
    method: &Method,
    path: &str,
    query: &str,
    body: Option<&Value>,
) -> (StatusCode, Response) {
    let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
    let ok = |v: Value| (StatusCode::OK, Json(v).into_response());
    match (method.as_str(), parts.as_slice()) {
        ("GET", ["gateway"]) => ok(json!({"url": format!("ws://127.0.0.1:{}/ws", state.port)})),
        ("GET", ["gateway", "bot"]) => ok(json!({
            "url": format!("ws://127.0.0.1:{}/ws", state.port),
            "shards": 1,
            "session_start_limit": {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}
        })),
        ("GET", ["oauth2", "applications", "@me"]) => ok(json!({
            "id": state.application_id.to_string(), "name": "Steward (fake)", "description": "",
            "bot_public": true, "bot_require_code_grant": false, "verify_key": "00", "flags": 0,
            "icon": null, "team": null,
            "owner": {"id": "1", "username": "owner", "discriminator": "0", "avatar": null}
        })),
        ("GET", ["users", "@me"]) => ok(super::bot_user(state)),
        ("POST", ["users", "@me", "channels"]) => {
            let recipient: u64 = body
                .and_then(|b| {
                    b["recipient_id"]
                        .as_str()
                        .map(str::to_owned)
                        .or_else(|| b["recipient_id"].as_u64().map(|n| n.to_string()))
                })
                .and_then(|r| r.parse().ok())
                .unwrap_or(0);
            ok(json!({
                "id": (DM_BASE + recipient).to_string(), "type": 1, "last_message_id": null,
                "recipients": [{"id": recipient.to_string(), "username": format!("user{recipient}"),
                                "discriminator": "0", "global_name": null, "avatar": null}],
            }))
        }
        ("PUT", ["applications", _, "commands"])
        | ("PUT", ["applications", _, "guilds", _, "commands"]) => {
            ok(Value::Array(register_commands(state, body)))
        }
        ("POST", ["interactions", id, token, "callback"]) => {
            if let Some(refused) = interaction_deadline(state, id) {
                return refused;
            }
            if let Some(data) = body
                .and_then(|b| b.get("data"))
                .filter(|_| is_message_callback(body))
            {
                let message = message(state, 1, data);
                let clicked = id
                    .parse::<u64>()
                    .ok()
                    .and_then(|i| state.clicked.lock().unwrap().get(&i).copied());
                if let (Some(7), Some(on)) = (body.and_then(|b| b["type"].as_u64()), clicked) {
                    if let Some((_, Value::Object(now))) = state.stored.lock().unwrap().get_mut(&on)
                    {
                        if let Value::Object(sent) = data {
                            for (field, value) in sent {
                                now.insert(field.clone(), value.clone());
                            }
                        }
                    }
                }
                // Lean (benchmarks): answers are not kept, so memory does not grow with the run.
                let lean = state.lean.load(std::sync::atomic::Ordering::Relaxed);
                if lean {
                    return (
                        StatusCode::NO_CONTENT,
                        StatusCode::NO_CONTENT.into_response(),
                    );
                }
                if body.and_then(|b| b["type"].as_u64()) == Some(4) {
                    let channel = state.channel_of_token(token);
                    let message_id = id_of(&message);
                    state
                        .stored
                        .lock()
                        .unwrap()
                        .insert(message_id, (channel, data.clone()));
                    state
                        .originals
                        .lock()
                        .unwrap()
                        .insert((*token).to_owned(), message_id);
                }
                state
                    .messages
                    .lock()
                    .unwrap()
                    .insert(original_key(id), message);
            }
            (
                StatusCode::NO_CONTENT,
                StatusCode::NO_CONTENT.into_response(),
            )
        }
        ("GET", ["webhooks", _, token, "messages", "@original"]) => {
            let original = state.originals.lock().unwrap().get(*token).copied();
            let stored = original.and_then(|id| {
                state
                    .stored
                    .lock()
                    .unwrap()
                    .get(&id)
                    .map(|(c, b)| (id, *c, b.clone()))
            });
            match stored {
                Some((id, channel, body)) => ok(message_with_id(state, id, channel, &body)),
                None => ok(message(state, state.channel_of_token(token), &json!({}))),
            }
        }
        ("PATCH", ["webhooks", _, token, "messages", "@original"]) => ok(message(
            state,
            state.channel_of_token(token),
            body.unwrap_or(&json!({})),
        )),
        ("DELETE", ["channels", _, "messages", message]) => {
            if let Ok(id) = message.parse::<u64>() {
                state.stored.lock().unwrap().remove(&id);
            }
            (
                StatusCode::NO_CONTENT,
                StatusCode::NO_CONTENT.into_response(),
            )
        }
        ("DELETE", ["webhooks", ..]) => (
            StatusCode::NO_CONTENT,
            StatusCode::NO_CONTENT.into_response(),
        ),
        ("POST", ["webhooks", _, token]) => ok(message(
            state,
            state.channel_of_token(token),
            body.unwrap_or(&json!({})),
        )),
        ("PATCH", ["webhooks", _, token, "messages", _]) => ok(message(
            state,
            state.channel_of_token(token),
            body.unwrap_or(&json!({})),
        )),
        ("POST", ["channels", channel, "messages"]) => ok(create_message(state, channel, body)),
        ("GET", ["channels", channel, "messages"]) => ok(channel_history(state, channel, query)),
        ("GET", ["channels", channel]) => {
            let id: u64 = channel.parse().unwrap_or(0);
            let kind = if state.voice_channels.lock().unwrap().contains(&id) {
                2
            } else {
                0
            };
            let guild = state
                .channel_guilds
                .lock()
                .unwrap()
                .get(&id)
                .copied()
                .unwrap_or(super::interactions::GUILD);
            ok(
                json!({"id": channel, "type": kind, "guild_id": guild.to_string(),
                      "name": format!("channel-{id}"), "position": 0, "permission_overwrites": []}),
            )
        }
        ("POST", ["guilds", guild, "scheduled-events"]) => {
            ok(scheduled_event(state, guild, None, body))
        }
        ("PATCH", ["guilds", guild, "scheduled-events", event]) => {
            match event
                .parse::<u64>()
                .ok()
                .filter(|id| state.events.lock().unwrap().contains_key(id))
            {
                Some(id) => ok(scheduled_event(state, guild, Some(id), body)),
                None => {
                    let body = json!({"message": "Unknown Guild Scheduled Event", "code": 10070});
                    (
                        StatusCode::NOT_FOUND,
                        (StatusCode::NOT_FOUND, Json(body)).into_response(),
                    )
                }
            }
        }
        ("PATCH", ["channels", channel, "messages", message]) => {
            let id = message.parse::<u64>().unwrap_or(0);
            let channel = channel.parse::<u64>().unwrap_or(0);
            let mut stored = state.stored.lock().unwrap();
            // An ephemeral answer belongs to the interaction: the channel's endpoint cannot edit it.
            let ephemeral = |b: &Value| b["flags"].as_u64().is_some_and(|f| f & 64 != 0);
            match stored
                .get_mut(&id)
                .filter(|(c, b)| *c == channel && !ephemeral(b))
            {
                Some((_, current)) => {
                    if let (Value::Object(now), Some(Value::Object(sent))) = (current, body) {
                        for (field, value) in sent {
                            now.insert(field.clone(), value.clone());
                        }
                    }
                    let body = stored.get(&id).map(|(_, b)| b.clone()).unwrap_or_default();
                    drop(stored);
                    ok(message_with_id(state, id, channel, &body))
                }
                None => {
                    let body = json!({"message": "Unknown Message", "code": 10008});
                    (
                        StatusCode::NOT_FOUND,
                        (StatusCode::NOT_FOUND, Json(body)).into_response(),
                    )
                }
            }
        }
        _ => {
            let text = format!("{method} {path}: not served by the fake");
            state.violations.lock().unwrap().push(text);
            (
                StatusCode::NOT_FOUND,
                (
                    StatusCode::NOT_FOUND,
                    Json(json!({"message": "404: Not Found", "code": 0})),
                )
                    .into_response(),
            )
        }
    }
}

/// Discord's rules for an interaction's first answer: within 3 seconds of the interaction (else 404
/// "Unknown interaction", 10062), and only once (else 400, 40060). Both are recorded as violations.
fn interaction_deadline(state: &State, id: &str) -> Option<(StatusCode, Response)> {
    let id: u64 = id.parse().ok()?;
    let sent = state.interactions_sent.lock().unwrap().get(&id).copied()?;
    let late = sent.elapsed();
    if late > std::time::Duration::from_secs(3) {
        state.violations.lock().unwrap().push(format!(
            "interaction {id} answered {} ms after it was sent (Discord's limit is 3,000)",
            late.as_millis()
        ));
        let body = json!({"message": "Unknown interaction", "code": 10062});
        return Some((
            StatusCode::NOT_FOUND,
            (StatusCode::NOT_FOUND, Json(body)).into_response(),
        ));
    }
    if !state.acknowledged.lock().unwrap().insert(id) {
        state
            .violations
            .lock()
            .unwrap()
            .push(format!("interaction {id} was acknowledged twice"));
        let body = json!({"message": "Interaction has already been acknowledged.", "code": 40060});
        return Some((
            StatusCode::BAD_REQUEST,
            (StatusCode::BAD_REQUEST, Json(body)).into_response(),
        ));
    }
    None
}

fn is_message_callback(body: Option<&Value>) -> bool {
    matches!(body.and_then(|b| b["type"].as_u64()), Some(4) | Some(7))
}

fn original_key(interaction_id: &str) -> u64 {
    interaction_id.parse::<u64>().unwrap_or(0)
}

fn register_commands(state: &State, body: Option<&Value>) -> Vec<Value> {
    let list = body.and_then(Value::as_array).cloned().unwrap_or_default();
    let registered: Vec<Value> = list
        .into_iter()
        .map(|mut c| {
            let id = state.next_id().to_string();
            c["id"] = json!(id);
            c["application_id"] = json!(state.application_id.to_string());
            c["version"] = json!(state.next_id().to_string());
            if c.get("type").is_none() {
                c["type"] = json!(1);
            }
            if c.get("description").is_none() {
                c["description"] = json!("");
            }
            c
        })
        .collect();
    *state.commands.lock().unwrap() = registered.clone();
    state.changed.notify_waiters();
    registered
}

/// Discord's nonce rule: the same nonce with `enforce_nonce` in the same channel returns the first
/// message instead of creating a second one (checked and recorded atomically).
fn create_message(state: &State, channel: &str, body: Option<&Value>) -> Value {
    let body = body.cloned().unwrap_or(json!({}));
    let nonce = body
        .get("nonce")
        .filter(|_| body["enforce_nonce"] == json!(true))
        .map(|n| format!("{channel}:{n}"));
    let mut nonces = state.nonces.lock().unwrap();
    let window = std::time::Duration::from_millis(
        state
            .nonce_window_ms
            .load(std::sync::atomic::Ordering::Relaxed),
    );
    if let Some((id, at)) = nonce.as_ref().and_then(|n| nonces.get(n)) {
        if at.elapsed() <= window {
            if let Some(earlier) = state.messages.lock().unwrap().get(id) {
                return earlier.clone();
            }
        }
    }
    let message = message(state, channel.parse().unwrap_or(0), &body);
    state.stored.lock().unwrap().insert(
        id_of(&message),
        (channel.parse().unwrap_or(0), body.clone()),
    );
    let nonce_text = body
        .get("nonce")
        .map(|n| n.as_str().map_or_else(|| n.to_string(), str::to_owned));
    state
        .created
        .lock()
        .unwrap()
        .push((nonce_text, body.clone()));
    let id: u64 = message["id"]
        .as_str()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    state.messages.lock().unwrap().insert(id, message.clone());
    if let Some(nonce) = nonce {
        nonces.insert(nonce, (id, std::time::Instant::now()));
    }
    message
}

/// The channel's messages, newest first (at most `limit`, default 50, up to 100; with `after`, only
/// those after that id), as GET /channels/{id}/messages answers.
fn channel_history(state: &State, channel: &str, query: &str) -> Value {
    let channel = channel.to_owned();
    let param = |name: &str| {
        query
            .split('&')
            .filter_map(|p| p.split_once('='))
            .find(|(k, _)| *k == name)
            .and_then(|(_, v)| v.parse::<u64>().ok())
    };
    // The fake's ids are a counter, not time-based snowflakes: an `after` the fake never issued (one
    // the bot made from a time) stands for "recently", which is every message here.
    let issued = state.next_id.load(std::sync::atomic::Ordering::Relaxed);
    let after = param("after").filter(|a| *a < issued).unwrap_or(0);
    let limit = param("limit").unwrap_or(50).min(100) as usize;
    let mut found: Vec<(u64, Value)> = state
        .messages
        .lock()
        .unwrap()
        .iter()
        .filter(|(id, m)| m["channel_id"] == json!(channel) && **id > after)
        .map(|(id, m)| (*id, m.clone()))
        .collect();
    found.sort_by_key(|m| std::cmp::Reverse(m.0));
    Value::Array(found.into_iter().take(limit).map(|(_, m)| m).collect())
}

/// A full Message object echoing what was sent.
/// A message's id.
fn id_of(message: &Value) -> u64 {
    message["id"]
        .as_str()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

/// The message `id` with `body`, as Discord answers for it.
fn message_with_id(state: &State, id: u64, channel_id: u64, body: &Value) -> Value {
    let mut m = message(state, channel_id, body);
    m["id"] = json!(id.to_string());
    m
}

pub fn message(state: &State, channel_id: u64, body: &Value) -> Value {
    json!({
        "id": state.next_id().to_string(),
        "channel_id": channel_id.to_string(),
        "author": super::bot_user(state),
        "content": body.get("content").cloned().unwrap_or(json!("")),
        "timestamp": "2026-11-24T10:00:00.000000+00:00",
        "edited_timestamp": null,
        "tts": false,
        "mention_everyone": false,
        "mentions": [],
        "mention_roles": [],
        "attachments": [],
        "embeds": body.get("embeds").cloned().unwrap_or(json!([])),
        "components": [],
        "pinned": false,
        "type": 0,
        "flags": body.get("flags").cloned().unwrap_or(json!(0)),
    })
}

/// Creates or updates a scheduled event, merging what was sent over what was there.
fn scheduled_event(state: &State, guild: &str, id: Option<u64>, body: Option<&Value>) -> Value {
    let id = id.unwrap_or_else(|| state.next_id());
    let mut events = state.events.lock().unwrap();
    let event = events.entry(id).or_insert_with(|| {
        json!({
            "id": id.to_string(), "guild_id": guild, "channel_id": null, "creator_id": state.application_id.to_string(),
            "name": "", "description": null, "scheduled_start_time": null, "scheduled_end_time": null,
            "privacy_level": 2, "status": 1, "entity_type": 3, "entity_id": null, "entity_metadata": null,
            "user_count": 0, "image": null,
        })
    });
    if let Some(Value::Object(fields)) = body {
        for (k, v) in fields {
            event[k] = v.clone();
        }
    }
    let snapshot = event.clone();
    drop(events);
    state.changed.notify_waiters();
    snapshot
}
