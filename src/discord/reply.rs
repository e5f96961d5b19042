//! What a command answers, as plain values, and its one rendering into a Discord reply. Every reply
//! carries `allowed_mentions` that ping nobody: user text can never reach @everyone, @here or a role.

use poise::serenity_prelude::{
    CreateAllowedMentions, CreateAttachment, CreateEmbed, CreateEmbedFooter,
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

    fn into_embed(self) -> CreateEmbed {
        let mut embed = CreateEmbed::new()
            .description(self.description)
            .colour(ACCENT);
        if !self.title.is_empty() {
            embed = embed.title(self.title);
        }
        for (name, value, inline) in self.fields {
            embed = embed.field(name, value, inline);
        }
        if let Some(footer) = self.footer {
            embed = embed.footer(CreateEmbedFooter::new(footer));
        }
        embed
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
    /// A file: name, description and bytes.
    pub attachment: Option<Attachment>,
}

impl Reply {
    /// A text only the asker sees.
    pub fn private(text: impl Into<String>) -> Self {
        Reply {
            visibility: Visibility::Private,
            content: Some(text.into()),
            card: None,
            extra_cards: Vec::new(),
            attachment: None,
        }
    }

    /// A card with the given visibility.
    pub fn card(visibility: Visibility, card: Card) -> Self {
        Reply {
            visibility,
            content: None,
            card: Some(card),
            extra_cards: Vec::new(),
            attachment: None,
        }
    }

    /// The poise reply, with mentions that ping nobody.
    pub fn into_poise(self) -> CreateReply {
        let mut reply = CreateReply::default()
            .ephemeral(self.visibility == Visibility::Private)
            .allowed_mentions(CreateAllowedMentions::new());
        if let Some(content) = self.content {
            reply = reply.content(content);
        }
        for card in self.card.into_iter().chain(self.extra_cards) {
            reply = reply.embed(card.into_embed());
        }
        if let Some(file) = self.attachment {
            // A description is always set: Discord's spec does not allow it to be null.
            let attachment =
                CreateAttachment::bytes(file.bytes, file.name).description(file.description);
            reply = reply.attachment(attachment);
        }
        reply
    }
}
