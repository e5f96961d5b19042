//! A fake Discord on 127.0.0.1 that the real serenity client talks to: REST under `/api/v10` and a
//! WebSocket gateway. It records every request and frame, validates request bodies against Discord's
//! OpenAPI spec, builds interactions from the commands the bot registered, and injects faults.

mod gateway;
pub mod interactions;
mod rest;
pub mod spec;
mod state;

#[allow(unused_imports)]
pub use interactions::{Invocation, Member};
pub use state::{AnswerEvent, Fault, Frame, Request};

use serde_json::{json, Value};
use state::{GatewayCommand, State};
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;

/// How long a test waits for the bot before failing.
pub const WAIT: Duration = Duration::from_secs(20);

/// A running fake; stops when dropped.
pub struct FakeDiscord {
    state: Arc<State>,
    server: tokio::task::JoinHandle<()>,
}

impl Drop for FakeDiscord {
    fn drop(&mut self) {
        self.server.abort();
    }
}

pub(crate) fn bot_user(state: &State) -> Value {
    json!({
        "id": state.application_id.to_string(),
        "username": "Steward",
        "discriminator": "0000",
        "global_name": null,
        "avatar": null,
        "bot": true,
    })
}

impl FakeDiscord {
    /// Starts on a free loopback port.
    pub async fn start() -> FakeDiscord {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let state = Arc::new(State::new(port));
        let app = axum::Router::new()
            .route("/ws", axum::routing::get(gateway::upgrade))
            .fallback(rest::handle)
            .with_state(state.clone());
        let server = tokio::spawn(async move {
            // No Nagle: a small gateway frame or answer written right after another would otherwise
            // wait for the bot's delayed ACK (up to 40 ms), which no real client sees from Discord.
            use axum::serve::ListenerExt;
            let listener = listener.tap_io(|tcp| {
                tcp.set_nodelay(true).ok();
            });
            axum::serve(listener, app)
                .await
                .expect("fake discord serves");
        });
        FakeDiscord { state, server }
    }

