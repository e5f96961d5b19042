//! What the note commands, buttons and forms do, apart from Discord: archive from a checked form, edit
//! with permission, find a page, build the export.

use crate::discord::format::{Attachment, Card, Reply, Visibility};
use crate::discord::notes::views::{kind_name, language_of, results_page, PAGE_SIZE};
use crate::discord::CommandError;
use crate::domain::access::Actor;
use crate::domain::community::Community;
use crate::domain::gathering::{Gathering, GatheringId};
use crate::domain::ids::MemberRef;
use crate::domain::message::Message;
use crate::domain::note_draft::CheckedDraft;
use crate::domain::note_export::{self, ExportFormat, ExportGathering, ExportNote, ExportWords};
use crate::domain::notes::{NoteKind, FORMER_MEMBER};
use crate::i18n::Lang;
use crate::store::{ListingId, NewNote, Note, NoteId, NoteListing, SearchError, Store};
use crate::tr;
use chrono::{DateTime, Duration, Utc};
use std::collections::HashMap;

/// How long after a gathering ends `/note add` links new notes to it by default.
pub const RECENT_DAYS: i64 = 7;

/// Who sends a form: their id, name as shown, and what Discord says of their permissions.
pub struct Sender {
    /// The member who submitted the form.
    pub member: MemberRef,
    /// Their name as the server shows it (kept with the note for exports).
    pub name: String,
    /// Permissions and roles.
    pub actor: Actor,
}

/// The gathering that ended most recently, if that was within 7 days (cancelled ones do not count).
pub async fn recent_gathering(
    store: &Store,
    community: &Community,
    now: DateTime<Utc>,
) -> Result<Option<Gathering>, CommandError> {
    let recent = store
        .gatherings_between(community.id, now - Duration::days(RECENT_DAYS + 2), now)
        .await?;
    Ok(recent
        .into_iter()
        .filter(|g| g.status.is_on() && g.end <= now && g.end >= now - Duration::days(RECENT_DAYS))
        .max_by_key(|g| g.end))
}

/// A note by the id a person typed (`12` or `#12`), in this community only.
pub async fn note_by_typed_id(
    store: &Store,
    community: &Community,
    typed: &str,
) -> Result<Note, CommandError> {
    let not_found = || {
        CommandError::said(
            Message::key("note-not-found").with(
                "id",
                typed
                    .trim()
                    .chars()
                    .take(30)
                    .collect::<String>()
                    .replace('`', "'"),
            ),
        )
    };
    let id: i64 = typed
        .trim()
        .trim_start_matches('#')
        .parse()
        .map_err(|_| not_found())?;
    store
        .note(community.id, NoteId(id))
        .await?
        .ok_or_else(not_found)
}

/// Only the note's author (or whoever archived it) and organizers may change or delete it.
pub fn check_may_change(
    note: &Note,
    community: &Community,
    member: MemberRef,
    actor: &Actor,
) -> Result<(), CommandError> {
    if note.content.is_authored_by(member) || actor.is_organizer(community.settings.organizer_role)
    {
        Ok(())
    } else {
        Err(CommandError::said(
            Message::key("note-change-refused")
                .with("author", format!("<@{}>", note.content.author))
                .with("id", note.id.0),
        ))
    }
}

/// What archiving a form did.
#[derive(Debug, Clone)]
pub enum Archived {
    /// A new note, with the gathering it belongs to.
    New(Box<Note>, Option<Gathering>),
    /// The same form was sent twice: the note already archived.
    Already(NoteId),
}

