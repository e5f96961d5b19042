//! Mirrors gatherings as Discord scheduled events (the server's Events tab): those starting in the next
//! 35 days are created, updated when moved, and cancelled when cancelled. Runs beside the bot, woken after
//! each change and every few minutes; failures are retried on the next pass and never block a command.
//! A missing Manage Events permission is recorded for organizers.

use crate::clock::Clock;
use crate::domain::ids::CommunityId;
use crate::domain::message::Message;
use crate::i18n::Lang;
use crate::store::{EventWork, Store, StoreError};
use chrono::{DateTime, Duration, Utc};
use poise::serenity_prelude as serenity;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use tokio::sync::{watch, Notify};

/// Gatherings starting within this many days are mirrored (Discord caps a guild at 100 events).
pub const WINDOW_DAYS: i64 = 35;
/// How often the task looks again without being woken.
pub const RECHECK: std::time::Duration = std::time::Duration::from_secs(300);
/// How long after start the data of removed servers may be deleted (the gateway announces the servers
/// the bot is in first, so a server that invited it back meanwhile is not taken for gone).
const PURGE_AFTER_START: Duration = Duration::minutes(15);
/// The catalogue key of what organizers are told when the bot may not manage events (kept as the
/// message and said in the reader's language).
pub const MISSING_PERMISSION: &str = "mirror-missing-permission";

/// How long a 403 pauses a community's events before the next probe.
pub const PAUSE_AFTER_REFUSAL: std::time::Duration = std::time::Duration::from_secs(3600);
/// Most event requests sent for one guild in an hour, whatever fails.
pub const GUILD_REQUESTS_PER_HOUR: u32 = 60;
/// Discord's limit on an external event's location.
pub const LOCATION_CHARS: usize = 100;

/// The catalogue key of what `/community info` says when the server is at Discord's cap of 100 scheduled
/// events.
pub const TOO_MANY_EVENTS: &str = "mirror-too-many-events";

/// Event requests sent per guild in the current hour: the mirror's last defence against a storm.
#[derive(Debug, Default)]
pub struct GuildBudget {
    hour_start: Option<DateTime<Utc>>,
    sent: std::collections::HashMap<u64, u32>,
}

impl GuildBudget {
    /// Takes one request from `guild`'s budget; false when this hour's is spent.
    pub fn take(&mut self, guild: u64, now: DateTime<Utc>) -> bool {
        if self
            .hour_start
            .is_none_or(|start| now - start >= Duration::hours(1))
        {
            self.hour_start = Some(now);
            self.sent.clear();
        }
        let sent = self.sent.entry(guild).or_insert(0);
        if *sent >= GUILD_REQUESTS_PER_HOUR {
            return false;
        }
        *sent += 1;
        true
    }
}

/// Runs until `stop` changes: extend series horizons, then sync events; sleep until woken or `RECHECK`.
pub async fn mirror_loop(
    http: Arc<serenity::Http>,
    store: Store,
    clock: Arc<dyn Clock>,
    wake: Arc<Notify>,
    mut stop: watch::Receiver<bool>,
) {
    let mut budget = GuildBudget::default();
    let started = clock.now();
    let mut last_purge: Option<DateTime<Utc>> = None;
    loop {
        let now = clock.now();
        crate::metrics::EVENT_MIRROR.beat(now.timestamp());
        if let Err(e) = store.extend_all_horizons(now).await {
            tracing::warn!(error = %e, "could not extend series horizons");
        }
        if let Err(e) = store.prune_credit_offers(now).await {
            tracing::warn!(error = %e, "could not forget old credit offers");
        }

        // Not right after start (the gateway first announces the servers the bot is in), and hourly.
        if now - started > PURGE_AFTER_START
            && last_purge.is_none_or(|t| now - t > Duration::hours(1))
        {
            last_purge = Some(now);
            if let Err(e) = store.prune_card_edits(now).await {
                tracing::warn!(error = %e, "could not forget old card edits");
            }
            match store.purge_removed(now).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(
                    communities = n,
                    "deleted the data of servers that removed the bot"
                ),
                Err(e) => {
                    tracing::warn!(error = %e, "could not delete the data of removed servers")
                }
            }
        }
        // A full batch means more work is waiting: take the next one now (rows that just failed wait
        // out their backoff, so each pass moves on), up to a bound.
        for _ in 0..20 {
            match sync_once(&http, &store, now, &mut budget).await {
                Ok(pass) => {
                    if pass.synced > 0 {
                        tracing::debug!(synced = pass.synced, "scheduled events synced");
                    }
                    if pass.seen < BATCH as usize {
                        break;
                    }
                }
                Err(e) => {
                    tracing::warn!(error = %e, "could not sync scheduled events");
                    break;
                }
            }
        }
        tokio::select! {
            () = wake.notified() => {}
            () = tokio::time::sleep(RECHECK) => {}
            _ = stop.changed() => break,
        }
    }
}

