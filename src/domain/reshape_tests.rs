use super::*;
use crate::domain::gathering::{GatheringId, SeriesId};
use crate::domain::ids::CommunityId;
use chrono::TimeZone;

const ZONE: Tz = chrono_tz::America::Toronto;

fn local(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
    ZONE.with_ymd_and_hms(y, m, d, h, 0, 0)
        .single()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_default()
}

fn row(id: i64, start: DateTime<Utc>, status: Status) -> Gathering {
    Gathering {
        id: GatheringId(id),
        community: CommunityId(1),
        series: Some(SeriesId(1)),
        original_start: start,
        start,
        end: start + Duration::hours(3),
        title: "Practice".to_owned(),
        location: Some("Room 1".to_owned()),
        status,
        reason: None,
    }
}

#[test]
fn first_fridays_to_second_thursdays_keep_only_the_shared_dates() {
    // First Fridays of 2027 from February: 5 Feb, 5 Mar, 2 Apr. Second Thursdays: 11 Feb, 11 Mar, 8 Apr.
    // A row on 11 Mar? None: no date is shared, so all three vanish and three are added.
    let rows = [
        row(1, local(2027, 2, 5, 13), Status::Scheduled),
        row(2, local(2027, 3, 5, 13), Status::Scheduled),
        row(3, local(2027, 4, 2, 13), Status::Cancelled),
    ];
    let new = [
        local(2027, 2, 11, 13),
        local(2027, 3, 11, 13),
        local(2027, 4, 8, 13),
    ];
    let plan = reshape(&rows, &new, Duration::hours(3), &NewValues::default(), ZONE);
    assert!(plan.continuing.is_empty());
    let ids = |v: &[Gathering]| v.iter().map(|g| g.id.0).collect::<Vec<_>>();
    assert_eq!(ids(&plan.vanishing), [1, 2]);
    assert_eq!(ids(&plan.dropped), [3], "a cancelled date vanishes quietly");
    assert_eq!(plan.added, new);
}

#[test]
fn a_shared_date_keeps_its_row_a_moved_one_keeps_its_day_and_a_new_time_reaches_both() {
    let mut moved = row(2, local(2027, 3, 4, 13), Status::Moved);
    moved.start = local(2027, 3, 6, 10); // moved by hand to Saturday morning
    moved.end = moved.start + Duration::hours(2);
    let rows = [row(1, local(2027, 2, 4, 13), Status::Scheduled), moved];
    // Same Thursdays, new time 18:00 for 90 minutes.
    let new = [local(2027, 2, 4, 18), local(2027, 3, 4, 18)];
    let values = NewValues {
        title: Some("Evening practice".to_owned()),
        location: Some(None),
        time: Some((
            NaiveTime::from_hms_opt(18, 0, 0).unwrap_or_default(),
            Duration::minutes(90),
        )),
    };
    let plan = reshape(&rows, &new, Duration::minutes(90), &values, ZONE);
    assert!(plan.vanishing.is_empty() && plan.dropped.is_empty() && plan.added.is_empty());
    let [first, second] = plan.continuing.as_slice() else {
        panic!("{plan:?}");
    };
    assert_eq!((first.start, first.original_start), (new[0], new[0]));
    assert_eq!(first.end - first.start, Duration::minutes(90));
    assert_eq!(
        second.start,
        local(2027, 3, 6, 18),
        "the moved one keeps its Saturday"
    );
    assert_eq!(second.original_start, new[1]);
    assert!(first.time_changed() && first.place_changed() && first.changed());
    assert_eq!(first.title, "Evening practice");
    assert_eq!(first.location, None);
}

#[test]
fn without_new_values_a_moved_gathering_keeps_its_times_and_an_unchanged_one_is_unchanged() {
    let mut moved = row(2, local(2027, 3, 4, 13), Status::Moved);
    moved.start = local(2027, 3, 6, 10);
    let rows = [
        row(1, local(2027, 2, 4, 13), Status::Scheduled),
        moved.clone(),
    ];
    let new = [
        local(2027, 2, 4, 13),
        local(2027, 3, 4, 13),
        local(2027, 4, 1, 13),
    ];
    let plan = reshape(&rows, &new, Duration::hours(3), &NewValues::default(), ZONE);
    assert!(!plan.continuing[0].changed());
    assert_eq!(
        (plan.continuing[1].start, plan.continuing[1].end),
        (moved.start, moved.end)
    );
    assert_eq!(plan.added, [local(2027, 4, 1, 13)]);
}

#[test]
fn dates_are_matched_in_the_community_zone_not_in_utc() {
    // 20:00 in Toronto is already the next day in UTC; the new rule at 21:00 is the same local day.
    let rows = [row(1, local(2027, 2, 4, 20), Status::Scheduled)];
    let new = [local(2027, 2, 4, 21)];
    let plan = reshape(&rows, &new, Duration::hours(1), &NewValues::default(), ZONE);
    assert_eq!(plan.continuing.len(), 1);
    assert!(plan.vanishing.is_empty());
}
