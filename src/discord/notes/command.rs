//! `/note` and the message menu **Archive as practice note**: the community's archive of practice.

use crate::discord::context::{actor, community_here};
use crate::discord::context::{autocomplete_recent, resolve_any};
use crate::discord::error::reader;
use crate::discord::format::{Reply, Visibility};
use crate::discord::notes::flows::{self, check_may_change, note_by_typed_id, recent_gathering};
use crate::discord::notes::form::modal;
use crate::discord::notes::ids::NoteForm;
use crate::discord::notes::views::{delete_confirmation, language_of, note_card};
use crate::discord::{CommandError, Context};
use crate::domain::community::Community;
use crate::domain::gathering::Gathering;
use crate::domain::ids::MemberRef;
use crate::domain::message::Message;
use crate::domain::note_draft::Draft;
use crate::domain::note_export::ExportFormat;
use crate::domain::notes::{parse_tags, search_words, NoteKind};
use crate::store::{Note, NoteFilter, NoteListing};
use crate::tr;
use poise::serenity_prelude as serenity;
use std::sync::atomic::Ordering;

/// Discord's upload limit for a server without boosts (used when Discord does not say).
const DEFAULT_UPLOAD_LIMIT: usize = 10 * 1024 * 1024;

/// The `kind` option of the `/note` commands: which kind of practice note.
#[derive(Debug, Clone, Copy, poise::ChoiceParameter)]
pub enum KindChoice {
    /// `best practice`: a best practice the community wants to keep.
    #[name = "best practice"]
    BestPractice,
    /// `query`: a question put to the community (e.g. the monthly query).
    #[name = "query"]
    Query,
    /// `discovery`: a daily discovery, something learnt in practice.
    #[name = "discovery"]
    Discovery,
    /// `story`: a story from practice.
    #[name = "story"]
    Story,
    /// `challenge`: a challenge met, and how.
    #[name = "challenge"]
    Challenge,
    /// `resource`: a resource or tool worth knowing.
    #[name = "resource"]
    Resource,
    /// `evaluation`: an evaluation of what worked and what did not.
    #[name = "evaluation"]
    Evaluation,
}

impl KindChoice {
    fn kind(self) -> NoteKind {
        NoteKind::ALL[self as usize]
    }
}

/// The `format` option of `/note export`: the file type of the archive.
#[derive(Debug, Clone, Copy, poise::ChoiceParameter)]
pub enum ExportChoice {
    /// `markdown`: a `.md` file grouped by gathering (the default).
    #[name = "markdown"]
    Markdown,
    /// `csv`: a spreadsheet file, one row per note.
    #[name = "csv"]
    Csv,
    /// `json`: a `.json` array of notes, for other tools.
    #[name = "json"]
    Json,
}

/// Archive, find and export the community's practice notes
#[poise::command(
    slash_command,
    guild_only,
    subcommands("add", "search", "list", "show", "edit", "delete", "export"),
    subcommand_required
)]
pub async fn note(_ctx: Context<'_>) -> Result<(), CommandError> {
    Ok(())
}

/// Opens a form as the answer to a slash command or message menu.
async fn open_form(
    ctx: Context<'_>,
    response: serenity::CreateInteractionResponse,
) -> Result<(), CommandError> {
    let poise::Context::Application(app) = ctx else {
        return Err(CommandError::said(Message::key("note-use-slash-command")));
    };
    crate::discord::answer::open_form(ctx, app.interaction, response).await?;
    app.has_sent_initial_response.store(true, Ordering::SeqCst);
    Ok(())
}

/// Archive a practice note (opens a form for its title and text)
#[poise::command(slash_command, guild_only)]
pub async fn add(
    ctx: Context<'_>,
    #[description = "What kind of note"] kind: KindChoice,
    #[description = "Tags, e.g. check-in, openers (up to 10)"]
    #[autocomplete = "crate::discord::notes::choices::autocomplete_tags"]
    #[max_length = 400]
    tags: Option<String>,
    #[description = "The gathering it comes from (default: one that ended in the last 7 days)"]
    #[autocomplete = "autocomplete_recent"]
    gathering: Option<String>,
) -> Result<(), CommandError> {
    let community = community_here(ctx).await?;
    let tags = parse_tags(tags.as_deref().unwrap_or(""))?;
    let now = ctx.data().clock.now();
    let gathering: Option<Gathering> = match gathering {
        Some(value) => Some(resolve_any(ctx, &community, &value).await?),
        None => recent_gathering(&ctx.data().store, &community, now).await?,
    };
    let draft = Draft {
        kind: kind.kind().label().to_owned(),
        tags: tags.join(", "),
        ..Draft::default()
    };
    let lang = reader(ctx);
    let heading = gathering.as_ref().map_or_else(
        || tr!(lang, "note-form-new"),
        |g| tr!(lang, "note-form-for", title = g.title),
    );
    let form = NoteForm::Add {
        gathering: gathering.map(|g| g.id),
        credit: None,
    };
    open_form(ctx, modal(&form, &heading, &draft, lang)).await
}