/// What a refused event request means for the mirror.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// 403: the bot may not manage events here (Manage Events missing): pause the community.
    NotAllowed,
    /// 404 Unknown Guild (10004): the bot is no longer in the server.
    GuildGone,
    /// 404 on an existing event: it was deleted on Discord; make a new one.
    EventGone,
    /// Discord will refuse this request again until something changes (a 400, the 100-event cap): try
    /// again in a few hours, telling organizers why (in each organizer's language).
    Permanent(Message),
    /// 429, 5xx, a timeout: try again after a backoff.
    Temporary,
}

/// After a settings change or a change of the server's roles (the bot may have been given Manage
/// Events): let the next pass try the guild's paused communities again, at most once per 5 minutes.
pub async fn probe_soon(store: &Store, guild: crate::domain::ids::GuildRef, now: DateTime<Utc>) {
    let pause = Duration::from_std(PAUSE_AFTER_REFUSAL).unwrap_or(Duration::hours(1));
    if let Err(e) = store
        .probe_events_soon(guild, now, Duration::minutes(5), pause)
        .await
    {
        tracing::warn!(error = %e, guild = guild.0, "could not resume the scheduled-event mirror");
    }
}

/// What the gateway says about a guild, as far as the mirror cares.
pub async fn guild_event(store: &Store, clock: &dyn Clock, event: &serenity::FullEvent) {
    use crate::domain::ids::GuildRef;
    let outcome = match event {
        serenity::FullEvent::GuildDelete { incomplete, .. } if !incomplete.unavailable => {
            let guild = incomplete.id.get();
            tracing::info!(
                guild,
                days = crate::store::REMOVED_GRACE_DAYS,
                "removed from a guild: its work stops, its data is kept for the grace period"
            );
            store
                .guild_removed(GuildRef(incomplete.id.get()), clock.now())
                .await
        }
        serenity::FullEvent::GuildCreate { guild, .. } => {
            store.guild_present(GuildRef(guild.id.get())).await
        }
        serenity::FullEvent::GuildRoleUpdate { new, .. } => {
            probe_soon(store, GuildRef(new.guild_id.get()), clock.now()).await;
            Ok(())
        }
        _ => Ok(()),
    };
    if let Err(e) = outcome {
        tracing::warn!(error = %e, "could not record a guild change for the event mirror");
    }
}

/// Classifies a failed event request (`channel`: the voice channel the event is in, if any).
pub fn refusal_of(error: &serenity::Error, had_event: bool, channel: Option<u64>) -> Refusal {
    match error {
        serenity::Error::Http(serenity::HttpError::UnsuccessfulRequest(response)) => classify(
            response.status_code.as_u16(),
            response.error.code as i64,
            &response.error.message,
            had_event,
            channel,
        ),
        _ => Refusal::Temporary,
    }
}

