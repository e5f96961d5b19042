//! `/gathering edit` and `/gathering reschedule`: correcting what was scheduled without losing a claim
//! or an answer. One gathering changes in place; a series changes from one of its dates on (the old
//! series ends before it, a new one continues with every row on a shared date). A change that
//! withdraws dates is shown to the organizer first, with Confirm / Cancel buttons.

use super::command::{
    after_change, autocomplete_series, check_channel_location, organized_here, DayChoice,
    FrequencyChoice, WeekChoice,
};
use super::edit_views as views;
use crate::discord::answer;
use crate::discord::context::{actor_of_member, autocomplete_gathering, resolve_gathering};
use crate::discord::{App, CommandError, Context};
use crate::domain::community::Community;
use crate::domain::gathering::{
    new_times, parse_location_change, plan_move, Gathering, Series, SeriesId, Title,
};
use crate::domain::ids::ChannelRef;
use crate::domain::post_key::PostKey;
use crate::domain::recurrence::{
    local_to_utc, Frequency, Months, Recurrence, RuleSpec, WeekOfMonth,
};
use crate::domain::reshape::NewValues;
use crate::domain::when::parse_date;
use crate::store::{NewSeries, Reshaped, SeriesChange, Store};
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Timelike, Utc, Weekday};
use poise::serenity_prelude as serenity;

/// What an edit reaches (`apply_to`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, poise::ChoiceParameter)]
pub enum ApplyToChoice {
    /// `this`: only this gathering.
    #[name = "this"]
    This,
    /// `this-and-following`: the series from this gathering on.
    #[name = "this-and-following"]
    ThisAndFollowing,
}

/// Change a gathering's title, time or place, or its series from it on (organizers)
#[poise::command(slash_command, guild_only)]
#[allow(clippy::too_many_arguments)]
pub async fn edit(
    ctx: Context<'_>,
    #[description = "Which gathering"]
    #[autocomplete = "autocomplete_gathering"]
    gathering: String,
    #[description = "New title"] title: Option<String>,
    #[description = "New start time, e.g. 13:00 or 1pm (same day; /gathering move changes the day)"]
    start: Option<String>,
    #[description = "New end time, e.g. 16:00 or 4pm (01:00+1 for the next day)"] end: Option<
        String,
    >,
    #[description = "New place: an address, a link, a voice channel, or none to remove it"]
    location: Option<String>,
    #[description = "This gathering only (default), or the series from it on"] apply_to: Option<
        ApplyToChoice,
    >,
) -> Result<(), CommandError> {
    let community = organized_here(ctx).await?;
    check_channel_location(ctx, location.as_deref()).await?;
    let app = ctx.data();
    let now = app.clock.now();
    let target = resolve_gathering(&app.store, &community, &gathering, now).await?;
    let asked = EditAsk {
        title: title.as_deref().map(Title::parse).transpose()?,
        location: parse_location_change(location.as_deref())?,
        start,
        end,
    };
    if asked.is_empty() {
        return Err(CommandError::said(crate::domain::message::Message::key(
            "edit-nothing-given",
        )));
    }
    let reply = match apply_to.unwrap_or(ApplyToChoice::This) {
        ApplyToChoice::This => edit_one(app, &community, &target, &asked, ctx.id(), now).await?,
        ApplyToChoice::ThisAndFollowing => {
            edit_following(app, &community, &target, &asked, ctx.id(), now).await?
        }
    };
    after_change(ctx, &community, reply).await
}

/// The new values of an edit, checked.
struct EditAsk {
    title: Option<Title>,
    location: Option<Option<String>>,
    start: Option<String>,
    end: Option<String>,
}

impl EditAsk {
    fn is_empty(&self) -> bool {
        self.title.is_none()
            && self.location.is_none()
            && self.start.is_none()
            && self.end.is_none()
    }
}

