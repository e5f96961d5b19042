//! What `/community setup|settings|info|list` do, on plain values: parse, check, store, and say.

use crate::discord::context::Place;
use crate::discord::CommandError;
use crate::domain::access::Actor;
use crate::domain::community::{Community, CommunityName, SettingChange, Settings, SettingsChange};
use crate::domain::ids::RoleRef;
use crate::domain::language::Lang;
use crate::domain::message::Message;
use crate::domain::reminders::ReminderOffsets;
use crate::domain::role_prompt::{RolePrompt, TimeFormat};
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
    /// The language of the organizer's Discord, when it is one of the bot's: the community's first.
    pub language: Option<Lang>,
}

/// Binds the channel to a new community; returns it.
pub async fn setup(
    store: &Store,
    input: SetupInput,
    now: DateTime<Utc>,
) -> Result<Community, CommandError> {
    if !input.actor.manages_server {
        return Err(CommandError::said(Message::key(
            "community-setup-needs-manage-server",
        )));
    }
    let name = CommunityName::parse(&input.name)?;
    let time_zone = zone::parse(&input.timezone)?;
    let organizer_role = match input.organizer_role {
        None => None,
        Some(RoleChoice::Role(role)) => Some(role),
        Some(RoleChoice::Everyone) => {
            return Err(CommandError::said(Message::key(
                "community-setup-everyone-organizer",
            )))
        }
    };
    let mut settings = Settings::new(name, time_zone, organizer_role);
    settings.language = input.language.unwrap_or_default();
    let created = store
        .create_community(input.place.guild, input.place.channel, &settings, now)
        .await?;
    let community = created.map_err(|conflict| {
        CommandError::said(
            Message::key("community-setup-channel-taken").with("name", &conflict.0.settings.name),
        )
    })?;
    Ok(community)
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
    /// `role_prompt` as typed: `mon 10:00`, `14d,7d,3d`, a cron, or `off` (in the community's zone).
    pub role_prompt: Option<String>,
    /// `dm_reminders`: whether members who answered going also get reminders by DM.
    pub dm_reminders: Option<bool>,
    /// `one_role_per_member`: whether a member may hold at most one role per gathering.
    pub one_role_per_member: Option<bool>,
    /// `public_page`: whether the community has a read-only page on the HTTP listener.
    pub public_page: Option<bool>,
    /// `public_names`: whether that page names role holders and those going.
    pub public_names: Option<bool>,
    /// `time_format`: `24h` or `12h`.
    pub time_format: Option<TimeFormat>,
    /// `language`: `en` or `fr`.
    pub language: Option<Lang>,
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
            public_page: self.public_page,
            public_names: self.public_names,
            time_format: self.time_format,
            language: self.language,
        })
    }
}

/// What a settings change did: the community's name after it, and each change (empty when the options
/// given were already the settings), said in the reader's language by the view.
#[derive(Debug, Clone, PartialEq)]
pub struct SettingsChanged {
    /// The name after the change.
    pub name: String,
    /// Each setting that changed, from what to what.
    pub changed: Vec<SettingChange>,
    /// The public page's slug, when this change opened it up or changed what it shows.
    pub page: Option<String>,
    /// The page was closed, and with it the calendar link it showed.
    pub feed_replaced: bool,
    /// A new time zone that waits for the organizer's answer, and how many gatherings are coming up.
    pub zone_question: Option<(chrono_tz::Tz, usize)>,
}

