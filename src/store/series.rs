//! Series: create one with its first occurrences, keep occurrences materialised up to the horizon, end one.

use super::gatherings::{insert_occurrences, NewOccurrence};
use super::{from_unix, to_unix, Store, StoreError};
use crate::domain::gathering::{Series, SeriesId, HORIZON_DAYS};
use crate::domain::ids::CommunityId;
use crate::domain::recurrence::{local_to_utc, Recurrence};
use chrono::{DateTime, Duration, NaiveDateTime, Utc};

const INSERT: &str =
    "INSERT INTO series (community_id, title, location, rrule, dtstart_local, time_zone, \
     duration_minutes, summary, until_at, materialized_until, created_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL, $9, $10) RETURNING id";

macro_rules! columns {
    () => {
        "id, community_id, title, location, rrule, dtstart_local, time_zone, duration_minutes, summary, \
         until_at, materialized_until"
    };
}

const OF_COMMUNITY: &str = concat!(
    "SELECT ",
    columns!(),
    " FROM series WHERE community_id = $1 ORDER BY id"
);
const BEHIND_HORIZON: &str = concat!(
    "SELECT ",
    columns!(),
    " FROM series WHERE community_id = $1 AND materialized_until < $2 \
     AND (until_at IS NULL OR until_at > materialized_until)"
);
pub(super) const BY_ID_FOR_MATERIALIZE: &str =
    concat!("SELECT ", columns!(), " FROM series WHERE id = $1");
/// The same, holding the row until the transaction ends (PostgreSQL; SQLite's writer is single).
pub(super) const BY_ID_FOR_MATERIALIZE_LOCKED: &str = concat!(
    "SELECT ",
    columns!(),
    " FROM series WHERE id = $1 FOR UPDATE"
);
const ALL_BEHIND_HORIZON: &str = concat!(
    "SELECT ",
    columns!(),
    " FROM series WHERE materialized_until < $1 AND (until_at IS NULL OR until_at > materialized_until) LIMIT 500"
);
const DROP_WITHDRAWN_POSTS: &str = concat!(
    "DELETE FROM posts WHERE sent_at IS NULL AND dropped_at IS NULL AND kind IN ",
    sql_kind!(replanned),
    " AND gathering_id IN (SELECT id FROM gatherings WHERE series_id = $1 AND status = ",
    sql_status!(withdrawn),
    ")"
);
const SET_MATERIALIZED: &str = "UPDATE series SET materialized_until = $2 WHERE id = $1";
const SET_UNTIL: &str = "UPDATE series SET until_at = $2 WHERE id = $1 AND until_at IS NULL";
const WITHDRAW_FUTURE: &str = concat!(
    "UPDATE gatherings SET status = ",
    sql_status!(withdrawn),
    ", event_dirty = 1, event_retry_at = 0, event_attempts = 0, \
     revision = revision + 1, updated_at = $3 \
     WHERE series_id = $1 AND start_at >= $2 AND status IN ",
    sql_status!(on)
);

/// A series about to be stored.
#[derive(Debug, Clone)]
pub struct NewSeries {
    /// Title of each gathering.
    pub title: String,
    /// Where each gathering happens, if said (a room, an address, a voice channel mention).
    pub location: Option<String>,
    /// How it repeats: the RRULE, its first local start and the zone it is read in.
    pub recurrence: Recurrence,
    /// Length of each gathering.
    pub duration: Duration,
    /// The rule in words, e.g. `monthly on the first Friday`.
    pub summary: String,
}

#[derive(sqlx::FromRow)]
pub(super) struct SeriesRow {
    id: i64,
    community_id: i64,
    title: String,
    location: Option<String>,
    rrule: String,
    dtstart_local: String,
    time_zone: String,
    duration_minutes: i64,
    summary: String,
    until_at: Option<i64>,
    materialized_until: i64,
}

impl SeriesRow {
    pub(super) fn into_domain(self) -> Result<(Series, DateTime<Utc>), StoreError> {
        let corrupt = |what: &str| StoreError::Corrupt(format!("series {}: bad {what}", self.id));
        let dtstart = NaiveDateTime::parse_from_str(&self.dtstart_local, "%Y-%m-%dT%H:%M:%S")
            .map_err(|_| corrupt("dtstart"))?;
        let zone = self.time_zone.parse().map_err(|_| corrupt("time zone"))?;
        let until = self.until_at.map(from_unix).transpose()?;
        let series = Series {
            id: SeriesId(self.id),
            community: CommunityId(self.community_id),
            title: self.title,
            location: self.location,
            recurrence: Recurrence {
                rrule: self.rrule,
                dtstart,
                zone,
                until,
            },
            duration: Duration::minutes(self.duration_minutes),
            summary: self.summary,
        };
        Ok((series, from_unix(self.materialized_until)?))
    }
}

