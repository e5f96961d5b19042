//! What `/community` says: the welcome card, what a settings change did, `/community info` and
//! `/community list`.

use super::flows::SettingsChanged;
use crate::discord::format::{escape, full, relative};
use crate::discord::format::{Card, Reply, Visibility};
use crate::domain::community::{show_role, Community, SettingChange};
use crate::domain::gathering::Gathering;
use crate::domain::language::Lang;
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
    let time = words::clock(lang, s.time_format, now.with_timezone(&s.time_zone).time());
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
    );
    let card = who_and_when(lang, card, community, now);
    Reply::card(Visibility::Public, card.footer(tr!(lang, "welcome-footer")))
}

/// Privately, in the organizer's language, what a settings change did.
pub fn settings_changed(lang: Lang, done: &SettingsChanged, public_url: Option<&str>) -> Reply {
    if done.changed.is_empty() {
        return Reply::private(tr!(lang, "community-settings-unchanged"));
    }
    let lines: Vec<String> = done
        .changed
        .iter()
        .map(|change| words::setting_change(lang, change))
        .collect();
    let mut text = tr!(
        lang,
        "community-settings-updated",
        name = done.name.as_str(),
        changes = lines.join("\n• ")
    );
    if let Some(slug) = &done.page {
        text.push_str("\n\n");
        text.push_str(&match public_url {
            Some(base) => {
                let url = format!("{base}/c/{slug}");
                if done.changed.contains(&SettingChange::PublicNames(true)) {
                    tr!(lang, "community-page-public-names", url = url)
                } else {
                    tr!(lang, "community-page-public", url = url)
                }
            }
            None => tr!(lang, "community-page-no-address", slug = slug.as_str()),
        });
    }
    if done.feed_replaced {
        text.push_str("\n\n");
        text.push_str(&tr!(lang, "community-page-feed-replaced"));
    }
    Reply::private(text)
}

/// `/community info`: settings, role template, next gathering and any problem organizers should fix;
/// for `organizer`s also the settings only they act on and whether the public page is off.
#[allow(clippy::too_many_arguments)]
pub fn info(
    lang: Lang,
    community: &Community,
    organizer: bool,
    next: Option<&Gathering>,
    problem: Option<&str>,
    page: Option<&str>,
    now: DateTime<Utc>,
) -> Reply {
    let card = Card::new(
        community.settings.name.to_string(),
        tr!(
            lang,
            "info-of-channel",
            channel = format!("<#{}>", community.channel)
        ),
    );
    let public = match (community.settings.public_page, page) {
        (false, _) => tr!(lang, "off"),
        (true, Some(page)) if community.settings.public_names => {
            tr!(lang, "info-page-names", page = page)
        }
        (true, Some(page)) => tr!(lang, "info-page-counts", page = page),
        (true, None) => tr!(lang, "info-page-no-address"),
    };
    let mut card = settings_fields(lang, card, community, organizer, now);
    // The page is public when it is on; whether it is off matters to organizers only.
    if organizer || community.settings.public_page {
        card = card.field(tr!(lang, "info-public-page"), public, true);
    }
    card = card.field(tr!(lang, "info-next"), next_line(lang, next), false);
    // A member who sees a problem can tell an organizer.
    if let Some(problem) = problem {
        card = card.field(tr!(lang, "info-attention"), problem, false);
    }
    let footer = tr!(
        lang,
        "info-set-up-on",
        date = crate::i18n::day_month_year(lang, community.created_at.date_naive())
    );
    Reply::card(Visibility::Private, card.footer(footer))
}

fn next_line(lang: Lang, next: Option<&Gathering>) -> String {
    match next {
        Some(g) => format!(
            "**{}** — {} ({})",
            escape(&g.title),
            full(g.start),
            relative(g.start)
        ),
        None => tr!(lang, "info-none-scheduled"),
    }
}

/// `/community list`: every community of the guild with its channel and next gathering.
pub fn list(lang: Lang, communities: &[(Community, Option<Gathering>)]) -> Reply {
    if communities.is_empty() {
        return Reply::private(tr!(lang, "list-communities-none"));
    }
    let lines: Vec<String> = communities
        .iter()
        .map(|(c, next)| {
            let next = match next {
                Some(g) => tr!(
                    lang,
                    "list-communities-next",
                    when = full(g.start),
                    relative = relative(g.start)
                ),
                None => tr!(lang, "list-communities-no-gathering"),
            };
            tr!(
                lang,
                "community-list-line",
                name = escape(c.settings.name.as_str()),
                channel = c.channel.to_string(),
                zone = c.settings.time_zone.name(),
                next = next
            )
        })
        .collect();
    let card = Card::new(
        tr!(lang, "list-communities-title", count = communities.len()),
        lines.join("\n"),
    );
    Reply::card(Visibility::Private, card)
}

/// Who organizes: the organizer role (if any) and members with Manage Server.
fn organizers_line(lang: Lang, community: &Community) -> String {
    match community.settings.organizer_role {
        Some(_) => tr!(
            lang,
            "organizers-role",
            role = show_role(community.settings.organizer_role)
        ),
        None => tr!(lang, "organizers-manage-server"),
    }
}

fn reminders_line(lang: Lang, community: &Community) -> String {
    let s = &community.settings;
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

fn prompt_line(lang: Lang, community: &Community, now: DateTime<Utc>) -> String {
    let s = &community.settings;
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

/// Who organizes, and when reminders and role prompts come: on the welcome card and in the info.
fn who_and_when(lang: Lang, card: Card, community: &Community, now: DateTime<Utc>) -> Card {
    card.field(
        tr!(lang, "field-organizers"),
        organizers_line(lang, community),
        true,
    )
    .field(
        tr!(lang, "field-reminders"),
        reminders_line(lang, community),
        true,
    )
    .field(
        tr!(lang, "field-role-prompts"),
        prompt_line(lang, community, now),
        true,
    )
}

/// The settings everyone may read; `organizer` adds those only organizers act on.
fn settings_fields(
    lang: Lang,
    card: Card,
    community: &Community,
    organizer: bool,
    now: DateTime<Utc>,
) -> Card {
    let s = &community.settings;
    let local = words::clock(lang, s.time_format, now.with_timezone(&s.time_zone).time());
    let on_off = |on: bool| {
        if on {
            tr!(lang, "on")
        } else {
            tr!(lang, "off")
        }
    };
    let card = card.field(
        tr!(lang, "info-time-zone"),
        tr!(
            lang,
            "info-zone-now",
            zone = s.time_zone.name(),
            time = local
        ),
        true,
    );
    let card = who_and_when(lang, card, community, now);
    let card = if organizer {
        card.field(tr!(lang, "info-dm-reminders"), on_off(s.dm_reminders), true)
            .field(
                tr!(lang, "info-one-role"),
                on_off(s.one_role_per_member),
                true,
            )
            .field(
                tr!(lang, "info-times"),
                words::span(lang, s.time_format, at(13), at(16)),
                true,
            )
            .field(tr!(lang, "info-language"), tr!(lang, "language-name"), true)
    } else {
        card
    };
    card.field(
        tr!(lang, "info-agenda-roles"),
        roles_text(lang, &community.template),
        false,
    )
}

fn at(hour: i64) -> chrono::NaiveTime {
    chrono::NaiveTime::MIN + chrono::Duration::hours(hour)
}

fn roles_text(lang: Lang, template: &Template) -> String {
    if template.roles().is_empty() {
        tr!(lang, "info-no-roles")
    } else {
        let names: Vec<String> = template.roles().iter().map(|r| escape(r)).collect();
        names.join(", ")
    }
}
