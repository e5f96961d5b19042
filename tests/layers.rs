//! The crate's arrows go one way — `cli` → `scheduler` → `discord` → `store` → `domain` — and inside the
//! edge no feature imports the list of commands. Read from the `use` lines and paths of every source file,
//! so an import against the arrows fails here before a reader trips on it.

use std::path::{Path, PathBuf};

/// The layers, lowest first; a file may refer only to its own layer and those below it.
const LAYERS: [&str; 5] = ["domain", "store", "discord", "scheduler", "cli"];

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src is readable") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file belongs to (`src/discord/gathering/agenda_card.rs` → `discord`).
fn module_of(path: &Path, src: &Path) -> String {
    let rel = path.strip_prefix(src).expect("under src");
    let first = rel.components().next().expect("a component");
    first
        .as_os_str()
        .to_string_lossy()
        .trim_end_matches(".rs")
        .to_owned()
}

/// Every `crate::<module>` a file names, with the rest of the path after it; a group
/// (`use crate::{discord::x, store::y}`) counts each of its members.
fn crate_paths(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        let path: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
            .collect();
        if path.is_empty() && rest.starts_with('{') {
            let group: String = rest[1..].chars().take_while(|c| *c != '}').collect();
            found.extend(group.split(',').map(|p| p.trim().to_owned()));
        } else {
            found.push(path);
        }
    }
    found
}

/// Paths written from a parent (`super::super::x`) are not read: a file deep in a layer reaches only
/// its own layer that way, which cannot go against the arrows.
#[test]
fn groups_are_read_member_by_member() {
    assert_eq!(
        crate_paths("use crate::{discord::x, store::y};"),
        ["discord::x", "store::y"]
    );
}

fn all_sources() -> Vec<(PathBuf, String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    files.sort();
    files
        .into_iter()
        .map(|f| {
            let text = std::fs::read_to_string(&f).expect("readable");
            // Doc and line comments may name anything; only code counts.
            let text: String = text
                .lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .collect::<Vec<_>>()
                .join("\n");
            let module = module_of(&f, &src);
            (f, module, text)
        })
        .collect()
}

#[test]
fn imports_follow_the_arrows_from_cli_down_to_domain() {
    let mut against = Vec::new();
    for (file, module, text) in all_sources() {
        let Some(own) = LAYERS.iter().position(|l| *l == module) else {
            continue; // lib.rs, main.rs, clock, config, telemetry: outside the layers.
        };
        for path in crate_paths(&text) {
            let target = path.split("::").next().unwrap_or_default();
            if let Some(theirs) = LAYERS.iter().position(|l| *l == target) {
                if theirs > own {
                    against.push(format!("{}: crate::{path}", file.display()));
                }
            }
        }
    }
    assert!(
        against.is_empty(),
        "imports against the arrows:\n{}",
        against.join("\n")
    );
}

#[test]
fn no_feature_imports_the_list_of_commands_and_the_scheduler_imports_no_command_code() {
    let mut wrong = Vec::new();
    for (file, module, text) in all_sources() {
        let name = file.to_string_lossy().replace('\\', "/");
        for path in crate_paths(&text) {
            let into_commands = path.starts_with("discord::commands");
            if into_commands && !name.ends_with("src/discord/mod.rs") {
                wrong.push(format!("{name}: crate::{path}"));
            }
            let command_code = path.starts_with("discord::context")
                || path.contains("::command::")
                || path.contains("::flows")
                || path.starts_with("discord::error");
            if module == "scheduler" && command_code {
                wrong.push(format!("{name}: crate::{path}"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports that tie the rooms together:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_web_pages_read_only_the_store_and_the_domain() {
    let mut wrong = Vec::new();
    for (file, module, text) in all_sources() {
        if module != "web" {
            continue;
        }
        for path in crate_paths(&text) {
            let target = path.split("::").next().unwrap_or_default();
            if ["discord", "scheduler", "cli", "listener"].contains(&target)
                || text.contains("serenity")
            {
                wrong.push(format!("{}: crate::{path}", file.display()));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "the pages must not reach into Discord or the engine:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_domain_knows_no_serenity_sqlx_or_clock() {
    let mut wrong = Vec::new();
    for (file, module, text) in all_sources() {
        if module != "domain" {
            continue;
        }
        for needle in ["serenity", "sqlx", "Utc::now", "crate::clock", "poise"] {
            if text.contains(needle) {
                wrong.push(format!("{}: {needle}", file.display()));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "the domain must stay pure:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_feature_rooms_of_the_edge_import_each_other_without_a_circle() {
    const ROOMS: [&str; 6] = [
        "gathering",
        "roles",
        "rsvp",
        "notes",
        "community",
        "context",
    ];
    let room_of = |path: &str| {
        let rest = path.strip_prefix("discord::")?;
        let first = rest.split("::").next()?;
        ROOMS.iter().find(|r| **r == first).copied()
    };
    let mut edges: Vec<(&str, &str)> = Vec::new();
    for (file, module, text) in all_sources() {
        if module != "discord" {
            continue;
        }
        let name = file.to_string_lossy().replace('\\', "/");
        let Some(own) = ROOMS.iter().copied().find(|r| {
            name.contains(&format!("src/discord/{r}/"))
                || name.ends_with(&format!("src/discord/{r}.rs"))
        }) else {
            continue;
        };
        for path in crate_paths(&text) {
            if let Some(other) = room_of(&path) {
                if other != own && !edges.contains(&(own, other)) {
                    edges.push((own, other));
                }
            }
        }
    }
    // A room that reaches itself through others is a circle.
    for start in ROOMS {
        let mut seen = vec![start];
        let mut frontier = vec![start];
        while let Some(room) = frontier.pop() {
            for (from, to) in &edges {
                if *from != room {
                    continue;
                }
                assert_ne!(*to, start, "a circle through {start}: {edges:?}");
                if !seen.contains(to) {
                    seen.push(to);
                    frontier.push(to);
                }
            }
        }
    }
}
