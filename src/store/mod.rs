//! Persistence with sqlx's `Any` driver: one set of SQL (in `const`s, `$N` placeholders) for SQLite and
//! PostgreSQL, one migration folder per backend, embedded and chosen at run time. One file per aggregate.

// The stored forms of statuses, kinds and answers, for the SQL consts: one spelling, checked against
// the domain enums' `as_str` by the tests at the end of this file (a renamed variant fails them).

/// A gathering status as SQL text; `on` is every status of a gathering still happening
/// ([`Status::is_on`](crate::domain::gathering::Status::is_on)).
macro_rules! sql_status {
    (scheduled) => {
        "'scheduled'"
    };
    (moved) => {
        "'moved'"
    };
    (cancelled) => {
        "'cancelled'"
    };
    (withdrawn) => {
        "'withdrawn'"
    };
    (on) => {
        "('scheduled', 'moved')"
    };
}

/// A post kind as SQL text; `replanned` is every kind planned from a gathering's time
/// ([`PostKind::REPLANNED`](crate::domain::posts::PostKind::REPLANNED)).
macro_rules! sql_kind {
    (role_prompt) => {
        "'role_prompt'"
    };
    (dm_reminder) => {
        "'dm_reminder'"
    };
    (change_notice) => {
        "'change_notice'"
    };
    (card_edit) => {
        "'card_edit'"
    };
    (card_stub) => {
        "'card_stub'"
    };
    (edits) => {
        "('card_edit', 'card_stub')"
    };
    (replanned) => {
        "('reminder', 'role_prompt', 'harvest', 'agenda_card')"
    };
}

/// An RSVP answer as SQL text.
macro_rules! sql_answer {
    (going) => {
        "'going'"
    };
}

mod cards;
mod care;
mod changes;
mod communities;
mod events;
mod gatherings;
mod mine;
mod note_search;
mod notes;
mod ops;
mod posts;
mod public;
mod reshape;
mod rezone;
mod roles;
mod rsvp;
mod series;

pub use cards::{CardState, LivingCard, Superseded};
pub use care::{Forgotten, REMOVED_GRACE_DAYS};
pub use changes::{Concerned, PlannedNotice};
pub use communities::CommunityConflict;
pub use events::EventWork;
pub use gatherings::NewOccurrence;
pub use mine::MyGathering;
pub use note_search::{
    fts5_query, ListingId, NoteFilter, NoteListing, SearchError, LISTING_DAYS, RANKED_MATCHES,
    SEARCH_WINDOW,
};
pub use notes::{CreditOffer, NewNote, Note, NoteId};
pub use ops::OtherShard;
pub use posts::DuePost;
pub use public::CalendarFile;
pub use reshape::{Reshaped, SeriesChange};
pub use rezone::Rezoned;
pub use roles::{ClaimOutcome, TemplateReach};
pub use series::NewSeries;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor};
use std::str::FromStr;
use std::time::Duration;

/// Which database is behind the pool.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// A SQLite file (the default).
    Sqlite,
    /// PostgreSQL (several processes can share it).
    Postgres,
}

/// What a [`Store::serialise`] lock protects.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Lock {
    /// The claims of one gathering (one role per member).
    Claims = 1,
    /// The notes of one community (a form submitted twice archives one note).
    Notes = 2,
    /// The living card of one gathering (two new cards at once: one stub, one live card).
    Card = 3,
}

/// What can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database refused or failed.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    /// The embedded migrations could not bring the schema up to date.
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// A stored value no longer makes sense (e.g. a time zone removed from the tz database).
    #[error("stored data is invalid: {0}")]
    Corrupt(String),
}

/// The database, cheap to clone.
#[derive(Debug, Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
}

