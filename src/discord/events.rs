//! Mirrors gatherings as Discord scheduled events (the server's Events tab): those starting in the next
//! 35 days are created, updated when moved, and cancelled when cancelled. Runs beside the bot, woken after
//! each change and every few minutes; failures are retried on the next pass and never block a command.
//! A missing Manage Events permission is recorded for organizers.

use crate::clock::Clock;
use crate::domain::ids::CommunityId;
use crate::store::{EventWork, Store, StoreError};
use chrono::{DateTime, Duration, Utc};
use poise::serenity_prelude as serenity;
use std::collections::HashSet;
use std::sync::Arc;
use tokio::sync::{watch, Notify};

/// Gatherings starting within this many days are mirrored (Discord caps a guild at 100 events).
pub const WINDOW_DAYS: i64 = 35;
/// How often the task looks again without being woken.
pub const RECHECK: std::time::Duration = std::time::Duration::from_secs(300);
/// What organizers are told when the bot may not manage events.
pub const MISSING_PERMISSION: &str = "I could not add your gatherings to the server's Events tab: I need the \
     **Manage Events** permission. Give it to my role (Server Settings → Roles), and the events appear within \
     a few minutes.";

/// Runs until `stop` changes: extend series horizons, then sync events; sleep until woken or `RECHECK`.
pub async fn mirror_loop(
    http: Arc<serenity::Http>,
    store: Store,
    clock: Arc<dyn Clock>,
    wake: Arc<Notify>,
    mut stop: watch::Receiver<bool>,
) {
    loop {
        let now = clock.now();
        if let Err(e) = store.extend_all_horizons(now).await {
            tracing::warn!(error = %e, "could not extend series horizons");
        }
        match sync_once(&http, &store, now).await {
            Ok(0) => {}
            Ok(done) => tracing::debug!(done, "scheduled events synced"),
            Err(e) => tracing::warn!(error = %e, "could not sync scheduled events"),
        }
        tokio::select! {
            () = wake.notified() => {}
            () = tokio::time::sleep(RECHECK) => {}
            _ = stop.changed() => break,
        }
    }
}

/// One pass: creates, updates or cancels the events of changed gatherings. Returns how many were synced.
pub async fn sync_once(
    http: &serenity::Http,
    store: &Store,
    now: DateTime<Utc>,
) -> Result<usize, StoreError> {
    let work = store
        .event_work(now, now + Duration::days(WINDOW_DAYS), 50)
        .await?;
    let mut blocked: HashSet<CommunityId> = HashSet::new();
    let mut done = 0;
    for item in &work {
        if blocked.contains(&item.community) {
            continue;
        }
        match apply(http, item).await {
            Ok(event) => {
                store.event_synced(item, event).await?;
                store.set_events_problem(item.community, None).await?;
                done += 1;
            }
            Err(e) => match status_of(&e) {
                Some(403) => {
                    tracing::warn!(community = %item.community, "missing Manage Events: scheduled events paused");
                    store
                        .set_events_problem(item.community, Some(MISSING_PERMISSION))
                        .await?;
                    blocked.insert(item.community);
                }
                Some(404) if item.event_id.is_some() => {
                    tracing::info!(gathering = %item.gathering, "scheduled event was deleted on Discord; recreating");
                    store.event_forgotten(item).await?;
                }
                _ => {
                    tracing::warn!(gathering = %item.gathering, error = %e, "scheduled event sync failed; will retry")
                }
            },
        }
    }
    Ok(done)
}

async fn apply(http: &serenity::Http, item: &EventWork) -> Result<Option<u64>, serenity::Error> {
    let guild = serenity::GuildId::new(item.guild.0);
    match (item.status.is_on(), item.event_id) {
        (true, None) => {
            let event = guild.create_scheduled_event(http, create(item)).await?;
            Ok(Some(event.id.get()))
        }
        (true, Some(id)) => {
            guild
                .edit_scheduled_event(http, serenity::ScheduledEventId::new(id), edit(item))
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

/// A location written as a channel mention (`<#123>`) means that voice channel.
fn voice_channel(location: Option<&str>) -> Option<serenity::ChannelId> {
    let id = location?
        .trim()
        .strip_prefix("<#")?
        .strip_suffix('>')?
        .parse::<u64>()
        .ok()?;
    (id != 0).then(|| serenity::ChannelId::new(id))
}

fn place_text(item: &EventWork) -> String {
    item.location
        .clone()
        .unwrap_or_else(|| "See the community's channel".to_owned())
}

fn timestamp(t: DateTime<Utc>) -> serenity::Timestamp {
    serenity::Timestamp::from_unix_timestamp(t.timestamp())
        .unwrap_or_else(|_| serenity::Timestamp::now())
}

fn name(item: &EventWork) -> String {
    item.title.chars().take(100).collect()
}

fn create(item: &EventWork) -> serenity::CreateScheduledEvent<'_> {
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
        .location(place_text(item))
        .end_time(timestamp(item.end)),
    }
}

fn edit(item: &EventWork) -> serenity::EditScheduledEvent<'_> {
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
            .location(place_text(item)),
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
