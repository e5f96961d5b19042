//! What `/community` says: the welcome card, what a settings change did, `/community info` and
//! `/community list`.

use super::flows::SettingsChanged;
use crate::discord::format::{escape, full, relative};
use crate::discord::format::{Card, Reply, Visibility};
use crate::domain::community::{show_role, Community};
use crate::domain::gathering::Gathering;
use crate::domain::role_prompt::RolePrompt;
use crate::domain::roles::Template;
use crate::domain::text::capitalize;
use crate::i18n::words;
use crate::tr;
use chrono::{DateTime, Utc};

/// The public welcome card of a new community: what the channel is now, the organizers' next step and
/// how members take part. Settings only organizers act on are in `/community info`, for organizers.
pub fn welcome(community: &Community, now: DateTime<Utc>) -> Reply {
    let s = &community.settings;
    let lang = s.language;
    let time = s.time_format.clock(now.with_timezone(&s.time_zone).time());
    let card = Card::new(
        tr!(lang, "welcome-title", name = s.name.as_str()),
        tr!(
            lang,
            "welcome-text",
            name = s.name.as_str(),
            zone = s.time_zone.name(),
            time = time
        ),
    )
    .field(
        tr!(lang, "welcome-next-step"),
        tr!(lang, "welcome-next-step-text"),
        false,
    )
    .field(
        tr!(lang, "welcome-taking-part"),
        tr!(lang, "welcome-taking-part-text"),
        false,
    )
    .field(
        tr!(lang, "field-organizers"),
        organizers_line(community),
        true,
    )
    .field(
        tr!(lang, "field-reminders"),
        reminders_line(community),
        true,
    )
    .field(
        tr!(lang, "field-role-prompts"),
        prompt_line(community, now),
        true,
    );
    Reply::card(Visibility::Public, card.footer(tr!(lang, "welcome-footer")))
}

/// Privately, what a settings change did.
pub fn settings_changed(done: &SettingsChanged, public_url: Option<&str>) -> Reply {
    if done.changed.is_empty() {
        return Reply::private("Nothing changed: those are already the settings.");
    }
    let mut text = format!(
        "Settings of **{}** updated:\n• {}",
        done.name,
        done.changed.join("\n• ")
    );
    if let Some(slug) = &done.page {
        text.push_str(&match public_url {
            Some(base) => format!(
                "\n\nThe public page: <{base}/c/{slug}>. Anyone can read it: the next gatherings with their \
                 titles and places (so no home address in a location), open roles, how many are going{}, \
                 and the calendar link, which anyone can then subscribe to.",
                if done.changed.iter().any(|c| c.starts_with("names on the public page: off → on")) {
                    ", and the names of role holders and of those going (each as the server shows it, \
                     once they have used the bot here)"
                } else {
                    ""
                }
            ),
            None => "\n\nThe page is served at `/c/{slug}` on this bot's HTTP listener, which has no public \
                     address yet (`http.public_url`): ask whoever runs the bot."
                .replace("{slug}", slug),
        });
    }
    if done.feed_replaced {
        text.push_str(
            "\n\nThe calendar link the page showed was replaced, so it stops working; members get the new \
             one with `/gathering export`.",
        );
    }
    Reply::private(text)
}

/// `/community info`: settings, role template, next gathering and any problem organizers should fix;
/// for `organizer`s also the settings only they act on and whether the public page is off.
pub fn info(
    community: &Community,
    organizer: bool,
    next: Option<&Gathering>,
    problem: Option<&str>,
    page: Option<&str>,
    now: DateTime<Utc>,
) -> Reply {
    let card = Card::new(
        community.settings.name.to_string(),
        format!("Community of practice of <#{}>.", community.channel),
    );
    let public = match (community.settings.public_page, page) {
        (false, _) => "Off".to_owned(),
        (true, Some(page)) => format!(
            "On, {} — {page}",
            if community.settings.public_names {
                "with names"
            } else {
                "counts only, no names"
            }
        ),
        (true, None) => "On (the bot has no public address yet: `http.public_url`)".to_owned(),
    };
    let mut card = settings_fields(card, community, organizer, now);
    // The page is public when it is on; whether it is off matters to organizers only.
    if organizer || community.settings.public_page {
        card = card.field("Public page", public, true);
    }
    card = card.field("Next gathering", next_line(next), false);
    // A member who sees a problem can tell an organizer.
    if let Some(problem) = problem {
        card = card.field("⚠️ Needs attention", problem, false);
    }
    let footer = format!("Set up on {}", community.created_at.format("%Y-%m-%d"));
    Reply::card(Visibility::Private, card.footer(footer))
}

