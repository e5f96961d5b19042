//! What the bot counts for `/metrics` (Prometheus text, from the `prometheus` crate) and the heartbeats
//! `/healthz` reads. One registry per process, reached from wherever the work happens (the answer path,
//! the posts engine, the event mirror); nothing here blocks or fails.

use prometheus::{
    Encoder, HistogramOpts, HistogramVec, IntCounter, IntCounterVec, IntGauge, IntGaugeVec, Opts,
    Registry, TextEncoder,
};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::LazyLock;

/// Every metric Steward exports.
pub struct Metrics {
    registry: Registry,
    /// Interactions answered, by kind (`command`, `click`, `form`, `autocomplete`).
    pub interactions: IntCounterVec,
    /// Seconds from an interaction reaching the bot to its answer being sent, by kind.
    pub interaction_seconds: HistogramVec,
    /// Automatic posts by what became of an attempt (`sent`, `retried`, `held`, `dropped`, `late`).
    pub posts: IntCounterVec,
    /// Due posts not yet sent (read when scraped).
    pub posts_due: IntGauge,
    /// Scheduled-event requests that failed.
    pub mirror_failures: IntCounter,
    /// Gateway sessions started again after the first (re-identified or resumed), by shard.
    pub gateway_reconnects: IntCounterVec,
    /// Database connections of this process's pool, by state (`idle`, `in_use`).
    pub db_connections: IntGaugeVec,
    /// Seconds of timed database statements (the claim of due posts, the health probe), by statement.
    pub db_query_seconds: HistogramVec,
}

fn counter_vec(registry: &Registry, name: &str, help: &str, labels: &[&str]) -> IntCounterVec {
    let metric = IntCounterVec::new(Opts::new(name, help), labels)
        .unwrap_or_else(|e| panic!("metric {name} is well formed: {e}"));
    registry
        .register(Box::new(metric.clone()))
        .unwrap_or_else(|e| panic!("metric {name} registers once: {e}"));
    metric
}

fn histogram_vec(
    registry: &Registry,
    name: &str,
    help: &str,
    labels: &[&str],
    buckets: Vec<f64>,
) -> HistogramVec {
    let metric = HistogramVec::new(HistogramOpts::new(name, help).buckets(buckets), labels)
        .unwrap_or_else(|e| panic!("metric {name} is well formed: {e}"));
    registry
        .register(Box::new(metric.clone()))
        .unwrap_or_else(|e| panic!("metric {name} registers once: {e}"));
    metric
}

impl Metrics {
    fn new() -> Metrics {
        let registry = Registry::new();
        let latency = vec![
            0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 1.5, 2.5, 5.0,
        ];
        let interactions = counter_vec(
            &registry,
            "steward_interactions_total",
            "Interactions answered, by kind.",
            &["kind"],
        );
        let interaction_seconds = histogram_vec(
            &registry,
            "steward_interaction_seconds",
            "Seconds from an interaction reaching the bot to its answer, by kind.",
            &["kind"],
            latency.clone(),
        );
        let posts = counter_vec(
            &registry,
            "steward_posts_total",
            "Automatic post attempts by result (sent, retried, held, dropped, late).",
            &["result"],
        );
        let mirror_failures = IntCounter::new(
            "steward_event_mirror_failures_total",
            "Scheduled-event requests that failed.",
        )
        .unwrap_or_else(|e| panic!("metric is well formed: {e}"));
        let gateway_reconnects = counter_vec(
            &registry,
            "steward_gateway_reconnects_total",
            "Gateway sessions started again after the first, by shard.",
            &["shard"],
        );
        let posts_due = IntGauge::new("steward_posts_due", "Due automatic posts not yet sent.")
            .unwrap_or_else(|e| panic!("metric is well formed: {e}"));
        let db_connections = IntGaugeVec::new(
            Opts::new(
                "steward_db_connections",
                "Database connections of this process's pool, by state.",
            ),
            &["state"],
        )
        .unwrap_or_else(|e| panic!("metric is well formed: {e}"));
        let db_query_seconds = histogram_vec(
            &registry,
            "steward_db_query_seconds",
            "Seconds of timed database statements, by statement.",
            &["statement"],
            latency,
        );
        for metric in [
            Box::new(mirror_failures.clone()) as Box<dyn prometheus::core::Collector>,
            Box::new(posts_due.clone()),
            Box::new(db_connections.clone()),
        ] {
            registry
                .register(metric)
                .unwrap_or_else(|e| panic!("metric registers once: {e}"));
        }
        for kind in ["command", "click", "form", "autocomplete"] {
            interactions.with_label_values(&[kind]);
            interaction_seconds.with_label_values(&[kind]);
        }
        for result in ["sent", "retried", "held", "dropped", "late"] {
            posts.with_label_values(&[result]);
        }
        Metrics {
            registry,
            interactions,
            interaction_seconds,
            posts,
            posts_due,
            mirror_failures,
            gateway_reconnects,
            db_connections,
            db_query_seconds,
        }
    }

