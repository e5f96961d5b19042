//! Bookkeeping of the Discord scheduled events that mirror gatherings: which need creating, updating or
//! cancelling, and the problem (e.g. missing Manage Events) to show organizers.

use super::{from_unix, to_unix, Store, StoreError};
use crate::domain::gathering::{GatheringId, Status};
use crate::domain::ids::{CommunityId, GuildRef};
use chrono::{DateTime, Utc};

// Rows waiting out a backoff, communities paused after a 403 and guilds that removed the bot are left
// out here, so that no failing row or guild holds up the others.
const WORK: &str = concat!("SELECT g.id, g.community_id, c.guild_id, g.start_at, g.end_at, g.title, g.location, \
     g.status, g.event_id, g.revision, g.event_attempts FROM gatherings g JOIN communities c ON c.id = g.community_id \
     WHERE g.event_dirty = 1 AND g.event_retry_at <= $1 AND c.events_blocked_until <= $1 AND c.events_gone = 0 \
     AND ((g.event_id IS NULL AND g.status IN ", sql_status!(on), " \
     AND g.start_at > $1 AND g.start_at <= $2) OR (g.event_id IS NOT NULL AND g.end_at > $1)) \
     ORDER BY g.start_at LIMIT $3");
// The event id is kept even if the gathering changed meanwhile (so the next pass updates that event
// instead of creating a second one); it stays dirty then.
const DONE: &str = "UPDATE gatherings SET event_id = $2, event_dirty = CASE WHEN revision = $3 THEN 0 ELSE 1 END, \
     event_attempts = 0, event_retry_at = 0 WHERE id = $1 RETURNING event_dirty";
const LATER: &str = "UPDATE gatherings SET event_retry_at = $2 WHERE id = $1";
const STILL_FAILING: &str =
    "SELECT COUNT(*) FROM gatherings WHERE community_id = $1 AND event_dirty = 1 \
     AND event_attempts > 0 AND end_at > $2";
const FAILED: &str =
    "UPDATE gatherings SET event_attempts = event_attempts + 1, event_retry_at = $2 WHERE id = $1";
const BLOCK: &str = "UPDATE communities SET events_blocked_until = $2 WHERE id = $1";
// A settings change lets the next pass probe again, but not more than once per `$3` seconds of a refusal.
const PROBE_SOON: &str = "UPDATE communities SET events_blocked_until = $2 WHERE guild_id = $1 \
     AND events_blocked_until > $2 AND events_blocked_until - $4 <= $2 - $3";
const GONE: &str = "UPDATE communities SET events_gone = $2 WHERE guild_id = $1";
const SET_PROBLEM: &str =
    "UPDATE communities SET events_problem = $2, events_problem_reported = 0 WHERE id = $1 \
     AND (events_problem IS NULL OR events_problem <> $2)";
const CLEAR_PROBLEM: &str =
    "UPDATE communities SET events_problem = NULL, events_problem_reported = 0 \
     WHERE id = $1 AND events_problem IS NOT NULL";
const FORGET: &str = "UPDATE gatherings SET event_id = NULL WHERE id = $1 AND revision = $2";
const TAKE_PROBLEM: &str = "UPDATE communities SET events_problem_reported = 1 WHERE id = $1 \
     AND events_problem IS NOT NULL AND events_problem_reported = 0 RETURNING events_problem";
const PROBLEM: &str = "SELECT events_problem FROM communities WHERE id = $1";

/// A gathering whose Discord event must be created, updated or cancelled.
#[derive(Debug, Clone, PartialEq)]
pub struct EventWork {
    /// The gathering the event mirrors.
    pub gathering: GatheringId,
    /// Its community, where a problem such as missing Manage Events is reported.
    pub community: CommunityId,
    /// The guild the event lives in.
    pub guild: GuildRef,
    /// When the gathering starts now (after any move): the event's start.
    pub start: DateTime<Utc>,
    /// When it ends: the event's end.
    pub end: DateTime<Utc>,
    /// The gathering's title, used as the event's name.
    pub title: String,
    /// Where it happens, if said; a voice channel mention makes it a voice event.
    pub location: Option<String>,
    /// Its status now; a cancelled or withdrawn gathering has its event cancelled.
    pub status: Status,
    /// The existing event, if any.
    pub event_id: Option<u64>,
    /// Version guard: the row's revision when read.
    pub version: i64,
    /// Failed attempts since it last synced (for the backoff).
    pub attempts: i64,
}

#[derive(sqlx::FromRow)]
struct WorkRow {
    id: i64,
    community_id: i64,
    guild_id: i64,
    start_at: i64,
    end_at: i64,
    title: String,
    location: Option<String>,
    status: String,
    event_id: Option<i64>,
    revision: i64,
    event_attempts: i64,
}

