//! A fresh database per test, on SQLite (a temp file) and PostgreSQL (a new database on the server named
//! by `STEWARD_TEST_POSTGRES_URL`, default `postgres://postgres@127.0.0.1:5432/test`). With `CI=true` an
//! unreachable PostgreSQL fails the test; elsewhere the test says loudly that it skipped PostgreSQL.

use sqlx::{Connection, Executor, PgConnection};
use std::sync::atomic::{AtomicU32, Ordering};

/// The server the PostgreSQL tests use.
pub fn postgres_admin_url() -> String {
    std::env::var("STEWARD_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_owned())
}

/// One fresh database; dropped (PostgreSQL) or deleted (SQLite) with the value.
pub enum TestDb {
    /// A SQLite file in a temp dir.
    Sqlite {
        /// Keeps the directory alive.
        dir: tempfile::TempDir,
        /// `sqlite://…`
        url: String,
    },
    /// A database created for this test.
    Postgres {
        /// `postgres://…/steward_t_…`
        url: String,
        /// Its name.
        name: String,
    },
}

impl TestDb {
    /// A new SQLite file.
    pub fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite://{}", dir.path().join("steward.db").display());
        TestDb::Sqlite { dir, url }
    }

    /// A new PostgreSQL database, or `None` (loudly) when the server is unreachable outside CI.
    pub async fn postgres() -> Option<TestDb> {
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let admin = postgres_admin_url();
        let mut conn = match PgConnection::connect(&admin).await {
            Ok(conn) => conn,
            Err(e) if std::env::var("CI").as_deref() == Ok("true") => {
                panic!("CI=true but PostgreSQL at {admin} is unreachable: {e}")
            }
            Err(e) => {
                // Written to the real stderr, past the test harness's capture, so it is always seen.
                use std::io::Write;
                writeln!(
                    std::io::stderr(),
                    "\n*** SKIPPED the PostgreSQL half of this test: {admin} is unreachable ({e}) ***\n"
                )
                .ok();
                return None;
            }
        };
        let name = format!(
            "steward_t_{}_{}_{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .subsec_nanos()
        );
        conn.execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .await
            .expect("create test database");
        conn.close().await.ok();
        let base = admin.rsplit_once('/').map(|(b, _)| b).unwrap_or(&admin);
        Some(TestDb::Postgres {
            url: format!("{base}/{name}"),
            name,
        })
    }

    /// SQLite, then PostgreSQL when reachable.
    pub async fn both() -> Vec<TestDb> {
        let mut all = vec![TestDb::sqlite()];
        all.extend(TestDb::postgres().await);
        all
    }

    /// The URL to give the store.
    pub fn url(&self) -> &str {
        match self {
            TestDb::Sqlite { url, .. } | TestDb::Postgres { url, .. } => url,
        }
    }

    /// `sqlite` or `postgres`, for messages.
    pub fn label(&self) -> &'static str {
        match self {
            TestDb::Sqlite { .. } => "sqlite",
            TestDb::Postgres { .. } => "postgres",
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let TestDb::Postgres { name, .. } = self {
            let name = name.clone();
            let admin = postgres_admin_url();
            // Drop runs inside a runtime; do the async clean-up on a thread of its own.
            std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .unwrap();
                rt.block_on(async move {
                    if let Ok(mut conn) = PgConnection::connect(&admin).await {
                        conn.execute(sqlx::AssertSqlSafe(format!(
                            "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                        )))
                        .await
                        .ok();
                    }
                });
            })
            .join()
            .ok();
        }
    }
}
