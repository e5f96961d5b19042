//! The HTTP listener (`http.listen`, off by default): `/healthz` says whether this process can do its
//! work — every gateway shard it runs connected, the database answering, the posts engine and the event
//! mirror gone round within their period — with 200, or 503 and a JSON list of reasons; `/metrics` is
//! the Prometheus text of [`crate::metrics`]. Neither shows any community's data; the calendar feeds and
//! public pages on the same listener are [`crate::web`]'s.

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
    /// The shards this process should run.
    pub plan: crate::config::ShardPlan,
    /// Where people reach the listener (`http.public_url`), for the pages' absolute links.
    pub public_url: Option<String>,
}

/// The listener's routes: health and metrics here, calendar feeds and public pages in [`crate::web`].
pub fn router(watched: Watched) -> Router {
    let site = crate::web::Site {
        store: watched.store.clone(),
        clock: watched.clock.clone(),
        public_url: watched
            .public_url
            .as_deref()
            .map(|u| u.trim_end_matches('/').to_owned()),
    };
    Router::new()
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics))
        .with_state(watched)
        .merge(crate::web::router(site))
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
        // serenity starts shards one after another: one not started yet (or that failed to) is missing.
        let expected = match watched.plan.shards() {
            Some(range) => range.collect::<Vec<u32>>(),
            None => crate::metrics::SHARDS
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .values()
                .next()
                .map_or_else(Vec::new, |total| (0..*total).collect()),
        };
        for shard in expected {
            if !stages.iter().any(|(id, _)| *id == shard) {
                problems.push(format!("gateway: shard {shard} has not started"));
            }
        }
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
    problems.extend(
        crate::metrics::SHARD_CONFLICTS
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .iter()
            .cloned(),
    );
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

/// How often a process records its shards and looks at the others'.
const SHARD_LOOK: Duration = Duration::from_secs(30);

/// What is wrong with the split of the gateway between this process (`mine`: shard, total) and the
/// others seen lately (shard, total, process): a shard run twice, or another total.
pub fn shard_conflicts(mine: &[(u32, u32)], others: &[crate::store::OtherShard]) -> Vec<String> {
    let mut found = Vec::new();
    for (shard, total, worker) in others {
        if let Some((_, my_total)) = mine.first().filter(|(_, t)| i64::from(*t) != *total) {
            found.push(format!(
                "gateway: process {worker} runs {total} shards in all, this one {my_total}: give every \
                 process the same total"
            ));
        } else if mine.iter().any(|(s, _)| i64::from(*s) == *shard) {
            found.push(format!(
                "gateway: shard {shard} is also run by process {worker}: its servers' interactions are \
                 handled twice; give each process a range of its own"
            ));
        }
    }
    found.sort();
    found.dedup();
    found
}

/// Records this process's shards every 30 s, and warns (log and `/healthz`) when another live process
/// runs one of them or counts another total. Forgets this process's records when `stop` turns true.
pub async fn watch_shards(
    store: Store,
    worker: String,
    clock: Arc<dyn Clock>,
    mut stop: tokio::sync::watch::Receiver<bool>,
) {
    // Records older than this process's first one may be a crashed predecessor's: only another process
    // that refreshed its record since then counts.
    let mut first_record: Option<chrono::DateTime<chrono::Utc>> = None;
    loop {
        let mine: Vec<(u32, u32)> = crate::metrics::SHARDS
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .iter()
            .map(|(s, t)| (*s, *t))
            .collect();
        if !mine.is_empty() {
            let now = clock.now();
            let recent = now - chrono::Duration::seconds(3 * SHARD_LOOK.as_secs() as i64);
            let since = (*first_record.get_or_insert(now)).max(recent);
            match store.shard_seen(&worker, &mine, now, since).await {
                Ok(others) => {
                    let conflicts = shard_conflicts(&mine, &others);
                    for conflict in &conflicts {
                        tracing::error!(%conflict, "the gateway is split wrongly between processes");
                    }
                    *crate::metrics::SHARD_CONFLICTS
                        .lock()
                        .unwrap_or_else(|p| p.into_inner()) = conflicts;
                }
                Err(e) => tracing::warn!(error = %e, "could not record this process's shards"),
            }
        }
        // Until the first shard is READY, look again soon.
        let pause = if mine.is_empty() {
            Duration::from_secs(1)
        } else {
            SHARD_LOOK
        };
        tokio::select! {
            () = tokio::time::sleep(pause) => {}
            _ = stop.changed() => break,
        }
    }
    let before = clock.now() - chrono::Duration::hours(1);
    if let Err(e) = store.shards_gone(&worker, before).await {
        tracing::warn!(error = %e, "could not forget this process's shards");
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shard_run_twice_or_another_total_is_named() {
        let mine = [(0, 2)];
        assert!(shard_conflicts(&mine, &[(1, 2, "b".into())]).is_empty());
        let twice = shard_conflicts(&mine, &[(0, 2, "b".into())]);
        assert_eq!(twice.len(), 1);
        assert!(
            twice[0].contains("shard 0 is also run by process b"),
            "{twice:?}"
        );
        let totals = shard_conflicts(&mine, &[(3, 4, "c".into())]);
        assert!(
            totals[0].contains("runs 4 shards in all, this one 2"),
            "{totals:?}"
        );
    }
}
