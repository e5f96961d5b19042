//! The note form (a Discord modal): built prefilled, read back when submitted, and what a submission
//! does. Its custom id says whether it adds or edits and to what, so a form left open survives a restart.

use crate::discord::answer::{self, Deferral, Outcome, Target};
use crate::discord::format::{Card, Reply, Visibility};
use crate::discord::notes::flows::{self, Sender};
use crate::discord::notes::ids::NoteForm;
use crate::discord::{App, CommandError};
use crate::domain::ids::{ChannelRef, MemberRef};
use crate::domain::note_draft::{Draft, MAX_LINK_CHARS, MAX_TITLE_CHARS};
use crate::domain::notes::MAX_BODY_CHARS;
use poise::serenity_prelude as serenity;
use serenity::{
    ActionRowComponent, CreateActionRow, CreateInputText, CreateInteractionResponse, CreateModal,
    InputTextStyle,
};

const FIELDS: [(&str, &str, &str, bool); 5] = [
    ("title", "Title", "e.g. Opening with a one-word round", true),
    (
        "kind",
        "Kind",
        "best practice, query, discovery, story, challenge, resource or evaluation",
        true,
    ),
    ("tags", "Tags (up to 10)", "e.g. check-in, openers", false),
    (
        "body",
        "Note",
        "What happened, what worked, what you would try next",
        true,
    ),
    ("link", "Source link (optional)", "https://…", false),
];

/// The form, prefilled from `draft`; `heading` is its title bar (cut to Discord's 45 characters).
pub fn modal(form: &NoteForm, heading: &str, draft: &Draft) -> CreateInteractionResponse {
    let rows = FIELDS
        .iter()
        .map(|(id, label, placeholder, required)| {
            let (style, max, value) = match *id {
                "title" => (InputTextStyle::Short, MAX_TITLE_CHARS, &draft.title),
                "kind" => (InputTextStyle::Short, 20, &draft.kind),
                "tags" => (InputTextStyle::Short, 400, &draft.tags),
                "body" => (InputTextStyle::Paragraph, MAX_BODY_CHARS, &draft.body),
                _ => (InputTextStyle::Short, MAX_LINK_CHARS, &draft.link),
            };
            let mut input = CreateInputText::new(style, *label, *id)
                .placeholder(*placeholder)
                .required(*required)
                .max_length(max as u16);
            // Discord refuses an empty prefilled value: leave it out instead.
            let value: String = value.chars().take(max).collect();
            if !value.is_empty() {
                input = input.value(value);
            }
            CreateActionRow::InputText(input)
        })
        .collect();
    let heading: String = heading.chars().take(45).collect();
    CreateInteractionResponse::Modal(CreateModal::new(form.encode(), heading).components(rows))
}

/// What was typed into a submitted form.
pub fn draft_of(data: &serenity::ModalInteractionData) -> Draft {
    let mut draft = Draft::default();
    for row in &data.components {
        for component in &row.components {
            if let ActionRowComponent::InputText(input) = component {
                let value = input.value.clone().unwrap_or_default();
                match input.custom_id.as_str() {
                    "title" => draft.title = value,
                    "kind" => draft.kind = value,
                    "tags" => draft.tags = value,
                    "body" => draft.body = value,
                    "link" => draft.link = value,
                    _ => {}
                }
            }
        }
    }
    draft
}

/// The person who used an interaction, as the note flows need them.
pub fn sender_of(user: &serenity::User, member: Option<&serenity::Member>) -> Sender {
    let actor = crate::discord::context::actor_of_member(member);
    let name = member.map_or_else(
        || user.display_name().to_owned(),
        |m| m.display_name().to_owned(),
    );
    Sender {
        member: MemberRef(user.id.get()),
        name,
        actor,
    }
}

/// Handles a submitted note form: the note is archived (a public card) or updated (a private one); a
/// problem is told privately, with the typed text given back so nothing is lost. Answered in time even
/// when the database is slow (see [`answer`]).
pub async fn submitted(ctx: &serenity::Context, app: &App, submit: &serenity::ModalInteraction) {
    let draft = draft_of(&submit.data);
    let form = NoteForm::parse(&submit.data.custom_id);
    // An added note is shown to the group; an edit (and any refusal) only to the sender.
    let shown = match form {
        Some(NoteForm::Add { .. }) => Visibility::Public,
        _ => Visibility::Private,
    };
    let work = async {
        let reply = match act(app, submit, form, &draft).await {
            Ok(reply) => reply,
            Err(CommandError::User(message)) => keep_text(
                crate::i18n::render(answer::Target::Form(submit).reader(), &message),
                &draft,
            ),
            Err(error) => keep_text(
                answer::internal("note form", &error, answer::Target::Form(submit).reader()),
                &draft,
            ),
        };
        Ok(Outcome::Message(reply))
    };
    answer::interaction(
        &ctx.http,
        app,
        Target::Form(submit),
        Deferral::Message(shown),
        "note form",
        work,
    )
    .await
}

fn keep_text(problem: String, draft: &Draft) -> Reply {
    let mut reply = Reply::private(format!(
        "{problem}\nNothing was saved. Your text is below so you can copy it into a new form."
    ));
    if !draft.body.trim().is_empty() || !draft.title.trim().is_empty() {
        reply.card = Some(Card::new(draft.title.clone(), draft.body.clone()));
    }
    reply
}

async fn act(
    app: &App,
    submit: &serenity::ModalInteraction,
    form: Option<NoteForm>,
    draft: &Draft,
) -> Result<Reply, CommandError> {
    let form =
        form.ok_or_else(|| CommandError::user("This form is from an older version of the bot."))?;
    let community = app
        .store
        .community_in_channel(ChannelRef(submit.channel_id.get()))
        .await?
        .ok_or_else(|| CommandError::user(crate::discord::context::no_community_message()))?;
    let checked = draft.check()?;
    let sender = sender_of(&submit.user, submit.member.as_ref());
    let now = app.clock.now();
    match form {
        NoteForm::Add { gathering, credit } => {
            let credit = match credit {
                Some(offer) => Some(
                    app.store
                        .credit_offer(community.id, offer, sender.member)
                        .await?
                        .ok_or_else(|| {
                            CommandError::user(
                                "This form credits a message's author, but it was not opened by you in this \
                                 channel. Use the message menu **Archive as practice note** again.",
                            )
                        })?,
                ),
                None => None,
            };
            let archived = flows::archive(
                &app.store, &community, checked, gathering, credit, &sender, now,
            )
            .await?;
            Ok(crate::discord::notes::views::archived(
                &archived,
                sender.member,
            ))
        }
        NoteForm::Edit(id) => {
            let (note, gathering) =
                flows::edit(&app.store, &community, id, checked, &sender, now).await?;
            Ok(crate::discord::notes::views::edited(
                &note,
                gathering.as_ref(),
            ))
        }
    }
}
