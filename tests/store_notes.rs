//! Practice notes on SQLite and PostgreSQL: search by a word of the body, best first, filters, paging,
//! community isolation, deletion, Unicode, and search text that tries to be query syntax.

mod support;

use chrono::{DateTime, TimeZone, Utc};
use steward::domain::community::{CommunityName, Settings};
use steward::domain::ids::{ChannelRef, CommunityId, GuildRef, MemberRef};
use steward::domain::notes::NoteKind;
use steward::store::{NewNote, NoteFilter, SearchError, Store};
use support::db::TestDb;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap()
}

async fn community(store: &Store, channel: u64) -> CommunityId {
    let settings = Settings::new(
        CommunityName::parse("Circle").unwrap(),
        chrono_tz::Europe::London,
        None,
    );
    store
        .create_community(GuildRef(1), ChannelRef(channel), &settings, now())
        .await
        .unwrap()
        .unwrap()
        .id
}

fn note(kind: NoteKind, title: &str, body: &str, tags: &[&str], author: u64) -> NewNote {
    NewNote {
        kind,
        title: title.into(),
        body: body.into(),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        author: MemberRef(author),
        author_name: format!("member{author}"),
        archived_by: None,
        gathering: None,
        source_url: None,
    }
}

async fn titles(store: &Store, c: CommunityId, words: &str, filter: &NoteFilter) -> Vec<String> {
    store
        .search_notes(c, words, filter, 10, 0)
        .await
        .unwrap_or_else(|e| panic!("`{words}`: {e}"))
        .into_iter()
        .map(|(n, _)| n.content.title)
        .collect()
}

#[tokio::test]
async fn search_finds_by_a_word_of_the_body_best_first_with_filters_and_paging() {
    for db in TestDb::both().await {
        let store = Store::open(db.url(), 3).await.unwrap();
        let c = community(&store, 10).await;
        let other = community(&store, 11).await;
        store.add_note(c, &note(NoteKind::BestPractice, "Opening rounds", "Start with a check-in round: one word each. The round sets the tone; a round is short.", &["check-in", "openers"], 1), now()).await.unwrap();
        store
            .add_note(
                c,
                &note(
                    NoteKind::Story,
                    "A hard evening",
                    "We skipped the round and the evening dragged.",
                    &["story_time"],
                    2,
                ),
                now(),
            )
            .await
            .unwrap();
        store
            .add_note(
                c,
                &note(
                    NoteKind::Resource,
                    "Timer app",
                    "A visible timer keeps sharing fair.",
                    &["tools"],
                    1,
                ),
                now(),
            )
            .await
            .unwrap();
        store
            .add_note(
                other,
                &note(
                    NoteKind::Story,
                    "Elsewhere",
                    "Another community's round.",
                    &[],
                    3,
                ),
                now(),
            )
            .await
            .unwrap();

        assert_eq!(
            titles(&store, c, "round", &NoteFilter::default()).await,
            ["Opening rounds", "A hard evening"],
            "{}",
            db.label()
        );
        assert_eq!(
            titles(&store, c, "timer", &NoteFilter::default()).await,
            ["Timer app"]
        );
        let stories = NoteFilter {
            kind: Some(NoteKind::Story),
            ..Default::default()
        };
        assert_eq!(
            titles(&store, c, "round", &stories).await,
            ["A hard evening"]
        );
        let tagged = NoteFilter {
            tag: Some("check-in".into()),
            ..Default::default()
        };
        assert_eq!(
            titles(&store, c, "round", &tagged).await,
            ["Opening rounds"]
        );
        let underscore = NoteFilter {
            tag: Some("story_time".into()),
            ..Default::default()
        };
        assert_eq!(
            titles(&store, c, "round", &underscore).await,
            ["A hard evening"]
        );
        let not_a_wildcard = NoteFilter {
            tag: Some("storyxtime".into()),
            ..Default::default()
        };
        assert!(
            titles(&store, c, "round", &not_a_wildcard).await.is_empty(),
            "`_` in a tag is not a wildcard"
        );
        let by_2 = NoteFilter {
            author: Some(MemberRef(2)),
            ..Default::default()
        };
        assert_eq!(titles(&store, c, "round", &by_2).await, ["A hard evening"]);
        let second_page = store
            .search_notes(c, "round", &NoteFilter::default(), 1, 1)
            .await
            .unwrap();
        assert_eq!(
            second_page[0].0.content.title,
            "A hard evening",
            "{}",
            db.label()
        );
        let (_, snippet) = &store
            .search_notes(c, "timer", &NoteFilter::default(), 1, 0)
            .await
            .unwrap()[0];
        assert!(
            snippet.contains("⟦timer⟧") || snippet.contains("⟦Timer⟧"),
            "{}: {snippet}",
            db.label()
        );
        store.close().await;
    }
}

