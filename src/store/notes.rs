//! Practice notes: archive, read, edit, delete, the community's tags, and the whole archive for export.
//! Searching and listing are in `note_search`.

use super::note_search::scope_of;
use super::{from_unix, to_unix, Lock, Store, StoreError};
use crate::domain::gathering::GatheringId;
use crate::domain::ids::{CommunityId, MemberRef};
use crate::domain::notes::NoteKind;
use chrono::{DateTime, Utc};

macro_rules! note_columns {
    () => {
        "n.id, n.community_id, n.gathering_id, n.kind, n.title, n.body, n.tags, n.author_id, n.author_name, \
         n.archived_by, n.source_url, n.created_at"
    };
}
pub(super) use note_columns;

const INSERT: &str = "INSERT INTO notes (community_id, gathering_id, kind, title, body, tags, author_id, author_name, \
     archived_by, source_url, created_at, updated_at, scope) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, \
     $12) RETURNING id";
const UPDATE: &str = "UPDATE notes SET kind = $3, title = $4, body = $5, tags = $6, source_url = $7, updated_at = $8, \
     scope = $9 WHERE community_id = $1 AND id = $2";
// The same form submitted again (Discord said "interaction failed" while the database was busy) within
// `RESUBMIT_SECONDS` archives nothing new.
// The same note: same community, author, archiver, gathering, kind, title, text, tags and link.
macro_rules! same_note {
    () => {
        "community_id = $1 AND author_id = $7 AND title = $4 AND body = $5 AND kind = $3 AND tags = $6 \
         AND (archived_by = $9 OR (archived_by IS NULL AND $9 IS NULL)) \
         AND (gathering_id = $2 OR (gathering_id IS NULL AND $2 IS NULL)) \
         AND (source_url = $10 OR (source_url IS NULL AND $10 IS NULL)) AND created_at >= $13"
    };
}
const INSERT_ONCE: &str = concat!(
    "INSERT INTO notes (community_id, gathering_id, kind, title, body, tags, author_id, \
     author_name, archived_by, source_url, created_at, updated_at, scope) SELECT $1, $2, $3, $4, $5, $6, $7, $8, \
     $9, $10, $11, $11, $12 WHERE NOT EXISTS (SELECT 1 FROM notes WHERE ",
    same_note!(),
    ") RETURNING id"
);
const RESUBMITTED: &str = concat!(
    "SELECT id FROM notes WHERE $8 = $8 AND $11 = $11 AND $12 = $12 AND ",
    same_note!(),
    " ORDER BY id LIMIT 1"
);
const RESUBMIT_SECONDS: i64 = 600;
const OFFER_CREDIT: &str =
    "INSERT INTO note_credit_offers (community_id, offered_to, author_id, author_name, \
     created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id";
const CREDIT_OFFER: &str = "SELECT author_id, author_name FROM note_credit_offers WHERE id = $1 \
     AND community_id = $2 AND offered_to = $3";
const PRUNE_OFFERS: &str = "DELETE FROM note_credit_offers WHERE created_at < $1";
/// How long a form opened from the message menu may credit the message's author.
const OFFER_DAYS: i64 = 30;
const ONE: &str = concat!(
    "SELECT ",
    note_columns!(),
    ", '' AS snippet FROM notes n WHERE n.community_id = $1 AND n.id = $2"
);
const ALL: &str = concat!(
    "SELECT ",
    note_columns!(),
    ", '' AS snippet FROM notes n WHERE n.community_id = $1 ORDER BY n.created_at, n.id"
);
const DELETE: &str = "DELETE FROM notes WHERE community_id = $1 AND id = $2";
const RECENT_TAGS: &str =
    "SELECT tags FROM notes WHERE community_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1000";

/// Whom a form opened from the message menu may credit (see [`Store::offer_credit`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CreditOffer(pub i64);

/// Steward's id of a note.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct NoteId(pub i64);

