//! What is seen outside Discord: a community's calendar feed (its secret token and the `.ics` text) and
//! its public page (opt-in, found by slug). Every query names the community, its token or its slug in
//! its WHERE clause, and a community the bot was removed from is never served.

use super::{from_unix, to_unix, Store, StoreError};
use crate::domain::agenda::Agenda;
use crate::domain::community::Community;
use crate::domain::gathering::GatheringId;
use crate::domain::ics;
use crate::domain::ids::{CommunityId, MemberRef};
use crate::domain::public::{feed_token, slug_candidate, slug_of, FEED_TOKEN_BYTES};
use crate::domain::roles::Template;
use chrono::{DateTime, Datelike, TimeZone, Utc};
use std::collections::HashMap;

const FEED_TOKEN: &str = "SELECT feed_token FROM communities WHERE id = $1";
const SET_FEED_TOKEN: &str =
    "UPDATE communities SET feed_token = $2 WHERE id = $1 AND feed_token IS NULL";
const RESET_FEED_TOKEN: &str = "UPDATE communities SET feed_token = $2 WHERE id = $1";
const BY_FEED_TOKEN: &str =
    "SELECT id FROM communities WHERE feed_token = $1 AND removed_at IS NULL";
const SLUG: &str = "SELECT public_slug FROM communities WHERE id = $1";
const SET_SLUG: &str =
    "UPDATE communities SET public_slug = $2 WHERE id = $1 AND public_slug IS NULL";
const BY_SLUG: &str = "SELECT id FROM communities WHERE public_slug = $1 AND public_page = 1 \
     AND removed_at IS NULL";
const PUBLISHED: &str = "SELECT id, public_slug FROM communities WHERE public_page = 1 \
     AND removed_at IS NULL AND public_slug IS NOT NULL ORDER BY name, id";
/// The latest change to what the calendar shows: the community (its name, zone), its gatherings
/// (moves, cancels, edits, withdrawals, one-offs added — not a series' occurrences appearing as the
/// horizon moves, which the RRULE already had), its series (scheduled, or ended: `until_at` is set to
/// the moment it was ended).
const LAST_CHANGE: &str = "SELECT MAX(t) FROM (\
     SELECT updated_at AS t FROM communities WHERE id = $1 \
     UNION ALL SELECT MAX(updated_at) AS t FROM gatherings WHERE community_id = $1 \
     AND (series_id IS NULL OR updated_at > created_at) \
     UNION ALL SELECT MAX(created_at) AS t FROM series WHERE community_id = $1 \
     UNION ALL SELECT MAX(until_at) AS t FROM series WHERE community_id = $1 AND until_at <= $2) \
     AS changes";
macro_rules! remember_name {
    ($lock:literal) => {
        concat!(
            "INSERT INTO member_names (community_id, member_id, name, updated_at) \
             SELECT $1, $2, $3, $4 WHERE EXISTS \
             (SELECT 1 FROM communities WHERE id = $1 AND public_page = 1 AND public_names = 1 \
             AND removed_at IS NULL",
            $lock,
            ") ON CONFLICT (community_id, member_id) DO UPDATE SET name = excluded.name, \
             updated_at = excluded.updated_at"
        )
    };
}
/// SQLite runs one writer at a time, so the check and the insert cannot interleave with a change of
/// settings.
const REMEMBER_NAME: &str = remember_name!("");
/// On PostgreSQL the community's row is locked for the insert: a settings change that turns names off
/// either commits first (and the check, run again on the new row, fails) or waits for the insert and
/// then forgets the name with the others. Without the lock, an insert whose snapshot predates the
/// change could commit after the forgetting and keep a name the community no longer shows.
const REMEMBER_NAME_LOCKED: &str = remember_name!(" FOR SHARE");
const NAMES: &str = "SELECT member_id, name FROM member_names WHERE community_id = $1";
const FORGET_NAMES: &str = "DELETE FROM member_names WHERE community_id = $1";
const FROZEN_ROLES: &str = "SELECT roles FROM gatherings WHERE id = $1 AND community_id = $2";

