//! What the bot posts on its own, and when: reminders at each offset before a gathering, a role prompt at
//! the first offset and on the community's cron, and the agenda card after a series is scheduled and
//! after each gathering ends. Pure planning: the store makes each post happen exactly once.

use super::gathering::Gathering;
use super::recurrence::local_to_utc;
use super::reminders::ReminderOffsets;
use super::role_prompt::RolePrompt;
use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use std::fmt;

/// Kinds of automatic posts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PostKind {
    /// "Coming up: …" at an offset before a gathering.
    Reminder,
    /// "Still open for …" with claim buttons.
    RolePrompt,
    /// The agenda card of the next gathering.
    AgendaCard,
    /// "Were you there?" when a gathering ends.
    Harvest,
    /// A reminder by DM to one member who answered going (when the community opts in).
    DmReminder,
    /// A gathering was moved or cancelled (its text is fixed when planned).
    ChangeNotice,
}

impl PostKind {
    /// Stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            PostKind::Reminder => "reminder",
            PostKind::RolePrompt => "role_prompt",
            PostKind::AgendaCard => "agenda_card",
            PostKind::Harvest => "harvest",
            PostKind::DmReminder => "dm_reminder",
            PostKind::ChangeNotice => "change_notice",
        }
    }
    /// From the stored form.
    pub fn parse(text: &str) -> Option<PostKind> {
        [
            PostKind::Reminder,
            PostKind::RolePrompt,
            PostKind::AgendaCard,
            PostKind::Harvest,
            PostKind::DmReminder,
            PostKind::ChangeNotice,
        ]
        .into_iter()
        .find(|k| k.as_str() == text)
    }
}

impl fmt::Display for PostKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A post to make, identified by a key that is unique per (kind, gathering, offset or fire time).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedPost {
    /// What it is.
    pub kind: PostKind,
    /// Idempotency key: planning the same post twice yields one row.
    pub key: String,
    /// When it is due.
    pub due: DateTime<Utc>,
}

/// The posts a gathering should have, given the community's settings: one reminder per offset whose time
/// is still ahead, a role prompt at the first (longest) offset unless prompts are off, and the agenda card
/// of the next gathering when this one ends. Keys carry the start, so a moved gathering gets new posts.
pub fn plan_for_gathering(
    gathering: &Gathering,
    reminders: &ReminderOffsets,
    prompt: &RolePrompt,
    now: DateTime<Utc>,
) -> Vec<PlannedPost> {
    if !gathering.status.is_on() || gathering.end <= now {
        return Vec::new();
    }
    let (id, start) = (gathering.id.0, gathering.start.timestamp());
    let mut posts: Vec<PlannedPost> = reminders
        .durations()
        .map(|offset| (offset, gathering.start - offset))
        .filter(|(_, due)| *due > now)
        .map(|(offset, due)| PlannedPost {
            kind: PostKind::Reminder,
            key: format!("reminder:{id}:{start}:{}", offset.num_minutes()),
            due,
        })
        .collect();
    if !matches!(prompt, RolePrompt::Off) {
        if let Some(first) = reminders.durations().next() {
            let due = gathering.start - first;
            if due > now {
                posts.push(PlannedPost {
                    kind: PostKind::RolePrompt,
                    key: format!("prompt-offset:{id}:{start}"),
                    due,
                });
            }
        }
    }
    posts.push(PlannedPost {
        kind: PostKind::Harvest,
        key: format!("harvest:{id}:{}", gathering.end.timestamp()),
        due: gathering.end,
    });
    posts.push(PlannedPost {
        kind: PostKind::AgendaCard,
        key: format!("card-after:{id}:{}", gathering.end.timestamp()),
        due: gathering.end,
    });
    posts
}

/// The next role prompt on the community's cron, strictly after `now`, with DST guarded: the cron is read
/// on the local wall clock, so a fire time skipped by spring-forward still fires (moved on by the gap)
/// and one repeated by fall-back fires once. The key names the local time, so it is planned once.
pub fn next_role_prompt(
    community: i64,
    prompt: &RolePrompt,
    zone: Tz,
    now: DateTime<Utc>,
) -> Option<PlannedPost> {
    let RolePrompt::Cron { schedule, .. } = prompt else {
        return None;
    };
    // Evaluate the cron on naive local time (as if the zone had no DST), then map back to an instant.
    let local_now = now.with_timezone(&zone).naive_local();
    let mut probe = local_now;
    for _ in 0..8 {
        let next_local = schedule.after(&probe.and_utc()).next()?.naive_utc();
        let due = local_to_utc(next_local, zone);
        if due > now {
            return Some(PlannedPost {
                kind: PostKind::RolePrompt,
                key: format!(
                    "prompt:{community}:{}",
                    next_local.format("%Y-%m-%dT%H:%M:%S")
                ),
                due,
            });
        }
        probe = next_local;
    }
    None
}

/// What to do with a post that is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    /// Send it (marked "(late)" when it is more than a minute behind).
    Send {
        /// More than a minute late.
        late: bool,
    },
    /// Too late to be useful: its gathering has started. Drop it with a log line.
    Drop,
}

/// How late is too late: a post is "(late)" after this.
pub const LATE_AFTER_SECONDS: i64 = 60;

/// Decides whether a due post is still worth sending.
pub fn delivery(
    planned: DateTime<Utc>,
    gathering_start: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Delivery {
    match gathering_start {
        Some(start) if now >= start => Delivery::Drop,
        _ => Delivery::Send {
            late: now - planned > Duration::seconds(LATE_AFTER_SECONDS),
        },
    }
}

/// Exponential backoff with jitter for temporary failures: `base`, 2×, 4× … capped at 10 minutes, times a
/// jitter factor in [0.5, 1.5) supplied by the caller (so this stays pure and testable).
pub fn backoff(attempts: u32, jitter: f64, base: Duration) -> Duration {
    let factor = 2f64.powi(attempts.clamp(1, 30) as i32 - 1);
    let millis = (base.num_milliseconds() as f64 * factor).min(600_000.0);
    Duration::milliseconds((millis * jitter.clamp(0.5, 1.5)) as i64)
}

#[cfg(test)]
#[path = "posts_tests.rs"]
mod tests;
