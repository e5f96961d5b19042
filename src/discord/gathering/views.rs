//! The read-only views of `/gathering`: list, next (the agenda card), calendar, export.

use crate::discord::format::{
    escape, full, local_span, relative, short_time, Attachment, Card, Reply, Visibility,
};
use crate::discord::gathering::agenda_card::agenda_card;
use crate::discord::CommandError;
use crate::domain::change::{concerned, Cancelled, Moved};
use crate::domain::community::Community;
use crate::domain::gathering::{Gathering, GatheringId, Series, Status};
use crate::domain::ids::MemberRef;
use crate::domain::language::Lang;
use crate::domain::message::Message;
use crate::domain::recurrence::local_to_utc;
use crate::domain::reminders::ReminderOffsets;
use crate::domain::role_prompt::TimeFormat;
use crate::store::Store;
use crate::tr;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use chrono_tz::Tz;
use std::collections::HashMap;

/// Most lines one calendar reply shows (Discord caps a message's embeds at 6,000 characters).
const MAX_CALENDAR_LINES: usize = 60;

/// The language of a reply: the community's when it is posted for the channel, else the reader's.
pub fn language_of(visibility: Visibility, community: &Community, reader: Lang) -> Lang {
    match visibility {
        Visibility::Public => community.settings.language,
        Visibility::Private => reader,
    }
}

/// `/gathering list [count]`.
pub async fn list(
    store: &Store,
    community: &Community,
    count: Option<i64>,
    visibility: Visibility,
    reader: Lang,
    now: DateTime<Utc>,
) -> Result<Reply, CommandError> {
    let lang = language_of(visibility, community, reader);
    let count = count.unwrap_or(5);
    if !(1..=25).contains(&count) {
        return Err(CommandError::said(Message::key("list-count-range")));
    }
    let upcoming = store.upcoming(community.id, now, count).await?;
    if upcoming.is_empty() {
        return Ok(Reply::private(tr!(reader, "list-none")));
    }
    let lines: Vec<String> = upcoming.iter().map(|g| list_line(lang, g)).collect();
    let card = Card::new(
        tr!(lang, "list-title", name = community.settings.name.as_str()),
        lines.join("\n"),
    )
    .footer(tr!(
        lang,
        "list-footer",
        zone = community.settings.time_zone.name()
    ));
    Ok(Reply::card(visibility, card))
}

/// `/gathering next`: the public agenda card of the next gathering.
pub async fn next(
    store: &Store,
    community: &Community,
    now: DateTime<Utc>,
) -> Result<(GatheringId, Reply), CommandError> {
    let next = store.upcoming(community.id, now, 1).await?;
    let g = next
        .first()
        .ok_or_else(|| CommandError::said(Message::key("next-none")))?;
    let agenda = store.agenda(community, g.id).await?;
    Ok((g.id, agenda_card(community, g, &agenda)))
}

