//! Configuration: file, environment, validation, secrets.
use super::*;
use std::collections::HashMap;

fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
    let map: HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    move |k| map.get(k).cloned()
}

#[test]
fn shipped_config_file_parses_to_the_defaults() {
    let text = include_str!("../config/steward.toml");
    let parsed = Config::from_toml(text).expect("config/steward.toml parses");
    assert_eq!(parsed, Config::default());
}

#[test]
fn environment_overrides_the_file() {
    let mut config = Config::default();
    config
        .apply_env(&env(&[
            ("STEWARD_DATABASE_URL", "postgres://postgres@127.0.0.1/test"),
            ("STEWARD_DISCORD_API_URL", "http://127.0.0.1:9"),
            ("STEWARD_DISCORD_DEV_GUILD", "42"),
            ("STEWARD_LOG_FORMAT", "json"),
            ("DISCORD_TOKEN", "abc.def.ghi"),
        ]))
        .unwrap();
    assert_eq!(config.database.url, "postgres://postgres@127.0.0.1/test");
    assert_eq!(
        config.discord.api_url.as_deref(),
        Some("http://127.0.0.1:9")
    );
    assert_eq!(config.discord.dev_guild, Some(42));
    assert_eq!(config.log.format, LogFormat::Json);
    assert_eq!(
        config.discord.token.as_ref().unwrap().expose(),
        "abc.def.ghi"
    );
}

#[test]
fn token_never_shows_in_debug_output() {
    let mut config = Config::default();
    config
        .apply_env(&env(&[("DISCORD_TOKEN", "SUPERSECRET")]))
        .unwrap();
    let shown = format!("{config:?} {:?}", config.discord.token);
    assert!(!shown.contains("SUPERSECRET"), "{shown}");
    assert!(shown.contains("redacted"));
}

#[test]
fn missing_token_names_where_to_get_one() {
    let err = Config::default().require_token().unwrap_err().to_string();
    assert!(
        err.contains("DISCORD_TOKEN") && err.contains("discord.com/developers"),
        "{err}"
    );
    assert!(!err.contains('\n'));
}

#[test]
fn bad_values_are_refused_with_an_example() {
    let cases = [
        ("STEWARD_DATABASE_URL", "mysql://x", "database.url"),
        (
            "STEWARD_DISCORD_API_URL",
            "http://127.0.0.1:8080/api/v10",
            "discord.api_url",
        ),
        (
            "STEWARD_DISCORD_API_URL",
            "127.0.0.1:8080",
            "discord.api_url",
        ),
        ("STEWARD_LOG_FILTER", "info,[[[", "log.filter"),
    ];
    for (key, value, named) in cases {
        let mut config = Config::default();
        config.apply_env(&env(&[(key, value)])).unwrap();
        let err = config.validate().unwrap_err().to_string();
        assert!(err.starts_with(named), "{key}={value}: {err}");
    }
    let mut config = Config::default();
    let err = config
        .apply_env(&env(&[("STEWARD_DISCORD_DEV_GUILD", "abc")]))
        .unwrap_err();
    assert!(err.to_string().contains("guild id"));
}

#[test]
fn unknown_keys_in_the_file_are_an_error() {
    let err = Config::from_toml("[database]\nurll = \"x\"\n").unwrap_err();
    assert!(err.contains("urll"), "{err}");
}
