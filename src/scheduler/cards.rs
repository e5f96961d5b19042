//! Card edits: the posts engine keeps each gathering's living card current by editing it in place
//! (PATCH, no new message), and turns an older card into a stub that links to the newer one. An edit
//! is idempotent (it shows the state when it runs), so it needs no nonce and no look in the channel;
//! it is retried on 5xx and 429 like a post, and given up on 404 with the card forgotten (someone
//! deleted it: the next card posted becomes the living one).

use super::{Engine, Outcome};
use crate::discord::format::Reply;
use crate::discord::http::PostError;
use crate::domain::community::Community;
use crate::domain::gathering::Gathering;
use crate::domain::posts::{on_failure, OnFailure, PostKind};
use crate::store::{DuePost, LivingCard, StoreError};
use chrono::{DateTime, Utc};
use poise::serenity_prelude as serenity;

/// More messages than this after the living card and it is far up the channel: the next reminder
/// becomes the card.
pub const CARD_BURIED_AFTER_MESSAGES: u8 = 20;

impl Engine {
    /// Whether the living card of `gathering` has more than [`CARD_BURIED_AFTER_MESSAGES`] messages
    /// after it in its channel (one read of at most 21 messages). Unknown (no card, no permission to
    /// read the history, Discord failing) is `false`: the time rule alone decides.
    pub(super) async fn card_buried(&self, community: &Community, gathering: &Gathering) -> bool {
        let card = match self.store.living_card(community.id, gathering.id).await {
            Ok(Some(card)) => card,
            Ok(None) => return false,
            Err(e) => {
                tracing::warn!(error = %e, "could not read a gathering's living card");
                return false;
            }
        };
        let ask = serenity::GetMessages::new()
            .after(serenity::MessageId::new(card.message))
            .limit(CARD_BURIED_AFTER_MESSAGES + 1);
        match serenity::ChannelId::new(card.channel.0)
            .messages(&*self.http, ask)
            .await
        {
            Ok(after) => after.len() > usize::from(CARD_BURIED_AFTER_MESSAGES),
            Err(e) => {
                tracing::debug!(error = %e, "could not count the messages after a living card");
                false
            }
        }
    }

    /// Edits the message a card edit or stub is for so that it says `reply`.
    pub(super) async fn edit(
        &self,
        post: &DuePost,
        community: &Community,
        gathering: Option<&Gathering>,
        reply: Reply,
        now: DateTime<Utc>,
    ) -> Result<Outcome, StoreError> {
        let target = match (post.kind, gathering) {
            (PostKind::CardEdit, Some(g)) => self.store.living_card(community.id, g.id).await?,
            (PostKind::CardStub, _) => super::render::stub_of(post).map(|s| LivingCard {
                channel: crate::domain::ids::ChannelRef(s.channel),
                message: s.message,
            }),
            _ => None,
        };
        let Some(card) = target.filter(|c| c.channel.0 != 0 && c.message != 0) else {
            self.store
                .post_dropped(post.id, &self.worker, "no card to edit", now) // log
                .await?;
            return Ok(Outcome::Dropped);
        };
        let edited = serenity::ChannelId::new(card.channel.0)
            .edit_message(
                &*self.http,
                serenity::MessageId::new(card.message),
                reply.into_edit(),
            )
            .await;
        match edited {
            Ok(_) => {
                self.store
                    .post_sent(post.id, &self.worker, Some(card.message), self.clock.now())
                    .await?;
                // A newer card may have come while this edit travelled: its stub must win.
                if let (PostKind::CardEdit, Some(g)) = (post.kind, gathering) {
                    self.store
                        .restub(community.id, g.id, card, self.clock.now())
                        .await?;
                }
                Ok(Outcome::Sent)
            }
            Err(e) => {
                let error = PostError::from(&e);
                if on_failure(post.kind, error.status, error.retry_after) == OnFailure::MessageGone
                {
                    tracing::info!(
                        post = post.id,
                        message = card.message,
                        "the card was deleted: forgotten"
                    );
                    if let (PostKind::CardEdit, Some(g)) = (post.kind, gathering) {
                        self.store
                            .forget_living_card(community.id, g.id, card.message)
                            .await?;
                    }
                    self.store
                        .post_dropped(post.id, &self.worker, "the card was deleted", now) // log
                        .await?;
                    return Ok(Outcome::Dropped);
                }
                self.failed(post, community, &error, now).await
            }
        }
    }
}