#[tokio::test]
async fn query_syntax_and_sql_looking_text_never_error_or_leak() {
    for db in TestDb::both().await {
        let store = Store::open(db.url(), 3).await.unwrap();
        let c = community(&store, 10).await;
        let other = community(&store, 11).await;
        store
            .add_note(
                c,
                &note(
                    NoteKind::Query,
                    "Near miss",
                    "What do we do when a round runs near the end?",
                    &[],
                    1,
                ),
                now(),
            )
            .await
            .unwrap();
        store
            .add_note(
                other,
                &note(
                    NoteKind::Query,
                    "Secret",
                    "Private round notes of another community.",
                    &[],
                    1,
                ),
                now(),
            )
            .await
            .unwrap();
        for attack in [
            "\"round",
            "round*",
            "NEAR(round end)",
            "-round",
            "title:round",
            "round OR secret",
            "'; DROP TABLE notes; --",
            "round\" OR \"1\"=\"1",
            "(round",
            "^round",
            "round AND NOT near",
            "\\",
            "%",
            "_",
        ] {
            match store
                .search_notes(c, attack, &NoteFilter::default(), 10, 0)
                .await
            {
                Ok(found) => assert!(
                    found.iter().all(|(n, _)| n.community == c),
                    "{}: `{attack}` leaked another community",
                    db.label()
                ),
                Err(SearchError::Input(_)) => {} // nothing searchable in it: a clear message, not an error
                Err(e) => panic!("{}: `{attack}` failed: {e}", db.label()),
            }
        }
        assert!(
            store
                .note(c, steward::store::NoteId(1))
                .await
                .unwrap()
                .is_some(),
            "the table is still there"
        );
        store.close().await;
    }
}

#[tokio::test]
async fn notes_keep_unicode_are_scoped_to_their_community_and_leave_search_when_deleted() {
    for db in TestDb::both().await {
        let store = Store::open(db.url(), 3).await.unwrap();
        let c = community(&store, 10).await;
        let other = community(&store, 11).await;
        let body = "Cercle de parole 👋 — مرحبا — 你好 @everyone";
        let id = store
            .add_note(
                c,
                &note(NoteKind::Discovery, "Unicode", body, &["évaluation"], 1),
                now(),
            )
            .await
            .unwrap();
        let read = store.note(c, id).await.unwrap().unwrap();
        assert_eq!(read.content.body, body, "{}", db.label());
        assert_eq!(read.content.tags, ["évaluation"]);
        assert!(
            store.note(other, id).await.unwrap().is_none(),
            "another community's id is not found"
        );
        assert!(!store.delete_note(other, id).await.unwrap());
        assert_eq!(
            titles(&store, c, "cercle", &NoteFilter::default()).await,
            ["Unicode"]
        );
        assert!(store.delete_note(c, id).await.unwrap());
        assert!(
            titles(&store, c, "cercle", &NoteFilter::default())
                .await
                .is_empty(),
            "{}",
            db.label()
        );
        store.close().await;
    }
}

