//! What operating the bot needs from the database: a health probe, the due-queue depth, the pool's use,
//! and which process runs which gateway shard (to tell when two run the same one).

use super::{to_unix, Store, StoreError};
use chrono::{DateTime, Utc};

const PING: &str = "SELECT 1";
// Not community data: a count over every community, for the operator's metrics.
const DUE_COUNT: &str =
    "SELECT COUNT(*) FROM posts WHERE sent_at IS NULL AND dropped_at IS NULL AND due_at <= $1";

const SEEN_SHARD: &str =
    "INSERT INTO shard_sessions (shard, total, worker, seen_at) VALUES ($1, $2, $3, $4) \
     ON CONFLICT (shard, worker) DO UPDATE SET total = $2, seen_at = $4";
const OTHERS: &str =
    "SELECT shard, total, worker FROM shard_sessions WHERE worker <> $1 AND seen_at >= $2 \
     ORDER BY shard, worker";
const GONE_SHARDS: &str = "DELETE FROM shard_sessions WHERE worker = $1 OR seen_at < $2";

/// A shard another live process runs: shard, its total, that process.
pub type OtherShard = (i64, i64, String);

impl Store {
    /// Records that `worker` runs `shard` of `total` at `now`, and returns what other processes seen
    /// since `since` run.
    pub async fn shard_seen(
        &self,
        worker: &str,
        shards: &[(u32, u32)],
        now: DateTime<Utc>,
        since: DateTime<Utc>,
    ) -> Result<Vec<OtherShard>, StoreError> {
        for (shard, total) in shards {
            sqlx::query(SEEN_SHARD)
                .bind(i64::from(*shard))
                .bind(i64::from(*total))
                .bind(worker.to_owned())
                .bind(to_unix(now))
                .execute(self.pool())
                .await?;
        }
        Ok(sqlx::query_as(OTHERS)
            .bind(worker.to_owned())
            .bind(to_unix(since))
            .fetch_all(self.pool())
            .await?)
    }

    /// Forgets `worker`'s shards (it is stopping) and every record older than `before`.
    pub async fn shards_gone(&self, worker: &str, before: DateTime<Utc>) -> Result<(), StoreError> {
        sqlx::query(GONE_SHARDS)
            .bind(worker.to_owned())
            .bind(to_unix(before))
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Asks the database for one row: it answers, or says why not.
    pub async fn ping(&self) -> Result<(), StoreError> {
        let _: i32 = sqlx::query_scalar(PING).fetch_one(self.pool()).await?;
        Ok(())
    }

    /// How many automatic posts are due at `now` and not yet sent.
    pub async fn due_post_count(&self, now: DateTime<Utc>) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar(DUE_COUNT)
            .bind(to_unix(now))
            .fetch_one(self.pool())
            .await?)
    }

    /// This process's pool: connections open, and of those idle.
    pub fn pool_use(&self) -> (u32, u32) {
        let pool = self.pool();
        (
            pool.size(),
            u32::try_from(pool.num_idle()).unwrap_or(u32::MAX),
        )
    }
}
