//! The posts engine: plans what the bot posts on its own, claims due posts with a lease (so any number of
//! processes share the work, none twice), sends each with a nonce, and marks it sent. A task sleeps until
//! the next post is due or until woken by a new plan; a safety re-check runs every few minutes.

mod cards;
mod failure;
mod posted;
mod render;

use posted::Lookup;
pub use posted::{mark, marker};

use crate::clock::Clock;
use crate::config::PostsConfig;
use crate::discord::http::{DirectPoster, PostError};
use crate::domain::community::Community;
use crate::domain::gathering::Gathering;
use crate::domain::ids::CommunityId;
use crate::domain::posts::{
    backoff, delivery, next_role_prompt, plan_for_gathering, Delivery, PostKind,
};
use crate::metrics::METRICS;
use crate::store::{DuePost, Store, StoreError};
use chrono::{DateTime, Duration, Utc};
use poise::serenity_prelude as serenity;
use std::sync::Arc;
use tokio::sync::{watch, Notify};

/// Posts claimed per step, and sent concurrently. Discord lets a bot make about 50 requests a second in
/// all, so 10 in flight keep any one process busy; a smaller batch keeps each claim cheap (one row update
/// and its index entries per post) and leaves more of a burst to other processes.
pub const BATCH: i64 = 10;
/// The longest sleep without being woken.
pub const SAFETY_RECHECK_SECONDS: i64 = 300;
/// Gatherings starting within this many days get their posts planned (the longest offset is 90 days).
pub const PLAN_WINDOW_DAYS: i64 = 91;

/// Why a post was sent, retried or dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Discord accepted it.
    Sent,
    /// A temporary failure: tried again later.
    Retry,
    /// Given up (too late, permanent failure, or nothing to say).
    Dropped,
}

/// One engine per process.
#[derive(Clone)]
pub struct Engine {
    store: Store,
    http: Arc<serenity::Http>,
    clock: Arc<dyn Clock>,
    worker: String,
    settings: PostsConfig,
    direct: Option<Arc<DirectPoster>>,
    /// The bot's own user id (its posts are recognised by it), read once.
    bot_user: Arc<std::sync::OnceLock<serenity::UserId>>,
}

impl Engine {
    /// An engine that claims posts as `worker` (unique per process).
    pub fn new(
        store: Store,
        http: Arc<serenity::Http>,
        clock: Arc<dyn Clock>,
        worker: String,
        settings: PostsConfig,
    ) -> Engine {
        Engine {
            store,
            http,
            clock,
            worker,
            settings,
            direct: None,
            bot_user: Arc::default(),
        }
    }

    /// Sends channel messages through `poster` (set when `discord.api_url` is, so that a 429's
    /// `retry_after` is read and honoured; with real Discord serenity's rate limiter does that).
    pub fn with_direct_poster(mut self, poster: Option<DirectPoster>) -> Engine {
        self.direct = poster.map(Arc::new);
        self
    }

    fn retry_delay(&self, attempts: u32) -> Duration {
        let base = Duration::milliseconds(i64::from(self.settings.retry_base_ms));
        backoff(attempts, jitter(), base)
    }

    /// Plans posts for gatherings whose plan is missing or stale, and the next cron prompt of every
    /// community that has none pending.
    pub async fn plan(&self, now: DateTime<Utc>) -> Result<usize, StoreError> {
        let mut planned = 0;
        let ids = self
            .store
            .gatherings_to_plan(now, now + Duration::days(PLAN_WINDOW_DAYS), 500)
            .await?;
        for id in ids {
            let Some(g) = self.store.gathering_by_id(id).await? else {
                continue;
            };
            let Some(c) = self.store.community(g.community).await? else {
                continue;
            };
            let plan_from = |from| {
                plan_for_gathering(
                    &g,
                    &c.settings.reminders,
                    &c.settings.role_prompt,
                    c.settings.time_zone,
                    from,
                )
            };
            let posts = plan_from(now);
            // Every key the gathering has as it is now, those already past included: a post whose
            // time came and that is still one of them is kept to be sent.
            let current: Vec<String> = plan_from(DateTime::<Utc>::MIN_UTC)
                .into_iter()
                .map(|p| p.key)
                .collect();
            self.store
                .replan_gathering(&c, &g, &posts, &current, now)
                .await?;
            planned += 1;
        }
        for id in self.store.communities_without_prompt(500).await? {
            let Some(c) = self.store.community(id).await? else {
                continue;
            };
            if let Some(next) =
                next_role_prompt(c.id.0, &c.settings.role_prompt, c.settings.time_zone, now)
            {
                self.store.plan_prompt_on_clock(&c, &next, now).await?;
                planned += 1;
            }
        }
        Ok(planned)
    }

