//! What a command answers, as plain values, and its one rendering into a Discord reply. Every reply
//! carries explicit `allowed_mentions`: at most the users it is meant to ping, so user text can never
//! reach @everyone, @here or a role.
//!
//! Every rendering (`into_poise`, `into_message`, `into_update`, `into_response`,
//! `into_private_response`) keeps within Discord's limits, counted in characters (not bytes), so a long
//! text can never make Discord refuse the whole message: see [`fit_cards`] and [`cut_markdown`].

use poise::serenity_prelude::{
    ButtonStyle, CreateActionRow, CreateAllowedMentions, CreateAttachment, CreateButton,
    CreateEmbed, CreateInteractionResponse, CreateInteractionResponseMessage, CreateMessage,
    CreateSelectMenu, CreateSelectMenuKind, CreateSelectMenuOption, EditMessage, Nonce, UserId,
};
use poise::CreateReply;

use super::card::*;
use super::text::{cut, cut_markdown};

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

/// A public card fixed at the moment of a change, to be posted later by the posts engine (a change
/// notice): title, text, the mention line and who it may ping.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Notice {
    /// The bold title of the card the notice posts, fixed when the change was made.
    pub title: String,
    /// The card's text: what changed, and why if the organizer said.
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
    /// The file's bytes as sent (e.g. the `.ics` text, or a gzip file).
    pub bytes: Vec<u8>,
}

/// A command's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    /// Who sees it: only the person who asked, or everyone in the channel.
    pub visibility: Visibility,
    /// Plain message text above any cards (cut to 2,000 characters); `None` for none.
    pub content: Option<String>,
    /// The main card, shown as an embed; `None` for a text-only reply.
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
    /// Link buttons (label, URL), one row after the others: e.g. a reminder's link to the living card.
    pub links: Vec<(String, String)>,
    /// Menus of choices, one row each (a large agenda's "Claim a role…").
    pub menus: Vec<Menu>,
}

/// A menu of up to 25 choices (one picked at a time).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Menu {
    /// What it acts on (see `custom_id`).
    pub custom_id: String,
    /// The grey text shown before a choice is made.
    pub placeholder: String,
    /// Each choice: its label and the value it sends.
    pub choices: Vec<(String, String)>,
}

/// A button on a card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Button {
    /// What it acts on (see `custom_id`).
    pub custom_id: String,
    /// The text on the button (cut to 80 characters).
    pub label: String,
    /// Its colour: how much it stands out, and whether it warns (see [`Tone`]).
    pub tone: Tone,
}

