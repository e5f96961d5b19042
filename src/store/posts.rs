//! The posts table: planning is idempotent (a unique key per post), claiming takes a lease so that any
//! number of processes share the work with no duplicate, and a post is marked sent with its message id.

use super::{from_unix, to_unix, Backend, Store, StoreError};
use crate::domain::community::Community;
use crate::domain::gathering::{Gathering, GatheringId};
use crate::domain::ids::{CommunityId, MemberRef};
use crate::domain::post_key::PostKey;
use crate::domain::posts::{PlannedPost, PostKind};
use chrono::{DateTime, Utc};

const INSERT: &str = "INSERT INTO posts (community_id, gathering_id, kind, idem_key, planned_at, due_at, created_at) \
     VALUES ($1, $2, $3, $4, $5, $5, $6) ON CONFLICT (idem_key) DO NOTHING";
const INSERT_DM: &str = concat!(
    "INSERT INTO posts (community_id, gathering_id, kind, idem_key, planned_at, due_at, \
     created_at, member_id) VALUES ($1, $2, ",
    sql_kind!(dm_reminder),
    ", $3, $4, $4, $4, $5) ON CONFLICT (idem_key) DO NOTHING"
);
pub(super) const INSERT_NOTICE: &str = concat!(
    "INSERT INTO posts (community_id, gathering_id, kind, idem_key, planned_at, due_at, \
     created_at, body) VALUES ($1, NULL, ",
    sql_kind!(change_notice),
    ", $2, $3, $3, $3, $4) ON CONFLICT (idem_key) DO NOTHING"
);
// Only what the planner made is replaced; DMs already handed out stay (a DM for a gathering that is no
// longer on renders to nothing and is dropped quietly).
pub(super) const DROP_PENDING: &str = concat!(
    "DELETE FROM posts WHERE gathering_id = $1 AND sent_at IS NULL AND dropped_at IS NULL \
     AND (lease_until IS NULL OR lease_until < $2) \
     AND kind IN ",
    sql_kind!(replanned)
);
// A replan keeps what is already due: a reminder whose time came while the gathering was being replanned
// (an RSVP bumps its revision) is still sent, not deleted and left out of the new plan as past. Its
// planned time decides, not `due_at`: a post given back for a retry (Discord answered 500, the hourly
// cap) is due again later but its time has come all the same.
const DROP_PENDING_NOT_DUE: &str = concat!(
    "DELETE FROM posts WHERE gathering_id = $1 AND sent_at IS NULL AND dropped_at IS NULL \
     AND (lease_until IS NULL OR lease_until < $2) AND planned_at > $2 \
     AND kind IN ",
    sql_kind!(replanned)
);
// …but only if it still belongs to the gathering as it is now: a reminder of a start the gathering no
// longer has (it moved), or of an offset the community dropped, goes.
const DUE_PENDING: &str = concat!(
    "SELECT id, idem_key FROM posts WHERE gathering_id = $1 AND sent_at IS NULL AND dropped_at IS NULL \
     AND (lease_until IS NULL OR lease_until < $2) AND planned_at <= $2 \
     AND kind IN ",
    sql_kind!(replanned)
);
const DELETE_ONE_PENDING: &str =
    "DELETE FROM posts WHERE id = $1 AND sent_at IS NULL AND dropped_at IS NULL";
// A plan is stored only while the community is there and its settings are the revision it was made
// from: a plan from settings an organizer changed meanwhile is not kept (the change asks for a new one).
// On PostgreSQL the community's row is locked for the plan's transaction, so a removal or a settings
// change committing meanwhile is either seen here or sees (and drops) what this plans.
const STILL_THERE: &str =
    "SELECT id FROM communities WHERE id = $1 AND removed_at IS NULL AND settings_revision = $2";
const STILL_THERE_LOCKED: &str = "SELECT id FROM communities WHERE id = $1 AND removed_at IS NULL \
     AND settings_revision = $2 FOR SHARE";
