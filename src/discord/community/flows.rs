//! What `/community setup|settings|info|list` do, on plain values: parse, check, store, and say.

use crate::discord::context::Place;
use crate::discord::format::{escape, full, relative};
use crate::discord::format::{Card, Reply, Visibility};
use crate::discord::CommandError;
use crate::domain::access::Actor;
use crate::domain::community::{show_role, Community, CommunityName, Settings, SettingsChange};
use crate::domain::gathering::Gathering;
use crate::domain::ids::RoleRef;
use crate::domain::reminders::ReminderOffsets;
use crate::domain::role_prompt::RolePrompt;
use crate::domain::roles::Template;
use crate::domain::zone;
use crate::store::Store;
use chrono::{DateTime, Utc};

/// A role picked in a role option: a real role, or the server's @everyone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoleChoice {
    /// A real role of the server, picked in the option.
    Role(RoleRef),
    /// @everyone (its id is the guild's).
    Everyone,
}

/// `/community setup` as typed.
#[derive(Debug, Clone)]
pub struct SetupInput {
    /// The server and channel it was typed in; the channel becomes the community's home.
    pub place: Place,
    /// The member who typed it; only one with Manage Server may set up a community.
    pub actor: Actor,
    /// `name`: what the community is called, as typed (cleaned and checked here).
    pub name: String,
    /// `timezone`: an IANA zone as typed, e.g. `America/Phoenix`; gatherings are read in it.
    pub timezone: String,
    /// `organizer_role`: whose members organize (besides Manage Server); `None` if left out.
    pub organizer_role: Option<RoleChoice>,
}

/// Binds the channel to a new community; public welcome card.
pub async fn setup(
    store: &Store,
    input: SetupInput,
    now: DateTime<Utc>,
) -> Result<Reply, CommandError> {
    if !input.actor.manages_server {
        return Err(CommandError::user(
            "Setting up a community needs the Manage Server permission. Ask a server admin to run \
             `/community setup` in this channel.",
        ));
    }
    let name = CommunityName::parse(&input.name)?;
    let time_zone = zone::parse(&input.timezone)?;
    let organizer_role = match input.organizer_role {
        None => None,
        Some(RoleChoice::Role(role)) => Some(role),
        Some(RoleChoice::Everyone) => {
            return Err(CommandError::user(
                "@everyone cannot be the organizer role: pick the role your coordinators have, or leave \
                 `organizer_role` out (then members with Manage Server organize).",
            ))
        }
    };
    let settings = Settings::new(name, time_zone, organizer_role);
    let created = store
        .create_community(input.place.guild, input.place.channel, &settings, now)
        .await?;
    let community = created.map_err(|conflict| {
        CommandError::user(format!(
            "This channel is already the home of **{}**. Change it with `/community settings`, or set up \
             the new community in another channel.",
            conflict.0.settings.name
        ))
    })?;
    let card = Card::new(
        format!("{} is set up in this channel", community.settings.name),
        format!(
            "This channel is now the home of **{}**, a community of practice that meets in the \
             **{}** time zone. Steward will keep its calendar, get agenda roles claimed, remind \
             people and archive what you learn.",
            community.settings.name, community.settings.time_zone
        ),
    );
    Ok(Reply::card(
        Visibility::Public,
        settings_fields(card, &community, now).footer(
            "Organizers can adjust this with /community settings · /help lists every command",
        ),
    ))
}

/// `/community settings` as typed (`None` = leave as is).
#[derive(Debug, Clone, Default)]
pub struct SettingsInput {
    /// `name`: the community's new name, as typed.
    pub name: Option<String>,
    /// `timezone`: the new IANA time zone as typed, e.g. `Europe/Berlin`.
    pub timezone: Option<String>,
    /// `organizer_role` (@everyone removes it).
    pub organizer_role: Option<RoleChoice>,
    /// `reminders`: when reminders go out before a gathering, e.g. `1d,2h`, or `off`.
    pub reminders: Option<String>,
    /// `role_prompt`: a 6-field cron in the community's zone, or `off`, as typed.
    pub role_prompt: Option<String>,
    /// `dm_reminders`: whether members who answered going also get reminders by DM.
    pub dm_reminders: Option<bool>,
    /// `one_role_per_member`: whether a member may hold at most one role per gathering.
    pub one_role_per_member: Option<bool>,
}

