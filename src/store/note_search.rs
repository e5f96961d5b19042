//! Finding practice notes: full-text search (SQLite FTS5 with every user word quoted; PostgreSQL tsvector
//! with `websearch_to_tsquery` over the same quoted words), best match first on both; listings newest
//! first; and saved listings, so that paging buttons work after a restart.

use super::notes::{note_columns, NewNote, Note, NoteRow};
use super::{to_unix, Backend, Store, StoreError};
use crate::domain::gathering::GatheringId;
use crate::domain::ids::{CommunityId, MemberRef};
use crate::domain::notes::{search_words, NoteKind};
use crate::domain::InputError;
use chrono::{DateTime, Duration, Utc};

/// `$3` kind, `$4` tag pattern, `$5` author, `$6` gathering; each `NULL` for "any". The casts give
/// PostgreSQL the parameters' types and are no-ops on SQLite, so both backends share the text.
macro_rules! filters {
    () => {
        " AND (CAST($3 AS TEXT) IS NULL OR n.kind = $3) \
          AND (CAST($4 AS TEXT) IS NULL OR n.tags LIKE $4 ESCAPE '\\') \
          AND (CAST($5 AS BIGINT) IS NULL OR n.author_id = $5) \
          AND (CAST($6 AS BIGINT) IS NULL OR n.gathering_id = $6)"
    };
}

// Ranking picks the page first; only its notes get a snippet (a snippet of every match would cost more
// than the search). The snippet marks matches with ⟦ ⟧; the card turns them into bold after escaping the
// text around them.
// On SQLite the community and the filters are also tokens of the `scope` column (migrations 0010, 0011), so
// one FTS5 query with `ORDER BY rank` (BM25 over title and body) finds the page without touching `notes`
// per match. Those tokens are only for speed: the page is then filtered again in SQL by community and
// filters, so isolation never rests on how a tokenizer splits text. The tokens themselves are ASCII made
// from ids and hex (see `scope_token`), never user text.
const SEARCH_SQLITE: &str = concat!(
    "WITH best AS (SELECT rowid AS id, rank AS score FROM notes_fts WHERE notes_fts MATCH $1 \
     ORDER BY rank, rowid DESC LIMIT $7 OFFSET $8) SELECT ",
    note_columns!(),
    ", snippet(notes_fts, 1, '⟦', '⟧', '…', 16) AS snippet FROM best JOIN notes n ON n.id = best.id \
     JOIN notes_fts ON notes_fts.rowid = best.id WHERE notes_fts MATCH $1 AND n.community_id = $2",
    filters!(),
    " ORDER BY best.score, n.id DESC"
);
// On PostgreSQL ranking reads each match's whole tsvector, which for a word found in a quarter of a
// 50,000-note archive cost 70–180 ms. So only the newest `RANKED_MATCHES` matches are ranked: they are
// found from the GIN index and each match's narrow row (migration 0023 moves body and tsvector out of
// a note's row once it is over ~2 KB), then only they are ranked and only the page gets a headline. A search whose words are in fewer
// notes ranks all of them, as before.
// Reading every match's row is still ~10 ms for such a word, so a community with more than
// `SEARCH_WINDOW` notes is first searched among its newest `SEARCH_WINDOW` (a range of its
// `(community_id, created_at)` index, ANDed with the GIN index): when they hold `RANKED_MATCHES` matches
// or more, the newest `RANKED_MATCHES` matches are all among them, so the result is the same; otherwise
// (a rarer word, with fewer matches to read) every match is read. The choice is made inside the
// statement (a one-time filter), after the window is counted.
macro_rules! ranked_page {
    () => {
        concat!(
            "recent AS (SELECT id FROM matches ORDER BY created_at DESC, id DESC LIMIT $9), \
             best AS (SELECT n.id, ts_rank(n.search, q.q) AS score FROM recent \
             JOIN notes n ON n.id = recent.id, q \
             WHERE n.community_id = $2 ORDER BY score DESC, n.id DESC LIMIT $7 OFFSET $8) SELECT ",
            note_columns!(),
            ", ts_headline('english', n.body, (SELECT q FROM q), \
             'StartSel=⟦, StopSel=⟧, MaxWords=24, MinWords=8') AS snippet \
             FROM best JOIN notes n ON n.id = best.id WHERE n.community_id = $2 \
             ORDER BY best.score DESC, n.id DESC"
        )
    };
}
const SEARCH_POSTGRES: &str = concat!(
    "WITH q AS (SELECT websearch_to_tsquery('english', $1) AS q), \
     matches AS MATERIALIZED (SELECT n.id, n.created_at FROM notes n, q \
     WHERE n.search @@ q.q AND n.community_id = $2",
    filters!(),
    "), ",
    ranked_page!()
);
/// `$10`: when the community's `SEARCH_WINDOW`th newest note was archived.
const SEARCH_POSTGRES_WINDOWED: &str = concat!(
    "WITH q AS (SELECT websearch_to_tsquery('english', $1) AS q), \
     windowed AS MATERIALIZED (SELECT n.id, n.created_at FROM notes n, q \
     WHERE n.search @@ q.q AND n.community_id = $2 AND n.created_at >= $10",
    filters!(),
    "), matches AS (SELECT id, created_at FROM windowed WHERE (SELECT COUNT(*) FROM windowed) >= $9 \
     UNION ALL SELECT n.id, n.created_at FROM notes n, q \
     WHERE (SELECT COUNT(*) FROM windowed) < $9 AND n.search @@ q.q AND n.community_id = $2",
    filters!(),
    "), ",
    ranked_page!()
);
/// Read from the `(community_id, created_at)` index alone; notes archived in the same second all fall
/// inside the window (it is `>=`), so which of them is counted first does not matter.
const WINDOW_START: &str = "SELECT created_at FROM notes WHERE community_id = $1 \
     ORDER BY created_at DESC LIMIT 1 OFFSET $2";