macro_rules! insert_prompt_on_clock {
    ($lock:literal) => {
        concat!(
            "INSERT INTO posts (community_id, gathering_id, kind, idem_key, planned_at, due_at, created_at) \
             SELECT $1, NULL, ",
            sql_kind!(role_prompt),
            ", $2, $3, $3, $4 WHERE EXISTS (SELECT 1 FROM communities WHERE id = $1 \
             AND removed_at IS NULL AND settings_revision = $5",
            $lock,
            ") ON CONFLICT (idem_key) DO NOTHING"
        )
    };
}
const INSERT_PROMPT_ON_CLOCK: &str = insert_prompt_on_clock!("");
const INSERT_PROMPT_ON_CLOCK_LOCKED: &str = insert_prompt_on_clock!(" FOR SHARE");
// Taken first in a replan: the gathering's row is locked before its posts, the order every change of a
// gathering (move, cancel, end of series) takes too, so PostgreSQL never finds the two waiting on each
// other. A gathering no longer on is not planned (its pending posts are dropped instead), nor one
// that moved since its posts were worked out (the next pass plans it again).
const MARK_PLANNED: &str = concat!(
    "UPDATE gatherings SET posts_planned = revision + 1 WHERE id = $1 AND community_id = $2 \
     AND start_at = $3 AND end_at = $4 AND status IN ",
    sql_status!(on)
);
const UNPLANNED: &str = concat!(
    "SELECT g.id FROM gatherings g JOIN communities c ON c.id = g.community_id WHERE g.status IN ",
    sql_status!(on),
    " AND g.end_at > $1 AND c.removed_at IS NULL \
     AND g.start_at <= $2 AND g.posts_planned <> g.revision + 1 ORDER BY g.start_at LIMIT $3"
);
const RESET_PLANNED: &str =
    "UPDATE gatherings SET posts_planned = 0 WHERE community_id = $1 AND end_at > $2";
const WITHOUT_PROMPT: &str = concat!(
    "SELECT c.id FROM communities c WHERE (c.role_prompt LIKE 'weekly:%' OR c.role_prompt LIKE 'cron:%') \
     AND c.removed_at IS NULL AND NOT EXISTS \
     (SELECT 1 FROM posts p WHERE p.community_id = c.id AND p.kind = ",
    sql_kind!(role_prompt),
    " AND p.gathering_id IS NULL \
     AND p.sent_at IS NULL AND p.dropped_at IS NULL) ORDER BY c.id LIMIT $1"
);
const DROP_CRON_PROMPT: &str = concat!("DELETE FROM posts WHERE community_id = $1 AND kind = ", sql_kind!(role_prompt), " \
     AND gathering_id IS NULL AND sent_at IS NULL AND dropped_at IS NULL AND (lease_until IS NULL OR lease_until < $2)");
// The rows are picked once, in a CTE (PostgreSQL runs a CTE with FOR UPDATE exactly once): in
// `WHERE id IN (SELECT … LIMIT n FOR UPDATE SKIP LOCKED)` the planner may run the subquery again per
// row, and a claim then took ~2,000 rows instead of 10 under two racing processes.
const CLAIM_POSTGRES: &str = "WITH picked AS (SELECT id FROM posts WHERE sent_at IS NULL AND dropped_at IS NULL \
     AND due_at <= $3 ORDER BY due_at LIMIT $4 FOR UPDATE SKIP LOCKED) \
     UPDATE posts SET claimed_by = $1, lease_until = $2, due_at = $2, attempts = posts.attempts + 1, \
     attempted_at = COALESCE(posts.attempted_at, posts.last_claimed_at), last_claimed_at = $3 FROM picked WHERE posts.id = picked.id \
     AND posts.sent_at IS NULL AND posts.dropped_at IS NULL AND posts.due_at <= $3 \
     RETURNING posts.id, posts.community_id, posts.gathering_id, posts.kind, posts.idem_key, posts.planned_at, \
     posts.attempts, posts.member_id, posts.body, posts.attempted_at";
