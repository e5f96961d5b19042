//! How gatherings look in Discord: Discord timestamps (each member sees their own local time) with the
//! community's zone named, the agenda card, list and calendar lines.

use super::super::reply::Card;
use crate::domain::gathering::{Gathering, Status};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;

/// `<t:…:F>`: full date and time in the reader's zone.
pub fn full(t: DateTime<Utc>) -> String {
    format!("<t:{}:F>", t.timestamp())
}

/// `<t:…:R>`: "in 3 days".
pub fn relative(t: DateTime<Utc>) -> String {
    format!("<t:{}:R>", t.timestamp())
}

/// `<t:…:t>`: time only.
pub fn short_time(t: DateTime<Utc>) -> String {
    format!("<t:{}:t>", t.timestamp())
}

/// "Fri 6 Mar 2026, 13:00–16:00 America/Phoenix": the community's own wall-clock time.
pub fn local_span(g: &Gathering, zone: Tz) -> String {
    let start = g.start.with_timezone(&zone);
    let end = g.end.with_timezone(&zone);
    let end_text = if end.date_naive() == start.date_naive() {
        end.format("%H:%M").to_string()
    } else {
        end.format("%a %-d %b %H:%M").to_string()
    };
    format!(
        "{}–{} {}",
        start.format("%a %-d %b %Y, %H:%M"),
        end_text,
        zone.name()
    )
}

/// A gathering as a choice in autocomplete: "Fri 6 Mar 2026 13:00 — Monthly session".
pub fn choice_label(g: &Gathering, zone: Tz) -> String {
    let start = g.start.with_timezone(&zone);
    let label = format!("{} — {}", start.format("%a %-d %b %Y %H:%M"), g.title);
    label.chars().take(100).collect()
}

/// One line of `/gathering list`.
pub fn list_line(g: &Gathering) -> String {
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
        line.push_str(" · *moved*");
    }
    line
}

/// One line of `/gathering calendar`, optionally prefixed with the community's name.
pub fn calendar_line(g: &Gathering, zone: Tz, community: Option<&str>) -> String {
    let day = g.start.with_timezone(&zone).format("%a %d %b");
    let mut line = format!("`{day}` {}–{} ", short_time(g.start), short_time(g.end));
    if let Some(name) = community {
        line.push_str(&format!("[{}] ", escape(name)));
    }
    line.push_str(&escape(&g.title));
    match g.status {
        Status::Cancelled => format!("~~{line}~~ *cancelled*"),
        Status::Moved => format!("{line} *moved*"),
        _ => line,
    }
}

/// The agenda card of a gathering.
pub fn agenda_card(g: &Gathering, zone: Tz, community: &str) -> Card {
    let mut text = format!(
        "{} – {} ({})\n{}",
        full(g.start),
        short_time(g.end),
        relative(g.start),
        local_span(g, zone)
    );
    if let Some(location) = &g.location {
        text.push_str(&format!("\n📍 {}", escape(location)));
    }
    if g.status == Status::Moved {
        let why = g
            .reason
            .as_deref()
            .map(|r| format!(": {}", escape(r)))
            .unwrap_or_default();
        text.push_str(&format!("\n*Moved from {}{why}*", full(g.original_start)));
    }
    Card::new(format!("Next gathering: {}", g.title), text).footer(community.to_owned())
}

/// Markdown-escapes user text for a card (the text stays readable; formatting characters lose power).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '*' | '_' | '~' | '`' | '|' | '>' | '#' | '[' | ']') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