pub(super) fn occurrences(
    series: &Series,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<NewOccurrence>, StoreError> {
    let starts = series
        .recurrence
        .starts_between(from, to, 10_000)
        .map_err(|e| StoreError::Corrupt(format!("series {}: {e}", series.id.0)))?;
    Ok(starts
        .into_iter()
        .map(|start| NewOccurrence {
            series: Some(series.id),
            start,
            end: start + series.duration,
            title: series.title.clone(),
            location: series.location.clone(),
        })
        .collect())
}

/// Stores the series row (occurrences up to `horizon` are the caller's to insert); returns its id.
pub(super) async fn insert_series(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    community: CommunityId,
    new: &NewSeries,
    horizon: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(INSERT)
        .bind(community.0)
        .bind(new.title.clone())
        .bind(new.location.clone())
        .bind(new.recurrence.rrule.clone())
        .bind(
            new.recurrence
                .dtstart
                .format("%Y-%m-%dT%H:%M:%S")
                .to_string(),
        )
        .bind(new.recurrence.zone.name().to_owned())
        .bind(new.duration.num_minutes())
        .bind(new.summary.clone())
        .bind(to_unix(horizon))
        .bind(to_unix(now))
        .fetch_one(&mut **tx)
        .await?)
}

impl Store {
    /// Stores a series and its occurrences up to the horizon, in one transaction.
    #[tracing::instrument(skip(self, new), fields(title = %new.title))]
    pub async fn create_series(
        &self,
        community: CommunityId,
        new: &NewSeries,
        now: DateTime<Utc>,
    ) -> Result<Series, StoreError> {
        let horizon = now + Duration::days(HORIZON_DAYS);
        let mut tx = self.begin_write().await?;
        let id = insert_series(&mut tx, community, new, horizon, now).await?;
        let series = Series {
            id: SeriesId(id),
            community,
            title: new.title.clone(),
            location: new.location.clone(),
            recurrence: new.recurrence.clone(),
            duration: new.duration,
            summary: new.summary.clone(),
        };
        let first = local_to_utc(series.recurrence.dtstart, series.recurrence.zone);
        insert_occurrences(
            &mut tx,
            community,
            &occurrences(&series, first, horizon)?,
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(series)
    }

    /// Every series of a community (ended ones included).
    pub async fn series_of(&self, community: CommunityId) -> Result<Vec<Series>, StoreError> {
        let rows: Vec<SeriesRow> = sqlx::query_as(OF_COMMUNITY)
            .bind(community.0)
            .fetch_all(self.pool())
            .await?;
        rows.into_iter()
            .map(|r| r.into_domain().map(|(s, _)| s))
            .collect()
    }

    /// Materialises every series of the community up to `now` + horizon (idempotent).
    pub async fn extend_horizon(
        &self,
        community: CommunityId,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let horizon = now + Duration::days(HORIZON_DAYS);
        let rows: Vec<SeriesRow> = sqlx::query_as(BEHIND_HORIZON)
            .bind(community.0)
            .bind(to_unix(horizon))
            .fetch_all(self.pool())
            .await?;
        self.materialize(rows, now).await
    }

    /// Materialises every series of every community up to `now` + horizon (the background task).
    pub async fn extend_all_horizons(&self, now: DateTime<Utc>) -> Result<(), StoreError> {
        let horizon = now + Duration::days(HORIZON_DAYS);
        let rows: Vec<SeriesRow> = sqlx::query_as(ALL_BEHIND_HORIZON)
            .bind(to_unix(horizon))
            .fetch_all(self.pool())
            .await?;
        self.materialize(rows, now).await
    }

    async fn materialize(
        &self,
        rows: Vec<SeriesRow>,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let horizon = now + Duration::days(HORIZON_DAYS);
        for row in rows {
            let id = row.into_domain()?.0.id;
            let mut tx = self.begin_write().await?;
            // Read again inside the write transaction: a series ended (or extended by another
            // process) since the first read must not get occurrences past its end.
            let sql = match self.backend() {
                super::Backend::Postgres => BY_ID_FOR_MATERIALIZE_LOCKED,
                super::Backend::Sqlite => BY_ID_FOR_MATERIALIZE,
            };
            let fresh: Option<SeriesRow> = sqlx::query_as(sql)
                .bind(id.0)
                .fetch_optional(&mut *tx)
                .await?;
            let Some(fresh) = fresh else {
                continue;
            };
            let (series, done_until) = fresh.into_domain()?;
            let new = occurrences(&series, done_until, horizon)?;
            insert_occurrences(&mut tx, series.community, &new, now).await?;
            sqlx::query(SET_MATERIALIZED)
                .bind(series.id.0)
                .bind(to_unix(horizon))
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
        }
        Ok(())
    }

    /// Ends a series: nothing from `now` on; its future gatherings are withdrawn. Returns how many.
    #[tracing::instrument(skip(self))]
    pub async fn end_series(
        &self,
        series: SeriesId,
        now: DateTime<Utc>,
    ) -> Result<u64, StoreError> {
        let mut tx = self.begin_write().await?;
        sqlx::query(SET_UNTIL)
            .bind(series.0)
            .bind(to_unix(now))
            .execute(&mut *tx)
            .await?;
        let withdrawn = sqlx::query(WITHDRAW_FUTURE)
            .bind(series.0)
            .bind(to_unix(now))
            .bind(to_unix(now))
            .execute(&mut *tx)
            .await?
            .rows_affected();
        sqlx::query(DROP_WITHDRAWN_POSTS)
            .bind(series.0)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(withdrawn)
    }
}