#[tokio::test]
async fn listings_are_newest_first_edits_reach_search_and_saved_listings_come_back() {
    for db in TestDb::both().await {
        let store = Store::open(db.url(), 3).await.unwrap();
        let c = community(&store, 10).await;
        let other = community(&store, 11).await;
        let t0 = now();
        let mut ids = Vec::new();
        for (i, tags) in [
            ["circle", "tools"],
            ["circle", "stories"],
            ["tools", "garden"],
        ]
        .iter()
        .enumerate()
        {
            let n = note(
                NoteKind::Resource,
                &format!("Note {i}"),
                "A plain body.",
                tags,
                1,
            );
            ids.push(
                store
                    .add_note(c, &n, t0 + chrono::Duration::minutes(i as i64))
                    .await
                    .unwrap(),
            );
        }
        store
            .add_note(
                other,
                &note(NoteKind::Story, "Elsewhere", "x", &["secret"], 1),
                t0,
            )
            .await
            .unwrap();
        let newest: Vec<String> = store
            .list_notes(c, &NoteFilter::default(), 10, 0)
            .await
            .unwrap()
            .into_iter()
            .map(|n| n.content.title)
            .collect();
        assert_eq!(newest, ["Note 2", "Note 1", "Note 0"], "{}", db.label());
        let page_two = store
            .list_notes(c, &NoteFilter::default(), 2, 2)
            .await
            .unwrap();
        assert_eq!(page_two.len(), 1);
        let tools = NoteFilter {
            tag: Some("tools".into()),
            ..Default::default()
        };
        assert_eq!(store.list_notes(c, &tools, 10, 0).await.unwrap().len(), 2);
        assert_eq!(
            store.note_tags(c).await.unwrap(),
            ["circle", "tools", "garden", "stories"],
            "most used first, another community's tags absent"
        );

        let mut edited = note(
            NoteKind::BestPractice,
            "Renamed",
            "Now about gardening.",
            &["garden"],
            9,
        );
        edited.source_url = Some("https://example.org/a".into());
        assert!(store.update_note(c, ids[0], &edited, t0).await.unwrap());
        assert!(!store.update_note(other, ids[0], &edited, t0).await.unwrap());
        let read = store.note(c, ids[0]).await.unwrap().unwrap();
        assert_eq!(read.content.title, "Renamed");
        assert_eq!(read.content.kind, NoteKind::BestPractice);
        assert_eq!(read.content.author, MemberRef(1), "the author stays");
        assert_eq!(
            read.content.source_url.as_deref(),
            Some("https://example.org/a")
        );
        assert_eq!(
            titles(&store, c, "gardening", &NoteFilter::default()).await,
            ["Renamed"]
        );
        assert!(
            titles(&store, c, "plain", &NoteFilter::default())
                .await
                .len()
                == 2
        );
        assert_eq!(store.all_notes(c).await.unwrap().len(), 3);

        let saved = steward::store::NoteListing {
            community: c,
            words: Some("plain body".into()),
            filter: NoteFilter {
                kind: Some(NoteKind::Resource),
                tag: Some("circle".into()),
                author: Some(MemberRef(1)),
                gathering: None,
            },
        };
        let id = store.save_listing(&saved, t0).await.unwrap();
        assert_eq!(store.listing(c, id).await.unwrap(), Some(saved.clone()));
        let elsewhere = steward::domain::ids::CommunityId(c.0 + 1000);
        assert_eq!(
            store.listing(elsewhere, id).await.unwrap(),
            None,
            "a saved listing is read only by its own community"
        );
        let later = t0 + chrono::Duration::days(steward::store::LISTING_DAYS + 1);
        store.save_listing(&saved, later).await.unwrap();
        assert_eq!(
            store.listing(c, id).await.unwrap(),
            None,
            "old listings are forgotten"
        );
        store.close().await;
    }
}

#[tokio::test]
async fn many_members_archiving_at_once_all_succeed() {
    for db in TestDb::both().await {
        let store = Store::open(db.url(), 8).await.unwrap();
        let c = community(&store, 10).await;
        let mut tasks = Vec::new();
        for writer in 0..8u64 {
            let store = store.clone();
            tasks.push(tokio::spawn(async move {
                for i in 0..150 {
                    let body = format!(
                        "Writer {writer} note {i}: {}",
                        "a longer body of words ".repeat(40)
                    );
                    store
                        .add_note(
                            c,
                            &note(NoteKind::Story, "Busy", &body, &["busy"], writer),
                            now(),
                        )
                        .await
                        .unwrap_or_else(|e| panic!("writer {writer}, note {i}: {e}"));
                }
            }));
        }
        for t in tasks {
            t.await.unwrap();
        }
        assert_eq!(
            store.all_notes(c).await.unwrap().len(),
            1200,
            "{}",
            db.label()
        );
        store.close().await;
    }
}

