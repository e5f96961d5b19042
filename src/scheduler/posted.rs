//! Was a post already delivered? Every automatic post carries a marker (`#p<id>`, first in its card's
//! footer), so that a resend after an attempt that may have reached Discord — past the nonce window —
//! first looks for the bot's own message with that marker in the channel.

use super::Engine;
use crate::domain::community::Community;
use crate::store::StoreError;
use chrono::{DateTime, Duration, Utc};
use poise::serenity_prelude as serenity;

/// What looking for an earlier attempt's post found.
pub(super) enum Lookup {
    /// The post is in the channel: this message.
    Found(u64),
    /// Every message since the attempt was read: it is not there.
    NotThere,
    /// Too many messages to read them all: it may be there.
    Unsure,
}

impl Engine {
    /// Whether the bot may read the channel's history, as far as interactions there have told (unknown
    /// counts as yes: the look is made).
    pub(super) async fn may_read_history(&self, community: &Community) -> Result<bool, StoreError> {
        Ok(self
            .store
            .bot_permissions(community.id)
            .await?
            .is_none_or(|bits| {
                serenity::Permissions::from_bits_truncate(bits).read_message_history()
            }))
    }

    /// The bot's own message in `channel` that carries `marker`, among those posted since a minute before
    /// `since` (the first attempt), reading up to 5 pages of 100 messages.
    pub(super) async fn find_posted(
        &self,
        channel: serenity::ChannelId,
        marker: &str,
        since: DateTime<Utc>,
    ) -> Result<Lookup, serenity::Error> {
        let me = match self.bot_user.get() {
            Some(id) => *id,
            None => {
                let id = self.http.get_current_user().await?.id;
                self.bot_user.get_or_init(|| id);
                id
            }
        };
        // A snowflake for that moment: milliseconds since Discord's epoch, shifted past the other fields.
        let from_ms = (since - Duration::minutes(1)).timestamp_millis() - 1_420_070_400_000;
        let mut after = serenity::MessageId::new(((from_ms.max(1) as u64) << 22).max(1));
        for _ in 0..5 {
            let page = channel
                .messages(
                    &*self.http,
                    serenity::GetMessages::new().after(after).limit(100),
                )
                .await?;
            if let Some(found) = page
                .iter()
                .find(|m| m.author.id == me && carries(m, marker))
            {
                return Ok(Lookup::Found(found.id.get()));
            }
            match page.iter().map(|m| m.id).max() {
                Some(newest) if page.len() == 100 => after = newest,
                _ => return Ok(Lookup::NotThere),
            }
        }
        Ok(Lookup::Unsure)
    }
}

/// The mark an automatic post carries (in its card's footer, or its last line), so that a resend past
/// Discord's nonce window can find it in the channel.
pub fn marker(post: i64) -> String {
    format!("#p{post}")
}

/// Puts `marker` first in the reply's card footer (so that cutting a long card never takes it off), or,
/// without a card, as a small last line after the text cut to leave room for it.
pub fn mark(reply: &mut crate::discord::format::Reply, marker: &str) {
    match reply.card.as_mut() {
        Some(card) => {
            card.footer = Some(match card.footer.take() {
                Some(footer) if !footer.is_empty() => format!("{marker} · {footer}"), // markup
                _ => marker.to_owned(),
            });
        }
        None => {
            let line = format!("\n-# {marker}");
            let content = reply.content.take().unwrap_or_default();
            let room = 2000 - line.chars().count();
            reply.content = Some(format!(
                "{}{line}",
                crate::discord::format::cut(&content, room)
            ));
        }
    }
}

/// Whether a message carries `marker` where [`mark`] puts it.
fn carries(message: &serenity::Message, marker: &str) -> bool {
    let in_footer = message
        .embeds
        .first()
        .and_then(|e| e.footer.as_ref())
        .is_some_and(|f| {
            // First in the footer; at its end in posts made before the mark moved to the front.
            f.text == marker
                || f.text.starts_with(&format!("{marker} "))
                || f.text.ends_with(&format!(" {marker}"))
        });
    in_footer || message.content.ends_with(&format!("-# {marker}"))
}
