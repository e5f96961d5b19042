//! What operating the bot needs from the database: a health probe, the due-queue depth, the pool's use.

use super::{to_unix, Store, StoreError};
use chrono::{DateTime, Utc};

const PING: &str = "SELECT 1";
// Not community data: a count over every community, for the operator's metrics.
const DUE_COUNT: &str =
    "SELECT COUNT(*) FROM posts WHERE sent_at IS NULL AND dropped_at IS NULL AND due_at <= $1";

impl Store {
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