/// Archive this message as a practice note (opens a form prefilled from it)
#[poise::command(context_menu_command = "Archive as practice note", guild_only)]
pub async fn archive_message(
    ctx: Context<'_>,
    #[description = "The message to archive"] message: serenity::Message,
) -> Result<(), CommandError> {
    let community = community_here(ctx).await?;
    let guild = ctx.guild_id().map_or(0, |g| g.get());
    let link = format!(
        "https://discord.com/channels/{guild}/{}/{}",
        message.channel_id, message.id
    );
    let mut text = message.content.clone();
    if text.trim().is_empty() {
        // A message of embeds or files: keep what it shows.
        let parts: Vec<String> = message
            .embeds
            .iter()
            .flat_map(|e| [e.title.clone(), e.description.clone()])
            .flatten()
            .chain(message.attachments.iter().map(|a| a.url.clone()))
            .collect();
        text = parts.join("\n");
    }
    let draft = Draft::from_message(&text, &link);
    let now = ctx.data().clock.now();
    let gathering = recent_gathering(&ctx.data().store, &community, now).await?;
    let name = message
        .author
        .global_name
        .clone()
        .unwrap_or_else(|| message.author.name.clone());
    let offer = ctx
        .data()
        .store
        .offer_credit(
            community.id,
            MemberRef(ctx.author().id.get()),
            MemberRef(message.author.id.get()),
            &name,
            now,
        )
        .await?;
    let form = NoteForm::Add {
        gathering: gathering.map(|g| g.id),
        credit: Some(offer),
    };
    let lang = reader(ctx);
    let heading = tr!(lang, "note-form-archive-message", name = name);
    open_form(ctx, modal(&form, &heading, &draft, lang)).await
}

/// The filters typed into search and list.
fn filter_of(
    kind: Option<KindChoice>,
    tag: Option<&str>,
    author: Option<&serenity::User>,
) -> Result<NoteFilter, CommandError> {
    let tag = match tag {
        Some(typed) => {
            let mut tags = parse_tags(typed)?;
            if tags.len() > 1 {
                return Err(CommandError::said(Message::key("note-filter-one-tag")));
            }
            tags.pop()
        }
        None => None,
    };
    Ok(NoteFilter {
        kind: kind.map(KindChoice::kind),
        tag,
        author: author.map(|u| MemberRef(u.id.get())),
        gathering: None,
    })
}

/// Saves the listing and answers with its first page (in the community's language when posted for the
/// channel, else in the reader's).
async fn first_page(
    ctx: Context<'_>,
    community: &Community,
    listing: NoteListing,
    public: Option<bool>,
) -> Result<(), CommandError> {
    let store = &ctx.data().store;
    let id = store.save_listing(&listing, ctx.data().clock.now()).await?;
    let visibility = Visibility::public_if(public.unwrap_or(false));
    let lang = language_of(visibility, community, reader(ctx));
    let reply = flows::page(store, id, &listing, 0, visibility, lang).await?;
    crate::discord::answer::send(ctx, reply).await?;
    Ok(())
}

/// Search the practice notes: best matches first, with snippets
#[poise::command(slash_command, guild_only)]
pub async fn search(
    ctx: Context<'_>,
    #[description = "Words to find, e.g. check-in round"]
    #[max_length = 200]
    query: String,
    #[description = "Only this kind"] kind: Option<KindChoice>,
    #[description = "Only notes with this tag"]
    #[autocomplete = "crate::discord::notes::choices::autocomplete_tags"]
    #[max_length = 40]
    tag: Option<String>,
    #[description = "Only notes by this member"] author: Option<serenity::User>,
    #[description = "Post the answer for the channel"] public: Option<bool>,
) -> Result<(), CommandError> {
    let community = community_here(ctx).await?;
    search_words(&query)?;
    let filter = filter_of(kind, tag.as_deref(), author.as_ref())?;
    let listing = NoteListing {
        community: community.id,
        words: Some(query),
        filter,
    };
    first_page(ctx, &community, listing, public).await
}