    /// Claims one batch of due posts and sends them concurrently. Returns how many were claimed.
    pub async fn run_due(&self, now: DateTime<Utc>) -> Result<usize, StoreError> {
        let lease = now + Duration::seconds(i64::from(self.settings.lease_seconds));
        let claiming = std::time::Instant::now();
        let due = self
            .store
            .claim_due_posts(&self.worker, now, lease, BATCH)
            .await?;
        METRICS
            .db_query_seconds
            .with_label_values(&["claim_due_posts"])
            .observe(claiming.elapsed().as_secs_f64());
        let count = due.len();
        let due = self.within_channel_caps(due, now).await?;
        let sends = due.into_iter().map(|post| async move {
            if let Err(e) = self.deliver(&post).await {
                tracing::error!(post = post.id, key = %post.key, error = %e, "post failed; its lease will expire and it is retried");
            }
        });
        futures_util::future::join_all(sends).await;
        Ok(count)
    }

    /// The claimed posts that fit their channel's hourly cap; the others are held back (given back to be
    /// tried in 10 minutes) and logged. One count per community per batch.
    async fn within_channel_caps(
        &self,
        due: Vec<DuePost>,
        now: DateTime<Utc>,
    ) -> Result<Vec<DuePost>, StoreError> {
        let cap = i64::from(self.settings.channel_posts_per_hour);
        let mut left: std::collections::HashMap<i64, i64> = std::collections::HashMap::new();
        let mut edits_left: std::collections::HashMap<i64, i64> = std::collections::HashMap::new();
        let mut kept = Vec::with_capacity(due.len());
        for post in due {
            if post.kind == PostKind::DmReminder {
                kept.push(post);
                continue;
            }
            if post.kind.edits() {
                // Edits add no message; they have their own budget (changes close together share one).
                if let std::collections::hash_map::Entry::Vacant(entry) =
                    edits_left.entry(post.community.0)
                {
                    let sent = self
                        .store
                        .card_edits_since(post.community, now - Duration::hours(1))
                        .await?;
                    entry.insert(CARD_EDITS_PER_HOUR - sent);
                }
                if let Some(remaining) = edits_left.get_mut(&post.community.0).filter(|r| **r > 0) {
                    *remaining -= 1;
                    kept.push(post);
                } else {
                    tracing::warn!(post = post.id, community = %post.community, "card edit held back: the hourly cap of edits is reached");
                    self.store
                        .post_held(
                            post.id,
                            &self.worker,
                            now + Duration::minutes(10),
                            "held back: hourly cap of card edits", // log
                        )
                        .await?;
                    METRICS.post("held");
                }
                continue;
            }
            if let std::collections::hash_map::Entry::Vacant(entry) = left.entry(post.community.0) {
                let sent = self
                    .store
                    .channel_posts_since(post.community, now - Duration::hours(1))
                    .await?;
                entry.insert(cap - sent);
            }
            if let Some(remaining) = left.get_mut(&post.community.0).filter(|r| **r > 0) {
                *remaining -= 1;
                kept.push(post);
                continue;
            }
            tracing::warn!(post = post.id, key = %post.key, community = %post.community, cap, "automatic post held back: the channel's hourly cap is reached");
            self.store
                .post_held(
                    post.id,
                    &self.worker,
                    now + Duration::minutes(10),
                    "held back: hourly cap of the channel", // log
                )
                .await?;
            METRICS.post("held");
        }
        Ok(kept)
    }