/// A note about to be archived (or its new content).
#[derive(Debug, Clone, PartialEq)]
pub struct NewNote {
    /// Which kind of practice note it is (best practice, query, story, …).
    pub kind: NoteKind,
    /// Its title: one line, at most 100 characters.
    pub title: String,
    /// Its text, kept exactly as typed (at most 4,000 characters).
    pub body: String,
    /// Its tags, normalised (lowercase, no `#`, no duplicates; at most 10).
    pub tags: Vec<String>,
    /// Whom it credits: who wrote it (for an archived message, that message's author).
    pub author: MemberRef,
    /// The author's name as shown when it was archived (for exports, which cannot show mentions).
    pub author_name: String,
    /// Who archived someone else's message, if not the author.
    pub archived_by: Option<MemberRef>,
    /// The gathering it came from.
    pub gathering: Option<GatheringId>,
    /// A link to the message it was archived from, or to a source.
    pub source_url: Option<String>,
}

impl NewNote {
    /// Whether `member` wrote or archived this note.
    pub fn is_authored_by(&self, member: MemberRef) -> bool {
        self.author == member || self.archived_by == Some(member)
    }
}

/// A practice note in the community's archive, as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    /// Steward's id of the note (the `#12` of `/note show`).
    pub id: NoteId,
    /// The community whose archive holds it.
    pub community: CommunityId,
    /// What was archived.
    pub content: NewNote,
    /// When it was archived (an edit keeps this time).
    pub created_at: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
pub(super) struct NoteRow {
    id: i64,
    community_id: i64,
    gathering_id: Option<i64>,
    kind: String,
    title: String,
    body: String,
    tags: String,
    author_id: i64,
    author_name: String,
    archived_by: Option<i64>,
    source_url: Option<String>,
    created_at: i64,
    snippet: String,
}

impl NoteRow {
    pub(super) fn into_domain(self) -> Result<(Note, String), StoreError> {
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
                author_name: self.author_name,
                archived_by: self.archived_by.map(MemberRef::from_db),
                gathering: self.gathering_id.map(GatheringId),
                source_url: self.source_url,
            },
            created_at: from_unix(self.created_at)?,
        };
        Ok((note, self.snippet))
    }
}

/// `sql` (returning an id) with a note's 12 values bound as `$1`…`$12`: community, gathering, kind,
/// title, body, tags, author, author name, archiver, link, time, search scope.
fn bind_note(
    sql: &'static str,
    community: CommunityId,
    note: &NewNote,
    now: DateTime<Utc>,
) -> sqlx::query::QueryScalar<'static, sqlx::Any, i64, sqlx::any::AnyArguments> {
    sqlx::query_scalar(sql)
        .bind(community.0)
        .bind(note.gathering.map(|g| g.0))
        .bind(note.kind.as_str())
        .bind(note.title.clone())
        .bind(note.body.clone())
        .bind(stored_tags(&note.tags))
        .bind(note.author.to_db())
        .bind(note.author_name.clone())
        .bind(note.archived_by.map(MemberRef::to_db))
        .bind(note.source_url.clone())
        .bind(to_unix(now))
        .bind(scope_of(community, note))
}

/// Tags as stored: each surrounded by spaces, so that `LIKE '% tag %'` matches exactly one tag.
fn stored_tags(tags: &[String]) -> String {
    format!(" {} ", tags.join(" "))
}

impl Store {
    /// Archives a note.
    pub async fn add_note(
        &self,
        community: CommunityId,
        note: &NewNote,
        now: DateTime<Utc>,
    ) -> Result<NoteId, StoreError> {
        let id = bind_note(INSERT, community, note, now)
            .fetch_one(self.pool())
            .await?;
        Ok(NoteId(id))
    }

    /// Forgets credit offers older than 30 days (run in the background, off any interaction's path).
    pub async fn prune_credit_offers(&self, now: DateTime<Utc>) -> Result<u64, StoreError> {
        let done = sqlx::query(PRUNE_OFFERS)
            .bind(to_unix(now) - OFFER_DAYS * 86_400)
            .execute(self.pool())
            .await?;
        Ok(done.rows_affected())
    }

