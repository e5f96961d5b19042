//! What the organizer commands of `/gathering` do, on plain values: schedule a series, add a one-off,
//! move, cancel, end a series.

use crate::discord::format::{Notice, Reply};
use crate::discord::CommandError;
use crate::domain::change::{parse_reason, Cancelled, Moved};
use crate::domain::community::Community;
use crate::domain::gathering::{parse_location, plan_move, Gathering, Series, SeriesId, Title};
use crate::domain::posts::{PlannedPost, PostKind};
use crate::domain::recurrence::{
    local_to_utc, Frequency, Months, Recurrence, RuleSpec, WeekOfMonth,
};
use crate::domain::reminders::ReminderOffsets;
use crate::domain::when::{parse_date, parse_span};
use crate::store::{NewOccurrence, NewSeries, PlannedNotice, Store, StoreError};
use chrono::{DateTime, Utc, Weekday};

/// `/gathering schedule` as typed.
#[derive(Debug, Clone)]
pub struct ScheduleInput {
    /// `title`: what each gathering is called, as typed (checked by `Title::parse`).
    pub title: String,
    /// `frequency`: how often it repeats.
    pub frequency: Frequency,
    /// `day`: the weekday its gatherings fall on.
    pub day: Weekday,
    /// `start`: local start time as typed (`13:00`, `1:00pm`), in the community's zone.
    pub start: String,
    /// `end`: local end time as typed; `01:00+1` ends the next day.
    pub end: String,
    /// `week`: which week of the month, for monthly and yearly series.
    pub week: Option<WeekOfMonth>,
    /// `months`: only these months, as typed (`oct,jan,apr`, `sep-may`); `None` for all.
    pub months: Option<String>,
    /// `first_date`: `YYYY-MM-DD` to start from, as typed; `None` starts today.
    pub first_date: Option<String>,
    /// `location`: where, as typed (an address, a link, a voice channel); blank is none.
    pub location: Option<String>,
}

/// Creates a series (and plans its first agenda card); returns it.
#[tracing::instrument(skip_all, fields(community = %community.id))]
pub async fn schedule(
    store: &Store,
    community: &Community,
    input: ScheduleInput,
    now: DateTime<Utc>,
) -> Result<Scheduled, CommandError> {
    let zone = community.settings.time_zone;
    let title = Title::parse(&input.title)?;
    let location = parse_location(input.location.as_deref())?;
    let (start, duration) = parse_span(&input.start, &input.end)?;
    let months = input.months.as_deref().map(Months::parse).transpose()?;
    let spec = RuleSpec::new(input.frequency, input.day, input.week, months)?;
    let today = now.with_timezone(&zone).date_naive();
    let first_date = input
        .first_date
        .as_deref()
        .map(parse_date)
        .transpose()?
        .unwrap_or(today);
    if first_date < today - spec.period() {
        return Err(CommandError::said(
            crate::domain::message::Message::key("first-date-too-old")
                .with("date", first_date)
                .with("earliest", today - spec.period()),
        ));
    }
    let recurrence = Recurrence::plan(&spec, start, first_date, zone)?;
    let new = NewSeries {
        title: title.as_str().to_owned(),
        location,
        recurrence,
        duration,
        // Stored in English: the words of a rule this bot can no longer read back.
        summary: crate::i18n::words::rule(crate::i18n::Lang::En, &spec),
    };
    let series = store.create_series(community.id, &new, now).await?;
    // Reminders nobody chose follow the rhythm of the series scheduled.
    let s = &community.settings;
    let fitting = ReminderOffsets::for_rhythm(spec.frequency());
    let reminders = if !s.reminders_chosen
        && s.reminders == ReminderOffsets::default_offsets()
        && fitting != s.reminders
    {
        if store
            .follow_rhythm(community.id, &s.reminders, &fitting, now)
            .await?
        {
            store.replan_community(community.id, now).await?;
            Some(fitting)
        } else {
            None
        }
    } else {
        None
    };
    let card = PlannedPost {
        kind: PostKind::AgendaCard,
        key: crate::domain::post_key::PostKey::CardScheduled {
            series: series.id.0,
        }
        .to_string(),
        due: now,
    };
    store.plan_posts(community.id, None, &[card], now).await?;
    Ok(Scheduled { series, reminders })
}

/// A series just scheduled, and the reminders it set when they still were the built-in ones.
pub struct Scheduled {
    /// The new series.
    pub series: Series,
    /// The community's reminders, when they changed to fit the series' rhythm.
    pub reminders: Option<ReminderOffsets>,
}

/// `/gathering add` as typed.
#[derive(Debug, Clone)]
pub struct AddInput {
    /// `date`: the day as typed, `YYYY-MM-DD`, in the community's time zone.
    pub date: String,
    /// `start`: local start time as typed (`13:00`, `1:00pm`).
    pub start: String,
    /// `end`: local end time as typed; `01:00+1` ends the next day.
    pub end: String,
    /// `title`: what it is called; `None` gives `<community name> gathering`.
    pub title: Option<String>,
    /// `location`: where, as typed (an address, a link, a voice channel); blank is none.
    pub location: Option<String>,
}

