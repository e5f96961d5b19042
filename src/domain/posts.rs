//! What the bot posts on its own, and when: reminders at each offset before a gathering, role prompts
//! before it or on the community's weekly clock (a reminder due at the same instant carries the prompt:
//! one message, not two), and the agenda card after a series is scheduled and after each gathering ends.
//! Pure planning: the store makes each post happen exactly once.

use super::gathering::Gathering;
use super::post_key::PostKey;
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
    /// The gathering's living card is edited to show its agenda now (no new message).
    CardEdit,
    /// An older card of a gathering becomes a short stub linking to the newer one (no new message).
    CardStub,
}

impl PostKind {
    /// The kinds planned from a gathering's time: planned again after a move, dropped on a cancel
    /// (a DM reminder checks the gathering when it is sent; a change notice is about the change).
    pub const REPLANNED: [PostKind; 4] = [
        PostKind::Reminder,
        PostKind::RolePrompt,
        PostKind::Harvest,
        PostKind::AgendaCard,
    ];

    /// As stored in the database, e.g. `role_prompt`.
    pub fn as_str(self) -> &'static str {
        match self {
            PostKind::Reminder => "reminder",
            PostKind::RolePrompt => "role_prompt",
            PostKind::AgendaCard => "agenda_card",
            PostKind::Harvest => "harvest",
            PostKind::DmReminder => "dm_reminder",
            PostKind::ChangeNotice => "change_notice",
            PostKind::CardEdit => "card_edit",
            PostKind::CardStub => "card_stub",
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
            PostKind::CardEdit,
            PostKind::CardStub,
        ]
        .into_iter()
        .find(|k| k.as_str() == text)
    }
}