/// `apply_to:this`: the gathering's row changes; a new time or place is told to those it concerns.
async fn edit_one(
    app: &App,
    community: &Community,
    target: &Gathering,
    asked: &EditAsk,
    interaction: u64,
    now: DateTime<Utc>,
) -> Result<crate::discord::format::Reply, CommandError> {
    let zone = community.settings.time_zone;
    let day = target.start.with_timezone(&zone).date_naive();
    let (start, end) = plan_move(
        target,
        day,
        asked.start.as_deref(),
        asked.end.as_deref(),
        zone,
        now,
    )?;
    let edited = Gathering {
        start,
        end,
        title: asked
            .title
            .as_ref()
            .map_or_else(|| target.title.clone(), |t| t.as_str().to_owned()),
        location: asked
            .location
            .clone()
            .unwrap_or_else(|| target.location.clone()),
        ..target.clone()
    };
    if edited == *target {
        return Err(CommandError::said(crate::domain::message::Message::key(
            "edit-no-change",
        )));
    }
    let tells = edited.start != target.start
        || edited.end != target.end
        || edited.location != target.location;
    let key = PostKey::EditNotice {
        gathering: target.id,
        interaction,
    }
    .to_string();
    let concerned = app
        .store
        .edit_with_notice(community.id, &edited, now, |concerned| {
            tells
                .then(|| {
                    super::flows::planned_notice(
                        &key,
                        &views::edited_notice(community, target, &edited, concerned),
                    )
                })
                .transpose()
        })
        .await?;
    if concerned.is_none() {
        return Err(CommandError::said(crate::domain::message::Message::key(
            "edit-cancelled-meanwhile",
        )));
    }
    crate::discord::living::refresh_card(app, community.id, target.id, None);
    Ok(views::edited(community, &edited, tells))
}

/// `apply_to:this-and-following`: the series from this gathering on takes the new values; every
/// gathering keeps its row, claims and answers.
async fn edit_following(
    app: &App,
    community: &Community,
    target: &Gathering,
    asked: &EditAsk,
    interaction: u64,
    now: DateTime<Utc>,
) -> Result<crate::discord::format::Reply, CommandError> {
    let Some(series_id) = target.series else {
        return Err(CommandError::said(crate::domain::message::Message::key(
            "edit-one-off",
        )));
    };
    if !target.is_upcoming(now) || target.start <= now {
        return Err(CommandError::said(crate::domain::message::Message::key(
            "edit-not-upcoming",
        )));
    }
    let series = open_series(&app.store, community, series_id).await?;
    let zone = community.settings.time_zone;
    let (time, length) = new_times(
        series.recurrence.dtstart.time(),
        series.duration,
        asked.start.as_deref(),
        asked.end.as_deref(),
    )?;
    let day = target.original_start.with_timezone(&zone).date_naive();
    let change = SeriesChange {
        series: series.id,
        // From the start of that day: a new start earlier than the old one is still on that day.
        from: local_to_utc(day.and_time(NaiveTime::MIN), zone),
        next: NewSeries {
            title: asked
                .title
                .as_ref()
                .map_or_else(|| series.title.clone(), |t| t.as_str().to_owned()),
            location: asked
                .location
                .clone()
                .unwrap_or_else(|| series.location.clone()),
            recurrence: series.recurrence.from_date_at(day, time)?,
            duration: length,
            summary: series.summary.clone(),
        },
        values: NewValues {
            title: asked.title.as_ref().map(|t| t.as_str().to_owned()),
            location: asked.location.clone(),
            time: (asked.start.is_some() || asked.end.is_some()).then_some((time, length)),
        },
    };
    if local_to_utc(day.and_time(time), zone) <= now {
        return Err(CommandError::said(crate::domain::message::Message::key(
            "edit-time-past",
        )));
    }
    let done = carry_out(app, community, &series, &change, interaction, now).await?;
    Ok(views::series_edited(community, &done))
}

/// The series of the community that has not ended, or a clear refusal.
async fn open_series(
    store: &Store,
    community: &Community,
    id: SeriesId,
) -> Result<Series, CommandError> {
    let series = store
        .series_of(community.id)
        .await?
        .into_iter()
        .find(|s| s.id == id)
        .ok_or_else(|| {
            CommandError::said(crate::domain::message::Message::key("series-not-here"))
        })?;
    if series.recurrence.until.is_some() {
        return Err(CommandError::said(crate::domain::message::Message::key(
            "series-ended-schedule-new",
        )));
    }
    Ok(series)
}