fn next_line(next: Option<&Gathering>) -> String {
    match next {
        Some(g) => format!(
            "**{}** — {} ({})",
            escape(&g.title),
            full(g.start),
            relative(g.start)
        ),
        None => "None scheduled yet: organizers can set the rhythm with `/gathering schedule`."
            .to_owned(),
    }
}

/// `/community list`: every community of the guild with its channel and next gathering.
pub fn list(communities: &[(Community, Option<Gathering>)]) -> Reply {
    if communities.is_empty() {
        return Reply::private(
            "No communities in this server yet. A member with Manage Server can set one up in any channel \
             with `/community setup name timezone`.",
        );
    }
    let lines: Vec<String> = communities
        .iter()
        .map(|(c, next)| {
            let next = match next {
                Some(g) => format!("next: {} ({})", full(g.start), relative(g.start)),
                None => "no gathering scheduled".to_owned(),
            };
            let name = escape(c.settings.name.as_str());
            format!(
                "**{name}** — <#{}> · {} · {next}",
                c.channel, c.settings.time_zone
            )
        })
        .collect();
    let card = Card::new(
        format!("Communities in this server ({})", communities.len()),
        lines.join("\n"),
    );
    Reply::card(Visibility::Private, card)
}

/// Who organizes: the organizer role (if any) and members with Manage Server.
fn organizers_line(community: &Community) -> String {
    match community.settings.organizer_role {
        Some(_) => format!(
            "{} and members with Manage Server",
            show_role(community.settings.organizer_role)
        ),
        None => "Members with Manage Server".to_owned(),
    }
}

fn reminders_line(community: &Community) -> String {
    let s = &community.settings;
    let lang = s.language;
    if s.reminders.is_off() {
        capitalize(&tr!(lang, "words-off"))
    } else {
        capitalize(&tr!(
            lang,
            "words-each-gathering",
            offsets = words::offsets(lang, &s.reminders)
        ))
    }
}

fn prompt_line(community: &Community, now: DateTime<Utc>) -> String {
    let s = &community.settings;
    let lang = s.language;
    let words = capitalize(&words::prompt(lang, &s.role_prompt, s.time_format));
    match (&s.role_prompt, s.role_prompt.next_after(now, s.time_zone)) {
        (RolePrompt::Off, _) => words,
        (_, Some(next)) => tr!(
            lang,
            "words-next",
            words = words,
            next = format!("<t:{}:F>", next.timestamp())
        ),
        (_, None) => words,
    }
}

/// The settings everyone may read; `organizer` adds those only organizers act on.
fn settings_fields(card: Card, community: &Community, organizer: bool, now: DateTime<Utc>) -> Card {
    let s = &community.settings;
    let local = s.time_format.clock(now.with_timezone(&s.time_zone).time());
    let card = card
        .field(
            "Time zone",
            format!("{} (it is {local} there now)", s.time_zone),
            true,
        )
        .field("Organizers", organizers_line(community), true)
        .field("Reminders", reminders_line(community), true)
        .field("Role prompts", prompt_line(community, now), true);
    let card = if organizer {
        card.field(
            "DM reminders",
            if s.dm_reminders { "On" } else { "Off" },
            true,
        )
        .field(
            "One role per member",
            if s.one_role_per_member { "On" } else { "Off" },
            true,
        )
        .field("Times", s.time_format.span(at(13), at(16)), true)
    } else {
        card
    };
    card.field("Agenda roles", roles_text(&community.template), false)
}

fn at(hour: i64) -> chrono::NaiveTime {
    chrono::NaiveTime::MIN + chrono::Duration::hours(hour)
}

fn roles_text(template: &Template) -> String {
    if template.roles().is_empty() {
        "None: organizers can add some with `/role template add`.".to_owned()
    } else {
        let names: Vec<String> = template.roles().iter().map(|r| escape(r)).collect();
        names.join(", ")
    }
}