/// A button's colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Blurple: the action most people want.
    Primary,
    /// Grey: an ordinary choice that need not stand out (e.g. Maybe, Can't go).
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
    /// Plain text the whole channel sees.
    pub fn public(text: impl Into<String>) -> Self {
        Reply {
            visibility: Visibility::Public,
            ..Reply::private(text)
        }
    }

    /// Plain text only the user who acted sees.
    pub fn private(text: impl Into<String>) -> Self {
        Reply {
            visibility: Visibility::Private,
            content: Some(text.into()),
            card: None,
            extra_cards: Vec::new(),
            attachments: Vec::new(),
            buttons: Vec::new(),
            last_row: Vec::new(),
            links: Vec::new(),
            menus: Vec::new(),
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
            links: Vec::new(),
            menus: Vec::new(),
            member_pickers: Vec::new(),
            ping_users: Vec::new(),
        }
    }

    fn mentions(&self) -> CreateAllowedMentions {
        // Discord refuses duplicates and more than 100 users.
        let users = crate::domain::text::unique_in_order(self.ping_users.iter().copied());
        CreateAllowedMentions::new().users(users.into_iter().take(100).map(UserId::new))
    }

    /// The action rows: buttons five to a row, then the last row, then one row per member picker; at
    /// most five rows, labels and placeholders cut to their limits.
    fn rows(&self) -> Vec<CreateActionRow> {
        let mut rows = Self::button_rows(&self.buttons);
        rows.extend(Self::button_rows(&self.last_row));
        if !self.links.is_empty() {
            let links = self
                .links
                .iter()
                .take(MAX_BUTTONS_PER_ROW)
                .map(|(label, url)| {
                    CreateButton::new_link(url.clone()).label(cut(label, MAX_BUTTON_LABEL_CHARS))
                })
                .collect();
            rows.push(CreateActionRow::Buttons(links));
        }
        for menu in self.menus.iter().filter(|m| !m.choices.is_empty()) {
            let options = menu
                .choices
                .iter()
                .take(MAX_MENU_CHOICES)
                .map(|(label, value)| {
                    CreateSelectMenuOption::new(
                        cut(label, MAX_MENU_LABEL_CHARS),
                        cut(value, MAX_MENU_LABEL_CHARS),
                    )
                })
                .collect();
            let kind = CreateSelectMenuKind::String { options };
            let select = CreateSelectMenu::new(menu.custom_id.clone(), kind)
                .placeholder(cut(&menu.placeholder, MAX_PLACEHOLDER_CHARS))
                .min_values(1)
                .max_values(1);
            rows.push(CreateActionRow::SelectMenu(select));
        }
        for (custom_id, placeholder) in &self.member_pickers {
            let kind = CreateSelectMenuKind::User {
                default_users: None,
            };
            let menu = CreateSelectMenu::new(custom_id.clone(), kind)
                .placeholder(cut(placeholder, MAX_PLACEHOLDER_CHARS))
                .min_values(1)
                .max_values(25);
            rows.push(CreateActionRow::SelectMenu(menu));
        }
        rows.into_iter().take(MAX_ACTION_ROWS).collect()
    }

    /// The cards as embeds, within every embed limit (see [`fit_cards`]).
    fn embeds(&self) -> Vec<CreateEmbed> {
        fit_cards(self.card.iter().chain(&self.extra_cards).cloned())
            .into_iter()
            .map(Card::into_embed)
            .collect()
    }

    /// The plain text, within 2,000 characters.
    fn content_text(&self) -> Option<String> {
        self.content
            .as_deref()
            .map(|text| cut_markdown(text, MAX_CONTENT_CHARS))
    }

    fn button_rows(buttons: &[Button]) -> Vec<CreateActionRow> {
        buttons
            .chunks(MAX_BUTTONS_PER_ROW)
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
                            .label(cut(&b.label, MAX_BUTTON_LABEL_CHARS))
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
            .components(self.rows())
            .embeds(self.embeds());
        if let Some(content) = self.content_text() {
            message = message.content(content);
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
            .content(self.content_text().unwrap_or_default());
        CreateInteractionResponse::Message(message)
    }

    /// A channel message carrying `nonce` with `enforce_nonce`: if a crash makes us send it twice,
    /// Discord returns the first message instead of posting a second one.
    pub fn into_message(self, nonce: String) -> CreateMessage {
        let mut message = CreateMessage::new()
            .allowed_mentions(self.mentions())
            .components(self.rows())
            .nonce(Nonce::String(nonce))
            .enforce_nonce(true)
            .embeds(self.embeds());
        if let Some(content) = self.content_text() {
            message = message.content(content);
        }
        message
    }

    /// An edit of a message already in the channel that makes it this reply: its text (or none), its
    /// embeds and its buttons (or none) replace what was there; mentions ping nobody but `ping_users`.
    pub fn into_edit(self) -> EditMessage {
        EditMessage::new()
            .allowed_mentions(self.mentions())
            .components(self.rows())
            .embeds(self.embeds())
            .content(self.content_text().unwrap_or_default())
    }

    /// The poise reply, with mentions that ping nobody but `ping_users`.
    pub fn into_poise(self) -> CreateReply {
        let mut reply = CreateReply::default()
            .ephemeral(self.visibility == Visibility::Private)
            .allowed_mentions(self.mentions())
            .components(self.rows());
        if let Some(content) = self.content_text() {
            reply = reply.content(content);
        }
        for embed in self.embeds() {
            reply = reply.embed(embed);
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
