//! The read-only views of `/gathering`: list, next (the agenda card), calendar, export.

use super::super::reply::{Attachment, Card, Reply, Visibility};
use super::super::CommandError;
use super::gathering_render::{calendar_line, list_line};
use crate::domain::community::Community;
use crate::domain::ics;
use crate::domain::recurrence::local_to_utc;
use crate::store::Store;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use std::collections::HashMap;

/// Most lines one calendar reply shows (Discord caps a message's embeds at 6,000 characters).
const MAX_CALENDAR_LINES: usize = 60;

fn visibility(public: bool) -> Visibility {
    Visibility::public_if(public)
}

/// `/gathering list [count]`.
pub async fn list(
    store: &Store,
    community: &Community,
    count: Option<i64>,
    public: bool,
    now: DateTime<Utc>,
) -> Result<Reply, CommandError> {
    let count = count.unwrap_or(5);
    if !(1..=25).contains(&count) {
        return Err(CommandError::user("`count` goes from 1 to 25."));
    }
    let upcoming = store.upcoming(community.id, now, count).await?;
    if upcoming.is_empty() {
        return Ok(Reply::private(
            "No gatherings coming up. Organizers can set the rhythm with `/gathering schedule` or add one date \
             with `/gathering add`.",
        ));
    }
    let lines: Vec<String> = upcoming.iter().map(list_line).collect();
    let card = Card::new(
        format!("Coming up in {}", community.settings.name),
        lines.join("\n"),
    )
    .footer(format!(
        "Times show in your own zone · the community meets in {}",
        community.settings.time_zone
    ));
    Ok(Reply::card(visibility(public), card))
}

/// `/gathering next`: the public agenda card of the next gathering.
pub async fn next(
    store: &Store,
    community: &Community,
    now: DateTime<Utc>,
) -> Result<Reply, CommandError> {
    let next = store.upcoming(community.id, now, 1).await?;
    let g = next.first().ok_or_else(|| {
        CommandError::user(
            "No gathering is coming up. Organizers can schedule one with `/gathering schedule`.",
        )
    })?;
    super::agenda::agenda_reply(store, community, g).await
}

/// `/gathering calendar [year] [scope]`: every date of the year, one line each.
pub async fn calendar(
    store: &Store,
    community: &Community,
    guild_communities: Option<&[Community]>,
    year: Option<i32>,
    public: bool,
    now: DateTime<Utc>,
) -> Result<Reply, CommandError> {
    let zone = community.settings.time_zone;
    let this_year = now.with_timezone(&zone).year();
    let year = year.unwrap_or(this_year);
    if !(2000..=this_year + 1).contains(&year) {
        return Err(CommandError::user(format!(
            "I can show the calendar for the years up to {}. Try `year:{this_year}`.",
            this_year + 1
        )));
    }
    let bounds = |y: i32| {
        NaiveDate::from_ymd_opt(y, 1, 1)
            .map(|d| local_to_utc(d.and_time(chrono::NaiveTime::MIN), zone))
    };
    let (Some(from), Some(to)) = (bounds(year), bounds(year + 1)) else {
        return Err(CommandError::user("That year is out of range."));
    };
    let (gatherings, names) = match guild_communities {
        Some(all) => {
            for c in all {
                store.extend_horizon(c.id, now).await?;
            }
            let names: HashMap<_, _> = all
                .iter()
                .map(|c| (c.id, c.settings.name.to_string()))
                .collect();
            (
                store
                    .guild_gatherings_between(community.guild, from, to)
                    .await?,
                Some(names),
            )
        }
        None => {
            store.extend_horizon(community.id, now).await?;
            (
                store.gatherings_between(community.id, from, to).await?,
                None,
            )
        }
    };
    let scope = if names.is_some() {
        "this server".to_owned()
    } else {
        community.settings.name.to_string()
    };
    if gatherings.is_empty() {
        return Ok(Reply::private(format!(
            "No gatherings in {year} for {scope}."
        )));
    }
    let mut lines: Vec<String> = gatherings
        .iter()
        .take(MAX_CALENDAR_LINES)
        .map(|g| {
            calendar_line(
                g,
                zone,
                names
                    .as_ref()
                    .and_then(|n| n.get(&g.community))
                    .map(String::as_str),
            )
        })
        .collect();
    if gatherings.len() > MAX_CALENDAR_LINES {
        lines.push(format!(
            "… and {} more: `/gathering export` has them all.",
            gatherings.len() - MAX_CALENDAR_LINES
        ));
    }
    let mut cards = Vec::new();
    let mut chunk = String::new();
    for line in lines {
        if chunk.len() + line.len() + 1 > 1900 {
            cards.push(std::mem::take(&mut chunk));
        }
        chunk.push_str(&line);
        chunk.push('\n');
    }
    cards.push(chunk);
    let title = format!("{year} calendar — {scope} ({} dates)", gatherings.len());
    let mut reply = Reply::card(visibility(public), Card::new(title, cards.remove(0)));
    reply.extra_cards = cards.into_iter().map(|c| Card::new("", c)).collect();
    Ok(reply)
}

/// `/gathering export`: the community's calendar as an `.ics` attachment.
pub async fn export(
    store: &Store,
    community: &Community,
    public: bool,
    now: DateTime<Utc>,
) -> Result<Reply, CommandError> {
    store.extend_horizon(community.id, now).await?;
    let series = store.series_of(community.id).await?;
    let gatherings = store.all_gatherings(community.id).await?;
    let text = ics::calendar(
        community.settings.name.as_str(),
        community.settings.time_zone,
        &series,
        &gatherings,
        now,
    );
    let slug: String = community
        .settings
        .name
        .as_str()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let mut reply = Reply::private(format!(
        "The calendar of **{}**: import it into Google Calendar, Outlook or Apple Calendar.",
        community.settings.name
    ));
    reply.visibility = visibility(public);
    reply.attachments.push(Attachment {
        name: format!("{}.ics", slug.trim_matches('-')),
        description: format!("Calendar of {} (iCalendar)", community.settings.name),
        bytes: text.into_bytes(),
    });
    Ok(reply)
}
