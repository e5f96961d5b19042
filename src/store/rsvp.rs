//! RSVPs (one answer per member per gathering) and attendance (who came), and the figures of the
//! participation report.

use super::{to_unix, Store, StoreError};
use crate::domain::gathering::GatheringId;
use crate::domain::ids::{CommunityId, MemberRef};
use crate::domain::rsvp::Answer;
use chrono::{DateTime, Utc};

const ANSWER: &str =
    "INSERT INTO rsvps (gathering_id, member_id, answer, answered_at) VALUES ($1, $2, $3, $4) \
     ON CONFLICT (gathering_id, member_id) DO UPDATE SET answer = $3, answered_at = $4";
pub(super) const ANSWERS: &str =
    "SELECT member_id, answer FROM rsvps WHERE gathering_id = $1 ORDER BY answered_at, id";
const CAME: &str =
    "INSERT INTO attendance (gathering_id, member_id, source, recorded_by, recorded_at) \
     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (gathering_id, member_id) DO NOTHING";
const NOT_CAME: &str = "DELETE FROM attendance WHERE gathering_id = $1 AND member_id = $2";
const ATTENDEES: &str =
    "SELECT member_id FROM attendance WHERE gathering_id = $1 ORDER BY recorded_at, id";
const WINDOW_GOING: &str = concat!(
    "SELECT r.gathering_id, r.member_id FROM rsvps r JOIN gatherings g ON g.id = r.gathering_id \
     WHERE g.community_id = $1 AND g.start_at >= $2 AND g.start_at < $3 AND r.answer = ",
    sql_answer!(going)
);
const WINDOW_CAME: &str = "SELECT a.gathering_id, a.member_id FROM attendance a JOIN gatherings g ON g.id = a.gathering_id \
     WHERE g.community_id = $1 AND g.start_at >= $2 AND g.start_at < $3";
const WINDOW_ROLES: &str = "SELECT c.gathering_id, c.member_id FROM role_claims c JOIN gatherings g ON g.id = c.gathering_id \
     WHERE g.community_id = $1 AND g.start_at >= $2 AND g.start_at < $3";

/// Pairs of (gathering, member) over a window, for the report.
pub type Pairs = Vec<(GatheringId, MemberRef)>;

impl Store {
    /// Records (or changes) a member's answer.
    pub async fn answer_rsvp(
        &self,
        gathering: GatheringId,
        member: MemberRef,
        answer: Answer,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        sqlx::query(ANSWER)
            .bind(gathering.0)
            .bind(member.to_db())
            .bind(answer.as_str())
            .bind(to_unix(now))
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Every answer for a gathering, in the order given.
    pub async fn rsvps(
        &self,
        gathering: GatheringId,
    ) -> Result<Vec<(MemberRef, Answer)>, StoreError> {
        let rows: Vec<(i64, String)> = sqlx::query_as(ANSWERS)
            .bind(gathering.0)
            .fetch_all(self.pool())
            .await?;
        Ok(rows
            .into_iter()
            .filter_map(|(m, a)| Answer::parse(&a).map(|a| (MemberRef::from_db(m), a)))
            .collect())
    }

    /// Records that `member` came (once; a second record changes nothing). True if newly recorded.
    pub async fn record_attendance(
        &self,
        gathering: GatheringId,
        member: MemberRef,
        by: Option<MemberRef>,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let source = if by.is_some() { "organizer" } else { "self" };
        let done = sqlx::query(CAME)
            .bind(gathering.0)
            .bind(member.to_db())
            .bind(source)
            .bind(by.map(MemberRef::to_db))
            .bind(to_unix(now))
            .execute(self.pool())
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Removes a member from a gathering's attendance. True if they were on it.
    pub async fn remove_attendance(
        &self,
        gathering: GatheringId,
        member: MemberRef,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(NOT_CAME)
            .bind(gathering.0)
            .bind(member.to_db())
            .execute(self.pool())
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Who came to a gathering.
    pub async fn attendees(&self, gathering: GatheringId) -> Result<Vec<MemberRef>, StoreError> {
        let rows: Vec<i64> = sqlx::query_scalar(ATTENDEES)
            .bind(gathering.0)
            .fetch_all(self.pool())
            .await?;
        Ok(rows.into_iter().map(MemberRef::from_db).collect())
    }

    /// Going answers, attendance and role holdings of a community's gatherings starting in `[from, to)`.
    pub async fn participation(
        &self,
        community: CommunityId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<(Pairs, Pairs, Pairs), StoreError> {
        let mut out = Vec::new();
        for sql in [WINDOW_GOING, WINDOW_CAME, WINDOW_ROLES] {
            let rows: Vec<(i64, i64)> = sqlx::query_as(sql)
                .bind(community.0)
                .bind(to_unix(from))
                .bind(to_unix(to))
                .fetch_all(self.pool())
                .await?;
            out.push(
                rows.into_iter()
                    .map(|(g, m)| (GatheringId(g), MemberRef::from_db(m)))
                    .collect(),
            );
        }
        let roles = out.pop().unwrap_or_default();
        let came = out.pop().unwrap_or_default();
        let going = out.pop().unwrap_or_default();
        Ok((going, came, roles))
    }
}