/// List the practice notes, newest first
#[poise::command(slash_command, guild_only)]
pub async fn list(
    ctx: Context<'_>,
    #[description = "Only notes from this gathering"]
    #[autocomplete = "autocomplete_recent"]
    gathering: Option<String>,
    #[description = "Only this kind"] kind: Option<KindChoice>,
    #[description = "Only notes with this tag"]
    #[autocomplete = "crate::discord::notes::choices::autocomplete_tags"]
    #[max_length = 40]
    tag: Option<String>,
    #[description = "Only notes by this member"] author: Option<serenity::User>,
    #[description = "Post the answer for the channel"] public: Option<bool>,
) -> Result<(), CommandError> {
    let community = community_here(ctx).await?;
    let mut filter = filter_of(kind, tag.as_deref(), author.as_ref())?;
    if let Some(value) = gathering {
        filter.gathering = Some(resolve_any(ctx, &community, &value).await?.id);
    }
    let listing = NoteListing {
        community: community.id,
        words: None,
        filter,
    };
    first_page(ctx, &community, listing, public).await
}

/// Show one practice note in full
#[poise::command(slash_command, guild_only)]
pub async fn show(
    ctx: Context<'_>,
    #[description = "The note's number, e.g. 12"]
    #[autocomplete = "crate::discord::notes::choices::autocomplete_notes"]
    #[max_length = 20]
    id: String,
    #[description = "Post it for the channel"] public: Option<bool>,
) -> Result<(), CommandError> {
    let community = community_here(ctx).await?;
    let store = &ctx.data().store;
    let note = note_by_typed_id(store, &community, &id).await?;
    let gathering = match note.content.gathering {
        Some(g) => store.gathering(community.id, g).await?,
        None => None,
    };
    let visibility = Visibility::public_if(public.unwrap_or(false));
    let lang = language_of(visibility, &community, reader(ctx));
    let reply = Reply::card(visibility, note_card(&note, gathering.as_ref(), lang));
    crate::discord::answer::send(ctx, reply).await?;
    Ok(())
}

/// The note a typed id names, if the person may change it (its author, who archived it, or an organizer).
async fn note_to_change(ctx: Context<'_>, id: &str) -> Result<Note, CommandError> {
    let community = community_here(ctx).await?;
    let note = note_by_typed_id(&ctx.data().store, &community, id).await?;
    let member = MemberRef(ctx.author().id.get());
    check_may_change(&note, &community, member, &actor(ctx))?;
    Ok(note)
}

/// Edit a practice note (its author or an organizer)
#[poise::command(slash_command, guild_only)]
pub async fn edit(
    ctx: Context<'_>,
    #[description = "The note's number, e.g. 12"]
    #[autocomplete = "crate::discord::notes::choices::autocomplete_notes"]
    #[max_length = 20]
    id: String,
) -> Result<(), CommandError> {
    let note = note_to_change(ctx, &id).await?;
    let c = &note.content;
    let draft = Draft {
        title: c.title.clone(),
        kind: c.kind.label().to_owned(),
        tags: c.tags.join(", "),
        body: c.body.clone(),
        link: c.source_url.clone().unwrap_or_default(),
    };
    let lang = reader(ctx);
    let heading = tr!(lang, "note-form-edit", id = note.id.0);
    open_form(ctx, modal(&NoteForm::Edit(note.id), &heading, &draft, lang)).await
}

/// Delete a practice note (its author or an organizer; asks to confirm)
#[poise::command(slash_command, guild_only)]
pub async fn delete(
    ctx: Context<'_>,
    #[description = "The note's number, e.g. 12"]
    #[autocomplete = "crate::discord::notes::choices::autocomplete_notes"]
    #[max_length = 20]
    id: String,
) -> Result<(), CommandError> {
    let note = note_to_change(ctx, &id).await?;
    crate::discord::answer::send(ctx, delete_confirmation(&note, reader(ctx))).await?;
    Ok(())
}

/// Download the community's practice notes (Markdown, CSV or JSON)
#[poise::command(slash_command, guild_only)]
pub async fn export(
    ctx: Context<'_>,
    #[description = "File format (default: markdown)"] format: Option<ExportChoice>,
    #[description = "Post the file for the channel"] public: Option<bool>,
) -> Result<(), CommandError> {
    let community = community_here(ctx).await?;
    let format = match format.unwrap_or(ExportChoice::Markdown) {
        ExportChoice::Markdown => ExportFormat::Markdown,
        ExportChoice::Csv => ExportFormat::Csv,
        ExportChoice::Json => ExportFormat::Json,
    };
    let limit = match ctx {
        poise::Context::Application(app) if app.interaction.attachment_size_limit > 0 => {
            app.interaction.attachment_size_limit as usize
        }
        _ => DEFAULT_UPLOAD_LIMIT,
    };
    let visibility = Visibility::public_if(public.unwrap_or(false));
    let replies = flows::export(
        &ctx.data().store,
        &community,
        format,
        limit,
        visibility,
        reader(ctx),
    )
    .await?;
    for reply in replies {
        crate::discord::answer::send(ctx, reply).await?;
    }
    Ok(())
}