impl Store {
    /// Up to `limit` gatherings whose event needs work: new ones starting within `(now, window_end]`, and
    /// any changed one that already has an event.
    pub async fn event_work(
        &self,
        now: DateTime<Utc>,
        window_end: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<EventWork>, StoreError> {
        let rows: Vec<WorkRow> = sqlx::query_as(WORK)
            .bind(to_unix(now))
            .bind(to_unix(window_end))
            .bind(limit)
            .fetch_all(self.pool())
            .await?;
        rows.into_iter()
            .map(|r| {
                Ok(EventWork {
                    gathering: GatheringId(r.id),
                    community: CommunityId(r.community_id),
                    guild: GuildRef::from_db(r.guild_id),
                    start: from_unix(r.start_at)?,
                    end: from_unix(r.end_at)?,
                    title: r.title,
                    location: r.location,
                    status: Status::parse(&r.status).ok_or_else(|| {
                        StoreError::Corrupt(format!("gathering {}: status", r.id))
                    })?,
                    event_id: r.event_id.map(|e| e as u64),
                    version: r.revision,
                    attempts: r.event_attempts,
                })
            })
            .collect()
    }

    /// Records the event now mirroring the gathering; false if the gathering changed meanwhile (the event
    /// id is kept, so the next pass updates that event rather than creating another, and it stays dirty).
    pub async fn event_synced(
        &self,
        work: &EventWork,
        event_id: Option<u64>,
    ) -> Result<bool, StoreError> {
        let dirty: Option<i64> = sqlx::query_scalar(DONE)
            .bind(work.gathering.0)
            .bind(event_id.map(|e| e as i64))
            .bind(work.version)
            .fetch_optional(self.pool())
            .await?;
        Ok(dirty == Some(0))
    }

    /// Puts a row off until `at` without counting a failure (the guild's hourly budget is spent).
    pub async fn event_later(&self, work: &EventWork, at: DateTime<Utc>) -> Result<(), StoreError> {
        sqlx::query(LATER)
            .bind(work.gathering.0)
            .bind(to_unix(at))
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Whether some upcoming gathering of the community still fails to sync (its problem stays shown).
    pub async fn events_still_failing(
        &self,
        community: CommunityId,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let failing: i64 = sqlx::query_scalar(STILL_FAILING)
            .bind(community.0)
            .bind(to_unix(now))
            .fetch_one(self.pool())
            .await?;
        Ok(failing > 0)
    }

    /// A failed attempt: the gathering is tried again at `retry_at`, not before.
    pub async fn event_failed(
        &self,
        work: &EventWork,
        retry_at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        sqlx::query(FAILED)
            .bind(work.gathering.0)
            .bind(to_unix(retry_at))
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Discord refused this community's events (403): no event request for it until `until`.
    pub async fn block_events(
        &self,
        community: CommunityId,
        until: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        sqlx::query(BLOCK)
            .bind(community.0)
            .bind(to_unix(until))
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// After a settings or server-role change: the guild's paused communities are probed on the next
    /// pass, unless refused less than `min_gap` ago (`pause` is how long a refusal pauses them).
    pub async fn probe_events_soon(
        &self,
        guild: GuildRef,
        now: DateTime<Utc>,
        min_gap: chrono::Duration,
        pause: chrono::Duration,
    ) -> Result<(), StoreError> {
        sqlx::query(PROBE_SOON)
            .bind(guild.to_db())
            .bind(to_unix(now))
            .bind(min_gap.num_seconds())
            .bind(pause.num_seconds())
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// The guild removed the bot (or came back): its communities' events are left alone (or resumed).
    pub async fn set_guild_gone(&self, guild: GuildRef, gone: bool) -> Result<(), StoreError> {
        sqlx::query(GONE)
            .bind(guild.to_db())
            .bind(i64::from(gone))
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// The event was deleted on Discord's side: forget it, so the gathering gets a new one.
    pub async fn event_forgotten(&self, work: &EventWork) -> Result<(), StoreError> {
        sqlx::query(FORGET)
            .bind(work.gathering.0)
            .bind(work.version)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Records (or clears, with `None`) a problem mirroring events; a new problem will be reported once.
    pub async fn set_events_problem(
        &self,
        community: CommunityId,
        problem: Option<&str>,
    ) -> Result<(), StoreError> {
        self.set_or_clear(SET_PROBLEM, CLEAR_PROBLEM, community.0, problem)
            .await
    }

    /// The problem, if one exists that organizers have not been told about yet (and marks it told).
    pub async fn take_unreported_events_problem(
        &self,
        community: CommunityId,
    ) -> Result<Option<String>, StoreError> {
        Ok(sqlx::query_scalar(TAKE_PROBLEM)
            .bind(community.0)
            .fetch_optional(self.pool())
            .await?)
    }

    /// The current problem, if any (for `/community info`).
    pub async fn events_problem(
        &self,
        community: CommunityId,
    ) -> Result<Option<String>, StoreError> {
        self.optional_text(PROBLEM, community.0).await
    }
}
