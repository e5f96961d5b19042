//! Changes that span rows, each in one transaction with the change notice it plans: a crash or a failing
//! statement anywhere in between leaves everything as it was (no roles held on a cancelled gathering, no
//! moved gathering without its notice).

use super::posts::{DROP_PENDING, INSERT_NOTICE};
use super::roles::CLAIMS as HOLDERS;
use super::rsvp::ANSWERS;
use super::{to_unix, Store, StoreError};
use crate::domain::gathering::GatheringId;
use crate::domain::ids::{CommunityId, MemberRef};
use crate::domain::rsvp::Answer;
use chrono::{DateTime, Utc};

pub(super) const CANCEL: &str = concat!(
    "UPDATE gatherings SET status = ",
    sql_status!(cancelled),
    ", reason = $2, event_dirty = 1, event_retry_at = 0, event_attempts = 0, \
     revision = revision + 1, updated_at = $3 WHERE id = $1 AND community_id = $4 AND status IN ",
    sql_status!(on)
);
pub(super) const MOVE: &str =
    concat!("UPDATE gatherings SET start_at = $2, end_at = $3, status = ", sql_status!(moved), ", reason = $4, \
     event_dirty = 1, event_retry_at = 0, event_attempts = 0, revision = revision + 1, updated_at = $5 \
     WHERE id = $1 AND community_id = $6 AND status IN ", sql_status!(on));
/// One gathering's new values (`/gathering edit … apply_to:this`); new times make it a moved one (a
/// later series change then keeps them).
const EDIT: &str = concat!(
    "UPDATE gatherings SET start_at = $2, end_at = $3, title = $4, location = $5, status = CASE \
     WHEN start_at <> $2 OR end_at <> $3 THEN ",
    sql_status!(moved),
    " ELSE status END, event_dirty = 1, event_retry_at = 0, event_attempts = 0, \
     revision = revision + 1, updated_at = $6 WHERE id = $1 AND community_id = $7 AND status IN ",
    sql_status!(on)
);
pub(super) const RELEASE_ALL: &str =
    "DELETE FROM role_claims WHERE gathering_id = $1 RETURNING role, member_id";
/// Who a change concerns: the role holders (freed, for a cancel) and those who answered going.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Concerned {
    /// Role holders (on a cancel, the roles just freed), in claim order.
    pub holders: Vec<(String, MemberRef)>,
    /// Members who answered *going*.
    pub going: Vec<MemberRef>,
}

/// A change notice to plan with the change: its idempotency key and its fixed text (JSON).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedNotice {
    /// Unique per change (`notice:cancel:<gathering>`, …).
    pub key: String,
    /// The notice as the posts engine will post it.
    pub body: String,
}

pub(super) type Tx<'c> = sqlx::Transaction<'c, sqlx::Any>;

pub(super) async fn going(
    tx: &mut Tx<'_>,
    gathering: GatheringId,
) -> Result<Vec<MemberRef>, StoreError> {
    let rows: Vec<(i64, String)> = sqlx::query_as(ANSWERS)
        .bind(gathering.0)
        .fetch_all(&mut **tx)
        .await?;
    let answers: Vec<(MemberRef, Answer)> = rows
        .into_iter()
        .filter_map(|(m, a)| Answer::parse(&a).map(|a| (MemberRef::from_db(m), a)))
        .collect();
    Ok(crate::domain::rsvp::going(&answers))
}

