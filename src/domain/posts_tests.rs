//! Planning of automatic posts: offsets, moves, cancellations, settings changes, cron and DST.

use super::*;
use crate::domain::gathering::{GatheringId, Status};
use crate::domain::ids::CommunityId;
use chrono::TimeZone;

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
}

fn gathering(start: DateTime<Utc>) -> Gathering {
    Gathering {
        id: GatheringId(7),
        community: CommunityId(1),
        series: None,
        original_start: start,
        start,
        end: start + Duration::hours(3),
        title: "Session".into(),
        location: None,
        status: Status::Scheduled,
        reason: None,
    }
}

fn keys(posts: &[PlannedPost]) -> Vec<(&str, String, DateTime<Utc>)> {
    posts
        .iter()
        .map(|p| (p.kind.as_str(), p.key.clone(), p.due))
        .collect()
}

#[test]
fn a_gathering_gets_a_reminder_per_offset_prompts_no_reminder_carries_and_the_next_card_at_its_end()
{
    let start = utc(2026, 12, 4, 20, 0);
    let s = start.timestamp();
    let end = (start + Duration::hours(3)).timestamp();
    let posts = plan_for_gathering(
        &gathering(start),
        &ReminderOffsets::parse("7d,1d,2h").unwrap(),
        &RolePrompt::parse("14d,7d,3d", utc(2026, 11, 1, 0, 0)).unwrap(),
        chrono_tz::UTC,
        utc(2026, 11, 1, 0, 0),
    );
    assert_eq!(
        keys(&posts),
        [
            (
                "reminder",
                format!("reminder:7:{s}:10080"),
                utc(2026, 11, 27, 20, 0)
            ),
            (
                "reminder",
                format!("reminder:7:{s}:1440"),
                utc(2026, 12, 3, 20, 0)
            ),
            (
                "reminder",
                format!("reminder:7:{s}:120"),
                utc(2026, 12, 4, 18, 0)
            ),
            // 7 days before is the reminder's instant: the reminder carries that prompt.
            (
                "role_prompt",
                format!("prompt-before:7:{s}:20160"),
                utc(2026, 11, 20, 20, 0)
            ),
            (
                "role_prompt",
                format!("prompt-before:7:{s}:4320"),
                utc(2026, 12, 1, 20, 0)
            ),
            (
                "harvest",
                format!("harvest:7:{end}"),
                utc(2026, 12, 4, 23, 0)
            ),
            (
                "agenda_card",
                format!("card-after:7:{end}"),
                utc(2026, 12, 4, 23, 0)
            ),
        ]
    );
    // A weekly prompt keeps its own clock: nothing per gathering.
    let weekly = plan_for_gathering(
        &gathering(start),
        &ReminderOffsets::parse("7d,1d,2h").unwrap(),
        &RolePrompt::default_prompt(),
        chrono_tz::UTC,
        utc(2026, 11, 20, 0, 0),
    );
    assert!(weekly.iter().all(|p| p.kind != PostKind::RolePrompt));
    assert_eq!(weekly.len(), 5);
    // Which reminders carry a prompt, and which clock prompts a reminder carries.
    let tz = chrono_tz::America::New_York;
    let before = RolePrompt::parse("14d,7d,3d", utc(2026, 11, 1, 0, 0)).unwrap();
    assert!(before.fires_at(start, utc(2026, 11, 27, 20, 0), tz));
    assert!(!before.fires_at(start, utc(2026, 12, 3, 20, 0), tz));
    // Friday 4 Dec 15:00 EST is 20:00 UTC; a Friday 15:00 prompt a week before lands with the 7d reminder.
    let friday = RolePrompt::parse("fri 15:00", utc(2026, 11, 1, 0, 0)).unwrap();
    assert!(friday.fires_at(start, utc(2026, 11, 27, 20, 0), tz));
    let offsets = ReminderOffsets::parse("7d,1d,2h").unwrap();
    assert!(prompt_merged_into_reminder(
        &offsets,
        start,
        utc(2026, 11, 27, 20, 0),
        tz
    ));
    assert!(!prompt_merged_into_reminder(
        &offsets,
        start,
        utc(2026, 11, 27, 21, 0),
        tz
    ));
}

#[test]
fn offsets_already_past_are_not_planned_and_prompts_off_means_none() {
    let start = utc(2026, 12, 4, 20, 0);
    let posts = plan_for_gathering(
        &gathering(start),
        &ReminderOffsets::parse("7d,1d").unwrap(),
        &RolePrompt::Off,
        chrono_tz::UTC,
        utc(2026, 12, 1, 0, 0),
    );
    let kinds: Vec<&str> = posts.iter().map(|p| p.kind.as_str()).collect();
    assert_eq!(
        kinds,
        ["reminder", "harvest", "agenda_card"],
        "only the 1d reminder is still ahead; no prompt"
    );
    let none = plan_for_gathering(
        &gathering(start),
        &ReminderOffsets::parse("off").unwrap(),
        &RolePrompt::Off,
        chrono_tz::UTC,
        utc(2026, 12, 1, 0, 0),
    );
    assert_eq!(
        none.len(),
        2,
        "with reminders off only the harvest prompt and the next card remain"
    );
}