    /// The base URL to give the bot as `discord.api_url`.
    pub fn api_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.state.port)
    }

    /// The bot's application id (as announced in READY).
    pub fn application_id(&self) -> u64 {
        self.state.application_id
    }

    /// Waits until `probe` returns something, or fails the test naming `what`.
    pub async fn wait_for<T>(&self, what: &str, probe: impl Fn(&FakeDiscord) -> Option<T>) -> T {
        self.wait_for_within(WAIT, what, probe).await
    }

    /// The same with a longer (or shorter) patience than [`WAIT`].
    pub async fn wait_for_within<T>(
        &self,
        patience: Duration,
        what: &str,
        probe: impl Fn(&FakeDiscord) -> Option<T>,
    ) -> T {
        let deadline = tokio::time::Instant::now() + patience;
        loop {
            let notified = self.state.changed.notified();
            if let Some(found) = probe(self) {
                return found;
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                if let Some(found) = probe(self) {
                    return found;
                }
                panic!("timed out after {patience:?} waiting for {what}");
            }
        }
    }

    /// Waits for the bot to identify and register its commands; returns the registered commands.
    pub async fn wait_ready(&self) -> Vec<Value> {
        self.wait_for("the bot to identify and register its commands", |f| {
            let identified = f.state.identifies.load(Ordering::SeqCst) > 0
                && !f.state.sessions.lock().unwrap().is_empty();
            let commands = f.commands();
            (identified && !commands.is_empty()).then_some(commands)
        })
        .await
    }

    /// The commands the bot registered last.
    pub fn commands(&self) -> Vec<Value> {
        self.state.commands.lock().unwrap().clone()
    }

    /// Every REST request so far.
    pub fn requests(&self) -> Vec<Request> {
        self.state.requests.lock().unwrap().clone()
    }

    /// The guild scheduled events the bot created, by id (latest state).
    pub fn scheduled_events(&self) -> std::collections::HashMap<u64, Value> {
        self.state.events.lock().unwrap().clone()
    }

    /// Messages created in channels (a repeated nonce does not create one): nonce and body.
    pub fn created_messages(&self) -> Vec<(Option<String>, Value)> {
        self.state.created.lock().unwrap().clone()
    }

    /// `count` members' messages posted in `channel` now (the channel's history grows; no event is
    /// sent to the bot).
    pub fn chat(&self, channel: u64, count: usize) {
        for i in 0..count {
            let id = self.state.next_id();
            let author = Member::regular(500 + i as u64);
            let message = interactions::user_message(id, channel, &author, "chat");
            self.state.messages.lock().unwrap().insert(id, message);
        }
    }

    /// The bot's message `id` as it stands now (its last body, after every edit), if it exists.
    pub fn stored_message(&self, id: u64) -> Option<Value> {
        self.state
            .stored
            .lock()
            .unwrap()
            .get(&id)
            .map(|(_, b)| b.clone())
    }

    /// The bot's messages in `channel` as they stand now, oldest first: (id, body).
    pub fn stored_in(&self, channel: u64) -> Vec<(u64, Value)> {
        let mut found: Vec<(u64, Value)> = self
            .state
            .stored
            .lock()
            .unwrap()
            .iter()
            .filter(|(_, (c, _))| *c == channel)
            .map(|(id, (_, b))| (*id, b.clone()))
            .collect();
        found.sort_by_key(|(id, _)| *id);
        found
    }

    /// Deletes the bot's message `id`, as a moderator would.
    pub fn delete_message(&self, id: u64) {
        self.state.stored.lock().unwrap().remove(&id);
    }

    /// Closes `user`'s DMs: a DM to them fails with Discord's error 50007.
    pub fn close_dms(&self, user: u64) {
        self.state.closed_dms.lock().unwrap().push(user);
    }

    /// The DM channel of `user`.
    pub fn dm_channel(user: u64) -> u64 {
        rest::DM_BASE + user
    }

    /// Delays every POST /channels/{id}/messages answer by `millis`.
    pub fn set_message_latency(&self, millis: u64) {
        self.state
            .message_latency_ms
            .store(millis, Ordering::Relaxed);
    }

    /// Every gateway frame so far.
    pub fn frames(&self) -> Vec<Frame> {
        self.state.frames.lock().unwrap().clone()
    }

    /// Request bodies that broke Discord's spec, and calls the fake does not serve.
    pub fn violations(&self) -> Vec<String> {
        self.state.violations.lock().unwrap().clone()
    }

    /// Fails the test if any request body broke Discord's spec or hit a call the fake does not serve.
    pub fn assert_spec_clean(&self) {
        let violations = self.violations();
        assert!(violations.is_empty(), "spec violations: {violations:#?}");
    }

    /// How many times the bot identified.
    pub fn identify_count(&self) -> u64 {
        self.state.identifies.load(Ordering::SeqCst)
    }

    /// Whether a gateway connection is open.
    pub fn connected(&self) -> bool {
        !self.state.sessions.lock().unwrap().is_empty()
    }

    /// Answers the next matching request with `status` (429 uses `retry_after` seconds).
    pub fn inject(&self, method: &str, path_prefix: &str, status: u16, retry_after: f64) {
        self.push_fault(method, path_prefix, status, retry_after, false, false);
    }

    /// Answers every matching request with `status`, from now on.
    pub fn refuse_always(&self, method: &str, path_prefix: &str, status: u16) {
        self.push_fault(method, path_prefix, status, 0.0, true, false);
    }

    /// Does the next matching request, then answers `status` as if the answer was lost on the way.
    pub fn lose_answer(&self, method: &str, path_prefix: &str, status: u16) {
        self.push_fault(method, path_prefix, status, 0.0, false, true);
    }

    fn push_fault(
        &self,
        method: &str,
        path_prefix: &str,
        status: u16,
        retry_after: f64,
        always: bool,
        after_doing: bool,
    ) {
        self.state.faults.lock().unwrap().push_back(Fault {
            method: method.to_owned(),
            path_prefix: path_prefix.to_owned(),
            status,
            retry_after,
            always,
            after_doing,
        });
    }

    /// Sends a dispatch event as Discord does: to every open session of the shard its guild falls on
    /// (`(guild_id >> 22) % total`; shard 0 when it has no guild).
    pub fn dispatch(&self, kind: &str, data: Value) {
        let guild = data["guild_id"]
            .as_str()
            .and_then(|g| g.parse::<u64>().ok());
        let sessions = self.state.sessions.lock().unwrap();
        let receivers: Vec<&state::Session> =
            sessions.iter().filter(|s| s.receives(guild)).collect();
        assert!(
            !receivers.is_empty(),
            "no gateway session for the shard of guild {guild:?} to dispatch {kind} on"
        );
        for session in receivers {
            session
                .tx
                .send(GatewayCommand::Dispatch(kind.to_owned(), data.clone()))
                .expect("gateway connection open");
        }
    }

    /// The open gateway sessions as (shard, total), in the order they identified.
    pub fn sessions(&self) -> Vec<(u64, u64)> {
        let sessions = self.state.sessions.lock().unwrap();
        sessions.iter().map(|s| (s.shard, s.total)).collect()
    }

    /// Waits until `count` gateway sessions are open.
    pub async fn wait_sessions(&self, count: usize) {
        self.wait_for(&format!("{count} gateway sessions"), |f| {
            (f.sessions().len() >= count).then_some(())
        })
        .await
    }

    /// Puts `channel` in `guild` (interactions from it carry that guild; the default guild otherwise).
    pub fn put_channel_in_guild(&self, channel: u64, guild: u64) {
        self.state
            .channel_guilds
            .lock()
            .unwrap()
            .insert(channel, guild);
    }

    /// The guild `channel` is in.
    pub fn guild_of(&self, channel: u64) -> u64 {
        let guilds = self.state.channel_guilds.lock().unwrap();
        guilds.get(&channel).copied().unwrap_or(interactions::GUILD)
    }

    /// Drops every gateway connection without a close frame (the bot should reconnect).
    pub fn drop_gateway(&self) {
        for session in self.state.sessions.lock().unwrap().iter() {
            session.tx.send(GatewayCommand::Drop).ok();
        }
    }

    /// Sends an interaction built from the registered commands; returns its id.
    pub fn invoke(&self, invocation: &Invocation) -> u64 {
        let id = self.state.next_id();
        let payload = interactions::build(self, id, invocation);
        self.send_interaction(id, invocation.channel, payload)
    }

    /// Clicks a button (by custom id) on a card in `channel`; returns the interaction id.
    pub fn click(&self, member: &Member, channel: u64, custom_id: &str) -> u64 {
        let id = self.state.next_id();
        let payload = interactions::click(self, id, member, channel, custom_id);
        if let Some(on) = self.newest_with_button(channel, custom_id) {
            self.state.clicked.lock().unwrap().insert(id, on);
        }
        self.send_interaction(id, channel, payload)
    }

    /// Picks `values` in the string menu `custom_id` (on the newest message that shows it).
    pub fn choose(&self, member: &Member, channel: u64, custom_id: &str, values: &[&str]) -> u64 {
        let id = self.state.next_id();
        let payload = interactions::choose(self, id, member, channel, custom_id, values);
        if let Some(on) = self.newest_with_button(channel, custom_id) {
            self.state.clicked.lock().unwrap().insert(id, on);
        }
        self.send_interaction(id, channel, payload)
    }

    /// Clicks the button `custom_id` on a private message the bot showed `member`.
    pub fn click_private(&self, member: &Member, channel: u64, custom_id: &str) -> u64 {
        let id = self.state.next_id();
        let payload = interactions::click_private(self, id, member, channel, custom_id);
        self.send_interaction(id, channel, payload)
    }

    /// Clicks the button `custom_id` on the bot's message `message` (an older card, say).
    pub fn click_on(&self, member: &Member, channel: u64, message: u64, custom_id: &str) -> u64 {
        let id = self.state.next_id();
        let payload = interactions::click_on(self, id, member, channel, message, custom_id);
        self.state.clicked.lock().unwrap().insert(id, message);
        self.send_interaction(id, channel, payload)
    }

    /// The newest of the bot's messages in `channel` that shows a component `custom_id`.
    pub fn newest_with_button(&self, channel: u64, custom_id: &str) -> Option<u64> {
        self.stored_in(channel)
            .into_iter()
            .rev()
            .find(|(_, body)| {
                body["components"].as_array().is_some_and(|rows| {
                    rows.iter().any(|row| {
                        row["components"]
                            .as_array()
                            .is_some_and(|cs| cs.iter().any(|c| c["custom_id"] == custom_id))
                    })
                })
            })
            .map(|(id, _)| id)
    }

    /// Picks members in a user-select menu; returns the interaction id.
    pub fn select_users(
        &self,
        member: &Member,
        channel: u64,
        custom_id: &str,
        users: &[u64],
    ) -> u64 {
        let id = self.state.next_id();
        let payload = interactions::select_users(self, id, member, channel, custom_id, users);
        self.send_interaction(id, channel, payload)
    }

    /// Sets the upload limit that interactions announce (Discord's `attachment_size_limit`).
    pub fn set_upload_limit(&self, bytes: u64) {
        self.state.upload_limit.store(bytes, Ordering::Relaxed);
    }

    /// Uses the message menu `name` on `message` (see `interactions::user_message`); returns the id.
    pub fn message_menu(&self, member: &Member, channel: u64, name: &str, message: &Value) -> u64 {
        let id = self.state.next_id();
        let payload = interactions::message_menu(self, id, member, channel, name, message);
        self.send_interaction(id, channel, payload)
    }

    /// Submits a form (modal) with these fields; returns the interaction id.
    pub fn submit_form(
        &self,
        member: &Member,
        channel: u64,
        custom_id: &str,
        fields: &[(String, String)],
    ) -> u64 {
        let id = self.state.next_id();
        let payload = interactions::submit_form(self, id, member, channel, custom_id, fields);
        self.send_interaction(id, channel, payload)
    }

    /// Lean mode for benchmarks: no spec check and no log of requests, frames or answers (the fake
    /// then costs every bot the same little, and its memory stays flat). Waiting helpers that read the
    /// log ([`FakeDiscord::response_to`]) do not work in it: use [`FakeDiscord::send_watched`].
    pub fn set_lean(&self, lean: bool) {
        self.state.lean.store(lean, Ordering::Relaxed);
    }

    /// A fresh interaction id.
    pub fn next_id(&self) -> u64 {
        self.state.next_id()
    }

    /// Sends the interaction `payload` (built with `interactions::…` for `id`) and returns when it was
    /// sent and where the fake tells of its answer's arrival: the first callback, then — for a deferred
    /// answer — what replaced it.
    pub fn send_watched(
        &self,
        id: u64,
        channel: u64,
        payload: Value,
    ) -> (
        std::time::Instant,
        tokio::sync::mpsc::UnboundedReceiver<AnswerEvent>,
    ) {
        let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
        self.state.watched.lock().unwrap().insert(id, tx);
        self.state
            .token_channels
            .lock()
            .unwrap()
            .insert(format!("token-{id}"), channel);
        let sent = std::time::Instant::now();
        self.dispatch("INTERACTION_CREATE", payload);
        (sent, rx)
    }

    /// Stops watching interaction `id` (its answer is in).
    pub fn unwatch(&self, id: u64) {
        self.state.watched.lock().unwrap().remove(&id);
        self.state
            .token_channels
            .lock()
            .unwrap()
            .remove(&format!("token-{id}"));
    }

    fn send_interaction(&self, id: u64, channel: u64, payload: Value) -> u64 {
        self.state
            .token_channels
            .lock()
            .unwrap()
            .insert(format!("token-{id}"), channel);
        self.state
            .interactions_sent
            .lock()
            .unwrap()
            .insert(id, std::time::Instant::now());
        self.dispatch("INTERACTION_CREATE", payload);
        id
    }

    /// Waits for the bot's answer to interaction `id` (the callback body). A deferred answer (type 5 or
    /// 6) is followed to what replaced it — the edited original or the first follow-up — and returned
    /// shaped like a direct answer (type 4, or 7 for an edited card), with `"deferred": true`.
    pub async fn response_to(&self, id: u64) -> Value {
        let prefix = format!("/interactions/{id}/");
        let first = self
            .wait_for(&format!("the answer to interaction {id}"), |f| {
                f.requests()
                    .into_iter()
                    .find(|r| r.method == "POST" && r.path.starts_with(&prefix))
                    .and_then(|r| r.body)
            })
            .await;
        let kind = first["type"].as_u64();
        if !matches!(kind, Some(5) | Some(6)) {
            return first;
        }
        let token = format!("/token-{id}");
        self.wait_for(&format!("the deferred answer to interaction {id}"), |f| {
            f.requests().into_iter().find_map(|r| {
                let edit =
                    r.method == "PATCH" && r.path.ends_with(&format!("{token}/messages/@original"));
                let follow_up = r.method == "POST" && r.path.ends_with(&token);
                if !(edit || follow_up) {
                    return None;
                }
                let answer_type = if edit && kind == Some(6) { 7 } else { 4 };
                let mut data = r.body.clone().unwrap_or(json!({}));
                if edit && kind == Some(5) && first["data"]["flags"].as_u64().unwrap_or(0) & 64 != 0
                {
                    data["flags"] = json!(64);
                }
                Some(json!({"type": answer_type, "data": data, "deferred": true}))
            })
        })
        .await
    }

    /// When the answer to interaction `id` (its first callback) reached the fake, after it was sent.
    pub fn answer_delay(&self, id: u64) -> Option<Duration> {
        let sent = *self.state.interactions_sent.lock().unwrap().get(&id)?;
        let prefix = format!("/interactions/{id}/");
        let answered = self
            .requests()
            .into_iter()
            .find(|r| r.method == "POST" && r.path.starts_with(&prefix))?
            .at;
        let sent_at = std::time::SystemTime::now() - sent.elapsed();
        answered.duration_since(sent_at).ok()
    }

    /// Sets how long the fake remembers a message nonce (Discord: a few minutes).
    pub fn set_nonce_window(&self, window: Duration) {
        self.state
            .nonce_window_ms
            .store(window.as_millis() as u64, Ordering::Relaxed);
    }

    /// Sets the bot's permissions that interactions announce (`app_permissions`).
    pub fn set_app_permissions(&self, bits: u64) {
        self.state.app_permissions.store(bits, Ordering::Relaxed);
    }

    /// Makes `channel` a voice channel (GET /channels/{id} answers type 2).
    pub fn add_voice_channel(&self, channel: u64) {
        self.state.voice_channels.lock().unwrap().insert(channel);
    }

    /// The files attached to the answer to interaction `id` (its first answer, the deferred answer and
    /// its follow-ups).
    pub fn files_of(&self, id: u64) -> Vec<(String, Vec<u8>)> {
        let prefix = format!("/interactions/{id}/");
        let token = format!("/token-{id}");
        self.requests()
            .into_iter()
            .filter(|r| {
                r.path.starts_with(&prefix)
                    || (r.path.starts_with("/webhooks/")
                        && r.path.contains(&token)
                        && r.method != "DELETE")
            })
            .flat_map(|r| r.files)
            .collect()
    }

    /// Sends a slash command and waits for its answer.
    pub async fn run(&self, invocation: &Invocation) -> Value {
        let id = self.invoke(invocation);
        self.response_to(id).await
    }

    /// Whether the bot sent a close frame on the gateway (a clean shutdown).
    pub fn bot_closed_gateway(&self) -> bool {
        self.frames()
            .iter()
            .any(|f| f.from_bot && f.json.get("close").is_some())
    }
}