/// Changes settings (organizers only), replanning posts when their timing changed.
#[tracing::instrument(skip_all, fields(community = %community.id))]
pub async fn settings(
    store: &Store,
    community: &Community,
    actor: &Actor,
    input: SettingsInput,
    now: DateTime<Utc>,
) -> Result<SettingsChanged, CommandError> {
    crate::discord::context::require_organizer(community, actor)?;
    let change = input.parse(now)?;
    if change.is_empty() {
        return Err(CommandError::said(Message::key(
            "community-settings-nothing-given",
        )));
    }
    // With gatherings coming up, a new zone waits for the organizer to say whether they keep their
    // local times or their moments (the buttons of `zone_change`); the other options apply now.
    let mut change = change;
    let mut zone_question = None;
    if let Some(zone) = change
        .time_zone
        .filter(|z| *z != community.settings.time_zone)
    {
        let upcoming = store.upcoming(community.id, now, 100).await?.len();
        if upcoming > 0 {
            change.time_zone = None;
            zone_question = Some((zone, upcoming));
        }
    }
    let (mut next, mut changed) = change.apply(&community.settings);
    if next.public_names && !next.public_page {
        if change.public_names == Some(true) {
            return Err(CommandError::said(Message::key(
                "community-names-need-page",
            )));
        }
        // The page was turned off: its names go with it.
        next.public_names = false;
        changed.push(SettingChange::PublicNames(false));
    }
    if changed.is_empty() {
        // Reminders set to what they were are now chosen: they no longer follow the rhythm.
        if next != community.settings {
            saved(
                store
                    .save_settings(community.id, &next, community.settings.time_zone, now)
                    .await?,
            )?;
        }
        return Ok(SettingsChanged {
            name: next.name.to_string(),
            changed,
            page: None,
            feed_replaced: false,
            zone_question,
        });
    }
    saved(
        store
            .save_settings(community.id, &next, community.settings.time_zone, now)
            .await?,
    )?;
    if community.settings.public_names && !next.public_names {
        let forgotten = store.forget_names(community.id).await?;
        tracing::info!(community = %community.id, forgotten, "names on the public page turned off");
    }
    // The page showed the calendar link to anyone: closing the page closes that link too.
    let feed_replaced = community.settings.public_page && !next.public_page;
    if feed_replaced {
        store.reset_feed_token(community.id).await?;
    }
    let page = if next.public_page {
        Some(store.public_slug(community).await?)
    } else {
        None
    };
    let reposts =
        change.reminders.is_some() || change.role_prompt.is_some() || change.time_zone.is_some();
    if reposts {
        store.replan_community(community.id, now).await?;
    }
    Ok(SettingsChanged {
        name: next.name.to_string(),
        changed,
        page: page.filter(|_| change.public_page == Some(true) || change.public_names.is_some()),
        feed_replaced,
        zone_question,
    })
}

/// A save refused because the time zone changed meanwhile is said so (nothing was changed).
fn saved(done: bool) -> Result<(), CommandError> {
    if done {
        Ok(())
    } else {
        Err(CommandError::said(Message::key(
            "community-zone-changed-meanwhile",
        )))
    }
}

/// The presets of `role_prompt`'s autocomplete (label, value), after what is being typed when it reads
/// as a prompt (labelled in words) or its first problem, in `lang`. Labels stay within Discord's 100
/// characters.
pub fn role_prompt_choices(
    lang: Lang,
    partial: &str,
    format: TimeFormat,
    now: DateTime<Utc>,
) -> Vec<(String, String)> {
    const PRESETS: [&str; 6] = ["mon 10:00", "14d,7d,3d", "7d,3d", "3d", "fri 10:00", "off"];
    let mut choices = Vec::new();
    let typed = crate::domain::text::clean_line(partial);
    if !typed.is_empty() {
        let said = match RolePrompt::parse(&typed, now) {
            Ok(prompt) => crate::i18n::words::prompt(lang, &prompt, format),
            Err(e) => crate::i18n::render(lang, e.message()),
        };
        let label = crate::tr!(lang, "community-prompt-choice", typed = typed, words = said);
        choices.push((
            crate::domain::text::cut(&label, 100),
            crate::domain::text::cut(&typed, 100),
        ));
    }
    for preset in PRESETS {
        if choices.iter().any(|(_, v)| v == preset) {
            continue;
        }
        if let Ok(prompt) = RolePrompt::parse(preset, now) {
            let label = if preset == "off" {
                crate::tr!(lang, "community-prompt-off-choice")
            } else {
                crate::tr!(
                    lang,
                    "community-prompt-choice",
                    typed = preset,
                    words = crate::i18n::words::prompt(lang, &prompt, format)
                )
            };
            choices.push((crate::domain::text::cut(&label, 100), preset.to_owned()));
        }
    }
    choices
}