/// Applies a series change with its public notice (when it withdraws dates or changes a time or a
/// place), refreshes the living cards it touched and wakes the event mirror.
async fn carry_out(
    app: &App,
    community: &Community,
    series: &Series,
    change: &SeriesChange,
    interaction: u64,
    now: DateTime<Utc>,
) -> Result<Reshaped, CommandError> {
    if let Some(plan) = app
        .store
        .preview_series_change(community.id, change, now)
        .await?
    {
        let zone = community.settings.time_zone;
        let started = plan
            .continuing
            .iter()
            .filter(|c| c.changed())
            .flat_map(|c| [c.before.start, c.start])
            .chain(plan.vanishing.iter().map(|g| g.start))
            .chain(plan.added.iter().copied())
            .filter(|t| *t <= now)
            .min();
        if let Some(t) = started {
            return Err(CommandError::said(
                crate::domain::message::Message::key("series-change-touches-past")
                    .with("when", t.with_timezone(&zone).format("%Y-%m-%d %H:%M")),
            ));
        }
    }
    let key = PostKey::SeriesNotice {
        series: series.id.0,
        interaction,
    }
    .to_string();
    let done = app
        .store
        .change_series(community.id, change, now, |plan, concerned| {
            views::series_notice(community, series, change, plan, concerned)
                .map(|notice| super::flows::planned_notice(&key, &notice))
                .transpose()
        })
        .await?
        .ok_or_else(|| {
            CommandError::said(crate::domain::message::Message::key(
                "series-changed-meanwhile",
            ))
        })?;
    for id in done
        .plan
        .continuing
        .iter()
        .map(|c| c.before.id)
        .chain(done.plan.vanishing.iter().map(|g| g.id))
    {
        crate::discord::living::refresh_card(app, community.id, id, None);
    }
    app.changed();
    Ok(done)
}

/// Change a series' rhythm from a date on (organizers)
#[poise::command(slash_command, guild_only)]
#[allow(clippy::too_many_arguments)]
pub async fn reschedule(
    ctx: Context<'_>,
    #[description = "Which series"]
    #[autocomplete = "autocomplete_series"]
    series: String,
    #[description = "How often from now on"] frequency: FrequencyChoice,
    #[description = "Which weekday"] day: DayChoice,
    #[description = "For monthly/yearly: which week of the month"] week: Option<WeekChoice>,
    #[description = "Only in these months, e.g. oct,jan,apr or sep-may"] months: Option<String>,
    #[description = "New start time (default: unchanged), e.g. 13:00 or 1pm"] start: Option<String>,
    #[description = "New end time (default: same length), e.g. 16:00 or 4pm"] end: Option<String>,
    #[description = "From this date on (YYYY-MM-DD); default: the next gathering"]
    from_date: Option<String>,
) -> Result<(), CommandError> {
    let community = organized_here(ctx).await?;
    let app = ctx.data();
    let now = app.clock.now();
    let target = super::flows::resolve_series(&app.store, &community, &series).await?;
    let target = open_series(&app.store, &community, target.id).await?;
    let zone = community.settings.time_zone;
    let (time, length) = new_times(
        target.recurrence.dtstart.time(),
        target.duration,
        start.as_deref(),
        end.as_deref(),
    )?;
    let from = match from_date.as_deref() {
        Some(text) => parse_date(text)?,
        None => next_date(&app.store, &community, &target, now).await?,
    };
    let ask = RescheduleAsk {
        series: target.id,
        frequency: super::command::frequency(frequency),
        day: super::command::weekday(day),
        week: week.map(super::command::week),
        months: months.as_deref().map(Months::parse).transpose()?,
        start: time,
        length,
        from,
        new_time: start.is_some() || end.is_some(),
    };
    let today = now.with_timezone(&zone).date_naive();
    if ask.from < today {
        return Err(CommandError::said(
            crate::domain::message::Message::key("from-date-past")
                .with("date", ask.from)
                .with("today", today),
        ));
    }
    let change = ask.change(&target, zone)?;
    let started = app
        .store
        .preview_series_change(community.id, &change, now)
        .await?
        .ok_or_else(|| {
            CommandError::said(crate::domain::message::Message::key("series-not-here"))
        })?;
    if let Some(g) = started
        .continuing
        .iter()
        .map(|c| &c.before)
        .chain(&started.vanishing)
        .find(|g| g.start <= now)
    {
        return Err(CommandError::said(
            crate::domain::message::Message::key("reschedule-started")
                .with("date", g.start.with_timezone(&zone).format("%Y-%m-%d")),
        ));
    }
    if started.continuing.iter().all(|c| !c.changed())
        && started.vanishing.is_empty()
        && started.dropped.is_empty()
        && started.added.is_empty()
        && target.summary == change.next.summary
    {
        return Err(CommandError::said(crate::domain::message::Message::key(
            "reschedule-no-change",
        )));
    }
    let reply = if started.vanishing.is_empty() {
        let done = carry_out(app, &community, &target, &change, ctx.id(), now).await?;
        views::rescheduled(&community, &done)
    } else {
        let seen = withdrawn_digest(&started);
        views::confirm_reschedule(&community, &target, &change, &started, &ask.encode(seen))
    };
    after_change(ctx, &community, reply).await
}

