//! The WebSocket gateway: HELLO, IDENTIFY → READY, heartbeats, dispatches pushed by the test, and a way to
//! drop the connection. Every frame is recorded. Like Discord, each session runs the shard it identified
//! with, and a dispatch goes to every session of its guild's shard.

use super::state::{GatewayCommand, Session, State};
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::response::Response;
use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use std::sync::atomic::Ordering;
use std::sync::Arc;
use tokio::sync::mpsc;

pub async fn upgrade(
    axum::extract::State(state): axum::extract::State<Arc<State>>,
    ws: WebSocketUpgrade,
) -> Response {
    ws.on_upgrade(move |socket| connection(state, socket))
}

async fn connection(state: Arc<State>, socket: WebSocket) {
    let (mut sink, mut stream) = socket.split();
    let (tx, mut rx) = mpsc::unbounded_channel::<GatewayCommand>();
    let mut seq: u64 = 0;
    let hello = json!({"op": 10, "s": null, "t": null, "d": {"heartbeat_interval": 41250}});
    if send(&state, &mut sink, hello).await.is_err() {
        return;
    }
    loop {
        tokio::select! {
            incoming = stream.next() => {
                let Some(Ok(message)) = incoming else { break };
                match message {
                    Message::Text(text) => {
                        let frame: Value = serde_json::from_str(text.as_str()).unwrap_or(json!({"raw": text.as_str()}));
                        state.record_frame(true, frame.clone());
                        let reply = match frame["op"].as_u64() {
                            Some(1) => Some(json!({"op": 11, "s": null, "t": null, "d": null})),
                            Some(2) => {
                                state.identifies.fetch_add(1, Ordering::SeqCst);
                                let shard = &frame["d"]["shard"];
                                let session = Session {
                                    shard: shard[0].as_u64().unwrap_or(0),
                                    total: shard[1].as_u64().unwrap_or(1),
                                    tx: tx.clone(),
                                };
                                let ready = ready_payload(&state, &session);
                                {
                                    let mut sessions = state.sessions.lock().unwrap();
                                    sessions.retain(|s| !s.tx.same_channel(&tx));
                                    sessions.push(session);
                                }
                                state.changed.notify_waiters();
                                seq += 1;
                                Some(dispatch(seq, "READY", ready))
                            }
                            // No sessions to resume here: make the shard identify again.
                            Some(6) => Some(json!({"op": 9, "s": null, "t": null, "d": false})),
                            _ => None,
                        };
                        if let Some(reply) = reply {
                            if send(&state, &mut sink, reply).await.is_err() {
                                break;
                            }
                        }
                    }
                    Message::Close(frame) => {
                        let code = frame.map(|f| f.code).unwrap_or(0);
                        state.record_frame(true, json!({"close": code}));
                        break;
                    }
                    _ => {}
                }
            }
            command = rx.recv() => match command {
                Some(GatewayCommand::Dispatch(kind, data)) => {
                    seq += 1;
                    if send(&state, &mut sink, dispatch(seq, &kind, data)).await.is_err() { break }
                }
                Some(GatewayCommand::Drop) | None => break,
            }
        }
    }
    state
        .sessions
        .lock()
        .unwrap()
        .retain(|s| !s.tx.same_channel(&tx));
    state.changed.notify_waiters();
}

fn dispatch(seq: u64, kind: &str, data: Value) -> Value {
    json!({"op": 0, "s": seq, "t": kind, "d": data})
}

async fn send(
    state: &State,
    sink: &mut futures_util::stream::SplitSink<WebSocket, Message>,
    frame: Value,
) -> Result<(), axum::Error> {
    state.record_frame(false, frame.clone());
    sink.send(Message::Text(frame.to_string().into())).await
}

fn ready_payload(state: &State, session: &Session) -> Value {
    json!({
        "v": 10,
        "user": super::bot_user(state),
        "guilds": [],
        "session_id": format!("fake-session-{}", state.identifies.load(Ordering::SeqCst)),
        "resume_gateway_url": format!("ws://127.0.0.1:{}/ws", state.port),
        "shard": [session.shard, session.total],
        "application": {"id": state.application_id.to_string(), "flags": 0},
        "private_channels": [],
    })
}