/// What Discord's answer (`status`, its JSON error `code` and `message`) means for the mirror.
pub fn classify(
    status: u16,
    code: i64,
    message: &str,
    had_event: bool,
    channel: Option<u64>,
) -> Refusal {
    match (status, channel) {
        // In a voice channel (with Manage Events known to be granted), a 403 is about that channel (View
        // Channel and Connect there): that one gathering waits, the others go on.
        (403, Some(channel)) => Refusal::Permanent(
            Message::key("mirror-voice-channel-refused").with("channel", format!("<#{channel}>")),
        ),
        (403, None) => Refusal::NotAllowed,
        (404, _) if code == 10004 => Refusal::GuildGone,
        (404, _) if had_event => Refusal::EventGone,
        (400, _) if code == 30038 => Refusal::Permanent(Message::key(TOO_MANY_EVENTS)),
        (400 | 404, _) => Refusal::Permanent(
            Message::key("mirror-event-refused")
                .with("reason", crate::discord::format::cut(message, 200)),
        ),
        _ => Refusal::Temporary,
    }
}

/// When to try a row again after its `attempts`-th failure: 30 s doubling, at most 6 hours.
pub fn retry_after(attempts: i64, refusal: &Refusal) -> Duration {
    match refusal {
        Refusal::Permanent(_) => Duration::hours(6),
        _ => {
            let exponent = attempts.clamp(0, 10) as u32;
            (Duration::seconds(30) * 2_i32.pow(exponent)).min(Duration::hours(6))
        }
    }
}

/// Gatherings looked at per pass.
pub const BATCH: i64 = 50;

/// What one pass did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pass {
    /// Gatherings whose event is now in sync.
    pub synced: usize,
    /// Gatherings looked at (a full [`BATCH`] means more may be waiting).
    pub seen: usize,
}

#[tracing::instrument(skip_all)]
/// One pass: creates, updates or cancels the events of changed gatherings.
/// A row that fails waits out its own backoff; a community refused with 403 is paused for an hour; a guild
/// that removed the bot is left alone; and no guild gets more than its hourly budget of requests.
pub async fn sync_once(
    http: &serenity::Http,
    store: &Store,
    now: DateTime<Utc>,
    budget: &mut GuildBudget,
) -> Result<Pass, StoreError> {
    let work = store
        .event_work(now, now + Duration::days(WINDOW_DAYS), BATCH)
        .await?;
    let mut blocked: HashSet<CommunityId> = HashSet::new();
    let mut gone: HashSet<u64> = HashSet::new();
    let mut languages: HashMap<CommunityId, Lang> = HashMap::new();
    let mut done = 0;
    for item in &work {
        if blocked.contains(&item.community) || gone.contains(&item.guild.0) {
            continue;
        }
        if !budget.take(item.guild.0, now) {
            tracing::warn!(guild = item.guild.0, gathering = %item.gathering, "scheduled-event request held back: the guild's hourly budget is spent");
            // Out of the next passes' way until the budget has had time to refill.
            store.event_later(item, now + Duration::minutes(10)).await?;
            continue;
        }
        let lang = language_of(store, &mut languages, item.community).await?;
        match apply(http, item, lang).await {
            Ok(event) => {
                store.event_synced(item, event).await?;
                if !store.events_still_failing(item.community, now).await? {
                    store.set_events_problem(item.community, None).await?;
                }
                done += 1;
            }
            Err(e) => {
                crate::metrics::METRICS.mirror_failures.inc();
                // A 403 on a voice event is about that channel only when the bot is known to hold Manage
                // Events (interactions announce its permissions); otherwise the community is paused.
                let may_manage = store
                    .bot_permissions(item.community)
                    .await?
                    .is_some_and(|bits| {
                        serenity::Permissions::from_bits_truncate(bits).manage_events()
                    });
                let channel = voice_channel(item.location.as_deref())
                    .map(|c| c.get())
                    .filter(|_| may_manage);
                let refusal = refusal_of(&e, item.event_id.is_some(), channel);
                match &refusal {
                    Refusal::NotAllowed => {
                        tracing::warn!(community = %item.community, "missing Manage Events: scheduled events paused for an hour");
                        let problem = crate::i18n::stored(&Message::key(MISSING_PERMISSION));
                        store
                            .set_events_problem(item.community, Some(&problem))
                            .await?;
                        let pause =
                            Duration::from_std(PAUSE_AFTER_REFUSAL).unwrap_or(Duration::hours(1));
                        store.block_events(item.community, now + pause).await?;
                        blocked.insert(item.community);
                    }
                    Refusal::GuildGone => {
                        tracing::info!(
                            guild = item.guild.0,
                            "the bot is no longer in this guild: its events are left alone"
                        );
                        store.guild_removed(item.guild, now).await?;
                        gone.insert(item.guild.0);
                    }
                    Refusal::EventGone => {
                        tracing::info!(gathering = %item.gathering, "scheduled event was deleted on Discord; recreating");
                        store.event_forgotten(item).await?;
                    }
                    Refusal::Permanent(problem) => {
                        tracing::warn!(gathering = %item.gathering, error = %e, "Discord refused a scheduled event; retrying in hours");
                        let problem = crate::i18n::stored(problem);
                        store
                            .set_events_problem(item.community, Some(&problem))
                            .await?;
                        store
                            .event_failed(item, now + retry_after(item.attempts, &refusal))
                            .await?;
                    }
                    Refusal::Temporary => {
                        let wait = retry_after(item.attempts, &refusal);
                        tracing::warn!(gathering = %item.gathering, error = %e, retry_in_s = wait.num_seconds(), "scheduled event sync failed; will retry");
                        store.event_failed(item, now + wait).await?;
                    }
                }
            }
        }
    }
    Ok(Pass {
        synced: done,
        seen: work.len(),
    })
}

