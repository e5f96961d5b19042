//! Clicks on practice-note buttons: paging through results (the message changes in place), "Add practice
//! note" on a harvest prompt (opens the form), and the delete confirmation.

use crate::discord::answer::{self, Deferral, Outcome, Target};
use crate::discord::format::{Card, Reply, Visibility};
use crate::discord::notes::flows::{self, check_may_change};
use crate::discord::notes::form::{modal, sender_of};
use crate::discord::notes::ids::{NoteButton, NoteForm};
use crate::discord::notes::views::language_of;
use crate::discord::{App, CommandError};
use crate::domain::ids::ChannelRef;
use crate::domain::message::Message;
use crate::domain::note_draft::Draft;
use crate::domain::notes::NoteKind;
use crate::tr;
use poise::serenity_prelude as serenity;

/// Handles one note button.
pub async fn clicked(
    ctx: &serenity::Context,
    app: &App,
    click: &serenity::ComponentInteraction,
    button: NoteButton,
) {
    let what = format!("note-button {}", click.data.custom_id);
    let target = Target::Click(click);
    answer::interaction(
        &ctx.http,
        app,
        target,
        Deferral::Silently,
        &what,
        act(app, click, button),
    )
    .await
}

async fn act(
    app: &App,
    click: &serenity::ComponentInteraction,
    button: NoteButton,
) -> Result<Outcome, CommandError> {
    let stale = || CommandError::said(Message::key("note-button-stale"));
    // What only the clicker sees is in their language.
    let lang = crate::i18n::member_lang(&click.locale);
    let community = app
        .store
        .community_in_channel(ChannelRef(click.channel_id.get()))
        .await?
        .ok_or_else(stale)?;
    crate::discord::answer::found(&community);
    let store = &app.store;
    match button {
        NoteButton::Page(listing_id, page) => {
            let listing = store
                .listing(community.id, listing_id)
                .await?
                .ok_or_else(|| CommandError::said(Message::key("note-results-expired")))?;
            let visibility = if click
                .message
                .flags
                .is_some_and(|f| f.contains(serenity::MessageFlags::EPHEMERAL))
            {
                Visibility::Private
            } else {
                Visibility::Public
            };
            let page_lang = language_of(visibility, &community, lang);
            let reply =
                flows::page(store, listing_id, &listing, page, visibility, page_lang).await?;
            Ok(Outcome::Update(reply))
        }
        NoteButton::AddFor(gathering) => {
            let g = store
                .gathering(community.id, gathering)
                .await?
                .ok_or_else(stale)?;
            let draft = Draft {
                kind: NoteKind::Discovery.label().to_owned(),
                ..Draft::default()
            };
            let form = NoteForm::Add {
                gathering: Some(g.id),
                credit: None,
            };
            let heading = tr!(lang, "note-form-for", title = g.title);
            Ok(Outcome::Form(modal(&form, &heading, &draft, lang)))
        }
        NoteButton::Delete(id) => {
            let note = store.note(community.id, id).await?.ok_or_else(|| {
                CommandError::said(Message::key("note-already-deleted").with("id", id.0))
            })?;
            let sender = sender_of(&click.user, click.member.as_ref());
            check_may_change(&note, &community, sender.member, &sender.actor)?;
            store.delete_note(community.id, id).await?;
            tracing::info!(note = id.0, by = %sender.member, "note deleted");
            let card = Card::new(
                tr!(lang, "note-deleted-title", id = id.0),
                tr!(
                    lang,
                    "note-deleted-text",
                    title = crate::discord::format::escape(&note.content.title)
                ),
            );
            Ok(Outcome::Update(Reply::card(Visibility::Private, card)))
        }
        NoteButton::Keep(id) => {
            let card = Card::new(
                tr!(lang, "note-kept-title", id = id.0),
                tr!(lang, "note-kept-text"),
            );
            Ok(Outcome::Update(Reply::card(Visibility::Private, card)))
        }
    }
}
