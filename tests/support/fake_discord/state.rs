//! What the fake Discord remembers: every request and gateway frame, spec violations, registered
//! commands, messages, and the faults it is told to inject.

use serde_json::Value;
use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Mutex;
use tokio::sync::{mpsc, Notify};

/// One REST request the bot made.
#[derive(Debug, Clone)]
pub struct Request {
    /// `GET`, `POST`, …
    pub method: String,
    /// The path after `/api/v10`.
    pub path: String,
    /// The JSON body (`payload_json` for multipart), if any.
    pub body: Option<Value>,
    /// Uploaded files (multipart): name and bytes.
    pub files: Vec<(String, Vec<u8>)>,
    /// The `Authorization` header.
    pub authorization: Option<String>,
    /// The answer's status.
    pub status: u16,
    /// When it arrived.
    pub at: std::time::SystemTime,
}

/// A gateway frame, either way.
#[derive(Debug, Clone)]
pub struct Frame {
    /// `true` if the bot sent it.
    pub from_bot: bool,
    /// The frame (close frames are `{"close": code}`).
    pub json: Value,
}

/// A fault to answer instead of the normal response.
#[derive(Debug, Clone)]
pub struct Fault {
    /// Method to match (`*` for any).
    pub method: String,
    /// Path prefix to match (after `/api/v10`).
    pub path_prefix: String,
    /// Status to answer.
    pub status: u16,
    /// For 429: seconds to wait.
    pub retry_after: f64,
    /// Answer every matching request this way (not just the next one).
    pub always: bool,
    /// Do what was asked first, then answer with the fault (an answer lost on the way back).
    pub after_doing: bool,
}

/// What the fake saw of one interaction's answer, when it arrived (benchmarks: see
/// `FakeDiscord::send_watched`).
#[derive(Debug, Clone, Copy)]
pub enum AnswerEvent {
    /// The first callback (`type`: 4 message, 5/6 deferred, 7 card updated, 9 form).
    Callback {
        /// When the request reached the fake.
        at: std::time::Instant,
        /// The callback's type.
        kind: u64,
        /// Whether its message is private (flag 64).
        private: bool,
    },
    /// What replaced a deferred answer: the edited original or the first follow-up.
    Final {
        /// When the request reached the fake.
        at: std::time::Instant,
        /// Whether its message is private (flag 64).
        private: bool,
    },
}

/// The shared state of one fake.
pub struct State {
    /// The application (and bot user) id announced in READY.
    pub application_id: u64,
    /// The port the fake listens on.
    pub port: u16,
    pub(crate) requests: Mutex<Vec<Request>>,
    pub(crate) frames: Mutex<Vec<Frame>>,
    pub(crate) violations: Mutex<Vec<String>>,
    pub(crate) commands: Mutex<Vec<Value>>,
    pub(crate) messages: Mutex<HashMap<u64, Value>>,
    /// The bot's messages as they stand now, by message id: channel and the last body sent (created by
    /// POST, or as an interaction's first answer; changed by PATCH; gone when deleted).
    pub(crate) stored: Mutex<HashMap<u64, (u64, Value)>>,
    /// An interaction token → the id of the message its first answer made.
    pub(crate) originals: Mutex<HashMap<String, u64>>,
    /// A click's interaction id → the message whose button it was (an UPDATE_MESSAGE edits it).
    pub(crate) clicked: Mutex<HashMap<u64, u64>>,
    pub(crate) events: Mutex<HashMap<u64, Value>>,
    pub(crate) token_channels: Mutex<HashMap<String, u64>>,
    /// Messages created in channels (not the ones a repeated nonce returned again): nonce and body.
    pub(crate) created: Mutex<Vec<(Option<String>, Value)>>,
    /// Extra delay before answering POST /channels/{id}/messages, in milliseconds.
    pub(crate) message_latency_ms: AtomicU64,
    /// The upload limit interactions announce (`attachment_size_limit`), in bytes.
    pub(crate) upload_limit: AtomicU64,
    /// Users whose DMs are closed (Discord error 50007 on a DM to them).
    pub(crate) closed_dms: Mutex<Vec<u64>>,
    /// Nonce (`channel:nonce`) → the message it created and when (Discord keeps a nonce for a few minutes).
    pub(crate) nonces: Mutex<HashMap<String, (u64, std::time::Instant)>>,
    /// How long a nonce is remembered (Discord: a few minutes).
    pub(crate) nonce_window_ms: AtomicU64,
    /// When each interaction was sent to the bot, by interaction id.
    pub(crate) interactions_sent: Mutex<HashMap<u64, std::time::Instant>>,
    /// Interactions that got their initial callback.
    pub(crate) acknowledged: Mutex<std::collections::HashSet<u64>>,
    /// The bot's permissions that interactions announce (`app_permissions`).
    pub(crate) app_permissions: AtomicU64,
    /// Channels that are voice channels (GET /channels/{id} answers type 2 for them, else text: 0).
    pub(crate) voice_channels: Mutex<std::collections::HashSet<u64>>,
    pub(crate) faults: Mutex<VecDeque<Fault>>,
    /// Open gateway sessions: each with the shard it identified for (`[id, total]`).
    pub(crate) sessions: Mutex<Vec<Session>>,
    /// Channels placed in another guild than the default one (for guilds on several shards).
    pub(crate) channel_guilds: Mutex<HashMap<u64, u64>>,
    pub(crate) identifies: AtomicU64,
    /// Lean mode (benchmarks): no spec check, no log of requests, frames and answers, so that the fake
    /// costs the same little for every bot and its memory does not grow with the run.
    pub(crate) lean: AtomicBool,
    /// Interactions whose answers someone waits for: id → where to tell them.
    pub(crate) watched: Mutex<HashMap<u64, mpsc::UnboundedSender<AnswerEvent>>>,
    pub(crate) changed: Notify,
    pub(crate) next_id: AtomicU64,
}