/// A short fingerprint of the gatherings a plan withdraws: the confirm button carries it, so a click
/// after the calendar changed withdraws nothing the organizer did not see.
fn withdrawn_digest(plan: &crate::domain::reshape::Reshape) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for g in &plan.vanishing {
        for byte in g.id.0.to_le_bytes() {
            hash ^= u32::from(byte);
            hash = hash.wrapping_mul(0x0100_0193);
        }
    }
    hash
}

/// The local date of the series' next gathering that has not started (today if none).
async fn next_date(
    store: &Store,
    community: &Community,
    series: &Series,
    now: DateTime<Utc>,
) -> Result<NaiveDate, CommandError> {
    let zone = community.settings.time_zone;
    let next = store
        .upcoming(community.id, now, 200)
        .await?
        .into_iter()
        .find(|g| g.series == Some(series.id) && g.start > now);
    let today = now.with_timezone(&zone).date_naive();
    Ok(next.map_or(today, |g| {
        g.original_start
            .with_timezone(&zone)
            .date_naive()
            .max(today)
    }))
}

/// A reschedule as asked, everything its confirm button needs to carry it out later (the button's
/// custom id holds it: no state is kept in memory).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RescheduleAsk {
    series: SeriesId,
    frequency: Frequency,
    day: Weekday,
    week: Option<WeekOfMonth>,
    months: Option<Months>,
    start: NaiveTime,
    length: Duration,
    from: NaiveDate,
    new_time: bool,
}

const ASK_PREFIX: &str = "sg:resched:";
const KEEP: &str = "sg:keep";

impl RescheduleAsk {
    /// The series change it asks for.
    fn change(&self, series: &Series, zone: chrono_tz::Tz) -> Result<SeriesChange, CommandError> {
        let spec = RuleSpec::new(self.frequency, self.day, self.week, self.months.clone())?;
        let recurrence = Recurrence::plan(&spec, self.start, self.from, zone)?;
        let from = local_to_utc(self.from.and_time(NaiveTime::MIN), zone);
        Ok(SeriesChange {
            series: series.id,
            from,
            next: NewSeries {
                title: series.title.clone(),
                location: series.location.clone(),
                recurrence,
                duration: self.length,
                summary: crate::i18n::words::rule(crate::i18n::Lang::En, &spec),
            },
            values: NewValues {
                title: None,
                location: None,
                time: self.new_time.then_some((self.start, self.length)),
            },
        })
    }

