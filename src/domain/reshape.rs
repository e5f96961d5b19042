//! Changing a series from one of its dates on — `/gathering edit … apply_to:this-and-following` and
//! `/gathering reschedule` — as a plan on plain values: which gatherings continue on the new rule
//! (keeping their row, and so their claims and answers), which dates vanish, and which new dates are
//! added. A gathering continues when the new rule has a date on the same local day as the one its
//! series gave it.

use super::gathering::{Gathering, Status};
use super::recurrence::local_to_utc;
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use std::collections::BTreeMap;

/// What every continuing gathering takes; `None` leaves each with its own.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewValues {
    /// A new title (cleaned).
    pub title: Option<String>,
    /// A new place; `Some(None)` removes it.
    pub location: Option<Option<String>>,
    /// A new local start time and length. Scheduled dates take the rule's start anyway; a gathering
    /// moved by hand keeps its own day and takes these on it (without them it keeps its times).
    pub time: Option<(NaiveTime, Duration)>,
}

/// A gathering that goes on in the changed series, with the values it gets.
#[derive(Debug, Clone, PartialEq)]
pub struct Continuing {
    /// The gathering as it was.
    pub before: Gathering,
    /// The start the new rule gives it (what a move later keeps as the original).
    pub original_start: DateTime<Utc>,
    /// When it starts now.
    pub start: DateTime<Utc>,
    /// When it ends now.
    pub end: DateTime<Utc>,
    /// Its title now.
    pub title: String,
    /// Its place now.
    pub location: Option<String>,
}

impl Continuing {
    /// Its start or end is not what it was.
    pub fn time_changed(&self) -> bool {
        self.start != self.before.start || self.end != self.before.end
    }

    /// Its place is not what it was.
    pub fn place_changed(&self) -> bool {
        self.location != self.before.location
    }

    /// Anything about it changes.
    pub fn changed(&self) -> bool {
        self.time_changed() || self.place_changed() || self.title != self.before.title
    }
}

/// The whole plan of a series change.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reshape {
    /// Gatherings that go on (on the same local date), in date order.
    pub continuing: Vec<Continuing>,
    /// Gatherings still on whose date the new rule does not have: withdrawn, and those they concern
    /// are told.
    pub vanishing: Vec<Gathering>,
    /// Cancelled dates the new rule does not have: withdrawn quietly (nobody expects them).
    pub dropped: Vec<Gathering>,
    /// New dates with no gathering yet.
    pub added: Vec<DateTime<Utc>>,
}

/// Plans the change of `rows` (the series' gatherings from the change on, withdrawn ones left out) to
/// the dates `new_starts` of the new rule, each `length` long, with `values`, in `zone`.
pub fn reshape(
    rows: &[Gathering],
    new_starts: &[DateTime<Utc>],
    length: Duration,
    values: &NewValues,
    zone: Tz,
) -> Reshape {
    let local_date = |t: DateTime<Utc>| t.with_timezone(&zone).date_naive();
    let mut open: BTreeMap<NaiveDate, DateTime<Utc>> =
        new_starts.iter().map(|s| (local_date(*s), *s)).collect();
    let mut plan = Reshape::default();
    let mut rows: Vec<&Gathering> = rows
        .iter()
        .filter(|g| g.status != Status::Withdrawn)
        .collect();
    rows.sort_by_key(|g| (g.original_start, g.id));
    for row in rows {
        let Some(new_start) = open.remove(&local_date(row.original_start)) else {
            match row.status {
                Status::Cancelled => plan.dropped.push(row.clone()),
                _ => plan.vanishing.push(row.clone()),
            }
            continue;
        };
        let (start, end) = match (row.status, values.time) {
            (Status::Moved, Some((time, own_length))) => {
                let start = local_to_utc(local_date(row.start).and_time(time), zone);
                (start, start + own_length)
            }
            (Status::Moved, None) => (row.start, row.end),
            _ => (new_start, new_start + length),
        };
        plan.continuing.push(Continuing {
            before: row.clone(),
            original_start: new_start,
            start,
            end,
            title: values.title.clone().unwrap_or_else(|| row.title.clone()),
            location: values
                .location
                .clone()
                .unwrap_or_else(|| row.location.clone()),
        });
    }
    plan.added = open.into_values().collect();
    plan
}

#[cfg(test)]
#[path = "reshape_tests.rs"]
mod tests;
