//! Data care: removing a community, forgetting a member in one server, stopping all work for a server
//! that removed the bot (and deleting its data after a grace period), and a consistent copy of a SQLite
//! database while the bot runs. Every removal is one transaction that names each table, so nothing is
//! left to foreign keys that a backend might not enforce.

use super::{to_unix, Backend, Store, StoreError};
use crate::domain::ids::{CommunityId, GuildRef, MemberRef};
use crate::domain::language::Lang;
use crate::domain::notes::{FORMER_MEMBER, FORMER_MEMBER_NAME};
use chrono::{DateTime, Utc};

/// How long the data of a server that removed the bot is kept (in case it is invited back).
pub const REMOVED_GRACE_DAYS: i64 = 30;

/// The rows of one community's gatherings, as a sub-select on `$1` (the community).
macro_rules! of_gatherings {
    () => {
        "gathering_id IN (SELECT id FROM gatherings WHERE community_id = $1)"
    };
}

/// Every statement that removes a community (`$1`), children first.
const DELETE_COMMUNITY: [&str; 11] = [
    concat!("DELETE FROM role_claims WHERE ", of_gatherings!()),
    concat!("DELETE FROM rsvps WHERE ", of_gatherings!()),
    concat!("DELETE FROM attendance WHERE ", of_gatherings!()),
    "DELETE FROM posts WHERE community_id = $1",
    "DELETE FROM note_listings WHERE community_id = $1",
    "DELETE FROM note_credit_offers WHERE community_id = $1",
    "DELETE FROM notes WHERE community_id = $1",
    "DELETE FROM member_names WHERE community_id = $1",
    "DELETE FROM gatherings WHERE community_id = $1",
    "DELETE FROM series WHERE community_id = $1",
    "DELETE FROM communities WHERE id = $1",
];

// NO KEY UPDATE: it waits for (and holds off) whoever keeps the row FOR SHARE (a name being kept, a
// plan being stored), and not the database's own key checks of a row that names the community (a change
// of a gathering plans its notice after locking the gathering, which the deletion then waits for).
const LOCK_COMMUNITY: &str = "SELECT id FROM communities WHERE id = $1 FOR NO KEY UPDATE";

/// The rows of one server's gatherings, as a sub-select on `$1` (the guild).
macro_rules! of_guild_gatherings {
    () => {
        "gathering_id IN (SELECT g.id FROM gatherings g JOIN communities c ON c.id = g.community_id \
         WHERE c.guild_id = $1)"
    };
}
macro_rules! of_guild {
    () => {
        "community_id IN (SELECT id FROM communities WHERE guild_id = $1)"
    };
}

/// Every statement that forgets member `$2` in guild `$1`: answers, attendance and role history go;
/// notes stay, credited to a former member; what others recorded about them loses their name.
const FORGET_MEMBER: [&str; 10] = [
    concat!(
        "DELETE FROM rsvps WHERE member_id = $2 AND ",
        of_guild_gatherings!()
    ),
    concat!(
        "DELETE FROM attendance WHERE member_id = $2 AND ",
        of_guild_gatherings!()
    ),
    concat!(
        "UPDATE attendance SET recorded_by = NULL WHERE recorded_by = $2 AND ",
        of_guild_gatherings!()
    ),
    concat!(
        "DELETE FROM role_claims WHERE member_id = $2 AND ",
        of_guild_gatherings!()
    ),
    concat!(
        "UPDATE role_claims SET assigned_by = NULL WHERE assigned_by = $2 AND ",
        of_guild_gatherings!()
    ),
    concat!("DELETE FROM posts WHERE member_id = $2 AND ", of_guild!()),
    concat!(
        "DELETE FROM note_listings WHERE author_id = $2 AND ",
        of_guild!()
    ),
    concat!(
        "DELETE FROM note_credit_offers WHERE (author_id = $2 OR offered_to = $2) AND ",
        of_guild!()
    ),
    concat!(
        "UPDATE notes SET archived_by = NULL WHERE archived_by = $2 AND ",
        of_guild!()
    ),
    concat!(
        "DELETE FROM member_names WHERE member_id = $2 AND ",
        of_guild!()
    ),
];
/// Their notes stay, credited to a former member (`$3`, named `$4`); the search scope, which names
/// the author, is rebuilt after.
const CREDIT_FORMER: &str = concat!(
    "UPDATE notes SET author_id = $3, author_name = $4, scope = '' WHERE author_id = $2 AND ",
    of_guild!()
);
/// Change notices of the guild whose fixed text names member `$2` (`<@id>`).
const NOTICES_NAMING: &str = "SELECT p.id, p.body, c.language FROM posts p \
     JOIN communities c ON c.id = p.community_id WHERE p.body LIKE $2 AND c.guild_id = $1";