pub(super) async fn plan_notice(
    tx: &mut Tx<'_>,
    community: CommunityId,
    notice: &PlannedNotice,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    sqlx::query(INSERT_NOTICE)
        .bind(community.0)
        .bind(notice.key.clone())
        .bind(to_unix(now))
        .bind(notice.body.clone())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Reads who the change concerns (`holders` as the change left them), writes the notice from it, and
/// plans the notice in the same transaction, then commits.
async fn plan_and_commit<F>(
    mut tx: Tx<'_>,
    community: CommunityId,
    gathering: GatheringId,
    holders: Vec<(String, i64)>,
    now: DateTime<Utc>,
    notice: F,
) -> Result<Concerned, StoreError>
where
    F: FnOnce(&Concerned) -> Result<PlannedNotice, StoreError>,
{
    let concerned = Concerned {
        holders: holders
            .into_iter()
            .map(|(r, m)| (r, MemberRef::from_db(m)))
            .collect(),
        going: going(&mut tx, gathering).await?,
    };
    let planned = notice(&concerned)?;
    plan_notice(&mut tx, community, &planned, now).await?;
    tx.commit().await?;
    Ok(concerned)
}

impl Store {
    /// Cancels a gathering of `community`, drops its pending posts, frees its roles and plans the notice
    /// that `notice` writes from who is concerned — all or nothing. `None` if it was not on (already
    /// cancelled, or not this community's).
    pub async fn cancel_with_notice<F>(
        &self,
        community: CommunityId,
        gathering: GatheringId,
        reason: Option<&str>,
        now: DateTime<Utc>,
        notice: F,
    ) -> Result<Option<Concerned>, StoreError>
    where
        F: FnOnce(&Concerned) -> Result<PlannedNotice, StoreError>,
    {
        let mut tx = self.begin_write().await?;
        let cancelled = sqlx::query(CANCEL)
            .bind(gathering.0)
            .bind(reason.map(str::to_owned))
            .bind(to_unix(now))
            .bind(community.0)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if cancelled != 1 {
            tx.rollback().await?;
            return Ok(None);
        }
        sqlx::query(DROP_PENDING)
            .bind(gathering.0)
            .bind(to_unix(now))
            .execute(&mut *tx)
            .await?;
        let freed: Vec<(String, i64)> = sqlx::query_as(RELEASE_ALL)
            .bind(gathering.0)
            .fetch_all(&mut *tx)
            .await?;
        plan_and_commit(tx, community, gathering, freed, now, notice)
            .await
            .map(Some)
    }

    /// Gives a gathering of `community` new times, title and place and plans the notice `notice`
    /// writes from who is concerned (`None`: no notice), in one transaction. `None` if it is no longer
    /// on.
    pub async fn edit_with_notice<F>(
        &self,
        community: CommunityId,
        edited: &crate::domain::gathering::Gathering,
        now: DateTime<Utc>,
        notice: F,
    ) -> Result<Option<Concerned>, StoreError>
    where
        F: FnOnce(&Concerned) -> Result<Option<PlannedNotice>, StoreError>,
    {
        let mut tx = self.begin_write().await?;
        let changed = sqlx::query(EDIT)
            .bind(edited.id.0)
            .bind(to_unix(edited.start))
            .bind(to_unix(edited.end))
            .bind(edited.title.clone())
            .bind(edited.location.clone())
            .bind(to_unix(now))
            .bind(community.0)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if changed != 1 {
            tx.rollback().await?;
            return Ok(None);
        }
        let holders: Vec<(String, i64)> = sqlx::query_as(HOLDERS)
            .bind(edited.id.0)
            .fetch_all(&mut *tx)
            .await?;
        let concerned = Concerned {
            holders: holders
                .into_iter()
                .map(|(r, m)| (r, MemberRef::from_db(m)))
                .collect(),
            going: going(&mut tx, edited.id).await?,
        };
        if let Some(planned) = notice(&concerned)? {
            plan_notice(&mut tx, community, &planned, now).await?;
        }
        tx.commit().await?;
        Ok(Some(concerned))
    }

    /// Moves a gathering of `community` and plans the notice that `notice` writes from who is concerned,
    /// in one transaction. `None` if it is no longer on.
    #[allow(clippy::too_many_arguments)]
    pub async fn move_with_notice<F>(
        &self,
        community: CommunityId,
        gathering: GatheringId,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        reason: Option<&str>,
        now: DateTime<Utc>,
        notice: F,
    ) -> Result<Option<Concerned>, StoreError>
    where
        F: FnOnce(&Concerned) -> Result<PlannedNotice, StoreError>,
    {
        let mut tx = self.begin_write().await?;
        let moved = sqlx::query(MOVE)
            .bind(gathering.0)
            .bind(to_unix(start))
            .bind(to_unix(end))
            .bind(reason.map(str::to_owned))
            .bind(to_unix(now))
            .bind(community.0)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if moved != 1 {
            tx.rollback().await?;
            return Ok(None);
        }
        let holders: Vec<(String, i64)> = sqlx::query_as(HOLDERS)
            .bind(gathering.0)
            .fetch_all(&mut *tx)
            .await?;
        plan_and_commit(tx, community, gathering, holders, now, notice)
            .await
            .map(Some)
    }
}
