//! The deploy files under `config/deploy/`: the systemd units pass `systemd-analyze verify` with no
//! warning (an unknown or misspelt key is a warning there), and the Dockerfile builds with the same
//! `cargo build` CI runs and runs as a non-root user with the database on a volume.

use std::path::Path;
use std::process::Command;

fn deploy(file: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("config/deploy")
        .join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn the_systemd_units_verify_without_a_warning() {
    if Command::new("systemd-analyze")
        .arg("--version")
        .output()
        .is_err()
    {
        assert_ne!(
            std::env::var("CI").as_deref(),
            Ok("true"),
            "CI=true but systemd-analyze is not installed"
        );
        eprintln!("\n*** SKIPPED: systemd-analyze is not installed here ***\n");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let binary = env!("CARGO_BIN_EXE_steward");
    let units = [
        ("steward.service", "steward.service"),
        ("steward@.service", "steward@0\\x2d1-4.service"),
    ];
    for (source, name) in units {
        let text = deploy(source).replace("/usr/local/bin/steward", binary);
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let out = Command::new("systemd-analyze")
            .arg("verify")
            .arg(&path)
            .output()
            .expect("systemd-analyze runs");
        let said = String::from_utf8_lossy(&out.stderr).into_owned();
        let about_it: Vec<&str> = said.lines().filter(|l| l.contains(name)).collect();
        assert!(out.status.success(), "{name}: {said}");
        assert!(about_it.is_empty(), "{name} has warnings: {about_it:#?}");
    }
    let unit = deploy("steward.service");
    for hardening in [
        "DynamicUser=yes",
        "ProtectSystem=strict",
        "StateDirectory=steward",
        "NoNewPrivileges=yes",
    ] {
        assert!(
            unit.contains(hardening),
            "steward.service lacks {hardening}"
        );
    }
}

#[test]
fn the_image_builds_like_ci_and_runs_as_a_non_root_user_on_a_volume() {
    let file = deploy("Dockerfile");
    assert!(
        file.contains("cargo build --release --locked"),
        "the CI build line"
    );
    assert!(file.contains("USER steward") && file.contains("VOLUME [\"/data\"]"));
    let ci =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/run")).unwrap();
    assert!(ci.contains("--locked"), "CI builds with the lock file too");
    let env = deploy("steward.env");
    assert!(env.contains("DISCORD_TOKEN=") && env.contains("chmod 600"));
}