/// `/gathering calendar [year] [scope]`: every date of the year, one line each.
pub async fn calendar(
    store: &Store,
    community: &Community,
    guild_communities: Option<&[Community]>,
    year: Option<i32>,
    visibility: Visibility,
    reader: Lang,
    now: DateTime<Utc>,
) -> Result<Reply, CommandError> {
    let lang = language_of(visibility, community, reader);
    let zone = community.settings.time_zone;
    let this_year = now.with_timezone(&zone).year();
    let year = year.unwrap_or(this_year);
    if !(2000..=this_year + 1).contains(&year) {
        return Err(CommandError::said(
            Message::key("calendar-years")
                .with("last", this_year + 1)
                .with("year", this_year),
        ));
    }
    let bounds = |y: i32| {
        NaiveDate::from_ymd_opt(y, 1, 1)
            .map(|d| local_to_utc(d.and_time(chrono::NaiveTime::MIN), zone))
    };
    let (Some(from), Some(to)) = (bounds(year), bounds(year + 1)) else {
        return Err(CommandError::said(Message::key("calendar-out-of-range")));
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
        tr!(lang, "calendar-this-server")
    } else {
        community.settings.name.to_string()
    };
    if gatherings.is_empty() {
        return Ok(Reply::private(tr!(
            reader,
            "calendar-none",
            year = year.to_string(),
            scope = scope
        )));
    }
    let mut lines: Vec<String> = gatherings
        .iter()
        .take(MAX_CALENDAR_LINES)
        .map(|g| {
            calendar_line(
                lang,
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
        lines.push(tr!(
            lang,
            "calendar-more",
            count = gatherings.len() - MAX_CALENDAR_LINES
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
    let title = tr!(
        lang,
        "calendar-title",
        year = year.to_string(),
        scope = scope,
        count = gatherings.len()
    );
    let mut reply = Reply::card(visibility, Card::new(title, cards.remove(0)));
    reply.extra_cards = cards.into_iter().map(|c| Card::new("", c)).collect();
    Ok(reply)
}

/// `/gathering export`: the community's calendar as an `.ics` attachment and, when the listener has a
/// public address, the link to subscribe to it (it stays up to date, unlike the file).
pub async fn export(
    lang: Lang,
    store: &Store,
    community: &Community,
    visibility: Visibility,
    public_url: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Reply, CommandError> {
    let file = store.calendar_file(community, now).await?;
    let slug = crate::domain::public::slug_of(community.settings.name.as_str());
    let mut text = tr!(
        lang,
        "export-text",
        name = escape(community.settings.name.as_str())
    );
    if let Some(base) = public_url {
        let token = store.feed_token(community.id).await?;
        text.push_str(&subscribe_lines(lang, base, &token));
    }
    let mut reply = Reply::private(text);
    reply.visibility = visibility;
    reply.attachments.push(Attachment {
        name: format!("{slug}.ics"),
        description: tr!(
            lang,
            "export-description",
            name = community.settings.name.as_str()
        ),
        bytes: file.text.into_bytes(),
    });
    Ok(reply)
}

/// The feed's address under `base` (`http.public_url`).
pub fn feed_url(base: &str, token: &str) -> String {
    format!("{base}/calendar/{token}.ics")
}

/// The same address for calendar apps that subscribe on a `webcal://` link (Apple Calendar, Outlook).
pub fn webcal_url(base: &str, token: &str) -> String {
    let url = feed_url(base, token);
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or(&url);
    format!("webcal://{rest}")
}

fn subscribe_lines(lang: Lang, base: &str, token: &str) -> String {
    let lines = tr!(
        lang,
        "export-subscribe",
        feed = feed_url(base, token),
        webcal = webcal_url(base, token)
    );
    format!("\n\n{lines}")
}

/// `/gathering feed reset`: the old link is revoked and the new one given.
pub fn feed_reset(lang: Lang, community: &Community, base: Option<&str>, token: &str) -> Reply {
    let name = escape(community.settings.name.as_str());
    match base {
        Some(base) => Reply::private(format!(
            "{}{}",
            tr!(lang, "feed-reset", name = name),
            subscribe_lines(lang, base, token)
        )),
        None => Reply::private(tr!(lang, "feed-reset-no-address", name = name)),
    }
}

/// One line of `/gathering list`.
pub fn list_line(lang: Lang, g: &Gathering) -> String {
    let mut line = format!(
        "{} ({}) — **{}**",
        full(g.start),
        relative(g.start),
        escape(&g.title)
    );
    if let Some(location) = &g.location {
        line.push_str(&format!(" · {}", escape(location)));
    }
    if g.status == Status::Moved {
        line.push_str(&format!(" · *{}*", tr!(lang, "status-moved")));
    }
    line
}

/// One line of `/gathering calendar`, optionally prefixed with the community's name.
pub fn calendar_line(lang: Lang, g: &Gathering, zone: Tz, community: Option<&str>) -> String {
    let day = crate::i18n::day_month_padded(lang, g.start.with_timezone(&zone).date_naive());
    let mut line = format!("`{day}` {}–{} ", short_time(g.start), short_time(g.end));
    if let Some(name) = community {
        line.push_str(&format!("[{}] ", escape(name)));
    }
    line.push_str(&escape(&g.title));
    match g.status {
        Status::Cancelled => format!("~~{line}~~ *{}*", tr!(lang, "status-cancelled")),
        Status::Moved => format!("{line} *{}*", tr!(lang, "status-moved")),
        _ => line,
    }
}

/// The public notice of a move: from when to when (and in the community's wall clock), why, and a line
/// that pings the role holders and those going (mentions inside embeds never ping).
pub fn moved_notice(community: &Community, moved: &Moved) -> Reply {
    let lang = community.settings.language;
    let mut text = tr!(
        lang,
        "notice-moved",
        title = escape(&moved.from.title),
        from = full(moved.from.start),
        to = full(moved.to.start),
        relative = relative(moved.to.start)
    );
    text.push('\n');
    text.push_str(&local_span(
        &moved.to,
        community.settings.time_zone,
        community.settings.time_format,
        lang,
    ));
    if let Some(r) = &moved.reason {
        text.push('\n');
        text.push_str(&tr!(lang, "notice-reason", reason = escape(r)));
    }
    let reply = Reply::card(
        Visibility::Public,
        Card::new(tr!(lang, "notice-moved-title"), text),
    );
    pinging(reply, &concerned(&moved.holders, &moved.going))
}

/// The public notice of a cancel: which date, why, the roles it freed, and a line that pings those
/// holders and those going.
pub fn cancelled_notice(lang: Lang, cancelled: &Cancelled) -> Reply {
    let g = &cancelled.gathering;
    let mut text = tr!(
        lang,
        "notice-cancelled",
        title = escape(&g.title),
        when = full(g.start)
    );
    if let Some(r) = &cancelled.reason {
        text.push('\n');
        text.push_str(&tr!(lang, "notice-reason", reason = escape(r)));
    }
    if !cancelled.freed_roles.is_empty() {
        let names: Vec<String> = cancelled
            .freed_roles
            .iter()
            .map(|(r, m)| format!("<@{m}> ({})", escape(r)))
            .collect();
        text.push('\n');
        text.push_str(&tr!(lang, "notice-roles-freed", roles = names.join(", ")));
    }
    let reply = Reply::card(
        Visibility::Public,
        Card::new(tr!(lang, "notice-cancelled-title"), text),
    );
    pinging(reply, &concerned(&cancelled.freed_roles, &cancelled.going))
}

/// `reply` with a first line that mentions `members`, and allowed to ping exactly them.
pub(super) fn pinging(mut reply: Reply, members: &[MemberRef]) -> Reply {
    reply.ping_users = members.iter().map(|m| m.0).collect();
    reply.content = (!members.is_empty()).then(|| {
        members
            .iter()
            .map(|m| format!("<@{m}>"))
            .collect::<Vec<_>>()
            .join(" ")
    });
    reply
}

/// The public card of a new series: its rhythm in words, its times in the community's zone, and its
/// next six dates.
/// `reminders`: the community's reminders when scheduling set them to fit the rhythm.
pub fn scheduled(
    lang: Lang,
    series: &Series,
    zone: Tz,
    format: TimeFormat,
    reminders: Option<&ReminderOffsets>,
) -> Result<Reply, CommandError> {
    let mut card = series_card(lang, series, zone, format)?;
    if let Some(r) = reminders {
        card = card.field(
            tr!(lang, "field-reminders"),
            tr!(
                lang,
                "scheduled-reminders",
                offsets = crate::domain::text::capitalize(&crate::i18n::words::offsets(lang, r))
            ),
            false,
        );
    }
    Ok(Reply::card(Visibility::Public, card))
}

fn series_card(
    lang: Lang,
    series: &Series,
    zone: Tz,
    format: TimeFormat,
) -> Result<Card, CommandError> {
    let first = local_to_utc(series.recurrence.dtstart, zone);
    let dates = series
        .recurrence
        .starts_between(first, first + chrono::Duration::days(3 * 366), 6)
        .map_err(|e| {
            CommandError::Internal(format!("the stored rule could not be expanded: {e}"))
        })?;
    let start = series.recurrence.dtstart.time();
    let end = start + series.duration;
    let mut text = format!(
        "{}, {} ({})",
        crate::domain::text::capitalize(&crate::i18n::words::series_rule(
            lang,
            &series.recurrence.rrule,
            &series.summary
        )),
        crate::i18n::words::span(lang, format, start, end),
        zone.name()
    );
    if let Some(location) = &series.location {
        text.push_str(&format!("\n📍 {}", escape(location)));
    }
    let lines: Vec<String> = dates
        .iter()
        .map(|d| format!("{} ({})", full(*d), relative(*d)))
        .collect();
    Ok(Card::new(
        tr!(lang, "scheduled-title", title = series.title.as_str()),
        text,
    )
    .field(tr!(lang, "scheduled-next-dates"), lines.join("\n"), false)
    .footer(tr!(lang, "scheduled-footer")))
}

/// The public announcement of a one-off gathering: its card's head, titled "Added".
pub fn added(community: &Community, gathering: &Gathering) -> Reply {
    let card = super::agenda_card::head(community, gathering);
    Reply::card(
        Visibility::Public,
        Card {
            title: tr!(
                community.settings.language,
                "added-title",
                title = gathering.title.as_str()
            ),
            ..card
        },
    )
}

/// The public notice that a series ends, with how many upcoming dates were taken off.
pub fn series_ended(lang: Lang, series: &Series, withdrawn: u64) -> Reply {
    let text = crate::i18n::text_n(
        lang,
        "series-ended",
        i64::try_from(withdrawn).unwrap_or(i64::MAX),
        &[
            ("title", escape(&series.title).into()),
            (
                "rule",
                crate::i18n::words::series_rule(lang, &series.recurrence.rrule, &series.summary)
                    .into(),
            ),
        ],
    );
    Reply::card(
        Visibility::Public,
        Card::new(tr!(lang, "series-ended-title"), text),
    )
}
