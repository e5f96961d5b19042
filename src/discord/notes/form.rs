//! The note form (a Discord modal): built prefilled, read back when submitted, and what a submission
//! does. Its custom id says whether it adds or edits and to what, so a form left open survives a restart.
//! The form speaks the member's language; its kind may be typed in English or French.

use crate::discord::answer::{self, Deferral, Outcome, Target};
use crate::discord::format::{Card, Reply, Visibility};
use crate::discord::notes::flows::{self, Sender};
use crate::discord::notes::ids::NoteForm;
use crate::discord::notes::views::kind_name;
use crate::discord::{App, CommandError};
use crate::domain::ids::{ChannelRef, MemberRef};
use crate::domain::message::Message;
use crate::domain::note_draft::{Draft, MAX_LINK_CHARS, MAX_TITLE_CHARS};
use crate::domain::notes::{NoteKind, MAX_BODY_CHARS};
use crate::i18n::Lang;
use crate::tr;
use poise::serenity_prelude as serenity;
use serenity::{
    ActionRowComponent, CreateActionRow, CreateInputText, CreateInteractionResponse, CreateModal,
    InputTextStyle,
};

/// The form's fields in `lang`: id, label, placeholder, and whether it must be filled.
fn fields(lang: Lang) -> [(&'static str, String, String, bool); 5] {
    [
        (
            "title",
            tr!(lang, "note-form-title"),
            tr!(lang, "note-form-title-placeholder"),
            true,
        ),
        (
            "kind",
            tr!(lang, "note-form-kind"),
            tr!(lang, "note-form-kind-placeholder"),
            true,
        ),
        (
            "tags",
            tr!(lang, "note-form-tags"),
            tr!(lang, "note-form-tags-placeholder"),
            false,
        ),
        (
            "body",
            tr!(lang, "note-form-body"),
            tr!(lang, "note-form-body-placeholder"),
            true,
        ),
        (
            "link",
            tr!(lang, "note-form-link"),
            "https://…".to_owned(),
            false,
        ),
    ]
}

/// Lower-case, without accents, `-` and `_` read as spaces, spaces collapsed: "Bonne-Pratique" and
/// "bonne pratique", "Récit" and "recit" read the same.
fn loose(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};
    text.nfd()
        .filter(|c| !matches!(c.general_category_group(), GeneralCategoryGroup::Mark))
        .collect::<String>()
        .to_lowercase()
        .replace(['-', '_'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A kind typed into the form in English or French ("bonne pratique", "Récit", "defi"), as the English
/// label the domain reads (and stores as its canonical kind); anything else stays as typed, for the
/// check to refuse with the list of kinds in the member's language.
pub fn kind_in_any_language(typed: &str) -> String {
    if NoteKind::parse(typed).is_some() {
        return typed.to_owned();
    }
    let wanted = loose(typed);
    NoteKind::ALL
        .into_iter()
        .find(|k| {
            Lang::ALL
                .into_iter()
                .any(|lang| loose(&kind_name(lang, *k)) == wanted)
        })
        .map_or_else(|| typed.to_owned(), |k| k.label().to_owned())
}

/// The form in `lang`, prefilled from `draft` (its kind shown by its name in `lang`); `heading` is its
/// title bar (cut to Discord's 45 characters).
pub fn modal(
    form: &NoteForm,
    heading: &str,
    draft: &Draft,
    lang: Lang,
) -> CreateInteractionResponse {
    let kind =
        NoteKind::parse(&draft.kind).map_or_else(|| draft.kind.clone(), |k| kind_name(lang, k));
    let rows = fields(lang)
        .into_iter()
        .map(|(id, label, placeholder, required)| {
            let (style, max, value) = match id {
                "title" => (InputTextStyle::Short, MAX_TITLE_CHARS, &draft.title),
                "kind" => (InputTextStyle::Short, 20, &kind),
                "tags" => (InputTextStyle::Short, 400, &draft.tags),
                "body" => (InputTextStyle::Paragraph, MAX_BODY_CHARS, &draft.body),
                _ => (InputTextStyle::Short, MAX_LINK_CHARS, &draft.link),
            };
            let mut input = CreateInputText::new(style, label, id)
                .placeholder(placeholder)
                .required(required)
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

/// What was typed into a submitted form (a kind named in French read as its English label).
pub fn draft_of(data: &serenity::ModalInteractionData) -> Draft {
    let mut draft = Draft::default();
    for row in &data.components {
        for component in &row.components {
            if let ActionRowComponent::InputText(input) = component {
                let value = input.value.clone().unwrap_or_default();
                match input.custom_id.as_str() {
                    "title" => draft.title = value,
                    "kind" => draft.kind = kind_in_any_language(&value),
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
    let reader = answer::Target::Form(submit).reader();
    let work = async {
        let reply = match act(app, submit, form, &draft, reader).await {
            Ok(reply) => reply,
            Err(CommandError::User(message)) => {
                keep_text(crate::i18n::render(reader, &message), &draft, reader)
            }
            Err(error) => keep_text(
                answer::internal("note-form", &error, reader),
                &draft,
                reader,
            ),
        };
        Ok(Outcome::Message(reply))
    };
    answer::interaction(
        &ctx.http,
        app,
        Target::Form(submit),
        Deferral::Message(shown),
        "note-form",
        work,
    )
    .await
}

fn keep_text(problem: String, draft: &Draft, lang: Lang) -> Reply {
    let mut reply = Reply::private(format!(
        "{problem}\n{}",
        tr!(lang, "note-form-nothing-saved")
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
    reader: Lang,
) -> Result<Reply, CommandError> {
    let form = form.ok_or_else(|| CommandError::said(Message::key("note-form-outdated")))?;
    let community = app
        .store
        .community_in_channel(ChannelRef(submit.channel_id.get()))
        .await?
        .ok_or_else(|| CommandError::said(crate::discord::context::no_community_message()))?;
    crate::discord::answer::found(&community);
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
                            CommandError::said(Message::key("note-credit-offer-gone"))
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
                community.settings.language,
                reader,
            ))
        }
        NoteForm::Edit(id) => {
            let (note, gathering) =
                flows::edit(&app.store, &community, id, checked, &sender, now).await?;
            Ok(crate::discord::notes::views::edited(
                &note,
                gathering.as_ref(),
                reader,
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::kind_in_any_language;

    #[test]
    fn a_kind_is_read_in_english_or_french_and_kept_as_its_english_label() {
        assert_eq!(kind_in_any_language("best practice"), "best practice");
        assert_eq!(kind_in_any_language("Bonne-Pratique"), "best practice");
        assert_eq!(kind_in_any_language(" récit "), "story");
        assert_eq!(kind_in_any_language("defi"), "challenge");
        assert_eq!(kind_in_any_language("Évaluation"), "evaluation");
        assert_eq!(kind_in_any_language("question"), "query");
        assert_eq!(kind_in_any_language("gossip"), "gossip");
    }
}