    /// Counts one interaction of `kind` answered after `elapsed`.
    pub fn answered(&self, kind: &str, elapsed: std::time::Duration) {
        self.interactions.with_label_values(&[kind]).inc();
        self.interaction_seconds
            .with_label_values(&[kind])
            .observe(elapsed.as_secs_f64());
    }

    /// Counts one automatic post attempt that ended as `result`.
    pub fn post(&self, result: &str) {
        self.posts.with_label_values(&[result]).inc();
    }

    /// Every metric in Prometheus text format.
    pub fn render(&self) -> String {
        let mut out = Vec::new();
        if let Err(e) = TextEncoder::new().encode(&self.registry.gather(), &mut out) {
            tracing::warn!(error = %e, "could not encode the metrics");
        }
        String::from_utf8(out).unwrap_or_default()
    }
}

/// The process's metrics.
pub static METRICS: LazyLock<Metrics> = LazyLock::new(Metrics::new);

/// When a background loop last went round (Unix seconds; 0 = not yet).
#[derive(Debug, Default)]
pub struct Heartbeat(AtomicI64);

impl Heartbeat {
    /// The loop went round at `unix` seconds.
    pub fn beat(&self, unix: i64) {
        self.0.store(unix, Ordering::Relaxed);
    }

    /// The last round, if any.
    pub fn last(&self) -> Option<i64> {
        Some(self.0.load(Ordering::Relaxed)).filter(|t| *t > 0)
    }
}

/// The gateway shards this process has been READY on: shard → total.
pub static SHARDS: std::sync::Mutex<std::collections::BTreeMap<u32, u32>> =
    std::sync::Mutex::new(std::collections::BTreeMap::new());
/// What the last look at other processes found wrong with the shard split (read by `/healthz`).
pub static SHARD_CONFLICTS: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());

/// The posts engine's heartbeat.
pub static POSTS_ENGINE: Heartbeat = Heartbeat(AtomicI64::new(0));
/// The scheduled-event mirror's heartbeat.
pub static EVENT_MIRROR: Heartbeat = Heartbeat(AtomicI64::new(0));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_show_in_the_text_format() {
        let metrics = Metrics::new();
        metrics.answered("click", std::time::Duration::from_millis(3));
        metrics.post("sent");
        let text = metrics.render();
        assert!(
            text.contains("steward_interactions_total{kind=\"click\"} 1"),
            "{text}"
        );
        assert!(
            text.contains("steward_interactions_total{kind=\"command\"} 0"),
            "{text}"
        );
        assert!(
            text.contains("steward_posts_total{result=\"sent\"} 1"),
            "{text}"
        );
        assert!(text.contains("steward_interaction_seconds_bucket{kind=\"click\",le=\"0.005\"} 1"));
    }
}
