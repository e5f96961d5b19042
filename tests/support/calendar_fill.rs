//! Large calendars for the benchmarks, written straight in SQL (one statement per table): communities,
//! a run of weekly one-off gatherings each, and three planned posts per gathering: a calendar at rest (its
//! posts planned and its Discord events in sync), so a bot started on it has nothing to catch up on.

use crate::support::db::TestDb;
use sqlx::{Connection, Executor};

/// What to write.
pub struct Calendar {
    /// How many communities (guild `guild`, channels `channel_base + 1 …`).
    pub communities: i64,
    /// Weekly gatherings per community, the first a day after `now`.
    pub weeks: i64,
    pub guild: i64,
    pub channel_base: i64,
    /// Unix seconds.
    pub now: i64,
    /// When each post is due, an SQL expression over `g.id`, `g.start_at` and `m` (0, 1, 2).
    pub due: String,
}

/// Writes `calendar` into the (migrated) database.
pub async fn fill(db: &TestDb, calendar: &Calendar) {
    let Calendar {
        communities,
        weeks,
        guild,
        channel_base,
        now,
        due,
    } = calendar;
    let last_week = weeks - 1;
    let (numbers, weeks_of, posts_of) = match db {
        TestDb::Sqlite { .. } => (
            format!("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {communities}) "),
            format!("WITH RECURSIVE k(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM k WHERE j < {last_week}) "),
            "WITH RECURSIVE o(m) AS (SELECT 0 UNION ALL SELECT m + 1 FROM o WHERE m < 2) ".to_owned(),
        ),
        TestDb::Postgres { .. } => (
            format!("WITH n(i) AS (SELECT generate_series(1, {communities})) "),
            format!("WITH k(j) AS (SELECT generate_series(0, {last_week})) "),
            "WITH o(m) AS (SELECT generate_series(0, 2)) ".to_owned(),
        ),
    };
    let statements = [
        format!("{numbers}INSERT INTO communities (guild_id, channel_id, name, time_zone, reminder_offsets, \
             role_prompt, dm_reminders, created_at, updated_at) SELECT {guild}, {channel_base} + i, 'c' || i, \
             'Europe/London', '7d,1d,2h', 'off', 0, 0, 0 FROM n"),
        format!("{weeks_of}INSERT INTO gatherings (community_id, series_id, original_start, start_at, end_at, \
             title, status, created_at, updated_at, posts_planned, event_dirty) SELECT c.id, NULL, \
             {now} + 86400 * (7 * j + 1), {now} + 86400 * (7 * j + 1), {now} + 86400 * (7 * j + 1) + 7200, \
             'g', 'scheduled', 0, 0, 1, 0 \
             FROM communities c, k WHERE c.guild_id = {guild}"),
        format!("{posts_of}INSERT INTO posts (community_id, gathering_id, kind, idem_key, planned_at, due_at, \
             created_at) SELECT g.community_id, g.id, 'reminder', 'b:' || g.id || ':' || m, {due}, {due}, 0 \
             FROM gatherings g JOIN communities c ON c.id = g.community_id, o WHERE c.guild_id = {guild}"),
    ];
    for sql in statements {
        match db {
            TestDb::Sqlite { url, .. } => {
                let mut conn = sqlx::SqliteConnection::connect(url).await.unwrap();
                conn.execute(sqlx::AssertSqlSafe(sql)).await.unwrap();
            }
            TestDb::Postgres { url, .. } => {
                let mut conn = sqlx::PgConnection::connect(url).await.unwrap();
                conn.execute(sqlx::AssertSqlSafe(sql)).await.unwrap();
                conn.execute("ANALYZE").await.unwrap();
            }
        }
    }
}
