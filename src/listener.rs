//! The HTTP listener (`http.listen`, off by default): `/healthz` says whether this process can do its
//! work — every gateway shard it runs connected, the database answering, the posts engine and the event
//! mirror gone round within their period — with 200, or 503 and a JSON list of reasons; `/metrics` is
//! the Prometheus text of [`crate::metrics`]. Neither shows any community's data.

use crate::clock::Clock;
use crate::metrics::{Heartbeat, EVENT_MIRROR, METRICS, POSTS_ENGINE};
use crate::store::Store;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use poise::serenity_prelude as serenity;
use std::sync::Arc;
use std::time::Duration;

/// How long the health probe waits for the database.
const DATABASE_PATIENCE: Duration = Duration::from_secs(2);
/// A background loop that has not gone round for this long (its 300 s period and some slack) is stuck.
const LOOP_PATIENCE_SECONDS: i64 = 420;

/// What the listener reads.
#[derive(Clone)]
pub struct Watched {
    /// The database.
    pub store: Store,
    /// The gateway's shards in this process.
    pub shards: Arc<serenity::ShardManager>,
    /// The time source (for the loops' heartbeats).
    pub clock: Arc<dyn Clock>,
}

/// The listener's routes.
pub fn router(watched: Watched) -> Router {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics))
        .with_state(watched)
}

/// Why this process is not healthy; empty when it is.
pub async fn problems(watched: &Watched) -> Vec<String> {
    let mut problems = Vec::new();
    {
        let runners = watched.shards.runners.lock().await;
        if runners.is_empty() {
            problems.push("gateway: no shard has connected yet".to_owned());
        }
        let mut stages: Vec<(u32, serenity::ConnectionStage)> = runners
            .iter()
            .map(|(id, info)| (id.0, info.stage))
            .collect();
        stages.sort_by_key(|(id, _)| *id);
        for (id, stage) in stages {
            if stage != serenity::ConnectionStage::Connected {
                problems.push(format!("gateway: shard {id} is {stage}"));
            }
        }
    }
    let started = std::time::Instant::now();
    match tokio::time::timeout(DATABASE_PATIENCE, watched.store.ping()).await {
        Ok(Ok(())) => {}
        Ok(Err(e)) => problems.push(format!("database: {e}")),
        Err(_) => problems.push(format!(
            "database: no answer within {} s",
            DATABASE_PATIENCE.as_secs()
        )),
    }
    METRICS
        .db_query_seconds
        .with_label_values(&["health_probe"])
        .observe(started.elapsed().as_secs_f64());
    let now = watched.clock.now().timestamp();
    for (name, beat) in [
        ("posts engine", &POSTS_ENGINE),
        ("event mirror", &EVENT_MIRROR),
    ] {
        if let Some(problem) = stale(name, beat, now) {
            problems.push(problem);
        }
    }
    problems
}

fn stale(name: &str, beat: &Heartbeat, now: i64) -> Option<String> {
    match beat.last() {
        None => Some(format!("{name}: has not started")),
        Some(at) if now - at > LOOP_PATIENCE_SECONDS => {
            Some(format!("{name}: last went round {} s ago", now - at))
        }
        Some(_) => None,
    }
}

async fn healthz(State(watched): State<Watched>) -> Response {
    let problems = problems(&watched).await;
    let (status, body) = if problems.is_empty() {
        (StatusCode::OK, serde_json::json!({"status": "ok"}))
    } else {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            serde_json::json!({"status": "unavailable", "reasons": problems}),
        )
    };
    (
        status,
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body.to_string(),
    )
        .into_response()
}

async fn metrics(State(watched): State<Watched>) -> Response {
    let now = watched.clock.now();
    match tokio::time::timeout(DATABASE_PATIENCE, watched.store.due_post_count(now)).await {
        Ok(Ok(due)) => METRICS.posts_due.set(due),
        Ok(Err(e)) => tracing::warn!(error = %e, "metrics: could not count due posts"),
        Err(_) => tracing::warn!("metrics: the due-post count took too long"),
    }
    let (size, idle) = watched.store.pool_use();
    METRICS
        .db_connections
        .with_label_values(&["idle"])
        .set(i64::from(idle));
    METRICS
        .db_connections
        .with_label_values(&["in_use"])
        .set(i64::from(size.saturating_sub(idle)));
    (
        StatusCode::OK,
        [
            (
                header::CONTENT_TYPE,
                "text/plain; version=0.0.4; charset=utf-8",
            ),
            (header::CACHE_CONTROL, "no-store"),
        ],
        METRICS.render(),
    )
        .into_response()
}

/// Serves the routes on `listener` until `stop` turns true.
pub async fn serve(
    listener: tokio::net::TcpListener,
    watched: Watched,
    mut stop: tokio::sync::watch::Receiver<bool>,
) {
    let shutdown = async move {
        while !*stop.borrow() {
            if stop.changed().await.is_err() {
                break;
            }
        }
    };
    if let Err(e) = axum::serve(listener, router(watched))
        .with_graceful_shutdown(shutdown)
        .await
    {
        tracing::error!(error = %e, "the HTTP listener stopped");
    }
}
