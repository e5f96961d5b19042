//! Changing a series from one of its dates on (`/gathering edit … this-and-following`,
//! `/gathering reschedule`), in one transaction with its notice: the series ends before the change and
//! a new one continues; gatherings on the same local date keep their row, claims and answers; the
//! others are withdrawn (their roles freed) and the new dates added. The plan itself is
//! [`crate::domain::reshape`].

use super::changes::{going, plan_notice, Concerned, PlannedNotice, Tx, RELEASE_ALL};
use super::gatherings::{insert_occurrences, GatheringRow, NewOccurrence, SERIES_FROM};
use super::posts::DROP_PENDING;
use super::roles::CLAIMS as HOLDERS;
use super::series::{
    insert_series, NewSeries, SeriesRow, BY_ID_FOR_MATERIALIZE, BY_ID_FOR_MATERIALIZE_LOCKED,
};
use super::{to_unix, Backend, Store, StoreError};
use crate::domain::gathering::{Gathering, GatheringId, Series, SeriesId, HORIZON_DAYS};
use crate::domain::ids::{CommunityId, MemberRef};
use crate::domain::reshape::{reshape, NewValues, Reshape};
use chrono::{DateTime, Duration, Utc};

const END_BEFORE: &str = "UPDATE series SET until_at = $2 WHERE id = $1 AND community_id = $3 \
     AND (until_at IS NULL OR until_at > $2)";
const CONTINUE: &str = "UPDATE gatherings SET series_id = $2, original_start = $3, start_at = $4, \
     end_at = $5, title = $6, location = $7, event_dirty = 1, event_retry_at = 0, event_attempts = 0, \
     revision = revision + 1, updated_at = $8 WHERE id = $1 AND community_id = $9";
const WITHDRAW: &str = concat!(
    "UPDATE gatherings SET status = ",
    sql_status!(withdrawn),
    ", event_dirty = 1, event_retry_at = 0, event_attempts = 0, revision = revision + 1, \
     updated_at = $2 WHERE id = $1 AND community_id = $3"
);

/// A series change as asked: which series, from which instant (gatherings the series gave a start
/// from then on belong to the new part), and the series that continues.
#[derive(Debug, Clone)]
pub struct SeriesChange {
    /// The series changed.
    pub series: SeriesId,
    /// Gatherings whose original start is at or after this belong to the continuing series.
    pub from: DateTime<Utc>,
    /// The continuing series: title, place, rule (its first date on or after `from`), length.
    pub next: NewSeries,
    /// What every continuing gathering takes.
    pub values: NewValues,
}

/// What a series change did.
#[derive(Debug, Clone)]
pub struct Reshaped {
    /// The series that continues (a new row; the old one ends before the change).
    pub series: Series,
    /// Who kept, lost or gained which date.
    pub plan: Reshape,
    /// Who each withdrawn or re-timed (or re-placed) gathering concerns: its holders (for a withdrawn
    /// one, the roles freed) and those going.
    pub concerned: Vec<(GatheringId, Concerned)>,
}

async fn fresh_series(
    store: &Store,
    tx: &mut Tx<'_>,
    series: SeriesId,
) -> Result<Option<Series>, StoreError> {
    let sql = match store.backend() {
        Backend::Postgres => BY_ID_FOR_MATERIALIZE_LOCKED,
        Backend::Sqlite => BY_ID_FOR_MATERIALIZE,
    };
    let row: Option<SeriesRow> = sqlx::query_as(sql)
        .bind(series.0)
        .fetch_optional(&mut **tx)
        .await?;
    row.map(|r| r.into_domain().map(|(s, _)| s)).transpose()
}

async fn rows_from<'e, E>(
    executor: E,
    community: CommunityId,
    series: SeriesId,
    from: DateTime<Utc>,
) -> Result<Vec<Gathering>, StoreError>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let rows: Vec<GatheringRow> = sqlx::query_as(SERIES_FROM)
        .bind(community.0)
        .bind(series.0)
        .bind(to_unix(from))
        .fetch_all(executor)
        .await?;
    rows.into_iter().map(GatheringRow::into_domain).collect()
}

async fn concerned_by(
    tx: &mut Tx<'_>,
    gathering: GatheringId,
    free_roles: bool,
) -> Result<Concerned, StoreError> {
    let holders: Vec<(String, i64)> =
        sqlx::query_as(if free_roles { RELEASE_ALL } else { HOLDERS })
            .bind(gathering.0)
            .fetch_all(&mut **tx)
            .await?;
    Ok(Concerned {
        holders: holders
            .into_iter()
            .map(|(r, m)| (r, MemberRef::from_db(m)))
            .collect(),
        going: going(tx, gathering).await?,
    })
}