const SET_BODY: &str = "UPDATE posts SET body = $2 WHERE id = $1";

const REMOVED: &str =
    "UPDATE communities SET removed_at = COALESCE(removed_at, $2), events_gone = 1 \
     WHERE guild_id = $1";
// What the planner made is deleted (it plans it anew if the bot returns); notices and DMs, fixed when
// they were planned, are dropped. A post being sent right now (leased) finishes.
const DELETE_PLANNED: &str = concat!(
    "DELETE FROM posts WHERE sent_at IS NULL AND dropped_at IS NULL \
     AND (lease_until IS NULL OR lease_until < $2) AND kind IN ",
    sql_kind!(replanned),
    " AND ",
    of_guild!()
);
const DROP_UNSENT: &str = concat!(
    "UPDATE posts SET dropped_at = $2, last_error = 'the bot was removed from the server' \
     WHERE sent_at IS NULL AND dropped_at IS NULL AND (lease_until IS NULL OR lease_until < $2) AND ",
    of_guild!()
);
// `events_gone` alone is how a removal was recorded before `removed_at` existed.
const AWAY: &str = "SELECT id FROM communities WHERE guild_id = $1 \
     AND (removed_at IS NOT NULL OR events_gone <> 0) LIMIT 1";
const RETURNED: &str =
    "UPDATE communities SET removed_at = NULL, events_gone = 0 WHERE guild_id = $1 \
     AND (removed_at IS NOT NULL OR events_gone <> 0)";
const REPLAN_RETURNED: &str = concat!(
    "UPDATE gatherings SET posts_planned = 0 WHERE ",
    "community_id IN (SELECT id FROM communities WHERE guild_id = $1)"
);
const EXPIRED: &str =
    "SELECT id FROM communities WHERE removed_at IS NOT NULL AND removed_at < $1 ORDER BY id LIMIT 50";

/// What `/forget-me` removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Forgotten {
    /// Answers (going, maybe, can't go) removed.
    pub answers: u64,
    /// Attendance records removed.
    pub attendance: u64,
    /// Role claims (held now or in the past) removed.
    pub roles: u64,
    /// Notes kept, now credited to a former member.
    pub notes_kept: u64,
}

impl Store {
    /// Removes `community` and everything it holds, in one transaction.
    pub async fn delete_community(&self, community: CommunityId) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        // On PostgreSQL the community's row is locked first, as a name being kept or a plan being stored
        // locks it (FOR SHARE) before its own rows: taken in the same order, the two wait for each other
        // instead of deadlocking.
        if self.backend() == Backend::Postgres {
            sqlx::query(LOCK_COMMUNITY)
                .bind(community.0)
                .execute(&mut *tx)
                .await?;
        }
        for sql in DELETE_COMMUNITY {
            sqlx::query(sql).bind(community.0).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        tracing::info!(community = %community, "community deleted with all its data");
        Ok(())
    }