/// Archives a new note from a checked form (once, however often the form is sent).
#[allow(clippy::too_many_arguments)]
#[tracing::instrument(skip_all, fields(community = %community.id))]
pub async fn archive(
    store: &Store,
    community: &Community,
    form: CheckedDraft,
    gathering: Option<GatheringId>,
    credit: Option<(MemberRef, String)>,
    sender: &Sender,
    now: DateTime<Utc>,
) -> Result<Archived, CommandError> {
    let gathering = match gathering {
        Some(id) => store.gathering(community.id, id).await?,
        None => None,
    };
    let (author, author_name) = credit.unwrap_or((sender.member, sender.name.clone()));
    let note = NewNote {
        kind: form.kind,
        title: form.title,
        body: form.body,
        tags: form.tags,
        author,
        author_name,
        archived_by: (author != sender.member).then_some(sender.member),
        gathering: gathering.as_ref().map(|g| g.id),
        source_url: form.link,
    };
    let (id, fresh) = store.archive_note_once(community.id, &note, now).await?;
    if !fresh {
        return Ok(Archived::Already(id));
    }
    let saved = Note {
        id,
        community: community.id,
        content: note,
        created_at: now,
    };
    Ok(Archived::New(Box::new(saved), gathering))
}

/// Replaces a note's content from a checked form, if the sender may; returns the note as it now is
/// with its gathering.
#[tracing::instrument(skip_all, fields(community = %community.id))]
pub async fn edit(
    store: &Store,
    community: &Community,
    id: NoteId,
    form: CheckedDraft,
    sender: &Sender,
    now: DateTime<Utc>,
) -> Result<(Note, Option<Gathering>), CommandError> {
    let gone = || CommandError::said(Message::key("note-gone").with("id", id.0));
    let note = store.note(community.id, id).await?.ok_or_else(gone)?;
    check_may_change(&note, community, sender.member, &sender.actor)?;
    let content = NewNote {
        kind: form.kind,
        title: form.title,
        body: form.body,
        tags: form.tags,
        source_url: form.link,
        ..note.content.clone()
    };
    if !store.update_note(community.id, id, &content, now).await? {
        return Err(gone());
    }
    let gathering = match content.gathering {
        Some(g) => store.gathering(community.id, g).await?,
        None => None,
    };
    Ok((Note { content, ..note }, gathering))
}

/// One page of a saved search or listing, in `lang`.
pub async fn page(
    store: &Store,
    listing_id: ListingId,
    listing: &NoteListing,
    page: u32,
    visibility: Visibility,
    lang: Lang,
) -> Result<Reply, CommandError> {
    let limit = PAGE_SIZE as i64 + 1;
    let offset = i64::from(page) * PAGE_SIZE as i64;
    let found: Vec<(Note, Option<String>)> = match &listing.words {
        Some(words) => store
            .search_notes(listing.community, words, &listing.filter, limit, offset)
            .await
            .map_err(|e| match e {
                SearchError::Input(e) => CommandError::from(e),
                SearchError::Store(e) => CommandError::from(e),
            })?
            .into_iter()
            .map(|(n, s)| (n, Some(s)))
            .collect(),
        None => store
            .list_notes(listing.community, &listing.filter, limit, offset)
            .await?
            .into_iter()
            .map(|n| (n, None))
            .collect(),
    };
    let gathering = match listing.filter.gathering {
        Some(g) => store.gathering(listing.community, g).await?,
        None => None,
    };
    Ok(results_page(
        listing_id,
        listing,
        gathering.as_ref(),
        &found,
        page,
        visibility,
        lang,
    ))
}

/// The archive as files within `limit` bytes each, with a message that says what is attached.
/// Files per message (Discord's limit).
const FILES_PER_MESSAGE: usize = 10;

/// The Markdown file's words in the community's language.
fn export_words(lang: Lang, community: &str, count: usize) -> ExportWords {
    ExportWords {
        title: tr!(lang, "note-export-title", community = community),
        count: tr!(lang, "note-export-count", count = count),
        between: tr!(lang, "note-export-between"),
        by: tr!(lang, "note-export-by"),
        source: tr!(lang, "note-export-source"),
        kinds: NoteKind::ALL.map(|k| kind_name(lang, k)),
    }
}