/// Adds a one-off gathering; returns it as stored.
#[tracing::instrument(skip_all, fields(community = %community.id))]
pub async fn add(
    store: &Store,
    community: &Community,
    input: AddInput,
    now: DateTime<Utc>,
) -> Result<Gathering, CommandError> {
    let zone = community.settings.time_zone;
    let date = parse_date(&input.date)?;
    let (start_time, length) = parse_span(&input.start, &input.end)?;
    let default_title = crate::tr!(
        community.settings.language,
        "default-gathering-title",
        name = community.settings.name.as_str()
    );
    let title = Title::parse(input.title.as_deref().unwrap_or(&default_title))?;
    let location = parse_location(input.location.as_deref())?;
    let start = local_to_utc(date.and_time(start_time), zone);
    if start <= now {
        return Err(CommandError::said(crate::domain::message::Message::key(
            "add-in-the-past",
        )));
    }
    let new = NewOccurrence {
        series: None,
        start,
        end: start + length,
        title: title.as_str().to_owned(),
        location,
    };
    let id = store.add_gathering(community.id, &new, now).await?;
    store
        .gathering(community.id, id)
        .await?
        .ok_or_else(|| CommandError::said(crate::domain::message::Message::key("add-vanished")))
}

/// The change notice of `reply`, ready to be planned with the change (`key` makes it unique).
pub(super) fn planned_notice(key: &str, reply: &Reply) -> Result<PlannedNotice, StoreError> {
    let body = serde_json::to_string(&Notice::from_reply(reply))
        .map_err(|e| StoreError::Corrupt(format!("the change notice could not be written: {e}")))?;
    Ok(PlannedNotice {
        key: key.to_owned(),
        body,
    })
}

#[tracing::instrument(skip_all, fields(community = %community.id, gathering = %gathering.id))]
/// Moves one gathering and plans its public change notice (said by `notice`, under `key`), in one
/// transaction.
#[allow(clippy::too_many_arguments)]
pub async fn move_one(
    store: &Store,
    community: &Community,
    gathering: &Gathering,
    new_date: &str,
    times: (Option<&str>, Option<&str>),
    reason: Option<&str>,
    key: &str,
    now: DateTime<Utc>,
    notice: impl Fn(&Community, &Moved) -> Reply,
) -> Result<Moved, CommandError> {
    let zone = community.settings.time_zone;
    let reason = parse_reason(reason)?;
    let date = parse_date(new_date)?;
    let (start, end) = plan_move(gathering, date, times.0, times.1, zone, now)?;
    let mut moved = Moved {
        from: gathering.clone(),
        to: Gathering {
            start,
            end,
            ..gathering.clone()
        },
        reason,
        holders: Vec::new(),
        going: Vec::new(),
    };
    let reason = moved.reason.clone();
    let concerned = store
        .move_with_notice(
            community.id,
            gathering.id,
            start,
            end,
            reason.as_deref(),
            now,
            |concerned| {
                moved.holders = concerned.holders.clone();
                moved.going = concerned.going.clone();
                planned_notice(key, &notice(community, &moved))
            },
        )
        .await?;
    if concerned.is_none() {
        return Err(CommandError::said(crate::domain::message::Message::key(
            "move-cancelled-meanwhile",
        )));
    }
    Ok(moved)
}

#[tracing::instrument(skip_all, fields(community = %community.id, gathering = %gathering.id))]
/// Cancels one gathering, frees its roles and plans its public change notice (said by `notice`, under
/// `key`), all in one transaction.
pub async fn cancel_one(
    store: &Store,
    community: &Community,
    gathering: &Gathering,
    reason: Option<&str>,
    key: &str,
    now: DateTime<Utc>,
    notice: impl Fn(&Cancelled) -> Reply,
) -> Result<Cancelled, CommandError> {
    let reason = parse_reason(reason)?;
    if gathering.end <= now {
        return Err(CommandError::said(crate::domain::message::Message::key(
            "cancel-over",
        )));
    }
    let mut cancelled = Cancelled {
        gathering: gathering.clone(),
        reason,
        freed_roles: Vec::new(),
        going: Vec::new(),
    };
    let reason = cancelled.reason.clone();
    let concerned = store
        .cancel_with_notice(
            community.id,
            gathering.id,
            reason.as_deref(),
            now,
            |concerned| {
                cancelled.freed_roles = concerned.holders.clone();
                cancelled.going = concerned.going.clone();
                planned_notice(key, &notice(&cancelled))
            },
        )
        .await?;
    if concerned.is_none() {
        return Err(CommandError::said(crate::domain::message::Message::key(
            "cancel-already",
        )));
    }
    Ok(cancelled)
}

/// Ends a series after its last past occurrence; returns how many upcoming dates were taken off.
pub async fn end_series(
    store: &Store,
    series: &Series,
    now: DateTime<Utc>,
) -> Result<u64, CommandError> {
    if series.recurrence.until.is_some() {
        return Err(CommandError::said(crate::domain::message::Message::key(
            "series-already-ended",
        )));
    }
    Ok(store.end_series(series.id, now).await?)
}

/// Finds a series of the community from its autocomplete value (the id).
pub async fn resolve_series(
    store: &Store,
    community: &Community,
    value: &str,
) -> Result<Series, CommandError> {
    let id = value.trim().parse::<i64>().ok().map(SeriesId);
    store
        .series_of(community.id)
        .await?
        .into_iter()
        .find(|s| Some(s.id) == id)
        .ok_or_else(|| CommandError::said(crate::domain::message::Message::key("series-unknown")))
}