    /// Forgets `member` in `guild`: their answers, attendance and role history are removed, their notes
    /// stay credited to a former member, and change notices that name them lose the name: their mention
    /// becomes `former(language)`, "a former member" in the notice's community's language.
    pub async fn forget_member(
        &self,
        guild: GuildRef,
        member: MemberRef,
        former: fn(Lang) -> String,
    ) -> Result<Forgotten, StoreError> {
        let mut tx = self.begin_write().await?;
        let mut done = [0u64; FORGET_MEMBER.len()];
        for (i, sql) in FORGET_MEMBER.into_iter().enumerate() {
            done[i] = sqlx::query(sql)
                .bind(guild.to_db())
                .bind(member.to_db())
                .execute(&mut *tx)
                .await?
                .rows_affected();
        }
        let notes_kept = sqlx::query(CREDIT_FORMER)
            .bind(guild.to_db())
            .bind(member.to_db())
            .bind(FORMER_MEMBER.to_db())
            .bind(FORMER_MEMBER_NAME)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        let mention = format!("<@{}>", member.0);
        let rows: Vec<(i64, Option<String>, String)> = sqlx::query_as(NOTICES_NAMING)
            .bind(guild.to_db())
            .bind(format!("%{mention}%"))
            .fetch_all(&mut *tx)
            .await?;
        for (id, body, language) in rows {
            // The notice keeps its text without the name (a sent one as history, one still to be sent
            // without pinging them); everyone else it names stays.
            let name = former(Lang::parse(&language).unwrap_or_default());
            let body = body.map(|text| without_member(&text, member, &name));
            sqlx::query(SET_BODY)
                .bind(id)
                .bind(body)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        self.rebuild_note_scopes().await?;
        let forgotten = Forgotten {
            answers: done[0],
            attendance: done[1],
            roles: done[3],
            notes_kept,
        };
        tracing::info!(
            guild = guild.0,
            ?forgotten,
            "a member asked to be forgotten"
        );
        Ok(forgotten)
    }

    /// The bot was removed from `guild`: its communities stop (no posts, no events) until it returns
    /// or the grace period ends.
    pub async fn guild_removed(
        &self,
        guild: GuildRef,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        for sql in [REMOVED, DELETE_PLANNED, DROP_UNSENT] {
            sqlx::query(sql)
                .bind(guild.to_db())
                .bind(to_unix(now))
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The bot is in `guild` (again): removed communities come back and their posts are planned anew.
    pub async fn guild_present(&self, guild: GuildRef) -> Result<(), StoreError> {
        // Every gateway connection announces every server: read first, write only for one that was away.
        let away: Option<i64> = sqlx::query_scalar(AWAY)
            .bind(guild.to_db())
            .fetch_optional(self.pool())
            .await?;
        if away.is_none() {
            return Ok(());
        }
        let mut tx = self.begin_write().await?;
        let back = sqlx::query(RETURNED)
            .bind(guild.to_db())
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if back > 0 {
            sqlx::query(REPLAN_RETURNED)
                .bind(guild.to_db())
                .execute(&mut *tx)
                .await?;
            tracing::info!(
                guild = guild.0,
                communities = back,
                "the bot is back in a server"
            );
        }
        tx.commit().await?;
        Ok(())
    }

    /// Deletes the communities of servers that removed the bot more than the grace period before `now`;
    /// returns how many.
    pub async fn purge_removed(&self, now: DateTime<Utc>) -> Result<usize, StoreError> {
        let before = now - chrono::Duration::days(REMOVED_GRACE_DAYS);
        let ids: Vec<i64> = sqlx::query_scalar(EXPIRED)
            .bind(to_unix(before))
            .fetch_all(self.pool())
            .await?;
        for id in &ids {
            self.delete_community(CommunityId(*id)).await?;
        }
        Ok(ids.len())
    }

    /// A consistent copy of the SQLite database in the new file `path`, taken while the bot runs
    /// (`VACUUM INTO` reads one snapshot; writers carry on). PostgreSQL has `pg_dump` for this.
    pub async fn backup_to(&self, path: &std::path::Path) -> Result<(), StoreError> {
        if self.backend() != Backend::Sqlite {
            return Err(StoreError::Corrupt(
                "backup copies a SQLite database; for PostgreSQL use pg_dump (e.g. \
                 `pg_dump --format=custom --file=steward.dump DATABASE_URL`)"
                    .to_owned(),
            ));
        }
        let text = path
            .to_str()
            .ok_or_else(|| StoreError::Corrupt("the backup path must be valid UTF-8".to_owned()))?;
        let quoted = text.replace('\'', "''");
        sqlx::query(sqlx::AssertSqlSafe(format!("VACUUM INTO '{quoted}'")))
            .execute(self.pool())
            .await?;
        Ok(())
    }
}

/// A stored notice (JSON) without `member`: their mention becomes `name` ("a former member" in the
/// notice's language) in every text, and their id leaves every list (who it pings).
fn without_member(body: &str, member: MemberRef, name: &str) -> String {
    fn walk(value: &mut serde_json::Value, mention: &str, id: u64, name: &str) {
        match value {
            serde_json::Value::String(s) if s.contains(mention) => {
                *s = s.replace(mention, name);
            }
            serde_json::Value::Array(items) => {
                items.retain(|v| v.as_u64() != Some(id));
                for item in items {
                    walk(item, mention, id, name);
                }
            }
            serde_json::Value::Object(fields) => {
                for item in fields.values_mut() {
                    walk(item, mention, id, name);
                }
            }
            _ => {}
        }
    }
    let Ok(mut value) = serde_json::from_str::<serde_json::Value>(body) else {
        return body.replace(&format!("<@{}>", member.0), name);
    };
    walk(&mut value, &format!("<@{}>", member.0), member.0, name);
    value.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_notice_loses_the_member_and_keeps_everyone_else() {
        let body = r#"{"title":"Gathering cancelled","text":"Roles freed: <@7> (Opener), <@8> (Closing).","mentions":"<@7> <@8>","ping":[7,8]}"#;
        let out: serde_json::Value =
            serde_json::from_str(&without_member(body, MemberRef(7), FORMER_MEMBER_NAME)).unwrap();
        assert_eq!(
            out["text"],
            "Roles freed: a former member (Opener), <@8> (Closing)."
        );
        assert_eq!(out["ping"], serde_json::json!([8]));
        assert!(!out.to_string().contains("<@7>"));
    }
}
