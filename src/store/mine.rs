//! One member's own view across the communities of a server: the upcoming gatherings where they hold
//! a role or gave an answer. Filtered by guild and member in SQL; a removed community is left out.

use super::{to_unix, Store, StoreError};
use crate::domain::gathering::{Gathering, GatheringId};
use crate::domain::ids::{CommunityId, GuildRef, MemberRef};
use crate::domain::rsvp::Answer;
use chrono::{DateTime, Utc};

const MINE: &str = concat!(
    "SELECT g.id, g.community_id FROM gatherings g JOIN communities c ON c.id = g.community_id \
     WHERE c.guild_id = $1 AND c.removed_at IS NULL AND g.end_at > $3 AND g.status IN ",
    sql_status!(on),
    " AND (EXISTS (SELECT 1 FROM role_claims r WHERE r.gathering_id = g.id AND r.member_id = $2) \
     OR EXISTS (SELECT 1 FROM rsvps v WHERE v.gathering_id = g.id AND v.member_id = $2)) \
     ORDER BY g.start_at, g.id LIMIT $4"
);
const MY_ROLES: &str =
    "SELECT role FROM role_claims WHERE gathering_id = $1 AND member_id = $2 ORDER BY claimed_at, id";
const MY_ANSWER: &str = "SELECT answer FROM rsvps WHERE gathering_id = $1 AND member_id = $2";

/// One upcoming gathering as the member sees it: their roles and their answer.
#[derive(Debug, Clone, PartialEq)]
pub struct MyGathering {
    /// Whose gathering it is.
    pub community: CommunityId,
    /// The gathering.
    pub gathering: Gathering,
    /// The roles the member holds at it, in claim order.
    pub roles: Vec<String>,
    /// What the member answered, if they did.
    pub answer: Option<Answer>,
}

impl Store {
    /// The member's next `limit` gatherings in `guild` where they hold a role or answered, soonest first.
    pub async fn my_upcoming(
        &self,
        guild: GuildRef,
        member: MemberRef,
        now: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<MyGathering>, StoreError> {
        let rows: Vec<(i64, i64)> = sqlx::query_as(MINE)
            .bind(guild.to_db())
            .bind(member.to_db())
            .bind(to_unix(now))
            .bind(limit)
            .fetch_all(self.pool())
            .await?;
        let mut mine = Vec::with_capacity(rows.len());
        for (gathering, community) in rows {
            let (community, id) = (CommunityId(community), GatheringId(gathering));
            let Some(g) = self.gathering(community, id).await? else {
                continue;
            };
            let roles: Vec<String> = sqlx::query_scalar(MY_ROLES)
                .bind(id.0)
                .bind(member.to_db())
                .fetch_all(self.pool())
                .await?;
            let answer: Option<String> = sqlx::query_scalar(MY_ANSWER)
                .bind(id.0)
                .bind(member.to_db())
                .fetch_optional(self.pool())
                .await?;
            mine.push(MyGathering {
                community,
                gathering: g,
                roles,
                answer: answer.as_deref().and_then(Answer::parse),
            });
        }
        Ok(mine)
    }
}
