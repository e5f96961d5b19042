//! What a command answers, as plain values, and its one rendering into a Discord reply. Every reply
//! carries explicit `allowed_mentions`: at most the users it is meant to ping, so user text can never
//! reach @everyone, @here or a role.

use poise::serenity_prelude::{
    ButtonStyle, CreateActionRow, CreateAllowedMentions, CreateAttachment, CreateButton,
    CreateEmbed, CreateEmbedFooter, CreateInteractionResponse, CreateInteractionResponseMessage,
    CreateMessage, CreateSelectMenu, CreateSelectMenuKind, Nonce, UserId,
};
use poise::CreateReply;

/// Steward's accent colour (a calm teal).
pub const ACCENT: u32 = 0x2A9D8F;

/// Who sees a reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visibility {
    /// Only the person who asked.
    Private,
    /// Everyone in the channel.
    Public,
}

impl Visibility {
    /// Public if asked for (the `public` option of read-only commands), else private.
    pub fn public_if(public: bool) -> Visibility {
        if public {
            Visibility::Public
        } else {
            Visibility::Private
        }
    }
}

/// An embed as plain values.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Card {
    /// Bold first line.
    pub title: String,
    /// Text under the title.
    pub description: String,
    /// Name/value pairs; `true` lays a field inline.
    pub fields: Vec<(String, String, bool)>,
    /// Small print.
    pub footer: Option<String>,
}

impl Card {
    /// A card with a title and description.
    pub fn new(title: impl Into<String>, description: impl Into<String>) -> Self {
        Card {
            title: title.into(),
            description: description.into(),
            ..Card::default()
        }
    }

    /// Adds a field.
    pub fn field(
        mut self,
        name: impl Into<String>,
        value: impl Into<String>,
        inline: bool,
    ) -> Self {
        self.fields.push((name.into(), value.into(), inline));
        self
    }

    /// Sets the footer.
    pub fn footer(mut self, text: impl Into<String>) -> Self {
        self.footer = Some(text.into());
        self
    }

    /// The embed, with every part cut to Discord's limits (title 256, description 4,096, field name 256,
    /// field value 1,024, footer 2,048 characters; 25 fields) so a long text can never make Discord
    /// refuse the whole message.
    fn into_embed(self) -> CreateEmbed {
        let mut embed = CreateEmbed::new()
            .description(cut(&self.description, 4096))
            .colour(ACCENT);
        if !self.title.is_empty() {
            embed = embed.title(cut(&self.title, 256));
        }
        for (name, value, inline) in self.fields.into_iter().take(25) {
            embed = embed.field(cut(&name, 256), cut(&value, 1024), inline);
        }
        if let Some(footer) = self.footer {
            embed = embed.footer(CreateEmbedFooter::new(cut(&footer, 2048)));
        }
        embed
    }
}

/// A public card fixed at the moment of a change, to be posted later by the posts engine (a change
/// notice): title, text, the mention line and who it may ping.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Notice {
    /// Card title.
    pub title: String,
    /// Card text.
    pub text: String,
    /// Plain content (the mention line).
    pub content: Option<String>,
    /// Users it may ping.
    pub ping: Vec<u64>,
}

impl Notice {
    /// The notice a public card reply would have been.
    pub fn from_reply(reply: &Reply) -> Notice {
        let card = reply.card.clone().unwrap_or_default();
        Notice {
            title: card.title,
            text: card.description,
            content: reply.content.clone(),
            ping: reply.ping_users.clone(),
        }
    }

    /// The reply to post.
    pub fn into_reply(self) -> Reply {
        let mut reply = Reply::card(Visibility::Public, Card::new(self.title, self.text));
        reply.content = self.content;
        reply.ping_users = self.ping;
        reply
    }
}

/// A file sent with a reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// File name, e.g. `circle.ics`.
    pub name: String,
    /// What it is (shown as alt text).
    pub description: String,
    /// The content.
    pub bytes: Vec<u8>,
}

/// A command's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    /// Who sees it.
    pub visibility: Visibility,
    /// Plain text.
    pub content: Option<String>,
    /// An embed.
    pub card: Option<Card>,
    /// More embeds after the first (long calendars).
    pub extra_cards: Vec<Card>,
    /// Files: name, description and bytes (at most 10 per message).
    pub attachments: Vec<Attachment>,
    /// Buttons under the message, five to a row.
    pub buttons: Vec<Button>,
    /// One more row of buttons after those (the RSVP row of the agenda card).
    pub last_row: Vec<Button>,
    /// Member pickers, one row each: custom id and placeholder.
    pub member_pickers: Vec<(String, String)>,
    /// The only users this reply may ping (role holders, those going); never roles or everyone.
    pub ping_users: Vec<u64>,
}

/// A button on a card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Button {
    /// What it acts on (see `custom_id`).
    pub custom_id: String,
    /// Its label.
    pub label: String,
    /// Its colour.
    pub tone: Tone,
}

/// A button's colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Blurple: the action most people want.
    Primary,
    /// Grey.
    Secondary,
    /// Red: cannot be undone.
    Danger,
}

impl Tone {
    /// Primary if `yes`, else secondary.
    pub fn primary_if(yes: bool) -> Tone {
        if yes {
            Tone::Primary
        } else {
            Tone::Secondary
        }
    }
}