/// The language of `community`'s public texts (its events' places), read once per pass.
async fn language_of(
    store: &Store,
    languages: &mut HashMap<CommunityId, Lang>,
    community: CommunityId,
) -> Result<Lang, StoreError> {
    if let Some(lang) = languages.get(&community) {
        return Ok(*lang);
    }
    let lang = store
        .community(community)
        .await?
        .map(|c| c.settings.language)
        .unwrap_or_default();
    languages.insert(community, lang);
    Ok(lang)
}

async fn apply(
    http: &serenity::Http,
    item: &EventWork,
    lang: Lang,
) -> Result<Option<u64>, serenity::Error> {
    let guild = serenity::GuildId::new(item.guild.0);
    match (item.status.is_on(), item.event_id) {
        (true, None) => {
            let event = guild
                .create_scheduled_event(http, create(item, lang))
                .await?;
            Ok(Some(event.id.get()))
        }
        (true, Some(id)) => {
            guild
                .edit_scheduled_event(http, serenity::ScheduledEventId::new(id), edit(item, lang))
                .await?;
            Ok(Some(id))
        }
        (false, Some(id)) => {
            let cancel = serenity::EditScheduledEvent::new()
                .status(serenity::ScheduledEventStatus::Canceled);
            guild
                .edit_scheduled_event(http, serenity::ScheduledEventId::new(id), cancel)
                .await?;
            Ok(None)
        }
        (false, None) => Ok(None),
    }
}

/// The channel a location written as a channel mention (`<#123>`) names.
pub fn channel_mention(location: &str) -> Option<u64> {
    let id = location
        .trim()
        .strip_prefix("<#")?
        .strip_suffix('>')?
        .parse::<u64>()
        .ok()?;
    (id != 0).then_some(id)
}

/// A location written as a channel mention (`<#123>`) means that voice channel.
fn voice_channel(location: Option<&str>) -> Option<serenity::ChannelId> {
    channel_mention(location?).map(serenity::ChannelId::new)
}

/// The event's location: the gathering's place cut to Discord's 100 characters (the gathering keeps its
/// full text); without one, a pointer to the community's channel in its language.
fn place_text(item: &EventWork, lang: Lang) -> String {
    let place = item
        .location
        .clone()
        .unwrap_or_else(|| crate::tr!(lang, "mirror-event-place"));
    crate::discord::format::cut(&place, LOCATION_CHARS)
}