/// Notes archived before migration 0010 (which moved SQLite's community and filter matching into the
/// full-text index) are found, filtered and kept apart by community after it.
#[tokio::test]
async fn notes_archived_before_the_search_scope_migration_are_found_after_it() {
    let db = TestDb::sqlite();
    let before = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir("migrations/sqlite").unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if name.as_str() < "0010" {
            std::fs::copy(&path, before.path().join(&name)).unwrap();
        }
    }
    sqlx::any::install_default_drivers();
    let url = format!("{}?mode=rwc", db.url());
    let pool = sqlx::AnyPool::connect(&url).await.unwrap();
    sqlx::migrate::Migrator::new(before.path())
        .await
        .unwrap()
        .run(&pool)
        .await
        .unwrap();
    for (channel, title) in [(10, "Old circle note"), (11, "Other community")] {
        sqlx::query(
            "INSERT INTO communities (guild_id, channel_id, name, time_zone, reminder_offsets, role_prompt, \
             dm_reminders, created_at, updated_at) VALUES (1, $1, 'c', 'Europe/London', '7d', 'off', 0, 0, 0)",
        )
        .bind(channel)
        .execute(&pool)
        .await
        .unwrap();
        sqlx::query(
            "INSERT INTO notes (community_id, kind, title, body, tags, author_id, created_at, updated_at) \
             VALUES ((SELECT id FROM communities WHERE channel_id = $1), 'best_practice', $2, \
             'We closed with a round of thanks.', ' check-in story_time ', 42, 0, 0)",
        )
        .bind(channel)
        .bind(title)
        .execute(&pool)
        .await
        .unwrap();
    }
    pool.close().await;

    let store = Store::open(db.url(), 2).await.unwrap();
    let c = store
        .community_in_channel(ChannelRef(10))
        .await
        .unwrap()
        .unwrap()
        .id;
    assert_eq!(
        titles(&store, c, "thanks", &NoteFilter::default()).await,
        ["Old circle note"]
    );
    for filter in [
        NoteFilter {
            kind: Some(NoteKind::BestPractice),
            ..Default::default()
        },
        NoteFilter {
            tag: Some("check-in".into()),
            ..Default::default()
        },
        NoteFilter {
            tag: Some("story_time".into()),
            ..Default::default()
        },
        NoteFilter {
            author: Some(MemberRef(42)),
            ..Default::default()
        },
    ] {
        assert_eq!(
            titles(&store, c, "round", &filter).await,
            ["Old circle note"],
            "{filter:?}"
        );
    }
    let not_this_tag = NoteFilter {
        tag: Some("check".into()),
        ..Default::default()
    };
    assert!(titles(&store, c, "round", &not_this_tag).await.is_empty());
    store.close().await;
}

/// A note whose tags a tokenizer could split into another community's tokens (`x` + U+0903 + `c<id>`)
/// is never found from that other community: not by search, filters, listing or tag autocomplete. On
/// SQLite even a `scope` rewritten to the victim's own tokens finds nothing, because the page is filtered
/// by community in SQL, not by the full-text index.
#[tokio::test]
async fn a_note_never_reaches_another_communitys_search_whatever_its_tags() {
    for db in TestDb::both().await {
        let store = Store::open(db.url(), 3).await.unwrap();
        let victim = community(&store, 20).await;
        let attacker = community(&store, 21).await;
        let hostile_tags: Vec<String> = vec![
            format!("x\u{0903}c{}", victim.0),
            format!("x\u{0903}a{}", 7),
            format!("x\u{0903}g{}", 1),
            format!("c{}", victim.0),
        ];
        let tags: Vec<&str> = hostile_tags.iter().map(String::as_str).collect();
        store
            .add_note(
                attacker,
                &note(
                    NoteKind::Story,
                    "Leaked circle",
                    "A secret circle round of thanks.",
                    &tags,
                    7,
                ),
                now(),
            )
            .await
            .unwrap();
        store
            .add_note(
                victim,
                &note(
                    NoteKind::Story,
                    "Our own",
                    "An ordinary evening.",
                    &["own"],
                    8,
                ),
                now(),
            )
            .await
            .unwrap();
        let label = db.label();
        for words in ["secret", "circle round", "thanks"] {
            assert!(
                titles(&store, victim, words, &NoteFilter::default())
                    .await
                    .is_empty(),
                "{label}: `{words}` found another community's note"
            );
            for filter in [
                NoteFilter {
                    kind: Some(NoteKind::Story),
                    ..Default::default()
                },
                NoteFilter {
                    author: Some(MemberRef(7)),
                    ..Default::default()
                },
                NoteFilter {
                    tag: Some(hostile_tags[0].clone()),
                    ..Default::default()
                },
            ] {
                assert!(
                    titles(&store, victim, words, &filter).await.is_empty(),
                    "{label}: `{words}` with {filter:?} leaked"
                );
            }
        }
        assert_eq!(
            titles(&store, attacker, "secret", &NoteFilter::default()).await,
            ["Leaked circle"],
            "{label}: the note is found in its own community"
        );
        let listed = store
            .list_notes(victim, &NoteFilter::default(), 10, 0)
            .await
            .unwrap();
        assert_eq!(
            listed.len(),
            1,
            "{label}: listing shows only the victim's note"
        );
        let victim_tags = store.note_tags(victim).await.unwrap();
        assert_eq!(
            victim_tags,
            ["own"],
            "{label}: tag autocomplete stays in its community"
        );

        if store.backend() == steward::store::Backend::Sqlite {
            // Even a scope column forged to the victim's own tokens does not leak: SQL filters again.
            let pool = sqlx::AnyPool::connect(&format!("{}?mode=rw", db.url()))
                .await
                .unwrap();
            let victim_scope: String =
                sqlx::query_scalar("SELECT scope FROM notes WHERE community_id = $1")
                    .bind(victim.0)
                    .fetch_one(&pool)
                    .await
                    .unwrap();
            sqlx::query("UPDATE notes SET scope = $1 WHERE community_id = $2")
                .bind(victim_scope)
                .bind(attacker.0)
                .execute(&pool)
                .await
                .unwrap();
            pool.close().await;
            assert!(
                titles(&store, victim, "secret", &NoteFilter::default())
                    .await
                    .is_empty(),
                "a forged scope leaked"
            );
            assert!(store
                .search_notes(victim, "secret", &NoteFilter::default(), 10, 0)
                .await
                .unwrap()
                .is_empty());
        }
        store.close().await;
    }
}

