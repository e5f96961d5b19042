//! A community's time zone changes: either its gatherings keep their moments (only the zone changes,
//! and the local times shown with it), or they keep their local wall-clock times in the new zone and
//! so move — series read in the new zone from then on, every upcoming date (cancelled ones too, so the
//! calendar's exceptions still match) shifted by what the change means on its own day.

use super::{from_unix, to_unix, Store, StoreError};
use crate::domain::gathering::GatheringId;
use crate::domain::ids::CommunityId;
use crate::domain::zone::same_wall_clock;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;

const SET_ZONE: &str =
    "UPDATE communities SET time_zone = $2, updated_at = $3, settings_revision = settings_revision + 1 \
     WHERE id = $1 AND time_zone = $4";
const OPEN_SERIES: &str =
    "SELECT id, time_zone, materialized_until FROM series WHERE community_id = $1 \
     AND (until_at IS NULL OR until_at > $2) ORDER BY id";
// The series first (the order end-series and the horizon take: series, then gatherings), and its
// horizon no later than where the new zone puts it, so no date falls between the two.
const SET_SERIES_ZONE: &str = "UPDATE series SET time_zone = $2, materialized_until = $4 \
     WHERE id = $1 AND community_id = $3";
// Every date of the open series still to come, whatever its status, and the one-offs still on.
const TO_SHIFT: &str = concat!(
    "SELECT g.id, g.series_id, g.start_at, g.end_at, g.original_start, g.status FROM gatherings g \
     WHERE g.community_id = $1 AND g.start_at > $2 AND (g.series_id IN \
     (SELECT s.id FROM series s WHERE s.community_id = $1 AND (s.until_at IS NULL OR s.until_at > $2)) \
     OR (g.series_id IS NULL AND g.status IN ",
    sql_status!(on),
    ")) ORDER BY g.id"
);
const SHIFT: &str = "UPDATE gatherings SET start_at = $2, end_at = $3, original_start = $4, \
     event_dirty = 1, event_retry_at = 0, event_attempts = 0, revision = revision + 1, updated_at = $5 \
     WHERE id = $1 AND community_id = $6";

/// What a zone change did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rezoned {
    /// The gatherings still on whose moment moved (each keeps its local time in the new zone).
    pub moved: Vec<GatheringId>,
    /// Series now read in the new zone.
    pub series: u64,
}

impl Store {
    /// Changes the community's zone from `from` to `to`. With `keep_wall_clock`, series are read in
    /// `to` and upcoming gatherings keep their local times there (their moments move); otherwise only
    /// the zone changes. `None` when the zone is no longer `from` (changed meanwhile): nothing done.
    #[tracing::instrument(skip(self))]
    pub async fn change_zone(
        &self,
        community: CommunityId,
        from: Tz,
        to: Tz,
        keep_wall_clock: bool,
        now: DateTime<Utc>,
    ) -> Result<Option<Rezoned>, StoreError> {
        let mut tx = self.begin_write().await?;
        let changed = sqlx::query(SET_ZONE)
            .bind(community.0)
            .bind(to.name().to_owned())
            .bind(to_unix(now))
            .bind(from.name().to_owned())
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if changed == 0 {
            tx.rollback().await?;
            return Ok(None);
        }
        let mut done = Rezoned::default();
        if keep_wall_clock {
            let series: Vec<(i64, String, i64)> = sqlx::query_as(OPEN_SERIES)
                .bind(community.0)
                .bind(to_unix(now))
                .fetch_all(&mut *tx)
                .await?;
            for (id, zone, materialized) in &series {
                let was = zone.parse::<Tz>().unwrap_or(from);
                let horizon = (*materialized).min(to_unix(same_wall_clock(
                    from_unix(*materialized)?,
                    was,
                    to,
                )));
                sqlx::query(SET_SERIES_ZONE)
                    .bind(id)
                    .bind(to.name().to_owned())
                    .bind(community.0)
                    .bind(horizon)
                    .execute(&mut *tx)
                    .await?;
            }
            let rows: Vec<(i64, Option<i64>, i64, i64, i64, String)> = sqlx::query_as(TO_SHIFT)
                .bind(community.0)
                .bind(to_unix(now))
                .fetch_all(&mut *tx)
                .await?;
            for (id, series_id, start, end, original, status) in rows {
                // A series' dates were read in the series' own zone; a one-off's in the community's.
                let was = series_id
                    .and_then(|s| series.iter().find(|(id, _, _)| *id == s))
                    .and_then(|(_, zone, _)| zone.parse::<Tz>().ok())
                    .unwrap_or(from);
                let shift = |t: i64| -> Result<i64, StoreError> {
                    Ok(to_unix(same_wall_clock(from_unix(t)?, was, to)))
                };
                let (new_start, new_end, new_original) =
                    (shift(start)?, shift(end)?, shift(original)?);
                if new_start == start && new_end == end && new_original == original {
                    continue;
                }
                sqlx::query(SHIFT)
                    .bind(id)
                    .bind(new_start)
                    .bind(new_end)
                    .bind(new_original)
                    .bind(to_unix(now))
                    .bind(community.0)
                    .execute(&mut *tx)
                    .await?;
                if matches!(status.as_str(), "scheduled" | "moved") {
                    done.moved.push(GatheringId(id));
                }
            }
            done.series = series.len() as u64;
        }
        tx.commit().await?;
        Ok(Some(done))
    }
}