/// A community's calendar as a file, and when what it shows last changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarFile {
    /// The RFC 5545 text (CRLF, folded).
    pub text: String,
    /// The latest change to the calendar (also its DTSTAMP, so the same calendar is the same text).
    pub last_modified: DateTime<Utc>,
}

/// A new random feed token.
fn new_token() -> Result<String, StoreError> {
    let mut random = [0u8; FEED_TOKEN_BYTES];
    getrandom::fill(&mut random)
        .map_err(|e| StoreError::Corrupt(format!("no randomness for a feed token: {e}")))?;
    Ok(feed_token(random))
}

impl Store {
    /// The community's calendar feed token, made the first time it is asked for.
    pub async fn feed_token(&self, community: CommunityId) -> Result<String, StoreError> {
        if let Some(token) = self.optional_text(FEED_TOKEN, community.0).await? {
            return Ok(token);
        }
        sqlx::query(SET_FEED_TOKEN)
            .bind(community.0)
            .bind(new_token()?)
            .execute(self.pool())
            .await?;
        // Two callers at once: the first one's token stays, and both read it.
        self.optional_text(FEED_TOKEN, community.0)
            .await?
            .ok_or_else(|| StoreError::Corrupt(format!("community {community} has no feed token")))
    }

    /// Replaces the community's feed token: the old link stops working at once.
    pub async fn reset_feed_token(&self, community: CommunityId) -> Result<String, StoreError> {
        let token = new_token()?;
        sqlx::query(RESET_FEED_TOKEN)
            .bind(community.0)
            .bind(token.clone())
            .execute(self.pool())
            .await?;
        Ok(token)
    }

    /// The community whose feed `token` is (none for a revoked token or a removed community).
    pub async fn community_by_feed_token(
        &self,
        token: &str,
    ) -> Result<Option<Community>, StoreError> {
        let id: Option<i64> = sqlx::query_scalar(BY_FEED_TOKEN)
            .bind(token.to_owned())
            .fetch_optional(self.pool())
            .await?;
        match id {
            Some(id) => self.community(CommunityId(id)).await,
            None => Ok(None),
        }
    }

    /// The community's page address, given (unique, from its name) the first time it is asked for and
    /// kept after: a renamed community keeps its links.
    pub async fn public_slug(&self, community: &Community) -> Result<String, StoreError> {
        if let Some(slug) = self.optional_text(SLUG, community.id.0).await? {
            return Ok(slug);
        }
        let base = slug_of(community.settings.name.as_str());
        for n in 1..=1000 {
            let done = sqlx::query(SET_SLUG)
                .bind(community.id.0)
                .bind(slug_candidate(&base, n))
                .execute(self.pool())
                .await;
            match done {
                Ok(_) => break,
                Err(sqlx::Error::Database(e)) if e.is_unique_violation() => continue,
                Err(e) => return Err(e.into()),
            }
        }
        self.optional_text(SLUG, community.id.0)
            .await?
            .ok_or_else(|| {
                StoreError::Corrupt(format!("no free page address for {}", community.id))
            })
    }

    /// The opted-in community at `slug` (none when it has no page, turned it off, or was removed).
    pub async fn public_community(&self, slug: &str) -> Result<Option<Community>, StoreError> {
        let id: Option<i64> = sqlx::query_scalar(BY_SLUG)
            .bind(slug.to_owned())
            .fetch_optional(self.pool())
            .await?;
        match id {
            Some(id) => self.community(CommunityId(id)).await,
            None => Ok(None),
        }
    }

    /// Every opted-in community of the instance with its page address, by name.
    pub async fn public_communities(&self) -> Result<Vec<(Community, String)>, StoreError> {
        let rows: Vec<(i64, String)> = sqlx::query_as(PUBLISHED).fetch_all(self.pool()).await?;
        let mut found = Vec::with_capacity(rows.len());
        for (id, slug) in rows {
            if let Some(c) = self.community(CommunityId(id)).await? {
                found.push((c, slug));
            }
        }
        Ok(found)
    }