/// A word found in more notes than PostgreSQL ranks: the best of the newest `RANKED_MATCHES` come first,
/// paging ends after them, a second word reaches an older note, and another community's stronger match
/// never shows. SQLite ranks every match (its index ranks inside itself).
#[tokio::test]
async fn a_very_common_word_shows_the_best_of_its_newest_matches() {
    use steward::store::RANKED_MATCHES;
    for db in TestDb::both().await {
        let store = Store::open(db.url(), 3).await.unwrap();
        let label = db.label();
        let ours = community(&store, 10).await;
        let theirs = community(&store, 11).await;
        let old = note(
            NoteKind::Story,
            "Circle circle circle lighthouse",
            "circle circle circle circle circle circle",
            &[],
            1,
        );
        store.add_note(ours, &old, now()).await.unwrap();
        let count = RANKED_MATCHES + 10;
        for i in 1..=count {
            let (title, body) = if i == count - 5 {
                (
                    "Circle circle recent".to_owned(),
                    "circle circle routine".to_owned(),
                )
            } else {
                (
                    format!("Routine {i}"),
                    format!("a routine note {i} about our circle"),
                )
            };
            let n = note(NoteKind::Story, &title, &body, &[], 1);
            let at = now() + chrono::Duration::seconds(i);
            store.add_note(ours, &n, at).await.unwrap();
        }
        let strongest = note(
            NoteKind::Story,
            "Circle circle circle elsewhere",
            "circle circle circle circle circle circle circle",
            &[],
            2,
        );
        let later = now() + chrono::Duration::days(1);
        store.add_note(theirs, &strongest, later).await.unwrap();

        let first = titles(&store, ours, "circle", &NoteFilter::default()).await;
        assert!(
            !first.iter().any(|t| t.contains("elsewhere")),
            "{label}: {first:?}"
        );
        let mut reachable = 0;
        let mut all = Vec::new();
        loop {
            let page = store
                .search_notes(ours, "circle", &NoteFilter::default(), 100, reachable)
                .await
                .unwrap();
            if page.is_empty() {
                break;
            }
            reachable += page.len() as i64;
            all.extend(page.into_iter().map(|(n, _)| n.content.title));
        }
        if label == "postgres" {
            assert_eq!(first[0], "Circle circle recent", "{label}: {first:?}");
            assert_eq!(reachable, RANKED_MATCHES, "{label}");
            assert!(!all.iter().any(|t| t.contains("lighthouse")), "{label}");
        } else {
            assert_eq!(
                first[0], "Circle circle circle lighthouse",
                "{label}: {first:?}"
            );
            assert_eq!(reachable, count + 1, "{label}");
        }
        assert!(!all.iter().any(|t| t.contains("elsewhere")), "{label}");
        let narrowed = titles(&store, ours, "circle lighthouse", &NoteFilter::default()).await;
        assert_eq!(narrowed, ["Circle circle circle lighthouse"], "{label}");
    }
}

