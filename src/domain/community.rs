//! A community of practice: one Discord channel, a name, a time zone, an organizer role and its settings.

use super::ids::{ChannelRef, CommunityId, GuildRef, RoleRef};
use super::language::Lang;
use super::message::Message;
use super::reminders::ReminderOffsets;
use super::role_prompt::{RolePrompt, TimeFormat};
use super::roles::Template;
use super::text::clean_line;
use super::InputError;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use std::fmt;

/// The longest community name.
pub const MAX_NAME_CHARS: usize = 100;

/// A community's name: 1–100 visible characters on one line (see [`clean_line`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommunityName(String);

impl CommunityName {
    /// Cleans (one line, no invisible characters, NFKC) and checks a name.
    pub fn parse(input: &str) -> Result<Self, InputError> {
        let name = clean_line(input);
        if name.is_empty() {
            return Err(InputError::new(Message::key("input-name-empty")));
        }
        let chars = name.chars().count();
        if chars > MAX_NAME_CHARS {
            return Err(InputError::new(
                Message::key("input-name-too-long")
                    .with("chars", chars)
                    .with("max", MAX_NAME_CHARS),
            ));
        }
        Ok(CommunityName(name))
    }

    /// The name as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CommunityName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The settings an organizer can change with `/community settings`.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// What the community is called on its cards and in lists.
    pub name: CommunityName,
    /// Its IANA time zone.
    pub time_zone: Tz,
    /// Members with this role are organizers (besides Manage Server).
    pub organizer_role: Option<RoleRef>,
    /// When reminders go out before a gathering.
    pub reminders: ReminderOffsets,
    /// When unclaimed roles are nudged.
    pub role_prompt: RolePrompt,
    /// Whether members who answered *going* also get a DM reminder.
    pub dm_reminders: bool,
    /// Whether a member may hold at most one role per gathering.
    pub one_role_per_member: bool,
    /// Whether the community has a public page (`/c/<slug>`, and a line on `/`) on the HTTP listener.
    pub public_page: bool,
    /// Whether that page shows the names of role holders and of those going (else only counts).
    pub public_names: bool,
    /// How the community's own wall-clock lines read: `13:00` or `1 pm`.
    pub time_format: TimeFormat,
    /// Whether an organizer chose the reminder offsets; until then they follow the rhythm of the
    /// series scheduled (weekly: a day and two hours before; monthly and rarer: a week and a day).
    pub reminders_chosen: bool,
    /// The language of its public posts and cards.
    pub language: Lang,
}

impl Settings {
    /// The settings of a newly set-up community.
    pub fn new(name: CommunityName, time_zone: Tz, organizer_role: Option<RoleRef>) -> Self {
        Settings {
            name,
            time_zone,
            organizer_role,
            reminders: ReminderOffsets::default_offsets(),
            role_prompt: RolePrompt::default_prompt(),
            dm_reminders: false,
            one_role_per_member: false,
            public_page: false,
            public_names: false,
            time_format: TimeFormat::H24,
            reminders_chosen: false,
            language: Lang::En,
        }
    }
}

/// A community of practice as stored: its channel, settings and agenda template.
#[derive(Debug, Clone, PartialEq)]
pub struct Community {
    /// Steward's id of the community (not a Discord id).
    pub id: CommunityId,
    /// The guild it lives in.
    pub guild: GuildRef,
    /// Its home channel (one community per channel).
    pub channel: ChannelRef,
    /// What organizers can change.
    pub settings: Settings,
    /// The agenda roles of future gatherings.
    pub template: Template,
    /// When it was set up.
    pub created_at: DateTime<Utc>,
    /// How many times what its posts are planned from (reminders, role prompt, zone) was changed:
    /// reminders and prompts planned from these settings are kept only while this is still the revision
    /// saved.
    pub settings_revision: i64,
}