impl Store {
    /// Connects (creating a SQLite file if missing, WAL mode on every SQLite connection).
    pub async fn connect(url: &str, max_connections: u32) -> Result<Store, StoreError> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else {
            Backend::Postgres
        };
        let url = match backend {
            Backend::Sqlite if !url.contains("mode=") => {
                format!("{url}{}mode=rwc", if url.contains('?') { '&' } else { '?' })
            }
            _ => url.to_owned(),
        };
        let options = AnyConnectOptions::from_str(&url)?;
        let pool = AnyPoolOptions::new()
            .max_connections(max_connections)
            .acquire_timeout(Duration::from_secs(10))
            // A SQLite connection is a file handle in this process: it cannot drop the way a network
            // connection can, so it is not pinged (a round trip to its worker thread) before each use.
            // PostgreSQL's are, so that one lost while idle is replaced before a member's click uses it.
            .test_before_acquire(backend == Backend::Postgres)
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        conn.execute("PRAGMA journal_mode=WAL").await?;
                        // SQLite's advice for WAL: a commit is not synced to disk on its own; the log
                        // is synced at each checkpoint. A process crash (even SIGKILL) loses nothing;
                        // a power loss or OS crash may lose the last commits (never corrupts). See the
                        // README, "What is guaranteed".
                        conn.execute("PRAGMA synchronous=NORMAL").await?;
                        conn.execute("PRAGMA foreign_keys=ON").await?;
                        // A writer waits for another (one holding the lock through a full-text index merge
                        // can take seconds on a large archive) instead of failing with "database is locked".
                        conn.execute("PRAGMA busy_timeout=30000").await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await?;
        Ok(Store { pool, backend })
    }

    /// Connects and brings the schema up to date.
    pub async fn open(url: &str, max_connections: u32) -> Result<Store, StoreError> {
        let store = Self::connect(url, max_connections).await?;
        store.migrate().await?;
        Ok(store)
    }

    /// Runs the embedded migrations of this backend.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        match self.backend {
            Backend::Sqlite => {
                sqlx::migrate!("./migrations/sqlite")
                    .run(&self.pool)
                    .await?;
                let rebuilt = self.rebuild_note_scopes().await?;
                if rebuilt > 0 {
                    tracing::info!(
                        notes = rebuilt,
                        "rebuilt the search scope of practice notes"
                    );
                }
            }
            Backend::Postgres => {
                sqlx::migrate!("./migrations/postgres")
                    .run(&self.pool)
                    .await?
            }
        }
        Ok(())
    }

    /// Which database this is.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Closes every connection (waits for those in use).
    pub async fn close(&self) {
        self.pool.close().await;
    }

    pub(crate) fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Begins a transaction that will write. On SQLite it takes the write lock at once (`BEGIN
    /// IMMEDIATE`), so that it waits for other writers (up to the busy timeout) instead of failing with
    /// "database is locked" when it upgrades from reading to writing after another writer committed.
    pub(crate) async fn begin_write(
        &self,
    ) -> Result<sqlx::Transaction<'static, sqlx::Any>, StoreError> {
        Ok(match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => self.pool.begin().await?,
        })
    }

    /// Serialises the transaction on `conn` with every other one that takes the same `lock` on the
    /// same `id`, until it commits or rolls back. PostgreSQL needs it where a check and a write must not
    /// interleave (READ COMMITTED lets two transactions both pass a `NOT EXISTS`); SQLite's single writer
    /// already runs each write statement alone.
    pub(crate) async fn serialise(
        &self,
        conn: &mut sqlx::AnyConnection,
        lock: Lock,
        id: i64,
    ) -> Result<(), StoreError> {
        if self.backend == Backend::Postgres {
            let key = ((lock as i64) << 56) | (id & 0x00FF_FFFF_FFFF_FFFF);
            let _: i64 =
                sqlx::query_scalar("SELECT count(*) FROM (SELECT pg_advisory_xact_lock($1)) AS l")
                    .bind(key)
                    .fetch_one(&mut *conn)
                    .await?;
        }
        Ok(())
    }

    /// Runs `set` with (`id`, `value`) when there is a value, else `clear` with (`id`): how the
    /// problems organizers are shown are recorded and cleared.
    pub(crate) async fn set_or_clear(
        &self,
        set: &'static str,
        clear: &'static str,
        id: i64,
        value: Option<&str>,
    ) -> Result<(), StoreError> {
        match value {
            Some(v) => {
                sqlx::query(set)
                    .bind(id)
                    .bind(v.to_owned())
                    .execute(self.pool())
                    .await?
            }
            None => sqlx::query(clear).bind(id).execute(self.pool()).await?,
        };
        Ok(())
    }

    /// A nullable text column of one row (`sql` takes the id as `$1`).
    pub(crate) async fn optional_text(
        &self,
        sql: &'static str,
        id: i64,
    ) -> Result<Option<String>, StoreError> {
        let found: Option<Option<String>> = sqlx::query_scalar(sql)
            .bind(id)
            .fetch_optional(self.pool())
            .await?;
        Ok(found.flatten())
    }
}