    #[tracing::instrument(skip_all, fields(post = post.id, kind = %post.kind, community = %post.community))]
    async fn deliver(&self, post: &DuePost) -> Result<Outcome, StoreError> {
        let now = self.clock.now();
        let Some(community) = self.store.community(post.community).await? else {
            self.store
                .post_dropped(post.id, &self.worker, "community gone", now) // log
                .await?;
            METRICS.post("dropped");
            return Ok(Outcome::Dropped);
        };
        let gathering = match post.gathering {
            Some(id) => self.store.gathering_by_id(id).await?,
            None => None,
        };
        // Reminders and prompts are useless once their gathering has started; end-of-gathering posts are not.
        let before_start = matches!(post.kind, PostKind::Reminder | PostKind::RolePrompt);
        let start = gathering.as_ref().filter(|_| before_start).map(|g| g.start);
        let late = match delivery(post.planned_at, start, now) {
            Delivery::Drop => {
                tracing::warn!(post = post.id, key = %post.key, "post dropped: its gathering has already started");
                self.store
                    .post_dropped(
                        post.id,
                        &self.worker,
                        "too late: the gathering has started", // log
                        now,
                    )
                    .await?;
                METRICS.post("dropped");
                return Ok(Outcome::Dropped);
            }
            Delivery::Send { late } => late,
        };
        let outcome = self
            .send(post, &community, gathering.as_ref(), late, now)
            .await?;
        let result = match outcome {
            Outcome::Sent if late => "late",
            Outcome::Sent => "sent",
            Outcome::Retry => "retried",
            Outcome::Dropped => "dropped",
        };
        METRICS.post(result);
        tracing::info!(
            post = post.id,
            kind = %post.kind,
            community = %post.community,
            gathering = ?post.gathering.map(|g| g.0),
            result,
            delay_ms = (self.clock.now() - post.planned_at).num_milliseconds(),
            "automatic post" // log
        );
        if post.kind == PostKind::RolePrompt
            && post.gathering.is_none()
            && outcome != Outcome::Retry
        {
            self.chain_prompt(community.id, now).await?;
        }
        Ok(outcome)
    }