    /// Records that `offered_to` may archive a note crediting `author` (the author of the message they
    /// used the message menu on).
    pub async fn offer_credit(
        &self,
        community: CommunityId,
        offered_to: MemberRef,
        author: MemberRef,
        author_name: &str,
        now: DateTime<Utc>,
    ) -> Result<CreditOffer, StoreError> {
        let id: i64 = sqlx::query_scalar(OFFER_CREDIT)
            .bind(community.0)
            .bind(offered_to.to_db())
            .bind(author.to_db())
            .bind(author_name.to_owned())
            .bind(to_unix(now))
            .fetch_one(self.pool())
            .await?;
        Ok(CreditOffer(id))
    }

    /// The author (and name) an offer lets `member` credit in this community, if it is theirs.
    pub async fn credit_offer(
        &self,
        community: CommunityId,
        offer: CreditOffer,
        member: MemberRef,
    ) -> Result<Option<(MemberRef, String)>, StoreError> {
        let row: Option<(i64, String)> = sqlx::query_as(CREDIT_OFFER)
            .bind(offer.0)
            .bind(community.0)
            .bind(member.to_db())
            .fetch_optional(self.pool())
            .await?;
        Ok(row.map(|(id, name)| (MemberRef::from_db(id), name)))
    }

    /// Archives a note unless the same person archived the same title and text in this community in the
    /// last 10 minutes (a form submitted twice): then the earlier note is returned, marked as such.
    pub async fn archive_note_once(
        &self,
        community: CommunityId,
        note: &NewNote,
        now: DateTime<Utc>,
    ) -> Result<(NoteId, bool), StoreError> {
        let since = to_unix(now) - RESUBMIT_SECONDS;
        let mut tx = self.begin_write().await?;
        self.serialise(&mut tx, Lock::Notes, community.0).await?;
        // Both statements take the same 13 values: the note, when, and since when a resubmit counts.
        let bound = |sql: &'static str| bind_note(sql, community, note, now).bind(since);
        let outcome = match bound(INSERT_ONCE).fetch_optional(&mut *tx).await? {
            Some(id) => (NoteId(id), true),
            None => (NoteId(bound(RESUBMITTED).fetch_one(&mut *tx).await?), false),
        };
        tx.commit().await?;
        Ok(outcome)
    }

    /// Replaces a note's kind, title, body, tags and source link (author, gathering and date stay);
    /// false if it no longer exists in this community.
    pub async fn update_note(
        &self,
        community: CommunityId,
        id: NoteId,
        note: &NewNote,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(UPDATE)
            .bind(community.0)
            .bind(id.0)
            .bind(note.kind.as_str())
            .bind(note.title.clone())
            .bind(note.body.clone())
            .bind(stored_tags(&note.tags))
            .bind(note.source_url.clone())
            .bind(to_unix(now))
            .bind(scope_of(community, note))
            .execute(self.pool())
            .await?;
        Ok(done.rows_affected() == 1)
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

    /// Every note of a community, oldest first (for exports).
    pub async fn all_notes(&self, community: CommunityId) -> Result<Vec<Note>, StoreError> {
        let rows: Vec<NoteRow> = sqlx::query_as(ALL)
            .bind(community.0)
            .fetch_all(self.pool())
            .await?;
        rows.into_iter()
            .map(|r| r.into_domain().map(|(n, _)| n))
            .collect()
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

    /// The tags of the community's recent notes, most used first (ties: alphabetical).
    pub async fn note_tags(&self, community: CommunityId) -> Result<Vec<String>, StoreError> {
        let rows: Vec<String> = sqlx::query_scalar(RECENT_TAGS)
            .bind(community.0)
            .fetch_all(self.pool())
            .await?;
        let mut counts: std::collections::HashMap<String, usize> = Default::default();
        for tag in rows.iter().flat_map(|t| t.split_whitespace()) {
            *counts.entry(tag.to_owned()).or_default() += 1;
        }
        let mut tags: Vec<(String, usize)> = counts.into_iter().collect();
        tags.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        Ok(tags.into_iter().map(|(t, _)| t).collect())
    }
}