    /// `sg:resched:<series>:<f>.<day>.<week>.<months>.<start min>.<length min>.<from>.<t>:<seen>`
    /// (under 100), `seen` the fingerprint of the withdrawn gatherings the organizer was shown.
    pub fn encode(&self, seen: u32) -> String {
        let f = match self.frequency {
            Frequency::Weekly => "w",
            Frequency::EveryTwoWeeks => "2",
            Frequency::Monthly => "m",
            Frequency::Yearly => "y",
        };
        let week = self.week.map_or(0, |w| match w {
            WeekOfMonth::First => 1,
            WeekOfMonth::Second => 2,
            WeekOfMonth::Third => 3,
            WeekOfMonth::Fourth => 4,
            WeekOfMonth::Last => 5,
        });
        let months = self.months.as_ref().map_or_else(String::new, |m| {
            m.numbers()
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(",")
        });
        format!(
            "{ASK_PREFIX}{}:{f}.{}.{week}.{months}.{}.{}.{}.{}",
            self.series.0,
            self.day.num_days_from_monday(),
            self.start.num_seconds_from_midnight() / 60,
            self.length.num_minutes(),
            self.from.format("%Y%m%d"),
            u8::from(self.new_time)
        ) + &format!(":{seen:08x}")
    }

    /// Reads a confirm button's custom id back (with the fingerprint it carries); `None` for anything
    /// else.
    pub fn parse(custom_id: &str) -> Option<(RescheduleAsk, u32)> {
        let rest = custom_id.strip_prefix(ASK_PREFIX)?;
        let (series, rest) = rest.split_once(':')?;
        let (rest, seen) = rest.split_once(':')?;
        let seen = u32::from_str_radix(seen, 16).ok()?;
        let parts: Vec<&str> = rest.split('.').collect();
        let [f, day, week, months, start, length, from, new_time] = parts.as_slice() else {
            return None;
        };
        let frequency = match *f {
            "w" => Frequency::Weekly,
            "2" => Frequency::EveryTwoWeeks,
            "m" => Frequency::Monthly,
            "y" => Frequency::Yearly,
            _ => return None,
        };
        let week = match *week {
            "0" => None,
            "1" => Some(WeekOfMonth::First),
            "2" => Some(WeekOfMonth::Second),
            "3" => Some(WeekOfMonth::Third),
            "4" => Some(WeekOfMonth::Fourth),
            "5" => Some(WeekOfMonth::Last),
            _ => return None,
        };
        let months = match *months {
            "" => None,
            text => Some(Months::parse(text).ok()?),
        };
        let start: u32 = start.parse().ok()?;
        let length: i64 = length.parse().ok()?;
        if !(1..=24 * 60).contains(&length) {
            return None;
        }
        let ask = RescheduleAsk {
            series: SeriesId(series.parse().ok()?),
            frequency,
            day: Weekday::try_from(day.parse::<u8>().ok()?).ok()?,
            week,
            months,
            start: NaiveTime::from_num_seconds_from_midnight_opt(start.checked_mul(60)?, 0)?,
            length: Duration::minutes(length),
            from: NaiveDate::parse_from_str(from, "%Y%m%d").ok()?,
            new_time: match *new_time {
                "0" => false,
                "1" => true,
                _ => return None,
            },
        };
        Some((ask, seen))
    }
}

/// A click on a reschedule's Confirm or Cancel button.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RescheduleButton {
    /// Carry the reschedule out, if it still withdraws what the organizer saw (the fingerprint).
    Confirm(RescheduleAsk, u32),
    /// Leave the series as it is.
    Keep,
}

impl RescheduleButton {
    /// The button's custom id.
    pub fn encode(&self) -> String {
        match self {
            RescheduleButton::Confirm(ask, seen) => ask.encode(*seen),
            RescheduleButton::Keep => KEEP.to_owned(),
        }
    }

    /// Reads a custom id back; `None` for anything else.
    pub fn parse(custom_id: &str) -> Option<RescheduleButton> {
        if custom_id == KEEP {
            return Some(RescheduleButton::Keep);
        }
        RescheduleAsk::parse(custom_id).map(|(ask, seen)| RescheduleButton::Confirm(ask, seen))
    }
}