/// A validated `/community settings` call: `None` leaves a setting as it is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SettingsChange {
    /// The new name; `None` keeps it.
    pub name: Option<CommunityName>,
    /// The new IANA time zone; `None` keeps it.
    pub time_zone: Option<Tz>,
    /// New organizer role; `Some(None)` removes it.
    pub organizer_role: Option<Option<RoleRef>>,
    /// When reminders go out from now on; `None` keeps them.
    pub reminders: Option<ReminderOffsets>,
    /// The new role-prompt cron, or off; `None` keeps it.
    pub role_prompt: Option<RolePrompt>,
    /// DM reminders on or off.
    pub dm_reminders: Option<bool>,
    /// One role per member on or off.
    pub one_role_per_member: Option<bool>,
    /// The public page on or off.
    pub public_page: Option<bool>,
    /// Names on the public page on or off.
    pub public_names: Option<bool>,
    /// `24h` or `12h`.
    pub time_format: Option<TimeFormat>,
    /// `en` or `fr`.
    pub language: Option<Lang>,
}

impl SettingsChange {
    /// Nothing was asked for.
    pub fn is_empty(&self) -> bool {
        *self == SettingsChange::default()
    }

    /// The settings after the change, and each setting that actually changed (in the order
    /// `/community settings` lists them; said in words by `i18n::words::setting_change`).
    pub fn apply(&self, current: &Settings) -> (Settings, Vec<SettingChange>) {
        let mut next = current.clone();
        let mut changed = Vec::new();
        if let Some(name) = &self.name {
            if *name != current.name {
                changed.push(SettingChange::Name {
                    from: current.name.clone(),
                    to: name.clone(),
                });
                next.name = name.clone();
            }
        }
        if let Some(zone) = self.time_zone {
            if zone != current.time_zone {
                changed.push(SettingChange::TimeZone {
                    from: current.time_zone,
                    to: zone,
                });
                next.time_zone = zone;
            }
        }
        if let Some(role) = self.organizer_role {
            if role != current.organizer_role {
                changed.push(SettingChange::OrganizerRole {
                    from: current.organizer_role,
                    to: role,
                });
                next.organizer_role = role;
            }
        }
        if let Some(language) = self.language {
            if language != current.language {
                changed.push(SettingChange::Language {
                    from: current.language,
                    to: language,
                });
                next.language = language;
            }
        }
        if let Some(format) = self.time_format {
            if format != current.time_format {
                changed.push(SettingChange::TimeFormat {
                    from: current.time_format,
                    to: format,
                });
                next.time_format = format;
            }
        }
        if let Some(reminders) = &self.reminders {
            // Set by an organizer, even to what they were: they no longer follow the rhythm.
            next.reminders_chosen = true;
            if *reminders != current.reminders {
                changed.push(SettingChange::Reminders {
                    from: current.reminders.clone(),
                    to: reminders.clone(),
                });
                next.reminders = reminders.clone();
            }
        }
        if let Some(prompt) = &self.role_prompt {
            if *prompt != current.role_prompt {
                changed.push(SettingChange::RolePrompt {
                    from: current.role_prompt.clone(),
                    to: prompt.clone(),
                    format: next.time_format,
                });
                next.role_prompt = prompt.clone();
            }
        }
        if let Some(dm) = self.dm_reminders {
            if dm != current.dm_reminders {
                changed.push(SettingChange::DmReminders(dm));
                next.dm_reminders = dm;
            }
        }
        if let Some(one) = self.one_role_per_member {
            if one != current.one_role_per_member {
                changed.push(SettingChange::OneRolePerMember(one));
                next.one_role_per_member = one;
            }
        }
        if let Some(public) = self.public_page {
            if public != current.public_page {
                changed.push(SettingChange::PublicPage(public));
                next.public_page = public;
            }
        }
        if let Some(names) = self.public_names {
            if names != current.public_names {
                changed.push(SettingChange::PublicNames(names));
                next.public_names = names;
            }
        }
        (next, changed)
    }
}