/// How many of a search's matches PostgreSQL ranks: the newest ones. A word found in more notes than this
/// (in one community) shows the best of its newest matches; more words or a filter reach older ones.
pub const RANKED_MATCHES: i64 = 200;
/// How many of a large community's newest notes PostgreSQL searches first (see `SEARCH_POSTGRES_WINDOWED`).
pub const SEARCH_WINDOW: i64 = 5000;
const LIST: &str = concat!(
    "SELECT ",
    note_columns!(),
    ", '' AS snippet FROM notes n WHERE CAST($1 AS TEXT) IS NULL AND n.community_id = $2",
    filters!(),
    " ORDER BY n.created_at DESC, n.id DESC LIMIT $7 OFFSET $8"
);
const SAVE_LISTING: &str =
    "INSERT INTO note_listings (community_id, words, kind, tag, author_id, gathering_id, \
     created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id";
const LISTING: &str = "SELECT community_id, words, kind, tag, author_id, gathering_id FROM note_listings WHERE id = $1 AND community_id = $2";
const PRUNE_LISTINGS: &str = "DELETE FROM note_listings WHERE created_at < $1";

/// The words of a search as an FTS5 query in which every word is a quoted string, so nothing a person
/// types can act as query syntax; all words must match.
pub fn fts5_query(input: &str) -> Result<String, InputError> {
    let words = search_words(input)?;
    Ok(words
        .iter()
        .map(|w| format!("\"{w}\""))
        .collect::<Vec<_>>()
        .join(" "))
}

/// How long paging buttons of a search or listing keep working.
pub const LISTING_DAYS: i64 = 30;

/// Optional filters of a search or listing.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NoteFilter {
    /// Only this kind.
    pub kind: Option<NoteKind>,
    /// Only notes with this (normalised) tag.
    pub tag: Option<String>,
    /// Only this author's notes.
    pub author: Option<MemberRef>,
    /// Only notes from this gathering.
    pub gathering: Option<GatheringId>,
}

/// A search (with words) or a listing (without), as saved for its paging buttons.
#[derive(Debug, Clone, PartialEq)]
pub struct NoteListing {
    /// The community whose notes it covers (its paging buttons work only there).
    pub community: CommunityId,
    /// The search words; `None` lists newest first.
    pub words: Option<String>,
    /// Kind, tag, author and gathering it is narrowed to (all `None`: every note).
    pub filter: NoteFilter,
}

/// Steward's id of a saved listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ListingId(pub i64);