fn timestamp(t: DateTime<Utc>) -> serenity::Timestamp {
    serenity::Timestamp::from_unix_timestamp(t.timestamp())
        .unwrap_or_else(|_| serenity::Timestamp::now())
}

fn name(item: &EventWork) -> String {
    item.title.chars().take(100).collect()
}

fn create(item: &EventWork, lang: Lang) -> serenity::CreateScheduledEvent<'_> {
    match voice_channel(item.location.as_deref()) {
        Some(channel) => serenity::CreateScheduledEvent::new(
            serenity::ScheduledEventType::Voice,
            name(item),
            timestamp(item.start),
        )
        .channel_id(channel)
        .end_time(timestamp(item.end)),
        None => serenity::CreateScheduledEvent::new(
            serenity::ScheduledEventType::External,
            name(item),
            timestamp(item.start),
        )
        .location(place_text(item, lang))
        .end_time(timestamp(item.end)),
    }
}

fn edit(item: &EventWork, lang: Lang) -> serenity::EditScheduledEvent<'_> {
    let base = serenity::EditScheduledEvent::new()
        .name(name(item))
        .start_time(timestamp(item.start))
        .end_time(timestamp(item.end));
    match voice_channel(item.location.as_deref()) {
        Some(channel) => base
            .kind(serenity::ScheduledEventType::Voice)
            .channel_id(channel),
        None => base
            .kind(serenity::ScheduledEventType::External)
            .location(place_text(item, lang)),
    }
}

/// The HTTP status of a failed Discord call, if it got that far.
pub fn status_of(error: &serenity::Error) -> Option<u16> {
    match error {
        serenity::Error::Http(serenity::HttpError::UnsuccessfulRequest(response)) => {
            Some(response.status_code.as_u16())
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_are_classified_by_status_and_code() {
        assert_eq!(
            classify(403, 50013, "Missing Permissions", false, None),
            Refusal::NotAllowed
        );
        assert!(matches!(
            classify(403, 50001, "Missing Access", false, Some(7)),
            Refusal::Permanent(text) if crate::i18n::render(Lang::En, &text).contains("<#7>")
        ));
        assert_eq!(
            classify(404, 10004, "Unknown Guild", true, None),
            Refusal::GuildGone
        );
        assert_eq!(
            classify(404, 10070, "Unknown Event", true, None),
            Refusal::EventGone
        );
        assert_eq!(
            classify(400, 30038, "Maximum number", false, None),
            Refusal::Permanent(Message::key(TOO_MANY_EVENTS))
        );
        assert!(matches!(
            classify(400, 50035, &"x".repeat(500), false, None),
            Refusal::Permanent(text) if crate::i18n::render(Lang::En, &text).chars().count() < 400
        ));
        for status in [429, 500, 502, 503] {
            assert_eq!(classify(status, 0, "", false, None), Refusal::Temporary);
        }
    }

    #[test]
    fn retries_back_off_from_thirty_seconds_to_six_hours() {
        let temporary = Refusal::Temporary;
        assert_eq!(retry_after(0, &temporary), Duration::seconds(30));
        assert_eq!(retry_after(1, &temporary), Duration::seconds(60));
        assert_eq!(retry_after(5, &temporary), Duration::seconds(960));
        assert_eq!(retry_after(40, &temporary), Duration::hours(6));
        assert_eq!(
            retry_after(0, &Refusal::Permanent(Message::Text(String::new()))),
            Duration::hours(6)
        );
    }

    #[test]
    fn a_guild_gets_at_most_its_hourly_budget_of_requests() {
        let start = DateTime::<Utc>::from_timestamp(1_800_000_000, 0).unwrap_or_default();
        let mut budget = GuildBudget::default();
        let sent = (0..100).filter(|_| budget.take(1, start)).count();
        assert_eq!(sent, GUILD_REQUESTS_PER_HOUR as usize);
        assert!(budget.take(2, start), "another guild has its own budget");
        assert!(!budget.take(1, start + Duration::minutes(59)));
        assert!(
            budget.take(1, start + Duration::minutes(61)),
            "the next hour refills it"
        );
    }
}