/// One setting a `/community settings` call changed, from what it was to what it is now (an on/off
/// setting holds its new value: it was the other one).
#[derive(Debug, Clone, PartialEq)]
pub enum SettingChange {
    /// The community's name.
    Name {
        /// Before.
        from: CommunityName,
        /// After.
        to: CommunityName,
    },
    /// Its time zone.
    TimeZone {
        /// Before.
        from: Tz,
        /// After.
        to: Tz,
    },
    /// Its organizer role (`None`: members with Manage Server only).
    OrganizerRole {
        /// Before.
        from: Option<RoleRef>,
        /// After.
        to: Option<RoleRef>,
    },
    /// The language of its posts and cards.
    Language {
        /// Before.
        from: Lang,
        /// After.
        to: Lang,
    },
    /// How its wall-clock times read.
    TimeFormat {
        /// Before.
        from: TimeFormat,
        /// After.
        to: TimeFormat,
    },
    /// When reminders go out.
    Reminders {
        /// Before.
        from: ReminderOffsets,
        /// After.
        to: ReminderOffsets,
    },
    /// When unclaimed roles are nudged.
    RolePrompt {
        /// Before.
        from: RolePrompt,
        /// After.
        to: RolePrompt,
        /// The time format both are read in (the one after the change).
        format: TimeFormat,
    },
    /// DM reminders, now on (`true`) or off.
    DmReminders(bool),
    /// One role per member, now on or off.
    OneRolePerMember(bool),
    /// The public page, now on or off.
    PublicPage(bool),
    /// Names on the public page, now on or off.
    PublicNames(bool),
}

/// A role as Discord renders it (a mention shows the role's name and pings nobody when
/// `allowed_mentions` forbids it), or "none".
pub fn show_role(role: Option<RoleRef>) -> String {
    role.map_or_else(|| "none".to_owned(), |r| format!("<@&{r}>"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> Settings {
        Settings::new(
            CommunityName::parse("Circle").unwrap(),
            chrono_tz::America::Phoenix,
            None,
        )
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(
            CommunityName::parse("  Facilitation   Circle \n")
                .unwrap()
                .as_str(),
            "Facilitation Circle"
        );
        assert!(CommunityName::parse("   ").is_err());
        assert!(CommunityName::parse(&"x".repeat(101)).is_err());
        assert!(CommunityName::parse(&"é".repeat(100)).is_ok());
    }

    #[test]
    fn names_of_invisible_characters_are_empty() {
        for invisible in [
            "\u{200B}\u{200B}",
            "\u{3164}",
            "\u{2800}",
            " \u{FEFF} ",
            "\u{200D}\u{FE0F}",
        ] {
            let err = CommunityName::parse(invisible).unwrap_err().to_string();
            assert!(err.contains("empty"), "{invisible:?}: {err}");
        }
    }

    #[test]
    fn names_are_stored_composed_and_keep_their_emoji() {
        assert_eq!(
            CommunityName::parse("Cafe\u{301} Circle").unwrap().as_str(),
            "Caf\u{E9} Circle"
        );
        assert_eq!(
            CommunityName::parse("🌱 Circle\u{200B}").unwrap().as_str(),
            "🌱 Circle"
        );
        // The length counts what is left after cleaning.
        let padded = format!("{}{}", "x".repeat(100), "\u{200B}".repeat(20));
        assert!(CommunityName::parse(&padded).is_ok());
    }

    #[test]
    fn applying_a_change_reports_only_what_changed() {
        let change = SettingsChange {
            name: Some(CommunityName::parse("Circle").unwrap()),
            time_zone: Some(chrono_tz::Europe::London),
            organizer_role: Some(Some(RoleRef(9))),
            dm_reminders: Some(true),
            ..Default::default()
        };
        let (next, changed) = change.apply(&settings());
        assert_eq!(next.time_zone, chrono_tz::Europe::London);
        assert_eq!(next.organizer_role, Some(RoleRef(9)));
        assert!(next.dm_reminders);
        assert_eq!(changed.len(), 3, "{changed:?}");
        assert!(crate::i18n::words::setting_change(Lang::En, &changed[0])
            .contains("America/Phoenix → Europe/London"));
        assert!(SettingsChange::default().is_empty());
    }
}