impl Reply {
    /// A text only the asker sees.
    pub fn private(text: impl Into<String>) -> Self {
        Reply {
            visibility: Visibility::Private,
            content: Some(text.into()),
            card: None,
            extra_cards: Vec::new(),
            attachments: Vec::new(),
            buttons: Vec::new(),
            last_row: Vec::new(),
            member_pickers: Vec::new(),
            ping_users: Vec::new(),
        }
    }

    /// A card with the given visibility.
    pub fn card(visibility: Visibility, card: Card) -> Self {
        Reply {
            visibility,
            content: None,
            card: Some(card),
            extra_cards: Vec::new(),
            attachments: Vec::new(),
            buttons: Vec::new(),
            last_row: Vec::new(),
            member_pickers: Vec::new(),
            ping_users: Vec::new(),
        }
    }

    fn mentions(&self) -> CreateAllowedMentions {
        // Discord refuses duplicates and more than 100 users.
        let mut users: Vec<u64> = Vec::new();
        for u in &self.ping_users {
            if !users.contains(u) && users.len() < 100 {
                users.push(*u);
            }
        }
        CreateAllowedMentions::new().users(users.into_iter().map(UserId::new))
    }

    fn rows(&self) -> Vec<CreateActionRow> {
        let mut rows = Self::button_rows(&self.buttons);
        rows.extend(Self::button_rows(&self.last_row));
        for (custom_id, placeholder) in &self.member_pickers {
            let kind = CreateSelectMenuKind::User {
                default_users: None,
            };
            let menu = CreateSelectMenu::new(custom_id.clone(), kind)
                .placeholder(placeholder.clone())
                .min_values(1)
                .max_values(25);
            rows.push(CreateActionRow::SelectMenu(menu));
        }
        rows.truncate(5);
        rows
    }

    fn button_rows(buttons: &[Button]) -> Vec<CreateActionRow> {
        buttons
            .chunks(5)
            .map(|row| {
                let buttons = row
                    .iter()
                    .map(|b| {
                        let style = match b.tone {
                            Tone::Primary => ButtonStyle::Primary,
                            Tone::Secondary => ButtonStyle::Secondary,
                            Tone::Danger => ButtonStyle::Danger,
                        };
                        CreateButton::new(b.custom_id.clone())
                            .label(b.label.clone())
                            .style(style)
                    })
                    .collect();
                CreateActionRow::Buttons(buttons)
            })
            .collect()
    }

    /// The message part of an interaction answer: mentions, buttons, cards and text.
    fn response_message(self) -> CreateInteractionResponseMessage {
        let mut message = CreateInteractionResponseMessage::new()
            .allowed_mentions(self.mentions())
            .components(self.rows());
        let embeds: Vec<CreateEmbed> = self
            .card
            .into_iter()
            .chain(self.extra_cards)
            .map(Card::into_embed)
            .collect();
        message = message.embeds(embeds);
        if let Some(content) = self.content {
            message = message.content(cut(&content, 2000));
        }
        message
    }

    /// The answer to a button click that changes the card in place (UPDATE_MESSAGE).
    pub fn into_update(self) -> CreateInteractionResponse {
        CreateInteractionResponse::UpdateMessage(self.response_message())
    }

    /// A new message answering an interaction (a form, a button): private or public as the reply says.
    pub fn into_response(self) -> CreateInteractionResponse {
        let private = self.visibility == Visibility::Private;
        CreateInteractionResponse::Message(self.response_message().ephemeral(private))
    }

    /// The answer to a button click that leaves the card as it is: a message only the clicker sees.
    pub fn into_private_response(self) -> CreateInteractionResponse {
        let message = CreateInteractionResponseMessage::new()
            .ephemeral(true)
            .allowed_mentions(self.mentions())
            .content(self.content.unwrap_or_default());
        CreateInteractionResponse::Message(message)
    }

    /// A channel message carrying `nonce` with `enforce_nonce`: if a crash makes us send it twice,
    /// Discord returns the first message instead of posting a second one.
    pub fn into_message(self, nonce: String) -> CreateMessage {
        let mut message = CreateMessage::new()
            .allowed_mentions(self.mentions())
            .components(self.rows())
            .nonce(Nonce::String(nonce))
            .enforce_nonce(true);
        let embeds: Vec<CreateEmbed> = self
            .card
            .into_iter()
            .chain(self.extra_cards)
            .map(Card::into_embed)
            .collect();
        message = message.embeds(embeds);
        if let Some(content) = self.content {
            message = message.content(cut(&content, 2000));
        }
        message
    }

    /// The poise reply, with mentions that ping nobody but `ping_users`.
    pub fn into_poise(self) -> CreateReply {
        let mut reply = CreateReply::default()
            .ephemeral(self.visibility == Visibility::Private)
            .allowed_mentions(self.mentions())
            .components(self.rows());
        if let Some(content) = self.content {
            reply = reply.content(content);
        }
        for card in self.card.into_iter().chain(self.extra_cards) {
            reply = reply.embed(card.into_embed());
        }
        for file in self.attachments.into_iter().take(10) {
            // A description is always set: Discord's spec does not allow it to be null.
            let attachment =
                CreateAttachment::bytes(file.bytes, file.name).description(file.description);
            reply = reply.attachment(attachment);
        }
        reply
    }
}

/// `text` cut to at most `max` characters, ending with `…` when cut.
pub fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_texts_are_cut_to_the_limit_with_an_ellipsis() {
        assert_eq!(cut("short", 10), "short");
        let long = "é".repeat(2000);
        let cut_text = cut(&long, 1024);
        assert_eq!(cut_text.chars().count(), 1024);
        assert!(cut_text.ends_with('…'));
    }
}