/// The whole archive as files within the upload limit: one message, or (for more than 10 parts) several,
/// each with up to 10 files, so that no part is left out. Rendering and compressing run off the
/// runtime's workers. The file speaks the community's language; the messages that carry it follow
/// `visibility` (the community's language in the channel, else `reader`'s).
pub async fn export(
    store: &Store,
    community: &Community,
    format: ExportFormat,
    limit: usize,
    visibility: Visibility,
    reader: Lang,
) -> Result<Vec<Reply>, CommandError> {
    let notes = store.all_notes(community.id).await?;
    if notes.is_empty() {
        return Err(CommandError::said(Message::key("note-export-none")));
    }
    let file_lang = community.settings.language;
    let lang = language_of(visibility, community, reader);
    let zone = community.settings.time_zone;
    let gatherings: HashMap<GatheringId, ExportGathering> = store
        .all_gatherings(community.id)
        .await?
        .into_iter()
        .map(|g| {
            let exported = ExportGathering {
                id: g.id.0,
                date: g.start.with_timezone(&zone).date_naive(),
                title: g.title,
            };
            (g.id, exported)
        })
        .collect();
    let mut exported = Vec::with_capacity(notes.len());
    for n in notes {
        let gathering = n
            .content
            .gathering
            .and_then(|id| gatherings.get(&id).cloned());
        let c = n.content;
        exported.push(ExportNote {
            id: n.id.0,
            kind: c.kind.label().to_owned(),
            title: c.title,
            body: c.body,
            tags: c.tags,
            author_id: c.author.to_string(),
            author_name: if c.author == FORMER_MEMBER {
                tr!(file_lang, "note-former-member")
            } else {
                c.author_name
            },
            gathering,
            source_url: c.source_url,
            created_at: n.created_at,
        });
    }
    let name = &community.settings.name;
    let count = exported.len();
    let words = export_words(file_lang, &name.to_string(), count);
    let described_file = tr!(file_lang, "note-export-title", community = name.to_string());
    let files = tokio::task::spawn_blocking(move || {
        let chunks = note_export::render(format, &words, &exported)?;
        note_export::package("practice-notes", format.extension(), &chunks, limit)
    })
    .await
    .map_err(|e| CommandError::Internal(format!("the export task failed: {e}")))??;
    let total = files.len();
    let single_gzip = total == 1 && files[0].name.ends_with(".gz");
    // Each message holds at most 10 files and at most `limit` bytes in all (Discord's upload limit is
    // for the whole message).
    let mut batches: Vec<Vec<Attachment>> = vec![Vec::new()];
    let mut bytes = 0;
    for f in files {
        let full = batches.last().is_some_and(|b| {
            b.len() == FILES_PER_MESSAGE || (!b.is_empty() && bytes + f.bytes.len() > limit)
        });
        if full {
            batches.push(Vec::new());
            bytes = 0;
        }
        bytes += f.bytes.len();
        if let Some(batch) = batches.last_mut() {
            batch.push(Attachment {
                description: described_file.clone(),
                name: f.name,
                bytes: f.bytes,
            });
        }
    }
    let messages = batches.len();
    let described = match total {
        1 if single_gzip => tr!(lang, "note-export-gzip"),
        1 => tr!(lang, "note-export-one-file"),
        n if messages > 1 => tr!(
            lang,
            "note-export-split-messages",
            count = n,
            messages = messages
        ),
        n => tr!(lang, "note-export-split", count = n),
    };
    let mut reply = Reply::card(
        visibility,
        Card::new(
            tr!(lang, "note-export-card-title"),
            tr!(
                lang,
                "note-export-done",
                count = count,
                community = crate::discord::format::escape(&name.to_string()),
                format = format.extension().to_uppercase(),
                described = described
            ),
        ),
    );
    let mut batches = batches.into_iter();
    reply.attachments = batches.next().unwrap_or_default();
    let mut replies = vec![reply];
    let mut first = replies[0].attachments.len() + 1;
    for batch in batches {
        let last = first + batch.len() - 1;
        let mut more = Reply::private(tr!(
            lang,
            "note-export-parts",
            first = first,
            last = last,
            total = total
        ));
        more.visibility = visibility;
        more.attachments = batch;
        replies.push(more);
        first = last + 1;
    }
    Ok(replies)
}
