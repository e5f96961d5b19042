//! What a refused or failed post becomes, by what Discord said ([`on_failure`]): retried after the wait
//! Discord asks for, retried with backoff, given back untried, or given up (with the reason recorded for
//! organizers).

use super::{Engine, Outcome};
use crate::discord::http::PostError;
use crate::domain::community::Community;
use crate::domain::posts::{on_failure, status, OnFailure};
use crate::store::{DuePost, StoreError};
use chrono::{DateTime, Utc};

impl Engine {
    /// Records what became of `post` after `error`.
    pub(super) async fn failed(
        &self,
        post: &DuePost,
        community: &Community,
        error: &PostError,
        now: DateTime<Utc>,
    ) -> Result<Outcome, StoreError> {
        // A wait runs from when the answer came, not from when the round began (the request itself
        // may have taken a while on a busy machine).
        let answered = self.clock.now().max(now);
        match on_failure(post.kind, error.status, error.retry_after) {
            OnFailure::DmUndeliverable => {
                // Closed DMs (Discord error 50007) or a member we cannot reach: noted, not retried, and
                // not a problem of the community's channel.
                tracing::info!(post = post.id, error = %error, "DM not delivered (closed DMs?); not retrying");
                self.store
                    .post_dropped(
                        post.id,
                        &self.worker,
                        &format!("DM not delivered: {error}"), // log
                        now,
                    )
                    .await?;
                Ok(Outcome::Dropped)
            }
            OnFailure::ChannelUnreachable => {
                // Kept as the message, not its text: organizers read it in their own language.
                let problem = crate::i18n::stored(
                    &crate::domain::message::Message::key(
                        if error.status == Some(status::FORBIDDEN) {
                            "ops-cannot-post-denied"
                        } else {
                            "ops-cannot-post-not-found"
                        },
                    )
                    .with("channel", format!("<#{}>", community.channel)),
                );
                tracing::warn!(post = post.id, community = %community.id, error = %error, "permanent posting failure");
                self.store
                    .set_posts_problem(community.id, Some(&problem))
                    .await?;
                self.store
                    .post_dropped(post.id, &self.worker, &error.to_string(), now)
                    .await?;
                Ok(Outcome::Dropped)
            }
            OnFailure::MessageGone | OnFailure::Refused => {
                tracing::error!(post = post.id, error = %error, "Discord refused the post; not retrying");
                self.store
                    .post_dropped(post.id, &self.worker, &error.to_string(), now)
                    .await?;
                Ok(Outcome::Dropped)
            }
            OnFailure::WaitAsAsked(wait) => {
                tracing::info!(
                    post = post.id,
                    retry_in_ms = wait.num_milliseconds(),
                    "rate limited; waiting as Discord asks" // log
                );
                self.store
                    .post_held(post.id, &self.worker, answered + wait, &error.to_string())
                    .await?;
                Ok(Outcome::Retry)
            }
            OnFailure::Backoff => {
                let wait = self.retry_delay(post.attempts);
                tracing::info!(post = post.id, error = %error, retry_in_ms = wait.num_milliseconds(), "temporary failure; retrying");
                self.store
                    .post_retry(post.id, &self.worker, answered + wait, &error.to_string())
                    .await?;
                Ok(Outcome::Retry)
            }
        }
    }
}