#[test]
fn a_moved_gathering_gets_new_keys_and_a_cancelled_one_gets_none() {
    let now = utc(2026, 11, 1, 0, 0);
    let offsets = ReminderOffsets::parse("1d").unwrap();
    let before = plan_for_gathering(
        &gathering(utc(2026, 12, 4, 20, 0)),
        &offsets,
        &RolePrompt::Off,
        chrono_tz::UTC,
        now,
    );
    let mut moved = gathering(utc(2026, 12, 11, 20, 0));
    moved.status = Status::Moved;
    let after = plan_for_gathering(&moved, &offsets, &RolePrompt::Off, chrono_tz::UTC, now);
    assert_ne!(before[0].key, after[0].key);
    assert_eq!(after[0].due, utc(2026, 12, 10, 20, 0));
    let mut cancelled = gathering(utc(2026, 12, 4, 20, 0));
    cancelled.status = Status::Cancelled;
    assert!(plan_for_gathering(
        &cancelled,
        &offsets,
        &RolePrompt::default_prompt(),
        chrono_tz::UTC,
        now
    )
    .is_empty());
}

#[test]
fn a_settings_change_changes_the_planned_set() {
    let g = gathering(utc(2026, 12, 4, 20, 0));
    let now = utc(2026, 11, 1, 0, 0);
    let a = plan_for_gathering(
        &g,
        &ReminderOffsets::parse("7d,1d").unwrap(),
        &RolePrompt::Off,
        chrono_tz::UTC,
        now,
    );
    let b = plan_for_gathering(
        &g,
        &ReminderOffsets::parse("1d,15m").unwrap(),
        &RolePrompt::Off,
        chrono_tz::UTC,
        now,
    );
    let a_keys: Vec<_> = a.iter().map(|p| p.key.as_str()).collect();
    let b_keys: Vec<_> = b.iter().map(|p| p.key.as_str()).collect();
    assert!(
        a_keys.contains(&b_keys[0]),
        "the 1d reminder is the same post in both"
    );
    assert!(!a_keys.contains(&b_keys[1]), "15m is new");
    assert!(!b_keys.iter().any(|k| k.ends_with(":10080")), "7d is gone");
}

#[test]
fn role_prompts_follow_the_cron_in_local_time_across_dst() {
    let ny = chrono_tz::America::New_York;
    let monday_ten = RolePrompt::parse("0 0 10 * * Mon", utc(2026, 1, 1, 0, 0)).unwrap();
    // Mon 2 Mar 10:00 EST = 15:00 UTC; Mon 9 Mar 10:00 EDT = 14:00 UTC.
    let first = next_role_prompt(1, &monday_ten, ny, utc(2026, 3, 1, 0, 0)).unwrap();
    assert_eq!(first.due, utc(2026, 3, 2, 15, 0));
    let second = next_role_prompt(1, &monday_ten, ny, first.due).unwrap();
    assert_eq!(second.due, utc(2026, 3, 9, 14, 0));
    assert_eq!(second.key, "prompt:1:2026-03-09T10:00:00");
}

#[test]
fn a_prompt_at_a_skipped_local_time_still_fires_and_a_repeated_one_fires_once() {
    let ny = chrono_tz::America::New_York;
    let sunday_230 = RolePrompt::parse("0 30 2 * * Sun", utc(2026, 1, 1, 0, 0)).unwrap();
    // 8 Mar 2026: 02:30 does not exist in New York; the prompt fires at 03:30 EDT (07:30 UTC).
    let skipped = next_role_prompt(1, &sunday_230, ny, utc(2026, 3, 7, 0, 0)).unwrap();
    assert_eq!(skipped.due, utc(2026, 3, 8, 7, 30));
    let sunday_130 = RolePrompt::parse("0 30 1 * * Sun", utc(2026, 1, 1, 0, 0)).unwrap();
    // 1 Nov 2026: 01:30 happens twice; the prompt fires at the first (EDT, 05:30 UTC) and next on 8 Nov.
    let once = next_role_prompt(1, &sunday_130, ny, utc(2026, 10, 31, 0, 0)).unwrap();
    assert_eq!(once.due, utc(2026, 11, 1, 5, 30));
    let after = next_role_prompt(1, &sunday_130, ny, once.due).unwrap();
    assert_eq!(
        after.due,
        utc(2026, 11, 8, 6, 30),
        "not again at 06:30 UTC on 1 Nov (the repeated 01:30)"
    );
    assert_eq!(next_role_prompt(1, &RolePrompt::Off, ny, once.due), None);
}

