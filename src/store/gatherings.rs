//! Gatherings: one-offs, materialised occurrences, listing, moving, cancelling, and the bookkeeping of
//! their mirrored Discord events.

use super::communities::{community_columns, CommunityRow};
use super::{from_unix, to_unix, Store, StoreError};
use crate::domain::community::Community;
use crate::domain::gathering::{Gathering, GatheringId, SeriesId, Status};
use crate::domain::ids::{ChannelRef, CommunityId, GuildRef};
use chrono::{DateTime, Utc};
use sqlx::{Any, Transaction};

macro_rules! columns {
    () => {
        "g.id AS gathering_id, g.community_id, g.series_id, g.original_start, g.start_at, g.end_at, g.title, g.location, \
         g.status, g.reason"
    };
}

const INSERT_OCCURRENCE: &str = concat!(
    "INSERT INTO gatherings (community_id, series_id, original_start, start_at, \
     end_at, title, location, status, event_dirty, created_at, updated_at) \
     VALUES ($1, $2, $3, $3, $4, $5, $6, ",
    sql_status!(scheduled),
    ", 1, $7, $7) \
     ON CONFLICT (series_id, original_start) DO NOTHING"
);
const INSERT_ONE_OFF: &str = concat!(
    "INSERT INTO gatherings (community_id, series_id, original_start, start_at, end_at, \
     title, location, status, event_dirty, created_at, updated_at) \
     VALUES ($1, NULL, $2, $2, $3, $4, $5, ",
    sql_status!(scheduled),
    ", 1, $6, $6) RETURNING id"
);
const UPCOMING: &str = concat!(
    "SELECT ",
    columns!(),
    " FROM gatherings g WHERE g.community_id = $1 AND g.end_at > $2 \
     AND g.status IN ",
    sql_status!(on),
    " ORDER BY g.start_at, g.id LIMIT $3"
);
const BY_ID: &str = concat!("SELECT ", columns!(), " FROM gatherings g WHERE g.id = $1");
const ONE: &str = concat!(
    "SELECT ",
    columns!(),
    " FROM gatherings g WHERE g.community_id = $1 AND g.id = $2"
);
/// A click's community (by the channel it came from) and the gathering its button names, in one
/// statement: a button pasted into another community's channel finds nothing.
const IN_CHANNEL: &str = concat!(
    "SELECT ",
    community_columns!(),
    ", ",
    columns!(),
    " FROM communities c JOIN gatherings g ON g.community_id = c.id \
     WHERE c.channel_id = $1 AND g.id = $2"
);
#[derive(sqlx::FromRow)]
struct InChannelRow {
    #[sqlx(flatten)]
    community: CommunityRow,
    #[sqlx(flatten)]
    gathering: GatheringRow,
}
const BETWEEN: &str = concat!(
    "SELECT ",
    columns!(),
    " FROM gatherings g WHERE g.community_id = $1 AND g.start_at >= $2 AND g.start_at < $3 \
     AND g.status <> ",
    sql_status!(withdrawn),
    " ORDER BY g.start_at, g.id"
);
const BETWEEN_IN_GUILD: &str = concat!(
    "SELECT ",
    columns!(),
    " FROM gatherings g JOIN communities c ON c.id = g.community_id WHERE c.guild_id = $1 \
     AND g.start_at >= $2 AND g.start_at < $3 AND g.status <> ",
    sql_status!(withdrawn),
    " ORDER BY g.start_at, g.id"
);
/// A series' gatherings from an original start on (withdrawn ones left out), for a change of the series.
pub(super) const SERIES_FROM: &str = concat!(
    "SELECT ",
    columns!(),
    " FROM gatherings g WHERE g.community_id = $1 AND g.series_id = $2 AND g.original_start >= $3 \
     AND g.status <> ",
    sql_status!(withdrawn),
    " ORDER BY g.original_start, g.id"
);
const ALL: &str = concat!(
    "SELECT ",
    columns!(),
    " FROM gatherings g WHERE g.community_id = $1 ORDER BY g.start_at, g.id"
);

/// An occurrence about to be stored.
#[derive(Debug, Clone)]
pub struct NewOccurrence {
    /// Its series (None for a one-off).
    pub series: Option<SeriesId>,
    /// When it starts; also stored as its original start, which a later move keeps.
    pub start: DateTime<Utc>,
    /// When it ends (at most 24 hours after the start).
    pub end: DateTime<Utc>,
    /// What it is called: a cleaned title of 1–100 characters.
    pub title: String,
    /// Where it happens, if said (a room, an address, a voice channel mention).
    pub location: Option<String>,
}

#[derive(sqlx::FromRow)]
pub(super) struct GatheringRow {
    #[sqlx(rename = "gathering_id")]
    id: i64,
    community_id: i64,
    series_id: Option<i64>,
    original_start: i64,
    start_at: i64,
    end_at: i64,
    title: String,
    location: Option<String>,
    status: String,
    reason: Option<String>,
}

impl GatheringRow {
    pub(super) fn into_domain(self) -> Result<Gathering, StoreError> {
        let status = Status::parse(&self.status).ok_or_else(|| {
            StoreError::Corrupt(format!("gathering {}: status {}", self.id, self.status))
        })?;
        Ok(Gathering {
            id: GatheringId(self.id),
            community: CommunityId(self.community_id),
            series: self.series_id.map(SeriesId),
            original_start: from_unix(self.original_start)?,
            start: from_unix(self.start_at)?,
            end: from_unix(self.end_at)?,
            title: self.title,
            location: self.location,
            status,
            reason: self.reason,
        })
    }
}