const CLAIM_SQLITE: &str = "UPDATE posts SET claimed_by = $1, lease_until = $2, due_at = $2, attempts = attempts + 1, \
     attempted_at = COALESCE(attempted_at, last_claimed_at), last_claimed_at = $3 WHERE id IN (SELECT id FROM posts WHERE sent_at IS NULL AND dropped_at IS NULL AND due_at <= $3 \
     ORDER BY due_at LIMIT $4) \
     AND sent_at IS NULL AND dropped_at IS NULL AND due_at <= $3 \
     RETURNING id, community_id, gathering_id, kind, idem_key, planned_at, attempts, member_id, body, attempted_at";
const SENT: &str =
    "UPDATE posts SET sent_at = $3, message_id = $4, lease_until = NULL, last_error = NULL \
     WHERE id = $1 AND claimed_by = $2 AND sent_at IS NULL";
const RETRY: &str =
    "UPDATE posts SET due_at = $3, lease_until = NULL, claimed_by = NULL, last_error = $4 \
     WHERE id = $1 AND claimed_by = $2 AND sent_at IS NULL";
const HELD: &str =
    "UPDATE posts SET due_at = $3, lease_until = NULL, claimed_by = NULL, last_error = $4, last_claimed_at = NULL \
     WHERE id = $1 AND claimed_by = $2 AND sent_at IS NULL";
const DROP: &str = "UPDATE posts SET dropped_at = $3, lease_until = NULL, last_error = $4 \
     WHERE id = $1 AND claimed_by = $2 AND sent_at IS NULL";
const SENT_IN_LAST_HOUR: &str = concat!(
    "SELECT COUNT(*) FROM posts WHERE community_id = $1 AND sent_at > $2 \
     AND kind NOT IN (",
    sql_kind!(dm_reminder),
    ", ",
    sql_kind!(card_edit),
    ", ",
    sql_kind!(card_stub),
    ")"
);
const RECORD_PERMISSIONS: &str =
    "UPDATE communities SET bot_permissions = $2 WHERE channel_id = $1 \
     AND (bot_permissions IS NULL OR bot_permissions <> $2)";
const BOT_PERMISSIONS: &str = "SELECT bot_permissions FROM communities WHERE id = $1";
const NEXT_DUE: &str = "SELECT MIN(due_at) FROM posts WHERE sent_at IS NULL AND dropped_at IS NULL";
const SET_PROBLEM: &str = "UPDATE communities SET posts_problem = $2 WHERE id = $1";
const CLEAR_PROBLEM: &str =
    "UPDATE communities SET posts_problem = NULL WHERE id = $1 AND posts_problem IS NOT NULL";
const PROBLEM: &str = "SELECT posts_problem FROM communities WHERE id = $1";

/// A post this process has claimed and must now send.
#[derive(Debug, Clone, PartialEq)]
pub struct DuePost {
    /// Row id (also the message nonce).
    pub id: i64,
    /// Whose channel it goes to.
    pub community: CommunityId,
    /// The gathering it is about, if any.
    pub gathering: Option<GatheringId>,
    /// What kind of post: reminder, role prompt, agenda card, harvest, DM or notice.
    pub kind: PostKind,
    /// Its idempotency key as stored, e.g. `reminder:7:1796400000:1440` (see `PostKey`).
    pub key: String,
    /// When it was meant to go out.
    pub planned_at: DateTime<Utc>,
    /// How many times it has been claimed (this one included).
    pub attempts: u32,
    /// The member a DM is for.
    pub member: Option<MemberRef>,
    /// The fixed text of a change notice (JSON).
    pub body: Option<String>,
    /// When an earlier claim of this post may have sent it (its answer lost, or the process crashed).
    pub attempted_at: Option<DateTime<Utc>>,
}

#[derive(sqlx::FromRow)]
struct DueRow {
    id: i64,
    community_id: i64,
    gathering_id: Option<i64>,
    kind: String,
    idem_key: String,
    planned_at: i64,
    attempts: i64,
    member_id: Option<i64>,
    body: Option<String>,
    attempted_at: Option<i64>,
}