/// Handles a Confirm / Cancel click on a reschedule preview.
pub async fn clicked(
    ctx: &serenity::Context,
    app: &App,
    click: &serenity::ComponentInteraction,
    button: RescheduleButton,
) {
    let what = format!("reschedule-button:{}", click.data.custom_id);
    answer::update_on_click(&ctx.http, app, click, &what, confirm(app, click, button)).await
}

async fn confirm(
    app: &App,
    click: &serenity::ComponentInteraction,
    button: RescheduleButton,
) -> Result<crate::discord::format::Reply, CommandError> {
    let RescheduleButton::Confirm(ask, seen) = button else {
        return Ok(views::kept(crate::i18n::member_lang(&click.locale)));
    };
    let community = app
        .store
        .community_in_channel(ChannelRef(click.channel_id.get()))
        .await?
        .ok_or_else(|| {
            CommandError::said(crate::domain::message::Message::key("button-other-channel"))
        })?;
    crate::discord::answer::found(&community);
    crate::discord::context::require_organizer(
        &community,
        &actor_of_member(click.member.as_ref()),
    )?;
    let series = open_series(&app.store, &community, ask.series).await?;
    let change = ask.change(&series, community.settings.time_zone)?;
    let now = app.clock.now();
    if ask.from < local_day(now, community.settings.time_zone) {
        return Err(CommandError::said(crate::domain::message::Message::key(
            "reschedule-preview-old",
        )));
    }
    let plan = app
        .store
        .preview_series_change(community.id, &change, now)
        .await?
        .ok_or_else(|| {
            CommandError::said(crate::domain::message::Message::key("series-not-here"))
        })?;
    if withdrawn_digest(&plan) != seen {
        return Err(CommandError::said(crate::domain::message::Message::key(
            "reschedule-calendar-changed",
        )));
    }
    let done = carry_out(app, &community, &series, &change, click.id.get(), now).await?;
    Ok(views::rescheduled(&community, &done))
}

/// A local time as typed back (`13:00`), for the views.
pub fn hhmm(t: NaiveTime) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

/// The local start date of `t`.
pub fn local_day(t: DateTime<Utc>, zone: chrono_tz::Tz) -> NaiveDate {
    t.with_timezone(&zone).date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reschedule_button_carries_the_whole_ask_in_under_100_characters() {
        let ask = RescheduleAsk {
            series: SeriesId(i64::MAX),
            frequency: Frequency::Yearly,
            day: Weekday::Sun,
            week: Some(WeekOfMonth::Last),
            months: Some(Months::parse("9,10,11,12,1,2,3,4,5,6,7,8").unwrap()),
            start: NaiveTime::from_hms_opt(23, 59, 0).unwrap(),
            length: Duration::minutes(24 * 60),
            from: NaiveDate::from_ymd_opt(2027, 12, 31).unwrap(),
            new_time: true,
        };
        let id = ask.encode(u32::MAX);
        assert!(id.len() <= 100, "{} {id}", id.len());
        assert_eq!(
            RescheduleButton::parse(&id),
            Some(RescheduleButton::Confirm(ask, u32::MAX))
        );
        assert_eq!(RescheduleButton::parse(KEEP), Some(RescheduleButton::Keep));
        for bad in [
            "sg:resched:1:m.4.2..780.180.20270211.0",
            "sg:resched:1:m.4.2..780.180.20270211.0:zz",
            "sg:resched:1:x.4.2..780.180.20270211.0:1",
            "sg:resched:1:m.9.2..780.180.20270211.0:1",
            "sg:resched:1:m.4.2..780.0.20270211.0:1",
            "sg:resched:1:m.4.2..99999999999.180.20270211.0:1",
            "sg:resched:x:m.4.2..780.180.20270211.0",
            "sg:resched:1:m.4.2.13.780.180.20270211.0:1",
            "st:claim:1:1",
        ] {
            assert_eq!(RescheduleButton::parse(bad), None, "{bad}");
        }
    }
}