    async fn send(
        &self,
        post: &DuePost,
        community: &Community,
        gathering: Option<&Gathering>,
        late: bool,
        now: DateTime<Utc>,
    ) -> Result<Outcome, StoreError> {
        let buried = match (post.kind, gathering) {
            (PostKind::Reminder | PostKind::RolePrompt, Some(g)) => {
                self.card_buried(community, g).await
            }
            // A weekly prompt is for the next gathering.
            (PostKind::RolePrompt, None) => match self.store.upcoming(community.id, now, 1).await {
                Ok(next) => match next.first() {
                    Some(g) => self.card_buried(community, g).await,
                    None => false,
                },
                Err(_) => false,
            },
            _ => false,
        };
        let rendered =
            match render::render(&self.store, community, post, gathering, buried, now).await {
                Ok(Some(rendered)) => rendered,
                Ok(None) => {
                    self.store
                        .post_dropped(post.id, &self.worker, "nothing to say", now) // log
                        .await?;
                    return Ok(Outcome::Dropped);
                }
                Err(e) => {
                    let retry = now + self.retry_delay(post.attempts);
                    self.store
                        .post_held(post.id, &self.worker, retry, &e.to_string())
                        .await?;
                    return Ok(Outcome::Retry);
                }
            };
        if post.kind.edits() {
            return self
                .edit(post, community, gathering, rendered.reply, now)
                .await;
        }
        let card_of = rendered.card_of;
        let mut reply = rendered.reply;
        if late {
            reply.content = Some(crate::tr!(
                community.settings.language,
                "ops-late-post",
                text = reply.content.unwrap_or_default()
            ));
        }
        let marker = marker(post.id);
        mark(&mut reply, &marker);
        let message = reply.into_message(format!("st{}", post.id));
        let channel = match self.channel_for(post, community).await {
            Ok(channel) => channel,
            Err(e) => {
                return self
                    .failed(post, community, &PostError::from(&e), now)
                    .await
            }
        };
        // Past Discord's nonce window a resend is no longer recognised: after an attempt that may have
        // reached Discord, look for the post in the channel before sending it again.
        let window = Duration::seconds(i64::from(self.settings.nonce_window_seconds));
        if post.attempted_at.is_some_and(|first| now - first >= window) {
            if post.kind != PostKind::DmReminder && !self.may_read_history(community).await? {
                let problem = crate::i18n::stored(
                    &crate::domain::message::Message::key("ops-needs-read-history")
                        .with("channel", format!("<#{}>", community.channel)),
                );
                tracing::warn!(post = post.id, community = %community.id, "cannot look for a post whose answer was lost (no Read Message History): holding it");
                self.store
                    .set_posts_problem(community.id, Some(&problem))
                    .await?;
                self.store
                    .post_held(
                        post.id,
                        &self.worker,
                        now + Duration::hours(1),
                        "waiting for Read Message History", // log
                    )
                    .await?;
                return Ok(Outcome::Retry);
            }
            let since = post.attempted_at.unwrap_or(now);
            match self.find_posted(channel, &marker, since).await {
                Ok(Lookup::Found(message_id)) => {
                    tracing::info!(post = post.id, key = %post.key, message = message_id, "found already posted after a lost answer; not sent again");
                    self.after_sent(post, community, gathering, message_id, late, card_of)
                        .await?;
                    return Ok(Outcome::Sent);
                }
                Ok(Lookup::NotThere) => {}
                Ok(Lookup::Unsure) => {
                    // Too many messages since the first attempt to be sure: never resend blind.
                    tracing::warn!(post = post.id, key = %post.key, "could not tell whether a post whose answer was lost went out; trying again later");
                    self.store
                        .post_held(
                            post.id,
                            &self.worker,
                            now + Duration::minutes(10),
                            "not sure it was not posted", // log
                        )
                        .await?;
                    return Ok(Outcome::Retry);
                }
                Err(e) => {
                    return self
                        .failed(post, community, &PostError::from(&e), now)
                        .await
                }
            }
        }
        let sent = match &self.direct {
            Some(direct) => direct.create_message(channel, &message).await,
            None => channel
                .send_message(&self.http, message)
                .await
                .map(|m| m.id.get())
                .map_err(|e| PostError::from(&e)),
        };
        match sent {
            Ok(message_id) => {
                self.after_sent(post, community, gathering, message_id, late, card_of)
                    .await?;
                Ok(Outcome::Sent)
            }
            Err(e) => self.failed(post, community, &e, now).await,
        }
    }

    /// What follows a post that is in the channel (sent now, or found there): marked sent, the channel's
    /// problem cleared, and for a reminder the DMs to those going.
    async fn after_sent(
        &self,
        post: &DuePost,
        community: &Community,
        gathering: Option<&Gathering>,
        message_id: u64,
        late: bool,
        card_of: Option<crate::domain::gathering::GatheringId>,
    ) -> Result<(), StoreError> {
        self.mark_sent(post, message_id).await?;
        if let Some(shown) = card_of {
            let card = crate::store::LivingCard {
                channel: community.channel,
                message: message_id,
            };
            self.store
                .set_living_card(community.id, shown, card, self.clock.now())
                .await?;
        }
        if post.kind != PostKind::DmReminder {
            self.store.set_posts_problem(community.id, None).await?;
        }
        tracing::info!(post = post.id, key = %post.key, late, "posted");
        if post.kind == PostKind::Reminder && community.settings.dm_reminders {
            self.plan_dms(post, community, gathering).await?;
        }
        Ok(())
    }