    /// The community's calendar as RFC 5545 text, the same for the export and the feed.
    pub async fn calendar_file(
        &self,
        community: &Community,
        now: DateTime<Utc>,
    ) -> Result<CalendarFile, StoreError> {
        // The file needs the rows that carry moves and cancellations, which exist long before they
        // could be moved: a day of slack spares a write on every fetch of a polled feed.
        self.extend_horizon(community.id, now - chrono::Duration::days(1))
            .await?;
        let series = self.series_of(community.id).await?;
        let gatherings = self.all_gatherings(community.id).await?;
        let changed: Option<i64> = sqlx::query_scalar(LAST_CHANGE)
            .bind(community.id.0)
            .bind(to_unix(now))
            .fetch_one(self.pool())
            .await?;
        // The text also depends on the local year (an open series' VTIMEZONE reaches two years past
        // it): the year's first moment in the community's zone counts as a change.
        let zone = community.settings.time_zone;
        let year_began = zone
            .with_ymd_and_hms(now.with_timezone(&zone).year(), 1, 1, 0, 0, 0)
            .earliest()
            .map_or(now, |t| t.with_timezone(&Utc));
        let changed = from_unix(changed.unwrap_or_else(|| to_unix(community.created_at)))?;
        let last_modified = changed.max(year_began).min(now);
        let text = ics::calendar(
            community.settings.name.as_str(),
            community.settings.time_zone,
            &series,
            &gatherings,
            last_modified,
            now,
        );
        Ok(CalendarFile {
            text,
            last_modified,
        })
    }

    /// Keeps `name` as what `member` is called on the community's public page — only when the
    /// community shows names there (otherwise nothing is written).
    pub async fn remember_name(
        &self,
        community: CommunityId,
        member: MemberRef,
        name: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let remember = match self.backend() {
            super::Backend::Sqlite => REMEMBER_NAME,
            super::Backend::Postgres => REMEMBER_NAME_LOCKED,
        };
        sqlx::query(remember)
            .bind(community.0)
            .bind(member.to_db())
            .bind(name.to_owned())
            .bind(to_unix(now))
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// The names kept for the community's members.
    pub async fn member_names(
        &self,
        community: CommunityId,
    ) -> Result<HashMap<MemberRef, String>, StoreError> {
        let rows: Vec<(i64, String)> = sqlx::query_as(NAMES)
            .bind(community.0)
            .fetch_all(self.pool())
            .await?;
        Ok(rows
            .into_iter()
            .map(|(m, n)| (MemberRef::from_db(m), n))
            .collect())
    }

    /// Drops every name kept for the community (it stopped showing names).
    pub async fn forget_names(&self, community: CommunityId) -> Result<u64, StoreError> {
        let done = sqlx::query(FORGET_NAMES)
            .bind(community.0)
            .execute(self.pool())
            .await?;
        Ok(done.rows_affected())
    }

    /// The gathering's agenda as it would be shown, without freezing its roles (a page view writes
    /// nothing): its frozen roles, or the community's template while none are frozen.
    pub async fn agenda_as_seen(
        &self,
        community: &Community,
        gathering: GatheringId,
    ) -> Result<Agenda, StoreError> {
        let frozen: Option<Option<String>> = sqlx::query_scalar(FROZEN_ROLES)
            .bind(gathering.0)
            .bind(community.id.0)
            .fetch_optional(self.pool())
            .await?;
        let roles = match frozen.flatten() {
            Some(stored) => Template::from_stored(&stored),
            None => community.template.clone(),
        };
        let holders = self.holders(gathering).await?;
        let answers = self.rsvps(gathering).await?;
        Ok(Agenda::new(&roles, &holders, answers))
    }
}
