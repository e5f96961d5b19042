//! An embed as plain values, and Discord's limits on embeds, counted in characters (not bytes): a card
//! that would be too long is cut where it is built (see [`fit_cards`]), never refused by Discord.

use super::text::{cut_markdown, len};
use poise::serenity_prelude::{CreateEmbed, CreateEmbedFooter};

/// Steward's accent colour (a calm teal).
pub const ACCENT: u32 = 0x2A9D8F;

/// Most characters of a message's plain text.
pub const MAX_CONTENT_CHARS: usize = 2000;
/// Most characters of an embed title.
pub const MAX_TITLE_CHARS: usize = 256;
/// Most characters of an embed description.
pub const MAX_DESCRIPTION_CHARS: usize = 4096;
/// Most fields of one embed.
pub const MAX_FIELDS: usize = 25;
/// Most characters of a field name.
pub const MAX_FIELD_NAME_CHARS: usize = 256;
/// Most characters of a field value.
pub const MAX_FIELD_VALUE_CHARS: usize = 1024;
/// Most characters of an embed footer.
pub const MAX_FOOTER_CHARS: usize = 2048;
/// Most characters of all embed text (titles, descriptions, field names and values, footers) of one
/// message together.
pub const MAX_EMBED_TOTAL_CHARS: usize = 6000;
/// Most embeds in one message.
pub const MAX_EMBEDS: usize = 10;
/// Most action rows (rows of buttons, or one select menu each) under one message.
pub const MAX_ACTION_ROWS: usize = 5;
/// Most buttons in one row.
pub const MAX_BUTTONS_PER_ROW: usize = 5;
/// Most characters of a button label.
pub const MAX_BUTTON_LABEL_CHARS: usize = 80;
/// Most characters of a select menu's placeholder.
pub const MAX_PLACEHOLDER_CHARS: usize = 150;
/// Choices in a select menu.
pub const MAX_MENU_CHOICES: usize = 25;
/// Characters of a choice's label (and of its value).
pub const MAX_MENU_LABEL_CHARS: usize = 100;

/// When a card must give up text, its footer keeps up to this many characters ahead of the description.
const FOOTER_KEPT_CHARS: usize = 256;
/// A field that does not fit whole is kept, cut, only if this much of its value still fits.
const MIN_CUT_FIELD_VALUE_CHARS: usize = 40;

/// An embed as plain values.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Card {
    /// Bold first line.
    pub title: String,
    /// Text under the title.
    pub description: String,
    /// Fields under the description, in order.
    pub fields: Vec<EmbedField>,
    /// Small print at the bottom (e.g. a time-zone hint); `None` shows none.
    pub footer: Option<String>,
}

/// One field of an embed: a name over its value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EmbedField {
    /// The field's bold heading, e.g. `Next dates`.
    pub name: String,
    /// The text under it.
    pub value: String,
    /// Laid out beside its neighbours rather than on a line of its own.
    pub inline: bool,
}

impl EmbedField {
    fn chars(&self) -> usize {
        len(&self.name) + len(&self.value)
    }
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
        self.fields.push(EmbedField {
            name: name.into(),
            value: value.into(),
            inline,
        });
        self
    }

    /// Sets the footer.
    pub fn footer(mut self, text: impl Into<String>) -> Self {
        self.footer = Some(text.into());
        self
    }

    /// The characters Discord counts toward a message's 6,000: title, description, field names and
    /// values, footer.
    pub fn text_chars(&self) -> usize {
        len(&self.title)
            + len(&self.description)
            + self.fields.iter().map(EmbedField::chars).sum::<usize>()
            + self.footer.as_deref().map_or(0, len)
    }

    /// Every part cut to its own limit (title 256, description 4,096, field name 256, field value
    /// 1,024, footer 2,048 characters), and at most 25 fields.
    fn within_part_limits(self) -> Card {
        Card {
            title: cut_markdown(&self.title, MAX_TITLE_CHARS),
            description: cut_markdown(&self.description, MAX_DESCRIPTION_CHARS),
            fields: self
                .fields
                .into_iter()
                .take(MAX_FIELDS)
                .map(|f| EmbedField {
                    name: cut_markdown(&f.name, MAX_FIELD_NAME_CHARS),
                    value: cut_markdown(&f.value, MAX_FIELD_VALUE_CHARS),
                    inline: f.inline,
                })
                .collect(),
            footer: self.footer.map(|f| cut_markdown(&f, MAX_FOOTER_CHARS)),
        }
    }

    /// The card within its part limits and at most `budget` characters in all. What gives way, last
    /// first: trailing fields (the first one that does not fit is cut if a useful part of it fits, the
    /// rest are dropped), then the footer beyond its first 256 characters, then the description, then
    /// the title.
    fn within(self, budget: usize) -> Card {
        let card = self.within_part_limits();
        if card.text_chars() <= budget {
            return card;
        }
        let mut left = budget;
        let title = cut_markdown(&card.title, left);
        left = left.saturating_sub(len(&title));
        let footer_kept = card.footer.as_deref().map_or(0, len).min(FOOTER_KEPT_CHARS);
        let description = cut_markdown(&card.description, left.saturating_sub(footer_kept));
        left = left.saturating_sub(len(&description));
        let footer = card
            .footer
            .map(|f| cut_markdown(&f, left))
            .filter(|f| !f.is_empty());
        left = left.saturating_sub(footer.as_deref().map_or(0, len));
        let mut fields = Vec::new();
        for field in card.fields {
            if field.chars() <= left {
                left -= field.chars();
                fields.push(field);
                continue;
            }
            let name_chars = len(&field.name);
            if left >= name_chars + MIN_CUT_FIELD_VALUE_CHARS {
                let value = cut_markdown(&field.value, left - name_chars);
                fields.push(EmbedField { value, ..field });
            }
            break;
        }
        Card {
            title,
            description,
            fields,
            footer,
        }
    }

    /// The embed of a card already within the limits (see [`fit_cards`]).
    pub(super) fn into_embed(self) -> CreateEmbed {
        let mut embed = CreateEmbed::new()
            .description(self.description)
            .colour(ACCENT);
        if !self.title.is_empty() {
            embed = embed.title(self.title);
        }
        for f in self.fields {
            embed = embed.field(f.name, f.value, f.inline);
        }
        if let Some(footer) = self.footer {
            embed = embed.footer(CreateEmbedFooter::new(footer));
        }
        embed
    }
}

/// The cards of one message within Discord's limits: at most 10 cards, each part within its own limit,
/// at most 25 fields a card, and at most 6,000 characters of embed text in all. When the total is too
/// much, the first card keeps the most: later cards are cut or dropped, and within a card trailing
/// fields go first (see `Card::within`). A card kept whole is returned unchanged.
pub fn fit_cards(cards: impl IntoIterator<Item = Card>) -> Vec<Card> {
    let mut left = MAX_EMBED_TOTAL_CHARS;
    let mut fitted: Vec<Card> = Vec::new();
    for card in cards.into_iter().take(MAX_EMBEDS) {
        let card = card.within(left);
        let used = card.text_chars();
        if used == 0 && !fitted.is_empty() {
            // Nothing of it is left: an empty extra embed would only be refused.
            continue;
        }
        left = left.saturating_sub(used);
        fitted.push(card);
    }
    fitted
}