/// Why a search could not run: the words given, or the database.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// Nothing searchable was typed.
    #[error(transparent)]
    Input(#[from] InputError),
    /// The database failed while searching (not the person's doing).
    #[error(transparent)]
    Store(#[from] StoreError),
}

#[derive(sqlx::FromRow)]
struct ListingRow {
    community_id: i64,
    words: Option<String>,
    kind: Option<String>,
    tag: Option<String>,
    author_id: Option<i64>,
    gathering_id: Option<i64>,
}

fn tag_pattern(tag: &str) -> String {
    let escaped = tag
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("% {escaped} %")
}

/// A token of the `scope` column: a letter and the hex of `text`'s UTF-8 bytes, with the hex letters
/// spelled as consonants (`A-F` → `b c d f g h`) so that neither the `unicode61` tokenizer (which keeps
/// ASCII letters and digits together) nor the porter stemmer (which only rewrites endings with vowels,
/// `s`, `y` or `ll`) can split or change it. Migration 0011 builds the same tokens in SQL with `hex()`.
pub(super) fn scope_token(prefix: char, text: &str) -> String {
    const DIGITS: &[u8; 16] = b"0123456789bcdfgh";
    let mut token = String::with_capacity(1 + 2 * text.len());
    token.push(prefix);
    for byte in text.bytes() {
        token.push(DIGITS[usize::from(byte >> 4)] as char);
        token.push(DIGITS[usize::from(byte & 0x0f)] as char);
    }
    token
}

fn kind_token(kind: NoteKind) -> String {
    scope_token('k', kind.as_str())
}

fn tag_token(tag: &str) -> String {
    scope_token('t', tag)
}

/// The `scope` of a note (SQLite's index of community and filters): one ASCII token per fact.
pub(super) fn scope_of(community: CommunityId, note: &NewNote) -> String {
    let mut tokens = vec![
        format!("c{}", community.0),
        kind_token(note.kind),
        format!("a{}", note.author.to_db()),
    ];
    tokens.extend(note.gathering.map(|g| format!("g{}", g.0)));
    tokens.extend(note.tags.iter().map(|t| tag_token(t)));
    tokens.join(" ")
}

const UNSCOPED: &str = concat!(
    "SELECT ",
    note_columns!(),
    ", '' AS snippet FROM notes n WHERE n.scope = '' ORDER BY n.id LIMIT 500"
);
const SET_SCOPE: &str = "UPDATE notes SET scope = $2 WHERE id = $1";

impl Store {
    /// Builds the `scope` tokens of notes that have none (after migration 0011), 500 per transaction.
    pub(super) async fn rebuild_note_scopes(&self) -> Result<u64, StoreError> {
        let mut rebuilt = 0;
        loop {
            let mut tx = self.begin_write().await?;
            let rows: Vec<NoteRow> = sqlx::query_as(UNSCOPED).fetch_all(&mut *tx).await?;
            if rows.is_empty() {
                tx.commit().await?;
                return Ok(rebuilt);
            }
            for row in rows {
                let (note, _) = row.into_domain()?;
                sqlx::query(SET_SCOPE)
                    .bind(note.id.0)
                    .bind(scope_of(note.community, &note.content))
                    .execute(&mut *tx)
                    .await?;
                rebuilt += 1;
            }
            tx.commit().await?;
        }
    }
}

/// The FTS5 terms that keep a search to a community and its filters (each a quoted token of `scope`).
fn scope_terms(community: CommunityId, filter: &NoteFilter) -> String {
    let mut tokens = vec![format!("c{}", community.0)];
    tokens.extend(filter.kind.map(kind_token));
    tokens.extend(filter.author.map(|a| format!("a{}", a.to_db())));
    tokens.extend(filter.gathering.map(|g| format!("g{}", g.0)));
    tokens.extend(filter.tag.as_deref().map(tag_token));
    tokens
        .iter()
        .map(|t| format!("scope : \"{}\"", t.replace('"', "")))
        .collect::<Vec<_>>()
        .join(" AND ")
}

impl Store {
    /// Full-text search, best match first, with a snippet of the body in which matches are marked ⟦ ⟧.
    /// Every word must match; nothing typed acts as query syntax on either backend.
    pub async fn search_notes(
        &self,
        community: CommunityId,
        words: &str,
        filter: &NoteFilter,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<(Note, String)>, SearchError> {
        let words = fts5_query(words)?;
        if self.backend() == Backend::Postgres {
            let window_start: Option<i64> = sqlx::query_scalar(WINDOW_START)
                .bind(community.0)
                .bind(SEARCH_WINDOW - 1)
                .fetch_optional(self.pool())
                .await
                .map_err(StoreError::from)?;
            let (sql, extra) = match window_start {
                Some(start) => (SEARCH_POSTGRES_WINDOWED, vec![RANKED_MATCHES, start]),
                None => (SEARCH_POSTGRES, vec![RANKED_MATCHES]),
            };
            let found = self
                .find_notes(sql, Some(words), community, filter, (limit, offset), &extra)
                .await?;
            return Ok(found);
        }
        let query = format!(
            "{} AND {{title body}} : ({words})",
            scope_terms(community, filter)
        );
        let found = self
            .find_notes(
                SEARCH_SQLITE,
                Some(query),
                community,
                filter,
                (limit, offset),
                &[],
            )
            .await?;
        Ok(found)
    }

    /// Notes newest first, with filters.
    pub async fn list_notes(
        &self,
        community: CommunityId,
        filter: &NoteFilter,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<Note>, StoreError> {
        let found = self
            .find_notes(LIST, None, community, filter, (limit, offset), &[])
            .await?;
        Ok(found.into_iter().map(|(n, _)| n).collect())
    }

    /// Runs a search or listing statement: `$1` the words, `$2` the community, `$3`–`$6` the filters,
    /// `$7` and `$8` the page; `extra` binds `$9` onwards.
    async fn find_notes(
        &self,
        sql: &'static str,
        query: Option<String>,
        community: CommunityId,
        filter: &NoteFilter,
        (limit, offset): (i64, i64),
        extra: &[i64],
    ) -> Result<Vec<(Note, String)>, StoreError> {
        let mut statement = sqlx::query_as(sql)
            .bind(query)
            .bind(community.0)
            .bind(filter.kind.map(|k| k.as_str().to_owned()))
            .bind(filter.tag.as_deref().map(tag_pattern))
            .bind(filter.author.map(MemberRef::to_db))
            .bind(filter.gathering.map(|g| g.0))
            .bind(limit)
            .bind(offset);
        for value in extra {
            statement = statement.bind(*value);
        }
        // On PostgreSQL a kept (named) statement may switch to one plan for any values, and that generic
        // plan cannot see which filters are unused: it expects one row, so it reads and sorts the whole
        // community (a forced generic plan took 88 ms for a listing page of a 50,000-note community,
        // against 2.5 ms). Planned with the values each time (~0.3 ms), a listing walks the community's
        // index newest first and stops.
        if self.backend() == Backend::Postgres {
            statement = statement.persistent(false);
        }
        let rows: Vec<NoteRow> = statement.fetch_all(self.pool()).await?;
        rows.into_iter().map(NoteRow::into_domain).collect()
    }

    /// Saves a search or listing for its paging buttons (and forgets those older than 30 days).
    pub async fn save_listing(
        &self,
        listing: &NoteListing,
        now: DateTime<Utc>,
    ) -> Result<ListingId, StoreError> {
        sqlx::query(PRUNE_LISTINGS)
            .bind(to_unix(now - Duration::days(LISTING_DAYS)))
            .execute(self.pool())
            .await?;
        let f = &listing.filter;
        let id: i64 = sqlx::query_scalar(SAVE_LISTING)
            .bind(listing.community.0)
            .bind(listing.words.clone())
            .bind(f.kind.map(|k| k.as_str().to_owned()))
            .bind(f.tag.clone())
            .bind(f.author.map(MemberRef::to_db))
            .bind(f.gathering.map(|g| g.0))
            .bind(to_unix(now))
            .fetch_one(self.pool())
            .await?;
        Ok(ListingId(id))
    }

    /// A saved search or listing of this community, if it is still kept.
    pub async fn listing(
        &self,
        community: CommunityId,
        id: ListingId,
    ) -> Result<Option<NoteListing>, StoreError> {
        let row: Option<ListingRow> = sqlx::query_as(LISTING)
            .bind(id.0)
            .bind(community.0)
            .fetch_optional(self.pool())
            .await?;
        Ok(row.map(|r| NoteListing {
            community: CommunityId(r.community_id),
            words: r.words,
            filter: NoteFilter {
                kind: r.kind.as_deref().and_then(NoteKind::parse),
                tag: r.tag,
                author: r.author_id.map(MemberRef::from_db),
                gathering: r.gathering_id.map(GatheringId),
            },
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_words_are_quoted_so_no_query_syntax_gets_through() {
        assert_eq!(
            fts5_query("check-in circle").unwrap(),
            r#""check" "in" "circle""#
        );
        assert_eq!(
            fts5_query(r#"a" OR 1=1; -- NEAR(x y) title:*"#).unwrap(),
            r#""a" "or" "1" "1" "near" "x" "y" "title""#
        );
        assert!(fts5_query(r#" "*:-() "#).is_err());
    }
}
