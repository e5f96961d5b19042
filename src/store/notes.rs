//! Practice notes: add, read, delete, and full-text search (SQLite FTS5 with every user word quoted;
//! PostgreSQL tsvector with `websearch_to_tsquery`), best match first on both.

use super::{from_unix, to_unix, Backend, Store, StoreError};
use crate::domain::gathering::GatheringId;
use crate::domain::ids::{CommunityId, MemberRef};
use crate::domain::notes::{fts5_query, NoteKind};
use crate::domain::InputError;
use chrono::{DateTime, Utc};

macro_rules! columns {
    () => {
        "n.id, n.community_id, n.gathering_id, n.kind, n.title, n.body, n.tags, n.author_id, n.source_url, n.created_at"
    };
}

const INSERT: &str = "INSERT INTO notes (community_id, gathering_id, kind, title, body, tags, author_id, source_url, \
     created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id";
const ONE: &str = concat!(
    "SELECT ",
    columns!(),
    ", '' AS snippet FROM notes n WHERE n.community_id = $1 AND n.id = $2"
);
const DELETE: &str = "DELETE FROM notes WHERE community_id = $1 AND id = $2";
const SEARCH_SQLITE: &str = concat!(
    "SELECT ",
    columns!(),
    ", snippet(notes_fts, 1, '**', '**', '…', 16) AS snippet FROM notes_fts JOIN notes n ON n.id = notes_fts.rowid \
     WHERE notes_fts MATCH $1 AND n.community_id = $2 AND ($3 IS NULL OR n.kind = $3) \
     AND ($4 IS NULL OR n.tags LIKE $4 ESCAPE '\\') AND ($5 IS NULL OR n.author_id = $5) \
     ORDER BY bm25(notes_fts), n.id DESC LIMIT $6 OFFSET $7"
);
const SEARCH_POSTGRES: &str = concat!(
    "SELECT ",
    columns!(),
    ", ts_headline('english', n.body, q, 'StartSel=**, StopSel=**, MaxWords=24, MinWords=8') AS snippet \
     FROM notes n, websearch_to_tsquery('english', $1) q \
     WHERE n.search @@ q AND n.community_id = $2 AND ($3::text IS NULL OR n.kind = $3) \
     AND ($4::text IS NULL OR n.tags LIKE $4 ESCAPE '\\') AND ($5::bigint IS NULL OR n.author_id = $5) \
     ORDER BY ts_rank(n.search, q) DESC, n.id DESC LIMIT $6 OFFSET $7"
);

/// Steward's id of a note.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct NoteId(pub i64);

/// A note about to be archived.
#[derive(Debug, Clone, PartialEq)]
pub struct NewNote {
    /// What it is.
    pub kind: NoteKind,
    /// Its title.
    pub title: String,
    /// Its text.
    pub body: String,
    /// Normalised tags.
    pub tags: Vec<String>,
    /// Who wrote it.
    pub author: MemberRef,
    /// The gathering it came from.
    pub gathering: Option<GatheringId>,
    /// A link to the message it was archived from.
    pub source_url: Option<String>,
}

/// An archived note.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    /// Id.
    pub id: NoteId,
    /// Its community.
    pub community: CommunityId,
    /// What was archived.
    pub content: NewNote,
    /// When.
    pub created_at: DateTime<Utc>,
}

/// Optional search filters.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NoteFilter {
    /// Only this kind.
    pub kind: Option<NoteKind>,
    /// Only notes with this (normalised) tag.
    pub tag: Option<String>,
    /// Only this author's notes.
    pub author: Option<MemberRef>,
}

#[derive(sqlx::FromRow)]
struct NoteRow {
    id: i64,
    community_id: i64,
    gathering_id: Option<i64>,
    kind: String,
    title: String,
    body: String,
    tags: String,
    author_id: i64,
    source_url: Option<String>,
    created_at: i64,
    snippet: String,
}

impl NoteRow {
    fn into_domain(self) -> Result<(Note, String), StoreError> {
        let kind = NoteKind::parse(&self.kind)
            .ok_or_else(|| StoreError::Corrupt(format!("note {}: kind", self.id)))?;
        let note = Note {
            id: NoteId(self.id),
            community: CommunityId(self.community_id),
            content: NewNote {
                kind,
                title: self.title,
                body: self.body,
                tags: self.tags.split_whitespace().map(str::to_owned).collect(),
                author: MemberRef::from_db(self.author_id),
                gathering: self.gathering_id.map(GatheringId),
                source_url: self.source_url,
            },
            created_at: from_unix(self.created_at)?,
        };
        Ok((note, self.snippet))
    }
}

/// Why a search could not run: the words given, or the database.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// Nothing searchable was typed.
    #[error(transparent)]
    Input(#[from] InputError),
    /// The database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl Store {
    /// Archives a note.
    pub async fn add_note(
        &self,
        community: CommunityId,
        note: &NewNote,
        now: DateTime<Utc>,
    ) -> Result<NoteId, StoreError> {
        let tags = format!(" {} ", note.tags.join(" "));
        let id: i64 = sqlx::query_scalar(INSERT)
            .bind(community.0)
            .bind(note.gathering.map(|g| g.0))
            .bind(note.kind.as_str())
            .bind(note.title.clone())
            .bind(note.body.clone())
            .bind(tags)
            .bind(note.author.to_db())
            .bind(note.source_url.clone())
            .bind(to_unix(now))
            .fetch_one(self.pool())
            .await?;
        Ok(NoteId(id))
    }

    /// One note of this community (an id from another community is not found).
    pub async fn note(
        &self,
        community: CommunityId,
        id: NoteId,
    ) -> Result<Option<Note>, StoreError> {
        let row: Option<NoteRow> = sqlx::query_as(ONE)
            .bind(community.0)
            .bind(id.0)
            .fetch_optional(self.pool())
            .await?;
        row.map(|r| r.into_domain().map(|(n, _)| n)).transpose()
    }

    /// Deletes a note of this community; true if it existed.
    pub async fn delete_note(
        &self,
        community: CommunityId,
        id: NoteId,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(DELETE)
            .bind(community.0)
            .bind(id.0)
            .execute(self.pool())
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Full-text search, best match first, with a highlighted snippet of the body.
    pub async fn search_notes(
        &self,
        community: CommunityId,
        words: &str,
        filter: &NoteFilter,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<(Note, String)>, SearchError> {
        let (sql, query) = match self.backend() {
            Backend::Sqlite => (SEARCH_SQLITE, fts5_query(words)?),
            Backend::Postgres => {
                fts5_query(words)?; // the same rule for "nothing to search"
                (SEARCH_POSTGRES, words.chars().take(400).collect())
            }
        };
        let tag = filter.tag.as_ref().map(|t| {
            format!(
                "% {} %",
                t.replace('\\', "\\\\")
                    .replace('%', "\\%")
                    .replace('_', "\\_")
            )
        });
        let rows: Vec<NoteRow> = sqlx::query_as(sql)
            .bind(query)
            .bind(community.0)
            .bind(filter.kind.map(|k| k.as_str().to_owned()))
            .bind(tag)
            .bind(filter.author.map(MemberRef::to_db))
            .bind(limit)
            .bind(offset)
            .fetch_all(self.pool())
            .await
            .map_err(StoreError::from)?;
        Ok(rows
            .into_iter()
            .map(NoteRow::into_domain)
            .collect::<Result<_, _>>()?)
    }
}