impl SettingsInput {
    /// Parses every given option; the first bad one is reported and nothing is changed.
    pub fn parse(&self, now: DateTime<Utc>) -> Result<SettingsChange, CommandError> {
        Ok(SettingsChange {
            name: self.name.as_deref().map(CommunityName::parse).transpose()?,
            time_zone: self.timezone.as_deref().map(zone::parse).transpose()?,
            organizer_role: self.organizer_role.map(|choice| match choice {
                RoleChoice::Role(role) => Some(role),
                RoleChoice::Everyone => None,
            }),
            reminders: self
                .reminders
                .as_deref()
                .map(ReminderOffsets::parse)
                .transpose()?,
            role_prompt: self
                .role_prompt
                .as_deref()
                .map(|p| RolePrompt::parse(p, now))
                .transpose()?,
            dm_reminders: self.dm_reminders,
            one_role_per_member: self.one_role_per_member,
        })
    }
}

/// Changes settings (organizers only); says what changed, privately.
#[tracing::instrument(skip_all, fields(community = %community.id))]
pub async fn settings(
    store: &Store,
    community: &Community,
    actor: &Actor,
    input: SettingsInput,
    now: DateTime<Utc>,
) -> Result<Reply, CommandError> {
    crate::discord::context::require_organizer(community, actor)?;
    let change = input.parse(now)?;
    if change.is_empty() {
        return Err(CommandError::user(
            "Nothing to change: give at least one option, for example `/community settings reminders:7d,1d,2h` \
             or `/community settings role_prompt:off`. `/community info` shows the current settings.",
        ));
    }
    let (next, changed) = change.apply(&community.settings);
    if changed.is_empty() {
        return Ok(Reply::private(
            "Nothing changed: those are already the settings.",
        ));
    }
    store.save_settings(community.id, &next, now).await?;
    let reposts =
        change.reminders.is_some() || change.role_prompt.is_some() || change.time_zone.is_some();
    if reposts {
        store.replan_community(community.id, now).await?;
    }
    Ok(Reply::private(format!(
        "Settings of **{}** updated:\n• {}",
        next.name,
        changed.join("\n• ")
    )))
}

/// `/community info`: settings, role template, next gathering, and any problem organizers should fix.
pub fn info(
    community: &Community,
    next: Option<&Gathering>,
    problem: Option<&str>,
    now: DateTime<Utc>,
) -> Reply {
    let card = Card::new(
        community.settings.name.to_string(),
        format!("Community of practice of <#{}>.", community.channel),
    );
    let mut card =
        settings_fields(card, community, now).field("Next gathering", next_line(next), false);
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

fn settings_fields(card: Card, community: &Community, now: DateTime<Utc>) -> Card {
    let s = &community.settings;
    let local = now.with_timezone(&s.time_zone).format("%H:%M");
    let organizers = match s.organizer_role {
        Some(_) => format!(
            "{} and members with Manage Server",
            show_role(s.organizer_role)
        ),
        None => "Members with Manage Server".to_owned(),
    };
    let reminders = if s.reminders.is_off() {
        "Off".to_owned()
    } else {
        format!("`{}` before each gathering", s.reminders)
    };
    let prompt = match s.role_prompt.next_after(now, s.time_zone) {
        Some(next) => format!("`{}` (next <t:{}:F>)", s.role_prompt, next.timestamp()),
        None => "Off".to_owned(),
    };
    card.field(
        "Time zone",
        format!("{} (it is {local} there now)", s.time_zone),
        true,
    )
    .field("Organizers", organizers, true)
    .field("Reminders", reminders, true)
    .field("Role prompts", prompt, true)
    .field(
        "DM reminders",
        if s.dm_reminders { "On" } else { "Off" },
        true,
    )
    .field(
        "One role per member",
        if s.one_role_per_member { "On" } else { "Off" },
        true,
    )
    .field("Agenda roles", roles_text(&community.template), false)
}

fn roles_text(template: &Template) -> String {
    if template.roles().is_empty() {
        "None: organizers can add some with `/role template add`.".to_owned()
    } else {
        let names: Vec<String> = template.roles().iter().map(|r| escape(r)).collect();
        names.join(", ")
    }
}
