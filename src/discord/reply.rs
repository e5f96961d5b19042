//! What a command answers, as plain values, and its one rendering into a Discord reply. Every reply
//! carries explicit `allowed_mentions`: at most the users it is meant to ping, so user text can never
//! reach @everyone, @here or a role.
//!
//! Every rendering (`into_poise`, `into_message`, `into_update`, `into_response`,
//! `into_private_response`) keeps within Discord's limits, counted in characters (not bytes), so a long
//! text can never make Discord refuse the whole message: see [`fit_cards`] and [`cut_markdown`].

use poise::serenity_prelude::{
    ButtonStyle, CreateActionRow, CreateAllowedMentions, CreateAttachment, CreateButton,
    CreateEmbed, CreateEmbedFooter, CreateInteractionResponse, CreateInteractionResponseMessage,
    CreateMessage, CreateSelectMenu, CreateSelectMenuKind, Nonce, UserId,
};
use poise::CreateReply;

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

/// When a card must give up text, its footer keeps up to this many characters ahead of the description.
const FOOTER_KEPT_CHARS: usize = 256;
/// A field that does not fit whole is kept, cut, only if this much of its value still fits.
const MIN_CUT_FIELD_VALUE_CHARS: usize = 40;

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

    /// The characters Discord counts toward a message's 6,000: title, description, field names and
    /// values, footer.
    pub fn text_chars(&self) -> usize {
        len(&self.title)
            + len(&self.description)
            + self
                .fields
                .iter()
                .map(|(name, value, _)| len(name) + len(value))
                .sum::<usize>()
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
                .map(|(name, value, inline)| {
                    (
                        cut_markdown(&name, MAX_FIELD_NAME_CHARS),
                        cut_markdown(&value, MAX_FIELD_VALUE_CHARS),
                        inline,
                    )
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
        for (name, value, inline) in card.fields {
            let (name_chars, value_chars) = (len(&name), len(&value));
            if name_chars + value_chars <= left {
                left -= name_chars + value_chars;
                fields.push((name, value, inline));
                continue;
            }
            if left >= name_chars + MIN_CUT_FIELD_VALUE_CHARS {
                let value = cut_markdown(&value, left - name_chars);
                fields.push((name, value, inline));
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
        let users = crate::domain::text::unique_in_order(self.ping_users.iter().copied());
        CreateAllowedMentions::new().users(users.into_iter().take(100).map(UserId::new))
    }

    /// The action rows: buttons five to a row, then the last row, then one row per member picker; at
    /// most five rows, labels and placeholders cut to their limits.
    fn rows(&self) -> Vec<CreateActionRow> {
        let mut rows = Self::button_rows(&self.buttons);
        rows.extend(Self::button_rows(&self.last_row));
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

/// `text` cut to at most `max` characters (not bytes), ending with `…` when cut.
pub fn cut(text: &str, max: usize) -> String {
    crate::domain::text::cut(text, max)
}

/// Characters, as Discord counts them.
fn len(text: &str) -> usize {
    text.chars().count()
}

/// Room for the closing markers a cut may need: a code block (a line break and three backticks) and
/// each of `**`, `__`, `~~` and `||` once.
const MAX_CLOSERS_CHARS: usize = 12;
/// The paired Markdown markers a cut closes.
const PAIRED_MARKERS: [&str; 4] = ["**", "__", "~~", "||"];

/// `text` cut to at most `max` characters (not bytes) so that its Markdown still renders: the cut falls
/// on a line break or space near the limit when there is one, never inside a mention, timestamp or
/// custom emoji (`<…>`) or a link's address, never splits a `**`-style marker or leaves a lone `\` (it
/// would escape what follows); bold, underline, strike-through, spoilers and code left open are
/// closed; and it ends with `…`. Text within the limit is returned unchanged.
pub fn cut_markdown(text: &str, max: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= max {
        return text.to_owned();
    }
    if max <= 2 * MAX_CLOSERS_CHARS {
        return cut(text, max);
    }
    let mut room = max - 1;
    loop {
        let end = cut_point(&chars, room);
        let head = chars.get(..end).unwrap_or_default();
        let close = closers(head);
        let used = end + len(&close) + 1;
        if used <= max || end == 0 {
            let mut out: String = head.iter().collect();
            out.push_str(&close);
            out.push('…');
            return out;
        }
        // The closers did not fit: give up as many characters as they overran, and look again.
        room = end.saturating_sub(used - max);
    }
}

/// How many of `chars` to keep (at most `room`) so that the cut falls in a good place.
fn cut_point(chars: &[char], room: usize) -> usize {
    let mut end = room.min(chars.len());
    // A line break, else a space, in the last quarter (a space at most 100 characters back), unless
    // the cut already falls just before white space.
    if chars.get(end).is_some_and(|c| !c.is_whitespace()) {
        let floor = end - end / 4;
        let newline = chars[floor..end]
            .iter()
            .rposition(|c| *c == '\n')
            .map(|i| floor + i);
        let space_floor = floor.max(end.saturating_sub(100));
        let space = chars[space_floor..end]
            .iter()
            .rposition(|c| c.is_whitespace())
            .map(|i| space_floor + i);
        if let Some(at) = newline.or(space) {
            end = at;
        }
    }
    // Not inside `<@…>`, `<#…>`, `<t:…>`, `<:emoji:…>` or `</command:…>`.
    let recent = end.saturating_sub(64);
    if let Some(open) = chars[recent..end]
        .iter()
        .rposition(|c| *c == '<')
        .map(|i| recent + i)
    {
        let tag_like = chars
            .get(open + 1)
            .is_none_or(|c| matches!(*c, '@' | '#' | ':' | 't' | 'a' | '/'));
        if tag_like && !chars[open..end].contains(&'>') {
            end = open;
        }
    }
    // Not inside a link's address: `[label](https://…` without its `)` goes, label and all.
    let recent = end.saturating_sub(600);
    if let Some(paren) = chars[recent..end]
        .windows(2)
        .rposition(|pair| pair == [']', '('])
        .map(|i| recent + i)
    {
        if !chars[paren + 2..end].contains(&')') {
            if let Some(bracket) = chars[recent..paren]
                .iter()
                .rposition(|c| *c == '[')
                .map(|i| recent + i)
            {
                end = bracket;
            }
        }
    }
    // Not in the middle of `**`, `~~`, `||`, `__` or three backticks.
    while end > 0
        && matches!(chars[end - 1], '*' | '_' | '~' | '|' | '`')
        && chars.get(end) == Some(&chars[end - 1])
    {
        end -= 1;
    }
    // No trailing white space or joiner before the ellipsis.
    while end > 0 && (chars[end - 1].is_whitespace() || chars[end - 1] == '\u{200D}') {
        end -= 1;
    }
    // No lone backslash at the end: it would escape the closers or the ellipsis.
    let backslashes = chars[..end]
        .iter()
        .rev()
        .take_while(|c| **c == '\\')
        .count();
    if backslashes % 2 == 1 {
        end -= 1;
    }
    end
}

/// What closes the Markdown `head` leaves open: an open code block or code span, then the paired
/// markers still open, innermost first. Escaped characters (`\*`) and anything inside code do not
/// count.
fn closers(head: &[char]) -> String {
    let mut open: Vec<&'static str> = Vec::new();
    let mut in_block = false;
    let mut in_code = false;
    let mut i = 0;
    while i < head.len() {
        let c = head[i];
        if in_block {
            if starts_with_at(head, i, "```") {
                in_block = false;
                i += 3;
            } else {
                i += 1;
            }
            continue;
        }
        if in_code {
            if c == '`' {
                in_code = false;
            }
            i += 1;
            continue;
        }
        if c == '\\' {
            i += 2;
            continue;
        }
        if starts_with_at(head, i, "```") {
            in_block = true;
            i += 3;
            continue;
        }
        if c == '`' {
            in_code = true;
            i += 1;
            continue;
        }
        if let Some(marker) = PAIRED_MARKERS
            .into_iter()
            .find(|m| starts_with_at(head, i, m))
        {
            match open.iter().rposition(|o| *o == marker) {
                Some(at) => {
                    open.remove(at);
                }
                None => open.push(marker),
            }
            i += 2;
            continue;
        }
        i += 1;
    }
    let mut out = String::new();
    if in_block {
        out.push_str("\n```");
    } else if in_code {
        out.push('`');
    }
    for marker in open.iter().rev() {
        out.push_str(marker);
    }
    out
}

/// Whether `chars` has `marker` starting at index `at`.
fn starts_with_at(chars: &[char], at: usize, marker: &str) -> bool {
    marker
        .chars()
        .enumerate()
        .all(|(k, m)| chars.get(at + k) == Some(&m))
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

    /// `n` characters of one to four bytes each, with no space or Markdown in them.
    fn text(n: usize) -> String {
        "aé日🌱".chars().cycle().take(n).collect()
    }

    /// A card with parts of the given lengths (no footer for 0).
    fn card(title: usize, description: usize, footer: usize, fields: &[(usize, usize)]) -> Card {
        let mut card = Card::new(text(title), text(description));
        if footer > 0 {
            card = card.footer(text(footer));
        }
        for (name, value) in fields {
            card = card.field(text(*name), text(*value), false);
        }
        card
    }

    /// The channel message a reply becomes, as the JSON sent to Discord.
    fn message_json(reply: Reply) -> serde_json::Value {
        serde_json::to_value(reply.into_message("nonce".to_owned())).unwrap()
    }

    fn chars_of(value: &serde_json::Value) -> usize {
        value.as_str().map_or(0, |s| s.chars().count())
    }

    /// The embed text of a message as Discord counts it toward 6,000.
    fn embed_total(json: &serde_json::Value) -> usize {
        let embeds = json["embeds"].as_array().cloned().unwrap_or_default();
        embeds
            .iter()
            .map(|e| {
                let fields = e["fields"].as_array().cloned().unwrap_or_default();
                chars_of(&e["title"])
                    + chars_of(&e["description"])
                    + chars_of(&e["footer"]["text"])
                    + fields
                        .iter()
                        .map(|f| chars_of(&f["name"]) + chars_of(&f["value"]))
                        .sum::<usize>()
            })
            .sum()
    }

    #[test]
    fn a_card_of_exactly_6000_characters_is_kept_whole() {
        let whole = card(256, 4096, 1000, &[(8, 640)]);
        assert_eq!(whole.text_chars(), MAX_EMBED_TOTAL_CHARS);
        assert_eq!(fit_cards(vec![whole.clone()]), vec![whole.clone()]);
        let json = message_json(Reply::card(Visibility::Public, whole.clone()));
        assert_eq!(embed_total(&json), 6000);
        assert_eq!(json["embeds"][0]["title"], whole.title.as_str());
        assert_eq!(json["embeds"][0]["description"], whole.description.as_str());
        assert_eq!(json["embeds"][0]["footer"]["text"], text(1000).as_str());
        assert_eq!(json["embeds"][0]["fields"][0]["value"], text(640).as_str());
    }

    #[test]
    fn one_character_over_6000_is_cut_to_6000_from_the_last_field() {
        let over = card(256, 4096, 1000, &[(8, 641)]);
        assert_eq!(over.text_chars(), 6001);
        let fitted = fit_cards([over.clone()]);
        let kept = &fitted[0];
        assert_eq!(kept.text_chars(), 6000);
        assert_eq!(
            (&kept.title, &kept.description, &kept.footer),
            (&over.title, &over.description, &over.footer)
        );
        assert_eq!(kept.fields.len(), 1);
        assert_eq!(kept.fields[0].0, over.fields[0].0);
        assert!(kept.fields[0].1.ends_with('…'));
        let json = message_json(Reply::card(Visibility::Public, over));
        assert_eq!(embed_total(&json), 6000);
    }

    #[test]
    fn trailing_fields_give_way_when_the_total_is_too_much() {
        let many = card(100, 1000, 50, &[(10, 1000); 25]);
        let fitted = fit_cards([many.clone()]);
        let kept = &fitted[0];
        assert!(kept.text_chars() <= 6000, "{}", kept.text_chars());
        assert_eq!(
            (&kept.title, &kept.description, &kept.footer),
            (&many.title, &many.description, &many.footer)
        );
        // The first four fit whole (1,150 + 4 × 1,010 = 5,190); the fifth is cut to what is left;
        // the rest are dropped.
        assert_eq!(kept.fields.len(), 5);
        assert_eq!(&kept.fields[..4], &many.fields[..4]);
        assert_eq!(kept.fields[4].1.chars().count(), 800);
        assert_eq!(kept.text_chars(), 6000);
    }

    #[test]
    fn thirty_fields_become_twenty_five() {
        let thirty = card(10, 10, 0, &[(5, 5); 30]);
        let fitted = fit_cards([thirty.clone()]);
        assert_eq!(fitted[0].fields.len(), MAX_FIELDS);
        assert_eq!(&fitted[0].fields[..], &thirty.fields[..25]);
        let json = message_json(Reply::card(Visibility::Private, thirty));
        assert_eq!(
            json["embeds"][0]["fields"].as_array().map(Vec::len),
            Some(25)
        );
    }

    #[test]
    fn every_part_is_cut_to_its_own_limit() {
        // 256 + 4,096 + 256 + 1,024 = 5,632: within the total, so each part is at its own limit.
        let fitted = fit_cards([card(300, 5000, 0, &[(300, 2000)])]);
        let kept = &fitted[0];
        assert_eq!(kept.title.chars().count(), MAX_TITLE_CHARS);
        assert_eq!(kept.description.chars().count(), MAX_DESCRIPTION_CHARS);
        assert_eq!(kept.fields[0].0.chars().count(), MAX_FIELD_NAME_CHARS);
        assert_eq!(kept.fields[0].1.chars().count(), MAX_FIELD_VALUE_CHARS);
        for part in [
            &kept.title,
            &kept.description,
            &kept.fields[0].0,
            &kept.fields[0].1,
        ] {
            assert!(part.ends_with('…'));
        }
        let fitted = fit_cards([card(0, 10, 3000, &[])]);
        let footer = fitted[0].footer.clone().unwrap_or_default();
        assert_eq!(footer.chars().count(), MAX_FOOTER_CHARS);
    }

    #[test]
    fn content_is_cut_to_2000_characters_in_every_rendering() {
        let exact = text(2000);
        assert_eq!(
            message_json(Reply::private(exact.clone()))["content"],
            exact.as_str()
        );
        let over = text(2001);
        let json = message_json(Reply::private(over.clone()));
        let content = json["content"].as_str().unwrap_or_default();
        assert_eq!(content.chars().count(), MAX_CONTENT_CHARS);
        assert!(content.ends_with('…'));
        assert!(over.starts_with(content.trim_end_matches('…')));

        let poise = Reply::private(over.clone())
            .into_poise()
            .to_slash_initial_response(CreateInteractionResponseMessage::new());
        let json = serde_json::to_value(poise).unwrap();
        assert_eq!(chars_of(&json["content"]), 2000);
        for response in [
            Reply::private(over.clone()).into_private_response(),
            Reply::private(over.clone()).into_response(),
            Reply::private(over).into_update(),
        ] {
            let json = serde_json::to_value(response).unwrap();
            assert_eq!(chars_of(&json["data"]["content"]), 2000, "{json}");
        }
    }

    #[test]
    fn limits_count_characters_not_bytes() {
        // 4,096 emoji are 16,384 bytes: still within the description's 4,096 characters.
        let emoji = "🌱".repeat(4096);
        let whole = Card::new("", emoji.clone());
        assert_eq!(fit_cards(vec![whole.clone()]), vec![whole.clone()]);
        let json = message_json(Reply::card(Visibility::Public, whole));
        assert_eq!(json["embeds"][0]["description"], emoji.as_str());
        let fitted = fit_cards([Card::new("", "🌱".repeat(4097))]);
        assert_eq!(fitted[0].description.chars().count(), 4096);
        assert!(fitted[0].description.ends_with("🌱…"));
        let value = "д".repeat(1024);
        let with_field = Card::new("t", "d").field("n", value.clone(), true);
        assert_eq!(fit_cards([with_field.clone()]), [with_field]);
    }

    #[test]
    fn later_cards_give_way_to_the_first_and_at_most_ten_are_sent() {
        let cards: Vec<Card> = (0..4).map(|_| Card::new("", text(1900))).collect();
        let fitted = fit_cards(cards.clone());
        assert_eq!(fitted.len(), 4);
        assert_eq!(&fitted[..3], &cards[..3]);
        assert_eq!(fitted[3].description.chars().count(), 300);
        assert_eq!(fitted.iter().map(Card::text_chars).sum::<usize>(), 6000);
        let five: Vec<Card> = (0..5).map(|_| Card::new("", text(1900))).collect();
        assert_eq!(fit_cards(five).len(), 4, "nothing is left for a fifth card");
        let twelve: Vec<Card> = (0..12).map(|i| Card::new(format!("{i}"), "x")).collect();
        assert_eq!(fit_cards(twelve).len(), MAX_EMBEDS);

        let mut reply = Reply::card(Visibility::Public, cards[0].clone());
        reply.extra_cards = cards[1..].to_vec();
        let json = message_json(reply);
        assert_eq!(json["embeds"].as_array().map(Vec::len), Some(4));
        assert_eq!(embed_total(&json), 6000);
    }

    #[test]
    fn at_most_five_action_rows_and_labels_within_their_limits() {
        let mut reply = Reply::private("rows");
        reply.buttons = (0..30)
            .map(|i| Button {
                custom_id: format!("b{i}"),
                label: text(100),
                tone: Tone::Primary,
            })
            .collect();
        reply.member_pickers = vec![("pick".to_owned(), text(200))];
        let json = message_json(reply);
        let rows = json["components"].as_array().cloned().unwrap_or_default();
        assert_eq!(rows.len(), MAX_ACTION_ROWS);
        for row in &rows {
            let buttons = row["components"].as_array().cloned().unwrap_or_default();
            assert!(!buttons.is_empty() && buttons.len() <= MAX_BUTTONS_PER_ROW);
            for button in &buttons {
                assert_eq!(chars_of(&button["label"]), MAX_BUTTON_LABEL_CHARS);
            }
        }
        let mut picker = Reply::private("pick");
        picker.member_pickers = vec![("pick".to_owned(), text(200))];
        let json = message_json(picker);
        let placeholder = &json["components"][0]["components"][0]["placeholder"];
        assert_eq!(chars_of(placeholder), MAX_PLACEHOLDER_CHARS);
    }

    #[test]
    fn a_cut_closes_bold_and_code_it_leaves_open() {
        let bold = format!("**{}**", "word ".repeat(1000));
        let cut_bold = cut_markdown(&bold, 4096);
        assert!(cut_bold.chars().count() <= 4096);
        assert!(cut_bold.ends_with("word**…"), "{cut_bold}");
        assert_eq!(cut_bold.matches("**").count(), 2);

        let code = format!("```\n{}```", "let x = 1;\n".repeat(500));
        let cut_code = cut_markdown(&code, 1024);
        assert_eq!(cut_code.chars().count(), 1024);
        assert!(cut_code.ends_with("\n```…"), "{cut_code}");
        assert_eq!(cut_code.matches("```").count(), 2);

        let nested = format!("||~~__{}", "secret ".repeat(1000));
        let cut_nested = cut_markdown(&nested, 2000);
        assert!(cut_nested.ends_with("__~~||…"), "{cut_nested}");
        assert!(cut_nested.chars().count() <= 2000);

        let inline = format!("`{}", "x".repeat(3000));
        let cut_inline = cut_markdown(&inline, 2000);
        assert!(cut_inline.ends_with("x`…"), "{cut_inline}");
        assert_eq!(cut_inline.chars().count(), 2000);

        // Escaped markers are text: nothing to close.
        let escaped = format!("\\*\\*{}", "a".repeat(5000));
        assert!(!cut_markdown(&escaped, 4096).contains("**"));
        // Balanced text is left balanced, and a cut never splits a marker.
        let closed = format!("{}**b**", "a".repeat(4094));
        let cut_closed = cut_markdown(&closed, 4096);
        assert_eq!(cut_closed.matches("**").count() % 2, 0, "{cut_closed}");
    }

    #[test]
    fn a_cut_never_falls_inside_a_timestamp_mention_link_or_escape() {
        let stamp = format!("{}<t:1700000000:F>", "a".repeat(4085));
        assert_eq!(cut_markdown(&stamp, 4096), format!("{}…", "a".repeat(4085)));
        let mention = format!("{}<@123456789012345678>", "a".repeat(4080));
        assert_eq!(
            cut_markdown(&mention, 4096),
            format!("{}…", "a".repeat(4080))
        );
        let escape = format!("{}\\*{}", "a".repeat(4094), "a".repeat(100));
        assert_eq!(
            cut_markdown(&escape, 4096),
            format!("{}…", "a".repeat(4094))
        );
        let link = format!(
            "{} [guide](https://example.org/{})",
            "a".repeat(3900),
            "p".repeat(300)
        );
        assert_eq!(cut_markdown(&link, 4096), format!("{}…", "a".repeat(3900)));
        // Near the limit, a cut prefers a line break, then a space.
        let lines = format!("{}\n{}", "a ".repeat(1900), "b".repeat(300));
        assert_eq!(
            cut_markdown(&lines, 4000),
            format!("{}…", "a ".repeat(1900).trim_end())
        );
        // Small limits still hold, by characters.
        assert_eq!(cut_markdown("🌱🌱🌱🌱", 3), "🌱🌱…");
        assert_eq!(cut_markdown("🌱", 0), "");
    }
}
