//! The real `steward` binary against the fake Discord at RUST_LOG=trace: it answers, reports an internal
//! error with a reference that is also logged, shuts down cleanly on SIGTERM, and never logs its token.

mod support;

use std::process::Stdio;
use std::time::Duration;
use support::bot::TOKEN;
use support::fake_discord::{FakeDiscord, Invocation, Member};

#[tokio::test]
async fn the_binary_serves_reports_errors_with_a_ref_stops_on_sigterm_and_never_logs_its_token() {
    let fake = FakeDiscord::start().await;
    let dir = tempfile::tempdir().unwrap();
    let log_path = dir.path().join("steward.log");
    let log = std::fs::File::create(&log_path).unwrap();
    let db_url = format!("sqlite://{}", dir.path().join("bot.db").display());
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_steward"))
        .arg("run")
        .current_dir(dir.path())
        .env("DISCORD_TOKEN", TOKEN)
        .env("STEWARD_DISCORD_API_URL", fake.api_url())
        .env("STEWARD_DATABASE_URL", &db_url)
        .env("RUST_LOG", "trace")
        .stdout(Stdio::null())
        .stderr(log)
        .kill_on_drop(true)
        .spawn()
        .expect("steward starts");

    fake.wait_ready().await;
    let answer = fake
        .run(&Invocation::new("help", &Member::regular(1)))
        .await;
    assert_eq!(answer["data"]["flags"], 64, "{answer}");
    let setup = Invocation::new("community setup", &Member::manager(1))
        .opt("name", "Circle")
        .opt("timezone", "America/Phoenix");
    fake.run(&setup).await;

    // Break the database under the running bot: the user gets a short message with a ref, the log the rest.
    let mut conn = <sqlx::SqliteConnection as sqlx::Connection>::connect(&db_url)
        .await
        .unwrap();
    sqlx::query("DROP TABLE communities")
        .execute(&mut conn)
        .await
        .unwrap();
    let answer = fake
        .run(&Invocation::new("community info", &Member::regular(2)))
        .await;
    let content = answer["data"]["content"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert_eq!(answer["data"]["flags"], 64);
    let error_ref = content
        .split("(ref ")
        .nth(1)
        .and_then(|rest| rest.split(')').next())
        .unwrap_or_else(|| panic!("no ref in {content}"))
        .to_owned();
    assert!(
        !content.contains("communities"),
        "internal details stay out of the message: {content}"
    );

    let pid = child.id().expect("pid").to_string();
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = tokio::time::timeout(Duration::from_secs(20), child.wait())
        .await
        .expect("exits within 20 s of SIGTERM")
        .unwrap();
    assert!(status.success(), "clean exit: {status:?}");
    assert!(
        fake.bot_closed_gateway(),
        "the gateway was closed, not dropped"
    );

    let logs = std::fs::read_to_string(&log_path).unwrap();
    assert!(logs.contains("TRACE"), "trace logging was on");
    assert!(
        logs.contains(&error_ref) && logs.contains("command failed"),
        "the ref {error_ref} is logged"
    );
    assert!(
        logs.contains("SIGTERM received") && logs.contains("database closed"),
        "{logs}"
    );
    let sent_token = fake
        .requests()
        .iter()
        .any(|r| r.authorization.as_deref() == Some(&format!("Bot {TOKEN}")));
    assert!(sent_token, "the token was really used");
    let secret_part = TOKEN.rsplit('.').next().unwrap();
    assert!(
        !logs.contains(TOKEN) && !logs.contains(secret_part),
        "the token leaked into the logs"
    );
    fake.assert_spec_clean();
}