/// One open gateway connection and the shard it runs.
#[derive(Debug, Clone)]
pub struct Session {
    /// The shard id it identified with.
    pub shard: u64,
    /// The number of shards it said there are.
    pub total: u64,
    pub(crate) tx: mpsc::UnboundedSender<GatewayCommand>,
}

impl Session {
    /// Whether Discord would deliver `guild`'s events to this session: `(guild_id >> 22) % total`;
    /// events without a guild go to shard 0.
    pub fn receives(&self, guild: Option<u64>) -> bool {
        let total = self.total.max(1);
        guild.map_or(0, |g| (g >> 22) % total) == self.shard
    }
}

/// What the test side asks the gateway connection to do.
#[derive(Debug)]
pub enum GatewayCommand {
    /// Send a dispatch (`t`, `d`).
    Dispatch(String, Value),
    /// Drop the connection without a close frame.
    Drop,
}

impl State {
    pub(crate) fn new(port: u16) -> Self {
        State {
            application_id: 900_000_000_000_000_001,
            port,
            requests: Mutex::default(),
            frames: Mutex::default(),
            violations: Mutex::default(),
            commands: Mutex::default(),
            messages: Mutex::default(),
            stored: Mutex::default(),
            originals: Mutex::default(),
            clicked: Mutex::default(),
            events: Mutex::default(),
            token_channels: Mutex::default(),
            created: Mutex::default(),
            message_latency_ms: AtomicU64::new(0),
            upload_limit: AtomicU64::new(25 * 1024 * 1024),
            closed_dms: Mutex::default(),
            nonces: Mutex::default(),
            nonce_window_ms: AtomicU64::new(5 * 60 * 1000),
            interactions_sent: Mutex::default(),
            acknowledged: Mutex::default(),
            voice_channels: Mutex::default(),
            app_permissions: AtomicU64::new(super::interactions::perms::APP),
            faults: Mutex::default(),
            sessions: Mutex::default(),
            channel_guilds: Mutex::default(),
            identifies: AtomicU64::new(0),
            lean: AtomicBool::new(false),
            watched: Mutex::default(),
            changed: Notify::new(),
            next_id: AtomicU64::new(1_100_000_000_000_000_000),
        }
    }

    /// A fresh snowflake.
    pub fn next_id(&self) -> u64 {
        self.next_id.fetch_add(1, Ordering::Relaxed)
    }

    /// The channel an interaction token was used in (for webhook messages); 1 when unknown.
    pub(crate) fn channel_of_token(&self, token: &str) -> u64 {
        self.token_channels
            .lock()
            .unwrap()
            .get(token)
            .copied()
            .unwrap_or(1)
    }

    pub(crate) fn record_request(&self, request: Request) {
        if self.lean.load(Ordering::Relaxed) {
            return;
        }
        self.requests.lock().unwrap().push(request);
        self.changed.notify_waiters();
    }

    pub(crate) fn record_frame(&self, from_bot: bool, json: Value) {
        if self.lean.load(Ordering::Relaxed) {
            return;
        }
        self.frames.lock().unwrap().push(Frame { from_bot, json });
        self.changed.notify_waiters();
    }

    pub(crate) fn take_fault(&self, method: &str, path: &str) -> Option<Fault> {
        let mut faults = self.faults.lock().unwrap();
        let index = faults.iter().position(|f| {
            (f.method == "*" || f.method == method) && path.starts_with(&f.path_prefix)
        })?;
        if faults[index].always {
            return faults.get(index).cloned();
        }
        faults.remove(index)
    }
}

impl State {
    /// Tells whoever watches an interaction that its answer (or its final form) arrived `at`.
    pub(crate) fn answer_arrived(
        &self,
        method: &str,
        path: &str,
        body: Option<&Value>,
        at: std::time::Instant,
    ) {
        let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
        let flags = |data: Option<&Value>| data.and_then(|d| d["flags"].as_u64()).unwrap_or(0);
        let (id, event) = match (method, parts.as_slice()) {
            ("POST", ["interactions", id, _, "callback"]) => {
                let kind = body.and_then(|b| b["type"].as_u64()).unwrap_or(0);
                let private = flags(body.map(|b| &b["data"])) & 64 != 0;
                (
                    id.parse::<u64>().ok(),
                    AnswerEvent::Callback { at, kind, private },
                )
            }
            ("PATCH", ["webhooks", _, token, "messages", "@original"])
            | ("POST", ["webhooks", _, token]) => (
                token
                    .strip_prefix("token-")
                    .and_then(|i| i.parse::<u64>().ok()),
                AnswerEvent::Final {
                    at,
                    private: flags(body) & 64 != 0,
                },
            ),
            _ => return,
        };
        let Some(id) = id else { return };
        let watched = self.watched.lock().unwrap();
        if let Some(tx) = watched.get(&id) {
            tx.send(event).ok();
        }
    }
}