/// PostgreSQL searches a large community's newest `SEARCH_WINDOW` notes first: whether the window holds
/// enough matches or not, the result is the best of the newest `RANKED_MATCHES` matches, as if every
/// match had been read (a word only in old notes, or in a few hundred of the window's, is still found).
#[tokio::test]
async fn a_large_communitys_search_finds_the_same_notes_through_its_window() {
    use sqlx::Connection;
    use steward::store::{RANKED_MATCHES, SEARCH_WINDOW};
    for db in TestDb::both().await {
        if db.label() != "postgres" {
            continue;
        }
        let store = Store::open(db.url(), 3).await.unwrap();
        let ours = community(&store, 10).await;
        let theirs = community(&store, 11).await;
        // SEARCH_WINDOW + 700 notes, one a second; i counts from the oldest. Every note says "circle";
        // "harbour" is in the window's newest RANKED_MATCHES - 100 notes and in 300 older ones;
        // "lighthouse" only in the oldest note and the two newest.
        let total = SEARCH_WINDOW + 700;
        let base = now().timestamp();
        let mut conn = sqlx::PgConnection::connect(db.url()).await.unwrap();
        sqlx::query(
            "INSERT INTO notes (community_id, kind, title, body, tags, author_id, created_at, updated_at) \
             SELECT $1, 'story', 'Note ' || i, \
             'our circle' \
             || CASE WHEN i <= 300 OR i > $2 - $4 THEN ' harbour' ELSE '' END \
             || CASE WHEN i = 1 OR i > $2 - 2 THEN ' lighthouse' ELSE '' END \
             || CASE WHEN i = $2 - 100 THEN ' circle circle circle circle' ELSE '' END \
             || CASE WHEN i = $2 - 1000 THEN ' circle circle circle circle circle' ELSE '' END, \
             ' ', 1, $3 + i, $3 + i FROM generate_series(1, $2) AS i",
        )
        .bind(ours.0)
        .bind(total)
        .bind(base)
        .bind(RANKED_MATCHES - 100)
        .execute(&mut conn)
        .await
        .unwrap();
        sqlx::query(
            "INSERT INTO notes (community_id, kind, title, body, tags, author_id, created_at, updated_at) \
             VALUES ($1, 'story', 'Elsewhere', 'circle circle circle circle circle circle harbour lighthouse', ' ', 2, $2, $2)",
        )
        .bind(theirs.0)
        .bind(base + total + 10)
        .execute(&mut conn)
        .await
        .unwrap();
        let all = |words: &'static str| {
            let store = store.clone();
            async move {
                let mut titles = Vec::new();
                loop {
                    let page = store
                        .search_notes(
                            ours,
                            words,
                            &NoteFilter::default(),
                            100,
                            titles.len() as i64,
                        )
                        .await
                        .unwrap();
                    if page.is_empty() {
                        return titles;
                    }
                    titles.extend(page.into_iter().map(|(n, _)| n.content.title));
                }
            }
        };
        let number = |t: &String| t.trim_start_matches("Note ").parse::<i64>().unwrap_or(-1);

        // Through the window: the best of the newest RANKED_MATCHES, and nothing older.
        let circle = all("circle").await;
        assert_eq!(circle.len() as i64, RANKED_MATCHES);
        assert_eq!(circle[0], format!("Note {}", total - 100), "{circle:?}");
        assert!(
            circle.iter().all(|t| number(t) > total - RANKED_MATCHES),
            "{circle:?}"
        );
        // Too few in the window, 300 older: the newest RANKED_MATCHES reach 100 below the window.
        let harbour = all("harbour").await;
        assert_eq!(harbour.len() as i64, RANKED_MATCHES);
        assert_eq!(
            harbour.iter().filter(|t| number(t) <= 700).count(),
            100,
            "{harbour:?}"
        );
        // A rare word: the oldest note too.
        let mut lighthouse = all("lighthouse").await;
        lighthouse.sort();
        assert_eq!(
            lighthouse,
            [
                "Note 1".to_owned(),
                format!("Note {}", total - 1),
                format!("Note {total}")
            ]
        );
        assert!(!circle.iter().chain(&harbour).any(|t| t == "Elsewhere"));
    }
}