fn all_into_domain(rows: Vec<GatheringRow>) -> Result<Vec<Gathering>, StoreError> {
    rows.into_iter().map(GatheringRow::into_domain).collect()
}

/// Inserts occurrences of a series; ones that already exist are left as they are (moved or cancelled).
pub(crate) async fn insert_occurrences(
    tx: &mut Transaction<'_, Any>,
    community: CommunityId,
    occurrences: &[NewOccurrence],
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    for o in occurrences {
        sqlx::query(INSERT_OCCURRENCE)
            .bind(community.0)
            .bind(o.series.map(|s| s.0))
            .bind(to_unix(o.start))
            .bind(to_unix(o.end))
            .bind(o.title.clone())
            .bind(o.location.clone())
            .bind(to_unix(now))
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

impl Store {
    /// Stores a one-off gathering.
    pub async fn add_gathering(
        &self,
        community: CommunityId,
        new: &NewOccurrence,
        now: DateTime<Utc>,
    ) -> Result<GatheringId, StoreError> {
        let id: i64 = sqlx::query_scalar(INSERT_ONE_OFF)
            .bind(community.0)
            .bind(to_unix(new.start))
            .bind(to_unix(new.end))
            .bind(new.title.clone())
            .bind(new.location.clone())
            .bind(to_unix(now))
            .fetch_one(self.pool())
            .await?;
        Ok(GatheringId(id))
    }

    /// The next `limit` gatherings that have not ended and are not cancelled (series extended to the
    /// horizon first).
    pub async fn upcoming(
        &self,
        community: CommunityId,
        now: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<Gathering>, StoreError> {
        // The rows of a series reach 13 months ahead: extend them first, so no reader forgets to.
        self.extend_horizon(community, now).await?;
        let rows = sqlx::query_as(UPCOMING)
            .bind(community.0)
            .bind(to_unix(now))
            .bind(limit)
            .fetch_all(self.pool())
            .await?;
        all_into_domain(rows)
    }

    /// The community of `channel` and its gathering `id`, read together (a click needs both).
    pub async fn gathering_in_channel(
        &self,
        channel: ChannelRef,
        id: GatheringId,
    ) -> Result<Option<(Community, Gathering)>, StoreError> {
        let row: Option<InChannelRow> = sqlx::query_as(IN_CHANNEL)
            .bind(channel.to_db())
            .bind(id.0)
            .fetch_optional(self.pool())
            .await?;
        row.map(|r| Ok((r.community.into_domain()?, r.gathering.into_domain()?)))
            .transpose()
    }

    /// One gathering of this community (an id from elsewhere is "not found").
    pub async fn gathering(
        &self,
        community: CommunityId,
        id: GatheringId,
    ) -> Result<Option<Gathering>, StoreError> {
        let row: Option<GatheringRow> = sqlx::query_as(ONE)
            .bind(community.0)
            .bind(id.0)
            .fetch_optional(self.pool())
            .await?;
        row.map(GatheringRow::into_domain).transpose()
    }

    /// A gathering by id, whatever its community: for the posts engine, whose posts carry their own
    /// community. Everything answering a person looks gatherings up by community ([`Store::gathering`]).
    pub(crate) async fn gathering_by_id(
        &self,
        id: GatheringId,
    ) -> Result<Option<Gathering>, StoreError> {
        let row: Option<GatheringRow> = sqlx::query_as(BY_ID)
            .bind(id.0)
            .fetch_optional(self.pool())
            .await?;
        row.map(GatheringRow::into_domain).transpose()
    }

    /// Gatherings starting in `[from, to)`, cancelled ones included, of one community.
    pub async fn gatherings_between(
        &self,
        community: CommunityId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<Gathering>, StoreError> {
        let rows = sqlx::query_as(BETWEEN)
            .bind(community.0)
            .bind(to_unix(from))
            .bind(to_unix(to))
            .fetch_all(self.pool())
            .await?;
        all_into_domain(rows)
    }

    /// The same for every community of a guild.
    pub async fn guild_gatherings_between(
        &self,
        guild: GuildRef,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<Gathering>, StoreError> {
        let rows = sqlx::query_as(BETWEEN_IN_GUILD)
            .bind(guild.to_db())
            .bind(to_unix(from))
            .bind(to_unix(to))
            .fetch_all(self.pool())
            .await?;
        all_into_domain(rows)
    }

    /// Every gathering of a community.
    pub async fn all_gatherings(
        &self,
        community: CommunityId,
    ) -> Result<Vec<Gathering>, StoreError> {
        let rows = sqlx::query_as(ALL)
            .bind(community.0)
            .fetch_all(self.pool())
            .await?;
        all_into_domain(rows)
    }

    /// Moves a gathering of `community` (keeping its row) without a notice; false if it was cancelled
    /// meanwhile (or is not the community's).
    pub async fn move_gathering(
        &self,
        community: CommunityId,
        id: GatheringId,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        reason: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(super::changes::MOVE)
            .bind(id.0)
            .bind(to_unix(start))
            .bind(to_unix(end))
            .bind(reason.map(str::to_owned))
            .bind(to_unix(now))
            .bind(community.0)
            .execute(self.pool())
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Cancels a gathering of `community` without a notice (its roles stay); false if it was already
    /// cancelled (or is not the community's).
    pub async fn cancel_gathering(
        &self,
        community: CommunityId,
        id: GatheringId,
        reason: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(super::changes::CANCEL)
            .bind(id.0)
            .bind(reason.map(str::to_owned))
            .bind(to_unix(now))
            .bind(community.0)
            .execute(self.pool())
            .await?;
        Ok(done.rows_affected() == 1)
    }
}