/// Unix seconds, as every time is stored.
pub(crate) fn to_unix(t: chrono::DateTime<chrono::Utc>) -> i64 {
    t.timestamp()
}

/// A stored unix time back as a UTC time.
pub(crate) fn from_unix(seconds: i64) -> Result<chrono::DateTime<chrono::Utc>, StoreError> {
    chrono::DateTime::from_timestamp(seconds, 0)
        .ok_or_else(|| StoreError::Corrupt(format!("time {seconds} is out of range")))
}

#[cfg(test)]
mod stored_forms {
    use crate::domain::gathering::Status;
    use crate::domain::posts::PostKind;
    use crate::domain::rsvp::Answer;

    fn quoted(s: &str) -> String {
        format!("'{s}'")
    }

    fn list(items: impl IntoIterator<Item = &'static str>) -> String {
        let quoted: Vec<String> = items.into_iter().map(quoted).collect();
        format!("({})", quoted.join(", "))
    }

    #[test]
    fn the_sql_spells_statuses_kinds_and_answers_as_the_enums_store_them() {
        assert_eq!(sql_status!(scheduled), quoted(Status::Scheduled.as_str()));
        assert_eq!(sql_status!(moved), quoted(Status::Moved.as_str()));
        assert_eq!(sql_status!(cancelled), quoted(Status::Cancelled.as_str()));
        assert_eq!(sql_status!(withdrawn), quoted(Status::Withdrawn.as_str()));
        let on = [
            Status::Scheduled,
            Status::Moved,
            Status::Cancelled,
            Status::Withdrawn,
        ]
        .into_iter()
        .filter(|s| s.is_on())
        .map(Status::as_str);
        assert_eq!(sql_status!(on), list(on));
        assert_eq!(
            sql_kind!(role_prompt),
            quoted(PostKind::RolePrompt.as_str())
        );
        assert_eq!(
            sql_kind!(dm_reminder),
            quoted(PostKind::DmReminder.as_str())
        );
        assert_eq!(
            sql_kind!(change_notice),
            quoted(PostKind::ChangeNotice.as_str())
        );
        assert_eq!(sql_kind!(card_edit), quoted(PostKind::CardEdit.as_str()));
        assert_eq!(sql_kind!(card_stub), quoted(PostKind::CardStub.as_str()));
        assert_eq!(
            sql_kind!(edits),
            list(
                [PostKind::CardEdit, PostKind::CardStub]
                    .into_iter()
                    .filter(|k| k.edits())
                    .map(PostKind::as_str)
            )
        );
        assert_eq!(
            sql_kind!(replanned),
            list(PostKind::REPLANNED.into_iter().map(PostKind::as_str))
        );
        assert_eq!(sql_answer!(going), quoted(Answer::Going.as_str()));
    }
}

#[cfg(test)]
mod connection_tests {
    use super::*;

    /// Every SQLite connection of the pool is in WAL mode with `synchronous=NORMAL` (1) and foreign keys
    /// on; the exactly-once test that kills the binary mid-burst runs with these settings.
    #[tokio::test]
    async fn sqlite_connections_use_wal_with_normal_sync() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("s.db").display());
        let store = Store::open(&url, 2).await.unwrap();
        for _ in 0..3 {
            let (mode,): (String,) = sqlx::query_as("PRAGMA journal_mode")
                .fetch_one(store.pool())
                .await
                .unwrap();
            let (sync,): (i64,) = sqlx::query_as("PRAGMA synchronous")
                .fetch_one(store.pool())
                .await
                .unwrap();
            let (keys,): (i64,) = sqlx::query_as("PRAGMA foreign_keys")
                .fetch_one(store.pool())
                .await
                .unwrap();
            assert_eq!((mode.as_str(), sync, keys), ("wal", 1, 1));
        }
        store.close().await;
    }
}