/// Inserts planned posts in `tx`; a key already planned is left as it is.
async fn insert_planned(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    community: CommunityId,
    gathering: Option<GatheringId>,
    posts: &[PlannedPost],
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    for p in posts {
        sqlx::query(INSERT)
            .bind(community.0)
            .bind(gathering.map(|g| g.0))
            .bind(p.kind.as_str())
            .bind(p.key.clone())
            .bind(to_unix(p.due))
            .bind(to_unix(now))
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

impl Store {
    /// Inserts planned posts (those already known by key are left as they are).
    pub async fn plan_posts(
        &self,
        community: CommunityId,
        gathering: Option<GatheringId>,
        posts: &[PlannedPost],
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        insert_planned(&mut tx, community, gathering, posts, now).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Plans one DM per member for a reminder that was just posted (`reminder_key`), due now.
    pub async fn plan_dm_reminders(
        &self,
        community: CommunityId,
        gathering: GatheringId,
        reminder_key: &str,
        members: &[MemberRef],
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        for m in members {
            sqlx::query(INSERT_DM)
                .bind(community.0)
                .bind(gathering.0)
                .bind(
                    PostKey::Dm {
                        reminder: Box::new(PostKey::parse(reminder_key)),
                        member: *m,
                    }
                    .to_string(),
                )
                .bind(to_unix(now))
                .bind(m.to_db())
                .execute(self.pool())
                .await?;
        }
        Ok(())
    }

    /// Plans a change notice, due now, with its text fixed (`body`, JSON).
    pub async fn plan_notice(
        &self,
        community: CommunityId,
        key: &str,
        body: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        sqlx::query(INSERT_NOTICE)
            .bind(community.0)
            .bind(key.to_owned())
            .bind(to_unix(now))
            .bind(body.to_owned())
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Replaces a gathering's pending posts by `posts` (sent ones stay sent; a post being sent right now
    /// keeps its lease) and records that its current revision is planned. A pending post whose time
    /// has come stays if its key is among `current` (every key the gathering has as it is now, past
    /// ones included), so that it is still sent; the others go.
    ///
    /// `planned_from` is the community as read for the plan: nothing is stored (the gathering stays to
    /// plan) when its reminders, prompt or zone changed since, or the bot was removed from its server.
    pub async fn replan_gathering(
        &self,
        planned_from: &Community,
        gathering: &Gathering,
        posts: &[PlannedPost],
        current: &[String],
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        if planned_from.id != gathering.community {
            return Err(StoreError::Corrupt(format!(
                "gathering {} planned from community {}",
                gathering.id, planned_from.id
            )));
        }
        let mut tx = self.begin_write().await?;
        let still_there = match self.backend() {
            Backend::Sqlite => STILL_THERE,
            Backend::Postgres => STILL_THERE_LOCKED,
        };
        let present: Option<i64> = sqlx::query_scalar(still_there)
            .bind(gathering.community.0)
            .bind(planned_from.settings_revision)
            .fetch_optional(&mut *tx)
            .await?;
        if present.is_none() {
            tx.commit().await?;
            return Ok(());
        }
        let still_on = sqlx::query(MARK_PLANNED)
            .bind(gathering.id.0)
            .bind(gathering.community.0)
            .bind(to_unix(gathering.start))
            .bind(to_unix(gathering.end))
            .execute(&mut *tx)
            .await?
            .rows_affected()
            > 0;
        sqlx::query(if still_on {
            DROP_PENDING_NOT_DUE
        } else {
            DROP_PENDING
        })
        .bind(gathering.id.0)
        .bind(to_unix(now))
        .execute(&mut *tx)
        .await?;
        if still_on {
            let due: Vec<(i64, String)> = sqlx::query_as(DUE_PENDING)
                .bind(gathering.id.0)
                .bind(to_unix(now))
                .fetch_all(&mut *tx)
                .await?;
            for (id, key) in due {
                if !current.contains(&key) {
                    sqlx::query(DELETE_ONE_PENDING)
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                }
            }
            insert_planned(&mut tx, gathering.community, Some(gathering.id), posts, now).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Drops a gathering's pending posts (it was cancelled or withdrawn).
    pub async fn drop_pending_posts(
        &self,
        gathering: GatheringId,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        sqlx::query(DROP_PENDING)
            .bind(gathering.0)
            .bind(to_unix(now))
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Gatherings (not over, starting before `window_end`) whose posts are not planned for their current
    /// revision.
    pub async fn gatherings_to_plan(
        &self,
        now: DateTime<Utc>,
        window_end: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<GatheringId>, StoreError> {
        let ids: Vec<i64> = sqlx::query_scalar(UNPLANNED)
            .bind(to_unix(now))
            .bind(to_unix(window_end))
            .bind(limit)
            .fetch_all(self.pool())
            .await?;
        Ok(ids.into_iter().map(GatheringId).collect())
    }

    /// Marks a community's upcoming gatherings as needing new posts (its reminder settings changed) and
    /// drops its pending cron prompt (its schedule may have changed).
    pub async fn replan_community(
        &self,
        community: CommunityId,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        sqlx::query(RESET_PLANNED)
            .bind(community.0)
            .bind(to_unix(now))
            .execute(self.pool())
            .await?;
        sqlx::query(DROP_CRON_PROMPT)
            .bind(community.0)
            .bind(to_unix(now))
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Plans `community`'s next prompt on its weekly or cron clock, unless its reminders, prompt or zone
    /// changed since `community` was read (or the bot was removed from its server): that prompt was worked out
    /// from settings that no longer hold, and the community stays without one until it is planned again.
    pub async fn plan_prompt_on_clock(
        &self,
        community: &Community,
        prompt: &PlannedPost,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let sql = match self.backend() {
            Backend::Sqlite => INSERT_PROMPT_ON_CLOCK,
            Backend::Postgres => INSERT_PROMPT_ON_CLOCK_LOCKED,
        };
        sqlx::query(sql)
            .bind(community.id.0)
            .bind(prompt.key.clone())
            .bind(to_unix(prompt.due))
            .bind(to_unix(now))
            .bind(community.settings_revision)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Communities with role prompts on but no pending cron prompt.
    pub async fn communities_without_prompt(
        &self,
        limit: i64,
    ) -> Result<Vec<CommunityId>, StoreError> {
        let ids: Vec<i64> = sqlx::query_scalar(WITHOUT_PROMPT)
            .bind(limit)
            .fetch_all(self.pool())
            .await?;
        Ok(ids.into_iter().map(CommunityId).collect())
    }

    /// Claims up to `limit` due posts for `worker` until `lease_until`; no post is claimed twice.
    pub async fn claim_due_posts(
        &self,
        worker: &str,
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<DuePost>, StoreError> {
        let mut tx = self.begin_write().await?;
        let sql = match self.backend() {
            Backend::Postgres => {
                // A claim need not survive a crash: a lost claim is simply claimed again, and the nonce
                // keeps a resend from posting twice. So the claim does not wait for the WAL flush;
                // marking a post sent does.
                sqlx::query("SET LOCAL synchronous_commit TO OFF")
                    .execute(&mut *tx)
                    .await?;
                CLAIM_POSTGRES
            }
            Backend::Sqlite => CLAIM_SQLITE,
        };
        let rows: Vec<DueRow> = sqlx::query_as(sql)
            .bind(worker.to_owned())
            .bind(to_unix(lease_until))
            .bind(to_unix(now))
            .bind(limit)
            .fetch_all(&mut *tx)
            .await?;
        tx.commit().await?;
        rows.into_iter()
            .map(|r| {
                Ok(DuePost {
                    id: r.id,
                    community: CommunityId(r.community_id),
                    gathering: r.gathering_id.map(GatheringId),
                    kind: PostKind::parse(&r.kind).ok_or_else(|| {
                        StoreError::Corrupt(format!("post {}: kind {}", r.id, r.kind))
                    })?,
                    key: r.idem_key,
                    planned_at: from_unix(r.planned_at)?,
                    attempts: u32::try_from(r.attempts).unwrap_or(u32::MAX),
                    member: r.member_id.map(MemberRef::from_db),
                    body: r.body,
                    attempted_at: r.attempted_at.map(from_unix).transpose()?,
                })
            })
            .collect()
    }

    /// Records the bot's permissions in a channel, as an interaction there announced them; false when
    /// the channel holds no community (yet).
    pub async fn record_bot_permissions(
        &self,
        channel: crate::domain::ids::ChannelRef,
        bits: u64,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(RECORD_PERMISSIONS)
            .bind(channel.to_db())
            .bind(bits as i64)
            .execute(self.pool())
            .await?;
        Ok(done.rows_affected() > 0)
    }

    /// The bot's permissions in the community's channel, if an interaction there announced them.
    pub async fn bot_permissions(&self, community: CommunityId) -> Result<Option<u64>, StoreError> {
        let bits: Option<Option<i64>> = sqlx::query_scalar(BOT_PERMISSIONS)
            .bind(community.0)
            .fetch_optional(self.pool())
            .await?;
        Ok(bits.flatten().map(|b| b as u64))
    }

    /// How many automatic posts (DMs aside) went to the community's channel since `since`.
    pub async fn channel_posts_since(
        &self,
        community: CommunityId,
        since: DateTime<Utc>,
    ) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar(SENT_IN_LAST_HOUR)
            .bind(community.0)
            .bind(to_unix(since))
            .fetch_one(self.pool())
            .await?)
    }

    /// Records that Discord accepted the post.
    pub async fn post_sent(
        &self,
        id: i64,
        worker: &str,
        message: Option<u64>,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(SENT)
            .bind(id)
            .bind(worker.to_owned())
            .bind(to_unix(now))
            .bind(message.map(|m| m as i64))
            .execute(self.pool())
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Gives the post back to be tried again at `retry_at` after an attempt that certainly did not reach
    /// Discord (held back by the hourly cap, rate limited, not rendered): it does not count as one that
    /// may have posted.
    pub async fn post_held(
        &self,
        id: i64,
        worker: &str,
        retry_at: DateTime<Utc>,
        error: &str,
    ) -> Result<(), StoreError> {
        self.give_back(HELD, id, worker, retry_at, error).await
    }

    /// Gives the post back to be tried again at `retry_at` (the attempt may have reached Discord).
    pub async fn post_retry(
        &self,
        id: i64,
        worker: &str,
        retry_at: DateTime<Utc>,
        error: &str,
    ) -> Result<(), StoreError> {
        self.give_back(RETRY, id, worker, retry_at, error).await
    }

    async fn give_back(
        &self,
        sql: &'static str,
        id: i64,
        worker: &str,
        retry_at: DateTime<Utc>,
        error: &str,
    ) -> Result<(), StoreError> {
        // Times are whole seconds: round up, or a sub-second retry would be due at once.
        let due = retry_at.timestamp() + i64::from(retry_at.timestamp_subsec_nanos() > 0);
        sqlx::query(sql)
            .bind(id)
            .bind(worker.to_owned())
            .bind(due)
            .bind(error.to_owned())
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Gives the post up for good (permanent failure, too late, or nothing to say).
    pub async fn post_dropped(
        &self,
        id: i64,
        worker: &str,
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        sqlx::query(DROP)
            .bind(id)
            .bind(worker.to_owned())
            .bind(to_unix(now))
            .bind(reason.to_owned())
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// When the earliest pending post is due (a claimed one counts from its lease's end).
    pub async fn next_post_due(&self) -> Result<Option<DateTime<Utc>>, StoreError> {
        let next: Option<i64> = sqlx::query_scalar(NEXT_DUE).fetch_one(self.pool()).await?;
        next.map(from_unix).transpose()
    }

    /// Records (or clears) a permanent posting problem for organizers.
    pub async fn set_posts_problem(
        &self,
        community: CommunityId,
        problem: Option<&str>,
    ) -> Result<(), StoreError> {
        self.set_or_clear(SET_PROBLEM, CLEAR_PROBLEM, community.0, problem)
            .await
    }

    /// The permanent posting problem, if any.
    pub async fn posts_problem(
        &self,
        community: CommunityId,
    ) -> Result<Option<String>, StoreError> {
        self.optional_text(PROBLEM, community.0).await
    }
}