impl Store {
    /// The plan `change` would carry out now, without changing anything (the organizer's preview).
    /// `None` if the series is not this community's.
    pub async fn preview_series_change(
        &self,
        community: CommunityId,
        change: &SeriesChange,
        now: DateTime<Utc>,
    ) -> Result<Option<Reshape>, StoreError> {
        let Some(series) = self
            .series_of(community)
            .await?
            .into_iter()
            .find(|s| s.id == change.series)
        else {
            return Ok(None);
        };
        let rows = rows_from(self.pool(), community, series.id, change.from).await?;
        Ok(Some(plan_of(change, &rows, now)?))
    }

    /// Carries out `change` on a series of `community`, with the notice `notice` writes from the plan
    /// and who it concerns (`None`: no notice), all or nothing. `None` if the series is not this
    /// community's or has ended before `change.from`.
    pub async fn change_series<F>(
        &self,
        community: CommunityId,
        change: &SeriesChange,
        now: DateTime<Utc>,
        notice: F,
    ) -> Result<Option<Reshaped>, StoreError>
    where
        F: FnOnce(
            &Reshape,
            &[(GatheringId, Concerned)],
        ) -> Result<Option<PlannedNotice>, StoreError>,
    {
        let mut tx = self.begin_write().await?;
        let old = match fresh_series(self, &mut tx, change.series).await? {
            Some(s)
                if s.community == community
                    && s.recurrence.until.is_none_or(|until| until >= change.from) =>
            {
                s
            }
            _ => {
                tx.rollback().await?;
                return Ok(None);
            }
        };
        let rows = rows_from(&mut *tx, community, old.id, change.from).await?;
        let plan = plan_of(change, &rows, now)?;
        let mut concerned = Vec::new();
        for g in &plan.vanishing {
            concerned.push((g.id, concerned_by(&mut tx, g.id, true).await?));
        }
        for c in plan
            .continuing
            .iter()
            .filter(|c| c.time_changed() || c.place_changed())
        {
            concerned.push((
                c.before.id,
                concerned_by(&mut tx, c.before.id, false).await?,
            ));
        }
        let planned = notice(&plan, &concerned)?;
        let horizon = now + Duration::days(HORIZON_DAYS);
        let id = SeriesId(insert_series(&mut tx, community, &change.next, horizon, now).await?);
        sqlx::query(END_BEFORE)
            .bind(old.id.0)
            .bind(to_unix(change.from - Duration::seconds(1)))
            .bind(community.0)
            .execute(&mut *tx)
            .await?;
        for c in &plan.continuing {
            sqlx::query(CONTINUE)
                .bind(c.before.id.0)
                .bind(id.0)
                .bind(to_unix(c.original_start))
                .bind(to_unix(c.start))
                .bind(to_unix(c.end))
                .bind(c.title.clone())
                .bind(c.location.clone())
                .bind(to_unix(now))
                .bind(community.0)
                .execute(&mut *tx)
                .await?;
        }
        for g in plan.vanishing.iter().chain(&plan.dropped) {
            sqlx::query(WITHDRAW)
                .bind(g.id.0)
                .bind(to_unix(now))
                .bind(community.0)
                .execute(&mut *tx)
                .await?;
            sqlx::query(DROP_PENDING)
                .bind(g.id.0)
                .bind(to_unix(now))
                .execute(&mut *tx)
                .await?;
        }
        let added: Vec<NewOccurrence> = plan
            .added
            .iter()
            .map(|start| NewOccurrence {
                series: Some(id),
                start: *start,
                end: *start + change.next.duration,
                title: change.next.title.clone(),
                location: change.next.location.clone(),
            })
            .collect();
        insert_occurrences(&mut tx, community, &added, now).await?;
        if let Some(planned) = planned {
            plan_notice(&mut tx, community, &planned, now).await?;
        }
        tx.commit().await?;
        let series = Series {
            id,
            community,
            title: change.next.title.clone(),
            location: change.next.location.clone(),
            recurrence: change.next.recurrence.clone(),
            duration: change.next.duration,
            summary: change.next.summary.clone(),
        };
        Ok(Some(Reshaped {
            series,
            plan,
            concerned,
        }))
    }
}

/// The plan of `change` over `rows`: the new rule's dates up to the horizon.
fn plan_of(
    change: &SeriesChange,
    rows: &[Gathering],
    now: DateTime<Utc>,
) -> Result<Reshape, StoreError> {
    let horizon = now + Duration::days(HORIZON_DAYS);
    let starts = change
        .next
        .recurrence
        .starts_between(change.from, horizon, 10_000)
        .map_err(|e| StoreError::Corrupt(format!("the changed series: {e}")))?;
    Ok(reshape(
        rows,
        &starts,
        change.next.duration,
        &change.values,
        change.next.recurrence.zone,
    ))
}
