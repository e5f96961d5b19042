//! The `steward` binary's command line: help, version, check, migrate, invite-url, and `run` without a token.

use std::path::Path;
use std::process::{Command, Output};

fn steward(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_steward"));
    command.args(args).current_dir(dir).env_clear();
    if let Ok(path) = std::env::var("PATH") {
        command.env("PATH", path);
    }
    for (k, v) in env {
        command.env(k, v);
    }
    command.output().expect("steward runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn help_and_version_describe_the_commands() {
    let dir = tempfile::tempdir().unwrap();
    let help = steward(dir.path(), &["--help"], &[]);
    assert!(help.status.success());
    for word in ["run", "check", "migrate", "invite-url", "--config"] {
        assert!(
            stdout(&help).contains(word),
            "--help lacks {word}: {}",
            stdout(&help)
        );
    }
    let version = steward(dir.path(), &["--version"], &[]);
    assert_eq!(
        stdout(&version).trim(),
        format!("steward {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn run_without_a_token_fails_in_one_clear_line() {
    let dir = tempfile::tempdir().unwrap();
    for args in [&[][..], &["run"][..]] {
        let out = steward(dir.path(), args, &[]);
        assert!(!out.status.success());
        let err = stderr(&out);
        assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
        assert!(
            err.contains("DISCORD_TOKEN") && err.contains("discord.com/developers"),
            "{err}"
        );
    }
    assert!(
        !dir.path().join("steward.db").exists(),
        "nothing is created before the token check"
    );
}

#[test]
fn check_creates_and_migrates_the_default_sqlite_file_without_a_token() {
    let dir = tempfile::tempdir().unwrap();
    let out = steward(dir.path(), &["check"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("configuration OK") && text.contains("sqlite://steward.db"),
        "{text}"
    );
    assert!(text.contains("DISCORD_TOKEN not set"), "{text}");
    assert!(dir.path().join("steward.db").exists());
    let again = steward(dir.path(), &["migrate"], &[]);
    assert!(again.status.success(), "{}", stderr(&again));
}

#[test]
fn check_fails_clearly_on_bad_configuration() {
    let dir = tempfile::tempdir().unwrap();
    type Case<'a> = (&'a [&'a str], &'a [(&'a str, &'a str)], &'a str);
    let cases: [Case; 4] = [
        (
            &["check"],
            &[("STEWARD_DATABASE_URL", "mysql://x")],
            "database.url",
        ),
        (
            &["check"],
            &[("STEWARD_DATABASE_URL", "postgres://nobody@127.0.0.1:1/none")],
            "cannot open the database",
        ),
        (&["check", "--config", "missing.toml"], &[], "missing.toml"),
        (
            &["check"],
            &[("STEWARD_DISCORD_API_URL", "http://127.0.0.1:8080/api/v10")],
            "discord.api_url",
        ),
    ];
    for (args, env, expected) in cases {
        let out = steward(dir.path(), args, env);
        assert!(!out.status.success(), "{args:?} {env:?} succeeded");
        assert!(
            stderr(&out).contains(expected),
            "{args:?}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn check_reads_an_explicit_config_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("my.toml"),
        "[database]\nurl = \"sqlite://custom.db\"\n",
    )
    .unwrap();
    let out = steward(dir.path(), &["--config", "my.toml", "check"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(dir.path().join("custom.db").exists());
    let bad = "[database]\nurll = 1\n";
    std::fs::write(dir.path().join("bad.toml"), bad).unwrap();
    let out = steward(dir.path(), &["--config", "bad.toml", "check"], &[]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("urll"), "{}", stderr(&out));
}

#[test]
fn invite_url_names_scopes_and_exact_permissions() {
    let dir = tempfile::tempdir().unwrap();
    let out = steward(dir.path(), &["invite-url", "--application-id", "123"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out).trim(),
        "https://discord.com/oauth2/authorize?client_id=123&scope=bot%20applications.commands&permissions=8590052352"
    );
    // From the token (whose first part is the base64 of the application id).
    let out = steward(
        dir.path(),
        &["invite-url"],
        &[("DISCORD_TOKEN", "MTIzNDU2Nzg5MDEyMzQ1Njc4.x.y")],
    );
    assert!(
        stdout(&out).contains("client_id=123456789012345678"),
        "{}",
        stdout(&out)
    );
    let out = steward(dir.path(), &["invite-url"], &[]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("--application-id"));
}

#[test]
fn check_reads_the_shard_plan_and_refuses_a_range_outside_its_total() {
    let dir = tempfile::tempdir().unwrap();
    let ok = steward(
        dir.path(),
        &["check"],
        &[
            ("STEWARD_DISCORD_SHARDS", "2-3/4"),
            ("STEWARD_HTTP_LISTEN", "127.0.0.1:8088"),
        ],
    );
    assert!(ok.status.success(), "{}", stderr(&ok));
    let out = stdout(&ok);
    assert!(out.contains("shards 2 to 3 of 4"), "{out}");
    assert!(out.contains("listening on 127.0.0.1:8088"), "{out}");
    for (plan, says) in [
        ("2-5/4", "outside 0..4"),
        ("1-0/2", "backwards"),
        ("half", "not a shard plan"),
    ] {
        let bad = steward(dir.path(), &["check"], &[("STEWARD_DISCORD_SHARDS", plan)]);
        assert!(!bad.status.success(), "{plan} was accepted");
        let err = stderr(&bad);
        assert!(
            err.contains("STEWARD_DISCORD_SHARDS") && err.contains(says),
            "{plan}: {err}"
        );
    }
    let bad_listen = steward(
        dir.path(),
        &["check"],
        &[("STEWARD_HTTP_LISTEN", "localhost")],
    );
    assert!(!bad_listen.status.success());
    assert!(
        stderr(&bad_listen).contains("http.listen"),
        "{}",
        stderr(&bad_listen)
    );
}