    /// Marks the post sent; a lost lease (another process took the post over) is logged: the other
    /// process's send is absorbed by the nonce or found by its marker.
    async fn mark_sent(&self, post: &DuePost, message_id: u64) -> Result<(), StoreError> {
        let marked = self
            .store
            .post_sent(post.id, &self.worker, Some(message_id), self.clock.now())
            .await?;
        if !marked {
            tracing::warn!(post = post.id, key = %post.key, message = message_id, "posted, but this process's lease had been taken over");
        }
        Ok(())
    }

    /// Where a post goes: the community's channel, or for a DM the member's DM channel.
    async fn channel_for(
        &self,
        post: &DuePost,
        community: &Community,
    ) -> Result<serenity::ChannelId, serenity::Error> {
        match (post.kind, post.member) {
            (PostKind::DmReminder, Some(member)) => {
                let dm = serenity::UserId::new(member.0)
                    .create_dm_channel(&*self.http)
                    .await?;
                Ok(dm.id)
            }
            _ => Ok(serenity::ChannelId::new(community.channel.0)),
        }
    }

    /// After a reminder went out: one DM per member who answered going.
    async fn plan_dms(
        &self,
        post: &DuePost,
        community: &Community,
        gathering: Option<&Gathering>,
    ) -> Result<(), StoreError> {
        let Some(g) = gathering else { return Ok(()) };
        let going = crate::domain::rsvp::going(&self.store.rsvps(g.id).await?);
        self.store
            .plan_dm_reminders(community.id, g.id, &post.key, &going, self.clock.now())
            .await
    }

    /// Plans the prompt after the one just sent, from the community's settings as they are now (read
    /// again: an organizer may have changed them while the prompt was being sent, possibly in another
    /// process, whose own planning pass still saw this prompt pending).
    async fn chain_prompt(
        &self,
        community: CommunityId,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let Some(community) = self.store.community(community).await? else {
            return Ok(());
        };
        let s = &community.settings;
        if let Some(next) = next_role_prompt(community.id.0, &s.role_prompt, s.time_zone, now) {
            self.store
                .plan_prompt_on_clock(&community, &next, now)
                .await?;
        }
        Ok(())
    }

    /// Runs until `stop` changes: plan, send what is due, then sleep until the next due post, a wake-up,
    /// or the safety re-check.
    pub async fn run(self, wake: Arc<Notify>, mut stop: watch::Receiver<bool>) {
        loop {
            let now = self.clock.now();
            crate::metrics::POSTS_ENGINE.beat(now.timestamp());
            if let Err(e) = self.plan(now).await {
                tracing::warn!(error = %e, "could not plan posts");
            }
            loop {
                crate::metrics::POSTS_ENGINE.beat(self.clock.now().timestamp());
                match self.run_due(self.clock.now()).await {
                    Ok(n) if n as i64 == BATCH => continue,
                    Ok(_) => break,
                    Err(e) => {
                        tracing::warn!(error = %e, "could not claim due posts");
                        break;
                    }
                }
            }
            let now = self.clock.now();
            let next = match self.store.next_post_due().await {
                Ok(next) => next,
                Err(e) => {
                    // Look again soon rather than sleeping through due posts.
                    tracing::warn!(error = %e, "could not read when the next post is due");
                    Some(now + Duration::seconds(5))
                }
            };
            let safety = now + Duration::seconds(SAFETY_RECHECK_SECONDS);
            let until = next.map_or(safety, |n| n.min(safety));
            let pause = (until - now).to_std().unwrap_or(std::time::Duration::ZERO);
            tokio::select! {
                () = tokio::time::sleep(pause) => {}
                () = wake.notified() => {}
                _ = stop.changed() => break,
            }
        }
    }
}

/// Most card edits (and stubs) per community per hour: a busy evening of clicks stays gentle with
/// Discord; an edit held back still shows everything when it goes (it renders when it runs).
const CARD_EDITS_PER_HOUR: i64 = 240;

/// A jitter factor in [0.5, 1.5).
fn jitter() -> f64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(0);
    0.5 + (h.finish() % 1000) as f64 / 1000.0
}