#[test]
fn late_posts_are_marked_and_posts_for_started_gatherings_are_dropped() {
    let planned = utc(2026, 12, 1, 10, 0);
    let start = Some(utc(2026, 12, 1, 12, 0));
    assert_eq!(
        delivery(planned, start, planned + Duration::seconds(5)),
        Delivery::Send { late: false }
    );
    assert_eq!(
        delivery(planned, start, planned + Duration::minutes(30)),
        Delivery::Send { late: true }
    );
    assert_eq!(
        delivery(planned, start, utc(2026, 12, 1, 12, 0)),
        Delivery::Drop
    );
    assert_eq!(
        delivery(planned, None, planned + Duration::days(1)),
        Delivery::Send { late: true }
    );
}

#[test]
fn backoff_grows_exponentially_with_jitter_and_is_capped() {
    let base = Duration::seconds(2);
    assert_eq!(backoff(1, 1.0, base), Duration::seconds(2));
    assert_eq!(backoff(3, 1.0, base), Duration::seconds(8));
    assert_eq!(backoff(3, 0.5, base), Duration::seconds(4));
    assert_eq!(backoff(30, 1.0, base), Duration::seconds(600));
    assert!(backoff(30, 1.49, base) < Duration::seconds(900));
    assert_eq!(
        backoff(2, 1.0, Duration::milliseconds(100)),
        Duration::milliseconds(200)
    );
}

#[test]
fn failures_are_classified_by_kind_status_and_the_wait_asked_for() {
    use super::{on_failure, OnFailure};
    let card = PostKind::AgendaCard;
    let dm = PostKind::DmReminder;
    assert_eq!(
        on_failure(card, Some(429), Some(2.5)),
        OnFailure::WaitAsAsked(Duration::milliseconds(2500))
    );
    assert_eq!(
        on_failure(card, Some(429), Some(1e9)),
        OnFailure::WaitAsAsked(Duration::hours(1))
    );
    assert_eq!(on_failure(card, Some(429), None), OnFailure::Backoff);
    for status in [None, Some(500), Some(502), Some(503)] {
        assert_eq!(
            on_failure(card, status, None),
            OnFailure::Backoff,
            "{status:?}"
        );
        assert_eq!(
            on_failure(dm, status, None),
            OnFailure::Backoff,
            "{status:?}"
        );
    }
    assert_eq!(
        on_failure(card, Some(403), None),
        OnFailure::ChannelUnreachable
    );
    assert_eq!(
        on_failure(card, Some(404), None),
        OnFailure::ChannelUnreachable
    );
    assert_eq!(on_failure(card, Some(400), None), OnFailure::Refused);
    for status in [400, 403, 404] {
        assert_eq!(
            on_failure(dm, Some(status), None),
            OnFailure::DmUndeliverable
        );
    }
    assert_eq!(
        on_failure(dm, Some(429), Some(1.0)),
        OnFailure::WaitAsAsked(Duration::seconds(1))
    );
}

#[test]
fn days_before_keep_the_wall_clock_time_across_dst_and_hours_are_exact() {
    let toronto = chrono_tz::America::Toronto;
    // Fri 19 Mar 2027, 13:00 EDT (17:00 UTC); clocks went forward on 14 Mar.
    let start = utc(2027, 3, 19, 17, 0);
    let posts = plan_for_gathering(
        &gathering(start),
        &ReminderOffsets::parse("7d,2h").unwrap(),
        &RolePrompt::parse("14d,7d", utc(2027, 1, 1, 0, 0)).unwrap(),
        toronto,
        utc(2027, 1, 1, 0, 0),
    );
    let due: Vec<(&str, DateTime<Utc>)> = posts
        .iter()
        .filter(|p| p.kind != PostKind::Harvest && p.kind != PostKind::AgendaCard)
        .map(|p| (p.kind.as_str(), p.due))
        .collect();
    assert_eq!(
        due,
        [
            // 12 Mar, 13:00 EST is 18:00 UTC: a week before at the gathering's own time of day.
            ("reminder", utc(2027, 3, 12, 18, 0)),
            ("reminder", utc(2027, 3, 19, 15, 0)),
            // 5 Mar, 13:00 EST; the 7-day prompt is the 7-day reminder's (it carries it).
            ("role_prompt", utc(2027, 3, 5, 18, 0)),
        ]
    );
    let prompt = RolePrompt::parse("14d,7d", utc(2027, 1, 1, 0, 0)).unwrap();
    assert!(prompt.fires_at(start, utc(2027, 3, 12, 18, 0), toronto));
    assert!(!prompt.fires_at(start, utc(2027, 3, 12, 17, 0), toronto));
    // Fall back (7 Nov 2027): Fri 12 Nov 13:00 EST is 18:00 UTC; a week before is 13:00 EDT, 17:00 UTC.
    assert_eq!(
        before(utc(2027, 11, 12, 18, 0), Duration::days(7), toronto),
        utc(2027, 11, 5, 17, 0)
    );
}