impl PostKind {
    /// Edits of a message already in the channel: no new message, no nonce, nothing to look for.
    pub fn edits(self) -> bool {
        matches!(self, PostKind::CardEdit | PostKind::CardStub)
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
    /// What kind of post: reminder, role prompt, agenda card, harvest, DM or notice.
    pub kind: PostKind,
    /// Idempotency key: planning the same post twice yields one row.
    pub key: String,
    /// When it is due.
    pub due: DateTime<Utc>,
}

/// The posts a gathering should have, given the community's settings: one reminder per offset whose time
/// is still ahead, a role prompt at each of the prompt's offsets (when it has some) that no reminder
/// already carries, and the agenda card
/// of the next gathering when this one ends. Keys carry the start, so a moved gathering gets new posts.
pub fn plan_for_gathering(
    gathering: &Gathering,
    reminders: &ReminderOffsets,
    prompt: &RolePrompt,
    zone: Tz,
    now: DateTime<Utc>,
) -> Vec<PlannedPost> {
    if !gathering.status.is_on() || gathering.end <= now {
        return Vec::new();
    }
    let start = gathering.start.timestamp();
    let mut posts: Vec<PlannedPost> = reminders
        .durations()
        .map(|offset| (offset, before(gathering.start, offset, zone)))
        .filter(|(_, due)| *due > now)
        .map(|(offset, due)| PlannedPost {
            kind: PostKind::Reminder,
            key: PostKey::Reminder {
                gathering: gathering.id,
                start,
                offset_minutes: offset.num_minutes(),
            }
            .to_string(),
            due,
        })
        .collect();
    // Prompts before the gathering; at the offset of a reminder, the reminder carries the prompt
    // (one message, not two at the same instant). Weekly and cron prompts keep their own clock.
    if let RolePrompt::Before(offsets) = prompt {
        for offset in offsets.durations() {
            let due = before(gathering.start, offset, zone);
            if due > now && !reminders.durations().any(|r| r == offset) {
                posts.push(PlannedPost {
                    kind: PostKind::RolePrompt,
                    key: PostKey::PromptBefore {
                        gathering: gathering.id,
                        start,
                        offset_minutes: offset.num_minutes(),
                    }
                    .to_string(),
                    due,
                });
            }
        }
    }
    posts.push(PlannedPost {
        kind: PostKind::Harvest,
        key: PostKey::Harvest {
            gathering: gathering.id,
            end: gathering.end.timestamp(),
        }
        .to_string(),
        due: gathering.end,
    });
    posts.push(PlannedPost {
        kind: PostKind::AgendaCard,
        key: PostKey::CardAfter {
            gathering: gathering.id,
            end: gathering.end.timestamp(),
        }
        .to_string(),
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
    let schedule = prompt.schedule()?;
    // Evaluate the cron on naive local time (as if the zone had no DST), then map back to an instant.
    let local_now = now.with_timezone(&zone).naive_local();
    let mut probe = local_now;
    for _ in 0..8 {
        let next_local = schedule.after(&probe.and_utc()).next()?.naive_utc();
        let due = local_to_utc(next_local, zone);
        if due > now {
            return Some(PlannedPost {
                kind: PostKind::RolePrompt,
                key: PostKey::PromptOnCron {
                    community,
                    local: next_local,
                }
                .to_string(),
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

/// The HTTP statuses a failed post is judged by.
pub mod status {
    /// The bot may not post there (access lost).
    pub const FORBIDDEN: u16 = 403;
    /// The channel (or DM) is gone.
    pub const NOT_FOUND: u16 = 404;
    /// Rate limited: Discord says how long to wait.
    pub const TOO_MANY_REQUESTS: u16 = 429;
}

/// What to do after a failed attempt to post.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum OnFailure {
    /// A 429: try again after exactly what Discord asked (capped at an hour).
    WaitAsAsked(Duration),
    /// A temporary failure (5xx, a timeout, no answer, a 429 without a wait): back off and retry.
    Backoff,
    /// A DM that cannot be delivered (closed DMs, error 50007, or any other refusal): noted, not retried.
    DmUndeliverable,
    /// The community's channel cannot be posted in (403, 404): drop and tell organizers.
    ChannelUnreachable,
    /// The message a card edit was for is gone (deleted by someone: 404) or out of reach (403):
    /// forget it, drop the edit.
    MessageGone,
    /// Discord refused this post for good (another 4xx): drop it with a log line.
    Refused,
}

/// Classifies a failed attempt to post by its kind, the HTTP status (none when no answer came) and the
/// wait a 429 asked for.
pub fn on_failure(kind: PostKind, http_status: Option<u16>, retry_after: Option<f64>) -> OnFailure {
    let refused = |s: u16| (400..500).contains(&s) && s != status::TOO_MANY_REQUESTS;
    match http_status {
        Some(s) if kind == PostKind::DmReminder && refused(s) => OnFailure::DmUndeliverable,
        // An edit of a message that is gone, or that the bot may no longer see: forget the card
        // rather than try again after every change.
        Some(status::NOT_FOUND | status::FORBIDDEN) if kind.edits() => OnFailure::MessageGone,
        Some(status::FORBIDDEN | status::NOT_FOUND) => OnFailure::ChannelUnreachable,
        Some(s) if refused(s) => OnFailure::Refused,
        Some(status::TOO_MANY_REQUESTS) => match retry_after {
            Some(seconds) => {
                let seconds = seconds.clamp(0.0, 3600.0);
                OnFailure::WaitAsAsked(Duration::milliseconds((seconds * 1000.0).ceil() as i64))
            }
            None => OnFailure::Backoff,
        },
        _ => OnFailure::Backoff,
    }
}

#[cfg(test)]
#[path = "posts_tests.rs"]
mod tests;

/// Whether a weekly or cron prompt due at `at`, about the gathering starting at `start`, is carried by
/// a reminder of that gathering due at the same instant (within a minute).
pub fn prompt_merged_into_reminder(
    reminders: &ReminderOffsets,
    start: DateTime<Utc>,
    at: DateTime<Utc>,
    zone: Tz,
) -> bool {
    reminders
        .durations()
        .any(|o| (before(start, o, zone) - at).num_seconds().abs() < 60)
}

/// When a post `offset` before `start` is due. Whole days keep the wall-clock time in `zone` ("7 days
/// before" a 13:00 gathering is 13:00, also across a DST change); hours and minutes are exact.
pub fn before(start: DateTime<Utc>, offset: Duration, zone: Tz) -> DateTime<Utc> {
    let minutes = offset.num_minutes();
    if minutes > 0 && minutes % (24 * 60) == 0 {
        let local = start.with_timezone(&zone).naive_local() - Duration::days(minutes / (24 * 60));
        local_to_utc(local, zone)
    } else {
        start - offset
    }
}
